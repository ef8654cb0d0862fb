#include "cli/commands.hpp"

int main(int argc, char** argv) {
  return sop::cli::run(argc, argv);
}
