#include "audit/summary.hpp"

#include <algorithm>

namespace sop::audit {

void Summary::add(const std::string& plan, const std::string& version, const Tally& tally,
                  const std::vector<Finding>& findings) {
  SummaryRow& row =
      rows_[Key{plan, version, std::string(tally.urgency), std::string(tally.decision)}];
  ++row.records;
  row.judged += tally.timeliness_judged;
  row.in_time += tally.timeliness_judged && tally.decided_in_time;
  row.notices_judged += tally.notices_judged;
  row.notified_in_time += tally.notices_judged && tally.notified_in_time;
  for (const Finding& f : findings) {
    ++by_kind_[static_cast<size_t>(f.kind)];
    if (is_violation(f.kind)) ++by_cite_[{f.kind, f.cite}];
  }
}

void Summary::merge(const Summary& other) {
  for (const auto& [key, r] : other.rows_) {
    SummaryRow& row = rows_[key];
    row.records += r.records;
    row.judged += r.judged;
    row.in_time += r.in_time;
    row.notices_judged += r.notices_judged;
    row.notified_in_time += r.notified_in_time;
  }
  for (size_t k = 0; k < k_finding_kinds; ++k) by_kind_[k] += other.by_kind_[k];
  for (const auto& [key, n] : other.by_cite_) by_cite_[key] += n;
  errors_ += other.errors_;
}

uint64_t Summary::records() const {
  uint64_t n = 0;
  for (const auto& [_, r] : rows_) n += r.records;
  return n;
}

uint64_t Summary::violations() const {
  uint64_t n = 0;
  for (size_t k = 0; k < k_finding_kinds; ++k)
    if (is_violation(static_cast<FindingKind>(k))) n += by_kind_[k];
  return n;
}

std::vector<FindingCount> Summary::top(size_t n) const {
  std::vector<FindingCount> all;
  for (const auto& [key, count] : by_cite_) all.push_back({key.first, key.second, count});
  std::stable_sort(all.begin(), all.end(),
                   [](const FindingCount& a, const FindingCount& b) { return a.count > b.count; });
  if (all.size() > n) all.resize(n);
  return all;
}

}  // namespace sop::audit
