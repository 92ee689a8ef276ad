/* t-shallow.c -- the exact two-layer ReLU objects (shallow.h): the
   network's loss and predictions on hand instances; on random cells the
   loss, z and the design matrix against the basin engine's own objective,
   predictions and interior point, the Hessian in z against exact second
   differences of the cell's quadratic written here from its definition,
   the Hessian in (W, v) against exact central differences of the cell
   loss in theta, the Hessian's rank against the row echelon form of M; the
   closed-cell test against its definition through X W^T; and the
   indefinite (W, v) Hessian of Lemma 1's negative control by hand. */
#include <flint/fmpq_vec.h>

#include "basin.h"
#include "ldl.h"
#include "rng.h"
#include "shallow.h"
#include "testutil.h"

/* ------------------------------------------------------------ oracles */

static void
qvec_set(fmpq *v, const fmpq *u, slong len)
{
    slong i;
    for (i = 0; i < len; i++)
        fmpq_set(v + i, u + i);
}

static int
qvec_equal(const fmpq *v, const fmpq *u, slong len)
{
    slong i;
    for (i = 0; i < len; i++)
        if (!fmpq_equal(v + i, u + i))
            return 0;
    return 1;
}

/* f(z) = (1/m) sum_t (sum_{j : a_{j,t} = +1} <z_j, x_t> - y_t)^2, the cell's
   quadratic from its definition (basin.h) */
static void
cell_f(fmpq_t f, const basin_t B, const fmpq *z)
{
    slong t, j, i;
    fmpq_t r;
    fmpq_init(r);
    fmpq_zero(f);
    for (t = 0; t < B->m; t++)
    {
        fmpq_neg(r, B->y + t);
        for (j = 0; j < B->n; j++)
            if (B->a[j * B->m + t] == 1)
                for (i = 0; i < B->d; i++)
                    fmpq_addmul(r, z + j * B->d + i, fmpq_mat_entry(B->X, t, i));
        fmpq_addmul(f, r, r);
    }
    bc_fmpq_div_si(f, f, B->m);
    fmpq_clear(r);
}

/* the same loss in theta = (w_1, ..., w_n, v_1, ..., v_n) with the ReLUs
   fixed by the cell: (1/m) sum_t (sum_{j : a = +1} v_j <w_j, x_t> - y_t)^2 */
static void
cell_loss_theta(fmpq_t L, const basin_t B, const fmpq *th)
{
    slong n = B->n, d = B->d, j, i, t;
    fmpq_t r, s;
    fmpq_init(r);
    fmpq_init(s);
    fmpq_zero(L);
    for (t = 0; t < B->m; t++)
    {
        fmpq_neg(r, B->y + t);
        for (j = 0; j < n; j++)
        {
            if (B->a[j * B->m + t] != 1)
                continue;
            fmpq_zero(s);
            for (i = 0; i < d; i++)
                fmpq_addmul(s, th + j * d + i, fmpq_mat_entry(B->X, t, i));
            fmpq_addmul(r, th + n * d + j, s);
        }
        fmpq_addmul(L, r, r);
    }
    bc_fmpq_div_si(L, L, B->m);
    fmpq_clear(r);
    fmpq_clear(s);
}

/* the closed cell from its definition: S = X W^T, a_{j,t} S_{t,j} >= 0 and
   b_j v_j >= 0 */
static int
oracle_closed_cell(const basin_t B, const fmpq_mat_t W, const fmpq *v)
{
    slong j, t;
    int ok = 1;
    fmpq_mat_t Wt, S;
    fmpq_mat_init(Wt, B->d, B->n);
    fmpq_mat_init(S, B->m, B->n);
    fmpq_mat_transpose(Wt, W);
    fmpq_mat_mul(S, B->X, Wt);
    for (j = 0; j < B->n; j++)
    {
        ok &= B->b[j] * fmpq_sgn(v + j) >= 0;
        for (t = 0; t < B->m; t++)
            ok &= B->a[j * B->m + t] * fmpq_sgn(fmpq_mat_entry(S, t, j)) >= 0;
    }
    fmpq_mat_clear(Wt);
    fmpq_mat_clear(S);
    return ok;
}

/* --------------------------------------------------------- instances */

typedef struct
{
    slong n, m, d;
    fmpq_mat_t X, W;
    fmpq *y, *v;
    basin_t B;
} cell_inst;

/* a random instance (W, v) strictly inside its cell: X with non-zero
   rows, dyadic entries; redraws W until no <w_j, x_t> is 0 */
