// libFuzzer target: decision-record lines as `sop audit` reads them (sop.decision-record/1) —
// the record decoder's one-pass path (with the general decoder behind it), then the audit's
// rules against Partnership's determination. A bad record must be refused with a message, never
// crash, hang or leak.
//
// An input whose first line does not begin with `{` is a CSV log instead (docs/audit.md, "A log
// as CSV"): its header checked as `sop audit --input-format csv` checks it, then each row read
// by the CSV record decoder (date-times without an offset on Los Angeles time) and judged.
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
#include "interpreter/codec/csv.hpp"
#include "interpreter/codec/record_csv.hpp"
#include "interpreter/loaded_plan.hpp"
#include "interpreter/time_zone.hpp"

namespace {

struct Target {
  std::optional<sop::LoadedPlan> plan;
  std::unique_ptr<sop::audit::Auditor> auditor;
  std::optional<sop::TimeZone> zone;
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

// The CSV form: records as pipeline.hpp's for_each_record cuts them (csv_record_end), the first
// the header.
void run_csv(std::string_view text) {
  Target& t = target();
  std::vector<std::string> header, fields;
  size_t count = 0, pos = 0;
  std::string error;
  std::optional<sop::CsvRecordDecoder> decoder;
  while (pos < text.size()) {
    bool quoted = false;
    size_t end = std::min(sop::csv_record_end(text, pos, quoted), text.size());
    std::string_view record = text.substr(pos, end - pos);
    pos = end + 1;
    if (!sop::split_csv_record(record, decoder ? fields : header, count, error)) {
      if (!decoder) return;
      continue;
    }
    if (!decoder) {
      header.resize(count);
      if (!sop::check_csv_record_header(header, {{t.plan->decoder.get(), &t.auditor->decoder()}})
               .empty())
        return;
      decoder.emplace(*t.plan->decoder, t.auditor->decoder(), header, &*t.zone);
      continue;
    }
    sop::RecordValues r;
    std::vector<sop::CellError> cells;
    bool ok = decoder->decode(fields, count, r, error, cells);
    if (!ok && error.empty()) std::abort();  // a refusal says why
    if (ok) findings(r);
  }
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
  t.zone = sop::TimeZone::load("America/Los_Angeles", errors);
  if (!t.zone) std::abort();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  if (!text.empty() && text.front() != '{') {
    run_csv(text);
    return 0;
  }
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    run_line(text.substr(pos, nl - pos));
    pos = nl + 1;
  }
  return 0;
}
