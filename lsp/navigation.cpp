#include "lsp/features.hpp"

#include <map>

namespace sop::lsp {

namespace {

// The locations of one request, each file's URI found once: finding it may read the file
// (module_files.hpp), and a list of references has many locations in few files.
class Locations {
 public:
  explicit Locations(const Document& d) : d_(d) {}
  nlohmann::json at(const Span& s) {
    auto [it, fresh] = uris_.try_emplace(s.begin.file);
    if (fresh) it->second = file_uri(d_, s.begin.file);
    if (it->second.empty()) return nullptr;
    return {{"uri", it->second}, {"range", span_range(*d_.load.program, s)}};
  }

 private:
  const Document& d_;
  std::map<uint32_t, std::string> uris_;
};

bool same_span(const Span& a, const Span& b) {
  return a.begin.file == b.begin.file && a.begin.offset == b.begin.offset && a.length == b.length;
}

}  // namespace

nlohmann::json definition(const Document& d, uint32_t offset) {
  const Reference* r = d.load.program->reference_at(d.file(), offset);
  if (!r || r->declaration.begin.line == 0) return nullptr;
  return Locations(d).at(r->declaration);
}

nlohmann::json references(const Document& d, uint32_t offset, bool include_declaration) {
  const Program& p = *d.load.program;
  const Reference* at = p.reference_at(d.file(), offset);
  if (!at) return nullptr;
  Locations locations(d);
  nlohmann::json out = nlohmann::json::array();
  if (include_declaration) {
    nlohmann::json decl = locations.at(at->declaration);
    if (!decl.is_null()) out.push_back(std::move(decl));
  }
  for (const Reference& r : p.references) {
    if (r.kind != at->kind || !same_span(r.declaration, at->declaration)) continue;
    nlohmann::json use = locations.at(r.use);
    if (!use.is_null()) out.push_back(std::move(use));
  }
  return out;
}

}  // namespace sop::lsp
