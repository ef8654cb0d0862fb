#pragma once
// The annual-review report of `sop diff` for two versions of one plan: a title block, a summary
// of the edits and what each changes, then each edit in detail (its aspects, old and new quote,
// and the cases whose determination it changes, with a witness), differences only a combination
// of edits causes, and those that arise only where facts are missing.
#include <nlohmann/json.hpp>

#include "analysis/change_impact.hpp"
#include "analysis/revision.hpp"
#include "cli/report/document.hpp"
#include "interpreter/loaded_plan.hpp"

namespace sop::report {

struct ReviewInput {
  const LoadedPlan& a;
  const LoadedPlan& b;
  const analysis::Revision& revision;
  const analysis::ImpactReport& impact;
  const analysis::CaseSpace& space;
  bool names = false;         // conditions by fact name, not description
  bool list_missing = false;  // the missing-facts rows were asked for
};

Document review_document(const ReviewInput& in);
nlohmann::ordered_json review_json(const ReviewInput& in);

}  // namespace sop::report
