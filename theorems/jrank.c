/* jrank.c -- the module "jrank": the Jacobian rank of activation regions
   (seed 004, Karhadkar et al., reconstructed from the abstract; jrank.tex).

   Checks: (D1) full rank in a region makes every critical point of its
   loss global, decided on witness regions, with the rank-deficient
   counterpart (a certified non-zero local minimum) and a control through
   the same decision; (D2) the zero-loss set of a region has dimension
   P - rank J, witnessed by an exact interior point and exact kernel
   directions, with the full-rank region whose zero-loss set is empty as
   the control; (D3) the fraction of full-rank patterns: exact
   enumeration against the provable bound, Monte Carlo beyond it (judged
   in the family), the proof's specialised data X0 against the exact
   product, and controls below d1 (d0 + 1) < n.  The reconstructed
   constants are read once each (the claimed_* readers below), where the
   mutants act.  Statements are the checktext blocks of jrank.tex. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <flint/fmpq_vec.h>

#include "jrank.h"
#include "mc.h"
#include "rng.h"

#define CLAIM "Seed 004 (Karhadkar et al.)"
/* the bound of Proposition D3 as the report prints it */
#define BOUND_TEX "\\prod_k\\prod_{i<m_k}(1-2^{i-d_1})"
#define PREC 128

/* clang-format off */
static const check_spec jrank_specs[] = {
    {"jrank.d1.full", CHECK_EXACT, ST_HOLDS, 0,
     "D1: rank J = n in a region => every critical point of its loss has zero loss (random witness regions)",
     STRENGTH_DECIDES, "jrank.c", NULL, 1, 0},
    {"jrank.d1.deficient", CHECK_EXACT, ST_HOLDS, 0,
     "D1 counterpart: a rank-deficient region (x = 1,2,3) holds a certified local minimum of value 2/9 > 0 = global",
     STRENGTH_WITNESSES, "jrank.c", NULL, 1, 0},
    {"jrank.control.d1", CHECK_EXACT, ST_FAILS, 1,
     "control: the counterpart's decision on a full-rank region (x = 1,2,3) must find no non-zero local minimum",
     STRENGTH_DECIDES, "jrank.c", NULL, 1, 0},
    {"jrank.d2.dim", CHECK_EXACT, ST_HOLDS, 0,
     "D2: zero-loss set of a region = manifold of dimension P - rank J (exact interior point, exact kernel steps)",
     STRENGTH_WITNESSES, "jrank.c", NULL, 1, 0},
    {"jrank.control.d2_empty", CHECK_EXACT, ST_FAILS, 1,
     "control: a full-rank region (x = 1,2,3) with no zero-loss point (Farkas): full rank does not give one",
     STRENGTH_DECIDES, "jrank.c", NULL, 1, 0},
    {"jrank.d3.enum", CHECK_EXACT, ST_HOLDS, 0,
     "D3: fraction of full-rank patterns >= GF(2) product >= 1 - (d0+1) 2^(m-d1), all 2^(d1 n) patterns, d1 n <= 20",
     STRENGTH_DECIDES, "jrank.c", NULL, 1, 0},
    {"jrank.control.d3", CHECK_EXACT, ST_FAILS, 1,
     "control: d1 (d0+1) < n, some pattern full rank claimed; exact enumeration finds none",
     STRENGTH_DECIDES, "jrank.c", NULL, 1, 0},
    {"jrank.d3.mc", CHECK_MONTECARLO, ST_CONSISTENT, 0,
     "D3 beyond enumeration: P[rank J = n] >= GF(2) product, uniform patterns, uniform data, n up to 190",
     STRENGTH_STATISTICAL, "jrank.c", NULL, 1, 0},
    {"jrank.d3.x0", CHECK_AGREEMENT, ST_CONSISTENT, 0,
     "D3 proof step: at the specialised data X0 (groups of <= 2 points) P[rank J = n] = the GF(2) product exactly",
     STRENGTH_STATISTICAL, "jrank.c", NULL, 1, 0},
    {"jrank.d5.count", CHECK_EXACT, ST_HOLDS, 0,
     "D5: 1-D realisable rows = the 2n step vectors; full-rank row sets counted by the transfer matrix = "
     "enumeration with exact ranks, every size k, n = 1..8",
     STRENGTH_DECIDES, "jrank.c", NULL, 1, 0},
    {"jrank.control.d5_tie", CHECK_EXACT, ST_FAILS, 1,
     "control: two equal points (the theorem needs distinct ones); the same comparison must fail",
     STRENGTH_DECIDES, "jrank.c", NULL, 1, 0},
    {"jrank.d4.line", CHECK_AGREEMENT, ST_CONSISTENT, 0,
     "D4 in 1-D: P[rank J = n] under the authors' initialisation = the exact rational of the weighted "
     "transfer matrix (sampled regions, exact ranks)",
     STRENGTH_STATISTICAL, "jrank.c", NULL, 1, 0},
    {"jrank.d4.transfer", CHECK_MONTECARLO, ST_VIOLATED, 0,
     "finding: D3's bound read for the regions met by the authors' initialisation is violated (d0 = 1, 9)",
     STRENGTH_STATISTICAL, "jrank.c", NULL, 1, 0},
    {"jrank.control.d3_mc", CHECK_MONTECARLO, ST_VIOLATED, 1,
     "control: d1 (d0+1) < n, 'most patterns full rank' (P >= 1/2) must be violated",
     STRENGTH_STATISTICAL, "jrank.c", NULL, 1, 0},
};

static const mutant_spec jrank_mutants[] = {
    {"jrank.mutant.full_min",
     "'full rank' read as rank J = min(n, P) (the core's full_rank flag) instead of rank J = n: with P < n the "
     "left kernel is non-trivial, so a random target leaves a non-zero residual at every critical point, and "
     "regions below d1 (d0 + 1) < n count as full",
     "jrank.d1.full jrank.control.d1 jrank.control.d3 jrank.control.d3_mc"},
    {"jrank.mutant.affine",
     "the counterpart's targets made affine in x, y = (0, 1, 2): every all-active region then fits them, the "
     "critical residual is 0 and no non-zero local minimum exists",
     "jrank.d1.deficient"},
    {"jrank.mutant.dim_vfree",
     "D2's dimension read as P - rank J + d1 (the count with the output weights free) for the set at fixed "
     "output weights: too large by d1 on every instance",
     "jrank.d2.dim"},
    {"jrank.mutant.ctl_reachable",
     "the empty-set control's targets replaced by the outputs of the region's own network, which lie in the "
     "region: the zero-loss set is then non-empty and the control must hold",
     "jrank.control.d2_empty"},
    {"jrank.mutant.union",
     "the union-bound form 1 - (d0+1) 2^(m-d1) without its factor d0 + 1: false, e.g. n = 5, d0 = 2, d1 = 4, "
     "where the exact fraction at generic data is 0.7232 < 3/4",
     "jrank.d3.enum"},
    {"jrank.mutant.bound_d1",
     "the GF(2) product evaluated with one neuron more (d1 + 1): above the exact probability at X0, where the "
     "product is attained",
     "jrank.d3.x0 jrank.d3.enum"},
    {"jrank.mutant.counting",
     "the initialisation's regions replaced by uniformly random patterns (the counting measure), for which "
     "Proposition D3 proves the bound: the finding must then be consistent",
     "jrank.d4.transfer"},
    {"jrank.mutant.line_c1",
     "Theorem D5's criterion with one crossing unit segment instead of two (an unmerged pattern with a single "
     "crossing unit segment leaves z free in one direction, so its rank is n - 1): the counts differ",
     "jrank.d5.count"},
    {"jrank.mutant.uniform_rows",
     "the initialisation law read as uniform on the 2n realisable rows (every region equally likely), "
     "instead of the row probabilities of weights uniform on a square (three neurons in four constant on "
     "data in [0, 1]): the exact probability is then far from the sampled rate",
     "jrank.d4.line"},
    {"jrank.mutant.ctl_distinct",
     "the tie control's repeated point moved apart (distinct points, the theorem's hypothesis): the "
     "comparison must hold",
     "jrank.control.d5_tie"},
    {"jrank.mutant.degenerate",
     "the genericity of the data broken: every point on one line (all coordinates but the first zero), so "
     "rank J <= 2 d1 < n on every cell",
     "jrank.d3.mc"},
};
/* clang-format on */

