"""The statements the checker knows by name: inequalities at a point, functions
proved >= 0 over ranges, and Monte Carlo events.  Each is written from the
paper's mathematics; a certificate names one, and the checker evaluates it with
its own definitions (functions.py)."""
from fractions import Fraction

from mpmath import iv

from .functions import (_binom_cdf, _ceil, _int, _sqrt, acos, cap_fraction, omega_ratio, ratio_q,
                        sinpow_integral)
from .numbers import Reject, Unknown, compare, hi, lo, nonneg, to_iv

# ---------------------------------------------------- named inequalities
# name -> (parameters, rel, function of the point returning (lhs, rhs))


def _chernoff(P, corrected):
    """Thm 3 (B.5): N = c ceil(n / p) neurons (rounded up), Z ~ Bin(N, p):
    P[Z < n] <= exp(-c n / 4) as stated, or exp(-n (c - 1 - ln c)) (the
    multiplicative Chernoff bound with mean c n)."""
    n, p, c = _int(P["n"], 1), P["p"], P["c"]
    if not (0 < p <= 1 and c > 0):
        raise Reject("thm3.chernoff: need 0 < p <= 1 and c > 0")
    N = int(_ceil(c * _ceil(Fraction(n) / p)))
    lhs = _binom_cdf(N, p, n - 1)
    e = -n * (to_iv(c) - 1 - iv.log(to_iv(c))) if corrected else to_iv(-c * n / 4)
    return lhs, iv.exp(e)


def _chernoff_form(P, form):
    """The same tail P[Bin(N, p) < n], N = ceil(c ceil(n / p)), against the
    multiplicative Chernoff bounds at mean mu >= c n (Thm 3's corrections):
    delta = 1 - 1/c gives exp(-delta^2 mu / 2) <= exp(-(c - 1)^2 n / (2 c)),
    delta = 1/2 gives exp(-mu / 8) <= exp(-c n / 8); or the stated form with
    a rate kappa of the caller's: exp(-kappa c n)."""
    n, p, c = _int(P["n"], 1), P["p"], P["c"]
    if not (0 < p <= 1 and c > 0):
        raise Reject("thm3 Chernoff forms: need 0 < p <= 1 and c > 0")
    N = int(_ceil(c * _ceil(Fraction(n) / p)))
    lhs = _binom_cdf(N, p, n - 1)
    if form == "mult":
        e = -(c - 1) ** 2 * n / (2 * c)
    elif form == "eighth":
        e = -c * n / 8
    else:
        e = -P["kappa"] * c * n
    return lhs, iv.exp(to_iv(e))


def _lemma7_peps(r, rho):
    """Lemma 7's p_eps = (sqrt(rho) sqrt(1 - rho/4))^(r-1) / (2 pi (r - 1))."""
    return to_iv(_sqrt(rho * (1 - rho / 4))) ** (r - 1) / (2 * iv.pi * (r - 1))


def _thm3_width_tail(P):
    """Theorem 3 (B.5) at rank r and rho = eps/(nB)^2: the width N =
    ceil(c ceil(n / p_eps)) (p_eps of Lemma 7) and the tail P[Bin(N, p) < k]
    of the good neurons, p = p_eps (exact = 0) or the exact per-neuron
    probability F_r(theta)/2 with cos theta = 1 - rho/2 (exact = 1), against
    exp(-c n kappa).  While the enclosure of n / p_eps straddles an integer,
    the sides are left open (the precision rises)."""
    r, n, k = _int(P["r"], 2), _int(P["n"], 1), _int(P["k"], 0)
    rho, c, kappa, ex = P["rho"], P["c"], P["kappa"], P["exact"]
    if not (0 < rho <= 4 and c > 0 and ex in (0, 1)):
        raise Reject("thm3.width_tail: need 0 < rho <= 4, c > 0, exact 0 or 1")
    q = n / _lemma7_peps(r, rho)
    a, b = lo(q), hi(q)
    fa = a.numerator // a.denominator
    if fa != b.numerator // b.denominator or fa == a:
        return iv.mpf([0, 1]), iv.mpf([0, 1])
    N = int(_ceil(c * (fa + 1)))
    if N > 10 ** 7:
        raise Unknown("thm3.width_tail: N above 10^7")
    p = cap_fraction(r, acos(1 - rho / 2)) / 2 if ex == 1 else _lemma7_peps(r, rho)
    lhs = Fraction(0) if k == 0 else _binom_cdf(N, p, k - 1)
    return lhs, iv.exp(-to_iv(c * n * kappa))


