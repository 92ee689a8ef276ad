/* singleton.h -- singleton data (Theorem 2 of the paper, Sec. 4.1, proof
   in App. B.4): every x_t has exactly one non-zero coordinate.  For the
   squared loss the basin values of a two-layer ReLU network
   N(W, v)(x) = sum_i v_i [<w_i, x>]_+ on such data, the minimal
   objective alpha of width n and the probabilities of the good basins
   under Assumption 1 are exact rationals in closed form (thm2.tex,
   Lemmas 2.A-2.C); Theorem 2 and Theorem 6 (App. C, whose data are
   singleton data) both use them.

   Notation (thm2.tex): x_t = s_t e_{j(t)}, s_t != 0; the sides are
   S_j^+ = {t : j(t) = j, s_t > 0} and S_j^-, numbered k = 2j (S_j^+) and
   k = 2j + 1 (S_j^-).  For side k let A_k = sum s_t^2, B_k = sum |s_t| y_t,
   C_k = sum y_t^2 over its points; its best value is
   opt_k = C_k - B_k^2 / A_k, reached by the prediction |s_t| beta*_k,
   beta*_k = B_k / A_k, and the side needs sign(beta*_k) (nothing when
   B_k = 0 or the side is empty).  P and Q are the numbers of neurons with
   output sign + and -; the cost of coordinate j, cost_j(P, Q), depends
   on them only through the regime r = 3 min(P, 2) + min(Q, 2).

   Files: singleton_data.c (the data set and its side sums),
   singleton_cost.c (side and coordinate costs, alpha), singleton_prob.c
   (the exact probabilities).  Everything is exact.  The functions taking
   a const D require D->singleton; none allocates anything D does not
   own. */
#ifndef SINGLETON_H
#define SINGLETON_H

#include <flint/fmpq_mat.h>

#include "bc.h"

