"""The checker's own tests.  Expected values are computed by hand, with
fractions, with mpmath's floating-point context at high precision (not the
interval code under test), or with scipy -- never by the harness.  Every
certificate here is written by hand; each is also falsified and must then be
rejected.

Run: python3 -m unittest discover -s recheck/tests"""
import copy
import os
import sys
import unittest
from fractions import Fraction as F

import mpmath
from mpmath import iv, mp

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from bcrecheck import binomial, functions, kinds, numbers, philox  # noqa: E402
from bcrecheck.numbers import Reject, Unknown  # noqa: E402

try:
    import scipy.stats
except ImportError:  # scipy is optional: its tests are skipped
    scipy = None


def contains(x, value):
    """The interval x contains the mpmath number value."""
    return mp.mpf(x.a) <= value <= mp.mpf(x.b)


class Numbers(unittest.TestCase):
    def test_rationals_are_canonical(self):
        self.assertEqual(numbers.rational("-3/4"), F(-3, 4))
        self.assertEqual(numbers.rational("7"), F(7))
        for bad in ("2/4", "3/1", "-0", "1/0", "01", "1.5", " 1", 3):
            with self.assertRaises(Reject):
                numbers.rational(bad)

    def test_balls(self):
        self.assertEqual(numbers.ball({"mid": "1.5e-1", "rad": "5e-2"}), (F(1, 10), F(1, 5)))
        self.assertIsNone(numbers.ball({"mid": "0", "rad": "inf"}))
        with self.assertRaises(Reject):
            numbers.ball({"mid": "1", "rad": "-1"})

    def test_compare(self):
        with numbers.precision(64):
            third = numbers.to_iv(F(1, 3))
            self.assertTrue(numbers.compare(third, "<", F(1, 2)))
            self.assertFalse(numbers.compare(third, ">=", F(1, 2)))
            self.assertIsNone(numbers.compare(third, "<=", F(1, 3)))
            self.assertTrue(numbers.compare(F(1, 3), "<=", F(1, 3)))


class Philox(unittest.TestCase):
    def test_random123_known_answers(self):
        # Random123 kat_vectors, philox4x32 10 rounds
        cases = [((0, 0, 0, 0), (0, 0), (0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8)),
                 ((0xffffffff,) * 4, (0xffffffff,) * 2, (0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd)),
                 ((0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344), (0xa4093822, 0x299f31d0),
                  (0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1))]
        for ctr, key, want in cases:
            self.assertEqual(philox.philox4x32(ctr, key), want)

    def test_splitmix_and_fnv(self):
        self.assertEqual(philox.splitmix64(0), 0xe220a8397b1dcdaf)  # Vigna's splitmix64, seed 0
        self.assertEqual(philox.stream_id(""), 0xcbf29ce484222325)  # FNV-1a 64 test vectors
        self.assertEqual(philox.stream_id("a"), 0xaf63dc4c8601ec8c)
        self.assertEqual(philox.stream_id("foobar"), 0x85944171f73967e8)

    def test_uniform_and_below(self):
        s = philox.Stream(7, 11, 3)
        words = [s.u32() for _ in range(6)]  # two blocks: counter words 2..3 count blocks
        k = philox.splitmix64(7 ^ philox.splitmix64(11 + 0x632BE59BD9B4E019))
        key = (k & 0xFFFFFFFF, k >> 32)
        self.assertEqual(words[:4], list(philox.philox4x32((3, 0, 0, 0), key)))
        self.assertEqual(words[4:], list(philox.philox4x32((3, 0, 1, 0), key))[:2])
        # binary64: (k + 1/2) 2^-52 with k the top 52 bits, never 0 or 1
        for top, want in ((0, F(1, 2 ** 53)), (2 ** 51 - 1, F(2 ** 52 - 1, 2 ** 53)),
                          (2 ** 52 - 1, F(2 ** 53 - 1, 2 ** 53)), (2 ** 52 - 2, F(2 ** 53 - 3, 2 ** 53))):
            s = philox.Stream(0, 0, 0)
            s.u64 = lambda top=top: (top << 12) | 0xFFF
            self.assertEqual(s.uniform(), want)
        s = philox.Stream(1, 2, 3)
        self.assertTrue(all(0 <= s.below(10) < 10 for _ in range(50)))


