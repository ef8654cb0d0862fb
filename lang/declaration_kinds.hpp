#pragma once
// The kinds of declaration that the syntax tree and the checked program both name: a variable's
// role, how a definition's rules combine, what a test expectation checks. Kept apart from both
// so that the Program (what later layers see) does not depend on the syntax tree.
namespace sop {

// fact: given by the case; output: part of the determination; def: an intermediate result.
enum class VarKind { fact, output, def };

// How the rules of a definition combine.
enum class Combinator {
  value,    // NAME = EXPR cite …          (one unconditional rule)
  first,    // NAME = first { … }           (first rule whose condition holds)
  collect,  // NAME = collect { … }         (every rule whose condition holds, in order)
};

// What a test's `expect` checks: a condition holds, a value is unknown, exactly these facts
// are missing.
enum class ExpectKind { holds, unknown, missing };

}  // namespace sop
