// The AST printer, on trees built by hand (independent of the parser): notation of every node
// kind, string escapes, and the line-breaking layout.
#include "lang/ast_printer.hpp"

#include <gtest/gtest.h>

#include <string>
#include <utility>

namespace sop {
namespace {

using namespace ast;

template <typename Kind>
ExprPtr make(Kind kind) {
  auto e = std::make_unique<Expr>();
  e->kind = std::move(kind);
  return e;
}
ExprPtr name(std::string n) {
  return make(Name{std::move(n)});
}
ExprPtr binary(BinaryOp op, ExprPtr lhs, ExprPtr rhs) {
  return make(Binary{op, std::move(lhs), std::move(rhs), nullptr});
}
TypeExpr named(std::string n) {
  TypeExpr t;
  t.name = std::move(n);
  return t;
}
TypeExpr wrap(TypeExpr::Kind kind, std::vector<TypeExpr> args) {
  TypeExpr t;
  t.kind = kind;
  t.args = std::move(args);
  return t;
}

TEST(AstPrinter, Literals) {
  EXPECT_EQ(print_expr(*make(BoolLit{true})), "true");
  EXPECT_EQ(print_expr(*make(BoolLit{false})), "false");
  EXPECT_EQ(print_expr(*make(IntLit{-42})), "-42");
  EXPECT_EQ(print_expr(*make(NullLit{})), "null");
  EXPECT_EQ(print_expr(*make(StringLit{"plain"})), "\"plain\"");
  EXPECT_EQ(print_expr(*make(DateLit{0})), "(date 1970-01-01)");
  EXPECT_EQ(print_expr(*make(DateLit{20777})), "(date 2026-11-20)");
  EXPECT_EQ(print_expr(*make(DateTimeLit{1795221000, -480})),
            "(datetime 2026-11-20T16:30:00-08:00)");
  EXPECT_EQ(print_expr(*make(DateTimeLit{0, 0})), "(datetime 1970-01-01T00:00:00Z)");
  EXPECT_EQ(print_expr(*make(DurationLit{72, DurationUnit::hours})), "(duration 72 hours)");
  EXPECT_EQ(print_expr(*make(DurationLit{3, DurationUnit::days})), "(duration 3 days)");
  EXPECT_EQ(print_expr(*make(DurationLit{5, DurationUnit::business_days})),
            "(duration 5 business_days)");
}

TEST(AstPrinter, StringEscapes) {
  EXPECT_EQ(print_expr(*make(StringLit{"a\"b\\c\nd\te"})), R"("a\"b\\c\nd\te")");
  EXPECT_EQ(print_expr(*make(StringLit{std::string("\x01\x1f", 2)})), R"("\u0001\u001F")");
  EXPECT_EQ(print_expr(*make(StringLit{std::string("nul\0!", 5)})), R"("nul\u0000!")");
  EXPECT_EQ(print_expr(*make(StringLit{"\xC2\xA7 6103"})), "\"\xC2\xA7 6103\"");
}

TEST(AstPrinter, Operators) {
  const std::pair<BinaryOp, const char*> ops[] = {
      {BinaryOp::or_, "or"},     {BinaryOp::and_, "and"}, {BinaryOp::eq, "=="},
      {BinaryOp::ne, "!="},      {BinaryOp::lt, "<"},     {BinaryOp::le, "<="},
      {BinaryOp::gt, ">"},       {BinaryOp::ge, ">="},    {BinaryOp::in, "in"},
      {BinaryOp::add, "+"},      {BinaryOp::sub, "-"},    {BinaryOp::mul, "*"},
      {BinaryOp::coalesce, "??"}};
  for (auto [op, text] : ops)
    EXPECT_EQ(print_expr(*binary(op, name("a"), name("b"))), std::string("(") + text + " a b)");
  EXPECT_EQ(print_expr(*make(Unary{UnaryOp::not_, name("a")})), "(not a)");
  EXPECT_EQ(print_expr(*make(Unary{UnaryOp::neg, name("a")})), "(neg a)");
  ExprPtr sum = binary(BinaryOp::add, name("t"), make(DurationLit{5, DurationUnit::business_days}));
  std::get<Binary>(sum->kind).calendar = name("cal");
  EXPECT_EQ(print_expr(*sum), "(+ t (duration 5 business_days) (using cal))");
}

TEST(AstPrinter, CompoundExpressions) {
  EXPECT_EQ(print_expr(*make(Member{name("plan"), "id", {}})), "(. plan id)");
  Call call{"within", {}, {}};
  call.args.push_back(make(DurationLit{72, DurationUnit::hours}));
  call.args.push_back(name("x"));
  EXPECT_EQ(print_expr(*make(std::move(call))), "(call within (duration 72 hours) x)");
  EXPECT_EQ(print_expr(*make(Call{"f", {}, {}})), "(call f)");
  EXPECT_EQ(print_expr(*make(If{name("c"), name("a"), name("b")})), "(if c a b)");
  CollectionLit list;
  EXPECT_EQ(print_expr(*make(CollectionLit{})), "[]");
  list.items.push_back(name("a"));
  list.items.push_back(make(IntLit{1}));
  EXPECT_EQ(print_expr(*make(std::move(list))), "[a 1]");
  RecordLit record;
  EXPECT_EQ(print_expr(*make(RecordLit{})), "(record)");
  record.fields.push_back({"kind", {}, name("denial")});
  record.fields.push_back({"to", {}, make(CollectionLit{})});
  EXPECT_EQ(print_expr(*make(std::move(record))), "(record (kind denial) (to []))");
  // A tree with a hole (as a checker test might build) prints instead of crashing.
  EXPECT_EQ(print_expr(*make(Unary{UnaryOp::not_, nullptr})), "(not <missing>)");
}

TEST(AstPrinter, LongNodesBreakWithLeadingAtomsOnTheHeadLine) {
  CollectionLit items;
  for (int i = 0; i < 12; ++i) items.items.push_back(name("item_number_" + std::to_string(i)));
  Call call{"a_function_with_a_long_name", {}, {}};
  call.args.push_back(make(std::move(items)));
  call.args.push_back(name("short"));
  EXPECT_EQ(print_expr(*make(std::move(call))),
            "(call a_function_with_a_long_name\n"
            "  [\n"
            "    item_number_0\n"
            "    item_number_1\n"
            "    item_number_2\n"
            "    item_number_3\n"
            "    item_number_4\n"
            "    item_number_5\n"
            "    item_number_6\n"
            "    item_number_7\n"
            "    item_number_8\n"
            "    item_number_9\n"
            "    item_number_10\n"
            "    item_number_11]\n"
            "  short)");
}

TEST(AstPrinter, FitsExactlyOneHundredColumns) {
  // "(call f " + 91 characters + ")" is 100 wide: one line.
  std::string fits(91, 'x');
  Call call{"f", {}, {}};
  call.args.push_back(name(fits));
  EXPECT_EQ(print_expr(*make(std::move(call))), "(call f " + fits + ")");
  // One more breaks the node; its leading atoms stay on the first line.
  Call wider{"f", {}, {}};
  wider.args.push_back(name(fits));
  RecordLit record;
  record.fields.push_back({"a", {}, make(IntLit{1})});
  wider.args.push_back(make(std::move(record)));
  EXPECT_EQ(print_expr(*make(std::move(wider))), "(call f " + fits + "\n  (record (a 1)))");
}

TEST(AstPrinter, Types) {
  EXPECT_EQ(print_type(named("Tier")), "Tier");
  EXPECT_EQ(print_type(wrap(TypeExpr::Kind::list, {named("Notice")})), "(list Notice)");
  EXPECT_EQ(print_type(wrap(TypeExpr::Kind::set, {named("Recipient")})), "(set Recipient)");
  EXPECT_EQ(print_type(wrap(TypeExpr::Kind::optional, {named("int")})), "(? int)");
  EXPECT_EQ(print_type(wrap(TypeExpr::Kind::union_,
                            {named("date"), wrap(TypeExpr::Kind::optional, {named("datetime")})})),
            "(| date (? datetime))");
}

TEST(AstPrinter, Module) {
  Module m;
  m.name = "demo";
  EXPECT_EQ(print_module(m), "(module demo)\n");
  m.decls.push_back(Import{"calendars", {}});
  VarDecl fact;
  fact.kind = VarKind::fact;
  fact.name = "n";
  fact.type = named("int");
  fact.doc = "a number";
  fact.json_name = "num";
  fact.range_lo = 2;
  fact.range_hi = 99;
  fact.value = make(IntLit{2});
  m.decls.push_back(std::move(fact));
  VarDecl output;
  output.kind = VarKind::output;
  output.name = "d";
  output.type = named("Decision");
  output.doc = "the outcome";
  output.unknown_as = name("undetermined");
  m.decls.push_back(std::move(output));
  DocumentDecl doc{"D", "D 1", "", {}};
  m.decls.push_back(std::move(doc));
  EXPECT_EQ(print_module(m),
            "(module demo\n"
            "  (import calendars)\n"
            "  (fact n int \"a number\" (as \"num\") (range 2 99) (default 2))\n"
            "  (output d Decision \"the outcome\" (unknown-as undetermined))\n"
            "  (document D \"D 1\"))\n");
}

TEST(AstPrinter, CalendarsRulesAndTests) {
  Module m;
  m.name = "demo";
  CalendarDecl cal;
  cal.name = "c";
  Holiday fixed;
  fixed.name = "New Year's Day";
  fixed.rule.month = 1;
  fixed.rule.day = 1;
  fixed.observed = {-1, +1};
  fixed.until_year = 2000;
  cal.holidays.push_back(std::move(fixed));
  Holiday nth;
  nth.name = "Day after";
  nth.rule.kind = DateRule::Kind::nth_weekday;
  nth.rule.nth = -1;
  nth.rule.weekday = Weekday::thursday;
  nth.rule.month = 11;
  nth.rule.offset_days = 1;
  nth.from_year = 1942;
  cal.holidays.push_back(std::move(nth));
  m.decls.push_back(std::move(cal));

  Definition def;
  def.target = "x";
  def.refine = true;
  Rule omit;
  omit.kind = Rule::Kind::omit;
  omit.label = "r";
  omit.because = "why";
  def.rules.push_back(std::move(omit));
  Rule exception;
  exception.kind = Rule::Kind::exception;
  exception.label = "s";
  exception.citation = Citation{"§1", "q", {}};
  exception.condition = name("c");
  exception.skip = true;
  def.rules.push_back(std::move(exception));
  Rule rule;
  rule.label = "t";
  rule.title = "title";
  rule.value = make(IntLit{1});
  rule.position = Rule::Position::before;
  rule.anchor = "s";
  def.rules.push_back(std::move(rule));
  m.decls.push_back(std::move(def));

  TestDecl test;
  test.name = "t";
  test.given.push_back({"a", {}, make(BoolLit{true})});
  TestDecl::Expect missing;
  missing.kind = ExpectKind::missing;
  missing.facts = {"a", "b"};
  test.expects.push_back(std::move(missing));
  TestDecl::Expect unknown;
  unknown.kind = ExpectKind::unknown;
  unknown.expr = name("d");
  test.expects.push_back(std::move(unknown));
  m.decls.push_back(std::move(test));

  EXPECT_EQ(print_module(m),
            "(module demo\n"
            "  (calendar c\n"
            "    (holiday \"New Year's Day\" (on January 1) (observed (saturday -1) (sunday +1))"
            " (until 2000))\n"
            "    (holiday \"Day after\" (on last Thursday of November) (offset +1) (from 1942)))\n"
            "  (refine x\n"
            "    (omit r (because \"why\"))\n"
            "    (exception-to s (cite \"§1\" (quote \"q\")) (when c) (=> skip))\n"
            "    (rule t \"title\" (=> 1) (before s)))\n"
            "  (test \"t\" (given (a true)) (expect-missing [a b]) (expect-unknown d)))\n");
}

}  // namespace
}  // namespace sop
