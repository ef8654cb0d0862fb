#pragma once
// Writing what an evaluation found: the determination as JSON (outputs under their declared
// JSON names, in declaration order, then `missing_facts` and `trace`) and as readable text
// (values in it as interpreter/value_text.hpp shows them).
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "interpreter/evaluator.hpp"
#include "interpreter/value_text.hpp"

namespace sop {

struct RenderOptions {
  bool trace = true;
  // Said beside the version in text, e.g. why this version decided the case.
  std::string version_note;
};

// The determination of the case last evaluated by `ev`.
nlohmann::ordered_json determination_json(Evaluator& ev, const RenderOptions& options = {});
// One value as JSON (unknown → null; a record by its fields' JSON names).
nlohmann::ordered_json value_json(const Evaluator& ev, const Value& v, TypeId type);
// A readable determination: each output with its description, value and the cited rules
// that decided it, then the missing facts.
std::string determination_text(Evaluator& ev, const RenderOptions& options = {});

}  // namespace sop
