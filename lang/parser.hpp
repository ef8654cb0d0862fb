#pragma once
// Parses one module's text into an AST. PEGTL is private to the parser's .cpp files.
#include <optional>
#include <span>
#include <string_view>

#include "lang/ast.hpp"
#include "lang/diagnostic.hpp"
#include "lang/nesting_limit.hpp"

namespace sop {

// Parses file `file` of `sources`. Node ids are taken from `next_id` (incremented), so that ids
// are unique across every module of a program. On a syntax error, adds a diagnostic (code
// "E0100"–"E0199", the position of the error, what was expected) and returns nullopt.
std::optional<ast::Module> parse_module(const SourceSet& sources, uint32_t file,
                                        ast::NodeId& next_id, Diagnostics& diags);

// Parses file `file` as one expression (the whole text). On a syntax error, adds a diagnostic
// and returns null.
ast::ExprPtr parse_expression(const SourceSet& sources, uint32_t file, ast::NodeId& next_id,
                              Diagnostics& diags);

// Every keyword of the language, reserved or contextual (for suggestions and completion).
std::span<const std::string_view> keywords();

}  // namespace sop