def _claim1(P, cap):
    """Claim 1 (B.5): int_0^theta sin^(d-2) >= K sin^(d-1)(theta)/(d-1), and
    for the cap fraction F_d(theta) >= K sin^(d-1)(theta)/(pi (d-1))."""
    d, theta, K = _int(P["d"], 2), P["theta"], P["K"]
    lhs = cap_fraction(d, theta) if cap else sinpow_integral(d - 2, theta)
    rhs = to_iv(K) * nonneg(iv.sin(to_iv(theta))) ** (d - 1) / (d - 1)
    return lhs, (rhs / iv.pi if cap else rhs)


def _claim3(P):
    """Claim 3 (B.7): int_0^(pi/2 - theta) sin^(d-2) >= omega_(d-1)/(2 omega_(d-2)) - theta."""
    d, theta = _int(P["d"], 2), P["theta"]
    lhs = sinpow_integral(d - 2, iv.pi / 2 - to_iv(theta))
    return lhs, 1 / (2 * to_iv(omega_ratio(d))) - to_iv(theta)


def _lemma7(P):
    """Lemma 7 (B.5, reconstructed): F_r(theta)/2 >= p_eps with
    cos theta = 1 - rho/2 and p_eps = (sqrt(rho) sqrt(1 - rho/4))^(r-1) / (2 pi (r - 1))."""
    r, rho = _int(P["r"], 2), P["rho"]
    if not 0 < rho <= 4:
        raise Reject("lemma7: need 0 < rho <= 4")
    lhs = to_iv(cap_fraction(r, acos(1 - rho / 2))) / 2
    base = rho * (1 - rho / 4)
    peps = to_iv(_sqrt(base)) ** (r - 1) / (2 * iv.pi * (r - 1))
    return lhs, peps


def _covered(n, K, pos_pts, neg_pts, same_pts=0):
    """Theorems 2 and 4 (B.4, B.6), conditioned on K = #{i : v_i > 0} of n
    neurons whose activity signs on the points are independent fair coins
    (orthogonal or singleton data, Assumption 1): a point needing v > 0 is
    covered unless all K such neurons are inactive on it (1 - 2^-K), one
    needing v < 0 likewise with n - K; a singleton coordinate whose two sets
    both need v > 0 needs among the K neurons one with w_j > 0 and one with
    w_j < 0: 1 - 2 * 2^-K for K >= 1, and 0 for K = 0."""
    one = lambda k: 1 - Fraction(1, 2 ** k)
    both = 1 - Fraction(2, 2 ** K) if K >= 1 else Fraction(0)
    return one(K) ** pos_pts * one(n - K) ** neg_pts * both ** same_pts


def _uncovered(n, terms):
    """1 - E_K[P(all covered | K)], K ~ Bin(n, 1/2)."""
    from math import comb
    return 1 - sum(comb(n, K) * terms(K) for K in range(n + 1)) / Fraction(2 ** n)


def _served(n, p, q, r):
    """Thm 4 (B.6) on orthogonal data: the exact probability that each of p
    points needing a neuron with v > 0 active on it, q needing v < 0, and r
    needing any active neuron, is served by one of n i.i.d. neurons
    (Assumption 1): given K neurons with v > 0, activations are independent
    fair coins: (1 - 2^-K)^p (1 - 2^-(n-K))^q (1 - 2^-n)^r."""
    return 1 - _uncovered(n, lambda K: _covered(n, K, p, q) * (1 - Fraction(1, 2 ** n)) ** r)


