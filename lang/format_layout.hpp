#pragma once
// The whitespace between the tokens of a module being formatted, and the text it makes.
//
// Each token has a separator: the whitespace written before it. The formatter's walk over the
// AST (lang/format_walk.cpp) sets line breaks where constructs begin; everything else stays on
// its line with the spacing `Layout` derives from the two tokens around it. Comments keep how
// they sat: one that ended a line of code still ends it, one on a line of its own stays there,
// and a blank line before or after a comment is kept (the only whitespace the author chooses).
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "lang/format_tokens.hpp"

namespace sop::format {

// The column the shipped files keep to; only strings may run past it.
inline constexpr int k_width = 100;

struct Separator {
  int newlines = 0;   // 0: same line; 1: next line; 2: after a blank line
  int indent = 0;     // when newlines > 0; -1: continuation of the line above (set on render)
  bool space = true;  // when newlines == 0
};

class Layout {
 public:
  explicit Layout(std::vector<Token> tokens);

  const std::vector<Token>& tokens() const { return tokens_; }
  // The index of the code token that starts at byte `offset`.
  size_t at(uint32_t offset) const;
  // The index of the last code token that starts before byte `end`.
  size_t last_before(uint32_t end) const;
  // The first code token in [from, to) spelt `text` outside brackets opened within the range.
  size_t find(size_t from, size_t to, std::string_view text) const;

  // Token `i` starts a line at `indent` (after a blank line when `newlines` is 2). Comments
  // just before it move with it, at `comment_indent` (default: `indent`).
  void line(size_t i, int indent, int newlines = 1, int comment_indent = -1);
  // Token `i` stays on the line of the token before it.
  void join(size_t i, bool space);
  // Comments after the last declaration, on lines of their own, start at the margin.
  void end_of_file();
  bool starts_line(size_t i) const { return seps_[i].newlines > 0; }
  const Separator& separator(size_t i) const { return seps_[i]; }

  // The indent of the line token `i` is on, and the width of that line (code only: a comment
  // at a line's end does not count).
  int line_indent(size_t i) const;
  int line_width(size_t i) const;
  // The column token `i` starts at (0-based).
  int column(size_t i) const;
  bool too_long(size_t i) const { return line_width(i) > k_width; }

  // Runs `step` after every line break of the structure is set: a step that measures lines
  // (to join or break them) must see where the constructs after it begin.
  void defer(std::function<void()> step) { deferred_.push_back(std::move(step)); }
  void run_deferred();

  // The formatted text, ending with one line break.
  std::string render() const;

 private:
  size_t line_start(size_t i) const;
  int resolved_indent(size_t i) const;

  std::vector<Token> tokens_;
  std::vector<Separator> seps_;
  std::vector<size_t> code_;
  std::vector<std::function<void()>> deferred_;  // indices of the code tokens, for at()
};

}  // namespace sop::format
