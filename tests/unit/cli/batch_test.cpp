// `sop eval POLICY… --batch`: order, error records in place, several plans, --input, --no-trace,
// CSV in and out, and the same bytes whatever the number of workers (and the size of the chunks
// the input is cut into), checked against answers computed one case at a time with the tree
// renderer.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/batch.hpp"
#include "cli/commands.hpp"
#include "interpreter/codec/case_json.hpp"
#include "interpreter/codec/csv.hpp"
#include "interpreter/codec/determination.hpp"
#include "lang/loader.hpp"
#include "support/random_cases.hpp"
#include "tests/support/run_sop.hpp"

namespace sop {
namespace {

namespace fs = std::filesystem;

const char* k_partnership = "policies/partnership.sop";
const char* k_hpsj = "policies/hpsj.sop";

using Result = testing_support::SopResult;
using testing_support::sop;

Result batch(cli::BatchOptions o, const std::string& input) {
  fs::current_path(SOP_SOURCE_DIR);
  std::istringstream in(input);
  std::ostringstream out, err;
  int status = cli::eval_batch(o, in, out, err);
  return {status, out.str(), err.str()};
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream s(text);
  for (std::string l; std::getline(s, l);) out.push_back(l);
  return out;
}

// A few thousand lines: random cases of the plan, blank lines, and lines it refuses.
std::string mixed_input(size_t n) {
  fs::current_path(SOP_SOURCE_DIR);
  LoadResult r = load_program(k_partnership);
  EXPECT_TRUE(r.ok());
  std::mt19937 rng(11);
  const char* bad[] = {"[1, 2]",
                       "{\"urgent\": ",
                       "{\"urgnt\": true}",
                       "{\"opinion_number\": 1e400}",
                       "null",
                       "{\"requester\": \"doctor\"}",
                       "   "};
  std::string text;
  for (size_t i = 0; i < n; ++i) {
    if (i % 13 == 5)
      text += bad[(i / 13) % std::size(bad)];
    else
      text += testing::random_case(*r.program, rng).dump();
    text += i % 17 == 3 ? "\r\n" : "\n";
  }
  return text;
}

// The answers computed one line at a time, with the tree renderer: what the batch must write.
std::string reference(const std::vector<std::string>& policies, const std::string& input,
                      bool trace) {
  fs::current_path(SOP_SOURCE_DIR);
  std::vector<std::unique_ptr<Program>> programs;
  for (const std::string& p : policies) programs.push_back(std::move(load_program(p).program));
  std::string out;
  size_t n = 0;
  for (const std::string& line : lines_of(input)) {
    ++n;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    for (const auto& p : programs) {
      CaseDecoder d(*p);
      Case c(*p);
      Evaluator ev(*p);
      std::string error;
      nlohmann::ordered_json j;
      if (d.decode_text(line, c, error)) {
        ev.evaluate(c, trace);
        j = determination_json(ev, RenderOptions{trace});
        error = ev.fault();
      }
      if (!error.empty()) {
        j = nlohmann::ordered_json::object();
        j["schema"] = "sop.error/1";
        j["line"] = n;
        j["error"] = error;
        if (programs.size() > 1) j["plan"] = p->plan_id;
        // Added to sop.error/1 (docs/case-format-extensions.md): the case's id, when it has one.
        nlohmann::json given = nlohmann::json::parse(line, nullptr, false);
        if (given.is_object() && given.contains("id") && given["id"].is_string())
          j["case_id"] = given["id"];
      }
      out += j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    }
  }
  return out;
}

TEST(Batch, SameBytesWhateverTheWorkersAndChunks) {
  std::string input = mixed_input(3000);
  std::string expected = reference({k_partnership}, input, false);
  ASSERT_GT(lines_of(expected).size(), 2500u);
  for (unsigned jobs : {1u, 2u, 4u, 8u}) {
    for (size_t chunk : {size_t{1}, size_t{700}, size_t{256 * 1024}}) {
      cli::BatchOptions o;
      o.policies = {k_partnership};
      o.trace = false;
      o.jobs = jobs;
      o.chunk_bytes = chunk;
      Result r = batch(o, input);
      EXPECT_EQ(r.status, 1) << "some lines are bad";
      EXPECT_EQ(r.out, expected) << "jobs " << jobs << ", chunks of " << chunk << " bytes";
    }
  }
}

TEST(Batch, ErrorRecordsTakeTheirLinesPlace) {
  std::string input =
      "{\"id\": \"a\"}\n\n{\"id\": 7}\n   \n{\"id\": \"c\"}\n[]\n{\"id\": \"e\"}";  // no final \n
  Result r = sop({"eval", k_partnership, "--batch", "--no-trace", "-j", "2"}, input);
  EXPECT_EQ(r.status, 1);
  std::vector<std::string> lines = lines_of(r.out);
  ASSERT_EQ(lines.size(), 5u) << r.out;
  std::vector<nlohmann::json> j;
  for (const std::string& l : lines) j.push_back(nlohmann::json::parse(l));
  EXPECT_EQ(j[0]["case_id"], "a");
  EXPECT_EQ(j[1]["schema"], "sop.error/1");
  EXPECT_EQ(j[1]["line"], 3);
  EXPECT_EQ(j[1]["error"], "field \"id\": expected a string, found 7");
  EXPECT_FALSE(j[1].contains("plan")) << "one plan: the record is as the spec writes it";
  EXPECT_FALSE(j[1].contains("case_id")) << "its id is not a string";
  EXPECT_EQ(j[2]["case_id"], "c");
  EXPECT_EQ(j[3]["line"], 6);
  EXPECT_EQ(j[4]["case_id"], "e");
  // A refused case is named by its id (an addition to sop.error/1), in JSON and in CSV.
  Result named = sop({"eval", k_partnership, "--batch"}, "{\"id\": \"x-1\", \"urgent\": 3}\n");
  EXPECT_EQ(named.out,
            "{\"schema\":\"sop.error/1\",\"line\":1,\"error\":\"field \\\"urgent\\\": expected "
            "true or false, found 3\",\"case_id\":\"x-1\"}\n");
  Result named_csv = sop({"eval", k_partnership, "--batch", "--format", "csv", "--no-trace"},
                         "{\"id\": \"x-1\", \"urgent\": 3}\n");
  EXPECT_NE(named_csv.out.find(",x-1,"), std::string::npos) << named_csv.out;
  // Every line good: exit 0.
  EXPECT_EQ(sop({"eval", k_partnership, "--batch"}, "{\"id\": \"a\"}\n").status, 0);
}

TEST(Batch, SeveralPlansAnswerEachLineInTheOrderGiven) {
  std::string input = mixed_input(200);
  Result r = sop({"eval", k_partnership, k_hpsj, "--batch", "--no-trace", "-j", "3"}, input);
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out, reference({k_partnership, k_hpsj}, input, false));
  std::vector<std::string> lines = lines_of(r.out);
  nlohmann::json first = nlohmann::json::parse(lines[0]), second = nlohmann::json::parse(lines[1]);
  EXPECT_EQ(first["plan"], "partnership");
  EXPECT_EQ(second["plan"], "hpsj");
  EXPECT_EQ(first["case_id"], second["case_id"]);
  // An error record names its plan when there are several.
  bool named = false;
  for (const std::string& l : lines) {
    nlohmann::json j = nlohmann::json::parse(l);
    if (j["schema"] == "sop.error/1") named = j.contains("plan");
  }
  EXPECT_TRUE(named);
}

TEST(Batch, InputFileAndTrace) {
  std::string input = mixed_input(300);
  fs::path file = fs::temp_directory_path() / fmt::format("sop_batch_input_{}.jsonl", getpid());
  std::ofstream(file, std::ios::binary) << input;
  Result from_file = sop({"eval", k_partnership, "--batch", "--input", file.string()});
  Result from_stdin = sop({"eval", k_partnership, "--batch"}, input);
  fs::remove(file);
  EXPECT_EQ(from_file.out, from_stdin.out);
  EXPECT_EQ(from_file.out, reference({k_partnership}, input, true));
  EXPECT_NE(from_file.out.find("\"trace\":["), std::string::npos);
  Result no_trace = sop({"eval", k_partnership, "--batch", "--no-trace"}, input);
  EXPECT_EQ(no_trace.out.find("\"trace\""), std::string::npos);
  EXPECT_TRUE(no_trace.err.empty()) << "no progress line when stderr is not a terminal";

  Result missing = sop({"eval", k_partnership, "--batch", "--input", "/nonexistent/cases"});
  EXPECT_EQ(missing.status, 1);
  EXPECT_NE(missing.err.find("cannot open input `/nonexistent/cases`"), std::string::npos);
}

TEST(Batch, UsageAndPolicyErrors) {
  EXPECT_EQ(sop({"eval", k_partnership, "x.json", "--input", "y"}).status, 2);
  EXPECT_EQ(sop({"eval", k_partnership, "x.json", "-j", "2"}).status, 2);
  EXPECT_EQ(sop({"eval", k_partnership, k_hpsj, "x.json"}).status, 2);
  EXPECT_EQ(sop({"eval", k_partnership, "--batch", "--format", "text"}).status, 2);
  EXPECT_EQ(sop({"eval", k_partnership, "--batch", "--input-format", "xml"}).status, 2);
  EXPECT_EQ(sop({"eval", k_partnership, "--batch", "-j", "-1"}).status, 2);
  Result not_a_plan = sop({"eval", k_partnership, "stdlib/baseline.sop", "--batch"}, "{}\n");
  EXPECT_EQ(not_a_plan.status, 1);
  EXPECT_TRUE(not_a_plan.out.empty());
  EXPECT_EQ(sop({"eval", "nonexistent.sop", "--batch"}, "{}\n").status, 1);
}

// ---------------------------------------------------------------- CSV

// Splits CSV output into rows of fields (a test's own reading of RFC 4180, for what the
// batch writes: quoted fields may hold commas, quotes and line breaks).
std::vector<std::vector<std::string>> read_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false, was_quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char ch = text[i];
    if (quoted) {
      if (ch == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (ch == '"') {
        quoted = false;
      } else {
        field += ch;
      }
    } else if (ch == '"') {
      quoted = was_quoted = true;
    } else if (ch == ',') {
      rows.back().push_back(field);
      field.clear();
    } else if (ch == '\n') {
      rows.back().push_back(field);
      field.clear();
      rows.emplace_back();
    } else {
      field += ch;
    }
  }
  rows.pop_back();  // after the last line break
  return rows;
}

