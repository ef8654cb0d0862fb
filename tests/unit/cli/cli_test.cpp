// The `sop` command line, run in-process: exit codes, the spec's worked example, refusals.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "tests/support/run_sop.hpp"

namespace sop {
namespace {

namespace fs = std::filesystem;

using Result = testing_support::SopResult;
using testing_support::sop;

const char* k_example_1 =
    R"({"id": "example-1", "requester": "member", "care_from": "specialist",
 "specialty": "orthopedic_surgery", "questions_surgery": true,
 "in_network_available": false, "urgent": true, "received_at": "2026-11-20T16:30:00-08:00"})";

TEST(Cli, EvalReproducesTheSpecExample) {
  Result r = sop({"eval", "policies/partnership.sop", "-", "--format", "json"}, k_example_1);
  ASSERT_EQ(r.status, 0) << r.err;
  nlohmann::json d = nlohmann::json::parse(r.out);
  EXPECT_EQ(d["schema"], "sop.determination/1");
  EXPECT_EQ(d["plan"], "partnership");
  EXPECT_EQ(d["policy"], "MPUP3078");
  EXPECT_EQ(d["case_id"], "example-1");
  EXPECT_EQ(d["decision"], "approve");
  EXPECT_EQ(d["reasons"], nlohmann::json::parse(
                              R"([{"id": "recommended_procedure", "cite": "MPUP3078 §VI.A.1"}])"));
  EXPECT_EQ(d["authorization_required"], true);
  EXPECT_EQ(d["route"], nlohmann::json::parse(R"({"tier": "out_of_network", "same_specialty": false,
                                                   "member_choice": false, "cite": "MPUP3078 §VI.C"})"));
  EXPECT_TRUE(d["reviewer"].is_null());
  // The spec's timeframe, plus the field added to it (docs/case-format-extensions.md).
  nlohmann::json timeframe = d["timeframe"];
  EXPECT_TRUE(timeframe["further_refs"].is_null());
  timeframe.erase("further_refs");
  EXPECT_EQ(timeframe, nlohmann::json::parse(R"({"kind": "hours", "amount": 72,
      "due": "2026-11-23T16:30:00-08:00", "calendar": null, "ref": null, "cite": "MPUP3078 §VI.D.1"})"));
  EXPECT_EQ(d["member_cost"], "none");
  EXPECT_EQ(d["notices"]["approve"], nlohmann::json::array());
  EXPECT_EQ(d["notices"]["deny"], nlohmann::json::parse(R"([{"kind": "denial", "to": ["member"],
      "contents": ["denial_reasons", "appeal_rights", "grievance_rights", "how_to_appeal",
                   "how_to_file_grievance"], "cite": "MPUP3078 §VI.F"}])"));
  EXPECT_EQ(d["obligations"], nlohmann::json::array());
  EXPECT_EQ(d["missing_facts"], nlohmann::json::array());
  nlohmann::json want = {{"output", "timeframe"},
                         {"rule", "urgent out-of-network request"},
                         {"cite", "MPUP3078 §VI.D.1"}};
  bool found = false;
  for (const auto& t : d["trace"]) {
    if (t["output"] == want["output"] && t["rule"] == want["rule"] && t["cite"] == want["cite"])
      found = true;
  }
  EXPECT_TRUE(found) << d["trace"].dump(2);
  EXPECT_EQ(d["version"], "2024");  // Partnership's version in force on 2026-11-20
  // The spec's field order, then the fields added to it (docs/case-format-extensions.md).
  std::vector<std::string> keys;
  nlohmann::ordered_json ordered = nlohmann::ordered_json::parse(r.out);
  for (const auto& [k, v] : ordered.items()) keys.push_back(k);
  std::vector<std::string> order = {"schema",
                                    "plan",
                                    "policy",
                                    "case_id",
                                    "decision",
                                    "reasons",
                                    "authorization_required",
                                    "route",
                                    "reviewer",
                                    "timeframe",
                                    "member_cost",
                                    "notices",
                                    "obligations",
                                    "version",
                                    "version_from",
                                    "missing_facts",
                                    "trace"};
  EXPECT_EQ(keys, order);
}

