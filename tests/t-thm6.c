/* t-thm6.c -- Theorem 6 (App. C, reconstructed): the 1-D landscape on
   hand-computed samples and against a grid oracle, the 2^d minima for
   d = 1, 2, 3 against a brute force over the 3^d sign faces of w that
   never uses separability, the separability identity against a direct
   evaluation written here, the certificate's failure modes, the basin
   closed form against the engine on every orthant, the exact tails
   against an integer binomial sum.  The module's records against its
   table: t-modules. */
#include <math.h>
#include <string.h>

#include <flint/fmpq_vec.h>

#include "appc.h"
#include "basin.h"
#include "rng.h"
#include "testutil.h"
#include "thm6.h"

/* (1/2) sum_t ([w x_t]_+ - y_t)^2, written independently of thm6_loss1 */
static void
oracle_loss1(fmpq_t L, const slong *xn, const slong *xd, const fmpq *y, slong k, const fmpq_t w)
{
    fmpq_t p, x;
    slong t;
    fmpq_init(p);
    fmpq_init(x);
    fmpq_zero(L);
    for (t = 0; t < k; t++)
    {
        fmpq_set_si(x, xn[t], (ulong) xd[t]);
        fmpq_mul(p, w, x);
        if (fmpq_sgn(p) < 0)
            fmpq_zero(p);
        fmpq_sub(p, p, y + t);
        fmpq_mul(p, p, p);
        fmpq_add(L, L, p);
    }
    fmpq_div_2exp(L, L, 1);
    fmpq_clear(p);
    fmpq_clear(x);
}

static void
set_sample(fmpq *x, fmpq *y, slong k, const slong *xn, const slong *yn, const slong *yd)
{
    slong t;
    for (t = 0; t < k; t++)
    {
        fmpq_set_si(x + t, xn[t], 1);
        fmpq_set_si(y + t, yn[t], yd == NULL ? 1 : (ulong) yd[t]);
    }
}

static int
eq_si(const fmpq_t a, slong p, ulong q)
{
    fmpq_t b;
    int r;
    fmpq_init(b);
    fmpq_set_si(b, p, q);
    r = fmpq_equal(a, b);
    fmpq_clear(b);
    return r;
}

