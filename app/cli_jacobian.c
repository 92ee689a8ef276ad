/* cli_jacobian.c -- `basincheck jacobian --data X.csv --weights W.csv
   [--json]`: the activation region of one two-layer ReLU network with
   biases, x -> sum_i v_i [<w_i, x> + b_i]_+, on one data set, the exact
   rank of the Jacobian of the outputs on the data with respect to the
   hidden parameters (w_i, b_i) in that region (jac.h; seed 004), and the
   zero-loss set of the region.

   In the open region of the pattern A the outputs are J theta (theta the
   P = d1 (d0 + 1) hidden parameters, v fixed), so the squared loss is a
   convex quadratic there and:
     - rank J = n: every point of the region where the gradient vanishes
       has J^T (J theta - y) = 0, hence J theta = y: zero loss;
     - the zero-loss set of the region is {J theta = y} intersected with
       the open region: empty, or a relatively open piece of an affine
       space of dimension P - rank J; with v free of fixed signs the
       rescalings (w_i, b_i, v_i) -> (w_i / c, b_i / c, c v_i), c > 0, add
       d1 dimensions: P - rank J + d1.
   Whether it is empty is decided exactly (a witness point or a Farkas
   certificate of an exact linear programme), or reported undecided when
   the programme is too large.

   Exit statuses: 0 the result was printed (also for a point on a region
   boundary, which is reported); 2 usage or input error, one line
   "basincheck: ..." on stderr. */
#include <string.h>

#include "cli.h"
#include "csv.h"
#include "escape.h"
#include "jac.h"
#include "lpq.h"

/* sizes: the Gram matrix of the short side is min(n, P)^2 residues and
   its modular rank costs min(n, P)^3 / 6 operations */
#define JAC_CLI_MAX_N 4096
#define JAC_CLI_MAX_P 1000000
/* the exact zero-loss programme: tableau entries (rationals); measured
   near the limit (n = 24, d = 3, d1 = 11, small integer data): 17 s of
   processor time */
#define JAC_CLI_MAX_LP 200000
/* the quick witness forms J J^T over Q: n * P rationals */
#define JAC_CLI_MAX_WITNESS 2000000
/* text output shows pattern strings and vectors up to this length */
#define JAC_CLI_SHOW 72

static void
jac_help(FILE *f)
{
    fputs("Usage: basincheck jacobian --data DATA.csv --weights NET.csv [--json]\n"
          "The activation region of a two-layer ReLU network with biases,\n"
          "x -> sum_i v_i [<w_i, x> + b_i]_+, on a data set; the exact rank of the Jacobian J\n"
          "of the outputs on the data with respect to the hidden parameters (w_i, b_i) in\n"
          "that region, with its certificate; and the zero-loss set of the region.\n"
          "\n"
          "  --data FILE      one data point per line: x_1,...,x_d,y\n"
          "  --weights FILE   one hidden neuron per line: w_1,...,w_d,b,v\n"
          "  --json           print one JSON object on stdout instead of text\n"
          "  -h, --help       this help\n"
          "\n"
          "Numbers are read exactly: decimals (0.1 is 1/10, 2.5e-3) or rationals (7/3);\n"
          "'#' starts a comment; blank lines are skipped.  NET.csv has two columns more\n"
          "than DATA.csv has inputs.  Limits: n <= 4096 points, P = d1 (d + 1) <= 10^6.\n"
          "\n"
          "The pattern is a_ij = 1 iff <w_i, x_j> + b_i > 0.  J is n x P with row j equal to\n"
          "(v_i a_ij (x_j, 1))_i; its rank does not depend on v as long as v_i != 0 (a\n"
          "neuron with v_i = 0 has zero columns).  'full rank' means rank J = min(n, P);\n"
          "when rank J = n (possible only if P >= n) every differentiable critical point of\n"
          "the squared loss in the region has zero loss.  Certificates: modp (rank of the\n"
          "Gram matrix modulo a 61-bit prime, a lower bound), minor (an exact non-zero\n"
          "minor), cover (d + 1 >= n and the data rows independent), zero-rows (points no\n"
          "neuron is active on), count (sum over distinct active sets S of min(|S|, d + 1)),\n"
          "atoms (>= d + 2 points no neuron separates), kernel (an exact kernel vector),\n"
          "trivial.  The zero-loss set of the open region is empty, or has dimension\n"
          "P - rank J with v fixed and P - rank J + d1 with v free of the same signs;\n"
          "emptiness is decided exactly (a witness point, or a Farkas certificate of a\n"
          "linear programme) or reported undecided when the programme's tableau would\n"
          "exceed 200000 rationals (near that size it takes up to about 20 s).\n"
          "\n"
          "JSON keys: n, d0, d1, parameters, pattern (per neuron a 0/1 string over the\n"
          "points), active, boundary (null, or the first neuron and point with\n"
          "<w_i, x_j> + b_i = 0, their lines, and the count), zero_output_weights (neurons\n"
          "with v_i = 0), rank, full, full_rank, surjective (rank = n), certificate (the\n"
          "one that decides full_rank), certificate_lower, certificate_upper, prime,\n"
          "kernel_side (left: y^T J = 0; right: J z = 0), kernel_vector (null or an exact\n"
          "kernel vector of J at v = 1, as integers), loss (at the given point, exact),\n"
          "zero_loss_set {nonempty (true, false or \"undecided\"), how (witness, lp,\n"
          "farkas, size), dimension, dimension_v_free, point}.\n"
          "\n"
          "Exit status: 0 the result was printed (a point on a region boundary is reported\n"
          "and its pattern taken with a_ij = 0 there); 2 usage or input error (one line on\n"
          "stderr starting with 'basincheck: ').\n",
          f);
}

