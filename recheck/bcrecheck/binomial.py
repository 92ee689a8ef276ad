"""Binomial tails, exact or enclosed, and the Clopper-Pearson statements.

P[Bin(N, p) <= k] = sum_{i <= k} C(N, i) p^i (1 - p)^(N - i).  Exactly, for a
rational p = a/b, it is sum C(N, i) a^i (b - a)^(N - i) / b^N in integers.
Enclosed, the terms are summed from the end of the tail away from the mean;
successive terms have the ratio t_(i-1)/t_i = i q / ((N - i + 1) p), which
decreases as i decreases, so once it is r < 1 the rest of the sum is at most
t r / (1 - r) (a geometric series): that bound is added as an interval.
"""
from fractions import Fraction
import math
from math import comb

from mpmath import iv

from .numbers import Unknown, hi, lo, precision, to_iv

EXACT_N = 3000  # exact sums up to this many trials
COMB_N = 50000  # exact binomial coefficients up to this many trials, Stirling above


def bernoulli(count):
    """B_0, ..., B_(count-1) exactly (Akiyama-Tanigawa; B_1 = +1/2, unused)."""
    out, a = [], []
    for m in range(count):
        a.append(Fraction(1, m + 1))
        for j in range(m, 0, -1):
            a[j - 1] = j * (a[j - 1] - a[j])
        out.append(a[0])
    return out


_B = bernoulli(80)