#define NSPECS ((slong) (sizeof(jrank_specs) / sizeof(jrank_specs[0])))
#define NMUTANTS ((slong) (sizeof(jrank_mutants) / sizeof(jrank_mutants[0])))

/* ------------------------------- the reconstructed constants, read once */

/* "Full rank" (D1, D3): rank J = n.  The mutant reads the core's flag
   rank J = min(n, P). */
static int
full_reading_min(const run_t R)
{
    return run_mutant(R, "jrank.mutant.full_min");
}

static int
full_def(int min_reading, jac_rank_t K, const jac_data_t D, const jac_pattern_t A)
{
    jac_rank(K, D, A, JAC_DECIDE);
    if (K->full_rank != BC_TRUE)
        return 0;
    return min_reading || K->P >= K->n;
}

/* the claimed dimension of the zero-loss set at fixed output weights (D2) */
static slong
claimed_dim(const run_t R, slong P, slong rank, slong d1)
{
    return P - rank + (run_mutant(R, "jrank.mutant.dim_vfree") ? d1 : 0);
}

/* the claimed bounds of D3: the GF(2) product over d0 + 1 groups and its
   union-bound form */
static void
claimed_product(const run_t R, fmpq_t B, slong n, slong d0, slong d1)
{
    jrank_bound_product(B, n, d0 + 1, d1 + (run_mutant(R, "jrank.mutant.bound_d1") ? 1 : 0));
}

static void
claimed_simple(const run_t R, fmpq_t B, slong n, slong d0, slong d1)
{
    jrank_bound_simple(B, n, d0 + 1, run_mutant(R, "jrank.mutant.union") ? 1 : d0 + 1, d1);
}

/* ------------------------------------------------- the configurations */

/* D1 witness regions (n, d0, d1): P >= n first, then P < n, where rank n
   is impossible (the mutant's reading picks them up) */
static const slong d1_cfg[][3] = {{6, 1, 12}, {6, 1, 20}, {8, 2, 8}, {10, 3, 8}, {12, 2, 12}, {5, 4, 3},
                                  {6, 2, 6},  {9, 8, 3},  {4, 1, 1}, {7, 2, 2},  {9, 2, 2},   {12, 3, 2}};
#define N_D1 ((slong) (sizeof(d1_cfg) / sizeof(d1_cfg[0])))
static const slong d1_sizes[3] = {3, 10, 40};

/* D2 instances: full rank and deficient regions */
static const slong d2_cfg[][3] = {{6, 1, 12}, {8, 2, 8},   {10, 3, 6}, {5, 1, 2},
                                  {6, 2, 1},  {12, 2, 10}, {9, 1, 6},  {7, 6, 3}};
#define N_D2 ((slong) (sizeof(d2_cfg) / sizeof(d2_cfg[0])))
static const slong d2_sizes[3] = {2, 6, 20};

/* D3 enumeration: (n, d0, d1, smallest run size that includes it) */
static const slong d3_cfg[][4] = {{4, 1, 3, 0},  {4, 1, 5, 0}, {4, 2, 3, 0}, {4, 3, 3, 0}, {5, 2, 3, 0},
                                  {5, 2, 4, 0},  {6, 1, 3, 0}, {6, 2, 2, 0}, {6, 2, 3, 0}, {8, 3, 2, 0},
                                  {5, 4, 2, 0},  {6, 5, 2, 0}, {5, 1, 4, 1}, {4, 2, 5, 1}, {10, 4, 2, 1},
                                  {10, 9, 2, 2}, {5, 3, 4, 2}};
#define N_D3 ((slong) (sizeof(d3_cfg) / sizeof(d3_cfg[0])))

/* the enumeration control: d1 (d0 + 1) < n */
static const slong d3_ctl[][3] = {{3, 1, 1}, {5, 1, 2}, {7, 2, 2}, {9, 3, 2}};
#define N_D3C ((slong) (sizeof(d3_ctl) / sizeof(d3_ctl[0])))

/* Monte Carlo cells */
static const slong mc_cell[][3] = {{24, 3, 9}, {40, 9, 8}, {60, 2, 24}, {100, 4, 26}, {190, 95, 12}};
#define N_MC ((slong) (sizeof(mc_cell) / sizeof(mc_cell[0])))
static const slong x0_cell[][3] = {{40, 19, 6}, {60, 29, 8}, {190, 95, 10}};
#define N_X0 ((slong) (sizeof(x0_cell) / sizeof(x0_cell[0])))
/* D5: n = 1..D5_NMAX, every set of realisable rows; the tie control at
   n = D5_TIE; the exact 1-D phase table (counting measure on the
   realisable regions) at the authors' d0 = 1 grid */
#define D5_NMAX 8
#define D5_TIE 6
static const slong d5_tab_n[] = {10, 20, 50, 100};
#define N_D5T ((slong) (sizeof(d5_tab_n) / sizeof(d5_tab_n[0])))

/* D4 in one dimension: (n, d1) */
static const slong d4l_cell[][2] = {{3, 6}, {4, 12}, {6, 24}, {8, 40}, {10, 60}};
#define N_D4L ((slong) (sizeof(d4l_cell) / sizeof(d4l_cell[0])))

/* the finding: cells with d1 (d0 + 1) >= n where the bound is large */
static const slong d4_cell[][3] = {{40, 9, 10}, {100, 1, 60}, {190, 95, 12}};
#define N_D4 ((slong) (sizeof(d4_cell) / sizeof(d4_cell[0])))
static const slong mcc_cell[][3] = {{40, 4, 7}, {100, 20, 4}};
#define N_MCC ((slong) (sizeof(mcc_cell) / sizeof(mcc_cell[0])))
static const ulong mc_sizes[3] = {100, 1000, 10000};
#define CONTROL_MIN 100

/* the phase-transition figure: n = 40, d0 = 9, d1 = 1..16 */
#define FIG_N 40
#define FIG_D0 9
#define FIG_D1MAX 16
static const ulong fig_sizes[3] = {40, 200, 1000};

/* --------------------------------------------------------- instances */

/* a random region: Gaussian data (float32), hidden weights theta0 of an
   Assumption-1 law (i.i.d. normal coordinates; the region is theirs,
   centred data make most neurons cut the data), output weights
   v_i = +-k/4, k in 1..8, targets y_j = k/8, |k| <= 8, or the outputs of
   (theta0, v) (teacher = 1); returns 0 when some pre-activation is 0 */
typedef struct
{
    jac_data_t D;
    jac_pattern_t A;
    fmpq *theta0, *v, *y;
    slong n, d0, d1, P;
} inst_struct;

static void
inst_init(inst_struct *I, slong n, slong d0, slong d1)
{
    I->n = n;
    I->d0 = d0;
    I->d1 = d1;
    I->P = d1 * (d0 + 1);
    jac_data_init(I->D, n, d0);
    jac_pattern_init(I->A, d1, n);
    I->theta0 = _fmpq_vec_init(I->P);
    I->v = _fmpq_vec_init(d1);
    I->y = _fmpq_vec_init(n);
}

