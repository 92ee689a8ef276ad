/* basin_solve.c -- floating-point solve of the basin QP (Def 2): a primal
   active-set method.

   Why this method: the feasible set is a cone containing z = 0, so a
   feasible start is free; the objective is a least-squares function,
   bounded below, so every equality-constrained subproblem has a minimiser
   (the least-norm step is taken when the Hessian is singular, e.g. for
   inactive neurons or rank-deficient X); and the final working set is
   exactly what the exact certification (basin_certify.c) needs: the face
   on which to solve the KKT system over Q.  The output only guides the
   certificate, so its tolerances affect tightness, never soundness.

   Working set W_j of neuron j: points t with <z_j, x_t> = 0 held; the
   x_t (t in W_j) are kept linearly independent (a blocking constraint
   always is, since the step is orthogonal to the others and not to it).
   With Pi_j the projector onto span{x_t : t in W_j}^perp, the least-norm
   step minimising |M(z + p) - y|^2 over p_j in range(Pi_j) is
   p_j = Pi_j sum_{t: a=+1} c_t x_t with c = -(A A^T)^+ r, where
   (A A^T)_{t,u} = sum_{j: a_{j,t}=a_{j,u}=+1} <Pi_j x_t, Pi_j x_u> (m x m,
   small), r = Mz - y. */
#include <math.h>
#include <string.h>

#include "basin.h"

static double
dotd(const double *u, const double *v, slong d)
{
    double s = 0.0;
    slong i;
    for (i = 0; i < d; i++)
        s += u[i] * v[i];
    return s;
}

/* log2 size of a rational, within 1 */
static slong
qexp(const fmpq_t q)
{
    return (slong) fmpz_bits(fmpq_numref(q)) - (slong) fmpz_bits(fmpq_denref(q));
}

/* One modified Gram-Schmidt sweep: v -= <U_l, v> U_l for the k
   orthonormal rows U_l (length d) in turn, each coefficient taken from
   the v already reduced by the earlier rows. */
static void
mgs_sweep(double *v, const double *U, slong k, slong d)
{
    slong l, i;
    for (l = 0; l < k; l++)
    {
        double c = dotd(U + l * d, v, d);
        for (i = 0; i < d; i++)
            v[i] -= c * U[l * d + i];
    }
}

/* Orthonormal basis U (k x d rows) of span{x_t : work_j[t]}; returns k. */
static slong
span_basis(double *U, const double *X, const int *wj, slong m, slong d)
{
    slong t, k = 0, l, pass;
    double *v = flint_malloc(sizeof(double) * (size_t) d);
    for (t = 0; t < m; t++)
    {
        double nx, nv;
        if (!wj[t])
            continue;
        memcpy(v, X + t * d, sizeof(double) * (size_t) d);
        nx = sqrt(dotd(v, v, d));
        for (pass = 0; pass < 2; pass++) /* twice is enough (Kahan) */
            mgs_sweep(v, U, k, d);
        nv = sqrt(dotd(v, v, d));
        if (nv <= 1e-12 * nx || nv == 0.0)
            continue;
        for (l = 0; l < d; l++)
            U[k * d + l] = v[l] / nv;
        k++;
    }
    flint_free(v);
    return k;
}

/* out = Pi x = x - U^T U x */
static void
project(double *out, const double *U, slong k, const double *x, slong d)
{
    slong l, i;
    memcpy(out, x, sizeof(double) * (size_t) d);
    for (l = 0; l < k; l++)
    {
        double c = dotd(U + l * d, x, d);
        for (i = 0; i < d; i++)
            out[i] -= c * U[l * d + i];
    }
}

/* Orthonormal basis Z (rows) of the orthogonal complement of the rows of
   U (k x d, orthonormal): greedy over the unit vectors, the one with the
   largest residual first (the residual norms squared sum to d - k, so
   the chosen ones are never tiny).  Returns the number of rows. */
static slong
complement_basis(double *Z, const double *U, slong k, slong d, double *v)
{
    slong q = 0, i, l, pass, best;
    while (q < d - k)
    {
        double bn = 1e-16;
        best = -1;
        for (i = 0; i < d; i++)
        {
            double nv;
            memset(v, 0, sizeof(double) * (size_t) d);
            v[i] = 1.0;
            for (pass = 0; pass < 2; pass++)
            {
                mgs_sweep(v, U, k, d);
                mgs_sweep(v, Z, q, d);
            }
            nv = dotd(v, v, d);
            if (nv > bn)
            {
                bn = nv;
                best = i;
                memcpy(Z + q * d, v, sizeof(double) * (size_t) d);
            }
        }
        if (best < 0)
            break;
        bn = sqrt(bn);
        for (l = 0; l < d; l++)
            Z[q * d + l] /= bn;
        q++;
    }
    return q;
}

/* Cholesky with diagonal pivoting of the m x m positive semidefinite G,
   stopped when the largest remaining pivot is <= cut (the first stage of
   psd_lsq): sets perm to the pivot order and column k of L (in pivot
   order) to L[k * m + i], i >= k; returns the numerical rank.  G is
   overwritten. */
static slong
pivoted_cholesky(double *L, slong *perm, double *G, slong m, double cut)
{
    slong k, i, l, rank = 0;
    for (i = 0; i < m; i++)
        perm[i] = i;
    /* rows and columns swapped physically (contiguous access), only the
       upper triangle G[i * m + j], i <= j, updated */
    for (k = 0; k < m; k++)
    {
        slong best = k;
        double piv;
        for (i = k + 1; i < m; i++)
            if (G[i * m + i] > G[best * m + best])
                best = i;
        piv = G[best * m + best];
        if (!(piv > cut) || !(piv > 0.0))
            break;
        if (best != k)
        {
            double tmp;
            slong ti;
            /* swap indices k < best of the symmetric remaining block and
               the finished rows of L */
            for (i = k + 1; i < m; i++)
            {
                double *a1, *a2;
                if (i == best)
                    continue;
                a1 = G + (k < i ? k * m + i : i * m + k);
                a2 = G + (best < i ? best * m + i : i * m + best);
                tmp = *a1;
                *a1 = *a2;
                *a2 = tmp;
            }
            tmp = G[k * m + k];
            G[k * m + k] = G[best * m + best];
            G[best * m + best] = tmp;
            for (l = 0; l < k; l++)
            {
                tmp = L[l * m + k];
                L[l * m + k] = L[l * m + best];
                L[l * m + best] = tmp;
            }
            ti = perm[k];
            perm[k] = perm[best];
            perm[best] = ti;
        }
        piv = sqrt(piv);
        {
            double *lk = L + k * m;
            const double *gk = G + k * m;
            lk[k] = piv;
            for (i = k + 1; i < m; i++)
                lk[i] = gk[i] / piv;
            for (l = k + 1; l < m; l++)
            {
                double *gl = G + l * m, f = lk[l];
                if (f == 0.0)
                    continue;
                for (i = l; i < m; i++)
                    gl[i] -= f * lk[i];
            }
        }
        rank++;
    }
    return rank;
}

