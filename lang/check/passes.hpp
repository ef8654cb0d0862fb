#pragma once
// The checker's passes, in the order `check_program` runs them (lang/checker.cpp). Each takes
// what it reads as const and names what it fills; diagnostics are values added to `diags`.
//
//   declare_names          modules → names (Environment), vars, documents, calendars
//   check_calendars        calendars' listed holiday dates (lang/check/calendars.cpp)
//   resolve_declarations   types of enums, records, vars and function signatures
//   resolve_readings       readings: their options as an enumeration, the option chosen
//   check_header           the plan header against the declared schema
//   lower_declarations     fact defaults, inline derivations, function bodies → nodes
//   assemble_definitions   rules and refinements → definitions (lang/check/refine.cpp)
//   check_completeness     a plan defines every output and def
//   order_evaluation       dependency order; cycles of calls and of definitions
//   check_evaluation_limits  depth and cost of evaluation (only without cycles)
//   check_tests            in-language tests → test definitions
//   check_invariants       invariants → invariant definitions (proved by analysis/, not here)
#include <vector>

#include "lang/ast.hpp"
#include "lang/check/environment.hpp"
#include "lang/check/lowering.hpp"
#include "lang/diagnostic.hpp"
#include "lang/program.hpp"

namespace sop::check {

// Codes E0210, E0211: duplicate names, misplaced `plan` headers.
Environment declare_names(const std::vector<ast::Module>& modules, Program& program,
                          Diagnostics& diags);
// Codes E0224–E0229: listed holiday dates outside the calendar's or the holiday's years,
// a year listed twice, a date without a source, an empty list, a date outside the holiday's
// window or a window that ends before it starts.
void check_calendars(const Program& program, Diagnostics& diags);
// Codes E0210, E0220–E0223. Completes `env` with the enumerations' values.
void resolve_declarations(Environment& env, Program& program, Diagnostics& diags);
// Codes E0290–E0294. Adds each reading's enumeration to `env` and the program.
void resolve_readings(Environment& env, const std::vector<ReadingChoice>& choices, Program& program,
                      Diagnostics& diags);
// Resolves a type as written (E0220, E0221).
TypeId resolve_type(const Environment& env, Program& program, Diagnostics& diags,
                    const ast::TypeExpr& t);
// Codes E0230–E0234 (E0234: an empty version label).
void check_header(const Environment& env, Lowering& lowering, Program& program, Diagnostics& diags);
void lower_declarations(const Environment& env, Lowering& lowering, Program& program);
// Codes E0401–E0421.
void assemble_definitions(const Environment& env, Lowering& lowering, Program& program,
                          Diagnostics& diags);
// Code E0240.
void check_completeness(const Environment& env, const Program& program, Diagnostics& diags);
// Codes E0250, E0251. Fills program.eval_order.
void order_evaluation(Program& program, Diagnostics& diags);
// Codes E0252, E0253.
void check_evaluation_limits(const Program& program, Diagnostics& diags);
// Codes E0210, E0260.
void check_tests(const Environment& env, Lowering& lowering, Program& program, Diagnostics& diags);
// Codes E0270, E0271.
void check_invariants(const Environment& env, Lowering& lowering, Program& program,
                      Diagnostics& diags);

}  // namespace sop::check
