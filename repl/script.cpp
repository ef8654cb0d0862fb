// The script mode of `sop repl`, and the entry point that chooses it or the terminal.
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <string>

#include "repl/terminal.hpp"

namespace sop::repl {

int run_script(Session& session, std::istream& in, std::ostream& out, std::ostream& err) {
  bool failed = false;
  std::string line;
  while (std::getline(in, line)) {
    Result r = session.execute(line);
    (r.ok ? out : err) << r.output;
    // Flushed per command, so that a failed command's message sits among the outputs.
    (r.ok ? out : err).flush();
    failed = failed || !r.ok;
    if (r.quit) break;
  }
  return failed ? 1 : 0;
}

int run(const std::vector<std::string>& policies, std::istream& in, std::ostream& out,
        std::ostream& err, const LoadOptions& load) {
  bool interactive = &in == &std::cin && isatty(STDIN_FILENO);
  SessionOptions options;
  options.load = load;
  // Colour only for a person at a terminal who has not asked for none (no-color.org).
  const char* term = std::getenv("TERM");
  options.color = interactive && &out == &std::cout && isatty(STDOUT_FILENO) &&
                  !std::getenv("NO_COLOR") && !(term && std::string(term) == "dumb");
  Session session(options);
  std::string errors;
  bool loaded = session.load_plans(policies, errors);
  err << errors;
  if (session.plan_count() == 0) {
    err << "error: no plan loaded\n";
    return 1;
  }
  int status = 0;
  if (interactive) {
    const char* home = std::getenv("HOME");
    std::string history = home ? std::string(home) + "/.sop_history" : "";
    status = run_terminal(session, history);
  } else {
    status = run_script(session, in, out, err);
  }
  return loaded ? status : 1;
}

}  // namespace sop::repl
