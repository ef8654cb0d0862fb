#include "bench/reference_cpp.hpp"

namespace sop::bench {

ReferenceAnswer reference_cpp(const ReferenceCase& c) {
  ReferenceAnswer a;
  a.eligible = c.reason[0] || c.reason[1] || c.reason[2] || c.reason[3] || c.reason[4];
  if (a.eligible) {
    a.tier = c.in_network_available ? RefTier::in_network : RefTier::out_of_network;
    a.authorization = c.in_network_available ? 0 : 1;
  }
  if (c.urgent) {
    a.unit = RefUnit::hours;
    a.amount = 72;
  } else {
    a.unit = RefUnit::business_days;
    a.amount = 5;
  }
  return a;
}

}  // namespace sop::bench
