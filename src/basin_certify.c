/* basin_certify.c -- the certified basin value (Def 2, Lemma 1).

   From the float working set W (basin_solve.c) the certification works on
   the face F_W = { z : <z_j, x_t> = 0 for t in W_j } of the cone:
     1. the least-squares problem min_{z in F_W} |Mz - y|^2 is solved over
        Q (null-space basis of each neuron's active rows, independent
        columns by fraction-free rref, normal equations): it gives the
        unique optimal prediction p on F_W, r = p - y, and one minimiser z;
     2. since r is orthogonal to M(F_W), each c_j = sum_{t: a=+1} r_t x_t
        lies in span{x_t : t in W_j}: solve c_j = sum mu_t s_{j,t} x_t over
        Q; if every mu >= 0, (r, mu) is a dual certificate (checked again
        by basin_dual_bound, the only thing the lower bound relies on);
     3. if z lies in the cone (checked exactly by basin_is_feasible),
        f(z) is an upper bound, and by complementary slackness
        (r . Mz = 0) it equals the dual bound: the value is exact.
   When the float working set is wrong, a few exact rounds drop a
   constraint with negative mu and add a violated one (an active-set
   step without line search; every bound found on the way is checked on
   its own, so the heuristic only affects tightness).  Fallbacks: the
   rounded float point with violating neurons zeroed, moved along the
   segment towards the face minimiser as far as feasibility allows, and
   rescaled optimally (the cone is closed under scaling); and z = 0 with
   f = |y|^2 / m.  The lower bound 0 is always valid since f >= 0.
   Before all this, the common case of overspecified networks, Bas = 0
   (the float solution interpolates), is tried on its own: a float point
   that interpolates with slack on every constraint not forced to
   equality (_basin_interp_d), rounded, corrected exactly on a few
   coordinates so that Mz = y holds (interp_certify), and offered; f >= 0
   makes 0 exact when it is feasible.  Only m x m linear algebra on the
   data's own integers, no null-space bases. */
#include <limits.h>
#include <math.h>
#include <string.h>

#include "basin.h"

#define BASIN_ROUNDS 12

/* small vector helpers (FLINT 2.9 has no fmpq vector arithmetic) */
static void
qv_zero(fmpq *v, slong len)
{
    slong i;
    for (i = 0; i < len; i++)
        fmpq_zero(v + i);
}

static void
qv_set(fmpq *v, const fmpq *u, slong len)
{
    slong i;
    for (i = 0; i < len; i++)
        fmpq_set(v + i, u + i);
}

static void
qv_scalar_mul(fmpq *v, const fmpq *u, slong len, const fmpq_t c)
{
    slong i;
    for (i = 0; i < len; i++)
        fmpq_mul(v + i, u + i, c);
}

static void
qv_add(fmpq *v, const fmpq *u, const fmpq *w, slong len)
{
    slong i;
    for (i = 0; i < len; i++)
        fmpq_add(v + i, u + i, w + i);
}

static void
qv_sub(fmpq *v, const fmpq *u, const fmpq *w, slong len)
{
    slong i;
    for (i = 0; i < len; i++)
        fmpq_sub(v + i, u + i, w + i);
}

/* Shared exact data of one certification. */
typedef struct
{
    const basin_struct *B;
    fmpz_mat_t Xz; /* row t = x_t times xs_t (same directions) */
    fmpz *xs;      /* m positive row scales: x_t = Xz_t / xs_t */
    fmpz_t L;      /* lcm of the xs_t: x_t = w_t Xz_t / L */
    fmpz *w;       /* m row weights w_t = L / xs_t */
} cert_ctx;

/* v = num / den with den the lcm of the denominators of v (len
   entries): the integer form of a data row (ctx_init) and of the
   targets (interp_certify). */
static void
common_den(fmpz *num, fmpz_t den, const fmpq *v, slong len)
{
    slong i;
    fmpz_one(den);
    for (i = 0; i < len; i++)
        fmpz_lcm(den, den, fmpq_denref(v + i));
    for (i = 0; i < len; i++)
    {
        fmpz_divexact(num + i, den, fmpq_denref(v + i));
        fmpz_mul(num + i, num + i, fmpq_numref(v + i));
    }
}

static void
ctx_init(cert_ctx *C, const basin_t B)
{
    slong t, m = B->m, d = B->d;
    C->B = B;
    fmpz_mat_init(C->Xz, m, d);
    C->xs = _fmpz_vec_init(m);
    C->w = _fmpz_vec_init(m);
    fmpz_init(C->L);
    fmpz_one(C->L);
    for (t = 0; t < m; t++)
    {
        common_den(C->Xz->rows[t], C->xs + t, B->X->rows[t], d);
        fmpz_lcm(C->L, C->L, C->xs + t);
    }
    for (t = 0; t < m; t++)
        fmpz_divexact(C->w + t, C->L, C->xs + t);
}

static void
ctx_clear(cert_ctx *C)
{
    fmpz_mat_clear(C->Xz);
    _fmpz_vec_clear(C->xs, C->B->m);
    _fmpz_vec_clear(C->w, C->B->m);
    fmpz_clear(C->L);
}

/* Pivot columns of A (integer, rows x cols): writes them to piv, returns
   the rank. */
static slong
pivot_columns(slong *piv, const fmpz_mat_t A)
{
    fmpz_mat_t R;
    fmpz_t den;
    slong rank, i, c = 0;
    if (fmpz_mat_nrows(A) == 0 || fmpz_mat_ncols(A) == 0)
        return 0;
    fmpz_mat_init(R, fmpz_mat_nrows(A), fmpz_mat_ncols(A));
    fmpz_init(den);
    rank = fmpz_mat_rref(R, den, A);
    for (i = 0; i < rank; i++)
    {
        while (fmpz_is_zero(fmpz_mat_entry(R, i, c)))
            c++;
        piv[i] = c;
    }
    fmpz_clear(den);
    fmpz_mat_clear(R);
    return rank;
}

/* Greedy column pivoting of the face matrix Bq = diag(1/xs) Bz in double
   (modified Gram-Schmidt, largest remaining column first); returns the
   number of columns chosen.  Only a guess: the caller verifies exactly.
   Columns are normalised first: the null-space columns of different
   neurons differ in scale by hundreds of binades, and a threshold
   relative to the largest column would declare all but one of them zero
   (column scaling does not change which columns are independent).
   Entries go through mantissa and exponent, so none over- or
   underflows. */
static slong
float_pivots(slong *piv, const fmpz_mat_t Bz, const fmpz *xs)
{
    slong m = fmpz_mat_nrows(Bz), K = fmpz_mat_ncols(Bz), t, k, l, rank = 0;
    double *A = flint_malloc(sizeof(double) * (size_t) (m * K)), *nrm;
    slong *ex = flint_malloc(sizeof(slong) * (size_t) (m * K));
    nrm = flint_malloc(sizeof(double) * (size_t) K);
    for (k = 0; k < K; k++)
    {
        slong top = WORD_MIN;
        double s = 0.0;
        for (t = 0; t < m; t++)
        {
            slong e1, e2;
            double d1 = fmpz_get_d_2exp(&e1, fmpz_mat_entry(Bz, t, k));
            double d2 = fmpz_get_d_2exp(&e2, xs + t);
            A[k * m + t] = d1 / d2;
            ex[k * m + t] = e1 - e2;
            if (d1 != 0.0)
                top = FLINT_MAX(top, e1 - e2);
        }
        for (t = 0; t < m; t++)
        {
            /* top is WORD_MIN only for a zero column: no shift then */
            if (A[k * m + t] != 0.0)
            {
                slong sh = ex[k * m + t] - top;
                A[k * m + t] = sh < -1000 ? 0.0 : ldexp(A[k * m + t], (int) sh);
            }
            s += A[k * m + t] * A[k * m + t];
        }
        if (s > 0.0)
        {
            s = sqrt(s);
            for (t = 0; t < m; t++)
                A[k * m + t] /= s;
            s = 1.0;
        }
        nrm[k] = s;
    }
    while (rank < m)
    {
        slong best = -1;
        double bn = 1e-20;
        for (k = 0; k < K; k++)
            if (nrm[k] > bn)
            {
                bn = nrm[k];
                best = k;
            }
        if (best < 0)
            break;
        piv[rank++] = best;
        {
            double *q = A + best * m, qn = sqrt(bn);
            for (t = 0; t < m; t++)
                q[t] /= qn;
            nrm[best] = 0.0;
            for (k = 0; k < K; k++)
                if (nrm[k] > 0.0)
                {
                    double c = 0.0, s = 0.0;
                    for (t = 0; t < m; t++)
                        c += q[t] * A[k * m + t];
                    for (t = 0; t < m; t++)
                    {
                        A[k * m + t] -= c * q[t];
                        s += A[k * m + t] * A[k * m + t];
                    }
                    nrm[k] = s;
                }
        }
    }
    /* ascending order, as the exact rref would give */
    for (k = 1; k < rank; k++)
        for (l = k; l > 0 && piv[l - 1] > piv[l]; l--)
        {
            slong tmp = piv[l];
            piv[l] = piv[l - 1];
            piv[l - 1] = tmp;
        }
    flint_free(A);
    flint_free(ex);
    flint_free(nrm);
    return rank;
}

