#pragma once
// The semantic difference of programs: every region of the case space where their
// determinations differ, output component by output component, each with a witness case.
//
// Method (docs/diff.md, docs/design.md "Semantic diff"): each program is evaluated
// symbolically over the whole case space (analysis/symbolic.hpp): every output becomes a list
// of alternatives, each a value and the rule that gave it, guarded by a BDD over the facts'
// encoded values. For each output component, the programs' alternatives are multiplied out by
// value first (rules only where values differ); a product whose guard is not empty and whose
// values differ is a set of cases where the programs decide differently, exact by
// construction. Each such set is covered by cubes over the facts that matter
// (analysis/case_cover.hpp), read as a condition, and given a witness case that is evaluated
// again to confirm it.
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/case_space.hpp"
#include "interpreter/time_zone.hpp"

namespace sop::analysis {

// A set of cases: per fact, the representative values allowed (empty: any value).
struct Region {
  std::vector<std::vector<uint16_t>> allowed;
};

struct Finding {
  std::string component;               // "decision", "route.tier", "reasons[unclear_diagnosis]"
  std::vector<nlohmann::json> values;  // per program (null: absent / unknown)
  std::vector<uint8_t> no_value;       // per program: why its value is null (NoValue bits,
                                       // output_components.hpp)
  std::vector<int32_t> rules;          // per program: the rule that decided the output, or k_none
  Region region;
  std::string condition;   // the region, readable
  nlohmann::json witness;  // a sop.case/1 case in the region
  bool confirmed = false;  // re-evaluating the witness gives `values`
};

struct DiffOptions {
  size_t max_nodes = 50'000'000;   // combinations of alternatives compared, at most
  size_t max_regions = 50;         // regions listed per (component, values, rules), at most
  const TimeZone* zone = nullptr;  // the clock witnesses' date-times are written on
};

struct SemanticDiff {
  std::vector<std::string> outputs;  // the outputs compared (JSON names)
  std::vector<Finding> findings;     // grouped by component, then by values
  size_t nodes = 0;                  // regions explored
  bool complete = true;              // false: the search bound was reached
  std::vector<std::string> notes;    // caveats (facts only one program has, …)
};

class Comparison;

// Compares `programs` (two for a diff, more for a matrix) over the case space they share.
SemanticDiff semantic_diff(const std::vector<const Program*>& programs,
                           const DiffOptions& options = {});
// The same for the programs `which` (indices) of a comparison already built
// (analysis/comparison.hpp), sharing its work with every other question asked of it.
SemanticDiff semantic_diff(Comparison& comparison, const std::vector<size_t>& which,
                           const DiffOptions& options = {});

// An output value as compared: citations left out (they say where, not what).
nlohmann::json semantic_json(const Evaluator& ev, const Value& v, TypeId type);

}  // namespace sop::analysis
