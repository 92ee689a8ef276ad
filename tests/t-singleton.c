/* t-singleton.c -- singleton data (singleton.h): the hypothesis, the
   fields of the data set and its side sums against their definitions;
   the side and coordinate costs against brute force over the
   placements; alpha and the exact probabilities of the good basins and
   of B.4's event against the enumeration of every sign pattern, with the
   basin value of a pattern computed here from its definition (each side
   a one-dimensional least-squares problem on the cone of its active
   output signs) and that value itself checked against the certified
   engine of basin.h; the single neuron against the enumeration of its
   placements; hand-computed instances. */
#include <flint/fmpq_vec.h>

#include "basin.h"
#include "rng.h"
#include "singleton.h"
#include "testutil.h"

/* ------------------------------------------------------------ helpers */

/* random singleton data: m points, coordinate uniform in [0, d), s_t in
   +-{1/2, 1, 3/2, 2}, y_t in [-2, 2] with denominator 4 */
static void
random_data(singleton_data_t D, slong m, slong d, rng_t r)
{
    slong t;
    fmpq_mat_t X;
    fmpq *y = _fmpq_vec_init(m);
    fmpq_mat_init(X, m, d);
    for (t = 0; t < m; t++)
    {
        slong j = (slong) rng_below(r, (uint64_t) d), s = 1 + (slong) rng_below(r, 4);
        fmpq_set_si(fmpq_mat_entry(X, t, j), (rng_u32(r) & 1) ? s : -s, 2);
        fmpq_set_si(y + t, (slong) rng_below(r, 17) - 8, 4);
    }
    singleton_data_set(D, X, y);
    fmpq_mat_clear(X);
    _fmpq_vec_clear(y, m);
}

/* ------------------------------------------------------------ oracles */

/* The value of side (j, sg) of the data when the active neurons have the
   output signs has_plus / has_minus: min over beta in their cone of
   sum_{t in side} (|s_t| beta - y_t)^2, evaluated from the points (the
   unconstrained minimiser clamped to the cone, a convex quadratic in one
   variable).  *in_cone receives whether the unconstrained minimiser lies
   in the cone (the side is at its own best). */
static void
oracle_side(fmpq_t val, int *in_cone, const fmpq_mat_t X, const fmpq *y, slong j, int sg, int has_plus,
            int has_minus)
{
    slong t, m = fmpq_mat_nrows(X);
    fmpq_t A, Bs, beta, e, s;
    fmpq_init(A);
    fmpq_init(Bs);
    fmpq_init(beta);
    fmpq_init(e);
    fmpq_init(s);
    for (t = 0; t < m; t++)
    {
        const fmpq *x = fmpq_mat_entry(X, t, j);
        if (fmpq_sgn(x) != sg)
            continue;
        fmpq_abs(s, x);
        fmpq_addmul(A, s, s);
        fmpq_addmul(Bs, s, y + t);
    }
    if (!fmpq_is_zero(A))
        fmpq_div(beta, Bs, A);
    *in_cone = 1;
    if ((fmpq_sgn(beta) > 0 && !has_plus) || (fmpq_sgn(beta) < 0 && !has_minus))
    {
        fmpq_zero(beta);
        *in_cone = 0;
    }
    fmpq_zero(val);
    for (t = 0; t < m; t++)
    {
        const fmpq *x = fmpq_mat_entry(X, t, j);
        if (fmpq_sgn(x) != sg)
            continue;
        fmpq_abs(s, x);
        fmpq_mul(e, s, beta);
        fmpq_sub(e, e, y + t);
        fmpq_addmul(val, e, e);
    }
    fmpq_clear(A);
    fmpq_clear(Bs);
    fmpq_clear(beta);
    fmpq_clear(e);
    fmpq_clear(s);
}

/* Bas of the cell of signs (ws, vs) (ws[i d + j] = sign w_ij, no zero)
   from the definition: neuron i is active on the side (j, sign w_ij), and
   its output sign spans the cone of that side.  Returns 1 when every
   side is at its own best (B.4's event: each need met). */
static int
oracle_bas(fmpq_t bas, const singleton_data_t D, const int *ws, const int *vs, slong n)
{
    slong j, i, d = D->d;
    int sg, ev = 1, in;
    fmpq_t c;
    fmpq_init(c);
    fmpq_zero(bas);
    for (j = 0; j < d; j++)
        for (sg = -1; sg <= 1; sg += 2)
        {
            int hp = 0, hm = 0;
            for (i = 0; i < n; i++)
                if (ws[i * d + j] == sg)
                {
                    hp |= vs[i] > 0;
                    hm |= vs[i] < 0;
                }
            oracle_side(c, &in, D->X, D->y, j, sg, hp, hm);
            ev &= in;
            fmpq_add(bas, bas, c);
        }
    bc_fmpq_div_si(bas, bas, D->m);
    fmpq_clear(c);
    return ev;
}