/* Least squares on the columns piv (assumed independent) of the face
   matrix Bq = diag(1/xs) Bz, over the integers: z += N u,
   r = Bq_piv u - yt.  With Dy the common denominator of yt (Yn = Dy yt),
   Lam = lcm xs and w_t = Lam / xs_t, square systems are
   Bz_piv (Dy u) = xs Yn, others the normal equations
   (W Bz_piv)^T (W Bz_piv) (Dy u) = Lam (W Bz_piv)^T Yn, W = diag(w); both
   solved by p-adic lifting with one common denominator (no fmpq
   arithmetic inside the solve).  If orth is not NULL, *orth is set to
   whether the exact residual is orthogonal to EVERY column of Bq (the
   face optimality condition), checked on integers: Bq^T r = 0 iff
   Bz^T (w^2 e) = 0 with e the integer numerator of r.  Returns 0 if the
   exact system is singular. */
static int
ls_solve(fmpq *z, fmpq *r, int *orth, const cert_ctx *C, const fmpz_mat_t Bz, const slong *piv, slong rank,
         const slong *colj, const slong *coll, const fmpz_mat_struct *N, const fmpq *yt)
{
    const basin_struct *B = C->B;
    slong m = B->m, d = B->d, K = fmpz_mat_ncols(Bz), t, l, k, i, j;
    fmpz_mat_t Bp, U, rhs;
    fmpz *Yn = _fmpz_vec_init(m), *e = _fmpz_vec_init(m);
    const fmpz *w = C->w;
    fmpz *acc = _fmpz_vec_init(d);
    fmpz_t Dy, den, dd, tmp;
    fmpq_t q;
    int ok;
    fmpz_init(Dy);
    fmpz_init(den);
    fmpz_init(dd);
    fmpz_init(tmp);
    fmpq_init(q);
    common_den(Yn, Dy, yt, m);
    fmpz_mat_init(Bp, m, rank);
    fmpz_mat_init(U, rank, 1);
    fmpz_mat_init(rhs, rank, 1);
    for (t = 0; t < m; t++)
        for (l = 0; l < rank; l++)
            fmpz_set(fmpz_mat_entry(Bp, t, l), fmpz_mat_entry(Bz, t, piv[l]));
    if (rank == m)
    {
        for (t = 0; t < m; t++)
            fmpz_mul(fmpz_mat_entry(rhs, t, 0), C->xs + t, Yn + t);
        ok = fmpz_mat_solve_dixon_den(U, den, Bp, rhs);
    }
    else
    {
        fmpz_mat_t WB, WBt, G;
        fmpz_mat_init(WB, m, rank);
        fmpz_mat_init(WBt, rank, m);
        fmpz_mat_init(G, rank, rank);
        for (t = 0; t < m; t++)
            for (l = 0; l < rank; l++)
                fmpz_mul(fmpz_mat_entry(WB, t, l), fmpz_mat_entry(Bp, t, l), w + t);
        fmpz_mat_transpose(WBt, WB);
        fmpz_mat_mul(G, WBt, WB);
        for (l = 0; l < rank; l++)
        {
            _fmpz_vec_dot(tmp, WBt->rows[l], Yn, m);
            fmpz_mul(fmpz_mat_entry(rhs, l, 0), tmp, C->L);
        }
        ok = fmpz_mat_solve_dixon_den(U, den, G, rhs);
        fmpz_mat_clear(WB);
        fmpz_mat_clear(WBt);
        fmpz_mat_clear(G);
    }
    if (ok)
    {
        /* u = U / dd with dd = den Dy; r_t = e_t / (xs_t dd) with
           e = Bp U - den xs Yn */
        fmpz_mul(dd, den, Dy);
        for (t = 0; t < m; t++)
        {
            fmpz_mul(e + t, C->xs + t, Yn + t);
            fmpz_mul(e + t, e + t, den);
            fmpz_neg(e + t, e + t);
            for (l = 0; l < rank; l++)
                fmpz_addmul(e + t, fmpz_mat_entry(Bp, t, l), fmpz_mat_entry(U, l, 0));
            fmpz_mul(tmp, C->xs + t, dd);
            fmpq_set_fmpz_frac(r + t, e + t, tmp);
        }
        if (orth != NULL)
        {
            *orth = 1;
            for (t = 0; t < m; t++)
            {
                fmpz_mul(e + t, e + t, w + t);
                fmpz_mul(e + t, e + t, w + t);
            }
            for (k = 0; k < K && *orth; k++)
            {
                fmpz_zero(tmp);
                for (t = 0; t < m; t++)
                    fmpz_addmul(tmp, fmpz_mat_entry(Bz, t, k), e + t);
                *orth = fmpz_is_zero(tmp);
            }
        }
        /* z_j += (N_j restricted to the pivot columns of neuron j) U / dd:
           the pivot columns are sorted, so each neuron's form a run */
        for (l = 0; l < rank;)
        {
            j = colj[piv[l]];
            _fmpz_vec_zero(acc, d);
            for (; l < rank && colj[piv[l]] == j; l++)
                for (i = 0; i < d; i++)
                    fmpz_addmul(acc + i, fmpz_mat_entry(N + j, i, coll[piv[l]]), fmpz_mat_entry(U, l, 0));
            for (i = 0; i < d; i++)
            {
                fmpq_set_fmpz_frac(q, acc + i, dd);
                fmpq_add(z + j * d + i, z + j * d + i, q);
            }
        }
    }
    fmpz_mat_clear(Bp);
    fmpz_mat_clear(U);
    fmpz_mat_clear(rhs);
    _fmpz_vec_clear(Yn, m);
    _fmpz_vec_clear(e, m);
    _fmpz_vec_clear(acc, d);
    fmpz_clear(Dy);
    fmpz_clear(den);
    fmpz_clear(dd);
    fmpz_clear(tmp);
    fmpq_clear(q);
    return ok;
}

/* Step 1: face least squares from the base point zb (on the face):
   z = zb + N u with u a least-squares solution of B u = y - M zb.  The
   optimal prediction does not depend on zb, but the minimiser does (it
   is not unique when B has dependent columns): starting from the
   rounded float point keeps z near it, hence inside the cone.
   Sets z (n * d) and r (m) and returns 1;
   returns 0 if an exact solve fails (cannot happen in exact arithmetic
   for a full-rank normal matrix, kept as a guard). */
