// Builds an ast::Module from the grammar (lang/grammar.hpp) with PEGTL actions.
//
// The actions share one State. Small "registers" hold the last token of each kind (identifier,
// string, integer, month…): a token's action fills its register and the action of the
// enclosing rule stores the value where it belongs. Expressions and types are built on stacks:
// an operand's action pushes a node, an operator's action pops its operands and pushes the
// result. Declarations are appended to the module when their keyword is read and completed in
// place, so an action finds the declaration it completes at module.decls.back().
//
// This works because the grammar never backtracks over input whose actions have run (see the
// conventions in grammar.hpp): a construct that fails after it committed ends the parse.
#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstring>
#include <limits>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include "lang/civil_time.hpp"
#include "lang/grammar.hpp"
#include "lang/overloaded.hpp"
#include "lang/parser.hpp"
#include "lang/suggest.hpp"

namespace sop {

// Every keyword, reserved or contextual: suggested in place of a misspelt word, and completed
// by editors (keywords()).
constexpr std::string_view k_keywords[] = {
    "and",      "or",      "not",      "in",        "if",      "then",     "else",      "true",
    "false",    "null",    "import",   "plan",      "header",  "enum",     "record",    "fact",
    "output",   "def",     "fn",       "document",  "source",  "for",      "sections",  "unchecked",
    "calendar", "refine",  "test",     "invariant", "reading", "default",  "as",        "unknown",
    "list",     "set",     "of",       "first",     "collect", "rule",     "otherwise", "exception",
    "to",       "adopt",   "override", "omit",      "because", "before",   "after",     "cite",
    "quote",    "when",    "skip",     "holiday",   "on",      "observed", "from",      "until",
    "dates",    "between", "given",    "expect",    "missing", "using"};

namespace {

namespace g = grammar;
namespace pegtl = tao::pegtl;

// The input an action matched.
struct Range {
  const char* begin;
  const char* end;
  std::string_view text() const { return {begin, static_cast<size_t>(end - begin)}; }
};

// An error the grammar cannot see (an invalid date, an integer too large…), thrown by an
// action. Offsets are bytes into the file.
struct ActionError {
  const char* code;
  size_t offset;
  size_t length;
  std::string message;
  std::string help;
};

constexpr const char* k_too_deep_help = "give part of the expression a name with `def`";

bool is_ident_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Four hex digits that the grammar has checked.
uint32_t hex4(std::string_view s) {
  uint32_t v = 0;
  std::from_chars(s.data(), s.data() + 4, v, 16);
  return v;
}

// The byte length of the UTF-8 sequence at s[0], or 1 if it is not valid UTF-8.
size_t utf8_length(std::string_view s) {
  auto b = static_cast<unsigned char>(s[0]);
  size_t n = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
  if (n == 0 || n > s.size()) return 1;
  for (size_t i = 1; i < n; ++i)
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) return 1;
  return n;
}

class State {
 public:
  State(const SourceFile& source, uint32_t file, ast::NodeId& next_id)
      : text_(source.text), file_(file), next_id_(next_id) {
    line_starts_.push_back(0);
    for (size_t i = 0; i < text_.size(); ++i)
      if (text_[i] == '\n') line_starts_.push_back(static_cast<uint32_t>(i + 1));
    module_.name = source.module;
    module_.file = file;
  }

  // Read by grammar::error_control: the current nesting depth.
  int nesting = 0;

  ast::Module take_module() { return std::move(module_); }
  ast::ExprPtr take_expr() { return exprs_.empty() ? nullptr : pop().expr; }

  // ------------------------------------------------------------ positions

  size_t offset(const char* p) const { return static_cast<size_t>(p - text_.data()); }

