/* thm3_mc.c -- Theorem 3's Monte Carlo: one sample is a network of width
   N drawn by Assumption 1, on which the module decides exactly whether
   the proof's witness exists (B.5), the certified basin value where the
   engine runs, and Lemma 7's event for two neurons.  The records: the
   witness and the statement against 1 - exp(-c n/4), the proof step on
   every sample, the exact law of the number of well-initialised neurons
   and Lemma 7's rate (agreement tests), and the sampled controls.
   Every statistical test is judged by the driver in the run's family.
   Statements in thm3.tex. */
#include <math.h>
#include <string.h>

#include <flint/fmpq_vec.h>

#include "basin.h"
#include "binom.h"
#include "sphere.h"
#include "thm3.h"

#define PREC 128
/* the least number of samples of a negative control (its power) */
#define THM3_CONTROL_SAMPLES 1000

/* Events of one sample (a network of width N drawn by Assumption 1). */
#define EV_WITNESS 0 /* all live teacher neurons matched and the witness has objective <= eps */
#define EV_MATCHED 1 /* all live teacher neurons matched (sequential rule) */
#define EV_BASIN 2   /* Bas(W, v) <= eps (engine + witness); = EV_WITNESS without engine */
#define EV_PROOF 3   /* matched => witness in the closed basin with objective <= eps */
#define EV_CONSIST 4 /* engine lower bound <= witness objective (when both exist) */
#define EV_L7A 5     /* neuron 0 well-initialised for the first live teacher neuron (on U) */
#define EV_L7B 6     /* neuron 1, same */
#define EV_ENGINE 7  /* the basin engine ran on the sample */
#define EV_COUNT 8
/* the event of the one-neuron sample of the Lemma 7 control */
#define EV_ONE 0

/* When the basin engine runs on a sample: never; on every sample unless
   the points blocked by negative output weights certify Bas > eps
   (blocked_lower, a lower bound the engine would only repeat); or only
   when neither that nor the witness decides (the witness is a point of
   the closed basin with exact objective, a certificate as good as the
   engine's upper bound). */
#define ENGINE_NEVER 0
#define ENGINE_ALWAYS 1
#define ENGINE_UNLESS_WITNESS 2

typedef struct
{
    const thm3_inst_struct *I;
    ulong N;
    sampler_kind kind;
    int engine;     /* ENGINE_* */
    int sign_rule;  /* the claim's rule (thm3_claim_struct) */
    int v_negative; /* the claim's law of v */
    int full;       /* the control of Lemma 7: one neuron, the cap in R^d (or on U) */
    slong j0;       /* first live teacher neuron */
} thm3_ctx;

static truth_t
tb(int x)
{
    return x ? BC_TRUE : BC_FALSE;
}

static char *
ds(const arb_t x)
{
    return bc_arb_str(x, 8);
}

static void
ctx_set(thm3_ctx *C, const thm3_inst_struct *I, ulong N, sampler_kind kind, const thm3_claim_struct *K)
{
    memset(C, 0, sizeof(*C));
    C->I = I;
    C->N = N;
    C->kind = kind;
    C->sign_rule = K->sign_rule;
    C->v_negative = K->v_negative;
    C->j0 = thm3_next_live(I, 0);
}

/* Bas(W, v) <= eps decided by the basin engine (the first `rows` rows of
   W are all of them here); matched_ok: the witness shows Bas <= eps */
static void
engine_events(mc_outcome *out, const thm3_inst_struct *I, const double *W, const double *v, slong N,
              int matched_ok, const fmpq_t wobj)
{
    basin_t B;
    basin_result_t Rs;
    fmpq_mat_t Wq;
    fmpq *vq = _fmpq_vec_init(N);
    slong bj, bt, i, k, d = I->d;
    fmpq_mat_init(Wq, N, d);
    for (i = 0; i < N; i++)
    {
        bc_fmpq_set_d(vq + i, v[i]);
        for (k = 0; k < d; k++)
            bc_fmpq_set_d(fmpq_mat_entry(Wq, i, k), W[i * d + k]);
    }
    basin_init(B);
    basin_result_init(Rs);
    if (basin_pattern(B, I->X, I->y, Wq, vq, N, &bj, &bt) != BASIN_OK)
        out->event[EV_BASIN] = BC_UNDECIDED; /* on a boundary: no basin of its own */
    else
    {
        basin_value(Rs, B, PREC);
        if (fmpq_cmp(Rs->upper, I->eps) <= 0)
            out->event[EV_BASIN] = BC_TRUE;
        else if (fmpq_cmp(Rs->lower, I->eps) > 0)
            out->event[EV_BASIN] = BC_FALSE;
        else if (matched_ok)
        {
            out->event[EV_BASIN] = BC_TRUE; /* Bas <= L(witness) <= eps */
            out->escalations = 1;
        }
        else
            out->event[EV_BASIN] = BC_UNDECIDED;
        if (matched_ok && fmpq_cmp(Rs->lower, wobj) > 0)
            out->event[EV_CONSIST] = BC_FALSE;
    }
    basin_result_clear(Rs);
    basin_clear(B);
    fmpq_mat_clear(Wq);
    _fmpq_vec_clear(vq, N);
}

