/* pop_pair.c -- one pair (u, v) of the arc-cosine kernel: its kind
   (decided exactly for exact input), f, and the pieces g, h1, h2 of the
   objective's derivatives, with the degenerate pairs handled by the rules
   of pop.h. */
#include "pop.h"

void
_pop_pair_init(_pop_pair_struct *P, slong d)
{
    P->kind = POP_PAIR_GENERIC;
    P->d = d;
    arb_init(P->nu2);
    arb_init(P->nv2);
    arb_init(P->c);
    arb_init(P->S);
    arb_init(P->theta);
    arb_init(P->pmt);
    P->a = _arb_vec_init(d);
    P->b = _arb_vec_init(d);
}

void
_pop_pair_clear(_pop_pair_struct *P)
{
    arb_clear(P->nu2);
    arb_clear(P->nv2);
    arb_clear(P->c);
    arb_clear(P->S);
    arb_clear(P->theta);
    arb_clear(P->pmt);
    _arb_vec_clear(P->a, P->d);
    _arb_vec_clear(P->b, P->d);
}

static int
vec_is_exact(arb_srcptr u, slong d)
{
    slong i;
    for (i = 0; i < d; i++)
        if (!arb_is_exact(u + i))
            return 0;
    return 1;
}

/* The minors m_ab = u_a v_b - u_b v_a (a < b), S^2 = sum m_ab^2 and the
   vectors a = -M u, b = M v, exactly (every input exact: arf arithmetic
   without rounding; the results are exact balls). */
static void
minors_exact(arb_t s2, arb_ptr A, arb_ptr B, arb_srcptr u, arb_srcptr v, slong d)
{
    slong i, j;
    arf_t m, t, acc;
    arf_struct *Ae, *Be;
    arf_init(m);
    arf_init(t);
    arf_init(acc);
    Ae = flint_malloc(sizeof(arf_struct) * d);
    Be = flint_malloc(sizeof(arf_struct) * d);
    for (i = 0; i < d; i++)
    {
        arf_init(Ae + i);
        arf_init(Be + i);
    }
    for (i = 0; i < d; i++)
        for (j = i + 1; j < d; j++)
        {
            arf_mul(m, arb_midref(u + i), arb_midref(v + j), ARF_PREC_EXACT, ARF_RND_DOWN);
            arf_mul(t, arb_midref(u + j), arb_midref(v + i), ARF_PREC_EXACT, ARF_RND_DOWN);
            arf_sub(m, m, t, ARF_PREC_EXACT, ARF_RND_DOWN);
            if (arf_is_zero(m))
                continue;
            arf_mul(t, m, m, ARF_PREC_EXACT, ARF_RND_DOWN);
            arf_add(acc, acc, t, ARF_PREC_EXACT, ARF_RND_DOWN);
            /* a_j += u_i m_ij, a_i -= u_j m_ij; b_i += m_ij v_j, b_j -= m_ij v_i */
            arf_mul(t, arb_midref(u + i), m, ARF_PREC_EXACT, ARF_RND_DOWN);
            arf_add(Ae + j, Ae + j, t, ARF_PREC_EXACT, ARF_RND_DOWN);
            arf_mul(t, arb_midref(u + j), m, ARF_PREC_EXACT, ARF_RND_DOWN);
            arf_sub(Ae + i, Ae + i, t, ARF_PREC_EXACT, ARF_RND_DOWN);
            arf_mul(t, arb_midref(v + j), m, ARF_PREC_EXACT, ARF_RND_DOWN);
            arf_add(Be + i, Be + i, t, ARF_PREC_EXACT, ARF_RND_DOWN);
            arf_mul(t, arb_midref(v + i), m, ARF_PREC_EXACT, ARF_RND_DOWN);
            arf_sub(Be + j, Be + j, t, ARF_PREC_EXACT, ARF_RND_DOWN);
        }
    arb_set_arf(s2, acc);
    for (i = 0; i < d; i++)
    {
        arb_set_arf(A + i, Ae + i);
        arb_set_arf(B + i, Be + i);
    }
    for (i = 0; i < d; i++)
    {
        arf_clear(Ae + i);
        arf_clear(Be + i);
    }
    flint_free(Ae);
    flint_free(Be);
    arf_clear(m);
    arf_clear(t);
    arf_clear(acc);
}

