#include "lang/check/lowering.hpp"

#include <fmt/format.h>

#include "lang/suggest.hpp"

namespace sop::check {

// ------------------------------------------------------------------ nodes

NodeIndex Lowering::emit(Op op, TypeId type, Span span, uint32_t a, uint32_t b, uint32_t c) {
  p_.nodes.push_back(Node{op, type, a, b, c, span});
  return static_cast<NodeIndex>(p_.nodes.size() - 1);
}

NodeIndex Lowering::constant(Value v, TypeId type, Span span) {
  p_.constants.push_back(v);
  return emit(Op::constant, type, span, static_cast<uint32_t>(p_.constants.size() - 1));
}

NodeIndex Lowering::error_node(Span span) {
  return constant(Value::unknown(), p_.types.error(), span);
}

uint32_t Lowering::emit_operands(const std::vector<NodeIndex>& operands) {
  uint32_t start = static_cast<uint32_t>(p_.operands.size());
  for (NodeIndex a : operands) p_.operands.push_back(a);
  return start;
}

std::optional<Value> Lowering::fold(NodeIndex n) const {
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

std::string Lowering::enum_values_help(uint32_t enum_index) const {
  const EnumDef& def = p_.enums[enum_index];
  std::string values;
  for (const auto& v : def.values) values += (values.empty() ? "" : ", ") + v.name;
  return fmt::format("`{}` is one of: {}", def.name, values);
}

std::string Lowering::enum_values_help_for(TypeId t) const {
  const TypeTable& ty = p_.types;
  TypeId s = ty.strip_optional(t);
  if (ty.kind(s) != TypeKind::enum_) return "";
  return enum_values_help(ty.info(s).ref);
}

// ------------------------------------------------------------------ expressions

NodeIndex Lowering::lower_as(const ast::Expr& e, TypeId expected, const char* what) {
  NodeIndex n = lower(e, expected);
  TypeId got = p_.nodes[n].type;
  if (!p_.types.assignable(got, expected)) {
    diags_.error("E0300", e.span,
                 fmt::format("expected {} of type `{}`, found `{}`", what, type_name(expected),
                             type_name(got)),
                 enum_values_help_for(expected));
  }
  return n;
}

NodeIndex Lowering::lower(const ast::Expr& e, TypeId expected) {
  TypeTable& ty = p_.types;
  return std::visit(
      [&](const auto& k) -> NodeIndex {
        using T = std::decay_t<decltype(k)>;
        if constexpr (std::is_same_v<T, ast::Name>) {
          return lower_name(e, k, expected);
        } else if constexpr (std::is_same_v<T, ast::Member>) {
          return lower_member(e, k);
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
          return lower_call(e, k);
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
        } else {
          return lower_literal(e);
        }
      },
      e.kind);
}

NodeIndex Lowering::lower_literal(const ast::Expr& e) {
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
        } else {
          return error_node(e.span);  // not a literal: lower() handles every other kind
        }
      },
      e.kind);
}

// ------------------------------------------------------------------ names

