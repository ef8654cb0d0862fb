#include "analysis/named_conditions.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

namespace sop::analysis {

namespace {

// The item components of output `o` (`reasons[x]`, not `notices.deny[denial].contents[y]`).
std::vector<std::string> items_of(Comparison& cmp, size_t o) {
  std::vector<std::string> out;
  const std::string& name = cmp.outputs()[o].json;
  for (const std::string& c : cmp.components(o))
    if (c.size() > name.size() + 2 && c.compare(0, name.size() + 1, name + "[") == 0 &&
        c.back() == ']' && c.find('[', name.size() + 1) == std::string::npos)
      out.push_back(c);
  return out;
}

Bdd::Ref present(Comparison& cmp, size_t o, const std::string& c, size_t p) {
  Bdd::Ref out = Bdd::k_false;
  for (const ComponentValue& x : cmp.values(o, c, p))
    if (!x.no_item && x.value == true) out = cmp.bdd().disj(out, x.guard);
  return out;
}

std::string item_name(const std::string& c) {
  size_t open = c.rfind('[');
  return c.substr(open + 1, c.size() - open - 2);
}

void add(std::vector<NamedCondition>& out, std::string text, Bdd::Ref cases) {
  out.push_back({std::move(text), cases});
}

// Per program: the list outputs' "no items" and "only item k".
void list_conditions(Comparison& cmp, size_t p, const std::string& label,
                     std::vector<NamedCondition>& out) {
  Bdd& bdd = cmp.bdd();
  for (size_t o = 0; o < cmp.outputs().size(); ++o) {
    std::vector<std::string> items = items_of(cmp, o);
    if (items.size() < 2) continue;
    const std::string& name = cmp.outputs()[o].json;
    std::vector<Bdd::Ref> has;
    Bdd::Ref none = cmp.encoding().universe();
    for (const std::string& c : items) {
      has.push_back(present(cmp, o, c, p));
      none = bdd.diff(none, has.back());
    }
    add(out, fmt::format("{} lists no {}", label, name), none);
    for (size_t k = 0; k < items.size(); ++k) {
      Bdd::Ref only = has[k];
      for (size_t j = 0; j < items.size(); ++j)
        if (j != k) only = bdd.diff(only, has[j]);
      add(out, fmt::format("{} lists {} {} and no other", label, name, item_name(items[k])), only);
    }
  }
}

size_t literals(const CaseCover& c) {
  size_t n = 0;
  for (const Region& r : c.cubes)
    for (const auto& a : r.allowed) n += a.empty() ? 0 : 1;
  return n + (c.cut ? 8 : 0);
}

}  // namespace

std::vector<NamedCondition> named_conditions(Comparison& cmp, const std::vector<size_t>& which,
                                             const std::vector<std::string>& labels) {
  std::vector<NamedCondition> out;
  // Boolean defs, by name; one condition when every program agrees on it.
  std::map<std::string, std::vector<Bdd::Ref>> defs;
  std::map<std::string, std::string> docs;
  for (size_t k = 0; k < which.size(); ++k) {
    const Program& p = cmp.program(which[k]);
    for (uint32_t v = 0; v < p.vars.size(); ++v) {
      const Var& var = p.vars[v];
      if (var.kind != VarKind::def ||
          p.types.kind(p.types.strip_optional(var.type)) != TypeKind::bool_)
        continue;
      defs[var.name].resize(which.size(), Bdd::k_false);
      defs[var.name][k] = cmp.holds(which[k], v);
      docs[var.name] = var.doc.empty() ? var.name : var.doc;
    }
  }
  for (const auto& entry : defs) {
    // Not a structured binding: clang 14 cannot capture one in the lambda below.
    const std::string& name = entry.first;
    const std::vector<Bdd::Ref>& per = entry.second;
    bool same = std::all_of(per.begin(), per.end(), [&](Bdd::Ref r) { return r == per[0]; });
    for (size_t k = 0; k < per.size(); ++k) {
      std::string who = same ? "" : labels[k] + ": ";
      add(out, who + "yes: " + docs[name], per[k]);
      add(out, who + "no: " + docs[name], cmp.bdd().neg(per[k]));
      if (same) break;
    }
  }
  for (size_t k = 0; k < which.size(); ++k) list_conditions(cmp, which[k], labels[k], out);
  return out;
}

Description describe_region(Bdd::Ref set, const CaseDomain& domain,
                            const std::vector<NamedCondition>& names, Comparison& cmp,
                            size_t max_cubes) {
  Bdd& bdd = cmp.bdd();
  Description out;
  CaseDomain within = domain;
  out.cover = cover_cases(set, set, within, cmp.space(), cmp.encoding(), bdd, max_cubes);
  size_t cost = literals(out.cover);
  std::vector<bool> used(names.size(), false);
  for (int round = 0; round < 3; ++round) {
    size_t best = names.size(), best_cost = cost;
    CaseCover best_cover;
    for (size_t n = 0; n < names.size(); ++n) {
      const NamedCondition& c = names[n];
      // It must hold throughout the region, and narrow what the facts must say.
      if (used[n] || bdd.diff(set, c.cases) != Bdd::k_false) continue;
      Bdd::Ref narrowed = bdd.conj(within.cases, c.cases);
      if (narrowed == within.cases) continue;
      CaseDomain d = within;
      d.cases = narrowed;
      CaseCover cover = cover_cases(set, set, d, cmp.space(), cmp.encoding(), bdd, max_cubes);
      // A named condition reads about as long as two facts.
      size_t with = literals(cover) + 2 * (out.named.size() + 1);
      if (with < best_cost) best = n, best_cost = with, best_cover = std::move(cover);
    }
    if (best == names.size()) break;
    used[best] = true;
    out.named.push_back(names[best].text);
    within.cases = bdd.conj(within.cases, names[best].cases);
    out.cover = std::move(best_cover);
    cost = best_cost;
  }
  return out;
}

}  // namespace sop::analysis
