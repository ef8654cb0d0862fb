// Expressions: a line too long is broken at the outermost construct that can break — before
// each `or`, `and`, `??` of a chain, before `then` and `else`, inside a record, list or call's
// brackets — and then, if a part is still too long, inside that part. Strings never break.
#include <variant>

#include "lang/format_walk.hpp"
#include "lang/overloaded.hpp"

namespace sop::format {

namespace {

size_t first_of(const Layout& l, const ast::Expr& e) {
  return first_token(l, e.span);
}
size_t last_of(const Layout& l, const ast::Expr& e) {
  return last_token(l, e.span);
}

// Whether the expression's span is `( … )` around it (the parser's spans include parentheses).
bool parenthesized(const Layout& l, const ast::Expr& e) {
  size_t first = first_of(l, e);
  return l.tokens()[first].is("(") && l.tokens()[first].match == last_of(l, e);
}

// Whether a line `e` is on is too long, or a comment inside `e` already broke it (then it is
// broken as if too long, so that its lines begin where a break belongs).
bool needs_breaking(const Layout& l, const ast::Expr& e) {
  size_t first = first_of(l, e), last = last_of(l, e);
  if (l.too_long(first)) return true;
  for (size_t i = first + 1; i <= last; ++i)
    if (l.starts_line(i) && (l.tokens()[i - 1].comment() || l.too_long(i))) return true;
  return false;
}

// The operands of a chain of one operator (`a or b or c`), parentheses ending the chain.
void flatten(const Layout& l, const ast::Expr& e, ast::BinaryOp op, bool top,
             std::vector<const ast::Expr*>& out) {
  const auto* b = std::get_if<ast::Binary>(&e.kind);
  if (b == nullptr || b->op != op || b->calendar != nullptr || (!top && parenthesized(l, e))) {
    out.push_back(&e);
    return;
  }
  flatten(l, *b->lhs, op, false, out);
  flatten(l, *b->rhs, op, false, out);
}

bool chain_op(ast::BinaryOp op) {
  return op == ast::BinaryOp::or_ || op == ast::BinaryOp::and_ || op == ast::BinaryOp::coalesce;
}

// `a and b and c`: each operator starts a line unless the line before it has room for it and
// its operand (as many operands to a line as fit, as the shipped files write conditions).
void break_chain(const ast::Expr& e, ast::BinaryOp op, Layout& l, int indent) {
  std::vector<const ast::Expr*> operands;
  flatten(l, e, op, true, operands);
  std::vector<size_t> ops;
  for (size_t k = 1; k < operands.size(); ++k)
    ops.push_back(next_code(l, last_of(l, *operands[k - 1])));
  for (size_t o : ops) l.line(o, indent);
  for (size_t o : ops) {
    if (l.tokens()[o - 1].comment()) continue;
    l.join(o, true);
    if (l.too_long(o)) l.line(o, indent);
  }
  for (const ast::Expr* operand : operands) fit(*operand, l, indent + 2);
}

void break_if(const ast::If& f, Layout& l, int indent) {
  l.line(next_code(l, last_of(l, *f.cond)), indent);
  l.line(next_code(l, last_of(l, *f.then_branch)), indent);
  fit(*f.cond, l, indent + 2);
  fit(*f.then_branch, l, indent + 2);
  fit(*f.else_branch, l, indent + 2);
}

std::vector<Item> expr_items(const Layout& l, const std::vector<ast::ExprPtr>& exprs) {
  std::vector<Item> items;
  for (const ast::ExprPtr& x : exprs) items.push_back({first_of(l, *x), last_of(l, *x)});
  return items;
}

// Breaks `e` (whose parentheses, if any, are already accounted for in `indent`).
void break_expr(const ast::Expr& e, Layout& l, int indent) {
  size_t first = first_of(l, e);
  std::visit(overloaded{
                 [&](const ast::Binary& b) {
                   if (chain_op(b.op) && b.calendar == nullptr)
                     return break_chain(e, b.op, l, indent);
                   fit(*b.rhs, l, indent);
                   fit(*b.lhs, l, indent);
                 },
                 [&](const ast::If& f) { break_if(f, l, indent); },
                 [&](const ast::CollectionLit& c) {
                   fill(l, first, expr_items(l, c.items), false);
                   for (const ast::ExprPtr& x : c.items) fit(*x, l, l.line_indent(first) + 4);
                 },
                 [&](const ast::RecordLit& r) {
                   std::vector<Item> items;
                   for (const auto& f : r.fields)
                     items.push_back({first_token(l, f.name_span), last_of(l, *f.value)});
                   fill(l, first, items, false);
                   for (const auto& f : r.fields) fit(*f.value, l, l.line_indent(first) + 4);
                 },
                 [&](const ast::Call& c) {
                   if (c.args.empty()) return;
                   size_t open = next_code(l, first_token(l, c.callee_span));
                   fill(l, open, expr_items(l, c.args), false);
                   for (const ast::ExprPtr& x : c.args) fit(*x, l, l.line_indent(open) + 4);
                 },
                 [&](const ast::Unary& u) { fit(*u.operand, l, indent); },
                 [&](const ast::Member& m) { fit(*m.object, l, indent); },
                 [](const auto&) {},
             },
             e.kind);
}

}  // namespace

size_t first_token(const Layout& l, const Span& s) {
  return l.at(s.begin.offset);
}
size_t last_token(const Layout& l, const Span& s) {
  return l.last_before(s.begin.offset + s.length);
}
size_t next_code(const Layout& l, size_t i) {
  do ++i;
  while (i < l.tokens().size() && l.tokens()[i].comment());
  return i;
}
size_t prev_code(const Layout& l, size_t i) {
  while (i > 0 && l.tokens()[--i].comment()) {
  }
  return i;
}

void tighten(const ast::Expr& e, Layout& l) {
  std::visit(overloaded{
                 [&](const ast::Member& m) { tighten(*m.object, l); },
                 [&](const ast::Unary& u) {
                   if (u.op == ast::UnaryOp::neg) l.join(first_of(l, *u.operand), false);
                   tighten(*u.operand, l);
                 },
                 [&](const ast::Binary& b) {
                   tighten(*b.lhs, l);
                   tighten(*b.rhs, l);
                   if (b.calendar) tighten(*b.calendar, l);
                 },
                 [&](const ast::Call& c) {
                   l.join(next_code(l, first_token(l, c.callee_span)), false);
                   for (const ast::ExprPtr& x : c.args) tighten(*x, l);
                 },
                 [&](const ast::If& f) {
                   tighten(*f.cond, l);
                   tighten(*f.then_branch, l);
                   tighten(*f.else_branch, l);
                 },
                 [&](const ast::CollectionLit& c) {
                   for (const ast::ExprPtr& x : c.items) tighten(*x, l);
                 },
                 [&](const ast::RecordLit& r) {
                   for (const auto& f : r.fields) tighten(*f.value, l);
                 },
                 [](const auto&) {},
             },
             e.kind);
}

void fit(const ast::Expr& e, Layout& l, int indent) {
  tighten(e, l);
  if (!needs_breaking(l, e)) return;
  // Inside parentheses, continuation lines align with what follows the `(`.
  break_expr(e, l, parenthesized(l, e) ? l.column(first_of(l, e)) + 1 : indent);
}

void fill(Layout& l, size_t open, const std::vector<Item>& items, bool always_break) {
  size_t close = l.tokens()[open].match;
  if (items.empty()) return;
  if (!always_break && !l.starts_line(items.front().first) && !l.starts_line(close)) {
    bool fits = true;
    for (size_t i = open; i <= close && fits; ++i) fits = !(l.starts_line(i) || l.too_long(i));
    if (fits) return;
  }
  int base = l.line_indent(open);
  for (const Item& item : items) l.line(item.first, base + 2);
  l.line(close, base, 1, base + 2);
  for (size_t k = 1; k < items.size(); ++k) {
    size_t first = items[k].first;
    if (l.tokens()[first - 1].comment()) continue;  // a comment keeps it on its own line
    l.join(first, true);
    if (l.too_long(first)) l.line(first, base + 2);
  }
}

}  // namespace sop::format
