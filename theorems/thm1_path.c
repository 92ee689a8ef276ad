/* thm1_path.c -- the path machinery of Thm 1: enclosures of W(lambda)
   and P(W(lambda)) over lambda-intervals, hypothesis (i) on the
   continuum, the rescaling factors c~ of the proof (App. B.1) with
   certified root isolation, and the monotonicity decisions. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "thm1.h"

/* working precision of the construction (targets, roots) */
#define THM1_PREC 256

void
thm1_inst_init(thm1_inst_t I, loss_kind kind, slong depth, const slong *width, slong m, slong nknots)
{
    I->kind = kind;
    net_init(I->N, depth, width);
    data_init(I->S, m, width[0], width[depth]);
    I->nknots = nknots;
    I->knot = flint_calloc(nknots * I->N->npar + 1, sizeof(double));
}

void
thm1_inst_clear(thm1_inst_t I)
{
    net_clear(I->N);
    data_clear(I->S);
    flint_free(I->knot);
}

/* W on segment seg at local parameter t in [0, 1]:
   W^(seg) + t (W^(seg+1) - W^(seg)).  t occurs once, so the enclosure
   over a t-interval is as tight as interval arithmetic allows. */
static void
path_par_seg(arb_ptr par, const thm1_inst_t I, slong seg, const arb_t t, slong prec)
{
    slong q, npar = I->N->npar;
    const double *A = thm1_knot(I, seg), *B = thm1_knot(I, seg + 1);
    arb_t d, b;

    arb_init(d);
    arb_init(b);
    for (q = 0; q < npar; q++)
    {
        arb_set_d(par + q, A[q]);
        arb_set_d(b, B[q]);
        arb_sub(d, b, par + q, prec);
        arb_addmul(par + q, t, d, prec);
    }
    arb_clear(d);
    arb_clear(b);
}

void
thm1_path_par(arb_ptr par, const thm1_inst_t I, const arb_t lam, slong prec)
{
    slong K = I->nknots - 1, seg;
    arb_t t;
    arf_t lo, hi;
    fmpz_t f;

    arb_init(t);
    arf_init(lo);
    arf_init(hi);
    fmpz_init(f);

    /* K lambda is computed exactly (small integer times a ball) */
    arb_mul_si(t, lam, K, ARF_PREC_EXACT);
    arb_get_lbound_arf(lo, t, ARF_PREC_EXACT);
    arb_get_ubound_arf(hi, t, ARF_PREC_EXACT);
    arf_get_fmpz(f, lo, ARF_RND_FLOOR);
    seg = fmpz_get_si(f);
    if (seg == K)
        seg = K - 1; /* lambda = 1 exactly */
    if (seg < 0 || arf_cmp_si(lo, seg) < 0 || arf_cmp_si(hi, seg + 1) > 0)
    {
        flint_printf("thm1_path_par: lambda ball not inside one segment of [0, 1]\n");
        flint_abort();
    }
    arb_sub_si(t, t, seg, ARF_PREC_EXACT);
    path_par_seg(par, I, seg, t, prec);

    arb_clear(t);
    arf_clear(lo);
    arf_clear(hi);
    fmpz_clear(f);
}

void
thm1_pred(arb_ptr P, const thm1_inst_t I, arb_srcptr par, slong prec)
{
    slong t, j, d = I->S->d, k = I->S->k;
    arb_ptr x = _arb_vec_init(d);

    for (t = 0; t < I->S->m; t++)
    {
        for (j = 0; j < d; j++)
            arb_set_d(x + j, data_x(I->S, t)[j]);
        net_eval_arb(P + t * k, I->N, par, x, prec);
    }
    _arb_vec_clear(x, d);
}

void
thm1_pred_at(arb_ptr P, const thm1_inst_t I, const arf_t lam)
{
    arb_ptr par = _arb_vec_init(I->N->npar);
    arb_t l;

    arb_init(l);
    arb_set_arf(l, lam);
    thm1_path_par(par, I, l, ARF_PREC_EXACT);
    thm1_pred(P, I, par, ARF_PREC_EXACT); /* ring operations and ReLU: exact */
    arb_clear(l);
    _arb_vec_clear(par, I->N->npar);
}

/* ---------------------------------------------------------------- */
/* Hypothesis (i) on the continuum                                   */

typedef struct
{
    slong seg;
    slong depth;
    arf_struct a; /* local parameter interval [a, b] in the segment */
    arf_struct b;
} hyp_interval;