/* the landscapes worked out by hand in the comments */
static void
test_land_hand(void)
{
    fmpq *x = _fmpq_vec_init(3), *y = _fmpq_vec_init(3);
    fmpq_t eps, q;
    thm6_land_t A;
    const char *why;

    fmpq_init(eps);
    fmpq_init(q);
    thm6_land_init(A);

    /* S_1(1/8) = {(1, 1), (-1, 1/2)}: L(w) = 5/8 + w^2/2 - w (w >= 0),
       5/8 + w^2/2 + w/2 (w <= 0): minima w = 1 (1/8), w = -1/2 (1/2),
       L'(0+) = -1, L'(0-) = 1/2, the kink a local maximum */
    fmpq_set_si(eps, 1, 8);
    appc_sample_1d(x, y, eps);
    CU_ASSERT(appc_target(q, eps) == 1 && eq_si(q, 1, 2));
    thm6_land_analyse(A, x, y, 2);
    CU_ASSERT(A->nmin == 2);
    CU_ASSERT(eq_si(A->w + 0, -1, 2) && eq_si(A->val + 0, 1, 2) && A->strict[0] && !A->at_kink[0]);
    CU_ASSERT(eq_si(A->w + 1, 1, 1) && eq_si(A->val + 1, 1, 8) && A->strict[1] && !A->at_kink[1]);
    CU_ASSERT(A->kink == THM6_KINK_MAX && eq_si(A->dright, -1, 1) && eq_si(A->dleft, 1, 2));
    CU_ASSERT(eq_si(A->L0, 5, 8) && !A->flat_pos && !A->flat_neg);
    CU_ASSERT(thm6_land_verify(A, x, y, 2, &why));
    CU_ASSERT(thm6_land_is_appc(A, q));

    /* y_2 = -1/2: the piece w < 0 is 5/8 + w^2/2 - w/2, stationary at
       1/2 > 0, and L'(0-) = -1/2: only w = 1 remains */
    fmpq_neg(y + 1, y + 1);
    thm6_land_analyse(A, x, y, 2);
    CU_ASSERT(A->nmin == 1 && eq_si(A->w + 0, 1, 1) && A->kink == THM6_KINK_NEITHER);
    CU_ASSERT(thm6_land_verify(A, x, y, 2, &why));
    CU_ASSERT(!thm6_land_is_appc(A, q));

    /* {(2, 1), (1, 3), (-1, 2)}: a+ = 5, b+ = 5, a- = 1, b- = -2, L(0) = 7;
       minima w = 1 (7 + 5/2 - 5 = 9/2) and w = -2 (7 + 2 - 4 = 5) */
    {
        static const slong xn[3] = {2, 1, -1}, yn[3] = {1, 3, 2};
        set_sample(x, y, 3, xn, yn, NULL);
        thm6_land_analyse(A, x, y, 3);
        CU_ASSERT(A->nmin == 2 && eq_si(A->w + 0, -2, 1) && eq_si(A->val + 0, 5, 1));
        CU_ASSERT(eq_si(A->w + 1, 1, 1) && eq_si(A->val + 1, 9, 2) && A->kink == THM6_KINK_MAX);
        CU_ASSERT(thm6_land_verify(A, x, y, 3, &why));
    }
    /* {(1, -1), (-1, -1)}: b+ = -1, b- = 1: a strict minimum at the kink,
       value L(0) = 1, and no stationary point inside either piece */
    {
        static const slong xn[2] = {1, -1}, yn[2] = {-1, -1};
        set_sample(x, y, 2, xn, yn, NULL);
        thm6_land_analyse(A, x, y, 2);
        CU_ASSERT(A->nmin == 1 && fmpq_is_zero(A->w + 0) && A->at_kink[0] && A->strict[0]);
        CU_ASSERT(eq_si(A->val + 0, 1, 1) && A->kink == THM6_KINK_MIN);
        CU_ASSERT(thm6_land_verify(A, x, y, 2, &why));
    }
    /* {(1, 1)}: the piece w < 0 is constant (flat), the kink a
       non-strict maximum, one isolated minimum w = 1 with value 0 */
    {
        static const slong xn[1] = {1}, yn[1] = {1};
        set_sample(x, y, 1, xn, yn, NULL);
        thm6_land_analyse(A, x, y, 1);
        CU_ASSERT(A->flat_neg && !A->flat_pos && A->nmin == 1 && fmpq_is_zero(A->val + 0));
        CU_ASSERT(A->kink == THM6_KINK_MAX);
        CU_ASSERT(thm6_land_verify(A, x, y, 1, &why));
    }
    /* {(0, 3)}: constant, no kink */
    {
        static const slong xn[1] = {0}, yn[1] = {3};
        set_sample(x, y, 1, xn, yn, NULL);
        thm6_land_analyse(A, x, y, 1);
        CU_ASSERT(A->kink == THM6_KINK_NONE && A->flat_pos && A->flat_neg && A->nmin == 0);
    }
    /* a wrong analysis is caught by direct evaluation */
    {
        static const slong xn[3] = {2, 1, -1}, yn[3] = {1, 3, 2};
        set_sample(x, y, 3, xn, yn, NULL);
        thm6_land_analyse(A, x, y, 3);
        fmpq_set_si(A->val + 1, 4, 1);
        CU_ASSERT(!thm6_land_verify(A, x, y, 3, &why));
        thm6_land_analyse(A, x, y, 3);
        fmpq_set_si(A->dleft, 3, 1);
        CU_ASSERT(!thm6_land_verify(A, x, y, 3, &why));
    }
    thm6_land_clear(A);
    fmpq_clear(eps);
    fmpq_clear(q);
    _fmpq_vec_clear(x, 3);
    _fmpq_vec_clear(y, 3);
}

/* random samples: the analysed minima are local minima by direct
   evaluation at w +- h, and they are exactly the discrete local minima
   of L on a fine grid (samples with a flat piece or a critical point
   within two grid steps of another are skipped) */
