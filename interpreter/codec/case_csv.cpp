#include "interpreter/codec/case_csv.hpp"

#include <optional>
#include <unordered_set>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "lang/suggest.hpp"

namespace sop {

int32_t csv_header_fact(const CaseDecoder& decoder, std::string_view name,
                        std::vector<std::string>& ambiguous) {
  int32_t f = decoder.fact_by_json(name);
  if (f != k_none) return f;
  std::vector<std::string> names;
  for (const auto& [json, _] : decoder.fields()) names.push_back(json);
  std::string m = match_name(trim_cell(name), names, ambiguous);
  return m.empty() ? k_none : decoder.fact_by_json(m);
}

CsvCaseDecoder::CsvCaseDecoder(const Program& program, const CaseDecoder& decoder,
                               const std::vector<std::string>& header, const TimeZone* zone,
                               std::vector<bool> others)
    : p_(program), decoder_(decoder), zone_(zone), header_(header), others_(std::move(others)) {
  others_.resize(header.size(), false);
  std::vector<std::string> ambiguous;
  for (size_t i = 0; i < header.size(); ++i) {
    fact_.push_back(others_[i] ? k_none : csv_header_fact(decoder, header[i], ambiguous));
    readers_.emplace_back();
    if (fact_.back() != k_none)
      readers_.back().emplace(program, decoder, program.vars[static_cast<uint32_t>(fact_.back())]);
  }
}

bool CsvCaseDecoder::decode_cell(size_t i, const std::string& cell, Case& c, CellError& e) const {
  // The error's fields are filled only on failure: the common cell allocates nothing here.
  e.column = i + 1;
  if (fact_[i] == k_none) {
    e.value = cell;
    // A column another plan knows: this plan refuses it as it would a JSON field.
    Case scratch(p_);
    decoder_.decode(nlohmann::json{{header_[i], nullptr}}, scratch, e.message);
    e.field = header_[i];
    e.message = fmt::format("column {}: {}", i + 1, e.message);
    return false;
  }
  uint32_t f = static_cast<uint32_t>(fact_[i]);
  nlohmann::json j;
  std::string error;
  bool ok = readers_[i]->read(cell, zone_, j, e);
  if (ok && !decoder_.decode_fact(f, j, c, error)) {
    // What the cell reader lets through and the decoder refuses (an integer out of range).
    const Var& var = p_.vars[f];
    e.expected = var.range_lo || var.range_hi
                     ? fmt::format("an integer from {} to {}",
                                   var.range_lo ? fmt::format("{}", *var.range_lo) : "-inf",
                                   var.range_hi ? fmt::format("{}", *var.range_hi) : "+inf")
                     : decoder_.expected(var.type);
    ok = false;
  }
  if (ok) return true;
  describe_bad_cell(e, p_.vars[f].json, cell);
  return false;
}

bool CsvCaseDecoder::decode(const std::vector<std::string>& fields, size_t count, Case& c,
                            std::string& error, std::vector<CellError>& cells) const {
  c.facts.assign(p_.vars.size(), Value::unknown());
  c.strings.clear();
  cells.clear();
  if (count != header_.size()) {
    error = fmt::format("expected {} fields, as the header has, found {}", header_.size(), count);
    return false;
  }
  for (size_t i = 0; i < count; ++i) {
    if (others_[i] || trim_cell(fields[i]).empty()) continue;  // an empty cell is absent
    CellError e;
    if (!decode_cell(i, fields[i], c, e)) cells.push_back(std::move(e));
  }
  if (cells.empty()) return true;
  error.clear();
  for (const CellError& e : cells) error += (error.empty() ? "" : "; ") + e.message;
  return false;
}

std::string_view CsvCaseDecoder::cell_of(const std::vector<std::string>& fields, size_t count,
                                         uint32_t fact) const {
  for (size_t i = 0; i < fact_.size() && i < count; ++i)
    if (fact_[i] == static_cast<int32_t>(fact)) return fields[i];
  return {};
}

std::string check_csv_header(const std::vector<std::string>& header,
                             const std::vector<const CaseDecoder*>& decoders) {
  std::unordered_set<std::string> seen;
  for (size_t i = 0; i < header.size(); ++i) {
    const std::string& name = header[i];
    if (trim_cell(name).empty()) return fmt::format("column {}: the header names no fact", i + 1);
    std::string fact;
    std::vector<std::string> ambiguous;
    for (const CaseDecoder* d : decoders) {
      int32_t f = csv_header_fact(*d, name, ambiguous);
      if (f != k_none && fact.empty()) fact = d->program().vars[static_cast<uint32_t>(f)].json;
    }
    if (!ambiguous.empty() && fact.empty())
      return fmt::format("column {}: \"{}\" could name the facts \"{}\" (write one exactly)", i + 1,
                         name, fmt::join(ambiguous, "\", \""));
    if (fact.empty()) {
      // The decoder's own message, with its "did you mean"; failing that, one for the name as
      // people write it ("Recieved At").
      std::string error;
      Case scratch;
      decoders.front()->decode(nlohmann::json{{name, nullptr}}, scratch, error);
      std::vector<std::string> names;
      for (const auto& [json, _] : decoders.front()->fields()) names.push_back(json);
      std::optional<std::string> s = did_you_mean(fold_name(trim_cell(name)), names);
      if (error.find("did you mean") == std::string::npos && s)
        error += fmt::format(" (did you mean \"{}\"?)", *s);
      return fmt::format("column {}: {}", i + 1, error);
    }
    if (!seen.insert(fact).second)
      return fmt::format("column {}: field \"{}\" is given twice", i + 1, fact);
  }
  return "";
}

}  // namespace sop
