"""One re-decider per kind of witness (docs/certificates.md), and the
combination of a file's witnesses into the check's verdict.

Each re-decider reads a witness, raises Reject when it is malformed or a claim
in it is false, raises Unknown when the checker cannot decide it, and else
returns the verdict it re-decided ("holds", "fails", "consistent",
"violated"), which must be the witness's own.
"""
import random
from fractions import Fraction

from mpmath import iv

from . import binomial
from .functions import evaluate
from .numbers import (MAX_PREC, Reject, Unknown, agrees, compare, hi, integer, lo, matrix, precision,
                      precisions, rational, real, signs, to_iv, vector)
from .philox import Stream, stream_id
from .statements import EVENTS, INEQUALITIES, RANGE_FUNCTIONS

VERSION = 1
SPOT_RNG = random.Random()  # the checker's own choice of extra Monte Carlo samples


def rising(decide):
    """Runs decide() at 64, 128, ... bits until it returns True or False."""
    for bits in precisions():
        with precision(bits):
            t = decide()
        if t is not None:
            return t
    raise Unknown("undecided at %d bits" % MAX_PREC)


def need(cond, why):
    if not cond:
        raise Reject(why)


def field(w, key):
    if key not in w:
        raise Reject("missing field '%s'" % key)
    return w[key]


# ------------------------------------------------------ linear algebra

def quad(A, x):
    return sum(x[i] * A[i][j] * x[j] for i in range(len(x)) for j in range(len(x)))


def psd_members(A, w, definite):
    """An LDL^T witness (perm, L, D): P A P^T = L D L^T with L unit lower
    triangular and D >= 0 (> 0) makes A congruent to D: PSD (PD) -> True.  A
    direction x with x^T A x < 0 (<= 0, x != 0) -> False."""
    n = len(A)
    if "perm" in w:
        perm = field(w, "perm")
        need(isinstance(perm, list) and sorted(perm) == list(range(n)), "perm is not a permutation")
        L, D = matrix(field(w, "L"), n, n), vector(field(w, "D"), n)
        for i in range(n):
            need(L[i][i] == 1 and all(L[i][j] == 0 for j in range(i + 1, n)),
                 "L is not unit lower triangular (row %d)" % i)
        need(all(x > 0 if definite else x >= 0 for x in D), "a pivot of D is not %s 0" % (">" if definite else ">="))
        for i in range(n):
            for j in range(i + 1):
                s = sum(L[i][k] * D[k] * L[j][k] for k in range(j + 1))
                need(s == A[perm[i]][perm[j]], "L D L^T differs from P A P^T at (%d, %d)" % (i, j))
        return True
    x = vector(field(w, "vector"), n)
    v = quad(A, x)
    need(rational(field(w, "value")) == v, "the recorded x^T A x is not x^T A x")
    need(v < 0 or (definite and v == 0 and any(x)), "x^T A x = %s is no %s direction" % (v, "non-positive"
                                                                                      if definite else "negative"))
    return False


def symmetric(A):
    return all(A[i][j] == A[j][i] for i in range(len(A)) for j in range(i))


def psd(w):
    n = integer(field(w, "n"), 0)
    A = matrix(field(w, "matrix"), n, n)
    need(field(w, "property") in ("psd", "pd"), "property must be psd or pd")
    need(symmetric(A), "the matrix is not symmetric")
    return "holds" if psd_members(A, w, w["property"] == "pd") else "fails"


# ---------------------------------------------------------------- basin

def basin_problem(w):
    """Data, pattern and sizes of a basin or basin_quadratic witness."""
    X, y = matrix(field(w, "X")), vector(field(w, "y"))
    m, d = len(X), len(X[0]) if X else 0
    need(m > 0 and d > 0 and all(len(r) == d for r in X) and len(y) == m, "inconsistent data sizes")
    a = field(w, "a")
    need(isinstance(a, list) and len(a) > 0, "the pattern a must be a non-empty list")
    n = len(a)
    a = [signs(r, m) for r in a]
    b = signs(field(w, "b"), n)
    return X, y, a, b, n, m, d


def dot(u, v):
    return sum(p * q for p, q in zip(u, v))


