/* audit_chernoff.c -- Thm 3, proof B.5: the Chernoff step.

   The proof lower-bounds the number Z of well-initialised neurons among
   N = c ceil(n / p_eps) by Bin(N, p_eps) and needs P[Z < n] <=
   exp(-c n / 4) to conclude P[Bas <= eps] >= 1 - exp(-c n / 4).  Here
   the binomial tail is enclosed rigorously (binom_cdf_arb; exact
   rationals when the balls cannot decide and N is small) on a grid of
   (n, p, c) and compared with the stated bound and with three corrected
   ones (see audit.h).  The grid is embarrassingly parallel: cells are
   handed out to worker threads by an atomic-free mutex counter. */
#include <math.h>
#include <pthread.h>
#include <string.h>

#include "audit.h"
#include "binom.h"

/* p_i = mant / 10^e, 2 significant digits, log-spaced in [1e-4, 1/2]:
   10^(-4 + i (log10(1/2) + 4) / 39) rounded (generated once, frozen
   here so that the grid never depends on a libm). */
static const ulong p_mant[AUDIT_NP] = {10, 12, 15, 19, 24, 30, 37, 46, 57, 71, 89, 11, 14, 17,
                                       21, 26, 33, 41, 51, 63, 79, 98, 12, 15, 19, 24, 29, 36,
                                       45, 56, 70, 87, 11, 13, 17, 21, 26, 32, 40, 50};
static const ulong p_exp[AUDIT_NP] = {5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 4, 4, 4, 4, 4, 4, 4, 4, 4,
                                      4, 4, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 2, 2, 2, 2, 2, 2, 2, 2};

const ulong audit_c2[AUDIT_NC] = {4, 5, 6, 8, 16};
const char *const audit_c_str[AUDIT_NC] = {"2", "2.5", "3", "4", "8"};
const char *const audit_c_tag[AUDIT_NC] = {"c2", "c2_5", "c3", "c4", "c8"};

void
audit_p_get(fmpq_t p, slong i)
{
    fmpz_t num, den;
    fmpz_init(num);
    fmpz_init(den);
    fmpz_set_ui(num, p_mant[i]);
    fmpz_ui_pow_ui(den, 10, p_exp[i]);
    fmpq_set_fmpz_frac(p, num, den);
    fmpz_clear(num);
    fmpz_clear(den);
}

ulong
audit_thm3_width(ulong n, const fmpq_t p, ulong c2)
{
    fmpz_t M, r;
    ulong N = 0;
    fmpz_init(M);
    fmpz_init(r);
    /* ceil(n / p) = ceil(n q / a) for p = a / q */
    fmpz_mul_ui(M, fmpq_denref(p), n);
    fmpz_cdiv_q(M, M, fmpq_numref(p));
    /* ceil(c2 M / 2) */
    fmpz_mul_ui(M, M, c2);
    fmpz_cdiv_q_2exp(M, M, 1);
    if (fmpz_abs_fits_ui(M))
        N = fmpz_get_ui(M);
    fmpz_clear(M);
    fmpz_clear(r);
    return N;
}

void
audit_thm3_tail(arb_t out, ulong N, const fmpq_t p, ulong n, slong prec)
{
    arb_t pb;
    if (n == 0)
    {
        arb_zero(out);
        return;
    }
    arb_init(pb);
    /* p = 12/100000 etc. is not dyadic: the ball is handled by
       binom_cdf_arb through its endpoints (the cdf is monotone in p) */
    arb_set_fmpq(pb, p, prec + 32);
    binom_cdf_arb(out, N, pb, n - 1, prec);
    arb_clear(pb);
}

void
audit_thm3_bound(arb_t out, int which, ulong n, ulong c2, slong prec)
{
    arb_t c, t;
    arb_init(c);
    arb_init(t);
    arb_set_ui(c, c2);
    arb_mul_2exp_si(c, c, -1);
    switch (which)
    {
    case 0: /* c n / 4 */
        arb_mul_ui(t, c, n, prec);
        arb_mul_2exp_si(t, t, -2);
        break;
    case 1: /* n (c - 1 - ln c) */
        arb_log(t, c, prec);
        arb_sub(t, c, t, prec);
        arb_sub_ui(t, t, 1, prec);
        arb_mul_ui(t, t, n, prec);
        break;
    case 2: /* (c - 1)^2 n / (2 c) */
        arb_sub_ui(t, c, 1, prec);
        arb_sqr(t, t, prec);
        arb_mul_ui(t, t, n, prec);
        arb_div(t, t, c, prec);
        arb_mul_2exp_si(t, t, -1);
        break;
    default: /* c n / 8 */
        arb_mul_ui(t, c, n, prec);
        arb_mul_2exp_si(t, t, -3);
        break;
    }
    arb_neg(t, t);
    arb_exp(out, t, prec);
    arb_clear(c);
    arb_clear(t);
}

