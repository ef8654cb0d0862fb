#!/usr/bin/env python3
"""The man pages and bash completion generated at build time (cmake/man_pages.py) cover every
command `sop --help` lists: sop.1 has a section for each, each has its own page listing every
option of its `--help`, the pages render with no groff warning, and bash, with the completion
file sourced, completes a command name and a command's option.

Usage: man_pages_test.py SOP MAN_DIR"""
import gzip
import re
import shutil
import subprocess
import sys
from pathlib import Path

sop, man = sys.argv[1], Path(sys.argv[2])
failures, passed = [], 0


def expect(ok, message):
    global passed
    if ok:
        passed += 1
    else:
        failures.append(message)
        print(f"FAIL {message}")


def help_of(*args):
    return subprocess.run([sop, *args, "--help"], check=True, stdout=subprocess.PIPE, text=True).stdout


top = help_of()
block = top.split("Subcommands:\n", 1)[1].split("\n\n", 1)[0]
commands = [line.split()[0] for line in block.splitlines() if line.strip()]
expect(len(commands) >= 9, f"`sop --help` lists the commands: {commands}")
main_page = gzip.decompress((man / "man1/sop.1.gz").read_bytes()).decode()
for name in commands:
    expect(f'.SS "sop {name}"' in main_page, f"sop.1 has a section for `sop {name}`")
    page_file = man / f"man1/sop-{name}.1.gz"
    expect(page_file.exists(), f"{page_file.name} exists")
    if not page_file.exists():
        continue
    page = gzip.decompress(page_file.read_bytes()).decode()
    for option in set(re.findall(r"^\s+(?:-\w,)?(--[\w-]+)", help_of(name), re.M)):
        expect(option in page, f"sop-{name}.1 lists {option}")
    if shutil.which("groff"):
        r = subprocess.run(["groff", "-man", "-Tutf8", "-ww", "-z"], input=page, text=True,
                           capture_output=True)
        expect(r.returncode == 0 and r.stderr == "", f"sop-{name}.1 renders cleanly: {r.stderr}")


def complete(*words):
    """What bash's completion offers for `sop WORDS…` (the last word being typed)."""
    script = (f"source {man / 'sop.bash'}; COMP_WORDS=(sop {' '.join(words)}); "
              f"COMP_CWORD={len(words)}; _sop; printf '%s\\n' \"${{COMPREPLY[@]}}\"")
    return subprocess.run(["bash", "-c", script], check=True, stdout=subprocess.PIPE,
                          text=True).stdout.split()


expect(complete("ch") == ["check"], f"`sop ch<TAB>` completes check: {complete('ch')}")
expect(set(complete("")) >= set(commands), "`sop <TAB>` offers every command")
expect("--format" in complete("eval", "--fo"), f"`sop eval --fo<TAB>` offers --format: {complete('eval', '--fo')}")
print(f"{passed} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
