#include "analysis/change_impact.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include <fmt/format.h>

#include "analysis/case_cover.hpp"
#include "analysis/named_conditions.hpp"
#include "lang/civil_time.hpp"

namespace sop::analysis {

std::string relative_text(const nlohmann::json& value, const nlohmann::json& witness,
                          const CaseSpace& space) {
  std::string plain = value.is_string() ? value.get<std::string>() : value.dump();
  if (!value.is_string()) return plain;
  std::optional<civil::DateTime> t = civil::parse_datetime(plain);
  if (!t) return plain;
  std::optional<std::pair<std::string, civil::DateTime>> base;
  for (const FactDomain& f : space.facts()) {
    auto it = witness.find(f.json);
    if (it == witness.end() || !it->is_string()) continue;
    std::optional<civil::DateTime> x = civil::parse_datetime(it->get<std::string>());
    if (!x) continue;
    if (base) return plain;  // two date-time facts: relative to which is not clear
    base = std::make_pair(f.json, *x);
  }
  if (!base) return plain;
  int64_t seconds = t->epoch_seconds - base->second.epoch_seconds;
  if (seconds % 3600 != 0) return plain;
  return fmt::format("{} {} {} h", base->first, seconds < 0 ? "-" : "+", std::abs(seconds / 3600));
}

namespace {

// Rows being gathered: one per (group, component, values as said); their cases merged, so that a
// difference of one relation (received + 72 h against received + 48 h) is one row, whatever the
// date.
struct Pending {
  EffectRow row;
  Bdd::Ref cases = Bdd::k_false;  // every case of the row (missing facts included)
  size_t output = 0;
};

class ImpactBuilder {
 public:
  ImpactBuilder(Comparison& cmp, const ImpactOptions& options)
      : cmp_(cmp),
        bdd_(cmp.bdd()),
        options_(options),
        complete_(case_domain(cmp.space(), cmp.encoding(), bdd_, true)),
        every_(case_domain(cmp.space(), cmp.encoding(), bdd_, false)),
        names_(named_conditions(cmp, {0, 1}, {"A", "B"})) {}

  // A set of cases of one cell (A's and B's values), destined for `key`'s rows.
  void add(std::map<std::tuple<long, std::string, std::string, std::string>, Pending>& rows,
           long key, size_t o, const std::string& c, const Cell& cell,
           const Cell::Combination* combo, Bdd::Ref cases, const CaseDomain& domain) {
    Bdd::Ref inside = bdd_.conj(cases, domain.cases);
    if (inside == Bdd::k_false) return;
    CaseCover first = cover_cases(inside, cases, domain, cmp_.space(), cmp_.encoding(), bdd_, 1);
    nlohmann::json w = witness_case(
        minimal_witness(cases, first.cubes[0], domain, cmp_.space(), cmp_.encoding(), bdd_),
        cmp_.space());
    std::string from = relative_text(cell.values[0], w, cmp_.space());
    std::string to = relative_text(cell.values[1], w, cmp_.space());
    Pending& p = rows[{key, c, from, to}];
    if (p.row.component.empty()) {
      p.row.component = c;
      p.row.from = cell.values[0];
      p.row.to = cell.values[1];
      p.row.from_text = from;
      p.row.to_text = to;
      p.output = o;
    }
    // Why a value is null (unknown, or does not apply), from the combinations these cases meet.
    for (const Cell::Combination& k : cell.combinations) {
      if ((combo && &k != combo) || !bdd_.intersects(k.cases, inside)) continue;
      p.row.from_no_value |= k.parts[0]->no_value;
      p.row.to_no_value |= k.parts[1]->no_value;
    }
    p.cases = bdd_.disj(p.cases, cases);
  }

  // A gathered row's cover, witness and confirmation.
  EffectRow finish(Pending& p, const CaseDomain& domain) {
    EffectRow& row = p.row;
    Bdd::Ref inside = bdd_.conj(p.cases, domain.cases);
    Description said = describe_region(inside, domain, names_, cmp_, options_.max_cubes);
    row.named = std::move(said.named);
    row.cubes = std::move(said.cover.cubes);
    row.cut = said.cover.cut;
    // The witness from a cube of the region itself (a cube within named conditions may reach
    // outside them).
    CaseCover first = cover_cases(inside, p.cases, domain, cmp_.space(), cmp_.encoding(), bdd_, 1);
    row.witness = witness_case(
        minimal_witness(p.cases, first.cubes[0], domain, cmp_.space(), cmp_.encoding(), bdd_),
        cmp_.space());
    std::optional<ComponentValue> a = cmp_.concrete(row.witness, p.output, row.component, 0);
    std::optional<ComponentValue> b = cmp_.concrete(row.witness, p.output, row.component, 1);
    row.confirmed =
        a && b && !a->no_item && !b->no_item && a->value == row.from && b->value == row.to;
    return std::move(row);
  }

