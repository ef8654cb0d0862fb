// Invariants: a condition and a claim, both over the facts and the determination, each
// cited like a rule. This pass types them; the analysis layer proves them over the case space
// (the checker cannot: proving needs symbolic evaluation, which is built on the interpreter).
#include <algorithm>

#include <fmt/format.h>

#include "lang/check/passes.hpp"

namespace sop::check {

namespace {

InvariantDef lower_invariant(const ast::InvariantDecl& d, uint32_t module, Lowering& lowering,
                             Program& p, Diagnostics& diags) {
  const ast::Rule& r = d.rule;
  InvariantDef inv;
  inv.label = r.label;
  inv.title = r.title;
  if (r.citation) inv.cite = r.citation->cite, inv.quote = r.citation->quote;
  if (inv.cite.empty()) {
    diags.error("E0270", d.span, fmt::format("invariant `{}` has no citation", r.label),
                "an invariant cites the section that promises it: `cite \"POLICY §X.Y\"`");
  }
  inv.module = module;
  inv.span = d.span;
  if (r.condition)
    inv.condition =
        static_cast<int32_t>(lowering.lower_as(*r.condition, p.types.bool_(), "a condition"));
  inv.claim = lowering.lower_as(*r.value, p.types.bool_(), "the invariant's claim");
  return inv;
}

}  // namespace

void check_invariants(const Environment& env, Lowering& lowering, Program& p, Diagnostics& diags) {
  for (const auto& [d, module] : env.invariants) {
    const std::string& label = d->rule.label;
    auto same = std::find_if(p.invariants.begin(), p.invariants.end(),
                             [&](const InvariantDef& x) { return x.label == label; });
    if (same != p.invariants.end()) {
      diags.error("E0271", d->rule.label_span,
                  fmt::format("invariant `{}` is already declared", label),
                  fmt::format("the first is at {}", where(p, same->span)));
      continue;
    }
    p.invariants.push_back(lower_invariant(*d, module, lowering, p, diags));
  }
}

}  // namespace sop::check
