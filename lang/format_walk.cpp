// Where lines break, construct by construct: the canonical layout of docs/language.md's
// constructs, as the shipped files write them (docs/design.md, "The formatter").
#include <variant>

#include "lang/format_walk.hpp"
#include "lang/overloaded.hpp"

namespace sop::format {

namespace {

// Token `i` joins the line before it if that line then fits, else starts a line at `indent`.
// Called left to right, with what follows `i` already on lines of its own.
void join_or_break(Layout& l, size_t i, int indent) {
  l.join(i, true);
  if (l.too_long(i)) l.line(i, indent);
}

// The closing brace of a block at `indent`: on its own line when the block holds anything
// (comments included), comments before it indented as the block's contents.
void close_block(Layout& l, size_t close, int indent) {
  size_t open = l.tokens()[close].match;
  if (close > open + 1) l.line(close, indent, 1, indent + 2);
}

void lay_out_citation(Layout& l, const ast::Citation& c, int indent) {
  l.line(first_token(l, c.span), indent);
  if (c.quote_span.length > 0) l.line(prev_code(l, first_token(l, c.quote_span)), indent);
}

// rule / otherwise / exception / adopt / override / omit / invariant: the head on a line, each
// clause (cite, quote, when, =>, before/after) on a line of its own below it.
void lay_out_rule(Layout& l, const ast::Rule& r, int indent, int newlines) {
  size_t head = first_token(l, r.span);
  size_t last = last_token(l, r.span);
  l.line(head, indent, newlines);
  if (r.kind == ast::Rule::Kind::omit) return;
  if (r.citation) lay_out_citation(l, *r.citation, indent + 2);
  if (r.condition) l.line(prev_code(l, first_token(l, r.condition->span)), indent + 2);
  if (r.value) l.line(prev_code(l, first_token(l, r.value->span)), indent + 2);
  if (r.skip) {
    size_t from = r.condition ? last_token(l, r.condition->span) : head;
    l.line(l.find(from, last + 1, "=>"), indent + 2);
  }
  if (r.position != ast::Rule::Position::end)
    l.line(prev_code(l, first_token(l, r.anchor_span)), indent + 2);
  l.defer([&l, &r, indent] {
    if (r.condition) fit(*r.condition, l, indent + 4);
    if (r.value) fit(*r.value, l, indent + 4);
  });
}

void lay_out_definition(Layout& l, const ast::Definition& d) {
  if (d.combinator == Combinator::value && !d.refine && d.rules.size() == 1) {
    // `NAME = EXPR cite "…"`
    const ast::Rule& r = d.rules.front();
    if (r.citation) lay_out_citation(l, *r.citation, 2);
    if (r.value) l.defer([&l, &r] { fit(*r.value, l, 2); });
    return;
  }
  for (size_t k = 0; k < d.rules.size(); ++k) lay_out_rule(l, d.rules[k], 2, k == 0 ? 1 : 2);
  close_block(l, last_token(l, d.span), 0);
}

// `output NAME: T "doc" = EXPR`: the description on the head's line if it fits, else on the
// next; the value after the description if both fit on the head's line, else on a line below.
void lay_out_var(Layout& l, const ast::VarDecl& v) {
  size_t head = first_token(l, v.span);
  size_t last = last_token(l, v.span);
  if (v.unknown_as) tighten(*v.unknown_as, l);
  if (v.range_lo && *v.range_lo < 0)
    l.join(next_code(l, next_code(l, l.find(head, last, "in"))), false);
  if (v.range_hi && *v.range_hi < 0)
    l.join(next_code(l, next_code(l, l.find(head, last, ".."))), false);
  if (v.kind == VarKind::fact) {  // one line: its description follows its default
    if (v.value) tighten(*v.value, l);
    return;
  }
  size_t eq = v.value ? prev_code(l, first_token(l, v.value->span)) : l.tokens().size();
  size_t doc = v.value ? prev_code(l, eq) : last;
  l.line(doc, 2);
  if (v.value) l.line(eq, 2);
  l.defer([&l, &v, doc, eq] {
    join_or_break(l, doc, 2);
    if (!v.value) return;
    if (!l.starts_line(doc)) join_or_break(l, eq, 2);
    fit(*v.value, l, l.starts_line(eq) ? 4 : 2);
  });
}

// `fn NAME(PARAMS) -> T "doc" = BODY`: the description and the body each join the line
// before them if it fits.
void lay_out_fn(Layout& l, const ast::FnDecl& f) {
  size_t head = first_token(l, f.span);
  l.join(next_code(l, next_code(l, head)), false);  // `NAME(`
  size_t body = first_token(l, f.body->span);
  size_t eq = prev_code(l, body);
  l.line(body, 2);
  size_t doc = f.doc.empty() ? l.tokens().size() : prev_code(l, eq);
  if (!f.doc.empty()) l.line(doc, 2);
  l.defer([&l, &f, doc, body] {
    if (doc < l.tokens().size()) join_or_break(l, doc, 2);
    join_or_break(l, body, 2);
    fit(*f.body, l, l.starts_line(body) ? 4 : 2);
  });
}

void lay_out_holiday(Layout& l, const Holiday& h) {
  size_t head = first_token(l, h.span);
  size_t last = last_token(l, h.span);
  l.line(head, 2);
  size_t dates = h.listed() ? l.find(head, last + 1, "dates") : l.tokens().size();
  if (dates < l.tokens().size()) {
    std::vector<Item> items;
    for (const ListedDate& d : h.dates)
      items.push_back({first_token(l, d.span), last_token(l, d.span)});
    l.defer([&l, items, open = next_code(l, dates)] { fill(l, open, items, true); });
  }
  // The clauses after the date, each on the line before it while that fits.
  std::vector<size_t> clauses;
  for (size_t k = head + 1; k <= last; ++k) {
    const Token& t = l.tokens()[k];
    if (t.is("{") && t.match > k) k = t.match;
    for (const char* word : {"between", "observed", "from", "until", "cite", "quote"})
      if (t.kind == Token::Kind::word && t.text == word) clauses.push_back(k);
  }
  for (size_t c : clauses) l.line(c, 4);
  l.defer([&l, clauses] {
    for (size_t c : clauses) join_or_break(l, c, 4);
  });
}

void lay_out_calendar(Layout& l, const ast::CalendarDecl& c) {
  if (c.citation) {
    size_t cite = first_token(l, c.citation->span);
    l.line(cite, 2);
    l.defer([&l, cite] { join_or_break(l, cite, 2); });
  }
  for (const Holiday& h : c.holidays) lay_out_holiday(l, h);
  close_block(l, last_token(l, c.span), 0);
}

void lay_out_test(Layout& l, const ast::TestDecl& t) {
  size_t close = last_token(l, t.span);
  size_t open = l.tokens()[close].match;
  size_t given = next_code(l, open);
  if (given < close && l.tokens()[given].is("given")) {
    l.line(given, 2);
    std::vector<Item> items;
    for (const auto& g : t.given) {
      tighten(*g.value, l);
      items.push_back({first_token(l, g.fact_span), last_token(l, g.value->span)});
    }
    l.defer([&l, &t, items, open = next_code(l, given)] {
      fill(l, open, items, false);
      for (const auto& g : t.given) fit(*g.value, l, l.line_indent(open) + 4);
    });
  }
  for (const auto& e : t.expects) {
    size_t kw = first_token(l, e.span);
    l.line(kw, 2);
    if (e.expr) l.defer([&l, &e] { fit(*e.expr, l, 4); });
    if (e.kind == ExpectKind::missing && !e.fact_spans.empty()) {
      std::vector<Item> items;
      for (const Span& s : e.fact_spans) items.push_back({first_token(l, s), first_token(l, s)});
      l.defer([&l, items] { fill(l, prev_code(l, items.front().first), items, false); });
    }
  }
  close_block(l, close, 0);
}

void lay_out_reading(Layout& l, const ast::ReadingDecl& r) {
  for (const auto& o : r.options) {
    l.line(first_token(l, o.span), 2);
    if (o.citation) lay_out_citation(l, *o.citation, 4);
  }
  l.line(prev_code(l, first_token(l, r.default_span)), 2);
  close_block(l, last_token(l, r.span), 0);
}

template <class Field>
void lay_out_fields(Layout& l, const std::vector<Field>& fields, const Span& decl) {
  for (const Field& f : fields) l.line(first_token(l, f.span), 2);
  close_block(l, last_token(l, decl), 0);
}

void lay_out_plan(Layout& l, const ast::PlanDecl& p) {
  for (const auto& f : p.fields) {
    l.line(first_token(l, f.name_span), 2);
    l.defer([&l, &f] { fit(*f.value, l, 4); });
  }
  close_block(l, last_token(l, p.span), 0);
}

// Declarations written one to a line, run together when consecutive of one kind: imports,
// documents, sources, and facts, outputs or defs (each kind apart).
int compact_kind(const ast::Decl& d) {
  if (std::holds_alternative<ast::Import>(d)) return 1;
  if (std::holds_alternative<ast::DocumentDecl>(d)) return 2;
  if (std::holds_alternative<ast::SourceDecl>(d)) return 3;
  if (const auto* v = std::get_if<ast::VarDecl>(&d)) return 4 + static_cast<int>(v->kind);
  return 0;
}

const Span& decl_span(const ast::Decl& d) {
  return std::visit([](const auto& x) -> const Span& { return x.span; }, d);
}

}  // namespace

void lay_out_module(const ast::Module& module, Layout& l) {
  for (size_t k = 0; k < module.decls.size(); ++k) {
    const ast::Decl& d = module.decls[k];
    bool run =
        k > 0 && compact_kind(d) != 0 && compact_kind(d) == compact_kind(module.decls[k - 1]);
    int newlines = run || k == 0 ? 1 : 2;
    l.line(first_token(l, decl_span(d)), 0, newlines);
    std::visit(overloaded{
                   [&](const ast::PlanDecl& p) { lay_out_plan(l, p); },
                   [&](const ast::HeaderDecl& h) { lay_out_fields(l, h.fields, h.span); },
                   [&](const ast::EnumDecl& e) { lay_out_fields(l, e.values, e.span); },
                   [&](const ast::RecordDecl& r) { lay_out_fields(l, r.fields, r.span); },
                   [&](const ast::VarDecl& v) { lay_out_var(l, v); },
                   [&](const ast::FnDecl& f) { lay_out_fn(l, f); },
                   [&](const ast::CalendarDecl& c) { lay_out_calendar(l, c); },
                   [&](const ast::Definition& def) { lay_out_definition(l, def); },
                   [&](const ast::TestDecl& t) { lay_out_test(l, t); },
                   [&](const ast::InvariantDecl& i) { lay_out_rule(l, i.rule, 0, newlines); },
                   [&](const ast::ReadingDecl& r) { lay_out_reading(l, r); },
                   [](const auto&) {},  // import, document, source: one line
               },
               d);
  }
  l.run_deferred();
  l.end_of_file();
}

}  // namespace sop::format
