// `sop test [FILE…]`: runs the in-language tests of each file (default: every file in stdlib/
// and policies/).
#include <CLI/CLI.hpp>
#include <memory>
#include <ostream>

#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/exit_status.hpp"
#include "cli/files.hpp"
#include "cli/reading_option.hpp"
#include "interpreter/test_runner.hpp"
#include "lang/loader.hpp"

namespace sop::cli {

namespace {

struct TestOptions {
  std::vector<std::string> files;
  bool verbose = false;
  std::vector<std::string> readings;
};

// Runs one file's tests, counting and reporting them.
void test_file(const std::string& f, const LoadOptions& options, bool verbose, size_t& passed,
               size_t& failed, std::ostream& out, std::ostream& err) {
  LoadResult r = load_program(f, options);
  err << format_diagnostics(r.diagnostics, r.program->sources);
  if (!r.ok()) {
    out << fmt::format("FAIL {}: the file does not check\n", f);
    ++failed;
    return;
  }
  for (const TestResult& t : run_tests(*r.program)) {
    if (t.passed) {
      ++passed;
      if (verbose) out << fmt::format("ok   {}: {}\n", f, t.name);
    } else {
      ++failed;
      out << fmt::format("FAIL {}: {}{}\n", f, t.name, t.cite.empty() ? "" : " [" + t.cite + "]");
      for (const std::string& m : t.failures) out << "     " << m << '\n';
    }
  }
}

int test(std::vector<std::string> files, const std::vector<std::string>& readings, bool verbose,
         std::ostream& out, std::ostream& err) {
  LoadOptions options;
  if (!parse_readings(readings, options, err)) return k_usage;
  if (files.empty()) {
    for (const char* dir : {"stdlib", "policies"})
      for (const std::string& f : files_in(dir, ".sop")) files.push_back(f);
  }
  if (files.empty()) {
    err << "error: no .sop files given, and none in stdlib/ or policies/\n";
    return k_usage;
  }
  size_t passed = 0, failed = 0;
  for (const std::string& f : files) test_file(f, options, verbose, passed, failed, out, err);
  out << fmt::format("{} passed, {} failed\n", passed, failed);
  return failed ? k_failed : k_ok;
}

}  // namespace

Command add_test(CLI::App& sop) {
  auto o = std::make_shared<TestOptions>();
  CLI::App* cmd = sop.add_subcommand(
      "test", "Run the in-language tests (default: every file in stdlib/ and policies/)");
  cmd->add_option("files", o->files, "The .sop files whose tests to run");
  cmd->add_flag("-v,--verbose", o->verbose, "List passing tests too");
  add_reading_option(cmd, o->readings);
  return {cmd,
          [o](const Streams& s) { return test(o->files, o->readings, o->verbose, s.out, s.err); }};
}

}  // namespace sop::cli
