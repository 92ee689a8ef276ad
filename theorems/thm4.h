/* thm4.h -- Theorem 4 of the paper (Sec. 4.3, proof in App. B.6):
   full-rank data.  If rank(X) = m (so m <= d), the targets are
   arbitrary and alpha is the minimal objective of a width-n two-layer
   network, then under Assumption 1
       P[ Bas(W, v) <= alpha ] >= 1 - m (3/4)^n.

   The building blocks are public so that the CUnit suite can test them
   against independent oracles:
     - data sets with rank(X) = m verified exactly, with the exact right
       inverse P = X^T (X X^T)^{-1} (X P = I checked exactly);
     - alpha and an optimal prediction ybar for width n (thm4.tex derives
       them: alpha = 0 for n >= 2, and the better one-signed fit for n = 1);
     - the closed form of Bas(W, v) for full-rank data (the basin cone
       decouples over the points);
     - the construction of B.6: the chosen neuron per point, the modified
       first layer W' solved exactly, and its exact verification;
     - the exact probabilities of B.6's event and of the good-basin event
       (inclusion-exclusion over the points, which is exact: the per-point
       events are NOT independent, since a neuron's output sign is shared
       by every point); the module's agreement checks test Monte Carlo
       tallies against them.

   The module itself (thm4.c and its parts, thm4_run.h) reads the
   paper's constant 3/4 from src/paper.h (paper_side_fail). */
#ifndef THM4_H
#define THM4_H

#include <flint/fmpq_mat.h>
#include <flint/fmpz_mat.h>

#include "bc.h"
#include "check.h"
#include "rng.h"
#include "sampler.h"
#include "module.h"