static void
inst_clear(inst_struct *I)
{
    jac_data_clear(I->D);
    jac_pattern_clear(I->A);
    _fmpq_vec_clear(I->theta0, I->P);
    _fmpq_vec_clear(I->v, I->d1);
    _fmpq_vec_clear(I->y, I->n);
}

/* the network's outputs at (theta, v) on D's points: y = J(v) theta */
static void
outputs(fmpq *y, const jac_data_t D, const jac_pattern_t A, const fmpq *theta, const fmpq *v)
{
    slong n = D->n, P = A->d1 * D->e, j, l;
    fmpq_mat_t J;
    fmpq_mat_init(J, n, P);
    jac_jacobian(J, D, A, v);
    for (j = 0; j < n; j++)
    {
        fmpq_zero(y + j);
        for (l = 0; l < P; l++)
            fmpq_addmul(y + j, fmpq_mat_entry(J, j, l), theta + l);
    }
    fmpq_mat_clear(J);
}

static int
inst_draw(inst_struct *I, const run_t R, const char *stream, ulong k, int teacher)
{
    rng_t g;
    slong i, c, e = I->d0 + 1;
    double *W = flint_malloc(sizeof(double) * (size_t) (I->d1 * I->d0));
    double *b = flint_malloc(sizeof(double) * (size_t) I->d1);
    int ok;
    rng_init(g, R->opts->seed, rng_stream_id(stream), k);
    jac_data_sample(I->D, JAC_DATA_GAUSS, g);
    jac_weights_sample(W, b, NULL, I->d1, I->d0, JAC_INIT_SPHERE, g);
    ok = jac_pattern_set_weights_d(I->A, NULL, NULL, I->D, W, b) == 0;
    for (i = 0; i < I->d1; i++)
    {
        for (c = 0; c < I->d0; c++)
            bc_fmpq_set_d(I->theta0 + i * e + c, W[i * I->d0 + c]);
        bc_fmpq_set_d(I->theta0 + i * e + I->d0, b[i]);
        fmpq_set_si(I->v + i, (slong) (1 + rng_below(g, 8)), 4);
        if (rng_below(g, 2))
            fmpq_neg(I->v + i, I->v + i);
    }
    if (teacher)
        outputs(I->y, I->D, I->A, I->theta0, I->v);
    else
        for (i = 0; i < I->n; i++)
            fmpq_set_si(I->y + i, (slong) rng_below(g, 17) - 8, 8);
    rng_clear(g);
    flint_free(W);
    flint_free(b);
    return ok;
}

/* A = the pattern of the hidden parameters theta ((w_i, b_i) per
   neuron) on D; returns the number of zero pre-activations */
static slong
pattern_of(jac_pattern_t A, const jac_data_t D, const fmpq *theta)
{
    slong d1 = A->d1, d0 = D->d0, e = D->e, i, c, z;
    fmpq *W = _fmpq_vec_init(d1 * d0), *b = _fmpq_vec_init(d1);
    for (i = 0; i < d1; i++)
    {
        for (c = 0; c < d0; c++)
            fmpq_set(W + i * d0 + c, theta + i * e + c);
        fmpq_set(b + i, theta + i * e + d0);
    }
    z = jac_pattern_set_weights(A, NULL, NULL, D, W, b);
    _fmpq_vec_clear(W, d1 * d0);
    _fmpq_vec_clear(b, d1);
    return z;
}

/* the one-dimensional instance of D1's counterpart and the controls:
   x = 1, 2, 3, neurons given as (w, b), v_i = 1 */
static void
inst_line(inst_struct *I, const slong (*wb)[2], slong d1, const fmpq *y)
{
    fmpq x[3];
    slong i, j;
    inst_init(I, 3, 1, d1);
    for (j = 0; j < 3; j++)
    {
        fmpq_init(x + j);
        fmpq_set_si(x + j, j + 1, 1);
    }
    jac_data_set_fmpq(I->D, x);
    for (i = 0; i < d1; i++)
    {
        /* b given in halves */
        fmpq_set_si(I->theta0 + 2 * i, wb[i][0], 1);
        fmpq_set_si(I->theta0 + 2 * i + 1, wb[i][1], 2);
        fmpq_one(I->v + i);
    }
    pattern_of(I->A, I->D, I->theta0);
    for (j = 0; j < 3; j++)
    {
        fmpq_set(I->y + j, y + j);
        fmpq_clear(x + j);
    }
}

static int
vec_is_zero(const fmpq *r, slong n)
{
    slong j;
    for (j = 0; j < n; j++)
        if (!fmpq_is_zero(r + j))
            return 0;
    return 1;
}

/* ------------------------------------------------------------- (D1) */

/* D1 on random witness regions: where the hypothesis holds, the residual
   shared by every critical point is decided to be 0 */
static void
check_d1_full(run_t R)
{
    check_t c;
    jac_rank_t K;
    slong i, k, q, N = run_size_pick(R, d1_sizes), regions = 0, hyp = 0, small = 0, bad = 0, und = 0;
    int minr = full_reading_min(R);
    char stream[64];

    jac_rank_init(K);
    run_check(R, c, "jrank.d1.full");
    for (i = 0; i < N_D1; i++)
        for (k = 0; k < N; k++)
        {
            inst_struct I;
            inst_init(&I, d1_cfg[i][0], d1_cfg[i][1], d1_cfg[i][2]);
            snprintf(stream, sizeof stream, "jrank.d1/%ld/%ld/%ld", (long) I.n, (long) I.d0, (long) I.d1);
            if (inst_draw(&I, R, stream, (ulong) k, 0))
            {
                regions++;
                if (full_def(minr, K, I.D, I.A))
                {
                    fmpq *r = _fmpq_vec_init(I.n), *th = _fmpq_vec_init(I.P);
                    hyp++;
                    small += I.P < I.n;
                    q = jrank_crit_residual(r, th, I.D, I.A, I.v, I.y);
                    if (q < 0)
                        und++;
                    else if (!vec_is_zero(r, I.n) && bad++ == 0)
                        check_set_witness(c,
                                          "stream %s sample %ld (n = %ld, d0 = %ld, d1 = %ld, P = %ld): the "
                                          "region counts as full rank, yet the critical residual is non-zero "
                                          "(left kernel of dimension %ld)",
                                          stream, (long) k, (long) I.n, (long) I.d0, (long) I.d1, (long) I.P,
                                          (long) q);
                    _fmpq_vec_clear(r, I.n);
                    _fmpq_vec_clear(th, I.P);
                }
            }
            inst_clear(&I);
        }
    check_field_add(c, "regions drawn", "%ld (%ld configurations (n, d0, d1), %ld each)", (long) regions,
                    (long) N_D1, (long) N);
    check_field_add(c, "regions meeting the hypothesis", "%ld (of them with P < n: %ld)", (long) hyp,
                    (long) small);
    check_field_add(c, "regions with a critical point of non-zero loss", "%ld", (long) bad);
    if (bad == 0)
        check_set_witness(c,
                          "streams jrank.d1/n/d0/d1 under seed %llu; each region's residual decided exactly",
                          (unsigned long long) R->opts->seed);
    check_count(c, bad, und + (hyp == 0));
    run_push(R, c);
    jac_rank_clear(K);
}

/* the neurons (w, 2b) of the one-dimensional instances on x = 1, 2, 3:
   "everything" (w = 0, b = 1) twice, and "everything" with the suffix
   {2, 3} (w = 1, b = -3/2) */
static const slong line_flat[2][2] = {{0, 2}, {0, 2}};
static const slong line_full[2][2] = {{0, 2}, {1, -3}};

/* the targets y = (0, 1, 0) */
static void
line_targets(fmpq *y)
{
    fmpq_zero(y + 0);
    fmpq_one(y + 1);
    fmpq_zero(y + 2);
}

