#pragma once
// Values as text, written once, so that a value reads the same in every text, markdown and HTML
// rendering: `sop eval`'s text, the REPL, `sop compare`, `sop diff`, `sop matrix`. JSON is not
// written here: it is the interchange contract (`sop.determination/1`, determination.hpp).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "lang/program.hpp"

namespace sop {

// How every text rendering shows a value the case does not determine (ValueKind::unknown). It
// is the language's own word for it (`unknown as`, `expect unknown`, the REPL's `:set F
// unknown`), and no shipped enumeration has a value so named (docs/design.md). JSON writes null.
inline constexpr std::string_view k_unknown_text = "unknown";
// How full text shows null, "does not apply": the language's literal, a reserved word that no
// enumeration value can spell.
inline constexpr std::string_view k_null_text = "null";
// How a table cell shows null: an empty-looking cell, as tables do.
inline constexpr std::string_view k_null_cell = "-";

// Full text, as the language would write the value: `out_of_network`, `"a string"`,
// `{ tier: plan_network, same_specialty: false }` (citation fields left out), `[a, b?]` where
// `?` marks an item only possibly in a partial list or set.
std::string value_text(const Program& p, const Value& v, TypeId type);

// A compact cell for tables: a record by its fields that say something (a true flag by its
// name, no nulls, falses or citations), a record inside a list by its first field (an id, a
// kind); a list or set by the items certainly in it, as the determination writes it, unbracketed
// (`[]` when there are none).
std::string cell_text(const Program& p, const Value& v, TypeId type);

// A duration as written in the language and in JSON: `72 hours`, `5 business_days`.
std::string duration_text(const Value& v);
// A duration's unit (Value::unit, a DurationUnit) as the language spells it.
inline std::string_view unit_name(uint8_t unit) {
  constexpr std::string_view names[] = {"hours", "days", "business_days"};
  return names[unit < 3 ? unit : 0];
}

// Columns UTF-8 text takes on a terminal: most code points one, East Asian wide ones and emoji
// two, combining marks none. A byte that is not valid UTF-8 counts one.
size_t display_width(std::string_view s);
// `s` padded with spaces to `width` display columns.
std::string pad(std::string_view s, size_t width);
// Greedy word wrap at `width` display columns. An over-long word is cut between code points,
// after an underscore when one is in the second half of the line. Never returns no line.
std::vector<std::string> wrap_text(std::string_view s, size_t width);

}  // namespace sop
