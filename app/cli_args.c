/* cli_args.c -- strict option parsing: every number is validated whole,
   every error is one line naming the option and what was expected. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "csv.h"

int
cli_parse_u64(uint64_t *out, const char *s)
{
    char *end;
    unsigned long long v;
    size_t k;
    if (s == NULL || *s == '\0')
        return -1;
    for (k = 0; s[k] != '\0'; k++)
        if (s[k] < '0' || s[k] > '9')
            return -1;
    errno = 0;
    v = strtoull(s, &end, 10);
    if (errno != 0 || *end != '\0')
        return -1;
    *out = (uint64_t) v;
    return 0;
}

double
cli_tail_level(const char *conf, slong nmc)
{
    csv_table_t T;
    fmpq_t q, h;
    arf_t t;
    double r = 0.0;

    if (conf == NULL)
        conf = "0.99";
    csv_table_init(T);
    fmpq_init(q);
    fmpq_init(h);
    arf_init(t);
    /* the exact decimal (csv.h grammar); 0 on anything else */
    if (csv_read_mem(T, "--confidence", conf, strlen(conf), NULL, 0) == 0 && T->rows == 1 && T->cols == 1)
    {
        fmpq_one(q);
        fmpq_sub(q, q, csv_table_entry(T, 0, 0));
        fmpq_set_si(h, 1, (ulong) (2 * FLINT_MAX(nmc, 1)));
        fmpq_mul(q, q, h);
        if (fmpq_sgn(q) > 0 && fmpq_cmp_si(q, 1) < 0)
        {
            arf_fmpz_div_fmpz(t, fmpq_numref(q), fmpq_denref(q), 53, ARF_RND_DOWN);
            r = arf_get_d(t, ARF_RND_DOWN);
        }
    }
    csv_table_clear(T);
    fmpq_clear(q);
    fmpq_clear(h);
    arf_clear(t);
    return r;
}

/* --confidence: the exact decimal decides, not its nearest double
   (0.99999999999999999999 lies in (0, 1) but rounds to 1).  Sets *out to
   the double nearest C, kept inside (0, 1) (it is only printed; the tail
   levels come from the exact text).  Returns 0, 1 when the text is not a
   number strictly between 0 and 1, 2 when 1 - C is too small for a
   double tail level. */
static int
parse_confidence(double *out, const char *v)
{
    csv_table_t T;
    arf_t t;
    int r = 1;
    /* one number and nothing else: the CSV grammar would also take
       blanks, a comment or a line break around it */
    if (v[0] == '\0' || v[strspn(v, "0123456789.eE+-/")] != '\0')
        return 1;
    csv_table_init(T);
    arf_init(t);
    if (csv_read_mem(T, "--confidence", v, strlen(v), NULL, 0) == 0 && T->rows == 1 && T->cols == 1)
    {
        const fmpq *c = csv_table_entry(T, 0, 0);
        if (fmpq_sgn(c) > 0 && fmpz_cmp(fmpq_numref(c), fmpq_denref(c)) < 0)
        {
            arf_fmpz_div_fmpz(t, fmpq_numref(c), fmpq_denref(c), 53, ARF_RND_NEAR);
            *out = arf_get_d(t, ARF_RND_NEAR);
            if (!(*out < 1.0))
                *out = nextafter(1.0, 0.0);
            if (!(*out > 0.0))
                *out = nextafter(0.0, 1.0);
            r = cli_tail_level(v, 1) > 0.0 ? 0 : 2;
        }
    }
    csv_table_clear(T);
    arf_clear(t);
    return r;
}

int
cli_parse_double(double *out, const char *s)
{
    char *end;
    double v;
    if (s == NULL || *s == '\0' || *s == ' ')
        return -1;
    errno = 0;
    v = strtod(s, &end);
    if (errno != 0 || *end != '\0' || !isfinite(v))
        return -1;
    *out = v;
    return 0;
}

