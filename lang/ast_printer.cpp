#include "lang/ast_printer.hpp"

#include <fmt/format.h>

#include "lang/civil_time.hpp"

namespace sop {
namespace {

constexpr size_t k_width = 100;

// A node of the printed tree: an atom (`head` only), `(head kids…)` or `[kids…]`.
struct Doc {
  std::string head;
  std::vector<Doc> kids;
  enum class Shape { atom, list, brackets } shape = Shape::atom;
  size_t flat = 0;  // the width on one line, computed by measure()
};

Doc atom(std::string text) {
  return Doc{std::move(text), {}, Doc::Shape::atom, 0};
}
Doc node(std::string head, std::vector<Doc> kids = {}) {
  return Doc{std::move(head), std::move(kids), Doc::Shape::list, 0};
}
Doc brackets(std::vector<Doc> kids) {
  return Doc{{}, std::move(kids), Doc::Shape::brackets, 0};
}

size_t measure(Doc& d) {
  if (d.shape == Doc::Shape::atom) return d.flat = d.head.size();
  size_t w = 2 + d.head.size();
  for (size_t i = 0; i < d.kids.size(); ++i) {
    bool space = i > 0 || !d.head.empty();
    w += measure(d.kids[i]) + (space ? 1 : 0);
  }
  return d.flat = w;
}

void render_flat(const Doc& d, std::string& out) {
  if (d.shape == Doc::Shape::atom) {
    out += d.head;
    return;
  }
  out += d.shape == Doc::Shape::list ? '(' : '[';
  out += d.head;
  for (size_t i = 0; i < d.kids.size(); ++i) {
    if (i > 0 || !d.head.empty()) out += ' ';
    render_flat(d.kids[i], out);
  }
  out += d.shape == Doc::Shape::list ? ')' : ']';
}

// Renders `d` starting at column `indent` (the caller has written the indentation).
void render(const Doc& d, size_t indent, std::string& out) {
  if (d.shape == Doc::Shape::atom || indent + d.flat <= k_width || d.kids.empty()) {
    render_flat(d, out);
    return;
  }
  out += d.shape == Doc::Shape::list ? '(' : '[';
  out += d.head;
  // Leading atoms (a label, a title, a citation's text) stay on the head's line.
  size_t i = 0;
  if (d.shape == Doc::Shape::list) {
    for (; i < d.kids.size() && d.kids[i].shape == Doc::Shape::atom; ++i) {
      if (i > 0 || !d.head.empty()) out += ' ';
      out += d.kids[i].head;
    }
  }
  for (; i < d.kids.size(); ++i) {
    out += '\n';
    out.append(indent + 2, ' ');
    render(d.kids[i], indent + 2, out);
  }
  out += d.shape == Doc::Shape::list ? ')' : ']';
}

std::string quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20)
          out += fmt::format("\\u{:04X}", static_cast<unsigned>(c));
        else
          out += c;
    }
  }
  return out + "\"";
}

const char* binary_name(ast::BinaryOp op) {
  switch (op) {
    case ast::BinaryOp::or_:
      return "or";
    case ast::BinaryOp::and_:
      return "and";
    case ast::BinaryOp::eq:
      return "==";
    case ast::BinaryOp::ne:
      return "!=";
    case ast::BinaryOp::lt:
      return "<";
    case ast::BinaryOp::le:
      return "<=";
    case ast::BinaryOp::gt:
      return ">";
    case ast::BinaryOp::ge:
      return ">=";
    case ast::BinaryOp::in:
      return "in";
    case ast::BinaryOp::add:
      return "+";
    case ast::BinaryOp::sub:
      return "-";
    case ast::BinaryOp::mul:
      return "*";
    case ast::BinaryOp::coalesce:
      return "??";
  }
  return "?";
}

const char* unit_name(DurationUnit u) {
  switch (u) {
    case DurationUnit::hours:
      return "hours";
    case DurationUnit::days:
      return "days";
    case DurationUnit::business_days:
      return "business_days";
  }
  return "?";
}

Doc expr_doc(const ast::Expr& e);

Doc expr_or_missing(const ast::ExprPtr& e) {
  return e ? expr_doc(*e) : atom("<missing>");
}

