#include "lsp/workspace.hpp"

#include <filesystem>

#include "analysis/invariants.hpp"
#include "lsp/uri.hpp"

namespace sop::lsp {

namespace {

bool declares_names(const Program& p) {
  return !p.vars.empty() || !p.enums.empty();
}

// A path as the loader keys files: absolute and normalised.
std::string absolute_key(const std::string& path) {
  std::error_code ec;
  auto p = std::filesystem::absolute(path, ec).lexically_normal().generic_string();
  return ec ? path : p;
}

}  // namespace

const Program& Document::names() const {
  if (declares_names(*load.program) || !last_declared) return *load.program;
  return *last_declared;
}

std::vector<const Document*> Workspace::open(const std::string& uri, std::string text,
                                             int64_t version) {
  auto& slot = docs_[uri];
  if (!slot) slot = std::make_unique<Document>();
  slot->uri = uri;
  slot->path = path_from_uri(uri);
  // A URI that names no file (an unsaved buffer) is checked as a file in the working directory.
  if (slot->path.empty()) slot->path = "untitled.sop";
  slot->text = std::move(text);
  slot->version = version;
  check(*slot);
  std::vector<const Document*> checked = {slot.get()};
  check_importers(slot->path, slot.get(), checked);
  return checked;
}

Document* Workspace::find(const std::string& uri) {
  auto it = docs_.find(uri);
  return it == docs_.end() ? nullptr : it->second.get();
}

std::vector<const Document*> Workspace::close(const std::string& uri) {
  std::vector<const Document*> checked;
  auto it = docs_.find(uri);
  if (it == docs_.end()) return checked;
  std::string path = it->second->path;
  docs_.erase(it);
  check_importers(path, nullptr, checked);
  return checked;
}

void Workspace::check_importers(const std::string& path, const Document* except,
                                std::vector<const Document*>& checked) {
  std::string key = absolute_key(path);
  for (auto& [u, d] : docs_) {
    if (d.get() == except) continue;
    const SourceSet& sources = d->load.program->sources;
    for (uint32_t f = 0; f < sources.size(); ++f) {
      if (f == d->file() || absolute_key(sources.file(f).path) != key) continue;
      check(*d);
      checked.push_back(d.get());
      break;
    }
  }
}

// As `sop check` does (cli/commands/check.cpp): load, then prove a plan's invariants once it
// checks.
void Workspace::check(Document& d) const {
  LoadOptions options;
  for (const auto& [u, other] : docs_)
    if (other.get() != &d) options.overlays[absolute_key(other->path)] = other->text;
  LoadResult r = load_program_text(d.path, d.text, options);
  if (r.ok() && r.program->is_plan)
    analysis::report_invariants(*r.program, analysis::prove_invariants(*r.program), r.diagnostics);
  if (d.load.program && declares_names(*d.load.program) && !declares_names(*r.program))
    d.last_declared = std::move(d.load.program);
  d.load = std::move(r);
}

}  // namespace sop::lsp
