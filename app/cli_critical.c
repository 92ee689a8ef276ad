/* cli_critical.c -- `basincheck critical`: a rigorous certificate for a
   critical point of the population loss of a two-layer ReLU student
   learning a ReLU teacher under Gaussian inputs (seed 003), and of its
   split image in width n + 1; `basincheck bench critical`: certificates
   per second at k = 10 and 20.

   The student is read exactly (csv.h) and refined by Newton's method; the
   certificate is about the critical point in a small box around the
   refined point (crit.h): it exists and is unique there (Krawczyk), it is
   a strict local minimum (Hessian positive definite on the box) or a
   saddle (a certified direction of negative curvature), its value is
   enclosed, and it is global (F = 0) or not (F > 0).

   Exit statuses: 0 a certificate (minimum, saddle or not_critical);
   1 undecided; 2 usage or input error, one line "basincheck: ..." on
   stderr. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "crit.h"
#include "csv.h"
#include "escape.h"
#include "rng.h"

/* Sizes: the Hessian has (n d)^2 entries, kept as balls and doubles;
   at n d = 1200 that is about 100 MB and a certificate of about a
   minute.  The pair quantities cost O(d^2) per pair. */
#define CRIT_CLI_MAX_ND 1200
#define CRIT_CLI_MAX_D 400
#define CRIT_CLI_MAX_K 1000
#define CRIT_CLI_DIGITS 15
#define CRIT_CLI_PREC 256

static void
critical_help(FILE *f)
{
    fputs("Usage: basincheck critical --weights W.csv (--teacher K | --teacher-weights V.csv)\n"
          "                           [--split I --alpha A] [--json]\n"
          "Certifies the critical point near a student W of the population loss\n"
          "  F(W) = (1/2) E (sum_i [<w_i, x>]_+ - sum_j [<v_j, x>]_+)^2,  x ~ N(0, I_d)\n"
          "(Safran, Yehudai and Shamir: mild over-parameterization; teacher I_K in their\n"
          "experiments), in rigorous arithmetic.\n"
          "\n"
          "  --weights FILE          the student: one neuron per line, w_i1,...,w_id\n"
          "  --teacher K             the teacher I_K (then d = K)\n"
          "  --teacher-weights FILE  the teacher: one neuron per line, v_j1,...,v_jd\n"
          "  --split I --alpha A     certify the split image instead: neuron I (1-based)\n"
          "                          replaced by A w_I and (1 - A) w_I, 0 < A < 1 (width n+1)\n"
          "  --json                  one JSON object on stdout instead of text\n"
          "  -h, --help              this help\n"
          "\n"
          "Numbers are read exactly (0.1 is 1/10, 7/3 is a rational); '#' starts a comment;\n"
          "every entry is 0 or between 1e-30 and 1e30 in absolute value.\n"
          "The point is refined by Newton's method (at most 0.1 (1 + |W|) away), then:\n"
          "Krawczyk's test on a box of half-width r around it proves a unique critical point\n"
          "x* in the box; a Cholesky factor with a rigorous residual bound encloses the\n"
          "least Hessian eigenvalue over the box (lower bound) and a Rayleigh quotient bounds\n"
          "it above; F over the box is enclosed.  kind: minimum (Hessian positive definite on\n"
          "the box: x* is a strict local minimum), saddle (a dyadic direction of negative\n"
          "curvature, with a certified step t such that F(x* + t u) < F(x*)), not_critical\n"
          "(Krawczyk excludes a critical point from the box) or undecided (with the reason).\n"
          "global: true when F(x*) = 0 (x* a permutation of the teacher), false when\n"
          "F(x*) > 0 while the global value is 0 (n >= k), undecided otherwise.\n"
          "With --split: the split image of x* is an exact critical point of width n + 1;\n"
          "it is a saddle when the block B_I of the Hessian of neuron I without its self\n"
          "term has a negative eigenvalue: the curvature along u = (a, -a) on the two copies\n"
          "is a^T B_I a / (A (1 - A)).  Directions are printed as doubles with 17 digits\n"
          "(they read back to the same dyadic numbers).\n"
          "Limits: n d <= 1200, d <= 400, K <= 1000.\n"
          "\n"
          "Exit status: 0 a certificate (minimum, saddle, not_critical); 1 undecided; 2 usage\n"
          "or input error (one line on stderr starting with 'basincheck: ').\n",
          f);
}

