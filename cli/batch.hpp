#pragma once
// `sop eval POLICY… --batch`: many cases, one record per line (JSON Lines or CSV), evaluated under
// one or more plans by N worker threads, answered in input order. docs/cli.md describes the
// command, docs/design.md ("The batch pipeline") the design.
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "lang/loader.hpp"

namespace sop {
class TimeZone;
}

namespace sop::cli {

struct BatchOptions {
  // One determination per plan per case, in the order the plans first appear; several files of
  // one plan are its versions.
  std::vector<std::string> policies;
  std::string input = "-";             // a file, or "-" for standard input
  std::string input_format = "jsonl";  // jsonl | csv
  std::string output_format = "json";  // json (JSON Lines) | csv
  bool trace = true;
  unsigned jobs = 1;  // worker threads; 0: one per core
  // A progress line on `err`, refreshed a few times a second. The command line sets it when
  // standard error is a terminal.
  bool progress = false;
  // Read standard input / an input file with read(2), which returns whatever has arrived, so
  // a case typed (or piped) alone is answered before the next arrives. The command line sets
  // it when `in` is the process's standard input; tests pass string streams.
  bool use_stdin_fd = false;
  size_t chunk_bytes = 256 * 1024;  // the reader cuts its input into chunks of about this size
  LoadOptions load;                 // how the plans are loaded (their readings)
  // Each case is decided by the version of its plan in force on this day, not on its
  // received_at (cli/version_choice.hpp).
  std::optional<int32_t> as_of;
  // Spreadsheets (docs/spreadsheets.md). CSV input: date-times without an offset are read on
  // this zone's clock (null: refused). CSV output: the input's cells echoed as `input.NAME`
  // columns (CSV input only), headers for people, and Excel's form (a byte-order mark, CRLF,
  // formulas defused).
  const TimeZone* zone = nullptr;
  bool echo = false;
  bool readable_headers = false;
  bool excel = false;
};

// Runs the batch; returns the exit status (0, 1 if any case was refused or a plan did not
// load).
int eval_batch(const BatchOptions& options, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace sop::cli
