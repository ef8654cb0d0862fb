// The audit's rules: each requirement of a determination held against what a decision record
// shows (shared/spec/decision-record.md, the finding kinds). docs/audit.md explains each rule.
#include "audit/auditor.hpp"

#include <fmt/format.h>

#include "interpreter/codec/json_schema.hpp"
#include "interpreter/codec/json_text.hpp"
#include "lang/civil_time.hpp"

namespace sop::audit {

// Everything the audit reads, by index: outputs of sop.determination/1, fields of its records,
// facts of sop.case/1, fields of the decision record, and the enumeration values it compares.
struct Layout {
  uint32_t decision, route, timeframe, member_cost, notices, policy;
  uint32_t decision_approve, cost_none;
  uint32_t route_tier, route_cite;
  uint32_t tf_kind, tf_due, tf_ref, tf_further, tf_cite;
  uint32_t kind_hours, kind_business_days, kind_deferred;
  uint32_t notices_approve, notices_deny;
  uint32_t notice_kind, notice_to, notice_contents, notice_cite;
  uint32_t r_decided_at, r_decision, r_tier, r_authorized, r_member_charged, r_notices,
      r_extracted_at;
  uint32_t d_approve, d_deny, d_pending, d_withdrawn, record_decision_enum;
  uint32_t s_kind, s_to, s_contents, s_sent_at;
  uint32_t f_id, f_urgent, f_received_at;
  uint32_t record;
};

namespace {

// Looks declarations up by name, remembering the first that is missing.
class Finder {
 public:
  explicit Finder(const Program& p) : p_(p) {}
  std::string missing;

  uint32_t var(std::string_view json, bool fact) {
    for (uint32_t v : fact ? p_.facts : p_.outputs)
      if (p_.vars[v].json == json) return v;
    return fail(fmt::format("{} `{}`", fact ? "fact" : "output", json));
  }
  uint32_t record(std::string_view name) {
    for (size_t i = 0; i < p_.records.size(); ++i)
      if (p_.records[i].name == name) return static_cast<uint32_t>(i);
    return fail(fmt::format("record `{}`", name));
  }
  uint32_t field(uint32_t record, std::string_view json) {
    if (!missing.empty()) return 0;
    const RecordDef& r = p_.records[record];
    for (size_t i = 0; i < r.fields.size(); ++i)
      if (r.fields[i].json == json) return static_cast<uint32_t>(i);
    return fail(fmt::format("field `{}.{}`", r.name, json));
  }
  uint32_t enumeration(std::string_view name) {
    for (size_t i = 0; i < p_.enums.size(); ++i)
      if (p_.enums[i].name == name) return static_cast<uint32_t>(i);
    return fail(fmt::format("enum `{}`", name));
  }
  uint32_t value(uint32_t e, std::string_view json) {
    if (!missing.empty()) return 0;
    const EnumDef& d = p_.enums[e];
    for (size_t i = 0; i < d.values.size(); ++i)
      if (d.values[i].json == json) return static_cast<uint32_t>(i);
    return fail(fmt::format("value `{}.{}`", d.name, json));
  }

