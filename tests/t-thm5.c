/* t-thm5.c -- Theorem 5: the singular values of C^T against the closed
   form of 2 x 2 eigenvalues, the clustering against known centres, the
   hypothesis checker on data that satisfy and that violate each
   hypothesis, the constant K on a hand-computed instance and on one where
   Bas is known in closed form (least squares through the origin), the
   proof's witness on that instance, and the module's records. */
#include <string.h>

#include <flint/fmpq_vec.h>

#include "basin.h"
#include "rng.h"
#include "testutil.h"
#include "thm5.h"

/* lambda = (tr -+ sqrt(tr^2 - 4 det)) / 2 of a symmetric 2 x 2 matrix */
static void
oracle_eigs2(arb_t lo, arb_t hi, const fmpq_mat_t C, slong prec)
{
    fmpq_t a, b, c, t;
    arb_t tr, disc;
    slong l;
    fmpq_init(a);
    fmpq_init(b);
    fmpq_init(c);
    fmpq_init(t);
    arb_init(tr);
    arb_init(disc);
    for (l = 0; l < C->c; l++)
    {
        fmpq_addmul(a, fmpq_mat_entry(C, 0, l), fmpq_mat_entry(C, 0, l));
        fmpq_addmul(b, fmpq_mat_entry(C, 0, l), fmpq_mat_entry(C, 1, l));
        fmpq_addmul(c, fmpq_mat_entry(C, 1, l), fmpq_mat_entry(C, 1, l));
    }
    fmpq_add(t, a, c);
    arb_set_fmpq(tr, t, prec);
    /* disc = (a - c)^2 + 4 b^2 */
    fmpq_sub(t, a, c);
    fmpq_mul(t, t, t);
    fmpq_mul(a, b, b);
    fmpq_mul_2exp(a, a, 2);
    fmpq_add(t, t, a);
    arb_set_fmpq(disc, t, prec);
    arb_sqrtpos(disc, disc, prec);
    arb_sub(lo, tr, disc, prec);
    arb_add(hi, tr, disc, prec);
    arb_mul_2exp_si(lo, lo, -1);
    arb_mul_2exp_si(hi, hi, -1);
    fmpq_clear(a);
    fmpq_clear(b);
    fmpq_clear(c);
    fmpq_clear(t);
    arb_clear(tr);
    arb_clear(disc);
}

static void
test_gram_eigs(void)
{
    rng_t r;
    slong it, iters = test_iters(40), l;
    fmpq_mat_t C;
    arb_t lo, hi, olo, ohi;
    arb_init(lo);
    arb_init(hi);
    arb_init(olo);
    arb_init(ohi);
    fmpq_mat_init(C, 2, 3);
    /* Figure 1: C C^T = [[2, -3/2], [-3/2, 17/4]], eigenvalues 5/4 and 5 */
    {
        fmpq_mat_t F;
        arb_t e;
        arb_init(e);
        fmpq_mat_init(F, 2, 2);
        fmpq_set_si(fmpq_mat_entry(F, 0, 0), 1, 1);
        fmpq_set_si(fmpq_mat_entry(F, 0, 1), 1, 1);
        fmpq_set_si(fmpq_mat_entry(F, 1, 0), -2, 1);
        fmpq_set_si(fmpq_mat_entry(F, 1, 1), 1, 2);
        CU_ASSERT(thm5_gram_eigs(lo, hi, F, 128));
        arb_set_si(e, 5);
        arb_mul_2exp_si(e, e, -2);
        CU_ASSERT(arb_contains(lo, e));
        arb_set_si(e, 5);
        CU_ASSERT(arb_contains(hi, e));
        fmpq_mat_clear(F);
        arb_clear(e);
    }
    rng_init(r, test_seed(), rng_stream_id("t-thm5.eigs"), 0);
    for (it = 0; it < iters; it++)
    {
        for (l = 0; l < 6; l++)
            fmpq_set_si(fmpq_mat_entry(C, l / 3, l % 3), (slong) rng_below(r, 21) - 10,
                        1 + (slong) rng_below(r, 7));
        if (it == 0) /* a rank-deficient one: row 2 = 3 row 1 */
            for (l = 0; l < 3; l++)
                fmpq_mul_si(fmpq_mat_entry(C, 1, l), fmpq_mat_entry(C, 0, l), 3);
        {
            int gp = thm5_gram_eigs(lo, hi, C, 128);
            oracle_eigs2(olo, ohi, C, 256);
            if (!arb_overlaps(lo, olo) || !arb_overlaps(hi, ohi) || (it == 0 && (gp || !arb_is_zero(lo))))
            {
                TEST_REPORT("gram eigenvalues vs closed form", "iteration %ld, gp = %d", (long) it, gp);
                fmpq_mat_print(C);
                CU_FAIL("eigenvalues");
            }
        }
    }
    rng_clear(r);
    fmpq_mat_clear(C);
    arb_clear(lo);
    arb_clear(hi);
    arb_clear(olo);
    arb_clear(ohi);
}

