// `sop eval --batch` never loses a case: the real binary (SOP_BINARY) is started on a large
// JSON Lines input, killed midway, and what it wrote must be a prefix of what an uninterrupted
// run writes — whole lines, in input order, each a determination or an error record — and
// every line it finished before the kill must have reached the reader (output is flushed per
// line, not when a buffer fills).
#include <gtest/gtest.h>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"

namespace sop {
namespace {

namespace fs = std::filesystem;

const fs::path k_root = SOP_SOURCE_DIR;
const char* k_policy = "policies/partnership.sop";

// A batch of `n` lines cycling through every example case (each with its own id), blank lines,
// and lines the batch must refuse in place.
std::vector<std::string> batch_lines(size_t n) {
  std::vector<std::string> cases;
  for (const auto& e : fs::directory_iterator(k_root / "examples/cases")) {
    std::ifstream f(e.path());
    cases.push_back(nlohmann::json::parse(f).dump());
  }
  std::sort(cases.begin(), cases.end());
  const std::vector<std::string> bad = {
      "", "[1, 2]", "{\"urgent\": ", "{\"urgnt\": true}", "{\"opinion_number\": 1e400}", "null"};
  std::vector<std::string> lines;
  for (size_t i = 0; lines.size() < n; ++i) {
    if (i % 7 == 3) {
      lines.push_back(bad[(i / 7) % bad.size()]);
      continue;
    }
    nlohmann::json c = nlohmann::json::parse(cases[i % cases.size()]);
    c["id"] = fmt::format("case-{}", i);
    lines.push_back(c.dump());
  }
  return lines;
}

std::string joined(const std::vector<std::string>& lines, size_t count) {
  std::string out;
  for (size_t i = 0; i < count && i < lines.size(); ++i) out += lines[i] + "\n";
  return out;
}

// What an uninterrupted run writes for `input`, in-process (the same code as the binary).
std::string uninterrupted(const std::string& input) {
  fs::current_path(k_root);
  std::istringstream in(input);
  std::ostringstream out, err;
  cli::run({"eval", k_policy, "--batch", "--no-trace"}, in, out, err);
  return out.str();
}

struct Child {
  pid_t pid = -1;
  int out = -1;  // read end of its standard output
};

// Starts `sop eval POLICY --batch --no-trace` with `stdin_fd` as its standard input.
Child start(int stdin_fd) {
  int pipe_out[2];
  if (pipe(pipe_out) != 0) return {};
  pid_t pid = fork();
  if (pid == 0) {
    dup2(stdin_fd, 0);
    dup2(pipe_out[1], 1);
    int null = open("/dev/null", O_WRONLY);
    dup2(null, 2);
    close(pipe_out[0]);
    if (chdir(SOP_SOURCE_DIR) != 0) _exit(126);
    execl(SOP_BINARY, "sop", "eval", k_policy, "--batch", "--no-trace",
          static_cast<char*>(nullptr));
    _exit(127);
  }
  close(pipe_out[1]);
  return {pid, pipe_out[0]};
}

// Reads from `fd` into `got` until it holds `lines` newlines, the deadline passes, or EOF.
bool read_lines(int fd, std::string& got, size_t lines, std::chrono::seconds deadline) {
  auto end = std::chrono::steady_clock::now() + deadline;
  char buf[65536];
  while (static_cast<size_t>(std::count(got.begin(), got.end(), '\n')) < lines) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        end - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;
    ssize_t n = read(fd, buf, sizeof buf);
    if (n <= 0) return false;
    got.append(buf, static_cast<size_t>(n));
  }
  return true;
}

void drain(int fd, std::string& got) {
  char buf[65536];
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0) got.append(buf, static_cast<size_t>(n));
}

// Every whole line is a determination or an error record for the input line it answers.
void expect_valid_lines(const std::string& got) {
  std::istringstream lines(got);
  std::string line;
  size_t whole = static_cast<size_t>(std::count(got.begin(), got.end(), '\n'));
  for (size_t i = 0; i < whole && std::getline(lines, line); ++i) {
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << "line " << i + 1 << " is not JSON: " << line;
    std::string schema = j.value("schema", "");
    EXPECT_TRUE(schema == "sop.determination/1" || schema == "sop.error/1")
        << "line " << i + 1 << ": " << line;
  }
}

