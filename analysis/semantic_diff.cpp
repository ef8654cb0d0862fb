#include "analysis/semantic_diff.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "analysis/case_cover.hpp"
#include "analysis/output_components.hpp"
#include "analysis/symbolic.hpp"
#include "interpreter/codec/case_json.hpp"
#include "interpreter/codec/determination.hpp"

namespace sop::analysis {

nlohmann::json semantic_json(const Evaluator& ev, const Value& v, TypeId type) {
  const Program& p = ev.program();
  if (v.kind == ValueKind::record) {
    nlohmann::json obj = nlohmann::json::object();
    const RecordDef& r = p.records[v.aux];
    for (size_t i = 0; i < r.fields.size(); ++i) {
      if (p.types.kind(p.types.strip_optional(r.fields[i].type)) == TypeKind::citation) continue;
      obj[r.fields[i].json] = semantic_json(ev, v.u.items[i], r.fields[i].type);
    }
    return obj;
  }
  if (v.kind == ValueKind::list) {
    nlohmann::json arr = nlohmann::json::array();
    TypeId s = p.types.strip_optional(type);
    TypeId et = p.types.kind(s) == TypeKind::list ? p.types.info(s).elem : 0;
    for (int32_t i = 0; i < v.aux; ++i) {
      if (v.item_maybe(i)) continue;  // as written: certain items only
      arr.push_back(semantic_json(ev, v.u.items[i], et));
    }
    return arr;
  }
  return value_json(ev, v, type);
}

namespace {

struct OutputRef {
  std::string json;
  std::vector<int32_t> var;  // per program
};

// Outputs every program writes, matched by JSON name; bookkeeping derived from the header or
// the case itself (plan id, policy number, case id) is not a determination and is left out.
std::vector<OutputRef> shared_outputs(const std::vector<const Program*>& programs) {
  std::vector<OutputRef> out;
  const Program& first = *programs[0];
  for (uint32_t o : first.outputs) {
    const Var& v = first.vars[o];
    if (v.derive_node != k_none && first.nodes[v.derive_node].op != Op::make_record) continue;
    OutputRef ref{v.json, {}};
    for (const Program* p : programs) {
      int32_t found = k_none;
      for (uint32_t x : p->outputs)
        if (p->vars[x].json == v.json) found = static_cast<int32_t>(x);
      ref.var.push_back(found);
    }
    out.push_back(std::move(ref));
  }
  return out;
}

struct Key {
  std::string component;
  std::string values;
  std::vector<int32_t> rules;
  bool operator<(const Key& k) const {
    return std::tie(component, values, rules) < std::tie(k.component, k.values, k.rules);
  }
};

}  // namespace

SemanticDiff semantic_diff(const std::vector<const Program*>& programs,
                           const DiffOptions& options) {
  SemanticDiff out;
  CaseSpace space(programs);
  std::vector<OutputRef> outputs = shared_outputs(programs);
  for (const OutputRef& o : outputs) {
    out.outputs.push_back(o.json);
    for (size_t p = 0; p < programs.size(); ++p)
      if (o.var[p] == k_none)
        out.notes.push_back(fmt::format("`{}` is not an output of plan {}", o.json, p + 1));
  }
  for (const FactDomain& d : space.facts()) {
    if (std::count(d.var.begin(), d.var.end(), k_none) > 0)
      out.notes.push_back(fmt::format("fact `{}` is not declared by every plan", d.json));
  }
  // Every output of every program over the whole case space, then every combination of the
  // programs' alternatives whose case sets overlap: where their components differ, that
  // overlap is a region of difference.
  Bdd bdd(FactEncoding::vars_needed(space));
  FactEncoding encoding(space, bdd);
  std::vector<std::unique_ptr<SymbolicEvaluator>> sym;
  for (size_t p = 0; p < programs.size(); ++p)
    sym.push_back(std::make_unique<SymbolicEvaluator>(*programs[p], p, space, encoding, bdd));
  struct Rendered {
    Bdd::Ref guard;
    std::map<std::string, nlohmann::json> parts;
    int32_t rule = k_none;
    std::set<std::string> unknown;  // the parts that are null because they are unknown
  };
  std::map<Key, std::pair<std::vector<nlohmann::json>, Bdd::Ref>> groups;
  std::map<Key, std::vector<uint8_t>> no_values;  // per group: NoValue bits per program
  std::map<std::string, size_t> rank;
  for (size_t o = 0; o < outputs.size(); ++o) {
    std::vector<std::vector<Rendered>> alts(programs.size());
    for (size_t p = 0; p < programs.size(); ++p) {
      int32_t var = outputs[o].var[p];
      if (var == k_none) {
        alts[p].push_back({encoding.universe(), {}, k_none, {}});
        continue;
      }
      const Var& v = programs[p]->vars[var];
      Evaluator& ev = sym[p]->evaluator();
      for (const Alt& a : sym[p]->var(static_cast<uint32_t>(var))) {
        Value value = a.value;
        if (value.is_unknown() && v.unknown_as != k_none)
          value = ev.eval(static_cast<NodeIndex>(v.unknown_as));
        std::vector<OutputComponent> flat;
        output_components(ev, value, v.type, outputs[o].json, k_none, flat);
        Rendered r{a.guard, {}, a.rule, {}};
        for (OutputComponent& c : flat) {
          if (c.unknown) r.unknown.insert(c.path);
          r.parts[c.path] = std::move(c.value);
        }
        alts[p].push_back(std::move(r));
      }
    }
    // Component by component: each program's alternatives projected on the component (equal
    // values merged), so the products stay small even when whole outputs have many values.
    std::vector<std::string> names;
    for (const auto& per : alts)
      for (const Rendered& r : per)
        for (const auto& [k, x] : r.parts) names.push_back(k);
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    struct Part {
      Bdd::Ref guard;
      nlohmann::json value;
      int32_t rule;
      uint8_t no_value;  // for text only: not compared
    };
    for (const std::string& name : names) {
      // Sub-fields of an item are compared only where every program has the item.
      size_t bracket = name.rfind(']');
      std::string item = bracket != std::string::npos && bracket + 1 < name.size()
                             ? name.substr(0, bracket + 1)
                             : "";
      std::vector<std::vector<Part>> parts(programs.size());
      for (size_t p = 0; p < programs.size(); ++p) {
        for (const Rendered& r : alts[p]) {
          auto it = r.parts.find(name);
          nlohmann::json v = it == r.parts.end() ? nlohmann::json(nullptr) : it->second;
          if (!item.empty() && !r.parts.count(item)) v = "(no item)";
          uint8_t no_value = no_value_of(
              name, v, [&](const std::string& q) { return r.parts.count(q) > 0; },
              [&](const std::string& q) { return r.unknown.count(q) > 0; });
          auto same = std::find_if(parts[p].begin(), parts[p].end(),
                                   [&](const Part& x) { return x.value == v && x.rule == r.rule; });
          if (same != parts[p].end()) {
            same->guard = bdd.disj(same->guard, r.guard);
            same->no_value |= no_value;
          } else {
            parts[p].push_back({r.guard, v, r.rule, no_value});
          }
        }
      }
      // Two levels: first the programs' values (each value's guard the union of its parts),
      // pruning where they are equal or some program lacks the item; only where values differ,
      // the rules that decided them. Most parts agree in value and differ only in the rule that
      // decided them (two plans never share a rule), so this skips most of the product.
      struct ValueGroup {
        const nlohmann::json* value;
        Bdd::Ref guard;
        std::vector<const Part*> parts;
      };
      std::vector<std::vector<ValueGroup>> by_value(programs.size());
      for (size_t p = 0; p < programs.size(); ++p) {
        for (const Part& x : parts[p]) {
          auto same = std::find_if(by_value[p].begin(), by_value[p].end(),
                                   [&](const ValueGroup& vg) { return *vg.value == x.value; });
          if (same == by_value[p].end()) {
            by_value[p].push_back({&x.value, x.guard, {&x}});
          } else {
            same->guard = bdd.disj(same->guard, x.guard);
            same->parts.push_back(&x);
          }
        }
      }
      // A program that decides the component the same way as the first everywhere (the same
      // canonical guard for each value) cannot differ from it.
      bool all_same = true;
      for (size_t p = 1; p < programs.size() && all_same; ++p) {
        if (by_value[p].size() != by_value[0].size()) all_same = false;
        for (size_t k = 0; all_same && k < by_value[p].size(); ++k) {
          auto same = std::find_if(by_value[0].begin(), by_value[0].end(), [&](const auto& vg) {
            return *vg.value == *by_value[p][k].value;
          });
          all_same = same != by_value[0].end() && same->guard == by_value[p][k].guard;
        }
      }
      if (all_same) continue;
      auto is_no_item = [](const nlohmann::json& v) {
        return v.is_string() && v.get<std::string>() == "(no item)";
      };
      std::vector<const ValueGroup*> chosen_value(programs.size());
      std::vector<const Part*> chosen(programs.size());
      std::function<void(size_t, Bdd::Ref)> each_rule = [&](size_t p, Bdd::Ref g) {
        if (g == Bdd::k_false) return;
        if (++out.nodes > options.max_nodes) {
          out.complete = false;
          return;
        }
        if (p < programs.size()) {
          const ValueGroup& vg = *chosen_value[p];
          if (vg.parts.size() == 1) {  // g is already inside the value's guard
            chosen[p] = vg.parts[0];
            each_rule(p + 1, g);
            return;
          }
          for (const Part* x : vg.parts) {
            chosen[p] = x;
            each_rule(p + 1, bdd.conj(g, x->guard));
          }
          return;
        }
        std::vector<nlohmann::json> vals;
        std::vector<int32_t> rules;
        for (const Part* x : chosen) {
          vals.push_back(x->value);
          rules.push_back(x->rule);
        }
        Key key{name, nlohmann::json(vals).dump(), rules};
        auto [it, fresh] = groups.try_emplace(key, vals, Bdd::k_false);
        it->second.second = bdd.disj(it->second.second, g);
        std::vector<uint8_t>& no_value = no_values[key];
        no_value.resize(chosen.size());
        for (size_t q = 0; q < chosen.size(); ++q) no_value[q] |= chosen[q]->no_value;
        if (!rank.count(name)) rank[name] = o * 100000 + rank.size();
      };
      std::function<void(size_t, Bdd::Ref)> each_value = [&](size_t p, Bdd::Ref g) {
        if (g == Bdd::k_false) return;
        if (++out.nodes > options.max_nodes) {
          out.complete = false;
          return;
        }
        if (p < programs.size()) {
          for (const ValueGroup& vg : by_value[p]) {
            chosen_value[p] = &vg;
            each_value(p + 1, bdd.conj(g, vg.guard));
          }
          return;
        }
        bool equal = std::all_of(chosen_value.begin(), chosen_value.end(), [&](const auto* vg) {
          return *vg->value == *chosen_value[0]->value;
        });
        // A sub-field where some program lacks the item is covered by the item's own difference.
        bool missing_item = std::any_of(chosen_value.begin(), chosen_value.end(),
                                        [&](const auto* vg) { return is_no_item(*vg->value); });
        if (equal || missing_item) return;
        each_rule(0, g);
      };
      each_value(0, encoding.universe());
    }
  }
  // Regions as readable conditions: a cover of each group's case set by cubes
  // (analysis/case_cover.hpp), within every case of the space (absent facts included).
  std::map<Key, std::pair<std::vector<nlohmann::json>, std::vector<Region>>> regions;
  CaseDomain domain = case_domain(space, encoding, bdd, false);
  for (auto& [key, group] : groups) {
    CaseCover cover =
        cover_cases(group.second, group.second, domain, space, encoding, bdd, options.max_regions);
    // The difference is known exactly (the BDD); only its listing as regions stops here.
    if (cover.cut)
      out.notes.push_back(fmt::format("`{}`: more than {} regions; the rest are not listed",
                                      key.component, options.max_regions));
    regions[key] = {group.first, std::move(cover.cubes)};
  }
  std::vector<std::pair<Key, std::pair<std::vector<nlohmann::json>, std::vector<Region>>>> sorted(
      regions.begin(), regions.end());
  std::stable_sort(sorted.begin(), sorted.end(), [&](const auto& a, const auto& b) {
    return rank[a.first.component] < rank[b.first.component];
  });
  // Confirm each witness by evaluating it.
  std::vector<std::unique_ptr<Evaluator>> evs;
  std::vector<std::unique_ptr<CaseDecoder>> decs;
  for (const Program* p : programs) {
    evs.push_back(std::make_unique<Evaluator>(*p));
    decs.push_back(std::make_unique<CaseDecoder>(*p));
  }
  for (auto& [key, group] : sorted) {
    for (const Region& r : group.second) {
      Finding f;
      f.component = key.component;
      f.values = group.first;
      f.no_value = no_values[key];
      f.rules = key.rules;
      f.region = r;
      f.condition = describe_cube(r, space);
      f.witness = cube_case(r, domain, space);
      f.confirmed = true;
      for (size_t p = 0; p < programs.size(); ++p) {
        Case c(*programs[p]);
        std::string error;
        // Fields a program does not declare are left out for it.
        nlohmann::json mine = nlohmann::json::object();
        for (const auto& [k, v] : f.witness.items())
          if (decs[p]->fields().count(k)) mine[k] = v;
        if (!decs[p]->decode(mine, c, error)) {
          f.confirmed = false;
          continue;
        }
        evs[p]->evaluate(c, false);
        std::string output = key.component.substr(0, key.component.find_first_of(".["));
        std::vector<OutputComponent> flat;
        for (uint32_t o : programs[p]->outputs) {
          const Var& v = programs[p]->vars[o];
          if (v.json != output) continue;
          Value value = evs[p]->value(o);
          if (value.is_unknown() && v.unknown_as != k_none)
            value = evs[p]->eval(static_cast<NodeIndex>(v.unknown_as));
          output_components(*evs[p], value, v.type, output, k_none, flat);
        }
        nlohmann::json component = nullptr;
        for (OutputComponent& part : flat)
          if (part.path == key.component) component = std::move(part.value);
        if (component != f.values[p]) f.confirmed = false;
      }
      out.findings.push_back(std::move(f));
    }
  }
  return out;
}

}  // namespace sop::analysis