static int
load(csv_table_t T, const char *path)
{
    char err[4096 + 512];
    if (csv_read(T, path, err, sizeof err) != 0)
    {
        size_t k;
        for (k = 0; err[k] != '\0'; k++)
            if ((unsigned char) err[k] < 0x20 || err[k] == 0x7f)
                err[k] = '?';
        fprintf(stderr, "basincheck: %s\n", err);
        return CLI_EXIT_USAGE;
    }
    return 0;
}

/* Every entry 0 or of magnitude in [1e-30, 1e30]: the refinement works in
   double and its Hessian has products of up to six entries.  Returns 0,
   or CLI_EXIT_USAGE after one line naming the file, line and column. */
static int
check_range(const csv_table_t T, const char *path)
{
    slong i, j;
    fmpq_t lo, hi, a;
    int rc = 0;
    fmpq_init(lo);
    fmpq_init(hi);
    fmpq_init(a);
    fmpz_set_ui(fmpq_numref(lo), 1);
    fmpz_ui_pow_ui(fmpq_denref(lo), 10, 30);
    fmpz_ui_pow_ui(fmpq_numref(hi), 10, 30);
    for (i = 0; i < T->rows && rc == 0; i++)
        for (j = 0; j < T->cols && rc == 0; j++)
        {
            fmpq_abs(a, csv_table_entry(T, i, j));
            if (!fmpq_is_zero(a) && (fmpq_cmp(a, lo) < 0 || fmpq_cmp(a, hi) > 0))
                rc = cli_fail(
                    "critical: %s: line %ld, column %ld: entries must be 0 or between 1e-30 and 1e30 in "
                    "absolute value",
                    path, (long) csv_table_row_line(T, i), (long) j + 1);
        }
    fmpq_clear(lo);
    fmpq_clear(hi);
    fmpq_clear(a);
    return rc;
}

static void
table_to_arb(arb_mat_t A, const csv_table_t T)
{
    slong i, j;
    for (i = 0; i < T->rows; i++)
        for (j = 0; j < T->cols; j++)
            arb_set_fmpq(arb_mat_entry(A, i, j), csv_table_entry(T, i, j), CRIT_CLI_PREC);
}

static void
json_str(const char *s)
{
    char *e = escape_json(s);
    printf("\"%s\"", e);
    flint_free(e);
}

static void
json_truth(truth_t t)
{
    printf("%s", cli_json_truth(t));
}

/* {"lower": "...", "upper": "..."} or null for a non-finite ball */
static void
json_bounds(const arb_t x)
{
    char *lo, *hi;
    if (!arb_is_finite(x))
    {
        printf("null");
        return;
    }
    lo = bc_arb_bound_str(x, -1, CRIT_CLI_DIGITS);
    hi = bc_arb_bound_str(x, +1, CRIT_CLI_DIGITS);
    printf("{\"lower\": \"%s\", \"upper\": \"%s\"}", lo, hi);
    flint_free(lo);
    flint_free(hi);
}

static void
text_bounds(const char *label, const arb_t x)
{
    char *lo, *hi;
    if (!arb_is_finite(x))
    {
        printf("%s not enclosed\n", label);
        return;
    }
    lo = bc_arb_bound_str(x, -1, CRIT_CLI_DIGITS);
    hi = bc_arb_bound_str(x, +1, CRIT_CLI_DIGITS);
    if (!strcmp(lo, hi))
        printf("%s %s\n", label, lo);
    else
        printf("%s [%s, %s]\n", label, lo, hi);
    flint_free(lo);
    flint_free(hi);
}

/* rows x d doubles as a JSON array of arrays */
static void
json_rows(const double *M, slong rows, slong d)
{
    slong i, j;
    printf("[");
    for (i = 0; i < rows; i++)
    {
        printf("%s[", i ? ", " : "");
        for (j = 0; j < d; j++)
            printf("%s%.17g", j ? ", " : "", M[i * d + j]);
        printf("]");
    }
    printf("]");
}

