#pragma once
// A set of cases written the way a reader can check it: a cover by "cubes" (per fact, the set
// of values allowed), each grown from one case of the set as far as it stays inside. A BDD's
// paths would also cover it, but there can be exponentially many of them. The cover is taken
// within a domain (every case, or only cases that give every fact): a cube's "any value" means
// any value of the domain.
#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/semantic_diff.hpp"
#include "analysis/symbolic.hpp"

namespace sop::analysis {

struct CaseDomain {
  Bdd::Ref cases = Bdd::k_true;               // the domain's cases
  std::vector<std::vector<uint16_t>> values;  // per fact: the representatives it allows
};

// Every case of the space, or (complete) only the cases where every fact is given.
CaseDomain case_domain(const CaseSpace& space, const FactEncoding& enc, Bdd& bdd, bool complete);

struct CaseCover {
  std::vector<Region> cubes;  // disjoint up to merging; together exactly `set`, unless `cut`
  bool cut = false;           // more cubes were needed than allowed: the listing is partial
};

// Covers `set` (a subset of the domain's cases) by at most `max_cubes` cubes. `support` is the
// BDD whose variables the set depends on (facts outside it take any value).
CaseCover cover_cases(Bdd::Ref set, Bdd::Ref support, const CaseDomain& domain,
                      const CaseSpace& space, const FactEncoding& enc, Bdd& bdd, size_t max_cubes);

// A cube as a condition: `kind = a and not flagged and count in {2, 3}`.
std::string describe_cube(const Region& r, const CaseSpace& space);
// A cube as a reader checks it against the case: one line per fact, by its declared
// description ("yes: the member requests an additional diagnosis", "who asks for the opinion:
// the member"), joined by `separator`.
std::string describe_cube_readable(const Region& r, const CaseSpace& space,
                                   const std::string& separator = "; ");
// A case's facts as a short list: `unable_to_diagnose: yes, requests_additional_diagnosis: no`.
std::string facts_text(const nlohmann::json& c);

// A sop.case/1 case in the cube: a fact the cube leaves free is absent when the domain allows
// it, else takes the domain's first value.
nlohmann::json cube_case(const Region& r, const CaseDomain& domain, const CaseSpace& space);

// A case of `set` in `cube`, as a reader wants to see it: each fact at the cube's first value
// (the domain's first where the cube leaves it free), then every fact whose absence keeps the
// case in `set` dropped, so that only what matters is left. Per fact, the representative index
// (0: absent).
std::vector<uint16_t> minimal_witness(Bdd::Ref set, const Region& cube, const CaseDomain& domain,
                                      const CaseSpace& space, const FactEncoding& enc, Bdd& bdd);

// A witness as a sop.case/1 object: the facts it gives.
nlohmann::json witness_case(const std::vector<uint16_t>& witness, const CaseSpace& space);

}  // namespace sop::analysis