/* the Figure 1 clusters, shuffled, are found with their centres */
static void
test_cluster(void)
{
    thm5_inst_t I;
    fmpq_mat_t X, C;
    slong perm[16], t, l, it;
    rng_t r;
    thm5_inst_init(I);
    thm5_fig1_instance(I, 1);
    rng_init(r, test_seed(), rng_stream_id("t-thm5.cluster"), 0);
    for (it = 0; it < test_iters(5); it++)
    {
        for (t = 0; t < 16; t++)
            perm[t] = t;
        for (t = 15; t > 0; t--)
        {
            slong u = (slong) rng_below(r, (uint64_t) (t + 1)), s = perm[t];
            perm[t] = perm[u];
            perm[u] = s;
        }
        fmpq_mat_init(X, 16, 2);
        fmpq_mat_init(C, 0, 0);
        for (t = 0; t < 16; t++)
            for (l = 0; l < 2; l++)
                fmpq_set(fmpq_mat_entry(X, t, l), fmpq_mat_entry(I->X, perm[t], l));
        thm5_cluster(C, X, 2);
        /* the first cluster is the one of point 0 */
        {
            slong c0 = I->cl[perm[0]];
            int ok = C->r == 2;
            for (l = 0; l < 2 && ok; l++)
                ok = fmpq_equal(fmpq_mat_entry(C, 0, l), fmpq_mat_entry(I->C, c0, l)) &&
                     fmpq_equal(fmpq_mat_entry(C, 1, l), fmpq_mat_entry(I->C, 1 - c0, l));
            if (!ok)
            {
                TEST_REPORT("single-linkage centres", "iteration %ld", (long) it);
                CU_FAIL("centres");
            }
        }
        fmpq_mat_clear(X);
        fmpq_mat_clear(C);
    }
    rng_clear(r);
    thm5_inst_clear(I);
}

