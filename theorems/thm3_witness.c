/* thm3_witness.c -- Theorem 3, proof B.5: p_eps and the width, the
   exact cap decisions of Lemma 7 (on U = span(x_t)), the sequential
   reading of "well-initialised", the rescaled witness, and the cover
   bound of the rank-2 regime. */
#include <string.h>

#include <flint/fmpq_vec.h>

#include "sphere.h"
#include "thm3.h"

void
thm3_peps_rho(arb_t res, ulong r, const fmpq_t rho, ulong mult, slong prec)
{
    sphere_chord_prob_lower(res, r, rho, prec);
    arb_mul_ui(res, res, mult, prec);
}

void
thm3_peps(arb_t res, const thm3_inst_t I, slong prec)
{
    thm3_peps_rho(res, (ulong) I->r, I->rho, 1, prec);
}

void
thm3_capprob(arb_t res, const thm3_inst_t I, slong prec)
{
    sphere_chord_prob(res, (ulong) I->r, I->rho, prec);
}

typedef struct
{
    ulong r, n, mult;
    const fmpq *rho;
    fmpz_t a; /* ceil(n / (mult p_eps)) once decided */
} width_ctx;

/* ceil(n / p) is decided when a < n/p < a + 1 for an integer a: the
   enclosure's ends have the same floor and the lower end is not an
   integer */
static truth_t
width_decide(void *vctx, slong prec)
{
    width_ctx *C = vctx;
    arb_t p, t;
    arf_t lo, hi;
    fmpz_t b;
    truth_t res = BC_UNDECIDED;
    arb_init(p);
    arb_init(t);
    arf_init(lo);
    arf_init(hi);
    fmpz_init(b);
    thm3_peps_rho(p, C->r, C->rho, C->mult, prec);
    if (arb_is_positive(p))
    {
        arb_ui_div(t, C->n, p, prec);
        arb_get_lbound_arf(lo, t, prec);
        arb_get_ubound_arf(hi, t, prec);
        arf_get_fmpz(C->a, lo, ARF_RND_FLOOR);
        arf_get_fmpz(b, hi, ARF_RND_FLOOR);
        if (fmpz_equal(C->a, b) && !arf_is_int(lo))
        {
            fmpz_add_ui(C->a, C->a, 1);
            res = BC_TRUE;
        }
    }
    arb_clear(p);
    arb_clear(t);
    arf_clear(lo);
    arf_clear(hi);
    fmpz_clear(b);
    return res;
}