static int
jac_parse(const char **data, const char **weights, int *json, int argc, char **argv)
{
    int i;
    *data = *weights = NULL;
    *json = 0;
    for (i = 1; i < argc; i++)
    {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help"))
        {
            jac_help(stdout);
            return -1;
        }
        else if (!strcmp(a, "--json"))
        {
            if (*json)
                return cli_fail("jacobian: option --json given twice (see 'basincheck jacobian --help')");
            *json = 1;
        }
        else if (!strcmp(a, "--data") || !strcmp(a, "--weights"))
        {
            const char **slot = (a[2] == 'd') ? data : weights;
            const char *v = (i + 1 < argc) ? argv[i + 1] : NULL;
            if (*slot != NULL)
                return cli_fail("jacobian: option %s given twice (see 'basincheck jacobian --help')", a);
            if (v == NULL || (v[0] == '-' && v[1] == '-'))
                return cli_fail("jacobian: option %s needs a file name (see 'basincheck jacobian --help')",
                                a);
            if (v[0] == '\0')
                return cli_fail("jacobian: option %s needs a non-empty file name", a);
            *slot = v;
            i++;
        }
        else if (a[0] == '-' && a[1] != '\0')
            return cli_fail("jacobian: unknown option '%s' (see 'basincheck jacobian --help')", a);
        else
            return cli_fail("jacobian: unexpected argument '%s' (see 'basincheck jacobian --help')", a);
    }
    if (*data == NULL)
        return cli_fail("jacobian: missing --data FILE (see 'basincheck jacobian --help')");
    if (*weights == NULL)
        return cli_fail("jacobian: missing --weights FILE (see 'basincheck jacobian --help')");
    return 0;
}

static void
json_str(const char *s)
{
    char *e = escape_json(s);
    printf("\"%s\"", e);
    flint_free(e);
}

static void
print_fmpz_list(const fmpz *v, slong len, slong stride)
{
    slong k;
    printf("[");
    for (k = 0; k < len; k++)
    {
        char *s = fmpz_get_str(NULL, 10, v + k * stride);
        printf("%s\"%s\"", k ? ", " : "", s);
        flint_free(s);
    }
    printf("]");
}

static void
print_fmpq_list(const fmpq *v, slong len)
{
    slong k;
    printf("[");
    for (k = 0; k < len; k++)
    {
        char *s = fmpq_get_str(NULL, 10, v + k);
        printf("%s\"%s\"", k ? ", " : "", s);
        flint_free(s);
    }
    printf("]");
}

