/* thm3_regime.c -- Theorem 3 where the proof's Chernoff step fails:
   r = 2, eps/(nB)^2 = 1/16, c = 2 and n on a fixed grid from 15 up
   (thm3.tex, "Theorem 3 where it matters").  At each grid point, on the
   instance thm3_generated_regime(n): the exact law of the proof's
   witness against the claimed bound (the proof's step, an erratum), the
   cover bound (the theorem's conclusion, decided), and the certified
   basin value by Monte Carlo (the statement, sampled). */
#include "binom.h"
#include "thm3.h"

#define PREC 128
#define C2 4 /* c = 2 */

const slong thm3_regime_n[THM3_NREGIME] = {15, 24, 40};
const char *const thm3_regime_name[THM3_NREGIME] = {"n15", "n24", "n40"};

/* the ids of grid point k: law, cover, basin */
static const char *const regime_ids[THM3_NREGIME][3] = {
    {"thm3.regime.n15.law", "thm3.regime.n15.cover", "thm3.regime.n15.basin"},
    {"thm3.regime.n24.law", "thm3.regime.n24.cover", "thm3.regime.n24.basin"},
    {"thm3.regime.n40.law", "thm3.regime.n40.cover", "thm3.regime.n40.basin"},
};

int
thm3_regime_wanted(const run_t R, slong k)
{
    return run_wants(R, regime_ids[k][0]) || run_wants(R, regime_ids[k][1]) || run_wants(R, regime_ids[k][2]);
}

static char *
ds(const arb_t x)
{
    return bc_arb_str(x, 10);
}

/* the instance's numbers every record states */
static void
regime_statement(check_t c, const thm3_slot_struct *Z)
{
    c->statement =
        bc_aprintf("$n=%ld$, $N=2\\lceil n/p_\\epsilon\\rceil=%lu$, $m=%ld$, $d=%ld$, $r=%ld$.",
                   (long) Z->I->n, (unsigned long) Z->N[0], (long) Z->I->m, (long) Z->I->d, (long) Z->I->r);
}

/* The exact witness law P[Bin(N, F_2(theta)/2) >= n] against 1 - exp(-n/2). */
static void
regime_law(run_t R, const char *id, const thm3_slot_struct *Z, const thm3_claim_struct *K)
{
    check_t c;
    arb_t t, b, e;
    truth_t r;
    char *ts, *bs, *es, *qs;
    ulong n = (ulong) Z->I->n;
    arb_init(t);
    arb_init(b);
    arb_init(e);
    run_check(R, c, id);
    regime_statement(c, Z);
    r = thm3_tail_le(t, c, 2, Z->I->rho, Z->N[0], (ulong) Z->I->nlive, n, C2, 1, K);
    thm3_tail_cert(c, NULL, 2, Z->I->rho, Z->N[0], (ulong) Z->I->nlive, n, C2, 1, K);
    /* the law and the bound as the statement reads them */
    arb_sub_ui(t, t, 1, PREC);
    arb_neg(t, t);
    thm3_claim_bound(b, K, C2, n, PREC);
    binom_sf_arb(e, Z->N[0], Z->p, n, PREC);
    ts = ds(t);
    bs = ds(b);
    es = ds(e);
    qs = ds(Z->q);
    check_field_add(c, "witness_law", "P[Bin(N, F_r/2) >= n] = %s", ts);
    check_field_add(c, "bound", "1 - exp(-c n/4) = %s", bs);
    check_field_add(c, "cap_probability", "F_2(theta)/2 = theta/(2 pi) = %s, theta = 2 arcsin(1/8)", qs);
    check_field_add(c, "binomial_p_eps", "P[Bin(N, p_eps) >= n] = %s (the proof's lower bound)", es);
    if (r == BC_FALSE)
        check_set_witness(
            c,
            "r = 2, eps/(nB)^2 = 1/16, c = 2, n = %lu, N = 2 ceil(n/p_eps) = %lu, q = theta/(2 pi) "
            "with theta = 2 arcsin(1/8): P[Bin(N, q) >= n] = %s < 1 - exp(-n/2) = %s",
            n, (unsigned long) Z->N[0], ts, bs);
    check_decide(c, r);
    run_push(R, c);
    flint_free(ts);
    flint_free(bs);
    flint_free(es);
    flint_free(qs);
    arb_clear(t);
    arb_clear(b);
    arb_clear(e);
}

typedef struct
{
    const thm3_inst_struct *I;
    ulong N, n;
    const thm3_claim_struct *K;
    arb_t miss, mu, fail;
    slong nclass;
} cover_ctx;

