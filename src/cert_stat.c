/* cert_stat.c -- binomial tails, Clopper-Pearson statements and Monte
   Carlo records (kinds "binomial", "clopper_pearson", "montecarlo"). */
#include <string.h>

#include "binom.h"
#include "cert.h"
#include "rng.h"

static const char *
verdict_str(truth_t t)
{
    return t == BC_TRUE ? "holds" : "fails";
}

/* --------------------------------------------------------- binomial */

static void
binom_head(cert_t c, const char *label, int tail, ulong N, const fmpq_t p, ulong k)
{
    cert_init(c, "binomial", "holds", label);
    cert_str(c, "tail", tail ? "sf" : "cdf");
    cert_ui(c, "N", N);
    cert_fmpq(c, "p", p);
    cert_ui(c, "k", k);
}

void
cert_binom_fmpq(check_t chk, const char *label, int tail, ulong N, const fmpq_t p, ulong k,
                const fmpq_t value)
{
    cert_t c;
    binom_head(c, label, tail, N, p, k);
    cert_fmpq(c, "value", value);
    cert_attach(chk, c);
}

void
cert_binom_arb(check_t chk, const char *label, int tail, ulong N, const fmpq_t p, ulong k, const arb_t value)
{
    cert_t c;
    binom_head(c, label, tail, N, p, k);
    cert_real(c, "value", value);
    cert_attach(chk, c);
}

/* -------------------------------------------------- Clopper-Pearson */

static void
cp_head(cert_t c, const char *kind, const char *verdict, const char *label, const char *statement, ulong N,
        ulong K, double a)
{
    cert_init(c, kind, verdict, label);
    cert_str(c, "statement", statement);
    cert_ui(c, "N", N);
    cert_ui(c, "K", K);
    cert_d(c, "a", a);
}

truth_t
cert_cp_upper_ge(check_t chk, const char *label, ulong N, ulong K, double a, const arb_t b)
{
    truth_t t = binom_cp_upper_ge(N, K, a, b);
    cert_t c;
    if (t == BC_UNDECIDED)
        return t;
    cp_head(c, "clopper_pearson", verdict_str(t), label, "upper_ge", N, K, a);
    cert_real(c, "b", b);
    cert_attach(chk, c);
    return t;
}

truth_t
cert_cp_agrees(check_t chk, const char *label, ulong N, ulong K, double a, const arb_t x)
{
    truth_t t = binom_cp_agrees(NULL, NULL, N, K, a, x);
    cert_t c;
    if (t == BC_UNDECIDED)
        return t;
    cp_head(c, "clopper_pearson", verdict_str(t), label, "agrees", N, K, a);
    cert_real(c, "x", x);
    cert_attach(chk, c);
    return t;
}

void
cert_cp_interval(check_t chk, const char *label, ulong N, ulong K, double a)
{
    arf_t lo, hi;
    fmpq_t q;
    cert_t c;
    arf_init(lo);
    arf_init(hi);
    fmpq_init(q);
    binom_cp_interval(lo, hi, N, K, a);
    cp_head(c, "clopper_pearson", "holds", label, "interval", N, K, a);
    arf_get_fmpq(q, lo);
    cert_fmpq(c, "lo", q);
    arf_get_fmpq(q, hi);
    cert_fmpq(c, "hi", q);
    cert_attach(chk, c);
    arf_clear(lo);
    arf_clear(hi);
    fmpq_clear(q);
}

/* ------------------------------------------------------ Monte Carlo */

static char *
spot_stream_name(const char *stream)
{
    return bc_aprintf("cert.spot/%s", stream);
}

void
cert_mc_init(cert_mc_t M, uint64_t seed, const char *stream, ulong samples, slong nspot)
{
    slong j;
    char *name;
    uint64_t id;

    memset(M, 0, sizeof(cert_mc_struct));
    M->seed = seed;
    M->stream = bc_aprintf("%s", stream);
    if (samples > CERT_MC_MAX_SAMPLES)
        samples = 0; /* too many to record: M stays empty */
    M->samples = samples;
    M->outcome = flint_malloc(samples + 1);
    memset(M->outcome, '?', samples);
    M->outcome[samples] = 0;
    if (samples == 0 || nspot < 0)
        nspot = 0;
    M->nspot = nspot;
    M->spot = flint_malloc(sizeof(ulong) * (size_t) (nspot + 1));
    M->ndraws = flint_malloc(sizeof(slong) * (size_t) (nspot + 1));
    M->draws = flint_malloc(sizeof(double *) * (size_t) (nspot + 1));
    /* the spot samples come from the seed, through a stream of their own:
       the caller cannot choose them */
    name = spot_stream_name(stream);
    id = rng_stream_id(name);
    flint_free(name);
    for (j = 0; j < nspot; j++)
    {
        rng_t r;
        rng_init(r, seed, id, (uint64_t) j);
        M->spot[j] = (ulong) rng_below(r, samples);
        rng_clear(r);
        M->ndraws[j] = -1;
        M->draws[j] = NULL;
    }
}