int
cli_fail(const char *fmt, ...)
{
    va_list ap;
    char *s;
    va_start(ap, fmt);
    s = bc_vaprintf(fmt, ap);
    va_end(ap);
    module_input_error(s);
    flint_free(s);
    return CLI_EXIT_USAGE;
}

static int
usage_error(const char *fmt, const char *a, const char *b)
{
    char *m = bc_aprintf(fmt, a, b);
    int rc = cli_fail("%s (see 'basincheck --help')", m);
    flint_free(m);
    return rc;
}

void
cli_usage(FILE *f)
{
    fputs("Usage: basincheck COMMAND [OPTIONS]\n"
          "Checks the theorems of Safran & Shamir, 'On the Quality of the Initial Basin in\n"
          "Overspecified Neural Networks' (ICML 2016) in exact and rigorous arithmetic.\n"
          "\n"
          "Commands:\n"
          "  list                     every check: id, module, source file, kind, strength,\n"
          "                           expected status and summary\n"
          "  run [ID...] [OPTIONS]    run the checks (all, or those whose id, module name or\n"
          "                           id prefix is given) and report the verdicts\n"
          "  basin --data FILE --weights FILE [--json]\n"
          "                           certified basin value Bas(W, v) of a two-layer ReLU\n"
          "                           network on a data set (see 'basincheck basin --help')\n"
          "  tail --trials N --p P --below K [--json]\n"
          "                           P[Bin(N, P) < K], exact or enclosed, beside the\n"
          "                           Chernoff and Hoeffding bounds\n"
          "  cap --dim D --angle THETA [--json]\n"
          "                           fraction of S^{D-1} in a cap of angular radius THETA\n"
          "                           (radians or a multiple of pi), with Claim 1's bound\n"
          "  critical --weights FILE (--teacher K | --teacher-weights FILE) [--split I\n"
          "           --alpha A] [--json]\n"
          "                           certified critical point (minimum, saddle, global or\n"
          "                           not) of the population loss of a ReLU student and\n"
          "                           teacher under Gaussian inputs (seed 003), or of its\n"
          "                           split image (see 'basincheck critical --help')\n"
          "  jacobian --data FILE --weights FILE [--json]\n"
          "                           exact rank of the Jacobian of an activation region of\n"
          "                           a ReLU network with biases, with its certificate, and\n"
          "                           the region's zero-loss set (see 'basincheck jacobian --help')\n"
          "  list --mutants           every mutant: a false variant of a claim and the\n"
          "                           checks it must turn (the mutation test)\n"
          "  bench NAME [OPTIONS]     a benchmark (NAME: prop1, basin, audit, thm4, jacobian, critical)\n"
          "\n"
          "Options of run and bench:\n"
          "  --quick                  small sizes (the test suite's)\n"
          "  --full                   larger sizes than the default (publication) size\n"
          "  --seed S                 run seed, 0 <= S < 2^64 (default 1)\n"
          "  --threads T              worker threads, 1..256 (default: online CPUs)\n"
          "  --samples K|auto         Monte Carlo samples per check (default: per size);\n"
          "                           auto: one count for all, enough for half-width\n"
          "                           --slack at the worst-case rate 1/2\n"
          "  --slack X                target half-width for --samples auto (default 0.02)\n"
          "  --confidence C           family-wise confidence, 0 < C < 1 (default 0.99)\n"
          "  --data FILE, --weights FILE, --teacher FILE, --centres FILE, --eps E,\n"
          "  --dim D, --width N, --clusters K\n"
          "                           the user's own instance, for the modules that take it\n"
          "                           (run thm2|thm4 --data, thm3 --data --teacher --eps,\n"
          "                           thm5 --data --clusters|--centres, thm6 --dim --eps)\n"
          "  --json FILE              write report.json to FILE\n"
          "  --tex FILE               write the LaTeX report to FILE\n"
          "                           (a report is written whole when the run is complete;\n"
          "                           until then, and after an input error or a kill, FILE\n"
          "                           stays as it was)\n"
          "  --certificates DIR       run: write each check's certificate to DIR/ID.json\n"
          "                           (re-decided by 'make recheck CERTS=DIR')\n"
          "  --quiet                  no progress on stderr\n"
          "  --mutant ID              run with a claim deliberately made false (a mutant of\n"
          "                           the mutation test): the checks it names must fail\n"
          "  -h, --help               this help\n"
          "  -V, --version            version and library versions\n"
          "\n"
          "Exit status: 0 when every check has its expected status, 1 when one does not,\n"
          "2 on a usage or input error; basin: 1 when the network lies on a basin boundary.\n",
          f);
}

