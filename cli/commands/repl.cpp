// `sop repl [POLICY…]`: the interactive session (repl/), or the commands standard input holds
// when it is not a terminal.
#include <CLI/CLI.hpp>
#include <memory>

#include "cli/command.hpp"
#include "cli/files.hpp"
#include "repl/terminal.hpp"

namespace sop::cli {

Command add_repl(CLI::App& sop) {
  auto files = std::make_shared<std::vector<std::string>>();
  CLI::App* cmd = sop.add_subcommand(
      "repl",
      "Explore cases interactively under several plans (default: policies/*.sop); with stdin "
      "not a terminal, run the commands it holds (exit 1 if any fails)");
  cmd->add_option("policies", *files, "Plan files (default: policies/*.sop)");
  return {cmd, [files](const Streams& s) {
            return repl::run(files->empty() ? files_in("policies", ".sop") : *files, s.in, s.out,
                             s.err);
          }};
}

}  // namespace sop::cli