/* Solves S^T x = v in place, S lower triangular (nr x nr, row-major):
   the second half of a solve with the Cholesky factor S S^T. */
static void
back_solve_lt(double *v, const double *S, slong nr)
{
    slong q, l;
    for (q = nr - 1; q >= 0; q--)
    {
        for (l = q + 1; l < nr; l++)
            v[q] -= S[l * nr + q] * v[l];
        v[q] /= S[q * nr + q];
    }
}

/* The Woodbury correction of psd_lsq: u -= E^T (I + E E^T)^{-1} E u
   with S = I + E E^T (nr x nr) factorised in place of G by plain
   Cholesky (S >= I); v (nr) is a workspace. */
static void
woodbury_correct(double *u, double *v, double *G, const double *E, slong rank, slong nr, slong m)
{
    slong q, l, k, i;
    double *S = G;
    for (q = 0; q < nr; q++)
    {
        for (l = 0; l <= q; l++)
        {
            double x = q == l ? 1.0 : 0.0;
            for (k = 0; k < rank; k++)
                x += E[q * m + k] * E[l * m + k];
            S[q * nr + l] = x;
        }
        v[q] = 0.0;
        for (k = 0; k < rank; k++)
            v[q] += E[q * m + k] * u[k];
    }
    for (q = 0; q < nr; q++)
    {
        double x = S[q * nr + q];
        for (l = 0; l < q; l++)
            x -= S[q * nr + l] * S[q * nr + l];
        S[q * nr + q] = sqrt(x);
        for (i = q + 1; i < nr; i++)
        {
            double y = S[i * nr + q];
            for (l = 0; l < q; l++)
                y -= S[i * nr + l] * S[q * nr + l];
            S[i * nr + q] = y / S[q * nr + q];
        }
    }
    for (q = 0; q < nr; q++)
    {
        for (l = 0; l < q; l++)
            v[q] -= S[q * nr + l] * v[l];
        v[q] /= S[q * nr + q];
    }
    back_solve_lt(v, S, nr);
    for (q = 0; q < nr; q++)
        for (k = 0; k < rank; k++)
            u[k] -= E[q * m + k] * v[q];
}

/* The least-norm correction of psd_lsq: the null space of L^T is
   spanned by the columns of N = [-E^T; I] (pivot order); c - N (N^T N)^{-1}
   N^T c with N^T N = S = I + E E^T, factorised by woodbury_correct in G.
   v holds c_P (rank) on entry and on exit; sets c_R, u is a workspace. */
static void
leastnorm_correct(double *c, double *v, double *u, const double *G, const double *E, const slong *perm,
                  slong rank, slong nr, slong m)
{
    /* N^T c = -E c_P (c_R = 0); y = S^{-1} N^T c in u; then
       c_P += E^T y, c_R = -y */
    slong q, l, k;
    const double *S = G;
    for (q = 0; q < nr; q++)
    {
        double x = 0.0;
        for (k = 0; k < rank; k++)
            x -= E[q * m + k] * v[k];
        for (l = 0; l < q; l++)
            x -= S[q * nr + l] * u[l];
        u[q] = x / S[q * nr + q];
    }
    back_solve_lt(u, S, nr);
    for (q = 0; q < nr; q++)
    {
        for (k = 0; k < rank; k++)
            v[k] += E[q * m + k] * u[q];
        c[perm[rank + q]] = -u[q];
    }
}

/* c = -(A A^T)^+ r up to null(A A^T), which A^T does not see: sets c (m)
   to a least-squares solution of G c = -r for the m x m positive
   semidefinite G (overwritten), from a Cholesky factorisation with
   diagonal pivoting G ~ L L^T stopped when the largest remaining pivot
   is <= cut (L: m x k, k the numerical rank; L_P its k pivot rows, lower
   triangular, L_R the others), then w minimising |L w + r| and
   L_P^T c_P = w on the pivot rows (c = 0 elsewhere): G c = L w =
   -(projection of r onto range G).  Every least-squares solution gives
   the same step A^T c.  The least-squares problem is solved in the
   coordinates u = L_P w: with E = L_R L_P^{-1} its normal equations are
   (I + E^T E) u = -(r_P + E^T r_R), solved through the (m - k) x (m - k)
   matrix I + E E^T (Woodbury), so that the usual full-rank case costs
   the factorisation and two triangular solves, and a few dependent rows
   cost little more (a QR of L would cost 4 m k^2 per step).  I + E^T E
   has eigenvalues >= 1: no loss of accuracy beyond that of L_P.  With
   leastnorm set, c is then made the least-norm solution: the null space
   of L^T is spanned by the columns of N = [-E^T; I] (pivot order), and
   c - N (N^T N)^{-1} N^T c uses the same N^T N = I + E E^T.  L, E
   (m * m each) are workspaces. */
static void
psd_lsq(double *c, double *G, const double *r, slong m, double cut, double *L, double *E, int leastnorm)
{
    slong k, i, l, q, rank, nr;
    slong *perm = flint_malloc(sizeof(slong) * (size_t) m);
    double *u = flint_malloc(sizeof(double) * (size_t) m);
    double *v = flint_malloc(sizeof(double) * (size_t) m);
    rank = pivoted_cholesky(L, perm, G, m, cut);
    for (i = 0; i < m; i++)
        c[i] = 0.0;
    nr = m - rank;
    if (rank > 0)
    {
        /* row q of E solves L_P^T e = (row rank + q of L), backwards */
        for (q = 0; q < nr; q++)
        {
            double *e = E + q * m;
            for (k = rank - 1; k >= 0; k--)
            {
                const double *lk = L + k * m;
                double x = lk[rank + q];
                for (l = k + 1; l < rank; l++)
                    x -= lk[l] * e[l];
                e[k] = x / lk[k];
            }
        }
        /* u = -(r_P + E^T r_R), in pivot order */
        for (k = 0; k < rank; k++)
            u[k] = -r[perm[k]];
        for (q = 0; q < nr; q++)
        {
            double rq = r[perm[rank + q]];
            for (k = 0; k < rank; k++)
                u[k] -= E[q * m + k] * rq;
        }
        if (nr > 0)
            /* G is no longer needed: it holds S = I + E E^T */
            woodbury_correct(u, v, G, E, rank, nr, m);
        /* w = L_P^{-1} u (in u, by columns), then L_P^T c_P = w */
        for (k = 0; k < rank; k++)
        {
            const double *lk = L + k * m;
            u[k] /= lk[k];
            for (i = k + 1; i < rank; i++)
                u[i] -= lk[i] * u[k];
        }
        for (k = rank - 1; k >= 0; k--)
        {
            const double *lk = L + k * m;
            double x = u[k];
            for (l = k + 1; l < rank; l++)
                x -= lk[l] * v[l];
            v[k] = x / lk[k];
        }
        if (leastnorm && nr > 0)
            leastnorm_correct(c, v, u, G, E, perm, rank, nr, m);
        for (k = 0; k < rank; k++)
            c[perm[k]] = v[k];
    }
    flint_free(perm);
    flint_free(u);
    flint_free(v);
}

