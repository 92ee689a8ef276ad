/* claims_lemma7.c -- Lemma 7 (Thm 3, B.5, reconstructed): a uniformly
   random neuron (direction and output sign) matches a target within the
   chord delta with probability F_r(2 arcsin(delta/2))/2 >= p_eps on the
   sphere of U = span(x_t), r = rank(X).  Decided exactly on a grid of r and
   eps/(nB)^2 (the core's sphere_chord_prob against sphere_chord_prob_lower
   times Claim 1's constant), and sampled: the claim P >= p_eps in the
   reduced space and in the full space projected on U, and the agreement of
   both sampled rates with the exact probability (the reduction).  See
   claims.tex. */
#include <string.h>

#include <flint/fmpz_mat.h>

#include "cert.h"
#include "claims.h"
#include "mc.h"
#include "sphere.h"

/* ----------------------------------------------------- the exact grid */

static const ulong lemma7_r[] = {2, 3, 4, 5, 6, 8, 10, 16, 25, 32, 50, 64, 100};
#define NR ((slong) (sizeof(lemma7_r) / sizeof(lemma7_r[0])))
/* rho = eps/(nB)^2 = 4 * 2^-k, k = 0..rho_steps */
static const slong rho_steps_sizes[3] = {20, 40, 60};

/* p_eps = the core's Claim 1 bound of the chord probability,
   sphere_chord_prob_lower, times Claim 1's constant as the module reads
   it (claims_claim1_constant) */
static void
l7_peps(arb_t res, ulong r, const fmpq_t rho, const fmpq_t K, slong prec)
{
    arb_t k;
    arb_init(k);
    sphere_chord_prob_lower(res, r, rho, prec);
    arb_set_fmpq(k, K, prec);
    arb_mul(res, res, k, prec);
    arb_clear(k);
}

/* one grid point: P = F_r(theta)/2 against p_eps */
typedef struct
{
    ulong r;
    const fmpq *rho;
    const fmpq *K;
    arb_t P, p;
} grid_ctx;

static truth_t
grid_point(void *vctx, slong prec)
{
    grid_ctx *X = vctx;
    arb_t t;
    truth_t res = BC_UNDECIDED;
    arb_init(t);
    sphere_chord_prob(X->P, X->r, X->rho, prec);
    l7_peps(X->p, X->r, X->rho, X->K, prec);
    arb_sub(t, X->P, X->p, prec);
    if (arb_is_nonnegative(t))
        res = BC_TRUE;
    else if (arb_is_negative(t))
        res = BC_FALSE;
    arb_clear(t);
    return res;
}