static void
text_rows(const char *indent, const double *M, slong rows, slong d)
{
    slong i, j;
    for (i = 0; i < rows; i++)
    {
        int zero = 1;
        for (j = 0; j < d; j++)
            if (M[i * d + j] != 0)
                zero = 0;
        if (zero)
            continue;
        printf("%srow %ld:", indent, (long) i + 1);
        for (j = 0; j < d; j++)
            printf(" %.17g", M[i * d + j]);
        printf("\n");
    }
}

typedef struct
{
    const char *weights, *teacher_file;
    slong teacher_k; /* 0: from the file */
    slong split;     /* 0: none, else 1-based neuron */
    const char *alpha_text;
    fmpq_t alpha;
    int json;
} critical_args;

/* Parses the exact rational A with csv.h's number grammar. */
static int
parse_alpha(fmpq_t a, const char *s)
{
    csv_table_t T;
    char err[256];
    int ok;
    csv_table_init(T);
    ok = csv_read_mem(T, "--alpha", s, strlen(s), err, sizeof err) == 0 && T->rows == 1 && T->cols == 1;
    if (ok)
        fmpq_set(a, csv_table_entry(T, 0, 0));
    csv_table_clear(T);
    return ok ? 0 : -1;
}

static int
parse_args(critical_args *A, int argc, char **argv)
{
    int i;
    for (i = 1; i < argc; i++)
    {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "-h") || !strcmp(a, "--help"))
        {
            critical_help(stdout);
            return -1;
        }
        else if (!strcmp(a, "--json"))
            A->json = 1;
        else if (!strcmp(a, "--weights") || !strcmp(a, "--teacher-weights") || !strcmp(a, "--teacher") ||
                 !strcmp(a, "--split") || !strcmp(a, "--alpha"))
        {
            if (v == NULL)
                return cli_fail("critical: %s needs a value (see 'basincheck critical --help')", a);
            if (!strcmp(a, "--weights"))
                A->weights = v;
            else if (!strcmp(a, "--teacher-weights"))
                A->teacher_file = v;
            else if (!strcmp(a, "--teacher"))
            {
                uint64_t K;
                if (cli_parse_u64(&K, v) != 0 || K < 1 || K > CRIT_CLI_MAX_K)
                    return cli_fail("critical: --teacher expects an integer from 1 to %d, got '%s'",
                                    CRIT_CLI_MAX_K, v);
                A->teacher_k = (slong) K;
            }
            else if (!strcmp(a, "--split"))
            {
                uint64_t I;
                if (cli_parse_u64(&I, v) != 0 || I < 1 || I > CRIT_CLI_MAX_ND)
                    return cli_fail("critical: --split expects a neuron number from 1 to n, got '%s'", v);
                A->split = (slong) I;
            }
            else
            {
                if (parse_alpha(A->alpha, v) != 0 || fmpq_sgn(A->alpha) <= 0 || fmpq_cmp_ui(A->alpha, 1) >= 0)
                    return cli_fail(
                        "critical: --alpha expects a number strictly between 0 and 1 (0.5, 1/3), got '%s'",
                        v);
                A->alpha_text = v;
            }
            i++;
        }
        else
            return cli_fail("critical: unknown option '%s' (see 'basincheck critical --help')", a);
    }
    if (A->weights == NULL)
        return cli_fail("critical: --weights FILE is required (see 'basincheck critical --help')");
    if (A->teacher_k == 0 && A->teacher_file == NULL)
        return cli_fail("critical: a teacher is required: --teacher K or --teacher-weights FILE");
    if ((A->split > 0) != (A->alpha_text != NULL))
        return cli_fail("critical: --split I and --alpha A go together");
    return 0;
}

/* one critical job: the options, the student and teacher, and everything
   computed from them */
typedef struct
{
    critical_args A;
    slong n, d, k;
    arb_mat_t W, V;
    crit_opts o;
    crit_result_t R;
    crit_split_t S;
    int have_split;
    crit_kind kind;   /* of the width-n point, or of its split image */
    truth_t global;   /* of the width-n point */
    arb_t lmin, curv; /* of the point reported */
    arb_t dF;         /* the certified decrease along dir at step t */
    double *dir, t;   /* a descent direction (saddles only) and its step (0: none) */
} critical_job;

