// Checker diagnostics: each error the checker reports, in the file:line:col + caret form.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "lang/civil_time.hpp"
#include "lang/loader.hpp"

namespace sop {
namespace {

namespace fs = std::filesystem;

std::string diagnose(const std::string& source, const std::string& path = "t.sop") {
  LoadResult r = load_program_text(path, source);
  return format_diagnostics(r.diagnostics, r.program->sources);
}

const char* k_prelude = R"(
enum Color "a color" { red "r" green "g" }
enum Light "a light" { red "r" amber "a" }
fact a: bool "a"
fact k: int "k"
)";

struct Case {
  const char* name;
  const char* source;    // appended to the prelude
  const char* expected;  // the first line of the first diagnostic, after "t.sop:"
};

class CheckerErrors : public ::testing::TestWithParam<Case> {};

TEST_P(CheckerErrors, ReportsTheError) {
  const Case& c = GetParam();
  std::string out = diagnose(std::string(k_prelude) + c.source);
  ASSERT_FALSE(out.empty()) << "no diagnostic for " << c.name;
  std::string first = out.substr(0, out.find('\n'));
  EXPECT_EQ(first, std::string("t.sop:") + c.expected) << out;
  // Every located diagnostic shows the source line and a caret under it.
  EXPECT_NE(out.find(" | "), std::string::npos) << out;
  EXPECT_NE(out.find('^'), std::string::npos) << out;
}

INSTANTIATE_TEST_SUITE_P(
    All, CheckerErrors,
    ::testing::Values(
        Case{"undefined_name", "output o: bool \"o\" = missing_thing\n",
             "6:22: error: undefined name `missing_thing`"},
        Case{"type_mismatch", "output o: bool \"o\" = 1\n",
             "6:22: error: expected value of type `bool`, found `int`"},
        Case{"unknown_type", "fact f: Colour \"f\"\n", "6:9: error: unknown type `Colour`"},
        Case{"duplicate", "fact a: bool \"again\"\n", "6:1: error: `a` is already declared"},
        Case{"ambiguous_enum", "output o: bool \"o\" = red == red\n",
             "6:22: error: `red` is ambiguous here"},
        Case{"bad_comparison", "output o: bool \"o\" = a == k\n",
             "6:22: error: cannot compare `bool` with `int`"},
        Case{"no_field",
             "record R \"r\" { x: int \"x\" }\nfact r: R \"r\"\noutput o: int \"o\" = r.y\n",
             "8:23: error: `R` has no field `y`"},
        Case{"self_reference",
             "def x: bool \"x\"\ndef y: bool \"y\"\nx = y cite \"S §1\"\ny = x cite \"S §2\"\n",
             "6:1: error: `x` depends on itself: x -> y -> x"},
        Case{"first_not_total",
             "output o: Color \"o\"\no = first {\n  rule r cite \"S §1\" when a => green\n}\n",
             "7:1: error: `first` for `o` may find no rule that applies"},
        Case{"empty_citation", "output o: bool \"o\"\no = a cite \"\"\n",
             "7:1: error: rule `o` has no citation"},
        Case{"define_fact", "a = true cite \"S §1\"\n",
             "6:1: error: `a` is a fact: facts come from the case, not from rules"},
        Case{"collect_needs_list",
             "output o: bool \"o\"\no = collect {\n  rule r cite \"S\" => true\n}\n",
             "7:1: error: `collect` builds a list or a set, and `o` is `bool`"},
        Case{"business_days_need_calendar",
             "fact t: datetime \"t\"\noutput o: date \"o\" = t + 5 business_days\n",
             "7:22: error: counting business days needs a calendar"},
        Case{"set_of_non_enum", "fact s: set of int \"s\"\n",
             "6:9: error: a set holds enumeration values, not `int`"},
        Case{"wrong_arity", "fn f(x: int) -> int \"f\" = x\noutput o: int \"o\" = f(1, 2)\n",
             "7:21: error: `f` takes 1 argument, 2 given"},
        Case{"recursive_function", "fn f(x: int) -> int \"f\" = f(x)\n",
             "6:1: error: function `f` calls itself: f -> f"},
        Case{"listed_date_outside_the_table",
             "calendar c {\n  holiday \"H\" on dates { 2250-01-01 } cite \"S\"\n}\n",
             "7:26: error: `2250-01-01` is outside the years a calendar covers (1900–2199)"},
        Case{"listed_date_before_from",
             "calendar c {\n  holiday \"H\" on dates { 2022-02-01 } from 2023 cite \"S\"\n}\n",
             "7:26: error: `2022-02-01` is before the holiday's first year (`from 2023`)"},
        Case{"listed_date_after_until",
             "calendar c {\n  holiday \"H\" on dates { 2031-02-01 } until 2030 cite \"S\"\n}\n",
             "7:26: error: `2031-02-01` is after the holiday's last year (`until 2030`)"},
        Case{"listed_date_without_source",
             "calendar c {\n  holiday \"H\" on dates { 2027-02-06 cite \"S\", 2028-01-26 }\n}\n",
             "7:47: error: `2028-01-26` has no source"},
        Case{"listed_date_twice",
             "calendar c {\n  holiday \"H\" on dates { 2027-02-06, 2027-02-06 } cite \"S\"\n}\n",
             "7:26: note: 2027 is first listed here"},
        Case{"listed_no_dates", "calendar c {\n  holiday \"H\" on dates { } cite \"S\"\n}\n",
             "7:3: error: holiday \"H\" lists no dates"},
        Case{"listed_date_outside_window",
             "calendar c {\n  holiday \"H\" on dates { 2027-03-06 }\n"
             "    between January 20 and February 21 cite \"S\"\n}\n",
             "7:26: error: `2027-03-06` is outside the holiday's window (`between`)"},
        Case{"window_backwards",
             "calendar c {\n  holiday \"H\" on dates { 2027-02-06 }\n"
             "    between March 1 and February 21 cite \"S\"\n}\n",
             "8:5: error: a window ends before it starts"}),
    [](const ::testing::TestParamInfo<Case>& info) { return info.param.name; });

// A year listed twice: an error at the second listing, and a note at the first.
TEST(ListedHoliday, AYearListedTwiceShowsBothSpans) {
  std::string out = diagnose(
      "calendar c {\n"
      "  holiday \"H\" on dates {\n"
      "    2027-02-06\n"
      "    2027-02-07 cite \"S\"\n"
      "  } cite \"T\"\n"
      "}\n");
  EXPECT_EQ(out,
            "t.sop:3:5: note: 2027 is first listed here\n"
            " 3 |     2027-02-06\n"
            "   |     ^~~~~~~~~~\n"
            "t.sop:4:5: error: 2027 is listed twice for \"H\": `2027-02-06` and `2027-02-07`\n"
            " 4 |     2027-02-07 cite \"S\"\n"
            "   |     ^~~~~~~~~~\n"
            "help: a holiday falls once a year; the first is at line 3\n");
}

TEST(ListedHoliday, TheStdlibCalendarsCheck) {
  LoadResult r = load_program(std::string(SOP_SOURCE_DIR) + "/stdlib/calendars.sop");
  EXPECT_TRUE(r.ok()) << format_diagnostics(r.diagnostics, r.program->sources);
  const CalendarDef* ca = nullptr;
  for (const CalendarDef& c : r.program->calendars)
    if (c.name == "ca_state") ca = &c;
  ASSERT_NE(ca, nullptr);
  int listed = 0;
  for (const Holiday& h : ca->holidays)
    if (h.listed()) {
      ++listed;
      EXPECT_FALSE(h.cite.empty()) << h.name;
      EXPECT_TRUE(h.from_year.has_value()) << h.name;
    }
  EXPECT_EQ(listed, 2);
}

// Modules on disk, for imports and baselines.
class CheckerFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = fs::temp_directory_path() /
          ("sop_checker_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
           "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir);
  }
  void TearDown() override { fs::remove_all(dir); }
  std::string write(const std::string& name, const std::string& text) {
    fs::path p = dir / name;
    std::ofstream(p) << text;
    return p.string();
  }
  fs::path dir;
};

