// The normaliser and matcher of source documents (lang/source_text.hpp), and the quote check
// over every shipped policy against the seeds (lang/quote_check.hpp).
#include "lang/source_text.hpp"

#include <gtest/gtest.h>

#include "tests/support/golden.hpp"

#include <filesystem>
#include <fstream>

#include "lang/loader.hpp"
#include "lang/quote_check.hpp"

namespace sop::text {
namespace {

bool found(std::string_view doc, std::string_view quote) {
  return find(normalise(doc), quote_words(quote)).has_value();
}

TEST(SourceText, WhitespaceAndLineBreaksAreOneSpace) {
  EXPECT_TRUE(found("The Member\n   does not\t\tneed\n\npermission.",
                    "The Member does not need permission."));
}

TEST(SourceText, CaseAndPunctuationAreKept) {
  EXPECT_FALSE(
      found("The Member does not need permission.", "the member does not need permission."));
  EXPECT_FALSE(found("within 72 hours;", "within 72 hours."));
}

TEST(SourceText, HyphenationAtALineEndIsJoined) {
  EXPECT_TRUE(found("a recom-\nmended surgical procedure", "a recommended surgical procedure"));
  EXPECT_TRUE(found("an out-of-\nnetwork provider", "an out-of-network provider"));
  // A dash between words is not a hyphenation.
  EXPECT_FALSE(found("loss of life -\nlimb", "loss of life-limb"));
}

TEST(SourceText, TypographicQuotesAndDashesAreAscii) {
  EXPECT_TRUE(found("the Member’s choice – within “the network”",
                    "the Member's choice - within \"the network\""));
  EXPECT_TRUE(found("the Member's choice", "the Member’s choice"));
}

TEST(SourceText, RepeatedPageHeadersAreDropped) {
  std::string doc =
      "Policy Number: P-1   Title: Opinions\n\nA. The Member has questions about a surgical\n\n"
      "Policy Number: P-1\tTitle: Opinions\n\n- procedure or treatment.\n";
  EXPECT_TRUE(found(doc, "The Member has questions about a surgical procedure or treatment."));
  // The first occurrence (the title block) stays.
  EXPECT_TRUE(found(doc, "Title: Opinions A. The Member"));
}

TEST(SourceText, MarkupAndBulletsAreLayout) {
  EXPECT_TRUE(found("**POLICY:**\n\n- A. <b>Anthem</b> covers CA\\_UMXX\\_041.",
                    "POLICY: A. Anthem covers CA_UMXX_041."));
  EXPECT_TRUE(
      found("<input checked=\"\" type=\"checkbox\"/> Medi-Cal <input type=\"checkbox\"/> PACE",
            "☒ Medi-Cal ☐ PACE"));
}

TEST(SourceText, NearestPassageAndWordDiff) {
  Document d = normalise(
      "Intro text here. A determination will be made within 72 hours after receipt. Other.");
  std::vector<Word> q = quote_words("A determination will be made within 48 hours after receipt.");
  Nearest n = nearest(d, q);
  EXPECT_EQ(passage(d, n.begin, n.end),
            "A determination will be made within 72 hours after receipt.");
  EXPECT_EQ(word_diff(d, n, q),
            "A determination will be made within [-48-] {+72+} hours after receipt.");
}

TEST(SourceText, SectionsAreHeadingPaths) {
  Document d = normalise(
      "I. PURPOSE:\nTo define.\nII. POLICY\n- A. First.\n - 1. One.\n - 2. Two.\n- B. Second.\n"
      "III. PROCEDURE\n- A. Third.\n - 1. Three.\n");
  std::string missing;
  EXPECT_TRUE(find_section(d, "", {"II", "A", "2"}, missing));
  EXPECT_TRUE(find_section(d, "", {"III", "A", "1"}, missing));
  EXPECT_TRUE(find_section(d, "Purpose", {}, missing));
  // II.B has no 1: the 1. under III.A lies past III, which ends II.
  EXPECT_FALSE(find_section(d, "", {"II", "B", "1"}, missing));
  EXPECT_EQ(missing, "§II.B.1");
  EXPECT_FALSE(find_section(d, "", {"II", "C"}, missing));
  EXPECT_FALSE(find_section(d, "Appendix", {}, missing));
}

// A prefix covers whole words of a citation only; a citation shorter than a prefix is no match.
TEST(QuoteCheck, APrefixIsAWholeWord) {
  std::string dir = testing::TempDir();
  { std::ofstream(dir + "/src.txt") << "A. The text.\n"; }
  LoadResult r =
      load_program_text("t.sop",
                        "source \"src.txt\" for \"P-12\"\n"
                        "def a : int \"a\"\na = 1 cite \"P-123 §A\" quote \"Not there.\"\n"
                        "def b : int \"b\"\nb = 1 cite \"P-1\" quote \"Nor here.\"\n"
                        "def c : int \"c\"\nc = 1 cite \"P-12 §A\" quote \"The text.\"\n");
  ASSERT_TRUE(r.ok()) << format_diagnostics(r.diagnostics, r.program->sources);
  QuoteReport q = check_quotes(*r.program, dir, r.diagnostics);
  EXPECT_FALSE(r.diagnostics.has_errors()) << format_diagnostics(r.diagnostics, r.program->sources);
  EXPECT_EQ(q.quotes_found, 1u);
  EXPECT_EQ(q.sections_found, 1u);
  EXPECT_EQ(q.no_source.size(), 2u);
}

// Every shipped file, checked against the seeds beside the clone: every quote and section found.
TEST(QuoteCheck, EveryShippedQuoteIsInItsSource) {
  if (std::string why = golden::seeds_missing(); !why.empty()) GTEST_SKIP() << why;
  std::string seeds = SOP_SOURCE_DIR "/../shared/seeds";
  for (const char* plan :
       {"anthem_medicaid", "blue_shield_promise", "caloptima", "hpsj", "partnership"}) {
    LoadResult r = load_program(std::string(SOP_SOURCE_DIR "/policies/") + plan + ".sop");
    ASSERT_TRUE(r.ok()) << plan;
    QuoteReport q = check_quotes(*r.program, seeds, r.diagnostics);
    EXPECT_FALSE(r.diagnostics.has_errors())
        << format_diagnostics(r.diagnostics, r.program->sources);
    EXPECT_EQ(q.files.size(), 1u) << plan;
    EXPECT_GE(q.quotes_found, 20u) << plan;
  }
}

}  // namespace
}  // namespace sop::text