static void
record_grid(run_t R)
{
    slong i, k, nbad = 0, nund = 0, n = 0, steps = run_size_pick(R, rho_steps_sizes);
    arb_t t, best;
    fmpq_t rho, K;
    ulong best_r = 0;
    slong best_k = -1;
    grid_ctx X;
    check_t c;

    if (!run_wants(R, "lemma7.cap_vs_peps"))
        return;
    run_check(R, c, "lemma7.cap_vs_peps");
    arb_init(X.P);
    arb_init(X.p);
    arb_init(t);
    arb_init(best);
    fmpq_init(rho);
    fmpq_init(K);
    claims_claim1_constant(K, R);
    X.rho = rho;
    X.K = K;
    arb_pos_inf(best);
    for (i = 0; i < NR; i++)
        for (k = 0; k <= steps; k++)
        {
            truth_t dec;
            X.r = lemma7_r[i];
            /* rho = eps/(n B)^2 = 4 * 2^-k: delta = 2^{1 - k/2} */
            fmpq_set_si(rho, 4, 1);
            fmpq_div_2exp(rho, rho, (ulong) k);
            dec = check_decide_prec(c, grid_point, &X, CLAIMS_PREC);
            /* the certificate of the point: the checker knows the statement
               with Claim 1's constant 1 (a mutant's constant has none) */
            if (dec != BC_UNDECIDED && fmpq_is_one(K))
            {
                static const char *const names[2] = {"r", "rho"};
                fmpq pt[2];
                fmpq_init(pt + 0);
                fmpq_init(pt + 1);
                fmpq_set_ui(pt + 0, X.r, 1);
                fmpq_set(pt + 1, rho);
                cert_inequality(c, NULL, "lemma7.cap_vs_peps", 2, names, pt, X.P, ">=", X.p);
                fmpq_clear(pt + 0);
                fmpq_clear(pt + 1);
            }
            n++;
            nund += dec == BC_UNDECIDED;
            if (dec == BC_FALSE && nbad++ == 0)
            {
                char *a = bc_arb_str(X.P, 15), *b = bc_arb_str(X.p, 15);
                check_set_witness(c, "r = %lu, rho = 4*2^-%ld: P = %s < p_eps = %s", X.r, (long) k, a, b);
                flint_free(a);
                flint_free(b);
            }
            if (arb_is_positive(X.p))
            {
                arb_div(t, X.P, X.p, CLAIMS_PREC);
                if (arb_lt(t, best) || best_k < 0)
                {
                    arb_set(best, t);
                    best_r = X.r;
                    best_k = k;
                }
            }
        }
    c->statement = bc_aprintf("Here $k=0,\\dots,%ld$.", (long) steps);
    check_field_add(c, "decided", "%ld of %ld grid points hold, %ld fail, %ld undecided",
                    (long) (n - nbad - nund), (long) n, (long) nbad, (long) nund);
    check_field_fmpq(c, "claim1_constant", K);
    {
        char *s = bc_arb_str(best, 12);
        check_field_add(c, "min_ratio", "min P/p_eps = %s at r = %lu, eps/(nB)^2 = 4*2^-%ld", s, best_r,
                        (long) best_k);
        flint_free(s);
    }
    check_count(c, nbad, nund);
    run_push(R, c);
    arb_clear(X.P);
    arb_clear(X.p);
    arb_clear(t);
    arb_clear(best);
    fmpq_clear(rho);
    fmpq_clear(K);
}

/* ------------------------------------------------------ Monte Carlo */

/* The Monte Carlo instance of Lemma 7: r = 4, eps/(nB)^2 = 1/2, so
   cos theta = 3/4; the full space is R^16 and U = span of the columns of
   an integer 16 x 4 matrix A (not orthogonal), w* = A beta/|A beta|. */
#define L7_R 4
#define L7_D 16
#define L7_CNUM 3
#define L7_CDEN 4

static const ulong mc_sizes[3] = {20000, 200000, 1000000};
static const char *const mc_ids[2] = {"lemma7.mc.reduced", "lemma7.mc.full"};
static const char *const mc_streams[2] = {"claims/lemma7/reduced", "claims/lemma7/full"};

/* The dimension of the sphere on which the claim puts the full sampler's
   projected direction: the rank r = 4 of U (Lemma 7's reduction); the
   mutant puts it on the ambient sphere S^{15}. */
static ulong
l7_full_dim(run_t R)
{
    return run_mutant(R, "claims.mutant.lemma7_ambient") ? L7_D : L7_R;
}

typedef struct
{
    slong r;
    slong d;              /* d == r: the reduced sampler (w* = e_1) */
    slong A[L7_D * L7_R]; /* A[i r + j] */
    slong B[L7_R * L7_R]; /* G^{-1} = B / den, G = A^T A */
    slong den;            /* > 0 */
    slong beta[L7_R];
    slong q; /* beta^T G beta = |A beta|^2 */
} l7_ctx;

