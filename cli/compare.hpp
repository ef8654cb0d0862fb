#pragma once
// `sop compare`: the shipped example cases under every plan, side by side.
#include <iosfwd>
#include <string>
#include <vector>

namespace sop::cli {

struct CompareOptions {
  std::vector<std::string> cases;     // default: examples/cases/*.json
  std::vector<std::string> policies;  // default: policies/*.sop
  std::string format = "text";        // text | markdown
};

int compare(CompareOptions options, std::ostream& out, std::ostream& err);

}  // namespace sop::cli