static void
test_land_grid(void)
{
    slong iter, n = test_iters(60), checked = 0;
    for (iter = 0; iter < n; iter++)
    {
        rng_t r;
        slong k, t, i, xn[4], xd[4], grid = 0;
        fmpq *x = _fmpq_vec_init(4), *y = _fmpq_vec_init(4);
        fmpq_t w, h, v0, v1, v2, step;
        thm6_land_t A;
        int ok = 1;

        rng_init(r, test_seed(), rng_stream_id("t-thm6/land"), (uint64_t) iter);
        k = 1 + (slong) rng_below(r, 4);
        for (t = 0; t < k; t++)
        {
            xn[t] = (slong) rng_below(r, 7) - 3;
            xd[t] = 1 + (slong) rng_below(r, 3);
            fmpq_set_si(x + t, xn[t], (ulong) xd[t]);
            fmpq_set_si(y + t, (slong) rng_below(r, 13) - 6, 1 + rng_below(r, 2));
        }
        fmpq_init(w);
        fmpq_init(h);
        fmpq_init(v0);
        fmpq_init(v1);
        fmpq_init(v2);
        fmpq_init(step);
        thm6_land_init(A);
        thm6_land_analyse(A, x, y, k);
        if (A->flat_pos || A->flat_neg)
            goto next;
        /* every analysed minimum: L(w +- h) > L(w) for small h */
        fmpq_set_si(h, 1, 1);
        fmpq_div_2exp(h, h, 30);
        for (i = 0; i < A->nmin; i++)
        {
            oracle_loss1(v0, xn, xd, y, k, A->w + i);
            fmpq_add(w, A->w + i, h);
            oracle_loss1(v1, xn, xd, y, k, w);
            fmpq_sub(w, A->w + i, h);
            oracle_loss1(v2, xn, xd, y, k, w);
            if (!fmpq_equal(v0, A->val + i) || fmpq_cmp(v1, v0) <= 0 || fmpq_cmp(v2, v0) <= 0)
                ok = 0;
        }
        /* grid minima on [-40, 40] with step 1/64: a stationary point b/a
           is an x_t^2-weighted mean of the y_t / x_t, so |b/a| <= 6 / (1/3) */
        fmpq_set_si(step, 1, 64);
        {
            slong j, ng = 80 * 64;
            fmpq_t a, b, c;
            fmpq_init(a);
            fmpq_init(b);
            fmpq_init(c);
            fmpq_set_si(w, -40, 1);
            oracle_loss1(a, xn, xd, y, k, w);
            fmpq_add(w, w, step);
            oracle_loss1(b, xn, xd, y, k, w);
            for (j = 1; j < ng; j++)
            {
                fmpq_add(w, w, step);
                oracle_loss1(c, xn, xd, y, k, w);
                /* b at w - step is a discrete local minimum */
                if (fmpq_cmp(b, a) < 0 && fmpq_cmp(b, c) <= 0)
                    grid++;
                fmpq_swap(a, b);
                fmpq_swap(b, c);
            }
            fmpq_clear(a);
            fmpq_clear(b);
            fmpq_clear(c);
        }
        /* two minima, or a minimum and the kink, closer than two grid steps
           can merge on the grid: skip those samples */
        fmpq_mul_2exp(h, step, 1);
        for (i = 0; i < A->nmin; i++)
        {
            fmpq_abs(w, A->w + i);
            if (!A->at_kink[i] && fmpq_cmp(w, h) < 0)
                goto next;
            if (i + 1 < A->nmin)
            {
                fmpq_sub(w, A->w + i + 1, A->w + i);
                if (fmpq_cmp(w, h) < 0)
                    goto next;
            }
        }
        if (grid != A->nmin)
            ok = 0;
        checked++;
        if (!ok)
        {
            TEST_REPORT("1-D landscape vs grid oracle",
                        "iteration %ld: k=%ld, %ld analysed minima, %ld on the grid", (long) iter, (long) k,
                        (long) A->nmin, (long) grid);
            CU_FAIL("1-D landscape vs grid oracle");
        }
    next:
        thm6_land_clear(A);
        fmpq_clear(w);
        fmpq_clear(h);
        fmpq_clear(v0);
        fmpq_clear(v1);
        fmpq_clear(v2);
        fmpq_clear(step);
        _fmpq_vec_clear(x, 4);
        _fmpq_vec_clear(y, 4);
    }
    CU_ASSERT(checked >= n / 4);
}

/* ---------------------------------------------- brute force, d <= 3 */

/* active rows of the data X at the sign vector s (a point of the face):
   act[r] = <s, x_r> > 0 */
static void
active_rows(int *act, const fmpq_mat_t X, const int *s)
{
    slong r, j, m = fmpq_mat_nrows(X), d = fmpq_mat_ncols(X);
    fmpq_t p;
    fmpq_init(p);
    for (r = 0; r < m; r++)
    {
        fmpq_zero(p);
        for (j = 0; j < d; j++)
            if (s[j] != 0)
            {
                if (s[j] > 0)
                    fmpq_add(p, p, fmpq_mat_entry(X, r, j));
                else
                    fmpq_sub(p, p, fmpq_mat_entry(X, r, j));
            }
        act[r] = fmpq_sgn(p) > 0;
    }
    fmpq_clear(p);
}

/* half the gradient g (d) and half the Hessian H (d x d) of
   sum_{act} (<w, x_r> - y_r)^2 at w (positive factors do not matter for
   signs and definiteness) */
