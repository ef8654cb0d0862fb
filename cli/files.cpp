#include "cli/files.hpp"

#include <algorithm>
#include <filesystem>

namespace sop::cli {

std::vector<std::string> files_in(const std::string& dir, const std::string& ext) {
  namespace fs = std::filesystem;
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (e.path().extension() == ext)
      out.push_back((fs::path(dir) / e.path().filename()).generic_string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace sop::cli
