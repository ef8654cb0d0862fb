// `sop schema case|determination|decision-record [POLICY]`: the JSON Schema (draft 2020-12) of the
// cases the plan reads or of the determinations it writes, generated from its declarations
// (interpreter/codec/json_schema.hpp). POLICY defaults to policies/partnership.sop: every shipped
// plan reads and writes the formats stdlib/case_format.sop declares.
#include <CLI/CLI.hpp>
#include <memory>
#include <ostream>

#include "audit/auditor.hpp"
#include "cli/command.hpp"
#include "cli/exit_status.hpp"
#include "cli/reading_option.hpp"
#include "interpreter/codec/json_schema.hpp"
#include "interpreter/loaded_plan.hpp"

namespace sop::cli {

namespace {

struct Options {
  std::string which;
  std::string policy = "policies/partnership.sop";
  std::vector<std::string> readings;
};

int schema(const Options& o, const Streams& s) {
  LoadOptions load;
  if (!parse_readings(o.readings, load, s.err)) return k_usage;
  std::string errors;
  std::optional<LoadedPlan> plan = load_plan(o.policy, "`sop schema`", errors, load);
  s.err << errors;
  if (!plan) return k_failed;
  nlohmann::ordered_json j = o.which == "case" ? case_schema(*plan->program)
                             : o.which == "determination"
                                 ? determination_schema(*plan->program)
                                 : audit::decision_record_schema(*plan->program);
  if (j.is_null()) {
    s.err << "error: `" << o.policy
          << "` does not declare the decision record (stdlib/case_format.sop)\n";
    return k_failed;
  }
  s.out << j.dump(2) << "\n";
  return k_ok;
}

}  // namespace

Command add_schema(CLI::App& sop) {
  auto o = std::make_shared<Options>();
  CLI::App* cmd =
      sop.add_subcommand("schema", "Print the JSON Schema of the plan's cases or determinations");
  cmd->add_option("what", o->which, "case, determination or decision-record")
      ->required()
      ->check(CLI::IsMember({"case", "determination", "decision-record"}));
  cmd->add_option("policy", o->policy, "The plan (default: policies/partnership.sop)");
  add_reading_option(cmd, o->readings);
  return {cmd, [o](const Streams& s) { return schema(*o, s); }};
}

}  // namespace sop::cli