Doc expr_doc(const ast::Expr& e) {
  return std::visit(
      [](const auto& k) -> Doc {
        using K = std::decay_t<decltype(k)>;
        if constexpr (std::is_same_v<K, ast::BoolLit>) {
          return atom(k.value ? "true" : "false");
        } else if constexpr (std::is_same_v<K, ast::IntLit>) {
          return atom(std::to_string(k.value));
        } else if constexpr (std::is_same_v<K, ast::StringLit>) {
          return atom(quote(k.value));
        } else if constexpr (std::is_same_v<K, ast::DateLit>) {
          return node("date", {atom(civil::format_date(k.days))});
        } else if constexpr (std::is_same_v<K, ast::DateTimeLit>) {
          return node("datetime",
                      {atom(civil::format_datetime({k.epoch_seconds, k.offset_minutes}))});
        } else if constexpr (std::is_same_v<K, ast::DurationLit>) {
          return node("duration", {atom(std::to_string(k.amount)), atom(unit_name(k.unit))});
        } else if constexpr (std::is_same_v<K, ast::NullLit>) {
          return atom("null");
        } else if constexpr (std::is_same_v<K, ast::Name>) {
          return atom(k.name);
        } else if constexpr (std::is_same_v<K, ast::Member>) {
          return node(".", {expr_or_missing(k.object), atom(k.field)});
        } else if constexpr (std::is_same_v<K, ast::Unary>) {
          return node(k.op == ast::UnaryOp::not_ ? "not" : "neg", {expr_or_missing(k.operand)});
        } else if constexpr (std::is_same_v<K, ast::Binary>) {
          Doc d = node(binary_name(k.op), {expr_or_missing(k.lhs), expr_or_missing(k.rhs)});
          if (k.calendar) d.kids.push_back(node("using", {expr_doc(*k.calendar)}));
          return d;
        } else if constexpr (std::is_same_v<K, ast::Call>) {
          Doc d = node("call", {atom(k.callee)});
          for (const auto& a : k.args) d.kids.push_back(expr_or_missing(a));
          return d;
        } else if constexpr (std::is_same_v<K, ast::If>) {
          return node("if", {expr_or_missing(k.cond), expr_or_missing(k.then_branch),
                             expr_or_missing(k.else_branch)});
        } else if constexpr (std::is_same_v<K, ast::CollectionLit>) {
          std::vector<Doc> items;
          for (const auto& i : k.items) items.push_back(expr_or_missing(i));
          return brackets(std::move(items));
        } else {
          static_assert(std::is_same_v<K, ast::RecordLit>);
          Doc d = node("record");
          for (const auto& f : k.fields) d.kids.push_back(node(f.name, {expr_or_missing(f.value)}));
          return d;
        }
      },
      e.kind);
}

Doc type_doc(const ast::TypeExpr& t) {
  std::vector<Doc> args;
  for (const auto& a : t.args) args.push_back(type_doc(a));
  switch (t.kind) {
    case ast::TypeExpr::Kind::named:
      return atom(t.name);
    case ast::TypeExpr::Kind::list:
      return node("list", std::move(args));
    case ast::TypeExpr::Kind::set:
      return node("set", std::move(args));
    case ast::TypeExpr::Kind::optional:
      return node("?", std::move(args));
    case ast::TypeExpr::Kind::union_:
      return node("|", std::move(args));
  }
  return atom("?");
}

void add_json_name(Doc& d, const std::string& json_name) {
  if (!json_name.empty()) d.kids.push_back(node("as", {atom(quote(json_name))}));
}

Doc field_doc(const ast::FieldDecl& f) {
  Doc d = node("field " + f.name, {type_doc(f.type), atom(quote(f.doc))});
  add_json_name(d, f.json_name);
  return d;
}

Doc citation_doc(const ast::Citation& c) {
  Doc d = node("cite", {atom(quote(c.cite))});
  if (!c.quote.empty()) d.kids.push_back(node("quote", {atom(quote(c.quote))}));
  return d;
}

const char* k_months[] = {"January", "February", "March",     "April",   "May",      "June",
                          "July",    "August",   "September", "October", "November", "December"};
const char* k_weekdays[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                            "Friday", "Saturday", "Sunday"};
const char* k_ordinals[] = {"first", "second", "third", "fourth", "fifth"};

std::string month_name(int m) {
  return m >= 1 && m <= 12 ? k_months[m - 1] : std::to_string(m);
}

