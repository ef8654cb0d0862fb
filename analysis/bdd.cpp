#include "analysis/bdd.hpp"

#include <algorithm>
#include <unordered_set>

namespace sop::analysis {

Bdd::Bdd(uint32_t vars) : vars_(vars) {
  // Terminals sit below every variable.
  nodes_.push_back({vars_, k_false, k_false});
  nodes_.push_back({vars_, k_true, k_true});
  unique_.assign(1 << 16, 0);
  cache_.resize(1 << 18);
  neg_cache_.resize(1 << 14);
}

void Bdd::grow_unique() {
  std::vector<Ref> old = std::move(unique_);
  unique_.assign(old.size() * 2, 0);
  size_t mask = unique_.size() - 1;
  for (Ref r : old) {
    if (r == 0) continue;
    const Node& n = nodes_[r];
    size_t i = mix((uint64_t{n.var} << 40) ^ (uint64_t{n.lo} << 20) ^ n.hi) & mask;
    while (unique_[i] != 0) i = (i + 1) & mask;
    unique_[i] = r;
  }
}

Bdd::Ref Bdd::mk(uint32_t var, Ref lo, Ref hi) {
  if (lo == hi) return lo;
  size_t mask = unique_.size() - 1;
  size_t i = mix((uint64_t{var} << 40) ^ (uint64_t{lo} << 20) ^ hi) & mask;
  while (unique_[i] != 0) {
    const Node& n = nodes_[unique_[i]];
    if (n.var == var && n.lo == lo && n.hi == hi) return unique_[i];
    i = (i + 1) & mask;
  }
  nodes_.push_back({var, lo, hi});
  Ref r = static_cast<Ref>(nodes_.size() - 1);
  unique_[i] = r;
  if (nodes_.size() * 2 > unique_.size()) grow_unique();
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
  uint64_t key = (uint64_t{a} << 34) | (uint64_t{b} << 2) | static_cast<uint64_t>(op);
  CacheEntry& slot = cache_[mix(key) & (cache_.size() - 1)];
  if (slot.key == key) return slot.result;
  uint32_t v = std::min(top(a), top(b));
  Ref a_lo = top(a) == v ? nodes_[a].lo : a, a_hi = top(a) == v ? nodes_[a].hi : a;
  Ref b_lo = top(b) == v ? nodes_[b].lo : b, b_hi = top(b) == v ? nodes_[b].hi : b;
  Ref lo = apply(op, a_lo, b_lo);
  Ref hi = apply(op, a_hi, b_hi);
  Ref r = mk(v, lo, hi);
  // Re-index: the recursion may have overwritten the slot.
  CacheEntry& again = cache_[mix(key) & (cache_.size() - 1)];
  again.key = key;
  again.result = r;
  return r;
}

bool Bdd::intersects(Ref a, Ref b) {
  if (a == k_false || b == k_false) return false;
  if (a == k_true || b == k_true || a == b) return true;
  if (a > b) std::swap(a, b);
  // In the computed table with the operations' results, as 0 or 1.
  uint64_t key = (uint64_t{a} << 34) | (uint64_t{b} << 2) | static_cast<uint64_t>(Op::meets);
  CacheEntry& slot = cache_[mix(key) & (cache_.size() - 1)];
  if (slot.key == key) return slot.result != 0;
  uint32_t v = std::min(top(a), top(b));
  Ref a_lo = top(a) == v ? nodes_[a].lo : a, a_hi = top(a) == v ? nodes_[a].hi : a;
  Ref b_lo = top(b) == v ? nodes_[b].lo : b, b_hi = top(b) == v ? nodes_[b].hi : b;
  bool r = intersects(a_lo, b_lo) || intersects(a_hi, b_hi);
  CacheEntry& again = cache_[mix(key) & (cache_.size() - 1)];
  again.key = key;
  again.result = r ? 1 : 0;
  return r;
}

Bdd::Ref Bdd::neg(Ref a) {
  if (a == k_false) return k_true;
  if (a == k_true) return k_false;
  CacheEntry& slot = neg_cache_[mix(a) & (neg_cache_.size() - 1)];
  if (slot.key == a) return slot.result;
  Node n = nodes_[a];
  Ref lo = neg(n.lo);
  Ref hi = neg(n.hi);
  Ref r = mk(n.var, lo, hi);
  CacheEntry& again = neg_cache_[mix(a) & (neg_cache_.size() - 1)];
  again.key = a;
  again.result = r;
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

std::vector<bool> Bdd::support(Ref f) const {
  std::vector<bool> out(vars_, false);
  // A set of the nodes under f, not a flag per node of the whole diagram: f is usually small
  // and the diagram large, and clearing a flag per node at each call dominated the diff.
  std::unordered_set<Ref> seen;
  std::vector<Ref> stack = {f};
  while (!stack.empty()) {
    Ref r = stack.back();
    stack.pop_back();
    if (r <= k_true || !seen.insert(r).second) continue;
    out[nodes_[r].var] = true;
    stack.push_back(nodes_[r].lo);
    stack.push_back(nodes_[r].hi);
  }
  return out;
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
