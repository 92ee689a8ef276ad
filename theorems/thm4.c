/* thm4.c -- the Theorem 4 module: full-rank data (App. B.6).

   Checks: the data's rank, alpha (against every cell of the basin
   partition, through the certified engine), the construction of B.6
   built and verified exactly per sample with the engine's Bas <= alpha
   beside it, a grid over m and n comparing the Monte Carlo rates of
   B.6's event and of the good-basin event with the exact probabilities
   (agreement tests) and with 1 - m (3/4)^n, the exact probabilities
   against the bound on orthogonal data, the user's own data, and the
   negative controls (skewed law, tightened constant, rank-deficient
   data).  This file holds the table, the mutants, the one definition of
   each claimed quantity that every path reads, the data sets and the
   run; the checks are in thm4_proof.c, thm4_grid.c, thm4_control.c and
   thm4_user.c, their statements in thm4.tex. */
#include <string.h>

#include <flint/fmpq_vec.h>

#include "cert.h"
#include "paper.h"
#include "thm4_run.h"

const slong thm4_grid_m[THM4_NGRID_M] = {1, 2, 4, 8, 16};
/* default 16000: the fixed-width B.6 path made a cell cheap; the
   agreement intervals' half-widths drop from about 0.033 to 0.017 */
const ulong thm4_grid_samples[3] = {400, 16000, 40000};
const slong thm4_grid_n[THM4_NGRID_N] = {1, 2, 3, 4, 5, 6, 8, 10, 13, 16, 24, 32, 48, 64};
const sampler_kind thm4_laws[4] = {SAMPLER_GAUSS, SAMPLER_SPHERE, SAMPLER_BALL, SAMPLER_CAUCHY};

/* clang-format off */
#define MC(id, k, m, n) {id, CHECK_MONTECARLO, ST_CONSISTENT, 0, \
     "P[Bas(W,v) <= alpha] >= 1 - " m " (3/4)^" n ", " k " data, samples of the grid cell", \
     STRENGTH_STATISTICAL, "thm4_grid.c", NULL, 0, 0}
#define B6(id, what) {id, CHECK_EXACT, ST_HOLDS, 0, \
     "B.6 per sample, " what ": event => W' built exactly, in the closed cell, L(W') = alpha; engine agrees", \
     STRENGTH_DECIDES, "thm4_proof.c", NULL, 0, 0}
#define AGREE(id, what) {id, CHECK_AGREEMENT, ST_CONSISTENT, 0, \
     what ": Monte Carlo rates = exact probabilities (Lemma 4.C), one two-sided test per cell and event", \
     STRENGTH_STATISTICAL, "thm4_grid.c", NULL, 0, 0}