TEST(Cli, EvalListsMissingFacts) {
  Result r = sop({"eval", "policies/partnership.sop", "examples/cases/incomplete_request.json"});
  ASSERT_EQ(r.status, 0) << r.err;
  nlohmann::json d = nlohmann::json::parse(r.out);
  EXPECT_EQ(d["decision"], "undetermined");
  EXPECT_TRUE(d["route"].is_null());
  EXPECT_TRUE(d["authorization_required"].is_null());
  std::vector<std::string> missing = d["missing_facts"];
  EXPECT_NE(std::find(missing.begin(), missing.end(), "in_network_available"), missing.end());
  EXPECT_NE(std::find(missing.begin(), missing.end(), "urgent"), missing.end());
  EXPECT_EQ(std::find(missing.begin(), missing.end(), "received_at"), missing.end());
}

TEST(Cli, NoTraceLeavesTheTraceOut) {
  Result r = sop({"eval", "policies/partnership.sop", "-", "--no-trace"}, k_example_1);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_FALSE(nlohmann::json::parse(r.out).contains("trace"));
}

TEST(Cli, BadCasesAreRefusedWithFieldValueAndExpectation) {
  struct Bad {
    const char* json;
    const char* message;
  };
  const Bad bad[] = {
      {R"({"urgnt": true})", R"(unknown field "urgnt" (did you mean "urgent"?))"},
      {R"({"urgent": "yes"})", R"(field "urgent": expected true or false, found "yes")"},
      {R"({"requester": "doctor"})",
       R"(field "requester": expected one of "member", "authorized_representative", "treating_provider", "other_provider", found "doctor")"},
      {R"({"opinion_number": 1})",
       R"(field "opinion_number": expected an integer from 2 to 99, found 1)"},
      {R"({"received_at": "2026-11-20 16:30"})",
       R"(field "received_at": expected an RFC 3339 date-time with offset, such as "2026-11-20T16:30:00-08:00", found "2026-11-20 16:30")"},
      {R"({"urgent": true,})", "invalid JSON at line 1, column 17"},
      {R"([1, 2])", "expected a JSON object (a sop.case/1 case), found an array"},
  };
  for (const Bad& b : bad) {
    Result r = sop({"eval", "policies/partnership.sop", "-"}, b.json);
    EXPECT_EQ(r.status, 1) << b.json;
    EXPECT_NE(r.err.find(b.message), std::string::npos) << "for " << b.json << "\ngot: " << r.err;
    EXPECT_TRUE(r.out.empty());
  }
}

TEST(Cli, NullMeansAbsent) {
  Result r = sop({"eval", "policies/partnership.sop", "-"}, R"({"urgent": null, "id": null})");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(nlohmann::json::parse(r.out)["case_id"].is_null());
}

TEST(Cli, BatchKeepsOrderAndReplacesBadLines) {
  std::string input = std::string(R"({"id": "a", "in_network_available": true})") + "\n\n" +
                      R"({"id": 7})" + "\n" + R"({"id": "c"})" + "\n";
  Result r = sop({"eval", "policies/partnership.sop", "--batch", "--no-trace"}, input);
  EXPECT_EQ(r.status, 1);
  std::istringstream lines(r.out);
  std::vector<nlohmann::json> out;
  for (std::string l; std::getline(lines, l);) out.push_back(nlohmann::json::parse(l));
  ASSERT_EQ(out.size(), 3u) << r.out;
  EXPECT_EQ(out[0]["case_id"], "a");
  EXPECT_EQ(out[1]["schema"], "sop.error/1");
  EXPECT_EQ(out[1]["line"], 3);
  EXPECT_EQ(out[2]["case_id"], "c");
}

TEST(Cli, UsageErrorsExitTwo) {
  EXPECT_EQ(sop({}).status, 2);
  EXPECT_EQ(sop({"frobnicate"}).status, 2);
  EXPECT_EQ(sop({"eval"}).status, 2);
  EXPECT_EQ(sop({"eval", "policies/partnership.sop", "x.json", "--format", "xml"}).status, 2);
}

