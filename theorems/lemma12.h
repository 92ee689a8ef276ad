/* lemma12.h -- Lemmas 1 and 2 of the paper (Sec. 4, App. A): every
   non-empty cell B_S^{A,b} of the basin partition (Def 2) is a basin
   (Def 1), and a network's basin value is at most the basin value of any
   of its sub-networks (Lemma 2).

   The exact building blocks below are public so that the CUnit suite can
   test them against independent oracles:
     - the instance families the checks draw (lemma12_inst.c);
     - the proof path of Lemma 1 (App. A.1): the rescaling of Lemma 4 to
       |v_j| = 1, then the straight segment, checked exactly; the padding
       witness of Lemma 2 (App. A.2); the Hessian of the network's loss
       from exact differences of the loss itself (lemma12_exact.c);
     - the projected-gradient descent (doubles, candidates only) and the
       exact KKT certificate of its end points (lemma12_kkt.c).
   The network's loss with its ReLUs, the closed cell, the closed-form
   Hessians and the exact LDL^T test are core routines (shallow.h,
   ldl.h); the basin values come from the core's engine (basin.h). */
#ifndef LEMMA12_H
#define LEMMA12_H

#include "basin.h"
#include "bc.h"
#include "module.h"
#include "rng.h"

#ifdef __cplusplus
extern "C"
{
#endif

    /* ------------------------------------------ instances (lemma12_inst.c) */

/* the instance families of lemma12_inst_draw */
#define LEMMA12_SMALL 0    /* X, y, W, v: N(0, 1) draws rounded to multiples of 2^-4; d 2..4, m 2..6 */
#define LEMMA12_LARGE 1    /* the same with d 4..6, m 8..12 */
#define LEMMA12_DECIMAL 2  /* N(0, 1) draws rounded to 1 or 2 decimal digits, as CSV text; d 2..4, m 2..8 */
#define LEMMA12_INTERVAL 3 /* as LEMMA12_SMALL, the value left as the interval path's bounds */
#define LEMMA12_KINDS 4

/* the exponent of the dyadic grid of the families: multiples of 2^-4 */
#define LEMMA12_GRID_BITS 4

    /* A network (W, v) of width n on data (X, y) (m points in R^d) whose
       point is interior to its cell B, and, after lemma12_inst_value, the
       certified value R of that cell. */
    typedef struct
    {
        int kind; /* LEMMA12_* */
        slong n, m, d;
        fmpq_mat_t X; /* m x d */
        fmpq *y;      /* m */
        fmpq_mat_t W; /* n x d */
        fmpq *v;      /* n */
        basin_t B;
        basin_result_t R;
        int valued;    /* R holds the certified value */
        slong redraws; /* networks drawn on a boundary and redrawn */
    } lemma12_inst_struct;

    typedef lemma12_inst_struct lemma12_inst_t[1];

    /* Initialises I as the empty instance (n = m = d = 0). */
    void lemma12_inst_init(lemma12_inst_t I);
    void lemma12_inst_clear(lemma12_inst_t I);

    /* Sets x to round(2^4 g) / 2^4 for a N(0, 1) draw g from r (exact):
       the grid of the dyadic families. */
    void lemma12_dyadic_draw(fmpq_t x, rng_t r);

    /* Sets I to a draw of family kind from the stream (seed, stream, idx):
       the width n uniform in nmin..nmax (1 <= nmin <= nmax), then d, m,
       the data (no x_t = 0: a zero point puts every network on a
       boundary; decimal data are written as CSV text and read by the exact
       parser of csv.h, so 0.1 is 1/10), then networks until one is
       interior to its cell (I->redraws counts the others).  Does not
       compute the value. */
    void lemma12_inst_draw(lemma12_inst_t I, int kind, slong nmin, slong nmax, uint64_t seed,
                           const char *stream, ulong idx);

    /* Sets I to the network (W, v) (n rows) on (X, y), all copied, kind
       LEMMA12_SMALL, and returns basin_pattern's code (BASIN_OK when the
       point is interior; else I->B is empty). */
    int lemma12_inst_set(lemma12_inst_t I, const fmpq_mat_t X, const fmpq *y, const fmpq_mat_t W,
                         const fmpq *v, slong n);

    /* Computes I->R, the certified value of I's cell: basin_value, or the
       interval path alone (basin_value_rounds with no exact round) for
       LEMMA12_INTERVAL.  Requires an interior point. */
    void lemma12_inst_value(lemma12_inst_t I);

    /* ------------------------------------------- the proof (lemma12_exact.c) */

    /* The Lemma 4 rescaling at lambda in [0, 1]: alpha_j = 1 - lambda +
   lambda |v_j|, w_j(lambda) = alpha_j w_j, v_j(lambda) = v_j / alpha_j.
   Requires every v_j != 0 (then alpha_j > 0). */
    void lemma12_rescale(fmpq_mat_t Wl, fmpq *vl, const fmpq_mat_t W, const fmpq *v, const fmpq_t lambda);

    typedef struct
    {
        slong points;     /* path points checked exactly */
        int ok_cell;      /* every point of both rescalings in the closed cell */
        int ok_cell_seg;  /* every grid point of the segment in the closed cell */
        int ok_constant;  /* loss constant along both rescalings */
        int ok_unit;      /* rescaling ends with v = b */
        int ok_joined;    /* the three pieces join exactly */
        int ok_quadratic; /* loss on the segment equals A l^2 + B l + C at every grid point */
        int ok_convex;    /* A >= 0 */
        int ok_level;     /* max over the path <= alpha */
        fmpq_t margin;    /* alpha - max over the path (exact: the max is at an endpoint) */
        fmpq_t A;         /* the segment's quadratic coefficient */
    } lemma12_path_struct;

    typedef lemma12_path_struct lemma12_path_t[1];

    void lemma12_path_init(lemma12_path_t P);
    void lemma12_path_clear(lemma12_path_t P);

    /* Checks the path of App. A.1 between (W1, v1) and (W2, v2) in the
   closed cell of B at level alpha: the Lemma 4 rescaling of (W1, v1)
   to v = b, the segment in W with v = b, the reversed rescaling to
   (W2, v2); each piece on a grid of grid + 1 points.  Returns 1 when
   every ok_* flag holds. */
    int lemma12_check_path(lemma12_path_t P, const basin_t B, const fmpq_mat_t W1, const fmpq *v1,
                           const fmpq_mat_t W2, const fmpq *v2, const fmpq_t alpha, slong grid);

    /* The witness of App. A.2: zpad (length n d of Bfull) is zsub (length
   k d) padded with zeros outside I (k sorted indices).  Returns 1 when
   (a) the sub-pattern is the rows I of the full pattern, (b) zpad lies in
   the full closed cone (basin_is_feasible), (c) the full objective at
   zpad equals the sub objective at zsub exactly; fval receives it. */
    int lemma12_pad_witness(fmpq_t fval, fmpq *zpad, const basin_t Bfull, const basin_t Bsub, const slong *I,
                            slong k, const fmpq *zsub);

    /* Sets (W, v) (n x d and n, allocated) to the network
   (w_j, v_j) = (b_j z_j, b_j), whose v_j w_j is z_j; in the closed cell
   of B when z is in its cone. */
    void lemma12_net_of_z(fmpq_mat_t W, fmpq *v, const basin_t B, const fmpq *z);

    /* L = the network's loss at (w_j, v_j) = (b_j z_j, b_j), evaluated
   with ReLUs (shallow_net_loss): equal to f(z) for z in the closed cell,
   and the network's loss at any (W, v) with v_j w_j = z_j, sign v = b. */
    void lemma12_net_loss_z(fmpq_t L, const basin_t B, const fmpq *z);

/* the variables of lemma12_loss_hessian */
#define LEMMA12_VARS_Z 0  /* z_j = v_j w_j (Lemma 3), n d of them; (W, v) = (b_j z_j, b_j) */
#define LEMMA12_VARS_WV 1 /* the original theta = (w_1, ..., w_n, v_1, ..., v_n), n d + n of them */

    /* The number of variables of vars for the cell of B. */
    slong lemma12_nvars(const basin_t B, int vars);

    /* L = the network's loss, evaluated with its ReLUs (shallow_net_loss),
   at the point theta of the variables vars (data and signs b of B). */
    void lemma12_loss_at(fmpq_t L, const basin_t B, int vars, const fmpq *theta);

    /* H (k x k, resized) = the Hessian at theta0 of the network's loss L as
   a function of the variables vars, along the k directions U (k rows of
   lemma12_nvars entries; NULL: the unit vectors, k = lemma12_nvars),
   from exact values of L (lemma12_loss_at) at steps h (L(u) short for
   L(theta0 + u)):
     Z, forward differences, exact for a quadratic:
       H_ac = (L(h u_a + h u_c) - L(h u_a) - L(h u_c) + L(0)) / h^2;
     (W, v), five-point central differences, exact up to degree 5:
       Q(u) = (-L(2hu) + 16 L(hu) - 30 L(0) + 16 L(-hu) - L(-2hu)) / (12 h^2),
       H_aa = Q(u_a), H_ac = (Q(u_a + u_c) - Q(u_a) - Q(u_c)) / 2.
   On an open cell the loss is a polynomial of degree 2 in Z and 4 in
   (W, v): when every point lies in the open cell, H is the Hessian
   exactly.  Elsewhere it is a matrix of differences (a kink on a line
   shows as a jump of the slope): it says nothing of M or of the basin
   engine. */
    void lemma12_loss_hessian(fmpq_mat_t H, const basin_t B, int vars, const fmpq *theta0, const fmpq *U,
                              slong k, const fmpq_t h);

    /* Sets h to the largest power of two, at most 1, such that every point
   theta0 + s h (e_a + e_c) of lemma12_loss_hessian with unit directions
   (0 <= s <= 1 in Z, |s| <= 2 in (W, v)) lies in the open cell of B;
   returns 0 (h untouched) when theta0 itself is not strictly inside. */
    int lemma12_diff_step(fmpq_t h, const basin_t B, int vars, const fmpq *theta0);

    /* ------------------------------------ descent and KKT (lemma12_kkt.c) */

    /* Projected (FISTA) gradient descent on f over the cone of B in
   doubles, from zstart, for at most maxit iterations; the projection per
   neuron solves its dual, a non-negative least-squares problem
   (Lawson-Hanson).  Candidates only.  Returns the iterations. */
    slong lemma12_descent_d(double *z, const basin_t B, const double *zstart, slong maxit);

/* outcomes of lemma12_kkt */
#define LEMMA12_KKT_OK 0           /* an exact KKT certificate */
#define LEMMA12_KKT_INCONSISTENT 1 /* the face's KKT system has no solution */
#define LEMMA12_KKT_INFEASIBLE 2   /* its solution violates a constraint */
#define LEMMA12_KKT_NEGATIVE 3     /* a multiplier is negative */

    typedef struct
    {
        int ok;       /* (z, mu) passed lemma12_kkt_verify */
        int reason;   /* LEMMA12_KKT_* */
        slong active; /* independent constraints held with equality */
        slong free;   /* free unknowns of the KKT system (set from the float point) */
        slong n, m, d;
        fmpq *z;      /* n d: the face's exact solution */
        fmpq *mu;     /* n m: its multipliers (0 off the active set) */
        fmpq_t value; /* f(z), exact, when ok */
    } lemma12_kkt_struct;

    typedef lemma12_kkt_struct lemma12_kkt_t[1];

    void lemma12_kkt_init(lemma12_kkt_t K, const basin_t B);
    void lemma12_kkt_clear(lemma12_kkt_t K);

    /* Exact KKT certificate at the float point zd (n d doubles): the
   constraints with s_{j,t} <zd_j, x_t> <= tol |x_t| |zd_j| are taken as
   active (per neuron an independent subset), the face's KKT system
   M^T (M z - y) = C_A^T mu, C_A z = 0 is solved exactly (free unknowns
   set from zd), and the result is decided by lemma12_kkt_verify.
   Returns K->ok: then z is a minimiser of the convex programme over the
   whole cone (KKT is sufficient) and K->value = Bas exactly. */
    int lemma12_kkt(lemma12_kkt_t K, const basin_t B, const double *zd, double tol);

    /* 1 if (z, mu) satisfy the KKT conditions of min f over the cone
   exactly: s_{j,t} <z_j, x_t> >= 0, mu >= 0, mu_{j,t} = 0 wherever the
   constraint is slack, and for every neuron
   sum_{t: a=+1} r_t x_t = sum_t mu_{j,t} s_{j,t} x_t, r the network's own
   residuals at (b_j z_j, b_j); value = f(z).  Independent of the basin
   engine. */
    int lemma12_kkt_verify(fmpq_t value, const basin_t B, const fmpq *z, const fmpq *mu);

    extern const module_struct module_lemma12;
    extern const char *const fragment_lemma12[];

#ifdef __cplusplus
}
#endif

#endif
