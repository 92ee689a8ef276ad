/* t-pop.c -- the arc-cosine objects of pop.h against independent
   computations:
   - f(u, v) against rigorous numerical integration of the Gaussian in
     polar coordinates of the plane of u and v (acb_calc_integrate on the
     arcs between the kinks, the angle from acos rather than atan);
   - special values: E[x_1]_+^2 = 1/2, E[x_1]_+[x_2]_+ = 1/(2 pi)
     (independence), E[x_1]_+[-x_1]_+ = 0;
   - F as a direct sum of quadrature kernels; the gradient against
     central differences of F and the Hessian against central differences
     of the gradient, at 256 bits with step 2^-40;
   - the Hessian at W = V = I_k against its closed form (the angles are
     pi/2 exactly: H = (I + J)/4 (x) I + (W^T + tr(W) I - 2 Diag W)/(2 pi)
     as an operator on W);
   - degenerate pairs: exact parallel and antiparallel pairs take the
     limit values exactly; balls around them are flagged and enclose the
     values at sample points on both sides and at the degenerate point;
     zero neurons;
   - exact cancellation (F = 0 and gradient 0 exactly at W = V);
   - the zero-neuron identity F(W, t e) = F(W) + t D(e) + t^2 |e|^2 / 4;
   - the double version against the balls, and the seeded descent. */
#include <math.h>
#include <string.h>

#ifdef BC_ARB_IN_FLINT
#include <flint/acb_calc.h>
#else
#include <acb_calc.h>
#endif

#include <flint/fmpq_vec.h>

#include "pop.h"
#include "rng.h"
#include "testutil.h"

#define PREC 128

/* ------------------------------------------------------------ helpers */

/* a double in [-1, 1] with at most 20 significant bits (exact products) */
static double
rand_dyadic(rng_t r)
{
    return ldexp(floor(ldexp(2 * rng_uniform(r) - 1, 20)), -20);
}

static void
rand_vec(arb_ptr u, slong d, rng_t r)
{
    slong i;
    double nn;
    do
    {
        nn = 0;
        for (i = 0; i < d; i++)
        {
            double x = rand_dyadic(r);
            arb_set_d(u + i, x);
            nn += x * x;
        }
    } while (nn < 0.0625);
}

static void
rand_mat(arb_mat_t A, rng_t r)
{
    slong i;
    for (i = 0; i < arb_mat_nrows(A); i++)
        rand_vec(arb_mat_entry(A, i, 0), arb_mat_ncols(A), r);
}

/* integrand cos(psi) cos(psi - theta), analytic */
static int
integrand(acb_ptr out, const acb_t psi, void *param, slong order, slong prec)
{
    const arb_struct *theta = param;
    acb_t t;
    if (order > 1)
        flint_abort();
    acb_init(t);
    acb_sub_arb(t, psi, theta, prec);
    acb_cos(t, t, prec);
    acb_cos(out, psi, prec);
    acb_mul(out, out, t, prec);
    acb_clear(t);
    return 0;
}

/* The oracle: f(u, v) = (|u||v| / pi) int [cos psi]_+ [cos(psi - theta)]_+
   dpsi over the circle (2-D standard Gaussian in polar coordinates,
   int_0^oo rho^3 exp(-rho^2/2) drho = 2, density 1/(2 pi)), the product
   positive exactly on (theta - pi/2, pi/2); theta = acos(c/(|u||v|)). */
static void
kernel_quad(arb_t res, arb_srcptr u, arb_srcptr v, slong d, slong prec)
{
    arb_t nu, nv, c, theta, pi;
    acb_t a, b, r;
    mag_t tol;
    arb_init(nu);
    arb_init(nv);
    arb_init(c);
    arb_init(theta);
    arb_init(pi);
    acb_init(a);
    acb_init(b);
    acb_init(r);
    mag_init(tol);
    arb_dot(nu, NULL, 0, u, 1, u, 1, d, prec);
    arb_dot(nv, NULL, 0, v, 1, v, 1, d, prec);
    arb_dot(c, NULL, 0, u, 1, v, 1, d, prec);
    arb_sqrt(nu, nu, prec);
    arb_sqrt(nv, nv, prec);
    arb_div(c, c, nu, prec);
    arb_div(c, c, nv, prec);
    arb_acos(theta, c, prec);
    arb_const_pi(pi, prec);
    arb_mul_2exp_si(pi, pi, -1);
    acb_set_arb(a, theta);
    acb_sub_arb(a, a, pi, prec);
    acb_set_arb(b, pi);
    mag_set_ui_2exp_si(tol, 1, -prec + 10);
    if (acb_calc_integrate(r, integrand, theta, a, b, prec, tol, NULL, prec) != ARB_CALC_SUCCESS)
        acb_indeterminate(r);
    arb_mul(res, acb_realref(r), nu, prec);
    arb_mul(res, res, nv, prec);
    arb_mul_2exp_si(pi, pi, 1);
    arb_div(res, res, pi, prec);
    arb_clear(nu);
    arb_clear(nv);
    arb_clear(c);
    arb_clear(theta);
    arb_clear(pi);
    acb_clear(a);
    acb_clear(b);
    acb_clear(r);
    mag_clear(tol);
}

