#pragma once
// Determinations as CSV rows, one per plan per case, under one flat header a spreadsheet can
// show: `line`, `plan`, `error`, then each output of the plans in declaration order (a record's
// fields as `output.field` columns, recursively; a list of records as one column per field, the
// items' values joined by "; "; a list of values joined by "; ", lists within lists by ", "),
// then `version`, `version_from`, `missing_facts` and, with the trace, `trace`. Nothing here knows
// an output by name: the columns come from the programs.
#include <string>
#include <vector>

#include "interpreter/evaluator.hpp"

namespace sop {

class CsvColumns {
 public:
  // The union of the plans' columns, in order of first appearance.
  CsvColumns(const std::vector<const Program*>& programs, bool trace);
  const std::vector<std::string>& names() const { return names_; }
  // The header row, with its line break.
  std::string header() const;

  // Appends the row of the case last evaluated by `ev` under plan `plan` (an index into the
  // programs given), with its line break. Rendering may fault, as in JSON (ev.fault()).
  void row(size_t plan, Evaluator& ev, uint64_t line, std::string& out);
  // Appends an error row.
  void error_row(size_t plan, uint64_t line, const std::string& error, std::string& out);

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

  std::vector<const Program*> programs_;
  bool trace_;
  std::vector<std::string> names_;
  // The columns of the version, missing_facts and trace.
  size_t version_ = 0, version_from_ = 0, missing_ = 0, trace_index_ = 0;
  std::vector<std::vector<Column>> columns_;  // per plan
  std::vector<std::string> cells_;            // the row being written, reused
};

}  // namespace sop