/* the checker: Figure 1 satisfies everything; each hypothesis broken */
static void
test_hypotheses(void)
{
    thm5_inst_t I;
    thm5_hyp_t H;
    fmpq_t B2, c2, g2;
    int h, first;
    thm5_inst_init(I);
    fmpq_init(B2);
    fmpq_init(c2);
    fmpq_init(g2);

    thm5_fig1_instance(I, 1);
    /* hand constants: B^2 = max |x|^2 = |(-2 - 1/5, 1/2)|^2 = 121/25 + 1/4 = 509/100,
       c^2 = 2, gamma = 1/2 (an upper bound of the tight one) */
    fmpq_set_si(B2, 509, 100);
    fmpq_set_si(c2, 2, 1);
    fmpq_set_si(g2, 1, 4);
    thm5_hyp_init(H);
    first = thm5_hyp_check(H, I, B2, c2, g2);
    CU_ASSERT_EQUAL(first, -1);
    for (h = 0; h < THM5_NHYP; h++)
        CU_ASSERT_EQUAL(H->holds[h], BC_TRUE);
    thm5_hyp_clear(H);
    /* just below each constant */
    fmpq_set_si(B2, 508, 100);
    thm5_hyp_init(H);
    CU_ASSERT_EQUAL(thm5_hyp_check(H, I, B2, c2, g2), THM5_H_BNORM);
    thm5_hyp_clear(H);
    fmpq_set_si(B2, 509, 100);
    fmpq_set_si(c2, 201, 100);
    thm5_hyp_init(H);
    CU_ASSERT_EQUAL(thm5_hyp_check(H, I, B2, c2, g2), THM5_H_CNORM);
    thm5_hyp_clear(H);
    fmpq_set_si(c2, 2, 1);
    /* the tight gamma of the data, and a hair below it */
    {
        fmpq_t b, c, g;
        fmpq_init(b);
        fmpq_init(c);
        fmpq_init(g);
        CU_ASSERT_EQUAL(thm5_tight_constants(b, c, g, I), 0);
        CU_ASSERT(fmpq_equal(b, B2));
        CU_ASSERT(fmpq_equal(c, c2));
        /* hand: points (4/10,-3/10) r and (1,0) r: |y - y'| = (6/10) r/2,
           |x - x'|^2 = (36+9)/100 r^2, ratio^2 = (9/100)/(45/100) = 1/5 */
        {
            fmpq_t e;
            fmpq_init(e);
            fmpq_set_si(e, 1, 5);
            CU_ASSERT(fmpq_equal(g, e));
            fmpq_clear(e);
        }
        thm5_hyp_init(H);
        CU_ASSERT_EQUAL(thm5_hyp_check(H, I, B2, c2, g), -1);
        thm5_hyp_clear(H);
        fmpq_set_si(c, 1, 1000000);
        fmpq_sub(g, g, c);
        thm5_hyp_init(H);
        CU_ASSERT_EQUAL(thm5_hyp_check(H, I, B2, c2, g), THM5_H_LIPSCHITZ);
        thm5_hyp_clear(H);
        fmpq_clear(b);
        fmpq_clear(c);
        fmpq_clear(g);
    }
    /* k > d */
    {
        static const slong p[] = {8, 8, -16, 4, 0, -16};
        static const slong y[] = {1, 1, 1};
        thm5_inst_set_si(I, 3, 2, 3, p, y, 1, p, 8);
        thm5_hyp_init(H);
        CU_ASSERT_EQUAL(thm5_hyp_check(H, I, B2, c2, g2), THM5_H_KD);
        CU_ASSERT_EQUAL(H->holds[THM5_H_GENERAL], BC_FALSE);
        thm5_hyp_clear(H);
    }
    /* empty cluster */
    {
        static const slong p[] = {8, 8, 0, -16, 4, 0};
        static const slong c[] = {8, 8, 0, -16, 4, 0, 0, 0, 40};
        static const slong y[] = {1, 1};
        thm5_inst_set_si(I, 2, 3, 3, p, y, 1, c, 8);
        thm5_hyp_init(H);
        CU_ASSERT_EQUAL(thm5_hyp_check(H, I, B2, c2, g2), THM5_H_NONEMPTY);
        CU_ASSERT_EQUAL(H->holds[THM5_H_GENERAL], BC_TRUE);
        thm5_hyp_clear(H);
    }
    /* collinear centres */
    {
        static const slong p[] = {8, 8, -16, -16};
        static const slong y[] = {1, 1};
        thm5_inst_set_si(I, 2, 2, 2, p, y, 1, p, 8);
        thm5_hyp_init(H);
        CU_ASSERT_EQUAL(thm5_hyp_check(H, I, B2, c2, g2), THM5_H_GENERAL);
        thm5_hyp_clear(H);
    }
    /* a point within delta of two centres (1/2,9/20): |.-c_1|^2 = 181/400,
       |.-c_2|^2 = 221/400 <= delta_2^2 = 9/16 */
    {
        static const slong p[] = {20, 0, 10, 9, 0, 20, 0, 35};
        static const slong c[] = {20, 0, 0, 20};
        static const slong y[] = {1, 1, 1, 1};
        thm5_inst_set_si(I, 4, 2, 2, p, y, 1, c, 20);
        thm5_hyp_init(H);
        thm5_hyp_check(H, I, B2, c2, g2);
        CU_ASSERT_EQUAL(H->holds[THM5_H_UNIQUE], BC_FALSE);
        thm5_hyp_clear(H);
        /* move the far point of cluster 2 in: delta_2^2 = 1/4 < 221/400 */
        {
            static const slong q[] = {20, 0, 10, 9, 0, 20, 0, 30};
            thm5_inst_set_si(I, 4, 2, 2, q, y, 1, c, 20);
            thm5_hyp_init(H);
            thm5_hyp_check(H, I, B2, c2, g2);
            CU_ASSERT_EQUAL(H->holds[THM5_H_UNIQUE], BC_TRUE);
            thm5_hyp_clear(H);
        }
    }
    /* radius: d = 2, rho_2 = 2 sin(sqrt(2 pi)/(32 sqrt 2)) = 0.110686...;
       |c| = 1, delta = 110/1000 holds, 111/1000 fails */
    {
        static const slong c[] = {1000, 0, 0, 1000};
        static const slong ok[] = {1110, 0, 1000, 0, 0, 1000};
        static const slong bad[] = {1111, 0, 1000, 0, 0, 1000};
        static const slong y[] = {1, 1, 1};
        thm5_inst_set_si(I, 3, 2, 2, ok, y, 1, c, 1000);
        thm5_hyp_init(H);
        thm5_hyp_check(H, I, B2, c2, g2);
        CU_ASSERT_EQUAL(H->holds[THM5_H_RADIUS], BC_TRUE);
        thm5_hyp_clear(H);
        thm5_inst_set_si(I, 3, 2, 2, bad, y, 1, c, 1000);
        thm5_hyp_init(H);
        thm5_hyp_check(H, I, B2, c2, g2);
        CU_ASSERT_EQUAL(H->holds[THM5_H_RADIUS], BC_FALSE);
        thm5_hyp_clear(H);
    }
    thm5_inst_clear(I);
    fmpq_clear(B2);
    fmpq_clear(c2);
    fmpq_clear(g2);
}