def _orth_counts(P, *keys):
    out = [_int(P[k], 0) for k in keys]
    if out[0] < 1 or out[0] > 200 or sum(out[1:]) > 400:
        raise Unknown("thm4 orthogonal statements: n <= 200, at most 400 points")
    return out


def _orth_bound(P):
    """P[every point served] against the theorem's 1 - m c^n."""
    n, p, q, r = _orth_counts(P, "n", "p", "q", "r")
    return _served(n, p, q, r), 1 - P["m"] * P["c"] ** n


def _orth_vs(P):
    """P[every point served] for two need profiles (p1, q1, r1), (p2, q2, r2)."""
    n, p1, q1, r1, p2, q2, r2 = _orth_counts(P, "n", "p1", "q1", "r1", "p2", "q2", "r2")
    return _served(n, p1, q1, r1), _served(n, p2, q2, r2)


def _union_orth(P):
    """Thm 4 (B.6) on orthogonal data x_t = e_t, t = 1..m: the worst, over the
    number of positive targets, probability that some point has no good
    neuron, against factor * q^n."""
    n, m = _int(P["n"], 1), _int(P["m"], 1)
    if n > 200 or m > 200:
        raise Unknown("thm4.union_orth: n, m <= 200")
    worst = max(_uncovered(n, lambda K: _covered(n, K, mp, m - mp)) for mp in range(m + 1))
    return worst, P["factor"] * P["q"] ** n


def _union_singleton(P):
    """Thm 2 (B.4) on singleton data in R^d with both S_j^+ and S_j^- non-empty
    for every j: the worst, over the number of coordinates whose two sets
    need the same output sign (taken v > 0), probability that some set has no
    good neuron; a coordinate whose sets need opposite signs needs one
    neuron in each sign class active on it."""
    n, d = _int(P["n"], 1), _int(P["d"], 1)
    if n > 200 or d > 200:
        raise Unknown("thm2.union_singleton: n, d <= 200")
    worst = max(_uncovered(n, lambda K: _covered(n, K, d - s, d - s, s)) for s in range(d + 1))
    return worst, P["factor"] * P["q"] ** n


def _landscape(x, y):
    """Lemma 6.A (App. C, reconstructed): L(w) = (1/2) sum_t ([w x_t]_+ - y_t)^2
    is L(0) + (a+/2) w^2 - b+ w for w > 0 and L(0) + (a-/2) w^2 - b- w for
    w < 0, a+- = sum x_t^2, b+- = sum x_t y_t over x_t > 0 (x_t < 0).  Returns
    (strict isolated minima as [(w, L(w))], flat piece?, kink: "max", "min",
    "neither" or "none")."""
    L = lambda w: sum((max(w * a, Fraction(0)) - b) ** 2 for a, b in zip(x, y)) / 2
    ap = sum(a * a for a in x if a > 0)
    bp = sum(a * b for a, b in zip(x, y) if a > 0)
    an = sum(a * a for a in x if a < 0)
    bn = sum(a * b for a, b in zip(x, y) if a < 0)
    mins, flat = [], ap == 0 or an == 0
    if ap > 0 and bp / ap > 0:
        mins.append(bp / ap)
    if an > 0 and bn / an < 0:
        mins.append(bn / an)
    # right of 0, L - L(0) = (a+/2) w^2 - b+ w: increasing near 0 when b+ < 0
    # (or b+ = 0 < a+); left of 0, L - L(0) = (a-/2) w^2 - b- w with w < 0:
    # increasing away from 0 when b- > 0 (or b- = 0 < a-)
    up_r = bp < 0 or (bp == 0 and ap > 0)
    up_l = bn > 0 or (bn == 0 and an > 0)
    down_r, down_l = bp > 0, bn < 0
    if all(a == 0 for a in x):
        kink = "none"
    elif up_r and up_l:
        kink = "min"
        mins.append(Fraction(0))
    elif down_r and down_l:
        kink = "max"
    else:
        kink = "neither"
    return sorted((w, L(w)) for w in mins), flat, kink


