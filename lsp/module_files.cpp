#include "lsp/module_files.hpp"

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string_view>

#include <fmt/format.h>

#include "lang/embedded_stdlib.hpp"

namespace sop::lsp {

namespace fs = std::filesystem;

namespace {

bool holds(const fs::path& path, std::string_view text) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec) || fs::file_size(path, ec) != text.size()) return false;
  std::ifstream in(path, std::ios::binary);
  std::string content{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  return content == text;
}

fs::path cache_dir() {
  const char* xdg = std::getenv("XDG_CACHE_HOME");
  if (xdg && *xdg) return fs::path(xdg) / "sop";
  const char* home = std::getenv("HOME");
  if (home && *home) return fs::path(home) / ".cache" / "sop";
  std::error_code ec;
  return fs::temp_directory_path(ec) / "sop";
}

// FNV-1a: the same name for the same text in every run, so a copy is written once.
uint64_t text_hash(std::string_view text) {
  uint64_t h = 14695981039346656037ull;
  for (unsigned char c : text) h = (h ^ c) * 1099511628211ull;
  return h;
}

// A read-only copy of an embedded module, written (through a temporary name, so that a reader
// never sees half a file) unless it is already there.
std::string cached_copy(const EmbeddedModule& m) {
  std::string_view text = m.source;
  fs::path dir = cache_dir() / fmt::format("embedded-{:016x}", text_hash(text));
  fs::path target = dir / fs::path(m.path).filename();
  if (holds(target, text)) return target.string();
  std::error_code ec;
  fs::create_directories(dir, ec);
  fs::path tmp = target;
  tmp += fmt::format(".{}.tmp", static_cast<const void*>(&m));
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out) return "";
  }
  fs::permissions(tmp, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read, ec);
  fs::rename(tmp, target, ec);
  if (ec) fs::remove(tmp, ec);
  return holds(target, text) ? target.string() : "";
}

}  // namespace

std::string module_file(const SourceFile& f) {
  if (holds(f.path, f.text)) return fs::absolute(f.path).string();
  for (const EmbeddedModule& m : embedded_stdlib())
    if (f.path == m.path && f.text == m.source) return cached_copy(m);
  return "";
}

}  // namespace sop::lsp