static void
cell_inst_draw(cell_inst *I, rng_t r)
{
    slong t, i, j, tries;
    I->n = 1 + (slong) rng_below(r, 3);
    I->m = 1 + (slong) rng_below(r, 5);
    I->d = 1 + (slong) rng_below(r, 3);
    fmpq_mat_init(I->X, I->m, I->d);
    fmpq_mat_init(I->W, I->n, I->d);
    I->y = _fmpq_vec_init(I->m);
    I->v = _fmpq_vec_init(I->n);
    basin_init(I->B);
    for (t = 0; t < I->m; t++)
    {
        for (i = 0; i < I->d; i++)
            fmpq_set_si(fmpq_mat_entry(I->X, t, i), (slong) rng_below(r, 7) - 3, 2);
        if (fmpq_is_zero(fmpq_mat_entry(I->X, t, 0)))
            fmpq_one(fmpq_mat_entry(I->X, t, 0));
        fmpq_set_si(I->y + t, (slong) rng_below(r, 9) - 4, 2);
    }
    for (tries = 0;; tries++)
    {
        for (j = 0; j < I->n; j++)
        {
            for (i = 0; i < I->d; i++)
                fmpq_set_si(fmpq_mat_entry(I->W, j, i), (slong) rng_below(r, 9) - 4, 4);
            fmpq_set_si(I->v + j, (1 + (slong) rng_below(r, 4)) * ((rng_u32(r) & 1) ? 1 : -1), 2);
        }
        if (basin_pattern(I->B, I->X, I->y, I->W, I->v, I->n, NULL, NULL) == BASIN_OK)
            break;
        if (tries > 1000)
            flint_abort(); /* cannot happen with non-zero rows */
    }
}

static void
cell_inst_clear(cell_inst *I)
{
    fmpq_mat_clear(I->X);
    fmpq_mat_clear(I->W);
    _fmpq_vec_clear(I->y, I->m);
    _fmpq_vec_clear(I->v, I->n);
    basin_clear(I->B);
}

/* ------------------------------------------------------------- tests */

/* X = I_2, y = (1, 2) */
static void
hand_data(fmpq_mat_t X, fmpq *y)
{
    fmpq_mat_one(X);
    fmpq_set_si(y + 0, 1, 1);
    fmpq_set_si(y + 1, 2, 1);
}

static void
test_loss_hand(void)
{
    fmpq_mat_t X, W;
    fmpq y[2], v[2], p[2], z[4];
    fmpq_t L;
    slong k;

    fmpq_mat_init(X, 2, 2);
    fmpq_init(L);
    for (k = 0; k < 2; k++)
    {
        fmpq_init(y + k);
        fmpq_init(v + k);
        fmpq_init(p + k);
    }
    for (k = 0; k < 4; k++)
        fmpq_init(z + k);
    hand_data(X, y);
    /* one neuron w = (-1, 1), v = 3: predictions (0, 3), loss (1 + 1)/2 */
    fmpq_mat_init(W, 1, 2);
    fmpq_set_si(fmpq_mat_entry(W, 0, 0), -1, 1);
    fmpq_set_si(fmpq_mat_entry(W, 0, 1), 1, 1);
    fmpq_set_si(v + 0, 3, 1);
    shallow_net_predict(p, X, W, v);
    CU_ASSERT(fmpq_is_zero(p + 0) && fmpq_equal_si(p + 1, 3));
    shallow_net_loss(L, X, y, W, v);
    CU_ASSERT(fmpq_is_one(L));
    fmpq_mat_clear(W);
    /* two neurons w_1 = (1, 0), w_2 = (0, -1), v = (2, 5): predictions
       (2, 0), loss (1 + 4)/2; z = (2, 0, 0, -5) */
    fmpq_mat_init(W, 2, 2);
    fmpq_set_si(fmpq_mat_entry(W, 0, 0), 1, 1);
    fmpq_set_si(fmpq_mat_entry(W, 1, 1), -1, 1);
    fmpq_set_si(v + 0, 2, 1);
    fmpq_set_si(v + 1, 5, 1);
    shallow_net_predict(p, X, W, v);
    CU_ASSERT(fmpq_equal_si(p + 0, 2) && fmpq_is_zero(p + 1));
    shallow_net_loss(L, X, y, W, v);
    CU_ASSERT(fmpz_equal_si(fmpq_numref(L), 5) && fmpz_equal_si(fmpq_denref(L), 2));
    shallow_z_of(z, W, v);
    CU_ASSERT(fmpq_equal_si(z + 0, 2) && fmpq_is_zero(z + 1) && fmpq_is_zero(z + 2) &&
              fmpq_equal_si(z + 3, -5));
    /* the loss of given predictions */
    shallow_loss_of_pred(L, y, y, 2);
    CU_ASSERT(fmpq_is_zero(L));
    fmpq_mat_clear(W);
    fmpq_mat_clear(X);
    fmpq_clear(L);
    for (k = 0; k < 2; k++)
    {
        fmpq_clear(y + k);
        fmpq_clear(v + k);
        fmpq_clear(p + k);
    }
    for (k = 0; k < 4; k++)
        fmpq_clear(z + k);
}

