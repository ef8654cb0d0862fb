#pragma once
// Reading a file as it was at a git revision, for `sop diff --rev`. git runs from an argument
// vector, never through a shell, so nothing in a revision or path is interpreted on the way; and
// `--end-of-options` comes before the revision, so one that begins with `-` (`--output=FILE`,
// `-h`) is a revision name to git, which then refuses it, not an option it obeys.
#include <optional>
#include <string>

namespace sop::cli {

// `git show REV:./PATH` (PATH relative to the current directory): the file's text, or nullopt
// with `error` set to the first line git wrote, or why git could not be run.
std::optional<std::string> git_show(const std::string& rev, const std::string& path,
                                    std::string& error);

}  // namespace sop::cli
