// The plan header: what a plan states about itself, checked against the schema that an
// imported module declares (`header { … }`), each field a constant of its declared type.
#include <algorithm>

#include <fmt/format.h>

#include "lang/check/passes.hpp"

namespace sop::check {

namespace {

// A library checked on its own: header fields are unknown, typed by the schema.
void declare_unknown_header(const Environment& env, Program& p, Diagnostics& diags) {
  if (!env.header_decl) return;
  for (const ast::FieldDecl& f : env.header_decl->fields) {
    p.header.push_back(
        {f.name, resolve_type(env, p, diags, f.type), f.doc, f.span, Value::unknown()});
  }
}

void check_unknown_fields(const ast::HeaderDecl& schema, const ast::PlanDecl& plan,
                          Diagnostics& diags) {
  for (const auto& pf : plan.fields) {
    bool known = std::any_of(schema.fields.begin(), schema.fields.end(),
                             [&](const ast::FieldDecl& f) { return f.name == pf.name; });
    if (known) continue;
    std::string names;
    for (const auto& f : schema.fields) names += (names.empty() ? "" : ", ") + f.name;
    diags.error("E0233", pf.name_span, fmt::format("a plan header has no field `{}`", pf.name),
                fmt::format("the fields are: {}", names));
  }
}

// A label names the version in determinations and in `sop diff --from-version`: an empty one
// names nothing, and a date without a label leaves the version unnamed.
void check_version(const ast::PlanDecl& plan, Program& p, Diagnostics& diags) {
  if (plan.version && plan.version->find_first_not_of(" \t") == std::string::npos) {
    diags.error("E0234", plan.version_span, "a version's label is empty",
                "name the version, e.g. `version \"2025\"`");
  }
  p.version = plan.version;
  p.in_force_from = plan.in_force_from;
  p.plan_span = plan.span;
  p.version_span = plan.version_span;
  p.from_span = plan.from_span;
}

}  // namespace

void check_header(const Environment& env, Lowering& lowering, Program& p, Diagnostics& diags) {
  const ast::PlanDecl* plan = env.plan_decl;
  p.is_plan = plan != nullptr;
  if (!plan) return declare_unknown_header(env, p, diags);
  p.plan_id = plan->id;
  check_version(*plan, p, diags);
  if (!env.header_decl) {
    diags.error("E0230", plan->span, "no `header` declaration says what a plan states",
                "import the module that declares the header (e.g. `import case_format`)");
    return;
  }
  for (const ast::FieldDecl& f : env.header_decl->fields) {
    HeaderField h{f.name, resolve_type(env, p, diags, f.type), f.doc, f.span, Value::null()};
    auto given = std::find_if(plan->fields.begin(), plan->fields.end(),
                              [&](const ast::PlanDecl::Field& pf) { return pf.name == f.name; });
    if (given == plan->fields.end()) {
      if (!p.types.is_optional(h.type)) {
        diags.error("E0231", plan->span,
                    fmt::format("plan `{}` does not state `{}` ({})", plan->id, f.name, f.doc),
                    fmt::format("add `{}: …` to the plan block", f.name));
      }
    } else {
      note_reference(p, Reference::Kind::header_field, given->name_span, f.span,
                     static_cast<uint32_t>(p.header.size()));
      std::optional<Value> v =
          lowering.fold(lowering.lower_as(*given->value, h.type, "header field"));
      if (v) {
        h.value = *v;
      } else {
        diags.error("E0232", given->value->span, fmt::format("`{}` must be a constant", f.name));
      }
    }
    p.header.push_back(h);
  }
  check_unknown_fields(*env.header_decl, *plan, diags);
}

}  // namespace sop::check