/* on random cells: loss, z, M, both Hessians and the rank (see top) */
static void
test_cell_random(void)
{
    slong it, iters = test_iters(120), bad = 0;
    rng_t r;
    rng_init(r, test_seed(), rng_stream_id("t-shallow/cell"), 0);
    for (it = 0; it < iters; it++)
    {
        cell_inst I;
        slong nd, N, a, c, t;
        fmpq *z, *z2, *p, *q, *th;
        fmpq_mat_t M, H, Hw, zc, pc;
        fmpq_t L, f, g, e;
        ldl_t F;
        int ok_loss = 1, ok_M = 1, ok_H = 1, ok_wv = 1, ok_rank;

        cell_inst_draw(&I, r);
        nd = I.n * I.d;
        N = nd + I.n;
        z = _fmpq_vec_init(nd);
        z2 = _fmpq_vec_init(nd);
        p = _fmpq_vec_init(I.m);
        q = _fmpq_vec_init(I.m);
        th = _fmpq_vec_init(N);
        fmpq_mat_init(M, 0, 0);
        fmpq_mat_init(H, 0, 0);
        fmpq_mat_init(Hw, 0, 0);
        fmpq_mat_init(zc, nd, 1);
        fmpq_mat_init(pc, I.m, 1);
        fmpq_init(L);
        fmpq_init(f);
        fmpq_init(g);
        fmpq_init(e);
        ldl_init(F);

        /* inside the open cell the network's loss is the quadratic at z,
           and z is the engine's interior point */
        if (!shallow_in_closed_cell(I.B, I.W, I.v))
            ok_loss = 0;
        shallow_z_of(z, I.W, I.v);
        if (I.B->start == NULL || !qvec_equal(z, I.B->start, nd))
            ok_loss = 0;
        shallow_net_loss(L, I.X, I.y, I.W, I.v);
        basin_objective(f, I.B, z);
        cell_f(g, I.B, z);
        if (!fmpq_equal(L, f) || !fmpq_equal(L, g))
            ok_loss = 0;

        /* M z2 = the engine's predictions at any z2, and M z = the
           network's predictions */
        shallow_design(M, I.B);
        if (fmpq_mat_nrows(M) != I.m || fmpq_mat_ncols(M) != nd)
            ok_M = 0;
        for (a = 0; a < nd && ok_M; a++)
            fmpq_set_si(z2 + a, (slong) rng_below(r, 11) - 5, 3);
        for (c = 0; c < 2 && ok_M; c++)
        {
            const fmpq *zz = c == 0 ? z : z2;
            for (a = 0; a < nd; a++)
                fmpq_set(fmpq_mat_entry(zc, a, 0), zz + a);
            fmpq_mat_mul(pc, M, zc);
            if (c == 0)
                shallow_net_predict(q, I.X, I.W, I.v);
            else
                basin_predict(q, I.B, zz);
            for (t = 0; t < I.m; t++)
                if (!fmpq_equal(fmpq_mat_entry(pc, t, 0), q + t))
                    ok_M = 0;
        }

        /* the Hessian in z: second differences of the quadratic with unit
           steps are exact, at the random point z2 */
        shallow_hessian(H, I.B);
        if (fmpq_mat_nrows(H) != nd || fmpq_mat_ncols(H) != nd)
            ok_H = 0;
        for (a = 0; a < nd && ok_H; a++)
            for (c = 0; c < nd && ok_H; c++)
            {
                fmpq *w = _fmpq_vec_init(nd);
                qvec_set(w, z2, nd);
                cell_f(e, I.B, w);
                fmpq_add_si(w + a, w + a, 1);
                cell_f(f, I.B, w);
                fmpq_sub(e, e, f);
                fmpq_add_si(w + c, w + c, 1);
                cell_f(f, I.B, w);
                fmpq_add(e, e, f);
                fmpq_sub_si(w + a, w + a, 1);
                cell_f(f, I.B, w);
                fmpq_sub(e, e, f);
                if (!fmpq_equal(e, fmpq_mat_entry(H, a, c)))
                    ok_H = 0;
                _fmpq_vec_clear(w, nd);
            }
        /* (2/m) M^T M is PSD of the rank of M */
        ok_rank = ldl_psd(F, H) && F->rank == test_fmpq_mat_rank(M);

        /* the Hessian in theta at (W, v): the cell loss is a polynomial of
           degree <= 2 in each coordinate and its only mixed monomials of
           odd degree in two coordinates are h k, so the central
           differences with unit steps are exact */
        shallow_hessian_wv(Hw, I.B, I.W, I.v);
        if (fmpq_mat_nrows(Hw) != N || fmpq_mat_ncols(Hw) != N)
            ok_wv = 0;
        for (a = 0; a < I.n; a++)
        {
            for (c = 0; c < I.d; c++)
                fmpq_set(th + a * I.d + c, fmpq_mat_entry(I.W, a, c));
            fmpq_set(th + nd + a, I.v + a);
        }
        for (a = 0; a < N && ok_wv; a++)
            for (c = 0; c < N && ok_wv; c++)
            {
                fmpq *w = _fmpq_vec_init(N);
                if (a == c)
                {
                    /* g(1) - 2 g(0) + g(-1) */
                    qvec_set(w, th, N);
                    cell_loss_theta(e, I.B, w);
                    fmpq_mul_si(e, e, -2);
                    fmpq_add_si(w + a, w + a, 1);
                    cell_loss_theta(f, I.B, w);
                    fmpq_add(e, e, f);
                    fmpq_sub_si(w + a, w + a, 2);
                    cell_loss_theta(f, I.B, w);
                    fmpq_add(e, e, f);
                }
                else
                {
                    /* (g(1,1) - g(1,-1) - g(-1,1) + g(-1,-1)) / 4 */
                    slong sa, sc;
                    fmpq_zero(e);
                    for (sa = -1; sa <= 1; sa += 2)
                        for (sc = -1; sc <= 1; sc += 2)
                        {
                            qvec_set(w, th, N);
                            fmpq_add_si(w + a, w + a, sa);
                            fmpq_add_si(w + c, w + c, sc);
                            cell_loss_theta(f, I.B, w);
                            if (sa * sc > 0)
                                fmpq_add(e, e, f);
                            else
                                fmpq_sub(e, e, f);
                        }
                    fmpq_div_2exp(e, e, 2);
                }
                if (!fmpq_equal(e, fmpq_mat_entry(Hw, a, c)))
                    ok_wv = 0;
                _fmpq_vec_clear(w, N);
            }

        if (!ok_loss || !ok_M || !ok_H || !ok_rank || !ok_wv)
        {
            TEST_REPORT("loss = engine objective, M z = predictions, Hessians = exact differences, rank",
                        "iteration %ld n=%ld m=%ld d=%ld: loss %d M %d H %d rank %d wv %d", (long) it,
                        (long) I.n, (long) I.m, (long) I.d, ok_loss, ok_M, ok_H, ok_rank, ok_wv);
            fmpq_mat_print(I.X);
            fmpq_mat_print(I.W);
            bad++;
        }
        _fmpq_vec_clear(z, nd);
        _fmpq_vec_clear(z2, nd);
        _fmpq_vec_clear(p, I.m);
        _fmpq_vec_clear(q, I.m);
        _fmpq_vec_clear(th, N);
        fmpq_mat_clear(M);
        fmpq_mat_clear(H);
        fmpq_mat_clear(Hw);
        fmpq_mat_clear(zc);
        fmpq_mat_clear(pc);
        fmpq_clear(L);
        fmpq_clear(f);
        fmpq_clear(g);
        fmpq_clear(e);
        ldl_clear(F);
        cell_inst_clear(&I);
    }
    rng_clear(r);
    CU_ASSERT_EQUAL(bad, 0);
}

