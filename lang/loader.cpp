#include "lang/loader.hpp"

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

bool read_file(const fs::path& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return true;
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
  };

  void visit(const std::string& key, uint32_t file, const fs::path& dir) {
    state_[key] = State::visiting;
    stack_.push_back(program_.sources.file(file).module);
    std::optional<ast::Module> module = parse_module(program_.sources, file, next_id_, diags_);
    if (module) {
      for (const ast::Decl& d : module->decls) {
        if (const auto* imp = std::get_if<ast::Import>(&d)) import(*imp, dir);
      }
      modules_.push_back(std::move(*module));
    }
    stack_.pop_back();
    state_[key] = State::done;
  }

  void import(const ast::Import& imp, const fs::path& dir) {
    std::vector<std::string> searched;
    std::optional<Found> found = resolve(imp.module, dir, searched);
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

  std::optional<Found> resolve(const std::string& name, const fs::path& dir,
                               std::vector<std::string>& searched) {
    // Embedded modules (empty dir) import only from the embedded table and the search paths.
    std::vector<fs::path> dirs;
    if (!dir.empty()) dirs = {dir, dir.parent_path() / "stdlib"};
    for (const std::string& s : options_.search_paths) dirs.emplace_back(s);
    for (const fs::path& d : dirs) {
      fs::path candidate = (d / (name + ".sop")).lexically_normal();
      searched.push_back(display_path(d));
      std::error_code ec;
      if (!fs::is_regular_file(candidate, ec)) continue;
      Found f;
      if (!read_file(candidate, f.text)) continue;
      f.key = fs::absolute(candidate).lexically_normal().generic_string();
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
  std::map<std::string, State> state_;
  std::vector<std::string> stack_;
  std::vector<ast::Module> modules_;
  ast::NodeId next_id_ = 1;
};

LoadResult finish(std::unique_ptr<Program> program, Loader& loader, Diagnostics diags) {
  LoadResult r;
  if (!diags.has_errors()) check_program(loader.modules(), *program, diags);
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
  Loader loader(*program, diags, options);
  loader.load_root(path, std::move(text));
  return finish(std::move(program), loader, std::move(diags));
}

LoadResult load_program(const std::string& path, const LoadOptions& options) {
  std::string text;
  if (!read_file(path, text)) {
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
