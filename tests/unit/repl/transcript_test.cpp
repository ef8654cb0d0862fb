// Golden transcripts of whole REPL sessions on the shipped plans:
//   tests/golden/repl/NAME.sopr   a script of REPL commands (run from the repository root)
//   tests/golden/repl/NAME.out    the transcript: each line echoed after `> `, then its output
// A script may start with `#! plans: FILE…` to load other plans than policies/*.sop. A failed
// command's output is marked `(failed)`. A mismatch prints the actual transcript;
// SOP_UPDATE_GOLDENS=1 rewrites the .out files (review the diff before committing).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "repl/session.hpp"

namespace sop::repl {
namespace {

namespace fs = std::filesystem;

const fs::path k_root = SOP_SOURCE_DIR;

std::string slurp(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::ostringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

bool updating() {
  const char* v = std::getenv("SOP_UPDATE_GOLDENS");
  return v && std::string(v) == "1";
}

std::vector<fs::path> scripts() {
  std::vector<fs::path> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(k_root / "tests/golden/repl", ec))
    if (e.path().extension() == ".sopr") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
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
  std::istringstream in(slurp(script));
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

class Transcript : public ::testing::TestWithParam<fs::path> {
 protected:
  void SetUp() override { fs::current_path(k_root); }
};

TEST_P(Transcript, Matches) {
  const fs::path& script = GetParam();
  std::string actual = transcript(script);
  fs::path expected = fs::path(script).replace_extension(".out");
  if (updating()) {
    std::ofstream(expected, std::ios::binary) << actual;
    return;
  }
  ASSERT_TRUE(fs::exists(expected)) << "missing golden " << expected << "; actual transcript:\n"
                                    << actual;
  EXPECT_EQ(slurp(expected), actual)
      << "golden " << expected.lexically_relative(k_root).generic_string()
      << " differs (SOP_UPDATE_GOLDENS=1 rewrites it); actual transcript:\n"
      << actual;
}

INSTANTIATE_TEST_SUITE_P(Goldens, Transcript, ::testing::ValuesIn(scripts()),
                         [](const ::testing::TestParamInfo<fs::path>& info) {
                           std::string s = info.param.stem().string();
                           for (char& c : s)
                             if (!isalnum(static_cast<unsigned char>(c))) c = '_';
                           return s;
                         });

// docs/repl.md pastes sessions from the goldens (`sop> ` for `> `, without the `(failed)` marks):
// each command there, with its output, must be in a golden transcript, so the page cannot drift
// from what the REPL prints.
TEST(TranscriptDocs, EverySessionInTheReplPageIsAGoldenTranscript) {
  std::string goldens;
  for (const fs::path& script : scripts()) {
    std::istringstream out(slurp(fs::path(script).replace_extension(".out")));
    for (std::string line; std::getline(out, line);)
      if (line != "(failed)") goldens += line + "\n";
  }
  std::istringstream doc(slurp(k_root / "docs/repl.md"));
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

TEST(TranscriptDiscovery, FindsTheGoldens) {
  // Guards against a silently empty suite (a moved directory would otherwise pass).
  EXPECT_GE(scripts().size(), 3u);
}

}  // namespace
}  // namespace sop::repl
