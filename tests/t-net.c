/* t-net.c -- network evaluation: the double filter's error bound and the
   ball evaluation against an independent exact evaluation over fmpq,
   on random and adversarial (near-tie) inputs. */
#include <math.h>
#include <string.h>

#include "data.h"
#include "loss.h"
#include "net.h"
#include "testutil.h"

/* Independent oracle: the network evaluated exactly over the rationals. */
static void
oracle_eval(fmpq *out, const net_t N, const double *x)
{
    slong layer, i, j, n = N->width[0], wmax = 0;
    fmpq *h, *h2, *tmp;
    fmpq_t w, z;
    for (i = 0; i <= N->depth; i++)
        wmax = FLINT_MAX(wmax, N->width[i]);
    h = _fmpq_vec_init(wmax);
    h2 = _fmpq_vec_init(wmax);
    fmpq_init(w);
    fmpq_init(z);
    for (i = 0; i < n; i++)
        bc_fmpq_set_d(h + i, x[i]);
    for (layer = 1; layer <= N->depth; layer++)
    {
        int hidden = layer < N->depth;
        for (j = 0; j < N->width[layer]; j++)
        {
            const double *v = net_neuron(N, layer, j);
            fmpq_zero(z);
            for (i = 0; i < n; i++)
            {
                bc_fmpq_set_d(w, v[i]);
                fmpq_addmul(z, w, h + i);
            }
            if (hidden)
            {
                bc_fmpq_set_d(w, v[n]);
                fmpq_add(z, z, w);
                if (fmpq_sgn(z) < 0)
                    fmpq_zero(z);
                fmpq_set(h2 + j, z);
            }
            else
                fmpq_set(out + j, z);
        }
        if (hidden)
        {
            tmp = h;
            h = h2;
            h2 = tmp;
            n = N->width[layer];
        }
    }
    _fmpq_vec_clear(h, wmax);
    _fmpq_vec_clear(h2, wmax);
    fmpq_clear(w);
    fmpq_clear(z);
}

/* Makes some hidden pre-activations exactly zero at x (ties of the
   ReLU), the hardest case for the filter: bias := -<w, h> when that dot
   product is exactly representable (small integer data). */
static void
make_ties(net_t N, const double *x, rng_t r)
{
    slong j, i, n = N->width[0];
    for (j = 0; j < N->width[1]; j++)
        if (rng_below(r, 2))
        {
            double *v = net_neuron(N, 1, j), s = 0.0;
            for (i = 0; i < n; i++)
            {
                v[i] = (double) ((slong) rng_below(r, 17) - 8);
                s += v[i] * x[i];
            }
            v[n] = -s; /* exact: small integers */
        }
}

static void
test_filter_bound(void)
{
    slong it, n = test_iters(300);
    rng_t r;
    rng_init(r, test_seed(), 11, 0);
    for (it = 0; it < n; it++)
    {
        slong depth = 1 + (slong) rng_below(r, 4), width[6], i, j, k;
        net_t N;
        double x[8], out[4], err[4], *work;
        fmpq *ex;
        fmpq_t diff, bound;
        int adversarial = (int) (it % 3 == 0);

        width[0] = 1 + (slong) rng_below(r, 6);
        for (i = 1; i < depth; i++)
            width[i] = 1 + (slong) rng_below(r, 7);
        width[depth] = 1 + (slong) rng_below(r, 3);
        k = width[depth];
        net_init(N, depth, width);
        net_randomize(N, (sampler_kind) rng_below(r, SAMPLER_COUNT), ldexp(1.0, (int) rng_below(r, 40) - 20),
                      r);
        for (j = 0; j < width[0]; j++)
            x[j] = adversarial ? (double) ((slong) rng_below(r, 9) - 4) : rng_normal(r);
        if (adversarial && depth > 1)
            make_ties(N, x, r);

        work = flint_malloc(net_eval_d_worksize(N) * sizeof(double));
        ex = _fmpq_vec_init(k);
        fmpq_init(diff);
        fmpq_init(bound);
        oracle_eval(ex, N, x);
        if (net_eval_d(out, err, N, x, work) == 0)
        {
            for (j = 0; j < k; j++)
            {
                bc_fmpq_set_d(diff, out[j]);
                fmpq_sub(diff, diff, ex + j);
                fmpq_abs(diff, diff);
                bc_fmpq_set_d(bound, err[j]);
                if (fmpq_cmp(diff, bound) > 0)
                {
                    TEST_REPORT("|double output - exact| <= error bound", "it=%ld depth=%ld out=%a err=%a",
                                (long) it, (long) depth, out[j], err[j]);
                    CU_FAIL("filter bound violated");
                }
            }
        }
        /* ball evaluation at exact precision equals the oracle */
        {
            arb_ptr par = _arb_vec_init(N->npar), xb = _arb_vec_init(width[0]), ob = _arb_vec_init(k);
            for (j = 0; j < width[0]; j++)
                arb_set_d(xb + j, x[j]);
            net_get_arb(par, N);
            net_eval_arb(ob, N, par, xb, ARF_PREC_EXACT);
            for (j = 0; j < k; j++)
            {
                fmpq_t v;
                fmpq_init(v);
                if (arb_is_exact(ob + j))
                    arf_get_fmpq(v, arb_midref(ob + j));
                if (!arb_is_exact(ob + j) || !fmpq_equal(v, ex + j))
                {
                    TEST_REPORT("exact ball evaluation equals the rational oracle", "it=%ld j=%ld", (long) it,
                                (long) j);
                    CU_FAIL("exact evaluation differs");
                }
                fmpq_clear(v);
            }
            _arb_vec_clear(par, N->npar);
            _arb_vec_clear(xb, width[0]);
            _arb_vec_clear(ob, k);
        }
        _fmpq_vec_clear(ex, k);
        fmpq_clear(diff);
        fmpq_clear(bound);
        flint_free(work);
        net_clear(N);
    }
}

