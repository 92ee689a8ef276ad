#!/usr/bin/env python3
"""tamper.py DIR... -- falsifies every certificate in DIR in the ways a forger
or a bug would (one digit of a rational, a dropped constraint or box, a swapped
pivot, a changed seed, an off-by-one count, a flipped verdict) and requires the
checker to reject every falsified copy.  Prints the rejection score
"tamper: R of T tampered certificates rejected" and exits 0 only when R = T.

Each mutation makes the certificate's claim false or its evidence wrong, not
merely different: e.g. the digit changed is one the claim depends on."""
import copy
import glob
import json
import os
import sys
from fractions import Fraction

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from bcrecheck import kinds  # noqa: E402
from bcrecheck.numbers import Reject, Unknown  # noqa: E402


def bump(s):
    """One more in the last digit of the numerator of a rational string."""
    q = Fraction(s)
    return str(q + Fraction(1, q.denominator))


def flip_verdict(w):
    w["verdict"] = {"holds": "fails", "fails": "holds", "consistent": "violated", "violated": "consistent"}[
        w["verdict"]]


def first_nonzero(rows):
    for i, r in enumerate(rows):
        for j, x in enumerate(r):
            if x != "0":
                return i, j
    return 0, 0


def psd_mutations(w, holds_key="D"):
    out = [("flipped verdict", flip_verdict)]
    if "perm" in w:
        n = len(w["perm"])
        A = [[Fraction(x) for x in r] for r in (w["matrix"] if "matrix" in w else [])]

        def pivot(w):
            w["D"][-1] = bump(w["D"][-1])
        out.append(("one digit of a pivot", pivot))
        pair = next(((i, j) for i in range(n) for j in range(i + 1, n)
                     if A and A[w["perm"][i]][w["perm"][i]] != A[w["perm"][j]][w["perm"][j]]), None)
        if pair:
            def swap(w, i=pair[0], j=pair[1]):
                w["perm"][i], w["perm"][j] = w["perm"][j], w["perm"][i]
            out.append(("swapped pivots", swap))
    else:
        def value(w):
            w["value"] = bump(w["value"])
        out.append(("one digit of x^T A x", value))
    return out


def basin_mutations(w):
    def upper(w):
        w["upper"] = bump(w["upper"])

    def mu(w):
        i, j = first_nonzero(w["mu"])
        w["mu"][i][j] = bump(w["mu"][i][j])

    def drop(w):
        w["mu"][-1].pop()

    def exact(w):
        w["exact"] = not w["exact"]
    return [("one digit of upper", upper), ("one digit of a multiplier", mu), ("a dropped constraint", drop),
            ("flipped exactness", exact)]


def critical_mutations(w):
    def grad(w):
        w["gradient"][0] = bump(w["gradient"][0])
    out = [("one digit of the gradient", grad)]
    if "hessian" in w:
        out += [(name + " (Hessian)", lambda w, f=f: f(w["hessian"])) for name, f in psd_mutations(w["hessian"])
                if name != "flipped verdict"]
    return out + [("flipped verdict", flip_verdict)]


def binomial_mutations(w):
    def k(w):
        w["k"] += 1

    def p(w):
        w["p"] = bump(w["p"])
    return [("off-by-one k", k), ("one digit of p", p)]


def cp_mutations(w):
    if w["statement"] == "interval":
        def hi(w):
            w["hi"] = w["lo"]
        return [("collapsed limits", hi)]
    return [("flipped verdict", flip_verdict)]


def inequality_mutations(w):
    out = [("flipped verdict", flip_verdict)]
    if "lhs_value" in w and isinstance(w["lhs_value"], dict):
        def lhs(w):
            m = w["lhs_value"]["mid"]
            i = next(i for i, ch in enumerate(m) if ch in "123456789")
            w["lhs_value"]["mid"] = m[:i] + ("1" if m[i] == "9" else str(int(m[i]) + 1)) + m[i + 1:]
        out.append(("one digit of the left side", lhs))
    return out