TEST(Cli, HelpForEveryCommand) {
  for (const char* cmd : {"check", "eval", "test", "compare", "schema", "template"}) {
    Result r = sop({cmd, "--help"});
    EXPECT_EQ(r.status, 0) << cmd;
    EXPECT_NE(r.out.find("Usage"), std::string::npos) << cmd << ": " << r.out;
  }
  Result r = sop({"--help"});
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.out.find("Exit status"), std::string::npos);
}

TEST(Cli, CheckAcceptsEveryShippedFile) {
  std::vector<std::string> args = {"check"};
  for (const auto& dir : {"stdlib", "policies"})
    for (const auto& e : fs::directory_iterator(fs::path(SOP_SOURCE_DIR) / dir))
      if (e.path().extension() == ".sop") args.push_back(e.path().string());
  Result r = sop(args);
  EXPECT_EQ(r.status, 0) << r.err;
}

TEST(Cli, CheckReportsAMissingFile) {
  Result r = sop({"check", "no/such/file.sop"});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("cannot open `no/such/file.sop`: no such file"), std::string::npos) << r.err;
}

// Every command loads plans through load_plan, so a file that checks but is not a plan is
// refused with one message, naming the command that needed the plan.
TEST(Cli, EveryCommandRefusesAFileThatIsNotAPlanAlike) {
  const std::string not_a_plan = "stdlib/baseline.sop";
  struct Expected {
    std::vector<std::string> args;
    std::string command;
    int status;
  };
  const std::vector<Expected> cases = {
      {{"eval", not_a_plan, "examples/cases/anthem_conflicting_results.json"}, "sop eval", 1},
      {{"eval", not_a_plan, "--batch"}, "sop eval", 1},
      {{"compare", "-p", not_a_plan}, "sop compare", 1},
      {{"diff", not_a_plan, "policies/partnership.sop"}, "sop diff", 2},
      {{"matrix", not_a_plan}, "sop matrix", 2},
      {{"schema", "case", not_a_plan}, "sop schema", 1},
      {{"template", "csv", not_a_plan}, "sop template", 1},
  };
  for (const Expected& e : cases) {
    Result r = sop(e.args);
    EXPECT_EQ(r.status, e.status) << e.command << ": " << r.err;
    EXPECT_NE(r.err.find("error: `" + not_a_plan + "` has no `plan` header; `" + e.command +
                         "` needs a plan\n"),
              std::string::npos)
        << r.err;
  }
}

TEST(Cli, SchemaPrintsTheCaseAndDeterminationSchemas) {
  Result c = sop({"schema", "case"});
  ASSERT_EQ(c.status, 0) << c.err;
  nlohmann::json cs = nlohmann::json::parse(c.out);
  EXPECT_EQ(cs["$id"], "sop.case/1");
  EXPECT_TRUE(cs["properties"].contains("received_at"));
  Result d = sop({"schema", "determination", "policies/hpsj.sop"});
  ASSERT_EQ(d.status, 0) << d.err;
  EXPECT_EQ(nlohmann::json::parse(d.out)["$id"], "sop.determination/1");
  EXPECT_EQ(sop({"schema"}).status, 2);
  EXPECT_EQ(sop({"schema", "verdict"}).status, 2);
  EXPECT_EQ(sop({"template", "xlsx"}).status, 2);
}

// The template's header row is a batch CSV: with one empty row, a case of all facts absent.
TEST(Cli, TemplateIsABatchCsvHeader) {
  Result t = sop({"template", "csv"});
  ASSERT_EQ(t.status, 0) << t.err;
  ASSERT_EQ(t.out.rfind("id,line_of_business,", 0), 0u) << t.out;
  ASSERT_EQ(std::count(t.out.begin(), t.out.end(), '\n'), 1);
  std::string row(std::count(t.out.begin(), t.out.end(), ','), ',');
  Result r = sop({"eval", "policies/partnership.sop", "--batch", "--input-format", "csv"},
                 t.out + row + "\n");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("\"decision\":\"undetermined\""), std::string::npos) << r.out;
}

