#pragma once
// Runs a program's in-language `test` blocks.
#include <string>
#include <vector>

#include "interpreter/evaluator.hpp"

namespace sop {

struct TestResult {
  std::string name;
  std::string cite;
  Span span;
  bool passed = true;
  std::vector<std::string> failures;  // one line per failed expectation
};

// Runs every test declared in the program's root module.
std::vector<TestResult> run_tests(const Program& program);
// Runs one test with an existing evaluator.
TestResult run_test(Evaluator& ev, const TestDef& test);

}  // namespace sop