static void
print_vec(const char *name, arb_srcptr u, slong d)
{
    slong i;
    fprintf(stderr, " %s=(", name);
    for (i = 0; i < d; i++)
        fprintf(stderr, "%s%.17g", i ? "," : "", arf_get_d(arb_midref(u + i), ARF_RND_NEAR));
    fprintf(stderr, ")");
}

static void
print_mat(const char *name, const arb_mat_t A)
{
    slong i;
    fprintf(stderr, " %s:", name);
    for (i = 0; i < arb_mat_nrows(A); i++)
        print_vec("row", arb_mat_entry(A, i, 0), arb_mat_ncols(A));
}

/* ----------------------------------------------------------- kernel */

static void
test_kernel_quad(void)
{
    slong it, iters = test_iters(40);
    rng_t r;
    rng_init(r, test_seed(), rng_stream_id("t-pop.kernel"), 0);
    for (it = 0; it < iters; it++)
    {
        slong d = 2 + (slong) rng_below(r, 5);
        arb_ptr u = _arb_vec_init(d), v = _arb_vec_init(d);
        arb_t f, q;
        int fl, ok;
        arb_init(f);
        arb_init(q);
        rand_vec(u, d, r);
        rand_vec(v, d, r);
        fl = pop_kernel(f, u, v, d, PREC);
        kernel_quad(q, u, v, d, PREC);
        ok = fl == 0 && arb_overlaps(f, q) && arb_rel_accuracy_bits(f) > PREC - 20;
        if (!ok)
        {
            TEST_REPORT("f(u,v) agrees with the polar quadrature", "d=%ld flags=%d", (long) d, fl);
            print_vec("u", u, d);
            print_vec("v", v, d);
            fprintf(stderr, "\n");
        }
        CU_ASSERT(ok);
        _arb_vec_clear(u, d);
        _arb_vec_clear(v, d);
        arb_clear(f);
        arb_clear(q);
    }
}

static void
test_kernel_special(void)
{
    arb_ptr u = _arb_vec_init(3), v = _arb_vec_init(3);
    arb_t f, e;
    arb_init(f);
    arb_init(e);
    /* E [x_1]_+^2 = 1/2 (an exact parallel pair: u = v) */
    arb_set_ui(u, 1);
    arb_set_ui(v, 1);
    CU_ASSERT(pop_kernel(f, u, v, 3, PREC) == POP_DEGENERATE);
    arb_set_d(e, 0.5);
    CU_ASSERT(arb_equal(f, e));
    /* E [3 x_1]_+ [5 x_1]_+ = 15/2 exactly */
    arb_set_ui(u, 3);
    arb_set_ui(v, 5);
    CU_ASSERT(pop_kernel(f, u, v, 3, PREC) == POP_DEGENERATE);
    arb_set_d(e, 7.5);
    CU_ASSERT(arb_equal(f, e));
    /* E [x_1]_+ [-x_1]_+ = 0 exactly */
    arb_set_si(v, -2);
    CU_ASSERT(pop_kernel(f, u, v, 3, PREC) == POP_DEGENERATE);
    CU_ASSERT(arb_is_zero(f));
    /* E [x_1]_+ [x_2]_+ = (E [x_1]_+)^2 = 1/(2 pi) */
    arb_set_ui(u, 1);
    arb_zero(v);
    arb_set_ui(v + 1, 1);
    CU_ASSERT(pop_kernel(f, u, v, 3, PREC) == 0);
    arb_const_pi(e, PREC);
    arb_mul_2exp_si(e, e, 1);
    arb_inv(e, e, PREC);
    CU_ASSERT(arb_overlaps(f, e));
    CU_ASSERT(arb_rel_accuracy_bits(f) > PREC - 10);
    /* kinds, and the exact rational decision (balls of 1/3 straddle) */
    {
        fmpq *a = _fmpq_vec_init(2), *b = _fmpq_vec_init(2);
        arb_ptr ab = _arb_vec_init(2), bb = _arb_vec_init(2);
        fmpq_set_si(a, 1, 3);
        fmpq_set_si(a + 1, -2, 7);
        fmpq_set_si(b, 7, 3);
        fmpq_set_si(b + 1, -2, 1); /* b = 7 a */
        CU_ASSERT(pop_pair_kind_fmpq(a, b, 2) == POP_PAIR_PARALLEL);
        arb_set_fmpq(ab, a, PREC);
        arb_set_fmpq(ab + 1, a + 1, PREC);
        arb_set_fmpq(bb, b, PREC);
        arb_set_fmpq(bb + 1, b + 1, PREC);
        CU_ASSERT(pop_pair_kind(ab, bb, 2, PREC) == POP_PAIR_STRADDLE);
        fmpq_neg(b, b);
        fmpq_neg(b + 1, b + 1);
        CU_ASSERT(pop_pair_kind_fmpq(a, b, 2) == POP_PAIR_ANTIPARALLEL);
        fmpq_set_si(b, 7, 3);
        fmpq_set_si(b + 1, 2, 1);
        CU_ASSERT(pop_pair_kind_fmpq(a, b, 2) == POP_PAIR_GENERIC);
        fmpq_zero(b);
        fmpq_zero(b + 1);
        CU_ASSERT(pop_pair_kind_fmpq(a, b, 2) == POP_PAIR_ZERO);
        _fmpq_vec_clear(a, 2);
        _fmpq_vec_clear(b, 2);
        _arb_vec_clear(ab, 2);
        _arb_vec_clear(bb, 2);
    }
    CU_ASSERT(pop_pair_kind(u, v, 3, PREC) == POP_PAIR_GENERIC);
    CU_ASSERT(pop_pair_kind(u, u, 3, PREC) == POP_PAIR_PARALLEL);
    _arb_vec_zero(v, 3);
    CU_ASSERT(pop_pair_kind(u, v, 3, PREC) == POP_PAIR_ZERO);
    CU_ASSERT(pop_kernel(f, u, v, 3, PREC) == POP_ZERO);
    CU_ASSERT(arb_is_zero(f));
    arb_clear(f);
    arb_clear(e);
    _arb_vec_clear(u, 3);
    _arb_vec_clear(v, 3);
}

