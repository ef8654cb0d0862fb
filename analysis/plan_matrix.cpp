#include "analysis/plan_matrix.hpp"

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

namespace sop::analysis {

namespace {

// A component's value in one plan, as compared.
struct Part {
  nlohmann::json value;
  int32_t cite = k_none;
  bool no_item = false;  // an item it lies inside is absent: the item's own row says so
  uint8_t no_value = 0;  // why `value` is null, for text only: not compared
  bool operator==(const Part& o) const {
    return value == o.value && cite == o.cite && no_item == o.no_item;
  }
};

using Parts = std::map<std::string, OutputComponent>;

Part lookup(const Parts& parts, const std::string& component) {
  for (const std::string& item : enclosing_items(component))
    if (!parts.count(item)) return {nullptr, k_none, true};
  auto it = parts.find(component);
  nlohmann::json value = it == parts.end() ? nullptr : it->second.value;  // absent: no value
  uint8_t no_value = no_value_of(
      component, value, [&](const std::string& q) { return parts.count(q) > 0; },
      [&](const std::string& q) { return parts.at(q).unknown; });
  return {value, it == parts.end() ? k_none : it->second.cite_rule, false, no_value};
}

Parts parts_of(Evaluator& ev, const Var& var, Value value, int32_t rule) {
  if (value.is_unknown() && var.unknown_as != k_none)
    value = ev.eval(static_cast<NodeIndex>(var.unknown_as));
  std::vector<OutputComponent> flat;
  output_components(ev, value, var.type, var.json, rule, flat);
  Parts out;
  for (OutputComponent& c : flat) out[c.path] = std::move(c);
  return out;
}

// Outputs the plans write, matched by JSON name, in declaration order (the first plan's, then
// any only later plans have). Bookkeeping derived from the header or the case itself (plan id,
// policy number, case id) is not a determination and is left out.
std::vector<std::pair<std::string, std::vector<int32_t>>> outputs_of(
    const std::vector<const Program*>& programs) {
  std::vector<std::pair<std::string, std::vector<int32_t>>> out;
  for (const Program* p : programs) {
    for (uint32_t o : p->outputs) {
      const Var& v = p->vars[o];
      if (v.derive_node != k_none && p->nodes[v.derive_node].op != Op::make_record) continue;
      if (std::any_of(out.begin(), out.end(), [&](const auto& x) { return x.first == v.json; }))
        continue;
      std::vector<int32_t> vars;
      for (const Program* q : programs) {
        int32_t found = k_none;
        for (uint32_t x : q->outputs)
          if (q->vars[x].json == v.json) found = static_cast<int32_t>(x);
        vars.push_back(found);
      }
      out.emplace_back(v.json, std::move(vars));
    }
  }
  return out;
}

// The citation a `first` output's value carries when it is not a record with its own: the
// rule that decided it (what the symbolic evaluator records as the alternative's rule).
int32_t deciding_rule(const Evaluator& ev, uint32_t var) {
  const Program& p = ev.program();
  const Var& v = p.vars[var];
  if (v.definition == k_none || p.definitions[v.definition].combinator != Combinator::first)
    return k_none;
  int32_t rule = k_none;
  for (const TraceEntry& t : ev.trace())
    if (t.var == var) rule = static_cast<int32_t>(t.rule);
  return rule;
}

}  // namespace

PlanMatrix plan_matrix(const std::vector<const Program*>& programs, const MatrixOptions& options) {
  PlanMatrix out;
  out.complete_cases = options.complete_cases;
  for (const Program* p : programs) out.plans.push_back(p->plan_id);
  CaseSpace space(programs);
  auto outputs = outputs_of(programs);
  for (const auto& [name, vars] : outputs)
    for (size_t p = 0; p < programs.size(); ++p)
      if (vars[p] == k_none)
        out.notes.push_back(fmt::format("`{}` is not an output of {}", name, out.plans[p]));
  for (const FactDomain& d : space.facts())
    if (std::count(d.var.begin(), d.var.end(), k_none) > 0)
      out.notes.push_back(fmt::format("fact `{}` is not declared by every plan", d.json));

  Bdd bdd(FactEncoding::vars_needed(space));
  FactEncoding enc(space, bdd);
  CaseDomain domain = case_domain(space, enc, bdd, options.complete_cases);
  std::vector<std::unique_ptr<SymbolicEvaluator>> sym;
  for (size_t p = 0; p < programs.size(); ++p)
    sym.push_back(std::make_unique<SymbolicEvaluator>(*programs[p], p, space, enc, bdd));
  // Concrete evaluators, to confirm every witness the ordinary way.
  std::vector<std::unique_ptr<Evaluator>> evs;
  std::vector<std::unique_ptr<CaseDecoder>> decs;
  for (const Program* p : programs) {
    evs.push_back(std::make_unique<Evaluator>(*p));
    decs.push_back(std::make_unique<CaseDecoder>(*p));
  }

  for (const auto& [name, vars] : outputs) {
    OutputSummary summary;
    summary.output = name;
    // Each plan's alternatives for the output, taken apart into components.
    struct Alternative {
      Bdd::Ref guard;
      Parts parts;
    };
    std::vector<std::vector<Alternative>> alts(programs.size());
    std::vector<std::string> components;
    std::set<std::string> seen;
    for (size_t p = 0; p < programs.size(); ++p) {
      if (vars[p] == k_none) {
        alts[p].push_back({enc.universe(), {}});
        continue;
      }
      const Var& v = programs[p]->vars[vars[p]];
      for (const Alt& a : sym[p]->var(static_cast<uint32_t>(vars[p]))) {
        Alternative alt{a.guard, parts_of(sym[p]->evaluator(), v, a.value, a.rule)};
        for (const auto& [c, x] : alt.parts)
          if (seen.insert(c).second) components.push_back(c);
        alts[p].push_back(std::move(alt));
      }
    }
    // Constant: every plan, one value (citations aside) in every case of the domain.
    {
      std::set<std::string> distinct;
      for (size_t p = 0; p < programs.size(); ++p) {
        for (const Alternative& a : alts[p]) {
          if (bdd.conj(a.guard, domain.cases) == Bdd::k_false) continue;
          nlohmann::json j = nlohmann::json::object();
          for (const auto& [c, x] : a.parts) j[c] = x.value;
          distinct.insert(j.dump());
          if (distinct.size() == 1) summary.value = j;
        }
      }
      summary.constant = distinct.size() == 1;
    }
    for (const std::string& component : components) {
      // Each plan's values of the component, equal ones merged, so products stay small.
      std::vector<std::vector<std::pair<Bdd::Ref, Part>>> parts(programs.size());
      for (size_t p = 0; p < programs.size(); ++p) {
        for (const Alternative& a : alts[p]) {
          Part x = lookup(a.parts, component);
          // Why a value is null is told only of the cases compared (complete cases by default
          // have no unknowns).
          if (bdd.conj(a.guard, domain.cases) == Bdd::k_false) x.no_value = 0;
          auto same = std::find_if(parts[p].begin(), parts[p].end(),
                                   [&](const auto& y) { return y.second == x; });
          if (same != parts[p].end()) {
            same->first = bdd.disj(same->first, a.guard);
            same->second.no_value |= x.no_value;
          } else {
            parts[p].push_back({a.guard, std::move(x)});
          }
        }
      }
      // The cells: every combination of the plans' values whose case sets overlap. Taken over
      // every case (not only the domain's), so that a witness can drop fields the cell does not
      // need.
      struct Cell {
        std::vector<nlohmann::json> values;
        Bdd::Ref cases = Bdd::k_false;
        std::vector<std::set<int32_t>> cites;  // per plan: every citation met in the cell
        std::vector<uint8_t> no_value;         // per plan: NoValue bits met in the cell
        Bdd::Ref cited = Bdd::k_false;         // the cases whose citations are those
      };
      std::map<std::string, Cell> cells;
      std::vector<const Part*> chosen(programs.size());
      size_t nodes = 0;
      std::function<void(size_t, Bdd::Ref)> each = [&](size_t p, Bdd::Ref g) {
        if (g == Bdd::k_false) return;
        if (++nodes > options.max_nodes) {
          out.complete = false;
          return;
        }
        if (p < programs.size()) {
          for (const auto& [guard, x] : parts[p]) {
            chosen[p] = &x;
            each(p + 1, bdd.conj(g, guard));
          }
          return;
        }
        std::vector<nlohmann::json> values;
        for (const Part* x : chosen) {
          if (x->no_item) return;
          values.push_back(x->value);
        }
        if (std::all_of(values.begin(), values.end(),
                        [&](const nlohmann::json& v) { return v == values[0]; }))
          return;
        Cell& cell = cells[nlohmann::json(values).dump()];
        if (cell.values.empty()) {
          cell.values = values;
          cell.cites.resize(programs.size());
          cell.no_value.resize(programs.size());
        }
        cell.cases = bdd.disj(cell.cases, g);
        // Citations are collected only where the cell meets the domain: those are the ones
        // the row's cases show.
        if (bdd.conj(g, domain.cases) != Bdd::k_false) {
          for (size_t q = 0; q < programs.size(); ++q) {
            cell.cites[q].insert(chosen[q]->cite);
            cell.no_value[q] |= chosen[q]->no_value;
          }
          cell.cited = bdd.disj(cell.cited, g);
        }
      };
      each(0, enc.universe());

      size_t listed = 0, found = 0;
      for (auto& [key, cell] : cells) {
        Bdd::Ref inside = bdd.conj(cell.cases, domain.cases);
        if (inside == Bdd::k_false) continue;
        ++found;
        ++summary.rows;
        if (options.max_rows && listed >= options.max_rows) continue;
        ++listed;
        MatrixRow row;
        row.output = name;
        row.component = component;
        row.values = cell.values;
        row.no_value = cell.no_value;
        for (const std::set<int32_t>& c : cell.cites) row.cites.emplace_back(c.begin(), c.end());
        CaseCover cover =
            cover_cases(inside, cell.cases, domain, space, enc, bdd, options.max_cubes);
        for (const Region& r : cover.cubes) row.conditions.push_back(describe_cube(r, space));
        row.conditions_cut = cover.cut;
        row.cubes = cover.cubes;
        // The witness: a case of the first cube, then every field the cell can do without
        // (absent) dropped, so a reader sees what matters. It stays where the citations are the
        // ones the row lists.
        row.witness = witness_case(
            minimal_witness(cell.cited, cover.cubes[0], domain, space, enc, bdd), space);
        // Confirmed the ordinary way: decode the witness for each plan and evaluate it.
        row.confirmed = true;
        for (size_t p = 0; p < programs.size(); ++p) {
          Part got{nullptr, k_none, false};
          if (vars[p] != k_none) {
            nlohmann::json mine = nlohmann::json::object();
            for (const auto& [k, v] : row.witness.items())
              if (decs[p]->fields().count(k)) mine[k] = v;  // fields it declares
            Case c(*programs[p]);
            std::string error;
            if (!decs[p]->decode(mine, c, error)) {
              row.confirmed = false;
              continue;
            }
            uint32_t var = static_cast<uint32_t>(vars[p]);
            evs[p]->evaluate(c, true);
            got = lookup(parts_of(*evs[p], programs[p]->vars[var], evs[p]->value(var),
                                  deciding_rule(*evs[p], var)),
                         component);
          }
          if (got.no_item || got.value != row.values[p] ||
              std::find(row.cites[p].begin(), row.cites[p].end(), got.cite) == row.cites[p].end())
            row.confirmed = false;
        }
        out.rows.push_back(std::move(row));
      }
      if (listed < found)
        out.notes.push_back(
            fmt::format("`{}`: {} rows, the first {} listed", component, found, listed));
    }
    out.outputs.push_back(std::move(summary));
  }
  return out;
}

}  // namespace sop::analysis