  Comparison& cmp_;
  Bdd& bdd_;
  const ImpactOptions& options_;
  CaseDomain complete_, every_;
  std::vector<NamedCondition> names_;
};

// The cases where program `q` gives `value` for the component (its items present).
Bdd::Ref gives(Comparison& cmp, size_t o, const std::string& c, size_t q,
               const nlohmann::json& value) {
  Bdd::Ref out = Bdd::k_false;
  for (const ComponentValue& x : cmp.values(o, c, q))
    if (!x.no_item && x.value == value) out = cmp.bdd().disj(out, x.guard);
  return out;
}

}  // namespace

ImpactReport change_impact(Comparison& cmp, const Revision& revision,
                           const std::vector<std::optional<size_t>>& program_of_group,
                           const ImpactOptions& options) {
  ImpactReport out;
  ImpactBuilder b(cmp, options);
  Bdd& bdd = cmp.bdd();
  constexpr long k_combined = -1, k_missing = -2;
  std::map<std::tuple<long, std::string, std::string, std::string>, Pending> rows;
  std::map<std::string, bool> missing_components;
  for (size_t o = 0; o < cmp.outputs().size(); ++o) {
    for (const std::string& c : cmp.components(o)) {
      for (const Cell& cell : cmp.cells(o, c, {0, 1}, options.max_nodes, out.complete)) {
        out.equivalent = false;
        if (!bdd.intersects(cell.cases, b.complete_.cases)) {
          // Only where facts are missing.
          ++out.missing_cells;
          missing_components[c] = true;
          if (out.missing_example.is_null())
            out.missing_example = cube_case(
                cover_cases(cell.cases, cell.cases, b.every_, cmp.space(), cmp.encoding(), bdd, 1)
                    .cubes[0],
                b.every_, cmp.space());
          if (options.list_missing)
            b.add(rows, k_missing, o, c, cell, nullptr, cell.cases, b.every_);
          continue;
        }
        Bdd::Ref unattributed = cell.cases;
        for (size_t g = 0; g < program_of_group.size(); ++g) {
          if (!program_of_group[g]) continue;
          Bdd::Ref alone =
              bdd.conj(cell.cases, gives(cmp, o, c, *program_of_group[g], cell.values[1]));
          unattributed = bdd.diff(unattributed, alone);
          b.add(rows, static_cast<long>(g), o, c, cell, nullptr, alone, b.complete_);
        }
        b.add(rows, k_combined, o, c, cell, nullptr, unattributed, b.complete_);
      }
    }
  }
  for (const auto& [name, yes] : missing_components) out.missing_components.push_back(name);
  std::map<size_t, ImpactReport::Group> groups;
  for (const Edit& e : revision.edits) {
    if (e.document_date || groups.count(e.group)) continue;
    groups[e.group] = {e.group, program_of_group.size() > e.group && program_of_group[e.group], {}};
  }
  std::map<long, std::vector<Pending*>> by_key;
  for (auto& [key, pending] : rows) by_key[std::get<0>(key)].push_back(&pending);
  for (auto& [k, pendings] : by_key) {
    const CaseDomain& domain = k == k_missing ? b.every_ : b.complete_;
    std::vector<EffectRow>& to = k == k_combined  ? out.combined
                                 : k == k_missing ? out.missing
                                                  : groups[static_cast<size_t>(k)].rows;
    // Rows over the same cases (components of one change) next to each other, said once.
    std::vector<bool> done(pendings.size(), false);
    for (size_t i = 0; i < pendings.size(); ++i) {
      if (done[i]) continue;
      to.push_back(b.finish(*pendings[i], domain));
      for (size_t j = i + 1; j < pendings.size(); ++j) {
        if (done[j] || b.bdd_.conj(pendings[j]->cases, domain.cases) !=
                           b.bdd_.conj(pendings[i]->cases, domain.cases))
          continue;
        done[j] = true;
        to.push_back(b.finish(*pendings[j], domain));
        to.back().same_cases_as_previous = true;
      }
    }
  }
  for (const Edit& e : revision.edits) {
    auto it = groups.find(e.group);
    if (it == groups.end()) continue;
    out.groups.push_back(std::move(it->second));
    groups.erase(it);
  }
  return out;
}

}  // namespace sop::analysis
