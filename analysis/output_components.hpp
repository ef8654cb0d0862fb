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
  nlohmann::json value;        // a leaf's value (null: none / unknown); an item's presence: true
  int32_t cite_rule = k_none;  // the rule whose citation the component carries, or k_none
};

// Appends the components of `v` (of type `type`) under `path`. `cite_rule` is the citation
// inherited from the enclosing value (a record or list item's own citation field wins). Items a
// partial list or set holds only possibly are left out, as in a determination.
void output_components(const Evaluator& ev, const Value& v, TypeId type, const std::string& path,
                       int32_t cite_rule, std::vector<OutputComponent>& out);

// The item paths a component lies inside (`notices.deny[denial]` for
// `notices.deny[denial].contents[appeal_rights]`), outermost first.
std::vector<std::string> enclosing_items(const std::string& path);

}  // namespace sop::analysis
