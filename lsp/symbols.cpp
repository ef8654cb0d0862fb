#include <algorithm>
#include <set>

#include "lsp/features.hpp"

namespace sop::lsp {

namespace {

// LSP SymbolKind.
enum SymbolKind {
  k_method = 6,
  k_property = 7,
  k_field = 8,
  k_enum = 10,
  k_function = 12,
  k_variable = 13,
  k_constant = 14,
  k_enum_member = 22,
  k_struct = 23,
  k_event = 24
};

nlohmann::json symbol(const Program& p, const std::string& name, int kind, const Span& span,
                      const std::string& detail = {}) {
  nlohmann::json range = span_range(p, span);
  nlohmann::json j = {{"name", name.empty() ? "?" : name},
                      {"kind", kind},
                      {"range", range},
                      {"selectionRange", range}};
  if (!detail.empty()) j["detail"] = detail;
  return j;
}

// The smallest span holding both (same file).
Span cover(const Span& a, const Span& b) {
  if (a.begin.line == 0) return b;
  uint32_t begin = std::min(a.begin.offset, b.begin.offset);
  uint32_t end = std::max(a.begin.offset + a.length, b.begin.offset + b.length);
  Span s = a.begin.offset <= b.begin.offset ? a : b;
  s.length = end - begin;
  return s;
}

// An output or def with the rules of its definition that this file writes (a refinement's
// adopted, overridden and added rules, and exceptions), in evaluation order.
nlohmann::json definition_symbol(const Program& p, const Definition& def, uint32_t file) {
  const Var& v = p.vars[def.var];
  nlohmann::json children = nlohmann::json::array();
  Span range = def.span.begin.file == file ? def.span : Span{};
  auto add = [&](uint32_t index) {
    const Rule& r = p.rules[index];
    if (r.span.begin.file != file || r.span.begin.line == 0) return;
    children.push_back(symbol(p, r.display(), k_method, r.span, r.cite));
    range = cover(range, r.span);
  };
  for (uint32_t index : def.rules) {
    add(index);
    for (uint32_t e : p.rules[index].exceptions) add(e);
  }
  if (range.begin.line == 0) return nullptr;
  nlohmann::json s = symbol(p, v.name, k_variable, range, p.type_name(v.type));
  s["children"] = std::move(children);
  return s;
}

nlohmann::json enum_symbol(const Program& p, const EnumDef& e) {
  nlohmann::json s = symbol(p, e.name, k_enum, e.span, e.doc);
  s["children"] = nlohmann::json::array();
  for (const EnumDef::Item& v : e.values)
    s["children"].push_back(symbol(p, v.name, k_enum_member, v.span));
  return s;
}

void add_declarations(const Program& p, uint32_t file, const std::set<uint32_t>& defined,
                      nlohmann::json& out) {
  auto here = [&](const Span& s) { return s.begin.file == file && s.begin.line != 0; };
  for (uint32_t i = 0; i < p.vars.size(); ++i)
    if (here(p.vars[i].span) && !defined.count(i))
      out.push_back(symbol(p, p.vars[i].name,
                           p.vars[i].kind == VarKind::fact ? k_field : k_variable, p.vars[i].span,
                           p.type_name(p.vars[i].type)));
  for (const EnumDef& e : p.enums)
    if (here(e.span)) out.push_back(enum_symbol(p, e));
  for (const RecordDef& r : p.records)
    if (here(r.span)) out.push_back(symbol(p, r.name, k_struct, r.span, r.doc));
  for (const Function& f : p.functions)
    if (here(f.span)) out.push_back(symbol(p, f.name, k_function, f.span, f.doc));
  for (const DocumentDef& d : p.documents)
    if (here(d.span)) out.push_back(symbol(p, d.name, k_constant, d.span, d.title));
  for (const InvariantDef& i : p.invariants)
    if (here(i.span)) out.push_back(symbol(p, i.display(), k_property, i.span, i.cite));
  for (const TestDef& t : p.tests)
    if (here(t.span)) out.push_back(symbol(p, t.name, k_event, t.span, t.cite));
}

}  // namespace

nlohmann::json document_symbols(const Document& d) {
  const Program& p = *d.load.program;
  nlohmann::json out = nlohmann::json::array();
  std::set<uint32_t> defined;
  for (const Definition& def : p.definitions) {
    if (def.var >= p.vars.size()) continue;
    nlohmann::json s = definition_symbol(p, def, d.file());
    if (s.is_null()) continue;
    defined.insert(def.var);
    out.push_back(std::move(s));
  }
  add_declarations(p, d.file(), defined, out);
  std::stable_sort(out.begin(), out.end(), [](const nlohmann::json& a, const nlohmann::json& b) {
    const auto& x = a["range"]["start"];
    const auto& y = b["range"]["start"];
    return std::pair(x["line"].get<int>(), x["character"].get<int>()) <
           std::pair(y["line"].get<int>(), y["character"].get<int>());
  });
  return out;
}

}  // namespace sop::lsp
