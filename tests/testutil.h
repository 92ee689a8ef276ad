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

/* Runs module m with options o, judges its Monte Carlo records at o->tail
   and checks them against the module's table: every spec produced exactly
   once with its kind, control flag and expected status, a statement on
   every record and a witness on every expected failure, no record outside
   the table, at least min_instances instance descriptions.  Prints each
   discrepancy through TEST_REPORT and returns their number. */
slong test_module_table(const module_struct *m, const run_opts *o, slong min_instances);

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
int t_lemma12_register(void);
int t_audit_register(void);
int t_sphere_register(void);
int t_range_register(void);
int t_lemma8_register(void);
int t_thm4_register(void);
int t_thm4b6_register(void);
int t_thm5_register(void);
int t_thm3_register(void);
int t_thm6_register(void);
int t_thm2_register(void);
int t_claims_register(void);

#endif
