#pragma once
// "Did you mean" suggestions, one way for every message that names an unknown word: the
// checker's undefined names, types, fields, values and functions, the parser's misspelt
// keywords, the case decoder's unknown fields and the REPL's commands and facts.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sop {

// The edit distance of `a` and `b` (insertions, deletions, substitutions and swaps of two
// neighbouring characters each count one), or `limit + 1` once it is known to exceed `limit`.
size_t edit_distance(std::string_view a, std::string_view b, size_t limit);

// The most edits a candidate may be from `word` and still be suggested: none for words of one
// or two characters, one up to five, two beyond.
size_t suggestion_threshold(std::string_view word);

// The candidate nearest `word` within the threshold (ties go to the alphabetically first), or
// nothing; `word` itself among the candidates is never suggested.
std::optional<std::string> did_you_mean(std::string_view word,
                                        const std::vector<std::string>& candidates);

// "did you mean `x`?" for a `help:` line, or "" when nothing is close.
std::string did_you_mean_help(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace sop