/* A lower bound of Bas(W, v) without the engine: at a point x_t where
   every neuron with <w_i, x_t> >= 0 has v_i < 0, every network of the
   closed basin predicts <= 0 (Def. 2: a_{i,t} <w'_i, x_t> >= 0 and
   b_i v'_i >= 0), so its squared error there is at least y_t^2 when
   y_t > 0.  Sets lb to (1/m) times the sum of those y_t^2, exactly. */
static void
blocked_lower(fmpq_t lb, const thm3_inst_struct *I, const double *W, const double *v, slong N)
{
    slong t, i, k, d = I->d;
    fmpq_t s, w;
    fmpq_init(s);
    fmpq_init(w);
    fmpq_zero(lb);
    for (t = 0; t < I->m; t++)
    {
        int blocked = fmpq_sgn(I->y + t) > 0;
        for (i = 0; i < N && blocked; i++)
        {
            if (!(v[i] > 0))
                continue;
            fmpq_zero(s);
            for (k = 0; k < d; k++)
            {
                bc_fmpq_set_d(w, W[i * d + k]);
                fmpq_addmul(s, w, fmpq_mat_entry(I->X, t, k));
            }
            blocked = fmpq_sgn(s) < 0;
        }
        if (blocked)
            fmpq_addmul(lb, I->y + t, I->y + t);
    }
    thm3_qdiv_si(lb, I->m);
    fmpq_clear(s);
    fmpq_clear(w);
}

/* The neurons are drawn in the order of Assumption 1's sampler (v, then
   the rows of W); the rows the engine does not need are not drawn
   (those after the sequential reading is complete and after Lemma 7's
   two neurons), which leaves every event as it would be with all N
   rows. */
static void
thm3_sample(mc_outcome *out, const void *vctx, rng_t rng, ulong index)
{
    const thm3_ctx *C = vctx;
    const thm3_inst_struct *I = C->I;
    slong N = (slong) C->N, d = I->d, i, j = C->j0, got = 0, rows = 0;
    double *W = flint_malloc(sizeof(double) * N * d);
    double *v = flint_malloc(sizeof(double) * N);
    slong *match = flint_malloc(sizeof(slong) * I->n);
    thm3_witness_t Wt;
    arb_ptr y = _arb_vec_init(I->r);
    arb_t pn;
    int matched, wok = 0;

    (void) index;
    arb_init(pn);
    thm3_witness_init(Wt, I->n);
    memset(out, 0, sizeof(*out));
    out->nevents = EV_COUNT;
    sampler_draw(v, N, C->kind, 1.0, rng);
    for (i = 0; i < N && C->v_negative; i++)
        v[i] = -fabs(v[i]);
    for (i = 0; i < I->n; i++)
        match[i] = -1;
    for (rows = 0; rows < N && (C->engine == ENGINE_ALWAYS || j < I->n || rows < 2); rows++)
    {
        sampler_draw(W + rows * d, d, C->kind, 1.0, rng);
        if (j < I->n && thm3_well_init(I, j, W + rows * d, v[rows], C->sign_rule, y, pn))
        {
            match[j] = rows;
            got++;
            j = thm3_next_live(I, j + 1);
        }
    }
    matched = got == I->nlive;
    if (matched)
    {
        thm3_witness(Wt, I, W, v, rows, match);
        wok = Wt->ok;
    }
    out->event[EV_WITNESS] = tb(matched && wok);
    out->event[EV_MATCHED] = tb(matched);
    out->event[EV_PROOF] = tb(!matched || wok);
    out->event[EV_BASIN] = out->event[EV_WITNESS];
    out->event[EV_CONSIST] = BC_TRUE;
    out->event[EV_ENGINE] = BC_FALSE;
    if (C->engine == ENGINE_ALWAYS || (C->engine == ENGINE_UNLESS_WITNESS && !(matched && wok)))
    {
        fmpq_t lb;
        fmpq_init(lb);
        for (; rows < N; rows++)
            sampler_draw(W + rows * d, d, C->kind, 1.0, rng);
        blocked_lower(lb, I, W, v, N);
        if (fmpq_cmp(lb, I->eps) > 0)
            out->event[EV_BASIN] = BC_FALSE; /* Bas >= lb > eps */
        else
        {
            engine_events(out, I, W, v, N, matched && wok, Wt->obj);
            out->event[EV_ENGINE] = BC_TRUE;
        }
        fmpq_clear(lb);
    }
    /* Lemma 7 on this sample: neurons 0 and 1 against the first live
       teacher neuron, the sign of v included */
    for (i = 0; i < 2; i++)
        out->event[EV_L7A + i] =
            tb(N > i && C->j0 < I->n && thm3_well_init(I, C->j0, W + i * d, v[i], C->sign_rule, y, pn));
    arb_clear(pn);
    _arb_vec_clear(y, I->r);
    thm3_witness_clear(Wt, I->n);
    flint_free(W);
    flint_free(v);
    flint_free(match);
}

