#include "interpreter/codec/determination_writer.hpp"

#include "interpreter/codec/json_text.hpp"
#include "lang/civil_time.hpp"

namespace sop {

namespace {

std::string json_quoted(std::string_view s) {
  std::string out;
  append_json_string(out, s);
  return out;
}

void two_digits(std::string& out, int64_t v) {
  out += static_cast<char>('0' + v / 10);
  out += static_cast<char>('0' + v % 10);
}

// "YYYY-MM-DD", as civil::format_date writes it, without fmt's formatting machinery: a date is
// in most determinations. Years are 0001 to 9999 (an evaluation fault otherwise).
void append_date(std::string& out, int32_t days) {
  civil::YMD c = civil::civil_from_days(days);
  if (c.year < 0 || c.year > 9999) {
    out += civil::format_date(days);
    return;
  }
  two_digits(out, c.year / 100);
  two_digits(out, c.year % 100);
  out += '-';
  two_digits(out, c.month);
  out += '-';
  two_digits(out, c.day);
}

// As civil::format_datetime: the local date and time in the value's own offset, then the offset
// ("Z" for zero).
void append_datetime(std::string& out, int64_t epoch_seconds, int32_t offset_minutes) {
  int off = offset_minutes < 0 ? -offset_minutes : offset_minutes;
  if (off / 60 > 99) {  // not an offset a case can carry; civil's own text
    out += civil::format_datetime({epoch_seconds, offset_minutes});
    return;
  }
  int64_t local = epoch_seconds + static_cast<int64_t>(offset_minutes) * 60;
  int64_t day = local >= 0 ? local / 86400 : (local - 86399) / 86400;
  int64_t secs = local - day * 86400;
  append_date(out, static_cast<int32_t>(day));
  out += 'T';
  two_digits(out, secs / 3600);
  out += ':';
  two_digits(out, (secs / 60) % 60);
  out += ':';
  two_digits(out, secs % 60);
  if (offset_minutes == 0) {
    out += 'Z';
    return;
  }
  out += offset_minutes < 0 ? '-' : '+';
  two_digits(out, off / 60);
  out += ':';
  two_digits(out, off % 60);
}

}  // namespace

DeterminationWriter::DeterminationWriter(const Program& program) : p_(program) {
  version_json_ =
      "\"version\":" + (p_.version ? json_quoted(*p_.version) : "null") + ",\"version_from\":" +
      (p_.in_force_from ? json_quoted(civil::format_date(*p_.in_force_from)) : "null") + ',';
  for (const EnumDef& e : p_.enums) {
    std::vector<std::string>& values = enum_json_.emplace_back();
    for (const auto& v : e.values) values.push_back(json_quoted(v.json));
  }
  for (const RecordDef& r : p_.records) {
    std::vector<std::string>& keys = field_keys_.emplace_back();
    for (const auto& f : r.fields) keys.push_back(json_quoted(f.json) + ":");
  }
  for (const auto& d : p_.documents) document_json_.push_back(json_quoted(d.ref));
  for (const auto& c : p_.calendars) calendar_json_.push_back(json_quoted(c.name));
  for (const Var& v : p_.vars) var_json_.push_back(json_quoted(v.json));
  for (const Rule& r : p_.rules) {
    cite_json_.push_back(json_quoted(r.cite));
    std::string t = ",\"rule\":" + json_quoted(r.display()) + ",\"cite\":" + json_quoted(r.cite);
    if (!r.baseline_cite.empty()) t += ",\"baseline\":" + json_quoted(r.baseline_cite);
    rule_trace_.push_back(t + "}");
  }
}

// Mirrors value_json (determination.cpp) case by case; determination_writer_test holds the two
// to the same bytes.
void DeterminationWriter::value(const Evaluator& ev, const Value& v, TypeId type,
                                std::string& out) const {
  switch (v.kind) {
    case ValueKind::unknown:
    case ValueKind::null:
      out += "null";
      return;
    case ValueKind::bool_:
      out += v.u.b ? "true" : "false";
      return;
    case ValueKind::int_:
      append_json_int(out, v.u.i);
      return;
    case ValueKind::string:
      append_json_string(out, v.text());
      return;
    case ValueKind::date:
      out += '"';
      append_date(out, static_cast<int32_t>(v.u.i));
      out += '"';
      return;
    case ValueKind::datetime:
      out += '"';
      append_datetime(out, v.u.i, v.aux);
      out += '"';
      return;
    case ValueKind::document:
      out += document_json_[v.aux];
      return;
    case ValueKind::calendar:
      out += calendar_json_[v.aux];
      return;
    case ValueKind::duration:
      // Rare in determinations: the tree renderer's own text.
      out += value_json(ev, v, type).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      return;
    case ValueKind::enum_:
      out += enum_json_[v.aux][v.u.i];
      return;
    case ValueKind::citation:
      out += cite_json_[v.aux];
      return;
    case ValueKind::set: {
      out += '[';
      const std::vector<std::string>& names = enum_json_[v.aux];
      bool first = true;
      for (size_t i = 0; i < names.size(); ++i) {
        if (!v.has_member(i)) continue;
        if (!first) out += ',';
        first = false;
        out += names[i];
      }
      out += ']';
      return;
    }
    case ValueKind::list: {
      out += '[';
      TypeId s = p_.types.strip_optional(type);
      TypeKind k = p_.types.kind(s);
      TypeId et = k == TypeKind::list || k == TypeKind::set ? p_.types.info(s).elem : 0;
      bool first = true;
      for (int32_t i = 0; i < v.aux; ++i) {
        if (v.item_maybe(i)) continue;  // only the items certainly in
        if (!first) out += ',';
        first = false;
        value(ev, v.u.items[i], et, out);
      }
      out += ']';
      return;
    }
    case ValueKind::record: {
      out += '{';
      const RecordDef& r = p_.records[v.aux];
      const std::vector<std::string>& keys = field_keys_[v.aux];
      for (size_t i = 0; i < r.fields.size(); ++i) {
        if (i) out += ',';
        out += keys[i];
        value(ev, v.u.items[i], r.fields[i].type, out);
      }
      out += '}';
      return;
    }
  }
  out += "null";
}

void DeterminationWriter::write(Evaluator& ev, const RenderOptions& options,
                                std::string& out) const {
  out += '{';
  bool first = true;
  for (uint32_t o : p_.outputs) {
    const Var& var = p_.vars[o];
    Value v = ev.value(o);
    if (v.is_unknown() && var.unknown_as != k_none)
      v = ev.eval(static_cast<NodeIndex>(var.unknown_as));
    if (!first) out += ',';
    first = false;
    out += var_json_[o];
    out += ':';
    value(ev, v, var.type, out);
  }
  if (!first) out += ',';
  out += version_json_;
  out += "\"missing_facts\":[";
  first = true;
  for (uint32_t f : ev.missing_facts()) {
    if (!first) out += ',';
    first = false;
    out += var_json_[f];
  }
  out += ']';
  if (options.trace) {
    out += ",\"trace\":[";
    first = true;
    for (const TraceEntry& t : ev.trace()) {
      if (!first) out += ',';
      first = false;
      out += "{\"output\":";
      out += var_json_[t.var];
      out += rule_trace_[t.rule];
    }
    out += ']';
  }
  out += '}';
}

}  // namespace sop
