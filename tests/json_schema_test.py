#!/usr/bin/python3
"""Holds `sop schema` to the cases and determinations sop really reads and writes.

Run from the repository root by ctest: `json_schema_test.py SOP`. Every shipped and test case
validates against `sop schema case`; the hostile cases whose error is a schema matter do not;
every determination `sop eval` gives for the example cases, under every shipped plan, validates
against `sop schema determination`, and so do the eval goldens' expected determinations.

Hostile cases a schema cannot judge, left to the decoder: invalid JSON (control character,
invalid literal, invalid UTF-8, two objects, empty file, nesting deeper than 64, number overflow
1e400), a duplicate field (JSON Schema sees the parsed object), an integer beyond 64 bits for an
int without a declared range (case_integer_too_large). An RFC 3339 date-time
(case_invalid_datetime) is judged only where jsonschema has its optional "date-time" format
checker (it needs the rfc3339-validator module, which Debian does not package). Runtime faults
(integer overflow, a calendar year unknown, a date past 9999) are valid cases.
"""
import glob
import json
import subprocess
import sys

import jsonschema

SOP = sys.argv[1]
failures = []
checked = 0

# Schema matters: the case must be invalid.
HOSTILE_INVALID = [
    "case_fractional_integer", "case_long_unknown_field", "case_misspelt_field",
    "case_not_an_object", "case_out_of_range", "case_set_bad_item", "case_set_not_array",
    "case_unknown_calendar", "case_unknown_enum_value", "case_unknown_field_with_newline",
    "case_wrong_type", "case_invalid_date",
]
if "date-time" in jsonschema.Draft202012Validator.FORMAT_CHECKER.checkers:
    HOSTILE_INVALID.append("case_invalid_datetime")
# Runtime faults: the case itself is well-formed.
HOSTILE_VALID = [
    "case_valid", "case_all_null", "case_byte_order_mark", "case_integer_overflow",
    "case_negate_minimum", "case_calendar_year_unknown", "case_datetime_past_9999",
]


def schema(what, policy):
    out = subprocess.run([SOP, "schema", what, policy], check=True, capture_output=True,
                         text=True).stdout
    s = json.loads(out)
    jsonschema.Draft202012Validator.check_schema(s)
    return jsonschema.Draft202012Validator(
        s, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def load(path):
    with open(path, encoding="utf-8-sig") as f:
        return json.load(f)


def expect(validator, instance, valid, label):
    global checked
    checked += 1
    errors = list(validator.iter_errors(instance))
    if valid and errors:
        failures.append(f"{label}: expected valid: {errors[0].message}")
    if not valid and not errors:
        failures.append(f"{label}: expected invalid, but it validates")


policies = sorted(glob.glob("policies/*.sop"))
cases = sorted(glob.glob("examples/cases/*.json"))
eval_inputs = [p for p in sorted(glob.glob("tests/golden/eval/**/*.json", recursive=True))
               if not p.endswith(".expected.json")]
expected = sorted(glob.glob("tests/golden/eval/**/*.expected.json", recursive=True))

for policy in policies:
    case_v = schema("case", policy)
    det_v = schema("determination", policy)
    for c in cases + eval_inputs:
        expect(case_v, load(c), True, f"{c} as a case of {policy}")
    for e in expected:
        expect(det_v, load(e), True, f"{e} as a determination of {policy}")
    for c in cases:
        r = subprocess.run([SOP, "eval", policy, c, "--format", "json"], capture_output=True,
                           text=True)
        if r.returncode != 0:
            failures.append(f"sop eval {policy} {c}: exit {r.returncode}: {r.stderr}")
            continue
        expect(det_v, json.loads(r.stdout), True, f"sop eval {policy} {c}")

# Versions of a plan: the determination names the version that decided it, and the schema of
# either version accepts it; one without `version` is not a determination.
VERSIONS = ["policies/partnership.sop", "tests/fixtures/annual_review/partnership_2025.sop"]
for received, label in [("2025-09-09T10:00:00-07:00", "2024"), ("2025-09-10T10:00:00-07:00", "2025")]:
    case = dict(load("examples/cases/urgent_knee_surgery.json"), received_at=received)
    r = subprocess.run([SOP, "eval", *VERSIONS, "-"], input=json.dumps(case),
                       capture_output=True, text=True)
    if r.returncode != 0:
        failures.append(f"sop eval {VERSIONS} (received {received}): exit {r.returncode}: {r.stderr}")
        continue
    d = json.loads(r.stdout)
    checked += 1
    if d.get("version") != label:
        failures.append(f"received {received}: version {d.get('version')!r}, expected {label!r}")
    for policy in VERSIONS:
        det_v = schema("determination", policy)
        expect(det_v, d, True, f"version {label} as a determination of {policy}")
        expect(det_v, {k: v for k, v in d.items() if k != "version"}, False,
               f"version {label} without `version`")

hostile = schema("case", "tests/golden/hostile/_plan.sop")
for name in HOSTILE_VALID:
    expect(hostile, load(f"tests/golden/hostile/{name}.json"), True, name)
for name in HOSTILE_INVALID:
    expect(hostile, load(f"tests/golden/hostile/{name}.json"), False, name)

for f in failures:
    print(f)
print(f"{checked - len(failures)} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