static int
face_solve(fmpq *z, fmpq *r, const cert_ctx *C, const int *work, const fmpq *zb)
{
    const basin_struct *B = C->B;
    slong n = B->n, m = B->m, d = B->d, j, t, i, l, K = 0, rank, k;
    fmpz_mat_struct *N = flint_malloc(sizeof(fmpz_mat_struct) * (size_t) n);
    slong *kj = flint_malloc(sizeof(slong) * (size_t) n);
    slong *colj, *coll, *piv;
    fmpz_mat_t Bz;
    fmpq *yt;
    fmpq_t s, q;
    int ok = 1;

    for (j = 0; j < n; j++)
    {
        slong w = 0;
        for (t = 0; t < m; t++)
            w += work[j * m + t] != 0;
        fmpz_mat_init(N + j, d, d);
        if (w == 0)
        {
            fmpz_mat_one(N + j);
            kj[j] = d;
        }
        else
        {
            fmpz_mat_t A;
            fmpz_mat_init(A, w, d);
            w = 0;
            for (t = 0; t < m; t++)
                if (work[j * m + t])
                {
                    for (i = 0; i < d; i++)
                        fmpz_set(fmpz_mat_entry(A, w, i), fmpz_mat_entry(C->Xz, t, i));
                    w++;
                }
            kj[j] = fmpz_mat_nullspace(N + j, A);
            fmpz_mat_clear(A);
            /* primitive basis columns: smaller numbers in every solve
               below, the same face */
            {
                fmpz_t g;
                fmpz_init(g);
                for (l = 0; l < kj[j]; l++)
                {
                    fmpz_zero(g);
                    for (i = 0; i < d; i++)
                        fmpz_gcd(g, g, fmpz_mat_entry(N + j, i, l));
                    if (!fmpz_is_zero(g) && !fmpz_is_one(g))
                        for (i = 0; i < d; i++)
                            fmpz_divexact(fmpz_mat_entry(N + j, i, l), fmpz_mat_entry(N + j, i, l), g);
                }
                fmpz_clear(g);
            }
        }
        K += kj[j];
    }
    qv_set(z, zb, n * d);
    fmpq_init(s);
    fmpq_init(q);
    yt = _fmpq_vec_init(m);
    basin_predict(yt, B, zb);
    for (t = 0; t < m; t++)
        fmpq_sub(yt + t, B->y + t, yt + t); /* yt = y - M zb; r = -yt + B u */
    if (K == 0)
    {
        for (t = 0; t < m; t++)
            fmpq_neg(r + t, yt + t);
        goto cleanup0;
    }
    colj = flint_malloc(sizeof(slong) * (size_t) K);
    coll = flint_malloc(sizeof(slong) * (size_t) K);
    piv = flint_malloc(sizeof(slong) * (size_t) FLINT_MAX(K, m));
    fmpz_mat_init(Bz, m, K);
    k = 0;
    for (j = 0; j < n; j++)
        for (l = 0; l < kj[j]; l++)
        {
            colj[k] = j;
            coll[k] = l;
            for (t = 0; t < m; t++)
                if (B->a[j * m + t] > 0)
                {
                    fmpz *acc = fmpz_mat_entry(Bz, t, k);
                    for (i = 0; i < d; i++)
                        fmpz_addmul(acc, fmpz_mat_entry(C->Xz, t, i), fmpz_mat_entry(N + j, i, l));
                }
            k++;
        }
    /* independent columns: first guessed in floating point (greedy
       Gram-Schmidt with pivoting), then trusted only if the exact solve
       succeeds and the exact residual is orthogonal to EVERY column of Bq
       (the face optimality condition); otherwise exact fraction-free rref
       (row scaling, Bz, does not change the independent columns) */
    rank = float_pivots(piv, Bz, C->xs);
    {
        int orth = 0;
        if (rank > 0 && ls_solve(z, r, &orth, C, Bz, piv, rank, colj, coll, N, yt) && orth)
            goto cleanup1;
    }
    qv_set(z, zb, n * d);
    rank = pivot_columns(piv, Bz);
    if (rank == 0)
    {
        for (t = 0; t < m; t++)
            fmpq_neg(r + t, yt + t);
        goto cleanup1;
    }
    ok = ls_solve(z, r, NULL, C, Bz, piv, rank, colj, coll, N, yt);
cleanup1:
    fmpz_mat_clear(Bz);
    flint_free(colj);
    flint_free(coll);
    flint_free(piv);
cleanup0:
    for (j = 0; j < n; j++)
        fmpz_mat_clear(N + j);
    flint_free(N);
    flint_free(kj);
    _fmpq_vec_clear(yt, m);
    fmpq_clear(s);
    fmpq_clear(q);
    return ok;
}

/* An independent subset of one neuron's working rows (workj[t] set,
   m entries): sets idx to those rows and piv to the positions in idx of
   the pivot columns of the d x w matrix with columns x_t; returns their
   number (0 without a working row). */
static slong
independent_rows(slong *piv, slong *idx, const cert_ctx *C, const int *workj)
{
    slong m = C->B->m, d = C->B->d, t, l, i, w = 0, rank;
    fmpz_mat_t A;
    for (t = 0; t < m; t++)
        if (workj[t])
            idx[w++] = t;
    if (w == 0)
        return 0;
    fmpz_mat_init(A, d, w);
    for (l = 0; l < w; l++)
        for (i = 0; i < d; i++)
            fmpz_set(fmpz_mat_entry(A, i, l), fmpz_mat_entry(C->Xz, idx[l], i));
    rank = pivot_columns(piv, A);
    fmpz_mat_clear(A);
    return rank;
}

/* Orthogonal projection of z0 onto the face of the working set, exactly:
   per neuron z_j = z0_j - R^T (R R^T)^{-1} R z0_j, R the independent
   active rows x_t. */
static void
face_project(fmpq *z, const cert_ctx *C, const int *work, const fmpq *z0)
{
    const basin_struct *B = C->B;
    slong n = B->n, m = B->m, d = B->d, j, i, l, k, rank;
    slong *idx = flint_malloc(sizeof(slong) * (size_t) FLINT_MAX(m, 1));
    slong *piv = flint_malloc(sizeof(slong) * (size_t) FLINT_MAX(m, 1));
    fmpq_t s;
    fmpq_init(s);
    qv_set(z, z0, n * d);
    for (j = 0; j < n; j++)
    {
        fmpq_mat_t G, h, u;
        rank = independent_rows(piv, idx, C, work + j * m);
        if (rank == 0)
            continue;
        fmpq_mat_init(G, rank, rank);
        fmpq_mat_init(h, rank, 1);
        fmpq_mat_init(u, rank, 1);
        for (l = 0; l < rank; l++)
        {
            const slong tl = idx[piv[l]];
            for (k = 0; k <= l; k++)
            {
                const slong tk = idx[piv[k]];
                fmpq_zero(s);
                for (i = 0; i < d; i++)
                    fmpq_addmul(s, fmpq_mat_entry(B->X, tl, i), fmpq_mat_entry(B->X, tk, i));
                fmpq_set(fmpq_mat_entry(G, l, k), s);
                fmpq_set(fmpq_mat_entry(G, k, l), s);
            }
            fmpq_zero(s);
            for (i = 0; i < d; i++)
                fmpq_addmul(s, fmpq_mat_entry(B->X, tl, i), z0 + j * d + i);
            fmpq_set(fmpq_mat_entry(h, l, 0), s);
        }
        if (fmpq_mat_solve(u, G, h))
            for (l = 0; l < rank; l++)
                for (i = 0; i < d; i++)
                    fmpq_submul(z + j * d + i, fmpq_mat_entry(u, l, 0), fmpq_mat_entry(B->X, idx[piv[l]], i));
        fmpq_mat_clear(G);
        fmpq_mat_clear(h);
        fmpq_mat_clear(u);
    }
    fmpq_clear(s);
    flint_free(idx);
    flint_free(piv);
}

/* Step 2: multipliers for r on the working set.  Sets mu (n * m, zero
   outside W).  Returns 1 if all mu >= 0; else 0 with (*nj, *nt) the most
   negative one (by the double value of mu_t |x_t|). */
