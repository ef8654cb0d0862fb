#pragma once
// A small reduced ordered binary decision diagram package: sets of cases as boolean functions
// of the bits that encode each fact's value. Written here (rather than BuDDy) for an instance
// per analysis with no global state and cube enumeration without C callbacks.
#include <cstdint>
#include <functional>
#include <vector>

namespace sop::analysis {

class Bdd {
 public:
  using Ref = uint32_t;
  static constexpr Ref k_false = 0;
  static constexpr Ref k_true = 1;

  explicit Bdd(uint32_t vars);

  uint32_t vars() const { return vars_; }
  Ref var(uint32_t v);   // v is 1
  Ref nvar(uint32_t v);  // v is 0
  Ref conj(Ref a, Ref b) { return apply(Op::conj, a, b); }
  Ref disj(Ref a, Ref b) { return apply(Op::disj, a, b); }
  Ref neg(Ref a);
  Ref diff(Ref a, Ref b) { return conj(a, neg(b)); }
  // Whether a and b share a case: conj(a, b) != false, without building the conjunction (it
  // stops at the first shared path, and makes no nodes).
  bool intersects(Ref a, Ref b);

  // Calls `fn` for each path to true: per var -1 (either), 0 or 1. Paths are disjoint.
  void cubes(Ref f, const std::function<void(const std::vector<int8_t>&)>& fn) const;
  // Whether the assignment `bits` (per var 0 or 1) lies in f: one walk down the diagram.
  bool holds(Ref f, const std::vector<int8_t>& bits) const {
    while (f > k_true) f = bits[nodes_[f].var] ? nodes_[f].hi : nodes_[f].lo;
    return f == k_true;
  }
  // One assignment in f (f must not be false): per var 0 or 1, choosing 0 where free.
  std::vector<int8_t> one(Ref f) const;
  size_t size() const { return nodes_.size(); }
  // The variables f depends on.
  std::vector<bool> support(Ref f) const;

 private:
  enum class Op : uint8_t { conj, disj, meets };
  struct Node {
    uint32_t var;
    Ref lo, hi;
  };
  static uint64_t mix(uint64_t x) {
    // splitmix64's finaliser: node numbers are small and dense, which weak hashes cluster.
    x ^= x >> 30;
    x *= 0xBF58476D1CE4E5B9ULL;
    x ^= x >> 27;
    x *= 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
  }
  Ref mk(uint32_t var, Ref lo, Ref hi);
  Ref apply(Op op, Ref a, Ref b);
  uint32_t top(Ref r) const { return nodes_[r].var; }
  void grow_unique();

  uint32_t vars_;
  std::vector<Node> nodes_;
  // The unique table: open addressing over node references (0 = empty slot).
  std::vector<Ref> unique_;
  // The computed table: direct-mapped and lossy, as in BuDDy and CUDD; a lost entry is only
  // recomputed.
  struct CacheEntry {
    uint64_t key = ~uint64_t{0};
    Ref result = 0;
  };
  std::vector<CacheEntry> cache_;
  std::vector<CacheEntry> neg_cache_;
};

}  // namespace sop::analysis
