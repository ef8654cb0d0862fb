// Readings as a user meets them: declared in a policy, chosen with `--reading NAME=OPTION` by
// every command that loads plans, compared with `sop diff --reading-b`, and refused with the
// options listed when misspelt.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>

#include <nlohmann/json.hpp>

#include "support/run_sop.hpp"

namespace sop {
namespace {

using testing_support::sop;
namespace fs = std::filesystem;

const char* k_policy = R"(header { policy: string "the policy number" }
fact a: bool "a"
output o: bool "o"
reading list_kind "whether the list is closed" {
  closed "the list is exhaustive" cite "P §1" quote "the following are covered:"
  open "the list gives examples" cite "P §2" quote "include, but are not limited to"
  default closed because "the list does not say it is open"
}
plan readings { policy: "P" }
o = first {
  rule listed cite "P §1" when a => true
  rule open_list cite "P §2" when list_kind == open => true
  otherwise cite "P §3" => false
}
test "a request outside the list is refused under the default" cite "P §1" {
  given { a: false }
  expect o == false
}
)";

class Readings : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = fs::temp_directory_path() /
          ("sop_readings_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
           "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir);
    policy = (dir / "readings.sop").string();
    std::ofstream(policy) << k_policy;
    kase = (dir / "case.json").string();
    std::ofstream(kase) << R"({"a": false})";
  }
  void TearDown() override { fs::remove_all(dir); }
  fs::path dir;
  std::string policy, kase;
};

TEST_F(Readings, EvaluationUsesTheDefaultUnlessToldOtherwise) {
  auto base = sop({"eval", policy, kase, "--no-trace"});
  ASSERT_EQ(base.status, 0) << base.err;
  EXPECT_NE(base.out.find("\"o\": false"), std::string::npos) << base.out;
  auto open = sop({"eval", policy, kase, "--no-trace", "--reading", "list_kind=open"});
  ASSERT_EQ(open.status, 0) << open.err;
  EXPECT_NE(open.out.find("\"o\": true"), std::string::npos) << open.out;
}

TEST_F(Readings, BatchTestCheckAndCompareTakeTheChoiceToo) {
  auto batch = sop({"eval", policy, "--batch", "--no-trace", "--reading", "list_kind=open"},
                   "{\"a\": false}\n");
  ASSERT_EQ(batch.status, 0) << batch.err;
  EXPECT_NE(batch.out.find("\"o\":true"), std::string::npos) << batch.out;
  // The test states the default reading's answer, so it fails under the other one.
  EXPECT_EQ(sop({"test", policy}).status, 0);
  auto test = sop({"test", policy, "--reading", "list_kind=open"});
  EXPECT_EQ(test.status, 1);
  EXPECT_NE(test.out.find("0 passed, 1 failed"), std::string::npos) << test.out;
  EXPECT_EQ(sop({"check", policy, "--reading", "list_kind=open"}).status, 0);
  auto compare = sop({"compare", kase, "-p", policy, "--reading", "list_kind=open"});
  EXPECT_EQ(compare.status, 0) << compare.err;
}

TEST_F(Readings, DiffShowsExactlyTheCasesAReadingDecides) {
  auto d = sop({"diff", policy, "--reading-b", "list_kind=open", "--format", "json"});
  EXPECT_EQ(d.status, 1) << d.err;
  EXPECT_NE(d.out.find("[reading list_kind=open]"), std::string::npos) << d.out;
  // Only cases where `a` is not true can differ: the open reading adds a rule after `listed`.
  EXPECT_NE(d.out.find("\"a\": false"), std::string::npos) << d.out;
  EXPECT_EQ(d.out.find("\"a\": true"), std::string::npos) << d.out;
  auto same =
      sop({"diff", policy, "--reading-a", "list_kind=open", "--reading-b", "list_kind=open"});
  EXPECT_EQ(same.status, 0) << same.out << same.err;
}

TEST_F(Readings, AMisspeltReadingOrOptionListsTheChoices) {
  auto option = sop({"eval", policy, kase, "--reading", "list_kind=opne"});
  EXPECT_EQ(option.status, 1);
  EXPECT_NE(option.err.find("error: reading `list_kind` has no option `opne`"), std::string::npos)
      << option.err;
  // A near miss names the option meant; a word near none lists them all.
  EXPECT_NE(option.err.find("help: did you mean `open`?"), std::string::npos) << option.err;
  auto far = sop({"eval", policy, kase, "--reading", "list_kind=shut"});
  EXPECT_NE(far.err.find("help: its options are: `closed`, `open`"), std::string::npos) << far.err;
  auto name = sop({"eval", policy, kase, "--reading", "lst=open"});
  EXPECT_NE(name.err.find("error: the program has no reading `lst`"), std::string::npos)
      << name.err;
  EXPECT_NE(name.err.find("help: its readings are: `list_kind`"), std::string::npos);
  auto form = sop({"eval", policy, kase, "--reading", "list_kind"});
  EXPECT_EQ(form.status, 2);
  EXPECT_NE(form.err.find("needs the form NAME=OPTION"), std::string::npos) << form.err;
}