/* The control of Lemma 7: one neuron (w, v) of the law, against the first
   live teacher neuron, the cap measured in R^d (C->full = 1) or on U. */
static void
thm3_sample_one(mc_outcome *out, const void *vctx, rng_t rng, ulong index)
{
    const thm3_ctx *C = vctx;
    const thm3_inst_struct *I = C->I;
    double v, *w = flint_malloc(sizeof(double) * I->d);
    arb_ptr y = _arb_vec_init(I->r);
    arb_t pn;
    (void) index;
    arb_init(pn);
    memset(out, 0, sizeof(*out));
    out->nevents = EV_COUNT;
    sampler_draw(&v, 1, C->kind, 1.0, rng);
    sampler_draw(w, I->d, C->kind, 1.0, rng);
    if (C->j0 < I->n && (v > 0) - (v < 0) == I->vsign[C->j0])
    {
        thm3_proj(y, pn, I, w);
        out->event[EV_ONE] = tb(C->full ? thm3_cap_full(I, C->j0, y, w) : thm3_cap(I, C->j0, y, pn));
    }
    else
        out->event[EV_ONE] = BC_FALSE;
    arb_clear(pn);
    _arb_vec_clear(y, I->r);
    flint_free(w);
}

/* ------------------------------------------------ slots */

/* samples width ci of Z unless done */
static void
slot_ensure(run_t R, thm3_slot_struct *Z, const thm3_claim_struct *K, slong ci)
{
    thm3_ctx C;
    char *stream;
    if (Z->sampled & (1 << ci))
        return;
    ctx_set(&C, Z->I, Z->N[ci], SAMPLER_GAUSS, K);
    C.engine = Z->engine ? ENGINE_ALWAYS : ENGINE_NEVER;
    stream = bc_aprintf("thm3/%s/c%s", Z->stream, thm3_cstr[ci]);
    run_mc(R, Z->T[ci], thm3_sample, &C, Z->S, stream);
    flint_free(stream);
    Z->sampled |= 1 << ci;
}

/* samples every width of the slots Z[0..nz-1] not yet sampled */
static void
slots_ensure(run_t R, thm3_slot_struct *Z, slong nz, const thm3_claim_struct *K)
{
    slong k, ci;
    for (k = 0; k < nz; k++)
        for (ci = 0; ci < THM3_NC; ci++)
            slot_ensure(R, Z + k, K, ci);
}

/* ------------------------------------------------ the statement */

/* The record of slot Z at width ci: the event (EV_WITNESS or EV_BASIN)
   against the claimed bound, with the exact laws beside it. */
