// The dispatcher, one command at a time, on the shipped plans (and, for reloading, on a plan
// written to a temporary directory): every command, and the errors that leave the session
// going.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "repl/session.hpp"

namespace sop::repl {
namespace {

namespace fs = std::filesystem;

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

std::vector<std::string> shipped_plans() {
  return {"policies/anthem_medicaid.sop", "policies/blue_shield_promise.sop",
          "policies/caloptima.sop", "policies/hpsj.sop", "policies/partnership.sop"};
}

class SessionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::current_path(SOP_SOURCE_DIR);
    std::string errors;
    ASSERT_TRUE(session.load_plans(shipped_plans(), errors)) << errors;
    ASSERT_EQ(session.plan_count(), 5u);
  }
  // Runs a command that must succeed; returns its output.
  std::string ok(const std::string& line) {
    Result r = session.execute(line);
    EXPECT_TRUE(r.ok) << line << "\n" << r.output;
    EXPECT_FALSE(r.quit) << line;
    return r.output;
  }
  // Runs a command that must fail; returns its output.
  std::string fails(const std::string& line) {
    Result r = session.execute(line);
    EXPECT_FALSE(r.ok) << line << "\n" << r.output;
    return r.output;
  }
  Session session;
};

// ---------------------------------------------------------------- help, plans, dispatch

TEST_F(SessionTest, HelpListsEveryCommandWithAnExampleThatWorks) {
  std::string out = ok(":help");
  for (const char* cmd : {":help", ":plans", ":show", ":set", ":unset", ":clear", ":load", ":save",
                          ":eval [PLAN", ":why", ":whynot", ":flip", ":whatif", "? EXPR",
                          ":override", ":clear-overrides", ":reload", ":quit"})
    EXPECT_TRUE(contains(out, "\n  " + std::string(cmd))) << cmd << "\n" << out;
  // One example per command, with names from the loaded plans.
  size_t examples = 0;
  for (size_t at = out.find("e.g. "); at != std::string::npos; at = out.find("e.g. ", at + 1))
    ++examples;
  EXPECT_EQ(examples, 18u);
  EXPECT_TRUE(contains(out, "e.g. :why anthem_medicaid decision")) << out;
  EXPECT_TRUE(contains(out, "e.g. :set line_of_business medi_cal")) << out;
  // Each example that reads the case runs as shown.
  for (const char* example :
       {":why anthem_medicaid decision", ":whynot anthem_medicaid decision approve",
        ":flip anthem_medicaid decision", ":whatif requester_in_network=true",
        "? decision == approve and requester_in_network", ":show line_of_business",
        ":set line_of_business medi_cal"})
    ok(example);
}

TEST_F(SessionTest, PlansListsIdsPathsAndHeaders) {
  std::string out = ok(":plans");
  EXPECT_TRUE(
      contains(out,
               "partnership          policies/partnership.sop          Partnership HealthPlan "
               "of California · MPUP3078 · Second Medical Opinions · version \"2024\" in force "
               "from 2024-09-11\n"))
      << out;
  EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 5);
}

TEST_F(SessionTest, UnknownCommandsAndBlankLines) {
  EXPECT_TRUE(contains(fails(":sett urgent true"),
                       "error: unknown command `:sett` (did you mean `:set`?); :help lists the "
                       "commands"));
  EXPECT_EQ(ok(""), "");
  EXPECT_EQ(ok("   "), "");
  EXPECT_EQ(ok("# a comment"), "");
  Result q = session.execute(":quit");
  EXPECT_TRUE(q.ok);
  EXPECT_TRUE(q.quit);
  EXPECT_TRUE(session.execute(":q").quit);
  EXPECT_TRUE(session.execute(":exit").quit);
}

// ---------------------------------------------------------------- building the case

TEST_F(SessionTest, SetShowsWhatChangedInEachPlan) {
  std::string out = ok(":set in_network_available false");
  EXPECT_TRUE(contains(out, "in_network_available: unknown → false\n")) << out;
  EXPECT_TRUE(contains(out,
                       "  partnership          authorization_required: unknown → true\n"
                       "                       route: unknown → out_of_network\n"))
      << out;
  // The missing facts by what changed in them, not as two long lists.
  EXPECT_TRUE(
      contains(out, "                       missing facts: no longer in_network_available\n"))
      << out;
  out = ok(":set in_network_available false");
  EXPECT_EQ(out, "in_network_available: false → false\n  no output changed\n");
  EXPECT_EQ(session.case_json().dump(), R"({"in_network_available":false})");
}