Doc holiday_doc(const Holiday& h) {
  Doc d = node("holiday " + quote(h.name));
  const DateRule& r = h.rule;
  if (h.listed()) {
    Doc dates = node("on dates");
    for (const ListedDate& l : h.dates) {
      if (l.cite.empty()) {
        dates.kids.push_back(atom(civil::format_date(l.day)));
        continue;
      }
      Doc cite = node("cite", {atom(quote(l.cite))});
      if (!l.quote.empty()) cite.kids.push_back(node("quote", {atom(quote(l.quote))}));
      dates.kids.push_back(node(civil::format_date(l.day), {std::move(cite)}));
    }
    d.kids.push_back(std::move(dates));
    const DateWindow& w = h.window;
    if (w.first_month != 1 || w.first_day != 1 || w.last_month != 12 || w.last_day != 31)
      d.kids.push_back(
          node("between",
               {atom(month_name(w.first_month)), atom(std::to_string(w.first_day)), atom("and"),
                atom(month_name(w.last_month)), atom(std::to_string(w.last_day))}));
  } else if (r.kind == DateRule::Kind::fixed) {
    d.kids.push_back(node("on", {atom(month_name(r.month)), atom(std::to_string(r.day))}));
  } else {
    std::string nth = r.nth == -1                ? "last"
                      : r.nth >= 1 && r.nth <= 5 ? k_ordinals[r.nth - 1]
                                                 : std::to_string(r.nth);
    d.kids.push_back(node("on", {atom(nth), atom(k_weekdays[static_cast<int>(r.weekday)]),
                                 atom("of"), atom(month_name(r.month))}));
  }
  if (r.offset_days != 0)
    d.kids.push_back(node("offset", {atom(fmt::format("{:+}", r.offset_days))}));
  if (h.observed.saturday_shift != 0 || h.observed.sunday_shift != 0) {
    Doc o = node("observed");
    if (h.observed.saturday_shift != 0)
      o.kids.push_back(node("saturday", {atom(fmt::format("{:+}", h.observed.saturday_shift))}));
    if (h.observed.sunday_shift != 0)
      o.kids.push_back(node("sunday", {atom(fmt::format("{:+}", h.observed.sunday_shift))}));
    d.kids.push_back(std::move(o));
  }
  if (h.from_year) d.kids.push_back(node("from", {atom(std::to_string(*h.from_year))}));
  if (h.until_year) d.kids.push_back(node("until", {atom(std::to_string(*h.until_year))}));
  if (!h.cite.empty()) {
    Doc cite = node("cite", {atom(quote(h.cite))});
    if (!h.quote.empty()) cite.kids.push_back(node("quote", {atom(quote(h.quote))}));
    d.kids.push_back(std::move(cite));
  }
  return d;
}

Doc rule_doc(const ast::Rule& r) {
  std::string head;
  switch (r.kind) {
    case ast::Rule::Kind::rule:
      head = "rule " + r.label;
      break;
    case ast::Rule::Kind::otherwise:
      head = "otherwise";
      break;
    case ast::Rule::Kind::exception:
      head = "exception-to " + r.label;
      break;
    case ast::Rule::Kind::adopt:
      head = "adopt " + r.label;
      break;
    case ast::Rule::Kind::override_:
      head = "override " + r.label;
      break;
    case ast::Rule::Kind::omit:
      head = "omit " + r.label;
      break;
  }
  Doc d = node(std::move(head));
  if (!r.title.empty()) d.kids.push_back(atom(quote(r.title)));
  if (r.citation) d.kids.push_back(citation_doc(*r.citation));
  if (!r.because.empty()) d.kids.push_back(node("because", {atom(quote(r.because))}));
  if (r.condition) d.kids.push_back(node("when", {expr_doc(*r.condition)}));
  if (r.skip) d.kids.push_back(node("=>", {atom("skip")}));
  if (r.value) d.kids.push_back(node("=>", {expr_doc(*r.value)}));
  if (r.position != ast::Rule::Position::end)
    d.kids.push_back(
        node(r.position == ast::Rule::Position::before ? "before" : "after", {atom(r.anchor)}));
  return d;
}

// One function per declaration kind; decl_doc dispatches on the variant.
Doc doc_of(const ast::Import& x) {
  return node("import", {atom(x.module)});
}

Doc doc_of(const ast::PlanDecl& x) {
  Doc d = node("plan " + x.id);
  if (x.version) d.kids.push_back(node("version", {atom(quote(*x.version))}));
  if (x.in_force_from) d.kids.push_back(node("from", {atom(civil::format_date(*x.in_force_from))}));
  for (const auto& f : x.fields) d.kids.push_back(node(f.name, {expr_or_missing(f.value)}));
  return d;
}

Doc doc_of(const ast::HeaderDecl& x) {
  Doc d = node("header");
  for (const auto& f : x.fields) d.kids.push_back(field_doc(f));
  return d;
}

Doc doc_of(const ast::EnumDecl& x) {
  Doc d = node("enum " + x.name, {atom(quote(x.doc))});
  for (const auto& v : x.values) {
    Doc value = node("value " + v.name, {atom(quote(v.doc))});
    add_json_name(value, v.json_name);
    d.kids.push_back(std::move(value));
  }
  return d;
}

Doc doc_of(const ast::RecordDecl& x) {
  Doc d = node("record " + x.name, {atom(quote(x.doc))});
  for (const auto& f : x.fields) d.kids.push_back(field_doc(f));
  return d;
}

