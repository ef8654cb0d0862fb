// Bounds on what evaluating a checked program can cost, so that no policy makes the evaluator
// overflow its stack or run for ever.
//
// The parser bounds each expression's nesting (k_max_expression_depth), but evaluation goes
// further: a call evaluates the callee's body in place, and the missing-facts walk follows an
// output down through the defs it reads. Both recurse, so a chain of a few thousand functions
// or defs, each within the parser's bound, would still overflow the stack; and a function that
// calls another twice, which calls another twice…, costs 2^n operations per call while its text
// grows by n lines. This pass measures both, through every call and def, and refuses a program
// past either limit, naming the definition and the path that goes too deep.
#include <algorithm>

#include <fmt/format.h>

#include "lang/check/dependencies.hpp"
#include "lang/check/passes.hpp"

namespace sop::check {

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

  // Takes in a part's measure: the deeper path, the summed cost.
  void take(const Measure& k, int32_t through) {
    over = over || k.over;
    if (k.depth > depth) {
      depth = k.depth;
      via = through >= 0 ? through : k.via;
    }
    cost = std::min(cost + k.cost, k_max_call_cost + 1);
  }
};

// One graph over defs and functions: ids [0, nv) are vars, [nv, nv + nf) functions. Each is
// measured after everything it reaches.
class LimitCheck {
 public:
  LimitCheck(const Program& p, Diagnostics& diags)
      : p_(p), diags_(diags), nv_(p.vars.size()), measured_(nv_ + p.functions.size()) {}

  void run() {
    std::vector<std::vector<uint32_t>> reaches = edges();
    // In dependency order, without recursion: chains of defs and calls are as long as a policy
    // makes them. A cycle is an error that order_evaluation reports, so it is ignored here.
    std::vector<uint8_t> color(measured_.size(), 0);
    auto out = [&](uint32_t id) -> const std::vector<uint32_t>& { return reaches[id]; };
    auto ignore_cycle = [](const std::vector<uint32_t>&, uint32_t) {};
    auto done = [&](uint32_t id) { measure(id); };
    for (uint32_t root = 0; root < measured_.size(); ++root)
      if (!color[root]) depth_first(root, color, out, ignore_cycle, done);
  }

 private:
  const std::string& name_of(int32_t id) const {
    return static_cast<size_t>(id) < nv_ ? p_.vars[id].name : p_.functions[id - nv_].name;
  }

  // The defs and functions each one's nodes reach.
  std::vector<std::vector<uint32_t>> edges() const {
    std::vector<std::vector<uint32_t>> reaches(measured_.size());
    for (uint32_t id = 0; id < measured_.size(); ++id) {
      nodes_of(p_, id, [&](int32_t n) {
        if (n == k_none) return;
        std::vector<uint32_t> vars, fns;
        references_of(p_, static_cast<NodeIndex>(n), vars, fns);
        for (uint32_t v : vars) reaches[id].push_back(v);
        for (uint32_t f : fns) reaches[id].push_back(static_cast<uint32_t>(nv_ + f));
      });
    }
    return reaches;
  }

  // A node's measure from its operands' and from the defs and functions it reaches (measured
  // before it). Recursion here follows one expression, which the parser bounds.
  Measure node(NodeIndex n) const {
    const Node& x = p_.nodes[n];
    Measure m;
    if (x.op == Op::var)
      m.take({measured_[x.a].depth, 0, -1, measured_[x.a].over}, static_cast<int32_t>(x.a));
    if (x.op == Op::call) m.take(measured_[nv_ + x.a], static_cast<int32_t>(nv_ + x.a));
    for (uint32_t i = 0; i < operand_count(x); ++i) m.take(node(operand(p_, x, i)), -1);
    m.depth += 1;
    m.cost = std::min(m.cost + 1, k_max_call_cost + 1);
    return m;
  }

  // The path shown in a message: the deepest way down from `id`, a few steps of it.
  std::string path_from(int32_t id) const {
    std::string out = "`" + name_of(id) + "`";
    for (int steps = 0; measured_[id].via >= 0 && steps < 6; ++steps) {
      id = measured_[id].via;
      out += " -> `" + name_of(id) + "`";
    }
    return measured_[id].via >= 0 ? out + " -> …" : out;
  }

  void measure(uint32_t id) {
    bool is_fn = id >= nv_;
    Measure total;
    nodes_of(p_, id, [&](int32_t n) {
      if (n == k_none) return;
      Measure m = node(static_cast<NodeIndex>(n));
      total.over = total.over || m.over;
      if (m.depth > total.depth) {
        total.depth = m.depth;
        total.via = m.via;
      }
      if (is_fn) total.cost = m.cost;  // a function has one body
    });
    total.depth += 1;  // the def's or call's own frame
    measured_[id] = total;
    if (total.over) {
      measured_[id] = {0, 0, -1, true};  // what it reaches is reported already
    } else if (total.depth > k_max_evaluation_depth) {
      report_depth(id, is_fn);
      measured_[id] = {0, 0, -1, true};  // reported once, here, not again at every use
    } else if (is_fn && total.cost > k_max_call_cost) {
      report_cost(id);
      measured_[id] = {0, 0, -1, true};
    }
  }

  void report_depth(uint32_t id, bool is_fn) {
    auto sid = static_cast<int32_t>(id);
    diags_.error(
        "E0252", is_fn ? p_.functions[id - nv_].span : p_.vars[id].span,
        fmt::format("evaluating {} `{}` nests more than {} levels deep, through definitions "
                    "and calls",
                    is_fn ? "function" : "definition", name_of(sid), k_max_evaluation_depth),
        fmt::format("the deepest path: {}; compute part of it in fewer steps", path_from(sid)));
  }

  void report_cost(uint32_t id) {
    diags_.error("E0253", p_.functions[id - nv_].span,
                 fmt::format("a call to `{}` evaluates more than {} operations",
                             name_of(static_cast<int32_t>(id)), k_max_call_cost),
                 "each call evaluates the functions it calls in full, so calling one several "
                 "times multiplies its cost; compute a repeated part once, in a `def`");
  }

  const Program& p_;
  Diagnostics& diags_;
  const size_t nv_;
  std::vector<Measure> measured_;
};

}  // namespace

void check_evaluation_limits(const Program& program, Diagnostics& diags) {
  LimitCheck(program, diags).run();
}

}  // namespace sop::check
