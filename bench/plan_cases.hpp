#pragma once
// Generated cases for a plan, for benchmarks: a seeded draw over the facts the plan declares,
// each from the representative values of its domain (analysis::CaseSpace: every enumeration
// value, both booleans, the constants the rules compare a fact with and their neighbours, the
// eves of holidays), so the cases reach the plan's rules rather than one path through them.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "analysis/case_space.hpp"

namespace sop::bench {

struct PlanCases {
  std::unique_ptr<analysis::CaseSpace> space;  // owns the strings the cases point into
  std::vector<Case> cases;                     // decoded, as a batch decoder hands them over
  std::vector<std::string> json;               // the same cases as sop.case/1 JSON lines
};

// `n` cases of `program` from `seed`. Each fact is absent (unknown, or its default) with
// probability `absent`, else one of its domain's values, uniformly.
PlanCases generate_plan_cases(const Program& program, size_t n, uint64_t seed, double absent);

}  // namespace sop::bench