static void
quad_grad_hess(fmpq *g, fmpq_mat_t H, const fmpq_mat_t X, const fmpq *y, const int *act, const fmpq *w)
{
    slong r, i, j, m = fmpq_mat_nrows(X), d = fmpq_mat_ncols(X);
    fmpq_t p;
    fmpq_init(p);
    for (i = 0; i < d; i++)
        fmpq_zero(g + i);
    fmpq_mat_zero(H);
    for (r = 0; r < m; r++)
    {
        if (!act[r])
            continue;
        fmpq_zero(p);
        for (j = 0; j < d; j++)
            fmpq_addmul(p, w + j, fmpq_mat_entry(X, r, j));
        fmpq_sub(p, p, y + r);
        for (i = 0; i < d; i++)
        {
            fmpq_addmul(g + i, p, fmpq_mat_entry(X, r, i));
            for (j = 0; j < d; j++)
                fmpq_addmul(fmpq_mat_entry(H, i, j), fmpq_mat_entry(X, r, i), fmpq_mat_entry(X, r, j));
        }
    }
    fmpq_clear(p);
}

/* positive definite by Sylvester's criterion (leading principal minors,
   exact determinants): independent of the module's LDL^T */
static int
sylvester_pd(const fmpq_mat_t H)
{
    slong n = fmpq_mat_nrows(H), k, i, j;
    int ok = 1;
    fmpq_t det;
    fmpq_init(det);
    for (k = 1; k <= n && ok; k++)
    {
        fmpq_mat_t S;
        fmpq_mat_init(S, k, k);
        for (i = 0; i < k; i++)
            for (j = 0; j < k; j++)
                fmpq_set(fmpq_mat_entry(S, i, j), fmpq_mat_entry(H, i, j));
        fmpq_mat_det(det, S);
        ok = fmpq_sgn(det) > 0;
        fmpq_mat_clear(S);
    }
    fmpq_clear(det);
    return ok;
}

/* Every strict local minimum of L(w) = (1/m) sum_r ([<w, x_r>]_+ - y_r)^2
   for data whose rows have at most one non-zero entry (so that the
   activation pattern is constant on each of the 3^d sign faces of w),
   found face by face: stationarity of the face's quadratic in the free
   coordinates J (exact solve), the point inside the open face, then on
   every closed orthant sigma adjacent to the face the one-sided
   conditions of a quadratic over a cone at its apex (zero gradient on
   J, sigma_j g_j > 0 off J) and a positive definite Hessian on J.
   Writes the minima to mins (rows of d entries, at most 3^d) and returns
   their number; *undetermined is set when a face is degenerate (singular
   system, a zero one-sided slope or a singular Hessian), where these
   conditions do not decide. */
static slong
brute_minima(fmpq *mins, const fmpq_mat_t X, const fmpq *y, slong d, int *undetermined)
{
    slong m = fmpq_mat_nrows(X), nf = 1, f, j, r, found = 0;
    int *s = flint_malloc(sizeof(int) * (size_t) (2 * d)), *sg = s + d;
    int *act = flint_malloc(sizeof(int) * (size_t) m);
    fmpq *w = _fmpq_vec_init(d), *g = _fmpq_vec_init(d);

    *undetermined = 0;
    for (j = 0; j < d; j++)
        nf *= 3;
    for (f = 0; f < nf; f++)
    {
        slong J[3], nJ = 0, a, b, o, no;
        int inside = 1, ismin = 1;
        for (j = 0, a = f; j < d; j++, a /= 3)
        {
            s[j] = (int) (a % 3) - 1;
            if (s[j] != 0)
                J[nJ++] = j;
        }
        active_rows(act, X, s);
        for (j = 0; j < d; j++)
            fmpq_zero(w + j);
        if (nJ > 0)
        {
            /* normal equations of the face: A w_J = c */
            fmpq_mat_t A, c, wJ;
            fmpq_mat_init(A, nJ, nJ);
            fmpq_mat_init(c, nJ, 1);
            fmpq_mat_init(wJ, nJ, 1);
            for (r = 0; r < m; r++)
            {
                if (!act[r])
                    continue;
                for (a = 0; a < nJ; a++)
                {
                    fmpq_addmul(fmpq_mat_entry(c, a, 0), y + r, fmpq_mat_entry(X, r, J[a]));
                    for (b = 0; b < nJ; b++)
                        fmpq_addmul(fmpq_mat_entry(A, a, b), fmpq_mat_entry(X, r, J[a]),
                                    fmpq_mat_entry(X, r, J[b]));
                }
            }
            if (!fmpq_mat_solve(wJ, A, c))
                *undetermined = 1, inside = 0;
            for (a = 0; a < nJ && inside; a++)
            {
                fmpq_set(w + J[a], fmpq_mat_entry(wJ, a, 0));
                inside = fmpq_sgn(w + J[a]) == s[J[a]];
            }
            fmpq_mat_clear(A);
            fmpq_mat_clear(c);
            fmpq_mat_clear(wJ);
        }
        if (!inside)
            continue;
        /* every closed orthant adjacent to the face */
        no = WORD(1) << (d - nJ);
        for (o = 0; o < no && ismin; o++)
        {
            fmpq_mat_t H, HJ;
            slong k = 0;
            for (j = 0; j < d; j++)
                sg[j] = s[j] != 0 ? s[j] : ((o >> k++ & 1) ? 1 : -1);
            active_rows(act, X, sg);
            fmpq_mat_init(H, d, d);
            fmpq_mat_init(HJ, nJ, nJ);
            quad_grad_hess(g, H, X, y, act, w);
            for (j = 0; j < d && ismin; j++)
            {
                int gs = fmpq_sgn(g + j);
                if (s[j] != 0)
                    ismin = gs == 0;
                else if (gs == 0)
                    *undetermined = 1, ismin = 0;
                else
                    ismin = gs * sg[j] > 0;
            }
            for (a = 0; a < nJ; a++)
                for (b = 0; b < nJ; b++)
                    fmpq_set(fmpq_mat_entry(HJ, a, b), fmpq_mat_entry(H, J[a], J[b]));
            if (ismin && nJ > 0 && !sylvester_pd(HJ))
                *undetermined = 1, ismin = 0;
            fmpq_mat_clear(H);
            fmpq_mat_clear(HJ);
        }
        if (ismin)
        {
            for (j = 0; j < d; j++)
                fmpq_set(mins + found * d + j, w + j);
            found++;
        }
    }
    flint_free(s);
    flint_free(act);
    _fmpq_vec_clear(w, d);
    _fmpq_vec_clear(g, d);
    return found;
}

