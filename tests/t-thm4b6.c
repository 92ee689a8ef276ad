/* t-thm4b6.c -- the fixed-width path of Theorem 4's construction (B.6)
   against the general fmpz path: the same status, signs, chosen neurons
   and verifications, the same W' when it is built, on every data kind,
   widths 1 to 40, both kinds of targets (alpha = 0 and the one-signed
   fit of width 1), and weights over a wide range of exponents (so that
   the fixed-width integers come near their limit and the path must
   decline some instances); with the AVX2 kernels and with the portable
   ones.  The general path is itself tested against
   independent oracles in t-thm4. */
#include <math.h>
#include <string.h>

#include <flint/fmpq_vec.h>

#include "testutil.h"
#include "thm4.h"

static void
test_fast_equals_general(void)
{
    slong it, iters = test_iters(300), fast_ok = 0, fast_other = 0, declined = 0;
    rng_t r;
    rng_init(r, test_seed(), rng_stream_id("t-thm4b6"), 0);
    for (it = 0; it < iters; it++)
    {
        thm4_data_kind kind = (thm4_data_kind) (it % 3);
        slong m = 1 + (slong) rng_below(r, 8), d = kind == THM4_DATA_ORTH ? 16 : m + (slong) rng_below(r, 6);
        slong n = 1 + (slong) rng_below(r, it % 4 == 0 ? 40 : 12), k, t;
        int wide = (int) (it % 5 == 0), build = (int) (it % 2), s1, s2;
        thm4_data_t D;
        thm4_b6_t C1, C2;
        fmpq *ybar;
        fmpq_t alpha;
        double *W, *v;

        thm4_data_init(D);
        if (thm4_data_generate(D, kind, m, d, r) != m)
        {
            thm4_data_clear(D);
            continue;
        }
        ybar = _fmpq_vec_init(m);
        fmpq_init(alpha);
        thm4_alpha(alpha, ybar, D, n);
        W = flint_malloc(sizeof(double) * (size_t) (n * d + n));
        v = W + n * d;
        for (k = 0; k < n * d + n; k++)
        {
            W[k] = rng_normal(r);
            /* exponents from 2^-60 to 2^20: integers up to ~250 bits */
            if (wide)
                W[k] = ldexp(W[k], (int) rng_below(r, 80) - 60);
        }
        thm4_b6_init(C1);
        thm4_b6_init(C2);
        s2 = _thm4_b6_construct_impl(C2, D, ybar, alpha, W, v, n, build, 0);
        /* one run in three decides the signs in fixed width too; one in
           two uses the portable kernels (the AVX2 ones otherwise, where
           the processor has them) */
        s1 = _thm4_b6_construct_impl(C1, D, ybar, alpha, W, v, n, build,
                                     ((it / 3) % 3 == 1 ? 3 : 2) | ((it / 9) % 2 ? THM4_B6_PORTABLE : 0));
        if (s1 < 0)
            declined++;
        else
        {
            int same = s1 == s2;
            if (s1 == THM4_B6_OK)
            {
                fast_ok++;
                same = same && C1->solved && C1->in_cell && C1->attains && fmpq_equal(C1->loss, C2->loss);
                if (build)
                    same = same && C1->have_w && C2->have_w && fmpq_mat_equal(C1->W, C2->W) &&
                           fmpz_equal(C1->zden, C2->zden) && fmpz_mat_equal(C1->Zn, C2->Zn) &&
                           fmpz_mat_equal(C1->XZn, C2->XZn);
            }
            else
                fast_other++;
            if (s1 != THM4_B6_BOUNDARY && s2 != THM4_B6_BOUNDARY)
                for (k = 0; k < n * m; k++)
                    same = same && C1->a[k] == C2->a[k];
            if (s1 == THM4_B6_OK || s1 == THM4_B6_NO_NEURON)
                for (t = 0; t < m; t++)
                    same = same && (s1 == THM4_B6_NO_NEURON || C1->chosen[t] == C2->chosen[t]);
            if (s1 == THM4_B6_NO_NEURON)
                same = same && C1->bad_t == C2->bad_t;
            if (!same)
            {
                TEST_REPORT("fixed-width construction equals the general one",
                            "it=%ld kind=%s m=%ld d=%ld n=%ld wide=%d build=%d portable=%d status %d vs %d",
                            (long) it, thm4_data_name(kind), (long) m, (long) d, (long) n, wide, build,
                            (int) ((it / 9) % 2), s1, s2);
                CU_FAIL("fixed-width construction");
            }
        }
        thm4_b6_clear(C1);
        thm4_b6_clear(C2);
        flint_free(W);
        fmpq_clear(alpha);
        _fmpq_vec_clear(ybar, m);
        thm4_data_clear(D);
    }
    /* the comparison saw the path decide both ways, and decline */
    CU_ASSERT(fast_ok > iters / 10);
    CU_ASSERT(fast_other > 0);
    CU_ASSERT(declined > 0);
}

int
t_thm4b6_register(void)
{
    CU_pSuite s = CU_add_suite("thm4b6", NULL, NULL);
    if (s == NULL)
        return 1;
    if (!CU_add_test(s, "fixed-width construction = general (B.6)", test_fast_equals_general))
        return 1;
    return 0;
}
