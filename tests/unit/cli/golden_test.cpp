// Whole-program goldens, through the real command line (the kinds: tests/golden/README.md):
//   tests/golden/check/NAME.sop       a bad policy → NAME.err, `sop check`'s diagnostics (exit 1)
//   tests/golden/eval/PLAN/NAME.json  a case       → NAME.expected.json and NAME.expected.txt,
//                                     `sop eval policies/PLAN.sop NAME.json --format json|text`
//   tests/golden/sources/NAME.sop     quotes against the seeds → NAME.out, `sop check --sources
//                                     ../shared/seeds NAME.sop`: its output, errors, exit status
#include <gtest/gtest.h>

#include "tests/support/golden.hpp"
#include "tests/support/run_sop.hpp"

namespace sop {
namespace {

using testing_support::sop;

std::vector<golden::Output> check_golden(const golden::Input& input) {
  testing_support::SopResult r = sop({"check", input.relative()});
  EXPECT_EQ(r.status, 1) << "a check golden must fail to check:\n" << r.out;
  return {{".err", r.err}};
}

std::vector<golden::Output> eval_golden(const golden::Input& input) {
  std::string policy = "policies/" + input.path.parent_path().filename().string() + ".sop";
  std::vector<golden::Output> out;
  for (auto [format, suffix] : {std::pair{"json", ".expected.json"}, {"text", ".expected.txt"}}) {
    testing_support::SopResult r = sop({"eval", policy, input.relative(), "--format", format});
    EXPECT_EQ(r.status, 0) << r.err;
    out.push_back({suffix, r.out});
  }
  return out;
}

// The seeds sit beside the clone (../shared, as in CI); the path is relative to the repository
// root, where golden tests run, so that the messages read the same on every machine.
std::vector<golden::Output> sources_golden(const golden::Input& input) {
  testing_support::SopResult r = sop({"check", "--sources", "../shared/seeds", input.relative()});
  return {{".out", r.out + r.err + "exit " + std::to_string(r.status) + "\n"}};
}

[[maybe_unused]] const bool sources_registered =
    golden::register_kind({.folder = "sources",
                           .extensions = {".sop"},
                           .suite = "SourcesGoldens",
                           .produce = sources_golden,
                           .unavailable = golden::seeds_missing});
[[maybe_unused]] const bool check_registered = golden::register_kind(
    {.folder = "check", .extensions = {".sop"}, .suite = "CheckGoldens", .produce = check_golden});
[[maybe_unused]] const bool eval_registered = golden::register_kind(
    {.folder = "eval", .extensions = {".json"}, .suite = "EvalGoldens", .produce = eval_golden});

}  // namespace
}  // namespace sop
