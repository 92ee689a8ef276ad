/* t-crit.c -- the critical-point certifier against facts known
   independently of it:
   - W = V = I_3: a global minimum with F = 0 and least Hessian
     eigenvalue (pi - 2)/(4 pi) (the closed form of the quadratic form
     E[(sum_i 1{x_i > 0} <w_i, x>)^2], see the notes of seed 003);
   - spurious minima from the seeded descent at k = 10: F rises along
     random directions (evaluated by pop only) and no Rayleigh quotient of
     the Hessian at the centre falls below the certified lower bound;
   - a saddle at k = 3 (the symmetric critical point with rows
     (-a, b, b) and permutations): F falls along the certified direction,
     evaluated directly;
   - the split image of a spurious minimum: the certified curvature along
     (a, -a) against the second difference of F of width n + 1, and the
     certified descent step evaluated directly; the zero-neuron slopes
     against first differences;
   - controls that must fail: Krawczyk around a point moved off the
     critical point, positive definiteness at the saddle, the split of the
     global minimum (curvature zero, not negative), a zero neuron. */
#include <math.h>
#include <string.h>

#include "crit.h"
#include "dla.h"
#include "rng.h"
#include "testutil.h"

#define PREC 64

static void
mat_from_d(arb_mat_t A, const double *M)
{
    slong i, c = arb_mat_ncols(A);
    for (i = 0; i < arb_mat_nrows(A) * c; i++)
        arb_set_d(arb_mat_entry(A, i / c, i % c), M[i]);
}

static void
F_at(arb_t F, const double *W, slong n, const arb_mat_t V)
{
    arb_mat_t X;
    arb_mat_init(X, n, arb_mat_ncols(V));
    mat_from_d(X, W);
    pop_eval(F, NULL, NULL, X, V, 256);
    arb_mat_clear(X);
}

static void
print_d(const char *name, const double *x, slong len)
{
    slong i;
    fprintf(stderr, " %s=(", name);
    for (i = 0; i < len; i++)
        fprintf(stderr, "%s%.17g", i ? "," : "", x[i]);
    fprintf(stderr, ")");
}

/* a spurious minimum of the k = 10 objective from the seeded descent:
   the first run (of at most 60) whose end value exceeds 1e-3 */
static int
find_spurious(double *W, slong k, uint64_t *run)
{
    slong i;
    uint64_t s;
    double *V = flint_calloc(k * k, sizeof(double));
    pop_descent_opts o;
    pop_descent_info info;
    for (i = 0; i < k; i++)
        V[i * k + i] = 1;
    pop_descent_opts_default(&o, k, k);
    o.newton_after = 1;
    o.newton_tol = 1e-5;
    for (s = 0; s < 60; s++)
    {
        pop_descent_init(W, k, k, &o, test_seed(), rng_stream_id("t-crit.spurious"), s);
        pop_descent_run(&info, W, k, V, k, k, &o);
        if (info.converged && info.F > 1e-3)
        {
            *run = s;
            flint_free(V);
            return 1;
        }
    }
    flint_free(V);
    return 0;
}

static void
test_global(void)
{
    slong k = 3;
    arb_mat_t V, W;
    crit_result_t R;
    crit_opts o;
    arb_t c;
    double Wd[9] = {0, 1, 0, 1e-9, 0, 1, 1, 0, -2e-9};
    crit_opts_default(&o);
    arb_mat_init(V, k, k);
    arb_mat_init(W, k, k);
    arb_init(c);
    arb_mat_one(V);
    crit_result_init(R);
    crit_certify(R, V, V, &o);
    /* (pi - 2) / (4 pi) */
    arb_const_pi(c, 128);
    {
        arb_t p;
        arb_init(p);
        arb_set(p, c);
        arb_sub_ui(c, c, 2, 128);
        arb_div(c, c, p, 128);
        arb_mul_2exp_si(c, c, -2);
        arb_clear(p);
    }
    CU_ASSERT(R->kind == CRIT_MINIMUM);
    CU_ASSERT(R->exists == BC_TRUE);
    CU_ASSERT(R->global == BC_TRUE);
    CU_ASSERT(arb_is_zero(R->F));
    CU_ASSERT(arb_contains(R->lmin, c));
    CU_ASSERT(mag_cmp_2exp_si(arb_radref(R->lmin), -24) < 0);
    if (R->kind != CRIT_MINIMUM || !arb_contains(R->lmin, c))
        TEST_REPORT("W = V = I_3 is a global minimum with lambda_min = (pi-2)/(4 pi)", "kind=%s reason=%s",
                    crit_kind_str(R->kind), R->reason);
    /* a permuted teacher, perturbed: refined back to it */
    mat_from_d(W, Wd);
    crit_certify(R, W, V, &o);
    CU_ASSERT(R->kind == CRIT_MINIMUM && R->global == BC_TRUE);
    crit_result_clear(R);
    arb_mat_clear(V);
    arb_mat_clear(W);
    arb_clear(c);
}

