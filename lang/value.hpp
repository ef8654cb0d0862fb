#pragma once
// A runtime value: 24 bytes, trivially copyable, never owning memory. Strings point into the
// program (constants) or the case being evaluated; records and lists point into the
// evaluator's per-case arena. The checker uses the same representation for constants.
#include <cstdint>
#include <string_view>

namespace sop {

enum class ValueKind : uint8_t {
  unknown,  // the case does not say (three-valued logic)
  null,     // does not apply
  bool_,
  int_,
  string,
  date,      // i: days since 1970-01-01
  datetime,  // i: epoch seconds; aux: offset in minutes
  duration,  // i: amount; unit: a DurationUnit
  enum_,     // aux: enum index; i: value index
  set,       // aux: enum index; bits: values certainly in; maybe: values possibly in
  record,    // aux: record index; items: the fields, in declaration order
  list,      // aux: item count; items; maybe: bit i set if item i is only possibly in
  citation,  // aux: rule index
  document,  // aux: document index
  calendar,  // aux: calendar index
};

// The unit of a duration value, as written (`72 hours`, `5 business_days`).
enum class DurationUnit : uint8_t { hours, days, business_days };

struct Value {
  ValueKind kind = ValueKind::unknown;
  uint8_t unit = 0;
  uint16_t reserved = 0;
  int32_t aux = 0;
  union {
    bool b;
    int64_t i;
    uint64_t bits;
    const char* str;  // string: aux is the length
    const Value* items;
  } u{};
  uint64_t maybe = 0;

  static Value unknown() { return {}; }
  static Value null() {
    Value v;
    v.kind = ValueKind::null;
    return v;
  }
  static Value boolean(bool b) {
    Value v;
    v.kind = ValueKind::bool_;
    v.u.b = b;
    return v;
  }
  static Value integer(int64_t i) {
    Value v;
    v.kind = ValueKind::int_;
    v.u.i = i;
    return v;
  }
  static Value string(std::string_view s) {
    Value v;
    v.kind = ValueKind::string;
    v.u.str = s.data();
    v.aux = static_cast<int32_t>(s.size());
    return v;
  }
  static Value date(int32_t days) {
    Value v;
    v.kind = ValueKind::date;
    v.u.i = days;
    return v;
  }
  static Value datetime(int64_t epoch_seconds, int32_t offset_minutes) {
    Value v;
    v.kind = ValueKind::datetime;
    v.u.i = epoch_seconds;
    v.aux = offset_minutes;
    return v;
  }
  static Value duration(int64_t amount, uint8_t unit) {
    Value v;
    v.kind = ValueKind::duration;
    v.u.i = amount;
    v.unit = unit;
    return v;
  }
  static Value enumeration(uint32_t enum_index, uint32_t value_index) {
    Value v;
    v.kind = ValueKind::enum_;
    v.aux = static_cast<int32_t>(enum_index);
    v.u.i = value_index;
    return v;
  }
  static Value handle(ValueKind kind, uint32_t index) {
    Value v;
    v.kind = kind;
    v.aux = static_cast<int32_t>(index);
    return v;
  }

  bool is_unknown() const { return kind == ValueKind::unknown; }
  bool is_null() const { return kind == ValueKind::null; }
  bool is_true() const { return kind == ValueKind::bool_ && u.b; }
  bool is_false() const { return kind == ValueKind::bool_ && !u.b; }
  std::string_view text() const { return {u.str, static_cast<size_t>(aux)}; }
  // A list or set some of whose members are only possibly in it.
  bool is_partial() const { return maybe != 0; }
  // List item `i` is only possibly in the list (a `collect` item whose condition is unknown).
  // Only the first 64 items can be uncertain; later ones are always certain.
  constexpr bool item_maybe(uint64_t i) const { return i < 64 && ((maybe >> i) & 1); }
  // Enum value `i` is certainly a member of the set.
  constexpr bool has_member(uint64_t i) const { return i < 64 && ((u.bits >> i) & 1); }
  // Enum value `i` is possibly, not certainly, a member of the set.
  constexpr bool member_maybe(uint64_t i) const { return i < 64 && ((maybe >> i) & 1); }
};

static_assert(sizeof(Value) == 24, "Value is meant to stay small");

}  // namespace sop