/* thm6_enumerate on the claimed minima of S_1(eps): the candidates 1 and
   -q with the one-dimensional values eps' = q^2/2 and 1/2 */
static int
claimed_enumerate(thm6_enum_struct *E, const fmpq_t eps, slong d)
{
    fmpq x1[2], y1[2], cand[2], val[2];
    slong i;
    int r;
    for (i = 0; i < 2; i++)
    {
        fmpq_init(x1 + i);
        fmpq_init(y1 + i);
        fmpq_init(cand + i);
        fmpq_init(val + i);
    }
    appc_sample_1d(x1, y1, eps);
    appc_target(cand + 1, eps);
    fmpq_mul(val + 0, cand + 1, cand + 1);
    fmpq_div_2exp(val + 0, val + 0, 1);
    fmpq_neg(cand + 1, cand + 1);
    fmpq_one(cand + 0);
    fmpq_set_si(val + 1, 1, 2);
    r = thm6_enumerate(E, x1, y1, 2, cand, val, 2, d);
    for (i = 0; i < 2; i++)
    {
        fmpq_clear(x1 + i);
        fmpq_clear(y1 + i);
        fmpq_clear(cand + i);
        fmpq_clear(val + i);
    }
    return r;
}

static void
test_enum_bruteforce(void)
{
    static const slong eps_v[3][2] = {{1, 10}, {1, 8}, {49, 100}};
    slong e, d;
    for (e = 0; e < 3; e++)
        for (d = 1; d <= 3; d++)
        {
            fmpq_mat_t X;
            fmpq *y = _fmpq_vec_init(2 * d), *mins = _fmpq_vec_init(27 * d), *w = _fmpq_vec_init(d);
            fmpq_t eps, q;
            thm6_enum_struct E;
            slong n, i, j;
            ulong mask, hit = 0;
            int und;

            fmpq x1[2], y1[2];

            fmpq_init(eps);
            fmpq_init(q);
            fmpq_init(x1 + 0);
            fmpq_init(x1 + 1);
            fmpq_init(y1 + 0);
            fmpq_init(y1 + 1);
            fmpq_set_si(eps, eps_v[e][0], (ulong) eps_v[e][1]);
            appc_target(q, eps);
            appc_sample_1d(x1, y1, eps);
            fmpq_mat_init(X, 2 * d, d);
            appc_data(X, y, eps, d);
            n = brute_minima(mins, X, y, d, &und);
            /* each brute-force minimum is one of the claimed points */
            for (i = 0; i < n; i++)
                for (mask = 0; mask < (UWORD(1) << d); mask++)
                {
                    int same = 1;
                    thm6_min_point(w, q, mask, d);
                    for (j = 0; j < d; j++)
                        same = same && fmpq_equal(w + j, mins + i * d + j);
                    if (same)
                        hit |= UWORD(1) << mask;
                }
            if (und || n != (WORD(1) << d) || hit != (UWORD(1) << (UWORD(1) << d)) - 1 ||
                !claimed_enumerate(&E, eps, d) || E.certified != (UWORD(1) << d) ||
                thm6_minima_count(&E, x1, y1, 2, d) != n)
            {
                TEST_REPORT("2^d minima = brute force over the sign faces",
                            "eps=%ld/%ld d=%ld: brute force %ld minima (undetermined %d), hit mask %lx",
                            (long) eps_v[e][0], (long) eps_v[e][1], (long) d, (long) n, und,
                            (unsigned long) hit);
                CU_FAIL("2^d minima = brute force");
            }
            fmpq_mat_clear(X);
            _fmpq_vec_clear(y, 2 * d);
            _fmpq_vec_clear(mins, 27 * d);
            _fmpq_vec_clear(w, d);
            fmpq_clear(eps);
            fmpq_clear(q);
            fmpq_clear(x1 + 0);
            fmpq_clear(x1 + 1);
            fmpq_clear(y1 + 0);
            fmpq_clear(y1 + 1);
        }
}

