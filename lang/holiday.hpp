#pragma once
// A holiday as a calendar declares it: when it falls, how a weekend moves it, and the years it
// exists. The syntax tree holds what the parser read and the checked program holds the same
// data, so both share this one description (it has no expressions to lower).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lang/source.hpp"

namespace sop {

enum class Weekday { monday, tuesday, wednesday, thursday, friday, saturday, sunday };

// The years a calendar's holidays are computed for (interpreter/calendar.hpp precomputes them);
// the checker keeps listed dates inside them.
inline constexpr int k_calendar_first_year = 1900;
inline constexpr int k_calendar_last_year = 2199;

// When a holiday falls: a fixed date, or the nth / last weekday of a month; plus an offset.
// `listed`: no rule, the dates are the holiday's list (Holiday::dates).
struct DateRule {
  enum class Kind { fixed, nth_weekday, listed };
  Kind kind = Kind::fixed;
  int month = 1;  // 1..12
  int day = 1;    // fixed
  int nth = 1;    // nth_weekday: 1..5, or -1 for `last`
  Weekday weekday = Weekday::monday;
  int offset_days = 0;  // `+ 1 day` (e.g. the day after Thanksgiving)
};

// `observed saturday -> friday, sunday -> monday`: days to move a holiday that falls on a
// weekend day. 0 = not moved (not observed on another day).
struct ObservedRule {
  int saturday_shift = 0;  // -1: the Friday before; +2: the Monday after
  int sunday_shift = 0;    // +1: the Monday after; -2: the Friday before
};

// `between October 10 and November 25`: the days of a year on which a listed holiday can
// fall, so that a year it does not list is unknown only there. The whole year by default.
struct DateWindow {
  int first_month = 1, first_day = 1;
  int last_month = 12, last_day = 31;
  Span span;
};

// One date of a holiday given `on dates { … }`, with its own source if it has one.
struct ListedDate {
  int32_t day = 0;   // days since 1970-01-01
  int year = 0;      // the day's year (one date per year)
  std::string cite;  // empty: the holiday's citation is its source
  std::string quote;
  Span span;
};

// holiday "Independence Day" on July 4 observed saturday -> friday, sunday -> monday from 1870
// holiday "New Moon Day" on dates { 2026-02-17, 2027-02-06 } between January 20 and
//   February 21 from 2026 cite "…"
//
// A listed holiday knows only the years it lists and those outside from..until: in any other
// year its date is unknown (somewhere in its window), and business-day counts that reach that
// window fault rather than guess (docs/design.md, "Time").
struct Holiday {
  std::string name;
  DateRule rule;
  ObservedRule observed;
  std::optional<int> from_year;
  std::optional<int> until_year;
  std::vector<ListedDate> dates;  // rule.kind == listed: in the order written
  DateWindow window;              // rule.kind == listed: where an unlisted year's date can be
  std::string cite;               // the holiday's own source (optional for rule holidays)
  std::string quote;
  Span span;
  Span cite_span;  // where `cite` is written (empty if it is not)

  bool listed() const { return rule.kind == DateRule::Kind::listed; }
  // Whether the holiday's date in `year` is known: always for a rule; for a list, a listed
  // year or one outside from..until (the holiday does not exist then).
  bool knows_year(int year) const;
};

inline bool Holiday::knows_year(int year) const {
  if (!listed()) return true;
  if ((from_year && year < *from_year) || (until_year && year > *until_year)) return true;
  for (const ListedDate& d : dates)
    if (d.year == year) return true;
  return false;
}

}  // namespace sop