def basin(w):
    """Bas = min over the cone K = {z : a_jt b_j <z_j, x_t> >= 0} of
    f(z) = (1/m) sum_t (sum_{j: a_jt = 1} <z_j, x_t> - y_t)^2 (Def 2, Lemma 1).
    upper = f(z) for z in K; lower from weak duality: if mu >= 0 and
    sum_{t: a_jt = 1} r_t x_t = sum_t mu_jt s_jt x_t for every j, then for z in K
    |e|^2 >= 2 r.e - |r|^2 with e = Mz - y and r.Mz = sum mu s <z_j, x_t> >= 0,
    so f(z) >= (|y|^2 - |y + r|^2)/m."""
    need(field(w, "loss") == "squared", "only the squared loss is known")
    X, y, a, b, n, m, d = basin_problem(w)
    need((w.get("n"), w.get("m"), w.get("d")) == (n, m, d), "n, m, d disagree with the data")
    if "W" in w:
        W, v = matrix(w["W"], n, d), vector(field(w, "v"), n)
        for j in range(n):
            need(v[j] != 0 and (1 if v[j] > 0 else -1) == b[j], "b is not the sign of v (neuron %d)" % j)
            for t in range(m):
                u = dot(W[j], X[t])
                need(u != 0, "<w_%d, x_%d> = 0: the network lies on a basin boundary" % (j, t))
                need((1 if u > 0 else -1) == a[j][t], "a is not the sign pattern of W (%d, %d)" % (j, t))
    z, r, mu = matrix(field(w, "z"), n, d), vector(field(w, "r"), m), matrix(field(w, "mu"), n, m)
    s = [[a[j][t] * b[j] for t in range(m)] for j in range(n)]
    pred = [sum(dot(z[j], X[t]) for j in range(n) if a[j][t] == 1) for t in range(m)]
    e = [pred[t] - y[t] for t in range(m)]
    for j in range(n):
        for t in range(m):
            need(s[j][t] * dot(z[j], X[t]) >= 0, "z is not in the cone: constraint (%d, %d)" % (j, t))
            need(mu[j][t] >= 0, "a multiplier is negative: mu(%d, %d)" % (j, t))
        for i in range(d):
            left = sum(r[t] * X[t][i] for t in range(m) if a[j][t] == 1)
            need(left == sum(mu[j][t] * s[j][t] * X[t][i] for t in range(m)),
                 "stationarity fails for neuron %d, coordinate %d" % (j, i))
    upper, lower = rational(field(w, "upper")), rational(field(w, "lower"))
    need(upper == dot(e, e) / m, "upper is not f(z)")
    dual = (dot(y, y) - sum((y[t] + r[t]) ** 2 for t in range(m))) / m
    need(lower == dual or (lower == 0 and dual <= 0), "lower is not the dual bound of (r, mu)")
    need(field(w, "exact") == (lower == upper), "the flag exact disagrees with lower, upper")
    if lower == upper:
        # complementary slackness, implied by equality; checked as stated
        need(r == e, "KKT: r is not the residual M z - y")
        need(all(mu[j][t] * s[j][t] * dot(z[j], X[t]) == 0 for j in range(n) for t in range(m)),
             "KKT: complementary slackness fails")
    if "compare" not in w:
        return "holds"
    rel, rhs = field(w["compare"], "rel"), rational(field(w["compare"], "rhs"))
    need(rel in ("<=", "<", ">=", ">"), "unknown relation %r" % rel)
    good = compare(upper, rel, rhs) if rel in ("<=", "<") else compare(lower, rel, rhs)
    bad = compare(lower, rel, rhs) if rel in ("<=", "<") else compare(upper, rel, rhs)
    need(good or not bad, "the bracket [lower, upper] does not decide Bas %s %s" % (rel, rhs))
    return "holds" if good else "fails"


# -------------------------------------------------------------- critical

def relu2_derivatives(X, y, W, v):
    """Gradient and Hessian of L = (1/m) sum_t r_t^2, r_t = sum_j v_j [u_jt]_+ - y_t,
    u_jt = <w_j, x_t>, in theta = (w_1, ..., w_n, v), where no u_jt is 0: there
    dr_t/dw_ji = v_j s_jt x_ti, dr_t/dv_j = s_jt u_jt, d2 r_t/dw_ji dv_j = s_jt x_ti
    (s_jt = [u_jt > 0]), grad L = (2/m) sum r_t grad r_t and
    Hess L = (2/m) sum (grad r_t grad r_t^T + r_t Hess r_t)."""
    n, d, m = len(W), len(X[0]), len(X)
    N = n * d + n
    g, H = [Fraction(0)] * N, [[Fraction(0)] * N for _ in range(N)]
    for t in range(m):
        u = [dot(W[j], X[t]) for j in range(n)]
        need(all(u), "the point lies on a cell boundary (some <w_j, x_t> = 0): L is not differentiable")
        on = [u[j] > 0 for j in range(n)]
        r = sum(v[j] * u[j] for j in range(n) if on[j]) - y[t]
        gr = [Fraction(0)] * N
        for j in range(n):
            if on[j]:
                for i in range(d):
                    gr[j * d + i] = v[j] * X[t][i]
                gr[n * d + j] = u[j]
        for k in range(N):
            g[k] += 2 * r * gr[k] / m
            for l in range(N):
                H[k][l] += 2 * gr[k] * gr[l] / m
        for j in range(n):
            if on[j]:
                for i in range(d):
                    H[j * d + i][n * d + j] += 2 * r * X[t][i] / m
                    H[n * d + j][j * d + i] += 2 * r * X[t][i] / m
    return g, H


def basin_quadratic_derivatives(w):
    """f(z) = |M z - y|^2 / m: grad = (2/m) M^T (M z - y), Hess = (2/m) M^T M,
    M[t][j d + i] = x_ti when a_jt = 1."""
    X, y, a, b, n, m, d = basin_problem(w)
    z = matrix(field(w, "z"), n, d)
    M = [[X[t][i] if a[j][t] == 1 else Fraction(0) for j in range(n) for i in range(d)] for t in range(m)]
    zz = [c for row in z for c in row]
    e = [dot(M[t], zz) - y[t] for t in range(m)]
    N = n * d
    g = [2 * sum(M[t][k] * e[t] for t in range(m)) / m for k in range(N)]
    H = [[2 * sum(M[t][k] * M[t][l] for t in range(m)) / m for l in range(N)] for k in range(N)]
    return g, H


