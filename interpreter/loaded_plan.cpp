#include "interpreter/loaded_plan.hpp"

#include <fmt/format.h>

#include "lang/loader.hpp"

namespace sop {

namespace {

std::optional<LoadedPlan> plan_of(LoadResult r, const std::string& label, std::string_view user,
                                  std::string& errors) {
  errors += format_diagnostics(r.diagnostics, r.program->sources);
  if (!r.ok()) return std::nullopt;
  if (!r.program->is_plan) {
    errors += fmt::format("error: `{}` has no `plan` header; {} needs a plan\n", label, user);
    return std::nullopt;
  }
  LoadedPlan plan;
  plan.path = label;
  plan.program = std::move(r.program);
  plan.decoder = std::make_unique<CaseDecoder>(*plan.program);
  plan.evaluator = std::make_unique<Evaluator>(*plan.program);
  return plan;
}

}  // namespace

std::optional<LoadedPlan> load_plan(const std::string& path, std::string_view user,
                                    std::string& errors, const LoadOptions& options) {
  return plan_of(load_program(path, options), path, user, errors);
}

std::optional<LoadedPlan> load_plan_text(const std::string& path, std::string text,
                                         const std::string& label, std::string_view user,
                                         std::string& errors, const LoadOptions& options) {
  return plan_of(load_program_text(path, std::move(text), options), label, user, errors);
}

bool load_plans(const std::vector<std::string>& paths, std::string_view user,
                std::vector<LoadedPlan>& plans, std::string& errors, const LoadOptions& options) {
  bool all = true;
  for (const std::string& path : paths) {
    std::optional<LoadedPlan> plan = load_plan(path, user, errors, options);
    if (plan)
      plans.push_back(std::move(*plan));
    else
      all = false;
  }
  return all;
}

}  // namespace sop
