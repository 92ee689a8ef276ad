/* t-basin.c -- the certified basin-value engine (Def 2, Lemma 1):
   hand-solved instances, degenerate cases, boundary detection, random
   instances against an exhaustive exact oracle over the cone's faces,
   and against a long float solve (projected gradient in long double).
   Every certificate is re-checked with the test's own algebra (signs
   from the pattern and the data, the network's own predictions, weak
   duality), never with the engine's checking functions. */
#include <math.h>
#include <string.h>

#include "basin.h"
#include "rng.h"
#include "testutil.h"

/* Sets X (m x d) from integers given row by row. */
static void
mat_set_si(fmpq_mat_t X, const slong *v)
{
    slong t, i;
    for (t = 0; t < fmpq_mat_nrows(X); t++)
        for (i = 0; i < fmpq_mat_ncols(X); i++)
            fmpq_set_si(fmpq_mat_entry(X, t, i), v[t * fmpq_mat_ncols(X) + i], 1);
}

/* ------------------------------------------------ independent checks */

/* s = <z_j, x_t>, with the test's own loop */
static void
dot_zx(fmpq_t s, const basin_t B, const fmpq *z, slong j, slong t)
{
    slong i;
    fmpq_zero(s);
    for (i = 0; i < B->d; i++)
        fmpq_addmul(s, z + j * B->d + i, fmpq_mat_entry(B->X, t, i));
}

/* z lies in the closed cell: a_{j,t} b_j <z_j, x_t> >= 0, straight from
   the sign pattern and the data */
static int
own_feasible(const basin_t B, const fmpq *z)
{
    slong j, t;
    int ok = 1;
    fmpq_t s;
    fmpq_init(s);
    for (j = 0; j < B->n && ok; j++)
        for (t = 0; t < B->m && ok; t++)
        {
            dot_zx(s, B, z, j, t);
            ok = fmpq_sgn(s) * B->a[j * B->m + t] * B->b[j] >= 0;
        }
    fmpq_clear(s);
    return ok;
}

/* p_t = sum_j v_j [<w_j, x_t>]_+ for the network (w_j, v_j) = (b_j z_j,
   b_j): the network's own predictions, with ReLUs (they equal the
   basin's linear predictions on the closed cell only) */
static void
net_pred_z(fmpq *p, const basin_t B, const fmpq *z)
{
    slong j, t;
    fmpq_t s;
    fmpq_init(s);
    for (t = 0; t < B->m; t++)
    {
        fmpq_zero(p + t);
        for (j = 0; j < B->n; j++)
        {
            dot_zx(s, B, z, j, t);
            if (B->b[j] < 0)
                fmpq_neg(s, s); /* <w_j, x_t> = b_j <z_j, x_t> */
            if (fmpq_sgn(s) > 0)
            {
                if (B->b[j] > 0)
                    fmpq_add(p + t, p + t, s);
                else
                    fmpq_sub(p + t, p + t, s);
            }
        }
    }
    fmpq_clear(s);
}

/* m f = |p - y|^2 with p the network's own predictions */
static void
own_mloss(fmpq_t mf, const basin_t B, const fmpq *z)
{
    slong t;
    fmpq *p = _fmpq_vec_init(B->m);
    fmpq_t e;
    fmpq_init(e);
    net_pred_z(p, B, z);
    fmpq_zero(mf);
    for (t = 0; t < B->m; t++)
    {
        fmpq_sub(e, p + t, B->y + t);
        fmpq_addmul(mf, e, e);
    }
    fmpq_clear(e);
    _fmpq_vec_clear(p, B->m);
}

/* Every certificate in R re-checked without the engine's code: z in the
   cell from the signs and the data, upper = f(z) from the network's own
   predictions; for a dual certificate (r, mu): mu >= 0, stationarity
   sum_{t: a=+1} r_t x_t = sum_t mu_{j,t} s_{j,t} x_t per neuron, and
   lower = (|y|^2 - |y + r|^2) / m, which is a lower bound by weak
   duality: for z in the cone, with e = p - y and
   kappa = sum_{j,t} mu_{j,t} s_{j,t} <z_j, x_t> >= 0, stationarity gives
   r . p = kappa and hence the identity
     m f(z) - (|y|^2 - |y + r|^2) = |e - r|^2 + 2 kappa >= 0,
   checked here exactly at the certificate's own z. */
static int
certificates_ok(const basin_result_t R, const basin_t B)
{
    slong n = B->n, m = B->m, d = B->d, j, t, i;
    fmpq_t f, lb, s, e, kap, q;
    int ok = R->certified && own_feasible(B, R->z), ordered = fmpq_cmp(R->lower, R->upper) <= 0;
    fmpq_init(f);
    fmpq_init(lb);
    fmpq_init(s);
    fmpq_init(e);
    fmpq_init(kap);
    fmpq_init(q);
    own_mloss(f, B, R->z);
    fmpq_set_si(q, m, 1);
    fmpq_div(s, f, q);
    if (!fmpq_equal(s, R->upper))
        ok = 0;
    if (!R->lower_trivial)
    {
        fmpq *g = _fmpq_vec_init(d), *p = _fmpq_vec_init(m);
        for (j = 0; j < n * m; j++)
            if (fmpq_sgn(R->mu + j) < 0)
                ok = 0;
        for (j = 0; j < n && ok; j++)
        {
            for (i = 0; i < d; i++)
                fmpq_zero(g + i);
            for (t = 0; t < m; t++)
            {
                fmpq_zero(e);
                if (B->a[j * m + t] > 0)
                    fmpq_set(e, R->r + t);
                if (B->a[j * m + t] * B->b[j] > 0)
                    fmpq_sub(e, e, R->mu + j * m + t);
                else
                    fmpq_add(e, e, R->mu + j * m + t);
                for (i = 0; i < d; i++)
                    fmpq_addmul(g + i, e, fmpq_mat_entry(B->X, t, i));
            }
            for (i = 0; i < d; i++)
                ok &= fmpq_is_zero(g + i);
        }
        /* m lb = |y|^2 - |y + r|^2 */
        fmpq_zero(lb);
        for (t = 0; t < m; t++)
        {
            fmpq_addmul(lb, B->y + t, B->y + t);
            fmpq_add(e, B->y + t, R->r + t);
            fmpq_submul(lb, e, e);
        }
        fmpq_div(s, lb, q);
        if (!fmpq_equal(s, R->lower))
            ok = 0;
        /* the weak-duality identity at z */
        net_pred_z(p, B, R->z);
        fmpq_zero(kap);
        for (j = 0; j < n; j++)
            for (t = 0; t < m; t++)
            {
                dot_zx(s, B, R->z, j, t);
                fmpq_mul_si(s, s, B->a[j * m + t] * B->b[j]);
                fmpq_addmul(kap, R->mu + j * m + t, s);
            }
        fmpq_mul_2exp(s, kap, 1);
        for (t = 0; t < m; t++)
        {
            fmpq_sub(e, p + t, B->y + t);
            fmpq_sub(e, e, R->r + t);
            fmpq_addmul(s, e, e);
        }
        fmpq_sub(e, f, lb);
        if (fmpq_sgn(kap) < 0 || !fmpq_equal(e, s))
            ok = 0;
        _fmpq_vec_clear(g, d);
        _fmpq_vec_clear(p, m);
    }
    else if (!fmpq_is_zero(R->lower))
        ok = 0;
    if (!ordered)
        ok = 0;
    if (R->is_exact && (!fmpq_equal(R->lower, R->upper) || !fmpq_equal(R->exact, R->upper)))
        ok = 0;
    fmpq_clear(f);
    fmpq_clear(lb);
    fmpq_clear(s);
    fmpq_clear(e);
    fmpq_clear(kap);
    fmpq_clear(q);
    return ok;
}

