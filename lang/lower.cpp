// Expression checking and lowering: types every AST expression and emits the flat nodes the
// interpreter runs. Names are resolved here, once, to var / parameter / enum indices.
#include <fmt/format.h>

#include "lang/checker_impl.hpp"

namespace sop {

NodeIndex Checker::emit(Op op, TypeId type, Span span, uint32_t a, uint32_t b, uint32_t c) {
  p_.nodes.push_back(Node{op, type, a, b, c, span});
  return static_cast<NodeIndex>(p_.nodes.size() - 1);
}

NodeIndex Checker::constant(Value v, TypeId type, Span span) {
  p_.constants.push_back(v);
  return emit(Op::constant, type, span, static_cast<uint32_t>(p_.constants.size() - 1));
}

NodeIndex Checker::error_node(Span span) {
  return constant(Value::unknown(), p_.types.error(), span);
}

NodeIndex Checker::lower_as(const ast::Expr& e, TypeId expected, const char* what) {
  NodeIndex n = lower(e, expected);
  TypeId got = p_.nodes[n].type;
  if (!p_.types.assignable(got, expected)) {
    diags_.error("E0300", e.span,
                 fmt::format("expected {} of type `{}`, found `{}`", what, type_name(expected),
                             type_name(got)));
  }
  return n;
}

// The enum value `name` as the expected type wants it, else the only enum that has it.
// Returns the value index (and sets enum_index), -1 if none, -2 if ambiguous.
int32_t Checker::enum_value_for(const std::string& name, TypeId expected,
                                uint32_t& enum_index) const {
  auto it = enum_values_.find(name);
  if (it == enum_values_.end()) return -1;
  TypeId want = p_.types.strip_optional(expected);
  if (p_.types.kind(want) == TypeKind::set || p_.types.kind(want) == TypeKind::list)
    want = p_.types.info(want).elem;
  if (p_.types.kind(want) == TypeKind::enum_) {
    for (auto [e, v] : it->second) {
      if (e == p_.types.info(want).ref) {
        enum_index = e;
        return static_cast<int32_t>(v);
      }
    }
  }
  if (it->second.size() == 1) {
    enum_index = it->second[0].first;
    return static_cast<int32_t>(it->second[0].second);
  }
  return -2;
}

NodeIndex Checker::lower(const ast::Expr& e, TypeId expected) {
  TypeTable& ty = p_.types;
  return std::visit(
      [&](const auto& k) -> NodeIndex {
        using T = std::decay_t<decltype(k)>;
        if constexpr (std::is_same_v<T, ast::BoolLit>) {
          return constant(Value::boolean(k.value), ty.bool_(), e.span);
        } else if constexpr (std::is_same_v<T, ast::IntLit>) {
          return constant(Value::integer(k.value), ty.int_(), e.span);
        } else if constexpr (std::is_same_v<T, ast::StringLit>) {
          p_.strings.push_back(k.value);
          return constant(Value::string(p_.strings.back()), ty.string(), e.span);
        } else if constexpr (std::is_same_v<T, ast::DateLit>) {
          return constant(Value::date(k.days), ty.date(), e.span);
        } else if constexpr (std::is_same_v<T, ast::DateTimeLit>) {
          return constant(Value::datetime(k.epoch_seconds, k.offset_minutes), ty.datetime(),
                          e.span);
        } else if constexpr (std::is_same_v<T, ast::DurationLit>) {
          return constant(Value::duration(k.amount, static_cast<uint8_t>(k.unit)), ty.duration(),
                          e.span);
        } else if constexpr (std::is_same_v<T, ast::NullLit>) {
          return constant(Value::null(), ty.null(), e.span);
        } else if constexpr (std::is_same_v<T, ast::Name>) {
          return lower_name(e, k, expected);
        } else if constexpr (std::is_same_v<T, ast::Member>) {
          return lower_member(e, k, expected);
        } else if constexpr (std::is_same_v<T, ast::Unary>) {
          if (k.op == ast::UnaryOp::not_) {
            NodeIndex a = lower_as(*k.operand, ty.bool_(), "an operand of `not`");
            return emit(Op::not_, ty.bool_(), e.span, a);
          }
          NodeIndex a = lower_as(*k.operand, ty.int_(), "an operand of `-`");
          return emit(Op::neg, ty.int_(), e.span, a);
        } else if constexpr (std::is_same_v<T, ast::Binary>) {
          return lower_binary(e, k, expected);
        } else if constexpr (std::is_same_v<T, ast::Call>) {
          return lower_call(e, k, expected);
        } else if constexpr (std::is_same_v<T, ast::If>) {
          NodeIndex c = lower_as(*k.cond, ty.bool_(), "a condition");
          NodeIndex a = lower(*k.then_branch, expected);
          NodeIndex b = lower(*k.else_branch, expected ? expected : p_.nodes[a].type);
          TypeId t = ty.union_({p_.nodes[a].type, p_.nodes[b].type});
          return emit(Op::if_, t, e.span, c, a, b);
        } else if constexpr (std::is_same_v<T, ast::CollectionLit>) {
          return lower_collection(e, k, expected);
        } else if constexpr (std::is_same_v<T, ast::RecordLit>) {
          return lower_record(e, k, expected);
        }
      },
      e.kind);
}

NodeIndex Checker::lower_name(const ast::Expr& e, const ast::Name& n, TypeId expected) {
  TypeTable& ty = p_.types;
  if (current_fn_) {
    for (size_t i = 0; i < current_fn_->param_names.size(); ++i) {
      if (current_fn_->param_names[i] == n.name)
        return emit(Op::param, current_fn_->param_types[i], e.span, current_fn_->param_slots[i]);
    }
  }
  uint32_t enum_index = 0;
  int32_t value = enum_value_for(n.name, expected, enum_index);
  // An enum value the expected type names wins over a var of the same name, so that
  // `{ id: serious_condition }` means the reason id, and `when serious_condition` the fact.
  bool expected_enum_match =
      value >= 0 && ty.kind(ty.strip_optional(expected)) != TypeKind::error && [&] {
        TypeId w = ty.strip_optional(expected);
        if (ty.kind(w) == TypeKind::set || ty.kind(w) == TypeKind::list) w = ty.info(w).elem;
        return ty.kind(w) == TypeKind::enum_ && ty.info(w).ref == enum_index;
      }();
  if (!expected_enum_match) {
    if (auto it = vars_.find(n.name); it != vars_.end()) {
      const Var& v = p_.vars[it->second];
      return emit(v.kind == ast::VarKind::fact ? Op::fact : Op::var, v.type, e.span, it->second);
    }
    if (auto it = cals_.find(n.name); it != cals_.end())
      return constant(Value::handle(ValueKind::calendar, it->second), ty.calendar(), e.span);
    if (auto it = docs_.find(n.name); it != docs_.end())
      return constant(Value::handle(ValueKind::document, it->second), ty.document(), e.span);
  }
  if (value >= 0) {
    return constant(Value::enumeration(enum_index, static_cast<uint32_t>(value)),
                    ty.enum_(enum_index), e.span);
  }
  if (value == -2) {
    std::string options;
    for (auto [ei, vi] : enum_values_.at(n.name))
      options += (options.empty() ? "`" : ", `") + p_.enums[ei].name + "." + n.name + "`";
    diags_.error("E0302", e.span, fmt::format("`{}` is ambiguous here", n.name),
                 fmt::format("write one of {}", options));
    return error_node(e.span);
  }
  if (fns_.count(n.name)) {
    diags_.error("E0303", e.span, fmt::format("function `{}` must be called", n.name),
                 fmt::format("write `{}(…)`", n.name));
    return error_node(e.span);
  }
  diags_.error("E0301", e.span, fmt::format("undefined name `{}`", n.name));
  return error_node(e.span);
}

NodeIndex Checker::lower_member(const ast::Expr& e, const ast::Member& m, TypeId expected) {
  TypeTable& ty = p_.types;
  if (const auto* base = std::get_if<ast::Name>(&m.object->kind)) {
    // `Type.value`: a qualified enum value.
    if (auto it = enums_.find(base->name); it != enums_.end() && !vars_.count(base->name)) {
      const EnumDef& def = p_.enums[it->second];
      for (size_t i = 0; i < def.values.size(); ++i) {
        if (def.values[i].name == m.field)
          return constant(Value::enumeration(it->second, static_cast<uint32_t>(i)),
                          ty.enum_(it->second), e.span);
      }
      diags_.error("E0304", m.field_span,
                   fmt::format("enumeration `{}` has no value `{}`", base->name, m.field));
      return error_node(e.span);
    }
    // `plan.field`: a header constant.
    if (base->name == "plan" && !vars_.count("plan")) {
      if (m.field == "id") {
        p_.strings.push_back(p_.plan_id);
        Value v = p_.is_plan ? Value::string(p_.strings.back()) : Value::unknown();
        return constant(v, ty.string(), e.span);
      }
      for (const HeaderField& h : p_.header) {
        if (h.name == m.field) return constant(h.value, h.type, e.span);
      }
      diags_.error("E0305", m.field_span, fmt::format("a plan header has no field `{}`", m.field));
      return error_node(e.span);
    }
  }
  NodeIndex obj = lower(*m.object, 0);
  TypeId t = p_.nodes[obj].type;
  if (t == ty.error()) return error_node(e.span);
  bool optional = ty.is_optional(t);
  TypeId rt = ty.strip_optional(t);
  // `xs.f` on a list of records projects the field: `reasons.id` is the list of reason ids.
  if (ty.kind(rt) == TypeKind::list && ty.kind(ty.info(rt).elem) == TypeKind::record) {
    const RecordDef& rec = p_.records[ty.info(ty.info(rt).elem).ref];
    for (size_t i = 0; i < rec.fields.size(); ++i) {
      if (rec.fields[i].name != m.field) continue;
      TypeId lt = ty.list(rec.fields[i].type);
      return emit(Op::project, optional ? ty.optional(lt) : lt, e.span, obj,
                  static_cast<uint32_t>(i));
    }
  }
  if (ty.kind(rt) != TypeKind::record) {
    diags_.error("E0306", m.field_span,
                 fmt::format("`{}` has no fields; it is `{}`", m.field, type_name(t)));
    return error_node(e.span);
  }
  const RecordDef& rec = p_.records[ty.info(rt).ref];
  for (size_t i = 0; i < rec.fields.size(); ++i) {
    if (rec.fields[i].name == m.field) {
      TypeId ft = optional ? ty.optional(rec.fields[i].type) : rec.fields[i].type;
      return emit(Op::field, ft, e.span, obj, static_cast<uint32_t>(i));
    }
  }
  std::string names;
  for (const auto& f : rec.fields) names += (names.empty() ? "" : ", ") + f.name;
  diags_.error("E0307", m.field_span, fmt::format("`{}` has no field `{}`", rec.name, m.field),
               fmt::format("its fields are: {}", names));
  (void)expected;
  return error_node(e.span);
}

static bool is_ordered(TypeKind k) {
  return k == TypeKind::int_ || k == TypeKind::date || k == TypeKind::datetime ||
         k == TypeKind::duration;
}

NodeIndex Checker::lower_binary(const ast::Expr& e, const ast::Binary& b, TypeId expected) {
  TypeTable& ty = p_.types;
  using B = ast::BinaryOp;
  switch (b.op) {
    case B::and_:
    case B::or_: {
      NodeIndex l = lower_as(*b.lhs, ty.bool_(), "an operand");
      NodeIndex r = lower_as(*b.rhs, ty.bool_(), "an operand");
      return emit(b.op == B::and_ ? Op::and_ : Op::or_, ty.bool_(), e.span, l, r);
    }
    case B::coalesce: {
      NodeIndex l = lower(*b.lhs, expected);
      TypeId lt = ty.strip_optional(p_.nodes[l].type);
      NodeIndex r = lower(*b.rhs, expected ? expected : lt);
      if (!ty.assignable(p_.nodes[r].type, ty.optional(lt)) &&
          !ty.assignable(lt, p_.nodes[r].type) && lt != ty.null()) {
        diags_.error("E0310", b.rhs->span,
                     fmt::format("`??` needs its sides of one type; found `{}` and `{}`",
                                 type_name(lt), type_name(p_.nodes[r].type)));
      }
      TypeId t = lt == ty.null() ? p_.nodes[r].type : ty.union_({lt, p_.nodes[r].type});
      return emit(Op::coalesce, t, e.span, l, r);
    }
    case B::eq:
    case B::ne: {
      NodeIndex l = lower(*b.lhs, 0);
      NodeIndex r = lower(*b.rhs, p_.nodes[l].type);
      TypeId lt = p_.nodes[l].type, rt = p_.nodes[r].type;
      if (!ty.assignable(lt, rt) && !ty.assignable(rt, lt) &&
          !ty.assignable(ty.strip_optional(lt), rt) && !ty.assignable(ty.strip_optional(rt), lt)) {
        diags_.error("E0311", e.span,
                     fmt::format("cannot compare `{}` with `{}`", type_name(lt), type_name(rt)));
      }
      return emit(b.op == B::eq ? Op::eq : Op::ne, ty.bool_(), e.span, l, r);
    }
    case B::lt:
    case B::le:
    case B::gt:
    case B::ge: {
      NodeIndex l = lower(*b.lhs, 0);
      NodeIndex r = lower(*b.rhs, p_.nodes[l].type);
      TypeId lt = ty.strip_optional(p_.nodes[l].type), rt = ty.strip_optional(p_.nodes[r].type);
      if (lt != ty.error() && rt != ty.error() && (!is_ordered(ty.kind(lt)) || lt != rt)) {
        diags_.error("E0312", e.span,
                     fmt::format("cannot order `{}` and `{}`", type_name(lt), type_name(rt)),
                     "`<` and friends compare ints, dates, date-times and durations");
      }
      Op op = b.op == B::lt ? Op::lt : b.op == B::le ? Op::le : b.op == B::gt ? Op::gt : Op::ge;
      return emit(op, ty.bool_(), e.span, l, r);
    }
    case B::in: {
      NodeIndex r = lower(*b.rhs, 0);
      TypeId rt = ty.strip_optional(p_.nodes[r].type);
      if (rt == ty.error()) return error_node(e.span);
      if (ty.kind(rt) != TypeKind::list && ty.kind(rt) != TypeKind::set) {
        diags_.error("E0313", b.rhs->span,
                     fmt::format("`in` needs a list or a set, found `{}`", type_name(rt)));
        return error_node(e.span);
      }
      NodeIndex l = lower_as(*b.lhs, ty.info(rt).elem, "a member");
      return emit(Op::in, ty.bool_(), e.span, l, r);
    }
    case B::mul: {
      NodeIndex l = lower_as(*b.lhs, ty.int_(), "an operand of `*`");
      NodeIndex r = lower_as(*b.rhs, ty.int_(), "an operand of `*`");
      return emit(Op::mul, ty.int_(), e.span, l, r);
    }
    case B::add:
    case B::sub: {
      NodeIndex l = lower(*b.lhs, 0);
      NodeIndex r = lower(*b.rhs, 0);
      TypeId lt = p_.nodes[l].type, rt = p_.nodes[r].type;
      if (lt == ty.error() || rt == ty.error()) return error_node(e.span);
      const char* sym = b.op == B::add ? "+" : "-";
      if (lt == ty.int_() && rt == ty.int_()) {
        if (b.calendar) diags_.error("E0314", b.calendar->span, "`using` applies to dates");
        return emit(b.op == B::add ? Op::add : Op::sub, ty.int_(), e.span, l, r);
      }
      if ((lt == ty.date() || lt == ty.datetime()) && rt == ty.duration()) {
        // The result's type follows the unit when it is written as a literal.
        const Node& rn = p_.nodes[r];
        int unit = rn.op == Op::constant ? p_.constants[rn.a].unit : -1;
        bool business = unit == static_cast<int>(ast::DurationUnit::business_days);
        TypeId result;
        if (lt == ty.date()) {
          if (unit == static_cast<int>(ast::DurationUnit::hours)) {
            diags_.error("E0315", e.span, "cannot add hours to a date",
                         "add hours to a `datetime`");
          }
          result = ty.date();
        } else if (unit < 0) {
          result = ty.union_({ty.date(), ty.datetime()});
        } else {
          result = business ? ty.date() : ty.datetime();
        }
        if (b.calendar) {
          NodeIndex c = lower_as(*b.calendar, ty.calendar(), "a calendar");
          return emit(b.op == B::add ? Op::add_cal : Op::sub_cal, result, e.span, l, r, c);
        }
        if (business || unit < 0) {
          diags_.error("E0316", e.span, "counting business days needs a calendar",
                       fmt::format("write `… {} … using CALENDAR`", sym));
        }
        return emit(b.op == B::add ? Op::add : Op::sub, result, e.span, l, r);
      }
      diags_.error(
          "E0317", e.span,
          fmt::format("cannot apply `{}` to `{}` and `{}`", sym, type_name(lt), type_name(rt)));
      return error_node(e.span);
    }
  }
  return error_node(e.span);
}

NodeIndex Checker::lower_call(const ast::Expr& e, const ast::Call& c, TypeId expected) {
  TypeTable& ty = p_.types;
  (void)expected;
  auto emit_args = [&](const std::vector<NodeIndex>& args) {
    uint32_t start = static_cast<uint32_t>(p_.operands.size());
    for (NodeIndex a : args) p_.operands.push_back(a);
    return start;
  };
  if (auto it = fns_.find(c.callee); it != fns_.end()) {
    const Function& fn = p_.functions[it->second];
    if (c.args.size() != fn.param_types.size()) {
      diags_.error("E0320", e.span,
                   fmt::format("`{}` takes {} argument{}, {} given", fn.name, fn.param_types.size(),
                               fn.param_types.size() == 1 ? "" : "s", c.args.size()));
      return error_node(e.span);
    }
    std::vector<NodeIndex> args;
    for (size_t i = 0; i < c.args.size(); ++i)
      args.push_back(lower_as(*c.args[i], fn.param_types[i], "an argument"));
    uint32_t start = emit_args(args);
    return emit(Op::call, fn.result, e.span, it->second, start, static_cast<uint32_t>(args.size()));
  }
  struct BuiltinSig {
    const char* name;
    Builtin id;
  };
  static const BuiltinSig builtins[] = {
      {"count", Builtin::count},     {"known", Builtin::known},
      {"unit_of", Builtin::unit_of}, {"amount_of", Builtin::amount_of},
      {"date_of", Builtin::date_of}, {"certain", Builtin::certain}};
  for (const BuiltinSig& b : builtins) {
    if (c.callee != b.name) continue;
    if (c.args.size() != 1) {
      diags_.error("E0320", e.span,
                   fmt::format("`{}` takes 1 argument, {} given", b.name, c.args.size()));
      return error_node(e.span);
    }
    NodeIndex a = lower(*c.args[0], 0);
    TypeId at = ty.strip_optional(p_.nodes[a].type);
    TypeId result = ty.error();
    bool ok = at == ty.error();
    switch (b.id) {
      case Builtin::count:
        ok = ok || ty.kind(at) == TypeKind::list || ty.kind(at) == TypeKind::set;
        result = ty.int_();
        break;
      case Builtin::known:
        ok = true;
        result = ty.bool_();
        break;
      case Builtin::unit_of:
        ok = ok || at == ty.duration();
        result = ty.string();
        break;
      case Builtin::amount_of:
        ok = ok || at == ty.duration();
        result = ty.int_();
        break;
      case Builtin::date_of:
        ok = ok || at == ty.datetime();
        result = ty.date();
        break;
      case Builtin::certain:
        ok = ok || ty.kind(at) == TypeKind::list || ty.kind(at) == TypeKind::set;
        result = at;
        break;
    }
    if (!ok) {
      diags_.error("E0321", c.args[0]->span,
                   fmt::format("`{}` does not apply to `{}`", b.name, type_name(at)));
    }
    uint32_t start = emit_args({a});
    return emit(Op::builtin, result, e.span, static_cast<uint32_t>(b.id), start, 1);
  }
  diags_.error("E0322", c.callee_span, fmt::format("undefined function `{}`", c.callee),
               "builtins: count, known, certain, unit_of, amount_of, date_of");
  for (const auto& a : c.args) lower(*a, 0);
  return error_node(e.span);
}

NodeIndex Checker::lower_record(const ast::Expr& e, const ast::RecordLit& r, TypeId expected) {
  TypeTable& ty = p_.types;
  TypeId rt = ty.strip_optional(expected);
  if (ty.kind(rt) != TypeKind::record) {
    diags_.error(
        "E0330", e.span,
        expected ? fmt::format("a record is not expected here (expected `{}`)", type_name(expected))
                 : std::string("cannot tell which record this is"),
        "a record literal takes its type from where it is used");
    for (const auto& f : r.fields) lower(*f.value, 0);
    return error_node(e.span);
  }
  uint32_t ri = ty.info(rt).ref;
  const RecordDef& rec = p_.records[ri];
  std::vector<NodeIndex> fields(rec.fields.size(), UINT32_MAX);
  for (const auto& f : r.fields) {
    size_t i = 0;
    while (i < rec.fields.size() && rec.fields[i].name != f.name) ++i;
    if (i == rec.fields.size()) {
      diags_.error("E0307", f.name_span, fmt::format("`{}` has no field `{}`", rec.name, f.name));
      lower(*f.value, 0);
      continue;
    }
    if (fields[i] != UINT32_MAX) {
      diags_.error("E0210", f.name_span, fmt::format("field `{}` is given twice", f.name));
      continue;
    }
    fields[i] = lower_as(*f.value, rec.fields[i].type, fmt::format("field `{}`", f.name).c_str());
  }
  for (size_t i = 0; i < rec.fields.size(); ++i) {
    if (fields[i] != UINT32_MAX) continue;
    if (rec.fields[i].type == ty.citation()) {
      // Filled in with the citation of the rule that builds the record.
      fields[i] = emit(Op::current_cite, ty.citation(), e.span);
    } else {
      diags_.error("E0331", e.span,
                   fmt::format("field `{}` of `{}` is missing", rec.fields[i].name, rec.name));
      fields[i] = error_node(e.span);
    }
  }
  uint32_t start = static_cast<uint32_t>(p_.operands.size());
  for (NodeIndex f : fields) p_.operands.push_back(f);
  return emit(Op::make_record, rt, e.span, ri, start, static_cast<uint32_t>(fields.size()));
}

NodeIndex Checker::lower_collection(const ast::Expr& e, const ast::CollectionLit& c,
                                    TypeId expected) {
  TypeTable& ty = p_.types;
  TypeId want = ty.strip_optional(expected);
  TypeKind wk = ty.kind(want);
  TypeId elem = 0;
  bool is_set = false;
  if (wk == TypeKind::list || wk == TypeKind::set) {
    elem = ty.info(want).elem;
    is_set = wk == TypeKind::set;
  } else if (c.items.empty()) {
    diags_.error("E0332", e.span, "cannot tell the type of `[]` here",
                 "compare it with a list or set, or use it where one is expected");
    return error_node(e.span);
  }
  std::vector<NodeIndex> items;
  for (const auto& item : c.items) {
    if (elem) {
      items.push_back(lower_as(*item, elem, "an item"));
    } else {
      items.push_back(lower(*item, 0));
      elem = p_.nodes[items.back()].type;
    }
  }
  uint32_t start = static_cast<uint32_t>(p_.operands.size());
  for (NodeIndex i : items) p_.operands.push_back(i);
  if (is_set) {
    return emit(Op::make_set, want, e.span, ty.info(elem).ref, start,
                static_cast<uint32_t>(items.size()));
  }
  return emit(Op::make_list, ty.list(elem), e.span, 0, start, static_cast<uint32_t>(items.size()));
}

}  // namespace sop