/* sign pattern number M < 2^(n(d+1)): bit i d + j is w_ij > 0, bit
   n d + i is v_i > 0 */
static void
pattern_of(int *ws, int *vs, ulong M, slong n, slong d)
{
    slong i;
    for (i = 0; i < n * d; i++)
        ws[i] = (M >> i & 1) ? 1 : -1;
    for (i = 0; i < n; i++)
        vs[i] = (M >> (n * d + i) & 1) ? 1 : -1;
}

/* ------------------------------------------------------------- tests */

static void
test_data(void)
{
    fmpq_mat_t X;
    fmpq y[3];
    singleton_data_t D;
    slong k, f;

    fmpq_mat_init(X, 3, 3);
    for (k = 0; k < 3; k++)
        fmpq_init(y + k);
    fmpq_set_si(fmpq_mat_entry(X, 0, 1), -3, 2);
    fmpq_set_si(fmpq_mat_entry(X, 1, 0), 1, 1);
    fmpq_set_si(fmpq_mat_entry(X, 2, 2), 2, 1);
    CU_ASSERT_EQUAL(singleton_first_nonsingleton(X), -1);
    singleton_data_init(D);
    CU_ASSERT(!D->singleton && D->m == 0);
    CU_ASSERT(singleton_data_set(D, X, y));
    CU_ASSERT(D->coord[0] == 1 && D->sgn[0] == -1 && D->count[3] == 1 && D->used == 3);
    fmpq_set_si(fmpq_mat_entry(X, 2, 0), 1, 7); /* row 2 has two */
    CU_ASSERT_EQUAL(singleton_row_nonzeros(X, 2, &f), 2);
    CU_ASSERT_EQUAL(f, 0);
    CU_ASSERT_EQUAL(singleton_first_nonsingleton(X), 2);
    CU_ASSERT(!singleton_data_set(D, X, y));
    CU_ASSERT_EQUAL(D->bad_t, 2);
    fmpq_mat_zero(X); /* zero rows */
    CU_ASSERT_EQUAL(singleton_row_nonzeros(X, 1, &f), 0);
    CU_ASSERT_EQUAL(f, -1);
    CU_ASSERT_EQUAL(singleton_first_nonsingleton(X), 0);
    fmpq_mat_clear(X);
    for (k = 0; k < 3; k++)
        fmpq_clear(y + k);
    singleton_data_clear(D);
}

/* the side sums, needs and side values of random data against the
   points, and the costs of a coordinate against every placement of P
   and Q neurons on its two sides */
