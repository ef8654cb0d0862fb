#include "analysis/symbolic.hpp"

#include <functional>
#include <string_view>

namespace sop::analysis {

// ------------------------------------------------------------------ encoding

static uint32_t bits_for(size_t n) {
  uint32_t b = 0;
  while ((size_t{1} << b) < n) ++b;
  return b;
}

uint32_t FactEncoding::vars_needed(const CaseSpace& space) {
  uint32_t total = 0;
  for (const FactDomain& d : space.facts()) total += bits_for(d.values.size());
  return total;
}

FactEncoding::FactEncoding(const CaseSpace& space, Bdd& bdd) : space_(space) {
  uint32_t next = 0;
  for (const FactDomain& d : space.facts()) {
    uint32_t b = bits_for(d.values.size());
    fields_.push_back({next, b});
    std::vector<Bdd::Ref> codes;
    Bdd::Ref valid = Bdd::k_false;
    for (size_t i = 0; i < d.values.size(); ++i) {
      Bdd::Ref c = Bdd::k_true;
      for (uint32_t bit = 0; bit < b; ++bit)
        c = bdd.conj(c, ((i >> bit) & 1) ? bdd.var(next + bit) : bdd.nvar(next + bit));
      codes.push_back(c);
      valid = bdd.disj(valid, c);
    }
    universe_ = bdd.conj(universe_, valid);
    codes_.push_back(std::move(codes));
    next += b;
  }
}

size_t FactEncoding::value_of(size_t f, const std::vector<int8_t>& bits) const {
  size_t v = 0;
  for (uint32_t b = 0; b < fields_[f].bits; ++b)
    if (bits[fields_[f].first + b] == 1) v |= size_t{1} << b;
  return v;
}

void FactEncoding::assign(size_t f, size_t i, std::vector<int8_t>& bits) const {
  for (uint32_t b = 0; b < fields_[f].bits; ++b)
    bits[fields_[f].first + b] = static_cast<int8_t>((i >> b) & 1);
}

bool FactEncoding::touches(size_t f, const std::vector<bool>& vars) const {
  for (uint32_t b = 0; b < fields_[f].bits; ++b)
    if (vars[fields_[f].first + b]) return true;
  return false;
}

std::vector<uint16_t> FactEncoding::values_in(size_t f, const std::vector<int8_t>& cube) const {
  std::vector<uint16_t> out;
  size_t n = space_.facts()[f].values.size();
  for (size_t i = 0; i < n; ++i) {
    bool ok = true;
    for (uint32_t b = 0; b < fields_[f].bits && ok; ++b) {
      int8_t want = cube[fields_[f].first + b];
      if (want >= 0 && want != static_cast<int8_t>((i >> b) & 1)) ok = false;
    }
    if (ok) out.push_back(static_cast<uint16_t>(i));
  }
  return out;
}

// ------------------------------------------------------------------ values

bool SymbolicEvaluator::same(const Value& a, const Value& b) const {
  if (a.kind != b.kind || a.aux != b.aux || a.maybe != b.maybe) return false;
  switch (a.kind) {
    case ValueKind::unknown:
    case ValueKind::null:
    case ValueKind::citation:
    case ValueKind::document:
    case ValueKind::calendar:
      return true;
    case ValueKind::bool_:
      return a.u.b == b.u.b;
    case ValueKind::string:
      return a.text() == b.text();
    case ValueKind::duration:
      return a.u.i == b.u.i && a.unit == b.unit;
    case ValueKind::set:
      return a.u.bits == b.u.bits;
    case ValueKind::list:
      for (int32_t i = 0; i < a.aux; ++i)
        if (!same(a.u.items[i], b.u.items[i])) return false;
      return true;
    case ValueKind::record: {
      const RecordDef& r = p_.records[a.aux];
      for (size_t i = 0; i < r.fields.size(); ++i)
        if (!same(a.u.items[i], b.u.items[i])) return false;
      return true;
    }
    default:
      return a.u.i == b.u.i;
  }
}

SymbolicEvaluator::SymbolicEvaluator(const Program& program, size_t index, const CaseSpace& space,
                                     const FactEncoding& encoding, Bdd& bdd)
    : p_(program),
      index_(index),
      space_(space),
      enc_(encoding),
      bdd_(bdd),
      ev_(program),
      vars_(program.vars.size()),
      params_(program.slot_count, nullptr) {}

Sym SymbolicEvaluator::restrict(const Sym& s, Bdd::Ref ctx) {
  Sym out;
  for (const Alt& a : s) {
    Bdd::Ref g = bdd_.conj(a.guard, ctx);
    if (g != Bdd::k_false) out.push_back({g, a.value});
  }
  return out;
}

uint64_t SymbolicEvaluator::hash(const Value& v) const {
  // Mirrors `same`: equal values hash equally.
  auto mix = [](uint64_t h, uint64_t x) {
    h ^= x + 0x9E3779B97F4A7C15ULL + (h << 6) + (h >> 2);
    return h;
  };
  uint64_t h =
      mix(mix(mix(0, static_cast<uint64_t>(v.kind)), static_cast<uint64_t>(v.aux)), v.maybe);
  switch (v.kind) {
    case ValueKind::unknown:
    case ValueKind::null:
    case ValueKind::citation:
    case ValueKind::document:
    case ValueKind::calendar:
      return h;
    case ValueKind::bool_:
      return mix(h, v.u.b ? 1 : 0);
    case ValueKind::string:
      return mix(h, std::hash<std::string_view>{}(v.text()));
    case ValueKind::duration:
      return mix(mix(h, static_cast<uint64_t>(v.u.i)), static_cast<uint64_t>(v.unit));
    case ValueKind::set:
      return mix(h, v.u.bits);
    case ValueKind::list:
      for (int32_t i = 0; i < v.aux; ++i) h = mix(h, hash(v.u.items[i]));
      return h;
    case ValueKind::record: {
      const RecordDef& r = p_.records[v.aux];
      for (size_t i = 0; i < r.fields.size(); ++i) h = mix(h, hash(v.u.items[i]));
      return h;
    }
    default:
      return mix(h, static_cast<uint64_t>(v.u.i));
  }
}

void SymbolicEvaluator::add(Sym& out, Bdd::Ref g, const Value& v, int32_t rule) {
  if (g == Bdd::k_false) return;
  uint64_t h = (hash(v) ^ (static_cast<uint64_t>(static_cast<uint32_t>(rule)) << 1)) | 1;
  for (Alt& alt : out) {
    if ((alt.hash == h || alt.hash == 0) && alt.rule == rule && same(alt.value, v)) {
      alt.guard = bdd_.disj(alt.guard, g);
      alt.hash = h;
      return;
    }
  }
  out.push_back({g, v, rule, h});
}

// ------------------------------------------------------------------ vars and facts

Sym SymbolicEvaluator::fact(uint32_t v) {
  Sym out;
  int32_t f = space_.fact_of(index_, v);
  if (f < 0) return {{enc_.universe(), Value::unknown()}};
  const FactDomain& d = space_.facts()[f];
  for (size_t i = 0; i < d.values.size(); ++i) {
    Bdd::Ref g = bdd_.conj(enc_.is(f, i), enc_.universe());
    if (i == 0 && p_.vars[v].default_node != k_none) {
      for (const Alt& a : node(static_cast<NodeIndex>(p_.vars[v].default_node), g))
        add(out, a.guard, a.value);
    } else {
      add(out, g, d.decoded[index_][i]);
    }
  }
  return out;
}

const Sym& SymbolicEvaluator::var(uint32_t v) {
  if (vars_[v]) return *vars_[v];
  const Var& var = p_.vars[v];
  Sym s;
  int32_t saved = current_rule_;
  current_rule_ = k_none;
  if (var.kind == VarKind::fact) {
    s = fact(v);
  } else if (var.derive_node != k_none) {
    s = node(static_cast<NodeIndex>(var.derive_node), enc_.universe());
  } else if (var.definition != k_none) {
    s = definition(p_.definitions[var.definition], enc_.universe());
  } else {
    s = {{enc_.universe(), Value::unknown()}};
  }
  current_rule_ = saved;
  vars_[v] = std::move(s);
  return *vars_[v];
}

// ------------------------------------------------------------------ expressions

Sym SymbolicEvaluator::node(NodeIndex ni, Bdd::Ref ctx) {
  const Node& n = p_.nodes[ni];
  switch (n.op) {
    case Op::constant:
      return {{ctx, p_.constants[n.a]}};
    case Op::fact:
    case Op::var: {
      // Inside an expression only the value matters, not which rule decided it.
      Sym out;
      for (const Alt& a : var(n.a)) add(out, bdd_.conj(a.guard, ctx), a.value);
      return out;
    }
    case Op::param:
      return params_[n.a] ? restrict(*params_[n.a], ctx) : Sym{{ctx, Value::unknown()}};
    case Op::current_cite:
      return {{ctx, current_rule_ == k_none ? Value::null()
                                            : Value::handle(ValueKind::citation,
                                                            static_cast<uint32_t>(current_rule_))}};
    case Op::call: {
      const Function& fn = p_.functions[n.a];
      std::vector<Sym> args;
      for (uint32_t i = 0; i < n.c; ++i) args.push_back(node(p_.operands[n.b + i], ctx));
      std::vector<const Sym*> saved;
      for (uint32_t i = 0; i < n.c; ++i) {
        saved.push_back(params_[fn.param_slots[i]]);
        params_[fn.param_slots[i]] = &args[i];
      }
      Sym out = fn.body == k_none ? Sym{{ctx, Value::unknown()}}
                                  : node(static_cast<NodeIndex>(fn.body), ctx);
      for (uint32_t i = 0; i < n.c; ++i) params_[fn.param_slots[i]] = saved[i];
      return out;
    }
    default:
      break;
  }
  uint32_t count = Evaluator::operand_count(n);
  std::vector<Sym> kids;
  kids.reserve(count);
  for (uint32_t i = 0; i < count; ++i) kids.push_back(node(ev_.operand(n, i), ctx));
  Sym out;
  std::vector<Value> vals(count);
  // Every combination of the operands' alternatives whose cases overlap.
  std::function<void(uint32_t, Bdd::Ref)> each = [&](uint32_t i, Bdd::Ref g) {
    if (g == Bdd::k_false) return;
    if (i == count) {
      add(out, g, ev_.combine(n, vals.data()));
      return;
    }
    for (const Alt& a : kids[i]) {
      vals[i] = a.value;
      each(i + 1, bdd_.conj(g, a.guard));
    }
  };
  each(0, ctx);
  return out;
}

// ------------------------------------------------------------------ definitions

Sym SymbolicEvaluator::value_of(int32_t node_index, uint32_t cite_rule, Bdd::Ref ctx) {
  if (node_index == k_none) return {{ctx, Value::unknown()}};
  int32_t saved = current_rule_;
  current_rule_ = static_cast<int32_t>(cite_rule);
  Sym s = node(static_cast<NodeIndex>(node_index), ctx);
  current_rule_ = saved;
  return s;
}

static Tri tri_of(const Value& v) {
  if (v.kind != ValueKind::bool_) return Tri::unknown;
  return v.u.b ? Tri::yes : Tri::no;
}

// The evaluator's default logic (Evaluator::outcome), case set by case set.
std::vector<SymbolicEvaluator::Outcome> SymbolicEvaluator::outcome(uint32_t r, Bdd::Ref ctx) {
  const Rule& rule = p_.rules[r];
  std::vector<Outcome> out;
  Bdd::Ref remaining = ctx;
  Bdd::Ref unsure = Bdd::k_false;       // a value exception may apply
  Bdd::Ref unsure_skip = Bdd::k_false;  // a skip exception may apply
  for (uint32_t e : rule.exceptions) {
    const Rule& ex = p_.rules[e];
    Sym c = ex.condition == k_none ? Sym{{remaining, Value::boolean(true)}}
                                   : node(static_cast<NodeIndex>(ex.condition), remaining);
    Bdd::Ref yes = Bdd::k_false;
    for (const Alt& a : c) {
      Tri t = tri_of(a.value);
      if (t == Tri::yes) {
        yes = bdd_.disj(yes, a.guard);
        if (ex.skip) {
          out.push_back({a.guard, Tri::no, e, k_none});
        } else {
          out.push_back({a.guard, Tri::yes, e, ex.value != k_none ? ex.value : rule.value});
        }
      } else if (t == Tri::unknown) {
        if (ex.skip) {
          unsure_skip = bdd_.disj(unsure_skip, a.guard);
        } else {
          unsure = bdd_.disj(unsure, a.guard);
        }
      }
    }
    remaining = bdd_.diff(remaining, yes);
    unsure = bdd_.conj(unsure, remaining);
    unsure_skip = bdd_.conj(unsure_skip, remaining);
  }
  Sym c = rule.condition == k_none ? Sym{{remaining, Value::boolean(true)}}
                                   : node(static_cast<NodeIndex>(rule.condition), remaining);
  for (const Alt& a : c) {
    Tri t = tri_of(a.value);
    // As in Evaluator::outcome: a possible skip matters only where the rule would apply.
    Bdd::Ref doubt = t == Tri::yes ? bdd_.disj(unsure, unsure_skip) : unsure;
    Bdd::Ref g_unsure = bdd_.conj(a.guard, doubt);
    Bdd::Ref g_sure = bdd_.diff(a.guard, doubt);
    if (g_unsure != Bdd::k_false) out.push_back({g_unsure, Tri::unknown, r, rule.value});
    if (g_sure != Bdd::k_false) out.push_back({g_sure, t, r, rule.value});
  }
  return out;
}

Sym SymbolicEvaluator::definition(const Definition& d, Bdd::Ref ctx) {
  switch (d.combinator) {
    case Combinator::value: {
      Sym out;
      if (d.rules.empty()) return {{ctx, Value::unknown()}};
      for (const Outcome& o : outcome(d.rules[0], ctx)) {
        if (o.applies == Tri::no) {
          add(out, o.guard, Value::null());
        } else if (o.applies == Tri::unknown) {
          add(out, o.guard, Value::unknown());
        } else {
          for (const Alt& a : value_of(o.value_node, o.cite_rule, o.guard))
            add(out, a.guard, a.value);
        }
      }
      return out;
    }
    case Combinator::first:
      return first(d, ctx);
    case Combinator::collect:
      return collect(d, ctx);
  }
  return {{ctx, Value::unknown()}};
}

// Evaluator::evaluate_first, case set by case set: each state is a set of cases that have
// gone through the same rules with the same pending (unsure) value.
Sym SymbolicEvaluator::first(const Definition& d, Bdd::Ref ctx) {
  struct State {
    Bdd::Ref guard;
    bool pending;
    bool agree;
    Value first_pending;
  };
  std::vector<State> states = {{ctx, false, true, Value::unknown()}};
  Sym out;
  for (uint32_t r : d.rules) {
    std::vector<State> next;
    auto keep = [&](const State& s) {
      if (s.guard == Bdd::k_false) return;
      for (State& x : next) {
        if (x.pending == s.pending && x.agree == s.agree &&
            (!s.pending || same(x.first_pending, s.first_pending))) {
          x.guard = bdd_.disj(x.guard, s.guard);
          return;
        }
      }
      next.push_back(s);
    };
    for (const State& st : states) {
      for (const Outcome& o : outcome(r, st.guard)) {
        if (o.applies == Tri::no) {
          keep({o.guard, st.pending, st.agree, st.first_pending});
          continue;
        }
        for (const Alt& a : value_of(o.value_node, o.cite_rule, o.guard)) {
          if (o.applies == Tri::yes) {
            bool unsure =
                st.pending && (!st.agree || ev_.equal(st.first_pending, a.value) != Tri::yes);
            if (unsure) {
              add(out, a.guard, Value::unknown());
            } else {
              add(out, a.guard, a.value, static_cast<int32_t>(o.cite_rule));
            }
          } else if (!st.pending) {
            keep({a.guard, true, true, a.value});
          } else {
            keep({a.guard, true, st.agree && ev_.equal(st.first_pending, a.value) == Tri::yes,
                  st.first_pending});
          }
        }
      }
    }
    states = std::move(next);
  }
  for (const State& st : states) add(out, st.guard, st.pending ? Value::unknown() : Value::null());
  return out;
}

// Evaluator::evaluate_collect, case set by case set.
Sym SymbolicEvaluator::collect(const Definition& d, Bdd::Ref ctx) {
  const Var& var = p_.vars[d.var];
  TypeId t = p_.types.strip_optional(var.type);
  bool is_set = p_.types.kind(t) == TypeKind::set;
  struct State {
    Bdd::Ref guard;
    std::vector<Value> items;  // list
    uint64_t maybe = 0;        // list: per item; set: per value
    uint64_t bits = 0;         // set
    bool unknown_item = false;
  };
  std::vector<State> states = {{ctx, {}, 0, 0, false}};
  for (uint32_t r : d.rules) {
    std::vector<State> next;
    auto keep = [&](State s) {
      if (s.guard == Bdd::k_false) return;
      for (State& x : next) {
        bool equal = x.maybe == s.maybe && x.bits == s.bits && x.unknown_item == s.unknown_item &&
                     x.items.size() == s.items.size();
        for (size_t i = 0; equal && i < x.items.size(); ++i)
          equal = this->same(x.items[i], s.items[i]);
        if (equal) {
          x.guard = bdd_.disj(x.guard, s.guard);
          return;
        }
      }
      next.push_back(std::move(s));
    };
    for (const State& st : states) {
      for (const Outcome& o : outcome(r, st.guard)) {
        if (o.applies == Tri::no) {
          State s = st;
          s.guard = o.guard;
          keep(std::move(s));
          continue;
        }
        bool sure = o.applies == Tri::yes;
        for (const Alt& a : value_of(o.value_node, o.cite_rule, o.guard)) {
          State s = st;
          s.guard = a.guard;
          if (is_set) {
            if (a.value.kind != ValueKind::enum_) {
              s.unknown_item = true;
            } else if (sure) {
              s.bits |= uint64_t{1} << a.value.u.i;
            } else {
              s.maybe |= uint64_t{1} << a.value.u.i;
            }
          } else {
            if (!sure && s.items.size() < 64) s.maybe |= uint64_t{1} << s.items.size();
            s.items.push_back(a.value);
          }
          keep(std::move(s));
        }
      }
    }
    states = std::move(next);
  }
  Sym out;
  for (const State& st : states) {
    if (st.unknown_item) {
      add(out, st.guard, Value::unknown());
      continue;
    }
    Value v;
    if (is_set) {
      v.kind = ValueKind::set;
      v.aux = static_cast<int32_t>(p_.types.info(p_.types.info(t).elem).ref);
      v.u.bits = st.bits;
      v.maybe = st.maybe & ~st.bits;
    } else {
      Value* items = ev_.arena().alloc(st.items.size());
      for (size_t i = 0; i < st.items.size(); ++i) items[i] = st.items[i];
      v.kind = ValueKind::list;
      v.aux = static_cast<int32_t>(st.items.size());
      v.u.items = items;
      v.maybe = st.maybe;
    }
    add(out, st.guard, v);
  }
  return out;
}

}  // namespace sop::analysis
