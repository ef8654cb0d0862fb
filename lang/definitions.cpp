// Assembling definitions: which rules define each output or def, in which order, and how a
// plan's `refine` block adapts a baseline definition from an imported module.
#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "lang/checker_impl.hpp"

namespace sop {

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

const char* combinator_name(ast::Combinator c) {
  switch (c) {
    case ast::Combinator::value:
      return "a value";
    case ast::Combinator::first:
      return "`first`";
    case ast::Combinator::collect:
      return "`collect`";
  }
  return "?";
}

}  // namespace

void Checker::assemble_definitions() {
  std::vector<std::string> order;
  std::map<std::string, std::vector<std::pair<const ast::Definition*, uint32_t>>> by_target;
  for (const auto& [d, module] : definitions_) {
    if (!by_target.count(d->target)) order.push_back(d->target);
    by_target[d->target].emplace_back(d, module);
  }
  const std::string where_plan = plan_decl_ ? plan_decl_->id : "";
  for (const std::string& target : order) {
    const auto& defs = by_target[target];
    const ast::Definition* first_def = defs.front().first;
    auto vit = vars_.find(target);
    if (vit == vars_.end()) {
      diags_.error("E0401", first_def->target_span,
                   fmt::format("`{}` is not a declared output or def", target),
                   fmt::format("declare it: `def {}: TYPE \"what it is\"`", target));
      continue;
    }
    uint32_t vi = vit->second;
    Var& var = p_.vars[vi];
    if (var.kind == ast::VarKind::fact) {
      diags_.error("E0402", first_def->target_span,
                   fmt::format("`{}` is a fact: facts come from the case, not from rules", target));
      continue;
    }
    if (var.derive_node != k_none) {
      diags_.error(
          "E0403", first_def->target_span,
          fmt::format("`{}` is derived in its declaration and cannot also have rules", target));
      continue;
    }
    const ast::Definition* base = nullptr;
    uint32_t base_module = 0;
    const ast::Definition* refine = nullptr;
    for (const auto& [d, module] : defs) {
      if (d->refine) {
        if (refine) {
          diags_.error("E0404", d->target_span, fmt::format("`{}` is already refined", target));
          continue;
        }
        if (module != p_.root_module) {
          diags_.error("E0406", d->target_span,
                       "only the file given to sop may refine an imported definition");
          continue;
        }
        refine = d;
      } else {
        if (base) {
          diags_.error("E0404", d->target_span, fmt::format("`{}` is already defined", target),
                       fmt::format("the first definition is at {}:{}",
                                   p_.sources.file(base->target_span.begin.file).path,
                                   base->target_span.begin.line));
          continue;
        }
        base = d;
        base_module = module;
      }
    }
    if (!base) {
      diags_.error("E0405", refine->target_span,
                   fmt::format("`refine {}` needs a definition of `{}` in an imported module",
                               target, target),
                   fmt::format("define it instead: `{} = first {{ … }}`", target));
      continue;
    }
    bool baseline = p_.is_plan && base_module != p_.root_module;
    if (refine && base_module == p_.root_module) {
      diags_.error(
          "E0407", refine->target_span,
          fmt::format("`{}` is defined in this file; change it instead of refining it", target));
      refine = nullptr;
    }
    if (baseline && !refine) {
      diags_.error(
          "E0408", plan_decl_->span,
          fmt::format("plan `{}` does not account for the baseline definition of `{}` ({}:{})",
                      where_plan, target, p_.sources.file(base->target_span.begin.file).path,
                      base->target_span.begin.line),
          fmt::format("add `refine {} {{ … }}` that adopts, overrides or omits each of its rules",
                      target));
    }

    Definition def;
    def.var = vi;
    def.combinator = base->combinator;
    def.refined = refine != nullptr;
    def.span = base->span;
    TypeId value_type = var.type;
    if (def.combinator == ast::Combinator::collect) {
      TypeId t = p_.types.strip_optional(var.type);
      TypeKind k = p_.types.kind(t);
      if (k != TypeKind::list && k != TypeKind::set) {
        diags_.error("E0409", base->target_span,
                     fmt::format("`collect` builds a list or a set, and `{}` is `{}`", target,
                                 type_name(var.type)));
        continue;
      }
      value_type = p_.types.info(t).elem;
    }

    // Drafts in order, from the base definition then the refinement.
    std::vector<Draft> drafts;
    std::vector<const ast::Rule*> pending_exceptions;
    // An `otherwise` rule is addressed by the label `otherwise`.
    auto label_of = [](const ast::Rule& r) -> std::string {
      return r.kind == ast::Rule::Kind::otherwise ? "otherwise" : r.label;
    };
    auto find = [&](const std::string& label) -> Draft* {
      for (Draft& d : drafts)
        if (label_of(*d.base) == label && !d.omitted) return &d;
      return nullptr;
    };
    auto labels = [&] {
      std::string out;
      for (const Draft& d : drafts) out += (out.empty() ? "" : ", ") + label_of(*d.base);
      return out;
    };
    auto add_new = [&](const ast::Rule& r, bool from_baseline) {
      if (r.kind == ast::Rule::Kind::rule && find(r.label)) {
        diags_.error("E0410", r.label_span,
                     fmt::format("rule `{}` is already defined for `{}`", r.label, target));
        return;
      }
      Draft d{&r, nullptr, from_baseline, !from_baseline, false, {}};
      if (r.position == ast::Rule::Position::end) {
        drafts.push_back(d);
        return;
      }
      auto it = std::find_if(drafts.begin(), drafts.end(),
                             [&](const Draft& x) { return x.base->label == r.anchor; });
      if (it == drafts.end()) {
        diags_.error("E0415", r.anchor_span,
                     fmt::format("no rule `{}` to place `{}` {}", r.anchor, r.label,
                                 r.position == ast::Rule::Position::before ? "before" : "after"),
                     fmt::format("the rules are: {}", labels()));
        drafts.push_back(d);
        return;
      }
      if (r.position == ast::Rule::Position::after) ++it;
      drafts.insert(it, d);
    };
    for (const ast::Rule& r : base->rules) {
      switch (r.kind) {
        case ast::Rule::Kind::rule:
        case ast::Rule::Kind::otherwise:
          add_new(r, baseline);
          break;
        case ast::Rule::Kind::exception:
          pending_exceptions.push_back(&r);
          break;
        default:
          diags_.error("E0416", r.span,
                       "`adopt`, `override` and `omit` belong in a `refine` block");
      }
    }
    if (refine) {
      for (const ast::Rule& r : refine->rules) {
        switch (r.kind) {
          case ast::Rule::Kind::rule:
          case ast::Rule::Kind::otherwise:
            add_new(r, false);
            break;
          case ast::Rule::Kind::exception:
            pending_exceptions.push_back(&r);
            break;
          case ast::Rule::Kind::adopt:
          case ast::Rule::Kind::override_:
          case ast::Rule::Kind::omit: {
            Draft* d = find(r.label);
            if (!d || !d->from_baseline) {
              diags_.error(
                  "E0417", r.label_span,
                  fmt::format("the baseline definition of `{}` has no rule `{}`", target, r.label),
                  fmt::format("its rules are: {}", labels()));
              break;
            }
            if (d->accounted) {
              diags_.error(
                  "E0418", r.label_span,
                  fmt::format("rule `{}` is already adopted, overridden or omitted", r.label));
              break;
            }
            d->accounted = true;
            if (r.kind == ast::Rule::Kind::omit) {
              d->omitted = true;
            } else {
              d->refinement = &r;
            }
            break;
          }
        }
      }
    }
    for (const ast::Rule* e : pending_exceptions) {
      Draft* d = find(e->label);
      if (!d) {
        diags_.error("E0419", e->label_span,
                     fmt::format("no rule `{}` in the definition of `{}` to make an exception to",
                                 e->label, target),
                     fmt::format("the rules are: {}", labels()));
        continue;
      }
      d->exceptions.push_back(e);
    }
    for (const Draft& d : drafts) {
      if (d.from_baseline && !d.accounted && refine) {
        diags_.error("E0411", refine->target_span,
                     fmt::format("baseline rule `{}` of `{}` is not adopted, overridden or omitted",
                                 label_of(*d.base), target),
                     fmt::format("write `adopt {} cite \"…\"`, `override {} …` or `omit {} "
                                 "because \"…\"`",
                                 label_of(*d.base), label_of(*d.base), label_of(*d.base)));
      }
    }

    uint32_t def_index = static_cast<uint32_t>(p_.definitions.size());
    for (size_t i = 0; i < drafts.size(); ++i) {
      const Draft& d = drafts[i];
      if (d.omitted) continue;
      if (d.base->kind == ast::Rule::Kind::otherwise && i + 1 < drafts.size()) {
        bool later = std::any_of(drafts.begin() + static_cast<long>(i) + 1, drafts.end(),
                                 [](const Draft& x) { return !x.omitted; });
        if (later) {
          diags_.error("E0413", d.base->span, "rules after `otherwise` never apply",
                       "`otherwise` is the last rule of a `first`");
        }
      }
      if (d.base->kind == ast::Rule::Kind::otherwise && def.combinator != ast::Combinator::first) {
        diags_.error("E0414", d.base->span,
                     fmt::format("`otherwise` belongs in a `first`, not in {}",
                                 combinator_name(def.combinator)));
      }
      Rule rule;
      const ast::Rule* src = d.base;
      const ast::Rule* over = d.refinement;
      rule.kind =
          src->kind == ast::Rule::Kind::otherwise ? Rule::Kind::otherwise : Rule::Kind::rule;
      rule.label = src->kind == ast::Rule::Kind::otherwise ? "otherwise" : src->label;
      rule.title = over && !over->title.empty() ? over->title : src->title;
      const std::optional<ast::Citation>& cite = over ? over->citation : src->citation;
      if (cite) {
        rule.cite = cite->cite;
        rule.quote = cite->quote;
      }
      if (over && src->citation) rule.baseline_cite = src->citation->cite;
      rule.definition = def_index;
      rule.span = over ? over->span : src->span;
      if (rule.cite.empty()) {
        diags_.error("E0420", rule.span, fmt::format("rule `{}` has no citation", rule.label),
                     "every rule cites the section it encodes: `cite \"POLICY §X.Y\"`");
      }
      const ast::Expr* cond =
          over && over->condition ? over->condition.get() : src->condition.get();
      const ast::Expr* value = over && over->value ? over->value.get() : src->value.get();
      if (cond)
        rule.condition = static_cast<int32_t>(lower_as(*cond, p_.types.bool_(), "a condition"));
      if (value) {
        rule.value = static_cast<int32_t>(lower_as(*value, value_type, "the rule's value"));
      } else {
        diags_.error("E0421", rule.span, fmt::format("rule `{}` has no value", rule.label),
                     "write `=> VALUE`");
      }
      uint32_t ri = static_cast<uint32_t>(p_.rules.size());
      p_.rules.push_back(std::move(rule));
      for (const ast::Rule* e : d.exceptions) {
        Rule ex;
        ex.kind = Rule::Kind::exception;
        ex.label = e->label;
        ex.title = e->title.empty() ? "exception to " + e->label : e->title;
        if (e->citation) {
          ex.cite = e->citation->cite;
          ex.quote = e->citation->quote;
        }
        if (ex.cite.empty()) {
          diags_.error("E0420", e->span,
                       fmt::format("the exception to `{}` has no citation", e->label));
        }
        ex.skip = e->skip;
        ex.definition = def_index;
        ex.span = e->span;
        if (e->condition)
          ex.condition =
              static_cast<int32_t>(lower_as(*e->condition, p_.types.bool_(), "a condition"));
        if (e->value) ex.value = static_cast<int32_t>(lower_as(*e->value, value_type, "the value"));
        uint32_t ei = static_cast<uint32_t>(p_.rules.size());
        p_.rules.push_back(std::move(ex));
        p_.rules[ri].exceptions.push_back(ei);
      }
      def.rules.push_back(ri);
    }
    if (def.combinator == ast::Combinator::first && !p_.types.is_optional(var.type)) {
      bool total = !def.rules.empty() && p_.rules[def.rules.back()].condition == k_none;
      if (total) {
        for (uint32_t e : p_.rules[def.rules.back()].exceptions)
          if (p_.rules[e].skip) total = false;
      }
      if (!total) {
        diags_.error("E0412", base->target_span,
                     fmt::format("`first` for `{}` may find no rule that applies", target),
                     fmt::format("end it with `otherwise \"…\" cite \"…\" => …`, or make `{}` "
                                 "optional",
                                 target));
      }
    }
    var.definition = static_cast<int32_t>(def_index);
    p_.definitions.push_back(std::move(def));
  }
}

}  // namespace sop