static void
field_vec(check_t c, const char *key, const fmpq *x, slong n)
{
    char *s = NULL, *t;
    slong j;
    for (j = 0; j < n; j++)
    {
        char *q = fmpq_get_str(NULL, 10, x + j);
        t = bc_aprintf("%s%s%s", s ? s : "(", s ? ", " : "", q);
        flint_free(q);
        if (s != NULL)
            flint_free(s);
        s = t;
    }
    check_field_add(c, key, "%s)", s);
    flint_free(s);
}

static void
check_d1_deficient(run_t R)
{
    check_t c;
    inst_struct I;
    fmpq y[3], hat[4], vh[2];
    fmpq_t value, Lh;
    fmpq *th;
    jac_rank_t K;
    truth_t t;
    slong j;

    for (j = 0; j < 3; j++)
        fmpq_init(y + j);
    line_targets(y);
    if (run_mutant(R, "jrank.mutant.affine"))
        fmpq_set_si(y + 2, 2, 1);
    inst_line(&I, line_flat, 2, y);
    fmpq_init(value);
    fmpq_init(Lh);
    th = _fmpq_vec_init(I.P);
    jac_rank_init(K);
    run_check(R, c, "jrank.d1.deficient");
    jac_rank(K, I.D, I.A, JAC_EXACT);
    check_field_add(c, "rank J", "%ld of n = 3 (certificate %s)", (long) K->rank, jac_cert_name(K->cert_hi));
    field_vec(c, "targets", y, 3);
    t = jrank_local_min(value, th, I.D, I.A, I.v, I.y, PREC);
    /* the global minimum: the hat 2 [x - 3/2]_+ - [6 x - 15]_+ */
    for (j = 0; j < 4; j++)
        fmpq_init(hat + j);
    fmpq_set_si(hat + 0, 2, 1);
    fmpq_set_si(hat + 1, -3, 1);
    fmpq_set_si(hat + 2, 6, 1);
    fmpq_set_si(hat + 3, -15, 1);
    fmpq_init(vh + 0);
    fmpq_init(vh + 1);
    fmpq_one(vh + 0);
    fmpq_set_si(vh + 1, -1, 1);
    jrank_net_loss(Lh, I.D, hat, vh, 2, y);
    check_field_fmpq(c, "local minimum value (Bas, certified)", value);
    if (t == BC_TRUE)
        field_vec(c, "interior critical point (w1, b1, w2, b2)", th, I.P);
    check_field_fmpq(c, "loss of the hat network (w, b, v) = (2, -3, 1), (6, -15, -1)", Lh);
    if (t == BC_TRUE && !(fmpq_is_zero(Lh) && fmpq_sgn(value) > 0))
        t = BC_FALSE;
    check_set_witness(c, "data x = 1, 2, 3; both neurons active on every point, v = (1, 1); local minimum "
                         "certified by basin_value on the lifted data (x, 1)");
    check_decide(c, t);
    run_push(R, c);
    for (j = 0; j < 4; j++)
        fmpq_clear(hat + j);
    fmpq_clear(vh + 0);
    fmpq_clear(vh + 1);
    for (j = 0; j < 3; j++)
        fmpq_clear(y + j);
    fmpq_clear(value);
    fmpq_clear(Lh);
    _fmpq_vec_clear(th, I.P);
    jac_rank_clear(K);
    inst_clear(&I);
}

/* control: the counterpart's decision on the first candidate region of
   x = 1, 2, 3 that the definition of full rank accepts: one neuron active
   everywhere (rank 2 = P < n), or that neuron with the suffix {2, 3}
   (rank 3 = n) */
static void
check_d1_control(run_t R)
{
    check_t c;
    inst_struct I;
    fmpq y[3];
    fmpq_t value;
    fmpq *th;
    jac_rank_t K;
    truth_t t;
    slong j, d1;
    int minr = full_reading_min(R), found = 0;

    for (j = 0; j < 3; j++)
        fmpq_init(y + j);
    line_targets(y);
    jac_rank_init(K);
    fmpq_init(value);
    run_check(R, c, "jrank.control.d1");
    for (d1 = 1; d1 <= 2 && !found; d1++)
    {
        inst_line(&I, line_full, d1, y);
        found = full_def(minr, K, I.D, I.A);
        if (!found)
            inst_clear(&I);
    }
    if (!found)
    {
        check_add_note(c, "no candidate region meets the hypothesis");
        check_decide(c, BC_UNDECIDED);
    }
    else
    {
        th = _fmpq_vec_init(I.P);
        check_field_add(c, "region", "%ld neuron(s), P = %ld, full rank (reading rank = %s)", (long) I.d1,
                        (long) I.P, minr ? "min(n, P)" : "n");
        t = jrank_local_min(value, th, I.D, I.A, I.v, I.y, PREC);
        check_field_fmpq(c, "critical value |r|^2 / n", value);
        if (t == BC_FALSE)
            check_set_witness(c,
                              "the critical residual is %s: no critical point of the region has a non-zero "
                              "loss",
                              fmpq_is_zero(value) ? "0" : "non-zero but no critical point is interior");
        else
            check_set_witness(
                c, "a certified non-zero local minimum in a region the definition calls full rank");
        check_decide(c, t);
        _fmpq_vec_clear(th, I.P);
        inst_clear(&I);
    }
    run_push(R, c);
    for (j = 0; j < 3; j++)
        fmpq_clear(y + j);
    fmpq_clear(value);
    jac_rank_clear(K);
}

/* ------------------------------------------------------------- (D2) */

/* the D2 decision on one region: the witnessed local dimension against
   the claimed one; *dim the witnessed dimension (-1 when empty) */
static truth_t
d2_decide(const run_t R, slong *dim, slong *rank, const inst_struct *I, const fmpq *start)
{
    jac_rank_t K;
    fmpq *th = _fmpq_vec_init(I->P);
    truth_t t;
    jac_rank_init(K);
    jac_rank(K, I->D, I->A, JAC_EXACT);
    *rank = K->rank;
    t = jrank_zero_dim(dim, th, I->D, I->A, I->v, I->y, start);
    if (t == BC_TRUE)
        t = *dim == claimed_dim(R, I->P, K->rank, I->d1) ? BC_TRUE : BC_FALSE;
    jac_rank_clear(K);
    _fmpq_vec_clear(th, I->P);
    return t;
}

static void
check_d2_dim(run_t R)
{
    check_t c;
    slong i, k, N = run_size_pick(R, d2_sizes), inst = 0, full = 0, bad = 0, und = 0, dim, rank;
    char stream[64];

    run_check(R, c, "jrank.d2.dim");
    for (i = 0; i < N_D2; i++)
        for (k = 0; k < N; k++)
        {
            inst_struct I;
            truth_t t;
            inst_init(&I, d2_cfg[i][0], d2_cfg[i][1], d2_cfg[i][2]);
            snprintf(stream, sizeof stream, "jrank.d2/%ld/%ld/%ld", (long) I.n, (long) I.d0, (long) I.d1);
            if (inst_draw(&I, R, stream, (ulong) k, 1))
            {
                inst++;
                t = d2_decide(R, &dim, &rank, &I, I.theta0);
                full += rank == I.n;
                if (t == BC_UNDECIDED)
                    und++;
                else if (t == BC_FALSE && bad++ == 0)
                    check_set_witness(
                        c,
                        "stream %s sample %ld (n = %ld, d0 = %ld, d1 = %ld): P = %ld, rank J = %ld, "
                        "witnessed dimension %ld, claimed %ld",
                        stream, (long) k, (long) I.n, (long) I.d0, (long) I.d1, (long) I.P, (long) rank,
                        (long) dim, (long) claimed_dim(R, I.P, rank, I.d1));
            }
            inst_clear(&I);
        }
    check_field_add(c, "regions", "%ld (targets: the outputs of the region's own network)", (long) inst);
    check_field_add(c, "of them full rank (rank J = n)", "%ld", (long) full);
    check_field_add(c, "dimension refuted", "%ld", (long) bad);
    if (bad == 0)
        check_set_witness(c,
                          "streams jrank.d2/n/d0/d1 under seed %llu; per region an exact interior zero-loss "
                          "point and P - rank J exact kernel steps inside the region",
                          (unsigned long long) R->opts->seed);
    check_count(c, bad, und + (inst == 0));
    run_push(R, c);
}