truth_t
thm1_hyp_i(slong *nint, slong *nleft, slong *maxdepth_used, arf_t where, const thm1_inst_t I, slong maxdepth,
           slong maxint)
{
    slong K = I->nknots - 1, npar = I->N->npar, mk = I->S->m * I->S->k;
    slong top = 0, alloc = 64, processed = 0, j;
    hyp_interval *stack = flint_malloc(alloc * sizeof(hyp_interval));
    arb_ptr par = _arb_vec_init(npar), P = _arb_vec_init(mk);
    arb_t t;
    arf_t mid;
    truth_t res = BC_TRUE;

    *nint = 0;
    *nleft = 0;
    *maxdepth_used = 0;
    arb_init(t);
    arf_init(mid);

    /* the path is linear on each segment: start from the segments, in
       reverse so that they are popped left to right */
    for (j = K - 1; j >= 0; j--)
    {
        stack[top].seg = j;
        stack[top].depth = 0;
        arf_init(&stack[top].a);
        arf_init(&stack[top].b);
        arf_zero(&stack[top].a);
        arf_one(&stack[top].b);
        top++;
    }

    while (top > 0)
    {
        hyp_interval *iv = stack + top - 1;
        truth_t r;

        if (iv->depth > *maxdepth_used)
            *maxdepth_used = iv->depth;
        if (processed >= maxint)
        {
            /* budget exhausted: what is left is undecided */
            *nleft += top;
            res = BC_UNDECIDED;
            break;
        }
        processed++;

        /* enclosure of P(W(lambda)) for every lambda of the interval; the
           endpoints have few bits, so the ball is exactly [a, b] */
        arb_set_interval_arf(t, &iv->a, &iv->b, 2 * FLINT_BITS);
        path_par_seg(par, I, iv->seg, t, 64);
        thm1_pred(P, I, par, 64);
        r = loss_ray_unbounded(I->kind, P, I->S);
        if (r == BC_TRUE)
        {
            (*nint)++;
            arf_clear(&iv->a);
            arf_clear(&iv->b);
            top--;
            continue;
        }

        /* not certified on the whole interval: decide exactly at the
           dyadic midpoint, where a failure is a genuine counterexample */
        arf_add(mid, &iv->a, &iv->b, ARF_PREC_EXACT, ARF_RND_DOWN);
        arf_mul_2exp_si(mid, mid, -1);
        arb_set_arf(t, mid);
        path_par_seg(par, I, iv->seg, t, ARF_PREC_EXACT);
        thm1_pred(P, I, par, ARF_PREC_EXACT);
        if (loss_ray_unbounded(I->kind, P, I->S) == BC_FALSE)
        {
            /* lambda = (seg + mid) / K, exact: K is a power of two */
            arf_add_si(where, mid, iv->seg, ARF_PREC_EXACT, ARF_RND_DOWN);
            arf_mul_2exp_si(where, where, -(slong) FLINT_BIT_COUNT(K - 1) * (K > 1));
            res = BC_FALSE;
            for (j = 0; j < top; j++)
            {
                arf_clear(&stack[j].a);
                arf_clear(&stack[j].b);
            }
            top = 0;
            break;
        }

        if (iv->depth >= maxdepth)
        {
            (*nleft)++;
            res = BC_UNDECIDED;
            arf_clear(&iv->a);
            arf_clear(&iv->b);
            top--;
            continue;
        }

        /* bisect: replace iv by its right half, push the left half */
        if (top + 1 > alloc)
        {
            alloc *= 2;
            stack = flint_realloc(stack, alloc * sizeof(hyp_interval));
            iv = stack + top - 1;
        }
        iv->depth++;
        stack[top].seg = iv->seg;
        stack[top].depth = iv->depth;
        arf_init(&stack[top].a);
        arf_init(&stack[top].b);
        arf_set(&stack[top].a, &iv->a);
        arf_set(&stack[top].b, mid);
        arf_set(&iv->a, mid);
        top++;
    }

    for (j = 0; j < top; j++)
    {
        arf_clear(&stack[j].a);
        arf_clear(&stack[j].b);
    }
    flint_free(stack);
    _arb_vec_clear(par, npar);
    _arb_vec_clear(P, mk);
    arb_clear(t);
    arf_clear(mid);
    return res;
}

/* ---------------------------------------------------------------- */
/* The rescaling factor c~ (App. B.1)                                */

