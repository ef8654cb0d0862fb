// The checker as a list of passes (lang/check/passes.hpp): declaration passes build the
// environment of names, then each later pass reads it and fills its part of the Program.
#include "lang/checker.hpp"

#include "lang/check/passes.hpp"
#include "lang/parser.hpp"

namespace sop {

void check_program(const std::vector<ast::Module>& modules, Program& program, Diagnostics& diags,
                   const std::vector<ReadingChoice>& readings) {
  using namespace check;
  Environment env = declare_names(modules, program, diags);
  check_calendars(program, diags);
  resolve_declarations(env, program, diags);
  resolve_readings(env, readings, program, diags);
  Lowering lowering(env, program, diags);
  check_header(env, lowering, program, diags);
  lower_declarations(env, lowering, program);
  assemble_definitions(env, lowering, program, diags);
  check_completeness(env, program, diags);
  order_evaluation(program, diags);
  // Only a program without cycles has a finite depth to measure.
  if (!diags.has_errors()) check_evaluation_limits(program, diags);
  check_tests(env, lowering, program, diags);
  check_invariants(env, lowering, program, diags);
}

int32_t compile_expression(Program& program, const std::string& text, Diagnostics& diags,
                           TypeId expected, const std::string& name) {
  uint32_t file = program.sources.add(name, text, name);
  ast::NodeId next_id = 1;
  ast::ExprPtr e = parse_expression(program.sources, file, next_id, diags);
  if (!e) return k_none;
  size_t errors = diags.error_count();
  check::Environment env = check::environment_of(program);
  NodeIndex n = check::Lowering(env, program, diags).lower(*e, expected);
  if (diags.error_count() > errors) return k_none;
  return static_cast<int32_t>(n);
}

}  // namespace sop