/* control: the region of "everything" and the suffix {2, 3} on
   x = 1, 2, 3 is full rank, but with y = (0, 1, 0) it holds no zero-loss
   point (at x = 1 only the first neuron is active, with v = 1 and a
   positive pre-activation, so f(1) > 0 = y_1) */
static void
check_d2_control(run_t R)
{
    check_t c;
    inst_struct I;
    fmpq y[3];
    slong j, dim, rank;
    truth_t t;

    for (j = 0; j < 3; j++)
        fmpq_init(y + j);
    line_targets(y);
    inst_line(&I, line_full, 2, y);
    if (run_mutant(R, "jrank.mutant.ctl_reachable"))
        outputs(I.y, I.D, I.A, I.theta0, I.v);
    run_check(R, c, "jrank.control.d2_empty");
    t = d2_decide(R, &dim, &rank, &I, NULL);
    check_field_add(c, "rank J", "%ld = n (P = %ld)", (long) rank, (long) I.P);
    field_vec(c, "targets", I.y, 3);
    check_field_add(c, "witnessed dimension", "%ld (claimed %ld)", (long) dim,
                    (long) claimed_dim(R, I.P, rank, I.d1));
    if (t == BC_FALSE && dim < 0)
        check_set_witness(c,
                          "exact Farkas certificate of jac_region_zero_loss: the open region holds no theta "
                          "with J theta = y");
    else
        check_set_witness(c, "an exact interior zero-loss point with the claimed number of kernel steps");
    check_decide(c, t);
    run_push(R, c);
    for (j = 0; j < 3; j++)
        fmpq_clear(y + j);
    inst_clear(&I);
}

/* ------------------------------------------------------------- (D3) */

static int
enum_full(void *ctx, const jac_data_t D, const jac_pattern_t A, jac_rank_t K)
{
    return full_def(*(const int *) ctx, K, D, A);
}

/* the exact fraction of full-rank patterns on D (d1 neurons) into f */
static slong
enum_fraction(fmpq_t f, const jac_data_t D, slong d1, int minr)
{
    fmpz_t full, total;
    slong dec;
    fmpz_init(full);
    fmpz_init(total);
    jrank_count_patterns(full, total, &dec, D, d1, enum_full, &minr);
    fmpq_set_fmpz_frac(f, full, total);
    fmpz_clear(full);
    fmpz_clear(total);
    return dec;
}

/* generic data of an enumeration: uniform, from the cell's stream */
static void
enum_data(jac_data_t D, const run_t R, const char *prefix, slong d1)
{
    rng_t g;
    char stream[64];
    snprintf(stream, sizeof stream, "%s/%ld/%ld/%ld", prefix, (long) D->n, (long) D->d0, (long) d1);
    rng_init(g, R->opts->seed, rng_stream_id(stream), 0);
    jac_data_sample(D, JAC_DATA_UNIFORM, g);
    jac_data_prepare(D);
    rng_clear(g);
}

/* one configuration of the enumeration: the chain generic >= X0 >=
   product, and the claims generic >= product, generic >= simple; returns
   the number of refuted links */
static slong
enum_config(check_t c, const run_t R, slong n, slong d0, slong d1, slong *decisions)
{
    jac_data_t D, X0;
    fmpq_t fg, fx, B, S;
    slong bad;
    int minr = full_reading_min(R);
    char key[48];

    fmpq_init(fg);
    fmpq_init(fx);
    fmpq_init(B);
    fmpq_init(S);
    jac_data_init(D, n, d0);
    jac_data_init(X0, n, d0);
    enum_data(D, R, "jrank.d3.enum", d1);
    jrank_data_x0(X0);
    jac_data_prepare(X0);
    *decisions += enum_fraction(fg, D, d1, minr);
    *decisions += enum_fraction(fx, X0, d1, minr);
    claimed_product(R, B, n, d0, d1);
    claimed_simple(R, S, n, d0, d1);
    bad = (fmpq_cmp(fg, B) < 0) + (fmpq_cmp(fg, S) < 0) + (fmpq_cmp(fg, fx) < 0) + (fmpq_cmp(fx, B) < 0);
    snprintf(key, sizeof key, "n = %ld, d0 = %ld, d1 = %ld", (long) n, (long) d0, (long) d1);
    check_field_add(c, key, "generic %.4f >= X0 %.4f >= product %.4f, >= 1 - (d0+1) 2^(m-d1) = %.4f%s",
                    fmpq_get_d(fg), fmpq_get_d(fx), fmpq_get_d(B), fmpq_get_d(S), bad ? " REFUTED" : "");
    if (bad > 0)
        check_set_witness(c, "%s: exact fractions generic %.6f, X0 %.6f; product %.6f, simple %.6f", key,
                          fmpq_get_d(fg), fmpq_get_d(fx), fmpq_get_d(B), fmpq_get_d(S));
    jac_data_clear(D);
    jac_data_clear(X0);
    fmpq_clear(fg);
    fmpq_clear(fx);
    fmpq_clear(B);
    fmpq_clear(S);
    return bad;
}

static void
check_d3_enum(run_t R)
{
    check_t c;
    slong i, bad = 0, nbad = 0, dec = 0, ncfg = 0;
    run_check(R, c, "jrank.d3.enum");
    for (i = 0; i < N_D3; i++)
        if (d3_cfg[i][3] <= (slong) R->opts->size)
        {
            slong b = enum_config(c, R, d3_cfg[i][0], d3_cfg[i][1], d3_cfg[i][2], &dec);
            ncfg++;
            bad += b;
            nbad += b > 0;
        }
    check_field_add(c, "configurations", "%ld (%ld refuted)", (long) ncfg, (long) nbad);
    check_field_add(c, "exact rank decisions", "%ld (one per set of distinct non-empty rows)", (long) dec);
    if (bad == 0)
        check_set_witness(c,
                          "generic data from streams jrank.d3.enum/n/d0/d1 under seed %llu; X0 of the proof",
                          (unsigned long long) R->opts->seed);
    check_count(c, nbad, 0);
    run_push(R, c);
}

/* control: below d1 (d0 + 1) < n the claim "some pattern is full rank"
   is decided by the same enumeration on every configuration */
static void
check_d3_control(run_t R)
{
    check_t c;
    slong i, none = 0, dec = 0;
    int minr = full_reading_min(R);
    fmpq_t f;
    fmpq_init(f);
    run_check(R, c, "jrank.control.d3");
    for (i = 0; i < N_D3C; i++)
    {
        jac_data_t D;
        char key[48];
        jac_data_init(D, d3_ctl[i][0], d3_ctl[i][1]);
        enum_data(D, R, "jrank.control.d3", d3_ctl[i][2]);
        dec += enum_fraction(f, D, d3_ctl[i][2], minr);
        snprintf(key, sizeof key, "n = %ld, d0 = %ld, d1 = %ld", (long) d3_ctl[i][0], (long) d3_ctl[i][1],
                 (long) d3_ctl[i][2]);
        check_field_add(c, key, "fraction full rank %s", fmpq_is_zero(f) ? "0 (exact)" : "> 0");
        if (fmpq_is_zero(f) && none++ == 0)
            check_set_witness(c, "%s: none of the 2^%ld patterns has rank J = n (P = %ld < n)", key,
                              (long) (d3_ctl[i][0] * d3_ctl[i][2]),
                              (long) (d3_ctl[i][2] * (d3_ctl[i][1] + 1)));
        jac_data_clear(D);
    }
    check_field_add(c, "exact rank decisions", "%ld", (long) dec);
    if (none == 0)
        check_set_witness(c, "every configuration has a pattern the definition calls full rank");
    check_decide(c, none == 0 ? BC_TRUE : BC_FALSE);
    run_push(R, c);
    fmpq_clear(f);
}