static void
test_costs(void)
{
    slong it, iters = test_iters(40), bad = 0;
    rng_t r;
    rng_init(r, test_seed(), rng_stream_id("t-singleton/costs"), 0);
    for (it = 0; it < iters; it++)
    {
        singleton_data_t D;
        slong d = 1 + (slong) rng_below(r, 4), j, P, Q, k;
        fmpq_t c, o, best, tot;
        fmpq *tots = _fmpq_vec_init(16);
        int in, hp, hm;
        singleton_data_init(D);
        random_data(D, 1 + (slong) rng_below(r, 10), d, r);
        fmpq_init(c);
        fmpq_init(o);
        fmpq_init(best);
        fmpq_init(tot);
        for (k = 0; k < 2 * d; k++)
        {
            int sg = (k & 1) ? -1 : 1;
            /* opt_k: the side's value with both output signs; need_k:
               the sign of the unconstrained minimiser */
            oracle_side(o, &in, D->X, D->y, k / 2, sg, 1, 1);
            if (!fmpq_equal(o, D->opt + k))
            {
                TEST_REPORT("opt_k = the side's least squares value", "iteration %ld side %ld", (long) it,
                            (long) k);
                bad++;
            }
            oracle_side(o, &in, D->X, D->y, k / 2, sg, 1, 0);
            hp = in;
            oracle_side(o, &in, D->X, D->y, k / 2, sg, 0, 1);
            hm = in;
            if (D->need[k] != (hp && hm ? 0 : (hp ? 1 : -1)))
            {
                TEST_REPORT("need_k = sign of the side's minimiser", "iteration %ld side %ld", (long) it,
                            (long) k);
                bad++;
            }
            for (hp = 0; hp < 2; hp++)
                for (hm = 0; hm < 2; hm++)
                {
                    singleton_side_cost(c, D, k, hp, hm);
                    oracle_side(o, &in, D->X, D->y, k / 2, sg, hp, hm);
                    if (!fmpq_equal(c, o))
                    {
                        TEST_REPORT("side cost = 1-D least squares on the cone",
                                    "iteration %ld side %ld (%d, %d)", (long) it, (long) k, hp, hm);
                        bad++;
                    }
                }
        }
        /* cost_j(P, Q): every placement (bit i: neuron i on S_j^+) of the P
           neurons with v > 0 and the Q with v < 0 */
        for (P = 0; P <= 3; P++)
            for (Q = 0; Q <= 3; Q++)
            {
                fmpq_zero(tot);
                for (j = 0; j < d; j++)
                {
                    ulong pl;
                    if (D->count[2 * j] + D->count[2 * j + 1] == 0)
                        continue;
                    for (pl = 0; pl < ((ulong) 1 << (P + Q)); pl++)
                    {
                        ulong plus = pl & (((ulong) 1 << P) - 1), minus = pl >> P;
                        ulong full_p = ((ulong) 1 << P) - 1, full_q = ((ulong) 1 << Q) - 1;
                        fmpq_t v2;
                        fmpq_init(v2);
                        oracle_side(o, &in, D->X, D->y, j, 1, plus != 0, minus != 0);
                        oracle_side(v2, &in, D->X, D->y, j, -1, plus != full_p, minus != full_q);
                        fmpq_add(o, o, v2);
                        if (pl == 0 || fmpq_cmp(o, best) < 0)
                            fmpq_set(best, o);
                        fmpq_clear(v2);
                    }
                    singleton_coord_cost(c, D, j, P, Q);
                    if (!fmpq_equal(c, best))
                    {
                        TEST_REPORT("cost_j(P, Q) = least value over the placements",
                                    "iteration %ld j=%ld P=%ld Q=%ld", (long) it, (long) j, (long) P,
                                    (long) Q);
                        bad++;
                    }
                    fmpq_add(tot, tot, best);
                }
                bc_fmpq_div_si(tot, tot, D->m);
                fmpq_set(tots + 4 * P + Q, tot);
            }
        /* alpha for width n = (1/m) min over P + Q = n of sum_j cost_j */
        for (k = 1; k <= 3; k++)
        {
            const fmpq *mn = tots + k;
            for (P = 1; P <= k; P++)
                if (fmpq_cmp(tots + 4 * P + (k - P), mn) < 0)
                    mn = tots + 4 * P + (k - P);
            singleton_alpha(c, NULL, D, k);
            if (!fmpq_equal(c, mn))
            {
                TEST_REPORT("alpha = least total cost over the splits", "iteration %ld n=%ld", (long) it,
                            (long) k);
                bad++;
            }
        }
        fmpq_clear(c);
        fmpq_clear(o);
        fmpq_clear(best);
        fmpq_clear(tot);
        _fmpq_vec_clear(tots, 16);
        singleton_data_clear(D);
    }
    rng_clear(r);
    CU_ASSERT_EQUAL(bad, 0);
}

/* alpha and both probabilities by enumerating every sign pattern with the
   basin value from the definition, itself checked against the certified
   engine on a few patterns of each data set */
