#include "repl/flip.hpp"

#include "interpreter/codec/determination.hpp"
#include "interpreter/value_text.hpp"
#include "repl/render.hpp"

namespace sop::repl {

namespace {

// The values worth trying for a fact, other than the one it has.
std::vector<Value> domain(const Evaluator& ev, const Case& c, uint32_t f) {
  const Program& p = ev.program();
  const Var& var = p.vars[f];
  TypeId t = p.types.strip_optional(var.type);
  std::vector<Value> values;
  switch (p.types.kind(t)) {
    case TypeKind::bool_:
      values = {Value::boolean(true), Value::boolean(false)};
      break;
    case TypeKind::enum_: {
      uint32_t e = p.types.info(t).ref;
      for (size_t i = 0; i < p.enums[e].values.size(); ++i)
        values.push_back(Value::enumeration(e, static_cast<uint32_t>(i)));
      break;
    }
    case TypeKind::calendar:
      for (size_t i = 0; i < p.calendars.size(); ++i)
        values.push_back(Value::handle(ValueKind::calendar, static_cast<uint32_t>(i)));
      break;
    case TypeKind::int_:
      // Only a bounded integer has ends to try: its lowest values and its highest.
      if (var.range_lo && var.range_hi) {
        for (int64_t x : {*var.range_lo, *var.range_lo + 1, *var.range_hi})
          if (x <= *var.range_hi &&
              (values.empty() || values.back().u.i != x))  // a range of one or two values
            values.push_back(Value::integer(x));
      }
      break;
    default:
      break;  // strings, dates, times: no domain the checker knows
  }
  bool given = f < c.facts.size() && !c.facts[f].is_unknown() && !c.facts[f].is_null();
  if (given) values.push_back(Value::unknown());
  // The value it has now (given, or its default) is no change.
  Value now = ev.value(f);
  std::vector<Value> out;
  for (const Value& v : values) {
    if (!v.is_unknown() && ev.equal(v, now) == Tri::yes) continue;
    out.push_back(v);
  }
  return out;
}

class Search {
 public:
  Search(Evaluator& ev, const Case& c, uint32_t var, const std::optional<Target>& target,
         const FlipLimits& limits)
      : ev_(ev),
        p_(ev.program()),
        base_(c),
        scratch_(c),
        var_(var),
        target_(target),
        limits_(limits) {
    if (scratch_.facts.size() < p_.vars.size()) scratch_.facts.resize(p_.vars.size());
    const Var& v = p_.vars[var];
    before_ = value_text(ev_.program(), shown_value(ev_, var), v.type);
    for (uint32_t f : facts_behind(p_, var)) {
      std::vector<Value> d = domain(ev_, base_, f);
      if (d.empty()) continue;
      facts_.push_back(f);
      domains_.push_back(std::move(d));
      from_.push_back(ev_.value(f));  // as the case gives it, or as the evaluator defaulted it
    }
  }

  FlipOutcome run() {
    FlipOutcome out;
    out.candidates = facts_.size();
    for (size_t k = 1; k <= limits_.max_changes && k <= facts_.size(); ++k) {
      chosen_.clear();
      combinations(0, k, out);
      if (!out.solutions.empty() || out.budget_hit) break;
    }
    ev_.evaluate(base_, true);
    return out;
  }

 private:
  // Chooses `k` more facts from facts_[from…], then tries every combination of their values.
  void combinations(size_t from, size_t k, FlipOutcome& out) {
    if (out.budget_hit) return;
    if (k == 0) {
      values(0, out);
      return;
    }
    for (size_t i = from; i + k <= facts_.size(); ++i) {
      chosen_.push_back(i);
      combinations(i + 1, k - 1, out);
      chosen_.pop_back();
      if (out.budget_hit) return;
    }
  }

  void values(size_t at, FlipOutcome& out) {
    if (out.budget_hit) return;
    if (at == chosen_.size()) {
      try_current(out);
      return;
    }
    size_t i = chosen_[at];
    uint32_t f = facts_[i];
    Value saved = scratch_.facts[f];
    for (const Value& v : domains_[i]) {
      scratch_.facts[f] = v;
      values(at + 1, out);
      if (out.budget_hit) break;
    }
    scratch_.facts[f] = saved;
  }

  void try_current(FlipOutcome& out) {
    if (out.evaluations >= limits_.max_evaluations) {
      out.budget_hit = true;
      return;
    }
    ++out.evaluations;
    ev_.evaluate(scratch_, false);
    const Var& v = p_.vars[var_];
    bool hit = false;
    if (target_) {
      hit = target_holds(ev_, var_, *target_) == Tri::yes;
    } else {
      // Known: the value itself, not an `unknown as` rendering of it.
      hit = !ev_.incomplete(ev_.value(var_), v.type) &&
            value_text(ev_.program(), shown_value(ev_, var_), v.type) != before_;
    }
    if (!hit) return;
    if (out.solutions.size() >= limits_.max_solutions) {
      ++out.more;
      return;
    }
    FlipSolution s;
    for (size_t i : chosen_) {
      s.changes.push_back({facts_[i], from_[i], scratch_.facts[facts_[i]]});
    }
    s.result = cell_text(ev_.program(), shown_value(ev_, var_), v.type);
    out.solutions.push_back(std::move(s));
  }

  Evaluator& ev_;
  const Program& p_;
  const Case& base_;
  Case scratch_;
  uint32_t var_;
  const std::optional<Target>& target_;
  FlipLimits limits_;
  std::string before_;
  std::vector<uint32_t> facts_;
  std::vector<std::vector<Value>> domains_;
  std::vector<Value> from_;
  std::vector<size_t> chosen_;
};

}  // namespace

FlipOutcome flip(Evaluator& ev, const Case& c, uint32_t var, const std::optional<Target>& target,
                 const FlipLimits& limits) {
  return Search(ev, c, var, target, limits).run();
}

}  // namespace sop::repl
