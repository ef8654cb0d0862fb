// libFuzzer target: CSV as `sop eval --batch --input-format csv --timezone America/Los_Angeles`
// reads it — the first record a header, each later record a row — decoded by the spreadsheet
// cell readers (interpreter/codec/csv_cell.hpp) and evaluated under a shipped plan. A bad row
// must be refused with a message, never crash, hang or leak.
//
// There is no fast CSV path to compare with; the oracle is the error line's own consistency:
// a refused row has a message, and when cells are named, the message is exactly their messages
// joined, each naming its column and field, so that one line reports every bad cell.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "interpreter/codec/case_csv.hpp"
#include "interpreter/codec/csv.hpp"
#include "interpreter/evaluator.hpp"
#include "interpreter/loaded_plan.hpp"
#include "interpreter/time_zone.hpp"
#include "tests/fuzz/shipped_plans.hpp"

namespace {

std::vector<sop::LoadedPlan>& plans() {
  static std::vector<sop::LoadedPlan> loaded;
  return loaded;
}
std::optional<sop::TimeZone>& zone() {
  static std::optional<sop::TimeZone> z;
  return z;
}

[[noreturn]] void inconsistent(const char* what, std::string_view input, const std::string& a) {
  std::fprintf(stderr, "fuzz_csv: %s on %.*s\n--- error:\n%s\n", what,
               static_cast<int>(input.size()), input.data(), a.c_str());
  std::abort();
}

void check_row(sop::LoadedPlan& plan, const sop::CsvCaseDecoder& csv,
               const std::vector<std::string>& fields, size_t count, std::string_view text) {
  sop::Case c(*plan.program);
  std::string error;
  std::vector<sop::CellError> cells;
  if (csv.decode(fields, count, c, error, cells)) {
    if (!cells.empty()) inconsistent("a row accepted with bad cells", text, error);
    plan.evaluator->evaluate(c, true);
    return;
  }
  if (error.empty()) inconsistent("a row refused without a message", text, error);
  if (cells.empty()) return;
  std::string joined;
  for (const sop::CellError& e : cells) {
    if (e.message.rfind(fmt::format("column {}: ", e.column), 0) != 0 || e.field.empty())
      inconsistent("a cell error that does not name its column", text, e.message);
    joined += (joined.empty() ? "" : "; ") + e.message;
  }
  if (joined != error) inconsistent("the row's message is not its cells' messages", text, error);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  plans() = sop::fuzz::shipped_plans("fuzz_csv");
  std::string error;
  zone() = sop::TimeZone::load("America/Los_Angeles", error);
  if (!zone()) {
    std::fprintf(stderr, "fuzz_csv: %s (install tzdata)\n", error.c_str());
    std::abort();
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  sop::LoadedPlan& plan = plans()[size % plans().size()];
  std::vector<std::string> header, fields;
  std::string error;
  size_t count = 0, pos = 0;
  bool quoted = false;
  size_t end = std::min(sop::csv_record_end(text, 0, quoted), text.size());
  if (!sop::split_csv_record(text.substr(0, end), header, count, error)) return 0;
  header.resize(count);
  if (!sop::check_csv_header(header, {plan.decoder.get()}).empty()) return 0;
  sop::CsvCaseDecoder csv(*plan.program, *plan.decoder, header, &*zone());
  for (pos = end + 1; pos < text.size(); pos = end + 1) {
    quoted = false;
    end = std::min(sop::csv_record_end(text, pos, quoted), text.size());
    if (sop::split_csv_record(text.substr(pos, end - pos), fields, count, error))
      check_row(plan, csv, fields, count, text);
  }
  return 0;
}
