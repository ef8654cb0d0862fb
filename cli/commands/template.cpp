// `sop template csv [POLICY]`: a blank batch CSV (docs/cli.md): one header row of the plan's
// facts' JSON names, in declaration order, for a spreadsheet to fill in one case per row.
#include <CLI/CLI.hpp>
#include <memory>
#include <ostream>

#include "cli/command.hpp"
#include "cli/exit_status.hpp"
#include "cli/reading_option.hpp"
#include "interpreter/codec/json_schema.hpp"
#include "interpreter/loaded_plan.hpp"

namespace sop::cli {

namespace {

struct Options {
  std::string format;
  std::string policy = "policies/partnership.sop";
  std::vector<std::string> readings;
};

int template_(const Options& o, const Streams& s) {
  LoadOptions load;
  if (!parse_readings(o.readings, load, s.err)) return k_usage;
  std::string errors;
  std::optional<LoadedPlan> plan = load_plan(o.policy, "`sop template`", errors, load);
  s.err << errors;
  if (!plan) return k_failed;
  // JSON names are identifiers: no cell needs quoting.
  bool first = true;
  for (const std::string& name : case_field_names(*plan->program)) {
    s.out << (first ? "" : ",") << name;
    first = false;
  }
  s.out << "\n";
  return k_ok;
}

}  // namespace

Command add_template(CLI::App& sop) {
  auto o = std::make_shared<Options>();
  CLI::App* cmd =
      sop.add_subcommand("template", "Print a blank case file for the plan (a CSV header row)");
  cmd->add_option("format", o->format, "csv")->required()->check(CLI::IsMember({"csv"}));
  cmd->add_option("policy", o->policy, "The plan (default: policies/partnership.sop)");
  add_reading_option(cmd, o->readings);
  return {cmd, [o](const Streams& s) { return template_(*o, s); }};
}

}  // namespace sop::cli
