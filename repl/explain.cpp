#include "repl/explain.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "interpreter/codec/determination.hpp"
#include "interpreter/value_text.hpp"
#include "lang/checker.hpp"
#include "repl/render.hpp"

namespace sop::repl {

namespace {

std::string truth(const Value& v) {
  if (v.is_true()) return "true";
  if (v.is_false()) return "false";
  return std::string(k_unknown_text);
}

// One item of a collection against the target value, by the target's kind.
Tri item_matches(const Evaluator& ev, const Value& item, const Value& target, Target::Kind kind) {
  if (kind == Target::Kind::contains_key) {
    if (item.kind != ValueKind::record) return item.is_unknown() ? Tri::unknown : Tri::no;
    return ev.equal(item.u.items[0], target);
  }
  return ev.equal(item, target);
}

class Explainer {
 public:
  Explainer(Evaluator& ev, const Case& c) : ev_(ev), p_(ev.program()), c_(c) {}

  std::string why(uint32_t var, const std::string& plan) {
    std::vector<uint8_t> seen(p_.vars.size(), 0);
    std::string out = plan + " ";
    why_var(var, 0, 0, seen, out);
    return out;
  }

  std::string why_not(uint32_t var, const Target& t, const std::string& plan);

 private:
  // "name = value", marking a fact's declared default.
  std::string var_value(uint32_t v) {
    const Var& var = p_.vars[v];
    Value x = var.kind == VarKind::fact ? ev_.value(v) : shown_value(ev_, v);
    std::string s = var.name + " = " + value_text(p_, x, var.type);
    if (var.kind == VarKind::fact && !x.is_unknown() &&
        (v >= c_.facts.size() || c_.facts[v].is_unknown() || c_.facts[v].is_null()))
      s += " (default)";
    return s;
  }

  std::string head(uint32_t r) {
    const Rule& rule = p_.rules[r];
    int32_t target = exception_target(p_, r);
    std::string s = target != k_none ? "exception to " + p_.rules[target].label : rule.label;
    if (!rule.title.empty()) s += " \"" + rule.title + "\"";
    s += " [" + rule.cite + "]";
    if (!rule.baseline_cite.empty()) s += " (baseline " + rule.baseline_cite + ")";
    return s;
  }

  // "where a = x, b = y": what an atom of a condition read.
  std::string where(NodeIndex n) {
    std::string s;
    for (uint32_t v : reads_of(p_, n)) s += (s.empty() ? "" : ", ") + var_value(v);
    return s;
  }

  static void flatten(const Program& p, NodeIndex n, Op op, std::vector<NodeIndex>& parts) {
    const Node& node = p.nodes[n];
    if (node.op != op) {
      parts.push_back(n);
      return;
    }
    flatten(p, node.a, op, parts);
    flatten(p, node.b, op, parts);
  }

  // Why the condition `n` has its value: for `and` / `or`, the parts that decide it; for an
  // atom, the facts and values it read.
  void breakdown(NodeIndex n, size_t indent, std::string& out, const std::string& prefix = "") {
    const Node& node = p_.nodes[n];
    std::string in(indent, ' ');
    if (node.op == Op::fact || node.op == Op::var) {
      out += in + prefix + var_value(node.a) + "\n";
      return;
    }
    Value v = ev_.eval(n);
    out += in + prefix + node_text(p_, n) + " is " + truth(v) + "\n";
    if (node.op == Op::and_ || node.op == Op::or_) {
      std::vector<NodeIndex> parts;
      flatten(p_, n, node.op, parts);
      bool is_and = node.op == Op::and_;
      for (NodeIndex part : parts) {
        Value pv = ev_.eval(part);
        bool decides = v.is_unknown() ? pv.is_unknown()
                       : is_and       ? (v.is_false() ? pv.is_false() : true)
                                      : (v.is_true() ? pv.is_true() : true);
        if (decides) breakdown(part, indent + 2, out);
      }
      return;
    }
    if (node.op == Op::not_) {
      breakdown(node.a, indent + 2, out);
      return;
    }
    std::string w = where(n);
    if (!w.empty()) out += in + "  where " + w + "\n";
  }

