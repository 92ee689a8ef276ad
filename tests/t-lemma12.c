/* t-lemma12.c -- Lemmas 1-2: the Lemma 4 path and the segment on hand
   instances (and the checker failing on bad ones), the Lemma 2 padding
   witness on a hand instance, the exact repair of a descent end point,
   the exact KKT certificate (hand cell, tampered certificates, and
   against the basin engine on random decimal cells), the
   second-difference Hessian, and the module's records against its
   table.  The LDL^T test and the Hessians of the core are tested in
   t-ldl.c and t-shallow.c. */
#include <math.h>
#include <string.h>

#include <flint/fmpq_vec.h>

#include "ldl.h"
#include "lemma12.h"
#include "rng.h"
#include "shallow.h"
#include "testutil.h"

/* ----------------------------------------------------------- hand cell */

/* X = I_2 (two points e_1, e_2), y = (1, 2), one neuron */
static void
hand_data(fmpq_mat_t X, fmpq *y)
{
    fmpq_mat_one(X);
    fmpq_set_si(y + 0, 1, 1);
    fmpq_set_si(y + 1, 2, 1);
}

static void
test_path_hand(void)
{
    fmpq_mat_t X, W1, W2, H;
    fmpq y[2], v1[1], v2[1];
    fmpq_t alpha, L1, L2;
    basin_t B;
    lemma12_path_t P;
    ldl_t info;

    fmpq_mat_init(X, 2, 2);
    fmpq_mat_init(W1, 1, 2);
    fmpq_mat_init(W2, 1, 2);
    fmpq_mat_init(H, 0, 0);
    fmpq_init(y + 0);
    fmpq_init(y + 1);
    fmpq_init(v1);
    fmpq_init(v2);
    fmpq_init(alpha);
    fmpq_init(L1);
    fmpq_init(L2);
    basin_init(B);
    lemma12_path_init(P);
    ldl_init(info);
    hand_data(X, y);

    /* (W1, v1) = ((1, 1), 2): z = (2, 2), loss ((2-1)^2 + (2-2)^2)/2 = 1/2;
       (W2, v2) = ((3, 1/2), 1/2): z = (3/2, 1/4), loss (1/4 + 49/16)/2 = 53/32 */
    fmpq_set_si(fmpq_mat_entry(W1, 0, 0), 1, 1);
    fmpq_set_si(fmpq_mat_entry(W1, 0, 1), 1, 1);
    fmpq_set_si(v1, 2, 1);
    fmpq_set_si(fmpq_mat_entry(W2, 0, 0), 3, 1);
    fmpq_set_si(fmpq_mat_entry(W2, 0, 1), 1, 2);
    fmpq_set_si(v2, 1, 2);
    CU_ASSERT_EQUAL(basin_pattern(B, X, y, W1, v1, 1, NULL, NULL), BASIN_OK);
    shallow_net_loss(L1, X, y, W1, v1);
    shallow_net_loss(L2, X, y, W2, v2);
    CU_ASSERT(fmpq_cmp_si(L1, 0) > 0);
    {
        fmpq_t e;
        fmpq_init(e);
        fmpq_set_si(e, 1, 2);
        CU_ASSERT(fmpq_equal(L1, e));
        fmpq_set_si(e, 53, 32);
        CU_ASSERT(fmpq_equal(L2, e));
        fmpq_clear(e);
    }
    /* the Hessian (2/m) M^T M = I_2 here: PD */
    shallow_hessian(H, B);
    CU_ASSERT_EQUAL(ldl_psd(info, H), 1);
    CU_ASSERT_EQUAL(info->rank, 2);

    fmpq_set(alpha, L2);
    CU_ASSERT_EQUAL(lemma12_check_path(P, B, W1, v1, W2, v2, alpha, 8), 1);
    CU_ASSERT(fmpq_is_zero(P->margin));
    CU_ASSERT_EQUAL(P->points, 27);
    {
        /* segment from z = (2, 2) to (3/2, 1/4): A = |dz|^2 / 2 = (1/4 + 49/16) / 2 = 53/32 */
        fmpq_t e;
        fmpq_init(e);
        fmpq_set_si(e, 53, 32);
        CU_ASSERT(fmpq_equal(P->A, e));
        fmpq_clear(e);
    }

    /* the checker can fail: a level below the larger end value */
    fmpq_set(alpha, L1);
    CU_ASSERT_EQUAL(lemma12_check_path(P, B, W1, v1, W2, v2, alpha, 8), 0);
    CU_ASSERT_EQUAL(P->ok_level, 0);
    CU_ASSERT_EQUAL(P->ok_cell, 1);

    /* ... and a second point outside the cell (w_2 < 0 on x_2) */
    fmpq_set_si(fmpq_mat_entry(W2, 0, 1), -1, 2);
    fmpq_set_si(alpha, 100, 1);
    CU_ASSERT_EQUAL(lemma12_check_path(P, B, W1, v1, W2, v2, alpha, 8), 0);
    CU_ASSERT_EQUAL(P->ok_cell, 0);

    /* Lemma 4's rescaling at lambda = 1 puts v at b = +1, keeps z */
    {
        fmpq_mat_t Wl;
        fmpq vl[1];
        fmpq_t lam;
        fmpq_mat_init(Wl, 1, 2);
        fmpq_init(vl);
        fmpq_init(lam);
        fmpq_one(lam);
        lemma12_rescale(Wl, vl, W1, v1, lam);
        CU_ASSERT(fmpq_is_one(vl));
        CU_ASSERT(fmpq_equal_si(fmpq_mat_entry(Wl, 0, 0), 2));
        fmpq_mat_clear(Wl);
        fmpq_clear(vl);
        fmpq_clear(lam);
    }

    ldl_clear(info);
    lemma12_path_clear(P);
    basin_clear(B);
    fmpq_mat_clear(X);
    fmpq_mat_clear(W1);
    fmpq_mat_clear(W2);
    fmpq_mat_clear(H);
    fmpq_clear(y + 0);
    fmpq_clear(y + 1);
    fmpq_clear(v1);
    fmpq_clear(v2);
    fmpq_clear(alpha);
    fmpq_clear(L1);
    fmpq_clear(L2);
}