  Location location(size_t at) const {
    auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), at);
    auto line = static_cast<uint32_t>(it - line_starts_.begin());
    return Location{file_, line, static_cast<uint32_t>(at - line_starts_[line - 1] + 1),
                    static_cast<uint32_t>(at)};
  }
  Span span(size_t begin, size_t end) const {
    return Span{location(begin), static_cast<uint32_t>(end - begin)};
  }
  Span span(Range r) const { return span(offset(r.begin), offset(r.end)); }
  // From the start of `first` to `end`.
  Span join(const Span& first, const char* end) const {
    return span(first.begin.offset, offset(end));
  }

  // ------------------------------------------------------------ tokens

  void on_ident(Range r) {
    ident_ = std::string(r.text());
    ident_span_ = span(r);
  }
  void on_string_open(Range r) { string_start_ = offset(r.begin); }
  void on_string(Range r) {
    str_ = unescape(r.text().substr(1, r.text().size() - 2), offset(r.begin) + 1);
  }
  void on_int(Range r) {
    int64_t v = 0;
    for (char c : r.text()) {
      int d = c - '0';
      if (v > (std::numeric_limits<int64_t>::max() - d) / 10)
        throw ActionError{"E0105", offset(r.begin), r.text().size(),
                          fmt::format("integer `{}` is too large", r.text()),
                          "the largest integer is 9223372036854775807"};
      v = v * 10 + d;
    }
    number_ = v;
    has_unit_ = false;
  }
  template <DurationUnit U>
  void on_unit(Range) {
    has_unit_ = true;
    unit_ = U;
  }
  template <ast::BinaryOp Op>
  void on_operator(Range r) {
    ops_.push_back(Op);
    op_text_ = std::string(r.text());
  }
  void on_open_bracket(Range r) { brackets_.push_back(offset(r.begin)); }
  void on_close_bracket(Range) {
    if (!brackets_.empty()) brackets_.pop_back();
  }
  void set_month(int m) { month_ = m; }
  void set_weekday(int d) { weekday_ = d; }
  void set_ordinal(int n) { ordinal_ = n; }

  // ------------------------------------------------------------ expressions

  void push_true(Range r) { push(span(r), ast::BoolLit{true}, 1, r.begin); }
  void push_false(Range r) { push(span(r), ast::BoolLit{false}, 1, r.begin); }
  void push_null(Range r) { push(span(r), ast::NullLit{}, 1, r.begin); }
  void push_string(Range r) { push(span(r), ast::StringLit{str_}, 1, r.begin); }
  void push_name(Range r) { push(span(r), ast::Name{ident_}, 1, r.begin); }
  void push_number(Range r) {
    if (has_unit_)
      push(span(r), ast::DurationLit{number_, unit_}, 1, r.begin);
    else
      push(span(r), ast::IntLit{number_}, 1, r.begin);
  }
  void push_date(Range r) {
    std::string_view t = r.text();
    if (t.find_first_of("Tt") != std::string_view::npos) {
      auto dt = civil::parse_datetime(t);
      if (!dt)
        throw ActionError{
            "E0104", offset(r.begin), t.size(), fmt::format("invalid date-time `{}`", t), {}};
      push(span(r), ast::DateTimeLit{dt->epoch_seconds, dt->offset_minutes}, 1, r.begin);
    } else {
      auto d = civil::parse_date(t);
      if (!d)
        throw ActionError{
            "E0104", offset(r.begin), t.size(), fmt::format("invalid date `{}`", t), {}};
      push(span(r), ast::DateLit{*d}, 1, r.begin);
    }
  }

  void open_list(Range) { marks_.push_back({exprs_.size(), field_names_.size()}); }

  void finish_call(Range r) {
    std::vector<Operand> args = pop_to_mark();
    Operand callee = pop();
    auto& name = std::get<ast::Name>(callee.expr->kind);
    ast::Call call{std::move(name.name), callee.expr->span, {}};
    int depth = 1;
    for (auto& a : args) {
      depth = std::max(depth, a.depth + 1);
      call.args.push_back(std::move(a.expr));
    }
    // The call takes over the id of the name it replaces, so ids stay dense.
    push(join(callee.expr->span, r.end), std::move(call), depth, r.begin, callee.expr->id);
  }
  void finish_collection(Range r) {
    ast::CollectionLit list;
    int depth = 1;
    for (auto& item : pop_to_mark()) {
      depth = std::max(depth, item.depth + 1);
      list.items.push_back(std::move(item.expr));
    }
    push(span(r), std::move(list), depth, r.begin);
  }
  void record_field_name(Range) { field_names_.push_back({ident_, ident_span_}); }
  void finish_record(Range r) {
    size_t first_name = marks_.back().names;
    std::vector<Operand> values = pop_to_mark();
    ast::RecordLit record;
    int depth = 1;
    for (size_t i = 0; i < values.size(); ++i) {
      auto& [name, name_span] = field_names_[first_name + i];
      depth = std::max(depth, values[i].depth + 1);
      record.fields.push_back({std::move(name), name_span, std::move(values[i].expr)});
    }
    field_names_.resize(first_name);
    push(span(r), std::move(record), depth, r.begin);
  }
  // `( e )`: the node spans the parentheses too, so that an enclosing node starts at `(`.
  void parenthesize(Range r) { exprs_.back().expr->span = span(r); }
  void member(Range r) {
    Operand object = pop();
    Span s = join(object.expr->span, r.end);
    push(s, ast::Member{std::move(object.expr), ident_, ident_span_}, object.depth + 1, r.begin);
  }
  // `lhs OP rhs`, the operator on the operator stack.
  void binary(Range r) {
    Operand rhs = pop();
    Operand lhs = pop();
    ast::BinaryOp op = ops_.back();
    ops_.pop_back();
    Span s = join(lhs.expr->span, r.end);
    int depth = std::max(lhs.depth, rhs.depth) + 1;
    push(s, ast::Binary{op, std::move(lhs.expr), std::move(rhs.expr), nullptr}, depth, r.begin);
  }
  // `… using CAL`: the grammar allows it only right after a `+` or `-`, whose node is below.
  void using_calendar(Range r) {
    Operand cal = pop();
    Operand& sum = exprs_.back();
    sum.depth = std::max(sum.depth, cal.depth + 1);
    if (sum.depth > k_max_expression_depth) too_deep(r.begin);
    std::get<ast::Binary>(sum.expr->kind).calendar = std::move(cal.expr);
    sum.expr->span = join(sum.expr->span, r.end);
  }
  template <ast::UnaryOp Op>
  void unary(Range r) {
    Operand operand = pop();
    push(span(r), ast::Unary{Op, std::move(operand.expr)}, operand.depth + 1, r.begin);
  }
  void if_expr(Range r) {
    Operand else_branch = pop();
    Operand then_branch = pop();
    Operand cond = pop();
    int depth = std::max({cond.depth, then_branch.depth, else_branch.depth}) + 1;
    push(span(r),
         ast::If{std::move(cond.expr), std::move(then_branch.expr), std::move(else_branch.expr)},
         depth, r.begin);
  }

  // ------------------------------------------------------------ types

  void type_name(Range r) {
    ast::TypeExpr t;
    t.name = ident_;
    t.span = span(r);
    types_.push_back({std::move(t), false});
  }
  template <ast::TypeExpr::Kind K>
  void wrap_type(Range r) {
    ast::TypeExpr t;
    t.kind = K;
    t.span = K == ast::TypeExpr::Kind::optional ? join(types_.back().type.span, r.end) : span(r);
    t.args.push_back(std::move(types_.back().type));
    types_.back() = {std::move(t), false};
  }
  // `A | B | C` is one union of three: an open union takes further alternatives.
  void union_alternative(Range r) {
    ast::TypeExpr rhs = std::move(types_.back().type);
    types_.pop_back();
    auto& [lhs, open] = types_.back();
    if (!open) {
      ast::TypeExpr u;
      u.kind = ast::TypeExpr::Kind::union_;
      u.span = lhs.span;
      u.args.push_back(std::move(lhs));
      lhs = std::move(u);
      open = true;
    }
    lhs.args.push_back(std::move(rhs));
    lhs.span = join(lhs.span, r.end);
  }
  void close_type(Range) { types_.back().open_union = false; }

  // ------------------------------------------------------------ declarations

  template <typename T>
  void begin(Range r) {
    T decl{};
    decl.span = span(r);
    module_.decls.emplace_back(std::move(decl));
  }
  template <VarKind K>
  void begin_var(Range r) {
    ast::VarDecl v;
    v.kind = K;
    v.span = span(r);
    module_.decls.emplace_back(std::move(v));
  }
  void end_decl(Range r) {
    std::visit([&](auto& d) { d.span = span(r); }, module_.decls.back());
  }

  void import_name(Range) { decl<ast::Import>().module = ident_; }

  void plan_id(Range) { decl<ast::PlanDecl>().id = ident_; }
  void plan_version_label(Range r) {
    decl<ast::PlanDecl>().version = str_;
    decl<ast::PlanDecl>().version_span = span(string_start_, offset(r.end));
  }
  void plan_version_day(Range r) {
    std::optional<int32_t> day = civil::parse_date(r.text());
    if (!day)
      throw ActionError{"E0104",
                        offset(r.begin),
                        r.text().size(),
                        fmt::format("invalid date `{}`", r.text()),
                        {}};
    decl<ast::PlanDecl>().in_force_from = *day;
    decl<ast::PlanDecl>().from_span = span(r);
  }
  void plan_field_name(Range) { decl<ast::PlanDecl>().fields.push_back({ident_, ident_span_, {}}); }
  void plan_field_value(Range) { decl<ast::PlanDecl>().fields.back().value = pop().expr; }

  void field_name(Range) {
    ast::FieldDecl f;
    f.name = ident_;
    f.span = ident_span_;
    fields().push_back(std::move(f));
  }
  void field_type(Range) { fields().back().type = pop_type(); }
  void field_doc(Range) { fields().back().doc = str_; }
  void field_end(Range r) { fields().back().span = span(r); }
  void json_name(Range) {
    std::visit(overloaded{[&](ast::EnumDecl& e) { e.values.back().json_name = str_; },
                          [&](ast::HeaderDecl& h) { h.fields.back().json_name = str_; },
                          [&](ast::RecordDecl& rd) { rd.fields.back().json_name = str_; },
                          [&](ast::VarDecl& v) { v.json_name = str_; }, [](auto&) {}},
               module_.decls.back());
  }

  void enum_name(Range) { decl<ast::EnumDecl>().name = ident_; }
  void enum_doc(Range) { decl<ast::EnumDecl>().doc = str_; }
  void enum_value_name(Range) {
    decl<ast::EnumDecl>().values.push_back({ident_, {}, {}, ident_span_});
  }
  void enum_value_doc(Range) { decl<ast::EnumDecl>().values.back().doc = str_; }
  void enum_value_end(Range r) { decl<ast::EnumDecl>().values.back().span = span(r); }

  void record_name(Range) { decl<ast::RecordDecl>().name = ident_; }
  void record_doc(Range) { decl<ast::RecordDecl>().doc = str_; }

  void var_name(Range) { decl<ast::VarDecl>().name = ident_; }
  void var_type(Range) { decl<ast::VarDecl>().type = pop_type(); }
  void range_bound(Range r) { bound_ = r.text()[0] == '-' ? -number_ : number_; }
  void range_lo(Range) { decl<ast::VarDecl>().range_lo = bound_; }
  void range_hi(Range) { decl<ast::VarDecl>().range_hi = bound_; }
  void var_value(Range) { decl<ast::VarDecl>().value = pop().expr; }
  void unknown_value(Range) { decl<ast::VarDecl>().unknown_as = pop().expr; }
  void var_doc(Range) { decl<ast::VarDecl>().doc = str_; }

  void fn_name(Range) { decl<ast::FnDecl>().name = ident_; }
  void param_name(Range) { decl<ast::FnDecl>().params.push_back({ident_, {}, ident_span_}); }
  void param_type(Range) { decl<ast::FnDecl>().params.back().type = pop_type(); }
  void param_end(Range r) { decl<ast::FnDecl>().params.back().span = span(r); }
  void fn_result(Range) { decl<ast::FnDecl>().result = pop_type(); }
  void fn_doc(Range) { decl<ast::FnDecl>().doc = str_; }
  void fn_body(Range) { decl<ast::FnDecl>().body = pop().expr; }

  void document_name(Range) { decl<ast::DocumentDecl>().name = ident_; }
  void document_ref(Range) { decl<ast::DocumentDecl>().ref = str_; }
  void document_title(Range) { decl<ast::DocumentDecl>().title = str_; }

  void source_file(Range) { decl<ast::SourceDecl>().file = str_; }
  void source_cites(Range) { decl<ast::SourceDecl>().cites = str_; }
  void source_unchecked_prefix(Range) { decl<ast::SourceDecl>().unchecked_prefix = str_; }
  void source_unchecked_reason(Range) { decl<ast::SourceDecl>().unchecked_sections = str_; }

  // ------------------------------------------------------------ calendars

  void calendar_name(Range) { decl<ast::CalendarDecl>().name = ident_; }
  void calendar_doc(Range) { decl<ast::CalendarDecl>().doc = str_; }
  void begin_holiday(Range r) {
    Holiday h;
    h.span = span(r);
    decl<ast::CalendarDecl>().holidays.push_back(std::move(h));
  }
  void holiday_name(Range) { holiday().name = str_; }
  void fixed_date(Range r) {
    check_day_of_month(r);
    DateRule& rule = holiday().rule;
    rule.kind = DateRule::Kind::fixed;
    rule.month = month_;
    rule.day = static_cast<int>(number_);
  }
  // E0110 unless number_ is a day of month_ (in a leap year: February 29 exists in some years).
  void check_day_of_month(Range r) const {
    if (number_ < 1 || number_ > civil::days_in_month(2000, month_)) {
      size_t day_end = offset(r.end);
      size_t day_begin = day_end;
      while (day_begin > 0 && is_ident_char(text_[day_begin - 1])) --day_begin;
      throw ActionError{"E0110",
                        day_begin,
                        day_end - day_begin,
                        fmt::format("invalid day `{}` of {}", number_, k_months[month_ - 1]),
                        {}};
    }
  }
  void weekday_date(Range) {
    DateRule& rule = holiday().rule;
    rule.kind = DateRule::Kind::nth_weekday;
    rule.nth = ordinal_;
    rule.weekday = static_cast<Weekday>(weekday_);
    rule.month = month_;
  }
  void offset_days(Range r) {
    size_t b = offset(r.begin);
    while (std::isspace(static_cast<unsigned char>(text_[b]))) ++b;
    if (holiday().listed())
      throw ActionError{"E0110", b, offset(r.end) - b, "a holiday given by its dates has no offset",
                        "list the dates it falls on"};
    if (number_ > 366)
      throw ActionError{"E0110", b, offset(r.end) - b,
                        fmt::format("holiday offset `{}` is too large", number_),
                        "a holiday may be moved by at most 366 days"};
    holiday().rule.offset_days = static_cast<int>(number_);
  }
  void shift_source(Range) { shift_from_ = weekday_; }
  // saturday -> friday: -1, saturday -> monday: +2, sunday -> monday: +1, sunday -> friday: -2.
  void weekend_shift(Range r) {
    int shift = weekday_ == 4 ? 4 - shift_from_ : 7 - shift_from_;
    ObservedRule& observed = holiday().observed;
    int& slot = shift_from_ == 5 ? observed.saturday_shift : observed.sunday_shift;
    if (slot != 0) {
      size_t b = offset(r.begin);
      while (b < text_.size() && !is_ident_char(text_[b])) ++b;
      throw ActionError{
          "E0110",
          b,
          static_cast<size_t>(shift_from_ == 5 ? 8 : 6),
          fmt::format("`{}` is already shifted", shift_from_ == 5 ? "saturday" : "sunday"),
          {}};
    }
    slot = shift;
  }
  void holiday_dates(Range) { holiday().rule.kind = DateRule::Kind::listed; }
  // The day of a window's month, checked as a fixed date's is.
  void window_day(Range r) { check_day_of_month(r); }
  void window_start(Range) {
    holiday().window.first_month = month_;
    holiday().window.first_day = static_cast<int>(number_);
  }
  void window_end(Range) {
    holiday().window.last_month = month_;
    holiday().window.last_day = static_cast<int>(number_);
  }
  void holiday_window(Range r) {
    if (!holiday().listed())
      throw ActionError{"E0110", offset(r.begin), 7,
                        "only a holiday given by its dates has a window (`between`)",
                        "a rule gives the holiday's date in every year"};
    holiday().window.span = span(r);
  }
  void listed_day(Range r) {
    std::optional<int32_t> day = civil::parse_date(r.text());
    if (!day)
      throw ActionError{"E0104",
                        offset(r.begin),
                        r.text().size(),
                        fmt::format("invalid date `{}`", r.text()),
                        {}};
    ListedDate d;
    d.day = *day;
    d.year = civil::civil_from_days(*day).year;
    d.span = span(r);
    holiday().dates.push_back(std::move(d));
  }
  void listed_citation(Range) {
    holiday().dates.back().cite = citation_.cite;
    holiday().dates.back().quote = citation_.quote;
  }
  void holiday_citation(Range) {
    holiday().cite = citation_.cite;
    holiday().quote = citation_.quote;
    holiday().cite_span = citation_.span;
  }
  void calendar_citation(Range) { decl<ast::CalendarDecl>().citation = citation_; }
  void from_year(Range r) { holiday().from_year = year(r); }
  void until_year(Range r) { holiday().until_year = year(r); }
  void holiday_end(Range r) { holiday().span = span(r); }

  // ------------------------------------------------------------ definitions and rules

  void definition_target(Range r) {
    ast::Definition d;
    d.target = ident_;
    d.target_span = ident_span_;
    d.span = span(r);
    module_.decls.emplace_back(std::move(d));
  }
  void refine_target(Range) {
    auto& d = decl<ast::Definition>();
    d.refine = true;
    d.target = ident_;
    d.target_span = ident_span_;
  }
  template <Combinator C>
  void combinator(Range) {
    decl<ast::Definition>().combinator = C;
  }
  // `NAME = EXPR cite …`: one rule, labelled with the target's name and spanning the whole
  // definition (value_definition_end).
  void value_rule(Range r) {
    auto& d = decl<ast::Definition>();
    d.combinator = Combinator::value;
    ast::Rule rule;
    rule.label = d.target;
    rule.label_span = d.target_span;
    rule.value = pop().expr;
    rule.span = span(r);
    d.rules.push_back(std::move(rule));
  }
  void value_definition_end(Range r) {
    auto& d = decl<ast::Definition>();
    d.rules.back().span = span(d.span.begin.offset, offset(r.end));
  }
  template <ast::Rule::Kind K>
  void begin_rule(Range r) {
    ast::Rule rule;
    rule.kind = K;
    rule.span = span(r);
    decl<ast::Definition>().rules.push_back(std::move(rule));
  }
  void rule_label(Range) {
    rule().label = ident_;
    rule().label_span = ident_span_;
  }
  void rule_title(Range) { rule().title = str_; }
  void rule_condition(Range) { rule().condition = pop().expr; }
  void rule_value(Range) { rule().value = pop().expr; }
  void rule_skip(Range) { rule().skip = true; }
  void exception_value(Range) {
    if (!rule().skip) rule().value = pop().expr;
  }
  template <ast::Rule::Position P>
  void rule_position(Range) {
    rule().position = P;
  }
  void rule_anchor(Range) {
    rule().anchor = ident_;
    rule().anchor_span = ident_span_;
  }
  void omit_reason(Range) { rule().because = str_; }
  void rule_end(Range r) { rule().span = span(r); }

  void cite_text(Range) { citation_ = ast::Citation{str_, {}, {}, {}}; }
  void quote_text(Range r) {
    citation_.quote = str_;
    // The literal alone (the range starts with the space before it).
    citation_.quote_span = span(string_start_, offset(r.end));
  }
  void citation(Range r) {
    citation_.span = span(r);
    std::visit(overloaded{[&](ast::Definition& d) { d.rules.back().citation = citation_; },
                          [&](ast::InvariantDecl& i) { i.rule.citation = citation_; },
                          [&](ast::ReadingDecl& d) { d.options.back().citation = citation_; },
                          [&](ast::TestDecl& t) { t.citation = citation_; }, [](auto&) {}},
               module_.decls.back());
  }

  // ------------------------------------------------------------ invariants

  void begin_invariant(Range r) {
    ast::InvariantDecl d;
    d.span = span(r);
    d.rule.span = d.span;
    module_.decls.emplace_back(std::move(d));
  }
  void invariant_end(Range r) {
    auto& d = decl<ast::InvariantDecl>();
    d.span = span(r);
    d.rule.span = d.span;
  }

  // ------------------------------------------------------------ readings

  void reading_name(Range) {
    decl<ast::ReadingDecl>().name = ident_;
    decl<ast::ReadingDecl>().name_span = ident_span_;
  }
  void reading_doc(Range) { decl<ast::ReadingDecl>().doc = str_; }
  void reading_option_name(Range r) {
    decl<ast::ReadingDecl>().options.push_back({ident_, {}, {}, span(r)});
  }
  void reading_option_doc(Range) { decl<ast::ReadingDecl>().options.back().doc = str_; }
  void reading_default_name(Range) {
    decl<ast::ReadingDecl>().default_option = ident_;
    decl<ast::ReadingDecl>().default_span = ident_span_;
  }
  void reading_reason(Range) { decl<ast::ReadingDecl>().because = str_; }

  // ------------------------------------------------------------ tests

  void test_name(Range) { decl<ast::TestDecl>().name = str_; }
  void given_fact(Range) { decl<ast::TestDecl>().given.push_back({ident_, ident_span_, {}}); }
  void given_value(Range) { decl<ast::TestDecl>().given.back().value = pop().expr; }
  void begin_expect(Range r) {
    ast::TestDecl::Expect e;
    e.span = span(r);
    decl<ast::TestDecl>().expects.push_back(std::move(e));
  }
  template <ExpectKind K>
  void expect_kind(Range) {
    expectation().kind = K;
  }
  void expect_expr(Range) { expectation().expr = pop().expr; }
  void missing_fact(Range) {
    expectation().facts.push_back(ident_);
    expectation().fact_spans.push_back(ident_span_);
  }
  void expect_end(Range r) { expectation().span = span(r); }

  // ------------------------------------------------------------ errors

  // A diagnostic for a failed commit point: `at` is where the expected construct should start.
  Diagnostic diagnose(const char* code, size_t at, std::string_view message) const {
    size_t length = 1;
    std::string help;
    std::string text(message);
    if (std::strcmp(code, "E0102") == 0) {
      // Unterminated: point at the opening quote, through the end of its line.
      at = string_start_;
      size_t end = at;
      while (end < text_.size() && text_[end] != '\n' && text_[end] != '\r') ++end;
      length = end - at;
    } else if (std::strcmp(code, "E0103") == 0) {
      at -= 1;  // the backslash
      length =
          1 + (at + 1 < text_.size() ? utf8_length(std::string_view(text_).substr(at + 1)) : 0);
      help = R"(a string may contain the escapes `\"`, `\\`, `\n`, `\t` and `\uXXXX`)";
    } else {
      at = skip_blanks(at);
      length = token_length(at);
      if (at == text_.size()) {
        // At the end of the file: point just after the last token instead of below it.
        while (at > 0 && std::isspace(static_cast<unsigned char>(text_[at - 1]))) --at;
        length = 1;
      }
      help = help_for(text, at);
      if (text == grammar::error_message<grammar::expression_too_deep>) help = k_too_deep_help;
      if (std::strcmp(code, "E0107") == 0) help = "join comparisons with `and`: `a < b and b < c`";
    }
    if (size_t p = text.find("{op}"); p != std::string::npos) text.replace(p, 4, op_text_);
    return Diagnostic{
        code, Severity::error, span(at, at + length), std::move(text), std::move(help), {}};
  }
  Diagnostic diagnose(const ActionError& e) const {
    return Diagnostic{e.code,    Severity::error, span(e.offset, e.offset + e.length),
                      e.message, e.help,          {}};
  }

 private:
  struct Operand {
    ast::ExprPtr expr;
    int depth;  // of the subtree: consumers of the AST recurse this deep
  };
  struct TypeOperand {
    ast::TypeExpr type;
    bool open_union;
  };
  struct Mark {
    size_t exprs;
    size_t names;
  };

  static constexpr const char* k_months[] = {"January",   "February", "March",    "April",
                                             "May",       "June",     "July",     "August",
                                             "September", "October",  "November", "December"};

  template <typename T>
  T& decl() {
    return std::get<T>(module_.decls.back());
  }
  std::vector<ast::FieldDecl>& fields() {
    if (auto* h = std::get_if<ast::HeaderDecl>(&module_.decls.back())) return h->fields;
    return decl<ast::RecordDecl>().fields;
  }
  Holiday& holiday() { return decl<ast::CalendarDecl>().holidays.back(); }
  ast::Rule& rule() {
    if (auto* i = std::get_if<ast::InvariantDecl>(&module_.decls.back())) return i->rule;
    return decl<ast::Definition>().rules.back();
  }
  ast::TestDecl::Expect& expectation() { return decl<ast::TestDecl>().expects.back(); }

  [[noreturn]] void too_deep(const char* at) const {
    throw ActionError{"E0106", offset(at), 1, grammar::error_message<grammar::expression_too_deep>,
                      k_too_deep_help};
  }
  template <typename Kind>
  void push(Span s, Kind&& kind, int depth, const char* at, ast::NodeId id = 0) {
    // The parser's own recursion is bounded by the grammar; this bounds the tree's depth,
    // which long operator chains (`a + a + … + a`) grow without nesting.
    if (depth > k_max_expression_depth) too_deep(at);
    auto e = std::make_unique<ast::Expr>();
    e->id = id != 0 ? id : next_id_++;
    e->span = s;
    e->kind = std::forward<Kind>(kind);
    exprs_.push_back({std::move(e), depth});
  }
  Operand pop() {
    Operand o = std::move(exprs_.back());
    exprs_.pop_back();
    return o;
  }
  std::vector<Operand> pop_to_mark() {
    size_t first = marks_.back().exprs;
    marks_.pop_back();
    std::vector<Operand> out;
    out.reserve(exprs_.size() - first);
    for (size_t i = first; i < exprs_.size(); ++i) out.push_back(std::move(exprs_[i]));
    exprs_.resize(first);
    return out;
  }
  ast::TypeExpr pop_type() {
    ast::TypeExpr t = std::move(types_.back().type);
    types_.pop_back();
    return t;
  }
  int year(Range r) const {
    if (number_ < 1 || number_ > 9999) {
      size_t e = offset(r.end);
      size_t b = e;
      while (b > 0 && is_ident_char(text_[b - 1])) --b;
      throw ActionError{"E0110", b, e - b, fmt::format("invalid year `{}`", number_),
                        "a year is a number from 1 to 9999"};
    }
    return static_cast<int>(number_);
  }

  std::string unescape(std::string_view body, size_t body_offset) const {
    std::string out;
    out.reserve(body.size());
    for (size_t i = 0; i < body.size(); ++i) {
      if (body[i] != '\\') {
        out += body[i];
        continue;
      }
      size_t escape_at = i;
      switch (body[++i]) {
        case 'n':
          out += '\n';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          uint32_t cp = hex4(body.substr(i + 1, 4));
          i += 4;
          if (cp >= 0xD800 && cp <= 0xDBFF && body.substr(i + 1, 2) == "\\u" &&
              i + 7 <= body.size() &&
              std::all_of(body.begin() + static_cast<std::ptrdiff_t>(i) + 3,
                          body.begin() + static_cast<std::ptrdiff_t>(i) + 7,
                          [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); })) {
            uint32_t low = hex4(body.substr(i + 3, 4));
            if (low >= 0xDC00 && low <= 0xDFFF) {
              cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
              i += 6;
            }
          }
          if (cp >= 0xD800 && cp <= 0xDFFF)
            throw ActionError{"E0103", body_offset + escape_at, 6,
                              fmt::format("invalid unicode escape `{}`", body.substr(escape_at, 6)),
                              "a surrogate must be followed by its pair, as in `\\uD83D\\uDE00`"};
          append_utf8(out, cp);
          break;
        }
        default:  // `"` or `\`
          out += body[i];
      }
    }
    return out;
  }

  size_t skip_blanks(size_t at) const {
    while (at < text_.size()) {
      if (std::isspace(static_cast<unsigned char>(text_[at]))) {
        ++at;
      } else if (text_.compare(at, 2, "//") == 0) {
        while (at < text_.size() && text_[at] != '\n') ++at;
      } else {
        break;
      }
    }
    return at;
  }
  // The length of the token at `at`, for the caret line.
  size_t token_length(size_t at) const {
    if (at >= text_.size()) return 1;
    std::string_view rest = std::string_view(text_).substr(at);
    if (is_ident_char(rest[0])) {
      size_t n = 1;
      while (n < rest.size() && is_ident_char(rest[n])) ++n;
      return n;
    }
    if (rest[0] == '"') {
      size_t n = 1;
      while (n < rest.size() && rest[n] != '"' && rest[n] != '\n' && rest[n] != '\r')
        n += rest[n] == '\\' && n + 1 < rest.size() && rest[n + 1] != '\n' ? 2 : 1;
      return n < rest.size() && rest[n] == '"' ? n + 1 : n;
    }
    for (std::string_view two : {"=>", "->", "==", "!=", "<=", ">=", "??", ".."})
      if (rest.substr(0, 2) == two) return 2;
    return utf8_length(rest);
  }
  static bool is_word(std::string_view w) {
    if (w.empty() || !(std::isalpha(static_cast<unsigned char>(w[0])) || w[0] == '_')) return false;
    return std::all_of(w.begin(), w.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
    });
  }
  std::string help_for(const std::string& message, size_t at) const {
    std::string_view word = std::string_view(text_).substr(at, token_length(at));
    static constexpr std::string_view k_reserved[] = {"and",  "or",   "not",  "in",    "if",
                                                      "then", "else", "true", "false", "null"};
    std::string lower = message;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if ((lower.find("name") != std::string::npos || lower.find("label") != std::string::npos) &&
        std::find(std::begin(k_reserved), std::end(k_reserved), word) != std::end(k_reserved))
      return fmt::format("`{}` is a reserved word and cannot be used as a name", word);
    if (message == grammar::error_message<grammar::rules_close> &&
        (word == "adopt" || word == "override" || word == "omit"))
      return fmt::format("`{}` may only appear in `refine NAME {{ … }}`", word);
    // `=` where an expression goes on: a comparison written with one `=`.
    // Only where an expression may go on: not where a type or a description is expected.
    static constexpr std::string_view k_after_expression[] = {"`=>`", "`cite`", "`then`", "`else`",
                                                              "`)`",  "`]`",    "`,`"};
    if (word == "=" &&
        std::any_of(std::begin(k_after_expression), std::end(k_after_expression),
                    [&](std::string_view s) { return message.find(s) != std::string::npos; }))
      return "use `==` to compare";
    // A misspelt keyword (`qoute`, `wen`, `otherwse`): the word is read as a name, or not at
    // all, and the error names what the keyword would have begun.
    if (is_word(word) &&
        std::find(std::begin(k_keywords), std::end(k_keywords), word) == std::end(k_keywords)) {
      // Keywords of one or two letters are too near too many words (`int` is not `in`).
      static const std::vector<std::string> keywords = [] {
        std::vector<std::string> out;
        for (std::string_view k : k_keywords)
          if (k.size() > 2) out.emplace_back(k);
        return out;
      }();
      if (std::string help = did_you_mean_help(word, keywords); !help.empty()) return help;
    }
    // A missing closing bracket: name the bracket it would close, if that is on another line.
    static constexpr std::pair<char, std::string_view> k_closers[] = {
        {'(', "`)`"}, {'[', "`]`"}, {'{', "`}`"}};
    if (!brackets_.empty()) {
      size_t open = brackets_.back();
      for (auto [opener, closer] : k_closers) {
        if (text_[open] == opener && message.find(closer) != std::string::npos &&
            location(open).line != location(at).line)
          return fmt::format("to match the `{}` at line {}", opener, location(open).line);
      }
    }
    return {};
  }

  const std::string& text_;
  uint32_t file_;
  ast::NodeId& next_id_;
  std::vector<uint32_t> line_starts_;
  ast::Module module_;

  // registers: the last token of each kind
  std::string ident_;
  Span ident_span_;
  std::string str_;
  size_t string_start_ = 0;
  int64_t number_ = 0;
  int64_t bound_ = 0;
  bool has_unit_ = false;
  DurationUnit unit_ = DurationUnit::hours;
  std::string op_text_;
  int month_ = 1;
  int weekday_ = 0;
  int ordinal_ = 1;
  int shift_from_ = 5;
  ast::Citation citation_;

  // stacks
  std::vector<Operand> exprs_;
  std::vector<ast::BinaryOp> ops_;
  std::vector<Mark> marks_;
  std::vector<std::pair<std::string, Span>> field_names_;
  std::vector<TypeOperand> types_;
  std::vector<size_t> brackets_;  // offsets of the brackets not closed yet
};

