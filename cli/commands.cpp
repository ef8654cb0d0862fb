#include "cli/commands.hpp"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include <fmt/format.h>

#include "analysis/invariants.hpp"
#include "cli/batch.hpp"
#include "cli/compare.hpp"
#include "cli/diff_command.hpp"
#include "cli/files.hpp"
#include "cli/matrix_command.hpp"
#include "interpreter/case_json.hpp"
#include "interpreter/determination.hpp"
#include "interpreter/test_runner.hpp"
#include "lang/loader.hpp"
#include "repl/terminal.hpp"

namespace sop::cli {

namespace fs = std::filesystem;

namespace {

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

// Loads a policy and prints its diagnostics; null if it has errors.
std::unique_ptr<Program> load_or_report(const std::string& path, std::ostream& err) {
  LoadResult r = load_program(path);
  err << format_diagnostics(r.diagnostics, r.program->sources);
  if (!r.ok()) return nullptr;
  return std::move(r.program);
}

// ---------------------------------------------------------------- sop check

int check(const std::vector<std::string>& files, std::ostream& out, std::ostream& err) {
  int failed = 0;
  for (const std::string& f : files) {
    LoadResult r = load_program(f);
    // A plan's invariants are proved once it checks: proving needs a well-typed program.
    if (r.ok() && r.program->is_plan)
      analysis::report_invariants(*r.program, analysis::prove_invariants(*r.program),
                                  r.diagnostics);
    err << format_diagnostics(r.diagnostics, r.program->sources);
    if (r.ok()) {
      out << fmt::format("ok {}\n", f);
    } else {
      ++failed;
    }
  }
  if (failed) err << fmt::format("{} of {} files have errors\n", failed, files.size());
  return failed ? k_failed : k_ok;
}

// ---------------------------------------------------------------- sop eval

int eval(const std::string& policy, const std::string& case_path, const std::string& format,
         bool trace, std::istream& in, std::ostream& out, std::ostream& err) {
  std::unique_ptr<Program> program = load_or_report(policy, err);
  if (!program) return k_failed;
  if (!program->is_plan) {
    err << fmt::format("error: `{}` has no `plan` header; `sop eval` needs a plan\n", policy);
    return k_failed;
  }
  if (case_path.empty()) {
    err << "error: `sop eval` needs a case file (or `-` for standard input), or --batch\n";
    return k_usage;
  }
  std::string text;
  if (!read_all(case_path, in, text)) {
    err << fmt::format("error: cannot open case `{}`\n", case_path);
    return k_failed;
  }
  CaseDecoder decoder(*program);
  Case c(*program);
  std::string error;
  if (!decoder.decode_text(text, c, error)) {
    err << fmt::format("{}: error: {}\n", case_path, error);
    return k_failed;
  }
  Evaluator ev(*program);
  ev.evaluate(c, trace);
  RenderOptions options{trace};
  // Rendered before it is written, so that a fault met while rendering (the missing facts
  // re-evaluate) refuses the case too.
  std::string rendered =
      format == "text" ? determination_text(ev, options)
                       : determination_json(ev, options)
                                 .dump(2, ' ', false, nlohmann::json::error_handler_t::replace) +
                             '\n';
  if (!ev.fault().empty()) {
    err << fmt::format("{}: error: {}\n", case_path, ev.fault());
    return k_failed;
  }
  out << rendered;
  return k_ok;
}

// ---------------------------------------------------------------- sop test

int test(std::vector<std::string> files, bool verbose, std::ostream& out, std::ostream& err) {
  if (files.empty()) {
    for (const char* dir : {"stdlib", "policies"})
      for (const std::string& f : files_in(dir, ".sop")) files.push_back(f);
  }
  if (files.empty()) {
    err << "error: no .sop files given, and none in stdlib/ or policies/\n";
    return k_usage;
  }
  size_t passed = 0, failed = 0;
  for (const std::string& f : files) {
    LoadResult r = load_program(f);
    err << format_diagnostics(r.diagnostics, r.program->sources);
    if (!r.ok()) {
      out << fmt::format("FAIL {}: the file does not check\n", f);
      ++failed;
      continue;
    }
    for (const TestResult& t : run_tests(*r.program)) {
      if (t.passed) {
        ++passed;
        if (verbose) out << fmt::format("ok   {}: {}\n", f, t.name);
      } else {
        ++failed;
        out << fmt::format("FAIL {}: {}{}\n", f, t.name, t.cite.empty() ? "" : " [" + t.cite + "]");
        for (const std::string& m : t.failures) out << "     " << m << '\n';
      }
    }
  }
  out << fmt::format("{} passed, {} failed\n", passed, failed);
  return failed ? k_failed : k_ok;
}

}  // namespace

int run(const std::vector<std::string>& args, std::istream& in, std::ostream& out,
        std::ostream& err) {
  CLI::App app{"sop: a declarative policy language — check, evaluate and test policies", "sop"};
  app.require_subcommand(1);
  app.set_help_all_flag("--help-all", "Show help for every command");
  app.footer(
      "Exit status: 0 ok, 1 policy or case error (or a failing test), 2 usage error.\n"
      "Documentation: docs/language.md, docs/cli.md");

  std::vector<std::string> check_files;
  CLI::App* check_cmd = app.add_subcommand("check", "Check policy and stdlib files for errors");
  check_cmd->add_option("files", check_files, "The .sop files to check")->required();

  std::vector<std::string> eval_files;
  std::string format = "json";
  bool no_trace = false, batch = false;
  BatchOptions batch_options;
  CLI::App* eval_cmd = app.add_subcommand(
      "eval", "Evaluate a plan against a case, or plans against many cases (--batch)");
  eval_cmd
      ->add_option("files", eval_files,
                   "POLICY CASE.json (CASE may be - for stdin); with --batch, POLICY…")
      ->required();
  eval_cmd->add_option("--format", format, "Output format (batch: json or csv)")
      ->check(CLI::IsMember({"json", "text", "csv"}));
  eval_cmd->add_flag("--no-trace", no_trace, "Leave the trace of rules out");
  eval_cmd->add_flag("--batch", batch,
                     "Many cases, one per line (JSON Lines, or CSV rows), one determination per "
                     "line per plan, in input order (docs/cli.md)");
  eval_cmd->add_option("--input", batch_options.input,
                       "Batch: read the cases from FILE, not stdin");
  eval_cmd->add_option("--input-format", batch_options.input_format, "Batch: jsonl or csv")
      ->check(CLI::IsMember({"jsonl", "csv"}));
  eval_cmd->add_option("--output-format", batch_options.output_format, "Batch: json or csv")
      ->check(CLI::IsMember({"json", "csv"}));
  eval_cmd
      ->add_option("-j,--jobs", batch_options.jobs,
                   "Batch: worker threads (default 1; 0: one per core)")
      ->check(CLI::Range(0u, 1024u));

  std::vector<std::string> test_files;
  bool verbose = false;
  CLI::App* test_cmd = app.add_subcommand(
      "test", "Run the in-language tests (default: every file in stdlib/ and policies/)");
  test_cmd->add_option("files", test_files, "The .sop files whose tests to run");
  test_cmd->add_flag("-v,--verbose", verbose, "List passing tests too");

  CompareOptions compare_options;
  CLI::App* compare_cmd = app.add_subcommand(
      "compare", "Evaluate cases under several plans and print the determinations side by side");
  compare_cmd->add_option("cases", compare_options.cases,
                          "Case files (default: examples/cases/*.json)");
  compare_cmd->add_option("-p,--policy", compare_options.policies,
                          "Plan files (default: policies/*.sop)");
  compare_cmd->add_option("--format", compare_options.format, "Output format")
      ->check(CLI::IsMember({"text", "markdown"}));

  DiffOptions diff_options;
  std::vector<std::string> diff_files;
  bool structural_only = false, semantic_only = false;
  CLI::App* diff_cmd = app.add_subcommand(
      "diff", "Structural and semantic differences of two plans (exit 0 equivalent, 1 different)");
  diff_cmd->add_option("files", diff_files, "A.sop B.sop, or with --rev one FILE")
      ->required()
      ->expected(1, 2);
  diff_cmd->add_option("--rev", diff_options.rev, "Compare FILE as it was at this git revision");
  diff_cmd->add_option("--format", diff_options.format, "Output format")
      ->check(CLI::IsMember({"text", "json", "markdown", "html"}));
  diff_cmd->add_flag("--structural", structural_only, "Only the structural differences");
  diff_cmd->add_flag("--semantic", semantic_only, "Only the semantic differences");

  MatrixOptions matrix_options;
  CLI::App* matrix_cmd = app.add_subcommand(
      "matrix",
      "Every plan side by side: where any plan differs, what each says, with citations (exit 0 "
      "all equivalent, 1 different)");
  matrix_cmd->add_option("policies", matrix_options.policies,
                         "Plan files (default: policies/*.sop)");
  matrix_cmd->add_option("--format", matrix_options.format, "Output format")
      ->check(CLI::IsMember({"text", "markdown", "html", "json"}));
  matrix_cmd->add_flag("--with-unknown", matrix_options.with_unknown,
                       "Also compare cases where facts are absent (default: every fact given)");
  matrix_cmd->add_option("--max-rows", matrix_options.max_rows,
                         "Regions listed per output component, at most (0: all; default 12)");

  std::vector<std::string> repl_files;
  CLI::App* repl_cmd = app.add_subcommand(
      "repl",
      "Explore cases interactively under several plans (default: policies/*.sop); with stdin "
      "not a terminal, run the commands it holds (exit 1 if any fails)");
  repl_cmd->add_option("policies", repl_files, "Plan files (default: policies/*.sop)");

  try {
    std::vector<std::string> reversed(args.rbegin(), args.rend());  // CLI11 pops from the back
    app.parse(reversed);
  } catch (const CLI::CallForHelp&) {
    out << app.help();  // delegates to the subcommand whose --help it was
    return k_ok;
  } catch (const CLI::CallForAllHelp&) {
    out << app.help("", CLI::AppFormatMode::All);
    return k_ok;
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) {
      out << app.help();
      return k_ok;
    }
    err << "error: " << e.what() << "\n";
    err << "run `sop --help` for usage\n";
    return k_usage;
  }
  if (check_cmd->parsed()) return check(check_files, out, err);
  if (eval_cmd->parsed()) {
    if (batch) {
      // --format csv is a shorthand for --output-format csv.
      if (format == "text") {
        err << "error: `sop eval --batch` writes json or csv, not text\n";
        return k_usage;
      }
      if (format == "csv") batch_options.output_format = "csv";
      batch_options.policies = eval_files;
      batch_options.trace = !no_trace;
      batch_options.use_stdin_fd = &in == &std::cin;
      batch_options.progress = &err == &std::cerr && isatty(2);
      return eval_batch(batch_options, in, out, err);
    }
    if (eval_files.size() != 2 || eval_cmd->count("--input") || eval_cmd->count("--jobs") ||
        eval_cmd->count("--input-format") || eval_cmd->count("--output-format") ||
        format == "csv") {
      err << (eval_files.size() < 2
                  ? "error: `sop eval` needs a case file (or `-` for standard input), or --batch\n"
                  : "error: `sop eval` without --batch takes one POLICY and one CASE, and no "
                    "batch options\n");
      return k_usage;
    }
    return eval(eval_files[0], eval_files[1], format, !no_trace, in, out, err);
  }
  if (test_cmd->parsed()) return test(test_files, verbose, out, err);
  if (compare_cmd->parsed()) return compare(compare_options, out, err);
  if (diff_cmd->parsed()) {
    if ((diff_options.rev.empty() && diff_files.size() != 2) ||
        (!diff_options.rev.empty() && diff_files.size() != 1)) {
      err << "error: `sop diff` takes A.sop B.sop, or --rev REV FILE\n";
      return k_usage;
    }
    diff_options.a = diff_files[0];
    if (diff_files.size() > 1) diff_options.b = diff_files[1];
    diff_options.structural = !semantic_only;
    diff_options.semantic = !structural_only;
    return diff(diff_options, out, err);
  }
  if (matrix_cmd->parsed()) return matrix(matrix_options, out, err);
  if (repl_cmd->parsed())
    return repl::run(repl_files.empty() ? files_in("policies", ".sop") : repl_files, in, out, err);
  out << app.help();
  return k_usage;
}

int run(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  return run(args, std::cin, std::cout, std::cerr);
}

}  // namespace sop::cli
