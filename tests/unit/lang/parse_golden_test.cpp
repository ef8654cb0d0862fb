// The parse goldens (tests/golden/parse/): NAME.sop → NAME.ast, the printed AST; error_NAME.sop →
// error_NAME.err, the syntax error's diagnostics. Run here, against the parser alone.
#include <gtest/gtest.h>

#include "lang/ast_printer.hpp"
#include "lang/parser.hpp"
#include "tests/support/golden.hpp"

namespace sop {
namespace {

std::vector<golden::Output> parse_golden(const golden::Input& input) {
  std::string stem = input.path.stem().string();
  bool is_error = stem.rfind("error_", 0) == 0;
  SourceSet sources;
  uint32_t file = sources.add(input.relative(), golden::read_file(input.path), stem);
  Diagnostics diags;
  ast::NodeId next_id = 1;
  std::optional<ast::Module> m = parse_module(sources, file, next_id, diags);
  std::string actual = m ? print_module(*m) : format_diagnostics(diags, sources);
  EXPECT_EQ(m.has_value(), !is_error) << input.relative() << "\n" << actual;
  return {{is_error ? ".err" : ".ast", actual}};
}

[[maybe_unused]] const bool registered = golden::register_kind({.folder = "parse",
                                                                .extensions = {".sop"},
                                                                .suite = "ParseGoldens",
                                                                .produce = parse_golden,
                                                                .at_least = 5});

}  // namespace
}  // namespace sop