static const check_spec thm4_specs[] = {
    {"thm4.user", CHECK_MONTECARLO, ST_CONSISTENT, 0,
     "the user's data (--data, --width; else a built-in example): P[Bas <= alpha] >= 1 - m (3/4)^n, and the "
     "rate = the exact probability where computable", STRENGTH_STATISTICAL, "thm4_user.c", NULL, 0, 1},
    {"thm4.data.rank", CHECK_EXACT, ST_HOLDS, 0,
     "the hypothesis on every data set of the module: rank(X) = m exactly, and X P = I for P = X^T (X X^T)^-1",
     STRENGTH_DECIDES, "thm4.c", NULL, 0, 0},
    {"thm4.alpha", CHECK_EXACT, ST_HOLDS, 0,
     "alpha (Lemma 4.A) = min over all 2^(n(m+1)) cells of the certified basin value, n = 1, 2, and attained",
     STRENGTH_DECIDES, "thm4_proof.c", NULL, 0, 0},
    {"thm4.closedform", CHECK_EXACT, ST_HOLDS, 0,
     "closed-form Bas (Lemma 4.B) = the certified engine's value on every sample of the B.6 runs (sanity: two "
     "computations of the same value; it tests the derivation and the code, not the theorem)",
     STRENGTH_SANITY, "thm4_proof.c", NULL, 0, 0},
    B6("thm4.b6.orth.m4.n1", "orthogonal, m = 4, n = 1"),
    B6("thm4.b6.orth.m4.n6", "orthogonal, m = 4, n = 6"),
    B6("thm4.b6.gauss.m4.n6", "Gaussian, m = 4, n = 6"),
    B6("thm4.b6.illcond.m4.n6", "nearly dependent, m = 4, n = 6"),
    B6("thm4.b6.orth.m8.n8", "orthogonal, m = 8, n = 8"),
    {"thm4.grid.orth.exact", CHECK_EXACT, ST_HOLDS, 0,
     "orthogonal data, every grid cell: P[Bas <= alpha] >= P[B.6 event] >= 1 - m (3/4)^n, exact rationals of "
     "Lemma 4.C", STRENGTH_DECIDES, "thm4_grid.c", NULL, 0, 0},
    {"thm4.union.m1", CHECK_EXACT, ST_HOLDS, 0,
     "m = 1: P[Bas <= alpha] = 1 - (3/4)^n exactly for n = 1..64: the bound is attained, the paper's 3/4 is the "
     "exact failure probability of one neuron", STRENGTH_DECIDES, "thm4_grid.c", NULL, 0, 0},
    AGREE("thm4.grid.orth.agree", "orthogonal data, every cell"),
    AGREE("thm4.grid.gauss.agree", "Gaussian data, m <= 2 (solid angles, Arb)"),
    AGREE("thm4.grid.illcond.agree", "nearly dependent data, m <= 2 (solid angles, Arb)"),
    MC("thm4.mc.orth.m1.n3", "orthogonal", "1", "3"),
    MC("thm4.mc.orth.m2.n5", "orthogonal", "2", "5"),
    MC("thm4.mc.orth.m4.n8", "orthogonal", "4", "8"),
    MC("thm4.mc.orth.m8.n10", "orthogonal", "8", "10"),
    MC("thm4.mc.orth.m16.n13", "orthogonal", "16", "13"),
    MC("thm4.mc.gauss.m1.n3", "Gaussian", "1", "3"),
    MC("thm4.mc.gauss.m2.n5", "Gaussian", "2", "5"),
    MC("thm4.mc.gauss.m4.n8", "Gaussian", "4", "8"),
    MC("thm4.mc.gauss.m8.n10", "Gaussian", "8", "10"),
    MC("thm4.mc.gauss.m16.n13", "Gaussian", "16", "13"),
    MC("thm4.mc.illcond.m1.n3", "nearly dependent", "1", "3"),
    MC("thm4.mc.illcond.m2.n5", "nearly dependent", "2", "5"),
    MC("thm4.mc.illcond.m4.n8", "nearly dependent", "4", "8"),
    MC("thm4.mc.illcond.m8.n10", "nearly dependent", "8", "10"),
    MC("thm4.mc.illcond.m16.n13", "nearly dependent", "16", "13"),
    {"thm4.control.skewed", CHECK_AGREEMENT, ST_VIOLATED, 1,
     "a law breaking Assumption 1 (P[v > 0] = Phi(1/2)); the two-sided test against the exact "
     "probability 1/8 must be violated", STRENGTH_STATISTICAL, "thm4_control.c", NULL, 0, 0},
    {"thm4.control.tight", CHECK_MONTECARLO, ST_VIOLATED, 1,
     "m = 1, n = 3, the constant 3/4 tightened to 2/3 (the exact rate is 37/64 < 19/27): violated",
     STRENGTH_STATISTICAL, "thm4_control.c", NULL, 0, 0},
    {"thm4.control.tight.exact", CHECK_EXACT, ST_FAILS, 1,
     "m = 1: P[Bas <= alpha] >= 1 - (2/3)^n claimed for n = 1..64, refuted exactly",
     STRENGTH_DECIDES, "thm4_control.c", NULL, 0, 0},
    {"thm4.control.rank", CHECK_EXACT, ST_FAILS, 1,
     "rank(X) < m: 'the B.6 systems are solvable whenever the event holds' must fail",
     STRENGTH_DECIDES, "thm4_control.c", NULL, 0, 0},
};
/* clang-format on */