def _s1(P):
    return [P["x1"], P["x2"]], [P["y1"], P["y2"]], P["q"]


def _thm6_landscape(P):
    """Thm 6's one-dimensional claim on the sample (x, y): exactly two local
    minima, both strict, w = -q with value 1/2 and w = 1 with value q^2/2, no
    flat piece, the kink w = 0 a local maximum.  Sides: (1 if so else 0, 1)."""
    x, y, q = _s1(P)
    mins, flat, kink = _landscape(x, y)
    ok = not flat and kink == "max" and mins == [(-q, Fraction(1, 2)), (Fraction(1), q * q / 2)]
    return Fraction(int(ok)), Fraction(1)


def _thm6_products(P):
    """Lemma 6.B: L_d(w) = (1/d) sum_j L_1(w_j), so every point of {1, -q}^d is
    a strict local minimum of L_d exactly when 1 and -q are strict local
    minima of L_1, and then its value is ((d - k) L_1(1) + k L_1(-q))/d.  For
    d = 1..dmax: the number of d at which every such point (k coordinates
    at -q, k = 0..d) is a strict minimum with value eps' + (k/d)(1/2 - eps'),
    eps' = q^2/2, against dmax."""
    x, y, q = _s1(P)
    dmax = _int(P["dmax"], 1)
    mins = dict(_landscape(x, y)[0])
    epsp, held = q * q / 2, 0
    if 1 in mins and -q in mins and 1 != -q:
        for d in range(1, dmax + 1):
            held += all(((d - k) * mins[1] + k * mins[-q]) / d == epsp + Fraction(k, d) * (Fraction(1, 2) - epsp)
                        for k in range(d + 1))
    return Fraction(held), Fraction(dmax)


def _thm6_count(P):
    """Lemma 6.B: when L_1 has no flat piece and only strict minima, the local
    minima of L_d are the products of those of L_1: nmin^d of them.  The
    number of d = 1..dmax at which that count is 2^d, against dmax."""
    x, y = [P["x1"], P["x2"]], [P["y1"], P["y2"]]
    dmax = _int(P["dmax"], 1)
    mins, flat, kink = _landscape(x, y)
    if flat:
        raise Unknown("thm6.minima_count: a flat piece (a continuum of minima)")
    return Fraction(sum(len(mins) ** d == 2 ** d for d in range(1, dmax + 1))), Fraction(dmax)


# The Gamma ratio R(d) = omega_(d-2)/omega_(d-1) (functions.ratio_q): Claim 1's
# monotonicity (B.5), Wendel's bounds (d-1)/sqrt(2 pi d) <= R(d) <= sqrt((d-1)/(2 pi))
# and Claim 3's R(d+1) = omega_(d-1)/omega_d <= sqrt(d/(2 pi)) (B.7), each with
# a constant K: name -> (relation, sides at d).
_R_CACHE = {}


def _R(d):
    key = (d, iv.prec)
    if key not in _R_CACHE:
        if len(_R_CACHE) > 50000:
            _R_CACHE.clear()
        _R_CACHE[key] = to_iv(omega_ratio(d))
    return _R_CACHE[key]


RATIO = {
    "claims.ratio_monotone": ("<", lambda d, K: (to_iv(K) * _R(d), _R(d + 1))),
    "claims.wendel_lower": ("<=", lambda d, K: (to_iv(K) * (d - 1) / iv.sqrt(2 * iv.pi * d), _R(d))),
    "claims.wendel_upper": ("<=", lambda d, K: (_R(d), to_iv(K) * iv.sqrt((d - 1) / (2 * iv.pi)))),
    "claims.claim3_ratio": ("<=", lambda d, K: (_R(d + 1), to_iv(K) * iv.sqrt(d / (2 * iv.pi)))),
}


