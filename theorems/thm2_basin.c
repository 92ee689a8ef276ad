/* thm2_basin.c -- the closed-form basin value of singleton data, B.4's
   event and construction, and an explicit network attaining alpha
   (thm2.tex, Lemmas 2.A and 2.B; alpha itself is singleton.h's).

   Inside a basin the prediction on side k = (j, sigma) is |s_t| beta_k,
   beta_k ranging over the cone spanned by the output signs of the
   neurons with sign w_ij = sigma, independently over the 2d sides; each
   side is a one-dimensional least-squares problem on that cone. */
#include <string.h>

#include "thm2.h"

/* x = x / m, m >= 1 */
static void
div_by_m(fmpq_t x, slong m)
{
    fmpz_t c;
    fmpz_init_set_si(c, m);
    fmpq_div_fmpz(x, x, c);
    fmpz_clear(c);
}

void
thm2_bas_closed(fmpq_t bas, const singleton_data_t D, const int *ws, const int *vs, slong n)
{
    slong j, i, d = D->d;
    fmpq_t c;
    fmpq_init(c);
    fmpq_zero(bas);
    for (j = 0; j < d; j++)
    {
        int hp[2] = {0, 0}, hm[2] = {0, 0};
        if (D->count[2 * j] + D->count[2 * j + 1] == 0)
            continue;
        for (i = 0; i < n; i++)
        {
            int side = ws[i * d + j] > 0 ? 0 : 1;
            if (vs[i] > 0)
                hp[side] = 1;
            else
                hm[side] = 1;
        }
        singleton_side_cost(c, D, 2 * j, hp[0], hm[0]);
        fmpq_add(bas, bas, c);
        singleton_side_cost(c, D, 2 * j + 1, hp[1], hm[1]);
        fmpq_add(bas, bas, c);
    }
    div_by_m(bas, D->m);
    fmpq_clear(c);
}

int
thm2_event(const singleton_data_t D, const int *ws, const int *vs, slong n)
{
    slong k, i, d = D->d;
    for (k = 0; k < 2 * d; k++)
    {
        int sigma = (k & 1) ? -1 : 1, ok = 0;
        if (D->need[k] == 0)
            continue;
        for (i = 0; i < n && !ok; i++)
            ok = ws[i * d + k / 2] == sigma && vs[i] == D->need[k];
        if (!ok)
            return 0;
    }
    return 1;
}

void
thm2_alpha_naive(fmpq_t a, const singleton_data_t D)
{
    slong k;
    fmpq_zero(a);
    for (k = 0; k < 2 * D->d; k++)
        fmpq_add(a, a, D->opt + k);
    div_by_m(a, D->m);
}

/* |beta*_k| = |B_k| / A_k */
static void
abs_beta(fmpq_t b, const singleton_data_t D, slong k)
{
    fmpq_div(b, D->sb + k, D->sa + k);
    fmpq_abs(b, b);
}

void
thm2_alpha_net(fmpq_mat_t W, fmpq *v, const singleton_data_t D, slong n)
{
    int *optP = flint_malloc(sizeof(int) * (size_t) (n + 1));
    fmpq_t alpha, c, b;
    slong P, Q, i, j;

    fmpq_init(alpha);
    fmpq_init(c);
    fmpq_init(b);
    singleton_alpha(alpha, optP, D, n);
    for (P = 0; !optP[P]; P++)
        ;
    Q = n - P;
    fmpq_mat_zero(W);
    for (i = 0; i < n; i++)
        fmpq_set_si(v + i, i < P ? 1 : -1, 1);
    for (j = 0; j < D->d; j++)
    {
        int att, arg, cp, cq, pp, pm, qp, qm, side;
        if (D->count[2 * j] + D->count[2 * j + 1] == 0)
            continue;
        att = _singleton_coord_attain(c, D, j, P, Q);
        for (arg = 0; !(att >> arg & 1); arg++)
            ;
        cp = arg / 3;
        cq = arg % 3;
        _singleton_class(&pp, &pm, cp, P);
        _singleton_class(&qp, &qm, cq, Q);
        /* class 1 puts the first neuron of its sign on S_j^+ and the
           others on S_j^-; classes 0 and 2 put them all on one side */
        for (side = 0; side < 2; side++)
        {
            slong k = 2 * j + side, carrier = -1;
            int s = D->need[k];
            if (s > 0 && (side == 0 ? pp : pm))
                carrier = (side == 1 && cp == 1) ? 1 : 0;
            else if (s < 0 && (side == 0 ? qp : qm))
                carrier = P + ((side == 1 && cq == 1) ? 1 : 0);
            if (carrier < 0)
                continue;
            abs_beta(b, D, k);
            if (side == 1)
                fmpq_neg(b, b);
            fmpq_set(fmpq_mat_entry(W, carrier, j), b);
        }
    }
    fmpq_clear(alpha);
    fmpq_clear(c);
    fmpq_clear(b);
    flint_free(optP);
}

int
thm2_b4_construct(fmpq_mat_t Wp, const singleton_data_t D, const int *ws, const int *vs, const fmpq *vq,
                  slong n)
{
    slong k, i, d = D->d;
    fmpq_t b, a;
    int ok = 1;
    fmpq_init(b);
    fmpq_init(a);
    fmpq_mat_zero(Wp);
    for (k = 0; k < 2 * d && ok; k++)
    {
        int sigma = (k & 1) ? -1 : 1;
        if (D->need[k] == 0)
            continue;
        /* B.4: the first neuron active on the side with the needed output
           sign predicts |s_t| beta*_k there on its own */
        for (i = 0; i < n; i++)
            if (ws[i * d + k / 2] == sigma && vs[i] == D->need[k])
                break;
        if (i == n)
        {
            ok = 0;
            break;
        }
        abs_beta(b, D, k);
        fmpq_abs(a, vq + i);
        fmpq_div(b, b, a);
        if (sigma < 0)
            fmpq_neg(b, b);
        fmpq_set(fmpq_mat_entry(Wp, i, k / 2), b);
    }
    fmpq_clear(b);
    fmpq_clear(a);
    return ok;
}