static int
dual_solve(fmpq *mu, slong *nj, slong *nt, const cert_ctx *C, const fmpq *r, const int *work)
{
    const basin_struct *B = C->B;
    slong n = B->n, m = B->m, d = B->d, j, t, i, l, k, rank;
    slong *idx = flint_malloc(sizeof(slong) * (size_t) m);
    slong *piv = flint_malloc(sizeof(slong) * (size_t) FLINT_MAX(m, 1));
    slong *ipiv = flint_malloc(sizeof(slong) * (size_t) FLINT_MAX(d, 1));
    fmpz *R = _fmpz_vec_init(m), *Cn = _fmpz_vec_init(d);
    fmpz_t Dr, c, den, q;
    double worst = 0.0;
    int ok = 1;

    /* integers: r_t = R_t / Dr, x_t = Xz_t / xs_t, L = lcm xs_t,
       w_t = L / xs_t; c_j = sum_{t: a=+1} r_t x_t = Cn_j / (Dr L) */
    fmpz_init(Dr);
    fmpz_init(c);
    fmpz_init(den);
    fmpz_init(q);
    common_den(R, Dr, r, m);
    for (t = 0; t < m; t++)
        fmpz_mul(R + t, R + t, C->w + t); /* R_t w_t from here on */
    qv_zero(mu, n * m);
    for (j = 0; j < n; j++)
    {
        fmpz_mat_t A, G, h, u;
        /* no working row: c_j must be 0, basin_dual_bound checks it */
        rank = independent_rows(piv, idx, C, work + j * m);
        if (rank == 0)
            continue;
        _fmpz_vec_zero(Cn, d);
        for (t = 0; t < m; t++)
            if (B->a[j * m + t] > 0 && !fmpz_is_zero(R + t))
                for (i = 0; i < d; i++)
                    fmpz_addmul(Cn + i, R + t, fmpz_mat_entry(C->Xz, t, i));
        /* square system on rank independent coordinates: the columns
           g_l = s_{j,t} x_t are independent, so rows ipiv of them are;
           the remaining coordinates are checked by basin_dual_bound.
           In v_l = mu_l / xs_{t_l}: sum_l s Xz_{t_l, ipiv[k]} (Dr L v_l)
           = Cn_{ipiv[k]}, solved on integers */
        fmpz_mat_init(A, rank, d);
        for (l = 0; l < rank; l++)
            for (i = 0; i < d; i++)
                fmpz_set(fmpz_mat_entry(A, l, i), fmpz_mat_entry(C->Xz, idx[piv[l]], i));
        pivot_columns(ipiv, A);
        fmpz_mat_clear(A);
        fmpz_mat_init(G, rank, rank);
        fmpz_mat_init(h, rank, 1);
        fmpz_mat_init(u, rank, 1);
        for (k = 0; k < rank; k++)
        {
            for (l = 0; l < rank; l++)
            {
                slong tl = idx[piv[l]];
                if (B->a[j * m + tl] * B->b[j] < 0)
                    fmpz_neg(fmpz_mat_entry(G, k, l), fmpz_mat_entry(C->Xz, tl, ipiv[k]));
                else
                    fmpz_set(fmpz_mat_entry(G, k, l), fmpz_mat_entry(C->Xz, tl, ipiv[k]));
            }
            fmpz_set(fmpz_mat_entry(h, k, 0), Cn + ipiv[k]);
        }
        if (fmpz_mat_solve(u, den, G, h))
        {
            /* mu_l = xs_{t_l} U_l / (den Dr L) */
            fmpz_mul(q, den, Dr);
            fmpz_mul(q, q, C->L);
            if (fmpz_sgn(q) < 0)
            {
                fmpz_neg(q, q);
                fmpz_mat_neg(u, u);
            }
            for (l = 0; l < rank; l++)
            {
                slong tl = idx[piv[l]];
                fmpz_mul(c, fmpz_mat_entry(u, l, 0), C->xs + tl);
                fmpq_set_fmpz_frac(mu + j * m + tl, c, q);
                if (fmpq_sgn(mu + j * m + tl) < 0)
                {
                    double v = fmpq_get_d(mu + j * m + tl);
                    double xn = 0.0;
                    for (i = 0; i < d; i++)
                    {
                        double x = fmpq_get_d(fmpq_mat_entry(B->X, tl, i));
                        xn += x * x;
                    }
                    v *= sqrt(xn);
                    if (ok || v < worst || !(v == v))
                    {
                        worst = v;
                        *nj = j;
                        *nt = tl;
                    }
                    ok = 0;
                }
            }
        }
        else
            ok = 0, *nj = -1, *nt = -1;
        fmpz_mat_clear(G);
        fmpz_mat_clear(h);
        fmpz_mat_clear(u);
    }
    _fmpz_vec_clear(R, m);
    _fmpz_vec_clear(Cn, d);
    fmpz_clear(Dr);
    fmpz_clear(c);
    fmpz_clear(den);
    fmpz_clear(q);
    flint_free(idx);
    flint_free(piv);
    flint_free(ipiv);
    return ok;
}

/* Integer form of the predictions of z: p_t = P_t / den for all t, with
   one common denominator (sums of rationals with unrelated denominators
   would cost a gcd per addition). */
static void
predict_common(fmpz *P, fmpz_t den, const basin_t B, const fmpq *z)
{
    slong n = B->n, m = B->m, d = B->d, j, t, i;
    fmpz *Zz = _fmpz_vec_init(n * d), *xr = _fmpz_vec_init(d);
    fmpz_t D, L, c, s;
    fmpz_init(D);
    fmpz_init(L);
    fmpz_init(c);
    fmpz_init(s);
    /* z = Zz / D with the common D */
    common_den(Zz, D, z, n * d);
    /* x_t = xr / xs_t, scaled to the common L = lcm xs_t */
    fmpz_one(L);
    for (t = 0; t < m; t++)
        for (i = 0; i < d; i++)
            fmpz_lcm(L, L, fmpq_denref(fmpq_mat_entry(B->X, t, i)));
    for (t = 0; t < m; t++)
    {
        for (i = 0; i < d; i++)
        {
            fmpz_divexact(xr + i, L, fmpq_denref(fmpq_mat_entry(B->X, t, i)));
            fmpz_mul(xr + i, xr + i, fmpq_numref(fmpq_mat_entry(B->X, t, i)));
        }
        fmpz_zero(P + t);
        for (j = 0; j < n; j++)
            if (B->a[j * m + t] > 0)
            {
                _fmpz_vec_dot(s, Zz + j * d, xr, d);
                fmpz_add(P + t, P + t, s);
            }
    }
    fmpz_mul(den, D, L);
    _fmpz_vec_clear(Zz, n * d);
    _fmpz_vec_clear(xr, d);
    fmpz_clear(D);
    fmpz_clear(L);
    fmpz_clear(c);
    fmpz_clear(s);
}

/* Offers the point z as an upper bound: if z lies in the cone, the best
   multiple alpha z (alpha >= 0; the cone is closed under scaling) is
   compared with R->upper.  Returns 1 if z was feasible.  All sums are
   formed on integer numerators over common denominators, with one
   canonicalisation at the end. */
