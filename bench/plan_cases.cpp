#include "bench/plan_cases.hpp"

namespace sop::bench {

namespace {

struct SplitMix64 {
  uint64_t state;
  uint64_t next() {
    uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
};

}  // namespace

PlanCases generate_plan_cases(const Program& program, size_t n, uint64_t seed, double absent) {
  PlanCases out;
  out.space = std::make_unique<analysis::CaseSpace>(std::vector<const Program*>{&program});
  SplitMix64 rng{seed};
  out.cases.reserve(n);
  out.json.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    Case c(program);
    nlohmann::json j = nlohmann::json::object();
    for (const analysis::FactDomain& d : out.space->facts()) {
      if (d.var[0] == k_none || d.values.size() < 2) continue;
      if (rng.unit() < absent) continue;
      size_t pick = 1 + static_cast<size_t>(rng.next() % (d.values.size() - 1));
      c.facts[static_cast<size_t>(d.var[0])] = d.decoded[0][pick];
      j[d.json] = d.values[pick];
    }
    out.cases.push_back(std::move(c));
    out.json.push_back(j.dump());
  }
  return out;
}

}  // namespace sop::bench