/* one jacobian job: the user's tables and everything computed from them */
typedef struct
{
    const char *data, *weights;
    slong n, d0, d1, P, nboundary, bi, bj, nzero_v;
    slong *dlines, *wlines;
    fmpq_mat_t X, WB;
    fmpq *y, *v, *x, *W, *b, *theta0, *th;
    jac_data_t D;
    jac_pattern_t A, Aeff;
    jac_rank_t R;
    fmpq_t loss;
    truth_t zl;
    const char *how;
    jac_cert decisive;
} jac_job;

/* Reads and validates both tables into J (its matrices initialised on
   success only).  Returns 0, or the exit status after one error line. */
static int
job_load(jac_job *J)
{
    csv_table_t TD, TN;
    char err[512 + 4096];
    slong i, j, c, n, d0, d1;
    int rc = 0;

    csv_table_init(TD);
    csv_table_init(TN);
    if (csv_read(TD, J->data, err, sizeof err) != 0)
        rc = cli_fail("%s", err);
    else if (TD->cols < 2)
        rc = cli_fail("%s:%ld:1: expected at least 2 columns (x_1,...,x_d,y), found %ld", J->data,
                      (long) csv_table_row_line(TD, 0), (long) TD->cols);
    else if (csv_read(TN, J->weights, err, sizeof err) != 0)
        rc = cli_fail("%s", err);
    else if (TN->cols != TD->cols + 1)
        rc = cli_fail("%s:%ld:1: expected %ld columns (w_1,...,w_%ld,b,v with d = %ld from %s), found %ld",
                      J->weights, (long) csv_table_row_line(TN, 0), (long) (TD->cols + 1),
                      (long) (TD->cols - 1), (long) (TD->cols - 1), J->data, (long) TN->cols);
    else if (TD->rows > JAC_CLI_MAX_N)
        rc = cli_fail("jacobian: %ld data points exceed the limit of %ld", (long) TD->rows,
                      (long) JAC_CLI_MAX_N);
    else if (TN->rows > JAC_CLI_MAX_P / TD->cols)
        rc = cli_fail("jacobian: P = d1 (d + 1) = %ld * %ld exceeds the limit of %ld", (long) TN->rows,
                      (long) TD->cols, (long) JAC_CLI_MAX_P);
    if (rc != 0)
    {
        csv_table_clear(TD);
        csv_table_clear(TN);
        return rc;
    }
    n = J->n = TD->rows;
    d0 = J->d0 = TD->cols - 1;
    d1 = J->d1 = TN->rows;
    J->P = d1 * (d0 + 1);

    /* the tables, split and kept with their line numbers */
    J->dlines = flint_malloc(sizeof(slong) * (size_t) n);
    J->wlines = flint_malloc(sizeof(slong) * (size_t) d1);
    memcpy(J->dlines, TD->line, sizeof(slong) * (size_t) n);
    memcpy(J->wlines, TN->line, sizeof(slong) * (size_t) d1);
    fmpq_mat_init(J->X, n, d0);
    fmpq_mat_init(J->WB, d1, d0 + 1);
    J->y = _fmpq_vec_init(n);
    J->v = _fmpq_vec_init(d1);
    csv_table_split(J->X, J->y, TD);
    csv_table_split(J->WB, J->v, TN);
    csv_table_clear(TD);
    csv_table_clear(TN);

    J->x = _fmpq_vec_init(n * d0);
    J->W = _fmpq_vec_init(d1 * d0);
    J->b = _fmpq_vec_init(d1);
    J->theta0 = _fmpq_vec_init(J->P);
    J->th = _fmpq_vec_init(J->P);
    for (j = 0; j < n; j++)
        for (c = 0; c < d0; c++)
            fmpq_set(J->x + j * d0 + c, fmpq_mat_entry(J->X, j, c));
    J->nzero_v = 0;
    for (i = 0; i < d1; i++)
    {
        for (c = 0; c < d0; c++)
        {
            fmpq_set(J->W + i * d0 + c, fmpq_mat_entry(J->WB, i, c));
            fmpq_set(J->theta0 + i * (d0 + 1) + c, fmpq_mat_entry(J->WB, i, c));
        }
        fmpq_set(J->b + i, fmpq_mat_entry(J->WB, i, d0));
        fmpq_set(J->theta0 + i * (d0 + 1) + d0, J->b + i);
        J->nzero_v += fmpq_is_zero(J->v + i);
    }
    return 0;
}

