#include "cli/audit_report.hpp"

#include <fmt/format.h>

#include <map>
#include <nlohmann/json.hpp>

#include "cli/html.hpp"

namespace sop::cli {

namespace {

using audit::FindingKind;
using audit::k_finding_kinds;
using audit::Summary;
using audit::SummaryRow;

std::string percent(uint64_t n, uint64_t of) {
  return of == 0 ? "-"
                 : fmt::format("{:.1f}%", 100.0 * static_cast<double>(n) / static_cast<double>(of));
}

bool below(uint64_t n, uint64_t of) {
  return of > 0 && static_cast<double>(n) < audit::k_timeliness_threshold * static_cast<double>(of);
}

// "112 of 118 (94.9%)", marked when below the threshold.
std::string share(uint64_t n, uint64_t of) {
  if (of == 0) return "-";
  return fmt::format("{} of {} ({}){}", n, of, percent(n, of), below(n, of) ? " < 90%" : "");
}

// The rows per plan and version, summed over urgency and decision.
std::map<std::pair<std::string, std::string>, SummaryRow> per_plan(const Summary& s) {
  std::map<std::pair<std::string, std::string>, SummaryRow> plans;
  for (const auto& [key, r] : s.rows()) {
    SummaryRow& p = plans[{std::get<0>(key), std::get<1>(key)}];
    p.records += r.records;
    p.judged += r.judged;
    p.in_time += r.in_time;
    p.notices_judged += r.notices_judged;
    p.notified_in_time += r.notified_in_time;
  }
  return plans;
}

std::string plan_label(const std::string& plan, const std::string& version) {
  return version.empty() ? plan : fmt::format("{} (version {})", plan, version);
}

// "1 record", "2 records".
std::string counted(uint64_t n, std::string_view noun) {
  return fmt::format("{} {}{}", n, noun, n == 1 ? "" : "s");
}

}  // namespace

std::string summary_text(const Summary& s) {
  std::string out = fmt::format(
      "summary: {}, {}, {}, {} not judged (threshold: {:.0f}% of "
      "decisions within the timeframe)\n",
      counted(s.records() + s.errors(), "record"), counted(s.errors(), "error"),
      counted(s.violations(), "violation"),
      s.by_kind()[static_cast<size_t>(FindingKind::not_judged)],
      100 * audit::k_timeliness_threshold);
  std::string plan;
  for (const auto& [key, r] : s.rows()) {
    std::string label = plan_label(std::get<0>(key), std::get<1>(key));
    if (label != plan) {
      plan = label;
      out += fmt::format("\nplan {}\n  {:<8} {:<10} {:>8} {:>8}  {:<26} {}\n", plan, "urgency",
                         "decision", "records", "judged", "decided within timeframe",
                         "notified within timeframe");
    }
    out += fmt::format("  {:<8} {:<10} {:>8} {:>8}  {:<26} {}\n", std::get<2>(key),
                       std::get<3>(key), r.records, r.judged, share(r.in_time, r.judged),
                       share(r.notified_in_time, r.notices_judged));
  }
  out += "\nfindings by kind\n";
  for (size_t k = 0; k < k_finding_kinds; ++k)
    out += fmt::format("  {:<24} {:>8}\n", audit::k_finding_names[k], s.by_kind()[k]);
  out += "\nmost frequent findings\n";
  int rank = 0;
  for (const audit::FindingCount& f : s.top(10))
    out +=
        fmt::format("  {:>2}. {:<24} {:<28} {:>8}\n", ++rank, audit::name(f.kind), f.cite, f.count);
  return out;
}

namespace {

// A horizontal bar per plan: the share decided within the timeframe, the threshold as a line.
std::string timeliness_chart(const Summary& s) {
  auto plans = per_plan(s);
  const int row = 28, left = 230, width = 400;
  int height = static_cast<int>(plans.size()) * row + 40;
  std::string svg = fmt::format(
      "<svg class=\"chart\" role=\"img\" aria-label=\"decided within timeframe, per plan\" "
      "width=\"{}\" height=\"{}\" viewBox=\"0 0 {} {}\" xmlns=\"http://www.w3.org/2000/svg\">\n",
      left + width + 80, height, left + width + 80, height);
  int y = 10;
  for (const auto& [key, r] : plans) {
    double share = r.judged ? static_cast<double>(r.in_time) / static_cast<double>(r.judged) : 0;
    bool low = below(r.in_time, r.judged);
    svg += fmt::format(
        "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"12\">{}</text>"
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#eee\"/>"
        "<rect class=\"bar{}\" x=\"{}\" y=\"{}\" width=\"{:.1f}\" height=\"{}\" fill=\"{}\"/>"
        "<text x=\"{}\" y=\"{}\" font-size=\"12\">{}</text>\n",
        left - 8, y + 15, html_escape(plan_label(key.first, key.second)), left, y, width, row - 8,
        low ? " low" : "", left, y, share * width, row - 8, low ? "#c0392b" : "#2e86c1",
        left + width + 6, y + 15, r.judged ? percent(r.in_time, r.judged) : "not judged");
    y += row;
  }
  double tx = left + audit::k_timeliness_threshold * width;
  svg += fmt::format(
      "<line class=\"threshold\" x1=\"{0:.1f}\" y1=\"4\" x2=\"{0:.1f}\" y2=\"{1}\" stroke=\"#000\" "
      "stroke-dasharray=\"4 3\"/><text x=\"{0:.1f}\" y=\"{2}\" font-size=\"11\" "
      "text-anchor=\"middle\">90%</text>\n</svg>\n",
      tx, y, y + 14);
  return svg;
}

// A bar per finding kind: how many.
std::string kinds_chart(const Summary& s) {
  uint64_t most = 1;
  for (uint64_t n : s.by_kind()) most = std::max(most, n);
  const int row = 22, left = 200, width = 400;
  int height = static_cast<int>(k_finding_kinds) * row + 10;
  std::string svg = fmt::format(
      "<svg class=\"chart\" role=\"img\" aria-label=\"findings per kind\" width=\"{}\" "
      "height=\"{}\" viewBox=\"0 0 {} {}\" xmlns=\"http://www.w3.org/2000/svg\">\n",
      left + width + 80, height, left + width + 80, height);
  for (size_t k = 0; k < k_finding_kinds; ++k) {
    int y = 5 + static_cast<int>(k) * row;
    uint64_t n = s.by_kind()[k];
    svg += fmt::format(
        "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"12\">{}</text>"
        "<rect x=\"{}\" y=\"{}\" width=\"{:.1f}\" height=\"{}\" fill=\"{}\"/>"
        "<text x=\"{}\" y=\"{}\" font-size=\"12\">{}</text>\n",
        left - 8, y + 13, audit::k_finding_names[k], left, y,
        static_cast<double>(n) / static_cast<double>(most) * width, row - 6,
        audit::is_violation(static_cast<FindingKind>(k)) ? "#c0392b" : "#999",
        left + 6 + static_cast<double>(n) / static_cast<double>(most) * width, y + 13, n);
  }
  return svg + "</svg>\n";
}

std::string rows_table(const Summary& s) {
  std::string out =
      "<table class=\"summary\"><thead><tr><th>plan</th><th>urgency</th><th>decision</th>"
      "<th>records</th><th>judged</th><th>decided within timeframe</th>"
      "<th>notified within timeframe</th></tr></thead><tbody>\n";
  for (const auto& [key, r] : s.rows()) {
    auto cell = [](uint64_t n, uint64_t of) {
      return fmt::format("<td{}>{}</td>", below(n, of) ? " class=\"low\"" : "",
                         html_escape(share(n, of)));
    };
    out += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>{}{}</tr>\n",
                       html_escape(plan_label(std::get<0>(key), std::get<1>(key))),
                       html_escape(std::get<2>(key)), html_escape(std::get<3>(key)), r.records,
                       r.judged, cell(r.in_time, r.judged),
                       cell(r.notified_in_time, r.notices_judged));
  }
  return out + "</tbody></table>\n";
}

std::string top_table(const Summary& s) {
  std::string out =
      "<table class=\"top\"><thead><tr><th>#</th><th>finding</th><th>cite</th><th>count</th>"
      "</tr></thead><tbody>\n";
  int rank = 0;
  for (const audit::FindingCount& f : s.top(10))
    out += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n", ++rank,
                       audit::name(f.kind), html_escape(f.cite), f.count);
  return out + "</tbody></table>\n";
}

