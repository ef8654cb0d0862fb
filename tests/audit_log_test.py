#!/usr/bin/env python3
"""The generated-log test of `sop audit` (docs/audit.md).

scripts/gen-log writes a seeded year of decision records for the five plans, each built from
the plan's own determination, a share of them with one seeded defect, and says in each record
(under `x_` keys) which findings the audit must report. This test audits the log and checks:

- every expected finding is reported, at its line, with its kind and cite, and nothing else
  (so every seeded defect is found and no clean record gets a violation);
- every kind of the finding format occurs, a pending record past its due date is
  `overdue_pending`, and a deferring plan's timeliness is `not_judged` naming the document;
- the same findings whatever the number of threads;
- the text summary's counts and percentages agree with a recount from the records and the
  findings; the exit status is 1 (violations were found);
- the same log in its CSV form, as a spreadsheet writes it (`scripts/gen-log --csv`: readable
  headers, U.S. wall-clock date-times, Yes / No, capitalised values), audited with
  `--input-format csv --timezone America/Los_Angeles`, gives the same findings (each a line
  later, for the header) and the same summary.

    tests/audit_log_test.py build/sop
"""
import collections
import datetime as dt
import json
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
POLICIES = [os.path.join(ROOT, "policies", p + ".sop") for p in
            ["partnership", "blue_shield_promise", "caloptima", "anthem_medicaid", "hpsj"]]
KINDS = ["late_decision", "overdue_pending", "missing_notice", "late_notice",
         "missing_notice_content", "missing_recipient", "route_mismatch", "contrary_denial",
         "member_charged", "not_judged"]
failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
        print("FAIL:", what)


def audit(sop, log, *args):
    r = subprocess.run([sop, "audit", *POLICIES, "--input", log, *args], capture_output=True,
                       text=True)
    return r.returncode, r.stdout, r.stderr


def main():
    sop = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory() as tmp:
        log = os.path.join(tmp, "log.jsonl")
        with open(log, "w") as f:
            subprocess.run([os.path.join(ROOT, "scripts", "gen-log"), "6000", "--seed", "11",
                            "--defects", "0.15", "--pool", "800", "--sop", sop],
                           stdout=f, check=True)
        records = [json.loads(line) for line in open(log)]
        csv_log = os.path.join(tmp, "log.csv")
        with open(csv_log, "w") as f:
            subprocess.run([os.path.join(ROOT, "scripts", "gen-log"), "6000", "--seed", "11",
                            "--defects", "0.15", "--pool", "800", "--sop", sop, "--csv"],
                           stdout=f, check=True)
        status, out, err = audit(sop, log, "-j", "2")
        check(status == 1, f"exit status 1 when violations are found, not {status}: {err}")
        findings = [json.loads(line) for line in out.splitlines()]
        check_findings(records, findings)
        for jobs in ["1", "3"]:
            check(audit(sop, log, "-j", jobs)[1] == out, f"the same findings with -j {jobs}")
        status, text, _ = audit(sop, log, "--format", "text")
        check_summary(records, findings, text)
        check_csv_form(sop, csv_log, findings, text)
    print(f"{len(failures)} failures")
    return 1 if failures else 0


def check_findings(records, findings):
    expected = collections.Counter()
    for line, r in enumerate(records, 1):
        for f in r["x_expected_findings"]:
            expected[(line, f["kind"], f["cite"])] += 1
    got = collections.Counter()
    for f in findings:
        check(f.get("schema") == "sop.audit-finding/1", f"a finding, not an error: {f}")
        got[(f["line"], f["kind"], f["cite"])] += 1
    missing, extra = expected - got, got - expected
    check(not missing, f"every expected finding is reported; missing: {list(missing)[:5]}")
    check(not extra, f"no finding that was not expected; extra: {list(extra)[:5]}")
    seeded = {r["x_seeded_defect"] for r in records} - {None}
    check(seeded == set(KINDS) - {"not_judged"}, f"a defect of every kind was seeded: {seeded}")
    kinds = {f["kind"] for f in findings}
    check(kinds == set(KINDS), f"every kind is found: {sorted(kinds)}")
    for f in findings:
        r = records[f["line"] - 1]
        check(f["case_id"] == r["case"]["id"] and f["plan"] == r["plan"], f"names its record: {f}")
        if f["kind"] == "overdue_pending":
            check(r["decision"] == "pending" and r["extracted_at"] > "" and
                  f["actual"]["extracted_at"] == r["extracted_at"], f"overdue pending: {f}")
        if f["kind"] == "not_judged" and r["plan"] == "anthem_medicaid":
            check(f["expected"] == {"deferred_to": ["CA_UMXX_117", "CA_UMXX_041", "CA_UMXX_013"]},
                  f"Anthem's timeliness deferred to its documents, named: {f}")
    clean_lines = {i for i, r in enumerate(records, 1) if r["x_seeded_defect"] is None}
    violations = [f for f in findings if f["kind"] != "not_judged" and f["line"] in clean_lines]
    check(not violations, f"no violation on a clean record: {violations[:3]}")


