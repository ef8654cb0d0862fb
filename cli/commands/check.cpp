// `sop check [--sources DIR] FILE…`: parses and checks each file (and proves a plan's
// invariants), printing `ok FILE` or its diagnostics. With --sources, each quote is also found
// in the source document its `source` declaration names (lang/quote_check.hpp), and what could
// not be checked is listed under `ok FILE`. Plans of one id, and the history folder beside a plan,
// are checked as versions of one plan.
#include <CLI/CLI.hpp>
#include <memory>
#include <ostream>
#include <set>
#include <utility>

#include <fmt/format.h>

#include "analysis/invariants.hpp"
#include "cli/command.hpp"
#include "cli/exit_status.hpp"
#include "cli/reading_option.hpp"
#include "interpreter/plan_versions.hpp"
#include "lang/loader.hpp"
#include "lang/quote_check.hpp"

namespace sop::cli {

namespace {

// The plans that checked, with the same id or a history folder beside them, as versions of one
// plan (interpreter/plan_versions.hpp): each states its day, no two the same; a history file
// checks, and holds its folder's plan. Only such plans are loaded again.
bool check_versions(const std::vector<std::pair<std::string, std::string>>& plans,
                    const LoadOptions& options, std::ostream& err) {
  std::vector<std::string> paths;
  std::set<std::string> ids;
  bool versions = false;
  for (const auto& [path, id] : plans) {
    paths.push_back(path);
    versions = versions || !ids.insert(id).second || !history_files(path, id).empty();
  }
  if (!versions) return true;
  std::vector<PlanVersions> loaded;
  std::string errors;
  bool ok = load_plan_versions(paths, "`sop check`", loaded, errors, options);
  err << errors;
  return ok;
}

int check(const std::vector<std::string>& files, const std::vector<std::string>& readings,
          const std::string& sources, std::ostream& out, std::ostream& err) {
  LoadOptions options;
  if (!parse_readings(readings, options, err)) return k_usage;
  int failed = 0;
  std::vector<std::pair<std::string, std::string>> plans;  // path, id
  for (const std::string& f : files) {
    LoadResult r = load_program(f, options);
    // A plan's invariants are proved once it checks: proving needs a well-typed program.
    if (r.ok() && r.program->is_plan)
      analysis::report_invariants(*r.program, analysis::prove_invariants(*r.program),
                                  r.diagnostics);
    QuoteReport quotes;
    if (r.ok() && !sources.empty()) quotes = check_quotes(*r.program, sources, r.diagnostics);
    err << format_diagnostics(r.diagnostics, r.program->sources);
    if (r.ok()) {
      if (r.program->is_plan) plans.emplace_back(f, r.program->plan_id);
      out << fmt::format("ok {}\n", f);
      for (const std::string& line : describe(quotes)) out << line << "\n";
    } else {
      ++failed;
    }
  }
  if (!check_versions(plans, options, err)) ++failed;
  if (failed) err << fmt::format("{} of {} files have errors\n", failed, files.size());
  return failed ? k_failed : k_ok;
}

}  // namespace

Command add_check(CLI::App& sop) {
  auto files = std::make_shared<std::vector<std::string>>();
  auto readings = std::make_shared<std::vector<std::string>>();
  auto sources = std::make_shared<std::string>();
  CLI::App* cmd = sop.add_subcommand("check", "Check policy and stdlib files for errors");
  cmd->add_option("files", *files, "The .sop files to check")->required();
  add_reading_option(cmd, *readings);
  cmd->add_option("--sources", *sources,
                  "Find every quote and cited section in the source documents (the files "
                  "`source` declarations name) in this directory");
  return {cmd, [files, readings, sources](const Streams& s) {
            return check(*files, *readings, *sources, s.out, s.err);
          }};
}

}  // namespace sop::cli
