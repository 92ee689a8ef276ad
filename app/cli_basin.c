/* cli_basin.c -- `basincheck basin`: the certified basin value Bas(W, v)
   of one two-layer ReLU network on one data set (Safran & Shamir 2016,
   Def. 2 and Lemma 1), both read exactly from CSV files.

   The numbers are parsed exactly (csv.h), the sign pattern is decided
   exactly (basin_pattern) and the value is certified in rational
   arithmetic (basin_value), so what is printed is a theorem about the
   files as written, not about a rounded copy of them.  Decimals are
   rounded outward: a printed lower bound is never above the true one.

   Exit statuses: 0 a value (exact or a certified interval) was printed;
   1 the network lies on a basin boundary (a result, not an error: such
   a point has no basin of its own); 2 usage or input error, reported as
   one line "basincheck: ..." on stderr. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "basin.h"
#include "cli.h"
#include "csv.h"
#include "report.h"

/* Size limits, checked before any solve.  The float solver stores
   O(n d^2 + n m d + m^2) doubles and costs O(m^3) per iteration at
   worst, with up to several thousand iterations at the largest sizes;
   the exact certificate's memory and time grow with the sizes and the
   digits of the input.  Measured by `basincheck bench basin --limits`
   (6-digit decimal data, 2-core machine): n = 100, m = 256, d = 9: 6 s;
   n = 256, m = 256, d = 3: 32 s (7262 iterations); n = 25, m = 256,
   d = 39: 16 s.  The caps bound memory and work; they cannot bound the
   time of every input (it depends on the iteration count), hence the
   progress line (on a terminal, or a line every few seconds otherwise). */
#define BASIN_CLI_MAX_NMD 250000   /* n * m * d */
#define BASIN_CLI_MAX_NDD 10000000 /* n * d * d (float basis storage) */
/* data points: the float solver eigen-decomposes an m x m matrix per
   iteration */
#define BASIN_CLI_MAX_M 256
/* The size of the numbers: the exact certificate's cost grows with
   their bits as well as with the sizes (basin_cost_estimate: k^3 b^2,
   k = min(m, n d), b the bits of the largest data entry).  Measured on
   the 2-core build machine under a load average of about 15 (CPU
   seconds of `basincheck basin`, random decimals): n = 25, m = 256,
   d = 39 with 6-digit entries (b = 43, estimate 3.1e10) 18 s, with
   9-digit entries (b = 56, 5.3e10) 33 s, with 17-digit entries
   (2.0e11) over 2 minutes of wall clock at load 2; n = 25, m = 64,
   d = 9 with 75-digit entries (b = 500, 6.6e10, at the limit) 8.7 s;
   n = 25, m = 64, d = 9 with 50-digit entries (2.9e10) 6 s, with 150
   digits (2.6e11) 39 s; n = m = d = 1 with 300000-digit integers (1e12)
   32 s.  The limit 2^36 (6.9e10) admits every allowed size with data of
   up to 9 significant digits, and numbers as long as the CSV reader
   takes (20000 digits) when k = 1. */
#define BASIN_CLI_MAX_COST 68719476736.0 /* 2^36 */

/* Working precision of the enclosure used for decimal output; the
   bounds themselves are exact rationals, so it only affects how many
   bits of them the decimals see (arb_set_fmpq rounds outward).  More
   digits than it carries get a higher precision (basin_io.prec). */
#define BASIN_CLI_PREC 256
#define BASIN_CLI_DIGITS 20
#define BASIN_CLI_MAX_DIGITS 10000

/* An exact value is printed in full on stdout when its decimal string
   has at most this many characters; otherwise a rigorous decimal
   enclosure and the sizes of numerator and denominator (--digits all
   prints it whole; JSON always carries it). */
#define BASIN_CLI_SHORT 60

/* The progress line (stderr, only on a terminal) appears after this
   many seconds and is redrawn at most every BASIN_CLI_TICK seconds. */
#define BASIN_CLI_QUIET 2.0
#define BASIN_CLI_TICK 0.5

/* Text output lists each neuron's sign string only up to this many
   points (the counts are always printed; --json always has the full
   pattern). */
#define BASIN_CLI_SHOW_SIGNS 72

