// Why, why-not and flip on a small inline program, where every answer can be worked out by hand,
// and on the shipped plans.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "interpreter/codec/case_json.hpp"
#include "interpreter/codec/determination.hpp"
#include "interpreter/value_text.hpp"
#include "lang/loader.hpp"
#include "repl/explain.hpp"
#include "repl/flip.hpp"
#include "repl/render.hpp"

namespace sop::repl {
namespace {

const char* k_tiny = R"(
header { policy: string "the policy number" }
plan tiny { policy: "T-1" }

enum Color "a color" { red "r" green "g" blue "b" purple "p" }
record Item "an item" {
  color: Color "its color"
  cite: citation "where it comes from"
}
fact a: bool "a"
fact b: bool "b"
fact veto: bool "vetoes the b item"
fact n: int in 1..5 = 1 "a number"
fact c: Color "a color"
fact note: string "a note"

output pick: Color "the pick"
pick = first {
  rule both "a and b" cite "T §1" quote "When a and b, red." when a and b => red
  rule green_or_many "c is green or n is large" cite "T §2" when c == green or n > 3 => green
  otherwise "neither" cite "T §3" => blue
}

output items: list of Item "the items"
items = collect {
  rule item_a "a gives red" cite "T §4" when a => { color: red }
  rule item_b "b gives green" cite "T §5" when b => { color: green }
  exception to item_b "veto" cite "T §6" when veto => skip
}

def high: bool "n is high" = n >= 4
output flag: bool "high and a" = high and a
)";

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

class Tiny : public ::testing::Test {
 protected:
  void SetUp() override {
    LoadResult r = load_program_text("tiny.sop", k_tiny);
    ASSERT_TRUE(r.ok()) << format_diagnostics(r.diagnostics, r.program->sources);
    program = std::move(r.program);
    ev = std::make_unique<Evaluator>(*program);
    decoder = std::make_unique<CaseDecoder>(*program);
  }
  void given(const std::string& json) {
    std::string error;
    ASSERT_TRUE(decoder->decode_text(json, c, error)) << error;
    ev->evaluate(c, true);
  }
  uint32_t var(const std::string& name) {
    int32_t v = program->find_var(name);
    EXPECT_NE(v, k_none) << name;
    return static_cast<uint32_t>(v);
  }
  std::string value(const std::string& name) {
    return cell_text(*program, shown_value(*ev, var(name)), program->vars[var(name)].type);
  }
  Target target(const std::string& output, const std::string& text) {
    Target t;
    std::string error;
    EXPECT_TRUE(compile_target(*program, var(output), text, t, error)) << error;
    return t;
  }
  std::string why(const std::string& output) { return explain_why(*ev, c, var(output), "tiny"); }
  std::string why_not(const std::string& output, const std::string& value) {
    return explain_why_not(*ev, c, var(output), target(output, value), "tiny");
  }

