/* thm3_witness.c -- Theorem 3, proof B.5: p_eps and the width, the
   exact cap decisions of Lemma 7 (on U = span(x_t)), the sequential
   reading of "well-initialised", and the rescaled witness. */
#include <string.h>

#include <flint/fmpq_vec.h>

#include "sphere.h"
#include "thm3.h"

void
thm3_peps(arb_t res, const thm3_inst_t I, slong prec)
{
    sphere_chord_prob_lower(res, (ulong) I->r, I->rho, prec);
}

void
thm3_capprob(arb_t res, const thm3_inst_t I, slong prec)
{
    sphere_chord_prob(res, (ulong) I->r, I->rho, prec);
}

ulong
thm3_width_rho(ulong r, const fmpq_t rho, ulong n, ulong c2, ulong mult, ulong maxN)
{
    slong prec;
    arb_t p, t;
    arf_t lo, hi;
    fmpz_t a, b;
    ulong N = 0;
    int done = 0;

    arb_init(p);
    arb_init(t);
    arf_init(lo);
    arf_init(hi);
    fmpz_init(a);
    fmpz_init(b);
    for (prec = 64; prec <= BC_PREC_MAX && !done; prec *= 2)
    {
        sphere_chord_prob_lower(p, r, rho, prec);
        arb_mul_ui(p, p, mult, prec);
        if (!arb_is_positive(p))
            continue;
        arb_ui_div(t, n, p, prec);
        arb_get_lbound_arf(lo, t, prec);
        arb_get_ubound_arf(hi, t, prec);
        arf_get_fmpz(a, lo, ARF_RND_FLOOR);
        arf_get_fmpz(b, hi, ARF_RND_FLOOR);
        /* ceil(n / p) = a + 1 when a < lo <= hi < a + 1 */
        if (fmpz_equal(a, b) && !arf_is_int(lo))
        {
            done = 1;
            fmpz_add_ui(a, a, 1);
            /* N = ceil(c2 * a / 2) */
            fmpz_mul_ui(a, a, c2);
            fmpz_cdiv_q_2exp(a, a, 1);
            if (fmpz_cmp_ui(a, maxN) <= 0)
                N = fmpz_get_ui(a);
        }
    }
    arb_clear(p);
    arb_clear(t);
    arf_clear(lo);
    arf_clear(hi);
    fmpz_clear(a);
    fmpz_clear(b);
    return N;
}

ulong
thm3_width(const thm3_inst_t I, ulong c2, ulong maxN)
{
    return thm3_width_rho((ulong) I->r, I->rho, (ulong) I->n, c2, 1, maxN);
}

void
thm3_proj(arb_ptr y, arb_t pn, const thm3_inst_t I, const double *w)
{
    slong k, i;
    arb_t t;
    fmpz_t q;
    arb_init(t);
    fmpz_init(q);
    arb_zero(pn);
    for (k = 0; k < I->r; k++)
    {
        arb_zero(y + k);
        for (i = 0; i < I->d; i++)
        {
            const fmpz *b = fmpz_mat_entry(I->basis, k, i);
            if (fmpz_is_zero(b))
                continue;
            arb_set_d(t, w[i]);
            arb_addmul_fmpz(y + k, t, b, ARF_PREC_EXACT);
        }
        /* G |P_U w|^2 = sum_k (G / g_k) y_k^2 */
        fmpz_divexact(q, I->G, I->g + k);
        arb_sqr(t, y + k, ARF_PREC_EXACT);
        arb_addmul_fmpz(pn, t, q, ARF_PREC_EXACT);
    }
    arb_clear(t);
    fmpz_clear(q);
}

/* The cap test with Pn = G |z|^2 for z = P_U w (or w itself):
   angle(z, u_j) <= theta  <=>  <z, u_j> >= kappa |z| |u_j|.
   With A = bden_j <w, u_j> (= bden_j <P_U w, u_j>), and both sides
   scaled by positive integers: kappa >= 0: A >= 0 and A^2 Lc >= Pn Rc;
   kappa < 0: A >= 0 or A^2 Lc <= Pn Rc.  All exact (dyadic balls at
   ARF_PREC_EXACT). */
static int
cap_test(const thm3_inst_t I, slong j, arb_srcptr y, const arb_t pn)
{
    slong k;
    arb_t A, lhs, rhs;
    int in;
    if (fmpq_is_zero(I->unorm2 + j) || arb_is_zero(pn))
        return 0;
    arb_init(A);
    arb_init(lhs);
    arb_init(rhs);
    for (k = 0; k < I->r; k++)
        arb_addmul_fmpz(A, y + k, fmpz_mat_entry(I->bnum, j, k), ARF_PREC_EXACT);
    arb_sqr(lhs, A, ARF_PREC_EXACT);
    arb_mul_fmpz(lhs, lhs, I->Lc + j, ARF_PREC_EXACT);
    arb_mul_fmpz(rhs, pn, I->Rc + j, ARF_PREC_EXACT);
    if (fmpz_sgn(I->kn) >= 0)
        in = arb_is_nonnegative(A) && arb_ge(lhs, rhs);
    else
        in = arb_is_nonnegative(A) || arb_le(lhs, rhs);
    arb_clear(A);
    arb_clear(lhs);
    arb_clear(rhs);
    return in;
}

int
thm3_cap(const thm3_inst_t I, slong j, arb_srcptr y, const arb_t pn)
{
    return cap_test(I, j, y, pn);
}

