#pragma once
// An output's value taken apart into the components a reader compares across plans, each with
// the citation that answers for it: `route.tier` (the route's own citation),
// `reasons[unclear_diagnosis]` (present: true; the reason's citation),
// `notices.deny[denial].contents[appeal_rights]` (the notice's citation). A list item that is a
// record is named by its first field (an id, a kind), as it is declared.
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "interpreter/evaluator.hpp"

namespace sop::analysis {

struct OutputComponent {
  std::string path;
  nlohmann::json value;        // a leaf's value (null: unknown or does not apply); an item: true
  int32_t cite_rule = k_none;  // the rule whose citation the component carries, or k_none
  bool unknown = false;        // null because the case does not determine it
};

// Why a component's value is null, for text only: JSON writes null either way, and comparisons
// do not tell the two apart (so rows and regions stay as they are). Bits, because the cases
// merged into one row or region may hold both.
enum NoValue : uint8_t { k_no_value_unknown = 1, k_no_value_null = 2 };

// A component's value as a reader says it, in every text, markdown and HTML report: an item
// (`reasons[x]`) is there (yes) or not (no); a flag yes / no; a name or number as itself; no value
// as `unknown` (interpreter/value_text.hpp) or `null` (does not apply), or both when both occur.
std::string component_text(const std::string& path, const nlohmann::json& value, uint8_t no_value);

// Appends the components of `v` (of type `type`) under `path`. `cite_rule` is the citation
// inherited from the enclosing value (a record or list item's own citation field wins). Items a
// partial list or set holds only possibly are left out, as in a determination.
void output_components(const Evaluator& ev, const Value& v, TypeId type, const std::string& path,
                       int32_t cite_rule, std::vector<OutputComponent>& out);

// The item paths a component lies inside (`notices.deny[denial]` for
// `notices.deny[denial].contents[appeal_rights]`), outermost first.
std::vector<std::string> enclosing_items(const std::string& path);

// Every value a component lies inside, innermost first: `route` for `route.tier`;
// `notices.deny[denial].contents`, `notices.deny[denial]`, `notices.deny`, `notices` for
// `notices.deny[denial].contents[appeal_rights]`.
std::vector<std::string> enclosing_values(const std::string& path);

// The NoValue bit of component `path` (of value `value`) in an alternative whose components
// are `has(p)`, `unknown_at(p)`: its own, or for a component the alternative lacks, that of the
// nearest enclosing value it has (`route` unknown has no `route.tier`); 0 when it has a value.
template <class Has, class Unknown>
uint8_t no_value_of(const std::string& path, const nlohmann::json& value, Has has,
                    Unknown unknown_at) {
  if (!value.is_null()) return 0;
  if (has(path)) return unknown_at(path) ? k_no_value_unknown : k_no_value_null;
  for (const std::string& outer : enclosing_values(path))
    if (has(outer)) return unknown_at(outer) ? k_no_value_unknown : k_no_value_null;
  return k_no_value_null;
}

}  // namespace sop::analysis
