// A plain loop for profilers (valgrind --tool=callgrind, perf): evaluates N generated cases of
// a plan, trace off, and nothing else. Usage: `sop_eval_loop POLICY N [trace] [ABSENT]`.
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "bench/plan_cases.hpp"
#include "lang/loader.hpp"

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s POLICY N [trace] [ABSENT]\n", argv[0]);
    return 2;
  }
  sop::LoadResult r = sop::load_program(argv[1]);
  if (!r.ok()) {
    std::fprintf(stderr, "%s does not check\n", argv[1]);
    return 1;
  }
  size_t n = std::strtoull(argv[2], nullptr, 10);
  bool trace = argc > 3 && std::strcmp(argv[3], "trace") == 0;
  double absent = argc > 4 ? std::strtod(argv[4], nullptr) : 0.0;
  sop::bench::PlanCases cases = sop::bench::generate_plan_cases(*r.program, 4096, 1, absent);
  sop::Evaluator ev(*r.program);
  uint64_t sum = 0;
  for (size_t i = 0; i < n; ++i) {
    ev.evaluate(cases.cases[i & 4095], trace);
    sum += static_cast<uint64_t>(ev.value(r.program->outputs.back()).kind);
  }
  std::printf("%llu\n", static_cast<unsigned long long>(sum));
  return 0;
}
