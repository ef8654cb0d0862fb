#include "interpreter/codec/case_json.hpp"

#include <algorithm>
#include <optional>
#include <unordered_set>

#include <fmt/format.h>

#include "lang/civil_time.hpp"
#include "lang/suggest.hpp"

namespace sop {

std::string show_json(const nlohmann::json& j) {
  std::string s = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (s.size() > 80) {
    // Cut at a character boundary, so that the message stays valid UTF-8.
    size_t cut = 77;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
    s = s.substr(0, cut) + "...";
  }
  return s;
}

static const char* json_kind(const nlohmann::json& j) {
  switch (j.type()) {
    case nlohmann::json::value_t::null:
      return "null";
    case nlohmann::json::value_t::boolean:
      return "a boolean";
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
      return "an integer";
    case nlohmann::json::value_t::number_float:
      return "a number";
    case nlohmann::json::value_t::string:
      return "a string";
    case nlohmann::json::value_t::array:
      return "an array";
    case nlohmann::json::value_t::object:
      return "an object";
    default:
      return "a value";
  }
}

CaseDecoder::CaseDecoder(const Program& program) : p_(program) {
  for (uint32_t f : p_.facts) {
    by_json_.emplace(p_.vars[f].json, f);
    const std::string& name = p_.vars[f].json;
    if (by_length_.size() <= name.size()) by_length_.resize(name.size() + 1);
    by_length_[name.size()].emplace_back(name, f);
  }
}

std::string CaseDecoder::expected(TypeId type) const {
  const TypeTable& ty = p_.types;
  TypeId t = ty.strip_optional(type);
  switch (ty.kind(t)) {
    case TypeKind::bool_:
      return "true or false";
    case TypeKind::int_:
      return "an integer";
    case TypeKind::string:
      return "a string";
    case TypeKind::date:
      return "a date such as \"2026-11-20\"";
    case TypeKind::datetime:
      return "an RFC 3339 date-time with offset, such as \"2026-11-20T16:30:00-08:00\"";
    case TypeKind::enum_: {
      std::string out = "one of ";
      const EnumDef& e = p_.enums[ty.info(t).ref];
      for (size_t i = 0; i < e.values.size(); ++i)
        out += (i ? ", \"" : "\"") + e.values[i].json + "\"";
      return out;
    }
    case TypeKind::set:
      return "an array of " + expected(ty.info(t).elem);
    case TypeKind::calendar: {
      std::string out = "one of ";
      for (size_t i = 0; i < p_.calendars.size(); ++i)
        out += (i ? ", \"" : "\"") + p_.calendars[i].name + "\"";
      return out;
    }
    default:
      return "a value of type `" + p_.type_name(type) + "`";
  }
}

std::string CaseDecoder::suggestion(const std::string& field) const {
  std::vector<std::string> names;
  names.reserve(by_json_.size());
  for (const auto& [name, _] : by_json_) names.push_back(name);
  std::optional<std::string> best = did_you_mean(field, names);
  return best ? fmt::format(" (did you mean \"{}\"?)", *best) : "";
}

bool CaseDecoder::decode_value(const std::string& field, TypeId type, const nlohmann::json& j,
                               Case& c, Value& out, std::string& error) const {
  const TypeTable& ty = p_.types;
  TypeId t = ty.strip_optional(type);
  auto fail = [&](const std::string& what) {
    error = fmt::format("field \"{}\": expected {}, found {}", field, what, show_json(j));
    return false;
  };
  switch (ty.kind(t)) {
    case TypeKind::bool_:
      if (!j.is_boolean()) return fail(expected(type));
      out = Value::boolean(j.get<bool>());
      return true;
    case TypeKind::int_:
      if (!j.is_number_integer()) return fail(expected(type));
      if (j.is_number_unsigned() && j.get<uint64_t>() > static_cast<uint64_t>(INT64_MAX))
        return fail(expected(type));
      out = Value::integer(j.get<int64_t>());
      return true;
    case TypeKind::string:
      if (!j.is_string()) return fail(expected(type));
      c.strings.push_back(j.get<std::string>());
      out = Value::string(c.strings.back());
      return true;
    case TypeKind::date: {
      if (!j.is_string()) return fail(expected(type));
      auto d = civil::parse_date(j.get_ref<const std::string&>());
      if (!d) return fail(expected(type));
      out = Value::date(*d);
      return true;
    }
    case TypeKind::datetime: {
      if (!j.is_string()) return fail(expected(type));
      auto d = civil::parse_datetime(j.get_ref<const std::string&>());
      if (!d) return fail(expected(type));
      out = Value::datetime(d->epoch_seconds, d->offset_minutes);
      return true;
    }
    case TypeKind::enum_: {
      if (!j.is_string()) return fail(expected(type));
      uint32_t ei = ty.info(t).ref;
      const EnumDef& e = p_.enums[ei];
      const std::string& s = j.get_ref<const std::string&>();
      for (size_t i = 0; i < e.values.size(); ++i) {
        if (e.values[i].json == s) {
          out = Value::enumeration(ei, static_cast<uint32_t>(i));
          return true;
        }
      }
      return fail(expected(type));
    }
    case TypeKind::set: {
      if (!j.is_array()) return fail(expected(type));
      Value set;
      set.kind = ValueKind::set;
      TypeId elem = ty.info(t).elem;
      set.aux = static_cast<int32_t>(ty.info(elem).ref);
      for (const nlohmann::json& item : j) {
        Value v;
        if (!decode_value(field, elem, item, c, v, error)) return false;
        set.u.bits |= uint64_t{1} << v.u.i;
      }
      out = set;
      return true;
    }
    case TypeKind::calendar: {
      if (!j.is_string()) return fail(expected(type));
      int32_t ci = p_.find_calendar(j.get_ref<const std::string&>());
      if (ci == k_none) return fail(expected(type));
      out = Value::handle(ValueKind::calendar, static_cast<uint32_t>(ci));
      return true;
    }
    default:
      error = fmt::format("field \"{}\": facts of type `{}` cannot be read from JSON", field,
                          p_.type_name(type));
      return false;
  }
}

bool CaseDecoder::decode_fact(uint32_t f, const nlohmann::json& j, Case& c,
                              std::string& error) const {
  const Var& var = p_.vars[f];
  if (c.facts.size() < p_.vars.size()) c.facts.resize(p_.vars.size());
  if (j.is_null()) {
    c.facts[f] = Value::unknown();  // null means the same as an absent field
    return true;
  }
  Value v;
  if (!decode_value(var.json, var.type, j, c, v, error)) return false;
  if (v.kind == ValueKind::int_ &&
      ((var.range_lo && v.u.i < *var.range_lo) || (var.range_hi && v.u.i > *var.range_hi))) {
    error = fmt::format("field \"{}\": expected an integer from {} to {}, found {}", var.json,
                        var.range_lo ? fmt::format("{}", *var.range_lo) : "-inf",
                        var.range_hi ? fmt::format("{}", *var.range_hi) : "+inf", show_json(j));
    return false;
  }
  c.facts[f] = v;
  return true;
}

bool CaseDecoder::decode(const nlohmann::json& j, Case& c, std::string& error) const {
  c.facts.assign(p_.vars.size(), Value::unknown());
  c.strings.clear();
  if (!j.is_object()) {
    error = fmt::format("expected a JSON object (a sop.case/1 case), found {}", json_kind(j));
    return false;
  }
  for (const auto& [key, value] : j.items()) {
    auto it = by_json_.find(key);
    if (it == by_json_.end()) {
      // Shown as JSON, shortened: the key is the sender's text, and may be long or hold quotes
      // and newlines.
      error = fmt::format("unknown field {}{}", show_json(key), suggestion(key));
      return false;
    }
    if (!decode_fact(it->second, value, c, error)) return false;
  }
  return true;
}

namespace {

// A case is an object of facts whose values are scalars or arrays of them; nesting is bounded so
// that no deeply nested value reaches code that recurses over it (nlohmann's dump among them).
constexpr int k_max_json_depth = 64;

// nlohmann's own DOM builder, with two changes: nesting deeper than k_max_json_depth stops the
// parse, and an error is kept with the byte position where it happened instead of thrown (an
// out_of_range error, such as a number too large for a double, carries no position of its own).
class CaseSax : public nlohmann::detail::json_sax_dom_parser<nlohmann::json> {
  using Base = nlohmann::detail::json_sax_dom_parser<nlohmann::json>;

