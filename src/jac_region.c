/* jac_region.c -- which activation regions exist (realisable rows) and
   whether a region holds a zero-loss point, by exact linear programmes. */
#include "jac.h"
#include "lpq.h"

static void
copy_vec(fmpq *a, const fmpq *b, slong len)
{
    slong k;
    for (k = 0; k < len; k++)
        fmpq_set(a + k, b + k);
}

static int
row_bit(const ulong *row, slong j)
{
    return (int) ((row[j / FLINT_BITS] >> (j % FLINT_BITS)) & UWORD(1));
}

/* s_j <theta, Z_j> > 0 for every j (s_j = +1 on S, -1 off S). */
static int
check_strict(const fmpq *theta, const jac_data_t D, const ulong *row)
{
    slong j, c;
    int ok = 1;
    fmpq_t s, t;
    fmpq_init(s);
    fmpq_init(t);
    for (j = 0; ok && j < D->n; j++)
    {
        fmpq_zero(s);
        for (c = 0; c < D->e; c++)
        {
            fmpq_mul_fmpz(t, theta + c, fmpz_mat_entry(D->Z, j, c));
            fmpq_add(s, s, t);
        }
        if (fmpq_sgn(s) * (row_bit(row, j) ? 1 : -1) <= 0)
            ok = 0;
    }
    fmpq_clear(s);
    fmpq_clear(t);
    return ok;
}

int
jac_row_realisable(fmpq *theta, fmpq *lambda, const jac_data_t D, const ulong *row)
{
    /* Farkas: the strict system s_j <theta, Z_j> > 0 (j < n) is solvable
       iff there is no lambda >= 0, lambda != 0, with
       sum_j lambda_j s_j Z_j = 0; normalise sum lambda = 1.  Positive row
       scales L_j do not change either side. */
    slong n = D->n, e = D->e, j, c;
    fmpq_mat_t M;
    fmpq *rhs, *lam, *pi;
    int feas, realisable;

    fmpq_mat_init(M, e + 1, n);
    rhs = _fmpq_vec_init(e + 1);
    lam = _fmpq_vec_init(n);
    pi = _fmpq_vec_init(e + 1);
    for (j = 0; j < n; j++)
    {
        int s = row_bit(row, j) ? 1 : -1;
        for (c = 0; c < e; c++)
        {
            fmpz_set(fmpq_mat_entry_num(M, c, j), fmpz_mat_entry(D->Z, j, c));
            fmpz_one(fmpq_mat_entry_den(M, c, j));
            if (s < 0)
                fmpq_neg(fmpq_mat_entry(M, c, j), fmpq_mat_entry(M, c, j));
        }
        fmpq_one(fmpq_mat_entry(M, e, j));
    }
    fmpq_one(rhs + e);

    feas = lpq_feasible(lam, pi, M, rhs);
    realisable = !feas;
    if (realisable)
    {
        /* theta = -pi_x: s_j <theta, Z_j> >= pi_e > 0 */
        fmpq *th = _fmpq_vec_init(e);
        for (c = 0; c < e; c++)
            fmpq_neg(th + c, pi + c);
        if (!check_strict(th, D, row))
        {
            flint_printf("jac_row_realisable: separating vector fails its exact check\n");
            flint_abort();
        }
        if (theta != NULL)
            copy_vec(theta, th, e);
        _fmpq_vec_clear(th, e);
    }
    else if (lambda != NULL)
    {
        /* in the coordinates of xt_j = Z_j / L_j: lambda_j L_j, renormalised */
        fmpq_t s;
        fmpq_init(s);
        for (j = 0; j < n; j++)
        {
            fmpq_mul_fmpz(lambda + j, lam + j, D->L + j);
            fmpq_add(s, s, lambda + j);
        }
        for (j = 0; j < n; j++)
            fmpq_div(lambda + j, lambda + j, s);
        fmpq_clear(s);
    }
    fmpq_mat_clear(M);
    _fmpq_vec_clear(rhs, e + 1);
    _fmpq_vec_clear(lam, n);
    _fmpq_vec_clear(pi, e + 1);
    return realisable;
}