/* Exact degenerate pairs: g, h1, h2 are the limits; a nearly parallel
   exact pair (angle about 2^-40) is generic and its values are within
   O(2^-40) of the limits (continuity, F is C^2). */
static void
test_kernel_degenerate(void)
{
    slong d = 3, i, j;
    arb_ptr u = _arb_vec_init(d), v = _arb_vec_init(d), g = _arb_vec_init(d);
    arb_mat_t H, E;
    arb_t t;
    arb_mat_init(H, d, d);
    arb_mat_init(E, d, d);
    arb_init(t);
    arb_set_d(u, 0.75);
    arb_set_d(u + 1, -0.5);
    arb_set_d(u + 2, 0.25);
    for (i = 0; i < d; i++)
        arb_mul_ui(v + i, u + i, 3, PREC); /* v = 3u */

    CU_ASSERT(pop_pair_kind(u, v, d, PREC) == POP_PAIR_PARALLEL);
    CU_ASSERT(pop_kernel_grad(g, u, v, d, PREC) == POP_DEGENERATE);
    for (i = 0; i < d; i++)
    {
        arb_mul_2exp_si(t, v + i, -1);
        CU_ASSERT(arb_equal(g + i, t));
    }
    CU_ASSERT(pop_kernel_h1(H, u, v, d, PREC) == POP_DEGENERATE);
    CU_ASSERT(arb_mat_is_zero(H));
    CU_ASSERT(pop_kernel_h2(H, u, v, d, PREC) == POP_DEGENERATE);
    arb_mat_one(E);
    arb_mat_scalar_mul_2exp_si(E, E, -1);
    CU_ASSERT(arb_mat_equal(H, E));

    for (i = 0; i < d; i++)
        arb_neg(v + i, v + i); /* antiparallel */
    CU_ASSERT(pop_pair_kind(u, v, d, PREC) == POP_PAIR_ANTIPARALLEL);
    CU_ASSERT(pop_kernel_grad(g, u, v, d, PREC) == POP_DEGENERATE);
    CU_ASSERT(_arb_vec_is_zero(g, d));
    CU_ASSERT(pop_kernel_h2(H, u, v, d, PREC) == POP_DEGENERATE);
    CU_ASSERT(arb_mat_is_zero(H));

    /* nearly parallel: v = 3u + 2^-40 e_3, generic */
    for (i = 0; i < d; i++)
        arb_mul_ui(v + i, u + i, 3, PREC);
    arb_set_d(t, ldexp(1, -40));
    arb_add(v + 2, v + 2, t, ARF_PREC_EXACT);
    CU_ASSERT(pop_pair_kind(u, v, d, PREC) == POP_PAIR_GENERIC);
    CU_ASSERT(pop_kernel_h1(H, u, v, d, PREC) == 0);
    for (i = 0; i < d; i++)
        for (j = 0; j < d; j++)
        {
            CU_ASSERT(arb_rel_accuracy_bits(arb_mat_entry(H, i, j)) > 40 ||
                      arb_is_zero(arb_mat_entry(H, i, j)));
            CU_ASSERT(arf_cmpabs_2exp_si(arb_midref(arb_mat_entry(H, i, j)), -34) < 0);
        }
    CU_ASSERT(pop_kernel_h2(H, u, v, d, PREC) == 0);
    for (i = 0; i < d; i++)
        for (j = 0; j < d; j++)
        {
            arb_sub(t, arb_mat_entry(H, i, j), arb_mat_entry(E, i, j), PREC);
            CU_ASSERT(arf_cmpabs_2exp_si(arb_midref(t), -34) < 0);
        }
    arb_clear(t);
    arb_mat_clear(H);
    arb_mat_clear(E);
    _arb_vec_clear(u, d);
    _arb_vec_clear(v, d);
    _arb_vec_clear(g, d);
}

/* Balls around a degenerate pair (parallel or antiparallel, at radius
   2^-20): flagged STRADDLE, and the enclosures contain the values at the
   degenerate centre and at exact points of the balls on either side. */
