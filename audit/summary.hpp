#pragma once
// The audit's summary: per plan (and version), urgency and decision, how many records, how many
// were judged for timeliness and how many decided (and notified) within the timeframe; counts
// per finding kind; and the most frequent findings with their citations. Each worker keeps its
// own and they are merged at the end, so the figures do not depend on the number of threads.
#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "audit/auditor.hpp"

namespace sop::audit {

// The share of records an NCQA file review expects decided within the timeframe (UM 5).
constexpr double k_timeliness_threshold = 0.90;

struct SummaryRow {
  uint64_t records = 0;
  uint64_t judged = 0, in_time = 0;                   // decisions judged for timeliness
  uint64_t notices_judged = 0, notified_in_time = 0;  // records whose notices were judged
};

struct FindingCount {
  FindingKind kind;
  std::string cite;
  uint64_t count;
};

class Summary {
 public:
  // (plan, version, urgency, decision)
  using Key = std::tuple<std::string, std::string, std::string, std::string>;

  void add(const std::string& plan, const std::string& version, const Tally& tally,
           const std::vector<Finding>& findings);
  void add_error() { ++errors_; }
  void merge(const Summary& other);

  const std::map<Key, SummaryRow>& rows() const { return rows_; }
  const std::array<uint64_t, k_finding_kinds>& by_kind() const { return by_kind_; }
  uint64_t errors() const { return errors_; }
  uint64_t records() const;
  uint64_t violations() const;
  // The `n` most frequent (kind, cite) pairs among the violations, most frequent first (ties by
  // kind, then cite).
  std::vector<FindingCount> top(size_t n) const;

 private:
  std::map<Key, SummaryRow> rows_;
  std::array<uint64_t, k_finding_kinds> by_kind_{};
  std::map<std::pair<FindingKind, std::string>, uint64_t> by_cite_;
  uint64_t errors_ = 0;
};

}  // namespace sop::audit
