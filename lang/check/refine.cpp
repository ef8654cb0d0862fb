// Assembling definitions: which rules define each output or def, in which order, and how a
// plan's `refine` block adapts a baseline definition from an imported module.
//
// For each defined name, in small steps:
//   1. the target: a declared output or def, not a fact, not derived inline (E0401–E0403);
//   2. its sources: one base definition, at most one refinement, from the right files, and a
//      plan accounts for every baseline it inherits (E0404–E0408);
//   3. drafts: the base's rules in order, then the refinement's new rules placed `before` /
//      `after` an anchor, `adopt` / `override` / `omit` applied to baseline rules, exceptions
//      attached to the rule they name (E0410, E0411, E0415–E0419);
//   4. lowering: each draft that is not omitted becomes a Rule, its exceptions after it
//      (E0413, E0414, E0420, E0421);
//   5. totality: a `first` of a non-optional value ends in a rule that always applies (E0412).
#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "lang/check/passes.hpp"

namespace sop::check {

namespace {

// A rule on its way into the program: the rule as written, and the refinement (adopt or
// override) that a plan applied to it.
struct Draft {
  const ast::Rule* base = nullptr;
  const ast::Rule* refinement = nullptr;
  bool from_baseline = false;
  bool accounted = false;
  bool omitted = false;
  std::vector<const ast::Rule*> exceptions;
};

// An `otherwise` rule is addressed by the label `otherwise`.
std::string label_of(const ast::Rule& r) {
  return r.kind == ast::Rule::Kind::otherwise ? "otherwise" : r.label;
}

const char* combinator_name(Combinator c) {
  switch (c) {
    case Combinator::value:
      return "a value";
    case Combinator::first:
      return "`first`";
    case Combinator::collect:
      return "`collect`";
  }
  return "?";
}

// The rules of one definition in order, as the base definition and a refinement place them.
class Drafts {
 public:
  Drafts(const std::string& target, Program& p, Diagnostics& diags)
      : target_(target), p_(p), diags_(diags) {}

  Draft* find(const std::string& label) {
    for (Draft& d : items)
      if (label_of(*d.base) == label && !d.omitted) return &d;
    return nullptr;
  }

  std::string labels() const {
    std::string out;
    for (const Draft& d : items) out += (out.empty() ? "" : ", ") + label_of(*d.base);
    return out;
  }

  // A rule or `otherwise`, at the end or next to its anchor.
  void add(const ast::Rule& r, bool from_baseline) {
    if (r.kind == ast::Rule::Kind::rule && find(r.label)) {
      diags_.error("E0410", r.label_span,
                   fmt::format("rule `{}` is already defined for `{}`", r.label, target_));
      return;
    }
    Draft d{&r, nullptr, from_baseline, !from_baseline, false, {}};
    if (r.position == ast::Rule::Position::end) return items.push_back(d);
    auto it = std::find_if(items.begin(), items.end(),
                           [&](const Draft& x) { return x.base->label == r.anchor; });
    if (it == items.end()) {
      diags_.error("E0415", r.anchor_span,
                   fmt::format("no rule `{}` to place `{}` {}", r.anchor, r.label,
                               r.position == ast::Rule::Position::before ? "before" : "after"),
                   fmt::format("the rules are: {}", labels()));
      return items.push_back(d);
    }
    if (r.position == ast::Rule::Position::after) ++it;
    items.insert(it, d);
  }

  // `adopt`, `override` or `omit` of a baseline rule.
  void account(const ast::Rule& r) {
    Draft* d = find(r.label);
    if (!d || !d->from_baseline) {
      diags_.error(
          "E0417", r.label_span,
          fmt::format("the baseline definition of `{}` has no rule `{}`", target_, r.label),
          fmt::format("its rules are: {}", labels()));
      return;
    }
    note_reference(p_, Reference::Kind::rule, r.label_span, d->base->span, 0);
    if (d->accounted) {
      diags_.error("E0418", r.label_span,
                   fmt::format("rule `{}` is already adopted, overridden or omitted", r.label));
      return;
    }
    d->accounted = true;
    if (r.kind == ast::Rule::Kind::omit) {
      d->omitted = true;
    } else {
      d->refinement = &r;
    }
  }

