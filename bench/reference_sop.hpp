#pragma once
// The reference rule in sop (bench/reference.sop), behind the same interface as the other two
// engines. Cases are decoded once, up front (`decode`), as a batch decoder would hand them
// over; `answer` then evaluates one without trace and reads the outputs back.
#include <memory>
#include <string>
#include <vector>

#include "bench/reference_case.hpp"
#include "interpreter/evaluator.hpp"

namespace sop::bench {

class ReferenceSop {
 public:
  // Loads and checks `path` (bench/reference.sop); throws std::runtime_error if it does not check.
  explicit ReferenceSop(const std::string& path);
  ~ReferenceSop();

  Case decode(const ReferenceCase& c) const;
  ReferenceAnswer answer(const Case& c, bool trace = false);

 private:
  std::unique_ptr<Program> program_;
  std::unique_ptr<Evaluator> evaluator_;
  uint32_t reason_[5] = {}, in_network_available_ = 0, urgent_ = 0;
  uint32_t eligible_ = 0, tier_ = 0, authorization_ = 0, timeframe_ = 0;
  int64_t in_network_ = 0, hours_ = 0;  // enum value indices
};

}  // namespace sop::bench
