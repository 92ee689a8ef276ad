/* shallow.h -- the exact objects of a two-layer ReLU network over Q
   (Sec. 4 of the paper, App. A): the network's loss evaluated with its
   ReLUs, the closed basin cell, the variables z_j = v_j w_j, and the
   Hessians of the squared loss on a cell.

   Notation of basin.h: data X (m x d, rows x_t), targets y (m), network
   N(W, v)(x) = sum_j v_j [<w_j, x>]_+ with W n x d and v in Q^n; the cell
   of a basin problem B is fixed by the signs a_{j,t} of <w_j, x_t> and
   b_j of v_j (Def 2).  On the cell the loss is, in z,
       f(z) = |M z - y|^2 / m,   M[t, j d + i] = x_{t,i} if a_{j,t} = +1,
   a convex quadratic (Lemma 3, App. A) with Hessian (2/m) M^T M.

   Everything here is exact and independent of the basin engine's
   algebra (basin.h), so that the engine can be checked against it.
   Aliasing: outputs must not alias inputs (the shapes differ). */
#ifndef SHALLOW_H
#define SHALLOW_H

#include <flint/fmpq_mat.h>

#include "basin.h"
#include "bc.h"

#ifdef __cplusplus
extern "C"
{
#endif

    /* ------------------------------------------- the network (shallow_loss.c) */

    /* Sets p_t = sum_j v_j [<w_j, x_t>]_+ for t < m, the network's
   predictions evaluated directly with its ReLUs (p has m entries). */
    void shallow_net_predict(fmpq *p, const fmpq_mat_t X, const fmpq_mat_t W, const fmpq *v);

    /* Sets L = (1/m) sum_t (p_t - y_t)^2, m >= 1; L may not alias p or y. */
    void shallow_loss_of_pred(fmpq_t L, const fmpq *p, const fmpq *y, slong m);

    /* Sets L = (1/m) sum_t (sum_j v_j [<w_j, x_t>]_+ - y_t)^2, the network's
   squared loss evaluated directly with its ReLUs (no sign pattern
   involved).  X is m x d with m >= 1, W is n x d, v and y have n and m
   entries. */
    void shallow_net_loss(fmpq_t L, const fmpq_mat_t X, const fmpq *y, const fmpq_mat_t W, const fmpq *v);

    /* Returns 1 if (W, v) lies in the closed cell of B: a_{j,t} <w_j, x_t> >= 0
   and b_j v_j >= 0 for all j, t (the closure of a non-empty product of
   open polyhedral cones is the product of the closed cones), else 0.
   W is B->n x B->d, v has B->n entries. */
    int shallow_in_closed_cell(const basin_t B, const fmpq_mat_t W, const fmpq *v);

    /* Sets z_{j d + i} = v_j w_{j,i} (z has n d entries, W is n x d). */
    void shallow_z_of(fmpq *z, const fmpq_mat_t W, const fmpq *v);

    /* ----------------------------------------- the Hessians (shallow_hessian.c) */

    /* Sets M (resized to m x n d) to the design matrix of the cell of B:
   M[t, j d + i] = x_{t,i} if a_{j,t} = +1, else 0, so that the
   predictions on the cell are M z and f(z) = |M z - y|^2 / m. */
    void shallow_design(fmpq_mat_t M, const basin_t B);

    /* Sets H (resized to n d x n d) to (2/m) M^T M, the Hessian of f in z. */
    void shallow_hessian(fmpq_mat_t H, const basin_t B);

    /* Sets H (resized to (n d + n) square) to the Hessian of the squared loss
   in the original parameters theta = (w_1, ..., w_n, v_1, ..., v_n) at
   (W, v), for the ReLUs fixed by the cell of B (valid inside the cell):
   (2/m) sum_t (g_t g_t^T + r_t d^2 r_t), r_t the residual and g_t its
   gradient in theta.  Indefinite in general, which is why the paper
   passes to z (a negative control of Lemma 1 uses it). */
    void shallow_hessian_wv(fmpq_mat_t H, const basin_t B, const fmpq_mat_t W, const fmpq *v);

#ifdef __cplusplus
}
#endif

#endif
