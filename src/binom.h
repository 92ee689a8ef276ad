/* binom.h -- rigorous binomial tails and Clopper-Pearson intervals.

   The Monte Carlo checks judge a claim P[E] >= b from N samples with K
   successes.  The exact Clopper-Pearson limits are the solutions p of
   P[Bin(N, p) >= K] = a (lower) and P[Bin(N, p) <= K] = a (upper).  They
   are computed here by bisection on rigorously enclosed tail sums (no
   incomplete-beta routine, which loses accuracy for large N), and the
   returned limits are outward-rounded: lower limit <= exact lower limit,
   upper limit >= exact upper limit, so an interval can only be wider
   than the exact one, never narrower. */
#ifndef BINOM_H
#define BINOM_H

#include "bc.h"

#ifdef __cplusplus
extern "C"
{
#endif

    /* Sets out to an enclosure of P[Bin(N, p) <= k] for a ball p in [0, 1]
   (k >= N gives 1).  Works for N in the millions. */
    void binom_cdf_arb(arb_t out, ulong N, const arb_t p, ulong k, slong prec);

    /* Sets out to an enclosure of P[Bin(N, p) >= k] (k = 0 gives 1). */
    void binom_sf_arb(arb_t out, ulong N, const arb_t p, ulong k, slong prec);

    /* Exact tail for rational p: sets out = P[Bin(N, p) <= k] exactly.
   Intended for N up to a few thousand. */
    void binom_cdf_fmpq(fmpq_t out, ulong N, const fmpq_t p, ulong k);

    /* Clopper-Pearson limits at tail level a in (0, 1/2) for each side
   (a two-sided interval of confidence 1 - 2a).  Sets lo and hi to
   outward-rounded limits: lo <= exact lower limit (0 when K = 0),
   hi >= exact upper limit (1 when K = N); both are within 2^-40 (absolute)
   of the exact limits. */
    void binom_cp_interval(arf_t lo, arf_t hi, ulong N, ulong K, double a);

    /* Decides whether the exact Clopper-Pearson upper limit u at tail level
   a in (0, 1/2) (the root of P[Bin(N, u) <= K] = a; u = 1 when K >= N)
   is at least b, for a ball b: BC_TRUE when u >= every point of b,
   BC_FALSE when u < every point, else BC_UNDECIDED (the ball straddles
   u, or a tail cannot be separated from a by BC_PREC_MAX bits).  Since
   the tail decreases in p, u >= p exactly when P[Bin(N, p) <= K] >= a,
   decided with rigorous tails at the ends of b.  This is the rigorous
   form of "the interval's upper limit reaches b": binom_cp_interval's
   hi is only within 2^-40 of u. */
    truth_t binom_cp_upper_ge(ulong N, ulong K, double a, const arb_t b);
    /* The interval of binom_cp_interval as a new string "[lo, hi]" with
   digits significant digits, rounded outward (free with flint_free). */
    char *binom_cp_str(ulong N, ulong K, double a, slong digits);

    /* Exact two-sided binomial test of K successes in N trials against the
   probability p (a ball in [0, 1]), at level tail per side: BC_TRUE when
   both tails P[Bin(N, p) <= K] and P[Bin(N, p) >= K] are at least tail
   (no evidence against p), BC_FALSE when one of them is below tail,
   else BC_UNDECIDED (p too wide, or a tail equal to tail within the
   precision tried, up to BC_PREC_MAX bits).  *plo, *phi (if not NULL) receive
   upper bounds of the two tails as doubles. */
    truth_t binom_test_two_sided(ulong N, ulong K, const arb_t p, double tail, double *plo, double *phi);
    /* Decides whether the exact value x (a ball enclosing a probability;
   only its part in [0, 1] is used) lies in the exact Clopper-Pearson
   interval [l, u] of K successes in N trials at per-side tail a:
   BC_TRUE when the whole ball is inside, BC_FALSE when it is wholly
   above u or below l, BC_UNDECIDED when it straddles a limit (a
   two-sided agreement test).  Decided like binom_cp_upper_ge, on the
   exact limits.  When lo, hi are not NULL they are set to
   binom_cp_interval's outward limits, for printing. */
    truth_t binom_cp_agrees(arf_t lo, arf_t hi, ulong N, ulong K, double a, const arb_t x);

    /* The agreement test with U undecided samples: K of N samples are
   successes and U more may or may not be.  BC_TRUE when x lies (wholly)
   in the exact Clopper-Pearson interval at per-side tail a of every
   count K + u, 0 <= u <= U; BC_FALSE when it lies in none of them (above
   the upper limit of K + U or below the lower limit of K); else
   BC_UNDECIDED.  U = 0 is binom_cp_agrees.  When lo, hi are not NULL
   they are set to outward limits of the union of the intervals (the
   lower limit of K, the upper limit of K + U).  Aborts when K + U > N. */
    truth_t binom_cp_agrees_range(arf_t lo, arf_t hi, ulong N, ulong K, ulong U, double a, const arb_t x);

#ifdef __cplusplus
}
#endif

#endif