truth_t
thm1_sq_root(arb_t c, arb_srcptr P, const data_t S, const arb_t v, slong prec)
{
    slong q, n = S->m * S->k;
    arb_t pp, py, yy, y, D, s, num;
    truth_t res = BC_TRUE;

    arb_init(pp);
    arb_init(py);
    arb_init(yy);
    arb_init(y);
    arb_init(D);
    arb_init(s);
    arb_init(num);

    /* L(cP) = (c^2 |p|^2 - 2 c <p,y> + |y|^2) / m, sums over all m k
       entries (Sec. B.1: the objective along a ray is a quadratic) */
    for (q = 0; q < n; q++)
    {
        arb_set_d(y, S->Y[q]);
        arb_addmul(pp, P + q, P + q, prec);
        arb_addmul(py, P + q, y, prec);
        arb_addmul(yy, y, y, prec);
    }
    arb_mul_si(num, v, S->m, prec);
    arb_sub(num, num, yy, prec); /* m v - |y|^2 */
    arb_mul(D, py, py, prec);
    arb_addmul(D, pp, num, prec);

    if (!arb_is_positive(pp) || !arb_is_positive(D))
    {
        arb_indeterminate(c);
        res = BC_UNDECIDED;
    }
    else
    {
        arb_sqrtpos(s, D, prec);
        if (arf_sgn(arb_midref(py)) >= 0)
        {
            arb_add(c, py, s, prec);
            arb_div(c, c, pp, prec);
        }
        else
        {
            /* same root without cancellation: product of the roots is
               -(m v - |y|^2) / |p|^2 */
            arb_sub(s, s, py, prec);
            arb_div(c, num, s, prec);
        }
        if (!arb_is_finite(c))
            res = BC_UNDECIDED;
    }

    arb_clear(pp);
    arb_clear(py);
    arb_clear(yy);
    arb_clear(y);
    arb_clear(D);
    arb_clear(s);
    arb_clear(num);
    return res;
}

/* f(c) = L(cP) - v and f'(c) in double at the midpoints: only used to
   find candidate brackets, which are then certified with balls. */
static void
ray_fd(double *f, double *df, double c, loss_kind kind, const double *P, const data_t S, double v)
{
    slong t, j, k = S->k;
    double sum = 0.0, dsum = 0.0;

    for (t = 0; t < S->m; t++)
    {
        const double *p = P + t * k;
        if (kind == LOSS_SQUARED)
        {
            for (j = 0; j < k; j++)
            {
                double r = c * p[j] - data_y(S, t)[j];
                sum += r * r;
                dsum += 2.0 * r * p[j];
            }
        }
        else
        {
            double mx = c * p[0], s = 0.0, sp = 0.0;
            for (j = 1; j < k; j++)
                if (c * p[j] > mx)
                    mx = c * p[j];
            for (j = 0; j < k; j++)
            {
                double e = exp(c * p[j] - mx);
                s += e;
                sp += e * p[j];
            }
            sum += log(s) + mx - c * p[S->lab[t]];
            dsum += sp / s - p[S->lab[t]];
        }
    }
    *f = sum / (double) S->m - v;
    *df = dsum / (double) S->m;
}

/* Sign of f(x) = L(xP) - v: 1 positive, -1 negative, 0 undecided. */
static int
ray_sign(const arf_t x, loss_kind kind, arb_srcptr P, const data_t S, const arb_t v, slong prec)
{
    arb_t c, f;
    int s = 0;
    arb_init(c);
    arb_init(f);
    arb_set_arf(c, x);
    loss_ray_arb(f, kind, c, P, S, prec);
    arb_sub(f, f, v, prec);
    if (arb_is_positive(f))
        s = 1;
    else if (arb_is_negative(f))
        s = -1;
    arb_clear(c);
    arb_clear(f);
    return s;
}