/* the closed cell on points moved from the interior: rows of W scaled by
   0, 1/2 or 2, negated, or with one entry replaced; v_j scaled by 0,
   negated or kept */
static void
test_closed_cell(void)
{
    slong it, iters = test_iters(300), bad = 0, in = 0, out = 0;
    rng_t r;
    rng_init(r, test_seed(), rng_stream_id("t-shallow/closed"), 0);
    for (it = 0; it < iters; it++)
    {
        cell_inst I;
        slong j, i;
        int got, want;
        cell_inst_draw(&I, r);
        for (j = 0; j < I.n; j++)
        {
            ulong k = rng_below(r, 6);
            if (k == 0)
                for (i = 0; i < I.d; i++)
                    fmpq_zero(fmpq_mat_entry(I.W, j, i));
            else if (k == 1 || k == 2)
                for (i = 0; i < I.d; i++)
                    fmpq_mul_2exp(fmpq_mat_entry(I.W, j, i), fmpq_mat_entry(I.W, j, i), 1);
            else if (k == 3)
                for (i = 0; i < I.d; i++)
                    fmpq_neg(fmpq_mat_entry(I.W, j, i), fmpq_mat_entry(I.W, j, i));
            else if (k == 4)
                fmpq_set_si(fmpq_mat_entry(I.W, j, (slong) rng_below(r, (uint64_t) I.d)),
                            (slong) rng_below(r, 5) - 2, 1);
            k = rng_below(r, 8);
            if (k == 0)
                fmpq_zero(I.v + j);
            else if (k == 1)
                fmpq_neg(I.v + j, I.v + j);
        }
        got = shallow_in_closed_cell(I.B, I.W, I.v);
        want = oracle_closed_cell(I.B, I.W, I.v);
        in += want;
        out += !want;
        if (got != want)
        {
            TEST_REPORT("closed cell = definition through X W^T",
                        "iteration %ld n=%ld m=%ld d=%ld: %d, want %d", (long) it, (long) I.n, (long) I.m,
                        (long) I.d, got, want);
            bad++;
        }
        cell_inst_clear(&I);
    }
    rng_clear(r);
    CU_ASSERT_EQUAL(bad, 0);
    /* both answers exercised */
    CU_ASSERT(in > iters / 10 && out > iters / 10);
}

