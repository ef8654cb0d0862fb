// `sop fmt` as users run it: in place, --check, --diff, standard input, and a file that does not
// parse.
#include <gtest/gtest.h>

#include <unistd.h>
#include <filesystem>
#include <fstream>

#include "tests/support/golden.hpp"
#include "tests/support/run_sop.hpp"

namespace sop {
namespace {

using testing_support::sop;
namespace fs = std::filesystem;

const char* k_messy = "fact   a : bool \"a\"\ndef b: bool \"b\" =   a   // why\n";
const char* k_formatted = "fact a: bool \"a\"\n\ndef b: bool \"b\" = a // why\n";

// A file in a fresh temporary directory, holding `text`.
fs::path temp_file(const std::string& name, const std::string& text) {
  fs::path dir = fs::temp_directory_path() / ("sop_fmt_test_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  fs::path p = dir / name;
  std::ofstream(p, std::ios::binary) << text;
  return p;
}

TEST(Fmt, RewritesAFileInPlace) {
  fs::path p = temp_file("in_place.sop", k_messy);
  auto r = sop({"fmt", p.string()});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(golden::read_file(p), k_formatted);
  EXPECT_EQ(sop({"fmt", "--check", p.string()}).status, 0);
}

TEST(Fmt, CheckListsTheFilesThatWouldChangeAndWritesNothing) {
  fs::path messy = temp_file("messy.sop", k_messy);
  fs::path tidy = temp_file("tidy.sop", k_formatted);
  auto r = sop({"fmt", "--check", messy.string(), tidy.string()});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out, messy.string() + "\n");
  EXPECT_NE(r.err.find("1 of 2 files are not formatted"), std::string::npos) << r.err;
  EXPECT_EQ(golden::read_file(messy), k_messy);
}

TEST(Fmt, DiffPrintsWhatWouldChangeAsAUnifiedDiffAndWritesNothing) {
  fs::path messy = temp_file("diff.sop", k_messy);
  auto r = sop({"fmt", "--diff", messy.string()});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out, "--- " + messy.string() + "\n+++ " + messy.string() +
                       "\n@@ -1,2 +1,3 @@\n"
                       "-fact   a : bool \"a\"\n"
                       "-def b: bool \"b\" =   a   // why\n"
                       "+fact a: bool \"a\"\n"
                       "+\n"
                       "+def b: bool \"b\" = a // why\n");
  EXPECT_EQ(golden::read_file(messy), k_messy);
  EXPECT_EQ(sop({"fmt", "--diff"}, k_formatted).out, "");
  EXPECT_EQ(sop({"fmt", "--diff", "--check"}, k_messy).status, 2);
}

TEST(Fmt, FormatsStandardInputToStandardOutput) {
  auto r = sop({"fmt", "-"}, k_messy);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, k_formatted);
  EXPECT_EQ(sop({"fmt", "--check"}, k_messy).status, 1);
  EXPECT_EQ(sop({"fmt", "--check"}, k_formatted).status, 0);
}

TEST(Fmt, AFileThatDoesNotParseGetsItsSyntaxErrorAndIsLeftAlone) {
  std::string broken = "fact a: bool \"a\"\nwhen a => b\n";
  fs::path p = temp_file("broken.sop", broken);
  auto r = sop({"fmt", p.string()});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find(p.string() + ":2:1: error:"), std::string::npos) << r.err;
  EXPECT_EQ(golden::read_file(p), broken);
}

TEST(Fmt, ADirectoryOrAMissingFileIsAnError) {
  auto r = sop({"fmt", "--check", "policies", "no_such_file.sop"});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("cannot read policies (not a file)"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("cannot read no_such_file.sop"), std::string::npos) << r.err;
}

TEST(Fmt, TheShippedPoliciesAndStdlibAreFormatted) {
  std::vector<std::string> args = {"fmt", "--check"};
  for (const char* dir : {"policies", "stdlib"})
    for (const auto& e : fs::directory_iterator(golden::root() / dir))
      if (e.path().extension() == ".sop") args.push_back(e.path().string());
  ASSERT_GE(args.size(), 7u);
  auto r = sop(args);
  EXPECT_EQ(r.status, 0) << r.out << r.err;
}

}  // namespace
}  // namespace sop