static slong oracle_value(fmpq_t best, const basin_t B, slong max_faces);

/* Value of the pattern basin (a, b) on integer data; checks that the
   result is exact and equals num/den. */
static void
check_pattern(const char *what, slong m, slong d, slong n, const slong *x, const slong *yv, const int *a,
              const int *b, slong num, slong den)
{
    fmpq_mat_t X;
    fmpq *y = _fmpq_vec_init(m);
    basin_t B;
    basin_result_t R;
    fmpq_t want;
    slong t;

    fmpq_mat_init(X, m, d);
    mat_set_si(X, x);
    for (t = 0; t < m; t++)
        fmpq_set_si(y + t, yv[t], 1);
    fmpq_init(want);
    fmpq_set_si(want, num, den);
    basin_init(B);
    basin_result_init(R);
    CU_ASSERT_EQUAL_FATAL(basin_set_pattern(B, X, y, a, b, n), BASIN_OK);
    basin_value(R, B, 64);
    if (!R->is_exact || !fmpq_equal(R->exact, want) || !certificates_ok(R, B))
    {
        TEST_REPORT(what, "exact=%d lower=%s upper=%s want %ld/%ld", R->is_exact,
                    fmpq_get_str(NULL, 10, R->lower), fmpq_get_str(NULL, 10, R->upper), (long) num,
                    (long) den);
        CU_FAIL(what);
    }
    /* the oracle knows the hand values too, non-unique minimisers
       included (an inactive point, rank-deficient X, a cone {0}) */
    {
        fmpq_t orc;
        fmpq_init(orc);
        if (oracle_value(orc, B, 100000) == 0 || !fmpq_equal(orc, want))
        {
            TEST_REPORT(what, "oracle %s, want %ld/%ld", fmpq_get_str(NULL, 10, orc), (long) num, (long) den);
            CU_FAIL(what);
        }
        fmpq_clear(orc);
    }
    basin_result_clear(R);
    basin_clear(B);
    fmpq_clear(want);
    fmpq_mat_clear(X);
    _fmpq_vec_clear(y, m);
}

static void
test_hand_solved(void)
{
    /* one neuron, orthogonal data: z >= 0 coordinatewise,
       f = ((z1 - 3)^2 + (z2 + 2)^2) / 2, minimum at (3, 0) on a face: 2 */
    {
        slong x[] = {1, 0, 0, 1}, y[] = {3, -2};
        int a[] = {1, 1}, b[] = {1};
        check_pattern("one neuron orthogonal, face optimum", 2, 2, 1, x, y, a, b, 2, 1);
    }
    /* same, b = -1: z <= 0, optimum (0, -2), value 9/2 */
    {
        slong x[] = {1, 0, 0, 1}, y[] = {3, -2};
        int a[] = {1, 1}, b[] = {-1};
        check_pattern("one neuron orthogonal, b=-1", 2, 2, 1, x, y, a, b, 9, 2);
    }
    /* a_{1,2} = -1: point 2 is not predicted, its constraint z2 <= 0
       does not matter for f: (0 + 4)/2 with z1 = 3 -> 2 */
    {
        slong x[] = {1, 0, 0, 1}, y[] = {3, -2};
        int a[] = {1, -1}, b[] = {1};
        check_pattern("one neuron, one point inactive", 2, 2, 1, x, y, a, b, 2, 1);
    }
    /* cone {0}: x1 = 1, x2 = -1, both active with b = +1 -> z = 0,
       f = (1 + 4) / 2 */
    {
        slong x[] = {1, -1}, y[] = {1, 2};
        int a[] = {1, 1}, b[] = {1};
        check_pattern("cone {0}", 2, 1, 1, x, y, a, b, 5, 2);
    }
    /* inactive neurons: nothing predicted, f = |y|^2 / m = (1+4+9)/3 */
    {
        slong x[] = {1, 2, -1, 0, 3, 1}, y[] = {1, -2, 3};
        int a[] = {-1, -1, -1, -1, -1, -1}, b[] = {1, -1};
        check_pattern("inactive neurons", 3, 2, 2, x, y, a, b, 14, 3);
    }
    /* n = 1, m = 1: <z, x> >= 0 reaches y = 5 -> 0; with b = -1 the best
       prediction is 0 -> 25 */
    {
        slong x[] = {2, 1}, y[] = {5};
        int a[] = {1}, b[] = {1}, bm[] = {-1};
        check_pattern("n=1 m=1 realisable", 1, 2, 1, x, y, a, b, 0, 1);
        check_pattern("n=1 m=1 wrong sign", 1, 2, 1, x, y, a, bm, 25, 1);
    }
    /* duplicated points with different targets: best common prediction
       is the mean: points (1), (1), targets 1, 3 -> pred 2, f = 1 */
    {
        slong x[] = {1, 1}, y[] = {1, 3};
        int a[] = {1, 1}, b[] = {1};
        check_pattern("duplicated points", 2, 1, 1, x, y, a, b, 1, 1);
    }
    /* zero targets: value 0 */
    {
        slong x[] = {1, 2, 3, -1, 0, 1}, y[] = {0, 0, 0};
        int a[] = {1, -1, 1, 1, 1, -1}, b[] = {1, -1};
        check_pattern("zero targets", 3, 2, 2, x, y, a, b, 0, 1);
    }
    /* rank-deficient X, data on a line in R^3: x_t = t * (1, 1, 0),
       t = 1, 2, 3, one neuron b = +1, all active: prediction c t, c >= 0;
       targets 1, 1, 1 -> c = 6/14, f = (1/3)(3 - 36/14) = 1/7 */
    {
        slong x[] = {1, 1, 0, 2, 2, 0, 3, 3, 0}, y[] = {1, 1, 1};
        int a[] = {1, 1, 1}, b[] = {1};
        check_pattern("rank-deficient X", 3, 3, 1, x, y, a, b, 1, 7);
    }
    /* a zero data point: its constraint is trivial, its prediction 0:
       x = (0), (1); y = 4, 2; f = (16 + 0) / 2 = 8 */
    {
        slong x[] = {0, 1}, y[] = {4, 2};
        int a[] = {1, 1}, b[] = {1};
        check_pattern("zero data point", 2, 1, 1, x, y, a, b, 8, 1);
    }
    /* two neurons sharing the work, opposite output signs: points
       x1 = (1, 0), x2 = (0, 1); neuron 1 (b=+1) active on both,
       neuron 2 (b=-1) active on x2 only: y = (2, -3) is reachable -> 0 */
    {
        slong x[] = {1, 0, 0, 1}, y[] = {2, -3};
        int a[] = {1, 1, -1, 1}, b[] = {1, -1};
        check_pattern("two neurons, opposite signs", 2, 2, 2, x, y, a, b, 0, 1);
    }
}