int
thm3_cap_full(const thm3_inst_t I, slong j, arb_srcptr y, const double *w)
{
    slong i;
    arb_t pn, t;
    int in;
    arb_init(pn);
    arb_init(t);
    for (i = 0; i < I->d; i++)
    {
        arb_set_d(t, w[i]);
        arb_addmul(pn, t, t, ARF_PREC_EXACT);
    }
    arb_mul_fmpz(pn, pn, I->G, ARF_PREC_EXACT);
    in = cap_test(I, j, y, pn);
    arb_clear(pn);
    arb_clear(t);
    return in;
}

static int
sgn_d(double x)
{
    return (x > 0) - (x < 0);
}

static int
live(const thm3_inst_t I, slong j)
{
    return I->vsign[j] != 0 && !fmpq_is_zero(I->unorm2 + j);
}

slong
thm3_match(slong *match, const thm3_inst_t I, const double *W, const double *v, slong N)
{
    slong i, j = 0, got = 0;
    arb_ptr y = _arb_vec_init(I->r);
    arb_t pn;
    arb_init(pn);
    for (j = 0; j < I->n; j++)
        match[j] = -1;
    j = 0;
    for (i = 0; i < N; i++)
    {
        while (j < I->n && !live(I, j))
            j++;
        if (j >= I->n)
            break;
        /* the sign first: same event, cheaper */
        if (sgn_d(v[i]) != I->vsign[j])
            continue;
        thm3_proj(y, pn, I, W + i * I->d);
        if (cap_test(I, j, y, pn))
        {
            match[j] = i;
            got++;
            j++;
        }
    }
    arb_clear(pn);
    _arb_vec_clear(y, I->r);
    return got;
}

void
thm3_witness_init(thm3_witness_t Wt, slong n)
{
    Wt->closure = 0;
    Wt->ok = 0;
    fmpq_init(Wt->obj);
    Wt->s = _fmpq_vec_init(n);
}

void
thm3_witness_clear(thm3_witness_t Wt, slong n)
{
    fmpq_clear(Wt->obj);
    _fmpq_vec_clear(Wt->s, n);
}

void
thm3_witness(thm3_witness_t Wt, const thm3_inst_t I, const double *W, const double *v, slong N,
             const slong *match)
{
    slong j, t, i, m = I->m, d = I->d;
    fmpq *pred = _fmpq_vec_init(m);
    fmpq *wq = _fmpq_vec_init(d);
    fmpq_t a, b;
    arb_ptr y = _arb_vec_init(I->r);
    arb_t pn, s, u;
    arf_t mid;
    int closure = 1;

    (void) N;
    fmpq_init(a);
    fmpq_init(b);
    arb_init(pn);
    arb_init(s);
    arb_init(u);
    arf_init(mid);
    for (j = 0; j < I->n; j++)
    {
        fmpq_zero(Wt->s + j);
        if (match[j] < 0)
            continue;
        i = match[j];
        /* s_j ~ |v_j*| ||u_j|| / ||P_U w_i||, ||P_U w_i||^2 = Pn / G: a
           positive dyadic rational (the midpoint of a 128-bit enclosure) */
        thm3_proj(y, pn, I, W + i * d);
        arb_set_fmpq(u, I->unorm2 + j, 128);
        arb_mul_fmpz(u, u, I->G, 128);
        arb_div(u, u, pn, 128);
        arb_sqrt(s, u, 128);
        fmpq_abs(a, I->v + j);
        arb_set_fmpq(u, a, 128);
        arb_mul(s, s, u, 128);
        arf_set_round(mid, arb_midref(s), 64, ARF_RND_NEAR);
        arf_get_fmpq(Wt->s + j, mid);
        if (fmpq_sgn(Wt->s + j) <= 0)
            closure = 0;
        /* v'_i = sign(v_j*) must have the sign b_i of v_i (or be 0) */
        if (sgn_d(v[i]) * I->vsign[j] < 0)
            closure = 0;
        for (t = 0; t < d; t++)
            bc_fmpq_set_d(wq + t, W[i * d + t]);
        for (t = 0; t < m; t++)
        {
            slong k;
            fmpq_zero(a);
            for (k = 0; k < d; k++)
                fmpq_addmul(a, wq + k, fmpq_mat_entry(I->X, t, k));
            /* a_{i,t} <w'_i, x_t> = sign(a) s_j a >= 0, decided exactly */
            fmpq_mul(b, a, Wt->s + j);
            if (fmpq_sgn(b) * fmpq_sgn(a) < 0)
                closure = 0;
            if (fmpq_sgn(b) > 0)
            {
                if (I->vsign[j] > 0)
                    fmpq_add(pred + t, pred + t, b);
                else
                    fmpq_sub(pred + t, pred + t, b);
            }
        }
    }
    fmpq_zero(b);
    for (t = 0; t < m; t++)
    {
        fmpq_sub(a, pred + t, I->y + t);
        fmpq_mul(a, a, a);
        fmpq_add(b, b, a);
    }
    thm3_qdiv_si(b, m);
    fmpq_set(Wt->obj, b);
    Wt->closure = closure;
    Wt->ok = closure && fmpq_cmp(Wt->obj, I->eps) <= 0;
    _fmpq_vec_clear(pred, m);
    _fmpq_vec_clear(wq, d);
    fmpq_clear(a);
    fmpq_clear(b);
    arb_clear(pn);
    arb_clear(s);
    arb_clear(u);
    arf_clear(mid);
    _arb_vec_clear(y, I->r);
}
