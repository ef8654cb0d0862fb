#include "cli/reading_option.hpp"

#include <CLI/CLI.hpp>
#include <ostream>

#include <fmt/format.h>

namespace sop::cli {

void add_reading_option(CLI::App* cmd, std::vector<std::string>& into, const std::string& flag,
                        const std::string& help) {
  cmd->add_option(flag, into, help)
      ->type_name("NAME=OPTION")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
}

bool parse_readings(const std::vector<std::string>& given, LoadOptions& options,
                    std::ostream& err) {
  for (const std::string& g : given) {
    size_t eq = g.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == g.size()) {
      err << fmt::format("error: `--reading {}` needs the form NAME=OPTION\n", g);
      return false;
    }
    options.readings.push_back({g.substr(0, eq), g.substr(eq + 1)});
  }
  return true;
}

}  // namespace sop::cli
