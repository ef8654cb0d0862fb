// docs/plans.md is `sop matrix --format markdown` over policies/*.sop: a golden that is also a
// document, so it stays in docs/ (tests/golden/README.md, kind plans-doc). A change to a plan
// that changes the matrix cannot land without the document.
#include <gtest/gtest.h>

#include <cstdlib>

#include "tests/support/golden.hpp"
#include "tests/support/run_sop.hpp"

namespace sop {
namespace {

TEST(PlansDoc, IsCurrent) {
  // The title block's generation date, fixed so that the document changes only with the plans.
  ::setenv("SOURCE_DATE_EPOCH", "1796515200", 1);  // 2026-12-06
  testing_support::SopResult r = testing_support::sop({"matrix", "--format", "markdown"});
  EXPECT_LT(r.status, 2) << r.err;  // 1 only says that the plans differ
  golden::expect_file(golden::root() / "docs/plans.md", r.out);
}

}  // namespace
}  // namespace sop