/* The same in ball arithmetic at prec (inputs with radii). */
static void
minors_ball(arb_t s2, arb_ptr A, arb_ptr B, arb_srcptr u, arb_srcptr v, slong d, slong prec)
{
    slong i, j;
    arb_t m;
    arb_init(m);
    arb_zero(s2);
    _arb_vec_zero(A, d);
    _arb_vec_zero(B, d);
    for (i = 0; i < d; i++)
        for (j = i + 1; j < d; j++)
        {
            arb_mul(m, u + i, v + j, prec);
            arb_submul(m, u + j, v + i, prec);
            arb_addmul(s2, m, m, prec);
            arb_addmul(A + j, u + i, m, prec);
            arb_submul(A + i, u + j, m, prec);
            arb_addmul(B + i, v + j, m, prec);
            arb_submul(B + j, v + i, m, prec);
        }
    arb_clear(m);
}

/* c = <u, v> exactly (exact input). */
static void
dot_exact(arb_t c, arb_srcptr u, arb_srcptr v, slong d)
{
    slong i;
    arf_t acc, t;
    arf_init(acc);
    arf_init(t);
    for (i = 0; i < d; i++)
    {
        arf_mul(t, arb_midref(u + i), arb_midref(v + i), ARF_PREC_EXACT, ARF_RND_DOWN);
        arf_add(acc, acc, t, ARF_PREC_EXACT, ARF_RND_DOWN);
    }
    arb_set_arf(c, acc);
    arf_clear(acc);
    arf_clear(t);
}

void
_pop_pair_set(_pop_pair_struct *P, arb_srcptr u, arb_srcptr v, const arb_t pi, slong prec)
{
    slong d = P->d;
    int exact;
    arb_t s2, t;

    arb_dot(P->nu2, NULL, 0, u, 1, u, 1, d, prec);
    arb_dot(P->nv2, NULL, 0, v, 1, v, 1, d, prec);
    arb_dot(P->c, NULL, 0, u, 1, v, 1, d, prec);
    if (arb_contains_zero(P->nu2) || arb_contains_zero(P->nv2))
    {
        P->kind = POP_PAIR_ZERO;
        return;
    }
    arb_init(s2);
    arb_init(t);
    exact = vec_is_exact(u, d) && vec_is_exact(v, d);
    if (exact)
        minors_exact(s2, P->a, P->b, u, v, d);
    else
        minors_ball(s2, P->a, P->b, u, v, d, prec);

    if (exact && arb_is_zero(s2))
    {
        /* parallel or antiparallel, decided exactly: c = +-|u||v| != 0 */
        dot_exact(P->c, u, v, d);
        arb_zero(P->S);
        if (arb_is_positive(P->c))
        {
            P->kind = POP_PAIR_PARALLEL;
            arb_zero(P->theta);
            arb_set(P->pmt, pi);
        }
        else
        {
            P->kind = POP_PAIR_ANTIPARALLEL;
            arb_set(P->theta, pi);
            arb_zero(P->pmt);
        }
        arb_clear(s2);
        arb_clear(t);
        return;
    }
    P->kind = arb_contains_zero(s2) ? POP_PAIR_STRADDLE : POP_PAIR_GENERIC;
    arb_sqrtpos(P->S, s2, prec);

    if (arb_is_positive(P->c))
    {
        arb_div(t, P->S, P->c, prec);
        arb_atan(P->theta, t, prec);
        arb_sub(P->pmt, pi, P->theta, prec);
    }
    else if (arb_is_negative(P->c))
    {
        arb_div(t, P->S, P->c, prec);
        arb_neg(t, t);
        arb_atan(P->pmt, t, prec);
        arb_sub(P->theta, pi, P->pmt, prec);
    }
    else if (arb_is_positive(P->S))
    {
        arb_div(t, P->c, P->S, prec);
        arb_atan(t, t, prec);
        arb_mul_2exp_si(P->theta, pi, -1);
        arb_sub(P->theta, P->theta, t, prec);
        arb_sub(P->pmt, pi, P->theta, prec);
    }
    else
    {
        /* c and S both meet 0 while |u|, |v| do not: too wide to place
           the angle; every angle in [0, pi] is enclosed. */
        arf_t lo;
        arf_init(lo);
        arb_set_interval_arf(P->theta, lo, arb_midref(pi), prec);
        arb_add_error_mag(P->theta, arb_radref(pi));
        arb_sub(P->pmt, pi, P->theta, prec);
        arf_clear(lo);
    }
    arb_clear(s2);
    arb_clear(t);
}

