#include "lang/line_diff.hpp"

#include <algorithm>
#include <cstdint>

#include <fmt/format.h>

namespace sop {

namespace {

constexpr size_t k_max_cells = size_t{1} << 24;  // 64 MiB of table at most

// The hunks of the LCS diff of a[a0, a1) and b[b0, b1), appended to `out`.
void lcs_hunks(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b,
               size_t a0, size_t a1, size_t b0, size_t b1, std::vector<LineHunk>& out) {
  size_t n = a1 - a0, m = b1 - b0;
  if (n == 0 && m == 0) return;
  if (n * m > k_max_cells) {
    out.push_back({a0, a1, b0, b1});
    return;
  }
  std::vector<uint32_t> lcs((n + 1) * (m + 1), 0);
  auto at = [&](size_t i, size_t j) -> uint32_t& { return lcs[i * (m + 1) + j]; };
  for (size_t i = n; i-- > 0;)
    for (size_t j = m; j-- > 0;)
      at(i, j) = a[a0 + i] == b[b0 + j] ? at(i + 1, j + 1) + 1 : std::max(at(i + 1, j), at(i, j + 1));
  size_t i = 0, j = 0;
  bool open = false;
  LineHunk cur;
  auto close = [&] {
    if (open) out.push_back({cur.a_begin, a0 + i, cur.b_begin, b0 + j});
    open = false;
  };
  while (i < n || j < m) {
    if (i < n && j < m && a[a0 + i] == b[b0 + j]) {
      close();
      ++i, ++j;
      continue;
    }
    if (!open) cur = LineHunk{a0 + i, a0 + i, b0 + j, b0 + j}, open = true;
    if (j < m && (i == n || at(i, j + 1) >= at(i + 1, j)))
      ++j;
    else
      ++i;
  }
  close();
}

}  // namespace

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    out.push_back(text.substr(pos, nl - pos));
    pos = nl + 1;
  }
  return out;
}

std::vector<LineHunk> line_hunks(const std::vector<std::string_view>& a,
                                 const std::vector<std::string_view>& b) {
  size_t first = 0;
  while (first < a.size() && first < b.size() && a[first] == b[first]) ++first;
  size_t a1 = a.size(), b1 = b.size();
  while (a1 > first && b1 > first && a[a1 - 1] == b[b1 - 1]) --a1, --b1;
  std::vector<LineHunk> out;
  lcs_hunks(a, b, first, a1, first, b1, out);
  return out;
}

namespace {

// "l,n" of a unified diff's range header: the first line (1-based; the line before, for an
// empty range) and the count.
std::string range(size_t begin, size_t end) {
  size_t n = end - begin;
  return fmt::format("{},{}", n == 0 ? begin : begin + 1, n);
}

}  // namespace

std::string unified_diff(std::string_view a_text, std::string_view b_text,
                         std::string_view a_name, std::string_view b_name, size_t context) {
  std::vector<std::string_view> a = split_lines(a_text), b = split_lines(b_text);
  // A last line without its line break differs from the same line with one, and says so as
  // `diff` does.
  std::string a_last, b_last;
  auto mark_unended = [](std::string_view text, std::vector<std::string_view>& lines,
                         std::string& last) {
    if (text.empty() || text.back() == '\n') return;
    last = std::string(lines.back()) + "\n\\ No newline at end of file";
    lines.back() = last;
  };
  mark_unended(a_text, a, a_last);
  mark_unended(b_text, b, b_last);
  std::vector<LineHunk> hunks = line_hunks(a, b);
  if (hunks.empty()) return "";
  std::string out = fmt::format("--- {}\n+++ {}\n", a_name, b_name);
  for (size_t h = 0; h < hunks.size();) {
    // Hunks whose contexts touch are printed as one.
    size_t last = h;
    while (last + 1 < hunks.size() && hunks[last + 1].a_begin - hunks[last].a_end <= 2 * context)
      ++last;
    size_t a0 = hunks[h].a_begin - std::min(context, hunks[h].a_begin);
    size_t b0 = hunks[h].b_begin - (hunks[h].a_begin - a0);
    size_t a1 = std::min(a.size(), hunks[last].a_end + context);
    size_t b1 = hunks[last].b_end + (a1 - hunks[last].a_end);
    out += fmt::format("@@ -{} +{} @@\n", range(a0, a1), range(b0, b1));
    size_t i = a0;
    for (size_t k = h; k <= last; ++k) {
      for (; i < hunks[k].a_begin; ++i) out += fmt::format(" {}\n", a[i]);
      for (size_t x = hunks[k].a_begin; x < hunks[k].a_end; ++x) out += fmt::format("-{}\n", a[x]);
      for (size_t y = hunks[k].b_begin; y < hunks[k].b_end; ++y) out += fmt::format("+{}\n", b[y]);
      i = hunks[k].a_end;
    }
    for (; i < a1; ++i) out += fmt::format(" {}\n", a[i]);
    h = last + 1;
  }
  return out;
}

}  // namespace sop
