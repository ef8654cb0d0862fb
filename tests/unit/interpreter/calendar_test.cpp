// Holiday calendars and business-day arithmetic.
//
// The calendars are built here from declarations that mirror stdlib/calendars.sop (the parser
// is tested separately; a later test parses the .sop file itself). Every date asserted below
// comes from a published list, not from this code:
// - federal: the Office of Personnel Management's holiday tables as federal courts republish
//   them (uscourts.gov pages of the Bankruptcy Courts for W.D.N.Y. (2022, 2023, 2026), E.D. Ky.
//   (2024, 2025), E.D. Wash. (2024), the Eleventh Circuit (2026) and S.D. Ga. (2021)), OPM's
//   2020 table, and OPM's 2027 footnotes ("June 19, 2027 … falls on a Saturday … Friday,
//   June 18"; "July 4, 2027 … Sunday … Monday, July 5"; "December 25, 2027 … Saturday …
//   Friday, December 24"); January 1, 2028 is a Saturday, so §6103(b) gives Friday
//   December 31, 2027.
// - California: Gov. Code §6700 and §6701 applied to the calendar, checked against the
//   published state lists where they overlap: CalHR's 2024 list (Cesar Chavez Day observed
//   Monday April 1), the Secretary of State's 2021 list (July 4th observed Monday July 5;
//   Christmas Day on Saturday December 25, not moved), and CalHR's rule "When November 11
//   falls upon a Saturday, the preceding Friday is observed" (2017: Friday November 10).
#include "interpreter/calendar.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "lang/civil_time.hpp"
#include "lang/loader.hpp"
#include "support/program_fixture.hpp"

