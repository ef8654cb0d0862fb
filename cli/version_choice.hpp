#pragma once
// Which version of a plan decides a case (docs/design.md, "Versions of a plan"): the one in
// force on `--as-of DATE` when given, else on the local day of the case's `received_at` (the
// day the plan received the request, sop.case/1), else — a case that gives no date — the latest.
// Shared by `sop eval` and `sop eval --batch`.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "interpreter/plan_versions.hpp"

namespace sop::cli {

struct VersionChoice {
  std::optional<size_t> index;     // into PlanVersions::versions; nullopt: none was in force
  bool latest_by_default = false;  // several versions, and the case gives no date
  std::string error;               // why none was in force
};

// What text output says beside a version chosen by default.
inline constexpr std::string_view k_latest_by_default =
    "the case gives no received_at: the latest version";

class VersionChooser {
 public:
  VersionChooser(const PlanVersions& plan, std::optional<int32_t> as_of);
  // `c` is decoded under the plan's latest version, whose case format reads the date.
  VersionChoice choose(const Case& c) const;

 private:
  std::optional<int32_t> day_of(const Case& c) const;

  const PlanVersions& plan_;
  std::optional<int32_t> as_of_;
  int32_t date_var_ = -1;  // the latest version's `received_at`, if it declares one
};

// "2025-09-10" as --as-of takes it, or nullopt.
std::optional<int32_t> parse_as_of(std::string_view text);

}  // namespace sop::cli
