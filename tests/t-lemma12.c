/* t-lemma12.c -- Lemmas 1-2: the instance families (exact, interior,
   reproducible), the Lemma 4 path and the segment on hand instances (and
   the checker failing on bad ones), the Lemma 2 padding witness on a hand
   instance, the exact repair of a descent end point, the exact KKT
   certificate (hand cell, tampered certificates, and against the basin
   engine on random decimal cells), and the Hessian of the loss from its
   differences (hand cell, and against the core's closed forms in both sets
   of variables on the instance families).  The module's records against
   its table and its mutants are tested by t-modules and tests/mutants;
   the LDL^T test and the closed-form Hessians of the core in t-ldl.c and
   t-shallow.c. */
#include <string.h>

#include <flint/fmpq_vec.h>

#include "ldl.h"
#include "lemma12.h"
#include "rng.h"
#include "shallow.h"
#include "testutil.h"

/* ----------------------------------------------------------- hand cell */

/* The hand data X = I_2 (points e_1, e_2), y = (1, 2), and a network of
   n <= 2 neurons (W n x 2, v), set by the tests. */
typedef struct
{
    fmpq_mat_t X, W;
    fmpq y[2], v[2];
    basin_t B;
} hand_t;

static void
hand_init(hand_t *H, slong n)
{
    slong i;
    fmpq_mat_init(H->X, 2, 2);
    fmpq_mat_init(H->W, n, 2);
    fmpq_mat_one(H->X);
    for (i = 0; i < 2; i++)
    {
        fmpq_init(H->y + i);
        fmpq_init(H->v + i);
        fmpq_set_si(H->y + i, i + 1, 1);
    }
    basin_init(H->B);
}

static void
hand_clear(hand_t *H)
{
    slong i;
    fmpq_mat_clear(H->X);
    fmpq_mat_clear(H->W);
    for (i = 0; i < 2; i++)
    {
        fmpq_clear(H->y + i);
        fmpq_clear(H->v + i);
    }
    basin_clear(H->B);
}

/* row j of W = (a/q, b/r) */
static void
hand_row(hand_t *H, slong j, slong a, ulong q, slong b, ulong r)
{
    fmpq_set_si(fmpq_mat_entry(H->W, j, 0), a, q);
    fmpq_set_si(fmpq_mat_entry(H->W, j, 1), b, r);
}

/* the cell of the hand network (n neurons) */
static int
hand_cell(hand_t *H, slong n)
{
    return basin_pattern(H->B, H->X, H->y, H->W, H->v, n, NULL, NULL);
}

