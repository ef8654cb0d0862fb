#pragma once
// Symbolic evaluation: a program evaluated over every case of a case space at once. A value
// is a set of alternatives, each a concrete value with the set of cases (a BDD over the bits
// that encode the facts' values) where the program gives it. Operators are applied to
// alternatives with Evaluator::combine, so their meaning is defined in one place; rules and
// definitions follow the evaluator's first / collect / default-logic semantics case set by
// case set. The result is exact over the case space: no case is skipped or guessed.
#include <cstdint>
#include <optional>
#include <vector>

#include "analysis/bdd.hpp"
#include "analysis/case_space.hpp"
#include "interpreter/evaluator.hpp"

namespace sop::analysis {

struct Alt {
  Bdd::Ref guard;
  Value value;
  int32_t rule = k_none;  // for a definition's value: the rule that decided it
  // A hash of (value, rule) as `add` compares them, or 0 when not computed: `add` compares
  // hashes before values, since an output can have hundreds of alternatives.
  uint64_t hash = 0;
};
using Sym = std::vector<Alt>;  // guards pairwise disjoint

// Each fact's representative values, encoded in BDD variables (a few bits per fact).
class FactEncoding {
 public:
  FactEncoding(const CaseSpace& space, Bdd& bdd);
  // The cases where fact `f` has its representative value `i`.
  Bdd::Ref is(size_t f, size_t i) const { return codes_[f][i]; }
  // Every valid case (no fact takes a code past its last representative).
  Bdd::Ref universe() const { return universe_; }
  // The representative value of fact `f` in an assignment of the BDD variables (-1 for a
  // variable left free counts as 0).
  size_t value_of(size_t f, const std::vector<int8_t>& bits) const;
  // The representatives of fact `f` a cube (per variable -1/0/1) allows.
  std::vector<uint16_t> values_in(size_t f, const std::vector<int8_t>& cube) const;
  static uint32_t vars_needed(const CaseSpace& space);
  // Writes fact `f`'s representative `i` into an assignment of the BDD variables.
  void assign(size_t f, size_t i, std::vector<int8_t>& bits) const;
  // Whether any of fact f's bits is set in `vars` (a BDD support).
  bool touches(size_t f, const std::vector<bool>& vars) const;

 private:
  struct Field {
    uint32_t first, bits;
  };
  std::vector<Field> fields_;
  std::vector<std::vector<Bdd::Ref>> codes_;
  Bdd::Ref universe_ = Bdd::k_true;
  const CaseSpace& space_;
};

class SymbolicEvaluator {
 public:
  SymbolicEvaluator(const Program& program, size_t index, const CaseSpace& space,
                    const FactEncoding& encoding, Bdd& bdd);

  // The value of var `v` over the whole case space (memoized).
  const Sym& var(uint32_t v);
  // The value of node `n` (an expression over facts and vars) over the whole case space.
  Sym expression(NodeIndex n) { return node(n, enc_.universe()); }
  // The concrete evaluator whose combine() and arena the symbolic one uses.
  Evaluator& evaluator() { return ev_; }

  // Structural identity of values (citations included), for merging alternatives.
  bool same(const Value& a, const Value& b) const;
  uint64_t hash(const Value& v) const;

 private:
  struct Outcome {
    Bdd::Ref guard;
    Tri applies;
    uint32_t cite_rule;
    int32_t value_node;
  };
  Sym node(NodeIndex n, Bdd::Ref ctx);
  Sym restrict(const Sym& s, Bdd::Ref ctx);
  void add(Sym& out, Bdd::Ref g, const Value& v, int32_t rule = k_none);
  Sym definition(const Definition& d, Bdd::Ref ctx);
  Sym first(const Definition& d, Bdd::Ref ctx);
  Sym collect(const Definition& d, Bdd::Ref ctx);
  std::vector<Outcome> outcome(uint32_t rule, Bdd::Ref ctx);
  Sym value_of(int32_t node, uint32_t cite_rule, Bdd::Ref ctx);
  Sym fact(uint32_t v);

  const Program& p_;
  size_t index_;
  const CaseSpace& space_;
  const FactEncoding& enc_;
  Bdd& bdd_;
  Evaluator ev_;
  std::vector<std::optional<Sym>> vars_;
  std::vector<const Sym*> params_;  // per slot, while a function body is evaluated
  int32_t current_rule_ = k_none;
};

}  // namespace sop::analysis
