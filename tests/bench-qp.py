#!/usr/bin/env python3
"""bench-qp.py -- solve the QPs written by `basincheck bench basin --export DIR`
with an off-the-shelf floating-point QP solver (cvxopt.solvers.qp), time
the solves, and check cvxopt's optimal values against basincheck's
certified bounds.

Usage:  tests/bench-qp.py DIR [--tight]

Needs cvxopt (Debian: apt-get install python3-cvxopt; with a python3 other
than the system's, run /usr/bin/python3 tests/bench-qp.py DIR).  Not run by
`make check`: it is the optional half of the benchmark.

Each file DIR/qp-K.txt holds the QP
    minimise f(z) = (1/m) |M z - y|^2   subject to   G z >= 0
(format in `basincheck bench basin --help`), which cvxopt receives as
    minimise (1/2) z^T P z + q^T z   subject to   (-G) z <= 0,
    P = (2/m) M^T M,  q = -(2/m) M^T y,  f = (1/2) z^T P z + q^T z + |y|^2/m.
Only the calls of cvxopt.solvers.qp are timed (building the matrices is
not), as basincheck's timing excludes building its problems; the solver
runs with its default tolerances (the off-the-shelf use), one thread.

The check.  With status 'optimal' cvxopt's primal objective p and dual
objective q bracket its approximation of the optimum: the true minimum of
the QP it received lies within a few multiples of its gap |p - q| plus its
feasibility residuals times the problem's scale.  The check demands that
the distance from p to basincheck's certified interval [lower, upper]
(a point when the value is exact) be at most
    tol = 10 (|p - q| + (pres + dres) (1 + f(0))) + 1e-9 (1 + f(0)),
f(0) = |y|^2/m the objective at z = 0, and it reports the largest
distance seen relative to tol.  The QP it receives is the exact QP rounded
to doubles (relative error 2^-53 per entry), far below tol.  --tight
re-solves with abstol = reltol = feastol = 1e-12 (untimed in the ratio,
reported separately) for a sharper comparison.  Exit status: 0 when every
solve cvxopt reports optimal agrees with the certified bounds, 1 otherwise,
2 on bad usage or input.
"""

import os
import platform
import sys
import time
from fractions import Fraction

# one thread, as basincheck's timing: set before cvxopt loads its BLAS
for _v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_v, "1")


def read_qp(path):
    """Returns a dict with N, m, C, y (floats), M and G as (row, col, value)
    triplets (floats), and the certified bounds as Fractions."""
    qp = {"M": [], "G": [], "y": {}}
    with open(path) as f:
        for line in f:
            w = line.split()
            if not w or w[0].startswith("#"):
                continue
            key = w[0]
            if key == "size":
                qp["N"], qp["m"], qp["C"] = int(w[1]), int(w[2]), int(w[3])
            elif key == "y":
                qp["y"][int(w[1])] = Fraction(w[2])
            elif key in ("M", "G"):
                qp[key].append((int(w[1]), int(w[2]), float(Fraction(w[3]))))
            elif key == "exact":
                qp["exact"] = None if w[1] == "none" else Fraction(w[1])
            elif key == "bounds":
                qp["lower"], qp["upper"] = Fraction(w[1]), Fraction(w[2])
            elif key == "interval":
                qp["ilower"], qp["iupper"] = Fraction(w[1]), Fraction(w[2])
            elif key == "end":
                break
            else:
                raise ValueError("%s: unknown line %r" % (path, line))
    for key in ("N", "exact", "lower", "ilower"):
        if key not in qp:
            raise ValueError("%s: incomplete (no %s line)" % (path, key))
    return qp


def build(qp, matrix, spmatrix):
    """cvxopt's (P, q, G, h) and the constant |y|^2/m."""
    N, m, C = qp["N"], qp["m"], qp["C"]
    y = [float(qp["y"].get(t, 0)) for t in range(m)]
    Mv = [r[2] for r in qp["M"]]
    Mi = [r[0] for r in qp["M"]]
    Mj = [r[1] for r in qp["M"]]
    M = spmatrix(Mv, Mi, Mj, (m, N))
    Mt = M.T
    P = matrix((2.0 / m) * (Mt * M))
    q = matrix(-(2.0 / m) * (Mt * matrix(y)))
    G = spmatrix([-r[2] for r in qp["G"]], [r[0] for r in qp["G"]], [r[1] for r in qp["G"]], (C, N))
    h = matrix(0.0, (C, 1))
    const = float(sum(Fraction(v) ** 2 for v in qp["y"].values()) / m)
    return P, q, G, h, const