TEST_F(SessionTest, SetReadsEachKindOfValue) {
  ok(":set requester member");
  ok(":set specialty orthopedic_surgery");
  ok(":set id \"case 7\"");
  ok(":set opinion_number 3");
  ok(":set received_at 2026-11-20T16:30:00-08:00");
  ok(":set calendar ca_state");
  ok(":set urgent=true");  // FACT=VALUE reads as FACT VALUE
  EXPECT_EQ(session.case_json().dump(),
            R"({"id":"case 7","requester":"member","specialty":"orthopedic_surgery",)"
            R"("opinion_number":3,"urgent":true,"received_at":"2026-11-20T16:30:00-08:00",)"
            R"("calendar":"ca_state"})");
  ok(":set urgent unknown");
  EXPECT_FALSE(session.case_json().contains("urgent"));
}

TEST_F(SessionTest, TextFactsStayValidInEveryPlan) {
  // Long enough not to fit in a std::string's inline buffer.
  ok(":set specialty \"a specialty with a rather long name, for the heap\"");
  ok(":set id case-0001-with-a-long-identifier-too");
  std::string out = ok("? specialty");
  EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 5) << out;
  for (const char* plan : {"anthem_medicaid", "hpsj", "partnership"})
    EXPECT_TRUE(contains(out, std::string(plan) + " ")) << out;
  const std::string value = "\"a specialty with a rather long name, for the heap\"\n";
  size_t n = 0;
  for (size_t at = out.find(value); at != std::string::npos; at = out.find(value, at + 1)) ++n;
  EXPECT_EQ(n, 5u) << out;
  EXPECT_TRUE(contains(ok("? case_id"), "\"case-0001-with-a-long-identifier-too\""));
}

TEST_F(SessionTest, AnEvaluationThatFaultsIsReported) {
  ok(":load examples/cases/urgent_knee_surgery.json");
  // 72 hours after this is past 9999-12-31: Partnership's deadline does not exist.
  std::string out = ok(":set received_at 9999-12-31T23:00:00Z");
  EXPECT_TRUE(contains(out, "partnership cannot decide this case: ")) << out;
  EXPECT_TRUE(contains(ok(":eval"), "partnership cannot decide this case: ")) << out;
  EXPECT_FALSE(contains(ok(":eval"), "hpsj cannot")) << out;
  ok(":set received_at 2026-11-20T16:30:00-08:00");
  EXPECT_FALSE(contains(ok(":eval"), "cannot decide")) << out;
  EXPECT_TRUE(
      contains(ok(":whatif received_at=9999-12-31T23:00:00Z"), "partnership cannot decide"));
  EXPECT_FALSE(contains(ok(":eval"), "cannot decide")) << out;
}

TEST_F(SessionTest, SetRefusesWithTheDecodersMessagesAndKeepsTheCase) {
  ok(":set requester member");
  EXPECT_EQ(
      fails(":set requester doctor"),
      "error: field \"requester\": expected one of \"member\", \"authorized_representative\", "
      "\"treating_provider\", \"other_provider\", found \"doctor\"\n");
  EXPECT_EQ(fails(":set urgnt true"),
            "error: unknown field \"urgnt\" (did you mean \"urgent\"?)\n");
  EXPECT_EQ(fails(":set opinion_number 1"),
            "error: field \"opinion_number\": expected an integer from 2 to 99, found 1\n");
  EXPECT_EQ(fails(":set urgent yes"),
            "error: field \"urgent\": expected true or false, found \"yes\"\n");
  EXPECT_TRUE(contains(fails(":set received_at tomorrow"), "expected an RFC 3339 date-time"));
  EXPECT_EQ(fails(":set urgent"), "error: usage: :set FACT VALUE\n");
  EXPECT_EQ(fails(":set id \"unterminated"), "error: `\"unterminated` is not a valid JSON value\n");
  EXPECT_EQ(session.case_json().dump(), R"({"requester":"member"})");
}