static void
basin_help(FILE *f)
{
    fputs("Usage: basincheck basin --data DATA.csv --weights NET.csv [--json] [--digits N|all]\n"
          "Certified basin value Bas(W, v) of a two-layer ReLU network\n"
          "x -> sum_j v_j [<w_j, x>]_+ on a data set, for the squared loss\n"
          "(Safran & Shamir 2016, Def. 2 and Lemma 1).\n"
          "\n"
          "  --data FILE      one data point per line: x_1,...,x_d,y\n"
          "  --weights FILE   one hidden neuron per line: w_1,...,w_d,v\n"
          "  --json           print one JSON object on stdout instead of text\n"
          "  --digits N       significant digits of the decimal bounds, 1..10000 (default 20)\n"
          "  --digits all     also print long exact rationals in full in the text output\n"
          "  -h, --help       this help\n"
          "\n"
          "Numbers are read exactly: decimals (0.1 is 1/10, 2.5e-3) or rationals (7/3);\n"
          "'#' starts a comment; blank lines are skipped.  Both files need the same\n"
          "number of columns, d + 1.  Limits (n neurons, m points): m <= 256,\n"
          "n*m*d <= 250000, n*d*d <= 10000000, and for the size of the numbers\n"
          "k^3 * b^2 <= 2^36, k = min(m, n*d), b the bits (numerator plus denominator)\n"
          "of the largest entry of the data file; every number at most 20000 digits.\n"
          "The largest allowed sizes take up to about half a minute on a 2-core machine\n"
          "('basincheck bench basin --limits' times five such shapes); a progress line\n"
          "on stderr shows the solver's iterations after 2 s on a terminal, or one line\n"
          "every 5 s when stderr is not a terminal.\n"
          "\n"
          "Output: the sizes, the sign pattern (per neuron: sign of v_j and the points\n"
          "where <w_j, x_t> > 0), and Bas either exactly or as a certified interval\n"
          "[lower, upper]; decimals are rounded outward.  An exact value is a reduced\n"
          "fraction p/q, or an integer p when q = 1 (the same string in text and JSON);\n"
          "in the text output a value longer than 60 characters is shown by its rigorous\n"
          "decimal enclosure and the bit sizes of p and q, unless --digits all.\n"
          "JSON keys: status (exact|interval|boundary), exact (the exact rational as\n"
          "above, always in full, or null), exact_bits ([bits of p, bits of q] or null),\n"
          "lower, upper, width (decimal strings), lower_rational, upper_rational (exact\n"
          "rationals as above), certified, n, m, d, pattern (per neuron \"B:A1A2...Am\",\n"
          "B = sign of v_j, At = sign of <w_j, x_t>), active (points per neuron with\n"
          "<w_j, x_t> > 0), boundary (null or the neuron and point, with their line\n"
          "numbers).\n"
          "\n"
          "Exit status: 0 a value was certified; 1 the network lies on a basin boundary\n"
          "(some <w_j, x_t> = 0 or v_j = 0: it has no basin of its own; the neuron and\n"
          "the point are named with their line numbers), or (not expected) the value\n"
          "could not be certified; 2 usage or input error (one line on stderr starting\n"
          "with 'basincheck: ').\n",
          f);
}

/* Prints "basincheck: MESSAGE" as exactly one line on stderr (cli_fail:
   control characters of file names cannot split it).  Returns
   CLI_EXIT_USAGE. */
#define basin_fail cli_fail

/* Reads path into T and sets *lines to a copy of its rows' line numbers
   (the caller frees it: the tables are freed before the solve, the
   messages may need the lines after it).  Returns 0, or CLI_EXIT_USAGE
   after printing csv_read's message, which already names the file, line
   and column. */
static int
load_table(csv_table_t T, slong **lines, const char *path)
{
    char err[512 + 4096];
    *lines = NULL;
    if (csv_read(T, path, err, sizeof err) != 0)
        return basin_fail("%s", err);
    *lines = flint_malloc(sizeof(slong) * (size_t) T->rows);
    memcpy(*lines, T->line, sizeof(slong) * (size_t) T->rows);
    return 0;
}

/* "line L" of a row when known, else "row k" (both 1-based). */
static void
where(char *out, size_t len, const slong *lines, slong k)
{
    if (lines != NULL)
        snprintf(out, len, "line %ld", (long) lines[k]);
    else
        snprintf(out, len, "row %ld", (long) (k + 1));
}

