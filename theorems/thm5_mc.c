/* thm5_mc.c -- the Monte Carlo checks of Theorem 5: the certified basin
   value against K delta^2, the event of the proof (every cluster has a
   good neuron) with its exact witness, the noisy regions of Lemma 8 with
   exact per-direction decisions, the proof's event at the radius limit
   (where Theorem 5's 7/8 is tested against a false 3/4), and the controls
   (Bas <= 0, a law with v > 0, a halved noisy budget).  Theorem 5's 7/8
   and Lemma 8's 1/(4d) are read here, once each, from paper.h.  Called by
   the module's entry point (thm5.c); the statements are in thm5.tex. */
#include <math.h>
#include <string.h>

#include <flint/fmpq_vec.h>

#include "basin.h"
#include "cert.h"
#include "escape.h"
#include "mc.h"
#include "paper.h"
#include "sampler.h"
#include "sphere.h"
#include "thm5.h"

#define PREC 128

/* ------------------------------------------------- basin-value samples */

typedef struct
{
    const thm5_inst_struct *I;
    slong n;
    int biased;             /* v_i = |v_i| (not symmetric: Assumption 1 broken) */
    thm5_witness_kind kind; /* the construction of the witness */
    arb_t Kd2;              /* K delta^2 */
    arb_t Wd2;              /* the proof's per-sample bound for the rational witness */
    int regime1;
    fmpq_t Mq;
    fmpq *dq;
} bas_ctx;

/* q >= x rational on the grid 2^-30 */
static void
fmpq_upper(fmpq_t q, const arb_t x)
{
    arf_t u;
    fmpz_t z;
    arf_init(u);
    fmpz_init(z);
    arb_get_ubound_arf(u, x, PREC);
    arf_mul_2exp_si(u, u, 30);
    arf_get_fmpz(z, u, ARF_RND_CEIL);
    fmpq_set_fmpz(q, z);
    fmpq_div_2exp(q, q, 30);
    arf_clear(u);
    fmpz_clear(z);
}

static void
bas_ctx_init(bas_ctx *X, const thm5_inst_t I, slong n, int biased, thm5_witness_kind kind)
{
    arb_t lmin, lmax, t, K;
    fmpq_t yh2, d2, g2, B2, c2;
    slong j, q = n < I->k ? n : I->k;

    memset(X, 0, sizeof *X);
    X->I = I;
    X->n = n;
    X->biased = biased;
    X->kind = kind;
    arb_init(X->Kd2);
    arb_init(X->Wd2);
    fmpq_init(X->Mq);
    X->dq = _fmpq_vec_init(I->k);
    arb_init(lmin);
    arb_init(lmax);
    arb_init(t);
    arb_init(K);
    fmpq_init(yh2);
    fmpq_init(d2);
    fmpq_init(g2);
    fmpq_init(B2);
    fmpq_init(c2);
    thm5_gram_eigs(lmin, lmax, I->C, PREC);
    thm5_tight_constants(B2, c2, g2, I);
    thm5_yhat2(yh2, I);
    thm5_delta2(d2, I);
    thm5_K(K, n, I->k, yh2, lmin, g2, PREC);
    arb_set_fmpq(t, d2, PREC);
    arb_mul(X->Kd2, K, t, PREC);
    /* witness parameters: Mq >= 2 |yhat| / sigma_min, dq_j >= delta_j */
    arb_set_fmpq(t, yh2, PREC);
    arb_div(t, t, lmin, PREC);
    arb_sqrtpos(t, t, PREC);
    arb_mul_2exp_si(t, t, 1);
    fmpq_upper(X->Mq, t);
    for (j = 0; j < I->k; j++)
    {
        arb_set_fmpq(t, I->delta2 + j, PREC);
        arb_sqrtpos(t, t, PREC);
        fmpq_upper(X->dq + j, t);
    }
    /* regime 1 of the proof: |dq|^2 <= sigma_min^2 / 4 */
    {
        fmpq_t s;
        fmpq_init(s);
        for (j = 0; j < I->k; j++)
            fmpq_addmul(s, X->dq + j, X->dq + j);
        arb_set_fmpq(t, s, PREC);
        arb_mul_2exp_si(t, t, 2);
        X->regime1 = arb_le(t, lmin);
        /* the per-point bound with the rational witness: |pred - y| <=
           2 q Mq max dq + 2 gamma delta; Wd2 = its square */
        fmpq_zero(s);
        for (j = 0; j < I->k; j++)
            if (fmpq_cmp(X->dq + j, s) > 0)
                fmpq_set(s, X->dq + j);
        fmpq_mul(s, s, X->Mq);
        fmpq_mul_si(s, s, 2 * q);
        arb_set_fmpq(X->Wd2, s, PREC);
        arb_set_fmpq(t, g2, PREC);
        arb_sqrtpos(t, t, PREC);
        arb_set_fmpq(K, d2, PREC);
        arb_sqrtpos(K, K, PREC);
        arb_mul(t, t, K, PREC);
        arb_mul_2exp_si(t, t, 1);
        arb_add(X->Wd2, X->Wd2, t, PREC);
        arb_sqr(X->Wd2, X->Wd2, PREC);
        fmpq_clear(s);
    }
    arb_clear(lmin);
    arb_clear(lmax);
    arb_clear(t);
    arb_clear(K);
    fmpq_clear(yh2);
    fmpq_clear(d2);
    fmpq_clear(g2);
    fmpq_clear(B2);
    fmpq_clear(c2);
}

