/* jac_rank.c -- the exact rank of the Jacobian of an activation region,
   with a certificate for each bound (see jac.h).

   Stages, cheapest first:
   1. structural upper bounds from the pattern alone (zero rows, distinct
      active sets, atoms), valid for any data;
   2. the cover test when d0 + 1 >= n (the data rows are independent);
   3. the rank modulo p of the Gram matrix on the short side,
      G = J J^T = (Z Z^T) o (A^T A) (Hadamard product: entry (j, k) is
      <Z_j, Z_k> times the number of neurons active on both points) or
      G = J^T J; a lower bound on rank J over Q;
   4. exact Schur complements of G over Z at the pivots R of stage 3:
      zero ones are kernel vectors (upper bound), non-zero ones enlarge a
      non-singular principal minor (lower bound).  Stage 4 always ends
      with lo = hi, so no further fallback is needed. */
#include <stdlib.h>
#include <string.h>

#include "jac.h"

const char *
jac_cert_name(jac_cert c)
{
    switch (c)
    {
    case JAC_CERT_NONE:
        return "none";
    case JAC_CERT_TRIVIAL:
        return "trivial";
    case JAC_CERT_MODP:
        return "modp";
    case JAC_CERT_MINOR:
        return "minor";
    case JAC_CERT_COVER:
        return "cover";
    case JAC_CERT_ZERO_ROWS:
        return "zero-rows";
    case JAC_CERT_COUNT:
        return "count";
    case JAC_CERT_ATOMS:
        return "atoms";
    case JAC_CERT_KERNEL:
        return "kernel";
    default:
        return "?";
    }
}

void
jac_rank_init(jac_rank_t R)
{
    memset(R, 0, sizeof(jac_rank_struct));
    fmpz_mat_init(R->ker, 0, 0);
    R->rank = -1;
    R->full_rank = BC_UNDECIDED;
}

void
jac_rank_clear(jac_rank_t R)
{
    fmpz_mat_clear(R->ker);
}

/* ------------------------------------------------------------ context */

typedef struct
{
    const jac_data_struct *D;
    const jac_pattern_struct *A;
    slong n, e, d1, P, full, side;
    slong cw;    /* words of a column signature (over neurons) */
    ulong *cols; /* n * cw: bit i of column j is a_ij */
} rank_ctx;

#define COL(ctx, j) ((ctx)->cols + (j) * (ctx)->cw)

static slong
popcount_and(const ulong *a, const ulong *b, slong w)
{
    slong k, c = 0;
    for (k = 0; k < w; k++)
        c += (slong) __builtin_popcountl(a[k] & b[k]);
    return c;
}

static void
ctx_init(rank_ctx *c, const jac_data_t D, const jac_pattern_t A)
{
    slong i, k;
    c->D = D;
    c->A = A;
    c->n = D->n;
    c->e = D->e;
    c->d1 = A->d1;
    c->P = A->d1 * D->e;
    c->full = FLINT_MIN(c->n, c->P);
    c->side = c->P >= c->n ? JAC_LEFT : JAC_RIGHT;
    c->cw = (A->d1 + FLINT_BITS - 1) / FLINT_BITS;
    c->cols = flint_calloc((size_t) (c->n * c->cw), sizeof(ulong));
    for (i = 0; i < A->d1; i++)
    {
        const ulong *r = jac_pattern_row(A, i);
        for (k = 0; k < A->words; k++)
        {
            ulong w = r[k];
            while (w != 0)
            {
                slong j = k * FLINT_BITS + __builtin_ctzl(w);
                w &= w - 1;
                COL(c, j)[i / FLINT_BITS] |= UWORD(1) << (i % FLINT_BITS);
            }
        }
    }
}

static void
ctx_clear(rank_ctx *c)
{
    flint_free(c->cols);
}

/* ------------------------------------------------- structural bounds */

typedef struct
{
    const ulong *w;
    slong len;
} keyed;

static int
keyed_cmp(const void *pa, const void *pb)
{
    const keyed *a = pa, *b = pb;
    slong k;
    for (k = 0; k < a->len; k++)
        if (a->w[k] != b->w[k])
            return a->w[k] < b->w[k] ? -1 : 1;
    return 0;
}

static int
is_zero_words(const ulong *w, slong len)
{
    slong k;
    for (k = 0; k < len; k++)
        if (w[k] != 0)
            return 0;
    return 1;
}