static void
mc_fill(check_t c, const thm3_slot_struct *Z, slong ci, int event, const thm3_claim_struct *K,
        const run_opts *o)
{
    const mc_tally_struct *T = Z->T[ci];
    arb_t b, e1, e2;
    char *bs, *s1, *s2, *tex, *st = bc_aprintf("thm3/%s/c%s", Z->stream, thm3_cstr[ci]);
    arb_init(b);
    arb_init(e1);
    arb_init(e2);
    thm3_claim_bound(b, K, thm3_c2s[ci], (ulong) Z->I->n, PREC);
    tex = bc_aprintf("1-e^{-cn/4},\\ c=%s,\\ n=%ld", thm3_cstr[ci], (long) Z->I->n);
    check_set_mc(c, T->samples, T->hits[event], T->undecided[event], T->escalations, b, tex);
    c->statement = bc_aprintf("%s instance, $N=c\\lceil n/p_\\epsilon\\rceil=%lu$, $c=%s$, $n=%ld$.", Z->name,
                              (unsigned long) Z->N[ci], thm3_cstr[ci], (long) Z->I->n);
    bs = ds(b);
    check_field_add(c, "bound", "1 - exp(-%s n/4) = %s", thm3_cstr[ci], bs);
    check_field_add(c, "width", "N = %lu", (unsigned long) Z->N[ci]);
    binom_sf_arb(e1, Z->N[ci], Z->q, (ulong) Z->I->nlive, PREC);
    binom_sf_arb(e2, Z->N[ci], Z->p, (ulong) Z->I->n, PREC);
    s1 = ds(e1);
    s2 = ds(e2);
    check_field_add(c, "exact_witness_law",
                    "P[Bin(N, F_r/2) >= n] = %s (the exact probability of n well-initialised neurons; "
                    "decided against the bound in thm3.witness_law)",
                    s1);
    check_field_add(c, "binomial_p_eps", "P[Bin(N, p_eps) >= n] = %s (the proof's lower bound)", s2);
    check_field_add(c, "witness_rate", "%lu / %lu", (unsigned long) T->hits[EV_WITNESS],
                    (unsigned long) T->samples);
    check_field_add(c, "matched_rate", "%lu / %lu", (unsigned long) T->hits[EV_MATCHED],
                    (unsigned long) T->samples);
    if (Z->engine)
        check_field_add(c, "good_basin_rate", "%lu / %lu (%lu undecided, %lu decided by the witness only)",
                        (unsigned long) T->hits[EV_BASIN], (unsigned long) T->samples,
                        (unsigned long) T->undecided[EV_BASIN], (unsigned long) T->escalations);
    check_set_stream_witness(c, o->seed, st,
                             event == EV_BASIN ? "samples with certified Bas(W, v) <= eps"
                                               : "samples whose rescaled witness has objective <= eps");
    flint_free(st);
    flint_free(bs);
    flint_free(s1);
    flint_free(s2);
    flint_free(tex);
    arb_clear(b);
    arb_clear(e1);
    arb_clear(e2);
}

void
thm3_rec_mc(run_t R, thm3_slot_struct *Z, const thm3_claim_struct *K)
{
    static const char *const ids[2][THM3_NC] = {
        {"thm3.main.witness.c2", "thm3.main.witness.c3", "thm3.main.witness.c4"},
        {"thm3.engine.basin.c2", "thm3.engine.basin.c3", "thm3.engine.basin.c4"}};
    slong k, ci;
    for (k = 0; k < 2; k++)
        for (ci = 0; ci < THM3_NC; ci++)
            if (run_wants(R, ids[k][ci]))
            {
                check_t c;
                run_check(R, c, ids[k][ci]);
                slot_ensure(R, Z + k, K, ci);
                mc_fill(c, Z + k, ci, k == 0 ? EV_WITNESS : EV_BASIN, K, R->opts);
                run_push(R, c);
            }
}

/* ------------------------------------------------ pooled records */

