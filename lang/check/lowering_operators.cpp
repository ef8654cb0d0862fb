// Lowering of operators, calls and literals that build records, lists and sets: the half of
// expression lowering where types combine (lang/check/lowering.cpp has names and members).
#include <fmt/format.h>

#include "lang/check/lowering.hpp"
#include "lang/suggest.hpp"

namespace sop::check {

namespace {

bool is_ordered(TypeKind k) {
  return k == TypeKind::int_ || k == TypeKind::date || k == TypeKind::datetime ||
         k == TypeKind::duration;
}

}  // namespace

NodeIndex Lowering::lower_binary(const ast::Expr& e, const ast::Binary& b, TypeId expected) {
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
      TypeId rt = p_.nodes[r].type;
      if (!ty.assignable(rt, ty.optional(lt)) && !ty.assignable(lt, rt) && lt != ty.null()) {
        diags_.error("E0310", b.rhs->span,
                     fmt::format("`??` needs its sides of one type; found `{}` and `{}`",
                                 type_name(lt), type_name(rt)));
      }
      TypeId t = lt == ty.null() ? rt : ty.union_({lt, rt});
      return emit(Op::coalesce, t, e.span, l, r);
    }
    case B::in:
      return lower_in(e, b);
    case B::mul: {
      NodeIndex l = lower_as(*b.lhs, ty.int_(), "an operand of `*`");
      NodeIndex r = lower_as(*b.rhs, ty.int_(), "an operand of `*`");
      return emit(Op::mul, ty.int_(), e.span, l, r);
    }
    case B::add:
    case B::sub:
      return lower_arithmetic(e, b);
    default:
      return lower_comparison(e, b);
  }
}

// `==`, `!=`, `<`, `<=`, `>`, `>=`: the right side is typed after the left, so that a bare
// enum value on the right takes the left side's enumeration.
NodeIndex Lowering::lower_comparison(const ast::Expr& e, const ast::Binary& b) {
  TypeTable& ty = p_.types;
  using B = ast::BinaryOp;
  NodeIndex l = lower(*b.lhs, 0);
  NodeIndex r = lower(*b.rhs, p_.nodes[l].type);
  TypeId lt = p_.nodes[l].type, rt = p_.nodes[r].type;
  if (b.op == B::eq || b.op == B::ne) {
    if (!ty.assignable(lt, rt) && !ty.assignable(rt, lt) &&
        !ty.assignable(ty.strip_optional(lt), rt) && !ty.assignable(ty.strip_optional(rt), lt)) {
      std::string help = enum_values_help_for(lt);
      if (help.empty()) help = enum_values_help_for(rt);
      diags_.error("E0311", e.span,
                   fmt::format("cannot compare `{}` with `{}`", type_name(lt), type_name(rt)),
                   help);
    }
    return emit(b.op == B::eq ? Op::eq : Op::ne, ty.bool_(), e.span, l, r);
  }
  lt = ty.strip_optional(lt), rt = ty.strip_optional(rt);
  if (lt != ty.error() && rt != ty.error() && (!is_ordered(ty.kind(lt)) || lt != rt)) {
    diags_.error("E0312", e.span,
                 fmt::format("cannot order `{}` and `{}`", type_name(lt), type_name(rt)),
                 "`<` and friends compare ints, dates, date-times and durations");
  }
  Op op = b.op == B::lt ? Op::lt : b.op == B::le ? Op::le : b.op == B::gt ? Op::gt : Op::ge;
  return emit(op, ty.bool_(), e.span, l, r);
}

