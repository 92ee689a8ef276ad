/* net.h -- fully connected ReLU networks of depth h (Sec. 2 of the paper):
   hidden layers O_i = [W_i O_{i-1} + b_i]_+, i = 1..h-1, and a linear
   output layer W_h with no bias.

   Parameters are stored flat so that a path W(lambda) in parameter
   space (Thm 1) is a vector operation: layer i = 1..h, neuron j of that
   layer, its n_{i-1} incoming weights, then (hidden layers only) its
   bias.  One neuron's vector is therefore contiguous, which is the unit
   Assumption 1 draws. */
#ifndef NET_H
#define NET_H

#include "bc.h"
#include "data.h"
#include "loss.h"
#include "rng.h"
#include "sampler.h"

#ifdef __cplusplus
extern "C"
{
#endif

    typedef struct
    {
        slong depth;   /* h >= 1: number of weight layers */
        slong *width;  /* width[0] = d, width[i] = n_i, width[h] = k */
        slong *offset; /* offset[i]: start of layer i+1's block in par */
        slong npar;    /* total number of parameters */
        double *par;   /* the parameters, flat */
    } net_struct;

    typedef net_struct net_t[1];

    /* Initialises a network with depth weight layers and widths
   width[0..depth]; all parameters zero. */
    void net_init(net_t N, slong depth, const slong *width);
    void net_clear(net_t N);
    void net_set(net_t N, const net_t M); /* same shape required */

    /* Number of entries of a neuron vector in layer i (1-based):
   n_{i-1} + 1 for hidden layers, n_{h-1} for the output layer. */
    slong net_neuron_len(const net_t N, slong i);

    /* Pointer to the vector of neuron j (0-based) of layer i (1-based). */
    double *net_neuron(const net_t N, slong i, slong j);

    /* Draws every neuron vector independently from kind with scale (hidden
   and output layers alike), as Assumption 1 prescribes. */
    void net_randomize(net_t N, sampler_kind kind, double scale, rng_t rng);

    /* Multiplies the output layer by c (the rescaling of Thm 1's proof). */
    void net_scale_output(net_t N, double c);

    /* Floating-point filter.  Sets out[0..k-1] to the network's output at x
   computed in double, and err[0..k-1] to rigorous bounds on the distance
   between out and the exact output at the exact (dyadic) parameters and
   input.  The bound follows the standard a-priori analysis of
   recursive summation (|fl(s) - s| <= gamma_n sum |a_i b_i|) propagated
   through the layers, inflated to cover the rounding of the bound itself
   and underflow.  Returns 0 on success, 1 if an intermediate overflowed
   (then out and err are meaningless and callers must escalate). */
    int net_eval_d(double *out, double *err, const net_t N, const double *x, double *work);

    /* Size (in doubles) of the workspace net_eval_d needs. */
    slong net_eval_d_worksize(const net_t N);

/* Points per chunk of net_eval_d_block. */
#define NET_BLOCK_COLS 32

    /* The filter on m points at once (net_eval_block.c).  X holds the
   points as rows (m x d, the layout of data_t); sets out[t k + j] to
   output j at point t computed in double and, when err is not NULL,
   err[t k + j] to a rigorous bound on its distance from the exact output
   at the exact parameters and input.  The points are evaluated
   NET_BLOCK_COLS at a time, layer by layer, as matrix products (each
   weight read once per chunk), and the bound is computed in the same
   pass at O(1) cost per output (Hoelder's inequality with |w|_1 per
   neuron and the maximum activation and error per point, analysis in
   the file); it is looser than net_eval_d's by a small factor (the ratio
   of the largest to the mean activation), so the filter decides a little
   less often, never wrongly.  With err NULL the evaluation is plain
   double (no bound, no exactness: for benchmarks).  work holds
   net_eval_d_block_worksize(N) doubles.  Returns 0 on success, 1 if
   something overflowed (then out and err are meaningless and callers
   must escalate). */
    int net_eval_d_block(double *out, double *err, const net_t N, const double *X, slong m, double *work);

    /* Size (in doubles) of the workspace of net_eval_d_block (any m). */
    slong net_eval_d_block_worksize(const net_t N);

    /* net_eval_d_block by a chosen kernel, for the tests: impl 0 portable C,
   1 AVX2 with FMA (x86-64), -1 the best available.  Returns -1 when impl
   is not available on this build or processor, else as
   net_eval_d_block. */
    int _net_eval_d_block_impl(double *out, double *err, const net_t N, const double *X, slong m,
                               double *work, int impl);

    /* Ball evaluation: sets out[0..k-1] to enclosures of the output of the
   network with width/depth of N but parameters par[0..npar-1] (balls) at
   the input x (balls).  With exact balls and prec = ARF_PREC_EXACT the
   result is exact (ReLU and the ring operations only). */
    void net_eval_arb(arb_ptr out, const net_t N, arb_srcptr par, arb_srcptr x, slong prec);

    /* Sets par[0..npar-1] to the exact parameters of N. */
    void net_get_arb(arb_ptr par, const net_t N);

    /* Hidden activation pattern helper: sets *zero to 1 when, on input x, all
   neurons of the last hidden layer are inactive (output identically
   zero by construction), decided exactly.  For depth 1 it is 0. */
    void net_last_hidden_dead(int *zero, const net_t N, const double *x);

    /* Plain double evaluation of the training objective L_S and its
   gradient with respect to every parameter (backpropagation; at a ReLU
   kink the derivative 0 is used).  Returns the loss value; sets
   grad[0..npar-1].  Unguarded floating point: used only to *find*
   candidate points (e.g. the end point W(1) of Thm 1's path), never to
   decide a verdict.  Implemented in net_grad.c. */
    double net_loss_grad_d(double *grad, const net_t N, loss_kind kind, const data_t S);

#ifdef __cplusplus
}
#endif

#endif
