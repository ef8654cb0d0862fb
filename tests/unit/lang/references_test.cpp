// The checker's reference table: every name use resolved to its declaration's span, for go to
// definition, hover and the REPL. Each test finds a use by its text and checks the
// declaration the table points at, by the declaration's own text.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "lang/loader.hpp"

namespace sop {
namespace {

namespace fs = std::filesystem;

class References : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = fs::temp_directory_path() /
          ("sop_references_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
           "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir);
    std::ofstream(dir / "base.sop") << k_base;
    std::ofstream(dir / "p.sop") << k_plan;
    result = load_program((dir / "p.sop").string());
    ASSERT_TRUE(result.ok()) << format_diagnostics(result.diagnostics, result.program->sources);
  }
  void TearDown() override { fs::remove_all(dir); }

  const Program& program() const { return *result.program; }

  uint32_t file_named(const std::string& module) const {
    for (uint32_t f = 0; f < program().sources.size(); ++f)
      if (program().sources.file(f).module == module) return f;
    ADD_FAILURE() << "no module " << module;
    return 0;
  }

  // The reference at the `nth` occurrence (0-based) of `needle` in the plan's text, offset by
  // `into` bytes into it.
  const Reference* at(const std::string& needle, int nth = 0, uint32_t into = 0) const {
    uint32_t f = file_named("p");
    const std::string& text = program().sources.file(f).text;
    size_t pos = text.find(needle);
    for (int i = 0; i < nth && pos != std::string::npos; ++i) pos = text.find(needle, pos + 1);
    EXPECT_NE(pos, std::string::npos) << needle;
    return program().reference_at(f, static_cast<uint32_t>(pos) + into);
  }

  // The text of the declaration a reference points at, from its span's start to the line end.
  std::string declared(const Reference* r) const {
    if (!r) return "<no reference>";
    const SourceFile& file = program().sources.file(r->declaration.begin.file);
    std::string_view line = file.line_text(r->declaration.begin.line);
    return file.module + ": " + std::string(line.substr(r->declaration.begin.column - 1));
  }

  static constexpr const char* k_base = R"(header { policy: string "the policy number" }
enum Color "a color" { red "r" green "g" }
record Box "a box" {
  colour: Color "its colour"
  size: int "its size"
}
fact a: bool "a"
fact box: Box "the box"
output o: Color "o"
o = first {
  rule r1 cite "LAW §1" when a => red
  otherwise cite "LAW §2" => green
}
)";
  static constexpr const char* k_plan = R"(import base
plan p { policy: "P1" }
fn bigger(n: int) -> bool "is it big" = n > 10
def big: bool "big"
big = bigger(box.size) cite "P1 §3"
refine o {
  override r1 cite "P1 §1" when a and big
  adopt otherwise cite "P1 §2"
  exception to r1 cite "P1 §4" when box.colour == Color.green => green
}
)";

  fs::path dir;
  LoadResult result;
};

TEST_F(References, AFactUseLeadsToItsDeclaration) {
  const Reference* r = at("when a and", 0, 5);
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->kind, Reference::Kind::var);
  EXPECT_EQ(declared(r), "base: fact a: bool \"a\"");
}

TEST_F(References, AnOverriddenRuleLeadsToTheBaselineRule) {
  const Reference* r = at("override r1", 0, 9);
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->kind, Reference::Kind::rule);
  EXPECT_EQ(declared(r), "base: rule r1 cite \"LAW §1\" when a => red");
}

TEST_F(References, AdoptedOtherwiseAndExceptionTargetsLeadToTheBaselineRules) {
  EXPECT_EQ(declared(at("adopt otherwise", 0, 6)), "base: otherwise cite \"LAW §2\" => green");
  EXPECT_EQ(declared(at("exception to r1", 0, 13)), "base: rule r1 cite \"LAW §1\" when a => red");
}

TEST_F(References, ARefinedNameLeadsToTheOutputDeclaration) {
  EXPECT_EQ(declared(at("refine o", 0, 7)), "base: output o: Color \"o\"");
}

TEST_F(References, FieldsFunctionsParametersAndDefs) {
  EXPECT_EQ(declared(at("box.size", 0, 4)), "base: size: int \"its size\"");
  EXPECT_EQ(declared(at("box.size", 0, 0)), "base: fact box: Box \"the box\"");
  EXPECT_EQ(declared(at("bigger(box")), "p: fn bigger(n: int) -> bool \"is it big\" = n > 10");
  const Reference* param = at("n > 10");
  ASSERT_NE(param, nullptr);
  EXPECT_EQ(param->kind, Reference::Kind::parameter);
  EXPECT_EQ(declared(param), "p: n: int) -> bool \"is it big\" = n > 10");
  EXPECT_EQ(declared(at("and big", 0, 4)), "p: def big: bool \"big\"");
}

TEST_F(References, QualifiedEnumValuesResolveTypeAndValueSeparately) {
  const Reference* type = at("Color.green");
  ASSERT_NE(type, nullptr);
  EXPECT_EQ(type->kind, Reference::Kind::enum_type);
  EXPECT_EQ(declared(type), "base: enum Color \"a color\" { red \"r\" green \"g\" }");
  const Reference* value = at("Color.green", 0, 6);
  ASSERT_NE(value, nullptr);
  EXPECT_EQ(value->kind, Reference::Kind::enum_value);
  EXPECT_EQ(declared(value), "base: green \"g\" }");
}

TEST_F(References, TypeNamesInDeclarationsResolve) {
  // `Box` in `fact box: Box` lives in base.sop: look it up there.
  uint32_t f = file_named("base");
  const std::string& text = program().sources.file(f).text;
  const Reference* r = program().reference_at(f, static_cast<uint32_t>(text.find("Box \"the")));
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->kind, Reference::Kind::record_type);
  EXPECT_EQ(r->index, 0u);
}

TEST_F(References, HeaderFieldsResolveToTheSchema) {
  const Reference* r = at("policy:");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->kind, Reference::Kind::header_field);
  EXPECT_EQ(declared(r), "base: policy: string \"the policy number\" }");
}

TEST_F(References, NoReferenceOutsideNames) {
  EXPECT_EQ(at("cite \"P1 §3\""), nullptr);
}

}  // namespace
}  // namespace sop