/* K by hand: Figure 1 centres, yhat = (1, -1/2), gamma = 1/2, n = 24:
   sigma_min^2 = 5/4 = |yhat|^2, so K_1 = 4 (2*2*1 + 1/2)^2 = 81 and
   K_2 = 8*2*1 + 8/4 = 18 */
static void
test_K_hand(void)
{
    thm5_inst_t I;
    arb_t lo, hi, K, e;
    fmpq_t y2, g2;
    thm5_inst_init(I);
    arb_init(lo);
    arb_init(hi);
    arb_init(K);
    arb_init(e);
    fmpq_init(y2);
    fmpq_init(g2);
    thm5_fig1_instance(I, 1);
    thm5_gram_eigs(lo, hi, I->C, 128);
    thm5_yhat2(y2, I);
    fmpq_set_si(g2, 1, 4);
    {
        fmpq_t e54;
        fmpq_init(e54);
        fmpq_set_si(e54, 5, 4);
        CU_ASSERT(fmpq_equal(y2, e54));
        fmpq_clear(e54);
    }
    thm5_K(K, 24, 2, y2, lo, g2, 128);
    arb_set_si(e, 81);
    CU_ASSERT(arb_contains(K, e));
    CU_ASSERT(arb_rel_accuracy_bits(K) > 100);
    /* n = 1: q = 1, K_1 = 4 (2 + 1/2)^2 = 25 > K_2 = 18 */
    thm5_K(K, 1, 2, y2, lo, g2, 128);
    arb_set_si(e, 25);
    CU_ASSERT(arb_contains(K, e));
    /* gamma = 4: K_1 = 4 (4 + 4)^2 = 256, K_2 = 16 + 128 = 144 */
    fmpq_set_si(g2, 16, 1);
    thm5_K(K, 24, 2, y2, lo, g2, 128);
    arb_set_si(e, 256);
    CU_ASSERT(arb_contains(K, e));
    /* yhat = 0: K = max(4 gamma^2, 8 gamma^2) = 8 gamma^2 */
    fmpq_zero(y2);
    thm5_K(K, 24, 2, y2, lo, g2, 128);
    arb_set_si(e, 128);
    CU_ASSERT(arb_contains(K, e));
    thm5_inst_clear(I);
    arb_clear(lo);
    arb_clear(hi);
    arb_clear(K);
    arb_clear(e);
    fmpq_clear(y2);
    fmpq_clear(g2);
}

/* d = k = 1, c = 1, points 1, 7/8, 9/8 with targets 1, 17/16, 17/16
   (yhat = 1, gamma = 1/2, delta = 1/8), one neuron w = v = 1: the basin
   is {z >= 0} and Bas is least squares through the origin,
   (sum y^2 - (sum x y)^2 / sum x^2) / m, and K = max(4 (2 + 1/2)^2,
   8 + 2) = 25.  The witness: w' = |yhat| + delta M = 1 + 2/8 = 5/4 with
   M = 2, objective ((1/32)^2 + (8/32)^2 + (11/32)^2)/3 = 31/512. */
