#pragma once
// One finding of `sop audit` (shared/spec/decision-record.md, `sop.audit-finding/1`): what is
// wrong with a record, what the policy requires, what the record shows, and the section that
// requires it.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace sop::audit {

enum class FindingKind : uint8_t {
  late_decision,
  overdue_pending,
  missing_notice,
  late_notice,
  missing_notice_content,
  missing_recipient,
  route_mismatch,
  contrary_denial,
  member_charged,
  not_judged,
};
constexpr size_t k_finding_kinds = 10;

constexpr std::array<std::string_view, k_finding_kinds> k_finding_names = {
    "late_decision",          "overdue_pending",   "missing_notice", "late_notice",
    "missing_notice_content", "missing_recipient", "route_mismatch", "contrary_denial",
    "member_charged",         "not_judged"};

inline std::string_view name(FindingKind k) {
  return k_finding_names[static_cast<size_t>(k)];
}
// `not_judged` is information; every other kind is a violation of the cited section.
inline bool is_violation(FindingKind k) {
  return k != FindingKind::not_judged;
}

struct Finding {
  FindingKind kind;
  std::string expected;  // JSON text
  std::string actual;    // JSON text
  std::string cite;
};

}  // namespace sop::audit