// ---------------------------------------------------------------- actions

template <typename Rule>
struct action : pegtl::nothing<Rule> {};

// The action of a rule calls one State member with the input the rule matched.
template <void (State::*Fn)(Range)>
struct call {
  template <typename ActionInput>
  static void apply(const ActionInput& in, State& st) {
    (st.*Fn)(Range{in.begin(), in.end()});
  }
};

// tokens
template <>
struct action<g::ident> : call<&State::on_ident> {};
template <>
struct action<g::string_open> : call<&State::on_string_open> {};
template <>
struct action<g::string_lit> : call<&State::on_string> {};
template <>
struct action<g::int_token> : call<&State::on_int> {};
template <>
struct action<g::unit_hours> : call<&State::on_unit<DurationUnit::hours>> {};
template <>
struct action<g::unit_days> : call<&State::on_unit<DurationUnit::days>> {};
template <>
struct action<g::unit_business_days> : call<&State::on_unit<DurationUnit::business_days>> {};
template <>
struct action<g::lparen> : call<&State::on_open_bracket> {};
template <>
struct action<g::lbracket> : call<&State::on_open_bracket> {};
template <>
struct action<g::lbrace> : call<&State::on_open_bracket> {};
template <>
struct action<g::rparen> : call<&State::on_close_bracket> {};
template <>
struct action<g::rbracket> : call<&State::on_close_bracket> {};
template <>
struct action<g::rbrace> : call<&State::on_close_bracket> {};
template <int N, typename W>
struct action<g::month_word<N, W>> {
  static void apply0(State& st) { st.set_month(N); }
};
template <int N, typename W>
struct action<g::weekday_word<N, W>> {
  static void apply0(State& st) { st.set_weekday(N); }
};
template <int N, typename W>
struct action<g::ordinal_word<N, W>> {
  static void apply0(State& st) { st.set_ordinal(N); }
};

