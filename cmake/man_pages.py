#!/usr/bin/env python3
"""Writes sop's man pages and bash completion from the binary's own help, so that they list
every command and option it has: `sop --help` gives the commands, `sop COMMAND --help` each
one's usage and options.

  man_pages.py SOP OUTDIR VERSION  ->  OUTDIR/man1/sop.1.gz (every command, a section each),
                                       OUTDIR/man1/sop-COMMAND.1.gz, OUTDIR/sop.bash
"""
import gzip
import re
import subprocess
import sys
from pathlib import Path


def help_of(sop, *args):
    return subprocess.run([sop, *args, "--help"], check=True, stdout=subprocess.PIPE,
                          text=True).stdout


def commands(top_help):
    """(name, summary) of each command, from the `Subcommands:` block of `sop --help`."""
    block = top_help.split("Subcommands:\n", 1)[1].split("\n\n", 1)[0]
    return [tuple(re.split(r"\s{2,}", line.strip(), maxsplit=1)) for line in block.splitlines()
            if line.strip()]


def options(command_help):
    """The long and short options a command's help lists."""
    return sorted(set(re.findall(r"(?:^|[\s,])(--?[A-Za-z][\w-]*)", "\n".join(
        line for line in command_help.splitlines() if line.startswith("  ")))))


def roff(text):
    """Help text as literal roff lines (a backslash, a leading dot or quote, non-ASCII escaped)."""
    lines = []
    for line in text.rstrip("\n").splitlines():
        line = line.replace("\\", "\\e")
        # Non-ASCII as groff's named glyphs (\[u2026] for …), for any groff without preconv.
        line = "".join(c if ord(c) < 128 else f"\\[u{ord(c):04X}]" for c in line)
        lines.append("\\&" + line if line[:1] in (".", "'") else line)
    return "\n".join(lines)


def page(name, summary, version, sections):
    out = [f'.TH "{name.upper()}" 1 "" "sop {version}" "User Commands"',
           ".SH NAME", f"{name} \\- {roff(summary)}"]
    for title, body in sections:
        out += [f".SH {title}", body]
    return "\n".join(out) + "\n"


def literal(text):
    return f".nf\n{roff(text)}\n.fi"


def write_gz(path, text):
    # mtime 0: the same help gives the same bytes (reproducible packages).
    with open(path, "wb") as f, gzip.GzipFile(fileobj=f, mode="wb", mtime=0, filename="") as z:
        z.write(text.encode())


def completion(cmds, opts):
    cases = "\n".join(f"    {name}) opts='{' '.join(opts[name])}' ;;" for name, _ in cmds)
    names = " ".join(name for name, _ in cmds)
    return f"""# bash completion for sop (generated from `sop --help` by cmake/man_pages.py)
_sop() {{
  local cur=${{COMP_WORDS[COMP_CWORD]}} opts
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W "{names} --help --help-all" -- "$cur"))
    return
  fi
  case ${{COMP_WORDS[1]}} in
{cases}
    *) opts='' ;;
  esac
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$opts" -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}}
complete -o filenames -o bashdefault -F _sop sop
"""


def main():
    sop, outdir, version = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
    (outdir / "man1").mkdir(parents=True, exist_ok=True)
    top = help_of(sop)
    cmds = commands(top)
    helps = {name: help_of(sop, name) for name, _ in cmds}
    summary, _, rest = top.partition("\n")
    footer = rest.split("\n\n")[-1].strip()
    sections = [("SYNOPSIS", ".B sop\n\\fICOMMAND\\fR [\\fIOPTIONS\\fR] [\\fIARGS\\fR]"),
                ("DESCRIPTION", roff(summary.split(": ", 1)[-1]) +
                 ".\n.PP\nEach command is described below and in its own page, sop-COMMAND(1)."),
                ("COMMANDS", "\n".join(f'.SS "sop {name}"\n{literal(helps[name])}' for name, _ in cmds)),
                ("EXIT STATUS AND DOCUMENTATION", literal(footer)),
                ("SEE ALSO", ", ".join(f"\\fBsop-{name}\\fR(1)" for name, _ in cmds))]
    write_gz(outdir / "man1/sop.1.gz", page("sop", summary.split(": ", 1)[-1], version, sections))
    for name, text in cmds:
        write_gz(outdir / f"man1/sop-{name}.1.gz",
                 page(f"sop-{name}", text, version,
                      [("SYNOPSIS AND OPTIONS", literal(helps[name])),
                       ("SEE ALSO", "\\fBsop\\fR(1)")]))
    (outdir / "sop.bash").write_text(completion(cmds, {n: options(h) for n, h in helps.items()}))


if __name__ == "__main__":
    main()
