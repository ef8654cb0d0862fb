#include "interpreter/codec/case_csv.hpp"

#include <charconv>
#include <unordered_set>

#include <fmt/format.h>

namespace sop {

CsvCaseDecoder::CsvCaseDecoder(const Program& program, const CaseDecoder& decoder,
                               const std::vector<std::string>& header)
    : p_(program), decoder_(decoder), header_(header) {
  for (const std::string& name : header) fact_.push_back(decoder.fact_by_json(name));
}

namespace {

// The cell as the JSON value a case would carry for a fact of type `type`. A cell that does not
// read as that type is passed on as a string, so that the decoder says what it expected.
nlohmann::json cell_json(const Program& p, TypeId type, const std::string& cell) {
  TypeId t = p.types.strip_optional(type);
  switch (p.types.kind(t)) {
    case TypeKind::bool_:
      // Spreadsheets write TRUE / FALSE; JSON writes true / false.
      if (cell == "true" || cell == "TRUE" || cell == "True") return true;
      if (cell == "false" || cell == "FALSE" || cell == "False") return false;
      return cell;
    case TypeKind::int_: {
      int64_t i;
      auto r = std::from_chars(cell.data(), cell.data() + cell.size(), i);
      if (r.ec == std::errc() && r.ptr == cell.data() + cell.size()) return i;
      return cell;
    }
    case TypeKind::set: {
      // Members separated by semicolons: "a;b" or "a; b".
      nlohmann::json items = nlohmann::json::array();
      size_t i = 0;
      while (i <= cell.size()) {
        size_t end = cell.find(';', i);
        if (end == std::string::npos) end = cell.size();
        size_t b = cell.find_first_not_of(' ', i), e = cell.find_last_not_of(' ', end - 1);
        if (b < end && e != std::string::npos && e >= b) items.push_back(cell.substr(b, e - b + 1));
        i = end + 1;
      }
      return items;
    }
    default:
      return cell;
  }
}

}  // namespace

bool CsvCaseDecoder::decode(const std::vector<std::string>& fields, size_t count, Case& c,
                            std::string& error) const {
  c.facts.assign(p_.vars.size(), Value::unknown());
  c.strings.clear();
  if (count != header_.size()) {
    error = fmt::format("expected {} fields, as the header has, found {}", header_.size(), count);
    return false;
  }
  for (size_t i = 0; i < count; ++i) {
    const std::string& cell = fields[i];
    if (cell.empty()) continue;  // an empty cell is absent
    if (fact_[i] == k_none) {
      // A column another plan knows: this plan refuses it as it would a JSON field.
      Case scratch(p_);
      decoder_.decode(nlohmann::json{{header_[i], nullptr}}, scratch, error);
      error = fmt::format("column {}: {}", i + 1, error);
      return false;
    }
    uint32_t f = static_cast<uint32_t>(fact_[i]);
    if (!decoder_.decode_fact(f, cell_json(p_, p_.vars[f].type, cell), c, error)) {
      error = fmt::format("column {}: {}", i + 1, error);
      return false;
    }
  }
  return true;
}

std::string check_csv_header(const std::vector<std::string>& header,
                             const std::vector<const CaseDecoder*>& decoders) {
  std::unordered_set<std::string> seen;
  for (size_t i = 0; i < header.size(); ++i) {
    const std::string& name = header[i];
    if (name.empty()) return fmt::format("column {}: the header names no fact", i + 1);
    if (!seen.insert(name).second)
      return fmt::format("column {}: field \"{}\" is given twice", i + 1, name);
    bool known = false;
    for (const CaseDecoder* d : decoders) known = known || d->fact_by_json(name) != k_none;
    if (!known) {
      // The decoder's own message, with its "did you mean".
      std::string error;
      Case scratch;
      decoders.front()->decode(nlohmann::json{{name, nullptr}}, scratch, error);
      return fmt::format("column {}: {}", i + 1, error);
    }
  }
  return "";
}

}  // namespace sop