static int
kind_flag(int kind)
{
    switch (kind)
    {
    case POP_PAIR_PARALLEL:
    case POP_PAIR_ANTIPARALLEL:
        return POP_DEGENERATE;
    case POP_PAIR_STRADDLE:
        return POP_STRADDLE;
    case POP_PAIR_ZERO:
        return POP_ZERO;
    default:
        return 0;
    }
}

int
_pop_pair_f(arb_t res, const _pop_pair_struct *P, const arb_t inv2pi, slong prec)
{
    switch (P->kind)
    {
    case POP_PAIR_PARALLEL:
        arb_mul_2exp_si(res, P->c, -1);
        break;
    case POP_PAIR_ANTIPARALLEL:
        arb_zero(res);
        break;
    case POP_PAIR_ZERO:
        if (arb_is_zero(P->nu2) || arb_is_zero(P->nv2))
            arb_zero(res);
        else
        {
            /* 0 <= f <= |u||v| / 2 */
            arb_t m;
            arf_t lo, hi;
            arb_init(m);
            arf_init(lo);
            arf_init(hi);
            arb_mul(m, P->nu2, P->nv2, prec);
            arb_sqrtpos(m, m, prec);
            arb_mul_2exp_si(m, m, -1);
            arb_get_ubound_arf(hi, m, prec);
            arb_set_interval_arf(res, lo, hi, prec);
            arb_clear(m);
            arf_clear(lo);
            arf_clear(hi);
        }
        break;
    default:
        arb_mul(res, P->pmt, P->c, prec);
        arb_add(res, res, P->S, prec);
        arb_mul(res, res, inv2pi, prec);
    }
    return kind_flag(P->kind);
}

int
_pop_pair_g(arb_ptr g, const _pop_pair_struct *P, arb_srcptr u, arb_srcptr v, const arb_t inv2pi, slong prec)
{
    slong i, d = P->d;
    arb_t su, sv;
    switch (P->kind)
    {
    case POP_PAIR_PARALLEL:
        _arb_vec_scalar_mul_2exp_si(g, v, d, -1);
        break;
    case POP_PAIR_ANTIPARALLEL:
        _arb_vec_zero(g, d);
        break;
    case POP_PAIR_ZERO:
        _arb_vec_indeterminate(g, d);
        break;
    default:
        arb_init(su);
        arb_init(sv);
        arb_div(su, P->S, P->nu2, prec);
        arb_mul(su, su, inv2pi, prec);
        arb_mul(sv, P->pmt, inv2pi, prec);
        for (i = 0; i < d; i++)
        {
            arb_mul(g + i, su, u + i, prec);
            arb_addmul(g + i, sv, v + i, prec);
        }
        arb_clear(su);
        arb_clear(sv);
    }
    return kind_flag(P->kind);
}

/* Adds [-e, e] to every entry of the d x d matrix H. */
static void
add_error_all(arb_mat_t H, const mag_t e)
{
    slong i, j;
    for (i = 0; i < arb_mat_nrows(H); i++)
        for (j = 0; j < arb_mat_ncols(H); j++)
            arb_add_error_mag(arb_mat_entry(H, i, j), e);
}

