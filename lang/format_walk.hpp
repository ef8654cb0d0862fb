#pragma once
// The formatter's walk over the AST (private to lang/formatter.cpp and its parts): where lines
// break, construct by construct (format_walk.cpp), and how an expression too long for its line
// is broken (format_expr.cpp).
#include <vector>

#include "lang/ast.hpp"
#include "lang/format_layout.hpp"

namespace sop::format {

// The first and last code tokens of a span.
size_t first_token(const Layout& l, const Span& s);
size_t last_token(const Layout& l, const Span& s);
// The code token after `i` (skipping comments), or the end.
size_t next_code(const Layout& l, size_t i);
// The code token before `i` (skipping comments).
size_t prev_code(const Layout& l, size_t i);

// Sets every line break of `module`.
void lay_out_module(const ast::Module& module, Layout& l);

// Joins what belongs together in an expression: a call's name and `(`, `-` and its operand.
void tighten(const ast::Expr& e, Layout& l);
// Tightens `e`, then breaks it if a line it is on is too long; continuation lines at `indent`.
void fit(const ast::Expr& e, Layout& l, int indent);

// The items of a bracketed list (record fields, collection items, call arguments, given facts,
// listed dates), from first to last code token.
struct Item {
  size_t first, last;
};
// Puts the items between `open` and its closing bracket on the line of `open` if they fit
// (and `always_break` is false), else as many to a line as fit, indented by two from the line
// of `open`, the closing bracket on its own line.
void fill(Layout& l, size_t open, const std::vector<Item>& items, bool always_break);

}  // namespace sop::format
