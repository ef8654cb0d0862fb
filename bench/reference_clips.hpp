#pragma once
// The reference rule in CLIPS 6.30 (Debian's libclips-dev), through its C API: the rules are
// built into an environment once; each batch of cases is asserted as template facts, run, read
// back from the facts the rules assert, and reset.
#include <cstddef>

#include "bench/reference_case.hpp"

namespace sop::bench {

class ReferenceClips {
 public:
  ReferenceClips();  // throws std::runtime_error if a construct does not build
  ~ReferenceClips();
  ReferenceClips(const ReferenceClips&) = delete;
  ReferenceClips& operator=(const ReferenceClips&) = delete;

  // Answers cases[0..n) in one run of the engine (n = 1: one case at a time).
  void answer(const ReferenceCase* cases, size_t n, ReferenceAnswer* out);

 private:
  void* env_ = nullptr;
  void* request_ = nullptr;  // deftemplates
  void* eligible_ = nullptr;
  void* route_ = nullptr;
  void* timeframe_ = nullptr;
  void* true_ = nullptr;  // interned symbols, compared by address
  void* false_ = nullptr;
  void* in_network_ = nullptr;
  void* hours_ = nullptr;
};

}  // namespace sop::bench