static void
test_kernel_straddle(void)
{
    slong it, iters = test_iters(20), d = 3, i;
    rng_t r;
    rng_init(r, test_seed(), rng_stream_id("t-pop.straddle"), 0);
    for (it = 0; it < iters; it++)
    {
        arb_ptr u = _arb_vec_init(d), v = _arb_vec_init(d), ub = _arb_vec_init(d), vb = _arb_vec_init(d);
        arb_ptr gb = _arb_vec_init(d), gp = _arb_vec_init(d), up = _arb_vec_init(d), vp = _arb_vec_init(d);
        arb_mat_t H1, H2, P1, P2;
        arb_t fb, fp;
        slong s, q;
        int sign = (it % 2) ? -1 : 1, ok = 1;
        arb_mat_init(H1, d, d);
        arb_mat_init(H2, d, d);
        arb_mat_init(P1, d, d);
        arb_mat_init(P2, d, d);
        arb_init(fb);
        arb_init(fp);
        rand_vec(u, d, r);
        for (i = 0; i < d; i++)
            arb_mul_si(v + i, u + i, 2 * sign, PREC);
        for (i = 0; i < d; i++)
        {
            arb_set(ub + i, u + i);
            arb_set(vb + i, v + i);
            mag_set_ui_2exp_si(arb_radref(ub + i), 1, -20);
            mag_set_ui_2exp_si(arb_radref(vb + i), 1, -20);
        }
        CU_ASSERT(pop_pair_kind(ub, vb, d, PREC) == POP_PAIR_STRADDLE);
        CU_ASSERT(pop_kernel(fb, ub, vb, d, PREC) == POP_STRADDLE);
        CU_ASSERT(pop_kernel_grad(gb, ub, vb, d, PREC) == POP_STRADDLE);
        CU_ASSERT(pop_kernel_h1(H1, ub, vb, d, PREC) == POP_STRADDLE);
        CU_ASSERT(pop_kernel_h2(H2, ub, vb, d, PREC) == POP_STRADDLE);
        /* sample points: the centre (degenerate) and perturbations */
        for (s = 0; s < 6; s++)
        {
            for (i = 0; i < d; i++)
            {
                double e1 = s == 0 ? 0 : ldexp(rand_dyadic(r), -21);
                double e2 = s == 0 ? 0 : ldexp(rand_dyadic(r), -21);
                arb_set_d(up + i, e1);
                arb_add(up + i, up + i, u + i, ARF_PREC_EXACT);
                arb_set_d(vp + i, e2);
                arb_add(vp + i, vp + i, v + i, ARF_PREC_EXACT);
            }
            pop_kernel(fp, up, vp, d, PREC);
            ok = ok && arb_contains(fb, fp);
            pop_kernel_grad(gp, up, vp, d, PREC);
            for (i = 0; i < d; i++)
                ok = ok && arb_contains(gb + i, gp + i);
            pop_kernel_h1(P1, up, vp, d, PREC);
            pop_kernel_h2(P2, up, vp, d, PREC);
            for (i = 0; i < d; i++)
                for (q = 0; q < d; q++)
                    ok = ok && arb_contains(arb_mat_entry(H1, i, q), arb_mat_entry(P1, i, q)) &&
                         arb_contains(arb_mat_entry(H2, i, q), arb_mat_entry(P2, i, q));
        }
        if (!ok)
        {
            TEST_REPORT("straddling balls enclose the values on both sides", "sign=%d", sign);
            print_vec("u", u, d);
            fprintf(stderr, "\n");
        }
        CU_ASSERT(ok);
        _arb_vec_clear(u, d);
        _arb_vec_clear(v, d);
        _arb_vec_clear(ub, d);
        _arb_vec_clear(vb, d);
        _arb_vec_clear(gb, d);
        _arb_vec_clear(gp, d);
        _arb_vec_clear(up, d);
        _arb_vec_clear(vp, d);
        arb_mat_clear(H1);
        arb_mat_clear(H2);
        arb_mat_clear(P1);
        arb_mat_clear(P2);
        arb_clear(fb);
        arb_clear(fp);
    }
}

/* ---------------------------------------------------------- objective */

/* F as a direct sum of quadrature kernels over all ordered pairs. */
static void
objective_quad(arb_t F, const arb_mat_t W, const arb_mat_t V, slong prec)
{
    slong n = arb_mat_nrows(W), k = arb_mat_nrows(V), d = arb_mat_ncols(W), i, j;
    arb_t t;
    arb_init(t);
    arb_zero(F);
    for (i = 0; i < n; i++)
        for (j = 0; j < n; j++)
        {
            kernel_quad(t, arb_mat_entry(W, i, 0), arb_mat_entry(W, j, 0), d, prec);
            arb_addmul_si(F, t, 1, prec);
        }
    for (i = 0; i < k; i++)
        for (j = 0; j < k; j++)
        {
            kernel_quad(t, arb_mat_entry(V, i, 0), arb_mat_entry(V, j, 0), d, prec);
            arb_add(F, F, t, prec);
        }
    arb_mul_2exp_si(F, F, -1);
    for (i = 0; i < n; i++)
        for (j = 0; j < k; j++)
        {
            kernel_quad(t, arb_mat_entry(W, i, 0), arb_mat_entry(V, j, 0), d, prec);
            arb_sub(F, F, t, prec);
        }
    arb_clear(t);
}

