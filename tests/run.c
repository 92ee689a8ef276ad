/* run.c -- the CUnit runner: registers every suite and returns the number
   of failures (so `make check` fails on any).  With arguments, runs only
   the suites whose names are given. */
#include <CUnit/Basic.h>
#include <string.h>

#include "testutil.h"

typedef int (*register_fn)(void);

static const register_fn suites[] = {
    t_rng_register,    t_sampler_register,   t_exact_register,  t_net_register,     t_loss_register,
    t_binom_register,  t_mc_register,        t_report_register, t_thm1_register,    t_prop12_register,
    t_csv_register,    t_basin_register,     t_ldl_register,    t_shallow_register, t_lemma12_register,
    t_audit_register,  t_sphere_register,    t_range_register,  t_claims_register,  t_lemma8_register,
    t_appc_register,   t_singleton_register, t_thm2_register,   t_thm3_register,    t_thm4_register,
    t_thm4b6_register, t_thm5_register,      t_thm6_register,   t_check_register,   t_modules_register,
    t_cert_register,   t_lpq_register,       t_jac_register,    t_pop_register,     t_crit_register,
    t_mild_register,   t_jrank_register,     t_par_register,
};

int
main(int argc, char **argv)
{
    size_t i;
    unsigned int failures = 0;

    if (CU_initialize_registry() != CUE_SUCCESS)
        return 1;
    for (i = 0; i < sizeof(suites) / sizeof(suites[0]); i++)
        if (suites[i]() != 0)
        {
            fprintf(stderr, "cannot register suite %zu: %s\n", i, CU_get_error_msg());
            CU_cleanup_registry();
            return 1;
        }
    printf("test seed %llu (BC_TEST_SEED overrides), iteration multiplier via BC_TEST_MULT\n",
           (unsigned long long) test_seed());
    CU_basic_set_mode(CU_BRM_VERBOSE);
    if (argc > 1)
    {
        int a;
        for (a = 1; a < argc; a++)
        {
            CU_pSuite s = CU_get_suite(argv[a]);
            if (s == NULL)
            {
                fprintf(stderr, "no suite named '%s'\n", argv[a]);
                CU_cleanup_registry();
                return 1;
            }
            CU_basic_run_suite(s);
            /* each run resets CUnit's counts: add them up per suite */
            failures += CU_get_number_of_failures() + CU_get_number_of_suites_failed();
        }
    }
    else
    {
        CU_basic_run_tests();
        failures = CU_get_number_of_failures() + CU_get_number_of_suites_failed();
    }
    CU_cleanup_registry();
    flint_cleanup_master();
    return failures > 255 ? 255 : (int) failures;
}
