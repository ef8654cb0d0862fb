#include "lsp/features.hpp"

namespace sop::lsp {

namespace {

nlohmann::json location(const Document& d, const Span& s) {
  std::string uri = file_uri(d, s.begin.file);
  if (uri.empty()) return nullptr;
  return {{"uri", uri}, {"range", span_range(*d.load.program, s)}};
}

bool same_span(const Span& a, const Span& b) {
  return a.begin.file == b.begin.file && a.begin.offset == b.begin.offset && a.length == b.length;
}

}  // namespace

nlohmann::json definition(const Document& d, uint32_t offset) {
  const Reference* r = d.load.program->reference_at(d.file(), offset);
  if (!r || r->declaration.begin.line == 0) return nullptr;
  return location(d, r->declaration);
}

nlohmann::json references(const Document& d, uint32_t offset, bool include_declaration) {
  const Program& p = *d.load.program;
  const Reference* at = p.reference_at(d.file(), offset);
  if (!at) return nullptr;
  nlohmann::json out = nlohmann::json::array();
  if (include_declaration) {
    nlohmann::json decl = location(d, at->declaration);
    if (!decl.is_null()) out.push_back(std::move(decl));
  }
  for (const Reference& r : p.references) {
    if (r.kind != at->kind || !same_span(r.declaration, at->declaration)) continue;
    nlohmann::json use = location(d, r.use);
    if (!use.is_null()) out.push_back(std::move(use));
  }
  return out;
}

}  // namespace sop::lsp
