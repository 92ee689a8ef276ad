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
#include <stdarg.h>
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
jac_fail(const char *fmt, ...)
{
    va_list ap;
    char *s;
    size_t k;
    va_start(ap, fmt);
    s = bc_vaprintf(fmt, ap);
    va_end(ap);
    for (k = 0; s[k] != '\0'; k++)
        if ((unsigned char) s[k] < 0x20 || s[k] == 0x7f)
            s[k] = '?';
    fprintf(stderr, "basincheck: %s\n", s);
    flint_free(s);
    return CLI_EXIT_USAGE;
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
                return jac_fail("jacobian: option --json given twice (see 'basincheck jacobian --help')");
            *json = 1;
        }
        else if (!strcmp(a, "--data") || !strcmp(a, "--weights"))
        {
            const char **slot = (a[2] == 'd') ? data : weights;
            const char *v = (i + 1 < argc) ? argv[i + 1] : NULL;
            if (*slot != NULL)
                return jac_fail("jacobian: option %s given twice (see 'basincheck jacobian --help')", a);
            if (v == NULL || (v[0] == '-' && v[1] == '-'))
                return jac_fail("jacobian: option %s needs a file name (see 'basincheck jacobian --help')",
                                a);
            if (v[0] == '\0')
                return jac_fail("jacobian: option %s needs a non-empty file name", a);
            *slot = v;
            i++;
        }
        else if (a[0] == '-' && a[1] != '\0')
            return jac_fail("jacobian: unknown option '%s' (see 'basincheck jacobian --help')", a);
        else
            return jac_fail("jacobian: unexpected argument '%s' (see 'basincheck jacobian --help')", a);
    }
    if (*data == NULL)
        return jac_fail("jacobian: missing --data FILE (see 'basincheck jacobian --help')");
    if (*weights == NULL)
        return jac_fail("jacobian: missing --weights FILE (see 'basincheck jacobian --help')");
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

typedef struct
{
    const char *data, *weights;
    const slong *dlines, *wlines;
    slong n, d0, d1, P;
    int json;
} jac_io;

