#include "interpreter/determination_writer.hpp"

#include "interpreter/json_text.hpp"
#include "lang/civil_time.hpp"

namespace sop {

namespace {

std::string json_quoted(std::string_view s) {
  std::string out;
  append_json_string(out, s);
  return out;
}

}  // namespace

DeterminationWriter::DeterminationWriter(const Program& program) : p_(program) {
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
      out += civil::format_date(static_cast<int32_t>(v.u.i));
      out += '"';
      return;
    case ValueKind::datetime:
      out += '"';
      out += civil::format_datetime({v.u.i, v.aux});
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
        if (!((v.u.bits >> i) & 1)) continue;
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
        if (i < 64 && ((v.maybe >> i) & 1)) continue;  // only the items certainly in
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
