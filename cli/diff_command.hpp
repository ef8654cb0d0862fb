#pragma once
// `sop diff A.sop B.sop`: structural and semantic differences of two plans (or two versions
// of one plan, `--rev REV FILE` for the file at a git revision).
#include <iosfwd>
#include <string>

namespace sop::cli {

struct DiffOptions {
  std::string a, b;             // files (with `rev`: only `a`, compared with itself at `rev`)
  std::string rev;              // git revision for `--rev`
  std::string format = "text";  // text | json | markdown | html
  bool structural = true;
  bool semantic = true;
};

// Exit status: 0 equivalent, 1 different (or not proven equivalent), 2 error.
int diff(const DiffOptions& options, std::ostream& out, std::ostream& err);

}  // namespace sop::cli
