#pragma once
// Explanations of one plan's evaluation of the current case: why an output has its value (the
// rules that fired, the conditions and facts they read, their citations, the facts still
// missing) and why it does not have another (the rules that would give it and the conditions
// that failed, on which facts). Works on any checked program: nothing here knows a fact by name.
#include <string>

#include "interpreter/evaluator.hpp"

namespace sop::repl {

// A value an output is asked about (`:whynot`, `:flip`): an expression compiled against the
// program, which the output equals, or — for a list or set — which it contains, either as an
// item or as the first field of an item (a list of records is named by its first field, so
// `serious_condition` finds `{ id: serious_condition, cite: … }`).
struct Target {
  enum class Kind { equals, contains, contains_key };
  NodeIndex node = 0;
  Kind kind = Kind::equals;
  std::string text;  // as the user wrote it
};

// Compiles `text` as a value for output or def `var`; on failure returns false with the
// checker's diagnostics (or a type mismatch) in `error`.
bool compile_target(Program& p, uint32_t var, const std::string& text, Target& target,
                    std::string& error);

// Whether the output's shown value (see shown_value) equals / contains the target.
Tri target_holds(Evaluator& ev, uint32_t var, const Target& target);

// `:why`: the explanation of var's value in the case last evaluated (with the trace on). `c` is
// that case, to tell a fact the case gives from a declared default.
std::string explain_why(Evaluator& ev, const Case& c, uint32_t var, const std::string& plan);

// `:whynot`: why var is not (does not contain) the target.
std::string explain_why_not(Evaluator& ev, const Case& c, uint32_t var, const Target& target,
                            const std::string& plan);

}  // namespace sop::repl
