#pragma once
// `:flip`: the smallest change to the current facts that changes an output (or makes it a
// given value), found by search over the fact domains the checker knows: bools, enumeration
// values, calendars, the ends of an integer range, and "unknown" for a fact the case gives.
// Only the facts the output may depend on are tried: single changes first, then pairs, and so
// on, within a bound on the number of evaluations.
#include <optional>
#include <string>
#include <vector>

#include "interpreter/evaluator.hpp"
#include "repl/explain.hpp"

namespace sop::repl {

struct FlipLimits {
  size_t max_changes = 3;
  size_t max_evaluations = 200000;
  size_t max_solutions = 8;  // reported; the rest are counted
};

struct FlipChange {
  uint32_t fact = 0;
  Value from, to;
};

struct FlipSolution {
  std::vector<FlipChange> changes;
  std::string result;  // the output's new value, as a table cell shows it
};

struct FlipOutcome {
  std::vector<FlipSolution> solutions;  // all of the smallest size found
  size_t more = 0;                      // further solutions of that size not listed
  size_t evaluations = 0;
  size_t candidates = 0;  // facts the output may depend on that have a domain to try
  bool budget_hit = false;
};

// Searches changes to `c` (the case `ev` last evaluated). Without a target, the output must
// become known and differ from its current value; with one, it must equal (contain) it. `ev`
// is left evaluated on `c` again, with the trace on.
FlipOutcome flip(Evaluator& ev, const Case& c, uint32_t var, const std::optional<Target>& target,
                 const FlipLimits& limits = {});

}  // namespace sop::repl
