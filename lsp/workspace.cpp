#include "lsp/workspace.hpp"

#include <filesystem>

#include "analysis/invariants.hpp"
#include "lsp/uri.hpp"

namespace sop::lsp {

namespace {

bool declares_names(const Program& p) {
  return !p.vars.empty() || !p.enums.empty();
}

}  // namespace

const Program& Document::names() const {
  if (declares_names(*load.program) || !last_declared) return *load.program;
  return *last_declared;
}

Document& Workspace::open(const std::string& uri, std::string text, int64_t version) {
  auto& slot = docs_[uri];
  if (!slot) slot = std::make_unique<Document>();
  slot->uri = uri;
  slot->path = path_from_uri(uri);
  // A URI that names no file (an unsaved buffer) is checked as a file in the working directory.
  if (slot->path.empty()) slot->path = "untitled.sop";
  slot->text = std::move(text);
  slot->version = version;
  for (auto& [u, d] : docs_) check(*d);
  return *slot;
}

Document* Workspace::find(const std::string& uri) {
  auto it = docs_.find(uri);
  return it == docs_.end() ? nullptr : it->second.get();
}

void Workspace::close(const std::string& uri) {
  docs_.erase(uri);
  for (auto& [u, d] : docs_) check(*d);
}

// As `sop check` does (cli/commands/check.cpp): load, then prove a plan's invariants once it
// checks.
void Workspace::check(Document& d) const {
  LoadOptions options;
  for (const auto& [u, other] : docs_) {
    if (other.get() == &d) continue;
    std::error_code ec;
    auto key = std::filesystem::absolute(other->path, ec).lexically_normal().generic_string();
    if (!ec) options.overlays[key] = other->text;
  }
  LoadResult r = load_program_text(d.path, d.text, options);
  if (r.ok() && r.program->is_plan)
    analysis::report_invariants(*r.program, analysis::prove_invariants(*r.program), r.diagnostics);
  if (d.load.program && declares_names(*d.load.program) && !declares_names(*r.program))
    d.last_declared = std::move(d.load.program);
  d.load = std::move(r);
}

}  // namespace sop::lsp
