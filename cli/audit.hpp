#pragma once
// `sop audit POLICY… --input LOG`: every decision record of a log judged against its plan's
// determination, streamed through the batch pipeline (cli/pipeline.hpp). docs/audit.md
// describes the command and its rules, docs/cli.md its options.
#include <iosfwd>
#include <string>
#include <vector>

#include "interpreter/time_zone.hpp"
#include "lang/loader.hpp"

namespace sop::cli {

struct AuditOptions {
  std::vector<std::string> policies;
  std::string input = "-";
  std::string input_format = "jsonl";  // jsonl | csv (docs/audit.md, "A log as CSV")
  const TimeZone* zone = nullptr;      // CSV input: the zone of date-times without an offset
  std::string format = "jsonl";        // jsonl | csv | text | html
  unsigned jobs = 1;                   // 0: one per core
  bool progress = false;
  bool use_stdin_fd = false;
  size_t chunk_bytes = 256 * 1024;
  size_t html_findings = 1000;  // findings listed in the HTML report (all are counted)
  LoadOptions load;
};

// Returns the exit status: 0 no violation found, 1 a violation or a bad record (or a plan that
// does not load).
int run_audit(const AuditOptions& options, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace sop::cli