  void attach(const ast::Rule& exception) {
    Draft* d = find(exception.label);
    if (!d) {
      diags_.error("E0419", exception.label_span,
                   fmt::format("no rule `{}` in the definition of `{}` to make an exception to",
                               exception.label, target_),
                   fmt::format("the rules are: {}", labels()));
      return;
    }
    note_reference(p_, Reference::Kind::rule, exception.label_span, d->base->span, 0);
    d->exceptions.push_back(&exception);
  }

  // Every baseline rule is adopted, overridden or omitted: silence is an error.
  void check_accounted(const ast::Definition& refine) {
    for (const Draft& d : items) {
      if (!d.from_baseline || d.accounted) continue;
      std::string l = label_of(*d.base);
      diags_.error("E0411", refine.target_span,
                   fmt::format("baseline rule `{}` of `{}` is not adopted, overridden or omitted",
                               l, target_),
                   fmt::format("write `adopt {} cite \"…\"`, `override {} …` or `omit {} "
                               "because \"…\"`",
                               l, l, l));
    }
  }

  std::vector<Draft> items;

 private:
  const std::string& target_;
  Program& p_;
  Diagnostics& diags_;
};

// Where a definition's rules come from.
struct Sources {
  const ast::Definition* base = nullptr;
  uint32_t base_module = 0;
  const ast::Definition* refine = nullptr;
  bool baseline = false;  // the base is imported into a plan: the plan must account for it
};

using DefinitionsOf = std::vector<std::pair<const ast::Definition*, uint32_t>>;

class Assembler {
 public:
  Assembler(const Environment& env, Lowering& lowering, Program& p, Diagnostics& diags)
      : env_(env), lowering_(lowering), p_(p), diags_(diags) {}

  void run() {
    std::vector<std::string> order;
    std::map<std::string, DefinitionsOf> by_target;
    for (const auto& [d, module] : env_.definitions) {
      if (!by_target.count(d->target)) order.push_back(d->target);
      by_target[d->target].emplace_back(d, module);
    }
    for (const std::string& target : order) assemble(target, by_target[target]);
  }

 private:
  void assemble(const std::string& target, const DefinitionsOf& defs) {
    int32_t vi = resolve_target(target, *defs.front().first);
    if (vi < 0) return;
    std::optional<Sources> src = sources(target, defs);
    if (!src) return;
    Var& var = p_.vars[vi];
    Definition def;
    def.var = static_cast<uint32_t>(vi);
    def.combinator = src->base->combinator;
    def.span = src->base->span;
    std::optional<TypeId> value_type = rule_value_type(target, var, def.combinator, *src->base);
    if (!value_type) return;
    Drafts drafts = draft(target, *src);
    uint32_t def_index = static_cast<uint32_t>(p_.definitions.size());
    for (size_t i = 0; i < drafts.items.size(); ++i) {
      if (drafts.items[i].omitted) continue;
      check_placement(drafts, i, def.combinator);
      def.rules.push_back(lower_draft(drafts.items[i], def_index, *value_type));
    }
    check_total(target, var, def, *src->base);
    var.definition = static_cast<int32_t>(def_index);
    p_.definitions.push_back(std::move(def));
  }

  // Step 1: the var a definition defines, or -1.
  int32_t resolve_target(const std::string& target, const ast::Definition& first) {
    auto it = env_.vars.find(target);
    if (it == env_.vars.end()) {
      diags_.error("E0401", first.target_span,
                   fmt::format("`{}` is not a declared output or def", target),
                   fmt::format("declare it: `def {}: TYPE \"what it is\"`", target));
      return -1;
    }
    const Var& var = p_.vars[it->second];
    if (var.kind == VarKind::fact) {
      diags_.error("E0402", first.target_span,
                   fmt::format("`{}` is a fact: facts come from the case, not from rules", target));
      return -1;
    }
    if (var.derive_node != k_none) {
      diags_.error(
          "E0403", first.target_span,
          fmt::format("`{}` is derived in its declaration and cannot also have rules", target));
      return -1;
    }
    return static_cast<int32_t>(it->second);
  }