TEST_F(SessionTest, ShowListsEveryFactWithItsValueDefaultOrUnknown) {
  ok(":set urgent true");
  std::string out = ok(":show");
  EXPECT_TRUE(contains(out, "\n  urgent                         true       ")) << out;
  EXPECT_TRUE(contains(out, "  line_of_business               (medi_cal by default)")) << out;
  EXPECT_TRUE(contains(out, "  requester                      unknown")) << out;
  EXPECT_TRUE(contains(out, "who asks for the opinion\n")) << out;
  EXPECT_TRUE(contains(out, "1 of 29 facts given\n")) << out;
  out = ok(":show requester");
  EXPECT_TRUE(contains(out,
                       "type Requester: member, authorized_representative, treating_provider, "
                       "other_provider\n"))
      << out;
  EXPECT_TRUE(contains(ok(":show opinion_number"), "type int in 2..99\n"));
  EXPECT_EQ(fails(":show urgnt"), "error: unknown fact `urgnt` (did you mean `urgent`?)\n");
}

TEST_F(SessionTest, UnsetAndClearForgetFacts) {
  ok(":set urgent true");
  ok(":set requester member");
  std::string out = ok(":unset urgent requester");
  EXPECT_TRUE(contains(out, "urgent: true → unknown\nrequester: member → unknown\n")) << out;
  EXPECT_TRUE(contains(ok(":unset urgent"), "urgent: already unknown\n"));
  EXPECT_TRUE(contains(fails(":unset urgnt"), "error: unknown fact `urgnt`"));
  EXPECT_EQ(fails(":unset"), "error: usage: :unset FACT…\n");
  ok(":set urgent true");
  EXPECT_TRUE(contains(ok(":clear"), "cleared 1 fact\n"));
  EXPECT_EQ(session.case_json().dump(), "{}");
}

TEST_F(SessionTest, LoadReplacesTheCaseAndSaveWritesItBack) {
  ok(":set needs_transportation true");
  EXPECT_EQ(ok(":load examples/cases/urgent_knee_surgery.json"),
            "loaded examples/cases/urgent_knee_surgery.json: 8 facts\n");
  EXPECT_FALSE(session.case_json().contains("needs_transportation"));
  fs::path tmp =
      fs::temp_directory_path() / ("sop_repl_save_test_" + std::to_string(getpid()) + ".json");
  EXPECT_EQ(ok(":save " + tmp.string()), "saved 8 facts to " + tmp.string() + "\n");
  std::ifstream f(tmp);
  nlohmann::json saved = nlohmann::json::parse(f);
  std::ifstream g("examples/cases/urgent_knee_surgery.json");
  EXPECT_EQ(saved, nlohmann::json::parse(g));
  ok(":clear");
  ok(":load " + tmp.string());
  EXPECT_EQ(session.case_json().size(), 8u);
  fs::remove(tmp);
}

TEST_F(SessionTest, LoadErrorsKeepTheCase) {
  ok(":set urgent true");
  EXPECT_EQ(fails(":load no/such/file.json"), "error: cannot open `no/such/file.json`\n");
  EXPECT_EQ(fails(":load"), "error: usage: :load FILE\n");
  fs::path tmp =
      fs::temp_directory_path() / ("sop_repl_bad_case_" + std::to_string(getpid()) + ".json");
  std::ofstream(tmp) << "{\"urgent\": true,\n \"requester\": }";
  EXPECT_TRUE(contains(fails(":load " + tmp.string()), "error: invalid JSON at line 2, column"));
  std::ofstream(tmp) << R"({"urgnt": true})";
  EXPECT_EQ(fails(":load " + tmp.string()),
            tmp.string() + ": error: unknown field \"urgnt\" (did you mean \"urgent\"?)\n");
  std::ofstream(tmp) << "[1, 2]";
  EXPECT_TRUE(contains(fails(":load " + tmp.string()), "expected a JSON object"));
  fs::remove(tmp);
  EXPECT_EQ(fails(":save /no/such/dir/case.json"),
            "error: cannot write `/no/such/dir/case.json`\n");
  EXPECT_EQ(session.case_json().dump(), R"({"urgent":true})");
}

// ---------------------------------------------------------------- evaluating