/* JSON value for the line of row k: a number, or null when unknown. */
static void
json_line(FILE *f, const slong *lines, slong k)
{
    if (lines != NULL)
        fprintf(f, "%ld", (long) lines[k]);
    else
        fputs("null", f);
}

static void
json_str(FILE *f, const char *s)
{
    char *e = escape_json(s);
    fprintf(f, "\"%s\"", e);
    flint_free(e);
}

/* Outward-rounded decimal bound of the exact rational q (dir < 0: not
   above q; dir > 0: not below q) with digits significant digits, from
   an enclosure at prec bits.  Free with flint_free. */
static char *
fmpq_bound_str(const fmpq_t q, int dir, slong digits, slong prec)
{
    arb_t x;
    char *s;
    arb_init(x);
    arb_set_fmpq(x, q, prec);
    s = bc_arb_bound_str(x, dir, digits);
    arb_clear(x);
    return s;
}

/* Pattern string of neuron j: "B:A1...Am" with B the sign of v_j and At
   the sign of <w_j, x_t> ('+' or '-'). */
static void
pattern_str(char *s, const basin_t B, slong j)
{
    slong t;
    s[0] = B->b[j] > 0 ? '+' : '-';
    s[1] = ':';
    for (t = 0; t < B->m; t++)
        s[2 + t] = B->a[j * B->m + t] > 0 ? '+' : '-';
    s[2 + B->m] = '\0';
}

static slong
active_count(const basin_t B, slong j)
{
    slong t, k = 0;
    for (t = 0; t < B->m; t++)
        k += B->a[j * B->m + t] > 0;
    return k;
}

typedef struct
{
    const char *data, *weights;
    const slong *dlines, *wlines;
    slong n, m, d;
    int json;
    slong digits; /* of the decimal bounds */
    int all;      /* --digits all: long exact rationals in full */
    slong prec;   /* bits of the enclosures behind the decimals */
} basin_io;

/* The boundary result: neuron bad_j has v_j = 0 (bad_t < 0) or
   <w_j, x_t> = 0 exactly at point bad_t. */
static void
print_boundary(const basin_io *io, int code, slong bad_j, slong bad_t, int zero_x, int zero_w)
{
    char wj[64], wt[64];
    where(wj, sizeof wj, io->wlines, bad_j);
    if (bad_t >= 0)
        where(wt, sizeof wt, io->dlines, bad_t);
    if (io->json)
    {
        printf("{\"command\": \"basin\", \"data\": ");
        json_str(stdout, io->data);
        printf(", \"weights\": ");
        json_str(stdout, io->weights);
        printf(", \"n\": %ld, \"m\": %ld, \"d\": %ld, \"status\": \"boundary\", "
               "\"exact\": null, \"exact_bits\": null, \"lower\": null, \"upper\": null, \"width\": null, "
               "\"lower_rational\": null, \"upper_rational\": null, \"certified\": false, "
               "\"pattern\": null, \"active\": null, \"boundary\": {\"kind\": \"%s\", "
               "\"neuron\": %ld, \"neuron_line\": ",
               (long) io->n, (long) io->m, (long) io->d, code == BASIN_BOUNDARY_V ? "v" : "w",
               (long) (bad_j + 1));
        json_line(stdout, io->wlines, bad_j);
        if (bad_t >= 0)
        {
            printf(", \"point\": %ld, \"point_line\": ", (long) (bad_t + 1));
            json_line(stdout, io->dlines, bad_t);
        }
        else
            printf(", \"point\": null, \"point_line\": null");
        printf(", \"zero_point\": %s, \"zero_neuron\": %s}}\n", zero_x ? "true" : "false",
               zero_w ? "true" : "false");
        return;
    }
    printf("data:     %s: m = %ld points, d = %ld\n", io->data, (long) io->m, (long) io->d);
    printf("network:  %s: n = %ld hidden neurons\n", io->weights, (long) io->n);
    if (code == BASIN_BOUNDARY_V)
    {
        printf("boundary: v_%ld = 0 exactly (the sign of the output weight is undefined)\n",
               (long) (bad_j + 1));
        printf("  neuron %ld: %s, %s\n", (long) (bad_j + 1), io->weights, wj);
    }
    else
    {
        printf("boundary: <w_%ld, x_%ld> = 0 exactly (the ReLU's activity is undefined)\n",
               (long) (bad_j + 1), (long) (bad_t + 1));
        printf("  neuron %ld: %s, %s\n", (long) (bad_j + 1), io->weights, wj);
        printf("  data point %ld: %s, %s\n", (long) (bad_t + 1), io->data, wt);
    }
    printf("The network lies on a basin boundary and has no basin of its own (Def. 1-2):\n"
           "Bas(W, v) is undefined.  (The first such case in file order is named.)\n");
    /* the two degenerate causes deserve a word: a zero data point puts
       every network on a boundary, a zero neuron every data set */
    if (zero_x)
        printf("Note: x_%ld = 0, so every network lies on this boundary: remove the point.\n",
               (long) (bad_t + 1));
    if (zero_w)
        printf("Note: w_%ld = 0: the neuron is on the boundary for every data point.\n", (long) (bad_j + 1));
}