/* J->loss = the mean squared error at the given point (ReLU of the exact
   pre-activations) */
static void
job_loss(jac_job *J)
{
    slong i, j, c, d0 = J->d0;
    fmpq_t f, pre;
    fmpz_t nz;
    fmpq_init(f);
    fmpq_init(pre);
    fmpq_zero(J->loss);
    for (j = 0; j < J->n; j++)
    {
        fmpq_zero(f);
        for (i = 0; i < J->d1; i++)
        {
            fmpq_set(pre, J->b + i);
            for (c = 0; c < d0; c++)
                fmpq_addmul(pre, J->W + i * d0 + c, J->x + j * d0 + c);
            if (fmpq_sgn(pre) > 0)
                fmpq_addmul(f, J->v + i, pre);
        }
        fmpq_sub(f, f, J->y + j);
        fmpq_addmul(J->loss, f, f);
    }
    fmpz_init_set_ui(nz, (ulong) J->n);
    fmpq_div_fmpz(J->loss, J->loss, nz);
    fmpz_clear(nz);
    fmpq_clear(f);
    fmpq_clear(pre);
}

/* the pattern, the exact rank with its certificates, the loss and the
   zero-loss set of the region */
static void
job_compute(jac_job *J)
{
    slong i, j;
    jac_data_init(J->D, J->n, J->d0);
    jac_data_set_fmpq(J->D, J->x);
    jac_pattern_init(J->A, J->d1, J->n);
    jac_pattern_init(J->Aeff, J->d1, J->n);
    J->bi = J->bj = -1;
    J->nboundary = jac_pattern_set_weights(J->A, &J->bi, &J->bj, J->D, J->W, J->b);
    /* a neuron with v_i = 0 contributes zero columns */
    jac_pattern_set_pattern(J->Aeff, J->A);
    for (i = 0; i < J->d1; i++)
        if (fmpq_is_zero(J->v + i))
            for (j = 0; j < J->n; j++)
                jac_pattern_set(J->Aeff, i, j, 0);
    jac_rank_init(J->R);
    jac_rank(J->R, J->D, J->Aeff, JAC_EXACT | JAC_KEEP_KERNEL);
    J->decisive = J->R->full_rank == BC_TRUE ? J->R->cert_lo : J->R->cert_hi;

    fmpq_init(J->loss);
    job_loss(J);

    /* the zero-loss set: the quick witness from the given point, then the
       exact programme within its size limit */
    {
        slong rows = J->n + J->d1 * J->n + 1, cols = 2 * J->P + 2 + J->d1 * J->n;
        int lp_ok = lpq_tableau_size(rows, cols) <= JAC_CLI_MAX_LP;
        J->zl = BC_UNDECIDED;
        J->how = "size";
        if (J->n * J->P <= JAC_CLI_MAX_WITNESS)
        {
            J->zl = jac_region_zero_loss(J->th, J->D, J->y, J->A, J->v, J->theta0, 1);
            if (J->zl == BC_TRUE)
                J->how = "witness";
        }
        if (J->zl != BC_TRUE && lp_ok)
        {
            J->zl = jac_region_zero_loss(J->th, J->D, J->y, J->A, J->v, NULL, JAC_CLI_MAX_LP);
            J->how = J->zl == BC_TRUE ? "lp" : (J->zl == BC_FALSE ? "farkas" : "size");
        }
        if (J->zl == BC_UNDECIDED)
            J->how = "size";
    }
}