// `x in xs`: the member is typed as the collection's element.
NodeIndex Lowering::lower_in(const ast::Expr& e, const ast::Binary& b) {
  TypeTable& ty = p_.types;
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

// `+` and `-` on ints, or a date / date-time and a duration.
NodeIndex Lowering::lower_arithmetic(const ast::Expr& e, const ast::Binary& b) {
  TypeTable& ty = p_.types;
  NodeIndex l = lower(*b.lhs, 0);
  NodeIndex r = lower(*b.rhs, 0);
  TypeId lt = p_.nodes[l].type, rt = p_.nodes[r].type;
  if (lt == ty.error() || rt == ty.error()) return error_node(e.span);
  bool add = b.op == ast::BinaryOp::add;
  if (lt == ty.int_() && rt == ty.int_()) {
    if (b.calendar) diags_.error("E0314", b.calendar->span, "`using` applies to dates");
    return emit(add ? Op::add : Op::sub, ty.int_(), e.span, l, r);
  }
  if ((lt == ty.date() || lt == ty.datetime()) && rt == ty.duration())
    return lower_date_arithmetic(e, b, l, r);
  diags_.error("E0317", e.span,
               fmt::format("cannot apply `{}` to `{}` and `{}`", add ? "+" : "-", type_name(lt),
                           type_name(rt)));
  return error_node(e.span);
}

// A date or date-time plus or minus a duration. The result's type follows the unit when it
// is written as a literal; business days need a calendar.
NodeIndex Lowering::lower_date_arithmetic(const ast::Expr& e, const ast::Binary& b, NodeIndex l,
                                          NodeIndex r) {
  TypeTable& ty = p_.types;
  bool add = b.op == ast::BinaryOp::add;
  const Node& rn = p_.nodes[r];
  int unit = rn.op == Op::constant ? p_.constants[rn.a].unit : -1;
  bool business = unit == static_cast<int>(DurationUnit::business_days);
  TypeId result;
  if (p_.nodes[l].type == ty.date()) {
    if (unit == static_cast<int>(DurationUnit::hours))
      diags_.error("E0315", e.span, "cannot add hours to a date", "add hours to a `datetime`");
    result = ty.date();
  } else if (unit < 0) {
    result = ty.union_({ty.date(), ty.datetime()});
  } else {
    result = business ? ty.date() : ty.datetime();
  }
  if (b.calendar) {
    NodeIndex c = lower_as(*b.calendar, ty.calendar(), "a calendar");
    return emit(add ? Op::add_cal : Op::sub_cal, result, e.span, l, r, c);
  }
  if (business || unit < 0) {
    diags_.error("E0316", e.span, "counting business days needs a calendar",
                 fmt::format("write `… {} … using CALENDAR`", add ? "+" : "-"));
  }
  return emit(add ? Op::add : Op::sub, result, e.span, l, r);
}

// ------------------------------------------------------------------ calls

NodeIndex Lowering::lower_call(const ast::Expr& e, const ast::Call& c) {
  auto it = env_.functions.find(c.callee);
  if (it == env_.functions.end()) return lower_builtin(e, c);
  const Function& fn = p_.functions[it->second];
  note(Reference::Kind::function, c.callee_span, fn.span, it->second);
  if (c.args.size() != fn.param_types.size()) {
    diags_.error("E0320", e.span,
                 fmt::format("`{}` takes {} argument{}, {} given", fn.name, fn.param_types.size(),
                             fn.param_types.size() == 1 ? "" : "s", c.args.size()));
    return error_node(e.span);
  }
  std::vector<NodeIndex> args;
  for (size_t i = 0; i < c.args.size(); ++i)
    args.push_back(lower_as(*c.args[i], fn.param_types[i], "an argument"));
  uint32_t start = emit_operands(args);
  return emit(Op::call, fn.result, e.span, it->second, start, static_cast<uint32_t>(args.size()));
}

namespace {

struct BuiltinSig {
  const char* name;
  Builtin id;
};
constexpr BuiltinSig k_builtins[] = {
    {"count", Builtin::count},     {"known", Builtin::known},
    {"unit_of", Builtin::unit_of}, {"amount_of", Builtin::amount_of},
    {"date_of", Builtin::date_of}, {"certain", Builtin::certain}};

// A builtin's result type, and whether it applies to an argument of type `at` (an argument
// already in error applies to everything). The result type stands even when it does not
// apply, so that one misuse is reported once.
std::pair<TypeId, bool> builtin_result(const TypeTable& ty, Builtin id, TypeId at) {
  bool err = at == ty.error();
  bool collection = ty.kind(at) == TypeKind::list || ty.kind(at) == TypeKind::set;
  switch (id) {
    case Builtin::count:
      return {ty.int_(), err || collection};
    case Builtin::known:
      return {ty.bool_(), true};
    case Builtin::unit_of:
      return {ty.string(), err || at == ty.duration()};
    case Builtin::amount_of:
      return {ty.int_(), err || at == ty.duration()};
    case Builtin::date_of:
      return {ty.date(), err || at == ty.datetime()};
    case Builtin::certain:
      return {at, err || collection};
  }
  return {ty.error(), err};
}

}  // namespace

NodeIndex Lowering::lower_builtin(const ast::Expr& e, const ast::Call& c) {
  TypeTable& ty = p_.types;
  for (const BuiltinSig& b : k_builtins) {
    if (c.callee != b.name) continue;
    if (c.args.size() != 1) {
      diags_.error("E0320", e.span,
                   fmt::format("`{}` takes 1 argument, {} given", b.name, c.args.size()));
      return error_node(e.span);
    }
    NodeIndex a = lower(*c.args[0], 0);
    TypeId at = ty.strip_optional(p_.nodes[a].type);
    auto [result, applies] = builtin_result(ty, b.id, at);
    if (!applies) {
      diags_.error("E0321", c.args[0]->span,
                   fmt::format("`{}` does not apply to `{}`", b.name, type_name(at)));
    }
    uint32_t start = emit_operands({a});
    return emit(Op::builtin, result, e.span, static_cast<uint32_t>(b.id), start, 1);
  }
  std::vector<std::string> candidates;
  for (const BuiltinSig& b : k_builtins) candidates.push_back(b.name);
  for (const auto& [name, _] : env_.functions) candidates.push_back(name);
  std::string help = did_you_mean_help(c.callee, candidates);
  diags_.error(
      "E0322", c.callee_span, fmt::format("undefined function `{}`", c.callee),
      help.empty() ? "builtins: count, known, certain, unit_of, amount_of, date_of" : help);
  for (const auto& a : c.args) lower(*a, 0);
  return error_node(e.span);
}

// ------------------------------------------------------------------ records and collections

NodeIndex Lowering::lower_record(const ast::Expr& e, const ast::RecordLit& r, TypeId expected) {
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
    note(Reference::Kind::field, f.name_span, rec.fields[i].span, ri);
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
  uint32_t start = emit_operands(fields);
  return emit(Op::make_record, rt, e.span, ri, start, static_cast<uint32_t>(fields.size()));
}

NodeIndex Lowering::lower_collection(const ast::Expr& e, const ast::CollectionLit& c,
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
  uint32_t start = emit_operands(items);
  if (is_set) {
    return emit(Op::make_set, want, e.span, ty.info(elem).ref, start,
                static_cast<uint32_t>(items.size()));
  }
  return emit(Op::make_list, ty.list(elem), e.span, 0, start, static_cast<uint32_t>(items.size()));
}

}  // namespace sop::check
