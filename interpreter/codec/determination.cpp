#include "interpreter/codec/determination.hpp"

#include <fmt/format.h>

#include "interpreter/value_text.hpp"
#include "lang/civil_time.hpp"

namespace sop {

nlohmann::ordered_json value_json(const Evaluator& ev, const Value& v, TypeId type) {
  const Program& p = ev.program();
  using J = nlohmann::ordered_json;
  switch (v.kind) {
    case ValueKind::unknown:
    case ValueKind::null:
      return nullptr;
    case ValueKind::bool_:
      return v.u.b;
    case ValueKind::int_:
      return v.u.i;
    case ValueKind::string:
      return std::string(v.text());
    case ValueKind::date:
      return civil::format_date(static_cast<int32_t>(v.u.i));
    case ValueKind::datetime:
      return civil::format_datetime({v.u.i, v.aux});
    case ValueKind::duration:
      return duration_text(v);
    case ValueKind::enum_:
      return p.enums[v.aux].values[v.u.i].json;
    case ValueKind::citation:
      return p.rules[v.aux].cite;
    case ValueKind::document:
      return p.documents[v.aux].ref;
    case ValueKind::calendar:
      return p.calendars[v.aux].name;
    case ValueKind::set: {
      // Partial sets and lists are written with the members certainly in them.
      J arr = J::array();
      const EnumDef& e = p.enums[v.aux];
      for (size_t i = 0; i < e.values.size(); ++i)
        if (v.has_member(i)) arr.push_back(e.values[i].json);
      return arr;
    }
    case ValueKind::list: {
      J arr = J::array();
      TypeId et = p.types.item_type(type);
      for (int32_t i = 0; i < v.aux; ++i) {
        if (v.item_maybe(i)) continue;
        arr.push_back(value_json(ev, v.u.items[i], et));
      }
      return arr;
    }
    case ValueKind::record: {
      J obj = J::object();
      const RecordDef& r = p.records[v.aux];
      for (size_t i = 0; i < r.fields.size(); ++i)
        obj[r.fields[i].json] = value_json(ev, v.u.items[i], r.fields[i].type);
      return obj;
    }
  }
  return nullptr;
}

nlohmann::ordered_json determination_json(Evaluator& ev, const RenderOptions& options) {
  const Program& p = ev.program();
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  for (uint32_t o : p.outputs) {
    const Var& var = p.vars[o];
    Value v = ev.value(o);
    if (v.is_unknown() && var.unknown_as != k_none)
      v = ev.eval(static_cast<NodeIndex>(var.unknown_as));
    out[var.json] = value_json(ev, v, var.type);
  }
  // Which version of the plan decided it (docs/case-format-extensions.md); null where the plan
  // states none.
  out["version"] = p.version ? nlohmann::ordered_json(*p.version) : nullptr;
  out["version_from"] =
      p.in_force_from ? nlohmann::ordered_json(civil::format_date(*p.in_force_from)) : nullptr;
  nlohmann::ordered_json missing = nlohmann::ordered_json::array();
  for (uint32_t f : ev.missing_facts()) missing.push_back(p.vars[f].json);
  out["missing_facts"] = std::move(missing);
  if (options.trace) {
    nlohmann::ordered_json trace = nlohmann::ordered_json::array();
    for (const TraceEntry& t : ev.trace()) {
      const Rule& r = p.rules[t.rule];
      nlohmann::ordered_json e = nlohmann::ordered_json::object();
      e["output"] = p.vars[t.var].json;
      e["rule"] = r.display();
      e["cite"] = r.cite;
      if (!r.baseline_cite.empty()) e["baseline"] = r.baseline_cite;
      trace.push_back(std::move(e));
    }
    out["trace"] = std::move(trace);
  }
  return out;
}

std::string determination_text(Evaluator& ev, const RenderOptions& options) {
  const Program& p = ev.program();
  std::string out;
  if (p.is_plan) out += fmt::format("plan {}\n", p.plan_id);
  if (p.version) {
    out += fmt::format("version {}", *p.version);
    if (p.in_force_from) out += ", in force from " + civil::format_date(*p.in_force_from);
    out += options.version_note.empty() ? "\n" : fmt::format(" ({})\n", options.version_note);
  }
  std::vector<std::vector<const TraceEntry*>> by_var(p.vars.size());
  for (const TraceEntry& t : ev.trace()) by_var[t.var].push_back(&t);
  for (uint32_t o : p.outputs) {
    const Var& var = p.vars[o];
    Value v = ev.value(o);
    // Bookkeeping outputs derived from the header or case are shown only in JSON.
    if (var.derive_node != k_none && p.nodes[var.derive_node].op != Op::make_record) continue;
    if (v.is_unknown() && var.unknown_as != k_none)
      v = ev.eval(static_cast<NodeIndex>(var.unknown_as));
    if (v.is_partial()) {
      // As in JSON: the members certainly in; then those that unknown facts may add.
      Value certain = v, possible = v;
      certain.maybe = 0;
      possible.maybe = 0;
      if (v.kind == ValueKind::set) {
        certain.u.bits = v.u.bits;
        possible.u.bits = v.maybe;
        out += fmt::format("{}: {} (possibly also {})\n", var.name,
                           value_text(p, certain, var.type), value_text(p, possible, var.type));
      } else {
        std::string sure, maybe;
        TypeId et = p.types.item_type(var.type);
        for (int32_t i = 0; i < v.aux; ++i) {
          std::string item = value_text(p, v.u.items[i], et);
          std::string& into = v.item_maybe(i) ? maybe : sure;
          into += (into.empty() ? "" : ", ") + item;
        }
        out += fmt::format("{}: [{}] (possibly also [{}])\n", var.name, sure, maybe);
      }
    } else {
      out += fmt::format("{}: {}\n", var.name, value_text(p, v, var.type));
    }
    if (!options.trace) continue;
    // The rules behind it: its own, and for an assembled output, those of the defs it reads.
    std::vector<uint32_t> sources = {o};
    if (var.derive_node != k_none) {
      const Node& n = p.nodes[var.derive_node];
      for (uint32_t i = 0; i < n.c; ++i) {
        const Node& f = p.nodes[p.operands[n.b + i]];
        if (f.op == Op::var) sources.push_back(f.a);
      }
    }
    for (uint32_t s : sources) {
      for (const TraceEntry* t : by_var[s]) {
        const Rule& r = p.rules[t->rule];
        out += fmt::format(
            "    because {} [{}]{}\n", r.display(), r.cite,
            r.baseline_cite.empty() ? "" : fmt::format(" (baseline {})", r.baseline_cite));
      }
    }
  }
  std::vector<uint32_t> missing = ev.missing_facts();
  if (!missing.empty()) {
    std::string names;
    for (uint32_t f : missing) names += (names.empty() ? "" : ", ") + p.vars[f].json;
    out += fmt::format("missing facts: {}\n", names);
  }
  return out;
}

}  // namespace sop
