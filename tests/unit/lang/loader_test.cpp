// The loader's overlays: a text given for a path stands for the file there when a program
// imports it (an editor's unsaved buffer), wherever the search finds it.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "lang/loader.hpp"
#include "lang/parser.hpp"

namespace sop {
namespace {

namespace fs = std::filesystem;

class Overlays : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = fs::temp_directory_path() /
          ("sop_loader_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "_" +
           ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir);
    std::ofstream(dir / "m.sop") << "fact a: bool \"a\"\n";
  }
  void TearDown() override { fs::remove_all(dir); }
  std::string key(const fs::path& p) const {
    return fs::absolute(p).lexically_normal().generic_string();
  }
  fs::path dir;
};

TEST_F(Overlays, AnImportReadsTheOverlayInPlaceOfTheFile) {
  const std::string plan = "import m\ndef d: bool \"d\"\nd = b cite \"X §1\"\n";
  LoadResult on_disk = load_program_text((dir / "p.sop").string(), plan);
  ASSERT_EQ(on_disk.diagnostics.items().size(), 1u);  // the file declares `a`, not `b`
  EXPECT_EQ(on_disk.diagnostics.items()[0].message, "undefined name `b`");
  LoadOptions options;
  options.overlays[key(dir / "m.sop")] = "fact b: bool \"b\"\n";
  LoadResult overlaid = load_program_text((dir / "p.sop").string(), plan, options);
  EXPECT_TRUE(overlaid.ok()) << format_diagnostics(overlaid.diagnostics, overlaid.program->sources);
}

TEST_F(Overlays, AnOverlayNeedsNoFile) {
  LoadOptions options;
  options.overlays[key(dir / "n.sop")] = "fact c: bool \"c\"\n";
  LoadResult r = load_program_text((dir / "p.sop").string(),
                                   "import n\ndef d: bool \"d\"\nd = c cite \"X §1\"\n", options);
  EXPECT_TRUE(r.ok()) << format_diagnostics(r.diagnostics, r.program->sources);
}

TEST(Keywords, IncludeReservedAndContextualWords) {
  std::span<const std::string_view> k = keywords();
  EXPECT_NE(std::find(k.begin(), k.end(), "and"), k.end());
  EXPECT_NE(std::find(k.begin(), k.end(), "otherwise"), k.end());
  EXPECT_EQ(std::find(k.begin(), k.end(), "orr"), k.end());
}

}  // namespace
}  // namespace sop