  // Step 2: the base definition and the refinement, if any.
  std::optional<Sources> sources(const std::string& target, const DefinitionsOf& defs) {
    Sources s;
    for (const auto& [d, module] : defs) {
      note_reference(p_, Reference::Kind::var, d->target_span, p_.vars[env_.vars.at(target)].span,
                     env_.vars.at(target));
      if (d->refine) {
        take_refinement(target, *d, module, s);
      } else if (s.base) {
        diags_.error("E0404", d->target_span, fmt::format("`{}` is already defined", target),
                     fmt::format("the first definition is at {}", where(p_, s.base->target_span)));
      } else {
        s.base = d;
        s.base_module = module;
      }
    }
    if (!s.base) {
      diags_.error("E0405", s.refine->target_span,
                   fmt::format("`refine {}` needs a definition of `{}` in an imported module",
                               target, target),
                   fmt::format("define it instead: `{} = first {{ … }}`", target));
      return std::nullopt;
    }
    s.baseline = p_.is_plan && s.base_module != p_.root_module;
    if (s.refine && s.base_module == p_.root_module) {
      diags_.error(
          "E0407", s.refine->target_span,
          fmt::format("`{}` is defined in this file; change it instead of refining it", target));
      s.refine = nullptr;
    }
    if (s.baseline && !s.refine) {
      diags_.error(
          "E0408", env_.plan_decl->span,
          fmt::format("plan `{}` does not account for the baseline definition of `{}` ({})",
                      env_.plan_decl->id, target, where(p_, s.base->target_span)),
          fmt::format("add `refine {} {{ … }}` that adopts, overrides or omits each of its rules",
                      target));
    }
    return s;
  }

  void take_refinement(const std::string& target, const ast::Definition& d, uint32_t module,
                       Sources& s) {
    if (s.refine) {
      diags_.error("E0404", d.target_span, fmt::format("`{}` is already refined", target));
    } else if (module != p_.root_module) {
      diags_.error("E0406", d.target_span,
                   "only the file given to sop may refine an imported definition");
    } else {
      s.refine = &d;
    }
  }

  // The type of each rule's value: the var's, or its element's for `collect` (E0409).
  std::optional<TypeId> rule_value_type(const std::string& target, const Var& var, Combinator c,
                                        const ast::Definition& base) {
    if (c != Combinator::collect) return var.type;
    TypeId t = p_.types.strip_optional(var.type);
    TypeKind k = p_.types.kind(t);
    if (k != TypeKind::list && k != TypeKind::set) {
      diags_.error("E0409", base.target_span,
                   fmt::format("`collect` builds a list or a set, and `{}` is `{}`", target,
                               p_.type_name(var.type)));
      return std::nullopt;
    }
    return p_.types.info(t).elem;
  }

  // Step 3: the base's rules, then the refinement applied to them.
  Drafts draft(const std::string& target, const Sources& s) {
    Drafts drafts(target, p_, diags_);
    std::vector<const ast::Rule*> exceptions;
    for (const ast::Rule& r : s.base->rules) {
      if (r.kind == ast::Rule::Kind::rule || r.kind == ast::Rule::Kind::otherwise) {
        drafts.add(r, s.baseline);
      } else if (r.kind == ast::Rule::Kind::exception) {
        exceptions.push_back(&r);
      } else {
        diags_.error("E0416", r.span, "`adopt`, `override` and `omit` belong in a `refine` block");
      }
    }
    if (s.refine) {
      for (const ast::Rule& r : s.refine->rules) {
        if (r.kind == ast::Rule::Kind::rule || r.kind == ast::Rule::Kind::otherwise) {
          drafts.add(r, false);
        } else if (r.kind == ast::Rule::Kind::exception) {
          exceptions.push_back(&r);
        } else {
          drafts.account(r);
        }
      }
    }
    for (const ast::Rule* e : exceptions) drafts.attach(*e);
    if (s.refine) drafts.check_accounted(*s.refine);
    return drafts;
  }

  // `otherwise` is last, and only in a `first` (E0413, E0414).
  void check_placement(const Drafts& drafts, size_t i, Combinator c) {
    const Draft& d = drafts.items[i];
    if (d.base->kind != ast::Rule::Kind::otherwise) return;
    bool later = std::any_of(drafts.items.begin() + static_cast<long>(i) + 1, drafts.items.end(),
                             [](const Draft& x) { return !x.omitted; });
    if (later) {
      diags_.error("E0413", d.base->span, "rules after `otherwise` never apply",
                   "`otherwise` is the last rule of a `first`");
    }
    if (c != Combinator::first) {
      diags_.error("E0414", d.base->span,
                   fmt::format("`otherwise` belongs in a `first`, not in {}", combinator_name(c)));
    }
  }

