#pragma once
// Types of the checked program, interned in a TypeTable so that a type is a small id and type
// equality is id equality.
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace sop {

using TypeId = uint32_t;

enum class TypeKind : uint8_t {
  error,  // the type of an expression that failed to check (suppresses cascades)
  null,   // the type of the literal `null`
  bool_,
  int_,
  string,
  date,
  datetime,
  duration,
  citation,
  document,
  calendar,
  enum_,     // ref = enum index
  record,    // ref = record index
  list,      // elem = item type
  set,       // elem = enum type
  optional,  // elem = the non-null type
  union_,    // members
};

struct TypeInfo {
  TypeKind kind = TypeKind::error;
  uint32_t ref = 0;             // enum or record index
  TypeId elem = 0;              // list / set / optional
  std::vector<TypeId> members;  // union, sorted
};

class TypeTable {
 public:
  TypeTable();
  TypeId intern(const TypeInfo& info);
  const TypeInfo& info(TypeId t) const { return types_[t]; }
  TypeKind kind(TypeId t) const { return types_[t].kind; }

  TypeId error() const { return 0; }
  TypeId null() const { return 1; }
  TypeId bool_() const { return 2; }
  TypeId int_() const { return 3; }
  TypeId string() const { return 4; }
  TypeId date() const { return 5; }
  TypeId datetime() const { return 6; }
  TypeId duration() const { return 7; }
  TypeId citation() const { return 8; }
  TypeId document() const { return 9; }
  TypeId calendar() const { return 10; }

  TypeId enum_(uint32_t index);
  TypeId record(uint32_t index);
  TypeId list(TypeId elem);
  TypeId set(TypeId elem);
  TypeId optional(TypeId t);                   // T? (idempotent; null? = null)
  TypeId union_(std::vector<TypeId> members);  // flattened; optional members hoisted to T?

  // The type without its optional wrapper.
  TypeId strip_optional(TypeId t) const;
  // The item type of a list or set type (through optional); 0 for any other type.
  TypeId item_type(TypeId t) const {
    TypeId s = strip_optional(t);
    return kind(s) == TypeKind::list || kind(s) == TypeKind::set ? info(s).elem : 0;
  }
  bool is_optional(TypeId t) const { return kind(t) == TypeKind::optional || t == null(); }
  // A value of type `from` may be used where `to` is expected.
  bool assignable(TypeId from, TypeId to) const;

 private:
  std::vector<TypeInfo> types_;
  // Each type's id by its contents, so that interning is a look-up, not a scan (a policy may
  // declare a hundred thousand enumerations).
  std::unordered_map<std::string, TypeId> ids_;
};

}  // namespace sop
