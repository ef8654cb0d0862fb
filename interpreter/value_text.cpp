#include "interpreter/value_text.hpp"

#include <fmt/format.h>

#include "lang/civil_time.hpp"

namespace sop {

namespace {

bool is_citation(const Program& p, TypeId t) {
  return p.types.kind(p.types.strip_optional(t)) == TypeKind::citation;
}

void append(std::string& out, std::string_view sep, std::string_view item) {
  if (!out.empty()) out += sep;
  out += item;
}

std::string set_text(const Program& p, const Value& v) {
  std::string out;
  const EnumDef& e = p.enums[v.aux];
  for (size_t i = 0; i < e.values.size(); ++i) {
    if (v.has_member(i)) append(out, ", ", e.values[i].name);
    if (v.member_maybe(i)) append(out, ", ", e.values[i].name + "?");
  }
  return "[" + out + "]";
}

std::string list_text(const Program& p, const Value& v, TypeId type) {
  std::string out;
  TypeId et = p.types.item_type(type);
  for (int32_t i = 0; i < v.aux; ++i)
    append(out, ", ", value_text(p, v.u.items[i], et) + (v.item_maybe(i) ? "?" : ""));
  return "[" + out + "]";
}

std::string record_text(const Program& p, const Value& v) {
  std::string out;
  const RecordDef& r = p.records[v.aux];
  for (size_t i = 0; i < r.fields.size(); ++i) {
    if (is_citation(p, r.fields[i].type)) continue;
    append(out, ", ", r.fields[i].name + ": " + value_text(p, v.u.items[i], r.fields[i].type));
  }
  return "{ " + out + " }";
}

// A record as a cell: `depth` > 0 inside a list, where its first field stands for it.
std::string cell(const Program& p, const Value& v, TypeId type, int depth);

std::string record_cell(const Program& p, const Value& v, int depth) {
  const RecordDef& r = p.records[v.aux];
  std::string out;
  for (size_t i = 0; i < r.fields.size(); ++i) {
    const Value& f = v.u.items[i];
    TypeId ft = r.fields[i].type;
    TypeKind fk = p.types.kind(p.types.strip_optional(ft));
    if (fk == TypeKind::citation || f.is_null() || f.is_false()) continue;
    std::string part;
    if (f.is_true()) {
      part = r.fields[i].name;
    } else if (f.is_unknown() || fk == TypeKind::list || fk == TypeKind::set) {
      // Named: a bare `unknown` or list would not say which field it is.
      part = r.fields[i].name + ": " + cell(p, f, ft, depth + 1);
    } else {
      part = cell(p, f, ft, depth + 1);
    }
    if (depth > 0) return part;
    append(out, " ", part);
  }
  return out.empty() ? "{}" : out;
}

std::string cell(const Program& p, const Value& v, TypeId type, int depth) {
  std::string out;
  switch (v.kind) {
    case ValueKind::null:
      return std::string(k_null_cell);
    case ValueKind::list: {
      TypeId et = p.types.item_type(type);
      for (int32_t i = 0; i < v.aux; ++i)
        if (!v.item_maybe(i)) append(out, ", ", cell(p, v.u.items[i], et, depth + 1));
      return out.empty() ? "[]" : out;
    }
    case ValueKind::set: {
      const EnumDef& e = p.enums[v.aux];
      for (size_t i = 0; i < e.values.size(); ++i)
        if (v.has_member(i)) append(out, ", ", e.values[i].name);
      return out.empty() ? "[]" : out;
    }
    case ValueKind::record:
      return record_cell(p, v, depth);
    default:
      return value_text(p, v, type);
  }
}

// The code point starting at s[i] and its length in bytes; an invalid byte is its own
// "code point" (its value, length 1), so nothing is ever skipped.
std::pair<char32_t, size_t> decode(std::string_view s, size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  if (n <= 1 || i + n > s.size()) return {c, 1};
  char32_t cp = c & (0x7F >> n);
  for (size_t k = 1; k < n; ++k) {
    unsigned char cc = static_cast<unsigned char>(s[i + k]);
    if ((cc & 0xC0) != 0x80) return {c, 1};
    cp = (cp << 6) | (cc & 0x3F);
  }
  return {cp, n};
}

// Columns of one code point (a small wcwidth that does not depend on the locale).
size_t width_of(char32_t c) {
  auto in = [c](char32_t lo, char32_t hi) { return c >= lo && c <= hi; };
  if (in(0x300, 0x36F) || in(0x1AB0, 0x1AFF) || in(0x1DC0, 0x1DFF) || in(0x200B, 0x200F) ||
      in(0x20D0, 0x20FF) || in(0xFE00, 0xFE0F) || in(0xFE20, 0xFE2F))
    return 0;
  if (in(0x1100, 0x115F) || in(0x2E80, 0x303E) || in(0x3041, 0x33FF) || in(0x3400, 0x4DBF) ||
      in(0x4E00, 0x9FFF) || in(0xA000, 0xA4CF) || in(0xAC00, 0xD7A3) || in(0xF900, 0xFAFF) ||
      in(0xFE30, 0xFE4F) || in(0xFF00, 0xFF60) || in(0xFFE0, 0xFFE6) || in(0x1F300, 0x1F64F) ||
      in(0x1F900, 0x1F9FF) || in(0x20000, 0x3FFFD))
    return 2;
  return 1;
}

// Bytes of the longest prefix of `s` that fits in `width` columns, at least one code point so
// that wrapping always makes progress.
size_t prefix_fitting(std::string_view s, size_t width) {
  size_t i = 0, used = 0;
  while (i < s.size()) {
    auto [cp, n] = decode(s, i);
    used += width_of(cp);
    if (used > width && i > 0) break;
    i += n;
  }
  return i;
}

// Where to cut an over-long word: after an underscore in the second half of what fits, else
// where it stops fitting.
size_t cut_point(std::string_view w, size_t width) {
  size_t fit = prefix_fitting(w, width);
  size_t u = w.substr(0, fit).rfind('_');
  if (u != std::string_view::npos && u + 1 < fit && display_width(w.substr(0, u)) >= width / 2)
    return u + 1;
  return fit;
}

}  // namespace

std::string value_text(const Program& p, const Value& v, TypeId type) {
  switch (v.kind) {
    case ValueKind::unknown:
      return std::string(k_unknown_text);
    case ValueKind::null:
      return std::string(k_null_text);
    case ValueKind::bool_:
      return v.u.b ? "true" : "false";
    case ValueKind::int_:
      return fmt::format("{}", v.u.i);
    case ValueKind::string:
      return fmt::format("\"{}\"", v.text());
    case ValueKind::date:
      return civil::format_date(static_cast<int32_t>(v.u.i));
    case ValueKind::datetime:
      return civil::format_datetime({v.u.i, v.aux});
    case ValueKind::duration:
      return duration_text(v);
    case ValueKind::enum_:
      return p.enums[v.aux].values[v.u.i].name;
    case ValueKind::citation:
      return fmt::format("\"{}\"", p.rules[v.aux].cite);
    case ValueKind::document:
      return p.documents[v.aux].ref;
    case ValueKind::calendar:
      return p.calendars[v.aux].name;
    case ValueKind::set:
      return set_text(p, v);
    case ValueKind::list:
      return list_text(p, v, type);
    case ValueKind::record:
      return record_text(p, v);
  }
  return std::string(k_unknown_text);
}

std::string cell_text(const Program& p, const Value& v, TypeId type) {
  return cell(p, v, type, 0);
}

std::string duration_text(const Value& v) {
  return fmt::format("{} {}", v.u.i, unit_name(v.unit));
}

size_t display_width(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size();) {
    auto [cp, len] = decode(s, i);
    n += width_of(cp);
    i += len;
  }
  return n;
}

std::string pad(std::string_view s, size_t width) {
  size_t w = display_width(s);
  std::string out(s);
  if (w < width) out.append(width - w, ' ');
  return out;
}

std::vector<std::string> wrap_text(std::string_view s, size_t width) {
  std::vector<std::string> lines;
  std::string line;
  size_t i = 0;
  while (i < s.size()) {
    size_t b = s.find_first_not_of(" \t\r\n", i);
    if (b == std::string_view::npos) break;
    size_t e = s.find_first_of(" \t\r\n", b);
    if (e == std::string_view::npos) e = s.size();
    std::string_view w = s.substr(b, e - b);
    i = e;
    while (display_width(w) > width) {
      if (!line.empty()) lines.push_back(std::move(line)), line.clear();
      size_t cut = cut_point(w, width);
      lines.emplace_back(w.substr(0, cut));
      w = w.substr(cut);
    }
    if (line.empty()) {
      line = w;
    } else if (display_width(line) + 1 + display_width(w) <= width) {
      (line += ' ') += w;
    } else {
      lines.push_back(std::move(line));
      line = w;
    }
  }
  if (!line.empty() || lines.empty()) lines.push_back(std::move(line));
  return lines;
}

}  // namespace sop