/* Workspace of the reduced (null-space) step.  Everything is kept per
   neuron in fixed slots (slot j d + c: the c-th face basis vector of
   neuron j) and recomputed only for the neurons whose working set
   changed: the face changes by one constraint per iteration.  Memory is
   O(n d^2 + n m d + m^2): nothing of size (n d)^2. */
typedef struct
{
    double *Zc;   /* n * d * d: per neuron q[j] orthonormal face vectors, Zc[(j d + c) d + i] */
    slong *q;     /* n: their numbers */
    double *MZ;   /* n * d * m: column (j d + c) of M Z, MZ[(j d + c) m + t] */
    int *fresh;   /* n: Zc, MZ of neuron j match its current working set */
    int *chg;     /* n: neuron j was recomputed in this call */
    slong *cols;  /* m: slots of the compact columns, this call */
    slong *pcols; /* m: and the last call's */
    slong K, pK;  /* their numbers */
    slong *slot;  /* n * d: compact index in the last call, or -1 */
    double *Hc;   /* m * m: Z^T H Z of this call (compact, lower triangle) */
    double *pHc;  /* m * m: of the last call */
    double *Hw;   /* m * m: copy destroyed by psd_lsq */
    double *L, *E;
    double *u, *g; /* m: Z^T M^T r, the step's coordinates */
    double *v;     /* d: scratch */
} reduced_ws;

/* The least-norm step p minimising |M(z + p) - y|^2 over p_j orthogonal
   to the working rows (U_j, kj[j]), in the K = sum_j (d - kj[j])
   coordinates of the face: p = Z u, u = -(Z^T H Z)^+ Z^T M^T r with
   H = M^T M.  Used when K < m: the face dimension, not the number of
   points, sets the cost.  Z^T H Z = (MZ)^T (MZ) has the non-zero
   spectrum of M Pi M^T, so the cut-off cut means the same as in the
   m x m formulation; Z is orthonormal per block, so the least-norm u
   gives the least-norm p.  Entries of Z^T H Z between two neurons that
   did not change are copied from the last call. */
static void
reduced_step(double *p, reduced_ws *S, const double *U, const slong *kj, const double *X, const double *r,
             const basin_t B, double cut)
{
    slong n = B->n, m = B->m, d = B->d, nd = n * d, j, t, i, c, c2, K = 0;
    for (j = 0; j < n; j++)
    {
        S->chg[j] = !S->fresh[j];
        if (S->fresh[j])
            continue;
        S->q[j] = complement_basis(S->Zc + j * d * d, U + j * d * d, kj[j], d, S->v);
        for (c = 0; c < S->q[j]; c++)
        {
            const double *zc = S->Zc + (j * d + c) * d;
            double *col = S->MZ + (j * d + c) * m;
            for (t = 0; t < m; t++)
                col[t] = B->a[j * m + t] > 0 ? dotd(zc, X + t * d, d) : 0.0;
        }
        S->fresh[j] = 1;
    }
    for (j = 0; j < n; j++)
        for (c = 0; c < S->q[j]; c++)
            S->cols[K++] = j * d + c; /* K < m: the caller checked */
    memset(p, 0, sizeof(double) * (size_t) nd);
    if (K > 0)
    {
        /* u = (MZ)^T r; Z^T H Z = (MZ)^T (MZ), copied where possible */
        for (c = 0; c < K; c++)
        {
            const double *mc = S->MZ + S->cols[c] * m;
            slong jc = S->cols[c] / d, oc = S->slot[S->cols[c]];
            S->u[c] = dotd(mc, r, m);
            for (c2 = 0; c2 <= c; c2++)
            {
                slong jc2 = S->cols[c2] / d, oc2 = S->slot[S->cols[c2]];
                double h;
                if (!S->chg[jc] && !S->chg[jc2] && oc >= 0 && oc2 >= 0)
                    h = oc >= oc2 ? S->pHc[oc * m + oc2] : S->pHc[oc2 * m + oc];
                else
                    h = dotd(mc, S->MZ + S->cols[c2] * m, m);
                S->Hc[c * m + c2] = h;
                S->Hw[c * K + c2] = S->Hw[c2 * K + c] = h;
            }
        }
        /* g = -(Z^T H Z)^+ u, least-norm, with the relative cut-off */
        psd_lsq(S->g, S->Hw, S->u, K, cut, S->L, S->E, 1);
        for (c = 0; c < K; c++)
        {
            const double *zc = S->Zc + S->cols[c] * d;
            double *pj = p + (S->cols[c] / d) * d;
            for (i = 0; i < d; i++)
                pj[i] += S->g[c] * zc[i];
        }
    }
    /* this call's compact layout becomes the last call's */
    for (c = 0; c < S->pK; c++)
        S->slot[S->pcols[c]] = -1;
    for (c = 0; c < K; c++)
        S->slot[S->cols[c]] = c;
    {
        slong *tc = S->pcols;
        double *th = S->pHc;
        S->pcols = S->cols;
        S->cols = tc;
        S->pHc = S->Hc;
        S->Hc = th;
    }
    S->pK = K;
}

/* Everything the face step needs, allocated once per solve: the scaled
   data X (m x d), the row norms xn, and the workspaces of both step
   formulations. */
typedef struct
{
    const basin_struct *B;
    const double *X, *xn;
    double wmax;                 /* eigenvalue scale: max_t |x_t|^2 #{j : a_{j,t} = +1} */
    double *U;                   /* n * d * d: orthonormal rows of each span{x_t : t in W_j} */
    slong *kj;                   /* n: their numbers */
    double *PX, *AA, *V, *w, *c; /* V, w: m x m workspaces of psd_lsq */
    double *px;                  /* m * d: one neuron's new projected rows */
    reduced_ws S;
    /* the face changes by one constraint per iteration: each neuron's
       span basis and projected rows PX (n m d) are recomputed only when
       its working set row differs from prev */
    int *prev;     /* n * m: the working set of the last call */
    int *fresh_u;  /* n: U_j, kj[j] match prev */
    int *fresh_px; /* n: PX of neuron j matches prev */
    /* AAs = sum_j A_j A_j^T, (A_j A_j^T)_{t,u} = <PX_{j,t}, PX_{j,u}> over
       the points active at j (lower triangle), kept up to date by
       subtracting a changed neuron's old contribution and adding its new
       one (n m^2 d / 2 flops per step otherwise); summed afresh every
       ACC_FRESH updates, so that rounding cannot accumulate */
    double *AAs;
    slong updates; /* updates since AAs was last summed afresh, -1: never */
} step_ws;

#define ACC_FRESH 64

