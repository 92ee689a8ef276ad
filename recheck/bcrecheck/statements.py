"""The statements the checker knows by name: inequalities at a point, functions
proved >= 0 over ranges, and Monte Carlo events.  Each is written from the
paper's mathematics; a certificate names one, and the checker evaluates it with
its own definitions (functions.py)."""
from fractions import Fraction

from mpmath import iv

from .functions import (_binom_cdf, _ceil, _int, _sqrt, acos, cap_fraction, omega_ratio, ratio_q,
                        sinpow_integral)
from .numbers import Reject, hi, lo, nonneg, to_iv

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


INEQUALITIES = {
    "thm3.chernoff": (("n", "p", "c"), "<=", lambda P: _chernoff(P, False)),
    "thm3.chernoff_corrected": (("n", "p", "c"), "<=", lambda P: _chernoff(P, True)),
    "claim1.integral": (("d", "theta", "K"), ">=", lambda P: _claim1(P, False)),
    "claim1.cap": (("d", "theta", "K"), ">=", lambda P: _claim1(P, True)),
    "claim3.integral": (("d", "theta"), ">=", _claim3),
    "lemma7.cap_vs_peps": (("r", "rho"), ">=", _lemma7),
}

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


PI = {"fn": "pi"}
HALF_PI = {"fn": "mul", "args": ["1/2", {"fn": "pi"}]}

RANGE_FUNCTIONS = {
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


EVENTS = {
    "uniform_below": {"draws": 1, "law": lambda s, params: [s.uniform()], "params": ("p",),
                      "decide": _uniform_below},
}
