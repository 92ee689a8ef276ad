/* jrank.h -- the module "jrank": the Jacobian rank of the activation
   regions of a two-layer ReLU network (seed 004, Karhadkar et al.).  Only
   the abstract came with the project: every statement checked is a
   RECONSTRUCTION (THEOREMS.md "004", jrank.tex), kept in one place with
   its constants as parameters: the definition of "full rank" (rank J = n),
   the dimension of the zero-loss set (P - rank J), and the provable bound
   on the fraction of full-rank patterns (the GF(2) product over d0 + 1
   coordinate groups), each read once in jrank.c.

   The Jacobian, its exact rank and its certificates, the realisability
   and zero-loss linear programmes and the samplers are the core's
   (src/jac.h); the certified basin values are the basin engine's
   (src/basin.h).  This header adds what the claims need on top:
     jrank_crit.c  (D1) the residual shared by every critical point of a
                   region's quadratic, and the certified non-zero local
                   minimum of a rank-deficient region;
     jrank_zero.c  (D2) the local dimension of a region's zero-loss set,
                   witnessed by an exact interior point and exact kernel
                   directions;
     jrank_enum.c  (D3) all binary patterns counted through their sets of
                   distinct rows, the specialised data X0 of the proof,
                   and the bounds;
     jrank.c       the table, the records, the mutants and the module. */
#ifndef JRANK_H
#define JRANK_H

#include <flint/fmpq_mat.h>
#include <flint/fmpz.h>

#include "basin.h"
#include "bc.h"
#include "check.h"
#include "jac.h"
#include "module.h"

