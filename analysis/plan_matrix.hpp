#pragma once
// The N-way comparison of plans behind `sop matrix`: for each output component (`decision`,
// `route.tier`, `reasons[unclear_diagnosis]`, `notices.deny[denial].contents[appeal_rights]`,
// …), the case space is partitioned into cells where the tuple of every plan's value is
// constant; a row is a cell where the plans' values are not all equal, with the citations that
// answer for each plan's value there. Each plan is
// evaluated symbolically once over the case space the plans share (analysis/symbolic.hpp), so
// the rows are exact: no case is sampled, and a component without rows is one on which the
// plans agree in every case of the domain (docs/diff.md).
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/semantic_diff.hpp"
#include "lang/program.hpp"

namespace sop::analysis {

struct MatrixOptions {
  // Only cases that give every fact (the default), or also cases where facts are absent
  // (where plans differ in what they can decide without a fact: `undetermined`, null).
  bool complete_cases = true;
  const TimeZone* zone = nullptr;  // the clock witnesses' date-times are written on
  size_t max_cubes = 6;            // conditions listed per row, at most (the row stays exact)
  size_t max_rows = 0;             // rows listed per component, at most (0: all; counts stay exact)
  size_t max_nodes = 50'000'000;   // combinations of alternatives compared, at most
};

struct MatrixRow {
  std::string output;                  // the output (JSON name)
  std::string component;               // the component of it compared
  std::vector<nlohmann::json> values;  // per plan (null: none / unknown; an item: true / null)
  std::vector<uint8_t> no_value;       // per plan: why its value is null (NoValue bits,
                                       // output_components.hpp)
  // Per plan: the rules whose citations answer for its value somewhere in the cell (k_none:
  // a value no rule gave, e.g. an absent item), by rule index.
  std::vector<std::vector<int32_t>> cites;
  std::vector<Region> cubes;            // the cell as a cover by cubes (at most max_cubes)
  std::vector<std::string> conditions;  // the same, readable
  bool conditions_cut = false;          // more cubes than listed
  nlohmann::json witness;               // a sop.case/1 case in the cell, with few fields
  // Evaluating the witness under every plan gives `values`, with one of `cites`.
  bool confirmed = false;
};

struct OutputSummary {
  std::string output;
  size_t rows = 0;        // rows where the plans differ (listed or not)
  bool constant = false;  // every plan gives one and the same value in every case
  nlohmann::json value;   // that value, when constant
};

struct PlanMatrix {
  std::vector<std::string> plans;      // plan ids, in the order given
  std::vector<OutputSummary> outputs;  // in declaration order
  std::vector<MatrixRow> rows;         // by output, component, then values
  bool complete_cases = true;
  bool complete = true;            // false: the product bound was reached
  std::vector<std::string> notes;  // caveats (facts or outputs only some plans have, …)
};

class Comparison;

PlanMatrix plan_matrix(const std::vector<const Program*>& programs,
                       const MatrixOptions& options = {});
// The same for the programs `which` (indices) of a comparison already built
// (analysis/comparison.hpp), sharing its work with every other question asked of it.
PlanMatrix plan_matrix(Comparison& comparison, const std::vector<size_t>& which,
                       const MatrixOptions& options = {});

}  // namespace sop::analysis
