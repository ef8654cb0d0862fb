#include "analysis/output_components.hpp"

#include "interpreter/codec/determination.hpp"
#include "interpreter/value_text.hpp"

namespace sop::analysis {

namespace {

// The citation field's rule, if the record has one and it is set.
int32_t own_cite(const Program& p, const Value& v, int32_t inherited) {
  const RecordDef& r = p.records[v.aux];
  for (size_t i = 0; i < r.fields.size(); ++i) {
    if (p.types.kind(p.types.strip_optional(r.fields[i].type)) != TypeKind::citation) continue;
    if (v.u.items[i].kind == ValueKind::citation) return v.u.items[i].aux;
  }
  return inherited;
}

bool is_citation(const Program& p, TypeId t) {
  return p.types.kind(p.types.strip_optional(t)) == TypeKind::citation;
}

std::string key_text(const nlohmann::ordered_json& v) {
  return v.is_string() ? v.get<std::string>() : v.dump();
}

}  // namespace

void output_components(const Evaluator& ev, const Value& v, TypeId type, const std::string& path,
                       int32_t cite_rule, std::vector<OutputComponent>& out) {
  const Program& p = ev.program();
  if (v.kind == ValueKind::record) {
    int32_t cite = own_cite(p, v, cite_rule);
    const RecordDef& r = p.records[v.aux];
    for (size_t i = 0; i < r.fields.size(); ++i) {
      if (is_citation(p, r.fields[i].type)) continue;
      output_components(ev, v.u.items[i], r.fields[i].type, path + "." + r.fields[i].json, cite,
                        out);
    }
    return;
  }
  if (v.kind == ValueKind::list) {
    TypeId s = p.types.strip_optional(type);
    TypeId et = p.types.kind(s) == TypeKind::list ? p.types.info(s).elem : 0;
    for (int32_t i = 0; i < v.aux; ++i) {
      if (v.item_maybe(i)) continue;  // certain items only
      const Value& item = v.u.items[i];
      if (item.kind != ValueKind::record) {
        out.push_back({path + "[" + key_text(value_json(ev, item, et)) + "]", true, cite_rule});
        continue;
      }
      const RecordDef& r = p.records[item.aux];
      int32_t cite = own_cite(p, item, cite_rule);
      std::string item_path;
      bool named = false;
      for (size_t f = 0; f < r.fields.size(); ++f) {
        if (is_citation(p, r.fields[f].type)) continue;
        if (!named) {
          item_path =
              path + "[" + key_text(value_json(ev, item.u.items[f], r.fields[f].type)) + "]";
          out.push_back({item_path, true, cite});
          named = true;
          continue;
        }
        output_components(ev, item.u.items[f], r.fields[f].type, item_path + "." + r.fields[f].json,
                          cite, out);
      }
    }
    return;
  }
  if (v.kind == ValueKind::set) {
    for (const auto& x : value_json(ev, v, type))  // certain members only
      out.push_back({path + "[" + key_text(x) + "]", true, cite_rule});
    return;
  }
  out.push_back({path, nlohmann::json(value_json(ev, v, type)), cite_rule, v.is_unknown()});
}

std::vector<std::string> enclosing_values(const std::string& path) {
  std::vector<std::string> out;
  for (size_t i = path.size(); i-- > 1;)
    if (path[i] == '.' || path[i] == '[') out.push_back(path.substr(0, i));
  return out;
}

std::string component_text(const std::string& path, const nlohmann::json& value, uint8_t no_value) {
  bool item = !path.empty() && path.back() == ']';
  if (!value.is_null()) {
    if (item || value.is_boolean()) return item || value.get<bool>() ? "yes" : "no";
    return value.is_string() ? value.get<std::string>() : value.dump();
  }
  // An item the list does not (certainly) hold is simply not there.
  std::string absent = item ? "no" : std::string(k_null_text);
  if (no_value == k_no_value_unknown) return std::string(k_unknown_text);
  if (no_value == (k_no_value_unknown | k_no_value_null))
    return std::string(k_unknown_text) + " or " + absent;
  return absent;
}

std::vector<std::string> enclosing_items(const std::string& path) {
  std::vector<std::string> out;
  for (size_t i = 0; i + 1 < path.size(); ++i)
    if (path[i] == ']' && path[i + 1] == '.') out.push_back(path.substr(0, i + 1));
  return out;
}

}  // namespace sop::analysis
