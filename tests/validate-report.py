"""Validates a basincheck report.json against docs/report.schema.json and
checks the invariants the schema cannot express: the summary agrees with
the records, successes never exceed samples, ids are unique, the family
size is the number of statistical tests, and a record whose status
differs from its expected status is counted."""
import json
import sys

import jsonschema


def main(report_path, schema_path):
    with open(report_path, encoding="utf-8") as f:
        report = json.load(f)
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.validate(report, schema)
    checks = report["checks"]
    ids = [c["id"] for c in checks]
    if len(ids) != len(set(ids)):
        raise SystemExit("duplicate check ids")
    mism = sum(1 for c in checks if c["status"] != c["expected"])
    if report["summary"]["checks"] != len(checks) or report["summary"]["mismatches"] != mism:
        raise SystemExit("summary disagrees with the records")
    # the family is every statistical test of the run: Monte Carlo bounds
    # and agreement tests alike, one record may hold several
    ntests = 0
    for c in checks:
        # the object "montecarlo" of earlier reports is given exactly for a
        # record with one bound test; a Monte Carlo record has a bound test
        # and may add others (thm4.user: the exact probability, two-sided)
        mc = c["montecarlo"]
        one_bound = len(c["tests"]) == 1 and c["tests"][0]["kind"] == "bound"
        if (mc is not None) != one_bound:
            raise SystemExit(f"{c['id']}: 'montecarlo' given for {len(c['tests'])} tests")
        if c["kind"] == "montecarlo" and not any(t["kind"] == "bound" for t in c["tests"]):
            raise SystemExit(f"{c['id']}: montecarlo kind without a bound test")
        if c["kind"] in ("montecarlo", "agreement") and not c["tests"]:
            raise SystemExit(f"{c['id']}: {c['kind']} kind without tests")
        for t in c["tests"]:
            ntests += 1
            if t["successes"] + t["undecided"] > t["samples"]:
                raise SystemExit(f"{c['id']}: more successes than samples")
    if ntests != report["family_size"]:
        raise SystemExit(f"family size {report['family_size']} but {ntests} statistical tests")
    print(f"{report_path}: valid ({len(checks)} checks, {ntests} statistical tests)")

if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
