#include "analysis/revision.hpp"

#include <algorithm>
#include <numeric>
#include <optional>

namespace sop::analysis {

namespace {

// The lines [first, last] a span covers, when it lies in the root file (file 0).
std::optional<std::pair<size_t, size_t>> span_lines(const Program& p, const Span& s) {
  if (s.begin.file != 0 || s.begin.line == 0) return std::nullopt;
  const std::string& text = p.sources.file(0).text;
  size_t end = std::min<size_t>(s.begin.offset + s.length, text.size());
  size_t last =
      s.begin.line - 1 +
      static_cast<size_t>(std::count(text.begin() + s.begin.offset, text.begin() + end, '\n'));
  return std::make_pair(static_cast<size_t>(s.begin.line - 1), last);
}

const Rule* find_rule(const Program& p, const std::string& target, const std::string& label) {
  int32_t v = p.find_var(target);
  if (v == k_none || p.vars[v].definition == k_none) return nullptr;
  for (uint32_t r : p.definitions[p.vars[v].definition].rules)
    if (p.rules[r].label == label) return &p.rules[r];
  return nullptr;
}

// Where an edit's subject is declared in `p`: nullopt when `p` lacks it; a span outside the root
// file when it is declared elsewhere (a library).
std::optional<Span> subject_span(const Program& p, const Change& c) {
  if (c.what == "rule") {
    const Rule* r = find_rule(p, c.target, c.label);
    return r ? std::optional<Span>(r->span) : std::nullopt;
  }
  if (c.what == "document") {
    for (const DocumentDef& d : p.documents)
      if (d.name == c.target) return d.span;
  }
  return std::nullopt;
}

bool overlaps(size_t begin, size_t end, const std::optional<std::pair<size_t, size_t>>& lines) {
  if (!lines) return false;
  size_t last = end - 1;
  return begin <= lines->second && last >= lines->first;
}

std::vector<Edit> group_changes(const Program& a, const std::vector<Change>& changes) {
  std::vector<Edit> out;
  for (const Change& c : changes) {
    auto same = std::find_if(out.begin(), out.end(), [&](const Edit& e) {
      const Change& x = e.aspects[0];
      return x.what == c.what && x.target == c.target && x.label == c.label;
    });
    if (same == out.end()) {
      out.push_back({{c}, {}, false, out.size(), false, false});
    } else {
      same->aspects.push_back(c);
    }
  }
  for (Edit& e : out) {
    const Change& c = e.aspects[0];
    if (c.what == "header") {
      const HeaderField* h = nullptr;
      for (const HeaderField& f : a.header)
        if (f.name == c.target) h = &f;
      e.document_date = h && a.types.kind(a.types.strip_optional(h->type)) == TypeKind::date;
    }
    e.text_only = std::all_of(e.aspects.begin(), e.aspects.end(), [](const Change& x) {
      return x.aspect == "quote" || x.aspect == "title" || x.aspect == "citation";
    });
  }
  return out;
}

// Each rule edit's hunks: those overlapping its lines in A or in B. Edits sharing a hunk are
// put in one group.
void assign_hunks(const Program& a, const Program& b, Revision& r) {
  std::vector<size_t> group(r.edits.size());
  std::iota(group.begin(), group.end(), 0);
  std::vector<std::optional<size_t>> owner(r.hunks.size());
  for (size_t e = 0; e < r.edits.size(); ++e) {
    Edit& edit = r.edits[e];
    const Change& c = edit.aspects[0];
    if (c.what != "rule" && c.what != "document") continue;
    std::optional<Span> sa = subject_span(a, c), sb = subject_span(b, c);
    auto la = sa ? span_lines(a, *sa) : std::nullopt;
    auto lb = sb ? span_lines(b, *sb) : std::nullopt;
    edit.has_lines = (!sa || la) && (!sb || lb) && (la || lb);
    for (size_t h = 0; h < r.hunks.size(); ++h) {
      const Hunk& k = r.hunks[h];
      // A hunk's empty side (a pure insertion or deletion) touches nothing on that side.
      bool on_a = k.a_end > k.a_begin && overlaps(k.a_begin, k.a_end, la);
      bool on_b = k.b_end > k.b_begin && overlaps(k.b_begin, k.b_end, lb);
      if (!on_a && !on_b) continue;
      edit.hunks.push_back(h);
      if (owner[h]) group[e] = group[*owner[h]];
      owner[h] = e;
    }
    if (edit.hunks.empty()) edit.has_lines = false;
  }
  for (size_t e = 0; e < r.edits.size(); ++e) r.edits[e].group = group[e];
}

}  // namespace

std::string Edit::title() const {
  const Change& c = aspects[0];
  std::string name = c.label.empty() ? c.target : c.target + "." + c.label;
  return std::string(kind_name(c.kind)) + " " + c.what + " " + name;
}

Revision revision(const Program& a, const Program& b) {
  Revision r;
  r.a_text = a.sources.file(0).text;
  r.b_text = b.sources.file(0).text;
  r.hunks = line_hunks(split_lines(r.a_text), split_lines(r.b_text));
  r.edits = group_changes(a, structural_diff(a, b));
  assign_hunks(a, b, r);
  return r;
}

std::string apply_group(const Revision& r, size_t group) {
  std::vector<std::string_view> a = split_lines(r.a_text), b = split_lines(r.b_text);
  std::vector<bool> apply(r.hunks.size(), false);
  for (const Edit& e : r.edits)
    if (e.group == group)
      for (size_t h : e.hunks) apply[h] = true;
  std::string out;
  size_t i = 0;
  for (size_t h = 0; h < r.hunks.size(); ++h) {
    const Hunk& k = r.hunks[h];
    for (; i < k.a_begin; ++i) out.append(a[i]).append("\n");
    if (apply[h]) {
      for (size_t j = k.b_begin; j < k.b_end; ++j) out.append(b[j]).append("\n");
    } else {
      for (size_t j = k.a_begin; j < k.a_end; ++j) out.append(a[j]).append("\n");
    }
    i = k.a_end;
  }
  for (; i < a.size(); ++i) out.append(a[i]).append("\n");
  return out;
}

}  // namespace sop::analysis
