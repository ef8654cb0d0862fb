// Tab completion, as the terminal asks for it: the line up to the cursor in, the word being
// completed and its candidates out. And the small text helpers the dispatcher parses with.
#include <gtest/gtest.h>

#include <filesystem>

#include "repl/session.hpp"
#include "repl/text.hpp"

namespace sop::repl {
namespace {

namespace fs = std::filesystem;

class CompleteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::current_path(SOP_SOURCE_DIR);
    std::string errors;
    ASSERT_TRUE(session.load_plans({"policies/partnership.sop", "policies/hpsj.sop"}, errors))
        << errors;
  }
  std::vector<std::string> words(const std::string& line) { return session.complete(line).words; }
  bool offers(const std::string& line, const std::string& word) {
    std::vector<std::string> w = words(line);
    return std::find(w.begin(), w.end(), word) != w.end();
  }
  Session session;
};

using Words = std::vector<std::string>;

TEST_F(CompleteTest, CommandNames) {
  EXPECT_EQ(words(":se"), Words({":set"}));
  EXPECT_EQ(words(":wh"), Words({":whatif", ":why", ":whynot"}));
  EXPECT_EQ(words(":cl"), Words({":clear", ":clear-overrides"}));
  EXPECT_EQ(words(":").size(), 17u);  // every command that starts with `:`
  EXPECT_EQ(session.complete(":se").start, 0u);
}

TEST_F(CompleteTest, FactNamesAndTheValuesOfTheFactBeingSet) {
  EXPECT_EQ(words(":set urg"), Words({"urgent"}));
  EXPECT_EQ(session.complete(":set urg").start, 5u);
  EXPECT_EQ(words(":set requester "), Words({"authorized_representative", "member",
                                             "other_provider", "treating_provider", "unknown"}));
  EXPECT_EQ(words(":set requester tr"), Words({"treating_provider"}));
  EXPECT_EQ(words(":set urgent "), Words({"false", "true", "unknown"}));
  EXPECT_EQ(words(":set calendar "), Words({"ca_state", "unknown", "us_federal"}));
  EXPECT_TRUE(words(":set received_at ") == Words({"unknown"}));
  EXPECT_EQ(words(":unset urgent in_net"), Words({"in_network_available"}));
  EXPECT_EQ(words(":show care"), Words({"care_from"}));
}

TEST_F(CompleteTest, WhatIfCompletesFactsThenTheirValuesAfterTheEqualsSign) {
  EXPECT_EQ(words(":whatif urg"), Words({"urgent"}));
  EXPECT_EQ(words(":whatif urgent="), Words({"false", "true", "unknown"}));
  Completion c = session.complete(":whatif urgent=true care_from=p");
  EXPECT_EQ(c.words, Words({"pcp"}));
  EXPECT_EQ(c.start, 30u);
}

TEST_F(CompleteTest, PlansOutputsAndOutputValues) {
  EXPECT_EQ(words(":why "), Words({"*", "hpsj", "partnership"}));
  EXPECT_EQ(words(":why part"), Words({"partnership"}));
  EXPECT_EQ(words(":why partnership deci"), Words({"decision"}));
  EXPECT_TRUE(offers(":why partnership ", "line_covered"));  // defs too
  EXPECT_FALSE(offers(":why partnership ", "urgent"));       // not facts
  EXPECT_EQ(words(":whynot partnership decision a"), Words({"approve"}));
  EXPECT_EQ(words(":flip * member_cost c"), Words({"copay"}));
  EXPECT_EQ(words(":override partnership timeframe "), Words({"="}));
  EXPECT_TRUE(offers(":override partnership timeframe = wi", "within") == false);  // fns: no
  EXPECT_TRUE(offers(":override partnership decision = app", "approve"));
}

TEST_F(CompleteTest, ExpressionsCompleteNamesAndEnumerationValues) {
  EXPECT_TRUE(offers("? route.tier == out_of", "out_of_network"));
  EXPECT_TRUE(offers("? urg", "urgent"));
  EXPECT_TRUE(offers("urg", "urgent"));
  EXPECT_TRUE(offers("? (urg", "urgent"));
  EXPECT_EQ(session.complete("? (urg").start, 3u);
}

TEST_F(CompleteTest, FileNamesForLoadAndSave) {
  EXPECT_EQ(words(":load examples/ca"), Words({"examples/cases/"}));
  EXPECT_TRUE(offers(":load examples/cases/urgent", "examples/cases/urgent_knee_surgery.json"));
  EXPECT_TRUE(offers(":save READ", "README.md"));
}

TEST_F(CompleteTest, NothingToOfferAfterACommandWithoutArguments) {
  EXPECT_TRUE(words(":clear x").empty());
  EXPECT_EQ(words(":eval hpsj p"), Words({"partnership"}));
  EXPECT_TRUE(words(":nosuch ").empty());
}

TEST(Text, SplitWordsKeepsStringsAndBracketsTogether) {
  EXPECT_EQ(split_words("  a  b c "), Words({"a", "b", "c"}));
  EXPECT_EQ(split_words("a \"b c\" [d, e] {f: g} h(i, j)"),
            Words({"a", "\"b c\"", "[d, e]", "{f: g}", "h(i, j)"}));
  EXPECT_EQ(split_words("x=\"a \\\" b\" y"), Words({"x=\"a \\\" b\"", "y"}));
  EXPECT_EQ(split_words("p o  v w  ", 3), Words({"p", "o", "v w"}));
  EXPECT_EQ(split_words("p", 3), Words({"p"}));
  EXPECT_TRUE(split_words("   ").empty());
}

TEST(Text, Suggestions) {
  EXPECT_EQ(closest("urgnt", {"urgent", "requester"}), "urgent");
  EXPECT_EQ(closest("zzz", {"urgent"}), "");
  EXPECT_EQ(closest("partner", {"hpsj", "partnership"}), "partnership");  // a prefix
  EXPECT_EQ(did_you_mean("urgnt", {"urgent"}), " (did you mean `urgent`?)");
  EXPECT_EQ(did_you_mean("zzz", {"urgent"}), "");
}

TEST(Text, StyleColoursOnlyWhenAsked) {
  Style plain;
  EXPECT_EQ(plain.differ("x"), "x");
  EXPECT_EQ(plain.error("x"), "x");
  Style colour{true};
  EXPECT_EQ(colour.differ("x"), "\x1b[1;33mx\x1b[0m");
  EXPECT_EQ(colour.error("x"), "\x1b[1;31mx\x1b[0m");
}

}  // namespace
}  // namespace sop::repl