TEST_F(CheckerFiles, ImportCycleIsNamed) {
  write("a.sop", "import b\n");
  write("b.sop", "import a\n");
  LoadResult r = load_program((dir / "a.sop").string());
  std::string out = format_diagnostics(r.diagnostics, r.program->sources);
  EXPECT_NE(out.find("error: import cycle: a -> b -> a"), std::string::npos) << out;
}

TEST_F(CheckerFiles, MissingModuleSaysWhereItLooked) {
  LoadResult r = load_program(write("a.sop", "import nowhere\n"));
  std::string out = format_diagnostics(r.diagnostics, r.program->sources);
  EXPECT_NE(out.find("error: cannot find module `nowhere`"), std::string::npos) << out;
  EXPECT_NE(out.find("help: looked for nowhere.sop in:"), std::string::npos) << out;
}

const char* k_base = R"(
header { policy: string "the policy number" }
fact a: bool "a"
fact b: bool "b"
output o: set of Tag "tags"
enum Tag "a tag" { one "1" two "2" }
o = collect {
  rule r1 cite "LAW §1" when a => one
  rule r2 cite "LAW §2" when b => two
}
)";

TEST_F(CheckerFiles, PlanMustAccountForEveryBaselineRule) {
  write("base.sop", k_base);
  std::string plan = write("p.sop", R"(import base
plan p { policy: "P1" }
refine o {
  adopt r1 cite "P1 §1"
}
)");
  LoadResult r = load_program(plan);
  std::string out = format_diagnostics(r.diagnostics, r.program->sources);
  EXPECT_NE(out.find("error: baseline rule `r2` of `o` is not adopted, overridden or omitted"),
            std::string::npos)
      << out;
}

