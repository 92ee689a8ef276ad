"""Numbers of the certificate format and the interval arithmetic used on them.

A value is either exact, a fractions.Fraction, or an interval of mpmath's
interval context (mpmath.iv), whose endpoints are rounded outward by mpmath.
Only the operations of mpmath.libmp.libmpi are used on intervals (+, -, *, /,
integer powers, sqrt, exp, log, sin, cos, pi): those are rigorous.
"""
import contextlib
import re
from fractions import Fraction

from mpmath import iv
from mpmath.libmp import to_rational


class Reject(Exception):
    """The certificate is wrong: malformed, or a claim in it is false."""


class Unknown(Exception):
    """The checker cannot re-decide the certificate (not a rejection)."""


MAX_PREC = 4096  # bits; beyond this an undecided comparison is Unknown


@contextlib.contextmanager
def precision(bits):
    old = iv.prec
    iv.prec = bits
    try:
        yield
    finally:
        iv.prec = old


def precisions():
    p = 64
    while p <= MAX_PREC:
        yield p
        p *= 2


# ---------------------------------------------------------------- parsing

_RATIONAL = re.compile(r"-?(0|[1-9][0-9]*)(/[1-9][0-9]*)?\Z")
_DECIMAL = re.compile(r"-?[0-9]+(\.[0-9]+)?(e[+-]?[0-9]+)?\Z")


def rational(s):
    """An exact rational "p/q" or "p", canonical: lowest terms, q > 1."""
    if not isinstance(s, str) or not _RATIONAL.match(s) or s == "-0":
        raise Reject("not a canonical rational: %r" % (s,))
    q = Fraction(s)
    if "/" in s and (q.denominator == 1 or str(q) != s):
        raise Reject("rational not in lowest terms: %r" % (s,))
    return q


def integer(x, lo=None):
    """A JSON integer (not a boolean), at least lo when given."""
    if not isinstance(x, int) or isinstance(x, bool) or (lo is not None and x < lo):
        raise Reject("expected an integer%s, got %r" % ("" if lo is None else " >= %d" % lo, x))
    return x


def decimal(s):
    if not isinstance(s, str) or not _DECIMAL.match(s):
        raise Reject("not a decimal string: %r" % (s,))
    return Fraction(s)


def ball(obj):
    """{"mid": M, "rad": R} as exact endpoints (lo, hi); None when R is "inf"."""
    if not isinstance(obj, dict) or set(obj) != {"mid", "rad"}:
        raise Reject("not a ball: %r" % (obj,))
    if obj["rad"] == "inf":
        return None
    mid, rad = decimal(obj["mid"]), decimal(obj["rad"])
    if rad < 0:
        raise Reject("negative radius: %r" % (obj,))
    return (mid - rad, mid + rad)


def real(x):
    """A real of the format: a rational string (exact) or a ball (lo, hi)."""
    return rational(x) if isinstance(x, str) else ball(x)


def vector(v, n=None):
    if not isinstance(v, list) or (n is not None and len(v) != n):
        raise Reject("expected a vector of %s rationals" % ("some" if n is None else n))
    return [rational(s) for s in v]


def matrix(M, rows=None, cols=None):
    if not isinstance(M, list) or (rows is not None and len(M) != rows):
        raise Reject("expected a matrix with %s rows" % ("some" if rows is None else rows))
    return [vector(r, cols) for r in M]


def signs(v, n):
    if not isinstance(v, list) or len(v) != n or any(s not in (-1, 1) for s in v):
        raise Reject("expected %d signs in {-1, 1}" % n)
    return v


# -------------------------------------------------------------- intervals

def to_iv(x):
    """An exact value or an interval as an interval (outward rounded)."""
    if isinstance(x, Fraction):
        return iv.mpf(x.numerator) / iv.mpf(x.denominator)
    if isinstance(x, int):
        return iv.mpf(x)
    if isinstance(x, tuple):  # a ball's exact endpoints
        return iv.mpf([to_iv(x[0]).a, to_iv(x[1]).b])
    return x


def lo(x):
    """Exact lower end of a value (a Fraction), None for -inf."""
    if isinstance(x, (Fraction, int)):
        return Fraction(x)
    try:
        return Fraction(*to_rational(x._mpi_[0]))
    except Exception:
        return None


def hi(x):
    if isinstance(x, (Fraction, int)):
        return Fraction(x)
    try:
        return Fraction(*to_rational(x._mpi_[1]))
    except Exception:
        return None


def nonneg(x):
    """x with its negative part cut: for quantities known to be >= 0."""
    x = to_iv(x)
    if hi(x) is not None and hi(x) < 0:
        raise Reject("a quantity known to be >= 0 is enclosed below 0")
    return iv.mpf([0, x.b]) if lo(x) is None or lo(x) < 0 else x


def compare(a, rel, b):
    """Decides a rel b: True, False, or None (the enclosures overlap)."""
    if isinstance(a, (Fraction, int)) and isinstance(b, (Fraction, int)):
        return {"<=": a <= b, "<": a < b, ">=": a >= b, ">": a > b}[rel]
    alo, ahi, blo, bhi = lo(a), hi(a), lo(b), hi(b)
    if rel in (">=", ">"):
        alo, ahi, blo, bhi = blo, bhi, alo, ahi
        rel = "<=" if rel == ">=" else "<"
    if ahi is not None and blo is not None and (ahi < blo or (rel == "<=" and ahi == blo)):
        return True
    if alo is not None and bhi is not None and (alo > bhi or (rel == "<" and alo == bhi)):
        return False
    return None


def agrees(value, recorded):
    """Whether a recorded real (rational or ball) can be the value enclosed by
    `value`: equal when both are exact, else the enclosures intersect (the
    decisions are the checker's own; recorded values are only cross-checked)."""
    if recorded is None:  # an unbounded ball says nothing, and is not wrong
        return True
    if isinstance(recorded, Fraction) and isinstance(value, Fraction):
        return recorded == value
    rlo, rhi = (recorded, recorded) if isinstance(recorded, Fraction) else recorded
    vlo, vhi = lo(value), hi(value)
    return not ((vhi is not None and vhi < rlo) or (vlo is not None and vlo > rhi))