static void
print_result(const basin_io *io, const basin_t B, const basin_result_t R)
{
    slong j;
    char *lo = fmpq_bound_str(R->lower, -1, io->digits, io->prec);
    char *hi = fmpq_bound_str(R->upper, +1, io->digits, io->prec);
    char *wd = fmpq_bound_str(R->width, +1, io->digits, io->prec);
    char *sig = flint_malloc((size_t) B->m + 3);

    if (io->json)
    {
        /* the exact rationals in full: they are data (canonical, as in
           the text output) */
        char *lq = fmpq_get_str(NULL, 10, R->lower), *uq = fmpq_get_str(NULL, 10, R->upper);
        printf("{\"command\": \"basin\", \"data\": ");
        json_str(stdout, io->data);
        printf(", \"weights\": ");
        json_str(stdout, io->weights);
        printf(", \"n\": %ld, \"m\": %ld, \"d\": %ld, \"status\": \"%s\", \"exact\": ", (long) io->n,
               (long) io->m, (long) io->d, R->is_exact ? "exact" : "interval");
        if (R->is_exact)
        {
            char *e = fmpq_get_str(NULL, 10, R->exact);
            printf("\"%s\", \"exact_bits\": [%lu, %lu]", e, (unsigned long) fmpz_bits(fmpq_numref(R->exact)),
                   (unsigned long) fmpz_bits(fmpq_denref(R->exact)));
            flint_free(e);
        }
        else
            printf("null, \"exact_bits\": null");
        printf(", \"lower\": \"%s\", \"upper\": \"%s\", \"width\": \"%s\", "
               "\"lower_rational\": \"%s\", \"upper_rational\": \"%s\", \"certified\": %s, "
               "\"lower_trivial\": %s, \"rounds\": %ld, \"iterations\": %ld, \"pattern\": [",
               lo, hi, wd, lq, uq, R->certified ? "true" : "false", R->lower_trivial ? "true" : "false",
               (long) R->rounds, (long) R->iterations);
        for (j = 0; j < B->n; j++)
        {
            pattern_str(sig, B, j);
            printf("%s\"%s\"", j ? ", " : "", sig);
        }
        printf("], \"active\": [");
        for (j = 0; j < B->n; j++)
            printf("%s%ld", j ? ", " : "", (long) active_count(B, j));
        printf("], \"boundary\": null}\n");
        flint_free(lq);
        flint_free(uq);
    }
    else
    {
        printf("data:     %s: m = %ld points, d = %ld\n", io->data, (long) io->m, (long) io->d);
        printf("network:  %s: n = %ld hidden neurons\n", io->weights, (long) io->n);
        printf("pattern:  per neuron: sign of v_j, points with <w_j, x_t> > 0%s\n",
               B->m <= BASIN_CLI_SHOW_SIGNS ? ", signs by point" : "");
        for (j = 0; j < B->n; j++)
        {
            char wj[64];
            where(wj, sizeof wj, io->wlines, j);
            printf("  neuron %ld (%s): v %c, active on %ld of %ld", (long) (j + 1), wj,
                   B->b[j] > 0 ? '+' : '-', (long) active_count(B, j), (long) B->m);
            if (B->m <= BASIN_CLI_SHOW_SIGNS)
            {
                pattern_str(sig, B, j);
                printf("  %s", sig + 2);
            }
            printf("\n");
        }
        if (B->m > BASIN_CLI_SHOW_SIGNS)
            printf("  (the signs by point are in the --json output)\n");
        if (R->is_exact)
        {
            char *e = fmpq_get_str(NULL, 10, R->exact);
            if (io->all || strlen(e) <= BASIN_CLI_SHORT)
                printf("Bas = %s (exact)\n", e);
            else
                printf("Bas = an exact rational p/q with %lu-bit p and %lu-bit q (--digits all prints it)\n",
                       (unsigned long) fmpz_bits(fmpq_numref(R->exact)),
                       (unsigned long) fmpz_bits(fmpq_denref(R->exact)));
            /* lower and upper decimal of the same exact value: an
               enclosure, equal when the value is short */
            if (strcmp(lo, hi) == 0)
                printf("    = %s (decimal, exact)\n", lo);
            else
                printf("    in [%s, %s] (decimal, rounded outward)\n", lo, hi);
            flint_free(e);
        }
        else
        {
            printf("Bas in [%s, %s]\n", lo, hi);
            printf("width <= %s\n", wd);
            if (io->all)
            {
                char *lq = fmpq_get_str(NULL, 10, R->lower), *uq = fmpq_get_str(NULL, 10, R->upper);
                printf("lower = %s (exact)\nupper = %s (exact)\n", lq, uq);
                flint_free(lq);
                flint_free(uq);
            }
        }
        if (!R->certified)
            printf("certificate: NONE (the engine could not certify this value)\n");
        else if (R->is_exact)
            printf("certificate: exact: a minimiser in the closed basin and a dual certificate\n"
                   "             of equal value, both checked in rational arithmetic\n");
        else
            printf("certificate: certified interval: upper from a point checked to lie in the\n"
                   "             closed basin, lower from %s\n",
                   R->lower_trivial ? "f >= 0 (no dual certificate found)"
                                    : "a dual certificate checked exactly");
    }
    flint_free(sig);
    flint_free(lo);
    flint_free(hi);
    flint_free(wd);
}

