#pragma once
// The one golden-file harness. A golden kind is a folder under tests/golden/ (listed, with how to
// refresh each, in tests/golden/README.md): every input in it becomes one test, named
// SUITE.NAME, that produces the actual output through the kind's callback and compares it, byte
// for byte, with the expected file beside the input. A mismatch prints a line diff; with
// SOP_UPDATE_GOLDENS=1 (scripts/update-goldens) the expected file is rewritten instead.
#include <filesystem>
#include <functional>
#include <source_location>
#include <string>
#include <vector>

namespace sop::golden {

namespace fs = std::filesystem;

// One input of a golden kind.
struct Input {
  fs::path path;  // absolute
  // The path from the repository root, as a user would type it (tests run from there).
  std::string relative() const;
  // The expected file beside the input: its name with `suffix` for the extension
  // (`x.sop` with ".err" → `x.err`; `x.json` with ".expected.txt" → `x.expected.txt`).
  fs::path expected(const std::string& suffix) const;
};

// The actual output meant for the expected file input.expected(suffix).
struct Output {
  std::string suffix;
  std::string text;
};

struct Kind {
  std::string folder;                   // under tests/golden/ (searched recursively)
  std::vector<std::string> extensions;  // an input's extensions, ".sop"
  std::string suite;                    // the gtest suite, "ParseGoldens"
  // The outputs for one input; it may also EXPECT what it observes (an exit status).
  std::function<std::vector<Output>(const Input&)> produce;
  size_t at_least = 1;  // inputs expected, so that a moved or emptied folder cannot pass
  // What the inputs need that this machine may lack (the source documents beside the clone):
  // a reason to skip each test, said in the test's output, or "" to run it.
  std::function<std::string()> unavailable;
};

// The repository root: golden tests run from there.
const fs::path& root();
// The policies' source documents, `../shared/seeds` beside the clone (as CI has them): "" when
// they are there, else why the tests that read them are skipped.
std::string seeds_missing();
// Whether this run rewrites the expected files (SOP_UPDATE_GOLDENS=1) instead of comparing.
bool updating();
std::string read_file(const fs::path& path);

// The inputs of tests/golden/FOLDER, sorted: files with one of `extensions`, less the modules
// inputs import (names starting with `_`) and expected files (`*.expected.*`).
std::vector<Input> inputs(const std::string& folder, const std::vector<std::string>& extensions);

// Fails the running test, with a diff, unless the file `expected` holds exactly `actual`;
// when updating, writes `actual` there instead.
void expect_file(const fs::path& expected, const std::string& actual);

// Registers SUITE.NAME for each input (NAME: its path in the folder, without the extension,
// `_` for other characters than letters and digits), and SUITE.FindsItsInputs, which fails
// with fewer than `at_least` inputs or with an extension that has none. Call it from a
// namespace-scope initializer: gtest runs what is registered before main.
bool register_kind(const Kind& kind, std::source_location where = std::source_location::current());

}  // namespace sop::golden