static void
test_K_exact_bas(void)
{
    static const slong p[] = {8, 7, 9};
    static const slong ys[] = {16, 17, 17};
    static const slong c[] = {8};
    thm5_inst_t I;
    fmpq_mat_t W, Wp;
    fmpq v[1], vp[1];
    fmpq_t sxx, sxy, syy, orac, f, Mq, e;
    fmpq dq[1];
    basin_t B;
    basin_result_t R;
    arb_t lo, hi, K, x;
    slong t;

    thm5_inst_init(I);
    thm5_inst_set_si(I, 3, 1, 1, p, ys, 16, c, 8);
    fmpq_init(sxx);
    fmpq_init(sxy);
    fmpq_init(syy);
    fmpq_init(orac);
    fmpq_init(f);
    fmpq_init(Mq);
    fmpq_init(e);
    fmpq_init(v);
    fmpq_init(vp);
    fmpq_init(dq);
    arb_init(lo);
    arb_init(hi);
    arb_init(K);
    arb_init(x);
    for (t = 0; t < 3; t++)
    {
        fmpq_addmul(sxx, fmpq_mat_entry(I->X, t, 0), fmpq_mat_entry(I->X, t, 0));
        fmpq_addmul(sxy, fmpq_mat_entry(I->X, t, 0), I->y + t);
        fmpq_addmul(syy, I->y + t, I->y + t);
    }
    fmpq_mul(orac, sxy, sxy);
    fmpq_div(orac, orac, sxx);
    fmpq_sub(orac, syy, orac);
    fmpz_set_ui(fmpq_numref(e), 3);
    fmpq_div_fmpz(orac, orac, fmpq_numref(e));

    fmpq_mat_init(W, 1, 1);
    fmpq_mat_init(Wp, 1, 1);
    fmpq_one(fmpq_mat_entry(W, 0, 0));
    fmpq_one(v);
    basin_init(B);
    basin_result_init(R);
    CU_ASSERT_EQUAL(basin_pattern(B, I->X, I->y, W, v, 1, NULL, NULL), BASIN_OK);
    basin_value(R, B, 128);
    CU_ASSERT(R->is_exact && fmpq_equal(R->exact, orac));

    thm5_gram_eigs(lo, hi, I->C, 128);
    {
        fmpq_t y2, g2;
        fmpq_init(y2);
        fmpq_init(g2);
        thm5_yhat2(y2, I);
        fmpq_set_si(g2, 1, 4);
        thm5_K(K, 1, 1, y2, lo, g2, 128);
        fmpq_clear(y2);
        fmpq_clear(g2);
    }
    arb_set_si(x, 25);
    CU_ASSERT(arb_contains(K, x));
    /* Bas <= K delta^2 = 25/64 */
    fmpq_set_si(e, 25, 64);
    CU_ASSERT(fmpq_cmp(orac, e) <= 0);

    fmpq_set_si(Mq, 2, 1);
    fmpq_set_si(dq, 1, 8);
    CU_ASSERT_EQUAL(thm5_witness(Wp, vp, W, v, 1, I, Mq, dq, THM5_WITNESS_PROOF), 1);
    fmpq_set_si(e, 5, 4);
    CU_ASSERT(fmpq_equal(fmpq_mat_entry(Wp, 0, 0), e));
    CU_ASSERT(fmpq_is_one(vp));
    CU_ASSERT(thm5_in_closed_basin(Wp, vp, W, v, 1, I));
    thm5_objective(f, Wp, vp, 1, I);
    fmpq_set_si(e, 31, 512);
    CU_ASSERT(fmpq_equal(f, e));
    CU_ASSERT(fmpq_cmp(orac, f) <= 0);
    /* the neuron with v < 0 cannot predict yhat = 1: no witness */
    fmpq_set_si(v, -1, 1);
    CU_ASSERT_EQUAL(thm5_witness(Wp, vp, W, v, 1, I, Mq, dq, THM5_WITNESS_PROOF), -1);

    basin_clear(B);
    basin_result_clear(R);
    fmpq_mat_clear(W);
    fmpq_mat_clear(Wp);
    thm5_inst_clear(I);
    fmpq_clear(sxx);
    fmpq_clear(sxy);
    fmpq_clear(syy);
    fmpq_clear(orac);
    fmpq_clear(f);
    fmpq_clear(Mq);
    fmpq_clear(e);
    fmpq_clear(v);
    fmpq_clear(vp);
    fmpq_clear(dq);
    arb_clear(lo);
    arb_clear(hi);
    arb_clear(K);
    arb_clear(x);
}

/* The least-squares slope of y_i = log Bas_i against x_i = log delta_i,
   enclosed in Arb from its definition (no product form). */
static void
oracle_slope(arb_t slope, const fmpq *bas, const fmpq *delta, slong N, slong prec)
{
    arb_ptr x = _arb_vec_init(N), y = _arb_vec_init(N);
    arb_t sx, sy, sxx, sxy, t;
    slong i;
    arb_init(sx);
    arb_init(sy);
    arb_init(sxx);
    arb_init(sxy);
    arb_init(t);
    for (i = 0; i < N; i++)
    {
        arb_set_fmpq(x + i, delta + i, prec);
        arb_log(x + i, x + i, prec);
        arb_set_fmpq(y + i, bas + i, prec);
        arb_log(y + i, y + i, prec);
        arb_add(sx, sx, x + i, prec);
        arb_add(sy, sy, y + i, prec);
        arb_addmul(sxx, x + i, x + i, prec);
        arb_addmul(sxy, x + i, y + i, prec);
    }
    /* (N sxy - sx sy) / (N sxx - sx^2) */
    arb_mul_si(sxy, sxy, N, prec);
    arb_submul(sxy, sx, sy, prec);
    arb_mul_si(sxx, sxx, N, prec);
    arb_submul(sxx, sx, sx, prec);
    arb_div(slope, sxy, sxx, prec);
    _arb_vec_clear(x, N);
    _arb_vec_clear(y, N);
    arb_clear(sx);
    arb_clear(sy);
    arb_clear(sxx);
    arb_clear(sxy);
    arb_clear(t);
}

