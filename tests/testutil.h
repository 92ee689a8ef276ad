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
#include "singleton.h"
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

/* Sets D to the singleton data of m points in dimension d given as
   integer triples pts[3t..3t+2] = (coordinate, s, y): x_t = s / sden on
   that coordinate, y_t = y / yden (the shared fixtures of t-singleton
   and t-thm2). */
void test_singleton_points(singleton_data_t D, slong m, slong d, const slong *pts, ulong sden, ulong yden);

/* Sets val to the certified basin engine's upper value on the cell of
   the singleton network (ws, vs) (n neurons, weight signs ws (n x d)
   and output signs vs), *exact to whether it is exact; the pattern
   a_{i,t} = sign sum_j ws_ij x_tj is computed from the rationals.  The
   oracle the closed forms of Theorem 2 are compared with. */
void test_singleton_engine(fmpq_t val, int *exact, const singleton_data_t D, const int *ws, const int *vs,
                           slong n);

/* The rank of A, by its reduced row echelon form over Q (the oracle of
   the LDL^T ranks). */
slong test_fmpq_mat_rank(const fmpq_mat_t A);

/* Writes text to a new temporary file t-NAME-XXXXXX (in $TMPDIR, else
   /tmp) and returns its path (flint_free it; remove the file first).  A
   file that cannot be made leaves the returned path without a file, so
   that the reader under test fails on it. */
char *test_tmp_file(const char *name, const char *text);

/* Replaces the content of the file path by text. */
void test_rewrite(const char *path, const char *text);

/* One test of a suite: its description and its function. */
typedef struct
{
    const char *name;
    CU_TestFunc fn;
} test_case;

/* Adds the suite name (no set-up or clean-up) with the tests
   cases[0..n-1], in order, to the CUnit registry; returns 0, or 1 if
   CUnit refuses the suite or a test.  Every registration function of a
   test file is this one call on its table (TEST_SUITE counts it). */
int test_add_suite(const char *name, const test_case *cases, size_t n);
#define TEST_SUITE(name, cases) test_add_suite((name), (cases), sizeof(cases) / sizeof((cases)[0]))

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
int t_mild_register(void);
int t_jrank_register(void);
int t_par_register(void);

#endif
