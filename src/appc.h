/* appc.h -- the data of Appendix C: a one-dimensional sample copied onto
   every coordinate.

   The explicit sample of C.2 is lost from the seed text; this is the
   project's reconstruction (see thm6.tex), kept in one place so that it
   can be corrected.  For a rational eps in (0, 1/2) the one-dimensional
   sample is

       S_1(eps) = {(x_1, y_1), (x_2, y_2)} = {(1, 1), (-1, q)},

   q = sqrt(2 eps) when 2 eps is the square of a rational, otherwise the
   largest k / 2^32 with (k / 2^32)^2 <= 2 eps.  For a single ReLU neuron
   w -> [w x]_+ and the squared loss L(w) = (1/2) sum_t ([w x_t]_+ - y_t)^2
   this has exactly two local minima: w = 1 (value q^2/2 <= eps: the data
   are eps-realizable) and w = -q (value 1/2), and a local maximum at the
   kink w = 0.  The d-dimensional extension maps x_t to x_t e_j for every
   coordinate j (App. C), so every data point has exactly one non-zero
   coordinate: it is singleton data in the sense of Theorem 2. */
#ifndef APPC_H
#define APPC_H

#include <flint/fmpq_mat.h>

#include "bc.h"

#ifdef __cplusplus
extern "C"
{
#endif

/* Denominator exponent of q when sqrt(2 eps) is irrational. */
#define APPC_Q_BITS 32

    /* Sets q to the target y_2 of S_1(eps) (see above) and returns 1 when
   q^2 = 2 eps exactly, 0 when q is the rounded-down value.  eps must be
   a rational in (0, 1/2) (aborts otherwise: a programming error). */
    int appc_target(fmpq_t q, const fmpq_t eps);

    /* Sets x[0..1], y[0..1] to the one-dimensional sample S_1(eps). */
    void appc_sample_1d(fmpq *x, fmpq *y, const fmpq_t eps);

    /* Sets X ((k d) x d, already initialised with that shape) and y (k d
   entries) to the d-dimensional extension of the one-dimensional sample
   (x1[t], y1[t]), t < k: row j k + t of X is x1[t] e_j and its target is
   y1[t].  Any one-dimensional sample may be extended (the controls use
   perturbed ones). */
    void appc_extend(fmpq_mat_t X, fmpq *y, const fmpq *x1, const fmpq *y1, slong k, slong d);

    /* The Appendix C data set in dimension d >= 1: appc_extend of
   S_1(eps); X is 2d x d. */
    void appc_data(fmpq_mat_t X, fmpq *y, const fmpq_t eps, slong d);

#ifdef __cplusplus
}
#endif

#endif