static int
offer_upper(basin_result_t R, const basin_t B, const fmpq *z)
{
    slong m = B->m, t, nd = B->n * B->d, i;
    fmpz *P, *Y;
    fmpz_t den, Dy, spy, spp, an, ad, e, q;
    fmpq_t alpha, f;
    if (!basin_is_feasible(B, z, NULL, NULL))
        return 0;
    P = _fmpz_vec_init(m);
    Y = _fmpz_vec_init(m);
    fmpz_init(den);
    fmpz_init(Dy);
    fmpz_init(spy);
    fmpz_init(spp);
    fmpz_init(an);
    fmpz_init(ad);
    fmpz_init(e);
    fmpz_init(q);
    fmpq_init(alpha);
    fmpq_init(f);
    predict_common(P, den, B, z);
    common_den(Y, Dy, B->y, m);
    /* p.y = spy / (den Dy), |p|^2 = spp / den^2;
       f(alpha z) = (|y|^2 - 2 alpha p.y + alpha^2 |p|^2) / m, minimal at
       alpha = p.y / |p|^2 = spy den / (spp Dy) if positive, else at 0 */
    _fmpz_vec_dot(spy, P, Y, m);
    _fmpz_vec_dot(spp, P, P, m);
    if (fmpz_is_zero(spp) || fmpz_sgn(spy) <= 0)
        fmpq_zero(alpha);
    else
    {
        fmpz_mul(an, spy, den);
        fmpz_mul(ad, spp, Dy);
        fmpq_set_fmpz_frac(alpha, an, ad);
    }
    /* alpha = an / ad canonical; e_t = alpha p_t - y_t
       = (an P_t Dy - ad den Y_t) / (ad den Dy) */
    fmpz_set(an, fmpq_numref(alpha));
    fmpz_set(ad, fmpq_denref(alpha));
    fmpz_mul(q, ad, den);
    fmpz_zero(spp);
    for (t = 0; t < m; t++)
    {
        fmpz_mul(e, an, P + t);
        fmpz_mul(e, e, Dy);
        fmpz_submul(e, q, Y + t);
        fmpz_addmul(spp, e, e);
    }
    fmpz_mul(q, q, Dy);
    fmpz_mul(q, q, q);
    fmpz_mul_si(q, q, m);
    fmpq_set_fmpz_frac(f, spp, q);
    if (fmpq_cmp(f, R->upper) < 0)
    {
        fmpq_set(R->upper, f);
        if (fmpq_is_one(alpha))
            qv_set(R->z, z, nd);
        else
            for (i = 0; i < nd; i++)
                fmpq_mul(R->z + i, z + i, alpha);
    }
    _fmpz_vec_clear(P, m);
    _fmpz_vec_clear(Y, m);
    fmpz_clear(den);
    fmpz_clear(Dy);
    fmpz_clear(spy);
    fmpz_clear(spp);
    fmpz_clear(an);
    fmpz_clear(ad);
    fmpz_clear(e);
    fmpz_clear(q);
    fmpq_clear(alpha);
    fmpq_clear(f);
    return 1;
}

/* Offers (r, mu) as a dual certificate: checked exactly by
   basin_dual_bound; the best multiple beta (r, mu), beta >= 0, is used
   (the certificate conditions are homogeneous). */
static void
offer_lower(basin_result_t R, const basin_t B, const fmpq *r, const fmpq *mu)
{
    slong m = B->m, nm = B->n * B->m, t;
    fmpq *rs = _fmpq_vec_init(m), *ms = _fmpq_vec_init(nm);
    fmpq_t ry, rr, beta, lb;
    fmpq_init(ry);
    fmpq_init(rr);
    fmpq_init(beta);
    fmpq_init(lb);
    for (t = 0; t < m; t++)
    {
        fmpq_addmul(ry, r + t, B->y + t);
        fmpq_addmul(rr, r + t, r + t);
    }
    /* bound(beta) = (-beta^2 |r|^2 - 2 beta r.y) / m, best at
       beta = -r.y / |r|^2 */
    if (!fmpq_is_zero(rr) && fmpq_sgn(ry) < 0)
    {
        fmpq_div(beta, ry, rr);
        fmpq_neg(beta, beta);
        qv_scalar_mul(rs, r, m, beta);
        qv_scalar_mul(ms, mu, nm, beta);
        if (basin_dual_bound(lb, B, rs, ms) && fmpq_cmp(R->lower, lb) < 0)
        {
            fmpq_set(R->lower, lb);
            qv_set(R->r, rs, m);
            qv_set(R->mu, ms, nm);
            R->lower_trivial = 0;
        }
    }
    fmpq_clear(ry);
    fmpq_clear(rr);
    fmpq_clear(beta);
    fmpq_clear(lb);
    _fmpq_vec_clear(rs, m);
    _fmpq_vec_clear(ms, nm);
}

/* Most violated constraint of z outside work (by double value of the
   slack over |x_t|); returns 0 if none is violated. */
static int
most_violated(slong *vj, slong *vt, const basin_t B, const fmpq *z)
{
    slong n = B->n, m = B->m, d = B->d, j, t, i;
    fmpq_t s, p;
    double worst = 0.0;
    int found = 0;
    slong fj, ft;
    if (basin_is_feasible(B, z, &fj, &ft))
        return 0; /* the common case, decided on integers */
    fmpq_init(s);
    fmpq_init(p);
    for (j = fj; j < n; j++)
        for (t = 0; t < m; t++)
        {
            fmpq_zero(s);
            for (i = 0; i < d; i++)
            {
                fmpq_mul(p, z + j * d + i, fmpq_mat_entry(B->X, t, i));
                fmpq_add(s, s, p);
            }
            if (fmpq_sgn(s) * B->a[j * m + t] * B->b[j] < 0)
            {
                double v = -fabs(fmpq_get_d(s));
                if (!found || v < worst)
                {
                    worst = v;
                    *vj = j;
                    *vt = t;
                }
                found = 1;
            }
        }
    fmpq_clear(s);
    fmpq_clear(p);
    return found;
}

/* From the feasible z0 towards z1: the largest theta in [0, 1] with
   z0 + theta (z1 - z0) in the cone, then the best point on that segment
   (f is a convex quadratic in theta), offered as an upper bound. */
static void
segment_upper(basin_result_t R, const basin_t B, const fmpq *z0, const fmpq *z1)
{
    slong n = B->n, m = B->m, d = B->d, nd = n * d, j, t, i;
    fmpq *dz = _fmpq_vec_init(nd), *zt = _fmpq_vec_init(nd);
    fmpq *p0 = _fmpq_vec_init(m), *dp = _fmpq_vec_init(m);
    fmpq_t th, g0, g1, q, num, den;
    fmpq_init(th);
    fmpq_init(g0);
    fmpq_init(g1);
    fmpq_init(q);
    fmpq_init(num);
    fmpq_init(den);
    qv_sub(dz, z1, z0, nd);
    fmpq_one(th);
    for (j = 0; j < n; j++)
        for (t = 0; t < m; t++)
        {
            int s = B->a[j * m + t] * B->b[j];
            fmpq_zero(g0);
            fmpq_zero(g1);
            for (i = 0; i < d; i++)
            {
                fmpq_addmul(g0, z0 + j * d + i, fmpq_mat_entry(B->X, t, i));
                fmpq_addmul(g1, dz + j * d + i, fmpq_mat_entry(B->X, t, i));
            }
            if (s < 0)
            {
                fmpq_neg(g0, g0);
                fmpq_neg(g1, g1);
            }
            /* g0 + theta g1 >= 0 needed */
            if (fmpq_sgn(g1) < 0)
            {
                fmpq_div(q, g0, g1);
                fmpq_neg(q, q);
                if (fmpq_cmp(q, th) < 0)
                    fmpq_set(th, q);
            }
        }
    if (fmpq_sgn(th) < 0)
        fmpq_zero(th);
    /* best theta in [0, th]: theta* = (y - p0).dp / |dp|^2 */
    basin_predict(p0, B, z0);
    basin_predict(dp, B, dz);
    for (t = 0; t < m; t++)
    {
        fmpq_sub(q, B->y + t, p0 + t);
        fmpq_addmul(num, q, dp + t);
        fmpq_addmul(den, dp + t, dp + t);
    }
    if (!fmpq_is_zero(den))
    {
        fmpq_div(q, num, den);
        if (fmpq_cmp(q, th) < 0)
            fmpq_set(th, q);
        if (fmpq_sgn(th) < 0)
            fmpq_zero(th);
    }
    qv_scalar_mul(zt, dz, nd, th);
    qv_add(zt, zt, z0, nd);
    offer_upper(R, B, zt);
    _fmpq_vec_clear(dz, nd);
    _fmpq_vec_clear(zt, nd);
    _fmpq_vec_clear(p0, m);
    _fmpq_vec_clear(dp, m);
    fmpq_clear(th);
    fmpq_clear(g0);
    fmpq_clear(g1);
    fmpq_clear(q);
    fmpq_clear(num);
    fmpq_clear(den);
}

