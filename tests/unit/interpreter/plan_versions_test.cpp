// Versions of a plan: which version is in force on a day (the day one comes into force, a day
// before any), how they are found (files given, a history folder) and what is refused.
#include "interpreter/plan_versions.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "lang/civil_time.hpp"

namespace sop {
namespace {

namespace fs = std::filesystem;

const char* k_base = R"(
header { policy: string "the policy number" }
fact received_at: datetime "when the request was received"
output answer: int "the answer"
)";

class PlanVersionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = fs::temp_directory_path() /
          ("sop_versions_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
           "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir);
    write("base.sop", k_base);
  }
  void TearDown() override { fs::remove_all(dir); }
  std::string write(const std::string& name, const std::string& text) {
    fs::path p = dir / name;
    fs::create_directories(p.parent_path());
    std::ofstream(p) << text;
    return p.string();
  }
  // A plan `id` answering `answer`, with `clause` after its id. Its `import base` is found in
  // `dir`, a search path, from a history folder too.
  std::string plan(const std::string& name, const std::string& id, const std::string& clause,
                   int answer) {
    return write(name, "import base\nplan " + id + " " + clause +
                           " { policy: \"P\" }\nanswer = first { otherwise cite \"P §1\" => " +
                           std::to_string(answer) + " }\n");
  }
  bool load(const std::vector<std::string>& paths) {
    plans.clear();
    errors.clear();
    LoadOptions options;
    options.search_paths.push_back(dir.string());
    return load_plan_versions(paths, "the test", plans, errors, options);
  }
  static int32_t day(const char* text) { return *civil::parse_date(text); }

  fs::path dir;
  std::vector<PlanVersions> plans;
  std::string errors;
};

TEST_F(PlanVersionsTest, FilesOfOnePlanAreItsVersionsEarliestFirst) {
  std::string next = plan("p_next.sop", "p", "version \"2025\" from 2025-09-10", 2);
  std::string now = plan("p.sop", "p", "version \"2024\" from 2024-09-11", 1);
  ASSERT_TRUE(load({next, now})) << errors;
  ASSERT_EQ(plans.size(), 1u);
  ASSERT_EQ(plans[0].versions.size(), 2u);
  EXPECT_EQ(plans[0].labels(), (std::vector<std::string>{"2024", "2025"}));
  EXPECT_EQ(plans[0].latest().path, next);
  EXPECT_EQ(plans[0].find("2024")->path, now);
  EXPECT_EQ(plans[0].find("2023"), nullptr);
}

TEST_F(PlanVersionsTest, TheDayAVersionComesIntoForceIsItsFirst) {
  plan("p_next.sop", "p", "version \"2025\" from 2025-09-10", 2);
  plan("p.sop", "p", "version \"2024\" from 2024-09-11", 1);
  ASSERT_TRUE(load({(dir / "p.sop").string(), (dir / "p_next.sop").string()})) << errors;
  const PlanVersions& p = plans[0];
  EXPECT_EQ(p.in_force_on(day("2025-09-09")), 0u);
  EXPECT_EQ(p.in_force_on(day("2025-09-10")), 1u);
  EXPECT_EQ(p.in_force_on(day("2030-01-01")), 1u);
  EXPECT_EQ(p.in_force_on(day("2024-09-11")), 0u);
}

TEST_F(PlanVersionsTest, NoVersionBeforeTheEarliest) {
  plan("p.sop", "p", "version \"2024\" from 2024-09-11", 1);
  ASSERT_TRUE(load({(dir / "p.sop").string()})) << errors;
  EXPECT_FALSE(plans[0].in_force_on(day("2024-09-10")));
  EXPECT_EQ(not_in_force(plans[0], day("2024-09-10")),
            "no version of plan `p` was in force on 2024-09-10; the earliest is in force from "
            "2024-09-11");
}

TEST_F(PlanVersionsTest, ALoneVersionWithoutADateIsAlwaysInForce) {
  plan("p.sop", "p", "", 1);
  ASSERT_TRUE(load({(dir / "p.sop").string()})) << errors;
  EXPECT_EQ(plans[0].in_force_on(day("1900-01-01")), 0u);
  EXPECT_TRUE(plans[0].labels().empty());
}

TEST_F(PlanVersionsTest, SeveralVersionsEachStateTheirDay) {
  std::string a = plan("p.sop", "p", "version \"2024\" from 2024-09-11", 1);
  std::string b = plan("p_next.sop", "p", "version \"2025\"", 2);
  EXPECT_FALSE(load({a, b}));
  EXPECT_NE(errors.find(b +
                        ":2:1: error: plan `p` has 2 versions, and this one does not say from "
                        "when it is in force (another is `" +
                        a + "`)"),
            std::string::npos)
      << errors;
}

TEST_F(PlanVersionsTest, TwoVersionsCannotComeIntoForceTheSameDay) {
  std::string a = plan("p.sop", "p", "version \"2024\" from 2024-09-11", 1);
  std::string b = plan("p_next.sop", "p", "version \"2024b\" from 2024-09-11", 2);
  EXPECT_FALSE(load({a, b}));
  EXPECT_NE(errors.find("error: two versions of plan `p` are in force from 2024-09-11: version "
                        "\"2024\" (`" +
                        a + "`) and version \"2024b\" (`" + b + "`)"),
            std::string::npos)
      << errors;
}

TEST_F(PlanVersionsTest, TwoVersionsCannotShareALabel) {
  std::string a = plan("p.sop", "p", "version \"2024\" from 2024-09-11", 1);
  std::string b = plan("p_next.sop", "p", "version \"2024\" from 2025-09-10", 2);
  EXPECT_FALSE(load({a, b}));
  // At the second label: `plan p version "2024"`, column 16.
  EXPECT_NE(errors.find(b + ":2:16: error: two versions of plan `p` are labelled \"2024\""),
            std::string::npos)
      << errors;
}

TEST_F(PlanVersionsTest, TheHistoryFolderBesideAPlanIsFound) {
  std::string now = plan("p.sop", "p", "version \"2025\" from 2025-09-10", 2);
  std::string old = plan("history/p/2024.sop", "p", "version \"2024\" from 2024-09-11", 1);
  EXPECT_EQ(history_files(now, "p"), std::vector<std::string>{old});
  // Given together with the file found in its history folder, a version is loaded once.
  ASSERT_TRUE(load({now, old})) << errors;
  ASSERT_EQ(plans.size(), 1u);
  ASSERT_EQ(plans[0].versions.size(), 2u);
  EXPECT_EQ(plans[0].versions[0].path, old);
  EXPECT_EQ(plans[0].versions[1].path, now);
}

TEST_F(PlanVersionsTest, AHistoryFileOfAnotherPlanIsRefused) {
  std::string now = plan("p.sop", "p", "version \"2025\" from 2025-09-10", 2);
  std::string other = plan("history/p/q.sop", "q", "version \"2024\" from 2024-09-11", 1);
  EXPECT_FALSE(load({now}));
  EXPECT_NE(errors.find(other + ":2:1: error: plan `q` is in the history folder of plan `p`"),
            std::string::npos)
      << errors;
}

TEST_F(PlanVersionsTest, PlansOfOtherIdsStayApartInTheOrderGiven) {
  std::string q = plan("q.sop", "q", "", 1);
  std::string p = plan("p.sop", "p", "", 2);
  ASSERT_TRUE(load({q, p})) << errors;
  ASSERT_EQ(plans.size(), 2u);
  EXPECT_EQ(plans[0].id(), "q");
  EXPECT_EQ(plans[1].id(), "p");
}

}  // namespace
}  // namespace sop