/* The progress of a long solve, on stderr: nothing for the first
   BASIN_CLI_QUIET seconds; then on a terminal one line redrawn in place
   (the stage and the float iteration count, cleared at the end), and
   otherwise (a log file, a pipe) a whole line every BASIN_CLI_LOG_TICK
   seconds, so that a long solve is visible wherever stderr goes. */
#define BASIN_CLI_LOG_QUIET 5.0
#define BASIN_CLI_LOG_TICK 5.0
typedef struct
{
    double t0, last;
    int shown;
    int tty;
} basin_progress_state;

static void
basin_progress(void *ctx, int stage, slong done, slong size)
{
    basin_progress_state *st = ctx;
    double now = bc_seconds();
    if (!st->tty)
    {
        if (stage == BASIN_STAGE_DONE || now - st->t0 < BASIN_CLI_LOG_QUIET ||
            (st->shown && now - st->last < BASIN_CLI_LOG_TICK))
            return;
        st->last = now;
        st->shown = 1;
        if (stage == BASIN_STAGE_FLOAT)
            fprintf(stderr, "basincheck: basin: float solve: iteration %ld, %ld constraints held, %.0f s\n",
                    (long) done, (long) size, now - st->t0);
        else
            fprintf(stderr, "basincheck: basin: exact certificate: step %ld, %.0f s\n", (long) (done + 1),
                    now - st->t0);
        fflush(stderr);
        return;
    }
    if (stage == BASIN_STAGE_DONE)
    {
        if (st->shown)
            fprintf(stderr, "\r%*s\r", 78, "");
        fflush(stderr);
        st->shown = 0;
        return;
    }
    /* the exact stage is announced at once (it reports rarely) */
    if (now - st->t0 < BASIN_CLI_QUIET || (stage == BASIN_STAGE_FLOAT && now - st->last < BASIN_CLI_TICK))
        return;
    st->last = now;
    st->shown = 1;
    if (stage == BASIN_STAGE_FLOAT)
        fprintf(stderr, "\rbasin: float solve: iteration %ld, %ld constraints held, %.0f s   ", (long) done,
                (long) size, now - st->t0);
    else
        fprintf(stderr, "\rbasin: exact certificate: step %ld, %.0f s                         ",
                (long) (done + 1), now - st->t0);
    fflush(stderr);
}

