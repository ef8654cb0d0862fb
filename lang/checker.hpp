#pragma once
// The checker: resolves names, types every expression, assembles definitions (refining
// baselines), orders evaluation and lowers everything into a Program.
#include <string>
#include <vector>

#include "lang/ast.hpp"
#include "lang/diagnostic.hpp"
#include "lang/program.hpp"

namespace sop {

// `modules` are in dependency order (imports before importers); the last one is the root.
// Fills `program` (whose `sources` already hold every module's file) and adds diagnostics
// (codes E02xx) to `diags`.
// `readings` choose options other than the defaults (an unknown reading or option is an error).
void check_program(const std::vector<ast::Module>& modules, Program& program, Diagnostics& diags,
                   const std::vector<ReadingChoice>& readings = {});

// Checks and lowers one expression against a checked program, for tools (a REPL's ad-hoc
// expressions, a diff's conditions). The text becomes a source file named `name`; its nodes
// are appended to the program, and evaluators of the program can evaluate them. Returns the
// node index, or k_none with diagnostics. `expected` guides bare enum names (0: none).
int32_t compile_expression(Program& program, const std::string& text, Diagnostics& diags,
                           TypeId expected = 0, const std::string& name = "<input>");

}  // namespace sop
