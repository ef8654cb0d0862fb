// libFuzzer target: decision-record lines as `sop audit` reads them (sop.decision-record/1) —
// the record decoder's one-pass path (with the general decoder behind it), then the audit's
// rules against Partnership's determination. A bad record must be refused with a message, never
// crash, hang or leak.
//
// Differential oracle for the fast path: where RecordDecoder::decode_fast takes a line, the
// general path (parse_json_text, then decode) must take it too and the audit must find the same
// things in both readings. A disagreement aborts, so the fuzzer keeps the input.
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

#include "audit/auditor.hpp"
#include "interpreter/loaded_plan.hpp"

namespace {

struct Target {
  std::optional<sop::LoadedPlan> plan;
  std::unique_ptr<sop::audit::Auditor> auditor;
};

Target& target() {
  static Target t;
  return t;
}

std::string findings(const sop::RecordValues& r) {
  Target& t = target();
  std::vector<sop::audit::Finding> out;
  sop::audit::Tally tally;
  t.auditor->judge(r, *t.plan->evaluator, out, tally);
  std::string text = t.plan->evaluator->fault();
  for (const auto& f : out)
    text += std::string(sop::audit::name(f.kind)) + " " + f.expected + " " + f.actual + " " +
            f.cite + "\n";
  return text;
}

[[noreturn]] void disagree(std::string_view input, const std::string& a, const std::string& b) {
  std::fprintf(stderr,
               "fuzz_record: the fast and general paths disagree on %.*s\n--- fast:\n%s\n"
               "--- general:\n%s\n",
               static_cast<int>(input.size()), input.data(), a.c_str(), b.c_str());
  std::abort();
}

void run_line(std::string_view line) {
  const sop::RecordDecoder& decoder = target().auditor->decoder();
  sop::RecordValues r;
  std::string error;
  if (decoder.decode_text(line, r, error)) findings(r);
  sop::RecordValues fast;
  if (!decoder.decode_fast(line, fast)) return;
  nlohmann::json j;
  sop::RecordValues general;
  if (!sop::parse_json_text(line, j, error) || !decoder.decode(j, general, error))
    disagree(line, "accepted", error);
  std::string a = findings(fast), b = findings(general);
  if (a != b) disagree(line, a, b);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  namespace fs = std::filesystem;
  std::string errors;
  Target& t = target();
  t.plan = sop::load_plan((fs::path(SOP_SOURCE_DIR) / "policies/partnership.sop").string(),
                          "fuzz_record", errors);
  if (!t.plan) {
    std::fprintf(stderr, "fuzz_record: cannot load the plan:\n%s", errors.c_str());
    std::abort();
  }
  t.auditor = sop::audit::Auditor::make(*t.plan->program, *t.plan->decoder, errors);
  if (!t.auditor) std::abort();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    run_line(text.substr(pos, nl - pos));
    pos = nl + 1;
  }
  return 0;
}