static void
test_filter_control(void)
{
    /* negative control: a bound shrunk by 2^-60 relative to the real
       rounding error must be caught by the same comparison, so the test
       above is able to fail */
    net_t N;
    slong width[3] = {2, 1, 1};
    double x[2] = {1.0, 0x1p-60}, out[1], err[1], work[16];
    fmpq_t ex, diff;
    net_init(N, 2, width);
    N->par[0] = 1.0;
    N->par[1] = 1.0;
    N->par[2] = 0.0;
    N->par[3] = 1.0;
    net_eval_d(out, err, N, x, work);
    fmpq_init(ex);
    fmpq_init(diff);
    bc_fmpq_set_d(ex, 1.0);
    bc_fmpq_set_d(diff, 0x1p-60);
    fmpq_add(ex, ex, diff); /* exact output 1 + 2^-60; double gives 1 */
    bc_fmpq_set_d(diff, out[0]);
    fmpq_sub(diff, ex, diff);
    CU_ASSERT(fmpq_sgn(diff) > 0); /* the double result is off */
    CU_ASSERT(err[0] >= 0x1p-60);  /* and the bound covers it */
    bc_fmpq_set_d(ex, 0x1p-61);
    CU_ASSERT(fmpq_cmp(diff, ex) > 0); /* a tighter bound would be caught */
    fmpq_clear(ex);
    fmpq_clear(diff);
    net_clear(N);
}

static void
test_layout_dead(void)
{
    net_t N;
    slong width[4] = {3, 2, 2, 1};
    double x[3] = {1.0, 2.0, -1.0};
    int zero;
    net_init(N, 3, width);
    CU_ASSERT_EQUAL(N->npar, 2 * 4 + 2 * 3 + 2);
    CU_ASSERT_EQUAL(net_neuron_len(N, 1), 4);
    CU_ASSERT_EQUAL(net_neuron_len(N, 3), 2);
    /* all weights zero, biases zero: every neuron outputs exactly 0 */
    net_last_hidden_dead(&zero, N, x);
    CU_ASSERT_EQUAL(zero, 1);
    net_neuron(N, 2, 1)[2] = 0.5; /* bias of neuron 1 of layer 2 */
    net_last_hidden_dead(&zero, N, x);
    CU_ASSERT_EQUAL(zero, 0);
    net_clear(N);
}

/* The block filter (net_eval_d_block) on m points at once, for every
   kernel this machine has: each output within its bound of the fmpq
   oracle, the plain mode equal to the bounded one, overflow refused. */