static void
bas_ctx_clear(bas_ctx *X)
{
    arb_clear(X->Kd2);
    arb_clear(X->Wd2);
    fmpq_clear(X->Mq);
    _fmpq_vec_clear(X->dq, X->I->k);
}

/* exact rational <= arb: TRUE, > arb: FALSE */
static truth_t
q_le_arb(const fmpq_t q, const arb_t a)
{
    arb_t x;
    truth_t r = BC_UNDECIDED;
    arb_init(x);
    arb_set_fmpq(x, q, PREC);
    if (arb_le(x, a))
        r = BC_TRUE;
    else if (arb_gt(x, a))
        r = BC_FALSE;
    arb_clear(x);
    return r;
}

void
thm5_draw_network(fmpq_mat_t W, fmpq *v, rng_t rng, int biased)
{
    slong n = W->r, d = W->c, i, l;
    double *w = flint_malloc(sizeof(double) * (d > n ? d : n));
    for (i = 0; i < n; i++)
    {
        sampler_draw(w, d, SAMPLER_GAUSS, 1.0, rng);
        for (l = 0; l < d; l++)
            bc_fmpq_set_d(fmpq_mat_entry(W, i, l), w[l]);
    }
    sampler_draw(w, n, SAMPLER_GAUSS, 1.0, rng);
    for (i = 0; i < n; i++)
        bc_fmpq_set_d(v + i, biased ? fabs(w[i]) : w[i]);
    flint_free(w);
}

/* Events: 0 Bas <= K delta^2; 1 every cluster has a good neuron;
   2 the good event implies the exact witness is in the closed basin with
   objective <= the proof's bound (vacuously true otherwise); 3 Bas <= 0. */
static void
bas_sample(mc_outcome *out, const void *ctx, rng_t rng, ulong index)
{
    const bas_ctx *X = ctx;
    const thm5_inst_struct *I = X->I;
    slong n = X->n, d = I->d, l;
    fmpq_mat_t W, Wp;
    fmpq *v = _fmpq_vec_init(n), *vp = _fmpq_vec_init(n);
    basin_t B;
    basin_result_t R;
    int ret;
    (void) index;

    out->nevents = 4;
    fmpq_mat_init(W, n, d);
    fmpq_mat_init(Wp, n, d);
    thm5_draw_network(W, v, rng, X->biased);

    basin_init(B);
    basin_result_init(R);
    ret = basin_pattern(B, I->X, I->y, W, v, n, NULL, NULL);
    if (ret != BASIN_OK)
    {
        /* a boundary point (probability zero): nothing decided */
        for (l = 0; l < 4; l++)
            out->event[l] = BC_UNDECIDED;
    }
    else
    {
        slong used;
        basin_value(R, B, PREC);
        out->event[0] = q_le_arb(R->upper, X->Kd2) == BC_TRUE
                            ? BC_TRUE
                            : (q_le_arb(R->lower, X->Kd2) == BC_FALSE ? BC_FALSE : BC_UNDECIDED);
        out->event[3] = fmpq_is_zero(R->upper) ? BC_TRUE : (fmpq_sgn(R->lower) > 0 ? BC_FALSE : BC_UNDECIDED);
        used = thm5_witness(Wp, vp, W, v, n, I, X->Mq, X->dq, X->kind);
        out->event[1] = used >= 0 ? BC_TRUE : BC_FALSE;
        if (used < 0 || !X->regime1)
            out->event[2] = BC_TRUE;
        else
        {
            fmpq_t f;
            fmpq_init(f);
            thm5_objective(f, Wp, vp, n, I);
            if (!thm5_in_closed_basin(Wp, vp, W, v, n, I))
                out->event[2] = BC_FALSE;
            else
                out->event[2] = q_le_arb(f, X->Wd2);
            /* and Bas <= the witness objective (Lemma 2, closure) */
            if (fmpq_cmp(R->lower, f) > 0)
                out->event[2] = BC_FALSE;
            fmpq_clear(f);
        }
    }
    basin_clear(B);
    basin_result_clear(R);
    fmpq_mat_clear(W);
    fmpq_mat_clear(Wp);
    _fmpq_vec_clear(v, n);
    _fmpq_vec_clear(vp, n);
}

/* ------------------------------------------------- noisy-region samples */

typedef struct
{
    const thm5_inst_struct *I;
} noisy_ctx;

/* Events: 0 the direction is noisy for no cluster; 1 the neuron is good
   for cluster 1; 2 good for cluster 2 (all exact) */
static void
noisy_sample(mc_outcome *out, const void *ctx, rng_t rng, ulong index)
{
    const noisy_ctx *X = ctx;
    const thm5_inst_struct *I = X->I;
    slong d = I->d, l;
    double w[16], s;
    fmpq *wq = _fmpq_vec_init(d);
    fmpq_t v;
    int clean;
    (void) index;

    fmpq_init(v);
    sampler_draw(w, d, SAMPLER_GAUSS, 1.0, rng);
    for (l = 0; l < d; l++)
        bc_fmpq_set_d(wq + l, w[l]);
    sampler_draw(&s, 1, SAMPLER_GAUSS, 1.0, rng);
    bc_fmpq_set_d(v, s);
    clean = thm5_neuron_clean(wq, I);
    out->nevents = 1 + (int) (I->k < 2 ? I->k : 2);
    out->event[0] = clean ? BC_TRUE : BC_FALSE;
    for (l = 0; l < I->k && l < 2; l++)
        out->event[1 + l] = thm5_neuron_good(wq, v, I, l) ? BC_TRUE : BC_FALSE;
    fmpq_clear(v);
    _fmpq_vec_clear(wq, d);
}