class Binomial(unittest.TestCase):
    def test_exact_by_hand(self):
        # P[Bin(10, 1/3) <= 3] = (2^10 + 10 2^9 + 45 2^8 + 120 2^7) / 3^10
        self.assertEqual(binomial.cdf_exact(10, F(1, 3), 3), F(33024, 59049))
        self.assertEqual(binomial.cdf_exact(4, F(1, 2), 0), F(1, 16))
        self.assertEqual(binomial.cdf_exact(4, F(1), 3), 0)

    def test_enclosures(self):
        # the plain sum of the terms in mpmath's floating point at 300 bits (a
        # different algorithm from the checker's geometric tail bounds)
        mp.prec = 300
        for N, p, k in ((20000, F(1, 3), 6500), (20000, F(1, 3), 6800), (60000, F(1, 7), 8000)):
            with numbers.precision(80):
                x = binomial.cdf_point(N, p, k)
            q = mp.mpf(p.numerator) / p.denominator
            terms = [(1 - q) ** N]
            for i in range(k):
                terms.append(terms[-1] * (N - i) / (i + 1) * q / (1 - q))
            ref = mp.fsum(terms)
            self.assertTrue(contains(x, ref), (N, p, k))

    @unittest.skipIf(scipy is None, "scipy not installed")
    def test_clopper_pearson_against_scipy(self):
        N, K, a = 1000, 300, F(1, 1000)
        u = scipy.stats.beta.ppf(1 - float(a), K + 1, N - K)  # exact upper limit, ~1e-15
        l = scipy.stats.beta.ppf(float(a), K, N - K + 1)
        below, above = F(u) - F(1, 10 ** 9), F(u) + F(1, 10 ** 9)
        with numbers.precision(128):
            self.assertTrue(binomial.upper_ge(N, K, a, (below, below)))
            self.assertFalse(binomial.upper_ge(N, K, a, (above, above)))
            self.assertTrue(binomial.agrees(N, K, a, (F(l) + F(1, 10 ** 9), below)))
            self.assertFalse(binomial.agrees(N, K, a, (above, above)))
            self.assertTrue(binomial.interval_outward(N, K, a, F(l) - F(1, 10 ** 9), above))
            self.assertFalse(binomial.interval_outward(N, K, a, F(l) - F(1, 10 ** 9), below))


