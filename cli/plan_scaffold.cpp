#include "cli/plan_scaffold.hpp"

#include <fmt/format.h>

#include "lang/ast_printer.hpp"
#include "lang/embedded_stdlib.hpp"

namespace sop::cli {

namespace {

const HeaderField* find_field(const Program& p, const std::string& name) {
  for (const HeaderField& f : p.header)
    if (f.name == name) return &f;
  return nullptr;
}

// The `plan` block: a given field with its value; every other one as a comment naming its type
// and meaning, marked TODO when the plan must state it (the checker asks for it: E0231).
std::string plan_block(const Program& p, const ScaffoldOptions& o) {
  std::string out = fmt::format("plan {} {{\n", o.id);
  for (const HeaderField& f : p.header) {
    auto given = o.fields.find(f.name);
    if (given != o.fields.end()) {
      out += fmt::format("  {}: {}\n", f.name, string_literal(given->second));
      continue;
    }
    bool optional = p.types.is_optional(f.type);
    out += fmt::format("  // {}{}: {} — {}\n", optional ? "" : "TODO ", f.name, p.type_name(f.type),
                       f.doc);
  }
  return out + "}\n";
}

// A baseline definition's rules, each a commented stub that the plan turns into an `adopt`,
// `override` or `omit` (the checker names each one left: E0411).
std::string refine_block(const Program& p, const Definition& d) {
  const Var& var = p.vars[d.var];
  std::string out = fmt::format(
      "\n// `{}`: {}. Each rule of the baseline ({}):\n"
      "//   adopt LABEL cite \"…\" | override LABEL \"title\" cite \"…\" when … => … | "
      "omit LABEL because \"…\"\nrefine {} {{\n",
      var.name, var.doc, p.sources.file(d.span.begin.file).path, var.name);
  for (uint32_t ri : d.rules) {
    const Rule& r = p.rules[ri];
    std::string label = r.kind == Rule::Kind::otherwise ? "otherwise" : r.label;
    out += fmt::format("  // {} (baseline): \"{}\", {}\n  // TODO adopt {} cite \"…\"\n", label,
                       r.display(), r.cite, label);
  }
  return out + "}\n";
}

// An output or def that no module defines: the plan defines it (the checker asks: E0240).
std::string definition_stub(const Program& p, const Var& var) {
  return fmt::format(
      "\n// TODO `{}`: {} ({})\n// {} = first {{\n//   rule LABEL \"…\" cite \"…\" quote \"…\" "
      "when … => …\n//   otherwise cite \"…\" => …\n// }}\n",
      var.name, var.doc, p.type_name(var.type), var.name);
}

}  // namespace

std::string scaffold_imports() {
  std::string out;
  for (const EmbeddedModule& m : embedded_stdlib()) out += fmt::format("import {}\n", m.name);
  return out;
}

Scaffold plan_scaffold(const Program& library, const ScaffoldOptions& o) {
  for (const auto& [name, value] : o.fields) {
    const HeaderField* f = find_field(library, name);
    if (!f || library.types.kind(f->type) != TypeKind::string)
      return {"", fmt::format("the plan header has no string field `{}`", name)};
  }
  auto policy = o.fields.find("policy");
  std::string prefix = policy != o.fields.end() ? policy->second : "…";
  std::string out = fmt::format(
      "// {}: the policy this file encodes, its title and revision (to write here).\n\n", o.id);
  out += scaffold_imports() + "\n" + plan_block(library, o);
  out += fmt::format(
      "// The document this file encodes, as a text file in the directory given to\n"
      "// `sop check --sources DIR`; every citation beginning {} is looked up in it.\n"
      "source {} for {}\n",
      string_literal(prefix), string_literal(o.id + ".txt"), string_literal(prefix));
  for (const Definition& d : library.definitions) out += refine_block(library, d);
  for (const Var& var : library.vars) {
    bool defined = var.definition != k_none || var.derive_node != k_none;
    if (var.kind != VarKind::fact && !defined) out += definition_stub(library, var);
  }
  return {out, ""};
}

}  // namespace sop::cli
