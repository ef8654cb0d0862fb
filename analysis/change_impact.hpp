#pragma once
// Change impact: every semantic difference between two versions of a plan, attributed to the
// edit that causes it. A revision's edits (analysis/revision.hpp) are applied to A one group at a
// time; a case where A and B decide a component differently is attributed to each edit whose
// "A plus this edit alone" already gives B's value there, and to the combination of edits when
// none alone does. All of A, B and every A-plus-edit are evaluated symbolically once, in one
// comparison (analysis/comparison.hpp), so the attribution is exact: the attributed and the
// combined rows together are exactly the cases where A and B differ.
//
// Rows are listed over cases that give every fact (the complete domain); cells of difference
// with no complete case arise only from how missing facts are handled and are counted apart
// (listed too when asked).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/comparison.hpp"
#include "analysis/revision.hpp"
#include "analysis/semantic_diff.hpp"

namespace sop::analysis {

struct EffectRow {
  std::string component;           // "timeframe.amount"
  nlohmann::json from, to;         // A's value, B's value
  std::string from_text, to_text;  // as a reader says them (a date-time relative to the case's)
  uint8_t from_no_value = 0, to_no_value = 0;  // why a value is null (NoValue bits)
  std::vector<std::string> named;              // conditions the programs name that hold throughout
  std::vector<Region> cubes;                   // the cases (within `named`), as a cover
  bool cut = false;                            // more cubes than listed
  nlohmann::json witness;                      // a sop.case/1 case among them, with few fields
  bool confirmed = false;                      // A and B evaluated on the witness give from / to
  // The row holds for exactly the cases of the row before it (another component of the same
  // change): said with it, not repeated.
  bool same_cases_as_previous = false;
};

struct ImpactOptions {
  bool list_missing = false;  // also list the rows that arise only where facts are missing
  size_t max_cubes = 4;       // conditions listed per row, at most
  size_t max_nodes = 50'000'000;
};

struct ImpactReport {
  // Per edit group (Edit::group), in the order of the revision's edits: the rows it causes.
  struct Group {
    size_t group = 0;
    bool applied = false;  // A plus this edit alone was built and compared
    std::vector<EffectRow> rows;
  };
  std::vector<Group> groups;
  std::vector<EffectRow> combined;              // differences only a combination of edits causes
  std::vector<EffectRow> missing;               // listed only with list_missing
  size_t missing_cells = 0;                     // cells of difference with no complete case
  std::vector<std::string> missing_components;  // their components
  nlohmann::json missing_example;               // a case of one of them
  bool equivalent = true;                       // A and B decide every case alike (a proof)
  bool complete = true;                         // no search bound was reached
};

// `cmp` compares A (program 0), B (program 1) and, for each edit group g with a program of its
// own, program `program_of_group[g]` (A plus that group); nullopt where the group could not be
// built alone.
ImpactReport change_impact(Comparison& cmp, const Revision& revision,
                           const std::vector<std::optional<size_t>>& program_of_group,
                           const ImpactOptions& options = {});

// A value as a reader says it in an effect row: a date-time relative to the case's date-time
// fact when the witness has exactly one ("received_at + 48 h"), else the value.
std::string relative_text(const nlohmann::json& value, const nlohmann::json& witness,
                          const CaseSpace& space);

}  // namespace sop::analysis
