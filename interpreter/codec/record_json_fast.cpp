// RecordDecoder::decode_fast: one pass over a record line, its case through the case decoder's
// own fast path, its fields through the same scanner and value reader. Like decode_fast for
// cases it accepts only what the general path accepts and decodes it to the same values; for
// anything else it gives up and the general path decides with its precise message
// (record_json_test holds the two paths to the same result).
#include "interpreter/codec/json_scanner.hpp"
#include "interpreter/codec/record_json.hpp"

namespace sop {

namespace {

// Extension values are skipped, not read; deeper ones go to the general path.
constexpr int k_max_skipped_depth = 16;

}  // namespace

bool RecordDecoder::scan_items(JsonScanner& s, TypeId item_type, RecordValues& r,
                               Value& out) const {
  TypeId t = p_.types.strip_optional(item_type);
  if (p_.types.kind(t) != TypeKind::record || !s.eat('[')) return false;
  const RecordDef& def = p_.records[p_.types.info(t).ref];
  out.kind = ValueKind::list;
  out.u.i = static_cast<int64_t>(r.item_count);
  out.aux = 0;
  if (s.eat(']')) return true;
  do {
    if (r.items.size() <= r.item_count) r.items.emplace_back();
    std::vector<Value>& item = r.items[r.item_count++];
    ++out.aux;
    item.assign(def.fields.size(), Value::unknown());
    uint64_t seen = 0;
    if (!s.eat('{')) return false;
    if (!s.eat('}')) {
      do {
        std::string_view key;
        if (!s.string(key) || !s.eat(':')) return false;
        size_t f = 0;
        while (f < def.fields.size() && def.fields[f].json != key) ++f;
        if (f == def.fields.size() || f >= 64 || ((seen >> f) & 1)) return false;
        seen |= uint64_t{1} << f;
        if (s.null()) continue;
        TypeId ft = p_.types.strip_optional(def.fields[f].type);
        if (p_.types.kind(ft) == TypeKind::list || p_.types.kind(ft) == TypeKind::record)
          return false;
        if (!cases_.scan_value(s, def.fields[f].type, nullptr, r.field_strings, item[f]))
          return false;
      } while (s.eat(','));
      if (!s.eat('}')) return false;
    }
    for (size_t f = 0; f < def.fields.size(); ++f)
      if (item[f].is_unknown() && !p_.types.is_optional(def.fields[f].type)) return false;
  } while (s.eat(','));
  return s.eat(']');
}

bool RecordDecoder::decode_fast(std::string_view text, RecordValues& r) const {
  const RecordDef& def = p_.records[record_];
  r.fields.assign(def.fields.size(), Value::unknown());
  r.item_count = 0;
  r.field_strings.strings.clear();
  JsonScanner s{text.data(), text.data() + text.size()};
  if (!s.eat('{')) return false;
  bool have_case = false;
  uint64_t seen = 0;
  std::vector<std::string_view>& extensions = r.extension_keys;
  extensions.clear();
  if (s.eat('}')) return false;  // no case
  do {
    std::string_view key;
    if (!s.string(key) || !s.eat(':')) return false;
    s.ws();
    if (key == case_key_) {
      if (have_case || !cases_.scan_case(s, r.kase)) return false;
      have_case = true;
      continue;
    }
    if (!extension_prefix_.empty() &&
        key.substr(0, extension_prefix_.size()) == extension_prefix_) {
      if (!s.skip_value(k_max_skipped_depth)) return false;
      continue;
    }
    int32_t f = field(key);
    if (f == k_none || f >= 64 || ((seen >> f) & 1)) return false;
    seen |= uint64_t{1} << f;
    if (s.null()) continue;
    const RecordDef::Field& fd = def.fields[static_cast<size_t>(f)];
    Value& out = r.fields[static_cast<size_t>(f)];
    TypeId t = p_.types.strip_optional(fd.type);
    bool ok = p_.types.kind(t) == TypeKind::list
                  ? scan_items(s, p_.types.info(t).elem, r, out)
                  : cases_.scan_value(s, fd.type, nullptr, r.field_strings, out);
    if (!ok) return false;
  } while (s.eat(','));
  if (!s.eat('}') || !have_case) return false;
  s.ws();
  return s.p == s.end;
}

}  // namespace sop
