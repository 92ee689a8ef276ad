/* dla.h -- dense linear algebra in double, row-major, without error
   bounds: the approximate side of the certificates (Newton steps, the
   preconditioner of Krawczyk's operator, the Cholesky factor whose
   residual is then bounded rigorously, eigenvector estimates for the
   directions of negative curvature).  Nothing here decides anything. */
#ifndef DLA_H
#define DLA_H

#include "bc.h"

#ifdef __cplusplus
extern "C"
{
#endif

    /* LU factorisation with partial pivoting of the n x n matrix A, in
   place (L unit lower, U upper), the row permutation in perm.  Returns 0,
   or -1 when a pivot is zero or not finite (A is then garbage). */
    int dla_lu(double *A, slong *perm, slong n);

    /* Solves A x = b from dla_lu's output (x may alias b). */
    void dla_lu_solve(double *x, const double *LU, const slong *perm, const double *b, slong n);

    /* X = A^{-1} (n x n).  Returns 0 or -1 (singular to working precision);
   A is not modified. */
    int dla_inv(double *X, const double *A, slong n);

    /* Solves A x = b (A n x n, not modified).  Returns 0 or -1. */
    int dla_solve(double *x, const double *A, const double *b, slong n);

    /* Cholesky factor L (lower triangular, zeros above) of the symmetric
   matrix A - s I: A = L L^T + s I approximately.  The algorithm is the
   standard one (Higham, Alg. 10.2) applied to A' = fl(A - s I), each
   diagonal entry rounded once before its inner product, so that
   L L^T = A' + dA with |dA| <= gamma_{n+1} |L| |L^T| (Higham, Thm 10.3).
   Returns 0, or -1 when a pivot is not positive (A - s I is not
   numerically positive definite). */
    int dla_cholesky_shift(double *L, const double *A, double s, slong n);

    /* The eigenvalue of the symmetric matrix A (only the lower triangle
   is read) of rank r (0: the least) by Householder tridiagonalisation
   and Sturm bisection; when vec is not NULL, a unit eigenvector by
   inverse iteration.  Returns NAN on failure (non-finite input). */
    double dla_sym_eig(double *vec, const double *A, slong n, slong r);

    /* Frobenius norm of a vector of len doubles. */
    double dla_norm(const double *x, slong len);

#ifdef __cplusplus
}
#endif

#endif
