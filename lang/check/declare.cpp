// The first declaration pass: every name a module declares, checked for duplicates, entered in
// the environment. Vars, documents and calendars enter the program here (their order is their
// index); types are resolved by the next pass, once every type name is known.
#include <fmt/format.h>

#include "lang/check/passes.hpp"

namespace sop::check {

namespace {

class Declarer {
 public:
  Declarer(Environment& env, Program& program, Diagnostics& diags)
      : env_(env), p_(program), diags_(diags) {}

  void module(const ast::Module& m, bool root) {
    for (const ast::Decl& d : m.decls) std::visit([&](const auto& x) { declare(x, m, root); }, d);
  }

 private:
  void declare(const ast::Import&, const ast::Module&, bool) {}

  void declare(const ast::PlanDecl& x, const ast::Module& m, bool root) {
    if (!root) {
      diags_.error("E0211", x.span,
                   fmt::format("module `{}` has a `plan` header but is imported", m.name),
                   "only the file given to sop may be a plan");
    } else if (env_.plan_decl) {
      diags_.error("E0210", x.span, "a second `plan` header");
    } else {
      // Any file may hold any version of a plan (docs/design.md, "Versions of a plan"), so
      // the plan's id need not be the file's stem.
      env_.plan_decl = &x;
    }
  }

  void declare(const ast::HeaderDecl& x, const ast::Module&, bool) {
    if (env_.header_decl) {
      diags_.error("E0210", x.span, "a second `header` declaration",
                   fmt::format("the first is at {}", where(p_, env_.header_decl->span)));
    } else {
      env_.header_decl = &x;
    }
  }

  // Enumerations, records and readings share one namespace: all are type names.
  bool claim_type_name(const std::string& name, Span span) {
    if (!env_.enums.count(name) && !env_.records.count(name) && !env_.readings.count(name))
      return true;
    diags_.error("E0210", span, fmt::format("type `{}` is already declared", name));
    return false;
  }

  void declare(const ast::EnumDecl& x, const ast::Module&, bool) {
    if (!claim_type_name(x.name, x.span)) return;
    env_.enums[x.name] = static_cast<uint32_t>(env_.enum_decls.size());
    env_.enum_decls.push_back(&x);
  }

  void declare(const ast::RecordDecl& x, const ast::Module&, bool) {
    if (!claim_type_name(x.name, x.span)) return;
    env_.records[x.name] = static_cast<uint32_t>(env_.record_decls.size());
    env_.record_decls.push_back(&x);
  }

  // Vars, functions, documents and calendars share the value namespace.
  bool claim_value_name(const std::string& name, Span span) {
    auto [it, fresh] = value_names_.emplace(name, span);
    if (!fresh) {
      diags_.error("E0210", span, fmt::format("`{}` is already declared", name),
                   fmt::format("the first declaration is at {}", where(p_, it->second)));
    }
    return fresh;
  }

  void declare(const ast::VarDecl& x, const ast::Module& m, bool) {
    if (!claim_value_name(x.name, x.span)) return;
    env_.vars[x.name] = static_cast<uint32_t>(env_.var_decls.size());
    env_.var_decls.push_back(&x);
    Var v;
    v.kind = x.kind;
    v.name = x.name;
    v.doc = x.doc;
    v.json = x.json_name.empty() ? x.name : x.json_name;
    v.range_lo = x.range_lo;
    v.range_hi = x.range_hi;
    v.module = m.file;
    v.span = x.span;
    p_.vars.push_back(std::move(v));
  }

  void declare(const ast::FnDecl& x, const ast::Module&, bool) {
    if (!claim_value_name(x.name, x.span)) return;
    env_.functions[x.name] = static_cast<uint32_t>(env_.fn_decls.size());
    env_.fn_decls.push_back(&x);
  }

  void declare(const ast::DocumentDecl& x, const ast::Module&, bool) {
    if (!claim_value_name(x.name, x.span)) return;
    env_.documents[x.name] = static_cast<uint32_t>(p_.documents.size());
    p_.documents.push_back({x.name, x.ref, x.title, x.span});
  }

  // Read by `sop check --sources` (lang/sources.hpp), not by the checker.
  void declare(const ast::SourceDecl&, const ast::Module&, bool) {}

  void declare(const ast::CalendarDecl& x, const ast::Module&, bool) {
    if (!claim_value_name(x.name, x.span)) return;
    env_.calendars[x.name] = static_cast<uint32_t>(p_.calendars.size());
    p_.calendars.push_back({x.name, x.doc, x.citation ? x.citation->cite : "", x.holidays, x.span});
  }

  void declare(const ast::Definition& x, const ast::Module& m, bool) {
    env_.definitions.emplace_back(&x, m.file);
  }

  void declare(const ast::TestDecl& x, const ast::Module& m, bool) {
    env_.tests.emplace_back(&x, m.file);
  }

  // A reading is a value (its chosen option) and a type (the enumeration of its options).
  void declare(const ast::ReadingDecl& x, const ast::Module&, bool) {
    if (!claim_value_name(x.name, x.name_span) || !claim_type_name(x.name, x.name_span)) return;
    env_.readings[x.name] = static_cast<uint32_t>(env_.reading_decls.size());
    env_.reading_decls.push_back(&x);
  }

  void declare(const ast::InvariantDecl& x, const ast::Module& m, bool) {
    env_.invariants.emplace_back(&x, m.file);
  }

  Environment& env_;
  Program& p_;
  Diagnostics& diags_;
  std::unordered_map<std::string, Span> value_names_;  // for duplicates across namespaces
};

}  // namespace

Environment declare_names(const std::vector<ast::Module>& modules, Program& program,
                          Diagnostics& diags) {
  Environment env;
  Declarer declarer(env, program, diags);
  for (size_t i = 0; i < modules.size(); ++i) declarer.module(modules[i], i + 1 == modules.size());
  return env;
}

}  // namespace sop::check