/* Lemma 2 on a hand instance: X = I_2, y = (1, 2); full network of two
   neurons w_1 = (1, -1), v_1 = 1 (active on x_1 only) and w_2 = (-1, 1),
   v_2 = 1 (active on x_2 only): Bas = 0.  Sub-network I = {0}: only x_1
   can be fitted, Bas = 4/2 = 2. */
static void
test_witness_hand(void)
{
    fmpq_mat_t X, W, Ws;
    fmpq y[2], v[2], vs[1];
    fmpq *zpad = _fmpq_vec_init(4);
    fmpq_t f;
    basin_t B, Bs;
    basin_result_t R, Rs;
    slong I0[1] = {0}, I1[1] = {1};

    fmpq_mat_init(X, 2, 2);
    fmpq_mat_init(W, 2, 2);
    fmpq_mat_init(Ws, 1, 2);
    fmpq_init(y + 0);
    fmpq_init(y + 1);
    fmpq_init(v + 0);
    fmpq_init(v + 1);
    fmpq_init(vs);
    fmpq_init(f);
    basin_init(B);
    basin_init(Bs);
    basin_result_init(R);
    basin_result_init(Rs);
    hand_data(X, y);
    fmpq_set_si(fmpq_mat_entry(W, 0, 0), 1, 1);
    fmpq_set_si(fmpq_mat_entry(W, 0, 1), -1, 1);
    fmpq_set_si(fmpq_mat_entry(W, 1, 0), -1, 1);
    fmpq_set_si(fmpq_mat_entry(W, 1, 1), 1, 1);
    fmpq_one(v + 0);
    fmpq_one(v + 1);
    fmpq_set_si(fmpq_mat_entry(Ws, 0, 0), 1, 1);
    fmpq_set_si(fmpq_mat_entry(Ws, 0, 1), -1, 1);
    fmpq_one(vs);
    CU_ASSERT_EQUAL(basin_pattern(B, X, y, W, v, 2, NULL, NULL), BASIN_OK);
    CU_ASSERT_EQUAL(basin_pattern(Bs, X, y, Ws, vs, 1, NULL, NULL), BASIN_OK);
    basin_value(R, B, 64);
    basin_value(Rs, Bs, 64);
    CU_ASSERT(R->is_exact && Rs->is_exact);
    CU_ASSERT(fmpq_is_zero(R->exact));
    CU_ASSERT(fmpq_equal_si(Rs->exact, 2));
    CU_ASSERT(fmpq_cmp(R->exact, Rs->exact) <= 0);
    /* the witness: z_I* = (1, *) padded is in the full cone, same value */
    CU_ASSERT_EQUAL(lemma12_pad_witness(f, zpad, B, Bs, I0, 1, Rs->z), 1);
    CU_ASSERT(fmpq_equal(f, Rs->exact));
    CU_ASSERT(fmpq_is_zero(zpad + 2) && fmpq_is_zero(zpad + 3));
    /* a wrong index set (neuron 1 has another pattern) is rejected */
    CU_ASSERT_EQUAL(lemma12_pad_witness(f, zpad, B, Bs, I1, 1, Rs->z), 0);

    basin_clear(B);
    basin_clear(Bs);
    basin_result_clear(R);
    basin_result_clear(Rs);
    fmpq_mat_clear(X);
    fmpq_mat_clear(W);
    fmpq_mat_clear(Ws);
    fmpq_clear(y + 0);
    fmpq_clear(y + 1);
    fmpq_clear(v + 0);
    fmpq_clear(v + 1);
    fmpq_clear(vs);
    fmpq_clear(f);
    _fmpq_vec_clear(zpad, 4);
}

