#pragma once
// The `sop` command line: a thin layer over the library. Every command writes to the streams
// it is given, so the CLI is testable without a process.
#include <iosfwd>
#include <string>
#include <vector>

namespace sop::cli {

// Exit statuses (docs/cli.md).
inline constexpr int k_ok = 0;
inline constexpr int k_failed = 1;  // a policy or case error, a failing test, a difference
inline constexpr int k_usage = 2;

// Runs `sop ARGS…` (args excludes the program name); returns the exit status.
int run(const std::vector<std::string>& args, std::istream& in, std::ostream& out,
        std::ostream& err);
// For main(): the process's own argv and streams.
int run(int argc, char** argv);

}  // namespace sop::cli