static void
step_ws_init(step_ws *W, const basin_t B, const double *X, const double *xn)
{
    slong n = B->n, m = B->m, d = B->d, nd = n * d, j, t;
    W->B = B;
    W->X = X;
    W->xn = xn;
    /* eigenvalue cut-off relative to the unprojected scale, so that a
       face on which no prediction can move (all of A ~ 0) gives a zero
       step */
    W->wmax = 0.0;
    for (t = 0; t < m; t++)
    {
        double s = 0.0;
        for (j = 0; j < n; j++)
            if (B->a[j * m + t] > 0)
                s += xn[t] * xn[t];
        W->wmax = FLINT_MAX(W->wmax, s);
    }
    W->U = flint_malloc(sizeof(double) * (size_t) (nd * d));
    W->kj = flint_malloc(sizeof(slong) * (size_t) n);
    W->PX = flint_malloc(sizeof(double) * (size_t) (n * m * d));
    W->px = flint_malloc(sizeof(double) * (size_t) (m * d));
    W->AA = flint_malloc(sizeof(double) * (size_t) (m * m));
    W->AAs = flint_malloc(sizeof(double) * (size_t) (m * m));
    W->V = flint_malloc(sizeof(double) * (size_t) (m * m));
    W->w = flint_malloc(sizeof(double) * (size_t) (m * m));
    W->c = flint_malloc(sizeof(double) * (size_t) m);
    W->S.Zc = flint_malloc(sizeof(double) * (size_t) (nd * d));
    W->S.q = flint_calloc((size_t) n, sizeof(slong));
    W->S.MZ = flint_malloc(sizeof(double) * (size_t) (nd * m));
    W->S.fresh = flint_calloc((size_t) n, sizeof(int));
    W->S.chg = flint_calloc((size_t) n, sizeof(int));
    W->S.cols = flint_malloc(sizeof(slong) * (size_t) m);
    W->S.pcols = flint_malloc(sizeof(slong) * (size_t) m);
    W->S.K = W->S.pK = 0;
    W->S.slot = flint_malloc(sizeof(slong) * (size_t) nd);
    for (j = 0; j < nd; j++)
        W->S.slot[j] = -1;
    W->S.Hc = flint_malloc(sizeof(double) * (size_t) (m * m));
    W->S.pHc = flint_malloc(sizeof(double) * (size_t) (m * m));
    W->S.Hw = flint_malloc(sizeof(double) * (size_t) (m * m));
    W->S.L = flint_malloc(sizeof(double) * (size_t) (m * m));
    W->S.E = flint_malloc(sizeof(double) * (size_t) (m * m));
    W->S.u = flint_malloc(sizeof(double) * (size_t) m);
    W->S.g = flint_malloc(sizeof(double) * (size_t) m);
    W->S.v = flint_malloc(sizeof(double) * (size_t) d);
    W->prev = flint_malloc(sizeof(int) * (size_t) (n * m));
    W->fresh_u = flint_calloc((size_t) n, sizeof(int));
    W->fresh_px = flint_calloc((size_t) n, sizeof(int));
    W->updates = -1;
}

static void
step_ws_clear(step_ws *W)
{
    flint_free(W->U);
    flint_free(W->kj);
    flint_free(W->PX);
    flint_free(W->px);
    flint_free(W->AA);
    flint_free(W->AAs);
    flint_free(W->V);
    flint_free(W->w);
    flint_free(W->c);
    flint_free(W->S.Zc);
    flint_free(W->S.q);
    flint_free(W->S.MZ);
    flint_free(W->S.fresh);
    flint_free(W->S.chg);
    flint_free(W->S.cols);
    flint_free(W->S.pcols);
    flint_free(W->S.slot);
    flint_free(W->S.Hc);
    flint_free(W->S.pHc);
    flint_free(W->S.Hw);
    flint_free(W->S.L);
    flint_free(W->S.E);
    flint_free(W->S.u);
    flint_free(W->S.g);
    flint_free(W->S.v);
    flint_free(W->prev);
    flint_free(W->fresh_u);
    flint_free(W->fresh_px);
}

/* AAs (lower triangle) += sign * sum over the points t, u active at j of
   <P_t, P_u>, P_t = P + t d. */
static void
gram_acc(double *AAs, const double *P, const basin_t B, slong j, double sign)
{
    slong m = B->m, d = B->d, t, u;
    for (t = 0; t < m; t++)
        if (B->a[j * m + t] > 0)
            for (u = 0; u <= t; u++)
                if (B->a[j * m + u] > 0)
                    AAs[t * m + u] += sign * dotd(P + t * d, P + u * d, d);
}

/* The least-norm step p (n * d) minimising |M(z + p) - y|^2 over the face
   of the working set work, given r = Mz - y: in the K face coordinates
   when K < m (reduced_step), else in the m x m formulation
   c = -(A A^T)^+ r of the top of this file. */
static void
face_step(double *p, step_ws *W, const double *r, const int *work)
{
    const basin_struct *B = W->B;
    const double *X = W->X;
    slong n = B->n, m = B->m, d = B->d, j, t, u, i, Ktot = 0;
    for (j = 0; j < n; j++)
    {
        if (!W->fresh_u[j] || memcmp(work + j * m, W->prev + j * m, sizeof(int) * (size_t) m))
        {
            memcpy(W->prev + j * m, work + j * m, sizeof(int) * (size_t) m);
            W->kj[j] = span_basis(W->U + j * d * d, X, work + j * m, m, d);
            W->fresh_u[j] = 1;
            W->fresh_px[j] = 0;
            W->S.fresh[j] = 0;
        }
        Ktot += d - W->kj[j];
    }
    if (Ktot < m)
    {
        reduced_step(p, &W->S, W->U, W->kj, X, r, B, 1e-12 * W->wmax);
        return;
    }
    /* the m x m formulation: fewer points than face dimensions */
    for (j = 0; j < n; j++)
    {
        double *PXj = W->PX + j * m * d;
        int incr = W->updates >= 0 && W->updates < ACC_FRESH;
        if (W->fresh_px[j])
            continue;
        for (t = 0; t < m; t++)
            if (B->a[j * m + t] > 0)
                project(W->px + t * d, W->U + j * d * d, W->kj[j], X + t * d, d);
        if (incr)
        {
            gram_acc(W->AAs, PXj, B, j, -1.0);
            gram_acc(W->AAs, W->px, B, j, 1.0);
            W->updates++;
        }
        else
            W->updates = ACC_FRESH; /* forces the fresh sum below */
        memcpy(PXj, W->px, sizeof(double) * (size_t) (m * d));
        W->fresh_px[j] = 1;
    }
    if (W->updates < 0 || W->updates >= ACC_FRESH)
    {
        memset(W->AAs, 0, sizeof(double) * (size_t) (m * m));
        for (j = 0; j < n; j++)
            gram_acc(W->AAs, W->PX + j * m * d, B, j, 1.0);
        W->updates = 0;
    }
    for (t = 0; t < m; t++)
        for (u = 0; u <= t; u++)
            W->AA[t * m + u] = W->AA[u * m + t] = W->AAs[t * m + u];
    psd_lsq(W->c, W->AA, r, m, 1e-12 * W->wmax, W->V, W->w, 0);
    for (j = 0; j < n; j++)
    {
        for (i = 0; i < d; i++)
            p[j * d + i] = 0.0;
        for (t = 0; t < m; t++)
            if (B->a[j * m + t] > 0)
                for (i = 0; i < d; i++)
                    p[j * d + i] += W->c[t] * W->PX[(j * m + t) * d + i];
    }
}