/* the exact repair puts a slightly infeasible point into K; the descent
   on the hand cell reaches its minimum */
static void
test_repair_descent(void)
{
    fmpq_mat_t X, W;
    fmpq y[2], v[1];
    fmpq *z = _fmpq_vec_init(2), *z0 = _fmpq_vec_init(2);
    basin_t B;
    basin_result_t R;
    double zs[2] = {3.0, 0.5}, zd[2];
    fmpq_t f, tol;

    fmpq_mat_init(X, 2, 2);
    fmpq_mat_init(W, 1, 2);
    fmpq_init(y + 0);
    fmpq_init(y + 1);
    fmpq_init(v);
    fmpq_init(f);
    fmpq_init(tol);
    basin_init(B);
    basin_result_init(R);
    hand_data(X, y);
    /* y = (1, 2) but the cell forces z_2 <= 0 (w = (1, -1), v = 1) */
    fmpq_set_si(fmpq_mat_entry(W, 0, 0), 1, 1);
    fmpq_set_si(fmpq_mat_entry(W, 0, 1), -1, 1);
    fmpq_one(v);
    CU_ASSERT_EQUAL(basin_pattern(B, X, y, W, v, 1, NULL, NULL), BASIN_OK);
    shallow_z_of(z0, W, v);
    fmpq_set_si(z + 0, 1, 1);
    fmpq_set_si(z + 1, 1, 1 << 20); /* violates -<z, x_2> >= 0 */
    CU_ASSERT_EQUAL(basin_is_feasible(B, z, NULL, NULL), 0);
    CU_ASSERT_EQUAL(basin_repair(z, B, z0), 1);
    CU_ASSERT_EQUAL(basin_is_feasible(B, z, NULL, NULL), 1);
    /* an anchor that does not satisfy the violated constraint strictly
       is refused (z0 = 0); a feasible z needs no anchor */
    CU_ASSERT_EQUAL(basin_repair(z, B, z0), 1);
    fmpq_zero(z0 + 0);
    fmpq_zero(z0 + 1);
    CU_ASSERT_EQUAL(basin_repair(z, B, z0), 1);
    fmpq_set_si(z + 1, 1, 1 << 20);
    CU_ASSERT_EQUAL(basin_repair(z, B, z0), 0);

    /* descent: minimum z = (1, 0) with value (0 + 4) / 2 = 2 */
    basin_value(R, B, 64);
    CU_ASSERT(R->is_exact && fmpq_equal_si(R->exact, 2));
    lemma12_descent_d(zd, B, zs, 20000);
    fmpq_set_si(z0 + 0, 1, 1);
    fmpq_set_si(z0 + 1, -1, 1);
    bc_fmpq_set_d(z + 0, zd[0]);
    bc_fmpq_set_d(z + 1, zd[1]);
    CU_ASSERT_EQUAL(basin_repair(z, B, z0), 1);
    basin_objective(f, B, z);
    fmpq_sub(f, f, R->exact);
    fmpq_set_si(tol, 1, 1 << 30);
    CU_ASSERT(fmpq_sgn(f) >= 0);
    CU_ASSERT(fmpq_cmp(f, tol) <= 0);

    basin_clear(B);
    basin_result_clear(R);
    fmpq_mat_clear(X);
    fmpq_mat_clear(W);
    fmpq_clear(y + 0);
    fmpq_clear(y + 1);
    fmpq_clear(v);
    fmpq_clear(f);
    fmpq_clear(tol);
    _fmpq_vec_clear(z, 2);
    _fmpq_vec_clear(z0, 2);
}

