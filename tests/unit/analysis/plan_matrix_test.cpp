// The N-way matrix on small synthetic plans with known differences: the rows are exactly the
// cells where the plans' values are not all equal (checked case by case by brute force), each
// witness evaluates under every plan to the values and citations shown, and identical plans
// give no rows.
#include <gtest/gtest.h>

#include <functional>

#include "analysis/case_cover.hpp"
#include "analysis/plan_matrix.hpp"
#include "interpreter/codec/case_json.hpp"
#include "interpreter/codec/determination.hpp"
#include "lang/loader.hpp"
#include "tests/support/synthetic_program.hpp"

namespace sop::analysis {
namespace {

struct Plans {
  std::vector<std::unique_ptr<Program>> owned;
  std::vector<const Program*> raw;
};

Plans build(const std::vector<std::string>& bodies) {
  Plans out;
  for (const std::string& body : bodies) {
    out.owned.push_back(testing_support::synthetic_program(body));
    out.raw.push_back(out.owned.back().get());
  }
  return out;
}

std::string int_plan(const std::string& cond, int then, const std::string& cite) {
  return "output o: int \"o\"\no = first {\n rule r cite \"" + cite + "\" when " + cond + " => " +
         std::to_string(then) + "\n otherwise cite \"" + cite + " else\" => 0\n}\n";
}

std::vector<std::string> rows_text(const PlanMatrix& m, const Plans& plans) {
  std::vector<std::string> out;
  for (const MatrixRow& r : m.rows) {
    std::string s = r.component + ": " + nlohmann::json(r.values).dump() + " [";
    for (size_t p = 0; p < r.cites.size(); ++p) {
      for (int32_t c : r.cites[p]) s += c == k_none ? "-" : plans.raw[p]->rules[c].cite;
      s += p + 1 < r.cites.size() ? "|" : "";
    }
    s += "] when";
    for (const std::string& c : r.conditions) s += " (" + c + ")";
    out.push_back(s);
  }
  return out;
}

// Every complete case (or every case) of the space, by brute force: the plans' values differ
// exactly where the case lies in a row of that component with those values.
void check_by_brute_force(const Plans& plans, const PlanMatrix& m, bool complete_cases) {
  CaseSpace space(plans.raw);
  const auto& facts = space.facts();
  std::vector<size_t> pick(facts.size(), 0);
  std::vector<std::unique_ptr<Evaluator>> evs;
  for (const Program* p : plans.raw) evs.push_back(std::make_unique<Evaluator>(*p));
  size_t checked = 0;
  std::function<void(size_t)> each = [&](size_t f) {
    if (f < facts.size()) {
      for (size_t i = complete_cases ? 1 : 0; i < facts[f].values.size(); ++i) {
        pick[f] = i;
        each(f + 1);
      }
      return;
    }
    nlohmann::json c = nlohmann::json::object();
    for (size_t k = 0; k < facts.size(); ++k)
      if (pick[k] != 0) c[facts[k].json] = facts[k].values[pick[k]];
    std::vector<nlohmann::json> values;
    for (size_t p = 0; p < plans.raw.size(); ++p) {
      Case cs(*plans.raw[p]);
      std::string error;
      ASSERT_TRUE(CaseDecoder(*plans.raw[p]).decode(c, cs, error)) << error;
      evs[p]->evaluate(cs, false);
      const Var& v = plans.raw[p]->vars[plans.raw[p]->outputs.back()];
      values.push_back(value_json(*evs[p], evs[p]->value(plans.raw[p]->outputs.back()), v.type));
    }
    bool differ = std::any_of(values.begin(), values.end(),
                              [&](const nlohmann::json& v) { return v != values[0]; });
    size_t in_rows = 0;
    for (const MatrixRow& r : m.rows) {
      if (r.component != "o") continue;
      for (const Region& cube : r.cubes) {
        bool inside = true;
        for (size_t k = 0; k < facts.size() && inside; ++k) {
          const auto& a = cube.allowed[k];
          inside = a.empty() || std::find(a.begin(), a.end(), pick[k]) != a.end();
        }
        if (inside) {
          ++in_rows;
          EXPECT_EQ(nlohmann::json(r.values), nlohmann::json(values)) << c.dump();
        }
      }
    }
    EXPECT_EQ(in_rows, differ ? 1u : 0u) << c.dump();
    ++checked;
  };
  each(0);
  EXPECT_GT(checked, 0u);
}

TEST(PlanMatrix, IdenticalPlansHaveNoRows) {
  std::string p = int_plan("a", 1, "S");
  Plans plans = build({p, p, p});
  PlanMatrix m = plan_matrix(plans.raw);
  EXPECT_TRUE(m.complete);
  EXPECT_TRUE(m.rows.empty()) << ::testing::PrintToString(rows_text(m, plans));
  ASSERT_EQ(m.outputs.size(), 1u);
  EXPECT_EQ(m.outputs[0].rows, 0u);
  EXPECT_FALSE(m.outputs[0].constant);  // 1 or 0, by case
}

TEST(PlanMatrix, AConstantOutputIsSaidOnce) {
  const char* p = "output o: int \"o\"\no = first {\n otherwise cite \"S\" => 7\n}\n";
  Plans plans = build({p, p});
  PlanMatrix m = plan_matrix(plans.raw);
  EXPECT_TRUE(m.rows.empty());
  ASSERT_EQ(m.outputs.size(), 1u);
  EXPECT_TRUE(m.outputs[0].constant);
  EXPECT_EQ(m.outputs[0].value, nlohmann::json::parse(R"({"o": 7})"));
}

TEST(PlanMatrix, ThreePlansThreeCells) {
  Plans plans = build({int_plan("a", 1, "P1"), int_plan("a", 2, "P2"), int_plan("b", 1, "P3")});
  PlanMatrix m = plan_matrix(plans.raw);
  std::vector<std::string> rows = rows_text(m, plans);
  ASSERT_EQ(rows.size(), 3u) << ::testing::PrintToString(rows);
  // Rows are ordered by their values.
  EXPECT_EQ(rows[0], "o: [0,0,1] [P1 else|P2 else|P3] when (not a and b)");
  EXPECT_EQ(rows[1], "o: [1,2,0] [P1|P2|P3 else] when (a and not b)");
  EXPECT_EQ(rows[2], "o: [1,2,1] [P1|P2|P3] when (a and b)");
  for (const MatrixRow& r : m.rows) EXPECT_TRUE(r.confirmed) << r.witness.dump();
  // Witnesses carry only the fields that matter.
  // (An absent `a` would leave the first two plans undecided: it stays.)
  EXPECT_EQ(m.rows[0].witness, nlohmann::json::parse(R"({"a": false, "b": true})"));
  EXPECT_EQ(m.rows[2].witness, nlohmann::json::parse(R"({"a": true, "b": true})"));
  check_by_brute_force(plans, m, true);
}

TEST(PlanMatrix, CasesWithAbsentFactsOnRequest) {
  Plans plans = build({int_plan("a", 1, "P1"), int_plan("a and b", 1, "P2")});
  MatrixOptions o;
  o.complete_cases = false;
  PlanMatrix m = plan_matrix(plans.raw, o);
  std::vector<std::string> rows = rows_text(m, plans);
  // Unknown is a value: with a true and b absent the second plan cannot decide; with a absent
  // and b false only the first cannot.
  ASSERT_EQ(rows.size(), 3u) << ::testing::PrintToString(rows);
  EXPECT_EQ(rows[0], "o: [1,0] [P1|P2 else] when (a and not b)");
  EXPECT_EQ(rows[1], "o: [1,null] [P1|-] when (a and b unknown)");
  EXPECT_EQ(rows[2], "o: [null,0] [-|P2 else] when (a unknown and not b)");
  for (const MatrixRow& r : m.rows) EXPECT_TRUE(r.confirmed) << r.witness.dump();
  check_by_brute_force(plans, m, false);
  // Over complete cases only the first remains.
  EXPECT_EQ(plan_matrix(plans.raw).rows.size(), 1u);
}

TEST(PlanMatrix, ItemsOfACollection) {
  const char* head = "output o: set of Tag \"o\"\no = collect {\n";
  Plans plans = build({std::string(head) + " rule r1 cite \"P1\" when a => one\n}\n",
                       std::string(head) + " rule r1 cite \"P2\" when a => one\n rule r2 cite "
                                           "\"P2b\" when b => two\n}\n",
                       std::string(head) + " rule r1 cite \"P3\" when a or t == far => one\n}\n"});
  PlanMatrix m = plan_matrix(plans.raw);
  std::vector<std::string> rows = rows_text(m, plans);
  ASSERT_EQ(rows.size(), 2u) << ::testing::PrintToString(rows);
  EXPECT_EQ(rows[0], "o[one]: [null,null,true] [-|-|-] when (not a and t = far)");
  EXPECT_EQ(rows[1], "o[two]: [null,true,null] [-|-|-] when (b)");
  for (const MatrixRow& r : m.rows) EXPECT_TRUE(r.confirmed) << r.witness.dump();
}

TEST(PlanMatrix, RecordComponentsCarryTheirCitations) {
  auto plan = [](const std::string& tier_when_a, const std::string& cite) {
    return "record R \"r\" { tier: Tier \"t\"\n cite: citation \"c\" }\noutput o: R \"o\"\no = "
           "first {\n rule r cite \"" +
           cite + "\" when a => { tier: " + tier_when_a + " }\n otherwise cite \"" + cite +
           " else\" => { tier: near }\n}\n";
  };
  Plans plans = build({plan("near", "P1"), plan("far", "P2"), plan("far", "P3")});
  PlanMatrix m = plan_matrix(plans.raw);
  std::vector<std::string> rows = rows_text(m, plans);
  ASSERT_EQ(rows.size(), 1u) << ::testing::PrintToString(rows);
  EXPECT_EQ(rows[0], "o.tier: [\"near\",\"far\",\"far\"] [P1|P2|P3] when (a)");
  EXPECT_TRUE(m.rows[0].confirmed);
}

TEST(PlanMatrix, LongListingsAreCutWithANote) {
  Plans plans = build({int_plan("a", 1, "P1"), int_plan("a", 2, "P2"), int_plan("b", 1, "P3")});
  MatrixOptions o;
  o.max_rows = 1;
  PlanMatrix m = plan_matrix(plans.raw, o);
  EXPECT_EQ(m.rows.size(), 1u);
  ASSERT_EQ(m.outputs.size(), 1u);
  EXPECT_EQ(m.outputs[0].rows, 3u);  // the count stays exact
  ASSERT_EQ(m.notes.size(), 1u);
  EXPECT_EQ(m.notes[0], "`o`: 3 rows, the first 1 listed");
}

}  // namespace
}  // namespace sop::analysis