static void
test_objective_quad(void)
{
    slong it, iters = test_iters(6);
    rng_t r;
    rng_init(r, test_seed(), rng_stream_id("t-pop.objective"), 0);
    for (it = 0; it < iters; it++)
    {
        slong n = 1 + (slong) rng_below(r, 3), k = 1 + (slong) rng_below(r, 3),
              d = 2 + (slong) rng_below(r, 3);
        arb_mat_t W, V;
        arb_t F, Q;
        int ok;
        arb_mat_init(W, n, d);
        arb_mat_init(V, k, d);
        arb_init(F);
        arb_init(Q);
        rand_mat(W, r);
        rand_mat(V, r);
        pop_eval(F, NULL, NULL, W, V, PREC);
        objective_quad(Q, W, V, PREC);
        ok = arb_overlaps(F, Q) && arb_rel_accuracy_bits(F) > PREC - 30;
        if (!ok)
        {
            TEST_REPORT("F agrees with the sum of quadrature kernels", "n=%ld k=%ld d=%ld", (long) n,
                        (long) k, (long) d);
            print_mat("W", W);
            print_mat("V", V);
            fprintf(stderr, "\n");
        }
        CU_ASSERT(ok);
        arb_mat_clear(W);
        arb_mat_clear(V);
        arb_clear(F);
        arb_clear(Q);
    }
}

#define FD_PREC 256
#define FD_STEP (-40) /* h = 2^-40: truncation O(h^2) = O(2^-80) */
#define FD_TOL (-60)

/* Central differences: the gradient from F, the Hessian from the
   gradient; |difference| <= 2^-60 entrywise. */
static void
test_derivatives_fd(void)
{
    slong it, iters = test_iters(4);
    rng_t r;
    rng_init(r, test_seed(), rng_stream_id("t-pop.fd"), 0);
    for (it = 0; it < iters; it++)
    {
        slong n = 2 + (slong) rng_below(r, 2), k = 1 + (slong) rng_below(r, 3),
              d = 2 + (slong) rng_below(r, 2);
        slong N, p, q;
        arb_mat_t W, V, Wp, Wm, G, Gp, Gm, H, B;
        arb_t F, Fp, Fm, t, h;
        int ok = 1;
        N = n * d;
        arb_mat_init(W, n, d);
        arb_mat_init(V, k, d);
        arb_mat_init(Wp, n, d);
        arb_mat_init(Wm, n, d);
        arb_mat_init(G, n, d);
        arb_mat_init(Gp, n, d);
        arb_mat_init(Gm, n, d);
        arb_mat_init(H, N, N);
        arb_mat_init(B, d, d);
        arb_init(F);
        arb_init(Fp);
        arb_init(Fm);
        arb_init(t);
        arb_init(h);
        rand_mat(W, r);
        rand_mat(V, r);
        arb_one(h);
        arb_mul_2exp_si(h, h, FD_STEP);
        CU_ASSERT(pop_eval(F, G, H, W, V, FD_PREC) == 0);
        for (p = 0; p < N; p++)
        {
            arb_mat_set(Wp, W);
            arb_mat_set(Wm, W);
            arb_add(arb_mat_entry(Wp, p / d, p % d), arb_mat_entry(Wp, p / d, p % d), h, ARF_PREC_EXACT);
            arb_sub(arb_mat_entry(Wm, p / d, p % d), arb_mat_entry(Wm, p / d, p % d), h, ARF_PREC_EXACT);
            pop_eval(Fp, Gp, NULL, Wp, V, FD_PREC);
            pop_eval(Fm, Gm, NULL, Wm, V, FD_PREC);
            arb_sub(t, Fp, Fm, FD_PREC);
            arb_mul_2exp_si(t, t, -FD_STEP - 1);
            arb_sub(t, t, arb_mat_entry(G, p / d, p % d), FD_PREC);
            if (arf_cmpabs_2exp_si(arb_midref(t), FD_TOL) > 0)
                ok = 0;
            for (q = 0; q < N; q++)
            {
                arb_sub(t, arb_mat_entry(Gp, q / d, q % d), arb_mat_entry(Gm, q / d, q % d), FD_PREC);
                arb_mul_2exp_si(t, t, -FD_STEP - 1);
                arb_sub(t, t, arb_mat_entry(H, q, p), FD_PREC);
                if (arf_cmpabs_2exp_si(arb_midref(t), FD_TOL) > 0)
                    ok = 0;
            }
        }
        /* symmetry, and the block: B_i = H_ii - I/2 */
        for (p = 0; p < N; p++)
            for (q = 0; q < N; q++)
                if (!arb_overlaps(arb_mat_entry(H, p, q), arb_mat_entry(H, q, p)))
                    ok = 0;
        for (p = 0; p < n; p++)
        {
            slong a, b;
            pop_block(B, W, V, p, FD_PREC);
            for (a = 0; a < d; a++)
                for (b = 0; b < d; b++)
                {
                    /* H_ii = I/2 + B_i */
                    arb_set_d(t, a == b ? 0.5 : 0.0);
                    arb_add(t, t, arb_mat_entry(B, a, b), FD_PREC);
                    if (!arb_overlaps(t, arb_mat_entry(H, p * d + a, p * d + b)))
                        ok = 0;
                }
        }
        if (!ok)
        {
            TEST_REPORT("gradient and Hessian agree with central differences", "n=%ld k=%ld d=%ld", (long) n,
                        (long) k, (long) d);
            print_mat("W", W);
            print_mat("V", V);
            fprintf(stderr, "\n");
        }
        CU_ASSERT(ok);
        arb_mat_clear(W);
        arb_mat_clear(V);
        arb_mat_clear(Wp);
        arb_mat_clear(Wm);
        arb_mat_clear(G);
        arb_mat_clear(Gp);
        arb_mat_clear(Gm);
        arb_mat_clear(H);
        arb_mat_clear(B);
        arb_clear(F);
        arb_clear(Fp);
        arb_clear(Fm);
        arb_clear(t);
        arb_clear(h);
    }
}

