/* thm4_control.c -- the negative controls of Theorem 4, each failing
   through the decision code of the claim it mirrors, for a reason known
   beforehand: a law breaking Assumption 1 (thm4.control.skewed), the
   constant 3/4 tightened to 2/3, which one point alone refutes
   (thm4.control.tight, thm4.control.tight.exact), and data of rank < m,
   where B.6's linear systems need not be solvable (thm4.control.rank).
   Each has a mutant that restores the true claim. */
#include <flint/fmpq_vec.h>

#include "thm4_run.h"

/* the controls need this many samples to fail whatever --samples says
   (m <= 2: cheap samples) */
#define CONTROL_MIN_SAMPLES 20000

static const ulong control_samples[3] = {400, 4000, 40000};

/* the data set (X, y) given by integer entries, m points in R^d */
static void
int_data(thm4_data_t D, slong m, slong d, const slong *x, const slong *y)
{
    fmpq_mat_t X;
    fmpq *yq = _fmpq_vec_init(m);
    slong i;
    fmpq_mat_init(X, m, d);
    for (i = 0; i < m * d; i++)
        fmpq_set_si(fmpq_mat_entry(X, i / d, i % d), x[i], 1);
    for (i = 0; i < m; i++)
        fmpq_set_si(yq + i, y[i], 1);
    thm4_data_set(D, X, yq);
    fmpq_mat_clear(X);
    _fmpq_vec_clear(yq, m);
}

/* Assumption 1 broken: x_1 = e_1, x_2 = e_2, y = (1, 1), width 1.  Under
   a symmetric law the good basin needs v > 0 and both points active:
   1/8.  Under the law skewed (coordinates N(1/2, 1)) each of the three
   signs is positive with probability Phi(1/2): Phi(1/2)^3 = 0.33. */
static void
check_skewed(thm4_mod_t M)
{
    static const slong x[4] = {1, 0, 0, 1}, y[2] = {1, 1};
    const char *id = "thm4.control.skewed";
    sampler_kind law = run_mutant(M->R, "thm4.mutant.unskewed") ? SAMPLER_GAUSS : SAMPLER_SKEWED;
    thm4_data_t D;
    thm4_sample_ctx g;
    mc_tally_t T;
    check_t c;
    arb_t p;
    fmpq_t pq;
    int rat;

    thm4_data_init(D);
    int_data(D, 2, 2, x, y);
    arb_init(p);
    fmpq_init(pq);
    thm4_sample_ctx_init(&g, M, D, 1, law, 0);
    run_mc(M->R, T, thm4_sample, &g, run_samples(M->R, id, control_samples, CONTROL_MIN_SAMPLES), id);
    run_check(M->R, c, id);
    c->statement =
        bc_aprintf("Law \\texttt{%s}, %lu samples.", sampler_name(law), (unsigned long) T->samples);
    if (thm4_mod_prob(p, pq, &rat, M, D, 1, THM4_EV_GOOD))
    {
        check_field_arb(c, "exact probability (symmetric law)", p, 12);
        check_add_test(c, TEST_EQUAL, "m=2, n=1", T->samples, T->hits[THM4_EV_GOOD],
                       T->undecided[THM4_EV_GOOD], T->escalations, p, NULL);
    }
    check_set_stream_witness(c, M->R->opts->seed, id, "networks");
    run_push(M->R, c);
    thm4_sample_ctx_clear(&g);
    thm4_data_clear(D);
    arb_clear(p);
    fmpq_clear(pq);
}

/* the controls' constant: 2/3, too tight since one point alone fails
   with probability exactly 3/4 per neuron; thm4.mutant.tight_restored
   restores the paper's */
static void
tight_constant(fmpq_t c, const thm4_mod_t M)
{
    if (run_mutant(M->R, "thm4.mutant.tight_restored"))
        fmpq_set(c, M->side);
    else
        fmpq_set_si(c, 2, 3);
}

/* m = 1, n = 3: the claim with the tightened constant, by Monte Carlo */
static void
check_tight(thm4_mod_t M, const fmpq_t k)
{
    const char *id = "thm4.control.tight";
    slong n = 3;
    thm4_sample_ctx g;
    mc_tally_t T;
    check_t c;
    fmpq_t b;
    arb_t bb;
    char *btex, *ks = fmpq_get_str(NULL, 10, k);

    fmpq_init(b);
    arb_init(bb);
    thm4_bound(b, k, 1, n);
    arb_set_fmpq(bb, b, THM4_PREC);
    btex = bc_aprintf("1-(%s)^{%ld}", ks, (long) n);
    thm4_sample_ctx_init(&g, M, thm4_mod_grid_data(M, THM4_DATA_ORTH, 0), n, SAMPLER_GAUSS, 0);
    run_mc(M->R, T, thm4_sample, &g, run_samples(M->R, id, control_samples, CONTROL_MIN_SAMPLES), id);
    run_check(M->R, c, id);
    c->statement = bc_aprintf("Claimed constant %s, %lu samples.", ks, (unsigned long) T->samples);
    check_set_mc(c, T->samples, T->hits[THM4_EV_GOOD], T->undecided[THM4_EV_GOOD], T->escalations, bb, btex);
    check_field_fmpq(c, "claimed bound", b);
    check_set_stream_witness(c, M->R->opts->seed, id, "networks");
    run_push(M->R, c);
    thm4_sample_ctx_clear(&g);
    fmpq_clear(b);
    arb_clear(bb);
    flint_free(btex);
    flint_free(ks);
}