/* Whether a is one of the options of the sampling: --seed, --threads, --samples, --slack,
   --confidence (each takes a value). */
static int
is_sampling_option(const char *a)
{
    return !strcmp(a, "--seed") || !strcmp(a, "--threads") || !strcmp(a, "--samples") ||
           !strcmp(a, "--slack") || !strcmp(a, "--confidence");
}

/* Sets the field of o that the sampling option a (is_sampling_option) names from its value v;
   returns 0, or the usage error's exit status when v is out of range. */
static int
parse_sampling_option(cli_opts *o, const char *a, const char *v)
{
    if (!strcmp(a, "--seed"))
    {
        if (cli_parse_u64(&o->run.seed, v) != 0)
            return usage_error("--seed expects an integer in [0, 2^64), got '%s'%s", v, "");
    }
    else if (!strcmp(a, "--threads"))
    {
        uint64_t t;
        if (cli_parse_u64(&t, v) != 0 || t < 1 || t > 256)
            return usage_error("--threads expects an integer from 1 to 256, got '%s'%s", v, "");
        o->run.threads = (int) t;
        o->threads_given = 1;
    }
    else if (!strcmp(a, "--samples"))
    {
        uint64_t k;
        if (!strcmp(v, "auto"))
            o->run.samples = -1;
        else if (cli_parse_u64(&k, v) != 0 || k < 1 || k > (UINT64_C(1) << 40))
            return usage_error("--samples expects 'auto' or an integer from 1 to 2^40, got '%s'%s", v, "");
        else
            o->run.samples = (long) k;
    }
    else if (!strcmp(a, "--slack"))
    {
        if (cli_parse_double(&o->run.slack, v) != 0 || !(o->run.slack > 1e-4) || !(o->run.slack < 0.5))
            return usage_error("--slack expects a number in (0.0001, 0.5), got '%s'%s", v, "");
    }
    else if (!strcmp(a, "--confidence"))
    {
        int r = parse_confidence(&o->confidence, v);
        if (r == 1)
            return usage_error("--confidence expects a decimal strictly between 0 and 1, got '%s'%s", v, "");
        if (r == 2)
            return usage_error("--confidence %s is too close to 1: its tail level (1 - C)/2 is below the "
                               "smallest double%s",
                               v, "");
        o->confidence_text = v;
    }
    return 0;
}

/* Sets o to the defaults of run and bench, with room for argc selected ids. */
static void
cli_opts_defaults(cli_opts *o, int argc)
{
    long nproc = sysconf(_SC_NPROCESSORS_ONLN);

    memset(o, 0, sizeof(cli_opts));
    o->run.seed = 1;
    o->run.size = SIZE_DEFAULT;
    o->run.threads = nproc < 1 ? 1 : (nproc > 256 ? 256 : (int) nproc);
    o->run.samples = 0;
    o->run.slack = 0.02;
    o->run.progress = 1;
    o->confidence = 0.99;
    o->ids = flint_calloc(argc + 1, sizeof(char *));
}

