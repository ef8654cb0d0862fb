// `sop fmt`'s library (lang/formatter.hpp): the layout goldens (tests/golden/fmt/), and the
// properties on every shipped .sop file — the output parses to the same module, formatting it
// again changes nothing, whitespace between tokens does not matter, every comment is kept once
// and in order.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <random>

#include "lang/ast_printer.hpp"
#include "lang/format_tokens.hpp"
#include "lang/formatter.hpp"
#include "lang/parser.hpp"
#include "tests/support/golden.hpp"

namespace sop {
namespace {

namespace fs = std::filesystem;

// The layout goldens: NAME.sop → NAME.expected.sop, its formatted text (itself formatted).
std::vector<golden::Output> fmt_golden(const golden::Input& input) {
  FormatResult r = format_source(golden::read_file(input.path), input.relative());
  EXPECT_TRUE(r.ok()) << input.relative();
  EXPECT_EQ(format_source(r.text, input.relative()).text, r.text) << "not idempotent";
  return {{".expected.sop", r.text}};
}

[[maybe_unused]] const bool registered = golden::register_kind({.folder = "fmt",
                                                                .extensions = {".sop"},
                                                                .suite = "FmtGoldens",
                                                                .produce = fmt_golden,
                                                                .at_least = 8});

// The shipped files the properties are checked on (the brief's list: what users format).
std::vector<fs::path> shipped_files() {
  std::vector<fs::path> files;
  for (const char* dir : {"policies", "stdlib", "bench", "examples", "tests/fixtures"})
    for (const auto& e : fs::recursive_directory_iterator(golden::root() / dir))
      if (e.is_regular_file() && e.path().extension() == ".sop") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  return files;
}

// The module as the AST printer writes it (no spans or ids): what the text means.
std::string meaning(const std::string& text) {
  SourceSet sources;
  uint32_t file = sources.add("x.sop", text, "x");
  Diagnostics diags;
  ast::NodeId next_id = 1;
  std::optional<ast::Module> m = parse_module(sources, file, next_id, diags);
  return m ? print_module(*m) : "does not parse:\n" + format_diagnostics(diags, sources);
}

std::vector<std::string> comments(const std::string& text) {
  std::vector<std::string> out;
  for (const format::Token& t : format::lex(text))
    if (t.comment()) out.emplace_back(t.text);
  return out;
}

// `text` with the whitespace between its tokens replaced at random: spaces, tabs, line breaks,
// blank lines. Around a comment only the amount changes, not whether a line break is there or
// a blank line: that is where the comment sits (lang/formatter.hpp), and a comment ends at a
// line break.
std::string perturb(const std::string& text, std::mt19937& rng) {
  static const char* k_blanks[] = {" ", "  ", "\t", " \t "};
  static const char* k_breaks[] = {"\n", "\n  ", "\r\n\t", "\n\n", "\n \n\n    "};
  std::vector<format::Token> tokens = format::lex(text);
  std::string out = text.substr(0, tokens.empty() ? text.size() : tokens[0].offset);
  auto pick = [&](auto& list) { return list[rng() % std::size(list)]; };
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (i > 0) {
      bool near_comment = tokens[i].comment() || tokens[i - 1].comment();
      int lines = tokens[i].newlines_before;
      if (!near_comment) {
        out += rng() % 3 == 0 ? pick(k_breaks) : pick(k_blanks);
      } else if (lines == 0) {
        out += pick(k_blanks);
      } else {
        out += lines == 1 ? "\n" : "\n\n";
        if (lines >= 2 && rng() % 2) out += "  \n";
        out += pick(k_blanks);
      }
    }
    out += tokens[i].text;
  }
  return out + (rng() % 2 ? "\n" : "  \n\n");
}

// `text` with comments added between tokens at random, at the ends of lines and on lines of
// their own.
std::string with_comments(const std::string& text, std::mt19937& rng) {
  std::vector<format::Token> tokens = format::lex(text);
  std::string out = text.substr(0, tokens.empty() ? text.size() : tokens[0].offset);
  for (size_t i = 0; i < tokens.size(); ++i) {
    out += tokens[i].text;
    unsigned r = rng() % 16;
    if (tokens[i].comment()) {
      out += "\n";
    } else if (r == 0) {
      out += " // c" + std::to_string(i) + "\n";
    } else if (r == 1) {
      out += "\n// d" + std::to_string(i) + "\n";
    } else {
      out += " ";
    }
  }
  return out;
}

class ShippedFile : public ::testing::TestWithParam<fs::path> {};

TEST_P(ShippedFile, FormatsToTheSameModuleOnceAndForAll) {
  std::string text = golden::read_file(GetParam());
  FormatResult r = format_source(text, GetParam().string());
  ASSERT_TRUE(r.ok()) << GetParam() << ": " << r.diagnostics.front().message;
  EXPECT_EQ(meaning(r.text), meaning(text));
  EXPECT_EQ(format_source(r.text, GetParam().string()).text, r.text) << "not idempotent";
  EXPECT_EQ(comments(r.text), comments(text));
}

TEST_P(ShippedFile, WhitespaceBetweenTokensDoesNotChangeTheOutput) {
  std::string text = golden::read_file(GetParam());
  std::string expected = format_source(text, GetParam().string()).text;
  std::mt19937 rng(20261206);
  for (int round = 0; round < 3; ++round) {
    std::string perturbed = perturb(text, rng);
    ASSERT_NE(perturbed, text);
    FormatResult r = format_source(perturbed, GetParam().string());
    ASSERT_TRUE(r.ok()) << "round " << round << ": " << r.diagnostics.front().message;
    EXPECT_EQ(r.text, expected) << "round " << round;
  }
}

TEST_P(ShippedFile, CommentsAnywhereAreKeptOnceAndInOrder) {
  std::string text = golden::read_file(GetParam());
  std::mt19937 rng(7);
  std::string commented = with_comments(text, rng);
  FormatResult r = format_source(commented, GetParam().string());
  ASSERT_TRUE(r.ok()) << r.diagnostics.front().message;
  EXPECT_EQ(comments(r.text), comments(commented));
  EXPECT_EQ(meaning(r.text), meaning(text));
  EXPECT_EQ(format_source(r.text, GetParam().string()).text, r.text) << "not idempotent";
}

INSTANTIATE_TEST_SUITE_P(
    Formatter, ShippedFile, ::testing::ValuesIn(shipped_files()), [](const auto& info) {
      std::string name = fs::relative(info.param, golden::root()).replace_extension().string();
      for (char& c : name)
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
      return name;
    });

TEST(Formatter, FindsTheShippedFiles) {
  EXPECT_GE(shipped_files().size(), 10u);
}

TEST(Formatter, ASyntaxErrorIsReportedAndTheTextLeftAsItIs) {
  std::string text = "fact x: bool \"x\"\nrule = =\n";
  FormatResult r = format_source(text, "broken.sop");
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].code.substr(0, 3), "E01");
  EXPECT_EQ(r.diagnostics[0].span.begin.line, 2u);
  EXPECT_EQ(r.text, text);
}

