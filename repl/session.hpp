#pragma once
// A REPL session: the loaded plans, the case being built, and the session's overrides.
//
// As in OPA's REPL, the terminal loop (repl/terminal.hpp) is a thin layer over one function,
// Session::execute, which takes one line and returns its output: every command is testable
// without a terminal, and a script of commands is a transcript that can be compared.
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "lang/loader.hpp"
#include "repl/flip.hpp"
#include "repl/text.hpp"

namespace sop::repl {

struct Result {
  std::string output;  // what to print (ends in a newline unless empty)
  bool ok = true;      // false: the command failed (a script then exits non-zero)
  bool quit = false;
};

// What tab completion offers for the word under the cursor.
struct Completion {
  size_t start = 0;                // where that word begins in the line
  std::vector<std::string> words;  // the candidates that extend it, sorted
};

struct SessionOptions {
  bool color = false;  // ANSI colours (a terminal); never in scripts
  FlipLimits flip;
  LoadOptions load;  // how plans are loaded and reloaded (their readings)
};

class Session {
 public:
  explicit Session(SessionOptions options = {});
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // Loads plans (policy files with a `plan` header). Returns false, with the diagnostics in
  // `errors`, if any fails; those that load are kept.
  bool load_plans(const std::vector<std::string>& paths, std::string& errors);

  // Runs one line: a command (`:set …`), an expression (`? …` or any line not starting with
  // `:`), a comment (`# …`) or nothing.
  Result execute(const std::string& line);

  // Completion of the line's last word: command names, fact names and the values of the fact
  // being set, plan ids, output names, file names.
  Completion complete(std::string_view line) const;

  size_t plan_count() const { return plans_.size(); }
  std::vector<std::string> plan_ids() const;
  // The current case as a sop.case/1 object, facts in declaration order.
  nlohmann::ordered_json case_json() const;

 private:
  struct Plan;
  struct Command;
  using Args = std::vector<std::string>;
  // One row per reported output (and the missing facts), per plan: name → cell text.
  using Snapshot = std::vector<std::vector<std::pair<std::string, std::string>>>;

  Result dispatch(const std::string& line);
  static const std::vector<Command>& commands();
  const Command* find_command(const std::string& name) const;

  // ---- commands (session.cpp, explore.cpp)
  Result help(const std::string& rest);
  Result plans(const std::string& rest);
  Result show(const std::string& rest);
  Result set(const std::string& rest);
  Result unset(const std::string& rest);
  Result clear(const std::string& rest);
  Result load(const std::string& rest);
  Result save(const std::string& rest);
  Result eval(const std::string& rest);
  Result why(const std::string& rest);
  Result whynot(const std::string& rest);
  Result flip(const std::string& rest);
  Result whatif(const std::string& rest);
  Result expression(const std::string& rest);
  Result override_output(const std::string& rest);
  Result clear_overrides(const std::string& rest);
  Result reload(const std::string& rest);
  Result quit(const std::string& rest);

  // ---- the case
  // The fact's JSON name for a name the user typed (its name or JSON name), or "".
  std::string fact_key(const std::string& name) const;
  // The first plan that declares the fact with this JSON name, and its var index.
  const Plan* declaring(const std::string& key, uint32_t& var) const;
  std::vector<std::string> fact_names() const;
  // Reads a value as typed after `:set` into JSON, as the case would carry it.
  bool parse_value(const std::string& key, const std::string& text, nlohmann::json& j,
                   std::string& error) const;
  // Checks `facts` against every plan; on success decodes it into `cases` (one per plan).
  bool decode(const std::map<std::string, nlohmann::json>& facts, std::vector<Case>& cases,
              std::string& error) const;
  // Replaces the current case (already checked) and evaluates every plan on it.
  void adopt(std::map<std::string, nlohmann::json> facts, std::vector<Case> cases);
  void evaluate_all();
  Result change_case(std::map<std::string, nlohmann::json> facts, const std::string& what);

  // ---- plans, outputs, rendering
  // PLAN as typed: an id, a unique prefix of one, or `*` for all.
  bool select_plans(const std::string& word, std::vector<Plan*>& out, std::string& error);
  bool find_output(const Plan& plan, const std::string& name, uint32_t& var,
                   std::string& error) const;
  std::vector<std::string> row_names() const;
  Snapshot snapshot();
  std::string diff(const Snapshot& before, const Snapshot& after, bool every_plan) const;
  std::string table(const Snapshot& s, const std::vector<std::string>& ids) const;
  std::string help_examples_fact(bool want_enum) const;
  // A line for each plan whose last evaluation faulted (an overflow, a date out of range): its
  // determination has holes that are not missing facts.
  std::string faults() const;

  SessionOptions options_;
  Style style_;
  std::vector<std::unique_ptr<Plan>> plans_;
  std::map<std::string, nlohmann::json> facts_;  // the case: JSON name → value
};

}  // namespace sop::repl
