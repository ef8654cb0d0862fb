// `sop audit` as a user runs it: findings for hand-made records of the shipped plans (each kind,
// overdue pending, a deferring plan's not_judged naming its documents), exit statuses, the
// choice of plan in a log for several plans, the same output for any number of threads, and the
// HTML report rendered by headless Chromium (and printed to PDF).
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"

namespace sop {
namespace {

namespace fs = std::filesystem;

struct AuditRun {
  int status;
  std::string out, err;
};

AuditRun audit(const std::string& log, std::vector<std::string> args) {
  fs::current_path(SOP_SOURCE_DIR);
  std::istringstream in(log);
  std::ostringstream out, err;
  args.insert(args.begin(), "audit");
  int status = cli::run(args, in, out, err);
  return {status, out.str(), err.str()};
}

std::vector<nlohmann::json> lines(const std::string& text) {
  std::vector<nlohmann::json> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(nlohmann::json::parse(line));
  return out;
}

// An urgent request for a knee surgery opinion, no orthopedic surgeon in network: Partnership
// must decide within 72 hours (MPUP3078 §VI.D.1), out of network, at no cost.
const std::string k_case =
    R"({"id":"k1","requester":"member","care_from":"specialist","specialty":"orthopedic_surgery",)"
    R"("questions_surgery":true,"in_network_available":false,"urgent":true,)"
    R"("received_at":"2026-11-20T16:30:00-08:00"})";

std::string record(const std::string& rest) {
  return "{\"case\":" + k_case + "," + rest + "}\n";
}

TEST(Audit, ACompliantRecordHasNoFindingAndExitsZero) {
  AuditRun r = audit(
      record(R"("decision":"approve","decided_at":"2026-11-22T10:00:00-08:00",)"
             R"("tier":"out_of_network","authorized":true,"member_charged":false,"notices":[])"),
      {"policies/partnership.sop"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "");
}

TEST(Audit, EachViolationWithExpectedActualAndCite) {
  AuditRun r = audit(record(R"("decision":"approve","decided_at":"2026-11-24T09:00:00-08:00",)"
                            R"("tier":"plan_network","authorized":true,"member_charged":true)"),
                     {"policies/partnership.sop"});
  EXPECT_EQ(r.status, 1);
  auto f = lines(r.out);
  ASSERT_EQ(f.size(), 3u) << r.out;
  EXPECT_EQ(f[0]["schema"], "sop.audit-finding/1");
  EXPECT_EQ(f[0]["line"], 1);
  EXPECT_EQ(f[0]["case_id"], "k1");
  EXPECT_EQ(f[0]["plan"], "partnership");
  EXPECT_EQ(f[0]["version"], "2024");  // the version the policy file states
  EXPECT_EQ(f[0]["kind"], "late_decision");
  EXPECT_EQ(f[0]["expected"], "2026-11-23T16:30:00-08:00");
  EXPECT_EQ(f[0]["actual"], "2026-11-24T09:00:00-08:00");
  EXPECT_EQ(f[0]["cite"], "MPUP3078 §VI.D.1");
  EXPECT_EQ(f[1]["kind"], "route_mismatch");
  EXPECT_EQ(f[1]["expected"], "out_of_network");
  EXPECT_EQ(f[1]["actual"], "plan_network");
  EXPECT_EQ(f[2]["kind"], "member_charged");
}

TEST(Audit, APendingRecordPastItsDueDateIsOverdue) {
  std::string routine = k_case;
  routine.replace(routine.find("\"urgent\":true"), 13, "\"urgent\":false");
  std::string log = "{\"case\":" + routine +
                    R"(,"decision":"pending","extracted_at":"2026-12-01T08:00:00-08:00"})" + "\n" +
                    "{\"case\":" + routine +
                    R"(,"decision":"pending","extracted_at":"2026-11-30T23:59:59-08:00"})" + "\n";
  AuditRun r = audit(log, {"policies/partnership.sop"});
  auto f = lines(r.out);
  ASSERT_EQ(f.size(), 1u) << r.out;  // the second is still within the fifth business day
  EXPECT_EQ(f[0]["kind"], "overdue_pending");
  // Received Friday 2026-11-20; five business days, Thanksgiving skipped: the end of Monday
  // 2026-11-30, in the offset the request was received in.
  EXPECT_EQ(f[0]["expected"], "2026-11-30T23:59:59-08:00");
  EXPECT_EQ(f[0]["actual"]["extracted_at"], "2026-12-01T08:00:00-08:00");
  EXPECT_EQ(f[0]["cite"], "MPUP3078 §VI.D.2");
}

TEST(Audit, ADeferringPlansTimelinessIsNotJudgedAndNamesTheDocuments) {
  AuditRun r = audit(record(R"("decision":"approve","decided_at":"2027-03-01T10:00:00-08:00")"),
                     {"policies/anthem_medicaid.sop"});
  auto f = lines(r.out);
  ASSERT_EQ(f.size(), 1u) << r.out;
  EXPECT_EQ(f[0]["kind"], "not_judged");
  EXPECT_EQ(
      f[0]["expected"],
      nlohmann::json::parse(R"({"deferred_to":["CA_UMXX_117","CA_UMXX_041","CA_UMXX_013"]})"));
  EXPECT_EQ(f[0]["cite"], "Anthem SMO-CA §IV");
  EXPECT_EQ(r.status, 0);  // information, not a violation
}

TEST(Audit, MissingFactsAreNotJudgedAndListed) {
  AuditRun r = audit(
      R"({"case":{"id":"m","urgent":true},"decision":"deny","decided_at":"2026-11-21T10:00:00-08:00"})"
      "\n",
      {"policies/partnership.sop"});
  auto f = lines(r.out);
  ASSERT_FALSE(f.empty()) << r.out;
  EXPECT_EQ(f[0]["kind"], "not_judged");
  EXPECT_TRUE(f[0]["expected"]["missing_facts"].is_array());
  EXPECT_NE(f[0]["expected"].dump().find("received_at"), std::string::npos) << f[0].dump();
}

TEST(Audit, DenialNoticesAreCheckedForContentsRecipientsAndTime) {
  AuditRun r = audit(
      record(R"("decision":"deny","decided_at":"2026-11-21T10:00:00-08:00","notices":[)"
             R"({"kind":"denial","to":["provider"],"contents":["denial_reasons","appeal_rights"],)"
             R"("sent_at":"2026-11-24T10:00:00-08:00"}])"),
      {"policies/partnership.sop"});
  auto f = lines(r.out);
  std::vector<std::string> kinds;
  for (const auto& x : f) kinds.push_back(x["kind"]);
  EXPECT_EQ(kinds, (std::vector<std::string>{"missing_recipient", "missing_notice_content",
                                             "late_notice", "contrary_denial"}))
      << r.out;
  EXPECT_EQ(f[0]["expected"], nlohmann::json::parse(R"(["member"])"));
  EXPECT_EQ(
      f[1]["expected"],
      nlohmann::json::parse(R"(["grievance_rights","how_to_appeal","how_to_file_grievance"])"));
  EXPECT_EQ(f[1]["cite"], "MPUP3078 §VI.F");
}

// A record that does not say which notices were sent cannot show one was not: not judged. An
// empty list says none was: the required notice is missing.
TEST(Audit, NoticesNotRecordedAreNotJudgedAndAnEmptyListIsNoneSent) {
  std::string decided = R"("decision":"deny","decided_at":"2026-11-21T10:00:00-08:00")";
  auto absent = lines(audit(record(decided), {"policies/partnership.sop"}).out);
  ASSERT_FALSE(absent.empty());
  EXPECT_EQ(absent[0]["kind"], "not_judged");
  EXPECT_EQ(absent[0]["expected"], nlohmann::json::parse(R"({"missing_fields":["notices"]})"));
  EXPECT_EQ(absent[0]["actual"], "notices");
  EXPECT_EQ(absent[0]["cite"], "MPUP3078 §VI.F");
  auto none = lines(audit(record(decided + R"(,"notices":[])"), {"policies/partnership.sop"}).out);
  ASSERT_FALSE(none.empty());
  EXPECT_EQ(none[0]["kind"], "missing_notice");
}

TEST(Audit, ABadRecordIsAnErrorInItsPlaceAndTheRestIsAudited) {
  std::string log = "{\"case\":{},\"decison\":\"deny\"}\n" +
                    record(R"("decision":"approve","decided_at":"2026-11-24T09:00:00-08:00")");
  AuditRun r = audit(log, {"policies/partnership.sop"});
  auto f = lines(r.out);
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0]["schema"], "sop.error/1");
  EXPECT_EQ(f[0]["line"], 1);
  EXPECT_EQ(f[0]["error"], "unknown field \"decison\" (did you mean \"decision\"?)");
  EXPECT_EQ(f[1]["line"], 2);
  EXPECT_EQ(r.status, 1);
  // The record that could not be judged is named where its case id can be read.
  r = audit("{\"case\":{\"id\":\"j-7\",\"urgent\":\"maybe\"}}\n", {"policies/partnership.sop"});
  EXPECT_EQ(lines(r.out).at(0)["case_id"], "j-7") << r.out;
}

// The log's CSV form (docs/audit.md, "A log as CSV"): a spreadsheet's row judged as the JSON
// record with the same values is; a bad row is one error naming every bad cell and its case.
TEST(Audit, ACsvLogIsJudgedAsItsJsonForm) {
  std::string header =
      "Id,Requester,Care From,Specialty,Questions Surgery,In Network Available,Urgent,"
      "Received At,Decision,Decided At,Notices.1.Kind,Notices.1.To,Notices.1.Contents,"
      "Notices.1.Sent At\n";
  std::string row =
      "k1,Member,Specialist,Orthopedic Surgery,Yes,No,Yes,11/20/2026 4:30 PM,Deny,"
      "11/24/2026 9:00 AM,Denial,Member,None,11/24/2026 10:00 AM\n";
  std::string bad = "k2,Memebr,,,,,maybe,11/20/2026 4:30 PM,Deny,,,,,\n";
  std::vector<std::string> args = {"policies/partnership.sop", "--input-format", "csv",
                                   "--timezone", "America/Los_Angeles"};
  auto csv = lines(audit(header + row + bad, args).out);
  auto json = lines(audit(record(R"("decision":"deny","decided_at":"2026-11-24T09:00:00-08:00",)"
                                 R"("notices":[{"kind":"denial","to":["member"],"contents":[],)"
                                 R"("sent_at":"2026-11-24T10:00:00-08:00"}])"),
                          {"policies/partnership.sop"})
                        .out);
  ASSERT_EQ(csv.size(), json.size() + 1);
  for (size_t i = 0; i < json.size(); ++i) {
    json[i]["line"] = 2;
    EXPECT_EQ(csv[i], json[i]);
  }
  const nlohmann::json& e = csv.back();
  EXPECT_EQ(e["schema"], "sop.error/1");
  EXPECT_EQ(e["line"], 3);
  EXPECT_EQ(e["case_id"], "k2");
  ASSERT_EQ(e["errors"].size(), 2u);
  EXPECT_EQ(e["errors"][0]["did_you_mean"], "member");
  EXPECT_EQ(e["errors"][1]["field"], "urgent");
  // Wall-clock times need the zone; --timezone needs a CSV log.
  args.resize(3);
  EXPECT_NE(audit(header + row, args).out.find("--timezone"), std::string::npos);
  EXPECT_EQ(audit("", {"policies/partnership.sop", "--timezone", "America/Los_Angeles"}).status, 2);
  // A .csv file read without --input-format would be a JSON error per row: a usage error.
  AuditRun unsaid = audit("", {"policies/partnership.sop", "--input", "examples/decision_log.csv"});
  EXPECT_EQ(unsaid.status, 2);
  EXPECT_NE(unsaid.err.find("--input-format csv"), std::string::npos) << unsaid.err;
  EXPECT_EQ(audit("", {"policies/partnership.sop", "policies/anthem_medicaid.sop", "--input",
                       "examples/decision_log.csv", "--input-format", "csv", "--timezone",
                       "America/Los_Angeles"})
                .status,
            1);
  // A header mistake stops the run before any row, at line 1.
  AuditRun r = audit("Id,Decison\nk1,Deny\n", args);
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find(":1: column 2: unknown field \"Decison\" (did you mean \"decision\"?)"),
            std::string::npos)
      << r.err;
}