/* Reads and validates the student (and the teacher file, if any) into
   J->n, J->d, J->k, J->W and J->V (the matrices initialised on success
   only).  Returns 0, or the exit status after one error line. */
static int
job_load(critical_job *J)
{
    csv_table_t TW, TV;
    slong n, d, k;
    int rc;

    csv_table_init(TW);
    csv_table_init(TV);
    if ((rc = load(TW, J->A.weights)) != 0 ||
        (J->A.teacher_file != NULL && (rc = load(TV, J->A.teacher_file)) != 0))
    {
        csv_table_clear(TW);
        csv_table_clear(TV);
        return rc;
    }
    n = J->n = TW->rows;
    d = J->d = TW->cols;
    k = J->k = J->A.teacher_file != NULL ? TV->rows : J->A.teacher_k;
    rc = 0;
    if (J->A.teacher_file != NULL && TV->cols != d)
        rc = cli_fail("critical: %s has %ld columns but %s has %ld: the dimensions d differ",
                      J->A.teacher_file, (long) TV->cols, J->A.weights, (long) d);
    else if (J->A.teacher_file == NULL && d != k)
        rc = cli_fail("critical: %s has %ld columns but the teacher I_%ld needs d = %ld", J->A.weights,
                      (long) d, (long) k, (long) k);
    else if (J->A.teacher_file != NULL && J->A.teacher_k > 0 && J->A.teacher_k != k)
        rc = cli_fail("critical: --teacher %ld disagrees with %s (%ld rows)", (long) J->A.teacher_k,
                      J->A.teacher_file, (long) k);
    else if (d > CRIT_CLI_MAX_D || n * d > CRIT_CLI_MAX_ND || k > CRIT_CLI_MAX_K)
        rc = cli_fail("critical: too large: n = %ld, d = %ld, k = %ld (limits: n d <= %d, d <= %d, k <= %d)",
                      (long) n, (long) d, (long) k, CRIT_CLI_MAX_ND, CRIT_CLI_MAX_D, CRIT_CLI_MAX_K);
    else if ((rc = check_range(TW, J->A.weights)) != 0 ||
             (J->A.teacher_file != NULL && (rc = check_range(TV, J->A.teacher_file)) != 0))
        ;
    else if (J->A.split > n)
        rc = cli_fail("critical: --split %ld: %s has only %ld neurons", (long) J->A.split, J->A.weights,
                      (long) n);
    else if (J->A.split > 0 && (n + 1) * d > CRIT_CLI_MAX_ND)
        rc = cli_fail("critical: too large for a split: (n + 1) d = %ld (limit %d)", (long) ((n + 1) * d),
                      CRIT_CLI_MAX_ND);
    if (rc != 0)
    {
        csv_table_clear(TW);
        csv_table_clear(TV);
        return rc;
    }
    arb_mat_init(J->W, n, d);
    arb_mat_init(J->V, k, d);
    table_to_arb(J->W, TW);
    if (J->A.teacher_file != NULL)
        table_to_arb(J->V, TV);
    else
        arb_mat_one(J->V);
    csv_table_clear(TW);
    csv_table_clear(TV);
    return 0;
}

/* Certifies the width-n point, and its split image if asked: sets J->o,
   J->R, J->S, J->have_split, J->kind, J->global, J->lmin, J->curv and, for
   a saddle, J->dir, J->t and J->dF. */