/* Power-of-two scaling so that data and targets are O(1) in double
   (exact data may be far outside the double range): sets X (m x d),
   y (m) and xn (m, the row norms) to the data divided by 2^ex and the
   targets divided by 2^ey, ex and ey the largest binary exponents (*pey
   set to ey if not NULL); returns ey - ex, the exponent that takes a
   scaled z back to the original. */
static slong
scaled_data(double *X, double *y, double *xn, slong *pey, const basin_t B)
{
    slong m = B->m, d = B->d, t, i, ex = WORD_MIN, ey = WORD_MIN;
    fmpq_t q;
    fmpq_init(q);
    for (t = 0; t < m; t++)
    {
        for (i = 0; i < d; i++)
            if (!fmpq_is_zero(fmpq_mat_entry(B->X, t, i)))
                ex = FLINT_MAX(ex, qexp(fmpq_mat_entry(B->X, t, i)));
        if (!fmpq_is_zero(B->y + t))
            ey = FLINT_MAX(ey, qexp(B->y + t));
    }
    if (ex == WORD_MIN)
        ex = 0;
    if (ey == WORD_MIN)
        ey = 0;
    for (t = 0; t < m; t++)
    {
        for (i = 0; i < d; i++)
        {
            if (ex >= 0)
                fmpq_div_2exp(q, fmpq_mat_entry(B->X, t, i), (ulong) ex);
            else
                fmpq_mul_2exp(q, fmpq_mat_entry(B->X, t, i), (ulong) (-ex));
            X[t * d + i] = fmpq_get_d(q);
        }
        if (y != NULL)
        {
            if (ey >= 0)
                fmpq_div_2exp(q, B->y + t, (ulong) ey);
            else
                fmpq_mul_2exp(q, B->y + t, (ulong) (-ey));
            y[t] = fmpq_get_d(q);
        }
        xn[t] = sqrt(dotd(X + t * d, X + t * d, d));
    }
    fmpq_clear(q);
    if (pey != NULL)
        *pey = ey;
    return ey - ex;
}

/* Sets z (n * d) to the network's own point B->start divided by
   2^zexp, or to 0 without one. */
static void
scaled_start(double *z, const basin_t B, slong zexp)
{
    slong i, nd = B->n * B->d;
    fmpq_t q;
    for (i = 0; i < nd; i++)
        z[i] = 0.0;
    if (B->start == NULL)
        return;
    fmpq_init(q);
    for (i = 0; i < nd; i++)
    {
        if (zexp >= 0)
            fmpq_div_2exp(q, B->start + i, (ulong) zexp);
        else
            fmpq_mul_2exp(q, B->start + i, (ulong) (-zexp));
        z[i] = fmpq_get_d(q);
        if (!isfinite(z[i]))
            z[i] = 0.0;
    }
    fmpq_clear(q);
}

/* Least-squares solve of the small SPD-ish system G mu = h (k x k) by
   Gaussian elimination with partial pivoting; singular pivots give 0. */
static void
small_solve(double *mu, double *G, double *h, slong k)
{
    slong i, j, l;
    for (i = 0; i < k; i++)
    {
        slong p = i;
        for (j = i + 1; j < k; j++)
            if (fabs(G[j * k + i]) > fabs(G[p * k + i]))
                p = j;
        if (p != i)
        {
            for (l = 0; l < k; l++)
            {
                double tmp = G[i * k + l];
                G[i * k + l] = G[p * k + l];
                G[p * k + l] = tmp;
            }
            {
                double tmp = h[i];
                h[i] = h[p];
                h[p] = tmp;
            }
        }
        if (fabs(G[i * k + i]) < 1e-300)
            continue;
        for (j = i + 1; j < k; j++)
        {
            double f = G[j * k + i] / G[i * k + i];
            for (l = i; l < k; l++)
                G[j * k + l] -= f * G[i * k + l];
            h[j] -= f * h[i];
        }
    }
    for (i = k - 1; i >= 0; i--)
    {
        double s = h[i];
        for (l = i + 1; l < k; l++)
            s -= G[i * k + l] * mu[l];
        mu[i] = fabs(G[i * k + i]) < 1e-300 ? 0.0 : s / G[i * k + i];
    }
}

/* r = Mz - y (r = Mz if y is NULL), summed in the order of the neurons:
   the residual and the predictions of every float stage. */
static void
residual_d(double *r, const double *z, const double *X, const double *y, const basin_t B)
{
    slong n = B->n, m = B->m, d = B->d, j, t;
    for (t = 0; t < m; t++)
    {
        r[t] = y != NULL ? -y[t] : 0.0;
        for (j = 0; j < n; j++)
            if (B->a[j * m + t] > 0)
                r[t] += dotd(z + j * d, X + t * d, d);
    }
}

/* Sets idx to the points t with w[t] set (w: one neuron's row of a working
   set); returns their number. */
static slong
working_rows(slong *idx, const int *w, slong m)
{
    slong t, k = 0;
    for (t = 0; t < m; t++)
        if (w[t])
            idx[k++] = t;
    return k;
}

/* G (k x k) = the Gram matrix of neuron j's signed rows s_{j,t} x_t,
   t = idx[0..k-1]: the normal matrix of both least-norm problems on a
   neuron's working rows (the multipliers of _basin_solve_d, the push
   direction of _basin_interp_d). */
static void
signed_gram(double *G, const double *X, const basin_t B, slong j, const slong *idx, slong k)
{
    slong m = B->m, d = B->d, q, u;
    for (q = 0; q < k; q++)
    {
        double sq = B->a[j * m + idx[q]] * B->b[j];
        for (u = 0; u < k; u++)
        {
            double su = B->a[j * m + idx[u]] * B->b[j];
            G[q * k + u] = sq * su * dotd(X + idx[q] * d, X + idx[u] * d, d);
        }
    }
}

/* The ratio test of the active-set method over the constraints outside
   the working set: returns the largest alpha <= 1 that keeps z + alpha p
   in the cone and sets (*bj, *bt) to the blocking constraint, or to
   (-1, -1) if the full step is feasible. */