def check_csv_form(sop, csv_log, findings, text):
    zone = ["--input-format", "csv", "--timezone", "America/Los_Angeles"]
    status, out, err = audit(sop, csv_log, "-j", "2", *zone)
    check(status == 1, f"the CSV log: exit status 1, not {status}: {err}")
    from_csv = [json.loads(line) for line in out.splitlines()]
    check(len(from_csv) == len(findings), f"as many findings from the CSV form: {len(from_csv)}")
    for a, b in zip(from_csv, findings):
        # The same moments: a wall-clock time is read at the zone's offset on its own day, where
        # the JSON form may keep another offset (the one of the day the request came in).
        if instants(a) != instants(dict(b, line=b["line"] + 1)):
            check(False, f"the same finding from the CSV form: {a} vs {b}")
            break
    csv_text = audit(sop, csv_log, "--format", "text", *zone)[1]
    check(csv_text.split("\n\nsummary")[1:] == text.split("\n\nsummary")[1:],
          "the same summary from the CSV form")
    status, _, err = audit(sop, csv_log, "--timezone", "America/Los_Angeles")
    check(status == 2 and "--input-format csv" in err, f"--timezone needs a CSV log: {err}")
    status, out, _ = audit(sop, csv_log, "--input-format", "csv")
    errors = [json.loads(line) for line in out.splitlines()]
    check(status == 1 and errors and all(e["schema"] == "sop.error/1" and "--timezone" in e["error"]
                                         for e in errors),
          f"wall-clock times need --timezone: {out[:300]}")


DATETIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?([+-]\d\d:\d\d|Z)$")


def instants(v):
    """`v` with every date-time as the moment it names (UTC)."""
    if isinstance(v, dict):
        return {k: instants(x) for k, x in v.items()}
    if isinstance(v, list):
        return [instants(x) for x in v]
    if isinstance(v, str) and DATETIME.match(v):
        return dt.datetime.fromisoformat(v.replace("Z", "+00:00")).astimezone(dt.timezone.utc)
    return v


ROW = re.compile(r"^  (\w+)\s+(\w+)\s+(\d+)\s+(\d+)\s+(?:(\d+) of (\d+) \(([\d.]+)%\)( < 90%)?|-)")


def check_summary(records, findings, text):
    """Recounts the per-plan rows of the text summary from the records and the findings."""
    late = collections.Counter()
    for f in findings:
        if f["kind"] in ("late_decision", "overdue_pending"):
            r = records[f["line"] - 1]
            late[(r["plan"], urgency(r), r["decision"])] += 1
    rows = collections.Counter()
    judged = collections.Counter()
    for r in records:
        key = (r["plan"], urgency(r), r["decision"])
        rows[key] += 1
        judged[key] += r["decision"] in ("approve", "deny", "pending") and r["x_deadline"] is not None
    seen, plan = set(), None
    for line in text.splitlines():
        if line.startswith("plan "):
            plan = line.split()[1]
            continue
        m = ROW.match(line)
        if not m or plan is None:
            continue
        key = (plan, m.group(1), m.group(2))
        seen.add(key)
        check(int(m.group(3)) == rows[key], f"records of {key}: {m.group(3)} vs {rows[key]}")
        check(int(m.group(4)) == judged[key], f"judged of {key}: {m.group(4)} vs {judged[key]}")
        if m.group(5):
            in_time, of = int(m.group(5)), int(m.group(6))
            check(of == judged[key] and in_time == judged[key] - late[key],
                  f"within timeframe of {key}: {in_time} of {of}, recount "
                  f"{judged[key] - late[key]} of {judged[key]}")
            check(abs(float(m.group(7)) - 100.0 * in_time / of) < 0.051, f"percentage of {key}")
            check((m.group(8) is not None) == (in_time < 0.9 * of), f"the 90% mark of {key}")
    check(seen == set(rows), f"a row per plan, urgency and decision: {set(rows) - seen}")
    for kind in KINDS:
        n = sum(1 for f in findings if f["kind"] == kind)
        check(re.search(rf"^  {kind}\s+{n}$", text, re.M) is not None, f"count of {kind}: {n}")


def urgency(r):
    u = r["case"].get("urgent")
    return "urgent" if u is True else "routine" if u is False else "unknown"


if __name__ == "__main__":
    sys.exit(main())