static void
job_compute(critical_job *J)
{
    slong n = J->n, d = J->d, N = n * d, i;

    crit_opts_default(&J->o);
    crit_result_init(J->R);
    crit_certify(J->R, J->W, J->V, &J->o);
    arb_init(J->lmin);
    arb_init(J->curv);
    arb_init(J->dF);
    arb_indeterminate(J->dF);
    arb_set(J->lmin, J->R->lmin);
    arb_set(J->curv, J->R->curv);
    J->kind = J->R->kind;
    J->global = J->R->global;
    crit_split_init(J->S, d);
    if (J->A.split > 0)
    {
        J->have_split = 1;
        crit_split(J->S, J->R, J->V, J->A.split - 1, J->A.alpha, J->o.prec);
        if (J->R->kind == CRIT_NOT_CRITICAL)
            J->kind = CRIT_NOT_CRITICAL;
        else if (J->S->saddle == BC_FALSE)
            J->kind = CRIT_MINIMUM; /* F = 0: a global (not strict) minimum */
        else if (J->S->saddle == BC_TRUE)
            J->kind = CRIT_SADDLE;
        else
            J->kind = CRIT_UNDECIDED;
        arb_set(J->lmin, J->S->lmin);
        arb_set(J->curv, J->S->curv);
        if (J->kind == CRIT_SADDLE)
        {
            J->dir = flint_calloc((n + 1) * d, sizeof(double));
            for (i = 0; i < d; i++)
            {
                J->dir[(J->A.split - 1) * d + i] = J->S->a[i];
                J->dir[n * d + i] = -J->S->a[i];
            }
            J->t = J->S->t;
            arb_set(J->dF, J->S->dF);
        }
    }
    else if (J->kind == CRIT_SADDLE && J->R->dir != NULL)
    {
        J->dir = flint_malloc(sizeof(double) * N);
        memcpy(J->dir, J->R->dir, sizeof(double) * N);
        if (crit_descent(&J->t, J->dF, J->R, J->R->dir, J->V, J->o.prec) != BC_TRUE)
            J->t = 0;
    }
}

/* Prints the certificate as one line of JSON. */
static void
job_print_json(const critical_job *J)
{
    const critical_args *A = &J->A;
    const crit_result_struct *R = J->R;
    const crit_split_struct *S = J->S;
    slong n = J->n, d = J->d, k = J->k;
    int have_split = J->have_split;
    crit_kind kind = J->kind;
    truth_t global = J->global;
    const double *dir = J->dir;
    double t = J->t;
    arb_srcptr lmin = J->lmin, curv = J->curv, dF = J->dF;

    printf("{\"command\": \"critical\", \"weights\": ");
    json_str(A->weights);
    printf(", \"teacher\": ");
    if (A->teacher_file != NULL)
        json_str(A->teacher_file);
    else
        printf("\"I_%ld\"", (long) k);
    printf(", \"n\": %ld, \"d\": %ld, \"k\": %ld, \"width\": %ld", (long) n, (long) d, (long) k,
           (long) (have_split ? n + 1 : n));
    printf(", \"kind\": \"%s\", \"reason\": ", crit_kind_str(kind));
    if (have_split && S->reason[0] != '\0' && kind == CRIT_UNDECIDED)
        json_str(S->reason);
    else if (R->reason[0] != '\0' && kind != CRIT_MINIMUM && kind != CRIT_SADDLE)
        json_str(R->reason);
    else
        printf("null");
    printf(", \"F\": ");
    json_bounds(R->F);
    printf(", \"global\": ");
    json_truth(global);
    printf(", \"lmin\": ");
    json_bounds(lmin);
    printf(", \"direction\": ");
    if (dir != NULL)
        json_rows(dir, have_split ? n + 1 : n, d);
    else
        printf("null");
    printf(", \"curvature\": ");
    if (dir != NULL)
        json_bounds(curv);
    else
        printf("null");
    printf(", \"descent\": ");
    if (dir != NULL && t > 0)
    {
        printf("{\"t\": %.17g, \"dF\": ", t);
        json_bounds(dF);
        printf("}");
    }
    else
        printf("null");
    printf(", \"split\": ");
    if (have_split)
    {
        char *al = fmpq_get_str(NULL, 10, A->alpha);
        printf("{\"neuron\": %ld, \"alpha\": \"%s\", \"condition\": ", (long) A->split, al);
        json_truth(S->condition);
        printf(", \"block_lmin\": ");
        json_bounds(S->block_lmin);
        printf(", \"curvature\": ");
        json_bounds(S->curv);
        printf("}");
        flint_free(al);
    }
    else
        printf("null");
    printf(", \"exists\": ");
    json_truth(R->exists);
    printf(", \"radius\": %.17g, \"move\": %.17g, \"newton\": %ld, \"refinement_discarded\": %s, "
           "\"centre\": ",
           R->radius, R->move, (long) R->newton, R->rejected ? "true" : "false");
    json_rows(R->W, n, d);
    printf(", \"seconds\": %.3f}\n", R->seconds);
}