static double
ratio_test(slong *bj, slong *bt, const double *z, const double *p, const double *X, const double *xn,
           const int *work, const basin_t B)
{
    slong n = B->n, m = B->m, d = B->d, j, t;
    double alpha = 1.0;
    *bj = *bt = -1;
    for (j = 0; j < n; j++)
    {
        double pjn = sqrt(dotd(p + j * d, p + j * d, d));
        if (pjn == 0.0)
            continue;
        for (t = 0; t < m; t++)
        {
            double s = B->a[j * m + t] * B->b[j], sig, rho, at;
            if (work[j * m + t] || xn[t] == 0.0)
                continue;
            rho = s * dotd(p + j * d, X + t * d, d);
            if (rho >= -1e-12 * pjn * xn[t])
                continue;
            sig = s * dotd(z + j * d, X + t * d, d);
            at = (sig > 0 ? sig : 0.0) / (-rho);
            if (at < alpha)
            {
                alpha = at;
                *bj = j;
                *bt = t;
            }
        }
    }
    return alpha;
}

/* The multipliers at a stationary point of the face: per neuron,
   sum_{t in W_j} mu_t s_t x_t = sum_{t: a=+1} r_t x_t in least squares,
   stored in lam.  Returns the most negative mu_t |x_t| and sets
   (*wj, *wt) to its constraint ((-1, -1) if none is negative).  g (d),
   G (m * m), h, mu, idx (m) are workspaces. */
static double
worst_multiplier(slong *wj, slong *wt, double *lam, const double *r, const double *X, const double *xn,
                 const int *work, const basin_t B, double *g, double *G, double *h, double *mu, slong *idx)
{
    slong n = B->n, m = B->m, d = B->d, j, t, i, k, kk;
    double worst = 0.0;
    *wj = *wt = -1;
    for (j = 0; j < n; j++)
    {
        for (i = 0; i < d; i++)
            g[i] = 0.0;
        for (t = 0; t < m; t++)
            if (B->a[j * m + t] > 0)
                for (i = 0; i < d; i++)
                    g[i] += r[t] * X[t * d + i];
        k = working_rows(idx, work + j * m, m);
        signed_gram(G, X, B, j, idx, k);
        for (kk = 0; kk < k; kk++)
            h[kk] = B->a[j * m + idx[kk]] * B->b[j] * dotd(X + idx[kk] * d, g, d);
        small_solve(mu, G, h, k);
        for (kk = 0; kk < k; kk++)
        {
            double v = mu[kk] * xn[idx[kk]];
            lam[j * m + idx[kk]] = mu[kk];
            if (v < worst)
            {
                worst = v;
                *wj = j;
                *wt = idx[kk];
            }
        }
    }
    return worst;
}

double
_basin_solve_d(double *z, slong *zexp, int *work, double *lam, slong *iters, const basin_t B)
{
    slong n = B->n, m = B->m, d = B->d, t, i, it, maxit, ey;
    step_ws W;
    double *X, *y, *r, *p, *xn, fval = 0.0;
    double *G, *h, *mu;
    slong *idx;

    X = flint_malloc(sizeof(double) * (size_t) (m * d));
    y = flint_malloc(sizeof(double) * (size_t) m);
    xn = flint_malloc(sizeof(double) * (size_t) m);
    *zexp = scaled_data(X, y, xn, &ey, B);
    r = flint_malloc(sizeof(double) * (size_t) m);
    p = flint_malloc(sizeof(double) * (size_t) (n * d));
    G = flint_malloc(sizeof(double) * (size_t) (m * m));
    h = flint_malloc(sizeof(double) * (size_t) m);
    mu = flint_malloc(sizeof(double) * (size_t) m);
    idx = flint_malloc(sizeof(slong) * (size_t) m);
    step_ws_init(&W, B, X, xn);

    /* start at z = 0 (always feasible) or at the network's own point
       z_j = v_j w_j (interior: fewer degenerate zero steps) */
    scaled_start(z, B, *zexp);
    for (i = 0; i < n * m; i++)
    {
        work[i] = 0;
        lam[i] = 0.0;
    }
    maxit = 20 * (n * m + n * d) + 100;

    for (it = 0; it < maxit; it++)
    {
        /* every 16 iterations: the hook decides whether to print */
        if (B->progress != NULL && it % 16 == 0)
        {
            slong act = 0;
            for (i = 0; i < n * m; i++)
                act += work[i] != 0;
            B->progress(B->progress_ctx, BASIN_STAGE_FLOAT, it, act);
        }
        double pn = 0.0, zn = 0.0, alpha;
        slong bj, bt;
        int stationary = 0;

        residual_d(r, z, X, y, B);
        face_step(p, &W, r, work);
        pn = sqrt(dotd(p, p, n * d));
        zn = sqrt(dotd(z, z, n * d));
        if (pn <= 1e-14 * (1.0 + zn))
            stationary = 1;
        else
        {
            alpha = ratio_test(&bj, &bt, z, p, X, xn, work, B);
            for (i = 0; i < n * d; i++)
                z[i] += alpha * p[i];
            if (bj >= 0)
                work[bj * m + bt] = 1;
            else
                stationary = 1; /* full step: minimiser on the face */
        }
        if (stationary)
        {
            double worst, rmax = 0.0;
            slong wj, wt;
            residual_d(r, z, X, y, B);
            for (t = 0; t < m; t++)
                rmax = FLINT_MAX(rmax, fabs(r[t]));
            /* p is free here: scratch for a neuron's gradient block */
            worst = worst_multiplier(&wj, &wt, lam, r, X, xn, work, B, p, G, h, mu, idx);
            if (wj < 0 || worst >= -1e-11 * (1.0 + rmax))
            {
                fval = 0.0;
                for (t = 0; t < m; t++)
                    fval += r[t] * r[t];
                fval /= (double) m;
                it++;
                break;
            }
            work[wj * m + wt] = 0; /* drop the most negative multiplier */
            lam[wj * m + wt] = 0.0;
        }
    }
    *iters = it;
    fval = ldexp(fval, (int) FLINT_MIN(FLINT_MAX(2 * ey, -2000), 2000));

    step_ws_clear(&W);
    flint_free(X);
    flint_free(y);
    flint_free(xn);
    flint_free(r);
    flint_free(p);
    flint_free(G);
    flint_free(h);
    flint_free(mu);
    flint_free(idx);
    return fval;
}

/* Greedy column pivoting (modified Gram-Schmidt, the largest remaining
   column first, columns scaled to unit norm) of the neq x n d matrix
   whose rows are the equations rows[] of _basin_interp_d: rows[k] = t < m
   is the prediction of point t (column (j, i) holds x_t(i) if
   a_{j,t} = +1), rows[k] = m + j m + t the constraint <z_j, x_t> = 0
   (x_t(i) in the columns of neuron j).  Columns of neurons with
   dead[j] set are not used.  Rows that look dependent on earlier ones
   are dropped first (for exact data and targets in the range they hold
   once the others do; the exact check decides), so *neq may shrink.
   Writes *neq column indices j * d + i, sorted, to piv and returns 1, or
   0 if fewer than *neq columns stay clearly independent. */
