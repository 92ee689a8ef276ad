/* ldl.h -- the exact symmetric LDL^T factorisation over Q with diagonal
   pivoting, and the positive-semidefiniteness test it decides.

   Convexity on a basin cell reduces to a constant Hessian being positive
   semidefinite (Lemma 3, App. A; the single-neuron minima of App. C need
   it positive definite), decided here without rounding.  The test is
   written independently of the basin engine's algebra (basin.h).

   The factorisation: at each step the first remaining index (in H's
   order) with a positive diagonal entry of the current Schur complement
   is the pivot p; with A_pp > 0, A is PSD iff A / A_pp is (the congruence
   [1 0; -A_qp/A_pp I] splits A into A_pp (+) Schur).  A negative
   diagonal entry of a Schur complement, or a zero diagonal with a
   non-zero entry S_ij (the 2 x 2 principal minor 0 * S_jj - S_ij^2 < 0),
   proves indefiniteness; a Schur complement with zero diagonal and zero
   off-diagonal is the zero matrix, hence PSD.

   The result keeps the factors, so that a certificate of either answer
   can be written from it:
     perm   the order of elimination: perm[k] is the index of H eliminated
            at step k, k < rank; then the indices not eliminated, in
            increasing order;
     L      n x n unit lower triangular in that order: for k < rank,
            L[i][k] = S_{perm[i], perm[k]} / S_{perm[k], perm[k]} (i > k)
            with S the Schur complement at step k; columns k >= rank are
            those of the identity;
     D      n entries: D[k] the pivot of step k for k < rank, 0 after.
   When H is PSD, P H P^T = L diag(D) L^T exactly, (P H P^T)_{kl} =
   H_{perm[k], perm[l]}.  When it is not, the first rank columns are
   those of the steps made, and H_22 - L_21 diag(D_1) L_21^T is the Schur
   complement in which the offending entry (i, j) was found. */
#ifndef LDL_H
#define LDL_H

#include <flint/fmpq_mat.h>

#include "bc.h"

#ifdef __cplusplus
extern "C"
{
#endif

/* the answer of ldl_psd */
#define LDL_PSD 0        /* positive semidefinite */
#define LDL_NEG_DIAG 1   /* a diagonal entry of a Schur complement is < 0 */
#define LDL_ZERO_PIV 2   /* all remaining diagonal entries 0, an off-diagonal entry not */
#define LDL_NOT_SQUARE 3 /* not a symmetric square matrix */

    typedef struct
    {
        int reason;    /* LDL_* */
        slong rank;    /* number of positive pivots (the rank when PSD) */
        slong step;    /* elimination step at which indefiniteness was found, or -1 */
        slong i, j;    /* original indices of the offending entry (i = j for NEG_DIAG), or -1 */
        fmpq_t minpiv; /* smallest positive pivot (0 if none) */
        fmpq_t bad;    /* the offending Schur complement entry (0 if none) */
        /* the factors (see above), for symmetric square H; n = 0 and L
           0 x 0 after LDL_NOT_SQUARE */
        slong n;      /* order of H */
        slong *perm;  /* n: the elimination order */
        fmpq_mat_t L; /* n x n unit lower triangular */
        fmpq *D;      /* n: the pivots */
        slong alloc;  /* entries allocated in perm and D */
    } ldl_struct;

    typedef ldl_struct ldl_t[1];

    /* Initialises F as the factorisation of the empty matrix (PSD, rank 0). */
    void ldl_init(ldl_t F);
    void ldl_clear(ldl_t F);

    /* Factors the symmetric matrix H with diagonal pivoting (above) and
   sets every field of F.  Returns 1 if H is positive semidefinite, 0
   otherwise: F->reason says why (LDL_NOT_SQUARE when H is not square or
   not symmetric, with (i, j) the first asymmetric pair found, i > j).
   Exact; H is not modified and may be of any size, 0 x 0 included
   (PSD). */
    int ldl_psd(ldl_t F, const fmpq_mat_t H);

#ifdef __cplusplus
}
#endif

#endif