/* thm5_slope_at_least on interval data: the slope is linear in each
   log Bas_i, so over the box [lo, hi] its extremes are at corners; the
   oracle encloses the slope at all 2^N corners from its definition.
   The case of the report: Bas_0 in [1/100, 1], Bas_1 = 1/8 at delta =
   1, 1/2 has slopes from log(25/2)/log(1/2) ~ -3.64 to 3, so "slope >=
   2" is undecided (the wrong interval ends made it true). */
static void
test_slope_intervals(void)
{
    slong it, n = test_iters(200);
    rng_t r;
    fmpq *lo = _fmpq_vec_init(6), *hi = _fmpq_vec_init(6), *de = _fmpq_vec_init(6), *pt = _fmpq_vec_init(6);
    arb_t s, smin, smax;
    arb_init(s);
    arb_init(smin);
    arb_init(smax);

    fmpq_one(de + 0);
    fmpq_set_si(de + 1, 1, 2);
    fmpq_set_si(lo + 0, 1, 100);
    fmpq_one(hi + 0);
    fmpq_set_si(lo + 1, 1, 8);
    fmpq_set_si(hi + 1, 1, 8);
    CU_ASSERT_EQUAL(thm5_slope_at_least(lo, hi, de, 2, 2), BC_UNDECIDED);
    /* slope >= 4 for no point of that box, slope >= 0 for some */
    CU_ASSERT_EQUAL(thm5_slope_at_least(lo, hi, de, 2, 4), BC_FALSE);
    CU_ASSERT_EQUAL(thm5_slope_at_least(lo, hi, de, 2, 0), BC_UNDECIDED);
    /* Bas_0 in [1/100, 1/20]: slopes from -3.64 to -1.32, none >= 0 */
    fmpq_set_si(hi + 0, 1, 20);
    CU_ASSERT_EQUAL(thm5_slope_at_least(lo, hi, de, 2, 0), BC_FALSE);
    fmpq_one(hi + 0);
    /* the upper end is exactly 3 (Bas_0 = 1): slope >= 3 is not true on
       the whole box, slope >= 3 at the corner is */
    CU_ASSERT_EQUAL(thm5_slope_at_least(lo, hi, de, 2, 3), BC_UNDECIDED);
    CU_ASSERT_EQUAL(thm5_slope_at_least(hi, hi, de, 2, 3), BC_TRUE);
    /* a pure power law Bas = delta^3 at four radii: slope exactly 3 */
    fmpq_set_si(de + 0, 1, 16);
    for (it = 0; it < 4; it++)
    {
        if (it > 0)
            fmpq_div_2exp(de + it, de + it - 1, 1);
        fmpq_pow_si(pt + it, de + it, 3);
    }
    CU_ASSERT_EQUAL(thm5_slope_at_least(pt, pt, de, 4, 3), BC_TRUE);
    CU_ASSERT_EQUAL(thm5_slope_at_least(pt, pt, de, 4, 2), BC_TRUE);
    CU_ASSERT_EQUAL(thm5_slope_at_least(pt, pt, de, 4, 4), BC_FALSE);

    rng_init(r, test_seed(), rng_stream_id("t-thm5/slope"), 0);
    for (it = 0; it < n; it++)
    {
        slong N = 2 + (slong) rng_below(r, 5), p = 1 + (slong) rng_below(r, 3), i, k;
        truth_t got, want;
        int tie = 0;
        fmpq_set_si(de + 0, 1, 1 + (slong) rng_below(r, 16));
        for (i = 0; i < N; i++)
        {
            /* Bas_i near delta_i^2 times a factor in [1/4, 4], intervals
               of relative width up to 2 (often a point) */
            fmpz_t a;
            if (i > 0)
                fmpq_div_2exp(de + i, de + i - 1, 1);
            fmpz_init_set_ui(a, 1 + rng_below(r, 64));
            fmpq_mul(lo + i, de + i, de + i);
            fmpq_mul_fmpz(lo + i, lo + i, a);
            fmpq_div_2exp(lo + i, lo + i, 4);
            fmpz_set_ui(a, rng_below(r, 3) == 0 ? 64 : 64 + rng_below(r, 64));
            fmpq_mul_fmpz(hi + i, lo + i, a);
            fmpq_div_2exp(hi + i, hi + i, 6);
            fmpz_clear(a);
        }
        arb_pos_inf(smin);
        arb_neg_inf(smax);
        for (k = 0; k < (1L << N); k++)
        {
            for (i = 0; i < N; i++)
                fmpq_set(pt + i, (k >> i) & 1 ? hi + i : lo + i);
            oracle_slope(s, pt, de, N, 256);
            if (arb_contains_si(s, p))
                tie = 1;
            if (k == 0 || arb_lt(s, smin))
                arb_set(smin, s);
            if (k == 0 || arb_gt(s, smax))
                arb_set(smax, s);
        }
        if (tie)
            continue; /* a corner on the threshold: the enclosures cannot say */
        {
            arb_t pp;
            arb_init(pp);
            arb_set_si(pp, p);
            want = arb_gt(smin, pp) ? BC_TRUE : (arb_lt(smax, pp) ? BC_FALSE : BC_UNDECIDED);
            arb_clear(pp);
        }
        got = thm5_slope_at_least(lo, hi, de, N, p);
        if (got != want)
        {
            char *a = arb_get_str(smin, 10, 0), *b = arb_get_str(smax, 10, 0);
            TEST_REPORT("slope_at_least agrees with the corner slopes",
                        "N = %ld, p = %ld: got %d, want %d "
                        "(slopes from %s to %s)",
                        (long) N, (long) p, (int) got, (int) want, a, b);
            flint_free(a);
            flint_free(b);
        }
        CU_ASSERT_EQUAL(got, want);
    }
    rng_clear(r);
    _fmpq_vec_clear(lo, 6);
    _fmpq_vec_clear(hi, 6);
    _fmpq_vec_clear(de, 6);
    _fmpq_vec_clear(pt, 6);
    arb_clear(s);
    arb_clear(smin);
    arb_clear(smax);
}

