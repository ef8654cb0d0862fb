// libFuzzer target: a policy's text through everything `sop check` and `sop test` do with it —
// parse, load imports (the embedded stdlib only), check, render the diagnostics — and, when it
// checks, its in-language tests and an evaluation of the empty case, rendered as JSON and text.
// And `sop fmt`: a text that parses formats to a text that parses to the same module (which
// format_source verifies, reporting E0190 if not) and formats again to itself.
// Any crash, sanitizer report, leak or hang is a bug: every input must get diagnostics or a
// result.
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "interpreter/codec/determination.hpp"
#include "interpreter/evaluator.hpp"
#include "interpreter/test_runner.hpp"
#include "lang/formatter.hpp"
#include "lang/loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  sop::FormatResult formatted = sop::format_source(text, "fuzz.sop");
  if (!formatted.ok() && formatted.diagnostics.front().code == "E0190") std::abort();
  if (formatted.ok() && sop::format_source(formatted.text, "fuzz.sop").text != formatted.text)
    std::abort();
  // A directory that does not exist, so imports resolve to the embedded stdlib alone and no run
  // depends on the files around it. A plan must be in the file its id names, so a text that
  // declares `plan ID` is loaded as ID.sop: the shipped plans then check, and the fuzzer starts
  // from programs that evaluate.
  std::string stem = "fuzz";
  if (size_t at = text.find("\nplan "); at != std::string::npos) {
    size_t b = at + 6, e = b;
    while (e < text.size() && e - b < 64 &&
           (std::isalnum(static_cast<unsigned char>(text[e])) || text[e] == '_'))
      ++e;
    if (e > b) stem = text.substr(b, e - b);
  }
  sop::LoadResult r = sop::load_program_text("/nonexistent/" + stem + ".sop", std::move(text));
  std::string shown = sop::format_diagnostics(r.diagnostics, r.program->sources);
  if (!r.ok()) return 0;
  const sop::Program& p = *r.program;
  for (const sop::TestResult& t : sop::run_tests(p)) shown += t.name;
  sop::Evaluator ev(p);
  sop::Case c(p);
  ev.evaluate(c, true);
  shown +=
      sop::determination_json(ev).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  shown += sop::determination_text(ev);
  return 0;
}