static void
test_path_hand(void)
{
    hand_t H;
    fmpq_mat_t W2, Hs;
    fmpq v2[1];
    fmpq_t alpha, L1, L2, e;
    lemma12_path_t P;
    ldl_t info;

    hand_init(&H, 1);
    fmpq_mat_init(W2, 1, 2);
    fmpq_mat_init(Hs, 0, 0);
    fmpq_init(v2);
    fmpq_init(alpha);
    fmpq_init(L1);
    fmpq_init(L2);
    fmpq_init(e);
    lemma12_path_init(P);
    ldl_init(info);

    /* (W1, v1) = ((1, 1), 2): z = (2, 2), loss ((2-1)^2 + (2-2)^2)/2 = 1/2;
       (W2, v2) = ((3, 1/2), 1/2): z = (3/2, 1/4), loss (1/4 + 49/16)/2 = 53/32 */
    hand_row(&H, 0, 1, 1, 1, 1);
    fmpq_set_si(H.v, 2, 1);
    fmpq_set_si(fmpq_mat_entry(W2, 0, 0), 3, 1);
    fmpq_set_si(fmpq_mat_entry(W2, 0, 1), 1, 2);
    fmpq_set_si(v2, 1, 2);
    CU_ASSERT_EQUAL(hand_cell(&H, 1), BASIN_OK);
    shallow_net_loss(L1, H.X, H.y, H.W, H.v);
    shallow_net_loss(L2, H.X, H.y, W2, v2);
    fmpq_set_si(e, 1, 2);
    CU_ASSERT(fmpq_equal(L1, e));
    fmpq_set_si(e, 53, 32);
    CU_ASSERT(fmpq_equal(L2, e));
    /* the Hessian (2/m) M^T M = I_2 here: PD */
    shallow_hessian(Hs, H.B);
    CU_ASSERT_EQUAL(ldl_psd(info, Hs), 1);
    CU_ASSERT_EQUAL(info->rank, 2);

    fmpq_set(alpha, L2);
    CU_ASSERT_EQUAL(lemma12_check_path(P, H.B, H.W, H.v, W2, v2, alpha, 8), 1);
    CU_ASSERT(fmpq_is_zero(P->margin));
    CU_ASSERT_EQUAL(P->points, 27);
    /* segment from z = (2, 2) to (3/2, 1/4): A = |dz|^2 / 2 = (1/4 + 49/16) / 2 = 53/32 */
    CU_ASSERT(fmpq_equal(P->A, e));

    /* the checker can fail: a level below the larger end value */
    fmpq_set(alpha, L1);
    CU_ASSERT_EQUAL(lemma12_check_path(P, H.B, H.W, H.v, W2, v2, alpha, 8), 0);
    CU_ASSERT_EQUAL(P->ok_level, 0);
    CU_ASSERT_EQUAL(P->ok_cell, 1);

    /* ... and a second point outside the cell (w_2 < 0 on x_2) */
    fmpq_set_si(fmpq_mat_entry(W2, 0, 1), -1, 2);
    fmpq_set_si(alpha, 100, 1);
    CU_ASSERT_EQUAL(lemma12_check_path(P, H.B, H.W, H.v, W2, v2, alpha, 8), 0);
    CU_ASSERT_EQUAL(P->ok_cell, 0);

    /* Lemma 4's rescaling at lambda = 1 puts v at b = +1, keeps z */
    {
        fmpq_mat_t Wl;
        fmpq vl[1];
        fmpq_mat_init(Wl, 1, 2);
        fmpq_init(vl);
        fmpq_one(e);
        lemma12_rescale(Wl, vl, H.W, H.v, e);
        CU_ASSERT(fmpq_is_one(vl));
        CU_ASSERT(fmpq_equal_si(fmpq_mat_entry(Wl, 0, 0), 2));
        fmpq_mat_clear(Wl);
        fmpq_clear(vl);
    }

    ldl_clear(info);
    lemma12_path_clear(P);
    hand_clear(&H);
    fmpq_mat_clear(W2);
    fmpq_mat_clear(Hs);
    fmpq_clear(v2);
    fmpq_clear(alpha);
    fmpq_clear(L1);
    fmpq_clear(L2);
    fmpq_clear(e);
}

/* Lemma 2 on a hand instance: full network of two neurons w_1 = (1, -1),
   v_1 = 1 (active on x_1 only) and w_2 = (-1, 1), v_2 = 1 (active on x_2
   only): Bas = 0.  Sub-network I = {0}: only x_1 can be fitted,
   Bas = 4/2 = 2. */
static void
test_witness_hand(void)
{
    hand_t H, S;
    fmpq *zpad = _fmpq_vec_init(4);
    fmpq_t f;
    basin_result_t R, Rs;
    slong I0[1] = {0}, I1[1] = {1};

    hand_init(&H, 2);
    hand_init(&S, 1);
    fmpq_init(f);
    basin_result_init(R);
    basin_result_init(Rs);
    hand_row(&H, 0, 1, 1, -1, 1);
    hand_row(&H, 1, -1, 1, 1, 1);
    fmpq_one(H.v + 0);
    fmpq_one(H.v + 1);
    hand_row(&S, 0, 1, 1, -1, 1);
    fmpq_one(S.v);
    CU_ASSERT_EQUAL(hand_cell(&H, 2), BASIN_OK);
    CU_ASSERT_EQUAL(hand_cell(&S, 1), BASIN_OK);
    basin_value(R, H.B, 64);
    basin_value(Rs, S.B, 64);
    CU_ASSERT(R->is_exact && Rs->is_exact);
    CU_ASSERT(fmpq_is_zero(R->exact));
    CU_ASSERT(fmpq_equal_si(Rs->exact, 2));
    /* the witness: z_I* = (1, *) padded is in the full cone, same value */
    CU_ASSERT_EQUAL(lemma12_pad_witness(f, zpad, H.B, S.B, I0, 1, Rs->z), 1);
    CU_ASSERT(fmpq_equal(f, Rs->exact));
    CU_ASSERT(fmpq_is_zero(zpad + 2) && fmpq_is_zero(zpad + 3));
    /* a wrong index set (neuron 1 has another pattern) is rejected */
    CU_ASSERT_EQUAL(lemma12_pad_witness(f, zpad, H.B, S.B, I1, 1, Rs->z), 0);

    hand_clear(&H);
    hand_clear(&S);
    basin_result_clear(R);
    basin_result_clear(Rs);
    fmpq_clear(f);
    _fmpq_vec_clear(zpad, 4);
}

