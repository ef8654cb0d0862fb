// The line diff (lang/line_diff.hpp): hunks that turn A into B, checked by applying them to
// random pairs of texts, and the unified diff's ranges, context and missing final line break.
#include <gtest/gtest.h>

#include <random>

#include "lang/line_diff.hpp"

namespace sop {
namespace {

// B rebuilt from A and the hunks: A's lines outside them, B's inside.
std::vector<std::string_view> apply(const std::vector<std::string_view>& a,
                                    const std::vector<std::string_view>& b,
                                    const std::vector<LineHunk>& hunks) {
  std::vector<std::string_view> out;
  size_t i = 0;
  for (const LineHunk& h : hunks) {
    EXPECT_LE(i, h.a_begin);
    EXPECT_EQ(h.a_begin - i, h.b_begin - (out.size()));
    for (; i < h.a_begin; ++i) out.push_back(a[i]);
    for (size_t j = h.b_begin; j < h.b_end; ++j) out.push_back(b[j]);
    i = h.a_end;
  }
  for (; i < a.size(); ++i) out.push_back(a[i]);
  return out;
}

TEST(LineDiff, HunksTurnAIntoBOnRandomTexts) {
  std::mt19937 rng(7);
  const std::vector<std::string_view> words = {"a", "b", "c", "", "d"};
  for (int round = 0; round < 2000; ++round) {
    std::vector<std::string_view> a, b;
    for (size_t n = rng() % 12; n > 0; --n) a.push_back(words[rng() % words.size()]);
    for (size_t n = rng() % 12; n > 0; --n) b.push_back(words[rng() % words.size()]);
    std::vector<LineHunk> hunks = line_hunks(a, b);
    EXPECT_EQ(apply(a, b, hunks), b);
    for (const LineHunk& h : hunks) EXPECT_TRUE(h.a_end > h.a_begin || h.b_end > h.b_begin);
    if (a == b) EXPECT_TRUE(hunks.empty());
  }
}

TEST(LineDiff, AHunkIsOnlyTheLinesThatChange) {
  std::vector<std::string_view> a = {"1", "2", "3", "4"}, b = {"1", "two", "3", "4", "5"};
  std::vector<LineHunk> h = line_hunks(a, b);
  ASSERT_EQ(h.size(), 2u);
  EXPECT_EQ(h[0].a_begin, 1u);
  EXPECT_EQ(h[0].a_end, 2u);
  EXPECT_EQ(h[1].a_begin, 4u);
  EXPECT_EQ(h[1].b_begin, 4u);
  EXPECT_EQ(h[1].b_end, 5u);
}

TEST(LineDiff, UnifiedDiffHasContextAndJoinsNearbyChanges) {
  std::string a = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n16\n";
  std::string b = "1\nTWO\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\nSIXTEEN\n";
  EXPECT_EQ(unified_diff(a, b, "x", "y", 3),
            "--- x\n+++ y\n"
            "@@ -1,5 +1,5 @@\n 1\n-2\n+TWO\n 3\n 4\n 5\n"
            "@@ -13,4 +13,4 @@\n 13\n 14\n 15\n-16\n+SIXTEEN\n");
  EXPECT_EQ(unified_diff(a, b, "x", "y", 7).find("@@ -1,16 +1,16 @@"), 12u);
  EXPECT_EQ(unified_diff(a, a, "x", "y"), "");
}

TEST(LineDiff, AMissingFinalLineBreakIsADifference) {
  EXPECT_EQ(unified_diff("a\nb", "a\nb\n", "x", "y"),
            "--- x\n+++ y\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n");
  EXPECT_EQ(unified_diff("", "a\n", "x", "y"), "--- x\n+++ y\n@@ -0,0 +1,1 @@\n+a\n");
}

}  // namespace
}  // namespace sop