/* thm5_noisy_bound at a cluster whose band sits at Lemma 8's bound: in
   d = 2, band_2(rho) = 2 arcsin(rho) / pi (the arcs within arcsin(rho)
   of the two directions orthogonal to c), which is 1/8 = 1/(4d) at
   rho = sin(pi/16).  With rho = P / 2^100 rounded down (up) from
   sin(pi/16), the decision is true (false) at 256 bits and undecided at
   32 bits, where a fold would have called it false. */
static void
test_noisy_bound_edge(void)
{
    int up;
    arb_t s, U, e;
    arb_ptr rho = _arb_vec_init(2), band = _arb_vec_init(2);
    fmpq_t q;
    arb_init(s);
    arb_init(U);
    arb_init(e);
    fmpq_init(q);
    fmpq_set_si(q, 1, 8); /* 1/(4d), d = 2 */
    for (up = 0; up < 2; up++)
    {
        fmpz_t P, Q;
        fmpq_mat_t X, C;
        fmpq *y = _fmpq_vec_init(4);
        thm5_inst_t I;
        fmpz_init(P);
        fmpz_init(Q);
        fmpq_mat_init(X, 4, 2);
        fmpq_mat_init(C, 2, 2);
        thm5_inst_init(I);
        fmpz_one(Q);
        fmpz_mul_2exp(Q, Q, 100);
        arb_const_pi(s, 512);
        arb_mul_2exp_si(s, s, -4);
        arb_sin(s, s, 512);
        arb_mul_2exp_si(s, s, 100);
        CU_ASSERT_FATAL(arb_get_unique_fmpz(P, s) == 0); /* sin(pi/16) 2^100 is not an integer */
        arf_get_fmpz(P, arb_midref(s), up ? ARF_RND_CEIL : ARF_RND_FLOOR);
        /* centres (Q, 0) and (0, Q); cluster 1: the centre and (Q, P),
           cluster 2: the centre and (Q/1024, Q) */
        fmpq_set_fmpz_frac(fmpq_mat_entry(C, 0, 0), Q, Q);
        fmpq_one(fmpq_mat_entry(C, 1, 1));
        fmpq_one(fmpq_mat_entry(X, 0, 0));
        fmpq_one(fmpq_mat_entry(X, 1, 0));
        fmpq_set_fmpz_frac(fmpq_mat_entry(X, 1, 1), P, Q);
        fmpq_one(fmpq_mat_entry(X, 2, 1));
        fmpq_set_si(fmpq_mat_entry(X, 3, 0), 1, 1024);
        fmpq_one(fmpq_mat_entry(X, 3, 1));
        thm5_inst_set(I, X, y, C);
        CU_ASSERT_EQUAL(thm5_noisy_bound(rho, band, U, I, q, 32), BC_UNDECIDED);
        CU_ASSERT_EQUAL(thm5_noisy_bound(rho, band, U, I, q, 256), up ? BC_FALSE : BC_TRUE);
        /* the oracle: band_1 = 2 arcsin(P/Q) / pi */
        arb_set_fmpz(e, P);
        arb_mul_2exp_si(e, e, -100);
        arb_asin(e, e, 256);
        arb_const_pi(s, 256);
        arb_div(e, e, s, 256);
        arb_mul_2exp_si(e, e, 1);
        CU_ASSERT(arb_overlaps(e, band + 0));
        thm5_inst_clear(I);
        fmpq_mat_clear(X);
        fmpq_mat_clear(C);
        _fmpq_vec_clear(y, 4);
        fmpz_clear(P);
        fmpz_clear(Q);
    }
    arb_clear(s);
    arb_clear(U);
    arb_clear(e);
    fmpq_clear(q);
    _arb_vec_clear(rho, 2);
    _arb_vec_clear(band, 2);
}