  std::unique_ptr<Program> program;
  std::unique_ptr<Evaluator> ev;
  std::unique_ptr<CaseDecoder> decoder;
  Case c;
};

TEST_F(Tiny, WhyShowsTheSkippedRulesTheRuleThatFiredAndWhatItRead) {
  given(R"({"a": true, "b": false, "c": "green"})");
  std::string out = why("pick");
  EXPECT_EQ(out.substr(0, out.find('\n')), "tiny pick = green");
  EXPECT_TRUE(contains(out, "  skipped both \"a and b\" [T §1]: a and b is false\n")) << out;
  EXPECT_TRUE(contains(out, "  by green_or_many \"c is green or n is large\" [T §2]\n")) << out;
  EXPECT_TRUE(contains(out, "    when c == green or n > 3 is true\n")) << out;
  // Of an `or` that holds, only the part that holds is explained.
  EXPECT_TRUE(contains(out, "      c == green is true\n        where c = green\n")) << out;
  EXPECT_FALSE(contains(out, "n > 3 is false")) << out;
  EXPECT_FALSE(contains(out, "missing facts")) << out;
}

TEST_F(Tiny, WhyGivesTheQuoteAndMarksDefaults) {
  given(R"({"a": true, "b": true})");
  std::string out = why("pick");
  EXPECT_TRUE(contains(out, "  by both \"a and b\" [T §1]\n    \"When a and b, red.\"\n")) << out;
  given(R"({"a": true})");
  out = why("flag");
  EXPECT_TRUE(contains(out, "tiny flag = false\n  computed as high and a (no rules)\n")) << out;
  // The def it reads is explained in turn, with the default its fact took.
  EXPECT_TRUE(contains(out, "  high = false\n    computed as n >= 4 (no rules)\n")) << out;
}

TEST_F(Tiny, WhyOfAnUnknownOutputNamesTheUndecidedRulesAndTheMissingFacts) {
  given(R"({"b": true})");
  std::string out = why("pick");
  EXPECT_EQ(out.substr(0, out.find('\n')), "tiny pick = unknown");
  EXPECT_TRUE(contains(out, "  undecided both \"a and b\" [T §1]:\n")) << out;
  EXPECT_TRUE(contains(out, "      a = unknown\n")) << out;
  EXPECT_TRUE(contains(out, "  missing facts: a, c\n")) << out;
}

TEST_F(Tiny, WhyOfACollectionListsEachRuleThatFiredAndThoseThatMayApply) {
  given(R"({"a": true, "veto": false})");
  std::string out = why("items");
  EXPECT_TRUE(contains(out, "  by item_a \"a gives red\" [T §4]\n")) << out;
  EXPECT_TRUE(contains(out, "  may also apply: item_b \"b gives green\" [T §5]\n")) << out;
  EXPECT_TRUE(contains(out, "  missing facts: b\n")) << out;
}

TEST_F(Tiny, WhyOfAFactSaysWhereItsValueComesFrom) {
  given(R"({"a": true})");
  EXPECT_TRUE(contains(why("a"), "a fact the case gives")) << why("a");
  EXPECT_TRUE(contains(why("n"), "its declared default")) << why("n");
  EXPECT_TRUE(contains(why("b"), "a fact the case does not give")) << why("b");
}

TEST_F(Tiny, WhyNotNamesOnlyTheFailingConjunct) {
  given(R"({"a": true, "b": false, "c": "red"})");
  std::string out = why_not("pick", "red");
  EXPECT_EQ(out.substr(0, out.find('\n')), "tiny pick is blue, not red");
  EXPECT_TRUE(contains(out,
                       "  both \"a and b\" [T §1] gives red, but does not apply:\n"
                       "    when a and b is false\n"
                       "      b = false\n"))
      << out;
  EXPECT_FALSE(contains(out, "a = true")) << out;
  EXPECT_TRUE(contains(out, "  decided by otherwise \"neither\" [T §3]\n")) << out;
}

TEST_F(Tiny, WhyNotOfAnOrShowsEveryFailedAlternative) {
  given(R"({"a": false, "c": "red"})");
  std::string out = why_not("pick", "green");
  EXPECT_TRUE(contains(out,
                       "    when c == green or n > 3 is false\n"
                       "      c == green is false\n"
                       "        where c = red\n"
                       "      n > 3 is false\n"
                       "        where n = 1 (default)\n"))
      << out;
}

TEST_F(Tiny, WhyNotWithUnknownConditionsListsTheMissingFacts) {
  given(R"({"b": true, "c": "red"})");
  std::string out = why_not("pick", "red");
  EXPECT_TRUE(contains(out, "gives red, but whether it applies is unknown:\n")) << out;
  EXPECT_TRUE(contains(out, "    missing facts: a\n")) << out;
}

TEST_F(Tiny, WhyNotSaysWhenAnEarlierRuleDecidedFirst) {
  given(R"({"a": true, "b": true, "c": "red"})");
  std::string out = why_not("pick", "blue");
  EXPECT_TRUE(contains(out,
                       "otherwise \"neither\" [T §3] gives blue and applies, but an earlier rule "
                       "decided first: both \"a and b\" [T §1]"))
      << out;
}

TEST_F(Tiny, WhyNotSaysWhenNoRuleGivesTheValue) {
  given(R"({"a": true, "b": true})");
  EXPECT_EQ(why_not("pick", "red"), "tiny pick is red\n");
  std::string out = why_not("pick", "purple");
  EXPECT_TRUE(contains(out, "  no rule of pick gives purple\n")) << out;
  given(R"({"a": false})");
  out = why_not("flag", "true");
  EXPECT_TRUE(contains(out, "tiny flag is false, not true\n  computed as high and a (no rules)\n"))
      << out;
}

TEST_F(Tiny, WhyNotReportsAnExceptionThatSkipsTheRule) {
  given(R"({"a": false, "b": true, "veto": true})");
  // An item is named by its first field: `green` finds { color: green }.
  Target t = target("items", "green");
  EXPECT_EQ(t.kind, Target::Kind::contains_key);
  std::string out = explain_why_not(*ev, c, var("items"), t, "tiny");
  EXPECT_TRUE(contains(out, "does not contain green")) << out;
  EXPECT_TRUE(contains(out,
                       "item_b \"b gives green\" [T §5] gives { color: green }, but does not "
                       "apply:\n    exception to item_b \"veto\" [T §6] applies and skips it:\n"
                       "      when veto = true\n"))
      << out;
}

TEST_F(Tiny, TargetsAreCheckedAgainstTheOutputsType) {
  Target t;
  std::string error;
  EXPECT_FALSE(compile_target(*program, var("pick"), "3", t, error));
  EXPECT_EQ(error, "error: `3` is a `int`, not a `Color`\n");
  EXPECT_FALSE(compile_target(*program, var("pick"), "orange", t, error));
  EXPECT_TRUE(contains(error, "error: undefined name `orange`")) << error;
  EXPECT_TRUE(compile_target(*program, var("items"), "{ color: red }", t, error)) << error;
  EXPECT_EQ(t.kind, Target::Kind::contains);
}

TEST_F(Tiny, TargetHoldsOnTheShownValue) {
  given(R"({"a": true, "b": false, "veto": false})");
  EXPECT_EQ(target_holds(*ev, var("items"), target("items", "red")), Tri::yes);
  EXPECT_EQ(target_holds(*ev, var("items"), target("items", "green")), Tri::no);
  given(R"({"a": true})");
  EXPECT_EQ(target_holds(*ev, var("items"), target("items", "green")), Tri::unknown);
}

std::string changes(const Program& p, const Evaluator& ev, const FlipSolution& s) {
  std::string out;
  for (const FlipChange& c : s.changes)
    out += (out.empty() ? "" : " ") + p.vars[c.fact].name + "=" + fact_value_text(ev, c.fact, c.to);
  return out;
}

TEST_F(Tiny, FlipFindsEverySingleChangeThatChangesTheOutput) {
  given(R"({"a": true, "b": false, "c": "red"})");
  ASSERT_EQ(value("pick"), "blue");
  FlipOutcome f = flip(*ev, c, var("pick"), std::nullopt);
  ASSERT_EQ(f.solutions.size(), 3u);
  EXPECT_EQ(changes(*program, *ev, f.solutions[0]), "b=true");
  EXPECT_EQ(f.solutions[0].result, "red");
  // The ends of n's range 1..5: 2 changes nothing, 5 does.
  EXPECT_EQ(changes(*program, *ev, f.solutions[1]), "n=5");
  EXPECT_EQ(changes(*program, *ev, f.solutions[2]), "c=green");
  EXPECT_EQ(f.solutions[2].result, "green");
  EXPECT_EQ(f.candidates, 4u);  // a, b, n, c: not veto or note, which pick does not read
  // The evaluator is back on the case.
  EXPECT_EQ(value("pick"), "blue");
}

TEST_F(Tiny, FlipToAValueSearchesPairsWhenNoSingleChangeWill) {
  given(R"({"c": "red"})");
  FlipOutcome f = flip(*ev, c, var("pick"), target("pick", "red"));
  ASSERT_EQ(f.solutions.size(), 1u);
  EXPECT_EQ(changes(*program, *ev, f.solutions[0]), "a=true b=true");
  EXPECT_EQ(f.solutions[0].changes[0].from.kind, ValueKind::unknown);
}

TEST_F(Tiny, FlipWithoutATargetNeedsAKnownNewValue) {
  given(R"({"a": true, "b": true, "c": "red"})");
  FlipOutcome f = flip(*ev, c, var("pick"), std::nullopt);
  // a=false or b=false gives blue; making a or b unknown leaves pick unknown: no solution.
  ASSERT_EQ(f.solutions.size(), 2u);
  EXPECT_EQ(changes(*program, *ev, f.solutions[0]), "a=false");
  EXPECT_EQ(changes(*program, *ev, f.solutions[1]), "b=false");
}

TEST_F(Tiny, FlipThroughADerivedOutputAndADef) {
  given(R"({"a": true})");
  FlipOutcome f = flip(*ev, c, var("flag"), target("flag", "true"));
  ASSERT_EQ(f.solutions.size(), 1u);
  EXPECT_EQ(changes(*program, *ev, f.solutions[0]), "n=5");
  EXPECT_EQ(fact_value_text(*ev, f.solutions[0].changes[0].fact, f.solutions[0].changes[0].from),
            "1");
}

TEST_F(Tiny, FlipStopsAtItsBudget) {
  given(R"({"c": "red"})");
  FlipLimits limits;
  limits.max_evaluations = 5;
  FlipOutcome f = flip(*ev, c, var("pick"), target("pick", "red"), limits);
  EXPECT_TRUE(f.solutions.empty());
  EXPECT_TRUE(f.budget_hit);
  EXPECT_EQ(f.evaluations, 5u);
  limits = {};
  limits.max_changes = 1;
  f = flip(*ev, c, var("pick"), target("pick", "red"), limits);
  EXPECT_TRUE(f.solutions.empty());
  EXPECT_FALSE(f.budget_hit);
}

TEST_F(Tiny, FlipCountsSolutionsBeyondTheListed) {
  given(R"({"a": true, "b": false, "c": "red"})");
  FlipLimits limits;
  limits.max_solutions = 1;
  FlipOutcome f = flip(*ev, c, var("pick"), std::nullopt, limits);
  EXPECT_EQ(f.solutions.size(), 1u);
  EXPECT_EQ(f.more, 2u);
}

TEST_F(Tiny, ReadsAndFactsBehind) {
  std::vector<uint32_t> facts = facts_behind(*program, var("flag"));
  ASSERT_EQ(facts.size(), 2u);
  EXPECT_EQ(program->vars[facts[0]].name, "a");
  EXPECT_EQ(program->vars[facts[1]].name, "n");
  std::vector<uint32_t> reads = var_reads(*program, var("flag"));
  ASSERT_EQ(reads.size(), 2u);
  EXPECT_EQ(program->vars[reads[0]].name, "high");
}

// ---------------------------------------------------------------- the shipped plans

class ShippedPlan : public ::testing::Test {
 protected:
  void load(const std::string& plan, const std::string& case_file) {
    std::filesystem::current_path(SOP_SOURCE_DIR);
    LoadResult r = load_program("policies/" + plan + ".sop");
    ASSERT_TRUE(r.ok()) << format_diagnostics(r.diagnostics, r.program->sources);
    program = std::move(r.program);
    ev = std::make_unique<Evaluator>(*program);
    CaseDecoder decoder(*program);
    std::string error;
    std::ifstream f(case_file);
    std::string text((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    ASSERT_TRUE(decoder.decode_text(text, c, error)) << error;
    ev->evaluate(c, true);
  }
  uint32_t var(const std::string& name) { return static_cast<uint32_t>(program->find_var(name)); }
  std::unique_ptr<Program> program;
  std::unique_ptr<Evaluator> ev;
  Case c;
};

TEST_F(ShippedPlan, WhyAnUrgentOutOfNetworkTimeframeIs72Hours) {
  load("partnership", "examples/cases/urgent_knee_surgery.json");
  std::string out = explain_why(*ev, c, var("timeframe"), "partnership");
  EXPECT_TRUE(contains(out,
                       "by urgent_out_of_network \"urgent out-of-network request\" "
                       "[MPUP3078 §VI.D.1]"))
      << out;
  EXPECT_TRUE(contains(out, "when urgent = true")) << out;
  EXPECT_TRUE(contains(out, "received_at = 2026-11-20T16:30:00-08:00")) << out;
}

TEST_F(ShippedPlan, WhyNotApproveOnAnIncompleteRequestPointsAtTheReasons) {
  load("partnership", "examples/cases/incomplete_request.json");
  Target t;
  std::string error;
  ASSERT_TRUE(compile_target(*program, var("decision"), "approve", t, error)) << error;
  std::string out = explain_why_not(*ev, c, var("decision"), t, "partnership");
  EXPECT_TRUE(contains(out, "partnership decision is undetermined, not approve")) << out;
  EXPECT_TRUE(contains(out,
                       "listed_reason \"a listed reason holds\" [MPUP3078 §VI.A] gives "
                       "approve, but whether it applies is unknown"))
      << out;
  EXPECT_TRUE(contains(out, "serious_condition")) << out;
}

TEST_F(ShippedPlan, FlipFindsTheOneFactThatDecides) {
  load("blue_shield_promise", "examples/cases/urgent_knee_surgery.json");
  Target t;
  std::string error;
  ASSERT_TRUE(compile_target(*program, var("decision"), "approve", t, error)) << error;
  FlipOutcome f = flip(*ev, c, var("decision"), t);
  ASSERT_FALSE(f.solutions.empty());
  bool information = false;
  for (const FlipSolution& s : f.solutions) {
    ASSERT_EQ(s.changes.size(), 1u);
    if (program->vars[s.changes[0].fact].name == "information_complete") information = true;
  }
  EXPECT_TRUE(information);
}

}  // namespace
}  // namespace sop::repl
