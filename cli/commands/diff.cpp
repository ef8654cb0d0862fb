// `sop diff A.sop B.sop`: structural and semantic differences of two plans (or two versions of
// one plan, `--rev REV FILE` for the file at a git revision).
#include <CLI/CLI.hpp>
#include <memory>
#include <ostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "analysis/change_impact.hpp"
#include "analysis/comparison.hpp"
#include "analysis/output_components.hpp"
#include "analysis/revision.hpp"
#include "analysis/semantic_diff.hpp"
#include "analysis/structural_diff.hpp"
#include "cli/command.hpp"
#include "cli/exit_status.hpp"
#include "cli/git.hpp"
#include "cli/html.hpp"
#include "cli/reading_option.hpp"
#include "cli/report/review.hpp"
#include "cli/timezone_option.hpp"
#include "cli/version_labels.hpp"
#include "interpreter/loaded_plan.hpp"

namespace sop::cli {

namespace {

using analysis::Change;
using analysis::Finding;
using analysis::SemanticDiff;

std::string rule_name(const Program& p, int32_t r) {
  if (r == k_none) return "";
  const Rule& rule = p.rules[r];
  return fmt::format("{} [{}]", rule.display(), rule.cite);
}

// One side's value in a finding, as every report shows it.
std::string show(const Finding& f, size_t side) {
  return analysis::component_text(f.component, f.values[side],
                                  side < f.no_value.size() ? f.no_value[side] : 0);
}

struct DiffOptions {
  std::string a, b;             // files (with `rev`: only `a`, compared with itself at `rev`)
  std::string rev;              // git revision for `--rev`
  std::string format = "text";  // text | json | markdown | html
  bool structural = true;
  bool semantic = true;
  bool regions = false;        // every region of difference, not the review report
  bool missing = false;        // the review report lists differences only missing facts cause
  bool names = false;          // conditions by fact name
  LoadOptions load_a, load_b;  // each side's readings
  std::string timezone;        // the clock witnesses' date-times are written on
  std::optional<TimeZone> zone;
};

// A plan compared: its `path` is the label the reports show (`FILE@REV` for an old version).
using Side = LoadedPlan;

void text_report(const Side& a, const Side& b, const std::vector<Change>& changes,
                 const SemanticDiff* sem, bool structural, std::ostream& out) {
  out << fmt::format("sop diff\n  A: {} (plan {}, {})\n  B: {} (plan {}, {})\n\n", a.path,
                     a.program->plan_id, a.program->header.empty() ? "" : "policy", b.path,
                     b.program->plan_id, "policy");
  if (structural) {
    out << fmt::format("Structural changes: {}\n", changes.size());
    for (const Change& c : changes) {
      std::string where = c.label.empty() ? c.target : c.target + "." + c.label;
      out << fmt::format("  {} {} {}{}\n", analysis::kind_name(c.kind), c.what, where,
                         c.aspect.empty() ? "" : " (" + c.aspect + ")");
      if (!c.a_text.empty() || !c.a_cite.empty())
        out << fmt::format("      A{}: {}\n", c.a_cite.empty() ? "" : " [" + c.a_cite + "]",
                           c.a_text);
      if (!c.b_text.empty() || !c.b_cite.empty())
        out << fmt::format("      B{}: {}\n", c.b_cite.empty() ? "" : " [" + c.b_cite + "]",
                           c.b_text);
    }
    out << "\n";
  }
  if (!sem) return;
  if (sem->findings.empty()) {
    out << (sem->complete ? "No semantic differences: every case of the case space gets the "
                            "same determination from both.\n"
                          : "No semantic difference found, but the analysis was not complete.\n");
  } else {
    out << fmt::format("Semantic differences: {} regions\n", sem->findings.size());
    std::string last;
    for (const Finding& f : sem->findings) {
      std::string head = fmt::format("{}: A {} / B {}", f.component, show(f, 0), show(f, 1));
      std::string rules;
      if (f.rules[0] != k_none || f.rules[1] != k_none) {
        rules = fmt::format("      decided by A: {}; B: {}\n",
                            f.rules[0] == k_none ? "-" : rule_name(*a.program, f.rules[0]),
                            f.rules[1] == k_none ? "-" : rule_name(*b.program, f.rules[1]));
      }
      if (head + rules != last) out << "  " << head << "\n" << rules;
      last = head + rules;
      out << fmt::format("    when {}\n      witness {}{}\n", f.condition, f.witness.dump(),
                         f.confirmed ? "" : " (NOT CONFIRMED)");
    }
  }
  for (const std::string& n : sem->notes) out << "note: " << n << "\n";
}

nlohmann::ordered_json json_report(const Side& a, const Side& b, const std::vector<Change>& changes,
                                   const SemanticDiff* sem, bool structural) {
  using J = nlohmann::ordered_json;
  J out;
  out["schema"] = "sop.diff/1";
  out["a"] = {{"file", a.path}, {"plan", a.program->plan_id}};
  out["b"] = {{"file", b.path}, {"plan", b.program->plan_id}};
  if (sem) {
    out["equivalent"] = sem->findings.empty() && sem->complete;
    out["complete"] = sem->complete;
  }
  if (structural) {
    J arr = J::array();
    for (const Change& c : changes) {
      J x;
      x["change"] = analysis::kind_name(c.kind);
      x["what"] = c.what;
      x["target"] = c.target;
      if (!c.label.empty()) x["rule"] = c.label;
      if (!c.aspect.empty()) x["aspect"] = c.aspect;
      x["a"] = {{"text", c.a_text}, {"cite", c.a_cite}};
      x["b"] = {{"text", c.b_text}, {"cite", c.b_cite}};
      arr.push_back(std::move(x));
    }
    out["structural"] = std::move(arr);
  }
  if (sem) {
    J arr = J::array();
    for (const Finding& f : sem->findings) {
      J x;
      x["output"] = f.component;
      x["a"] = f.values[0];
      x["b"] = f.values[1];
      x["a_rule"] = f.rules[0] == k_none ? J(nullptr) : J(rule_name(*a.program, f.rules[0]));
      x["b_rule"] = f.rules[1] == k_none ? J(nullptr) : J(rule_name(*b.program, f.rules[1]));
      x["when"] = f.condition;
      x["witness"] = f.witness;
      x["confirmed"] = f.confirmed;
      arr.push_back(std::move(x));
    }
    out["semantic"] = std::move(arr);
    out["notes"] = sem->notes;
  }
  return out;
}

void markdown_report(const Side& a, const Side& b, const std::vector<Change>& changes,
                     const SemanticDiff* sem, bool structural, std::ostream& out) {
  auto cell = [](std::string s) {
    for (size_t i = 0; (i = s.find('|', i)) != std::string::npos; i += 2) s.replace(i, 1, "\\|");
    return s;
  };
  out << fmt::format("# sop diff: `{}` vs `{}`\n\n", a.path, b.path);
  if (structural) {
    out << "## Structural changes\n\n| change | where | A | B |\n|---|---|---|---|\n";
    for (const Change& c : changes) {
      std::string where = c.label.empty() ? c.target : c.target + "." + c.label;
      out << fmt::format("| {} {}{} | `{}` | {}{} | {}{} |\n", analysis::kind_name(c.kind), c.what,
                         c.aspect.empty() ? "" : " (" + c.aspect + ")", where, cell(c.a_text),
                         c.a_cite.empty() ? "" : " [" + cell(c.a_cite) + "]", cell(c.b_text),
                         c.b_cite.empty() ? "" : " [" + cell(c.b_cite) + "]");
    }
    out << "\n";
  }
  if (!sem) return;
  out << "## Semantic differences\n\n";
  if (sem->findings.empty()) {
    out << (sem->complete ? "None: every case gets the same determination from both plans.\n"
                          : "None found; the analysis was not complete.\n");
    return;
  }
  out << "| output | A | B | when | witness |\n|---|---|---|---|---|\n";
  for (const Finding& f : sem->findings) {
    out << fmt::format("| `{}` | {} | {} | {} | `{}` |\n", f.component, cell(show(f, 0)),
                       cell(show(f, 1)), cell(f.condition), cell(f.witness.dump()));
  }
}

// One self-contained page for a review packet: the plans, the structural changes with both
// texts and citations, then every semantic difference with the rule that decided each side,
// the region and a witness case.
void html_report(const Side& a, const Side& b, const std::vector<Change>& changes,
                 const SemanticDiff* sem, bool structural, std::ostream& out) {
  auto e = [](const std::string& s) { return html_escape(s); };
  out << html_begin("sop diff: " + a.path + " vs " + b.path);
  out << fmt::format("<h1>sop diff: <code>{}</code> vs <code>{}</code></h1>\n", e(a.path),
                     e(b.path));
  out << "<table class=\"plans\"><thead><tr><th></th><th>file</th><th>plan</th></tr></thead>"
         "<tbody>\n";
  out << fmt::format("<tr><th>A</th><td><code>{}</code></td><td><code>{}</code></td></tr>\n",
                     e(a.path), e(a.program->plan_id));
  out << fmt::format("<tr><th>B</th><td><code>{}</code></td><td><code>{}</code></td></tr>\n",
                     e(b.path), e(b.program->plan_id));
  out << "</tbody></table>\n";
  if (sem) {
    out << fmt::format(
        "<p>{}</p>\n",
        sem->findings.empty()
            ? (sem->complete ? "Semantically equivalent: every case of the case "
                               "space gets the same determination from both."
                             : "No semantic difference found, but the analysis "
                               "was not complete.")
            : fmt::format("{} semantic difference{} (regions of cases).", sem->findings.size(),
                          sem->findings.size() == 1 ? "" : "s"));
  }
  if (structural) {
    out << fmt::format("<h2>Structural changes ({})</h2>\n", changes.size());
    if (!changes.empty()) {
      out << "<table class=\"structural\"><thead><tr><th>change</th><th>where</th><th>A</th>"
             "<th>B</th></tr></thead><tbody>\n";
      for (const Change& c : changes) {
        std::string where = c.label.empty() ? c.target : c.target + "." + c.label;
        auto side = [&](const std::string& text, const std::string& cite) {
          return e(text) + (cite.empty() ? "" : "<span class=\"cite\">" + e(cite) + "</span>");
        };
        out << fmt::format(
            "<tr><td>{} {}{}</td><td><code>{}</code></td><td>{}</td><td>{}</td></tr>\n",
            e(analysis::kind_name(c.kind)), e(c.what),
            c.aspect.empty() ? "" : " (" + e(c.aspect) + ")", e(where), side(c.a_text, c.a_cite),
            side(c.b_text, c.b_cite));
      }
      out << "</tbody></table>\n";
    }
  }
  if (sem) {
    out << "<h2>Semantic differences</h2>\n";
    if (!sem->findings.empty()) {
      out << "<table class=\"semantic\"><thead><tr><th>output</th><th>A</th><th>B</th>"
             "<th>when</th><th>witness</th></tr></thead><tbody>\n";
      for (const Finding& f : sem->findings) {
        auto side = [&](const Side& s, size_t i) {
          std::string rule = f.rules[i] == k_none ? "" : rule_name(*s.program, f.rules[i]);
          return "<span class=\"value\">" + e(show(f, i)) + "</span>" +
                 (rule.empty() ? "" : "<span class=\"cite\">" + e(rule) + "</span>");
        };
        out << fmt::format(
            "<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td>"
            "<td class=\"witness\">{}{}</td></tr>\n",
            e(f.component), side(a, 0), side(b, 1), e(f.condition), e(f.witness.dump()),
            f.confirmed ? "" : " <span class=\"unconfirmed\">NOT CONFIRMED</span>");
      }
      out << "</tbody></table>\n";
    } else {
      out << "<p>None.</p>\n";
    }
    if (!sem->notes.empty()) {
      out << "<h2>Notes</h2>\n<ul>\n";
      for (const std::string& n : sem->notes) out << "<li>" << e(n) << "</li>\n";
      out << "</ul>\n";
    }
  }
  out << html_end();
}

// Writes what loading a side said; keeps the plan, if it loaded.
bool keep(std::optional<LoadedPlan> plan, std::string& errors, Side& side, std::ostream& err) {
  err << errors;
  errors.clear();
  if (!plan) return false;
  side = std::move(*plan);
  return true;
}

// A side loaded with readings other than the defaults says so in its label, so that a report of
// one plan against itself under two readings tells the sides apart.
bool label_readings(const LoadOptions& options, Side& side) {
  for (const ReadingChoice& c : options.readings)
    side.path += fmt::format(" [reading {}={}]", c.reading, c.option);
  return true;
}

// The two sides, each a file, or with `rev` the file at that revision and as it is now; one
// file given twice (or once, with readings for a side) compares two readings of it.
bool load_sides(const DiffOptions& options, Side& a, Side& b, std::ostream& err) {
  const char* user = "`sop diff`";
  std::string errors;
  if (options.rev.empty()) {
    return keep(load_plan(options.a, user, errors, options.load_a), errors, a, err) &&
           keep(load_plan(options.b, user, errors, options.load_b), errors, b, err) &&
           label_readings(options.load_a, a) && label_readings(options.load_b, b);
  }
  std::string error;
  std::optional<std::string> old = git_show(options.rev, options.a, error);
  if (!old) {
    err << fmt::format("error: cannot read `{}` at revision `{}`: {}\n", options.a, options.rev,
                       error);
    return false;
  }
  std::string label = options.a + "@" + options.rev;
  return keep(load_plan_text(options.a, std::move(*old), label, user, errors, options.load_a),
              errors, a, err) &&
         keep(load_plan(options.a, user, errors, options.load_b), errors, b, err) &&
         label_readings(options.load_a, a) && label_readings(options.load_b, b);
}

// A plus each group of edits alone, as programs of their own: appended to `programs`, their
// plans kept in `kept`; per group, its program's index (nullopt: not built, or not needed
// because only wording changed).
std::vector<std::optional<size_t>> edited_programs(const DiffOptions& options, const Side& a,
                                                   const analysis::Revision& rev,
                                                   std::vector<const Program*>& programs,
                                                   std::vector<LoadedPlan>& kept) {
  std::vector<std::optional<size_t>> out(rev.edits.size());
  for (const analysis::Edit& e : rev.edits) {
    if (e.document_date || !e.has_lines || out[e.group]) continue;
    bool text_only = std::all_of(rev.edits.begin(), rev.edits.end(),
                                 [&](const auto& x) { return x.group != e.group || x.text_only; });
    if (text_only) continue;
    std::string errors;
    std::optional<LoadedPlan> p =
        load_plan_text(options.a, analysis::apply_group(rev, e.group), a.path + " + " + e.title(),
                       "`sop diff`", errors, options.load_a);
    if (!p) continue;  // reported as "could not be applied alone"
    out[e.group] = programs.size();
    programs.push_back(p->program.get());
    kept.push_back(std::move(*p));
  }
  return out;
}

// Two versions of one plan: the annual-review report (cli/report/review.hpp).
int review(const DiffOptions& options, const Side& a, const Side& b, std::ostream& out) {
  analysis::Revision rev = analysis::revision(*a.program, *b.program);
  std::vector<const Program*> programs{a.program.get(), b.program.get()};
  std::vector<LoadedPlan> kept;
  std::vector<std::optional<size_t>> groups = edited_programs(options, a, rev, programs, kept);
  analysis::Comparison cmp(programs, options.zone ? &*options.zone : nullptr);
  analysis::ImpactOptions io;
  io.list_missing = options.missing;
  analysis::ImpactReport impact = analysis::change_impact(cmp, rev, groups, io);
  report::ReviewInput in{a, b, rev, impact, cmp.space(), options.names, options.missing};
  if (options.format == "json") {
    SemanticDiff sem = analysis::semantic_diff(cmp, {0, 1});
    nlohmann::ordered_json j =
        json_report(a, b, analysis::structural_diff(*a.program, *b.program), &sem, true);
    j["review"] = report::review_json(in);
    out << j.dump(2) << "\n";
  } else if (options.format == "markdown") {
    out << report::to_markdown(report::review_document(in));
  } else if (options.format == "html") {
    out << report::to_html(report::review_document(in));
  } else {
    out << report::to_text(report::review_document(in));
  }
  return impact.equivalent && impact.complete ? k_ok : k_failed;
}

// Exit status: 0 equivalent, 1 different (or not proven equivalent), 2 error.
int diff(const DiffOptions& options, std::ostream& out, std::ostream& err) {
  Side a, b;
  if (!load_sides(options, a, b, err)) return k_usage;
  if (options.structural && options.semantic && !options.regions &&
      a.program->plan_id == b.program->plan_id)
    return review(options, a, b, out);
  std::vector<Change> changes;
  if (options.structural) changes = analysis::structural_diff(*a.program, *b.program);
  std::optional<SemanticDiff> sem;
  if (options.semantic)
    sem = analysis::semantic_diff(
        {a.program.get(), b.program.get()},
        analysis::DiffOptions{50'000'000, 50, options.zone ? &*options.zone : nullptr});
  const SemanticDiff* s = sem ? &*sem : nullptr;
  if (options.format == "json") {
    out << json_report(a, b, changes, s, options.structural).dump(2) << "\n";
  } else if (options.format == "markdown") {
    markdown_report(a, b, changes, s, options.structural, out);
  } else if (options.format == "html") {
    html_report(a, b, changes, s, options.structural, out);
  } else {
    text_report(a, b, changes, s, options.structural, out);
  }
  if (!s) return changes.empty() ? k_ok : k_failed;
  return s->findings.empty() && s->complete ? k_ok : k_failed;
}

struct DiffArgs {
  DiffOptions options;
  std::vector<std::string> files;
  VersionFiles versions;  // --from-version, --to-version
  bool structural_only = false, semantic_only = false;
  std::vector<std::string> readings, readings_a, readings_b;
};

int diff_command(DiffArgs d, std::ostream& out, std::ostream& err) {
  bool by_version = !d.versions.from.empty() || !d.versions.to.empty();
  if (by_version && !d.options.rev.empty()) {
    err << "error: `sop diff` compares versions by label or a file at a git revision, not both\n";
    return k_usage;
  }
  if (by_version) {
    LoadOptions load;
    if (!parse_readings(d.readings, load, err)) return k_usage;
    std::string a, b;
    if (!version_files(d.files, d.versions, load, a, b, err)) return k_usage;
    d.files = {a, b};
  }
  bool by_reading = !d.readings_a.empty() || !d.readings_b.empty();
  bool one_file = !d.options.rev.empty() || by_reading;
  if (d.files.size() != 2 && !(d.files.size() == 1 && one_file)) {
    err << "error: `sop diff` takes A.sop B.sop, --rev REV FILE, or FILE with --reading-a / "
           "--reading-b\n";
    return k_usage;
  }
  if (!parse_readings(d.readings, d.options.load_a, err) ||
      !parse_readings(d.readings_a, d.options.load_a, err) ||
      !parse_readings(d.readings, d.options.load_b, err) ||
      !parse_readings(d.readings_b, d.options.load_b, err))
    return k_usage;
  if (!load_timezone(d.options.timezone, d.options.zone, err)) return k_usage;
  d.options.a = d.files[0];
  d.options.b = d.files.size() > 1 ? d.files[1] : d.files[0];
  d.options.structural = !d.semantic_only;
  d.options.semantic = !d.structural_only;
  return diff(d.options, out, err);
}

}  // namespace

Command add_diff(CLI::App& sop) {
  auto d = std::make_shared<DiffArgs>();
  CLI::App* cmd = sop.add_subcommand(
      "diff", "Structural and semantic differences of two plans (exit 0 equivalent, 1 different)");
  cmd->add_option("files", d->files,
                  "A.sop B.sop, or with --rev one FILE, or with --from-version / --to-version "
                  "the plan's FILE…")
      ->required();
  cmd->add_option("--rev", d->options.rev, "Compare FILE as it was at this git revision");
  cmd->add_option("--from-version", d->versions.from,
                  "Compare the version of the plan labelled LABEL (default: the one before "
                  "--to-version)");
  cmd->add_option("--to-version", d->versions.to,
                  "… with the version labelled LABEL (default: the latest); the versions are the "
                  "files given and those in the history folder beside them");
  cmd->add_option("--format", d->options.format, "Output format")
      ->check(CLI::IsMember({"text", "json", "markdown", "html"}));
  cmd->add_flag("--structural", d->structural_only, "Only the structural differences");
  cmd->add_flag("--semantic", d->semantic_only, "Only the semantic differences, every region");
  cmd->add_flag("--regions", d->options.regions,
                "Every region of difference (for two versions of one plan, in place of the "
                "review report)");
  cmd->add_flag("--missing", d->options.missing,
                "Also list the differences that arise only where facts are missing");
  cmd->add_flag("--names", d->options.names, "Conditions by fact name, not description");
  cmd->add_option("--timezone", d->options.timezone,
                  "Write witnesses' date-times on this IANA zone's clock (its offset on the day)");
  add_reading_option(cmd, d->readings);
  add_reading_option(cmd, d->readings_a, "--reading-a", "A reading for side A only (NAME=OPTION)");
  add_reading_option(cmd, d->readings_b, "--reading-b", "A reading for side B only (NAME=OPTION)");
  return {cmd, [d](const Streams& s) { return diff_command(*d, s.out, s.err); }};
}

}  // namespace sop::cli