void
thm3_rec_closure(run_t R, thm3_slot_struct *Z, slong nz, const thm3_claim_struct *K)
{
    check_t c;
    slong k, ci;
    ulong S = 0, P = 0, Cn = 0, M = 0;
    run_check(R, c, "thm3.witness.closure");
    slots_ensure(R, Z, nz, K);
    for (k = 0; k < nz; k++)
        for (ci = 0; ci < THM3_NC; ci++)
        {
            S += Z[k].T[ci]->samples;
            P += Z[k].T[ci]->hits[EV_PROOF];
            Cn += Z[k].T[ci]->hits[EV_CONSIST];
            M += Z[k].T[ci]->hits[EV_MATCHED];
        }
    check_field_add(c, "samples", "%lu (both instances, c = 2, 3, 4)", (unsigned long) S);
    check_field_add(c, "matched", "%lu samples with n well-initialised neurons", (unsigned long) M);
    check_field_add(c, "proof_step", "%lu of %lu samples: matched implies witness ok", (unsigned long) P,
                    (unsigned long) S);
    check_field_add(c, "engine_consistent", "%lu of %lu", (unsigned long) Cn, (unsigned long) S);
    if (P < S || Cn < S)
        check_set_witness(c,
                          "seed %llu: %lu samples break the proof step, %lu the engine consistency "
                          "(streams thm3/<instance>/c<c>, samples 0..%lu)",
                          (unsigned long long) R->opts->seed, (unsigned long) (S - P),
                          (unsigned long) (S - Cn), (unsigned long) (Z[0].S > Z[1].S ? Z[0].S : Z[1].S) - 1);
    check_count(c, (slong) ((S - P) + (S - Cn)), 0);
    run_push(R, c);
}

void
thm3_rec_law(run_t R, thm3_slot_struct *Z, slong nz, const thm3_claim_struct *K)
{
    check_t c;
    slong k, ci;
    arb_t e;
    arb_init(e);
    run_check(R, c, "thm3.law");
    slots_ensure(R, Z, nz, K);
    for (k = 0; k < nz; k++)
        for (ci = 0; ci < THM3_NC; ci++)
        {
            const mc_tally_struct *T = Z[k].T[ci];
            char *lab =
                bc_aprintf("%s, c = %s, N = %lu", Z[k].name, thm3_cstr[ci], (unsigned long) Z[k].N[ci]);
            binom_sf_arb(e, Z[k].N[ci], Z[k].q, (ulong) Z[k].I->nlive, PREC);
            check_add_test(c, TEST_EQUAL, lab, T->samples, T->hits[EV_MATCHED], T->undecided[EV_MATCHED], 0,
                           e, "\\Pr[\\mathrm{Bin}(N,F_r(\\theta)/2)\\ge n]");
            flint_free(lab);
        }
    check_set_stream_witness(c, R->opts->seed, "thm3/<instance>/c<c>",
                             "samples with n well-initialised neurons (sequential reading)");
    run_push(R, c);
    arb_clear(e);
}

void
thm3_rec_lemma7(run_t R, thm3_slot_struct *Z, slong nz, const thm3_claim_struct *K)
{
    check_t c;
    slong k, ci;
    run_check(R, c, "thm3.lemma7");
    slots_ensure(R, Z, nz, K);
    for (k = 0; k < nz; k++)
    {
        ulong S = 0, H = 0;
        char *lab;
        for (ci = 0; ci < THM3_NC; ci++)
        {
            S += 2 * Z[k].T[ci]->samples;
            H += Z[k].T[ci]->hits[EV_L7A] + Z[k].T[ci]->hits[EV_L7B];
        }
        lab = bc_aprintf("%s instance, r = %ld", Z[k].name, (long) Z[k].I->r);
        check_add_test(c, TEST_EQUAL, lab, S, H, 0, 0, Z[k].q, "F_r(\\theta)/2");
        flint_free(lab);
    }
    check_set_stream_witness(c, R->opts->seed, "thm3/<instance>/c<c>",
                             "neurons 0 and 1 of every sample in the cap of the first teacher neuron on "
                             "span(X), with its output sign");
    run_push(R, c);
}

/* ------------------------------------------------ sampled controls */

static void
control_lemma7_full(run_t R, const thm3_slot_struct *own, const thm3_claim_struct *K)
{
    check_t c;
    thm3_ctx C;
    mc_tally_t T;
    arb_t fd;
    char *fs;
    const char *stream = "thm3/control/lemma7_full";
    ulong S =
        run_samples(R, "thm3.control.lemma7_full", (const ulong[3]){1200, 9000, 60000}, THM3_CONTROL_SAMPLES);
    run_check(R, c, "thm3.control.lemma7_full");
    ctx_set(&C, own->I, 1, SAMPLER_GAUSS, K);
    C.full = !run_mutant(R, "thm3.mutant.full_on_u");
    run_mc(R, T, thm3_sample_one, &C, S, stream);
    check_set_mc(c, T->samples, T->hits[EV_ONE], T->undecided[EV_ONE], 0, own->q, "F_r(\\theta)/2");
    c->statement =
        bc_aprintf("%s instance: $d=%ld$, $r=%ld$.", own->name, (long) own->I->d, (long) own->I->r);
    /* the fraction the control's event has: F_d(theta)/2 */
    arb_init(fd);
    arb_set_fmpq(fd, own->I->kappa, PREC);
    sphere_cap_fraction_cos(fd, fd, (ulong) own->I->d, PREC);
    arb_mul_2exp_si(fd, fd, -1);
    fs = ds(fd);
    check_field_add(c, "in_R^d", "%lu / %lu (exact F_d(theta)/2 = %s, d = %ld)",
                    (unsigned long) T->hits[EV_ONE], (unsigned long) T->samples, fs, (long) own->I->d);
    check_set_stream_witness(c, R->opts->seed, stream, "neurons in the cap measured in R^d, with the sign");
    flint_free(fs);
    arb_clear(fd);
    run_push(R, c);
}

