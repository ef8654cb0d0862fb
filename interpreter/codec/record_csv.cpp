#include "interpreter/codec/record_csv.hpp"

#include <algorithm>
#include <charconv>
#include <optional>
#include <unordered_set>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "interpreter/codec/csv_cell.hpp"
#include "interpreter/codec/json_schema.hpp"
#include "lang/suggest.hpp"

namespace sop {

namespace {

constexpr std::string_view k_case_prefix = "case.";
constexpr uint32_t k_max_items = 999;  // FIELD.N.SUB: N from 1 to this

const RecordDef& record_def(const CaseDecoder& cases, const RecordDecoder& record) {
  return cases.program().records[record.record()];
}

// The record a list field's items are, or nullopt if field `f` is not a list of records.
std::optional<uint32_t> item_record(const Program& p, const RecordDef::Field& f) {
  TypeId t = p.types.strip_optional(f.type);
  if (p.types.kind(t) != TypeKind::list) return std::nullopt;
  TypeId e = p.types.strip_optional(p.types.info(t).elem);
  if (p.types.kind(e) != TypeKind::record) return std::nullopt;
  return p.types.info(e).ref;
}

std::vector<std::string> field_names(const RecordDef& def) {
  std::vector<std::string> names;
  for (const auto& f : def.fields) names.push_back(f.json);
  return names;
}

// The field of `def` that `name` spells (match_name), or nullopt; `problem` if it spells several.
std::optional<uint32_t> field_named(const RecordDef& def, std::string_view name,
                                    std::string& problem) {
  std::vector<std::string> names = field_names(def), ambiguous;
  std::string m = match_name(trim_cell(name), names, ambiguous);
  if (!ambiguous.empty())
    problem = fmt::format("\"{}\" could name the fields \"{}\" (write one exactly)", name,
                          fmt::join(ambiguous, "\", \""));
  if (m.empty()) return std::nullopt;
  return static_cast<uint32_t>(std::find(names.begin(), names.end(), m) - names.begin());
}

// FIELD.N.SUB as an item column of `def`, or a column of kind none.
RecordColumn item_column(const Program& p, const RecordDef& def, std::string_view name,
                         std::string& problem) {
  RecordColumn c;
  size_t a = name.find('.'), b = a == std::string_view::npos ? a : name.find('.', a + 1);
  if (b == std::string_view::npos || name.find('.', b + 1) != std::string_view::npos) return c;
  std::optional<uint32_t> f = field_named(def, name.substr(0, a), problem);
  if (!f) return c;
  std::optional<uint32_t> items = item_record(p, def.fields[*f]);
  std::string_view n = trim_cell(name.substr(a + 1, b - a - 1));
  uint32_t number = 0;
  auto r = std::from_chars(n.data(), n.data() + n.size(), number);
  if (!items || r.ec != std::errc() || r.ptr != n.data() + n.size() || number == 0 ||
      number > k_max_items)
    return c;
  const RecordDef& item = p.records[*items];
  std::optional<uint32_t> sub = field_named(item, name.substr(b + 1), problem);
  if (!sub) return c;
  c.kind = RecordColumn::Kind::item;
  c.index = *f;
  c.item = number;
  c.sub = *sub;
  c.name = fmt::format("{}.{}.{}", def.fields[*f].json, number, item.fields[*sub].json);
  return c;
}

}  // namespace

RecordColumn csv_record_column(const CaseDecoder& cases, const RecordDecoder& record,
                               std::string_view name, std::string& problem) {
  const Program& p = cases.program();
  const RecordDef& def = record_def(cases, record);
  RecordColumn c;
  const std::string& extension = record.extension_prefix();
  if (!extension.empty() && trim_cell(name).rfind(extension, 0) == 0)
    return RecordColumn{RecordColumn::Kind::extension, 0, 0, 0, std::string(trim_cell(name))};
  std::vector<std::string> ambiguous;
  bool prefixed = fold_name(name).rfind(k_case_prefix, 0) == 0;
  std::string_view fact_name = prefixed ? name.substr(k_case_prefix.size()) : name;
  int32_t fact = csv_header_fact(cases, fact_name, ambiguous);
  if (!ambiguous.empty())
    problem = fmt::format("\"{}\" could name the facts \"{}\" (write one exactly)", name,
                          fmt::join(ambiguous, "\", \""));
  if (fact != k_none) {
    c.kind = RecordColumn::Kind::fact;
    c.index = static_cast<uint32_t>(fact);
    c.name = p.vars[c.index].json;
  }
  if (prefixed) return c;
  std::optional<uint32_t> f = field_named(def, name, problem);
  if (f && c.kind == RecordColumn::Kind::fact) {
    problem = fmt::format(
        "\"{}\" names both the fact \"{}\" and the record's field \"{}\" (write \"case.{}\" for "
        "the fact)",
        name, c.name, def.fields[*f].json, c.name);
    return RecordColumn{};
  }
  if (f) return RecordColumn{RecordColumn::Kind::field, *f, 0, 0, def.fields[*f].json};
  if (c.kind == RecordColumn::Kind::fact) return c;
  return item_column(p, def, name, problem);
}

struct CsvRecordDecoder::Column {
  RecordColumn what;
  std::optional<CellReader> reader;  // field and item columns (not a list field's own column)
  TypeId type = 0;
  bool list = false;  // the column of a list field itself: `none` (an empty list) or empty
};

// The columns of one list field, by item number.
struct CsvRecordDecoder::List {
  uint32_t field = 0;
  uint32_t record = 0;  // the items' record type
  // Per item number present in the header, ascending: its columns (by header index).
  std::vector<std::pair<uint32_t, std::vector<size_t>>> items;
};

CsvRecordDecoder::CsvRecordDecoder(const CaseDecoder& cases, const RecordDecoder& record,
                                   const std::vector<std::string>& header, const TimeZone* zone)
    : p_(cases.program()), cases_(cases), zone_(zone), record_(record.record()) {
  const RecordDef& def = record_def(cases, record);
  std::vector<bool> others(header.size(), false);
  std::vector<std::string> fact_header;
  for (size_t i = 0; i < header.size(); ++i) {
    std::string problem;
    Column& col = columns_.emplace_back();
    col.what = csv_record_column(cases, record, header[i], problem);
    bool fact = col.what.kind == RecordColumn::Kind::fact;
    // A column this version does not know stays the case decoder's, which refuses its cells.
    others[i] = !fact && col.what.kind != RecordColumn::Kind::none;
    fact_header.push_back(fact ? col.what.name : header[i]);
    if (col.what.kind == RecordColumn::Kind::field) col.type = def.fields[col.what.index].type;
    if (col.what.kind == RecordColumn::Kind::item) add_item_column(def, i);
    col.list = col.what.kind == RecordColumn::Kind::field &&
               item_record(p_, def.fields[col.what.index]).has_value();
    if ((col.what.kind == RecordColumn::Kind::field && !col.list) ||
        col.what.kind == RecordColumn::Kind::item)
      col.reader.emplace(p_, cases, col.type);
  }
  for (List& l : lists_) std::sort(l.items.begin(), l.items.end());
  facts_ = std::make_unique<CsvCaseDecoder>(p_, cases, fact_header, zone, std::move(others));
}

CsvRecordDecoder::~CsvRecordDecoder() = default;

void CsvRecordDecoder::add_item_column(const RecordDef& def, size_t i) {
  Column& col = columns_[i];
  uint32_t items = *item_record(p_, def.fields[col.what.index]);
  col.type = p_.records[items].fields[col.what.sub].type;
  auto list = std::find_if(lists_.begin(), lists_.end(),
                           [&](const List& l) { return l.field == col.what.index; });
  if (list == lists_.end()) list = lists_.insert(lists_.end(), {col.what.index, items, {}});
  auto item = std::find_if(list->items.begin(), list->items.end(),
                           [&](const auto& it) { return it.first == col.what.item; });
  if (item == list->items.end()) item = list->items.insert(list->items.end(), {col.what.item, {}});
  item->second.push_back(i);
}

int CsvRecordDecoder::column_of_field(uint32_t field) const {
  for (size_t i = 0; i < columns_.size(); ++i)
    if (columns_[i].what.kind == RecordColumn::Kind::field && columns_[i].what.index == field)
      return static_cast<int>(i);
  return -1;
}

bool CsvRecordDecoder::read_cell(const Column& col, size_t i, const std::string& cell,
                                 RecordValues& r, Value& out, CellError& e) const {
  e.column = i + 1;
  nlohmann::json j;
  std::string error;
  bool ok = col.reader->read(cell, zone_, j, e);
  if (ok && !cases_.decode_typed(col.what.name, col.type, j, r.field_strings, out, error)) {
    e.expected = cases_.expected(col.type);
    ok = false;
  }
  if (ok) return true;
  describe_bad_cell(e, col.what.name, cell);
  return false;
}

void CsvRecordDecoder::decode_list(const List& list, const std::vector<std::string>& fields,
                                   RecordValues& r, std::vector<CellError>& cells) const {
  const RecordDef& item_def = p_.records[list.record];
  Value& out = r.fields[list.field];
  out.kind = ValueKind::list;
  out.u.i = static_cast<int64_t>(r.item_count);
  out.aux = 0;
  for (const auto& [number, columns] : list.items) {
    bool there = std::any_of(columns.begin(), columns.end(),
                             [&](size_t i) { return !trim_cell(fields[i]).empty(); });
    if (!there) continue;
    if (r.items.size() <= r.item_count) r.items.emplace_back();
    std::vector<Value>& item = r.items[r.item_count++];
    ++out.aux;
    item.assign(item_def.fields.size(), Value::unknown());
    for (size_t i : columns) {
      const Column& col = columns_[i];
      CellError e;
      if (trim_cell(fields[i]).empty()) {
        if (p_.types.is_optional(col.type)) continue;
        e.column = i + 1;
        e.field = col.what.name;
        e.expected = cases_.expected(col.type);
        e.message = fmt::format(
            "column {}: field \"{}\": expected {}, found an empty cell (item {} has other cells "
            "filled, and every item gives this field)",
            e.column, e.field, e.expected, number);
        cells.push_back(std::move(e));
        continue;
      }
      if (!read_cell(col, i, fields[i], r, item[col.what.sub], e)) cells.push_back(std::move(e));
    }
  }
  if (out.aux == 0) out = Value::unknown();  // no item filled: the list is absent
}

// A list field's own column: empty (the items' columns say it all), or `none`, the empty list —
// so that "an empty list" and "does not say" differ, as `[]` and an absent field do in JSON.
void CsvRecordDecoder::read_list_cell(size_t i, const std::string& cell, RecordValues& r,
                                      std::vector<CellError>& cells) const {
  std::string_view v = trim_cell(cell);
  if (v.empty()) return;
  const Column& col = columns_[i];
  Value& out = r.fields[col.what.index];
  bool none = fold_name(v) == "none";
  if (none && out.is_unknown()) {
    out.kind = ValueKind::list;
    out.u.i = static_cast<int64_t>(r.item_count);
    out.aux = 0;
    return;
  }
  CellError e;
  e.column = i + 1;
  e.expected = none ? fmt::format("an empty cell, as columns {}.N… are filled", col.what.name)
                    : fmt::format(
                          "\"none\" (no item) or an empty cell (the items are columns "
                          "{}.N.FIELD)",
                          col.what.name);
  describe_bad_cell(e, col.what.name, cell);
  cells.push_back(std::move(e));
}

bool CsvRecordDecoder::decode(const std::vector<std::string>& fields, size_t count, RecordValues& r,
                              std::string& error, std::vector<CellError>& cells) const {
  r.fields.assign(p_.records[record_].fields.size(), Value::unknown());
  r.item_count = 0;
  r.field_strings.strings.clear();
  bool ok = facts_->decode(fields, count, r.kase, error, cells);
  if (count != columns_.size()) return false;  // the case decoder said so
  for (size_t i = 0; i < count; ++i) {
    const Column& col = columns_[i];
    if (col.what.kind != RecordColumn::Kind::field || col.list || trim_cell(fields[i]).empty())
      continue;
    CellError e;
    if (!read_cell(col, i, fields[i], r, r.fields[col.what.index], e))
      cells.push_back(std::move(e));
  }
  for (const List& list : lists_) decode_list(list, fields, r, cells);
  for (size_t i = 0; i < count; ++i)
    if (columns_[i].list) read_list_cell(i, fields[i], r, cells);
  if (cells.empty()) return ok;
  std::sort(cells.begin(), cells.end(),
            [](const CellError& a, const CellError& b) { return a.column < b.column; });
  error.clear();
  for (const CellError& e : cells) error += (error.empty() ? "" : "; ") + e.message;
  return false;
}

std::vector<std::string> csv_record_header(const CaseDecoder& cases, const RecordDecoder& record,
                                           size_t items) {
  const Program& p = cases.program();
  std::vector<std::string> header = case_field_names(p);
  for (const auto& f : record_def(cases, record).fields) {
    std::optional<uint32_t> item = item_record(p, f);
    if (!item) {
      header.push_back(f.json);
      continue;
    }
    header.push_back(f.json);  // `none` for an empty list
    for (size_t n = 1; n <= items; ++n)
      for (const auto& sub : p.records[*item].fields)
        header.push_back(fmt::format("{}.{}.{}", f.json, n, sub.json));
  }
  return header;
}

namespace {

// An item that has columns needs one for each field an item requires (a row could give none of
// them otherwise). `seen` holds the canonical names of the header's columns.
std::string missing_item_column(
    const std::vector<RecordColumn>& items, const std::unordered_set<std::string>& seen,
    const std::vector<std::pair<const CaseDecoder*, const RecordDecoder*>>& decoders) {
  const auto& [cases, record] = decoders.front();
  const Program& p = cases->program();
  const RecordDef& def = record_def(*cases, *record);
  for (const RecordColumn& c : items) {
    if (c.index >= def.fields.size()) continue;
    std::optional<uint32_t> items_record = item_record(p, def.fields[c.index]);
    if (!items_record) continue;
    for (const auto& f : p.records[*items_record].fields) {
      std::string name = fmt::format("{}.{}.{}", def.fields[c.index].json, c.item, f.json);
      if (!p.types.is_optional(f.type) && !seen.count(name))
        return fmt::format(
            "no column \"{}\": item {} of \"{}\" has columns, and every item "
            "gives its \"{}\"",
            name, c.item, def.fields[c.index].json, f.json);
    }
  }
  return "";
}

}  // namespace

std::string check_csv_record_header(
    const std::vector<std::string>& header,
    const std::vector<std::pair<const CaseDecoder*, const RecordDecoder*>>& decoders) {
  std::unordered_set<std::string> seen;
  std::vector<RecordColumn> items;
  for (size_t i = 0; i < header.size(); ++i) {
    if (trim_cell(header[i]).empty())
      return fmt::format("column {}: the header names nothing", i + 1);
    RecordColumn known;
    std::string problem;
    for (const auto& [cases, record] : decoders) {
      RecordColumn c = csv_record_column(*cases, *record, header[i], problem);
      if (!problem.empty()) return fmt::format("column {}: {}", i + 1, problem);
      if (c.kind != RecordColumn::Kind::none && known.kind == RecordColumn::Kind::none) known = c;
    }
    if (known.kind == RecordColumn::Kind::none) {
      std::vector<std::string> names;
      const auto& [cases, record] = decoders.front();
      for (const auto& [json, _] : cases->fields()) names.push_back(json);
      for (const auto& f : record_def(*cases, *record).fields) names.push_back(f.json);
      std::optional<std::string> s = did_you_mean(fold_name(trim_cell(header[i])), names);
      return fmt::format("column {}: unknown field {}{}", i + 1, show_json(header[i]),
                         s ? fmt::format(" (did you mean \"{}\"?)", *s) : "");
    }
    if (!seen.insert(known.name).second)
      return fmt::format("column {}: field \"{}\" is given twice", i + 1, known.name);
    if (known.kind == RecordColumn::Kind::item) items.push_back(known);
  }
  return missing_item_column(items, seen, decoders);
}

}  // namespace sop
