#pragma once
// A line diff of two texts: the runs of lines where they differ (longest common subsequence,
// after the common first and last lines are set aside), and the unified diff `diff -u` prints.
// For `sop fmt --diff` and for a revision's hunks (analysis/revision.hpp).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace sop {

// A's lines [a_begin, a_end) become B's [b_begin, b_end) (0-based).
struct LineHunk {
  size_t a_begin = 0, a_end = 0, b_begin = 0, b_end = 0;
};

// The lines of `text`, without their line breaks (a final line break ends the last line).
std::vector<std::string_view> split_lines(std::string_view text);

// The hunks where `a` and `b` differ, in order. The table is quadratic in the lines between
// the common first and last ones; past a bound (a few million cells) that middle is one hunk.
std::vector<LineHunk> line_hunks(const std::vector<std::string_view>& a,
                                 const std::vector<std::string_view>& b);

// `diff -u` of the two texts, with `context` lines around each change; "" when they are equal.
std::string unified_diff(std::string_view a, std::string_view b, std::string_view a_name,
                         std::string_view b_name, size_t context = 3);

}  // namespace sop
