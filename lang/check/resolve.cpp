// The second declaration pass: types as written become TypeIds, and enumerations, records,
// vars and function signatures enter the program fully typed. Enumerations come first: their
// values are needed by everything after.
#include <algorithm>

#include <fmt/format.h>

#include "lang/check/passes.hpp"
#include "lang/suggest.hpp"

namespace sop::check {

namespace {

TypeId builtin_type(const std::string& name) {
  static const std::pair<const char*, TypeId> builtins[] = {
      {"bool", 2},     {"int", 3},      {"string", 4},   {"date", 5},     {"datetime", 6},
      {"duration", 7}, {"citation", 8}, {"document", 9}, {"calendar", 10}};
  for (const auto& [n, id] : builtins)
    if (name == n) return id;
  return 0;
}

TypeId resolve_named(const Environment& env, Program& p, Diagnostics& diags,
                     const ast::TypeExpr& t) {
  if (TypeId id = builtin_type(t.name)) return id;
  if (auto it = env.enums.find(t.name); it != env.enums.end()) {
    note_reference(p, Reference::Kind::enum_type, t.span, p.enums[it->second].span, it->second);
    return p.types.enum_(it->second);
  }
  if (auto it = env.records.find(t.name); it != env.records.end()) {
    note_reference(p, Reference::Kind::record_type, t.span, p.records[it->second].span, it->second);
    return p.types.record(it->second);
  }
  std::vector<std::string> candidates = {"bool",     "int",      "string",   "date",    "datetime",
                                         "duration", "citation", "document", "calendar"};
  for (const auto& [name, _] : env.enums) candidates.push_back(name);
  for (const auto& [name, _] : env.records) candidates.push_back(name);
  diags.error("E0220", t.span, fmt::format("unknown type `{}`", t.name),
              did_you_mean_help(t.name, candidates));
  return p.types.error();
}

void resolve_enums(Environment& env, Program& p, Diagnostics& diags) {
  for (const ast::EnumDecl* e : env.enum_decls) {
    EnumDef def{e->name, e->doc, {}, e->span};
    for (const auto& v : e->values) {
      bool dup = std::any_of(def.values.begin(), def.values.end(),
                             [&](const EnumDef::Item& i) { return i.name == v.name; });
      if (dup) {
        diags.error("E0210", v.span,
                    fmt::format("`{}` is already a value of `{}`", v.name, e->name));
        continue;
      }
      env.enum_values[v.name].emplace_back(static_cast<uint32_t>(p.enums.size()),
                                           static_cast<uint32_t>(def.values.size()));
      def.values.push_back({v.name, v.doc, v.json_name.empty() ? v.name : v.json_name, v.span});
    }
    if (def.values.size() > 64) {
      diags.error("E0222", e->span,
                  fmt::format("enumeration `{}` has {} values; at most 64 are supported", e->name,
                              def.values.size()));
    }
    p.enums.push_back(std::move(def));
  }
}

// Records are entered before their fields are typed, so that a field may name any record.
void resolve_records(const Environment& env, Program& p, Diagnostics& diags) {
  for (const ast::RecordDecl* r : env.record_decls)
    p.records.push_back({r->name, r->doc, {}, r->span});
  for (size_t i = 0; i < env.record_decls.size(); ++i) {
    const ast::RecordDecl* r = env.record_decls[i];
    for (const ast::FieldDecl& f : r->fields) {
      bool dup = std::any_of(p.records[i].fields.begin(), p.records[i].fields.end(),
                             [&](const RecordDef::Field& x) { return x.name == f.name; });
      if (dup) {
        diags.error("E0210", f.span,
                    fmt::format("`{}` is already a field of `{}`", f.name, r->name));
        continue;
      }
      TypeId type = resolve_type(env, p, diags, f.type);
      p.records[i].fields.push_back(
          {f.name, type, f.doc, f.json_name.empty() ? f.name : f.json_name, f.span});
    }
  }
}

void resolve_vars(const Environment& env, Program& p, Diagnostics& diags) {
  for (size_t i = 0; i < env.var_decls.size(); ++i) {
    Var& v = p.vars[i];
    v.type = resolve_type(env, p, diags, env.var_decls[i]->type);
    if ((v.range_lo || v.range_hi) && v.type != p.types.int_()) {
      diags.error("E0223", env.var_decls[i]->span,
                  fmt::format("a range applies to an `int`, and `{}` is `{}`", v.name,
                              p.type_name(v.type)));
    }
    if (v.kind == VarKind::fact) p.facts.push_back(static_cast<uint32_t>(i));
    if (v.kind == VarKind::output) p.outputs.push_back(static_cast<uint32_t>(i));
  }
}

// JSON names must be unique among facts and among outputs: they are the interchange format.
void check_json_names(const Program& p, Diagnostics& diags) {
  for (const std::vector<uint32_t>* group : {&p.facts, &p.outputs}) {
    std::unordered_map<std::string, uint32_t> seen;
    for (uint32_t vi : *group) {
      auto [it, fresh] = seen.emplace(p.vars[vi].json, vi);
      if (!fresh) {
        diags.error("E0210", p.vars[vi].span,
                    fmt::format("JSON name `{}` is already used by `{}`", p.vars[vi].json,
                                p.vars[it->second].name));
      }
    }
  }
}

// Function parameters take the slots after the vars'.
void resolve_functions(const Environment& env, Program& p, Diagnostics& diags) {
  p.slot_count = static_cast<uint32_t>(p.vars.size());
  for (const ast::FnDecl* f : env.fn_decls) {
    Function fn;
    fn.name = f->name;
    fn.doc = f->doc;
    fn.span = f->span;
    fn.result = resolve_type(env, p, diags, f->result);
    for (const ast::Param& prm : f->params) {
      if (std::find(fn.param_names.begin(), fn.param_names.end(), prm.name) !=
          fn.param_names.end()) {
        diags.error("E0210", prm.span, fmt::format("parameter `{}` is already declared", prm.name));
      }
      fn.param_names.push_back(prm.name);
      fn.param_types.push_back(resolve_type(env, p, diags, prm.type));
      fn.param_spans.push_back(prm.span);
      fn.param_slots.push_back(p.slot_count++);
    }
    p.functions.push_back(std::move(fn));
  }
}

}  // namespace

TypeId resolve_type(const Environment& env, Program& p, Diagnostics& diags,
                    const ast::TypeExpr& t) {
  TypeTable& ty = p.types;
  switch (t.kind) {
    case ast::TypeExpr::Kind::named:
      return resolve_named(env, p, diags, t);
    case ast::TypeExpr::Kind::list:
      return ty.list(resolve_type(env, p, diags, t.args.at(0)));
    case ast::TypeExpr::Kind::set: {
      TypeId e = resolve_type(env, p, diags, t.args.at(0));
      if (e != ty.error() && ty.kind(e) != TypeKind::enum_) {
        diags.error("E0221", t.span,
                    fmt::format("a set holds enumeration values, not `{}`", p.type_name(e)),
                    "use `list of …` for other values");
        return ty.error();
      }
      return ty.set(e);
    }
    case ast::TypeExpr::Kind::optional:
      return ty.optional(resolve_type(env, p, diags, t.args.at(0)));
    case ast::TypeExpr::Kind::union_: {
      std::vector<TypeId> ms;
      for (const ast::TypeExpr& a : t.args) ms.push_back(resolve_type(env, p, diags, a));
      return ty.union_(std::move(ms));
    }
  }
  return ty.error();
}

void resolve_declarations(Environment& env, Program& program, Diagnostics& diags) {
  resolve_enums(env, program, diags);
  resolve_records(env, program, diags);
  resolve_vars(env, program, diags);
  check_json_names(program, diags);
  resolve_functions(env, program, diags);
}

}  // namespace sop::check
