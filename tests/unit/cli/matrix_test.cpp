// `sop matrix` through the command line: exit codes, every format, and every row's witness
// evaluated by `sop eval` under every plan gives the value the row shows.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "tests/support/run_sop.hpp"

namespace sop {
namespace {

namespace fs = std::filesystem;

using Out = testing_support::SopResult;
using testing_support::sop;

TEST(Matrix, APlanAgainstItselfHasNoRows) {
  Out r = sop({"matrix", "policies/hpsj.sop", "policies/hpsj.sop"});
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("No differences"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Every plan agrees in every case on:"), std::string::npos) << r.out;
}

TEST(Matrix, ShippedPlansDifferAndEveryWitnessHoldsUnderEveryPlan) {
  Out r = sop({"matrix", "--format", "json", "--max-rows", "3"});
  ASSERT_EQ(r.status, 1) << r.err;
  nlohmann::json m = nlohmann::json::parse(r.out);
  EXPECT_EQ(m["schema"], "sop.matrix/1");
  EXPECT_EQ(m["plans"].size(), 5u);
  EXPECT_EQ(m["equivalent"], false);
  ASSERT_FALSE(m["rows"].empty());
  size_t checked = 0;
  for (const auto& row : m["rows"]) {
    EXPECT_TRUE(row["confirmed"].get<bool>()) << row.dump();
    if (row["component"] != "decision" && row["component"] != "member_cost") continue;
    // The witness is a sop.case/1 case: `sop eval` takes it under every plan, and the
    // determination says what the row says.
    for (const auto& plan : m["plans"]) {
      Out e = sop({"eval", plan["file"], "-", "--no-trace"}, row["witness"].dump());
      ASSERT_EQ(e.status, 0) << e.err << row["witness"].dump();
      nlohmann::json d = nlohmann::json::parse(e.out);
      EXPECT_EQ(d[row["component"].get<std::string>()],
                row["plans"][plan["plan"].get<std::string>()]["value"])
          << row.dump();
      ++checked;
    }
  }
  EXPECT_GT(checked, 0u);
}

TEST(Matrix, TextMarkdownHtml) {
  Out t = sop({"matrix", "policies/partnership.sop", "policies/hpsj.sop"});
  EXPECT_EQ(t.status, 1) << t.err;
  EXPECT_NE(t.out.find("sop matrix: 2 plans, compared over complete cases"), std::string::npos);
  EXPECT_NE(t.out.find("witness {"), std::string::npos);
  Out md = sop({"matrix", "policies/partnership.sop", "policies/hpsj.sop", "--format", "markdown"});
  EXPECT_EQ(md.status, 1);
  EXPECT_NE(md.out.find("| # | component | `partnership` | `hpsj` | when | witness |"),
            std::string::npos)
      << md.out.substr(0, 2000);
  Out h = sop({"matrix", "policies/partnership.sop", "policies/hpsj.sop", "--format", "html"});
  EXPECT_EQ(h.status, 1);
  EXPECT_EQ(h.out.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_EQ(h.out.find("<script"), std::string::npos);
  EXPECT_EQ(h.out.find("http"), std::string::npos) << "no external resources";
  // A witness's quotes are escaped.
  EXPECT_NE(h.out.find("{&quot;"), std::string::npos);
}

TEST(Matrix, WithUnknownComparesPartialCasesToo) {
  Out r = sop({"matrix", "policies/partnership.sop", "policies/hpsj.sop", "--with-unknown",
               "--format", "json", "--max-rows", "0"});
  ASSERT_EQ(r.status, 1) << r.err;
  nlohmann::json m = nlohmann::json::parse(r.out);
  EXPECT_EQ(m["cases"], "all");
  bool undetermined = false;
  for (const auto& row : m["rows"])
    for (const auto& [plan, v] : row["plans"].items())
      if (v["value"] == "undetermined") undetermined = true;
  EXPECT_TRUE(undetermined);
}

TEST(Matrix, Errors) {
  EXPECT_EQ(sop({"matrix", "no/such.sop"}).status, 2);
  EXPECT_EQ(sop({"matrix", "stdlib/case_format.sop"}).status, 2);  // not a plan
  EXPECT_EQ(sop({"matrix", "--format", "pdf"}).status, 2);
}

TEST(Diff, HtmlIsOneSelfContainedPage) {
  Out r = sop({"diff", "policies/partnership.sop", "policies/hpsj.sop", "--format", "html"});
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_EQ(r.out.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(r.out.find("<h2>Structural changes"), std::string::npos);
  EXPECT_NE(r.out.find("<h2>Semantic differences</h2>"), std::string::npos);
  EXPECT_EQ(r.out.find("<script"), std::string::npos);
  EXPECT_EQ(r.out.find("<link"), std::string::npos);
  EXPECT_EQ(r.out.find("src="), std::string::npos);
  Out same = sop({"diff", "policies/hpsj.sop", "policies/hpsj.sop", "--format", "html"});
  EXPECT_EQ(same.status, 0);
  EXPECT_NE(same.out.find("Equivalent: every case gets the same determination"), std::string::npos);
}

// Witnesses' date-times on a zone's clock: Pacific daylight time (-07:00) between the DST changes
// of 2027 (March 14, November 7), standard time (-08:00) outside; a misspelt zone is a usage error
// that names the zone meant.
TEST(Matrix, WitnessesCarryTheZonesOffsetOnTheirDay) {
  Out r =
      sop({"matrix", "--timezone", "America/Los_Angeles", "--format", "json", "--max-rows", "0"});
  ASSERT_EQ(r.status, 1) << r.err;
  nlohmann::json m = nlohmann::json::parse(r.out);
  size_t summer = 0, winter = 0;
  for (const auto& row : m["rows"]) {
    if (!row["witness"].contains("received_at")) continue;
    std::string t = row["witness"]["received_at"];
    std::string day = t.substr(0, 10);
    bool dst = day >= "2027-03-15" && day <= "2027-11-06";
    EXPECT_EQ(t.substr(t.size() - 6), dst ? "-07:00" : "-08:00") << t;
    ++(dst ? summer : winter);
  }
  EXPECT_GT(summer, 0u);
  EXPECT_GT(winter, 0u);
  Out bad = sop({"matrix", "--timezone", "America/Los_Angles"});
  EXPECT_EQ(bad.status, 2);
  EXPECT_NE(bad.err.find("America/Los_Angeles"), std::string::npos) << bad.err;
}

}  // namespace
}  // namespace sop
