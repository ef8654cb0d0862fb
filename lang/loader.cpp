#include "lang/loader.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <fmt/format.h>

#include "lang/checker.hpp"
#include "lang/embedded_stdlib.hpp"
#include "lang/parser.hpp"

namespace sop {

namespace fs = std::filesystem;

namespace {

// Source files past this size are refused before they are read: far beyond any policy (the
// largest shipped is under 100 KB), and within what positions (32-bit byte offsets) and the
// checker's memory (some 30 bytes per byte of a dense policy) can take.
constexpr uintmax_t k_max_source_bytes = uintmax_t{64} << 20;

enum class Read { ok, failed, too_large };

Read read_file(const fs::path& path, std::string& out) {
  std::error_code ec;
  uintmax_t size = fs::file_size(path, ec);
  if (!ec && size > k_max_source_bytes) return Read::too_large;
  std::ifstream in(path, std::ios::binary);
  if (!in) return Read::failed;
  std::ostringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return out.size() > k_max_source_bytes ? Read::too_large : Read::ok;
}

std::string too_large_message(const std::string& path) {
  return fmt::format("`{}` is larger than {} MiB, the most a source file may be", path,
                     k_max_source_bytes >> 20);
}

// The offset of the first byte that is not part of a well-formed UTF-8 sequence (overlong
// forms, surrogates and code points past U+10FFFF included), or npos.
size_t invalid_utf8_at(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      ++i;
      continue;
    }
    size_t n = 0;
    uint32_t lo = 0x80, hi = 0xBF;  // the allowed range of the second byte
    if (b >= 0xC2 && b <= 0xDF) {
      n = 2;
    } else if (b >= 0xE0 && b <= 0xEF) {
      n = 3;
      if (b == 0xE0) lo = 0xA0;
      if (b == 0xED) hi = 0x9F;
    } else if (b >= 0xF0 && b <= 0xF4) {
      n = 4;
      if (b == 0xF0) lo = 0x90;
      if (b == 0xF4) hi = 0x8F;
    } else {
      return i;
    }
    if (i + n > s.size()) return i;
    auto second = static_cast<unsigned char>(s[i + 1]);
    if (second < lo || second > hi) return i;
    for (size_t k = 2; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return i;
    i += n;
  }
  return std::string_view::npos;
}

std::string display_path(const fs::path& p) {
  // Paths under the working directory are shown relative to it, as a user typed them.
  std::error_code ec;
  fs::path rel = fs::relative(p, fs::current_path(ec), ec);
  if (!ec && !rel.empty() && rel.native().rfind("..", 0) != 0) return rel.generic_string();
  return p.generic_string();
}

class Loader {
 public:
  Loader(Program& program, Diagnostics& diags, const LoadOptions& options)
      : program_(program), diags_(diags), options_(options) {}

  void load_root(const std::string& path, std::string text) {
    fs::path p = fs::absolute(path).lexically_normal();
    std::string key = p.generic_string();
    uint32_t file = program_.sources.add(path, std::move(text), p.stem().string());
    visit(key, file, p.parent_path());
    program_.root_module = file;
  }

  std::vector<ast::Module>& modules() { return modules_; }

 private:
  enum class State { visiting, done };

  struct Found {
    std::string key;
    std::string display;
    std::string text;
    fs::path dir;
    bool too_large = false;
  };

  void visit(const std::string& key, uint32_t file, const fs::path& dir) {
    state_[key] = State::visiting;
    stack_.push_back(program_.sources.file(file).module);
    std::optional<ast::Module> module;
    if (utf8(file)) module = parse_module(program_.sources, file, next_id_, diags_);
    if (module) {
      for (const ast::Decl& d : module->decls) {
        if (const auto* imp = std::get_if<ast::Import>(&d)) import(*imp, dir);
      }
      modules_.push_back(std::move(*module));
    }
    stack_.pop_back();
    state_[key] = State::done;
  }

  // A source file is UTF-8: the first byte that is not is reported where it is, and the file
  // is not parsed (its strings and names would carry the bytes into every message and output).
  bool utf8(uint32_t file) {
    const SourceFile& f = program_.sources.file(file);
    size_t at = invalid_utf8_at(f.text);
    if (at == std::string_view::npos) return true;
    size_t line_start = f.text.rfind('\n', at == 0 ? 0 : at - 1);
    line_start = line_start == std::string::npos || at == 0 ? 0 : line_start + 1;
    auto line = static_cast<uint32_t>(std::count(f.text.begin(), f.text.begin() + at, '\n') + 1);
    Location loc{file, line, static_cast<uint32_t>(at - line_start + 1), static_cast<uint32_t>(at)};
    diags_.error("E0203", Span{loc, 1},
                 fmt::format("invalid UTF-8 at byte {} (0x{:02X})", at,
                             static_cast<unsigned char>(f.text[at])),
                 "source files are UTF-8: re-save the file as UTF-8");
    return false;
  }