TEST_F(SessionTest, EvalShowsThePlansSideBySideAndMarksDisagreement) {
  ok(":load examples/cases/urgent_knee_surgery.json");
  std::string out = ok(":eval");
  std::istringstream lines(out);
  std::string header;
  std::getline(lines, header);
  EXPECT_EQ(header,
            "                         anthem_medicaid            blue_shield_promise        "
            "caloptima                  hpsj                       partnership");
  EXPECT_TRUE(contains(out, "\n* decision               approve                    undetermined"))
      << out;
  EXPECT_TRUE(contains(out, "\n  member_cost            none                       none")) << out;
  EXPECT_TRUE(contains(out, "hours 72\n")) << out;
  EXPECT_TRUE(contains(out, "2026-11-23T16:30:00-08:00\n")) << out;  // the due date
  EXPECT_TRUE(contains(out,
                       "\n* missing facts          -                          "
                       "information_complete"))
      << out;
  EXPECT_TRUE(contains(out, "* marks an output on which the plans differ\n")) << out;
  for (const char* row :
       {"reasons", "authorization_required", "route", "timeframe", "notices", "obligations"})
    EXPECT_TRUE(contains(out, std::string(row) + " ")) << row;
}

TEST_F(SessionTest, EvalOfSomePlans) {
  ok(":load examples/cases/urgent_knee_surgery.json");
  std::string out = ok(":eval hpsj part");
  EXPECT_EQ(out.substr(0, out.find('\n')),
            "                         hpsj                       partnership");
  EXPECT_TRUE(contains(out, "\n  decision               approve                    approve\n"))
      << out;
  EXPECT_TRUE(contains(out, "\n* timeframe              deferred UM 01             hours 72\n"))
      << out;
  EXPECT_TRUE(contains(fails(":eval hpsj nowhere"), "error: unknown plan `nowhere`"));
}

TEST_F(SessionTest, EvalInColourHighlightsInsteadOfMarking) {
  SessionOptions options;
  options.color = true;
  Session coloured(options);
  std::string errors;
  ASSERT_TRUE(coloured.load_plans(shipped_plans(), errors));
  coloured.execute(":load examples/cases/urgent_knee_surgery.json");
  std::string out = coloured.execute(":eval").output;
  EXPECT_TRUE(contains(out, "  \x1b[1;33mdecision ")) << out;
  EXPECT_FALSE(contains(out, "* decision")) << out;
  EXPECT_FALSE(contains(out, "* marks")) << out;
  EXPECT_FALSE(contains(out, "\x1b[1;33mmember_cost")) << out;
  EXPECT_EQ(coloured.execute(":set urgent maybe").output,
            "\x1b[1;31merror:\x1b[0m field \"urgent\": expected true or false, found \"maybe\"\n");
}

TEST_F(SessionTest, WhyExplainsAnOutputInOneOrEveryPlan) {
  ok(":load examples/cases/urgent_knee_surgery.json");
  std::string out = ok(":why partnership decision");
  EXPECT_TRUE(contains(out, "partnership decision = approve\n")) << out;
  EXPECT_TRUE(contains(out, "  by listed_reason \"a listed reason holds\" [MPUP3078 §VI.A]\n"))
      << out;
  EXPECT_TRUE(contains(out, "questions_surgery = true")) << out;
  out = ok(":why blue decision");  // a unique prefix names the plan
  EXPECT_TRUE(contains(out, "blue_shield_promise decision = undetermined\n")) << out;
  EXPECT_TRUE(contains(out, "  missing facts: information_complete\n")) << out;
  out = ok(":why * timeframe");
  for (const char* plan :
       {"anthem_medicaid", "blue_shield_promise", "caloptima", "hpsj", "partnership"})
    EXPECT_TRUE(contains(out, std::string(plan) + " timeframe = ")) << plan;
}

TEST_F(SessionTest, WhyErrors) {
  EXPECT_EQ(fails(":why partnership"), "error: usage: :why PLAN OUTPUT\n");
  EXPECT_EQ(
      fails(":why nowhere decision"),
      "error: unknown plan `nowhere`; plans: anthem_medicaid, blue_shield_promise, caloptima, "
      "hpsj, partnership, or * for all\n");
  EXPECT_TRUE(contains(fails(":why partnershp decision"), "(did you mean `partnership`?)"));
  EXPECT_EQ(
      fails(":why partnership decisio"),
      "error: plan `partnership` has no output or def `decisio` (did you mean `decision`?)\n");
  EXPECT_EQ(fails(":why partnership urgent"),
            "error: `urgent` is a fact, not an output (:show urgent shows it)\n");
}

