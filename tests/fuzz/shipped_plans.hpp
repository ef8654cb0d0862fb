#pragma once
// The shipped plans (policies/*.sop, sorted), their files or loaded, for a fuzz target's
// LLVMFuzzerInitialize; a plan that does not check aborts the target, naming it.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "interpreter/loaded_plan.hpp"

namespace sop::fuzz {

inline std::vector<std::string> shipped_plan_files() {
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(fs::path(SOP_SOURCE_DIR) / "policies"))
    if (e.path().extension() == ".sop") files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

inline std::vector<LoadedPlan> shipped_plans(const char* target) {
  std::vector<LoadedPlan> plans;
  for (const std::string& f : shipped_plan_files()) {
    std::string errors;
    std::optional<LoadedPlan> loaded = load_plan(f, target, errors);
    if (!loaded) {
      std::fprintf(stderr, "%s: %s does not check\n%s", target, f.c_str(), errors.c_str());
      std::abort();
    }
    plans.push_back(std::move(*loaded));
  }
  return plans;
}

}  // namespace sop::fuzz
