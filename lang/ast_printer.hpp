#pragma once
// A stable, readable dump of the AST as indented S-expressions, for golden tests and debugging.
//
//   (define delivery first
//     (rule express_abroad "express order shipped abroad"
//       (cite "P-12 §4.1")
//       (when (and (== (. shipping zone) abroad) express))
//       (=> (call within (duration 72 hours)))))
//
// A node is written on one line when it fits in 100 columns, else its children go on lines of
// their own, indented by two. Names are bare, strings quoted (with `\"`, `\\`, `\n`, `\t` and
// `\u00XX` escapes), lists in brackets. Ids and spans are not printed.
#include <string>

#include "lang/ast.hpp"

namespace sop {

// The whole module, ending with a newline.
std::string print_module(const ast::Module& module);
// One expression, without a final newline.
std::string print_expr(const ast::Expr& expr);
// One type, as written in print_module: `Tier`, `(list Notice)`, `(? int)`, `(| date datetime)`.
std::string print_type(const ast::TypeExpr& type);
// A string as a sop literal: in double quotes, with the escapes above (for text that tools write
// into .sop files, e.g. `sop new plan`).
std::string string_literal(std::string_view s);

}  // namespace sop