def critical(w):
    claim = field(w, "claim")
    need(claim in ("stationary", "second_order", "strict_local_min"), "unknown claim %r" % claim)
    if field(w, "function") == "relu2":
        X, y = matrix(field(w, "X")), vector(field(w, "y"))
        need(len(X) == len(y) and len(X) > 0, "inconsistent data sizes")
        W = matrix(field(w, "W"), None, len(X[0]))
        g, H = relu2_derivatives(X, y, W, vector(field(w, "v"), len(W)))
    elif w["function"] == "basin_quadratic":
        g, H = basin_quadratic_derivatives(w)
    else:
        raise Unknown("function %r unknown to the checker" % w["function"])
    need(vector(field(w, "gradient"), len(g)) == g, "the recorded gradient is not the gradient")
    if claim == "stationary" or any(g):
        return "holds" if not any(g) else "fails"
    h = field(w, "hessian")
    need(matrix(field(h, "matrix"), len(H), len(H)) == H, "the recorded Hessian is not the Hessian")
    return "holds" if psd_members(H, h, claim == "strict_local_min") else "fails"


# ------------------------------------------------ binomial, Clopper-Pearson

def endpoints(x):
    """A real of the format as exact ends (lo, hi)."""
    v = real(x)
    if v is None:
        raise Unknown("an unbounded ball")
    return (v, v) if isinstance(v, Fraction) else v


def binomial_tail(w):
    tail, N, k = field(w, "tail"), integer(field(w, "N"), 0), integer(field(w, "k"))
    p = rational(field(w, "p"))
    need(tail in ("cdf", "sf") and 0 <= p <= 1, "tail must be cdf or sf, p in [0, 1]")
    kk = k if tail == "cdf" else k - 1
    value = real(field(w, "value"))
    if isinstance(value, Fraction):
        if N > 100000:
            raise Unknown("an exact tail with N > 100000")
        t = binomial.cdf_exact(N, p, kk)
        need(value == (t if tail == "cdf" else 1 - t), "the tail is %s, not %s" % (t if tail == "cdf" else 1 - t,
                                                                                  value))
        return "holds"

    def decide():
        t = binomial.cdf_point(N, p, kk)
        t = t if tail == "cdf" else 1 - t
        if value is None:
            return True
        if compare(value[0], "<=", t) and compare(t, "<=", value[1]):
            return True
        need(agrees(t, value), "the tail lies outside the recorded ball")
        return None
    rising(decide)
    return "holds"


def clopper_pearson(w):
    N, K = integer(field(w, "N"), 1), integer(field(w, "K"), 0)
    a = rational(field(w, "a"))
    need(K <= N and 0 < a < Fraction(1, 2), "need K <= N and 0 < a < 1/2")
    st = field(w, "statement")
    if st == "upper_ge":
        b = endpoints(field(w, "b"))
        t = rising(lambda: binomial.upper_ge(N, K, a, b))
    elif st == "agrees":
        x = endpoints(field(w, "x"))
        t = rising(lambda: binomial.agrees(N, K, a, x))
    elif st == "interval":
        plo, phi = rational(field(w, "lo")), rational(field(w, "hi"))
        t = rising(lambda: binomial.interval_outward(N, K, a, plo, phi))
        need(t, "the printed limits are not outward")
    else:
        raise Unknown("Clopper-Pearson statement %r unknown" % st)
    return "holds" if t else "fails"


# ------------------------------------------------------------ inequality

def inequality(w):
    rel = field(w, "rel")
    need(rel in ("<=", "<", ">=", ">"), "unknown relation %r" % rel)
    if "name" in w:
        if w["name"] not in INEQUALITIES:
            raise Unknown("inequality %r unknown to the checker" % w["name"])
        names, want, sides = INEQUALITIES[w["name"]]
        point = field(w, "point")
        need(isinstance(point, dict) and set(point) == set(names), "the point must give %s" % ", ".join(names))
        point = {k: rational(v) for k, v in point.items()}
        need(rel == want, "%s is a '%s' inequality" % (w["name"], want))
        both = lambda: sides(point)
    else:
        both = lambda: (evaluate(field(w, "lhs")), evaluate(field(w, "rhs")))
    rl, rr = real(field(w, "lhs_value")), real(field(w, "rhs_value"))

    def decide():
        lhs, rhs = both()
        need(agrees(lhs, rl) and agrees(rhs, rr), "a recorded side disagrees with its value")
        return compare(lhs, rel, rhs)
    return "holds" if rising(decide) else "fails"


# ----------------------------------------------------------------- range