TEST(Audit, SeveralPlansEachRecordNamesItsPlan) {
  std::vector<std::string> plans = {"policies/partnership.sop", "policies/hpsj.sop"};
  std::string log = record(R"("plan":"partnership","decision":"withdrawn")") +
                    record(R"("decision":"withdrawn")") +
                    record(R"("plan":"hspj","decision":"withdrawn")");
  AuditRun r = audit(log, plans);
  auto f = lines(r.out);
  ASSERT_EQ(f.size(), 2u) << r.out;
  EXPECT_EQ(f[0]["line"], 2);
  EXPECT_NE(f[0]["error"].get<std::string>().find("each record names its plan"), std::string::npos);
  EXPECT_EQ(f[1]["error"],
            "field \"plan\": \"hspj\" is not a plan given to `sop audit` (partnership, hpsj) "
            "(did you mean \"hpsj\"?)");
}

TEST(Audit, UsageErrorsExitTwo) {
  EXPECT_EQ(audit("", {"policies/partnership.sop", "--format", "xml"}).status, 2);
  EXPECT_EQ(audit("", {}).status, 2);
}

TEST(Audit, SameOutputForAnyNumberOfThreadsAndChunks) {
  std::string log;
  for (int i = 0; i < 300; ++i)
    log += record(i % 3 ? R"("decision":"approve","decided_at":"2026-11-24T09:00:00-08:00")"
                        : R"("decision":"deny","decided_at":"2026-11-21T09:00:00-08:00")");
  std::string one = audit(log, {"policies/partnership.sop", "-j", "1"}).out;
  EXPECT_EQ(audit(log, {"policies/partnership.sop", "-j", "4"}).out, one);
  EXPECT_EQ(audit(log, {"policies/partnership.sop", "-j", "3", "--format", "text"}).out,
            audit(log, {"policies/partnership.sop", "--format", "text"}).out);
}