#define THM4_NSPECS ((slong) (sizeof(thm4_specs) / sizeof(thm4_specs[0])))

#define ALL_MC                                                                                               \
    "thm4.mc.orth.m1.n3 thm4.mc.orth.m2.n5 thm4.mc.orth.m4.n8 thm4.mc.orth.m8.n10 thm4.mc.orth.m16.n13 "     \
    "thm4.mc.gauss.m1.n3 thm4.mc.gauss.m2.n5 thm4.mc.gauss.m4.n8 thm4.mc.gauss.m8.n10 "                      \
    "thm4.mc.gauss.m16.n13 "                                                                                 \
    "thm4.mc.illcond.m1.n3 thm4.mc.illcond.m2.n5 thm4.mc.illcond.m4.n8 thm4.mc.illcond.m8.n10 "              \
    "thm4.mc.illcond.m16.n13"

/* The false variants of the claims, each applied where this file defines
   what it changes (thm4_mod_side, thm4_mod_alpha, thm4_mod_prob, the data
   sets) or where the checked construction or control is set up. */
static const mutant_spec thm4_mutants[] = {
    {"thm4.mutant.side_2_3",
     "the paper's 3/4 (one neuron fails one point) read as 2/3 on every path: false, since one point alone "
     "(m = 1) is served with probability exactly 1 - (3/4)^n < 1 - (2/3)^n; on orthogonal data the exact "
     "probability (Lemma 4.C) lies below 1 - m (2/3)^n at every sampled width, whatever the targets' signs",
     "thm4.grid.orth.exact thm4.union.m1 thm4.mc.orth.m1.n3 thm4.mc.orth.m2.n5 thm4.mc.orth.m4.n8 "
     "thm4.mc.orth.m8.n10 thm4.mc.orth.m16.n13 thm4.mc.gauss.m1.n3 thm4.mc.illcond.m1.n3 thm4.user"},
    {"thm4.mutant.side_1_4",
     "the paper's 3/4 read as 1/4 on every path: false on every instance, since any point with y_t != 0 is "
     "served with probability exactly 1 - (3/4)^n, below 1 - m (1/4)^n at every (m, n) the module samples",
     "thm4.grid.orth.exact thm4.union.m1 thm4.user " ALL_MC},
    {"thm4.mutant.sign_dropped",
     "Lemma 4.C without the output sign: a point counted as served by any active neuron (Pr[A_i^t] = 1/2 "
     "instead of 1/4); false, since a neuron whose v_i has the sign opposite to y_t adds a prediction of the "
     "wrong sign (one point: 1 - (1/2)^n against 1 - (3/4)^n)",
     "thm4.grid.orth.agree thm4.grid.gauss.agree thm4.grid.illcond.agree thm4.union.m1 thm4.user"},
    {"thm4.mutant.alpha_max",
     "alpha at width 1 taken as the worse one-signed fit max(S+, S-)/m: false, the better one is attained "
     "(Lemma 4.A's explicit network)",
     "thm4.alpha"},
    {"thm4.mutant.b6_targets",
     "B.6's construction given the targets -ybar instead of ybar: the network it builds predicts -ybar, of "
     "loss |y + ybar|^2/m > alpha",
     "thm4.b6.orth.m4.n1 thm4.b6.orth.m4.n6 thm4.b6.gauss.m4.n6 thm4.b6.illcond.m4.n6 thm4.b6.orth.m8.n8"},
    {"thm4.mutant.dependent",
     "the hypothesis broken: the last point of every data set with m >= 2 replaced by the first, so that "
     "rank(X) = m - 1",
     "thm4.data.rank"},
    {"thm4.mutant.tight_restored",
     "the controls' constant 2/3 restored to the paper's 3/4: the claims of both controls become true",
     "thm4.control.tight thm4.control.tight.exact"},
    {"thm4.mutant.unskewed", "the skewed control drawn from the Gaussian law, which satisfies Assumption 1",
     "thm4.control.skewed"},
    {"thm4.mutant.rank_restored",
     "the rank control's third point moved off the span of the first two (rank 3): every system is solvable",
     "thm4.control.rank"},
};

