// docs/plans.md is `sop matrix --format markdown` over policies/*.sop: regenerated here and
// compared, so a change to a plan that changes the matrix cannot land without the document.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/commands.hpp"

namespace sop {
namespace {

TEST(PlansDoc, IsCurrent) {
  std::filesystem::current_path(SOP_SOURCE_DIR);
  std::istringstream in;
  std::ostringstream out, err;
  cli::run({"matrix", "--format", "markdown"}, in, out, err);
  std::ifstream f("docs/plans.md", std::ios::binary);
  std::ostringstream committed;
  committed << f.rdbuf();
  EXPECT_TRUE(committed.str() == out.str())
      << "docs/plans.md is not what `sop matrix --format markdown` gives for policies/*.sop; "
         "run scripts/update-plans-doc and commit docs/plans.md";
}

}  // namespace
}  // namespace sop
