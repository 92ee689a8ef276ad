/* thm2.h -- Theorem 2 of the paper (Sec. 4.1, proof in App. B.4):
   singleton data.  If every x_t has exactly one non-zero coordinate,
   alpha is the minimal objective of a width-n two-layer ReLU network
   (no biases; squared loss here) and (W, v) is drawn by Assumption 1,
   then
       P[ Bas(W, v) <= alpha ] >= 1 - 2d (3/4)^n.

   Notation (thm2.tex): x_t = s_t e_{j(t)}, s_t != 0; the sides are
   S_j^+ = {t : j(t) = j, s_t > 0} and S_j^-, numbered k = 2j (S_j^+) and
   k = 2j + 1 (S_j^-).  For side k let A_k = sum s_t^2, B_k = sum |s_t| y_t,
   C_k = sum y_t^2 over its points; its best value is
   opt_k = C_k - B_k^2 / A_k, reached by the prediction |s_t| beta*_k,
   beta*_k = B_k / A_k, and the side needs sign(beta*_k) (nothing when
   B_k = 0 or the side is empty).

   The building blocks are public so that the CUnit suite can test them
   against independent oracles (the certified engine of basin.h and
   brute-force enumeration):
     - singleton data: the hypothesis decided exactly, generators (chosen
       sides, random, Appendix C), the user's file;
     - the closed form of Bas(W, v) (the basin cone decouples into 2d
       one-dimensional cones), alpha for width n by the split formula,
       and an explicit network attaining it;
     - exact probabilities of Bas <= alpha and of B.4's event under
       Assumption 1, and the probability that a single neuron starts in
       a globally optimal basin (the corollary on Appendix C's data). */
#ifndef THM2_H
#define THM2_H

#include <flint/fmpq_mat.h>

#include "bc.h"
#include "check.h"
#include "rng.h"
#include "module.h"

