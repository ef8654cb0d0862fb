#pragma once
// Text helpers of the REPL: splitting command lines into words, wrapping table cells, "did you
// mean" suggestions and the optional ANSI colours.
#include <string>
#include <string_view>
#include <vector>

namespace sop::repl {

// Splits `s` into words at blanks; a "…" string (with \" escapes) or a bracketed group
// ([…], {…}, (…)) stays one word. With `max_words` > 0, the last word is the rest of the line,
// trimmed, as written.
std::vector<std::string> split_words(std::string_view s, size_t max_words = 0);

// `s` without leading and trailing blanks.
std::string trim(std::string_view s);

// Greedy word wrap at `width` columns; an over-long word is cut, after an underscore if it can
// be. Never returns no line.
std::vector<std::string> wrap(const std::string& s, size_t width);

// The candidate closest to `word` by edit distance (at most 2 edits, or a prefix), or "".
std::string closest(const std::string& word, const std::vector<std::string>& candidates);

// " (did you mean `x`?)" when a candidate is close, else "".
std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates);

// Display width of UTF-8 text (code points; the REPL prints no wide characters of its own).
size_t display_width(std::string_view s);
// `s` padded with spaces to `width` display columns.
std::string pad(const std::string& s, size_t width);

// ANSI styling, or none: a script's output and golden transcripts must stay plain.
struct Style {
  bool color = false;
  std::string differ(const std::string& s) const;  // where plans disagree
  std::string error(const std::string& s) const;
  std::string dim(const std::string& s) const;
  std::string bold(const std::string& s) const;
};

}  // namespace sop::repl