truth_t
thm1_ray_root(arb_t c, loss_kind kind, arb_srcptr P, const data_t S, const arb_t v, const arb_t lo,
              slong prec)
{
    slong n = S->m * S->k, q, it;
    double *Pd = flint_malloc((n + 1) * sizeof(double));
    double x, vd, fx, dfx;
    arf_t a, b, m, w;
    truth_t res = BC_UNDECIDED;
    int s;

    arf_init(a);
    arf_init(b);
    arf_init(m);
    arf_init(w);
    arb_indeterminate(c);

    /* lower end: f(lo) < 0 must be certified (lo exact) */
    if (!arb_is_exact(lo) || ray_sign(arb_midref(lo), kind, P, S, v, prec) != -1)
        goto cleanup;
    arf_set(a, arb_midref(lo));

    /* upper end by doubling: f(b) > 0 certified */
    arf_set_si(b, 1);
    if (arf_cmp(b, a) <= 0)
        arf_mul_2exp_si(b, a, 1);
    for (it = 0;; it++)
    {
        s = ray_sign(b, kind, P, S, v, prec);
        if (s == 1)
            break;
        if (s == -1)
            arf_set(a, b); /* a stays a certified negative point */
        if (it >= 64 || arf_cmpabs_2exp_si(b, 60) > 0)
        {
            res = s == -1 ? BC_FALSE : BC_UNDECIDED;
            goto cleanup;
        }
        arf_mul_2exp_si(b, b, 1);
    }

    /* Newton in double from the right end: for a convex f with f(b) > 0
       and f'(b) > 0 the iterates decrease monotonically to the largest
       root (App. B.1: the root is where the ray crosses the level v) */
    for (q = 0; q < n; q++)
        Pd[q] = arf_get_d(arb_midref(P + q), ARF_RND_NEAR);
    vd = arf_get_d(arb_midref(v), ARF_RND_NEAR);
    x = arf_get_d(b, ARF_RND_NEAR);
    for (it = 0; it < 200; it++)
    {
        double xn;
        ray_fd(&fx, &dfx, x, kind, Pd, S, vd);
        if (!(fx > 0.0) || !(dfx > 0.0) || !isfinite(fx))
            break;
        xn = x - fx / dfx;
        if (!(xn < x))
            break;
        x = xn;
    }
    if (isfinite(x) && x > 0.0)
    {
        /* certify a bracket of relative width 2^-41 around the guess */
        double h = ldexp(x, -42);
        arf_set_d(m, x - h);
        if (arf_cmp(m, a) > 0 && arf_cmp(m, b) < 0 && ray_sign(m, kind, P, S, v, prec) == -1)
            arf_set(a, m);
        arf_set_d(m, x + h);
        if (arf_cmp(m, a) > 0 && arf_cmp(m, b) < 0 && ray_sign(m, kind, P, S, v, prec) == 1)
            arf_set(b, m);
    }

    /* fall back on (or finish by) bisection with balls */
    for (it = 0; it < 200; it++)
    {
        arf_sub(w, b, a, 2 * FLINT_BITS, ARF_RND_UP);
        arf_mul_2exp_si(m, b, -40);
        if (arf_cmpabs(w, m) <= 0)
            break;
        arf_add(m, a, b, ARF_PREC_EXACT, ARF_RND_DOWN);
        arf_mul_2exp_si(m, m, -1);
        s = ray_sign(m, kind, P, S, v, prec);
        if (s == -1)
            arf_set(a, m);
        else if (s == 1)
            arf_set(b, m);
        else
            break; /* f(m) not resolved at this precision: keep [a, b] */
    }

    /* f(a) < 0 < f(b) certified: the largest root is in (a, b) */
    arb_set_interval_arf(c, a, b, prec);
    res = BC_TRUE;

cleanup:
    flint_free(Pd);
    arf_clear(a);
    arf_clear(b);
    arf_clear(m);
    arf_clear(w);
    return res;
}

void
thm1_ray_slope(arb_t out, loss_kind kind, arb_srcptr P, const data_t S, slong prec)
{
    slong t, j, k = S->k;
    arb_t a, y, s, sp, e, shift;

    arb_init(a);
    arb_init(y);
    arb_init(s);
    arb_init(sp);
    arb_init(e);
    arb_init(shift);
    arb_zero(out);
    for (t = 0; t < S->m; t++)
    {
        arb_srcptr p = P + t * k;
        if (kind == LOSS_SQUARED)
        {
            /* d/dc (c p - y)^2 at c = 1 is 2 p (p - y) */
            for (j = 0; j < k; j++)
            {
                arb_set_d(y, data_y(S, t)[j]);
                arb_sub(a, p + j, y, prec);
                arb_addmul(out, a, p + j, prec);
            }
        }
        else
        {
            /* d/dc [log sum_j exp(c p_j) - c p_y] at c = 1 is
               <softmax(p), p> - p_y */
            arf_set(arb_midref(shift), arb_midref(p + S->lab[t]));
            arb_zero(s);
            arb_zero(sp);
            for (j = 0; j < k; j++)
            {
                arb_sub(e, p + j, shift, prec);
                arb_exp(e, e, prec);
                arb_add(s, s, e, prec);
                arb_addmul(sp, e, p + j, prec);
            }
            arb_div(sp, sp, s, prec);
            arb_sub(sp, sp, p + S->lab[t], prec);
            arb_add(out, out, sp, prec);
        }
    }
    if (kind == LOSS_SQUARED)
        arb_mul_2exp_si(out, out, 1);
    arb_div_si(out, out, S->m, prec);

    arb_clear(a);
    arb_clear(y);
    arb_clear(s);
    arb_clear(sp);
    arb_clear(e);
    arb_clear(shift);
}

truth_t
thm1_seq_decreasing(slong *bad, arb_srcptr L, slong len)
{
    slong i, first_undecided = -1;

    for (i = 0; i + 1 < len; i++)
    {
        if (arb_lt(L + i + 1, L + i))
            continue;
        if (arb_ge(L + i + 1, L + i))
        {
            *bad = i;
            return BC_FALSE;
        }
        if (first_undecided < 0)
            first_undecided = i;
    }
    *bad = first_undecided;
    return first_undecided < 0 ? BC_TRUE : BC_UNDECIDED;
}

/* ---------------------------------------------------------------- */
/* The rescaled path                                                 */

void
thm1_rescale_init(thm1_rescale_t R, slong n)
{
    R->n = n;
    R->c = flint_calloc(n + 1, sizeof(double));
    arb_init(R->L0);
    arb_init(R->L1);
    arb_init(R->Lz);
    arb_init(R->M);
    arb_init(R->cend);
    fmpq_init(R->cend_q);
    R->nroot_fail = 0;
    R->start = BC_UNDECIDED;
    R->end = BC_UNDECIDED;
    R->end_case = 0;
}

