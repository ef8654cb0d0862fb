// `sop eval POLICY CASE`: one case under one plan, its determination as JSON or text; and
// `sop eval POLICY… --batch`: many cases under several plans (cli/batch.hpp).
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include <fmt/format.h>

#include "cli/batch.hpp"
#include "cli/command.hpp"
#include "cli/exit_status.hpp"
#include "cli/files.hpp"
#include "cli/reading_option.hpp"
#include "cli/timezone_option.hpp"
#include "cli/version_choice.hpp"
#include "interpreter/codec/determination.hpp"
#include "interpreter/plan_versions.hpp"

namespace sop::cli {

namespace {

struct EvalOptions {
  std::vector<std::string> files;
  std::string format = "json";
  std::string as_of;
  bool no_trace = false, batch = false;
  BatchOptions batch_options;
  std::vector<std::string> readings;
  std::string timezone, headers = "json";
};

// One case under one plan: what `sop eval POLICY… CASE` runs.
struct EvalRun {
  std::vector<std::string> policies;  // versions of one plan
  std::string case_path;
  std::string format;
  bool trace = true;
  std::optional<int32_t> as_of;
  LoadOptions load;
};

bool read_all(const std::string& path, std::istream& in, std::string& out) {
  if (path == "-") {
    std::ostringstream ss;
    ss << in.rdbuf();
    out = ss.str();
    return true;
  }
  std::ifstream f(path, std::ios::binary);
  if (!f) return false;
  std::ostringstream ss;
  ss << f.rdbuf();
  out = ss.str();
  return true;
}

// The plan of the policies given: versions of one plan (docs/design.md, "Versions of a plan").
const PlanVersions* one_plan(const std::vector<PlanVersions>& plans, std::ostream& err) {
  if (plans.size() == 1) return &plans.front();
  std::string ids;
  for (const PlanVersions& p : plans) ids += fmt::format("{}`{}`", ids.empty() ? "" : ", ", p.id());
  err << fmt::format(
      "error: `sop eval` without --batch evaluates one plan, and these files hold {}\nhelp: "
      "several files of one plan are its versions; for several plans use --batch\n",
      ids);
  return nullptr;
}

// Decodes the case under the latest version, chooses the version that decides it, and decodes
// it again under that one if it is another.
const LoadedPlan* decide_version(const PlanVersions& plan, const EvalRun& run,
                                 const std::string& text, Case& c, std::string& note,
                                 std::ostream& err) {
  std::string error;
  if (!plan.latest().decoder->decode_text(text, c, error)) {
    err << fmt::format("{}: error: {}\n", run.case_path, error);
    return nullptr;
  }
  VersionChoice choice = VersionChooser(plan, run.as_of).choose(c);
  if (!choice.index) {
    err << fmt::format("{}: error: {}\n", run.case_path, choice.error);
    return nullptr;
  }
  if (choice.latest_by_default) note = k_latest_by_default;
  const LoadedPlan& chosen = plan.versions[*choice.index];
  if (*choice.index + 1 != plan.versions.size()) {
    c = Case(*chosen.program);
    if (!chosen.decoder->decode_text(text, c, error)) {
      err << fmt::format("{}: error: {}\n", run.case_path, error);
      return nullptr;
    }
  }
  return &chosen;
}

int eval(const EvalRun& run, std::istream& in, std::ostream& out, std::ostream& err) {
  std::vector<PlanVersions> plans;
  std::string errors;
  bool loaded = load_plan_versions(run.policies, "`sop eval`", plans, errors, run.load);
  err << errors;
  if (!loaded) return k_failed;
  const PlanVersions* plan = one_plan(plans, err);
  if (!plan) return k_usage;
  std::string text;
  if (!read_all(run.case_path, in, text)) {
    err << fmt::format("error: cannot open case `{}`\n", run.case_path);
    return k_failed;
  }
  Case c(*plan->latest().program);
  RenderOptions options;
  options.trace = run.trace;
  const LoadedPlan* chosen = decide_version(*plan, run, text, c, options.version_note, err);
  if (!chosen) return k_failed;
  Evaluator& ev = *chosen->evaluator;
  ev.evaluate(c, run.trace);
  // Rendered before it is written, so that a fault met while rendering (the missing facts
  // re-evaluate) refuses the case too.
  std::string rendered =
      run.format == "text"
          ? determination_text(ev, options)
          : determination_json(ev, options)
                    .dump(2, ' ', false, nlohmann::json::error_handler_t::replace) +
                '\n';
  if (!ev.fault().empty()) {
    err << fmt::format("{}: error: {}\n", run.case_path, ev.fault());
    return k_failed;
  }
  out << rendered;
  return k_ok;
}

// The spreadsheet options apply to CSV: each given with the format it needs, or a usage error
// (an option that would change nothing is refused rather than ignored).
bool spreadsheet_options_fit(const EvalOptions& o, std::ostream& err) {
  const BatchOptions& b = o.batch_options;
  bool csv_in = b.input_format == "csv", csv_out = b.output_format == "csv";
  const char* problem =
      !o.timezone.empty() && !csv_in
          ? "--timezone applies to CSV input (--input-format csv): a JSON case writes each "
            "date-time with its offset"
      : b.echo && !(csv_in && csv_out)
          ? "--echo needs CSV input and output (--input-format csv --output-format csv)"
      : (b.excel || o.headers != "json") && !csv_out
          ? "--excel and --headers apply to CSV output (--output-format csv)"
          : nullptr;
  if (problem) err << "error: " << problem << "\n";
  return problem == nullptr;
}

int eval_many(EvalOptions o, const Streams& s) {
  // --format csv is a shorthand for --output-format csv.
  if (o.format == "text") {
    s.err << "error: `sop eval --batch` writes json or csv, not text\n";
    return k_usage;
  }
  if (o.format == "csv") o.batch_options.output_format = "csv";
  if (!spreadsheet_options_fit(o, s.err)) return k_usage;
  std::optional<TimeZone> zone;
  if (!load_timezone(o.timezone, zone, s.err)) return k_usage;
  o.batch_options.zone = zone ? &*zone : nullptr;
  o.batch_options.readable_headers = o.headers == "readable";
  o.batch_options.policies = o.files;
  o.batch_options.trace = !o.no_trace;
  o.batch_options.use_stdin_fd = &s.in == &std::cin;
  o.batch_options.progress = &s.err == &std::cerr && isatty(2);
  return eval_batch(o.batch_options, s.in, s.out, s.err);
}

int eval_command(EvalOptions o, const CLI::App& cmd, const Streams& s) {
  if (!parse_readings(o.readings, o.batch_options.load, s.err)) return k_usage;
  if (!o.as_of.empty()) {
    o.batch_options.as_of = parse_as_of(o.as_of);
    if (!o.batch_options.as_of) {
      s.err << fmt::format("error: --as-of takes a date (YYYY-MM-DD), not `{}`\n", o.as_of);
      return k_usage;
    }
  }
  if (o.batch && !input_format_fits(o.batch_options.input, cmd.count("--input-format") > 0, s.err))
    return k_usage;
  if (o.batch) return eval_many(o, s);
  if (o.files.size() < 2 || cmd.count("--input") || cmd.count("--jobs") ||
      cmd.count("--input-format") || cmd.count("--output-format") || o.format == "csv" ||
      cmd.count("--timezone") || cmd.count("--echo") || cmd.count("--excel") ||
      cmd.count("--headers")) {
    s.err << (o.files.size() < 2
                  ? "error: `sop eval` needs a case file (or `-` for standard input), or --batch\n"
                  : "error: `sop eval` without --batch takes POLICY… (versions of one plan) and "
                    "one CASE, and no batch options\n");
    return k_usage;
  }
  EvalRun run{{o.files.begin(), o.files.end() - 1},
              o.files.back(),
              o.format,
              !o.no_trace,
              o.batch_options.as_of,
              o.batch_options.load};
  return eval(run, s.in, s.out, s.err);
}

}  // namespace

Command add_eval(CLI::App& sop) {
  auto o = std::make_shared<EvalOptions>();
  CLI::App* cmd = sop.add_subcommand(
      "eval", "Evaluate a plan against a case, or plans against many cases (--batch)");
  cmd->add_option("files", o->files,
                  "POLICY… CASE.json (CASE may be - for stdin; several POLICY files are versions "
                  "of one plan); with --batch, POLICY…")
      ->required();
  cmd->add_option("--format", o->format, "Output format (batch: json or csv)")
      ->check(CLI::IsMember({"json", "text", "csv"}));
  cmd->add_flag("--no-trace", o->no_trace, "Leave the trace of rules out");
  cmd->add_option("--as-of", o->as_of,
                  "Decide by the version of each plan in force on DATE (YYYY-MM-DD), not on the "
                  "case's received_at");
  cmd->add_flag("--batch", o->batch,
                "Many cases, one per line (JSON Lines, or CSV rows), one determination per "
                "line per plan, in input order (docs/cli.md)");
  BatchOptions& b = o->batch_options;
  cmd->add_option("--input", b.input, "Batch: read the cases from FILE, not stdin");
  cmd->add_option("--input-format", b.input_format, "Batch: jsonl or csv")
      ->check(CLI::IsMember({"jsonl", "csv"}));
  cmd->add_option("--output-format", b.output_format, "Batch: json or csv")
      ->check(CLI::IsMember({"json", "csv"}));
  cmd->add_option("-j,--jobs", b.jobs, "Batch: worker threads (default 1; 0: one per core)")
      ->check(CLI::Range(0u, 1024u));
  add_timezone_option(cmd, o->timezone);
  cmd->add_flag("--echo", b.echo,
                "Batch, CSV in and out: each row's input cells as input.NAME columns");
  cmd->add_option("--headers", o->headers,
                  "Batch, CSV out: column headers as JSON names (json, the default) or for "
                  "people (readable: \"Timeframe: due\")")
      ->check(CLI::IsMember({"json", "readable"}));
  cmd->add_flag("--excel", b.excel,
                "Batch, CSV out: for Excel: a UTF-8 byte-order mark, CRLF line ends, formulas "
                "defused (docs/spreadsheets.md)");
  add_reading_option(cmd, o->readings);
  return {cmd, [o, cmd](const Streams& s) { return eval_command(*o, *cmd, s); }};
}

}  // namespace sop::cli
