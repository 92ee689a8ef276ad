#!/usr/bin/env python3
"""basincheck_recheck -- re-decides the certificates of a basincheck run
without trusting the harness: Python's fractions and mpmath's interval
arithmetic only, written from the mathematics (see recheck/README.md).

usage: basincheck_recheck.py [-v] [--out FILE] [--annotate REPORT] [--spot-seed S] DIR|FILE...

Prints "recheck: K of N certificates re-decided, F rejected, U not
re-checkable (reasons)", writes the per-certificate results to
DIR/recheck.json (or --out FILE), optionally records them in a report.json
(--annotate), and exits 0 exactly when no certificate is rejected (1 when
some is, 2 on a usage error).
"""
import argparse
import glob
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from bcrecheck import kinds  # noqa: E402
from bcrecheck.numbers import Reject, Unknown  # noqa: E402

DECIDED = ("holds", "fails", "consistent", "violated")
HERE = os.path.dirname(os.path.abspath(__file__))


def checker_lines():
    """Lines of the checker's own source (the colophon's count)."""
    files = [os.path.join(HERE, "basincheck_recheck.py")] + glob.glob(os.path.join(HERE, "bcrecheck", "*.py"))
    return sum(sum(1 for _ in open(f, encoding="utf-8")) for f in files)


def collect(paths):
    """(files, index, ignored): the certificate files to re-decide, the run's
    index (DIR/index.json) when there is one, and files outside the index."""
    files, index, ignored = [], None, []
    for p in paths:
        if not os.path.isdir(p):
            files.append(p)
            continue
        ipath = os.path.join(p, "index.json")
        present = sorted(f for f in os.listdir(p) if f.endswith(".json") and f not in ("index.json", "recheck.json"))
        if os.path.exists(ipath):
            with open(ipath, encoding="utf-8") as f:
                index = json.load(f)
            listed = [c["certificate"] for c in index["checks"] if c.get("certificate")]
            files += [os.path.join(p, c) for c in listed]
            ignored += [f for f in present if f not in listed]
        else:
            files += [os.path.join(p, f) for f in present]
    return files, index, ignored


def recheck_path(path):
    """("re-decided" | "rejected" | "not re-checkable", reason, check id)."""
    try:
        with open(path, encoding="utf-8") as f:
            cert = json.load(f)
    except FileNotFoundError:
        return "rejected", "the certificate file is missing", None
    except (ValueError, UnicodeDecodeError) as e:
        return "rejected", "not JSON: %s" % e, None
    check = cert.get("check") if isinstance(cert, dict) else None
    try:
        kinds.recheck_file(cert, os.path.basename(path))
        return "re-decided", None, check
    except Reject as e:
        return "rejected", str(e), check
    except Unknown as e:
        return "not re-checkable", str(e), check
    except (KeyError, TypeError, ValueError, IndexError, AttributeError) as e:
        return "rejected", "malformed (%s: %s)" % (type(e).__name__, e), check


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("paths", nargs="+", help="certificate directories or files")
    ap.add_argument("-v", "--verbose", action="store_true", help="one line per certificate")
    ap.add_argument("--out", help="results file (default: DIR/recheck.json for one DIR)")
    ap.add_argument("--annotate", metavar="REPORT", help="record the results in this report.json")
    ap.add_argument("--spot-seed", type=int, help="seed of the checker's own choice of spot samples")
    args = ap.parse_args(argv)
    if args.spot_seed is not None:
        kinds.SPOT_RNG.seed(args.spot_seed)
    t0 = time.time()
    files, index, ignored = collect(args.paths)
    results = []
    for path in files:
        t = time.time()
        result, reason, check = recheck_path(path)
        results.append({"file": os.path.basename(path), "check": check, "result": result, "reason": reason,
                        "seconds": round(time.time() - t, 3)})
        if args.verbose or result == "rejected":
            print("%-52s %s%s" % (os.path.basename(path), result, "" if reason is None else ": " + reason))
    K = sum(r["result"] == "re-decided" for r in results)
    F = sum(r["result"] == "rejected" for r in results)
    U = len(results) - K - F
    why = {}
    for r in results:
        if r["result"] == "not re-checkable":
            why[r["reason"]] = why.get(r["reason"], 0) + 1
    reasons = "; ".join("%d: %s" % (n, w) for w, n in sorted(why.items(), key=lambda x: -x[1]))
    print("recheck: %d of %d certificates re-decided, %d rejected, %d not re-checkable%s" %
          (K, len(results), F, U, " (%s)" % reasons if reasons else ""))
    summary = {"checker": "basincheck-recheck", "version": kinds.VERSION, "lines": checker_lines(),
               "certificates": len(results), "re_decided": K, "rejected": F, "not_recheckable": U}
    if index is not None:
        decided = [c for c in index["checks"] if c["status"] in DECIDED and not c["control"]]
        carried = sum(1 for c in decided if c.get("certificate"))
        summary["decided_checks"], summary["decided_with_certificate"] = len(decided), carried
        print("recheck: %d of %d decided checks (controls excluded) carry a certificate" % (carried, len(decided)))
    if ignored:
        print("recheck: %d files not in the run's index ignored: %s" % (len(ignored), ", ".join(ignored[:5])))
    summary["seconds"] = round(time.time() - t0, 3)
    out = args.out or (os.path.join(args.paths[0], "recheck.json")
                       if len(args.paths) == 1 and os.path.isdir(args.paths[0]) else None)
    if out:
        with open(out, "w", encoding="utf-8") as f:
            json.dump({"summary": summary, "results": results}, f, indent=1)
            f.write("\n")
    if args.annotate:
        annotate(args.annotate, summary, results)
    return 1 if F else 0


def annotate(path, summary, results):
    """Adds "recheck" to the report and to each of its checks that carries a
    certificate (schema: docs/report.schema.json)."""
    with open(path, encoding="utf-8") as f:
        report = json.load(f)
    by_file = {r["file"]: r for r in results}
    for c in report.get("checks", []):
        r = by_file.get(c.get("certificate"))
        if r is not None:
            c["recheck"] = {"result": r["result"], "reason": r["reason"]}
    report["recheck"] = {k: summary[k] for k in ("checker", "lines", "certificates", "re_decided", "rejected",
                                                  "not_recheckable")}
    with open(path, "w", encoding="utf-8") as f:
        json.dump(report, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
