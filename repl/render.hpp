#pragma once
// How the REPL shows expressions and facts (values themselves are shown by
// interpreter/value_text.hpp: cell_text for tables, value_text for explanations): an
// expression's source text, and what a program's nodes read (for "the facts this rule read" and
// for the facts a flip may change).
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "interpreter/evaluator.hpp"

namespace sop::repl {

// The value an output shows: its own, or its `unknown as` rendering when it is unknown.
Value shown_value(Evaluator& ev, uint32_t var);

// Whether an output is a row of the side-by-side table: bookkeeping derived from the header or
// the case (an inline derivation that is not an assembled record) is left out.
bool is_reported(const Program& p, uint32_t var);

// The source text of node `n` on one line (blanks collapsed), shortened to `max` characters.
std::string node_text(const Program& p, NodeIndex n, size_t max = 100);

// A fact's value as the user would type it after `:set` (enum and calendar values bare, strings
// quoted), from its case JSON.
std::string fact_text(const Program& p, uint32_t fact, const nlohmann::json& j);
// The same from a runtime value (a default, or a value a flip tries).
std::string fact_value_text(const Evaluator& ev, uint32_t fact, const Value& v);

// The facts and vars (outputs, defs) node `n` reads, in order of first appearance, looking into
// the bodies of the functions it calls but not into the definitions of the vars it reads.
std::vector<uint32_t> reads_of(const Program& p, NodeIndex n);
// The same for every node a var's value is computed from (its rules, exceptions, derivation).
std::vector<uint32_t> var_reads(const Program& p, uint32_t var);
// Every fact a var's value may depend on, transitively through the vars it reads, in
// declaration order.
std::vector<uint32_t> facts_behind(const Program& p, uint32_t var);

// The rule an exception modifies, or k_none for a rule that is not an exception.
int32_t exception_target(const Program& p, uint32_t rule);

}  // namespace sop::repl