/* ------------------------------------------------------------- (D5) */

/* Theorem D5's criterion, read once */
static void
claimed_line(const run_t R, jrank_line_reading *rd)
{
    rd->max_len = 2;
    rd->need_c1 = run_mutant(R, "jrank.mutant.line_c1") ? 1 : 2;
}

/* n points on a line, sorted, distinct (tie = 0) or with x_2 = x_1 */
static void
line_data(jac_data_t D, const run_t R, int tie)
{
    rng_t g;
    slong j, n = D->n;
    double *x = flint_malloc(sizeof(double) * (size_t) n);
    char stream[48];
    snprintf(stream, sizeof stream, "jrank.d5/%ld/%d", (long) n, tie);
    rng_init(g, R->opts->seed, rng_stream_id(stream), 0);
    /* increasing gaps k/64, k in 1..64, from a random start */
    x[0] = ldexp((double) rng_below(g, 64), -6) - 0.5;
    for (j = 1; j < n; j++)
        x[j] = x[j - 1] + ldexp((double) (1 + rng_below(g, 64)), -6);
    if (tie && n >= 3)
        x[2] = x[1];
    jac_data_set_d(D, x);
    rng_clear(g);
    flint_free(x);
}

/* the D5 decision on one data set of n sorted points: the realisable
   rows are the step rows, and the full-rank sets of every size agree
   with the transfer matrix; returns BC_TRUE or BC_FALSE, with *why */
static truth_t
d5_decide(const run_t R, const jac_data_t D, slong *decisions, const char **why)
{
    slong n = D->n, nr, k, j;
    ulong *real, *step = flint_malloc(sizeof(ulong) * (size_t) (2 * n));
    fmpz *by = _fmpz_vec_init(2 * n), *N = _fmpz_vec_init(2 * n);
    fmpz_t full;
    jrank_line_reading rd;
    int minr = full_reading_min(R), ok;

    fmpz_init(full);
    claimed_line(R, &rd);
    nr = jac_rows_realisable(&real, D);
    jrank_line_rows(step + 1, n);
    step[0] = 0;
    /* both lists as sets: real is increasing, sort the step rows */
    for (j = 1; j < 2 * n; j++)
        for (k = j; k > 0 && step[k] < step[k - 1]; k--)
        {
            ulong t = step[k];
            step[k] = step[k - 1];
            step[k - 1] = t;
        }
    ok = nr == 2 * n;
    for (j = 0; ok && j < nr; j++)
        ok = real[j] == step[j];
    *why = "the realisable rows are not the 2n step vectors";
    if (ok)
    {
        *decisions += jrank_count_rows(full, by, D, step + 1, 2 * n - 1, 2 * n - 1, enum_full, &minr);
        jrank_line_full_sets(N, n, &rd);
        ok = _fmpz_vec_equal(by, N, 2 * n);
        *why = "the transfer-matrix counts differ from the enumeration";
    }
    fmpz_clear(full);
    _fmpz_vec_clear(by, 2 * n);
    _fmpz_vec_clear(N, 2 * n);
    flint_free(step);
    flint_free(real);
    return ok ? BC_TRUE : BC_FALSE;
}

/* the exact fraction of full-rank realisable regions,
   sum_k N_k onto(k, d1) / (2n)^d1, from the transfer matrix */
static double
line_fraction(const fmpz *N, slong n, slong d1)
{
    fmpz_t w, s, t;
    fmpq_t f;
    slong k;
    double r;
    fmpz_init(w);
    fmpz_init(s);
    fmpz_init(t);
    fmpq_init(f);
    for (k = 1; k < 2 * n && k <= d1; k++)
        if (!fmpz_is_zero(N + k))
        {
            jrank_tuples_onto(w, k, d1);
            fmpz_addmul(s, w, N + k);
        }
    fmpz_set_ui(t, (ulong) (2 * n));
    fmpz_pow_ui(t, t, (ulong) d1);
    fmpq_set_fmpz_frac(f, s, t);
    r = fmpq_get_d(f);
    fmpz_clear(w);
    fmpz_clear(s);
    fmpz_clear(t);
    fmpq_clear(f);
    return r;
}

/* the 1-D phase table: the authors' d0 = 1 columns d1 = 30, 60, .., 300 */
static void
d5_table(check_t c, const run_t R)
{
    slong i, d1;
    jrank_line_reading rd;
    claimed_line(R, &rd);
    for (i = 0; i < N_D5T; i++)
    {
        slong n = d5_tab_n[i];
        fmpz *N = _fmpz_vec_init(2 * n);
        char key[64], *row = NULL, *t;
        jrank_line_full_sets(N, n, &rd);
        for (d1 = 30; d1 <= 300; d1 += 30)
        {
            t = bc_aprintf("%s%s%.3f", row ? row : "", row ? " " : "", line_fraction(N, n, d1));
            if (row != NULL)
                flint_free(row);
            row = t;
        }
        snprintf(key, sizeof key, "full-rank fraction of realisable regions, n = %ld, d1 = 30..300",
                 (long) n);
        check_field_add(c, key, "%s", row);
        flint_free(row);
        _fmpz_vec_clear(N, 2 * n);
    }
}

static void
check_d5(run_t R)
{
    check_t c;
    slong n, dec = 0, bad = 0;
    const char *why = NULL;
    run_check(R, c, "jrank.d5.count");
    for (n = 1; n <= D5_NMAX; n++)
    {
        jac_data_t D;
        jac_data_init(D, n, 1);
        line_data(D, R, 0);
        if (d5_decide(R, D, &dec, &why) != BC_TRUE && bad++ == 0)
            check_set_witness(c, "n = %ld (data stream jrank.d5/%ld/0): %s", (long) n, (long) n, why);
        jac_data_clear(D);
    }
    check_field_add(c, "point counts", "n = 1..%d, every set of distinct non-empty realisable rows", D5_NMAX);
    check_field_add(c, "exact rank decisions", "%ld", (long) dec);
    d5_table(c, R);
    if (bad == 0)
        check_set_witness(c, "data streams jrank.d5/n/0 under seed %llu; the transfer matrix of jrank_line.c",
                          (unsigned long long) R->opts->seed);
    check_count(c, bad, 0);
    run_push(R, c);
}

static void
check_d5_control(run_t R)
{
    check_t c;
    jac_data_t D;
    slong dec = 0;
    const char *why = NULL;
    truth_t t;
    run_check(R, c, "jrank.control.d5_tie");
    jac_data_init(D, D5_TIE, 1);
    line_data(D, R, !run_mutant(R, "jrank.mutant.ctl_distinct"));
    t = d5_decide(R, D, &dec, &why);
    check_set_witness(c, "n = %d with x_3 = x_2 (data stream jrank.d5/%d/1): %s", D5_TIE, D5_TIE,
                      t == BC_TRUE ? "the comparison holds" : why);
    check_decide(c, t);
    run_push(R, c);
    jac_data_clear(D);
}

/* the row probabilities of the initialisation law for sorted points x
   (read once: the mutant replaces them by the uniform law on the 2n rows) */