static void
test_spurious(void)
{
    slong k = 10, N = 100, i, s;
    double W[100], dv[100];
    uint64_t run = 0;
    arb_mat_t V, Wa, X, H;
    crit_result_t R;
    crit_opts o;
    arb_t F0, F1, q;
    rng_t r;
    int ok = 1;

    if (!find_spurious(W, k, &run))
    {
        TEST_REPORT("a spurious minimum among 60 descents at k = 10", "none found");
        CU_FAIL("no spurious minimum found");
        return;
    }
    crit_opts_default(&o);
    arb_mat_init(V, k, k);
    arb_mat_init(Wa, k, k);
    arb_mat_init(X, k, k);
    arb_mat_init(H, N, N);
    arb_init(F0);
    arb_init(F1);
    arb_init(q);
    arb_mat_one(V);
    mat_from_d(Wa, W);
    crit_result_init(R);
    crit_certify(R, Wa, V, &o);
    CU_ASSERT(R->kind == CRIT_MINIMUM);
    CU_ASSERT(R->global == BC_FALSE);
    CU_ASSERT(R->pd == BC_TRUE);
    CU_ASSERT(arb_is_positive(R->lmin));
    /* F rises along random directions of length 2^-12 */
    rng_init(r, test_seed(), rng_stream_id("t-crit.rise"), run);
    F_at(F0, R->W, k, V);
    for (s = 0; s < 10; s++)
    {
        double nrm;
        for (i = 0; i < N; i++)
            dv[i] = rng_normal(r);
        nrm = dla_norm(dv, N);
        for (i = 0; i < N; i++)
            dv[i] = R->W[i] + ldexp(dv[i] / nrm, -12);
        F_at(F1, dv, k, V);
        if (!arb_lt(F0, F1))
            ok = 0;
    }
    /* no Rayleigh quotient at the centre below the certified lower bound */
    mat_from_d(X, R->W);
    pop_eval(NULL, NULL, H, X, V, 128);
    for (s = 0; s < 10; s++)
    {
        arb_t vv;
        arb_init(vv);
        for (i = 0; i < N; i++)
            dv[i] = rng_normal(r);
        {
            arb_ptr x = _arb_vec_init(N), y = _arb_vec_init(N);
            for (i = 0; i < N; i++)
                arb_set_d(x + i, dv[i]);
            for (i = 0; i < N; i++)
                arb_dot(y + i, NULL, 0, arb_mat_entry(H, i, 0), 1, x, 1, N, 128);
            arb_dot(q, NULL, 0, x, 1, y, 1, N, 128);
            arb_dot(vv, NULL, 0, x, 1, x, 1, N, 128);
            arb_div(q, q, vv, 128);
            _arb_vec_clear(x, N);
            _arb_vec_clear(y, N);
        }
        {
            arf_t lo, qu;
            arf_init(lo);
            arf_init(qu);
            arb_get_lbound_arf(lo, R->lmin, 128);
            arb_get_ubound_arf(qu, q, 128);
            if (arf_cmp(qu, lo) < 0)
                ok = 0;
            arf_clear(lo);
            arf_clear(qu);
        }
        arb_clear(vv);
    }
    if (!ok || R->kind != CRIT_MINIMUM)
    {
        TEST_REPORT("a spurious minimum at k = 10 is certified and consistent with F and H",
                    "run=%lu kind=%s %s", (unsigned long) run, crit_kind_str(R->kind), R->reason);
        print_d("W", W, N);
        fprintf(stderr, "\n");
    }
    CU_ASSERT(ok);

    /* control: Krawczyk around a point moved off by 2^-10 finds nothing */
    {
        crit_result_t R2;
        crit_opts o2 = o;
        double Wm[100];
        memcpy(Wm, R->W, sizeof Wm);
        Wm[0] += ldexp(1, -10);
        o2.refine = 0;
        o2.radius = ldexp(1, -30);
        mat_from_d(Wa, Wm);
        crit_result_init(R2);
        crit_certify(R2, Wa, V, &o2);
        CU_ASSERT(R2->kind == CRIT_NOT_CRITICAL);
        CU_ASSERT(R2->exists == BC_FALSE);
        crit_result_clear(R2);
    }

    /* the split image (alpha = 1/2 and 1/3) and the zero-neuron image */
    for (s = 0; s < 2; s++)
    {
        crit_split_t S;
        fmpq_t al;
        slong n1 = k + 1, a;
        double *Y = flint_malloc(sizeof(double) * n1 * k);
        arb_mat_t Yb;
        arb_t Fs, Fp, Fm, sd, tt, alb;
        fmpq_init(al);
        fmpq_set_si(al, 1, 2 + s);
        crit_split_init(S, k);
        crit_split(S, R, V, 0, al, PREC);
        CU_ASSERT(S->condition == BC_TRUE);
        CU_ASSERT(S->saddle == BC_TRUE);
        CU_ASSERT(arb_is_negative(S->curv));
        CU_ASSERT(S->t > 0 && arb_is_negative(S->dF));
        /* second difference of F_{n+1} along (a, -a) at the split centre */
        arb_mat_init(Yb, n1, k);
        arb_init(Fs);
        arb_init(Fp);
        arb_init(Fm);
        arb_init(sd);
        arb_init(tt);
        arb_init(alb);
        arb_set_fmpq(alb, al, 256);
        mat_from_d(X, R->W);
        crit_split_box(Yb, X, 0, alb, 256);
        pop_eval(Fs, NULL, NULL, Yb, V, 256);
        arb_set_d(tt, ldexp(1, -16));
        for (a = 0; a < k; a++)
        {
            arb_t e;
            arb_init(e);
            arb_set_d(e, S->a[a]);
            arb_mul(e, e, tt, 256);
            arb_add(arb_mat_entry(Yb, 0, a), arb_mat_entry(Yb, 0, a), e, 256);
            arb_sub(arb_mat_entry(Yb, k, a), arb_mat_entry(Yb, k, a), e, 256);
            arb_clear(e);
        }
        pop_eval(Fp, NULL, NULL, Yb, V, 256);
        for (a = 0; a < k; a++)
        {
            arb_t e;
            arb_init(e);
            arb_set_d(e, S->a[a]);
            arb_mul(e, e, tt, 256);
            arb_mul_2exp_si(e, e, 1);
            arb_sub(arb_mat_entry(Yb, 0, a), arb_mat_entry(Yb, 0, a), e, 256);
            arb_add(arb_mat_entry(Yb, k, a), arb_mat_entry(Yb, k, a), e, 256);
            arb_clear(e);
        }
        pop_eval(Fm, NULL, NULL, Yb, V, 256);
        arb_add(sd, Fp, Fm, 256);
        arb_submul_ui(sd, Fs, 2, 256);
        arb_div(sd, sd, tt, 256);
        arb_div(sd, sd, tt, 256);
        {
            double c = arf_get_d(arb_midref(S->curv), ARF_RND_NEAR),
                   e = arf_get_d(arb_midref(sd), ARF_RND_NEAR);
            if (!(fabs(c - e) < 1e-3 * fabs(c)))
            {
                TEST_REPORT("split curvature equals the second difference of F",
                            "alpha=1/%ld curv=%g diff=%g", (long) (2 + s), c, e);
                CU_FAIL("split curvature");
            }
        }
        /* the certified step, evaluated directly at the centre */
        crit_split_box(Yb, X, 0, alb, 256);
        arb_set_d(tt, S->t);
        for (a = 0; a < k; a++)
        {
            arb_t e;
            arb_init(e);
            arb_set_d(e, S->a[a]);
            arb_mul(e, e, tt, 256);
            arb_add(arb_mat_entry(Yb, 0, a), arb_mat_entry(Yb, 0, a), e, 256);
            arb_sub(arb_mat_entry(Yb, k, a), arb_mat_entry(Yb, k, a), e, 256);
            arb_clear(e);
        }
        pop_eval(Fp, NULL, NULL, Yb, V, 256);
        CU_ASSERT(arb_lt(Fp, F0));
        arb_mat_clear(Yb);
        arb_clear(Fs);
        arb_clear(Fp);
        arb_clear(Fm);
        arb_clear(sd);
        arb_clear(tt);
        arb_clear(alb);
        fmpq_clear(al);
        crit_split_clear(S);
        flint_free(Y);
    }
    {
        crit_zero_t Z;
        slong j;
        arb_mat_t W1;
        arb_t t, e;
        crit_zero_init(Z, k);
        crit_zero(Z, R, V, PREC);
        arb_mat_init(W1, k + 1, k);
        arb_init(t);
        arb_init(e);
        mat_from_d(X, R->W);
        for (j = 0; j < k; j++)
        {
            /* (F(x, t v_j) - F(x) - t^2/4) / t -> D(v_j), t = 2^-30 */
            slong a;
            for (a = 0; a < k * k; a++)
                arb_set(arb_mat_entry(W1, a / k, a % k), arb_mat_entry(X, a / k, a % k));
            for (a = 0; a < k; a++)
                arb_set_d(arb_mat_entry(W1, k, a), a == j ? ldexp(1, -30) : 0);
            pop_eval(F1, NULL, NULL, W1, V, 256);
            arb_sub(e, F1, F0, 256);
            arb_mul_2exp_si(e, e, 30);
            if (fabs(arf_get_d(arb_midref(e), ARF_RND_NEAR) -
                     arf_get_d(arb_midref(Z->slope + j), ARF_RND_NEAR)) > 1e-8)
            {
                TEST_REPORT("zero-neuron slope agrees with the first difference", "j=%ld", (long) j);
                CU_FAIL("zero slope");
            }
        }
        if (Z->descent == BC_TRUE)
        {
            slong a;
            for (a = 0; a < k * k; a++)
                arb_set(arb_mat_entry(W1, a / k, a % k), arb_mat_entry(X, a / k, a % k));
            for (a = 0; a < k; a++)
                arb_set_d(arb_mat_entry(W1, k, a), a == Z->best ? Z->t : 0);
            pop_eval(F1, NULL, NULL, W1, V, 256);
            CU_ASSERT(arb_lt(F1, F0));
        }
        arb_mat_clear(W1);
        arb_clear(t);
        arb_clear(e);
        crit_zero_clear(Z);
    }
    crit_result_clear(R);
    arb_mat_clear(V);
    arb_mat_clear(Wa);
    arb_mat_clear(X);
    arb_mat_clear(H);
    arb_clear(F0);
    arb_clear(F1);
    arb_clear(q);
}

