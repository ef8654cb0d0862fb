// `sop template csv [POLICY]`: a blank batch CSV (docs/cli.md): one header row of the plan's
// facts' JSON names, in declaration order, for a spreadsheet to fill in one case per row.
// `sop template decision-record [POLICY]`: a blank decision log in its CSV form (docs/audit.md):
// the facts, then the record's fields, then two groups of notice columns.
#include <CLI/CLI.hpp>
#include <memory>
#include <ostream>

#include "audit/auditor.hpp"
#include "cli/command.hpp"
#include "cli/exit_status.hpp"
#include "cli/reading_option.hpp"
#include "interpreter/codec/json_schema.hpp"
#include "interpreter/codec/record_csv.hpp"
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
  std::vector<std::string> header = case_field_names(*plan->program);
  if (o.format == "decision-record") {
    std::unique_ptr<audit::Auditor> auditor =
        audit::Auditor::make(*plan->program, *plan->decoder, errors);
    if (!auditor) {
      s.err << "error: " << o.policy << ": " << errors << "\n";
      return k_failed;
    }
    header = csv_record_header(*plan->decoder, auditor->decoder(), 2);
  }
  // JSON names are identifiers: no cell needs quoting.
  bool first = true;
  for (const std::string& name : header) {
    s.out << (first ? "" : ",") << name;
    first = false;
  }
  s.out << "\n";
  return k_ok;
}

}  // namespace

Command add_template(CLI::App& sop) {
  auto o = std::make_shared<Options>();
  CLI::App* cmd = sop.add_subcommand(
      "template",
      "Print a blank CSV for the plan: a batch of cases, or a decision log (a header row)");
  cmd->add_option("format", o->format,
                  "csv (a batch of cases) or decision-record (a decision log for sop audit "
                  "--input-format csv)")
      ->required()
      ->check(CLI::IsMember({"csv", "decision-record"}));
  cmd->add_option("policy", o->policy, "The plan (default: policies/partnership.sop)");
  add_reading_option(cmd, o->readings);
  return {cmd, [o](const Streams& s) { return template_(*o, s); }};
}

}  // namespace sop::cli