/* Rounds the float interpolating point zd (n d entries, scaled by
   2^zexp) to Zn / Dz: integers over a power of two, 60 bits below its
   largest coordinate (non-finite entries give 0). */
static void
interp_round(fmpz *Zn, fmpz_t Dz, const double *zd, slong zexp, slong nd)
{
    slong i, sh;
    int emax = INT_MIN, e;
    for (i = 0; i < nd; i++)
        if (zd[i] != 0.0 && isfinite(zd[i]))
        {
            frexp(zd[i], &e);
            emax = FLINT_MAX(emax, e);
        }
    if (emax == INT_MIN)
        emax = 0;
    /* zd_i ~ Zt_i 2^(emax - 60), |Zt_i| <= 2^60; z~ = Zn / Dz */
    for (i = 0; i < nd; i++)
        fmpz_set_d(Zn + i, isfinite(zd[i]) ? rint(ldexp(zd[i], 60 - emax)) : 0.0);
    sh = zexp + emax - 60;
    fmpz_one(Dz);
    if (sh >= 0)
        _fmpz_vec_scalar_mul_2exp(Zn, Zn, nd, (ulong) sh);
    else
        fmpz_mul_2exp(Dz, Dz, (ulong) (-sh));
}

/* The neq x neq integer system Mc (.) = E of the corrections: with
   x_t = Xz_t / xs_t, z~ = Zn / Dz and y = Y / Dy, the corrections Delta_l
   of the coordinates piv[l] solve, in the unknowns Dy Dz Delta_l,
     p_t = y_t:          sum_l [a_{j_l,t} = +1] Xz_{t,i_l} (.) = xs_t Dz Y_t - Dy P_t,
     <z_j, x_t> = 0:     sum_l [j_l = j] Xz_{t,i_l} (.) = -Dy <Zn_j, Xz_t>,
   with P_t = sum_{j: a_{j,t} = +1} <Zn_j, Xz_t>.  Mc must be zero on
   entry. */
static void
interp_system(fmpz_mat_t Mc, fmpz_mat_t E, const cert_ctx *C, const fmpz *Zn, const fmpz_t Dz, const fmpz *Y,
              const fmpz_t Dy, const slong *rows, const slong *piv, slong neq)
{
    const basin_struct *B = C->B;
    slong n = B->n, m = B->m, d = B->d, i, j, t, l, k;
    fmpz_t s, q;
    fmpz_init(s);
    fmpz_init(q);
    for (k = 0; k < neq; k++)
    {
        fmpz *rhs = fmpz_mat_entry(E, k, 0);
        fmpz_zero(s);
        if (rows[k] < m)
        {
            t = rows[k];
            for (j = 0; j < n; j++)
                if (B->a[j * m + t] > 0)
                    for (i = 0; i < d; i++)
                        fmpz_addmul(s, Zn + j * d + i, fmpz_mat_entry(C->Xz, t, i));
            fmpz_mul(q, C->xs + t, Dz);
            fmpz_mul(rhs, q, Y + t);
            fmpz_submul(rhs, Dy, s);
            for (l = 0; l < neq; l++)
                if (B->a[(piv[l] / d) * m + t] > 0)
                    fmpz_set(fmpz_mat_entry(Mc, k, l), fmpz_mat_entry(C->Xz, t, piv[l] % d));
        }
        else
        {
            j = (rows[k] - m) / m;
            t = (rows[k] - m) % m;
            for (i = 0; i < d; i++)
                fmpz_addmul(s, Zn + j * d + i, fmpz_mat_entry(C->Xz, t, i));
            fmpz_mul(rhs, Dy, s);
            fmpz_neg(rhs, rhs);
            for (l = 0; l < neq; l++)
                if (piv[l] / d == j)
                    fmpz_set(fmpz_mat_entry(Mc, k, l), fmpz_mat_entry(C->Xz, t, piv[l] % d));
        }
    }
    fmpz_clear(s);
    fmpz_clear(q);
}

/* Solves Mc U = den E exactly with den > 0 (den = 1 for neq = 0);
   returns 0 if Mc is singular. */
static int
interp_solve(fmpz_mat_t U, fmpz_t den, const fmpz_mat_t Mc, const fmpz_mat_t E, slong neq)
{
    int ok = 1;
    /* fraction-free LU is the faster for the small systems, p-adic
       lifting for the larger (measured crossover near 24 on this data) */
    if (neq > 24)
        ok = fmpz_mat_solve_dixon_den(U, den, Mc, E);
    else if (neq > 0)
        ok = fmpz_mat_solve_fflu(U, den, Mc, E);
    else
        fmpz_one(den);
    if (ok && fmpz_sgn(den) < 0)
    {
        /* fraction-free LU gives den = det Mc, of either sign */
        fmpz_neg(den, den);
        fmpz_mat_neg(U, U);
    }
    return ok;
}

/* Clamped points: the dual certificate r = Mz - y = e / Den (zero off
   the clamped points), mu_{j,t} = b_j r_t where a_{j,t} = +1, which makes
   every stationarity equation an identity; mu >= 0 exactly when every
   residual has the sign -b of its neurons, and then r . Mz = 0 makes the
   bound equal f(z).  offer_lower checks it. */
static void
offer_clamped_dual(basin_result_t R, const basin_t B, const fmpz *e, const fmpz_t Den)
{
    slong n = B->n, m = B->m, j, t;
    fmpq *r = _fmpq_vec_init(m), *mu = _fmpq_vec_init(n * m);
    for (t = 0; t < m; t++)
    {
        fmpq_set_fmpz_frac(r + t, e + t, Den);
        for (j = 0; j < n; j++)
            if (B->a[j * m + t] > 0)
            {
                if (B->b[j] > 0)
                    fmpq_set(mu + j * m + t, r + t);
                else
                    fmpq_neg(mu + j * m + t, r + t);
            }
    }
    offer_lower(R, B, r, mu);
    _fmpq_vec_clear(r, m);
    _fmpq_vec_clear(mu, n * m);
}

/* Offers z = Znum / Dfin (Znum = Q Zn + Uc at the coordinates piv, Zn /
   Dz elsewhere) with value f as the upper bound if it improves it. */
static void
offer_interp_point(basin_result_t R, const fmpq_t f, const fmpz *Zn, const fmpz_t Dz, const fmpz *Uc,
                   const fmpz_t Q, const fmpz_t Dfin, const slong *piv, slong neq, slong nd)
{
    slong i, l;
    if (fmpq_cmp(f, R->upper) >= 0)
        return;
    fmpq_set(R->upper, f);
    for (i = 0; i < nd; i++)
        fmpq_set_fmpz_frac(R->z + i, Zn + i, Dz);
    for (l = 0; l < neq; l++)
    {
        fmpz_mul(fmpq_numref(R->z + piv[l]), Zn + piv[l], Q);
        fmpz_add(fmpq_numref(R->z + piv[l]), fmpq_numref(R->z + piv[l]), Uc + piv[l]);
        fmpz_set(fmpq_denref(R->z + piv[l]), Dfin);
        fmpq_canonicalise(R->z + piv[l]);
    }
}