static void
test_negative_control(void)
{
    /* the checker must notice a wrong expected value: recompute the
       first hand instance and compare with a deliberately wrong 3 */
    fmpq_mat_t X;
    fmpq y[2];
    basin_t B;
    basin_result_t R;
    slong x[] = {1, 0, 0, 1};
    int a[] = {1, 1}, b[] = {1};
    fmpq_t wrong;
    fmpq_mat_init(X, 2, 2);
    mat_set_si(X, x);
    fmpq_init(y + 0);
    fmpq_init(y + 1);
    fmpq_set_si(y + 0, 3, 1);
    fmpq_set_si(y + 1, -2, 1);
    fmpq_init(wrong);
    fmpq_set_si(wrong, 3, 1);
    basin_init(B);
    basin_result_init(R);
    basin_set_pattern(B, X, y, a, b, 1);
    basin_value(R, B, 64);
    CU_ASSERT(R->is_exact);
    CU_ASSERT(!fmpq_equal(R->exact, wrong));
    /* the test's own checks refuse tampered certificates */
    CU_ASSERT(certificates_ok(R, B));
    fmpq_add_si(R->r + 0, R->r + 0, 1); /* stationarity broken */
    CU_ASSERT(!certificates_ok(R, B));
    fmpq_sub_si(R->r + 0, R->r + 0, 1);
    fmpq_add_si(R->lower, R->lower, 1); /* a bound the certificate does not give */
    CU_ASSERT(!certificates_ok(R, B));
    fmpq_sub_si(R->lower, R->lower, 1);
    fmpq_add_si(R->upper, R->upper, 1); /* not the objective of z */
    CU_ASSERT(!certificates_ok(R, B));
    fmpq_sub_si(R->upper, R->upper, 1);
    CU_ASSERT(certificates_ok(R, B));
    /* a tampered certificate is refused */
    fmpq_add_si(R->mu + 0, R->mu + 0, 1);
    {
        fmpq_t lb;
        fmpq_init(lb);
        CU_ASSERT(!basin_dual_bound(lb, B, R->r, R->mu));
        fmpq_clear(lb);
    }
    fmpq_set_si(R->z + 0, -1, 1);
    CU_ASSERT(!basin_is_feasible(B, R->z, NULL, NULL));
    basin_result_clear(R);
    basin_clear(B);
    fmpq_clear(wrong);
    fmpq_clear(y + 0);
    fmpq_clear(y + 1);
    fmpq_mat_clear(X);
}

static void
test_boundary(void)
{
    fmpq_mat_t X, W;
    fmpq y[2], v[2];
    basin_t B;
    slong x[] = {1, 0, 1, 1}, w[] = {1, 1, 0, 1}; /* <w_2, x_1> = 0 */
    slong bj = -7, bt = -7, k;
    fmpq_mat_init(X, 2, 2);
    fmpq_mat_init(W, 2, 2);
    mat_set_si(X, x);
    mat_set_si(W, w);
    for (k = 0; k < 2; k++)
    {
        fmpq_init(y + k);
        fmpq_init(v + k);
        fmpq_set_si(y + k, k + 1, 1);
        fmpq_set_si(v + k, 1, 1);
    }
    basin_init(B);
    CU_ASSERT_EQUAL(basin_pattern(B, X, y, W, v, 2, &bj, &bt), BASIN_BOUNDARY_W);
    CU_ASSERT(bj == 1 && bt == 0);
    fmpq_zero(v + 0);
    CU_ASSERT_EQUAL(basin_pattern(B, X, y, W, v, 2, &bj, &bt), BASIN_BOUNDARY_V);
    CU_ASSERT(bj == 0 && bt == -1);
    /* interior point: pattern taken from the signs */
    fmpq_set_si(v + 0, -3, 2);
    fmpq_set_si(fmpq_mat_entry(W, 1, 0), 1, 3);
    CU_ASSERT_EQUAL(basin_pattern(B, X, y, W, v, 2, &bj, &bt), BASIN_OK);
    CU_ASSERT(B->b[0] == -1 && B->b[1] == 1 && B->a[0] == 1 && B->a[1] == 1 && B->a[2] == 1 && B->a[3] == 1);
    /* bad signs in a pattern are refused */
    {
        int a[] = {1, 0, 1, 1}, b[] = {1, 1};
        CU_ASSERT_EQUAL(basin_set_pattern(B, X, y, a, b, 2), BASIN_BAD_INPUT);
    }
    basin_clear(B);
    for (k = 0; k < 2; k++)
    {
        fmpq_clear(y + k);
        fmpq_clear(v + k);
    }
    fmpq_mat_clear(X);
    fmpq_mat_clear(W);
}

/* Oracle: exhaustive enumeration of the faces of the cone.  A face fixes,
   per neuron j, a subspace {z_j : <z_j, x_t> = 0, t in S_j}; it depends
   only on span{x_t : t in S_j}, so S_j runs over the independent subsets
   of the rows of X of size below rank X, plus one option z_j = 0 for the
   spans equal to the row space (z_j is then orthogonal to every x_t: it
   predicts nothing and meets every constraint with equality, as 0 does).
   On each face the least-squares problem min |M z - y|^2 is solved
   exactly, any solution of the normal equations (free unknowns 0): the
   minimiser need not be unique.  Its value counts when the solution lies
   in the cone.  The least such value is Bas: every candidate is a
   feasible point (so >= Bas), and for a point z* in a minimal face of
   the optimal set (a polyhedron; its minimal faces are affine), with S*
   its tight constraints, every minimiser over the face of S* differs
   from z* by a direction along which M z and every constraint are
   constant, so the one found is feasible with value Bas.
   Returns the number of faces examined, 0 if there were more than
   max_faces (nothing set). */
