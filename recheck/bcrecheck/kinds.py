"""One re-decider per kind of witness (docs/certificates.md), and the
combination of a file's witnesses into the check's verdict.

Each re-decider reads a witness, raises Reject when it is malformed or a claim
in it is false, raises Unknown when the checker cannot decide it, and else
returns the verdict it re-decided ("holds", "fails", "consistent",
"violated"), which must be the witness's own.
"""
import random
from fractions import Fraction

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
            need(len(draws) == E["draws"], "sample %d: expected %d draws" % (i, E["draws"]))
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


# ------------------------------------------------------------ the files

KINDS = {"psd": psd, "basin": basin, "critical": critical, "binomial": binomial_tail,
         "clopper_pearson": clopper_pearson, "inequality": inequality, "range": range_proof,
         "montecarlo": montecarlo}
POSITIVE, NEGATIVE = ("holds", "consistent"), ("fails", "violated")


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
    violated) needs at least one witness that fails (is violated)."""
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
