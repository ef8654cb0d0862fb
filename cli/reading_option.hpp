#pragma once
// `--reading NAME=OPTION`: the one way every command takes a choice of reading (a place where a
// policy's text supports more than one reading, declared with `reading NAME { … }`).
#include <iosfwd>
#include <string>
#include <vector>

#include "lang/loader.hpp"

namespace CLI {
class App;
}

namespace sop::cli {

// Adds the repeatable option `flag` (by default `--reading`) to `cmd`, collected into `into`.
void add_reading_option(CLI::App* cmd, std::vector<std::string>& into,
                        const std::string& flag = "--reading",
                        const std::string& help =
                            "Evaluate with OPTION for reading NAME "
                            "instead of its default (NAME=OPTION; repeatable)");

// Parses `given` (NAME=OPTION each) into `options.readings`; false, with a message on `err`, for
// one without `=`.
bool parse_readings(const std::vector<std::string>& given, LoadOptions& options, std::ostream& err);

}  // namespace sop::cli