  // The unknown facts a node's value rests on.
  std::vector<uint32_t> missing_of(NodeIndex n) {
    std::vector<uint8_t> mark(p_.vars.size(), 0);
    for (uint32_t v : reads_of(p_, n)) {
      const Var& var = p_.vars[v];
      if (var.kind == VarKind::fact) {
        if (ev_.value(v).is_unknown()) mark[v] = 1;
      } else if (ev_.incomplete(ev_.value(v), var.type)) {
        for (uint32_t f : ev_.missing_facts_of(v)) mark[f] = 1;
      }
    }
    std::vector<uint32_t> out;
    for (uint32_t f : p_.facts)
      if (mark[f]) out.push_back(f);
    return out;
  }

  std::string names(const std::vector<uint32_t>& vars) {
    std::string s;
    for (uint32_t v : vars) s += (s.empty() ? "" : ", ") + p_.vars[v].name;
    return s;
  }

  // The vars (not facts) among what `n` reads, appended to `next` once.
  void defs_read(NodeIndex n, std::vector<uint32_t>& next) {
    for (uint32_t v : reads_of(p_, n))
      if (p_.vars[v].kind != VarKind::fact && std::find(next.begin(), next.end(), v) == next.end())
        next.push_back(v);
  }

  void fired_rule(uint32_t r, size_t indent, std::vector<uint32_t>& next, std::string& out) {
    const Rule& rule = p_.rules[r];
    std::string in(indent, ' ');
    out += in + "by " + head(r) + "\n";
    if (!rule.quote.empty()) out += in + "  \"" + rule.quote + "\"\n";
    if (rule.condition != k_none) {
      breakdown(static_cast<NodeIndex>(rule.condition), indent + 2, out, "when ");
      defs_read(static_cast<NodeIndex>(rule.condition), next);
    }
    int32_t value = rule.value;
    int32_t target = exception_target(p_, r);
    if (value == k_none && target != k_none) value = p_.rules[target].value;
    if (value != k_none) {
      std::string w = where(static_cast<NodeIndex>(value));
      if (!w.empty())
        out +=
            in + "  gives " + node_text(p_, static_cast<NodeIndex>(value)) + ", where " + w + "\n";
      defs_read(static_cast<NodeIndex>(value), next);
    }
  }

  void why_var(uint32_t v, size_t indent, int depth, std::vector<uint8_t>& seen, std::string& out) {
    seen[v] = 1;
    const Var& var = p_.vars[v];
    std::string in(indent, ' ');
    Value x = ev_.value(v);
    out += (indent ? in : "") + var_value(v) + "\n";
    if (var.kind == VarKind::fact) {
      bool given = v < c_.facts.size() && !c_.facts[v].is_unknown() && !c_.facts[v].is_null();
      out += in +
             (given            ? "  a fact the case gives"
              : x.is_unknown() ? "  a fact the case does not give"
                               : "  a fact the case does not give: its declared default") +
             "\n";
      return;
    }
    std::vector<uint32_t> next;
    if (ev_.pinned(v) != k_none) {
      NodeIndex n = static_cast<NodeIndex>(ev_.pinned(v));
      out += in + "  overridden in this session: " + node_text(p_, n) + "\n";
      std::string w = where(n);
      if (!w.empty()) out += in + "  where " + w + "\n";
      defs_read(n, next);
    } else if (var.derive_node != k_none) {
      NodeIndex n = static_cast<NodeIndex>(var.derive_node);
      out += in + "  computed as " + node_text(p_, n) + " (no rules)\n";
      defs_read(n, next);
    } else if (var.definition != k_none) {
      explain_definition(v, indent, next, out);
    }
    if (ev_.incomplete(x, var.type)) {
      std::vector<uint32_t> missing = ev_.missing_facts_of(v);
      if (!missing.empty()) out += in + "  missing facts: " + names(missing) + "\n";
    }
    // The values the fired rules read are explained in turn, each once, a few levels deep.
    if (depth >= 3) return;
    for (uint32_t n : next)
      if (!seen[n]) why_var(n, indent + 2, depth + 1, seen, out);
  }

