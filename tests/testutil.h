/* testutil.h -- shared conventions of the CUnit suites.

   Randomised tests draw from rng streams seeded by test_seed() (default
   fixed; environment variable BC_TEST_SEED overrides) and scale their
   iteration counts by test_iters() (environment variable BC_TEST_MULT,
   default 1).  A failing property prints the property, every input and
   the seed through TEST_REPORT before the CUnit assertion fails. */
#ifndef TESTUTIL_H
#define TESTUTIL_H

#include <CUnit/CUnit.h>
#include <stdint.h>
#include <stdio.h>

#include "bc.h"
#include "theorems.h"

uint64_t test_seed(void);
slong test_iters(slong base);

/* Prints "FAIL <property> seed=<seed>: <details>" to stderr. */
#define TEST_REPORT(property, ...)                                                                           \
    do                                                                                                       \
    {                                                                                                        \
        fprintf(stderr, "\nFAIL %s seed=%llu: ", (property), (unsigned long long) test_seed());              \
        fprintf(stderr, __VA_ARGS__);                                                                        \
        fprintf(stderr, "\n");                                                                               \
    } while (0)

/* Sets o to the options of a quick module run in a test: zero except the
   test seed, SIZE_QUICK, threads and per-side tail 1e-4. */
void test_quick_opts(run_opts *o, int threads);

/* Each test file defines one registration function, listed in run.c. */
int t_rng_register(void);
int t_sampler_register(void);
int t_exact_register(void);
int t_net_register(void);
int t_loss_register(void);
int t_binom_register(void);
int t_mc_register(void);
int t_report_register(void);
int t_thm1_register(void);
int t_prop12_register(void);
int t_csv_register(void);
int t_basin_register(void);
int t_ldl_register(void);
int t_shallow_register(void);
int t_lemma12_register(void);
int t_audit_register(void);
int t_sphere_register(void);
int t_singleton_register(void);
int t_appc_register(void);
int t_range_register(void);
int t_lemma8_register(void);
int t_thm4_register(void);
int t_thm4b6_register(void);
int t_thm5_register(void);
int t_thm3_register(void);
int t_thm6_register(void);
int t_thm2_register(void);
int t_claims_register(void);
int t_modules_register(void);
int t_check_register(void);
int t_cert_register(void);
int t_jac_register(void);
int t_lpq_register(void);
int t_pop_register(void);
int t_crit_register(void);

#endif