truth_t
audit_thm3_decide(arb_t tail, ulong N, const fmpq_t p, ulong n, int which, ulong c2)
{
    slong prec;
    truth_t r = BC_UNDECIDED;
    arb_t b;
    arb_init(b);
    for (prec = 96; prec <= 1024 && r == BC_UNDECIDED; prec *= 4)
    {
        audit_thm3_tail(tail, N, p, n, prec);
        audit_thm3_bound(b, which, n, c2, prec);
        if (arb_le(tail, b))
            r = BC_TRUE;
        else if (arb_gt(tail, b))
            r = BC_FALSE;
    }
    if (r == BC_UNDECIDED && N <= AUDIT_EXACT_N)
    {
        /* exact rational tail: only the transcendental bound is a ball */
        fmpq_t e;
        fmpq_init(e);
        binom_cdf_fmpq(e, N, p, n - 1);
        for (prec = 256; prec <= BC_PREC_MAX && r == BC_UNDECIDED; prec *= 2)
        {
            arb_set_fmpq(tail, e, prec);
            audit_thm3_bound(b, which, n, c2, prec);
            if (arb_le(tail, b))
                r = BC_TRUE;
            else if (arb_gt(tail, b))
                r = BC_FALSE;
        }
        fmpq_clear(e);
    }
    arb_clear(b);
    return r;
}

/* ------------------------------------------------------------ the grid */

typedef struct
{
    audit_grid_struct *G;
    pthread_mutex_t lock;
    slong next;
} grid_ctx;

static void
eval_cell(audit_cell *C)
{
    fmpq_t p;
    int w;
    arb_t t;
    fmpq_init(p);
    arb_init(t);
    audit_p_get(p, C->pi);
    for (w = 0; w < 4; w++)
        C->holds[w] = audit_thm3_decide(t, C->N, p, C->n, w, C->c2);
    /* the enclosure kept is a fresh one at a fixed precision: the decided
       loop may have ended at a different one */
    audit_thm3_tail(C->tail, C->N, p, C->n, 128);
    /* kappa = -ln(tail) / (c n) = -2 ln(tail) / (c2 n) */
    arb_log(C->kappa, C->tail, 128);
    arb_neg(C->kappa, C->kappa);
    arb_mul_2exp_si(C->kappa, C->kappa, 1);
    arb_div_ui(C->kappa, C->kappa, C->c2 * C->n, 128);
    arb_clear(t);
    fmpq_clear(p);
}

static void *
grid_worker(void *arg)
{
    grid_ctx *ctx = arg;
    for (;;)
    {
        slong i;
        pthread_mutex_lock(&ctx->lock);
        i = ctx->next++;
        pthread_mutex_unlock(&ctx->lock);
        if (i >= ctx->G->ncells)
            break;
        eval_cell(ctx->G->cells + i);
    }
    flint_cleanup();
    return NULL;
}