void
thm1_rescale_clear(thm1_rescale_t R)
{
    flint_free(R->c);
    arb_clear(R->L0);
    arb_clear(R->L1);
    arb_clear(R->Lz);
    arb_clear(R->M);
    arb_clear(R->cend);
    fmpq_clear(R->cend_q);
}

/* j / n as an exact dyadic (n a power of two). */
static void
dyadic_frac(arf_t s, slong j, slong n)
{
    if (n < 1 || (n & (n - 1)) != 0)
    {
        flint_printf("thm1: grid size %wd is not a power of two\n", n);
        flint_abort();
    }
    arf_set_si(s, j);
    arf_mul_2exp_si(s, s, -(slong) FLINT_BIT_COUNT(n - 1) * (n > 1));
}

/* s_i = 2 i / n; grid points with s <= 1 lie on the original path at
   lambda = s. */
static void
grid_s(arf_t s, slong i, slong n)
{
    dyadic_frac(s, 2 * i, n);
}

/* Exact rational quantities of the squared-loss ray through P (exact
   balls): |p|^2, <p,y>, |y|^2. */
static void
sq_ray_exact(fmpq_t pp, fmpq_t py, fmpq_t yy, arb_srcptr P, const data_t S)
{
    slong q, n = S->m * S->k;
    fmpq_t p, y, a;

    fmpq_init(p);
    fmpq_init(y);
    fmpq_init(a);
    fmpq_zero(pp);
    fmpq_zero(py);
    fmpq_zero(yy);
    for (q = 0; q < n; q++)
    {
        arf_get_fmpq(p, arb_midref(P + q));
        bc_fmpq_set_d(y, S->Y[q]);
        fmpq_mul(a, p, p);
        fmpq_add(pp, pp, a);
        fmpq_mul(a, p, y);
        fmpq_add(py, py, a);
        fmpq_mul(a, y, y);
        fmpq_add(yy, yy, a);
    }
    fmpq_clear(p);
    fmpq_clear(y);
    fmpq_clear(a);
}

/* Squared loss: the larger root of L(cP) = L(P) (P exact) is exactly
   rational, because the discriminant <p,y>^2 + |p|^2 (m L(P) - |y|^2)
   equals (|p|^2 - <p,y>)^2.  Sets root, and *one = 1 when the root is 1
   (|p|^2 >= <p,y>).  Returns BC_TRUE when the identity and the loss
   equality L(root P) = L(P) are verified exactly, BC_FALSE if not
   (which would be an error in the reasoning), BC_UNDECIDED when P = 0
   or P is not exact. */
static truth_t
sq_self_root(fmpq_t root, int *one, arb_srcptr P, const data_t S)
{
    slong q, n = S->m * S->k;
    fmpq_t pp, py, yy, mL, D, dd, a, y, L, Lr;
    truth_t res = BC_TRUE;

    for (q = 0; q < n; q++)
        if (!arb_is_exact(P + q))
            return BC_UNDECIDED;

    fmpq_init(pp);
    fmpq_init(py);
    fmpq_init(yy);
    fmpq_init(mL);
    fmpq_init(D);
    fmpq_init(dd);
    fmpq_init(a);
    fmpq_init(y);
    fmpq_init(L);
    fmpq_init(Lr);

    sq_ray_exact(pp, py, yy, P, S);
    if (fmpq_is_zero(pp))
    {
        res = BC_UNDECIDED;
        goto cleanup;
    }
    /* m L(P) = |p|^2 - 2 <p,y> + |y|^2 */
    fmpq_mul_2exp(a, py, 1);
    fmpq_sub(mL, pp, a);
    fmpq_add(mL, mL, yy);
    /* D = <p,y>^2 + |p|^2 (m L(P) - |y|^2) */
    fmpq_sub(a, mL, yy);
    fmpq_mul(D, pp, a);
    fmpq_mul(a, py, py);
    fmpq_add(D, D, a);
    fmpq_sub(dd, pp, py);
    fmpq_mul(a, dd, dd);
    if (!fmpq_equal(a, D))
        res = BC_FALSE;
    /* root = (<p,y> + | |p|^2 - <p,y> |) / |p|^2 */
    *one = fmpq_sgn(dd) >= 0;
    fmpq_abs(a, dd);
    fmpq_add(root, py, a);
    fmpq_div(root, root, pp);
    if (*one != fmpq_is_one(root))
        res = BC_FALSE;

    /* L(root P) evaluated directly, compared with L(P) */
    fmpq_zero(L);
    fmpq_zero(Lr);
    for (q = 0; q < n; q++)
    {
        fmpq_t p;
        fmpq_init(p);
        arf_get_fmpq(p, arb_midref(P + q));
        bc_fmpq_set_d(y, S->Y[q]);
        fmpq_sub(a, p, y);
        fmpq_addmul(L, a, a);
        fmpq_mul(a, p, root);
        fmpq_sub(a, a, y);
        fmpq_addmul(Lr, a, a);
        fmpq_clear(p);
    }
    if (!fmpq_equal(L, Lr))
        res = BC_FALSE;

cleanup:
    fmpq_clear(pp);
    fmpq_clear(py);
    fmpq_clear(yy);
    fmpq_clear(mL);
    fmpq_clear(D);
    fmpq_clear(dd);
    fmpq_clear(a);
    fmpq_clear(y);
    fmpq_clear(L);
    fmpq_clear(Lr);
    return res;
}