// operators
using Op = ast::BinaryOp;
template <>
struct action<g::op_or> : call<&State::on_operator<Op::or_>> {};
template <>
struct action<g::op_and> : call<&State::on_operator<Op::and_>> {};
template <>
struct action<g::op_eq> : call<&State::on_operator<Op::eq>> {};
template <>
struct action<g::op_ne> : call<&State::on_operator<Op::ne>> {};
template <>
struct action<g::op_lt> : call<&State::on_operator<Op::lt>> {};
template <>
struct action<g::op_le> : call<&State::on_operator<Op::le>> {};
template <>
struct action<g::op_gt> : call<&State::on_operator<Op::gt>> {};
template <>
struct action<g::op_ge> : call<&State::on_operator<Op::ge>> {};
template <>
struct action<g::op_in> : call<&State::on_operator<Op::in>> {};
template <>
struct action<g::op_add> : call<&State::on_operator<Op::add>> {};
template <>
struct action<g::op_sub> : call<&State::on_operator<Op::sub>> {};
template <>
struct action<g::op_mul> : call<&State::on_operator<Op::mul>> {};
template <>
struct action<g::op_coalesce> : call<&State::on_operator<Op::coalesce>> {};
template <>
struct action<g::coalesce_tail> : call<&State::binary> {};
template <>
struct action<g::or_tail> : call<&State::binary> {};
template <>
struct action<g::and_tail> : call<&State::binary> {};
template <>
struct action<g::comparison_tail> : call<&State::binary> {};
template <>
struct action<g::add_tail> : call<&State::binary> {};
template <>
struct action<g::mul_tail> : call<&State::binary> {};
template <>
struct action<g::using_clause> : call<&State::using_calendar> {};
template <>
struct action<g::not_op_expr> : call<&State::unary<ast::UnaryOp::not_>> {};
template <>
struct action<g::neg_expr> : call<&State::unary<ast::UnaryOp::neg>> {};
template <>
struct action<g::if_expr> : call<&State::if_expr> {};

