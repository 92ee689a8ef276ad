#!/usr/bin/env python3
"""basincheck_recheck -- re-decides the certificates of a basincheck run
without trusting the harness: Python's fractions and mpmath's interval
arithmetic only, written from the mathematics (see recheck/README.md).

usage: basincheck_recheck.py [-v] [-j N] [--out FILE] [--annotate REPORT] [--tex FILE] [--spot-seed S]
                             DIR|FILE...

Prints "recheck: K of N certificates re-decided, F rejected, U not
re-checkable (reasons)", writes the per-certificate results to
DIR/recheck.json (or --out FILE), optionally records them in a report.json
(--annotate) and in a TeX fragment that report.tex reads (--tex), and exits
0 exactly when no certificate is rejected (1 when some is, 2 on a usage
error).  -j N re-decides N files at a time (separate processes).
"""
import argparse
import glob
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from bcrecheck import kinds  # noqa: E402
from bcrecheck.numbers import Reject, Unknown, decimal  # noqa: E402

DECIDED = ("holds", "fails", "consistent", "violated", "inapplicable")
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


def _worker_init(run, spot_seed):
    kinds.RUN.update(run)
    _worker_init.spot_seed = spot_seed


def _recheck_timed(path):
    """recheck_path in a worker, the checker's own spot choices seeded per
    file when --spot-seed is given (so that they do not depend on -j)."""
    seed = getattr(_worker_init, "spot_seed", None)
    if seed is not None:
        kinds.SPOT_RNG.seed("%d/%s" % (seed, os.path.basename(path)))
    t = time.time()
    result, reason, check = recheck_path(path)
    return {"file": os.path.basename(path), "check": check, "result": result, "reason": reason,
            "seconds": round(time.time() - t, 3)}


def tex_escape(s):
    out = []
    for ch in s:
        if ch in "&%$#_{}":
            out.append("\\" + ch)
        elif ch in "\\^~<>|":
            out.append("\\char%d{}" % ord(ch))
        else:
            out.append(ch)
    return "".join(out)


