#include "interpreter/plan_versions.hpp"

#include <algorithm>
#include <filesystem>
#include <set>
#include <system_error>

#include <fmt/format.h>

#include "lang/civil_time.hpp"

namespace sop {

namespace fs = std::filesystem;

std::optional<size_t> PlanVersions::in_force_on(int32_t day) const {
  for (size_t i = versions.size(); i-- > 0;) {
    const std::optional<int32_t>& from = versions[i].program->in_force_from;
    if (!from || *from <= day) return i;
  }
  return std::nullopt;
}

const LoadedPlan* PlanVersions::find(std::string_view label) const {
  for (const LoadedPlan& v : versions)
    if (v.program->version && *v.program->version == label) return &v;
  return nullptr;
}

std::vector<std::string> PlanVersions::labels() const {
  std::vector<std::string> out;
  for (const LoadedPlan& v : versions)
    if (v.program->version) out.push_back(*v.program->version);
  return out;
}

std::string not_in_force(const PlanVersions& plan, int32_t day) {
  const std::optional<int32_t>& earliest = plan.versions.front().program->in_force_from;
  return fmt::format("no version of plan `{}` was in force on {}; the earliest is in force from {}",
                     plan.id(), civil::format_date(day),
                     earliest ? civil::format_date(*earliest) : "any day");
}

std::vector<std::string> history_files(const std::string& path, const std::string& id) {
  std::error_code ec;
  fs::path dir = fs::path(path).parent_path() / "history" / id;
  std::vector<std::string> files;
  if (!fs::is_directory(dir, ec)) return files;
  for (const fs::directory_entry& e : fs::directory_iterator(dir, ec))
    if (e.path().extension() == ".sop" && e.is_regular_file(ec)) files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

namespace {

// The same file, however it was named.
std::string identity(const std::string& path) {
  std::error_code ec;
  fs::path p = fs::weakly_canonical(path, ec);
  return ec ? path : p.string();
}

// "PATH:LINE:COLUMN", where `span` says where in the version's file; "PATH" if it does not.
std::string where(const LoadedPlan& v, const Span& span) {
  if (span.begin.line == 0) return v.path;
  return fmt::format("{}:{}:{}", v.path, span.begin.line, span.begin.column);
}

std::string version_name(const LoadedPlan& v) {
  return v.program->version ? fmt::format("version \"{}\" (`{}`)", *v.program->version, v.path)
                            : fmt::format("`{}`", v.path);
}

// Several versions: each states its day, no two the same day or the same label.
bool consistent(const PlanVersions& plan, std::string& errors) {
  if (plan.versions.size() < 2) return true;
  const std::vector<LoadedPlan>& vs = plan.versions;
  for (const LoadedPlan& v : vs) {
    if (v.program->in_force_from) continue;
    const LoadedPlan& other = &v == &vs.front() ? vs[1] : vs.front();
    errors += fmt::format(
        "{}: error: plan `{}` has {} versions, and this one does not say from when it is in "
        "force (another is `{}`)\nhelp: state it in each: `plan {} version \"LABEL\" from "
        "YYYY-MM-DD {{`\n",
        where(v, v.program->plan_span), plan.id(), vs.size(), other.path, plan.id());
    return false;
  }
  for (size_t i = 1; i < vs.size(); ++i) {
    if (*vs[i].program->in_force_from != *vs[i - 1].program->in_force_from) continue;
    errors += fmt::format(
        "{}: error: two versions of plan `{}` are in force from {}: {} and {}\nhelp: each "
        "version comes into force on its own day\n",
        where(vs[i], vs[i].program->from_span), plan.id(),
        civil::format_date(*vs[i].program->in_force_from), version_name(vs[i - 1]),
        version_name(vs[i]));
    return false;
  }
  for (size_t i = 0; i < vs.size(); ++i) {
    for (size_t j = i + 1; j < vs.size(); ++j) {
      if (vs[i].program->version != vs[j].program->version) continue;
      errors +=
          fmt::format("{}: error: two versions of plan `{}` are labelled \"{}\": `{}` and `{}`\n",
                      where(vs[j], vs[j].program->version_span), plan.id(),
                      vs[j].program->version.value_or(""), vs[i].path, vs[j].path);
      return false;
    }
  }
  return true;
}

// A history file imports what its plan imports: after its own folder, the plan's folder and the
// stdlib/ beside that are searched (lang/loader.cpp's order for the plan itself).
LoadOptions beside(const std::string& plan_path, const LoadOptions& options) {
  LoadOptions o = options;
  fs::path dir = fs::path(plan_path).parent_path();
  if (dir.empty()) dir = ".";
  o.search_paths.insert(o.search_paths.begin(),
                        {dir.string(), (dir.parent_path() / "stdlib").string()});
  return o;
}

// The history files beside each plan loaded, not yet met; a file holding another plan than its
// folder names is refused.
bool load_history(std::vector<LoadedPlan>& loaded, std::set<std::string>& met,
                  std::string_view user, std::string& errors, const LoadOptions& options) {
  bool all = true;
  for (size_t i = 0, given = loaded.size(); i < given; ++i) {
    std::vector<std::string> fresh;
    for (std::string& f : history_files(loaded[i].path, loaded[i].id()))
      if (met.insert(identity(f)).second) fresh.push_back(std::move(f));
    std::string id = loaded[i].id();
    std::vector<LoadedPlan> found;
    all = load_plans(fresh, user, found, errors, beside(loaded[i].path, options)) && all;
    for (LoadedPlan& v : found) {
      if (v.id() == id) {
        loaded.push_back(std::move(v));
        continue;
      }
      errors += fmt::format(
          "{}: error: plan `{}` is in the history folder of plan `{}`\nhelp: a file in "
          "history/{}/ is an earlier version of plan `{}`: write `plan {}`, or move the file\n",
          where(v, v.program->plan_span), v.id(), id, id, id, id);
      all = false;
    }
  }
  return all;
}

}  // namespace

bool load_plan_versions(const std::vector<std::string>& paths, std::string_view user,
                        std::vector<PlanVersions>& plans, std::string& errors,
                        const LoadOptions& options) {
  std::set<std::string> met;
  std::vector<std::string> unique;
  for (const std::string& p : paths)
    if (met.insert(identity(p)).second) unique.push_back(p);
  std::vector<LoadedPlan> loaded;
  bool all = load_plans(unique, user, loaded, errors, options);
  all = load_history(loaded, met, user, errors, options) && all;
  std::vector<PlanVersions> groups;
  for (LoadedPlan& v : loaded) {
    auto g = std::find_if(groups.begin(), groups.end(),
                          [&](const PlanVersions& x) { return x.id() == v.id(); });
    if (g == groups.end()) g = groups.insert(groups.end(), PlanVersions{});
    g->versions.push_back(std::move(v));
  }
  for (PlanVersions& g : groups) {
    // Stable: with one version, or a missing day (refused below), the order given is kept.
    std::stable_sort(g.versions.begin(), g.versions.end(),
                     [](const LoadedPlan& a, const LoadedPlan& b) {
                       return a.program->in_force_from.value_or(INT32_MIN) <
                              b.program->in_force_from.value_or(INT32_MIN);
                     });
    if (consistent(g, errors))
      plans.push_back(std::move(g));
    else
      all = false;
  }
  return all;
}

}  // namespace sop
