// `sop new plan ID [FILE] [--issuer TEXT] [--policy TEXT]`: writes a new plan file (default
// policies/ID.sop; `-`: standard output) from the standard library it imports
// (cli/plan_scaffold.hpp): the imports, the plan header, a `source` line and the baseline
// accounting as stubs to fill in. Refuses to overwrite a file.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <fstream>
#include <memory>
#include <ostream>
#include <regex>

#include "cli/command.hpp"
#include "cli/exit_status.hpp"
#include "cli/plan_scaffold.hpp"
#include "lang/formatter.hpp"
#include "lang/loader.hpp"

namespace sop::cli {

namespace {

struct Options {
  std::string what;
  std::string id;
  std::string file;
  std::string issuer;
  std::string policy;
};

// The text to write, or an error on `err` and nullopt.
std::optional<std::string> scaffold_text(const Options& o, const std::string& path,
                                         std::ostream& err) {
  // The library as the new file would see it: its imports, checked as a module of its own.
  LoadResult library = load_program_text(path, scaffold_imports());
  if (!library.ok()) {
    err << format_diagnostics(library.diagnostics, library.program->sources);
    return std::nullopt;
  }
  ScaffoldOptions so{o.id, {}};
  if (!o.issuer.empty()) so.fields["issuer"] = o.issuer;
  if (!o.policy.empty()) so.fields["policy"] = o.policy;
  Scaffold s = plan_scaffold(*library.program, so);
  if (!s.error.empty()) {
    err << "error: " << s.error << "\n";
    return std::nullopt;
  }
  // In `sop fmt`'s layout, so that the first edit's diff shows only the edit.
  FormatResult formatted = format_source(s.text, path);
  return formatted.ok() ? formatted.text : s.text;
}

int new_plan(const Options& o, const Streams& s) {
  // The id is the file's stem and a name in the language.
  if (!std::regex_match(o.id, std::regex("[A-Za-z_][A-Za-z0-9_]*"))) {
    s.err << "error: plan id `" << o.id
          << "` is not a name (letters, digits and `_`, not starting with a digit)\n";
    return k_usage;
  }
  std::string path = o.file.empty() ? "policies/" + o.id + ".sop" : o.file;
  bool to_stdout = path == "-";
  if (!to_stdout && std::filesystem::exists(path)) {
    s.err << "error: `" << path << "` already exists; `sop new` does not overwrite a file\n";
    return k_failed;
  }
  std::optional<std::string> text = scaffold_text(o, to_stdout ? o.id + ".sop" : path, s.err);
  if (!text) return k_failed;
  if (to_stdout) {
    s.out << *text;
    return k_ok;
  }
  std::ofstream out(path);
  if (!(out << *text)) {
    s.err << "error: cannot write `" << path << "`\n";
    return k_failed;
  }
  s.out << "wrote " << path << ": fill in what `sop check " << path << "` asks for\n";
  return k_ok;
}

}  // namespace

Command add_new(CLI::App& sop) {
  auto o = std::make_shared<Options>();
  CLI::App* cmd = sop.add_subcommand(
      "new", "Start a new plan file: imports, header, baseline accounting to fill in");
  cmd->add_option("what", o->what, "plan")->required()->check(CLI::IsMember({"plan"}));
  cmd->add_option("id", o->id, "The plan id (the file's stem)")->required();
  cmd->add_option("file", o->file, "Where to write it (default: policies/ID.sop; - for stdout)");
  cmd->add_option("--issuer", o->issuer, "The header's `issuer`: who publishes the policy");
  cmd->add_option("--policy", o->policy, "The header's `policy`: the policy number citations use");
  return {cmd, [o](const Streams& s) { return new_plan(*o, s); }};
}

}  // namespace sop::cli