int
jac_row_realisable_1d(const jac_data_t D, const ulong *row)
{
    /* w > 0: S = {x_j > t} is closed upwards, ties included; w < 0:
       closed downwards; w = 0: empty or everything (both).  So S is
       realisable iff max over S^c < min over S, or max over S < min over
       S^c (an empty side makes the condition vacuous). */
    slong j, iminS = -1, imaxS = -1, iminC = -1, imaxC = -1;
    const fmpq *x = D->x;
    if (D->d0 != 1)
        flint_abort();
    for (j = 0; j < D->n; j++)
    {
        if (row_bit(row, j))
        {
            if (iminS < 0 || fmpq_cmp(x + j, x + iminS) < 0)
                iminS = j;
            if (imaxS < 0 || fmpq_cmp(x + j, x + imaxS) > 0)
                imaxS = j;
        }
        else
        {
            if (iminC < 0 || fmpq_cmp(x + j, x + iminC) < 0)
                iminC = j;
            if (imaxC < 0 || fmpq_cmp(x + j, x + imaxC) > 0)
                imaxC = j;
        }
    }
    if (iminS < 0 || iminC < 0)
        return 1;
    return fmpq_cmp(x + imaxC, x + iminS) < 0 || fmpq_cmp(x + imaxS, x + iminC) < 0;
}

slong
jac_rows_realisable(ulong **rows, const jac_data_t D)
{
    slong n = D->n, cnt = 0, alloc = 64;
    ulong S, top;
    char *ok;
    if (n > 24)
        flint_abort();
    top = UWORD(1) << n;
    ok = flint_calloc((size_t) top, 1);
    /* S is realisable iff its complement is (negate (w, b)) */
    for (S = 0; S < top; S++)
    {
        ulong C = (top - 1) ^ S;
        if (C < S)
            ok[S] = ok[C];
        else
            ok[S] =
                (char) (D->d0 == 1 ? jac_row_realisable_1d(D, &S) : jac_row_realisable(NULL, NULL, D, &S));
    }
    *rows = flint_malloc(sizeof(ulong) * (size_t) alloc);
    for (S = 0; S < top; S++)
        if (ok[S])
        {
            if (cnt == alloc)
            {
                alloc *= 2;
                *rows = flint_realloc(*rows, sizeof(ulong) * (size_t) alloc);
            }
            (*rows)[cnt++] = S;
        }
    flint_free(ok);
    return cnt;
}

/* ------------------------------------------------------ zero-loss set */

/* J theta = y and the strict signs of A, exactly (J at output weights v). */
static int
check_zero_loss(const fmpq *theta, const jac_data_t D, const fmpq *y, const jac_pattern_t A, const fmpq *v)
{
    slong i, j, c, e = D->e, d0 = D->d0;
    int ok = 1;
    fmpq_t pre, f, t;
    fmpq_init(pre);
    fmpq_init(f);
    fmpq_init(t);
    for (j = 0; ok && j < D->n; j++)
    {
        fmpq_zero(f);
        for (i = 0; i < A->d1; i++)
        {
            fmpq_set(pre, theta + i * e + d0);
            for (c = 0; c < d0; c++)
                fmpq_addmul(pre, theta + i * e + c, D->x + j * d0 + c);
            if (jac_pattern_get(A, i, j))
            {
                if (fmpq_sgn(pre) <= 0)
                    ok = 0;
                fmpq_addmul(f, v + i, pre);
            }
            else if (fmpq_sgn(pre) >= 0)
                ok = 0;
        }
        if (!fmpq_equal(f, y + j))
            ok = 0;
    }
    fmpq_clear(pre);
    fmpq_clear(f);
    fmpq_clear(t);
    return ok;
}

/* The least-norm correction theta = start + J^T (J J^T)^{-1} (y - J start),
   when J J^T is non-singular (start itself when it fits already); 1 if
   it lies in the open region. */
static int
quick_witness(fmpq *theta, const jac_data_t D, const fmpq *y, const jac_pattern_t A, const fmpq *v,
              const fmpq *start)
{
    slong n = D->n, P = A->d1 * D->e, j, k;
    fmpq_mat_t J, JT, G, r, u, s, du;
    int ok = 0;
    fmpq_mat_init(J, n, P);
    fmpq_mat_init(JT, P, n);
    fmpq_mat_init(G, n, n);
    fmpq_mat_init(r, n, 1);
    fmpq_mat_init(u, n, 1);
    fmpq_mat_init(s, P, 1);
    fmpq_mat_init(du, P, 1);
    jac_jacobian(J, D, A, v);
    fmpq_mat_transpose(JT, J);
    fmpq_mat_mul(G, J, JT);
    for (k = 0; k < P; k++)
        fmpq_set(fmpq_mat_entry(s, k, 0), start + k);
    fmpq_mat_mul(r, J, s);
    for (j = 0; j < n; j++)
        fmpq_sub(fmpq_mat_entry(r, j, 0), y + j, fmpq_mat_entry(r, j, 0));
    if (fmpq_mat_is_zero(r))
    {
        /* start fits already: it is the witness if it lies in the region */
        for (k = 0; k < P; k++)
            fmpq_set(theta + k, start + k);
        ok = check_zero_loss(theta, D, y, A, v);
    }
    else if (fmpq_mat_solve(u, G, r))
    {
        fmpq_mat_mul(du, JT, u);
        for (k = 0; k < P; k++)
            fmpq_add(theta + k, start + k, fmpq_mat_entry(du, k, 0));
        ok = check_zero_loss(theta, D, y, A, v);
    }
    fmpq_mat_clear(J);
    fmpq_mat_clear(JT);
    fmpq_mat_clear(G);
    fmpq_mat_clear(r);
    fmpq_mat_clear(u);
    fmpq_mat_clear(s);
    fmpq_mat_clear(du);
    return ok;
}

