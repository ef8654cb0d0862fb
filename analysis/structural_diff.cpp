#include "analysis/structural_diff.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "interpreter/value_text.hpp"
#include "lang/civil_time.hpp"

namespace sop::analysis {

const char* kind_name(Change::Kind k) {
  switch (k) {
    case Change::Kind::added:
      return "added";
    case Change::Kind::removed:
      return "removed";
    case Change::Kind::changed:
      return "changed";
    case Change::Kind::moved:
      return "moved";
  }
  return "?";
}

std::string node_text(const Program& p, int32_t node) {
  if (node == k_none) return "";
  const Span& s = p.nodes[node].span;
  const std::string& text = p.sources.file(s.begin.file).text;
  if (s.begin.offset + s.length > text.size()) return "";
  std::string out = text.substr(s.begin.offset, s.length);
  // One line: the text as a reader would quote it.
  std::string flat;
  bool space = false;
  for (char c : out) {
    if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
      space = !flat.empty();
      continue;
    }
    if (space) flat += ' ';
    space = false;
    flat += c;
  }
  return flat;
}

std::string header_text(const Program& p, const HeaderField& h) {
  if (h.value.kind == ValueKind::string) return std::string(h.value.text());
  if (h.value.is_null() || h.value.is_unknown()) return "";
  return value_text(p, h.value, 0);
}

std::string header_text(const Program& p, const std::string& field) {
  for (const HeaderField& h : p.header)
    if (h.name == field) return header_text(p, h);
  return "";
}

namespace {

std::string holiday_text(const Holiday& h) {
  static const char* months[] = {"January",   "February", "March",    "April",
                                 "May",       "June",     "July",     "August",
                                 "September", "October",  "November", "December"};
  static const char* days[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                               "Friday", "Saturday", "Sunday"};
  static const char* nth[] = {"first", "second", "third", "fourth", "fifth"};
  std::string when;
  if (h.listed()) {
    when = "dates {";
    for (const ListedDate& d : h.dates)
      when += (&d == &h.dates.front() ? " " : ", ") + civil::format_date(d.day);
    when += " }";
    const DateWindow& w = h.window;
    if (w.first_month != 1 || w.first_day != 1 || w.last_month != 12 || w.last_day != 31)
      when += fmt::format(" between {} {} and {} {}", months[w.first_month - 1], w.first_day,
                          months[w.last_month - 1], w.last_day);
  } else if (h.rule.kind == DateRule::Kind::fixed) {
    when = fmt::format("{} {}", months[h.rule.month - 1], h.rule.day);
  } else {
    when = fmt::format("{} {} of {}", h.rule.nth < 0 ? "last" : nth[h.rule.nth - 1],
                       days[static_cast<int>(h.rule.weekday)], months[h.rule.month - 1]);
  }
  if (h.rule.offset_days) when += fmt::format(" + {} days", h.rule.offset_days);
  std::string out = fmt::format("\"{}\" on {}", h.name, when);
  if (h.observed.saturday_shift || h.observed.sunday_shift)
    out += fmt::format(" observed saturday {:+}, sunday {:+}", h.observed.saturday_shift,
                       h.observed.sunday_shift);
  if (h.from_year) out += fmt::format(" from {}", *h.from_year);
  if (h.until_year) out += fmt::format(" until {}", *h.until_year);
  return out;
}

struct RuleView {
  const Rule* rule;
  size_t position;
};

std::map<std::string, RuleView> rules_of(const Program& p, const Definition& d) {
  std::map<std::string, RuleView> out;
  for (size_t i = 0; i < d.rules.size(); ++i)
    out[p.rules[d.rules[i]].label] = {&p.rules[d.rules[i]], i};
  return out;
}

std::string exceptions_text(const Program& p, const Rule& r) {
  std::string out;
  for (uint32_t e : r.exceptions) {
    const Rule& x = p.rules[e];
    out +=
        fmt::format("{}exception when {} => {}", out.empty() ? "" : "; ", node_text(p, x.condition),
                    x.skip              ? "skip"
                    : x.value == k_none ? "(its value)"
                                        : node_text(p, x.value));
  }
  return out;
}

}  // namespace