/* Sets *hi and *cert to the best structural upper bound (<= full) and
   returns the number of uncovered points. */
static slong
structural_bound(slong *hi, jac_cert *cert, const rank_ctx *c)
{
    slong i, j, g, u = 0, count = 0, excess = 0, h;
    keyed *key;
    const jac_pattern_struct *A = c->A;

    *hi = c->full;
    *cert = JAC_CERT_TRIVIAL;

    /* distinct non-empty active sets: identical column blocks D_i Z span
       one space, of dimension at most min(|S|, e) */
    key = flint_malloc(sizeof(keyed) * (size_t) FLINT_MAX(c->d1, c->n));
    for (i = 0; i < c->d1; i++)
    {
        key[i].w = jac_pattern_row(A, i);
        key[i].len = A->words;
    }
    qsort(key, (size_t) c->d1, sizeof(keyed), keyed_cmp);
    for (i = 0; i < c->d1; i++)
    {
        slong s;
        if (i > 0 && keyed_cmp(key + i, key + i - 1) == 0)
            continue;
        if (is_zero_words(key[i].w, key[i].len))
            continue;
        s = 0;
        for (j = 0; j < key[i].len; j++)
            s += (slong) __builtin_popcountl(key[i].w[j]);
        count += FLINT_MIN(s, c->e);
    }

    /* atoms: points with identical columns of A are never separated; a
       group T of covered points carries the |T| - rank(Z_T) >= |T| - e
       kernel vectors y_T with Z_T^T y_T = 0, and groups have disjoint
       supports; uncovered points are zero rows */
    for (j = 0; j < c->n; j++)
    {
        key[j].w = COL(c, j);
        key[j].len = c->cw;
    }
    qsort(key, (size_t) c->n, sizeof(keyed), keyed_cmp);
    for (j = 0; j < c->n; j = g)
    {
        for (g = j + 1; g < c->n && keyed_cmp(key + g, key + j) == 0; g++)
            ;
        if (is_zero_words(key[j].w, key[j].len))
            u += g - j;
        else if (g - j > c->e)
            excess += g - j - c->e;
    }
    flint_free(key);

    if (c->n - u < *hi)
    {
        *hi = c->n - u;
        *cert = JAC_CERT_ZERO_ROWS;
    }
    if (count < *hi)
    {
        *hi = count;
        *cert = JAC_CERT_COUNT;
    }
    h = c->n - u - excess;
    if (h < *hi)
    {
        *hi = h;
        *cert = JAC_CERT_ATOMS;
    }
    return u;
}

/* ------------------------------------------------------- Gram matrices */

