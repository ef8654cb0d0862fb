#include "cli/version_choice.hpp"

#include "lang/civil_time.hpp"

namespace sop::cli {

namespace {
// The case format's fact for the day the plan received a request (sop.case/1).
constexpr std::string_view k_received_at = "received_at";
}  // namespace

VersionChooser::VersionChooser(const PlanVersions& plan, std::optional<int32_t> as_of)
    : plan_(plan), as_of_(as_of), date_var_(plan.latest().program->find_var(k_received_at)) {}

std::optional<int32_t> VersionChooser::day_of(const Case& c) const {
  if (as_of_) return as_of_;
  if (date_var_ < 0) return std::nullopt;
  const Value& v = c.facts[static_cast<size_t>(date_var_)];
  if (v.kind == ValueKind::datetime) return civil::local_day({v.u.i, v.aux});
  if (v.kind == ValueKind::date) return static_cast<int32_t>(v.u.i);
  return std::nullopt;
}

VersionChoice VersionChooser::choose(const Case& c) const {
  VersionChoice choice;
  std::optional<int32_t> day = day_of(c);
  if (!day) {
    // Why the latest rather than a refusal: a case without a date is most often one being
    // decided now, and the determination's `version` says which version decided it.
    choice.index = plan_.versions.size() - 1;
    choice.latest_by_default = plan_.versions.size() > 1;
    return choice;
  }
  choice.index = plan_.in_force_on(*day);
  if (!choice.index) choice.error = not_in_force(plan_, *day);
  return choice;
}

std::optional<int32_t> parse_as_of(std::string_view text) {
  return civil::parse_date(text);
}

}  // namespace sop::cli
