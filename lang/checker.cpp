#include "lang/checker.hpp"

#include <algorithm>
#include <functional>

#include <fmt/format.h>

#include "lang/checker_impl.hpp"
#include "lang/parser.hpp"

namespace sop {

// ------------------------------------------------------------------ Program helpers

int32_t Program::find_var(std::string_view name) const {
  for (size_t i = 0; i < vars.size(); ++i)
    if (vars[i].name == name) return static_cast<int32_t>(i);
  return k_none;
}

int32_t Program::find_enum(std::string_view name) const {
  for (size_t i = 0; i < enums.size(); ++i)
    if (enums[i].name == name) return static_cast<int32_t>(i);
  return k_none;
}

int32_t Program::find_calendar(std::string_view name) const {
  for (size_t i = 0; i < calendars.size(); ++i)
    if (calendars[i].name == name) return static_cast<int32_t>(i);
  return k_none;
}

uint32_t operand_count(const Node& n) {
  switch (n.op) {
    case Op::constant:
    case Op::fact:
    case Op::var:
    case Op::param:
    case Op::current_cite:
      return 0;
    case Op::not_:
    case Op::neg:
    case Op::field:
    case Op::project:
      return 1;
    case Op::if_:
    case Op::add_cal:
    case Op::sub_cal:
      return 3;
    case Op::make_record:
    case Op::make_list:
    case Op::make_set:
    case Op::call:
    case Op::builtin:
      return n.c;
    default:
      return 2;
  }
}

NodeIndex operand(const Program& p, const Node& n, uint32_t i) {
  switch (n.op) {
    case Op::make_record:
    case Op::make_list:
    case Op::make_set:
    case Op::call:
    case Op::builtin:
      return p.operands[n.b + i];
    default:
      return i == 0 ? n.a : i == 1 ? n.b : n.c;
  }
}

std::string Program::type_name(TypeId t) const {
  const TypeInfo& i = types.info(t);
  switch (i.kind) {
    case TypeKind::error:
      return "<error>";
    case TypeKind::null:
      return "null";
    case TypeKind::bool_:
      return "bool";
    case TypeKind::int_:
      return "int";
    case TypeKind::string:
      return "string";
    case TypeKind::date:
      return "date";
    case TypeKind::datetime:
      return "datetime";
    case TypeKind::duration:
      return "duration";
    case TypeKind::citation:
      return "citation";
    case TypeKind::document:
      return "document";
    case TypeKind::calendar:
      return "calendar";
    case TypeKind::enum_:
      return enums[i.ref].name;
    case TypeKind::record:
      return records[i.ref].name;
    case TypeKind::list:
      return "list of " + type_name(i.elem);
    case TypeKind::set:
      return "set of " + type_name(i.elem);
    case TypeKind::optional: {
      std::string inner = type_name(i.elem);
      return types.kind(i.elem) == TypeKind::union_ ? "(" + inner + ")?" : inner + "?";
    }
    case TypeKind::union_: {
      std::string out;
      for (TypeId m : i.members) out += (out.empty() ? "" : " | ") + type_name(m);
      return out;
    }
  }
  return "?";
}

// ------------------------------------------------------------------ entry point

void check_program(const std::vector<ast::Module>& modules, Program& program, Diagnostics& diags) {
  Checker(modules, program, diags).run();
}

static const std::vector<ast::Module> k_no_modules;

Checker::Checker(Program& program, Diagnostics& diags)
    : modules_(k_no_modules), p_(program), diags_(diags) {
  auto index = [](auto& map, const auto& items) {
    for (size_t i = 0; i < items.size(); ++i) map[items[i].name] = static_cast<uint32_t>(i);
  };
  index(enums_, p_.enums);
  index(records_, p_.records);
  index(vars_, p_.vars);
  index(fns_, p_.functions);
  index(docs_, p_.documents);
  index(cals_, p_.calendars);
  for (size_t e = 0; e < p_.enums.size(); ++e)
    for (size_t v = 0; v < p_.enums[e].values.size(); ++v)
      enum_values_[p_.enums[e].values[v].name].emplace_back(static_cast<uint32_t>(e),
                                                            static_cast<uint32_t>(v));
}

int32_t compile_expression(Program& program, const std::string& text, Diagnostics& diags,
                           TypeId expected, const std::string& name) {
  uint32_t file = program.sources.add(name, text, name);
  ast::NodeId next_id = 1;
  ast::ExprPtr e = parse_expression(program.sources, file, next_id, diags);
  if (!e) return k_none;
  size_t errors = diags.error_count();
  Checker checker(program, diags);
  NodeIndex n = checker.lower(*e, expected);
  if (diags.error_count() > errors) return k_none;
  return static_cast<int32_t>(n);
}

void Checker::run() {
  declare();
  resolve_declarations();
  check_header();
  lower_vars_and_functions();
  assemble_definitions();
  check_completeness();
  order_evaluation();
  // Only a program without cycles has a finite depth to measure.
  if (!diags_.has_errors()) check_evaluation_limits();
  check_tests();
}

// ------------------------------------------------------------------ declarations

static std::string where(const Program& p, Span s) {
  if (s.begin.line == 0) return "elsewhere";
  return fmt::format("{}:{}", p.sources.file(s.begin.file).path, s.begin.line);
}

bool Checker::claim_value_name(const std::string& name, Span span) {
  auto [it, fresh] = value_names_.emplace(name, span);
  if (!fresh) {
    diags_.error("E0210", span, fmt::format("`{}` is already declared", name),
                 fmt::format("the first declaration is at {}", where(p_, it->second)));
  }
  return fresh;
}

void Checker::declare() {
  for (size_t i = 0; i < modules_.size(); ++i)
    declare_module(modules_[i], i + 1 == modules_.size());
}

void Checker::declare_module(const ast::Module& m, bool root) {
  for (const ast::Decl& d : m.decls) {
    std::visit(
        [&](const auto& x) {
          using T = std::decay_t<decltype(x)>;
          if constexpr (std::is_same_v<T, ast::PlanDecl>) {
            if (!root) {
              diags_.error("E0211", x.span,
                           fmt::format("module `{}` has a `plan` header but is imported", m.name),
                           "only the file given to sop may be a plan");
            } else if (plan_decl_) {
              diags_.error("E0210", x.span, "a second `plan` header");
            } else {
              plan_decl_ = &x;
              if (x.id != m.name) {
                diags_.error("E0212", x.span,
                             fmt::format("plan `{}` is in file `{}`", x.id, m.name),
                             fmt::format("a plan's id is its file stem: write `plan {}`", m.name));
              }
            }
          } else if constexpr (std::is_same_v<T, ast::HeaderDecl>) {
            if (header_decl_) {
              diags_.error("E0210", x.span, "a second `header` declaration",
                           fmt::format("the first is at {}", where(p_, header_decl_->span)));
            } else {
              header_decl_ = &x;
            }
          } else if constexpr (std::is_same_v<T, ast::EnumDecl>) {
            if (enums_.count(x.name) || records_.count(x.name)) {
              diags_.error("E0210", x.span, fmt::format("type `{}` is already declared", x.name));
              return;
            }
            enums_[x.name] = static_cast<uint32_t>(enum_decls_.size());
            enum_decls_.push_back(&x);
          } else if constexpr (std::is_same_v<T, ast::RecordDecl>) {
            if (enums_.count(x.name) || records_.count(x.name)) {
              diags_.error("E0210", x.span, fmt::format("type `{}` is already declared", x.name));
              return;
            }
            records_[x.name] = static_cast<uint32_t>(record_decls_.size());
            record_decls_.push_back(&x);
          } else if constexpr (std::is_same_v<T, ast::VarDecl>) {
            if (!claim_value_name(x.name, x.span)) return;
            vars_[x.name] = static_cast<uint32_t>(var_decls_.size());
            var_decls_.push_back(&x);
            Var v;
            v.kind = x.kind;
            v.name = x.name;
            v.doc = x.doc;
            v.json = x.json_name.empty() ? x.name : x.json_name;
            v.range_lo = x.range_lo;
            v.range_hi = x.range_hi;
            v.module = m.file;
            v.span = x.span;
            p_.vars.push_back(std::move(v));
          } else if constexpr (std::is_same_v<T, ast::FnDecl>) {
            if (!claim_value_name(x.name, x.span)) return;
            fns_[x.name] = static_cast<uint32_t>(fn_decls_.size());
            fn_decls_.push_back(&x);
          } else if constexpr (std::is_same_v<T, ast::DocumentDecl>) {
            if (!claim_value_name(x.name, x.span)) return;
            docs_[x.name] = static_cast<uint32_t>(p_.documents.size());
            p_.documents.push_back({x.name, x.ref, x.title, x.span});
          } else if constexpr (std::is_same_v<T, ast::CalendarDecl>) {
            if (!claim_value_name(x.name, x.span)) return;
            cals_[x.name] = static_cast<uint32_t>(p_.calendars.size());
            p_.calendars.push_back(
                {x.name, x.doc, x.citation ? x.citation->cite : "", x.holidays, x.span});
          } else if constexpr (std::is_same_v<T, ast::Definition>) {
            definitions_.emplace_back(&x, m.file);
          } else if constexpr (std::is_same_v<T, ast::TestDecl>) {
            tests_.emplace_back(&x, m.file);
          }
        },
        d);
  }
}

TypeId Checker::resolve_type(const ast::TypeExpr& t) {
  TypeTable& ty = p_.types;
  switch (t.kind) {
    case ast::TypeExpr::Kind::named: {
      static const std::pair<const char*, TypeId> builtins[] = {
          {"bool", 2},     {"int", 3},      {"string", 4},   {"date", 5},     {"datetime", 6},
          {"duration", 7}, {"citation", 8}, {"document", 9}, {"calendar", 10}};
      for (const auto& [name, id] : builtins)
        if (t.name == name) return id;
      if (auto it = enums_.find(t.name); it != enums_.end()) return ty.enum_(it->second);
      if (auto it = records_.find(t.name); it != records_.end()) return ty.record(it->second);
      diags_.error("E0220", t.span, fmt::format("unknown type `{}`", t.name));
      return ty.error();
    }
    case ast::TypeExpr::Kind::list:
      return ty.list(resolve_type(t.args.at(0)));
    case ast::TypeExpr::Kind::set: {
      TypeId e = resolve_type(t.args.at(0));
      if (e != ty.error() && ty.kind(e) != TypeKind::enum_) {
        diags_.error("E0221", t.span,
                     fmt::format("a set holds enumeration values, not `{}`", type_name(e)),
                     "use `list of …` for other values");
        return ty.error();
      }
      return ty.set(e);
    }
    case ast::TypeExpr::Kind::optional:
      return ty.optional(resolve_type(t.args.at(0)));
    case ast::TypeExpr::Kind::union_: {
      std::vector<TypeId> ms;
      for (const ast::TypeExpr& a : t.args) ms.push_back(resolve_type(a));
      return ty.union_(std::move(ms));
    }
  }
  return ty.error();
}

void Checker::resolve_declarations() {
  // Enums first: their values are needed by everything else.
  for (const ast::EnumDecl* e : enum_decls_) {
    EnumDef def{e->name, e->doc, {}, e->span};
    for (const auto& v : e->values) {
      bool dup = std::any_of(def.values.begin(), def.values.end(),
                             [&](const EnumDef::Item& i) { return i.name == v.name; });
      if (dup) {
        diags_.error("E0210", v.span,
                     fmt::format("`{}` is already a value of `{}`", v.name, e->name));
        continue;
      }
      enum_values_[v.name].emplace_back(static_cast<uint32_t>(p_.enums.size()),
                                        static_cast<uint32_t>(def.values.size()));
      def.values.push_back({v.name, v.doc, v.json_name.empty() ? v.name : v.json_name});
    }
    if (def.values.size() > 64) {
      diags_.error("E0222", e->span,
                   fmt::format("enumeration `{}` has {} values; at most 64 are supported", e->name,
                               def.values.size()));
    }
    p_.enums.push_back(std::move(def));
  }
  for (const ast::RecordDecl* r : record_decls_) {
    RecordDef def{r->name, r->doc, {}, r->span};
    p_.records.push_back(def);
  }
  for (size_t i = 0; i < record_decls_.size(); ++i) {
    const ast::RecordDecl* r = record_decls_[i];
    for (const ast::FieldDecl& f : r->fields) {
      bool dup = std::any_of(p_.records[i].fields.begin(), p_.records[i].fields.end(),
                             [&](const RecordDef::Field& x) { return x.name == f.name; });
      if (dup) {
        diags_.error("E0210", f.span,
                     fmt::format("`{}` is already a field of `{}`", f.name, r->name));
        continue;
      }
      p_.records[i].fields.push_back({f.name, resolve_type(f.type), f.doc,
                                      f.json_name.empty() ? f.name : f.json_name, f.span});
    }
  }
  for (size_t i = 0; i < var_decls_.size(); ++i) {
    Var& v = p_.vars[i];
    v.type = resolve_type(var_decls_[i]->type);
    if ((v.range_lo || v.range_hi) && v.type != p_.types.int_()) {
      diags_.error(
          "E0223", var_decls_[i]->span,
          fmt::format("a range applies to an `int`, and `{}` is `{}`", v.name, type_name(v.type)));
    }
    if (v.kind == ast::VarKind::fact) p_.facts.push_back(static_cast<uint32_t>(i));
    if (v.kind == ast::VarKind::output) p_.outputs.push_back(static_cast<uint32_t>(i));
  }
  // JSON names must be unique among facts and among outputs: they are the interchange format.
  for (const std::vector<uint32_t>* group : {&p_.facts, &p_.outputs}) {
    std::unordered_map<std::string, uint32_t> seen;
    for (uint32_t vi : *group) {
      auto [it, fresh] = seen.emplace(p_.vars[vi].json, vi);
      if (!fresh) {
        diags_.error("E0210", p_.vars[vi].span,
                     fmt::format("JSON name `{}` is already used by `{}`", p_.vars[vi].json,
                                 p_.vars[it->second].name));
      }
    }
  }
  p_.slot_count = static_cast<uint32_t>(p_.vars.size());
  for (const ast::FnDecl* f : fn_decls_) {
    Function fn;
    fn.name = f->name;
    fn.doc = f->doc;
    fn.span = f->span;
    fn.result = resolve_type(f->result);
    for (const ast::Param& prm : f->params) {
      if (std::find(fn.param_names.begin(), fn.param_names.end(), prm.name) !=
          fn.param_names.end()) {
        diags_.error("E0210", prm.span,
                     fmt::format("parameter `{}` is already declared", prm.name));
      }
      fn.param_names.push_back(prm.name);
      fn.param_types.push_back(resolve_type(prm.type));
      fn.param_slots.push_back(p_.slot_count++);
    }
    p_.functions.push_back(std::move(fn));
  }
}

// ------------------------------------------------------------------ the plan header

void Checker::check_header() {
  p_.is_plan = plan_decl_ != nullptr;
  if (!plan_decl_) {
    // A library checked on its own: header fields are unknown, typed by the schema.
    if (header_decl_) {
      for (const ast::FieldDecl& f : header_decl_->fields)
        p_.header.push_back({f.name, resolve_type(f.type), f.doc, Value::unknown()});
    }
    return;
  }
  p_.plan_id = plan_decl_->id;
  if (!header_decl_) {
    diags_.error("E0230", plan_decl_->span, "no `header` declaration says what a plan states",
                 "import the module that declares the header (e.g. `import case_format`)");
    return;
  }
  for (const ast::FieldDecl& f : header_decl_->fields) {
    HeaderField h{f.name, resolve_type(f.type), f.doc, Value::null()};
    const ast::PlanDecl::Field* given = nullptr;
    for (const auto& pf : plan_decl_->fields)
      if (pf.name == f.name) given = &pf;
    if (!given) {
      if (!p_.types.is_optional(h.type)) {
        diags_.error(
            "E0231", plan_decl_->span,
            fmt::format("plan `{}` does not state `{}` ({})", plan_decl_->id, f.name, f.doc),
            fmt::format("add `{}: …` to the plan block", f.name));
      }
    } else {
      NodeIndex n = lower_as(*given->value, h.type, "header field");
      std::optional<Value> v = fold(n);
      if (!v) {
        diags_.error("E0232", given->value->span, fmt::format("`{}` must be a constant", f.name));
      } else {
        h.value = *v;
      }
    }
    p_.header.push_back(h);
  }
  for (const auto& pf : plan_decl_->fields) {
    bool known = std::any_of(header_decl_->fields.begin(), header_decl_->fields.end(),
                             [&](const ast::FieldDecl& f) { return f.name == pf.name; });
    if (!known) {
      std::string names;
      for (const auto& f : header_decl_->fields) names += (names.empty() ? "" : ", ") + f.name;
      diags_.error("E0233", pf.name_span, fmt::format("a plan header has no field `{}`", pf.name),
                   fmt::format("the fields are: {}", names));
    }
  }
}

std::optional<Value> Checker::fold(NodeIndex n) {
  const Node& node = p_.nodes[n];
  switch (node.op) {
    case Op::constant:
      return p_.constants[node.a];
    case Op::make_set: {
      Value v;
      v.kind = ValueKind::set;
      v.aux = static_cast<int32_t>(node.a);
      for (uint32_t i = 0; i < node.c; ++i) {
        std::optional<Value> item = fold(p_.operands[node.b + i]);
        if (!item || item->kind != ValueKind::enum_) return std::nullopt;
        v.u.bits |= uint64_t{1} << item->u.i;
      }
      return v;
    }
    case Op::neg: {
      std::optional<Value> x = fold(node.a);
      if (!x || x->kind != ValueKind::int_) return std::nullopt;
      return Value::integer(-x->u.i);
    }
    default:
      return std::nullopt;
  }
}

// ------------------------------------------------------------------ vars and functions

void Checker::lower_vars_and_functions() {
  for (size_t i = 0; i < var_decls_.size(); ++i) {
    const ast::VarDecl& d = *var_decls_[i];
    Var& v = p_.vars[i];
    if (d.value) {
      if (v.kind == ast::VarKind::fact) {
        v.default_node = static_cast<int32_t>(lower_as(*d.value, v.type, "default"));
      } else {
        v.derive_node = static_cast<int32_t>(lower_as(*d.value, v.type, "value"));
      }
    }
    if (d.unknown_as) {
      v.unknown_as = static_cast<int32_t>(lower_as(*d.unknown_as, v.type, "`unknown as` value"));
    }
  }
  for (size_t i = 0; i < fn_decls_.size(); ++i) {
    current_fn_ = &p_.functions[i];
    NodeIndex body = lower_as(*fn_decls_[i]->body, p_.functions[i].result, "function result");
    current_fn_ = nullptr;
    p_.functions[i].body = static_cast<int32_t>(body);
  }
}

// ------------------------------------------------------------------ completeness

void Checker::check_completeness() {
  if (!p_.is_plan) return;
  for (size_t i = 0; i < p_.vars.size(); ++i) {
    const Var& v = p_.vars[i];
    if (v.kind == ast::VarKind::fact) continue;
    if (v.derive_node == k_none && v.definition == k_none) {
      diags_.error(
          // Reported at the plan header: the plan is what is incomplete, not the declaration.
          "E0240", plan_decl_->span,
          fmt::format("plan `{}` does not define {} `{}` (declared at {})", p_.plan_id,
                      v.kind == ast::VarKind::output ? "output" : "def", v.name, where(p_, v.span)),
          fmt::format("define it: `{} = first {{ … }}` or `{} = … cite \"…\"`", v.name, v.name));
    }
  }
}

// ------------------------------------------------------------------ dependencies and order

void Checker::refs_of(NodeIndex n, std::vector<uint32_t>& vars, std::vector<uint32_t>& fns) const {
  const Node& node = p_.nodes[n];
  auto kids = [&](auto&& f) {
    for (uint32_t i = 0; i < operand_count(node); ++i) f(operand(p_, node, i));
  };
  if (node.op == Op::var) vars.push_back(node.a);
  if (node.op == Op::call) fns.push_back(node.a);
  kids([&](NodeIndex k) { refs_of(k, vars, fns); });
}

namespace {

// Depth-first search from `root` that calls `done(node)` once every node it leads to is done
// (post-order) and `cycle(path, to)` for an edge back into the current path. Iterative: a policy
// may chain a hundred thousand definitions, which recursion would overflow the stack on.
// color: 0 unvisited, 1 on the path, 2 done.
template <class Edges, class Cycle, class Done>
void depth_first(uint32_t root, std::vector<uint8_t>& color, const Edges& edges, Cycle&& cycle,
                 Done&& done) {
  struct Frame {
    uint32_t node;
    size_t next;
  };
  std::vector<Frame> stack{{root, 0}};
  std::vector<uint32_t> path{root};
  color[root] = 1;
  while (!stack.empty()) {
    uint32_t node = stack.back().node;
    const std::vector<uint32_t>& out = edges(node);
    if (stack.back().next < out.size()) {
      uint32_t to = out[stack.back().next++];
      if (color[to] == 1) {
        cycle(path, to);
      } else if (color[to] == 0) {
        color[to] = 1;
        stack.push_back({to, 0});
        path.push_back(to);
      }
      continue;
    }
    color[node] = 2;
    done(node);
    stack.pop_back();
    path.pop_back();
  }
}

}  // namespace

void Checker::order_evaluation() {
  // Functions: the vars each one reads, transitively through the functions it calls.
  size_t nf = p_.functions.size();
  std::vector<std::vector<uint32_t>> fvars(nf), fcalls(nf);
  for (size_t i = 0; i < nf; ++i)
    if (p_.functions[i].body != k_none) refs_of(p_.functions[i].body, fvars[i], fcalls[i]);
  {
    std::vector<uint8_t> color(nf, 0);
    auto calls = [&](uint32_t f) -> const std::vector<uint32_t>& { return fcalls[f]; };
    auto cycle = [&](const std::vector<uint32_t>& path, uint32_t g) {
      std::string names;
      for (size_t k = std::find(path.begin(), path.end(), g) - path.begin(); k < path.size(); ++k)
        names += p_.functions[path[k]].name + " -> ";
      diags_.error("E0250", p_.functions[g].span,
                   fmt::format("function `{}` calls itself: {}{}", p_.functions[g].name, names,
                               p_.functions[g].name),
                   "functions may not be recursive");
    };
    auto done = [&](uint32_t f) {
      for (uint32_t g : fcalls[f])
        if (g != f) fvars[f].insert(fvars[f].end(), fvars[g].begin(), fvars[g].end());
      // Without duplicates: a function calling another twice would otherwise double its list
      // at every level, exponentially.
      std::sort(fvars[f].begin(), fvars[f].end());
      fvars[f].erase(std::unique(fvars[f].begin(), fvars[f].end()), fvars[f].end());
    };
    for (uint32_t f = 0; f < nf; ++f)
      if (color[f] == 0) depth_first(f, color, calls, cycle, done);
  }
  // Vars: the outputs and defs each output / def reads.
  size_t nv = p_.vars.size();
  std::vector<std::vector<uint32_t>> deps(nv);
  auto add_node = [&](uint32_t v, int32_t n) {
    if (n == k_none) return;
    std::vector<uint32_t> fs;
    refs_of(static_cast<NodeIndex>(n), deps[v], fs);
    for (uint32_t f : fs) deps[v].insert(deps[v].end(), fvars[f].begin(), fvars[f].end());
  };
  for (uint32_t v = 0; v < nv; ++v) {
    const Var& var = p_.vars[v];
    if (var.kind == ast::VarKind::fact) continue;
    add_node(v, var.derive_node);
    if (var.definition == k_none) continue;
    for (uint32_t r : p_.definitions[var.definition].rules) {
      add_node(v, p_.rules[r].condition);
      add_node(v, p_.rules[r].value);
      for (uint32_t e : p_.rules[r].exceptions) {
        add_node(v, p_.rules[e].condition);
        add_node(v, p_.rules[e].value);
      }
    }
    std::erase_if(deps[v], [&](uint32_t d) { return p_.vars[d].kind == ast::VarKind::fact; });
  }
  std::vector<uint8_t> color(nv, 0);
  auto reads = [&](uint32_t v) -> const std::vector<uint32_t>& { return deps[v]; };
  auto cycle = [&](const std::vector<uint32_t>& path, uint32_t d) {
    std::string names;
    for (size_t k = std::find(path.begin(), path.end(), d) - path.begin(); k < path.size(); ++k)
      names += p_.vars[path[k]].name + " -> ";
    diags_.error(
        "E0251", p_.vars[d].span,
        fmt::format("`{}` depends on itself: {}{}", p_.vars[d].name, names, p_.vars[d].name));
  };
  auto done = [&](uint32_t v) { p_.eval_order.push_back(v); };
  for (uint32_t v = 0; v < nv; ++v)
    if (p_.vars[v].kind != ast::VarKind::fact && color[v] == 0)
      depth_first(v, color, reads, cycle, done);
}

// ------------------------------------------------------------------ tests

void Checker::check_tests() {
  for (const auto& [t, module] : tests_) {
    TestDef def;
    def.name = t->name;
    def.cite = t->citation ? t->citation->cite : "";
    def.module = module;
    def.span = t->span;
    for (const auto& g : t->given) {
      auto it = vars_.find(g.fact);
      if (it == vars_.end() || p_.vars[it->second].kind != ast::VarKind::fact) {
        diags_.error("E0260", g.fact_span, fmt::format("`{}` is not a fact", g.fact),
                     "`given` sets the facts of the case");
        continue;
      }
      if (std::any_of(def.given.begin(), def.given.end(),
                      [&](const TestDef::Given& x) { return x.fact == it->second; })) {
        diags_.error("E0210", g.fact_span, fmt::format("`{}` is given twice", g.fact));
        continue;
      }
      NodeIndex n = lower_as(*g.value, p_.vars[it->second].type, "given value");
      def.given.push_back({it->second, n, g.fact_span});
    }
    for (const auto& e : t->expects) {
      TestDef::Expect x;
      x.kind = e.kind;
      x.span = e.span;
      using K = ast::TestDecl::Expect::Kind;
      if (e.kind == K::holds) {
        x.node = lower_as(*e.expr, p_.types.bool_(), "expectation");
      } else if (e.kind == K::unknown) {
        x.node = lower(*e.expr, 0);
      } else {
        for (size_t i = 0; i < e.facts.size(); ++i) {
          auto it = vars_.find(e.facts[i]);
          if (it == vars_.end() || p_.vars[it->second].kind != ast::VarKind::fact) {
            diags_.error("E0260", e.fact_spans.at(i),
                         fmt::format("`{}` is not a fact", e.facts[i]));
            continue;
          }
          x.facts.push_back(it->second);
        }
      }
      def.expects.push_back(std::move(x));
    }
    p_.tests.push_back(std::move(def));
  }
}

}  // namespace sop