/* The Gram matrix mod p: n x n (left) or P x P (right). */
static void
gram_modp(nmod_mat_t G, const rank_ctx *c)
{
    const jac_data_struct *D = c->D;
    nmod_t mod = D->Zp->mod;
    slong a, b, i, j, k, l, e = c->e;
    if (c->side == JAC_LEFT)
    {
        /* (Z Z^T) o (A^T A), with Z Z^T from D's cache or made here */
        nmod_mat_t K;
        int own = D->Kp->r != c->n;
        if (own)
            _jac_data_gram_rows(K, D);
        else
            *K = *D->Kp; /* a shallow view of the cache, not freed */
        nmod_mat_init(G, c->n, c->n, D->p);
        for (a = 0; a < c->n; a++)
            for (b = 0; b <= a; b++)
            {
                ulong cnt = (ulong) popcount_and(COL(c, a), COL(c, b), c->cw), g = 0;
                if (cnt != 0)
                {
                    if (cnt >= mod.n) /* small test primes only */
                        cnt %= mod.n;
                    g = nmod_mul(nmod_mat_entry(K, a, b), cnt, mod);
                }
                nmod_mat_entry(G, a, b) = g;
                nmod_mat_entry(G, b, a) = g;
            }
        if (own)
            nmod_mat_clear(K);
    }
    else if (2 * D->zbits + (slong) FLINT_BIT_COUNT((ulong) c->n) <= 62)
    {
        /* J^T J in exact 64-bit arithmetic: block (i, l) is the sum of
           Z_j Z_j^T over the points j both neurons are active on (no
           overflow: n terms below 2^(2 zbits)) */
        slong P = c->P, *acc = flint_calloc((size_t) (P * P), sizeof(slong)), *act;
        slong *z = flint_malloc(sizeof(slong) * (size_t) e);
        act = flint_malloc(sizeof(slong) * (size_t) c->d1);
        for (j = 0; j < c->n; j++)
        {
            slong na = 0;
            for (i = 0; i < c->d1; i++)
                if (jac_pattern_get(c->A, i, j))
                    act[na++] = i;
            for (k = 0; k < e; k++)
                z[k] = fmpz_get_si(fmpz_mat_entry(D->Z, j, k));
            for (a = 0; a < na; a++)
                for (b = 0; b <= a; b++)
                {
                    slong *blk = acc + (act[a] * e) * P + act[b] * e;
                    for (k = 0; k < e; k++)
                        for (l = 0; l < e; l++)
                            blk[k * P + l] += z[k] * z[l];
                }
        }
        nmod_mat_init(G, P, P, D->p);
        for (a = 0; a < P; a++)
            for (b = 0; b < P; b++)
            {
                /* only blocks (i, l) with i >= l were accumulated */
                slong s = (a / e >= b / e) ? acc[a * P + b] : acc[b * P + a];
                nmod_mat_entry(G, a, b) = s >= 0 ? (ulong) s % D->p : D->p - 1 - ((ulong) (-(s + 1)) % D->p);
            }
        flint_free(acc);
        flint_free(act);
        flint_free(z);
    }
    else
    {
        nmod_mat_t J, JT;
        nmod_mat_init(J, c->n, c->P, D->p);
        nmod_mat_init(JT, c->P, c->n, D->p);
        for (j = 0; j < c->n; j++)
            for (i = 0; i < c->d1; i++)
                if (jac_pattern_get(c->A, i, j))
                    for (k = 0; k < e; k++)
                        nmod_mat_entry(J, j, i * e + k) = nmod_mat_entry(D->Zp, j, k);
        nmod_mat_transpose(JT, J);
        nmod_mat_init(G, c->P, c->P, D->p);
        nmod_mat_mul(G, JT, J);
        nmod_mat_clear(J);
        nmod_mat_clear(JT);
    }
}

/* Exact entry (a, b) of the Gram matrix over Z. */
static void
gram_entry(fmpz_t g, const rank_ctx *c, slong a, slong b, fmpz_t t)
{
    const fmpz_mat_struct *Z = c->D->Z;
    slong k, j;
    fmpz_zero(g);
    if (c->side == JAC_LEFT)
    {
        slong cnt = popcount_and(COL(c, a), COL(c, b), c->cw);
        if (cnt == 0)
            return;
        for (k = 0; k < c->e; k++)
            fmpz_addmul(g, fmpz_mat_entry(Z, a, k), fmpz_mat_entry(Z, b, k));
        fmpz_mul_si(g, g, cnt);
    }
    else
    {
        slong ia = a / c->e, ka = a % c->e, ib = b / c->e, kb = b % c->e;
        const ulong *ra = jac_pattern_row(c->A, ia), *rb = jac_pattern_row(c->A, ib);
        for (k = 0; k < c->A->words; k++)
        {
            ulong w = ra[k] & rb[k];
            while (w != 0)
            {
                j = k * FLINT_BITS + __builtin_ctzl(w);
                w &= w - 1;
                fmpz_mul(t, fmpz_mat_entry(Z, j, ka), fmpz_mat_entry(Z, j, kb));
                fmpz_add(g, g, t);
            }
        }
    }
}

/* ------------------------------------------------------ exact stage */

/* Appends the kernel vector y (den at k, -X[.][col] on the rows R) to
   R->ker, in the coordinates of J at v = 1 (left: times L_j). */