/* the brute force itself: on the perturbed sample y_2 = -q it finds only
   the good minimum, and on data with a flat direction it says so */
static void
test_bruteforce_controls(void)
{
    fmpq_mat_t X;
    fmpq x1[2], y1[2], *y = _fmpq_vec_init(4), *mins = _fmpq_vec_init(18);
    fmpq_t eps;
    slong n;
    int und;
    fmpq_init(eps);
    fmpq_init(x1 + 0);
    fmpq_init(x1 + 1);
    fmpq_init(y1 + 0);
    fmpq_init(y1 + 1);
    fmpq_set_si(eps, 1, 10);
    appc_sample_1d(x1, y1, eps);
    fmpq_neg(y1 + 1, y1 + 1);
    fmpq_mat_init(X, 4, 2);
    appc_extend(X, y, x1, y1, 2, 2);
    n = brute_minima(mins, X, y, 2, &und);
    CU_ASSERT(n == 1 && !und && fmpq_is_one(mins + 0) && fmpq_is_one(mins + 1));
    /* the count of the module's control: the same single minimum */
    {
        thm6_enum_struct E;
        slong d;
        for (d = 1; d <= 6; d++)
            CU_ASSERT(thm6_minima_count(&E, x1, y1, 2, d) == 1 && E.certified == 1);
    }
    /* one point (1, 1) per coordinate: the half-lines w_j < 0 are flat */
    fmpq_mat_clear(X);
    fmpq_mat_init(X, 2, 2);
    appc_extend(X, y, x1, y1, 1, 2);
    n = brute_minima(mins, X, y, 2, &und);
    CU_ASSERT(und);
    /* and the count refuses to establish one */
    {
        thm6_enum_struct E;
        CU_ASSERT(thm6_minima_count(&E, x1, y1, 1, 2) == -1);
    }
    fmpq_mat_clear(X);
    _fmpq_vec_clear(y, 4);
    _fmpq_vec_clear(mins, 18);
    fmpq_clear(eps);
    fmpq_clear(x1 + 0);
    fmpq_clear(x1 + 1);
    fmpq_clear(y1 + 0);
    fmpq_clear(y1 + 1);
}

/* L_d from the data matrix, written here: (1/m) sum_r ([<w, x_r>]_+ - y_r)^2 */
static void
oracle_loss_d(fmpq_t L, const fmpq_mat_t X, const fmpq *y, const fmpq *w)
{
    slong r, j, m = fmpq_mat_nrows(X), d = fmpq_mat_ncols(X);
    fmpq_t p;
    fmpq_init(p);
    fmpq_zero(L);
    for (r = 0; r < m; r++)
    {
        fmpq_zero(p);
        for (j = 0; j < d; j++)
            fmpq_addmul(p, w + j, fmpq_mat_entry(X, r, j));
        if (fmpq_sgn(p) < 0)
            fmpq_zero(p);
        fmpq_sub(p, p, y + r);
        fmpq_addmul(L, p, p);
    }
    fmpq_set_si(p, 1, (ulong) m);
    fmpq_mul(L, L, p);
    fmpq_clear(p);
}

static void
test_separable(void)
{
    slong iter, n = test_iters(40), j;
    fmpq x1[2], y1[2];
    fmpq_t eps, a, b, c;
    fmpq_init(eps);
    fmpq_init(a);
    fmpq_init(b);
    fmpq_init(c);
    for (j = 0; j < 2; j++)
    {
        fmpq_init(x1 + j);
        fmpq_init(y1 + j);
    }
    for (iter = 0; iter < n; iter++)
    {
        rng_t r;
        slong d;
        fmpq_mat_t X;
        fmpq *y, *w;
        rng_init(r, test_seed(), rng_stream_id("t-thm6/separable"), (uint64_t) iter);
        d = 1 + (slong) rng_below(r, 7);
        fmpq_set_si(eps, 1 + (slong) rng_below(r, 49), 100);
        appc_sample_1d(x1, y1, eps);
        fmpq_mat_init(X, 2 * d, d);
        y = _fmpq_vec_init(2 * d);
        w = _fmpq_vec_init(d);
        appc_data(X, y, eps, d);
        for (j = 0; j < d; j++)
            fmpq_set_si(w + j, (slong) rng_below(r, 41) - 20, 1 + rng_below(r, 9));
        oracle_loss_d(a, X, y, w);
        thm6_loss_d(b, X, y, w);
        thm6_loss_sep(c, x1, y1, 2, w, d);
        if (!fmpq_equal(a, b) || !fmpq_equal(a, c))
        {
            TEST_REPORT("L_d = (1/d) sum L_1(w_j)", "iteration %ld, d=%ld", (long) iter, (long) d);
            CU_FAIL("separability");
        }
        fmpq_mat_clear(X);
        _fmpq_vec_clear(y, 2 * d);
        _fmpq_vec_clear(w, d);
    }
    for (j = 0; j < 2; j++)
    {
        fmpq_clear(x1 + j);
        fmpq_clear(y1 + j);
    }
    fmpq_clear(eps);
    fmpq_clear(a);
    fmpq_clear(b);
    fmpq_clear(c);
}