ulong
thm3_width_rho(ulong r, const fmpq_t rho, ulong n, ulong c2, ulong mult, ulong maxN)
{
    width_ctx C;
    ulong N = 0;
    C.r = r;
    C.n = n;
    C.mult = mult;
    C.rho = rho;
    fmpz_init(C.a);
    if (bc_decide_prec(NULL, width_decide, &C, 64) == BC_TRUE)
    {
        /* N = ceil(c2 * a / 2) */
        fmpz_mul_ui(C.a, C.a, c2);
        fmpz_cdiv_q_2exp(C.a, C.a, 1);
        if (fmpz_cmp_ui(C.a, maxN) <= 0)
            N = fmpz_get_ui(C.a);
    }
    fmpz_clear(C.a);
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
thm3_next_live(const thm3_inst_t I, slong j)
{
    while (j < I->n && !live(I, j))
        j++;
    return j;
}

int
thm3_well_init(const thm3_inst_t I, slong j, const double *w, double vi, int sign_rule, arb_ptr y, arb_t pn)
{
    /* the sign first: the same event, cheaper */
    if (sign_rule && sgn_d(vi) != I->vsign[j])
        return 0;
    thm3_proj(y, pn, I, w);
    return cap_test(I, j, y, pn);
}

slong
thm3_match_rule(slong *match, const thm3_inst_t I, const double *W, const double *v, slong N, int sign_rule)
{
    slong i, j, got = 0;
    arb_ptr y = _arb_vec_init(I->r);
    arb_t pn;
    arb_init(pn);
    for (j = 0; j < I->n; j++)
        match[j] = -1;
    j = thm3_next_live(I, 0);
    for (i = 0; i < N && j < I->n; i++)
        if (thm3_well_init(I, j, W + i * I->d, v[i], sign_rule, y, pn))
        {
            match[j] = i;
            got++;
            j = thm3_next_live(I, j + 1);
        }
    arb_clear(pn);
    _arb_vec_clear(y, I->r);
    return got;
}

slong
thm3_match(slong *match, const thm3_inst_t I, const double *W, const double *v, slong N)
{
    return thm3_match_rule(match, I, W, v, N, 1);
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

/* ------------------------------------------------ the cover bound */

/* s = <row i of A, row j of B> over Q */
static void
rows_dot(fmpq_t s, const fmpq_mat_t A, slong i, const fmpq_mat_t B, slong j)
{
    slong k;
    fmpq_zero(s);
    for (k = 0; k < fmpq_mat_ncols(A); k++)
        fmpq_addmul(s, fmpq_mat_entry(A, i, k), fmpq_mat_entry(B, j, k));
}

/* Theta: the largest angle between two of the vectors sig[t] x_t
   (sig[t] != 0), enclosed; 0 when fewer than two */
static void
largest_angle(arb_t Theta, const thm3_inst_t I, const int *sig, slong prec)
{
    slong t, u;
    fmpq_t s;
    arb_t a, b;
    arb_ptr nx = _arb_vec_init(I->m);
    fmpq_init(s);
    arb_init(a);
    arb_init(b);
    for (t = 0; t < I->m; t++)
    {
        rows_dot(s, I->X, t, I->X, t);
        arb_set_fmpq(nx + t, s, prec);
        arb_sqrt(nx + t, nx + t, prec);
    }
    arb_zero(Theta);
    for (t = 0; t < I->m; t++)
        for (u = t + 1; u < I->m; u++)
        {
            if (sig[t] == 0 || sig[u] == 0)
                continue;
            rows_dot(s, I->X, t, I->X, u);
            if (sig[t] != sig[u])
                fmpq_neg(s, s);
            arb_set_fmpq(a, s, prec);
            arb_mul(b, nx + t, nx + u, prec);
            arb_div(a, a, b, prec);
            /* a cosine: keep the ball inside [-1, 1] for acos */
            arb_set_si(b, 1);
            arb_min(a, a, b, prec);
            arb_neg(b, b);
            arb_max(a, a, b, prec);
            arb_acos(a, a, prec);
            arb_max(Theta, Theta, a, prec);
        }
    fmpq_clear(s);
    arb_clear(a);
    arb_clear(b);
    _arb_vec_clear(nx, I->m);
}

void
thm3_cover_miss(arb_t res, slong *nclass, arb_t res_mu, const thm3_inst_t I, ulong N, slong prec)
{
    slong j, k, t, m = I->m, nc = 0;
    int *sig = flint_malloc(sizeof(int) * (size_t) (I->n * (m + 1)));
    fmpq_t s;
    arb_t Theta, mu, pi, term;
    fmpq_init(s);
    arb_init(Theta);
    arb_init(mu);
    arb_init(pi);
    arb_init(term);
    arb_const_pi(pi, prec);
    arb_zero(res);
    arb_pos_inf(res_mu);
    for (j = thm3_next_live(I, 0); j < I->n; j = thm3_next_live(I, j + 1))
    {
        /* the class of j: the signs of <u_j, x_t> = <w_j*, x_t> (x_t in U)
           and the output sign, stored at row nc of sig */
        int *row = sig + nc * (m + 1), dup = 0;
        for (t = 0; t < m; t++)
        {
            rows_dot(s, I->W, j, I->X, t);
            row[t] = fmpq_sgn(s);
        }
        row[m] = I->vsign[j];
        for (k = 0; k < nc && !dup; k++)
            dup = memcmp(sig + k * (m + 1), row, sizeof(int) * (size_t) (m + 1)) == 0;
        if (dup)
            continue;
        nc++;
        /* mu = (pi - Theta) / (2 pi); the class has probability mu/2 per
           neuron (the fair output sign) */
        largest_angle(Theta, I, row, prec);
        arb_sub(mu, pi, Theta, prec);
        arb_div(mu, mu, pi, prec);
        arb_mul_2exp_si(mu, mu, -1);
        arb_min(res_mu, res_mu, mu, prec);
        arb_mul_2exp_si(term, mu, -1);
        arb_sub_ui(term, term, 1, prec);
        arb_neg(term, term);
        arb_pow_ui(term, term, N, prec);
        arb_add(res, res, term, prec);
    }
    *nclass = nc;
    fmpq_clear(s);
    arb_clear(Theta);
    arb_clear(mu);
    arb_clear(pi);
    arb_clear(term);
    flint_free(sig);
}
