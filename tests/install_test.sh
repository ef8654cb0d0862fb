#!/usr/bin/env bash
# `cmake --install` into a fresh prefix, then what a user of it does: runs the installed `sop`
# away from the repository (its stdlib is embedded), and builds tests/consumer/ with
# find_package(sop) against the prefix alone; the consumer's determination of a case must be
# the installed `sop eval`'s, byte for byte.
#   install_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
src=$(cd "$2" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
ok() { echo "ok   $*"; passed=$((passed + 1)); }

cmake --install "$build" --prefix "$tmp/prefix" >/dev/null
for f in bin/sop share/man/man1/sop.1.gz share/bash-completion/completions/sop \
  share/sop/stdlib/case_format.sop include/sop/interpreter/loaded_plan.hpp lib/cmake/sop/sopConfig.cmake; do
  [ -e "$tmp/prefix/$f" ] || { echo "FAIL $f is not installed"; exit 1; }
done
[ ! -e "$tmp/prefix/include/sop/lang/grammar.hpp" ] || { echo "FAIL lang/grammar.hpp (PEGTL's) is installed"; exit 1; }
ok "the prefix holds sop, its man page, completion, stdlib, headers and CMake package"

# The plan and the case copied away from the repository: no stdlib/ beside them.
mkdir "$tmp/work"
cp "$src/policies/partnership.sop" "$src/examples/cases/anthem_conflicting_results.json" "$tmp/work/"
(cd "$tmp/work" && "$tmp/prefix/bin/sop" eval partnership.sop anthem_conflicting_results.json \
  --format json --no-trace >expected.json)
grep -q '"plan": "partnership"' "$tmp/work/expected.json" || { echo "FAIL installed sop eval"; exit 1; }
ok "the installed sop evaluates a plan outside the repository"

cmake -S "$src/tests/consumer" -B "$tmp/consumer" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_PREFIX_PATH="$tmp/prefix" >"$tmp/configure.log" 2>&1 || { cat "$tmp/configure.log"; exit 1; }
cmake --build "$tmp/consumer" >"$tmp/build.log" 2>&1 || { cat "$tmp/build.log"; exit 1; }
ok "tests/consumer builds with find_package(sop) against the prefix"

(cd "$tmp/work" && "$tmp/consumer/consumer" partnership.sop anthem_conflicting_results.json >actual.json)
diff -u "$tmp/work/expected.json" "$tmp/work/actual.json" || { echo "FAIL the consumer's determination differs"; exit 1; }
ok "the consumer's determination is the installed sop's"
echo "$passed passed, 0 failed"