// The enum value `name` as the expected type wants it, else the only enum that has it.
// Returns the value index (and sets enum_index), -1 if none, -2 if ambiguous.
int32_t Lowering::enum_value_for(const std::string& name, TypeId expected,
                                 uint32_t& enum_index) const {
  auto it = env_.enum_values.find(name);
  if (it == env_.enum_values.end()) return -1;
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

NodeIndex Lowering::lower_name(const ast::Expr& e, const ast::Name& n, TypeId expected) {
  TypeTable& ty = p_.types;
  if (current_fn_) {
    const Function& fn = *current_fn_;
    for (size_t i = 0; i < fn.param_names.size(); ++i) {
      if (fn.param_names[i] != n.name) continue;
      note(Reference::Kind::parameter, e.span, fn.param_spans[i],
           static_cast<uint32_t>(&fn - p_.functions.data()));
      return emit(Op::param, fn.param_types[i], e.span, fn.param_slots[i]);
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
    NodeIndex found = lower_value_name(e, n);
    if (found != UINT32_MAX) return found;
  }
  if (value >= 0) {
    note(Reference::Kind::enum_value, e.span, p_.enums[enum_index].values[value].span, enum_index);
    return constant(Value::enumeration(enum_index, static_cast<uint32_t>(value)),
                    ty.enum_(enum_index), e.span);
  }
  if (value == -2) {
    std::string options;
    for (auto [ei, vi] : env_.enum_values.at(n.name))
      options += (options.empty() ? "`" : ", `") + p_.enums[ei].name + "." + n.name + "`";
    diags_.error("E0302", e.span, fmt::format("`{}` is ambiguous here", n.name),
                 fmt::format("write one of {}", options));
    return error_node(e.span);
  }
  if (env_.functions.count(n.name)) {
    diags_.error("E0303", e.span, fmt::format("function `{}` must be called", n.name),
                 fmt::format("write `{}(…)`", n.name));
    return error_node(e.span);
  }
  std::vector<std::string> candidates;
  if (current_fn_) candidates = current_fn_->param_names;
  for (const NameIndex* names : {&env_.vars, &env_.calendars, &env_.documents, &env_.readings})
    for (const auto& [name, _] : *names) candidates.push_back(name);
  for (const auto& [name, _] : env_.enum_values) candidates.push_back(name);
  diags_.error("E0301", e.span, fmt::format("undefined name `{}`", n.name),
               did_you_mean_help(n.name, candidates));
  return error_node(e.span);
}

// A var, calendar or document called `n`; UINT32_MAX if there is none.
NodeIndex Lowering::lower_value_name(const ast::Expr& e, const ast::Name& n) {
  TypeTable& ty = p_.types;
  if (auto it = env_.vars.find(n.name); it != env_.vars.end()) {
    const Var& v = p_.vars[it->second];
    note(Reference::Kind::var, e.span, v.span, it->second);
    return emit(v.kind == VarKind::fact ? Op::fact : Op::var, v.type, e.span, it->second);
  }
  if (auto it = env_.calendars.find(n.name); it != env_.calendars.end()) {
    note(Reference::Kind::calendar, e.span, p_.calendars[it->second].span, it->second);
    return constant(Value::handle(ValueKind::calendar, it->second), ty.calendar(), e.span);
  }
  if (auto it = env_.readings.find(n.name); it != env_.readings.end()) {
    const ReadingDef& r = p_.readings[it->second];
    note(Reference::Kind::reading, e.span, r.span, it->second);
    return constant(Value::enumeration(r.enumeration, r.chosen), ty.enum_(r.enumeration), e.span);
  }
  if (auto it = env_.documents.find(n.name); it != env_.documents.end()) {
    note(Reference::Kind::document, e.span, p_.documents[it->second].span, it->second);
    return constant(Value::handle(ValueKind::document, it->second), ty.document(), e.span);
  }
  return UINT32_MAX;
}

NodeIndex Lowering::lower_member(const ast::Expr& e, const ast::Member& m) {
  bool matched = false;
  NodeIndex n = lower_qualified(e, m, matched);
  return matched ? n : lower_field(e, m);
}

// `Type.value` (a qualified enum value) and `plan.field` (a header constant); `matched` is
// false when the member is neither.
NodeIndex Lowering::lower_qualified(const ast::Expr& e, const ast::Member& m, bool& matched) {
  TypeTable& ty = p_.types;
  const auto* base = std::get_if<ast::Name>(&m.object->kind);
  if (!base) return 0;
  if (auto it = env_.enums.find(base->name);
      it != env_.enums.end() && !env_.vars.count(base->name)) {
    matched = true;
    const EnumDef& def = p_.enums[it->second];
    note(Reference::Kind::enum_type, m.object->span, def.span, it->second);
    for (size_t i = 0; i < def.values.size(); ++i) {
      if (def.values[i].name != m.field) continue;
      note(Reference::Kind::enum_value, m.field_span, def.values[i].span, it->second);
      return constant(Value::enumeration(it->second, static_cast<uint32_t>(i)),
                      ty.enum_(it->second), e.span);
    }
    std::vector<std::string> values;
    for (const auto& v : def.values) values.push_back(v.name);
    std::string help = did_you_mean_help(m.field, values);
    diags_.error("E0304", m.field_span,
                 fmt::format("enumeration `{}` has no value `{}`", base->name, m.field),
                 help.empty() ? enum_values_help(it->second) : help);
    return error_node(e.span);
  }
  if (base->name != "plan" || env_.vars.count("plan")) return 0;
  matched = true;
  if (m.field == "id") {
    p_.strings.push_back(p_.plan_id);
    Value v = p_.is_plan ? Value::string(p_.strings.back()) : Value::unknown();
    return constant(v, ty.string(), e.span);
  }
  for (size_t i = 0; i < p_.header.size(); ++i) {
    const HeaderField& h = p_.header[i];
    if (h.name != m.field) continue;
    note(Reference::Kind::header_field, m.field_span, h.span, static_cast<uint32_t>(i));
    return constant(h.value, h.type, e.span);
  }
  diags_.error("E0305", m.field_span, fmt::format("a plan header has no field `{}`", m.field));
  return error_node(e.span);
}

// `record.field`, or `list.field` on a list of records: the list of that field of each.
NodeIndex Lowering::lower_field(const ast::Expr& e, const ast::Member& m) {
  TypeTable& ty = p_.types;
  NodeIndex obj = lower(*m.object, 0);
  TypeId t = p_.nodes[obj].type;
  if (t == ty.error()) return error_node(e.span);
  bool optional = ty.is_optional(t);
  TypeId rt = ty.strip_optional(t);
  bool projects = ty.kind(rt) == TypeKind::list && ty.kind(ty.info(rt).elem) == TypeKind::record;
  TypeId record_type = projects ? ty.info(rt).elem : rt;
  if (ty.kind(record_type) != TypeKind::record) {
    diags_.error("E0306", m.field_span,
                 fmt::format("`{}` has no fields; it is `{}`", m.field, type_name(t)));
    return error_node(e.span);
  }
  uint32_t ri = ty.info(record_type).ref;
  const RecordDef& rec = p_.records[ri];
  for (size_t i = 0; i < rec.fields.size(); ++i) {
    if (rec.fields[i].name != m.field) continue;
    note(Reference::Kind::field, m.field_span, rec.fields[i].span, ri);
    TypeId ft = projects ? ty.list(rec.fields[i].type) : rec.fields[i].type;
    return emit(projects ? Op::project : Op::field, optional ? ty.optional(ft) : ft, e.span, obj,
                static_cast<uint32_t>(i));
  }
  if (projects) {
    diags_.error("E0306", m.field_span,
                 fmt::format("`{}` has no fields; it is `{}`", m.field, type_name(t)));
    return error_node(e.span);
  }
  std::string names;
  std::vector<std::string> fields;
  for (const auto& f : rec.fields) {
    names += (names.empty() ? "" : ", ") + f.name;
    fields.push_back(f.name);
  }
  std::string help = did_you_mean_help(m.field, fields);
  diags_.error("E0307", m.field_span, fmt::format("`{}` has no field `{}`", rec.name, m.field),
               help.empty() ? fmt::format("its fields are: {}", names) : help);
  return error_node(e.span);
}

}  // namespace sop::check
