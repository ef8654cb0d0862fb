// Golden transcripts of whole REPL sessions on the shipped plans:
//   tests/golden/repl/NAME.sopr   a script of REPL commands (run from the repository root)
//   tests/golden/repl/NAME.out    the transcript: each line echoed after `> `, then its output
// A script may start with `#! plans: FILE…` to load other plans than policies/*.sop. A failed
// command's output is marked `(failed)`. `scripts/update-goldens repl` rewrites the .out files
// (review the diff before committing).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <sstream>

#include "repl/session.hpp"
#include "tests/support/golden.hpp"

namespace sop::repl {
namespace {

namespace fs = std::filesystem;

const fs::path k_root = SOP_SOURCE_DIR;

std::vector<golden::Input> scripts() {
  return golden::inputs("repl", {".sopr"});
}

std::vector<std::string> default_plans() {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(k_root / "policies"))
    if (e.path().extension() == ".sop") out.push_back("policies/" + e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

// Runs a script through the dispatcher and returns its transcript.
std::string transcript(const fs::path& script) {
  std::istringstream in(golden::read_file(script));
  std::string line, out;
  std::vector<std::string> plans = default_plans();
  bool first = true;
  Session session;
  std::string errors;
  std::vector<std::string> lines;
  while (std::getline(in, line)) lines.push_back(line);
  if (!lines.empty() && lines[0].rfind("#! plans:", 0) == 0) {
    std::istringstream words(lines[0].substr(9));
    plans.clear();
    for (std::string w; words >> w;) plans.push_back(w);
  }
  if (!session.load_plans(plans, errors)) out += "(plans failed to load)\n" + errors;
  for (const std::string& l : lines) {
    if (first && l.rfind("#!", 0) == 0) {
      first = false;
      continue;
    }
    first = false;
    out += "> " + l + "\n";
    Result r = session.execute(l);
    out += r.output;
    if (!r.ok) out += "(failed)\n";
    if (r.quit) break;
  }
  return out;
}

std::vector<golden::Output> transcript_golden(const golden::Input& script) {
  return {{".out", transcript(script.path)}};
}

[[maybe_unused]] const bool registered = golden::register_kind({.folder = "repl",
                                                                .extensions = {".sopr"},
                                                                .suite = "ReplGoldens",
                                                                .produce = transcript_golden,
                                                                .at_least = 3});

// docs/repl.md pastes sessions from the goldens (`sop> ` for `> `, without the `(failed)` marks):
// each command there, with its output, must be in a golden transcript, so the page cannot drift
// from what the REPL prints.
TEST(TranscriptDocs, EverySessionInTheReplPageIsAGoldenTranscript) {
  std::string goldens;
  for (const golden::Input& script : scripts()) {
    std::istringstream out(golden::read_file(script.expected(".out")));
    for (std::string line; std::getline(out, line);)
      if (line != "(failed)") goldens += line + "\n";
  }
  std::istringstream doc(golden::read_file(golden::root() / "docs/repl.md"));
  std::vector<std::string> segments;  // one per `sop> ` command, with its output
  bool in_block = false;
  for (std::string line; std::getline(doc, line);) {
    if (line.rfind("```", 0) == 0) {
      in_block = !in_block;
      continue;
    }
    if (!in_block) continue;
    if (line.rfind("sop> ", 0) == 0) {
      segments.push_back("> " + line.substr(5) + "\n");
    } else if (!segments.empty()) {
      segments.back() += line + "\n";
    }
  }
  EXPECT_GE(segments.size(), 15u);
  for (const std::string& s : segments)
    EXPECT_NE(goldens.find(s), std::string::npos)
        << "docs/repl.md shows a session that no golden transcript has:\n"
        << s;
}

}  // namespace
}  // namespace sop::repl
