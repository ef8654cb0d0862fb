// A plain loop for profilers (valgrind --tool=callgrind, perf): evaluates N generated cases of
// a plan, trace off, and nothing else. Usage: `sop_eval_loop POLICY N [trace] [ABSENT]`.
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "bench/plan_cases.hpp"
#include "interpreter/loaded_plan.hpp"

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s POLICY N [trace] [ABSENT]\n", argv[0]);
    return 2;
  }
  std::string errors;
  std::optional<sop::LoadedPlan> plan = sop::load_plan(argv[1], "sop_eval_loop", errors);
  if (!plan) {
    std::fprintf(stderr, "%s does not check\n%s", argv[1], errors.c_str());
    return 1;
  }
  size_t n = std::strtoull(argv[2], nullptr, 10);
  bool trace = argc > 3 && std::strcmp(argv[3], "trace") == 0;
  double absent = argc > 4 ? std::strtod(argv[4], nullptr) : 0.0;
  sop::bench::PlanCases cases = sop::bench::generate_plan_cases(*plan->program, 4096, 1, absent);
  sop::Evaluator& ev = *plan->evaluator;
  uint64_t sum = 0;
  for (size_t i = 0; i < n; ++i) {
    ev.evaluate(cases.cases[i & 4095], trace);
    sum += static_cast<uint64_t>(ev.value(plan->program->outputs.back()).kind);
  }
  std::printf("%llu\n", static_cast<unsigned long long>(sum));
  return 0;
}