def _ratio_at(name):
    def sides(P):
        d, K = _int(P["d"], 2), P["K"]
        return RATIO[name][1](d, K)
    return sides


def _exact_ratio_sides(name, d, K):
    """The inequality at d as A pi^a rel B pi^b with exact A, B > 0 (squared
    for Wendel's bounds and Claim 3, every side being positive), from
    R(d) = q_d / pi (d even) or q_d (d odd)."""
    q = lambda e: ratio_q(e)[0]
    ev = lambda e: 1 if e % 2 == 0 else 0
    if name == "claims.ratio_monotone":
        return K * q(d), -ev(d), q(d + 1), -ev(d + 1)
    if name == "claims.wendel_lower":  # K^2 (d-1)^2 <= 2 pi d R(d)^2
        return K * K * (d - 1) ** 2, 0, 2 * d * q(d) ** 2, 1 - 2 * ev(d)
    if name == "claims.wendel_upper":  # R(d)^2 <= K^2 (d-1) / (2 pi)
        return q(d) ** 2, -2 * ev(d), K * K * (d - 1) / 2, -1
    return q(d + 1) ** 2, -2 * ev(d + 1), K * K * d / 2, -1  # R(d+1)^2 <= K^2 d / (2 pi)


def _ratio_all(name):
    """For every d = 2..dmax: the left side is the number of d at which the
    inequality holds (an interval of counts while some d is undecided at the
    working precision), the right side dmax - 1.  Each d is decided in exact
    rationals with pi between two rationals (the ends of iv.pi)."""
    def sides(P):
        dmax, K = _int(P["dmax"], 2), P["K"]
        if dmax > 20000 or K <= 0:
            raise Unknown("ratio statements: need dmax <= 20000 and K > 0")
        rel = RATIO[name][0]
        pl, ph = lo(iv.pi), hi(iv.pi)
        held = open_ = 0
        for d in range(2, dmax + 1):
            A, a, B, b = _exact_ratio_sides(name, d, K)
            # A pi^a rel B pi^b  <=>  A pi^(-e) rel B pi^(e) split so both powers are >= 0
            e = b - a
            ka, kb = max(0, -e), max(0, e)
            alo, ahi, blo, bhi = A * pl ** ka, A * ph ** ka, B * pl ** kb, B * ph ** kb
            if ahi < blo or (rel == "<=" and ahi == blo):
                held += 1
            elif not (alo > bhi or (rel == "<" and alo == bhi)):
                open_ += 1
        lhs = Fraction(held) if open_ == 0 else iv.mpf([held, held + open_])
        return lhs, Fraction(dmax - 1)
    return sides


INEQUALITIES = {
    "thm3.chernoff": (("n", "p", "c"), "<=", lambda P: _chernoff(P, False)),
    "thm3.chernoff_corrected": (("n", "p", "c"), "<=", lambda P: _chernoff(P, True)),
    "thm3.chernoff_mult": (("n", "p", "c"), "<=", lambda P: _chernoff_form(P, "mult")),
    "thm3.chernoff_eighth": (("n", "p", "c"), "<=", lambda P: _chernoff_form(P, "eighth")),
    "thm3.chernoff_rate": (("n", "p", "c", "kappa"), "<=", lambda P: _chernoff_form(P, "rate")),
    "claim1.integral": (("d", "theta", "K"), ">=", lambda P: _claim1(P, False)),
    "claim1.cap": (("d", "theta", "K"), ">=", lambda P: _claim1(P, True)),
    "claim3.integral": (("d", "theta"), ">=", _claim3),
    "lemma7.cap_vs_peps": (("r", "rho"), ">=", _lemma7),
    "thm6.landscape": (("x1", "x2", "y1", "y2", "q"), ">=", _thm6_landscape),
    "thm6.minima_products": (("x1", "x2", "y1", "y2", "q", "dmax"), ">=", _thm6_products),
    "thm6.minima_count": (("x1", "x2", "y1", "y2", "dmax"), ">=", _thm6_count),
    "thm4.union_orth": (("n", "m", "factor", "q"), "<=", _union_orth),
    "thm4.orth_served": (("n", "p", "q", "r", "m", "c"), ">=", _orth_bound),
    "thm4.orth_served_at_most": (("n", "p", "q", "r", "m", "c"), "<=", _orth_bound),
    "thm4.orth_served_vs": (("n", "p1", "q1", "r1", "p2", "q2", "r2"), ">=", _orth_vs),
    "thm3.width_tail": (("r", "rho", "n", "k", "c", "kappa", "exact"), "<=", _thm3_width_tail),
    "thm2.union_singleton": (("n", "d", "factor", "q"), "<=", _union_singleton),
}
for _name in RATIO:
    INEQUALITIES[_name] = (("d", "K"), RATIO[_name][0], _ratio_at(_name))
    INEQUALITIES[_name + "_all"] = (("dmax", "K"), ">=", _ratio_all(_name))