/* sum over the classes of (1 - mu_j/2)^N <= exp(-c n/4) */
static truth_t
cover_decide(void *vctx, slong prec)
{
    cover_ctx *C = vctx;
    thm3_cover_miss(C->miss, &C->nclass, C->mu, C->I, C->N, prec);
    thm3_claim_fail(C->fail, C->K, C2, C->n, prec);
    return bc_arb_le(C->miss, C->fail);
}

/* The conclusion at the instance: P[Bas = 0] >= 1 - miss >= 1 - exp(-n/2). */
static void
regime_cover(run_t R, const char *id, const thm3_slot_struct *Z, const thm3_claim_struct *K)
{
    check_t c;
    cover_ctx C;
    truth_t r;
    char *ms, *fs, *us;
    run_check(R, c, id);
    regime_statement(c, Z);
    C.I = Z->I;
    C.N = Z->N[0];
    C.n = (ulong) Z->I->n;
    C.K = K;
    arb_init(C.miss);
    arb_init(C.mu);
    arb_init(C.fail);
    r = check_decide_prec(c, cover_decide, &C, PREC);
    ms = ds(C.miss);
    fs = ds(C.fail);
    us = ds(C.mu);
    check_field_add(c, "classes", "%ld distinct (activation cone, output sign) classes of the teacher",
                    (long) C.nclass);
    check_field_add(c, "smallest_mu", "%s (the smallest arc of a class, as a fraction of the circle of U)",
                    us);
    check_field_add(c, "miss", "sum (1 - mu_j/2)^N = %s >= P[Bas(W, v) > 0]", ms);
    check_field_add(c, "failure_bound", "exp(-c n/4) = %s", fs);
    if (r == BC_FALSE)
        check_set_witness(c, "n = %ld, N = %lu: sum (1 - mu_j/2)^N = %s > exp(-c n/4) = %s", (long) Z->I->n,
                          (unsigned long) Z->N[0], ms, fs);
    check_decide(c, r);
    run_push(R, c);
    flint_free(ms);
    flint_free(fs);
    flint_free(us);
    arb_clear(C.miss);
    arb_clear(C.mu);
    arb_clear(C.fail);
}

/* The statement by Monte Carlo: certified Bas(W, v) <= eps against
   1 - exp(-n/2), with the basin engine on every sample. */
static void
regime_basin(run_t R, const char *id, thm3_slot_struct *Z, const thm3_claim_struct *K)
{
    check_t c;
    arb_t b;
    char *tex, *st = bc_aprintf("thm3/regime/%s", Z->stream);
    const mc_tally_struct *T = Z->T[0];
    run_check(R, c, id);
    regime_statement(c, Z);
    Z->S = run_samples(R, id, (const ulong[3]){200, 2000, 20000}, 0);
    thm3_slot_sample_regime(R, Z, K);
    arb_init(b);
    thm3_claim_bound(b, K, C2, (ulong) Z->I->n, PREC);
    tex = bc_aprintf("1-e^{-cn/4},\\ c=2,\\ n=%ld", (long) Z->I->n);
    check_set_mc(c, T->samples, T->hits[THM3_EV_BASIN], T->undecided[THM3_EV_BASIN], T->escalations, b, tex);
    check_field_add(c, "good_basin_rate", "%lu / %lu (%lu undecided)", (unsigned long) T->hits[THM3_EV_BASIN],
                    (unsigned long) T->samples, (unsigned long) T->undecided[THM3_EV_BASIN]);
    check_field_add(c, "engine", "%lu samples decided by the basin engine (the others by the witness)",
                    (unsigned long) T->hits[THM3_EV_ENGINE]);
    check_field_add(c, "witness_rate", "%lu / %lu (the proof's witness)",
                    (unsigned long) T->hits[THM3_EV_WITNESS], (unsigned long) T->samples);
    check_set_stream_witness(c, R->opts->seed, st, "samples with certified Bas(W, v) <= eps");
    run_push(R, c);
    flint_free(tex);
    flint_free(st);
    arb_clear(b);
}

void
thm3_rec_regime(run_t R, slong k, thm3_slot_struct *Z, const thm3_claim_struct *K)
{
    if (run_wants(R, regime_ids[k][0]))
        regime_law(R, regime_ids[k][0], Z, K);
    if (run_wants(R, regime_ids[k][1]))
        regime_cover(R, regime_ids[k][1], Z, K);
    if (run_wants(R, regime_ids[k][2]))
        regime_basin(R, regime_ids[k][2], Z, K);
}
