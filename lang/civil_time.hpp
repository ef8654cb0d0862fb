#pragma once
// Proleptic Gregorian dates and RFC 3339 date-times, without time zones beyond fixed offsets.
// Days are counted from 1970-01-01 (day 0). Pure functions; no allocation except formatting.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sop::civil {

struct YMD {
  int year;
  int month;  // 1..12
  int day;    // 1..31
};

// Howard Hinnant's days_from_civil / civil_from_days.
int32_t days_from_civil(int year, int month, int day);
YMD civil_from_days(int32_t days);
// 0 = Monday … 6 = Sunday.
int weekday(int32_t days);
int days_in_month(int year, int month);
bool is_valid_date(int year, int month, int day);

// "2024-09-11" → days; nullopt if malformed or not a real date.
std::optional<int32_t> parse_date(std::string_view text);
std::string format_date(int32_t days);

struct DateTime {
  int64_t epoch_seconds = 0;   // the UTC instant
  int32_t offset_minutes = 0;  // the offset it is written with
};
// RFC 3339: "2026-11-20T16:30:00-08:00", "2026-11-20T16:30:00Z", fractional seconds allowed
// (dropped), seconds optional ("…T16:30-08:00"), lowercase t/z accepted; nullopt if malformed.
std::optional<DateTime> parse_datetime(std::string_view text);
// "YYYY-MM-DDTHH:MM:SS±HH:MM"; offset 0 is written "Z".
std::string format_datetime(const DateTime& t);
// The local calendar day of an instant in its own offset.
int32_t local_day(const DateTime& t);

}  // namespace sop::civil