const char* k_example_input =
    R"({"id": "example-1", "requester": "member", "care_from": "specialist", "specialty": "orthopedic_surgery", "questions_surgery": true, "in_network_available": false, "urgent": true, "received_at": "2026-11-20T16:30:00-08:00"})"
    "\n";

const char* k_csv =
    "id,urgent,opinion_number,requester,specialty,in_network_available\n"
    "plain,true,2,member,cardiology,false\n"
    "\"quoted, with \"\"quotes\"\"\nand a line break\",FALSE,,member,,TRUE\n"
    "\n"
    "empty,,,,,\n"
    "bad-bool,maybe,2,member,,true\n"
    "bad-int,true,two,member,,true\n"
    "bad-enum,true,2,doctor,,true\n"
    "short,true\n"
    "bad-quote,tr\"u\"e,2,member,,true\n"
    "\"unterminated,true,2,member,,true\n";

TEST(BatchCsv, RowsReadAsTheSameJsonObjectsWould) {
  Result csv =
      sop({"eval", k_partnership, "--batch", "--input-format", "csv", "--no-trace"}, k_csv);
  EXPECT_EQ(csv.status, 1);
  std::vector<std::string> lines = lines_of(csv.out);
  ASSERT_EQ(lines.size(), 9u) << csv.out;
  std::vector<nlohmann::json> j;
  for (const std::string& l : lines) j.push_back(nlohmann::json::parse(l));
  // The same cases as JSON give the same determinations.
  std::string as_json =
      R"({"id": "plain", "urgent": true, "opinion_number": 2, "requester": "member", "specialty": "cardiology", "in_network_available": false})"
      "\n"
      R"({"id": "quoted, with \"quotes\"\nand a line break", "urgent": false, "requester": "member", "in_network_available": true})"
      "\n"
      R"({"id": "empty"})"
      "\n";
  std::vector<std::string> want = lines_of(reference({k_partnership}, as_json, false));
  EXPECT_EQ(lines[0], want[0]);
  EXPECT_EQ(lines[1], want[1]);
  EXPECT_EQ(lines[2], want[2]);
  // Error records name the input line (the header is line 1; a quoted line break counts) and
  // the column.
  EXPECT_EQ(j[3]["line"], 7);
  EXPECT_EQ(j[3]["error"],
            "column 2: field \"urgent\": expected true or false (or yes / no, y / n, 1 / 0, in "
            "any case), found \"maybe\"");
  EXPECT_EQ(j[4]["line"], 8);
  EXPECT_EQ(j[4]["error"],
            "column 3: field \"opinion_number\": expected an integer from 2 to 99, found \"two\"");
  EXPECT_EQ(j[5]["line"], 9);
  EXPECT_NE(j[5]["error"].get<std::string>().find("column 4: field \"requester\": expected one of"),
            std::string::npos);
  EXPECT_EQ(j[6]["error"], "expected 6 fields, as the header has, found 2");
  EXPECT_NE(j[7]["error"].get<std::string>().find("column 2: a quote inside a field"),
            std::string::npos);
  EXPECT_EQ(j[8]["line"], 12);
  EXPECT_EQ(j[8]["error"], "column 1: a quoted field is not closed");
}

