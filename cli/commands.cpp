#include "cli/commands.hpp"

#include <cstdio>

namespace sop::cli {

int run(int, char**) {
  std::fputs("sop: not built yet\n", stderr);
  return 2;
}

}  // namespace sop::cli
