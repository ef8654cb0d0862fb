// Invariants proved over the case space: held to a brute-force evaluation of every case of
// small programs, and to mutated copies of the shipped plans, each of which must fail the
// invariant its mutation breaks with a counterexample that evaluation confirms.
#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <sstream>

#include "analysis/invariants.hpp"
#include "interpreter/codec/case_json.hpp"
#include "interpreter/evaluator.hpp"
#include "lang/loader.hpp"
#include "support/random_cases.hpp"
#include "support/synthetic_program.hpp"

namespace sop::analysis {
namespace {

using testing_support::synthetic_program;

const char* k_rules = R"(
output o: bool "o"
o = first {
  rule r cite "S §1" when a => true
  otherwise cite "S §2" => false
}
)";

// Brute force: does any case (each fact absent or at each of its values) fail invariant `i`?
bool fails_somewhere(const Program& p, uint32_t i) {
  const InvariantDef& inv = p.invariants[i];
  Evaluator ev(p);
  const char* bools[] = {nullptr, "true", "false"};
  const char* tiers[] = {nullptr, "\"near\"", "\"far\""};
  for (const char* a : bools)
    for (const char* b : bools)
      for (const char* t : tiers) {
        std::string json = "{";
        auto field = [&](const char* k, const char* v) {
          if (!v) return;
          json += (json.size() > 1 ? ",\"" : "\"") + std::string(k) + "\":" + v;
        };
        field("a", a), field("b", b), field("t", t);
        Case c(p);
        std::string error;
        EXPECT_TRUE(CaseDecoder(p).decode(nlohmann::json::parse(json + "}"), c, error)) << error;
        ev.evaluate(c, false);
        Value cond = inv.condition == k_none ? Value::boolean(true)
                                             : ev.eval(static_cast<NodeIndex>(inv.condition));
        Value claim = ev.eval(inv.claim);
        bool holds = cond.kind == ValueKind::bool_ && cond.u.b;
        bool broken = claim.kind == ValueKind::bool_ && !claim.u.b;
        if (holds && broken) return true;
      }
  return false;
}

TEST(Invariants, AgreeWithBruteForceOnEveryCase) {
  auto p = synthetic_program(std::string(k_rules) + R"(
invariant when_a "a gives o" cite "S §3" when a => o
invariant when_not_b "not b gives o" cite "S §3" when not b => o
invariant always "o or not a" cite "S §3" => o or not a
invariant far_needs_a "far needs a" cite "S §3" when t == Tier.far => a
invariant unknown_is_no_failure "o is known or not" cite "S §3" => o == o
)");
  ASSERT_TRUE(p);
  std::vector<InvariantFailure> failures = prove_invariants(*p);
  std::vector<bool> failed(p->invariants.size(), false);
  for (const InvariantFailure& f : failures) {
    failed[f.invariant] = true;
    EXPECT_TRUE(f.confirmed) << p->invariants[f.invariant].label << " " << f.witness.dump();
  }
  for (uint32_t i = 0; i < p->invariants.size(); ++i)
    EXPECT_EQ(failed[i], fails_somewhere(*p, i)) << p->invariants[i].label;
  // The cases above: two hold, two fail, and an unknown claim is not a failure.
  EXPECT_EQ(failures.size(), 2u);
}

TEST(Invariants, ACounterexampleKeepsOnlyTheFactsThatMatter) {
  auto p = synthetic_program(std::string(k_rules) + R"(
invariant when_not_b "not b gives o" cite "S §3" when not b => o
)");
  ASSERT_TRUE(p);
  std::vector<InvariantFailure> failures = prove_invariants(*p);
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_TRUE(failures[0].complete_case);
  // `t` cannot matter: left out. `a` false (absent would leave o unknown) and `b` false.
  EXPECT_EQ(failures[0].witness, nlohmann::json::parse(R"({"a": false, "b": false})"));
  ASSERT_EQ(failures[0].evidence.size(), 1u);
  EXPECT_EQ(failures[0].evidence[0], "o = false (rule `otherwise` [S §2])");
}

// ---------------------------------------------------------------- the shipped plans

std::string read(const std::string& path) {
  std::ifstream f(path);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

std::string policy(const std::string& plan) {
  return std::string(SOP_SOURCE_DIR) + "/policies/" + plan + ".sop";
}

TEST(Invariants, EveryShippedPlanProvesAll) {
  for (const char* plan :
       {"partnership", "blue_shield_promise", "caloptima", "anthem_medicaid", "hpsj"}) {
    LoadResult r = load_program(policy(plan));
    ASSERT_TRUE(r.ok()) << plan;
    EXPECT_GE(r.program->invariants.size(), 6u) << plan;
    for (const InvariantFailure& f : prove_invariants(*r.program))
      ADD_FAILURE() << plan << ": " << r.program->invariants[f.invariant].label << " fails on "
                    << f.witness.dump();
  }
}

struct Mutation {
  const char* name;
  const char* plan;
  const char* from;  // text in the policy, replaced once
  const char* to;
  const char* invariant;  // the one that must fail
  const char* rule;       // a rule the counterexample's evidence must name
};

class Mutated : public ::testing::TestWithParam<Mutation> {};

TEST_P(Mutated, FailsTheInvariantItBreaks) {
  const Mutation& m = GetParam();
  std::string text = read(policy(m.plan));
  size_t at = text.find(m.from);
  ASSERT_NE(at, std::string::npos) << "the policy changed: " << m.from;
  text.replace(at, std::string(m.from).size(), m.to);
  LoadResult r = load_program_text(policy(m.plan), text);
  ASSERT_TRUE(r.ok()) << format_diagnostics(r.diagnostics, r.program->sources);
  const Program& p = *r.program;
  bool found = false;
  for (const InvariantFailure& f : prove_invariants(p)) {
    if (p.invariants[f.invariant].label != m.invariant) continue;
    found = true;
    EXPECT_TRUE(f.confirmed) << f.witness.dump();
    std::string evidence;
    for (const std::string& e : f.evidence) evidence += e + "\n";
    EXPECT_NE(evidence.find(std::string("rule `") + m.rule + "`"), std::string::npos) << evidence;
    // The diagnostic `sop check` prints names the plan and carries the case.
    Diagnostics diags;
    report_invariants(p, {f}, diags);
    std::string shown = format_diagnostics(diags, p.sources);
    EXPECT_NE(shown.find(std::string("error: invariant `") + m.invariant +
                         "` does not hold for plan `" + m.plan + "`"),
              std::string::npos)
        << shown;
    EXPECT_NE(shown.find("note: counterexample (sop.case/1): " + f.witness.dump()),
              std::string::npos)
        << shown;
  }
  EXPECT_TRUE(found) << m.invariant << " was not found failing";
}

INSTANTIATE_TEST_SUITE_P(
    ShippedPlans, Mutated,
    ::testing::Values(
        Mutation{"anthem_denial_without_timeframe", "anthem_medicaid",
                 "when in_network_available\n      and (decision == approve or (decision == "
                 "review and review_timing == untimed))\n    => no_decision_needed()",
                 "when in_network_available\n    => no_decision_needed()", "denial_is_a_decision",
                 "in_network_no_decision"},
        Mutation{"anthem_denial_notice_removed", "anthem_medicaid",
                 "    => { kind: denial, to: [member], contents: [] }",
                 "    when false => { kind: denial, to: [member], contents: [] }",
                 "denial_has_a_notice", "otherwise"},
        Mutation{"partnership_authorization_wrong_guard", "partnership",
                 "when route.tier == plan_network\n    => false",
                 "when route.tier == plan_network or urgent\n    => false",
                 "out_of_network_is_authorized", "network_no_permission"},
        Mutation{"partnership_approval_without_reason", "partnership",
                 "when reasons != []\n    => approve",
                 "when reasons != [] or urgent\n    => approve", "approval_has_a_reason",
                 "listed_reason"},
        Mutation{"partnership_timeframe_wrong_guard", "partnership",
                 "when route.tier == plan_network\n    => no_decision_needed()",
                 "when route.tier == plan_network or urgent\n    => no_decision_needed()",
                 "authorization_is_a_decision", "in_network_no_decision"},
        Mutation{"partnership_reference_not_deferred", "partnership", "=> no_decision_needed()",
                 "=> { kind: TimeframeKind.none, amount: null, due: null, calendar: null, ref: "
                 "MCUP3041, further_refs: null }",
                 "reference_only_when_deferred", "in_network_no_decision"},
        Mutation{"partnership_calendar_on_hours", "partnership", "=> within(72 hours)",
                 "=> { kind: TimeframeKind.hours, amount: 72, due: received_at + 72 hours, "
                 "calendar: us_federal, ref: null, further_refs: null }",
                 "calendar_only_for_business_days", "urgent_out_of_network"},
        Mutation{"hpsj_deferred_with_a_number", "hpsj", "=> deferred_to(UM_01)",
                 "=> { kind: TimeframeKind.deferred, amount: 5, due: null, calendar: null, ref: "
                 "UM_01, further_refs: null }",
                 "no_count_no_amount_or_due", "otherwise"},
        // Each plan's own invariants (stated in its policy file, cited and quoted).
        Mutation{"partnership_urgent_not_72_hours", "partnership", "=> within(72 hours)",
                 "=> within(48 hours)", "urgent_within_72_hours", "urgent_out_of_network"},
        Mutation{"partnership_pays_only_when_urgent", "partnership",
                 "    when route.tier == out_of_network\n\n  otherwise",
                 "    when route.tier == out_of_network and urgent\n\n  otherwise",
                 "partnership_pays_out_of_network", "otherwise"},
        Mutation{"blue_shield_specialist_any_specialty", "blue_shield_promise",
                 "=> route_to(Tier.plan_network, true, false)",
                 "=> route_to(Tier.plan_network, false, false)", "specialty_care_same_specialty",
                 "network"},
        Mutation{"blue_shield_authorized_opinion_charged", "blue_shield_promise",
                 "    when authorization_required\n\n  otherwise \"cost of an unauthorized",
                 "    when authorization_required and information_complete\n\n  otherwise \"cost "
                 "of an unauthorized",
                 "authorized_opinion_costs_nothing", "otherwise"},
        Mutation{"caloptima_third_opinion_reviewed", "caloptima",
                 "when opinion_number == 3 and prior_opinions_differ\n    => approve",
                 "when opinion_number == 3 and prior_opinions_differ\n    => review",
                 "shall_authorize_third_opinion", "third_opinion"},
        Mutation{"caloptima_specialist_any_specialty", "caloptima",
                 "=> route_to(Tier.plan_network, true, true)",
                 "=> route_to(Tier.plan_network, false, true)",
                 "specialist_care_same_or_equivalent_specialty", "specialist_member_choice"},
        Mutation{"anthem_specialist_not_selected_by_member", "anthem_medicaid",
                 "=> route_to(Tier.plan_network, true, true)",
                 "=> route_to(Tier.plan_network, true, false)",
                 "specialist_same_specialty_member_selects", "specialist_in_network"},
        Mutation{"anthem_denial_timed_by_a_number", "anthem_medicaid",
                 "=> deferred_to_several(CA_UMXX_117, [CA_UMXX_041, CA_UMXX_013])",
                 "=> within(72 hours)", "decisions_timed_by_other_policies", "otherwise"},
        Mutation{"hpsj_pcp_care_not_the_members_choice", "hpsj",
                 "=> route_to(Tier.plan_network, false, true)",
                 "=> route_to(Tier.plan_network, false, false)", "pcp_care_member_choice",
                 "pcp_member_choice"},
        // The error the invariant found: a member's OON request about PCP care routed to a
        // contracted provider without review (HPSJ SMO §II.B-C).
        Mutation{"hpsj_oon_request_for_pcp_care_not_reviewed", "hpsj",
                 "when requested_provider == out_of_network and in_network_available",
                 "when requested_provider == out_of_network and in_network_available\n"
                 "         and not (care_from == pcp and requester == member)",
                 "out_of_network_request_needs_authorization", "pcp_member_choice"}),
    [](const ::testing::TestParamInfo<Mutation>& info) { return info.param.name; });

// ---------------------------------------------------------------- what is not an invariant

// "undetermined ⇔ missing_facts is not empty" is a property of the engine, not of a plan's
// rules, and only one direction of it holds: a determination can know its decision while
// missing a fact that another output needs (then missing_facts is not empty and the decision
// is known). The direction that holds — an undetermined decision names the facts that would
// decide it, unless evaluation faulted — is held here on random cases of every shipped plan.
TEST(EngineProperty, AnUndeterminedDecisionNamesTheFactsThatWouldDecideIt) {
  for (const char* plan :
       {"partnership", "blue_shield_promise", "caloptima", "anthem_medicaid", "hpsj"}) {
    LoadResult r = load_program(policy(plan));
    ASSERT_TRUE(r.ok()) << plan;
    const Program& p = *r.program;
    int32_t decision = p.find_var("decision");
    ASSERT_GE(decision, 0);
    CaseDecoder decoder(p);
    Evaluator ev(p);
    std::mt19937 rng(7);
    size_t undetermined = 0;
    for (int i = 0; i < 2000; ++i) {
      Case c(p);
      std::string error;
      if (!decoder.decode(sop::testing::random_case(p, rng), c, error)) continue;
      ev.evaluate(c, false);
      if (!ev.value(static_cast<uint32_t>(decision)).is_unknown() || !ev.fault().empty()) continue;
      ++undetermined;
      EXPECT_FALSE(ev.missing_facts_of(static_cast<uint32_t>(decision)).empty()) << plan;
    }
    EXPECT_GT(undetermined, 0u) << plan << ": no undetermined case drawn";
  }
}

}  // namespace
}  // namespace sop::analysis