/* The corrected point z = Znum / Dfin with Znum = Q Zn + (U_l at piv[l]),
   Q = den Dy, Dfin = Q Dz (all positive): the cone and the predictions
   are decided on these integers, with x_t = Xz_t / xs_t:
     s_{j,t} <z_j, x_t> has the sign of s_{j,t} S_{j,t},
     S_{j,t} = Q <Zn_j, Xz_t> + <U_j, Xz_t>  (U_j = 0 for most j),
     p_t = P_t / (Dfin xs_t), P_t = sum_{j: a_{j,t} = +1} S_{j,t};
   with L = lcm xs_t and w_t = L / xs_t (cert_ctx), r_t = p_t - y_t = e_t / Den,
     e_t = Dy w_t P_t - Dfin L Y_t,  Den = Dfin L Dy,
   and f(z) = sum e_t^2 / (m Den^2).  Nothing here relies on how z was
   found.  Offers z and, with clamped points, their dual certificate;
   returns 0 if z is outside the cone. */
static int
interp_offer(basin_result_t R, const cert_ctx *C, const fmpz *Zn, const fmpz_t Dz, const fmpz *Y,
             const fmpz_t Dy, const fmpz_mat_t U, const fmpz_t den, const slong *piv, slong neq)
{
    const basin_struct *B = C->B;
    slong n = B->n, m = B->m, d = B->d, nd = n * d, j, t, l;
    int ok = 1;
    fmpz *Uc = _fmpz_vec_init(nd), *e = _fmpz_vec_init(m);
    int *hasp = flint_calloc((size_t) n, sizeof(int));
    fmpz_t Q, Dfin, Den, P1, P2, dot, s, q;
    fmpz_init(Q);
    fmpz_init(Dfin);
    fmpz_init(Den);
    fmpz_init(P1);
    fmpz_init(P2);
    fmpz_init(dot);
    fmpz_init(s);
    fmpz_init(q);
    fmpz_mul(Q, den, Dy);
    fmpz_mul(Dfin, Q, Dz);
    fmpz_mul(Den, Dfin, C->L);
    fmpz_mul(Den, Den, Dy);
    for (l = 0; l < neq; l++)
    {
        fmpz_set(Uc + piv[l], fmpz_mat_entry(U, l, 0));
        hasp[piv[l] / d] = 1;
    }
    for (t = 0; t < m && ok; t++)
    {
        fmpz_zero(P1);
        fmpz_zero(P2);
        for (j = 0; j < n && ok; j++)
        {
            int sg, sj = B->a[j * m + t] * B->b[j];
            _fmpz_vec_dot(dot, Zn + j * d, C->Xz->rows[t], d);
            if (B->a[j * m + t] > 0)
                fmpz_add(P1, P1, dot);
            if (hasp[j])
            {
                fmpz_mul(s, dot, Q);
                _fmpz_vec_dot(dot, Uc + j * d, C->Xz->rows[t], d);
                if (B->a[j * m + t] > 0)
                    fmpz_add(P2, P2, dot);
                fmpz_add(s, s, dot);
                sg = fmpz_sgn(s);
            }
            else
                sg = fmpz_sgn(dot);
            if (sg * sj < 0)
                ok = 0;
        }
        /* P_t = Q P1 + P2; e_t = Dy w_t P_t - Dfin L Y_t */
        fmpz_mul(P1, P1, Q);
        fmpz_add(P1, P1, P2);
        fmpz_mul(q, C->w + t, Dy);
        fmpz_mul(e + t, P1, q);
        fmpz_mul(q, Dfin, C->L);
        fmpz_submul(e + t, q, Y + t);
    }
    if (ok)
    {
        fmpq_t f;
        fmpq_init(f);
        _fmpz_vec_dot(fmpq_numref(f), e, e, m);
        fmpz_mul(fmpq_denref(f), Den, Den);
        fmpz_mul_si(fmpq_denref(f), fmpq_denref(f), m);
        fmpq_canonicalise(f);
        offer_interp_point(R, f, Zn, Dz, Uc, Q, Dfin, piv, neq, nd);
        if (!fmpq_is_zero(f))
            offer_clamped_dual(R, B, e, Den);
        fmpq_clear(f);
    }
    _fmpz_vec_clear(Uc, nd);
    _fmpz_vec_clear(e, m);
    flint_free(hasp);
    fmpz_clear(Q);
    fmpz_clear(Dfin);
    fmpz_clear(Den);
    fmpz_clear(P1);
    fmpz_clear(P2);
    fmpz_clear(dot);
    fmpz_clear(s);
    fmpz_clear(q);
    return ok;
}

/* The case Bas = 0, common for overspecified networks: f >= 0, so a
   point of the cone with f = 0 is a minimiser and 0 is exact.  From the
   float interpolating point zd of _basin_interp_d (scaled by 2^zexp),
   rounded to integers over a power of two (interp_round), the neq
   coordinates piv are corrected so that the equations rows hold exactly
   (p_t = y_t, or <z_j, x_t> = 0 for the forced constraints, which give
   p_t = 0 at the clamped points): one neq x neq integer system, solved
   by fraction-free LU or p-adic lifting.  zd has a margin on every other
   constraint and the correction is of rounding size, so the result
   normally lies in the cone; that and f(z) are then decided exactly on
   integers, independently of this construction (interp_offer).  With
   clamped points (all neurons active at t of one output sign b,
   b y_t < 0) the value is sum y_t^2 / m over them, certified by the dual
   certificate of offer_clamped_dual and checked by basin_dual_bound.
   Returns 1 if R->lower = R->upper now (the value is exact). */
static int
interp_certify(basin_result_t R, const cert_ctx *C, const double *zd, slong zexp, const slong *rows,
               const slong *piv, slong neq)
{
    const basin_struct *B = C->B;
    slong n = B->n, m = B->m, d = B->d, nd = n * d;
    int ok;
    fmpz *Zn = _fmpz_vec_init(nd), *Y = _fmpz_vec_init(m);
    fmpz_mat_t Mc, E, U;
    fmpz_t Dz, Dy, den;

    fmpz_init(Dz);
    fmpz_init(Dy);
    fmpz_init(den);
    interp_round(Zn, Dz, zd, zexp, nd);
    common_den(Y, Dy, B->y, m); /* y = Y / Dy */
    fmpz_mat_init(Mc, FLINT_MAX(neq, 1), FLINT_MAX(neq, 1));
    fmpz_mat_init(E, FLINT_MAX(neq, 1), 1);
    fmpz_mat_init(U, FLINT_MAX(neq, 1), 1);
    interp_system(Mc, E, C, Zn, Dz, Y, Dy, rows, piv, neq);
    ok = interp_solve(U, den, Mc, E, neq);
    ok = ok && interp_offer(R, C, Zn, Dz, Y, Dy, U, den, piv, neq);
    ok = ok && fmpq_equal(R->lower, R->upper);
    fmpz_mat_clear(Mc);
    fmpz_mat_clear(E);
    fmpz_mat_clear(U);
    _fmpz_vec_clear(Zn, nd);
    _fmpz_vec_clear(Y, m);
    fmpz_clear(Dz);
    fmpz_clear(Dy);
    fmpz_clear(den);
    return ok;
}

static void
result_resize(basin_result_t R, slong n, slong d, slong m)
{
    if (R->z != NULL)
        _fmpq_vec_clear(R->z, R->n * R->d);
    if (R->r != NULL)
        _fmpq_vec_clear(R->r, R->m);
    if (R->mu != NULL)
        _fmpq_vec_clear(R->mu, R->n * R->m);
    R->n = n;
    R->d = d;
    R->m = m;
    R->z = _fmpq_vec_init(n * d);
    R->r = _fmpq_vec_init(m);
    R->mu = _fmpq_vec_init(n * m);
}

void
basin_value(basin_result_t R, const basin_t B, slong prec)
{
    basin_value_rounds(R, B, prec, BASIN_ROUNDS);
}

/* R before the certification: sized for B, z = 0, bounds [0, 0], no
   value, no counters; the status is set at the end (result_finish). */
