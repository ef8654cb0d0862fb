#pragma once
// The tokens of a module as the formatter sees them: every token of the grammar, comments
// included, with where it starts and how many line breaks precede it. The formatter only ever
// changes the whitespace between these tokens (lang/formatter.hpp).
//
// Lexing is simpler than parsing because the formatter lexes only text that parsed: a token is
// an identifier or keyword, a string, a number, a date or datetime, a comment, or punctuation.
#include <cstdint>
#include <string_view>
#include <vector>

namespace sop::format {

struct Token {
  enum class Kind { word, string, number, punct, comment };
  Kind kind = Kind::word;
  std::string_view text;
  uint32_t offset = 0;
  int newlines_before = 0;  // line breaks between the previous token (or the file's start) and this
  size_t match = 0;         // for `(`, `[`, `{` and their closers: the other bracket's index

  bool is(std::string_view t) const { return kind != Kind::comment && text == t; }
  bool comment() const { return kind == Kind::comment; }
};

// The tokens of `text` (which parsed), in order. A leading byte order mark is not a token.
std::vector<Token> lex(std::string_view text);

}  // namespace sop::format
