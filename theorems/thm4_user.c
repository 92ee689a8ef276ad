/* thm4_user.c -- Theorem 4 on the user's instance (--data FILE --width
   N; --width alone, or nothing, on the built-in example
   docs/examples/basin-data.csv): the hypothesis rank(X) = m is decided
   exactly before any work, and thm4.user tests the theorem's bound and,
   where it is computable, the exact probability of the good basin. */
#include <flint/fmpq_vec.h>

#include "escape.h"
#include "thm4_run.h"

#define USER_MAX_WIDTH 4096

static const ulong user_samples[3] = {2000, 20000, 200000};

/* the built-in example: docs/examples/basin-data.csv */
static void
builtin_data(thm4_data_t D)
{
    fmpq_mat_t X;
    fmpq *y = _fmpq_vec_init(3);
    fmpq_mat_init(X, 3, 3);
    fmpq_set_si(fmpq_mat_entry(X, 0, 0), 1, 1);
    fmpq_set_si(fmpq_mat_entry(X, 1, 1), 2, 1);
    fmpq_set_si(fmpq_mat_entry(X, 2, 2), 1, 2);
    fmpq_set_si(y + 0, 3, 1);
    fmpq_set_si(y + 1, -1, 1);
    fmpq_set_si(y + 2, 1, 4);
    thm4_data_set(D, X, y);
    fmpq_mat_clear(X);
    _fmpq_vec_clear(y, 3);
}

/* reads the user's instance into D and *n; returns 0, or 2 after one
   line on stderr */
static int
user_instance(thm4_data_t D, slong *n, const run_opts *o)
{
    char err[1024];
    *n = o->width > 0 ? o->width : 4;
    if (o->data == NULL)
        builtin_data(D);
    else if (o->width <= 0)
    {
        module_input_error("thm4: --data needs --width N (the network's width, N >= 1)");
        return 2;
    }
    else if (thm4_data_read(D, o->data, err, sizeof err) != 0)
    {
        module_input_error(err);
        return 2;
    }
    if (*n > USER_MAX_WIDTH)
    {
        char *msg = bc_aprintf("thm4: --width %ld is too large (at most %d)", (long) *n, USER_MAX_WIDTH);
        module_input_error(msg);
        flint_free(msg);
        return 2;
    }
    return 0;
}

/* the exact probability P of the good basin as a field (exactly when it
   is a rational or an exact ball, the probability itself) and as the
   test it gives */
static void
add_exact(check_t c, const mc_tally_t T, arb_t P, fmpq_t Pq, int rat)
{
    char *s;
    if (!rat && arb_is_exact(P))
    {
        /* an exact ball is the probability itself, a dyadic rational */
        arf_get_fmpq(Pq, arb_midref(P));
        rat = 1;
    }
    s = rat ? fmpq_get_str(NULL, 10, Pq) : bc_arb_str(P, 15);
    check_field_add(c, "exact_probability", "%s", s);
    flint_free(s);
    check_add_test(c, TEST_EQUAL, "the exact probability (Lemma 4.C)", T->samples, T->hits[THM4_EV_GOOD],
                   T->undecided[THM4_EV_GOOD], T->escalations, P, NULL);
}

/* how far the bound b > 0 is above the trivial bound 0 of a probability,
   shown on the console line (a bound near 0 holds but says little) */
static void
add_above_trivial(check_t c, const fmpq_t b)
{
    char *s;
    if (fmpq_sgn(b) <= 0)
        return; /* vacuous: the judgement says so */
    s = fmpq_get_str(NULL, 10, b);
    check_field_add(c, "above_trivial", "the bound %s = %.4g is %.4g above the trivial bound 0", s,
                    fmpq_get_d(b), fmpq_get_d(b));
    flint_free(s);
}

static void
user_record(thm4_mod_t M, const thm4_data_t D, slong n, const char *name)
{
    thm4_sample_ctx g;
    mc_tally_t T;
    check_t c;
    arb_t bb, P;
    fmpq_t b, Pq;
    int rat = 0;
    char *btex = thm4_mod_bound_tex(M, D->m, n), *tname = escape_tex(name);

    fmpq_init(b);
    fmpq_init(Pq);
    arb_init(bb);
    arb_init(P);
    thm4_mod_bound(b, M, D->m, n);
    arb_set_fmpq(bb, b, THM4_PREC);
    thm4_sample_ctx_init(&g, M, D, n, SAMPLER_GAUSS, 1);
    run_mc(M->R, T, thm4_sample, &g, run_samples(M->R, "thm4.user", user_samples, 0), "thm4.user");
    run_check(M->R, c, "thm4.user");
    check_set_mc(c, T->samples, T->hits[THM4_EV_GOOD], T->undecided[THM4_EV_GOOD], T->escalations, bb, btex);
    c->statement = bc_aprintf("%s data: \\texttt{%s}, $m=%ld$ points in $d=%ld$, width $n=%ld$, law "
                              "\\texttt{gauss}.",
                              M->R->opts->data != NULL ? "The user's" : "Example", tname, (long) D->m,
                              (long) D->d, (long) n);
    add_above_trivial(c, b);
    check_field_fmpq(c, "alpha", g.alpha);
    check_field_fmpq(c, "bound", b);
    if (thm4_mod_prob(P, Pq, &rat, M, D, n, THM4_EV_GOOD))
        add_exact(c, T, P, Pq, rat);
    check_field_add(c, "samples", "%lu", (unsigned long) T->samples);
    check_field_add(c, "successes", "%lu", (unsigned long) T->hits[THM4_EV_GOOD]);
    check_field_add(c, "b6_event", "%lu", (unsigned long) T->hits[THM4_EV_B6]);
    check_field_add(c, "b6_constructed", "%lu", (unsigned long) T->hits[THM4_EV_BUILT]);
    check_field_add(c, "width", "%ld", (long) n);
    check_field_add(c, "m", "%ld", (long) D->m);
    check_field_add(c, "d", "%ld", (long) D->d);
    if (T->hits[THM4_EV_BUILT] != T->hits[THM4_EV_B6])
        check_add_note(c, "The construction failed on %lu samples with the event: a harness bug.",
                       (unsigned long) (T->hits[THM4_EV_B6] - T->hits[THM4_EV_BUILT]));
    {
        char *what = bc_aprintf("networks on the data %s", name);
        check_set_stream_witness(c, M->R->opts->seed, "thm4.user", what);
        flint_free(what);
    }
    run_push(M->R, c);
    thm4_sample_ctx_clear(&g);
    fmpq_clear(b);
    fmpq_clear(Pq);
    arb_clear(bb);
    arb_clear(P);
    flint_free(btex);
    flint_free(tname);
}

int
thm4_check_user(thm4_mod_t M)
{
    const run_opts *o = M->R->opts;
    thm4_data_t D;
    slong n;
    int rc;
    thm4_data_init(D);
    rc = user_instance(D, &n, o);
    if (rc == 0 && run_wants(M->R, "thm4.user"))
        user_record(M, D, n, o->data != NULL ? o->data : "built-in example (docs/examples/basin-data.csv)");
    thm4_data_clear(D);
    return rc;
}