/* Option parsing.  Returns 0, -1 after --help, or CLI_EXIT_USAGE. */
static int
basin_parse(const char **data, const char **weights, int *json, slong *digits, int *all, int argc,
            char **argv)
{
    int i, have_digits = 0;
    *data = *weights = NULL;
    *json = 0;
    *digits = BASIN_CLI_DIGITS;
    *all = 0;
    for (i = 1; i < argc; i++)
    {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help"))
        {
            basin_help(stdout);
            return -1;
        }
        else if (!strcmp(a, "--json"))
        {
            if (*json)
                return basin_fail("basin: option --json given twice (see 'basincheck basin --help')");
            *json = 1;
        }
        else if (!strcmp(a, "--digits"))
        {
            const char *v = (i + 1 < argc) ? argv[i + 1] : NULL;
            uint64_t k;
            if (have_digits)
                return basin_fail("basin: option --digits given twice (see 'basincheck basin --help')");
            if (v == NULL)
                return basin_fail("basin: option --digits needs a value (see 'basincheck basin --help')");
            if (!strcmp(v, "all"))
                *all = 1;
            else if (cli_parse_u64(&k, v) == 0 && k >= 1 && k <= BASIN_CLI_MAX_DIGITS)
                *digits = (slong) k;
            else
                return basin_fail("basin: --digits expects 'all' or an integer from 1 to %d, got '%s'",
                                  BASIN_CLI_MAX_DIGITS, v);
            have_digits = 1;
            i++;
        }
        else if (!strcmp(a, "--data") || !strcmp(a, "--weights"))
        {
            const char **slot = (a[2] == 'd') ? data : weights;
            const char *v = (i + 1 < argc) ? argv[i + 1] : NULL;
            if (*slot != NULL)
                return basin_fail("basin: option %s given twice (see 'basincheck basin --help')", a);
            /* an option word in place of the file name is a forgotten
               value, not a file called "--json" */
            if (v == NULL || (v[0] == '-' && v[1] == '-'))
                return basin_fail("basin: option %s needs a file name (see 'basincheck basin --help')", a);
            if (v[0] == '\0')
                return basin_fail("basin: option %s needs a non-empty file name", a);
            *slot = v;
            i++;
        }
        else if (a[0] == '-' && a[1] != '\0')
            return basin_fail("basin: unknown option '%s' (see 'basincheck basin --help')", a);
        else
            return basin_fail("basin: unexpected argument '%s' (see 'basincheck basin --help')", a);
    }
    if (*data == NULL)
        return basin_fail("basin: missing --data FILE (see 'basincheck basin --help')");
    if (*weights == NULL)
        return basin_fail("basin: missing --weights FILE (see 'basincheck basin --help')");
    return 0;
}

/* Refuses sizes beyond the limits above, without overflow (each factor
   is at most CSV_MAX_ENTRIES, so products are formed only after a
   division test). */
static int
check_sizes(slong n, slong m, slong d)
{
    if (m > BASIN_CLI_MAX_M)
        return basin_fail("basin: %ld data points exceed the limit of %ld", (long) m, (long) BASIN_CLI_MAX_M);
    if (n > BASIN_CLI_MAX_NMD / m || n * m > BASIN_CLI_MAX_NMD / d)
        return basin_fail("basin: n*m*d = %ld*%ld*%ld exceeds the limit of %ld", (long) n, (long) m, (long) d,
                          (long) BASIN_CLI_MAX_NMD);
    if (n * d > BASIN_CLI_MAX_NDD / d)
        return basin_fail("basin: n*d*d = %ld*%ld*%ld exceeds the limit of %ld", (long) n, (long) d, (long) d,
                          (long) BASIN_CLI_MAX_NDD);
    return 0;
}

