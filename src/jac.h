/* jac.h -- the Jacobian of a two-layer ReLU network's outputs on the data
   with respect to its hidden-layer parameters inside one activation
   region, and its exact rank (seed 004, Karhadkar et al.; the setting is
   reconstructed, see THEOREMS.md "004").

   Network x -> sum_i v_i [<w_i, x> + b_i]_+, i < d1, inputs x in Q^d0,
   data x_0..x_{n-1}.  The activation pattern is A in {0,1}^{d1 x n},
   a_ij = 1 iff <w_i, x_j> + b_i > 0; S_i = {j : a_ij = 1} is neuron i's
   active set.  On the open region of A the outputs are linear in
   theta = (w_i, b_i)_i, f(x_j) = sum_i v_i a_ij <(w_i, b_i), xt_j> with
   xt_j = (x_j, 1), so the Jacobian is the n x P matrix, P = d1 (d0 + 1),
       J[j, i (d0 + 1) + c] = v_i a_ij xt_j[c]
   (a row-wise Khatri-Rao product of A^T and Xt, column blocks scaled by
   v).  Its rank depends only on A and the data when every v_i != 0; a
   neuron with v_i = 0 has zero columns: clear its row of A first.

   The exact rank (jac_rank) is decided with certificates:
     lower bounds: the rank modulo a prime p of the Gram matrix G of J on
       the short side (G = J J^T, n x n, when P >= n; G = J^T J, P x P,
       when P < n); rank_p(G) <= rank_p(J) <= rank_Q(J) since J's entries
       are p-integral after scaling its rows to integers.  If the mod-p
       rank falls short (an unlucky prime, or G isotropic mod p), exact
       Schur complements of G find the missing rank: a non-zero one is a
       non-zero principal minor of G over Q.
     upper bounds: structural counts (points no neuron is active on;
       sum over distinct active sets S of min(|S|, d0 + 1); "atoms", sets
       of at least d0 + 2 points no neuron separates), or exact kernel
       vectors: y = e_k - sum_{j in R} u_j e_j with G_RR u = G_Rk solved
       exactly and the Schur complement G_kk - G_kR u = 0, which is
       |J^T y|^2 = 0 (resp. |J y|^2 = 0) exactly, so y is in the kernel.
     both: when d0 + 1 >= n and the integer data matrix has rank n mod p
       (so over Q), rank J is exactly the number of points some neuron is
       active on (a left kernel vector y has D_i y = 0 for every i).
   Nothing is decided in floating point: the one double evaluation (the
   sign test of jac_pattern_set_weights_d) carries a rigorous error bound
   and falls back to exact arithmetic. */
#ifndef JAC_H
#define JAC_H

#include "bc.h"
#include "rng.h"
#include <flint/fmpq_mat.h>
#include <flint/fmpz_mat.h>
#include <flint/nmod_mat.h>

