#pragma once
// A CSV row as a case: the header names the facts, each cell is one fact's value, read by the
// fact's declared type in the forms spreadsheets write (csv_cell.hpp; docs/spreadsheets.md); an
// empty cell is absent (unknown). The row means what the JSON object with those fields would
// mean, and is checked by the same decoder. Every bad cell of a row is reported, not only the
// first.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "interpreter/codec/case_json.hpp"
#include "interpreter/codec/csv_cell.hpp"

namespace sop {

class TimeZone;

class CsvCaseDecoder {
 public:
  // `zone`: the time zone date-times without an offset are read in; null refuses them.
  // `others`: the columns that hold something beside the case (a record's fields, which its
  // reader reads: record_csv.hpp); this decoder skips them. Empty: every column is a fact's.
  CsvCaseDecoder(const Program& program, const CaseDecoder& decoder,
                 const std::vector<std::string>& header, const TimeZone* zone = nullptr,
                 std::vector<bool> others = {});

  // Decodes the first `count` fields of a row into `c`. False if the row is bad: then `error`
  // is the whole message (each bad cell's, joined by "; ") and `cells` holds each bad cell
  // (none when the row as a whole is bad, as when it has too few fields).
  bool decode(const std::vector<std::string>& fields, size_t count, Case& c, std::string& error,
              std::vector<CellError>& cells) const;

  // The cell of fact `fact` in a row as written, or "" when no column names it.
  std::string_view cell_of(const std::vector<std::string>& fields, size_t count,
                           uint32_t fact) const;

 private:
  bool decode_cell(size_t column, const std::string& cell, Case& c, CellError& e) const;

  const Program& p_;
  const CaseDecoder& decoder_;
  const TimeZone* zone_;
  std::vector<std::string> header_;
  std::vector<int32_t> fact_;  // per column: the fact, or k_none if this plan has no such fact
  std::vector<std::optional<CellReader>> readers_;  // per column, for a fact of this plan
  std::vector<bool> others_;                        // per column: not the case's
};

// The fact a header cell names: its JSON name exactly, else the one name it spells in another
// case or with spaces or hyphens for underscores ("Received At"); k_none if none, with the
// names it spells in `ambiguous` if several.
int32_t csv_header_fact(const CaseDecoder& decoder, std::string_view name,
                        std::vector<std::string>& ambiguous);

// Checks a CSV header against the plans' facts: every column named, once, and a fact of at least
// one plan. Returns the first problem ("column 3: unknown field \"flg\" (did you mean
// \"flag\"?)"), or "".
std::string check_csv_header(const std::vector<std::string>& header,
                             const std::vector<const CaseDecoder*>& decoders);

}  // namespace sop
