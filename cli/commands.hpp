#pragma once
// The `sop` command line: a thin layer over the library. Every command writes to the streams
// it is given, so the CLI is testable without a process.
#include <iosfwd>
#include <string>
#include <vector>

#include "cli/exit_status.hpp"

namespace sop::cli {

// Runs `sop ARGS…` (args excludes the program name); returns the exit status.
int run(const std::vector<std::string>& args, std::istream& in, std::ostream& out,
        std::ostream& err);
// For main(): the process's own argv and streams.
int run(int argc, char** argv);

}  // namespace sop::cli