/* the symmetric saddle at k = 3: rows (-a, b, b) and their cyclic shifts */
static void
test_saddle(void)
{
    slong k = 3, N = 9, i;
    double W[9];
    arb_mat_t V, Wa, X, H;
    crit_result_t R;
    crit_opts o;
    arb_t F0, F1, dF, l;
    double t, *vec;
    crit_opts_default(&o);
    for (i = 0; i < N; i++)
        W[i] = (i % 4 == 0) ? -0.318 : 0.66;
    arb_mat_init(V, k, k);
    arb_mat_init(Wa, k, k);
    arb_mat_init(X, k, k);
    arb_mat_init(H, N, N);
    arb_init(F0);
    arb_init(F1);
    arb_init(dF);
    arb_init(l);
    arb_mat_one(V);
    mat_from_d(Wa, W);
    crit_result_init(R);
    crit_certify(R, Wa, V, &o);
    CU_ASSERT(R->kind == CRIT_SADDLE);
    CU_ASSERT(R->pd == BC_FALSE);
    CU_ASSERT(R->global == BC_FALSE);
    CU_ASSERT(R->dir != NULL && arb_is_negative(R->curv));
    if (R->kind != CRIT_SADDLE || R->dir == NULL)
    {
        TEST_REPORT("the symmetric k = 3 point is a certified saddle", "kind=%s %s", crit_kind_str(R->kind),
                    R->reason);
        goto done;
    }
    /* certified descent, and F evaluated directly along it */
    CU_ASSERT(crit_descent(&t, dF, R, R->dir, V, PREC) == BC_TRUE);
    F_at(F0, R->W, k, V);
    {
        double Wt[9];
        for (i = 0; i < N; i++)
            Wt[i] = R->W[i] + t * R->dir[i];
        F_at(F1, Wt, k, V);
        CU_ASSERT(arb_lt(F1, F0));
        arb_sub(F1, F1, F0, 256);
        CU_ASSERT(arb_overlaps(F1, dF));
    }
    /* control: positive definiteness at the saddle must fail */
    crit_box(X, R->W, k, k, R->radius);
    pop_eval(NULL, NULL, H, X, V, PREC);
    vec = flint_malloc(sizeof(double) * N);
    crit_lmin(l, vec, NULL, H, PREC);
    CU_ASSERT(arb_is_negative(l));
    flint_free(vec);
done:
    crit_result_clear(R);
    arb_mat_clear(V);
    arb_mat_clear(Wa);
    arb_mat_clear(X);
    arb_mat_clear(H);
    arb_clear(F0);
    arb_clear(F1);
    arb_clear(dF);
    arb_clear(l);
}

