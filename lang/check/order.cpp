// The order in which a plan's outputs and defs are evaluated: each after what it reads, through
// the functions it calls. A cycle is an error: of calls (functions may not recurse) or of
// definitions (a value may not depend on itself).
#include <algorithm>
#include <string>

#include <fmt/format.h>

#include "lang/check/dependencies.hpp"
#include "lang/check/passes.hpp"

namespace sop::check {

void references_of(const Program& p, NodeIndex n, std::vector<uint32_t>& vars,
                   std::vector<uint32_t>& fns) {
  const Node& node = p.nodes[n];
  if (node.op == Op::var) vars.push_back(node.a);
  if (node.op == Op::call) fns.push_back(node.a);
  for (uint32_t i = 0; i < operand_count(node); ++i)
    references_of(p, operand(p, node, i), vars, fns);
}

namespace {

using Edges = std::vector<std::vector<uint32_t>>;

template <class Names>
std::string cycle_text(const std::vector<uint32_t>& path, uint32_t to, const Names& name) {
  std::string names;
  for (size_t k = std::find(path.begin(), path.end(), to) - path.begin(); k < path.size(); ++k)
    names += name(path[k]) + " -> ";
  return names + name(to);
}

// The vars each function reads, transitively through the functions it calls (E0250 for a
// function that calls itself).
Edges function_reads(const Program& p, Diagnostics& diags) {
  size_t nf = p.functions.size();
  Edges fvars(nf), fcalls(nf);
  for (size_t i = 0; i < nf; ++i)
    if (p.functions[i].body != k_none) references_of(p, p.functions[i].body, fvars[i], fcalls[i]);
  std::vector<uint8_t> color(nf, 0);
  auto calls = [&](uint32_t f) -> const std::vector<uint32_t>& { return fcalls[f]; };
  auto name = [&](uint32_t f) { return p.functions[f].name; };
  auto cycle = [&](const std::vector<uint32_t>& path, uint32_t g) {
    diags.error("E0250", p.functions[g].span,
                fmt::format("function `{}` calls itself: {}", name(g), cycle_text(path, g, name)),
                "functions may not be recursive");
  };
  auto done = [&](uint32_t f) {
    for (uint32_t g : fcalls[f])
      if (g != f) fvars[f].insert(fvars[f].end(), fvars[g].begin(), fvars[g].end());
    // Without duplicates: a function calling another twice would otherwise double its list
    // at every level, exponentially.
    std::sort(fvars[f].begin(), fvars[f].end());
    fvars[f].erase(std::unique(fvars[f].begin(), fvars[f].end()), fvars[f].end());
  };
  for (uint32_t f = 0; f < nf; ++f)
    if (color[f] == 0) depth_first(f, color, calls, cycle, done);
  return fvars;
}

// The outputs and defs each output or def reads (facts left out: they need no order).
Edges var_reads(const Program& p, const Edges& fvars) {
  size_t nv = p.vars.size();
  Edges deps(nv);
  for (uint32_t v = 0; v < nv; ++v) {
    if (p.vars[v].kind == VarKind::fact) continue;
    auto add_node = [&](int32_t n) {
      if (n == k_none) return;
      std::vector<uint32_t> fs;
      references_of(p, static_cast<NodeIndex>(n), deps[v], fs);
      for (uint32_t f : fs) deps[v].insert(deps[v].end(), fvars[f].begin(), fvars[f].end());
    };
    // Not the `unknown as` rendering: it is applied after evaluation, outside the order.
    add_node(p.vars[v].derive_node);
    if (p.vars[v].definition != k_none) {
      for (uint32_t r : p.definitions[p.vars[v].definition].rules) {
        add_node(p.rules[r].condition), add_node(p.rules[r].value);
        for (uint32_t e : p.rules[r].exceptions)
          add_node(p.rules[e].condition), add_node(p.rules[e].value);
      }
    }
    std::erase_if(deps[v], [&](uint32_t d) { return p.vars[d].kind == VarKind::fact; });
  }
  return deps;
}

}  // namespace

void order_evaluation(Program& p, Diagnostics& diags) {
  Edges fvars = function_reads(p, diags);
  Edges deps = var_reads(p, fvars);
  size_t nv = p.vars.size();
  std::vector<uint8_t> color(nv, 0);
  auto reads = [&](uint32_t v) -> const std::vector<uint32_t>& { return deps[v]; };
  auto name = [&](uint32_t v) { return p.vars[v].name; };
  auto cycle = [&](const std::vector<uint32_t>& path, uint32_t d) {
    diags.error("E0251", p.vars[d].span,
                fmt::format("`{}` depends on itself: {}", name(d), cycle_text(path, d, name)));
  };
  auto done = [&](uint32_t v) { p.eval_order.push_back(v); };
  for (uint32_t v = 0; v < nv; ++v)
    if (p.vars[v].kind != VarKind::fact && color[v] == 0) depth_first(v, color, reads, cycle, done);
}

}  // namespace sop::check