#ifdef __cplusplus
extern "C"
{
#endif

    /* ---------------------------------------------------------- data */

    typedef enum
    {
        THM4_DATA_ORTH = 0, /* rows of a Sylvester Hadamard matrix: orthogonal */
        THM4_DATA_GAUSS,    /* i.i.d. N(0, 1) coordinates */
        THM4_DATA_ILLCOND,  /* u + 2^-20 g_t: nearly dependent, rank m */
        THM4_DATA_COUNT
    } thm4_data_kind;

    typedef struct
    {
        slong m, d;
        fmpq_mat_t X;   /* m x d, row t is x_t */
        fmpq *y;        /* m targets */
        double *Xd;     /* m x d, X rounded to double (equal to X when dyadic) */
        double *Pd;     /* d x m, P rounded to double (double construction only) */
        int dyadic;     /* 1 when every entry of X is the double Xd exactly */
        slong rank;     /* rank(X), exact (fmpq_mat_rank) */
        int full;       /* rank == m and the right inverse below is set */
        fmpz_mat_t Xn;  /* m x d integer matrix delta X */
        fmpz_t delta;   /* positive common denominator of X */
        fmpz_mat_t Pn;  /* d x m integers: P = X^T (X X^T)^{-1} = Pn / pi */
        fmpz_t pi;      /* positive */
        int orthogonal; /* <x_s, x_t> = 0 exactly for every s != t */
        slong *comp;    /* m: component of t in the graph s ~ t iff <x_s, x_t> != 0 */
        slong ncomp;    /* number of components */
    } thm4_data_struct;

    typedef thm4_data_struct thm4_data_t[1];

    /* Initialises D as the empty data set (m = d = 0). */
    void thm4_data_init(thm4_data_t D);
    void thm4_data_clear(thm4_data_t D);

    /* Sets D to the data (X, y) (copied; X is m x d, m, d >= 1): decides
   rank(X) exactly and, when rank(X) = m, the exact right inverse P,
   checked exactly (X P = I); also the orthogonality graph.  Returns the
   rank. */
    slong thm4_data_set(thm4_data_t D, const fmpq_mat_t X, const fmpq *y);

    /* Sets D to a generated data set of kind with m points in dimension d
   (THM4_DATA_ORTH needs d a power of two with m <= d), targets
   y_t ~ N(0, 1); everything drawn from rng.  Every entry is a double,
   hence exact.  Returns the rank (m with probability one; checked). */
    slong thm4_data_generate(thm4_data_t D, thm4_data_kind kind, slong m, slong d, rng_t rng);

    /* Name of a kind: "orth", "gauss", "illcond". */
    const char *thm4_data_name(thm4_data_kind kind);

    /* Reads the user's data file (one point per line: x_1,...,x_d,y;
   csv.h grammar, exact) into D and checks Theorem 4's hypothesis
   rank(X) = m exactly.  Returns 0 on success; otherwise writes a
   one-line message (no newline) into err: the CSV reader's
   "PATH:LINE:COL: ..." for a malformed file, or "PATH:LINE: ..." naming
   the first point that is a linear combination of the points above it
   (or "PATH: ..." for too few columns), and returns 1. */
    int thm4_data_read(thm4_data_t D, const char *path, char *err, size_t errlen);

    /* Index t of the first point that lies in the span of x_0..x_{t-1}
   (exact ranks of leading blocks), or -1 when rank(X) = m. */
    slong thm4_first_dependent(const fmpq_mat_t X);

    /* ---------------------------------------------- alpha, basin value */

    /* Sets alpha to the minimal objective of width n >= 1 on full-rank
   data and ybar (m entries) to a prediction attaining it: n >= 2,
   alpha = 0 and ybar = y; n = 1, with S+ = sum_{y_t > 0} y_t^2 and
   S- = sum_{y_t < 0} y_t^2, ybar = max(y, 0) and alpha = S-/m when
   S- <= S+, else ybar = min(y, 0) and alpha = S+/m (thm4.tex). */
    void thm4_alpha(fmpq_t alpha, fmpq *ybar, const thm4_data_t D, slong n);

    /* Exact activation signs: a[i m + t] = sign <w_i, x_t> in {-1, 0, +1}
   and b[i] = sign v_i, for W (n x d doubles, row i is w_i) and v.  With
   dyadic data a double filter with a rigorous error bound decides first
   and exact rational arithmetic settles what it leaves open; *escal
   (if not NULL) is increased by the number of exact decisions.  Returns
   0, or 1 when some sign is 0 ((W, v) on a basin boundary). */
    int thm4_signs(int *a, int *b, const thm4_data_t D, const double *W, const double *v, slong n,
                   ulong *escal);

    /* The closed form of the basin value for full-rank data (thm4.tex):
   bas = (1/m) sum_t dist(y_t, C_t)^2 where C_t is the cone spanned by
   {b_i : a_{i,t} = +1} (R, [0, inf), (-inf, 0] or {0}).  Signs as from
   thm4_signs, all non-zero. */
    void thm4_bas_closed(fmpq_t bas, const int *a, const int *b, const fmpq *y, slong n, slong m);

    /* B.6's event: for every t some neuron i has a_{i,t} = +1 and
   b_i ybar_t >= 0 (the paper's A_i^t).  Sets chosen[t] to the first such
   i (the neuron B.6 lets predict x_t) or -1; returns 1 when every point
   has one. */
    int thm4_event_b6(slong *chosen, const int *a, const int *b, const fmpq *ybar, slong n, slong m);

    /* ---------------------------------------------- the construction */

#define THM4_B6_OK 0          /* W' built and verified exactly */
#define THM4_B6_NO_NEURON 1   /* B.6's event fails at point bad_t */
#define THM4_B6_BOUNDARY 2    /* some <w_i, x_t> = 0 or v_i = 0 */
#define THM4_B6_RANK 3        /* rank(X) < m: the linear systems need not be solvable */
#define THM4_B6_VERIFY_FAIL 4 /* built, but a verification failed (a bug) */

    typedef struct
    {
        int status;      /* THM4_B6_* */
        slong bad_t;     /* the point without a neuron (NO_NEURON) */
        slong n, m, d;   /* sizes */
        slong *chosen;   /* m: the neuron predicting x_t */
        int *a, *b;      /* exact signs of (W, v) */
        fmpz_mat_t Zn;   /* d x n: Z' = Zn / zden, column i is z'_i = v_i w'_i */
        fmpz_t zden;     /* positive */
        fmpz_mat_t XZn;  /* m x n: X Z' = XZn / (delta zden), recomputed */
        int solved;      /* X Z' = U exactly (each neuron fits its targets) */
        int in_cell;     /* (W', v) lies in the closed cell of (W, v) */
        int attains;     /* L(W', v) = alpha exactly */
        fmpq_t loss;     /* L(W', v), from the ReLU network at (W', v) */
        fmpq_mat_t W;    /* n x d: W' itself (when asked for) */
        int have_w;      /* W is set */
        void *fastcache; /* the data set's tables of the fixed-width path (thm4_b6.c) */
    } thm4_b6_struct;

    typedef thm4_b6_struct thm4_b6_t[1];

    void thm4_b6_init(thm4_b6_t C);
    void thm4_b6_clear(thm4_b6_t C);

    /* The construction of B.6, exactly.  For the chosen neuron i of every
   point t the target u_{i,t} = ybar_t, every other entry of u_i is 0;
   then z'_i = z_i + P (u_i - X z_i) with z_i = v_i w_i, so X z'_i = u_i,
   and w'_i = z'_i / v_i.  Verifies exactly, by recomputing X Z' from the
   built Z': X Z' = U; every a_{i,t} <w'_i, x_t> >= 0 (the closed cell of
   (W, v), v unchanged); the network's loss at (W', v), with its ReLUs,
   equals alpha.  When build_w, also sets C->W = W' (n x d rationals).
   Returns C->status. */
    int thm4_b6_construct(thm4_b6_t C, const thm4_data_t D, const fmpq *ybar, const fmpq_t alpha,
                          const double *W, const double *v, slong n, int build_w);

    /* The same; fast = 0 forces the general fmpz path, fast = 1 is
   thm4_b6_construct (fixed-width integers when the sizes allow, see
   thm4_b6.c), fast = 2 the fixed-width path alone (returns -1 when it
   cannot decide), fast = 3 the same without the double filter of the
   signs (they are then decided in fixed width); fast | THM4_B6_PORTABLE the same with the
   portable kernels only (no AVX2, whatever the processor: the same integers and signs).  For the
   tests.  On the fixed-width path Zn, zden and XZn are set only when build_w. */
#define THM4_B6_PORTABLE 8
    int _thm4_b6_construct_impl(thm4_b6_t C, const thm4_data_t D, const fmpq *ybar, const fmpq_t alpha,
                                const double *W, const double *v, slong n, int build_w, int fast);

    /* The same construction in plain double (no guarantee: timing and
   comparison only).  Wp (n x d) receives W'; returns 1 when B.6's event
   holds (by double signs) and the double W' reproduces the targets to a
   relative 1e-9, else 0.  work has room for 2 n m + m doubles. */
    int thm4_b6_construct_d(double *Wp, const thm4_data_t D, const double *ybar, const double *W,
                            const double *v, slong n, double *work);

    /* Solvability of X z = u over Q (u has m entries): 1 when
   rank([X | u]) = rank(X).  For the rank-deficient control. */
    int thm4_solvable(const fmpq_mat_t X, const fmpq *u);

    /* ------------------------------------------------ probabilities */

    /* What point t requires of a single neuron for an event "every point
   is served by some neuron": nothing, an active neuron with v > 0, with
   v < 0, or an active neuron of either sign. */
#define THM4_NEED_NONE 0
#define THM4_NEED_PLUS 1
#define THM4_NEED_MINUS 2
#define THM4_NEED_ANY 3

    /* need[t] for B.6's event with the optimal prediction ybar: PLUS,
   MINUS or ANY (ybar_t = 0, where A_i^t only asks for activity). */
    void thm4_need_b6(int *need, const fmpq *ybar, slong m);

    /* need[t] for the good-basin event at width n >= 2 (alpha = 0): PLUS
   for y_t > 0, MINUS for y_t < 0, NONE for y_t = 0. */
    void thm4_need_good(int *need, const fmpq *y, slong m);

    /* Exact probability, under Assumption 1 on orthogonal data, that every
   point is served (need[]) by one of n i.i.d. neurons: conditioning on
   the number j of neurons with v > 0, the activations are independent
   fair coins, so P = sum_j C(n, j) 2^-n (1 - 2^-j)^p (1 - 2^-(n-j))^q
   (1 - 2^-n)^r with p, q, r the numbers of PLUS, MINUS, ANY points. */
    void thm4_prob_orth(fmpq_t P, const int *need, slong m, slong n);

    /* The same probability on any full-rank data, by inclusion-exclusion
   over the set U of unserved points:
       P = sum_U (-1)^|U| r(U)^n,
       r(U) = (q(U+) + q(U-)) / 2,
   U+ (U-) the points of U needing PLUS or ANY (MINUS or ANY), and q(T)
   the probability that a uniform direction is negative on every x_t,
   t in T (a polyhedral cone's solid angle).  q factors over the
   orthogonality components; a component meets T in at most 3 points
   for q to have a closed form (1/2, (pi - theta)/(2 pi),
   (2 pi - theta_12 - theta_13 - theta_23)/(4 pi)).  Returns 1 and sets
   P to an enclosure when computable (every component holds at most 3
   points with need != NONE, and at most 20 such points), else 0. */
    int thm4_prob_ie_arb(arb_t P, const thm4_data_t D, const int *need, slong n, slong prec);

    /* Exact (or enclosed) probability of the good-basin event
   Bas(W, v) <= alpha at width n: the need-probability of
   thm4_need_good for n >= 2; for n = 1 the single neuron must have the
   optimal sign and be active on every point of that sign (both signs in
   a tie).  Returns 1 when computable (P exact rational in Pq when the
   data are orthogonal, *is_rational = 1), else 0. */
    int thm4_prob_good(arb_t P, fmpq_t Pq, int *is_rational, const thm4_data_t D, slong n, slong prec);

    /* The same for B.6's event (need from thm4_need_b6 with ybar of
   thm4_alpha). */
    int thm4_prob_b6(arb_t P, fmpq_t Pq, int *is_rational, const thm4_data_t D, slong n, slong prec);

    /* The theorem's bound 1 - m c^n, exactly, for the per-neuron failure
   probability c of one point (the paper's c = 3/4, paper_side_fail). */
    void thm4_bound(fmpq_t b, const fmpq_t c, slong m, slong n);

    extern const module_struct module_thm4;
    extern const char *const fragment_thm4[];

    /* The module's bench hook, `basincheck bench thm4 [--seed S]
   [--threads T] [--samples K] [--quiet]` (argv[0] is "thm4"): the
   construction of B.6 with its exact verification against the same
   construction in plain double (thm4_bench.c).  Returns an exit
   status: 0, 1 when a construction failed its verification, 2 on a bad
   option (one line on stderr). */
    int thm4_bench(int argc, char **argv);

#ifdef __cplusplus
}
#endif

#endif