static void
claimed_line_law(const run_t R, fmpq *qcut, fmpq_t qE, fmpq_t q0, const fmpq *x, slong n)
{
    slong c;
    jrank_line_q_torch(qcut, qE, q0, x, n);
    if (run_mutant(R, "jrank.mutant.uniform_rows"))
    {
        for (c = 0; c + 1 < n; c++)
            fmpq_set_si(qcut + c, 1, 2 * n);
        fmpq_set_si(qE, 1, 2 * n);
        fmpq_set_si(q0, 1, 2 * n);
    }
}

static int
fmpq_cmp_qsort(const void *a, const void *b)
{
    return fmpq_cmp((const fmpq *) a, (const fmpq *) b);
}

/* the exact probability of a full-rank region under the initialisation
   law on the one-dimensional data D (any order: the rank depends on the
   points' order along the line only) */
static void
line_prob_init(fmpq_t P, const run_t R, const jac_data_t D, slong d1)
{
    slong n = D->n, j;
    fmpq *x = _fmpq_vec_init(n), *q = _fmpq_vec_init(FLINT_MAX(n - 1, 1));
    fmpq_t qE, q0;
    jrank_line_reading rd;
    fmpq_init(qE);
    fmpq_init(q0);
    for (j = 0; j < n; j++)
        fmpq_set(x + j, D->x + j);
    qsort(x, (size_t) n, sizeof(fmpq), fmpq_cmp_qsort);
    claimed_line_law(R, q, qE, q0, x, n);
    claimed_line(R, &rd);
    jrank_line_prob(P, q, qE, q0, n, d1, &rd);
    _fmpq_vec_clear(x, n);
    _fmpq_vec_clear(q, FLINT_MAX(n - 1, 1));
    fmpq_clear(qE);
    fmpq_clear(q0);
}

/* ------------------------------------------------------- Monte Carlo */

#define LAW_BITS 0  /* every a_ij a fair coin: the counting measure on all patterns */
#define LAW_TORCH 1 /* the region met by the authors' initialisation */

typedef struct
{
    slong n, d0, d1;
    int law;
    int degenerate;            /* every point on the first axis (a mutant) */
    int minr;                  /* the min(n, P) reading of full rank (a mutant) */
    const jac_data_struct *X0; /* fixed data, or NULL: fresh uniform data per sample */
} mc_ctx;

static void
mc_data(jac_data_t D, const mc_ctx *m, rng_t rng)
{
    slong j, c;
    double *x;
    if (!m->degenerate)
    {
        jac_data_sample(D, JAC_DATA_UNIFORM, rng);
        return;
    }
    x = flint_calloc((size_t) (m->n * m->d0), sizeof(double));
    for (j = 0; j < m->n; j++)
        for (c = 0; c < m->d0; c++)
            x[j * m->d0 + c] = c == 0 ? ldexp((double) (rng_u64(rng) >> 40), -24) : 0.0;
    jac_data_set_d(D, x);
    flint_free(x);
}

static void
mc_sample(mc_outcome *out, const void *ctx, rng_t rng, ulong index)
{
    const mc_ctx *m = ctx;
    jac_data_t D;
    jac_pattern_t A;
    jac_rank_t K;
    const jac_data_struct *data = m->X0;
    slong i, w, z = 0;
    (void) index;
    jac_pattern_init(A, m->d1, m->n);
    jac_rank_init(K);
    if (data == NULL)
    {
        jac_data_init(D, m->n, m->d0);
        mc_data(D, m, rng);
        data = D;
    }
    if (m->law == LAW_BITS)
        for (i = 0; i < m->d1; i++)
            for (w = 0; w < A->words; w++)
            {
                ulong bits = rng_u64(rng);
                if (w == A->words - 1 && m->n % FLINT_BITS != 0)
                    bits &= (UWORD(1) << (m->n % FLINT_BITS)) - 1;
                jac_pattern_row(A, i)[w] = bits;
            }
    else
        z = jac_pattern_sample(A, data, JAC_INIT_TORCH, rng);
    out->nevents = 1;
    out->escalations = 0;
    out->event[0] = z > 0 ? BC_UNDECIDED : (full_def(m->minr, K, data, A) ? BC_TRUE : BC_FALSE);
    if (data != m->X0)
        jac_data_clear(D);
    jac_rank_clear(K);
    jac_pattern_clear(A);
}

static void
mc_ctx_set(mc_ctx *m, const run_t R, const slong *cell, int law, const jac_data_struct *X0)
{
    m->n = cell[0];
    m->d0 = cell[1];
    m->d1 = cell[2];
    m->law = law;
    m->X0 = X0;
    m->minr = full_reading_min(R);
    m->degenerate = run_mutant(R, "jrank.mutant.degenerate");
}

/* one cell of a Monte Carlo check: the tally of rank J = n on N samples
   of the stream prefix/n/d0/d1, added as a test against target */
static void
mc_cell_test(check_t c, run_t R, const mc_ctx *m, ulong N, const char *prefix, check_test_kind kind,
             const fmpq_t target, const char *tex)
{
    mc_tally_t T;
    arb_t b;
    char stream[64], label[64];
    snprintf(stream, sizeof stream, "%s/%ld/%ld/%ld", prefix, (long) m->n, (long) m->d0, (long) m->d1);
    snprintf(label, sizeof label, "n = %ld, d0 = %ld, d1 = %ld", (long) m->n, (long) m->d0, (long) m->d1);
    run_mc(R, T, mc_sample, m, N, stream);
    arb_init(b);
    arb_set_fmpq(b, target, PREC);
    check_add_test(c, kind, label, T->samples, T->hits[0], T->undecided[0], 0, b, tex);
    arb_clear(b);
}

/* a Monte Carlo check of the bound of D3 over cells: P[rank J = n] >=
   the product, patterns of law (fresh uniform data per sample) */
static void
check_bound_cells(run_t R, const char *id, const slong (*cells)[3], slong ncells, int law, ulong minimum,
                  const char *what)
{
    check_t c;
    mc_ctx m;
    fmpq_t B;
    slong i;
    char *stream = bc_aprintf("%s/n/d0/d1", id);
    ulong N = run_samples(R, id, mc_sizes, minimum);
    fmpq_init(B);
    run_check(R, c, id);
    for (i = 0; i < ncells; i++)
    {
        mc_ctx_set(&m, R, cells[i], law, NULL);
        claimed_product(R, B, m.n, m.d0, m.d1);
        mc_cell_test(c, R, &m, N, id, TEST_BOUND, B, BOUND_TEX);
    }
    check_set_stream_witness(c, R->opts->seed, stream, what);
    run_push(R, c);
    fmpq_clear(B);
    flint_free(stream);
}

static void
check_d3_x0(run_t R)
{
    check_t c;
    mc_ctx m;
    fmpq_t B;
    slong i;
    ulong N = run_samples(R, "jrank.d3.x0", mc_sizes, 0);
    fmpq_init(B);
    run_check(R, c, "jrank.d3.x0");
    for (i = 0; i < N_X0; i++)
    {
        jac_data_t X0;
        jac_data_init(X0, x0_cell[i][0], x0_cell[i][1]);
        jrank_data_x0(X0);
        jac_data_prepare(X0);
        mc_ctx_set(&m, R, x0_cell[i], LAW_BITS, X0);
        claimed_product(R, B, m.n, m.d0, m.d1);
        mc_cell_test(c, R, &m, N, "jrank.d3.x0", TEST_EQUAL, B, BOUND_TEX);
        jac_data_clear(X0);
    }
    check_set_stream_witness(c, R->opts->seed, "jrank.d3.x0/n/d0/d1",
                             "patterns with rank J = n on the data X0 (uniform bits, exact rank)");
    run_push(R, c);
    fmpq_clear(B);
}

/* D4 in one dimension: the sampled rate of full-rank regions under the
   initialisation, on fixed uniform data, against the exact probability */
