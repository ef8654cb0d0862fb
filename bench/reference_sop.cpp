#include "bench/reference_sop.hpp"

#include <stdexcept>

#include "lang/loader.hpp"

namespace sop::bench {

namespace {

uint32_t var_of(const Program& p, const char* name) {
  int32_t v = p.find_var(name);
  if (v < 0) throw std::runtime_error(std::string("reference.sop declares no `") + name + "`");
  return static_cast<uint32_t>(v);
}

int64_t enum_value(const Program& p, const char* enum_name, const char* value) {
  int32_t e = p.find_enum(enum_name);
  if (e < 0) throw std::runtime_error(std::string("reference.sop declares no enum ") + enum_name);
  const EnumDef& d = p.enums[static_cast<size_t>(e)];
  for (size_t i = 0; i < d.values.size(); ++i)
    if (d.values[i].name == value) return static_cast<int64_t>(i);
  throw std::runtime_error(std::string("reference.sop: no ") + enum_name + "." + value);
}

}  // namespace

ReferenceSop::ReferenceSop(const std::string& path) {
  LoadResult r = load_program(path);
  if (!r.ok()) throw std::runtime_error(path + " does not check");
  program_ = std::move(r.program);
  const Program& p = *program_;
  const char* reasons[5] = {"reason_1", "reason_2", "reason_3", "reason_4", "reason_5"};
  for (int i = 0; i < 5; ++i) reason_[i] = var_of(p, reasons[i]);
  in_network_available_ = var_of(p, "in_network_available");
  urgent_ = var_of(p, "urgent");
  eligible_ = var_of(p, "eligible");
  tier_ = var_of(p, "tier");
  authorization_ = var_of(p, "authorization_required");
  timeframe_ = var_of(p, "timeframe");
  in_network_ = enum_value(p, "Tier", "in_network");
  hours_ = enum_value(p, "TimeframeKind", "hours");
  evaluator_ = std::make_unique<Evaluator>(p);
}

ReferenceSop::~ReferenceSop() = default;

Case ReferenceSop::decode(const ReferenceCase& c) const {
  Case out(*program_);
  for (int i = 0; i < 5; ++i) out.facts[reason_[i]] = Value::boolean(c.reason[i]);
  out.facts[in_network_available_] = Value::boolean(c.in_network_available);
  out.facts[urgent_] = Value::boolean(c.urgent);
  return out;
}

ReferenceAnswer ReferenceSop::answer(const Case& c, bool trace) {
  Evaluator& e = *evaluator_;
  e.evaluate(c, trace);
  ReferenceAnswer a;
  a.eligible = e.value(eligible_).is_true();
  const Value& tier = e.value(tier_);
  if (tier.kind == ValueKind::enum_)
    a.tier = tier.u.i == in_network_ ? RefTier::in_network : RefTier::out_of_network;
  const Value& auth = e.value(authorization_);
  if (auth.kind == ValueKind::bool_) a.authorization = auth.u.b ? 1 : 0;
  const Value& tf = e.value(timeframe_);
  if (tf.kind == ValueKind::record) {
    a.unit = tf.u.items[0].u.i == hours_ ? RefUnit::hours : RefUnit::business_days;
    a.amount = static_cast<int32_t>(tf.u.items[1].u.i);
  }
  return a;
}

}  // namespace sop::bench