/* Cross-entropy end root when the slope of the ray at c = 1 is negative:
   the largest root of L(cP1) = L1 lies right of 1.  Finds a = 1 + 2^-e
   with L(aP1) < L1 certified, then isolates the root right of a. */
static truth_t
xent_end_root(arb_t c, arb_srcptr P1, const data_t S, const arb_t L1)
{
    slong e, prec;
    arb_t a;
    arf_t x;
    truth_t res = BC_UNDECIDED;

    arb_init(a);
    arf_init(x);
    for (prec = THM1_PREC; prec <= BC_PREC_MAX && res == BC_UNDECIDED; prec *= 2)
    {
        for (e = 1; e < prec - 16; e++)
        {
            arf_one(x);
            arf_mul_2exp_si(x, x, -e);
            arf_add_ui(x, x, 1, ARF_PREC_EXACT, ARF_RND_DOWN);
            if (ray_sign(x, LOSS_XENT, P1, S, L1, prec) == -1)
            {
                arb_set_arf(a, x);
                res = thm1_ray_root(c, LOSS_XENT, P1, S, L1, a, prec);
                break;
            }
        }
    }
    arb_clear(a);
    arf_clear(x);
    return res;
}

truth_t
thm1_rescale_build(thm1_rescale_t R, const thm1_inst_t I)
{
    slong i, n = R->n, mk = I->S->m * I->S->k, prec = THM1_PREC;
    arb_ptr P0 = _arb_vec_init(mk), P1 = _arb_vec_init(mk), P = _arb_vec_init(mk);
    arb_t v, v1, g, lo, cc;
    arf_t s;
    truth_t hyp = BC_TRUE, roots = BC_TRUE;

    arb_init(v);
    arb_init(v1);
    arb_init(g);
    arb_init(lo);
    arb_init(cc);
    arf_init(s);

    arf_zero(s);
    thm1_pred_at(P0, I, s);
    arf_one(s);
    thm1_pred_at(P1, I, s);
    loss_value_arb(R->L0, I->kind, P0, I->S, prec);
    loss_value_arb(R->L1, I->kind, P1, I->S, prec);
    loss_zero_arb(R->Lz, I->kind, I->S, prec);
    arb_max(R->M, R->Lz, R->L1, prec);

    /* the hypotheses the targets rely on: L(0) < L0 (ii), L1 < L0 */
    loss_gap_arb(g, I->kind, P0, I->S, prec);
    if (arb_is_nonpositive(g))
        hyp = BC_FALSE;
    else if (!arb_is_positive(g))
        hyp = BC_UNDECIDED;
    arb_sub(g, R->L0, R->L1, prec);
    if (arb_is_nonpositive(g))
        hyp = BC_FALSE;
    else if (!arb_is_positive(g) && hyp == BC_TRUE)
        hyp = BC_UNDECIDED;

    /* v(1) = (2/3) L0 + (1/3) max{L(0), L1} (talk appendix) */
    arb_sub(v1, R->M, R->L0, prec);
    arb_div_ui(v1, v1, 3, prec);
    arb_add(v1, v1, R->L0, prec);

    R->nroot_fail = 0;
    for (i = 0; i <= n; i++)
    {
        truth_t r;
        grid_s(s, i, n);
        if (i == 0)
        {
            R->c[0] = 1.0; /* certified below (R->start) */
            continue;
        }
        if (i == n)
            continue; /* the end root, below */
        if (2 * i <= n)
        {
            /* s in [0, 1]: v(s) = L0 + (s/3) (M - L0) */
            thm1_pred_at(P, I, s);
            arb_sub(v, R->M, R->L0, prec);
            arb_mul_arf(v, v, s, prec);
            arb_div_ui(v, v, 3, prec);
            arb_add(v, v, R->L0, prec);
            arb_zero(lo); /* f(0) = L(0) - v < 0 */
        }
        else
        {
            /* s in [1, 2]: along the ray of W(1), target from v(1) down
               to L1 (the "re-scale back towards W(1)" of B.1) */
            _arb_vec_set(P, P1, mk);
            arb_set_arf(g, s);
            arb_sub_ui(g, g, 1, prec);
            arb_sub(v, R->L1, v1, prec);
            arb_mul(v, v, g, prec);
            arb_add(v, v, v1, prec);
            arb_one(lo); /* f(1) = L1 - v < 0 for s < 2 */
        }
        if (I->kind == LOSS_SQUARED)
            r = thm1_sq_root(cc, P, I->S, v, prec);
        else
            r = thm1_ray_root(cc, I->kind, P, I->S, v, lo, prec);
        if (r == BC_TRUE)
            R->c[i] = arf_get_d(arb_midref(cc), ARF_RND_NEAR);
        else
        {
            /* keep a usable value; the grid check will judge it */
            R->nroot_fail++;
            R->c[i] = i > 0 ? R->c[i - 1] : 1.0;
            roots = BC_UNDECIDED;
        }
    }

    /* start: c~(0) = 1 */
    if (I->kind == LOSS_SQUARED)
    {
        fmpq_t r0;
        int one = 0;
        fmpq_init(r0);
        R->start = sq_self_root(r0, &one, P0, I->S);
        if (R->start == BC_TRUE && !one)
            R->start = BC_FALSE; /* cannot happen under (ii) */
        fmpq_clear(r0);
    }
    else
    {
        /* f(c) = L(c P0) - L0 has f(1) = 0 exactly and f(0) < 0 by (ii):
           the positive root is unique (convexity), hence 1 */
        R->start = hyp == BC_FALSE ? BC_FALSE : (hyp == BC_TRUE ? BC_TRUE : BC_UNDECIDED);
    }

    /* end: the largest root of L(c P1) = L1 */
    if (I->kind == LOSS_SQUARED)
    {
        int one = 0;
        R->end = sq_self_root(R->cend_q, &one, P1, I->S);
        if (R->end != BC_UNDECIDED)
        {
            R->end_case = one ? 1 : 2;
            arb_set_fmpq(R->cend, R->cend_q, prec);
        }
    }
    else
    {
        slong p2;
        R->end = BC_UNDECIDED;
        for (p2 = prec; p2 <= BC_PREC_MAX; p2 *= 2)
        {
            thm1_ray_slope(g, I->kind, P1, I->S, p2);
            if (arb_is_nonnegative(g))
            {
                /* f'(1) >= 0: c = 1 is on the branch right of the
                   minimiser, so it is the largest root; W~(2) = W(1) */
                R->end_case = 1;
                arb_one(R->cend);
                fmpq_one(R->cend_q);
                R->end = BC_TRUE;
                break;
            }
            if (arb_is_negative(g))
            {
                R->end_case = 2;
                R->end = xent_end_root(R->cend, P1, I->S, R->L1);
                break;
            }
        }
    }
    if (R->end_case == 1)
        R->c[n] = 1.0;
    else if (R->end_case == 2 && arb_is_finite(R->cend))
        R->c[n] = arf_get_d(arb_midref(R->cend), ARF_RND_NEAR);
    else
    {
        R->c[n] = R->c[n - 1];
        R->nroot_fail++;
    }

    _arb_vec_clear(P0, mk);
    _arb_vec_clear(P1, mk);
    _arb_vec_clear(P, mk);
    arb_clear(v);
    arb_clear(v1);
    arb_clear(g);
    arb_clear(lo);
    arb_clear(cc);
    arf_clear(s);

    if (hyp == BC_FALSE)
        return BC_FALSE;
    if (hyp == BC_TRUE && roots == BC_TRUE && R->start == BC_TRUE && R->end == BC_TRUE)
        return BC_TRUE;
    return BC_UNDECIDED;
}

