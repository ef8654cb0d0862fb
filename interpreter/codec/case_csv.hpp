#pragma once
// A CSV row as a case: the header names the facts (their JSON names), each cell is one fact's
// value, read by the fact's declared type; an empty cell is absent (unknown). The row means what
// the JSON object with those fields would mean, and is checked by the same decoder, so a bad
// cell gets the JSON decoder's message, prefixed by its column.
#include <string>
#include <vector>

#include "interpreter/codec/case_json.hpp"

namespace sop {

class CsvCaseDecoder {
 public:
  CsvCaseDecoder(const Program& program, const CaseDecoder& decoder,
                 const std::vector<std::string>& header);

  // Decodes the first `count` fields of a row into `c`; false with `error` if the row is bad.
  bool decode(const std::vector<std::string>& fields, size_t count, Case& c,
              std::string& error) const;

 private:
  const Program& p_;
  const CaseDecoder& decoder_;
  std::vector<std::string> header_;
  std::vector<int32_t> fact_;  // per column: the fact, or k_none if this plan has no such fact
};

// Checks a CSV header against the plans' facts: every column named, once, and a fact of at least
// one plan. Returns the first problem ("column 3: unknown field \"flg\" (did you mean
// \"flag\"?)"), or "".
std::string check_csv_header(const std::vector<std::string>& header,
                             const std::vector<const CaseDecoder*>& decoders);

}  // namespace sop
