/* audit_chernoff.c -- Thm 3, proof B.5: the Chernoff step.

   The proof lower-bounds the number Z of well-initialised neurons among
   N = c ceil(n / p_eps) by Bin(N, p_eps) and needs P[Z < n] <=
   exp(-kappa c n), kappa = 1/4 (paper_thm3_rate), to conclude
   P[Bas <= eps] >= 1 - exp(-c n / 4).  Here the binomial tail is
   enclosed rigorously (binom_cdf_arb; exact rationals when the balls
   cannot decide and N is small) on a grid of (n, p, c) and compared with
   the stated bound and with the corrected ones, whose values come from
   chernoff.h (see audit.h).  The grid is embarrassingly parallel: cells
   are handed out to worker threads by a mutex counter. */
#include <pthread.h>
#include <string.h>

#include "audit.h"
#include "binom.h"
#include "chernoff.h"
#include "paper.h"

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
audit_rates_init(audit_rates_t r)
{
    fmpq_init(r->kappa);
    paper_thm3_rate(r->kappa);
    r->chernoff_scale = 1;
}

void
audit_rates_clear(audit_rates_t r)
{
    fmpq_clear(r->kappa);
}

/* out = exp(-q c2 n / 2) = exp(-q c n) for the exact rate q */
static void
exp_rate(arb_t out, const fmpq_t q, ulong n, ulong c2, slong prec)
{
    arb_set_fmpq(out, q, prec);
    arb_mul_ui(out, out, c2 * n, prec);
    arb_mul_2exp_si(out, out, -1);
    arb_neg(out, out);
    arb_exp(out, out, prec);
}

truth_t
audit_thm3_bound(arb_t out, audit_bound b, ulong n, ulong c2, const audit_rates_t r, slong prec)
{
    arb_t mu, x;
    fmpq_t q;
    truth_t h = BC_TRUE;
    if (b == AUDIT_STATED || b == AUDIT_CONTROL)
    {
        fmpq_init(q);
        fmpq_mul_2exp(q, r->kappa, b == AUDIT_CONTROL);
        exp_rate(out, q, n, c2, prec);
        fmpq_clear(q);
        return BC_TRUE;
    }
    arb_init(mu);
    arb_init(x);
    /* the mean c n, times the scale (a mutant doubles every exponent) */
    arb_set_ui(mu, c2 * n * r->chernoff_scale);
    arb_mul_2exp_si(mu, mu, -1);
    if (b == AUDIT_KL)
    {
        /* the Poisson form at k = n: exp(-n (c - 1 - ln c)) */
        arb_set_ui(x, n * r->chernoff_scale);
        h = chernoff_poisson_lower(out, mu, x, prec);
    }
    else
    {
        /* delta = 1 - 1/c = 1 - 2/c2, or 1/2 */
        if (b == AUDIT_MULT)
        {
            arb_set_ui(x, c2 - 2);
            arb_div_ui(x, x, c2, prec);
        }
        else
        {
            arb_one(x);
            arb_mul_2exp_si(x, x, -1);
        }
        h = chernoff_mult_lower(out, mu, x, prec);
    }
    arb_clear(mu);
    arb_clear(x);
    return h;
}

/* the decisions of one cell at one working precision (bc_decide_prec) */
typedef struct
{
    truth_t *res;
    const int *want;
    arb_ptr tail;
    ulong N, n, c2;
    const fmpq *p;
    const audit_rates_struct *r;
    fmpq_t exact; /* the exact rational tail, once computed */
    int have_exact;
} cell_ctx;

static truth_t
cell_decide_at(void *vctx, slong prec)
{
    cell_ctx *x = vctx;
    slong b;
    int pending = 0;
    arb_t bd;
    if (x->N <= AUDIT_EXACT_N && prec >= 256)
    {
        /* exact rational tail: only the transcendental bound is a ball */
        if (!x->have_exact)
            binom_cdf_fmpq(x->exact, x->N, x->p, x->n - 1);
        x->have_exact = 1;
        arb_set_fmpq(x->tail, x->exact, prec);
    }
    else
        audit_thm3_tail(x->tail, x->N, x->p, x->n, prec);
    arb_init(bd);
    for (b = 0; b < AUDIT_NBOUNDS; b++)
    {
        if (!x->want[b] || x->res[b] != BC_UNDECIDED)
            continue;
        if (audit_thm3_bound(bd, (audit_bound) b, x->n, x->c2, x->r, prec) == BC_TRUE)
        {
            if (arb_le(x->tail, bd))
                x->res[b] = BC_TRUE;
            else if (arb_gt(x->tail, bd))
                x->res[b] = BC_FALSE;
        }
        pending |= x->res[b] == BC_UNDECIDED;
    }
    arb_clear(bd);
    return pending ? BC_UNDECIDED : BC_TRUE;
}

