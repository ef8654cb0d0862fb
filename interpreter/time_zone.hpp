#pragma once
// An IANA time zone, read from the system's compiled TZif files (RFC 8536; Debian's `tzdata`
// puts them in /usr/share/zoneinfo). Immutable once loaded, so one TimeZone serves any number of
// threads; nothing here reads the TZ variable or calls localtime (neither is thread-safe, and
// GCC 12's libstdc++ has no std::chrono::tzdb).
//
// Offsets are in seconds east of UTC (before about 1883 zones keep local mean time, whose offsets
// are not whole minutes: the caller decides what to do with those). Instants and local times are
// seconds from 1970-01-01T00:00, in UTC and on the local wall clock respectively.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sop {

inline constexpr const char* k_zoneinfo_dir = "/usr/share/zoneinfo";

class TimeZone {
 public:
  // Loads the zone `name` ("America/Los_Angeles") from `dir`. On failure returns nothing and sets
  // `error`: an unknown zone names the nearest zone names ("did you mean"), a file that is not
  // TZif says so. A name is a relative path of letters, digits, `_`, `-`, `+` and `/`.
  static std::optional<TimeZone> load(std::string_view name, std::string& error,
                                      const std::string& dir = k_zoneinfo_dir);

  const std::string& name() const { return name_; }

  // The offset in force at the UTC instant `utc`.
  int32_t offset_at_utc(int64_t utc) const;

  // The offset of a local wall-clock time. Around a change of offset a local time can be
  // missing (the clocks skip it: spring forward) or doubled (they pass it twice: fall back);
  // those are reported, never resolved by a guess, with the offsets on either side.
  struct LocalOffset {
    enum Kind { unique, gap, overlap } kind = unique;
    int32_t offset = 0;  // unique: the offset
    int32_t before = 0;  // gap, overlap: the offset before the change
    int32_t after = 0;   // gap, overlap: the offset after it
  };
  LocalOffset offset_at_local(int64_t local) const;

 private:
  // The POSIX TZ rule of the file's footer ("PST8PDT,M3.2.0,M11.1.0"), which governs the times
  // after the last listed transition.
  struct RuleDate {
    char kind = 'M';  // 'M' month.week.weekday, 'J' Julian day 1..365 without Feb 29, 'n' 0..365
    int month = 0, week = 0, day = 0;
    int32_t time = 7200;  // seconds after local midnight
  };
  struct Rule {
    int32_t std_offset = 0, dst_offset = 0;
    bool has_dst = false;
    RuleDate start, end;
  };
  int32_t rule_offset(int64_t utc) const;
  static int64_t rule_instant(const RuleDate& d, int year, int32_t offset);
  static bool parse_rule(std::string_view text, Rule& rule);

  std::string name_;
  std::vector<int64_t> transitions_;  // UTC instants, ascending
  std::vector<int32_t> offsets_;      // the offset from each transition on
  int32_t initial_ = 0;               // the offset before the first transition
  std::optional<Rule> rule_;

  friend struct TzifReader;
};

// "-07:00", "+05:30", "+00:00" (seconds, if any, dropped).
std::string format_offset(int32_t offset_seconds);

}  // namespace sop
