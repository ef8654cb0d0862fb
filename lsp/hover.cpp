#include <fmt/format.h>

#include "lsp/features.hpp"

namespace sop::lsp {

namespace {

const char* kind_word(VarKind k) {
  switch (k) {
    case VarKind::fact:
      return "fact";
    case VarKind::output:
      return "output";
    case VarKind::def:
      return "def";
  }
  return "fact";
}

std::string code(const std::string& text) {
  return "```sop\n" + text + "\n```";
}

std::string paragraph(const std::string& text) {
  return text.empty() ? "" : "\n\n" + text;
}

// Where a declaration is, as `sop check` names places: `stdlib/case_format.sop:12`.
std::string place(const Program& p, const Span& s) {
  if (s.begin.file >= p.sources.size()) return {};
  return fmt::format("\n\n*{}:{}*", p.sources.file(s.begin.file).path, s.begin.line);
}

std::string var_text(const Program& p, const Var& v) {
  std::string s = code(fmt::format("{} {}: {}", kind_word(v.kind), v.name, p.type_name(v.type)));
  s += paragraph(v.doc);
  if (v.kind == VarKind::fact && !v.json.empty()) s += fmt::format("\n\nJSON name: `{}`", v.json);
  if (v.range_lo && v.range_hi) s += fmt::format("\n\nrange: {} to {}", *v.range_lo, *v.range_hi);
  return s;
}

std::string enum_text(const EnumDef& e) {
  std::string s = code("enum " + e.name) + paragraph(e.doc) + "\n\nvalues:";
  for (const EnumDef::Item& item : e.values)
    s += fmt::format("\n- `{}`{}", item.name, item.doc.empty() ? "" : " — " + item.doc);
  return s;
}

std::string enum_value_text(const EnumDef& e, const Span& decl) {
  for (const EnumDef::Item& item : e.values) {
    if (item.span.begin.offset != decl.begin.offset) continue;
    std::string s = code(e.name + "." + item.name) + paragraph(item.doc);
    if (!item.json.empty()) s += fmt::format("\n\nJSON: `\"{}\"`", item.json);
    return s + paragraph("a value of " + enum_text(e));
  }
  return enum_text(e);
}

std::string record_text(const Program& p, const RecordDef& r, const Span* field) {
  for (const RecordDef::Field& f : r.fields) {
    if (!field || f.span.begin.offset != field->begin.offset) continue;
    std::string s = code(fmt::format("{}.{}: {}", r.name, f.name, p.type_name(f.type)));
    return s + paragraph(f.doc) +
           (f.json.empty() ? "" : fmt::format("\n\nJSON name: `{}`", f.json));
  }
  std::string s = code("record " + r.name) + paragraph(r.doc) + "\n\nfields:";
  for (const RecordDef::Field& f : r.fields)
    s += fmt::format("\n- `{}: {}`{}", f.name, p.type_name(f.type),
                     f.doc.empty() ? "" : " — " + f.doc);
  return s;
}

std::string function_text(const Program& p, const Function& f) {
  std::string params;
  for (size_t i = 0; i < f.param_names.size(); ++i)
    params +=
        fmt::format("{}{}: {}", i ? ", " : "", f.param_names[i], p.type_name(f.param_types[i]));
  return code(fmt::format("fn {}({}) -> {}", f.name, params, p.type_name(f.result))) +
         paragraph(f.doc);
}

std::string reading_text(const ReadingDef& r) {
  std::string s = code("reading " + r.name) + paragraph(r.doc) + "\n\noptions:";
  for (size_t i = 0; i < r.options.size(); ++i)
    s += fmt::format("\n- `{}`{}{}", r.options[i].name,
                     r.options[i].doc.empty() ? "" : " — " + r.options[i].doc,
                     i == r.default_option ? " (default)" : "");
  return s;
}

// The declaration's own text: a baseline rule is shown as the baseline writes it.
std::string source_of(const Program& p, const Span& s) {
  if (s.begin.file >= p.sources.size()) return {};
  return std::string(
      std::string_view(p.sources.file(s.begin.file).text).substr(s.begin.offset, s.length));
}

// The rule an `adopt`, `override`, `omit` or `exception to` names, as its module writes it: a
// baseline's rule when it is in another module, else one of this file's own.
std::string rule_reference_text(const Program& p, const Reference& r) {
  bool baseline = r.declaration.begin.file != r.use.begin.file;
  return (baseline ? "baseline rule\n\n" : "rule\n\n") + code(source_of(p, r.declaration));
}

std::string reference_text(const Program& p, const Reference& r) {
  switch (r.kind) {
    case Reference::Kind::var:
      return var_text(p, p.vars[r.index]);
    case Reference::Kind::enum_type:
      return enum_text(p.enums[r.index]);
    case Reference::Kind::enum_value:
      return enum_value_text(p.enums[r.index], r.declaration);
    case Reference::Kind::record_type:
      return record_text(p, p.records[r.index], nullptr);
    case Reference::Kind::field:
      return record_text(p, p.records[r.index], &r.declaration);
    case Reference::Kind::function:
    case Reference::Kind::parameter:
      return function_text(p, p.functions[r.index]);
    case Reference::Kind::document: {
      const DocumentDef& d = p.documents[r.index];
      return code("document " + d.name) + fmt::format("\n\n**{}** (`{}`)", d.title, d.ref);
    }
    case Reference::Kind::calendar: {
      const CalendarDef& c = p.calendars[r.index];
      return code("calendar " + c.name) + paragraph(c.doc) +
             paragraph(c.cite.empty() ? "" : "cite: " + c.cite);
    }
    case Reference::Kind::rule:
      return rule_reference_text(p, r);
    case Reference::Kind::header_field: {
      const HeaderField& h = p.header[r.index];
      return code(fmt::format("plan.{}: {}", h.name, p.type_name(h.type))) + paragraph(h.doc);
    }
    case Reference::Kind::reading:
      return reading_text(p.readings[r.index]);
  }
  return {};
}

// Indices come from the checker; a program that failed part-way is still never read past its
// tables.
bool in_range(const Program& p, const Reference& r) {
  switch (r.kind) {
    case Reference::Kind::var:
      return r.index < p.vars.size();
    case Reference::Kind::enum_type:
    case Reference::Kind::enum_value:
      return r.index < p.enums.size();
    case Reference::Kind::record_type:
    case Reference::Kind::field:
      return r.index < p.records.size();
    case Reference::Kind::function:
    case Reference::Kind::parameter:
      return r.index < p.functions.size();
    case Reference::Kind::document:
      return r.index < p.documents.size();
    case Reference::Kind::calendar:
      return r.index < p.calendars.size();
    case Reference::Kind::rule:
      return true;
    case Reference::Kind::header_field:
      return r.index < p.header.size();
    case Reference::Kind::reading:
      return r.index < p.readings.size();
  }
  return false;
}

bool on_first_line(const Program& p, const Span& s, uint32_t file, uint32_t offset) {
  if (s.begin.file != file || s.begin.line == 0 || offset < s.begin.offset) return false;
  std::string_view text = p.sources.file(file).text;
  size_t eol = text.find('\n', s.begin.offset);
  return offset < (eol == std::string_view::npos ? text.size() : eol);
}

std::string rule_text(const Rule& r) {
  std::string s = code("rule " + r.label) + (r.title.empty() ? "" : "\n\n" + r.title);
  if (!r.cite.empty()) s += fmt::format("\n\ncite: **{}**", r.cite);
  if (!r.quote.empty()) s += "\n\n> " + r.quote;
  if (!r.baseline_cite.empty()) s += fmt::format("\n\nbaseline: {}", r.baseline_cite);
  return s;
}

// Not a use of a name: the declaration or rule whose first line `offset` is on.
std::string declaration_text(const Program& p, uint32_t file, uint32_t offset, Span& where) {
  for (const Var& v : p.vars)
    if (on_first_line(p, v.span, file, offset)) return where = v.span, var_text(p, v);
  for (const EnumDef& e : p.enums)
    if (on_first_line(p, e.span, file, offset)) return where = e.span, enum_text(e);
  for (const Rule& r : p.rules)
    if (on_first_line(p, r.span, file, offset)) return where = r.span, rule_text(r);
  return {};
}

}  // namespace

nlohmann::json hover(const Document& d, uint32_t offset) {
  const Program& p = *d.load.program;
  std::string text;
  Span where;
  const Reference* r = p.reference_at(d.file(), offset);
  if (r && in_range(p, *r)) {
    text = reference_text(p, *r) + place(p, r->declaration);
    where = r->use;
  } else {
    text = declaration_text(p, d.file(), offset, where);
  }
  if (text.empty()) return nullptr;
  return {{"contents", {{"kind", "markdown"}, {"value", text}}}, {"range", span_range(p, where)}};
}

}  // namespace sop::lsp
