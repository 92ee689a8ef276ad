/* thm2_basin.c -- the closed-form basin value of singleton data, B.4's
   event and construction, and alpha for width n by the split formula
   (thm2.tex, Lemmas 2.A and 2.B), with an explicit network attaining it.

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

/* side k's need is met by active output signs has_plus, has_minus */
static int
met(const thm2_data_t D, slong k, int has_plus, int has_minus)
{
    int s = D->need[k];
    return s == 0 || (s > 0 && has_plus) || (s < 0 && has_minus);
}

void
thm2_side_cost(fmpq_t c, const thm2_data_t D, slong k, int has_plus, int has_minus)
{
    /* beta* in the cone: the side's best value; otherwise the cone is a
       half-line or {0} not containing beta*, and the convex quadratic is
       least at beta = 0 */
    fmpq_set(c, met(D, k, has_plus, has_minus) ? D->opt + k : D->sc + k);
}

void
thm2_bas_closed(fmpq_t bas, const thm2_data_t D, const int *ws, const int *vs, slong n)
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
        thm2_side_cost(c, D, 2 * j, hp[0], hm[0]);
        fmpq_add(bas, bas, c);
        thm2_side_cost(c, D, 2 * j + 1, hp[1], hm[1]);
        fmpq_add(bas, bas, c);
    }
    div_by_m(bas, D->m);
    fmpq_clear(c);
}

int
thm2_event(const thm2_data_t D, const int *ws, const int *vs, slong n)
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

int
_thm2_class(int *on_plus, int *on_minus, int c, slong P)
{
    *on_plus = *on_minus = 0;
    if (P == 0)
        return c == 0; /* no neuron of this sign anywhere */
    if (P == 1 && c == 1)
        return 0; /* one neuron cannot be on both sides */
    *on_plus = c >= 1;
    *on_minus = c <= 1;
    return 1;
}

int
_thm2_coord_table(int *idx, const thm2_data_t D, slong j, slong P, slong Q)
{
    int cp, cq, pp, pm, qp, qm, mask = 0;
    for (cp = 0; cp < 3; cp++)
    {
        if (!_thm2_class(&pp, &pm, cp, P))
            continue;
        for (cq = 0; cq < 3; cq++)
        {
            if (!_thm2_class(&qp, &qm, cq, Q))
                continue;
            /* S_j^+ holds the + neurons of class cp on it (pp) and the -
               neurons of class cq on it (qp); S_j^- the others */
            idx[3 * cp + cq] = 2 * met(D, 2 * j, pp, qp) + met(D, 2 * j + 1, pm, qm);
            mask |= 1 << (3 * cp + cq);
        }
    }
    return mask;
}

int
_thm2_coord_attain(fmpq_t c, const thm2_data_t D, slong j, slong P, slong Q)
{
    int idx[9], mask = _thm2_coord_table(idx, D, j, P, Q), b, att = 0;
    const fmpq *cc = D->cc + 4 * j, *best = NULL;
    for (b = 0; b < 9; b++)
        if ((mask >> b & 1) && (best == NULL || fmpq_cmp(cc + idx[b], best) < 0))
            best = cc + idx[b];
    for (b = 0; b < 9; b++)
        if ((mask >> b & 1) && fmpq_equal(cc + idx[b], best))
            att |= 1 << b;
    fmpq_set(c, best);
    return att;
}

int
_thm2_coord_event(const thm2_data_t D, slong j, slong P, slong Q)
{
    int idx[9], mask = _thm2_coord_table(idx, D, j, P, Q), b, ev = 0;
    /* idx = 2a + b must have a (b) when S_j^+ (S_j^-) has a need */
    int want = 2 * (D->need[2 * j] != 0) + (D->need[2 * j + 1] != 0);
    for (b = 0; b < 9; b++)
        if ((mask >> b & 1) && (idx[b] & want) == want)
            ev |= 1 << b;
    return ev;
}

void
_thm2_regimes(thm2_data_t D)
{
    slong r, j;
    fmpq_t c;
    fmpq_init(c);
    for (r = 0; r < 9; r++)
    {
        /* P = r / 3 and Q = r % 3 stand for their regime */
        slong P = r / 3, Q = r % 3;
        fmpq_zero(D->tot + r);
        for (j = 0; j < D->d; j++)
            if (D->count[2 * j] + D->count[2 * j + 1] > 0)
            {
                D->hist[r * 512 + _thm2_coord_attain(c, D, j, P, Q)]++;
                D->hist[(9 + r) * 512 + _thm2_coord_event(D, j, P, Q)]++;
                fmpq_add(D->tot + r, D->tot + r, c);
            }
    }
    fmpq_clear(c);
}

void
thm2_coord_cost(fmpq_t c, const thm2_data_t D, slong j, slong P, slong Q)
{
    _thm2_coord_attain(c, D, j, P, Q);
}

void
thm2_alpha(fmpq_t alpha, int *optP, const thm2_data_t D, slong n)
{
    slong P;
    const fmpq *best = NULL;
    /* cost_j(P, Q) depends on P, Q only through the regime
       r = 3 min(P, 2) + min(Q, 2) (which classes exist) */
    for (P = 0; P <= n; P++)
    {
        const fmpq *t = D->tot + 3 * FLINT_MIN(P, 2) + FLINT_MIN(n - P, 2);
        if (best == NULL || fmpq_cmp(t, best) < 0)
            best = t;
    }
    if (optP != NULL)
        for (P = 0; P <= n; P++)
            optP[P] = fmpq_equal(D->tot + 3 * FLINT_MIN(P, 2) + FLINT_MIN(n - P, 2), best);
    fmpq_set(alpha, best);
    div_by_m(alpha, D->m);
}

void
thm2_alpha_naive(fmpq_t a, const thm2_data_t D)
{
    slong k;
    fmpq_zero(a);
    for (k = 0; k < 2 * D->d; k++)
        fmpq_add(a, a, D->opt + k);
    div_by_m(a, D->m);
}

/* |beta*_k| = |B_k| / A_k */
static void
abs_beta(fmpq_t b, const thm2_data_t D, slong k)
{
    fmpq_div(b, D->sb + k, D->sa + k);
    fmpq_abs(b, b);
}

void
thm2_alpha_net(fmpq_mat_t W, fmpq *v, const thm2_data_t D, slong n)
{
    int *optP = flint_malloc(sizeof(int) * (size_t) (n + 1));
    fmpq_t alpha, c, b;
    slong P, Q, i, j;

    fmpq_init(alpha);
    fmpq_init(c);
    fmpq_init(b);
    thm2_alpha(alpha, optP, D, n);
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
        att = _thm2_coord_attain(c, D, j, P, Q);
        for (arg = 0; !(att >> arg & 1); arg++)
            ;
        cp = arg / 3;
        cq = arg % 3;
        _thm2_class(&pp, &pm, cp, P);
        _thm2_class(&qp, &qm, cq, Q);
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
thm2_b4_construct(fmpq_mat_t Wp, const thm2_data_t D, const int *ws, const int *vs, const fmpq *vq, slong n)
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
