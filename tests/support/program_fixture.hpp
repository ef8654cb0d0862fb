#pragma once
// Test helpers: build a program from source text, evaluate cases given as JSON.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "interpreter/codec/case_json.hpp"
#include "interpreter/codec/determination.hpp"
#include "interpreter/evaluator.hpp"
#include "lang/loader.hpp"

namespace sop::testing {

// Loads `source` as the file `path`; fails the test (and returns null) if it does not check.
inline std::unique_ptr<Program> build(const std::string& source,
                                      const std::string& path = "test.sop") {
  LoadResult r = load_program_text(path, source);
  std::string diags = format_diagnostics(r.diagnostics, r.program->sources);
  EXPECT_TRUE(r.ok()) << diags;
  if (!r.ok()) return nullptr;
  return std::move(r.program);
}

// The diagnostics of a program that should not check.
inline std::string errors_of(const std::string& source, const std::string& path = "test.sop") {
  LoadResult r = load_program_text(path, source);
  EXPECT_FALSE(r.ok()) << "expected errors in:\n" << source;
  return format_diagnostics(r.diagnostics, r.program->sources);
}

// Evaluates `case_json` and returns the value of `name` as text ("unknown" when unknown).
class Session {
 public:
  explicit Session(const Program& p) : p_(p), ev_(p), decoder_(p), case_(p) {}
  Session& with(const std::string& case_json) {
    std::string error;
    EXPECT_TRUE(decoder_.decode_text(case_json, case_, error)) << error;
    ev_.evaluate(case_);
    return *this;
  }
  std::string operator[](const std::string& name) {
    int32_t v = p_.find_var(name);
    EXPECT_NE(v, k_none) << name;
    if (v == k_none) return "<no such var>";
    return value_text(p_, ev_.value(static_cast<uint32_t>(v)), p_.vars[v].type);
  }
  std::string missing() {
    std::string out;
    for (uint32_t f : ev_.missing_facts()) out += (out.empty() ? "" : ",") + p_.vars[f].name;
    return out;
  }
  Evaluator& evaluator() { return ev_; }

 private:
  const Program& p_;
  Evaluator ev_;
  CaseDecoder decoder_;
  Case case_;
};

}  // namespace sop::testing
