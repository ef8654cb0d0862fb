#include "interpreter/time_zone.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "lang/civil_time.hpp"
#include "lang/suggest.hpp"

namespace sop {

std::string format_offset(int32_t offset_seconds) {
  int32_t m = (offset_seconds < 0 ? -offset_seconds : offset_seconds) / 60;
  return fmt::format("{}{:02}:{:02}", offset_seconds < 0 ? '-' : '+', m / 60, m % 60);
}

namespace {

bool valid_name(std::string_view name) {
  if (name.empty() || name.front() == '/' || name.find("..") != std::string_view::npos)
    return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '+' ||
           c == '/';
  });
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The zone names under `dir`: files whose names start with a capital letter and hold no dot
// (which leaves out posixrules, localtime, leapseconds, *.tab, tzdata.zi), outside posix/ and
// right/ (copies of the same zones).
std::vector<std::string> zone_names(const std::string& dir) {
  namespace fs = std::filesystem;
  std::vector<std::string> names;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    std::string rel = it->path().lexically_relative(dir).generic_string();
    if (rel == "posix" || rel == "right") {
      it.disable_recursion_pending();
      continue;
    }
    std::string leaf = it->path().filename().string();
    if (it->is_regular_file(ec) && !leaf.empty() &&
        std::isupper(static_cast<unsigned char>(leaf[0])) && leaf.find('.') == std::string::npos)
      names.push_back(rel);
  }
  std::sort(names.begin(), names.end());
  return names;
}

// A zone name for an unknown `name`: the same name in another case, else a zone whose last part
// is `name`'s ("Los_Angeles"), else the nearest by edit distance.
std::optional<std::string> suggest_zone(std::string_view name, const std::string& dir) {
  std::vector<std::string> names = zone_names(dir);
  std::string want = lower(name);
  std::string want_leaf =
      want.substr(want.rfind('/') == std::string::npos ? 0 : want.rfind('/') + 1);
  for (const std::string& n : names)
    if (lower(n) == want) return n;
  for (const std::string& n : names) {
    std::string l = lower(n);
    if (l.substr(l.rfind('/') == std::string::npos ? 0 : l.rfind('/') + 1) == want_leaf) return n;
  }
  return did_you_mean(name, names);
}

}  // namespace

// Reads a TZif file's data block (RFC 8536 §3.2) into a TimeZone.
struct TzifReader {
  std::string_view data;
  size_t pos = 0;

  bool take(size_t n) { return (pos += n) <= data.size(); }
  int64_t be(size_t at, size_t n) const {
    uint64_t v = 0;
    for (size_t i = 0; i < n; ++i) v = (v << 8) | static_cast<unsigned char>(data[at + i]);
    // Sign-extend from n bytes.
    int shift = static_cast<int>(64 - 8 * n);
    return static_cast<int64_t>(v << shift) >> shift;
  }

  // One header and its data block, with times of `tsize` bytes; false if the file is short.
  bool block(size_t tsize, TimeZone& z) {
    size_t h = pos;
    if (!take(44) || data.substr(h, 4) != "TZif") return false;
    auto count = [&](int i) {
      return static_cast<size_t>(be(h + 20 + 4 * static_cast<size_t>(i), 4));
    };
    size_t isut = count(0), isstd = count(1), leap = count(2), timecnt = count(3),
           typecnt = count(4), chars = count(5);
    size_t times = pos, idx = times + timecnt * tsize, types = idx + timecnt;
    if (typecnt == 0 ||
        !take(timecnt * tsize + timecnt + typecnt * 6 + chars + leap * (tsize + 4) + isstd + isut))
      return false;
    std::vector<int32_t> type_offset(typecnt);
    for (size_t i = 0; i < typecnt; ++i)
      type_offset[i] = static_cast<int32_t>(be(types + 6 * i, 4));
    z.transitions_.clear();
    z.offsets_.clear();
    for (size_t i = 0; i < timecnt; ++i) {
      size_t t = static_cast<unsigned char>(data[idx + i]);
      if (t >= typecnt) return false;
      z.transitions_.push_back(be(times + i * tsize, tsize));
      z.offsets_.push_back(type_offset[t]);
    }
    z.initial_ = type_offset[0];
    return true;
  }
};

std::optional<TimeZone> TimeZone::load(std::string_view name, std::string& error,
                                       const std::string& dir) {
  auto unknown = [&]() -> std::optional<TimeZone> {
    std::optional<std::string> s = suggest_zone(name, dir);
    error = fmt::format(
        "unknown time zone \"{}\"{}: a zone is an IANA name such as "
        "\"America/Los_Angeles\" (the files under {})",
        name, s ? fmt::format(" (did you mean \"{}\"?)", *s) : "", dir);
    return std::nullopt;
  };
  if (!valid_name(name)) return unknown();
  std::ifstream f(dir + "/" + std::string(name), std::ios::binary);
  if (!f || std::filesystem::is_directory(dir + "/" + std::string(name))) return unknown();
  std::ostringstream ss;
  ss << f.rdbuf();
  std::string bytes = ss.str();
  TimeZone z;
  z.name_ = name;
  TzifReader r{bytes};
  bool ok = r.block(4, z);
  // Version 2 and later repeat the data with 64-bit times, then give the POSIX rule in a footer.
  if (ok && bytes[4] >= '2') {
    ok = r.block(8, z);
    size_t nl = ok ? bytes.find('\n', r.pos + 1) : std::string::npos;
    if (ok && r.pos < bytes.size() && bytes[r.pos] == '\n' && nl != std::string::npos &&
        nl > r.pos + 1) {
      Rule rule;
      if (!parse_rule(std::string_view(bytes).substr(r.pos + 1, nl - r.pos - 1), rule)) {
        error = fmt::format("time zone \"{}\": its rule for future times is not understood", name);
        return std::nullopt;
      }
      z.rule_ = rule;
    }
  }
  if (!ok) {
    error = fmt::format("time zone \"{}\": {}/{} is not a TZif file", name, dir, name);
    return std::nullopt;
  }
  return z;
}

int32_t TimeZone::offset_at_utc(int64_t utc) const {
  auto it = std::upper_bound(transitions_.begin(), transitions_.end(), utc);
  if (it == transitions_.begin())
    return transitions_.empty() && rule_ ? rule_offset(utc) : initial_;
  if (it == transitions_.end() && rule_) return rule_offset(utc);
  return offsets_[static_cast<size_t>(it - transitions_.begin()) - 1];
}

// Assumes, as every zone does, at most one change of offset within a day of any time and
// offsets under a day: the offsets a day before and a day after are then the only candidates.
TimeZone::LocalOffset TimeZone::offset_at_local(int64_t local) const {
  int32_t before = offset_at_utc(local - 86400), after = offset_at_utc(local + 86400);
  bool b = offset_at_utc(local - before) == before, a = offset_at_utc(local - after) == after;
  LocalOffset r;
  r.before = before;
  r.after = after;
  if (before == after || a != b) {
    r.offset = before == after || b ? before : after;
  } else {
    r.kind = a ? LocalOffset::overlap : LocalOffset::gap;
  }
  return r;
}

}  // namespace sop
