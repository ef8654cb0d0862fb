#pragma once
// The space of cases that can tell programs apart: for each fact the programs read, a finite
// set of representative values (absent first), chosen from the fact's type and the constants the
// rules compare it with. Facts are matched across programs by their JSON name.
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "interpreter/evaluator.hpp"
#include "interpreter/time_zone.hpp"

namespace sop::analysis {

struct FactDomain {
  std::string json;                     // the case field
  std::string doc;                      // its description (from the first program that has it)
  std::vector<nlohmann::json> values;   // representatives; values[0] is null: the fact is absent
  std::vector<std::string> value_docs;  // per value: its description (an enumeration's), or ""
  std::vector<int32_t> var;             // per program: the fact's var index, or k_none
  // [program][value]: the value as that program decodes it (absent: unknown).
  std::vector<std::vector<Value>> decoded;
};

class CaseSpace {
 public:
  // `zone`: the clock representative date-times are written on (their offset that day); none:
  // -08:00 throughout.
  explicit CaseSpace(const std::vector<const Program*>& programs, const TimeZone* zone = nullptr);

  const std::vector<FactDomain>& facts() const { return facts_; }
  // The domain index of program `p`'s var `var` (a fact), or -1.
  int32_t fact_of(size_t p, uint32_t var) const { return by_var_[p][var]; }

 private:
  std::vector<FactDomain> facts_;
  std::vector<std::vector<int32_t>> by_var_;
  std::vector<std::unique_ptr<Case>> storage_;  // owns decoded strings
};

}  // namespace sop::analysis