# ------------------------------------------------------ range functions
# h(theta) >= 0 over a domain for every integer d of a range.  value(d, A, B,
# K) encloses h on the box [A, B] (A, B intervals enclosing the ends),
# deriv(d, A, B, K) encloses h' there.  touch_lo: h = 0 at the domain's
# lower end, for every d (a fact of the mathematics, not of the certificate).


def _box(A, B):
    return iv.mpf([to_iv(A).a, to_iv(B).b])


def _claim1_value(cap):
    def value(d, A, B, K):
        # L = int_0^theta sin^(d-2) (times R(d) for the cap) increases, so it
        # lies in [L(A), L(B)]; the bound K sin^(d-1)/(d-1) is enclosed on the box
        L = (lambda t: cap_fraction(d, t)) if cap else (lambda t: sinpow_integral(d - 2, t))
        bound = to_iv(K) * nonneg(iv.sin(_box(A, B))) ** (d - 1) / (d - 1)
        return _box(L(A), L(B)) - (bound / iv.pi if cap else bound)
    return value


def _claim1_deriv(cap):
    def deriv(d, A, B, K):
        # h' = sin^(d-2) (1 - K cos), or sin^(d-2) (R(d) - K cos/pi) for the cap,
        # with 1 - cos = 2 sin^2(theta/2) and the constant part exact
        X = _box(A, B)
        if cap:
            q, over_pi = ratio_q(d)
            const = to_iv(q - K) / iv.pi if over_pi else to_iv(q) - to_iv(K) / iv.pi
            if over_pi and q == K:
                const = iv.mpf(0)
            g = const + 2 * to_iv(K) * iv.sin(X / 2) ** 2 / iv.pi
        else:
            g = to_iv(1 - K) + 2 * to_iv(K) * iv.sin(X / 2) ** 2
        return nonneg(iv.sin(X)) ** (d - 2) * g
    return deriv


def _claim3_value(d, A, B, K):
    # h = J(pi/2 - theta) + theta - 1/(2 R(d)), J increasing: on [A, B]
    # h lies in [J(pi/2 - B) + A, J(pi/2 - A) + B] - 1/(2 R(d))
    c = 1 / (2 * to_iv(omega_ratio(d)))
    low = sinpow_integral(d - 2, iv.pi / 2 - to_iv(B)) + to_iv(A)
    high = sinpow_integral(d - 2, iv.pi / 2 - to_iv(A)) + to_iv(B)
    return _box(low, high) - c


def _claim3_deriv(d, A, B, K):
    # h' = 1 - cos^(d-2), cos in [0, 1] on [0, pi/2]
    C = iv.cos(_box(A, B))
    C = _box(max(lo(C), Fraction(0)), min(hi(C), Fraction(1)))
    return 1 - C ** (d - 2)