/* the exact repair puts a slightly infeasible point into K; the descent
   on the hand cell reaches its minimum */
static void
test_repair_descent(void)
{
    hand_t H;
    fmpq *z = _fmpq_vec_init(2), *z0 = _fmpq_vec_init(2);
    basin_result_t R;
    double zs[2] = {3.0, 0.5}, zd[2];
    fmpq_t f, tol;

    hand_init(&H, 1);
    fmpq_init(f);
    fmpq_init(tol);
    basin_result_init(R);
    /* y = (1, 2) but the cell forces z_2 <= 0 (w = (1, -1), v = 1) */
    hand_row(&H, 0, 1, 1, -1, 1);
    fmpq_one(H.v);
    CU_ASSERT_EQUAL(hand_cell(&H, 1), BASIN_OK);
    shallow_z_of(z0, H.W, H.v);
    fmpq_set_si(z + 0, 1, 1);
    fmpq_set_si(z + 1, 1, 1 << 20); /* violates -<z, x_2> >= 0 */
    CU_ASSERT_EQUAL(basin_is_feasible(H.B, z, NULL, NULL), 0);
    CU_ASSERT_EQUAL(basin_repair(z, H.B, z0), 1);
    CU_ASSERT_EQUAL(basin_is_feasible(H.B, z, NULL, NULL), 1);
    /* an anchor that does not satisfy the violated constraint strictly
       is refused (z0 = 0); a feasible z needs no anchor */
    CU_ASSERT_EQUAL(basin_repair(z, H.B, z0), 1);
    fmpq_zero(z0 + 0);
    fmpq_zero(z0 + 1);
    CU_ASSERT_EQUAL(basin_repair(z, H.B, z0), 1);
    fmpq_set_si(z + 1, 1, 1 << 20);
    CU_ASSERT_EQUAL(basin_repair(z, H.B, z0), 0);

    /* descent: minimum z = (1, 0) with value (0 + 4) / 2 = 2 */
    basin_value(R, H.B, 64);
    CU_ASSERT(R->is_exact && fmpq_equal_si(R->exact, 2));
    lemma12_descent_d(zd, H.B, zs, 20000);
    fmpq_set_si(z0 + 0, 1, 1);
    fmpq_set_si(z0 + 1, -1, 1);
    bc_fmpq_set_d(z + 0, zd[0]);
    bc_fmpq_set_d(z + 1, zd[1]);
    CU_ASSERT_EQUAL(basin_repair(z, H.B, z0), 1);
    basin_objective(f, H.B, z);
    fmpq_sub(f, f, R->exact);
    fmpq_set_si(tol, 1, 1 << 30);
    CU_ASSERT(fmpq_sgn(f) >= 0);
    CU_ASSERT(fmpq_cmp(f, tol) <= 0);

    hand_clear(&H);
    basin_result_clear(R);
    fmpq_clear(f);
    fmpq_clear(tol);
    _fmpq_vec_clear(z, 2);
    _fmpq_vec_clear(z0, 2);
}

/* The exact KKT certificate on a hand cell: y = (1, -2), one neuron
   active on both points with v > 0, so K = {z >= 0} and
   f = ((z_1 - 1)^2 + (z_2 + 2)^2) / 2: the minimiser (1, 0), value 2,
   and the multiplier 2 of z_2 >= 0 (r = M z - y = (0, 2), gradient
   block r_2 x_2 = (0, 2) = mu s x_2 with s = +1).  The certificate can
   fail: from an interior point nothing is tight, the face is the whole
   space and its least-squares solution (1, -2) leaves the cone; tampered
   certificates are refused. */
