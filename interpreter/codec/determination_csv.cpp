#include "interpreter/codec/determination_csv.hpp"

#include <cctype>
#include <charconv>

#include "interpreter/codec/csv.hpp"
#include "interpreter/codec/json_text.hpp"
#include "interpreter/value_text.hpp"
#include "lang/civil_time.hpp"

namespace sop {

namespace {
enum : size_t { k_line, k_plan, k_error };  // the leading columns
}

size_t CsvColumns::index_of(const std::string& name) {
  for (size_t i = 0; i < names_.size(); ++i)
    if (names_[i] == name) return i;
  names_.push_back(name);
  return names_.size() - 1;
}

void CsvColumns::add(size_t plan, const Program& p, uint32_t var, const std::string& name,
                     TypeId type, std::vector<uint32_t>& path) {
  TypeId t = p.types.strip_optional(type);
  TypeKind k = p.types.kind(t);
  if (k == TypeKind::list || k == TypeKind::set) {
    // A list of records: a column per field (the items' values joined).
    TypeId e = p.types.strip_optional(p.types.info(t).elem);
    if (p.types.kind(e) == TypeKind::record) t = e, k = TypeKind::record;
  }
  if (k == TypeKind::record) {
    const RecordDef& r = p.records[p.types.info(t).ref];
    for (uint32_t i = 0; i < r.fields.size(); ++i) {
      path.push_back(i);
      add(plan, p, var, name + "." + r.fields[i].json, r.fields[i].type, path);
      path.pop_back();
    }
    return;
  }
  // A leading column of the same name (a plan's own `plan` output, say) is written once.
  for (size_t lead : {k_line, k_plan, k_error})
    if (names_[lead] == name) return;
  columns_[plan].push_back({var, path, index_of(name)});
}

std::vector<std::pair<uint32_t, uint32_t>> fact_copies(const Program& p) {
  std::vector<std::pair<uint32_t, uint32_t>> out;
  for (uint32_t o : p.outputs) {
    int32_t d = p.vars[o].derive_node;
    if (d == k_none) continue;
    const Node* n = &p.nodes[static_cast<size_t>(d)];
    if (n->op == Op::coalesce && p.nodes[n->b].op == Op::constant &&
        p.constants[p.nodes[n->b].a].kind == ValueKind::null)
      n = &p.nodes[n->a];  // `fact ?? null` copies the fact too
    if (n->op == Op::fact) out.emplace_back(o, n->a);
  }
  return out;
}

std::string readable_header(std::string_view json_name) {
  std::string out;
  for (char c : json_name) {
    if (c == '.')
      out += ": ";
    else
      out += c == '_' ? ' ' : c;
  }
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

CsvColumns::CsvColumns(const std::vector<const Program*>& programs, bool trace)
    : CsvColumns(programs, CsvLayout{trace, {}, false, false}) {}

CsvColumns::CsvColumns(const std::vector<const Program*>& programs, const CsvLayout& layout)
    : programs_(programs), layout_(layout), names_{"line", "plan", "error"} {
  echo_first_ = names_.size();
  for (const std::string& e : layout.echo) names_.push_back("input." + e);
  columns_.resize(programs.size());
  copies_.resize(programs.size());
  for (size_t i = 0; i < programs.size(); ++i) {
    const Program& p = *programs[i];
    for (uint32_t o : p.outputs) {
      std::vector<uint32_t> path;
      add(i, p, o, p.vars[o].json, p.vars[o].type, path);
    }
    for (auto [output, fact] : fact_copies(p))
      for (const Column& c : columns_[i])
        if (c.var == output && c.path.empty()) copies_[i].emplace_back(c.index, fact);
  }
  version_ = index_of("version");
  version_from_ = index_of("version_from");
  missing_ = index_of("missing_facts");
  if (layout_.trace) trace_index_ = index_of("trace");
  cells_.resize(names_.size());
}

std::string CsvColumns::header() const {
  std::string out;
  for (size_t i = 0; i < names_.size(); ++i) {
    if (i) out += ',';
    append_csv_field(out, layout_.readable ? readable_header(names_[i]) : names_[i]);
  }
  return out + (layout_.excel ? "\r\n" : "\n");
}

// A value as cell text: null and unknown empty, scalars as in JSON without quotes, lists joined
// ("; " at the top, ", " within), record fields followed along `path` from `depth`.
void CsvColumns::text(const Evaluator& ev, const Value& v, TypeId type,
                      const std::vector<uint32_t>& path, size_t depth, int level,
                      std::string& out) const {
  const Program& p = ev.program();
  TypeId t = p.types.strip_optional(type);
  switch (v.kind) {
    case ValueKind::unknown:
    case ValueKind::null:
      return;
    case ValueKind::bool_:
      out += v.u.b ? "true" : "false";
      return;
    case ValueKind::int_:
      append_json_int(out, v.u.i);
      return;
    case ValueKind::string:
      out.append(v.text());
      return;
    case ValueKind::date:
      out += civil::format_date(static_cast<int32_t>(v.u.i));
      return;
    case ValueKind::datetime:
      out += civil::format_datetime({v.u.i, v.aux});
      return;
    case ValueKind::duration:
      append_json_int(out, v.u.i);
      out += ' ';
      out += unit_name(v.unit);
      return;
    case ValueKind::enum_:
      out += p.enums[v.aux].values[v.u.i].json;
      return;
    case ValueKind::citation:
      out += p.rules[v.aux].cite;
      return;
    case ValueKind::document:
      out += p.documents[v.aux].ref;
      return;
    case ValueKind::calendar:
      out += p.calendars[v.aux].name;
      return;
    case ValueKind::set: {
      const EnumDef& e = p.enums[v.aux];
      bool first = true;
      for (size_t i = 0; i < e.values.size(); ++i) {
        if (!v.has_member(i)) continue;
        if (!first) out += level == 0 ? "; " : ", ";
        first = false;
        out += e.values[i].json;
      }
      return;
    }
    case ValueKind::list: {
      TypeId et = p.types.kind(t) == TypeKind::list ? p.types.info(t).elem : 0;
      bool first = true;
      for (int32_t i = 0; i < v.aux; ++i) {
        if (v.item_maybe(i)) continue;  // as in JSON: the items certainly in
        if (!first) out += level == 0 ? "; " : ", ";
        first = false;
        text(ev, v.u.items[i], et, path, depth, level + 1, out);
      }
      return;
    }
    case ValueKind::record: {
      if (depth >= path.size()) return;
      const RecordDef& r = p.records[v.aux];
      uint32_t f = path[depth];
      text(ev, v.u.items[f], r.fields[f].type, path, depth + 1, level, out);
      return;
    }
  }
}

namespace {

// Excel runs a cell that starts with = + - @ (or a tab or CR) as a formula; a leading
// apostrophe makes it text. Numbers ("-5") are left alone.
bool formula_like(std::string_view s) {
  if (s.empty() || std::string_view("=+-@\t\r").find(s[0]) == std::string_view::npos) return false;
  int64_t i;
  auto r = std::from_chars(s.data(), s.data() + s.size(), i);
  return !(r.ec == std::errc() && r.ptr == s.data() + s.size());
}

}  // namespace

void CsvColumns::flush(std::string& out) {
  for (size_t i = 0; i < cells_.size(); ++i) {
    if (i) out += ',';
    if (layout_.excel && formula_like(cells_[i])) cells_[i].insert(0, 1, '\'');
    append_csv_field(out, cells_[i]);
    cells_[i].clear();
  }
  out += layout_.excel ? "\r\n" : "\n";
}

void CsvColumns::put_echo(const std::string* echo) {
  if (!echo) return;
  for (size_t k = 0; k < layout_.echo.size(); ++k) cells_[echo_first_ + k] = echo[k];
}

void CsvColumns::row(size_t plan, Evaluator& ev, uint64_t line, std::string& out,
                     const std::string* echo) {
  const Program& p = *programs_[plan];
  put_echo(echo);
  append_json_int(cells_[k_line], static_cast<int64_t>(line));
  cells_[k_plan] = p.plan_id;
  for (const Column& c : columns_[plan]) {
    const Var& var = p.vars[c.var];
    Value v = ev.value(c.var);
    if (v.is_unknown() && var.unknown_as != k_none)
      v = ev.eval(static_cast<NodeIndex>(var.unknown_as));
    text(ev, v, var.type, c.path, 0, 0, cells_[c.index]);
  }
  if (p.version) cells_[version_] = *p.version;
  if (p.in_force_from) cells_[version_from_] = civil::format_date(*p.in_force_from);
  std::string& missing = cells_[missing_];
  for (uint32_t f : ev.missing_facts()) {
    if (!missing.empty()) missing += "; ";
    missing += p.vars[f].json;
  }
  if (layout_.trace) {
    // "output: rule [cite]" per rule that fired.
    std::string& trace = cells_[trace_index_];
    for (const TraceEntry& t : ev.trace()) {
      const Rule& r = p.rules[t.rule];
      if (!trace.empty()) trace += "; ";
      trace += p.vars[t.var].json + ": " + r.display() + " [" + r.cite + "]";
    }
  }
  flush(out);
}

void CsvColumns::error_row(size_t plan, uint64_t line, const std::string& error, std::string& out,
                           const std::string* echo, const FactCell& cell) {
  append_json_int(cells_[k_line], static_cast<int64_t>(line));
  cells_[k_plan] = programs_[plan]->plan_id;
  cells_[k_error] = error;
  put_echo(echo);
  if (cell)
    for (auto [column, fact] : copies_[plan]) cells_[column] = cell(fact);
  flush(out);
}

}  // namespace sop