/* ---------------------------------------- the proof's event at the limit */

typedef struct
{
    const thm5_inst_struct *I;
    slong n;
} limit_ctx;

/* the sign of <w, c_j> */
static int
side(const fmpq *w, const thm5_inst_t I, slong j)
{
    fmpq_t r;
    slong l;
    int s;
    fmpq_init(r);
    for (l = 0; l < I->d; l++)
        fmpq_addmul(r, w + l, fmpq_mat_entry(I->C, j, l));
    s = fmpq_sgn(r);
    fmpq_clear(r);
    return s;
}

/* Event 0: every cluster of I has a good neuron among n neurons drawn by
   Assumption 1 (Gaussian w, then v, neuron by neuron; the draw stops once
   every cluster is covered, which does not change the event).  Exact. */
static void
limit_sample(mc_outcome *out, const void *ctx, rng_t rng, ulong index)
{
    const limit_ctx *X = ctx;
    const thm5_inst_struct *I = X->I;
    slong d = I->d, i, j, l, left = I->k;
    double w[16], s;
    fmpq *wq = _fmpq_vec_init(d);
    char *covered = flint_calloc((size_t) I->k, 1), *cand = flint_malloc((size_t) I->k);
    fmpq_t v;
    int want;
    (void) index;

    fmpq_init(v);
    for (i = 0; i < X->n && left > 0; i++)
    {
        sampler_draw(w, d, SAMPLER_GAUSS, 1.0, rng);
        for (l = 0; l < d; l++)
            bc_fmpq_set_d(wq + l, w[l]);
        sampler_draw(&s, 1, SAMPLER_GAUSS, 1.0, rng);
        bc_fmpq_set_d(v, s);
        /* the cheap conditions of thm5_neuron_good first (the side of
           c_j, the sign of v), then the balls, once per neuron */
        for (j = 0, want = 0; j < I->k; j++)
        {
            cand[j] = !covered[j] && fmpq_sgn(v) * fmpq_sgn(I->y + I->rep[j]) >= 0 && side(wq, I, j) > 0;
            want |= cand[j];
        }
        if (want && thm5_neuron_clean(wq, I))
            for (j = 0; j < I->k; j++)
                if (cand[j])
                    covered[j] = 1, left--;
    }
    out->nevents = 1;
    out->event[0] = left == 0 ? BC_TRUE : BC_FALSE;
    out->escalations = 0;
    fmpq_clear(v);
    _fmpq_vec_clear(wq, d);
    flint_free(covered);
    flint_free(cand);
}

/* ------------------------------------- the claimed constants, read once */

/* Theorem 5's per-neuron failure 7/8 (paper.h). */
static void
neuron_fail(fmpq_t q, const run_t R)
{
    paper_thm5_neuron_fail(q);
    if (run_mutant(R, "thm5.mutant.three_quarters"))
        fmpq_set_si(q, 3, 4);
}

/* Lemma 8's per-cluster bound 1/(4d) (paper.h). */
static void
noisy_bound(fmpq_t q, const run_t R, slong d)
{
    paper_lemma8_noisy(q, d);
    if (run_mutant(R, "thm5.mutant.noisy_eighth"))
        fmpq_div_2exp(q, q, 1);
}

/* Theorem 5's level 1 - d kappa^n and its LaTeX (flint_free) */
static char *
union_bound(arb_t b, const run_t R, slong d, slong n)
{
    fmpq_t kappa;
    char *ks, *tex;
    fmpq_init(kappa);
    neuron_fail(kappa, R);
    arb_set_fmpq(b, kappa, PREC);
    arb_pow_ui(b, b, (ulong) n, PREC);
    arb_mul_si(b, b, d, PREC);
    arb_sub_si(b, b, 1, PREC);
    arb_neg(b, b);
    ks = fmpq_get_str(NULL, 10, kappa);
    tex = bc_aprintf("1-%ld(%s)^{%ld}", (long) d, ks, (long) n);
    flint_free(ks);
    fmpq_clear(kappa);
    return tex;
}

/* L_S(0) = (1/m) sum_t y_t^2: the objective of the zero network, which lies
   in the closure of every basin, so Bas <= L_S(0) always */
static void
zero_objective(fmpq_t L0, const thm5_inst_t I)
{
    slong t;
    fmpq_zero(L0);
    for (t = 0; t < I->m; t++)
        fmpq_addmul(L0, I->y + t, I->y + t);
    _thm5_fmpq_div_si(L0, L0, I->m);
}

/* -------------------------------------------------- basin-value family */

/* samples of the basin-value family and of its controls: quick, default,
   full; a control draws at least its minimum (its power) */
static const ulong bas_sizes[3] = {150, 2000, 4000};
static const ulong biased_sizes[3] = {40, 200, 400};
#define TIGHT_MIN 150
#define BIASED_MIN 40

