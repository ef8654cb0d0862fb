#include "lang/civil_time.hpp"

#include <fmt/format.h>

namespace sop::civil {

// Algorithms from Howard Hinnant, "chrono-Compatible Low-Level Date Algorithms".
int32_t days_from_civil(int year, int m, int d) {
  // In 64 bits: era * 146097 overflows int for years near the ends of the int32 day range.
  const int64_t y = int64_t{year} - (m <= 2);
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<int32_t>(era * 146097 + doe - 719468);
}

YMD civil_from_days(int32_t days) {
  // In 64 bits: days + 719468 overflows int32 for days near its maximum (a date business-day
  // arithmetic can clamp to).
  const int64_t z = int64_t{days} + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int y = static_cast<int>(yoe + era * 400);
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {y + (m <= 2), static_cast<int>(m), static_cast<int>(d)};
}

int weekday(int32_t days) {
  // 1970-01-01 was a Thursday (3 when Monday is 0). In 64 bits so that days near the int32
  // maximum do not overflow.
  int w = static_cast<int>((int64_t{days} + 3) % 7);
  return w < 0 ? w + 7 : w;
}

static bool is_leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int days_in_month(int year, int month) {
  static constexpr int k_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && is_leap(year)) return 29;
  return k_days[month - 1];
}

bool is_valid_date(int year, int month, int day) {
  return year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 &&
         day <= days_in_month(year, month);
}

namespace {

// Reads exactly n digits at pos; advances pos.
bool digits(std::string_view s, size_t& pos, int n, int& out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (int i = 0; i < n; ++i) {
    char c = s[pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  out = v;
  pos += n;
  return true;
}

bool expect(std::string_view s, size_t& pos, char c) {
  if (pos < s.size() && s[pos] == c) {
    ++pos;
    return true;
  }
  return false;
}

bool date_part(std::string_view s, size_t& pos, int32_t& days) {
  int y = 0, m = 0, d = 0;
  if (!digits(s, pos, 4, y) || !expect(s, pos, '-') || !digits(s, pos, 2, m) ||
      !expect(s, pos, '-') || !digits(s, pos, 2, d))
    return false;
  if (!is_valid_date(y, m, d)) return false;
  days = days_from_civil(y, m, d);
  return true;
}

}  // namespace

std::optional<int32_t> parse_date(std::string_view text) {
  size_t pos = 0;
  int32_t days;
  if (!date_part(text, pos, days) || pos != text.size()) return std::nullopt;
  return days;
}

std::string format_date(int32_t days) {
  YMD c = civil_from_days(days);
  return fmt::format("{:04}-{:02}-{:02}", c.year, c.month, c.day);
}

std::optional<DateTime> parse_datetime(std::string_view s) {
  size_t pos = 0;
  int32_t days;
  int hh, mm, ss = 0;
  if (!date_part(s, pos, days)) return std::nullopt;
  if (pos >= s.size() || (s[pos] != 'T' && s[pos] != 't')) return std::nullopt;
  ++pos;
  if (!digits(s, pos, 2, hh) || !expect(s, pos, ':') || !digits(s, pos, 2, mm)) return std::nullopt;
  if (expect(s, pos, ':')) {
    if (!digits(s, pos, 2, ss)) return std::nullopt;
    if (expect(s, pos, '.')) {
      size_t start = pos;
      while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
      if (pos == start) return std::nullopt;
    }
  }
  if (hh > 23 || mm > 59 || ss > 60) return std::nullopt;  // 60: a leap second, as RFC 3339 allows
  int offset = 0;
  if (expect(s, pos, 'Z') || expect(s, pos, 'z')) {
    offset = 0;
  } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
    int sign = s[pos] == '-' ? -1 : 1;
    ++pos;
    int oh, om;
    if (!digits(s, pos, 2, oh) || !expect(s, pos, ':') || !digits(s, pos, 2, om))
      return std::nullopt;
    if (oh > 23 || om > 59) return std::nullopt;
    offset = sign * (oh * 60 + om);
  } else {
    return std::nullopt;
  }
  if (pos != s.size()) return std::nullopt;
  if (ss == 60) ss = 59;
  int64_t local = static_cast<int64_t>(days) * 86400 + hh * 3600 + mm * 60 + ss;
  return DateTime{local - static_cast<int64_t>(offset) * 60, offset};
}

std::string format_datetime(const DateTime& t) {
  int64_t local = t.epoch_seconds + static_cast<int64_t>(t.offset_minutes) * 60;
  int64_t day = local >= 0 ? local / 86400 : (local - 86399) / 86400;
  int64_t secs = local - day * 86400;
  std::string date = format_date(static_cast<int32_t>(day));
  std::string time = fmt::format("{:02}:{:02}:{:02}", secs / 3600, (secs / 60) % 60, secs % 60);
  if (t.offset_minutes == 0) return date + "T" + time + "Z";
  int off = t.offset_minutes < 0 ? -t.offset_minutes : t.offset_minutes;
  return fmt::format("{}T{}{}{:02}:{:02}", date, time, t.offset_minutes < 0 ? '-' : '+', off / 60,
                     off % 60);
}

int32_t local_day(const DateTime& t) {
  int64_t local = t.epoch_seconds + static_cast<int64_t>(t.offset_minutes) * 60;
  return static_cast<int32_t>(local >= 0 ? local / 86400 : (local - 86399) / 86400);
}

}  // namespace sop::civil
