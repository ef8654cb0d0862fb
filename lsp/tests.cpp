#include <fmt/format.h>

#include "interpreter/evaluator.hpp"
#include "interpreter/test_runner.hpp"
#include "lsp/features.hpp"

namespace sop::lsp {

nlohmann::json code_lenses(const Document& d) {
  const Program& p = *d.load.program;
  nlohmann::json out = nlohmann::json::array();
  if (!d.load.ok()) return out;  // tests run only on a program that checks
  size_t count = 0;
  for (const TestDef& t : p.tests) count += t.module == d.file();
  for (const TestDef& t : p.tests) {
    if (t.module != d.file() || t.span.begin.line == 0) continue;
    nlohmann::json range = span_range(p, Span{t.span.begin, 0});
    auto lens = [&](std::string title, nlohmann::json arguments) {
      out.push_back({{"range", range},
                     {"command",
                      {{"title", std::move(title)},
                       {"command", k_run_tests_command},
                       {"arguments", std::move(arguments)}}}});
    };
    // The first test also carries the lens for the whole file.
    if (out.empty())
      lens(fmt::format("▶ run the file's {} tests", count), nlohmann::json::array({d.uri}));
    lens("▶ run this test", nlohmann::json::array({d.uri, t.name}));
  }
  return out;
}

nlohmann::json run_tests(const Document& d, const std::string& only) {
  nlohmann::json results = nlohmann::json::array();
  int passed = 0, failed = 0;
  if (d.load.ok()) {
    const Program& p = *d.load.program;
    Evaluator ev(p);
    for (const TestDef& t : p.tests) {
      if (t.module != d.file() || (!only.empty() && t.name != only)) continue;
      TestResult r = run_test(ev, t);
      (r.passed ? passed : failed) += 1;
      results.push_back({{"name", r.name}, {"passed", r.passed}, {"failures", r.failures}});
    }
  }
  std::string summary = !d.load.ok() ? "the file has errors: fix them to run its tests"
                                     : fmt::format("{} passed, {} failed", passed, failed);
  return {{"passed", passed}, {"failed", failed}, {"summary", summary}, {"results", results}};
}

}  // namespace sop::lsp
