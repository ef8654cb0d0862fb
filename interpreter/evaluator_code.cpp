// Compiling a program's nodes into an evaluator's own code (see evaluator.hpp): operands become
// code indices, case-independent subtrees become constants, and calls whose arguments are cheap
// to repeat (constants and slot reads) are inlined so that their constant parts fold too.
#include <algorithm>
#include <limits>
#include <utility>

#include "interpreter/evaluator.hpp"

namespace sop {

namespace {

constexpr uint32_t k_unset = std::numeric_limits<uint32_t>::max();
// A function body inlined at a call site is copied: only small bodies, and never past a total
// that keeps a pathological program (many nested calls of calls) from blowing up construction.
constexpr size_t k_inline_body = 96;

bool is_slot_read(Op op) {
  return op == Op::fact || op == Op::var || op == Op::param;
}

size_t body_size(const Program& p, NodeIndex n, size_t limit) {
  size_t count = 1;
  const Node& node = p.nodes[n];
  for (uint32_t i = 0; i < operand_count(node) && count <= limit; ++i)
    count += body_size(p, operand(p, node, i), limit - count);
  return count;
}

}  // namespace

void Evaluator::compile_program() {
  entry_.assign(p_.nodes.size(), k_unset);
  for (NodeIndex n = 0; n < p_.nodes.size(); ++n) compile(n, nullptr);
  auto code_of = [&](int32_t node) {
    return node == k_none ? k_none : static_cast<int32_t>(entry_[static_cast<size_t>(node)]);
  };
  rule_code_.resize(p_.rules.size());
  for (size_t r = 0; r < p_.rules.size(); ++r) {
    const Rule& rule = p_.rules[r];
    rule_code_[r] = {code_of(rule.condition), code_of(rule.value), rule.skip,
                     !rule.exceptions.empty()};
  }
  for (uint32_t f : p_.facts) {
    defaults_.emplace_back(f, code_of(p_.vars[f].default_node));
    if (defaults_.back().second != k_none) defaulted_.push_back(defaults_.back());
  }
  std::vector<uint8_t> written(p_.vars.size(), 0);
  for (uint32_t f : p_.facts) written[f] = 1;
  for (uint32_t v : p_.eval_order) written[v] = 1;
  bulk_facts_ = std::all_of(written.begin(), written.end(), [](uint8_t w) { return w != 0; });
  for (uint32_t v : p_.eval_order) {
    const Var& var = p_.vars[v];
    steps_.push_back({v, code_of(var.derive_node), var.definition});
  }
  collect_set_.resize(p_.definitions.size());
  for (size_t d = 0; d < p_.definitions.size(); ++d) {
    TypeId t = p_.types.strip_optional(p_.vars[p_.definitions[d].var].type);
    collect_set_[d] = p_.types.kind(t) == TypeKind::set;
  }
}

uint32_t Evaluator::emit(const Code& c) {
  code_.push_back(c);
  return static_cast<uint32_t>(code_.size() - 1);
}

uint32_t Evaluator::constant(const Value& v, NodeIndex origin) {
  consts_.push_back(v);
  Code c;
  c.op = Op::constant;
  c.a = static_cast<uint32_t>(consts_.size() - 1);
  c.origin = origin;
  return emit(c);
}

bool Evaluator::inlinable(const Function& fn, const std::vector<uint32_t>& args) const {
  if (fn.body == k_none || code_.size() > 8 * p_.nodes.size() + 100000) return false;
  for (uint32_t a : args) {
    Op op = code_[a].op;
    if (op != Op::constant && op != Op::current_cite && !is_slot_read(op)) return false;
  }
  return body_size(p_, static_cast<NodeIndex>(fn.body), k_inline_body) <= k_inline_body;
}

// Evaluates a node whose operands are all constants once, now, and makes it a constant. A node
// that faults (an overflow in a constant expression) stays, to fault on every case as before.
uint32_t Evaluator::fold(uint32_t ci) {
  const Code& c = code_[ci];
  switch (c.op) {
    case Op::constant:
    case Op::fact:
    case Op::var:
    case Op::param:
    case Op::current_cite:
    case Op::call:
      return ci;
    default:
      break;
  }
  const Node& n = p_.nodes[c.origin];
  uint32_t count = operand_count(n);
  for (uint32_t i = 0; i < count; ++i) {
    uint32_t o = c.op == Op::make_record || c.op == Op::make_list || c.op == Op::make_set ||
                         c.op == Op::builtin
                     ? code_operands_[c.b + i]
                     : (i == 0   ? c.a
                        : i == 1 ? c.b
                                 : c.c);
    if (code_[o].op != Op::constant) return ci;
  }
  std::string saved_fault = std::move(fault_);
  fault_.clear();
  int32_t saved_rule = std::exchange(current_rule_, k_none);
  std::swap(arena_, const_arena_);  // the value outlives every case
  Value v = run(ci);
  std::swap(arena_, const_arena_);
  current_rule_ = saved_rule;
  bool faulted = !fault_.empty();
  fault_ = std::move(saved_fault);
  if (faulted) return ci;
  NodeIndex origin = c.origin;
  if (ci + 1 == code_.size()) code_.pop_back();
  return constant(v, origin);
}

uint32_t Evaluator::compile(NodeIndex ni, const std::vector<int32_t>* params) {
  if (!params && entry_[ni] != k_unset) return entry_[ni];
  const Node& n = p_.nodes[ni];
  Code c;
  c.op = n.op;
  c.a = n.a;
  c.b = n.b;
  c.c = n.c;
  c.origin = ni;
  auto is_const = [&](uint32_t code) { return code_[code].op == Op::constant; };
  auto value_of = [&](uint32_t code) -> const Value& { return consts_[code_[code].a]; };
  uint32_t out = 0;
  switch (n.op) {
    case Op::constant:
      out = constant(p_.constants[n.a], ni);
      break;
    case Op::param:
      out = params && (*params)[n.a] != k_none ? static_cast<uint32_t>((*params)[n.a]) : emit(c);
      break;
    case Op::fact:
    case Op::var:
    case Op::current_cite:
      out = emit(c);
      break;
    case Op::call: {
      const Function& fn = p_.functions[n.a];
      std::vector<uint32_t> args;
      for (uint32_t i = 0; i < n.c; ++i) args.push_back(compile(p_.operands[n.b + i], params));
      if (inlinable(fn, args)) {
        // Evaluating the body with each parameter read replaced by its argument is the same as
        // binding the arguments first: functions are pure and not recursive, and the arguments
        // are constants or slot reads that the body cannot change.
        std::vector<int32_t> bind(p_.slot_count, k_none);
        for (uint32_t i = 0; i < n.c; ++i) bind[fn.param_slots[i]] = static_cast<int32_t>(args[i]);
        out = compile(static_cast<NodeIndex>(fn.body), &bind);
        break;
      }
      c.b = static_cast<uint32_t>(code_operands_.size());
      code_operands_.insert(code_operands_.end(), args.begin(), args.end());
      out = emit(c);
      break;
    }
    case Op::make_record:
    case Op::make_list:
    case Op::make_set:
    case Op::builtin: {
      std::vector<uint32_t> ops;
      for (uint32_t i = 0; i < n.c; ++i) ops.push_back(compile(p_.operands[n.b + i], params));
      c.b = static_cast<uint32_t>(code_operands_.size());
      code_operands_.insert(code_operands_.end(), ops.begin(), ops.end());
      out = fold(emit(c));
      break;
    }
    case Op::if_: {
      c.a = compile(n.a, params);
      if (is_const(c.a) && value_of(c.a).kind == ValueKind::bool_) {
        out = compile(value_of(c.a).u.b ? n.b : n.c, params);
        break;
      }
      c.b = compile(n.b, params);
      c.c = compile(n.c, params);
      out = fold(emit(c));
      break;
    }
    case Op::and_:
    case Op::or_: {
      // `false and x` is false and `true and x` is x (Kleene), and dually for `or`.
      c.a = compile(n.a, params);
      if (is_const(c.a) && value_of(c.a).kind == ValueKind::bool_) {
        bool decides = value_of(c.a).u.b == (n.op == Op::or_);
        out = decides ? c.a : compile(n.b, params);
        break;
      }
      c.b = compile(n.b, params);
      out = fold(emit(c));
      break;
    }
    case Op::coalesce: {
      c.a = compile(n.a, params);
      if (is_const(c.a)) {
        const Value& a = value_of(c.a);
        out = a.is_unknown() || a.is_null() ? compile(n.b, params) : c.a;
        break;
      }
      c.b = compile(n.b, params);
      out = fold(emit(c));
      break;
    }
    default: {
      uint32_t count = operand_count(n);
      uint32_t ops[3] = {0, 0, 0};
      for (uint32_t i = 0; i < count && i < 3; ++i)
        ops[i] = compile(sop::operand(p_, n, i), params);
      if (count >= 1) c.a = ops[0];
      if (n.op != Op::field && n.op != Op::project && count >= 2) c.b = ops[1];
      if (count >= 3) c.c = ops[2];
      out = fold(emit(c));
      break;
    }
  }
  if (!params) entry_[ni] = out;
  return out;
}

}  // namespace sop
