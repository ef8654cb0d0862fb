// consumer PLAN CASE.json: loads a plan and evaluates one case with the installed evaluator
// (find_package(sop)), then prints the determination as JSON, without its trace.
#include <fstream>
#include <iostream>
#include <sstream>

#include "interpreter/codec/determination.hpp"
#include "interpreter/loaded_plan.hpp"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: consumer PLAN CASE.json\n";
    return 2;
  }
  std::string errors;
  std::optional<sop::LoadedPlan> plan = sop::load_plan(argv[1], "consumer", errors);
  if (!plan) {
    std::cerr << errors;
    return 1;
  }
  std::ifstream in(argv[2]);
  std::stringstream text;
  text << in.rdbuf();
  sop::Case c(*plan->program);
  if (!plan->decoder->decode_text(text.str(), c, errors)) {
    std::cerr << errors << "\n";
    return 1;
  }
  plan->evaluator->evaluate(c, false);
  std::cout << sop::determination_json(*plan->evaluator, {.trace = false}).dump(2) << "\n";
  return 0;
}