#define THM4_NMUTANTS ((slong) (sizeof(thm4_mutants) / sizeof(thm4_mutants[0])))

/* ------------------------------------------- the claimed quantities */

/* Theorem 4's per-neuron constant: the probability 3/4 that one neuron
   does not serve one point (Pr[A_i^t] = 1/4, B.6), read once per run. */
static void
mod_side(thm4_mod_t M)
{
    paper_side_fail(M->side);
    if (run_mutant(M->R, "thm4.mutant.side_2_3"))
        fmpq_set_si(M->side, 2, 3);
    if (run_mutant(M->R, "thm4.mutant.side_1_4"))
        fmpq_set_si(M->side, 1, 4);
    M->side_tex = fmpq_get_str(NULL, 10, M->side);
}

void
thm4_mod_bound(fmpq_t b, const thm4_mod_t M, slong m, slong n)
{
    thm4_bound(b, M->side, m, n);
}

char *
thm4_mod_bound_tex(const thm4_mod_t M, slong m, slong n)
{
    return bc_aprintf("1-%ld(%s)^{%ld}", (long) m, M->side_tex, (long) n);
}

void
thm4_mod_alpha(fmpq_t alpha, fmpq *ybar, const thm4_mod_t M, const thm4_data_t D, slong n)
{
    fmpq_t sp, sm, q;
    slong t;
    thm4_alpha(alpha, ybar, D, n);
    if (n != 1 || !run_mutant(M->R, "thm4.mutant.alpha_max"))
        return;
    /* the worse one-signed fit: ybar keeps the sign thm4_alpha dropped,
       alpha = max(S+, S-)/m */
    fmpq_init(sp);
    fmpq_init(sm);
    fmpq_init(q);
    for (t = 0; t < D->m; t++)
    {
        fmpq_mul(q, D->y + t, D->y + t);
        if (fmpq_sgn(D->y + t) > 0)
            fmpq_add(sp, sp, q);
        else
            fmpq_add(sm, sm, q);
    }
    for (t = 0; t < D->m; t++)
        if ((fmpq_cmp(sm, sp) <= 0) == (fmpq_sgn(D->y + t) < 0))
            fmpq_set(ybar + t, D->y + t);
        else
            fmpq_zero(ybar + t);
    fmpq_set_si(q, D->m, 1);
    fmpq_div(alpha, fmpq_cmp(sm, sp) <= 0 ? sp : sm, q);
    fmpq_clear(sp);
    fmpq_clear(sm);
    fmpq_clear(q);
}

int
thm4_mod_prob(arb_t P, fmpq_t Pq, int *rat, const thm4_mod_t M, const thm4_data_t D, slong n, int event)
{
    int *need, ok;
    slong t;
    if (!run_mutant(M->R, "thm4.mutant.sign_dropped"))
        return event == THM4_EV_GOOD ? thm4_prob_good(P, Pq, rat, D, n, THM4_PREC)
                                     : thm4_prob_b6(P, Pq, rat, D, n, THM4_PREC);
    /* every point served by any active neuron, whatever sign it needs */
    need = flint_malloc(sizeof(int) * (size_t) D->m);
    for (t = 0; t < D->m; t++)
        need[t] = (event == THM4_EV_GOOD && fmpq_is_zero(D->y + t)) ? THM4_NEED_NONE : THM4_NEED_ANY;
    *rat = D->orthogonal;
    if (D->orthogonal)
    {
        thm4_prob_orth(Pq, need, D->m, n);
        arb_set_fmpq(P, Pq, THM4_PREC);
        ok = 1;
    }
    else
        ok = thm4_prob_ie_arb(P, D, need, n, THM4_PREC);
    flint_free(need);
    return ok;
}