  void explain_definition(uint32_t v, size_t indent, std::vector<uint32_t>& next,
                          std::string& out) {
    const Definition& d = p_.definitions[p_.vars[v].definition];
    std::string in(indent, ' ');
    std::vector<uint32_t> fired;
    for (const TraceEntry& t : ev_.trace())
      if (t.var == v) fired.push_back(t.rule);
    auto fired_from = [&](uint32_t r) {
      for (uint32_t f : fired)
        if (f == r || std::find(p_.rules[r].exceptions.begin(), p_.rules[r].exceptions.end(), f) !=
                          p_.rules[r].exceptions.end())
          return true;
      return false;
    };
    if (d.combinator == Combinator::first) {
      // The rules tried before the one that decided: each did not apply, or may have.
      for (uint32_t r : d.rules) {
        if (fired_from(r)) break;
        Tri a = ev_.applies(r);
        const Rule& rule = p_.rules[r];
        std::string cond = rule.condition == k_none
                               ? "(always)"
                               : node_text(p_, static_cast<NodeIndex>(rule.condition));
        if (a == Tri::no) {
          out += in + "  skipped " + head(r) + ": " + cond + " is false\n";
        } else if (a == Tri::unknown) {
          out += in + "  undecided " + head(r) + ":\n";
          if (rule.condition != k_none)
            breakdown(static_cast<NodeIndex>(rule.condition), indent + 4, out, "when ");
        }
      }
    }
    for (uint32_t r : fired) fired_rule(r, indent + 2, next, out);
    if (fired.empty()) {
      Value x = ev_.value(v);
      if (d.combinator != Combinator::first && !ev_.incomplete(x, p_.vars[v].type))
        out += in + "  no rule applies\n";
      else if (d.combinator != Combinator::first)
        out += in + "  no rule certainly applies\n";
      else if (!x.is_unknown())
        out += in + "  no rule applies\n";
    }
    if (d.combinator == Combinator::collect) {
      for (uint32_t r : d.rules) {
        if (fired_from(r) || ev_.applies(r) != Tri::unknown) continue;
        out += in + "  may also apply: " + head(r) + "\n";
        if (p_.rules[r].condition != k_none)
          breakdown(static_cast<NodeIndex>(p_.rules[r].condition), indent + 4, out, "when ");
      }
    }
  }