/* the certificate refuses a kink, a non-stationary point and a singular
   Hessian */
static void
test_certify(void)
{
    fmpq_mat_t X;
    fmpq *y = _fmpq_vec_init(6), *w = _fmpq_vec_init(3), x1[2], y1[2];
    fmpq_t eps, q, v;
    fmpq_init(eps);
    fmpq_init(q);
    fmpq_init(v);
    fmpq_init(x1 + 0);
    fmpq_init(x1 + 1);
    fmpq_init(y1 + 0);
    fmpq_init(y1 + 1);
    fmpq_set_si(eps, 1, 8);
    appc_target(q, eps);
    fmpq_mat_init(X, 6, 3);
    appc_data(X, y, eps, 3);
    thm6_min_point(w, q, 5, 3); /* (-1/2, 1, -1/2) */
    CU_ASSERT(thm6_certify_min(v, X, y, w) == THM6_CERT_OK);
    /* value eps' + (2/3)(1/2 - 1/8) = 1/8 + 1/4 = 3/8 */
    CU_ASSERT(eq_si(v, 3, 8));
    fmpq_zero(w + 1);
    CU_ASSERT(thm6_certify_min(v, X, y, w) == THM6_CERT_KINK);
    fmpq_set_si(w + 1, 1, 2);
    CU_ASSERT(thm6_certify_min(v, X, y, w) == THM6_CERT_GRAD);
    /* one point (1, 1) per coordinate: w_2 < 0 leaves coordinate 2 with no
       active row, a zero row and column of the Hessian */
    appc_sample_1d(x1, y1, eps);
    fmpq_mat_clear(X);
    fmpq_mat_init(X, 2, 2);
    appc_extend(X, y, x1, y1, 1, 2);
    fmpq_one(w + 0);
    fmpq_set_si(w + 1, -1, 1);
    CU_ASSERT(thm6_certify_min(v, X, y, w) == THM6_CERT_HESS);
    fmpq_mat_clear(X);
    _fmpq_vec_clear(y, 6);
    _fmpq_vec_clear(w, 3);
    fmpq_clear(eps);
    fmpq_clear(q);
    fmpq_clear(v);
    fmpq_clear(x1 + 0);
    fmpq_clear(x1 + 1);
    fmpq_clear(y1 + 0);
    fmpq_clear(y1 + 1);
}

/* the closed form on every orthant against the engine, for d <= 3 and
   two eps; the value by hand for one point */
static void
test_bas(void)
{
    static const slong eps_v[2][2] = {{1, 10}, {1, 8}};
    slong e, d, j, K;
    fmpq_t eps, q, epsp, b;
    double w[3];
    fmpq_init(eps);
    fmpq_init(q);
    fmpq_init(epsp);
    fmpq_init(b);
    for (e = 0; e < 2; e++)
        for (d = 1; d <= 3; d++)
        {
            fmpq_mat_t X;
            fmpq *y = _fmpq_vec_init(2 * d);
            ulong mask;
            fmpq_set_si(eps, eps_v[e][0], (ulong) eps_v[e][1]);
            appc_target(q, eps);
            fmpq_mul(epsp, q, q);
            fmpq_div_2exp(epsp, epsp, 1);
            fmpq_mat_init(X, 2 * d, d);
            appc_data(X, y, eps, d);
            for (mask = 0; mask < (UWORD(1) << d); mask++)
            {
                basin_result_t R;
                basin_result_init(R);
                for (j = 0; j < d; j++)
                    w[j] = (mask >> j & 1) ? -0.75 - j : 0.3 + j;
                CU_ASSERT(thm6_bas_closed(b, &K, w, d, epsp) == 0);
                CU_ASSERT(thm6_bas_engine(R, X, y, w, d, 64) == BASIN_OK);
                if (!R->is_exact || !fmpq_equal(R->exact, b))
                {
                    TEST_REPORT("closed-form Bas = engine", "eps=%ld/%ld d=%ld orthant %lu",
                                (long) eps_v[e][0], (long) eps_v[e][1], (long) d, (unsigned long) mask);
                    CU_FAIL("closed form = engine");
                }
                basin_result_clear(R);
            }
            fmpq_mat_clear(X);
            _fmpq_vec_clear(y, 2 * d);
        }
    /* eps = 1/8, d = 3, two negative coordinates: 1/8 + (2/3)(3/8) = 3/8 */
    fmpq_set_si(epsp, 1, 8);
    w[0] = -1.0;
    w[1] = 2.0;
    w[2] = -0.5;
    CU_ASSERT(thm6_bas_closed(b, &K, w, 3, epsp) == 0 && K == 2 && eq_si(b, 3, 8));
    w[1] = 0.0;
    CU_ASSERT(thm6_bas_closed(b, &K, w, 3, epsp) == 1);
    fmpq_clear(eps);
    fmpq_clear(q);
    fmpq_clear(epsp);
    fmpq_clear(b);
}

