// `sop diff` of two versions of one plan: the annual-review report of the three-edit
// revision of Partnership's MPUP3078 (tests/fixtures/annual_review/partnership_2025.sop).
#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include <nlohmann/json.hpp>

#include "tests/support/run_sop.hpp"

namespace sop {
namespace {

using testing_support::sop;

const char* k_revision = "tests/fixtures/annual_review/partnership_2025.sop";

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

TEST(Review, ThreeEditsInAtMostSixtyLines) {
  auto r = sop({"diff", "policies/partnership.sop", k_revision});
  EXPECT_EQ(r.status, 1) << r.err;
  std::vector<std::string> lines = lines_of(r.out);
  std::string flat;  // the text with its wrapping undone
  for (const std::string& l : lines)
    flat += " " +
            l.substr(l.find_first_not_of(' ') == std::string::npos ? 0 : l.find_first_not_of(' '));
  EXPECT_LE(lines.size(), 60u) << r.out;
  // The summary names exactly three edits, each with the outputs it changes.
  std::vector<std::string> numbered;
  for (const std::string& l : lines)
    if (l.size() > 5 && l.compare(0, 2, "  ") == 0 &&
        std::isdigit(static_cast<unsigned char>(l[2])) && l[3] == '.')
      numbered.push_back(l);
  ASSERT_EQ(numbered.size(), 3u) << r.out;
  EXPECT_NE(numbered[0].find("changed rule reasons.unclear_diagnosis"), std::string::npos);
  EXPECT_NE(numbered[0].find("decision, reasons"), std::string::npos);
  EXPECT_NE(numbered[1].find("changed rule timeframe.urgent_out_of_network"), std::string::npos);
  EXPECT_NE(numbered[1].find("timeframe"), std::string::npos);
  EXPECT_NE(numbered[2].find("added rule obligations.transportation"), std::string::npos);
  // One row, not one per calendar boundary: the due time relative to receipt.
  EXPECT_NE(r.out.find("received_at + 72 h → received_at + 48 h"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("NOT CONFIRMED"), std::string::npos);
  // Regions in the policy's terms and the facts' descriptions, not lists of negated names.
  EXPECT_NE(flat.find("A lists reasons unclear_diagnosis and no other"), std::string::npos);
  EXPECT_NE(flat.find("no: the member requests an additional diagnosis"), std::string::npos);
  // The title block names both versions.
  EXPECT_NE(flat.find("version 2024 in force from 2024-09-11"), std::string::npos) << flat;
  EXPECT_NE(flat.find("version 2025 in force from 2025-09-10"), std::string::npos);
  EXPECT_EQ(r.out.find("{unknown"), std::string::npos);
}

TEST(Review, JsonAttributesEveryDifferenceToAnEdit) {
  auto r = sop({"diff", "policies/partnership.sop", k_revision, "--format", "json"});
  ASSERT_EQ(r.status, 1) << r.err;
  nlohmann::json j = nlohmann::json::parse(r.out);
  const auto& review = j["review"];
  ASSERT_EQ(review["changes"].size(), 3u) << review.dump(2);
  for (const auto& c : review["changes"]) {
    EXPECT_TRUE(c["applied_alone"].get<bool>());
    EXPECT_FALSE(c["effects"].empty());
    for (const auto& e : c["effects"]) EXPECT_TRUE(e["confirmed"].get<bool>()) << e.dump();
  }
  EXPECT_TRUE(review["combined"].empty());
  EXPECT_GT(review["missing_facts"]["differences"].get<int>(), 0);
  // The old listing is still there for tools.
  EXPECT_FALSE(j["semantic"].empty());
}

TEST(Review, MissingFactsListedOnRequest) {
  auto r = sop({"diff", "policies/partnership.sop", k_revision, "--missing"});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("Where facts are missing"), std::string::npos);
  EXPECT_NE(r.out.find("undetermined"), std::string::npos) << r.out;
}

TEST(Review, MarkdownAndHtmlCarryTheTitleBlock) {
  auto md = sop({"diff", "policies/partnership.sop", k_revision, "--format", "markdown"});
  EXPECT_EQ(md.out.rfind("# Annual review: partnership", 0), 0u) << md.out.substr(0, 200);
  EXPECT_NE(md.out.find("- **Generated:**"), std::string::npos);
  auto html = sop({"diff", "policies/partnership.sop", k_revision, "--format", "html"});
  EXPECT_NE(html.out.find("<header class=\"title-block\">"), std::string::npos);
  EXPECT_NE(html.out.find("<ol class=\"numbered\">"), std::string::npos);
  EXPECT_EQ(html.out.find("<script"), std::string::npos);
}

}  // namespace
}  // namespace sop
