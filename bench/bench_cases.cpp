// Writes N generated cases of a plan as JSON Lines (sop.case/1), for timing `sop eval --batch`
// end to end: usage `sop_bench_cases POLICY N [SEED [ABSENT]]`.
#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "bench/plan_cases.hpp"
#include "lang/loader.hpp"

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s POLICY N [SEED [ABSENT]]\n", argv[0]);
    return 2;
  }
  sop::LoadResult r = sop::load_program(argv[1]);
  if (!r.ok()) {
    std::fprintf(stderr, "%s does not check\n", argv[1]);
    return 1;
  }
  size_t n = std::strtoull(argv[2], nullptr, 10);
  uint64_t seed = argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 20261120;
  double absent = argc > 4 ? std::strtod(argv[4], nullptr) : 0.0;
  sop::bench::PlanCases cases = sop::bench::generate_plan_cases(*r.program, n, seed, absent);
  for (const std::string& line : cases.json) std::cout << line << '\n';
  return 0;
}