int
cli_parse_run(cli_opts *o, int argc, char **argv, int allow_ids)
{
    int i, size_given = 0;

    cli_opts_defaults(o, argc);

    for (i = 1; i < argc; i++)
    {
        const char *a = argv[i];
        const char *v = (i + 1 < argc) ? argv[i + 1] : NULL;
        int needs = (!strcmp(a, "--seed") || !strcmp(a, "--threads") || !strcmp(a, "--samples") ||
                     !strcmp(a, "--confidence") || !strcmp(a, "--json") || !strcmp(a, "--tex") ||
                     !strcmp(a, "--slack") || !strcmp(a, "--data") || !strcmp(a, "--weights") ||
                     !strcmp(a, "--teacher") || !strcmp(a, "--centres") || !strcmp(a, "--eps") ||
                     !strcmp(a, "--dim") || !strcmp(a, "--width") || !strcmp(a, "--clusters") ||
                     !strcmp(a, "--mutant"));
        if (needs && v == NULL)
            return usage_error("option %s needs a value%s", a, "");
        if (!strcmp(a, "-h") || !strcmp(a, "--help"))
        {
            cli_usage(stdout);
            return -1;
        }
        else if (!strcmp(a, "--quick") || !strcmp(a, "--full"))
        {
            run_size want = a[2] == 'q' ? SIZE_QUICK : SIZE_FULL;
            if (size_given && o->run.size != want)
                return usage_error("--quick and --full exclude each other%s%s", "", "");
            o->run.size = want;
            size_given = 1;
        }
        else if (!strcmp(a, "--quiet"))
            o->quiet = 1;
        else if (is_sampling_option(a))
        {
            int r = parse_sampling_option(o, a, v);
            if (r != 0)
                return r;
            i++;
        }
        else if (!strcmp(a, "--json"))
        {
            o->json = v;
            i++;
        }
        else if (!strcmp(a, "--mutant"))
        {
            slong m, j;
            int found = 0;
            for (m = 0; m < theorem_nmodules && !found; m++)
                for (j = 0; j < theorem_modules[m]->nmutants && !found; j++)
                    found = !strcmp(theorem_modules[m]->mutants[j].id, v);
            if (!found)
                return usage_error("unknown mutant '%s'; the mutants: basincheck list --mutants%s", v, "");
            o->run.mutant = v;
            i++;
        }
        else if (!strcmp(a, "--tex"))
        {
            o->tex = v;
            i++;
        }
        else if (!strcmp(a, "--certificates") && allow_ids)
        {
            if (v == NULL)
                return usage_error("option %s needs a value%s", a, "");
            o->certificates = v;
            i++;
        }
        else if (!strcmp(a, "--data") || !strcmp(a, "--weights") || !strcmp(a, "--teacher") ||
                 !strcmp(a, "--centres") || !strcmp(a, "--eps"))
        {
            const char **dst = !strcmp(a, "--data")      ? &o->run.data
                               : !strcmp(a, "--weights") ? &o->run.weights
                               : !strcmp(a, "--teacher") ? &o->run.teacher
                               : !strcmp(a, "--centres") ? &o->run.centres
                                                         : &o->run.eps;
            if (v[0] == '\0')
                return usage_error("option %s needs a non-empty value%s", a, "");
            *dst = v;
            i++;
        }
        else if (!strcmp(a, "--dim") || !strcmp(a, "--width") || !strcmp(a, "--clusters"))
        {
            uint64_t k;
            long *dst = !strcmp(a, "--dim")     ? &o->run.dim
                        : !strcmp(a, "--width") ? &o->run.width
                                                : &o->run.clusters;
            if (cli_parse_u64(&k, v) != 0 || k < 1 || k > 1000000)
                return usage_error("%s expects an integer from 1 to 1000000, got '%s'", a, v);
            *dst = (long) k;
            i++;
        }
        else if (a[0] == '-' && a[1] != '\0')
            return usage_error("unknown option '%s'%s", a, "");
        else if (allow_ids)
            o->ids[o->nids++] = argv[i];
        else
            return usage_error("unexpected argument '%s'%s", a, "");
    }
    o->run.progress = !o->quiet;
    o->run.nselect = o->nids;
    o->run.select = o->ids;
    return 0;
}

void
cli_opts_clear(cli_opts *o)
{
    flint_free(o->ids);
}

const char *
cli_json_truth(truth_t t)
{
    return t == BC_TRUE ? "true" : (t == BC_FALSE ? "false" : "\"undecided\"");
}