namespace sop {
namespace {

int32_t D(int y, int m, int d) {
  return civil::days_from_civil(y, m, d);
}

std::string fmt(int32_t day) {
  return civil::format_date(day);
}

Holiday fixed(const char* name, int month, int day, int saturday_shift = 0, int sunday_shift = 0,
              std::optional<int> from = std::nullopt, std::optional<int> until = std::nullopt) {
  Holiday h;
  h.name = name;
  h.rule.kind = DateRule::Kind::fixed;
  h.rule.month = month;
  h.rule.day = day;
  h.observed.saturday_shift = saturday_shift;
  h.observed.sunday_shift = sunday_shift;
  h.from_year = from;
  h.until_year = until;
  return h;
}

Holiday nth(const char* name, int n, Weekday weekday, int month,
            std::optional<int> from = std::nullopt, std::optional<int> until = std::nullopt,
            int offset_days = 0) {
  Holiday h;
  h.name = name;
  h.rule.kind = DateRule::Kind::nth_weekday;
  h.rule.month = month;
  h.rule.nth = n;
  h.rule.weekday = weekday;
  h.rule.offset_days = offset_days;
  h.from_year = from;
  h.until_year = until;
  return h;
}

// `holiday NAME on dates { … } between … from FROM`, its dates given as (year, month, day).
Holiday listed(const char* name, std::vector<civil::YMD> dates, DateWindow window,
               std::optional<int> from = std::nullopt) {
  Holiday h;
  h.name = name;
  h.rule.kind = DateRule::Kind::listed;
  for (const civil::YMD& d : dates)
    h.dates.push_back({civil::days_from_civil(d.year, d.month, d.day), d.year, "", "", {}});
  h.window = window;
  h.from_year = from;
  h.cite = "test";
  return h;
}

// The dates of stdlib/calendars.sop (its comments give their sources and the rules used).
Holiday lunar_new_year() {
  return listed("Lunar New Year",
                {{2023, 1, 22},
                 {2024, 2, 10},
                 {2025, 1, 29},
                 {2026, 2, 17},
                 {2027, 2, 6},
                 {2028, 1, 26},
                 {2029, 2, 13},
                 {2030, 2, 3},
                 {2031, 1, 23},
                 {2032, 2, 11},
                 {2033, 1, 31},
                 {2034, 2, 19},
                 {2035, 2, 8}},
                {1, 20, 2, 21, {}}, 2023);
}

Holiday diwali() {
  return listed("Diwali",
                {{2026, 11, 8}, {2028, 10, 17}, {2029, 11, 5}, {2032, 11, 2}, {2033, 10, 22}},
                {10, 10, 11, 25, {}}, 2026);
}

constexpr int k_to_friday = -1;  // observed saturday -> friday
constexpr int k_to_monday = 1;   // observed sunday -> monday

// stdlib/calendars.sop, calendar us_federal.
std::vector<Holiday> us_federal() {
  return {
      fixed("New Year's Day", 1, 1, k_to_friday, k_to_monday),
      nth("Birthday of Martin Luther King, Jr.", 3, Weekday::monday, 1, 1986),
      nth("Washington's Birthday", 3, Weekday::monday, 2, 1971),
      nth("Memorial Day", -1, Weekday::monday, 5, 1971),
      fixed("Juneteenth National Independence Day", 6, 19, k_to_friday, k_to_monday, 2021),
      fixed("Independence Day", 7, 4, k_to_friday, k_to_monday),
      nth("Labor Day", 1, Weekday::monday, 9),
      nth("Columbus Day", 2, Weekday::monday, 10, 1971),
      fixed("Veterans Day", 11, 11, k_to_friday, k_to_monday, std::nullopt, 1970),
      nth("Veterans Day", 4, Weekday::monday, 10, 1971, 1977),
      fixed("Veterans Day", 11, 11, k_to_friday, k_to_monday, 1978),
      nth("Thanksgiving Day", 4, Weekday::thursday, 11),
      fixed("Christmas Day", 12, 25, k_to_friday, k_to_monday),
  };
}

// stdlib/calendars.sop, calendar ca_state.
std::vector<Holiday> ca_state() {
  return {
      fixed("New Year's Day", 1, 1, 0, k_to_monday),
      nth("Dr. Martin Luther King, Jr. Day", 3, Weekday::monday, 1),
      lunar_new_year(),
      fixed("Lincoln Day", 2, 12, 0, k_to_monday),
      nth("Presidents' Day", 3, Weekday::monday, 2),
      fixed("Cesar Chavez Day", 3, 31, 0, k_to_monday, 2001),
      fixed("Genocide Remembrance Day", 4, 24, 0, 0, 2023),
      nth("Memorial Day", -1, Weekday::monday, 5),
      fixed("Juneteenth", 6, 19, 0, 0, 2023),
      fixed("Independence Day", 7, 4, 0, k_to_monday),
      nth("Labor Day", 1, Weekday::monday, 9),
      fixed("Admission Day", 9, 9, 0, k_to_monday),
      nth("Native American Day", 4, Weekday::friday, 9, 2015),
      nth("Columbus Day", 2, Weekday::monday, 10),
      fixed("Veterans Day", 11, 11, k_to_friday, k_to_monday),
      diwali(),
      nth("Thanksgiving Day", 4, Weekday::thursday, 11),
      fixed("Christmas Day", 12, 25, 0, k_to_monday),
  };
}

const Calendar& federal() {
  static const Calendar cal("us_federal", us_federal());
  return cal;
}

const Calendar& california() {
  static const Calendar cal("ca_state", ca_state());
  return cal;
}

std::vector<std::string> observed_in(const Calendar& cal, int year) {
  std::vector<std::string> out;
  for (const Calendar::Observed& o : cal.holidays_in(year)) out.push_back(fmt(o.day));
  return out;
}

// ---------------------------------------------------------------- holiday_date

DateRule fixed_rule(int month, int day) {
  DateRule r;
  r.kind = DateRule::Kind::fixed;
  r.month = month;
  r.day = day;
  return r;
}

DateRule weekday_rule(int n, Weekday weekday, int month, int offset_days = 0) {
  DateRule r;
  r.kind = DateRule::Kind::nth_weekday;
  r.nth = n;
  r.weekday = weekday;
  r.month = month;
  r.offset_days = offset_days;
  return r;
}

TEST(HolidayDate, FixedDates) {
  EXPECT_EQ(holiday_date(fixed_rule(7, 4), 2026), D(2026, 7, 4));
  EXPECT_EQ(holiday_date(fixed_rule(12, 31), 2199), D(2199, 12, 31));
  // February 29 only in leap years.
  EXPECT_EQ(holiday_date(fixed_rule(2, 29), 2024), D(2024, 2, 29));
  EXPECT_EQ(holiday_date(fixed_rule(2, 29), 2023), std::nullopt);
  EXPECT_EQ(holiday_date(fixed_rule(2, 29), 1900), std::nullopt);
  EXPECT_EQ(holiday_date(fixed_rule(2, 29), 2000), D(2000, 2, 29));
  EXPECT_EQ(holiday_date(fixed_rule(4, 31), 2026), std::nullopt);
  EXPECT_EQ(holiday_date(fixed_rule(13, 1), 2026), std::nullopt);
  EXPECT_EQ(holiday_date(fixed_rule(0, 1), 2026), std::nullopt);
}

TEST(HolidayDate, NthAndLastWeekday) {
  // Court-published federal dates: MLK Day 2026 January 19, Labor Day 2026 September 7,
  // Columbus Day 2026 October 12, Thanksgiving 2026 November 26, Memorial Day 2026 May 25,
  // Memorial Day 2027 May 31 (a month whose last day is the Monday).
  EXPECT_EQ(holiday_date(weekday_rule(3, Weekday::monday, 1), 2026), D(2026, 1, 19));
  EXPECT_EQ(holiday_date(weekday_rule(1, Weekday::monday, 9), 2026), D(2026, 9, 7));
  EXPECT_EQ(holiday_date(weekday_rule(2, Weekday::monday, 10), 2026), D(2026, 10, 12));
  EXPECT_EQ(holiday_date(weekday_rule(4, Weekday::thursday, 11), 2026), D(2026, 11, 26));
  EXPECT_EQ(holiday_date(weekday_rule(-1, Weekday::monday, 5), 2026), D(2026, 5, 25));
  EXPECT_EQ(holiday_date(weekday_rule(-1, Weekday::monday, 5), 2027), D(2027, 5, 31));
  // A month starting on the weekday asked for: September 1, 2025 was a Monday (Labor Day).
  EXPECT_EQ(holiday_date(weekday_rule(1, Weekday::monday, 9), 2025), D(2025, 9, 1));
  // Fourth Friday of September (Native American Day): 2027-09-24.
  EXPECT_EQ(holiday_date(weekday_rule(4, Weekday::friday, 9), 2027), D(2027, 9, 24));
  // May 2026 begins on a Friday: five Fridays (the 29th is the fifth), four Mondays.
  EXPECT_EQ(holiday_date(weekday_rule(5, Weekday::friday, 5), 2026), D(2026, 5, 29));
  EXPECT_EQ(holiday_date(weekday_rule(5, Weekday::monday, 5), 2026), std::nullopt);
  // February 2026 has exactly four of each weekday.
  EXPECT_EQ(holiday_date(weekday_rule(5, Weekday::sunday, 2), 2026), std::nullopt);
  EXPECT_EQ(holiday_date(weekday_rule(-1, Weekday::saturday, 2), 2026), D(2026, 2, 28));
  // Malformed ordinals.
  EXPECT_EQ(holiday_date(weekday_rule(0, Weekday::monday, 1), 2026), std::nullopt);
  EXPECT_EQ(holiday_date(weekday_rule(6, Weekday::monday, 1), 2026), std::nullopt);
  EXPECT_EQ(holiday_date(weekday_rule(-2, Weekday::monday, 1), 2026), std::nullopt);
}

TEST(HolidayDate, OffsetDays) {
  // The day after Thanksgiving 2026 (fourth Thursday of November + 1 day).
  EXPECT_EQ(holiday_date(weekday_rule(4, Weekday::thursday, 11, 1), 2026), D(2026, 11, 27));
  DateRule r = fixed_rule(12, 31);
  r.offset_days = 1;
  EXPECT_EQ(holiday_date(r, 2026), D(2027, 1, 1));
}

TEST(ObservedDate, ShiftsAndYearBounds) {
  const Holiday juneteenth =
      fixed("Juneteenth National Independence Day", 6, 19, k_to_friday, k_to_monday, 2021);
  EXPECT_EQ(observed_date(juneteenth, 2020), std::nullopt);    // before `from`
  EXPECT_EQ(observed_date(juneteenth, 2021), D(2021, 6, 18));  // Saturday -> Friday
  EXPECT_EQ(observed_date(juneteenth, 2022), D(2022, 6, 20));  // Sunday -> Monday
  EXPECT_EQ(observed_date(juneteenth, 2024), D(2024, 6, 19));  // Wednesday
  const Holiday bounded = fixed("X", 3, 3, 0, 0, 2000, 2002);
  EXPECT_EQ(observed_date(bounded, 1999), std::nullopt);
  EXPECT_EQ(observed_date(bounded, 2000), D(2000, 3, 3));  // `from` is inclusive
  EXPECT_EQ(observed_date(bounded, 2002), D(2002, 3, 3));  // `until` is inclusive
  EXPECT_EQ(observed_date(bounded, 2003), std::nullopt);
  // Not moved: Independence Day 2026 (a Saturday) under California's §6701.
  EXPECT_EQ(observed_date(fixed("Independence Day", 7, 4, 0, k_to_monday), 2026), D(2026, 7, 4));
}

// ---------------------------------------------------------------- us_federal

TEST(FederalCalendar, ObservedHolidays2020To2027) {
  EXPECT_EQ(observed_in(federal(), 2020),
            (std::vector<std::string>{"2020-01-01", "2020-01-20", "2020-02-17", "2020-05-25",
                                      "2020-07-03", "2020-09-07", "2020-10-12", "2020-11-11",
                                      "2020-11-26", "2020-12-25"}));
  // 2021 also holds New Year's Day 2022 (a Saturday), observed Friday December 31, 2021.
  EXPECT_EQ(observed_in(federal(), 2021),
            (std::vector<std::string>{"2021-01-01", "2021-01-18", "2021-02-15", "2021-05-31",
                                      "2021-06-18", "2021-07-05", "2021-09-06", "2021-10-11",
                                      "2021-11-11", "2021-11-25", "2021-12-24", "2021-12-31"}));
  EXPECT_EQ(observed_in(federal(), 2022),
            (std::vector<std::string>{"2022-01-17", "2022-02-21", "2022-05-30", "2022-06-20",
                                      "2022-07-04", "2022-09-05", "2022-10-10", "2022-11-11",
                                      "2022-11-24", "2022-12-26"}));
  EXPECT_EQ(observed_in(federal(), 2023),
            (std::vector<std::string>{"2023-01-02", "2023-01-16", "2023-02-20", "2023-05-29",
                                      "2023-06-19", "2023-07-04", "2023-09-04", "2023-10-09",
                                      "2023-11-10", "2023-11-23", "2023-12-25"}));
  EXPECT_EQ(observed_in(federal(), 2024),
            (std::vector<std::string>{"2024-01-01", "2024-01-15", "2024-02-19", "2024-05-27",
                                      "2024-06-19", "2024-07-04", "2024-09-02", "2024-10-14",
                                      "2024-11-11", "2024-11-28", "2024-12-25"}));
  EXPECT_EQ(observed_in(federal(), 2025),
            (std::vector<std::string>{"2025-01-01", "2025-01-20", "2025-02-17", "2025-05-26",
                                      "2025-06-19", "2025-07-04", "2025-09-01", "2025-10-13",
                                      "2025-11-11", "2025-11-27", "2025-12-25"}));
  EXPECT_EQ(observed_in(federal(), 2026),
            (std::vector<std::string>{"2026-01-01", "2026-01-19", "2026-02-16", "2026-05-25",
                                      "2026-06-19", "2026-07-03", "2026-09-07", "2026-10-12",
                                      "2026-11-11", "2026-11-26", "2026-12-25"}));
  EXPECT_EQ(observed_in(federal(), 2027),
            (std::vector<std::string>{"2027-01-01", "2027-01-18", "2027-02-15", "2027-05-31",
                                      "2027-06-18", "2027-07-05", "2027-09-06", "2027-10-11",
                                      "2027-11-11", "2027-11-25", "2027-12-24", "2027-12-31"}));
}

TEST(FederalCalendar, NamesAndActualDates) {
  const std::vector<Calendar::Observed> y2021 = federal().holidays_in(2021);
  ASSERT_EQ(y2021.size(), 12U);
  EXPECT_EQ(y2021.back().name, "New Year's Day");
  EXPECT_EQ(fmt(y2021.back().day), "2021-12-31");
  EXPECT_EQ(fmt(y2021.back().actual), "2022-01-01");
  EXPECT_EQ(y2021[4].name, "Juneteenth National Independence Day");
  EXPECT_EQ(fmt(y2021[4].actual), "2021-06-19");
  EXPECT_EQ(y2021[10].name, "Christmas Day");
  EXPECT_EQ(fmt(y2021[10].actual), "2021-12-25");
  const std::vector<Calendar::Observed> y2026 = federal().holidays_in(2026);
  ASSERT_EQ(y2026.size(), 11U);
  EXPECT_EQ(y2026[5].name, "Independence Day");
  EXPECT_EQ(fmt(y2026[5].day), "2026-07-03");
  EXPECT_EQ(fmt(y2026[5].actual), "2026-07-04");
  EXPECT_EQ(y2026[9].name, "Thanksgiving Day");
  EXPECT_EQ(fmt(y2026[9].day), fmt(y2026[9].actual));
}

TEST(FederalCalendar, ObservedDayInThePreviousYear) {
  EXPECT_TRUE(federal().is_holiday(D(2021, 12, 31)));
  EXPECT_FALSE(federal().is_business_day(D(2021, 12, 31)));
  EXPECT_TRUE(federal().is_holiday(D(2027, 12, 31)));
  // The actual day is a Saturday; only the observed day is marked.
  EXPECT_FALSE(federal().is_holiday(D(2022, 1, 1)));
  EXPECT_FALSE(federal().is_business_day(D(2022, 1, 1)));
}

TEST(FederalCalendar, HistoricalRules) {
  // Veterans Day fell on the fourth Monday of October from 1971 to 1977: October 27, 1975.
  EXPECT_TRUE(federal().is_holiday(D(1975, 10, 27)));
  EXPECT_FALSE(federal().is_holiday(D(1975, 11, 11)));  // a Tuesday
  EXPECT_TRUE(federal().is_holiday(D(1979, 11, 12)));   // November 11, 1979 was a Sunday
  // No Juneteenth before 2021, no Martin Luther King Day before 1986 (January 20, 1986 was the
  // first).
  EXPECT_FALSE(federal().is_holiday(D(2020, 6, 19)));
  EXPECT_FALSE(federal().is_holiday(D(1985, 1, 21)));
  EXPECT_TRUE(federal().is_holiday(D(1986, 1, 20)));
  // The first day of the table: January 1, 1900 was a Monday.
  EXPECT_TRUE(federal().is_holiday(D(1900, 1, 1)));
}

TEST(FederalCalendar, BusinessDays) {
  const Calendar& cal = federal();
  EXPECT_TRUE(cal.is_business_day(D(2026, 11, 25)));   // Wednesday
  EXPECT_FALSE(cal.is_business_day(D(2026, 11, 26)));  // Thanksgiving
  EXPECT_TRUE(cal.is_business_day(D(2026, 11, 27)));   // not a federal holiday
  EXPECT_FALSE(cal.is_business_day(D(2026, 11, 28)));  // Saturday
  EXPECT_FALSE(cal.is_business_day(D(2026, 11, 29)));  // Sunday
  EXPECT_FALSE(cal.is_business_day(D(2026, 7, 3)));    // Independence Day observed
}

TEST(FederalCalendar, AddBusinessDaysAcrossThanksgiving) {
  const Calendar& cal = federal();
  // Received Friday 2026-11-20: Mon 23, Tue 24, Wed 25, [Thu 26 Thanksgiving], Fri 27, Mon 30.
  EXPECT_EQ(fmt(cal.add_business_days(D(2026, 11, 20), 1)), "2026-11-23");
  EXPECT_EQ(fmt(cal.add_business_days(D(2026, 11, 20), 3)), "2026-11-25");
  EXPECT_EQ(fmt(cal.add_business_days(D(2026, 11, 20), 4)), "2026-11-27");
  EXPECT_EQ(fmt(cal.add_business_days(D(2026, 11, 20), 5)), "2026-11-30");
  EXPECT_EQ(fmt(cal.add_business_days(D(2026, 11, 20), 14)), "2026-12-11");
}

TEST(FederalCalendar, AddBusinessDaysFromAHolidayOrWeekend) {
  const Calendar& cal = federal();
  // The day of receipt is not counted whatever it is.
  EXPECT_EQ(fmt(cal.add_business_days(D(2026, 11, 26), 1)), "2026-11-27");  // Thanksgiving
  EXPECT_EQ(fmt(cal.add_business_days(D(2026, 11, 26), 2)), "2026-11-30");
  EXPECT_EQ(fmt(cal.add_business_days(D(2026, 11, 21), 1)), "2026-11-23");  // Saturday
  EXPECT_EQ(fmt(cal.add_business_days(D(2026, 11, 22), 1)), "2026-11-23");  // Sunday
  EXPECT_EQ(fmt(cal.add_business_days(D(2026, 11, 22), 5)), "2026-11-30");
  // Thursday 2026-07-02: Friday the 3rd is Independence Day observed.
  EXPECT_EQ(fmt(cal.add_business_days(D(2026, 7, 2), 1)), "2026-07-06");
  // Juneteenth 2022 (Sunday) observed Monday June 20.
  EXPECT_EQ(fmt(cal.add_business_days(D(2022, 6, 17), 1)), "2022-06-21");
}

TEST(FederalCalendar, AddZeroBusinessDays) {
  const Calendar& cal = federal();
  EXPECT_EQ(fmt(cal.add_business_days(D(2026, 11, 20), 0)), "2026-11-20");
  EXPECT_EQ(fmt(cal.add_business_days(D(2026, 11, 26), 0)), "2026-11-26");  // a holiday
  EXPECT_EQ(fmt(cal.add_business_days(D(2026, 11, 21), 0)), "2026-11-21");  // a Saturday
}

TEST(FederalCalendar, SubtractBusinessDays) {
  const Calendar& cal = federal();
  EXPECT_EQ(fmt(cal.add_business_days(D(2026, 11, 30), -1)), "2026-11-27");
  EXPECT_EQ(fmt(cal.add_business_days(D(2026, 11, 30), -2)), "2026-11-25");
  EXPECT_EQ(fmt(cal.add_business_days(D(2026, 11, 30), -5)), "2026-11-20");
  EXPECT_EQ(fmt(cal.add_business_days(D(2026, 11, 26), -1)), "2026-11-25");  // from a holiday
  EXPECT_EQ(fmt(cal.add_business_days(D(2026, 11, 29), -1)), "2026-11-27");  // from a Sunday
  EXPECT_EQ(fmt(cal.add_business_days(D(2022, 1, 3), -1)), "2021-12-30");
}

TEST(FederalCalendar, AddBusinessDaysAcrossNewYearObservedOnDecember31) {
  const Calendar& cal = federal();
  // Received Thursday 2021-12-23: [Fri 24 Christmas observed], Mon 27, Tue 28, Wed 29, Thu 30,
  // [Fri 31 New Year's Day 2022 observed], Mon 2022-01-03, Tue 04.
  EXPECT_EQ(fmt(cal.add_business_days(D(2021, 12, 23), 1)), "2021-12-27");
  EXPECT_EQ(fmt(cal.add_business_days(D(2021, 12, 23), 4)), "2021-12-30");
  EXPECT_EQ(fmt(cal.add_business_days(D(2021, 12, 23), 5)), "2022-01-03");
  EXPECT_EQ(fmt(cal.add_business_days(D(2021, 12, 23), 6)), "2022-01-04");
  // 2027: Christmas observed Friday December 24 and New Year's Day 2028 Friday December 31.
  EXPECT_EQ(fmt(cal.add_business_days(D(2027, 12, 23), 1)), "2027-12-27");
  EXPECT_EQ(fmt(cal.add_business_days(D(2027, 12, 23), 5)), "2028-01-03");
  EXPECT_EQ(fmt(cal.add_business_days(D(2028, 1, 3), -5)), "2027-12-23");
}

// ---------------------------------------------------------------- ca_state

TEST(CaliforniaCalendar, ObservedHolidays2020To2027) {
  EXPECT_EQ(observed_in(california(), 2020),
            (std::vector<std::string>{"2020-01-01", "2020-01-20", "2020-02-12", "2020-02-17",
                                      "2020-03-31", "2020-05-25", "2020-07-04", "2020-09-07",
                                      "2020-09-09", "2020-09-25", "2020-10-12", "2020-11-11",
                                      "2020-11-26", "2020-12-25"}));
  // Christmas 2021 and New Year's Day 2022 fell on Saturdays and are not moved (§6701 moves
  // only Sunday holidays, and November 11 from a Saturday).
  EXPECT_EQ(observed_in(california(), 2021),
            (std::vector<std::string>{"2021-01-01", "2021-01-18", "2021-02-12", "2021-02-15",
                                      "2021-03-31", "2021-05-31", "2021-07-05", "2021-09-06",
                                      "2021-09-09", "2021-09-24", "2021-10-11", "2021-11-11",
                                      "2021-11-25", "2021-12-25"}));
  EXPECT_EQ(observed_in(california(), 2022),
            (std::vector<std::string>{"2022-01-01", "2022-01-17", "2022-02-12", "2022-02-21",
                                      "2022-03-31", "2022-05-30", "2022-07-04", "2022-09-05",
                                      "2022-09-09", "2022-09-23", "2022-10-10", "2022-11-11",
                                      "2022-11-24", "2022-12-26"}));
  // From 2023, Genocide Remembrance Day, Juneteenth and Lunar New Year (listed dates; on a
  // weekend it stays there: 2023, 2024 and 2027), from 2026 Diwali (listed; none for 2027).
  EXPECT_EQ(observed_in(california(), 2023),
            (std::vector<std::string>{
                "2023-01-02", "2023-01-16", "2023-01-22", "2023-02-13", "2023-02-20", "2023-03-31",
                "2023-04-24", "2023-05-29", "2023-06-19", "2023-07-04", "2023-09-04", "2023-09-09",
                "2023-09-22", "2023-10-09", "2023-11-10", "2023-11-23", "2023-12-25"}));
  EXPECT_EQ(observed_in(california(), 2024),
            (std::vector<std::string>{
                "2024-01-01", "2024-01-15", "2024-02-10", "2024-02-12", "2024-02-19", "2024-04-01",
                "2024-04-24", "2024-05-27", "2024-06-19", "2024-07-04", "2024-09-02", "2024-09-09",
                "2024-09-27", "2024-10-14", "2024-11-11", "2024-11-28", "2024-12-25"}));
  EXPECT_EQ(observed_in(california(), 2025),
            (std::vector<std::string>{
                "2025-01-01", "2025-01-20", "2025-01-29", "2025-02-12", "2025-02-17", "2025-03-31",
                "2025-04-24", "2025-05-26", "2025-06-19", "2025-07-04", "2025-09-01", "2025-09-09",
                "2025-09-26", "2025-10-13", "2025-11-11", "2025-11-27", "2025-12-25"}));
  EXPECT_EQ(
      observed_in(california(), 2026),
      (std::vector<std::string>{
          "2026-01-01", "2026-01-19", "2026-02-12", "2026-02-16", "2026-02-17", "2026-03-31",
          "2026-04-24", "2026-05-25", "2026-06-19", "2026-07-04", "2026-09-07", "2026-09-09",
          "2026-09-25", "2026-10-12", "2026-11-08", "2026-11-11", "2026-11-26", "2026-12-25"}));
  EXPECT_EQ(observed_in(california(), 2027),
            (std::vector<std::string>{
                "2027-01-01", "2027-01-18", "2027-02-06", "2027-02-12", "2027-02-15", "2027-03-31",
                "2027-04-24", "2027-05-31", "2027-06-19", "2027-07-05", "2027-09-06", "2027-09-09",
                "2027-09-24", "2027-10-11", "2027-11-11", "2027-11-25", "2027-12-25"}));
}

TEST(CaliforniaCalendar, DiffersFromFederalOnSaturdays) {
  const Calendar& ca = california();
  // Saturday holidays stay on Saturday in California, so the Friday before is a business day.
  EXPECT_TRUE(ca.is_business_day(D(2021, 12, 24)));
  EXPECT_TRUE(ca.is_business_day(D(2021, 12, 31)));
  EXPECT_TRUE(ca.is_business_day(D(2026, 7, 3)));
  EXPECT_FALSE(federal().is_business_day(D(2026, 7, 3)));
  // …except Veterans Day: November 11, 2023 was a Saturday, observed Friday November 10.
  EXPECT_FALSE(ca.is_business_day(D(2023, 11, 10)));
  // California-only holidays.
  EXPECT_FALSE(ca.is_business_day(D(2024, 4, 1)));   // Cesar Chavez Day observed
  EXPECT_FALSE(ca.is_business_day(D(2026, 9, 25)));  // Native American Day
  EXPECT_FALSE(ca.is_business_day(D(2026, 2, 12)));  // Lincoln Day
  EXPECT_FALSE(ca.is_business_day(D(2023, 2, 13)));  // Lincoln Day (a Sunday) observed
  EXPECT_TRUE(federal().is_business_day(D(2026, 9, 25)));
  // Juneteenth is not moved from a weekend in California (§6701 does not name it).
  EXPECT_TRUE(ca.is_business_day(D(2027, 6, 18)));
  EXPECT_FALSE(federal().is_business_day(D(2027, 6, 18)));
  // Added in 2015 and 2023: not holidays before.
  EXPECT_TRUE(ca.is_business_day(D(2014, 9, 26)));   // fourth Friday of September 2014
  EXPECT_TRUE(ca.is_business_day(D(2022, 6, 20)));   // Monday after Juneteenth 2022
  EXPECT_TRUE(ca.is_business_day(D(2022, 4, 25)));   // Monday after April 24, 2022
  EXPECT_FALSE(ca.is_business_day(D(2023, 4, 24)));  // Genocide Remembrance Day 2023
  // The day after Thanksgiving is not a holiday under §6700.
  EXPECT_TRUE(ca.is_business_day(D(2026, 11, 27)));
}

TEST(CaliforniaCalendar, AddBusinessDays) {
  const Calendar& ca = california();
  // Same as federal across Thanksgiving 2026.
  EXPECT_EQ(fmt(ca.add_business_days(D(2026, 11, 20), 5)), "2026-11-30");
  // Across the 2021 year end: Fri 24, Mon 27, Tue 28, Wed 29, Thu 30, Fri 31, Mon 2022-01-03.
  EXPECT_EQ(fmt(ca.add_business_days(D(2021, 12, 23), 1)), "2021-12-24");
  EXPECT_EQ(fmt(ca.add_business_days(D(2021, 12, 23), 5)), "2021-12-30");
  EXPECT_EQ(fmt(ca.add_business_days(D(2021, 12, 23), 6)), "2021-12-31");
  EXPECT_EQ(fmt(ca.add_business_days(D(2021, 12, 23), 7)), "2022-01-03");
  // Thursday 2026-07-02 + 1: Friday July 3 (Independence Day is on the Saturday).
  EXPECT_EQ(fmt(ca.add_business_days(D(2026, 7, 2), 1)), "2026-07-03");
  // Late September 2026: Admission Day Wed 9, Native American Day Fri 25.
  EXPECT_EQ(fmt(ca.add_business_days(D(2026, 9, 8), 1)), "2026-09-10");
  EXPECT_EQ(fmt(ca.add_business_days(D(2026, 9, 24), 1)), "2026-09-28");
  EXPECT_EQ(fmt(ca.add_business_days(D(2026, 9, 28), -1)), "2026-09-24");
}

TEST(CaliforniaCalendar, LunarNewYearOnAWeekdayCostsABusinessDay) {
  std::vector<Holiday> without = ca_state();
  std::erase_if(without, [](const Holiday& h) { return h.listed(); });
  const Calendar before("ca_state", without);
  // Wednesday 2028-01-26: Monday 24 + 5 business days was Monday 31, is now Tuesday Feb 1.
  EXPECT_EQ(fmt(before.add_business_days(D(2028, 1, 24), 5)), "2028-01-31");
  EXPECT_EQ(fmt(california().add_business_days(D(2028, 1, 24), 5)), "2028-02-01");
  // Tuesday 2026-02-17, the day after Presidents' Day: Friday 13 + 3 was Thursday 19, is Friday 20.
  EXPECT_EQ(fmt(before.add_business_days(D(2026, 2, 13), 3)), "2026-02-19");
  EXPECT_EQ(fmt(california().add_business_days(D(2026, 2, 13), 3)), "2026-02-20");
  // Lunar New Year 2027 is Saturday February 6 and §6701 does not move it: no day is lost.
  EXPECT_EQ(fmt(before.add_business_days(D(2027, 2, 3), 5)), "2027-02-10");
  EXPECT_EQ(fmt(california().add_business_days(D(2027, 2, 3), 5)), "2027-02-10");
  EXPECT_TRUE(california().is_business_day(D(2027, 2, 5)));
  EXPECT_TRUE(california().is_business_day(D(2027, 2, 8)));
  // Diwali 2029 is Monday November 5.
  EXPECT_EQ(fmt(california().add_business_days(D(2029, 11, 2), 1)), "2029-11-06");
}

// ---------------------------------------------------------------- listed holidays

TEST(ListedHoliday, KnowsTheYearsItListsAndThoseBeforeItsFirst) {
  const Holiday h = lunar_new_year();
  EXPECT_TRUE(h.knows_year(2027));
  EXPECT_TRUE(h.knows_year(2022));  // before `from 2023`: it does not exist
  EXPECT_TRUE(h.knows_year(1900));
  EXPECT_FALSE(h.knows_year(2036));
  Holiday bounded = h;
  bounded.until_year = 2035;
  EXPECT_TRUE(bounded.knows_year(2036));  // after `until`: it does not exist either
  Holiday rule = fixed("New Year's Day", 1, 1);
  EXPECT_TRUE(rule.knows_year(2036));
}

TEST(ListedHoliday, ObservedOnItsDateAndShiftedLikeAnyHoliday) {
  Holiday h = listed("Moon", {{2027, 2, 6}, {2028, 1, 26}}, {});
  EXPECT_EQ(actual_date(h, 2027), D(2027, 2, 6));
  EXPECT_EQ(observed_date(h, 2027), D(2027, 2, 6));
  EXPECT_EQ(observed_date(h, 2029), std::nullopt);
  h.observed.saturday_shift = k_to_friday;
  EXPECT_EQ(observed_date(h, 2027), D(2027, 2, 5));  // a Saturday, observed on the Friday
  const Calendar cal("c", {h});
  EXPECT_FALSE(cal.is_business_day(D(2027, 2, 5)));
  EXPECT_FALSE(cal.is_business_day(D(2028, 1, 26)));
}

TEST(ListedHoliday, UnknownOnlyWhereAnUnlistedYearCanPutIt) {
  const Calendar& ca = california();
  // 2036: Lunar New Year is unknown from January 20 to February 21.
  EXPECT_FALSE(ca.first_unknown(D(2036, 3, 2), D(2036, 3, 9)).has_value());
  EXPECT_FALSE(ca.first_unknown(D(2036, 1, 10), D(2036, 1, 19)).has_value());
  std::optional<Calendar::Unknown> u = ca.first_unknown(D(2036, 1, 15), D(2036, 1, 20));
  ASSERT_TRUE(u.has_value());
  EXPECT_EQ(u->holiday->name, "Lunar New Year");
  EXPECT_EQ(u->year, 2036);
  EXPECT_TRUE(ca.first_unknown(D(2036, 2, 21), D(2036, 2, 25)).has_value());
  EXPECT_FALSE(ca.first_unknown(D(2036, 2, 22), D(2036, 2, 25)).has_value());
  // 2027: Diwali is not listed, so October 10 to November 25 is unknown; March is not.
  EXPECT_FALSE(ca.first_unknown(D(2027, 3, 30), D(2027, 4, 6)).has_value());
  u = ca.first_unknown(D(2027, 10, 25), D(2027, 11, 1));
  ASSERT_TRUE(u.has_value());
  EXPECT_EQ(u->holiday->name, "Diwali");
  EXPECT_EQ(u->year, 2027);
  // Listed years and years before `from` are known; a span over several years finds the first.
  EXPECT_FALSE(ca.first_unknown(D(2020, 1, 1), D(2026, 12, 31)).has_value());
  u = ca.first_unknown(D(2026, 1, 1), D(2040, 12, 31));
  ASSERT_TRUE(u.has_value());
  EXPECT_EQ(u->year, 2027);
  EXPECT_FALSE(federal().first_unknown(D(2036, 1, 1), D(2036, 12, 31)).has_value());
}

TEST(ListedHoliday, AWeekendShiftWidensTheUnknownDaysByTwo) {
  Holiday h = listed("Moon", {{2027, 2, 6}}, {1, 1, 12, 31, {}});
  EXPECT_FALSE(Calendar("c", {h}).first_unknown(D(2027, 12, 29), D(2027, 12, 30)).has_value());
  h.observed.saturday_shift = k_to_friday;
  // 2028's date could be Saturday January 1, observed on Friday 2027-12-31.
  std::optional<Calendar::Unknown> u =
      Calendar("c", {h}).first_unknown(D(2027, 12, 29), D(2027, 12, 30));
  ASSERT_TRUE(u.has_value());
  EXPECT_EQ(u->year, 2028);
}

// The evaluator, with the calendar as written in stdlib/calendars.sop: a count over a day an
// unlisted year could make a holiday has no result, and the fault says why.
TEST(ListedHoliday, CaStateFaultsInAYearItDoesNotKnow) {
  auto p = testing::build(
      "import calendars\n"
      "fact received: date \"r\"\n"
      "output due: date \"d\" = received + 5 business_days using ca_state\n"
      "output back: date \"b\" = received - 5 business_days using ca_state\n",
      std::string(SOP_SOURCE_DIR) + "/stdlib/listed_test.sop");
  ASSERT_TRUE(p);
  testing::Session s(*p);
  // Across Lunar New Year 2028 (Wednesday January 26): one business day later than before.
  EXPECT_EQ(s.with(R"({"received": "2028-01-24"})")["due"], "2028-02-01");
  EXPECT_EQ(s.evaluator().fault(), "");
  EXPECT_EQ(s.with(R"({"received": "2036-03-10"})")["due"], "2036-03-17");
  EXPECT_EQ(s.evaluator().fault(), "");
  s.with(R"({"received": "2036-01-25"})");
  EXPECT_EQ(s["due"], "unknown");
  EXPECT_EQ(s.evaluator().fault(),
            "calendar `ca_state` does not know the date of holiday \"Lunar New Year\" in 2036 in "
            "`received + 5 business_days using ca_state` (" +
                std::string(SOP_SOURCE_DIR) + "/stdlib/listed_test.sop:3:24)");
  // Counting back into Diwali's window of 2027 faults too.
  s.with(R"({"received": "2027-11-03"})");
  EXPECT_NE(s.evaluator().fault().find("holiday \"Diwali\" in 2027"), std::string::npos)
      << s.evaluator().fault();
}

// ---------------------------------------------------------------- edges of the table

TEST(CalendarEdges, BeyondTheTableOnlyWeekendsCount) {
  const Calendar& cal = federal();
  // Documented limitation: no holidays after 2199.
  EXPECT_FALSE(cal.is_holiday(D(2200, 7, 4)));  // a Friday
  EXPECT_TRUE(cal.is_business_day(D(2200, 7, 4)));
  EXPECT_FALSE(cal.is_holiday(D(1899, 12, 25)));
  // Tuesday 2199-12-31 + 3: Wed 2200-01-01, Thu 02, Fri 03.
  EXPECT_EQ(fmt(cal.add_business_days(D(2199, 12, 31), 3)), "2200-01-03");
  EXPECT_EQ(fmt(cal.add_business_days(D(2199, 12, 31), 4)), "2200-01-06");
  // Friday 1899-12-29 + 1 crosses into the table, where Monday 1900-01-01 is New Year's Day.
  EXPECT_EQ(fmt(cal.add_business_days(D(1899, 12, 29), 1)), "1900-01-02");
  EXPECT_EQ(fmt(cal.add_business_days(D(1900, 1, 2), -1)), "1899-12-29");
  // Far outside: Monday 3000-01-06 + 5 weekdays is the next Monday; Friday 1800-01-03 back.
  EXPECT_EQ(fmt(cal.add_business_days(D(3000, 1, 6), 5)), "3000-01-13");
  EXPECT_EQ(fmt(cal.add_business_days(D(3000, 1, 6), -1)), "3000-01-03");
  EXPECT_EQ(fmt(cal.add_business_days(D(1800, 1, 3), 1)), "1800-01-06");
  EXPECT_EQ(fmt(cal.add_business_days(D(1800, 1, 4), -1)), "1800-01-03");
}

TEST(CalendarEdges, AgreesWithADayByDayCount) {
  // The constant-time jumps outside the table must give what stepping one day at a time
  // gives; checked from days around both ends of the table and across it.
  const Calendar& cal = federal();
  auto step = [&](int32_t day, int64_t n) {
    int32_t d = day;
    const int s = n < 0 ? -1 : 1;
    for (int64_t left = n < 0 ? -n : n; left > 0;) {
      d += s;
      if (cal.is_business_day(d)) --left;
    }
    return d;
  };
  for (int32_t start : {D(1899, 11, 1), D(1899, 12, 30), D(1900, 1, 1), D(1950, 6, 15),
                        D(2199, 12, 1), D(2199, 12, 31), D(2200, 1, 1), D(2200, 2, 1)}) {
    for (int64_t n : {1, 2, 3, 4, 5, 6, 7, 10, 23, 64, 365}) {
      EXPECT_EQ(cal.add_business_days(start, n), step(start, n)) << fmt(start) << " +" << n;
      EXPECT_EQ(cal.add_business_days(start, -n), step(start, -n)) << fmt(start) << " -" << n;
    }
  }
  // Across the whole table in both directions (about 75,000 business days).
  const int64_t across = 80000;
  EXPECT_EQ(cal.add_business_days(D(1899, 6, 1), across), step(D(1899, 6, 1), across));
  EXPECT_EQ(cal.add_business_days(D(2200, 6, 1), -across), step(D(2200, 6, 1), -across));
}

TEST(CalendarEdges, HugeCountsTerminateAndClamp) {
  const Calendar& cal = federal();
  const int32_t max = std::numeric_limits<int32_t>::max();
  const int32_t min = std::numeric_limits<int32_t>::min();
  EXPECT_EQ(cal.add_business_days(D(2026, 11, 20), std::numeric_limits<int64_t>::max()), max);
  EXPECT_EQ(cal.add_business_days(D(2026, 11, 20), std::numeric_limits<int64_t>::min()), min);
  EXPECT_EQ(cal.add_business_days(min, 1000000000000), max);
  EXPECT_EQ(cal.add_business_days(max, -1000000000000), min);
  // A billion business days is about 3.8 million years: representable, and computed at once.
  const int32_t far = cal.add_business_days(D(2026, 11, 20), 1000000000);
  EXPECT_GT(far, D(9999, 12, 31));
  EXPECT_LT(civil::weekday(far), 5);
}

}  // namespace
}  // namespace sop

namespace sop {
namespace {

// ---------------------------------------------------------------- the calendars as written

// stdlib/calendars.sop, parsed and checked, must give exactly the observed holidays of the
// C++ mirrors above (whose dates are checked against published lists) in every year.
TEST(CalendarsSop, MatchesTheVerifiedMirrorsInEveryYear) {
  LoadResult r = load_program(std::string(SOP_SOURCE_DIR) + "/stdlib/calendars.sop");
  ASSERT_TRUE(r.ok()) << format_diagnostics(r.diagnostics, r.program->sources);
  const Program& p = *r.program;
  for (const auto& [name, mirror] :
       {std::pair<const char*, const Calendar*>{"us_federal", &federal()},
        std::pair<const char*, const Calendar*>{"ca_state", &california()}}) {
    int32_t index = p.find_calendar(name);
    ASSERT_NE(index, k_none) << name;
    Calendar written(name, p.calendars[index].holidays);
    for (int year = Calendar::k_first_year; year <= Calendar::k_last_year; ++year) {
      ASSERT_EQ(observed_in(written, year), observed_in(*mirror, year)) << name << " " << year;
    }
  }
}

}  // namespace
}  // namespace sop
