// The reference rule three ways, over the same generated cases: in sop (bench/reference.sop),
// as a hand-written C++ function (the physical limit), and in CLIPS through its C API. First
// every engine's answer to every case is checked against the others' (exit 1 on the first
// disagreement); then each is timed with Google Benchmark and a table of cases per second and
// ratios is printed.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "bench/reference_clips.hpp"
#include "bench/reference_cpp.hpp"
#include "bench/reference_sop.hpp"

namespace {

using namespace sop::bench;

constexpr size_t k_cases = 1 << 16;  // a power of two: the case index is a mask
constexpr uint64_t k_seed = 6;

struct Engines {
  std::vector<ReferenceCase> cases = generate_reference_cases(k_cases, k_seed);
  ReferenceSop sop{SOP_SOURCE_DIR "/bench/reference.sop"};
  std::vector<sop::Case> decoded;
  ReferenceClips clips;
  Engines() {
    decoded.reserve(cases.size());
    for (const ReferenceCase& c : cases) decoded.push_back(sop.decode(c));
  }
};

Engines& engines() {
  static Engines e;
  return e;
}

// Every case, every engine; the CLIPS answers both one case per run and in batches.
bool cross_check() {
  Engines& e = engines();
  std::vector<ReferenceAnswer> one(1), batch(e.cases.size());
  e.clips.answer(e.cases.data(), e.cases.size(), batch.data());
  for (size_t i = 0; i < e.cases.size(); ++i) {
    ReferenceAnswer cpp = reference_cpp(e.cases[i]);
    ReferenceAnswer sop_off = e.sop.answer(e.decoded[i], false);
    ReferenceAnswer sop_on = e.sop.answer(e.decoded[i], true);
    e.clips.answer(&e.cases[i], 1, one.data());
    const std::pair<const char*, const ReferenceAnswer*> others[] = {{"sop", &sop_off},
                                                                     {"sop (trace)", &sop_on},
                                                                     {"CLIPS", &one[0]},
                                                                     {"CLIPS batch", &batch[i]}};
    for (const auto& [name, a] : others) {
      if (*a == cpp) continue;
      std::fprintf(stderr, "DISAGREEMENT on case %zu (%s):\n  C++:   %s\n  %s: %s\n", i,
                   describe(e.cases[i]).c_str(), describe(cpp).c_str(), name, describe(*a).c_str());
      return false;
    }
  }
  std::printf("cross-check: sop, hand-written C++ and CLIPS agree on all %zu cases\n",
              e.cases.size());
  return true;
}

void bm_cpp(benchmark::State& state) {
  Engines& e = engines();
  size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(reference_cpp(e.cases[i++ & (k_cases - 1)]));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}

void bm_sop(benchmark::State& state, bool trace) {
  Engines& e = engines();
  size_t i = 0;
  for (auto _ : state)
    benchmark::DoNotOptimize(e.sop.answer(e.decoded[i++ & (k_cases - 1)], trace));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}

// One iteration answers `batch` cases in one run of the engine.
void bm_clips(benchmark::State& state, size_t batch) {
  Engines& e = engines();
  std::vector<ReferenceAnswer> out(batch);
  size_t i = 0;
  for (auto _ : state) {
    e.clips.answer(&e.cases[i], batch, out.data());
    benchmark::DoNotOptimize(out.data());
    i = (i + batch) & (k_cases - 1);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * batch));
}

// Keeps each run's cases per second for the table.
class TableReporter : public benchmark::ConsoleReporter {
 public:
  std::map<std::string, double> rate;
  void ReportRuns(const std::vector<Run>& runs) override {
    for (const Run& r : runs) {
      auto it = r.counters.find("items_per_second");
      if (it != r.counters.end() && r.run_type == Run::RT_Iteration)
        rate[r.benchmark_name()] = std::max(rate[r.benchmark_name()], it->second.value);
    }
    ConsoleReporter::ReportRuns(runs);
  }
};

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (!cross_check()) return 1;
  benchmark::RegisterBenchmark("reference/c++", bm_cpp);
  benchmark::RegisterBenchmark("reference/sop", bm_sop, false);
  benchmark::RegisterBenchmark("reference/sop_trace", bm_sop, true);
  benchmark::RegisterBenchmark("reference/clips_1", bm_clips, 1);
  benchmark::RegisterBenchmark("reference/clips_256", bm_clips, 256);
  TableReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();

  auto get = [&](const char* name) {
    auto it = reporter.rate.find(name);
    return it == reporter.rate.end() ? 0.0 : it->second;
  };
  double cpp = get("reference/c++");
  struct Row {
    const char* engine;
    const char* name;
  };
  const Row rows[] = {{"hand-written C++", "reference/c++"},
                      {"sop (no trace)", "reference/sop"},
                      {"sop (trace)", "reference/sop_trace"},
                      {"CLIPS, one case per run", "reference/clips_1"},
                      {"CLIPS, 256 cases per run", "reference/clips_256"}};
  double sop_rate = get("reference/sop");
  std::printf("\nreference rule, %zu generated cases (seed %llu)\n", k_cases,
              static_cast<unsigned long long>(k_seed));
  std::printf("%-26s %16s %12s %12s\n", "engine", "cases/s", "C++ / it", "it / sop");
  for (const Row& r : rows) {
    double v = get(r.name);
    if (v <= 0) continue;
    std::printf("%-26s %16.0f %11.1fx %11.2fx\n", r.engine, v, cpp / v, v / sop_rate);
  }
  return 0;
}
