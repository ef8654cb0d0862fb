// Every witness `sop diff` prints for every pair of shipped plans, re-evaluated with
// `sop eval --batch` under both plans: the component the finding names has, in each plan's
// determination, the value the finding says, and the two values differ. The component is looked
// up in the determination JSON by this test's own reading of the path (`route.tier`,
// `reasons[unclear_diagnosis]`, `notices.deny[denial].contents[appeal_rights]`), not by the
// analysis code that wrote it.
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "tests/support/run_sop.hpp"

namespace sop {
namespace {

namespace fs = std::filesystem;
using ojson = nlohmann::ordered_json;

using Out = testing_support::SopResult;
using testing_support::sop;

std::string key_text(const ojson& v) {
  return v.is_string() ? v.get<std::string>() : v.dump();
}

// The value at `path` in a determination: a leaf's value, `true` for an item that is there,
// null for one that is not (or for any part of an output that is null). A list item that is an
// object is named by its first field, as the format declares it (`id`, `kind`).
ojson lookup(const ojson& determination, const std::string& path) {
  const ojson* at = &determination;
  size_t i = 0;
  auto name_end = [&](size_t from) { return path.find_first_of(".[", from); };
  size_t end = name_end(0);
  std::string name = path.substr(0, end);
  if (!at->contains(name)) return nullptr;
  at = &(*at)[name];
  i = end == std::string::npos ? path.size() : end;
  while (i < path.size()) {
    if (at->is_null()) return nullptr;
    if (path[i] == '.') {
      end = name_end(i + 1);
      name = path.substr(i + 1, end == std::string::npos ? std::string::npos : end - i - 1);
      if (!at->is_object() || !at->contains(name)) return nullptr;
      at = &(*at)[name];
      i = end == std::string::npos ? path.size() : end;
      continue;
    }
    // `[key]`: the key may itself hold brackets (a JSON array), so match the closing one.
    int depth = 0;
    size_t close = i;
    for (; close < path.size(); ++close) {
      if (path[close] == '[') ++depth;
      if (path[close] == ']' && --depth == 0) break;
    }
    std::string key = path.substr(i + 1, close - i - 1);
    if (!at->is_array()) return nullptr;
    const ojson* item = nullptr;
    for (const ojson& x : *at) {
      if (x.is_object() ? (!x.empty() && key_text(x.begin().value()) == key) : key_text(x) == key)
        item = &x;
    }
    if (item == nullptr) return nullptr;
    i = close + 1;
    if (i == path.size()) return true;
    at = item;
  }
  return *at;
}

TEST(DiffWitness, LookupReadsPathsAsTheFormatWritesThem) {
  ojson d = ojson::parse(R"({"decision": "approve",
    "reasons": [{"id": "not_improving", "cite": "X §1"}],
    "route": {"tier": "plan_network", "cite": "X §2"},
    "notices": {"deny": [{"kind": "denial", "to": ["member"], "contents": ["appeal_rights"]}],
                "approve": []},
    "obligations": ["transportation"], "reviewer": null})");
  EXPECT_EQ(lookup(d, "decision"), "approve");
  EXPECT_EQ(lookup(d, "route.tier"), "plan_network");
  EXPECT_EQ(lookup(d, "reasons[not_improving]"), true);
  EXPECT_EQ(lookup(d, "reasons[serious_condition]"), nullptr);
  EXPECT_EQ(lookup(d, "notices.deny[denial]"), true);
  EXPECT_EQ(lookup(d, "notices.deny[denial].to[member]"), true);
  EXPECT_EQ(lookup(d, "notices.deny[denial].contents[appeal_rights]"), true);
  EXPECT_EQ(lookup(d, "notices.deny[denial].contents[dhcs_complaint]"), nullptr);
  EXPECT_EQ(lookup(d, "notices.approve[approval]"), nullptr);
  EXPECT_EQ(lookup(d, "obligations[transportation]"), true);
  EXPECT_EQ(lookup(d, "reviewer"), nullptr);
  EXPECT_EQ(lookup(d, "timeframe.kind"), nullptr);
}

const std::vector<std::string> k_plans = {"anthem_medicaid", "blue_shield_promise", "caloptima",
                                          "hpsj", "partnership"};

class EveryPair : public testing::TestWithParam<std::pair<std::string, std::string>> {};

TEST_P(EveryPair, EveryWitnessReallyDiffersUnderSopEval) {
  auto [a, b] = GetParam();
  std::string pa = "policies/" + a + ".sop", pb = "policies/" + b + ".sop";
  Out diff = sop({"diff", pa, pb, "--format", "json"});
  ASSERT_EQ(diff.status, 1) << diff.err;
  ojson report = ojson::parse(diff.out);
  ASSERT_EQ(report["complete"], true);
  const ojson& findings = report["semantic"];
  ASSERT_FALSE(findings.empty());
  std::string lines;
  for (const ojson& f : findings) lines += f["witness"].dump() + "\n";
  std::vector<std::vector<ojson>> determinations;
  for (const std::string& policy : {pa, pb}) {
    Out eval = sop({"eval", policy, "--batch", "--no-trace"}, lines);
    ASSERT_EQ(eval.status, 0) << policy << ": " << eval.err;
    std::vector<ojson> ds;
    std::istringstream in(eval.out);
    for (std::string line; std::getline(in, line);) ds.push_back(ojson::parse(line));
    ASSERT_EQ(ds.size(), findings.size()) << policy;
    determinations.push_back(std::move(ds));
  }
  for (size_t i = 0; i < findings.size(); ++i) {
    const ojson& f = findings[i];
    std::string path = f["output"].get<std::string>();
    ojson got_a = lookup(determinations[0][i], path);
    ojson got_b = lookup(determinations[1][i], path);
    SCOPED_TRACE(a + " vs " + b + ": " + path + " witness " + f["witness"].dump());
    EXPECT_EQ(got_a, f["a"]);
    EXPECT_EQ(got_b, f["b"]);
    EXPECT_NE(got_a, got_b);
  }
}

std::vector<std::pair<std::string, std::string>> pairs() {
  std::vector<std::pair<std::string, std::string>> out;
  for (size_t i = 0; i < k_plans.size(); ++i)
    for (size_t j = i + 1; j < k_plans.size(); ++j) out.emplace_back(k_plans[i], k_plans[j]);
  return out;
}

INSTANTIATE_TEST_SUITE_P(ShippedPlans, EveryPair, testing::ValuesIn(pairs()), [](const auto& info) {
  return info.param.first + "_" + info.param.second;
});

}  // namespace
}  // namespace sop