void
audit_grid_run(audit_grid_t G, run_size size, int threads)
{
    static const ulong quick_n[] = {1, 2, 3, 5, 8, 12, 20, 30, 50, 70, 90, 100};
    slong i, j, k, nmax;
    double t0 = bc_seconds();
    grid_ctx ctx;
    pthread_t *th;
    fmpq_t p;

    memset(G, 0, sizeof(audit_grid_struct));
    if (size == SIZE_QUICK)
    {
        G->nn = sizeof(quick_n) / sizeof(quick_n[0]);
        G->nvals = flint_malloc(G->nn * sizeof(ulong));
        for (i = 0; i < G->nn; i++)
            G->nvals[i] = quick_n[i];
        /* every third p, and both ends (the smallest p carries the
           asymptotic Poisson regime where the stated bound fails) */
        G->pidx = flint_malloc(AUDIT_NP * sizeof(slong));
        for (i = 0; i < AUDIT_NP; i += 3)
            G->pidx[G->np++] = i;
        if (G->pidx[G->np - 1] != AUDIT_NP - 1)
            G->pidx[G->np++] = AUDIT_NP - 1;
        /* plain text that is also valid LaTeX: it goes into notes and fields */
        G->desc = "quick subgrid: n = 1, 2, 3, 5, 8, 12, 20, 30, 50, 70, 90, 100; every third of "
                  "the 40 values of p (14 values, both ends included); c = 2, 2.5, 3, 4, 8";
    }
    else
    {
        nmax = size == SIZE_FULL ? 200 : 100;
        G->nn = nmax;
        G->nvals = flint_malloc(G->nn * sizeof(ulong));
        for (i = 0; i < G->nn; i++)
            G->nvals[i] = (ulong) i + 1;
        G->pidx = flint_malloc(AUDIT_NP * sizeof(slong));
        for (i = 0; i < AUDIT_NP; i++)
            G->pidx[G->np++] = i;
        G->desc = size == SIZE_FULL ? "full grid: n = 1..200, all 40 values of p, c = 2, 2.5, 3, 4, 8"
                                    : "full audit grid: n = 1..100, all 40 values of p, c = 2, 2.5, 3, 4, 8";
    }

    G->ncells = G->nn * G->np * AUDIT_NC;
    G->cells = flint_malloc(G->ncells * sizeof(audit_cell));
    fmpq_init(p);
    for (k = 0; k < AUDIT_NC; k++)
        for (j = 0; j < G->np; j++)
        {
            audit_p_get(p, G->pidx[j]);
            for (i = 0; i < G->nn; i++)
            {
                audit_cell *C = G->cells + (k * G->np + j) * G->nn + i;
                C->n = G->nvals[i];
                C->c2 = audit_c2[k];
                C->pi = G->pidx[j];
                C->N = audit_thm3_width(C->n, p, C->c2);
                arb_init(C->tail);
                arb_init(C->kappa);
            }
        }
    fmpq_clear(p);

    if (threads < 1)
        threads = 1;
    ctx.G = G;
    ctx.next = 0;
    pthread_mutex_init(&ctx.lock, NULL);
    th = flint_malloc(threads * sizeof(pthread_t));
    for (i = 1; i < threads; i++)
        if (pthread_create(th + i, NULL, grid_worker, &ctx) != 0)
        {
            /* run with fewer threads: the work is shared dynamically */
            threads = (int) i;
            break;
        }
    /* the calling thread works too, without flint_cleanup at the end */
    for (;;)
    {
        slong c;
        pthread_mutex_lock(&ctx.lock);
        c = ctx.next++;
        pthread_mutex_unlock(&ctx.lock);
        if (c >= G->ncells)
            break;
        eval_cell(G->cells + c);
    }
    for (i = 1; i < threads; i++)
        pthread_join(th[i], NULL);
    flint_free(th);
    pthread_mutex_destroy(&ctx.lock);
    G->seconds = bc_seconds() - t0;
}

void
audit_grid_clear(audit_grid_t G)
{
    slong i;
    for (i = 0; i < G->ncells; i++)
    {
        arb_clear(G->cells[i].tail);
        arb_clear(G->cells[i].kappa);
    }
    flint_free(G->cells);
    flint_free(G->nvals);
    flint_free(G->pidx);
    memset(G, 0, sizeof(audit_grid_struct));
}

/* ------------------------------------------------------------ c* */

/* sign of f(c) = (3/4) c - 1 - ln c at the dyadic c, decided at rising
   precision (f has no dyadic root: ln c is transcendental there) */
static int
cstar_sign(const arf_t c)
{
    slong prec;
    arb_t f, x;
    int s = 0;
    arb_init(f);
    arb_init(x);
    for (prec = 64; prec <= BC_PREC_MAX && s == 0; prec *= 2)
    {
        arb_set_arf(x, c);
        arb_log(f, x, prec);
        arb_neg(f, f);
        arb_sub_ui(f, f, 1, prec);
        arb_mul_ui(x, x, 3, prec);
        arb_mul_2exp_si(x, x, -2);
        arb_add(f, f, x, prec);
        if (arb_is_positive(f))
            s = 1;
        else if (arb_is_negative(f))
            s = -1;
    }
    arb_clear(f);
    arb_clear(x);
    return s;
}

void
audit_cstar(arb_t out, slong prec)
{
    /* f is increasing for c > 4/3, f(2) < 0 < f(3); bisection keeps the
       invariant f(lo) < 0 < f(hi) with both signs decided */
    arf_t lo, hi, mid;
    slong it;
    arf_init(lo);
    arf_init(hi);
    arf_init(mid);
    arf_set_ui(lo, 2);
    arf_set_ui(hi, 3);
    for (it = 0; it < prec; it++)
    {
        int s;
        arf_add(mid, lo, hi, ARF_PREC_EXACT, ARF_RND_DOWN);
        arf_mul_2exp_si(mid, mid, -1);
        s = cstar_sign(mid);
        if (s < 0)
            arf_swap(lo, mid);
        else if (s > 0)
            arf_swap(hi, mid);
        else
            break;
    }
    arb_set_interval_arf(out, lo, hi, prec);
    arf_clear(lo);
    arf_clear(hi);
    arf_clear(mid);
}
