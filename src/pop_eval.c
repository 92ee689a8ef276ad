/* pop_eval.c -- the objective F, its gradient, its Hessian and the blocks
   B_i, summed over pairs (pop.h), with the exact cancellation of student
   rows equal to teacher rows. */
#include "pop.h"

/* The rows taking part: teacher rows that are not exactly zero, and the
   matching of exact student rows to equal exact teacher rows. */
typedef struct
{
    slong n, k, d;
    slong *tl; /* teacher rows kept */
    slong ntl; /* how many */
    int *smat; /* student i matched (1) or not */
    int *tmat; /* teacher j matched */
    int tzero; /* a kept teacher ball contains 0 */
    int szero; /* a student ball contains 0 */
} rows_struct;

static int
row_is_exact(const arb_mat_t A, slong i)
{
    slong a;
    for (a = 0; a < arb_mat_ncols(A); a++)
        if (!arb_is_exact(arb_mat_entry(A, i, a)))
            return 0;
    return 1;
}

static int
row_is_zero(const arb_mat_t A, slong i)
{
    slong a;
    for (a = 0; a < arb_mat_ncols(A); a++)
        if (!arb_is_zero(arb_mat_entry(A, i, a)))
            return 0;
    return 1;
}

static int
row_contains_zero(const arb_mat_t A, slong i)
{
    slong a;
    for (a = 0; a < arb_mat_ncols(A); a++)
        if (!arb_contains_zero(arb_mat_entry(A, i, a)))
            return 0;
    return 1;
}

static int
rows_equal_exact(const arb_mat_t A, slong i, const arb_mat_t B, slong j)
{
    slong a;
    if (!row_is_exact(A, i) || !row_is_exact(B, j))
        return 0;
    for (a = 0; a < arb_mat_ncols(A); a++)
        if (!arf_equal(arb_midref(arb_mat_entry(A, i, a)), arb_midref(arb_mat_entry(B, j, a))))
            return 0;
    return 1;
}

static void
rows_init(rows_struct *R, const arb_mat_t W, const arb_mat_t V)
{
    slong i, j;
    R->n = arb_mat_nrows(W);
    R->k = arb_mat_nrows(V);
    R->d = arb_mat_ncols(W);
    R->tl = flint_malloc(sizeof(slong) * (R->k + 1));
    R->smat = flint_calloc(R->n + 1, sizeof(int));
    R->tmat = flint_calloc(R->k + 1, sizeof(int));
    R->ntl = 0;
    R->tzero = 0;
    R->szero = 0;
    for (j = 0; j < R->k; j++)
    {
        if (row_is_exact(V, j) && row_is_zero(V, j))
            continue;
        if (row_contains_zero(V, j))
            R->tzero = 1;
        R->tl[R->ntl++] = j;
    }
    for (i = 0; i < R->n; i++)
        if (row_contains_zero(W, i))
            R->szero = 1;
    /* exact cancellation: student i against the first unused equal teacher */
    for (i = 0; i < R->n; i++)
        for (j = 0; j < R->ntl; j++)
            if (!R->tmat[j] && rows_equal_exact(W, i, V, R->tl[j]))
            {
                R->smat[i] = 1;
                R->tmat[j] = 1;
                break;
            }
}

static void
rows_clear(rows_struct *R)
{
    flint_free(R->tl);
    flint_free(R->smat);
    flint_free(R->tmat);
}

/* Exchanges the roles of u and v in a set pair (S, c, theta are
   symmetric). */
static void
pair_swap(_pop_pair_struct *P)
{
    arb_ptr t;
    arb_swap(P->nu2, P->nv2);
    t = P->a;
    P->a = P->b;
    P->b = t;
}

