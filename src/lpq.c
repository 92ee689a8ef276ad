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

/* The phase-one tableau T (r x W, W = N + r + 1: the columns of M, the
   artificials, the right-hand side; zero on entry) of M lambda = c,
   lambda >= 0: rows with c_i < 0 negated (neg[i] set), so that the
   artificial basis is feasible; d (W, zero on entry) the reduced costs
   of min sum(artificials), d[W-1] minus the objective. */
static void
phase_one(fmpq *T, fmpq *d, slong *basis, int *neg, const fmpq_mat_t M, const fmpq *c)
{
    slong r = M->r, N = M->c, W = N + r + 1, i, j;
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
    /* d_j = cost_j - sum_i T_ij over the artificial basis */
    for (j = 0; j < W; j++)
    {
        if (j >= N && j < N + r)
            continue;
        for (i = 0; i < r; i++)
            fmpq_sub(d + j, d + j, T + i * W + j);
    }
}

/* The ratio test for the entering column q: returns the leaving row
   (ties to the smallest basic index, Bland) with its ratio in best, or
   -1 if column q is unbounded.  ratio is scratch. */
static slong
leaving_row(fmpq_t best, fmpq_t ratio, const fmpq *T, const slong *basis, slong r, slong W, slong q)
{
    slong i, p = -1;
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
    return p;
}

/* The pivot on (p, q) of the tableau T (r x W) and its cost row d; t is
   scratch. */
static void
pivot(fmpq *T, fmpq *d, fmpq_t t, slong r, slong W, slong p, slong q)
{
    slong i, j;
    fmpq *pv = T + p * W;
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
}

/* Hands out the answer v (len entries, freed here): it must have passed
   its exact check (checked; else the solver is wrong and what names the
   answer in the abort message); copied to out unless out is NULL. */
static void
deliver(fmpq *out, fmpq *v, slong len, int checked, const char *what)
{
    if (!checked)
    {
        flint_printf("lpq_feasible: %s fails its exact check\n", what);
        flint_abort();
    }
    if (out != NULL)
        copy_vec(out, v, len);
    _fmpq_vec_clear(v, len);
}

int
lpq_feasible(fmpq *lambda, fmpq *pi, const fmpq_mat_t M, const fmpq *c)
{
    slong r = M->r, N = M->c, W = N + r + 1, i, j, degenerate = 0;
    fmpq *T, *d;
    slong *basis;
    int *neg, bland = 0, feasible;
    fmpq_t t, best, ratio;
    fmpq *lam;

    if (r < 1 || N < 1)
        flint_abort();
    T = _fmpq_vec_init(r * W);
    d = _fmpq_vec_init(W);
    basis = flint_malloc(sizeof(slong) * (size_t) r);
    neg = flint_malloc(sizeof(int) * (size_t) r);
    fmpq_init(t);
    fmpq_init(best);
    fmpq_init(ratio);

    phase_one(T, d, basis, neg, M, c);

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
        p = leaving_row(best, ratio, T, basis, r, W, q);
        if (p < 0)
            flint_abort(); /* phase one is bounded below by 0 */
        if (fmpq_is_zero(best))
        {
            if (++degenerate > 2 * r + 10)
                bland = 1;
        }
        else
            degenerate = 0;
        pivot(T, d, t, r, W, p, q);
        basis[p] = q;
    }

    feasible = fmpq_is_zero(d + W - 1);
    if (feasible)
    {
        lam = _fmpq_vec_init(N);
        for (i = 0; i < r; i++)
            if (basis[i] < N)
                fmpq_set(lam + basis[i], T + i * W + W - 1);
        deliver(lambda, lam, N, check_primal(M, c, lam), "primal solution");
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
        deliver(pi, y, r, check_farkas(M, c, y), "Farkas certificate");
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