/* The witness of B.7 on a hand instance with C = I (so w' = t exactly):
   clusters around e_1 (target 1) and e_2 (target -1), radius 1/8, the
   neurons (1, -1) with v = 1 and (-1, 1) with v = -1, M = 4: by hand,
   w'_1 = (1 + 1/2, -1/2), w'_2 = (-1/2, 1 + 1/2), v' = (1, -1), in the
   closed basin; the construction with +delta M on the inactive clusters
   gives w'_1 = (3/2, 1/2), which turns on at (0, 1) where <w_1, x> < 0. */
static void
test_witness_by_hand(void)
{
    static const slong p[] = {8, 0, 8, 1, 0, 8, 1, 8};
    static const slong ys[] = {1, 1, -1, -1};
    static const slong c[] = {8, 0, 0, 8};
    static const slong want[2][2][2] = {{{3, -1}, {-1, 3}}, {{3, 1}, {1, 3}}};
    thm5_inst_t I;
    fmpq_mat_t W, Wp;
    fmpq *v = _fmpq_vec_init(2), *vp = _fmpq_vec_init(2), *dq = _fmpq_vec_init(2);
    fmpq_t Mq, e;
    slong i, l, kind;

    thm5_inst_init(I);
    thm5_inst_set_si(I, 4, 2, 2, p, ys, 1, c, 8);
    fmpq_mat_init(W, 2, 2);
    fmpq_mat_init(Wp, 2, 2);
    fmpq_init(Mq);
    fmpq_init(e);
    fmpq_set_si(fmpq_mat_entry(W, 0, 0), 1, 1);
    fmpq_set_si(fmpq_mat_entry(W, 0, 1), -1, 1);
    fmpq_set_si(fmpq_mat_entry(W, 1, 0), -1, 1);
    fmpq_set_si(fmpq_mat_entry(W, 1, 1), 1, 1);
    fmpq_set_si(v + 0, 1, 1);
    fmpq_set_si(v + 1, -1, 1);
    fmpq_set_si(Mq, 4, 1);
    fmpq_set_si(dq + 0, 1, 8);
    fmpq_set_si(dq + 1, 1, 8);
    for (kind = 0; kind < 2; kind++)
    {
        int ok = 1;
        CU_ASSERT_EQUAL(thm5_witness(Wp, vp, W, v, 2, I, Mq, dq,
                                     kind == 0 ? THM5_WITNESS_PROOF : THM5_WITNESS_INACTIVE_UP),
                        2);
        for (i = 0; i < 2; i++)
            for (l = 0; l < 2; l++)
            {
                fmpq_set_si(e, want[kind][i][l], 2);
                ok &= fmpq_equal(fmpq_mat_entry(Wp, i, l), e);
            }
        ok &= fmpq_is_one(vp + 0) && fmpq_equal_si(vp + 1, -1);
        if (!ok)
            TEST_REPORT("the witness of B.7 by hand", "kind %ld: w' differs from the hand values",
                        (long) kind);
        CU_ASSERT(ok);
        CU_ASSERT_EQUAL(thm5_in_closed_basin(Wp, vp, W, v, 2, I), kind == 0);
    }
    thm5_inst_clear(I);
    fmpq_mat_clear(W);
    fmpq_mat_clear(Wp);
    _fmpq_vec_clear(v, 2);
    _fmpq_vec_clear(vp, 2);
    _fmpq_vec_clear(dq, 2);
    fmpq_clear(Mq);
    fmpq_clear(e);
}

static const test_case suite_tests[] = {
    {"sigma of C^T vs the 2x2 closed form", test_gram_eigs},
    {"single linkage finds the Figure 1 centres", test_cluster},
    {"hypothesis checker, satisfied and broken", test_hypotheses},
    {"K on a hand-computed instance", test_K_hand},
    {"K and the witness where Bas is known exactly", test_K_exact_bas},
    {"slope decision on interval data vs corner slopes", test_slope_intervals},
    {"noisy bound at Lemma 8's edge is three-valued", test_noisy_bound_edge},
    {"the witness of B.7 by hand, and its altered construction", test_witness_by_hand},
};

int
t_thm5_register(void)
{
    return TEST_SUITE("thm5", suite_tests);
}