/* m = 1, n = 1..64: the claim with the tightened constant against the
   exact probability */
static void
check_tight_exact(thm4_mod_t M, const fmpq_t k)
{
    const thm4_data_struct *D = thm4_mod_grid_data(M, THM4_DATA_ORTH, 0);
    check_t c;
    slong n, bad = 0, und = 0;
    fmpq_t b, p;
    arb_t A;
    int rat;
    char *ks = fmpq_get_str(NULL, 10, k);

    fmpq_init(b);
    fmpq_init(p);
    arb_init(A);
    run_check(M->R, c, "thm4.control.tight.exact");
    for (n = 1; n <= 64; n++)
    {
        thm4_bound(b, k, 1, n);
        if (!thm4_mod_prob(A, p, &rat, M, D, n, THM4_EV_GOOD) || !rat)
        {
            und++;
            continue;
        }
        thm4_cert_orth_bound(c, M, D, n, THM4_EV_GOOD, p, ">=", 1, k, b);
        if (fmpq_cmp(p, b) < 0 && bad++ == 0)
        {
            char *sp = fmpq_get_str(NULL, 10, p), *sb = fmpq_get_str(NULL, 10, b);
            check_set_witness(c, "n=%ld: exact P[Bas<=alpha] = %s < %s = 1-(%s)^%ld", (long) n, sp, sb, ks,
                              (long) n);
            flint_free(sp);
            flint_free(sb);
        }
    }
    c->statement = bc_aprintf("Claimed constant %s.", ks);
    check_field_add(c, "widths refuting", "%ld of 64", (long) bad);
    check_count(c, bad, und);
    run_push(M->R, c);
    fmpq_clear(b);
    fmpq_clear(p);
    arb_clear(A);
    flint_free(ks);
}

/* 1 when every chosen neuron's system X z_i = u_i of B.6 is solvable */
static int
systems_solvable(const thm4_data_t D, const slong *chosen, const fmpq *ybar, slong n)
{
    fmpq *u = _fmpq_vec_init(D->m);
    slong i, t;
    int all = 1;
    for (i = 0; i < n && all; i++)
    {
        for (t = 0; t < D->m; t++)
            if (chosen[t] == i)
                fmpq_set(u + t, ybar + t);
            else
                fmpq_zero(u + t);
        all = thm4_solvable(D->X, u);
    }
    _fmpq_vec_clear(u, D->m);
    return all;
}

/* rank(X) < m: x_3 = x_1 + x_2 in R^3 (thm4.mutant.rank_restored: x_3 off
   their span) */
static void
check_rank_control(thm4_mod_t M)
{
    static const slong xs[9] = {1, 0, 2, 0, 1, -1, 1, 1, 1}, xr[9] = {1, 0, 2, 0, 1, -1, 1, 1, 2};
    static const slong y[3] = {1, -2, 3};
    const char *id = "thm4.control.rank";
    slong n = 6, s, events = 0, bad = 0, tried = 200, chosen[3];
    double W[6 * 3], v[6];
    int a[18], b[6];
    thm4_data_t D;
    fmpq *ybar = _fmpq_vec_init(3);
    fmpq_t alpha;
    check_t c;

    thm4_data_init(D);
    int_data(D, 3, 3, run_mutant(M->R, "thm4.mutant.rank_restored") ? xr : xs, y);
    fmpq_init(alpha);
    /* the full-rank alpha and ybar (n >= 2: 0 and y), as B.6 assumes */
    thm4_alpha(alpha, ybar, D, n);
    run_check(M->R, c, id);
    for (s = 0; s < tried; s++)
    {
        rng_t r;
        rng_init(r, M->R->opts->seed, rng_stream_id(id), (uint64_t) s);
        sampler_draw_net(W, v, n, 3, SAMPLER_GAUSS, r);
        if (thm4_signs(a, b, D, W, v, n, NULL) || !thm4_event_b6(chosen, a, b, ybar, n, 3))
            continue;
        events++;
        if (!systems_solvable(D, chosen, ybar, n) && bad++ == 0)
            check_set_witness(c,
                              "seed %llu, stream rng_stream_id(\"%s\"), draw %ld: B.6's event holds, and the "
                              "system of a chosen neuron has no solution",
                              (unsigned long long) M->R->opts->seed, id, (long) s);
    }
    check_field_add(c, "rank", "%ld", (long) D->rank);
    check_field_add(c, "networks with the event", "%ld of %ld", (long) events, (long) tried);
    check_field_add(c, "with every system solvable", "%ld", (long) (events - bad));
    if (bad == 0)
        check_set_witness(c, "seed %llu, stream rng_stream_id(\"%s\"), draws 0..%ld (gauss)",
                          (unsigned long long) M->R->opts->seed, id, (long) (tried - 1));
    /* no draw with the event decides nothing */
    check_count(c, bad, events == 0);
    run_push(M->R, c);
    fmpq_clear(alpha);
    _fmpq_vec_clear(ybar, 3);
    thm4_data_clear(D);
}

void
thm4_check_controls(thm4_mod_t M)
{
    fmpq_t k;
    fmpq_init(k);
    tight_constant(k, M);
    if (run_wants(M->R, "thm4.control.skewed"))
        check_skewed(M);
    if (run_wants(M->R, "thm4.control.tight"))
        check_tight(M, k);
    if (run_wants(M->R, "thm4.control.tight.exact"))
        check_tight_exact(M, k);
    if (run_wants(M->R, "thm4.control.rank"))
        check_rank_control(M);
    fmpq_clear(k);
}
