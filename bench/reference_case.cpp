#include "bench/reference_case.hpp"

#include <fmt/format.h>

namespace sop::bench {

namespace {

// SplitMix64: tiny, fast and fully specified, so every engine and every run sees the same cases.
struct SplitMix64 {
  uint64_t state;
  uint64_t next() {
    uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // True with probability p (to 53 bits).
  bool draw(double p) { return static_cast<double>(next() >> 11) * 0x1.0p-53 < p; }
};

const char* tier_name(RefTier t) {
  switch (t) {
    case RefTier::none:
      return "none";
    case RefTier::in_network:
      return "in_network";
    case RefTier::out_of_network:
      return "out_of_network";
  }
  return "?";
}

}  // namespace

std::vector<ReferenceCase> generate_reference_cases(size_t n, uint64_t seed) {
  SplitMix64 rng{seed};
  std::vector<ReferenceCase> out(n);
  for (ReferenceCase& c : out) {
    for (bool& r : c.reason) r = rng.draw(0.15);
    c.in_network_available = rng.draw(0.7);
    c.urgent = rng.draw(0.3);
  }
  return out;
}

std::string describe(const ReferenceCase& c) {
  return fmt::format("reasons {}{}{}{}{}, in_network_available {}, urgent {}", int{c.reason[0]},
                     int{c.reason[1]}, int{c.reason[2]}, int{c.reason[3]}, int{c.reason[4]},
                     c.in_network_available, c.urgent);
}

std::string describe(const ReferenceAnswer& a) {
  return fmt::format("eligible {}, tier {}, authorization {}, timeframe {} {}", a.eligible,
                     tier_name(a.tier), a.authorization,
                     a.unit == RefUnit::hours ? "hours" : "business_days", a.amount);
}

}  // namespace sop::bench
