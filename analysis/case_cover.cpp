#include "analysis/case_cover.hpp"

#include <algorithm>

namespace sop::analysis {

namespace {

std::string value_name(const nlohmann::json& v) {
  if (v.is_null()) return "unknown";
  if (v.is_string()) return v.get<std::string>();
  return v.dump();
}

// Merges cubes that differ in one fact only, until none do.
void merge(std::vector<Region>& cubes, const CaseDomain& domain) {
  bool changed = true;
  while (changed) {
    changed = false;
    for (size_t i = 0; i < cubes.size() && !changed; ++i) {
      for (size_t j = i + 1; j < cubes.size() && !changed; ++j) {
        int diff = -1;
        bool ok = true;
        for (size_t f = 0; f < cubes[i].allowed.size() && ok; ++f) {
          if (cubes[i].allowed[f] == cubes[j].allowed[f]) continue;
          if (diff >= 0 || cubes[i].allowed[f].empty() || cubes[j].allowed[f].empty()) ok = false;
          diff = static_cast<int>(f);
        }
        if (!ok || diff < 0) continue;
        std::vector<uint16_t>& a = cubes[i].allowed[diff];
        a.insert(a.end(), cubes[j].allowed[diff].begin(), cubes[j].allowed[diff].end());
        std::sort(a.begin(), a.end());
        a.erase(std::unique(a.begin(), a.end()), a.end());
        if (a == domain.values[diff]) a.clear();  // every value of the domain: any
        cubes.erase(cubes.begin() + static_cast<long>(j));
        changed = true;
      }
    }
  }
}

}  // namespace

CaseDomain case_domain(const CaseSpace& space, const FactEncoding& enc, Bdd& bdd, bool complete) {
  CaseDomain d;
  d.cases = enc.universe();
  for (size_t f = 0; f < space.facts().size(); ++f) {
    std::vector<uint16_t> vs;
    // values[0] is "absent"; a complete case gives every fact one of the others.
    for (size_t i = complete ? 1 : 0; i < space.facts()[f].values.size(); ++i)
      vs.push_back(static_cast<uint16_t>(i));
    if (complete && !vs.empty()) d.cases = bdd.diff(d.cases, enc.is(f, 0));
    d.values.push_back(std::move(vs));
  }
  return d;
}

CaseCover cover_cases(Bdd::Ref set, Bdd::Ref support, const CaseDomain& domain,
                      const CaseSpace& space, const FactEncoding& enc, Bdd& bdd, size_t max_cubes) {
  CaseCover out;
  const auto& facts = space.facts();
  auto set_of = [&](size_t f, const std::vector<uint16_t>& allowed) {
    if (allowed.empty()) return Bdd::Ref{Bdd::k_true};
    Bdd::Ref any = Bdd::k_false;
    for (uint16_t i : allowed) any = bdd.disj(any, enc.is(f, i));
    return any;
  };
  Bdd::Ref outside = bdd.diff(domain.cases, set);
  std::vector<bool> vars = bdd.support(support);
  Bdd::Ref remaining = set;
  while (remaining != Bdd::k_false) {
    if (out.cubes.size() >= max_cubes) {
      out.cut = true;
      break;
    }
    std::vector<int8_t> bits = bdd.one(remaining);
    Region r;
    r.allowed.resize(facts.size());
    std::vector<Bdd::Ref> sets(facts.size());
    for (size_t f = 0; f < facts.size(); ++f) {
      if (enc.touches(f, vars)) {
        r.allowed[f] = {static_cast<uint16_t>(enc.value_of(f, bits))};
        sets[f] = set_of(f, r.allowed[f]);
      } else {
        sets[f] = Bdd::k_true;  // the set does not depend on it: any value
      }
    }
    // Grow one fact at a time while the cube stays inside. The other facts' part of the cube
    // is `before` (facts already grown) and `after[f]` (the rest, not yet grown).
    std::vector<Bdd::Ref> after(facts.size() + 1, Bdd::k_true);
    for (size_t f = facts.size(); f-- > 0;) after[f] = bdd.conj(after[f + 1], sets[f]);
    Bdd::Ref before = Bdd::k_true;
    for (size_t f = 0; f < facts.size(); ++f) {
      if (!r.allowed[f].empty()) {
        // The cube without f, tested against the outside with `intersects`: the outside can
        // be large, and building its conjunction with each candidate cube dominated the cover.
        Bdd::Ref rest = bdd.conj(before, after[f + 1]);
        if (!bdd.intersects(outside, rest)) {  // any value of f keeps it inside
          r.allowed[f].clear();
          sets[f] = Bdd::k_true;
        } else {
          for (uint16_t i : domain.values[f]) {
            if (std::find(r.allowed[f].begin(), r.allowed[f].end(), i) != r.allowed[f].end())
              continue;
            if (bdd.intersects(outside, bdd.conj(rest, enc.is(f, i)))) continue;
            r.allowed[f].push_back(i);
            sets[f] = bdd.disj(sets[f], enc.is(f, i));
          }
          std::sort(r.allowed[f].begin(), r.allowed[f].end());
          if (r.allowed[f] == domain.values[f]) r.allowed[f].clear();
        }
      }
      before = bdd.conj(before, sets[f]);
    }
    remaining = bdd.diff(remaining, before);
    out.cubes.push_back(std::move(r));
  }
  merge(out.cubes, domain);
  return out;
}

std::string describe_cube(const Region& r, const CaseSpace& space) {
  std::string out;
  const auto& facts = space.facts();
  for (size_t f = 0; f < r.allowed.size(); ++f) {
    const std::vector<uint16_t>& a = r.allowed[f];
    if (a.empty()) continue;
    const FactDomain& d = facts[f];
    std::string part;
    if (a.size() == 1) {
      const nlohmann::json& v = d.values[a[0]];
      if (v.is_boolean()) {
        part = v.get<bool>() ? d.json : "not " + d.json;
      } else if (v.is_null()) {
        part = d.json + " unknown";
      } else {
        part = d.json + " = " + value_name(v);
      }
    } else {
      std::string vals;
      for (uint16_t i : a) vals += (vals.empty() ? "" : ", ") + value_name(d.values[i]);
      part = d.json + " in {" + vals + "}";
    }
    out += (out.empty() ? "" : " and ") + part;
  }
  return out.empty() ? "every case" : out;
}

namespace {

std::string readable_value(const FactDomain& d, uint16_t i) {
  const nlohmann::json& v = d.values[i];
  if (v.is_null()) return "not given";
  if (v.is_boolean()) return v.get<bool>() ? "yes" : "no";
  if (i < d.value_docs.size() && !d.value_docs[i].empty()) return d.value_docs[i];
  return value_name(v);
}

}  // namespace

std::string describe_cube_readable(const Region& r, const CaseSpace& space,
                                   const std::string& separator) {
  std::string out;
  const auto& facts = space.facts();
  for (size_t f = 0; f < r.allowed.size(); ++f) {
    const std::vector<uint16_t>& a = r.allowed[f];
    if (a.empty()) continue;
    const FactDomain& d = facts[f];
    std::string doc = d.doc.empty() ? d.json : d.doc;
    std::string part;
    if (a.size() == 1 && d.values[a[0]].is_boolean()) {
      part = readable_value(d, a[0]) + ": " + doc;
    } else {
      std::string vals;
      for (uint16_t i : a) vals += (vals.empty() ? "" : " or ") + readable_value(d, i);
      part = doc + ": " + vals;
    }
    out += (out.empty() ? "" : separator) + part;
  }
  return out.empty() ? "every case" : out;
}

std::string facts_text(const nlohmann::json& c) {
  std::string out;
  for (const auto& [k, v] : c.items()) {
    std::string value = v.is_boolean()  ? (v.get<bool>() ? "yes" : "no")
                        : v.is_string() ? v.get<std::string>()
                                        : v.dump();
    out += (out.empty() ? "" : ", ") + k + ": " + value;
  }
  return out.empty() ? "(no facts)" : out;
}

nlohmann::json cube_case(const Region& r, const CaseDomain& domain, const CaseSpace& space) {
  nlohmann::json w = nlohmann::json::object();
  const auto& facts = space.facts();
  for (size_t f = 0; f < r.allowed.size(); ++f) {
    const std::vector<uint16_t>& a = r.allowed[f].empty() ? domain.values[f] : r.allowed[f];
    if (a.empty() || a[0] == 0) continue;  // absent wherever allowed: the fewest fields
    w[facts[f].json] = facts[f].values[a[0]];
  }
  return w;
}

std::vector<uint16_t> minimal_witness(Bdd::Ref set, const Region& cube, const CaseDomain& domain,
                                      const CaseSpace& space, const FactEncoding& enc, Bdd& bdd) {
  const auto& facts = space.facts();
  std::vector<uint16_t> w(facts.size());
  for (size_t f = 0; f < facts.size(); ++f) {
    const auto& a = cube.allowed[f];
    w[f] = a.empty() ? (domain.values[f].empty() ? 0 : domain.values[f][0]) : a[0];
  }
  auto inside = [&]() {
    Bdd::Ref c = set;
    for (size_t f = 0; f < facts.size() && c != Bdd::k_false; ++f) c = bdd.conj(c, enc.is(f, w[f]));
    return c != Bdd::k_false;
  };
  for (size_t f = 0; f < facts.size(); ++f) {
    if (w[f] == 0) continue;
    uint16_t keep = w[f];
    w[f] = 0;
    if (!inside()) w[f] = keep;
  }
  return w;
}

nlohmann::json witness_case(const std::vector<uint16_t>& witness, const CaseSpace& space) {
  nlohmann::json out = nlohmann::json::object();
  const auto& facts = space.facts();
  for (size_t f = 0; f < facts.size(); ++f)
    if (witness[f] != 0) out[facts[f].json] = facts[f].values[witness[f]];
  return out;
}

}  // namespace sop::analysis
