/* lpq.c -- exact phase-one simplex with Farkas certificates (lpq.h). */
#include "lpq.h"

static void
copy_vec(fmpq *a, const fmpq *b, slong len)
{
    slong k;
    for (k = 0; k < len; k++)
        fmpq_set(a + k, b + k);
}

slong
lpq_tableau_size(slong r, slong N)
{
    return (r + 1) * (N + r + 1);
}

/* M lambda = c and lambda >= 0, exactly. */
static int
check_primal(const fmpq_mat_t M, const fmpq *c, const fmpq *lambda)
{
    slong i, j;
    int ok = 1;
    fmpq_t s;
    fmpq_init(s);
    for (j = 0; j < M->c; j++)
        if (fmpq_sgn(lambda + j) < 0)
            ok = 0;
    for (i = 0; ok && i < M->r; i++)
    {
        fmpq_zero(s);
        for (j = 0; j < M->c; j++)
            fmpq_addmul(s, fmpq_mat_entry(M, i, j), lambda + j);
        if (!fmpq_equal(s, c + i))
            ok = 0;
    }
    fmpq_clear(s);
    return ok;
}

/* pi^T M <= 0 and pi^T c > 0, exactly. */
static int
check_farkas(const fmpq_mat_t M, const fmpq *c, const fmpq *pi)
{
    slong i, j;
    int ok = 1;
    fmpq_t s;
    fmpq_init(s);
    for (j = 0; ok && j < M->c; j++)
    {
        fmpq_zero(s);
        for (i = 0; i < M->r; i++)
            fmpq_addmul(s, pi + i, fmpq_mat_entry(M, i, j));
        if (fmpq_sgn(s) > 0)
            ok = 0;
    }
    if (ok)
    {
        fmpq_zero(s);
        for (i = 0; i < M->r; i++)
            fmpq_addmul(s, pi + i, c + i);
        ok = fmpq_sgn(s) > 0;
    }
    fmpq_clear(s);
    return ok;
}

int
lpq_feasible(fmpq *lambda, fmpq *pi, const fmpq_mat_t M, const fmpq *c)
{
    slong r = M->r, N = M->c, W = N + r + 1, i, j, degenerate = 0;
    fmpq *T, *d;
    slong *basis;
    int *neg, bland = 0, feasible;
    fmpq_t t, best, ratio;
    fmpq *lam, *pv;

    if (r < 1 || N < 1)
        flint_abort();
    T = _fmpq_vec_init(r * W);
    d = _fmpq_vec_init(W);
    basis = flint_malloc(sizeof(slong) * (size_t) r);
    neg = flint_malloc(sizeof(int) * (size_t) r);
    fmpq_init(t);
    fmpq_init(best);
    fmpq_init(ratio);

    /* rows with c_i < 0 negated, so the artificial basis is feasible */
    for (i = 0; i < r; i++)
    {
        neg[i] = fmpq_sgn(c + i) < 0;
        for (j = 0; j < N; j++)
        {
            if (neg[i])
                fmpq_neg(T + i * W + j, fmpq_mat_entry(M, i, j));
            else
                fmpq_set(T + i * W + j, fmpq_mat_entry(M, i, j));
        }
        fmpq_one(T + i * W + N + i);
        if (neg[i])
            fmpq_neg(T + i * W + W - 1, c + i);
        else
            fmpq_set(T + i * W + W - 1, c + i);
        basis[i] = N + i;
    }
    /* reduced costs of min sum(artificials): d_j = cost_j - sum_i T_ij
       over the artificial basis; d[W-1] is minus the objective */
    for (j = 0; j < W; j++)
    {
        if (j >= N && j < N + r)
            continue;
        for (i = 0; i < r; i++)
            fmpq_sub(d + j, d + j, T + i * W + j);
    }

    for (;;)
    {
        slong q = -1, p = -1;
        /* entering column */
        for (j = 0; j < N + r; j++)
        {
            if (fmpq_sgn(d + j) >= 0)
                continue;
            if (bland)
            {
                q = j;
                break;
            }
            if (q < 0 || fmpq_cmp(d + j, d + q) < 0)
                q = j;
        }
        if (q < 0)
            break;
        /* ratio test; ties to the smallest basic index (Bland) */
        for (i = 0; i < r; i++)
        {
            const fmpq *a = T + i * W + q;
            if (fmpq_sgn(a) <= 0)
                continue;
            fmpq_div(ratio, T + i * W + W - 1, a);
            if (p < 0 || fmpq_cmp(ratio, best) < 0 || (fmpq_equal(ratio, best) && basis[i] < basis[p]))
            {
                p = i;
                fmpq_set(best, ratio);
            }
        }
        if (p < 0)
            flint_abort(); /* phase one is bounded below by 0 */
        if (fmpq_is_zero(best))
        {
            if (++degenerate > 2 * r + 10)
                bland = 1;
        }
        else
            degenerate = 0;
        /* pivot on (p, q) */
        pv = T + p * W;
        fmpq_inv(t, pv + q);
        for (j = 0; j < W; j++)
            if (!fmpq_is_zero(pv + j))
                fmpq_mul(pv + j, pv + j, t);
        for (i = 0; i <= r; i++)
        {
            fmpq *row = i < r ? T + i * W : d;
            if (i == p || fmpq_is_zero(row + q))
                continue;
            fmpq_set(t, row + q);
            for (j = 0; j < W; j++)
                if (!fmpq_is_zero(pv + j))
                    fmpq_submul(row + j, t, pv + j);
        }
        basis[p] = q;
    }

    feasible = fmpq_is_zero(d + W - 1);
    if (feasible)
    {
        lam = _fmpq_vec_init(N);
        for (i = 0; i < r; i++)
            if (basis[i] < N)
                fmpq_set(lam + basis[i], T + i * W + W - 1);
        if (!check_primal(M, c, lam))
        {
            flint_printf("lpq_feasible: primal solution fails its exact check\n");
            flint_abort();
        }
        if (lambda != NULL)
            copy_vec(lambda, lam, N);
        _fmpq_vec_clear(lam, N);
    }
    else
    {
        /* simplex multipliers of the negated system: pi'_i = 1 - d_{N+i};
           pi_i = -pi'_i on the negated rows */
        fmpq *y = _fmpq_vec_init(r);
        for (i = 0; i < r; i++)
        {
            fmpq_one(y + i);
            fmpq_sub(y + i, y + i, d + N + i);
            if (neg[i])
                fmpq_neg(y + i, y + i);
        }
        if (!check_farkas(M, c, y))
        {
            flint_printf("lpq_feasible: Farkas certificate fails its exact check\n");
            flint_abort();
        }
        if (pi != NULL)
            copy_vec(pi, y, r);
        _fmpq_vec_clear(y, r);
    }

    _fmpq_vec_clear(T, r * W);
    _fmpq_vec_clear(d, W);
    flint_free(basis);
    flint_free(neg);
    fmpq_clear(t);
    fmpq_clear(best);
    fmpq_clear(ratio);
    return feasible;
}