static void
test_prob_enum(void)
{
    static const slong ns[] = {1, 2, 3, 4};
    slong it, iters = test_iters(8), bad = 0;
    rng_t r;
    fmpq_t eps;
    fmpq_init(eps);
    fmpq_set_si(eps, 1, 8); /* q = 1/2 exactly */
    rng_init(r, test_seed(), rng_stream_id("t-singleton/enum"), 0);
    for (it = 0; it < iters; it++)
    {
        singleton_data_t D;
        slong d = 1 + it % 3, q;
        singleton_data_init(D);
        if (it % 4 == 3)
            singleton_data_appc(D, eps, d);
        else
            random_data(D, 3 + (slong) rng_below(r, 6), d, r);
        for (q = 0; q < 4 && ns[q] * (d + 1) <= 12; q++)
        {
            slong n = ns[q], bits = n * (d + 1), k;
            ulong M, good = 0, ev = 0;
            int *ws = flint_malloc(sizeof(int) * (size_t) (n * d + n)), *vs = ws + n * d, *optP, exact;
            fmpq *val = _fmpq_vec_init((slong) 1 << bits);
            fmpq_t amin, a, pg, pe, e;
            fmpq_init(amin);
            fmpq_init(a);
            fmpq_init(pg);
            fmpq_init(pe);
            fmpq_init(e);
            for (M = 0; M < ((ulong) 1 << bits); M++)
            {
                pattern_of(ws, vs, M, n, d);
                ev += oracle_bas(val + M, D, ws, vs, n);
                if (M == 0 || fmpq_cmp(val + M, amin) < 0)
                    fmpq_set(amin, val + M);
            }
            for (M = 0; M < ((ulong) 1 << bits); M++)
                good += fmpq_equal(val + M, amin);
            /* the oracle against the engine */
            for (k = 0; k < 4; k++)
            {
                M = rng_below(r, (uint64_t) 1 << bits);
                pattern_of(ws, vs, M, n, d);
                test_singleton_engine(e, &exact, D, ws, vs, n);
                if (!exact || !fmpq_equal(e, val + M))
                {
                    TEST_REPORT("basin value from the definition = certified engine",
                                "iteration %ld d=%ld n=%ld pattern %lu exact=%d", (long) it, (long) d,
                                (long) n, (unsigned long) M, exact);
                    bad++;
                }
            }
            /* 2^bits P must be the integer count of patterns */
            optP = flint_malloc(sizeof(int) * (size_t) (n + 1));
            singleton_alpha(a, optP, D, n);
            singleton_prob_good(pg, D, n);
            singleton_prob_event(pe, D, n);
            fmpq_mul_2exp(pg, pg, (ulong) bits);
            fmpq_mul_2exp(pe, pe, (ulong) bits);
            if (!fmpq_equal(a, amin) || !fmpz_is_one(fmpq_denref(pg)) || !fmpz_is_one(fmpq_denref(pe)) ||
                fmpz_cmp_ui(fmpq_numref(pg), good) != 0 || fmpz_cmp_ui(fmpq_numref(pe), ev) != 0)
            {
                TEST_REPORT("alpha, P[good], P[event] = enumeration", "iteration %ld d=%ld n=%ld m=%ld",
                            (long) it, (long) d, (long) n, (long) D->m);
                bad++;
            }
            /* optP marks the numbers of positive output weights of the
               patterns attaining alpha */
            for (M = 0; M < ((ulong) 1 << bits); M++)
                if (fmpq_equal(val + M, amin))
                {
                    slong P = 0, i;
                    pattern_of(ws, vs, M, n, d);
                    for (i = 0; i < n; i++)
                        P += vs[i] > 0;
                    if (!optP[P])
                    {
                        TEST_REPORT("optP marks the optimal P", "iteration %ld n=%ld P=%ld", (long) it,
                                    (long) n, (long) P);
                        bad++;
                    }
                }
            flint_free(optP);
            fmpq_clear(amin);
            fmpq_clear(a);
            fmpq_clear(pg);
            fmpq_clear(pe);
            fmpq_clear(e);
            _fmpq_vec_clear(val, (slong) 1 << bits);
            flint_free(ws);
        }
        singleton_data_clear(D);
    }
    rng_clear(r);
    fmpq_clear(eps);
    CU_ASSERT_EQUAL(bad, 0);
}

/* by hand: x = +-e_1 with y = 1, x = +-e_2 with y = -1 (needs (+,+) and
   (-,-), opt = 0 and C = 1 on every side, m = 4) */
