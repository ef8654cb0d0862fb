#pragma once
// A plan loaded, checked and ready to evaluate cases. Every command, the REPL, the benchmarks and
// the fuzz targets load plans through load_plan, so a file that is not a plan is refused with the
// same message everywhere, and what a user of a plan needs comes with it.
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "interpreter/codec/case_json.hpp"
#include "interpreter/evaluator.hpp"
#include "lang/loader.hpp"
#include "lang/program.hpp"

namespace sop {

struct LoadedPlan {
  std::string path;  // as given; for a text loaded in place of a file, its label
  // Not const: the REPL compiles expressions into its plans.
  std::unique_ptr<Program> program;
  // Decoding is const, so threads share one decoder.
  std::unique_ptr<CaseDecoder> decoder;
  // Evaluation state is not: this one is for the thread that loaded the plan; another thread
  // makes its own (`Evaluator ev(*plan.program)`).
  std::unique_ptr<Evaluator> evaluator;

  const std::string& id() const { return program->plan_id; }
};

// Loads and checks the file at `path` as a plan (with `options`: search paths, readings). Appends
// its diagnostics to `errors`, and, if it has no `plan` header, "error: `PATH` has no `plan`
// header; USER needs a plan" (`user` names who asked, e.g. "`sop eval`"). nullopt unless the plan
// is usable.
std::optional<LoadedPlan> load_plan(const std::string& path, std::string_view user,
                                    std::string& errors, const LoadOptions& options = {});
// The same for `text` in place of the file `path` (its imports resolve beside `path`), named
// `label` in messages and in the plan's `path`.
std::optional<LoadedPlan> load_plan_text(const std::string& path, std::string text,
                                         const std::string& label, std::string_view user,
                                         std::string& errors, const LoadOptions& options = {});
// Loads each of `paths` as load_plan does, appending the plans that load to `plans`, in order;
// returns whether every one did.
bool load_plans(const std::vector<std::string>& paths, std::string_view user,
                std::vector<LoadedPlan>& plans, std::string& errors,
                const LoadOptions& options = {});

}  // namespace sop