TEST_F(SessionTest, WhyNotNamesTheFailedConditions) {
  ok(":load examples/cases/urgent_knee_surgery.json");
  std::string out = ok(":whynot partnership timeframe within(5 business_days)");
  EXPECT_TRUE(contains(out, "partnership timeframe is { kind: hours, amount: 72")) << out;
  EXPECT_TRUE(contains(out,
                       "otherwise \"non-urgent out-of-network request\" [MPUP3078 §VI.D.2] "
                       "gives { kind: business_days, amount: 5"))
      << out;
  EXPECT_TRUE(contains(out, "an earlier rule decided first: urgent_out_of_network")) << out;
  out = ok(":whynot partnership reasons serious_condition");
  EXPECT_TRUE(contains(out, "may contain serious_condition")) << out;
  EXPECT_TRUE(contains(out, "missing facts: questions_diagnosis_or_plan, serious_condition\n"))
      << out;
  EXPECT_EQ(ok(":whynot partnership decision approve"), "partnership decision is approve\n");
  EXPECT_TRUE(
      contains(fails(":whynot partnership decision aprove"), "error: undefined name `aprove`"));
  EXPECT_EQ(fails(":whynot partnership decision"), "error: usage: :whynot PLAN OUTPUT VALUE\n");
}

TEST_F(SessionTest, FlipReportsTheFactsToChange) {
  ok(":load examples/cases/urgent_knee_surgery.json");
  std::string out = ok(":flip blue_shield_promise decision approve");
  EXPECT_TRUE(contains(out,
                       "blue_shield_promise decision = undetermined: changing 1 fact would "
                       "make it approve"))
      << out;
  EXPECT_TRUE(contains(out, ":whatif information_complete=true  → approve  (was unknown)\n"))
      << out;
  out = ok(":flip partnership decision");
  EXPECT_TRUE(contains(out, ":whatif opinion_number=3")) << out;
  EXPECT_TRUE(contains(out, "(was 2)")) << out;
  EXPECT_EQ(ok(":flip partnership decision approve"), "partnership decision is approve already\n");
  out = ok(":flip partnership decision deny");
  EXPECT_TRUE(contains(out,
                       "no change of up to 3 facts (of the 11 it depends on) would make it "
                       "deny\n"))
      << out;
  // The case is as it was.
  EXPECT_EQ(session.case_json().size(), 8u);
  EXPECT_TRUE(contains(ok(":why blue decision"), "undetermined"));
  EXPECT_EQ(fails(":flip partnership"), "error: usage: :flip PLAN OUTPUT [VALUE]\n");
}

TEST_F(SessionTest, WhatIfShowsEachPlansChangesAndKeepsTheCase) {
  ok(":load examples/cases/urgent_knee_surgery.json");
  std::string before = ok(":eval");
  std::string out = ok(":whatif in_network_available=true urgent=false");
  EXPECT_TRUE(contains(out, "what if in_network_available = true, urgent = false:\n")) << out;
  EXPECT_TRUE(contains(out, "  partnership          authorization_required: true → false\n"))
      << out;
  EXPECT_TRUE(contains(out,
                       "                       timeframe: hours 72 2026-11-23T16:30:00-08:00 → "
                       "none\n"))
      << out;
  EXPECT_EQ(ok(":eval"), before);
  out = ok(":whatif specialty=\"cardiology\"");
  EXPECT_TRUE(contains(out, "  anthem_medicaid      no change\n")) << out;
  out = ok(":whatif urgent=unknown");
  EXPECT_TRUE(contains(out, "missing facts: now urgent\n")) << out;
  EXPECT_EQ(fails(":whatif urgent"), "error: `urgent` is not FACT=VALUE\n");
  EXPECT_TRUE(contains(fails(":whatif urgnt=true"), "did you mean \"urgent\""));
  EXPECT_TRUE(contains(fails(":whatif requester=doctor"), "found \"doctor\""));
  EXPECT_EQ(fails(":whatif"), "error: usage: :whatif FACT=VALUE…\n");
  EXPECT_EQ(ok(":eval"), before);
}

TEST_F(SessionTest, ExpressionsAreEvaluatedInEveryPlan) {
  ok(":load examples/cases/urgent_knee_surgery.json");
  std::string out = ok("? route.tier == out_of_network and urgent");
  EXPECT_EQ(
      out,
      "  anthem_medicaid      true\n  blue_shield_promise  true\n  caloptima            true\n"
      "  hpsj                 true\n  partnership          true\n");
  out = ok("timeframe.kind");  // a line without `:` is an expression too
  EXPECT_TRUE(contains(out, "  partnership          hours\n")) << out;
  EXPECT_TRUE(contains(out, "  hpsj                 deferred\n")) << out;
  EXPECT_EQ(fails("? urgent and"),
            "<input>:1:11: error: expected an expression after `and`\n 1 | urgent and\n   |"
            "           ^\n");
  EXPECT_TRUE(contains(fails("? urgnt"), "error: undefined name `urgnt`"));
  // A command typed without its colon.
  EXPECT_TRUE(contains(fails("set urgent true"), "help: commands start with `:`, as in `:set`\n"));
  EXPECT_EQ(fails("?"), "error: usage: ? EXPR\n");
  // Compiled once per plan: asking again gives the same answer.
  EXPECT_EQ(ok("? route.tier == out_of_network and urgent"),
            ok("? route.tier == out_of_network and urgent"));
}

