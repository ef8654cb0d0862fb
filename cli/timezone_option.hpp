#pragma once
// `--timezone ZONE`: the one way a command takes the time zone in which date-times written
// without an offset (as spreadsheets export them) are read. `sop eval --batch` uses it; any
// command that reads spreadsheet cases (the audit's CSV log) registers it the same way.
#include <iosfwd>
#include <optional>
#include <string>

#include "interpreter/time_zone.hpp"

namespace CLI {
class App;
}

namespace sop::cli {

// Adds `--timezone ZONE` to `cmd`, collected into `into`.
void add_timezone_option(CLI::App* cmd, std::string& into);

// The zone `name` names ("" gives nothing, and no error); false, with a message on `err` that
// names the option and suggests a zone, for an unknown one.
bool load_timezone(const std::string& name, std::optional<TimeZone>& zone, std::ostream& err);

}  // namespace sop::cli
