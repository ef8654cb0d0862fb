#include "interpreter/calendar.hpp"

#include <algorithm>
#include <limits>
#include <utility>

#include "lang/civil_time.hpp"

namespace sop {

namespace {

constexpr int k_saturday = 5;  // civil::weekday numbering: 0 = Monday … 6 = Sunday
constexpr int k_sunday = 6;

int64_t floor_div(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

// The number of weekdays (Monday to Friday) from some fixed Monday up to and including `day`.
// Only differences matter: weekday_count(b) - weekday_count(a) is the number of weekdays in
// (a, b]. Works on int64 so that arithmetic past the int32 range cannot overflow; this is how
// spans outside the holiday table (where only weekends are non-business days) are crossed in
// constant time instead of day by day.
int64_t weekday_count(int64_t day) {
  // day + 3 is a multiple of 7 on Mondays (1970-01-01, day 0, was a Thursday).
  int64_t m = day + 3;
  int64_t weeks = floor_div(m, 7);
  int64_t in_week = m - weeks * 7;  // 0 = Monday … 6 = Sunday
  return weeks * 5 + std::min<int64_t>(in_week + 1, 5);
}

// The weekday whose weekday_count is `count` (the inverse of weekday_count on weekdays).
int64_t weekday_with_count(int64_t count) {
  int64_t weeks = floor_div(count - 1, 5);
  int64_t in_week = count - weeks * 5 - 1;  // 0 = Monday … 4 = Friday
  return weeks * 7 + in_week - 3;
}

int32_t clamp_day(int64_t day) {
  constexpr int64_t lo = std::numeric_limits<int32_t>::min();
  constexpr int64_t hi = std::numeric_limits<int32_t>::max();
  return static_cast<int32_t>(std::clamp(day, lo, hi));
}

}  // namespace

std::optional<int32_t> holiday_date(const DateRule& rule, int year) {
  if (rule.kind == DateRule::Kind::listed) return std::nullopt;  // dates, not a rule
  if (rule.month < 1 || rule.month > 12) return std::nullopt;
  int32_t date = 0;
  if (rule.kind == DateRule::Kind::fixed) {
    // February 29 exists only in leap years; the holiday then simply does not occur.
    if (!civil::is_valid_date(year, rule.month, rule.day)) return std::nullopt;
    date = civil::days_from_civil(year, rule.month, rule.day);
  } else {
    const int target = static_cast<int>(rule.weekday);  // Weekday is ordered Monday … Sunday
    const int month_days = civil::days_in_month(year, rule.month);
    if (rule.nth == -1) {
      const int32_t last = civil::days_from_civil(year, rule.month, month_days);
      date = last - (civil::weekday(last) - target + 7) % 7;
    } else if (rule.nth >= 1 && rule.nth <= 5) {
      const int32_t first = civil::days_from_civil(year, rule.month, 1);
      const int day_of_month = 1 + (target - civil::weekday(first) + 7) % 7 + 7 * (rule.nth - 1);
      // A fifth weekday exists in only some months.
      if (day_of_month > month_days) return std::nullopt;
      date = first + day_of_month - 1;
    } else {
      return std::nullopt;
    }
  }
  return date + rule.offset_days;
}

std::optional<int32_t> actual_date(const Holiday& holiday, int year) {
  if (!holiday.listed()) return holiday_date(holiday.rule, year);
  for (const ListedDate& d : holiday.dates)
    if (d.year == year) return d.day;
  return std::nullopt;
}

std::optional<int32_t> observed_date(const Holiday& holiday, int year) {
  if (holiday.from_year && year < *holiday.from_year) return std::nullopt;
  if (holiday.until_year && year > *holiday.until_year) return std::nullopt;
  std::optional<int32_t> actual = actual_date(holiday, year);
  if (!actual) return std::nullopt;
  const int wd = civil::weekday(*actual);
  if (wd == k_saturday) return *actual + holiday.observed.saturday_shift;
  if (wd == k_sunday) return *actual + holiday.observed.sunday_shift;
  return actual;
}

Calendar::Calendar(std::string name, const std::vector<Holiday>& holidays)
    : name_(std::move(name)), decls_(holidays) {
  first_day_ = civil::days_from_civil(k_first_year, 1, 1);
  last_day_ = civil::days_from_civil(k_last_year, 12, 31);
  const auto days = static_cast<size_t>(last_day_ - first_day_ + 1);
  holiday_bits_.assign((days + 63) / 64, 0);
  // A holiday of one year can be observed in the next or previous one (New Year's Day on a
  // Saturday is observed on the Friday before, December 31), so the years either side of the
  // table are computed too and kept only where the observed day lands inside it. Only the
  // observed day is marked: a shifted holiday's actual date is a Saturday or Sunday, which is
  // not a business day anyway.
  for (int year = k_first_year - 1; year <= k_last_year + 1; ++year) {
    for (const Holiday& h : decls_) {
      std::optional<int32_t> day = observed_date(h, year);
      if (!day || !in_table(*day)) continue;
      const auto index = static_cast<size_t>(*day - first_day_);
      holiday_bits_[index / 64] |= uint64_t{1} << (index % 64);
    }
  }
  for (size_t i = 0; i < decls_.size(); ++i)
    if (decls_[i].listed()) listed_.push_back(i);
}

namespace {

// The days of `year` in a window, widened by `margin` days each side (a window's last day
// past the month's end, February 29 in a common year, is the month's last day).
std::pair<int64_t, int64_t> window_days(const DateWindow& w, int year, int64_t margin) {
  const int last_day = std::min(w.last_day, civil::days_in_month(year, w.last_month));
  const int first_day = std::min(w.first_day, civil::days_in_month(year, w.first_month));
  return {civil::days_from_civil(year, w.first_month, first_day) - margin,
          civil::days_from_civil(year, w.last_month, last_day) + margin};
}

}  // namespace

std::optional<Calendar::Unknown> Calendar::first_unknown(int32_t first, int32_t last) const {
  std::optional<Unknown> earliest;
  for (size_t i : listed_) {
    const Holiday& h = decls_[i];
    // A weekend shift moves a date by at most two days, so the window is widened by two, and
    // the year just before or after the span can still put its holiday inside it.
    const int64_t margin = (h.observed.saturday_shift != 0 || h.observed.sunday_shift != 0) ? 2 : 0;
    const int y0 = civil::civil_from_days(clamp_day(int64_t{first} - margin)).year;
    const int y1 = civil::civil_from_days(clamp_day(int64_t{last} + margin)).year;
    for (int y = y0; y <= y1 && (!earliest || y < earliest->year); ++y) {
      if (h.knows_year(y)) continue;
      auto [lo, hi] = window_days(h.window, y, margin);
      if (lo <= last && hi >= first) earliest = Unknown{&h, y};
    }
  }
  return earliest;
}

bool Calendar::is_holiday(int32_t day) const {
  if (!in_table(day)) return false;
  const auto index = static_cast<size_t>(day - first_day_);
  return (holiday_bits_[index / 64] >> (index % 64)) & 1U;
}

bool Calendar::is_business_day(int32_t day) const {
  return civil::weekday(day) < k_saturday && !is_holiday(day);
}

int32_t Calendar::add_business_days(int32_t day, int64_t n) const {
  if (n == 0) return day;
  // Counts this large leave the int32 day range whatever the calendar; bounding them keeps the
  // int64 arithmetic below from overflowing (the result is clamped anyway).
  constexpr int64_t k_max_count = int64_t{1} << 40;
  int64_t left = n < 0 ? (n < -k_max_count ? k_max_count : -n) : std::min(n, k_max_count);
  int64_t d = day;
  if (n > 0) {
    // Before the table there are no holidays: skip to its start in one step.
    if (d < first_day_ - 1) {
      const int64_t skipped = weekday_count(first_day_ - 1) - weekday_count(d);
      if (skipped >= left) return clamp_day(weekday_with_count(weekday_count(d) + left));
      left -= skipped;
      d = first_day_ - 1;
    }
    // Inside the table, day by day; each step costs a bit test and at most a handful of
    // consecutive days are non-business days, so this is O(n).
    while (left > 0 && d < last_day_) {
      ++d;
      if (is_business_day(static_cast<int32_t>(d))) --left;
    }
    if (left == 0) return static_cast<int32_t>(d);
    // Past the table: weekends only, in constant time.
    return clamp_day(weekday_with_count(weekday_count(d) + left));
  }
  if (d > last_day_ + 1) {
    const int64_t skipped = weekday_count(d - 1) - weekday_count(last_day_);
    if (skipped >= left) return clamp_day(weekday_with_count(weekday_count(d - 1) - left + 1));
    left -= skipped;
    d = last_day_ + 1;
  }
  while (left > 0 && d > first_day_) {
    --d;
    if (is_business_day(static_cast<int32_t>(d))) --left;
  }
  if (left == 0) return static_cast<int32_t>(d);
  return clamp_day(weekday_with_count(weekday_count(d - 1) - left + 1));
}

std::vector<Calendar::Observed> Calendar::holidays_in(int year) const {
  std::vector<Observed> out;
  for (int y = year - 1; y <= year + 1; ++y) {
    for (const Holiday& h : decls_) {
      std::optional<int32_t> day = observed_date(h, y);
      if (!day || civil::civil_from_days(*day).year != year) continue;
      out.push_back(Observed{*day, h.name, *actual_date(h, y)});
    }
  }
  // Stable, so holidays observed on the same day keep their declaration order.
  std::stable_sort(out.begin(), out.end(),
                   [](const Observed& a, const Observed& b) { return a.day < b.day; });
  return out;
}

}  // namespace sop
