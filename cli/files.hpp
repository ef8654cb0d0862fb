#pragma once
// Small file helpers shared by the commands.
#include <iosfwd>
#include <string>
#include <vector>

namespace sop::cli {

// The files in `dir` with extension `ext` (".sop"), as "dir/name", sorted; none if no such dir.
std::vector<std::string> files_in(const std::string& dir, const std::string& ext);

// An input named `*.csv` read as JSON Lines only because --input-format was not given would be a
// wall of JSON errors, one per row: that is a usage error naming the option. False (with the
// message on `err`) then; true otherwise.
bool input_format_fits(const std::string& input, bool format_given, std::ostream& err);

}  // namespace sop::cli
