#pragma once
// Reading cases from JSON, by the facts the program declares (their JSON names and types):
// the interpreter knows no fact by name. A field that is not declared, or a value of the wrong
// type or outside its enumeration or range, is refused with a message that names the field,
// the value and what was expected; nothing is silently ignored or defaulted.
#include <string>
#include <string_view>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "interpreter/evaluator.hpp"

namespace sop {

class CaseDecoder {
 public:
  explicit CaseDecoder(const Program& program);

  // Decodes one case object into `c` (reset first). On error returns false and sets `error`.
  bool decode(const nlohmann::json& j, Case& c, std::string& error) const;
  // Parses JSON text, then decodes it. Malformed JSON is reported with line and column.
  bool decode_text(std::string_view text, Case& c, std::string& error) const;
  // Decodes one fact's value (for the REPL's `set`): `j` as the case would carry it.
  bool decode_fact(uint32_t fact, const nlohmann::json& j, Case& c, std::string& error) const;

  // The common case, fast: a flat object of plain values, every one of which decodes. Returns
  // false as soon as anything is unusual (an escape, an error, a float, a duplicate, ...),
  // having decided nothing: decode_text then takes the general path, which gives the same
  // result or the precise error. case_json_fast.cpp.
  bool decode_fast(std::string_view text, Case& c) const;
  // The string value of fact `fact` in the case text `text`, or "" if the text is not an object
  // or gives none: for an error record to name the case it refuses (slow; errors only).
  std::string string_field(std::string_view text, uint32_t fact) const;
  // The fact whose JSON name is `name`, or k_none.
  int32_t fact_by_json(std::string_view name) const;

  // What a value of `type` must be, as messages say it ("true or false", "one of \"a\", \"b\"").
  std::string expected(TypeId type) const;

  const Program& program() const { return p_; }

  // The JSON name → fact var index table.
  const std::unordered_map<std::string, uint32_t>& fields() const { return by_json_; }

 private:
  bool decode_value(const std::string& field, TypeId type, const nlohmann::json& j, Case& c,
                    Value& out, std::string& error) const;
  std::string suggestion(const std::string& field) const;

  const Program& p_;
  std::unordered_map<std::string, uint32_t> by_json_;
  // by_length_[n]: the facts whose JSON names are n bytes long, for decode_fast's look-ups
  // by string_view.
  std::vector<std::vector<std::pair<std::string_view, uint32_t>>> by_length_;
};

// Renders a JSON value for messages: strings quoted, long values shortened.
std::string show_json(const nlohmann::json& j);

}  // namespace sop
