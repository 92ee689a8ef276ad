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

/* The condition decided exactly at the knots lambda = j/K, which the
   bisection below never tests exactly (they are the ends of its
   intervals): 1 when it fails at one, then where is set to it. */
static int
knot_fails(arf_t where, const thm1_inst_t I)
{
    slong j, K = I->nknots - 1, mk = I->S->m * I->S->k;
    arb_ptr P = _arb_vec_init(mk);
    int fails = 0;
    for (j = 0; j <= K && !fails; j++)
    {
        arf_set_si(where, j);
        arf_mul_2exp_si(where, where, -(slong) FLINT_BIT_COUNT(K - 1) * (K > 1));
        thm1_pred_at(P, I, where);
        fails = loss_ray_unbounded(I->kind, P, I->S) == BC_FALSE;
    }
    _arb_vec_clear(P, mk);
    return fails;
}

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
    if (knot_fails(where, I))
    {
        flint_free(stack);
        _arb_vec_clear(par, npar);
        _arb_vec_clear(P, mk);
        return BC_FALSE;
    }
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
/* Exact squared-loss rays                                           */

void
thm1_sq_ray_exact(fmpq_t pp, fmpq_t py, fmpq_t yy, arb_srcptr P, const data_t S)
{
    slong q, n = S->m * S->k;
    fmpq_t p, y;

    fmpq_init(p);
    fmpq_init(y);
    fmpq_zero(pp);
    fmpq_zero(py);
    fmpq_zero(yy);
    for (q = 0; q < n; q++)
    {
        arf_get_fmpq(p, arb_midref(P + q));
        bc_fmpq_set_d(y, S->Y[q]);
        fmpq_addmul(pp, p, p);
        fmpq_addmul(py, p, y);
        fmpq_addmul(yy, y, y);
    }
    fmpq_clear(p);
    fmpq_clear(y);
}

void
thm1_sq_loss_exact(fmpq_t out, arb_srcptr P, const fmpq_t c, const data_t S)
{
    slong q, n = S->m * S->k;
    fmpq_t p, y;

    fmpq_init(p);
    fmpq_init(y);
    fmpq_zero(out);
    for (q = 0; q < n; q++)
    {
        arf_get_fmpq(p, arb_midref(P + q));
        if (c != NULL)
            fmpq_mul(p, p, c);
        bc_fmpq_set_d(y, S->Y[q]);
        fmpq_sub(p, p, y);
        fmpq_addmul(out, p, p);
    }
    fmpq_clear(p);
    fmpq_clear(y);
}

/* 1 when the canonical rational x >= 0 is a square; then r = sqrt(x) */
static int
fmpq_sqrt_exact(fmpq_t r, const fmpq_t x)
{
    if (fmpq_sgn(x) < 0 || !fmpz_is_square(fmpq_numref(x)) || !fmpz_is_square(fmpq_denref(x)))
        return 0;
    fmpz_sqrt(fmpq_numref(r), fmpq_numref(x));
    fmpz_sqrt(fmpq_denref(r), fmpq_denref(x));
    return 1;
}

/* L(c P) against L(P) for the irrational root c = (<p,y> + sqrt(D)) / |p|^2,
   with balls: BC_FALSE when the enclosures separate, else BC_UNDECIDED */
static truth_t
sq_end_irrational(arb_t c, const fmpq_t pp, const fmpq_t py, const fmpq_t D, const fmpq_t mL, arb_srcptr P,
                  const data_t S)
{
    arb_t s, a, L;
    truth_t res;

    arb_init(s);
    arb_init(a);
    arb_init(L);
    arb_set_fmpq(s, D, THM1_PREC);
    arb_sqrtpos(s, s, THM1_PREC);
    arb_set_fmpq(a, py, THM1_PREC);
    arb_add(c, a, s, THM1_PREC);
    arb_set_fmpq(a, pp, THM1_PREC);
    arb_div(c, c, a, THM1_PREC);
    loss_ray_arb(L, LOSS_SQUARED, c, P, S, THM1_PREC);
    arb_set_fmpq(a, mL, THM1_PREC);
    arb_div_si(a, a, S->m, THM1_PREC);
    arb_sub(L, L, a, THM1_PREC);
    res = arb_contains_zero(L) ? BC_UNDECIDED : BC_FALSE;
    arb_clear(s);
    arb_clear(a);
    arb_clear(L);
    return res;
}

