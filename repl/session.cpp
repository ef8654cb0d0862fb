#include "repl/session.hpp"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "interpreter/codec/determination.hpp"
#include "interpreter/plan_versions.hpp"
#include "interpreter/value_text.hpp"
#include "lang/civil_time.hpp"
#include "repl/render.hpp"
#include "repl/session_impl.hpp"

namespace sop::repl {

Result failure(std::string message) {
  if (!message.empty() && message.back() != '\n') message += '\n';
  return {std::move(message), false, false};
}

Session::Session(SessionOptions options) : options_(options) {
  style_.color = options.color;
}

Session::~Session() = default;

const std::vector<Session::Command>& Session::commands() {
  using A = Command::Arg;
  static const std::vector<Command> table = {
      {":help", {":h"}, ":help", "list the commands", ":help", &Session::help},
      {":plans",
       {},
       ":plans",
       "the loaded plans and their session overrides",
       ":plans",
       &Session::plans},
      {":show",
       {},
       ":show [FACT]",
       "the case: each fact, its value or unknown, its description",
       ":show {enum_fact}",
       &Session::show,
       A::fact},
      {":set",
       {},
       ":set FACT VALUE",
       "set a fact (VALUE: true, false, a number, an enumeration value, \"text\", unknown)",
       ":set {enum_fact} {fact_value}",
       &Session::set,
       A::fact_value},
      {":unset",
       {},
       ":unset FACT…",
       "forget facts (they become unknown)",
       ":unset {bool_fact}",
       &Session::unset,
       A::facts},
      {":clear", {}, ":clear", "forget every fact", ":clear", &Session::clear},
      {":load",
       {},
       ":load FILE",
       "replace the case by a sop.case/1 JSON file",
       ":load case.json",
       &Session::load,
       A::file},
      {":save",
       {},
       ":save FILE",
       "write the case as a sop.case/1 JSON file",
       ":save case.json",
       &Session::save,
       A::file},
      {":eval",
       {":e"},
       ":eval [PLAN…]",
       "the plans' determinations side by side; * marks where plans disagree",
       ":eval",
       &Session::eval,
       A::plans},
      {":why",
       {},
       ":why PLAN OUTPUT",
       "the rules that decided an output, the facts they read, their citations; missing facts",
       ":why {plan} {output}",
       &Session::why,
       A::plan_output},
      {":whynot",
       {},
       ":whynot PLAN OUTPUT VALUE",
       "the rules that would give VALUE and the conditions that failed, on which facts",
       ":whynot {plan} {enum_output} {output_value}",
       &Session::whynot,
       A::plan_output},
      {":flip",
       {},
       ":flip PLAN OUTPUT [VALUE]",
       "the fewest fact changes that change the output (or make it VALUE)",
       ":flip {plan} {enum_output}",
       &Session::flip,
       A::plan_output},
      {":whatif",
       {},
       ":whatif FACT=VALUE…",
       "evaluate a variation of the case, keeping it; show what changes, per plan",
       ":whatif {bool_fact}=true",
       &Session::whatif,
       A::facts},
      {"?",
       {},
       "? EXPR",
       "evaluate an expression in every plan (a line without : is one too)",
       "? {enum_output} == {output_value} and {bool_fact}",
       &Session::expression,
       A::expression},
      {":override",
       {},
       ":override [PLAN OUTPUT = EXPR]",
       "replace an output's rules by an expression for this session (alone: list them)",
       ":override {plan} {enum_output} = {output_value}",
       &Session::override_output,
       A::plan_output},
      {":clear-overrides",
       {},
       ":clear-overrides [PLAN [OUTPUT]]",
       "drop session overrides",
       ":clear-overrides",
       &Session::clear_overrides,
       A::plan_output},
      {":reload",
       {":r"},
       ":reload",
       "re-read the policy files from disk, keep the case; show what changed",
       ":reload",
       &Session::reload},
      {":quit", {":q", ":exit"}, ":quit", "leave (so does end of input)", ":quit", &Session::quit},
  };
  return table;
}

const Session::Command* Session::find_command(const std::string& name) const {
  for (const Command& c : commands()) {
    if (c.name == name) return &c;
    for (const std::string& a : c.aliases)
      if (a == name) return &c;
  }
  return nullptr;
}

std::vector<std::string> Session::plan_ids() const {
  std::vector<std::string> out;
  for (const auto& p : plans_) out.push_back(p->name);
  return out;
}

// ---------------------------------------------------------------- loading plans

namespace {

// `ID`, or `ID@LABEL` (`ID@DATE` for a version without a label) where the plan has several
// versions.
std::string column_name(const PlanVersions& plan, const LoadedPlan& v) {
  if (plan.versions.size() < 2) return v.id();
  const Program& p = *v.program;
  if (p.version) return fmt::format("{}@{}", v.id(), *p.version);
  return fmt::format("{}@{}", v.id(), civil::format_date(p.in_force_from.value_or(0)));
}

}  // namespace

// Every version of every plan is a column: a plan's files given together, and its history
// folder, are loaded as `sop eval` loads them (interpreter/plan_versions.hpp), so that a
// revision can be explored side by side with the version before it.
bool Session::load_plans(const std::vector<std::string>& paths, std::string& errors) {
  std::vector<PlanVersions> loaded;
  bool ok = load_plan_versions(paths, "the REPL", loaded, errors, options_.load);
  for (PlanVersions& plan : loaded) {
    for (LoadedPlan& v : plan.versions) {
      std::string name = column_name(plan, v);
      std::vector<std::string> ids = plan_ids();
      if (std::find(ids.begin(), ids.end(), name) != ids.end()) {
        errors +=
            fmt::format("error: a plan `{}` is already loaded; `{}` is left out\n", name, v.path);
        ok = false;
        continue;
      }
      plans_.push_back(std::make_unique<Plan>(std::move(v), name));
    }
  }
  // A plan loaded into a session that already has a case takes that case.
  std::vector<Case> cases;
  std::string error;
  if (decode(facts_, cases, error)) {
    for (size_t i = 0; i < plans_.size(); ++i) plans_[i]->c = std::move(cases[i]);
  }
  evaluate_all();
  return ok;
}

// ---------------------------------------------------------------- dispatch

Result Session::execute(const std::string& line) {
  Result r = dispatch(line);
  if (!r.ok && style_.color) {
    // On a terminal, the word that says something went wrong stands out.
    for (size_t at = r.output.find("error:"); at != std::string::npos;
         at = r.output.find("error:", at + 1)) {
      std::string marked = style_.error("error:");
      r.output.replace(at, 6, marked);
      at += marked.size() - 1;
    }
  }
  return r;
}

Result Session::dispatch(const std::string& line) {
  std::string t = trim(line);
  if (t.empty() || t[0] == '#') return {};
  if (plans_.empty()) return failure("error: no plan is loaded");
  try {
    if (t[0] == '?') return expression(trim(t.substr(1)));
    if (t[0] != ':') {
      Result r = expression(t);
      // A command typed without its colon reads as an expression: say what was meant.
      std::string first = t.substr(0, t.find(' '));
      if (!r.ok && find_command(":" + first))
        r.output += fmt::format("help: commands start with `:`, as in `:{}`\n", first);
      return r;
    }
    size_t blank = t.find_first_of(" \t");
    std::string name = t.substr(0, blank);
    std::string rest = blank == std::string::npos ? "" : trim(t.substr(blank));
    const Command* c = find_command(name);
    if (!c) {
      std::vector<std::string> names;
      for (const Command& k : commands()) names.push_back(k.name);
      return failure(fmt::format("error: unknown command `{}`{}; :help lists the commands", name,
                                 did_you_mean(name, names)));
    }
    return (this->*c->run)(rest);
  } catch (const std::exception& e) {
    // A bug in one command must not end an analyst's session.
    return failure(fmt::format("error: {}", e.what()));
  }
}

// ---------------------------------------------------------------- the case

std::string Session::fact_key(const std::string& name) const {
  for (const auto& plan : plans_) {
    const Program& p = *plan->program;
    for (uint32_t f : p.facts)
      if (p.vars[f].name == name || p.vars[f].json == name) return p.vars[f].json;
  }
  return "";
}

const Session::Plan* Session::declaring(const std::string& key, uint32_t& var) const {
  for (const auto& plan : plans_) {
    auto it = plan->decoder->fields().find(key);
    if (it != plan->decoder->fields().end()) {
      var = it->second;
      return plan.get();
    }
  }
  return nullptr;
}

std::vector<std::string> Session::fact_names() const {
  std::vector<std::string> out;
  for (const auto& plan : plans_) {
    const Program& p = *plan->program;
    for (uint32_t f : p.facts)
      if (std::find(out.begin(), out.end(), p.vars[f].name) == out.end())
        out.push_back(p.vars[f].name);
  }
  return out;
}

bool Session::parse_value(const std::string& key, const std::string& text, nlohmann::json& j,
                          std::string& error) const {
  std::string t = trim(text);
  uint32_t var = 0;
  const Plan* plan = declaring(key, var);
  if (!plan) {
    error = fmt::format("error: unknown fact `{}`", key);
    return false;
  }
  if (t.empty()) {
    error = fmt::format("error: `{}` needs a value (or `unknown`)", key);
    return false;
  }
  const Program& p = *plan->program;
  TypeId type = p.types.strip_optional(p.vars[var].type);
  TypeKind kind = p.types.kind(type);
  if (t == "unknown" || t == "null") {
    j = nullptr;
  } else if (t[0] == '"' || t[0] == '[' || t[0] == '{') {
    try {
      j = nlohmann::json::parse(t);
    } catch (const nlohmann::json::parse_error&) {
      error = fmt::format("error: `{}` is not a valid JSON value", t);
      return false;
    }
  } else if (kind == TypeKind::bool_ && (t == "true" || t == "false")) {
    j = t == "true";
  } else if (kind == TypeKind::int_ && t.find_first_not_of("-0123456789") == std::string::npos &&
             t != "-") {
    try {
      j = std::stoll(t);
    } catch (const std::exception&) {
      j = t;  // too large: the decoder says what it expected
    }
  } else {
    j = t;  // text, a date, an enumeration value: the decoder checks it
  }
  // An enumeration value may be typed by its name in the language as well as its JSON name.
  auto enum_json = [&](TypeId et, nlohmann::json& x) {
    if (!x.is_string() || p.types.kind(et) != TypeKind::enum_) return;
    for (const EnumDef::Item& item : p.enums[p.types.info(et).ref].values)
      if (item.name == x.get<std::string>()) x = item.json;
  };
  if (kind == TypeKind::enum_) enum_json(type, j);
  if (kind == TypeKind::set && j.is_array())
    for (nlohmann::json& item : j) enum_json(p.types.info(type).elem, item);
  return true;
}

bool Session::decode(const std::map<std::string, nlohmann::json>& facts, std::vector<Case>& cases,
                     std::string& error) const {
  cases.clear();
  for (const auto& [key, value] : facts) {
    uint32_t var = 0;
    if (!declaring(key, var)) {
      // The decoder's own message, with its "did you mean".
      Case scratch;
      nlohmann::json one = nlohmann::json::object();
      one[key] = value;
      plans_[0]->decoder->decode(one, scratch, error);
      error = "error: " + error;
      return false;
    }
  }
  // Reserved: a Case's values point into its own strings, and a vector that grows may copy
  // (std::deque's move may throw), which would leave them pointing into the discarded copy.
  cases.reserve(plans_.size());
  for (const auto& plan : plans_) {
    Case c(*plan->program);
    for (const auto& [key, value] : facts) {
      auto it = plan->decoder->fields().find(key);
      if (it == plan->decoder->fields().end()) continue;  // a fact this plan does not declare
      if (!plan->decoder->decode_fact(it->second, value, c, error)) {
        error = "error: " + error;
        return false;
      }
    }
    cases.push_back(std::move(c));
  }
  return true;
}

void Session::adopt(std::map<std::string, nlohmann::json> facts, std::vector<Case> cases) {
  facts_ = std::move(facts);
  for (size_t i = 0; i < plans_.size(); ++i) plans_[i]->c = std::move(cases[i]);
  evaluate_all();
}

void Session::evaluate_all() {
  for (auto& plan : plans_) plan->evaluator->evaluate(plan->c, true);
}

Result Session::change_case(std::map<std::string, nlohmann::json> facts, const std::string& what) {
  std::vector<Case> cases;
  std::string error;
  if (!decode(facts, cases, error)) return failure(error);
  Snapshot before = snapshot();
  adopt(std::move(facts), std::move(cases));
  return {what + diff(before, snapshot(), false) + faults()};
}

std::string Session::faults() const {
  std::string out;
  for (const auto& plan : plans_)
    if (!plan->evaluator->fault().empty())
      out += fmt::format("{} cannot decide this case: {}\n", plan->name, plan->evaluator->fault());
  return out;
}

nlohmann::ordered_json Session::case_json() const {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  std::set<std::string> done;
  for (const auto& plan : plans_) {
    const Program& p = *plan->program;
    for (uint32_t f : p.facts) {
      const std::string& key = p.vars[f].json;
      auto it = facts_.find(key);
      if (it != facts_.end() && done.insert(key).second) out[key] = it->second;
    }
  }
  return out;
}

// ---------------------------------------------------------------- simple commands

std::string Session::help_examples_fact(bool want_enum) const {
  const Program& p = *plans_[0]->program;
  for (uint32_t f : p.facts) {
    TypeKind k = p.types.kind(p.types.strip_optional(p.vars[f].type));
    if (want_enum ? k == TypeKind::enum_ : k == TypeKind::bool_) return p.vars[f].name;
  }
  return p.facts.empty() ? "FACT" : p.vars[p.facts[0]].name;
}

Result Session::help(const std::string&) {
  // Examples use names from the first plan, so each one can be typed as shown.
  const Program& p = *plans_[0]->program;
  std::map<std::string, std::string> fill;
  fill["{plan}"] = plans_[0]->name;
  fill["{bool_fact}"] = help_examples_fact(false);
  fill["{enum_fact}"] = help_examples_fact(true);
  fill["{fact_value}"] = "VALUE";
  fill["{output}"] = fill["{enum_output}"] = "OUTPUT";
  fill["{output_value}"] = "VALUE";
  int32_t ef = p.find_var(fill["{enum_fact}"]);
  if (ef != k_none) {
    TypeId t = p.types.strip_optional(p.vars[ef].type);
    if (p.types.kind(t) == TypeKind::enum_ && !p.enums[p.types.info(t).ref].values.empty())
      fill["{fact_value}"] = p.enums[p.types.info(t).ref].values[0].json;
  }
  for (uint32_t o : p.outputs) {
    const Var& v = p.vars[o];
    if (v.definition == k_none) continue;
    if (fill["{output}"] == "OUTPUT") fill["{output}"] = v.name;
    TypeId t = p.types.strip_optional(v.type);
    if (p.types.kind(t) == TypeKind::enum_ && fill["{enum_output}"] == "OUTPUT") {
      fill["{enum_output}"] = v.name;
      fill["{output_value}"] = p.enums[p.types.info(t).ref].values[0].name;
    }
  }
  std::string out =
      "Commands (PLAN: a plan id, a unique prefix of one, or * for every plan; Tab completes):\n";
  for (const Command& c : commands()) {
    std::string example = c.example;
    for (const auto& [key, value] : fill) {
      for (size_t at = example.find(key); at != std::string::npos; at = example.find(key))
        example.replace(at, key.size(), value);
    }
    std::string aliases;
    for (const std::string& a : c.aliases) aliases += (aliases.empty() ? " (" : ", ") + a;
    if (!aliases.empty()) aliases += ")";
    out += fmt::format("  {}  {}{}\n  {}  e.g. {}\n", pad(c.usage, 34), c.summary, aliases,
                       std::string(34, ' '), example);
  }
  out += "Lines starting with # are comments.\n";
  return {out};
}

Result Session::plans(const std::string&) {
  std::string out;
  size_t w = 0, pw = 0;
  for (const auto& plan : plans_) {
    w = std::max(w, plan->name.size());
    pw = std::max(pw, display_width(plan->path));
  }
  for (const auto& plan : plans_) {
    const Program& p = *plan->program;
    std::string about;
    for (const HeaderField& h : p.header)
      if (h.value.kind == ValueKind::string)
        about += (about.empty() ? "" : " · ") + std::string(h.value.text());
    if (p.version || p.in_force_from)
      about += fmt::format(
          " · version {}{}", p.version ? "\"" + *p.version + "\"" : "",
          p.in_force_from ? " in force from " + civil::format_date(*p.in_force_from) : "");
    out += fmt::format("{}  {}  {}\n", pad(plan->name, w), pad(plan->path, pw), about);
    for (const Plan::Override& o : plan->overrides)
      out += fmt::format("{}  override {} = {}\n", std::string(w, ' '), p.vars[o.var].name, o.text);
  }
  return {out};
}

Result Session::show(const std::string& rest) {
  std::vector<std::string> names = fact_names();
  if (!rest.empty()) {
    std::string key = fact_key(rest);
    if (key.empty())
      return failure(fmt::format("error: unknown fact `{}`{}", rest, did_you_mean(rest, names)));
    names = {rest};
  }
  struct Row {
    std::string name, value, doc;
  };
  std::vector<Row> rows;
  size_t name_w = 0, value_w = 0;
  for (const std::string& name : names) {
    std::string key = fact_key(name);
    uint32_t var = 0;
    const Plan* plan = declaring(key, var);
    const Program& p = *plan->program;
    Row row{p.vars[var].name, "", p.vars[var].doc};
    auto it = facts_.find(key);
    if (it != facts_.end()) {
      row.value = fact_text(p, var, it->second);
    } else {
      // Absent: unknown, or the declared default (which may differ from plan to plan).
      std::set<std::string> defaults;
      for (const auto& pl : plans_) {
        auto f = pl->decoder->fields().find(key);
        if (f == pl->decoder->fields().end()) continue;
        Value v = pl->evaluator->value(f->second);
        if (!v.is_unknown()) defaults.insert(fact_value_text(*pl->evaluator, f->second, v));
      }
      row.value = defaults.empty()       ? std::string(k_unknown_text)
                  : defaults.size() == 1 ? "(" + *defaults.begin() + " by default)"
                                         : "(a default per plan)";
    }
    name_w = std::max(name_w, display_width(row.name));
    value_w = std::max(value_w, display_width(row.value));
    rows.push_back(std::move(row));
  }
  value_w = std::min<size_t>(value_w, 28);
  std::string out;
  for (const Row& r : rows)
    out += fmt::format("  {}  {}  {}\n", pad(r.name, name_w), pad(r.value, value_w), r.doc);
  if (!rest.empty()) {
    // One fact: also its type and the values it may take.
    uint32_t var = 0;
    const Plan* plan = declaring(fact_key(rest), var);
    const Program& p = *plan->program;
    TypeId t = p.types.strip_optional(p.vars[var].type);
    out += fmt::format("  type {}", p.type_name(p.vars[var].type));
    if (p.types.kind(t) == TypeKind::enum_) {
      std::string values;
      for (const EnumDef::Item& item : p.enums[p.types.info(t).ref].values)
        values += (values.empty() ? "" : ", ") + item.json;
      out += ": " + values;
    }
    if (p.vars[var].range_lo && p.vars[var].range_hi)
      out += fmt::format(" in {}..{}", *p.vars[var].range_lo, *p.vars[var].range_hi);
    out += "\n";
  } else {
    out += fmt::format("{} of {} facts given\n", facts_.size(), names.size());
  }
  return {out};
}

Result Session::set(const std::string& rest) {
  std::vector<std::string> words = split_words(rest, 2);
  // `:set f=v` reads as `:set f v`.
  if (words.size() == 1 && words[0].find('=') != std::string::npos) {
    size_t eq = words[0].find('=');
    words = {words[0].substr(0, eq), words[0].substr(eq + 1)};
  }
  if (words.size() != 2) return failure("error: usage: :set FACT VALUE");
  std::string key = fact_key(words[0]);
  if (key.empty()) {
    std::map<std::string, nlohmann::json> probe = {{words[0], nullptr}};
    std::vector<Case> ignored;
    std::string error;
    decode(probe, ignored, error);
    return failure(error);
  }
  nlohmann::json j;
  std::string error;
  if (!parse_value(key, words[1], j, error)) return failure(error);
  std::map<std::string, nlohmann::json> facts = facts_;
  uint32_t var = 0;
  const Plan* plan = declaring(key, var);
  auto old = facts_.find(key);
  std::string before = old == facts_.end() ? std::string(k_unknown_text)
                                           : fact_text(*plan->program, var, old->second);
  std::string after = j.is_null() ? std::string(k_unknown_text) : fact_text(*plan->program, var, j);
  if (j.is_null()) {
    facts.erase(key);
  } else {
    facts[key] = j;
  }
  return change_case(std::move(facts), fmt::format("{}: {} → {}\n", words[0], before, after));
}

Result Session::unset(const std::string& rest) {
  std::vector<std::string> words = split_words(rest);
  if (words.empty()) return failure("error: usage: :unset FACT…");
  std::map<std::string, nlohmann::json> facts = facts_;
  std::string what;
  for (const std::string& w : words) {
    std::string key = fact_key(w);
    if (key.empty())
      return failure(fmt::format("error: unknown fact `{}`{}", w, did_you_mean(w, fact_names())));
    auto it = facts.find(key);
    if (it == facts.end()) {
      what += fmt::format("{}: already unknown\n", w);
      continue;
    }
    uint32_t var = 0;
    const Plan* plan = declaring(key, var);
    what += fmt::format("{}: {} → unknown\n", w, fact_text(*plan->program, var, it->second));
    facts.erase(it);
  }
  return change_case(std::move(facts), what);
}

Result Session::clear(const std::string&) {
  size_t n = facts_.size();
  return change_case({}, fmt::format("cleared {} fact{}\n", n, n == 1 ? "" : "s"));
}

Result Session::load(const std::string& rest) {
  if (rest.empty()) return failure("error: usage: :load FILE");
  std::ifstream f(rest, std::ios::binary);
  if (!f) return failure(fmt::format("error: cannot open `{}`", rest));
  std::ostringstream ss;
  ss << f.rdbuf();
  std::string text = ss.str();
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    // The decoder's message: where the JSON is malformed, or what it is instead of an object.
    Case scratch;
    std::string error;
    plans_[0]->decoder->decode_text(text, scratch, error);
    return failure(fmt::format("{}: error: {}", rest, error));
  }
  std::map<std::string, nlohmann::json> facts;
  for (const auto& [key, value] : j.items())
    if (!value.is_null()) facts[key] = value;
  std::vector<Case> cases;
  std::string error;
  if (!decode(facts, cases, error)) return failure(fmt::format("{}: {}", rest, error));
  size_t n = facts.size();
  adopt(std::move(facts), std::move(cases));
  return {fmt::format("loaded {}: {} fact{}\n", rest, n, n == 1 ? "" : "s") + faults()};
}

Result Session::save(const std::string& rest) {
  if (rest.empty()) return failure("error: usage: :save FILE");
  std::ofstream f(rest, std::ios::binary);
  if (!f) return failure(fmt::format("error: cannot write `{}`", rest));
  f << case_json().dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  if (!f) return failure(fmt::format("error: cannot write `{}`", rest));
  return {
      fmt::format("saved {} fact{} to {}\n", facts_.size(), facts_.size() == 1 ? "" : "s", rest)};
}

Result Session::quit(const std::string&) {
  return {"", true, true};
}

}  // namespace sop::repl