#ifdef __cplusplus
extern "C"
{
#endif

/* The default prime of the modular ranks: the Mersenne prime 2^61 - 1. */
#define JAC_PRIME ((ulong) 2305843009213693951ULL)

    /* ---------------------------------------------------------- data */

    typedef struct
    {
        slong n, d0, e; /* points, input dimension, e = d0 + 1 */
        fmpq *x;        /* n * d0 exact inputs, x[j * d0 + c] */
        double *xd;     /* n * d0 doubles when set by jac_data_set_d, else NULL */
        fmpz_mat_t Z;   /* n x e integers, row j = L_j (x_j, 1) */
        fmpz *L;        /* n positive integers: L_j the lcm of row j's denominators */
        ulong p;        /* prime of the modular images */
        nmod_mat_t Zp;  /* Z mod p */
        nmod_mat_t Kp;  /* Z Z^T mod p (n x n) after jac_data_prepare, else 0 x 0 */
        slong zrank;    /* rank of Z mod p after jac_data_prepare when e >= n, else -1 */
        slong zbits;    /* largest bit size of an entry of Z */
    } jac_data_struct;

    typedef jac_data_struct jac_data_t[1];

    /* Initialises D for n >= 1 points in dimension d0 >= 1, all zero, with
   the prime JAC_PRIME and no caches. */
    void jac_data_init(jac_data_t D, slong n, slong d0);

    void jac_data_clear(jac_data_t D);

    /* Sets the inputs to the exact values x[j * d0 + c] (copied) and their
   modular image with D's current prime; drops the caches of
   jac_data_prepare. */
    void jac_data_set_fmpq(jac_data_t D, const fmpq *x);

    /* As jac_data_set_fmpq from finite doubles (their exact dyadic values),
   also kept as doubles in D->xd for the filtered sign tests of
   jac_pattern_set_weights_d.  Aborts on inf or nan: validate first. */
    void jac_data_set_d(jac_data_t D, const double *x);

    /* Changes the prime of the modular images to p (a prime, 2 < p < 2^63;
   0 means JAC_PRIME) and recomputes them, dropping the caches.  Small
   primes are for tests: they make unlucky (too small) modular ranks
   common, which the exact stages must repair. */
    void jac_data_set_prime(jac_data_t D, ulong p);

    /* Caches in D what every rank decision on D would otherwise compute
   afresh: Z Z^T mod p, and the rank of Z mod p when d0 + 1 >= n.  Worth
   it when one data set serves many patterns; results do not depend on
   it. */
    void jac_data_prepare(jac_data_t D);

    /* ------------------------------------------------------- patterns */

    typedef struct
    {
        slong d1, n; /* neurons, points */
        slong words; /* ulong words per neuron row, ceil(n / FLINT_BITS) */
        ulong *bits; /* d1 * words: bit j of row i is a_ij */
    } jac_pattern_struct;

    typedef jac_pattern_struct jac_pattern_t[1];

    /* Initialises A as the all-zero d1 x n pattern (d1 >= 1, n >= 1). */
    void jac_pattern_init(jac_pattern_t A, slong d1, slong n);

    void jac_pattern_clear(jac_pattern_t A);

    /* Sets every a_ij to 0. */
    void jac_pattern_zero(jac_pattern_t A);

/* Row i (words ulongs) and entry (i, j) of A; no bounds check. */
#define jac_pattern_row(A, i) ((A)->bits + (i) * (A)->words)
#define jac_pattern_get(A, i, j)                                                                             \
    ((int) ((jac_pattern_row(A, i)[(j) / FLINT_BITS] >> ((j) % FLINT_BITS)) & UWORD(1)))

    /* Sets a_ij to bit (0 or 1). */
    void jac_pattern_set(jac_pattern_t A, slong i, slong j, int bit);

    /* Number of points neuron i is active on, |S_i|. */
    slong jac_pattern_active(const jac_pattern_t A, slong i);

    /* Copies B into A (same sizes). */
    void jac_pattern_set_pattern(jac_pattern_t A, const jac_pattern_t B);

    /* Sets A (d1 x D->n) to the exact activation pattern of the weights W
   (d1 x d0, row major, exact) and biases b (d1): a_ij = 1 iff
   <w_i, x_j> + b_i > 0.  Returns the number of pairs with
   <w_i, x_j> + b_i = 0 exactly (points on the region's boundary) and, when
   there is one and bi, bj are not NULL, the first such pair (row-major)
   in *bi, *bj. */
    slong jac_pattern_set_weights(jac_pattern_t A, slong *bi, slong *bj, const jac_data_t D, const fmpq *W,
                                  const fmpq *b);

    /* As jac_pattern_set_weights for double weights and data set by
   jac_data_set_d: the sign of each pre-activation is decided by a double
   evaluation with a rigorous error bound, falling back to exact rational
   arithmetic when the bound does not settle it.  Returns the number of
   exact zeros (bi, bj as above). */
    slong jac_pattern_set_weights_d(jac_pattern_t A, slong *bi, slong *bj, const jac_data_t D,
                                    const double *W, const double *b);

    /* ------------------------------------------------------ Jacobian */

    /* Sets J (already n x P) to the Jacobian of the region of A at output
   weights v (d1 entries; NULL means every v_i = 1), exactly. */
    void jac_jacobian(fmpq_mat_t J, const jac_data_t D, const jac_pattern_t A, const fmpq *v);

    /* ---------------------------------------------------------- rank */

    typedef enum
    {
        JAC_CERT_NONE = 0,  /* no bound beyond the trivial */
        JAC_CERT_TRIVIAL,   /* upper: rank <= min(n, P) */
        JAC_CERT_MODP,      /* lower: rank of the Gram matrix mod p */
        JAC_CERT_MINOR,     /* lower: a non-zero principal minor of the Gram matrix over Q
                               (the modular rank was unlucky) */
        JAC_CERT_COVER,     /* both: d0 + 1 >= n, the data matrix has rank n mod p, and the
                               rank is the number of covered points */
        JAC_CERT_ZERO_ROWS, /* upper: points no neuron is active on are zero rows */
        JAC_CERT_COUNT,     /* upper: rank <= sum over distinct active sets S of min(|S|, d0 + 1) */
        JAC_CERT_ATOMS,     /* upper: each set T of >= d0 + 2 points that no neuron separates
                               carries |T| - d0 - 1 kernel vectors */
        JAC_CERT_KERNEL,    /* upper: exact kernel vectors, checked |J^T y| = 0 exactly */
        JAC_CERT_NKINDS
    } jac_cert;

/* Which side the kernel vectors live on. */
#define JAC_LEFT 0  /* P >= n: y in Q^n with y^T J = 0 */
#define JAC_RIGHT 1 /* P < n: z in Q^P with J z = 0 */

/* Flags of jac_rank. */
#define JAC_DECIDE 0      /* stop once full rank is decided (lo = full or hi < full) */
#define JAC_EXACT 1       /* compute the exact rank (lo = hi) */
#define JAC_KEEP_KERNEL 2 /* keep the exact kernel vectors found in R->ker */
#define JAC_NO_SHORTCUT 4 /* skip the structural bounds and the cover test (tests of the exact stages) */

    typedef struct
    {
        slong n, P, full;          /* sizes; full = min(n, P) */
        slong lo, hi;              /* certified: lo <= rank J <= hi */
        jac_cert cert_lo, cert_hi; /* how each bound is certified */
        truth_t full_rank;         /* rank == full: BC_TRUE or BC_FALSE (always decided) */
        slong rank;                /* the exact rank when lo == hi, else -1 */
        int side;                  /* JAC_LEFT or JAC_RIGHT */
        ulong p;                   /* prime of the modular stage */
        slong nker;                /* kernel vectors kept (columns of ker) */
        fmpz_mat_t ker;            /* side length x nker: exact kernel vectors of J at v = 1
                                     (integers; for JAC_LEFT in the coordinates of the
                                     rational data), when JAC_KEEP_KERNEL */
        slong solves;              /* exact linear solves performed */
    } jac_rank_struct;

    typedef jac_rank_struct jac_rank_t[1];

    void jac_rank_init(jac_rank_t R);
    void jac_rank_clear(jac_rank_t R);

    /* Decides the rank of the Jacobian of the region of A on the data D
   (v_i != 0 for every neuron; sizes must match: A->n = D->n) into R.
   With JAC_DECIDE, stops as soon as R->full_rank is decided (lo = full,
   or hi < full); with JAC_EXACT, runs until lo = hi.  Never fails and
   never guesses: every bound is certified as R->cert_lo / R->cert_hi
   say.  A and D are read only (thread-safe on shared inputs). */
    void jac_rank(jac_rank_t R, const jac_data_t D, const jac_pattern_t A, int flags);

    /* Short name of a certificate ("modp", "cover", "kernel", ...). */
    const char *jac_cert_name(jac_cert c);

    /* ------------------------------------------------- realisability */

    /* Decides whether the row S (A row of words = ceil(n / FLINT_BITS)
   ulongs, bit j set iff j in S) is the active set of some neuron on D:
   is there (w, b) with <w, x_j> + b > 0 on S and < 0 off S (strictly on
   both sides; with a bias this is the same as <= 0 off S)?  An exact
   linear programme (lpq.h).  Returns 1 and, if theta is not NULL, sets
   theta (e entries) to such a (w, b), checked exactly; or returns 0 and,
   if lambda is not NULL, sets lambda (n entries) to a certificate of
   infeasibility: lambda >= 0, sum lambda = 1, sum_j lambda_j s_j xt_j = 0
   with s_j = +1 on S and -1 off S (a point of conv(S) in the affine hull
   sense meets conv of the rest), checked exactly. */
    int jac_row_realisable(fmpq *theta, fmpq *lambda, const jac_data_t D, const ulong *row);

    /* One-dimensional data (d0 = 1): the row S is realisable iff it is a
   step vector in the order of the x_j: empty, everything, or
   {j : x_j > t} or {j : x_j < t} for a threshold t (ties between equal
   x_j included).  Returns 1 or 0.  Aborts if d0 != 1. */
    int jac_row_realisable_1d(const jac_data_t D, const ulong *row);

    /* Enumerates the realisable rows of D for n <= 24: sets *rows to a new
   array (free with flint_free) of the realisable subsets S as bit masks
   in increasing order and returns their number. */
    slong jac_rows_realisable(ulong **rows, const jac_data_t D);

    /* ------------------------------------------------ zero-loss set */

    /* Decides whether the open region of A (strict signs on both sides)
   holds a zero-loss point for targets y (n entries) at output weights v
   (d1 entries, all non-zero): theta with J theta = y and
   (2 a_ij - 1) <theta_i, xt_j> > 0 for all i, j.  Returns BC_TRUE and
   sets theta (P entries, if not NULL) to such a point, checked exactly;
   BC_FALSE when an exact Farkas certificate shows there is none; or
   BC_UNDECIDED when the exact linear programme would exceed max_entries
   tableau entries (0: no limit) and the quick witness (the least-norm
   correction from start, if start is not NULL) fails. */
    truth_t jac_region_zero_loss(fmpq *theta, const jac_data_t D, const fmpq *y, const jac_pattern_t A,
                                 const fmpq *v, const fmpq *start, slong max_entries);

    /* ------------------------------------------------------ sampling */

    typedef enum
    {
        JAC_DATA_UNIFORM = 0, /* x_jc uniform on [0, 1) on the float32 grid 2^-24 (torch.rand) */
        JAC_DATA_GAUSS        /* x_jc ~ N(0, 1) rounded to float32 (torch.randn) */
    } jac_data_law;

    typedef enum
    {
        JAC_INIT_TORCH = 0, /* (w_i, b_i) uniform on the cube (-1, 1)^{d0+1}, float32 grid 2^-23
                               (torch.nn.Linear's default up to the scale 1/sqrt(d0), which
                               does not change the pattern); v_i ~ N(0, 1) as float32 */
        JAC_INIT_SPHERE     /* (w_i, b_i) spherically symmetric (Assumption 1: i.i.d. normal
                               coordinates via sampler.h), v_i = +-1 fair */
    } jac_init_law;

    /* Sets D's inputs to a draw of law from rng (D sized already). */
    void jac_data_sample(jac_data_t D, jac_data_law law, rng_t rng);

    /* Draws d1 neurons of law: W (d1 x d0), b (d1), v (d1, may be NULL),
   consuming rng neuron by neuron (w_i, b_i), then v. */
    void jac_weights_sample(double *W, double *b, double *v, slong d1, slong d0, jac_init_law law, rng_t rng);

    /* Sets A (d1 x D->n) to the region met by d1 neurons drawn by law from
   rng (D set by jac_data_set_d or jac_data_sample).  Returns the number of
   exact zero pre-activations (0 with probability 1). */
    slong jac_pattern_sample(jac_pattern_t A, const jac_data_t D, jac_init_law law, rng_t rng);

    /* --- internal, shared between the jac_*.c files --- */

    /* Rank of the symmetric matrix G mod p by LDL^T elimination in index
   order (n^3 / 6 multiplications), destroying G; the pivot indices (whose
   principal minor is non-singular mod p) go to piv[0..rank-1].  Returns -1
   if a zero diagonal entry sits in a non-zero column (possible mod p for
   a Gram matrix, never over Q). */
    slong _jac_nmod_sym_rank(slong *piv, nmod_mat_t G);

    /* Rank of A mod p by Gaussian elimination with Shoup multiplications,
   destroying A (rows may be permuted). */
    slong _jac_nmod_rank(nmod_mat_t A);

    /* Z Z^T mod p (n x n) into K, initialised here: in exact 64-bit
   arithmetic when the entries of Z are small enough, else by FLINT. */
    void _jac_data_gram_rows(nmod_mat_t K, const jac_data_t D);

    /* The rank of Z mod p when e >= n: the n columns (ones, x_1..x_{n-1})
   first, then all of Z. */
    slong _jac_data_zrank(const jac_data_t D);

    /* Rank of the symmetric G mod p (G unchanged), with piv[0..rank-1]
   indices of independent rows: the symmetric elimination, or FLINT's LU
   when that stops (piv then needs G->r entries). */
    slong _jac_nmod_rank_pivots(slong *piv, const nmod_mat_t G);

#ifdef __cplusplus
}
#endif

#endif