class Functions(unittest.TestCase):
    def test_sinpow_closed_forms(self):
        mp.prec = 300
        closed = {1: lambda t: 1 - mp.cos(t), 2: lambda t: t / 2 - mp.sin(2 * t) / 4,
                  3: lambda t: mp.mpf(2) / 3 - mp.cos(t) + mp.cos(t) ** 3 / 3}
        for n, f in closed.items():
            for t in (F(1, 1000), F(1, 20), F(1, 3), F(3, 2), F(3)):
                with numbers.precision(64):
                    x = functions.sinpow_integral(n, t)
                self.assertTrue(contains(x, f(mp.mpf(t.numerator) / t.denominator)), (n, t))

    def test_sinpow_large_n(self):
        # I_n(theta) = B(sin^2 theta; (n+1)/2, 1/2) / 2 for theta <= pi/2 (the
        # checker's enclosures are tighter than 2^-400: the reference at 1200 bits)
        mp.prec = 1200
        for n, t in ((38, F(1, 4)), (198, F(1, 1024)), (198, F(1, 15)), (101, F(3, 2))):
            s2 = mp.sin(mp.mpf(t.numerator) / t.denominator) ** 2
            ref = mpmath.betainc(mp.mpf(n + 1) / 2, mp.mpf(1) / 2, 0, s2) / 2
            with numbers.precision(64):
                x = functions.sinpow_integral(n, t)
            self.assertTrue(contains(x, ref), (n, t))
            self.assertLess(mp.mpf(x.b) - mp.mpf(x.a), ref * mp.mpf(2) ** -50)

    def test_special_values(self):
        mp.prec = 200
        with numbers.precision(64):
            self.assertTrue(contains(functions.omega_ratio(2), 1 / mp.pi))  # omega_0/omega_1 = 2/(2 pi)
            self.assertEqual(functions.omega_ratio(3), F(1, 2))  # omega_1/omega_2 = 2 pi/(4 pi)
            for d in (10, 11):  # Gamma(d/2) / (sqrt(pi) Gamma((d-1)/2))
                ref = mp.gamma(mp.mpf(d) / 2) / (mp.sqrt(mp.pi) * mp.gamma(mp.mpf(d - 1) / 2))
                self.assertTrue(contains(numbers.to_iv(functions.omega_ratio(d)), ref))
            self.assertTrue(contains(functions.acos(F(1, 3)), mp.acos(mp.mpf(1) / 3)))
            # the cap of S^2 of angle theta: (1 - cos theta)/2
            self.assertTrue(contains(functions.cap_fraction(3, F(1)), (1 - mp.cos(1)) / 2))
            self.assertTrue(contains(functions.sinpow_integral(4, iv.pi), 3 * mp.pi / 8))
            e = functions.evaluate({"fn": "binom_sf", "args": [10, "1/2", 5]})
            self.assertEqual(e, F(638, 1024))  # 1 - (1 + 10 + 45 + 120 + 210)/1024


def recheck(w):
    """Re-decides one witness; returns "ok" or raises."""
    kinds.recheck_witness(w)
    return "ok"


def falsified(test, w, mutate):
    bad = copy.deepcopy(w)
    mutate(bad)
    with test.assertRaises(Reject):
        kinds.recheck_witness(bad)