/* -------------------------------------------------------- data sets */

/* draws D of kind with m points in dimension d from the stream named s;
   thm4.mutant.dependent replaces the last point by the first */
static thm4_data_struct *
mod_data(const thm4_mod_t M, thm4_data_kind kind, slong m, slong d, const char *s)
{
    thm4_data_struct *D = flint_malloc(sizeof(thm4_data_struct));
    rng_t r;
    rng_init(r, M->R->opts->seed, rng_stream_id(s), 0);
    thm4_data_init(D);
    thm4_data_generate(D, kind, m, d, r);
    if (m >= 2 && run_mutant(M->R, "thm4.mutant.dependent"))
    {
        fmpq_mat_t X;
        slong j;
        fmpq_mat_init_set(X, D->X);
        for (j = 0; j < d; j++)
            fmpq_set(fmpq_mat_entry(X, m - 1, j), fmpq_mat_entry(X, 0, j));
        thm4_data_set(D, X, D->y);
        fmpq_mat_clear(X);
    }
    return D;
}

const thm4_data_struct *
thm4_mod_grid_data(thm4_mod_t M, thm4_data_kind kind, slong mi)
{
    if (M->grid[kind][mi] == NULL)
    {
        char *s = bc_aprintf("thm4/data/%s/m%ld", thm4_data_name(kind), (long) thm4_grid_m[mi]);
        M->grid[kind][mi] = mod_data(M, kind, thm4_grid_m[mi], THM4_GRID_D, s);
        flint_free(s);
    }
    return M->grid[kind][mi];
}

const thm4_data_struct *
thm4_mod_small_data(thm4_mod_t M, thm4_data_kind kind)
{
    if (M->small[kind] == NULL)
    {
        char *s = bc_aprintf("thm4/data/small/%s", thm4_data_name(kind));
        M->small[kind] = mod_data(M, kind, 3, 4, s);
        flint_free(s);
    }
    return M->small[kind];
}

static void
mod_init(thm4_mod_t M, run_t R)
{
    memset(M, 0, sizeof(thm4_mod_struct));
    M->R = R;
    fmpq_init(M->side);
    mod_side(M);
}

static void
data_free(thm4_data_struct *D)
{
    if (D == NULL)
        return;
    thm4_data_clear(D);
    flint_free(D);
}

static void
mod_clear(thm4_mod_t M)
{
    slong k, j;
    for (k = 0; k < THM4_DATA_COUNT; k++)
    {
        for (j = 0; j < THM4_NGRID_M; j++)
            data_free(M->grid[k][j]);
        data_free(M->small[k]);
    }
    fmpq_clear(M->side);
    flint_free(M->side_tex);
}

/* ------------------------------------------------------------- rank */

