// Versions of a plan on the command line: `sop eval` and `sop eval --batch` decide each case by
// the version in force on its received_at (or --as-of), and say which; `sop diff` names versions
// by label. Partnership's policy (version "2024", from 2024-09-11) and the annual-review draft
// (version "2025", from 2025-09-10, the urgent timeframe 72 → 48 hours) are the two versions.
#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "tests/support/run_sop.hpp"

namespace sop {
namespace {

using Result = testing_support::SopResult;
using testing_support::sop;

const std::string k_2024 = "policies/partnership.sop";
const std::string k_2025 = "tests/fixtures/annual_review/partnership_2025.sop";

// An urgent out-of-network request received at `received_at` (none when empty).
std::string urgent_case(const std::string& received_at) {
  std::string c = R"({"id": "v-1", "requester": "member", "care_from": "specialist", )"
                  R"("specialty": "orthopedic_surgery", "questions_surgery": true, )"
                  R"("in_network_available": false, "urgent": true)";
  if (!received_at.empty()) c += R"(, "received_at": ")" + received_at + "\"";
  return c + "}";
}

nlohmann::json eval_json(const std::vector<std::string>& args, const std::string& input) {
  Result r = sop(args, input);
  EXPECT_EQ(r.status, 0) << r.err;
  return r.status == 0 ? nlohmann::json::parse(r.out) : nlohmann::json();
}

TEST(Versions, TheDayBeforeAndTheDayANewVersionComesIntoForce) {
  nlohmann::json before =
      eval_json({"eval", k_2024, k_2025, "-"}, urgent_case("2025-09-09T23:59:00-07:00"));
  EXPECT_EQ(before["version"], "2024");
  EXPECT_EQ(before["version_from"], "2024-09-11");
  EXPECT_EQ(before["timeframe"]["amount"], 72);
  nlohmann::json on =
      eval_json({"eval", k_2024, k_2025, "-"}, urgent_case("2025-09-10T00:00:00-07:00"));
  EXPECT_EQ(on["version"], "2025");
  EXPECT_EQ(on["version_from"], "2025-09-10");
  EXPECT_EQ(on["timeframe"]["amount"], 48);
}

TEST(Versions, TheDayIsTheReceiptsOwnLocalDay) {
  // 2025-09-10T02:00Z is still 2025-09-09 in California.
  nlohmann::json d =
      eval_json({"eval", k_2025, k_2024, "-"}, urgent_case("2025-09-09T19:00:00-07:00"));
  EXPECT_EQ(d["version"], "2024");
}

TEST(Versions, AsOfOverridesTheReceipt) {
  nlohmann::json d = eval_json({"eval", k_2024, k_2025, "-", "--as-of", "2025-09-10"},
                               urgent_case("2025-01-01T10:00:00-08:00"));
  EXPECT_EQ(d["version"], "2025");
  EXPECT_EQ(d["timeframe"]["amount"], 48);
  Result bad = sop({"eval", k_2024, "-", "--as-of", "2025-02-30"}, urgent_case(""));
  EXPECT_EQ(bad.status, 2);
  EXPECT_NE(bad.err.find("error: --as-of takes a date (YYYY-MM-DD), not `2025-02-30`"),
            std::string::npos)
      << bad.err;
}

TEST(Versions, ACaseBeforeAnyVersionIsRefused) {
  Result r = sop({"eval", k_2024, k_2025, "-"}, urgent_case("2024-09-10T10:00:00-07:00"));
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err,
            "-: error: no version of plan `partnership` was in force on 2024-09-10; the earliest "
            "is in force from 2024-09-11\n");
}

TEST(Versions, ACaseWithoutADateIsDecidedByTheLatestAndSaysSo) {
  nlohmann::json d = eval_json({"eval", k_2024, k_2025, "-"}, urgent_case(""));
  EXPECT_EQ(d["version"], "2025");
  Result text = sop({"eval", k_2024, k_2025, "-", "--format", "text"}, urgent_case(""));
  ASSERT_EQ(text.status, 0) << text.err;
  EXPECT_EQ(text.out.substr(0, text.out.find("decision")),
            "plan partnership\nversion 2025, in force from 2025-09-10 (the case gives no "
            "received_at: the latest version)\n");
}

TEST(Versions, APlanWithoutAVersionClauseSaysNull) {
  nlohmann::json d = eval_json({"eval", "policies/hpsj.sop", "-"}, urgent_case(""));
  ASSERT_TRUE(d.contains("version"));
  EXPECT_TRUE(d["version"].is_null());
  EXPECT_TRUE(d["version_from"].is_null());
}

TEST(Versions, EvalWithoutBatchTakesOnePlan) {
  Result r = sop({"eval", k_2024, "policies/hpsj.sop", "-"}, urgent_case(""));
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("error: `sop eval` without --batch evaluates one plan, and these files "
                       "hold `partnership`, `hpsj`"),
            std::string::npos)
      << r.err;
}