Doc doc_of(const ast::VarDecl& x) {
  const char* kind = x.kind == VarKind::fact     ? "fact "
                     : x.kind == VarKind::output ? "output "
                                                 : "def ";
  Doc d = node(kind + x.name, {type_doc(x.type), atom(quote(x.doc))});
  add_json_name(d, x.json_name);
  if (x.range_lo || x.range_hi)
    d.kids.push_back(node("range", {atom(x.range_lo ? std::to_string(*x.range_lo) : "?"),
                                    atom(x.range_hi ? std::to_string(*x.range_hi) : "?")}));
  if (x.unknown_as) d.kids.push_back(node("unknown-as", {expr_doc(*x.unknown_as)}));
  if (x.value)
    d.kids.push_back(node(x.kind == VarKind::fact ? "default" : "=", {expr_doc(*x.value)}));
  return d;
}

Doc doc_of(const ast::FnDecl& x) {
  Doc params = node("params");
  for (const auto& p : x.params) params.kids.push_back(node(p.name, {type_doc(p.type)}));
  Doc d = node("fn " + x.name, {std::move(params), type_doc(x.result)});
  if (!x.doc.empty()) d.kids.push_back(atom(quote(x.doc)));
  d.kids.push_back(node("=", {expr_or_missing(x.body)}));
  return d;
}

Doc doc_of(const ast::DocumentDecl& x) {
  Doc d = node("document " + x.name, {atom(quote(x.ref))});
  if (!x.title.empty()) d.kids.push_back(atom(quote(x.title)));
  return d;
}

Doc doc_of(const ast::SourceDecl& x) {
  Doc d = node("source " + quote(x.file), {atom("for " + quote(x.cites))});
  if (!x.unchecked_sections.empty())
    d.kids.push_back(atom("sections " +
                          (x.unchecked_prefix.empty() ? "" : quote(x.unchecked_prefix) + " ") +
                          "unchecked " + quote(x.unchecked_sections)));
  return d;
}

Doc doc_of(const ast::CalendarDecl& x) {
  Doc d = node("calendar " + x.name);
  if (!x.doc.empty()) d.kids.push_back(atom(quote(x.doc)));
  if (x.citation) d.kids.push_back(citation_doc(*x.citation));
  for (const auto& h : x.holidays) d.kids.push_back(holiday_doc(h));
  return d;
}

Doc doc_of(const ast::Definition& x) {
  const char* combinator = x.combinator == Combinator::first     ? " first"
                           : x.combinator == Combinator::collect ? " collect"
                                                                 : " value";
  Doc d = node(x.refine ? "refine " + x.target : "define " + x.target + combinator);
  for (const auto& r : x.rules) d.kids.push_back(rule_doc(r));
  return d;
}

Doc expect_doc(const ast::TestDecl::Expect& e) {
  switch (e.kind) {
    case ExpectKind::holds:
      return node("expect", {expr_or_missing(e.expr)});
    case ExpectKind::unknown:
      return node("expect-unknown", {expr_or_missing(e.expr)});
    case ExpectKind::missing:
      break;
  }
  std::vector<Doc> facts;
  for (const auto& f : e.facts) facts.push_back(atom(f));
  return node("expect-missing", {brackets(std::move(facts))});
}

Doc doc_of(const ast::TestDecl& x) {
  Doc d = node("test " + quote(x.name));
  if (x.citation) d.kids.push_back(citation_doc(*x.citation));
  if (!x.given.empty()) {
    Doc given = node("given");
    for (const auto& g : x.given) given.kids.push_back(node(g.fact, {expr_or_missing(g.value)}));
    d.kids.push_back(std::move(given));
  }
  for (const auto& e : x.expects) d.kids.push_back(expect_doc(e));
  return d;
}

Doc doc_of(const ast::InvariantDecl& x) {
  Doc d = rule_doc(x.rule);
  d.head = "invariant " + x.rule.label;
  return d;
}

Doc doc_of(const ast::ReadingDecl& x) {
  Doc d = node("reading " + x.name, {atom(quote(x.doc))});
  for (const auto& o : x.options) {
    Doc option = node("option " + o.name, {atom(quote(o.doc))});
    if (o.citation) option.kids.push_back(citation_doc(*o.citation));
    d.kids.push_back(std::move(option));
  }
  d.kids.push_back(node("default " + x.default_option, {atom(quote(x.because))}));
  return d;
}

Doc decl_doc(const ast::Decl& decl) {
  return std::visit([](const auto& x) { return doc_of(x); }, decl);
}

std::string render_doc(Doc d, size_t indent) {
  measure(d);
  std::string out;
  render(d, indent, out);
  return out;
}

}  // namespace

std::string print_module(const ast::Module& module) {
  std::string out = "(module " + module.name;
  for (const ast::Decl& decl : module.decls) out += "\n  " + render_doc(decl_doc(decl), 2);
  return out + ")\n";
}

std::string print_expr(const ast::Expr& expr) {
  return render_doc(expr_doc(expr), 0);
}

std::string print_type(const ast::TypeExpr& type) {
  return render_doc(type_doc(type), 0);
}

std::string string_literal(std::string_view s) {
  return quote(s);
}

}  // namespace sop