/* Adds s * M to the d x d block of H at (r, c) (s = +1 or -1). */
static void
block_add(arb_mat_t H, slong r, slong c, const arb_mat_t M, int s, slong prec)
{
    slong a, b, d = arb_mat_nrows(M);
    for (a = 0; a < d; a++)
        for (b = 0; b < d; b++)
            if (s > 0)
                arb_add(arb_mat_entry(H, r + a, c + b), arb_mat_entry(H, r + a, c + b),
                        arb_mat_entry(M, a, b), prec);
            else
                arb_sub(arb_mat_entry(H, r + a, c + b), arb_mat_entry(H, r + a, c + b),
                        arb_mat_entry(M, a, b), prec);
}

static void
block_set(arb_mat_t H, slong r, slong c, const arb_mat_t M, int transpose)
{
    slong a, b, d = arb_mat_nrows(M);
    for (a = 0; a < d; a++)
        for (b = 0; b < d; b++)
            arb_set(arb_mat_entry(H, r + a, c + b),
                    transpose ? arb_mat_entry(M, b, a) : arb_mat_entry(M, a, b));
}

#define ROW(A, i) arb_mat_entry(A, i, 0)

/* Student-teacher pairs (unmatched teacher rows only): subtracts each
   pair's term from F (if not NULL, for unmatched students), G and H (if not
   NULL).  P, t, g and M are scratch; returns the POP_* flags raised. */
static int
eval_student_teacher(arb_ptr F, arb_mat_struct *G, arb_mat_struct *H, const rows_struct *R, const arb_mat_t W,
                     const arb_mat_t V, _pop_pair_struct *Pp, arb_t t, arb_ptr g, arb_mat_t M, const arb_t pi,
                     const arb_t inv2pi, slong prec)
{
    slong n = arb_mat_nrows(W), d = arb_mat_ncols(W), i, jj;
    int fl = 0;

    for (i = 0; i < n; i++)
        for (jj = 0; jj < R->ntl; jj++)
        {
            arb_srcptr v = ROW(V, R->tl[jj]);
            int needF = F != NULL && !R->smat[i];
            if (R->tmat[jj] || (!needF && G == NULL && H == NULL))
                continue;
            _pop_pair_set(Pp, ROW(W, i), v, pi, prec);
            if (needF)
            {
                fl |= _pop_pair_f(t, Pp, inv2pi, prec);
                arb_sub(F, F, t, prec);
            }
            if (G != NULL)
            {
                fl |= _pop_pair_g(g, Pp, ROW(W, i), v, inv2pi, prec);
                _arb_vec_sub(ROW(G, i), ROW(G, i), g, d, prec);
            }
            if (H != NULL)
            {
                fl |= _pop_pair_h1(M, Pp, ROW(W, i), inv2pi, prec);
                block_add(H, i * d, i * d, M, -1, prec);
            }
        }

    return fl;
}

/* Teacher pairs (unmatched rows only): adds each pair's term to F.  P and t
   are scratch; returns the POP_* flags raised. */
static int
eval_teacher_pairs(arb_t F, const rows_struct *R, const arb_mat_t V, _pop_pair_struct *Pp, arb_t t,
                   const arb_t pi, const arb_t inv2pi, slong prec)
{
    slong jj, jj2;
    int fl = 0;

    for (jj = 0; jj < R->ntl; jj++)
        for (jj2 = jj + 1; jj2 < R->ntl; jj2++)
        {
            if (R->tmat[jj] || R->tmat[jj2])
                continue;
            _pop_pair_set(Pp, ROW(V, R->tl[jj]), ROW(V, R->tl[jj2]), pi, prec);
            fl |= _pop_pair_f(t, Pp, inv2pi, prec);
            arb_add(F, F, t, prec);
        }

    return fl;
}