/* the exact tails against an integer sum of binomial coefficients, and
   the rate's endpoints */
static void
test_prob(void)
{
    ulong d;
    fmpq_t T, P, k;
    fmpz_t s, c;
    arb_t r, lim;
    fmpq_init(T);
    fmpq_init(P);
    fmpq_init(k);
    fmpz_init(s);
    fmpz_init(c);
    arb_init(r);
    arb_init(lim);
    CU_ASSERT(thm6_kmin(1) == 1 && thm6_kmin(4) == 1 && thm6_kmin(5) == 2 && thm6_kmin(8) == 2 &&
              thm6_kmin(9) == 3 && thm6_kmin(256) == 64);
    for (d = 1; d <= 80; d++)
    {
        ulong i;
        fmpz_zero(s);
        for (i = 0; 4 * i < d; i++)
        {
            fmpz_bin_uiui(c, d, i);
            fmpz_add(s, s, c);
        }
        fmpz_one(c);
        fmpz_mul_2exp(c, c, d);
        fmpq_set_fmpz_frac(k, s, c);
        thm6_tail_exact(T, d);
        thm6_prob_exact(P, d);
        fmpq_add(P, P, T);
        if (!fmpq_equal(T, k) || !fmpq_is_one(P))
        {
            TEST_REPORT("P[K < d/4] = sum_{4i < d} C(d,i) / 2^d", "d=%lu", d);
            CU_FAIL("exact tail");
        }
    }
    /* d = 1: T = 1/2 <= exp(-1/16), but not <= exp(-1) */
    thm6_tail_exact(T, 1);
    fmpq_set_si(k, 1, 16);
    CU_ASSERT(thm6_tail_le_exp(NULL, T, 1, k) == BC_TRUE);
    fmpq_set_si(k, 1, 1);
    CU_ASSERT(thm6_tail_le_exp(NULL, T, 1, k) == BC_FALSE);
    /* kappa_d = ln 2 for d <= 4 (the tail is 2^-d) */
    for (d = 1; d <= 4; d++)
    {
        arb_t l2;
        arb_init(l2);
        arb_const_log2(l2, 128);
        thm6_rate(r, d, 128);
        CU_ASSERT(arb_overlaps(r, l2));
        thm6_rate_kl(r, d, 128);
        CU_ASSERT(arb_overlaps(r, l2));
        arb_clear(l2);
    }
    /* ln 2 + (1/4) ln(1/4) + (3/4) ln(3/4) */
    thm6_rate_limit(lim, 128);
    CU_ASSERT(fabs(arf_get_d(arb_midref(lim), ARF_RND_NEAR) -
                   (log(2.0) + 0.25 * log(0.25) + 0.75 * log(0.75))) < 1e-14);
    fmpq_clear(T);
    fmpq_clear(P);
    fmpq_clear(k);
    fmpz_clear(s);
    fmpz_clear(c);
    arb_clear(r);
    arb_clear(lim);
}

static const test_case suite_tests[] = {
    {"1-D landscapes by hand", test_land_hand},
    {"1-D landscapes against a grid oracle", test_land_grid},
    {"2^d minima, d <= 3, against the sign-face brute force", test_enum_bruteforce},
    {"the brute force on a perturbed and a degenerate sample", test_bruteforce_controls},
    {"separability against a direct evaluation", test_separable},
    {"the minimum certificate and its refusals", test_certify},
    {"closed-form Bas against the engine on every orthant", test_bas},
    {"exact tails and the rate", test_prob},
};

int
t_thm6_register(void)
{
    return TEST_SUITE("thm6", suite_tests);
}