truth_t
thm1_sq_ray_end(arb_t c, fmpq_t cq, int *rational, arb_srcptr P, const data_t S, const fmpq_t mT)
{
    slong q, n = S->m * S->k;
    fmpq_t pp, py, yy, D, a, mL, mLc;
    truth_t res;

    *rational = 0;
    arb_indeterminate(c);
    for (q = 0; q < n; q++)
        if (!arb_is_exact(P + q))
            return BC_UNDECIDED;
    fmpq_init(pp);
    fmpq_init(py);
    fmpq_init(yy);
    fmpq_init(D);
    fmpq_init(a);
    fmpq_init(mL);
    fmpq_init(mLc);

    /* m L(c P) = c^2 |p|^2 - 2 c <p,y> + |y|^2 (Sec. B.1: a quadratic);
       its larger root at level T is (<p,y> + sqrt(D)) / |p|^2 with
       D = <p,y>^2 + |p|^2 (m T - |y|^2) */
    thm1_sq_ray_exact(pp, py, yy, P, S);
    fmpq_sub(a, mT, yy);
    fmpq_mul(D, pp, a);
    fmpq_addmul(D, py, py);
    thm1_sq_loss_exact(mL, P, NULL, S);
    if (fmpq_is_zero(pp))
        res = BC_UNDECIDED;
    else if (fmpq_sgn(D) < 0)
        res = BC_FALSE; /* the ray stays below T: no end point */
    else if (fmpq_sqrt_exact(a, D))
    {
        /* a rational root (always at T = L(P), where D = (|p|^2 -
           <p,y>)^2): L(c P) evaluated from the predictions, exactly */
        fmpq_add(cq, py, a);
        fmpq_div(cq, cq, pp);
        *rational = 1;
        arb_set_fmpq(c, cq, THM1_PREC);
        thm1_sq_loss_exact(mLc, P, cq, S);
        res = fmpq_equal(mL, mLc) ? BC_TRUE : BC_FALSE;
    }
    else
        res = sq_end_irrational(c, pp, py, D, mL, P, S);

    fmpq_clear(pp);
    fmpq_clear(py);
    fmpq_clear(yy);
    fmpq_clear(D);
    fmpq_clear(a);
    fmpq_clear(mL);
    fmpq_clear(mLc);
    return res;
}

/* ---------------------------------------------------------------- */
/* The rescaled path                                                 */

void
thm1_v_weight(fmpq_t w, const fmpq_t s)
{
    /* v(s) = (1 - s/3) L0 + (s/3) M on [0, 2] (talk appendix): the
       weight 1/3 keeps v(2) = L0/3 + 2M/3 above M when L0 > M */
    fmpz_t three;
    fmpz_init_set_ui(three, 3);
    fmpq_div_fmpz(w, s, three);
    fmpz_clear(three);
}

void
thm1_rescale_init(thm1_rescale_t R, slong n)
{
    R->n = n;
    R->c = flint_calloc(n + 1, sizeof(double));
    arb_init(R->L0);
    arb_init(R->L1);
    arb_init(R->Lz);
    arb_init(R->M);
    arb_init(R->v1);
    arb_init(R->cend);
    fmpq_init(R->cend_q);
    R->nroot_fail = 0;
    R->hyp = BC_UNDECIDED;
    R->start = BC_UNDECIDED;
    R->end = BC_UNDECIDED;
    R->end_case = 0;
    R->prec = 0;
}