/* The exact KKT certificate on a hand cell: X = I_2, y = (1, -2), one
   neuron active on both points with v > 0, so K = {z >= 0} and
   f = ((z_1 - 1)^2 + (z_2 + 2)^2) / 2: the minimiser (1, 0), value 2,
   and the multiplier 2 of z_2 >= 0 (r = M z - y = (0, 2), gradient
   block r_2 x_2 = (0, 2) = mu s x_2 with s = +1).  The certificate can
   fail: from an interior point nothing is tight, the face is the whole
   space and its least-squares solution (1, -2) leaves the cone; tampered
   certificates are refused. */
static void
test_kkt_hand(void)
{
    fmpq_mat_t X, W;
    fmpq y[2], v[1];
    basin_t B;
    lemma12_kkt_t K;
    double zd[2] = {1.0 + 1e-12, 1e-17}, zi[2] = {1.0, 1.0};
    fmpq_t val;

    fmpq_mat_init(X, 2, 2);
    fmpq_mat_init(W, 1, 2);
    fmpq_init(y + 0);
    fmpq_init(y + 1);
    fmpq_init(v);
    fmpq_init(val);
    basin_init(B);
    hand_data(X, y);
    fmpq_set_si(y + 1, -2, 1);
    fmpq_set_si(fmpq_mat_entry(W, 0, 0), 1, 1);
    fmpq_set_si(fmpq_mat_entry(W, 0, 1), 1, 1);
    fmpq_one(v);
    CU_ASSERT_EQUAL_FATAL(basin_pattern(B, X, y, W, v, 1, NULL, NULL), BASIN_OK);
    lemma12_kkt_init(K, B);

    CU_ASSERT_EQUAL(lemma12_kkt(K, B, zd, 1e-9), 1);
    CU_ASSERT_EQUAL(K->reason, LEMMA12_KKT_OK);
    CU_ASSERT(fmpq_equal_si(K->value, 2));
    CU_ASSERT(fmpq_is_one(K->z + 0) && fmpq_is_zero(K->z + 1));
    CU_ASSERT(fmpq_is_zero(K->mu + 0) && fmpq_equal_si(K->mu + 1, 2));
    CU_ASSERT_EQUAL(K->active, 1);
    CU_ASSERT_EQUAL(lemma12_kkt_verify(val, B, K->z, K->mu), 1);

    /* a negative multiplier, a violated constraint, a wrong
       multiplier (stationarity), a slack constraint with a multiplier */
    fmpq_set_si(K->mu + 1, -2, 1);
    CU_ASSERT_EQUAL(lemma12_kkt_verify(val, B, K->z, K->mu), 0);
    fmpq_set_si(K->mu + 1, 3, 1);
    CU_ASSERT_EQUAL(lemma12_kkt_verify(val, B, K->z, K->mu), 0);
    fmpq_set_si(K->mu + 1, 2, 1);
    fmpq_set_si(K->z + 1, 1, 8);
    CU_ASSERT_EQUAL(lemma12_kkt_verify(val, B, K->z, K->mu), 0);
    fmpq_set_si(K->z + 1, -1, 8);
    CU_ASSERT_EQUAL(lemma12_kkt_verify(val, B, K->z, K->mu), 0);
    fmpq_zero(K->z + 1);
    CU_ASSERT_EQUAL(lemma12_kkt_verify(val, B, K->z, K->mu), 1);

    /* from the interior point: nothing tight, the free least-squares
       solution z = (1, -2) leaves the cone */
    CU_ASSERT_EQUAL(lemma12_kkt(K, B, zi, 1e-9), 0);
    CU_ASSERT_EQUAL(K->reason, LEMMA12_KKT_INFEASIBLE);
    CU_ASSERT_EQUAL(K->active, 0);

    lemma12_kkt_clear(K);
    basin_clear(B);
    fmpq_mat_clear(X);
    fmpq_mat_clear(W);
    fmpq_clear(y + 0);
    fmpq_clear(y + 1);
    fmpq_clear(v);
    fmpq_clear(val);
}