  // Step 4: a draft becomes a rule (the refinement's parts replacing the base's), followed by
  // its exceptions. Returns the rule's index.
  uint32_t lower_draft(const Draft& d, uint32_t def_index, TypeId value_type) {
    const ast::Rule* src = d.base;
    const ast::Rule* over = d.refinement;
    Rule rule;
    bool otherwise = src->kind == ast::Rule::Kind::otherwise;
    rule.kind = otherwise ? Rule::Kind::otherwise : Rule::Kind::rule;
    rule.label = label_of(*src);
    rule.title = over && !over->title.empty() ? over->title : src->title;
    const std::optional<ast::Citation>& cite = over ? over->citation : src->citation;
    if (cite) rule.cite = cite->cite, rule.quote = cite->quote;
    if (over && src->citation) rule.baseline_cite = src->citation->cite;
    rule.definition = def_index;
    rule.span = over ? over->span : src->span;
    if (rule.cite.empty()) {
      diags_.error("E0420", rule.span, fmt::format("rule `{}` has no citation", rule.label),
                   "every rule cites the section it encodes: `cite \"POLICY §X.Y\"`");
    }
    const ast::Expr* cond = over && over->condition ? over->condition.get() : src->condition.get();
    const ast::Expr* value = over && over->value ? over->value.get() : src->value.get();
    if (cond) rule.condition = lower_condition(*cond);
    if (value) {
      rule.value = static_cast<int32_t>(lowering_.lower_as(*value, value_type, "the rule's value"));
    } else {
      diags_.error("E0421", rule.span, fmt::format("rule `{}` has no value", rule.label),
                   "write `=> VALUE`");
    }
    uint32_t ri = static_cast<uint32_t>(p_.rules.size());
    p_.rules.push_back(std::move(rule));
    for (const ast::Rule* e : d.exceptions) {
      uint32_t ei = lower_exception(*e, def_index, value_type);
      p_.rules[ri].exceptions.push_back(ei);
    }
    return ri;
  }

  uint32_t lower_exception(const ast::Rule& e, uint32_t def_index, TypeId value_type) {
    Rule ex;
    ex.kind = Rule::Kind::exception;
    ex.label = e.label;
    ex.title = e.title.empty() ? "exception to " + e.label : e.title;
    if (e.citation) ex.cite = e.citation->cite, ex.quote = e.citation->quote;
    if (ex.cite.empty()) {
      diags_.error("E0420", e.span, fmt::format("the exception to `{}` has no citation", e.label));
    }
    ex.skip = e.skip;
    ex.definition = def_index;
    ex.span = e.span;
    if (e.condition) ex.condition = lower_condition(*e.condition);
    if (e.value)
      ex.value = static_cast<int32_t>(lowering_.lower_as(*e.value, value_type, "the value"));
    p_.rules.push_back(std::move(ex));
    return static_cast<uint32_t>(p_.rules.size() - 1);
  }

  int32_t lower_condition(const ast::Expr& e) {
    return static_cast<int32_t>(lowering_.lower_as(e, p_.types.bool_(), "a condition"));
  }

  // Step 5: "no rule applied" is never a silent null.
  void check_total(const std::string& target, const Var& var, const Definition& def,
                   const ast::Definition& base) {
    if (def.combinator != Combinator::first || p_.types.is_optional(var.type)) return;
    bool total = !def.rules.empty() && p_.rules[def.rules.back()].condition == k_none;
    if (total) {
      for (uint32_t e : p_.rules[def.rules.back()].exceptions)
        if (p_.rules[e].skip) total = false;
    }
    if (total) return;
    diags_.error("E0412", base.target_span,
                 fmt::format("`first` for `{}` may find no rule that applies", target),
                 fmt::format("end it with `otherwise \"…\" cite \"…\" => …`, or make `{}` "
                             "optional",
                             target));
  }

  const Environment& env_;
  Lowering& lowering_;
  Program& p_;
  Diagnostics& diags_;
};

}  // namespace

void assemble_definitions(const Environment& env, Lowering& lowering, Program& program,
                          Diagnostics& diags) {
  Assembler(env, lowering, program, diags).run();
}

}  // namespace sop::check
