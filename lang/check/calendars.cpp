// Calendars' listed holidays: the dates a holiday is given by (`on dates { … }`) are data the
// evaluator trusts for the years they cover, so each must be a date the calendar can hold,
// within the holiday's own years and window, listed once per year, and sourced.
#include <map>
#include <set>

#include <fmt/format.h>

#include "lang/check/passes.hpp"
#include "lang/civil_time.hpp"

namespace sop::check {

namespace {

void check_listed_date(const Holiday& h, const ListedDate& d, bool check_window,
                       Diagnostics& diags) {
  const std::string date = civil::format_date(d.day);
  if (d.year < k_calendar_first_year || d.year > k_calendar_last_year)
    diags.error("E0224", d.span,
                fmt::format("`{}` is outside the years a calendar covers ({}–{})", date,
                            k_calendar_first_year, k_calendar_last_year));
  if (h.from_year && d.year < *h.from_year)
    diags.error(
        "E0225", d.span,
        fmt::format("`{}` is before the holiday's first year (`from {}`)", date, *h.from_year));
  if (h.until_year && d.year > *h.until_year)
    diags.error(
        "E0225", d.span,
        fmt::format("`{}` is after the holiday's last year (`until {}`)", date, *h.until_year));
  const DateWindow& w = h.window;
  const civil::YMD ymd = civil::civil_from_days(d.day);
  const bool before =
      ymd.month < w.first_month || (ymd.month == w.first_month && ymd.day < w.first_day);
  const bool after =
      ymd.month > w.last_month || (ymd.month == w.last_month && ymd.day > w.last_day);
  if (check_window && (before || after))
    diags.error("E0229", d.span,
                fmt::format("`{}` is outside the holiday's window (`between`)", date),
                "the window says where the holiday can fall in a year it does not list");
  if (d.cite.empty() && h.cite.empty())
    diags.error("E0227", d.span, fmt::format("`{}` has no source", date),
                "give the holiday a `cite \"…\"` after its dates, or this date its own");
}

// A year listed twice: the second listing is the error, and a note points at the first.
void check_years_once(const Holiday& h, Diagnostics& diags) {
  std::map<int, const ListedDate*> first;
  std::set<int> noted;
  for (const ListedDate& d : h.dates) {
    auto [it, fresh] = first.emplace(d.year, &d);
    if (fresh) continue;
    const ListedDate& earlier = *it->second;
    std::string message =
        earlier.day == d.day
            ? fmt::format("`{}` is listed twice for \"{}\"", civil::format_date(d.day), h.name)
            : fmt::format("{} is listed twice for \"{}\": `{}` and `{}`", d.year, h.name,
                          civil::format_date(earlier.day), civil::format_date(d.day));
    diags.error("E0226", d.span, std::move(message),
                fmt::format("a holiday falls once a year; the first is at line {}",
                            earlier.span.begin.line));
    // One note per year, however many times it is listed again.
    if (noted.insert(d.year).second)
      diags.add({"E0226",
                 Severity::note,
                 earlier.span,
                 fmt::format("{} is first listed here", d.year),
                 {},
                 {}});
  }
}

}  // namespace

void check_calendars(const Program& program, Diagnostics& diags) {
  for (const CalendarDef& c : program.calendars) {
    for (const Holiday& h : c.holidays) {
      if (!h.listed()) continue;
      if (h.dates.empty())
        diags.error("E0228", h.span, fmt::format("holiday \"{}\" lists no dates", h.name),
                    "list at least one date; a year not listed is one the calendar does not know");
      const DateWindow& w = h.window;
      const bool backwards = w.last_month < w.first_month ||
                             (w.last_month == w.first_month && w.last_day < w.first_day);
      if (backwards)
        diags.error("E0229", w.span, "a window ends before it starts",
                    "a window runs from a day of the year to a later day of the same year");
      for (const ListedDate& d : h.dates) check_listed_date(h, d, !backwards, diags);
      check_years_once(h, diags);
    }
  }
}

}  // namespace sop::check
