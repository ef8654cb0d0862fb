#pragma once
// The exit statuses of `sop` (docs/cli.md, docs/errors.md), for every command.

namespace sop::cli {

inline constexpr int k_ok = 0;
inline constexpr int k_failed = 1;  // a policy or case error, a failing test, a difference
inline constexpr int k_usage =
    2;  // the command line is wrong (`sop diff`, `sop matrix`: any error)

}  // namespace sop::cli
