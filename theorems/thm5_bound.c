/* thm5_bound.c -- the reconstructed constant K of Theorem 5 and the
   witness of its proof (B.7: Lemma 9 and Claims 4-5, rebuilt in
   thm5.tex).

   Proof in one paragraph (thm5.tex has it in full).  Rescale every
   neuron to |v_i| = 1, |w_i| = 1 (Assumption 1, basin unchanged).  A
   neuron is good for cluster j when its sign is constant on every ball
   B(c_l, delta_l) and it can predict yhat_j (<w, c_j> > 0, v yhat_j >= 0).
   If every cluster l has a good neuron i(l), keep those q <= min(n, k)
   neurons (Lemma 2: the others are zeroed inside the closure) and give
   neuron i the centre values t_l = |yhat_l| + delta_l M (its clusters),
   delta_l M (its other active clusters), -delta_l M (its inactive ones),
   realised by the minimum-norm w' = C^T (C C^T)^{-1} t, |w'| <=
   |t| / sigma_min.  With M = 2 |yhat| / sigma_min and Delta =
   |(delta_l)_l| <= sigma_min / 2, |w'| <= M, so <w', x> keeps its sign on
   every ball (the margin delta_l M beats the variation |w'| delta_l):
   the point is in the closed basin.  At x_t in cluster l the prediction
   differs from yhat_l by at most 2 q M delta_l (margins plus Claim 4,
   the network is (sum |v_i||w_i|)-Lipschitz in x), and y_t from yhat_l
   by 2 gamma delta_l (Claim 5); squaring gives K_1.  When Delta >
   sigma_min / 2 the zero network (in every closed basin) gives
   L(0) <= 2 |yhat|^2 + 8 gamma^2 delta^2 <= K_2 delta^2 since
   delta^2 >= Delta^2 / k. */
#include <flint/fmpq_vec.h>

#include "sphere.h"
#include "thm5.h"

void
thm5_K(arb_t K, slong n, slong k, const fmpq_t yhat2, const arb_t lmin, const fmpq_t gamma2, slong prec)
{
    arb_t Y, s, g, k1, k2;
    slong q = n < k ? n : k;

    if (!arb_is_positive(lmin))
    {
        arb_pos_inf(K);
        return;
    }
    arb_init(Y);
    arb_init(s);
    arb_init(g);
    arb_init(k1);
    arb_init(k2);
    arb_set_fmpq(Y, yhat2, prec);
    arb_sqrtpos(Y, Y, prec);
    arb_sqrtpos(s, lmin, prec);
    arb_set_fmpq(g, gamma2, prec);
    arb_sqrtpos(g, g, prec);
    /* K_1 = 4 (2 q Y / s + g)^2 */
    arb_div(k1, Y, s, prec);
    arb_mul_si(k1, k1, 2 * q, prec);
    arb_add(k1, k1, g, prec);
    arb_sqr(k1, k1, prec);
    arb_mul_2exp_si(k1, k1, 2);
    /* K_2 = 8 k Y^2 / s^2 + 8 g^2 */
    arb_set_fmpq(k2, yhat2, prec);
    arb_div(k2, k2, lmin, prec);
    arb_mul_si(k2, k2, k, prec);
    arb_set_fmpq(g, gamma2, prec);
    arb_add(k2, k2, g, prec);
    arb_mul_2exp_si(k2, k2, 3);
    arb_max(K, k1, k2, prec);
    arb_clear(Y);
    arb_clear(s);
    arb_clear(g);
    arb_clear(k1);
    arb_clear(k2);
}

static void
dot_row(fmpq_t r, const fmpq *w, const fmpq_mat_t A, slong i)
{
    slong l;
    fmpq_zero(r);
    for (l = 0; l < A->c; l++)
        fmpq_addmul(r, w + l, fmpq_mat_entry(A, i, l));
}

int
thm5_neuron_clean(const fmpq *w, const thm5_inst_t I)
{
    slong l;
    /* Claim 2, corrected: constant on the ball iff |<w,c>| > delta |w| */
    for (l = 0; l < I->k; l++)
        if (!sphere_ball_sign_constant_fmpq(w, fmpq_mat_entry(I->C, l, 0), I->d, I->delta2 + l))
            return 0;
    return 1;
}

int
thm5_neuron_good(const fmpq *w, const fmpq_t v, const thm5_inst_t I, slong j)
{
    fmpq_t r;
    int ok = thm5_neuron_clean(w, I);
    fmpq_init(r);
    if (ok)
    {
        dot_row(r, w, I->C, j);
        ok = fmpq_sgn(r) > 0;
    }
    if (ok && I->rep[j] >= 0)
        ok = fmpq_sgn(v) * fmpq_sgn(I->y + I->rep[j]) >= 0;
    fmpq_clear(r);
    return ok;
}

