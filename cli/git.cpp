#include "cli/git.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <vector>

extern char** environ;

namespace sop::cli {

namespace {

// What a child wrote to `fd` (standard output and error together) until it closed it.
std::string read_to_end(int fd) {
  std::string text;
  std::array<char, 4096> buf;
  while (true) {
    ssize_t n = ::read(fd, buf.data(), buf.size());
    if (n > 0) {
      text.append(buf.data(), static_cast<size_t>(n));
    } else if (n == 0 || errno != EINTR) {
      return text;
    }
  }
}

// Runs `argv` (argv[0] found on PATH) with standard input from /dev/null and standard output and
// error into `output`; returns its exit status, or -1 if it could not be started.
int run_program(const std::vector<std::string>& argv, std::string& output) {
  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) return -1;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], 1);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], 2);
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = -1;
  int spawned = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(pipe_fds[1]);  // so that the read below ends when the child exits
  if (spawned != 0) {
    ::close(pipe_fds[0]);
    return -1;
  }
  output = read_to_end(pipe_fds[0]);
  ::close(pipe_fds[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

std::optional<std::string> git_show(const std::string& rev, const std::string& path,
                                    std::string& error) {
  std::string text;
  // `./PATH`: relative to the current directory, where git show would take it from the root.
  int status = run_program({"git", "show", "--end-of-options", rev + ":./" + path}, text);
  if (status < 0) {
    error = "cannot run git";
    return std::nullopt;
  }
  if (status != 0) {
    error = text.empty() ? "git show failed" : text.substr(0, text.find('\n'));
    return std::nullopt;
  }
  return text;
}

}  // namespace sop::cli
