#include "lang/format_tokens.hpp"

#include <cctype>

namespace sop::format {

namespace {

bool ident_start(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_';
}
bool ident_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}
bool digit(char c) {
  return std::isdigit(static_cast<unsigned char>(c)) != 0;
}

// The length of the string literal starting at `i` (at `"`).
size_t string_length(std::string_view s, size_t i) {
  size_t j = i + 1;
  while (j < s.size() && s[j] != '"' && s[j] != '\n') j += s[j] == '\\' ? 2 : 1;
  return (j < s.size() ? j + 1 : s.size()) - i;
}

bool identifier_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
}

// Whether `s` has the date `DDDD-DD-DD` at `i` (grammar.hpp's date_part).
bool date_part_at(std::string_view s, size_t i) {
  if (i + 10 > s.size()) return false;
  for (size_t k = 0; k < 10; ++k)
    if ((k == 4 || k == 7) ? s[i + k] != '-' : !digit(s[i + k])) return false;
  return true;
}

// The length of a number, date or datetime starting at `i`, as the grammar reads it
// (grammar.hpp: date_lit, int_token): a date is exactly `DDDD-DD-DD`, with an optional
// `T…` time and its offset, not followed by a letter, digit or underscore; anything else is the
// digits alone, so `2024 - 1` and `2024-202-30` are numbers and minus signs.
size_t number_length(std::string_view s, size_t i) {
  size_t j = i;
  while (j < s.size() && digit(s[j])) ++j;
  if (j - i != 4 || !date_part_at(s, i)) return j - i;
  size_t k = i + 10;
  if (k + 1 < s.size() && (s[k] == 'T' || s[k] == 't') && digit(s[k + 1])) {
    // The grammar commits after `T` and a digit: a text that parses has a whole time here.
    ++k;
    while (k < s.size() && (digit(s[k]) || s[k] == ':' || s[k] == '.')) ++k;
    if (k < s.size() && (s[k] == 'Z' || s[k] == 'z'))
      ++k;
    else if (k < s.size() && (s[k] == '+' || s[k] == '-'))
      k = std::min(k + 6, s.size());  // +HH:MM
  }
  if (k < s.size() && identifier_char(s[k])) return j - i;
  return k - i;
}

// The length of the punctuation token starting at `i`: the two-character operators first.
size_t punct_length(std::string_view s, size_t i) {
  static constexpr std::string_view k_pairs[] = {"=>", "->", "==", "!=", "<=", ">=", "??", ".."};
  for (std::string_view p : k_pairs)
    if (s.substr(i, 2) == p) return 2;
  return 1;
}

void match_brackets(std::vector<Token>& tokens) {
  std::vector<size_t> open;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    if (t.kind != Token::Kind::punct) continue;
    if (t.text == "(" || t.text == "[" || t.text == "{") {
      open.push_back(i);
    } else if ((t.text == ")" || t.text == "]" || t.text == "}") && !open.empty()) {
      tokens[i].match = open.back();
      tokens[open.back()].match = i;
      open.pop_back();
    }
  }
}

}  // namespace

std::vector<Token> lex(std::string_view s) {
  std::vector<Token> tokens;
  size_t i = s.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  int newlines = 0;
  while (i < s.size()) {
    char c = s[i];
    if (c == '\n') ++newlines;
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
      continue;
    }
    Token t;
    t.offset = static_cast<uint32_t>(i);
    t.newlines_before = newlines;
    size_t n = 1;
    if (s.substr(i, 2) == "//") {
      t.kind = Token::Kind::comment;
      n = s.find('\n', i) == std::string_view::npos ? s.size() - i : s.find('\n', i) - i;
      while (n > 0 && (s[i + n - 1] == '\r' || s[i + n - 1] == ' ' || s[i + n - 1] == '\t')) --n;
    } else if (c == '"') {
      t.kind = Token::Kind::string;
      n = string_length(s, i);
    } else if (digit(c)) {
      t.kind = Token::Kind::number;
      n = number_length(s, i);
    } else if (ident_start(c)) {
      while (i + n < s.size() && ident_char(s[i + n])) ++n;
    } else {
      t.kind = Token::Kind::punct;
      n = punct_length(s, i);
    }
    t.text = s.substr(i, n);
    tokens.push_back(t);
    newlines = 0;
    i += n;
  }
  match_brackets(tokens);
  return tokens;
}

}  // namespace sop::format
