// Dates and RFC 3339 date-times. Expected values are facts about the calendar (known weekdays,
// day numbers as Python's datetime and calendar.timegm give them), never this code's output.
#include "lang/civil_time.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <optional>

namespace sop::civil {
namespace {

constexpr int k_monday = 0;
constexpr int k_tuesday = 1;
constexpr int k_wednesday = 2;
constexpr int k_thursday = 3;
constexpr int k_friday = 4;
constexpr int k_saturday = 5;
constexpr int k_sunday = 6;

TEST(CivilTime, KnownDayNumbers) {
  EXPECT_EQ(days_from_civil(1970, 1, 1), 0);
  EXPECT_EQ(days_from_civil(1969, 12, 31), -1);
  EXPECT_EQ(days_from_civil(2000, 3, 1), 11017);
  EXPECT_EQ(days_from_civil(2026, 11, 20), 20777);
  EXPECT_EQ(days_from_civil(1900, 1, 1), -25567);
  EXPECT_EQ(days_from_civil(1, 1, 1), -719162);
  EXPECT_EQ(days_from_civil(9999, 12, 31), 2932896);
}

TEST(CivilTime, RoundTripAndSuccessionOverAWideRange) {
  // Every day from year -2000 to 12000: the date after each is the next day of the calendar,
  // and each date converts back to its day number.
  const int32_t first = days_from_civil(-2000, 1, 1);
  const int32_t last = days_from_civil(12000, 12, 31);
  YMD prev = civil_from_days(first);
  ASSERT_EQ(prev.year, -2000);
  ASSERT_EQ(prev.month, 1);
  ASSERT_EQ(prev.day, 1);
  for (int32_t d = first + 1; d <= last; ++d) {
    const YMD c = civil_from_days(d);
    ASSERT_EQ(days_from_civil(c.year, c.month, c.day), d);
    if (prev.day < days_in_month(prev.year, prev.month)) {
      ASSERT_EQ(c.year, prev.year);
      ASSERT_EQ(c.month, prev.month);
      ASSERT_EQ(c.day, prev.day + 1);
    } else if (prev.month < 12) {
      ASSERT_EQ(c.year, prev.year);
      ASSERT_EQ(c.month, prev.month + 1);
      ASSERT_EQ(c.day, 1);
    } else {
      ASSERT_EQ(c.year, prev.year + 1);
      ASSERT_EQ(c.month, 1);
      ASSERT_EQ(c.day, 1);
    }
    prev = c;
  }
  const YMD end = civil_from_days(last);
  EXPECT_EQ(end.year, 12000);
  EXPECT_EQ(end.month, 12);
  EXPECT_EQ(end.day, 31);
}

TEST(CivilTime, ExtremeDayNumbersDoNotOverflow) {
  // Business-day arithmetic clamps to the int32 range, so the extremes must convert.
  const YMD hi = civil_from_days(std::numeric_limits<int32_t>::max());
  EXPECT_EQ(days_from_civil(hi.year, hi.month, hi.day), std::numeric_limits<int32_t>::max());
  const YMD lo = civil_from_days(std::numeric_limits<int32_t>::min());
  EXPECT_EQ(days_from_civil(lo.year, lo.month, lo.day), std::numeric_limits<int32_t>::min());
  const int w = weekday(std::numeric_limits<int32_t>::max());
  EXPECT_EQ(weekday(std::numeric_limits<int32_t>::max() - 7), w);
  EXPECT_GE(weekday(std::numeric_limits<int32_t>::min()), 0);
  EXPECT_LE(weekday(std::numeric_limits<int32_t>::min()), 6);
}

TEST(CivilTime, KnownWeekdays) {
  EXPECT_EQ(weekday(days_from_civil(1970, 1, 1)), k_thursday);
  EXPECT_EQ(weekday(days_from_civil(1969, 12, 31)), k_wednesday);
  EXPECT_EQ(weekday(days_from_civil(1900, 1, 1)), k_monday);
  EXPECT_EQ(weekday(days_from_civil(2000, 1, 1)), k_saturday);
  EXPECT_EQ(weekday(days_from_civil(2001, 9, 11)), k_tuesday);
  EXPECT_EQ(weekday(days_from_civil(2024, 9, 11)), k_wednesday);
  EXPECT_EQ(weekday(days_from_civil(2026, 11, 20)), k_friday);
  EXPECT_EQ(weekday(days_from_civil(2022, 1, 1)), k_saturday);
  EXPECT_EQ(weekday(days_from_civil(2023, 1, 1)), k_sunday);
  EXPECT_EQ(weekday(days_from_civil(1776, 7, 4)), k_thursday);
  EXPECT_EQ(weekday(days_from_civil(1600, 1, 1)), k_saturday);
}

TEST(CivilTime, LeapYears) {
  EXPECT_EQ(days_in_month(2000, 2), 29);  // divisible by 400
  EXPECT_EQ(days_in_month(1900, 2), 28);  // divisible by 100 but not 400
  EXPECT_EQ(days_in_month(2024, 2), 29);
  EXPECT_EQ(days_in_month(2023, 2), 28);
  EXPECT_EQ(days_in_month(2100, 2), 28);
  EXPECT_EQ(days_in_month(2024, 4), 30);
  EXPECT_EQ(days_in_month(2024, 12), 31);
  EXPECT_TRUE(is_valid_date(2024, 2, 29));
  EXPECT_FALSE(is_valid_date(2023, 2, 29));
  EXPECT_FALSE(is_valid_date(1900, 2, 29));
  EXPECT_TRUE(is_valid_date(2000, 2, 29));
  EXPECT_FALSE(is_valid_date(2024, 4, 31));
  EXPECT_FALSE(is_valid_date(2024, 13, 1));
  EXPECT_FALSE(is_valid_date(2024, 0, 1));
  EXPECT_FALSE(is_valid_date(2024, 1, 0));
  EXPECT_EQ(days_from_civil(2024, 3, 1) - days_from_civil(2024, 2, 28), 2);
  EXPECT_EQ(days_from_civil(2023, 3, 1) - days_from_civil(2023, 2, 28), 1);
  EXPECT_EQ(days_from_civil(2001, 1, 1) - days_from_civil(2000, 1, 1), 366);
  EXPECT_EQ(days_from_civil(1901, 1, 1) - days_from_civil(1900, 1, 1), 365);
}

TEST(CivilTime, ParseDateValid) {
  EXPECT_EQ(parse_date("2024-09-11"), std::optional<int32_t>(19977));
  EXPECT_EQ(parse_date("1970-01-01"), std::optional<int32_t>(0));
  EXPECT_EQ(parse_date("2024-02-29"), std::optional<int32_t>(days_from_civil(2024, 2, 29)));
  EXPECT_EQ(parse_date("2000-02-29"), std::optional<int32_t>(11016));
  EXPECT_EQ(parse_date("0001-01-01"), std::optional<int32_t>(-719162));
  EXPECT_EQ(parse_date("9999-12-31"), std::optional<int32_t>(2932896));
}

TEST(CivilTime, ParseDateInvalid) {
  EXPECT_EQ(parse_date("2024-02-30"), std::nullopt);
  EXPECT_EQ(parse_date("2023-02-29"), std::nullopt);
  EXPECT_EQ(parse_date("1900-02-29"), std::nullopt);
  EXPECT_EQ(parse_date("2024-04-31"), std::nullopt);
  EXPECT_EQ(parse_date("2024-13-01"), std::nullopt);
  EXPECT_EQ(parse_date("2024-00-10"), std::nullopt);
  EXPECT_EQ(parse_date("2024-01-00"), std::nullopt);
  EXPECT_EQ(parse_date("0000-01-01"), std::nullopt);
  EXPECT_EQ(parse_date(""), std::nullopt);
  EXPECT_EQ(parse_date("2024-9-11"), std::nullopt);
  EXPECT_EQ(parse_date("2024-09-1"), std::nullopt);
  EXPECT_EQ(parse_date("24-09-11"), std::nullopt);
  EXPECT_EQ(parse_date("20240911"), std::nullopt);
  EXPECT_EQ(parse_date("2024/09/11"), std::nullopt);
  EXPECT_EQ(parse_date("2024-09-11 "), std::nullopt);
  EXPECT_EQ(parse_date(" 2024-09-11"), std::nullopt);
  EXPECT_EQ(parse_date("2024-09-11T00:00:00Z"), std::nullopt);
  EXPECT_EQ(parse_date("2024-0a-11"), std::nullopt);
  EXPECT_EQ(parse_date("+2024-09-11"), std::nullopt);
}

TEST(CivilTime, FormatDate) {
  EXPECT_EQ(format_date(0), "1970-01-01");
  EXPECT_EQ(format_date(20777), "2026-11-20");
  EXPECT_EQ(format_date(-719162), "0001-01-01");
  EXPECT_EQ(format_date(2932896), "9999-12-31");
}

// 2026-11-20T16:30:00-08:00 is 2026-11-21T00:30:00Z.
constexpr int64_t k_nov20_1630_pst = 1795221000;

TEST(CivilTime, ParseDatetimeOffsets) {
  auto t = parse_datetime("2026-11-20T16:30:00-08:00");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->epoch_seconds, k_nov20_1630_pst);
  EXPECT_EQ(t->offset_minutes, -480);

