#include "analysis/comparison.hpp"

#include <algorithm>
#include <functional>
#include <set>

#include <fmt/format.h>

namespace sop::analysis {

namespace {

bool is_bookkeeping(const Program& p, const Var& v) {
  return v.derive_node != k_none && p.nodes[v.derive_node].op != Op::make_record;
}

std::vector<ComparedOutput> outputs_of(const std::vector<const Program*>& programs) {
  std::vector<ComparedOutput> out;
  for (const Program* p : programs) {
    for (uint32_t o : p->outputs) {
      const Var& v = p->vars[o];
      if (is_bookkeeping(*p, v)) continue;
      if (std::any_of(out.begin(), out.end(), [&](const auto& x) { return x.json == v.json; }))
        continue;
      ComparedOutput ref{v.json, {}};
      for (const Program* q : programs) {
        int32_t found = k_none;
        for (uint32_t x : q->outputs)
          if (q->vars[x].json == v.json) found = static_cast<int32_t>(x);
        ref.var.push_back(found);
      }
      out.push_back(std::move(ref));
    }
  }
  return out;
}

const OutputComponent* find_part(const std::vector<OutputComponent>& parts,
                                 const std::string& path) {
  auto it =
      std::lower_bound(parts.begin(), parts.end(), path,
                       [](const OutputComponent& c, const std::string& k) { return c.path < k; });
  return it != parts.end() && it->path == path ? &*it : nullptr;
}

// The component `c` of an alternative whose components are `parts`, as compared.
ComponentValue lookup(const std::vector<OutputComponent>& parts, const std::string& c,
                      int32_t rule) {
  ComponentValue out;
  out.rule = rule;
  for (const std::string& item : enclosing_items(c)) {
    if (!find_part(parts, item)) {
      out.no_item = true;
      return out;
    }
  }
  const OutputComponent* part = find_part(parts, c);
  out.value = part ? part->value : nlohmann::json(nullptr);  // absent: no value
  out.cite = part ? part->cite_rule : k_none;
  out.no_value = no_value_of(
      c, out.value, [&](const std::string& q) { return find_part(parts, q) != nullptr; },
      [&](const std::string& q) { return find_part(parts, q)->unknown; });
  return out;
}

// The citation a `first` output's value carries when it is not a record with its own: the rule
// that decided it (what the symbolic evaluator records as the alternative's rule).
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

Comparison::Comparison(std::vector<const Program*> programs, const TimeZone* zone)
    : programs_(std::move(programs)),
      space_(programs_, zone),
      bdd_(FactEncoding::vars_needed(space_)),
      encoding_(space_, bdd_),
      outputs_(outputs_of(programs_)) {
  for (size_t p = 0; p < programs_.size(); ++p) {
    symbolic_.push_back(
        std::make_unique<SymbolicEvaluator>(*programs_[p], p, space_, encoding_, bdd_));
    concrete_.push_back(std::make_unique<Evaluator>(*programs_[p]));
    decoders_.push_back(std::make_unique<CaseDecoder>(*programs_[p]));
  }
  alternatives_.assign(outputs_.size(),
                       std::vector<std::optional<std::vector<Alternative>>>(programs_.size()));
  components_.resize(outputs_.size());
}

std::vector<std::string> Comparison::notes(const std::vector<std::string>& names) const {
  std::vector<std::string> out;
  for (const ComparedOutput& o : outputs_)
    for (size_t p = 0; p < programs_.size(); ++p)
      if (o.var[p] == k_none)
        out.push_back(fmt::format("`{}` is not an output of {}", o.json, names[p]));
  for (const FactDomain& d : space_.facts())
    if (std::count(d.var.begin(), d.var.end(), k_none) > 0)
      out.push_back(fmt::format("fact `{}` is not declared by every plan", d.json));
  return out;
}

std::vector<OutputComponent> Comparison::parts_of(Evaluator& ev, const Var& var, Value value,
                                                  int32_t rule) const {
  if (value.is_unknown() && var.unknown_as != k_none)
    value = ev.eval(static_cast<NodeIndex>(var.unknown_as));
  std::vector<OutputComponent> flat;
  output_components(ev, value, var.type, var.json, rule, flat);
  std::stable_sort(
      flat.begin(), flat.end(),
      [](const OutputComponent& a, const OutputComponent& b) { return a.path < b.path; });
  return flat;
}

const std::vector<Comparison::Alternative>& Comparison::alternatives(size_t o, size_t p) {
  std::optional<std::vector<Alternative>>& memo = alternatives_[o][p];
  if (memo) return *memo;
  memo.emplace();
  int32_t var = outputs_[o].var[p];
  if (var == k_none) {
    memo->push_back({encoding_.universe(), {}, k_none});
    return *memo;
  }
  const Var& v = programs_[p]->vars[var];
  for (const Alt& a : symbolic_[p]->var(static_cast<uint32_t>(var)))
    memo->push_back({a.guard, parts_of(symbolic_[p]->evaluator(), v, a.value, a.rule), a.rule});
  return *memo;
}

const std::vector<std::string>& Comparison::components(size_t o) {
  std::optional<std::vector<std::string>>& memo = components_[o];
  if (memo) return *memo;
  memo.emplace();
  std::set<std::string> seen;
  for (size_t p = 0; p < programs_.size(); ++p) {
    // Components in the order the value lists them (declaration order), not sorted by path.
    for (const Alternative& a : alternatives(o, p)) {
      for (const OutputComponent& c : a.parts)
        if (seen.insert(c.path).second) memo->push_back(c.path);
    }
  }
  return *memo;
}

const std::vector<ComponentValue>& Comparison::values(size_t o, const std::string& c, size_t p) {
  auto key = std::make_tuple(o, c, p);
  auto found = values_.find(key);
  if (found != values_.end()) return found->second;
  std::vector<ComponentValue>& out = values_[key];
  for (const Alternative& a : alternatives(o, p)) {
    ComponentValue x = lookup(a.parts, c, a.rule);
    auto same = std::find_if(out.begin(), out.end(), [&](const ComponentValue& y) {
      return y.rule == x.rule && y.cite == x.cite && y.no_item == x.no_item && y.value == x.value;
    });
    if (same != out.end()) {
      same->guard = bdd_.disj(same->guard, a.guard);
      same->no_value |= x.no_value;
    } else {
      x.guard = a.guard;
      out.push_back(std::move(x));
    }
  }
  return out;
}

const std::vector<std::pair<Bdd::Ref, nlohmann::json>>& Comparison::whole_values(size_t o,
                                                                                 size_t p) {
  auto [memo, fresh] = whole_.try_emplace({o, p});
  std::vector<std::pair<Bdd::Ref, nlohmann::json>>& out = memo->second;
  if (!fresh) return out;
  for (const Alternative& a : alternatives(o, p)) {
    nlohmann::json j = nlohmann::json::object();
    for (const OutputComponent& c : a.parts) j[c.path] = c.value;
    auto same = std::find_if(out.begin(), out.end(), [&](const auto& x) { return x.second == j; });
    if (same != out.end())
      same->first = bdd_.disj(same->first, a.guard);
    else
      out.emplace_back(a.guard, std::move(j));
  }
  return out;
}

namespace {

// One program's values of a component grouped by value alone (rules and citations apart).
struct ValueGroup {
  const nlohmann::json* value;
  bool no_item;
  Bdd::Ref guard;
  std::vector<const ComponentValue*> parts;
};

std::vector<ValueGroup> by_value(const std::vector<ComponentValue>& values, Bdd& bdd) {
  std::vector<ValueGroup> out;
  for (const ComponentValue& x : values) {
    auto same = std::find_if(out.begin(), out.end(), [&](const ValueGroup& g) {
      return g.no_item == x.no_item && *g.value == x.value;
    });
    if (same == out.end()) {
      out.push_back({&x.value, x.no_item, x.guard, {&x}});
    } else {
      same->guard = bdd.disj(same->guard, x.guard);
      same->parts.push_back(&x);
    }
  }
  return out;
}

// Whether every program decides the component as the first does: the same canonical guard for
// each value. Such programs cannot differ anywhere.
bool all_alike(const std::vector<std::vector<ValueGroup>>& groups) {
  for (size_t p = 1; p < groups.size(); ++p) {
    if (groups[p].size() != groups[0].size()) return false;
    for (const ValueGroup& g : groups[p]) {
      auto same = std::find_if(groups[0].begin(), groups[0].end(), [&](const ValueGroup& h) {
        return h.no_item == g.no_item && *h.value == *g.value;
      });
      if (same == groups[0].end() || same->guard != g.guard) return false;
    }
  }
  return true;
}

// The product of the programs' value groups, then, where values differ, of their parts.
class CellSearch {
 public:
  CellSearch(std::vector<std::vector<ValueGroup>> groups, Bdd& bdd, size_t limit)
      : groups_(std::move(groups)),
        bdd_(bdd),
        limit_(limit),
        chosen_(groups_.size()),
        parts_(groups_.size()) {}