/* Prints the certificate as text. */
static void
job_print_text(const critical_job *J)
{
    const critical_args *A = &J->A;
    const crit_result_struct *R = J->R;
    const crit_split_struct *S = J->S;
    slong n = J->n, d = J->d, k = J->k;
    int have_split = J->have_split;
    crit_kind kind = J->kind;
    truth_t global = J->global;
    const double *dir = J->dir;
    double t = J->t;
    arb_srcptr lmin = J->lmin, curv = J->curv, dF = J->dF;

    printf("student:  %s: n = %ld neurons, d = %ld\n", A->weights, (long) n, (long) d);
    if (A->teacher_file != NULL)
        printf("teacher:  %s: k = %ld neurons\n", A->teacher_file, (long) k);
    else
        printf("teacher:  I_%ld\n", (long) k);
    if (R->rejected)
        printf("refined:  Newton's method went too far and was discarded; box half-width %.3g\n", R->radius);
    else
        printf("refined:  %ld Newton steps, moved %.3g (Frobenius); box half-width %.3g%s\n",
               (long) R->newton, R->move, R->radius,
               R->radius == 0 && R->exists == BC_TRUE ? " (the critical point is known exactly)" : "");
    printf("critical point in the box: %s\n", R->exists == BC_TRUE    ? "exactly one (Krawczyk)"
                                              : R->exists == BC_FALSE ? "none (Krawczyk)"
                                                                      : "not decided");
    if (have_split)
    {
        char *al = fmpq_get_str(NULL, 10, A->alpha);
        printf("split:    neuron %ld into %s w and (1 - %s) w: width %ld (an exact critical point when the\n"
               "          width-%ld one is)\n",
               (long) A->split, al, al, (long) (n + 1), (long) n);
        flint_free(al);
        text_bounds("  least eigenvalue of B_I (block without self term):", S->block_lmin);
        printf("  condition lambda_min(B_I) < 0: %s\n", bc_truth_str(S->condition));
        text_bounds("  curvature a^T B_I a / (alpha (1 - alpha)) along (a, -a):", S->curv);
    }
    printf("kind:     %s\n", crit_kind_str(kind));
    if (have_split && kind == CRIT_MINIMUM)
        printf("note:     %s (not a strict one: the split directions are flat)\n", S->reason);
    if (kind == CRIT_UNDECIDED || kind == CRIT_NOT_CRITICAL)
        printf("reason:   %s\n",
               have_split && S->reason[0] != '\0' && R->exists == BC_TRUE ? S->reason : R->reason);
    text_bounds("F:       ", R->F);
    printf("global:   %s\n", global == BC_TRUE    ? "true (F = 0)"
                             : global == BC_FALSE ? "false (F > 0; the global value is 0)"
                                                  : "undecided");
    text_bounds("least Hessian eigenvalue:", lmin);
    if (dir != NULL)
    {
        printf("descent direction u (dyadic; nonzero rows):\n");
        text_rows("  ", dir, have_split ? n + 1 : n, d);
        text_bounds(have_split ? "  curvature u^T H u:" : "  curvature u^T H u / u^T u:", curv);
        if (t > 0)
        {
            printf("  certified step t = %.17g:", t);
            text_bounds(" F(x + t u) - F(x) in", dF);
        }
    }
    printf("time:     %.3f s\n", R->seconds);
}

/* Frees what job_load and job_compute set. */
static void
job_clear(critical_job *J)
{
    flint_free(J->dir);
    arb_clear(J->lmin);
    arb_clear(J->curv);
    arb_clear(J->dF);
    crit_split_clear(J->S);
    crit_result_clear(J->R);
    arb_mat_clear(J->W);
    arb_mat_clear(J->V);
}

