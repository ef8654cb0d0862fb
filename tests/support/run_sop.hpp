#pragma once
// Runs a `sop` command in process, as the binary would (cli::run), from the source directory
// so that paths like `policies/partnership.sop` resolve: the CLI tests' one way in.
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.hpp"

namespace sop::testing_support {

struct SopResult {
  int status;
  std::string out, err;
};

inline SopResult sop(const std::vector<std::string>& args, const std::string& input = "") {
  std::filesystem::current_path(SOP_SOURCE_DIR);
  std::istringstream in(input);
  std::ostringstream out, err;
  int status = cli::run(args, in, out, err);
  return {status, out.str(), err.str()};
}

}  // namespace sop::testing_support
