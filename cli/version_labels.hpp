#pragma once
// `sop diff PLAN.sop --from-version LABEL --to-version LABEL`: the files of two versions of one
// plan, found as `sop eval` finds versions (the files given and the history folder beside each;
// interpreter/plan_versions.hpp), named by their labels.
#include <iosfwd>
#include <string>
#include <vector>

#include "lang/loader.hpp"

namespace sop::cli {

struct VersionFiles {
  std::string from, to;  // the labels asked for; an empty one is chosen (below)
};

// Resolves `labels` among the versions of the plan in `files` into the two files to compare, in
// `a` and `b`. Without --to-version, the latest version; without --from-version, the one before
// the --to version. Writes an error (an unknown label with "did you mean", files of several
// plans, a plan with one version) to `err` and returns false.
bool version_files(const std::vector<std::string>& files, const VersionFiles& labels,
                   const LoadOptions& load, std::string& a, std::string& b, std::ostream& err);

}  // namespace sop::cli