static void
keep_kernel(jac_rank_t Rk, const rank_ctx *c, const slong *rows, slong r, slong k, const fmpz_t den,
            const fmpz_mat_t X, slong col)
{
    fmpz_mat_t M;
    slong t, m = c->full;
    fmpz_mat_init(M, m, Rk->nker + 1);
    for (t = 0; t < m; t++)
    {
        slong s;
        for (s = 0; s < Rk->nker; s++)
            fmpz_set(fmpz_mat_entry(M, t, s), fmpz_mat_entry(Rk->ker, t, s));
    }
    fmpz_set(fmpz_mat_entry(M, k, Rk->nker), den);
    for (t = 0; t < r; t++)
        fmpz_neg(fmpz_mat_entry(M, rows[t], Rk->nker), fmpz_mat_entry(X, t, col));
    if (c->side == JAC_LEFT)
        for (t = 0; t < m; t++)
            fmpz_mul(fmpz_mat_entry(M, t, Rk->nker), fmpz_mat_entry(M, t, Rk->nker), c->D->L + t);
    {
        /* primitive, first non-zero entry positive */
        fmpz_t g;
        slong first = -1;
        fmpz_init(g);
        for (t = 0; t < m; t++)
        {
            fmpz_gcd(g, g, fmpz_mat_entry(M, t, Rk->nker));
            if (first < 0 && !fmpz_is_zero(fmpz_mat_entry(M, t, Rk->nker)))
                first = t;
        }
        if (first >= 0 && fmpz_sgn(fmpz_mat_entry(M, first, Rk->nker)) < 0)
            fmpz_neg(g, g);
        if (!fmpz_is_zero(g))
            for (t = 0; t < m; t++)
                fmpz_divexact(fmpz_mat_entry(M, t, Rk->nker), fmpz_mat_entry(M, t, Rk->nker), g);
        fmpz_clear(g);
    }
    fmpz_mat_swap(M, Rk->ker);
    fmpz_mat_clear(M);
    Rk->nker++;
}

/* From independent rows rows[0..r-1] of G (over Q), finds kernel
   vectors at the other indices, or enlarges rows.  With want = 1 stops at
   the first kernel vector; else looks for all full - r.  Updates
   Rk->lo/hi.  Returns when lo == hi, or (want = 1) once a kernel vector
   is found or lo = full. */
static void
exact_stage(jac_rank_t Rk, const rank_ctx *c, slong *rows, slong r, int want_one, int keep)
{
    slong m = c->full, t, s;
    char *in = flint_calloc((size_t) m, 1);
    slong *cand = flint_malloc(sizeof(slong) * (size_t) m);
    fmpz_t den, g, sch, tmp;

    fmpz_init(den);
    fmpz_init(g);
    fmpz_init(sch);
    fmpz_init(tmp);
    for (t = 0; t < r; t++)
        in[rows[t]] = 1;

    for (;;)
    {
        slong nc = 0, batch, found = 0, grow = -1;
        fmpz_mat_t G, B, X;

        for (t = 0; t < m; t++)
            if (!in[t])
                cand[nc++] = t;
        if (nc == 0)
        {
            /* every index independent: full rank */
            Rk->lo = r;
            break;
        }
        batch = want_one ? 1 : nc;
        if (r == 0)
        {
            /* G_RR empty: the Schur complement is G_kk itself */
            for (s = 0; s < batch; s++)
            {
                gram_entry(g, c, cand[s], cand[s], tmp);
                if (fmpz_is_zero(g))
                {
                    found++;
                    if (keep)
                    {
                        fmpz_mat_t X0;
                        fmpz_one(den);
                        fmpz_mat_init(X0, 0, 1);
                        keep_kernel(Rk, c, rows, 0, cand[s], den, X0, 0);
                        fmpz_mat_clear(X0);
                    }
                }
                else
                {
                    grow = cand[s];
                    break;
                }
            }
        }
        else
        {
            fmpz_mat_init(G, r, r);
            fmpz_mat_init(B, r, batch);
            fmpz_mat_init(X, r, batch);
            for (t = 0; t < r; t++)
            {
                for (s = t; s < r; s++)
                {
                    gram_entry(fmpz_mat_entry(G, t, s), c, rows[t], rows[s], tmp);
                    fmpz_set(fmpz_mat_entry(G, s, t), fmpz_mat_entry(G, t, s));
                }
                for (s = 0; s < batch; s++)
                    gram_entry(fmpz_mat_entry(B, t, s), c, rows[t], cand[s], tmp);
            }
            Rk->solves++;
            if (!fmpz_mat_solve(X, den, G, B))
            {
                /* cannot happen: rows independent over Q make G_RR = J_R J_R^T
                   positive definite */
                flint_printf("jac_rank: singular principal Gram block (r = %wd)\n", r);
                flint_abort();
            }
            for (s = 0; s < batch; s++)
            {
                /* Schur complement times den: den G_kk - G_kR X_k */
                gram_entry(g, c, cand[s], cand[s], tmp);
                fmpz_mul(sch, den, g);
                for (t = 0; t < r; t++)
                    fmpz_submul(sch, fmpz_mat_entry(B, t, s), fmpz_mat_entry(X, t, s));
                if (fmpz_is_zero(sch))
                {
                    found++;
                    if (keep)
                        keep_kernel(Rk, c, rows, r, cand[s], den, X, s);
                }
                else
                {
                    grow = cand[s];
                    break;
                }
            }
            fmpz_mat_clear(G);
            fmpz_mat_clear(B);
            fmpz_mat_clear(X);
        }

        if (grow >= 0)
        {
            /* a non-zero Schur complement: G on rows + {k} is non-singular
               over Q, so the rank is at least r + 1 (the modular rank was
               unlucky); kernel vectors found so far are discarded, the
               next round finds them again against the larger block */
            rows[r++] = grow;
            in[grow] = 1;
            if (r > Rk->lo)
            {
                Rk->lo = r;
                Rk->cert_lo = JAC_CERT_MINOR;
            }
            if (keep)
            {
                fmpz_mat_clear(Rk->ker);
                fmpz_mat_init(Rk->ker, 0, 0);
                Rk->nker = 0;
            }
            if (Rk->lo >= Rk->hi || (want_one && Rk->lo == m))
                break;
            continue;
        }
        /* found independent kernel vectors (distinct unit positions) */
        if (m - found < Rk->hi)
        {
            Rk->hi = m - found;
            Rk->cert_hi = JAC_CERT_KERNEL;
        }
        if (r > Rk->lo)
        {
            Rk->lo = r;
            Rk->cert_lo = JAC_CERT_MINOR;
        }
        break;
    }
    fmpz_clear(den);
    fmpz_clear(g);
    fmpz_clear(sch);
    fmpz_clear(tmp);
    flint_free(in);
    flint_free(cand);
}