int
cli_basin(int argc, char **argv)
{
    const char *data, *weights;
    int json, rc, all;
    slong digits;
    csv_table_t D, N;
    slong *dlines = NULL, *wlines = NULL;
    slong n, m, d, i, bad_j = -1, bad_t = -1;
    fmpq_mat_t X, W;
    fmpq *y, *v;
    basin_t B;
    basin_io io;

    rc = basin_parse(&data, &weights, &json, &digits, &all, argc, argv);
    if (rc != 0)
        return rc < 0 ? CLI_EXIT_OK : rc;

    csv_table_init(D);
    csv_table_init(N);
    rc = load_table(D, &dlines, data);
    if (rc == 0 && D->cols < 2)
        rc = basin_fail("%s:%ld:1: expected at least 2 columns (x_1,...,x_d,y), found %ld", data,
                        dlines != NULL ? (long) dlines[0] : 1L, (long) D->cols);
    if (rc == 0)
        rc = load_table(N, &wlines, weights);
    if (rc == 0 && N->cols != D->cols)
        rc = basin_fail("%s:%ld:1: expected %ld columns (d = %ld from %s), found %ld", weights,
                        wlines != NULL ? (long) wlines[0] : 1L, (long) D->cols, (long) (D->cols - 1), data,
                        (long) N->cols);
    if (rc != 0)
        goto done;
    m = D->rows;
    d = D->cols - 1;
    n = N->rows;
    rc = check_sizes(n, m, d);
    if (rc != 0)
        goto done;

    /* split the tables: X | y and W | v */
    fmpq_mat_init(X, m, d);
    fmpq_mat_init(W, n, d);
    y = _fmpq_vec_init(m);
    v = _fmpq_vec_init(n);
    csv_table_split(X, y, D);
    csv_table_split(W, v, N);
    /* the tables are no longer needed: free them before the solve */
    csv_table_clear(D);
    csv_table_clear(N);
    {
        slong bits, row;
        double cost = basin_cost_estimate(X, y, n, &bits, &row);
        if (cost > BASIN_CLI_MAX_COST)
            rc = basin_fail("%s:%ld: numbers too large for these sizes: an entry of %ld bits (numerator plus "
                            "denominator) with k = min(m, n*d) = %ld gives an estimated cost k^3*b^2 = %.3g, "
                            "above the limit 2^36 (see 'basincheck basin --help')",
                            data, (long) dlines[row], (long) bits, (long) FLINT_MIN(m, n * d), cost);
    }
    if (rc != 0)
    {
        fmpq_mat_clear(X);
        fmpq_mat_clear(W);
        _fmpq_vec_clear(y, m);
        _fmpq_vec_clear(v, n);
        goto done;
    }

    io.data = data;
    io.weights = weights;
    io.dlines = dlines;
    io.wlines = wlines;
    io.n = n;
    io.m = m;
    io.d = d;
    io.json = json;
    io.digits = digits;
    io.all = all;
    /* about 3.33 bits per digit, with room for the outward rounding */
    io.prec = FLINT_MAX(BASIN_CLI_PREC, 4 * digits + 64);

    basin_init(B);
    rc = basin_pattern(B, X, y, W, v, n, &bad_j, &bad_t);
    if (rc == BASIN_BOUNDARY_V || rc == BASIN_BOUNDARY_W)
    {
        int zero_x = 0, zero_w = 0;
        if (rc == BASIN_BOUNDARY_W)
        {
            zero_x = zero_w = 1;
            for (i = 0; i < d; i++)
            {
                zero_x &= fmpq_is_zero(fmpq_mat_entry(X, bad_t, i));
                zero_w &= fmpq_is_zero(fmpq_mat_entry(W, bad_j, i));
            }
        }
        else
            bad_t = -1;
        print_boundary(&io, rc, bad_j, bad_t, zero_x, zero_w);
        rc = CLI_EXIT_MISMATCH;
    }
    else if (rc != BASIN_OK)
        rc = basin_fail("basin: internal error: the engine refused sizes n=%ld m=%ld d=%ld", (long) n,
                        (long) m, (long) d);
    else
    {
        basin_result_t R;
        basin_progress_state st;
        st.t0 = st.last = bc_seconds();
        st.shown = 0;
        st.tty = isatty(2);
        B->progress = basin_progress;
        B->progress_ctx = &st;
        basin_result_init(R);
        basin_value(R, B, io.prec);
        print_result(&io, B, R);
        /* an uncertified value is not a result (never expected for the
           squared loss): say so through the status as well */
        rc = R->certified ? CLI_EXIT_OK : CLI_EXIT_MISMATCH;
        basin_result_clear(R);
    }
    /* a failed write of stdout (a full disk) is reported once, by main */
    basin_clear(B);
    fmpq_mat_clear(X);
    fmpq_mat_clear(W);
    _fmpq_vec_clear(y, m);
    _fmpq_vec_clear(v, n);

done:
    csv_table_clear(D);
    csv_table_clear(N);
    flint_free(dlines);
    flint_free(wlines);
    return rc;
}
