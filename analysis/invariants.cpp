#include "analysis/invariants.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "analysis/case_cover.hpp"
#include "analysis/symbolic.hpp"
#include "interpreter/codec/case_json.hpp"
#include "interpreter/codec/determination.hpp"

namespace sop::analysis {

namespace {

// The cases where the invariant fails: the condition true and the claim false.
Bdd::Ref failing_cases(SymbolicEvaluator& sym, const InvariantDef& inv, Bdd& bdd, Bdd::Ref all) {
  Bdd::Ref holds = all;  // where the condition is true
  if (inv.condition != k_none) {
    holds = Bdd::k_false;
    for (const Alt& a : sym.expression(static_cast<NodeIndex>(inv.condition)))
      if (a.value.kind == ValueKind::bool_ && a.value.u.b) holds = bdd.disj(holds, a.guard);
  }
  Bdd::Ref fails = Bdd::k_false;
  for (const Alt& a : sym.expression(inv.claim))
    if (a.value.kind == ValueKind::bool_ && !a.value.u.b) fails = bdd.disj(fails, a.guard);
  return bdd.conj(bdd.conj(holds, fails), all);
}

// The outputs and defs a node reads, in the order met, without repeats.
void vars_read(const Program& p, NodeIndex n, std::vector<uint32_t>& out) {
  const Node& node = p.nodes[n];
  if (node.op == Op::var && std::find(out.begin(), out.end(), node.a) == out.end())
    out.push_back(node.a);
  for (uint32_t i = 0; i < operand_count(node); ++i) vars_read(p, operand(p, node, i), out);
}

// The witness evaluated the ordinary way: whether it fails there, and what each value the
// invariant reads is and which rule decided it.
void confirm(const Program& p, const InvariantDef& inv, InvariantFailure& f) {
  CaseDecoder decoder(p);
  Case c(p);
  std::string error;
  if (!decoder.decode(f.witness, c, error)) return;
  Evaluator ev(p);
  ev.evaluate(c, true);
  auto is = [&](NodeIndex n, bool want) {
    Value v = ev.eval(n);
    return v.kind == ValueKind::bool_ && v.u.b == want;
  };
  f.confirmed = (inv.condition == k_none || is(static_cast<NodeIndex>(inv.condition), true)) &&
                is(inv.claim, false);
  std::vector<uint32_t> vars;
  if (inv.condition != k_none) vars_read(p, static_cast<NodeIndex>(inv.condition), vars);
  vars_read(p, inv.claim, vars);
  for (uint32_t v : vars) {
    std::string line =
        fmt::format("{} = {}", p.vars[v].name, value_json(ev, ev.value(v), p.vars[v].type).dump());
    for (const TraceEntry& t : ev.trace()) {
      if (t.var != v) continue;
      const Rule& r = p.rules[t.rule];
      line += fmt::format(" (rule `{}` [{}])", r.label, r.cite);
    }
    f.evidence.push_back(std::move(line));
  }
}

}  // namespace

std::vector<InvariantFailure> prove_invariants(const Program& p) {
  std::vector<InvariantFailure> out;
  if (p.invariants.empty()) return out;
  CaseSpace space({&p});
  Bdd bdd(FactEncoding::vars_needed(space));
  FactEncoding enc(space, bdd);
  SymbolicEvaluator sym(p, 0, space, enc, bdd);
  CaseDomain complete = case_domain(space, enc, bdd, true);
  CaseDomain any = case_domain(space, enc, bdd, false);
  for (uint32_t i = 0; i < p.invariants.size(); ++i) {
    const InvariantDef& inv = p.invariants[i];
    Bdd::Ref fails = failing_cases(sym, inv, bdd, enc.universe());
    if (fails == Bdd::k_false) continue;
    // A counterexample found among cases with every fact given reads as a case from life (one
    // with absent facts only when the invariant fails on nothing else); then every fact it can
    // do without is dropped, within all the failing cases.
    InvariantFailure f;
    f.invariant = i;
    f.complete_case = bdd.conj(fails, complete.cases) != Bdd::k_false;
    const CaseDomain& domain = f.complete_case ? complete : any;
    Bdd::Ref inside = bdd.conj(fails, domain.cases);
    CaseCover cover = cover_cases(inside, inside, domain, space, enc, bdd, 1);
    f.witness =
        witness_case(minimal_witness(fails, cover.cubes.at(0), domain, space, enc, bdd), space);
    confirm(p, inv, f);
    out.push_back(std::move(f));
  }
  return out;
}

void report_invariants(const Program& p, const std::vector<InvariantFailure>& failures,
                       Diagnostics& diags) {
  for (const InvariantFailure& f : failures) {
    const InvariantDef& inv = p.invariants[f.invariant];
    Diagnostic d;
    d.code = "E0280";
    d.span = inv.span;
    d.message = fmt::format("invariant `{}` does not hold for plan `{}`: {}", inv.label, p.plan_id,
                            inv.display());
    d.help = f.confirmed
                 ? "the case below decides against it; correct the rules it names, or the invariant"
                 : "the case below was found symbolically but not confirmed by evaluation "
                   "(an internal inconsistency: please report it)";
    d.notes.push_back(fmt::format("counterexample (sop.case/1): {}", f.witness.dump()));
    for (const std::string& e : f.evidence) d.notes.push_back(e);
    diags.add(std::move(d));
  }
}

}  // namespace sop::analysis