TEST(Versions, BatchPicksTheVersionPerCase) {
  std::string input = urgent_case("2025-09-09T10:00:00-07:00") + "\n" +
                      urgent_case("2025-09-10T10:00:00-07:00") + "\n" +
                      urgent_case("2024-01-01T10:00:00-08:00") + "\n";
  Result r = sop({"eval", k_2024, k_2025, "policies/hpsj.sop", "--batch", "--no-trace"}, input);
  EXPECT_EQ(r.status, 1) << r.err;  // the third case is before any version of Partnership
  std::istringstream lines(r.out);
  std::vector<nlohmann::json> out;
  for (std::string line; std::getline(lines, line);) out.push_back(nlohmann::json::parse(line));
  ASSERT_EQ(out.size(), 6u) << r.out;  // per case: Partnership, then HPSJ
  EXPECT_EQ(out[0]["version"], "2024");
  EXPECT_EQ(out[0]["timeframe"]["amount"], 72);
  EXPECT_TRUE(out[1]["version"].is_null());
  EXPECT_EQ(out[2]["version"], "2025");
  EXPECT_EQ(out[2]["timeframe"]["amount"], 48);
  EXPECT_EQ(out[4]["schema"], "sop.error/1");
  EXPECT_EQ(out[4]["line"], 3);
  EXPECT_EQ(out[4]["plan"], "partnership");
  EXPECT_EQ(out[4]["error"],
            "no version of plan `partnership` was in force on 2024-01-01; the earliest is in force "
            "from 2024-09-11");
  EXPECT_EQ(out[5]["plan"], "hpsj");
}

TEST(Versions, BatchCsvHasTheVersionColumns) {
  Result r = sop({"eval", k_2024, k_2025, "--batch", "--no-trace", "--output-format", "csv"},
                 urgent_case("2025-09-10T10:00:00-07:00") + "\n");
  ASSERT_EQ(r.status, 0) << r.err;
  std::string header = r.out.substr(0, r.out.find('\n'));
  EXPECT_NE(header.find(",version,version_from,missing_facts"), std::string::npos) << header;
  EXPECT_NE(r.out.find(",2025,2025-09-10,"), std::string::npos) << r.out;
}

TEST(Versions, BatchAsOf) {
  Result r = sop({"eval", k_2024, k_2025, "--batch", "--no-trace", "--as-of", "2025-09-09"},
                 urgent_case("2025-09-10T10:00:00-07:00") + "\n");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["version"], "2024");
}

TEST(Versions, BatchCsvInputReadsEachCaseUnderItsVersion) {
  std::string csv =
      "id,requester,care_from,specialty,questions_surgery,in_network_available,urgent,"
      "received_at\n"
      "a,member,specialist,orthopedic_surgery,true,false,true,2025-09-09T10:00:00-07:00\n"
      "b,member,specialist,orthopedic_surgery,true,false,true,2025-09-10T10:00:00-07:00\n";
  Result r = sop({"eval", k_2024, k_2025, "--batch", "--no-trace", "--input-format", "csv"}, csv);
  ASSERT_EQ(r.status, 0) << r.err;
  std::istringstream lines(r.out);
  std::string first, second;
  std::getline(lines, first);
  std::getline(lines, second);
  EXPECT_EQ(nlohmann::json::parse(first)["timeframe"]["amount"], 72);
  EXPECT_EQ(nlohmann::json::parse(second)["timeframe"]["amount"], 48);
}

TEST(Versions, CheckTakesTwoVersionsOfOnePlan) {
  Result r = sop({"check", k_2024, k_2025});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "ok " + k_2024 + "\nok " + k_2025 + "\n");
}

TEST(Versions, DiffOfTwoVersionsByFile) {
  Result r = sop({"diff", k_2024, k_2025, "--structural"});
  EXPECT_EQ(r.status, 1) << r.err;  // they differ
  EXPECT_NE(r.out.find("72"), std::string::npos) << r.out;
}

TEST(Versions, DiffByLabel) {
  Result by_file = sop({"diff", k_2024, k_2025, "--structural"});
  Result by_label = sop(
      {"diff", k_2025, k_2024, "--from-version", "2024", "--to-version", "2025", "--structural"});
  EXPECT_EQ(by_label.status, by_file.status) << by_label.err;
  EXPECT_EQ(by_label.out, by_file.out);
  // Without --from-version: the version before --to-version; without --to-version: the latest.
  EXPECT_EQ(sop({"diff", k_2024, k_2025, "--to-version", "2025", "--structural"}).out, by_file.out);
  EXPECT_EQ(sop({"diff", k_2024, k_2025, "--from-version", "2024", "--structural"}).out,
            by_file.out);
}

TEST(Versions, DiffByAnUnknownLabel) {
  Result r = sop({"diff", k_2024, k_2025, "--from-version", "2204"});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err,
            "error: plan `partnership` has no version \"2204\" (--from-version)\nhelp: did you "
            "mean `2024`?\n");
  Result one = sop({"diff", k_2024, "--to-version", "2024"});
  EXPECT_EQ(one.status, 2);
  EXPECT_NE(one.err.find("error: plan `partnership` has one version here"), std::string::npos)
      << one.err;
  Result rev = sop({"diff", "--rev", "HEAD", k_2024, "--to-version", "2024"});
  EXPECT_EQ(rev.status, 2);
}

}  // namespace
}  // namespace sop