  std::vector<Cell> run(Bdd::Ref universe, bool& complete) {
    each_value(0, universe);
    if (nodes_ > limit_) complete = false;
    return std::move(cells_);
  }

 private:
  bool spent() { return ++nodes_ > limit_; }

  void each_value(size_t p, Bdd::Ref g) {
    if (g == Bdd::k_false || spent()) return;
    if (p < groups_.size()) {
      for (const ValueGroup& vg : groups_[p]) {
        if (vg.no_item) continue;  // the enclosing item's own cell says so
        chosen_[p] = &vg;
        each_value(p + 1, bdd_.conj(g, vg.guard));
      }
      return;
    }
    bool equal = std::all_of(chosen_.begin(), chosen_.end(), [&](const ValueGroup* vg) {
      return *vg->value == *chosen_[0]->value;
    });
    if (equal) return;
    cells_.emplace_back();
    Cell& cell = cells_.back();
    for (const ValueGroup* vg : chosen_) cell.values.push_back(*vg->value);
    cell.cases = g;
    each_part(0, g, cell);
  }

  void each_part(size_t p, Bdd::Ref g, Cell& cell) {
    if (g == Bdd::k_false || spent()) return;
    if (p == groups_.size()) {
      cell.combinations.push_back({parts_, g});
      return;
    }
    const ValueGroup& vg = *chosen_[p];
    for (const ComponentValue* x : vg.parts) {
      parts_[p] = x;
      // One part: g already lies inside its guard.
      each_part(p + 1, vg.parts.size() == 1 ? g : bdd_.conj(g, x->guard), cell);
    }
  }