  t = parse_datetime("2026-11-21T00:30:00Z");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->epoch_seconds, k_nov20_1630_pst);
  EXPECT_EQ(t->offset_minutes, 0);

  t = parse_datetime("2026-11-21T06:00:00+05:30");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->epoch_seconds, k_nov20_1630_pst);
  EXPECT_EQ(t->offset_minutes, 330);

  t = parse_datetime("2026-11-21T00:30:00+00:00");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->epoch_seconds, k_nov20_1630_pst);
  EXPECT_EQ(t->offset_minutes, 0);
}

TEST(CivilTime, ParseDatetimeLenientForms) {
  // Lowercase separators, fractional seconds (dropped), seconds omitted.
  auto t = parse_datetime("2026-11-21t00:30:00z");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->epoch_seconds, k_nov20_1630_pst);

  t = parse_datetime("2026-11-20T16:30:00.999999-08:00");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->epoch_seconds, k_nov20_1630_pst);
  EXPECT_EQ(t->offset_minutes, -480);

  t = parse_datetime("2026-11-20T16:30:00.5Z");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->epoch_seconds, k_nov20_1630_pst - 8 * 3600);

  t = parse_datetime("2026-11-20T16:30-08:00");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->epoch_seconds, k_nov20_1630_pst);

  t = parse_datetime("1969-12-31T23:59:59Z");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->epoch_seconds, -1);
}

