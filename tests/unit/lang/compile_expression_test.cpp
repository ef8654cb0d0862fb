// Expressions compiled against a checked program, as the REPL and other tools use them.
#include <gtest/gtest.h>

#include "lang/checker.hpp"
#include "lang/loader.hpp"

namespace sop {
namespace {

const char* k_source = R"(
enum Color "a color" { red "r" green "g" }
fact a: bool "a"
fact c: Color "c"
output o: bool "o" = a and c == red
)";

TEST(CompileExpression, LowersAgainstTheProgramsNames) {
  LoadResult r = load_program_text("t.sop", k_source);
  ASSERT_TRUE(r.ok()) << format_diagnostics(r.diagnostics, r.program->sources);
  Program& p = *r.program;
  size_t before = p.nodes.size();
  Diagnostics d;
  int32_t n = compile_expression(p, "not a or c == green", d);
  ASSERT_NE(n, k_none) << format_diagnostics(d, p.sources);
  EXPECT_GT(p.nodes.size(), before);
  EXPECT_EQ(p.nodes[n].type, p.types.bool_());
  EXPECT_EQ(p.nodes[n].op, Op::or_);
}

TEST(CompileExpression, ReportsSyntaxAndNameErrorsAgainstItsOwnText) {
  LoadResult r = load_program_text("t.sop", k_source);
  ASSERT_TRUE(r.ok());
  Program& p = *r.program;
  Diagnostics d;
  EXPECT_EQ(compile_expression(p, "a and", d), k_none);
  std::string out = format_diagnostics(d, p.sources);
  EXPECT_EQ(out.substr(0, out.find('\n')), "<input>:1:6: error: expected an expression after `and`")
      << out;
  Diagnostics d2;
  EXPECT_EQ(compile_expression(p, "a and b", d2), k_none);
  out = format_diagnostics(d2, p.sources);
  EXPECT_EQ(out.substr(0, out.find('\n')), "<input>:1:7: error: undefined name `b`") << out;
  Diagnostics d3;
  EXPECT_EQ(compile_expression(p, "a b", d3), k_none);
  out = format_diagnostics(d3, p.sources);
  EXPECT_EQ(out.substr(0, out.find('\n')),
            "<input>:1:3: error: expected an operator or the end of the expression")
      << out;
}

}  // namespace
}  // namespace sop
