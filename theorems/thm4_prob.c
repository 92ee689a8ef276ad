/* thm4_prob.c -- exact probabilities of B.6's event and of the
   good-basin event under Assumption 1, and the theorem's bound.

   The per-point events "some neuron serves x_t" are not independent
   across points even for orthogonal data: a neuron's output sign b_i is
   shared by every point.  The formulas below are exact (thm4.tex):
   conditioning on the signs for orthogonal data, inclusion-exclusion
   over the unserved points in general.  A tally is tested against them
   by the module's agreement checks (TEST_EQUAL, judged in the run's
   family). */
#include <string.h>

#include "thm4.h"

/* points of a need set whose component has more than this many cannot
   get a closed-form solid angle */
#define MAX_PER_COMPONENT 3
#define MAX_IE_POINTS 20

void
thm4_need_b6(int *need, const fmpq *ybar, slong m)
{
    slong t;
    for (t = 0; t < m; t++)
    {
        int s = fmpq_sgn(ybar + t);
        need[t] = s > 0 ? THM4_NEED_PLUS : (s < 0 ? THM4_NEED_MINUS : THM4_NEED_ANY);
    }
}

void
thm4_need_good(int *need, const fmpq *y, slong m)
{
    slong t;
    for (t = 0; t < m; t++)
    {
        int s = fmpq_sgn(y + t);
        need[t] = s > 0 ? THM4_NEED_PLUS : (s < 0 ? THM4_NEED_MINUS : THM4_NEED_NONE);
    }
}

/* (1 - 2^-k)^e exactly, with 0^0 = 1 */
static void
one_minus_pow2_pow(fmpq_t r, slong k, slong e)
{
    fmpz_t num, den;
    if (e == 0)
    {
        fmpq_one(r);
        return;
    }
    fmpz_init(num);
    fmpz_init(den);
    fmpz_one(den);
    fmpz_mul_2exp(den, den, (ulong) k);
    fmpz_sub_ui(num, den, 1);
    fmpz_pow_ui(num, num, (ulong) e);
    fmpz_pow_ui(den, den, (ulong) e);
    fmpq_set_fmpz_frac(r, num, den);
    fmpz_clear(num);
    fmpz_clear(den);
}

void
thm4_prob_orth(fmpq_t P, const int *need, slong m, slong n)
{
    slong t, j, p = 0, q = 0, r = 0;
    fmpq_t term, f;
    fmpz_t c;

    for (t = 0; t < m; t++)
    {
        p += need[t] == THM4_NEED_PLUS;
        q += need[t] == THM4_NEED_MINUS;
        r += need[t] == THM4_NEED_ANY;
    }
    fmpq_init(term);
    fmpq_init(f);
    fmpz_init(c);
    fmpq_zero(P);
    /* j neurons with v > 0 (probability C(n, j) 2^-n); given the signs,
       the activations are independent fair coins over (neuron, point) */
    for (j = 0; j <= n; j++)
    {
        fmpz_bin_uiui(c, (ulong) n, (ulong) j);
        fmpq_set_fmpz(term, c);
        one_minus_pow2_pow(f, j, p);
        fmpq_mul(term, term, f);
        one_minus_pow2_pow(f, n - j, q);
        fmpq_mul(term, term, f);
        one_minus_pow2_pow(f, n, r);
        fmpq_mul(term, term, f);
        fmpq_add(P, P, term);
    }
    fmpq_div_2exp(P, P, (ulong) n);
    fmpq_clear(term);
    fmpq_clear(f);
    fmpz_clear(c);
}

/* The solid-angle fractions q(T) of a set of points. */
typedef struct
{
    slong k;       /* points */
    slong *pt;     /* their indices in the data */
    slong *comp;   /* their components */
    arb_ptr theta; /* k x k angles between points of one component */
    slong prec;
} qctx;

static int
qctx_init(qctx *Q, const thm4_data_t D, const slong *pts, slong k, slong prec)
{
    slong a, b, j, c;
    fmpq_t g, nn;
    arb_t x;

    /* at most MAX_PER_COMPONENT points of a component */
    for (a = 0; a < k; a++)
    {
        c = 0;
        for (b = 0; b < k; b++)
            c += D->comp[pts[b]] == D->comp[pts[a]];
        if (c > MAX_PER_COMPONENT)
            return 0;
    }
    Q->k = k;
    Q->prec = prec;
    Q->pt = flint_malloc(sizeof(slong) * (size_t) FLINT_MAX(k, 1));
    Q->comp = flint_malloc(sizeof(slong) * (size_t) FLINT_MAX(k, 1));
    Q->theta = _arb_vec_init(FLINT_MAX(k * k, 1));
    fmpq_init(g);
    fmpq_init(nn);
    arb_init(x);
    for (a = 0; a < k; a++)
    {
        Q->pt[a] = pts[a];
        Q->comp[a] = D->comp[pts[a]];
    }
    for (a = 0; a < k; a++)
        for (b = 0; b < k; b++)
        {
            fmpq_t q2;
            if (a == b || Q->comp[a] != Q->comp[b])
                continue;
            /* theta = arccos( <x_s, x_t> / (|x_s| |x_t|) ) */
            fmpq_init(q2);
            fmpq_zero(g);
            fmpq_zero(nn);
            for (j = 0; j < D->d; j++)
                fmpq_addmul(g, fmpq_mat_entry(D->X, pts[a], j), fmpq_mat_entry(D->X, pts[b], j));
            for (j = 0; j < D->d; j++)
                fmpq_addmul(nn, fmpq_mat_entry(D->X, pts[a], j), fmpq_mat_entry(D->X, pts[a], j));
            fmpq_zero(q2);
            for (j = 0; j < D->d; j++)
                fmpq_addmul(q2, fmpq_mat_entry(D->X, pts[b], j), fmpq_mat_entry(D->X, pts[b], j));
            fmpq_mul(nn, nn, q2);
            arb_set_fmpq(x, nn, prec);
            arb_rsqrt(x, x, prec);
            arb_set_fmpq(Q->theta + a * k + b, g, prec);
            arb_mul(x, x, Q->theta + a * k + b, prec);
            arb_acos(Q->theta + a * k + b, x, prec);
            fmpq_clear(q2);
        }
    fmpq_clear(g);
    fmpq_clear(nn);
    arb_clear(x);
    return 1;
}

