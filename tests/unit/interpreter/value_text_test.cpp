// interpreter/value_text: the one rendering of values as text (full, cell, wrapped), the one
// spelling of unknown, and widths measured in display columns rather than bytes.
#include <gtest/gtest.h>

#include "interpreter/value_text.hpp"
#include "support/program_fixture.hpp"

namespace sop {
namespace {

using Lines = std::vector<std::string>;

const char* k_program = R"(
enum Tag "a tag" { one "1" two "2" }
record Item "an item" {
  id: Tag "which"
  cite: citation "where"
}
record Route "a route" {
  tier: Tag "the tier"
  same: bool "same specialty"
  note: string? "a note"
}
fact a: bool "a"
fact b: bool "b"
output items: list of Item "items"
items = collect {
  rule first_item cite "L §1" when a => { id: one }
  rule second_item cite "L §2" when b => { id: two }
}
output tags: set of Tag "tags"
tags = collect {
  rule tag_one cite "L §3" when a => one
  rule tag_two cite "L §4" when b => two
}
output route: Route "a route"
route = first {
  rule r1 cite "L §5" when a => { tier: one, same: true, note: null }
  otherwise cite "L §6" => { tier: two, same: false, note: "x" }
}
)";

class ValueTextTest : public ::testing::Test {
 protected:
  void SetUp() override {
    program_ = testing::build(k_program);
    ASSERT_TRUE(program_);
    run_ = std::make_unique<testing::Session>(*program_);
  }
  std::pair<std::string, std::string> full_and_cell(const std::string& var) {
    const Program& p = *program_;
    uint32_t v = static_cast<uint32_t>(p.find_var(var));
    Value x = run_->evaluator().value(v);
    return {value_text(p, x, p.vars[v].type), cell_text(p, x, p.vars[v].type)};
  }
  std::unique_ptr<Program> program_;
  std::unique_ptr<testing::Session> run_;
};

TEST_F(ValueTextTest, UnknownIsSpelledOneWay) {
  run_->with("{}");
  EXPECT_EQ(full_and_cell("route"), std::make_pair(std::string("unknown"), std::string("unknown")));
  EXPECT_EQ(k_unknown_text, "unknown");
}

TEST_F(ValueTextTest, PartialListsAndSets) {
  run_->with(R"({"a": true})");
  // Full text marks the items only possibly in; a cell shows those certainly in.
  EXPECT_EQ(full_and_cell("items"),
            std::make_pair(std::string("[{ id: one }, { id: two }?]"), std::string("one")));
  EXPECT_EQ(full_and_cell("tags"), std::make_pair(std::string("[one, two?]"), std::string("one")));
  run_->with(R"({"a": false, "b": false})");
  EXPECT_EQ(full_and_cell("tags"), std::make_pair(std::string("[]"), std::string("[]")));
}

TEST_F(ValueTextTest, RecordsInFullAndAsCells) {
  run_->with(R"({"a": true})");
  EXPECT_EQ(full_and_cell("route"),
            std::make_pair(std::string("{ tier: one, same: true, note: null }"),
                           std::string("one same")));
  run_->with(R"({"a": false})");
  EXPECT_EQ(full_and_cell("route"),
            std::make_pair(std::string("{ tier: two, same: false, note: \"x\" }"),
                           std::string("two \"x\"")));
}

TEST(DisplayWidth, CountsColumnsNotBytes) {
  EXPECT_EQ(display_width("a → b"), 5u);
  EXPECT_EQ(display_width("§VI.A"), 5u);
  EXPECT_EQ(display_width("日本"), 4u);     // wide
  EXPECT_EQ(display_width("e\u0301"), 1u);  // e and a combining acute accent
  EXPECT_EQ(display_width("\xff"), 1u);     // not UTF-8: one column per byte
  EXPECT_EQ(pad("→", 3), "→  ");
  EXPECT_EQ(pad("abcd", 3), "abcd");
}

TEST(WrapText, WrapsWordsAndCutsLongOnes) {
  EXPECT_EQ(wrap_text("aa bb cc", 5), Lines({"aa bb", "cc"}));
  EXPECT_EQ(wrap_text("abcdefgh", 3), Lines({"abc", "def", "gh"}));
  EXPECT_EQ(wrap_text("requests_additional_diagnosis, x", 26),
            Lines({"requests_additional_", "diagnosis, x"}));
  EXPECT_EQ(wrap_text("", 3), Lines({""}));
  EXPECT_EQ(wrap_text("  ", 3), Lines({""}));
}

TEST(WrapText, NeverCutsInsideACodePoint) {
  // Byte cuts would split "§" (2 bytes) and "→" (3 bytes) into invalid UTF-8.
  EXPECT_EQ(wrap_text("§§§§§§", 4), Lines({"§§§§", "§§"}));
  EXPECT_EQ(wrap_text("a→b→c→d", 3), Lines({"a→b", "→c→", "d"}));
  EXPECT_EQ(wrap_text("MPUP3078 §VI.D.1", 12), Lines({"MPUP3078", "§VI.D.1"}));
  EXPECT_EQ(wrap_text("日本語", 4), Lines({"日本", "語"}));
  // A character wider than the line still makes progress.
  EXPECT_EQ(wrap_text("日本", 1), Lines({"日", "本"}));
}

}  // namespace
}  // namespace sop
