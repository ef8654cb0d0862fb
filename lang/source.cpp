#include "lang/source.hpp"

namespace sop {

std::string_view SourceFile::line_text(uint32_t line) const {
  std::string_view t = text;
  size_t start = 0;
  for (uint32_t l = 1; l < line; ++l) {
    size_t nl = t.find('\n', start);
    if (nl == std::string_view::npos) return {};
    start = nl + 1;
  }
  size_t end = t.find('\n', start);
  if (end == std::string_view::npos) end = t.size();
  std::string_view s = t.substr(start, end - start);
  if (!s.empty() && s.back() == '\r') s.remove_suffix(1);
  return s;
}

uint32_t SourceSet::add(std::string path, std::string text, std::string module) {
  auto f = std::make_unique<SourceFile>();
  f->path = std::move(path);
  f->text = std::move(text);
  f->module = std::move(module);
  files_.push_back(std::move(f));
  return static_cast<uint32_t>(files_.size() - 1);
}

}  // namespace sop
