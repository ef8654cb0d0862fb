// `sop matrix [POLICY…]`: every given plan side by side (default: policies/*.sop), for each
// output component and each region of cases where some plan differs from the others, what each
// plan says there, with its citations and a witness case (analysis/plan_matrix.hpp).
#include <CLI/CLI.hpp>
#include <map>
#include <memory>
#include <ostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "analysis/output_components.hpp"
#include "analysis/plan_matrix.hpp"
#include "cli/command.hpp"
#include "cli/exit_status.hpp"
#include "cli/files.hpp"
#include "cli/html.hpp"
#include "cli/reading_option.hpp"
#include "cli/report/document.hpp"
#include "cli/timezone_option.hpp"
#include "interpreter/loaded_plan.hpp"
#include "interpreter/value_text.hpp"

namespace sop::cli {

namespace {

using analysis::MatrixRow;
using analysis::OutputSummary;
using analysis::PlanMatrix;

struct MatrixOptions {
  std::vector<std::string> policies;  // default: policies/*.sop
  std::string format = "text";        // text | markdown | html | json
  bool with_unknown = false;          // also cases where facts are absent
  size_t max_rows = 12;               // rows listed per component (0: all)
  bool summary_only = false;          // the title block and summary, not the regions
  std::string timezone;               // the clock witnesses' date-times are written on
  std::vector<std::string> readings;
};

using Plan = LoadedPlan;

// A string field of the plan's header, or "".
std::string header(const Plan& plan, const std::string& field) {
  for (const HeaderField& h : plan.program->header)
    if (h.name == field && h.value.kind == ValueKind::string) return std::string(h.value.text());
  return "";
}

// A plan's value in a row, as every report shows it.
std::string shown(const MatrixRow& r, size_t plan) {
  return analysis::component_text(r.component, r.values[plan],
                                  plan < r.no_value.size() ? r.no_value[plan] : 0);
}

// The citations behind a plan's value in a row, each once.
std::vector<std::string> cites_of(const Program& p, const std::vector<int32_t>& rules) {
  std::vector<std::string> out;
  for (int32_t r : rules) {
    if (r == k_none) continue;
    const std::string& c = p.rules[r].cite;
    if (std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
  }
  return out;
}

std::string joined(const std::vector<std::string>& xs, const std::string& sep) {
  std::string out;
  for (const std::string& x : xs) out += (out.empty() ? "" : sep) + x;
  return out;
}

// Where every plan agrees: the value, when it is one and the same in every case.
std::string agreement(const OutputSummary& s) {
  if (!s.constant) return "the same value in every case (which value depends on the case)";
  std::vector<std::string> parts;
  for (const auto& [k, v] : s.value.items()) {
    if (k == s.output) return "always " + analysis::component_text(k, v, 0);
    parts.push_back(k + " = " + analysis::component_text(k, v, 0));
  }
  return parts.empty() ? "always empty" : "always " + joined(parts, ", ");
}

std::string domain_text(const PlanMatrix& m) {
  return m.complete_cases ? "complete cases (every fact given)"
                          : "every case, including cases where facts are absent (unknown)";
}

std::string more_text(const MatrixRow& r) {
  return r.conditions_cut ? "… and more cases, not listed (the row itself is exact)" : "";
}

std::vector<const MatrixRow*> rows_of(const PlanMatrix& m, const std::string& output) {
  std::vector<const MatrixRow*> out;
  for (const MatrixRow& r : m.rows)
    if (r.output == output) out.push_back(&r);
  return out;
}

std::string rows_heading(const OutputSummary& s, size_t listed) {
  std::string h = fmt::format("{} region{} where the plans differ", s.rows, s.rows == 1 ? "" : "s");
  if (listed < s.rows) h += fmt::format(" ({} listed)", listed);
  return h;
}

// The summary: per component where plans differ, one line saying how: the plans grouped by the
// values they give where they differ ("anthem_medicaid, hpsj: approve, review · caloptima:
// approve, review, deny"), and in how many kinds of case.
struct SummaryLine {
  std::string component;
  std::string how;
  size_t kinds = 0;
};

std::vector<SummaryLine> summary_lines(const std::vector<Plan>& plans, const PlanMatrix& m) {
  std::vector<SummaryLine> out;
  for (const MatrixRow& r : m.rows) {
    auto it = std::find_if(out.begin(), out.end(),
                           [&](const SummaryLine& l) { return l.component == r.component; });
    if (it == out.end()) {
      out.push_back({r.component, "", 0});
      it = out.end() - 1;
    }
    ++it->kinds;
  }
  for (SummaryLine& line : out) {
    std::vector<std::vector<std::string>> values(plans.size());
    for (const MatrixRow& r : m.rows) {
      if (r.component != line.component) continue;
      for (size_t p = 0; p < plans.size(); ++p) {
        std::string v = shown(r, p);
        if (std::find(values[p].begin(), values[p].end(), v) == values[p].end())
          values[p].push_back(v);
      }
    }
    std::vector<std::pair<std::string, std::string>> groups;  // values → plans
    for (size_t p = 0; p < plans.size(); ++p) {
      std::sort(values[p].begin(), values[p].end());
      // Many values (a due date per calendar boundary) are counted, not listed: the rows list them.
      size_t n = values[p].size();
      if (n > 4) values[p] = {values[p][0], values[p][1], fmt::format("… ({} values)", n)};
      std::string vs = joined(values[p], ", ");
      auto g =
          std::find_if(groups.begin(), groups.end(), [&](const auto& x) { return x.first == vs; });
      if (g == groups.end())
        groups.emplace_back(vs, plans[p].program->plan_id);
      else
        g->second += ", " + plans[p].program->plan_id;
    }
    for (const auto& [vs, who] : groups)
      line.how += (line.how.empty() ? "" : " · ") + who + ": " + vs;
  }
  return out;
}

std::string title_line(const Plan& p) {
  std::string out = p.program->plan_id + " — " + header(p, "policy");
  for (const char* field : {"revised", "reviewed"})
    for (const HeaderField& h : p.program->header)
      if (h.name == field && !h.value.is_null() && !h.value.is_unknown())
        out += fmt::format(", {} {}", field, value_text(*p.program, h.value, 0));
  return out + " (" + p.path + ")";
}

std::string generated_line() {
  return report::generation_date() + " by " + report::tool_version();
}

// Keeps the first `max_rows` rows of each component for the listing (0: all), with a note where
// rows are left out; the summary was taken before.
void list_at_most(PlanMatrix& m, size_t max_rows) {
  if (!max_rows) return;
  std::vector<MatrixRow> kept;
  std::map<std::string, size_t> seen;
  for (MatrixRow& r : m.rows)
    if (++seen[r.component] <= max_rows) kept.push_back(std::move(r));
  for (const auto& [component, n] : seen)
    if (n > max_rows)
      m.notes.push_back(fmt::format("`{}`: {} rows, the first {} listed", component, n, max_rows));
  m.rows = std::move(kept);
}

// ---------------------------------------------------------------- text

void text_report(const std::vector<Plan>& plans, const PlanMatrix& m,
                 const std::vector<SummaryLine>& summary, bool detail, std::ostream& out) {
  size_t width = 0;
  for (const Plan& p : plans) width = std::max(width, p.program->plan_id.size());
  out << fmt::format("sop matrix: {} plans, compared over {}\n", plans.size(), domain_text(m));
  for (const Plan& p : plans) out << "  " << title_line(p) << "\n";
  out << "  generated " << generated_line() << "\n";
  if (!summary.empty()) out << "\nSummary: where the plans differ, and how\n";
  for (const SummaryLine& l : summary)
    out << fmt::format("  {} ({} kind{} of case): {}\n", l.component, l.kinds,
                       l.kinds == 1 ? "" : "s", l.how);
  for (const OutputSummary& s : m.outputs) {
    if (!s.rows || !detail) continue;
    std::vector<const MatrixRow*> rows = rows_of(m, s.output);
    out << fmt::format("\n{}: {}\n", s.output, rows_heading(s, rows.size()));
    size_t n = 0;
    for (const MatrixRow* r : rows) {
      out << fmt::format("  {}. {}\n", ++n, r->component);
      for (size_t i = 0; i < r->conditions.size(); ++i)
        out << fmt::format("     {} {}\n", i == 0 ? "when" : "  or", r->conditions[i]);
      if (r->conditions_cut) out << "          " << more_text(*r) << "\n";
      for (size_t p = 0; p < plans.size(); ++p) {
        std::vector<std::string> c = cites_of(*plans[p].program, r->cites[p]);
        out << fmt::format("     {:<{}}  {}{}\n", plans[p].program->plan_id, width, shown(*r, p),
                           c.empty() ? "" : "  [" + joined(c, "; ") + "]");
      }
      out << fmt::format("     witness {}{}\n", r->witness.dump(),
                         r->confirmed ? "" : " (NOT CONFIRMED)");
    }
  }
  bool any_agree = false;
  for (const OutputSummary& s : m.outputs) {
    if (s.rows) continue;
    if (!any_agree) out << "\nEvery plan agrees in every case on:\n";
    any_agree = true;
    out << fmt::format("  {}: {}\n", s.output, agreement(s));
  }
  if (m.rows.empty())
    out << (m.complete ? "\nNo differences: every plan gives the same determination in every "
                         "case compared.\n"
                       : "\nNo difference found, but the comparison was not complete.\n");
  for (const std::string& n : m.notes) out << "note: " << n << "\n";
}

// ---------------------------------------------------------------- markdown

std::string md_cell(std::string s) {
  for (size_t i = 0; (i = s.find('|', i)) != std::string::npos; i += 2) s.replace(i, 1, "\\|");
  for (size_t i = 0; (i = s.find('\n', i)) != std::string::npos;) s.replace(i, 1, " ");
  return s;
}

void markdown_report(const std::vector<Plan>& plans, const PlanMatrix& m,
                     const std::vector<SummaryLine>& summary, bool detail, std::ostream& out) {
  out << "# The plans side by side\n\n";
  out << fmt::format(
      "Every output on which the plans differ, region by region of {}: what each plan says and "
      "the section it cites, with a witness case (`sop eval` it under any plan to see the "
      "value). Regions are exact; long listings are cut with a note.\n\n",
      domain_text(m));
  out << "| plan | file | policy |\n|---|---|---|\n";
  for (const Plan& p : plans)
    out << fmt::format("| `{}` | `{}` | {} {} |\n", p.program->plan_id, md_cell(p.path),
                       md_cell(header(p, "policy")), md_cell(header(p, "title")));
  out << "\nGenerated " << generated_line() << ".\n";
  if (!summary.empty()) {
    out << "\n## Summary: where the plans differ, and how\n\n| component | kinds of case | the "
           "plans' values there |\n|---|---|---|\n";
    for (const SummaryLine& l : summary)
      out << fmt::format("| `{}` | {} | {} |\n", md_cell(l.component), l.kinds, md_cell(l.how));
  }
  for (const OutputSummary& s : m.outputs) {
    if (!s.rows || !detail) continue;
    std::vector<const MatrixRow*> rows = rows_of(m, s.output);
    out << fmt::format("\n## `{}`\n\n{}.\n\n| # | component |", s.output,
                       rows_heading(s, rows.size()));
    for (const Plan& p : plans) out << fmt::format(" `{}` |", p.program->plan_id);
    out << " when | witness |\n|---|---|";
    for (size_t p = 0; p < plans.size(); ++p) out << "---|";
    out << "---|---|\n";
    size_t n = 0;
    for (const MatrixRow* r : rows) {
      out << fmt::format("| {} | `{}` |", ++n, md_cell(r->component));
      for (size_t p = 0; p < plans.size(); ++p) {
        std::vector<std::string> c = cites_of(*plans[p].program, r->cites[p]);
        out << fmt::format(" **{}**{} |", md_cell(shown(*r, p)),
                           c.empty() ? "" : "<br>" + md_cell(joined(c, "; ")));
      }
      std::vector<std::string> conds;
      for (const std::string& c : r->conditions) conds.push_back(md_cell(c));
      if (r->conditions_cut) conds.push_back("*" + more_text(*r) + "*");
      out << fmt::format(" {} | `{}`{} |\n", joined(conds, "<br>*or* "), md_cell(r->witness.dump()),
                         r->confirmed ? "" : " **NOT CONFIRMED**");
    }
  }
  bool any = std::any_of(m.outputs.begin(), m.outputs.end(),
                         [](const OutputSummary& s) { return s.rows == 0; });
  if (any) out << "\n## Where every plan agrees\n\n";
  for (const OutputSummary& s : m.outputs)
    if (!s.rows) out << fmt::format("- `{}`: {}\n", s.output, md_cell(agreement(s)));
  if (!m.notes.empty()) {
    out << "\n## Notes\n\n";
    for (const std::string& n : m.notes) out << "- " << md_cell(n) << "\n";
  }
}

// ---------------------------------------------------------------- html

void html_report(const std::vector<Plan>& plans, const PlanMatrix& m,
                 const std::vector<SummaryLine>& summary, bool detail, std::ostream& out) {
  out << html_begin("sop matrix: the plans side by side");
  out << "<header class=\"title-block\"><h1>The plans side by side</h1>\n<dl>\n";
  for (const Plan& p : plans)
    out << "<dt>" << html_escape(p.program->plan_id) << "</dt><dd>" << html_escape(title_line(p))
        << "</dd>\n";
  out << "<dt>Generated</dt><dd>" << html_escape(generated_line()) << "</dd>\n</dl></header>\n";
  if (!summary.empty()) {
    out << "<h2>Summary: where the plans differ, and how</h2>\n<table class=\"summary\"><thead>"
           "<tr><th>component (kinds of case)</th><th>the plans' values where they differ</th>"
           "</tr></thead><tbody>\n";
    for (const SummaryLine& l : summary)
      out << fmt::format("<tr><td><code>{}</code> ({})</td><td>{}</td></tr>\n",
                         html_escape(l.component), l.kinds, html_escape(l.how));
    out << "</tbody></table>\n<div class=\"page-break\"></div>\n";
  }
  if (detail)
    out << "<h2>Regions</h2>\n<p>Every output on which the plans differ, region by region of "
        << html_escape(domain_text(m))
        << ": what each plan says and the section it cites, with a witness case. Regions are "
           "exact; long listings are cut with a note.</p>\n";
  for (const OutputSummary& s : m.outputs) {
    if (!s.rows || !detail) continue;
    std::vector<const MatrixRow*> rows = rows_of(m, s.output);
    out << fmt::format("<h2 id=\"{0}\"><code>{0}</code></h2>\n<p>{1}.</p>\n", html_escape(s.output),
                       html_escape(rows_heading(s, rows.size())));
    out << "<table class=\"matrix\"><thead><tr><th>#</th><th>component</th>";
    for (const Plan& p : plans) out << "<th>" << html_escape(p.program->plan_id) << "</th>";
    out << "<th>when</th><th>witness</th></tr></thead><tbody>\n";
    size_t n = 0;
    for (const MatrixRow* r : rows) {
      out << fmt::format("<tr><td>{}</td><td><code>{}</code></td>", ++n, html_escape(r->component));
      for (size_t p = 0; p < plans.size(); ++p) {
        std::vector<std::string> c = cites_of(*plans[p].program, r->cites[p]);
        out << fmt::format(
            "<td><span class=\"value\">{}</span>{}</td>", html_escape(shown(*r, p)),
            c.empty() ? "" : "<span class=\"cite\">" + html_escape(joined(c, "; ")) + "</span>");
      }
      out << "<td><ul class=\"when\">";
      for (const std::string& c : r->conditions) out << "<li>" << html_escape(c) << "</li>";
      if (r->conditions_cut) out << "<li class=\"note\">" << html_escape(more_text(*r)) << "</li>";
      out << fmt::format("</ul></td><td class=\"witness\">{}{}</td></tr>\n",
                         html_escape(r->witness.dump()),
                         r->confirmed ? "" : " <span class=\"unconfirmed\">NOT CONFIRMED</span>");
    }
    out << "</tbody></table>\n";
  }
  if (std::any_of(m.outputs.begin(), m.outputs.end(),
                  [](const OutputSummary& s) { return s.rows == 0; })) {
    out << "<h2>Where every plan agrees</h2>\n<ul>\n";
    for (const OutputSummary& s : m.outputs)
      if (!s.rows)
        out << fmt::format("<li><code>{}</code>: {}</li>\n", html_escape(s.output),
                           html_escape(agreement(s)));
    out << "</ul>\n";
  }
  if (!m.notes.empty() && detail) {
    out << "<h2>Notes</h2>\n<ul>\n";
    for (const std::string& n : m.notes) out << "<li>" << html_code_spans(n) << "</li>\n";
    out << "</ul>\n";
  }
  out << html_end();
}

// ---------------------------------------------------------------- json

nlohmann::ordered_json json_report(const std::vector<Plan>& plans, const PlanMatrix& m) {
  using J = nlohmann::ordered_json;
  J out;
  out["schema"] = "sop.matrix/1";
  J ps = J::array();
  for (const Plan& p : plans)
    ps.push_back({{"plan", p.program->plan_id}, {"file", p.path}, {"policy", header(p, "policy")}});
  out["plans"] = std::move(ps);
  out["cases"] = m.complete_cases ? "complete" : "all";
  out["equivalent"] = m.rows.empty() && m.complete;
  out["complete"] = m.complete;
  J outputs = J::array();
  for (const OutputSummary& s : m.outputs) {
    J o{{"output", s.output}, {"regions", s.rows}};
    if (!s.rows && s.constant) o["value"] = s.value;
    outputs.push_back(std::move(o));
  }
  out["outputs"] = std::move(outputs);
  J rows = J::array();
  for (const MatrixRow& r : m.rows) {
    J x;
    x["output"] = r.output;
    x["component"] = r.component;
    J values = J::object();
    for (size_t p = 0; p < plans.size(); ++p)
      values[plans[p].program->plan_id] = {{"value", r.values[p]},
                                           {"cites", cites_of(*plans[p].program, r.cites[p])}};
    x["plans"] = std::move(values);
    x["when"] = r.conditions;
    x["when_complete"] = !r.conditions_cut;
    x["witness"] = r.witness;
    x["confirmed"] = r.confirmed;
    rows.push_back(std::move(x));
  }
  out["rows"] = std::move(rows);
  out["notes"] = m.notes;
  return out;
}

// Exit status: 0 every plan gives the same values in every case compared, 1 some difference
// (or the comparison was not complete), 2 an error (a file that does not load, no plans).
int matrix(const MatrixOptions& options, std::ostream& out, std::ostream& err) {
  std::vector<std::string> files =
      options.policies.empty() ? files_in("policies", ".sop") : options.policies;
  if (files.empty()) {
    err << "error: no plans given, and none in policies/\n";
    return k_usage;
  }
  LoadOptions load;
  if (!parse_readings(options.readings, load, err)) return k_usage;
  std::vector<Plan> plans;
  for (const std::string& f : files) {
    std::string errors;
    std::optional<Plan> plan = load_plan(f, "`sop matrix`", errors, load);
    err << errors;
    if (!plan) return k_usage;
    plans.push_back(std::move(*plan));
  }
  std::vector<const Program*> programs;
  for (const Plan& p : plans) programs.push_back(p.program.get());
  analysis::MatrixOptions mo;
  mo.complete_cases = !options.with_unknown;
  std::optional<TimeZone> zone;
  if (!load_timezone(options.timezone, zone, err)) return k_usage;
  mo.zone = zone ? &*zone : nullptr;
  mo.max_rows = 0;  // every row: the summary is made of them all; the listing is cut below
  PlanMatrix m = analysis::plan_matrix(programs, mo);
  std::vector<SummaryLine> summary = summary_lines(plans, m);
  list_at_most(m, options.max_rows);

  if (options.format == "json") {
    out << json_report(plans, m).dump(2) << "\n";
  } else if (options.format == "markdown") {
    markdown_report(plans, m, summary, !options.summary_only, out);
  } else if (options.format == "html") {
    html_report(plans, m, summary, !options.summary_only, out);
  } else {
    text_report(plans, m, summary, !options.summary_only, out);
  }
  return m.rows.empty() && m.complete ? k_ok : k_failed;
}

}  // namespace

Command add_matrix(CLI::App& sop) {
  auto o = std::make_shared<MatrixOptions>();
  CLI::App* cmd = sop.add_subcommand(
      "matrix",
      "Every plan side by side: where any plan differs, what each says, with citations (exit 0 "
      "all equivalent, 1 different)");
  cmd->add_option("policies", o->policies, "Plan files (default: policies/*.sop)");
  cmd->add_option("--format", o->format, "Output format")
      ->check(CLI::IsMember({"text", "markdown", "html", "json"}));
  cmd->add_option("--timezone", o->timezone,
                  "Write witnesses' date-times on this IANA zone's clock (its offset on the day)");
  cmd->add_flag("--summary", o->summary_only,
                "Only the title block and the summary (one line per component where plans differ)");
  cmd->add_flag("--with-unknown", o->with_unknown,
                "Also compare cases where facts are absent (default: every fact given)");
  cmd->add_option("--max-rows", o->max_rows,
                  "Regions listed per output component, at most (0: all; default 12)");
  add_reading_option(cmd, o->readings);
  return {cmd, [o](const Streams& s) { return matrix(*o, s.out, s.err); }};
}

}  // namespace sop::cli