/* a control on the witness: instance Z at width N under law kind */
static void
control_witness(run_t R, const char *id, const thm3_slot_struct *Z, ulong N, sampler_kind kind,
                const char *stream, const thm3_claim_struct *K)
{
    check_t c;
    thm3_ctx C;
    mc_tally_t T;
    arb_t b, e;
    char *es, *tex;
    ulong S = run_samples(R, id, (const ulong[3]){400, 3000, 20000}, THM3_CONTROL_SAMPLES);
    run_check(R, c, id);
    ctx_set(&C, Z->I, N, kind, K);
    run_mc(R, T, thm3_sample, &C, S, stream);
    arb_init(b);
    arb_init(e);
    thm3_claim_bound(b, K, 4, (ulong) Z->I->n, PREC);
    tex = bc_aprintf("1-e^{-cn/4},\\ c=2,\\ n=%ld", (long) Z->I->n);
    check_set_mc(c, T->samples, T->hits[EV_WITNESS], T->undecided[EV_WITNESS], 0, b, tex);
    c->statement = bc_aprintf("%s instance, $c=2$, width $N=%lu$, law %s.", Z->name, (unsigned long) N,
                              sampler_name(kind));
    if (kind == SAMPLER_SKEWED)
        check_field_add(c, "law", "skewed: i.i.d. N(1/2, 1) coordinates (not spherically symmetric)");
    /* the exact law of the witness under Assumption 1 at this width */
    binom_sf_arb(e, N, Z->q, (ulong) Z->I->nlive, PREC);
    es = ds(e);
    check_field_add(c, "exact_witness_law", "P[Bin(%lu, F_r/2) >= n] = %s under Assumption 1",
                    (unsigned long) N, es);
    check_set_stream_witness(c, R->opts->seed, stream, "samples whose rescaled witness has objective <= eps");
    run_push(R, c);
    flint_free(es);
    flint_free(tex);
    arb_clear(b);
    arb_clear(e);
}

void
thm3_rec_controls_mc(run_t R, const thm3_slot_struct *own, const thm3_slot_struct *eng,
                     const thm3_claim_struct *K)
{
    if (run_wants(R, "thm3.control.lemma7_full"))
        control_lemma7_full(R, own, K);
    if (run_wants(R, "thm3.control.width8"))
    {
        ulong N8 = thm3_width_rho((ulong) own->I->r, own->I->rho, (ulong) own->I->n, 4,
                                  K->peps_mult * K->tighten, THM3_MAX_N);
        control_witness(R, "thm3.control.width8", own, N8, SAMPLER_GAUSS, "thm3/control/width8", K);
    }
    if (run_wants(R, "thm3.control.biased"))
        control_witness(R, "thm3.control.biased", eng, eng->N[0],
                        run_mutant(R, "thm3.mutant.biased_symmetric") ? SAMPLER_GAUSS : SAMPLER_SKEWED,
                        "thm3/control/biased", K);
}

/* ------------------------------------------------ the regime */

void
thm3_slot_sample_regime(run_t R, thm3_slot_struct *Z, const thm3_claim_struct *K)
{
    thm3_ctx C;
    char *stream;
    if (Z->sampled & 1)
        return;
    ctx_set(&C, Z->I, Z->N[0], SAMPLER_GAUSS, K);
    C.engine = ENGINE_UNLESS_WITNESS;
    stream = bc_aprintf("thm3/regime/%s", Z->stream);
    run_mc(R, Z->T[0], thm3_sample, &C, Z->S, stream);
    flint_free(stream);
    Z->sampled |= 1;
}