slong
audit_thm3_decide(truth_t *res, arb_t tail, ulong N, const fmpq_t p, ulong n, ulong c2, const audit_rates_t r,
                  const int *want)
{
    cell_ctx x;
    slong b, reached = 0;
    for (b = 0; b < AUDIT_NBOUNDS; b++)
        res[b] = BC_UNDECIDED;
    x.res = res;
    x.want = want;
    x.tail = tail;
    x.N = N;
    x.n = n;
    x.c2 = c2;
    x.p = p;
    x.r = r;
    x.have_exact = 0;
    fmpq_init(x.exact);
    bc_decide_prec(&reached, cell_decide_at, &x, 96);
    fmpq_clear(x.exact);
    return reached;
}

/* ------------------------------------------------------------ the grid */

typedef struct
{
    audit_grid_struct *G;
    const audit_rates_struct *r;
    pthread_mutex_t lock;
    slong next;
} grid_ctx;

static void
eval_cell(audit_cell *C, const audit_rates_struct *r)
{
    fmpq_t p;
    arb_t t;
    int want[AUDIT_NBOUNDS] = {1, 1, 1, 1, 0};
    want[AUDIT_CONTROL] = C->c2 == audit_c2[AUDIT_C4];
    fmpq_init(p);
    arb_init(t);
    audit_p_get(p, C->pi);
    C->prec = audit_thm3_decide(C->holds, t, C->N, p, C->n, C->c2, r, want);
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

/* the next cell to evaluate, or -1 */
static slong
grid_next(grid_ctx *ctx)
{
    slong i;
    pthread_mutex_lock(&ctx->lock);
    do
        i = ctx->next++;
    while (i < ctx->G->ncells && !ctx->G->cwant[i / (ctx->G->np * ctx->G->nn)]);
    pthread_mutex_unlock(&ctx->lock);
    return i < ctx->G->ncells ? i : -1;
}

static void *
grid_worker(void *arg)
{
    grid_ctx *ctx = arg;
    slong i;
    while ((i = grid_next(ctx)) >= 0)
        eval_cell(ctx->G->cells + i, ctx->r);
    flint_cleanup();
    return NULL;
}

/* the n values and p indices of the grid of the given size */
static void
grid_axes(audit_grid_t G, run_size size)
{
    static const ulong quick_n[] = {1, 2, 3, 5, 8, 12, 20, 30, 50, 70, 90, 100};
    slong i, nmax;
    G->pidx = flint_malloc(AUDIT_NP * sizeof(slong));
    if (size == SIZE_QUICK)
    {
        G->nn = sizeof(quick_n) / sizeof(quick_n[0]);
        G->nvals = flint_malloc(G->nn * sizeof(ulong));
        for (i = 0; i < G->nn; i++)
            G->nvals[i] = quick_n[i];
        /* every third p, and both ends (the smallest p carries the
           asymptotic Poisson regime where the stated bound fails) */
        for (i = 0; i < AUDIT_NP; i += 3)
            G->pidx[G->np++] = i;
        if (G->pidx[G->np - 1] != AUDIT_NP - 1)
            G->pidx[G->np++] = AUDIT_NP - 1;
        /* plain text that is also valid LaTeX: it goes into notes and fields */
        G->desc = "quick subgrid: n = 1, 2, 3, 5, 8, 12, 20, 30, 50, 70, 90, 100; every third of "
                  "the 40 values of p (14 values, both ends included); c = 2, 2.5, 3, 4, 8";
        return;
    }
    nmax = size == SIZE_FULL ? 200 : 100;
    G->nn = nmax;
    G->nvals = flint_malloc(G->nn * sizeof(ulong));
    for (i = 0; i < G->nn; i++)
        G->nvals[i] = (ulong) i + 1;
    for (i = 0; i < AUDIT_NP; i++)
        G->pidx[G->np++] = i;
    G->desc = size == SIZE_FULL ? "full grid: n = 1..200, all 40 values of p, c = 2, 2.5, 3, 4, 8"
                                : "full audit grid: n = 1..100, all 40 values of p, c = 2, 2.5, 3, 4, 8";
}

void
audit_grid_run(audit_grid_t G, run_size size, int threads, const int *cwant, const audit_rates_t r)
{
    slong i, j, k;
    double t0 = bc_seconds();
    grid_ctx ctx;
    pthread_t *th;
    fmpq_t p;

    memset(G, 0, sizeof(audit_grid_struct));
    grid_axes(G, size);
    for (k = 0; k < AUDIT_NC; k++)
        G->cwant[k] = cwant == NULL || cwant[k];
    G->ncells = G->nn * G->np * AUDIT_NC;
    G->cells = flint_malloc(G->ncells * sizeof(audit_cell));
    fmpq_init(p);
    for (k = 0; k < AUDIT_NC; k++)
        for (j = 0; j < G->np; j++)
        {
            audit_p_get(p, G->pidx[j]);
            for (i = 0; i < G->nn; i++)
            {
                audit_cell *C = audit_grid_cell(G, k, j, i);
                slong b;
                C->n = G->nvals[i];
                C->c2 = audit_c2[k];
                C->pi = G->pidx[j];
                C->N = audit_thm3_width(C->n, p, C->c2);
                C->prec = 0;
                for (b = 0; b < AUDIT_NBOUNDS; b++)
                    C->holds[b] = BC_UNDECIDED;
                arb_init(C->tail);
                arb_init(C->kappa);
            }
        }
    fmpq_clear(p);

    if (threads < 1)
        threads = 1;
    ctx.G = G;
    ctx.r = r;
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
    while ((i = grid_next(&ctx)) >= 0)
        eval_cell(G->cells + i, r);
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

/* the sign of f(c) = (1 - kappa) c - 1 - ln c at a dyadic c, for
   bc_decide_prec: BC_TRUE positive, BC_FALSE negative (f has no dyadic
   root: ln c is transcendental there for c != 1) */
typedef struct
{
    const arf_struct *c;
    const fmpq *kappa;
} cstar_ctx;

static truth_t
cstar_sign_at(void *vctx, slong prec)
{
    const cstar_ctx *x = vctx;
    arb_t f, t;
    truth_t s = BC_UNDECIDED;
    arb_init(f);
    arb_init(t);
    arb_set_arf(t, x->c);
    arb_log(f, t, prec);
    arb_neg(f, f);
    arb_sub_ui(f, f, 1, prec);
    arb_set_fmpq(t, x->kappa, prec);
    arb_sub_ui(t, t, 1, prec);
    arb_neg(t, t);
    arb_mul_arf(t, t, x->c, prec);
    arb_add(f, f, t, prec);
    if (arb_is_positive(f))
        s = BC_TRUE;
    else if (arb_is_negative(f))
        s = BC_FALSE;
    arb_clear(f);
    arb_clear(t);
    return s;
}

static truth_t
cstar_sign(const arf_t c, const fmpq_t kappa, slong *reached)
{
    cstar_ctx x;
    slong r = 0;
    truth_t s;
    x.c = c;
    x.kappa = kappa;
    s = bc_decide_prec(&r, cstar_sign_at, &x, 64);
    if (r > *reached)
        *reached = r;
    return s;
}

truth_t
audit_cstar(arb_t out, const fmpq_t kappa, slong prec, slong *reached)
{
    /* f(2) < 0 < f(3) decided, then bisection keeps the invariant
       f(lo) < 0 < f(hi) with both signs decided (f is increasing for
       c > 1/(1 - kappa), so for kappa <= 1/2 the root is unique) */
    arf_t lo, hi, mid;
    slong it;
    truth_t s2, s3, r = BC_TRUE;
    arf_init(lo);
    arf_init(hi);
    arf_init(mid);
    arf_set_ui(lo, 2);
    arf_set_ui(hi, 3);
    s2 = cstar_sign(lo, kappa, reached);
    s3 = cstar_sign(hi, kappa, reached);
    if (s2 == BC_TRUE || s3 == BC_FALSE)
        r = BC_FALSE;
    else if (s2 != BC_FALSE || s3 != BC_TRUE)
        r = BC_UNDECIDED;
    for (it = 0; it < prec && r == BC_TRUE; it++)
    {
        truth_t s;
        arf_add(mid, lo, hi, ARF_PREC_EXACT, ARF_RND_DOWN);
        arf_mul_2exp_si(mid, mid, -1);
        s = cstar_sign(mid, kappa, reached);
        if (s == BC_FALSE)
            arf_swap(lo, mid);
        else if (s == BC_TRUE)
            arf_swap(hi, mid);
        else
            break;
    }
    if (r != BC_TRUE)
    {
        arf_set_ui(lo, 2);
        arf_set_ui(hi, 3);
    }
    arb_set_interval_arf(out, lo, hi, prec);
    arf_clear(lo);
    arf_clear(hi);
    arf_clear(mid);
    return r;
}