std::string cell_json(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return "";
  return it->is_string() ? it->get<std::string>() : it->dump();
}

std::string findings_table(const std::vector<std::string>& findings, uint64_t total) {
  std::string out = fmt::format("<h2>Findings</h2>\n<p class=\"note\">{}</p>\n",
                                findings.size() < total
                                    ? fmt::format("The first {} of {} findings and errors; "
                                                  "<code>--format jsonl</code> lists them all.",
                                                  findings.size(), total)
                                    : fmt::format("All {} findings and errors.", total));
  out +=
      "<table class=\"findings\"><thead><tr><th>line</th><th>case</th><th>plan</th><th>kind</th>"
      "<th>expected</th><th>the record shows</th><th>cite</th></tr></thead><tbody>\n";
  for (const std::string& line : findings) {
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded()) continue;
    bool error = cell_json(j, "schema") == "sop.error/1";
    out += fmt::format(
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td><code>{}</code></td>"
        "<td><code>{}</code></td><td>{}</td></tr>\n",
        cell_json(j, "line"), html_escape(cell_json(j, "case_id")),
        html_escape(cell_json(j, "plan")), error ? "error" : html_escape(cell_json(j, "kind")),
        html_escape(cell_json(j, "expected")),
        html_escape(error ? cell_json(j, "error") : cell_json(j, "actual")),
        html_escape(cell_json(j, "cite")));
  }
  return out + "</tbody></table>\n";
}

}  // namespace

std::string audit_html(const Summary& s, const std::vector<std::string>& findings, uint64_t total) {
  std::string out = html_begin("sop audit");
  out +=
      "<style>.low { color: #a00; font-weight: 600; } .chart { display: block; max-width: 100%; "
      "height: auto; margin: 0.5em 0 1.5em; } .findings code { word-break: break-all; } @media "
      "print { .chart { break-inside: avoid; } "
      "thead { display: table-header-group; } }</style>\n";
  out += "<h1>Audit of decision records</h1>\n";
  out += fmt::format(
      "<p class=\"totals\">{}, {}, <strong>{}</strong>, {} not judged. "
      "NCQA UM 5 expects at least 90% of decisions within the timeframe; shares below it are "
      "marked <span class=\"low\">&lt; 90%</span>.</p>\n",
      counted(s.records() + s.errors(), "record"), counted(s.errors(), "error"),
      counted(s.violations(), "violation"),
      s.by_kind()[static_cast<size_t>(FindingKind::not_judged)]);
  out += "<h2>Decided within timeframe, per plan</h2>\n" + timeliness_chart(s);
  out += "<h2>Per plan, urgency and decision</h2>\n" + rows_table(s);
  out += "<h2>Findings per kind</h2>\n" + kinds_chart(s);
  out += "<h2>The ten most frequent findings</h2>\n" + top_table(s);
  out += findings_table(findings, total);
  return out + html_end();
}

}  // namespace sop::cli
