#pragma once
// The determination as compact JSON, written straight into a reused string: the same bytes as
// `determination_json(ev, options).dump(-1, ' ', false, replace)`, without the tree. Everything
// that comes from the program (keys, enumeration values, citations, rule titles) is escaped
// once, at construction, so writing a determination mostly appends ready-made pieces.
#include <string>
#include <vector>

#include "interpreter/codec/determination.hpp"
#include "interpreter/evaluator.hpp"

namespace sop {

class DeterminationWriter {
 public:
  explicit DeterminationWriter(const Program& program);

  // Appends the determination of the case last evaluated by `ev` (no newline). As with
  // determination_json, a fault met while writing (the missing facts re-evaluate) shows in
  // ev.fault() afterwards.
  void write(Evaluator& ev, const RenderOptions& options, std::string& out) const;

 private:
  void value(const Evaluator& ev, const Value& v, TypeId type, std::string& out) const;

  const Program& p_;
  std::vector<std::vector<std::string>> enum_json_;   // per enum, per value: the quoted JSON
  std::vector<std::vector<std::string>> field_keys_;  // per record, per field: `"json":`
  std::vector<std::string> document_json_;            // per document: its quoted reference
  std::vector<std::string> calendar_json_;            // per calendar: its quoted name
  std::vector<std::string> var_json_;                 // per var: the quoted JSON name
  std::vector<std::string> cite_json_;                // per rule: the quoted citation
  std::string version_json_;                          // `"version":…,"version_from":…,`
  std::vector<std::string> rule_trace_;  // per rule: `,"rule":…,"cite":…[,"baseline":…]}`
};

}  // namespace sop