def distance(x, lo, hi):
    """Distance of the float x to the rational interval [lo, hi]."""
    xf = Fraction(x)
    if xf < lo:
        return float(lo - xf)
    if xf > hi:
        return float(xf - hi)
    return 0.0


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    tight = "--tight" in argv[1:]
    if len(args) != 1 or any(a not in ("--tight",) for a in argv[1:] if a.startswith("--")):
        sys.stderr.write("usage: bench-qp.py DIR [--tight]\n")
        return 2
    try:
        from cvxopt import matrix, solvers, spmatrix
    except ImportError:
        sys.stderr.write(
            "bench-qp.py: needs cvxopt (apt-get install python3-cvxopt; "
            "then run it with /usr/bin/python3)\n"
        )
        return 2
    d = args[0]
    files = sorted(f for f in os.listdir(d) if f.startswith("qp-") and f.endswith(".txt"))
    if not files:
        sys.stderr.write("bench-qp.py: no qp-*.txt files in %s\n" % d)
        return 2
    summary = {}
    try:
        with open(os.path.join(d, "summary.txt")) as f:
            for line in f:
                w = line.split()
                if len(w) == 2 and not w[0].startswith("#"):
                    summary[w[0]] = w[1]
    except OSError:
        pass

    if hasattr(sys, "set_int_max_str_digits"):
        sys.set_int_max_str_digits(0)  # certified bounds may have thousands of digits
    solvers.options["show_progress"] = False
    problems = [read_qp(os.path.join(d, f)) for f in files]
    built = [build(qp, matrix, spmatrix) for qp in problems]

    def solve_all(opts):
        for k, v in opts.items():
            solvers.options[k] = v
        out, seconds = [], 0.0
        for P, q, G, h, const in built:
            t0 = time.perf_counter()
            sol = solvers.qp(P, q, G, h)
            seconds += time.perf_counter() - t0
            out.append((sol, const))
        return out, seconds

    def check(results, label):
        """Counts; returns False when an optimal solve disagrees (a solve
        cvxopt itself does not call optimal is reported, not judged)."""
        bad, worst, notopt, inside_iv = 0, 0.0, 0, 0
        statuses = {}
        for qp, (sol, const) in zip(problems, results):
            if sol["status"] != "optimal":
                notopt += 1
                statuses[sol["status"]] = statuses.get(sol["status"], 0) + 1
                continue
            p = sol["primal objective"] + const
            q = sol["dual objective"] + const
            f0 = const
            tol = 10.0 * (abs(p - q) + (sol["primal infeasibility"] + sol["dual infeasibility"]) * (1.0 + f0))
            tol += 1e-9 * (1.0 + f0)
            dist = distance(p, qp["lower"], qp["upper"])
            worst = max(worst, dist / tol)
            if dist > tol:
                bad += 1
            if distance(p, qp["ilower"], qp["iupper"]) <= tol:
                inside_iv += 1
        n = len(problems)
        print(
            "bench-qp: %s: %d of %d optimal, %d within tol of the certified value or interval, "
            "%d within tol of the interval path's interval, worst distance/tol = %.3g"
            % (label, n - notopt, n, n - notopt - bad, inside_iv, worst)
        )
        if statuses:
            print("bench-qp: %s: not optimal: %s" % (label, ", ".join("%d %s" % (v, k) for k, v in statuses.items())))
        return bad == 0

    results, seconds = solve_all({})
    ok = check(results, "cvxopt defaults")
    exact = sum(1 for qp in problems if qp["exact"] is not None)
    cpu = platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    load = ""
    if hasattr(os, "getloadavg"):
        load = ", load %.2f %.2f %.2f" % os.getloadavg()
    print(
        "bench-qp: %s, %d cores%s, Python %s, cvxopt %s, one BLAS thread"
        % (cpu, os.cpu_count() or 0, load, platform.python_version(), sys.modules["cvxopt"].__version__)
    )
    print("bench-qp: %d QPs (%d certified exact by basincheck)" % (len(problems), exact))
    line = "bench-qp: cvxopt seconds=%.3f" % seconds
    if "certified_seconds" in summary:
        cs = float(summary["certified_seconds"])
        line += " basincheck certified seconds=%.3f ratio certified/cvxopt=%.3f (target <= 3)" % (
            cs,
            cs / seconds if seconds > 0 else 0.0,
        )
        if "interval_seconds" in summary:
            line += " interval path seconds=%s" % summary["interval_seconds"]
    print(line)
    if tight:
        results, tseconds = solve_all({"abstol": 1e-12, "reltol": 1e-12, "feastol": 1e-12})
        ok = check(results, "cvxopt tol 1e-12") and ok
        print("bench-qp: cvxopt with tolerances 1e-12: seconds=%.3f" % tseconds)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