int
pop_eval(arb_t F, arb_mat_t G, arb_mat_t H, const arb_mat_t W, const arb_mat_t V, slong prec)
{
    rows_struct R;
    _pop_pair_struct P;
    arb_t pi, inv2pi, t;
    arb_ptr g;
    arb_mat_t M;
    slong n = arb_mat_nrows(W), d = arb_mat_ncols(W), i, i2, jj, a;
    int fl = 0, derivs;

    rows_init(&R, W, V);
    arb_init(pi);
    arb_init(inv2pi);
    arb_init(t);
    arb_const_pi(pi, prec);
    arb_mul_2exp_si(inv2pi, pi, 1);
    arb_inv(inv2pi, inv2pi, prec);
    _pop_pair_init(&P, d);
    g = _arb_vec_init(d);
    arb_mat_init(M, d, d);

    if (R.tzero || R.szero)
        fl |= POP_ZERO;
    derivs = !R.szero;
    if (F != NULL)
        arb_zero(F);
    if (G != NULL)
    {
        if (derivs)
            arb_mat_zero(G);
        else
            arb_mat_indeterminate(G);
    }
    if (H != NULL)
    {
        if (derivs)
        {
            arb_mat_one(H);
            arb_mat_scalar_mul_2exp_si(H, H, -1);
        }
        else
            arb_mat_indeterminate(H);
    }
    if (!derivs)
    {
        G = NULL;
        H = NULL;
    }

    /* self terms: |w_i|^2 / 4 and |v_j|^2 / 4 in F, w_i / 2 in G */
    for (i = 0; i < n; i++)
        if (!R.smat[i])
        {
            if (F != NULL)
            {
                arb_dot(t, NULL, 0, ROW(W, i), 1, ROW(W, i), 1, d, prec);
                arb_mul_2exp_si(t, t, -2);
                arb_add(F, F, t, prec);
            }
            if (G != NULL)
                for (a = 0; a < d; a++)
                    arb_mul_2exp_si(arb_mat_entry(G, i, a), arb_mat_entry(W, i, a), -1);
        }
    if (F != NULL)
        for (jj = 0; jj < R.ntl; jj++)
            if (!R.tmat[jj])
            {
                arb_dot(t, NULL, 0, ROW(V, R.tl[jj]), 1, ROW(V, R.tl[jj]), 1, d, prec);
                arb_mul_2exp_si(t, t, -2);
                arb_add(F, F, t, prec);
            }

    /* student pairs */
    for (i = 0; i < n; i++)
        for (i2 = i + 1; i2 < n; i2++)
        {
            int needF = F != NULL && !R.smat[i] && !R.smat[i2];
            int needG = G != NULL && (!R.smat[i] || !R.smat[i2]);
            if (!needF && !needG && H == NULL)
                continue;
            _pop_pair_set(&P, ROW(W, i), ROW(W, i2), pi, prec);
            if (needF)
            {
                fl |= _pop_pair_f(t, &P, inv2pi, prec);
                arb_add(F, F, t, prec);
            }
            if (G != NULL && !R.smat[i2])
            {
                fl |= _pop_pair_g(g, &P, ROW(W, i), ROW(W, i2), inv2pi, prec);
                _arb_vec_add(ROW(G, i), ROW(G, i), g, d, prec);
            }
            if (H != NULL)
            {
                fl |= _pop_pair_h2(M, &P, ROW(W, i), ROW(W, i2), inv2pi, prec);
                block_set(H, i * d, i2 * d, M, 0);
                block_set(H, i2 * d, i * d, M, 1);
                if (!R.smat[i2])
                {
                    fl |= _pop_pair_h1(M, &P, ROW(W, i), inv2pi, prec);
                    block_add(H, i * d, i * d, M, 1, prec);
                }
            }
            pair_swap(&P);
            if (G != NULL && !R.smat[i])
            {
                fl |= _pop_pair_g(g, &P, ROW(W, i2), ROW(W, i), inv2pi, prec);
                _arb_vec_add(ROW(G, i2), ROW(G, i2), g, d, prec);
            }
            if (H != NULL && !R.smat[i])
            {
                fl |= _pop_pair_h1(M, &P, ROW(W, i2), inv2pi, prec);
                block_add(H, i2 * d, i2 * d, M, 1, prec);
            }
            pair_swap(&P);
        }

    fl |= eval_student_teacher(F, G, H, &R, W, V, &P, t, g, M, pi, inv2pi, prec);
    if (F != NULL)
        fl |= eval_teacher_pairs(F, &R, V, &P, t, pi, inv2pi, prec);

    arb_mat_clear(M);
    _arb_vec_clear(g, d);
    _pop_pair_clear(&P);
    arb_clear(pi);
    arb_clear(inv2pi);
    arb_clear(t);
    rows_clear(&R);
    return fl;
}