static slong
oracle_value(fmpq_t best, const basin_t B, slong max_faces)
{
    slong n = B->n, m = B->m, d = B->d, nd = n * d, j, t, i, l, k, K, rX, nopt = 0, faces = 1, f, q;
    slong *opt, *sel;
    fmpq *z = _fmpq_vec_init(nd);
    fmpq_t s, v;
    int found = 0;
    fmpz_mat_t Xz;

    /* X with integer rows (same spans) */
    fmpz_mat_init(Xz, m, d);
    for (t = 0; t < m; t++)
    {
        fmpz_t den;
        fmpz_init(den);
        fmpz_one(den);
        for (i = 0; i < d; i++)
            fmpz_lcm(den, den, fmpq_denref(fmpq_mat_entry(B->X, t, i)));
        for (i = 0; i < d; i++)
        {
            fmpz_divexact(fmpz_mat_entry(Xz, t, i), den, fmpq_denref(fmpq_mat_entry(B->X, t, i)));
            fmpz_mul(fmpz_mat_entry(Xz, t, i), fmpz_mat_entry(Xz, t, i),
                     fmpq_numref(fmpq_mat_entry(B->X, t, i)));
        }
        fmpz_clear(den);
    }
    rX = fmpz_mat_rank(Xz);
    /* the options of one neuron: masks of independent rows, size < rX,
       and -1 for z_j = 0 */
    opt = flint_malloc(sizeof(slong) * (size_t) ((1L << m) + 1));
    for (q = 0; q < (1L << m); q++)
    {
        slong c = 0, r;
        fmpz_mat_t S;
        for (t = 0; t < m; t++)
            c += (q >> t) & 1;
        if (c >= rX)
            continue;
        fmpz_mat_init(S, FLINT_MAX(c, 1), d);
        for (t = 0, c = 0; t < m; t++)
            if ((q >> t) & 1)
            {
                for (i = 0; i < d; i++)
                    fmpz_set(fmpz_mat_entry(S, c, i), fmpz_mat_entry(Xz, t, i));
                c++;
            }
        r = c == 0 ? 0 : fmpz_mat_rank(S);
        fmpz_mat_clear(S);
        if (r == c)
            opt[nopt++] = q;
    }
    opt[nopt++] = -1;
    for (j = 0; j < n && faces <= max_faces; j++)
        faces *= nopt;
    if (faces > max_faces)
    {
        flint_free(opt);
        fmpz_mat_clear(Xz);
        _fmpq_vec_clear(z, nd);
        return 0;
    }
    sel = flint_calloc((size_t) n, sizeof(slong));
    fmpq_init(s);
    fmpq_init(v);
    for (f = 0; f < faces; f++)
    {
        fmpz_mat_struct *N = flint_malloc(sizeof(fmpz_mat_struct) * (size_t) n);
        slong *kj = flint_malloc(sizeof(slong) * (size_t) n);
        int ok = 1;
        for (j = 0, q = f; j < n; j++, q /= nopt)
            sel[j] = opt[q % nopt];
        K = 0;
        for (j = 0; j < n; j++)
        {
            fmpz_mat_init(N + j, d, d);
            if (sel[j] < 0)
                kj[j] = 0;
            else if (sel[j] == 0)
            {
                fmpz_mat_one(N + j);
                kj[j] = d;
            }
            else
            {
                fmpz_mat_t S;
                slong c = 0;
                for (t = 0; t < m; t++)
                    c += (sel[j] >> t) & 1;
                fmpz_mat_init(S, c, d);
                for (t = 0, c = 0; t < m; t++)
                    if ((sel[j] >> t) & 1)
                    {
                        for (i = 0; i < d; i++)
                            fmpz_set(fmpz_mat_entry(S, c, i), fmpz_mat_entry(Xz, t, i));
                        c++;
                    }
                kj[j] = fmpz_mat_nullspace(N + j, S);
                fmpz_mat_clear(S);
            }
            K += kj[j];
        }
        for (i = 0; i < nd; i++)
            fmpq_zero(z + i);
        if (K > 0)
        {
            /* normal equations (MN)^T (MN) u = (MN)^T y, any solution */
            fmpq_mat_t A, G;
            fmpq_mat_init(A, m, K);
            fmpq_mat_init(G, K, K + 1);
            for (j = 0, k = 0; j < n; j++)
                for (l = 0; l < kj[j]; l++, k++)
                    for (t = 0; t < m; t++)
                        if (B->a[j * m + t] > 0)
                            for (i = 0; i < d; i++)
                            {
                                fmpq_mul_fmpz(s, fmpq_mat_entry(B->X, t, i), fmpz_mat_entry(N + j, i, l));
                                fmpq_add(fmpq_mat_entry(A, t, k), fmpq_mat_entry(A, t, k), s);
                            }
            for (k = 0; k < K; k++)
            {
                for (l = 0; l < K; l++)
                    for (t = 0; t < m; t++)
                        fmpq_addmul(fmpq_mat_entry(G, k, l), fmpq_mat_entry(A, t, k),
                                    fmpq_mat_entry(A, t, l));
                for (t = 0; t < m; t++)
                    fmpq_addmul(fmpq_mat_entry(G, k, K), fmpq_mat_entry(A, t, k), B->y + t);
            }
            {
                slong rank = fmpq_mat_rref(G, G), c = 0, row;
                /* reduced echelon form: pivot 1, free unknowns 0, so each
                   pivot unknown is its row's right-hand side */
                for (row = 0; row < rank; row++)
                {
                    while (c <= K && fmpq_is_zero(fmpq_mat_entry(G, row, c)))
                        c++;
                    if (c == K)
                        ok = 0; /* inconsistent: cannot happen for normal equations */
                    else
                    {
                        slong jc = 0, lc = c;
                        while (lc >= kj[jc])
                            lc -= kj[jc++];
                        for (i = 0; i < d; i++)
                        {
                            fmpq_mul_fmpz(s, fmpq_mat_entry(G, row, K), fmpz_mat_entry(N + jc, i, lc));
                            fmpq_add(z + jc * d + i, z + jc * d + i, s);
                        }
                    }
                }
            }
            fmpq_mat_clear(A);
            fmpq_mat_clear(G);
        }
        for (j = 0; j < n; j++)
            fmpz_mat_clear(N + j);
        flint_free(N);
        flint_free(kj);
        CU_ASSERT(ok);
        if (!ok || !own_feasible(B, z))
            continue;
        own_mloss(v, B, z);
        if (!found || fmpq_cmp(v, best) < 0)
            fmpq_set(best, v);
        found = 1;
    }
    /* the z = 0 face is always feasible: found */
    fmpq_set_si(s, m, 1);
    fmpq_div(best, best, s);
    flint_free(sel);
    flint_free(opt);
    fmpz_mat_clear(Xz);
    _fmpq_vec_clear(z, nd);
    fmpq_clear(s);
    fmpq_clear(v);
    return faces;
}

/* Random patterns on small, often degenerate data (zero rows, duplicate
   and dependent rows, zero targets, rank-deficient X) against the
   exhaustive oracle: every exact value must equal it, every interval
   (of the engine and of its interval path) must contain it -- all of
   them, since the oracle is exact also when face minimisers are not
   unique. */