def write_tex(path, summary, results):
    """The fragment report.tex inputs (recheck.tex next to it): the result per
    check, \\recheck@<id>, and the colophon's line, \\recheckcolophon."""
    with open(path, "w", encoding="utf-8") as f:
        f.write("%% written by recheck/basincheck_recheck.py --tex\n")
        for r in results:
            if r["check"] is None:
                continue
            text = r["result"] + ("" if r["reason"] is None else ": " + r["reason"][:200])
            f.write("\\expandafter\\def\\csname recheck@%s\\endcsname{%s}\n" % (r["check"], tex_escape(text)))
        line = ("recheck/ (%d lines of Python, fractions and mpmath only): %d of %d certificates re-decided, "
                "%d rejected, %d not re-checkable" % (summary["lines"], summary["re_decided"],
                                                      summary["certificates"], summary["rejected"],
                                                      summary["not_recheckable"]))
        if "decided_checks" in summary:
            line += ("; %d of %d decided checks re-decided (errata %d of %d); %d of %d statistical checks "
                     "re-judged" % (summary["decided_rechecked"], summary["decided_checks"],
                                    summary["errata_rechecked"], summary["errata_checks"],
                                    summary["statistical_rechecked"], summary["statistical_checks"]))
        f.write("\\renewcommand{\\recheckcolophon}{%s}\n" % tex_escape(line))


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("paths", nargs="+", help="certificate directories or files")
    ap.add_argument("-v", "--verbose", action="store_true", help="one line per certificate")
    ap.add_argument("--out", help="results file (default: DIR/recheck.json for one DIR)")
    ap.add_argument("--annotate", metavar="REPORT", help="record the results in this report.json")
    ap.add_argument("--tex", metavar="FILE", help="write the results as a TeX fragment for report.tex")
    ap.add_argument("-j", "--jobs", type=int, default=1, help="files re-decided at a time")
    ap.add_argument("--spot-seed", type=int, help="seed of the checker's own choice of spot samples")
    args = ap.parse_args(argv)
    t0 = time.time()
    files, index, ignored = collect(args.paths)
    if index is not None and "confidence" in index:
        kinds.RUN["confidence"] = decimal(index["confidence"])
        kinds.RUN["family_size"] = index["family_size"]
    if args.jobs > 1 and len(files) > 1:
        from concurrent.futures import ProcessPoolExecutor
        # the longest files first, so that the workers finish together
        order = sorted(files, key=lambda p: -os.path.getsize(p) if os.path.exists(p) else 0)
        with ProcessPoolExecutor(args.jobs, initializer=_worker_init,
                                 initargs=(dict(kinds.RUN), args.spot_seed)) as pool:
            done = dict(zip(order, pool.map(_recheck_timed, order)))
        results = [done[p] for p in files]
    else:
        _worker_init(dict(kinds.RUN), args.spot_seed)
        results = [_recheck_timed(p) for p in files]
    for r in results:
        if args.verbose or r["result"] == "rejected":
            print("%-52s %s%s" % (r["file"], r["result"], "" if r["reason"] is None else ": " + r["reason"]))
    K = sum(r["result"] == "re-decided" for r in results)
    F = sum(r["result"] == "rejected" for r in results)
    U = len(results) - K - F
    why = {}
    for r in results:
        if r["result"] == "not re-checkable":
            why[r["reason"]] = why.get(r["reason"], 0) + 1
    reasons = "; ".join("%d: %s" % (n, w) for w, n in sorted(why.items(), key=lambda x: -x[1]))
    lines = ["recheck: %d of %d certificates re-decided, %d rejected, %d not re-checkable%s" %
             (K, len(results), F, U, " (%s)" % reasons if reasons else "")]
    summary = {"checker": "basincheck-recheck", "version": kinds.VERSION, "lines": checker_lines(),
               "certificates": len(results), "re_decided": K, "rejected": F, "not_recheckable": U}
    if index is not None:
        lines += coverage(index, results, summary)
    if ignored:
        lines.append("recheck: %d files not in the run's index ignored: %s" % (len(ignored), ", ".join(ignored[:5])))
    summary["seconds"] = round(time.time() - t0, 3)
    # every file first, then the lines (a reader that stops reading early
    # does not cost the annotation)
    out = args.out or (os.path.join(args.paths[0], "recheck.json")
                       if len(args.paths) == 1 and os.path.isdir(args.paths[0]) else None)
    if out:
        with open(out, "w", encoding="utf-8") as f:
            json.dump({"summary": summary, "results": results}, f, indent=1)
            f.write("\n")
    if args.annotate:
        annotate(args.annotate, summary, results)
    if args.tex:
        write_tex(args.tex, summary, results)
    try:
        for line in lines:
            print(line)
        sys.stdout.flush()
    except BrokenPipeError:
        sys.stderr.close()
    return 1 if F else 0


def coverage(index, results, summary):
    """How much of the run the re-decided certificates cover: the checks whose
    verdict is a decision (strength decides or witnesses, controls
    included), the errata (expected to fail, not controls) and the
    statistical checks, each counted when its certificate was re-decided."""
    ok = {r["file"] for r in results if r["result"] == "re-decided"}
    checks = index["checks"]

    def count(sel):
        return sum(1 for c in sel if c.get("certificate") in ok), len(sel)
    dec = [c for c in checks if c.get("strength") in ("decides", "witnesses") and c["status"] in DECIDED]
    err = [c for c in checks if not c["control"] and c.get("expected") in ("fails", "violated")]
    sta = [c for c in checks if c.get("strength") == "statistical" and c["status"] in DECIDED]
    for key, sel in (("decided", dec), ("errata", err), ("statistical", sta)):
        summary[key + "_rechecked"], summary[key + "_checks"] = count(sel)
    lines = ["recheck: %d of %d decided checks (decides, witnesses; controls included) re-decided from their "
             "certificates; errata %d of %d; statistical checks %d of %d re-judged" % (
                 summary["decided_rechecked"], summary["decided_checks"], summary["errata_rechecked"],
                 summary["errata_checks"], summary["statistical_rechecked"], summary["statistical_checks"])]
    missing = [c["id"] for c in dec + err if c.get("certificate") not in ok]
    if missing:
        lines.append("recheck: decided checks without a re-decided certificate: %s" % ", ".join(sorted(set(missing))))
    return lines


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
                                                  "not_recheckable", "decided_checks", "decided_rechecked",
                                                  "errata_checks", "errata_rechecked", "statistical_checks",
                                                  "statistical_rechecked") if k in summary}
    with open(path, "w", encoding="utf-8") as f:
        json.dump(report, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
