/* loss.h -- the average loss L(P) of a prediction matrix P (m x k) on a
   data set (Sec. 5 of the paper): squared loss (p - y)^2 summed over the
   k outputs, or cross-entropy with softmax, log sum_j exp(p_j) - p_y.
   Both are convex in P, the only property Thm 1 and Prop 2 use.

   Every function takes P as Arb balls so that the same code serves exact
   values (exact balls), filtered values (a double midpoint with its
   rigorous error as radius) and whole families (a path segment). */
#ifndef LOSS_H
#define LOSS_H

#include "bc.h"
#include "data.h"

#ifdef __cplusplus
extern "C"
{
#endif

    typedef enum
    {
        LOSS_SQUARED = 0,
        LOSS_XENT = 1
    } loss_kind;

    /* "squared" or "xent". */
    const char *loss_name(loss_kind kind);

    /* Sets out to an enclosure of L(P). */
    void loss_value_arb(arb_t out, loss_kind kind, arb_srcptr P, const data_t S, slong prec);

    /* Sets out to an enclosure of L(0): (1/m) sum |y_t|^2, or log k. */
    void loss_zero_arb(arb_t out, loss_kind kind, const data_t S, slong prec);

    /* Sets out to an enclosure of L(P) - L(0), whose sign is the event of
   Prop 1.  For the squared loss it is (1/m) sum_t <p_t, p_t - 2 y_t>,
   computed without cancellation against L(0). */
    void loss_gap_arb(arb_t out, loss_kind kind, arb_srcptr P, const data_t S, slong prec);

    /* Sets out to an enclosure of L(c P). */
    void loss_ray_arb(arb_t out, loss_kind kind, const arb_t c, arb_srcptr P, const data_t S, slong prec);

    /* Floating-point filter for the squared-loss gap.  Given double
   predictions P with rigorous error bounds Perr, sets *gap to the gap
   computed in double and *err to a rigorous bound on its distance from
   the exact gap at the exact predictions.  Returns 1 on overflow. */
    int loss_sq_gap_d(double *gap, double *err, const double *P, const double *Perr, const data_t S);

    /* Decides whether c -> L(c P) is strictly convex (Prop 2's hypothesis):
   squared loss: P != 0; cross-entropy: some row of P is not constant
   (proof of Prop 1, B.2).  Exact for exact balls. */
    truth_t loss_ray_strictly_convex(loss_kind kind, arb_srcptr P, const data_t S);

    /* Decides the sufficient condition for hypothesis (i) of Thm 1 that the
   paper gives (Sec. 5): squared loss: some prediction is non-zero;
   cross-entropy: on some point the correct class is not in the argmax.
   BC_TRUE means certified for every P in the balls. */
    truth_t loss_ray_unbounded(loss_kind kind, arb_srcptr P, const data_t S);

#ifdef __cplusplus
}
#endif

#endif