void
thm1_rescale_par(arb_ptr par, const thm1_rescale_t R, const thm1_inst_t I, slong i)
{
    slong q, npar = I->N->npar;
    arb_t l, c;

    arb_init(l);
    arb_init(c);
    if (2 * i <= R->n)
    {
        arf_t s;
        arf_init(s);
        grid_s(s, i, R->n);
        arb_set_arf(l, s);
        arf_clear(s);
    }
    else
        arb_one(l);
    thm1_path_par(par, I, l, ARF_PREC_EXACT);
    /* output layer times the double c[i]: exact */
    arb_set_d(c, R->c[i]);
    for (q = I->N->offset[I->N->depth - 1]; q < npar; q++)
        arb_mul(par + q, par + q, c, ARF_PREC_EXACT);
    arb_clear(l);
    arb_clear(c);
}

void
thm1_rescale_loss(arb_t out, const thm1_rescale_t R, const thm1_inst_t I, slong i, slong prec)
{
    slong mk = I->S->m * I->S->k;
    arb_ptr par = _arb_vec_init(I->N->npar), P = _arb_vec_init(mk);

    thm1_rescale_par(par, R, I, i);
    thm1_pred(P, I, par, prec);
    loss_value_arb(out, I->kind, P, I->S, prec);
    _arb_vec_clear(par, I->N->npar);
    _arb_vec_clear(P, mk);
}

