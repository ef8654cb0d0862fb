// `sop fmt [--check | --diff] [FILE…]`: lays each file out in the one canonical layout
// (lang/formatter.hpp), rewriting it in place; `-` (or no file) formats standard input to standard
// output. With --check nothing is written: the files that would change are listed and the status
// is 1; --diff is --check that prints what would change, as a unified diff (lang/line_diff.hpp).
#include <CLI/CLI.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <ostream>
#include <sstream>

#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/exit_status.hpp"
#include "lang/formatter.hpp"
#include "lang/line_diff.hpp"

namespace sop::cli {

namespace {

struct Options {
  std::vector<std::string> files;
  bool check = false;
  bool diff = false;
};

// --check or --diff: what a file that is not formatted prints.
void show_unformatted(const Options& o, const std::string& name, const std::string& text,
                      const std::string& formatted, std::ostream& out) {
  if (o.diff)
    out << unified_diff(text, formatted, name, name);
  else
    out << name << "\n";
}

// Prints a file's syntax errors as `sop check` does.
void report(const FormatResult& r, const std::string& name, const std::string& text,
            std::ostream& err) {
  SourceSet sources;
  sources.add(name, text, name);
  Diagnostics diags;
  for (const Diagnostic& d : r.diagnostics) diags.add(d);
  err << format_diagnostics(diags, sources);
}

int format_stdin(const Options& o, const Streams& s) {
  std::string text{std::istreambuf_iterator<char>(s.in), std::istreambuf_iterator<char>()};
  FormatResult r = format_source(text, "<stdin>");
  report(r, "<stdin>", text, s.err);
  if (!r.ok()) return k_failed;
  if (o.check || o.diff) {
    if (r.text == text) return k_ok;
    show_unformatted(o, "<stdin>", text, r.text, s.out);
    return k_failed;
  }
  s.out << r.text;
  return k_ok;
}

// Formats one file; whether it is (or, --check, was already) formatted and free of errors.
bool format_file(const Options& o, const std::string& path, const Streams& s) {
  std::error_code ec;
  std::ifstream in(path, std::ios::binary);
  if (!std::filesystem::is_regular_file(path, ec) || !in) {
    s.err << fmt::format("error: cannot read {} (not a file)\n", path);
    return false;
  }
  std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  FormatResult r = format_source(text, path);
  report(r, path, text, s.err);
  if (!r.ok() || r.text == text) return r.ok();
  if (o.check || o.diff) {
    show_unformatted(o, path, text, r.text, s.out);
    return false;
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << r.text;
  if (!out) {
    s.err << fmt::format("error: cannot write {}\n", path);
    return false;
  }
  return true;
}

int format_files(const Options& o, const Streams& s) {
  if (o.files.empty() || (o.files.size() == 1 && o.files[0] == "-")) return format_stdin(o, s);
  int failed = 0;
  for (const std::string& path : o.files) failed += format_file(o, path, s) ? 0 : 1;
  if (failed && (o.check || o.diff))
    s.err << fmt::format("{} of {} files are not formatted (run `sop fmt` on them)\n", failed,
                         o.files.size());
  return failed ? k_failed : k_ok;
}

}  // namespace

Command add_fmt(CLI::App& sop) {
  auto o = std::make_shared<Options>();
  CLI::App* cmd = sop.add_subcommand("fmt", "Lay out .sop files in the canonical layout");
  cmd->add_option("files", o->files, "The .sop files to rewrite in place (`-` or none: stdin)");
  cmd->add_flag("--check", o->check,
                "Write nothing: list the files that would change, exit 1 if any would");
  cmd->add_flag("--diff", o->diff,
                "Write nothing: print what would change as a unified diff, exit 1 if anything "
                "would")
      ->excludes("--check");
  return {cmd, [o](const Streams& s) { return format_files(*o, s); }};
}

}  // namespace sop::cli
