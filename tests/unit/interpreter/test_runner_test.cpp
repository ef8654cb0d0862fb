// The in-language test runner's messages: a failed `expect missing` names the difference.
#include "interpreter/test_runner.hpp"

#include <gtest/gtest.h>

#include "support/program_fixture.hpp"

namespace sop {
namespace {

const char* k_program = R"(
fact a: bool "a"
fact b: bool "b"
fact c: bool "c"
output all: bool "a, b and c" = a and b and c

test "one extra, one absent" {
  given { b: true }
  expect missing [a, b]
}

test "two extra" {
  given { a: true }
  expect missing []
}

test "as expected" {
  given { a: true, b: true }
  expect missing [c]
}
)";

TEST(TestRunner, AFailedExpectMissingNamesTheExtraAndTheAbsentFacts) {
  auto p = testing::build(k_program);
  ASSERT_TRUE(p);
  std::vector<TestResult> results = run_tests(*p);
  ASSERT_EQ(results.size(), 3u);
  ASSERT_EQ(results[0].failures.size(), 1u);
  EXPECT_EQ(results[0].failures[0],
            "test.sop:9: expected missing facts [a, b], but `c` is missing too and `b` is not "
            "missing");
  ASSERT_EQ(results[1].failures.size(), 1u);
  EXPECT_EQ(results[1].failures[0],
            "test.sop:14: expected missing facts [], but `b`, `c` are missing too");
  EXPECT_TRUE(results[2].passed);
}

}  // namespace
}  // namespace sop