static void
test_kkt_hand(void)
{
    hand_t H;
    lemma12_kkt_t K;
    double zd[2] = {1.0 + 1e-12, 1e-17}, zi[2] = {1.0, 1.0};
    fmpq_t val;

    hand_init(&H, 1);
    fmpq_init(val);
    fmpq_set_si(H.y + 1, -2, 1);
    hand_row(&H, 0, 1, 1, 1, 1);
    fmpq_one(H.v);
    CU_ASSERT_EQUAL_FATAL(hand_cell(&H, 1), BASIN_OK);
    lemma12_kkt_init(K, H.B);

    CU_ASSERT_EQUAL(lemma12_kkt(K, H.B, zd, 1e-9), 1);
    CU_ASSERT_EQUAL(K->reason, LEMMA12_KKT_OK);
    CU_ASSERT(fmpq_equal_si(K->value, 2));
    CU_ASSERT(fmpq_is_one(K->z + 0) && fmpq_is_zero(K->z + 1));
    CU_ASSERT(fmpq_is_zero(K->mu + 0) && fmpq_equal_si(K->mu + 1, 2));
    CU_ASSERT_EQUAL(K->active, 1);
    CU_ASSERT_EQUAL(lemma12_kkt_verify(val, H.B, K->z, K->mu), 1);

    /* a negative multiplier, a violated constraint, a wrong
       multiplier (stationarity), a slack constraint with a multiplier */
    fmpq_set_si(K->mu + 1, -2, 1);
    CU_ASSERT_EQUAL(lemma12_kkt_verify(val, H.B, K->z, K->mu), 0);
    fmpq_set_si(K->mu + 1, 3, 1);
    CU_ASSERT_EQUAL(lemma12_kkt_verify(val, H.B, K->z, K->mu), 0);
    fmpq_set_si(K->mu + 1, 2, 1);
    fmpq_set_si(K->z + 1, 1, 8);
    CU_ASSERT_EQUAL(lemma12_kkt_verify(val, H.B, K->z, K->mu), 0);
    fmpq_set_si(K->z + 1, -1, 8);
    CU_ASSERT_EQUAL(lemma12_kkt_verify(val, H.B, K->z, K->mu), 0);
    fmpq_zero(K->z + 1);
    CU_ASSERT_EQUAL(lemma12_kkt_verify(val, H.B, K->z, K->mu), 1);

    /* from the interior point: nothing tight, the free least-squares
       solution z = (1, -2) leaves the cone */
    CU_ASSERT_EQUAL(lemma12_kkt(K, H.B, zi, 1e-9), 0);
    CU_ASSERT_EQUAL(K->reason, LEMMA12_KKT_INFEASIBLE);
    CU_ASSERT_EQUAL(K->active, 0);

    lemma12_kkt_clear(K);
    hand_clear(&H);
    fmpq_clear(val);
}

/* The Hessian from differences of the loss on the hand cell (one neuron
   active on both points, m = 2): (2/m) M^T M = I_2 in z; in (W, v) at
   w = (1/4, 1/8), v = 1 the Hessian of ((w_1 v - 1)^2 + (w_2 v - 2)^2) / 2
   is [[v^2, 0, 2 w_1 v - 1], [0, v^2, 2 w_2 v - 2], [., ., |w|^2]] =
   [[1, 0, -1/2], [0, 1, -7/4], [-1/2, -7/4, 5/64]], by hand.  The steps
   keep the open cell; a step that leaves it gives another matrix (the
   construction can fail), and a boundary point has no step. */
static void
test_loss_hessian_hand(void)
{
    static const slong wv[9][2] = {{1, 1},  {0, 1},  {-1, 2}, {0, 1}, {1, 1},
                                   {-7, 4}, {-1, 2}, {-7, 4}, {5, 64}};
    hand_t H;
    fmpq_mat_t Hd, Hc;
    fmpq *th = _fmpq_vec_init(3);
    fmpq_t h, e;
    slong i;

    hand_init(&H, 1);
    fmpq_mat_init(Hd, 0, 0);
    fmpq_mat_init(Hc, 3, 3);
    fmpq_init(h);
    fmpq_init(e);
    /* w = (1/4, 1/8), v = 1: z0 = (1/4, 1/8), slacks 1/4 and 1/8 */
    hand_row(&H, 0, 1, 4, 1, 8);
    fmpq_one(H.v);
    CU_ASSERT_EQUAL_FATAL(hand_cell(&H, 1), BASIN_OK);
    shallow_z_of(th, H.W, H.v);
    CU_ASSERT_EQUAL(lemma12_diff_step(h, H.B, LEMMA12_VARS_Z, th), 1);
    /* 2 h max |x_t| < 1/8: h = 1/32 */
    fmpq_set_si(e, 1, 32);
    CU_ASSERT(fmpq_equal(h, e));
    lemma12_loss_hessian(Hd, H.B, LEMMA12_VARS_Z, th, NULL, 2, h);
    CU_ASSERT(fmpq_mat_is_one(Hd));
    /* in (W, v), by hand; 4 h max |x_t| < 1/8 and 4 h < v: h = 1/64 */
    fmpq_one(th + 2);
    CU_ASSERT_EQUAL(lemma12_diff_step(h, H.B, LEMMA12_VARS_WV, th), 1);
    fmpq_set_si(e, 1, 64);
    CU_ASSERT(fmpq_equal(h, e));
    lemma12_loss_hessian(Hd, H.B, LEMMA12_VARS_WV, th, NULL, 3, h);
    for (i = 0; i < 9; i++)
        fmpq_set_si(fmpq_mat_entry(Hc, i / 3, i % 3), wv[i][0], (ulong) wv[i][1]);
    CU_ASSERT(fmpq_mat_equal(Hd, Hc));
    /* a step of -1/4 takes z0 + h (e_2 + e_2) out of the cell: the second
       coordinate's ReLU switches off, the differences are not the Hessian */
    shallow_z_of(th, H.W, H.v);
    fmpq_set_si(h, -1, 4);
    lemma12_loss_hessian(Hd, H.B, LEMMA12_VARS_Z, th, NULL, 2, h);
    CU_ASSERT(!fmpq_mat_is_one(Hd));
    /* on the boundary (z0_2 = 0) there is no step */
    fmpq_zero(th + 1);
    CU_ASSERT_EQUAL(lemma12_diff_step(h, H.B, LEMMA12_VARS_Z, th), 0);

    hand_clear(&H);
    fmpq_mat_clear(Hd);
    fmpq_mat_clear(Hc);
    fmpq_clear(h);
    fmpq_clear(e);
    _fmpq_vec_clear(th, 3);
}