static int
interp_columns(slong *piv, slong *rows, slong *pneq, const int *dead, const double *X, const basin_t B)
{
    slong n = B->n, m = B->m, d = B->d, nd = n * d, j, i, k, l, rank = 0, neq = *pneq, kept = 0;
    double *A = flint_malloc(sizeof(double) * (size_t) (nd * FLINT_MAX(neq, 1)));
    double *nrm = flint_malloc(sizeof(double) * (size_t) nd);
    /* rows first: A holds the rows (k * nd), Gram-Schmidt in order */
    for (k = 0; k < neq; k++)
    {
        double *row = A + kept * nd, s;
        for (j = 0; j < n; j++)
            for (i = 0; i < d; i++)
            {
                slong t = rows[k] < m ? rows[k] : (rows[k] - m) % m;
                int on = rows[k] < m ? B->a[j * m + t] > 0 : (rows[k] - m) / m == j;
                row[j * d + i] = (on && !dead[j]) ? X[t * d + i] : 0.0;
            }
        s = sqrt(dotd(row, row, nd));
        if (s == 0.0)
            continue;
        for (l = 0; l < nd; l++)
            row[l] /= s;
        mgs_sweep(row, A, kept, nd);
        s = sqrt(dotd(row, row, nd));
        if (s <= 1e-9)
            continue;
        for (l = 0; l < nd; l++)
            row[l] /= s;
        rows[kept++] = rows[k];
    }
    neq = *pneq = kept;
    for (j = 0; j < n; j++)
        for (i = 0; i < d; i++)
        {
            double *col = A + (j * d + i) * neq, s;
            for (k = 0; k < neq; k++)
            {
                slong t = rows[k] < m ? rows[k] : (rows[k] - m) % m;
                int on = rows[k] < m ? B->a[j * m + t] > 0 : (rows[k] - m) / m == j;
                col[k] = (on && !dead[j]) ? X[t * d + i] : 0.0;
            }
            s = sqrt(dotd(col, col, neq));
            if (s > 0.0)
                for (k = 0; k < neq; k++)
                    col[k] /= s;
            nrm[j * d + i] = s > 0.0 ? 1.0 : 0.0;
        }
    for (rank = 0; rank < neq; rank++)
    {
        slong best = -1;
        double bn = 1e-16; /* squared residual norm of a unit column */
        for (k = 0; k < nd; k++)
            if (nrm[k] > bn)
            {
                bn = nrm[k];
                best = k;
            }
        if (best < 0)
            break;
        piv[rank] = best;
        nrm[best] = 0.0;
        {
            const double *q = A + best * neq;
            for (k = 0; k < nd; k++)
                if (nrm[k] > 0.0)
                {
                    double c = dotd(q, A + k * neq, neq) / bn;
                    for (l = 0; l < neq; l++)
                        A[k * neq + l] -= c * q[l];
                    nrm[k] = dotd(A + k * neq, A + k * neq, neq);
                }
        }
    }
    for (k = 1; k < rank; k++)
        for (l = k; l > 0 && piv[l - 1] > piv[l]; l--)
        {
            slong tmp = piv[l];
            piv[l] = piv[l - 1];
            piv[l - 1] = tmp;
        }
    flint_free(A);
    flint_free(nrm);
    return rank == neq;
}

/* Slack s_{j,t} <z_j, x_t> of one constraint in double. */
static double
slack_d(const double *z, const double *X, const basin_t B, slong j, slong t)
{
    return B->a[j * B->m + t] * B->b[j] * dotd(z + j * B->d, X + t * B->d, B->d);
}

/* Clamped points: all neurons active at t have one output sign b and
   b y_t <= 0 (or none is active): every term of p_t has sign b, so the
   best p_t is 0; the target there is 0 (0 = y_t when y_t = 0).  Sets
   clamped (m) to these points. */
static void
clamped_points(int *clamped, const basin_t B)
{
    slong n = B->n, m = B->m, j, t;
    for (t = 0; t < m; t++)
    {
        int sgn = 0, one = 1;
        for (j = 0; j < n; j++)
            if (B->a[j * m + t] > 0)
            {
                if (sgn != 0 && B->b[j] != sgn)
                    one = 0;
                sgn = B->b[j];
            }
        clamped[t] = one && sgn * fmpq_sgn(B->y + t) <= 0;
    }
}

/* The push direction of _basin_interp_d (step 3): per live neuron the
   least-norm g_j with s_{j,t} <g_j, x_t> = target_t on its tight
   constraints (target 0 if forced, else the slack of the network's own
   point zs scaled to the size Zs of z, or |x_t| Zs without one).  G, h,
   c, idx are workspaces (m * m, m, m, m). */
static void
push_direction(double *g, const double *zs, const double *X, const double *xn, const int *tight,
               const int *forced, const int *dead, double Zs, const basin_t B, double *G, double *h,
               double *c, slong *idx)
{
    slong n = B->n, m = B->m, d = B->d, j, i, k, q;
    for (j = 0; j < n; j++)
    {
        double zn = sqrt(dotd(zs + j * d, zs + j * d, d));
        for (i = 0; i < d; i++)
            g[j * d + i] = 0.0;
        if (dead[j])
            continue;
        k = working_rows(idx, tight + j * m, m);
        if (k == 0)
            continue;
        signed_gram(G, X, B, j, idx, k);
        for (q = 0; q < k; q++)
        {
            slong tq = idx[q];
            if (forced[j * m + tq])
                h[q] = 0.0;
            else if (zn > 0.0)
                h[q] = Zs / zn * slack_d(zs, X, B, j, tq);
            else
                h[q] = Zs * xn[tq];
        }
        small_solve(c, G, h, k);
        for (q = 0; q < k; q++)
        {
            double sq = B->a[j * m + idx[q]] * B->b[j];
            for (i = 0; i < d; i++)
                g[j * d + i] += c[q] * sq * X[idx[q] * d + i];
        }
    }
}

/* The step length of the push z + alpha g (step 5 of _basin_interp_d):
   the tight constraints must gain, the others keep at least half their
   slack.  Returns alpha in (0, 1], or 0 if a tight constraint does not
   gain. */
static double
push_length(const double *z, const double *g, const double *X, const double *xn, const int *tight,
            const int *forced, const int *dead, double Zs, const basin_t B)
{
    slong n = B->n, m = B->m, j, t;
    double alpha = 1.0;
    for (j = 0; j < n; j++)
        for (t = 0; t < m; t++)
        {
            double rate = slack_d(g, X, B, j, t);
            if (dead[j] || forced[j * m + t])
                continue;
            if (tight[j * m + t])
            {
                if (!(rate > 1e-9 * Zs * xn[t]))
                    return 0.0;
            }
            else if (rate < 0.0)
                alpha = FLINT_MIN(alpha, 0.5 * slack_d(z, X, B, j, t) / -rate);
        }
    return alpha;
}