// ---------------------------------------------------------------- overrides

TEST_F(SessionTest, OverridesReplaceAnOutputUntilCleared) {
  ok(":load examples/cases/urgent_knee_surgery.json");
  std::string out = ok(":override partnership timeframe = within(24 hours)");
  EXPECT_TRUE(contains(out, "override partnership timeframe = within(24 hours)\n")) << out;
  EXPECT_TRUE(contains(out,
                       "timeframe: hours 72 2026-11-23T16:30:00-08:00 → hours 24 "
                       "2026-11-21T16:30:00-08:00\n"))
      << out;
  EXPECT_TRUE(contains(ok(":eval"), "(override in partnership: timeframe = within(24 hours))\n"));
  EXPECT_TRUE(
      contains(ok(":why partnership timeframe"), "overridden in this session: within(24 hours)"));
  EXPECT_EQ(ok(":override"), "partnership timeframe = within(24 hours)\n");
  EXPECT_TRUE(contains(ok(":plans"), "override timeframe = within(24 hours)\n"));
  // Outputs computed from it follow: with every plan's decision set to review, none approves.
  out = ok(":override * decision = review");
  EXPECT_TRUE(contains(out, "  partnership          decision: approve → review\n")) << out;
  out = ok(":clear-overrides partnership decision");
  EXPECT_TRUE(contains(out, "cleared 1 override\n")) << out;
  EXPECT_TRUE(contains(out, "partnership          decision: review → approve")) << out;
  out = ok(":clear-overrides");
  EXPECT_TRUE(contains(out, "cleared 5 overrides\n")) << out;
  EXPECT_EQ(ok(":override"), "no overrides\n");
  EXPECT_EQ(ok(":clear-overrides"), "cleared 0 overrides\n");
}

TEST_F(SessionTest, OverrideErrors) {
  EXPECT_EQ(fails(":override partnership timeframe"),
            "error: usage: :override PLAN OUTPUT = EXPR\n");
  EXPECT_EQ(fails(":override partnership timeframe = 3"),
            "error: `3` is a `int`, but `timeframe` is a `Timeframe`\n");
  EXPECT_TRUE(contains(fails(":override partnership timeframe = within(24 hourz)"), "error: "));
  EXPECT_EQ(fails(":override partnership route = route_to(out_of_network, timeframe.amount == 72, "
                  "false)"),
            "error: an override of `route` may read facts and what is computed before it, not "
            "`timeframe`\n");
  EXPECT_EQ(fails(":override partnership route = if route.member_choice then route else route"),
            "error: an override of `route` may read facts and what is computed before it, not "
            "`route`\n");
  EXPECT_EQ(fails(":override partnership urgent = true"),
            "error: `urgent` is a fact, not an output (:show urgent shows it)\n");
  EXPECT_EQ(ok(":override"), "no overrides\n");
  // OUTPUT=EXPR without blanks reads the same.
  EXPECT_TRUE(contains(ok(":override partnership member_cost=copay"),
                       "override partnership member_cost = copay"));
}

// ---------------------------------------------------------------- reloading

class ReloadTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // One directory per test process: ctest runs the tests of this binary in parallel.
    dir = fs::temp_directory_path() / ("sop_repl_reload_test_" + std::to_string(getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    write(k_plan);
    std::string errors;
    ASSERT_TRUE(session.load_plans({(dir / "tiny.sop").string()}, errors)) << errors;
  }
  void TearDown() override { fs::remove_all(dir); }
  void write(const std::string& text) { std::ofstream(dir / "tiny.sop") << text; }

  static constexpr const char* k_plan = R"(
header { policy: string "the policy number" }
plan tiny { policy: "T-1" }
enum Color "a color" { red "r" green "g" }
fact a: bool "a"
fact c: Color "a color"
output pick: Color "the pick"
pick = first {
  rule when_a "a holds" cite "T §1" when a => red
  otherwise "else" cite "T §2" => green
}
)";
  fs::path dir;
  Session session;
};

