#include "interpreter/case_json.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "lang/civil_time.hpp"

namespace sop {

std::string show_json(const nlohmann::json& j) {
  std::string s = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (s.size() > 80) s = s.substr(0, 77) + "...";
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
  for (uint32_t f : p_.facts) by_json_.emplace(p_.vars[f].json, f);
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

static size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1])});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::string CaseDecoder::suggestion(const std::string& field) const {
  std::string best;
  size_t best_d = 3;
  for (const auto& [name, _] : by_json_) {
    size_t d = edit_distance(field, name);
    if (d < best_d || (d == best_d && !best.empty() && name < best)) {
      best_d = d;
      best = name;
    }
  }
  return best.empty() ? "" : fmt::format(" (did you mean \"{}\"?)", best);
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
      error = fmt::format("unknown field \"{}\"{}", key, suggestion(key));
      return false;
    }
    if (!decode_fact(it->second, value, c, error)) return false;
  }
  return true;
}

bool CaseDecoder::decode_text(std::string_view text, Case& c, std::string& error) const {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text.begin(), text.end());
  } catch (const nlohmann::json::parse_error& e) {
    // Turn the byte offset into a line and column.
    size_t at = std::min<size_t>(e.byte > 0 ? e.byte - 1 : 0, text.size());
    size_t line = 1, col = 1;
    for (size_t i = 0; i < at; ++i) {
      if (text[i] == '\n') {
        ++line;
        col = 1;
      } else {
        ++col;
      }
    }
    std::string what = e.what();
    // nlohmann's text is "[json.exception.parse_error.101] parse error at line …: detail".
    size_t colon = what.rfind(": ");
    std::string detail = colon == std::string::npos ? what : what.substr(colon + 2);
    error = fmt::format("invalid JSON at line {}, column {}: {}", line, col, detail);
    return false;
  }
  return decode(j, c, error);
}

}  // namespace sop