static void
test_random_vs_oracle(void)
{
    slong iters = test_iters(160), it, exact = 0, faces_max = 0, checked = 0, nmax = 0;
    for (it = 0; it < iters; it++)
    {
        rng_t r;
        slong n = 1 + (slong) (it % 3), d = 1 + (slong) ((it / 3) % 3), m, j, t, i, faces;
        fmpq_mat_t X;
        fmpq *y;
        int *a, *b;
        basin_t B;
        basin_result_t R, I;
        fmpq_t orc;

        rng_init(r, test_seed(), rng_stream_id("t-basin oracle"), (uint64_t) it);
        m = 1 + (slong) rng_below(r, 7);
        fmpq_mat_init(X, m, d);
        y = _fmpq_vec_init(m);
        a = flint_malloc(sizeof(int) * (size_t) (n * m));
        b = flint_malloc(sizeof(int) * (size_t) n);
        for (t = 0; t < m; t++)
        {
            /* small data: exact, quick, and often degenerate */
            for (i = 0; i < d; i++)
                fmpq_set_si(fmpq_mat_entry(X, t, i), (slong) rng_below(r, 9) - 4, 2);
            fmpq_set_si(y + t, (slong) rng_below(r, 13) - 6, 3);
        }
        for (j = 0; j < n; j++)
        {
            b[j] = rng_below(r, 2) ? 1 : -1;
            for (t = 0; t < m; t++)
                a[j * m + t] = rng_below(r, 3) ? 1 : -1;
        }
        basin_init(B);
        basin_result_init(R);
        basin_result_init(I);
        fmpq_init(orc);
        CU_ASSERT_EQUAL_FATAL(basin_set_pattern(B, X, y, a, b, n), BASIN_OK);
        basin_value(R, B, 64);
        basin_value_rounds(I, B, 64, 0);
        if (!certificates_ok(R, B) || !certificates_ok(I, B))
        {
            TEST_REPORT("basin certificates", "iteration %ld n=%ld d=%ld m=%ld", (long) it, (long) n,
                        (long) d, (long) m);
            CU_FAIL("basin certificates");
        }
        faces = oracle_value(orc, B, 3000);
        if (faces > 0)
        {
            checked++;
            faces_max = FLINT_MAX(faces_max, faces);
            nmax = FLINT_MAX(nmax, n * m);
            if (R->is_exact)
                exact++;
            if ((R->is_exact && !fmpq_equal(R->exact, orc)) || fmpq_cmp(R->lower, orc) > 0 ||
                fmpq_cmp(R->upper, orc) < 0 || fmpq_cmp(I->lower, orc) > 0 || fmpq_cmp(I->upper, orc) < 0)
            {
                TEST_REPORT("Bas == exhaustive oracle",
                            "iteration %ld n=%ld d=%ld m=%ld: oracle %s, engine [%s, %s]%s, "
                            "interval path [%s, %s]",
                            (long) it, (long) n, (long) d, (long) m, fmpq_get_str(NULL, 10, orc),
                            fmpq_get_str(NULL, 10, R->lower), fmpq_get_str(NULL, 10, R->upper),
                            R->is_exact ? " exact" : "", fmpq_get_str(NULL, 10, I->lower),
                            fmpq_get_str(NULL, 10, I->upper));
                CU_FAIL("Bas == exhaustive oracle");
            }
        }
        fmpq_clear(orc);
        basin_result_clear(R);
        basin_result_clear(I);
        basin_clear(B);
        fmpq_mat_clear(X);
        _fmpq_vec_clear(y, m);
        flint_free(a);
        flint_free(b);
    }
    /* the oracle covered most instances, up to n m = 21, and the engine
       was exact on most of them */
    CU_ASSERT(checked * 10 >= iters * 9);
    CU_ASSERT(nmax >= 15);
    CU_ASSERT(exact * 10 >= checked * 9);
}

/* Random networks: certified bounds, exactness on most, exact and
   interval paths consistent (lower <= exact <= upper). */
static void
test_random_networks(void)
{
    slong iters = test_iters(20), it, nex = 0, tot = 0;
    for (it = 0; it < iters; it++)
    {
        rng_t r;
        slong n = 2 + (slong) (it % 5), d = 2 + (slong) (it % 3), m = 3 + (slong) (it % 6);
        slong j, t, i, bj, bt;
        fmpq_mat_t X, W;
        fmpq *y, *v;
        basin_t B;
        basin_result_t R;
        rng_init(r, test_seed(), rng_stream_id("t-basin networks"), (uint64_t) it);
        fmpq_mat_init(X, m, d);
        fmpq_mat_init(W, n, d);
        y = _fmpq_vec_init(m);
        v = _fmpq_vec_init(n);
        for (t = 0; t < m; t++)
        {
            for (i = 0; i < d; i++)
                bc_fmpq_set_d(fmpq_mat_entry(X, t, i), rng_normal(r));
            bc_fmpq_set_d(y + t, rng_normal(r));
        }
        for (j = 0; j < n; j++)
        {
            for (i = 0; i < d; i++)
                bc_fmpq_set_d(fmpq_mat_entry(W, j, i), rng_normal(r));
            bc_fmpq_set_d(v + j, rng_normal(r));
        }
        basin_init(B);
        basin_result_init(R);
        if (basin_pattern(B, X, y, W, v, n, &bj, &bt) == BASIN_OK)
        {
            fmpq_t fw;
            tot++;
            basin_value(R, B, 64);
            nex += R->is_exact;
            if (!certificates_ok(R, B))
            {
                TEST_REPORT("network certificates", "iteration %ld", (long) it);
                CU_FAIL("network certificates");
            }
            /* the interval path (no exact rounds) must contain the
               exact value; its upper bound comes from the float point */
            {
                basin_result_t I;
                basin_result_init(I);
                basin_value_rounds(I, B, 64, 0);
                if (!certificates_ok(I, B) || fmpq_cmp(I->lower, R->upper) > 0 ||
                    fmpq_cmp(I->upper, R->lower) < 0 ||
                    (R->is_exact &&
                     fmpq_get_d(I->upper) - fmpq_get_d(R->exact) > 1e-6 * (1.0 + fmpq_get_d(R->exact))))
                {
                    TEST_REPORT("interval path agrees", "iteration %ld: [%g, %g] vs [%g, %g]", (long) it,
                                fmpq_get_d(I->lower), fmpq_get_d(I->upper), fmpq_get_d(R->lower),
                                fmpq_get_d(R->upper));
                    CU_FAIL("interval path agrees");
                }
                basin_result_clear(I);
            }
            /* the network's own point is in its basin: Bas <= L(W, v) */
            fmpq_init(fw);
            basin_objective(fw, B, B->start);
            CU_ASSERT(fmpq_cmp(R->lower, fw) <= 0);
            fmpq_clear(fw);
        }
        basin_result_clear(R);
        basin_clear(B);
        fmpq_mat_clear(X);
        fmpq_mat_clear(W);
        _fmpq_vec_clear(y, m);
        _fmpq_vec_clear(v, n);
    }
    CU_ASSERT(nex * 10 >= tot * 8);
}

/* Overspecified instances whose value is 0 by construction: targets
   y = M z' from a witness z' of the closed cone (checked here with the
   test's own loops), either (i) z'_j = c_j v_j w_j for a random network
   (c_j in {0, 1/2, 1, 2}: some neurons dead), or (ii) a pattern built
   around a random z' in which one point t0 has y_{t0} = 0 with every
   neuron active there of output sign +1 and orthogonal to x_{t0}: the
   constraints at t0 are then forced to equality in every interpolating
   point.  In every other instance of (ii) y_{t0} is then set to a
   negative value: p_{t0} >= 0 on the whole cone, so
   Bas = y_{t0}^2 / m exactly, attained by z'.  The engine must return
   exactly that value with a minimiser that the test checks on its own
   (cone, predictions); the float path (_basin_solve_d, then
   _basin_interp_d) must succeed on most. */
