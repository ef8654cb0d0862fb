// The evaluator: Kleene logic, first / collect with unknowns, default-logic exceptions,
// citations carried by values, time arithmetic, and the missing facts it reports.
#include <gtest/gtest.h>

#include "lang/checker.hpp"
#include "support/program_fixture.hpp"

namespace sop {
namespace {

using testing::build;
using testing::Session;

const char* k_program = R"(
enum Color "a color" { red "r" green "g" blue "b" }
record Box "a box" {
  color: Color "its color"
  cite: citation "where it comes from"
}
fact a: bool "a"
fact b: bool "b"
fact n: int in 0..10 = 3 "n"
fact t: datetime "t"
calendar cal "test calendar" {
  holiday "New Year's Day" on January 1 observed saturday -> friday, sunday -> monday
}

output both: bool "a and b" = a and b
output either: bool "a or b" = a or b
output neither: bool "not a" = not a
output doubled: int "n * 2" = n * 2
output fallback: bool "a, else false" = a ?? false

output pick: Color "the first that applies"
pick = first {
  rule when_a "a holds" cite "T §1" when a => red
  rule when_b "b holds" cite "T §2" when b => green
  otherwise "neither" cite "T §3" => blue
}

output same: Color "both branches agree"
same = first {
  rule x cite "T §4" when a => red
  otherwise cite "T §5" => red
}

output items: set of Color "every item that applies"
items = collect {
  rule i_red cite "T §6" when a => red
  rule i_green cite "T §7" when b => green
  exception to i_red "b vetoes red" cite "T §8" when b => skip
}

output box: Box "a cited record"
box = first {
  rule red_box cite "T §9" when a => { color: red }
  otherwise cite "T §10" => { color: blue }
}

output due_days: date "five business days later" = t + 5 business_days using cal
output due_hours: datetime "72 hours later" = t + 72 hours
)";

class EvaluatorTest : public ::testing::Test {
 protected:
  void SetUp() override { program = build(k_program); }
  std::unique_ptr<Program> program;
};

std::string b3(const char* v) {
  return v;
}

TEST_F(EvaluatorTest, KleeneAndOrNot) {
  ASSERT_TRUE(program);
  struct Row {
    const char* a;
    const char* b;
    const char* both;
    const char* either;
    const char* neither;
  };
  // The strong Kleene tables: false dominates `and`, true dominates `or`.
  const Row rows[] = {
      {"true", "true", "true", "true", "false"},
      {"true", "false", "false", "true", "false"},
      {"true", "null", "unknown", "true", "false"},
      {"false", "true", "false", "true", "true"},
      {"false", "false", "false", "false", "true"},
      {"false", "null", "false", "unknown", "true"},
      {"null", "true", "unknown", "true", "unknown"},
      {"null", "false", "false", "unknown", "unknown"},
      {"null", "null", "unknown", "unknown", "unknown"},
  };
  for (const Row& r : rows) {
    Session run(*program);
    run.with(std::string("{\"a\": ") + r.a + ", \"b\": " + r.b + "}");
    SCOPED_TRACE(std::string("a=") + r.a + " b=" + r.b);
    EXPECT_EQ(run["both"], b3(r.both));
    EXPECT_EQ(run["either"], b3(r.either));
    EXPECT_EQ(run["neither"], b3(r.neither));
  }
}

TEST_F(EvaluatorTest, FactDefaultAndArithmetic) {
  ASSERT_TRUE(program);
  Session run(*program);
  EXPECT_EQ(run.with("{}")["doubled"], "6");
  EXPECT_EQ(run.with(R"({"n": 5})")["doubled"], "10");
}

TEST_F(EvaluatorTest, CoalesceReplacesUnknown) {
  ASSERT_TRUE(program);
  Session run(*program);
  EXPECT_EQ(run.with("{}")["fallback"], "false");
  EXPECT_EQ(run.with(R"({"a": true})")["fallback"], "true");
}

TEST_F(EvaluatorTest, FirstTakesTheFirstRuleThatHolds) {
  ASSERT_TRUE(program);
  Session run(*program);
  EXPECT_EQ(run.with(R"({"a": true, "b": true})")["pick"], "red");
  EXPECT_EQ(run.with(R"({"a": false, "b": true})")["pick"], "green");
  EXPECT_EQ(run.with(R"({"a": false, "b": false})")["pick"], "blue");
  // a decides before b is looked at: b is not missing.
  run.with(R"({"a": true})");
  EXPECT_EQ(run["pick"], "red");
}

TEST_F(EvaluatorTest, FirstWithAnUnknownEarlierRuleIsUnknown) {
  ASSERT_TRUE(program);
  Session run(*program);
  run.with(R"({"b": true})");
  EXPECT_EQ(run["pick"], "unknown");
  EXPECT_NE(run.missing().find('a'), std::string::npos) << run.missing();
}

TEST_F(EvaluatorTest, FirstIsKnownWhenEveryPossibleOutcomeAgrees) {
  ASSERT_TRUE(program);
  Session run(*program);
  EXPECT_EQ(run.with("{}")["same"], "red");
}

TEST_F(EvaluatorTest, CollectKnowsCertainAndPossibleItems) {
  ASSERT_TRUE(program);
  Session run(*program);
  EXPECT_EQ(run.with(R"({"a": true, "b": false})")["items"], "[red]");
  // b unknown: green may be in, and red may be vetoed by the exception on b.
  EXPECT_EQ(run.with(R"({"a": true})")["items"], "[red?, green?]");
  // t is missing too: the due dates depend on it.
  EXPECT_EQ(run.missing(), "b,t");
  EXPECT_EQ(run.with(R"({"a": false, "b": false})")["items"], "[]");
}

TEST_F(EvaluatorTest, APossibleSkipDoesNotRaiseARuleThatDoesNotApply) {
  ASSERT_TRUE(program);
  Session run(*program);
  // a false: red is out whatever b is; only green may be in.
  EXPECT_EQ(run.with(R"({"a": false})")["items"], "[green?]");
}

TEST_F(EvaluatorTest, ExceptionSkipsTheRuleItModifies) {
  ASSERT_TRUE(program);
  Session run(*program);
  EXPECT_EQ(run.with(R"({"a": true, "b": true})")["items"], "[green]");
}

TEST_F(EvaluatorTest, RecordsCarryTheCitationOfTheirRule) {
  ASSERT_TRUE(program);
  Session run(*program);
  run.with(R"({"a": true})");
  int32_t v = program->find_var("box");
  ASSERT_NE(v, k_none);
  nlohmann::ordered_json j = value_json(
      run.evaluator(), run.evaluator().value(static_cast<uint32_t>(v)), program->vars[v].type);
  EXPECT_EQ(j["color"], "red");
  EXPECT_EQ(j["cite"], "T §9");
  run.with(R"({"a": false})");
  j = value_json(run.evaluator(), run.evaluator().value(static_cast<uint32_t>(v)),
                 program->vars[v].type);
  EXPECT_EQ(j["cite"], "T §10");
}

TEST_F(EvaluatorTest, HoursKeepTheReceivedOffset) {
  ASSERT_TRUE(program);
  Session run(*program);
  run.with(R"({"t": "2026-11-20T16:30:00-08:00"})");
  EXPECT_EQ(run["due_hours"], "2026-11-23T16:30:00-08:00");
}

TEST_F(EvaluatorTest, BusinessDaysSkipWeekendsAndObservedHolidays) {
  ASSERT_TRUE(program);
  Session run(*program);
  // Thursday 2021-12-30; New Year's Day 2022 (a Saturday) is observed on Friday 2021-12-31.
  // Business days after: Mon 3, Tue 4, Wed 5, Thu 6, Fri 7 January 2022.
  run.with(R"({"t": "2021-12-30T09:00:00-08:00"})");
  EXPECT_EQ(run["due_days"], "2022-01-07");
  // The day of receipt is the local day in the received offset: 23:30 on 30 December in
  // Los Angeles is 31 December in UTC, but it is still received on the 30th.
  run.with(R"({"t": "2021-12-30T23:30:00-08:00"})");
  EXPECT_EQ(run["due_days"], "2022-01-07");
}

TEST_F(EvaluatorTest, UnknownReceiptMakesDueUnknownAndMissing) {
  ASSERT_TRUE(program);
  Session run(*program);
  run.with(R"({"a": true, "b": true})");
  EXPECT_EQ(run["due_days"], "unknown");
  EXPECT_EQ(run.missing(), "t");
}

TEST_F(EvaluatorTest, OneProgramEvaluatesManyCasesIndependently) {
  ASSERT_TRUE(program);
  Session run(*program);
  for (int i = 0; i < 100; ++i) {
    bool a = i % 2 == 0;
    run.with(a ? R"({"a": true, "b": false})" : R"({"a": false, "b": true})");
    EXPECT_EQ(run["pick"], a ? "red" : "green");
  }
}

}  // namespace
}  // namespace sop

