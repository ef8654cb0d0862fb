#pragma once
// Small programs for the analysis tests: a shared prelude (two enumerations, two bools, one
// enumerated fact) and a body each test writes, checked as one file.
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "lang/loader.hpp"

namespace sop::testing_support {

inline const char* k_synthetic_prelude = R"(
enum Tag "a tag" { one "1" two "2" }
enum Tier "a tier" { near "near" far "far" }
fact a: bool "a"
fact b: bool "b"
fact t: Tier "t"
)";

// The prelude plus `body`, checked; a check failure fails the test and gives null.
inline std::unique_ptr<Program> synthetic_program(const std::string& body) {
  LoadResult r = load_program_text("p.sop", std::string(k_synthetic_prelude) + body);
  EXPECT_TRUE(r.ok()) << format_diagnostics(r.diagnostics, r.program->sources);
  return r.ok() ? std::move(r.program) : nullptr;
}

}  // namespace sop::testing_support
