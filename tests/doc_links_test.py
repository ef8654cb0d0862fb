#!/usr/bin/env python3
"""Every relative link in README.md and docs/*.md resolves in a clone of the repository: the
file or folder it names exists inside the repository, and its `#anchor`, if any, is a heading
of the Markdown file it points to (GitHub's slugs: lower case, punctuation dropped, spaces as
hyphens, `-N` for repeats) or an explicit `<a id=…>`. Links to other sites are not followed
(there is no network in a test), links in code are not links.

Usage: doc_links_test.py [REPO_ROOT]"""
import re
import sys
from pathlib import Path
from urllib.parse import unquote

ROOT = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent).resolve()
LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
REF_DEF = re.compile(r"^\s*\[[^\]]+\]:\s*(\S+)", re.M)


def prose(text):
    """The text without fenced code blocks and inline code spans."""
    text = re.sub(r"^(```|~~~).*?^\1[^\n]*$", "", text, flags=re.S | re.M)
    return re.sub(r"(`+)(?:(?!\1).)+?\1", "", text, flags=re.S)


def slug(heading):
    s = re.sub(r"<[^>]+>", "", heading.strip()).lower()
    s = re.sub(r"[^\w\- ]", "", s)
    return s.replace(" ", "-")


def anchors(path, cache={}):
    if path not in cache:
        text = path.read_text(encoding="utf-8")
        found, counts = set(), {}
        for h in re.findall(r"^#{1,6}\s+(.*?)\s*#*\s*$", re.sub(r"^(```|~~~).*?^\1[^\n]*$", "",
                                                                text, flags=re.S | re.M), re.M):
            base = slug(h)
            n = counts.get(base, 0)
            found.add(base if n == 0 else f"{base}-{n}")
            counts[base] = n + 1
        found |= set(re.findall(r"<a\s+(?:id|name)=\"([^\"]+)\"", text))
        cache[path] = found
    return cache[path]


def check(md):
    problems = []
    text = prose(md.read_text(encoding="utf-8"))
    for target in LINK.findall(text) + REF_DEF.findall(text):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I):  # http:, https:, mailto:
            continue
        path_part, _, anchor = target.partition("#")
        dest = (md.parent / unquote(path_part)).resolve() if path_part else md
        where = f"{md.relative_to(ROOT)}: ({target})"
        if ROOT not in dest.parents and dest != ROOT:
            problems.append(f"{where} points outside the repository")
        elif not dest.exists():
            problems.append(f"{where}: no {dest.relative_to(ROOT)}")
        elif anchor and dest.suffix == ".md" and unquote(anchor) not in anchors(dest):
            problems.append(f"{where}: {dest.relative_to(ROOT)} has no heading #{anchor}")
    return problems


def main():
    files = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    failed = 0
    for md in files:
        problems = check(md)
        failed += bool(problems)
        for p in problems:
            print(f"FAIL {p}")
    print(f"{len(files) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
