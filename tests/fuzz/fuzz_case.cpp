// libFuzzer target: case JSON as `sop eval` and `sop eval --batch` read it — the whole input as
// one case, then each of its lines as a batch line — decoded and evaluated under a shipped
// plan, the determination rendered as JSON and text. A bad case must be refused with a message,
// never crash, hang or leak.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "interpreter/case_json.hpp"
#include "interpreter/determination.hpp"
#include "interpreter/evaluator.hpp"
#include "lang/loader.hpp"

namespace {

struct Plan {
  std::unique_ptr<sop::Program> program;
  std::unique_ptr<sop::Evaluator> evaluator;
  std::unique_ptr<sop::CaseDecoder> decoder;
};

std::vector<Plan>& plans() {
  static std::vector<Plan> loaded;
  return loaded;
}

void run_case(Plan& plan, std::string_view text) {
  sop::Case c(*plan.program);
  std::string error;
  if (!plan.decoder->decode_text(text, c, error)) return;
  plan.evaluator->evaluate(c, true);
  std::string shown = sop::determination_json(*plan.evaluator)
                          .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  shown += sop::determination_text(*plan.evaluator);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  namespace fs = std::filesystem;
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(fs::path(SOP_SOURCE_DIR) / "policies"))
    if (e.path().extension() == ".sop") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (const fs::path& f : files) {
    sop::LoadResult r = sop::load_program(f.string());
    if (!r.ok()) {
      std::fprintf(stderr, "fuzz_case: %s does not check\n", f.c_str());
      std::abort();
    }
    Plan p;
    p.program = std::move(r.program);
    p.evaluator = std::make_unique<sop::Evaluator>(*p.program);
    p.decoder = std::make_unique<sop::CaseDecoder>(*p.program);
    plans().push_back(std::move(p));
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  // One plan per input, chosen by its length (mutations reach every plan), rather than all of
  // them: five times the executions per second, for the same code.
  Plan& plan = plans()[size % plans().size()];
  run_case(plan, text);
  // As batch mode reads it: one case per line.
  if (text.find('\n') == std::string_view::npos) return 0;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    run_case(plan, text.substr(start, end - start));
    start = end + 1;
  }
  return 0;
}
