#include "cli/files.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <ostream>

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

bool input_format_fits(const std::string& input, bool format_given, std::ostream& err) {
  std::string ext = std::filesystem::path(input).extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (format_given || ext != ".csv") return true;
  err << "error: " << input
      << " is a .csv file: read it as CSV with --input-format csv (or give --input-format jsonl "
         "if it holds JSON Lines)\n";
  return false;
}

}  // namespace sop::cli