static void
result_reset(basin_result_t R, const basin_t B)
{
    result_resize(R, B->n, B->d, B->m); /* R->z = 0 */
    R->is_exact = 0;
    R->certified = 0;
    R->lower_trivial = 1;
    R->iterations = R->active = R->rounds = 0;
    R->float_value = 0.0;
    fmpq_set_si(R->exact, 0, 1);
    fmpq_set_si(R->lower, 0, 1);
    fmpq_set_si(R->width, 0, 1);
    arb_indeterminate(R->enclosure);
}

/* Bas = 0 (interpolation inside the basin): one exact m x m solve from
   the float point zd (scaled by 2^zexp; not changed).  Returns 1 if it
   made the value exact. */
static int
try_interp(basin_result_t R, const cert_ctx *C, const double *zd, slong zexp)
{
    const basin_struct *B = C->B;
    slong m = B->m, nd = B->n * B->d, nm = B->n * B->m, neq;
    double *zi = flint_malloc(sizeof(double) * (size_t) FLINT_MAX(nd, 1));
    slong *rows = flint_malloc(sizeof(slong) * (size_t) (m + nm));
    slong *piv = flint_malloc(sizeof(slong) * (size_t) (m + nm));
    int done;
    memcpy(zi, zd, sizeof(double) * (size_t) nd);
    done = _basin_interp_d(zi, rows, piv, &neq, B, zexp) && interp_certify(R, C, zi, zexp, rows, piv, neq);
    flint_free(zi);
    flint_free(rows);
    flint_free(piv);
    return done;
}

/* The general case: the rounded float point zd (scaled by 2^zexp) with
   its working set work, repaired or projected onto the working face and
   offered, then up to rounds exact active-set rounds (face solve, dual
   certificate, segment fallback, one constraint dropped and one added
   per round).  rounds = 0 with a network start point offers the repaired
   point only.  work is changed. */
static void
exact_rounds(basin_result_t R, const cert_ctx *C, const double *zd, slong zexp, int *work, slong rounds)
{
    const basin_struct *B = C->B;
    slong m = B->m, d = B->d, nd = B->n * d, nm = B->n * m, i, round;
    fmpq *z1 = _fmpq_vec_init(nd), *z0 = _fmpq_vec_init(nd), *zf = _fmpq_vec_init(nd);
    fmpq *zb = _fmpq_vec_init(nd), *r1 = _fmpq_vec_init(m), *mu1 = _fmpq_vec_init(nm);

    /* the rounded float point, exactly; neurons violating a constraint are
       zeroed (z_j = 0 satisfies all of neuron j's constraints) */
    for (i = 0; i < nd; i++)
    {
        bc_fmpq_set_d(z0 + i, isfinite(zd[i]) ? zd[i] : 0.0);
        if (zexp >= 0)
            fmpq_mul_2exp(z0 + i, z0 + i, (ulong) zexp);
        else
            fmpq_div_2exp(z0 + i, z0 + i, (ulong) (-zexp));
    }
    qv_set(zf, z0, nd); /* the rounded float point, before repair */
    if (rounds == 0 && B->start != NULL && basin_repair(z0, B, B->start))
    {
        /* the interval path with the network's interior point: the
           rounded point moved towards it by the least amount that
           reaches the cone (a relative move of rounding size, far
           cheaper than the exact face projection below, whose rationals
           grow to thousands of digits) */
        offer_upper(R, B, z0);
        rounds = -1; /* skip the projection and the rounds */
    }
    else
        /* rounding leaves the constraints of the working set at +-1e-17
           instead of 0: project onto the working face exactly first, so
           that only genuinely violated neurons are zeroed */
        face_project(z0, C, work, zf);
    qv_set(zb, z0, nd); /* the projection round 0 needs, before repair */
    if (rounds >= 0)
    {
        slong vj, vt;
        while (most_violated(&vj, &vt, B, z0))
            for (i = 0; i < d; i++)
                fmpq_zero(z0 + vj * d + i);
        offer_upper(R, B, z0);
    }

    for (round = 0; round < rounds; round++)
    {
        slong nj = -1, nt = -1, vj = -1, vt = -1;
        int dual_ok, primal_ok, changed = 0;
        R->rounds = round + 1;
        if (B->progress != NULL)
            B->progress(B->progress_ctx, BASIN_STAGE_EXACT, round + 1, 0);
        if (round > 0) /* round 0: work unchanged since the projection above */
            face_project(zb, C, work, zf);
        if (!face_solve(z1, r1, C, work, zb))
            break;
        dual_ok = dual_solve(mu1, &nj, &nt, C, r1, work);
        if (dual_ok)
            offer_lower(R, B, r1, mu1);
        primal_ok = offer_upper(R, B, z1);
        if (!primal_ok)
            segment_upper(R, B, z0, z1);
        if (fmpq_equal(R->lower, R->upper))
            break;
        /* exact active-set step: drop the most negative multiplier, add
           the most violated constraint */
        if (!dual_ok && nj >= 0)
        {
            work[nj * m + nt] = 0;
            changed = 1;
        }
        if (!primal_ok && most_violated(&vj, &vt, B, z1) && !work[vj * m + vt])
        {
            work[vj * m + vt] = 1;
            changed = 1;
        }
        if (!changed)
            break;
    }

    _fmpq_vec_clear(z1, nd);
    _fmpq_vec_clear(z0, nd);
    _fmpq_vec_clear(zf, nd);
    _fmpq_vec_clear(zb, nd);
    _fmpq_vec_clear(r1, m);
    _fmpq_vec_clear(mu1, nm);
}

/* The status from the bounds found: exact when they meet, else an
   interval; the enclosure [lower, upper] at precision prec. */
static void
result_finish(basin_result_t R, slong prec)
{
    arb_t lo, hi;
    R->certified = 1;
    fmpq_neg(R->width, R->lower);
    fmpq_add(R->width, R->width, R->upper);
    if (fmpq_is_zero(R->width))
    {
        R->status = BASIN_EXACT;
        R->is_exact = 1;
        fmpq_set(R->exact, R->upper);
    }
    else
        R->status = BASIN_INTERVAL;
    arb_init(lo);
    arb_init(hi);
    arb_set_fmpq(lo, R->lower, prec);
    arb_set_fmpq(hi, R->upper, prec);
    arb_union(R->enclosure, lo, hi, prec);
    arb_clear(lo);
    arb_clear(hi);
}

void
basin_value_rounds(basin_result_t R, const basin_t B, slong prec, slong rounds)
{
    slong nd = B->n * B->d, nm = B->n * B->m, i;
    double *zd;
    double *lam;
    int *work;
    slong zexp, iters;
    cert_ctx C;

    result_reset(R, B);
    if (B->loss != BASIN_LOSS_SQUARED)
    {
        R->status = BASIN_UNSUPPORTED;
        fmpq_set_si(R->upper, 0, 1);
        return;
    }

    /* trivial bounds: z = 0 is in every cone (f = |y|^2/m); f >= 0 */
    basin_objective(R->upper, B, R->z); /* R->z is 0 here */

    zd = flint_malloc(sizeof(double) * (size_t) FLINT_MAX(nd, 1));
    lam = flint_malloc(sizeof(double) * (size_t) FLINT_MAX(nm, 1));
    work = flint_malloc(sizeof(int) * (size_t) FLINT_MAX(nm, 1));
    R->float_value = _basin_solve_d(zd, &zexp, work, lam, &iters, B);
    R->iterations = iters;
    for (i = 0; i < nm; i++)
        R->active += work[i] != 0;

    ctx_init(&C, B);
    if (B->progress != NULL)
        B->progress(B->progress_ctx, BASIN_STAGE_EXACT, 0, 0);
    if (rounds > 0 && try_interp(R, &C, zd, zexp))
        R->rounds = 1;
    else
        exact_rounds(R, &C, zd, zexp, work, rounds);
    ctx_clear(&C);
    if (B->progress != NULL)
        B->progress(B->progress_ctx, BASIN_STAGE_DONE, 0, 0);
    result_finish(R, prec);

    flint_free(zd);
    flint_free(lam);
    flint_free(work);
}