/* the record of Bas <= K delta^2, flagged trivial when K delta^2 >= L_S(0) */
static void
record_bas(run_t R, check_t c, const mc_tally_t T, const bas_ctx *X, const thm5_inst_t I, slong n,
           const char *where)
{
    arb_t b, l0;
    fmpq_t L0;
    char *bs, *ks;
    arb_init(b);
    arb_init(l0);
    fmpq_init(L0);
    bs = union_bound(b, R, I->d, n);
    ks = bc_arb_str(X->Kd2, 6);
    zero_objective(L0, I);
    arb_set_fmpq(l0, L0, PREC);
    if (arb_ge(X->Kd2, l0))
    {
        char *s = fmpq_get_str(NULL, 10, L0);
        check_field_add(c, "trivial", "K delta^2 = %s >= L_S(0) = %s", ks, s);
        check_add_note(
            c,
            "\\textbf{Trivial:} $K\\delta^2=%s\\ge L_S(0)=%s$, the objective of the zero network, "
            "which lies in the closure of every basin; so $\\mathrm{Bas}\\le K\\delta^2$ for every "
            "initialisation and the rate is 1 whatever the theorem says.",
            ks, s);
        flint_free(s);
    }
    c->statement = bc_aprintf("On %s, $n=%ld$.", where, (long) n);
    check_set_mc(c, T->samples, T->hits[0], T->undecided[0], T->escalations, b, bs);
    check_field_add(c, "K_delta2", "%s", ks);
    check_field_add(c, "instance", "%s: m = %ld, d = %ld, k = %ld, n = %ld", where, (long) I->m, (long) I->d,
                    (long) I->k, (long) n);
    check_set_stream_witness(c, R->opts->seed, "thm5.mc.bas", "certified Bas against K delta^2");
    run_push(R, c);
    flint_free(bs);
    flint_free(ks);
    arb_clear(b);
    arb_clear(l0);
    fmpq_clear(L0);
}

/* the records of the proof's event and of its witness, from the same tally */
static void
record_good_witness(run_t R, const mc_tally_t T, const bas_ctx *X, const thm5_inst_t I, slong n,
                    const char *where)
{
    check_t c;
    arb_t b;
    char *bs, *s;
    arb_init(b);
    bs = union_bound(b, R, I->d, n);
    if (run_wants(R, "thm5.mc.good"))
    {
        run_check(R, c, "thm5.mc.good");
        c->statement = bc_aprintf("On %s, $n=%ld$.", where, (long) n);
        check_set_mc(c, T->samples, T->hits[1], T->undecided[1], T->escalations, b, bs);
        check_set_stream_witness(c, R->opts->seed, "thm5.mc.bas", "every cluster has a good neuron");
        run_push(R, c);
    }
    if (run_wants(R, "thm5.witness"))
    {
        run_check(R, c, "thm5.witness");
        c->statement = bc_aprintf("On %s, $n=%ld$.", where, (long) n);
        if (!X->regime1)
        {
            check_hypothesis(c, BC_FALSE);
            check_add_note(c, "The instance is outside regime 1 of the proof.");
        }
        else
            check_count(c, (slong) (T->samples - T->hits[2] - T->undecided[2]), (slong) T->undecided[2]);
        check_field_add(c, "samples_with_good_event", "%lu of %lu", (unsigned long) T->hits[1],
                        (unsigned long) T->samples);
        check_field_add(c, "witness_verified", "%lu of %lu (vacuous when the event fails)",
                        (unsigned long) T->hits[2], (unsigned long) T->samples);
        s = bc_arb_str(X->Wd2, 6);
        check_field_add(c, "witness_bound", "%s", s);
        flint_free(s);
        check_set_stream_witness(c, R->opts->seed, "thm5.mc.bas",
                                 T->hits[2] + T->undecided[2] < T->samples
                                     ? "a sample with the good event whose witness failed"
                                     : "the samples with the good event");
        run_push(R, c);
    }
    flint_free(bs);
    arb_clear(b);
}

/* Bas <= K delta^2, the proof's event and its witness on (I, n) from one
   tally of stream thm5.mc.bas (N samples), which is returned in T */
static void
check_bas_family(run_t R, mc_tally_t T, const thm5_inst_t I, slong n, ulong N, const char *where)
{
    bas_ctx X;
    check_t c;
    int want = run_wants(R, "thm5.mc.bas");
    bas_ctx_init(&X, I, n, run_mutant(R, "thm5.mutant.biased"),
                 run_mutant(R, "thm5.mutant.witness_inactive") ? THM5_WITNESS_INACTIVE_UP
                                                               : THM5_WITNESS_PROOF);
    if (want)
        run_check(R, c, "thm5.mc.bas"); /* its clock runs with the sampling */
    run_mc(R, T, bas_sample, &X, N, "thm5.mc.bas");
    if (want)
        record_bas(R, c, T, &X, I, n, where);
    record_good_witness(R, T, &X, I, n, where);
    bas_ctx_clear(&X);
}

/* The negative controls of the basin-value family, on the module's own
   instance I with width n only (on a user's instance a control need not
   fail: a bound <= 0, or data where K = 0 is enough).  T is the tally of
   stream thm5.mc.bas on that instance. */