def range_proof(w):
    """h(theta) >= 0 for theta in the domain and every d of par_range, for the
    named function h: the boxes must tile the domain for every d, in order;
    the checker proves h >= 0 on each box itself (its own enclosure of h >= 0,
    or h' >= 0 and h >= 0 at the left end: the domain's end where h = 0 is a
    fact of the function, or the previous box's right end, or a point
    enclosure; or h' <= 0 and a point enclosure of h(right end) >= 0),
    bisecting a box its enclosures do not settle."""
    name = field(w, "function")
    if name not in RANGE_FUNCTIONS:
        raise Unknown("range function %r unknown to the checker" % name)
    F = RANGE_FUNCTIONS[name]
    params = field(w, "params")
    need(isinstance(params, dict) and set(params) == set(F["params"]), "params must be %s" % (F["params"],))
    K = rational(params["K"]) if "K" in params else None
    dom = field(w, "domain")
    need(isinstance(dom, list) and len(dom) == 2, "the domain is two expressions")
    plo, phi = field(w, "par_range")
    need(integer(plo, F["dmin"]) <= integer(phi), "empty parameter range")

    def inside():
        l_, h_, nl, nh = (evaluate(e) for e in (dom[0], dom[1]) + F["domain"])
        parts = [dom[0] == F["domain"][0] or compare(l_, ">=", nl), compare(l_, "<", h_),
                 dom[1] == F["domain"][1] or compare(h_, "<=", nh)]
        return False if False in parts else (True if all(parts) else None)
    need(rising(inside), "the domain is not inside the function's")
    touch = F["touch_lo"] and dom[0] == F["domain"][0]

    def h(d, A, B):
        return F["value"](d, A, B, K)

    if field(w, "verdict") == "fails":
        c = field(w, "counterexample")
        d, x = integer(field(c, "par")), field(c, "x")
        need(plo <= d <= phi, "the counterexample's parameter is outside the range")
        value = real(field(c, "value"))

        def neg():
            X, L, H = evaluate(x), evaluate(dom[0]), evaluate(dom[1])
            need(compare(L, "<=", X) is not False and compare(X, "<=", H) is not False, "x outside the domain")
            v = h(d, X, X)
            need(agrees(v, value), "the recorded h(x) disagrees with h(x)")
            return compare(v, "<", Fraction(0)) if compare(L, "<=", X) and compare(X, "<=", H) else None
        need(rising(neg), "h(x) >= 0 at the counterexample")
        return "fails"

    boxes = field(w, "boxes")
    need(isinstance(boxes, list), "boxes must be a list")
    by_par = {}
    for bx in boxes:
        d = integer(field(bx, "par"))
        need(plo <= d <= phi, "a box's parameter %d is outside the range" % d)
        by_par.setdefault(d, []).append(bx)
    for d in range(plo, phi + 1):
        chain = by_par.get(d, [])
        need(chain, "no box for d = %d" % d)
        need(chain[0]["lo"] == dom[0] and chain[-1]["hi"] == dom[1], "the boxes of d = %d miss an end" % d)
        left_ok = touch
        for i, bx in enumerate(chain):
            need(i == 0 or bx["lo"] == chain[i - 1]["hi"], "a gap between boxes of d = %d" % d)
            need(field(bx, "by") in ("enclosure", "increasing", "decreasing"), "unknown method %r" % bx["by"])
            left_ok = _settle(F, K, d, bx, left_ok)
    return "holds"


def _settle(F, K, d, bx, left_ok, depth=0, A=None, B=None):
    """Proves h >= 0 on the box (a certificate box, or a piece of one when
    A, B are given).  Returns True (so h >= 0 at its right end)."""
    enc = real(field(bx, "enc")) if depth == 0 else None
    for bits in (128, 256, 512):
        with precision(bits):
            a = evaluate(bx["lo"]) if A is None else A
            b = evaluate(bx["hi"]) if B is None else B
            need(compare(a, "<", b) is not False, "an empty box")
            v = F["value"](d, a, b, K)
            dv = F["deriv"](d, a, b, K)
            if enc is not None:
                need(agrees(dv if bx["by"] != "enclosure" else v, enc), "a recorded box enclosure is disjoint "
                     "from the checker's (d = %d)" % d)
            need(not compare(v, "<", Fraction(0)), "h < 0 on a whole box (d = %d)" % d)
            if compare(v, ">=", 0):
                return True
            if compare(dv, ">=", 0) and (left_ok or compare(F["value"](d, a, a, K), ">=", 0)):
                return True
            if compare(dv, "<=", 0) and compare(F["value"](d, b, b, K), ">=", 0):
                return True
    if depth >= 8:
        raise Unknown("a box of d = %d is not proved by the checker's enclosures" % d)
    with precision(256):
        a = evaluate(bx["lo"]) if A is None else A
        b = evaluate(bx["hi"]) if B is None else B
        m = (hi(to_iv(a)) + lo(to_iv(b))) / 2  # an exact point inside the box
    return _settle(F, K, d, bx, left_ok, depth + 1, a, m) and _settle(F, K, d, bx, True, depth + 1, m, b)


# ----------------------------------------------------------- Monte Carlo