/* Second differences of the network's loss: on the hand cell (X = I_2,
   m = 2, one neuron active on both points) the Hessian is
   (2/m) M^T M = I_2; lemma12_diff_step keeps the steps in the open cell;
   a step that leaves the cell gives another matrix (the check can fail),
   and a boundary point has no step. */
static void
test_hessian_diff_hand(void)
{
    fmpq_mat_t X, W, H, HM;
    fmpq y[2], v[1];
    fmpq *z0 = _fmpq_vec_init(2);
    basin_t B;
    fmpq_t h;

    fmpq_mat_init(X, 2, 2);
    fmpq_mat_init(W, 1, 2);
    fmpq_mat_init(H, 0, 0);
    fmpq_mat_init(HM, 0, 0);
    fmpq_init(y + 0);
    fmpq_init(y + 1);
    fmpq_init(v);
    fmpq_init(h);
    basin_init(B);
    hand_data(X, y);
    /* w = (1/4, 1/8), v = 1: z0 = (1/4, 1/8), slacks 1/4 and 1/8 */
    fmpq_set_si(fmpq_mat_entry(W, 0, 0), 1, 4);
    fmpq_set_si(fmpq_mat_entry(W, 0, 1), 1, 8);
    fmpq_one(v);
    CU_ASSERT_EQUAL_FATAL(basin_pattern(B, X, y, W, v, 1, NULL, NULL), BASIN_OK);
    shallow_z_of(z0, W, v);
    CU_ASSERT_EQUAL(lemma12_diff_step(h, B, z0), 1);
    /* 2 h max |x_t| < 1/8 : h = 1/32 */
    {
        fmpq_t e;
        fmpq_init(e);
        fmpq_set_si(e, 1, 32);
        CU_ASSERT(fmpq_equal(h, e));
        fmpq_clear(e);
    }
    lemma12_hessian_diff(H, B, z0, NULL, 2, h);
    shallow_hessian(HM, B);
    CU_ASSERT(fmpq_mat_equal(H, HM));
    CU_ASSERT(fmpq_mat_is_one(H));
    /* h = 1 takes z0 + h e_2 + h e_2 out of the cell... it stays in
       {z >= 0} here; a negative step leaves it: the second coordinate's
       ReLU switches off and the difference is no longer the Hessian */
    fmpq_set_si(h, -1, 4);
    lemma12_hessian_diff(H, B, z0, NULL, 2, h);
    CU_ASSERT(!fmpq_mat_equal(H, HM));
    /* on the boundary (z0_2 = 0) there is no step */
    fmpq_zero(z0 + 1);
    CU_ASSERT_EQUAL(lemma12_diff_step(h, B, z0), 0);

    basin_clear(B);
    fmpq_mat_clear(X);
    fmpq_mat_clear(W);
    fmpq_mat_clear(H);
    fmpq_mat_clear(HM);
    fmpq_clear(y + 0);
    fmpq_clear(y + 1);
    fmpq_clear(v);
    fmpq_clear(h);
    _fmpq_vec_clear(z0, 2);
}

/* Random networks of sizes beyond the module's small cells (m up to 12,
   d up to 5, decimal data with denominators 10): the descent, the
   KKT certificate and the basin engine must agree exactly -- two
   independent routes to Bas. */
