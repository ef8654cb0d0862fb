// The interactive loop: libedit's readline interface for line editing, completion and history.
// Everything it shows comes from Session::execute and Session::complete.
#include "repl/terminal.hpp"

#include <editline/readline.h>

#include <cstdlib>
#include <cstring>
#include <iostream>

namespace sop::repl {

namespace {

// readline's completion hooks are plain functions: they reach the session through these.
Session* g_session = nullptr;
std::vector<std::string> g_matches;
size_t g_next = 0;

char* next_match(const char*, int state) {
  if (state == 0) g_next = 0;
  if (g_next >= g_matches.size()) return nullptr;
  return strdup(g_matches[g_next++].c_str());
}

char** attempt_completion(const char* text, int, int end) {
  rl_attempted_completion_over = 1;  // only what the session offers, never file names by default
  std::string line(rl_line_buffer, static_cast<size_t>(end));
  g_matches = g_session->complete(line).words;
  if (g_matches.empty()) return nullptr;
  return rl_completion_matches(text, next_match);
}

// The same word breaks as Session::complete, so both agree on the word being completed.
char k_breaks[] = " \t=([,";

}  // namespace

int run_terminal(Session& session, const std::string& history_file) {
  g_session = &session;
  rl_readline_name = "sop";
  rl_attempted_completion_function = attempt_completion;
  rl_completer_word_break_characters = k_breaks;
  rl_basic_word_break_characters = k_breaks;
  stifle_history(1000);
  if (!history_file.empty()) read_history(history_file.c_str());
  std::string ids;
  for (const std::string& id : session.plan_ids()) ids += (ids.empty() ? "" : ", ") + id;
  std::cout << "sop repl: " << session.plan_count() << " plan"
            << (session.plan_count() == 1 ? "" : "s") << " (" << ids
            << "). :help lists the commands; Tab completes; :quit or Ctrl-D leaves.\n";
  while (true) {
    char* raw = readline("sop> ");
    if (!raw) {
      std::cout << "\n";
      break;
    }
    std::string line(raw);
    free(raw);
    if (line.find_first_not_of(" \t") != std::string::npos) {
      add_history(line.c_str());
      // Written after every line, so that history survives a session that is killed.
      if (!history_file.empty()) write_history(history_file.c_str());
    }
    Result r = session.execute(line);
    std::cout << r.output << std::flush;
    if (r.quit) break;
  }
  g_session = nullptr;
  return 0;
}

}  // namespace sop::repl
