// The one "did you mean" function: edit distance with swaps, a threshold by length, ties.
#include "lang/suggest.hpp"

#include <gtest/gtest.h>

namespace sop {
namespace {

TEST(Suggest, NamesTheNearestCandidate) {
  EXPECT_EQ(did_you_mean("questions_sugery", {"questions_surgery", "questions_treatment"}),
            "questions_surgery");
  EXPECT_EQ(did_you_mean("qoute", {"quote", "cite", "when"}), "quote");  // a swap is one edit
  EXPECT_EQ(did_you_mean("wen", {"then", "when"}), "when");
  EXPECT_EQ(did_you_mean("otherwse", {"otherwise", "rule"}), "otherwise");
}

TEST(Suggest, StaysSilentWhenNothingIsClose) {
  EXPECT_EQ(did_you_mean("x", {"y", "z"}), std::nullopt);  // too short to guess
  EXPECT_EQ(did_you_mean("int", {"not"}), std::nullopt);
  EXPECT_EQ(did_you_mean("shut", {"open", "closed"}), std::nullopt);
  EXPECT_EQ(did_you_mean("urgent", {"urgent"}), std::nullopt);  // itself is no suggestion
  EXPECT_EQ(did_you_mean("abc", {}), std::nullopt);
}

TEST(Suggest, BreaksTiesAlphabetically) {
  EXPECT_EQ(did_you_mean("cat", {"hat", "bat"}), "bat");
}

TEST(Suggest, EditDistanceStopsAtTheLimit) {
  EXPECT_EQ(edit_distance("kitten", "sitting", 5), 3u);
  EXPECT_EQ(edit_distance("ab", "ba", 2), 1u);
  EXPECT_EQ(edit_distance(std::string(100000, 'a'), "a", 2), 3u);
}

TEST(Suggest, HelpLine) {
  EXPECT_EQ(did_you_mean_help("urgnt", {"urgent"}), "did you mean `urgent`?");
  EXPECT_EQ(did_you_mean_help("zzz", {"urgent"}), "");
}

}  // namespace
}  // namespace sop
