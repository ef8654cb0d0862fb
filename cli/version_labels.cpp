#include "cli/version_labels.hpp"

#include <ostream>

#include <fmt/format.h>

#include "interpreter/plan_versions.hpp"
#include "lang/suggest.hpp"

namespace sop::cli {

namespace {

// The index of the version labelled `label`, or -1 after saying so.
int find_label(const PlanVersions& plan, const std::string& label, const char* option,
               std::ostream& err) {
  for (size_t i = 0; i < plan.versions.size(); ++i)
    if (plan.versions[i].program->version == label) return static_cast<int>(i);
  std::vector<std::string> labels = plan.labels();
  std::string help = did_you_mean_help(label, labels);
  std::string known;
  for (const std::string& l : labels)
    known += fmt::format("{}\"{}\"", known.empty() ? "" : ", ", l);
  err << fmt::format(
      "error: plan `{}` has no version \"{}\" ({})\nhelp: {}\n", plan.id(), label, option,
      help.empty() ? fmt::format("its versions are: {}", known.empty() ? "none" : known) : help);
  return -1;
}

}  // namespace

bool version_files(const std::vector<std::string>& files, const VersionFiles& labels,
                   const LoadOptions& load, std::string& a, std::string& b, std::ostream& err) {
  std::vector<PlanVersions> plans;
  std::string errors;
  bool loaded = load_plan_versions(files, "`sop diff`", plans, errors, load);
  err << errors;
  if (!loaded) return false;
  if (plans.size() != 1) {
    err << "error: --from-version and --to-version compare versions of one plan; these files "
           "hold several\n";
    return false;
  }
  const PlanVersions& plan = plans.front();
  if (plan.versions.size() < 2) {
    err << fmt::format(
        "error: plan `{}` has one version here; give its other versions too, or put them in "
        "its history folder (history/{}/)\n",
        plan.id(), plan.id());
    return false;
  }
  int to = labels.to.empty() ? static_cast<int>(plan.versions.size()) - 1
                             : find_label(plan, labels.to, "--to-version", err);
  if (to < 0) return false;
  int from = labels.from.empty() ? to - 1 : find_label(plan, labels.from, "--from-version", err);
  if (from < 0) {
    if (labels.from.empty())
      err << fmt::format("error: version \"{}\" is plan `{}`'s earliest; name --from-version\n",
                         labels.to, plan.id());
    return false;
  }
  a = plan.versions[static_cast<size_t>(from)].path;
  b = plan.versions[static_cast<size_t>(to)].path;
  return true;
}

}  // namespace sop::cli