/* 1 when x is a multiple of 1/grid */
static int
on_grid(const fmpq_t x, ulong grid)
{
    return fmpz_cmp_ui(fmpq_denref(x), grid) <= 0 && grid % fmpz_get_ui(fmpq_denref(x)) == 0;
}

/* The instance families: reproducible from (seed, stream, index), sizes
   in their ranges, entries on their grid (dyadic: denominators dividing
   2^4; decimal: dividing 100), the network strictly interior to its cell;
   and the Hessian from differences of the loss, in both sets of
   variables, equal to the core's closed forms there. */
static void
test_inst_hessians(void)
{
    slong iters = test_iters(16), it, bad = 0;
    for (it = 0; it < iters; it++)
    {
        int kind = (int) (it % LEMMA12_KINDS), vars;
        lemma12_inst_t I, J;
        slong dmin = kind == LEMMA12_LARGE ? 4 : 2, dmax = kind == LEMMA12_LARGE ? 6 : 4, j, i;
        ulong grid = kind == LEMMA12_DECIMAL ? 100 : 16;
        int ok = 1;
        lemma12_inst_init(I);
        lemma12_inst_init(J);
        lemma12_inst_draw(I, kind, 1, 3, test_seed(), "t-lemma12 inst", (ulong) it);
        lemma12_inst_draw(J, kind, 1, 3, test_seed(), "t-lemma12 inst", (ulong) it);
        ok &= fmpq_mat_equal(I->X, J->X) && fmpq_mat_equal(I->W, J->W) && I->n >= 1 && I->n <= 3 &&
              I->d >= dmin && I->d <= dmax;
        for (j = 0; j < I->m; j++)
            for (i = 0; i <= I->d; i++)
                ok &= on_grid(i < I->d ? fmpq_mat_entry(I->X, j, i) : I->y + j, grid);
        for (j = 0; j < I->n; j++)
            for (i = 0; i <= I->d; i++)
                ok &= on_grid(i < I->d ? fmpq_mat_entry(I->W, j, i) : I->v + j, grid);
        for (vars = 0; vars < 2; vars++)
        {
            slong p = lemma12_nvars(I->B, vars);
            fmpq *th = _fmpq_vec_init(p);
            fmpq_mat_t Hd, Hc;
            fmpq_t h;
            fmpq_mat_init(Hd, 0, 0);
            fmpq_mat_init(Hc, 0, 0);
            fmpq_init(h);
            if (vars == LEMMA12_VARS_Z)
            {
                shallow_z_of(th, I->W, I->v);
                shallow_hessian(Hc, I->B);
            }
            else
            {
                for (j = 0; j < I->n; j++)
                {
                    for (i = 0; i < I->d; i++)
                        fmpq_set(th + j * I->d + i, fmpq_mat_entry(I->W, j, i));
                    fmpq_set(th + I->n * I->d + j, I->v + j);
                }
                shallow_hessian_wv(Hc, I->B, I->W, I->v);
            }
            ok &= lemma12_diff_step(h, I->B, vars, th);
            lemma12_loss_hessian(Hd, I->B, vars, th, NULL, p, h);
            ok &= fmpq_mat_equal(Hd, Hc);
            _fmpq_vec_clear(th, p);
            fmpq_mat_clear(Hd);
            fmpq_mat_clear(Hc);
            fmpq_clear(h);
        }
        if (!ok)
        {
            TEST_REPORT("instances exact, interior, reproducible; Hessian from the loss = closed forms",
                        "iteration %ld kind %d n=%ld d=%ld m=%ld", (long) it, kind, (long) I->n, (long) I->d,
                        (long) I->m);
            bad++;
        }
        lemma12_inst_clear(I);
        lemma12_inst_clear(J);
    }
    CU_ASSERT_EQUAL(bad, 0);
}

