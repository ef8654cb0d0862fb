#pragma once
// A `sop` command as an entry of the command table (cli/commands.cpp), as the REPL's commands
// are entries of its table (repl/session.cpp): each file of cli/commands/, named after its
// command, adds the command to the CLI11 app with its options bound to state the command owns,
// and hands back what runs it once the command line is parsed. So `cli::run` only parses and
// dispatches, and a command is read in one file, options and behaviour together.
#include <functional>
#include <iosfwd>

namespace CLI {
class App;
}

namespace sop::cli {

// The streams a command reads and writes (the process's own, or a test's string streams).
struct Streams {
  std::istream& in;
  std::ostream& out;
  std::ostream& err;
};

struct Command {
  CLI::App* app;                           // the subcommand, to ask whether it was chosen
  std::function<int(const Streams&)> run;  // returns the exit status (cli/exit_status.hpp)
};

// Adds a command to `sop` (the top-level app); one per file in cli/commands/.
using AddCommand = Command (*)(CLI::App& sop);
Command add_check(CLI::App& sop);
Command add_eval(CLI::App& sop);
Command add_test(CLI::App& sop);
Command add_compare(CLI::App& sop);
Command add_diff(CLI::App& sop);
Command add_matrix(CLI::App& sop);
Command add_repl(CLI::App& sop);
Command add_schema(CLI::App& sop);
Command add_template(CLI::App& sop);
Command add_audit(CLI::App& sop);
Command add_fmt(CLI::App& sop);
Command add_new(CLI::App& sop);
Command add_lsp(CLI::App& sop);

}  // namespace sop::cli