int
cli_jacobian(int argc, char **argv)
{
    const char *data, *weights;
    int json, rc;
    csv_table_t TD, TN;
    char err[512 + 4096];
    slong n, d0, d1, P, i, j, c, nboundary, bi = -1, bj = -1, nzero_v = 0;
    slong *dlines = NULL, *wlines = NULL;
    fmpq_mat_t X, WB;
    fmpq *y, *v, *x, *W, *b, *theta0, *th;
    jac_data_t D;
    jac_pattern_t A, Aeff;
    jac_rank_t R;
    fmpq_t loss, f, pre;
    truth_t zl = BC_UNDECIDED;
    const char *how = "size";
    jac_cert decisive;

    rc = jac_parse(&data, &weights, &json, argc, argv);
    if (rc != 0)
        return rc < 0 ? CLI_EXIT_OK : rc;

    csv_table_init(TD);
    csv_table_init(TN);
    if (csv_read(TD, data, err, sizeof err) != 0)
    {
        rc = jac_fail("%s", err);
        goto fail_tables;
    }
    if (TD->cols < 2)
    {
        rc = jac_fail("%s:%ld:1: expected at least 2 columns (x_1,...,x_d,y), found %ld", data,
                      (long) csv_table_row_line(TD, 0), (long) TD->cols);
        goto fail_tables;
    }
    if (csv_read(TN, weights, err, sizeof err) != 0)
    {
        rc = jac_fail("%s", err);
        goto fail_tables;
    }
    if (TN->cols != TD->cols + 1)
    {
        rc = jac_fail("%s:%ld:1: expected %ld columns (w_1,...,w_%ld,b,v with d = %ld from %s), found %ld",
                      weights, (long) csv_table_row_line(TN, 0), (long) (TD->cols + 1), (long) (TD->cols - 1),
                      (long) (TD->cols - 1), data, (long) TN->cols);
        goto fail_tables;
    }
    n = TD->rows;
    d0 = TD->cols - 1;
    d1 = TN->rows;
    if (n > JAC_CLI_MAX_N)
    {
        rc = jac_fail("jacobian: %ld data points exceed the limit of %ld", (long) n, (long) JAC_CLI_MAX_N);
        goto fail_tables;
    }
    if (d1 > JAC_CLI_MAX_P / (d0 + 1))
    {
        rc = jac_fail("jacobian: P = d1 (d + 1) = %ld * %ld exceeds the limit of %ld", (long) d1,
                      (long) (d0 + 1), (long) JAC_CLI_MAX_P);
        goto fail_tables;
    }
    P = d1 * (d0 + 1);

    /* the tables, split and kept with their line numbers */
    dlines = flint_malloc(sizeof(slong) * (size_t) n);
    wlines = flint_malloc(sizeof(slong) * (size_t) d1);
    memcpy(dlines, TD->line, sizeof(slong) * (size_t) n);
    memcpy(wlines, TN->line, sizeof(slong) * (size_t) d1);
    fmpq_mat_init(X, n, d0);
    fmpq_mat_init(WB, d1, d0 + 1);
    y = _fmpq_vec_init(n);
    v = _fmpq_vec_init(d1);
    csv_table_split(X, y, TD);
    csv_table_split(WB, v, TN);
    csv_table_clear(TD);
    csv_table_clear(TN);

    x = _fmpq_vec_init(n * d0);
    W = _fmpq_vec_init(d1 * d0);
    b = _fmpq_vec_init(d1);
    theta0 = _fmpq_vec_init(P);
    th = _fmpq_vec_init(P);
    for (j = 0; j < n; j++)
        for (c = 0; c < d0; c++)
            fmpq_set(x + j * d0 + c, fmpq_mat_entry(X, j, c));
    for (i = 0; i < d1; i++)
    {
        for (c = 0; c < d0; c++)
        {
            fmpq_set(W + i * d0 + c, fmpq_mat_entry(WB, i, c));
            fmpq_set(theta0 + i * (d0 + 1) + c, fmpq_mat_entry(WB, i, c));
        }
        fmpq_set(b + i, fmpq_mat_entry(WB, i, d0));
        fmpq_set(theta0 + i * (d0 + 1) + d0, b + i);
        nzero_v += fmpq_is_zero(v + i);
    }

    jac_data_init(D, n, d0);
    jac_data_set_fmpq(D, x);
    jac_pattern_init(A, d1, n);
    jac_pattern_init(Aeff, d1, n);
    nboundary = jac_pattern_set_weights(A, &bi, &bj, D, W, b);
    /* a neuron with v_i = 0 contributes zero columns */
    jac_pattern_set_pattern(Aeff, A);
    for (i = 0; i < d1; i++)
        if (fmpq_is_zero(v + i))
            for (j = 0; j < n; j++)
                jac_pattern_set(Aeff, i, j, 0);
    jac_rank_init(R);
    jac_rank(R, D, Aeff, JAC_EXACT | JAC_KEEP_KERNEL);
    decisive = R->full_rank == BC_TRUE ? R->cert_lo : R->cert_hi;

    /* the loss at the given point (ReLU of the exact pre-activations) */
    fmpq_init(loss);
    fmpq_init(f);
    fmpq_init(pre);
    for (j = 0; j < n; j++)
    {
        fmpq_zero(f);
        for (i = 0; i < d1; i++)
        {
            fmpq_set(pre, b + i);
            for (c = 0; c < d0; c++)
                fmpq_addmul(pre, W + i * d0 + c, x + j * d0 + c);
            if (fmpq_sgn(pre) > 0)
                fmpq_addmul(f, v + i, pre);
        }
        fmpq_sub(f, f, y + j);
        fmpq_addmul(loss, f, f);
    }
    {
        fmpz_t nz;
        fmpz_init_set_ui(nz, (ulong) n);
        fmpq_div_fmpz(loss, loss, nz);
        fmpz_clear(nz);
    }

    /* the zero-loss set: the quick witness from the given point, then the
       exact programme within its size limit */
    {
        slong rows = n + d1 * n + 1, cols = 2 * P + 2 + d1 * n;
        int lp_ok = lpq_tableau_size(rows, cols) <= JAC_CLI_MAX_LP;
        if (n * P <= JAC_CLI_MAX_WITNESS)
        {
            zl = jac_region_zero_loss(th, D, y, A, v, theta0, 1);
            if (zl == BC_TRUE)
                how = "witness";
        }
        if (zl != BC_TRUE && lp_ok)
        {
            zl = jac_region_zero_loss(th, D, y, A, v, NULL, JAC_CLI_MAX_LP);
            how = zl == BC_TRUE ? "lp" : (zl == BC_FALSE ? "farkas" : "size");
        }
        if (zl == BC_UNDECIDED)
            how = "size";
    }

    if (json)
    {
        char *ls = fmpq_get_str(NULL, 10, loss);
        printf("{\"command\": \"jacobian\", \"data\": ");
        json_str(data);
        printf(", \"weights\": ");
        json_str(weights);
        printf(", \"n\": %ld, \"d0\": %ld, \"d1\": %ld, \"parameters\": %ld, \"pattern\": [", (long) n,
               (long) d0, (long) d1, (long) P);
        for (i = 0; i < d1; i++)
        {
            printf("%s\"", i ? ", " : "");
            for (j = 0; j < n; j++)
                putchar(jac_pattern_get(A, i, j) ? '1' : '0');
            printf("\"");
        }
        printf("], \"active\": [");
        for (i = 0; i < d1; i++)
            printf("%s%ld", i ? ", " : "", (long) jac_pattern_active(A, i));
        printf("], \"boundary\": ");
        if (nboundary > 0)
            printf("{\"neuron\": %ld, \"neuron_line\": %ld, \"point\": %ld, \"point_line\": %ld, \"count\": "
                   "%ld}",
                   (long) (bi + 1), (long) wlines[bi], (long) (bj + 1), (long) dlines[bj], (long) nboundary);
        else
            printf("null");
        printf(", \"zero_output_weights\": [");
        for (i = 0, c = 0; i < d1; i++)
            if (fmpq_is_zero(v + i))
                printf("%s%ld", c++ ? ", " : "", (long) (i + 1));
        printf("], \"rank\": %ld, \"full\": %ld, \"full_rank\": %s, \"surjective\": %s, \"certificate\": "
               "\"%s\", "
               "\"certificate_lower\": \"%s\", \"certificate_upper\": \"%s\", \"prime\": \"%lu\", "
               "\"kernel_side\": \"%s\", \"kernel_vector\": ",
               (long) R->rank, (long) R->full, R->full_rank == BC_TRUE ? "true" : "false",
               R->rank == n ? "true" : "false", jac_cert_name(decisive), jac_cert_name(R->cert_lo),
               jac_cert_name(R->cert_hi), (unsigned long) R->p, R->side == JAC_LEFT ? "left" : "right");
        if (R->nker > 0)
            print_fmpz_list(fmpz_mat_entry(R->ker, 0, 0), R->ker->r, R->nker);
        else
            printf("null");
        printf(", \"loss\": \"%s\", \"zero_loss_set\": {\"nonempty\": %s, \"how\": \"%s\", \"dimension\": ",
               ls, cli_json_truth(zl), how);
        if (zl == BC_TRUE)
        {
            printf("%ld, \"dimension_v_free\": ", (long) (P - R->rank));
            if (nzero_v == 0)
                printf("%ld", (long) (P - R->rank + d1));
            else
                printf("null");
            printf(", \"point\": ");
            print_fmpq_list(th, P);
        }
        else
            printf("null, \"dimension_v_free\": null, \"point\": null");
        printf("}}\n");
        flint_free(ls);
    }
    else
    {
        char *ls = fmpq_get_str(NULL, 10, loss);
        printf("data:     %s: n = %ld points, d = %ld\n", data, (long) n, (long) d0);
        printf("network:  %s: d1 = %ld hidden neurons, P = d1 (d + 1) = %ld parameters (w_i, b_i)\n", weights,
               (long) d1, (long) P);
        printf("pattern:  per neuron: points with <w_i, x_j> + b_i > 0%s\n",
               n <= JAC_CLI_SHOW ? ", by point" : "");
        for (i = 0; i < d1; i++)
        {
            printf("  neuron %ld (line %ld): active on %ld of %ld", (long) (i + 1), (long) wlines[i],
                   (long) jac_pattern_active(A, i), (long) n);
            if (n <= JAC_CLI_SHOW)
            {
                printf("  ");
                for (j = 0; j < n; j++)
                    putchar(jac_pattern_get(A, i, j) ? '1' : '0');
            }
            if (fmpq_is_zero(v + i))
                printf("  (v = 0: zero columns)");
            printf("\n");
        }
        if (nboundary > 0)
            printf(
                "boundary: <w_%ld, x_%ld> + b_%ld = 0 exactly (%s line %ld, %s line %ld; %ld such pairs):\n"
                "          the point lies on the region's boundary; a_ij = 0 is taken there\n",
                (long) (bi + 1), (long) (bj + 1), (long) (bi + 1), weights, (long) wlines[bi], data,
                (long) dlines[bj], (long) nboundary);
        printf("rank J = %ld %s min(n, P) = %ld: %s\n", (long) R->rank, R->full_rank == BC_TRUE ? "=" : "<",
               (long) R->full, R->full_rank == BC_TRUE ? "full rank" : "rank deficient");
        printf("  certificate: %s (lower bound: %s, upper bound: %s; prime %lu)\n", jac_cert_name(decisive),
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
        if (zl == BC_TRUE)
        {
            printf("nonempty (%s), dimension P - rank J = %ld with v fixed", how, (long) (P - R->rank));
            if (nzero_v == 0)
                printf(", %ld with v free (signs fixed)", (long) (P - R->rank + d1));
            printf("\n");
        }
        else if (zl == BC_FALSE)
            printf("empty (an exact Farkas certificate)\n");
        else
            printf("undecided (the exact linear programme exceeds %ld entries)\n", (long) JAC_CLI_MAX_LP);
        printf("loss at the given point: %s (exact, mean squared error)\n", ls);
        flint_free(ls);
    }
    rc = CLI_EXIT_OK;
    if (fflush(stdout) != 0 || ferror(stdout))
        rc = jac_fail("jacobian: error writing the output");

    fmpq_clear(loss);
    fmpq_clear(f);
    fmpq_clear(pre);
    jac_rank_clear(R);
    jac_pattern_clear(A);
    jac_pattern_clear(Aeff);
    jac_data_clear(D);
    fmpq_mat_clear(X);
    fmpq_mat_clear(WB);
    _fmpq_vec_clear(y, n);
    _fmpq_vec_clear(v, d1);
    _fmpq_vec_clear(x, n * d0);
    _fmpq_vec_clear(W, d1 * d0);
    _fmpq_vec_clear(b, d1);
    _fmpq_vec_clear(theta0, P);
    _fmpq_vec_clear(th, P);
    flint_free(dlines);
    flint_free(wlines);
    return rc;

fail_tables:
    csv_table_clear(TD);
    csv_table_clear(TN);
    return rc;
}