static void
check_rank(thm4_mod_t M)
{
    check_t c;
    slong k, j, n = 0, bad = 0;
    run_check(M->R, c, "thm4.data.rank");
    for (k = 0; k < THM4_DATA_COUNT; k++)
        for (j = -1; j < THM4_NGRID_M; j++, n++)
        {
            /* j = -1: the small data set of kind k */
            const thm4_data_struct *D = j < 0 ? thm4_mod_small_data(M, (thm4_data_kind) k)
                                              : thm4_mod_grid_data(M, (thm4_data_kind) k, j);
            /* the certificate of rank(X) = m: X X^T positive definite
               (its LDL^T), or a vector of its kernel */
            {
                fmpq_mat_t G, Xt;
                char *lab = bc_aprintf("%s data, m = %ld, d = %ld", thm4_data_name((thm4_data_kind) k),
                                       (long) D->m, (long) D->d);
                fmpq_mat_init(Xt, D->d, D->m);
                fmpq_mat_init(G, D->m, D->m);
                fmpq_mat_transpose(Xt, D->X);
                fmpq_mat_mul(G, D->X, Xt);
                cert_psd(c, lab, G, 1);
                fmpq_mat_clear(G);
                fmpq_mat_clear(Xt);
                flint_free(lab);
            }
            if ((D->rank != D->m || !D->full) && bad++ == 0)
                check_set_witness(c, "%s data, m=%ld, d=%ld: rank %ld%s", thm4_data_name((thm4_data_kind) k),
                                  (long) D->m, (long) D->d, (long) D->rank,
                                  D->rank == D->m ? ", X P != I" : "");
        }
    check_field_add(c, "data sets", "%ld", (long) n);
    check_field_add(c, "failures", "%ld", (long) bad);
    for (k = 0; k < THM4_DATA_COUNT; k++)
    {
        const thm4_data_struct *D = thm4_mod_grid_data(M, (thm4_data_kind) k, THM4_NGRID_M - 1);
        if (D->full)
            check_field_add(c, "bits of P", "%s m=16: numerators %ld bits, denominator %ld bits",
                            thm4_data_name((thm4_data_kind) k), (long) FLINT_ABS(fmpz_mat_max_bits(D->Pn)),
                            (long) fmpz_bits(D->pi));
    }
    if (bad == 0)
        check_set_witness(c, "data sets from thm4_data_generate on rng streams thm4/data/<kind>/m<m> and "
                             "thm4/data/small/<kind> under the run seed");
    check_hypothesis(c, bad == 0 ? BC_TRUE : BC_FALSE);
    run_push(M->R, c);
}

/* ------------------------------------------------------------- run */

static void
add_instances(thm4_mod_t M)
{
    run_add_instance(
        M->R,
        "\\textbf{Instances.} Data sets in $d=%d$ for $m\\in\\{1,2,4,8,16\\}$: \\texttt{orth} ($m$ distinct "
        "rows of the $16\\times16$ Sylvester Hadamard matrix, random column signs, row scales in "
        "$\\{1,\\tfrac98,\\dots,2\\}$), \\texttt{gauss} ($N(0,1)$ coordinates) and \\texttt{illcond} "
        "($\\mathbf u+2^{-20}\\mathbf g_t$, all points within $2^{-20}$ of one direction), targets $N(0,1)$; "
        "drawn from rng streams \\texttt{thm4/data/<kind>/m<m>} under the run seed %llu. Grid widths "
        "$n\\in\\{1,2,3,4,5,6,8,10,13,16,24,32,48,64\\}$, %lu samples per cell; laws rotate over gauss, "
        "sphere, ball, cauchy.",
        THM4_GRID_D, (unsigned long long) M->R->opts->seed,
        (unsigned long) run_samples(M->R, "thm4.grid.orth.agree", thm4_grid_samples, 0));
}

static int
thm4_exec(run_t R)
{
    thm4_mod_t M;
    mod_init(M, R);
    /* the user's instance first: bad input stops before any work */
    if (thm4_check_user(M) != 0)
    {
        mod_clear(M);
        return 2;
    }
    if (run_wants(R, "thm4.data.rank"))
        check_rank(M);
    if (run_wants(R, "thm4.alpha"))
        thm4_check_alpha(M);
    thm4_check_b6(M);
    thm4_check_grid(M);
    thm4_check_controls(M);
    add_instances(M);
    mod_clear(M);
    return 0;
}

const module_struct module_thm4 = {
    "thm4",
    "Theorem 4",
    "Theorem 4: full-rank data",
    0,
    thm4_specs,
    THM4_NSPECS,
    fragment_thm4,
    "data width",
    thm4_exec,
    thm4_mutants,
    THM4_NMUTANTS,
    "thm4",
    thm4_bench,
};