static void
l7_full_init(l7_ctx *X)
{
    fmpz_mat_t A, At, G, Bm;
    fmpz_t den;
    slong i, j;
    static const slong beta[L7_R] = {1, -1, 2, 1};

    X->r = L7_R;
    X->d = L7_D;
    fmpz_mat_init(A, L7_D, L7_R);
    fmpz_mat_init(At, L7_R, L7_D);
    fmpz_mat_init(G, L7_R, L7_R);
    fmpz_mat_init(Bm, L7_R, L7_R);
    fmpz_init(den);
    for (i = 0; i < L7_D; i++)
        for (j = 0; j < L7_R; j++)
        {
            X->A[i * L7_R + j] = ((3 * i + 5 * j + i * j) % 7) - 3;
            fmpz_set_si(fmpz_mat_entry(A, i, j), X->A[i * L7_R + j]);
        }
    fmpz_mat_transpose(At, A);
    fmpz_mat_mul(G, At, A);
    if (fmpz_mat_rank(A) != L7_R || !fmpz_mat_inv(Bm, den, G))
    {
        flint_printf("claims: the Lemma 7 subspace matrix is singular\n");
        flint_abort();
    }
    if (fmpz_sgn(den) < 0)
    {
        fmpz_neg(den, den);
        fmpz_mat_neg(Bm, Bm);
    }
    X->den = fmpz_get_si(den);
    for (i = 0; i < L7_R; i++)
        for (j = 0; j < L7_R; j++)
            X->B[i * L7_R + j] = fmpz_get_si(fmpz_mat_entry(Bm, i, j));
    X->q = 0;
    for (i = 0; i < L7_R; i++)
    {
        X->beta[i] = beta[i];
        for (j = 0; j < L7_R; j++)
            X->q += beta[i] * fmpz_get_si(fmpz_mat_entry(G, i, j)) * beta[j];
    }
    fmpz_mat_clear(A);
    fmpz_mat_clear(At);
    fmpz_mat_clear(G);
    fmpz_mat_clear(Bm);
    fmpz_clear(den);
}

/* the reduced sampler's sides: s = y_1, lhs = cden^2 s^2, rhs = cnum^2 |y|^2 */
static void
l7_sides_reduced(arb_t s, arb_t lhs, arb_t rhs, arb_srcptr y)
{
    arb_t Q;
    slong j;
    arb_init(Q);
    arb_set(s, y + 0);
    for (j = 0; j < L7_R; j++)
        arb_addmul(Q, y + j, y + j, ARF_PREC_EXACT);
    arb_sqr(lhs, s, ARF_PREC_EXACT);
    arb_mul_ui(lhs, lhs, L7_CDEN * L7_CDEN, ARF_PREC_EXACT);
    arb_mul_ui(rhs, Q, L7_CNUM * L7_CNUM, ARF_PREC_EXACT);
    arb_clear(Q);
}

/* the full sampler's sides from y = A^T x: s = <y, beta> = <x, A beta>,
   lhs = den cden^2 s^2, rhs = cnum^2 q (y^T B y) */
static void
l7_sides_full(arb_t s, arb_t lhs, arb_t rhs, arb_srcptr y, const l7_ctx *X)
{
    arb_t Q, t;
    slong i, j;
    arb_init(Q);
    arb_init(t);
    for (j = 0; j < X->r; j++)
        arb_addmul_si(s, y + j, X->beta[j], ARF_PREC_EXACT);
    for (i = 0; i < X->r; i++)
        for (j = 0; j < X->r; j++)
        {
            arb_mul(t, y + i, y + j, ARF_PREC_EXACT);
            arb_addmul_si(Q, t, X->B[i * X->r + j], ARF_PREC_EXACT);
        }
    arb_sqr(lhs, s, ARF_PREC_EXACT);
    arb_mul_ui(lhs, lhs, (ulong) X->den * L7_CDEN * L7_CDEN, ARF_PREC_EXACT);
    arb_mul_ui(rhs, Q, L7_CNUM * L7_CNUM, ARF_PREC_EXACT);
    arb_mul_ui(rhs, rhs, (ulong) X->q, ARF_PREC_EXACT);
    arb_clear(Q);
    arb_clear(t);
}

/* One sample: a Gaussian vector (uniform direction) and a Gaussian output
   weight.  The event is decided exactly: every quantity below is a
   polynomial with integer coefficients in the dyadic doubles drawn, so
   arb at ARF_PREC_EXACT computes it without rounding.
     reduced: angle(y, e_1) <= theta  <=>  y_1 >= 0 and
              cden^2 y_1^2 >= cnum^2 |y|^2;
     full:    angle(P_U x, w*) <= theta with y = A^T x, s = <x, A beta>,
              |P_U x|^2 = y^T G^{-1} y  <=>  s >= 0 and
              den cden^2 s^2 >= cnum^2 q (y^T B y). */