#ifdef __cplusplus
extern "C"
{
#endif

    /* ------------------------------------------------ (D1) criticality */

    /* Sets K (initialised here, M->c x q) to an integer basis of the right
       kernel of M, by fmpz_mat_nullspace on M with each row scaled to
       integers (which keeps the kernel); returns q. */
    slong jrank_kernel_basis(fmpz_mat_t K, const fmpq_mat_t M);

    /* The critical points of the region's quadratic
       L(theta) = (1/n) |J theta - y|^2 (J = J(v), v_i != 0, the Jacobian of
       A on D) are the theta with J^T (J theta - y) = 0; they all share the
       residual y - J theta = r, the orthogonal projection of y onto the left
       kernel ker J^T.  Sets r (n entries) to that projection and theta (P
       entries) to one critical point (J theta = y - r), both computed
       exactly from an integer basis of ker J^T (fmpz_mat_nullspace,
       independent of jac_rank) and verified exactly: J^T r = 0 and
       J theta = y - r.  Returns dim ker J^T = n - rank J, or -1 if a
       verification fails (a defect; never expected). */
    slong jrank_crit_residual(fmpq *r, fmpq *theta, const jac_data_t D, const jac_pattern_t A, const fmpq *v,
                              const fmpq *y);

    /* Decides whether the open region of A holds a local minimum of the
       network's loss (1/n) sum_j (f(x_j) - y_j)^2, in all of (W, b, v), with
       a non-zero value, at output weights v: BC_FALSE when the critical
       residual r is 0 (every critical point of the region has zero loss) or
       when no critical point lies in the open region (an exact Farkas
       certificate of jac_region_zero_loss for the targets y - r); BC_TRUE
       when an interior critical point theta* (set, P entries) exists and
       the basin engine certifies Bas = |r|^2 / n exactly on its closed
       basin (then every nearby (W, b, v) keeps the pattern and the output
       signs and has loss >= Bas = L(theta*)); value is set to |r|^2 / n
       (checked against the loss evaluated at theta*).  BC_UNDECIDED when
       the engine certifies only an interval containing the value. */
    truth_t jrank_local_min(fmpq_t value, fmpq *theta, const jac_data_t D, const jac_pattern_t A,
                            const fmpq *v, const fmpq *y, slong prec);

    /* The loss (1/n) sum_j (f(x_j) - y_j)^2 of the network with hidden
       parameters theta (P entries, (w_i, b_i) per neuron) and output weights
       v on D, evaluated from the definition of the ReLU (not through J). */
    void jrank_net_loss(fmpq_t L, const jac_data_t D, const fmpq *theta, const fmpq *v, slong d1,
                        const fmpq *y);

    /* -------------------------------------------- (D2) the zero-loss set */

    /* Decides whether the open region of A holds a zero-loss point for the
       targets y at output weights v and, if so, witnesses the local
       dimension of the zero-loss set there: theta* (set, P entries) with
       J theta* = y strictly inside the region (jac_region_zero_loss, which
       tries the least-norm correction of start first when start is not
       NULL, then an exact linear programme), an
       integer basis k_1..k_q of ker J (fmpz_mat_nullspace, q = P - rank J),
       and for each l an exact step t_l > 0 with theta* + t_l k_l strictly
       inside the region and J (theta* + t_l k_l) = y, all checked exactly.
       The zero-loss set near theta* is then (theta* + ker J) intersected
       with the open region: a relatively open piece of an affine space of
       dimension q.  Returns BC_TRUE and sets *dim = q; BC_FALSE (with
       *dim = -1) on a Farkas certificate that the region holds no zero-loss
       point; BC_UNDECIDED if a step fails its check (never expected). */
    truth_t jrank_zero_dim(slong *dim, fmpq *theta, const jac_data_t D, const jac_pattern_t A, const fmpq *v,
                           const fmpq *y, const fmpq *start);

    /* ------------------------------------------- (D3) pattern counting */

    /* Whether a pattern counts as full rank: the module's definition (read
       once in jrank.c).  Returns 1 or 0; K is workspace. */
    typedef int (*jrank_full_fn)(void *ctx, const jac_data_t D, const jac_pattern_t A, jac_rank_t K);

    /* Sets c to the number of maps {1..d1} -> R u {empty} onto R for a set
       R of k non-empty rows: the number of d1-neuron patterns whose set of
       distinct non-empty rows is exactly R,
           c = sum_{i=0}^{k} (-1)^i C(k, i) (k + 1 - i)^d1. */
    void jrank_tuples_onto(fmpz_t c, slong k, slong d1);

    /* Counts the patterns A in {0,1}^{d1 x n} (n = D->n <= 24, every one of
       the 2^(d1 n)) for which full(ctx, D, A, .) is 1, exactly: the rank
       of J depends only on the set of distinct non-empty rows of A (a
       repeated row repeats a column block, an empty row adds zero
       columns), so each set R of at most d1 non-empty rows is decided once
       on the pattern with rows R (and empty rows after them) and weighted
       by jrank_tuples_onto(|R|, d1).  Sets full, and total = 2^(d1 n);
       sets *decisions (if not NULL) to the number of rank decisions.
       full must not depend on the order of the rows. */
    void jrank_count_patterns(fmpz_t full, fmpz_t total, slong *decisions, const jac_data_t D, slong d1,
                              jrank_full_fn fn, void *ctx);

    /* Sets D (n points in dimension d0, sized already) to the specialised
       data X0 of the proof of the D3 bound: point j lies in group
       k = j mod (d0 + 1), at the unit vector e_k when k < d0 and at 0 when
       k = d0 (groups as equal as possible). */
    void jrank_data_x0(jac_data_t D);

    /* The provable lower bound on the fraction of full-rank patterns
       (jrank.tex, Proposition D3): with the n points split into g groups
       of sizes m_k as equal as possible,
           B = prod_k prod_{i=0}^{m_k - 1} (1 - 2^(i - d1)),
       0 when some factor is <= 0. */
    void jrank_bound_product(fmpq_t B, slong n, slong g, slong d1);

    /* Its union-bound form max(0, 1 - g 2^(m - d1)), m = ceil(n / g); for
       the mutants, factor replaces g in front (factor = g is the bound). */
    void jrank_bound_simple(fmpq_t B, slong n, slong g, slong factor, slong d1);

    /* Counts as jrank_count_patterns, over the patterns whose rows are
       taken from the list rows[0..nrows-1] of distinct non-empty rows (bit
       masks, n <= 64) and the empty row: each set R of at most d1 listed
       rows is decided once.  Sets full (weighted by jrank_tuples_onto) and,
       when by_size is not NULL, by_size[k] (k = 0..d1, zeroed here) to the
       number of k-sets that are full, unweighted.  Returns the number of
       rank decisions. */
    slong jrank_count_rows(fmpz_t full, fmpz *by_size, const jac_data_t D, const ulong *rows, slong nrows,
                           slong d1, jrank_full_fn fn, void *ctx);

    /* ---------------------------------------------- (D5) one dimension */

    /* The constants of Theorem D5's criterion (jrank.tex): rank J = n iff
       every segment between labelled positions has length <= max_len and
       the pattern is merged or has >= need_c1 crossing segments of length
       1.  The theorem's values are max_len = 2, need_c1 = 2 (max_len <= 3,
       need_c1 <= 2). */
    typedef struct
    {
        int max_len;
        int need_c1;
    } jrank_line_reading;

    /* Sets N[k] (k = 0..2n-1, 2n entries) to the number of sets of k
       distinct non-empty step rows (among E, the n - 1 prefixes and the
       n - 1 suffixes of n >= 1 sorted distinct points) that satisfy the
       criterion rd: a transfer matrix over the cuts c = 1..n-1 with states
       (positions since the last label, merged, last label, crossing unit
       segments capped at 2), O(n^2) operations on integers. */
    void jrank_line_full_sets(fmpz *N, slong n, const jrank_line_reading *rd);

    /* The exact probability that d1 i.i.d. neurons give a full-rank region
       (criterion rd) on n sorted distinct points, when a neuron's active
       set is the prefix {1..c} or the suffix {c+1..n} with probability
       qcut[c - 1] each (c = 1..n-1), everything with probability qE and
       nothing with probability q0 (the q's sum to 1):
           P = d1! [t^d1] e^{q0 t} sum_R F(R) prod_{r in R} (e^{q_r t} - 1),
       the same transfer matrix with truncated exponential series as
       weights.  Sets P. */
    void jrank_line_prob(fmpq_t P, const fmpq *qcut, const fmpq_t qE, const fmpq_t q0, slong n, slong d1,
                         const jrank_line_reading *rd);

    /* The row probabilities of the authors' initialisation ((w, b) uniform
       on a square, as torch.nn.Linear) for n sorted points x in [0, 1]:
       qcut[c - 1] = (x_{c+1} - x_c) / 8, qE = q0 = (4 - (x_n - x_1)) / 8. */
    void jrank_line_q_torch(fmpq *qcut, fmpq_t qE, fmpq_t q0, const fmpq *x, slong n);

    /* The 2n - 1 non-empty step rows of n sorted points (bit j is point j
       in increasing order of x): E, then prefix {0..c-1} and suffix
       {c..n-1} for c = 1..n-1, into rows (bit masks, n <= 64). */
    void jrank_line_rows(ulong *rows, slong n);

    extern const module_struct module_jrank;
    extern const char *const fragment_jrank[];

#ifdef __cplusplus
}
#endif

#endif