/* W = V = I_k: F = 0 and gradient 0 exactly (cancellation), B_i = 0
   exactly, and H against the closed form at the angles pi/2:
   H[(i,a),(j,b)] = d_ab (1 + d_ij)/4
                    + (1 - d_ij)(d_ia d_jb + d_ja d_ib)/(2 pi). */
static void
test_global_closed_form(void)
{
    slong k, i, j, a, b;
    for (k = 1; k <= 5; k++)
    {
        arb_mat_t V, G, H, B;
        arb_t F, e, inv2pi;
        int ok = 1;
        arb_mat_init(V, k, k);
        arb_mat_init(G, k, k);
        arb_mat_init(H, k * k, k * k);
        arb_mat_init(B, k, k);
        arb_init(F);
        arb_init(e);
        arb_init(inv2pi);
        arb_const_pi(inv2pi, PREC);
        arb_mul_2exp_si(inv2pi, inv2pi, 1);
        arb_inv(inv2pi, inv2pi, PREC);
        arb_mat_one(V);
        pop_eval(F, G, H, V, V, PREC);
        ok = ok && arb_is_zero(F) && arb_mat_is_zero(G);
        for (i = 0; i < k; i++)
        {
            pop_block(B, V, V, i, PREC);
            ok = ok && arb_mat_is_zero(B);
        }
        for (i = 0; i < k; i++)
            for (a = 0; a < k; a++)
                for (j = 0; j < k; j++)
                    for (b = 0; b < k; b++)
                    {
                        arb_zero(e);
                        if (a == b)
                            arb_set_d(e, i == j ? 0.5 : 0.25);
                        if (i != j)
                            arb_addmul_si(e, inv2pi, (i == a && j == b) + (j == a && i == b), PREC);
                        if (!arb_overlaps(e, arb_mat_entry(H, i * k + a, j * k + b)))
                            ok = 0;
                    }
        if (!ok)
            TEST_REPORT("F, gradient, blocks and Hessian at W = V = I_k", "k=%ld", (long) k);
        CU_ASSERT(ok);
        arb_mat_clear(V);
        arb_mat_clear(G);
        arb_mat_clear(H);
        arb_mat_clear(B);
        arb_clear(F);
        arb_clear(e);
        arb_clear(inv2pi);
    }
}

/* A box around a point with a zero neuron: flagged, F enclosed, the
   derivatives indeterminate; a ball box around a generic point encloses
   the values at exact points of it. */
static void
test_zero_and_boxes(void)
{
    slong n = 2, k = 2, d = 2, s, p, q;
    arb_mat_t W, V, Wb, Wp, G, Gb, H, Hb;
    arb_t F, Fb;
    rng_t r;
    int ok = 1;
    rng_init(r, test_seed(), rng_stream_id("t-pop.boxes"), 0);
    arb_mat_init(W, n, d);
    arb_mat_init(V, k, d);
    arb_mat_init(Wb, n, d);
    arb_mat_init(Wp, n, d);
    arb_mat_init(G, n, d);
    arb_mat_init(Gb, n, d);
    arb_mat_init(H, n * d, n * d);
    arb_mat_init(Hb, n * d, n * d);
    arb_init(F);
    arb_init(Fb);
    arb_mat_one(V);
    arb_set_d(arb_mat_entry(W, 0, 0), 0.5);
    arb_set_d(arb_mat_entry(W, 0, 1), 0.25);
    CU_ASSERT(pop_eval(F, G, H, W, V, PREC) & POP_ZERO);
    CU_ASSERT(arb_is_finite(F));
    CU_ASSERT(!arb_is_finite(arb_mat_entry(G, 0, 0)));

    /* box of radius 2^-12 around a generic point */
    rand_mat(W, r);
    arb_mat_set(Wb, W);
    for (p = 0; p < n * d; p++)
        mag_set_ui_2exp_si(arb_radref(arb_mat_entry(Wb, p / d, p % d)), 1, -12);
    pop_eval(Fb, Gb, Hb, Wb, V, PREC);
    for (s = 0; s < 8; s++)
    {
        for (p = 0; p < n * d; p++)
        {
            arb_set_d(arb_mat_entry(Wp, p / d, p % d), ldexp(rand_dyadic(r), -12));
            arb_add(arb_mat_entry(Wp, p / d, p % d), arb_mat_entry(Wp, p / d, p % d),
                    arb_mat_entry(W, p / d, p % d), ARF_PREC_EXACT);
        }
        pop_eval(F, G, H, Wp, V, PREC);
        ok = ok && arb_contains(Fb, F);
        for (p = 0; p < n * d; p++)
        {
            ok = ok && arb_contains(arb_mat_entry(Gb, p / d, p % d), arb_mat_entry(G, p / d, p % d));
            for (q = 0; q < n * d; q++)
                ok = ok && arb_contains(arb_mat_entry(Hb, p, q), arb_mat_entry(H, p, q));
        }
    }
    if (!ok)
    {
        TEST_REPORT("a box encloses the values at its points", "radius 2^-12");
        print_mat("W", W);
        fprintf(stderr, "\n");
    }
    CU_ASSERT(ok);
    arb_mat_clear(W);
    arb_mat_clear(V);
    arb_mat_clear(Wb);
    arb_mat_clear(Wp);
    arb_mat_clear(G);
    arb_mat_clear(Gb);
    arb_mat_clear(H);
    arb_mat_clear(Hb);
    arb_clear(F);
    arb_clear(Fb);
}