truth_t
thm1_rescale_decreasing(slong *bad, slong *maxprec, arb_ptr L, const thm1_rescale_t R, const thm1_inst_t I)
{
    slong i, n = R->n;
    slong *pr = flint_malloc((n + 1) * sizeof(slong));
    truth_t res;

    *maxprec = 128;
    for (i = 0; i <= n; i++)
    {
        pr[i] = 128;
        thm1_rescale_loss(L + i, R, I, i, pr[i]);
    }
    for (i = 0; i < n; i++)
    {
        /* rising precision on overlapping neighbours */
        while (!arb_lt(L + i + 1, L + i) && !arb_ge(L + i + 1, L + i))
        {
            slong p = FLINT_MAX(pr[i], pr[i + 1]) * 2;
            if (p > BC_PREC_MAX)
                break;
            pr[i] = pr[i + 1] = p;
            thm1_rescale_loss(L + i, R, I, i, p);
            thm1_rescale_loss(L + i + 1, R, I, i + 1, p);
            if (p > *maxprec)
                *maxprec = p;
        }
    }
    res = thm1_seq_decreasing(bad, L, n + 1);
    flint_free(pr);
    return res;
}

void
thm1_path_losses(arb_ptr L, const thm1_inst_t I, slong npts, slong prec)
{
    slong j, mk = I->S->m * I->S->k;
    arb_ptr par = _arb_vec_init(I->N->npar), P = _arb_vec_init(mk);
    arb_t l;

    arb_init(l);
    for (j = 0; j <= npts; j++)
    {
        arf_t x;
        arf_init(x);
        dyadic_frac(x, j, npts); /* exact lambda_j = j / npts */
        arb_set_arf(l, x);
        arf_clear(x);
        thm1_path_par(par, I, l, prec);
        thm1_pred(P, I, par, prec);
        loss_value_arb(L + j, I->kind, P, I->S, prec);
    }
    arb_clear(l);
    _arb_vec_clear(par, I->N->npar);
    _arb_vec_clear(P, mk);
}

truth_t
thm1_find_rise(slong *i1, slong *i2, arb_srcptr L, slong len)
{
    slong j, argmin = 0, bi = -1, bj = -1;
    double best = 0.0, mn;

    *i1 = *i2 = -1;
    if (len < 2)
        return BC_FALSE;
    /* choose the pair by midpoints (a search heuristic), then decide it */
    mn = arf_get_d(arb_midref(L), ARF_RND_NEAR);
    for (j = 1; j < len; j++)
    {
        double x = arf_get_d(arb_midref(L + j), ARF_RND_NEAR);
        if (x - mn > best)
        {
            best = x - mn;
            bi = argmin;
            bj = j;
        }
        if (x < mn)
        {
            mn = x;
            argmin = j;
        }
    }
    if (bi >= 0 && arb_lt(L + bi, L + bj))
    {
        *i1 = bi;
        *i2 = bj;
        return BC_TRUE;
    }
    /* any certified adjacent rise will do */
    for (j = 0; j + 1 < len; j++)
        if (arb_lt(L + j, L + j + 1))
        {
            *i1 = j;
            *i2 = j + 1;
            return BC_TRUE;
        }
    for (j = 0; j + 1 < len; j++)
        if (!arb_le(L + j + 1, L + j))
            return BC_UNDECIDED;
    return BC_FALSE;
}

double
thm1_descend(net_t N, loss_kind kind, const data_t S, slong iters)
{
    slong it, q, npar = N->npar;
    double *g = flint_malloc((npar + 1) * sizeof(double));
    double *g2 = flint_malloc((npar + 1) * sizeof(double));
    double *keep = N->par, *trial = flint_malloc((npar + 1) * sizeof(double));
    double eta = 0.05, loss, l2;

    loss = net_loss_grad_d(g, N, kind, S);
    for (it = 0; it < iters; it++)
    {
        for (q = 0; q < npar; q++)
            trial[q] = keep[q] - eta * g[q];
        N->par = trial;
        l2 = net_loss_grad_d(g2, N, kind, S);
        N->par = keep;
        if (isfinite(l2) && l2 <= loss)
        {
            double *tmp;
            memcpy(keep, trial, npar * sizeof(double));
            tmp = g;
            g = g2;
            g2 = tmp;
            loss = l2;
            eta = FLINT_MIN(eta * 1.25, 1.0);
        }
        else
        {
            eta *= 0.5;
            if (eta < 1e-12)
                break;
        }
    }
    flint_free(g);
    flint_free(g2);
    flint_free(trial);
    return loss;
}