def montecarlo(w):
    """The judgement of P[E] >= b from the counts (Clopper-Pearson, undecided
    samples counted both ways), the counts from the per-sample outcomes, the
    spot samples' indices from the seed, and each spot sample's event
    re-decided from its recorded draws (level 1) and from draws the checker
    derives itself from the seed (level 2, when it knows the law)."""
    need(field(w, "rng") == "philox4x32-10", "unknown generator")
    seed, stream = int(field(w, "seed")), field(w, "stream")
    need(0 <= seed < 2 ** 64 and str(seed) == w["seed"], "the seed is not a 64-bit decimal")
    need(isinstance(stream, str) and w.get("stream_id") == str(stream_id(stream)), "stream_id is not the stream's")
    N, K, U = (integer(field(w, k), 0) for k in ("samples", "successes", "undecided"))
    outcomes = field(w, "outcomes")
    need(isinstance(outcomes, str) and len(outcomes) == N and set(outcomes) <= set("01u"), "bad outcomes")
    need(outcomes.count("1") == K and outcomes.count("u") == U, "the counts are not those of the outcomes")
    a = rational(field(w, "a"))
    need(N > 0 and 0 < a < Fraction(1, 2), "need samples > 0 and 0 < a < 1/2")

    def judge():
        bnd = evaluate(w["bound"]) if isinstance(w.get("bound"), dict) and "fn" in w["bound"] else None
        b = (lo(bnd), hi(bnd)) if bnd is not None else endpoints(field(w, "bound"))
        pess, opt = binomial.upper_ge(N, K, a, b), binomial.upper_ge(N, K + U, a, b)
        if pess:
            return "consistent"
        if opt is False:
            return "violated"
        return "undecided" if pess is False and opt else None
    verdict = rising(judge)

    ev = field(w, "event")
    E = EVENTS.get(field(ev, "name"))
    need(w.get("spot_stream") == "cert.spot/" + stream, "the spot stream is not cert.spot/<stream>")
    spots = field(w, "spot")
    need(isinstance(spots, list) and spots, "no spot samples")
    sid = stream_id(w["spot_stream"])
    for j, sp in enumerate(spots):
        need(isinstance(sp, dict), "a spot sample must be an object")
        need(integer(field(sp, "index"), 0) == Stream(seed, sid, j).below(N), "spot %d is not drawn from the seed" % j)
    if E is None:
        raise Unknown("event %r unknown to the checker" % ev["name"])
    params = field(ev, "params")
    need(set(params) == set(E["params"]), "the event's parameters must be %s" % (E["params"],))
    params = {k: rational(v) for k, v in params.items()}
    sid = stream_id(stream)

    def spot_check(i, draws):
        if draws is not None:
            nd = E["draws"] if isinstance(E["draws"], int) else int(params[E["draws"]])
            need(len(draws) == nd, "sample %d: expected %d draws" % (i, nd))
            got = E["decide"](draws, params)
            need(outcomes[i] == "u" or got is None or got == (outcomes[i] == "1"),
                 "sample %d: the event re-decided differs from the outcome" % i)
        if E["law"] is not None:
            own = E["law"](Stream(seed, sid, i), params)
            need(draws is None or own == draws, "sample %d: the recorded draws are not the seed's" % i)
            got = E["decide"](own, params)
            need(outcomes[i] == "u" or got is None or got == (outcomes[i] == "1"),
                 "sample %d: the event on the seed's draws differs from the outcome" % i)
    for sp in spots:
        spot_check(sp["index"], [rational(x) for x in sp["draws"]] if "draws" in sp else None)
    if E["law"] is not None:
        for _ in range(16):
            spot_check(SPOT_RNG.randrange(N), None)
    elif not any("draws" in sp for sp in spots):
        raise Unknown("no draws recorded and the law of event %r is not re-derivable" % ev["name"])
    return verdict


# ----------------------------------------------------- statistical tests

RUN = {}  # the run's index: "confidence" (exact), "family_size" (set by the command line)


def test(w):
    """One statistical test as checklist_judge judged it: the level a must be
    the run's (1 - C)/(2F) rounded down (C and F from the run's index), and
    the verdict is re-judged from N, K, U and the target with the checker's
    own binomial tails, undecided samples counted both ways."""
    kind = field(w, "test")
    need(kind in ("bound", "equal"), "unknown test %r" % kind)
    N, K, U = integer(field(w, "N"), 1), integer(field(w, "K"), 0), integer(field(w, "U"), 0)
    need(K + U <= N, "K + U > N")
    a = rational(field(w, "a"))
    if "confidence" not in RUN:
        raise Unknown("no run index: the level of the test cannot be confirmed")
    want = binomial.tail_level(RUN["confidence"], RUN["family_size"])
    need(want is not None and a == want, "the level %s is not (1 - C)/(2F) = %s rounded down" % (a, want))
    target = endpoints(field(w, "target"))
    if kind == "bound":
        got = rising(lambda: binomial.judge_bound(N, K, U, a, target))
    else:
        got = rising(lambda: binomial.judge_equal(N, K, U, a, target))
    return got


# -------------------------------------------------------------- clusters

CLUSTER_HYPOTHESES = ("k<=d", "nonempty", "general", "unique", "radius", "cnorm", "bnorm", "lipschitz")


def _det(M):
    """Determinant of a square rational matrix (Gaussian elimination)."""
    M, n, det = [list(r) for r in M], len(M), Fraction(1)
    for c in range(n):
        p = next((r for r in range(c, n) if M[r][c] != 0), None)
        if p is None:
            return Fraction(0)
        if p != c:
            M[c], M[p], det = M[p], M[c], -det
        det *= M[c][c]
        for r in range(c + 1, n):
            f = M[r][c] / M[c][c]
            M[r] = [a - f * b for a, b in zip(M[r], M[c])]
    return det