// operands
template <>
struct action<g::true_lit> : call<&State::push_true> {};
template <>
struct action<g::false_lit> : call<&State::push_false> {};
template <>
struct action<g::null_lit> : call<&State::push_null> {};
template <>
struct action<g::string_expr> : call<&State::push_string> {};
template <>
struct action<g::name_ref> : call<&State::push_name> {};
template <>
struct action<g::number_lit> : call<&State::push_number> {};
template <>
struct action<g::date_lit> : call<&State::push_date> {};
template <>
struct action<g::call_open> : call<&State::open_list> {};
template <>
struct action<g::call_suffix> : call<&State::finish_call> {};
template <>
struct action<g::collection_open> : call<&State::open_list> {};
template <>
struct action<g::collection_lit> : call<&State::finish_collection> {};
template <>
struct action<g::record_open> : call<&State::open_list> {};
template <>
struct action<g::record_field_name> : call<&State::record_field_name> {};
template <>
struct action<g::record_lit> : call<&State::finish_record> {};
template <>
struct action<g::paren_expr> : call<&State::parenthesize> {};
template <>
struct action<g::member_suffix> : call<&State::member> {};

// types
using TypeKind = ast::TypeExpr::Kind;
template <>
struct action<g::type_name> : call<&State::type_name> {};
template <>
struct action<g::list_type> : call<&State::wrap_type<TypeKind::list>> {};
template <>
struct action<g::set_type> : call<&State::wrap_type<TypeKind::set>> {};
template <>
struct action<g::optional_mark> : call<&State::wrap_type<TypeKind::optional>> {};
template <>
struct action<g::union_tail> : call<&State::union_alternative> {};
template <>
struct action<g::type_expr> : call<&State::close_type> {};

