// `sop diff` over every pair of the shipped plans (10 pairs), as the diff issue's target puts
// it: all pairs together, in one process, the plans loaded once. Sequential, and on every core
// (pairs are independent: each diff has its own case space, diagram and evaluators).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "analysis/comparison.hpp"
#include "analysis/plan_matrix.hpp"
#include "analysis/semantic_diff.hpp"
#include "lang/loader.hpp"

namespace {

namespace fs = std::filesystem;

const std::vector<std::unique_ptr<sop::Program>>& plans() {
  static std::vector<std::unique_ptr<sop::Program>> loaded = [] {
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(fs::path(SOP_SOURCE_DIR) / "policies"))
      if (e.path().extension() == ".sop") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    std::vector<std::unique_ptr<sop::Program>> out;
    for (const fs::path& f : files) {
      sop::LoadResult r = sop::load_program(f.string());
      if (!r.ok()) std::abort();
      out.push_back(std::move(r.program));
    }
    return out;
  }();
  return loaded;
}

std::vector<std::pair<size_t, size_t>> pairs() {
  std::vector<std::pair<size_t, size_t>> out;
  for (size_t i = 0; i < plans().size(); ++i)
    for (size_t j = i + 1; j < plans().size(); ++j) out.emplace_back(i, j);
  return out;
}

// Every pair's diff, on `threads` threads taking pairs from a shared counter.
size_t diff_all_pairs(unsigned threads) {
  std::vector<std::pair<size_t, size_t>> ps = pairs();
  std::atomic<size_t> next{0}, findings{0};
  auto work = [&] {
    for (size_t k; (k = next.fetch_add(1)) < ps.size();) {
      sop::analysis::SemanticDiff d =
          sop::analysis::semantic_diff({plans()[ps[k].first].get(), plans()[ps[k].second].get()});
      findings += d.findings.size();
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
  return findings;
}

void BM_DiffAllPairs(benchmark::State& state) {
  plans();
  size_t findings = 0;
  for (auto _ : state) findings = diff_all_pairs(static_cast<unsigned>(state.range(0)));
  state.counters["pairs"] = static_cast<double>(pairs().size());
  state.counters["findings"] = static_cast<double>(findings);
}
BENCHMARK(BM_DiffAllPairs)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

// Every pair's diff over one comparison of the five plans (analysis/comparison.hpp): each
// plan evaluated symbolically once and shared by the ten pairs, as `sop matrix` and change
// impact use it. One thread.
void BM_DiffAllPairsShared(benchmark::State& state) {
  std::vector<const sop::Program*> raw;
  for (const auto& p : plans()) raw.push_back(p.get());
  size_t findings = 0;
  for (auto _ : state) {
    sop::analysis::Comparison cmp(raw);
    findings = 0;
    for (auto [a, b] : pairs())
      findings += sop::analysis::semantic_diff(cmp, {a, b}).findings.size();
  }
  state.counters["pairs"] = static_cast<double>(pairs().size());
  state.counters["findings"] = static_cast<double>(findings);
}
BENCHMARK(BM_DiffAllPairsShared)->Unit(benchmark::kMillisecond)->UseRealTime();

// Every pair compared as a reviewer reads two plans (`sop matrix A B`): every cell where they
// differ, exactly, over the shared comparison; rows (cover, witness, confirmation) over the cases
// that give every fact. One thread.
void BM_ComparePairsShared(benchmark::State& state) {
  std::vector<const sop::Program*> raw;
  for (const auto& p : plans()) raw.push_back(p.get());
  size_t rows = 0;
  for (auto _ : state) {
    sop::analysis::Comparison cmp(raw);
    rows = 0;
    for (auto [a, b] : pairs()) rows += sop::analysis::plan_matrix(cmp, {a, b}).rows.size();
  }
  state.counters["pairs"] = static_cast<double>(pairs().size());
  state.counters["rows"] = static_cast<double>(rows);
}
BENCHMARK(BM_ComparePairsShared)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_DiffOnePair(benchmark::State& state) {
  const auto& ps = plans();
  size_t a = static_cast<size_t>(state.range(0)), b = static_cast<size_t>(state.range(1));
  for (auto _ : state) {
    auto d = sop::analysis::semantic_diff({ps[a].get(), ps[b].get()});
    benchmark::DoNotOptimize(d.findings.size());
  }
}
// anthem_medicaid, blue_shield_promise, caloptima, hpsj, partnership (sorted): the cheapest
// and the dearest pair.
BENCHMARK(BM_DiffOnePair)->Args({0, 4})->Args({2, 4})->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
