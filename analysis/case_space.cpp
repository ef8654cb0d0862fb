#include "analysis/case_space.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "interpreter/codec/case_json.hpp"
#include "lang/civil_time.hpp"

namespace sop::analysis {

namespace {

// Constants each fact var is compared with: `f == c`, `f < c`, `f in [c, …]`.
std::map<uint32_t, std::vector<Value>> compared_constants(const Program& p) {
  std::map<uint32_t, std::vector<Value>> out;
  for (const Node& n : p.nodes) {
    bool cmp = n.op == Op::eq || n.op == Op::ne || n.op == Op::lt || n.op == Op::le ||
               n.op == Op::gt || n.op == Op::ge || n.op == Op::in;
    if (!cmp) continue;
    const Node& l = p.nodes[n.a];
    const Node& r = p.nodes[n.b];
    if (l.op == Op::fact && r.op == Op::constant) out[l.a].push_back(p.constants[r.a]);
    if (r.op == Op::fact && l.op == Op::constant) out[r.a].push_back(p.constants[l.a]);
    if (l.op == Op::fact && (r.op == Op::make_list || r.op == Op::make_set)) {
      for (uint32_t i = 0; i < r.c; ++i) {
        const Node& item = p.nodes[p.operands[r.b + i]];
        if (item.op == Op::constant) out[l.a].push_back(p.constants[item.a]);
      }
    }
  }
  return out;
}

// 10:00 on `day` as a date-time: on `zone`'s clock with the offset in force that day (-07:00 in a
// Los Angeles July), or at -08:00 when no zone is given.
std::string ten_o_clock(int32_t day, const TimeZone* zone) {
  if (!zone) return civil::format_date(day) + "T10:00:00-08:00";
  int64_t local = int64_t{day} * 86400 + 10 * 3600;
  TimeZone::LocalOffset off = zone->offset_at_local(local);
  int32_t offset = off.kind == TimeZone::LocalOffset::unique ? off.offset : off.after;
  return civil::format_datetime({local - offset, offset / 60});
}

// A weekday morning with no holiday near it, and the eve of every holiday of every calendar in
// one year: business-day deadlines counted on different calendars differ around holidays.
std::vector<std::string> datetime_probes(const std::vector<const Program*>& programs,
                                         const TimeZone* zone) {
  std::set<std::string> out = {ten_o_clock(civil::days_from_civil(2027, 3, 10), zone)};
  for (const Program* p : programs) {
    for (const CalendarDef& c : p->calendars) {
      Calendar cal(c.name, c.holidays);
      for (const Calendar::Observed& h : cal.holidays_in(2027))
        out.insert(ten_o_clock(h.day - 1, zone));
    }
  }
  return {out.begin(), out.end()};
}

}  // namespace

CaseSpace::CaseSpace(const std::vector<const Program*>& programs, const TimeZone* zone) {
  size_t np = programs.size();
  by_var_.resize(np);
  std::map<std::string, size_t> index;
  for (size_t p = 0; p < np; ++p) {
    const Program& prog = *programs[p];
    by_var_[p].assign(prog.vars.size(), -1);
    for (uint32_t f : prog.facts) {
      const Var& v = prog.vars[f];
      auto [it, fresh] = index.emplace(v.json, facts_.size());
      if (fresh) {
        FactDomain d;
        d.json = v.json;
        d.doc = v.doc;
        d.var.assign(np, k_none);
        facts_.push_back(std::move(d));
      }
      facts_[it->second].var[p] = static_cast<int32_t>(f);
      by_var_[p][f] = static_cast<int32_t>(it->second);
    }
  }
  // Representative values, from the first program that declares each fact.
  std::vector<std::map<uint32_t, std::vector<Value>>> constants;
  for (const Program* p : programs) constants.push_back(compared_constants(*p));
  std::vector<std::string> probes = datetime_probes(programs, zone);
  for (FactDomain& d : facts_) {
    size_t p0 = 0;
    while (d.var[p0] == k_none) ++p0;
    const Program& prog = *programs[p0];
    const Var& var = prog.vars[d.var[p0]];
    TypeId t = prog.types.strip_optional(var.type);
    d.values.push_back(nullptr);
    std::vector<Value> consts;
    for (size_t p = 0; p < np; ++p) {
      if (d.var[p] == k_none) continue;
      auto it = constants[p].find(static_cast<uint32_t>(d.var[p]));
      if (it != constants[p].end())
        consts.insert(consts.end(), it->second.begin(), it->second.end());
    }
    switch (prog.types.kind(t)) {
      case TypeKind::bool_:
        d.values.push_back(true);
        d.values.push_back(false);
        break;
      case TypeKind::enum_:
        for (const auto& item : prog.enums[prog.types.info(t).ref].values) {
          d.values.push_back(item.json);
          d.value_docs.resize(d.values.size());
          d.value_docs.back() = item.doc;
        }
        break;
      case TypeKind::calendar: {
        std::set<std::string> names;
        for (const Program* p : programs)
          for (const CalendarDef& c : p->calendars) names.insert(c.name);
        for (const std::string& n : names) d.values.push_back(n);
        break;
      }
      case TypeKind::int_: {
        std::set<int64_t> reps;
        for (const Value& c : consts) {
          if (c.kind != ValueKind::int_) continue;
          for (int64_t x : {c.u.i - 1, c.u.i, c.u.i + 1}) reps.insert(x);
        }
        if (var.range_lo) reps.insert(*var.range_lo);
        if (var.range_hi) reps.insert(*var.range_hi);
        if (reps.empty()) reps.insert(0);
        for (int64_t x : reps) {
          if ((var.range_lo && x < *var.range_lo) || (var.range_hi && x > *var.range_hi)) continue;
          d.values.push_back(x);
        }
        break;
      }
      case TypeKind::string: {
        std::set<std::string> reps;
        for (const Value& c : consts)
          if (c.kind == ValueKind::string) reps.insert(std::string(c.text()));
        std::string other = "other";
        while (reps.count(other)) other += "_";
        for (const std::string& s : reps) d.values.push_back(s);
        d.values.push_back(other);
        break;
      }
      case TypeKind::date: {
        std::set<int32_t> reps = {civil::days_from_civil(2027, 3, 10)};
        for (const Value& c : consts) {
          if (c.kind != ValueKind::date) continue;
          for (int64_t x : {c.u.i - 1, c.u.i, c.u.i + 1}) reps.insert(static_cast<int32_t>(x));
        }
        for (int32_t x : reps) d.values.push_back(civil::format_date(x));
        break;
      }
      case TypeKind::datetime: {
        std::set<std::string> reps(probes.begin(), probes.end());
        for (const Value& c : consts) {
          if (c.kind != ValueKind::datetime) continue;
          for (int64_t dx : {-1, 0, 1}) reps.insert(civil::format_datetime({c.u.i + dx, c.aux}));
        }
        for (const std::string& s : reps) d.values.push_back(s);
        break;
      }
      default:
        break;  // only absent: such facts cannot be given in a case by value here
    }
    d.value_docs.resize(d.values.size());
    // Decode each value as each program reads it.
    d.decoded.assign(np, {});
    for (size_t p = 0; p < np; ++p) {
      d.decoded[p].assign(d.values.size(), Value::unknown());
      if (d.var[p] == k_none) continue;
      CaseDecoder decoder(*programs[p]);
      storage_.push_back(std::make_unique<Case>(*programs[p]));
      Case& store = *storage_.back();
      for (size_t i = 1; i < d.values.size(); ++i) {
        std::string error;
        if (decoder.decode_fact(static_cast<uint32_t>(d.var[p]), d.values[i], store, error))
          d.decoded[p][i] = store.facts[d.var[p]];
      }
    }
  }
}

}  // namespace sop::analysis