static void
test_interpolating(void)
{
    slong iters = test_iters(24), it, tot = 0, fast = 0;
    for (it = 0; it < iters; it++)
    {
        rng_t r;
        slong d = 2 + (slong) (it % 3), m = 3 + (slong) ((it / 3) % 4),
              n = (m + d) / d + 1 + (slong) (it % 2);
        slong j, t, i, t0 = 0;
        int forced = it % 2, clamp = forced && (it / 2) % 2,
            *a = flint_malloc(sizeof(int) * (size_t) (n * m)), *b = flint_malloc(sizeof(int) * (size_t) n);
        fmpq_mat_t X, W;
        fmpq *y, *v, *zw;
        fmpq_t s, q, want;
        basin_t B;
        basin_result_t R;
        int ok = 1;

        rng_init(r, test_seed(), rng_stream_id("t-basin interpolating"), (uint64_t) it);
        fmpq_mat_init(X, m, d);
        fmpq_mat_init(W, n, d);
        y = _fmpq_vec_init(m);
        v = _fmpq_vec_init(n);
        zw = _fmpq_vec_init(n * d);
        fmpq_init(s);
        fmpq_init(q);
        fmpq_init(want);
        basin_init(B);
        basin_result_init(R);
        for (t = 0; t < m; t++)
            for (i = 0; i < d; i++)
                bc_fmpq_set_d(fmpq_mat_entry(X, t, i), rng_normal(r));
        for (j = 0; j < n; j++)
        {
            for (i = 0; i < d; i++)
                bc_fmpq_set_d(fmpq_mat_entry(W, j, i), rng_normal(r));
            bc_fmpq_set_d(v + j, rng_normal(r));
        }
        if (!forced)
        {
            if (basin_pattern(B, X, y, W, v, n, NULL, NULL) != BASIN_OK)
                goto next;
            for (j = 0; j < n; j++)
            {
                slong c = (slong) rng_below(r, 4); /* 0, 1/2, 1, 2 */
                fmpq_set_si(q, c == 0 ? 0 : (c == 1 ? 1 : (c == 2 ? 2 : 4)), 2);
                for (i = 0; i < d; i++)
                {
                    fmpq_mul(zw + j * d + i, fmpq_mat_entry(W, j, i), v + j);
                    fmpq_mul(zw + j * d + i, zw + j * d + i, q);
                }
            }
        }
        else
        {
            /* z'_j = w_j, b_j = sign v_j; at t0 neurons with b = +1 are
               projected onto x_{t0}^perp and active, those with b = -1
               reflected to <z'_j, x_{t0}> > 0, hence inactive */
            fmpq_t xx;
            fmpq_init(xx);
            t0 = (slong) rng_below(r, (ulong) m);
            for (i = 0; i < d; i++)
                fmpq_addmul(xx, fmpq_mat_entry(X, t0, i), fmpq_mat_entry(X, t0, i));
            for (j = 0; j < n; j++)
            {
                b[j] = fmpq_sgn(v + j) >= 0 ? 1 : -1;
                fmpq_zero(s);
                for (i = 0; i < d; i++)
                {
                    fmpq_set(zw + j * d + i, fmpq_mat_entry(W, j, i));
                    fmpq_addmul(s, zw + j * d + i, fmpq_mat_entry(X, t0, i));
                }
                if (b[j] > 0 || fmpq_sgn(s) < 0)
                {
                    fmpq_div(q, s, xx);
                    if (b[j] < 0)
                        fmpq_mul_2exp(q, q, 1);
                    for (i = 0; i < d; i++)
                        fmpq_submul(zw + j * d + i, q, fmpq_mat_entry(X, t0, i));
                }
                for (t = 0; t < m; t++)
                {
                    fmpq_zero(s);
                    for (i = 0; i < d; i++)
                        fmpq_addmul(s, zw + j * d + i, fmpq_mat_entry(X, t, i));
                    a[j * m + t] = t == t0 ? b[j] : b[j] * (fmpq_sgn(s) >= 0 ? 1 : -1);
                }
            }
            fmpq_clear(xx);
        }
        /* y = M z', and z' in the cone, with the test's own loops */
        for (t = 0; t < m; t++)
        {
            fmpq_zero(y + t);
            for (j = 0; j < n; j++)
            {
                int aj = forced ? a[j * m + t] : B->a[j * m + t], bj = forced ? b[j] : B->b[j];
                fmpq_zero(s);
                for (i = 0; i < d; i++)
                    fmpq_addmul(s, zw + j * d + i, fmpq_mat_entry(X, t, i));
                if (fmpq_sgn(s) * aj * bj < 0)
                    ok = 0;
                if (aj > 0)
                    fmpq_add(y + t, y + t, s);
            }
        }
        if (forced)
        {
            CU_ASSERT(fmpq_is_zero(y + t0));
            if (clamp)
            {
                /* y_{t0} < 0: the loss there is y_{t0}^2 on the whole cone */
                fmpq_set_si(y + t0, -1 - (slong) rng_below(r, 7), 4);
                fmpq_mul(want, y + t0, y + t0);
                fmpq_set_si(q, m, 1);
                fmpq_div(want, want, q);
            }
            CU_ASSERT_EQUAL_FATAL(basin_set_pattern(B, X, y, a, b, n), BASIN_OK);
        }
        else
            for (t = 0; t < m; t++)
                fmpq_set(B->y + t, y + t);
        CU_ASSERT_FATAL(ok);
        tot++;
        basin_value(R, B, 64);
        /* the engine's minimiser, checked with the test's own loops */
        for (t = 0; t < m && ok; t++)
        {
            fmpq_zero(q);
            for (j = 0; j < n; j++)
            {
                fmpq_zero(s);
                for (i = 0; i < d; i++)
                    fmpq_addmul(s, R->z + j * d + i, fmpq_mat_entry(X, t, i));
                if (fmpq_sgn(s) * B->a[j * m + t] * B->b[j] < 0)
                    ok = 0;
                if (B->a[j * m + t] > 0)
                    fmpq_add(q, q, s);
            }
            /* the prediction is y_t, except 0 at a clamped t0 */
            ok &= (clamp && t == t0) ? fmpq_is_zero(q) : fmpq_equal(q, y + t);
        }
        if (!R->is_exact || !fmpq_equal(R->exact, want) || !ok || !certificates_ok(R, B))
        {
            TEST_REPORT("instance with known Bas", "iteration %ld n=%ld d=%ld m=%ld forced=%d clamp=%d",
                        (long) it, (long) n, (long) d, (long) m, forced, clamp);
            CU_FAIL("instance with known Bas");
        }
        /* the float interpolation path itself */
        {
            double *zd = flint_malloc(sizeof(double) * (size_t) (n * d));
            double *lam = flint_malloc(sizeof(double) * (size_t) (n * m));
            int *work = flint_malloc(sizeof(int) * (size_t) (n * m));
            slong *rows = flint_malloc(sizeof(slong) * (size_t) (m + n * m));
            slong *piv = flint_malloc(sizeof(slong) * (size_t) (m + n * m));
            slong zexp, its, neq;
            _basin_solve_d(zd, &zexp, work, lam, &its, B);
            fast += _basin_interp_d(zd, rows, piv, &neq, B, zexp);
            flint_free(zd);
            flint_free(lam);
            flint_free(work);
            flint_free(rows);
            flint_free(piv);
        }
    next:
        basin_result_clear(R);
        basin_clear(B);
        fmpq_mat_clear(X);
        fmpq_mat_clear(W);
        _fmpq_vec_clear(y, m);
        _fmpq_vec_clear(v, n);
        _fmpq_vec_clear(zw, n * d);
        fmpq_clear(s);
        fmpq_clear(q);
        fmpq_clear(want);
        flint_free(a);
        flint_free(b);
    }
    if (fast * 10 < tot * 8)
    {
        TEST_REPORT("interpolation path taken", "%ld of %ld", (long) fast, (long) tot);
        CU_FAIL("interpolation path taken");
    }
}

