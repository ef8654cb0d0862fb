#pragma once
// Judging one decision record (shared/spec/decision-record.md) against the plan's determination
// for its facts: the audit's rules, which say which record field is held against which output of
// sop.determination/1. The record's fields, the case's facts and the outputs are all declared in
// stdlib/case_format.sop; this is the one place that names them, so the interpreter (which reads
// the record by its declared types, interpreter/codec/record_json.hpp) stays generic.
#include <memory>
#include <string>
#include <vector>

#include "audit/finding.hpp"
#include "interpreter/codec/record_json.hpp"
#include "interpreter/evaluator.hpp"

namespace sop::audit {

// What the summary counts of one record (beside its findings).
struct Tally {
  std::string_view urgency;   // "urgent", "routine" or "unknown"
  std::string_view decision;  // the record's decision, or "none"
  bool timeliness_judged = false, decided_in_time = false;
  bool notices_judged = false, notified_in_time = false;
};

// The indices of what the audit reads in one plan's Program, looked up once.
struct Layout;

// The JSON Schema of `sop.decision-record/1` as the program declares it (null when it does not).
nlohmann::ordered_json decision_record_schema(const Program& program);

class Auditor {
 public:
  // Fails (empty `error` otherwise) when the program lacks a declaration the audit needs.
  static std::unique_ptr<Auditor> make(const Program& program, const CaseDecoder& cases,
                                       std::string& error);
  ~Auditor();

  const RecordDecoder& decoder() const { return *decoder_; }
  // Judges `r` with `ev` (which evaluates the case, tracing); appends findings.
  void judge(const RecordValues& r, Evaluator& ev, std::vector<Finding>& out, Tally& tally) const;
  // The record's case id, or empty.
  std::string_view case_id(const RecordValues& r) const;
  // The fact that holds the case id (for naming a record that could not be decoded).
  uint32_t case_id_fact() const;

 private:
  Auditor(const Program& program, std::unique_ptr<Layout> layout,
          std::unique_ptr<RecordDecoder> decoder);
  struct Judging;
  void judge_timeliness(Judging& j) const;
  void judge_notices(Judging& j) const;
  void judge_notice(Judging& j, const Value& required) const;
  void judge_route(Judging& j) const;
  void judge_decision(Judging& j) const;
  void judge_cost(Judging& j) const;
  void not_judged(Judging& j, uint32_t output, std::vector<Finding>& out) const;

  const Program& p_;
  std::unique_ptr<Layout> l_;
  std::unique_ptr<RecordDecoder> decoder_;
};

}  // namespace sop::audit
