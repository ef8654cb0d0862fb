#include "cli/timezone_option.hpp"

#include <CLI/CLI.hpp>
#include <ostream>

#include <fmt/format.h>

namespace sop::cli {

void add_timezone_option(CLI::App* cmd, std::string& into) {
  cmd->add_option("--timezone", into,
                  "Read CSV date-times written without an offset (\"7/15/2026 9:05\") on the "
                  "clock of the IANA zone ZONE, e.g. America/Los_Angeles (docs/spreadsheets.md)")
      ->type_name("ZONE");
}

bool load_timezone(const std::string& name, std::optional<TimeZone>& zone, std::ostream& err) {
  zone.reset();
  if (name.empty()) return true;
  std::string error;
  zone = TimeZone::load(name, error);
  if (!zone) err << fmt::format("error: --timezone: {}\n", error);
  return zone.has_value();
}

}  // namespace sop::cli