/* F(W, t e) = F(W) + t D(e) + t^2 |e|^2 / 4 (widths n -> n + 1). */
static void
test_zero_slope(void)
{
    slong it, iters = test_iters(10);
    rng_t r;
    rng_init(r, test_seed(), rng_stream_id("t-pop.zero"), 0);
    for (it = 0; it < iters; it++)
    {
        slong n = 1 + (slong) rng_below(r, 3), k = 1 + (slong) rng_below(r, 3),
              d = 2 + (slong) rng_below(r, 3);
        slong i, a;
        arb_mat_t W, V, W1;
        arb_ptr e = _arb_vec_init(d);
        arb_t F, F1, D, t, rhs, ee;
        arb_mat_init(W, n, d);
        arb_mat_init(V, k, d);
        arb_mat_init(W1, n + 1, d);
        arb_init(F);
        arb_init(F1);
        arb_init(D);
        arb_init(t);
        arb_init(rhs);
        arb_init(ee);
        rand_mat(W, r);
        rand_mat(V, r);
        rand_vec(e, d, r);
        arb_set_d(t, ldexp(1 + (double) rng_below(r, 16), -3));
        for (i = 0; i < n; i++)
            for (a = 0; a < d; a++)
                arb_set(arb_mat_entry(W1, i, a), arb_mat_entry(W, i, a));
        for (a = 0; a < d; a++)
            arb_mul(arb_mat_entry(W1, n, a), e + a, t, ARF_PREC_EXACT);
        pop_eval(F, NULL, NULL, W, V, PREC);
        pop_eval(F1, NULL, NULL, W1, V, PREC);
        pop_zero_slope(D, e, W, V, PREC);
        arb_dot(ee, NULL, 0, e, 1, e, 1, d, PREC);
        arb_mul(ee, ee, t, PREC);
        arb_mul(ee, ee, t, PREC);
        arb_mul_2exp_si(ee, ee, -2);
        arb_mul(rhs, t, D, PREC);
        arb_add(rhs, rhs, F, PREC);
        arb_add(rhs, rhs, ee, PREC);
        if (!arb_overlaps(rhs, F1))
            TEST_REPORT("F(W, t e) = F(W) + t D(e) + t^2 |e|^2/4", "n=%ld k=%ld d=%ld", (long) n, (long) k,
                        (long) d);
        CU_ASSERT(arb_overlaps(rhs, F1));
        arb_mat_clear(W);
        arb_mat_clear(V);
        arb_mat_clear(W1);
        _arb_vec_clear(e, d);
        arb_clear(F);
        arb_clear(F1);
        arb_clear(D);
        arb_clear(t);
        arb_clear(rhs);
        arb_clear(ee);
    }
}

