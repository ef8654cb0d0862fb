#pragma once
// A holiday calendar built from its declaration (calendars are data in the language), with the
// observed holidays of a span of years precomputed so that business-day arithmetic on a case
// is a few table look-ups and never allocates.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lang/holiday.hpp"

namespace sop {

class Calendar {
 public:
  // Years whose holidays are precomputed; dates outside are treated as having no holidays
  // beyond weekends (documented limitation), except that a listed holiday's unknown years
  // are unknown there too (first_unknown).
  static constexpr int k_first_year = k_calendar_first_year;
  static constexpr int k_last_year = k_calendar_last_year;

  Calendar(std::string name, const std::vector<Holiday>& holidays);

  const std::string& name() const { return name_; }
  // True if `day` (days since 1970-01-01) is an observed holiday of this calendar.
  bool is_holiday(int32_t day) const;
  // Neither a Saturday, a Sunday nor a holiday.
  bool is_business_day(int32_t day) const;
  // The date of the n-th business day after `day` (the day itself is not counted, whether or
  // not it is a business day). n == 0 gives `day`. n < 0 counts backwards. A result that
  // would fall outside the range of int32_t days is clamped to it.
  int32_t add_business_days(int32_t day, int64_t n) const;

  // A listed holiday whose date the calendar does not know in `year`.
  struct Unknown {
    const Holiday* holiday;
    int year;
  };
  // The earliest year, and its listed holiday, if any, whose unknown date could fall on a day from
  // `first` to `last` (inclusive): a count of business days that walks over those days cannot
  // be trusted. Days within a weekend shift of the span count too (docs/design.md, "Time").
  std::optional<Unknown> first_unknown(int32_t first, int32_t last) const;

  struct Observed {
    int32_t day;       // the observed date
    std::string name;  // the holiday's name
    int32_t actual;    // the date it falls on, before any weekend shift
  };
  // The observed holidays whose observed date falls in `year`, in date order.
  std::vector<Observed> holidays_in(int year) const;

  // The first and last day of the precomputed table (k_first_year-01-01, k_last_year-12-31).
  int32_t first_day() const { return first_day_; }
  int32_t last_day() const { return last_day_; }

 private:
  bool in_table(int64_t day) const { return day >= first_day_ && day <= last_day_; }

  std::string name_;
  std::vector<Holiday> decls_;
  int32_t first_day_ = 0;               // day number of k_first_year-01-01
  int32_t last_day_ = 0;                // day number of k_last_year-12-31
  std::vector<uint64_t> holiday_bits_;  // one bit per day from first_day_
  std::vector<size_t> listed_;          // indices in decls_ of the listed holidays
};

// The date a rule gives in `year` before any observed shift (nullopt: e.g. no fifth Monday,
// February 29 in a common year, or a malformed rule).
std::optional<int32_t> holiday_date(const DateRule& rule, int year);

// The date a holiday falls on in `year` before any observed shift: its rule's date, or its
// listed date for that year (nullopt: none, or not listed).
std::optional<int32_t> actual_date(const Holiday& holiday, int year);

// The day a holiday is observed on in `year` (its date moved by its weekend shift), or nullopt
// if it does not exist that year (outside from_year..until_year, no such date, or not listed).
std::optional<int32_t> observed_date(const Holiday& holiday, int year);

}  // namespace sop
