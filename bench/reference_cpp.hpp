#pragma once
// The reference rule as a hand-written C++ function: the physical limit the other engines are
// measured against.
#include "bench/reference_case.hpp"

namespace sop::bench {

ReferenceAnswer reference_cpp(const ReferenceCase& c);

}  // namespace sop::bench
