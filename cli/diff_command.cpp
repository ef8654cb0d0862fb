#include "cli/diff_command.hpp"

#include <array>
#include <cstdio>
#include <memory>
#include <ostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "analysis/output_components.hpp"
#include "analysis/semantic_diff.hpp"
#include "analysis/structural_diff.hpp"
#include "cli/html.hpp"
#include "lang/loader.hpp"

namespace sop::cli {

namespace {

using analysis::Change;
using analysis::Finding;
using analysis::SemanticDiff;

// The file as it was at a git revision (`git show REV:PATH`), or nullopt.
std::optional<std::string> at_revision(const std::string& rev, const std::string& path,
                                       std::string& error) {
  // Paths relative to the repository root, as git show wants them.
  std::string cmd = fmt::format("git show '{}:./{}' 2>&1", rev, path);
  if (rev.find('\'') != std::string::npos || path.find('\'') != std::string::npos) {
    error = "a revision or path with a quote";
    return std::nullopt;
  }
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(cmd.c_str(), "r"), pclose);
  if (!pipe) {
    error = "cannot run git";
    return std::nullopt;
  }
  std::string text;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), pipe.get())) > 0) text.append(buf.data(), n);
  int status = pclose(pipe.release());
  if (status != 0) {
    error = text.empty() ? "git show failed" : text.substr(0, text.find('\n'));
    return std::nullopt;
  }
  return text;
}

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

struct Side {
  std::string label;
  std::unique_ptr<Program> program;
};

void text_report(const Side& a, const Side& b, const std::vector<Change>& changes,
                 const SemanticDiff* sem, bool structural, std::ostream& out) {
  out << fmt::format("sop diff\n  A: {} (plan {}, {})\n  B: {} (plan {}, {})\n\n", a.label,
                     a.program->plan_id, a.program->header.empty() ? "" : "policy", b.label,
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
  out["a"] = {{"file", a.label}, {"plan", a.program->plan_id}};
  out["b"] = {{"file", b.label}, {"plan", b.program->plan_id}};
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
  out << fmt::format("# sop diff: `{}` vs `{}`\n\n", a.label, b.label);
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
  out << html_begin("sop diff: " + a.label + " vs " + b.label);
  out << fmt::format("<h1>sop diff: <code>{}</code> vs <code>{}</code></h1>\n", e(a.label),
                     e(b.label));
  out << "<table class=\"plans\"><thead><tr><th></th><th>file</th><th>plan</th></tr></thead>"
         "<tbody>\n";
  out << fmt::format("<tr><th>A</th><td><code>{}</code></td><td><code>{}</code></td></tr>\n",
                     e(a.label), e(a.program->plan_id));
  out << fmt::format("<tr><th>B</th><td><code>{}</code></td><td><code>{}</code></td></tr>\n",
                     e(b.label), e(b.program->plan_id));
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

}  // namespace

int diff(const DiffOptions& options, std::ostream& out, std::ostream& err) {
  Side a, b;
  auto load = [&](const std::string& label, std::optional<std::string> text,
                  const std::string& path, Side& side) {
    LoadResult r = text ? load_program_text(path, std::move(*text)) : load_program(path);
    err << format_diagnostics(r.diagnostics, r.program->sources);
    if (!r.ok()) return false;
    if (!r.program->is_plan) {
      err << fmt::format("error: `{}` has no `plan` header\n", label);
      return false;
    }
    side.label = label;
    side.program = std::move(r.program);
    return true;
  };
  if (!options.rev.empty()) {
    std::string error;
    std::optional<std::string> old = at_revision(options.rev, options.a, error);
    if (!old) {
      err << fmt::format("error: cannot read `{}` at revision `{}`: {}\n", options.a, options.rev,
                         error);
      return 2;
    }
    if (!load(options.a + "@" + options.rev, std::move(old), options.a, a)) return 2;
    if (!load(options.a, std::nullopt, options.a, b)) return 2;
  } else {
    if (!load(options.a, std::nullopt, options.a, a) ||
        !load(options.b, std::nullopt, options.b, b))
      return 2;
  }
  std::vector<Change> changes;
  if (options.structural) changes = analysis::structural_diff(*a.program, *b.program);
  std::optional<SemanticDiff> sem;
  if (options.semantic) sem = analysis::semantic_diff({a.program.get(), b.program.get()});
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
  if (!s) return changes.empty() ? 0 : 1;
  return s->findings.empty() && s->complete ? 0 : 1;
}

}  // namespace sop::cli