 private:
  uint32_t fail(std::string what) {
    if (missing.empty()) missing = std::move(what);
    return 0;
  }
  const Program& p_;
};

void find_outputs(Finder& f, Layout& l) {
  l.decision = f.var("decision", false);
  l.route = f.var("route", false);
  l.timeframe = f.var("timeframe", false);
  l.member_cost = f.var("member_cost", false);
  l.notices = f.var("notices", false);
  l.policy = f.var("policy", false);
  l.decision_approve = f.value(f.enumeration("Decision"), "approve");
  l.cost_none = f.value(f.enumeration("MemberCost"), "none");
  uint32_t route = f.record("Route"), tf = f.record("Timeframe"),
           kinds = f.enumeration("TimeframeKind");
  l.route_tier = f.field(route, "tier");
  l.route_cite = f.field(route, "cite");
  l.tf_kind = f.field(tf, "kind");
  l.tf_due = f.field(tf, "due");
  l.tf_ref = f.field(tf, "ref");
  l.tf_further = f.field(tf, "further_refs");
  l.tf_cite = f.field(tf, "cite");
  l.kind_hours = f.value(kinds, "hours");
  l.kind_business_days = f.value(kinds, "business_days");
  l.kind_deferred = f.value(kinds, "deferred");
  uint32_t notices = f.record("Notices"), notice = f.record("Notice");
  l.notices_approve = f.field(notices, "approve");
  l.notices_deny = f.field(notices, "deny");
  l.notice_kind = f.field(notice, "kind");
  l.notice_to = f.field(notice, "to");
  l.notice_contents = f.field(notice, "contents");
  l.notice_cite = f.field(notice, "cite");
}

void find_record(Finder& f, Layout& l) {
  l.record = f.record("DecisionRecord");
  l.r_decided_at = f.field(l.record, "decided_at");
  l.r_decision = f.field(l.record, "decision");
  l.r_tier = f.field(l.record, "tier");
  l.r_authorized = f.field(l.record, "authorized");
  l.r_member_charged = f.field(l.record, "member_charged");
  l.r_notices = f.field(l.record, "notices");
  l.r_extracted_at = f.field(l.record, "extracted_at");
  l.record_decision_enum = f.enumeration("RecordDecision");
  l.d_approve = f.value(l.record_decision_enum, "approve");
  l.d_deny = f.value(l.record_decision_enum, "deny");
  l.d_pending = f.value(l.record_decision_enum, "pending");
  l.d_withdrawn = f.value(l.record_decision_enum, "withdrawn");
  uint32_t sent = f.record("SentNotice");
  l.s_kind = f.field(sent, "kind");
  l.s_to = f.field(sent, "to");
  l.s_contents = f.field(sent, "contents");
  l.s_sent_at = f.field(sent, "sent_at");
  l.f_id = f.var("id", true);
  l.f_urgent = f.var("urgent", true);
  l.f_received_at = f.var("received_at", true);
}

const Value& field_of(const Value& record, uint32_t field) {
  return record.u.items[field];
}

std::string json_quoted(std::string_view s) {
  std::string out;
  append_json_string(out, s);
  return out;
}

std::string datetime_text(int64_t epoch, int32_t offset) {
  return civil::format_datetime({epoch, offset});
}

}  // namespace

// What judging one record needs: the record, the evaluated determination, and the deadline.
struct Auditor::Judging {
  const RecordValues& r;
  Evaluator& ev;
  std::vector<Finding>& out;
  Tally& tally;
  uint32_t decision = UINT32_MAX;  // RecordDecision value, or UINT32_MAX when absent
  bool has_deadline = false;
  int64_t deadline = 0;  // the last second in time (epoch)
  int32_t offset = 0;    // received_at's offset, for the deadline's text
  std::string due;       // JSON text of the due date-time
  std::string tf_cite;   // the timeframe's section
  bool late_notice = false;
  const Value& field(uint32_t f) const { return r.fields[f]; }
  void add(FindingKind k, std::string expected, std::string actual, std::string cite) {
    out.push_back({k, std::move(expected), std::move(actual), std::move(cite)});
  }
};

Auditor::Auditor(const Program& program, std::unique_ptr<Layout> layout,
                 std::unique_ptr<RecordDecoder> decoder)
    : p_(program), l_(std::move(layout)), decoder_(std::move(decoder)) {}
Auditor::~Auditor() = default;

std::unique_ptr<Auditor> Auditor::make(const Program& program, const CaseDecoder& cases,
                                       std::string& error) {
  auto l = std::make_unique<Layout>();
  Finder f(program);
  find_outputs(f, *l);
  find_record(f, *l);
  if (!f.missing.empty()) {
    error = fmt::format(
        "`sop audit` needs the declarations of stdlib/case_format.sop, and the {} is not declared",
        f.missing);
    return nullptr;
  }
  // Keys beginning `x_` are a log's own annotations (the format is extended only by adding).
  auto decoder = std::make_unique<RecordDecoder>(program, cases, "case", l->record, "x_");
  return std::unique_ptr<Auditor>(new Auditor(program, std::move(l), std::move(decoder)));
}

nlohmann::ordered_json decision_record_schema(const Program& program) {
  Finder f(program);
  uint32_t record = f.record("DecisionRecord");
  if (!f.missing.empty()) return nullptr;
  return record_line_schema(program, record, "case", "x_", "sop.decision-record/1",
                            "A decision record: a request's facts and what the plan did with it");
}

uint32_t Auditor::case_id_fact() const {
  return l_->f_id;
}

std::string_view Auditor::case_id(const RecordValues& r) const {
  const Value& id = r.kase.facts[l_->f_id];
  return id.kind == ValueKind::string ? id.text() : std::string_view{};
}

namespace {

// The trace's citation for `var`: the section of the rule that gave its value.
std::string cite_of(const Evaluator& ev, uint32_t var) {
  const Program& p = ev.program();
  for (auto it = ev.trace().rbegin(); it != ev.trace().rend(); ++it)
    if (it->var == var) return p.rules[it->rule].cite;
  return "";
}

std::string citation_text(const Program& p, const Value& v) {
  return v.kind == ValueKind::citation ? p.rules[static_cast<size_t>(v.aux)].cite : "";
}

// A set of enumeration values as a JSON array of their names.
std::string set_json(const Program& p, uint32_t e, uint64_t bits) {
  std::string out = "[";
  const EnumDef& d = p.enums[e];
  for (size_t i = 0; i < d.values.size() && i < 64; ++i) {
    if (!((bits >> i) & 1)) continue;
    if (out.size() > 1) out += ',';
    append_json_string(out, d.values[i].json);
  }
  return out + "]";
}

std::string enum_json(const Program& p, const Value& v) {
  if (v.kind != ValueKind::enum_) return "null";
  return json_quoted(p.enums[static_cast<size_t>(v.aux)].values[static_cast<size_t>(v.u.i)].json);
}

}  // namespace

void Auditor::not_judged(Judging& j, uint32_t output, std::vector<Finding>& out) const {
  std::string facts = "{\"missing_facts\":[";
  bool first = true;
  for (uint32_t f : j.ev.missing_facts_of(output)) {
    if (!first) facts += ',';
    first = false;
    append_json_string(facts, p_.vars[f].json);
  }
  facts += "]}";
  const Value& policy = j.ev.value(l_->policy);
  std::string cite = policy.kind == ValueKind::string ? std::string(policy.text()) : "";
  out.push_back({FindingKind::not_judged, facts, json_quoted(p_.vars[output].json), cite});
}

void Auditor::judge(const RecordValues& r, Evaluator& ev, std::vector<Finding>& out,
                    Tally& tally) const {
  ev.evaluate(r.kase, true);
  Judging j{r, ev, out, tally, UINT32_MAX, false, 0, 0, "", "", false};
  const Value& decision = j.field(l_->r_decision);
  if (decision.kind == ValueKind::enum_) {
    j.decision = static_cast<uint32_t>(decision.u.i);
    tally.decision = p_.enums[l_->record_decision_enum].values[j.decision].json;
  } else {
    tally.decision = "none";
  }
  const Value& urgent = r.kase.facts[l_->f_urgent];
  tally.urgency = urgent.is_true() ? "urgent" : urgent.is_false() ? "routine" : "unknown";
  judge_timeliness(j);
  judge_notices(j);
  judge_route(j);
  judge_decision(j);
  judge_cost(j);
}

// late_decision, overdue_pending, or not_judged: against the timeframe's due date-time (hours),
// or the end of the due business day in received_at's offset.
void Auditor::judge_timeliness(Judging& j) const {
  bool decided = j.decision == l_->d_approve || j.decision == l_->d_deny;
  bool pending = j.decision == l_->d_pending;
  if (!decided && !pending) return;
  const Value& tf = j.ev.value(l_->timeframe);
  if (tf.kind != ValueKind::record || field_of(tf, l_->tf_kind).kind != ValueKind::enum_) {
    if (tf.is_unknown()) not_judged(j, l_->timeframe, j.out);
    return;
  }
  j.tf_cite = citation_text(p_, field_of(tf, l_->tf_cite));
  auto kind = static_cast<uint32_t>(field_of(tf, l_->tf_kind).u.i);
  if (kind == l_->kind_deferred) {
    std::string refs = "{\"deferred_to\":[";
    const Value& ref = field_of(tf, l_->tf_ref);
    if (ref.kind == ValueKind::document) append_json_string(refs, p_.documents[ref.aux].ref);
    const Value& further = field_of(tf, l_->tf_further);
    for (int32_t i = 0; further.kind == ValueKind::list && i < further.aux; ++i) {
      refs += ',';
      append_json_string(refs, p_.documents[further.u.items[i].aux].ref);
    }
    j.add(FindingKind::not_judged, refs + "]}", json_quoted("timeframe"), j.tf_cite);
    return;
  }
  if (kind != l_->kind_hours && kind != l_->kind_business_days) return;  // no decision needed
  const Value& due = field_of(tf, l_->tf_due);
  const Value& received = j.r.kase.facts[l_->f_received_at];
  if (due.kind == ValueKind::datetime) {
    j.deadline = due.u.i;
    j.offset = due.aux;
  } else if (due.kind == ValueKind::date && received.kind == ValueKind::datetime) {
    j.offset = received.aux;  // the end of the due day, where the request was received
    j.deadline = (static_cast<int64_t>(due.u.i) + 1) * 86400 - int64_t{j.offset} * 60 - 1;
  } else {
    not_judged(j, l_->timeframe, j.out);
    return;
  }
  j.has_deadline = true;
  j.due = json_quoted(datetime_text(j.deadline, j.offset));
  const Value& at = j.field(decided ? l_->r_decided_at : l_->r_extracted_at);
  if (at.kind != ValueKind::datetime) {
    j.add(FindingKind::not_judged,
          "{\"missing_fields\":[\"" + std::string(decided ? "decided_at" : "extracted_at") + "\"]}",
          json_quoted("timeframe"), j.tf_cite);
    return;
  }
  j.tally.timeliness_judged = true;
  j.tally.decided_in_time = at.u.i <= j.deadline;
  if (j.tally.decided_in_time) return;
  std::string shown = json_quoted(datetime_text(at.u.i, at.aux));
  if (decided)
    j.add(FindingKind::late_decision, j.due, shown, j.tf_cite);
  else
    j.add(FindingKind::overdue_pending, j.due,
          "{\"decision\":\"pending\",\"extracted_at\":" + shown + "}", j.tf_cite);
}

// missing_notice, missing_recipient, missing_notice_content, late_notice: each notice the policy
// requires for the decision the plan made.
void Auditor::judge_notices(Judging& j) const {
  bool approve = j.decision == l_->d_approve;
  if (!approve && j.decision != l_->d_deny) return;
  const Value& notices = j.ev.value(l_->notices);
  if (notices.kind != ValueKind::record) return;
  const Value& required = field_of(notices, approve ? l_->notices_approve : l_->notices_deny);
  if (required.kind != ValueKind::list) {
    if (required.is_unknown()) not_judged(j, l_->notices, j.out);
    return;
  }
  // A record that does not say which notices were sent (no `notices`, or null) cannot show that
  // one was not: its notices are not judged, as a decision without `decided_at` is not judged
  // for time. An empty list says none was sent.
  if (required.aux > 0 && j.field(l_->r_notices).is_unknown()) {
    j.add(FindingKind::not_judged, "{\"missing_fields\":[\"notices\"]}", json_quoted("notices"),
          citation_text(p_, field_of(required.u.items[0], l_->notice_cite)));
    return;
  }
  for (int32_t i = 0; i < required.aux; ++i) judge_notice(j, required.u.items[i]);
  j.tally.notified_in_time = j.tally.notices_judged && !j.late_notice;
}

void Auditor::judge_notice(Judging& j, const Value& required) const {
  const Value& kind = field_of(required, l_->notice_kind);
  const Value& to = field_of(required, l_->notice_to);
  const Value& contents = field_of(required, l_->notice_contents);
  std::string cite = citation_text(p_, field_of(required, l_->notice_cite));
  // The notices of this kind the plan sent, taken together: who got one, what they said, and
  // when the first went out.
  const Value& sent = j.field(l_->r_notices);
  bool found = false, to_known = false, contents_known = false, sent_known = false;
  uint64_t sent_to = 0, said = 0, kinds = 0;
  Value first_sent;
  for (int32_t k = 0; sent.kind == ValueKind::list && k < sent.aux; ++k) {
    const std::vector<Value>& item = j.r.item(sent, k);
    kinds |= uint64_t{1} << item[l_->s_kind].u.i;
    if (item[l_->s_kind].u.i != kind.u.i) continue;
    found = true;
    if (item[l_->s_to].kind == ValueKind::set) to_known = true, sent_to |= item[l_->s_to].u.bits;
    if (item[l_->s_contents].kind == ValueKind::set)
      contents_known = true, said |= item[l_->s_contents].u.bits;
    const Value& at = item[l_->s_sent_at];
    if (at.kind == ValueKind::datetime && (!sent_known || at.u.i < first_sent.u.i))
      first_sent = at, sent_known = true;
  }
  if (!found) {
    std::string expected =
        "{\"kind\":" + enum_json(p_, kind) +
        ",\"to\":" + set_json(p_, static_cast<uint32_t>(to.aux), to.u.bits) +
        ",\"contents\":" + set_json(p_, static_cast<uint32_t>(contents.aux), contents.u.bits) + "}";
    j.add(FindingKind::missing_notice, expected,
          set_json(p_, static_cast<uint32_t>(kind.aux), kinds), cite);
    return;
  }
  if (to_known && (to.u.bits & ~sent_to))
    j.add(FindingKind::missing_recipient,
          set_json(p_, static_cast<uint32_t>(to.aux), to.u.bits & ~sent_to),
          set_json(p_, static_cast<uint32_t>(to.aux), sent_to), cite);
  if (contents_known && (contents.u.bits & ~said))
    j.add(FindingKind::missing_notice_content,
          set_json(p_, static_cast<uint32_t>(contents.aux), contents.u.bits & ~said),
          set_json(p_, static_cast<uint32_t>(contents.aux), said), cite);
  if (!j.has_deadline || !sent_known) return;
  j.tally.notices_judged = true;
  if (first_sent.u.i <= j.deadline) return;
  j.late_notice = true;
  j.add(FindingKind::late_notice, j.due, json_quoted(datetime_text(first_sent.u.i, first_sent.aux)),
        j.tf_cite);
}

// route_mismatch: an opinion authorized or arranged at another tier than the policy's route.
void Auditor::judge_route(Judging& j) const {
  const Value& tier = j.field(l_->r_tier);
  if (tier.kind != ValueKind::enum_) return;
  if (j.decision != l_->d_approve && !j.field(l_->r_authorized).is_true()) return;
  const Value& route = j.ev.value(l_->route);
  if (route.kind != ValueKind::record) {
    if (route.is_unknown()) not_judged(j, l_->route, j.out);
    return;
  }
  const Value& policy_tier = field_of(route, l_->route_tier);
  if (policy_tier.kind != ValueKind::enum_ || policy_tier.u.i == tier.u.i) return;
  j.add(FindingKind::route_mismatch, enum_json(p_, policy_tier), enum_json(p_, tier),
        citation_text(p_, field_of(route, l_->route_cite)));
}

// contrary_denial: a denial where the policy's decision is to approve.
void Auditor::judge_decision(Judging& j) const {
  if (j.decision != l_->d_deny) return;
  const Value& decision = j.ev.value(l_->decision);
  if (decision.is_unknown()) {
    not_judged(j, l_->decision, j.out);
    return;
  }
  if (decision.kind != ValueKind::enum_ || decision.u.i != l_->decision_approve) return;
  j.add(FindingKind::contrary_denial, json_quoted("approve"), json_quoted("deny"),
        cite_of(j.ev, l_->decision));
}

// member_charged: the member billed where the policy says the member pays nothing.
void Auditor::judge_cost(Judging& j) const {
  if (!j.field(l_->r_member_charged).is_true()) return;
  const Value& cost = j.ev.value(l_->member_cost);
  if (cost.is_unknown()) {
    not_judged(j, l_->member_cost, j.out);
    return;
  }
  if (cost.kind != ValueKind::enum_ || cost.u.i != l_->cost_none) return;
  j.add(FindingKind::member_charged, "{\"member_cost\":\"none\"}", "{\"member_charged\":true}",
        cite_of(j.ev, l_->member_cost));
}

}  // namespace sop::audit