static void
l7_sample(mc_outcome *out, const void *ctx, rng_t rng, ulong index)
{
    const l7_ctx *X = ctx;
    arb_struct y[L7_R];
    arb_t t, s, lhs, rhs;
    slong i, j;
    int cap;
    double v;

    (void) index;
    for (j = 0; j < L7_R; j++)
        arb_init(y + j);
    arb_init(t);
    arb_init(s);
    arb_init(lhs);
    arb_init(rhs);
    if (X->d == X->r)
    {
        for (j = 0; j < X->r; j++)
            arb_set_d(y + j, rng_normal(rng));
        l7_sides_reduced(s, lhs, rhs, y);
    }
    else
    {
        for (i = 0; i < X->d; i++)
        {
            arb_set_d(t, rng_normal(rng));
            for (j = 0; j < X->r; j++)
                arb_addmul_si(y + j, t, X->A[i * X->r + j], ARF_PREC_EXACT);
        }
        l7_sides_full(s, lhs, rhs, y, X);
    }
    /* exact balls: the comparisons are exact */
    cap = arb_is_nonnegative(s) && arb_ge(lhs, rhs);
    v = rng_normal(rng);
    out->nevents = 1;
    out->event[0] = (cap && v > 0.0) ? BC_TRUE : BC_FALSE;
    out->escalations = 0;

    for (j = 0; j < L7_R; j++)
        arb_clear(y + j);
    arb_clear(t);
    arb_clear(s);
    arb_clear(lhs);
    arb_clear(rhs);
}

/* The two samplers' tallies and what the claim says of them: P[q] the
   exact probability and p[q] the bound p_eps on the sphere the claim
   puts the direction on (q = 0 reduced, 1 full), rho = eps/(nB)^2 = 1/2. */
typedef struct
{
    l7_ctx ctx[2];
    mc_tally_t T[2];
    arb_t P[2], p[2];
    ulong dim[2];
    char *Ps[2], *ps[2];
} l7_mc;

static void
l7_mc_init(l7_mc *M, run_t R)
{
    fmpq_t rho, K;
    slong q;

    fmpq_init(rho);
    fmpq_init(K);
    fmpq_set_si(rho, 1, 2);
    claims_claim1_constant(K, R);
    memset(&M->ctx[0], 0, sizeof M->ctx[0]);
    M->ctx[0].r = M->ctx[0].d = L7_R;
    l7_full_init(&M->ctx[1]);
    M->dim[0] = L7_R;
    M->dim[1] = l7_full_dim(R);
    for (q = 0; q < 2; q++)
    {
        arb_init(M->P[q]);
        arb_init(M->p[q]);
        sphere_chord_prob(M->P[q], M->dim[q], rho, CLAIMS_PREC);
        l7_peps(M->p[q], M->dim[q], rho, K, CLAIMS_PREC);
        M->Ps[q] = bc_arb_str(M->P[q], 12);
        M->ps[q] = bc_arb_str(M->p[q], 12);
        mc_tally_init(M->T[q]);
    }
    fmpq_clear(rho);
    fmpq_clear(K);
}

static void
l7_mc_clear(l7_mc *M)
{
    slong q;
    for (q = 0; q < 2; q++)
    {
        arb_clear(M->P[q]);
        arb_clear(M->p[q]);
        flint_free(M->Ps[q]);
        flint_free(M->ps[q]);
    }
}

/* Runs sampler q; when the run wants lemma7.mc.reduced (q = 0) or
   lemma7.mc.full (q = 1), the claim P >= p_eps on its tally. */