// declarations
template <>
struct action<g::import_kw> : call<&State::begin<ast::Import>> {};
template <>
struct action<g::import_name> : call<&State::import_name> {};
template <>
struct action<g::import_decl> : call<&State::end_decl> {};
template <>
struct action<g::plan_kw> : call<&State::begin<ast::PlanDecl>> {};
template <>
struct action<g::plan_id> : call<&State::plan_id> {};
template <>
struct action<g::plan_version_label> : call<&State::plan_version_label> {};
template <>
struct action<g::plan_version_day> : call<&State::plan_version_day> {};
template <>
struct action<g::plan_field_name> : call<&State::plan_field_name> {};
template <>
struct action<g::plan_field_value> : call<&State::plan_field_value> {};
template <>
struct action<g::plan_decl> : call<&State::end_decl> {};
template <>
struct action<g::header_kw> : call<&State::begin<ast::HeaderDecl>> {};
template <>
struct action<g::header_decl> : call<&State::end_decl> {};
template <>
struct action<g::field_name> : call<&State::field_name> {};
template <>
struct action<g::field_type> : call<&State::field_type> {};
template <>
struct action<g::field_doc> : call<&State::field_doc> {};
template <>
struct action<g::field_decl> : call<&State::field_end> {};
template <>
struct action<g::json_name> : call<&State::json_name> {};
template <>
struct action<g::enum_kw> : call<&State::begin<ast::EnumDecl>> {};
template <>
struct action<g::enum_name> : call<&State::enum_name> {};
template <>
struct action<g::enum_doc> : call<&State::enum_doc> {};
template <>
struct action<g::enum_value_name> : call<&State::enum_value_name> {};
template <>
struct action<g::enum_value_doc> : call<&State::enum_value_doc> {};
template <>
struct action<g::enum_value> : call<&State::enum_value_end> {};
template <>
struct action<g::enum_decl> : call<&State::end_decl> {};
template <>
struct action<g::record_kw> : call<&State::begin<ast::RecordDecl>> {};
template <>
struct action<g::record_name> : call<&State::record_name> {};
template <>
struct action<g::record_doc> : call<&State::record_doc> {};
template <>
struct action<g::record_decl> : call<&State::end_decl> {};
template <>
struct action<g::fact_kw> : call<&State::begin_var<VarKind::fact>> {};
template <>
struct action<g::output_kw> : call<&State::begin_var<VarKind::output>> {};
template <>
struct action<g::def_kw> : call<&State::begin_var<VarKind::def>> {};
template <>
struct action<g::fact_name> : call<&State::var_name> {};
template <>
struct action<g::output_name> : call<&State::var_name> {};
template <>
struct action<g::def_name> : call<&State::var_name> {};
template <>
struct action<g::var_type> : call<&State::var_type> {};
template <>
struct action<g::range_bound> : call<&State::range_bound> {};
template <>
struct action<g::range_lo> : call<&State::range_lo> {};
template <>
struct action<g::range_hi> : call<&State::range_hi> {};
template <>
struct action<g::var_value> : call<&State::var_value> {};
template <>
struct action<g::unknown_value> : call<&State::unknown_value> {};
template <>
struct action<g::fact_doc> : call<&State::var_doc> {};
template <>
struct action<g::output_doc> : call<&State::var_doc> {};
template <>
struct action<g::def_doc> : call<&State::var_doc> {};
template <>
struct action<g::fact_decl> : call<&State::end_decl> {};
template <>
struct action<g::output_decl> : call<&State::end_decl> {};
template <>
struct action<g::def_decl> : call<&State::end_decl> {};
template <>
struct action<g::fn_kw> : call<&State::begin<ast::FnDecl>> {};
template <>
struct action<g::fn_name> : call<&State::fn_name> {};
template <>
struct action<g::param_name> : call<&State::param_name> {};
template <>
struct action<g::param_type> : call<&State::param_type> {};
template <>
struct action<g::param> : call<&State::param_end> {};
template <>
struct action<g::fn_result> : call<&State::fn_result> {};
template <>
struct action<g::fn_doc> : call<&State::fn_doc> {};
template <>
struct action<g::fn_body> : call<&State::fn_body> {};
template <>
struct action<g::fn_decl> : call<&State::end_decl> {};
template <>
struct action<g::document_kw> : call<&State::begin<ast::DocumentDecl>> {};
template <>
struct action<g::document_name> : call<&State::document_name> {};
template <>
struct action<g::document_ref> : call<&State::document_ref> {};
template <>
struct action<g::document_title> : call<&State::document_title> {};
template <>
struct action<g::document_decl> : call<&State::end_decl> {};
template <>
struct action<g::source_kw> : call<&State::begin<ast::SourceDecl>> {};
template <>
struct action<g::source_file> : call<&State::source_file> {};
template <>
struct action<g::source_cites> : call<&State::source_cites> {};
template <>
struct action<g::source_unchecked_reason> : call<&State::source_unchecked_reason> {};
template <>
struct action<g::source_unchecked_prefix> : call<&State::source_unchecked_prefix> {};
template <>
struct action<g::source_decl> : call<&State::end_decl> {};

