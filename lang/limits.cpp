// Bounds on what evaluating a checked program can cost, so that no policy makes the evaluator
// overflow its stack or run for ever.
//
// The parser bounds each expression's nesting (k_max_expression_depth), but evaluation goes
// further: a call evaluates the callee's body in place, and the missing-facts walk follows an
// output down through the defs it reads. Both recurse, so a chain of a few thousand functions
// or defs, each within the parser's bound, would still overflow the stack; and a function that
// calls another twice, which calls another twice…, costs 2^n operations per call while its text
// grows by n lines. The checker measures both, through every call and def, and refuses a
// program past either limit, naming the definition and the path that goes too deep.
#include <algorithm>
#include <functional>

#include <fmt/format.h>

#include "lang/checker_impl.hpp"

namespace sop {

namespace {

// Levels of recursion, counted one per node, call and def: at most a few hundred bytes of stack
// each, so that the deepest evaluation stays well inside a default 8 MiB stack even under
// AddressSanitizer. No shipped policy comes within a tenth of it.
constexpr uint32_t k_max_evaluation_depth = 2000;
// Operations one call of a function may evaluate, its calls included.
constexpr uint64_t k_max_call_cost = 1'000'000;

struct Measure {
  uint32_t depth = 0;  // levels of recursion to evaluate (or blame) it
  uint64_t cost = 0;   // operations to evaluate it, saturated past k_max_call_cost
  int32_t via = -1;    // the def (index) or function (vars.size() + index) on the deepest path
  bool over = false;   // past a limit already reported, at it or below it
};

}  // namespace

void Checker::check_evaluation_limits() {
  const size_t nv = p_.vars.size();
  const size_t nf = p_.functions.size();
  // One graph over defs and functions: ids [0, nv) are vars, [nv, nv + nf) functions.
  std::vector<Measure> measured(nv + nf);
  auto name_of = [&](int32_t id) -> const std::string& {
    return static_cast<size_t>(id) < nv ? p_.vars[id].name : p_.functions[id - nv].name;
  };

  // A node's measure from its children's and from the defs and functions it reaches (measured
  // before it: they are done first). Recursion here follows one expression, which the parser
  // bounds.
  std::function<Measure(NodeIndex)> node = [&](NodeIndex n) {
    const Node& x = p_.nodes[n];
    Measure m;
    auto take = [&](const Measure& k, int32_t via) {
      m.over = m.over || k.over;
      if (k.depth > m.depth) {
        m.depth = k.depth;
        m.via = via >= 0 ? via : k.via;
      }
      m.cost = std::min(m.cost + k.cost, k_max_call_cost + 1);
    };
    auto child = [&](NodeIndex c) { take(node(c), -1); };
    switch (x.op) {
      case Op::var:
        take({measured[x.a].depth, 0, -1, measured[x.a].over}, static_cast<int32_t>(x.a));
        break;
      case Op::constant:
      case Op::fact:
      case Op::param:
      case Op::current_cite:
        break;
      case Op::not_:
      case Op::neg:
      case Op::field:
      case Op::project:
        child(x.a);
        break;
      case Op::if_:
      case Op::add_cal:
      case Op::sub_cal:
        child(x.a), child(x.b), child(x.c);
        break;
      case Op::call:
        take(measured[nv + x.a], static_cast<int32_t>(nv + x.a));
        [[fallthrough]];
      case Op::make_record:
      case Op::make_list:
      case Op::make_set:
      case Op::builtin:
        for (uint32_t i = 0; i < x.c; ++i) child(p_.operands[x.b + i]);
        break;
      default:
        child(x.a), child(x.b);
        break;
    }
    m.depth += 1;
    m.cost = std::min(m.cost + 1, k_max_call_cost + 1);
    return m;
  };

  auto nodes_of = [&](uint32_t id, auto&& f) {
    if (id >= nv) {
      if (p_.functions[id - nv].body != k_none) f(p_.functions[id - nv].body);
      return;
    }
    const Var& v = p_.vars[id];
    for (int32_t n : {v.default_node, v.derive_node, v.unknown_as}) f(n);
    if (v.definition == k_none) return;
    for (uint32_t r : p_.definitions[v.definition].rules) {
      f(p_.rules[r].condition), f(p_.rules[r].value);
      for (uint32_t e : p_.rules[r].exceptions) f(p_.rules[e].condition), f(p_.rules[e].value);
    }
  };

  // The edges: the defs and functions each one's nodes reach.
  std::vector<std::vector<uint32_t>> reaches(nv + nf);
  for (uint32_t id = 0; id < nv + nf; ++id) {
    nodes_of(id, [&](int32_t n) {
      if (n == k_none) return;
      std::vector<uint32_t> vars, fns;
      refs_of(static_cast<NodeIndex>(n), vars, fns);
      for (uint32_t v : vars) reaches[id].push_back(v);
      for (uint32_t f : fns) reaches[id].push_back(static_cast<uint32_t>(nv + f));
    });
  }

  // The path shown in a message: the deepest way down from `id`, a few steps of it.
  auto path_from = [&](int32_t id) {
    std::string out = "`" + name_of(id) + "`";
    for (int steps = 0; measured[id].via >= 0 && steps < 6; ++steps) {
      id = measured[id].via;
      out += " -> `" + name_of(id) + "`";
    }
    return measured[id].via >= 0 ? out + " -> …" : out;
  };

  auto measure = [&](uint32_t id) {
    Measure total;
    nodes_of(id, [&](int32_t n) {
      if (n == k_none) return;
      Measure m = node(static_cast<NodeIndex>(n));
      total.over = total.over || m.over;
      if (m.depth > total.depth) {
        total.depth = m.depth;
        total.via = m.via;
      }
      if (id >= nv) total.cost = m.cost;  // a function has one body
    });
    total.depth += 1;  // the def's or call's own frame
    measured[id] = total;
    bool is_fn = id >= nv;
    const Span& span = is_fn ? p_.functions[id - nv].span : p_.vars[id].span;
    if (total.over) {
      measured[id] = {0, 0, -1, true};  // what it reaches is reported already
    } else if (total.depth > k_max_evaluation_depth) {
      diags_.error(
          "E0252", span,
          fmt::format("evaluating {} `{}` nests more than {} levels deep, through definitions "
                      "and calls",
                      is_fn ? "function" : "definition", name_of(static_cast<int32_t>(id)),
                      k_max_evaluation_depth),
          fmt::format("the deepest path: {}; compute part of it in fewer steps",
                      path_from(static_cast<int32_t>(id))));
      measured[id] = {0, 0, -1, true};  // reported once, here, not again at every use
    } else if (is_fn && total.cost > k_max_call_cost) {
      diags_.error("E0253", span,
                   fmt::format("a call to `{}` evaluates more than {} operations",
                               name_of(static_cast<int32_t>(id)), k_max_call_cost),
                   "each call evaluates the functions it calls in full, so calling one several "
                   "times multiplies its cost; compute a repeated part once, in a `def`");
      measured[id] = {0, 0, -1, true};
    }
  };

  // In dependency order (what each reaches is measured first), without recursion: chains of
  // defs and calls are as long as a policy makes them.
  std::vector<uint8_t> color(nv + nf, 0);
  struct Frame {
    uint32_t id;
    size_t next;
  };
  for (uint32_t root = 0; root < nv + nf; ++root) {
    if (color[root]) continue;
    std::vector<Frame> stack{{root, 0}};
    color[root] = 1;
    while (!stack.empty()) {
      Frame& f = stack.back();
      if (f.next < reaches[f.id].size()) {
        uint32_t to = reaches[f.id][f.next++];
        if (color[to] == 0) {
          color[to] = 1;
          stack.push_back({to, 0});
        }
        continue;  // a cycle (color 1) is an error reported by order_evaluation
      }
      uint32_t id = f.id;
      stack.pop_back();
      color[id] = 2;
      measure(id);
    }
  }
}

}  // namespace sop