/* long-double helpers of the float solve */
static long double
ldot(const long double *u, const long double *v, slong d)
{
    long double s = 0.0L;
    slong i;
    for (i = 0; i < d; i++)
        s += u[i] * v[i];
    return s;
}

/* f(z) = (1/m) sum_t (sum_{j: a=+1} <z_j, x_t> - y_t)^2, and r = M z - y */
static long double
lf(long double *r, const long double *z, const long double *X, const long double *y, const basin_t B)
{
    slong m = B->m, n = B->n, d = B->d, t, j;
    long double f = 0.0L;
    for (t = 0; t < m; t++)
    {
        r[t] = -y[t];
        for (j = 0; j < n; j++)
            if (B->a[j * m + t] > 0)
                r[t] += ldot(z + j * d, X + t * d, d);
        f += r[t] * r[t];
    }
    return f / (long double) m;
}

/* Projection of u (d) onto the cone {w : s_t <w, x_t> >= 0} of neuron j
   by Hildreth's method: w = u + sum_t lam_t s_t x_t with lam >= 0
   minimising |w| (the dual of the projection), by exact coordinate steps
   lam_t <- max(0, lam_t - s_t <x_t, w> / |x_t|^2), warm-started from
   the lam (m) of the previous call for this neuron; stops when a sweep
   moves w by nothing at long-double precision. */
static void
hildreth(long double *u, const long double *X, const long double *xx, const basin_t B, slong j,
         long double *lam)
{
    slong m = B->m, d = B->d, t, i, sweep;
    long double un = ldot(u, u, d) + 1e-300L;
    for (t = 0; t < m; t++)
        if (lam[t] != 0.0L)
        {
            long double sg = (long double) (B->a[j * m + t] * B->b[j]);
            for (i = 0; i < d; i++)
                u[i] += lam[t] * sg * X[t * d + i];
        }
    for (sweep = 0; sweep < 2000; sweep++)
    {
        long double moved = 0.0L;
        for (t = 0; t < m; t++)
        {
            long double sg = (long double) (B->a[j * m + t] * B->b[j]), nl, dl;
            if (xx[t] == 0.0L)
                continue;
            nl = lam[t] - sg * ldot(u, X + t * d, d) / xx[t];
            if (nl < 0.0L)
                nl = 0.0L;
            dl = nl - lam[t];
            if (dl == 0.0L)
                continue;
            lam[t] = nl;
            for (i = 0; i < d; i++)
                u[i] += dl * sg * X[t * d + i];
            moved += dl * dl * xx[t];
        }
        if (moved <= 1e-36L * un)
            break;
    }
}

/* A long, careful float solve written here, independent of the engine:
   accelerated projected gradient (FISTA with adaptive restart) in long
   double, step 1/L with L = (2/m) sum_t #{j : a_{j,t} = +1} |x_t|^2, the
   trace of the Hessian and so at least its largest eigenvalue (the step
   is safe), each neuron's projection by Hildreth's method; from the
   network's own point, until an iteration moves z by less than 1e-16
   relative, or f decreases by less than 1e-18 relative over 1000
   iterations, or maxit.  Sets *it; returns f at the end point z. */
#define PG_MAXIT 200000

static long double
pg_solve(long double *z, slong *it, const basin_t B, const fmpq *z0, slong maxit)
{
    slong n = B->n, m = B->m, d = B->d, nd = n * d, j, t, i, k;
    long double *X = flint_malloc(sizeof(long double) * (size_t) (m * d)),
                *y = flint_malloc(sizeof(long double) * (size_t) m);
    long double *xx = flint_malloc(sizeof(long double) * (size_t) m),
                *r = flint_malloc(sizeof(long double) * (size_t) m);
    long double *yv = flint_malloc(sizeof(long double) * (size_t) nd),
                *zn = flint_malloc(sizeof(long double) * (size_t) nd);
    long double *lam = flint_calloc((size_t) (n * m), sizeof(long double));
    long double L = 0.0L, tk = 1.0L, fz, fn, fcheck;

    for (t = 0; t < m; t++)
    {
        for (i = 0; i < d; i++)
            X[t * d + i] = (long double) fmpq_get_d(fmpq_mat_entry(B->X, t, i));
        y[t] = (long double) fmpq_get_d(B->y + t);
        xx[t] = ldot(X + t * d, X + t * d, d);
        for (j = 0; j < n; j++)
            if (B->a[j * m + t] > 0)
                L += xx[t];
    }
    L = 2.0L * L / (long double) m + 1e-300L;
    for (i = 0; i < nd; i++)
        z[i] = yv[i] = (long double) fmpq_get_d(z0 + i);
    fz = fcheck = lf(r, z, X, y, B);
    for (k = 0; k < maxit; k++)
    {
        long double tn, moved = 0.0L, zz = 0.0L;
        lf(r, yv, X, y, B);
        for (j = 0; j < n; j++)
        {
            for (i = 0; i < d; i++)
            {
                long double g = 0.0L;
                for (t = 0; t < m; t++)
                    if (B->a[j * m + t] > 0)
                        g += 2.0L / (long double) m * r[t] * X[t * d + i];
                zn[j * d + i] = yv[j * d + i] - g / L;
            }
            hildreth(zn + j * d, X, xx, B, j, lam + j * m);
        }
        fn = lf(r, zn, X, y, B);
        if (fn > fz && tk > 1.0L)
        {
            /* momentum overshot: restart from z */
            tk = 1.0L;
            memcpy(yv, z, sizeof(long double) * (size_t) nd);
            continue;
        }
        tn = 0.5L * (1.0L + sqrtl(1.0L + 4.0L * tk * tk));
        for (i = 0; i < nd; i++)
        {
            moved += (zn[i] - z[i]) * (zn[i] - z[i]);
            zz += zn[i] * zn[i];
            yv[i] = zn[i] + (tk - 1.0L) / tn * (zn[i] - z[i]);
            z[i] = zn[i];
        }
        tk = tn;
        fz = fn;
        if (moved <= 1e-32L * (1.0L + zz))
            break;
        /* or the value has stopped moving: no decrease beyond 1e-18
           relative over the last 1000 iterations (iterates may still
           drift along a set of minimisers) */
        if (k % 1000 == 999)
        {
            if (fcheck - fz <= 1e-18L * (1.0L + fz))
                break;
            fcheck = fz;
        }
    }
    *it = k;
    flint_free(X);
    flint_free(y);
    flint_free(xx);
    flint_free(r);
    flint_free(yv);
    flint_free(zn);
    flint_free(lam);
    return fz;
}