static void
test_block_filter(void)
{
    slong it, n = test_iters(120);
    rng_t r;
    rng_init(r, test_seed(), rng_stream_id("t-net/block"), 0);
    for (it = 0; it < n; it++)
    {
        slong depth = 1 + (slong) rng_below(r, 4), width[6], i, j, k, t, m;
        net_t N;
        double *X, *out, *err, *out2, *work;
        fmpq *ex;
        fmpq_t diff, bound;
        int adversarial = (int) (it % 3 == 0), impl, ran = 0;

        width[0] = 1 + (slong) rng_below(r, 20);
        for (i = 1; i < depth; i++)
            width[i] = 1 + (slong) rng_below(r, 70);
        width[depth] = 1 + (slong) rng_below(r, 3);
        k = width[depth];
        m = 1 + (slong) rng_below(r, it % 5 == 0 ? 100 : 40);
        net_init(N, depth, width);
        net_randomize(N, (sampler_kind) rng_below(r, SAMPLER_COUNT), ldexp(1.0, (int) rng_below(r, 60) - 30),
                      r);
        X = flint_malloc(sizeof(double) * m * width[0]);
        for (t = 0; t < m; t++)
            for (j = 0; j < width[0]; j++)
                X[t * width[0] + j] = adversarial ? (double) ((slong) rng_below(r, 9) - 4)
                                                  : ldexp(rng_normal(r), (int) (it % 7) - 3);
        if (adversarial && depth > 1)
            make_ties(N, X + width[0] * (slong) rng_below(r, (ulong) m), r);

        out = flint_malloc(sizeof(double) * m * k);
        out2 = flint_malloc(sizeof(double) * m * k);
        err = flint_malloc(sizeof(double) * m * k);
        work = flint_malloc(sizeof(double) * net_eval_d_block_worksize(N));
        ex = _fmpq_vec_init(k);
        fmpq_init(diff);
        fmpq_init(bound);
        for (impl = 0; impl <= 1; impl++)
        {
            int rc = _net_eval_d_block_impl(out, err, N, X, m, work, impl);
            if (rc == -1)
                continue; /* kernel not available here */
            ran++;
            if (rc != 0)
                continue; /* overflow: the caller escalates */
            for (t = 0; t < m; t++)
            {
                oracle_eval(ex, N, X + t * width[0]);
                for (j = 0; j < k; j++)
                {
                    bc_fmpq_set_d(diff, out[t * k + j]);
                    fmpq_sub(diff, diff, ex + j);
                    fmpq_abs(diff, diff);
                    bc_fmpq_set_d(bound, err[t * k + j]);
                    if (fmpq_cmp(diff, bound) > 0)
                    {
                        TEST_REPORT("block filter: |double output - exact| <= error bound",
                                    "it=%ld impl=%d depth=%ld m=%ld t=%ld out=%a err=%a", (long) it, impl,
                                    (long) depth, (long) m, (long) t, out[t * k + j], err[t * k + j]);
                        CU_FAIL("block filter bound violated");
                        it = n;
                        t = m;
                        break;
                    }
                }
            }
            /* plain mode: the same outputs, bit for bit */
            CU_ASSERT_EQUAL(_net_eval_d_block_impl(out2, NULL, N, X, m, work, impl), 0);
            for (t = 0; t < m * k; t++)
                if (memcmp(out + t, out2 + t, sizeof(double)) != 0)
                {
                    TEST_REPORT("block filter: plain and bounded outputs equal", "it=%ld impl=%d t=%ld",
                                (long) it, impl, (long) t);
                    CU_FAIL("plain output differs");
                    break;
                }
        }
        CU_ASSERT(ran >= 1);
        _fmpq_vec_clear(ex, k);
        fmpq_clear(diff);
        fmpq_clear(bound);
        flint_free(X);
        flint_free(out);
        flint_free(out2);
        flint_free(err);
        flint_free(work);
        net_clear(N);
    }
}

/* The block filter as Proposition 1's bench uses it: the sign of the
   squared-loss gap sum_t p_t (p_t - 2 y_t), decided from the outputs and
   their bounds only when the bound settles it.  Every kernel available
   here must give a decision equal to the exact sign (fmpq oracle) or
   none, and the kernels must agree on every sample they both decide.
   One sample in three has integer parameters and inputs and targets
   y_t = p_t / 2 from the exact outputs: the exact gap is then 0 and no
   kernel may decide; one in three has Gaussian parameters and y_t the
   double nearest p_t / 2: the exact gap is then tiny, below the outputs'
   rounding errors, and a filter without its bound decides it wrongly.  The plain double outputs of the kernels may differ
   (the AVX2 kernel uses fused multiply-adds); the decisions may not. */
