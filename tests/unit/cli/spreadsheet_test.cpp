// Spreadsheets in and out (docs/spreadsheets.md), as a user runs them: an export in the shape a
// plan's spreadsheet writes (a byte-order mark, CRLF, headers for people, U.S. dates, Yes / No,
// capitalised values, one row with four bad cells) evaluated with --timezone, its output pinned
// by golden files (tests/fixtures/spreadsheets/export.expected.*; SOP_UPDATE_GOLDENS=1 rewrites
// them), and the options' refusals.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/golden.hpp"
#include "tests/support/run_sop.hpp"

namespace sop {
namespace {

using testing_support::sop;

const char* k_partnership = "policies/partnership.sop";
const char* k_export = "tests/fixtures/spreadsheets/export.csv";

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::vector<std::string> export_args(std::vector<std::string> more) {
  std::vector<std::string> args{
      "eval",    k_partnership, "--batch",    "--input-format", "csv",
      "--input", k_export,      "--no-trace", "--timezone",     "America/Los_Angeles"};
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

TEST(Spreadsheets, AnExportGivesTheRightDeterminationsAndOneLineForFourBadCells) {
  testing_support::SopResult r = sop(export_args({}));
  EXPECT_EQ(r.status, 1) << r.err;  // one row is refused
  EXPECT_EQ(r.err, "");
  golden::expect_file(golden::root() / "tests/fixtures/spreadsheets/export.expected.jsonl", r.out);
  std::vector<std::string> lines = lines_of(r.out);
  ASSERT_EQ(lines.size(), 5u) << r.out;
  std::vector<nlohmann::json> j;
  for (const std::string& l : lines) j.push_back(nlohmann::json::parse(l));
  // 7/15/2026 9:05 in Los Angeles is summer time; urgent, out of network: 72 hours.
  EXPECT_EQ(j[0]["case_id"], "SMO-1001");
  EXPECT_EQ(j[0]["decision"], "approve");
  EXPECT_EQ(j[0]["timeframe"]["due"], "2026-07-18T09:05:00-07:00");
  EXPECT_EQ(j[1]["case_id"], "SMO-1002");
  EXPECT_EQ(j[1]["schema"], "sop.determination/1");
  EXPECT_EQ(j[2]["case_id"], "SMO-1003");
  EXPECT_EQ(j[4]["case_id"], "SMO-1005");
  // The fourth row: one sop.error/1 line naming all four cells.
  EXPECT_EQ(j[3]["schema"], "sop.error/1");
  EXPECT_EQ(j[3]["line"], 5);
  EXPECT_EQ(j[3]["case_id"], "SMO-1004");
  ASSERT_EQ(j[3]["errors"].size(), 4u) << lines[3];
  std::vector<std::string> fields{"requester", "questions_surgery", "urgent", "received_at"};
  std::vector<int> columns{3, 6, 9, 10};
  for (size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(j[3]["errors"][i]["field"], fields[i]);
    EXPECT_EQ(j[3]["errors"][i]["column"], columns[i]);
    EXPECT_NE(j[3]["error"].get<std::string>().find("column " + std::to_string(columns[i]) +
                                                    ": field \"" + fields[i] + "\""),
              std::string::npos);
  }
  EXPECT_EQ(j[3]["errors"][0]["value"], "Memebr");
  EXPECT_EQ(j[3]["errors"][0]["did_you_mean"], "member");
  EXPECT_EQ(j[3]["errors"][1]["did_you_mean"], "yes");
  EXPECT_TRUE(j[3]["errors"][2]["did_you_mean"].is_null());
}

TEST(Spreadsheets, TheSameCasesAsJsonGiveTheSameDeterminations) {
  // Row 2 as the contract's JSON: what the spreadsheet's cells mean.
  std::string json =
      R"({"id":"SMO-1002","line_of_business":"onecare","requester":"treating_provider",)"
      R"("care_from":"pcp","specialty":"cardiology","questions_surgery":false,)"
      R"("serious_condition":true,"in_network_available":true,"urgent":false,)"
      R"("received_at":"2026-01-20T16:30:00-08:00","information_complete":true})"
      "\n";
  testing_support::SopResult from_json =
      sop({"eval", k_partnership, "--batch", "--no-trace"}, json);
  ASSERT_EQ(from_json.status, 0) << from_json.out;
  EXPECT_EQ(lines_of(sop(export_args({})).out)[1] + "\n", from_json.out);
}

TEST(Spreadsheets, WithoutATimeZoneOffsetlessDateTimesAreRefusedNamingTheOption) {
  testing_support::SopResult r = sop({"eval", k_partnership, "--batch", "--input-format", "csv",
                                      "--input", k_export, "--no-trace"});
  EXPECT_EQ(r.status, 1);
  nlohmann::json first = nlohmann::json::parse(lines_of(r.out)[0]);
  EXPECT_EQ(first["schema"], "sop.error/1");
  EXPECT_NE(first["error"].get<std::string>().find("--timezone ZONE"), std::string::npos)
      << first.dump();
}

TEST(Spreadsheets, CsvOutForExcelWithTheInputEchoedAndReadableHeaders) {
  testing_support::SopResult r =
      sop(export_args({"--format", "csv", "--excel", "--echo", "--headers", "readable"}));
  EXPECT_EQ(r.status, 1) << r.err;
  golden::expect_file(golden::root() / "tests/fixtures/spreadsheets/export.expected.csv", r.out);
  ASSERT_EQ(r.out.rfind("\xEF\xBB\xBFLine,Plan,Error,Input: id,Input: line of business,", 0), 0u)
      << r.out.substr(0, 200);
  std::vector<std::string> rows = lines_of(r.out);
  ASSERT_EQ(rows.size(), 6u);
  for (const std::string& row : rows) EXPECT_EQ(row.back(), '\r');
  // The error row carries the case's id in the case_id column, and the input echoed.
  EXPECT_NE(rows[4].find("SMO-1004,Medi-Cal,Memebr,"), std::string::npos) << rows[4];
  EXPECT_NE(rows[4].find(",SMO-1004,,"), std::string::npos) << rows[4];
  EXPECT_NE(r.out.find(",Case id,"), std::string::npos);
  // Plain CSV out: JSON names, LF, no byte-order mark.
  testing_support::SopResult plain = sop(export_args({"--format", "csv"}));
  EXPECT_EQ(plain.out.rfind("line,plan,error,schema,", 0), 0u) << plain.out.substr(0, 100);
  EXPECT_EQ(plain.out.find('\r'), std::string::npos);
}

TEST(Spreadsheets, ExcelDefusesFormulas) {
  testing_support::SopResult r = sop({"eval", k_partnership, "--batch", "--input-format", "csv",
                                      "--format", "csv", "--excel", "--echo", "--no-trace"},
                                     "id,opinion_number\n\"=HYPERLINK(\"\"x\"\")\",3\n");
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("\r\n2,partnership,,\"'=HYPERLINK(\"\"x\"\")\",3,"), std::string::npos)
      << r.out;
}

TEST(Spreadsheets, OptionsThatWouldChangeNothingAreRefused) {
  auto status_and_err = [](std::vector<std::string> args) {
    testing_support::SopResult r = sop(args, "{}\n");
    return std::to_string(r.status) + " " + r.err;
  };
  EXPECT_EQ(status_and_err({"eval", k_partnership, "--batch", "--timezone", "UTC"}),
            "2 error: --timezone applies to CSV input (--input-format csv): a JSON case writes "
            "each date-time with its offset\n");
  EXPECT_EQ(status_and_err({"eval", k_partnership, "--batch", "--echo", "--format", "csv"}),
            "2 error: --echo needs CSV input and output (--input-format csv --output-format "
            "csv)\n");
  EXPECT_EQ(status_and_err({"eval", k_partnership, "--batch", "--excel"}),
            "2 error: --excel and --headers apply to CSV output (--output-format csv)\n");
  std::string bad_zone = status_and_err(
      {"eval", k_partnership, "--batch", "--input-format", "csv", "--timezone", "America/LA"});
  EXPECT_EQ(bad_zone.rfind("2 error: --timezone: unknown time zone \"America/LA\"", 0), 0u)
      << bad_zone;
  std::string misspelt = status_and_err({"eval", k_partnership, "--batch", "--input-format", "csv",
                                         "--timezone", "America/Los_Angles"});
  EXPECT_NE(misspelt.find("(did you mean \"America/Los_Angeles\"?)"), std::string::npos)
      << misspelt;
  EXPECT_EQ(sop({"eval", k_partnership, "examples/cases/anthem_conflicting_results.json",
                 "--timezone", "UTC"})
                .status,
            2);
  // A .csv file without --input-format would be read as JSON Lines, a JSON error per row.
  EXPECT_EQ(status_and_err({"eval", k_partnership, "--batch", "--input", k_export}),
            "2 error: " + std::string(k_export) +
                " is a .csv file: read it as CSV with --input-format csv (or give --input-format "
                "jsonl if it holds JSON Lines)\n");
}

TEST(Spreadsheets, TheTemplatesHeaderIsWhatTheDecoderReads) {
  testing_support::SopResult t = sop({"template", "csv", k_partnership});
  ASSERT_EQ(t.status, 0) << t.err;
  size_t columns = static_cast<size_t>(std::count(t.out.begin(), t.out.end(), ',')) + 1;
  // The header and one row of empty cells: every column accepted, every fact absent.
  testing_support::SopResult r =
      sop({"eval", k_partnership, "--batch", "--input-format", "csv", "--no-trace"},
          t.out + std::string(columns - 1, ',') + "\n");
  EXPECT_EQ(r.status, 0) << r.err << r.out;
  EXPECT_EQ(nlohmann::json::parse(r.out)["decision"], "undetermined");
}

}  // namespace
}  // namespace sop