/* The double version within 1e-12 (relative to the scale) of the balls. */
static void
test_double(void)
{
    slong it, iters = test_iters(10);
    rng_t r;
    rng_init(r, test_seed(), rng_stream_id("t-pop.double"), 0);
    for (it = 0; it < iters; it++)
    {
        slong n = 1 + (slong) rng_below(r, 4), k = 1 + (slong) rng_below(r, 4),
              d = 2 + (slong) rng_below(r, 4);
        slong N = n * d, p, q;
        arb_mat_t W, V, G, H;
        arb_t F;
        double *Wd = flint_malloc(sizeof(double) * N), *Vd = flint_malloc(sizeof(double) * k * d);
        double *Gd = flint_malloc(sizeof(double) * N), *Hd = flint_malloc(sizeof(double) * N * N), Fd;
        int ok = 1;
        arb_mat_init(W, n, d);
        arb_mat_init(V, k, d);
        arb_mat_init(G, n, d);
        arb_mat_init(H, N, N);
        arb_init(F);
        rand_mat(W, r);
        rand_mat(V, r);
        for (p = 0; p < N; p++)
            Wd[p] = arf_get_d(arb_midref(arb_mat_entry(W, p / d, p % d)), ARF_RND_NEAR);
        for (p = 0; p < k * d; p++)
            Vd[p] = arf_get_d(arb_midref(arb_mat_entry(V, p / d, p % d)), ARF_RND_NEAR);
        pop_eval(F, G, H, W, V, PREC);
        pop_eval_d(&Fd, Gd, Hd, Wd, n, Vd, k, d);
        ok = fabs(Fd - arf_get_d(arb_midref(F), ARF_RND_NEAR)) < 1e-12;
        for (p = 0; p < N; p++)
        {
            ok = ok &&
                 fabs(Gd[p] - arf_get_d(arb_midref(arb_mat_entry(G, p / d, p % d)), ARF_RND_NEAR)) < 1e-12;
            for (q = 0; q < N; q++)
                ok = ok && fabs(Hd[p * N + q] - arf_get_d(arb_midref(arb_mat_entry(H, p, q)), ARF_RND_NEAR)) <
                               1e-12;
        }
        if (!ok)
            TEST_REPORT("double version agrees with the balls", "n=%ld k=%ld d=%ld", (long) n, (long) k,
                        (long) d);
        CU_ASSERT(ok);
        arb_mat_clear(W);
        arb_mat_clear(V);
        arb_mat_clear(G);
        arb_mat_clear(H);
        arb_clear(F);
        flint_free(Wd);
        flint_free(Vd);
        flint_free(Gd);
        flint_free(Hd);
    }
}

/* The descent: same seed, same start; converges at k = 3 to a critical
   point whose ball gradient is small; the authors' step 5/k at k = 6
   converges too. */
static void
test_descent(void)
{
    slong k = 3, N = 9, i;
    double W1[9], W2[9], V[9];
    pop_descent_opts o;
    pop_descent_info info;
    memset(V, 0, sizeof V);
    for (i = 0; i < k; i++)
        V[i * k + i] = 1;
    pop_descent_opts_default(&o, k, k);
    o.step = 0.5; /* 5/k is the authors' step for k >= 6; at k = 3 it oscillates */
    o.newton_after = 1;
    pop_descent_init(W1, k, k, &o, test_seed(), rng_stream_id("t-pop.descent"), 7);
    pop_descent_init(W2, k, k, &o, test_seed(), rng_stream_id("t-pop.descent"), 7);
    CU_ASSERT(memcmp(W1, W2, sizeof W1) == 0);
    pop_descent_run(&info, W1, k, V, k, k, &o);
    CU_ASSERT(info.converged);
    CU_ASSERT(info.gnorm <= 1e-12);
    {
        arb_mat_t W, Vb, G;
        arb_mat_init(W, k, k);
        arb_mat_init(Vb, k, k);
        arb_mat_init(G, k, k);
        for (i = 0; i < N; i++)
        {
            arb_set_d(arb_mat_entry(W, i / k, i % k), W1[i]);
            arb_set_d(arb_mat_entry(Vb, i / k, i % k), V[i]);
        }
        pop_eval(NULL, G, NULL, W, Vb, PREC);
        for (i = 0; i < N; i++)
            CU_ASSERT(arf_cmpabs_2exp_si(arb_midref(arb_mat_entry(G, i / k, i % k)), -35) < 0);
        arb_mat_clear(W);
        arb_mat_clear(Vb);
        arb_mat_clear(G);
    }
    {
        double W6[36], V6[36];
        memset(V6, 0, sizeof V6);
        for (i = 0; i < 6; i++)
            V6[i * 6 + i] = 1;
        pop_descent_opts_default(&o, 6, 6);
        o.newton_after = 1;
        pop_descent_init(W6, 6, 6, &o, test_seed(), rng_stream_id("t-pop.descent"), 1);
        pop_descent_run(&info, W6, 6, V6, 6, 6, &o);
        if (!info.converged)
            TEST_REPORT("descent at k = 6 converges", "iters=%ld gnorm=%g", (long) info.iters, info.gnorm);
        CU_ASSERT(info.converged);
    }
}

int
t_pop_register(void)
{
    CU_pSuite s = CU_add_suite("pop", NULL, NULL);
    if (s == NULL)
        return -1;
    if (CU_add_test(s, "kernel against polar quadrature", test_kernel_quad) == NULL ||
        CU_add_test(s, "kernel special values", test_kernel_special) == NULL ||
        CU_add_test(s, "degenerate pairs take the limits", test_kernel_degenerate) == NULL ||
        CU_add_test(s, "balls straddling degenerate pairs", test_kernel_straddle) == NULL ||
        CU_add_test(s, "F against quadrature sums", test_objective_quad) == NULL ||
        CU_add_test(s, "gradient and Hessian against differences", test_derivatives_fd) == NULL ||
        CU_add_test(s, "closed form at W = V = I", test_global_closed_form) == NULL ||
        CU_add_test(s, "zero neurons and boxes", test_zero_and_boxes) == NULL ||
        CU_add_test(s, "zero-neuron identity", test_zero_slope) == NULL ||
        CU_add_test(s, "double against balls", test_double) == NULL ||
        CU_add_test(s, "seeded descent", test_descent) == NULL)
        return -1;
    return 0;
}