/* The exact equations of the interpolating point (step 7 of
   _basin_interp_d): the predictions of the points that are not clamped
   and have a live neuron (without one p_t = 0 already), then the forced
   constraints m + j m + t (they imply p_t = 0).  Returns their number. */
static slong
interp_rows(slong *rows, const int *forced, const int *dead, const basin_t B)
{
    slong n = B->n, m = B->m, j, t, k = 0;
    for (t = 0; t < m; t++)
    {
        int f = 0, live = 0;
        for (j = 0; j < n; j++)
        {
            f |= forced[j * m + t];
            live |= B->a[j * m + t] > 0 && !dead[j];
        }
        if (!f && live)
            rows[k++] = t;
    }
    for (j = 0; j < n; j++)
        for (t = 0; t < m; t++)
            if (forced[j * m + t])
                rows[k++] = m + j * m + t;
    return k;
}

int
_basin_interp_d(double *z, slong *rows, slong *piv, slong *neq, const basin_t B, slong zexp)
{
    slong n = B->n, m = B->m, d = B->d, nd = n * d, nm = n * m, j, t, i;
    double *X, *y, *xn, *r, *zs, *g, *p, *G, *h, *c;
    int *tight, *forced, *dead, *work, *clamped, ok = 0;
    slong *idx;
    double rmax = 0.0, pscale = 0.0, Zs = 0.0, alpha, dscale = 0.0;
    step_ws W;

    X = flint_malloc(sizeof(double) * (size_t) (m * d));
    y = flint_malloc(sizeof(double) * (size_t) m);
    xn = flint_malloc(sizeof(double) * (size_t) m);
    r = flint_malloc(sizeof(double) * (size_t) m);
    zs = flint_malloc(sizeof(double) * (size_t) nd);
    g = flint_malloc(sizeof(double) * (size_t) nd);
    p = flint_malloc(sizeof(double) * (size_t) nd);
    G = flint_malloc(sizeof(double) * (size_t) (m * m));
    h = flint_malloc(sizeof(double) * (size_t) m);
    c = flint_malloc(sizeof(double) * (size_t) m);
    idx = flint_malloc(sizeof(slong) * (size_t) m);
    tight = flint_malloc(sizeof(int) * (size_t) nm);
    forced = flint_malloc(sizeof(int) * (size_t) nm);
    work = flint_malloc(sizeof(int) * (size_t) nm);
    dead = flint_malloc(sizeof(int) * (size_t) n);
    clamped = flint_malloc(sizeof(int) * (size_t) m);
    /* the same scaling as _basin_solve_d: z is in its units iff the
       returned exponent equals zexp */
    if (scaled_data(X, y, xn, NULL, B) != zexp)
        goto done;
    step_ws_init(&W, B, X, xn);
    scaled_start(zs, B, zexp); /* 0 without a start */

    clamped_points(clamped, B);
    /* 1. does z fit the targets (in floating point)? */
    for (t = 0; t < m; t++)
    {
        double ps = 0.0;
        r[t] = clamped[t] ? 0.0 : -y[t];
        for (j = 0; j < n; j++)
            if (B->a[j * m + t] > 0)
            {
                double v = dotd(z + j * d, X + t * d, d);
                r[t] += v;
                ps += fabs(v);
            }
        rmax = FLINT_MAX(rmax, fabs(r[t]));
        pscale = FLINT_MAX(pscale, ps + fabs(y[t]));
    }
    if (!(rmax <= 1e-9 * pscale))
        goto done_ws;
    for (j = 0; j < n; j++)
        Zs = FLINT_MAX(Zs, sqrt(dotd(z + j * d, z + j * d, d)));

    /* 2. dead neurons (z_j ~ 0) stay exactly 0: every constraint of
       theirs holds; forced constraints are kept with equality: at a
       clamped point every term of p_t = 0 vanishes, <z_j, x_t> = 0 for
       every active neuron; all other tight constraints (slack ~ 0) are to
       become slack */
    for (j = 0; j < n; j++)
        dead[j] = sqrt(dotd(z + j * d, z + j * d, d)) <= 1e-12 * Zs;
    for (t = 0; t < m; t++)
    {
        for (j = 0; j < n; j++)
        {
            forced[j * m + t] = clamped[t] && B->a[j * m + t] > 0 && !dead[j];
            tight[j * m + t] = !dead[j] && xn[t] > 0.0 && slack_d(z, X, B, j, t) <= 1e-9 * Zs * xn[t];
            tight[j * m + t] |= forced[j * m + t];
            work[j * m + t] = dead[j] || tight[j * m + t];
        }
    }
    /* 3. a direction g that makes the tight constraints positive and keeps
       the forced ones */
    push_direction(g, zs, X, xn, tight, forced, dead, Zs, B, G, h, c, idx);
    /* 4. correct g on the face of the working constraints so that the
       predictions do not move: p minimises |M(g + p)|^2 there */
    residual_d(r, g, X, NULL, B);
    for (t = 0; t < m; t++)
        dscale = FLINT_MAX(dscale, fabs(r[t]));
    face_step(p, &W, r, work);
    for (i = 0; i < nd; i++)
        g[i] += p[i];
    residual_d(r, g, X, NULL, B);
    rmax = 0.0;
    for (t = 0; t < m; t++)
        rmax = FLINT_MAX(rmax, fabs(r[t]));
    if (!(rmax <= 1e-9 * (dscale + pscale)))
        goto done_ws; /* the push would move the predictions */
    /* 5. step length: tight constraints must gain, the others keep at
       least half their slack */
    alpha = push_length(z, g, X, xn, tight, forced, dead, Zs, B);
    if (!(alpha > 0.0))
        goto done_ws;
    for (i = 0; i < nd; i++)
        zs[i] = dead[i / d] ? 0.0 : z[i] + alpha * g[i];
    /* 6. every constraint but the forced ones clearly slack */
    for (j = 0; j < n; j++)
    {
        double zn = sqrt(dotd(zs + j * d, zs + j * d, d));
        if (dead[j])
            continue;
        for (t = 0; t < m; t++)
            if (xn[t] > 0.0 && !forced[j * m + t] && !(slack_d(zs, X, B, j, t) > 1e-12 * zn * xn[t]))
                goto done_ws;
    }
    /* 7. the exact equations */
    *neq = interp_rows(rows, forced, dead, B);
    if (!interp_columns(piv, rows, neq, dead, X, B))
        goto done_ws;
    for (i = 0; i < nd; i++)
        z[i] = zs[i];
    ok = 1;
done_ws:
    step_ws_clear(&W);
done:
    flint_free(X);
    flint_free(y);
    flint_free(xn);
    flint_free(r);
    flint_free(zs);
    flint_free(g);
    flint_free(p);
    flint_free(G);
    flint_free(h);
    flint_free(c);
    flint_free(idx);
    flint_free(tight);
    flint_free(forced);
    flint_free(work);
    flint_free(dead);
    flint_free(clamped);
    return ok;
}