TEST_F(ReloadTest, ReloadReadsTheEditedFileKeepsTheCaseAndShowsWhatChanged) {
  ASSERT_TRUE(session.execute(":set a true").ok);
  ASSERT_TRUE(session.execute(":set c green").ok);
  ASSERT_TRUE(session.execute(":override tiny pick = red").ok);
  std::string edited = k_plan;
  edited.replace(edited.find("when a => red"), 13, "when not a => red");
  write(edited);
  Result r = session.execute(":reload");
  EXPECT_TRUE(r.ok) << r.output;
  EXPECT_EQ(r.output, "reloaded 1 of 1 plan\n  no output changed\n");  // the override holds
  ASSERT_TRUE(session.execute(":clear-overrides").ok);
  EXPECT_TRUE(contains(session.execute("pick").output, "green"));
  EXPECT_EQ(session.case_json().dump(), R"({"a":true,"c":"green"})");
}

TEST_F(ReloadTest, ABrokenFileKeepsThePlanAsItWas) {
  ASSERT_TRUE(session.execute(":set a true").ok);
  write("plan tiny {");
  Result r = session.execute(":reload");
  EXPECT_FALSE(r.ok);
  EXPECT_TRUE(contains(r.output, "tiny.sop:1:12: error:")) << r.output;
  EXPECT_TRUE(contains(r.output, "tiny: kept as it was loaded before\n")) << r.output;
  EXPECT_EQ(session.execute("pick").output, "red\n");
}

TEST_F(ReloadTest, FactsAPlanNoLongerAcceptsLeaveTheCase) {
  ASSERT_TRUE(session.execute(":set c green").ok);
  ASSERT_TRUE(session.execute(":set a true").ok);
  ASSERT_TRUE(session.execute(":override tiny pick = if c == green then green else red").ok);
  std::string edited = k_plan;
  edited.replace(edited.find("green \"g\""), 9, "blue \"b\"");
  edited.replace(edited.find("=> green"), 8, "=> blue");
  edited.replace(edited.find("fact a: bool \"a\"\n"), 17, "");
  edited.replace(edited.find("when a"), 6, "when true");
  write(edited);
  Result r = session.execute(":reload");
  EXPECT_TRUE(r.ok) << r.output;
  EXPECT_TRUE(contains(r.output, "tiny: override of pick dropped: ")) << r.output;
  EXPECT_TRUE(contains(r.output, "a is declared by no plan any more: dropped from the case\n"))
      << r.output;
  EXPECT_TRUE(contains(r.output,
                       "field \"c\": expected one of \"red\", \"blue\", found \"green\"; "
                       "dropped from the case\n"))
      << r.output;
  EXPECT_EQ(session.case_json().dump(), "{}");
}

TEST_F(ReloadTest, ASinglePlanNeedsNoPlanName) {
  ASSERT_TRUE(session.execute(":set a true").ok);
  Result r = session.execute(":why pick");
  EXPECT_TRUE(r.ok) << r.output;
  EXPECT_TRUE(contains(r.output, "tiny pick = red\n  by when_a \"a holds\" [T §1]\n")) << r.output;
  // One plan: an expression prints its value alone.
  EXPECT_EQ(session.execute("? pick == red").output, "true\n");
}

TEST(SessionLoad, ReportsPlansThatDoNotLoadAndKeepsTheOthers) {
  fs::current_path(SOP_SOURCE_DIR);
  Session session;
  std::string errors;
  EXPECT_FALSE(session.load_plans({"policies/partnership.sop", "no/such.sop", "stdlib/baseline.sop",
                                   "policies/partnership.sop"},
                                  errors));
  EXPECT_EQ(session.plan_count(), 1u);
  EXPECT_TRUE(contains(errors, "no/such.sop")) << errors;
  EXPECT_TRUE(contains(errors, "error: `stdlib/baseline.sop` has no `plan` header")) << errors;
  // A file given twice is loaded once (as `sop eval` loads plans: interpreter/plan_versions.hpp).
  EXPECT_FALSE(contains(errors, "partnership")) << errors;
  Session empty;
  EXPECT_EQ(empty.execute(":eval").output, "error: no plan is loaded\n");
}

}  // namespace
}  // namespace sop::repl
