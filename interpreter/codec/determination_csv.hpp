#pragma once
// Determinations as CSV rows, one per plan per case, under one flat header a spreadsheet can
// show: `line`, `plan`, `error`, then each output of the plans in declaration order (a record's
// fields as `output.field` columns, recursively; a list of records as one column per field, the
// items' values joined by "; "; a list of values joined by "; ", lists within lists by ", "),
// then `version`, `version_from`, `missing_facts` and, with the trace, `trace`. Nothing here knows
// an output by name: the columns come from the programs.
//
// Options (CsvLayout): the input's cells echoed as `input.NAME` columns after `error`; headers
// written for people ("Timeframe: due" for `timeframe.due`); rows for Excel (CRLF, and a text
// cell Excel would run as a formula written with a leading apostrophe).
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "interpreter/evaluator.hpp"

namespace sop {

// The outputs that only copy a fact (`output case_id: string? = id ?? null`): (output, fact).
// Error rows carry them from the input, so that a refused row can still be matched to its case.
std::vector<std::pair<uint32_t, uint32_t>> fact_copies(const Program& p);

// "Timeframe: due" for "timeframe.due", "Authorization required" for "authorization_required".
std::string readable_header(std::string_view json_name);

struct CsvLayout {
  bool trace = true;
  std::vector<std::string> echo;  // the input columns echoed, by their facts' JSON names
  bool readable = false;          // headers for people, not JSON names
  bool excel = false;             // CRLF, and formulas defused
};

class CsvColumns {
 public:
  // The input's cell of a fact, for error rows ("" if it has none).
  using FactCell = std::function<std::string_view(uint32_t fact)>;

  // The union of the plans' columns, in order of first appearance.
  CsvColumns(const std::vector<const Program*>& programs, bool trace);
  CsvColumns(const std::vector<const Program*>& programs, const CsvLayout& layout);
  const std::vector<std::string>& names() const { return names_; }
  // The header row, with its line break.
  std::string header() const;

  // Appends the row of the case last evaluated by `ev` under plan `plan` (an index into the
  // programs given), with its line break. Rendering may fault, as in JSON (ev.fault()).
  // `echo`: the input's cells, one per CsvLayout::echo name (null when nothing is echoed).
  void row(size_t plan, Evaluator& ev, uint64_t line, std::string& out,
           const std::string* echo = nullptr);
  // Appends an error row: the copies of facts (fact_copies) and the echo from the input.
  void error_row(size_t plan, uint64_t line, const std::string& error, std::string& out,
                 const std::string* echo = nullptr, const FactCell& cell = nullptr);

 private:
  struct Column {
    uint32_t var;                // the output
    std::vector<uint32_t> path;  // field indices below it
    size_t index;                // in names_
  };
  void add(size_t plan, const Program& p, uint32_t var, const std::string& name, TypeId type,
           std::vector<uint32_t>& path);
  size_t index_of(const std::string& name);
  void text(const Evaluator& ev, const Value& v, TypeId type, const std::vector<uint32_t>& path,
            size_t depth, int level, std::string& out) const;
  void flush(std::string& out);
  void put_echo(const std::string* echo);

  std::vector<const Program*> programs_;
  CsvLayout layout_;
  size_t echo_first_ = 0;                                         // the first echo column
  std::vector<std::vector<std::pair<size_t, uint32_t>>> copies_;  // per plan: (column, fact)
  std::vector<std::string> names_;
  // The columns of the version, missing_facts and trace.
  size_t version_ = 0, version_from_ = 0, missing_ = 0, trace_index_ = 0;
  std::vector<std::vector<Column>> columns_;  // per plan
  std::vector<std::string> cells_;            // the row being written, reused
};

}  // namespace sop