static void
check_tight_k(run_t R, const mc_tally_t T, const thm5_inst_t I, slong n, const char *where)
{
    check_t c;
    arb_t b;
    char *bs;
    int e = run_mutant(R, "thm5.mutant.k_restored") ? 0 : 3; /* Bas <= K delta^2, or Bas <= 0 */
    arb_init(b);
    bs = union_bound(b, R, I->d, n);
    run_check(R, c, "thm5.control.tight_k");
    c->statement = bc_aprintf("On %s, $n=%ld$.", where, (long) n);
    check_set_mc(c, T->samples, T->hits[e], T->undecided[e], T->escalations, b, bs);
    check_set_stream_witness(c, R->opts->seed, "thm5.mc.bas", e == 3 ? "Bas = 0" : "Bas <= K delta^2");
    run_push(R, c);
    flint_free(bs);
    arb_clear(b);
}

static void
check_biased(run_t R, const thm5_inst_t I, slong n, const char *where)
{
    bas_ctx Y;
    mc_tally_t U;
    check_t c;
    arb_t b;
    char *bs;
    int biased = !run_mutant(R, "thm5.mutant.unbiased");
    arb_init(b);
    bs = union_bound(b, R, I->d, n);
    bas_ctx_init(&Y, I, n, biased, THM5_WITNESS_PROOF);
    run_check(R, c, "thm5.control.biased");
    run_mc(R, U, bas_sample, &Y, run_samples(R, "thm5.control.biased", biased_sizes, BIASED_MIN),
           "thm5.control.biased");
    c->statement = bc_aprintf("On %s, $n=%ld$.", where, (long) n);
    check_set_mc(c, U->samples, U->hits[0], U->undecided[0], U->escalations, b, bs);
    check_set_stream_witness(c, R->opts->seed, "thm5.control.biased",
                             biased ? "v > 0 on every sample" : NULL);
    run_push(R, c);
    bas_ctx_clear(&Y);
    flint_free(bs);
    arb_clear(b);
}

/* --------------------------------------------------------- noisy regions */

typedef struct
{
    arb_ptr rho, band;
    arb_struct *U;
    const thm5_inst_struct *I;
    const fmpq *q;
} noisy_bound_ctx;

static truth_t
noisy_bound_at(void *ctx, slong prec)
{
    noisy_bound_ctx *X = ctx;
    return thm5_noisy_bound(X->rho, X->band, X->U, X->I, X->q, prec);
}

/* band_d(rho_j) = 1 - 2 F_d(arccos rho_j), rho_j = sqrt(delta_j^2 / |c_j|^2),
   as an expression */
static char *
band_j_expr(const thm5_inst_t I, slong j)
{
    fmpq_t r2, t;
    slong l;
    char *s;
    fmpq_init(r2);
    fmpq_init(t);
    for (l = 0; l < I->d; l++)
    {
        fmpq_mul(t, fmpq_mat_entry(I->C, j, l), fmpq_mat_entry(I->C, j, l));
        fmpq_add(r2, r2, t);
    }
    fmpq_div(r2, I->delta2 + j, r2);
    s = cert_e_fn("sub", 2, cert_e_si(1),
                  cert_e_fn("mul", 2, cert_e_si(2),
                            cert_e_fn("cap_fraction", 2, cert_e_si(I->d),
                                      cert_e_fn("acos", 1, cert_e_fn("sqrt", 1, cert_e_q(r2))))));
    fmpq_clear(r2);
    fmpq_clear(t);
    return s;
}

/* The certificate of Lemma 8 on the clusters of I (kind "inequality", the
   checker evaluating every band itself): band_j <= q, U = sum_j band_j <=
   1/4, and (1 - U)/4 >= 1 - kappa. */
static void
noisy_cert(check_t c, const char *name, const thm5_inst_t I, arb_srcptr band, const arb_t U, const fmpq_t q,
           const fmpq_t kappa, slong prec)
{
    char *lab, *u = NULL, *e;
    arb_t a, b;
    fmpq_t f;
    slong j;
    arb_init(a);
    arb_init(b);
    fmpq_init(f);
    arb_set_fmpq(b, q, prec);
    for (j = 0; j < I->k; j++)
    {
        lab = bc_aprintf("%s, cluster %ld: band <= 1/(4d)", name, (long) (j + 1));
        e = band_j_expr(I, j);
        cert_inequality_expr(c, lab, e, band + j, "<=", (u = cert_e_q(q)), b);
        flint_free(u);
        flint_free(e);
        flint_free(lab);
    }
    u = cert_e_si(0);
    for (j = 0; j < I->k; j++)
        u = cert_e_fn("add", 2, u, band_j_expr(I, j));
    lab = bc_aprintf("%s: U <= 1/4", name);
    arb_set_si(b, 1);
    arb_mul_2exp_si(b, b, -2);
    e = bc_aprintf("\"1/4\"");
    cert_inequality_expr(c, lab, u, U, "<=", e, b);
    flint_free(e);
    flint_free(lab);
    /* (1 - U)/4 >= 1 - kappa */
    arb_sub_ui(a, U, 1, prec);
    arb_neg(a, a);
    arb_mul_2exp_si(a, a, -2);
    fmpq_sub_si(f, kappa, 1);
    fmpq_neg(f, f);
    arb_set_fmpq(b, f, prec);
    lab = bc_aprintf("%s: (1 - U)/4 >= 1 - kappa", name);
    e = cert_e_fn("div", 2, cert_e_fn("sub", 2, cert_e_si(1), u), cert_e_si(4));
    u = cert_e_q(f);
    cert_inequality_expr(c, lab, e, a, ">=", u, b);
    flint_free(e);
    flint_free(u);
    flint_free(lab);
    arb_clear(a);
    arb_clear(b);
    fmpq_clear(f);
}