/* Random networks beyond the exhaustive oracle's reach (n up to 5, m up
   to 14): the engine's certified interval, and that of its interval path,
   must contain the value of the long float solve above, within
   tol = 1e-10 (1 + f(0)).  Why that tolerance: the solve is run until its
   steps are at the rounding level of long double (1e-16 relative in z)
   or its value stops decreasing (1e-18 relative over 1000 iterations);
   projected gradient converges linearly on a convex quadratic over a
   polyhedron (Luo and Tseng), and converged runs agree with the exact
   values to about 1e-16 (1 + f(0)) -- the double rounding of Bas (checked
   below: at most 1e-12), so 1e-10 leaves a wide margin for slow runs and
   is still far below any error worth finding.  A run that does not
   converge within its budget is counted and must be rare.  Independently
   of any tolerance: the end point, taken exactly, is a point whose exact
   value, when it lies in the cone, can never be below a certified lower
   bound. */
static void
test_float_oracle(void)
{
    slong iters = test_iters(16), it, tot = 0, conv = 0, exactpt = 0;
    long double worst = 0.0L;
    for (it = 0; it < iters; it++)
    {
        rng_t r;
        slong n = 2 + (slong) (it % 4), d = 2 + (slong) (it % 3), m = 4 + (slong) (it % 11), j, t, i, nd, nit;
        fmpq_mat_t X, W;
        fmpq *y, *v, *z0, *zq;
        long double *zb, fb, tol, f0 = 0.0L;
        basin_t B;
        basin_result_t R, I;
        fmpq_t fe, mm;

        rng_init(r, test_seed(), rng_stream_id("t-basin float solve"), (uint64_t) it);
        nd = n * d;
        fmpq_mat_init(X, m, d);
        fmpq_mat_init(W, n, d);
        y = _fmpq_vec_init(m);
        v = _fmpq_vec_init(n);
        z0 = _fmpq_vec_init(nd);
        zq = _fmpq_vec_init(nd);
        zb = flint_malloc(sizeof(long double) * (size_t) nd);
        for (t = 0; t < m; t++)
        {
            for (i = 0; i < d; i++)
                bc_fmpq_set_d(fmpq_mat_entry(X, t, i), rng_normal(r));
            bc_fmpq_set_d(y + t, rng_normal(r));
        }
        basin_init(B);
        basin_result_init(R);
        basin_result_init(I);
        fmpq_init(fe);
        fmpq_init(mm);
        do
        {
            for (j = 0; j < n; j++)
            {
                for (i = 0; i < d; i++)
                    bc_fmpq_set_d(fmpq_mat_entry(W, j, i), rng_normal(r));
                bc_fmpq_set_d(v + j, rng_normal(r));
            }
        } while (basin_pattern(B, X, y, W, v, n, NULL, NULL) != BASIN_OK);
        for (j = 0; j < n; j++)
            for (i = 0; i < d; i++)
                fmpq_mul(z0 + j * d + i, v + j, fmpq_mat_entry(W, j, i));
        basin_value(R, B, 64);
        basin_value_rounds(I, B, 64, 0);
        fb = pg_solve(zb, &nit, B, z0, PG_MAXIT);
        for (t = 0; t < m; t++)
            f0 += (long double) fmpq_get_d(y + t) * (long double) fmpq_get_d(y + t) / (long double) m;
        tol = 1e-10L * (1.0L + f0);
        tot++;
        if (nit < PG_MAXIT)
        {
            conv++;
            if (R->is_exact)
            {
                long double dv = fabsl(fb - (long double) fmpq_get_d(R->exact)) / (1.0L + f0);
                if (dv > worst)
                    worst = dv;
            }
            if (!((long double) fmpq_get_d(R->lower) <= fb + tol &&
                  (long double) fmpq_get_d(R->upper) >= fb - tol &&
                  (long double) fmpq_get_d(I->lower) <= fb + tol &&
                  (long double) fmpq_get_d(I->upper) >= fb - tol))
            {
                TEST_REPORT(
                    "certified interval contains the float solve's value",
                    "iteration %ld n=%ld d=%ld m=%ld: float %.20Lg (%ld iterations, tol %.3Lg), engine "
                    "[%.20g, %.20g], interval path [%.20g, %.20g]",
                    (long) it, (long) n, (long) d, (long) m, fb, (long) nit, tol, fmpq_get_d(R->lower),
                    fmpq_get_d(R->upper), fmpq_get_d(I->lower), fmpq_get_d(I->upper));
                CU_FAIL("certified interval contains the float solve's value");
            }
        }
        /* rigorous, no tolerance: a point of the cone is never below a
           certified lower bound */
        for (i = 0; i < nd; i++)
            bc_fmpq_set_d(zq + i, (double) zb[i]);
        if (own_feasible(B, zq))
        {
            exactpt++;
            fmpq_set_si(mm, m, 1);
            own_mloss(fe, B, zq);
            fmpq_div(fe, fe, mm);
            if (fmpq_cmp(fe, R->lower) < 0 || fmpq_cmp(fe, I->lower) < 0)
            {
                TEST_REPORT("point of the cone >= certified lower bound", "iteration %ld: %g < %g", (long) it,
                            fmpq_get_d(fe), fmpq_get_d(R->lower));
                CU_FAIL("point of the cone >= certified lower bound");
            }
        }
        fmpq_clear(fe);
        fmpq_clear(mm);
        basin_result_clear(R);
        basin_result_clear(I);
        basin_clear(B);
        fmpq_mat_clear(X);
        fmpq_mat_clear(W);
        _fmpq_vec_clear(y, m);
        _fmpq_vec_clear(v, n);
        _fmpq_vec_clear(z0, nd);
        _fmpq_vec_clear(zq, nd);
        flint_free(zb);
    }
    /* the float solve converged on (almost) all of them, and where the
       engine was exact the two agree far inside the tolerance (about
       1e-16 relative is what is seen: the double rounding of Bas) */
    CU_ASSERT(conv * 10 >= tot * 9);
    CU_ASSERT(worst <= 1e-12L);
    (void) exactpt;
}

static const test_case suite_tests[] = {
    {"hand-solved and degenerate instances", test_hand_solved},
    {"negative control and tampered certificates", test_negative_control},
    {"boundary detection", test_boundary},
    {"random patterns vs exhaustive oracle", test_random_vs_oracle},
    {"random networks certified", test_random_networks},
    {"interpolating and clamped instances: known Bas exactly", test_interpolating},
    {"certified intervals contain a careful float solve", test_float_oracle},
};

int
t_basin_register(void)
{
    return TEST_SUITE("basin", suite_tests);
}
