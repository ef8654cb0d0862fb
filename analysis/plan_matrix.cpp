#include "analysis/plan_matrix.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "analysis/case_cover.hpp"
#include "analysis/comparison.hpp"
#include "analysis/output_components.hpp"

namespace sop::analysis {

namespace {

// Every plan one value (citations aside) in every case of the domain.
void summarise(Comparison& cmp, const std::vector<size_t>& which, size_t o, Bdd::Ref domain,
               OutputSummary& summary) {
  std::set<std::string> distinct;
  for (size_t p : which) {
    for (const auto& [guard, value] : cmp.whole_values(o, p)) {
      if (!cmp.bdd().intersects(guard, domain)) continue;
      if (distinct.insert(value.dump()).second && distinct.size() == 1) summary.value = value;
    }
  }
  summary.constant = distinct.size() == 1;
}

// The row of a cell: its values, the citations met where it meets the domain, a cover and a
// witness there, confirmed by evaluating the witness under every plan.
MatrixRow row_of(Comparison& cmp, const std::vector<size_t>& which, size_t o,
                 const std::string& component, const Cell& cell, const CaseDomain& domain,
                 const MatrixOptions& options) {
  Bdd& bdd = cmp.bdd();
  MatrixRow row;
  row.output = cmp.outputs()[o].json;
  row.component = component;
  row.values = cell.values;
  row.no_value.resize(which.size());
  // Citations are those met where the cell meets the domain; a witness may leave the domain
  // (drop a field) as long as it keeps one of those combinations of citations.
  std::vector<std::set<int32_t>> cites(which.size());
  std::set<std::vector<int32_t>> met;
  auto cites_of = [](const Cell::Combination& c) {
    std::vector<int32_t> out;
    for (const ComponentValue* x : c.parts) out.push_back(x->cite);
    return out;
  };
  for (const Cell::Combination& c : cell.combinations) {
    if (!bdd.intersects(c.cases, domain.cases)) continue;
    for (size_t p = 0; p < which.size(); ++p) {
      cites[p].insert(c.parts[p]->cite);
      row.no_value[p] |= c.parts[p]->no_value;
    }
    met.insert(cites_of(c));
  }
  Bdd::Ref cited = Bdd::k_false;  // the cases whose citations are those listed
  for (const Cell::Combination& c : cell.combinations)
    if (met.count(cites_of(c))) cited = bdd.disj(cited, c.cases);
  for (const std::set<int32_t>& c : cites) row.cites.emplace_back(c.begin(), c.end());
  Bdd::Ref inside = bdd.conj(cell.cases, domain.cases);
  CaseCover cover =
      cover_cases(inside, cell.cases, domain, cmp.space(), cmp.encoding(), bdd, options.max_cubes);
  for (const Region& r : cover.cubes) row.conditions.push_back(describe_cube(r, cmp.space()));
  row.conditions_cut = cover.cut;
  row.cubes = cover.cubes;
  // A case of the first cube, every field the cell can do without dropped, where the citations
  // are the ones the row lists.
  row.witness =
      witness_case(minimal_witness(cited, cover.cubes[0], domain, cmp.space(), cmp.encoding(), bdd),
                   cmp.space());
  row.confirmed = true;
  for (size_t p = 0; p < which.size(); ++p) {
    std::optional<ComponentValue> got = cmp.concrete(row.witness, o, component, which[p]);
    if (!got || got->no_item || got->value != row.values[p] ||
        std::find(row.cites[p].begin(), row.cites[p].end(), got->cite) == row.cites[p].end())
      row.confirmed = false;
  }
  return row;
}

}  // namespace

PlanMatrix plan_matrix(const std::vector<const Program*>& programs, const MatrixOptions& options) {
  Comparison cmp(programs, options.zone);
  std::vector<size_t> all(cmp.size());
  for (size_t p = 0; p < all.size(); ++p) all[p] = p;
  PlanMatrix out = plan_matrix(cmp, all, options);
  std::vector<std::string> notes = cmp.notes(out.plans);
  out.notes.insert(out.notes.begin(), notes.begin(), notes.end());
  return out;
}

PlanMatrix plan_matrix(Comparison& cmp, const std::vector<size_t>& which,
                       const MatrixOptions& options) {
  PlanMatrix out;
  out.complete_cases = options.complete_cases;
  for (size_t p : which) out.plans.push_back(cmp.program(p).plan_id);
  CaseDomain domain = case_domain(cmp.space(), cmp.encoding(), cmp.bdd(), options.complete_cases);
  for (size_t o = 0; o < cmp.outputs().size(); ++o) {
    OutputSummary summary;
    summary.output = cmp.outputs()[o].json;
    summarise(cmp, which, o, domain.cases, summary);
    for (const std::string& component : cmp.components(o)) {
      std::vector<Cell> cells = cmp.cells(o, component, which, options.max_nodes, out.complete);
      std::stable_sort(cells.begin(), cells.end(), [](const Cell& a, const Cell& b) {
        return nlohmann::json(a.values).dump() < nlohmann::json(b.values).dump();
      });
      size_t listed = 0, found = 0;
      for (const Cell& cell : cells) {
        if (!cmp.bdd().intersects(cell.cases, domain.cases)) continue;
        ++found;
        ++summary.rows;
        if (options.max_rows && listed >= options.max_rows) continue;
        ++listed;
        out.rows.push_back(row_of(cmp, which, o, component, cell, domain, options));
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
