"""The checker's own definitions: an expression language over exact rationals
and intervals, the special functions of the paper's claims, the named
inequalities, and the functions proved over ranges.  Written from the
mathematics (Safran & Shamir 2016, App. B), not from the harness.

An expression is a rational string ("3/4"), a JSON integer, or
{"fn": NAME, "args": [expression, ...]} with NAME one of FUNCTIONS.
"""
from fractions import Fraction

import mpmath
from mpmath import iv

from . import binomial
from .numbers import Reject, Unknown, compare, hi, lo, nonneg, precision, rational, to_iv


def exact(*xs):
    return all(isinstance(x, Fraction) for x in xs)


def _int(x, least=None):
    if isinstance(x, int) and not isinstance(x, bool):
        x = Fraction(x)
    if not (isinstance(x, Fraction) and x.denominator == 1) or (least is not None and x < least):
        raise Reject("expected an integer argument%s" % ("" if least is None else " >= %d" % least))
    return int(x)


# ------------------------------------------------------------- arithmetic

def _add(*xs):
    return sum(xs, Fraction(0)) if exact(*xs) else sum((to_iv(x) for x in xs), iv.mpf(0))


def _mul(*xs):
    out = Fraction(1) if exact(*xs) else iv.mpf(1)
    for x in xs:
        out = out * (x if exact(*xs) else to_iv(x))
    return out


def _div(a, b):
    if exact(a, b):
        if b == 0:
            raise Reject("division by zero")
        return a / b
    if lo(to_iv(b)) is not None and lo(to_iv(b)) <= 0 <= hi(to_iv(b)):
        raise Unknown("a divisor enclosure contains 0")
    return to_iv(a) / to_iv(b)


def _pow(a, k):
    k = _int(k)
    return a ** k if isinstance(a, Fraction) else to_iv(a) ** k


def _sqrt(a):
    if isinstance(a, Fraction) and a >= 0:
        p, q = mpmath.libmp.isqrt(a.numerator), mpmath.libmp.isqrt(a.denominator)
        if p * p == a.numerator and q * q == a.denominator:
            return Fraction(p, q)
    if hi(to_iv(a)) is not None and hi(to_iv(a)) < 0:
        raise Reject("square root of a negative number")
    return iv.sqrt(nonneg(a))


def _log(a):
    if hi(to_iv(a)) is not None and hi(to_iv(a)) <= 0:
        raise Reject("logarithm of a non-positive number")
    return iv.log(to_iv(a))


