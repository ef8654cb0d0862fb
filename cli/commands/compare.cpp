// `sop compare [CASE…] [-p POLICY…]`: cases under several plans, the determinations side by side
// (default: the shipped example cases under every shipped plan).
#include <CLI/CLI.hpp>
#include <algorithm>
#include <fstream>
#include <memory>
#include <ostream>
#include <sstream>

#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/exit_status.hpp"
#include "cli/files.hpp"
#include "cli/reading_option.hpp"
#include "interpreter/codec/determination.hpp"
#include "interpreter/loaded_plan.hpp"
#include "interpreter/value_text.hpp"

namespace sop::cli {

namespace {

struct CompareOptions {
  std::vector<std::string> cases;     // default: examples/cases/*.json
  std::vector<std::string> policies;  // default: policies/*.sop
  std::string format = "text";        // text | markdown
  std::vector<std::string> readings;
};

// One case under every plan: the rows (the first plan's outputs, then the missing facts) and a
// cell per plan in each.
struct Table {
  std::vector<std::string> rows;
  std::vector<std::vector<std::string>> cells;  // [row][plan]
  bool differ(size_t row) const {
    return std::adjacent_find(cells[row].begin(), cells[row].end(), std::not_equal_to<>()) !=
           cells[row].end();
  }
};

// The rows are the first plan's outputs, minus bookkeeping derived from the header or the case
// itself (schema, plan, policy, case id).
Table empty_table(const Program& first) {
  Table t;
  for (uint32_t o : first.outputs) {
    const Var& var = first.vars[o];
    if (var.derive_node != k_none && first.nodes[var.derive_node].op != Op::make_record) continue;
    t.rows.push_back(var.name);
  }
  t.rows.push_back("missing facts");
  t.cells.resize(t.rows.size());
  return t;
}

// Evaluates the case `text` under `plan` and adds its column to `t`; false (with the message on
// `err`) if the case is refused or cannot be decided.
bool add_column(LoadedPlan& plan, const std::string& case_path, const std::string& text, Table& t,
                std::ostream& err) {
  Case c(*plan.program);
  std::string error;
  if (!plan.decoder->decode_text(text, c, error)) {
    err << fmt::format("{}: error: {}\n", case_path, error);
    return false;
  }
  Evaluator& ev = *plan.evaluator;
  ev.evaluate(c, false);
  if (!ev.fault().empty()) {
    err << fmt::format("{}: error: under `{}`: {}\n", case_path, plan.id(), ev.fault());
    return false;
  }
  for (size_t i = 0; i + 1 < t.rows.size(); ++i) {
    int32_t vi = plan.program->find_var(t.rows[i]);
    if (vi == k_none) {
      t.cells[i].push_back("(none)");
      continue;
    }
    const Var& var = plan.program->vars[vi];
    Value v = ev.value(static_cast<uint32_t>(vi));
    if (v.is_unknown() && var.unknown_as != k_none)
      v = ev.eval(static_cast<NodeIndex>(var.unknown_as));
    t.cells[i].push_back(cell_text(*plan.program, v, var.type));
  }
  std::string missing;
  for (uint32_t mf : ev.missing_facts())
    missing += (missing.empty() ? "" : ", ") + plan.program->vars[mf].json;
  t.cells.back().push_back(missing.empty() ? "-" : missing);
  return true;
}

void markdown_table(const std::vector<LoadedPlan>& plans, const Table& t, const std::string& title,
                    std::ostream& out) {
  out << fmt::format("### {}\n\n| output |", title);
  for (const LoadedPlan& p : plans) out << " " << p.id() << " |";
  out << "\n|---|";
  for (size_t k = 0; k < plans.size(); ++k) out << "---|";
  out << "\n";
  for (size_t i = 0; i < t.rows.size(); ++i) {
    out << "| " << (t.differ(i) ? "**" + t.rows[i] + "**" : t.rows[i]) << " |";
    for (const std::string& c : t.cells[i]) out << " " << c << " |";
    out << "\n";
  }
  out << "\n";
}

void text_table(const std::vector<LoadedPlan>& plans, const Table& t, const std::string& title,
                std::ostream& out) {
  const size_t label_w = 24, cell_w = 26;
  out << fmt::format("== {}\n", title);
  out << fmt::format("  {:<{}}", "", label_w);
  for (const LoadedPlan& p : plans) out << fmt::format(" {:<{}}", p.id().substr(0, cell_w), cell_w);
  out << "\n";
  for (size_t i = 0; i < t.rows.size(); ++i) {
    std::vector<std::vector<std::string>> wrapped;
    size_t height = 1;
    for (const std::string& c : t.cells[i]) {
      wrapped.push_back(wrap_text(c, cell_w));
      height = std::max(height, wrapped.back().size());
    }
    for (size_t line = 0; line < height; ++line) {
      out << (line == 0 && t.differ(i) ? "* " : "  ");
      out << pad(line == 0 ? t.rows[i] : "", label_w);
      for (const auto& w : wrapped) out << " " << pad(line < w.size() ? w[line] : "", cell_w);
      out << "\n";
    }
  }
  out << "\n";
}

std::string read_file(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::ostringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

// The case's `id` and path, or its path alone.
std::string case_title(const std::string& case_path, const std::string& text) {
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  std::string id =
      j.is_object() && j.contains("id") && j["id"].is_string() ? j["id"].get<std::string>() : "";
  return id.empty() ? case_path : id + " (" + case_path + ")";
}

int compare(CompareOptions options, std::ostream& out, std::ostream& err) {
  if (options.policies.empty()) options.policies = files_in("policies", ".sop");
  if (options.cases.empty()) options.cases = files_in("examples/cases", ".json");
  if (options.policies.empty() || options.cases.empty()) {
    err << "error: no plans or no cases (give them, or run from the repository root)\n";
    return k_usage;
  }
  LoadOptions load;
  if (!parse_readings(options.readings, load, err)) return k_usage;
  std::vector<LoadedPlan> plans;
  std::string errors;
  bool failed = !load_plans(options.policies, "`sop compare`", plans, errors, load);
  err << errors;
  if (plans.empty()) return k_failed;
  bool md = options.format == "markdown";
  for (const std::string& case_path : options.cases) {
    std::string text = read_file(case_path);
    Table t = empty_table(*plans[0].program);
    bool case_ok = std::all_of(plans.begin(), plans.end(), [&](LoadedPlan& plan) {
      return add_column(plan, case_path, text, t, err);
    });
    if (!case_ok) {
      failed = true;
      continue;
    }
    if (md)
      markdown_table(plans, t, case_title(case_path, text), out);
    else
      text_table(plans, t, case_title(case_path, text), out);
  }
  if (!md) out << "* marks an output on which the plans differ\n";
  return failed ? k_failed : k_ok;
}

}  // namespace

Command add_compare(CLI::App& sop) {
  auto o = std::make_shared<CompareOptions>();
  CLI::App* cmd = sop.add_subcommand(
      "compare", "Evaluate cases under several plans and print the determinations side by side");
  cmd->add_option("cases", o->cases, "Case files (default: examples/cases/*.json)");
  cmd->add_option("-p,--policy", o->policies, "Plan files (default: policies/*.sop)");
  cmd->add_option("--format", o->format, "Output format")
      ->check(CLI::IsMember({"text", "markdown"}));
  add_reading_option(cmd, o->readings);
  return {cmd, [o](const Streams& s) { return compare(*o, s.out, s.err); }};
}

}  // namespace sop::cli