void
cert_mc_clear(cert_mc_t M)
{
    slong j;
    for (j = 0; j < M->nspot; j++)
        if (M->draws[j] != NULL)
            flint_free(M->draws[j]);
    flint_free(M->draws);
    flint_free(M->ndraws);
    flint_free(M->spot);
    flint_free(M->outcome);
    flint_free(M->stream);
    memset(M, 0, sizeof(cert_mc_struct));
}

void
cert_mc_outcome(cert_mc_t M, ulong index, truth_t t)
{
    if (index < M->samples)
        M->outcome[index] = t == BC_TRUE ? '1' : (t == BC_FALSE ? '0' : 'u');
}

int
cert_mc_is_spot(const cert_mc_t M, ulong index)
{
    slong j;
    for (j = 0; j < M->nspot; j++)
        if (M->spot[j] == index)
            return 1;
    return 0;
}

void
cert_mc_draws(cert_mc_t M, ulong index, const double *x, slong n)
{
    slong j;
    /* every slot of this index (a spot may be drawn twice); distinct
       indices touch distinct slots */
    for (j = 0; j < M->nspot; j++)
        if (M->spot[j] == index)
        {
            double *d = flint_malloc(sizeof(double) * (size_t) (n + 1));
            memcpy(d, x, sizeof(double) * (size_t) n);
            if (M->draws[j] != NULL)
                flint_free(M->draws[j]);
            M->draws[j] = d;
            M->ndraws[j] = n;
        }
}

truth_t
cert_mc(check_t chk, const char *label, const cert_mc_t M, const char *event, const char *event_params,
        double a, const arb_t b, const char *bound_expr)
{
    ulong i, K = 0, U = 0;
    truth_t pess, opt, t;
    slong j, k;
    char *name;
    cert_t c;

    for (i = 0; i < M->samples; i++)
    {
        if (M->outcome[i] == '?')
            return BC_UNDECIDED; /* an incomplete record certifies nothing */
        K += M->outcome[i] == '1';
        U += M->outcome[i] == 'u';
    }
    if (M->samples == 0)
        return BC_UNDECIDED;
    pess = binom_cp_upper_ge(M->samples, K, a, b);
    opt = binom_cp_upper_ge(M->samples, K + U, a, b);
    t = pess == BC_TRUE ? BC_TRUE : (opt == BC_FALSE ? BC_FALSE : BC_UNDECIDED);
    if (t == BC_UNDECIDED)
        return t;

    cert_init(c, "montecarlo", t == BC_TRUE ? "consistent" : "violated", label);
    cert_str(c, "rng", "philox4x32-10");
    cert_u64(c, "seed", M->seed);
    cert_str(c, "stream", M->stream);
    cert_u64(c, "stream_id", rng_stream_id(M->stream));
    cert_ui(c, "samples", M->samples);
    cert_ui(c, "successes", K);
    cert_ui(c, "undecided", U);
    cert_d(c, "a", a);
    if (bound_expr != NULL)
        cert_raw(c, "bound", bound_expr);
    else
        cert_real(c, "bound", b);
    cert_begin_object(c, "event");
    cert_str(c, "name", event);
    cert_raw(c, "params", event_params != NULL ? event_params : "{}");
    cert_end_object(c);
    cert_str(c, "outcomes", M->outcome);
    name = spot_stream_name(M->stream);
    cert_str(c, "spot_stream", name);
    flint_free(name);
    cert_begin_array(c, "spot");
    for (j = 0; j < M->nspot; j++)
    {
        cert_begin_object(c, NULL);
        cert_ui(c, "index", M->spot[j]);
        if (M->ndraws[j] >= 0)
        {
            cert_begin_array(c, "draws");
            for (k = 0; k < M->ndraws[j]; k++)
                cert_d(c, NULL, M->draws[j][k]);
            cert_end_array(c);
        }
        cert_end_object(c);
    }
    cert_end_array(c);
    cert_attach(chk, c);
    return t;
}

/* ------------------------------------------------ statistical tests */

int
cert_test(check_t chk, const check_test *t)
{
    cert_t c;
    if (t->status != ST_CONSISTENT && t->status != ST_VIOLATED)
        return 0;
    cert_init(c, "test", check_status_str(t->status), t->label);
    cert_str(c, "test", t->kind == TEST_BOUND ? "bound" : "equal");
    cert_ui(c, "N", t->samples);
    cert_ui(c, "K", t->successes);
    cert_ui(c, "U", t->undecided);
    cert_real(c, "target", t->target);
    cert_d(c, "a", t->tail);
    cert_attach(chk, c);
    return 1;
}

void
cert_drop_kind(check_t chk, const char *kind)
{
    slong i, j = 0;
    char *head = bc_aprintf("{\"kind\": \"%s\",", kind);
    size_t n = strlen(head);
    for (i = 0; i < chk->ncerts; i++)
    {
        if (!strncmp(chk->certs[i], head, n))
            flint_free(chk->certs[i]);
        else
            chk->certs[j++] = chk->certs[i];
    }
    chk->ncerts = j;
    flint_free(head);
}
