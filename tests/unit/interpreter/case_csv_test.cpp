// Spreadsheet cells read as facts (interpreter/codec/csv_cell.hpp, case_csv.hpp): each kind of
// cell in the forms spreadsheets write, what is refused and how, every bad cell of a row
// reported, and the header read in the spellings people give it.
#include "interpreter/codec/case_csv.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "interpreter/time_zone.hpp"
#include "interpreter/value_text.hpp"
#include "support/program_fixture.hpp"

namespace sop {
namespace {

const char* k_program = R"(
enum Kind "a kind" { first_kind "1" second_kind "2" }
enum Case "case-sensitive values" { big_a "A" Big_A "B" }
fact flag: bool "a flag"
fact count: int in 2..99 = 2 "a count"
fact kind: Kind "a kind"
fact twin: Case "values differing only in case"
fact kinds: set of Kind "kinds"
fact label: string "a label"
fact on: date "a day"
fact at: datetime "an instant"
output echo_label: string? "the label" = label ?? null
output seen: bool "the flag" = flag
)";

class CaseCsvTest : public ::testing::Test {
 protected:
  void SetUp() override {
    program = testing::build(k_program);
    ASSERT_TRUE(program);
    decoder = std::make_unique<CaseDecoder>(*program);
    std::string error;
    la = TimeZone::load("America/Los_Angeles", error);
    ASSERT_TRUE(la) << error;
  }
  // The fact `name` read from `cell`, as value text, or "error: MESSAGE".
  std::string read(const std::string& name, const std::string& cell, bool zone = true) {
    CsvCaseDecoder csv(*program, *decoder, {name}, zone ? &*la : nullptr);
    Case c(*program);
    std::string error;
    std::vector<CellError> cells;
    if (!csv.decode({cell}, 1, c, error, cells)) {
      EXPECT_EQ(cells.size(), 1u) << error;
      return "error: " + error;
    }
    uint32_t f = static_cast<uint32_t>(program->find_var(name));
    return value_text(*program, c.facts[f], program->vars[f].type);
  }
  std::unique_ptr<Program> program;
  std::unique_ptr<CaseDecoder> decoder;
  std::optional<TimeZone> la;
};

TEST_F(CaseCsvTest, BooleansInEverySpreadsheetSpelling) {
  for (const char* yes : {"true", "TRUE", "True", "yes", "Yes", "YES", "y", "Y", "1", " Yes "})
    EXPECT_EQ(read("flag", yes), "true") << yes;
  for (const char* no : {"false", "FALSE", "no", "No", "n", "N", "0"})
    EXPECT_EQ(read("flag", no), "false") << no;
  EXPECT_EQ(read("flag", "Yess"),
            "error: column 1: field \"flag\": expected true or false (or yes / no, y / n, 1 / 0, "
            "in any case), found \"Yess\" (did you mean \"yes\"?)");
  EXPECT_EQ(read("flag", "2").rfind("error: column 1: field \"flag\"", 0), 0u);
}

TEST_F(CaseCsvTest, EmptyCellsAreAbsent) {
  EXPECT_EQ(read("flag", ""), "unknown");
  EXPECT_EQ(read("flag", "   "), "unknown");
  EXPECT_EQ(read("label", ""), "unknown");
}

TEST_F(CaseCsvTest, IntegersWithinTheirRange) {
  EXPECT_EQ(read("count", "7"), "7");
  EXPECT_EQ(read("count", " 7 "), "7");
  EXPECT_EQ(read("count", "100"),
            "error: column 1: field \"count\": expected an integer from 2 to 99, found \"100\"");
  EXPECT_EQ(read("count", "seven"),
            "error: column 1: field \"count\": expected an integer from 2 to 99, found \"seven\"");
}

TEST_F(CaseCsvTest, EnumerationsInAnyCaseWhereUnambiguous) {
  EXPECT_EQ(read("kind", "first_kind"), "first_kind");
  EXPECT_EQ(read("kind", "First_Kind"), "first_kind");
  EXPECT_EQ(read("kind", "Second Kind"), "second_kind");
  EXPECT_EQ(read("kind", "SECOND-KIND"), "second_kind");
  EXPECT_EQ(read("kind", "frist_kind"),
            "error: column 1: field \"kind\": expected one of \"first_kind\", \"second_kind\", "
            "found \"frist_kind\" (did you mean \"first_kind\"?)");
  // Exact spellings always win; a spelling that matches two values in other cases is refused.
  EXPECT_EQ(read("twin", "Big_A"), "Big_A");
  EXPECT_EQ(read("twin", "big_a"), "big_a");
  EXPECT_EQ(read("twin", "BIG_A"),
            "error: column 1: field \"twin\": expected one value, and this spells \"big_a\" or "
            "\"Big_A\" (write one exactly), found \"BIG_A\"");
}

TEST_F(CaseCsvTest, SetsAreMembersSeparatedBySemicolons) {
  EXPECT_EQ(read("kinds", "First_Kind; second kind"), "[first_kind, second_kind]");
  EXPECT_EQ(read("kinds", "first_kind;"), "[first_kind]");
  // `none` is the empty set (an empty cell is an absent fact).
  EXPECT_EQ(read("kinds", " None "), "[]");
  EXPECT_EQ(
      read("kinds", "first_kind; third")
          .rfind("error: column 1: field \"kinds\": expected members separated by \";\" (or "
                 "\"none\"), each one of \"first_kind\", \"second_kind\", found",
                 0),
      0u)
      << read("kinds", "first_kind; third");
}

TEST_F(CaseCsvTest, StringsAsWritten) {
  EXPECT_EQ(read("label", "Yes, a label "), "\"Yes, a label \"");
}

TEST_F(CaseCsvTest, DatesIsoOrUsOrder) {
  EXPECT_EQ(read("on", "2026-07-15"), "2026-07-15");
  EXPECT_EQ(read("on", "7/15/2026"), "2026-07-15");
  EXPECT_EQ(read("on", "07/05/2026"), "2026-07-05");
  for (const char* bad : {"15/7/2026", "7/15/26", "2/30/2026", "2026-7-15", "7/15/2026 9:00"})
    EXPECT_EQ(read("on", bad).rfind("error: column 1: field \"on\": expected a date such as", 0),
              0u)
        << bad;
}

TEST_F(CaseCsvTest, DateTimesWithAnOffsetKeepIt) {
  EXPECT_EQ(read("at", "2026-07-15T09:05:00-04:00"), "2026-07-15T09:05:00-04:00");
  EXPECT_EQ(read("at", "2026-07-15T09:05:00-04:00", false), "2026-07-15T09:05:00-04:00");
}

TEST_F(CaseCsvTest, LocalDateTimesTakeTheZonesOffsetWithDaylightSaving) {
  EXPECT_EQ(read("at", "7/15/2026 9:05"), "2026-07-15T09:05:00-07:00");
  EXPECT_EQ(read("at", "1/15/2026 9:05"), "2026-01-15T09:05:00-08:00");
  EXPECT_EQ(read("at", "2026-07-15 09:05:30"), "2026-07-15T09:05:30-07:00");
  EXPECT_EQ(read("at", "2026-07-15T09:05"), "2026-07-15T09:05:00-07:00");
  EXPECT_EQ(read("at", "1/20/2026 4:30 PM"), "2026-01-20T16:30:00-08:00");
  EXPECT_EQ(read("at", "1/20/2026 12:10 am"), "2026-01-20T00:10:00-08:00");
  EXPECT_EQ(read("at", "1/20/2026 12:10 PM"), "2026-01-20T12:10:00-08:00");
  for (const char* bad : {"1/20/2026 13:10 PM", "1/20/2026", "2026-07-15 25:00", "7/15/2026 9"})
    EXPECT_EQ(
        read("at", bad).rfind("error: column 1: field \"at\": expected a date-time such as", 0), 0u)
        << bad;
}

TEST_F(CaseCsvTest, LocalDateTimesWithoutAZoneNameTheOption) {
  EXPECT_EQ(read("at", "7/15/2026 9:05", false),
            "error: column 1: field \"at\": expected a date-time with an offset, such as "
            "\"2026-11-20T16:30:00-08:00\" (one without, as here, is read only in a time zone: "
            "--timezone ZONE), found \"7/15/2026 9:05\"");
}

TEST_F(CaseCsvTest, TimesTheClocksSkipOrRepeatAreRefused) {
  EXPECT_EQ(read("at", "3/8/2026 2:30"),
            "error: column 1: field \"at\": expected a time that exists in America/Los_Angeles: "
            "its clocks skip this one, going from -08:00 to -07:00 (write the offset), found "
            "\"3/8/2026 2:30\"");
  EXPECT_EQ(read("at", "2026-11-01 01:30"),
            "error: column 1: field \"at\": expected a time that happens once in "
            "America/Los_Angeles: this one happens at -07:00 and again at -08:00 (write the "
            "offset), found \"2026-11-01 01:30\"");
  // Before 1883 Los Angeles kept local mean time, -07:52:58: no offset in whole minutes.
  EXPECT_EQ(
      read("at", "1/1/1850 12:00")
          .rfind("error: column 1: field \"at\": expected a time after America/Los_Angeles took a "
                 "standard offset",
                 0),
      0u)
      << read("at", "1/1/1850 12:00");
  // Written with its offset, the same wall-clock time is read as given.
  EXPECT_EQ(read("at", "2026-11-01T01:30:00-08:00"), "2026-11-01T01:30:00-08:00");
}

TEST_F(CaseCsvTest, EveryBadCellOfARowIsReported) {
  std::vector<std::string> header{"flag", "count", "kind", "label", "at"};
  CsvCaseDecoder csv(*program, *decoder, header, nullptr);
  Case c(*program);
  std::string error;
  std::vector<CellError> cells;
  ASSERT_FALSE(
      csv.decode({"Maybe", "1", "Frist_kind", "ok", "7/15/2026 9:05"}, 5, c, error, cells));
  ASSERT_EQ(cells.size(), 4u) << error;
  EXPECT_EQ(cells[0].column, 1u);
  EXPECT_EQ(cells[0].field, "flag");
  EXPECT_EQ(cells[0].value, "Maybe");
  EXPECT_EQ(cells[1].column, 2u);
  EXPECT_EQ(cells[1].expected, "an integer from 2 to 99");
  EXPECT_EQ(cells[2].field, "kind");
  EXPECT_EQ(cells[2].suggestion, "first_kind");
  EXPECT_EQ(cells[3].column, 5u);
  EXPECT_EQ(error, cells[0].message + "; " + cells[1].message + "; " + cells[2].message + "; " +
                       cells[3].message);
  // A row with the wrong number of fields is one error for the row.
  EXPECT_FALSE(csv.decode({"yes"}, 1, c, error, cells));
  EXPECT_TRUE(cells.empty());
  EXPECT_EQ(error, "expected 5 fields, as the header has, found 1");
}

TEST_F(CaseCsvTest, HeadersInAnyCaseWithSpaces) {
  std::vector<std::string> ambiguous;
  EXPECT_EQ(csv_header_fact(*decoder, "Echo Label", ambiguous), k_none);  // an output, not a fact
  EXPECT_EQ(csv_header_fact(*decoder, "FLAG", ambiguous), program->find_var("flag"));
  EXPECT_EQ(check_csv_header({"Flag", "Count", " Kind "}, {decoder.get()}), "");
  EXPECT_EQ(check_csv_header({"flag", "Flag"}, {decoder.get()}),
            "column 2: field \"flag\" is given twice");
  EXPECT_EQ(check_csv_header({"flg"}, {decoder.get()}),
            "column 1: unknown field \"flg\" (did you mean \"flag\"?)");
  EXPECT_EQ(check_csv_header({"Lable"}, {decoder.get()}),
            "column 1: unknown field \"Lable\" (did you mean \"label\"?)");
  CsvCaseDecoder csv(*program, *decoder, {"Label", "FLAG"}, nullptr);
  Case c(*program);
  std::string error;
  std::vector<CellError> cells;
  ASSERT_TRUE(csv.decode({"x", "Y"}, 2, c, error, cells)) << error;
  EXPECT_EQ(csv.cell_of({"x", "Y"}, 2, static_cast<uint32_t>(program->find_var("label"))), "x");
}

TEST(TimeOffsetText, FormatsSignedHoursAndMinutes) {
  EXPECT_EQ(format_offset(-7 * 3600), "-07:00");
  EXPECT_EQ(format_offset(5 * 3600 + 1800), "+05:30");
}

}  // namespace
}  // namespace sop