#ifdef __cplusplus
extern "C"
{
#endif

    /* ------------------------------------------------------ the data */

    typedef struct
    {
        slong m, d;
        fmpq_mat_t X;  /* m x d, row t is x_t */
        fmpq *y;       /* m targets */
        int singleton; /* every x_t has exactly one non-zero coordinate */
        slong bad_t;   /* the first point that is not a singleton, or -1 */
        /* set when singleton: */
        slong *coord; /* m: the coordinate j(t) */
        int *sgn;     /* m: sign of s_t, +1 or -1 */
        slong *count; /* 2d: points of side k */
        fmpq *sa;     /* 2d: A_k = sum s_t^2 */
        fmpq *sb;     /* 2d: B_k = sum |s_t| y_t */
        fmpq *sc;     /* 2d: C_k = sum y_t^2 */
        fmpq *opt;    /* 2d: C_k - B_k^2 / A_k (0 for an empty side) */
        int *need;    /* 2d: sign B_k in {-1, 0, +1} */
        fmpq *cc;     /* 4d: cc[4j + 2a + b], the value of coordinate j when
                         S_j^+ has its need met (a = 1) or not, and S_j^- (b) */
        slong needy;  /* sides with need != 0 */
        slong used;   /* coordinates with at least one point */
        /* per regime r = 3 min(P, 2) + min(Q, 2): */
        fmpq *tot;   /* 9: sum_j cost_j in regime r */
        slong *hist; /* 2 * 9 * 512: hist[(9 e + r) 512 + mask], the number of
                        coordinates with data whose pairs attaining cost_j
                        (e = 0) or meeting every need (e = 1) form mask */
    } singleton_data_struct;

    typedef singleton_data_struct singleton_data_t[1];

    /* Initialises D as the empty data set (m = d = 0, not singleton). */
    void singleton_data_init(singleton_data_t D);
    void singleton_data_clear(singleton_data_t D);

    /* Returns the number of non-zero entries of row t of X and sets *first
   to the column of the first one (-1 if none).  Exact. */
    slong singleton_row_nonzeros(const fmpq_mat_t X, slong t, slong *first);

    /* Index of the first row of X that does not have exactly one non-zero
   entry, or -1 when every row is a singleton (decided exactly). */
    slong singleton_first_nonsingleton(const fmpq_mat_t X);

    /* Sets D to the data (X, y) (copied; X is m x d with m, d >= 1) and
   decides the singleton hypothesis exactly; when it holds, sets the
   coordinates, signs, side sums, costs and regimes.  Returns
   D->singleton (when 0, D->bad_t names the first bad row and only X, y,
   m, d are set). */
    int singleton_data_set(singleton_data_t D, const fmpq_mat_t X, const fmpq *y);

    /* Sets D to the Appendix C data set (appc.h: the reconstructed sample
   of C.2 copied onto every coordinate) for eps in (0, 1/2), dimension
   d >= 1. */
    void singleton_data_appc(singleton_data_t D, const fmpq_t eps, slong d);

    /* ------------------------------------------- costs and alpha */

    /* Sets c to the value of side k when the neurons active on it have
   output signs + (has_plus) and/or - (has_minus): opt_k when its need
   is 0 or met, else C_k (beta = 0, the nearest point of the cone). */
    void singleton_side_cost(fmpq_t c, const singleton_data_t D, slong k, int has_plus, int has_minus);

    /* Sets c to cost_j(P, Q): the least value of coordinate j over the
   ways of placing P neurons with v > 0 and Q with v < 0 on its two
   sides (thm2.tex, Lemma 2.B). */
    void singleton_coord_cost(fmpq_t c, const singleton_data_t D, slong j, slong P, slong Q);

    /* Sets alpha to the minimal objective of width n >= 1,
   (1/m) min_P sum_j cost_j(P, n - P), and, when optP is not NULL,
   optP[P] (n + 1 entries) to 1 for the minimising P, else 0. */
    void singleton_alpha(fmpq_t alpha, int *optP, const singleton_data_t D, slong n);

    /* The placements of the P neurons of one output sign on the two sides
   of a coordinate fall into three classes c: 0, all on S_j^- (p1 = 0);
   1, on both sides (0 < p1 < P); 2, all on S_j^+ (p1 = P).  Sets
   *on_plus, *on_minus to whether the class puts a neuron on S_j^+, S_j^-,
   and returns 1 when the class exists for P (P = 0: only c = 0, with
   no neuron anywhere; P = 1: c = 0 and 2), else 0. */
    int _singleton_class(int *on_plus, int *on_minus, int c, slong P);

    /* Sets c to cost_j(P, Q) and returns the mask of the pairs of classes
   (cp of the + neurons, cq of the - neurons) attaining it, bit
   3 cp + cq. */
    int _singleton_coord_attain(fmpq_t c, const singleton_data_t D, slong j, slong P, slong Q);

    /* Sets D->tot and D->hist from the side sums (singleton_data_set calls
   it). */
    void _singleton_regimes(singleton_data_t D);

    /* ------------------------------------------------ probabilities */

    /* Exact P[Bas(W, v) <= alpha] at width n >= 1 under Assumption 1:
   sum over the minimising P of C(n, P) 2^-n prod_j q_j(P), q_j(P) the
   probability that coordinate j attains cost_j(P, n - P) when each
   neuron's side is a fair coin (thm2.tex, Lemma 2.C). */
    void singleton_prob_good(fmpq_t p, const singleton_data_t D, slong n);

    /* Exact probability at width n >= 1 of B.4's event: every side with a
   need has a neuron active on it whose output sign is the need. */
    void singleton_prob_event(fmpq_t p, const singleton_data_t D, slong n);

    /* A single neuron x -> [<w, x>]_+ (output weight +1) with w drawn by
   Assumption 1: sets p to the exact probability that it starts in a
   basin whose value is the single neuron's global minimum, and alpha1
   (if not NULL) to that minimum, (1/m) sum_j cost_j(1, 0). */
    void singleton_prob_single(fmpq_t p, fmpq_t alpha1, const singleton_data_t D);

#ifdef __cplusplus
}
#endif

#endif