int
_pop_pair_h1(arb_mat_t H, const _pop_pair_struct *P, arb_srcptr u, const arb_t inv2pi, slong prec)
{
    slong i, j, d = P->d;
    arb_t kap, kn, ga, t;
    switch (P->kind)
    {
    case POP_PAIR_PARALLEL:
    case POP_PAIR_ANTIPARALLEL:
        arb_mat_zero(H);
        return POP_DEGENERATE;
    case POP_PAIR_ZERO:
        arb_mat_indeterminate(H);
        return POP_ZERO;
    default:
        break;
    }
    arb_init(kap);
    arb_init(kn);
    arb_init(ga);
    arb_init(t);
    /* kap = S / (2 pi |u|^2), kn = kap / |u|^2 */
    arb_div(kap, P->S, P->nu2, prec);
    arb_mul(kap, kap, inv2pi, prec);
    arb_div(kn, kap, P->nu2, prec);
    if (P->kind == POP_PAIR_GENERIC)
    {
        /* ga = 1 / (2 pi |u|^4 S) */
        arb_mul(ga, P->nu2, P->nu2, prec);
        arb_mul(ga, ga, P->S, prec);
        arb_div(ga, inv2pi, ga, prec);
    }
    for (i = 0; i < d; i++)
        for (j = i; j < d; j++)
        {
            arb_ptr h = arb_mat_entry(H, i, j);
            arb_mul(h, u + i, u + j, prec);
            arb_mul(h, h, kn, prec);
            arb_neg(h, h);
            if (i == j)
                arb_add(h, h, kap, prec);
            if (P->kind == POP_PAIR_GENERIC)
            {
                arb_mul(t, P->a + i, P->a + j, prec);
                arb_addmul(h, t, ga, prec);
            }
            if (j > i)
                arb_set(arb_mat_entry(H, j, i), h);
        }
    if (P->kind == POP_PAIR_STRADDLE)
    {
        /* a a^T / (2 pi |u|^4 S): PSD with trace kap, entries in [-kap, kap] */
        mag_t e;
        mag_init(e);
        arb_get_mag(e, kap);
        add_error_all(H, e);
        mag_clear(e);
    }
    arb_clear(kap);
    arb_clear(kn);
    arb_clear(ga);
    arb_clear(t);
    return kind_flag(P->kind);
}

int
_pop_pair_h2(arb_mat_t H, const _pop_pair_struct *P, arb_srcptr u, arb_srcptr v, const arb_t inv2pi,
             slong prec)
{
    slong i, j, d = P->d;
    arb_t dg, be, ga, nn, t;
    switch (P->kind)
    {
    case POP_PAIR_PARALLEL:
        arb_mat_one(H);
        arb_mat_scalar_mul_2exp_si(H, H, -1);
        return POP_DEGENERATE;
    case POP_PAIR_ANTIPARALLEL:
        arb_mat_zero(H);
        return POP_DEGENERATE;
    case POP_PAIR_ZERO:
        arb_mat_indeterminate(H);
        return POP_ZERO;
    default:
        break;
    }
    arb_init(dg);
    arb_init(be);
    arb_init(ga);
    arb_init(nn);
    arb_init(t);
    arb_mul(dg, P->pmt, inv2pi, prec);
    arb_mul(nn, P->nu2, P->nv2, prec);
    /* be = S / (2 pi |u|^2 |v|^2), ga = 1 / (2 pi |u|^2 |v|^2 S) */
    arb_div(be, P->S, nn, prec);
    arb_mul(be, be, inv2pi, prec);
    if (P->kind == POP_PAIR_GENERIC)
    {
        arb_mul(ga, nn, P->S, prec);
        arb_div(ga, inv2pi, ga, prec);
    }
    for (i = 0; i < d; i++)
        for (j = 0; j < d; j++)
        {
            arb_ptr h = arb_mat_entry(H, i, j);
            arb_mul(h, u + i, v + j, prec);
            arb_mul(h, h, be, prec);
            if (i == j)
                arb_add(h, h, dg, prec);
            if (P->kind == POP_PAIR_GENERIC)
            {
                arb_mul(t, P->a + i, P->b + j, prec);
                arb_addmul(h, t, ga, prec);
            }
        }
    if (P->kind == POP_PAIR_STRADDLE)
    {
        /* a b^T / (2 pi |u|^2 |v|^2 S): entries at most sin(theta) / (2 pi) */
        mag_t e;
        mag_init(e);
        arb_sqrtpos(t, nn, prec);
        arb_div(t, P->S, t, prec);
        arb_mul(t, t, inv2pi, prec);
        arb_get_mag(e, t);
        add_error_all(H, e);
        mag_clear(e);
    }
    arb_clear(dg);
    arb_clear(be);
    arb_clear(ga);
    arb_clear(nn);
    arb_clear(t);
    return kind_flag(P->kind);
}

/* ---- the public single-pair functions ---- */

