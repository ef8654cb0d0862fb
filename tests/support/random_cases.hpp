#pragma once
// Seeded random cases for a program, built from the facts it declares (their JSON names and
// types), so that renderers and decoders can be held to one another on many cases without a
// fixture per plan. Each fact is given, left out, or null; values cover every kind the case
// format carries, including strings that need escaping.
#include <random>
#include <string>

#include <nlohmann/json.hpp>

#include "lang/program.hpp"

namespace sop::testing {

inline nlohmann::json random_case(const Program& p, std::mt19937& rng) {
  auto pick = [&](size_t n) { return static_cast<size_t>(rng() % n); };
  static const char* k_strings[] = {"orthopedic_surgery", "",
                                    "a \"quoted\" id",    "tab\tand\nnewline",
                                    "caf\u00e9 \u2713",   "back\\slash",
                                    "\x01\x1f control"};
  nlohmann::json c = nlohmann::json::object();
  for (uint32_t f : p.facts) {
    const Var& v = p.vars[f];
    size_t roll = pick(10);
    if (roll == 0) continue;                    // absent
    if (roll == 1) c[v.json] = nullptr;         // null, the same as absent
    TypeId t = p.types.strip_optional(v.type);  // roll >= 2: a value
    if (roll == 1) continue;
    switch (p.types.kind(t)) {
      case TypeKind::bool_:
        c[v.json] = pick(2) == 0;
        break;
      case TypeKind::int_: {
        int64_t lo = v.range_lo.value_or(-1000), hi = v.range_hi.value_or(1000);
        c[v.json] = lo + static_cast<int64_t>(pick(static_cast<size_t>(hi - lo + 1)));
        break;
      }
      case TypeKind::string:
        c[v.json] = k_strings[pick(std::size(k_strings))];
        break;
      case TypeKind::date:
        c[v.json] = "2026-1" + std::to_string(pick(3)) + "-0" + std::to_string(1 + pick(9));
        break;
      case TypeKind::datetime:
        c[v.json] = "2026-1" + std::to_string(pick(3)) + "-1" + std::to_string(pick(10)) + "T0" +
                    std::to_string(pick(10)) + ":30:00" + (pick(2) ? "-08:00" : "Z");
        break;
      case TypeKind::enum_: {
        const EnumDef& e = p.enums[p.types.info(t).ref];
        c[v.json] = e.values[pick(e.values.size())].json;
        break;
      }
      case TypeKind::set: {
        const EnumDef& e = p.enums[p.types.info(p.types.info(t).elem).ref];
        nlohmann::json items = nlohmann::json::array();
        for (const auto& item : e.values)
          if (pick(2)) items.push_back(item.json);
        c[v.json] = items;
        break;
      }
      case TypeKind::calendar:
        if (!p.calendars.empty()) c[v.json] = p.calendars[pick(p.calendars.size())].name;
        break;
      default:
        break;
    }
  }
  return c;
}

}  // namespace sop::testing