int
cli_critical(int argc, char **argv)
{
    critical_job J;
    int rc;

    memset(&J, 0, sizeof J);
    fmpq_init(J.A.alpha);
    rc = parse_args(&J.A, argc, argv);
    if (rc != 0)
    {
        fmpq_clear(J.A.alpha);
        return rc < 0 ? CLI_EXIT_OK : rc;
    }
    rc = job_load(&J);
    if (rc != 0)
    {
        fmpq_clear(J.A.alpha);
        return rc;
    }
    job_compute(&J);
    if (J.A.json)
        job_print_json(&J);
    else
        job_print_text(&J);
    rc = (J.kind == CRIT_UNDECIDED) ? CLI_EXIT_MISMATCH : CLI_EXIT_OK;
    job_clear(&J);
    fmpq_clear(J.A.alpha);
    return rc;
}

/* ------------------------------------------------------------- bench */

int
cli_bench_critical(int argc, char **argv)
{
    static const slong ks[2] = {10, 20};
    uint64_t seed = 1, samples = 4;
    int i, q;

    for (i = 1; i < argc; i++)
    {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "-h") || !strcmp(a, "--help"))
        {
            printf("Usage: basincheck bench critical [--samples M] [--seed S]\n"
                   "Certificates per second (one thread) for end points of the seeded descent\n"
                   "of seed 003 (Xavier start, step 5/k, then Newton) at n = k = d = 10 and 20;\n"
                   "M end points per k (default 4).\n");
            return CLI_EXIT_OK;
        }
        if ((!strcmp(a, "--samples") || !strcmp(a, "--seed")) && v != NULL)
        {
            uint64_t x;
            if (cli_parse_u64(&x, v) != 0 || (a[2] == 's' && a[3] == 'a' && (x < 1 || x > 100000)))
                return cli_fail("critical: bench: %s expects a positive integer, got '%s'", a, v);
            if (a[3] == 'a')
                samples = x;
            else
                seed = x;
            i++;
        }
        else
            return cli_fail("critical: bench: unknown option '%s'", a);
    }
    for (q = 0; q < 2; q++)
    {
        slong k = ks[q], N = k * k, j;
        double *Vd = flint_calloc(N, sizeof(double)), *Wd = flint_malloc(sizeof(double) * N);
        double tdesc = 0, tcert = 0, tmax = 0;
        slong kinds[4] = {0, 0, 0, 0};
        arb_mat_t V, W;
        pop_descent_opts po;
        pop_descent_info info;
        crit_opts co;
        uint64_t s;
        arb_mat_init(V, k, k);
        arb_mat_init(W, k, k);
        arb_mat_one(V);
        for (j = 0; j < k; j++)
            Vd[j * k + j] = 1;
        pop_descent_opts_default(&po, k, k);
        po.newton_after = 1;
        po.newton_tol = 1e-5;
        crit_opts_default(&co);
        for (s = 0; s < samples; s++)
        {
            crit_result_t R;
            double t0 = bc_seconds();
            pop_descent_init(Wd, k, k, &po, seed, rng_stream_id("bench.critical"), s);
            pop_descent_run(&info, Wd, k, Vd, k, k, &po);
            tdesc += bc_seconds() - t0;
            for (j = 0; j < N; j++)
                arb_set_d(arb_mat_entry(W, j / k, j % k), Wd[j]);
            crit_result_init(R);
            crit_certify(R, W, V, &co);
            tcert += R->seconds;
            if (R->seconds > tmax)
                tmax = R->seconds;
            kinds[R->kind]++;
            crit_result_clear(R);
        }
        printf(
            "bench critical: k = %2ld (%ld parameters): %lu certificates in %.3f s: %.2f/s, slowest %.3f s "
            "(minimum %ld, saddle %ld, not_critical %ld, undecided %ld); descents %.3f s\n",
            (long) k, (long) N, (unsigned long) samples, tcert, (double) samples / tcert, tmax,
            (long) kinds[0], (long) kinds[1], (long) kinds[2], (long) kinds[3], tdesc);
        arb_mat_clear(V);
        arb_mat_clear(W);
        flint_free(Vd);
        flint_free(Wd);
    }
    return CLI_EXIT_OK;
}
