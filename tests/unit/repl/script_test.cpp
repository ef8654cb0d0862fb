// `sop repl` as a program: the script mode (stdin not a terminal: no prompt, no colour, exit 1
// if any command failed), in-process and through the real binary, and the terminal mode under a
// pseudo-terminal (prompt, tab completion, history).
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "repl/terminal.hpp"

namespace sop::repl {
namespace {

namespace fs = std::filesystem;

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

struct RunResult {
  int status = 0;
  std::string out, err;
};

RunResult run_in_process(const std::vector<std::string>& policies, const std::string& script) {
  fs::current_path(SOP_SOURCE_DIR);
  std::istringstream in(script);
  std::ostringstream out, err;
  RunResult r;
  r.status = run(policies, in, out, err);
  r.out = out.str();
  r.err = err.str();
  return r;
}

TEST(ScriptMode, EveryCommandSucceeds) {
  RunResult r = run_in_process({"policies/partnership.sop"},
                               ":set urgent true\n# a comment\n\n? urgent\n:show urgent\n");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_TRUE(contains(r.out, "urgent: unknown → true\n")) << r.out;
  EXPECT_TRUE(contains(r.out, "\ntrue\n")) << r.out;
  EXPECT_FALSE(contains(r.out, "sop>")) << r.out;       // no prompt
  EXPECT_FALSE(contains(r.out, "\x1b[")) << r.out;      // no colour
  EXPECT_FALSE(contains(r.out, "sop repl:")) << r.out;  // no banner
}

TEST(ScriptMode, AFailedCommandIsReportedTheRestRunsAndTheStatusIsOne) {
  RunResult r = run_in_process({"policies/partnership.sop"},
                               ":set urgent maybe\n:set urgent true\n? urgent\n");
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "error: field \"urgent\": expected true or false, found \"maybe\"\n");
  EXPECT_TRUE(contains(r.out, "urgent: unknown → true\n")) << r.out;
  EXPECT_TRUE(contains(r.out, "\ntrue\n")) << r.out;
}

TEST(ScriptMode, QuitStopsReading) {
  RunResult r = run_in_process({"policies/partnership.sop"}, ":quit\n:set urgent maybe\n");
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "");
}

TEST(ScriptMode, PlansThatDoNotLoad) {
  RunResult r = run_in_process({"no/such/plan.sop"}, "? 1\n");
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(contains(r.err, "no/such/plan.sop")) << r.err;
  EXPECT_TRUE(contains(r.err, "error: no plan loaded\n")) << r.err;
  // One bad plan among good ones: the session runs, the status says so.
  r = run_in_process({"policies/partnership.sop", "stdlib/baseline.sop"}, "? 1 + 1\n");
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out, "2\n");
}

// ---------------------------------------------------------------- the real binary

fs::path sop_binary() {
  // The test binary is BUILD/tests/sop_repl_tests; `sop` is BUILD/sop.
  std::error_code ec;
  fs::path self = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path() : self.parent_path().parent_path() / "sop";
}

RunResult run_binary(const std::string& args, const std::string& script) {
  fs::path bin = sop_binary();
  // One directory per test process: ctest runs the tests of this binary in parallel.
  fs::path dir = fs::temp_directory_path() / ("sop_repl_script_test_" + std::to_string(getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "in") << script;
  std::string cmd = "cd '" + std::string(SOP_SOURCE_DIR) + "' && '" + bin.string() + "' " + args +
                    " < '" + (dir / "in").string() + "' > '" + (dir / "out").string() + "' 2> '" +
                    (dir / "err").string() + "'";
  RunResult r;
  int raw = std::system(cmd.c_str());
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  std::ifstream o(dir / "out"), e(dir / "err");
  std::stringstream os, es;
  os << o.rdbuf();
  es << e.rdbuf();
  r.out = os.str();
  r.err = es.str();
  fs::remove_all(dir);
  return r;
}

class Binary : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(sop_binary())) GTEST_SKIP() << "build the `sop` target to run these";
  }
};

TEST_F(Binary, ReplOverStandardInputExitsZeroWhenEveryCommandSucceeds) {
  RunResult r = run_binary("repl", ":load examples/cases/urgent_knee_surgery.json\n:eval\n");
  EXPECT_EQ(r.status, 0) << r.err;
  // Default plans: every file in policies/.
  EXPECT_TRUE(contains(r.out, "anthem_medicaid")) << r.out;
  EXPECT_TRUE(contains(r.out, "partnership")) << r.out;
  EXPECT_TRUE(contains(r.out, "* decision ")) << r.out;
  EXPECT_FALSE(contains(r.out, "sop>")) << r.out;
}

TEST_F(Binary, ReplExitsOneWhenACommandFails) {
  RunResult r = run_binary("repl policies/hpsj.sop", ":set nothing 1\n? 1\n");
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(contains(r.err, "error: unknown field \"nothing\"")) << r.err;
  EXPECT_EQ(r.out, "1\n");
}

TEST_F(Binary, ReplHelpAndBadPlans) {
  RunResult r = run_binary("repl --help", "");
  EXPECT_EQ(r.status, 0);
  EXPECT_TRUE(contains(r.out, "Explore cases interactively")) << r.out;
  r = run_binary("repl no/such.sop", "");
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(contains(r.err, "error: no plan loaded")) << r.err;
}

// ---------------------------------------------------------------- the terminal

TEST_F(Binary, OnATerminalItPromptsCompletesAndKeepsHistory) {
  // util-linux `script` runs the REPL on a pseudo-terminal, so stdin is a terminal.
  if (std::system("command -v script > /dev/null 2>&1") != 0) GTEST_SKIP() << "no `script`";
  fs::path home = fs::temp_directory_path() / ("sop_repl_home_" + std::to_string(getpid()));
  fs::remove_all(home);
  fs::create_directories(home);
  // `:se<Tab>urg<Tab>` completes to `:set urgent `.
  std::string cmd = "cd '" + std::string(SOP_SOURCE_DIR) +
                    "' && printf ':se\\turg\\ttrue\\n? urgent\\n:quit\\n' | HOME='" +
                    home.string() + "' NO_COLOR=1 timeout 20 script -qec \"'" +
                    sop_binary().string() + "' repl policies/partnership.sop\" /dev/null";
  FILE* p = popen(cmd.c_str(), "r");
  ASSERT_NE(p, nullptr);
  std::string out;
  char buf[4096];
  for (size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
  int status = pclose(p);
  EXPECT_EQ(WIFEXITED(status) ? WEXITSTATUS(status) : -1, 0) << out;
  EXPECT_TRUE(contains(out, "sop repl: 1 plan (partnership)")) << out;
  EXPECT_TRUE(contains(out, "sop> ")) << out;
  EXPECT_TRUE(contains(out, "urgent: unknown → true")) << out;
  std::ifstream h(home / ".sop_history");
  std::stringstream history;
  history << h.rdbuf();
  EXPECT_TRUE(contains(history.str(), "urgent")) << history.str();
  EXPECT_TRUE(contains(history.str(), ":quit")) << history.str();
  fs::remove_all(home);
}

}  // namespace
}  // namespace sop::repl