static void
check_d4_line(run_t R)
{
    check_t c;
    mc_ctx m;
    fmpq_t P;
    slong i;
    ulong N = run_samples(R, "jrank.d4.line", mc_sizes, 0);
    fmpq_init(P);
    run_check(R, c, "jrank.d4.line");
    for (i = 0; i < N_D4L; i++)
    {
        jac_data_t D;
        slong cell[3] = {d4l_cell[i][0], 1, d4l_cell[i][1]};
        char key[48];
        jac_data_init(D, cell[0], 1);
        enum_data(D, R, "jrank.d4.line", cell[2]);
        mc_ctx_set(&m, R, cell, LAW_TORCH, D);
        line_prob_init(P, R, D, cell[2]);
        snprintf(key, sizeof key, "exact P, n = %ld, d1 = %ld", (long) cell[0], (long) cell[2]);
        check_field_add(c, key, "%.10f", fmpq_get_d(P));
        mc_cell_test(c, R, &m, N, "jrank.d4.line", TEST_EQUAL, P, NULL);
        jac_data_clear(D);
    }
    check_set_stream_witness(c, R->opts->seed, "jrank.d4.line/n/1/d1",
                             "regions met by the initialisation with rank J = n, data of stream "
                             "jrank.d4.line/n/1/d1 sample 0 (exact rank)");
    run_push(R, c);
    fmpq_clear(P);
}

static void
check_d3_mc_control(run_t R)
{
    check_t c;
    mc_ctx m;
    fmpq_t half;
    slong i;
    ulong N = run_samples(R, "jrank.control.d3_mc", mc_sizes, CONTROL_MIN);
    fmpq_init(half);
    fmpq_set_si(half, 1, 2);
    run_check(R, c, "jrank.control.d3_mc");
    for (i = 0; i < N_MCC; i++)
    {
        mc_ctx_set(&m, R, mcc_cell[i], LAW_BITS, NULL);
        mc_cell_test(c, R, &m, N, "jrank.control.d3_mc", TEST_BOUND, half, "\\tfrac12");
    }
    check_set_stream_witness(c, R->opts->seed, "jrank.control.d3_mc/n/d0/d1",
                             "patterns with rank J = n, P = d1 (d0 + 1) < n");
    run_push(R, c);
    fmpq_clear(half);
}

/* the phase transition: the fraction of full-rank patterns against d1 at
   n = 40, d0 = 9, under the counting measure and under the authors'
   initialisation, beside the provable bound */
static void
figure_phase(run_t R)
{
    figure_t f;
    double x[FIG_D1MAX], yb[FIG_D1MAX], yt[FIG_D1MAX], yp[FIG_D1MAX];
    ulong N = (ulong) run_size_pick(
        R, (const slong[3]){(slong) fig_sizes[0], (slong) fig_sizes[1], (slong) fig_sizes[2]});
    slong d1, cell[3] = {FIG_N, FIG_D0, 0};
    mc_ctx m;
    mc_tally_t T;
    fmpq_t B;
    char *cap;
    fmpq_init(B);
    for (d1 = 1; d1 <= FIG_D1MAX; d1++)
    {
        char stream[64];
        cell[2] = d1;
        x[d1 - 1] = (double) d1;
        mc_ctx_set(&m, R, cell, LAW_BITS, NULL);
        snprintf(stream, sizeof stream, "jrank.fig.phase/bits/%ld", (long) d1);
        run_mc(R, T, mc_sample, &m, N, stream);
        yb[d1 - 1] = (double) T->hits[0] / (double) N;
        m.law = LAW_TORCH;
        snprintf(stream, sizeof stream, "jrank.fig.phase/torch/%ld", (long) d1);
        run_mc(R, T, mc_sample, &m, N, stream);
        yt[d1 - 1] = (double) T->hits[0] / (double) N;
        claimed_product(R, B, FIG_N, FIG_D0, d1);
        yp[d1 - 1] = fmpq_get_d(B);
    }
    cap =
        bc_aprintf("The phase transition (reconstructed D3): the fraction of activation patterns whose "
                   "Jacobian has rank $n$, against the width $d_1$, for $n=%d$ points uniform on "
                   "$[0,1]^{%d}$; every rank decided exactly, %lu samples per point (fresh data and pattern "
                   "each). Full rank is impossible while $d_1(d_0+1)<n$, i.e. $d_1\\le %d$. Uniform bits: "
                   "the counting measure on all $2^{d_1 n}$ patterns, bounded below by the GF(2) product "
                   "(line). Initialisation: the regions met by the authors' initialisation (weights and "
                   "biases uniform on a cube), which are realisable and fewer full rank.",
                   FIG_N, FIG_D0, (unsigned long) N, (FIG_N - 1) / (FIG_D0 + 1));
    figure_init(f, "jrank.fig.phase", CLAIM, cap, "$d_1$", "fraction with $\\mathrm{rank}\\,J=n$");
    figure_add_series(f, "uniform bits", x, yb, FIG_D1MAX, 1);
    figure_add_series(f, "initialisation", x, yt, FIG_D1MAX, 1);
    figure_add_series(f, "GF(2) product bound", x, yp, FIG_D1MAX, 0);
    run_add_figure(R, f);
    figure_clear(f);
    flint_free(cap);
    fmpq_clear(B);
}

/* ------------------------------------------------------------- run */

static int
jrank_exec(run_t R)
{
    if (run_wants(R, "jrank.d1.full"))
        check_d1_full(R);
    if (run_wants(R, "jrank.d1.deficient"))
        check_d1_deficient(R);
    if (run_wants(R, "jrank.control.d1"))
        check_d1_control(R);
    if (run_wants(R, "jrank.d2.dim"))
        check_d2_dim(R);
    if (run_wants(R, "jrank.control.d2_empty"))
        check_d2_control(R);
    if (run_wants(R, "jrank.d3.enum"))
        check_d3_enum(R);
    if (run_wants(R, "jrank.control.d3"))
        check_d3_control(R);
    if (run_wants(R, "jrank.d3.mc"))
        check_bound_cells(R, "jrank.d3.mc", mc_cell, N_MC, LAW_BITS, 0,
                          "patterns with rank J = n (uniform bits, fresh uniform data, exact rank)");
    if (run_wants(R, "jrank.d3.x0"))
        check_d3_x0(R);
    if (run_wants(R, "jrank.d5.count"))
        check_d5(R);
    if (run_wants(R, "jrank.control.d5_tie"))
        check_d5_control(R);
    /* the finding: the regions met by the authors' initialisation (data
       uniform on [0, 1)^d0, (w_i, b_i) uniform on a cube) against the bound
       that D3 proves for the counting measure on all patterns */
    if (run_wants(R, "jrank.d4.line"))
        check_d4_line(R);
    if (run_wants(R, "jrank.d4.transfer"))
        check_bound_cells(R, "jrank.d4.transfer", d4_cell, N_D4,
                          run_mutant(R, "jrank.mutant.counting") ? LAW_BITS : LAW_TORCH, CONTROL_MIN,
                          "regions met by the initialisation with rank J = n (exact rank)");
    if (run_wants(R, "jrank.control.d3_mc"))
        check_d3_mc_control(R);
    if (run_wants(R, "jrank.d3.mc") && R->opts->mutant == NULL)
        figure_phase(R);
    return 0;
}

const module_struct module_jrank = {
    "jrank",
    CLAIM,
    "Seed 004 (reconstructed): the Jacobian rank of activation regions, critical points and zero-loss sets",
    1,
    jrank_specs,
    NSPECS,
    fragment_jrank,
    NULL,
    jrank_exec,
    jrank_mutants,
    NMUTANTS,
    NULL,
    NULL,
};