std::string command_output(const std::string& cmd) {
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(cmd.c_str(), "r"), pclose);
  std::string out;
  if (!pipe) return out;
  std::array<char, 65536> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), pipe.get())) > 0) out.append(buf.data(), n);
  return out;
}

TEST(Audit, TheHtmlReportRendersInChromiumAndPrints) {
  std::string log;
  for (int i = 0; i < 40; ++i)
    log += record(
        i % 4
            ? R"("decision":"approve","decided_at":"2026-11-22T09:00:00-08:00","tier":"out_of_network")"
            : R"("decision":"approve","decided_at":"2026-11-24T09:00:00-08:00","tier":"out_of_network")");
  AuditRun r = audit(log, {"policies/partnership.sop", "--format", "html"});
  ASSERT_EQ(r.status, 1);
  EXPECT_EQ(r.out.find("http"), r.out.find("http://www.w3.org/2000/svg"))  // no fetched resource
      << "only the SVG namespace may name a URL";
  fs::path dir = fs::temp_directory_path() / "sop_audit_html_test";
  fs::create_directories(dir);
  fs::path page = dir / "report.html", pdf = dir / "report.pdf";
  std::ofstream(page) << r.out;
  std::string flags =
      " --headless --no-sandbox --disable-gpu --disable-dev-shm-usage "
      "--disable-background-networking --no-first-run ";
  std::string dom = command_output("/usr/bin/chromium" + flags + "--dump-dom 'file://" +
                                   page.string() + "' 2>/dev/null");
  ASSERT_FALSE(dom.empty()) << "chromium did not render the page (scripts/setup installs it)";
  EXPECT_NE(dom.find("<svg"), std::string::npos);
  EXPECT_NE(dom.find("class=\"threshold\""), std::string::npos);  // the 90% line
  EXPECT_NE(dom.find("30 of 40 (75.0%) &lt; 90%"), std::string::npos) << "the row marked below 90%";
  EXPECT_NE(dom.find("<td>late_decision</td><td>MPUP3078 §VI.D.1</td><td>10</td>"),
            std::string::npos);
  fs::remove(pdf);
  command_output("/usr/bin/chromium" + flags + "--print-to-pdf='" + pdf.string() + "' 'file://" +
                 page.string() + "' 2>/dev/null");
  std::ifstream in(pdf, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  size_t pages = 0;
  for (size_t at = bytes.find("/Type /Page"); at != std::string::npos;
       at = bytes.find("/Type /Page", at + 1))
    pages += bytes.compare(at, 12, "/Type /Pages") != 0;
  EXPECT_GE(pages, 1u) << "printed to PDF";
  EXPECT_LE(pages, 4u) << "a 40-record report prints on a few pages";
}

}  // namespace
}  // namespace sop

