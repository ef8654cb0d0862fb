#include "interpreter/codec/record_json.hpp"

#include <fmt/format.h>

#include "lang/suggest.hpp"

namespace sop {

RecordDecoder::RecordDecoder(const Program& program, const CaseDecoder& cases, std::string case_key,
                             uint32_t record, std::string extension_prefix)
    : p_(program),
      cases_(cases),
      case_key_(std::move(case_key)),
      record_(record),
      extension_prefix_(std::move(extension_prefix)) {}

int32_t RecordDecoder::field(std::string_view json) const {
  const RecordDef& def = p_.records[record_];
  for (size_t i = 0; i < def.fields.size(); ++i)
    if (def.fields[i].json == json) return static_cast<int32_t>(i);
  return k_none;
}

std::string RecordDecoder::unknown_key(const std::string& key, const RecordDef& def,
                                       bool top) const {
  std::vector<std::string> names;
  if (top) names.push_back(case_key_);
  for (const auto& f : def.fields) names.push_back(f.json);
  std::optional<std::string> best = did_you_mean(key, names);
  return fmt::format("unknown field {}{}", show_json(key),
                     best ? fmt::format(" (did you mean \"{}\"?)", *best) : "");
}

bool RecordDecoder::decode_text(std::string_view text, RecordValues& r, std::string& error) const {
  if (decode_fast(text, r)) return true;
  nlohmann::json j;
  if (!parse_json_text(text, j, error)) return false;
  return decode(j, r, error);
}

bool RecordDecoder::decode(const nlohmann::json& j, RecordValues& r, std::string& error) const {
  const RecordDef& def = p_.records[record_];
  r.fields.assign(def.fields.size(), Value::unknown());
  r.item_count = 0;
  r.field_strings.strings.clear();
  if (!j.is_object()) {
    error = fmt::format("expected a JSON object with a \"{}\", found {}", case_key_, show_json(j));
    return false;
  }
  auto kase = j.find(case_key_);
  if (kase == j.end() || kase->is_null()) {
    error = fmt::format("field \"{}\" is missing: every record carries the case", case_key_);
    return false;
  }
  if (!cases_.decode(*kase, r.kase, error)) {
    error = fmt::format("field \"{}\": {}", case_key_, error);
    return false;
  }
  for (const auto& [key, value] : j.items()) {
    if (key == case_key_) continue;
    if (!extension_prefix_.empty() && key.rfind(extension_prefix_, 0) == 0) continue;
    int32_t f = field(key);
    if (f == k_none) {
      error = unknown_key(key, def, true);
      return false;
    }
    if (!decode_field(static_cast<uint32_t>(f), value, r, error)) return false;
  }
  return true;
}

bool RecordDecoder::decode_field(uint32_t f, const nlohmann::json& j, RecordValues& r,
                                 std::string& error) const {
  const RecordDef::Field& field = p_.records[record_].fields[f];
  if (j.is_null()) return true;  // null means the same as absent
  TypeId t = p_.types.strip_optional(field.type);
  if (p_.types.kind(t) == TypeKind::list)
    return decode_items(field.json, p_.types.info(t).elem, j, r, r.fields[f], error);
  return cases_.decode_typed(field.json, field.type, j, r.field_strings, r.fields[f], error);
}

bool RecordDecoder::decode_items(const std::string& name, TypeId item_type, const nlohmann::json& j,
                                 RecordValues& r, Value& out, std::string& error) const {
  TypeId t = p_.types.strip_optional(item_type);
  if (!j.is_array() || p_.types.kind(t) != TypeKind::record) {
    error = fmt::format("field \"{}\": expected an array of objects, found {}", name, show_json(j));
    return false;
  }
  out.kind = ValueKind::list;
  out.u.i = static_cast<int64_t>(r.item_count);
  out.aux = static_cast<int32_t>(j.size());
  for (size_t k = 0; k < j.size(); ++k) {
    if (r.items.size() <= r.item_count) r.items.emplace_back();
    std::vector<Value>& item = r.items[r.item_count++];
    std::string item_name = fmt::format("{}[{}]", name, k);
    if (!decode_item(item_name, p_.types.info(t).ref, j[k], r, item, error)) return false;
  }
  return true;
}

bool RecordDecoder::decode_item(const std::string& name, uint32_t record, const nlohmann::json& j,
                                RecordValues& r, std::vector<Value>& out,
                                std::string& error) const {
  const RecordDef& def = p_.records[record];
  out.assign(def.fields.size(), Value::unknown());
  if (!j.is_object()) {
    error = fmt::format("field \"{}\": expected an object, found {}", name, show_json(j));
    return false;
  }
  for (const auto& [key, value] : j.items()) {
    size_t f = 0;
    while (f < def.fields.size() && def.fields[f].json != key) ++f;
    if (f == def.fields.size()) {
      error = fmt::format("field \"{}\": {}", name, unknown_key(key, def, false));
      return false;
    }
    if (value.is_null()) continue;
    TypeId ft = p_.types.strip_optional(def.fields[f].type);
    if (p_.types.kind(ft) == TypeKind::list || p_.types.kind(ft) == TypeKind::record) {
      error = fmt::format("field \"{}.{}\": nested lists and records are not read", name, key);
      return false;
    }
    if (!cases_.decode_typed(name + "." + key, def.fields[f].type, value, r.field_strings, out[f],
                             error))
      return false;
  }
  for (size_t f = 0; f < def.fields.size(); ++f) {
    if (out[f].is_unknown() && !p_.types.is_optional(def.fields[f].type)) {
      error = fmt::format("field \"{}\": \"{}\" is missing (expected {})", name, def.fields[f].json,
                          cases_.expected(def.fields[f].type));
      return false;
    }
  }
  return true;
}

namespace {

// Past the JSON string that starts at text[i] (a '"'); npos if it does not end.
size_t skip_string(std::string_view text, size_t i) {
  for (++i; i < text.size(); ++i) {
    if (text[i] == '\\')
      ++i;
    else if (text[i] == '"')
      return i + 1;
  }
  return std::string_view::npos;
}

}  // namespace

std::optional<std::string_view> RecordDecoder::top_level_string(std::string_view text,
                                                                std::string_view key) {
  int depth = 0;
  size_t i = 0;
  while (i < text.size()) {
    char ch = text[i];
    if (ch == '"') {
      size_t end = skip_string(text, i);
      if (end == std::string_view::npos) return std::nullopt;
      std::string_view s = text.substr(i + 1, end - i - 2);
      i = end;
      if (depth != 1 || s != key) continue;
      while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
      if (i >= text.size() || text[i] != ':') continue;  // a value, not a key
      ++i;
      while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
      if (i >= text.size() || text[i] != '"') return std::nullopt;
      size_t vend = skip_string(text, i);
      if (vend == std::string_view::npos) return std::nullopt;
      std::string_view v = text.substr(i + 1, vend - i - 2);
      if (v.find('\\') != std::string_view::npos) return std::nullopt;
      return v;
    }
    if (ch == '{' || ch == '[') ++depth;
    if (ch == '}' || ch == ']') --depth;
    ++i;
  }
  return std::nullopt;
}

}  // namespace sop