/* ------------------------------------------------------------- driver */

static void
finish(jac_rank_t R)
{
    R->rank = R->lo == R->hi ? R->lo : -1;
    if (R->lo == R->full)
        R->full_rank = BC_TRUE;
    else if (R->hi < R->full)
        R->full_rank = BC_FALSE;
    else
        R->full_rank = BC_UNDECIDED; /* not reached: jac_rank always decides */
}

void
jac_rank(jac_rank_t R, const jac_data_t D, const jac_pattern_t A, int flags)
{
    rank_ctx c;
    int exact = flags & JAC_EXACT, keep = (flags & JAC_KEEP_KERNEL) != 0;
    slong u = 0, r;
    nmod_mat_t G;
    slong *perm;

    if (A->n != D->n)
        flint_abort();
    ctx_init(&c, D, A);
    R->n = c.n;
    R->P = c.P;
    R->full = c.full;
    R->side = (int) c.side;
    R->p = D->p;
    R->lo = 0;
    R->cert_lo = JAC_CERT_NONE;
    R->hi = c.full;
    R->cert_hi = JAC_CERT_TRIVIAL;
    R->solves = 0;
    R->nker = 0;
    fmpz_mat_clear(R->ker);
    fmpz_mat_init(R->ker, 0, 0);

    if (!(flags & JAC_NO_SHORTCUT))
    {
        slong hi;
        jac_cert ch;
        u = structural_bound(&hi, &ch, &c);
        if (hi < R->hi)
        {
            R->hi = hi;
            R->cert_hi = ch;
        }
        if (R->hi == 0 || (!exact && R->hi < R->full))
        {
            if (R->hi == 0)
                R->cert_lo = JAC_CERT_TRIVIAL;
            goto done;
        }
        if (c.e >= c.n && (D->zrank >= 0 ? D->zrank : _jac_data_zrank(D)) == c.n)
        {
            /* Z has full row rank n over Q: y^T J = 0 forces D_i y = 0 for
               every i, so the kernel is spanned by the uncovered points */
            R->lo = R->hi = c.n - u;
            R->cert_lo = R->cert_hi = JAC_CERT_COVER;
            goto done;
        }
    }

    gram_modp(G, &c);
    perm = flint_malloc(sizeof(slong) * (size_t) c.full);
    r = _jac_nmod_rank_pivots(perm, G);
    nmod_mat_clear(G);
    if (r > R->lo)
    {
        R->lo = r;
        R->cert_lo = JAC_CERT_MODP;
    }
    if (R->lo < R->hi && (exact || R->lo < R->full))
        exact_stage(R, &c, perm, r, !exact, keep);
    flint_free(perm);
done:
    finish(R);
    ctx_clear(&c);
}
