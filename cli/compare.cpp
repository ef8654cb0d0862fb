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
#include "interpreter/evaluator.hpp"
#include "interpreter/value_text.hpp"
#include "lang/loader.hpp"

namespace sop::cli {

namespace fs = std::filesystem;

namespace {

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
        cells[i].push_back(cell_text(*plan.program, v, var.type));
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
        wrapped.push_back(wrap_text(c, cell_w));
        height = std::max(height, wrapped.back().size());
      }
      for (size_t line = 0; line < height; ++line) {
        out << (line == 0 && differ ? "* " : "  ");
        out << pad(line == 0 ? row_names[i] : "", label_w);
        for (const auto& w : wrapped) out << " " << pad(line < w.size() ? w[line] : "", cell_w);
        out << "\n";
      }
    }
    out << "\n";
  }
  if (!md) out << "* marks an output on which the plans differ\n";
  return failed ? k_failed : k_ok;
}

}  // namespace sop::cli