  std::vector<std::vector<ValueGroup>> groups_;
  Bdd& bdd_;
  size_t limit_, nodes_ = 0;
  std::vector<const ValueGroup*> chosen_;
  std::vector<const ComponentValue*> parts_;
  std::vector<Cell> cells_;
};

}  // namespace

std::vector<Cell> Comparison::cells(size_t o, const std::string& c,
                                    const std::vector<size_t>& programs, size_t limit,
                                    bool& complete) {
  std::vector<std::vector<ValueGroup>> groups;
  for (size_t p : programs) groups.push_back(by_value(values(o, c, p), bdd_));
  if (all_alike(groups)) return {};
  return CellSearch(std::move(groups), bdd_, limit).run(encoding_.universe(), complete);
}

Bdd::Ref Comparison::holds(size_t p, uint32_t var) {
  Bdd::Ref out = Bdd::k_false;
  for (const Alt& a : symbolic_[p]->var(var))
    if (a.value.is_true()) out = bdd_.disj(out, a.guard);
  return out;
}

std::optional<ComponentValue> Comparison::concrete(const nlohmann::json& witness, size_t o,
                                                   const std::string& c, size_t p) {
  int32_t var = outputs_[o].var[p];
  if (var == k_none) return lookup({}, c, k_none);
  nlohmann::json mine = nlohmann::json::object();
  for (const auto& [k, v] : witness.items())
    if (decoders_[p]->fields().count(k)) mine[k] = v;  // the fields it declares
  Case cs(*programs_[p]);
  std::string error;
  if (!decoders_[p]->decode(mine, cs, error)) return std::nullopt;
  Evaluator& ev = *concrete_[p];
  ev.evaluate(cs, true);
  uint32_t v = static_cast<uint32_t>(var);
  int32_t rule = deciding_rule(ev, v);
  int32_t symbolic_rule = k_none;  // what the symbolic evaluator records as the output's rule
  const Definition* d = programs_[p]->vars[v].definition == k_none
                            ? nullptr
                            : &programs_[p]->definitions[programs_[p]->vars[v].definition];
  if (d && d->combinator == Combinator::first) symbolic_rule = rule;
  return lookup(parts_of(ev, programs_[p]->vars[v], ev.value(v), rule), c, symbolic_rule);
}

}  // namespace sop::analysis
