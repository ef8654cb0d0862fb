// A plan must define every output and def its modules declare: an undefined one would be
// silently unknown in every determination.
#include <fmt/format.h>

#include "lang/check/passes.hpp"

namespace sop::check {

void check_completeness(const Environment& env, const Program& p, Diagnostics& diags) {
  if (!p.is_plan) return;
  for (const Var& v : p.vars) {
    if (v.kind == VarKind::fact) continue;
    if (v.derive_node != k_none || v.definition != k_none) continue;
    diags.error(
        // Reported at the plan header: the plan is what is incomplete, not the declaration.
        "E0240", env.plan_decl->span,
        fmt::format("plan `{}` does not define {} `{}` (declared at {})", p.plan_id,
                    v.kind == VarKind::output ? "output" : "def", v.name, where(p, v.span)),
        fmt::format("define it: `{} = first {{ … }}` or `{} = … cite \"…\"`", v.name, v.name));
  }
}

}  // namespace sop::check
