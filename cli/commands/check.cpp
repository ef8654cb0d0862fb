// `sop check FILE…`: parses and checks each file (and proves a plan's invariants), printing
// `ok FILE` or its diagnostics.
#include <CLI/CLI.hpp>
#include <memory>
#include <ostream>

#include <fmt/format.h>

#include "analysis/invariants.hpp"
#include "cli/command.hpp"
#include "cli/exit_status.hpp"
#include "lang/loader.hpp"

namespace sop::cli {

namespace {

int check(const std::vector<std::string>& files, std::ostream& out, std::ostream& err) {
  int failed = 0;
  for (const std::string& f : files) {
    LoadResult r = load_program(f);
    // A plan's invariants are proved once it checks: proving needs a well-typed program.
    if (r.ok() && r.program->is_plan)
      analysis::report_invariants(*r.program, analysis::prove_invariants(*r.program),
                                  r.diagnostics);
    err << format_diagnostics(r.diagnostics, r.program->sources);
    if (r.ok()) {
      out << fmt::format("ok {}\n", f);
    } else {
      ++failed;
    }
  }
  if (failed) err << fmt::format("{} of {} files have errors\n", failed, files.size());
  return failed ? k_failed : k_ok;
}

}  // namespace

Command add_check(CLI::App& sop) {
  auto files = std::make_shared<std::vector<std::string>>();
  CLI::App* cmd = sop.add_subcommand("check", "Check policy and stdlib files for errors");
  cmd->add_option("files", *files, "The .sop files to check")->required();
  return {cmd, [files](const Streams& s) { return check(*files, s.out, s.err); }};
}

}  // namespace sop::cli
