#include "lang/suggest.hpp"

#include <algorithm>

namespace sop {

size_t edit_distance(std::string_view a, std::string_view b, size_t limit) {
  // The distance is at least the difference in length: skipping words too far off keeps a
  // hostile megabyte-long word from costing its length times every candidate's.
  size_t gap = a.size() > b.size() ? a.size() - b.size() : b.size() - a.size();
  if (gap > limit) return limit + 1;
  // Optimal string alignment: Levenshtein plus the swap of two neighbours (`qoute`).
  std::vector<size_t> prev2(b.size() + 1), prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    size_t row_min = cur[0];
    for (size_t j = 1; j <= b.size(); ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1])});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        cur[j] = std::min(cur[j], prev2[j - 2] + 1);
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > limit) return limit + 1;
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return std::min(prev[b.size()], limit + 1);
}

size_t suggestion_threshold(std::string_view word) {
  if (word.size() <= 2) return 0;
  if (word.size() <= 5) return 1;
  return 2;
}

std::optional<std::string> did_you_mean(std::string_view word,
                                        const std::vector<std::string>& candidates) {
  size_t limit = suggestion_threshold(word);
  if (limit == 0) return std::nullopt;
  const std::string* best = nullptr;
  size_t best_d = limit + 1;
  for (const std::string& c : candidates) {
    if (c == word) continue;
    size_t d = edit_distance(word, c, limit);
    if (d < best_d || (d == best_d && best && c < *best)) {
      best_d = d;
      best = &c;
    }
  }
  if (!best || best_d > limit) return std::nullopt;
  return *best;
}

std::string did_you_mean_help(std::string_view word, const std::vector<std::string>& candidates) {
  std::optional<std::string> s = did_you_mean(word, candidates);
  return s ? "did you mean `" + *s + "`?" : "";
}

}  // namespace sop
