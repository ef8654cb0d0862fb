// Change impact on synthetic revisions with known edits: each difference is attributed to the
// edit that causes it, interactions are named, and nothing is missed — the report is held to a
// brute-force evaluation of every complete case under A, B and A plus each edit alone.
#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <set>
#include <tuple>

#include "analysis/change_impact.hpp"
#include "analysis/comparison.hpp"
#include "analysis/revision.hpp"
#include "lang/loader.hpp"
#include "tests/support/synthetic_program.hpp"

namespace sop::analysis {
namespace {

using Triple = std::tuple<std::string, std::string, std::string>;  // component, from, to
using Attribution = std::map<std::string, std::set<Triple>>;       // edit titles → triples

struct Built {
  std::unique_ptr<Program> a, b;
  std::vector<std::unique_ptr<Program>> edited;
  Revision revision;
  std::vector<std::optional<size_t>> program_of_group;
};

Built build(const std::string& a, const std::string& b) {
  Built out;
  out.a = testing_support::synthetic_program(a);
  out.b = testing_support::synthetic_program(b);
  if (!out.a || !out.b) return out;
  out.revision = revision(*out.a, *out.b);
  out.program_of_group.resize(out.revision.edits.size());
  for (const Edit& e : out.revision.edits) {
    if (!e.has_lines || out.program_of_group[e.group]) continue;
    LoadResult r = load_program_text("p.sop", apply_group(out.revision, e.group));
    EXPECT_TRUE(r.ok()) << "A plus " << e.title() << " does not check";
    if (!r.ok()) continue;
    out.program_of_group[e.group] = 2 + out.edited.size();
    out.edited.push_back(std::move(r.program));
  }
  return out;
}

std::string group_title(const Revision& r, size_t group) {
  std::string out;
  for (const Edit& e : r.edits)
    if (e.group == group) out += (out.empty() ? "" : " + ") + e.title();
  return out;
}

// What the report attributes, per edit group (by title) and "combined".
Attribution reported(const ImpactReport& report, const Revision& r) {
  Attribution out;
  auto add = [&](const std::string& key, const EffectRow& row) {
    EXPECT_TRUE(row.confirmed) << key << ": " << row.component;
    out[key].insert({row.component, row.from.dump(), row.to.dump()});
  };
  for (const auto& g : report.groups)
    for (const EffectRow& row : g.rows) add(group_title(r, g.group), row);
  for (const EffectRow& row : report.combined) add("combined", row);
  return out;
}

// What every complete case says, evaluated one by one.
Attribution brute_force(Comparison& cmp, const Built& x) {
  Attribution out;
  const auto& facts = cmp.space().facts();
  std::vector<size_t> pick(facts.size(), 1);
  std::function<void(size_t)> each = [&](size_t f) {
    if (f < facts.size()) {
      for (size_t i = 1; i < facts[f].values.size(); ++i) {  // complete cases: no fact absent
        pick[f] = i;
        each(f + 1);
      }
      return;
    }
    nlohmann::json c = nlohmann::json::object();
    for (size_t k = 0; k < facts.size(); ++k) c[facts[k].json] = facts[k].values[pick[k]];
    for (size_t o = 0; o < cmp.outputs().size(); ++o) {
      for (const std::string& comp : cmp.components(o)) {
        auto va = cmp.concrete(c, o, comp, 0), vb = cmp.concrete(c, o, comp, 1);
        ASSERT_TRUE(va && vb);
        if (va->no_item || vb->no_item || va->value == vb->value) continue;
        Triple t{comp, va->value.dump(), vb->value.dump()};
        bool alone = false;
        for (size_t g = 0; g < x.program_of_group.size(); ++g) {
          if (!x.program_of_group[g]) continue;
          auto vg = cmp.concrete(c, o, comp, *x.program_of_group[g]);
          if (vg && !vg->no_item && vg->value == vb->value) {
            out[group_title(x.revision, g)].insert(t);
            alone = true;
          }
        }
        if (!alone) out["combined"].insert(t);
      }
    }
  };
  each(0);
  return out;
}

Attribution impact(const std::string& a, const std::string& b) {
  Built x = build(a, b);
  if (!x.a || !x.b) return {};
  std::vector<const Program*> programs{x.a.get(), x.b.get()};
  for (const auto& p : x.edited) programs.push_back(p.get());
  Comparison cmp(programs);
  ImpactReport report = change_impact(cmp, x.revision, x.program_of_group);
  EXPECT_TRUE(report.complete);
  Attribution got = reported(report, x.revision);
  EXPECT_EQ(got, brute_force(cmp, x)) << "the report against every complete case";
  return got;
}

std::set<Triple> triples(std::initializer_list<Triple> t) {
  return t;
}

TEST(ChangeImpact, OneChangedConstant) {
  Attribution got = impact(
      "output o: int \"o\"\no = first {\n  rule r cite \"S\" when a => 72\n  otherwise cite \"S\" "
      "=> 5\n}\n",
      "output o: int \"o\"\no = first {\n  rule r cite \"S\" when a => 48\n  otherwise cite \"S\" "
      "=> 5\n}\n");
  EXPECT_EQ(got, (Attribution{{"changed rule o.r", triples({{"o", "72", "48"}})}}));
}

TEST(ChangeImpact, NarrowedCondition) {
  Attribution got = impact(
      "output o: bool \"o\"\no = first {\n  rule r cite \"S\" when a => true\n  otherwise cite "
      "\"S\" => false\n}\n",
      "output o: bool \"o\"\no = first {\n  rule r cite \"S\" when a and b => true\n  otherwise "
      "cite \"S\" => false\n}\n");
  EXPECT_EQ(got, (Attribution{{"changed rule o.r", triples({{"o", "true", "false"}})}}));
}

TEST(ChangeImpact, AddedReasonAndAddedContentAreTwoEdits) {
  const std::string a =
      "output o: set of Tag \"o\"\no = collect {\n  rule r1 cite \"S\" when a => one\n}\n"
      "// the contents\n"
      "output n: set of Tier \"n\"\nn = collect {\n  rule c1 cite \"S\" when a => near\n}\n";
  const std::string b =
      "output o: set of Tag \"o\"\no = collect {\n  rule r1 cite \"S\" when a => one\n"
      "  rule r2 cite \"S\" when b => two\n}\n"
      "// the contents\n"
      "output n: set of Tier \"n\"\nn = collect {\n  rule c1 cite \"S\" when a => near\n"
      "  rule c2 cite \"S\" when t == far => far\n}\n";
  Attribution got = impact(a, b);
  EXPECT_EQ(got, (Attribution{{"added rule o.r2", triples({{"o[two]", "null", "true"}})},
                              {"added rule n.c2", triples({{"n[far]", "null", "true"}})}}));
}

TEST(ChangeImpact, ReorderedTier) {
  Attribution got = impact(
      "output o: Tier \"o\"\no = first {\n  rule x cite \"S\" when a => near\n  rule y cite \"S\" "
      "when b => far\n  otherwise cite \"S\" => far\n}\n",
      "output o: Tier \"o\"\no = first {\n  rule y cite \"S\" when b => far\n  rule x cite \"S\" "
      "when a => near\n  otherwise cite \"S\" => far\n}\n");
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got.begin()->second, triples({{"o", "\"near\"", "\"far\""}}));
  EXPECT_NE(got.begin()->first.find("moved rule o."), std::string::npos) << got.begin()->first;
}

TEST(ChangeImpact, TwoEditsThatInteractAreNamedAsACombination) {
  // Either rule alone still gives 1 where a and b both hold: only removing both changes it.
  Attribution got = impact(
      "output o: int \"o\"\no = first {\n  rule r1 cite \"S\" when a => 1\n  // between\n  rule "
      "r2 cite \"S\" when b => 1\n  otherwise cite \"S\" => 0\n}\n",
      "output o: int \"o\"\no = first {\n  // between\n  otherwise cite \"S\" => 0\n}\n");
  EXPECT_EQ(got, (Attribution{{"removed rule o.r1", triples({{"o", "1", "0"}})},
                              {"removed rule o.r2", triples({{"o", "1", "0"}})},
                              {"combined", triples({{"o", "1", "0"}})}}));
}

TEST(ChangeImpact, OnlyWordingChangedChangesNothing) {
  Built x = build(
      "output o: int \"o\"\no = first {\n  rule r cite \"S\" quote \"old\" when a => 1\n  "
      "otherwise cite \"S\" => 0\n}\n",
      "output o: int \"o\"\no = first {\n  rule r cite \"S\" quote \"new\" when a => 1\n  "
      "otherwise cite \"S\" => 0\n}\n");
  ASSERT_EQ(x.revision.edits.size(), 1u);
  EXPECT_TRUE(x.revision.edits[0].text_only);
  Comparison cmp({x.a.get(), x.b.get()});
  ImpactReport report = change_impact(cmp, x.revision, {std::nullopt});
  EXPECT_TRUE(report.equivalent);
  EXPECT_TRUE(report.combined.empty());
}

}  // namespace
}  // namespace sop::analysis