def _band(d, A):
    """band_d(alpha) = 1 - 2 F_d(pi/2 - alpha) at an interval A of angles."""
    return 1 - 2 * to_iv(cap_fraction(d, iv.pi / 2 - to_iv(A)))


def _c3band_value(d, A, B, K):
    # h = K alpha R(d) - band_d(alpha), band increasing in alpha: on [A, B]
    # h lies in [K A R - band(B), K B R - band(A)]
    R = to_iv(omega_ratio(d))
    low = to_iv(K) * to_iv(A) * R - _band(d, B)
    high = to_iv(K) * to_iv(B) * R - _band(d, A)
    return _box(low, high)


def _c3band_deriv(d, A, B, K):
    # h' = R(d) (K - 2 cos^(d-2) alpha), cos in [0, 1] on [0, pi/2]
    C = iv.cos(_box(A, B))
    C = _box(max(lo(C), Fraction(0)), min(hi(C), Fraction(1)))
    return to_iv(omega_ratio(d)) * (to_iv(K) - 2 * C ** (d - 2))


PI = {"fn": "pi"}
HALF_PI = {"fn": "mul", "args": ["1/2", {"fn": "pi"}]}

RANGE_FUNCTIONS = {
    # Claim 3 of B.7 on the band (Lemma 8): h = K alpha R(d) - band_d(alpha) on
    # [0, pi/2], band_d(alpha) = 1 - 2 F_d(pi/2 - alpha); h(0) = 0 (half the sphere)
    "lemma8.claim3_band": {"params": ("K",), "domain": ("0", HALF_PI), "dmin": 2, "touch_lo": True,
                           "value": _c3band_value, "deriv": _c3band_deriv},
    # Claim 1: h = I_(d-2)(theta) - K sin^(d-1)(theta)/(d-1) on [0, pi]; h(0) = 0
    "claim1.integral": {"params": ("K",), "domain": ("0", PI), "dmin": 2, "touch_lo": True,
                        "value": _claim1_value(False), "deriv": _claim1_deriv(False)},
    # Claim 1 on caps: h = F_d(theta) - K sin^(d-1)(theta)/(pi (d-1)); h(0) = 0
    "claim1.cap": {"params": ("K",), "domain": ("0", PI), "dmin": 2, "touch_lo": True,
                   "value": _claim1_value(True), "deriv": _claim1_deriv(True)},
    # Claim 3: h = I_(d-2)(pi/2 - theta) - 1/(2 R(d)) + theta on [0, pi/2];
    # h(0) = I_(d-2)(pi/2) - 1/(2 R(d)) = 0 (half the sphere)
    "claim3.integral": {"params": (), "domain": ("0", HALF_PI), "dmin": 2, "touch_lo": True,
                        "value": _claim3_value, "deriv": _claim3_deriv},
}

# ----------------------------------------------------- Monte Carlo events
# name -> (number of draws, law of the draws from a Stream or None when the
# checker cannot re-derive them, decision of the event from the draws and
# the parameters: True, False, or None for undecidable)


def _uniform_below(draws, params):
    """One uniform u on (0, 1) (Stream.uniform); the event u < p."""
    (u,) = draws
    return u < params["p"]


def _negatives_at_least(draws, params):
    """Theorem 6's event (App. C, Lemma 6.C): the single neuron's weight w (d
    draws) starts in a basin at least c/2 above the optimum exactly when K,
    its number of negative coordinates, is at least k = ceil(d/4)."""
    return sum(1 for x in draws if x < 0) >= params["k"]


EVENTS = {
    "uniform_below": {"draws": 1, "law": lambda s, params: [s.uniform()], "params": ("p",),
                      "decide": _uniform_below},
    # the law of w is one of Assumption 1's samplers (Gaussian, sphere, ball,
    # Cauchy radius): the checker has no independent implementation of them,
    # so only the recorded draws are re-decided (level 1)
    "negatives_at_least": {"draws": "d", "law": None, "params": ("d", "k"), "decide": _negatives_at_least},
}
