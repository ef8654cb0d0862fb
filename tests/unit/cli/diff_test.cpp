// `sop diff` through the command line: exit codes, formats, witnesses that really differ.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "tests/support/run_sop.hpp"

namespace sop {
namespace {

namespace fs = std::filesystem;

using Out = testing_support::SopResult;
using testing_support::sop;

TEST(Diff, APlanIsEquivalentToItself) {
  Out r = sop({"diff", "policies/partnership.sop", "policies/partnership.sop"});
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("Equivalent: every case gets the same determination"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("No edit to the rules."), std::string::npos) << r.out;
}

TEST(Diff, TwoPlansDifferAndEveryWitnessIsConfirmed) {
  Out r = sop({"diff", "policies/partnership.sop", "policies/hpsj.sop", "--format", "json"});
  EXPECT_EQ(r.status, 1) << r.err;
  nlohmann::json d = nlohmann::json::parse(r.out);
  EXPECT_EQ(d["schema"], "sop.diff/1");
  EXPECT_EQ(d["equivalent"], false);
  EXPECT_EQ(d["complete"], true);
  ASSERT_FALSE(d["semantic"].empty());
  for (const auto& f : d["semantic"]) EXPECT_TRUE(f["confirmed"].get<bool>()) << f.dump();
  // A witness is a valid sop.case/1 case: each plan evaluates it, and the output differs.
  const auto& first = d["semantic"][0];
  std::string output = first["output"].get<std::string>();
  Out a = sop({"eval", "policies/partnership.sop", "-", "--no-trace"}, first["witness"].dump());
  Out b = sop({"eval", "policies/hpsj.sop", "-", "--no-trace"}, first["witness"].dump());
  ASSERT_EQ(a.status, 0) << a.err;
  ASSERT_EQ(b.status, 0) << b.err;
  std::string top = output.substr(0, output.find_first_of(".["));
  EXPECT_NE(nlohmann::json::parse(a.out)[top], nlohmann::json::parse(b.out)[top]) << output;
}

TEST(Diff, UsageErrorsExitTwo) {
  EXPECT_EQ(sop({"diff", "policies/partnership.sop"}).status, 2);
  EXPECT_EQ(sop({"diff", "policies/partnership.sop", "no/such.sop"}).status, 2);
  EXPECT_EQ(sop({"diff", "a.sop", "b.sop", "--format", "pdf"}).status, 2);
}

TEST(Diff, MarkdownHasBothSections) {
  Out r = sop(
      {"diff", "policies/caloptima.sop", "policies/anthem_medicaid.sop", "--format", "markdown"});
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_NE(r.out.find("## Structural changes"), std::string::npos);
  EXPECT_NE(r.out.find("## Semantic differences"), std::string::npos);
}

// `--rev` hands the revision to git as one argument, after `--end-of-options`, with no shell in
// between: a revision that looks like an option or holds shell syntax names no revision, so it
// is refused, and nothing it spells is run or written.
TEST(Diff, AHostileRevisionIsOnlyARevisionName) {
  fs::path dir = fs::temp_directory_path() / ("sop_diff_rev_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  // Where `git show --output=DIR/out` would write the file if it took the revision as an
  // option: the argument it gets is `REV:./policies/partnership.sop`.
  const fs::path trap = dir / "out:." / "policies";
  fs::create_directories(trap);
  const fs::path quoted = dir / "quoted", substituted = dir / "sub", backticked = dir / "tick";
  const std::vector<std::string> revisions = {
      "--output=" + (dir / "out").string(),
      "-h",
      "--help",
      "'; touch " + quoted.string() + "; '",
      "$(touch " + substituted.string() + ")",
      "`touch " + backticked.string() + "`",
      "HEAD\" ; touch " + quoted.string() + " #",
  };
  for (const std::string& rev : revisions) {
    Out r = sop({"diff", "--rev=" + rev, "policies/partnership.sop"});
    EXPECT_EQ(r.status, 2) << rev << "\n" << r.out << r.err;
    EXPECT_EQ(r.out, "") << rev;
    EXPECT_NE(r.err.find("error: cannot read `policies/partnership.sop` at revision `" + rev + "`"),
              std::string::npos)
        << rev << ": " << r.err;
    EXPECT_EQ(r.err.find("usage: git"), std::string::npos) << rev << ": " << r.err;
  }
  EXPECT_TRUE(fs::is_empty(trap));
  for (const fs::path& f : {quoted, substituted, backticked}) EXPECT_FALSE(fs::exists(f)) << f;
  fs::remove_all(dir);
}

TEST(Diff, ARevisionIsReadThroughGit) {
  if (!fs::exists(fs::path(SOP_SOURCE_DIR) / ".git")) GTEST_SKIP() << "not a git checkout";
  Out r = sop({"diff", "--rev", "HEAD", "policies/partnership.sop", "--structural"});
  ASSERT_NE(r.status, 2) << r.err;
  EXPECT_NE(r.out.find("A: policies/partnership.sop@HEAD (plan partnership"), std::string::npos)
      << r.out;
}

}  // namespace
}  // namespace sop