TEST(CivilTime, ParseDatetimeInvalid) {
  EXPECT_EQ(parse_datetime("2026-11-20T16:30:00"), std::nullopt);  // no offset
  EXPECT_EQ(parse_datetime("2026-11-20T16:30"), std::nullopt);
  EXPECT_EQ(parse_datetime("2026-11-20"), std::nullopt);
  EXPECT_EQ(parse_datetime("2026-11-20T24:00:00Z"), std::nullopt);
  EXPECT_EQ(parse_datetime("2026-11-20T24:00Z"), std::nullopt);
  EXPECT_EQ(parse_datetime("2026-11-20T23:60:00Z"), std::nullopt);
  EXPECT_EQ(parse_datetime("2026-11-20T23:59:61Z"), std::nullopt);
  EXPECT_EQ(parse_datetime("2026-11-20T16:30:00-08"), std::nullopt);
  EXPECT_EQ(parse_datetime("2026-11-20T16:30:00-0800"), std::nullopt);
  EXPECT_EQ(parse_datetime("2026-11-20T16:30:00-24:00"), std::nullopt);
  EXPECT_EQ(parse_datetime("2026-11-20T16:30:00.Z"), std::nullopt);
  EXPECT_EQ(parse_datetime("2026-11-20T16:30:00ZZ"), std::nullopt);
  EXPECT_EQ(parse_datetime("2026-11-20T16:30:00Z "), std::nullopt);
  EXPECT_EQ(parse_datetime("2026-11-20X16:30:00Z"), std::nullopt);
  EXPECT_EQ(parse_datetime("2026-11-20T1:30:00Z"), std::nullopt);
  EXPECT_EQ(parse_datetime("2026-02-30T16:30:00Z"), std::nullopt);
  EXPECT_EQ(parse_datetime(""), std::nullopt);
}

TEST(CivilTime, FormatDatetimeRoundTripKeepsTheOffset) {
  for (const char* text :
       {"2026-11-20T16:30:00-08:00", "2026-11-21T00:30:00Z", "2026-11-21T06:00:00+05:30",
        "1969-12-31T23:59:59Z", "1969-12-31T19:00:00-05:00", "2024-02-29T23:59:59+14:00",
        "2000-01-01T00:00:00-09:30"}) {
    auto t = parse_datetime(text);
    ASSERT_TRUE(t.has_value()) << text;
    EXPECT_EQ(format_datetime(*t), text);
  }
  // Seconds default to zero, fractions are dropped, an offset of zero is written Z.
  EXPECT_EQ(format_datetime(*parse_datetime("2026-11-20T16:30-08:00")),
            "2026-11-20T16:30:00-08:00");
  EXPECT_EQ(format_datetime(*parse_datetime("2026-11-20T16:30:00.75-08:00")),
            "2026-11-20T16:30:00-08:00");
  EXPECT_EQ(format_datetime(*parse_datetime("2026-11-21T00:30:00+00:00")), "2026-11-21T00:30:00Z");
  // The same instant in another offset prints in that offset.
  EXPECT_EQ(format_datetime(DateTime{k_nov20_1630_pst, 60}), "2026-11-21T01:30:00+01:00");
  EXPECT_EQ(format_datetime(DateTime{k_nov20_1630_pst + 72 * 3600, -480}),
            "2026-11-23T16:30:00-08:00");
}

TEST(CivilTime, LocalDayAcrossMidnight) {
  // 23:30 in California is already the next day in UTC; the local day is the 20th.
  EXPECT_EQ(local_day(*parse_datetime("2026-11-20T23:30:00-08:00")), 20777);
  EXPECT_EQ(local_day(*parse_datetime("2026-11-21T07:30:00Z")), 20778);
  // 01:00 in Tokyo is still the previous day in UTC; the local day is the 21st.
  EXPECT_EQ(local_day(*parse_datetime("2026-11-21T01:00:00+09:00")), 20778);
  EXPECT_EQ(local_day(*parse_datetime("2026-11-20T16:00:00Z")), 20777);
  // Around the epoch, where the UTC instant is negative or the local time is.
  EXPECT_EQ(local_day(*parse_datetime("1970-01-01T02:00:00+05:00")), 0);
  EXPECT_EQ(local_day(*parse_datetime("1969-12-31T20:00:00-05:00")), -1);
  EXPECT_EQ(local_day(*parse_datetime("1969-12-31T23:59:59Z")), -1);
  EXPECT_EQ(local_day(*parse_datetime("1970-01-01T00:00:00Z")), 0);
}

}  // namespace
}  // namespace sop::civil
