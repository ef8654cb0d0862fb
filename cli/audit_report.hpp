#pragma once
// The audit's summary as text and as an HTML report (its head: tables, SVG charts, the most
// frequent findings), through cli/html.hpp.
#include <string>
#include <vector>

#include "audit/summary.hpp"

namespace sop::cli {

std::string summary_text(const audit::Summary& s);
// `findings`: the first findings as sop.audit-finding/1 JSON lines (and sop.error/1 lines);
// `total`: how many there were.
std::string audit_html(const audit::Summary& s, const std::vector<std::string>& findings,
                       uint64_t total);

}  // namespace sop::cli
