#include "cli/report/review.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "analysis/case_cover.hpp"
#include "analysis/output_components.hpp"
#include "analysis/structural_diff.hpp"
#include "lang/civil_time.hpp"

namespace sop::report {

namespace {

using analysis::Edit;
using analysis::EffectRow;

std::string side_line(const LoadedPlan& p) {
  const Program& prog = *p.program;
  std::string dates;
  if (prog.version) dates = "version " + *prog.version;
  if (prog.in_force_from)
    dates += (dates.empty() ? "" : " ") + std::string("in force from ") +
             civil::format_date(*prog.in_force_from);
  for (const char* field : {"revised", "reviewed"}) {
    std::string v = analysis::header_text(prog, field);
    if (!v.empty()) dates += fmt::format("{}{} {}", dates.empty() ? "" : ", ", field, v);
  }
  return dates.empty() ? p.path : fmt::format("{}: {}", dates, p.path);
}

std::string value_text(const EffectRow& r, bool to) {
  const nlohmann::json& v = to ? r.to : r.from;
  if (!v.is_null() && (v.is_string() && v.get<std::string>().find('T') != std::string::npos))
    return to ? r.to_text : r.from_text;
  return analysis::component_text(r.component, v, to ? r.to_no_value : r.from_no_value);
}

std::string condition(const ReviewInput& in, const EffectRow& r) {
  std::string named;
  for (const std::string& n : r.named) named += (named.empty() ? "" : "; ") + n;
  std::string out = named.empty() ? "" : "where " + named;
  bool every = r.cubes.size() == 1 && analysis::describe_cube(r.cubes[0], in.space) == "every case";
  for (const analysis::Region& cube : r.cubes) {
    if (every && !named.empty()) break;
    std::string c = in.names ? analysis::describe_cube(cube, in.space)
                             : analysis::describe_cube_readable(cube, in.space);
    out += (out.empty() ? "when " : &cube == &r.cubes[0] ? "\nand " : "\nor ") + c;
  }
  if (r.cut) out += "\nor in more cases (the list of conditions is cut; the row is exact)";
  return out;
}

// A case as compact JSON with a space after each member's comma, so that a page or a terminal
// wraps it between members rather than inside a word.
std::string spaced_json(const nlohmann::json& c) {
  std::string out = "{";
  for (const auto& [k, v] : c.items())
    out += (out.size() > 1 ? ", " : "") + nlohmann::json(k).dump() + ":" + v.dump();
  return out + "}";
}

std::string change_line(const EffectRow& r) {
  return fmt::format("{}: {} → {}{}", r.component, value_text(r, false), value_text(r, true),
                     r.confirmed ? "" : " (NOT CONFIRMED by evaluation)");
}

// Rows as list items: a row over the same cases as the one before joins its item.
std::vector<std::string> effect_items(const ReviewInput& in, const std::vector<EffectRow>& rows) {
  std::vector<std::string> out;
  for (size_t i = 0; i < rows.size();) {
    std::string item = change_line(rows[i]);
    size_t j = i + 1;
    for (; j < rows.size() && rows[j].same_cases_as_previous; ++j)
      item += "\n" + change_line(rows[j]);
    item += fmt::format("\n{}\ne.g. {} — sop.case/1 {}", condition(in, rows[i]),
                        analysis::facts_text(rows[i].witness), spaced_json(rows[i].witness));
    out.push_back(std::move(item));
    i = j;
  }
  return out;
}

// The edits of one group, in the revision's order.
std::vector<const Edit*> edits_of(const analysis::Revision& r, size_t group) {
  std::vector<const Edit*> out;
  for (const Edit& e : r.edits)
    if (e.group == group && !e.document_date) out.push_back(&e);
  return out;
}

std::string cite_of(const Edit& e) {
  const analysis::Change& c = e.aspects[0];
  std::string cite = c.b_cite.empty() ? c.a_cite : c.b_cite;
  return cite.empty() ? "" : " [" + cite + "]";
}

std::string group_title(const std::vector<const Edit*>& edits) {
  std::string out;
  for (const Edit* e : edits) out += (out.empty() ? "" : " + ") + e->title() + cite_of(*e);
  return out;
}

std::string components_of(const std::vector<EffectRow>& rows) {
  std::vector<std::string> out;
  for (const EffectRow& r : rows) {
    std::string output = r.component.substr(0, r.component.find_first_of(".["));
    if (std::find(out.begin(), out.end(), output) == out.end()) out.push_back(output);
  }
  std::string s;
  for (const std::string& o : out) s += (s.empty() ? "" : ", ") + o;
  return s;
}

std::string effect_summary(const analysis::ImpactReport::Group& g, bool text_only) {
  size_t kinds = static_cast<size_t>(std::count_if(
      g.rows.begin(), g.rows.end(), [](const EffectRow& r) { return !r.same_cases_as_previous; }));
  if (!g.rows.empty())
    return fmt::format("{} ({} kind{} of case)", components_of(g.rows), kinds,
                       kinds == 1 ? "" : "s");
  if (text_only) return "no determination changes (only what is quoted or cited)";
  if (!g.applied) return "could not be applied alone: see the combined differences";
  return "no determination changes";
}

std::vector<std::string> aspect_lines(const Edit& e) {
  std::vector<std::string> out;
  for (const analysis::Change& c : e.aspects) {
    std::string what = c.aspect.empty() ? c.what : c.aspect;
    bool quoted = c.aspect == "quote";
    auto q = [&](const std::string& s) { return quoted ? "“" + s + "”" : s; };
    if (c.a_text.empty()) {
      out.push_back(fmt::format("{} (new): {}", what, q(c.b_text)));
    } else if (c.b_text.empty()) {
      out.push_back(fmt::format("{} (removed): {}", what, q(c.a_text)));
    } else {
      out.push_back(fmt::format("{}: was {}\nnow {}", what, q(c.a_text), q(c.b_text)));
    }
  }
  return out;
}

bool group_text_only(const std::vector<const Edit*>& edits) {
  return std::all_of(edits.begin(), edits.end(), [](const Edit* e) { return e->text_only; });
}

// The same text on both sides: what differs is how it is read (`--reading-a` / `--reading-b`).
bool same_text(const ReviewInput& in) {
  return in.revision.a_text == in.revision.b_text;
}

void title_block(const ReviewInput& in, Document& d) {
  const Program& a = *in.a.program;
  std::string policy = analysis::header_text(a, "policy");
  std::string title = analysis::header_text(a, "title");
  d.title = fmt::format("{}: {}{}", same_text(in) ? "Two readings" : "Annual review", a.plan_id,
                        policy.empty() ? "" : fmt::format(" — {} “{}”", policy, title));
  std::string issuer = analysis::header_text(a, "issuer");
  if (!issuer.empty()) d.meta.emplace_back("Plan", issuer);
  d.meta.emplace_back("A", side_line(in.a));
  d.meta.emplace_back("B", side_line(in.b));
  d.meta.emplace_back("Generated", generation_date() + " by " + tool_version());
}

void summary(const ReviewInput& in, Document& d) {
  const analysis::ImpactReport& im = in.impact;
  size_t heading = d.blocks.size();
  d.heading("Summary");
  if (im.equivalent && im.complete) {
    d.paragraph(
        "Equivalent: every case gets the same determination from A and B (proved over "
        "the whole case space).");
  }
  std::vector<std::string> items;
  size_t n = 0;
  for (const auto& g : im.groups) {
    std::vector<const Edit*> edits = edits_of(in.revision, g.group);
    if (edits.empty()) continue;
    ++n;
    items.push_back(
        fmt::format("{} → {}", group_title(edits), effect_summary(g, group_text_only(edits))));
  }
  if (!im.combined.empty())
    items.push_back(fmt::format(
        "{}: {} kind{} of case ({})", same_text(in) ? "From the reading" : "Only in combination",
        im.combined.size(), im.combined.size() == 1 ? "" : "s", components_of(im.combined)));
  if (!im.complete) items.push_back("The analysis reached its bound: not every case was compared.");
  if (n == 0) {
    d.paragraph(items.empty()   ? "No edit to the rules."
                : same_text(in) ? "The same text on both sides, read differently (A and B above):"
                                : "No edit to the rules, yet:");
    if (!items.empty()) d.list(items);
  } else {
    d.blocks[heading].text =
        fmt::format("Summary: {} edit{} to the rules, and what each changes", n, n == 1 ? "" : "s");
    d.list(items, "numbered");
  }
  if (im.missing_cells)
    d.paragraph(
        fmt::format("Where facts are missing, A and B also handle an absent fact "
                    "differently in {} more way{} ({}; e.g. {}){}.",
                    im.missing_cells, im.missing_cells == 1 ? "" : "s",
                    fmt::join(im.missing_components, ", "),
                    analysis::facts_text(im.missing_example),
                    in.list_missing ? ": listed at the end" : "; sop diff --missing lists them"),
        "note");
}

void details(const ReviewInput& in, Document& d) {
  size_t n = 0;
  for (const auto& g : in.impact.groups) {
    std::vector<const Edit*> edits = edits_of(in.revision, g.group);
    if (edits.empty()) continue;
    d.heading(fmt::format("{}. {}", ++n, group_title(edits)), 3);
    std::vector<std::string> aspects;
    for (const Edit* e : edits)
      for (std::string& line : aspect_lines(*e)) aspects.push_back(std::move(line));
    if (g.rows.empty()) aspects.push_back("effect: " + effect_summary(g, group_text_only(edits)));
    for (std::string& item : effect_items(in, g.rows)) aspects.push_back("effect: " + item);
    d.list(aspects);
  }
}

void rest(const ReviewInput& in, Document& d) {
  const analysis::ImpactReport& im = in.impact;
  if (!im.combined.empty()) {
    if (same_text(in)) {
      d.heading("From the reading", 3);
      d.paragraph(
          "The text is the same on both sides: these cases are decided differently "
          "because the two sides read it differently.");
    } else {
      d.heading("Only in combination", 3);
      d.paragraph(
          "No edit alone changes these cases; the edits together do (or an edit that could "
          "not be applied alone does).");
    }
    d.list(effect_items(in, im.combined), "effects");
  }
  if (!im.missing.empty()) {
    d.page_break();
    d.heading("Where facts are missing", 3);
    d.list(effect_items(in, im.missing), "effects");
  }
}

}  // namespace

Document review_document(const ReviewInput& in) {
  Document d;
  title_block(in, d);
  summary(in, d);
  bool edits = std::any_of(in.impact.groups.begin(), in.impact.groups.end(),
                           [&](const auto& g) { return !edits_of(in.revision, g.group).empty(); });
  if (edits) d.heading("The edits (effects over cases that give every fact)");
  details(in, d);
  rest(in, d);
  return d;
}

nlohmann::ordered_json review_json(const ReviewInput& in) {
  using J = nlohmann::ordered_json;
  auto rows = [&](const std::vector<EffectRow>& rs) {
    J arr = J::array();
    for (const EffectRow& r : rs) {
      J conditions = J::array();
      for (const analysis::Region& c : r.cubes)
        conditions.push_back(analysis::describe_cube(c, in.space));
      arr.push_back({{"component", r.component},
                     {"a", r.from},
                     {"b", r.to},
                     {"a_text", value_text(r, false)},
                     {"b_text", value_text(r, true)},
                     {"when", conditions},
                     {"conditions_cut", r.cut},
                     {"witness", r.witness},
                     {"confirmed", r.confirmed}});
    }
    return arr;
  };
  J edits = J::array();
  for (const auto& g : in.impact.groups) {
    std::vector<const Edit*> es = edits_of(in.revision, g.group);
    if (es.empty()) continue;
    J names = J::array();
    for (const Edit* e : es) names.push_back(e->title());
    edits.push_back({{"edits", names}, {"applied_alone", g.applied}, {"effects", rows(g.rows)}});
  }
  return {{"equivalent", in.impact.equivalent && in.impact.complete},
          {"changes", edits},
          {"combined", rows(in.impact.combined)},
          {"missing_facts",
           {{"differences", in.impact.missing_cells},
            {"components", in.impact.missing_components},
            {"example", in.impact.missing_example},
            {"listed", rows(in.impact.missing)}}}};
}

}  // namespace sop::report