void
thm1_rescale_clear(thm1_rescale_t R)
{
    flint_free(R->c);
    arb_clear(R->L0);
    arb_clear(R->L1);
    arb_clear(R->Lz);
    arb_clear(R->M);
    arb_clear(R->v1);
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

/* v(s) = L0 + w(s) (M - L0) for s in [0, 2] (s exact) */
static void
target_v(arb_t v, const thm1_rescale_t R, const arf_t s, slong prec)
{
    fmpq_t q;
    arb_t w;
    fmpq_init(q);
    arb_init(w);
    arf_get_fmpq(q, s);
    thm1_v_weight(q, q);
    arb_set_fmpq(w, q, prec);
    arb_sub(v, R->M, R->L0, prec);
    arb_mul(v, v, w, prec);
    arb_add(v, v, R->L0, prec);
    fmpq_clear(q);
    arb_clear(w);
}

/* L0, L1, L(0), M = max{L(0), L1} and v(1) from the exact predictions P0,
   P1; decides with balls the hypotheses the targets rely on: L(0) < L0
   (ii) and L1 < L0. */
static truth_t
rescale_setup(thm1_rescale_t R, const thm1_inst_t I, arb_srcptr P0, arb_srcptr P1)
{
    slong prec = THM1_PREC;
    truth_t hyp = BC_TRUE;
    arb_t g;
    arf_t one;

    arb_init(g);
    arf_init(one);
    loss_value_arb(R->L0, I->kind, P0, I->S, prec);
    loss_value_arb(R->L1, I->kind, P1, I->S, prec);
    loss_zero_arb(R->Lz, I->kind, I->S, prec);
    arb_max(R->M, R->Lz, R->L1, prec);
    arf_one(one);
    target_v(R->v1, R, one, prec);

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
    arb_clear(g);
    arf_clear(one);
    return hyp;
}

/* The target of grid point 0 < i < n and the certified lower end lo of
   its root search (f(lo) = L(lo P) - v < 0); sets P to the ray. */
static void
grid_target(arb_t v, arb_t lo, arb_ptr P, const thm1_rescale_t R, const thm1_inst_t I, arb_srcptr P1, slong i)
{
    slong prec = THM1_PREC, mk = I->S->m * I->S->k;
    arf_t s;
    arf_init(s);
    grid_s(s, i, R->n);
    if (2 * i <= R->n)
    {
        /* s in [0, 1]: v(s), f(0) = L(0) - v < 0 */
        thm1_pred_at(P, I, s);
        target_v(v, R, s, prec);
        arb_zero(lo);
    }
    else
    {
        /* s in [1, 2]: along the ray of W(1), the target from v(1) down to
           L1 (the "re-scale back towards W(1)" of B.1); f(1) = L1 - v < 0
           for s < 2 */
        arb_t g;
        arb_init(g);
        _arb_vec_set(P, P1, mk);
        arb_set_arf(g, s);
        arb_sub_ui(g, g, 1, prec);
        arb_sub(v, R->L1, R->v1, prec);
        arb_mul(v, v, g, prec);
        arb_add(v, v, R->v1, prec);
        arb_one(lo);
        arb_clear(g);
    }
    arf_clear(s);
}

/* The factors c~(s_i) of the interior grid points, rounded to doubles;
   BC_TRUE when every one was isolated. */
static truth_t
rescale_roots(thm1_rescale_t R, const thm1_inst_t I, arb_srcptr P1)
{
    slong i, mk = I->S->m * I->S->k;
    arb_ptr P = _arb_vec_init(mk);
    arb_t v, lo, cc;
    truth_t roots = BC_TRUE;

    arb_init(v);
    arb_init(lo);
    arb_init(cc);
    R->nroot_fail = 0;
    R->c[0] = 1.0; /* certified by rescale_start */
    for (i = 1; i < R->n; i++)
    {
        truth_t r;
        grid_target(v, lo, P, R, I, P1, i);
        if (I->kind == LOSS_SQUARED)
            r = thm1_sq_root(cc, P, I->S, v, THM1_PREC);
        else
            r = thm1_ray_root(cc, I->kind, P, I->S, v, lo, THM1_PREC);
        if (r == BC_TRUE)
            R->c[i] = arf_get_d(arb_midref(cc), ARF_RND_NEAR);
        else
        {
            /* keep a usable value; the grid check will judge it */
            R->nroot_fail++;
            R->c[i] = R->c[i - 1];
            roots = BC_UNDECIDED;
        }
    }
    _arb_vec_clear(P, mk);
    arb_clear(v);
    arb_clear(lo);
    arb_clear(cc);
    return roots;
}

/* The start, c~(0) = 1: squared loss, the root at the level L0 is
   rational and decided exactly; cross-entropy, f(c) = L(c P0) - L0 has
   f(1) = 0 exactly and f(0) < 0 by (ii), so by convexity the positive
   root is unique, hence 1. */
static truth_t
rescale_start(const thm1_rescale_t R, const thm1_inst_t I, arb_srcptr P0)
{
    truth_t t;
    if (I->kind == LOSS_SQUARED)
    {
        fmpq_t T, r0;
        arb_t c;
        int rational;
        fmpq_init(T);
        fmpq_init(r0);
        arb_init(c);
        thm1_sq_loss_exact(T, P0, NULL, I->S);
        t = thm1_sq_ray_end(c, r0, &rational, P0, I->S, T);
        if (t == BC_TRUE && !fmpq_is_one(r0))
            t = BC_FALSE; /* cannot happen under (ii) */
        fmpq_clear(T);
        fmpq_clear(r0);
        arb_clear(c);
        return t;
    }
    return R->hyp;
}

typedef struct
{
    arb_t g;
    arb_srcptr P1;
    const data_struct *S;
} slope_ctx;

/* the ray's slope at c = 1: BC_TRUE when >= 0, BC_FALSE when < 0 */
static truth_t
slope_nonnegative(void *vctx, slong prec)
{
    slope_ctx *x = vctx;
    thm1_ray_slope(x->g, LOSS_XENT, x->P1, x->S, prec);
    if (arb_is_nonnegative(x->g))
        return BC_TRUE;
    return arb_is_negative(x->g) ? BC_FALSE : BC_UNDECIDED;
}

typedef struct
{
    arb_ptr c;
    arb_srcptr P1;
    const data_struct *S;
    arb_srcptr L1;
} xend_ctx;

/* Cross-entropy end root when the slope of the ray at c = 1 is negative:
   the largest root of L(cP1) = L1 lies right of 1.  Finds a = 1 + 2^-e
   with L(aP1) < L1 certified, then isolates the root right of a. */
static truth_t
xent_end_root(void *vctx, slong prec)
{
    xend_ctx *x = vctx;
    slong e;
    truth_t res = BC_UNDECIDED;
    arb_t a;
    arf_t t;

    arb_init(a);
    arf_init(t);
    for (e = 1; e < prec - 16; e++)
    {
        arf_one(t);
        arf_mul_2exp_si(t, t, -e);
        arf_add_ui(t, t, 1, ARF_PREC_EXACT, ARF_RND_DOWN);
        if (ray_sign(t, LOSS_XENT, x->P1, x->S, x->L1, prec) == -1)
        {
            arb_set_arf(a, t);
            res = thm1_ray_root(x->c, LOSS_XENT, x->P1, x->S, x->L1, a, prec);
            break;
        }
    }
    arb_clear(a);
    arf_clear(t);
    return res;
}

/* The end: the largest root c_end of L(c P1) = L1 (the module's last
   piece ends there).  Squared loss: the root is rational and the end
   loss is decided exactly; cross-entropy: c_end = 1 when the slope of the
   ray at 1 is decided >= 0, else c_end is isolated right of 1. */
static void
rescale_end(thm1_rescale_t R, const thm1_inst_t I, arb_srcptr P1)
{
    slong n = R->n, reached = 0;
    if (I->kind == LOSS_SQUARED)
    {
        fmpq_t T;
        int rational;
        fmpq_init(T);
        thm1_sq_loss_exact(T, P1, NULL, I->S);
        R->end = thm1_sq_ray_end(R->cend, R->cend_q, &rational, P1, I->S, T);
        if (R->end != BC_UNDECIDED && rational)
            R->end_case = fmpq_is_one(R->cend_q) ? 1 : 2;
        fmpq_clear(T);
    }
    else
    {
        slope_ctx sx;
        truth_t up;
        arb_init(sx.g);
        sx.P1 = P1;
        sx.S = I->S;
        up = bc_decide_prec(&reached, slope_nonnegative, &sx, THM1_PREC);
        arb_clear(sx.g);
        R->prec = FLINT_MAX(R->prec, reached);
        if (up == BC_TRUE)
        {
            /* f'(1) >= 0: c = 1 is on the branch right of the minimiser,
               so it is the largest root; W~(2) = W(1) */
            R->end_case = 1;
            arb_one(R->cend);
            fmpq_one(R->cend_q);
            R->end = BC_TRUE;
        }
        else if (up == BC_FALSE)
        {
            xend_ctx ex = {R->cend, P1, I->S, R->L1};
            R->end_case = 2;
            R->end = bc_decide_prec(&reached, xent_end_root, &ex, THM1_PREC);
            R->prec = FLINT_MAX(R->prec, reached);
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
}

truth_t
thm1_rescale_build(thm1_rescale_t R, const thm1_inst_t I)
{
    slong mk = I->S->m * I->S->k;
    arb_ptr P0 = _arb_vec_init(mk), P1 = _arb_vec_init(mk);
    truth_t roots;
    arf_t s;

    arf_init(s);
    arf_zero(s);
    thm1_pred_at(P0, I, s);
    arf_one(s);
    thm1_pred_at(P1, I, s);
    R->hyp = rescale_setup(R, I, P0, P1);
    roots = rescale_roots(R, I, P1);
    R->start = rescale_start(R, I, P0);
    rescale_end(R, I, P1);
    _arb_vec_clear(P0, mk);
    _arb_vec_clear(P1, mk);
    arf_clear(s);

    if (R->hyp == BC_FALSE)
        return BC_FALSE;
    if (R->hyp == BC_TRUE && roots == BC_TRUE && R->start == BC_TRUE && R->end == BC_TRUE)
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

typedef struct
{
    arb_ptr L;
    slong *pr; /* the precision L[j] was computed at */
    const thm1_rescale_struct *R;
    const thm1_inst_struct *I;
    slong i;
} pair_ctx;

/* L(P(W~(s_{i+1}))) < L(P(W~(s_i))) at precision prec, recomputing the
   two enclosures when they were computed at a lower one */
static truth_t
pair_decreasing(void *vctx, slong prec)
{
    pair_ctx *x = vctx;
    slong j;
    for (j = x->i; j <= x->i + 1; j++)
        if (x->pr[j] < prec)
        {
            thm1_rescale_loss(x->L + j, x->R, x->I, j, prec);
            x->pr[j] = prec;
        }
    if (arb_lt(x->L + x->i + 1, x->L + x->i))
        return BC_TRUE;
    return arb_ge(x->L + x->i + 1, x->L + x->i) ? BC_FALSE : BC_UNDECIDED;
}

truth_t
thm1_rescale_decreasing(slong *bad, slong *maxprec, arb_ptr L, const thm1_rescale_t R, const thm1_inst_t I)
{
    slong i, n = R->n, reached;
    pair_ctx x;
    truth_t res;

    x.L = L;
    x.pr = flint_malloc((n + 1) * sizeof(slong));
    x.R = R;
    x.I = I;
    *maxprec = 128;
    for (i = 0; i <= n; i++)
    {
        x.pr[i] = 128;
        thm1_rescale_loss(L + i, R, I, i, 128);
    }
    /* each pair at rising precision, from the 128 bits computed */
    for (i = 0; i < n; i++)
    {
        x.i = i;
        bc_decide_prec(&reached, pair_decreasing, &x, 128);
        *maxprec = FLINT_MAX(*maxprec, reached);
    }
    res = thm1_seq_decreasing(bad, L, n + 1);
    flint_free(x.pr);
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