 public:
  explicit CaseSax(nlohmann::json& j) : Base(j, false) {}
  bool start_object(std::size_t n) { return enter() && Base::start_object(n); }
  bool end_object() {
    --depth_;
    return Base::end_object();
  }
  bool start_array(std::size_t n) { return enter() && Base::start_array(n); }
  bool end_array() {
    --depth_;
    return Base::end_array();
  }
  // A field given twice is refused, rather than one of its values silently winning.
  bool key(std::string& k) {
    if (depth_ == 1 && !keys_.insert(k).second) {
      duplicate = k;
      return false;
    }
    return Base::key(k);
  }
  template <class Exception>
  bool parse_error(std::size_t position, const std::string& /*token*/, const Exception& e) {
    error_at = position > 0 ? position - 1 : 0;
    error = e.what();
    return false;
  }

  bool too_deep = false;
  std::optional<std::string> duplicate;
  size_t error_at = 0;
  std::string error;  // nlohmann's message, if the parse failed

 private:
  bool enter() {
    too_deep = ++depth_ > k_max_json_depth;
    return !too_deep;
  }
  int depth_ = 0;
  std::unordered_set<std::string> keys_;  // of the case object
};

// Where the first bracket that opens more than k_max_json_depth levels is (strings skipped).
size_t too_deep_offset(std::string_view text) {
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char ch = text[i];
    if (in_string) {
      if (ch == '\\')
        ++i;
      else if (ch == '"')
        in_string = false;
    } else if (ch == '"') {
      in_string = true;
    } else if (ch == '[' || ch == '{') {
      if (++depth > k_max_json_depth) return i;
    } else if (ch == ']' || ch == '}') {
      --depth;
    }
  }
  return text.size();
}

// `text` cut to at most `max` bytes at a character boundary, with bytes that are not UTF-8
// written as \xNN: a message quotes the sender's bytes, and must stay readable and valid.
std::string printable(std::string_view text, size_t max) {
  std::string out;
  size_t i = 0;
  while (i < text.size() && out.size() < max) {
    auto b = static_cast<unsigned char>(text[i]);
    size_t n = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
    bool ok = n > 0 && i + n <= text.size();
    for (size_t k = 1; ok && k < n; ++k)
      ok = (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
    if (ok) {
      out.append(text.substr(i, n));
      i += n;
    } else {
      out += fmt::format("\\x{:02X}", b);
      ++i;
    }
  }
  if (i < text.size()) out += "...";
  return out;
}

}  // namespace

bool CaseDecoder::decode_text(std::string_view text, Case& c, std::string& error) const {
  if (decode_fast(text, c)) return true;
  nlohmann::json j;
  CaseSax sax(j);
  if (!nlohmann::json::sax_parse(text.begin(), text.end(), &sax)) {
    if (sax.duplicate) {
      error = fmt::format("field {} is given twice", show_json(*sax.duplicate));
      return false;
    }
    size_t at = sax.too_deep ? too_deep_offset(text) : std::min(sax.error_at, text.size());
    // Turn the byte offset into a line and column.
    size_t line = 1, col = 1;
    for (size_t i = 0; i < at; ++i) {
      if (text[i] == '\n') {
        ++line;
        col = 1;
      } else {
        ++col;
      }
    }
    std::string detail;
    if (sax.too_deep) {
      detail = fmt::format("nested more than {} levels deep", k_max_json_depth);
    } else {
      // nlohmann's text is "[json.exception.parse_error.101] parse error at line …, column …:
      // detail" or "[json.exception.out_of_range.406] detail"; its detail may end in
      // "last read: '…'", which quotes the input and may hold a colon.
      std::string_view what = sax.error;
      if (size_t b = what.find("] "); b != std::string_view::npos) what.remove_prefix(b + 2);
      if (what.rfind("parse error", 0) == 0) {
        if (size_t colon = what.find(": "); colon != std::string_view::npos)
          what.remove_prefix(colon + 2);
      }
      detail = printable(what, 160);
    }
    error = fmt::format("invalid JSON at line {}, column {}: {}", line, col, detail);
    return false;
  }
  return decode(j, c, error);
}

std::string CaseDecoder::string_field(std::string_view text, uint32_t fact) const {
  // Through the same guarded parse as decode_text: bounded depth, no exceptions.
  nlohmann::json j;
  CaseSax sax(j);
  if (!nlohmann::json::sax_parse(text.begin(), text.end(), &sax) || !j.is_object()) return "";
  auto it = j.find(p_.vars[fact].json);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

}  // namespace sop
