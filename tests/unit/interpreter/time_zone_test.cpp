// Time zones from the system's TZif files (tzdata; scripts/setup installs it). The dates of the
// changes asserted are the U.S. rule of 15 U.S.C. §260a (second Sunday of March, first Sunday of
// November, at 2:00 local time) and, for Sydney, New South Wales' (first Sunday of October to
// first Sunday of April); they are not computed by this code.
#include "interpreter/time_zone.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include "lang/civil_time.hpp"

namespace sop {
namespace {

constexpr int32_t k_hour = 3600;

int64_t local(int y, int mo, int d, int h, int mi) {
  return int64_t{civil::days_from_civil(y, mo, d)} * 86400 + h * 3600 + mi * 60;
}

TimeZone load(const std::string& name) {
  std::string error;
  std::optional<TimeZone> z = TimeZone::load(name, error);
  EXPECT_TRUE(z) << error;
  return z ? *z : TimeZone::load("UTC", error).value();
}

TEST(TimeZone, LosAngelesSummerAndWinter) {
  TimeZone la = load("America/Los_Angeles");
  EXPECT_EQ(la.name(), "America/Los_Angeles");
  TimeZone::LocalOffset july = la.offset_at_local(local(2026, 7, 15, 9, 0));
  EXPECT_EQ(july.kind, TimeZone::LocalOffset::unique);
  EXPECT_EQ(july.offset, -7 * k_hour);
  TimeZone::LocalOffset january = la.offset_at_local(local(2026, 1, 15, 9, 0));
  EXPECT_EQ(january.kind, TimeZone::LocalOffset::unique);
  EXPECT_EQ(january.offset, -8 * k_hour);
  EXPECT_EQ(format_offset(july.offset), "-07:00");
}

TEST(TimeZone, OffsetAtUtcChangesAtTheInstant) {
  TimeZone la = load("America/Los_Angeles");
  // 2026-03-08 02:00 PST is 10:00 UTC; 2026-11-01 02:00 PDT is 09:00 UTC.
  int64_t spring = local(2026, 3, 8, 10, 0), fall = local(2026, 11, 1, 9, 0);
  EXPECT_EQ(la.offset_at_utc(spring - 1), -8 * k_hour);
  EXPECT_EQ(la.offset_at_utc(spring), -7 * k_hour);
  EXPECT_EQ(la.offset_at_utc(fall - 1), -7 * k_hour);
  EXPECT_EQ(la.offset_at_utc(fall), -8 * k_hour);
}

TEST(TimeZone, SpringForwardGapIsReportedNotGuessed) {
  TimeZone la = load("America/Los_Angeles");
  TimeZone::LocalOffset r = la.offset_at_local(local(2026, 3, 8, 2, 30));
  EXPECT_EQ(r.kind, TimeZone::LocalOffset::gap);
  EXPECT_EQ(r.before, -8 * k_hour);
  EXPECT_EQ(r.after, -7 * k_hour);
  // Either side of the gap is ordinary.
  EXPECT_EQ(la.offset_at_local(local(2026, 3, 8, 1, 59)).offset, -8 * k_hour);
  EXPECT_EQ(la.offset_at_local(local(2026, 3, 8, 3, 0)).kind, TimeZone::LocalOffset::unique);
  EXPECT_EQ(la.offset_at_local(local(2026, 3, 8, 3, 0)).offset, -7 * k_hour);
}

TEST(TimeZone, FallBackOverlapIsReportedNotGuessed) {
  TimeZone la = load("America/Los_Angeles");
  TimeZone::LocalOffset r = la.offset_at_local(local(2026, 11, 1, 1, 30));
  EXPECT_EQ(r.kind, TimeZone::LocalOffset::overlap);
  EXPECT_EQ(r.before, -7 * k_hour);
  EXPECT_EQ(r.after, -8 * k_hour);
  EXPECT_EQ(la.offset_at_local(local(2026, 11, 1, 0, 59)).offset, -7 * k_hour);
  EXPECT_EQ(la.offset_at_local(local(2026, 11, 1, 2, 0)).kind, TimeZone::LocalOffset::unique);
  EXPECT_EQ(la.offset_at_local(local(2026, 11, 1, 2, 0)).offset, -8 * k_hour);
}

TEST(TimeZone, PastTheListedTransitionsTheFootersRuleApplies) {
  // TZif files list transitions to 2037 at most; later years follow the POSIX rule.
  TimeZone la = load("America/Los_Angeles");
  EXPECT_EQ(la.offset_at_local(local(2100, 7, 1, 12, 0)).offset, -7 * k_hour);
  EXPECT_EQ(la.offset_at_local(local(2100, 12, 1, 12, 0)).offset, -8 * k_hour);
  // 2100-03-14 is the second Sunday of March 2100.
  EXPECT_EQ(la.offset_at_local(local(2100, 3, 14, 2, 30)).kind, TimeZone::LocalOffset::gap);
  EXPECT_EQ(la.offset_at_local(local(2100, 3, 7, 2, 30)).kind, TimeZone::LocalOffset::unique);
}

TEST(TimeZone, SouthernHemisphereAndFixedZones) {
  TimeZone sydney = load("Australia/Sydney");
  EXPECT_EQ(sydney.offset_at_local(local(2026, 1, 15, 12, 0)).offset, 11 * k_hour);
  EXPECT_EQ(sydney.offset_at_local(local(2026, 7, 15, 12, 0)).offset, 10 * k_hour);
  EXPECT_EQ(sydney.offset_at_local(local(2090, 1, 15, 12, 0)).offset, 11 * k_hour);
  EXPECT_EQ(sydney.offset_at_local(local(2090, 7, 15, 12, 0)).offset, 10 * k_hour);
  TimeZone howe = load("Australia/Lord_Howe");  // a half-hour change
  EXPECT_EQ(format_offset(howe.offset_at_local(local(2026, 1, 15, 12, 0)).offset), "+11:00");
  EXPECT_EQ(format_offset(howe.offset_at_local(local(2026, 7, 15, 12, 0)).offset), "+10:30");
  TimeZone utc = load("UTC");
  EXPECT_EQ(utc.offset_at_utc(0), 0);
  EXPECT_EQ(format_offset(utc.offset_at_utc(0)), "+00:00");
  TimeZone kolkata = load("Asia/Kolkata");
  EXPECT_EQ(format_offset(kolkata.offset_at_utc(local(2026, 1, 1, 0, 0))), "+05:30");
}

TEST(TimeZone, UnknownZonesGetADidYouMean) {
  std::string error;
  EXPECT_FALSE(TimeZone::load("America/Los_Angles", error));
  EXPECT_NE(error.find("unknown time zone \"America/Los_Angles\" (did you mean "
                       "\"America/Los_Angeles\"?)"),
            std::string::npos)
      << error;
  EXPECT_FALSE(TimeZone::load("Los_Angeles", error));
  EXPECT_NE(error.find("did you mean \"America/Los_Angeles\""), std::string::npos) << error;
  EXPECT_FALSE(TimeZone::load("america/los_angeles", error));
  EXPECT_NE(error.find("did you mean \"America/Los_Angeles\""), std::string::npos) << error;
  // Not a path out of the zone directory, not a directory, not a file that is not TZif.
  EXPECT_FALSE(TimeZone::load("../../etc/passwd", error));
  EXPECT_NE(error.find("unknown time zone"), std::string::npos) << error;
  EXPECT_FALSE(TimeZone::load("America", error));
  EXPECT_FALSE(TimeZone::load("", error));
  EXPECT_FALSE(TimeZone::load("zone.tab", error));
}

// A TZif file of version 2 with no transitions: the footer's rule `rule` decides every time.
std::string tzif_with_rule(const std::string& rule) {
  std::string block("TZif2", 5);
  block += std::string(15, '\0');
  for (int count : {0, 0, 0, 0, 1, 4}) block += std::string("\0\0\0", 3) + char(count);
  block += std::string(6, '\0') + std::string("UTC\0", 4);  // one type, offset 0; its name
  return block + block + "\n" + rule + "\n";
}

std::optional<TimeZone> load_rule(const std::string& rule, std::string& error) {
  std::filesystem::path dir = std::filesystem::temp_directory_path() / "sop_time_zone_rules";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "Rule", std::ios::binary) << tzif_with_rule(rule);
  std::optional<TimeZone> z = TimeZone::load("Rule", error, dir.string());
  std::filesystem::remove_all(dir);
  return z;
}

TEST(TimeZone, FooterRulesInEachPosixForm) {
  std::string error;
  // J: days 1..365 never counting February 29, so J60 is March 1 in every year.
  std::optional<TimeZone> j = load_rule("AAA0BBB,J60/0,J244/0", error);
  ASSERT_TRUE(j) << error;
  EXPECT_EQ(j->offset_at_local(local(2028, 2, 29, 12, 0)).offset, 0);
  EXPECT_EQ(j->offset_at_local(local(2028, 3, 1, 12, 0)).offset, k_hour);
  EXPECT_EQ(j->offset_at_local(local(2027, 8, 31, 12, 0)).offset, k_hour);
  EXPECT_EQ(j->offset_at_local(local(2027, 9, 1, 12, 0)).offset, 0);
  // n: days 0..365 counting February 29, so day 59 is February 29 in a leap year.
  std::optional<TimeZone> n = load_rule("AAA0BBB,59/0,243/0", error);
  ASSERT_TRUE(n) << error;
  EXPECT_EQ(n->offset_at_local(local(2028, 2, 29, 12, 0)).offset, k_hour);
  EXPECT_EQ(n->offset_at_local(local(2027, 2, 28, 12, 0)).offset, 0);
  EXPECT_EQ(n->offset_at_local(local(2027, 3, 1, 12, 0)).offset, k_hour);
  // Quoted names, minutes in offsets, a change of half an hour (Lord Howe Island's rule).
  std::optional<TimeZone> howe = load_rule("<+1030>-10:30<+11>-11,M10.1.0,M4.1.0", error);
  ASSERT_TRUE(howe) << error;
  EXPECT_EQ(format_offset(howe->offset_at_local(local(2050, 1, 15, 12, 0)).offset), "+11:00");
  EXPECT_EQ(format_offset(howe->offset_at_local(local(2050, 7, 15, 12, 0)).offset), "+10:30");
  // No daylight saving at all.
  std::optional<TimeZone> fixed = load_rule("<-03>3", error);
  ASSERT_TRUE(fixed) << error;
  EXPECT_EQ(fixed->offset_at_utc(0), -3 * k_hour);
  // A rule that is not POSIX is refused, not read as something else.
  EXPECT_FALSE(load_rule("AAA0BBB,M13.1.0,M4.1.0", error));
  EXPECT_NE(error.find("its rule for future times is not understood"), std::string::npos) << error;
}

TEST(TimeZone, AFileThatIsNotTzifIsRefused) {
  std::filesystem::path dir = std::filesystem::temp_directory_path() / "sop_time_zone_test";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "Broken") << "TZif2 but far too short";
  std::string error;
  EXPECT_FALSE(TimeZone::load("Broken", error, dir.string()));
  EXPECT_NE(error.find("is not a TZif file"), std::string::npos) << error;
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace sop
