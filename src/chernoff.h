/* chernoff.h -- rigorous enclosures of the classical exponential tail
   bounds for sums of independent Bernoulli (or [0, 1]-valued) variables.

   Every function encloses the VALUE of a bound, as an Arb ball, from
   exact (or ball) inputs; it does not decide anything.  A bound is only a
   bound when its hypotheses hold, so each function first decides its
   hypotheses on the input balls and returns

     BC_TRUE       the hypotheses hold for every point of the input balls,
                   and out encloses the bound;
     BC_FALSE      they fail (out is set to 1, the trivial bound, so that
                   out is still a valid upper bound of any probability);
     BC_UNDECIDED  the balls are too wide to tell (out is set to 1 as
                   well: the trivial bound is valid for any probability).

   In every case out is a valid upper bound of the probability in the
   statement, so a caller comparing "tail <= out" can never be misled;
   the truth value tells whether the non-trivial form was used.

   Notation: X = X_1 + ... + X_N with the X_i independent, mu = E[X].

   (KL)   Relative-entropy (Chernoff-Hoeffding) form.  X ~ Bin(N, p),
          0 <= k <= N p, with D(a || p) = a ln(a/p) + (1-a) ln((1-a)/(1-p)):
              P[X <= k] <= exp(-N D(k/N || p)).
          (Hoeffding 1963, Thm 1; the exponent is the large-deviation
          rate, so the bound is tight up to a polynomial factor.)

   (POI)  Poisson form, valid for ANY independent Bernoulli X_i with
          E X = mu and 0 <= k <= mu:
              P[X <= k] <= exp(-(mu - k + k ln(k/mu)))
                         = exp(-mu h(k/mu)),  h(x) = x ln x - x + 1.
          It follows from (KL) via D(a || p) >= p h(a/p) (ln x >= 1 - 1/x);
          with k = n, mu >= c n (c >= 1) it gives exp(-n (c - 1 - ln c)).

   (MULT) Multiplicative form, any independent Bernoulli X_i, 0 <= delta <= 1:
              P[X <= (1 - delta) mu] <= exp(-delta^2 mu / 2).
          (Follows from (POI) since h(1 - delta) >= delta^2 / 2.)

   (HOEF) Hoeffding, X_i independent with values in [0, 1], t >= 0:
              P[X <= mu - t] <= exp(-2 t^2 / N).

   All four also bound P[X < k'] for an integer k' via k = k' - 1 (for
   integer-valued X the events X < k' and X <= k' - 1 coincide). */
#ifndef CHERNOFF_H
#define CHERNOFF_H

#include "bc.h"

#ifdef __cplusplus
extern "C"
{
#endif

    /* Encloses D(a || p) for balls 0 <= a <= 1, 0 < p < 1 (a ln(a/p) read
       as 0 at a = 0, (1-a) ln(...) as 0 at a = 1).  Returns BC_TRUE when
       the domain is decided, else out is indeterminate. */
    truth_t chernoff_kl_div(arb_t out, const arb_t a, const arb_t p, slong prec);

    /* (KL): out >= P[Bin(N, p) <= k] as exp(-N D(k/N || p)) when
       0 <= k <= N p (decided on the ball p, 0 < p < 1). */
    truth_t chernoff_kl_lower(arb_t out, ulong N, const arb_t p, ulong k, slong prec);

    /* (POI): out >= P[X <= k] as exp(-(mu - k + k ln(k / mu))) when
       0 <= k <= mu. */
    truth_t chernoff_poisson_lower(arb_t out, const arb_t mu, const arb_t k, slong prec);

    /* (MULT): out >= P[X <= (1 - delta) mu] as exp(-delta^2 mu / 2) when
       0 <= delta <= 1 and mu >= 0. */
    truth_t chernoff_mult_lower(arb_t out, const arb_t mu, const arb_t delta, slong prec);

    /* (HOEF): out >= P[X <= mu - t] as exp(-2 t^2 / N) when t >= 0, N >= 1. */
    truth_t hoeffding_lower(arb_t out, ulong N, const arb_t t, slong prec);

    /* The three bounds applied to the event X < K for X ~ Bin(N, p):
       k = K - 1, mu = N p, delta = 1 - k / mu, t = mu - k.  K = 0 is the
       empty event (every bound is 0, returns BC_TRUE). */
    truth_t chernoff_binom_below_kl(arb_t out, ulong N, const arb_t p, ulong K, slong prec);
    truth_t chernoff_binom_below_mult(arb_t out, ulong N, const arb_t p, ulong K, slong prec);
    truth_t hoeffding_binom_below(arb_t out, ulong N, const arb_t p, ulong K, slong prec);

#ifdef __cplusplus
}
#endif

#endif