TEST(BatchKill, KilledMidwayLeavesAPrefixOfWholeLines) {
  const size_t total = 100000;
  std::vector<std::string> lines = batch_lines(total);
  fs::path input = fs::temp_directory_path() / fmt::format("sop_batch_kill_{}.jsonl", getpid());
  std::ofstream(input, std::ios::binary) << joined(lines, total);
  int in = open(input.c_str(), O_RDONLY);
  ASSERT_GE(in, 0);
  Child c = start(in);
  close(in);
  ASSERT_GT(c.pid, 0);

  std::string got;
  bool enough = read_lines(c.out, got, 2000, std::chrono::seconds(120));
  kill(c.pid, SIGKILL);
  drain(c.out, got);
  close(c.out);
  int status = 0;
  waitpid(c.pid, &status, 0);
  fs::remove(input);
  ASSERT_TRUE(enough) << "fewer than 2000 lines arrived: " << got.substr(0, 2000);
  ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << "it finished before the kill";

  size_t whole = static_cast<size_t>(std::count(got.begin(), got.end(), '\n'));
  EXPECT_GE(whole, 2000u);
  expect_valid_lines(got);
  // A prefix of the uninterrupted output: the answers to the input's first lines, in order, and
  // at most the start of the next one (a write the kill cut short). Blank input lines have no
  // answer, so the input needed is found by counting answered lines.
  size_t answered = 0, used = 0;
  while (used < lines.size() && answered <= whole) {
    if (lines[used].find_first_not_of(" \t\r") != std::string::npos) ++answered;
    ++used;
  }
  std::string expected = uninterrupted(joined(lines, used));
  ASSERT_LE(got.size(), expected.size());
  EXPECT_EQ(got, expected.substr(0, got.size()))
      << "the killed run's output is not a prefix of the uninterrupted run's";
  EXPECT_LT(whole, total) << "killed midway, yet every line was answered";
}

TEST(BatchKill, EveryAnsweredLineReachesTheReaderBeforeTheNext) {
  // Standard input is a pipe held open: after each case, its answer must arrive while `sop`
  // waits for the next line — output flushed per line, so a kill at any moment keeps it.
  int pipe_in[2];
  ASSERT_EQ(pipe(pipe_in), 0);
  Child c = start(pipe_in[0]);
  close(pipe_in[0]);
  ASSERT_GT(c.pid, 0);
  std::vector<std::string> lines = batch_lines(12);
  std::string got;
  size_t answered = 0;
  bool arrived = true;
  for (const std::string& line : lines) {
    std::string l = line + "\n";
    ASSERT_EQ(write(pipe_in[1], l.data(), l.size()), static_cast<ssize_t>(l.size()));
    if (line.empty()) continue;
    ++answered;
    arrived = read_lines(c.out, got, answered, std::chrono::seconds(60));
    if (!arrived) break;
  }
  // Half a line, then the kill: nothing more may appear for it.
  std::string half = lines[0].substr(0, lines[0].size() / 2);
  ASSERT_EQ(write(pipe_in[1], half.data(), half.size()), static_cast<ssize_t>(half.size()));
  kill(c.pid, SIGKILL);
  close(pipe_in[1]);
  drain(c.out, got);
  close(c.out);
  int status = 0;
  waitpid(c.pid, &status, 0);
  ASSERT_TRUE(arrived) << "an answer did not arrive while sop waited for more input (not "
                          "flushed per line); got so far:\n"
                       << got;
  EXPECT_EQ(static_cast<size_t>(std::count(got.begin(), got.end(), '\n')), answered);
  EXPECT_EQ(got, uninterrupted(joined(lines, lines.size())));
  expect_valid_lines(got);
}

}  // namespace
}  // namespace sop
