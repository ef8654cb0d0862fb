// The POSIX TZ rule of a TZif footer (RFC 8536 §3.3, POSIX.1-2017 §8.3), such as
// "PST8PDT,M3.2.0,M11.1.0": the offsets for times past the file's last listed transition.
#include <algorithm>
#include <cctype>

#include "interpreter/time_zone.hpp"
#include "lang/civil_time.hpp"

namespace sop {

namespace {

struct Scan {
  std::string_view s;
  size_t i = 0;
  bool at(char c) const { return i < s.size() && s[i] == c; }
  bool digit() const { return i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])); }
  int number() {
    int n = 0;
    while (digit() && n < 10000) n = n * 10 + (s[i++] - '0');
    return n;
  }
  // A zone abbreviation: letters ("PST"), or anything between < and > ("<+0530>").
  bool name() {
    if (at('<')) {
      size_t e = s.find('>', i);
      if (e == std::string_view::npos) return false;
      i = e + 1;
      return true;
    }
    size_t b = i;
    while (i < s.size() && std::isalpha(static_cast<unsigned char>(s[i]))) ++i;
    return i - b >= 3;
  }
  // [+-]hh[:mm[:ss]] in seconds.
  bool time(int32_t& out) {
    int sign = 1;
    if (at('+') || at('-')) sign = s[i++] == '-' ? -1 : 1;
    if (!digit()) return false;
    int32_t t = number() * 3600;
    for (int32_t unit : {60, 1}) {
      if (!at(':')) break;
      ++i;
      if (!digit()) return false;
      t += number() * unit;
    }
    out = sign * t;
    return true;
  }
};

}  // namespace

bool TimeZone::parse_rule(std::string_view text, Rule& rule) {
  Scan sc{text};
  int32_t west = 0;
  if (!sc.name() || !sc.time(west)) return false;
  rule.std_offset = -west;  // POSIX counts hours west of Greenwich
  if (sc.i == text.size()) return true;
  if (!sc.name()) return false;
  rule.has_dst = true;
  rule.dst_offset = rule.std_offset + 3600;
  if (!sc.at(',')) {
    if (!sc.time(west)) return false;
    rule.dst_offset = -west;
  }
  for (RuleDate* d : {&rule.start, &rule.end}) {
    if (!sc.at(',')) return false;
    ++sc.i;
    if (sc.at('M')) {
      ++sc.i;
      d->kind = 'M';
      d->month = sc.number();
      if (!sc.at('.')) return false;
      ++sc.i;
      d->week = sc.number();
      if (!sc.at('.')) return false;
      ++sc.i;
      d->day = sc.number();
      if (d->month < 1 || d->month > 12 || d->week < 1 || d->week > 5 || d->day > 6) return false;
    } else {
      d->kind = sc.at('J') ? 'J' : 'n';
      if (d->kind == 'J') ++sc.i;
      if (!sc.digit()) return false;
      d->day = sc.number();
      if (d->day > 365) return false;
    }
    if (sc.at('/')) {
      ++sc.i;
      if (!sc.time(d->time)) return false;
    }
  }
  return sc.i == text.size();
}

// The instant at which the rule date `d` of `year` happens, on a clock `offset` east of UTC.
int64_t TimeZone::rule_instant(const RuleDate& d, int year, int32_t offset) {
  int32_t day;
  if (d.kind == 'M') {
    int32_t first = civil::days_from_civil(year, d.month, 1);
    int first_wd = (civil::weekday(first) + 1) % 7;  // POSIX counts from Sunday = 0
    day = first + (d.day - first_wd + 7) % 7 + 7 * (d.week - 1);
    while (day >= first + civil::days_in_month(year, d.month)) day -= 7;  // week 5: the last
  } else {
    day = civil::days_from_civil(year, 1, 1) + d.day;
    if (d.kind == 'J') day += (d.day >= 60 && civil::days_in_month(year, 2) == 29) ? 0 : -1;
  }
  return int64_t{day} * 86400 + d.time - offset;
}

int32_t TimeZone::rule_offset(int64_t utc) const {
  const Rule& r = *rule_;
  if (!r.has_dst) return r.std_offset;
  int64_t local = utc + r.std_offset;
  int64_t days = local >= 0 ? local / 86400 : (local - 86399) / 86400;
  days = std::clamp<int64_t>(days, -(int64_t{1} << 30), int64_t{1} << 30);  // civil's range
  int year = civil::civil_from_days(static_cast<int32_t>(days)).year;
  int64_t start = rule_instant(r.start, year, r.std_offset);
  int64_t end = rule_instant(r.end, year, r.dst_offset);
  bool dst = start < end ? (start <= utc && utc < end) : !(end <= utc && utc < start);
  return dst ? r.dst_offset : r.std_offset;
}

}  // namespace sop
