// CsvRecordDecoder (a log's line as a CSV row: the case's facts, the record's fields and numbered
// item columns): a row means what the JSON record with the same values means (both decoded and
// compared), and the header's and the row's mistakes are named, every bad cell of a row.
#include <gtest/gtest.h>

#include <filesystem>

#include "interpreter/codec/csv.hpp"
#include "interpreter/codec/record_csv.hpp"
#include "interpreter/time_zone.hpp"
#include "lang/loader.hpp"

namespace sop {
namespace {

namespace fs = std::filesystem;
const fs::path k_root = SOP_SOURCE_DIR;

struct Fixture {
  std::unique_ptr<Program> program;
  std::unique_ptr<CaseDecoder> cases;
  std::unique_ptr<RecordDecoder> records;
  std::optional<TimeZone> zone;
};

const Fixture& fixture() {
  static Fixture f = [] {
    LoadResult r = load_program((k_root / "policies/partnership.sop").string());
    EXPECT_TRUE(r.ok());
    Fixture f{std::move(r.program), nullptr, nullptr, std::nullopt};
    f.cases = std::make_unique<CaseDecoder>(*f.program);
    uint32_t record = 0;
    while (f.program->records[record].name != "DecisionRecord") ++record;
    f.records = std::make_unique<RecordDecoder>(*f.program, *f.cases, "case", record, "x_");
    std::string error;
    f.zone = TimeZone::load("America/Los_Angeles", error);
    return f;
  }();
  return f;
}

std::vector<std::string> split(std::string_view line) {
  std::vector<std::string> fields;
  size_t count = 0;
  std::string error;
  EXPECT_TRUE(split_csv_record(line, fields, count, error)) << error;
  fields.resize(count);
  return fields;
}

std::string check_header(std::string_view line) {
  const Fixture& f = fixture();
  return check_csv_record_header(split(line), {{f.cases.get(), f.records.get()}});
}

struct Row {
  bool ok;
  RecordValues values;
  std::string error;
  std::vector<CellError> cells;
};

Row decode(std::string_view header, std::string_view line) {
  const Fixture& f = fixture();
  CsvRecordDecoder d(*f.cases, *f.records, split(header), &*f.zone);
  Row row;
  row.values.kase = Case(*f.program);
  std::vector<std::string> fields = split(line);
  row.ok = d.decode(fields, fields.size(), row.values, row.error, row.cells);
  return row;
}

// The record as JSON text, decoded by the JSON reader.
RecordValues decode_json(std::string_view json) {
  const Fixture& f = fixture();
  RecordValues r;
  r.kase = Case(*f.program);
  std::string error;
  EXPECT_TRUE(f.records->decode_text(json, r, error)) << error;
  return r;
}

bool same(const Value& a, const Value& b) {
  if (a.kind != b.kind || a.aux != b.aux) return false;
  if (a.kind == ValueKind::string) return a.text() == b.text();
  if (a.kind == ValueKind::unknown || a.kind == ValueKind::list) return true;
  return a.u.bits == b.u.bits;
}

void expect_same(const RecordValues& csv, const RecordValues& json) {
  ASSERT_EQ(csv.fields.size(), json.fields.size());
  for (size_t i = 0; i < csv.fields.size(); ++i) {
    ASSERT_TRUE(same(csv.fields[i], json.fields[i])) << "field " << i;
    if (csv.fields[i].kind != ValueKind::list) continue;
    for (int32_t k = 0; k < csv.fields[i].aux; ++k)
      for (size_t f = 0; f < csv.item(csv.fields[i], k).size(); ++f)
        EXPECT_TRUE(same(csv.item(csv.fields[i], k)[f], json.item(json.fields[i], k)[f]))
            << "item " << k << " field " << f;
  }
  for (size_t i = 0; i < csv.kase.facts.size(); ++i)
    EXPECT_TRUE(same(csv.kase.facts[i], json.kase.facts[i])) << "fact " << i;
}

const char* k_header =
    "Id,Received At,Urgent,Requester,Plan,Decision,Decided At,Tier,Authorized,Member Charged,"
    "Notices.1.Kind,Notices.1.To,Notices.1.Contents,Notices.1.Sent At,"
    "notices.2.kind,notices.2.to,notices.2.contents,notices.2.sent_at,Extracted At,x_note";

TEST(RecordCsv, ARowMeansWhatTheJsonRecordMeans) {
  ASSERT_EQ(check_header(k_header), "");
  Row row = decode(k_header,
                   "R-1,7/15/2026 9:05 AM,Yes,Authorized Representative,partnership,Deny,"
                   "7/16/2026 10:00,Plan Network,No,n,Denial,Member; Provider,"
                   "Appeal Rights;Denial Reasons,7/16/2026 11:00:30,,,,,2027-01-04T07:00:00-08:00,"
                   "anything");
  ASSERT_TRUE(row.ok) << row.error;
  expect_same(row.values,
              decode_json(R"({"case":{"id":"R-1","received_at":"2026-07-15T09:05:00-07:00",
                "urgent":true,"requester":"authorized_representative"},"plan":"partnership",
                "decision":"deny","decided_at":"2026-07-16T10:00:00-07:00","tier":"plan_network",
                "authorized":false,"member_charged":false,"notices":[{"kind":"denial",
                "to":["member","provider"],"contents":["appeal_rights","denial_reasons"],
                "sent_at":"2026-07-16T11:00:30-07:00"}],
                "extracted_at":"2027-01-04T07:00:00-08:00"})"));
}

TEST(RecordCsv, EmptyItemsAreSkippedAndAnEmptyRowIsAnEmptyRecord) {
  Row two =
      decode(k_header, "R-2,,,,,Approve,,,,,,,,,Approval,Member,,2026-07-16T11:00:00-07:00,,");
  ASSERT_TRUE(two.ok) << two.error;
  expect_same(two.values, decode_json(R"({"case":{"id":"R-2"},"decision":"approve",
      "notices":[{"kind":"approval","to":["member"],"sent_at":"2026-07-16T11:00:00-07:00"}]})"));
  Row empty = decode(k_header, ",,,,,,,,,,,,,,,,,,,");
  ASSERT_TRUE(empty.ok) << empty.error;
  expect_same(empty.values, decode_json(R"({"case":{}})"));
}

// "No notice sent" and "not recorded" differ, as `[]` and an absent field do in JSON: the list's
// own column says `none`; with no notice cell filled and no `none`, the field is absent.
TEST(RecordCsv, TheListsOwnColumnSaysNoneForAnEmptyList) {
  const char* header = "Id,Decision,Notices,Notices.1.Kind,Notices.1.To";
  Row none = decode(header, "R-5,Deny,None,,");
  ASSERT_TRUE(none.ok) << none.error;
  expect_same(none.values, decode_json(R"({"case":{"id":"R-5"},"decision":"deny","notices":[]})"));
  Row absent = decode(header, "R-6,Deny,,,");
  ASSERT_TRUE(absent.ok) << absent.error;
  expect_same(absent.values, decode_json(R"({"case":{"id":"R-6"},"decision":"deny"})"));
  Row both = decode(header, "R-7,Deny,none,Denial,Member");
  ASSERT_FALSE(both.ok);
  EXPECT_NE(both.error.find("column 3: field \"notices\": expected an empty cell, as columns "
                            "notices.N… are filled"),
            std::string::npos)
      << both.error;
  Row other = decode(header, "R-8,Deny,2,,");
  ASSERT_FALSE(other.ok);
  EXPECT_NE(other.error.find("expected \"none\" (no item) or an empty cell"), std::string::npos)
      << other.error;
}

TEST(RecordCsv, EveryBadCellOfARowIsNamed) {
  Row row = decode(k_header,
                   "R-3,7/15/2026 9:05,maybe,Memebr,partnership,Decline,yesterday,,,,"
                   ",Member,,,,,,,,");
  ASSERT_FALSE(row.ok);
  ASSERT_EQ(row.cells.size(), 5u) << row.error;
  EXPECT_EQ(row.cells[0].field, "urgent");
  EXPECT_EQ(row.cells[1].suggestion, "member");
  EXPECT_EQ(row.cells[2].field, "decision");
  EXPECT_EQ(row.cells[3].field, "decided_at");
  // Item 1 has a cell filled, so its kind, which every notice gives, is missing.
  EXPECT_EQ(row.cells[4].field, "notices.1.kind");
  EXPECT_NE(row.cells[4].message.find("found an empty cell"), std::string::npos);
  EXPECT_NE(row.error.find("column 3: field \"urgent\""), std::string::npos) << row.error;
  EXPECT_NE(row.error.find("column 11: field \"notices.1.kind\""), std::string::npos);
}

TEST(RecordCsv, DateTimesWithoutAnOffsetNeedAZone) {
  const Fixture& f = fixture();
  CsvRecordDecoder d(*f.cases, *f.records, split("Decided At"), nullptr);
  RecordValues r;
  r.kase = Case(*f.program);
  std::vector<std::string> fields = split("7/16/2026 10:00");
  std::string error;
  std::vector<CellError> cells;
  EXPECT_FALSE(d.decode(fields, 1, r, error, cells));
  EXPECT_NE(error.find("--timezone"), std::string::npos) << error;
}

TEST(RecordCsv, HeaderMistakesAreNamed) {
  EXPECT_EQ(check_header("Id,Decison"),
            "column 2: unknown field \"Decison\" (did you mean \"decision\"?)");
  EXPECT_EQ(check_header("decision,Decision"), "column 2: field \"decision\" is given twice");
  EXPECT_EQ(check_header("Notices,Notices.1.Kind"), "");
  EXPECT_EQ(check_header("Notices.1.To"),
            "no column \"notices.1.kind\": item 1 of \"notices\" has columns, and every item "
            "gives its \"kind\"");
  EXPECT_NE(check_header("Notices.0.Kind").find("unknown field"), std::string::npos);
  EXPECT_EQ(check_header("case.received_at,Case.Urgent,x_anything"), "");
  EXPECT_NE(check_header("case.decision").find("unknown field"), std::string::npos);
}

TEST(RecordCsv, ARowOfTheWrongLengthIsRefusedWithAMessage) {
  Row row = decode(k_header, "R-1,7/15/2026 9:05 AM");
  EXPECT_FALSE(row.ok);
  EXPECT_EQ(row.error, "expected 20 fields, as the header has, found 2");
}

}  // namespace
}  // namespace sop