static void
test_block_filter_decisions(void)
{
    slong it, n = test_iters(120), decided[2] = {0, 0}, ties = 0, nears = 0;
    rng_t r;
    rng_init(r, test_seed(), 14, 0);
    for (it = 0; it < n; it++)
    {
        slong depth = 2 + (slong) rng_below(r, 2), width[4], i, t, m;
        net_t N;
        data_t S;
        double *out, *err, *work;
        fmpq *ex, *p;
        fmpq_t g, y;
        int tie = (int) (it % 3 == 0), near = (int) (it % 3 == 1), impl, dec[2] = {2, 2}, sgn;

        width[0] = 1 + (slong) rng_below(r, 16);
        for (i = 1; i < depth; i++)
            width[i] = 1 + (slong) rng_below(r, 64);
        width[depth] = 1;
        m = 1 + (slong) rng_below(r, 40);
        net_init(N, depth, width);
        net_randomize(N, SAMPLER_GAUSS, 1.0, r);
        data_init(S, m, width[0], 1);
        data_randomize(S, 1.0, 1.0, r);
        if (tie)
        {
            /* small integers: the exact outputs are integers, doubles */
            for (i = 0; i < N->npar; i++)
                N->par[i] = (double) ((slong) rng_below(r, 7) - 3);
            for (i = 0; i < m * width[0]; i++)
                S->X[i] = (double) ((slong) rng_below(r, 7) - 3);
        }
        p = _fmpq_vec_init(m);
        ex = _fmpq_vec_init(1);
        fmpq_init(g);
        fmpq_init(y);
        for (t = 0; t < m; t++)
        {
            oracle_eval(ex, N, S->X + t * width[0]);
            fmpq_set(p + t, ex);
        }
        if (tie || near)
        {
            /* y_t = p_t / 2 rounded to a double (exact when tie) */
            for (t = 0; t < m; t++)
            {
                fmpq_div_2exp(y, p + t, 1);
                S->Y[t] = fmpq_get_d(y);
            }
            ties += tie;
        }
        /* the exact gap */
        fmpq_zero(g);
        for (t = 0; t < m; t++)
        {
            bc_fmpq_set_d(y, S->Y[t]);
            fmpq_mul_2exp(y, y, 1);
            fmpq_sub(y, p + t, y);
            fmpq_addmul(g, p + t, y);
        }
        sgn = fmpq_sgn(g);
        nears += near && sgn != 0;
        if (tie && sgn != 0)
        {
            TEST_REPORT("tie construction gives gap 0", "it=%ld", (long) it);
            CU_FAIL("tie construction");
        }

        out = flint_malloc(sizeof(double) * 2 * m);
        err = out + m;
        work = flint_malloc(sizeof(double) * net_eval_d_block_worksize(N));
        for (impl = 0; impl <= 1; impl++)
        {
            double gap, e;
            int rc = _net_eval_d_block_impl(out, err, N, S->X, m, work, impl);
            if (rc == -1)
                continue; /* kernel not available here */
            if (rc == 0 && loss_sq_gap_d(&gap, &e, out, err, S) == 0)
                dec[impl] = gap > e ? 1 : (gap < -e ? -1 : 0);
            else
                dec[impl] = 0;
            if (dec[impl] != 0)
                decided[impl]++;
            if (dec[impl] != 0 && dec[impl] != sgn)
            {
                TEST_REPORT(
                    "block filter decision = exact sign of the loss gap",
                    "it=%ld seed=%lu impl=%d depth=%ld d=%ld m=%ld decision=%d exact=%d tie=%d near=%d",
                    (long) it, (unsigned long) test_seed(), impl, (long) depth, (long) width[0], (long) m,
                    dec[impl], sgn, tie, near);
                CU_FAIL("block filter decision wrong");
            }
        }
        if (dec[0] != 2 && dec[1] != 2 && dec[0] != 0 && dec[1] != 0 && dec[0] != dec[1])
        {
            TEST_REPORT("kernels agree on decided samples", "it=%ld %d vs %d", (long) it, dec[0], dec[1]);
            CU_FAIL("kernels disagree");
        }
        flint_free(out);
        flint_free(work);
        fmpq_clear(g);
        fmpq_clear(y);
        _fmpq_vec_clear(ex, 1);
        _fmpq_vec_clear(p, m);
        data_clear(S);
        net_clear(N);
    }
    /* the filter decided most samples, and the ties were exercised */
    CU_ASSERT(decided[0] > n / 4);
    CU_ASSERT(ties > 0 && nears > 0);
}

/* Overflow and NaN are refused (return 1), whatever the kernel; and the
   bound is needed: the double output of a rounding case differs from the
   exact one (so a zero bound would be caught by the comparison above). */