static void
consts(arb_t pi, arb_t inv2pi, slong prec)
{
    arb_const_pi(pi, prec);
    arb_mul_2exp_si(inv2pi, pi, 1);
    arb_inv(inv2pi, inv2pi, prec);
}

int
pop_pair_kind(arb_srcptr u, arb_srcptr v, slong d, slong prec)
{
    _pop_pair_struct P;
    arb_t pi;
    int k;
    arb_init(pi);
    arb_const_pi(pi, prec);
    _pop_pair_init(&P, d);
    _pop_pair_set(&P, u, v, pi, prec);
    k = P.kind;
    _pop_pair_clear(&P);
    arb_clear(pi);
    return k;
}

int
pop_pair_kind_fmpq(const fmpq *u, const fmpq *v, slong d)
{
    slong i, j;
    int zu = 1, zv = 1, par = 1, kind;
    fmpq_t m, t;
    for (i = 0; i < d; i++)
    {
        zu = zu && fmpq_is_zero(u + i);
        zv = zv && fmpq_is_zero(v + i);
    }
    if (zu || zv)
        return POP_PAIR_ZERO;
    fmpq_init(m);
    fmpq_init(t);
    for (i = 0; i < d && par; i++)
        for (j = i + 1; j < d && par; j++)
        {
            fmpq_mul(m, u + i, v + j);
            fmpq_mul(t, u + j, v + i);
            par = fmpq_equal(m, t);
        }
    if (!par)
        kind = POP_PAIR_GENERIC;
    else
    {
        fmpq_zero(m);
        for (i = 0; i < d; i++)
            fmpq_addmul(m, u + i, v + i);
        kind = fmpq_sgn(m) > 0 ? POP_PAIR_PARALLEL : POP_PAIR_ANTIPARALLEL;
    }
    fmpq_clear(m);
    fmpq_clear(t);
    return kind;
}

int
pop_kernel(arb_t res, arb_srcptr u, arb_srcptr v, slong d, slong prec)
{
    _pop_pair_struct P;
    arb_t pi, inv2pi;
    int fl;
    arb_init(pi);
    arb_init(inv2pi);
    consts(pi, inv2pi, prec);
    _pop_pair_init(&P, d);
    _pop_pair_set(&P, u, v, pi, prec);
    fl = _pop_pair_f(res, &P, inv2pi, prec);
    _pop_pair_clear(&P);
    arb_clear(pi);
    arb_clear(inv2pi);
    return fl;
}

int
pop_kernel_grad(arb_ptr g, arb_srcptr u, arb_srcptr v, slong d, slong prec)
{
    _pop_pair_struct P;
    arb_t pi, inv2pi;
    int fl;
    arb_init(pi);
    arb_init(inv2pi);
    consts(pi, inv2pi, prec);
    _pop_pair_init(&P, d);
    _pop_pair_set(&P, u, v, pi, prec);
    fl = _pop_pair_g(g, &P, u, v, inv2pi, prec);
    _pop_pair_clear(&P);
    arb_clear(pi);
    arb_clear(inv2pi);
    return fl;
}

int
pop_kernel_h1(arb_mat_t H, arb_srcptr u, arb_srcptr v, slong d, slong prec)
{
    _pop_pair_struct P;
    arb_t pi, inv2pi;
    int fl;
    arb_init(pi);
    arb_init(inv2pi);
    consts(pi, inv2pi, prec);
    _pop_pair_init(&P, d);
    _pop_pair_set(&P, u, v, pi, prec);
    fl = _pop_pair_h1(H, &P, u, inv2pi, prec);
    _pop_pair_clear(&P);
    arb_clear(pi);
    arb_clear(inv2pi);
    return fl;
}

int
pop_kernel_h2(arb_mat_t H, arb_srcptr u, arb_srcptr v, slong d, slong prec)
{
    _pop_pair_struct P;
    arb_t pi, inv2pi;
    int fl;
    arb_init(pi);
    arb_init(inv2pi);
    consts(pi, inv2pi, prec);
    _pop_pair_init(&P, d);
    _pop_pair_set(&P, u, v, pi, prec);
    fl = _pop_pair_h2(H, &P, u, v, inv2pi, prec);
    _pop_pair_clear(&P);
    arb_clear(pi);
    arb_clear(inv2pi);
    return fl;
}