int
pop_block(arb_mat_t B, const arb_mat_t W, const arb_mat_t V, slong i, slong prec)
{
    rows_struct R;
    _pop_pair_struct P;
    arb_t pi, inv2pi;
    arb_mat_t M;
    slong n = arb_mat_nrows(W), d = arb_mat_ncols(W), i2, jj;
    int fl = 0;

    rows_init(&R, W, V);
    if (R.szero || R.tzero)
    {
        arb_mat_indeterminate(B);
        rows_clear(&R);
        return POP_ZERO;
    }
    arb_init(pi);
    arb_init(inv2pi);
    arb_const_pi(pi, prec);
    arb_mul_2exp_si(inv2pi, pi, 1);
    arb_inv(inv2pi, inv2pi, prec);
    _pop_pair_init(&P, d);
    arb_mat_init(M, d, d);
    arb_mat_zero(B);
    for (i2 = 0; i2 < n; i2++)
    {
        if (i2 == i || R.smat[i2])
            continue;
        _pop_pair_set(&P, ROW(W, i), ROW(W, i2), pi, prec);
        fl |= _pop_pair_h1(M, &P, ROW(W, i), inv2pi, prec);
        arb_mat_add(B, B, M, prec);
    }
    for (jj = 0; jj < R.ntl; jj++)
    {
        if (R.tmat[jj])
            continue;
        _pop_pair_set(&P, ROW(W, i), ROW(V, R.tl[jj]), pi, prec);
        fl |= _pop_pair_h1(M, &P, ROW(W, i), inv2pi, prec);
        arb_mat_sub(B, B, M, prec);
    }
    arb_mat_clear(M);
    _pop_pair_clear(&P);
    arb_clear(pi);
    arb_clear(inv2pi);
    rows_clear(&R);
    return fl;
}

int
pop_zero_slope(arb_t res, arb_srcptr e, const arb_mat_t W, const arb_mat_t V, slong prec)
{
    rows_struct R;
    _pop_pair_struct P;
    arb_t pi, inv2pi, t;
    slong n = arb_mat_nrows(W), d = arb_mat_ncols(W), i, jj;
    int fl = 0;

    rows_init(&R, W, V);
    arb_init(pi);
    arb_init(inv2pi);
    arb_init(t);
    arb_const_pi(pi, prec);
    arb_mul_2exp_si(inv2pi, pi, 1);
    arb_inv(inv2pi, inv2pi, prec);
    _pop_pair_init(&P, d);
    arb_zero(res);
    for (i = 0; i < n; i++)
    {
        if (R.smat[i])
            continue;
        _pop_pair_set(&P, e, ROW(W, i), pi, prec);
        fl |= _pop_pair_f(t, &P, inv2pi, prec);
        arb_add(res, res, t, prec);
    }
    for (jj = 0; jj < R.ntl; jj++)
    {
        if (R.tmat[jj])
            continue;
        _pop_pair_set(&P, e, ROW(V, R.tl[jj]), pi, prec);
        fl |= _pop_pair_f(t, &P, inv2pi, prec);
        arb_sub(res, res, t, prec);
    }
    if (R.tzero)
        fl |= POP_ZERO;
    _pop_pair_clear(&P);
    arb_clear(pi);
    arb_clear(inv2pi);
    arb_clear(t);
    rows_clear(&R);
    return fl;
}