TEST_F(CheckerFiles, PlanMustRefineABaselineDefinition) {
  write("base.sop", k_base);
  LoadResult r = load_program(write("p.sop", "import base\nplan p { policy: \"P1\" }\n"));
  std::string out = format_diagnostics(r.diagnostics, r.program->sources);
  EXPECT_NE(out.find("does not account for the baseline definition of `o`"), std::string::npos)
      << out;
}

TEST_F(CheckerFiles, RefinedBaselineChecksAndCarriesBothCitations) {
  write("base.sop", k_base);
  LoadResult r = load_program(write("p.sop", R"(import base
plan p { policy: "P1" }
refine o {
  adopt r1 cite "P1 §1"
  override r2 "wider" cite "P1 §2" when a or b
}
)"));
  ASSERT_TRUE(r.ok()) << format_diagnostics(r.diagnostics, r.program->sources);
  const Program& p = *r.program;
  ASSERT_EQ(p.rules.size(), 2u);
  EXPECT_EQ(p.rules[0].cite, "P1 §1");
  EXPECT_EQ(p.rules[0].baseline_cite, "LAW §1");
  EXPECT_EQ(p.rules[1].title, "wider");
  EXPECT_EQ(p.rules[1].baseline_cite, "LAW §2");
}

// Any file may hold any version of a plan: the id need not be the file's stem (E0212 is gone).
TEST_F(CheckerFiles, PlanIdNeedNotBeTheFileStem) {
  write("base.sop", k_base);
  LoadResult r = load_program(write("p_next.sop",
                                    "import base\nplan q { policy: \"P1\" }\nrefine o { omit r1 "
                                    "because \"x\" omit r2 because \"y\" }\n"));
  ASSERT_TRUE(r.ok()) << format_diagnostics(r.diagnostics, r.program->sources);
  EXPECT_EQ(r.program->plan_id, "q");
  EXPECT_FALSE(r.program->version);
  EXPECT_FALSE(r.program->in_force_from);
}

TEST_F(CheckerFiles, VersionClauseEntersTheProgram) {
  write("base.sop", k_base);
  LoadResult r = load_program(write("p.sop",
                                    "import base\nplan p version \"2025\" from 2025-09-10 { "
                                    "policy: \"P1\" }\nrefine o { omit r1 because \"x\" omit "
                                    "r2 because \"y\" }\n"));
  ASSERT_TRUE(r.ok()) << format_diagnostics(r.diagnostics, r.program->sources);
  EXPECT_EQ(r.program->version, "2025");
  ASSERT_TRUE(r.program->in_force_from);
  EXPECT_EQ(civil::format_date(*r.program->in_force_from), "2025-09-10");
}

TEST_F(CheckerFiles, VersionLabelMustNameSomething) {
  write("base.sop", k_base);
  LoadResult r = load_program(write("p.sop",
                                    "import base\nplan p version \" \" { policy: \"P1\" }\n"
                                    "refine o { omit r1 because \"x\" omit r2 because \"y\" }\n"));
  std::string out = format_diagnostics(r.diagnostics, r.program->sources);
  EXPECT_NE(out.find("p.sop:2:16: error: a version's label is empty"), std::string::npos) << out;
}

TEST_F(CheckerFiles, HeaderFieldsAreChecked) {
  write("base.sop", k_base);
  LoadResult r = load_program(write("p.sop",
                                    "import base\nplan p { policy: 7 colour: 1 }\nrefine o { omit "
                                    "r1 because \"x\" omit r2 because \"y\" }\n"));
  std::string out = format_diagnostics(r.diagnostics, r.program->sources);
  EXPECT_NE(out.find("error: expected header field of type `string`, found `int`"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("error: a plan header has no field `colour`"), std::string::npos) << out;
}

}  // namespace
}  // namespace sop