// The decision-record template is a CSV log's header that `sop audit` takes: the facts, the
// record's fields, two notice groups; a row of it with a case id, a decision and a notice is
// judged, not refused.
TEST(Cli, TemplateDecisionRecordIsACsvLogHeader) {
  Result t = sop({"template", "decision-record"});
  ASSERT_EQ(t.status, 0) << t.err;
  ASSERT_EQ(t.out.rfind("id,line_of_business,", 0), 0u) << t.out;
  for (const char* column : {",plan,", ",decided_at,", ",notices.1.kind,", ",notices.2.sent_at,"})
    EXPECT_NE(t.out.find(column), std::string::npos) << column << " in " << t.out;
  std::string header = t.out.substr(0, t.out.size() - 1);
  std::vector<std::string> cells;
  for (size_t at = 0; at <= header.size();) {
    size_t comma = std::min(header.find(',', at), header.size());
    std::string name = header.substr(at, comma - at);
    cells.push_back(name == "id"               ? "t-1"
                    : name == "decision"       ? "Withdrawn"
                    : name == "notices.1.kind" ? "Denial"
                    : name == "notices.1.to"   ? "None"
                                               : "");
    at = comma + 1;
  }
  std::string row;
  for (size_t i = 0; i < cells.size(); ++i) row += (i ? "," : "") + cells[i];
  Result r =
      sop({"audit", "policies/partnership.sop", "--input-format", "csv"}, t.out + row + "\n");
  EXPECT_EQ(r.out.find("sop.error/1"), std::string::npos) << r.out << r.err;
  EXPECT_EQ(r.status, 0) << r.out << r.err;
}

TEST(Cli, TestCommandEndsWithTheCounts) {
  Result r = sop({"test", "policies/partnership.sop"});
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  std::string last = r.out.substr(r.out.rfind('\n', r.out.size() - 2) + 1);
  EXPECT_NE(last.find(" passed, 0 failed"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace sop

namespace sop {
namespace {

// Issue acceptance: for each pair of plans, at least one shipped example case on which their
// determinations differ (what `sop compare`, the README's demo, shows).
TEST(Examples, EveryPairOfPlansDiffersOnSomeExampleCase) {
  std::vector<std::string> plans, cases;
  for (const auto& e : fs::directory_iterator(fs::path(SOP_SOURCE_DIR) / "policies"))
    if (e.path().extension() == ".sop") plans.push_back(e.path().string());
  for (const auto& e : fs::directory_iterator(fs::path(SOP_SOURCE_DIR) / "examples/cases"))
    if (e.path().extension() == ".json") cases.push_back(e.path().string());
  ASSERT_EQ(plans.size(), 5u);
  ASSERT_GE(cases.size(), 12u);
  // determinations[plan][case], without what names the plan or traces its rules.
  std::vector<std::vector<nlohmann::json>> d(plans.size());
  for (size_t p = 0; p < plans.size(); ++p) {
    for (const std::string& c : cases) {
      Result r = sop({"eval", plans[p], c, "--no-trace"});
      ASSERT_EQ(r.status, 0) << plans[p] << " " << c << "\n" << r.err;
      nlohmann::json j = nlohmann::json::parse(r.out);
      j.erase("plan");
      j.erase("policy");
      // Citations always differ between plans; what is decided is what must differ.
      std::function<void(nlohmann::json&)> strip = [&](nlohmann::json& x) {
        if (x.is_object()) {
          x.erase("cite");
          for (auto& [k, v] : x.items()) strip(v);
        } else if (x.is_array()) {
          for (auto& v : x) strip(v);
        }
      };
      strip(j);
      d[p].push_back(j);
    }
  }
  for (size_t a = 0; a < plans.size(); ++a) {
    for (size_t b = a + 1; b < plans.size(); ++b) {
      bool differ = false;
      for (size_t c = 0; c < cases.size(); ++c) differ = differ || d[a][c] != d[b][c];
      EXPECT_TRUE(differ) << plans[a] << " and " << plans[b] << " agree on every example";
    }
  }
}

}  // namespace
}  // namespace sop