static void
test_block_filter_limits(void)
{
    net_t N;
    slong width[3] = {2, 1, 1};
    double X[4] = {1.0, 0x1p-60, 1e200, -1e200}, out[2], err[2], work[512];
    fmpq_t ex, d;
    int impl;
    net_init(N, 2, width);
    CU_ASSERT(net_eval_d_block_worksize(N) <= 512);
    N->par[0] = 1.0;
    N->par[1] = 1.0;
    N->par[2] = 0.0;
    N->par[3] = 1.0;
    for (impl = 0; impl <= 1; impl++)
    {
        int rc = _net_eval_d_block_impl(out, err, N, X, 1, work, impl);
        if (rc == -1)
            continue;
        CU_ASSERT_EQUAL(rc, 0);
        fmpq_init(ex);
        fmpq_init(d);
        bc_fmpq_set_d(ex, 1.0);
        bc_fmpq_set_d(d, 0x1p-60);
        fmpq_add(ex, ex, d);
        bc_fmpq_set_d(d, out[0]);
        fmpq_sub(d, ex, d);
        CU_ASSERT(fmpq_sgn(d) > 0);   /* the double output is off ... */
        CU_ASSERT(err[0] >= 0x1p-60); /* ... and the bound covers it */
        fmpq_clear(ex);
        fmpq_clear(d);
        /* 1e200 * 1e200 overflows: refused */
        N->par[0] = 1e200;
        CU_ASSERT_EQUAL(_net_eval_d_block_impl(out, err, N, X + 2, 1, work, impl), 1);
        /* inf - inf in the first layer (a NaN): refused, in both modes */
        N->par[0] = 1e300;
        N->par[1] = 1e300;
        CU_ASSERT_EQUAL(_net_eval_d_block_impl(out, err, N, X + 2, 1, work, impl), 1);
        N->par[0] = 1.0;
        N->par[1] = 1.0;
    }
    net_clear(N);
}

/* net_randomize draws every neuron vector by sampler_draw in order: the
   Gaussian law's single pass gives the same parameters, bit for bit, and
   leaves the stream at the same place. */
static void
test_randomize_order(void)
{
    slong it, n = test_iters(60);
    rng_t r;
    rng_init(r, test_seed(), rng_stream_id("t-net/randomize"), 0);
    for (it = 0; it < n; it++)
    {
        slong depth = 1 + (slong) rng_below(r, 4), width[6], i, j, q;
        double scale = (it & 1) ? 1.0 : ldexp(1.0, (int) rng_below(r, 20) - 10);
        sampler_kind kind = (sampler_kind) rng_below(r, SAMPLER_COUNT);
        net_t N, M;
        rng_t a, b;
        for (i = 0; i <= depth; i++)
            width[i] = 1 + (slong) rng_below(r, 30);
        net_init(N, depth, width);
        net_init(M, depth, width);
        rng_init(a, test_seed(), 99, (uint64_t) it);
        *b = *a;
        net_randomize(N, kind, scale, a);
        for (i = 1; i <= depth; i++)
            for (j = 0; j < width[i]; j++)
                sampler_draw(net_neuron(M, i, j), net_neuron_len(M, i), kind, scale, b);
        for (q = 0; q < N->npar; q++)
            if (memcmp(N->par + q, M->par + q, sizeof(double)) != 0)
                break;
        if (q < N->npar || rng_u64(a) != rng_u64(b))
        {
            TEST_REPORT("net_randomize = sampler_draw neuron by neuron", "it=%ld law=%s parameter %ld",
                        (long) it, sampler_name(kind), (long) q);
            CU_FAIL("net_randomize order");
        }
        net_clear(N);
        net_clear(M);
    }
}

int
t_net_register(void)
{
    CU_pSuite s = CU_add_suite("net", NULL, NULL);
    if (s == NULL)
        return 1;
    if (!CU_add_test(s, "double filter bound and exact evaluation (oracle: fmpq)", test_filter_bound) ||
        !CU_add_test(s, "filter negative control", test_filter_control) ||
        !CU_add_test(s, "block filter bound on many points (oracle: fmpq)", test_block_filter) ||
        !CU_add_test(s, "block filter: overflow refused, bound needed", test_block_filter_limits) ||
        !CU_add_test(s, "block filter: loss-gap decisions of every kernel (oracle: fmpq)",
                     test_block_filter_decisions) ||
        !CU_add_test(s, "parameter layout and dead last layer", test_layout_dead) ||
        !CU_add_test(s, "net_randomize draws neuron by neuron", test_randomize_order))
        return 1;
    return 0;
}
