#include "interpreter/codec/csv_cell.hpp"

#include <charconv>
#include <optional>

#include <fmt/format.h>

#include "interpreter/codec/json_text.hpp"
#include "interpreter/time_zone.hpp"
#include "lang/civil_time.hpp"
#include "lang/suggest.hpp"

namespace sop {

std::string_view trim_cell(std::string_view s) {
  size_t b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

namespace {

// One character as fold_name folds it: ASCII lower case (not the locale's: a name is compared the
// same way everywhere, and this is called for every cell), spaces and hyphens as underscores.
char fold_char(char c) {
  if (c >= 'A' && c <= 'Z') return static_cast<char>(c - 'A' + 'a');
  return c == ' ' || c == '-' ? '_' : c;
}

// Whether `a` and `b` fold to the same name, without building either fold.
bool same_fold(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (fold_char(a[i]) != fold_char(b[i])) return false;
  return true;
}

}  // namespace

std::string fold_name(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = fold_char(c);
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
  for (std::string_view t : {"true", "yes", "y", "1"})
    if (same_fold(cell, t)) return out = true, true;
  for (std::string_view f : {"false", "no", "n", "0"})
    if (same_fold(cell, f)) return out = false, true;
  std::optional<std::string> s = did_you_mean(fold(cell), {"true", "false", "yes", "no"});
  return fail(e, "true or false (or yes / no, y / n, 1 / 0, in any case)", s.value_or(""));
}

bool read_int(std::optional<int64_t> lo, std::optional<int64_t> hi, std::string_view cell,
              nlohmann::json& out, CellError& e) {
  int64_t i;
  auto r = std::from_chars(cell.data(), cell.data() + cell.size(), i);
  if (r.ec == std::errc() && r.ptr == cell.data() + cell.size()) return out = i, true;
  if (lo || hi)
    return fail(e, fmt::format("an integer from {} to {}", lo ? fmt::format("{}", *lo) : "-inf",
                               hi ? fmt::format("{}", *hi) : "+inf"));
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

// Members separated by semicolons ("a;b", "a; b"), each one of `names`; or `none` (in any
// case), the empty set, where no member is spelled so (an empty cell is an absent value, not an
// empty set).
bool read_set(std::string_view cell, const std::vector<std::string>& names,
              const std::string& expected, nlohmann::json& out, CellError& e) {
  out = nlohmann::json::array();
  std::vector<std::string> ambiguous;
  if (same_fold(cell, "none") && match_name(cell, names, ambiguous).empty() && ambiguous.empty())
    return true;
  size_t i = 0;
  while (i <= cell.size()) {
    size_t end = std::min(cell.find(';', i), cell.size());
    std::string_view member = trim_cell(cell.substr(i, end - i));
    nlohmann::json m;
    if (!member.empty() && !read_name(member, names, expected, m, e)) {
      e.expected = "members separated by \";\" (or \"none\"), each " + e.expected;
      return false;
    }
    if (!member.empty()) out.push_back(m);
    i = end + 1;
  }
  return true;
}

}  // namespace

void describe_bad_cell(CellError& e, std::string field, std::string_view value) {
  e.field = std::move(field);
  e.value = std::string(value);
  e.message =
      fmt::format("column {}: field \"{}\": expected {}, found {}{}", e.column, e.field, e.expected,
                  show_json(e.value),
                  e.suggestion.empty() ? "" : fmt::format(" (did you mean \"{}\"?)", e.suggestion));
}

std::string match_name(std::string_view text, const std::vector<std::string>& names,
                       std::vector<std::string>& ambiguous) {
  for (const std::string& n : names)
    if (n == text) return n;
  const std::string* found = nullptr;
  for (const std::string& n : names) {
    if (!same_fold(text, n)) continue;
    if (found) {
      // Several: gather them all (rare, and an error).
      for (const std::string& m : names)
        if (same_fold(text, m)) ambiguous.push_back(m);
      return "";
    }
    found = &n;
  }
  return found ? *found : "";
}

CellReader::CellReader(const Program& p, const CaseDecoder& decoder, const Var& fact)
    : CellReader(p, decoder, fact.type) {
  lo_ = fact.range_lo;
  hi_ = fact.range_hi;
}

CellReader::CellReader(const Program& p, const CaseDecoder& decoder, TypeId type) {
  TypeId t = p.types.strip_optional(type);
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
      return read_int(lo_, hi_, v, out, e);
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

// The bad cells of a CSV row, as the `errors` array added to `sop.error/1`.
void append_cell_errors(const std::vector<CellError>& cells, std::string& out) {
  out += ",\"errors\":[";
  for (size_t i = 0; i < cells.size(); ++i) {
    const CellError& e = cells[i];
    out += i ? ",{\"column\":" : "{\"column\":";
    append_json_int(out, static_cast<int64_t>(e.column));
    out += ",\"field\":";
    append_json_string(out, e.field);
    out += ",\"value\":";
    append_json_string(out, e.value);
    out += ",\"expected\":";
    if (e.expected.empty())
      out += "null";
    else
      append_json_string(out, e.expected);
    out += ",\"did_you_mean\":";
    if (e.suggestion.empty())
      out += "null";
    else
      append_json_string(out, e.suggestion);
    out += '}';
  }
  out += ']';
}

}  // namespace sop
