#include "analysis/semantic_diff.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "analysis/case_cover.hpp"
#include "analysis/comparison.hpp"
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

struct Group {
  std::vector<nlohmann::json> values;
  std::vector<int32_t> rules;
  std::vector<uint8_t> no_value;
  Bdd::Ref cases = Bdd::k_false;
};

// A cell's cases grouped by the rules that decided the output in each program.
void group_by_rules(const Cell& cell, Bdd& bdd, std::vector<Group>& out) {
  std::map<std::vector<int32_t>, size_t> index;
  for (const Cell::Combination& c : cell.combinations) {
    std::vector<int32_t> rules;
    for (const ComponentValue* x : c.parts) rules.push_back(x->rule);
    auto [it, fresh] = index.try_emplace(rules, out.size());
    if (fresh)
      out.push_back({cell.values, rules, std::vector<uint8_t>(rules.size()), Bdd::k_false});
    Group& g = out[it->second];
    g.cases = bdd.disj(g.cases, c.cases);
    for (size_t q = 0; q < c.parts.size(); ++q) g.no_value[q] |= c.parts[q]->no_value;
  }
}

// Re-evaluates the finding's witness under each program: the component must have its values.
bool confirm(Comparison& cmp, const std::vector<size_t>& which, size_t o, const Finding& f) {
  for (size_t k = 0; k < which.size(); ++k) {
    std::optional<ComponentValue> got = cmp.concrete(f.witness, o, f.component, which[k]);
    if (!got || got->no_item || got->value != f.values[k]) return false;
  }
  return true;
}

}  // namespace

SemanticDiff semantic_diff(const std::vector<const Program*>& programs,
                           const DiffOptions& options) {
  Comparison cmp(programs, options.zone);
  std::vector<size_t> all(cmp.size());
  for (size_t p = 0; p < all.size(); ++p) all[p] = p;
  SemanticDiff out = semantic_diff(cmp, all, options);
  std::vector<std::string> names;
  for (size_t p = 0; p < cmp.size(); ++p) names.push_back(fmt::format("plan {}", p + 1));
  std::vector<std::string> notes = cmp.notes(names);
  out.notes.insert(out.notes.begin(), notes.begin(), notes.end());
  return out;
}

SemanticDiff semantic_diff(Comparison& cmp, const std::vector<size_t>& which,
                           const DiffOptions& options) {
  SemanticDiff out;
  // Regions as readable conditions: a cover of each group's case set by cubes
  // (analysis/case_cover.hpp), within every case of the space (absent facts included).
  CaseDomain domain = case_domain(cmp.space(), cmp.encoding(), cmp.bdd(), false);
  for (size_t o = 0; o < cmp.outputs().size(); ++o) {
    out.outputs.push_back(cmp.outputs()[o].json);
    for (const std::string& component : cmp.components(o)) {
      std::vector<Group> groups;
      for (const Cell& cell : cmp.cells(o, component, which, options.max_nodes, out.complete))
        group_by_rules(cell, cmp.bdd(), groups);
      std::stable_sort(groups.begin(), groups.end(), [](const Group& a, const Group& b) {
        return std::make_tuple(nlohmann::json(a.values).dump(), a.rules) <
               std::make_tuple(nlohmann::json(b.values).dump(), b.rules);
      });
      for (const Group& g : groups) {
        CaseCover cover = cover_cases(g.cases, g.cases, domain, cmp.space(), cmp.encoding(),
                                      cmp.bdd(), options.max_regions);
        // The difference is known exactly (the BDD); only its listing as regions stops here.
        if (cover.cut)
          out.notes.push_back(fmt::format("`{}`: more than {} regions; the rest are not listed",
                                          component, options.max_regions));
        for (const Region& r : cover.cubes) {
          Finding f{component,
                    g.values,
                    g.no_value,
                    g.rules,
                    r,
                    describe_cube(r, cmp.space()),
                    cube_case(r, domain, cmp.space()),
                    false};
          f.confirmed = confirm(cmp, which, o, f);
          out.findings.push_back(std::move(f));
        }
      }
    }
  }
  return out;
}

}  // namespace sop::analysis