std::vector<Change> structural_diff(const Program& a, const Program& b) {
  std::vector<Change> out;
  // Header.
  for (const HeaderField& ha : a.header) {
    auto it = std::find_if(b.header.begin(), b.header.end(),
                           [&](const HeaderField& x) { return x.name == ha.name; });
    std::string ta = header_text(a, ha), tb = it == b.header.end() ? "" : header_text(b, *it);
    if (ta != tb)
      out.push_back({Change::Kind::changed, "header", ha.name, "", "value", ta, tb, "", ""});
  }
  // Documents.
  for (const DocumentDef& d : a.documents) {
    auto it = std::find_if(b.documents.begin(), b.documents.end(),
                           [&](const DocumentDef& x) { return x.name == d.name; });
    std::string ta = d.ref + (d.title.empty() ? "" : " " + d.title);
    if (it == b.documents.end()) {
      out.push_back({Change::Kind::removed, "document", d.name, "", "", ta, "", "", ""});
    } else {
      std::string tb = it->ref + (it->title.empty() ? "" : " " + it->title);
      if (ta != tb)
        out.push_back({Change::Kind::changed, "document", d.name, "", "reference", ta, tb, "", ""});
    }
  }
  for (const DocumentDef& d : b.documents) {
    bool known = std::any_of(a.documents.begin(), a.documents.end(),
                             [&](const DocumentDef& x) { return x.name == d.name; });
    if (!known)
      out.push_back({Change::Kind::added, "document", d.name, "", "", "",
                     d.ref + (d.title.empty() ? "" : " " + d.title), "", ""});
  }
  // Calendars.
  for (const CalendarDef& c : a.calendars) {
    auto it = std::find_if(b.calendars.begin(), b.calendars.end(),
                           [&](const CalendarDef& x) { return x.name == c.name; });
    if (it == b.calendars.end()) {
      out.push_back({Change::Kind::removed, "calendar", c.name, "", "", c.doc, "", c.cite, ""});
      continue;
    }
    std::vector<std::string> ha, hb;
    for (const auto& h : c.holidays) ha.push_back(holiday_text(h));
    for (const auto& h : it->holidays) hb.push_back(holiday_text(h));
    for (const std::string& h : ha)
      if (std::find(hb.begin(), hb.end(), h) == hb.end())
        out.push_back(
            {Change::Kind::removed, "calendar", c.name, "", "holiday", h, "", c.cite, it->cite});
    for (const std::string& h : hb)
      if (std::find(ha.begin(), ha.end(), h) == ha.end())
        out.push_back(
            {Change::Kind::added, "calendar", c.name, "", "holiday", "", h, c.cite, it->cite});
  }
  // Definitions, and their rules by label.
  auto definition_of = [](const Program& p, const std::string& name) -> const Definition* {
    int32_t v = p.find_var(name);
    if (v == k_none || p.vars[v].definition == k_none) return nullptr;
    return &p.definitions[p.vars[v].definition];
  };
  std::vector<std::string> names;
  for (const Var& v : a.vars)
    if (v.definition != k_none) names.push_back(v.name);
  for (const Var& v : b.vars)
    if (v.definition != k_none && std::find(names.begin(), names.end(), v.name) == names.end())
      names.push_back(v.name);
  for (const std::string& name : names) {
    const Definition* da = definition_of(a, name);
    const Definition* db = definition_of(b, name);
    if (!da || !db) {
      out.push_back({da ? Change::Kind::removed : Change::Kind::added, "definition", name, "", "",
                     da ? "defined" : "", db ? "defined" : "", "", ""});
      continue;
    }
    if (da->combinator != db->combinator) {
      static const char* comb[] = {"value", "first", "collect"};
      out.push_back({Change::Kind::changed, "definition", name, "", "combinator",
                     comb[static_cast<int>(da->combinator)], comb[static_cast<int>(db->combinator)],
                     "", ""});
    }
    auto ra = rules_of(a, *da), rb = rules_of(b, *db);
    // A rule has moved when its place among the rules both sides have changed: a rule added or
    // removed before it moves nothing.
    auto common_rank = [](const Program& p, const Definition& d, const auto& other) {
      std::map<std::string, size_t> rank;
      for (uint32_t r : d.rules)
        if (other.count(p.rules[r].label)) rank.emplace(p.rules[r].label, rank.size());
      return rank;
    };
    auto ca = common_rank(a, *da, rb), cb = common_rank(b, *db, ra);
    for (size_t i = 0; i < da->rules.size(); ++i) {
      const Rule& x = a.rules[da->rules[i]];
      auto it = rb.find(x.label);
      if (it == rb.end()) {
        out.push_back({Change::Kind::removed, "rule", name, x.label, "",
                       fmt::format("when {} => {}",
                                   x.condition == k_none ? "(always)" : node_text(a, x.condition),
                                   node_text(a, x.value)),
                       "", x.cite, ""});
        continue;
      }
      const Rule& y = *it->second.rule;
      auto aspect = [&](const char* what, const std::string& ta, const std::string& tb) {
        if (ta != tb)
          out.push_back(
              {Change::Kind::changed, "rule", name, x.label, what, ta, tb, x.cite, y.cite});
      };
      aspect("condition", node_text(a, x.condition), node_text(b, y.condition));
      aspect("value", node_text(a, x.value), node_text(b, y.value));
      aspect("exceptions", exceptions_text(a, x), exceptions_text(b, y));
      aspect("title", x.title, y.title);
      aspect("citation", x.cite, y.cite);
      aspect("quote", x.quote, y.quote);
      if (ca[x.label] != cb[x.label] && da->combinator == Combinator::first) {
        out.push_back({Change::Kind::moved, "rule", name, x.label, "position",
                       fmt::format("{}", ra[x.label].position + 1),
                       fmt::format("{}", it->second.position + 1), x.cite, y.cite});
      }
    }
    for (size_t i = 0; i < db->rules.size(); ++i) {
      const Rule& y = b.rules[db->rules[i]];
      if (ra.count(y.label)) continue;
      out.push_back({Change::Kind::added, "rule", name, y.label, "", "",
                     fmt::format("when {} => {}",
                                 y.condition == k_none ? "(always)" : node_text(b, y.condition),
                                 node_text(b, y.value)),
                     "", y.cite});
    }
  }
  return out;
}

}  // namespace sop::analysis