namespace sop {
namespace {

const char* k_list_program = R"(
enum Tag "a tag" { one "1" two "2" }
record Item "an item" {
  id: Tag "which"
  cite: citation "where"
}
fact a: bool "a"
fact b: bool "b"
output items: list of Item "items"
items = collect {
  rule first_item cite "L §1" when a => { id: one }
  rule second_item cite "L §2" when b => { id: two }
}
output has_one: bool "one is among the ids" = one in items.id
)";

TEST(Projection, ListOfRecordsByField) {
  auto program = testing::build(k_list_program);
  ASSERT_TRUE(program);
  testing::Session run(*program);
  EXPECT_EQ(run.with(R"({"a": true, "b": true})")["has_one"], "true");
  EXPECT_EQ(run.with(R"({"a": false, "b": true})")["has_one"], "false");
  // one is certainly in even though b is unknown.
  EXPECT_EQ(run.with(R"({"a": true})")["has_one"], "true");
  EXPECT_EQ(run.with(R"({"b": true})")["has_one"], "unknown");
}

TEST(Citations, ExpressionsAfterEvaluationAreOutsideAnyRule) {
  auto program = testing::build(k_list_program);
  ASSERT_TRUE(program);
  Program& p = *program;
  testing::Session run(p);
  run.with(R"({"a": true, "b": true})");
  Diagnostics d;
  // A record written without its citation matches any: it is not stamped with the last rule's.
  int32_t n = compile_expression(p, "{ id: one } in items", d);
  ASSERT_NE(n, k_none) << format_diagnostics(d, p.sources);
  EXPECT_TRUE(run.evaluator().eval(static_cast<NodeIndex>(n)).is_true());
}

}  // namespace
}  // namespace sop
