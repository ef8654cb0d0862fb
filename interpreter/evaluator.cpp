#include "interpreter/evaluator.hpp"

#include <algorithm>
#include <bit>
#include <cstring>
#include <limits>

#include <fmt/format.h>

#include "interpreter/value_text.hpp"
#include "lang/civil_time.hpp"

namespace sop {

const char* tri_name(Tri t) {
  switch (t) {
    case Tri::no:
      return "false";
    case Tri::yes:
      return "true";
    case Tri::unknown:
      return "unknown";
  }
  return "?";
}

// A value with an unknown part: unknown itself, a partial list or set, or a record field or
// list item that is incomplete.
static bool deep_incomplete(const Program& p, const Value& v, TypeId t) {
  if (v.is_unknown() || v.is_partial()) return true;
  TypeId s = p.types.strip_optional(t);
  if (v.kind == ValueKind::record) {
    const RecordDef& r = p.records[v.aux];
    for (size_t i = 0; i < r.fields.size(); ++i)
      if (deep_incomplete(p, v.u.items[i], r.fields[i].type)) return true;
  } else if (v.kind == ValueKind::list && p.types.kind(s) == TypeKind::list) {
    for (int32_t i = 0; i < v.aux; ++i)
      if (deep_incomplete(p, v.u.items[i], p.types.info(s).elem)) return true;
  }
  return false;
}

// As a determination writes it: a list or set is written with the items certainly in it, so
// only an unknown value, field or item leaves a hole (a null) in the written output.
static bool written_incomplete(const Program& p, const Value& v, TypeId t) {
  if (v.is_unknown()) return true;
  TypeId s = p.types.strip_optional(t);
  if (v.kind == ValueKind::record) {
    const RecordDef& r = p.records[v.aux];
    for (size_t i = 0; i < r.fields.size(); ++i)
      if (written_incomplete(p, v.u.items[i], r.fields[i].type)) return true;
  } else if (v.kind == ValueKind::list && p.types.kind(s) == TypeKind::list) {
    for (int32_t i = 0; i < v.aux; ++i) {
      bool maybe = v.item_maybe(i);
      if (!maybe && written_incomplete(p, v.u.items[i], p.types.info(s).elem)) return true;
    }
  }
  return false;
}

Evaluator::Evaluator(const Program& program) : p_(program), slots_(program.slot_count) {
  calendars_.resize(p_.calendars.size());
  trace_.reserve(p_.rules.size());
  param_args_.assign(p_.slot_count, k_none);
  pinned_.assign(p_.vars.size(), k_none);
  compile_program();
}

const Calendar& Evaluator::calendar(uint32_t index) const {
  std::unique_ptr<Calendar>& c = calendars_[index];
  if (!c) c = std::make_unique<Calendar>(p_.calendars[index].name, p_.calendars[index].holidays);
  return *c;
}

void Evaluator::pin(uint32_t var, int32_t expr) {
  pinned_[var] = expr;
  any_pinned_ = std::any_of(pinned_.begin(), pinned_.end(), [](int32_t e) { return e != k_none; });
}

// ------------------------------------------------------------------ cases

void Evaluator::evaluate(const Case& c, bool trace) {
  arena_.reset();
  trace_.clear();
  fault_.clear();
  tracing_ = trace;
  current_rule_ = k_none;
  const Value* given = c.facts.data();
  const size_t given_count = c.facts.size();
  if (given_count == p_.vars.size() && bulk_facts_) {
    // One copy of the whole case: the slots of outputs and defs it also covers are all
    // written below, so only the facts with a default need a look each.
    // (Not for a program with no variables at all: memcpy from an empty vector's null data is
    // undefined, even for zero bytes.)
    if (given_count > 0)
      std::memcpy(static_cast<void*>(slots_.data()), given, given_count * sizeof(Value));
    for (const auto& [f, default_code] : defaulted_) {
      const Value& v = slots_[f];
      if (v.is_unknown() || v.is_null()) slots_[f] = run(static_cast<uint32_t>(default_code));
    }
  } else {
    for (const auto& [f, default_code] : defaults_) {
      Value v = f < given_count ? given[f] : Value::unknown();
      if (default_code != k_none && (v.is_unknown() || v.is_null()))
        v = run(static_cast<uint32_t>(default_code));
      slots_[f] = v;
    }
  }
  for (const Step& step : steps_) {
    current_rule_ = k_none;
    Value& slot = slots_[step.var];
    if (any_pinned_ && pinned_[step.var] != k_none) {
      slot = eval(static_cast<NodeIndex>(pinned_[step.var]));
    } else if (step.derive != k_none) {
      slot = run(static_cast<uint32_t>(step.derive));
    } else if (step.definition != k_none) {
      slot = evaluate_definition(p_.definitions[step.definition]);
    } else {
      slot = Value::unknown();  // a library checked alone: nothing defines it
    }
  }
  current_rule_ = k_none;  // expressions evaluated afterwards are outside any rule
}

Value Evaluator::evaluate_definition(const Definition& d) {
  switch (d.combinator) {
    case Combinator::value: {
      if (d.rules.empty()) return Value::unknown();
      Outcome o = outcome(d.rules[0]);
      if (o.applies == Tri::no) return Value::null();
      current_rule_ = static_cast<int32_t>(o.cite_rule);
      Value v =
          o.value_code == k_none ? Value::unknown() : run(static_cast<uint32_t>(o.value_code));
      if (o.applies == Tri::unknown) return Value::unknown();
      if (tracing_) trace_.push_back({d.var, o.cite_rule});
      return v;
    }
    case Combinator::first:
      return evaluate_first(d);
    case Combinator::collect:
      return evaluate_collect(d);
  }
  return Value::unknown();
}

Tri Evaluator::condition(int32_t node) {
  if (node == k_none) return Tri::yes;
  Value v = eval(static_cast<NodeIndex>(node));
  if (v.kind != ValueKind::bool_) return Tri::unknown;
  return v.u.b ? Tri::yes : Tri::no;
}

// Default logic: a rule's exceptions are tried first; the first whose condition holds decides
// (its value, or the rule's own value under the exception's citation, or `skip`).
Evaluator::Outcome Evaluator::outcome_with_exceptions(uint32_t r) {
  const RuleCode& rule = rule_code_[r];
  // An exception that may apply makes the outcome unsure, except that a `skip` can only take
  // the rule away: where the rule does not apply anyway, it changes nothing.
  bool unsure = false, unsure_skip = false;
  for (uint32_t e : p_.rules[r].exceptions) {
    const RuleCode& ex = rule_code_[e];
    Tri c = condition_code(ex.condition);
    if (c == Tri::yes) {
      if (ex.skip) return {Tri::no, e, k_none};
      return {Tri::yes, e, ex.value != k_none ? ex.value : rule.value};
    }
    if (c == Tri::unknown) (ex.skip ? unsure_skip : unsure) = true;
  }
  Tri c = condition_code(rule.condition);
  if (unsure && c != Tri::unknown) c = Tri::unknown;
  if (unsure_skip && c == Tri::yes) c = Tri::unknown;
  return {c, r, rule.value};
}

Value Evaluator::evaluate_first(const Definition& d) {
  bool pending = false;  // an earlier rule may or may not apply
  bool agree = true;     // and every such rule gives the same value
  Value first_pending;
  for (uint32_t r : d.rules) {
    Outcome o = outcome(r);
    if (o.applies == Tri::no) continue;
    current_rule_ = static_cast<int32_t>(o.cite_rule);
    Value v = o.value_code == k_none ? Value::unknown() : run(static_cast<uint32_t>(o.value_code));
    if (o.applies == Tri::yes) {
      if (pending && (!agree || equal(first_pending, v) != Tri::yes)) return Value::unknown();
      if (tracing_) trace_.push_back({d.var, o.cite_rule});
      return v;
    }
    if (!pending) {
      pending = true;
      first_pending = v;
    } else if (equal(first_pending, v) != Tri::yes) {
      agree = false;
    }
  }
  // No rule certainly applies: the value is null (the checker allows this only for optional
  // types), unless an unsure rule might apply.
  if (pending) return Value::unknown();
  return Value::null();
}

Value Evaluator::evaluate_collect(const Definition& d) {
  const Var& var = p_.vars[d.var];
  bool is_set = collect_set_[static_cast<size_t>(&d - p_.definitions.data())];
  Value* items = is_set ? nullptr : arena_.alloc(d.rules.size());
  uint32_t count = 0;
  uint64_t certain_bits = 0, maybe_bits = 0;
  bool unknown_item = false;
  for (uint32_t r : d.rules) {
    Outcome o = outcome(r);
    if (o.applies == Tri::no) continue;
    current_rule_ = static_cast<int32_t>(o.cite_rule);
    Value v = o.value_code == k_none ? Value::unknown() : run(static_cast<uint32_t>(o.value_code));
    bool sure = o.applies == Tri::yes;
    if (sure && tracing_) trace_.push_back({d.var, o.cite_rule});
    if (is_set) {
      if (v.kind != ValueKind::enum_) {
        unknown_item = true;
        continue;
      }
      uint64_t bit = uint64_t{1} << v.u.i;
      if (sure) {
        certain_bits |= bit;
      } else {
        maybe_bits |= bit;
      }
    } else {
      if (!sure && count < 64) maybe_bits |= uint64_t{1} << count;
      items[count++] = v;
    }
  }
  if (unknown_item) return Value::unknown();
  Value out;
  if (is_set) {
    out.kind = ValueKind::set;
    out.aux = static_cast<int32_t>(
        p_.types.info(p_.types.info(p_.types.strip_optional(var.type)).elem).ref);
    out.u.bits = certain_bits;
    out.maybe = maybe_bits & ~certain_bits;
  } else {
    out.kind = ValueKind::list;
    out.aux = static_cast<int32_t>(count);
    out.u.items = items;
    out.maybe = maybe_bits;
  }
  return out;
}

// ------------------------------------------------------------------ expressions

Value Evaluator::eval(NodeIndex ni) {
  if (ni >= entry_.size() || entry_[ni] == std::numeric_limits<uint32_t>::max()) {
    // A node added to the program after this evaluator was built (a REPL expression).
    entry_.resize(p_.nodes.size(), std::numeric_limits<uint32_t>::max());
    compile(ni, nullptr);
  }
  return run(entry_[ni]);
}

// Operand values for the n-ary ops that combine() takes as an array. Uninitialised storage:
// zeroing sixteen 24-byte values on every call cost more than the operation.
Value Evaluator::run_operands(const Code& c) {
  union Buffer {
    Buffer() {}
    Value v[16];
  } small;
  Value* k = c.c <= 16 ? small.v : arena_.alloc(c.c);
  for (uint32_t i = 0; i < c.c; ++i) k[i] = run(code_operands_[c.b + i]);
  return combine(p_.nodes[c.origin], k);
}

static Tri truth(const Value& v) {
  if (v.kind != ValueKind::bool_) return Tri::unknown;
  return v.u.b ? Tri::yes : Tri::no;
}

static Value from_tri(Tri t) {
  return t == Tri::unknown ? Value::unknown() : Value::boolean(t == Tri::yes);
}

const Value& Evaluator::operand_value(uint32_t ci, Value& scratch) {
  const Code& c = code_[ci];
  switch (c.op) {
    case Op::constant:
      return consts_[c.a];
    case Op::fact:
    case Op::var:
    case Op::param:
      return slots_[c.a];
    case Op::field: {
      const Code& r = code_[c.a];
      if (r.op == Op::fact || r.op == Op::var || r.op == Op::param) {
        const Value& record = slots_[r.a];
        if (record.kind == ValueKind::record) return record.u.items[c.b];
      }
      break;
    }
    default:
      break;
  }
  scratch = run(ci);
  return scratch;
}

// The same results as run() gives for these ops (and combine() with every operand), as Tri.
// Operands of and, or and not are booleans or unknown (the checker), so truth() loses nothing.
Tri Evaluator::test(uint32_t ci) {
  const Code& c = code_[ci];
  switch (c.op) {
    case Op::constant:
      return truth(consts_[c.a]);
    case Op::fact:
    case Op::var:
    case Op::param:
      return truth(slots_[c.a]);
    case Op::and_: {
      Tri a = test(c.a);
      if (a == Tri::no) return a;
      Tri b = test(c.b);
      if (b == Tri::no) return b;
      return a == Tri::yes && b == Tri::yes ? Tri::yes : Tri::unknown;
    }
    case Op::or_: {
      Tri a = test(c.a);
      if (a == Tri::yes) return a;
      Tri b = test(c.b);
      if (b == Tri::yes) return b;
      return a == Tri::no && b == Tri::no ? Tri::no : Tri::unknown;
    }
    case Op::not_: {
      Tri a = test(c.a);
      return a == Tri::unknown ? a : a == Tri::yes ? Tri::no : Tri::yes;
    }
    case Op::eq:
    case Op::ne: {
      Value sa, sb;
      const Value& a = operand_value(c.a, sa);
      const Value& b = operand_value(c.b, sb);
      Tri t;
      // The common scalar comparisons without equal()'s general dispatch.
      if (a.kind == b.kind && (a.kind == ValueKind::enum_ || a.kind == ValueKind::bool_ ||
                               a.kind == ValueKind::int_ || a.kind == ValueKind::date)) {
        bool same = a.kind == ValueKind::bool_ ? a.u.b == b.u.b : a.u.i == b.u.i && a.aux == b.aux;
        t = same ? Tri::yes : Tri::no;
      } else {
        t = equal(a, b);
      }
      if (t == Tri::unknown || c.op == Op::eq) return t;
      return t == Tri::yes ? Tri::no : Tri::yes;
    }
    default:
      return truth(run(ci));
  }
}

Value Evaluator::run(uint32_t ci) {
  const Code& c = code_[ci];
  switch (c.op) {
    case Op::constant:
      return consts_[c.a];
    case Op::fact:
    case Op::var:
    case Op::param:
      return slots_[c.a];
    case Op::current_cite:
      return current_rule_ == k_none
                 ? Value::null()
                 : Value::handle(ValueKind::citation, static_cast<uint32_t>(current_rule_));
    case Op::call:
      return run_call(c);
    case Op::and_:
    case Op::or_:
    case Op::not_:
    case Op::eq:
    case Op::ne:
      return from_tri(test(ci));
    case Op::coalesce: {
      Value a = run(c.a);
      if (a.is_unknown() || a.is_null()) return run(c.b);
      return a;
    }
    case Op::if_: {
      Value k[3];
      k[0] = run(c.a);
      if (k[0].is_true()) return run(c.b);
      if (k[0].is_false()) return run(c.c);
      k[1] = run(c.b);
      k[2] = run(c.c);
      return combine(p_.nodes[c.origin], k);
    }
    case Op::field: {
      Value r = run(c.a);
      if (r.kind == ValueKind::record) return r.u.items[c.b];
      return r.is_null() ? r : Value::unknown();
    }
    case Op::make_record:
    case Op::make_list: {
      Value* items = arena_.alloc(c.c);
      for (uint32_t i = 0; i < c.c; ++i) items[i] = run(code_operands_[c.b + i]);
      Value v;
      v.kind = c.op == Op::make_record ? ValueKind::record : ValueKind::list;
      v.aux = static_cast<int32_t>(c.op == Op::make_record ? c.a : c.c);
      v.u.items = items;
      return v;
    }
    case Op::make_set:
    case Op::builtin:
      return run_operands(c);
    case Op::neg:
    case Op::project: {
      Value k[1];
      k[0] = run(c.a);
      return combine(p_.nodes[c.origin], k);
    }
    case Op::add_cal:
    case Op::sub_cal: {
      Value k[3];
      k[0] = run(c.a);
      k[1] = run(c.b);
      k[2] = run(c.c);
      return combine(p_.nodes[c.origin], k);
    }
    default: {
      Value k[2];
      k[0] = run(c.a);
      k[1] = run(c.b);
      return combine(p_.nodes[c.origin], k);
    }
  }
}

uint32_t Evaluator::operand_count(const Node& n) {
  return sop::operand_count(n);
}

NodeIndex Evaluator::operand(const Node& n, uint32_t i) const {
  return sop::operand(p_, n, i);
}

Value Evaluator::run_call(const Code& c) {
  const Function& fn = p_.functions[c.a];
  // Arguments are evaluated before any parameter is bound, so a call in an argument of a call
  // to the same function cannot clobber it; functions are not recursive (the checker).
  // Arguments past the 16 that fit here go to the arena (they were once dropped).
  union Buffer {
    Buffer() {}
    Value v[16];
  } small;
  Value* args = c.c <= 16 ? small.v : arena_.alloc(c.c);
  for (uint32_t i = 0; i < c.c; ++i) args[i] = run(code_operands_[c.b + i]);
  for (uint32_t i = 0; i < c.c; ++i) slots_[fn.param_slots[i]] = args[i];
  return fn.body == k_none ? Value::unknown() : run(entry_[static_cast<size_t>(fn.body)]);
}

bool Evaluator::incomplete(const Value& v, TypeId type) const {
  return deep_incomplete(p_, v, type);
}

Tri Evaluator::equal(const Value& a, const Value& b) const {
  if (a.is_unknown() || b.is_unknown()) return Tri::unknown;
  auto text_of = [&](const Value& v) -> std::string_view {
    if (v.kind == ValueKind::citation) return p_.rules[v.aux].cite;
    return v.text();
  };
  bool a_text = a.kind == ValueKind::string || a.kind == ValueKind::citation;
  bool b_text = b.kind == ValueKind::string || b.kind == ValueKind::citation;
  if (a_text && b_text) return text_of(a) == text_of(b) ? Tri::yes : Tri::no;
  if (a.kind != b.kind) return Tri::no;
  switch (a.kind) {
    case ValueKind::null:
      return Tri::yes;
    case ValueKind::bool_:
      return a.u.b == b.u.b ? Tri::yes : Tri::no;
    case ValueKind::int_:
    case ValueKind::date:
      return a.u.i == b.u.i ? Tri::yes : Tri::no;
    case ValueKind::datetime:
      // The same instant, whatever offset it is written in.
      return a.u.i == b.u.i ? Tri::yes : Tri::no;
    case ValueKind::duration:
      return a.u.i == b.u.i && a.unit == b.unit ? Tri::yes : Tri::no;
    case ValueKind::enum_:
      return a.aux == b.aux && a.u.i == b.u.i ? Tri::yes : Tri::no;
    case ValueKind::document:
    case ValueKind::calendar:
      return a.aux == b.aux ? Tri::yes : Tri::no;
    case ValueKind::set: {
      if (!a.is_partial() && !b.is_partial()) return a.u.bits == b.u.bits ? Tri::yes : Tri::no;
      // Certain members of one side missing from every possibility of the other: unequal.
      if ((a.u.bits & ~(b.u.bits | b.maybe)) || (b.u.bits & ~(a.u.bits | a.maybe))) return Tri::no;
      return Tri::unknown;
    }
    case ValueKind::list: {
      if (!a.is_partial() && !b.is_partial()) {
        if (a.aux != b.aux) return Tri::no;
        Tri all = Tri::yes;
        for (int32_t i = 0; i < a.aux; ++i) {
          Tri t = equal(a.u.items[i], b.u.items[i]);
          if (t == Tri::no) return Tri::no;
          if (t == Tri::unknown) all = Tri::unknown;
        }
        return all;
      }
      int certain_a = a.aux - std::popcount(a.maybe), certain_b = b.aux - std::popcount(b.maybe);
      if (certain_a > b.aux || certain_b > a.aux) return Tri::no;
      return Tri::unknown;
    }
    case ValueKind::record: {
      if (a.aux != b.aux) return Tri::no;
      const RecordDef& r = p_.records[a.aux];
      Tri all = Tri::yes;
      for (size_t i = 0; i < r.fields.size(); ++i) {
        // A citation left out of a record literal outside any rule (in a test's expectation)
        // is null and matches any citation.
        if (p_.types.kind(r.fields[i].type) == TypeKind::citation &&
            (a.u.items[i].is_null() || b.u.items[i].is_null()))
          continue;
        Tri t = equal(a.u.items[i], b.u.items[i]);
        if (t == Tri::no) return Tri::no;
        if (t == Tri::unknown) all = Tri::unknown;
      }
      return all;
    }
    default:
      return Tri::no;
  }
}

Tri Evaluator::compare_order(const Value& a, const Value& b, int& sign) const {
  if (a.is_unknown() || b.is_unknown()) return Tri::unknown;
  if (a.kind != b.kind || a.is_null()) return Tri::unknown;
  if (a.kind == ValueKind::duration && a.unit != b.unit) return Tri::unknown;
  sign = a.u.i < b.u.i ? -1 : a.u.i > b.u.i ? 1 : 0;
  return Tri::yes;
}

Tri Evaluator::member(const Value& x, const Value& xs) const {
  if (xs.is_unknown()) return Tri::unknown;
  if (xs.kind == ValueKind::set) {
    if (x.is_unknown()) return (xs.u.bits | xs.maybe) == 0 ? Tri::no : Tri::unknown;
    if (x.kind != ValueKind::enum_) return Tri::no;
    if (xs.has_member(x.u.i)) return Tri::yes;
    return xs.member_maybe(x.u.i) ? Tri::unknown : Tri::no;
  }
  if (xs.kind != ValueKind::list) return Tri::unknown;
  Tri result = Tri::no;
  for (int32_t i = 0; i < xs.aux; ++i) {
    Tri t = equal(x, xs.u.items[i]);
    bool maybe = xs.item_maybe(i);
    if (t == Tri::yes && !maybe) return Tri::yes;
    if (t != Tri::no) result = Tri::unknown;
  }
  return result;
}

Value Evaluator::combine(const Node& n, const Value* k) {
  switch (n.op) {
    case Op::not_:
      if (k[0].kind != ValueKind::bool_) return Value::unknown();
      return Value::boolean(!k[0].u.b);
    case Op::neg:
      if (k[0].kind != ValueKind::int_) return Value::unknown();
      if (k[0].u.i == std::numeric_limits<int64_t>::min()) return fail(n, "integer overflow");
      return Value::integer(-k[0].u.i);
    case Op::and_:
      if (k[0].is_false() || k[1].is_false()) return Value::boolean(false);
      if (k[0].is_true() && k[1].is_true()) return k[0];
      return Value::unknown();
    case Op::or_:
      if (k[0].is_true() || k[1].is_true()) return Value::boolean(true);
      if (k[0].is_false() && k[1].is_false()) return k[0];
      return Value::unknown();
    case Op::coalesce:
      return k[0].is_unknown() || k[0].is_null() ? k[1] : k[0];
    case Op::if_:
      if (k[0].is_true()) return k[1];
      if (k[0].is_false()) return k[2];
      return equal(k[1], k[2]) == Tri::yes ? k[1] : Value::unknown();
    case Op::field:
      if (k[0].kind != ValueKind::record) return k[0].is_null() ? k[0] : Value::unknown();
      return k[0].u.items[n.b];
    case Op::project: {
      // `xs.f` over a list of records: the list of their `f`s, as sure or unsure as the items.
      const Value& xs = k[0];
      if (xs.kind != ValueKind::list) return xs.is_null() ? xs : Value::unknown();
      Value* items = arena_.alloc(static_cast<size_t>(xs.aux));
      for (int32_t i = 0; i < xs.aux; ++i) {
        const Value& r = xs.u.items[i];
        items[i] = r.kind == ValueKind::record ? r.u.items[n.b] : Value::unknown();
      }
      Value out = xs;
      out.u.items = items;
      return out;
    }
    case Op::make_record:
    case Op::make_list: {
      Value* items = arena_.alloc(n.c);
      for (uint32_t i = 0; i < n.c; ++i) items[i] = k[i];
      Value v;
      v.kind = n.op == Op::make_record ? ValueKind::record : ValueKind::list;
      v.aux = static_cast<int32_t>(n.op == Op::make_record ? n.a : n.c);
      v.u.items = items;
      return v;
    }
    case Op::make_set: {
      Value v;
      v.kind = ValueKind::set;
      v.aux = static_cast<int32_t>(n.a);
      for (uint32_t i = 0; i < n.c; ++i) {
        if (k[i].kind != ValueKind::enum_) return Value::unknown();
        v.u.bits |= uint64_t{1} << k[i].u.i;
      }
      return v;
    }
    case Op::builtin:
      return apply_builtin(n, k[0]);
    case Op::eq:
    case Op::ne: {
      Tri t = equal(k[0], k[1]);
      if (n.op == Op::ne && t != Tri::unknown) t = t == Tri::yes ? Tri::no : Tri::yes;
      return from_tri(t);
    }
    case Op::lt:
    case Op::le:
    case Op::gt:
    case Op::ge: {
      int sign = 0;
      if (compare_order(k[0], k[1], sign) != Tri::yes) return Value::unknown();
      bool r = n.op == Op::lt   ? sign < 0
               : n.op == Op::le ? sign <= 0
               : n.op == Op::gt ? sign > 0
                                : sign >= 0;
      return Value::boolean(r);
    }
    case Op::in:
      return from_tri(member(k[0], k[1]));
    case Op::add:
    case Op::sub:
    case Op::mul:
      return eval_arith(n, k[0], k[1], nullptr);
    case Op::add_cal:
    case Op::sub_cal:
      return eval_arith(n, k[0], k[1], &k[2]);
    default:
      return Value::unknown();
  }
}

Value Evaluator::apply_builtin(const Node& n, Value a) {
  switch (static_cast<Builtin>(n.a)) {
    case Builtin::known:
      return Value::boolean(!deep_incomplete(p_, a, p_.nodes[p_.operands[n.b]].type));
    case Builtin::certain: {
      // The items certainly in a list or set: a known value, even when others may be in too.
      if (a.kind == ValueKind::set) {
        a.maybe = 0;
        return a;
      }
      if (a.kind != ValueKind::list) return a;
      if (!a.is_partial()) return a;
      Value* items = arena_.alloc(static_cast<size_t>(a.aux));
      int32_t count = 0;
      for (int32_t i = 0; i < a.aux; ++i)
        if (!a.item_maybe(i)) items[count++] = a.u.items[i];
      Value out = a;
      out.u.items = items;
      out.aux = count;
      out.maybe = 0;
      return out;
    }
    case Builtin::count:
      if (a.is_partial()) return Value::unknown();
      if (a.kind == ValueKind::list) return Value::integer(a.aux);
      if (a.kind == ValueKind::set) return Value::integer(std::popcount(a.u.bits));
      return Value::unknown();
    case Builtin::unit_of: {
      if (a.kind != ValueKind::duration) return Value::unknown();
      return Value::string(unit_name(a.unit));
    }
    case Builtin::amount_of:
      if (a.kind != ValueKind::duration) return Value::unknown();
      return Value::integer(a.u.i);
    case Builtin::date_of:
      if (a.kind != ValueKind::datetime) return Value::unknown();
      return Value::date(civil::local_day({a.u.i, a.aux}));
  }
  return Value::unknown();
}

// The dates a case or a policy can write (years 0001 to 9999): arithmetic that leaves them has
// no result to give, and int32 day numbers or int64 seconds would wrap not much further out.
static const int64_t k_first_day = civil::days_from_civil(1, 1, 1);
static const int64_t k_last_day = civil::days_from_civil(9999, 12, 31);

Value Evaluator::fail(const Node& n, std::string_view what) {
  if (fault_.empty()) {
    const SourceFile& f = p_.sources.file(n.span.begin.file);
    std::string text = f.text.substr(n.span.begin.offset, n.span.length);
    for (char& ch : text)
      if (ch == '\n' || ch == '\r' || ch == '\t') ch = ' ';
    if (text.size() > 60) {
      size_t cut = 57;
      while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
      text = text.substr(0, cut) + "...";
    }
    fault_ = fmt::format("{} in `{}` ({}:{}:{})", what, text, f.path, n.span.begin.line,
                         n.span.begin.column);
  }
  return Value::unknown();
}

static const char* out_of_range(int64_t day) {
  return day < k_first_day ? "a date before 0001-01-01" : "a date after 9999-12-31";
}

Value Evaluator::date_result(const Node& n, int64_t day) {
  if (day < k_first_day || day > k_last_day) return fail(n, out_of_range(day));
  return Value::date(static_cast<int32_t>(day));
}

Value Evaluator::datetime_result(const Node& n, int64_t epoch_seconds, int32_t offset_minutes) {
  // A day's slack either side covers any offset, and keeps local_day's own sum from overflowing.
  if (epoch_seconds < (k_first_day - 1) * 86400 || epoch_seconds > (k_last_day + 2) * 86400)
    return fail(n, out_of_range(epoch_seconds / 86400));
  int64_t day = civil::local_day({epoch_seconds, offset_minutes});
  if (day < k_first_day || day > k_last_day) return fail(n, out_of_range(day));
  return Value::datetime(epoch_seconds, offset_minutes);
}

Value Evaluator::eval_arith(const Node& n, const Value& a, const Value& b, const Value* cal) {
  if (a.is_unknown() || b.is_unknown()) return Value::unknown();
  bool subtract = n.op == Op::sub || n.op == Op::sub_cal;
  int64_t r = 0;
  if (a.kind == ValueKind::int_ && b.kind == ValueKind::int_) {
    bool overflow = n.op == Op::mul ? __builtin_mul_overflow(a.u.i, b.u.i, &r)
                    : subtract      ? __builtin_sub_overflow(a.u.i, b.u.i, &r)
                                    : __builtin_add_overflow(a.u.i, b.u.i, &r);
    return overflow ? fail(n, "integer overflow") : Value::integer(r);
  }
  if (b.kind != ValueKind::duration) return Value::unknown();
  // A duration's amount is a literal, so never the minimum; negating it cannot overflow.
  int64_t amount = subtract ? -b.u.i : b.u.i;
  auto unit = static_cast<DurationUnit>(b.unit);
  if (a.kind == ValueKind::datetime) {
    if (unit == DurationUnit::hours || unit == DurationUnit::days) {
      int64_t seconds = 0, t = 0;
      if (__builtin_mul_overflow(amount, unit == DurationUnit::hours ? 3600 : 86400, &seconds) ||
          __builtin_add_overflow(a.u.i, seconds, &t))
        return fail(n, out_of_range(amount));
      return datetime_result(n, t, a.aux);
    }
    if (!cal || cal->kind != ValueKind::calendar) return Value::unknown();
    int32_t day = civil::local_day({a.u.i, a.aux});
    return business_days(n, cal->aux, day, amount);
  }
  if (a.kind == ValueKind::date) {
    if (unit == DurationUnit::days) {
      int64_t day = 0;
      if (__builtin_add_overflow(a.u.i, amount, &day)) return fail(n, out_of_range(amount));
      return date_result(n, day);
    }
    if (unit != DurationUnit::business_days || !cal || cal->kind != ValueKind::calendar)
      return Value::unknown();
    return business_days(n, cal->aux, static_cast<int32_t>(a.u.i), amount);
  }
  return Value::unknown();
}

Value Evaluator::business_days(const Node& n, uint32_t cal, int32_t day, int64_t amount) {
  const Calendar& c = calendar(cal);
  Value result = date_result(n, c.add_business_days(day, amount));
  if (amount == 0 || result.kind != ValueKind::date) return result;
  // The count depends on every day it walked over (after `day` up to the result, or back down
  // to it), and on nothing past the result: it can be trusted when each of those days'
  // holidays is known.
  const auto end = static_cast<int32_t>(result.u.i);
  std::optional<Calendar::Unknown> unknown =
      amount > 0 ? c.first_unknown(day + 1, end) : c.first_unknown(end, day - 1);
  if (!unknown) return result;
  return fail(n, fmt::format("calendar `{}` does not know the date of holiday \"{}\" in {}",
                             c.name(), unknown->holiday->name, unknown->year));
}

// ------------------------------------------------------------------ missing facts
//
// Walks down from an incomplete value to the unknown facts it rests on. Children are
// re-evaluated (the case is still loaded), so this costs nothing when every output is known.

void Evaluator::blame_node(NodeIndex ni, std::vector<uint8_t>& facts, std::vector<uint8_t>& seen) {
  const Node& n = p_.nodes[ni];
  auto child = [&](NodeIndex c) {
    Value v = eval(c);
    if (deep_incomplete(p_, v, p_.nodes[c].type)) blame_node(c, facts, seen);
  };
  switch (n.op) {
    case Op::constant:
    case Op::current_cite:
      return;
    case Op::fact:
      if (slots_[n.a].is_unknown()) facts[n.a] = 1;
      return;
    case Op::var:
      blame_var(n.a, facts, seen);
      return;
    case Op::param:
      if (param_args_[n.a] != k_none)
        blame_node(static_cast<NodeIndex>(param_args_[n.a]), facts, seen);
      return;
    case Op::coalesce: {
      Value a = eval(n.a);
      if (a.is_unknown() || a.is_null()) child(n.b);
      return;
    }
    case Op::if_: {
      Value c = eval(n.a);
      if (c.is_true()) {
        child(n.b);
      } else if (c.is_false()) {
        child(n.c);
      } else {
        child(n.a), child(n.b), child(n.c);
      }
      return;
    }
    case Op::call: {
      const Function& fn = p_.functions[n.a];
      // Save the bindings: the same function may be called again in an argument.
      std::vector<int32_t> saved;
      std::vector<Value> saved_values;
      for (uint32_t i = 0; i < n.c; ++i) {
        saved.push_back(param_args_[fn.param_slots[i]]);
        saved_values.push_back(slots_[fn.param_slots[i]]);
      }
      std::vector<Value> args(n.c);
      for (uint32_t i = 0; i < n.c; ++i) args[i] = eval(p_.operands[n.b + i]);
      for (uint32_t i = 0; i < n.c; ++i) {
        slots_[fn.param_slots[i]] = args[i];
        param_args_[fn.param_slots[i]] = static_cast<int32_t>(p_.operands[n.b + i]);
      }
      if (fn.body != k_none) child(static_cast<NodeIndex>(fn.body));
      for (uint32_t i = 0; i < n.c; ++i) {
        param_args_[fn.param_slots[i]] = saved[i];
        slots_[fn.param_slots[i]] = saved_values[i];
      }
      return;
    }
    case Op::not_:
    case Op::neg:
    case Op::field:
    case Op::project:
      child(n.a);
      return;
    case Op::add_cal:
    case Op::sub_cal:
      child(n.a), child(n.b), child(n.c);
      return;
    case Op::make_record:
    case Op::make_list:
    case Op::make_set:
    case Op::builtin:
      for (uint32_t i = 0; i < n.c; ++i) child(p_.operands[n.b + i]);
      return;
    default:
      child(n.a), child(n.b);
      return;
  }
}

void Evaluator::blame_rule(uint32_t r, std::vector<uint8_t>& facts, std::vector<uint8_t>& seen) {
  const Rule& rule = p_.rules[r];
  for (uint32_t e : rule.exceptions) blame_rule(e, facts, seen);
  Tri c = condition(rule.condition);
  if (c == Tri::unknown) blame_node(static_cast<NodeIndex>(rule.condition), facts, seen);
  if (c != Tri::no && rule.value != k_none) {
    int32_t saved = current_rule_;
    current_rule_ = static_cast<int32_t>(r);
    Value v = eval(static_cast<NodeIndex>(rule.value));
    current_rule_ = saved;
    if (deep_incomplete(p_, v, p_.nodes[rule.value].type))
      blame_node(static_cast<NodeIndex>(rule.value), facts, seen);
  }
}

void Evaluator::blame_var(uint32_t v, std::vector<uint8_t>& facts, std::vector<uint8_t>& seen) {
  if (seen[v]) return;
  seen[v] = 1;
  const Var& var = p_.vars[v];
  if (var.kind == VarKind::fact) {
    if (slots_[v].is_unknown()) facts[v] = 1;
    return;
  }
  if (!deep_incomplete(p_, slots_[v], var.type)) return;
  if (var.derive_node != k_none) {
    blame_node(static_cast<NodeIndex>(var.derive_node), facts, seen);
    return;
  }
  if (var.definition == k_none) return;
  const Definition& d = p_.definitions[var.definition];
  for (uint32_t r : d.rules) {
    Outcome o = outcome(r);
    blame_rule(r, facts, seen);
    // In a `first`, rules after one that certainly applies cannot matter.
    if (d.combinator == Combinator::first && o.applies == Tri::yes) break;
  }
}

std::vector<uint32_t> Evaluator::missing_facts_of(uint32_t var) {
  std::vector<uint8_t> facts(p_.vars.size(), 0), seen(p_.vars.size(), 0);
  blame_var(var, facts, seen);
  std::vector<uint32_t> out;
  for (uint32_t f : p_.facts)
    if (facts[f]) out.push_back(f);
  return out;
}

std::vector<uint32_t> Evaluator::missing_facts() {
  std::vector<uint8_t> facts(p_.vars.size(), 0), seen(p_.vars.size(), 0);
  for (uint32_t o : p_.outputs) {
    if (written_incomplete(p_, slots_[o], p_.vars[o].type)) blame_var(o, facts, seen);
  }
  std::vector<uint32_t> out;
  for (uint32_t f : p_.facts)
    if (facts[f]) out.push_back(f);
  return out;
}

}  // namespace sop