  Evaluator& ev_;
  const Program& p_;
  const Case& c_;
};

std::string Explainer::why_not(uint32_t var, const Target& t, const std::string& plan) {
  const Var& v = p_.vars[var];
  Value cur = shown_value(ev_, var);
  Value tv = ev_.eval(t.node);
  Tri holds = target_holds(ev_, var, t);
  bool collection = t.kind != Target::Kind::equals;
  std::string out;
  if (holds == Tri::yes)
    return fmt::format("{} {} {} {}\n", plan, v.name, collection ? "contains" : "is", t.text);
  if (collection) {
    out = fmt::format("{} {} = {} {} {}\n", plan, v.name, value_text(p_, cur, v.type),
                      holds == Tri::no ? "does not contain" : "may contain", t.text);
  } else {
    out = fmt::format("{} {} is {}, not {}\n", plan, v.name, value_text(p_, cur, v.type), t.text);
  }
  if (ev_.pinned(var) != k_none) {
    out +=
        "  overridden in this session: " + node_text(p_, static_cast<NodeIndex>(ev_.pinned(var))) +
        " (:clear-overrides to see its own rules)\n";
    return out;
  }
  if (v.derive_node != k_none || v.definition == k_none) {
    if (v.derive_node != k_none) {
      NodeIndex n = static_cast<NodeIndex>(v.derive_node);
      out += "  computed as " + node_text(p_, n) + " (no rules)\n";
      std::string w = where(n);
      if (!w.empty()) out += "  where " + w + "\n";
    }
    return out;
  }
  const Definition& d = p_.definitions[v.definition];
  Target::Kind item_kind =
      t.kind == Target::Kind::contains_key ? Target::Kind::contains_key : Target::Kind::equals;
  // The rule that decided a `first` (or a single rule), from the trace.
  int32_t decided = k_none;
  size_t decided_at = d.rules.size();
  for (const TraceEntry& e : ev_.trace()) {
    if (e.var != var || d.combinator == Combinator::collect) continue;
    decided = static_cast<int32_t>(e.rule);
    for (size_t i = 0; i < d.rules.size(); ++i) {
      const Rule& r = p_.rules[d.rules[i]];
      if (d.rules[i] == e.rule ||
          std::find(r.exceptions.begin(), r.exceptions.end(), e.rule) != r.exceptions.end())
        decided_at = i;
    }
  }
  bool any = false;
  for (size_t i = 0; i < d.rules.size(); ++i) {
    uint32_t r = d.rules[i];
    const Rule& rule = p_.rules[r];
    // The rule itself, then each exception that gives a value of its own.
    std::vector<uint32_t> candidates = {r};
    for (uint32_t e : rule.exceptions)
      if (!p_.rules[e].skip) candidates.push_back(e);
    for (uint32_t x : candidates) {
      int32_t vn = p_.rules[x].value != k_none ? p_.rules[x].value : rule.value;
      if (vn == k_none) continue;
      Value val = ev_.eval(static_cast<NodeIndex>(vn));
      Tri gives = item_matches(ev_, val, tv, item_kind);
      if (gives == Tri::no) continue;
      any = true;
      Tri applies = x == r ? ev_.applies(r) : Tri::unknown;
      if (x != r) {
        Value c = ev_.eval(static_cast<NodeIndex>(p_.rules[x].condition));
        applies = c.is_true() ? Tri::yes : c.is_false() ? Tri::no : Tri::unknown;
      }
      out += "  " + head(x) + (gives == Tri::yes ? " gives " : " may give ") +
             value_text(p_, val, p_.nodes[vn].type);
      if (applies == Tri::no) {
        out += ", but does not apply:\n";
        Value own = rule.condition == k_none ? Value::boolean(true)
                                             : ev_.eval(static_cast<NodeIndex>(rule.condition));
        if (x == r && own.is_true()) {
          // Its own condition holds: an exception set it aside.
          for (uint32_t e : rule.exceptions) {
            if (!ev_.eval(static_cast<NodeIndex>(p_.rules[e].condition)).is_true()) continue;
            out += "    " + head(e) +
                   (p_.rules[e].skip ? " applies and skips it:\n" : " applies instead:\n");
            breakdown(static_cast<NodeIndex>(p_.rules[e].condition), 6, out, "when ");
            break;
          }
        } else {
          int32_t cond = x == r ? rule.condition : p_.rules[x].condition;
          breakdown(static_cast<NodeIndex>(cond), 4, out, "when ");
        }
      } else if (applies == Tri::unknown) {
        out += ", but whether it applies is unknown:\n";
        int32_t cond = x == r ? rule.condition : p_.rules[x].condition;
        if (cond != k_none) {
          breakdown(static_cast<NodeIndex>(cond), 4, out, "when ");
          std::vector<uint32_t> missing = missing_of(static_cast<NodeIndex>(cond));
          for (uint32_t e : rule.exceptions) {
            std::vector<uint32_t> more = missing_of(static_cast<NodeIndex>(p_.rules[e].condition));
            missing.insert(missing.end(), more.begin(), more.end());
          }
          std::sort(missing.begin(), missing.end());
          missing.erase(std::unique(missing.begin(), missing.end()), missing.end());
          if (!missing.empty()) out += "    missing facts: " + names(missing) + "\n";
        }
      } else if (d.combinator == Combinator::first && decided != k_none && decided_at < i) {
        out += " and applies, but an earlier rule decided first: " +
               head(static_cast<uint32_t>(decided)) + "\n";
      } else if (gives == Tri::unknown) {
        out += " and applies, but its value is not known yet";
        std::vector<uint32_t> missing = missing_of(static_cast<NodeIndex>(vn));
        out += missing.empty() ? "\n" : " (missing facts: " + names(missing) + ")\n";
      } else {
        out += " and applies\n";
      }
    }
  }
  if (!any) out += fmt::format("  no rule of {} gives {}\n", v.name, t.text);
  if (decided != k_none && !collection && !cur.is_unknown())
    out += "  decided by " + head(static_cast<uint32_t>(decided)) + "\n";
  if (ev_.incomplete(ev_.value(var), v.type)) {
    std::vector<uint32_t> missing = ev_.missing_facts_of(var);
    if (!missing.empty()) out += "  missing facts: " + names(missing) + "\n";
  }
  return out;
}

bool try_compile(Program& p, const std::string& text, TypeId expected, int32_t& node,
                 std::string& error) {
  Diagnostics d;
  node = compile_expression(p, text, d, expected);
  if (node == k_none) {
    error = format_diagnostics(d, p.sources);
    return false;
  }
  if (!p.types.assignable(p.nodes[node].type, expected)) {
    error = fmt::format("error: `{}` is a `{}`, not a `{}`\n", text,
                        p.type_name(p.nodes[node].type), p.type_name(expected));
    return false;
  }
  return true;
}

}  // namespace

bool compile_target(Program& p, uint32_t var, const std::string& text, Target& target,
                    std::string& error) {
  TypeId type = p.vars[var].type;
  TypeId item = p.types.item_type(type);
  int32_t node = k_none;
  target.text = text;
  if (item != 0) {
    // A collection: an item, an item's first field, else the whole value.
    std::string first_error;
    if (try_compile(p, text, item, node, first_error)) {
      target.node = static_cast<NodeIndex>(node);
      target.kind = Target::Kind::contains;
      return true;
    }
    TypeId s = p.types.strip_optional(item);
    if (p.types.kind(s) == TypeKind::record) {
      const RecordDef& r = p.records[p.types.info(s).ref];
      std::string ignored;
      if (!r.fields.empty() && try_compile(p, text, r.fields[0].type, node, ignored)) {
        target.node = static_cast<NodeIndex>(node);
        target.kind = Target::Kind::contains_key;
        return true;
      }
    }
    std::string ignored;
    if (try_compile(p, text, type, node, ignored)) {
      target.node = static_cast<NodeIndex>(node);
      target.kind = Target::Kind::equals;
      return true;
    }
    error = first_error;
    return false;
  }
  if (!try_compile(p, text, type, node, error)) return false;
  target.node = static_cast<NodeIndex>(node);
  target.kind = Target::Kind::equals;
  return true;
}

Tri target_holds(Evaluator& ev, uint32_t var, const Target& target) {
  Value cur = shown_value(ev, var);
  Value tv = ev.eval(target.node);
  if (target.kind == Target::Kind::equals) return ev.equal(cur, tv);
  if (cur.is_unknown()) return Tri::unknown;
  if (cur.kind == ValueKind::set) {
    if (tv.kind != ValueKind::enum_) return Tri::unknown;
    if (cur.has_member(tv.u.i)) return Tri::yes;
    return cur.member_maybe(tv.u.i) ? Tri::unknown : Tri::no;
  }
  if (cur.kind != ValueKind::list) return Tri::no;
  Tri result = Tri::no;
  for (int32_t i = 0; i < cur.aux; ++i) {
    Tri m = item_matches(ev, cur.u.items[i], tv, target.kind);
    bool maybe = cur.item_maybe(i);
    if (m == Tri::yes && !maybe) return Tri::yes;
    if (m != Tri::no) result = Tri::unknown;
  }
  return result;
}

std::string explain_why(Evaluator& ev, const Case& c, uint32_t var, const std::string& plan) {
  return Explainer(ev, c).why(var, plan);
}

std::string explain_why_not(Evaluator& ev, const Case& c, uint32_t var, const Target& target,
                            const std::string& plan) {
  return Explainer(ev, c).why_not(var, target, plan);
}

}  // namespace sop::repl