def range_mutations(w):
    if "counterexample" in w:
        def x(w):
            w["counterexample"]["x"] = w["domain"][0]  # where h = 0
            w["counterexample"]["value"] = {"mid": "0", "rad": "1e-20"}
        return [("counterexample at the touch point", x), ("flipped verdict", flip_verdict)]

    def drop(w):
        del w["boxes"][len(w["boxes"]) // 2]

    def end(w):
        b = next((b for b in w["boxes"] if isinstance(b["hi"], str) and b["hi"] != w["domain"][1]), None)
        if b is None:
            w["boxes"][0]["lo"] = "1/3"
        else:
            b["hi"] = bump(b["hi"])

    def par(w):
        w["par_range"][1] += 1
    return [("a dropped box", drop), ("one digit of a box end", end), ("off-by-one parameter range", par)]


def mc_mutations(w):
    def seed(w):
        w["seed"] = str(int(w["seed"]) + 1)

    def count(w):
        w["successes"] += 1

    def outcome(w):
        i = w["spot"][0]["index"]
        o = w["outcomes"]
        w["outcomes"] = o[:i] + ("0" if o[i] == "1" else "1") + o[i + 1:]
        w["successes"] += 1 if o[i] == "0" else -1
    out = [("changed seed", seed), ("off-by-one count", count), ("flipped spot outcome", outcome)]
    if "draws" in w["spot"][0]:
        def draw(w):
            w["spot"][0]["draws"][0] = bump(w["spot"][0]["draws"][0])
        out.append(("one digit of a draw", draw))
    return out


def clusters_mutations(w):
    def constant(w):
        # the hypothesis's constant moved past the data's tightest value
        key = {"cnorm": "c2", "bnorm": "B2", "lipschitz": "gamma2"}.get(w["hypothesis"])
        if key is None:
            w["C"] = [w["C"][0]] * len(w["C"])  # the centres collapsed onto one
        else:
            tight = Fraction(w[key])
            w[key] = str(tight * 1000 + 1 if key == "c2" else Fraction(0) if key == "gamma2" else tight / 1000)
    out = [("flipped verdict", flip_verdict)]
    if w["verdict"] == "holds" and w["hypothesis"] in ("cnorm", "bnorm", "general"):
        out.append(("a constant past the data", constant))
    return out


def relu_path_mutations(w):
    out = [("flipped verdict", flip_verdict)]
    if w["claim"] == "hyp_ii" and w["verdict"] == "holds":
        def reverse(w):
            w["knots"] = w["knots"][::-1]  # the loss then rises along the path
        out.append(("the path reversed", reverse))
    return out


def singleton_mutations(w):
    def constant(w):
        w["c"] = "1"  # the bounds become 1 - N: below every probability, or above for "=" and "<="
    out = [("flipped verdict", flip_verdict)]
    if any(q[2] in ("needy", "sides") and q[1] in ("=", "<=") for q in w["compare"]):
        out.append(("the per-side constant changed", constant))
    return out


MUTATIONS = {"psd": psd_mutations, "basin": basin_mutations, "critical": critical_mutations,
             "binomial": binomial_mutations, "clopper_pearson": cp_mutations,
             "inequality": inequality_mutations, "range": range_mutations, "montecarlo": mc_mutations,
             "clusters": clusters_mutations, "relu_path": relu_path_mutations,
             "singleton": singleton_mutations}


def rejected(cert):
    try:
        kinds.recheck_file(cert, None)
    except Reject:
        return True
    except Unknown:
        return False
    except (KeyError, TypeError, ValueError, IndexError, AttributeError):
        return True
    return False


def main(dirs):
    total, caught, missed = 0, 0, []
    by_kind = {}
    kinds.SPOT_RNG.seed(1)
    for d in dirs:
        for path in sorted(glob.glob(os.path.join(d, "*.json"))):
            cert = json.load(open(path, encoding="utf-8"))
            if cert.get("format") != "basincheck-certificate":
                continue
            for i, w in enumerate(cert["witnesses"]):
                for name, mutate in MUTATIONS[w["kind"]](w):
                    bad = copy.deepcopy(cert)
                    mutate(bad["witnesses"][i])
                    total += 1
                    k = by_kind.setdefault(w["kind"], [0, 0])
                    k[1] += 1
                    if rejected(bad):
                        caught += 1
                        k[0] += 1
                    else:
                        missed.append("%s witness %d: %s" % (os.path.basename(path), i, name))
            # the check's status against its witnesses
            bad = copy.deepcopy(cert)
            bad["status"] = {"holds": "fails", "fails": "holds", "consistent": "violated",
                             "violated": "consistent"}[cert["status"]]
            total += 1
            k = by_kind.setdefault("status", [0, 0])
            k[1] += 1
            if rejected(bad):
                caught += 1
                k[0] += 1
            else:
                missed.append("%s: flipped status" % os.path.basename(path))
    for m in missed:
        print("tamper: NOT rejected: %s" % m)
    print("tamper: %d of %d tampered certificates rejected (%s)" % (
        caught, total, ", ".join("%s %d/%d" % (k, v[0], v[1]) for k, v in sorted(by_kind.items()))))
    return 0 if total > 0 and caught == total else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
