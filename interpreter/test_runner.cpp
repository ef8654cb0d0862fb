#include "interpreter/test_runner.hpp"

#include <algorithm>
#include <iterator>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "interpreter/value_text.hpp"

namespace sop {

static std::string source_text(const Program& p, Span s) {
  const SourceFile& f = p.sources.file(s.begin.file);
  return std::string(std::string_view(f.text).substr(s.begin.offset, s.length));
}

TestResult run_test(Evaluator& ev, const TestDef& test) {
  const Program& p = ev.program();
  TestResult r{test.name, test.cite, test.span, true, {}};
  // The given values are constants: evaluate them on an empty case first. Strings point into
  // the program, so they outlive the evaluation.
  Case c(p);
  ev.evaluate(c, false);
  for (const TestDef::Given& g : test.given) c.facts[g.fact] = ev.eval(g.value);
  ev.evaluate(c, true);
  for (const TestDef::Expect& e : test.expects) {
    using K = ExpectKind;
    std::string where =
        fmt::format("{}:{}", p.sources.file(e.span.begin.file).path, e.span.begin.line);
    if (e.kind == K::holds) {
      Value v = ev.eval(e.node);
      if (v.is_true()) continue;
      // Show what each side was, for a comparison.
      std::string detail;
      const Node& n = p.nodes[e.node];
      if (n.op == Op::eq || n.op == Op::ne || n.op == Op::lt || n.op == Op::le || n.op == Op::gt ||
          n.op == Op::ge) {
        detail = fmt::format(" (left side is {})", value_text(p, ev.eval(n.a), p.nodes[n.a].type));
      }
      r.failures.push_back(fmt::format("{}: expected `{}` to hold, but it is {}{}", where,
                                       source_text(p, p.nodes[e.node].span),
                                       v.is_unknown() ? k_unknown_text : "false", detail));
    } else if (e.kind == K::unknown) {
      Value v = ev.eval(e.node);
      if (ev.incomplete(v, p.nodes[e.node].type)) continue;
      r.failures.push_back(fmt::format("{}: expected `{}` to be unknown, but it is {}", where,
                                       source_text(p, p.nodes[e.node].span),
                                       value_text(p, v, p.nodes[e.node].type)));
    } else {
      std::vector<uint32_t> got = ev.missing_facts();
      std::vector<uint32_t> want = e.facts;
      std::sort(got.begin(), got.end());
      std::sort(want.begin(), want.end());
      if (got == want) continue;
      // Name the difference, not both lists: the facts missing beyond those expected, and the
      // expected ones that are not missing.
      std::vector<uint32_t> extra, absent;
      std::set_difference(got.begin(), got.end(), want.begin(), want.end(),
                          std::back_inserter(extra));
      std::set_difference(want.begin(), want.end(), got.begin(), got.end(),
                          std::back_inserter(absent));
      auto names = [&](const std::vector<uint32_t>& xs) {
        std::string out;
        for (uint32_t f : xs) out += (out.empty() ? "`" : ", `") + p.vars[f].name + "`";
        return out;
      };
      std::string list;
      for (uint32_t f : want) list += (list.empty() ? "" : ", ") + p.vars[f].name;
      std::vector<std::string> parts;
      if (!extra.empty())
        parts.push_back(names(extra) + (extra.size() == 1 ? " is" : " are") + " missing too");
      if (!absent.empty())
        parts.push_back(names(absent) + (absent.size() == 1 ? " is" : " are") + " not missing");
      r.failures.push_back(fmt::format("{}: expected missing facts [{}], but {}", where, list,
                                       fmt::join(parts, " and ")));
    }
  }
  // An overflow or a date out of range decides nothing, so the test cannot pass.
  if (!ev.fault().empty()) {
    r.failures.push_back(fmt::format("{}:{}: the case could not be evaluated: {}",
                                     p.sources.file(test.span.begin.file).path,
                                     test.span.begin.line, ev.fault()));
  }
  r.passed = r.failures.empty();
  return r;
}

std::vector<TestResult> run_tests(const Program& program) {
  Evaluator ev(program);
  std::vector<TestResult> out;
  for (const TestDef& t : program.tests) {
    if (t.module != program.root_module) continue;
    out.push_back(run_test(ev, t));
  }
  return out;
}

}  // namespace sop
