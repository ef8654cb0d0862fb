// The parser: every grammar construct (input → printed AST), every syntax error (input → the
// diagnostic's first line and caret), spans and ids, depth limits, hostile input, the real
// sources in stdlib/ and policies/ (the parse goldens of tests/golden/parse/ are
// parse_golden_test.cpp's).
#include "lang/parser.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "lang/ast_printer.hpp"

namespace sop {
namespace {

namespace fs = std::filesystem;

struct Parsed {
  SourceSet sources;
  std::optional<ast::Module> module;
  Diagnostics diags;
  std::string errors() const { return format_diagnostics(diags, sources); }
};

Parsed parse(const std::string& text, const std::string& path = "test.sop",
             const std::string& module_name = "test") {
  Parsed p;
  uint32_t file = p.sources.add(path, text, module_name);
  ast::NodeId next_id = 1;
  p.module = parse_module(p.sources, file, next_id, p.diags);
  return p;
}

// The printed module, or the diagnostics if it does not parse.
std::string print(const std::string& text) {
  Parsed p = parse(text);
  return p.module ? print_module(*p.module) : p.errors();
}

// The printed expression `text`, parsed as the value of an output.
std::string expr(const std::string& text) {
  Parsed p = parse("output o: int \"doc\" = " + text);
  if (!p.module) return p.errors();
  return print_expr(*std::get<ast::VarDecl>(p.module->decls.at(0)).value);
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// ================================================================ expressions

struct ExprCase {
  const char* input;
  const char* printed;
};

class ParseExpr : public testing::TestWithParam<ExprCase> {};

TEST_P(ParseExpr, Prints) {
  EXPECT_EQ(expr(GetParam().input), GetParam().printed);
}

INSTANTIATE_TEST_SUITE_P(
    Literals, ParseExpr,
    testing::Values(
        ExprCase{"42", "42"}, ExprCase{"0", "0"}, ExprCase{"007", "7"},
        ExprCase{"9223372036854775807", "9223372036854775807"}, ExprCase{R"("hi")", R"("hi")"},
        ExprCase{R"("")", R"("")"}, ExprCase{R"("a\"b\\c\nd\te")", R"("a\"b\\c\nd\te")"},
        ExprCase{R"("\u00e9\u00E9")", "\"\xC3\xA9\xC3\xA9\""},
        ExprCase{R"("\u20AC")", "\"\xE2\x82\xAC\""},
        ExprCase{R"("\uD83D\uDE00")", "\"\xF0\x9F\x98\x80\""},
        ExprCase{R"("\u0001")", R"("\u0001")"},
        ExprCase{"\"\xC2\xA7 raw UTF-8\"", "\"\xC2\xA7 raw UTF-8\""},
        ExprCase{"\"\xFF\xFE bytes\"", "\"\xFF\xFE bytes\""},  // not UTF-8: kept as bytes
        ExprCase{"true", "true"}, ExprCase{"false", "false"}, ExprCase{"null", "null"},
        ExprCase{"2024-09-11", "(date 2024-09-11)"}, ExprCase{"2024-02-29", "(date 2024-02-29)"},
        ExprCase{"2026-11-20T16:30:00-08:00", "(datetime 2026-11-20T16:30:00-08:00)"},
        ExprCase{"2026-11-20T16:30Z", "(datetime 2026-11-20T16:30:00Z)"},
        ExprCase{"2026-11-20t16:30:15.250+05:30", "(datetime 2026-11-20T16:30:15+05:30)"},
        ExprCase{"72 hours", "(duration 72 hours)"}, ExprCase{"1 hour", "(duration 1 hours)"},
        ExprCase{"3 days", "(duration 3 days)"}, ExprCase{"1 day", "(duration 1 days)"},
        ExprCase{"5 business_days", "(duration 5 business_days)"},
        ExprCase{"1 business_day", "(duration 1 business_days)"},
        ExprCase{"2\n  // a comment between\n  days", "(duration 2 days)"}));

INSTANTIATE_TEST_SUITE_P(
    NamesAndPostfix, ParseExpr,
    testing::Values(
        ExprCase{"approve", "approve"}, ExprCase{"_x9", "_x9"}, ExprCase{"plan.id", "(. plan id)"},
        ExprCase{"Decision.approve", "(. Decision approve)"}, ExprCase{"a.b.c", "(. (. a b) c)"},
        ExprCase{"a . b", "(. a b)"}, ExprCase{"f()", "(call f)"}, ExprCase{"f(x)", "(call f x)"},
        ExprCase{"within(72 hours)", "(call within (duration 72 hours))"},
        ExprCase{"f(a, b, c)", "(call f a b c)"}, ExprCase{"f (x)", "(call f x)"},
        ExprCase{"f(x).y", "(. (call f x) y)"}, ExprCase{"f(g(x))", "(call f (call g x))"},
        // contextual keywords are names in expressions
        ExprCase{"calendar", "calendar"}, ExprCase{"rule", "rule"}, ExprCase{"first", "first"},
        ExprCase{"hours", "hours"}, ExprCase{"days.x", "(. days x)"},
        ExprCase{"TimeframeKind.hours", "(. TimeframeKind hours)"}, ExprCase{"skip", "skip"},
        ExprCase{"using", "using"},
        // reserved words match whole words only
        ExprCase{"android", "android"}, ExprCase{"notable and orange", "(and notable orange)"},
        ExprCase{"iffy", "iffy"}, ExprCase{"nullable", "nullable"}, ExprCase{"trueish", "trueish"},
        ExprCase{"index in inbox", "(in index inbox)"}, ExprCase{"thenceforth", "thenceforth"},
        ExprCase{"elsewhere", "elsewhere"}, ExprCase{"falsehood", "falsehood"}));

INSTANTIATE_TEST_SUITE_P(
    Collections, ParseExpr,
    testing::Values(ExprCase{"[]", "[]"}, ExprCase{"[ ]", "[]"}, ExprCase{"[a]", "[a]"},
                    ExprCase{"[a, b]", "[a b]"}, ExprCase{"[a, b,]", "[a b]"},
                    ExprCase{"[[a], []]", "[[a] []]"}, ExprCase{"{}", "(record)"},
                    ExprCase{"{ }", "(record)"}, ExprCase{"{ a: 1 }", "(record (a 1))"},
                    ExprCase{"{ a: 1, b: [x], }", "(record (a 1) (b [x]))"},
                    ExprCase{"{ cite: \"x\", calendar: c }", "(record (cite \"x\") (calendar c))"},
                    ExprCase{"{ r: { s: 1 } }", "(record (r (record (s 1))))"},
                    ExprCase{"[{ a: 1 }, { a: 2 }]", "[(record (a 1)) (record (a 2))]"}));

INSTANTIATE_TEST_SUITE_P(
    Operators, ParseExpr,
    testing::Values(
        ExprCase{"-3", "(neg 3)"}, ExprCase{"- -x", "(neg (neg x))"},
        ExprCase{"--x", "(neg (neg x))"}, ExprCase{"-a.b", "(neg (. a b))"},
        ExprCase{"-f(x)", "(neg (call f x))"}, ExprCase{"not a", "(not a)"},
        ExprCase{"not not a", "(not (not a))"}, ExprCase{"a * b", "(* a b)"},
        ExprCase{"a * b * c", "(* (* a b) c)"}, ExprCase{"-a * b", "(* (neg a) b)"},
        ExprCase{"a + b", "(+ a b)"}, ExprCase{"a - b - c", "(- (- a b) c)"},
        ExprCase{"a + b * c", "(+ a (* b c))"}, ExprCase{"a * b + c", "(+ (* a b) c)"},
        ExprCase{"(a + b) * c", "(* (+ a b) c)"}, ExprCase{"(a)", "a"}, ExprCase{"((a))", "a"},
        ExprCase{"a-b", "(- a b)"}, ExprCase{"a--b", "(- a (neg b))"},
        ExprCase{"a == b", "(== a b)"}, ExprCase{"a != b", "(!= a b)"},
        ExprCase{"a < b", "(< a b)"}, ExprCase{"a <= b", "(<= a b)"}, ExprCase{"a > b", "(> a b)"},
        ExprCase{"a >= b", "(>= a b)"}, ExprCase{"a in [a, b]", "(in a [a b])"},
        ExprCase{"a + b == c", "(== (+ a b) c)"}, ExprCase{"a == b + c", "(== a (+ b c))"},
        ExprCase{"not a == b", "(not (== a b))"}, ExprCase{"not a in xs", "(not (in a xs))"},
        ExprCase{"not a and b", "(and (not a) b)"}, ExprCase{"a and b and c", "(and (and a b) c)"},
        ExprCase{"a and b or c and d", "(or (and a b) (and c d))"},
        ExprCase{"a or b or c", "(or (or a b) c)"}, ExprCase{"a or b ?? c", "(?? (or a b) c)"},
        ExprCase{"a ?? b ?? c", "(?? (?? a b) c)"},
        ExprCase{"plan.calendar ?? us_federal", "(?? (. plan calendar) us_federal)"},
        ExprCase{"reasons != []", "(!= reasons [])"}, ExprCase{"a // comment\n + b", "(+ a b)"}));

INSTANTIATE_TEST_SUITE_P(
    IfAndUsing, ParseExpr,
    testing::Values(ExprCase{"if a then b else c", "(if a b c)"},
                    ExprCase{"if a then b else if c then d else e", "(if a b (if c d e))"},
                    ExprCase{"if a ?? b then c else d", "(if (?? a b) c d)"},
                    ExprCase{"if c then a else b ?? d", "(if c a (?? b d))"},
                    ExprCase{"if if a then b else c then d else e", "(if (if a b c) d e)"},
                    ExprCase{"received_at + 5 business_days using cal",
                             "(+ received_at (duration 5 business_days) (using cal))"},
                    ExprCase{"a + b - c using cal", "(- (+ a b) c (using cal))"},
                    ExprCase{"a - 1 day using plan.calendar",
                             "(- a (duration 1 days) (using (. plan calendar)))"},
                    ExprCase{"a * 2 + b using c == d", "(== (+ (* a 2) b (using c)) d)"},
                    ExprCase{"(a + b using c) + d", "(+ (+ a b (using c)) d)"},
                    ExprCase{"received_at + d using calendar",
                             "(+ received_at d (using calendar))"}));

// ================================================================ declarations

struct ModuleCase {
  const char* name;
  const char* input;
  const char* printed;  // print_module's output without "(module test" and the final ")\n"
};

class ParseModule : public testing::TestWithParam<ModuleCase> {};

TEST_P(ParseModule, Prints) {
  EXPECT_EQ(print(GetParam().input), std::string("(module test") + GetParam().printed + ")\n");
}

std::string case_name(const testing::TestParamInfo<ModuleCase>& info) {
  return info.param.name;
}

INSTANTIATE_TEST_SUITE_P(
    Declarations, ParseModule,
    testing::Values(
        ModuleCase{"Empty", "", ""}, ModuleCase{"OnlyComments", "// nothing\n  // here\n", ""},
        ModuleCase{"ByteOrderMark", "\xEF\xBB\xBFimport a", "\n  (import a)"},
        ModuleCase{"CrLf", "import a\r\nimport b\r\n", "\n  (import a)\n  (import b)"},
        ModuleCase{"Import", "import calendars\nimport case_format",
                   "\n  (import calendars)\n  (import case_format)"},
        ModuleCase{"Plan",
                   "plan p {\n  issuer: \"X\"\n  lines: [medi_cal], revised: 2024-09-11,\n}",
                   "\n  (plan p (issuer \"X\") (lines [medi_cal]) (revised (date 2024-09-11)))"},
        ModuleCase{"EmptyPlan", "plan p {}", "\n  (plan p)"},
        ModuleCase{"Header",
                   "header {\n  policy: string \"the number\"\n  "
                   "revised: date? as \"revised_on\" \"the date\",\n}",
                   "\n  (header (field policy string \"the number\")"
                   " (field revised (? date) \"the date\" (as \"revised_on\")))"},
        ModuleCase{"Enum",
                   "enum Tier \"where\" {\n  medical_group \"the group\"\n"
                   "  plan_network \"the network\" as \"network\",\n  none \"none\", }",
                   "\n  (enum Tier \"where\""
                   "\n    (value medical_group \"the group\")"
                   "\n    (value plan_network \"the network\" (as \"network\"))"
                   "\n    (value none \"none\"))"},
        ModuleCase{"Record",
                   "record Route \"a route\" {\n  tier: Tier \"where\"\n"
                   "  cite: citation \"the section\"\n}",
                   "\n  (record Route \"a route\" (field tier Tier \"where\")"
                   " (field cite citation \"the section\"))"},
        ModuleCase{"Types",
                   "record R \"r\" {\n  a: list of Notice \"\"\n  b: set of Recipient \"\"\n"
                   "  c: int? \"\"\n  d: date | datetime \"\"\n  e: date | datetime? \"\"\n"
                   "  f: list of int? \"\"\n  g: (list of int)? \"\"\n  h: a | b | c \"\"\n"
                   "  i: (a | b) | c \"\"\n  j: calendar? \"\"\n  k: list of set of E \"\"\n"
                   "  l: list ? \"\"\n}",
                   "\n  (record R \"r\""
                   "\n    (field a (list Notice) \"\")"
                   "\n    (field b (set Recipient) \"\")"
                   "\n    (field c (? int) \"\")"
                   "\n    (field d (| date datetime) \"\")"
                   "\n    (field e (| date (? datetime)) \"\")"
                   "\n    (field f (list (? int)) \"\")"
                   "\n    (field g (? (list int)) \"\")"
                   "\n    (field h (| a b c) \"\")"
                   "\n    (field i (| (| a b) c) \"\")"
                   "\n    (field j (? calendar) \"\")"
                   "\n    (field k (list (set E)) \"\")"
                   "\n    (field l (? list) \"\"))"},
        ModuleCase{"Facts",
                   "fact a: bool \"plain\"\n"
                   "fact b: int in 2..99 = 2 \"bounded\"\n"
                   "fact c: int in -5 .. -1 \"negative bounds\"\n"
                   "fact d: string as \"id\" \"renamed\"\n"
                   "fact e: LineOfBusiness = medi_cal as \"lob\" \"all\"\n"
                   "fact calendar: calendar = plan.calendar ?? us_federal \"contextual\"",
                   "\n  (fact a bool \"plain\")"
                   "\n  (fact b int \"bounded\" (range 2 99) (default 2))"
                   "\n  (fact c int \"negative bounds\" (range -5 -1))"
                   "\n  (fact d string \"renamed\" (as \"id\"))"
                   "\n  (fact e LineOfBusiness \"all\" (as \"lob\") (default medi_cal))"
                   "\n  (fact calendar calendar \"contextual\" (default (?? (. plan calendar) "
                   "us_federal)))"},
        ModuleCase{"Outputs",
                   "output a: Decision \"plain\"\n"
                   "output b: string as \"plan\" \"renamed\" = plan.id\n"
                   "output c: Decision unknown as undetermined \"with unknown\"\n"
                   "output d: int as \"x\" unknown as 0 \"all\" = 1",
                   "\n  (output a Decision \"plain\")"
                   "\n  (output b string \"renamed\" (as \"plan\") (= (. plan id)))"
                   "\n  (output c Decision \"with unknown\" (unknown-as undetermined))"
                   "\n  (output d int \"all\" (as \"x\") (unknown-as 0) (= 1))"},
        ModuleCase{"Defs", "def a: bool \"declared\"\ndef b: bool \"derived\" = c or d",
                   "\n  (def a bool \"declared\")\n  (def b bool \"derived\" (= (or c d)))"},
        ModuleCase{"Functions",
                   "fn f() -> int = 1\n"
                   "fn within(d: duration) -> Timeframe \"a deadline\" = { due: d }\n"
                   "fn g(a: int, b: list of int?) -> int? = a",
                   "\n  (fn f (params) int (= 1))"
                   "\n  (fn within (params (d duration)) Timeframe \"a deadline\""
                   " (= (record (due d))))"
                   "\n  (fn g (params (a int) (b (list (? int)))) (? int) (= a))"},
        ModuleCase{"Documents",
                   "document MCUP3124 \"MCUP3124\" \"Referral Policy\"\ndocument D \"D 1\"",
                   "\n  (document MCUP3124 \"MCUP3124\" \"Referral Policy\")"
                   "\n  (document D \"D 1\")"}),
    case_name);

INSTANTIATE_TEST_SUITE_P(
    Calendars, ParseModule,
    testing::Values(
        ModuleCase{"Bare", "calendar c {}", "\n  (calendar c)"},
        ModuleCase{"DocAndCitation", "calendar c \"doc\" cite \"5 USC\" quote \"q\" {}",
                   "\n  (calendar c \"doc\" (cite \"5 USC\" (quote \"q\")))"},
        ModuleCase{"CitationOnly", "calendar c cite \"5 USC\" {}",
                   "\n  (calendar c (cite \"5 USC\"))"},
        ModuleCase{"Holidays",
                   "calendar c {\n"
                   "  holiday \"a\" on January 1\n"
                   "  holiday \"b\" on third Monday of January from 1986\n"
                   "  holiday \"c\" on last Monday of May from 1971 until 2000\n"
                   "  holiday \"d\" on fourth Thursday of November + 1 day\n"
                   "  holiday \"e\" on first friday of december + 2 days until 1999\n"
                   "  holiday \"f\" on second Tuesday of February\n"
                   "  holiday \"g\" on fifth Wednesday of March\n"
                   "  holiday \"h\" on FEBRUARY 29\n"
                   "  holiday \"i\" on april 30\n"
                   "  holiday \"j\" on first Saturday of June\n"
                   "  holiday \"k\" on first Sunday of July\n"
                   "  holiday \"l\" on August 31 holiday \"m\" on September 30\n"
                   "  holiday \"n\" on October 31 holiday \"o\" on December 31\n"
                   "}",
                   "\n  (calendar c"
                   "\n    (holiday \"a\" (on January 1))"
                   "\n    (holiday \"b\" (on third Monday of January) (from 1986))"
                   "\n    (holiday \"c\" (on last Monday of May) (from 1971) (until 2000))"
                   "\n    (holiday \"d\" (on fourth Thursday of November) (offset +1))"
                   "\n    (holiday \"e\" (on first Friday of December) (offset +2) (until 1999))"
                   "\n    (holiday \"f\" (on second Tuesday of February))"
                   "\n    (holiday \"g\" (on fifth Wednesday of March))"
                   "\n    (holiday \"h\" (on February 29))"
                   "\n    (holiday \"i\" (on April 30))"
                   "\n    (holiday \"j\" (on first Saturday of June))"
                   "\n    (holiday \"k\" (on first Sunday of July))"
                   "\n    (holiday \"l\" (on August 31))"
                   "\n    (holiday \"m\" (on September 30))"
                   "\n    (holiday \"n\" (on October 31))"
                   "\n    (holiday \"o\" (on December 31)))"},
        ModuleCase{"ObservedShifts",
                   "calendar c {\n"
                   "  holiday \"a\" on July 4 observed saturday -> friday, sunday -> monday\n"
                   "  holiday \"b\" on July 4 observed saturday -> monday, sunday -> friday\n"
                   "  holiday \"c\" on July 4 observed sunday -> monday\n"
                   "  holiday \"d\" on July 4 observed Saturday -> Friday from 2000\n"
                   "}",
                   "\n  (calendar c"
                   "\n    (holiday \"a\" (on July 4) (observed (saturday -1) (sunday +1)))"
                   "\n    (holiday \"b\" (on July 4) (observed (saturday +2) (sunday -2)))"
                   "\n    (holiday \"c\" (on July 4) (observed (sunday +1)))"
                   "\n    (holiday \"d\" (on July 4) (observed (saturday -1)) (from 2000)))"},
        ModuleCase{"ListedDates",
                   "calendar c {\n"
                   "  holiday \"a\" on dates { 2026-02-17, 2027-02-06 cite \"X\" quote \"q\" }\n"
                   "    between January 20 and February 21 from 2023 cite \"S\"\n"
                   "  holiday \"b\" on dates {\n    2026-11-08\n    2028-10-17,\n  }\n"
                   "    observed sunday -> monday until 2030 cite \"T\" quote \"u\"\n"
                   "  holiday \"c\" on dates {} holiday \"d\" on July 4 cite \"V\"\n"
                   "}",
                   "\n  (calendar c"
                   "\n    (holiday \"a\""
                   "\n      (on dates 2026-02-17 (2027-02-06 (cite \"X\" (quote \"q\"))))"
                   "\n      (between January 20 and February 21)"
                   "\n      (from 2023)"
                   "\n      (cite \"S\"))"
                   "\n    (holiday \"b\""
                   "\n      (on dates 2026-11-08 2028-10-17)"
                   "\n      (observed (sunday +1))"
                   "\n      (until 2030)"
                   "\n      (cite \"T\" (quote \"u\")))"
                   "\n    (holiday \"c\" (on dates))"
                   "\n    (holiday \"d\" (on July 4) (cite \"V\")))"}),
    case_name);

INSTANTIATE_TEST_SUITE_P(
    Definitions, ParseModule,
    testing::Values(
        ModuleCase{
            "Value", "required = route.tier == out_of_network cite \"X §1\"",
            "\n  (define required value (rule required (cite \"X §1\") (=> (== (. route tier) "
            "out_of_network))))"},
        ModuleCase{"ValueWithQuote", "x = 1 cite \"c\" quote \"q\"",
                   "\n  (define x value (rule x (cite \"c\" (quote \"q\")) (=> 1)))"},
        ModuleCase{"ValueNamedFirst", "x = first cite \"c\"",
                   "\n  (define x value (rule x (cite \"c\") (=> first)))"},
        ModuleCase{"EmptyFirst", "x = first {}", "\n  (define x first)"},
        ModuleCase{"First",
                   "timeframe = first {\n"
                   "  rule urgent \"urgent request\"\n    cite \"§1\"\n    quote \"q\"\n"
                   "    when urgent\n    => within(72 hours)\n"
                   "  rule plain cite \"§2\" => 1\n"
                   "  otherwise \"no decision\" cite \"§3\" => none\n"
                   "}",
                   "\n  (define timeframe first"
                   "\n    (rule urgent \"urgent request\""
                   "\n      (cite \"§1\" (quote \"q\"))"
                   "\n      (when urgent)"
                   "\n      (=> (call within (duration 72 hours))))"
                   "\n    (rule plain (cite \"§2\") (=> 1))"
                   "\n    (otherwise \"no decision\" (cite \"§3\") (=> none)))"},
        ModuleCase{"Collect",
                   "notices = collect {\n"
                   "  rule a cite \"§1\" => { kind: denial, to: [member] }\n"
                   "  otherwise cite \"§2\" => []\n"
                   "}",
                   "\n  (define notices collect"
                   "\n    (rule a (cite \"§1\") (=> (record (kind denial) (to [member]))))"
                   "\n    (otherwise (cite \"§2\") (=> [])))"},
        ModuleCase{"Exceptions",
                   "x = first {\n"
                   "  exception to a cite \"e1\" when b\n"
                   "  exception to a \"t\" cite \"e2\" when c => skip\n"
                   "  exception to a cite \"e3\" when d => 2\n"
                   "  rule a cite \"r\" => 1\n"
                   "}",
                   "\n  (define x first"
                   "\n    (exception-to a (cite \"e1\") (when b))"
                   "\n    (exception-to a \"t\" (cite \"e2\") (when c) (=> skip))"
                   "\n    (exception-to a (cite \"e3\") (when d) (=> 2))"
                   "\n    (rule a (cite \"r\") (=> 1)))"},
        ModuleCase{
            "Refine",
            "refine reasons {\n"
            "  adopt serious_condition cite \"§2\" quote \"q\"\n"
            "  override unclear \"in doubt\" cite \"§3\" when a or b\n"
            "  override other cite \"§4\" => 5\n"
            "  override both cite \"§5\" when c => 6\n"
            "  omit consultation_report because \"not required\"\n"
            "  rule coverage \"cov\" cite \"§6\" when d => 7 after not_improving\n"
            "  rule early cite \"§7\" => 8 before coverage\n"
            "  exception to recommended cite \"§8\" when e => skip\n"
            "  otherwise cite \"§9\" => 9\n"
            "}",
            "\n  (refine reasons"
            "\n    (adopt serious_condition (cite \"§2\" (quote \"q\")))"
            "\n    (override unclear \"in doubt\" (cite \"§3\") (when (or a b)))"
            "\n    (override other (cite \"§4\") (=> 5))"
            "\n    (override both (cite \"§5\") (when c) (=> 6))"
            "\n    (omit consultation_report (because \"not required\"))"
            "\n    (rule coverage \"cov\" (cite \"§6\") (when d) (=> 7) (after not_improving))"
            "\n    (rule early (cite \"§7\") (=> 8) (before coverage))"
            "\n    (exception-to recommended (cite \"§8\") (when e) (=> skip))"
            "\n    (otherwise (cite \"§9\") (=> 9)))"},
        ModuleCase{"ContextualKeywordsDefined",
                   "calendar = first {}\nrule = collect {}\ntest = 1 cite \"c\"\n"
                   "def n: int \"d\" = 3\ndays = 4 cite \"c\"\n"
                   "def m: int \"d\" = a + b\nusing = 5 cite \"c\"",
                   "\n  (define calendar first)\n  (define rule collect)"
                   "\n  (define test value (rule test (cite \"c\") (=> 1)))"
                   "\n  (def n int \"d\" (= 3))"
                   "\n  (define days value (rule days (cite \"c\") (=> 4)))"
                   "\n  (def m int \"d\" (= (+ a b)))"
                   "\n  (define using value (rule using (cite \"c\") (=> 5)))"}),
    case_name);

INSTANTIATE_TEST_SUITE_P(
    Tests, ParseModule,
    testing::Values(ModuleCase{"Empty", "test \"t\" {}", "\n  (test \"t\")"},
                    ModuleCase{"Full",
                               "test \"urgent\" cite \"§1\" {\n"
                               "  given { urgent: true, in_network_available: false,\n"
                               "          received_at: 2026-11-20T16:30:00-08:00, }\n"
                               "  expect timeframe.amount == 72\n"
                               "  expect unknown decision\n"
                               "  expect missing [questions_surgery, serious_condition]\n"
                               "  expect missing []\n"
                               "  expect missing [a,]\n"
                               "}",
                               "\n  (test \"urgent\""
                               "\n    (cite \"§1\")"
                               "\n    (given"
                               "\n      (urgent true)"
                               "\n      (in_network_available false)"
                               "\n      (received_at (datetime 2026-11-20T16:30:00-08:00)))"
                               "\n    (expect (== (. timeframe amount) 72))"
                               "\n    (expect-unknown decision)"
                               "\n    (expect-missing [questions_surgery serious_condition])"
                               "\n    (expect-missing [])"
                               "\n    (expect-missing [a]))"},
                    ModuleCase{"GivenWithoutCommas", "test \"t\" { given { a: 1 b: 2 } expect a }",
                               "\n  (test \"t\" (given (a 1) (b 2)) (expect a))"},
                    ModuleCase{
                        "NamesStartingLikeKeywords",
                        "test \"t\" { expect unknownish expect missing_facts == 1 }",
                        "\n  (test \"t\" (expect unknownish) (expect (== missing_facts 1)))"}),
    case_name);

TEST(Parser, LongLinesBreakIntoIndentedChildren) {
  std::string printed = print(
      "x = collect {\n  rule denial_in_writing \"written denial with reasons and rights\" "
      "cite \"MPUP3078 §VI.F\" => { kind: denial, to: [member], contents: [denial_reasons, "
      "appeal_rights, grievance_rights, how_to_appeal, how_to_file_grievance] }\n}");
  EXPECT_EQ(printed,
            "(module test\n"
            "  (define x collect\n"
            "    (rule denial_in_writing \"written denial with reasons and rights\"\n"
            "      (cite \"MPUP3078 §VI.F\")\n"
            "      (=>\n"
            "        (record\n"
            "          (kind denial)\n"
            "          (to [member])\n"
            "          (contents\n"
            "            [denial_reasons appeal_rights grievance_rights how_to_appeal "
            "how_to_file_grievance]))))))\n");
}

// ================================================================ syntax errors

struct ErrorCase {
  const char* name;
  const char* input;
  const char* first_line;  // `test.sop:L:C: error: message`
  const char* caret_line;  // the third line of the diagnostic
  const char* help = "";   // the `help:` line, if any, without "help: "
};

class ParseError : public testing::TestWithParam<ErrorCase> {};

TEST_P(ParseError, Reports) {
  const ErrorCase& c = GetParam();
  Parsed p = parse(c.input);
  ASSERT_FALSE(p.module.has_value()) << "parsed: " << print_module(*p.module);
  ASSERT_EQ(p.diags.items().size(), 1u);
  EXPECT_EQ(p.diags.items()[0].severity, Severity::error);
  EXPECT_EQ(p.diags.items()[0].code.substr(0, 3), "E01");
  std::vector<std::string> lines;
  std::istringstream text(p.errors());
  for (std::string line; std::getline(text, line);) lines.push_back(line);
  ASSERT_GE(lines.size(), 3u) << p.errors();
  EXPECT_EQ(lines[0], c.first_line);
  EXPECT_EQ(lines[2], c.caret_line) << p.errors();
  std::string help = lines.size() > 3 ? lines[3] : "";
  EXPECT_EQ(help, std::string(c.help).empty() ? "" : std::string("help: ") + c.help);
}

std::string error_name(const testing::TestParamInfo<ErrorCase>& info) {
  return info.param.name;
}

INSTANTIATE_TEST_SUITE_P(
    Lexical, ParseError,
    testing::Values(
        ErrorCase{"UnterminatedString", "output o: string \"d\" = \"abc\nfact f: int \"d\"",
                  "test.sop:1:24: error: unterminated string", "   |                        ^~~~"},
        ErrorCase{"UnterminatedStringAtEnd", "import a\noutput o: string \"d",
                  "test.sop:2:18: error: unterminated string", "   |                  ^~"},
        ErrorCase{"InvalidEscape", "output o: string \"d\" = \"a\\qb\"",
                  "test.sop:1:26: error: invalid escape in string",
                  "   |                          ^~",
                  R"(a string may contain the escapes `\"`, `\\`, `\n`, `\t` and `\uXXXX`)"},
        ErrorCase{"ShortUnicodeEscape", "output o: string \"d\" = \"\\u12\"",
                  "test.sop:1:25: error: invalid escape in string",
                  "   |                         ^~",
                  R"(a string may contain the escapes `\"`, `\\`, `\n`, `\t` and `\uXXXX`)"},
        ErrorCase{"LoneSurrogate", "output o: string \"d\" = \"x\\uD800y\"",
                  "test.sop:1:26: error: invalid unicode escape `\\uD800`",
                  "   |                          ^~~~~~",
                  "a surrogate must be followed by its pair, as in `\\uD83D\\uDE00`"},
        ErrorCase{"InvalidDate", "output o: date \"d\" = 2024-02-30",
                  "test.sop:1:22: error: invalid date `2024-02-30`",
                  "   |                      ^~~~~~~~~~"},
        ErrorCase{"InvalidDateTime", "output o: datetime \"d\" = 2024-01-01T25:00Z",
                  "test.sop:1:26: error: invalid date-time `2024-01-01T25:00Z`",
                  "   |                          ^~~~~~~~~~~~~~~~~"},
        ErrorCase{"IncompleteDateTime", "output o: datetime \"d\" = 2024-01-01T10:30",
                  "test.sop:1:37: error: expected a time and a UTC offset after `T`, as in "
                  "`2026-11-20T16:30:00-08:00`",
                  "   |                                     ^~"},
        ErrorCase{"IntegerTooLarge", "output o: int \"d\" = 9223372036854775808",
                  "test.sop:1:21: error: integer `9223372036854775808` is too large",
                  "   |                     ^~~~~~~~~~~~~~~~~~~",
                  "the largest integer is 9223372036854775807"},
        ErrorCase{"StrayCharacter", "import a\n#",
                  "test.sop:2:1: error: expected a declaration (`import`, `fact`, `output`, "
                  "`def`, `fn`, `enum`, `record`, …) or a definition `NAME = …`",
                  "   | ^"},
        ErrorCase{"NonAsciiOutsideString", "import a\n\xC2\xA7",
                  "test.sop:2:1: error: expected a declaration (`import`, `fact`, `output`, "
                  "`def`, `fn`, `enum`, `record`, …) or a definition `NAME = …`",
                  "   | ^~"}),
    error_name);

INSTANTIATE_TEST_SUITE_P(
    Expressions, ParseError,
    testing::Values(
        ErrorCase{"MissingExpression", "output o: int \"d\" = )",
                  "test.sop:1:21: error: expected an expression after `=`",
                  "   |                     ^"},
        ErrorCase{"MissingOperand", "output o: int \"d\" = (1 +",
                  "test.sop:1:25: error: expected an expression after `+`",
                  "   |                         ^"},
        ErrorCase{"MissingOperandOfMinus", "output o: int \"d\" = a - )",
                  "test.sop:1:25: error: expected an expression after `-`",
                  "   |                         ^"},
        ErrorCase{"MissingOperandOfTimes", "output o: int \"d\" = a * ]",
                  "test.sop:1:25: error: expected an expression after `*`",
                  "   |                         ^"},
        ErrorCase{"MissingOperandOfComparison", "output o: int \"d\" = a <= ]",
                  "test.sop:1:26: error: expected an expression after `<=`",
                  "   |                          ^"},
        ErrorCase{"MissingOperandOfIn", "output o: int \"d\" = a in ]",
                  "test.sop:1:26: error: expected an expression after `in`",
                  "   |                          ^"},
        ErrorCase{"MissingOperandOfAnd", "output o: int \"d\" = a and ]",
                  "test.sop:1:27: error: expected an expression after `and`",
                  "   |                           ^"},
        ErrorCase{"MissingOperandOfOr", "output o: int \"d\" = a or\n",
                  "test.sop:1:25: error: expected an expression after `or`",
                  "   |                         ^"},
        ErrorCase{"MissingOperandOfCoalesce", "output o: int \"d\" = a ?? then",
                  "test.sop:1:26: error: expected an expression after `??`",
                  "   |                          ^~~~"},
        ErrorCase{"MissingOperandOfNot", "output o: int \"d\" = not ]",
                  "test.sop:1:25: error: expected an expression after `not`",
                  "   |                         ^"},
        ErrorCase{"MissingOperandOfNegation", "output o: int \"d\" = - ]",
                  "test.sop:1:23: error: expected an expression after `-`",
                  "   |                       ^"},
        ErrorCase{"UnclosedParen", "output o: int \"d\" = (a\n  b",
                  "test.sop:2:3: error: expected `)`", "   |   ^", "to match the `(` at line 1"},
        ErrorCase{"EmptyParens", "output o: int \"d\" = ()",
                  "test.sop:1:22: error: expected an expression", "   |                      ^"},
        ErrorCase{"ListItemOrClose", "output o: int \"d\" = [)",
                  "test.sop:1:22: error: expected an expression or `]`",
                  "   |                      ^"},
        ErrorCase{"ListItemAfterComma", "output o: int \"d\" = [a, , b]",
                  "test.sop:1:25: error: expected an expression or `]`",
                  "   |                         ^"},
        ErrorCase{"ListCommaOrClose", "output o: int \"d\" = [a b]",
                  "test.sop:1:24: error: expected `,` or `]`", "   |                        ^"},
        ErrorCase{"RecordFieldOrClose", "output o: int \"d\" = { 1 }",
                  "test.sop:1:23: error: expected a field `NAME: value` or `}`",
                  "   |                       ^"},
        ErrorCase{"RecordFieldAfterComma", "output o: int \"d\" = { a: 1, 2 }",
                  "test.sop:1:29: error: expected a field `NAME: value` or `}`",
                  "   |                             ^"},
        ErrorCase{"RecordCommaOrClose", "output o: int \"d\" = { a: 1 b: 2 }",
                  "test.sop:1:28: error: expected `,` or `}`", "   |                            ^"},
        ErrorCase{"RecordColon", "output o: int \"d\" = { a 1 }",
                  "test.sop:1:25: error: expected `:` after the field name",
                  "   |                         ^"},
        ErrorCase{"RecordValue", "output o: int \"d\" = { a: }",
                  "test.sop:1:26: error: expected an expression",
                  "   |                          ^"},
        ErrorCase{"ReservedFieldName", "output o: int \"d\" = { in: 1 }",
                  "test.sop:1:23: error: expected a field `NAME: value` or `}`",
                  "   |                       ^~",
                  "`in` is a reserved word and cannot be used as a name"},
        ErrorCase{"CallArgumentOrClose", "output o: int \"d\" = f(,)",
                  "test.sop:1:23: error: expected an argument or `)`",
                  "   |                       ^"},
        ErrorCase{"CallArgumentAfterComma", "output o: int \"d\" = f(a,)",
                  "test.sop:1:25: error: expected an argument", "   |                         ^"},
        ErrorCase{"CallCommaOrClose", "output o: int \"d\" = f(a b)",
                  "test.sop:1:25: error: expected `,` or `)`", "   |                         ^"},
        ErrorCase{"CalleeNotAName", "output o: int \"d\" = a.b(c)",
                  "test.sop:1:24: error: only a function name can be called, as in `f(x)`",
                  "   |                        ^"},
        ErrorCase{"CallOfCall", "output o: int \"d\" = f(x)(y)",
                  "test.sop:1:25: error: only a function name can be called, as in `f(x)`",
                  "   |                         ^"},
        ErrorCase{"MemberName", "output o: int \"d\" = a.1",
                  "test.sop:1:23: error: expected a field name after `.`",
                  "   |                       ^"},
        ErrorCase{"ChainedComparison", "output o: int \"d\" = a < b < c",
                  "test.sop:1:27: error: comparisons do not chain",
                  "   |                           ^",
                  "join comparisons with `and`: `a < b and b < c`"},
        ErrorCase{"UsingWithoutSum", "output o: int \"d\" = a using c",
                  "test.sop:1:23: error: `using` needs a sum, as in `received_at + 5 "
                  "business_days using cal`",
                  "   |                       ^~~~~"},
        ErrorCase{"UsingWithoutCalendar", "output o: int \"d\" = a + b using ]",
                  "test.sop:1:33: error: expected a calendar after `using`",
                  "   |                                 ^"},
        ErrorCase{"IfCondition", "output o: int \"d\" = if then",
                  "test.sop:1:24: error: expected a condition after `if`",
                  "   |                        ^~~~"},
        ErrorCase{"IfThen", "output o: int \"d\" = if a b",
                  "test.sop:1:26: error: expected `then` after the condition",
                  "   |                          ^"},
        ErrorCase{"IfThenValue", "output o: int \"d\" = if a then else",
                  "test.sop:1:31: error: expected an expression after `then`",
                  "   |                               ^~~~"},
        ErrorCase{"IfElse", "output o: int \"d\" = if a then b",
                  "test.sop:1:32: error: expected `else` (every `if` needs one)",
                  "   |                                ^"},
        ErrorCase{"IfElseValue", "output o: int \"d\" = if a then b else )",
                  "test.sop:1:38: error: expected an expression after `else`",
                  "   |                                      ^"}),
    error_name);

INSTANTIATE_TEST_SUITE_P(
    Declarations, ParseError,
    testing::Values(
        ErrorCase{"NotADeclaration", "fatc x: int \"d\"",
                  "test.sop:1:1: error: expected a declaration (`import`, `fact`, `output`, "
                  "`def`, `fn`, `enum`, `record`, …) or a definition `NAME = …`",
                  "   | ^~~~", "did you mean `fact`?"},
        ErrorCase{"ReservedDefinitionTarget", "in = 1 cite \"c\"",
                  "test.sop:1:1: error: expected a declaration (`import`, `fact`, `output`, "
                  "`def`, `fn`, `enum`, `record`, …) or a definition `NAME = …`",
                  "   | ^~", "`in` is a reserved word and cannot be used as a name"},
        ErrorCase{"ImportName", "import \"x\"",
                  "test.sop:1:8: error: expected a module name after `import`", "   |        ^~~"},
        ErrorCase{"PlanId", "plan { }", "test.sop:1:6: error: expected the plan's id (a name)",
                  "   |      ^"},
        ErrorCase{"PlanOpen", "plan p\nimport a",
                  "test.sop:2:1: error: expected `{` (or `version \"LABEL\"`) after the plan's id",
                  "   | ^~~~~~"},
        ErrorCase{"PlanVersionLabel", "plan p version 2025 {",
                  "test.sop:1:16: error: expected the version's label (a string) after `version`",
                  "   |                ^~~~"},
        ErrorCase{"PlanVersionDate", "plan p version \"2025\" from 09/10/2025 {",
                  "test.sop:1:28: error: expected the date the version is in force from "
                  "(YYYY-MM-DD) after `from`",
                  "   |                            ^~"},
        ErrorCase{"PlanVersionInvalidDate", "plan p version \"2025\" from 2025-02-30 {",
                  "test.sop:1:28: error: invalid date `2025-02-30`",
                  "   |                            ^~~~~~~~~~"},
        ErrorCase{"PlanFieldColon", "plan p { a 1 }",
                  "test.sop:1:12: error: expected `:` after the field name", "   |            ^"},
        ErrorCase{"PlanFieldValue", "plan p { a: }", "test.sop:1:13: error: expected an expression",
                  "   |             ^"},
        ErrorCase{"PlanClose", "plan p {\n  a: 1\n  2\n}",
                  "test.sop:3:3: error: expected a field `NAME: value` or `}`", "   |   ^",
                  "to match the `{` at line 1"},
        ErrorCase{"HeaderOpen", "header fields", "test.sop:1:8: error: expected `{` after `header`",
                  "   |        ^~~~~~"},
        ErrorCase{"FieldTypeColon", "header { a string \"d\" }",
                  "test.sop:1:12: error: expected `:` and the field's type",
                  "   |            ^~~~~~"},
        ErrorCase{"FieldType", "header { a: \"d\" }",
                  "test.sop:1:13: error: expected the field's type", "   |             ^~~"},
        ErrorCase{"FieldDoc", "header { a: string }",
                  "test.sop:1:20: error: expected the field's description (a string)",
                  "   |                    ^"},
        ErrorCase{"FieldsClose", "record R \"d\" { 1 }",
                  "test.sop:1:16: error: expected a field `NAME: type \"description\"` or `}`",
                  "   |                ^"},
        ErrorCase{"JsonName", "header { a: string as b \"d\" }",
                  "test.sop:1:23: error: expected the JSON name (a string) after `as`",
                  "   |                       ^"},
        ErrorCase{"ElementType", "header { a: list of \"d\" }",
                  "test.sop:1:21: error: expected the element type after `of`",
                  "   |                     ^~~"},
        ErrorCase{"ParenType", "header { a: () \"d\" }", "test.sop:1:14: error: expected a type",
                  "   |              ^"},
        ErrorCase{"ParenTypeClose", "header { a: (int \"d\" }",
                  "test.sop:1:18: error: expected `)`", "   |                  ^~~"},
        ErrorCase{"UnionAlternative", "header { a: int | \"d\" }",
                  "test.sop:1:19: error: expected a type after `|`", "   |                   ^~~"},
        ErrorCase{"EnumName", "enum \"d\" {}", "test.sop:1:6: error: expected the enum's name",
                  "   |      ^~~"},
        ErrorCase{"EnumDoc", "enum E {}",
                  "test.sop:1:8: error: expected the enum's description (a string)",
                  "   |        ^"},
        ErrorCase{"EnumOpen", "enum E \"d\" a",
                  "test.sop:1:12: error: expected `{` and the enum's values", "   |            ^"},
        ErrorCase{"EnumValueDoc", "enum E \"d\" { a b }",
                  "test.sop:1:16: error: expected the value's description (a string)",
                  "   |                ^"},
        ErrorCase{"EnumClose", "enum E \"d\" { a \"x\" 1 }",
                  "test.sop:1:20: error: expected a value `NAME \"description\"` or `}`",
                  "   |                    ^"},
        ErrorCase{"RecordName", "record {}", "test.sop:1:8: error: expected the record's name",
                  "   |        ^"},
        ErrorCase{"RecordDoc", "record R {}",
                  "test.sop:1:10: error: expected the record's description (a string)",
                  "   |          ^"},
        ErrorCase{"RecordOpen", "record R \"d\" a",
                  "test.sop:1:14: error: expected `{` and the record's fields",
                  "   |              ^"},
        ErrorCase{"FactName", "fact in: int \"d\"", "test.sop:1:6: error: expected the fact's name",
                  "   |      ^~", "`in` is a reserved word and cannot be used as a name"},
        ErrorCase{"OutputName", "output : int \"d\"",
                  "test.sop:1:8: error: expected the output's name", "   |        ^"},
        ErrorCase{"DefName", "def 1: int \"d\"", "test.sop:1:5: error: expected the def's name",
                  "   |     ^"},
        ErrorCase{"VarColon", "fact x int \"d\"", "test.sop:1:8: error: expected `:` and a type",
                  "   |        ^~~"},
        ErrorCase{"VarType", "fact x: \"d\"", "test.sop:1:9: error: expected a type",
                  "   |         ^~~"},
        ErrorCase{"RangeLow", "fact x: int in ..3 \"d\"",
                  "test.sop:1:16: error: expected the lower bound (an integer)",
                  "   |                ^~"},
        ErrorCase{"RangeDots", "fact x: int in 1 3 \"d\"",
                  "test.sop:1:18: error: expected `..` between the bounds",
                  "   |                  ^"},
        ErrorCase{"RangeHigh", "fact x: int in 1.. \"d\"",
                  "test.sop:1:20: error: expected the upper bound (an integer)",
                  "   |                    ^~~"},
        ErrorCase{"FactDefault", "fact x: int = \"d\" \"e\"\nfact y: int = \"d\"",
                  "test.sop:2:18: error: expected the fact's description (a string)",
                  "   |                  ^"},
        ErrorCase{"ValueAfterEquals", "fact x: int = ) \"d\"",
                  "test.sop:1:15: error: expected an expression after `=`", "   |               ^"},
        ErrorCase{"FactDoc", "fact x: int\nfact y: int \"d\"",
                  "test.sop:2:1: error: expected the fact's description (a string)", "   | ^~~~"},
        ErrorCase{"OutputDoc", "output x: int = 1",
                  "test.sop:1:15: error: expected the output's description (a string)",
                  "   |               ^"},
        ErrorCase{"UnknownAs", "output x: int unknown as \"d\"",
                  "test.sop:1:29: error: expected the output's description (a string)",
                  "   |                             ^"},
        ErrorCase{"UnknownAsValue", "output x: int unknown as ) \"d\"",
                  "test.sop:1:26: error: expected an expression after `unknown as`",
                  "   |                          ^"},
        ErrorCase{"DefDoc", "def x: int = 1",
                  "test.sop:1:12: error: expected the def's description (a string)",
                  "   |            ^"},
        ErrorCase{"FnName", "fn (x: int) -> int = x",
                  "test.sop:1:4: error: expected the function's name", "   |    ^"},
        ErrorCase{"FnOpen", "fn f -> int = 1",
                  "test.sop:1:6: error: expected `(` and the function's parameters",
                  "   |      ^~"},
        ErrorCase{"FnParams", "fn f(1) -> int = 1",
                  "test.sop:1:6: error: expected a parameter `NAME: type` or `)`", "   |      ^"},
        ErrorCase{"ParamColon", "fn f(a int) -> int = a",
                  "test.sop:1:8: error: expected `:` and the parameter's type", "   |        ^~~"},
        ErrorCase{"ParamType", "fn f(a: ) -> int = a",
                  "test.sop:1:9: error: expected the parameter's type", "   |         ^"},
        ErrorCase{"NextParam", "fn f(a: int,) -> int = a",
                  "test.sop:1:13: error: expected a parameter `NAME: type`", "   |             ^"},
        ErrorCase{"ParamsClose", "fn f(a: int b: int) -> int = a",
                  "test.sop:1:13: error: expected `,` or `)`", "   |             ^"},
        ErrorCase{"FnArrow", "fn f() int = 1",
                  "test.sop:1:8: error: expected `->` and the result type", "   |        ^~~"},
        ErrorCase{"FnResult", "fn f() -> = 1", "test.sop:1:11: error: expected the result type",
                  "   |           ^"},
        ErrorCase{"FnEq", "fn f() -> int 1",
                  "test.sop:1:15: error: expected `=` and the function's body",
                  "   |               ^"},
        ErrorCase{"FnBody", "fn f() -> int =",
                  "test.sop:1:16: error: expected the function's body (an expression)",
                  "   |                ^"},
        ErrorCase{"DocumentName", "document \"x\"",
                  "test.sop:1:10: error: expected the document's name", "   |          ^~~"},
        ErrorCase{"DocumentRef", "document D D",
                  "test.sop:1:12: error: expected how the document is cited (a string)",
                  "   |            ^"}),
    error_name);

INSTANTIATE_TEST_SUITE_P(
    Calendars, ParseError,
    testing::Values(
        ErrorCase{"CalendarName", "calendar {}",
                  "test.sop:1:10: error: expected the calendar's name", "   |          ^"},
        ErrorCase{"CalendarOpen", "calendar c \"d\" holiday",
                  "test.sop:1:16: error: expected `{` and the calendar's holidays",
                  "   |                ^~~~~~~"},
        ErrorCase{"CalendarClose", "calendar c {\n  holiday \"a\" on July 4\n  rule\n}",
                  "test.sop:3:3: error: expected `holiday` or `}`", "   |   ^~~~",
                  "to match the `{` at line 1"},
        ErrorCase{"HolidayName", "calendar c { holiday on July 4 }",
                  "test.sop:1:22: error: expected the holiday's name (a string)",
                  "   |                      ^~"},
        ErrorCase{"HolidayOn", "calendar c { holiday \"a\" July 4 }",
                  "test.sop:1:26: error: expected `on` and the holiday's date",
                  "   |                          ^~~~"},
        ErrorCase{"HolidayDate", "calendar c { holiday \"a\" on Foo 4 }",
                  "test.sop:1:29: error: expected a date such as `July 4` or `fourth Thursday "
                  "of November`, or `dates { … }`",
                  "   |                             ^~~"},
        ErrorCase{"DayOfMonth", "calendar c { holiday \"a\" on July fourth }",
                  "test.sop:1:34: error: expected the day of the month",
                  "   |                                  ^~~~~~"},
        ErrorCase{"InvalidDayOfMonth", "calendar c { holiday \"a\" on April 31 }",
                  "test.sop:1:35: error: invalid day `31` of April",
                  "   |                                   ^~"},
        ErrorCase{"Weekday", "calendar c { holiday \"a\" on first Day of May }",
                  "test.sop:1:35: error: expected a weekday (`Monday` … `Sunday`)",
                  "   |                                   ^~~"},
        ErrorCase{"WeekdayOf", "calendar c { holiday \"a\" on first Monday in May }",
                  "test.sop:1:42: error: expected `of` and a month",
                  "   |                                          ^~"},
        ErrorCase{"WeekdayMonth", "calendar c { holiday \"a\" on last Monday of Mai }",
                  "test.sop:1:44: error: expected a month (`January` … `December`)",
                  "   |                                            ^~~"},
        ErrorCase{"OffsetDays", "calendar c { holiday \"a\" on July 4 + 1 week }",
                  "test.sop:1:38: error: expected a number of days after `+`, as in `+ 1 day`",
                  "   |                                      ^"},
        ErrorCase{"OffsetTooLarge", "calendar c { holiday \"a\" on July 4 + 400 days }",
                  "test.sop:1:38: error: holiday offset `400` is too large",
                  "   |                                      ^~~~~~~~",
                  "a holiday may be moved by at most 366 days"},
        ErrorCase{"WeekendShift", "calendar c { holiday \"a\" on July 4 observed monday }",
                  "test.sop:1:45: error: expected `saturday -> …` or `sunday -> …`",
                  "   |                                             ^~~~~~"},
        ErrorCase{"ShiftArrow", "calendar c { holiday \"a\" on July 4 observed sunday monday }",
                  "test.sop:1:52: error: expected `->` and the day the holiday is observed",
                  "   |                                                    ^~~~~~"},
        ErrorCase{"ShiftTarget",
                  "calendar c { holiday \"a\" on July 4 observed sunday -> tuesday }",
                  "test.sop:1:55: error: expected `friday` or `monday`",
                  "   |                                                       ^~~~~~~"},
        ErrorCase{
            "ShiftTwice",
            "calendar c { holiday \"a\" on July 4 observed sunday -> monday, sunday -> friday }",
            "test.sop:1:63: error: `sunday` is already shifted",
            "   |                                                               ^~~~~~"},
        ErrorCase{"FromYear", "calendar c { holiday \"a\" on July 4 from x }",
                  "test.sop:1:41: error: expected a year after `from`",
                  "   |                                         ^"},
        ErrorCase{"UntilYear", "calendar c { holiday \"a\" on July 4 until }",
                  "test.sop:1:42: error: expected a year after `until`",
                  "   |                                          ^"},
        ErrorCase{"InvalidYear", "calendar c { holiday \"a\" on July 4 until 10000 }",
                  "test.sop:1:42: error: invalid year `10000`",
                  "   |                                          ^~~~~",
                  "a year is a number from 1 to 9999"},
        ErrorCase{"DatesOpen", "calendar c { holiday \"a\" on dates 2027-02-06 }",
                  "test.sop:1:35: error: expected `{` and the holiday's dates, as in `dates { "
                  "2027-02-06, 2028-01-26 }`",
                  "   |                                   ^~~~"},
        ErrorCase{"DatesClose", "calendar c { holiday \"a\" on dates { 2027-02-06 July 4 }",
                  "test.sop:1:48: error: expected a date such as `2027-02-06`, or `}`",
                  "   |                                                ^~~~"},
        ErrorCase{"ListedDateTime", "calendar c { holiday \"a\" on dates { 2027-02-06T10:00Z } }",
                  "test.sop:1:37: error: expected a date such as `2027-02-06`, or `}`",
                  "   |                                     ^~~~"},
        ErrorCase{"ListedDateInvalid", "calendar c { holiday \"a\" on dates { 2027-02-30 } }",
                  "test.sop:1:37: error: invalid date `2027-02-30`",
                  "   |                                     ^~~~~~~~~~"},
        ErrorCase{"ListedDateCite", "calendar c { holiday \"a\" on dates { 2027-02-06 cite } }",
                  "test.sop:1:53: error: expected the citation (a string) after `cite`",
                  "   |                                                     ^"},
        ErrorCase{"ListedOffset", "calendar c { holiday \"a\" on dates { 2027-02-06 } + 1 day }",
                  "test.sop:1:52: error: a holiday given by its dates has no offset",
                  "   |                                                    ^~~~~",
                  "list the dates it falls on"},
        ErrorCase{"WindowStart", "calendar c { holiday \"a\" on dates { } between 20 }",
                  "test.sop:1:47: error: expected the first day the holiday can fall on, as in "
                  "`between January 20 and February 21`",
                  "   |                                               ^~"},
        ErrorCase{"WindowDay", "calendar c { holiday \"a\" on dates { } between January x }",
                  "test.sop:1:55: error: expected the day of the month",
                  "   |                                                       ^"},
        ErrorCase{"WindowInvalidDay",
                  "calendar c { holiday \"a\" on dates { } between January 32 and March 1 }",
                  "test.sop:1:55: error: invalid day `32` of January",
                  "   |                                                       ^~"},
        ErrorCase{"WindowAnd", "calendar c { holiday \"a\" on dates { } between January 20 to }",
                  "test.sop:1:58: error: expected `and` and the last day the holiday can fall on",
                  "   |                                                          ^~"},
        ErrorCase{"WindowEnd",
                  "calendar c { holiday \"a\" on dates { } between January 20 and 21 }",
                  "test.sop:1:62: error: expected the last day the holiday can fall on, as in `… "
                  "and February 21`",
                  "   |                                                              ^~"},
        ErrorCase{
            "WindowOfARule", "calendar c { holiday \"a\" on July 4 between July 1 and July 9 }",
            "test.sop:1:36: error: only a holiday given by its dates has a window (`between`)",
            "   |                                    ^~~~~~~",
            "a rule gives the holiday's date in every year"}),
    error_name);

INSTANTIATE_TEST_SUITE_P(
    Rules, ParseError,
    testing::Values(
        ErrorCase{"DefinitionBody", "x = }",
                  "test.sop:1:5: error: expected `first {`, `collect {` or an expression after `=`",
                  "   |     ^"},
        ErrorCase{"ValueCitation", "x = 1\ny = 2 cite \"c\"",
                  "test.sop:2:1: error: expected `cite` and a citation string (every rule must "
                  "cite its source)",
                  "   | ^"},
        ErrorCase{"RulesClose", "x = first {\n  adopt a cite \"c\"\n}",
                  "test.sop:2:3: error: expected `rule`, `otherwise`, `exception to` or `}`",
                  "   |   ^~~~~", "`adopt` may only appear in `refine NAME { … }`"},
        ErrorCase{"RulesCloseAtEnd", "x = collect {\n  rule a cite \"c\" => 1\n",
                  "test.sop:2:23: error: expected `rule`, `otherwise`, `exception to` or `}`",
                  "   |                       ^", "to match the `{` at line 1"},
        ErrorCase{"RuleLabel", "x = first { rule \"t\" cite \"c\" => 1 }",
                  "test.sop:1:18: error: expected the rule's label", "   |                  ^~~"},
        ErrorCase{"RuleCitation", "x = first {\n  rule a \"t\" when b => c\n}",
                  "test.sop:2:14: error: expected `cite` and a citation string (every rule must "
                  "cite its source)",
                  "   |              ^~~~"},
        ErrorCase{"CiteText", "x = first { rule a cite when b => c }",
                  "test.sop:1:25: error: expected the citation (a string) after `cite`",
                  "   |                         ^~~~"},
        ErrorCase{"QuoteText", "x = first { rule a cite \"c\" quote => c }",
                  "test.sop:1:35: error: expected the quoted source text (a string) after `quote`",
                  "   |                                   ^~"},
        ErrorCase{"Condition", "x = first { rule a cite \"c\" when => c }",
                  "test.sop:1:34: error: expected a condition after `when`",
                  "   |                                  ^~"},
        ErrorCase{"RuleArrow", "x = first {\n  rule a cite \"x\" when b\n}",
                  "test.sop:3:1: error: expected `=>` and the rule's value", "   | ^"},
        ErrorCase{"RuleValue", "x = first { rule a cite \"c\" => }",
                  "test.sop:1:32: error: expected the rule's value after `=>`",
                  "   |                                ^"},
        ErrorCase{"AnchorLabel", "x = first { rule a cite \"c\" => b after }",
                  "test.sop:1:40: error: expected the label of a rule after `before` or `after`",
                  "   |                                        ^"},
        ErrorCase{"ExceptionTo", "x = first { exception a cite \"c\" when b }",
                  "test.sop:1:23: error: expected `to` and the label of the rule it modifies",
                  "   |                       ^"},
        ErrorCase{"ExceptionTarget", "x = first { exception to \"c\" cite \"c\" when b }",
                  "test.sop:1:26: error: expected the label of the rule the exception modifies",
                  "   |                          ^~~"},
        ErrorCase{"ExceptionWhen", "x = first { exception to a cite \"c\" => 1 }",
                  "test.sop:1:37: error: expected `when` and the exception's condition",
                  "   |                                     ^~"},
        ErrorCase{"ExceptionValue", "x = first { exception to a cite \"c\" when b => }",
                  "test.sop:1:47: error: expected `skip` or the exception's value after `=>`",
                  "   |                                               ^"},
        ErrorCase{"AdoptTarget", "refine x { adopt \"c\" }",
                  "test.sop:1:18: error: expected the label of the baseline rule to adopt",
                  "   |                  ^~~"},
        ErrorCase{"OverrideTarget", "refine x { override \"t\" cite \"c\" }",
                  "test.sop:1:21: error: expected the label of the baseline rule to override",
                  "   |                     ^~~"},
        ErrorCase{"OmitTarget", "refine x { omit \"r\" }",
                  "test.sop:1:17: error: expected the label of the baseline rule to omit",
                  "   |                 ^~~"},
        ErrorCase{"OmitBecause", "refine x { omit a \"r\" }",
                  "test.sop:1:19: error: expected `because` and the reason",
                  "   |                   ^~~"},
        ErrorCase{"OmitReason", "refine x { omit a because }",
                  "test.sop:1:27: error: expected the reason (a string) after `because`",
                  "   |                           ^"},
        ErrorCase{"RefineTarget", "refine { }",
                  "test.sop:1:8: error: expected the name of the definition to refine",
                  "   |        ^"},
        ErrorCase{"RefineOpen", "refine x adopt",
                  "test.sop:1:10: error: expected `{` and the refined rules",
                  "   |          ^~~~~"},
        ErrorCase{"RefineClose", "refine x { when }",
                  "test.sop:1:12: error: expected `rule`, `otherwise`, `exception to`, `adopt`, "
                  "`override`, `omit` or `}`",
                  "   |            ^~~~"}),
    error_name);

INSTANTIATE_TEST_SUITE_P(
    Tests, ParseError,
    testing::Values(
        ErrorCase{"TestName", "test t {}",
                  "test.sop:1:6: error: expected the test's name (a string)", "   |      ^"},
        ErrorCase{"TestOpen", "test \"t\" expect a",
                  "test.sop:1:10: error: expected `{` and the test's body", "   |          ^~~~~~"},
        ErrorCase{"GivenOpen", "test \"t\" { given a: 1 }",
                  "test.sop:1:18: error: expected `{` after `given`", "   |                  ^"},
        ErrorCase{"GivenValue", "test \"t\" { given { a: } }",
                  "test.sop:1:23: error: expected an expression", "   |                       ^"},
        ErrorCase{"GivenClose", "test \"t\" { given { a: 1 2 } }",
                  "test.sop:1:25: error: expected a fact `NAME: value` or `}`",
                  "   |                         ^"},
        ErrorCase{"ExpectBody", "test \"t\" { expect }",
                  "test.sop:1:19: error: expected an expression, `unknown EXPR` or `missing "
                  "[FACTS]` after `expect`",
                  "   |                   ^"},
        ErrorCase{"ExpectUnknownValue", "test \"t\" { expect unknown }",
                  "test.sop:1:27: error: expected an expression after `expect unknown`",
                  "   |                           ^"},
        ErrorCase{"MissingOpen", "test \"t\" { expect missing a }",
                  "test.sop:1:27: error: expected `[` and the missing facts",
                  "   |                           ^"},
        ErrorCase{"MissingBody", "test \"t\" { expect missing [1] }",
                  "test.sop:1:28: error: expected a fact name or `]`",
                  "   |                            ^"},
        ErrorCase{"MissingNext", "test \"t\" { expect missing [a, 1] }",
                  "test.sop:1:31: error: expected a fact name or `]`",
                  "   |                               ^"},
        ErrorCase{"MissingClose", "test \"t\" { expect missing [a b] }",
                  "test.sop:1:30: error: expected `,` or `]`",
                  "   |                              ^"},
        ErrorCase{"TestClose", "test \"t\" { given {} given {} }",
                  "test.sop:1:21: error: expected `expect` or `}`",
                  "   |                     ^~~~~"}),
    error_name);

TEST(ParseErrorNesting, TooDeepPointsAtTheFirstLevelTooMany) {
  // The value is level 1 and each argument one more: the 256th argument is level 257.
  std::string calls;
  for (int i = 0; i < 256; ++i) calls += "f(";
  Parsed p = parse("output o: int \"d\" = " + calls + "x");
  ASSERT_FALSE(p.module);
  std::string expected =
      "test.sop:1:533: error: expression nested too deeply (more than 256 "
      "levels)\n";
  std::string errors = p.errors();
  EXPECT_EQ(errors.substr(0, errors.find('\n') + 1), expected);
  EXPECT_NE(errors.find("\n   | " + std::string(532, ' ') + "^\n"), std::string::npos) << errors;
  EXPECT_NE(errors.find("\nhelp: give part of the expression a name with `def`\n"),
            std::string::npos);
  EXPECT_EQ(p.diags.items()[0].code, "E0106");
}

// ================================================================ nesting limits

std::string repeat(std::string_view s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

// The first line of the diagnostics, without the position.
std::string first_error(const std::string& text) {
  Parsed p = parse(text);
  if (p.module) return "parsed";
  std::string all = p.errors();
  std::string line = all.substr(0, all.find('\n'));
  return line.substr(line.find("error: "));
}

constexpr const char* k_too_deep = "error: expression nested too deeply (more than 256 levels)";

TEST(ParserDepth, NestingUpToTheLimitParses) {
  const std::string out = "output o: int \"d\" = ";
  // The value itself is one level, each `(`, `not`, `-` or argument one more.
  EXPECT_EQ(first_error(out + repeat("(", 255) + "1" + repeat(")", 255)), "parsed");
  EXPECT_EQ(first_error(out + repeat("not ", 255) + "a"), "parsed");
  EXPECT_EQ(first_error(out + repeat("-", 255) + "1"), "parsed");
  EXPECT_EQ(first_error(out + repeat("f(", 255) + "x" + repeat(")", 255)), "parsed");
  // A chain of 256 operands is a tree 256 deep.
  EXPECT_EQ(first_error(out + "a" + repeat(" + a", 255)), "parsed");
  EXPECT_EQ(first_error("output o: " + repeat("list of ", 255) + "int \"d\""), "parsed");
}

TEST(ParserDepth, NestingBeyondTheLimitIsAnError) {
  const std::string out = "output o: int \"d\" = ";
  EXPECT_EQ(first_error(out + repeat("(", 256) + "1" + repeat(")", 256)), k_too_deep);
  EXPECT_EQ(first_error(out + repeat("not ", 256) + "a"), k_too_deep);
  EXPECT_EQ(first_error(out + repeat("-", 256) + "1"), k_too_deep);
  EXPECT_EQ(first_error(out + "a" + repeat(" + a", 256)), k_too_deep);
  EXPECT_EQ(first_error(out + "a" + repeat(" or a", 256)), k_too_deep);
  EXPECT_EQ(first_error(out + "a" + repeat(".a", 256)), k_too_deep);
  EXPECT_EQ(first_error("output o: " + repeat("list of ", 256) + "int \"d\""),
            "error: type nested too deeply (more than 256 levels)");
}

// Far deeper than any stack would take: the parser stops at the limit instead of recursing.
TEST(ParserDepth, HugeNestingDoesNotOverflowTheStack) {
  const std::string out = "output o: int \"d\" = ";
  const int n = 100000;
  EXPECT_EQ(first_error(out + repeat("(", n) + "1" + repeat(")", n)), k_too_deep);
  EXPECT_EQ(first_error(out + repeat("[", n)), k_too_deep);
  EXPECT_EQ(first_error(out + repeat("{a:", n)), k_too_deep);
  EXPECT_EQ(first_error(out + repeat("not ", n) + "a"), k_too_deep);
  EXPECT_EQ(first_error(out + repeat("-", n) + "1"), k_too_deep);
  EXPECT_EQ(first_error(out + repeat("if ", n)), k_too_deep);
  EXPECT_EQ(first_error(out + "a" + repeat("*a", n)), k_too_deep);
  EXPECT_EQ(first_error("output o: " + repeat("(", n) + "int \"d\""),
            "error: type nested too deeply (more than 256 levels)");
}

// Long flat sequences are not nesting.
TEST(ParserDepth, LongListsAndManyDeclarationsParse) {
  std::string items = "a";
  for (int i = 0; i < 50000; ++i) items += ", a";
  Parsed p = parse("output o: int \"d\" = [" + items + "]");
  ASSERT_TRUE(p.module) << p.errors();
  const auto& list =
      std::get<ast::CollectionLit>(std::get<ast::VarDecl>(p.module->decls[0]).value->kind);
  EXPECT_EQ(list.items.size(), 50001u);
  EXPECT_EQ(parse(repeat("fact f: int \"d\"\n", 20000)).module->decls.size(), 20000u);
}

// ================================================================ spans and ids

// The source text a span covers.
std::string_view covered(const Parsed& p, const Span& s) {
  return std::string_view(p.sources.file(s.begin.file).text).substr(s.begin.offset, s.length);
}

void collect_ids(const ast::Expr& e, std::vector<ast::NodeId>& ids);
void collect_ids(const ast::ExprPtr& e, std::vector<ast::NodeId>& ids) {
  if (e) collect_ids(*e, ids);
}
void collect_ids(const ast::Expr& e, std::vector<ast::NodeId>& ids) {
  ids.push_back(e.id);
  std::visit(
      [&](const auto& k) {
        using K = std::decay_t<decltype(k)>;
        if constexpr (std::is_same_v<K, ast::Member>) {
          collect_ids(k.object, ids);
        } else if constexpr (std::is_same_v<K, ast::Unary>) {
          collect_ids(k.operand, ids);
        } else if constexpr (std::is_same_v<K, ast::Binary>) {
          collect_ids(k.lhs, ids);
          collect_ids(k.rhs, ids);
          collect_ids(k.calendar, ids);
        } else if constexpr (std::is_same_v<K, ast::Call>) {
          for (const auto& a : k.args) collect_ids(a, ids);
        } else if constexpr (std::is_same_v<K, ast::If>) {
          collect_ids(k.cond, ids);
          collect_ids(k.then_branch, ids);
          collect_ids(k.else_branch, ids);
        } else if constexpr (std::is_same_v<K, ast::CollectionLit>) {
          for (const auto& i : k.items) collect_ids(i, ids);
        } else if constexpr (std::is_same_v<K, ast::RecordLit>) {
          for (const auto& f : k.fields) collect_ids(f.value, ids);
        }
      },
      e.kind);
}

const ast::Expr& value_of(const Parsed& p, size_t decl = 0) {
  return *std::get<ast::VarDecl>(p.module->decls.at(decl)).value;
}

TEST(ParserSpans, ExpressionsCoverTheirText) {
  Parsed p = parse("output o: int \"d\" =\n  (a + b) * f(x, \"s\\n\").y + c using cal");
  ASSERT_TRUE(p.module) << p.errors();
  const ast::Expr& sum = value_of(p);
  EXPECT_EQ(covered(p, sum.span), "(a + b) * f(x, \"s\\n\").y + c using cal");
  EXPECT_EQ(sum.span.begin.line, 2u);
  EXPECT_EQ(sum.span.begin.column, 3u);
  EXPECT_EQ(sum.span.begin.file, 0u);
  const auto& add = std::get<ast::Binary>(sum.kind);
  EXPECT_EQ(covered(p, add.calendar->span), "cal");
  const auto& mul = std::get<ast::Binary>(add.lhs->kind);
  EXPECT_EQ(covered(p, add.lhs->span), "(a + b) * f(x, \"s\\n\").y");
  EXPECT_EQ(covered(p, mul.lhs->span), "(a + b)");  // parentheses included
  const auto& inner = std::get<ast::Binary>(mul.lhs->kind);
  EXPECT_EQ(covered(p, inner.lhs->span), "a");
  const auto& member = std::get<ast::Member>(mul.rhs->kind);
  EXPECT_EQ(covered(p, mul.rhs->span), "f(x, \"s\\n\").y");
  EXPECT_EQ(covered(p, member.field_span), "y");
  const auto& call = std::get<ast::Call>(member.object->kind);
  EXPECT_EQ(covered(p, member.object->span), "f(x, \"s\\n\")");
  EXPECT_EQ(covered(p, call.callee_span), "f");
  EXPECT_EQ(covered(p, call.args[1]->span), "\"s\\n\"");
  EXPECT_EQ(std::get<ast::StringLit>(call.args[1]->kind).value, "s\n");
}

TEST(ParserSpans, LiteralsAndCollections) {
  Parsed p = parse(
      "output o: int \"d\" = [72 hours, 2024-09-11, { a: not b, c: -1 }, if x then y else z]");
  ASSERT_TRUE(p.module) << p.errors();
  const ast::Expr& list = value_of(p);
  EXPECT_EQ(covered(p, list.span),
            "[72 hours, 2024-09-11, { a: not b, c: -1 }, if x then y else z]");
  const auto& items = std::get<ast::CollectionLit>(list.kind).items;
  EXPECT_EQ(covered(p, items[0]->span), "72 hours");
  EXPECT_EQ(covered(p, items[1]->span), "2024-09-11");
  EXPECT_EQ(covered(p, items[2]->span), "{ a: not b, c: -1 }");
  EXPECT_EQ(covered(p, items[3]->span), "if x then y else z");
  const auto& record = std::get<ast::RecordLit>(items[2]->kind);
  EXPECT_EQ(covered(p, record.fields[0].name_span), "a");
  EXPECT_EQ(covered(p, record.fields[0].value->span), "not b");
  EXPECT_EQ(covered(p, record.fields[1].name_span), "c");
  EXPECT_EQ(covered(p, record.fields[1].value->span), "-1");
}

TEST(ParserSpans, DeclarationsRulesAndTypes) {
  Parsed p = parse(
      "import a\n"
      "fact f: list of int? \"d\"\n"
      "x = first {\n"
      "  rule r \"t\" cite \"c\" quote \"q\" when b => 1 after s\n"
      "  exception to r cite \"e\" when c => skip\n"
      "}\n"
      "test \"t\" { given { g: 1 } expect missing [m, n] }\n"
      "enum E \"d\" { v \"w\" as \"j\" }\n"
      "calendar c { holiday \"h\" on July 4 }\n"
      "fn fun(p: int) -> int = p\n"
      "record R \"d\" { a: int \"x\" }\n");
  ASSERT_TRUE(p.module) << p.errors();
  const auto& decls = p.module->decls;
  EXPECT_EQ(covered(p, std::get<ast::Import>(decls[0]).span), "import a");
  const auto& fact = std::get<ast::VarDecl>(decls[1]);
  EXPECT_EQ(covered(p, fact.span), "fact f: list of int? \"d\"");
  EXPECT_EQ(covered(p, fact.type.span), "list of int?");
  EXPECT_EQ(covered(p, fact.type.args[0].span), "int?");
  EXPECT_EQ(covered(p, fact.type.args[0].args[0].span), "int");
  const auto& def = std::get<ast::Definition>(decls[2]);
  EXPECT_EQ(def.span.begin.line, 3u);
  EXPECT_EQ(covered(p, def.target_span), "x");
  EXPECT_EQ(covered(p, def.span).substr(0, 11), "x = first {");
  EXPECT_EQ(covered(p, def.span).back(), '}');
  const ast::Rule& rule = def.rules[0];
  EXPECT_EQ(covered(p, rule.span), "rule r \"t\" cite \"c\" quote \"q\" when b => 1 after s");
  EXPECT_EQ(covered(p, rule.label_span), "r");
  EXPECT_EQ(covered(p, rule.anchor_span), "s");
  EXPECT_EQ(covered(p, rule.citation->span), "cite \"c\" quote \"q\"");
  EXPECT_EQ(covered(p, rule.condition->span), "b");
  EXPECT_EQ(covered(p, def.rules[1].span), "exception to r cite \"e\" when c => skip");
  EXPECT_EQ(covered(p, def.rules[1].label_span), "r");
  const auto& test = std::get<ast::TestDecl>(decls[3]);
  EXPECT_EQ(covered(p, test.given[0].fact_span), "g");
  EXPECT_EQ(covered(p, test.expects[0].span), "expect missing [m, n]");
  EXPECT_EQ(covered(p, test.expects[0].fact_spans[1]), "n");
  const auto& e = std::get<ast::EnumDecl>(decls[4]);
  EXPECT_EQ(covered(p, e.values[0].span), "v \"w\" as \"j\"");
  const auto& cal = std::get<ast::CalendarDecl>(decls[5]);
  EXPECT_EQ(covered(p, cal.holidays[0].span), "holiday \"h\" on July 4");
  const auto& fn = std::get<ast::FnDecl>(decls[6]);
  EXPECT_EQ(covered(p, fn.params[0].span), "p: int");
  EXPECT_EQ(covered(p, fn.span), "fn fun(p: int) -> int = p");
  const auto& rec = std::get<ast::RecordDecl>(decls[7]);
  EXPECT_EQ(covered(p, rec.fields[0].span), "a: int \"x\"");
}

TEST(ParserSpans, ValueDefinitionRuleSpansTheWholeDefinition) {
  Parsed p = parse("required = a == b\n  cite \"X\"");
  ASSERT_TRUE(p.module) << p.errors();
  const auto& def = std::get<ast::Definition>(p.module->decls[0]);
  EXPECT_EQ(def.combinator, Combinator::value);
  ASSERT_EQ(def.rules.size(), 1u);
  EXPECT_EQ(def.rules[0].kind, ast::Rule::Kind::rule);
  EXPECT_EQ(def.rules[0].label, "required");
  EXPECT_EQ(covered(p, def.rules[0].label_span), "required");
  EXPECT_EQ(covered(p, def.rules[0].span), "required = a == b\n  cite \"X\"");
  EXPECT_EQ(covered(p, def.span), "required = a == b\n  cite \"X\"");
}

TEST(ParserIds, UniqueAcrossModulesAndTakenFromNextId) {
  SourceSet sources;
  uint32_t a = sources.add("a.sop", "output o: int \"d\" = f(a + 1, [b, { c: d }]).e", "a");
  uint32_t b = sources.add("b.sop", "output o: int \"d\" = if x then -y else z ?? w", "b");
  ast::NodeId next_id = 100;
  Diagnostics diags;
  auto ma = parse_module(sources, a, next_id, diags);
  auto mb = parse_module(sources, b, next_id, diags);
  ASSERT_TRUE(ma && mb) << format_diagnostics(diags, sources);
  EXPECT_EQ(mb->file, 1u);
  EXPECT_EQ(mb->name, "b");
  std::vector<ast::NodeId> ids;
  collect_ids(*std::get<ast::VarDecl>(ma->decls[0]).value, ids);
  collect_ids(*std::get<ast::VarDecl>(mb->decls[0]).value, ids);
  EXPECT_EQ(ids.size(), 16u);
  EXPECT_EQ(std::set<ast::NodeId>(ids.begin(), ids.end()).size(), ids.size());
  EXPECT_GE(*std::min_element(ids.begin(), ids.end()), 100u);
  EXPECT_EQ(next_id, 100u + ids.size());
  EXPECT_EQ(std::get<ast::VarDecl>(mb->decls[0]).value->span.begin.file, 1u);
}

// ================================================================ hostile input

// Every input either parses or yields exactly one error located inside the file.
void expect_sane(const std::string& text) {
  Parsed p = parse(text);
  if (p.module) {
    EXPECT_TRUE(p.diags.items().empty());
    return;
  }
  ASSERT_EQ(p.diags.items().size(), 1u);
  const Diagnostic& d = p.diags.items()[0];
  EXPECT_GE(d.span.begin.line, 1u);
  EXPECT_LE(d.span.begin.offset + d.span.length, text.size() + 1);
  EXPECT_FALSE(d.message.empty());
  EXPECT_FALSE(p.errors().empty());
}

TEST(ParserRobustness, RandomBytes) {
  std::mt19937 rng(20240911);
  for (int i = 0; i < 3000; ++i) {
    std::string text(rng() % 200, '\0');
    for (char& c : text) c = static_cast<char>(rng() % 256);
    expect_sane(text);
  }
}

TEST(ParserRobustness, RandomTokens) {
  const char* tokens[] = {
      "fact",  "output", "def",    "fn",    "rule",       "first", "collect", "{",        "}",
      "(",     ")",      "[",      "]",     ",",          ":",     "=",       "=>",       "->",
      "+",     "-",      "*",      "??",    "==",         "<",     "not",     "and",      "if",
      "then",  "else",   "cite",   "\"s\"", "x",          "1",     "2 days",  ".",        "when",
      "using", "test",   "expect", "given", "refine",     "adopt", "omit",    "calendar", "holiday",
      "on",    "July",   "4",      "\"",    "2024-01-01", "T",     "\\",      "//",       "\n"};
  std::mt19937 rng(7);
  for (int i = 0; i < 3000; ++i) {
    std::string text;
    for (size_t n = rng() % 60; n > 0; --n) {
      text += tokens[rng() % std::size(tokens)];
      text += ' ';
    }
    expect_sane(text);
  }
}

TEST(ParserRobustness, EveryPrefixOfARealPolicy) {
  std::string text = read_file(fs::path(SOP_SOURCE_DIR) / "policies" / "partnership.sop");
  ASSERT_FALSE(text.empty());
  for (size_t n = 0; n <= text.size(); n += 13) expect_sane(text.substr(0, n));
}

// ================================================================ real sources

std::vector<fs::path> sop_files(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.path().extension() == ".sop") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

TEST(ParserSources, StdlibAndPoliciesParse) {
  size_t count = 0;
  for (const char* dir : {"stdlib", "policies"}) {
    for (const fs::path& path : sop_files(fs::path(SOP_SOURCE_DIR) / dir)) {
      Parsed p = parse(read_file(path), path.string(), path.stem().string());
      EXPECT_TRUE(p.module) << p.errors();
      if (p.module) EXPECT_FALSE(p.module->decls.empty()) << path;
      ++count;
    }
  }
  EXPECT_GE(count, 4u);
}

TEST(ParserSources, PartnershipHasItsRulesAndTests) {
  fs::path path = fs::path(SOP_SOURCE_DIR) / "policies" / "partnership.sop";
  Parsed p = parse(read_file(path), "policies/partnership.sop", "partnership");
  ASSERT_TRUE(p.module) << p.errors();
  size_t plans = 0, refines = 0, tests = 0;
  for (const ast::Decl& d : p.module->decls) {
    plans += std::holds_alternative<ast::PlanDecl>(d);
    if (const auto* def = std::get_if<ast::Definition>(&d)) refines += def->refine;
    tests += std::holds_alternative<ast::TestDecl>(d);
  }
  EXPECT_EQ(plans, 1u);
  EXPECT_GE(refines, 3u);
  EXPECT_GE(tests, 1u);
  for (const ast::Decl& d : p.module->decls) {
    if (const auto* def = std::get_if<ast::Definition>(&d)) {
      for (const ast::Rule& r : def->rules) {
        if (r.kind != ast::Rule::Kind::omit) {
          EXPECT_TRUE(r.citation) << def->target << "." << r.label;
        }
      }
    }
  }
}

}  // namespace
}  // namespace sop
