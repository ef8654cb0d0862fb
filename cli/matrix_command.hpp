#pragma once
// `sop matrix [POLICY…]`: every given plan side by side (default: policies/*.sop), for each
// output component and each region of cases where some plan differs from the others, what each
// plan says there, with its citations and a witness case (analysis/plan_matrix.hpp).
#include <cstddef>
#include <iosfwd>
#include <string>
#include <vector>

namespace sop::cli {

struct MatrixOptions {
  std::vector<std::string> policies;  // default: policies/*.sop
  std::string format = "text";        // text | markdown | html | json
  bool with_unknown = false;          // also cases where facts are absent
  size_t max_rows = 12;               // rows listed per component (0: all)
};

// Exit status: 0 every plan gives the same values in every case compared, 1 some difference
// (or the comparison was not complete), 2 an error (a file that does not load, no plans).
int matrix(const MatrixOptions& options, std::ostream& out, std::ostream& err);

}  // namespace sop::cli
