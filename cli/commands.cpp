#include "cli/commands.hpp"

#include <CLI/CLI.hpp>
#include <iostream>
#include <optional>

#include "cli/command.hpp"

namespace sop::cli {

namespace {

// In the order `sop --help` lists them.
constexpr AddCommand k_commands[] = {add_check,  add_eval,  add_test,   add_compare,  add_diff,
                                     add_matrix, add_repl,  add_schema, add_template, add_new,
                                     add_lsp,    add_audit, add_fmt};

// Parses `args` into `app`; the exit status if parsing ended the run (help, a usage error).
std::optional<int> parse(CLI::App& app, const std::vector<std::string>& args, std::ostream& out,
                         std::ostream& err) {
  try {
    std::vector<std::string> reversed(args.rbegin(), args.rend());  // CLI11 pops from the back
    app.parse(reversed);
  } catch (const CLI::CallForHelp&) {
    out << app.help();  // delegates to the subcommand whose --help it was
    return k_ok;
  } catch (const CLI::CallForAllHelp&) {
    out << app.help("", CLI::AppFormatMode::All);
    return k_ok;
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) {
      out << app.help();
      return k_ok;
    }
    err << "error: " << e.what() << "\n";
    err << "run `sop --help` for usage\n";
    return k_usage;
  }
  return std::nullopt;
}

}  // namespace

int run(const std::vector<std::string>& args, std::istream& in, std::ostream& out,
        std::ostream& err) {
  CLI::App app{"sop: a declarative policy language — check, evaluate and test policies", "sop"};
  app.require_subcommand(1);
  app.set_help_all_flag("--help-all", "Show help for every command");
  app.footer(
      "Exit status: 0 ok, 1 policy or case error (or a failing test), 2 usage error.\n"
      "Documentation: docs/language.md, docs/cli.md");
  std::vector<Command> commands;
  for (AddCommand add : k_commands) commands.push_back(add(app));
  if (std::optional<int> status = parse(app, args, out, err)) return *status;
  for (const Command& c : commands)
    if (c.app->parsed()) return c.run({in, out, err});
  out << app.help();
  return k_usage;
}

int run(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  return run(args, std::cin, std::cout, std::cerr);
}

}  // namespace sop::cli
