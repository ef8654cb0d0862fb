// The exploring commands of a Session: the side-by-side table, explanations, flips, what-ifs,
// expressions, overrides and reloading.
#include <algorithm>

#include <fmt/format.h>

#include "interpreter/codec/determination.hpp"
#include "interpreter/value_text.hpp"
#include "lang/checker.hpp"
#include "repl/render.hpp"
#include "repl/session.hpp"
#include "repl/session_impl.hpp"

namespace sop::repl {

namespace {

const char* k_missing_row = "missing facts";

// What changed in a list of missing facts ("a, b" or "-"): the long lists themselves say little.
std::string missing_change(const std::string& then, const std::string& now) {
  auto items = [](const std::string& s) {
    std::vector<std::string> out;
    if (s == "-") return out;
    for (size_t at = 0; at <= s.size();) {
      size_t comma = s.find(", ", at);
      out.push_back(s.substr(at, comma == std::string::npos ? std::string::npos : comma - at));
      if (comma == std::string::npos) break;
      at = comma + 2;
    }
    return out;
  };
  std::vector<std::string> a = items(then), b = items(now);
  auto minus = [](const std::vector<std::string>& x, const std::vector<std::string>& y) {
    std::string out;
    for (const std::string& s : x)
      if (std::find(y.begin(), y.end(), s) == y.end()) out += (out.empty() ? "" : ", ") + s;
    return out;
  };
  std::string added = minus(b, a), gone = minus(a, b);
  std::string out = added.empty() ? "" : (a.empty() ? "now " : "now also ") + added;
  if (!gone.empty()) out += (out.empty() ? "" : "; ") + std::string("no longer ") + gone;
  return out;
}

std::string first_line(const std::string& s) {
  return s.substr(0, s.find('\n'));
}

}  // namespace

// ---------------------------------------------------------------- plans and outputs

bool Session::select_plans(const std::string& word, std::vector<Plan*>& out, std::string& error) {
  out.clear();
  if (word == "*" || word == "all") {
    for (auto& p : plans_) out.push_back(p.get());
    return true;
  }
  for (auto& p : plans_) {
    if (p->name == word) {
      out.push_back(p.get());
      return true;
    }
  }
  for (auto& p : plans_)
    if (p->name.rfind(word, 0) == 0) out.push_back(p.get());
  if (out.size() == 1) return true;
  std::vector<std::string> ids = plan_ids();
  std::string list;
  for (const std::string& id : ids) list += (list.empty() ? "" : ", ") + id;
  error = out.empty() ? fmt::format("error: unknown plan `{}`{}; plans: {}, or * for all", word,
                                    did_you_mean(word, ids), list)
                      : fmt::format("error: `{}` could be several plans: {}", word, list);
  out.clear();
  return false;
}

bool Session::find_output(const Plan& plan, const std::string& name, uint32_t& var,
                          std::string& error) const {
  const Program& p = *plan.program;
  int32_t v = p.find_var(name);
  if (v != k_none && p.vars[v].kind == VarKind::fact) {
    error = fmt::format("error: `{}` is a fact, not an output (:show {} shows it)", name, name);
    return false;
  }
  if (v == k_none) {
    std::vector<std::string> names;
    for (const Var& x : p.vars)
      if (x.kind != VarKind::fact) names.push_back(x.name);
    error = fmt::format("error: plan `{}` has no output or def `{}`{}", plan.name, name,
                        did_you_mean(name, names));
    return false;
  }
  var = static_cast<uint32_t>(v);
  return true;
}

std::vector<std::string> Session::row_names() const {
  std::vector<std::string> rows;
  for (const auto& plan : plans_) {
    const Program& p = *plan->program;
    for (uint32_t o : p.outputs)
      if (is_reported(p, o) && std::find(rows.begin(), rows.end(), p.vars[o].name) == rows.end())
        rows.push_back(p.vars[o].name);
  }
  rows.push_back(k_missing_row);
  return rows;
}

Session::Snapshot Session::snapshot() {
  std::vector<std::string> rows = row_names();
  Snapshot s;
  for (auto& plan : plans_) {
    const Program& p = *plan->program;
    Evaluator& ev = *plan->evaluator;
    std::vector<std::pair<std::string, std::string>> cells;
    for (const std::string& row : rows) {
      std::string text;
      if (row == k_missing_row) {
        for (uint32_t f : ev.missing_facts()) text += (text.empty() ? "" : ", ") + p.vars[f].name;
        if (text.empty()) text = "-";
      } else {
        int32_t v = p.find_var(row);
        text = v == k_none
                   ? "(none)"
                   : cell_text(p, shown_value(ev, static_cast<uint32_t>(v)), p.vars[v].type);
      }
      cells.emplace_back(row, text);
    }
    s.push_back(std::move(cells));
  }
  return s;
}

std::string Session::diff(const Snapshot& before, const Snapshot& after, bool every_plan) const {
  size_t w = 0;
  for (const auto& plan : plans_) w = std::max(w, plan->name.size());
  std::string out;
  bool any = false;
  for (size_t i = 0; i < plans_.size() && i < after.size(); ++i) {
    std::vector<std::string> lines;
    for (const auto& [row, now] : after[i]) {
      std::string then = "(none)";
      if (i < before.size())
        for (const auto& [r, t] : before[i])
          if (r == row) then = t;
      if (then == now) continue;
      if (row == k_missing_row && then != "(none)") {
        lines.push_back(fmt::format("{}: {}", row, missing_change(then, now)));
      } else {
        lines.push_back(fmt::format("{}: {} → {}", row, then, now));
      }
    }
    if (lines.empty() && every_plan) lines.push_back("no change");
    for (size_t k = 0; k < lines.size(); ++k)
      out += fmt::format("  {}  {}\n", pad(k == 0 ? plans_[i]->name : "", w), lines[k]);
    any = any || !lines.empty();
  }
  if (!any) out += "  no output changed\n";
  return out;
}

std::string Session::table(const Snapshot& s, const std::vector<std::string>& ids) const {
  if (s.empty()) return "";
  const size_t cell_w = 26;  // a date-time with its offset fits
  size_t label_w = 0;
  for (const auto& [row, _] : s[0]) label_w = std::max(label_w, row.size());
  std::string out = "  " + std::string(label_w, ' ');
  for (const std::string& id : ids) out += " " + pad(id.substr(0, cell_w), cell_w);
  out = out.substr(0, out.find_last_not_of(' ') + 1) + "\n";
  bool marked = false;
  for (size_t r = 0; r < s[0].size(); ++r) {
    bool differ = false;
    for (size_t i = 1; i < s.size(); ++i) differ = differ || s[i][r].second != s[0][r].second;
    marked = marked || differ;
    std::vector<std::vector<std::string>> wrapped;
    size_t height = 1;
    for (const auto& plan : s) {
      wrapped.push_back(wrap_text(plan[r].second, cell_w));
      height = std::max(height, wrapped.back().size());
    }
    for (size_t line = 0; line < height; ++line) {
      std::string text = pad(line == 0 ? s[0][r].first : "", label_w);
      for (const auto& w : wrapped) text += " " + pad(line < w.size() ? w[line] : "", cell_w);
      text = text.substr(0, text.find_last_not_of(' ') + 1);
      // On a terminal the row is coloured; in plain text a `*` marks it.
      if (differ && style_.color) {
        out += "  " + style_.differ(text) + "\n";
      } else {
        out += (line == 0 && differ ? "* " : "  ") + text + "\n";
      }
    }
  }
  if (marked && !style_.color) out += "* marks an output on which the plans differ\n";
  return out;
}

// ---------------------------------------------------------------- :eval, :why, :whynot, :flip

Result Session::eval(const std::string& rest) {
  // Every plan, or the plans named (each as `:why` takes a PLAN).
  std::vector<std::string> words = split_words(rest);
  std::vector<Plan*> chosen;
  if (words.empty()) {
    for (auto& p : plans_) chosen.push_back(p.get());
  }
  for (const std::string& w : words) {
    std::vector<Plan*> some;
    std::string error;
    if (!select_plans(w, some, error)) return failure(error);
    for (Plan* p : some)
      if (std::find(chosen.begin(), chosen.end(), p) == chosen.end()) chosen.push_back(p);
  }
  Snapshot all = snapshot(), s;
  std::vector<std::string> ids;
  for (size_t i = 0; i < plans_.size(); ++i) {
    if (std::find(chosen.begin(), chosen.end(), plans_[i].get()) == chosen.end()) continue;
    s.push_back(all[i]);
    ids.push_back(plans_[i]->name);
  }
  std::string out = table(s, ids) + faults();
  for (Plan* plan : chosen)
    for (const Plan::Override& o : plan->overrides)
      out += fmt::format("(override in {}: {} = {})\n", plan->name, plan->program->vars[o.var].name,
                         o.text);
  return {out};
}

Result Session::why(const std::string& rest) {
  std::vector<std::string> words = split_words(rest);
  if (words.size() == 1 && plans_.size() == 1) words.insert(words.begin(), plans_[0]->name);
  if (words.size() != 2) return failure("error: usage: :why PLAN OUTPUT");
  std::vector<Plan*> selected;
  std::string error;
  if (!select_plans(words[0], selected, error)) return failure(error);
  std::string out;
  for (Plan* plan : selected) {
    uint32_t var = 0;
    if (!find_output(*plan, words[1], var, error)) return failure(error);
    out += (out.empty() ? "" : "\n") + explain_why(*plan->evaluator, plan->c, var, plan->name);
  }
  return {out};
}

Result Session::whynot(const std::string& rest) {
  std::vector<std::string> words = split_words(rest, 3);
  if (words.size() != 3) return failure("error: usage: :whynot PLAN OUTPUT VALUE");
  std::vector<Plan*> selected;
  std::string error;
  if (!select_plans(words[0], selected, error)) return failure(error);
  std::string out;
  for (Plan* plan : selected) {
    uint32_t var = 0;
    if (!find_output(*plan, words[1], var, error)) return failure(error);
    std::string key = fmt::format("{}\n{}", var, words[2]);
    auto it = plan->targets.find(key);
    if (it == plan->targets.end()) {
      Target t;
      if (!compile_target(*plan->program, var, words[2], t, error)) return failure(error);
      it = plan->targets.emplace(key, t).first;
    }
    out += (out.empty() ? "" : "\n") +
           explain_why_not(*plan->evaluator, plan->c, var, it->second, plan->name);
  }
  return {out};
}

Result Session::flip(const std::string& rest) {
  std::vector<std::string> words = split_words(rest, 3);
  if (words.size() < 2) return failure("error: usage: :flip PLAN OUTPUT [VALUE]");
  std::vector<Plan*> selected;
  std::string error;
  if (!select_plans(words[0], selected, error)) return failure(error);
  std::string out;
  for (Plan* plan : selected) {
    const Program& p = *plan->program;
    uint32_t var = 0;
    if (!find_output(*plan, words[1], var, error)) return failure(error);
    std::optional<Target> target;
    if (words.size() == 3) {
      std::string key = fmt::format("{}\n{}", var, words[2]);
      auto it = plan->targets.find(key);
      if (it == plan->targets.end()) {
        Target t;
        if (!compile_target(*plan->program, var, words[2], t, error)) return failure(error);
        it = plan->targets.emplace(key, t).first;
      }
      target = it->second;
    }
    Evaluator& ev = *plan->evaluator;
    std::string now = cell_text(p, shown_value(ev, var), p.vars[var].type);
    std::string name = fmt::format("{} {}", plan->name, p.vars[var].name);
    if (target && target_holds(ev, var, *target) == Tri::yes) {
      out += fmt::format("{} is {} already\n", name, target->text);
      continue;
    }
    FlipOutcome f = repl::flip(ev, plan->c, var, target, options_.flip);
    std::string goal =
        target ? (target->kind == Target::Kind::equals ? "make it " : "add ") + target->text
               : std::string("change it");
    if (f.solutions.empty()) {
      out += fmt::format(
          "{} = {}: no change of up to {} facts (of the {} it depends on) would {}{}\n", name, now,
          options_.flip.max_changes, f.candidates, goal,
          f.budget_hit ? fmt::format(" (search stopped after {} evaluations)", f.evaluations) : "");
      continue;
    }
    size_t size = f.solutions[0].changes.size();
    size_t ways = f.solutions.size() + f.more;
    out += fmt::format("{} = {}: changing {} fact{} would {} ({} way{}):\n", name, now, size,
                       size == 1 ? "" : "s", goal, ways, ways == 1 ? "" : "s");
    std::vector<std::string> lines;
    size_t w = 0, rw = 0;
    for (const FlipSolution& s : f.solutions) rw = std::max(rw, display_width(s.result));
    for (const FlipSolution& s : f.solutions) {
      std::string line = ":whatif";
      for (const FlipChange& c : s.changes)
        line += fmt::format(" {}={}", p.vars[c.fact].name, fact_value_text(ev, c.fact, c.to));
      w = std::max(w, display_width(line));
      lines.push_back(line);
    }
    for (size_t i = 0; i < lines.size(); ++i) {
      std::string was;
      for (const FlipChange& c : f.solutions[i].changes)
        was += (was.empty() ? "" : ", ") + fact_value_text(ev, c.fact, c.from);
      out += fmt::format("  {}  → {}  (was {})\n", pad(lines[i], w), pad(f.solutions[i].result, rw),
                         was);
    }
    if (f.more) out += fmt::format("  … and {} more\n", f.more);
  }
  return {out};
}

// ---------------------------------------------------------------- :whatif

Result Session::whatif(const std::string& rest) {
  std::vector<std::string> words = split_words(rest);
  if (words.empty()) return failure("error: usage: :whatif FACT=VALUE…");
  std::map<std::string, nlohmann::json> facts = facts_;
  std::string what;
  for (const std::string& w : words) {
    size_t eq = w.find('=');
    if (eq == std::string::npos || eq == 0)
      return failure(fmt::format("error: `{}` is not FACT=VALUE", w));
    std::string name = w.substr(0, eq);
    std::string key = fact_key(name);
    if (key.empty()) {
      std::map<std::string, nlohmann::json> probe = {{name, nullptr}};
      std::vector<Case> ignored;
      std::string error;
      decode(probe, ignored, error);
      return failure(error);
    }
    nlohmann::json j;
    std::string error;
    if (!parse_value(key, w.substr(eq + 1), j, error)) return failure(error);
    if (j.is_null()) {
      facts.erase(key);
    } else {
      facts[key] = j;
    }
    uint32_t var = 0;
    const Plan* plan = declaring(key, var);
    what += (what.empty() ? "" : ", ") + name + " = " +
            (j.is_null() ? std::string(k_unknown_text) : fact_text(*plan->program, var, j));
  }
  std::vector<Case> cases;
  std::string error;
  if (!decode(facts, cases, error)) return failure(error);
  Snapshot before = snapshot();
  for (size_t i = 0; i < plans_.size(); ++i) plans_[i]->evaluator->evaluate(cases[i], false);
  Snapshot after = snapshot();
  std::string notes = faults();
  evaluate_all();  // back to the case as it is
  return {fmt::format("what if {}:\n", what) + diff(before, after, true) + notes};
}

// ---------------------------------------------------------------- expressions

Result Session::expression(const std::string& rest) {
  if (rest.empty()) return failure("error: usage: ? EXPR");
  std::vector<std::string> values, errors;
  for (auto& plan : plans_) {
    auto it = plan->expressions.find(rest);
    if (it == plan->expressions.end()) {
      Diagnostics d;
      int32_t n = compile_expression(*plan->program, rest, d);
      it = plan->expressions.emplace(rest, n).first;
      if (n == k_none) plan->errors[rest] = format_diagnostics(d, plan->program->sources);
    }
    if (it->second == k_none) {
      values.emplace_back();
      errors.push_back(plan->errors[rest]);
      continue;
    }
    Evaluator& ev = *plan->evaluator;
    NodeIndex n = static_cast<NodeIndex>(it->second);
    values.push_back(value_text(*plan->program, ev.eval(n), plan->program->nodes[n].type));
    errors.emplace_back();
  }
  bool all_failed = std::all_of(errors.begin(), errors.end(), [](auto& e) { return !e.empty(); });
  bool same_error = all_failed && std::all_of(errors.begin(), errors.end(),
                                              [&](auto& e) { return e == errors[0]; });
  if (same_error) return failure(errors[0]);
  if (plans_.size() == 1) return {values[0] + "\n"};
  size_t w = 0;
  for (const auto& plan : plans_) w = std::max(w, plan->name.size());
  std::string out;
  bool ok = true;
  for (size_t i = 0; i < plans_.size(); ++i) {
    if (!errors[i].empty()) ok = false;
    out += fmt::format("  {}  {}\n", pad(plans_[i]->name, w),
                       errors[i].empty() ? values[i] : first_line(errors[i]));
  }
  return {out, ok, false};
}

// ---------------------------------------------------------------- overrides

namespace {

// Compiles an override of `var`: its type, and only facts and values computed before it (the
// evaluator computes an override in the var's place, so anything later would be stale).
bool compile_override(Program& p, uint32_t var, const std::string& text, int32_t& node,
                      std::string& error) {
  Diagnostics d;
  node = compile_expression(p, text, d, p.vars[var].type);
  if (node == k_none) {
    error = format_diagnostics(d, p.sources);
    return false;
  }
  if (!p.types.assignable(p.nodes[node].type, p.vars[var].type)) {
    error = fmt::format("error: `{}` is a `{}`, but `{}` is a `{}`", text,
                        p.type_name(p.nodes[node].type), p.vars[var].name,
                        p.type_name(p.vars[var].type));
    return false;
  }
  auto position = [&](uint32_t v) {
    auto it = std::find(p.eval_order.begin(), p.eval_order.end(), v);
    return static_cast<size_t>(it - p.eval_order.begin());
  };
  for (uint32_t r : reads_of(p, static_cast<NodeIndex>(node))) {
    if (p.vars[r].kind == VarKind::fact || position(r) < position(var)) continue;
    error = fmt::format(
        "error: an override of `{}` may read facts and what is computed before it, not `{}`",
        p.vars[var].name, p.vars[r].name);
    return false;
  }
  return true;
}

}  // namespace

Result Session::override_output(const std::string& rest) {
  if (rest.empty()) {
    std::string out;
    for (const auto& plan : plans_)
      for (const Plan::Override& o : plan->overrides)
        out += fmt::format("{} {} = {}\n", plan->name, plan->program->vars[o.var].name, o.text);
    return {out.empty() ? "no overrides\n" : out};
  }
  std::vector<std::string> words = split_words(rest, 3);
  if (words.size() == 3 && words[2].size() > 1 && words[2][0] == '=' && words[2][1] != '=') {
    words[2] = trim(words[2].substr(1));
  } else if (words.size() >= 2 && words[1].find('=') != std::string::npos) {
    // OUTPUT=EXPR written without blanks.
    std::string all = words.size() == 3 ? words[1] + " " + words[2] : words[1];
    size_t eq = all.find('=');
    words = {words[0], trim(all.substr(0, eq)), trim(all.substr(eq + 1))};
  } else {
    return failure("error: usage: :override PLAN OUTPUT = EXPR");
  }
  if (words[2].empty()) return failure("error: usage: :override PLAN OUTPUT = EXPR");
  std::vector<Plan*> selected;
  std::string error;
  if (!select_plans(words[0], selected, error)) return failure(error);
  // Check every plan first, so that an error leaves no plan half overridden.
  std::vector<std::pair<uint32_t, int32_t>> compiled;
  for (Plan* plan : selected) {
    uint32_t var = 0;
    int32_t node = k_none;
    if (!find_output(*plan, words[1], var, error)) return failure(error);
    if (!compile_override(*plan->program, var, words[2], node, error)) return failure(error);
    compiled.emplace_back(var, node);
  }
  Snapshot before = snapshot();
  std::string what;
  for (size_t i = 0; i < selected.size(); ++i) {
    Plan* plan = selected[i];
    auto [var, node] = compiled[i];
    plan->evaluator->pin(var, node);
    auto& list = plan->overrides;
    // An init-capture: clang 14 (the fuzzing build) cannot capture a structured binding.
    list.erase(std::remove_if(list.begin(), list.end(), [v = var](auto& o) { return o.var == v; }),
               list.end());
    list.push_back({var, words[2]});
    what += fmt::format("override {} {} = {}\n", plan->name, words[1], words[2]);
  }
  evaluate_all();
  return {what + diff(before, snapshot(), false)};
}

Result Session::clear_overrides(const std::string& rest) {
  std::vector<std::string> words = split_words(rest);
  std::vector<Plan*> selected;
  std::string error;
  if (words.size() > 2) return failure("error: usage: :clear-overrides [PLAN [OUTPUT]]");
  if (!select_plans(words.empty() ? "*" : words[0], selected, error)) return failure(error);
  Snapshot before = snapshot();
  size_t n = 0;
  for (Plan* plan : selected) {
    auto& list = plan->overrides;
    for (auto it = list.begin(); it != list.end();) {
      if (words.size() == 2 && plan->program->vars[it->var].name != words[1]) {
        ++it;
        continue;
      }
      plan->evaluator->pin(it->var, k_none);
      it = list.erase(it);
      ++n;
    }
  }
  evaluate_all();
  return {fmt::format("cleared {} override{}\n", n, n == 1 ? "" : "s") +
          (n ? diff(before, snapshot(), false) : "")};
}

// ---------------------------------------------------------------- :reload

Result Session::reload(const std::string&) {
  Snapshot before = snapshot();
  std::string errors, notes;
  size_t reloaded = 0;
  for (auto& old : plans_) {
    std::string diags;
    std::optional<LoadedPlan> loaded = load_plan(old->path, "the REPL", diags, options_.load);
    if (!loaded) {
      errors += diags;
      errors += fmt::format("{}: kept as it was loaded before\n", old->name);
      continue;
    }
    auto plan = std::make_unique<Plan>(std::move(*loaded), old->name);
    // The session's overrides, recompiled against the new program.
    for (const Plan::Override& o : old->overrides) {
      const std::string& name = old->program->vars[o.var].name;
      uint32_t var = 0;
      int32_t node = k_none;
      std::string error;
      if (!find_output(*plan, name, var, error) ||
          !compile_override(*plan->program, var, o.text, node, error)) {
        notes +=
            fmt::format("{}: override of {} dropped: {}\n", plan->name, name, first_line(error));
        continue;
      }
      plan->evaluator->pin(var, node);
      plan->overrides.push_back({var, o.text});
    }
    old = std::move(plan);
    ++reloaded;
  }
  // Facts no plan declares any more, or that a plan now refuses, leave the case.
  std::map<std::string, nlohmann::json> facts;
  for (const auto& [key, value] : facts_) {
    uint32_t var = 0;
    if (!declaring(key, var)) {
      notes += fmt::format("{} is declared by no plan any more: dropped from the case\n", key);
      continue;
    }
    std::string refused;
    for (const auto& plan : plans_) {
      auto f = plan->decoder->fields().find(key);
      Case scratch(*plan->program);
      if (f != plan->decoder->fields().end() &&
          !plan->decoder->decode_fact(f->second, value, scratch, refused))
        break;
    }
    if (!refused.empty()) {
      notes += fmt::format("{}; dropped from the case\n", refused);
      continue;
    }
    facts[key] = value;
  }
  std::vector<Case> cases;
  std::string error;
  decode(facts, cases, error);  // cannot fail: every fact was just checked
  adopt(std::move(facts), std::move(cases));
  std::string out = fmt::format("reloaded {} of {} plan{}\n", reloaded, plans_.size(),
                                plans_.size() == 1 ? "" : "s");
  out += notes + diff(before, snapshot(), false);
  if (!errors.empty()) return failure(errors + out);
  return {out};
}

}  // namespace sop::repl
