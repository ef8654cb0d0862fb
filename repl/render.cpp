#include "repl/render.hpp"

#include <fmt/format.h>

#include "interpreter/codec/determination.hpp"
#include "interpreter/value_text.hpp"

namespace sop::repl {

namespace {

void walk(const Program& p, NodeIndex n, std::vector<uint32_t>& out, std::vector<uint8_t>& seen,
          std::vector<uint8_t>& fn_seen) {
  const Node& node = p.nodes[n];
  auto operands = [&]() {
    for (uint32_t i = 0; i < node.c; ++i) walk(p, p.operands[node.b + i], out, seen, fn_seen);
  };
  switch (node.op) {
    case Op::constant:
    case Op::param:
    case Op::current_cite:
      return;
    case Op::fact:
    case Op::var:
      if (!seen[node.a]) {
        seen[node.a] = 1;
        out.push_back(node.a);
      }
      return;
    case Op::not_:
    case Op::neg:
    case Op::field:
    case Op::project:
      walk(p, node.a, out, seen, fn_seen);
      return;
    case Op::add_cal:
    case Op::sub_cal:
    case Op::if_:
      walk(p, node.a, out, seen, fn_seen);
      walk(p, node.b, out, seen, fn_seen);
      walk(p, node.c, out, seen, fn_seen);
      return;
    case Op::make_record:
    case Op::make_list:
    case Op::make_set:
    case Op::builtin:
      operands();
      return;
    case Op::call: {
      operands();
      const Function& fn = p.functions[node.a];
      if (!fn_seen[node.a] && fn.body != k_none) {
        fn_seen[node.a] = 1;
        walk(p, static_cast<NodeIndex>(fn.body), out, seen, fn_seen);
      }
      return;
    }
    default:
      walk(p, node.a, out, seen, fn_seen);
      walk(p, node.b, out, seen, fn_seen);
      return;
  }
}

// Every node a var's value is computed from.
std::vector<NodeIndex> var_nodes(const Program& p, uint32_t var) {
  std::vector<NodeIndex> nodes;
  const Var& v = p.vars[var];
  auto add = [&](int32_t n) {
    if (n != k_none) nodes.push_back(static_cast<NodeIndex>(n));
  };
  add(v.derive_node);
  add(v.unknown_as);
  add(v.default_node);
  if (v.definition != k_none) {
    for (uint32_t r : p.definitions[v.definition].rules) {
      add(p.rules[r].condition);
      add(p.rules[r].value);
      for (uint32_t e : p.rules[r].exceptions) {
        add(p.rules[e].condition);
        add(p.rules[e].value);
      }
    }
  }
  return nodes;
}

}  // namespace

Value shown_value(Evaluator& ev, uint32_t var) {
  const Var& v = ev.program().vars[var];
  Value x = ev.value(var);
  if (x.is_unknown() && v.unknown_as != k_none) x = ev.eval(static_cast<NodeIndex>(v.unknown_as));
  return x;
}

bool is_reported(const Program& p, uint32_t var) {
  const Var& v = p.vars[var];
  return v.derive_node == k_none || p.nodes[v.derive_node].op == Op::make_record;
}

std::string node_text(const Program& p, NodeIndex n, size_t max) {
  const Span& s = p.nodes[n].span;
  if (s.begin.file >= p.sources.size()) return "?";
  const std::string& text = p.sources.file(s.begin.file).text;
  if (s.begin.offset >= text.size()) return "?";
  std::string raw = text.substr(s.begin.offset, s.length);
  std::string out;
  bool space = false;
  for (char c : raw) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  if (out.size() > max) out = out.substr(0, max - 3) + "...";
  return out;
}

std::string fact_text(const Program& p, uint32_t fact, const nlohmann::json& j) {
  TypeId t = p.types.strip_optional(p.vars[fact].type);
  if (j.is_string() && p.types.kind(t) != TypeKind::string) return j.get<std::string>();
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string fact_value_text(const Evaluator& ev, uint32_t fact, const Value& v) {
  if (v.is_unknown()) return std::string(k_unknown_text);
  const Program& p = ev.program();
  return fact_text(p, fact, value_json(ev, v, p.vars[fact].type));
}

std::vector<uint32_t> reads_of(const Program& p, NodeIndex n) {
  std::vector<uint32_t> out;
  std::vector<uint8_t> seen(p.vars.size(), 0), fn_seen(p.functions.size(), 0);
  walk(p, n, out, seen, fn_seen);
  return out;
}

std::vector<uint32_t> var_reads(const Program& p, uint32_t var) {
  std::vector<uint32_t> out;
  std::vector<uint8_t> seen(p.vars.size(), 0), fn_seen(p.functions.size(), 0);
  for (NodeIndex n : var_nodes(p, var)) walk(p, n, out, seen, fn_seen);
  return out;
}

std::vector<uint32_t> facts_behind(const Program& p, uint32_t var) {
  std::vector<uint8_t> done(p.vars.size(), 0);
  std::vector<uint32_t> todo = {var};
  done[var] = 1;
  while (!todo.empty()) {
    uint32_t v = todo.back();
    todo.pop_back();
    if (p.vars[v].kind == VarKind::fact) continue;
    for (uint32_t r : var_reads(p, v)) {
      if (!done[r]) {
        done[r] = 1;
        todo.push_back(r);
      }
    }
  }
  std::vector<uint32_t> out;
  for (uint32_t f : p.facts)
    if (done[f]) out.push_back(f);
  return out;
}

int32_t exception_target(const Program& p, uint32_t rule) {
  if (p.rules[rule].kind != Rule::Kind::exception) return k_none;
  for (size_t r = 0; r < p.rules.size(); ++r)
    for (uint32_t e : p.rules[r].exceptions)
      if (e == rule) return static_cast<int32_t>(r);
  return k_none;
}

}  // namespace sop::repl