/* one start of the module's descent: chunks of 25, 50, ... iterations,
   a certificate attempt after each; returns the certificate's outcome */
static int
descend_certify(lemma12_kkt_t K, slong *total, const basin_t B, const fmpq *z0)
{
    slong nd = B->n * B->d, chunk = 25, i;
    double *zs = flint_malloc(sizeof(double) * (size_t) nd), *zd = flint_malloc(sizeof(double) * (size_t) nd);
    int ok = 0;
    for (i = 0; i < nd; i++)
        zs[i] = fmpq_get_d(z0 + i);
    *total = 0;
    while (!ok && *total < 20000)
    {
        slong s = lemma12_descent_d(zd, B, zs, chunk);
        *total += s;
        ok = lemma12_kkt(K, B, zd, 1e-9) || lemma12_kkt(K, B, zd, 1e-6);
        memcpy(zs, zd, sizeof(double) * (size_t) nd);
        if (s < chunk)
            break;
        chunk *= 2;
    }
    flint_free(zs);
    flint_free(zd);
    return ok;
}

/* Random networks of the larger and the decimal families (m up to 12,
   d up to 6, or denominators 10 and 100), widths 1 to 4: the descent, the
   KKT certificate and the basin engine must agree exactly -- two
   independent routes to Bas. */
static void
test_kkt_random(void)
{
    slong iters = test_iters(12), it, cert = 0, total;
    for (it = 0; it < iters; it++)
    {
        int kind = it % 2 ? LEMMA12_LARGE : LEMMA12_DECIMAL;
        lemma12_inst_t I;
        lemma12_kkt_t K;
        fmpq *z0;

        lemma12_inst_init(I);
        lemma12_inst_draw(I, kind, 1, 4, test_seed(), "t-lemma12 kkt", (ulong) it);
        lemma12_inst_value(I);
        lemma12_kkt_init(K, I->B);
        z0 = _fmpq_vec_init(I->n * I->d);
        shallow_z_of(z0, I->W, I->v);
        if (!descend_certify(K, &total, I->B, z0))
        {
            TEST_REPORT("KKT certificate found",
                        "iteration %ld kind %d n=%ld d=%ld m=%ld after %ld iterations", (long) it, kind,
                        (long) I->n, (long) I->d, (long) I->m, (long) total);
            CU_FAIL("KKT certificate found");
        }
        else if (cert++, !I->R->is_exact || !fmpq_equal(K->value, I->R->exact))
        {
            TEST_REPORT("KKT value == engine's exact Bas",
                        "iteration %ld kind %d n=%ld d=%ld m=%ld: %g vs %g", (long) it, kind, (long) I->n,
                        (long) I->d, (long) I->m, fmpq_get_d(K->value), fmpq_get_d(I->R->exact));
            CU_FAIL("KKT value == engine's exact Bas");
        }
        _fmpq_vec_clear(z0, I->n * I->d);
        lemma12_kkt_clear(K);
        lemma12_inst_clear(I);
    }
    CU_ASSERT(cert == iters);
}

static const test_case suite_tests[] = {
    {"Lemma 4 path and segment, hand cell", test_path_hand},
    {"Lemma 2 padding witness, hand cell", test_witness_hand},
    {"exact repair and descent", test_repair_descent},
    {"exact KKT certificate, hand cell and tampering", test_kkt_hand},
    {"Hessian from the loss, hand cell, both variables", test_loss_hessian_hand},
    {"instance families; Hessian from the loss = closed forms", test_inst_hessians},
    {"descent + KKT == engine, larger and decimal cells", test_kkt_random},
};

int
t_lemma12_register(void)
{
    return TEST_SUITE("lemma12", suite_tests);
}
