#!/usr/bin/env python3
"""End to end: Neovim's built-in LSP client (Debian's neovim, installed by scripts/setup),
configured by the Lua block of docs/editors.md (the `sop` under test first on PATH), runs
`sop lsp` on a copy of a shipped policy with the stdlib beside it, through
tests/editors/nvim_lsp_test.lua, and this checks what the editor received: no diagnostics for
the policy as shipped, hover and definition of a fact (into stdlib/case_format.sop) and of an
adopted baseline rule, the code lens that runs the file's tests, then, after an edit that misspells a fact after `§ → ☒`, the undefined
name with its did-you-mean at the right column. Usage: nvim_lsp_test.py SOP_BINARY"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TIMEOUT = 90


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


def check(condition, message, got=None):
    if not condition:
        fail(message + ("" if got is None else "\n  got: " + json.dumps(got, ensure_ascii=False)[:2000]))
    print("ok: " + message)


def documented_configuration():
    """The first ```lua block of docs/editors.md: what a user puts in init.lua."""
    with open(os.path.join(ROOT, "docs", "editors.md"), encoding="utf-8") as f:
        text = f.read()
    start = text.find("```lua\n")
    if start < 0:
        fail("docs/editors.md has no ```lua block")
    start += len("```lua\n")
    return text[start:text.index("```", start)]


def run_nvim(sop, work):
    nvim = shutil.which("nvim")
    if not nvim:
        fail("nvim is not installed (scripts/setup installs Debian's neovim)")
    policy = os.path.join(work, "policies", "partnership.sop")
    os.makedirs(os.path.dirname(policy))
    shutil.copy(os.path.join(ROOT, "policies", "partnership.sop"), policy)
    shutil.copytree(os.path.join(ROOT, "stdlib"), os.path.join(work, "stdlib"))
    out = os.path.join(work, "results.json")
    init = os.path.join(work, "init.lua")
    with open(init, "w", encoding="utf-8") as f:
        f.write(documented_configuration())
    bin_dir = os.path.join(work, "bin")
    os.makedirs(bin_dir)
    os.symlink(sop, os.path.join(bin_dir, "sop"))
    env = dict(os.environ, SOP_POLICY=policy, SOP_OUT=out, PATH=bin_dir + os.pathsep + os.environ.get("PATH", ""),
               XDG_CONFIG_HOME=work, XDG_DATA_HOME=work, XDG_STATE_HOME=work, XDG_CACHE_HOME=work)
    script = os.path.join(ROOT, "tests", "editors", "nvim_lsp_test.lua")
    cmd = [nvim, "--headless", "-u", init, "-i", "NONE", "-n", "-c", "luafile " + script]
    try:
        proc = subprocess.run(cmd, env=env, cwd=work, stdin=subprocess.DEVNULL,
                              capture_output=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        fail("nvim did not finish within %d s" % TIMEOUT)
    if not os.path.exists(out):
        fail("nvim wrote no results (exit %d)\nstdout: %s\nstderr: %s" %
             (proc.returncode, proc.stdout.decode(errors="replace"), proc.stderr.decode(errors="replace")))
    errors = proc.stderr.decode(errors="replace")
    if "Error" in errors:
        fail("nvim reported errors (the configuration of docs/editors.md or the client):\n" + errors)
    with open(out, encoding="utf-8") as f:
        return json.load(f), work


def main():
    if len(sys.argv) != 2:
        fail(__doc__)
    sop = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory(prefix="sop_nvim_") as work:
        r, work = run_nvim(sop, work)
        check("error" not in r, "the Lua script ran to its end", r.get("error"))
        check(r["filetype"] == "sop", "the configuration makes .sop files filetype sop", r["filetype"])
        check(r["opened"] == 0, "the shipped policy opens without diagnostics", r["opened"])

        hover = r["hover_fact"] or ""
        check("fact questions_surgery: bool" in hover and "JSON name: `questions_surgery`" in hover,
              "hover on a fact gives its type and JSON name", hover)
        d = r["definition_fact"]
        check(d["uri"].endswith("/stdlib/case_format.sop") and d["text"].startswith("fact questions_surgery:"),
              "definition of a fact leads into stdlib/case_format.sop", d)
        d = r["definition_adopt"]
        check(d["uri"].endswith("/stdlib/baseline.sop") and "serious_condition" in d["text"],
              "definition of an adopted rule leads to the baseline rule", d)
        check("baseline rule" in (r["hover_adopt"] or "") and "serious_condition" in r["hover_adopt"],
              "hover on an adopted rule shows the baseline's text", r["hover_adopt"])

        check((r["lens_title"] or "").startswith("▶ run the file's"), "a code lens runs the file's tests",
              r["lens_title"])
        check(r["tests_passed"] > 0 and r["tests_failed"] == 0, "the lens's command runs the tests, all pass",
              [r["tests_passed"], r["tests_failed"]])

        edited = r["edited"]
        undefined = [x for x in edited if "questions_sugery" in x["message"]]
        check(len(undefined) == 1, "the misspelt fact gets one diagnostic", edited)
        x = undefined[0]
        check("did you mean `questions_surgery`?" in x["message"], "the diagnostic says did you mean", x)
        check(x["code"] is not None and x["code"].startswith("E0"), "the diagnostic carries its code", x)
        check(x["lnum"] == r["expected_lnum"] and x["col"] == r["expected_col"],
              "the diagnostic is at the misspelt word, after `§ → ☒` (UTF-16 columns)",
              {"got": [x["lnum"], x["col"]], "expected": [r["expected_lnum"], r["expected_col"]]})
        check("fact questions_treatment: bool" in (r["hover_after_non_ascii"] or ""),
              "hover on a name after `§ → ☒` finds it", r["hover_after_non_ascii"])
    print("all Neovim checks passed")


if __name__ == "__main__":
    main()
