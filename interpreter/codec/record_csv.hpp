#pragma once
// A CSV row as one line of a log: the case's facts as columns (as case_csv.hpp reads them) and,
// beside them, the fields of a record type the program declares (record_json.hpp is the JSON
// form of the same line). A column names
//   - a fact of the case, by its JSON name (or `case.NAME`, which can only name a fact);
//   - a field of the record, by its JSON name;
//   - a field of one item of a field that is a list of records, as `FIELD.N.SUB`: item N
//     (from 1) of list FIELD, its field SUB. An item is there when any of its cells is filled,
//     and items are taken in the order of their numbers;
//   - such a list field itself, `FIELD`: `none` says the list is empty (an empty cell says
//     nothing, and with no item filled the field is absent, as an empty cell is).
// A column whose name begins with the record decoder's extension prefix is the log's own
// annotation, and skipped, as the JSON form skips such keys.
// Names are matched as case_csv.hpp matches facts (exactly, else in another case or with spaces
// or hyphens for underscores). Every cell is read by its declared type in the forms spreadsheets
// write (csv_cell.hpp); an empty cell is absent. Every bad cell of a row is reported.
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "interpreter/codec/case_csv.hpp"
#include "interpreter/codec/record_json.hpp"

namespace sop {

class TimeZone;

// What one header cell names in one program.
struct RecordColumn {
  enum class Kind { none, fact, field, item, extension };
  Kind kind = Kind::none;
  uint32_t index = 0;  // fact: the fact; field and item: the record's field
  uint32_t item = 0;   // item: N, from 1
  uint32_t sub = 0;    // item: the item record's field
  std::string name;    // the canonical name: the fact's or field's JSON name, or FIELD.N.SUB
};

// Classifies header cell `name` for the record type of `record`. `problem` is set (and the kind
// is none) when the name is ambiguous: it spells several names, or names both a fact and a field.
RecordColumn csv_record_column(const CaseDecoder& cases, const RecordDecoder& record,
                               std::string_view name, std::string& problem);

class CsvRecordDecoder {
 public:
  // `zone`: the time zone date-times without an offset are read in; null refuses them.
  CsvRecordDecoder(const CaseDecoder& cases, const RecordDecoder& record,
                   const std::vector<std::string>& header, const TimeZone* zone);
  ~CsvRecordDecoder();

  // Decodes the first `count` fields of a row into `r`. False if the row is bad: then `error` is
  // the whole message (each bad cell's, joined by "; ") and `cells` holds each bad cell.
  bool decode(const std::vector<std::string>& fields, size_t count, RecordValues& r,
              std::string& error, std::vector<CellError>& cells) const;

  // The column that holds record field `field` (not an item's), or -1.
  int column_of_field(uint32_t field) const;
  // The cell of fact `fact` in a row as written, or "" (for an error line to name its case).
  std::string_view cell_of_fact(const std::vector<std::string>& fields, size_t count,
                                uint32_t fact) const {
    return facts_->cell_of(fields, count, fact);
  }

 private:
  struct Column;
  struct List;
  void add_item_column(const RecordDef& def, size_t column);
  bool read_cell(const Column& col, size_t i, const std::string& cell, RecordValues& r, Value& out,
                 CellError& e) const;
  void decode_list(const List& list, const std::vector<std::string>& fields, RecordValues& r,
                   std::vector<CellError>& cells) const;
  void read_list_cell(size_t column, const std::string& cell, RecordValues& r,
                      std::vector<CellError>& cells) const;

  const Program& p_;
  const CaseDecoder& cases_;
  const TimeZone* zone_;
  uint32_t record_;
  std::unique_ptr<CsvCaseDecoder> facts_;
  std::vector<Column> columns_;  // per header column
  std::vector<List> lists_;      // per list field the header has item columns of
};

// A blank log's header: the case's facts (their JSON names, in declaration order), the record's
// fields, and for a field that is a list of records its own column and `items` numbered groups.
std::vector<std::string> csv_record_header(const CaseDecoder& cases, const RecordDecoder& record,
                                           size_t items);

// Checks a CSV log's header against the plans' (case, record) decoders: every column names a
// fact or field of at least one, unambiguously, once; an item that has columns has one for each
// field an item requires. Returns the first problem ("column 3: unknown field …"), or "".
std::string check_csv_record_header(
    const std::vector<std::string>& header,
    const std::vector<std::pair<const CaseDecoder*, const RecordDecoder*>>& decoders);

}  // namespace sop
