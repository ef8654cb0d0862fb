#pragma once
// `sop fmt`: the one canonical layout of a module (docs/language.md, "Layout"), for the CLI and
// the language server's formatting request.
//
// Only the whitespace between tokens changes: the formatted text has the same tokens, comments
// included, in the same order. Comments keep how they sat (at the end of a line of code, or on
// lines of their own, with a blank line before or after kept); every other line break, blank
// line and space is decided by the construct, so the output depends on the tokens alone.
// A text that does not parse is not formatted: its syntax errors are returned, the text as is.
#include <string>
#include <string_view>
#include <vector>

#include "lang/diagnostic.hpp"

namespace sop {

struct FormatResult {
  std::string text;                     // the formatted text, or the input when it has errors
  std::vector<Diagnostic> diagnostics;  // syntax errors (as `sop check` reports them), file 0
  bool ok() const { return diagnostics.empty(); }
};

// Formats `text`, the contents of `file_name` (named in diagnostics; its stem is the module).
// Before returning, checks that the result parses to the same AST (lang/ast_printer.hpp) and
// has the same tokens; if not (a formatter bug), returns the text unchanged with error E0190.
FormatResult format_source(std::string_view text, std::string_view file_name);

}  // namespace sop