/* Lemma 8 on the clusters of I (named name): band_j <= 1/(4d), U <= 1/4,
   and the per-neuron rate (1 - U)/4 >= 1 - kappa, at rising precision;
   sets U and adds the fields */
static truth_t
noisy_exact_on(check_t c, const run_t R, const thm5_inst_t I, const char *name, arb_t U)
{
    noisy_bound_ctx X;
    arb_ptr rho = _arb_vec_init(I->k), band = _arb_vec_init(I->k);
    arb_t g, f;
    fmpq_t q, kappa;
    truth_t ok;
    slong j;
    char *s1, *s2;
    arb_init(g);
    arb_init(f);
    fmpq_init(q);
    fmpq_init(kappa);
    noisy_bound(q, R, I->d);
    X.rho = rho;
    X.band = band;
    X.U = U;
    X.I = I;
    X.q = q;
    ok = check_decide_prec(c, noisy_bound_at, &X, PREC);
    for (j = 0; j < I->k; j++)
    {
        char *key = bc_aprintf("%s_band_%ld", name, (long) (j + 1));
        s1 = bc_arb_str(band + j, 8);
        s2 = bc_arb_str(rho + j, 8);
        check_field_add(c, key, "rho = %s, band_d(rho) = %s", s2, s1);
        flint_free(key);
        flint_free(s1);
        flint_free(s2);
    }
    /* a neuron is good for cluster j with probability
       (1/2)(1/2)(1 - P[noisy]) >= (1 - U)/4 (the symmetry w -> -w), which
       must be at least Theorem 5's 1 - kappa */
    neuron_fail(kappa, R);
    arb_sub_ui(g, U, 1, PREC);
    arb_neg(g, g);
    arb_mul_2exp_si(g, g, -2);
    arb_set_fmpq(f, kappa, PREC);
    arb_sub_ui(f, f, 1, PREC);
    arb_neg(f, f);
    ok = bc_truth_and(ok, bc_arb_le(f, g));
    if (ok != BC_UNDECIDED)
        noisy_cert(c, name, I, band, U, q, kappa, PREC);
    s1 = bc_arb_str(U, 8);
    s2 = bc_arb_str(g, 8);
    {
        char *key = bc_aprintf("%s_U", name), *ks = fmpq_get_str(NULL, 10, kappa);
        check_field_add(c, key, "%s; P[good for a cluster] >= (1 - U)/4 = %s, against 1 - %s", s1, s2, ks);
        flint_free(key);
        flint_free(ks);
    }
    flint_free(s1);
    flint_free(s2);
    _arb_vec_clear(rho, I->k);
    _arb_vec_clear(band, I->k);
    arb_clear(g);
    arb_clear(f);
    fmpq_clear(q);
    fmpq_clear(kappa);
    return ok;
}

static void
check_noisy_exact(run_t R, const thm5_inst_t F, const thm5_inst_t Lim)
{
    check_t c;
    arb_t U;
    truth_t a, b;
    arb_init(U);
    run_check(R, c, "thm5.noisy.exact");
    a = noisy_exact_on(c, R, F, "fig1", U);
    b = noisy_exact_on(c, R, Lim, "limit", U);
    check_decide(c, bc_truth_and(a, b));
    if (a == BC_FALSE || b == BC_FALSE)
        check_set_witness(c,
                          "the %s clusters: a band above Lemma 8's bound, U above the union's, or (1 - U)/4 "
                          "below 1 - kappa (fields)",
                          a == BC_FALSE ? "Figure 1" : "limit");
    run_push(R, c);
    arb_clear(U);
}

/* samples of the noisy-region family; the halved control draws at least
   NOISY_MIN (the gap 1 - U against 1 - U/2 is about 0.06 on Figure 1) */
static const ulong noisy_sizes[3] = {20000, 200000, 1000000};
#define NOISY_MIN 4000

/* U, the noisy mass of the Figure 1 clusters as the Monte Carlo reads it */
static void
noisy_mass(arb_t U, const run_t R, const thm5_inst_t I)
{
    arb_ptr rho = _arb_vec_init(I->k), band = _arb_vec_init(I->k);
    fmpq_t q;
    fmpq_init(q);
    noisy_bound(q, R, I->d);
    thm5_noisy_bound(rho, band, U, I, q, 2 * PREC);
    if (run_mutant(R, "thm5.mutant.noisy_mass_half"))
        arb_mul_2exp_si(U, U, -1);
    _arb_vec_clear(rho, I->k);
    _arb_vec_clear(band, I->k);
    fmpq_clear(q);
}

static void
record_noisy(run_t R, check_t c, const mc_tally_t T, const arb_t U)
{
    arb_t t;
    arb_init(t);
    arb_sub_ui(t, U, 1, PREC);
    arb_neg(t, t);
    check_set_mc(c, T->samples, T->hits[0], T->undecided[0], T->escalations, t, "1-U");
    check_set_stream_witness(c, R->opts->seed, "thm5.mc.noisy", "directions noisy for no cluster");
    run_push(R, c);
    arb_clear(t);
}

