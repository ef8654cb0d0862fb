// Tab completion for a Session: what the word under the cursor may become, by the command and
// the position of the word in it.
#include <algorithm>
#include <filesystem>

#include "repl/session.hpp"
#include "repl/session_impl.hpp"

namespace sop::repl {

namespace {

// The characters that end a word for completion; the terminal uses the same set.
constexpr std::string_view k_breaks = " \t=([,";

void values_of_type(const Program& p, TypeId type, bool json, std::vector<std::string>& out) {
  TypeId t = p.types.strip_optional(type);
  switch (p.types.kind(t)) {
    case TypeKind::bool_:
      out.insert(out.end(), {"true", "false"});
      break;
    case TypeKind::enum_:
      for (const EnumDef::Item& item : p.enums[p.types.info(t).ref].values)
        out.push_back(json ? item.json : item.name);
      break;
    case TypeKind::calendar:
      for (const CalendarDef& c : p.calendars) out.push_back(c.name);
      break;
    default:
      break;
  }
}

void files(const std::string& word, std::vector<std::string>& out) {
  namespace fs = std::filesystem;
  size_t slash = word.rfind('/');
  std::string dir = slash == std::string::npos ? "" : word.substr(0, slash + 1);
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir.empty() ? "." : dir, ec)) {
    std::string name = dir + e.path().filename().string();
    out.push_back(e.is_directory(ec) ? name + "/" : name);
  }
}

}  // namespace

Completion Session::complete(std::string_view line) const {
  Completion c;
  size_t brk = line.find_last_of(k_breaks);
  c.start = brk == std::string_view::npos ? 0 : brk + 1;
  std::string word(line.substr(c.start));
  std::vector<std::string> before = split_words(line.substr(0, c.start));
  std::vector<std::string> words;
  if (plans_.empty()) return c;

  auto names = [&]() {  // what an expression may name
    for (const auto& plan : plans_) {
      const Program& p = *plan->program;
      for (const Var& v : p.vars) words.push_back(v.name);
      for (const EnumDef& e : p.enums)
        for (const EnumDef::Item& item : e.values) words.push_back(item.name);
    }
  };
  auto fact_values = [&](const std::string& name) {
    uint32_t var = 0;
    const Plan* plan = declaring(fact_key(name), var);
    if (!plan) return;
    values_of_type(*plan->program, plan->program->vars[var].type, true, words);
    words.push_back("unknown");
  };
  auto outputs = [&](const std::string& plan_word) {
    for (const auto& plan : plans_) {
      if (plan_word != "*" && plan_word != "all" && plan->name.rfind(plan_word, 0) != 0) continue;
      for (const Var& v : plan->program->vars)
        if (v.kind != VarKind::fact) words.push_back(v.name);
    }
  };

  bool expression_line = !line.empty() && line[0] != ':';
  const Command* cmd = before.empty() ? nullptr : find_command(before[0]);
  if (before.empty() && !expression_line) {
    for (const Command& k : commands())
      if (k.name[0] == ':') words.push_back(k.name);
  } else if (expression_line || !cmd) {
    if (expression_line) names();
  } else {
    using A = Command::Arg;
    size_t n = before.size();  // the word being completed is argument n
    char prev = c.start > 0 ? line[c.start - 1] : ' ';
    switch (cmd->args) {
      case A::none:
        break;
      case A::fact:
        if (n == 1) words = fact_names();
        break;
      case A::plans:
        words = plan_ids();
        break;
      case A::facts:
        if (prev == '=') {
          // `:whatif f=v`: the fact is the text between the last blank and the `=`.
          std::string_view head = line.substr(0, c.start - 1);
          size_t blank = head.find_last_of(" \t");
          fact_values(std::string(head.substr(blank == std::string_view::npos ? 0 : blank + 1)));
        } else {
          words = fact_names();
        }
        break;
      case A::fact_value:
        if (n == 1) words = fact_names();
        if (n == 2) fact_values(before[1]);
        break;
      case A::plan_output: {
        bool override_cmd = cmd->name == ":override";
        if (n == 1) {
          words = plan_ids();
          words.push_back("*");
        } else if (n == 2) {
          outputs(before[1]);
        } else if (override_cmd && (n > 3 || prev == '=')) {
          names();
        } else if (override_cmd && n == 3) {
          words.push_back("=");
        } else if (n >= 3 && cmd->name != ":clear-overrides") {
          // The values of the output's type, as an expression names them.
          for (const auto& plan : plans_) {
            int32_t v = plan->program->find_var(before[2]);
            if (v != k_none)
              values_of_type(*plan->program, plan->program->vars[v].type, false, words);
          }
        }
        break;
      }
      case A::file:
        if (n == 1) files(word, words);
        break;
      case A::expression:
        names();
        break;
    }
  }
  std::vector<std::string> out;
  for (const std::string& w : words)
    if (w.rfind(word, 0) == 0) out.push_back(w);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  c.words = std::move(out);
  return c;
}

}  // namespace sop::repl
