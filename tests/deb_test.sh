#!/usr/bin/env bash
# Builds the Debian package from a build directory (cpack -G DEB, as scripts/package does) and
# checks what `dpkg-deb` says it installs: sop, its man pages, its bash completion and the
# stdlib, under /usr, with its shared-library dependencies declared.
#   deb_test.sh BUILD_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$build" && cpack -G DEB -B "$tmp" >"$tmp/cpack.log" 2>&1) || { cat "$tmp/cpack.log"; exit 1; }
deb=$(ls "$tmp"/sop_*.deb)
dpkg-deb -c "$deb" | awk '{print $6}' >"$tmp/contents"
failed=0 passed=0
for f in ./usr/bin/sop ./usr/share/man/man1/sop.1.gz ./usr/share/man/man1/sop-eval.1.gz \
  ./usr/share/bash-completion/completions/sop ./usr/share/sop/stdlib/case_format.sop \
  ./usr/share/sop/stdlib/baseline.sop ./usr/lib/cmake/sop/sopConfig.cmake; do
  if grep -qx "$f" "$tmp/contents"; then passed=$((passed + 1)); else echo "FAIL $deb lacks $f"; failed=$((failed + 1)); fi
done
if dpkg-deb -f "$deb" Depends | grep -q libedit; then passed=$((passed + 1)); else
  echo "FAIL Depends does not name libedit: $(dpkg-deb -f "$deb" Depends)"; failed=$((failed + 1)); fi
echo "$(basename "$deb"): $passed passed, $failed failed"
[ "$failed" -eq 0 ]