static void
qctx_clear(qctx *Q)
{
    flint_free(Q->pt);
    flint_free(Q->comp);
    _arb_vec_clear(Q->theta, FLINT_MAX(Q->k * Q->k, 1));
}

/* q(T) for T a bit mask over the k points: the probability that a
   uniformly random direction w has <w, x_t> < 0 (equivalently > 0) for
   every t in T.  Orthogonal components are independent; within one the
   cone {w : <w, x_t> > 0} has solid-angle fraction 1/2, (pi - theta)/(2 pi)
   or (2 pi - sum theta)/(4 pi) (spherical excess of a simplicial cone
   whose dihedral angles are pi - theta_st). */
static void
q_mask(arb_t res, const qctx *Q, ulong T)
{
    slong a, b, c, k = Q->k, prec = Q->prec;
    slong mem[MAX_PER_COMPONENT];
    ulong done = 0;
    arb_t f, pi;

    arb_init(f);
    arb_init(pi);
    arb_const_pi(pi, prec);
    arb_one(res);
    for (a = 0; a < k; a++)
    {
        if (!(T >> a & 1) || (done >> a & 1))
            continue;
        c = 0;
        for (b = a; b < k; b++)
            if ((T >> b & 1) && Q->comp[b] == Q->comp[a])
            {
                mem[c++] = b;
                done |= (ulong) 1 << b;
            }
        if (c == 1)
            arb_set_d(f, 0.5);
        else if (c == 2)
        {
            arb_sub(f, pi, Q->theta + mem[0] * k + mem[1], prec);
            arb_div(f, f, pi, prec);
            arb_mul_2exp_si(f, f, -1);
        }
        else
        {
            arb_mul_2exp_si(f, pi, 1);
            arb_sub(f, f, Q->theta + mem[0] * k + mem[1], prec);
            arb_sub(f, f, Q->theta + mem[0] * k + mem[2], prec);
            arb_sub(f, f, Q->theta + mem[1] * k + mem[2], prec);
            arb_div(f, f, pi, prec);
            arb_mul_2exp_si(f, f, -2);
        }
        arb_mul(res, res, f, prec);
    }
    arb_clear(f);
    arb_clear(pi);
}

int
thm4_prob_ie_arb(arb_t P, const thm4_data_t D, const int *need, slong n, slong prec)
{
    slong t, k = 0, a;
    slong *pts = flint_malloc(sizeof(slong) * (size_t) FLINT_MAX(D->m, 1));
    ulong U, plus = 0, minus = 0;
    qctx Q;
    arb_t r, q1, q2;

    for (t = 0; t < D->m; t++)
        if (need[t] != THM4_NEED_NONE)
            pts[k++] = t;
    if (k > MAX_IE_POINTS || !qctx_init(&Q, D, pts, k, prec))
    {
        flint_free(pts);
        return 0;
    }
    for (a = 0; a < k; a++)
    {
        int nd = need[pts[a]];
        if (nd == THM4_NEED_PLUS || nd == THM4_NEED_ANY)
            plus |= (ulong) 1 << a;
        if (nd == THM4_NEED_MINUS || nd == THM4_NEED_ANY)
            minus |= (ulong) 1 << a;
    }
    arb_init(r);
    arb_init(q1);
    arb_init(q2);
    arb_zero(P);
    /* P[every point served] = sum_U (-1)^|U| P[no neuron serves U]
       = sum_U (-1)^|U| r(U)^n, neurons i.i.d.; a neuron with v > 0
       (prob 1/2) serves none of U iff it is inactive on U's PLUS/ANY
       points, one with v < 0 iff inactive on U's MINUS/ANY points */
    for (U = 0; U < ((ulong) 1 << k); U++)
    {
        q_mask(q1, &Q, U & plus);
        q_mask(q2, &Q, U & minus);
        arb_add(r, q1, q2, prec);
        arb_mul_2exp_si(r, r, -1);
        arb_pow_ui(r, r, (ulong) n, prec);
        if (__builtin_popcountl(U) & 1)
            arb_sub(P, P, r, prec);
        else
            arb_add(P, P, r, prec);
    }
    arb_clear(r);
    arb_clear(q1);
    arb_clear(q2);
    qctx_clear(&Q);
    flint_free(pts);
    return 1;
}