/* P[good for cluster 1] >= max{(1 - U)/4, 1 - kappa}: the symmetry's rate
   and Theorem 5's per-neuron rate in one bound (the first is the larger
   whenever thm5.noisy.exact holds) */
static void
record_good_neuron(run_t R, const mc_tally_t T, const arb_t U)
{
    check_t c;
    arb_t b, p;
    fmpq_t kappa;
    char *ks, *tex;
    arb_init(b);
    arb_init(p);
    fmpq_init(kappa);
    run_check(R, c, "thm5.mc.good_neuron");
    arb_sub_ui(b, U, 1, PREC);
    arb_neg(b, b);
    arb_mul_2exp_si(b, b, -2);
    neuron_fail(kappa, R);
    arb_set_fmpq(p, kappa, PREC);
    arb_sub_ui(p, p, 1, PREC);
    arb_neg(p, p);
    arb_max(b, b, p, PREC);
    ks = fmpq_get_str(NULL, 10, kappa);
    tex = bc_aprintf("\\max\\{\\frac14-\\frac U4,\\,1-%s\\}", ks);
    check_set_mc(c, T->samples, T->hits[1], T->undecided[1], T->escalations, b, tex);
    check_set_stream_witness(c, R->opts->seed, "thm5.mc.noisy", "neurons good for cluster 1");
    run_push(R, c);
    flint_free(ks);
    flint_free(tex);
    arb_clear(b);
    arb_clear(p);
    fmpq_clear(kappa);
}

static void
record_noisy_half(run_t R, const mc_tally_t T, const arb_t U)
{
    check_t c;
    arb_t t;
    int halved = !run_mutant(R, "thm5.mutant.noisy_unhalved");
    arb_init(t);
    arb_mul_2exp_si(t, U, halved ? -1 : 0);
    arb_sub_ui(t, t, 1, PREC);
    arb_neg(t, t);
    run_check(R, c, "thm5.control.noisy_half");
    check_set_mc(c, T->samples, T->hits[0], T->undecided[0], T->escalations, t, halved ? "1-U/2" : "1-U");
    check_set_stream_witness(c, R->opts->seed, "thm5.mc.noisy", "directions noisy for no cluster");
    run_push(R, c);
    arb_clear(t);
}

/* the Monte Carlo of the noisy regions on the Figure 1 clusters (scale 1):
   one tally for the two checks, a second one for the control when it
   needs more samples */
static void
check_noisy_mc(run_t R, const thm5_inst_t I)
{
    noisy_ctx X;
    mc_tally_t T;
    check_t c;
    arb_t U;
    ulong N = run_samples(R, "thm5.mc.noisy", noisy_sizes, 0);
    ulong Nc = run_samples(R, "thm5.control.noisy_half", noisy_sizes, NOISY_MIN);
    int want_main = run_wants(R, "thm5.mc.noisy") || run_wants(R, "thm5.mc.good_neuron");
    X.I = I;
    arb_init(U);
    noisy_mass(U, R, I);
    if (want_main)
    {
        int want = run_wants(R, "thm5.mc.noisy");
        if (want)
            run_check(R, c, "thm5.mc.noisy"); /* its clock runs with the sampling */
        run_mc(R, T, noisy_sample, &X, N, "thm5.mc.noisy");
        if (want)
            record_noisy(R, c, T, U);
        if (run_wants(R, "thm5.mc.good_neuron"))
            record_good_neuron(R, T, U);
    }
    if (run_wants(R, "thm5.control.noisy_half"))
    {
        if (!want_main || Nc != N)
            run_mc(R, T, noisy_sample, &X, Nc, "thm5.mc.noisy");
        record_noisy_half(R, T, U);
    }
    arb_clear(U);
}

/* ------------------------------------------------ the radius limit */

/* samples of the proof's event at the radius limit; its width */
static const ulong limit_sizes[3] = {20000, 100000, 400000};
#define LIMIT_N 32

/* The a-priori bounds of the limit instance (d = k = 4, c_j = e_j,
   rho = 5/128 for every cluster): P[noisy] lies in [L, U] with U = 4 b,
   b = band_4(rho), and L = 4 b - 6 p2, p2 = 4 rho^2 / pi the exact
   probability of being noisy for two clusters (the pair (u_i, u_j) of a
   uniform point of S^3 is uniform on the unit disc); by the symmetry
   w -> -w a neuron fails cluster 1 with probability 3/4 + P[noisy]/4, so
   P[cluster 1 has no good neuron] >= (3/4 + L/4)^n.  Adds the fields;
   decides that this exceeds d (3/4)^n (the union bound with 3/4, false
   here a priori). */
