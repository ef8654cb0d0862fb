#pragma once
// What a node reads, and a depth-first walk over such edges: shared by the evaluation order
// (cycles) and the evaluation limits (depth and cost).
#include <cstdint>
#include <vector>

#include "lang/program.hpp"

namespace sop::check {

// The vars (Op::var) and functions (Op::call) that node `n` and its operands read, with
// repetitions, in operand order.
void references_of(const Program& p, NodeIndex n, std::vector<uint32_t>& vars,
                   std::vector<uint32_t>& fns);

// Depth-first search from `root` that calls `done(node)` once every node it leads to is done
// (post-order) and `cycle(path, to)` for an edge back into the current path. Iterative: a policy
// may chain a hundred thousand definitions, which recursion would overflow the stack on.
// color: 0 unvisited, 1 on the path, 2 done.
template <class Edges, class Cycle, class Done>
void depth_first(uint32_t root, std::vector<uint8_t>& color, const Edges& edges, Cycle&& cycle,
                 Done&& done) {
  struct Frame {
    uint32_t node;
    size_t next;
  };
  std::vector<Frame> stack{{root, 0}};
  std::vector<uint32_t> path{root};
  color[root] = 1;
  while (!stack.empty()) {
    uint32_t node = stack.back().node;
    const std::vector<uint32_t>& out = edges(node);
    if (stack.back().next < out.size()) {
      uint32_t to = out[stack.back().next++];
      if (color[to] == 1) {
        cycle(path, to);
      } else if (color[to] == 0) {
        color[to] = 1;
        stack.push_back({to, 0});
        path.push_back(to);
      }
      continue;
    }
    color[node] = 2;
    done(node);
    stack.pop_back();
    path.pop_back();
  }
}

// Calls f(node) for every node of var or function `id`: ids [0, vars) are vars (default,
// derivation, `unknown as`, every rule and exception), [vars, vars + functions) functions.
// k_none entries are passed as well; `f` skips them.
template <class F>
void nodes_of(const Program& p, uint32_t id, F&& f) {
  const size_t nv = p.vars.size();
  if (id >= nv) {
    f(p.functions[id - nv].body);
    return;
  }
  const Var& v = p.vars[id];
  for (int32_t n : {v.default_node, v.derive_node, v.unknown_as}) f(n);
  if (v.definition == k_none) return;
  for (uint32_t r : p.definitions[v.definition].rules) {
    f(p.rules[r].condition), f(p.rules[r].value);
    for (uint32_t e : p.rules[r].exceptions) f(p.rules[e].condition), f(p.rules[e].value);
  }
}

}  // namespace sop::check