static void
test_kkt_random(void)
{
    slong iters = test_iters(12), it, cert = 0;
    for (it = 0; it < iters; it++)
    {
        rng_t r;
        slong n = 1 + (slong) (it % 4), d = 2 + (slong) (it % 4), m = 4 + (slong) (it % 9), j, t, i, nd;
        fmpq_mat_t X, W;
        fmpq *y, *v, *z0;
        double *zs, *zd;
        basin_t B;
        basin_result_t R;
        lemma12_kkt_t K;
        slong total = 0, chunk = 25;
        int ok = 0;

        rng_init(r, test_seed(), rng_stream_id("t-lemma12 kkt"), (uint64_t) it);
        nd = n * d;
        fmpq_mat_init(X, m, d);
        fmpq_mat_init(W, n, d);
        y = _fmpq_vec_init(m);
        v = _fmpq_vec_init(n);
        z0 = _fmpq_vec_init(nd);
        zs = flint_malloc(sizeof(double) * (size_t) nd);
        zd = flint_malloc(sizeof(double) * (size_t) nd);
        for (t = 0; t < m; t++)
        {
            for (i = 0; i < d; i++)
                fmpq_set_si(fmpq_mat_entry(X, t, i), (slong) nearbyint(10.0 * rng_normal(r)), 10);
            fmpq_set_si(y + t, (slong) nearbyint(10.0 * rng_normal(r)), 10);
        }
        basin_init(B);
        basin_result_init(R);
        do
        {
            for (j = 0; j < n; j++)
            {
                for (i = 0; i < d; i++)
                    fmpq_set_si(fmpq_mat_entry(W, j, i), (slong) nearbyint(10.0 * rng_normal(r)), 10);
                fmpq_set_si(v + j, (slong) nearbyint(10.0 * rng_normal(r)), 10);
            }
        } while (basin_pattern(B, X, y, W, v, n, NULL, NULL) != BASIN_OK);
        basin_value(R, B, 64);
        lemma12_kkt_init(K, B);
        shallow_z_of(z0, W, v);
        for (i = 0; i < nd; i++)
            zs[i] = fmpq_get_d(z0 + i);
        while (!ok && total < 20000)
        {
            slong s = lemma12_descent_d(zd, B, zs, chunk);
            total += s;
            ok = lemma12_kkt(K, B, zd, 1e-9) || lemma12_kkt(K, B, zd, 1e-6);
            memcpy(zs, zd, sizeof(double) * (size_t) nd);
            if (s < chunk)
                break;
            chunk *= 2;
        }
        if (ok)
        {
            cert++;
            if (!R->is_exact || !fmpq_equal(K->value, R->exact))
            {
                TEST_REPORT("KKT value == engine's exact Bas", "iteration %ld n=%ld d=%ld m=%ld: %g vs %g",
                            (long) it, (long) n, (long) d, (long) m, fmpq_get_d(K->value),
                            fmpq_get_d(R->exact));
                CU_FAIL("KKT value == engine's exact Bas");
            }
        }
        else
        {
            TEST_REPORT("KKT certificate found", "iteration %ld n=%ld d=%ld m=%ld after %ld iterations",
                        (long) it, (long) n, (long) d, (long) m, (long) total);
            CU_FAIL("KKT certificate found");
        }
        lemma12_kkt_clear(K);
        basin_result_clear(R);
        basin_clear(B);
        fmpq_mat_clear(X);
        fmpq_mat_clear(W);
        _fmpq_vec_clear(y, m);
        _fmpq_vec_clear(v, n);
        _fmpq_vec_clear(z0, nd);
        flint_free(zs);
        flint_free(zd);
    }
    CU_ASSERT(cert == iters);
}

static void
test_module_records(void)
{
    checklist_t L;
    run_opts o;

    memset(&o, 0, sizeof o);
    o.seed = test_seed();
    o.size = SIZE_QUICK;
    o.threads = 1;
    o.tail = 1e-4;
    CU_ASSERT_EQUAL(test_module_table(&module_lemma12, &o, 2), 0);

    o.size = (run_size) 7;
    checklist_init(L);
    CU_ASSERT_EQUAL(module_lemma12.run(L, &o), 2);
    checklist_clear(L);
}

int
t_lemma12_register(void)
{
    CU_pSuite s = CU_add_suite("lemma12", NULL, NULL);
    if (s == NULL)
        return 1;
    if (CU_add_test(s, "Lemma 4 path and segment, hand cell", test_path_hand) == NULL ||
        CU_add_test(s, "Lemma 2 padding witness, hand cell", test_witness_hand) == NULL ||
        CU_add_test(s, "exact repair and descent", test_repair_descent) == NULL ||
        CU_add_test(s, "exact KKT certificate, hand cell and tampering", test_kkt_hand) == NULL ||
        CU_add_test(s, "second-difference Hessian, hand cell", test_hessian_diff_hand) == NULL ||
        CU_add_test(s, "descent + KKT == engine, random decimal cells", test_kkt_random) == NULL ||
        CU_add_test(s, "module records match the table", test_module_records) == NULL)
        return 1;
    return 0;
}
