// The semantic diff on small program pairs with known differences: each difference is found,
// with a witness that really shows it, and programs that are equivalent give none.
#include <gtest/gtest.h>

#include <functional>

#include "analysis/semantic_diff.hpp"
#include "interpreter/codec/case_json.hpp"
#include "lang/loader.hpp"
#include "tests/support/synthetic_program.hpp"

namespace sop::analysis {
namespace {

std::unique_ptr<Program> build(const std::string& body) {
  return testing_support::synthetic_program(body);
}

SemanticDiff diff(const std::string& a, const std::string& b) {
  auto pa = build(a), pb = build(b);
  if (!pa || !pb) return {};
  // The programs must outlive nothing returned: findings hold JSON only.
  return semantic_diff({pa.get(), pb.get()});
}

std::vector<std::string> components(const SemanticDiff& d) {
  std::vector<std::string> out;
  for (const Finding& f : d.findings) {
    out.push_back(f.component + ": " + f.values[0].dump() + " vs " + f.values[1].dump() + " when " +
                  f.condition);
  }
  return out;
}

TEST(SemanticDiff, IdenticalProgramsAreEquivalent) {
  const char* p =
      "output o: int \"o\"\no = first {\n rule r cite \"S\" when a => 1\n otherwise cite \"S\" => "
      "2\n}\n";
  SemanticDiff d = diff(p, p);
  EXPECT_TRUE(d.complete);
  EXPECT_TRUE(d.findings.empty()) << ::testing::PrintToString(components(d));
}

TEST(SemanticDiff, EquivalentButRewrittenAreEquivalent) {
  SemanticDiff d =
      diff("output o: bool \"o\" = not (a and b)\n", "output o: bool \"o\" = not a or not b\n");
  EXPECT_TRUE(d.complete);
  EXPECT_TRUE(d.findings.empty()) << ::testing::PrintToString(components(d));
}

TEST(SemanticDiff, OneChangedConstant) {
  SemanticDiff d = diff(
      "output o: int \"o\"\no = first {\n rule r cite \"S\" when a => 72\n otherwise cite \"S\" => "
      "5\n}\n",
      "output o: int \"o\"\no = first {\n rule r cite \"S\" when a => 48\n otherwise cite \"S\" => "
      "5\n}\n");
  ASSERT_EQ(d.findings.size(), 1u) << ::testing::PrintToString(components(d));
  EXPECT_EQ(components(d)[0], "o: 72 vs 48 when a");
  EXPECT_TRUE(d.findings[0].confirmed);
  EXPECT_EQ(d.findings[0].witness, nlohmann::json::parse(R"({"a": true})"));
}

TEST(SemanticDiff, OneExtraReason) {
  const char* base =
      "output o: set of Tag \"o\"\no = collect {\n rule r1 cite \"S\" when a => one\n";
  SemanticDiff d =
      diff(std::string(base) + "}\n", std::string(base) + " rule r2 cite \"S\" when b => two\n}\n");
  ASSERT_EQ(d.findings.size(), 1u) << ::testing::PrintToString(components(d));
  EXPECT_EQ(components(d)[0], "o[two]: null vs true when b");
  EXPECT_TRUE(d.findings[0].confirmed);
}

TEST(SemanticDiff, NarrowedCondition) {
  SemanticDiff d = diff(
      "output o: bool \"o\"\no = first {\n rule r cite \"S\" when a => true\n otherwise cite \"S\" "
      "=> false\n}\n",
      "output o: bool \"o\"\no = first {\n rule r cite \"S\" when a and b => true\n otherwise cite "
      "\"S\" => false\n}\n");
  std::vector<std::string> c = components(d);
  // Unknown is a value: a unknown with b false is undetermined for the first program only.
  ASSERT_EQ(c.size(), 3u) << ::testing::PrintToString(c);
  EXPECT_EQ(c[0], "o: null vs false when a unknown and not b");
  EXPECT_EQ(c[1], "o: true vs false when a and not b");
  EXPECT_EQ(c[2], "o: true vs null when a and b unknown");
  for (const Finding& f : d.findings) EXPECT_TRUE(f.confirmed) << f.condition;
}

TEST(SemanticDiff, ReorderedTier) {
  SemanticDiff d = diff(
      "output o: Tier \"o\"\no = first {\n rule x cite \"S\" when a => near\n rule y cite \"S\" "
      "when b => far\n otherwise cite \"S\" => far\n}\n",
      "output o: Tier \"o\"\no = first {\n rule y cite \"S\" when b => far\n rule x cite \"S\" "
      "when a => near\n otherwise cite \"S\" => far\n}\n");
  std::vector<std::string> c = components(d);
  ASSERT_EQ(c.size(), 3u) << ::testing::PrintToString(c);
  EXPECT_EQ(c[0], "o: \"near\" vs \"far\" when a and b");
  EXPECT_EQ(c[1], "o: \"near\" vs null when a and b unknown");
  EXPECT_EQ(c[2], "o: null vs \"far\" when a unknown and b");
}

// Completeness, checked by brute force: every case of the space differs exactly when it lies
// in a region the diff reports for that output.
void check_by_brute_force(const char* a, const char* b, size_t expected_cases) {
  auto pa = build(a), pb = build(b);
  ASSERT_TRUE(pa && pb);
  SemanticDiff d = semantic_diff({pa.get(), pb.get()});
  ASSERT_TRUE(d.complete);
  CaseSpace space({pa.get(), pb.get()});
  const auto& facts = space.facts();
  std::vector<size_t> pick(facts.size(), 0);
  Evaluator ea(*pa), eb(*pb);
  CaseDecoder da(*pa), db(*pb);
  size_t checked = 0;
  std::function<void(size_t)> each = [&](size_t f) {
    if (f < facts.size()) {
      for (size_t i = 0; i < facts[f].values.size(); ++i) {
        pick[f] = i;
        each(f + 1);
      }
      return;
    }
    nlohmann::json c = nlohmann::json::object();
    for (size_t k = 0; k < facts.size(); ++k)
      if (pick[k] != 0) c[facts[k].json] = facts[k].values[pick[k]];
    Case ca(*pa), cb(*pb);
    std::string error;
    ASSERT_TRUE(da.decode(c, ca, error)) << error;
    ASSERT_TRUE(db.decode(c, cb, error)) << error;
    ea.evaluate(ca, false);
    eb.evaluate(cb, false);
    int32_t va = pa->find_var("o"), vb = pb->find_var("o");
    bool differs = semantic_json(ea, ea.value(va), pa->vars[va].type) !=
                   semantic_json(eb, eb.value(vb), pb->vars[vb].type);
    bool reported = false;
    for (const Finding& fd : d.findings) {
      bool in = true;
      for (size_t k = 0; k < facts.size() && in; ++k) {
        const auto& allowed = fd.region.allowed[k];
        if (!allowed.empty() && std::find(allowed.begin(), allowed.end(), pick[k]) == allowed.end())
          in = false;
      }
      reported = reported || in;
    }
    EXPECT_EQ(differs, reported) << c.dump();
    ++checked;
  };
  each(0);
  EXPECT_EQ(checked, expected_cases);
}

TEST(SemanticDiff, RegionsCoverExactlyTheDifferingCases) {
  check_by_brute_force(
      "output o: Tier \"o\"\no = first {\n rule x cite \"S\" when a and t == far => near\n"
      " rule y cite \"S\" when b or not a => far\n otherwise cite \"S\" => near\n}\n",
      "output o: Tier \"o\"\no = first {\n rule x cite \"S\" when a => near\n"
      " rule y cite \"S\" when b => far\n otherwise cite \"S\" => far\n}\n",
      27);  // a, b: absent/true/false; t: absent/near/far
}

// The same with default logic: skip and value exceptions, in a `collect` and a `first`.
TEST(SemanticDiff, ExceptionsAgreeWithTheEvaluator) {
  check_by_brute_force(
      "output o: set of Tag \"o\"\no = collect {\n rule r1 cite \"S\" when a => one\n"
      " rule r2 cite \"S\" when b => two\n"
      " exception to r1 cite \"E\" when t == far => skip\n}\n",
      "output o: set of Tag \"o\"\no = collect {\n rule r1 cite \"S\" when a or b => one\n"
      " rule r2 cite \"S\" when b => two\n"
      " exception to r2 cite \"E\" when t == near => one\n}\n",
      27);
  check_by_brute_force(
      "output o: Tier \"o\"\no = first {\n rule x cite \"S\" when a => near\n"
      " otherwise cite \"S\" => far\n exception to x cite \"E\" when b => skip\n}\n",
      "output o: Tier \"o\"\no = first {\n rule x cite \"S\" when a => near\n"
      " otherwise cite \"S\" => far\n exception to x cite \"E\" when b => far\n}\n",
      27);
}

}  // namespace
}  // namespace sop::analysis