truth_t
jac_region_zero_loss(fmpq *theta, const jac_data_t D, const fmpq *y, const jac_pattern_t A, const fmpq *v,
                     const fmpq *start, slong max_entries)
{
    /* Variables (all >= 0): theta+ (P), theta- (P), tau, sigma (d1 n),
       rho.  Rows:
         sum_i v_i a_ij <theta_i, Z_j> - tau L_j y_j = 0      (n)
         s_ij <theta_i, Z_j> - sigma_ij = 1                  (d1 n)
         tau - rho = 1                                        (1)
       A solution gives theta / tau in the open region with J theta = y;
       conversely a point of the open region, scaled by a large enough
       factor, gives a solution (so feasibility decides the question). */
    slong n = D->n, e = D->e, d1 = A->d1, P = d1 * e;
    slong rows = n + d1 * n + 1, cols = 2 * P + 1 + d1 * n + 1;
    slong i, j, c, col_tau = 2 * P, col_sig = 2 * P + 1, col_rho = 2 * P + 1 + d1 * n;
    fmpq *th = _fmpq_vec_init(P);
    truth_t res = BC_UNDECIDED;
    fmpq_mat_t M;
    fmpq *rhs, *lam;

    if (start != NULL && quick_witness(th, D, y, A, v, start))
    {
        res = BC_TRUE;
        goto done;
    }
    if (max_entries > 0 && lpq_tableau_size(rows, cols) > max_entries)
        goto done;

    fmpq_mat_init(M, rows, cols);
    rhs = _fmpq_vec_init(rows);
    lam = _fmpq_vec_init(cols);
    for (j = 0; j < n; j++)
    {
        for (i = 0; i < d1; i++)
        {
            slong r2 = n + i * n + j;
            int act = jac_pattern_get(A, i, j);
            for (c = 0; c < e; c++)
            {
                const fmpz *z = fmpz_mat_entry(D->Z, j, c);
                if (act)
                {
                    fmpq_mul_fmpz(fmpq_mat_entry(M, j, i * e + c), v + i, z);
                    fmpq_neg(fmpq_mat_entry(M, j, P + i * e + c), fmpq_mat_entry(M, j, i * e + c));
                }
                fmpz_set(fmpq_mat_entry_num(M, r2, i * e + c), z);
                if (!act)
                    fmpz_neg(fmpq_mat_entry_num(M, r2, i * e + c), z);
                fmpq_neg(fmpq_mat_entry(M, r2, P + i * e + c), fmpq_mat_entry(M, r2, i * e + c));
            }
            fmpq_set_si(fmpq_mat_entry(M, r2, col_sig + i * n + j), -1, 1);
            fmpq_one(rhs + r2);
        }
        fmpq_mul_fmpz(fmpq_mat_entry(M, j, col_tau), y + j, D->L + j);
        fmpq_neg(fmpq_mat_entry(M, j, col_tau), fmpq_mat_entry(M, j, col_tau));
    }
    fmpq_one(fmpq_mat_entry(M, rows - 1, col_tau));
    fmpq_set_si(fmpq_mat_entry(M, rows - 1, col_rho), -1, 1);
    fmpq_one(rhs + rows - 1);

    if (lpq_feasible(lam, NULL, M, rhs))
    {
        for (c = 0; c < P; c++)
        {
            fmpq_sub(th + c, lam + c, lam + P + c);
            fmpq_div(th + c, th + c, lam + col_tau);
        }
        if (!check_zero_loss(th, D, y, A, v))
        {
            flint_printf("jac_region_zero_loss: LP point fails its exact check\n");
            flint_abort();
        }
        res = BC_TRUE;
    }
    else
        res = BC_FALSE; /* lpq_feasible verified the Farkas certificate */
    fmpq_mat_clear(M);
    _fmpq_vec_clear(rhs, rows);
    _fmpq_vec_clear(lam, cols);
done:
    if (res == BC_TRUE && theta != NULL)
        copy_vec(theta, th, P);
    _fmpq_vec_clear(th, P);
    return res;
}
