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

// The length of a number, date or datetime starting at `i`: digits, then for a date
// `-DD-DD` and an optional `T…` time with its offset. A date's `-` is part of it only when
// four digits precede it, so `2024 - 1` stays three tokens.
size_t number_length(std::string_view s, size_t i) {
  size_t j = i;
  while (j < s.size() && digit(s[j])) ++j;
  bool date = j - i == 4 && j + 5 < s.size() + 0 && s[j] == '-' && digit(s[j + 1]);
  if (!date) return j - i;
  j += 6;  // -MM-DD
  if (j < s.size() && (s[j] == 'T' || s[j] == 't') && j + 1 < s.size() && digit(s[j + 1])) {
    ++j;
    while (j < s.size() && (digit(s[j]) || s[j] == ':' || s[j] == '.')) ++j;
    if (j < s.size() && (s[j] == 'Z' || s[j] == 'z')) {
      ++j;
    } else if (j < s.size() && (s[j] == '+' || s[j] == '-')) {
      j += 6;  // +HH:MM
    }
  }
  return std::min(j, s.size()) - i;
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
