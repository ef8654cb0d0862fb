#include "analysis/bdd.hpp"

#include <algorithm>

namespace sop::analysis {

Bdd::Bdd(uint32_t vars) : vars_(vars) {
  // Terminals sit below every variable.
  nodes_.push_back({vars_, k_false, k_false});
  nodes_.push_back({vars_, k_true, k_true});
}

Bdd::Ref Bdd::mk(uint32_t var, Ref lo, Ref hi) {
  if (lo == hi) return lo;
  Key key{var, (uint64_t{lo} << 32) | hi};
  auto it = unique_.find(key);
  if (it != unique_.end()) return it->second;
  nodes_.push_back({var, lo, hi});
  Ref r = static_cast<Ref>(nodes_.size() - 1);
  unique_.emplace(key, r);
  return r;
}

Bdd::Ref Bdd::var(uint32_t v) {
  return mk(v, k_false, k_true);
}
Bdd::Ref Bdd::nvar(uint32_t v) {
  return mk(v, k_true, k_false);
}

Bdd::Ref Bdd::apply(Op op, Ref a, Ref b) {
  if (op == Op::conj) {
    if (a == k_false || b == k_false) return k_false;
    if (a == k_true) return b;
    if (b == k_true || a == b) return a;
  } else {
    if (a == k_true || b == k_true) return k_true;
    if (a == k_false) return b;
    if (b == k_false || a == b) return a;
  }
  if (a > b) std::swap(a, b);  // both operations commute
  Key key{(uint64_t{static_cast<uint8_t>(op)} << 32) | a, b};
  auto it = cache_.find(key);
  if (it != cache_.end()) return it->second;
  uint32_t v = std::min(top(a), top(b));
  Ref a_lo = top(a) == v ? nodes_[a].lo : a, a_hi = top(a) == v ? nodes_[a].hi : a;
  Ref b_lo = top(b) == v ? nodes_[b].lo : b, b_hi = top(b) == v ? nodes_[b].hi : b;
  Ref lo = apply(op, a_lo, b_lo);
  Ref hi = apply(op, a_hi, b_hi);
  Ref r = mk(v, lo, hi);
  cache_.emplace(key, r);
  return r;
}

Bdd::Ref Bdd::neg(Ref a) {
  if (a == k_false) return k_true;
  if (a == k_true) return k_false;
  auto it = neg_cache_.find(a);
  if (it != neg_cache_.end()) return it->second;
  Node n = nodes_[a];
  Ref lo = neg(n.lo);
  Ref hi = neg(n.hi);
  Ref r = mk(n.var, lo, hi);
  neg_cache_.emplace(a, r);
  return r;
}

void Bdd::cubes(Ref f, const std::function<void(const std::vector<int8_t>&)>& fn) const {
  std::vector<int8_t> path(vars_, -1);
  std::function<void(Ref)> walk = [&](Ref r) {
    if (r == k_false) return;
    if (r == k_true) {
      fn(path);
      return;
    }
    const Node& n = nodes_[r];
    path[n.var] = 0;
    walk(n.lo);
    path[n.var] = 1;
    walk(n.hi);
    path[n.var] = -1;
  };
  walk(f);
}

std::vector<int8_t> Bdd::one(Ref f) const {
  std::vector<int8_t> out(vars_, 0);
  Ref r = f;
  while (r != k_true && r != k_false) {
    const Node& n = nodes_[r];
    if (n.lo != k_false) {
      out[n.var] = 0;
      r = n.lo;
    } else {
      out[n.var] = 1;
      r = n.hi;
    }
  }
  return out;
}

}  // namespace sop::analysis