/* Lemma 1's negative control: the Hessian in (W, v) is indefinite on the
   hand cell.  X = I_2, y = (1, 2), w = (1, 1), v = 2: the residuals are
   r = (1, 0), the gradients of r_t in (w_1, w_2, v) are (2, 0, 1) and
   (0, 2, 1), and d^2 r_1 / dw_1 dv = 1, so with 2/m = 1
       H = [[4, 0, 3], [0, 4, 2], [3, 2, 2]],  det H = -20 < 0. */
static void
test_wv_control_hand(void)
{
    static const slong want[9] = {4, 0, 3, 0, 4, 2, 3, 2, 2};
    fmpq_mat_t X, W, H;
    fmpq y[2], v[1];
    fmpq_t det;
    basin_t B;
    ldl_t info;
    slong k;

    fmpq_mat_init(X, 2, 2);
    fmpq_mat_init(W, 1, 2);
    fmpq_mat_init(H, 0, 0);
    fmpq_init(y + 0);
    fmpq_init(y + 1);
    fmpq_init(v);
    fmpq_init(det);
    basin_init(B);
    ldl_init(info);
    hand_data(X, y);
    fmpq_set_si(fmpq_mat_entry(W, 0, 0), 1, 1);
    fmpq_set_si(fmpq_mat_entry(W, 0, 1), 1, 1);
    fmpq_set_si(v, 2, 1);
    CU_ASSERT_EQUAL(basin_pattern(B, X, y, W, v, 1, NULL, NULL), BASIN_OK);
    shallow_hessian_wv(H, B, W, v);
    CU_ASSERT_EQUAL_FATAL(fmpq_mat_nrows(H), 3);
    for (k = 0; k < 9; k++)
        CU_ASSERT(fmpq_equal_si(fmpq_mat_entry(H, k / 3, k % 3), want[k]));
    fmpq_mat_det(det, H);
    CU_ASSERT(fmpq_equal_si(det, -20));
    CU_ASSERT_EQUAL(ldl_psd(info, H), 0);
    ldl_clear(info);
    basin_clear(B);
    fmpq_mat_clear(X);
    fmpq_mat_clear(W);
    fmpq_mat_clear(H);
    fmpq_clear(y + 0);
    fmpq_clear(y + 1);
    fmpq_clear(v);
    fmpq_clear(det);
}

static const test_case suite_tests[] = {
    {"network loss and predictions, hand", test_loss_hand},
    {"loss, z, M, Hessians on random cells", test_cell_random},
    {"closed cell = definition, random", test_closed_cell},
    {"(W, v) Hessian control indefinite, hand", test_wv_control_hand},
};

int
t_shallow_register(void)
{
    return TEST_SUITE("shallow", suite_tests);
}
