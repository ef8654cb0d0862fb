// docs/plans.md is `sop matrix --format markdown` over policies/*.sop: a golden that is also a
// document, so it stays in docs/ (tests/golden/README.md, kind plans-doc). A change to a plan
// that changes the matrix cannot land without the document.
#include <gtest/gtest.h>

#include "tests/support/golden.hpp"
#include "tests/support/run_sop.hpp"

namespace sop {
namespace {

TEST(PlansDoc, IsCurrent) {
  testing_support::SopResult r = testing_support::sop({"matrix", "--format", "markdown"});
  EXPECT_LT(r.status, 2) << r.err;  // 1 only says that the plans differ
  golden::expect_file(golden::root() / "docs/plans.md", r.out);
}

}  // namespace
}  // namespace sop
