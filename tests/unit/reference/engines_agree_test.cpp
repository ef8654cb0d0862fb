// The reference rule's three engines (bench/: sop, hand-written C++, CLIPS) give the same answer
// on every generated case, so the benchmark compares engines doing the same work.
#include <gtest/gtest.h>

#include <vector>

#include "bench/reference_clips.hpp"
#include "bench/reference_cpp.hpp"
#include "bench/reference_sop.hpp"

namespace sop::bench {
namespace {

TEST(ReferenceEngines, AgreeOnGeneratedCases) {
  const size_t n = 20000;
  std::vector<ReferenceCase> cases = generate_reference_cases(n, 42);
  ReferenceSop sop(SOP_SOURCE_DIR "/bench/reference.sop");
  ReferenceClips clips;
  std::vector<ReferenceAnswer> batch(n);
  clips.answer(cases.data(), n, batch.data());
  size_t eligible = 0, in_network = 0, urgent = 0;
  for (size_t i = 0; i < n; ++i) {
    ReferenceAnswer cpp = reference_cpp(cases[i]);
    Case decoded = sop.decode(cases[i]);
    ReferenceAnswer one;
    clips.answer(&cases[i], 1, &one);
    ASSERT_EQ(sop.answer(decoded, false), cpp)
        << "sop, case " << i << ": " << describe(cases[i]) << "\n  C++: " << describe(cpp);
    ASSERT_EQ(sop.answer(decoded, true), cpp) << "sop with trace, case " << i;
    ASSERT_EQ(one, cpp) << "CLIPS, case " << i << ": " << describe(cases[i])
                        << "\n  C++: " << describe(cpp) << "\n  CLIPS: " << describe(one);
    ASSERT_EQ(batch[i], cpp) << "CLIPS in a batch, case " << i;
    eligible += cpp.eligible;
    in_network += cpp.tier == RefTier::in_network;
    urgent += cpp.unit == RefUnit::hours;
  }
  // Every branch is taken: 1 - 0.85^5 ≈ 56% eligible, 70% of those in network, 30% urgent.
  EXPECT_GT(eligible, n / 2);
  EXPECT_LT(eligible, n * 6 / 10);
  EXPECT_GT(in_network, eligible * 6 / 10);
  EXPECT_GT(urgent, n / 4);
}

TEST(ReferenceEngines, SameSeedSameCases) {
  std::vector<ReferenceCase> a = generate_reference_cases(100, 7),
                             b = generate_reference_cases(100, 7);
  for (size_t i = 0; i < a.size(); ++i) EXPECT_EQ(describe(a[i]), describe(b[i]));
}

}  // namespace
}  // namespace sop::bench
