#pragma once
// Running a session: over a stream of commands (scripts, tests), or on a terminal with line
// editing, tab completion and persistent history (libedit). Both are thin loops around
// Session::execute.
#include <iosfwd>
#include <string>
#include <vector>

#include "lang/loader.hpp"

#include "repl/session.hpp"

namespace sop::repl {

// Reads commands line by line from `in`, with no prompt; writes each output to `out` (a failed
// command's to `err`). Returns 0 if every command succeeded, else 1. Stops at `:quit`.
int run_script(Session& session, std::istream& in, std::ostream& out, std::ostream& err);

// The interactive loop on the process's terminal: prompt, line editing, completion (from
// Session::complete), history kept in `history_file` ("" for none). Returns 0.
int run_terminal(Session& session, const std::string& history_file);

// `sop repl POLICY…`: loads the plans, then runs the terminal loop when `in` is the process's
// standard input and a terminal, else the script mode (no prompt, no colour). Returns the exit
// status: 1 if a plan did not load or (script) a command failed.
int run(const std::vector<std::string>& policies, std::istream& in, std::ostream& out,
        std::ostream& err, const LoadOptions& load = {});

}  // namespace sop::repl
