// `sop lsp`: the language server (lsp/), speaking the Language Server Protocol over standard
// input and output for an editor that starts it.
#include <CLI/CLI.hpp>

#include "cli/command.hpp"
#include "lsp/server.hpp"

namespace sop::cli {

Command add_lsp(CLI::App& sop) {
  CLI::App* cmd = sop.add_subcommand(
      "lsp",
      "Run the language server (LSP 3.17 over standard input and output) for an editor: "
      "diagnostics, hover, definition, completion, symbols, code lenses that run the tests");
  return {cmd, [](const Streams& s) {
            lsp::Server server(s.out);
            return server.run(s.in);
          }};
}

}  // namespace sop::cli
