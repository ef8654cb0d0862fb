#pragma once
// The checker: resolves names, types every expression, assembles definitions (refining
// baselines), orders evaluation and lowers everything into a Program.
#include <vector>

#include "lang/ast.hpp"
#include "lang/diagnostic.hpp"
#include "lang/program.hpp"

namespace sop {

// `modules` are in dependency order (imports before importers); the last one is the root.
// Fills `program` (whose `sources` already hold every module's file) and adds diagnostics
// (codes E02xx) to `diags`.
void check_program(const std::vector<ast::Module>& modules, Program& program, Diagnostics& diags);

}  // namespace sop
