// The checked program's lookups for tools, and the one definition of a node's operands.
#include "lang/program.hpp"

namespace sop {

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

const Reference* Program::reference_at(uint32_t file, uint32_t offset) const {
  const Reference* best = nullptr;
  for (const Reference& r : references) {
    const Location& b = r.use.begin;
    if (b.file != file || offset < b.offset || offset >= b.offset + r.use.length) continue;
    // Nested uses (`Type.value` inside a member) resolve to the innermost.
    if (!best || r.use.length < best->use.length) best = &r;
  }
  return best;
}

}  // namespace sop