/* width 1: P = (1/2) [S- <= S+] q(Pos) + (1/2) [S+ <= S-] q(Neg) */
static int
prob_good_width1(arb_t P, fmpq_t Pq, int *is_rational, const thm4_data_t D, slong prec)
{
    slong t, m = D->m, kp = 0, kn = 0;
    slong *pp = flint_malloc(sizeof(slong) * (size_t) m), *pn = flint_malloc(sizeof(slong) * (size_t) m);
    fmpq_t sp, sm, q;
    qctx Qp, Qn;
    int ok;
    arb_t a;

    fmpq_init(sp);
    fmpq_init(sm);
    fmpq_init(q);
    for (t = 0; t < m; t++)
    {
        fmpq_mul(q, D->y + t, D->y + t);
        if (fmpq_sgn(D->y + t) > 0)
        {
            fmpq_add(sp, sp, q);
            pp[kp++] = t;
        }
        else if (fmpq_sgn(D->y + t) < 0)
        {
            fmpq_add(sm, sm, q);
            pn[kn++] = t;
        }
    }
    arb_init(a);
    arb_zero(P);
    *is_rational = D->orthogonal;
    fmpq_zero(Pq);
    ok = 1;
    if (fmpq_cmp(sm, sp) <= 0)
    {
        if (D->orthogonal)
        {
            fmpq_one(q);
            fmpq_div_2exp(q, q, (ulong) (kp + 1));
            fmpq_add(Pq, Pq, q);
        }
        else if (kp <= MAX_IE_POINTS && qctx_init(&Qp, D, pp, kp, prec))
        {
            q_mask(a, &Qp, ((ulong) 1 << kp) - 1);
            arb_mul_2exp_si(a, a, -1);
            arb_add(P, P, a, prec);
            qctx_clear(&Qp);
        }
        else
            ok = 0;
    }
    if (fmpq_cmp(sp, sm) <= 0)
    {
        if (D->orthogonal)
        {
            fmpq_one(q);
            fmpq_div_2exp(q, q, (ulong) (kn + 1));
            fmpq_add(Pq, Pq, q);
        }
        else if (kn <= MAX_IE_POINTS && qctx_init(&Qn, D, pn, kn, prec))
        {
            q_mask(a, &Qn, ((ulong) 1 << kn) - 1);
            arb_mul_2exp_si(a, a, -1);
            arb_add(P, P, a, prec);
            qctx_clear(&Qn);
        }
        else
            ok = 0;
    }
    if (D->orthogonal)
        arb_set_fmpq(P, Pq, prec);
    arb_clear(a);
    fmpq_clear(sp);
    fmpq_clear(sm);
    fmpq_clear(q);
    flint_free(pp);
    flint_free(pn);
    return ok;
}

static int
prob_need(arb_t P, fmpq_t Pq, int *is_rational, const thm4_data_t D, const int *need, slong n, slong prec)
{
    if (D->orthogonal)
    {
        thm4_prob_orth(Pq, need, D->m, n);
        arb_set_fmpq(P, Pq, prec);
        *is_rational = 1;
        return 1;
    }
    *is_rational = 0;
    return thm4_prob_ie_arb(P, D, need, n, prec);
}

int
thm4_prob_good(arb_t P, fmpq_t Pq, int *is_rational, const thm4_data_t D, slong n, slong prec)
{
    int *need, ok;
    if (n == 1)
        return prob_good_width1(P, Pq, is_rational, D, prec);
    need = flint_malloc(sizeof(int) * (size_t) D->m);
    thm4_need_good(need, D->y, D->m);
    ok = prob_need(P, Pq, is_rational, D, need, n, prec);
    flint_free(need);
    return ok;
}

int
thm4_prob_b6(arb_t P, fmpq_t Pq, int *is_rational, const thm4_data_t D, slong n, slong prec)
{
    int *need, ok;
    fmpq *ybar = _fmpq_vec_init(D->m);
    fmpq_t alpha;
    fmpq_init(alpha);
    thm4_alpha(alpha, ybar, D, n);
    need = flint_malloc(sizeof(int) * (size_t) D->m);
    thm4_need_b6(need, ybar, D->m);
    ok = prob_need(P, Pq, is_rational, D, need, n, prec);
    flint_free(need);
    _fmpq_vec_clear(ybar, D->m);
    fmpq_clear(alpha);
    return ok;
}

void
thm4_bound(fmpq_t b, const fmpq_t c, slong m, slong n)
{
    fmpq_t p;
    fmpq_init(p);
    fmpq_pow_si(p, c, n);
    fmpq_mul_si(p, p, m);
    fmpq_one(b);
    fmpq_sub(b, b, p);
    fmpq_clear(p);
}