/* controls: the split of the global minimum has curvature 0 along every
   (a, -a) (B_i = 0 exactly), so no saddle is certified; a zero neuron is
   undecided; n < k leaves the global question open. */
static void
test_controls(void)
{
    slong k = 3;
    arb_mat_t V, W;
    crit_result_t R;
    crit_split_t S;
    crit_opts o;
    fmpq_t al;
    double W2[6] = {0.9463, -0.2438, 0.9463, 0.0896, 1.3179, 0.0896};
    crit_opts_default(&o);
    arb_mat_init(V, k, k);
    arb_mat_one(V);
    crit_result_init(R);
    crit_certify(R, V, V, &o);
    fmpq_init(al);
    fmpq_set_si(al, 1, 2);
    crit_split_init(S, k);
    crit_split(S, R, V, 1, al, PREC);
    /* x* = I_3 exactly (radius 0): B_2 = 0 exactly, curvature exactly 0,
       and F = 0 makes the image a global minimum */
    CU_ASSERT(R->radius == 0);
    CU_ASSERT(S->condition == BC_FALSE);
    CU_ASSERT(S->saddle == BC_FALSE);
    CU_ASSERT(arb_is_zero(S->curv));
    crit_split_clear(S);

    arb_mat_init(W, k, k);
    arb_mat_one(W);
    arb_zero(arb_mat_entry(W, 2, 2));
    crit_certify(R, W, V, &o);
    CU_ASSERT(R->kind == CRIT_UNDECIDED);
    CU_ASSERT(strstr(R->reason, "zero") != NULL);
    arb_mat_clear(W);

    /* n = 2 < k = 3: a minimum whose global status is open */
    arb_mat_init(W, 2, k);
    mat_from_d(W, W2);
    crit_certify(R, W, V, &o);
    CU_ASSERT(R->kind == CRIT_MINIMUM);
    CU_ASSERT(R->global == BC_UNDECIDED);
    arb_mat_clear(W);
    fmpq_clear(al);
    crit_result_clear(R);
    arb_mat_clear(V);
}

int
t_crit_register(void)
{
    CU_pSuite s = CU_add_suite("crit", NULL, NULL);
    if (s == NULL)
        return -1;
    if (CU_add_test(s, "global minimum and its eigenvalue", test_global) == NULL ||
        CU_add_test(s, "spurious minimum, its split and zero images", test_spurious) == NULL ||
        CU_add_test(s, "a saddle and its descent", test_saddle) == NULL ||
        CU_add_test(s, "controls that must fail", test_controls) == NULL)
        return -1;
    return 0;
}
