#include "interpreter/codec/json_schema.hpp"

namespace sop {

namespace {

using Json = nlohmann::ordered_json;

constexpr const char* k_draft = "https://json-schema.org/draft/2020-12/schema";

// `s` or null: a type list gains "null", an enumeration gains null; anything else is wrapped.
Json nullable(Json s) {
  if (s.contains("enum")) s["enum"].push_back(nullptr);
  if (s.contains("type") && s["type"].is_string()) {
    s["type"] = Json::array({s["type"], "null"});
    return s;
  }
  if (s.contains("type")) return s;
  return Json{{"anyOf", Json::array({std::move(s), Json{{"type", "null"}}})}};
}

Json enum_schema(const EnumDef& e) {
  Json values = Json::array();
  for (const auto& v : e.values) values.push_back(v.json);
  return Json{{"type", "string"}, {"enum", std::move(values)}};
}

Json type_schema(const Program& p, TypeId t) {
  const TypeInfo& info = p.types.info(t);
  switch (info.kind) {
    case TypeKind::null:
      return Json{{"type", "null"}};
    case TypeKind::bool_:
      return Json{{"type", "boolean"}};
    case TypeKind::int_:
      return Json{{"type", "integer"}};
    case TypeKind::string:
    case TypeKind::citation:
    case TypeKind::document:
    case TypeKind::duration:
      return Json{{"type", "string"}};
    case TypeKind::date:
      return Json{{"type", "string"}, {"format", "date"}};
    case TypeKind::datetime:
      return Json{{"type", "string"}, {"format", "date-time"}};
    case TypeKind::calendar: {
      Json names = Json::array();
      for (const CalendarDef& c : p.calendars) names.push_back(c.name);
      return Json{{"type", "string"}, {"enum", std::move(names)}};
    }
    case TypeKind::enum_:
      return enum_schema(p.enums[info.ref]);
    case TypeKind::record: {
      const RecordDef& r = p.records[info.ref];
      Json props = Json::object();
      Json required = Json::array();
      for (const auto& f : r.fields) {
        Json fs = type_schema(p, f.type);
        if (!f.doc.empty()) fs["description"] = f.doc;
        props[f.json] = std::move(fs);
        required.push_back(f.json);
      }
      Json s{{"type", "object"}};
      if (!r.doc.empty()) s["description"] = r.doc;
      s["properties"] = std::move(props);
      s["required"] = std::move(required);
      s["additionalProperties"] = false;
      return s;
    }
    case TypeKind::list:
      return Json{{"type", "array"}, {"items", type_schema(p, info.elem)}};
    case TypeKind::set:
      return Json{{"type", "array"}, {"items", type_schema(p, info.elem)}, {"uniqueItems", true}};
    case TypeKind::optional:
      return nullable(type_schema(p, info.elem));
    case TypeKind::union_: {
      Json any = Json::array();
      for (TypeId m : info.members) any.push_back(type_schema(p, m));
      return Json{{"anyOf", std::move(any)}};
    }
    case TypeKind::error:
      break;
  }
  return Json::object();
}

Json var_schema(const Program& p, const Var& v) {
  Json s = type_schema(p, v.type);
  if (v.range_lo) s["minimum"] = *v.range_lo;
  if (v.range_hi) s["maximum"] = *v.range_hi;
  if (!v.doc.empty()) s["description"] = v.doc;
  return s;
}

// A fact's declared default, where it is a constant (`= some_value`, `= 2`); a computed default
// (`= plan.calendar ?? …`) has no one value to show.
void add_default(const Program& p, const Var& v, Json& s) {
  if (v.default_node == k_none) return;
  const Node& n = p.nodes[static_cast<size_t>(v.default_node)];
  if (n.op != Op::constant) return;
  const Value& c = p.constants[n.a];
  switch (c.kind) {
    case ValueKind::bool_:
      s["default"] = c.u.b;
      return;
    case ValueKind::int_:
      s["default"] = c.u.i;
      return;
    case ValueKind::string:
      s["default"] = std::string(c.text());
      return;
    case ValueKind::enum_:
      s["default"] = p.enums[c.aux].values[static_cast<size_t>(c.u.i)].json;
      return;
    case ValueKind::calendar:
      s["default"] = p.calendars[c.aux].name;
      return;
    default:
      return;
  }
}

Json header(const std::string& id, const std::string& title) {
  return Json{{"$schema", k_draft}, {"$id", id}, {"title", title}, {"type", "object"}};
}

}  // namespace

Json case_schema(const Program& p) {
  Json s = header("sop.case/1", "A case: the facts a plan reads");
  Json props = Json::object();
  // A fact may be absent, and null means absent (an empty spreadsheet cell).
  for (uint32_t f : p.facts) {
    Json fs = nullable(var_schema(p, p.vars[f]));
    add_default(p, p.vars[f], fs);
    props[p.vars[f].json] = std::move(fs);
  }
  s["properties"] = std::move(props);
  s["additionalProperties"] = false;
  return s;
}

Json determination_schema(const Program& p) {
  Json s = header("sop.determination/1", "A determination: the outputs a plan computes");
  Json props = Json::object();
  Json required = Json::array();
  Json fact_names = Json::array();
  for (uint32_t f : p.facts) fact_names.push_back(p.vars[f].json);
  for (uint32_t o : p.outputs) {
    const Var& v = p.vars[o];
    // An output that depends on an unknown fact is null, unless it declares what unknown is.
    Json os = var_schema(p, v);
    props[v.json] = v.unknown_as == k_none ? nullable(std::move(os)) : std::move(os);
    required.push_back(v.json);
  }
  // Which version of the plan decided it (`plan ID version "LABEL" from DATE`): null for a plan
  // that states no version, whatever this program states, so one schema serves every version.
  props["version"] = Json{{"type", Json::array({"string", "null"})},
                          {"description", "the label of the plan's version that decided it"}};
  props["version_from"] =
      Json{{"type", Json::array({"string", "null"})},
           {"format", "date"},
           {"description", "the day the version that decided it is in force from"}};
  required.push_back("version");
  required.push_back("version_from");
  props["missing_facts"] = Json{
      {"type", "array"},
      {"description", "the unknown facts whose values would decide an output that is now null"},
      {"items", Json{{"type", "string"}, {"enum", fact_names}}},
      {"uniqueItems", true}};
  required.push_back("missing_facts");
  Json output_names = Json::array();
  for (uint32_t o : p.outputs) output_names.push_back(p.vars[o].json);
  props["trace"] =
      Json{{"type", "array"},
           {"description",
            "every rule that fired, with its citation, in evaluation order (absent when tracing is "
            "switched off)"},
           {"items", Json{{"type", "object"},
                          {"properties", Json{{"output", Json{{"type", "string"}}},
                                              {"rule", Json{{"type", "string"}}},
                                              {"cite", Json{{"type", "string"}}},
                                              {"baseline", Json{{"type", "string"}}}}},
                          {"required", Json::array({"output", "rule", "cite"})},
                          {"additionalProperties", false}}}};
  s["properties"] = std::move(props);
  s["required"] = std::move(required);
  s["additionalProperties"] = false;
  return s;
}

std::vector<std::string> case_field_names(const Program& p) {
  std::vector<std::string> names;
  for (uint32_t f : p.facts) names.push_back(p.vars[f].json);
  return names;
}

}  // namespace sop
