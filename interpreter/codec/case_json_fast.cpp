// CaseDecoder::decode_fast: one pass over the text of a case, straight into its facts, without
// a JSON tree. It accepts only what the general path (nlohmann's parser, then decode) accepts
// and decodes it to the same facts; for anything else (escapes, numbers that are not plain
// integers, unknown or repeated fields, values that do not decode, a byte-order mark, ...) it
// gives up and the general path decides, with its precise messages. So errors cost a second
// parse, and correct cases (nearly every line of a batch) cost one cheap scan.
// case_json_fast_test holds the two paths to the same result.
#include <charconv>
#include <cstring>

#include "interpreter/codec/case_json.hpp"
#include "interpreter/codec/json_scanner.hpp"
#include "interpreter/codec/json_text.hpp"
#include "lang/civil_time.hpp"

namespace sop {

int32_t CaseDecoder::fact_by_json(std::string_view name) const {
  if (name.size() >= by_length_.size()) return k_none;
  const auto& same_length = by_length_[name.size()];
  // Most lengths hold one or two names; the last byte tells those apart before a memcmp.
  for (const auto& [n, f] : same_length)
    if (!name.empty() && n.back() == name.back() &&
        std::memcmp(n.data(), name.data(), name.size()) == 0)
      return static_cast<int32_t>(f);
  if (name.empty())
    for (const auto& [n, f] : same_length) return static_cast<int32_t>(f);
  return k_none;
}

bool CaseDecoder::decode_fast(std::string_view text, Case& c) const {
  JsonScanner s{text.data(), text.data() + text.size()};
  if (!scan_case(s, c)) return false;
  s.ws();
  return s.p == s.end;
}

bool CaseDecoder::scan_case(JsonScanner& s, Case& c) const {
  c.facts.assign(p_.vars.size(), Value::unknown());
  c.strings.clear();
  if (!s.eat('{')) return false;
  // The facts given so far, to give up on a repeated field (the general path refuses it).
  uint64_t seen_small = 0;
  std::vector<uint8_t> seen_large;
  auto first_time = [&](uint32_t f) {
    if (f < 64) {
      bool fresh = !((seen_small >> f) & 1);
      seen_small |= uint64_t{1} << f;
      return fresh;
    }
    if (seen_large.empty()) seen_large.assign(p_.vars.size(), 0);
    bool fresh = !seen_large[f];
    seen_large[f] = 1;
    return fresh;
  };
  if (!s.eat('}')) {
    do {
      std::string_view key;
      if (!s.string(key) || !s.eat(':')) return false;
      int32_t f = fact_by_json(key);
      if (f == k_none || !first_time(static_cast<uint32_t>(f))) return false;
      const Var& var = p_.vars[f];
      s.ws();
      if (s.null()) continue;  // null is absent
      if (!scan_value(s, var.type, &var, c, c.facts[f])) return false;
    } while (s.eat(','));
    if (!s.eat('}')) return false;
  }
  return true;
}

bool CaseDecoder::scan_value(JsonScanner& s, TypeId type, const Var* var, Case& c,
                             Value& out) const {
  TypeId t = p_.types.strip_optional(type);
  switch (p_.types.kind(t)) {
    case TypeKind::bool_:
      if (s.literal("true", 4))
        out = Value::boolean(true);
      else if (s.literal("false", 5))
        out = Value::boolean(false);
      else
        return false;
      break;
    case TypeKind::int_: {
      int64_t i;
      if (!s.integer(i)) return false;
      if (var && ((var->range_lo && i < *var->range_lo) || (var->range_hi && i > *var->range_hi)))
        return false;
      out = Value::integer(i);
      break;
    }
    case TypeKind::string: {
      std::string_view v;
      if (!s.string(v)) return false;
      c.strings.emplace_back(v);
      out = Value::string(c.strings.back());
      break;
    }
    case TypeKind::date: {
      std::string_view v;
      if (!s.string(v)) return false;
      auto d = civil::parse_date(v);
      if (!d) return false;
      out = Value::date(*d);
      break;
    }
    case TypeKind::datetime: {
      std::string_view v;
      if (!s.string(v)) return false;
      auto d = civil::parse_datetime(v);
      if (!d) return false;
      out = Value::datetime(d->epoch_seconds, d->offset_minutes);
      break;
    }
    case TypeKind::enum_: {
      std::string_view v;
      if (!s.string(v)) return false;
      uint32_t ei = p_.types.info(t).ref;
      const EnumDef& e = p_.enums[ei];
      size_t i = 0;
      while (i < e.values.size() && e.values[i].json != v) ++i;
      if (i == e.values.size()) return false;
      out = Value::enumeration(ei, static_cast<uint32_t>(i));
      break;
    }
    case TypeKind::calendar: {
      std::string_view v;
      if (!s.string(v)) return false;
      int32_t ci = p_.find_calendar(v);
      if (ci == k_none) return false;
      out = Value::handle(ValueKind::calendar, static_cast<uint32_t>(ci));
      break;
    }
    case TypeKind::set: {
      TypeId elem = p_.types.info(t).elem;
      if (p_.types.kind(p_.types.strip_optional(elem)) != TypeKind::enum_) return false;
      const EnumDef& e = p_.enums[p_.types.info(p_.types.strip_optional(elem)).ref];
      Value set;
      set.kind = ValueKind::set;
      set.aux = static_cast<int32_t>(p_.types.info(p_.types.strip_optional(elem)).ref);
      if (!s.eat('[')) return false;
      if (!s.eat(']')) {
        do {
          std::string_view v;
          if (!s.string(v)) return false;
          size_t i = 0;
          while (i < e.values.size() && e.values[i].json != v) ++i;
          if (i == e.values.size()) return false;
          set.u.bits |= uint64_t{1} << i;
        } while (s.eat(','));
        if (!s.eat(']')) return false;
      }
      out = set;
      break;
    }
    default:
      return false;
  }
  return true;
}

}  // namespace sop
