#pragma once
// Proving a program's invariants over its whole case space: every fact at each of its
// representative values, absent included, evaluated symbolically (analysis/symbolic.hpp), so a
// proof covers every case and is not a sample. An invariant fails where its condition is true
// and its claim is false; an unknown claim is not a failure (the determination asserts nothing
// there). A failure comes with a counterexample: a minimal sop.case/1 case, confirmed by
// evaluating it the ordinary way, and the rules that decided each value the invariant reads.
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "lang/diagnostic.hpp"
#include "lang/program.hpp"

namespace sop::analysis {

struct InvariantFailure {
  uint32_t invariant = 0;     // index into Program::invariants
  nlohmann::json witness;     // a sop.case/1 case where it fails
  bool complete_case = true;  // the witness gives every fact the invariant's failure needs
  bool confirmed = false;     // evaluating the witness gives condition true and claim false
  // For each output or def the invariant reads: `NAME = VALUE (rule LABEL [CITE])`.
  std::vector<std::string> evidence;
};

// Every invariant of `program` that does not hold (empty: all proved).
std::vector<InvariantFailure> prove_invariants(const Program& program);

// The failures as diagnostics (E0280) at each invariant, with the counterexample as notes.
void report_invariants(const Program& program, const std::vector<InvariantFailure>& failures,
                       Diagnostics& diags);

}  // namespace sop::analysis