static void
sample_and_record(run_t R, l7_mc *M, slong q)
{
    const mc_tally_struct *T = M->T[q];
    int want = run_wants(R, mc_ids[q]);
    check_t c;
    char *tex;
    if (want)
        run_check(R, c, mc_ids[q]);
    run_mc(R, M->T[q], l7_sample, &M->ctx[q], run_samples(R, mc_ids[q], mc_sizes, 0), mc_streams[q]);
    if (!want)
        return;
    tex = bc_aprintf("p_\\epsilon=\\frac{1}{2\\pi(r-1)}\\bigl(\\delta\\sqrt{1-\\delta^2/4}\\bigr)^{r-1},"
                     "\\ r=%lu,\\ \\delta^2=\\tfrac12",
                     M->dim[q]);
    check_set_mc(c, T->samples, T->hits[0], T->undecided[0], T->escalations, M->p[q], tex);
    check_field_add(c, "exact_probability", "F_%lu(theta)/2 = %s (cos theta = 3/4)", M->dim[q], M->Ps[q]);
    check_field_add(c, "p_eps", "%s", M->ps[q]);
    check_field_add(c, "samples", "%lu", (unsigned long) T->samples);
    check_field_add(c, "hits", "%lu", (unsigned long) T->hits[0]);
    check_set_stream_witness(c, R->opts->seed, mc_streams[q],
                             "the neuron within the angle, with the right sign");
    run_push(R, c);
    flint_free(tex);
}

/* lemma7.mc.equal (started by the caller before both samplers ran): both
   sampled rates equal the exact probability on the sphere the claim puts
   the direction on (two equality tests, judged in the family) */
static void
record_equal(run_t R, check_t c, const l7_mc *M)
{
    static const char *const labels[2] = {"reduced: w uniform on S^3", "full: w in R^16 projected on U"};
    slong q;
    for (q = 0; q < 2; q++)
    {
        const mc_tally_struct *T = M->T[q];
        char *tex = bc_aprintf("\\tfrac12F_{%lu}(\\theta),\\ \\cos\\theta=\\tfrac34", M->dim[q]);
        check_add_test(c, TEST_EQUAL, labels[q], T->samples, T->hits[0], T->undecided[0], T->escalations,
                       M->P[q], tex);
        check_field_add(c, q == 0 ? "reduced" : "full", "%lu / %lu against F_%lu(theta)/2 = %s",
                        (unsigned long) T->hits[0], (unsigned long) T->samples, M->dim[q], M->Ps[q]);
        flint_free(tex);
    }
    check_set_witness(c,
                      "seed %llu, rng streams \"%s\" and \"%s\" (sample i of stream s reads Philox stream "
                      "(seed, s, i)), the tallies of lemma7.mc.reduced and lemma7.mc.full",
                      (unsigned long long) R->opts->seed, mc_streams[0], mc_streams[1]);
    run_push(R, c);
}

static void
record_mc(run_t R)
{
    int want_eq = run_wants(R, "lemma7.mc.equal");
    slong q;
    check_t eq;
    l7_mc M;

    if (!want_eq && !run_wants_prefix(R, "lemma7.mc."))
        return;
    l7_mc_init(&M, R);
    if (want_eq)
        run_check(R, eq, "lemma7.mc.equal");
    for (q = 0; q < 2; q++)
        if (want_eq || run_wants(R, mc_ids[q]))
            sample_and_record(R, &M, q);
    if (want_eq)
        record_equal(R, eq, &M);
    run_add_instance(
        R,
        "\\textbf{Lemma 7, Monte Carlo instance.} $r=4$, $\\epsilon/(nB)^2=\\tfrac12$, so "
        "$\\delta=2^{-1/2}$, "
        "$\\cos\\theta=1-\\delta^2/2=\\tfrac34$, exact probability $F_4(\\theta)/2=%s$ against "
        "$p_\\epsilon=%s$. Reduced sampler: $w\\in\\mathbb{R}^4$ Gaussian, target $e_1$. Full sampler: "
        "$w\\in\\mathbb{R}^{%d}$ Gaussian, $A_{ij}=((3i+5j+ij)\\bmod7)-3$ ($0\\le i<%d$, $0\\le j<4$), "
        "$\\beta=(1,-1,2,1)$, $|A\\beta|^2=%ld$, $G^{-1}=B/%ld$. Streams \\texttt{%s} and \\texttt{%s}, "
        "%lu and %lu samples.",
        M.Ps[0], M.ps[0], L7_D, L7_D, (long) M.ctx[1].q, (long) M.ctx[1].den, mc_streams[0], mc_streams[1],
        (unsigned long) M.T[0]->samples, (unsigned long) M.T[1]->samples);
    l7_mc_clear(&M);
}

void
claims_records_lemma7(run_t R)
{
    record_grid(R);
    record_mc(R);
}
