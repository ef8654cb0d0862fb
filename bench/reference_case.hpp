#pragma once
// The reference rule's cases and answers, shared by its three engines (sop, hand-written C++,
// CLIPS) so that each is measured on, and checked against, exactly the same work.
#include <cstdint>
#include <string>
#include <vector>

namespace sop::bench {

struct ReferenceCase {
  bool reason[5] = {};
  bool in_network_available = false;
  bool urgent = false;
};

enum class RefTier : uint8_t { none, in_network, out_of_network };
enum class RefUnit : uint8_t { hours, business_days };

// What every engine answers. `tier` is none and `authorization` -1 (does not apply) when the
// case is not eligible; the timeframe is always given: a kind and an amount (no engine computes
// a due date).
struct ReferenceAnswer {
  bool eligible = false;
  RefTier tier = RefTier::none;
  int8_t authorization = -1;
  RefUnit unit = RefUnit::hours;
  int32_t amount = 0;
  bool operator==(const ReferenceAnswer&) const = default;
};

std::string describe(const ReferenceCase& c);
std::string describe(const ReferenceAnswer& a);

// `n` cases from `seed`: each reason true with probability 0.15, a provider available with
// 0.7, urgent with 0.3. The same seed gives the same cases on every platform (the generator
// and the draws are spelled out, not left to <random>'s distributions).
std::vector<ReferenceCase> generate_reference_cases(size_t n, uint64_t seed);

}  // namespace sop::bench
