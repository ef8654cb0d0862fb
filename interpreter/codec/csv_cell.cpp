#include "interpreter/codec/csv_cell.hpp"

#include <charconv>
#include <optional>

#include <fmt/format.h>

#include "interpreter/time_zone.hpp"
#include "lang/civil_time.hpp"
#include "lang/suggest.hpp"

namespace sop {

std::string_view trim_cell(std::string_view s) {
  size_t b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

std::string fold_name(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (c == ' ' || c == '-') c = '_';
  }
  return out;
}

namespace {

const auto fold = fold_name;

bool fail(CellError& e, std::string expected, std::string suggestion = "") {
  e.expected = std::move(expected);
  e.suggestion = std::move(suggestion);
  return false;
}

std::string quoted_list(const std::vector<std::string>& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i)
    out += (i == 0 ? "\"" : i + 1 == names.size() ? " or \"" : ", \"") + names[i] + "\"";
  return out;
}

bool read_bool(std::string_view cell, nlohmann::json& out, CellError& e) {
  std::string v = fold(cell);
  if (v == "true" || v == "yes" || v == "y" || v == "1") return out = true, true;
  if (v == "false" || v == "no" || v == "n" || v == "0") return out = false, true;
  std::optional<std::string> s = did_you_mean(v, {"true", "false", "yes", "no"});
  return fail(e, "true or false (or yes / no, y / n, 1 / 0, in any case)", s.value_or(""));
}

bool read_int(const Var& var, std::string_view cell, nlohmann::json& out, CellError& e) {
  int64_t i;
  auto r = std::from_chars(cell.data(), cell.data() + cell.size(), i);
  if (r.ec == std::errc() && r.ptr == cell.data() + cell.size()) return out = i, true;
  if (var.range_lo || var.range_hi)
    return fail(e, fmt::format("an integer from {} to {}",
                               var.range_lo ? fmt::format("{}", *var.range_lo) : "-inf",
                               var.range_hi ? fmt::format("{}", *var.range_hi) : "+inf"));
  return fail(e, "an integer");
}

// A name among `names` (an enumeration's values, the calendars).
bool read_name(std::string_view cell, const std::vector<std::string>& names,
               const std::string& expected, nlohmann::json& out, CellError& e) {
  std::vector<std::string> ambiguous;
  std::string m = match_name(cell, names, ambiguous);
  if (!m.empty()) return out = m, true;
  if (!ambiguous.empty())
    return fail(e, fmt::format("one value, and this spells {} (write one exactly)",
                               quoted_list(ambiguous)));
  std::optional<std::string> s = did_you_mean(fold(cell), names);
  return fail(e, expected, s.value_or(""));
}

std::vector<std::string> enum_names(const Program& p, TypeId t) {
  std::vector<std::string> names;
  for (const EnumDef::Item& item : p.enums[p.types.info(t).ref].values) names.push_back(item.json);
  return names;
}

// Members separated by semicolons ("a;b", "a; b"), each one of `names`.
bool read_set(std::string_view cell, const std::vector<std::string>& names,
              const std::string& expected, nlohmann::json& out, CellError& e) {
  out = nlohmann::json::array();
  size_t i = 0;
  while (i <= cell.size()) {
    size_t end = std::min(cell.find(';', i), cell.size());
    std::string_view member = trim_cell(cell.substr(i, end - i));
    nlohmann::json m;
    if (!member.empty() && !read_name(member, names, expected, m, e)) {
      e.expected = "members separated by \";\", each " + e.expected;
      return false;
    }
    if (!member.empty()) out.push_back(m);
    i = end + 1;
  }
  return true;
}

}  // namespace

std::string match_name(std::string_view text, const std::vector<std::string>& names,
                       std::vector<std::string>& ambiguous) {
  for (const std::string& n : names)
    if (n == text) return n;
  std::string want = fold(text);
  std::vector<std::string> found;
  for (const std::string& n : names)
    if (fold(n) == want) found.push_back(n);
  if (found.size() == 1) return found.front();
  if (found.size() > 1) ambiguous = found;
  return "";
}

CellReader::CellReader(const Program& p, const CaseDecoder& decoder, uint32_t fact)
    : var_(p.vars[fact]) {
  TypeId t = p.types.strip_optional(var_.type);
  kind_ = p.types.kind(t);
  TypeId named = kind_ == TypeKind::set ? p.types.strip_optional(p.types.info(t).elem) : t;
  if (kind_ == TypeKind::enum_ || kind_ == TypeKind::set) {
    names_ = enum_names(p, named);
    expected_ = decoder.expected(named);
  } else if (kind_ == TypeKind::calendar) {
    for (const CalendarDef& c : p.calendars) names_.push_back(c.name);
    expected_ = decoder.expected(t);
  }
}

bool CellReader::read(std::string_view cell, const TimeZone* zone, nlohmann::json& out,
                      CellError& e) const {
  std::string_view v = trim_cell(cell);
  switch (kind_) {
    case TypeKind::bool_:
      return read_bool(v, out, e);
    case TypeKind::int_:
      return read_int(var_, v, out, e);
    case TypeKind::enum_:
    case TypeKind::calendar:
      return read_name(v, names_, expected_, out, e);
    case TypeKind::set:
      return read_set(v, names_, expected_, out, e);
    case TypeKind::date:
      return read_date_cell(v, out, e);
    case TypeKind::datetime:
      return read_datetime_cell(v, zone, out, e);
    default:
      out = std::string(cell);  // text as written; the decoder refuses what it cannot read
      return true;
  }
}

}  // namespace sop
