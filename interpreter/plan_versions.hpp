#pragma once
// The versions of a plan (docs/design.md, "Versions of a plan"): every plan file given with the
// same plan id, and every file of the history folder beside one (`DIR/history/ID/*.sop` for a
// plan `ID` in `DIR`), is a version of one plan; each states the day it is in force from
// (`plan ID version "LABEL" from DATE`), and a case is decided by the version in force on its
// day. Loaded through load_plans, the one plan loader.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "interpreter/loaded_plan.hpp"

namespace sop {

struct PlanVersions {
  // Earliest first, by the day each is in force from. A plan with one version may state no day
  // (and no label); with several, each states both, and no two the same.
  std::vector<LoadedPlan> versions;

  const std::string& id() const { return versions.front().id(); }
  const LoadedPlan& latest() const { return versions.back(); }
  // The version in force on `day` (days since 1970-01-01): the latest in force from that day or
  // before; a version that states no day is in force on every day. nullopt before the earliest.
  std::optional<size_t> in_force_on(int32_t day) const;
  // The version labelled `label`, or null.
  const LoadedPlan* find(std::string_view label) const;
  // The versions' labels, earliest first (those without one left out).
  std::vector<std::string> labels() const;
};

// Why no version decides a case of `day`: "no version of plan `P` was in force on DAY; the
// earliest is in force from DAY0".
std::string not_in_force(const PlanVersions& plan, int32_t day);

// `DIR/history/ID/*.sop` for the plan `id` loaded from `DIR/FILE.sop`, sorted by name; empty when
// there is no such folder.
std::vector<std::string> history_files(const std::string& path, const std::string& id);

// Loads each of `paths` and the history folder beside each (load_plans: the same diagnostics and
// messages), a file met twice once, and groups the plans by id in the order their ids first
// appear. Appends to `errors` "error: …" for a history file that holds another plan, and for a
// plan of several versions where one states no day it is in force from, two state the same day,
// or two the same label (naming both files). Returns whether every file loaded and every plan's
// versions are consistent; `plans` holds those that are.
bool load_plan_versions(const std::vector<std::string>& paths, std::string_view user,
                        std::vector<PlanVersions>& plans, std::string& errors,
                        const LoadOptions& options = {});

}  // namespace sop
