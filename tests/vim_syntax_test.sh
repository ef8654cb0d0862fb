#!/usr/bin/env bash
# editors/vim's syntax on the shipped files, in a real Vim (tests/vim_syntax_test.vim).
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp)
trap 'rm -f "$out"' EXIT
vim -N -u NONE -i NONE -es --cmd "set rtp^=$PWD/editors/vim" -S tests/vim_syntax_test.vim "$out" </dev/null || true
cat "$out"
grep -q ' 0 failed$' "$out"