TEST_F(Readings, DeclarationErrorsAreReported) {
  auto check = [&](const std::string& reading) {
    std::string text = std::string(k_policy);
    size_t from = text.find("reading list_kind");
    size_t to = text.find("}\n", from) + 2;
    text.replace(from, to - from, reading);
    std::ofstream(policy) << text;
    return sop({"check", policy}).err;
  };
  EXPECT_NE(check("reading list_kind \"k\" {\n  closed \"c\" cite \"P\"\n  default closed because "
                  "\"r\"\n}\n")
                .find("reading `list_kind` has 1 option; a reading chooses between two or more"),
            std::string::npos);
  EXPECT_NE(check("reading list_kind \"k\" {\n  closed \"c\" cite \"P\"\n  open \"o\" cite "
                  "\"P\"\n  default shut because \"r\"\n}\n")
                .find("`shut` is not an option of `list_kind`"),
            std::string::npos);
  EXPECT_NE(check("reading list_kind \"k\" {\n  closed \"c\" cite \"\"\n  open \"o\" cite "
                  "\"P\"\n  default closed because \"r\"\n}\n")
                .find("option `closed` of `list_kind` has no citation"),
            std::string::npos);
  EXPECT_NE(check("reading list_kind \"k\" {\n  closed \"c\" cite \"P\"\n  open \"o\" cite "
                  "\"P\"\n}\n")
                .find("expected another option, or `default OPTION because \"…\"`"),
            std::string::npos);
}

// The report of one text under two readings says so: no edit, the differences from the reading.
TEST(AnthemCategoryList, TheReportSaysTheReadingDecides) {
  auto d = sop({"diff", "policies/anthem_medicaid.sop", "--reading-b", "category_list=open"});
  ASSERT_EQ(d.status, 1) << d.err;
  EXPECT_EQ(d.out.rfind("Two readings: anthem_medicaid", 0), 0u) << d.out.substr(0, 200);
  EXPECT_NE(d.out.find("From the reading"), std::string::npos);
  EXPECT_EQ(d.out.find("Only in combination"), std::string::npos);
  EXPECT_NE(d.out.find("decision: deny → review"), std::string::npos) << d.out;
}

// Anthem's reading `category_list`: closed (the default, a request in no listed category is
// denied) or open (reviewed). The diff between them holds only cases where no listed category
// holds, and each witness, re-evaluated under each option, gives the diff's two answers.
TEST(AnthemCategoryList, DiffDecidesOnlyCasesInNoListedCategory) {
  auto d = sop({"diff", "policies/anthem_medicaid.sop", "--reading-b", "category_list=open",
                "--format", "json"});
  ASSERT_EQ(d.status, 1) << d.err;
  auto j = nlohmann::json::parse(d.out);
  EXPECT_TRUE(j["structural"].empty()) << d.out;
  ASSERT_FALSE(j["semantic"].empty()) << d.out;
  const std::set<std::string> followers = {"decision", "timeframe.kind", "timeframe.ref",
                                           "timeframe.further_refs[CA_UMXX_041]",
                                           "timeframe.further_refs[CA_UMXX_013]"};
  bool saw_deny_review = false;
  for (const auto& s : j["semantic"]) {
    std::string output = s["output"];
    EXPECT_TRUE(followers.count(output)) << "unexpected output " << output;
    if (output == "decision") {
      EXPECT_EQ(s["b"], "review") << s.dump();
      EXPECT_TRUE(s["a"] == "deny" || s["a"] == "undetermined") << s.dump();
      if (s["a"] == "deny") saw_deny_review = true;
    }
    auto eval = [&](std::vector<std::string> extra) {
      std::vector<std::string> args = {"eval", "policies/anthem_medicaid.sop", "-", "--no-trace"};
      args.insert(args.end(), extra.begin(), extra.end());
      auto r = sop(args, s["witness"].dump());
      EXPECT_EQ(r.status, 0) << r.err;
      return nlohmann::json::parse(r.out);
    };
    auto closed = eval({});
    auto open = eval({"--reading", "category_list=open"});
    // No listed category holds in the witness, under either option.
    EXPECT_EQ(closed["reasons"], nlohmann::json::array()) << s.dump();
    EXPECT_EQ(open["reasons"], nlohmann::json::array()) << s.dump();
    EXPECT_EQ(open["decision"], "review") << s.dump();
    if (output == "decision") EXPECT_EQ(closed["decision"], s["a"]) << s.dump();
    if (output == "timeframe.kind") {
      EXPECT_EQ(open["timeframe"]["kind"], s["b"]) << s.dump();
      EXPECT_TRUE(closed["timeframe"].is_null()) << s.dump();
    }
  }
  EXPECT_TRUE(saw_deny_review) << d.out;
}

}  // namespace
}  // namespace sop
