#include "bench/reference_clips.hpp"

#include <stdexcept>
#include <string>

extern "C" {
#include <clips/clips.h>
}

namespace sop::bench {

namespace {

// The rule as a CLIPS programmer would write it: one rule per branch, joined on the case id.
const char* const k_constructs[] = {
    "(deftemplate request (slot id (type INTEGER)) (slot r1) (slot r2) (slot r3) (slot r4)"
    " (slot r5) (slot provider) (slot urgent))",
    "(deftemplate eligible (slot id))",
    "(deftemplate route (slot id) (slot tier) (slot authorization))",
    "(deftemplate timeframe (slot id) (slot kind) (slot amount))",
    "(defrule eligible"
    "  (request (id ?id) (r1 ?a) (r2 ?b) (r3 ?c) (r4 ?d) (r5 ?e))"
    "  (test (or (eq ?a TRUE) (eq ?b TRUE) (eq ?c TRUE) (eq ?d TRUE) (eq ?e TRUE)))"
    "  => (assert (eligible (id ?id))))",
    "(defrule in-network (eligible (id ?id)) (request (id ?id) (provider TRUE))"
    "  => (assert (route (id ?id) (tier in_network) (authorization FALSE))))",
    "(defrule out-of-network (eligible (id ?id)) (request (id ?id) (provider FALSE))"
    "  => (assert (route (id ?id) (tier out_of_network) (authorization TRUE))))",
    "(defrule urgent (request (id ?id) (urgent TRUE))"
    "  => (assert (timeframe (id ?id) (kind hours) (amount 72))))",
    "(defrule routine (request (id ?id) (urgent FALSE))"
    "  => (assert (timeframe (id ?id) (kind business_days) (amount 5))))",
};

void* find_template(void* env, const char* name) {
  void* t = EnvFindDeftemplate(env, name);
  if (!t) throw std::runtime_error(std::string("CLIPS: no deftemplate ") + name);
  return t;
}

void* symbol(void* env, const char* name) {
  void* s = EnvAddSymbol(env, name);
  IncrementSymbolCount(s);  // kept alive for the environment's lifetime
  return s;
}

}  // namespace

ReferenceClips::ReferenceClips() {
  env_ = CreateEnvironment();
  if (!env_) throw std::runtime_error("CLIPS: cannot create an environment");
  for (const char* c : k_constructs)
    if (!EnvBuild(env_, c)) throw std::runtime_error(std::string("CLIPS: cannot build ") + c);
  request_ = find_template(env_, "request");
  eligible_ = find_template(env_, "eligible");
  route_ = find_template(env_, "route");
  timeframe_ = find_template(env_, "timeframe");
  true_ = symbol(env_, "TRUE");
  false_ = symbol(env_, "FALSE");
  in_network_ = symbol(env_, "in_network");
  hours_ = symbol(env_, "hours");
  EnvReset(env_);
}

ReferenceClips::~ReferenceClips() {
  if (env_) DestroyEnvironment(env_);
}

void ReferenceClips::answer(const ReferenceCase* cases, size_t n, ReferenceAnswer* out) {
  auto put = [&](void* fact, const char* slot, bool b) {
    DATA_OBJECT d;
    SetType(d, SYMBOL);
    SetValue(d, b ? true_ : false_);
    EnvPutFactSlot(env_, fact, slot, &d);
  };
  static const char* const reasons[5] = {"r1", "r2", "r3", "r4", "r5"};
  for (size_t i = 0; i < n; ++i) {
    out[i] = ReferenceAnswer{};
    void* f = EnvCreateFact(env_, request_);
    DATA_OBJECT id;
    SetType(id, INTEGER);
    SetValue(id, EnvAddLong(env_, static_cast<long long>(i)));
    EnvPutFactSlot(env_, f, "id", &id);
    for (int r = 0; r < 5; ++r) put(f, reasons[r], cases[i].reason[r]);
    put(f, "provider", cases[i].in_network_available);
    put(f, "urgent", cases[i].urgent);
    EnvAssert(env_, f);
  }
  EnvRun(env_, -1);
  for (void* f = EnvGetNextFact(env_, nullptr); f; f = EnvGetNextFact(env_, f)) {
    void* t = EnvFactDeftemplate(env_, f);
    if (t != eligible_ && t != route_ && t != timeframe_) continue;
    DATA_OBJECT d;
    EnvGetFactSlot(env_, f, "id", &d);
    long long i = DOToLong(d);
    if (i < 0 || static_cast<size_t>(i) >= n) throw std::runtime_error("CLIPS: stray case id");
    ReferenceAnswer& a = out[i];
    if (t == eligible_) {
      a.eligible = true;
    } else if (t == route_) {
      EnvGetFactSlot(env_, f, "tier", &d);
      a.tier = GetValue(d) == in_network_ ? RefTier::in_network : RefTier::out_of_network;
      EnvGetFactSlot(env_, f, "authorization", &d);
      a.authorization = GetValue(d) == true_ ? 1 : 0;
    } else {
      EnvGetFactSlot(env_, f, "kind", &d);
      a.unit = GetValue(d) == hours_ ? RefUnit::hours : RefUnit::business_days;
      EnvGetFactSlot(env_, f, "amount", &d);
      a.amount = static_cast<int32_t>(DOToLong(d));
    }
  }
  EnvReset(env_);
}

}  // namespace sop::bench