// calendars
template <>
struct action<g::calendar_kw> : call<&State::begin<ast::CalendarDecl>> {};
template <>
struct action<g::calendar_name> : call<&State::calendar_name> {};
template <>
struct action<g::calendar_doc> : call<&State::calendar_doc> {};
template <>
struct action<g::calendar_decl> : call<&State::end_decl> {};
template <>
struct action<g::holiday_kw> : call<&State::begin_holiday> {};
template <>
struct action<g::holiday_name> : call<&State::holiday_name> {};
template <>
struct action<g::fixed_date> : call<&State::fixed_date> {};
template <>
struct action<g::weekday_date> : call<&State::weekday_date> {};
template <>
struct action<g::offset_days> : call<&State::offset_days> {};
template <>
struct action<g::shift_source> : call<&State::shift_source> {};
template <>
struct action<g::weekend_shift> : call<&State::weekend_shift> {};
template <>
struct action<g::dates_kw> : call<&State::holiday_dates> {};
template <>
struct action<g::listed_day> : call<&State::listed_day> {};
template <>
struct action<g::window_day> : call<&State::window_day> {};
template <>
struct action<g::window_start> : call<&State::window_start> {};
template <>
struct action<g::window_end> : call<&State::window_end> {};
template <>
struct action<g::holiday_window> : call<&State::holiday_window> {};
template <>
struct action<g::listed_citation> : call<&State::listed_citation> {};
template <>
struct action<g::holiday_citation> : call<&State::holiday_citation> {};
template <>
struct action<g::calendar_citation> : call<&State::calendar_citation> {};
template <>
struct action<g::from_year> : call<&State::from_year> {};
template <>
struct action<g::until_year> : call<&State::until_year> {};
template <>
struct action<g::holiday> : call<&State::holiday_end> {};