def lnfact(n):
    """Enclosure of ln n!: exact for small n, else Stirling's series
    (n + 1/2) ln n - n + ln(2 pi)/2 + sum_j B_2j / (2j (2j - 1) n^(2j - 1)),
    whose remainder is at most the first omitted term in absolute value."""
    if n < 1000:
        return iv.log(iv.mpf(math.factorial(n))) if n > 1 else iv.mpf(0)
    x = iv.mpf(n)
    s = (x + iv.mpf(1) / 2) * iv.log(x) - x + iv.log(2 * iv.pi) / 2
    goal = Fraction(1, 2 ** (iv.prec + 10))
    for j in range(1, len(_B) // 2 - 1):
        s += to_iv(_B[2 * j]) / (2 * j * (2 * j - 1) * x ** (2 * j - 1))
        rest = abs(_B[2 * j + 2]) / ((2 * j + 2) * (2 * j + 1) * Fraction(n) ** (2 * j + 1))
        if rest < goal:
            break
    return s + iv.mpf([-to_iv(rest).b, to_iv(rest).b])


def _term(N, i, P, Q):
    """Enclosure of C(N, i) P^i Q^(N - i)."""
    if N <= COMB_N:
        return iv.mpf(comb(N, i)) * P ** i * Q ** (N - i)
    with precision(iv.prec + 40):  # the logarithms are large: keep their absolute error small
        e = lnfact(N) - lnfact(i) - lnfact(N - i) + i * iv.log(P) + (N - i) * iv.log(Q)
        return iv.exp(e)


def cdf_exact(N, p, k):
    """P[Bin(N, p) <= k] for a rational p in [0, 1], exactly."""
    if k < 0:
        return Fraction(0)
    if k >= N:
        return Fraction(1)
    a, b = p.numerator, p.denominator
    c = b - a
    if a == 0:
        return Fraction(1)
    if c == 0:
        return Fraction(0)
    total, binom, apow, cpow = 0, 1, 1, c ** N
    for i in range(k + 1):
        total += binom * apow * cpow
        binom = binom * (N - i) // (i + 1)
        apow *= a
        cpow //= c
    return Fraction(total, b ** N)


def _tail(N, P, start, step):
    """Enclosure of sum of t_i for i = start, start + step, ... (step = -1: down
    to 0; +1: up to N), t_i = C(N, i) P^i Q^(N - i), P an interval."""
    Q = 1 - P
    t = _term(N, start, P, Q)
    total, i = t, start
    eps = iv.mpf(2) ** (-(iv.prec + 8))
    while (i > 0) if step < 0 else (i < N):
        r = (i * Q) / ((N - i + 1) * P) if step < 0 else ((N - i) * P) / ((i + 1) * Q)
        if hi(r) is not None and hi(r) < 1:
            rest = t * r / (1 - r)  # every later ratio is at most r
            if hi(rest) is not None and hi(rest) <= hi(eps * total):
                return total + iv.mpf([0, rest.b])
        t = t * r
        total = total + t
        i += step
    return total


def cdf_point(N, p, k):
    """P[Bin(N, p) <= k] for one rational p: exact when N <= EXACT_N, else an
    interval at the current precision."""
    if k < 0:
        return Fraction(0)
    if k >= N:
        return Fraction(1)
    if p <= 0 or p >= 1 or (N <= EXACT_N and N * p.denominator.bit_length() <= 16000):
        return cdf_exact(N, min(max(p, Fraction(0)), Fraction(1)), k)
    P = to_iv(p)
    if k < N * p:
        return _tail(N, P, k, -1)
    return 1 - _tail(N, P, k + 1, +1)


def cdf(N, p, k):
    """P[Bin(N, p) <= k] for p a rational or an enclosure (interval or exact
    endpoints): the tail decreases in p, so it lies between its values at the
    two ends (clamped to [0, 1])."""
    if isinstance(p, Fraction):
        return cdf_point(N, p, k)
    plo, phi = (p if isinstance(p, tuple) else (lo(p), hi(p)))
    if plo is None or phi is None:
        raise Unknown("an unbounded probability")
    plo, phi = max(plo, Fraction(0)), min(phi, Fraction(1))
    if plo == phi:
        return cdf_point(N, plo, k)
    a, b = cdf_point(N, phi, k), cdf_point(N, plo, k)
    return iv.mpf([to_iv(a).a, to_iv(b).b])


def sf(N, p, k):
    """P[Bin(N, p) >= k] = 1 - P[Bin(N, p) <= k - 1]."""
    c = cdf(N, p, k - 1)
    return 1 - c


def _ge(x, a):
    """x >= a for an enclosure x and an exact a: True, False or None."""
    if lo(x) is not None and lo(x) >= a:
        return True
    if hi(x) is not None and hi(x) < a:
        return False
    return None


def upper_ge(N, K, a, b):
    """The exact Clopper-Pearson upper limit u of K successes in N trials at
    tail a (the root of P[Bin(N, u) <= K] = a; u = 1 when K >= N) is >= every
    point of b (b an enclosure, as exact ends): u >= p iff
    P[Bin(N, p) <= K] >= a, the tail decreasing in p.  True, False, None."""
    blo, bhi = b
    if bhi <= 0:
        return True
    if K >= N:
        return True if bhi <= 1 else (False if blo > 1 else None)
    if blo > 1:
        return False
    if _ge(cdf_point(N, min(bhi, Fraction(1)), K), a):
        return True
    if _ge(cdf_point(N, max(blo, Fraction(0)), K), a) is False:
        return False
    return None


def agrees(N, K, a, x):
    """The enclosure x (exact ends, its part in [0, 1]) lies in the exact
    interval [l, u]: True (wholly inside), False (wholly outside), None.
    x >= l iff P[Bin(N, x) >= K] >= a (l = 0 when K = 0); x <= u iff
    P[Bin(N, x) <= K] >= a (u = 1 when K = N)."""
    xlo, xhi = max(x[0], Fraction(0)), min(x[1], Fraction(1))
    above_l = True if K == 0 else _ge(1 - cdf_point(N, xlo, K - 1), a)
    below_u = True if K >= N else _ge(cdf_point(N, xhi, K), a)
    if above_l and below_u:
        return True
    if (K < N and _ge(cdf_point(N, xlo, K), a) is False) or (
            K > 0 and _ge(1 - cdf_point(N, xhi, K - 1), a) is False):
        return False
    return None


def interval_outward(N, K, a, plo, phi):
    """plo <= the exact lower limit l and phi >= the exact upper limit u:
    plo <= l iff P[Bin(N, plo) >= K] <= a; phi >= u iff P[Bin(N, phi) <= K]
    <= a.  True, False or None."""
    ok_lo = True if (K == 0 or plo <= 0) else _le(1 - cdf_point(N, plo, K - 1), a)
    ok_hi = True if (K >= N or phi >= 1) else _le(cdf_point(N, phi, K), a)
    if ok_lo is False or ok_hi is False:
        return False
    return True if ok_lo and ok_hi else None


def _le(x, a):
    if hi(x) is not None and hi(x) <= a:
        return True
    if lo(x) is not None and lo(x) > a:
        return False
    return None


def tail_level(C, F):
    """The per-side level of each of F tests at family-wise confidence C
    (Bonferroni): (1 - C)/(2F), rounded down to a binary64 number (53
    significant bits), as the run states it.  None when it is not a normal
    positive double."""
    q = (1 - C) / (2 * max(F, 1))
    if not 0 < q < 1:
        return None
    e = 0
    while q * 2 ** e < 2 ** 52:
        e += 1
    if e > 1074:
        return None
    return Fraction(int(q * 2 ** e), 2 ** e)


def _sf(N, p, K):
    """P[Bin(N, p) >= K] at one exact p."""
    return 1 - cdf_point(N, p, K - 1) if K > 0 else Fraction(1)


def above_lower(N, K, a, x):
    """Every point of x (exact ends) is >= the exact lower Clopper-Pearson
    limit l of K (l = 0 for K = 0; x >= l iff P[Bin(N, x) >= K] >= a, which
    increases in x): True; every point is below l: False; else None."""
    xlo, xhi = max(x[0], Fraction(0)), min(x[1], Fraction(1))
    if K == 0 or xlo >= 1:
        return True
    if _ge(_sf(N, xlo, K), a):
        return True
    if _ge(_sf(N, xhi, K), a) is False:
        return False
    return None


def below_upper(N, K, a, x):
    """Every point of x is <= the exact upper limit u of K (u = 1 for K = N;
    x <= u iff P[Bin(N, x) <= K] >= a, which decreases in x): True; every
    point is above u: False; else None."""
    xlo, xhi = max(x[0], Fraction(0)), min(x[1], Fraction(1))
    if K >= N or xhi <= 0:
        return True
    if _ge(cdf_point(N, xhi, K), a):
        return True
    if _ge(cdf_point(N, xlo, K), a) is False:
        return False
    return None


def judge_bound(N, K, U, a, b):
    """The test P[E] >= b with U undecided samples: consistent when the upper
    limit of K (undecided counted as failures) is >= b, violated when that
    of K + U (counted as successes) is < b, else undecided; None when the
    precision does not decide."""
    pess, opt = upper_ge(N, K, a, b), upper_ge(N, K + U, a, b)
    if pess:
        return "consistent"
    if opt is False:
        return "violated"
    return "undecided" if pess is False and opt else None


def judge_equal(N, K, U, a, x):
    """The test P[E] = x with U undecided samples: consistent when x lies in
    the interval of every count K + u, 0 <= u <= U (the limits increase with
    the count: x >= l(K + U) and x <= u(K)), violated when it lies in none
    (x < l(K) or x > u(K + U)), else undecided; None when undecided at this
    precision."""
    in_lo, in_hi = above_lower(N, K + U, a, x), below_upper(N, K, a, x)
    if in_lo and in_hi:
        return "consistent"
    out_lo, out_hi = above_lower(N, K, a, x), below_upper(N, K + U, a, x)
    if out_lo is False or out_hi is False:
        return "violated"
    if None in (in_lo, in_hi, out_lo, out_hi):
        return None
    return "undecided"
