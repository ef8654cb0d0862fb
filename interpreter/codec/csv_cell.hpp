#pragma once
// One spreadsheet cell read as a fact of its declared type: the forms spreadsheets write
// (docs/spreadsheets.md) turned into the JSON value a `sop.case/1` object would carry, which the
// case decoder then checks as it checks JSON — so a cell means what the JSON value means, and
// nothing is guessed: a cell that reads as no value of the type, or as more than one, is an
// error that says what was expected and, where one is near, what was perhaps meant.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "interpreter/codec/case_json.hpp"

namespace sop {

class TimeZone;

// A bad cell: where, what it holds, what was expected. `message` is the whole sentence.
struct CellError {
  size_t column = 0;       // 1-based
  std::string field;       // the fact's JSON name
  std::string value;       // the cell as written
  std::string expected;    // what the column takes ("" when the message says it otherwise)
  std::string suggestion;  // the value perhaps meant, or ""
  std::string message;     // "column 3: field \"flag\": expected …, found \"maybe\" …"
};

// Fills `e`'s field, value and message ("column 3: field \"flag\": expected …, found \"maybe\"
// (did you mean …?)") from its column, expected and suggestion: the one wording of a bad cell.
void describe_bad_cell(CellError& e, std::string field, std::string_view value);

// The bad cells of a CSV row as the `errors` array that `sop.error/1` adds
// (docs/spreadsheets.md): `,"errors":[{"column","field","value","expected","did_you_mean"}…]`.
void append_cell_errors(const std::vector<CellError>& cells, std::string& out);

// Reads one column's cells as fact `fact` of `p`, or as a value of a declared type (a record's
// field); built once per column, so that reading a cell allocates nothing but the value.
class CellReader {
 public:
  CellReader(const Program& p, const CaseDecoder& decoder, const Var& fact);
  CellReader(const Program& p, const CaseDecoder& decoder, TypeId type);
  // Reads `cell` (not empty once trimmed: an empty cell is an absent fact, the caller's
  // business). Date-times without an offset are read on the wall clock of `zone`, and refused
  // when `zone` is null. Returns false with `error` filled (but for its column and field).
  bool read(std::string_view cell, const TimeZone* zone, nlohmann::json& out,
            CellError& error) const;

 private:
  std::optional<int64_t> lo_, hi_;  // an integer fact's range
  TypeKind kind_;
  std::vector<std::string> names_;  // enumeration, set or calendar: the names a cell may give
  std::string expected_;            // their message
};

// The time forms, which read_cell uses for dates and date-times (csv_cell_time.cpp). A date:
// "2026-07-15" or, in U.S. order, "7/15/2026". A date-time: RFC 3339 with its offset, or
// without one, on the wall clock of `zone`: "2026-07-15 09:05[:30]", "2026-07-15T09:05",
// "7/15/2026 9:05[:30]" or "7/15/2026 9:05[:30] AM" (12-hour, AM / PM in any case).
bool read_date_cell(std::string_view cell, nlohmann::json& out, CellError& error);
bool read_datetime_cell(std::string_view cell, const TimeZone* zone, nlohmann::json& out,
                        CellError& error);

// `s` without the spaces and tabs around it.
std::string_view trim_cell(std::string_view s);

// Lower case, with spaces and hyphens as underscores: how a name not written exactly is
// compared ("Received At" → "received_at").
std::string fold_name(std::string_view s);

// The value among `names` that `text` spells in another case, or with spaces or hyphens for
// underscores ("Treating Provider" for "treating_provider"); "" if none. When more than one
// does, `ambiguous` lists them.
std::string match_name(std::string_view text, const std::vector<std::string>& names,
                       std::vector<std::string>& ambiguous);

}  // namespace sop
