// libFuzzer target: case JSON as `sop eval` and `sop eval --batch` read it — the whole input as
// one case, then each of its lines as a batch line — decoded and evaluated under a shipped
// plan, the determination rendered as JSON and text. A bad case must be refused with a message,
// never crash, hang or leak.
//
// Differential oracles for batch mode's fast paths, which must agree with the general ones byte
// for byte: the one-pass decoder (decode_fast) against the nlohmann decoder, and the direct
// determination writer against determination_json. A disagreement aborts, so the fuzzer keeps
// the input.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "interpreter/codec/case_json.hpp"
#include "interpreter/codec/determination.hpp"
#include "interpreter/codec/determination_writer.hpp"
#include "interpreter/evaluator.hpp"
#include "interpreter/loaded_plan.hpp"
#include "tests/fuzz/shipped_plans.hpp"

namespace {

struct Plan : sop::LoadedPlan {
  std::unique_ptr<sop::DeterminationWriter> writer;
};

std::vector<Plan>& plans() {
  static std::vector<Plan> loaded;
  return loaded;
}

[[noreturn]] void disagree(const char* what, std::string_view input, const std::string& a,
                           const std::string& b) {
  std::fprintf(stderr, "fuzz_case: %s disagree on %.*s\n--- one:\n%s\n--- other:\n%s\n", what,
               static_cast<int>(input.size()), input.data(), a.c_str(), b.c_str());
  std::abort();
}

// The determination as the general renderer writes it, and as batch mode's writer does.
std::string general_json(Plan& plan) {
  return sop::determination_json(*plan.evaluator)
      .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}
std::string written_json(Plan& plan) {
  std::string out;
  plan.writer->write(*plan.evaluator, {}, out);
  return out;
}

// `general`: also the general renderers (determination_json, compared with the writer's bytes,
// and, with `render_text`, determination_text); without it, only what batch mode runs.
void run_case(Plan& plan, std::string_view text, bool general, bool render_text) {
  sop::Case c(*plan.program);
  std::string error;
  if (!plan.decoder->decode_text(text, c, error)) return;
  plan.evaluator->evaluate(c, true);
  std::string written = written_json(plan);
  if (general) {
    std::string json = general_json(plan);
    if (json != written)
      disagree("determination_json and DeterminationWriter", text, json, written);
    if (render_text) json += sop::determination_text(*plan.evaluator);
  }
  // Where the one-pass decoder takes a case, the general decoder must read the same facts.
  sop::Case fast(*plan.program);
  if (plan.decoder->decode_fast(text, fast)) {
    nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
    sop::Case slow(*plan.program);
    std::string slow_error;
    if (j.is_discarded() || !plan.decoder->decode(j, slow, slow_error))
      disagree("decode_fast and decode (one refused)", text, "accepted", slow_error);
    plan.evaluator->evaluate(fast, true);
    std::string a = written_json(plan);
    plan.evaluator->evaluate(slow, true);
    std::string b = written_json(plan);
    if (a != b) disagree("decode_fast and decode", text, a, b);
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  for (sop::LoadedPlan& loaded : sop::fuzz::shipped_plans("fuzz_case")) {
    Plan p{std::move(loaded), nullptr};
    p.writer = std::make_unique<sop::DeterminationWriter>(*p.program);
    plans().push_back(std::move(p));
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  // One plan per input, chosen by its length (mutations reach every plan), rather than all of
  // them: five times the executions per second, for the same code.
  Plan& plan = plans()[size % plans().size()];
#ifdef SOP_FUZZ_BATCH_LINE
  // fuzz_batch: one line, through batch mode's path only.
  run_case(plan, text, false, false);
  return 0;
#endif
  run_case(plan, text, true, true);
  // As batch mode reads it: one case per line.
  if (text.find('\n') == std::string_view::npos) return 0;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    run_case(plan, text.substr(start, end - start), true, false);
    start = end + 1;
  }
  return 0;
}
