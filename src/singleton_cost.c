/* singleton_cost.c -- the value of a side, the cost of a coordinate
   over the placements of the neurons, and alpha for width n by the split
   formula (thm2.tex, Lemmas 2.A and 2.B; singleton.h).

   Inside a basin the prediction on side k = (j, sigma) is |s_t| beta_k,
   beta_k ranging over the cone spanned by the output signs of the
   neurons with sign w_ij = sigma, independently over the 2d sides; each
   side is a one-dimensional least-squares problem on that cone. */
#include "singleton.h"

/* side k's need is met by active output signs has_plus, has_minus */
static int
met(const singleton_data_t D, slong k, int has_plus, int has_minus)
{
    int s = D->need[k];
    return s == 0 || (s > 0 && has_plus) || (s < 0 && has_minus);
}

void
singleton_side_cost(fmpq_t c, const singleton_data_t D, slong k, int has_plus, int has_minus)
{
    /* beta* in the cone: the side's best value; otherwise the cone is a
       half-line or {0} not containing beta*, and the convex quadratic is
       least at beta = 0 */
    fmpq_set(c, met(D, k, has_plus, has_minus) ? D->opt + k : D->sc + k);
}

int
_singleton_class(int *on_plus, int *on_minus, int c, slong P)
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

/* For coordinate j with P neurons of output sign + and Q of sign -: sets
   idx[3 cp + cq] (9 entries) to 2a + b, the entry of D->cc that gives the
   coordinate's value when the + neurons are placed by class cp and the -
   neurons by class cq (a, b: S_j^+, S_j^- have their needs met), and
   returns the mask of the pairs that exist (bit 3 cp + cq). */
static int
coord_table(int *idx, const singleton_data_t D, slong j, slong P, slong Q)
{
    int cp, cq, pp, pm, qp, qm, mask = 0;
    for (cp = 0; cp < 3; cp++)
    {
        if (!_singleton_class(&pp, &pm, cp, P))
            continue;
        for (cq = 0; cq < 3; cq++)
        {
            if (!_singleton_class(&qp, &qm, cq, Q))
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
_singleton_coord_attain(fmpq_t c, const singleton_data_t D, slong j, slong P, slong Q)
{
    int idx[9], mask = coord_table(idx, D, j, P, Q), b, att = 0;
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

/* the mask of the pairs of coordinate j meeting every need of its two
   sides */
static int
coord_event(const singleton_data_t D, slong j, slong P, slong Q)
{
    int idx[9], mask = coord_table(idx, D, j, P, Q), b, ev = 0;
    /* idx = 2a + b must have a (b) when S_j^+ (S_j^-) has a need */
    int want = 2 * (D->need[2 * j] != 0) + (D->need[2 * j + 1] != 0);
    for (b = 0; b < 9; b++)
        if ((mask >> b & 1) && (idx[b] & want) == want)
            ev |= 1 << b;
    return ev;
}

void
_singleton_regimes(singleton_data_t D)
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
                D->hist[r * 512 + _singleton_coord_attain(c, D, j, P, Q)]++;
                D->hist[(9 + r) * 512 + coord_event(D, j, P, Q)]++;
                fmpq_add(D->tot + r, D->tot + r, c);
            }
    }
    fmpq_clear(c);
}

void
singleton_coord_cost(fmpq_t c, const singleton_data_t D, slong j, slong P, slong Q)
{
    _singleton_coord_attain(c, D, j, P, Q);
}

void
singleton_alpha(fmpq_t alpha, int *optP, const singleton_data_t D, slong n)
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
    bc_fmpq_div_si(alpha, alpha, D->m);
}
