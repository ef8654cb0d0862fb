// The grammar on its own, without the parser's actions: PEGTL's static analysis finds no rule
// that can loop without consuming input, and the bare grammar accepts the real sources and
// rejects what the language forbids.
#include "lang/grammar.hpp"

#include <gtest/gtest.h>

#include <tao/pegtl/contrib/analyze.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace sop::grammar {
namespace {

namespace pegtl = tao::pegtl;

TEST(Grammar, AnalyzeFindsNoProblems) {
  EXPECT_EQ(pegtl::analyze<module>(), 0u);
  EXPECT_EQ(pegtl::analyze<expr>(), 0u);
  EXPECT_EQ(pegtl::analyze<type_expr>(), 0u);
}

// Parses with the grammar alone; returns "" or the error message.
template <typename Rule = module>
std::string accept(const std::string& text) {
  pegtl::memory_input in(text, "test.sop");
  nesting_state state;
  try {
    return pegtl::parse<pegtl::seq<Rule, pegtl::eof>, pegtl::nothing, error_control>(in, state)
               ? ""
               : "no match";
  } catch (const syntax_error& e) {
    return std::string(e.message());
  }
}

TEST(Grammar, AcceptsTheRealSourcesWithoutActions) {
  namespace fs = std::filesystem;
  for (const char* dir : {"stdlib", "policies"}) {
    for (const auto& entry : fs::directory_iterator(fs::path(SOP_SOURCE_DIR) / dir)) {
      if (entry.path().extension() != ".sop") continue;
      std::ifstream f(entry.path(), std::ios::binary);
      std::stringstream ss;
      ss << f.rdbuf();
      EXPECT_EQ(accept(ss.str()), "") << entry.path();
    }
  }
}

TEST(Grammar, ReservedWordsAreNeverIdentifiers) {
  for (const char* word :
       {"and", "or", "not", "in", "if", "then", "else", "true", "false", "null"}) {
    EXPECT_NE(accept<ident>(word), "") << word;
    EXPECT_EQ(accept<ident>(std::string(word) + "_x"), "") << word;
    EXPECT_EQ(accept<ident>(std::string("x") + word), "") << word;
  }
}

TEST(Grammar, ContextualKeywordsAreIdentifiers) {
  for (const char* word : {"rule", "cite", "when", "plan", "calendar", "first", "collect", "using",
                           "days", "hours", "skip", "unknown", "missing", "list", "of"}) {
    EXPECT_EQ(accept<ident>(word), "") << word;
  }
}

TEST(Grammar, CommitPointsReportTheirMessage) {
  EXPECT_EQ(accept("fact x int \"d\""), "expected `:` and a type");
  EXPECT_EQ(accept("r = first { rule a => 1 }"),
            "expected `cite` and a citation string (every rule must cite its source)");
  EXPECT_EQ(accept("output o: string \"d\" = \"abc"), "unterminated string");
  EXPECT_EQ(accept<expr>(""), "no match");
  EXPECT_EQ(accept<expr>("a < b < c"), "comparisons do not chain");
}

TEST(Grammar, DurationsAndDates) {
  EXPECT_EQ(accept<expr>("72 hours"), "");
  EXPECT_EQ(accept<expr>("1 business_day"), "");
  EXPECT_EQ(accept<expr>("2024-09-11"), "");
  EXPECT_EQ(accept<expr>("2026-11-20T16:30:00-08:00"), "");
  EXPECT_EQ(accept<expr>("2026-11-20T16:30Z"), "");
  EXPECT_NE(accept<expr>("2026-11-20T16:30"), "");
  EXPECT_NE(accept<expr>("72hours"), "");
}

}  // namespace
}  // namespace sop::grammar
