#pragma once
// The parts of a Session that its command files share (session.cpp, explore.cpp,
// complete.cpp); not for other users.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "interpreter/codec/case_json.hpp"
#include "interpreter/evaluator.hpp"
#include "interpreter/loaded_plan.hpp"
#include "repl/explain.hpp"
#include "repl/session.hpp"

namespace sop::repl {

// A loaded plan (its program, decoder and evaluator) and what the session keeps with it.
struct Session::Plan : LoadedPlan {
  Plan(LoadedPlan loaded, std::string column)
      : LoadedPlan(std::move(loaded)), name(std::move(column)), c(*program) {}

  // What the session calls this plan: its id, or `ID@LABEL` for one version of a plan loaded with
  // several (docs/repl.md, "Versions").
  std::string name;

  Case c;  // the current case, decoded by this plan's declarations

  struct Override {
    uint32_t var = 0;
    std::string text;
  };
  std::vector<Override> overrides;

  // Expressions compiled once per plan (compiling appends to the program): ad-hoc expressions
  // by text (k_none: the error is in `errors`), `:whynot` / `:flip` targets by var and text.
  std::map<std::string, int32_t> expressions;
  std::map<std::string, std::string> errors;
  std::map<std::string, Target> targets;
};

// How a command is typed, what it does and one example. The example's placeholders are filled
// from the loaded plans, so :help shows names that exist: {plan}, {output}, {enum_output},
// {output_value}, {bool_fact}, {enum_fact}, {fact_value}.
struct Session::Command {
  std::string name;
  std::vector<std::string> aliases;
  std::string usage;
  std::string summary;
  std::string example;
  Result (Session::*run)(const std::string& rest);
  enum class Arg { none, fact, facts, fact_value, plans, plan_output, file, expression };
  Arg args = Arg::none;
};

// A failed command's output.
Result failure(std::string message);

}  // namespace sop::repl
