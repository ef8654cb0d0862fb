#!/usr/bin/env python3
"""Builds the VS Code extension with scripts/package-vscode and checks the .vsix as VS Code
would read it: the manifest declares the `sop` language for `.sop` files with the grammar,
the language configuration and the snippets it ships, every file the manifest names is in
the package, the grammar is the repository's own, and the language client's runtime
(vscode-languageclient) is bundled while the build-only packages are not.

Usage: vscode_vsix_test.py REPO_ROOT WORKDIR"""
import json
import subprocess
import sys
import zipfile
from pathlib import Path

root, work = Path(sys.argv[1]), Path(sys.argv[2])
vsix = subprocess.run([str(root / "scripts/package-vscode"), str(work)], check=True,
                      stdout=subprocess.PIPE, text=True).stdout.strip().splitlines()[-1]
failures = []
checks = 0


def expect(condition, message):
    global checks
    checks += 1
    if not condition:
        failures.append(message)
        print(f"FAIL {message}")


with zipfile.ZipFile(vsix) as z:
    names = set(z.namelist())
    manifest = json.loads(z.read("extension/package.json"))
    languages = manifest["contributes"]["languages"]
    expect([l["id"] for l in languages] == ["sop"], f"one language, `sop`: {languages}")
    expect(languages[0]["extensions"] == [".sop"], "the language is for .sop files")
    grammar = manifest["contributes"]["grammars"][0]
    expect(grammar["scopeName"] == "source.sop", "the grammar's scope is source.sop")
    for rel in [grammar["path"], languages[0]["configuration"],
                manifest["contributes"]["snippets"][0]["path"], manifest["main"]]:
        expect("extension/" + rel.removeprefix("./") in names, f"{rel} is in the package")
    expect(z.read("extension/syntaxes/sop.tmLanguage.json")
           == (root / "editors/vscode/syntaxes/sop.tmLanguage.json").read_bytes(),
           "the packaged grammar is editors/vscode/syntaxes/sop.tmLanguage.json")
    expect("sop.path" in manifest["contributes"]["configuration"]["properties"],
           "the setting sop.path is declared")
    expect("extension/node_modules/vscode-languageclient/package.json" in names,
           "vscode-languageclient is bundled")
    for dev in ["@vscode/vsce", "vscode-textmate", "vscode-oniguruma"]:
        expect(not any(n.startswith(f"extension/node_modules/{dev}/") for n in names),
               f"{dev} (build only) is not bundled")
    expect(not any(n.startswith("extension/test/") for n in names), "the tests are not bundled")
    json.loads(z.read("extension/snippets/sop.json"))
    json.loads(z.read("extension/language-configuration.json"))

print(f"{vsix}: {checks - len(failures)} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
