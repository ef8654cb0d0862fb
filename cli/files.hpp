#pragma once
// Small file helpers shared by the commands.
#include <string>
#include <vector>

namespace sop::cli {

// The files in `dir` with extension `ext` (".sop"), as "dir/name", sorted; none if no such dir.
std::vector<std::string> files_in(const std::string& dir, const std::string& ext);

}  // namespace sop::cli
