// In-language tests: `given` facts and `expect` clauses, lowered against the program so the
// test runner (interpreter/test_runner.cpp) evaluates them like any other node.
#include <algorithm>

#include <fmt/format.h>

#include "lang/check/passes.hpp"

namespace sop::check {

namespace {

// The fact called `name`, or -1 (and E0260) if there is none.
int32_t fact_named(const Environment& env, Program& p, Diagnostics& diags, const std::string& name,
                   Span span, const char* help) {
  auto it = env.vars.find(name);
  if (it == env.vars.end() || p.vars[it->second].kind != VarKind::fact) {
    diags.error("E0260", span, fmt::format("`{}` is not a fact", name), help);
    return -1;
  }
  note_reference(p, Reference::Kind::var, span, p.vars[it->second].span, it->second);
  return static_cast<int32_t>(it->second);
}

void check_given(const Environment& env, Lowering& lowering, Program& p, Diagnostics& diags,
                 const ast::TestDecl& t, TestDef& def) {
  for (const auto& g : t.given) {
    int32_t fact =
        fact_named(env, p, diags, g.fact, g.fact_span, "`given` sets the facts of the case");
    if (fact < 0) continue;
    auto f = static_cast<uint32_t>(fact);
    if (std::any_of(def.given.begin(), def.given.end(),
                    [&](const TestDef::Given& x) { return x.fact == f; })) {
      diags.error("E0210", g.fact_span, fmt::format("`{}` is given twice", g.fact));
      continue;
    }
    NodeIndex n = lowering.lower_as(*g.value, p.vars[f].type, "given value");
    def.given.push_back({f, n, g.fact_span});
  }
}

TestDef::Expect check_expect(const Environment& env, Lowering& lowering, Program& p,
                             Diagnostics& diags, const ast::TestDecl::Expect& e) {
  TestDef::Expect x;
  x.kind = e.kind;
  x.span = e.span;
  if (e.kind == ExpectKind::holds) {
    x.node = lowering.lower_as(*e.expr, p.types.bool_(), "expectation");
  } else if (e.kind == ExpectKind::unknown) {
    x.node = lowering.lower(*e.expr, 0);
  } else {
    for (size_t i = 0; i < e.facts.size(); ++i) {
      int32_t fact = fact_named(env, p, diags, e.facts[i], e.fact_spans.at(i), "");
      if (fact >= 0) x.facts.push_back(static_cast<uint32_t>(fact));
    }
  }
  return x;
}

}  // namespace

void check_tests(const Environment& env, Lowering& lowering, Program& p, Diagnostics& diags) {
  for (const auto& [t, module] : env.tests) {
    TestDef def;
    def.name = t->name;
    def.cite = t->citation ? t->citation->cite : "";
    def.module = module;
    def.span = t->span;
    check_given(env, lowering, p, diags, *t, def);
    for (const auto& e : t->expects)
      def.expects.push_back(check_expect(env, lowering, p, diags, e));
    p.tests.push_back(std::move(def));
  }
}

}  // namespace sop::check
