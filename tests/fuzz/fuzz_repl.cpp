// libFuzzer target: REPL lines, as `sop repl` reads them, through Session::execute (the whole
// dispatcher: commands, expressions, completion) on a session with every shipped plan loaded.
// The session persists across inputs, as it does across a user's lines; each input starts by
// clearing the case and the overrides. Commands that read or write files (:load, :save,
// :reload) are left out: a fuzzer must not write where it likes, nor read /dev/zero.
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

#include "repl/session.hpp"
#include "tests/fuzz/shipped_plans.hpp"

namespace {

std::unique_ptr<sop::repl::Session>& session() {
  static std::unique_ptr<sop::repl::Session> s;
  return s;
}

bool touches_files(std::string_view line) {
  size_t b = line.find_first_not_of(" \t");
  if (b == std::string_view::npos) return false;
  line.remove_prefix(b);
  std::string_view word = line.substr(0, line.find_first_of(" \t"));
  return word == ":load" || word == ":save" || word == ":reload" || word == ":r";
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  sop::repl::SessionOptions options;
  // Few enough evaluations per :flip that one line stays well under the fuzzer's timeout.
  options.flip.max_evaluations = 2000;
  session() = std::make_unique<sop::repl::Session>(options);
  std::string errors;
  if (!session()->load_plans(sop::fuzz::shipped_plan_files(), errors)) {
    std::fprintf(stderr, "fuzz_repl: the shipped plans do not load:\n%s", errors.c_str());
    std::abort();
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  sop::repl::Session& s = *session();
  s.execute(":clear");
  s.execute(":clear-overrides");
  std::string_view text(reinterpret_cast<const char*>(data), size);
  size_t start = 0;
  for (int lines = 0; start <= text.size() && lines < 32; ++lines) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string line(text.substr(start, end - start));
    start = end + 1;
    if (touches_files(line)) continue;
    s.complete(line);
    if (s.execute(line).quit) break;
  }
  return 0;
}
