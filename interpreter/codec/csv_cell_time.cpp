// Dates and date-times as spreadsheets write them (csv_cell.hpp).
#include <optional>

#include <fmt/format.h>

#include "interpreter/codec/csv_cell.hpp"
#include "interpreter/time_zone.hpp"
#include "lang/civil_time.hpp"

namespace sop {

namespace {

// 1 to `max` digits at `pos`.
bool number(std::string_view s, size_t& pos, size_t max, int& out) {
  size_t start = pos;
  out = 0;
  while (pos < s.size() && pos - start < max && s[pos] >= '0' && s[pos] <= '9')
    out = out * 10 + (s[pos++] - '0');
  return pos > start;
}

bool expect(std::string_view s, size_t& pos, char c) {
  if (pos >= s.size() || s[pos] != c) return false;
  ++pos;
  return true;
}

// "2026-07-15" or "7/15/2026" at the start of `s`; `pos` past it; `iso` whether it was ISO.
std::optional<int32_t> date_part(std::string_view s, size_t& pos, bool& iso) {
  iso = s.size() >= 10 && s[4] == '-';
  if (iso) {
    pos = 10;
    return civil::parse_date(s.substr(0, 10));
  }
  int m, d, y;
  pos = 0;
  if (!number(s, pos, 2, m) || !expect(s, pos, '/') || !number(s, pos, 2, d) ||
      !expect(s, pos, '/'))
    return std::nullopt;
  size_t year_at = pos;
  // Four digits: a two-digit year ("7/15/26") is a guess at the century.
  if (!number(s, pos, 4, y) || pos - year_at != 4 || !civil::is_valid_date(y, m, d))
    return std::nullopt;
  return civil::days_from_civil(y, m, d);
}

// "9:05", "09:05:30", "9:05 PM": seconds into the day.
std::optional<int32_t> time_part(std::string_view s, size_t pos) {
  int h, m, sec = 0;
  if (!number(s, pos, 2, h) || !expect(s, pos, ':') || !number(s, pos, 2, m) || m > 59)
    return std::nullopt;
  if (expect(s, pos, ':') && (!number(s, pos, 2, sec) || sec > 59)) return std::nullopt;
  while (pos < s.size() && s[pos] == ' ') ++pos;
  if (pos < s.size()) {
    std::string half(s.substr(pos));
    for (char& c : half) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if ((half != "AM" && half != "PM") || h < 1 || h > 12) return std::nullopt;
    h = h % 12 + (half == "PM" ? 12 : 0);
  }
  if (h > 23) return std::nullopt;
  return h * 3600 + m * 60 + sec;
}

// A date-time without an offset, as seconds on the local clock from 1970-01-01T00:00.
std::optional<int64_t> local_datetime(std::string_view s) {
  size_t pos = 0;
  bool iso = false;
  std::optional<int32_t> day = date_part(s, pos, iso);
  if (!day || pos >= s.size() || !(s[pos] == ' ' || (iso && (s[pos] == 'T' || s[pos] == 't'))))
    return std::nullopt;
  while (pos + 1 < s.size() && s[pos + 1] == ' ') ++pos;
  std::optional<int32_t> secs = time_part(s, pos + 1);
  if (!secs) return std::nullopt;
  return int64_t{*day} * 86400 + *secs;
}

bool fail(CellError& e, std::string expected) {
  e.expected = std::move(expected);
  return false;
}

}  // namespace

bool read_date_cell(std::string_view cell, nlohmann::json& out, CellError& e) {
  size_t pos = 0;
  bool iso = false;
  std::optional<int32_t> day = date_part(cell, pos, iso);
  if (!day || pos != cell.size())
    return fail(e, "a date such as \"2026-11-20\" or \"11/20/2026\" (month first)");
  out = civil::format_date(*day);
  return true;
}

bool read_datetime_cell(std::string_view cell, const TimeZone* zone, nlohmann::json& out,
                        CellError& e) {
  if (civil::parse_datetime(cell)) {
    out = std::string(cell);  // with its own offset, which a time zone does not override
    return true;
  }
  std::optional<int64_t> local = local_datetime(cell);
  if (!local)
    return fail(e,
                "a date-time such as \"2026-11-20T16:30:00-08:00\", or, with a time zone "
                "(--timezone ZONE), \"2026-11-20 16:30\" or \"11/20/2026 4:30 PM\"");
  if (!zone)
    return fail(e,
                "a date-time with an offset, such as \"2026-11-20T16:30:00-08:00\" (one "
                "without, as here, is read only in a time zone: --timezone ZONE)");
  TimeZone::LocalOffset o = zone->offset_at_local(*local);
  if (o.kind == TimeZone::LocalOffset::gap)
    return fail(e, fmt::format("a time that exists in {}: its clocks skip this one, going from "
                               "{} to {} (write the offset)",
                               zone->name(), format_offset(o.before), format_offset(o.after)));
  if (o.kind == TimeZone::LocalOffset::overlap)
    return fail(e, fmt::format("a time that happens once in {}: this one happens at {} and "
                               "again at {} (write the offset)",
                               zone->name(), format_offset(o.before), format_offset(o.after)));
  if (o.offset % 60 != 0)
    return fail(e, fmt::format("a time after {} took a standard offset (before, its clocks kept "
                               "local mean time, not whole minutes from UTC: write the offset)",
                               zone->name()));
  out = civil::format_datetime({*local - o.offset, o.offset / 60});
  return true;
}

}  // namespace sop