#ifdef __cplusplus
extern "C"
{
#endif

    /* ---------------------------------------------------------- data */

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
        /* the regimes r = 3 min(P, 2) + min(Q, 2) of the numbers P, Q of
           neurons with v > 0, v < 0 (cost_j(P, Q) depends on P, Q only
           through r): */
        fmpq *tot;   /* 9: sum_j cost_j in regime r */
        slong *hist; /* 2 * 9 * 512: hist[(9 e + r) 512 + mask], the number of
                        coordinates with data whose pairs attaining cost_j
                        (e = 0) or meeting every need (e = 1) form mask */
    } thm2_data_struct;

    typedef thm2_data_struct thm2_data_t[1];

    /* Initialises D as the empty data set (m = d = 0). */
    void thm2_data_init(thm2_data_t D);
    void thm2_data_clear(thm2_data_t D);

    /* Index of the first row of X that does not have exactly one non-zero
   entry, or -1 when every row is a singleton (decided exactly). */
    slong thm2_first_nonsingleton(const fmpq_mat_t X);

    /* Sets D to the data (X, y) (copied; X is m x d with m, d >= 1) and
   decides the singleton hypothesis exactly; when it holds, sets the
   coordinates, signs and side sums.  Returns D->singleton. */
    int thm2_data_set(thm2_data_t D, const fmpq_mat_t X, const fmpq *y);

    /* Singleton data with chosen sides: count[k] points on side k
   (k < 2d) and targets whose side sum B_k has sign need[k] (a side with
   need 0 and one point gets y = 0; with more points the targets cancel
   in pairs).  Magnitudes |s_t| in {1/2, 3/4, 1, ..., 2} and |y_t| in
   (1/4, 4] are dyadic, drawn from rng; the points are shuffled. */
    void thm2_data_sides(thm2_data_t D, slong d, const slong *count, const int *need, rng_t rng);

    /* Random singleton data: m points, coordinate j(t) uniform in [0, d),
   sign fair, |s_t| = (1 + u) 2^e with u uniform, e in {-2..2}, and
   y_t ~ N(0, 1), all doubles (exact). */
    void thm2_data_random(thm2_data_t D, slong m, slong d, rng_t rng);

    /* The Appendix C data set (appc.h: the reconstructed sample of C.2
   copied onto every coordinate) for eps in (0, 1/2), dimension d. */
    void thm2_data_appc(thm2_data_t D, const fmpq_t eps, slong d);

    /* Reads the user's data file (one point per line: x_1,...,x_d,y;
   csv.h grammar, exact) into D and checks the singleton hypothesis.
   Returns 0 on success; otherwise writes a one-line message (no newline)
   into err -- the CSV reader's "PATH:LINE:COL: ..." for a malformed file,
   "PATH: ..." for too few columns, or "PATH:LINE: ..." naming the first
   point that is not a singleton and its non-zero coordinates -- and
   returns 1. */
    int thm2_data_read(thm2_data_t D, const char *path, char *err, size_t errlen);

    /* As thm2_data_read, from the len bytes at buf named name in messages
   (rows are then named by their index, "name: row K"). */
    int thm2_data_read_mem(thm2_data_t D, const char *name, const char *buf, size_t len, char *err,
                           size_t errlen);

    /* Exact signs of a network given in doubles: ws[i d + j] = sign w_ij
   and vs[i] = sign v_i (the sign of <w_i, x_t> is sign(w_ij) sign(s_t),
   exact without any filter).  Returns 1 when (W, v) lies on a basin
   boundary (some v_i = 0, or w_ij = 0 on a coordinate with data), else
   0.  D must be singleton. */
    int thm2_signs(int *ws, int *vs, const thm2_data_t D, const double *W, const double *v, slong n);

    /* The basin sign pattern a[i m + t] = sign <w_i, x_t> = ws[i d + j(t)]
   sgn(t) of basin.h (n * m entries). */
    void thm2_pattern(int *a, const thm2_data_t D, const int *ws, slong n);

    /* Sets ws (n d) and vs (n) to the sign pattern number M < 2^(n(d+1)):
   bit i d + j of M is w_ij > 0, bit n d + i is v_i > 0.  Under
   Assumption 1 the 2^(n(d+1)) patterns are equally likely. */
    void thm2_sign_pattern(int *ws, int *vs, ulong M, slong n, slong d);

    /* ------------------------------------------ basin value and alpha */

    /* Everything from here on needs singleton data (D->singleton). */

    /* Sets c to the value of side k when the neurons active on it have
   output signs + (has_plus) and/or - (has_minus): opt_k when its need
   is 0 or met, else C_k (beta = 0, the nearest point of the cone). */
    void thm2_side_cost(fmpq_t c, const thm2_data_t D, slong k, int has_plus, int has_minus);

    /* The closed form (thm2.tex, Lemma 2.A): bas = (1/m) sum_k side costs,
   side k = (j, sigma) having the output signs of the neurons with
   sign w_ij = sigma.  Signs as from thm2_signs (no boundary). */
    void thm2_bas_closed(fmpq_t bas, const thm2_data_t D, const int *ws, const int *vs, slong n);

    /* B.4's event: every side with a need has a neuron active on it whose
   output sign is the need.  Returns 1 or 0. */
    int thm2_event(const thm2_data_t D, const int *ws, const int *vs, slong n);

    /* Sets c to cost_j(P, Q): the least value of coordinate j over the
   ways of placing P neurons with v > 0 and Q with v < 0 on its two
   sides (thm2.tex, Lemma 2.B). */
    void thm2_coord_cost(fmpq_t c, const thm2_data_t D, slong j, slong P, slong Q);

    /* Sets alpha to the minimal objective of width n >= 1,
   (1/m) min_P sum_j cost_j(P, n - P), and, when optP is not NULL,
   optP[P] (n + 1 entries) to 1 for the minimising P, else 0. */
    void thm2_alpha(fmpq_t alpha, int *optP, const thm2_data_t D, slong n);

    /* The naive value (1/m) sum_k opt_k: every side at its own best.  It
   is a lower bound of alpha, attained only when the needs can be met
   (a negative control at small n). */
    void thm2_alpha_naive(fmpq_t a, const thm2_data_t D);

    /* Sets W (n x d, initialised with that shape) and v (n entries) to an
   explicit width-n network whose loss is alpha: v_i = +-1 with the
   minimising count P of positive signs, and on each coordinate the
   placement attaining cost_j(P, n - P), one neuron of the needed sign
   carrying w_ij = +-|beta*_k| on each side it serves, every other
   w_ij = 0. */
    void thm2_alpha_net(fmpq_mat_t W, fmpq *v, const thm2_data_t D, slong n);

    /* B.4's construction, given the signs of (W, v) (no boundary) and the
   event: sets Wp (n x d) to W' with, for each side k with a need, the
   first neuron i active on it with sign v_i = need_k carrying
   w'_ij = sigma |beta*_k| / |v_i| (sigma the side's sign), and every
   other w'_ij = 0; v is unchanged.  Returns 1, or 0 when the event
   fails (Wp then undefined).  vq holds v exactly. */
    int thm2_b4_construct(fmpq_mat_t Wp, const thm2_data_t D, const int *ws, const int *vs, const fmpq *vq,
                          slong n);

    /* ------------------------------------------------ probabilities */

    /* Exact P[Bas(W, v) <= alpha] at width n >= 1 under Assumption 1:
   sum over the minimising P of C(n, P) 2^-n prod_j q_j(P), q_j(P) the
   probability that coordinate j attains cost_j(P, n - P) when each
   neuron's side is a fair coin (thm2.tex, Lemma 2.C). */
    void thm2_prob_good(fmpq_t p, const thm2_data_t D, slong n);

    /* Exact probability of B.4's event at width n >= 1. */
    void thm2_prob_event(fmpq_t p, const thm2_data_t D, slong n);

    /* A single neuron x -> [<w, x>]_+ (output weight +1) with w drawn by
   Assumption 1: sets p to the exact probability that it starts in a
   basin whose value is the single neuron's global minimum, and alpha1
   (if not NULL) to that minimum, (1/m) sum_j cost_j(1, 0). */
    void thm2_prob_single(fmpq_t p, fmpq_t alpha1, const thm2_data_t D);

    /* b = 1 - sides c^n exactly: the theorem's bound with sides = 2d and
   c = 3/4, or a tightened constant for the controls. */
    void thm2_bound(fmpq_t b, slong sides, slong n, const fmpq_t c);

    /* --- internal, shared between the thm2_*.c files --- */

    /* The placements of the P neurons of one output sign on the two sides
   of a coordinate fall into three classes c: 0, all on S_j^- (p1 = 0);
   1, on both sides (0 < p1 < P); 2, all on S_j^+ (p1 = P).  Sets
   *on_plus, *on_minus to whether the class puts a neuron on S_j^+, S_j^-,
   and returns 1 when the class exists for P (P = 0: only c = 0, with
   no neuron anywhere; P = 1: c = 0 and 2). */
    int _thm2_class(int *on_plus, int *on_minus, int c, slong P);

    /* For coordinate j with P neurons of output sign + and Q of sign -:
   sets idx[3 cp + cq] (9 entries) to 2a + b, the entry of D->cc that
   gives the coordinate's value when the + neurons are placed by class cp
   and the - neurons by class cq (a, b: S_j^+, S_j^- have their needs
   met), and returns the mask of the pairs that exist (bit 3 cp + cq). */
    int _thm2_coord_table(int *idx, const thm2_data_t D, slong j, slong P, slong Q);

    /* Sets c to cost_j(P, Q) and returns the mask of the pairs attaining
   it (bit 3 cp + cq). */
    int _thm2_coord_attain(fmpq_t c, const thm2_data_t D, slong j, slong P, slong Q);

    /* The mask of the pairs of coordinate j meeting every need of its
   two sides. */
    int _thm2_coord_event(const thm2_data_t D, slong j, slong P, slong Q);

    /* Sets D->tot and D->hist from the side sums (thm2_data_set calls it). */
    void _thm2_regimes(thm2_data_t D);

    extern const module_struct module_thm2;
    extern const char *const fragment_thm2[];

#ifdef __cplusplus
}
#endif

#endif