namespace sop {
namespace {

// Two versions of Partnership's policy (this year's file and the annual-review fixture): each
// record is judged by the version in force on the day it was received, and says which.
TEST(AuditVersions, EachRecordIsJudgedByTheVersionInForceWhenReceived) {
  auto line = [](const std::string& received) {
    return R"({"case":{"id":")" + received +
           R"(","requester":"member","care_from":"specialist",)"
           R"("questions_surgery":true,"in_network_available":false,"urgent":true,"received_at":")" +
           received +
           R"(T16:30:00-08:00"},"decision":"pending","extracted_at":"2027-01-04T07:00:00-08:00"})" +
           "\n";
  };
  std::string log = line("2025-01-10") + line("2026-11-20") + line("2023-05-01");
  AuditRun r =
      audit(log, {"policies/partnership.sop", "tests/fixtures/annual_review/partnership_2025.sop",
                  "--format", "jsonl"});
  auto f = lines(r.out);
  ASSERT_EQ(f.size(), 3u) << r.out << r.err;
  EXPECT_EQ(f[0]["case_id"], "2025-01-10");
  EXPECT_EQ(f[0]["version"], "2024");
  EXPECT_EQ(f[1]["case_id"], "2026-11-20");
  EXPECT_EQ(f[1]["version"], "2025");
  EXPECT_EQ(f[2]["schema"], "sop.error/1");  // before the earliest version
  EXPECT_NE(f[2]["error"].get<std::string>().find("in force"), std::string::npos) << f[2].dump();
  std::string text =
      audit(log, {"policies/partnership.sop", "tests/fixtures/annual_review/partnership_2025.sop",
                  "--format", "text"})
          .out;
  EXPECT_NE(text.find("plan partnership (version 2024)"), std::string::npos) << text;
  EXPECT_NE(text.find("plan partnership (version 2025)"), std::string::npos) << text;
}

}  // namespace
}  // namespace sop
