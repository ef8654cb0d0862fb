#include "lang/format_layout.hpp"

#include <algorithm>

namespace sop::format {

namespace {

// Columns are code points: `§` and `…` are one column each.
int columns(std::string_view text) {
  int n = 0;
  for (char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

bool opener(const Token& t) {
  return t.kind == Token::Kind::punct && (t.text == "(" || t.text == "[" || t.text == "{");
}

// Whether a space separates `prev` and `cur` on one line: none inside `()` and `[]`, before
// `,` `:` `.` `..` `?` and closers, after `.` and `..`; one everywhere else (`{ a: 1 }`, around
// operators). Calls `f(x)` and negation `-x` are joined by the walk, which knows them.
bool default_space(const Token& prev, const Token& cur) {
  if (cur.comment()) return true;
  if (cur.kind == Token::Kind::punct) {
    static constexpr std::string_view k_tight_before[] = {",", ")", "]", ".", "..", "?", ":"};
    for (std::string_view p : k_tight_before)
      if (cur.text == p) return false;
    if (cur.text == "}" && prev.is("{")) return false;
  }
  if (prev.kind == Token::Kind::punct)
    return !(prev.text == "(" || prev.text == "[" || prev.text == "." || prev.text == "..");
  return true;
}

}  // namespace

Layout::Layout(std::vector<Token> tokens) : tokens_(std::move(tokens)), seps_(tokens_.size()) {
  for (size_t i = 0; i < tokens_.size(); ++i) {
    const Token& t = tokens_[i];
    if (!t.comment()) code_.push_back(i);
    if (i == 0) {
      seps_[i] = {0, 0, false};
    } else if (t.comment() && t.newlines_before == 0) {
      seps_[i] = {0, 0, true};  // a comment that ends a line of code
    } else if (t.comment() || tokens_[i - 1].comment()) {
      seps_[i] = {t.newlines_before >= 2 ? 2 : 1, -1, false};
    } else {
      seps_[i] = {0, 0, default_space(tokens_[i - 1], t)};
    }
  }
}

size_t Layout::at(uint32_t offset) const {
  auto it = std::lower_bound(code_.begin(), code_.end(), offset,
                             [&](size_t i, uint32_t o) { return tokens_[i].offset < o; });
  return it == code_.end() ? tokens_.size() : *it;
}

size_t Layout::last_before(uint32_t end) const {
  auto it = std::lower_bound(code_.begin(), code_.end(), end,
                             [&](size_t i, uint32_t o) { return tokens_[i].offset < o; });
  return it == code_.begin() ? 0 : *(it - 1);
}

size_t Layout::find(size_t from, size_t to, std::string_view text) const {
  for (size_t k = from; k < to && k < tokens_.size(); ++k) {
    const Token& t = tokens_[k];
    if (t.is(text)) return k;
    if (opener(t) && t.match > k) k = t.match;
  }
  return tokens_.size();
}

void Layout::line(size_t i, int indent, int newlines, int comment_indent) {
  if (i == 0 || i >= tokens_.size()) return;
  if (comment_indent < 0) comment_indent = indent;
  size_t first = i;
  while (first > 0 && tokens_[first - 1].comment()) --first;
  if (first == i) {
    seps_[i] = {newlines, indent, false};
    return;
  }
  // The line break the construct asks for goes before the first comment on a line of its own,
  // or, when the only comment ends the line above, before the token.
  bool placed = false;
  for (size_t k = first; k < i; ++k) {
    const Token& c = tokens_[k];
    if (k == first && c.newlines_before == 0) continue;  // stays at the end of its line
    int wanted = c.newlines_before >= 2 ? 2 : 1;
    seps_[k] = {placed ? wanted : std::max(wanted, newlines), comment_indent, false};
    placed = true;
  }
  int wanted = tokens_[i].newlines_before >= 2 ? 2 : 1;
  seps_[i] = {placed ? wanted : std::max(wanted, newlines), indent, false};
}

void Layout::join(size_t i, bool space) {
  if (i == 0 || i >= tokens_.size() || tokens_[i - 1].comment()) return;
  seps_[i] = {0, 0, space};
}

void Layout::end_of_file() {
  for (size_t i = tokens_.size(); i > 0 && tokens_[i - 1].comment(); --i)
    if (seps_[i - 1].newlines > 0) seps_[i - 1].indent = 0;
}

size_t Layout::line_start(size_t i) const {
  while (i > 0 && seps_[i].newlines == 0) --i;
  return i;
}

int Layout::resolved_indent(size_t i) const {
  if (seps_[i].indent >= 0) return seps_[i].indent;
  // A line that a comment forced inside a construct: the enclosing line's indent, plus four.
  size_t k = i;
  while (k > 0) {
    --k;
    if (seps_[k].newlines > 0 && seps_[k].indent >= 0) return seps_[k].indent + 4;
  }
  return 4;
}

int Layout::line_indent(size_t i) const {
  return resolved_indent(line_start(i));
}

int Layout::line_width(size_t i) const {
  size_t k = line_start(i);
  int width = k == 0 ? 0 : resolved_indent(k);
  for (bool first = true; k < tokens_.size() && (first || seps_[k].newlines == 0); ++k) {
    if (tokens_[k].comment()) break;
    width += (!first && seps_[k].space ? 1 : 0) + columns(tokens_[k].text);
    first = false;
  }
  return width;
}

int Layout::column(size_t i) const {
  size_t k = line_start(i);
  int col = k == 0 ? 0 : resolved_indent(k);
  for (; k < i; ++k) col += columns(tokens_[k].text) + (seps_[k + 1].space ? 1 : 0);
  return col;
}

void Layout::run_deferred() {
  for (size_t k = 0; k < deferred_.size(); ++k) deferred_[k]();
  deferred_.clear();
}

std::string Layout::render() const {
  std::string out;
  for (size_t i = 0; i < tokens_.size(); ++i) {
    const Separator& s = seps_[i];
    if (i > 0 && s.newlines > 0) {
      out.append(static_cast<size_t>(s.newlines), '\n');
      out.append(static_cast<size_t>(resolved_indent(i)), ' ');
    } else if (i > 0 && s.space) {
      out += ' ';
    }
    out += tokens_[i].text;
  }
  out += '\n';
  return out;
}

}  // namespace sop::format