static void
job_print_json(const jac_job *J)
{
    slong i, j, c, n = J->n, d1 = J->d1, P = J->P;
    const jac_rank_struct *R = J->R;
    char *ls = fmpq_get_str(NULL, 10, J->loss);
    printf("{\"command\": \"jacobian\", \"data\": ");
    json_str(J->data);
    printf(", \"weights\": ");
    json_str(J->weights);
    printf(", \"n\": %ld, \"d0\": %ld, \"d1\": %ld, \"parameters\": %ld, \"pattern\": [", (long) n,
           (long) J->d0, (long) d1, (long) P);
    for (i = 0; i < d1; i++)
    {
        printf("%s\"", i ? ", " : "");
        for (j = 0; j < n; j++)
            putchar(jac_pattern_get(J->A, i, j) ? '1' : '0');
        printf("\"");
    }
    printf("], \"active\": [");
    for (i = 0; i < d1; i++)
        printf("%s%ld", i ? ", " : "", (long) jac_pattern_active(J->A, i));
    printf("], \"boundary\": ");
    if (J->nboundary > 0)
        printf("{\"neuron\": %ld, \"neuron_line\": %ld, \"point\": %ld, \"point_line\": %ld, \"count\": "
               "%ld}",
               (long) (J->bi + 1), (long) J->wlines[J->bi], (long) (J->bj + 1), (long) J->dlines[J->bj],
               (long) J->nboundary);
    else
        printf("null");
    printf(", \"zero_output_weights\": [");
    for (i = 0, c = 0; i < d1; i++)
        if (fmpq_is_zero(J->v + i))
            printf("%s%ld", c++ ? ", " : "", (long) (i + 1));
    printf("], \"rank\": %ld, \"full\": %ld, \"full_rank\": %s, \"surjective\": %s, \"certificate\": "
           "\"%s\", "
           "\"certificate_lower\": \"%s\", \"certificate_upper\": \"%s\", \"prime\": \"%lu\", "
           "\"kernel_side\": \"%s\", \"kernel_vector\": ",
           (long) R->rank, (long) R->full, R->full_rank == BC_TRUE ? "true" : "false",
           R->rank == n ? "true" : "false", jac_cert_name(J->decisive), jac_cert_name(R->cert_lo),
           jac_cert_name(R->cert_hi), (unsigned long) R->p, R->side == JAC_LEFT ? "left" : "right");
    if (R->nker > 0)
        print_fmpz_list(fmpz_mat_entry(R->ker, 0, 0), R->ker->r, R->nker);
    else
        printf("null");
    printf(", \"loss\": \"%s\", \"zero_loss_set\": {\"nonempty\": %s, \"how\": \"%s\", \"dimension\": ", ls,
           cli_json_truth(J->zl), J->how);
    if (J->zl == BC_TRUE)
    {
        printf("%ld, \"dimension_v_free\": ", (long) (P - R->rank));
        if (J->nzero_v == 0)
            printf("%ld", (long) (P - R->rank + d1));
        else
            printf("null");
        printf(", \"point\": ");
        print_fmpq_list(J->th, P);
    }
    else
        printf("null, \"dimension_v_free\": null, \"point\": null");
    printf("}}\n");
    flint_free(ls);
}

/* the pattern, one line per neuron, and the boundary pair if any */
static void
job_print_pattern(const jac_job *J)
{
    slong i, j, n = J->n;
    printf("pattern:  per neuron: points with <w_i, x_j> + b_i > 0%s\n",
           n <= JAC_CLI_SHOW ? ", by point" : "");
    for (i = 0; i < J->d1; i++)
    {
        printf("  neuron %ld (line %ld): active on %ld of %ld", (long) (i + 1), (long) J->wlines[i],
               (long) jac_pattern_active(J->A, i), (long) n);
        if (n <= JAC_CLI_SHOW)
        {
            printf("  ");
            for (j = 0; j < n; j++)
                putchar(jac_pattern_get(J->A, i, j) ? '1' : '0');
        }
        if (fmpq_is_zero(J->v + i))
            printf("  (v = 0: zero columns)");
        printf("\n");
    }
    if (J->nboundary > 0)
        printf("boundary: <w_%ld, x_%ld> + b_%ld = 0 exactly (%s line %ld, %s line %ld; %ld such pairs):\n"
               "          the point lies on the region's boundary; a_ij = 0 is taken there\n",
               (long) (J->bi + 1), (long) (J->bj + 1), (long) (J->bi + 1), J->weights,
               (long) J->wlines[J->bi], J->data, (long) J->dlines[J->bj], (long) J->nboundary);
}