def clusters(w):
    """Theorem 5's hypotheses (B.7) on clustered data: X (m x d), y, centres C
    (k x d), constants B2 = B^2, c2 = c^2, gamma2 = gamma^2.  Each x_t belongs
    to its nearest centre (exact squared distances, lowest index on ties);
    delta_j^2 is the largest squared distance of cluster j to c_j (0 when
    empty).  The witness names one hypothesis, decided exactly (the radius
    with intervals):
      k<=d; nonempty: every cluster has a point; general: sigma_min(C^T) > 0,
      i.e. det(C C^T) != 0; unique: each x_t within delta_j of exactly one
      centre; radius: delta_j / |c_j| <= 2 sin(sqrt(2 pi) / (16 d sqrt d));
      cnorm: |c_j|^2 >= c2; bnorm: |x_t|^2 <= B2; lipschitz:
      (y_t - y_s)^2 <= gamma2 |x_t - x_s|^2 within each cluster."""
    X, C = matrix(field(w, "X")), matrix(field(w, "C"))
    m, k = len(X), len(C)
    need(m >= 1 and k >= 1, "clusters: no data or no centre")
    d = len(X[0])
    need(all(len(r) == d for r in X + C), "clusters: rows of different lengths")
    y = vector(field(w, "y"), m)
    B2, c2, g2 = rational(field(w, "B2")), rational(field(w, "c2")), rational(field(w, "gamma2"))
    h = field(w, "hypothesis")
    need(h in CLUSTER_HYPOTHESES, "unknown hypothesis %r" % h)
    sq = lambda u, v: sum((a - b) ** 2 for a, b in zip(u, v))
    cl = [min(range(k), key=lambda j: (sq(x, C[j]), j)) for x in X]
    delta2 = [max([sq(X[t], C[j]) for t in range(m) if cl[t] == j], default=Fraction(0)) for j in range(k)]
    if h == "k<=d":
        ok = k <= d
    elif h == "nonempty":
        ok = all(j in cl for j in range(k))
    elif h == "general":
        ok = k <= d and _det([[sum(a * b for a, b in zip(C[i], C[j])) for j in range(k)] for i in range(k)]) != 0
    elif h == "unique":
        ok = all(sum(sq(x, C[j]) <= delta2[j] for j in range(k)) == 1 for x in X)
    elif h == "radius":
        def decide():
            rho = 2 * iv.sin(iv.sqrt(2 * iv.pi) / (16 * d * iv.sqrt(iv.mpf(d))))
            out = True
            for j in range(k):
                n2 = sum(a * a for a in C[j])
                need(n2 > 0, "radius: a centre at 0")
                t = compare(to_iv(delta2[j] / n2), "<=", rho * rho)
                if t is False:
                    return False
                out = None if t is None else out
            return out
        ok = rising(decide)
    elif h == "cnorm":
        ok = all(sum(a * a for a in c) >= c2 for c in C)
    elif h == "bnorm":
        ok = all(sum(a * a for a in x) <= B2 for x in X)
    else:
        ok = all((y[t] - y[s]) ** 2 <= g2 * sq(X[t], X[s]) for t in range(m) for s in range(t + 1, m)
                 if cl[t] == cl[s])
    return "holds" if ok else "fails"


# ----------------------------------------------------------- singleton data

def _singleton_sides(X, y):
    """Theorem 2 (B.4) on singleton data x_t = s_t e_j(t): per coordinate j its
    two sides S_j^+ (s_t > 0) and S_j^- (s_t < 0), each as (A, B, C) =
    (sum s_t^2, sum |s_t| y_t, sum y_t^2).  A neuron is active on S_j^+ when
    w_ij > 0, on S_j^- when w_ij < 0; on side k the network predicts
    |s_t| beta, beta = sum of v_i |w_ij| over the active neurons."""
    d = len(X[0])
    sides = [[[Fraction(0)] * 3, [Fraction(0)] * 3] for _ in range(d)]
    for x, yt in zip(X, y):
        nz = [j for j, v in enumerate(x) if v != 0]
        need(len(nz) == 1, "singleton: a point with %d non-zero coordinates" % len(nz))
        j, st = nz[0], x[nz[0]]
        S = sides[j][0 if st > 0 else 1]
        S[0] += st * st
        S[1] += abs(st) * yt
        S[2] += yt * yt
    return sides


def _side_cost(S, plus, minus):
    """The least value of sum (|s_t| beta - y_t)^2 over the betas the signs of
    the active neurons allow: any (both signs), >= 0 (+ only), <= 0 (- only),
    0 (none): C - B^2/A when the best beta B/A is allowed, else C."""
    A, B, C = S
    if A == 0:
        return Fraction(0)
    if B == 0 or (B > 0 and plus) or (B < 0 and minus):
        return C - B * B / A
    return C


def _classes(P):
    """The classes of the P neurons of one output sign on a coordinate, with
    their weights out of 2^P and whether they put a neuron on S^+ and on S^-:
    all on S^- (p1 = 0), on both sides, all on S^+ (p1 = P)."""
    if P == 0:
        return [(1, False, False)]
    if P == 1:
        return [(1, False, True), (1, True, False)]
    return [(1, False, True), (2 ** P - 2, True, True), (1, True, False)]


def _regime(sides, P, Q):
    """For P neurons with v > 0 and Q with v < 0: per coordinate the class
    pairs (indices into _classes(P) x _classes(Q)) attaining its least cost
    and those meeting every need, and the sum of the least costs.  Depends
    on P, Q only through min(P, 2), min(Q, 2)."""
    rows, tot = [], Fraction(0)
    cp, cq = _classes(P), _classes(Q)
    for S in sides:
        pl = []
        for a, (_, pp, pm) in enumerate(cp):  # plus neurons on S^+ (pp), on S^- (pm)
            for b, (_, qp, qm) in enumerate(cq):
                cost = _side_cost(S[0], pp, qp) + _side_cost(S[1], pm, qm)
                met = all(Sk[1] == 0 or Sk[0] == 0 or (Sk[1] > 0 and hp) or (Sk[1] < 0 and hm)
                          for Sk, hp, hm in ((S[0], pp, qp), (S[1], pm, qm)))
                pl.append((a, b, cost, met))
        best = min(c for _, _, c, _ in pl)
        tot += best
        rows.append(([(a, b) for a, b, c, _ in pl if c == best], [(a, b) for a, b, _, m in pl if m]))
    return rows, tot


