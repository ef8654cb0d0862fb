// `sop repl [POLICY…]`: the interactive session (repl/), or the commands standard input holds
// when it is not a terminal.
#include <CLI/CLI.hpp>
#include <memory>

#include "cli/command.hpp"
#include "cli/exit_status.hpp"
#include "cli/files.hpp"
#include "cli/reading_option.hpp"
#include "repl/terminal.hpp"

namespace sop::cli {

Command add_repl(CLI::App& sop) {
  auto files = std::make_shared<std::vector<std::string>>();
  auto readings = std::make_shared<std::vector<std::string>>();
  CLI::App* cmd = sop.add_subcommand(
      "repl",
      "Explore cases interactively under several plans (default: policies/*.sop); with stdin "
      "not a terminal, run the commands it holds (exit 1 if any fails)");
  cmd->add_option("policies", *files, "Plan files (default: policies/*.sop)");
  add_reading_option(cmd, *readings);
  return {cmd, [files, readings](const Streams& s) {
            LoadOptions load;
            if (!parse_readings(*readings, load, s.err)) return k_usage;
            return repl::run(files->empty() ? files_in("policies", ".sop") : *files, s.in, s.out,
                             s.err, load);
          }};
}

}  // namespace sop::cli
