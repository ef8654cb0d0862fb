#include "cli/compare.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <ostream>
#include <sstream>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/files.hpp"
#include "interpreter/case_json.hpp"
#include "interpreter/determination.hpp"
#include "lang/civil_time.hpp"
#include "lang/loader.hpp"

namespace sop::cli {

namespace fs = std::filesystem;

namespace {

// A short rendering for a table cell: records by their non-empty fields, records inside lists
// by their first field (an id or a kind), no citations.
std::string compact(const Evaluator& ev, const Value& v, TypeId type, int depth) {
  const Program& p = ev.program();
  switch (v.kind) {
    case ValueKind::unknown:
      return "?";
    case ValueKind::null:
      return "-";
    case ValueKind::list: {
      // As the determination writes it: the items certainly in the list.
      TypeId et = p.types.info(p.types.strip_optional(type)).elem;
      std::string out;
      for (int32_t i = 0; i < v.aux; ++i) {
        if (i < 64 && ((v.maybe >> i) & 1)) continue;
        out += (out.empty() ? "" : ", ") + compact(ev, v.u.items[i], et, depth + 1);
      }
      return out.empty() ? "[]" : out;
    }
    case ValueKind::set: {
      Value certain = v;
      certain.maybe = 0;
      std::string s = value_text(ev, certain, type);
      return s == "[]" ? "[]" : s.substr(1, s.size() - 2);
    }
    case ValueKind::record: {
      const RecordDef& r = p.records[v.aux];
      std::string out;
      for (size_t i = 0; i < r.fields.size(); ++i) {
        const Value& f = v.u.items[i];
        TypeId ft = r.fields[i].type;
        TypeKind fk = p.types.kind(p.types.strip_optional(ft));
        if (fk == TypeKind::citation || f.is_null() || f.is_false()) continue;
        std::string part;
        if (f.is_true()) {
          part = r.fields[i].name;
        } else if (fk == TypeKind::list || fk == TypeKind::set) {
          part = r.fields[i].name + ": " + compact(ev, f, ft, depth + 1);
        } else {
          part = compact(ev, f, ft, depth + 1);
        }
        if (depth > 0) return part;  // inside a list: the first field names the item
        out += (out.empty() ? "" : " ") + part;
      }
      return out;
    }
    default:
      return value_text(ev, v, type);
  }
}

std::vector<std::string> wrap(const std::string& s, size_t width) {
  std::vector<std::string> lines;
  std::string line;
  std::istringstream words(s);
  std::string w;
  while (words >> w) {
    while (w.size() > width) {
      if (!line.empty()) lines.push_back(line), line.clear();
      lines.push_back(w.substr(0, width));
      w = w.substr(width);
    }
    if (line.empty()) {
      line = w;
    } else if (line.size() + 1 + w.size() <= width) {
      line += " " + w;
    } else {
      lines.push_back(line);
      line = w;
    }
  }
  if (!line.empty() || lines.empty()) lines.push_back(line);
  return lines;
}

struct Plan {
  std::string path;
  std::unique_ptr<Program> program;
  std::unique_ptr<Evaluator> evaluator;
  std::unique_ptr<CaseDecoder> decoder;
};

}  // namespace

int compare(CompareOptions options, std::ostream& out, std::ostream& err) {
  if (options.policies.empty()) options.policies = files_in("policies", ".sop");
  if (options.cases.empty()) options.cases = files_in("examples/cases", ".json");
  if (options.policies.empty() || options.cases.empty()) {
    err << "error: no plans or no cases (give them, or run from the repository root)\n";
    return k_usage;
  }
  std::vector<Plan> plans;
  bool failed = false;
  for (const std::string& path : options.policies) {
    LoadResult r = load_program(path);
    err << format_diagnostics(r.diagnostics, r.program->sources);
    if (!r.ok() || !r.program->is_plan) {
      failed = true;
      continue;
    }
    Plan p;
    p.path = path;
    p.program = std::move(r.program);
    p.evaluator = std::make_unique<Evaluator>(*p.program);
    p.decoder = std::make_unique<CaseDecoder>(*p.program);
    plans.push_back(std::move(p));
  }
  if (plans.empty()) return k_failed;
  const size_t label_w = 24, cell_w = 26;
  bool md = options.format == "markdown";
  for (const std::string& case_path : options.cases) {
    std::ifstream f(case_path, std::ios::binary);
    std::ostringstream ss;
    ss << f.rdbuf();
    std::string text = ss.str();
    // The rows are the first plan's outputs, minus bookkeeping derived from the header or
    // the case itself (schema, plan, policy, case id).
    const Program& first = *plans[0].program;
    std::vector<std::string> row_names;
    for (uint32_t o : first.outputs) {
      const Var& var = first.vars[o];
      if (var.derive_node != k_none && first.nodes[var.derive_node].op != Op::make_record) continue;
      row_names.push_back(var.name);
    }
    row_names.push_back("missing facts");
    std::vector<std::vector<std::string>> cells(row_names.size());
    bool case_ok = true;
    for (Plan& plan : plans) {
      Case c(*plan.program);
      std::string error;
      if (!plan.decoder->decode_text(text, c, error)) {
        err << fmt::format("{}: error: {}\n", case_path, error);
        failed = true;
        case_ok = false;
        break;
      }
      Evaluator& ev = *plan.evaluator;
      ev.evaluate(c, false);
      if (!ev.fault().empty()) {
        err << fmt::format("{}: error: under `{}`: {}\n", case_path, plan.program->plan_id,
                           ev.fault());
        failed = true;
        case_ok = false;
        break;
      }
      for (size_t i = 0; i + 1 < row_names.size(); ++i) {
        int32_t vi = plan.program->find_var(row_names[i]);
        if (vi == k_none) {
          cells[i].push_back("(none)");
          continue;
        }
        const Var& var = plan.program->vars[vi];
        Value v = ev.value(static_cast<uint32_t>(vi));
        if (v.is_unknown() && var.unknown_as != k_none)
          v = ev.eval(static_cast<NodeIndex>(var.unknown_as));
        cells[i].push_back(compact(ev, v, var.type, 0));
      }
      std::string missing;
      for (uint32_t mf : ev.missing_facts())
        missing += (missing.empty() ? "" : ", ") + plan.program->vars[mf].json;
      cells.back().push_back(missing.empty() ? "-" : missing);
    }
    if (!case_ok) continue;
    nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
    std::string id =
        j.is_object() && j.contains("id") && j["id"].is_string() ? j["id"].get<std::string>() : "";
    if (md) {
      out << fmt::format("### {}{}\n\n| output |", id.empty() ? case_path : id,
                         id.empty() ? "" : " (" + case_path + ")");
      for (const Plan& p : plans) out << " " << p.program->plan_id << " |";
      out << "\n|---|";
      for (size_t k = 0; k < plans.size(); ++k) out << "---|";
      out << "\n";
      for (size_t i = 0; i < row_names.size(); ++i) {
        bool differ = std::adjacent_find(cells[i].begin(), cells[i].end(), std::not_equal_to<>()) !=
                      cells[i].end();
        out << "| " << (differ ? "**" + row_names[i] + "**" : row_names[i]) << " |";
        for (const std::string& c : cells[i]) out << " " << c << " |";
        out << "\n";
      }
      out << "\n";
      continue;
    }
    out << fmt::format("== {}{}\n", id.empty() ? case_path : id,
                       id.empty() ? "" : " (" + case_path + ")");
    out << fmt::format("  {:<{}}", "", label_w);
    for (const Plan& p : plans)
      out << fmt::format(" {:<{}}", p.program->plan_id.substr(0, cell_w), cell_w);
    out << "\n";
    for (size_t i = 0; i < row_names.size(); ++i) {
      bool differ = std::adjacent_find(cells[i].begin(), cells[i].end(), std::not_equal_to<>()) !=
                    cells[i].end();
      std::vector<std::vector<std::string>> wrapped;
      size_t height = 1;
      for (const std::string& c : cells[i]) {
        wrapped.push_back(wrap(c, cell_w));
        height = std::max(height, wrapped.back().size());
      }
      for (size_t line = 0; line < height; ++line) {
        out << (line == 0 && differ ? "* " : "  ");
        out << fmt::format("{:<{}}", line == 0 ? row_names[i] : "", label_w);
        for (const auto& w : wrapped)
          out << fmt::format(" {:<{}}", line < w.size() ? w[line] : "", cell_w);
        out << "\n";
      }
    }
    out << "\n";
  }
  if (!md) out << "* marks an output on which the plans differ\n";
  return failed ? k_failed : k_ok;
}

}  // namespace sop::cli