static void
limit_fields(check_t c, const thm5_inst_t I, slong n)
{
    arb_t rho, b, p2, L, U, f, g, pi;
    char *s1, *s2, *s3;
    arb_init(rho);
    arb_init(b);
    arb_init(p2);
    arb_init(L);
    arb_init(U);
    arb_init(f);
    arb_init(g);
    arb_init(pi);
    arb_set_fmpq(rho, I->delta2 + 0, PREC);
    arb_sqrtpos(rho, rho, PREC); /* |c_j| = 1 */
    sphere_band_prob(b, (ulong) I->d, rho, PREC);
    arb_const_pi(pi, PREC);
    arb_sqr(p2, rho, PREC);
    arb_mul_2exp_si(p2, p2, 2);
    arb_div(p2, p2, pi, PREC);
    arb_mul_si(U, b, I->k, PREC);
    arb_mul_si(L, p2, I->k * (I->k - 1) / 2, PREC);
    arb_sub(L, U, L, PREC);
    s1 = bc_arb_str(L, 8);
    s2 = bc_arb_str(U, 8);
    check_field_add(c, "noisy_mass", "P[noisy] in [%s, %s] (Bonferroni, exact pair term 4 rho^2/pi)", s1, s2);
    flint_free(s1);
    flint_free(s2);
    /* (3/4 + L/4)^n against d (3/4)^n */
    arb_mul_2exp_si(f, L, -2);
    arb_set_d(g, 0.75);
    arb_add(f, f, g, PREC);
    arb_pow_ui(f, f, (ulong) n, PREC);
    arb_pow_ui(g, g, (ulong) n, PREC);
    arb_mul_si(g, g, I->d, PREC);
    s1 = bc_arb_str(f, 6);
    s2 = bc_arb_str(g, 6);
    s3 = bc_aprintf("%s", arb_gt(f, g) ? "decided >" : "not decided >");
    check_field_add(c, "three_quarters_false",
                    "P[no good neuron for cluster 1] >= (3/4 + L/4)^%ld = %s, %s d (3/4)^%ld = %s", (long) n,
                    s1, s3, (long) n, s2);
    flint_free(s1);
    flint_free(s2);
    flint_free(s3);
    arb_clear(rho);
    arb_clear(b);
    arb_clear(p2);
    arb_clear(L);
    arb_clear(U);
    arb_clear(f);
    arb_clear(g);
    arb_clear(pi);
}

static void
check_limit(run_t R)
{
    thm5_inst_t I;
    limit_ctx X;
    mc_tally_t T;
    check_t c;
    arb_t b;
    char *bs;
    thm5_inst_init(I);
    thm5_limit_instance(I);
    arb_init(b);
    X.I = I;
    X.n = LIMIT_N;
    run_check(R, c, "thm5.limit.good");
    run_mc(R, T, limit_sample, &X, run_samples(R, "thm5.limit.good", limit_sizes, 0), "thm5.limit.good");
    bs = union_bound(b, R, I->d, LIMIT_N);
    check_set_mc(c, T->samples, T->hits[0], T->undecided[0], T->escalations, b, bs);
    check_field_add(c, "instance", "d = k = 4, c_j = e_j, delta = 5/128 (rho ~ 0.99742 rho_4), n = %d",
                    LIMIT_N);
    check_field_add(c, "failures", "%lu of %lu samples", (unsigned long) (T->samples - T->hits[0]),
                    (unsigned long) T->samples);
    limit_fields(c, I, LIMIT_N);
    check_set_stream_witness(c, R->opts->seed, "thm5.limit.good", "every cluster has a good neuron");
    run_push(R, c);
    flint_free(bs);
    arb_clear(b);
    thm5_inst_clear(I);
}

/* ------------------------------------------------------------ entry */

void
thm5_check_mc(run_t R, const thm5_inst_t user, slong n, const char *uname)
{
    static const char fig1[] = "the Figure~1 centres, radii $1/64$, $1/40$";
    thm5_inst_t I, L;
    mc_tally_t T;
    ulong N = run_samples(R, "thm5.mc.bas", bas_sizes, 0);
    ulong Nt = run_samples(R, "thm5.control.tight_k", bas_sizes, TIGHT_MIN);
    int family = run_wants(R, "thm5.mc.bas") || run_wants(R, "thm5.mc.good") || run_wants(R, "thm5.witness");
    int own = user == NULL && n == THM5_MC_N && N == Nt;

    thm5_inst_init(I);
    thm5_fig1_instance(I, 8);
    if (family && user != NULL)
    {
        char *e = escape_tex(uname);
        char *w = bc_aprintf("the user's data \\texttt{%s}", e);
        flint_free(e);
        check_bas_family(R, T, user, n, N, w);
        flint_free(w);
    }
    else if (family)
        check_bas_family(R, T, I, n, N, fig1);
    /* the controls on the module's own instance and width, with at least
       TIGHT_MIN samples; the tally of the family is theirs when that is
       where it ran */
    if (run_wants(R, "thm5.control.tight_k"))
    {
        if (!family || !own)
        {
            bas_ctx X;
            bas_ctx_init(&X, I, THM5_MC_N, 0, THM5_WITNESS_PROOF);
            run_mc(R, T, bas_sample, &X, Nt, "thm5.mc.bas");
            bas_ctx_clear(&X);
        }
        check_tight_k(R, T, I, THM5_MC_N, fig1);
    }
    if (run_wants(R, "thm5.control.biased"))
        check_biased(R, I, THM5_MC_N, fig1);
    thm5_inst_clear(I);
    thm5_inst_init(I);
    thm5_fig1_instance(I, 1);
    if (run_wants(R, "thm5.noisy.exact"))
    {
        thm5_inst_init(L);
        thm5_limit_instance(L);
        check_noisy_exact(R, I, L);
        thm5_inst_clear(L);
    }
    check_noisy_mc(R, I);
    thm5_inst_clear(I);
    if (run_wants(R, "thm5.limit.good"))
        check_limit(R);
}
