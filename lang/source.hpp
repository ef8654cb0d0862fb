#pragma once
// Source files and positions. A Location is small and copyable; the text lives in SourceFile.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace sop {

struct Location {
  uint32_t file = 0;    // index into SourceSet
  uint32_t line = 0;    // 1-based; 0 = no location
  uint32_t column = 0;  // 1-based, in bytes
  uint32_t offset = 0;  // byte offset in the file
};

struct Span {
  Location begin;
  uint32_t length = 0;  // bytes
};

struct SourceFile {
  std::string path;  // as shown in diagnostics
  std::string text;
  std::string module;  // module name (file stem)
  // The text of line `line` (1-based), without its newline.
  std::string_view line_text(uint32_t line) const;
};

// All files of one program; Location::file indexes into it.
class SourceSet {
 public:
  uint32_t add(std::string path, std::string text, std::string module);
  const SourceFile& file(uint32_t index) const { return *files_[index]; }
  size_t size() const { return files_.size(); }

 private:
  std::vector<std::unique_ptr<SourceFile>> files_;  // stable addresses
};

}  // namespace sop