static void
job_print_text(const jac_job *J)
{
    slong j, n = J->n, P = J->P;
    const jac_rank_struct *R = J->R;
    char *ls = fmpq_get_str(NULL, 10, J->loss);
    printf("data:     %s: n = %ld points, d = %ld\n", J->data, (long) n, (long) J->d0);
    printf("network:  %s: d1 = %ld hidden neurons, P = d1 (d + 1) = %ld parameters (w_i, b_i)\n", J->weights,
           (long) J->d1, (long) P);
    job_print_pattern(J);
    printf("rank J = %ld %s min(n, P) = %ld: %s\n", (long) R->rank, R->full_rank == BC_TRUE ? "=" : "<",
           (long) R->full, R->full_rank == BC_TRUE ? "full rank" : "rank deficient");
    printf("  certificate: %s (lower bound: %s, upper bound: %s; prime %lu)\n", jac_cert_name(J->decisive),
           jac_cert_name(R->cert_lo), jac_cert_name(R->cert_hi), (unsigned long) R->p);
    if (R->nker > 0 && R->ker->r <= JAC_CLI_SHOW)
    {
        printf("  kernel vector (%s, v = 1): ", R->side == JAC_LEFT ? "y^T J = 0" : "J z = 0");
        for (j = 0; j < R->ker->r; j++)
        {
            char *s = fmpz_get_str(NULL, 10, fmpz_mat_entry(R->ker, j, 0));
            printf("%s%s", j ? " " : "", s);
            flint_free(s);
        }
        printf("\n");
    }
    if (R->rank == n)
        printf("  rank J = n: every differentiable critical point in this region has zero loss\n");
    else
        printf("  rank J < n: the zero-loss argument does not apply (a critical point here may have "
               "positive loss)\n");
    printf("zero-loss set of the open region: ");
    if (J->zl == BC_TRUE)
    {
        printf("nonempty (%s), dimension P - rank J = %ld with v fixed", J->how, (long) (P - R->rank));
        if (J->nzero_v == 0)
            printf(", %ld with v free (signs fixed)", (long) (P - R->rank + J->d1));
        printf("\n");
    }
    else if (J->zl == BC_FALSE)
        printf("empty (an exact Farkas certificate)\n");
    else
        printf("undecided (the exact linear programme exceeds %ld entries)\n", (long) JAC_CLI_MAX_LP);
    printf("loss at the given point: %s (exact, mean squared error)\n", ls);
    flint_free(ls);
}

static void
job_clear(jac_job *J)
{
    fmpq_clear(J->loss);
    jac_rank_clear(J->R);
    jac_pattern_clear(J->A);
    jac_pattern_clear(J->Aeff);
    jac_data_clear(J->D);
    fmpq_mat_clear(J->X);
    fmpq_mat_clear(J->WB);
    _fmpq_vec_clear(J->y, J->n);
    _fmpq_vec_clear(J->v, J->d1);
    _fmpq_vec_clear(J->x, J->n * J->d0);
    _fmpq_vec_clear(J->W, J->d1 * J->d0);
    _fmpq_vec_clear(J->b, J->d1);
    _fmpq_vec_clear(J->theta0, J->P);
    _fmpq_vec_clear(J->th, J->P);
    flint_free(J->dlines);
    flint_free(J->wlines);
}

int
cli_jacobian(int argc, char **argv)
{
    jac_job J;
    int json, rc;

    memset(&J, 0, sizeof J);
    rc = jac_parse(&J.data, &J.weights, &json, argc, argv);
    if (rc != 0)
        return rc < 0 ? CLI_EXIT_OK : rc;
    rc = job_load(&J);
    if (rc != 0)
        return rc;
    job_compute(&J);
    if (json)
        job_print_json(&J);
    else
        job_print_text(&J);
    rc = CLI_EXIT_OK;
    if (fflush(stdout) != 0 || ferror(stdout))
        rc = cli_fail("jacobian: error writing the output");
    job_clear(&J);
    return rc;
}
