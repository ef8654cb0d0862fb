// Per-plan benchmarks: evaluation throughput (cases already decoded; trace off and on),
// evaluation with the missing-facts walk a determination needs, and parse + check of every
// stdlib and policy file. Each iteration is one case, so Google Benchmark's time per
// iteration is the per-case latency and items_per_second the throughput.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "bench/plan_cases.hpp"
#include "interpreter/loaded_plan.hpp"
#include "lang/loader.hpp"

namespace {

namespace fs = std::filesystem;
using namespace sop;

constexpr size_t k_cases = 4096;  // a power of two: the case index is a mask
constexpr uint64_t k_seed = 20261120;

std::vector<std::string> files_in(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(fs::path(SOP_SOURCE_DIR) / dir))
    if (e.path().extension() == ".sop") out.push_back(e.path().string());
  std::sort(out.begin(), out.end());
  return out;
}

struct Plan {
  LoadedPlan loaded;
  bench::PlanCases complete;  // every fact the plan reads is given
  bench::PlanCases partial;   // each fact absent with probability 0.2
};

std::map<std::string, Plan>& plans() {
  static std::map<std::string, Plan> p;
  return p;
}

void evaluate(benchmark::State& state, const Plan* plan, bool partial, bool trace, bool missing) {
  Evaluator ev(*plan->loaded.program);  // fresh per benchmark, so none inherits another's buffers
  const std::vector<Case>& cases = partial ? plan->partial.cases : plan->complete.cases;
  const uint32_t first_output = plan->loaded.program->outputs.front();
  size_t i = 0;
  for (auto _ : state) {
    ev.evaluate(cases[i++ & (k_cases - 1)], trace);
    if (missing) benchmark::DoNotOptimize(ev.missing_facts());
    benchmark::DoNotOptimize(ev.value(first_output));
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}

void parse_check(benchmark::State& state, std::vector<std::string> files) {
  for (auto _ : state) {
    for (const std::string& f : files) {
      LoadResult r = load_program(f);
      if (!r.ok()) state.SkipWithError(("does not check: " + f).c_str());
      benchmark::DoNotOptimize(r.program.get());
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * files.size()));
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  std::vector<std::string> policies = files_in("policies");
  for (const std::string& path : policies) {
    std::string errors;
    std::optional<LoadedPlan> loaded = load_plan(path, "plans_bench", errors);
    if (!loaded) {
      fprintf(stderr, "%s does not check\n%s", path.c_str(), errors.c_str());
      return 1;
    }
    Plan& plan = plans()[loaded->id()];
    plan.loaded = std::move(*loaded);
    plan.complete = bench::generate_plan_cases(*plan.loaded.program, k_cases, k_seed, 0.0);
    plan.partial = bench::generate_plan_cases(*plan.loaded.program, k_cases, k_seed, 0.2);
  }
  for (auto& [id, plan] : plans()) {
    const Plan* p = &plan;
    benchmark::RegisterBenchmark(("eval/" + id + "/complete/no_trace").c_str(), evaluate, p, false,
                                 false, false);
    benchmark::RegisterBenchmark(("eval/" + id + "/complete/trace").c_str(), evaluate, p, false,
                                 true, false);
    benchmark::RegisterBenchmark(("eval/" + id + "/partial/no_trace").c_str(), evaluate, p, true,
                                 false, false);
    benchmark::RegisterBenchmark(("eval+missing/" + id + "/partial/trace").c_str(), evaluate, p,
                                 true, true, true);
  }
  std::vector<std::string> all = files_in("stdlib");
  for (const std::string& f : policies) all.push_back(f);
  benchmark::RegisterBenchmark("parse_check/all_stdlib_and_policies", parse_check, all)
      ->Unit(benchmark::kMillisecond);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
