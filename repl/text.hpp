#pragma once
// Text helpers of the REPL: splitting command lines into words, "did you mean" suggestions and
// the optional ANSI colours. (Display width, padding and wrapping are
// interpreter/value_text.hpp's.)
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

// The candidate closest to `word` by edit distance (at most 2 edits, or a prefix), or "".
std::string closest(const std::string& word, const std::vector<std::string>& candidates);

// " (did you mean `x`?)" when a candidate is close, else "".
std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates);

// ANSI styling, or none: a script's output and golden transcripts must stay plain.
struct Style {
  bool color = false;
  std::string differ(const std::string& s) const;  // where plans disagree
  std::string error(const std::string& s) const;
  std::string dim(const std::string& s) const;
  std::string bold(const std::string& s) const;
};

}  // namespace sop::repl