slong
thm5_witness(fmpq_mat_t Wp, fmpq *vp, const fmpq_mat_t W, const fmpq *v, slong n, const thm5_inst_t I,
             const fmpq_t Mq, const fmpq *dq, thm5_witness_kind kind)
{
    slong k = I->k, d = I->d, l, i, used = 0;
    slong *assign = flint_malloc(sizeof(slong) * k);
    fmpq_mat_t G, Ct, T, A, Wl;
    fmpq_t r;

    for (l = 0; l < k; l++)
    {
        assign[l] = -1;
        for (i = 0; i < n && assign[l] < 0; i++)
            if (thm5_neuron_good(fmpq_mat_entry(W, i, 0), v + i, I, l))
                assign[l] = i;
        if (assign[l] < 0)
        {
            flint_free(assign);
            return -1;
        }
    }
    fmpq_init(r);
    fmpq_mat_init(Ct, d, k);
    fmpq_mat_init(G, k, k);
    fmpq_mat_init(T, k, 1);
    fmpq_mat_init(A, k, 1);
    fmpq_mat_init(Wl, d, 1);
    fmpq_mat_transpose(Ct, I->C);
    fmpq_mat_mul(G, I->C, Ct);
    fmpq_mat_zero(Wp);
    for (i = 0; i < n; i++)
        fmpq_zero(vp + i);
    for (i = 0; i < n; i++)
    {
        int mine = 0;
        for (l = 0; l < k; l++)
            mine |= (assign[l] == i);
        if (!mine)
            continue;
        used++;
        for (l = 0; l < k; l++)
        {
            fmpq *t = fmpq_mat_entry(T, l, 0);
            fmpq_mul(t, dq + l, Mq);
            if (assign[l] == i)
            {
                fmpq_abs(r, I->y + I->rep[l]);
                fmpq_add(t, t, r);
            }
            else
            {
                /* -delta_l M on an inactive cluster (the mutant keeps +) */
                dot_row(r, fmpq_mat_entry(W, i, 0), I->C, l);
                if (fmpq_sgn(r) < 0 && kind == THM5_WITNESS_PROOF)
                    fmpq_neg(t, t);
            }
        }
        /* w' = C^T (C C^T)^{-1} t: <w', c_l> = t_l exactly */
        fmpq_mat_solve(A, G, T);
        fmpq_mat_mul(Wl, Ct, A);
        for (l = 0; l < d; l++)
            fmpq_set(fmpq_mat_entry(Wp, i, l), fmpq_mat_entry(Wl, l, 0));
        fmpq_set_si(vp + i, fmpq_sgn(v + i), 1);
    }
    fmpq_clear(r);
    fmpq_mat_clear(Ct);
    fmpq_mat_clear(G);
    fmpq_mat_clear(T);
    fmpq_mat_clear(A);
    fmpq_mat_clear(Wl);
    flint_free(assign);
    return used;
}

void
thm5_objective(fmpq_t f, const fmpq_mat_t W, const fmpq *v, slong n, const thm5_inst_t I)
{
    slong t, i;
    fmpq_t p, r;
    fmpq_init(p);
    fmpq_init(r);
    fmpq_zero(f);
    for (t = 0; t < I->m; t++)
    {
        fmpq_zero(p);
        for (i = 0; i < n; i++)
        {
            dot_row(r, fmpq_mat_entry(I->X, t, 0), W, i);
            if (fmpq_sgn(r) > 0)
                fmpq_addmul(p, v + i, r);
        }
        fmpq_sub(p, p, I->y + t);
        fmpq_addmul(f, p, p);
    }
    _thm5_fmpq_div_si(f, f, I->m);
    fmpq_clear(p);
    fmpq_clear(r);
}

int
thm5_in_closed_basin(const fmpq_mat_t Wp, const fmpq *vp, const fmpq_mat_t W, const fmpq *v, slong n,
                     const thm5_inst_t I)
{
    slong t, i;
    int ok = 1;
    fmpq_t a, b;
    fmpq_init(a);
    fmpq_init(b);
    for (i = 0; i < n && ok; i++)
    {
        if (fmpq_sgn(v + i) * fmpq_sgn(vp + i) < 0)
            ok = 0;
        for (t = 0; t < I->m && ok; t++)
        {
            dot_row(a, fmpq_mat_entry(I->X, t, 0), W, i);
            dot_row(b, fmpq_mat_entry(I->X, t, 0), Wp, i);
            if (fmpq_sgn(a) * fmpq_sgn(b) < 0)
                ok = 0;
        }
    }
    fmpq_clear(a);
    fmpq_clear(b);
    return ok;
}

truth_t
thm5_noisy_bound(arb_ptr rho, arb_ptr band, arb_t U, const thm5_inst_t I, const fmpq_t q, slong prec)
{
    slong j, l;
    arb_t t, b;
    fmpq_t c2;
    truth_t res = BC_TRUE;
    arb_init(t);
    arb_init(b);
    fmpq_init(c2);
    arb_set_fmpq(b, q, prec);
    arb_zero(U);
    for (j = 0; j < I->k; j++)
    {
        fmpq_zero(c2);
        for (l = 0; l < I->d; l++)
            fmpq_addmul(c2, fmpq_mat_entry(I->C, j, l), fmpq_mat_entry(I->C, j, l));
        arb_set_fmpq(rho + j, I->delta2 + j, prec);
        arb_set_fmpq(t, c2, prec);
        arb_div(rho + j, rho + j, t, prec);
        arb_sqrtpos(rho + j, rho + j, prec);
        sphere_band_prob(band + j, (ulong) I->d, rho + j, prec);
        arb_add(U, U, band + j, prec);
        res = bc_truth_and(res, bc_arb_le(band + j, b));
    }
    /* the union over k <= d clusters: U <= d q */
    arb_mul_si(b, b, I->d, prec);
    res = bc_truth_and(res, bc_arb_le(U, b));
    arb_clear(t);
    arb_clear(b);
    fmpq_clear(c2);
    return res;
}