def _singleton_probs(sides, n, cache):
    """(P[Bas = alpha_n], P[B.4's event]) at width n under Assumption 1: given
    P neurons with v > 0 (C(n, P) 2^-n), each neuron's side on each
    coordinate is a fair coin, independently.  Bas = alpha_n exactly when P
    minimises sum_j cost_j(P, n - P) and every coordinate attains its cost;
    B.4's event: every side with a need (sign of B) has an active neuron of
    that output sign."""
    from math import comb
    regimes = {}
    for P in range(n + 1):
        key = (min(P, 2), min(n - P, 2))
        if key not in cache:
            cache[key] = _regime(sides, *key)
        regimes[P] = cache[key]
    alpha = min(regimes[P][1] for P in range(n + 1))
    good = event = 0
    for P in range(n + 1):
        wp, wq = [w for w, _, _ in _classes(P)], [w for w, _, _ in _classes(n - P)]
        g = e = comb(n, P)
        for attain, met in regimes[P][0]:
            g *= sum(wp[a] * wq[b] for a, b in attain)
            e *= sum(wp[a] * wq[b] for a, b in met)
        good += g if regimes[P][1] == alpha else 0
        event += e
    den = 2 ** (n + n * len(sides))
    return Fraction(good, den), Fraction(event, den)


def singleton(w):
    """Theorem 2's exact probabilities on singleton data X, y for every width n
    in "widths" [n0, n1]: each comparison [lhs, rel, rhs] of "compare", lhs
    and rhs among "good" (P[Bas = alpha_n]), "event" (P[B.4's event]),
    "needy" (1 - N c^n, N the sides with a need) and "sides" (1 - 2d c^n),
    rel "<=", ">=" or "=".  Verdict holds when every comparison holds at
    every n."""
    X = matrix(field(w, "X"))
    need(len(X) >= 1 and len(X[0]) >= 1, "singleton: no data")
    y = vector(field(w, "y"), len(X))
    n0, n1 = [integer(v, 1) for v in field(w, "widths")]
    need(n0 <= n1 <= 200, "singleton: widths")
    c = rational(field(w, "c"))
    comps = field(w, "compare")
    need(isinstance(comps, list) and comps and all(
        isinstance(q, list) and len(q) == 3 and q[1] in ("<=", ">=", "=") and
        q[0] in ("good", "event", "needy", "sides") and q[2] in ("good", "event", "needy", "sides")
        for q in comps), "singleton: comparisons")
    sides = _singleton_sides(X, y)
    needy = sum(1 for S in sides for k in S if k[0] != 0 and k[1] != 0)
    cache, ok = {}, True
    for n in range(n0, n1 + 1):
        good, event = _singleton_probs(sides, n, cache)
        val = {"good": good, "event": event, "needy": 1 - needy * c ** n, "sides": 1 - 2 * len(sides) * c ** n}
        for a, rel, b in comps:
            ok &= {"<=": val[a] <= val[b], ">=": val[a] >= val[b], "=": val[a] == val[b]}[rel]
    return "holds" if ok else "fails"


# ------------------------------------------------------- ReLU network paths

def _layers(theta, widths):
    """The flat parameters of a ReLU network with the given widths (d, n_1,
    ..., k) as layers [(rows of weights, biases or None)]: layer i = 1..h,
    neuron j of it, its n_(i-1) incoming weights, then (hidden layers only)
    its bias."""
    out, pos, h = [], 0, len(widths) - 1
    for i in range(1, h + 1):
        rows, bias = [], []
        for _ in range(widths[i]):
            rows.append(theta[pos:pos + widths[i - 1]])
            pos += widths[i - 1]
            if i < h:
                bias.append(theta[pos])
                pos += 1
        out.append((rows, bias if i < h else None))
    need(pos == len(theta), "relu_path: %d parameters for widths %s, expected %d" % (len(theta), widths, pos))
    return out


def _relu(v):
    if isinstance(v, Fraction):
        return max(v, Fraction(0))
    return iv.mpf([max(v.a, 0), max(v.b, 0)])


def _forward(layers, x):
    """The network's output at x: hidden layers [W h + b]_+, output W h (exact
    when every parameter is a Fraction, else in intervals)."""
    exact = all(isinstance(q, Fraction) for rows, bias in layers for r in rows for q in r + (bias or []))
    conv = (lambda q: q) if exact else to_iv
    h = [conv(v) for v in x]
    for rows, bias in layers:
        z = [sum((conv(a) * b for a, b in zip(r, h)), conv(Fraction(0))) for r in rows]
        h = [_relu(v + conv(c)) for v, c in zip(z, bias)] if bias is not None else z
    return h


def _ray_condition(P, loss, labels):
    """Theorem 1's condition (i) on predictions P: the ray c -> L(c P) is
    unbounded: squared, some prediction non-zero; cross-entropy, on some
    point a wrong class scores strictly above the label.  True, False, or
    None (intervals that do not decide)."""
    if loss == "squared":
        cells = [p for row in P for p in row]
        if all(isinstance(p, Fraction) for p in cells):
            return any(p != 0 for p in cells)
        return True if any((lo(p) is not None and lo(p) > 0) or (hi(p) is not None and hi(p) < 0)
                           for p in cells) else None
    diffs = [row[q] - row[labels[t]] for t, row in enumerate(P) for q in range(len(row)) if q != labels[t]]
    if all(isinstance(v, Fraction) for v in diffs):
        return any(v > 0 for v in diffs)
    return True if any(compare(v, ">", Fraction(0)) is True for v in diffs) else None


def _xent(P, labels):
    return sum(iv.log(sum(iv.exp(to_iv(p)) for p in row)) - to_iv(row[labels[t]]) for t, row in enumerate(P)) / len(P)