// definitions and rules
using RuleKind = ast::Rule::Kind;
template <>
struct action<g::definition_target> : call<&State::definition_target> {};
template <>
struct action<g::definition> : call<&State::end_decl> {};
template <>
struct action<g::first_open> : call<&State::combinator<Combinator::first>> {};
template <>
struct action<g::collect_open> : call<&State::combinator<Combinator::collect>> {};
template <>
struct action<g::value_expr> : call<&State::value_rule> {};
template <>
struct action<g::value_definition> : call<&State::value_definition_end> {};
template <>
struct action<g::refine_kw> : call<&State::begin<ast::Definition>> {};
template <>
struct action<g::refine_target> : call<&State::refine_target> {};
template <>
struct action<g::refine_decl> : call<&State::end_decl> {};
template <>
struct action<g::rule_kw> : call<&State::begin_rule<RuleKind::rule>> {};
template <>
struct action<g::otherwise_kw> : call<&State::begin_rule<RuleKind::otherwise>> {};
template <>
struct action<g::exception_kw> : call<&State::begin_rule<RuleKind::exception>> {};
template <>
struct action<g::adopt_kw> : call<&State::begin_rule<RuleKind::adopt>> {};
template <>
struct action<g::override_kw> : call<&State::begin_rule<RuleKind::override_>> {};
template <>
struct action<g::omit_kw> : call<&State::begin_rule<RuleKind::omit>> {};
template <>
struct action<g::rule_label> : call<&State::rule_label> {};
template <>
struct action<g::exception_target> : call<&State::rule_label> {};
template <>
struct action<g::adopt_target> : call<&State::rule_label> {};
template <>
struct action<g::override_target> : call<&State::rule_label> {};
template <>
struct action<g::omit_target> : call<&State::rule_label> {};
template <>
struct action<g::rule_title> : call<&State::rule_title> {};
template <>
struct action<g::condition> : call<&State::rule_condition> {};
template <>
struct action<g::rule_value> : call<&State::rule_value> {};
template <>
struct action<g::skip_value> : call<&State::rule_skip> {};
template <>
struct action<g::exception_value> : call<&State::exception_value> {};
template <>
struct action<g::before_kw> : call<&State::rule_position<ast::Rule::Position::before>> {};
template <>
struct action<g::after_kw> : call<&State::rule_position<ast::Rule::Position::after>> {};
template <>
struct action<g::anchor_label> : call<&State::rule_anchor> {};
template <>
struct action<g::omit_reason> : call<&State::omit_reason> {};
template <>
struct action<g::rule_rule> : call<&State::rule_end> {};
template <>
struct action<g::otherwise_rule> : call<&State::rule_end> {};
template <>
struct action<g::exception_rule> : call<&State::rule_end> {};
template <>
struct action<g::adopt_rule> : call<&State::rule_end> {};
template <>
struct action<g::override_rule> : call<&State::rule_end> {};
template <>
struct action<g::omit_rule> : call<&State::rule_end> {};
template <>
struct action<g::cite_text> : call<&State::cite_text> {};
template <>
struct action<g::quote_text> : call<&State::quote_text> {};
template <>
struct action<g::citation> : call<&State::citation> {};

// tests
using ExpectKind = ExpectKind;
template <>
struct action<g::invariant_kw> : call<&State::begin_invariant> {};
template <>
struct action<g::reading_kw> : call<&State::begin<ast::ReadingDecl>> {};
template <>
struct action<g::reading_name> : call<&State::reading_name> {};
template <>
struct action<g::reading_doc> : call<&State::reading_doc> {};
template <>
struct action<g::reading_option_name> : call<&State::reading_option_name> {};
template <>
struct action<g::reading_option_doc> : call<&State::reading_option_doc> {};
template <>
struct action<g::reading_default_name> : call<&State::reading_default_name> {};
template <>
struct action<g::reading_reason> : call<&State::reading_reason> {};
template <>
struct action<g::reading_decl> : call<&State::end_decl> {};
template <>
struct action<g::invariant_label> : call<&State::rule_label> {};
template <>
struct action<g::invariant_decl> : call<&State::invariant_end> {};
template <>
struct action<g::test_kw> : call<&State::begin<ast::TestDecl>> {};
template <>
struct action<g::test_name> : call<&State::test_name> {};
template <>
struct action<g::test_decl> : call<&State::end_decl> {};
template <>
struct action<g::given_fact> : call<&State::given_fact> {};
template <>
struct action<g::given_value> : call<&State::given_value> {};
template <>
struct action<g::expect_kw> : call<&State::begin_expect> {};
template <>
struct action<g::expect_unknown_kw> : call<&State::expect_kind<ExpectKind::unknown>> {};
template <>
struct action<g::expect_missing_kw> : call<&State::expect_kind<ExpectKind::missing>> {};
template <>
struct action<g::expect_unknown_value> : call<&State::expect_expr> {};
template <>
struct action<g::expect_holds> : call<&State::expect_expr> {};
template <>
struct action<g::missing_fact> : call<&State::missing_fact> {};
template <>
struct action<g::expect_stmt> : call<&State::expect_end> {};

}  // namespace

std::optional<ast::Module> parse_module(const SourceSet& sources, uint32_t file,
                                        ast::NodeId& next_id, Diagnostics& diags) {
  const SourceFile& source = sources.file(file);
  State state(source, file, next_id);
  pegtl::memory_input<pegtl::tracking_mode::lazy, pegtl::eol::lf_crlf> in(
      source.text.data(), source.text.size(), source.path);
  try {
    pegtl::parse<g::module, action, g::error_control>(in, state);
  } catch (const g::syntax_error& e) {
    diags.add(state.diagnose(e.code(), e.positions().front().byte, e.message()));
    return std::nullopt;
  } catch (const ActionError& e) {
    diags.add(state.diagnose(e));
    return std::nullopt;
  }
  return state.take_module();
}

}  // namespace sop

namespace sop {

ast::ExprPtr parse_expression(const SourceSet& sources, uint32_t file, ast::NodeId& next_id,
                              Diagnostics& diags) {
  const SourceFile& source = sources.file(file);
  State state(source, file, next_id);
  pegtl::memory_input<pegtl::tracking_mode::lazy, pegtl::eol::lf_crlf> in(
      source.text.data(), source.text.size(), source.path);
  try {
    pegtl::parse<g::expression_input, action, g::error_control>(in, state);
  } catch (const g::syntax_error& e) {
    diags.add(state.diagnose(e.code(), e.positions().front().byte, e.message()));
    return nullptr;
  } catch (const ActionError& e) {
    diags.add(state.diagnose(e));
    return nullptr;
  }
  return state.take_expr();
}

std::span<const std::string_view> keywords() {
  return k_keywords;
}

}  // namespace sop