static void
test_hand(void)
{
    static const slong pts[12] = {0, 1, 1, 0, -1, 1, 1, 1, -1, 1, -1, -1};
    singleton_data_t D;
    fmpq_t a, e, p;
    slong k;
    singleton_data_init(D);
    test_singleton_points(D, 4, 2, pts, 1, 1);
    fmpq_init(a);
    fmpq_init(e);
    fmpq_init(p);
    CU_ASSERT(D->singleton && D->needy == 4 && D->need[0] == 1 && D->need[1] == 1 && D->need[2] == -1 &&
              D->need[3] == -1);
    for (k = 0; k < 4; k++)
        CU_ASSERT(fmpq_is_zero(D->opt + k) && fmpq_is_one(D->sc + k));
    /* n = 1: the neuron meets one need: 3/4; n = 2: two needs: 1/2;
       n = 3: P = 2, Q = 1 meets three: 1/4; n = 4: 0 */
    singleton_alpha(a, NULL, D, 1);
    fmpq_set_si(e, 3, 4);
    CU_ASSERT(fmpq_equal(a, e));
    singleton_alpha(a, NULL, D, 2);
    fmpq_set_si(e, 1, 2);
    CU_ASSERT(fmpq_equal(a, e));
    singleton_alpha(a, NULL, D, 3);
    fmpq_set_si(e, 1, 4);
    CU_ASSERT(fmpq_equal(a, e));
    singleton_alpha(a, NULL, D, 4);
    CU_ASSERT(fmpq_is_zero(a));
    /* n = 4: P = Q = 2 (6/16), each coordinate split (1/2 each): 3/32;
       B.4's event is the same event */
    singleton_prob_good(p, D, 4);
    fmpq_set_si(e, 3, 32);
    CU_ASSERT(fmpq_equal(p, e));
    singleton_prob_event(p, D, 4);
    CU_ASSERT(fmpq_equal(p, e));
    /* n = 2: every P gives 2/m = 1/2.  P = 1 (probability 1/2) always
       meets one need per coordinate; P = 2 (1/4) needs coordinate 1
       split (1/2), P = 0 (1/4) coordinate 2 split (1/2): 3/4.  The four
       needs cannot all be met: B.4's event is impossible */
    singleton_prob_good(p, D, 2);
    fmpq_set_si(e, 3, 4);
    CU_ASSERT(fmpq_equal(p, e));
    singleton_prob_event(p, D, 2);
    CU_ASSERT(fmpq_is_zero(p));
    fmpq_clear(a);
    fmpq_clear(e);
    fmpq_clear(p);
    singleton_data_clear(D);
}

/* the single neuron, against the enumeration of its 2^d placements */
static void
test_single(void)
{
    slong it, iters = test_iters(20), bad = 0, d;
    rng_t r;
    fmpq_t eps, p, a1, e;
    fmpq_init(eps);
    fmpq_init(p);
    fmpq_init(a1);
    fmpq_init(e);
    fmpq_set_si(eps, 1, 10);
    /* Appendix C: only w > 0 on every coordinate is optimal */
    for (d = 1; d <= 64; d *= 2)
    {
        singleton_data_t D;
        singleton_data_init(D);
        singleton_data_appc(D, eps, d);
        CU_ASSERT(D->singleton && D->m == 2 * d && D->used == d);
        singleton_prob_single(p, a1, D);
        fmpq_one(e);
        fmpq_div_2exp(e, e, (ulong) d);
        CU_ASSERT(fmpq_equal(p, e));
        singleton_data_clear(D);
    }
    rng_init(r, test_seed(), rng_stream_id("t-singleton/single"), 0);
    for (it = 0; it < iters; it++)
    {
        singleton_data_t D;
        slong M, dd = 1 + (slong) rng_below(r, 6), good = 0;
        int ws[6], vs[1] = {1};
        fmpq *val = _fmpq_vec_init((slong) 1 << dd);
        fmpq_t amin;
        fmpq_init(amin);
        singleton_data_init(D);
        random_data(D, 1 + (slong) rng_below(r, 10), dd, r);
        for (M = 0; M < ((slong) 1 << dd); M++)
        {
            pattern_of(ws, vs, (ulong) M, 1, dd);
            vs[0] = 1;
            oracle_bas(val + M, D, ws, vs, 1);
            if (M == 0 || fmpq_cmp(val + M, amin) < 0)
                fmpq_set(amin, val + M);
        }
        for (M = 0; M < ((slong) 1 << dd); M++)
            good += fmpq_equal(val + M, amin);
        fmpq_set_si(e, good, 1);
        fmpq_div_2exp(e, e, (ulong) dd);
        singleton_prob_single(p, a1, D);
        if (!fmpq_equal(p, e) || !fmpq_equal(a1, amin))
        {
            TEST_REPORT("single neuron = enumeration", "iteration %ld d=%ld", (long) it, (long) dd);
            bad++;
        }
        fmpq_clear(amin);
        _fmpq_vec_clear(val, (slong) 1 << dd);
        singleton_data_clear(D);
    }
    rng_clear(r);
    CU_ASSERT_EQUAL(bad, 0);
    fmpq_clear(eps);
    fmpq_clear(p);
    fmpq_clear(a1);
    fmpq_clear(e);
}

static const test_case suite_tests[] = {
    {"singleton test and data fields", test_data},
    {"side sums and costs = brute force", test_costs},
    {"alpha and probabilities = enumeration", test_prob_enum},
    {"hand-computed instance", test_hand},
    {"single neuron", test_single},
};

int
t_singleton_register(void)
{
    return TEST_SUITE("singleton", suite_tests);
}