TEST(Formatter, CommentsKeepTheirPlace) {
  std::string text =
      "// head\n\n\nfact   a: bool \"a\"   // after a\n// before b\nfact b: bool \"b\"\n\n"
      "// alone\n\nfact c: bool \"c\"";
  EXPECT_EQ(format_source(text, "c.sop").text,
            "// head\n\nfact a: bool \"a\" // after a\n// before b\nfact b: bool \"b\"\n\n"
            "// alone\n\nfact c: bool \"c\"\n");
}

TEST(Formatter, ATrailingCommentDoesNotTakeTheBlankLineBetweenDeclarations) {
  EXPECT_EQ(format_source("enum E \"e\" { a \"a\" } // end\nfact x: E \"x\"\n", "t.sop").text,
            "enum E \"e\" {\n  a \"a\"\n} // end\n\nfact x: E \"x\"\n");
}

TEST(Formatter, ACommentInsideAnExpressionBreaksItsLine) {
  std::string text = "def d: bool \"d\" = a // why a\n or b\n";
  EXPECT_EQ(format_source(text, "d.sop").text, "def d: bool \"d\" = a // why a\n  or b\n");
}

TEST(Formatter, KeepsAByteOrderMarkAndEndsWithOneLineBreak) {
  FormatResult r = format_source("\xEF\xBB\xBFimport calendars\r\n\r\n\r\n", "b.sop");
  EXPECT_EQ(r.text, "\xEF\xBB\xBFimport calendars\n");
}

TEST(Formatter, AnEmptyFileStaysEmpty) {
  EXPECT_EQ(format_source("", "e.sop").text, "");
}

}  // namespace
}  // namespace sop
