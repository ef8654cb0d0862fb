#pragma once
// A holiday as a calendar declares it: when it falls, how a weekend moves it, and the years it
// exists. The syntax tree holds what the parser read and the checked program holds the same
// data, so both share this one description (it has no expressions to lower).
#include <optional>
#include <string>

#include "lang/source.hpp"

namespace sop {

enum class Weekday { monday, tuesday, wednesday, thursday, friday, saturday, sunday };

// When a holiday falls: a fixed date, or the nth / last weekday of a month; plus an offset.
struct DateRule {
  enum class Kind { fixed, nth_weekday };
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

// holiday "Independence Day" on July 4 observed saturday -> friday, sunday -> monday from 1870
struct Holiday {
  std::string name;
  DateRule rule;
  ObservedRule observed;
  std::optional<int> from_year;
  std::optional<int> until_year;
  Span span;
};

}  // namespace sop
