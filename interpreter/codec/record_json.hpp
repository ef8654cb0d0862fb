#pragma once
// Reading a JSON object that carries a case under one key and, beside it, the fields of a record
// type the program declares: a line of a log says what was asked (the case) and what was done
// (the record's fields). Which key and which record type are the caller's; the interpreter knows
// neither by name, and reads each field by its declared type, as it reads facts. A key that is
// not a field of the record is refused with a did-you-mean, except keys that begin with the
// caller's extension prefix, which are skipped (a log's own annotations).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "interpreter/codec/case_json.hpp"

namespace sop {

// One decoded line. Reused from line to line: decoding allocates only when a line is larger than
// any before it.
struct RecordValues {
  Case kase;
  // By the record type's field index; unknown when absent or null. A field whose type is a list
  // of records is a Value of kind list with `aux` items, the first at index `u.i` of `items`.
  std::vector<Value> fields;
  std::vector<std::vector<Value>> items;  // each list item's fields (the first `item_count`)
  size_t item_count = 0;
  Case field_strings;                            // where the record's own string values are kept
  std::vector<std::string_view> extension_keys;  // the fast path's scratch

  // The fields of item `k` of list field value `list`.
  const std::vector<Value>& item(const Value& list, int32_t k) const {
    return items[static_cast<size_t>(list.u.i) + static_cast<size_t>(k)];
  }
};

class RecordDecoder {
 public:
  // `record`: the index of the record type in `program.records`.
  RecordDecoder(const Program& program, const CaseDecoder& cases, std::string case_key,
                uint32_t record, std::string extension_prefix);

  // Parses one line and decodes it into `r`. On error returns false and sets `error`, which
  // names the field and the value.
  bool decode_text(std::string_view text, RecordValues& r, std::string& error) const;
  bool decode(const nlohmann::json& j, RecordValues& r, std::string& error) const;
  // The common case, fast: one scan, the case through CaseDecoder::decode_fast; false, having
  // decided nothing, on anything unusual (record_json_fast.cpp). decode_text tries it first.
  bool decode_fast(std::string_view text, RecordValues& r) const;

  // The record field whose JSON name is `json`, or k_none.
  int32_t field(std::string_view json) const;
  uint32_t record() const { return record_; }
  // Keys (and CSV columns) that begin with this are a log's own annotations, skipped; "" if none.
  const std::string& extension_prefix() const { return extension_prefix_; }

  // The value of a top-level string member `key` of the JSON object `text`, found without
  // parsing the object (so a caller can choose a decoder by it); nullopt when it is absent, not
  // a plain string (escapes included) or the text is not a well-formed enough object to tell.
  static std::optional<std::string_view> top_level_string(std::string_view text,
                                                          std::string_view key);

 private:
  bool decode_field(uint32_t field, const nlohmann::json& j, RecordValues& r,
                    std::string& error) const;
  bool decode_items(const std::string& name, TypeId item_type, const nlohmann::json& j,
                    RecordValues& r, Value& out, std::string& error) const;
  bool decode_item(const std::string& name, uint32_t record, const nlohmann::json& j,
                   RecordValues& r, std::vector<Value>& out, std::string& error) const;
  bool scan_items(JsonScanner& s, TypeId item_type, RecordValues& r, Value& out) const;
  std::string unknown_key(const std::string& key, const RecordDef& def, bool top) const;

  const Program& p_;
  const CaseDecoder& cases_;
  std::string case_key_;
  uint32_t record_;
  std::string extension_prefix_;
};

}  // namespace sop