def _floor(a):
    if not isinstance(a, Fraction):
        raise Reject("floor of an inexact number")
    return Fraction(a.numerator // a.denominator)


def _ceil(a):
    if not isinstance(a, Fraction):
        raise Reject("ceil of an inexact number")
    return Fraction(-((-a.numerator) // a.denominator))


# ------------------------------------------------------ special functions

def ratio_q(d):
    """R(d) = omega_{d-2}/omega_{d-1} = Gamma(d/2) / (sqrt(pi) Gamma((d-1)/2))
    is q_d / pi for even d and q_d for odd d, with q_2 = 1, q_3 = 1/2 and
    q_d = q_{d-2} (d - 2)/(d - 3) (Gamma(x + 1) = x Gamma(x)).  Returns
    (q_d, d even)."""
    par = d % 2
    e0, q = par + 2, Fraction(1) if par == 0 else Fraction(1, 2)
    c = d - (d - par) % 64  # the values at e = par mod 64 are kept, and the last one
    if c in _RATIO_Q:
        e0, q = c, _RATIO_Q[c]
    last = _RATIO_LAST.get(par)
    if last is not None and e0 <= last[0] <= d:
        e0, q = last
    for e in range(e0 + 2, d + 1, 2):
        q = q * (e - 2) / (e - 3)
        if e % 64 == par:
            _RATIO_Q[e] = q
    _RATIO_LAST[par] = (d, q)
    return q, d % 2 == 0


_RATIO_Q, _RATIO_LAST = {}, {}  # the statements over d = 2..10^4 walk up


def omega_ratio(d):
    q, over_pi = ratio_q(_int(d, 2))
    return to_iv(q) / iv.pi if over_pi else q


_CACHE = {}


def sinpow_integral(n, theta):
    """I_n(theta) = int_0^theta sin^n for theta in [0, pi] (of an interval, its
    part in [0, pi]: angles come from the domains of the statements).  At an
    exact angle: for theta <= 1/16 the series
    sum_k (1/2)_k/k! s^(n+2k+1)/(n+2k+1) in s = sin(theta) (from t = sin x,
    dx = dt / sqrt(1 - t^2)): positive terms, successive ratios at most s^2,
    so the rest after a term T is at most T s^2/(1 - s^2); else the recursion
    I_n = -sin^(n-1) cos / n + (n-1)/n I_(n-2), I_0 = theta,
    I_1 = 1 - cos = 2 sin^2(theta/2), with 4 n + 20 extra bits (its
    cancellation loses about log2(I_0/I_n) <= n log2(1/sin theta) + log2 n
    bits, and sin theta >= 1/17 there).  Over an interval, I_n increases:
    it lies between its values at the ends, I_n(pi) = 2 W_n (Wallis)."""
    n = _int(n, 0)
    if isinstance(theta, Fraction):
        if theta < 0 or compare(theta, ">", iv.pi) is not False:
            raise Reject("an angle outside [0, pi]: %s" % theta)
        return theta if n == 0 else _point(n, theta)
    T = to_iv(theta)
    a, b = max(lo(T), Fraction(0)), hi(T)
    if n == 0:
        return _box(a, b)
    pi_lo = lo(iv.pi)
    return _box(_point(n, a) if a < pi_lo else 2 * wallis(n), _point(n, b) if b < pi_lo else 2 * wallis(n))


def wallis(n):
    """W_n = int_0^(pi/2) sin^n: W_0 = pi/2, W_1 = 1, W_n = (n-1)/n W_(n-2)."""
    q = Fraction(1)
    for k in range(n, 1, -2):
        q = q * (k - 1) / k
    return to_iv(q) * iv.pi / 2 if n % 2 == 0 else q


def _point(n, a):
    key = (n, a, iv.prec)
    if key not in _CACHE:
        if len(_CACHE) > 100000:
            _CACHE.clear()
        if a <= Fraction(1, 16):
            _CACHE[key] = _series(n, to_iv(a))
        else:
            with precision(iv.prec + 4 * n + 20):
                _CACHE[key] = _recursion(n, to_iv(a))
    return _CACHE[key]


def _box(x, y):
    return iv.mpf([to_iv(x).a, to_iv(y).b])


def _series(n, T):
    s = nonneg(iv.sin(T))
    if hi(s) == 0:
        return iv.mpf(0)
    s2 = s * s
    coef, power, total = iv.mpf(1), s ** (n + 1), iv.mpf(0)
    eps = iv.mpf(2) ** (-(iv.prec + 8))
    k = 0
    while True:
        term = coef * power / (n + 1 + 2 * k)
        total += term
        rest = term * s2 / (1 - s2)
        if hi(rest) <= hi(eps * total):
            return total + iv.mpf([0, rest.b])
        k += 1
        coef = coef * (k - iv.mpf(1) / 2) / k
        power = power * s2


def _recursion(n, T):
    s, c = nonneg(iv.sin(T)), iv.cos(T)
    before, last = T, 2 * iv.sin(T / 2) ** 2  # I_0, I_1
    spow = s  # sin^(k-1) for k = 2
    for k in range(2, n + 1):
        before, last = last, -spow * c / k + to_iv(Fraction(k - 1, k)) * before
        spow = spow * s
    return nonneg(last)


def acos(c):
    """arccos c for c in [-1, 1], enclosed by verification: cos decreases on
    [0, pi], so theta lies in [t1, t2] when cos t1 >= c >= cos t2."""
    C = to_iv(c)
    if lo(C) < -1 or hi(C) > 1:
        raise Reject("arccos outside [-1, 1]")
    if isinstance(c, Fraction) and c == 1:
        return Fraction(0)
    if isinstance(c, Fraction) and c == -1:
        return iv.pi
    with mpmath.workprec(iv.prec + 20):
        guess = mpmath.acos(mpmath.mpf(lo(C).numerator) / lo(C).denominator)
        guess2 = mpmath.acos(mpmath.mpf(hi(C).numerator) / hi(C).denominator)
    for widen in range(4, 40, 8):
        delta = iv.mpf(2) ** (widen - iv.prec)
        t1, t2 = to_iv(iv.mpf(guess2)) - delta, to_iv(iv.mpf(guess)) + delta
        if lo(t1) >= 0 and hi(t2) <= hi(iv.pi) and lo(iv.cos(t1)) >= hi(C) and hi(iv.cos(t2)) <= lo(C):
            return iv.mpf([t1.a, t2.b])
    raise Unknown("arccos not verified")


def cap_fraction(d, theta):
    """F_d(theta) = R(d) I_(d-2)(theta): the fraction of S^(d-1) within the
    angle theta of a point."""
    d = _int(d, 2)
    return _mul(omega_ratio(d), sinpow_integral(Fraction(d - 2), theta))


def _binom_cdf(N, p, k):
    N, k = _int(N, 0), _int(k)
    return binomial.cdf(N, p if isinstance(p, Fraction) else (lo(p), hi(p)), k)


def _binom_sf(N, p, k):
    return 1 - _binom_cdf(N, p, k - 1)


FUNCTIONS = {
    "add": _add, "sub": lambda a, b: _add(a, -b if isinstance(b, Fraction) else -to_iv(b)),
    "mul": _mul, "div": _div, "neg": lambda a: -a, "pow": _pow, "sqrt": _sqrt,
    "exp": lambda a: iv.exp(to_iv(a)), "log": _log, "sin": lambda a: iv.sin(to_iv(a)),
    "cos": lambda a: iv.cos(to_iv(a)), "pi": lambda: iv.pi, "floor": _floor, "ceil": _ceil,
    "acos": acos, "omega_ratio": omega_ratio, "sinpow_integral": sinpow_integral,
    "cap_fraction": cap_fraction, "binom_cdf": _binom_cdf, "binom_sf": _binom_sf,
}


def evaluate(e):
    """The value of an expression: a Fraction, or an interval at the current
    precision."""
    if isinstance(e, str):
        return rational(e)
    if isinstance(e, int) and not isinstance(e, bool):
        return Fraction(e)
    if isinstance(e, dict) and set(e) <= {"fn", "args"} and e.get("fn") in FUNCTIONS:
        args = e.get("args", [])
        if not isinstance(args, list):
            raise Reject("expression arguments must be a list")
        try:
            return FUNCTIONS[e["fn"]](*[evaluate(a) for a in args])
        except TypeError:
            raise Reject("wrong number of arguments to %s" % e["fn"])
    raise Reject("not an expression: %r" % (e,))