  void import(const ast::Import& imp, const fs::path& dir) {
    std::vector<std::string> searched;
    std::optional<Found> found = resolve(imp.module, dir, searched);
    if (found && found->too_large) {
      diags_.error("E0204", imp.span, too_large_message(found->display));
      return;
    }
    if (!found) {
      diags_.error("E0201", imp.span, fmt::format("cannot find module `{}`", imp.module),
                   fmt::format("looked for {}.sop in: {}", imp.module, join(searched)));
      return;
    }
    auto it = state_.find(found->key);
    if (it != state_.end()) {
      if (it->second == State::visiting) {
        std::string cycle;
        bool in_cycle = false;
        for (const std::string& m : stack_) {
          if (m == imp.module) in_cycle = true;
          if (in_cycle) cycle += m + " -> ";
        }
        cycle += imp.module;
        diags_.error("E0202", imp.span, fmt::format("import cycle: {}", cycle));
      }
      return;
    }
    uint32_t file = program_.sources.add(found->display, std::move(found->text), imp.module);
    visit(found->key, file, found->dir);
  }

  // The text of `candidate` (absolute path `key`): the overlay's, if it has one (an editor's
  // unsaved buffer), else the file's.
  Read read_candidate(const fs::path& candidate, const std::string& key, std::string& out) const {
    auto overlay = options_.overlays.find(key);
    if (overlay == options_.overlays.end()) {
      std::error_code ec;
      if (!fs::is_regular_file(candidate, ec)) return Read::failed;
      return read_file(candidate, out);
    }
    out = overlay->second;
    return out.size() > k_max_source_bytes ? Read::too_large : Read::ok;
  }

  std::optional<Found> resolve(const std::string& name, const fs::path& dir,
                               std::vector<std::string>& searched) {
    // Embedded modules (empty dir) import only from the embedded table and the search paths.
    std::vector<fs::path> dirs;
    if (!dir.empty()) dirs = {dir, dir.parent_path() / "stdlib"};
    for (const std::string& s : options_.search_paths) dirs.emplace_back(s);
    for (const fs::path& d : dirs) {
      fs::path candidate = (d / (name + ".sop")).lexically_normal();
      searched.push_back(display_path(d));
      std::string key = fs::absolute(candidate).lexically_normal().generic_string();
      Found f;
      Read read = read_candidate(candidate, key, f.text);
      if (read == Read::failed) continue;
      f.too_large = read == Read::too_large;
      f.key = std::move(key);
      f.display = display_path(candidate);
      f.dir = candidate.parent_path();
      return f;
    }
    if (options_.use_embedded_stdlib) {
      searched.push_back("the embedded standard library");
      for (const EmbeddedModule& m : embedded_stdlib()) {
        if (name == m.name) {
          return Found{std::string("embedded:") + m.name, m.path, m.source, fs::path()};
        }
      }
    }
    return std::nullopt;
  }

  static std::string join(const std::vector<std::string>& xs) {
    std::string out;
    for (const std::string& x : xs) out += (out.empty() ? "" : ", ") + x;
    return out;
  }

  Program& program_;
  Diagnostics& diags_;
  const LoadOptions& options_;

 public:
  const LoadOptions& options() const { return options_; }

 private:
  std::map<std::string, State> state_;
  std::vector<std::string> stack_;
  std::vector<ast::Module> modules_;
  ast::NodeId next_id_ = 1;
};

LoadResult finish(std::unique_ptr<Program> program, Loader& loader, Diagnostics diags) {
  LoadResult r;
  if (!diags.has_errors())
    check_program(loader.modules(), *program, diags, loader.options().readings);
  diags.sort();
  r.program = std::move(program);
  r.diagnostics = std::move(diags);
  return r;
}

}  // namespace

LoadResult load_program_text(const std::string& path, std::string text,
                             const LoadOptions& options) {
  auto program = std::make_unique<Program>();
  Diagnostics diags;
  if (text.size() > k_max_source_bytes) {
    LoadResult r;
    r.program = std::move(program);
    r.diagnostics.error("E0204", Span{}, too_large_message(path));
    return r;
  }
  Loader loader(*program, diags, options);
  loader.load_root(path, std::move(text));
  return finish(std::move(program), loader, std::move(diags));
}

LoadResult load_program(const std::string& path, const LoadOptions& options) {
  std::string text;
  Read read = read_file(path, text);
  if (read == Read::too_large) {
    LoadResult r;
    r.program = std::make_unique<Program>();
    r.diagnostics.error("E0204", Span{}, too_large_message(path));
    return r;
  }
  if (read == Read::failed) {
    LoadResult r;
    r.program = std::make_unique<Program>();
    std::error_code ec;
    std::string why = fs::exists(path, ec) ? "cannot be read" : "no such file";
    r.diagnostics.error("E0200", Span{}, fmt::format("cannot open `{}`: {}", path, why));
    return r;
  }
  return load_program_text(path, std::move(text), options);
}

}  // namespace sop