def relu_path(w):
    """Theorem 1's hypotheses on the path W(lambda) through the knots (knot j at
    lambda = j/K, linear in between) of a ReLU network with biases: "hyp_i",
    the condition of _ray_condition for every lambda in [0, 1], decided by
    interval subdivision of each segment (an interval whose enclosure does
    not settle it is bisected, after its exact midpoint is tested: a failure
    there is a counterexample); "hyp_ii", L(P(W(0))) > L(0) and
    L(P(W(1))) < L(P(W(0)))."""
    claim, loss = field(w, "claim"), field(w, "loss")
    need(claim in ("hyp_i", "hyp_ii") and loss in ("squared", "xent"), "relu_path: unknown claim or loss")
    widths = [integer(n, 1) for n in field(w, "widths")]
    need(len(widths) >= 2, "relu_path: need at least one layer")
    X = matrix(field(w, "X"), None, widths[0])
    m, k = len(X), widths[-1]
    need(m >= 1, "relu_path: no data")
    if loss == "squared":
        Y, labels = matrix(field(w, "Y"), m, k), None
    else:
        labels = [integer(a, 0) for a in field(w, "labels")]
        need(len(labels) == m and all(a < k for a in labels), "relu_path: labels")
    knots = [vector(v) for v in field(w, "knots")]
    need(len(knots) >= 2, "relu_path: need two knots")
    preds = lambda theta: [_forward(_layers(theta, widths), x) for x in X]
    if claim == "hyp_ii":
        P0, P1 = preds(knots[0]), preds(knots[-1])
        if loss == "squared":
            L = lambda P: sum((p - y) ** 2 for row, yr in zip(P, Y) for p, y in zip(row, yr)) / m
            Lz = sum(y * y for yr in Y for y in yr) / m
            return "holds" if L(P0) > Lz and L(P1) < L(P0) else "fails"

        def decide():
            a, b, z = _xent(P0, labels), _xent(P1, labels), iv.log(k)
            t1, t2 = compare(a, ">", z), compare(b, "<", a)
            if t1 is False or t2 is False:
                return False
            return True if t1 and t2 else None
        return "holds" if rising(decide) else "fails"
    K = len(knots) - 1
    with precision(96):
        for j in range(K):
            k0, dk = knots[j], [b - a for a, b in zip(knots[j], knots[j + 1])]
            stack = [(Fraction(0), Fraction(1), 0)]
            while stack:
                a, b, depth = stack.pop()
                S = iv.mpf([to_iv(a).a, to_iv(b).b])
                theta = [to_iv(p) + S * to_iv(q) for p, q in zip(k0, dk)]
                if _ray_condition(preds(theta), loss, labels):
                    continue
                mid = (a + b) / 2
                if not _ray_condition(preds([p + mid * q for p, q in zip(k0, dk)]), loss, labels):
                    return "fails"  # at lambda = (j + mid) / K, exactly
                if depth >= 40:
                    raise Unknown("relu_path: (i) not settled at bisection depth 40")
                stack += [(mid, b, depth + 1), (a, mid, depth + 1)]
    return "holds"


# ------------------------------------------------------------ the files

KINDS = {"psd": psd, "basin": basin, "critical": critical, "binomial": binomial_tail,
         "clopper_pearson": clopper_pearson, "inequality": inequality, "range": range_proof,
         "montecarlo": montecarlo, "test": test, "clusters": clusters,
         "relu_path": relu_path, "singleton": singleton}
POSITIVE, NEGATIVE = ("holds", "consistent"), ("fails", "violated", "inapplicable")


def recheck_witness(w):
    """Re-decides one witness: returns None (re-decided as claimed) or raises."""
    need(isinstance(w, dict), "a witness must be an object")
    kind = field(w, "kind")
    if kind not in KINDS:
        raise Unknown("kind %r unknown to the checker" % kind)
    if w.get("version") != VERSION:
        raise Unknown("%s witness of version %r (the checker reads %d)" % (kind, w.get("version"), VERSION))
    got = KINDS[kind](w)
    need(got == field(w, "verdict"), "%s: re-decided %s, the witness says %s" % (kind, got, w["verdict"]))


def recheck_file(cert, name):
    """Re-decides a certificate file: every witness, then the check's status:
    holds (consistent) needs every witness to hold (be consistent); fails (is
    violated; inapplicable: a hypothesis refuted) needs at least one witness
    that fails (is violated)."""
    need(isinstance(cert, dict) and cert.get("format") == "basincheck-certificate", "not a certificate")
    if cert.get("version") != VERSION:
        raise Unknown("certificate version %r" % cert.get("version"))
    check, status, ws = field(cert, "check"), field(cert, "status"), field(cert, "witnesses")
    need(name is None or name == "%s.json" % check, "the file name is not the check id")
    need(isinstance(ws, list) and ws, "no witnesses")
    need(status in POSITIVE + NEGATIVE, "status %r is not a decision" % status)
    unknown = None
    for i, w in enumerate(ws):
        try:
            recheck_witness(w)
        except Reject as e:
            raise Reject("witness %d: %s" % (i, e))
        except Unknown as e:
            unknown = unknown or Unknown("witness %d: %s" % (i, e))
    verdicts = [w["verdict"] for w in ws]
    if status in POSITIVE:
        need(all(v in POSITIVE for v in verdicts), "status %s but a witness %s" % (status, "fails"))
    else:
        need(any(v in NEGATIVE for v in verdicts), "status %s but no witness fails" % status)
    if unknown is not None:
        raise unknown