class Witnesses(unittest.TestCase):
    def test_psd(self):
        # [[4, 2], [2, 3]] = L D L^T with L = [[1, 0], [1/2, 1]], D = [4, 2] (by hand)
        w = {"kind": "psd", "version": 1, "verdict": "holds", "property": "pd", "n": 2,
             "matrix": [["4", "2"], ["2", "3"]], "perm": [0, 1], "L": [["1", "0"], ["1/2", "1"]], "D": ["4", "2"]}
        self.assertEqual(recheck(w), "ok")
        falsified(self, w, lambda w: w["D"].__setitem__(1, "3"))
        falsified(self, w, lambda w: w.__setitem__("perm", [1, 0]))  # swapped pivots
        falsified(self, w, lambda w: w.__setitem__("verdict", "fails"))
        # [[1, 2], [2, 1]]: x = (1, -1) gives 1 - 4 + 1 = -2
        w = {"kind": "psd", "version": 1, "verdict": "fails", "property": "psd", "n": 2,
             "matrix": [["1", "2"], ["2", "1"]], "vector": ["1", "-1"], "value": "-2"}
        self.assertEqual(recheck(w), "ok")
        falsified(self, w, lambda w: w.__setitem__("vector", ["1", "1"]))

    def test_basin(self):
        # one neuron, one point x = 1, a = b = +1: Bas = min_{z >= 0} (z - y)^2
        # y = -1: the minimum 1 at z = 0; dual r = e = 1, mu = 1 (r x = mu s x),
        # lower = (|y|^2 - |y + r|^2)/m = 1
        w = {"kind": "basin", "version": 1, "verdict": "holds", "loss": "squared", "n": 1, "m": 1, "d": 1,
             "X": [["1"]], "y": ["-1"], "a": [[1]], "b": [1], "z": [["0"]], "r": ["1"], "mu": [["1"]],
             "lower": "1", "upper": "1", "exact": True}
        self.assertEqual(recheck(w), "ok")
        falsified(self, w, lambda w: w["mu"][0].__setitem__(0, "2"))  # stationarity
        falsified(self, w, lambda w: w.__setitem__("upper", "2"))
        falsified(self, w, lambda w: w["z"][0].__setitem__(0, "-1"))  # outside the cone
        falsified(self, w, lambda w: w["mu"][0].pop())  # a dropped constraint
        cmp = dict(w, compare={"rel": "<=", "rhs": "1/2"}, verdict="fails")  # Bas = 1 > 1/2
        self.assertEqual(recheck(cmp), "ok")
        falsified(self, cmp, lambda w: w.__setitem__("verdict", "holds"))

    def test_critical(self):
        # x = y = w = v = 1: residual 0, gradient 0, Hessian 2 (v x, w x)(v x, w x)^T
        w = {"kind": "critical", "version": 1, "verdict": "holds", "function": "relu2", "claim": "second_order",
             "X": [["1"]], "y": ["1"], "W": [["1"]], "v": ["1"], "gradient": ["0", "0"],
             "hessian": {"matrix": [["2", "2"], ["2", "2"]], "perm": [0, 1], "L": [["1", "0"], ["1", "1"]],
                         "D": ["2", "0"]}}
        self.assertEqual(recheck(w), "ok")
        strict = dict(w, claim="strict_local_min", verdict="fails",
                      hessian={"matrix": [["2", "2"], ["2", "2"]], "vector": ["1", "-1"], "value": "0"})
        self.assertEqual(recheck(strict), "ok")
        falsified(self, w, lambda w: w["y"].__setitem__(0, "2"))  # the gradient is no longer 0
        falsified(self, w, lambda w: w["W"][0].__setitem__(0, "0"))  # on a cell boundary

    def test_binomial_and_cp(self):
        w = {"kind": "binomial", "version": 1, "verdict": "holds", "tail": "cdf", "N": 10, "p": "1/3", "k": 3,
             "value": "11008/19683"}
        self.assertEqual(recheck(w), "ok")
        falsified(self, w, lambda w: w.__setitem__("k", 4))
        # N = 1, K = 0, a = 1/4: the upper limit solves 1 - u = 1/4, u = 3/4
        cp = {"kind": "clopper_pearson", "version": 1, "verdict": "holds", "statement": "upper_ge", "N": 1,
              "K": 0, "a": "1/4", "b": "7/10"}
        self.assertEqual(recheck(cp), "ok")
        self.assertEqual(recheck(dict(cp, b="4/5", verdict="fails")), "ok")
        falsified(self, cp, lambda w: w.__setitem__("b", "4/5"))
        iv_ = {"kind": "clopper_pearson", "version": 1, "verdict": "holds", "statement": "interval", "N": 1,
               "K": 0, "a": "1/4", "lo": "0", "hi": "3/4"}
        self.assertEqual(recheck(iv_), "ok")
        falsified(self, iv_, lambda w: w.__setitem__("hi", "7/10"))

    def test_inequality(self):
        # Thm 3 at n = 1, p = 1/2, c = 2: N = 4, P[Bin(4, 1/2) < 1] = 1/16 <= exp(-1/2)
        w = {"kind": "inequality", "version": 1, "verdict": "holds", "name": "thm3.chernoff",
             "point": {"n": "1", "p": "1/2", "c": "2"}, "rel": "<=", "lhs_value": "1/16",
             "rhs_value": {"mid": "6.065306597126334e-1", "rad": "1e-15"}}
        self.assertEqual(recheck(w), "ok")
        falsified(self, w, lambda w: w.__setitem__("verdict", "fails"))
        falsified(self, w, lambda w: w.__setitem__("lhs_value", "1/8"))
        falsified(self, w, lambda w: w.__setitem__("rel", ">="))
        # n = 1, p = 1/2, c = 2: N = 4, P[Bin(4, 1/2) = 0] = 1/16; the
        # multiplicative bound exp(-(c-1)^2 n/(2c)) = exp(-1/4) = 0.7788...,
        # exp(-cn/8) = exp(-1/4), and at rate 2: exp(-4) = 0.0183... < 1/16
        for name, extra, verdict, rhs in (("thm3.chernoff_mult", {}, "holds", "7.788007830714049e-1"),
                                          ("thm3.chernoff_eighth", {}, "holds", "7.788007830714049e-1"),
                                          ("thm3.chernoff_rate", {"kappa": "2"}, "fails",
                                           "1.831563888873418e-2")):
            pt = dict({"n": "1", "p": "1/2", "c": "2"}, **extra)
            m = {"kind": "inequality", "version": 1, "verdict": verdict, "name": name, "point": pt, "rel": "<=",
                 "lhs_value": "1/16", "rhs_value": {"mid": rhs, "rad": "1e-15"}}
            self.assertEqual(recheck(m), "ok", name)
            falsified(self, m, lambda w: w.__setitem__("verdict", "holds" if verdict == "fails" else "fails"))
        e = {"kind": "inequality", "version": 1, "verdict": "holds", "lhs": {"fn": "exp", "args": ["-1"]},
             "rel": "<", "rhs": "1/2", "lhs_value": {"mid": "3.67879e-1", "rad": "1e-6"}, "rhs_value": "1/2"}
        self.assertEqual(recheck(e), "ok")

    def test_ratio_statements(self):
        # R(2) = 1/pi, R(3) = 1/2, R(4) = 2/pi (Gamma(2)/(sqrt(pi) Gamma(3/2)) = 2/pi)
        w = {"kind": "inequality", "version": 1, "verdict": "holds", "name": "claims.ratio_monotone",
             "point": {"d": "2", "K": "1"}, "rel": "<", "lhs_value": {"mid": "0.318309886183790671", "rad": "1e-15"},
             "rhs_value": "1/2"}
        self.assertEqual(recheck(w), "ok")
        # K = 2: 2/pi = 0.6366 > 1/2
        bad = dict(w, verdict="fails", point={"d": "2", "K": "2"},
                   lhs_value={"mid": "0.636619772367581343", "rad": "1e-15"})
        self.assertEqual(recheck(bad), "ok")
        falsified(self, bad, lambda w: w.__setitem__("verdict", "holds"))
        # every d = 2, 3: 1/pi < 1/2 < 2/pi, two of two; Wendel's upper bound at
        # d = 2: 1/pi <= sqrt(1/(2 pi)) = 0.3989
        for name in ("claims.ratio_monotone_all", "claims.wendel_upper_all"):
            a = {"kind": "inequality", "version": 1, "verdict": "holds", "name": name,
                 "point": {"dmax": "3", "K": "1"}, "rel": ">=", "lhs_value": "2", "rhs_value": "2"}
            self.assertEqual(recheck(a), "ok", name)
            falsified(self, a, lambda w: w.__setitem__("lhs_value", "1"))

    def test_union_statements(self):
        # by brute force over every sign of v_i and w_ij (fair, independent):
        # a point needing v > 0 is covered by a neuron with v_i > 0 and
        # w_i active on it; singleton coordinate j has S_j^+ (active when
        # w_ij > 0) and S_j^- (active when w_ij < 0)
        import itertools
        from bcrecheck.statements import INEQUALITIES

        def brute(n, needs):  # needs: per point, (required sign of v, active sign of w, coordinate)
            dims = 1 + max(c for _, _, c in needs)
            bad = total = 0
            for bits in itertools.product((1, -1), repeat=n * (dims + 1)):
                v, w = bits[:n], [bits[n + i * dims:n + (i + 1) * dims] for i in range(n)]
                total += 1
                bad += any(not any(v[i] == sv and w[i][c] == sw for i in range(n)) for sv, sw, c in needs)
            return F(bad, total)
        for n, m in ((1, 1), (2, 2), (3, 2), (2, 3)):
            worst = max(brute(n, [(1 if t < mp else -1, 1, t) for t in range(m)]) for mp in range(m + 1))
            got = INEQUALITIES["thm4.union_orth"][2]({"n": F(n), "m": F(m), "factor": F(m),
                                                      "q": F(3, 4)})
            self.assertEqual(got[0], worst, (n, m))
        for n, d in ((1, 1), (2, 1), (3, 1), (2, 2)):
            cases = []
            for same in range(d + 1):
                needs = []
                for j in range(d):
                    needs += [(1, 1, j), (1, -1, j)] if j < same else [(1, 1, j), (-1, -1, j)]
                cases.append(brute(n, needs))
            got = INEQUALITIES["thm2.union_singleton"][2]({"n": F(n), "d": F(d),
                                                           "factor": F(2 * d), "q": F(3, 4)})
            self.assertEqual(got[0], max(cases), (n, d))

    def test_claim3_band(self):
        # d = 2: F_2(theta) = theta/pi, so band_2(alpha) = 2 alpha/pi = 2 alpha R(2):
        # h = 0 identically; d = 3: F_3(theta) = (1 - cos theta)/2, band_3 = sin alpha,
        # R(3) = 1/2, h = alpha - sin alpha >= 0 (by hand)
        from bcrecheck.statements import RANGE_FUNCTIONS
        f = RANGE_FUNCTIONS["lemma8.claim3_band"]
        v = f["value"](2, F(1, 4), F(1, 2), F(2))
        self.assertTrue(numbers.lo(v) <= 0 <= numbers.hi(v))
        v = f["value"](3, F(1), F(1), F(2))
        self.assertTrue(abs(float(numbers.lo(v)) - (1 - 0.8414709848078965)) < 1e-12)

    def test_thm6_statements(self):
        # S_1 = {(1, 1), (-1, q)}, q = 1/2 (eps = 1/8), by hand: w > 0 gives
        # ((w - 1)^2 + 1/4)/2, minimum 1/8 at w = 1; w < 0 gives (1 + (w + 1/2)^2)/2,
        # minimum 1/2 at w = -1/2; at 0 both sides decrease away from 0: a maximum
        from bcrecheck.statements import INEQUALITIES
        P = {"x1": F(1), "x2": F(-1), "y1": F(1), "y2": F(1, 2), "q": F(1, 2), "dmax": F(5)}
        self.assertEqual(INEQUALITIES["thm6.landscape"][2](P), (F(1), F(1)))
        self.assertEqual(INEQUALITIES["thm6.minima_products"][2](P), (F(5), F(5)))
        self.assertEqual(INEQUALITIES["thm6.minima_count"][2](P), (F(5), F(5)))
        # y_2 = -1/2: w < 0 gives (1 + (w - 1/2)^2)/2, decreasing towards 0: one minimum
        Q = dict(P, y2=F(-1, 2))
        self.assertEqual(INEQUALITIES["thm6.landscape"][2](Q), (F(0), F(1)))
        self.assertEqual(INEQUALITIES["thm6.minima_count"][2](Q), (F(0), F(5)))

    def test_range(self):
        # Claim 3 at d = 2: h = (pi/2 - theta) - pi/2 + theta = 0 identically, with
        # h' = 1 - cos^0 = 0: proved only by monotonicity from h(0) = 0
        half_pi = {"fn": "mul", "args": ["1/2", {"fn": "pi"}]}
        w = {"kind": "range", "version": 1, "verdict": "holds", "function": "claim3.integral", "params": {},
             "domain": ["0", half_pi], "par_range": [2, 2],
             "boxes": [{"par": 2, "lo": "0", "hi": "1", "by": "increasing", "enc": {"mid": "0", "rad": "1e-30"}},
                       {"par": 2, "lo": "1", "hi": half_pi, "by": "increasing",
                        "enc": {"mid": "0", "rad": "1e-30"}}]}
        self.assertEqual(recheck(w), "ok")
        falsified(self, w, lambda w: w["boxes"].pop())  # the range is not covered
        falsified(self, w, lambda w: w["boxes"][1].__setitem__("lo", "9/10"))  # overlap
        # Claim 1 with K = 11/10 at d = 3: h(1/8) = (1 - cos) - (11/20) sin^2 < 0
        mp.prec = 100
        t = mp.mpf(1) / 8
        h = (1 - mp.cos(t)) - mp.mpf(11) / 20 * mp.sin(t) ** 2
        self.assertLess(h, 0)
        c = {"kind": "range", "version": 1, "verdict": "fails", "function": "claim1.integral",
             "params": {"K": "11/10"}, "domain": ["0", {"fn": "pi"}], "par_range": [3, 3],
             "counterexample": {"par": 3, "x": "1/8", "value": {"mid": mpmath.nstr(h, 15, strip_zeros=False)
                                                                .replace("e", "e"), "rad": "1e-12"}}}
        self.assertEqual(recheck(c), "ok")
        falsified(self, c, lambda w: w["params"].__setitem__("K", "1"))  # then h(1/8) > 0

    def test_montecarlo(self):
        # 200 samples of u < 1/2 on the checker's own Philox (validated above)
        seed, stream, N = 5, "unit.test", 200
        sid = philox.stream_id(stream)
        draws = [philox.Stream(seed, sid, i).uniform() for i in range(N)]
        outcomes = "".join("1" if u < F(1, 2) else "0" for u in draws)
        spot_sid = philox.stream_id("cert.spot/" + stream)
        spots = [philox.Stream(seed, spot_sid, j).below(N) for j in range(4)]
        w = {"kind": "montecarlo", "version": 1, "verdict": "consistent", "rng": "philox4x32-10",
             "seed": str(seed), "stream": stream, "stream_id": str(sid), "samples": N,
             "successes": outcomes.count("1"), "undecided": 0, "a": "1/1000", "bound": "2/5",
             "event": {"name": "uniform_below", "params": {"p": "1/2"}}, "outcomes": outcomes,
             "spot_stream": "cert.spot/" + stream,
             "spot": [{"index": i, "draws": [str(draws[i])]} for i in spots]}
        self.assertEqual(recheck(w), "ok")
        # a rate near 1/2 from 200 samples: P >= 9/10 is violated at any usual level
        self.assertEqual(recheck(dict(w, bound="9/10", verdict="violated")), "ok")
        falsified(self, w, lambda w: w.__setitem__("seed", str(seed + 1)))
        falsified(self, w, lambda w: w.__setitem__("successes", w["successes"] + 1))
        falsified(self, w, lambda w: w["spot"][0].__setitem__("draws", ["1/3"]))
        falsified(self, w, lambda w: w.__setitem__("stream_id", "1"))
        # an event the checker does not know: not re-checkable, not a rejection
        with self.assertRaises(Unknown):
            kinds.recheck_witness(dict(w, event={"name": "unknown_event", "params": {}}))

    def test_file_combination(self):
        psd = {"kind": "psd", "version": 1, "verdict": "fails", "property": "psd", "n": 2,
               "matrix": [["1", "2"], ["2", "1"]], "vector": ["1", "-1"], "value": "-2"}
        cert = {"format": "basincheck-certificate", "version": 1, "check": "x.y", "claim": "c",
                "status": "fails", "expected": "fails", "seed": "1", "witnesses": [psd]}
        kinds.recheck_file(cert, "x.y.json")
        with self.assertRaises(Reject):
            kinds.recheck_file(dict(cert, status="holds"), "x.y.json")
        with self.assertRaises(Reject):
            kinds.recheck_file(cert, "z.json")  # the file name is the check id
        with self.assertRaises(Unknown):
            kinds.recheck_file(dict(cert, witnesses=[dict(psd, kind="novel")]), None)


if __name__ == "__main__":
    unittest.main()
