#pragma once
// Regions said in the policy's own terms. A region of difference written fact by fact repeats
// what the policy already names ("no listed reason holds" becomes seven negated facts); here a
// region is described as a few conditions the compared programs name — a boolean `def`
// (`line_covered`), a list output's items ("B lists no reasons", "A lists reasons
// unclear_diagnosis and no other") — and the facts that remain, when that is shorter.
// Exact: the description "N1 and N2 and (cube or cube …)" is the region within its domain.
#include <string>
#include <vector>

#include "analysis/case_cover.hpp"
#include "analysis/comparison.hpp"

namespace sop::analysis {

struct NamedCondition {
  std::string text;  // as a reader says it
  Bdd::Ref cases;    // where it holds
};

// The conditions programs `which` of `cmp` name, each side labelled (`labels[k]`: "A", "B").
// Conditions equal in every program asked about are named once, without a label.
std::vector<NamedCondition> named_conditions(Comparison& cmp, const std::vector<size_t>& which,
                                             const std::vector<std::string>& labels);

struct Description {
  std::vector<std::string> named;  // named conditions that hold throughout the region
  CaseCover cover;                 // the facts: the region within the named conditions
};

// `set` (inside `domain`) described with at most three named conditions, chosen greedily while
// each makes the description shorter.
Description describe_region(Bdd::Ref set, const CaseDomain& domain,
                            const std::vector<NamedCondition>& names, Comparison& cmp,
                            size_t max_cubes);

}  // namespace sop::analysis