TEST(BatchCsv, HeaderProblemsStopTheRun) {
  Result r = sop({"eval", k_partnership, "--batch", "--input-format", "csv"}, "id,urgnt\na,true\n");
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(r.out.empty());
  EXPECT_NE(r.err.find("column 2: unknown field \"urgnt\" (did you mean \"urgent\"?)"),
            std::string::npos)
      << r.err;
  EXPECT_NE(sop({"eval", k_partnership, "--batch", "--input-format", "csv"}, "id,id\n")
                .err.find("given twice"),
            std::string::npos);
  EXPECT_EQ(sop({"eval", k_partnership, "--batch", "--input-format", "csv"}, "").status, 1);
  // A spreadsheet's byte-order mark before the header is not part of the first name.
  EXPECT_EQ(sop({"eval", k_partnership, "--batch", "--input-format", "csv"}, "\xEF\xBB\xBFid\na\n")
                .status,
            0);
}

TEST(BatchCsv, FlatRowsUnderOneHeader) {
  std::string input = std::string(k_example_input) + "{\"urgnt\": true}\n";
  Result r = sop({"eval", k_partnership, k_hpsj, "--batch", "--format", "csv"}, input);
  EXPECT_EQ(r.status, 1);
  std::vector<std::vector<std::string>> rows = read_csv(r.out);
  ASSERT_EQ(rows.size(), 1u + 2 * 2) << r.out;
  const std::vector<std::string>& h = rows[0];
  auto col = [&](const std::string& name) {
    auto it = std::find(h.begin(), h.end(), name);
    EXPECT_NE(it, h.end()) << name;
    return static_cast<size_t>(it - h.begin());
  };
  EXPECT_EQ(h[0], "line");
  EXPECT_EQ(h[1], "plan");
  EXPECT_EQ(h[2], "error");
  EXPECT_EQ(std::count(h.begin(), h.end(), "plan"), 1)
      << "the plan's own `plan` output is not repeated";
  for (const auto& row : rows) EXPECT_EQ(row.size(), h.size());
  // The determination's values, as JSON gives them.
  nlohmann::json d = nlohmann::json::parse(
      lines_of(sop({"eval", k_partnership, "--batch"}, k_example_input).out)[0]);
  const std::vector<std::string>& p = rows[1];
  EXPECT_EQ(p[col("plan")], "partnership");
  EXPECT_EQ(p[col("line")], "1");
  EXPECT_EQ(p[col("error")], "");
  EXPECT_EQ(p[col("decision")], d["decision"]);
  EXPECT_EQ(p[col("case_id")], "example-1");
  EXPECT_EQ(p[col("route.tier")], d["route"]["tier"]);
  EXPECT_EQ(p[col("route.cite")], d["route"]["cite"]);
  EXPECT_EQ(p[col("timeframe.due")], d["timeframe"]["due"]);
  EXPECT_EQ(p[col("timeframe.calendar")], "") << "null is an empty cell";
  EXPECT_EQ(p[col("authorization_required")], d["authorization_required"].dump());
  std::string reasons;
  for (const auto& x : d["reasons"])
    reasons += (reasons.empty() ? "" : "; ") + x["id"].get<std::string>();
  EXPECT_EQ(p[col("reasons.id")], reasons);
  EXPECT_NE(p[col("trace")].find("timeframe: urgent out-of-network request [MPUP3078 §VI.D.1]"),
            std::string::npos)
      << p[col("trace")];
  EXPECT_EQ(rows[2][col("plan")], "hpsj");
  // The bad line: one error row per plan, the rest empty.
  EXPECT_EQ(rows[3][col("line")], "2");
  EXPECT_EQ(rows[3][col("plan")], "partnership");
  EXPECT_EQ(rows[3][col("error")], "unknown field \"urgnt\" (did you mean \"urgent\"?)");
  EXPECT_EQ(rows[3][col("decision")], "");
  EXPECT_EQ(rows[4][col("plan")], "hpsj");
  // Without the trace, no trace column.
  Result nt = sop({"eval", k_partnership, "--batch", "--output-format", "csv", "--no-trace"},
                  k_example_input);
  EXPECT_EQ(read_csv(nt.out)[0].back(), "missing_facts");
}

}  // namespace
}  // namespace sop
