// `sop audit POLICY… --input LOG`: every decision record of a log judged against the plan's
// policy (cli/audit.hpp; docs/audit.md).
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>

#include "cli/audit.hpp"
#include "cli/command.hpp"
#include "cli/exit_status.hpp"
#include "cli/files.hpp"
#include "cli/reading_option.hpp"
#include "cli/timezone_option.hpp"

namespace sop::cli {

namespace {

struct Options {
  AuditOptions audit;
  std::vector<std::string> readings;
  std::string timezone;
};

int audit_command(Options o, const CLI::App& cmd, const Streams& s) {
  if (!parse_readings(o.readings, o.audit.load, s.err)) return k_usage;
  if (!input_format_fits(o.audit.input, cmd.count("--input-format") > 0, s.err)) return k_usage;
  if (!o.timezone.empty() && o.audit.input_format != "csv") {
    s.err << "error: --timezone applies to a CSV log (--input-format csv): a JSON record writes "
             "each date-time with its offset\n";
    return k_usage;
  }
  std::optional<TimeZone> zone;
  if (!load_timezone(o.timezone, zone, s.err)) return k_usage;
  o.audit.zone = zone ? &*zone : nullptr;
  o.audit.use_stdin_fd = &s.in == &std::cin;
  o.audit.progress = &s.err == &std::cerr && isatty(2);
  return run_audit(o.audit, s.in, s.out, s.err);
}

}  // namespace

Command add_audit(CLI::App& sop) {
  auto o = std::make_shared<Options>();
  CLI::App* cmd = sop.add_subcommand(
      "audit",
      "Judge every decision record of a log (sop.decision-record/1) against the plans' policies");
  AuditOptions& a = o->audit;
  cmd->add_option("policies", a.policies, "POLICY…: the plans the log's records are judged by")
      ->required();
  cmd->add_option("--input", a.input, "The log (default: standard input)");
  cmd->add_option("--input-format", a.input_format,
                  "jsonl (sop.decision-record/1 lines) or csv (the case's facts and the record's "
                  "fields as columns: docs/audit.md)")
      ->check(CLI::IsMember({"jsonl", "csv"}));
  add_timezone_option(cmd, o->timezone);
  cmd->add_option("--format", a.format,
                  "jsonl (sop.audit-finding/1 lines), csv, text (findings, then the summary) "
                  "or html (the report)")
      ->check(CLI::IsMember({"jsonl", "csv", "text", "html"}));
  cmd->add_option("-j,--jobs", a.jobs, "Worker threads (default 1; 0: one per core)")
      ->check(CLI::Range(0u, 1024u));
  add_reading_option(cmd, o->readings);
  cmd->footer(
      "Exit status of sop audit: 0 no violation found (not_judged is information), 1 a "
      "violation, a bad record or a plan that does not load, 2 usage error.\nDocumentation: "
      "docs/audit.md, docs/cli.md");
  return {cmd, [o, cmd](const Streams& s) { return audit_command(*o, *cmd, s); }};
}

}  // namespace sop::cli
