#pragma once
// The `sop` command line: a thin layer over the library.
namespace sop::cli {

// Runs the command line; returns the exit status (0 ok, 1 policy or case error, 2 usage).
int run(int argc, char** argv);

}  // namespace sop::cli
