/* audit_bench.c -- the module's bench hook, `basincheck bench audit
   [--quick|--full] [--threads T]`: evaluates the whole Thm 3 Chernoff
   audit grid (every cell's binomial tail enclosed rigorously and compared
   with the stated and the corrected bounds, decided, with exact rational
   fallback) and reports the counts and the time.  argv[0] is the
   benchmark's name ("audit"). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audit.h"

static int
bench_usage_error(const char *what, const char *arg)
{
    char *msg =
        bc_aprintf("bench audit: %s '%s' (usage: bench audit [--quick|--full] [--threads T])", what, arg);
    module_input_error(msg);
    flint_free(msg);
    return 2;
}

/* parses argv[1..]: sets *size and *threads; returns 0, -1 after help,
   or 2 after one line on stderr */
static int
bench_args(run_size *size, int *threads, int argc, char **argv)
{
    int i, sized = 0;
    long np = sysconf(_SC_NPROCESSORS_ONLN);
    *size = SIZE_DEFAULT;
    *threads = np < 1 ? 1 : (np > 256 ? 256 : (int) np);
    for (i = 1; i < argc; i++)
    {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help"))
        {
            printf("usage: basincheck bench audit [--quick|--full] [--threads T]\n");
            return -1;
        }
        if (!strcmp(a, "--quick") || !strcmp(a, "--full"))
        {
            if (sized++)
                return bench_usage_error("--quick and --full exclude each other, got", a);
            *size = a[2] == 'q' ? SIZE_QUICK : SIZE_FULL;
        }
        else if (!strcmp(a, "--threads"))
        {
            char *end;
            long t;
            if (i + 1 >= argc)
                return bench_usage_error("--threads expects an integer from 1 to 256 after", a);
            errno = 0;
            t = strtol(argv[++i], &end, 10);
            if (errno != 0 || *end != '\0' || argv[i][0] < '0' || argv[i][0] > '9' || t < 1 || t > 256)
                return bench_usage_error("--threads expects an integer from 1 to 256, got", argv[i]);
            *threads = (int) t;
        }
        else
            return bench_usage_error("unknown option", a);
    }
    return 0;
}

int
audit_bench(int argc, char **argv)
{
    run_size size;
    int threads, rc, b;
    slong k, i;
    audit_grid_t G;
    audit_rates_t r;

    rc = bench_args(&size, &threads, argc, argv);
    if (rc != 0)
        return rc < 0 ? 0 : rc;
    audit_rates_init(r);
    audit_grid_run(G, size, threads, NULL, r);
    printf("bench audit: %s\n", G->desc);
    printf("bench audit: threads=%d\n", threads);
    for (k = 0; k < AUDIT_NC; k++)
    {
        slong cells = 0, nf[AUDIT_NBOUNDS] = {0}, nu = 0;
        for (i = 0; i < G->ncells; i++)
        {
            const audit_cell *C = G->cells + i;
            if (C->c2 != audit_c2[k])
                continue;
            cells++;
            for (b = 0; b < AUDIT_CONTROL; b++)
            {
                nf[b] += C->holds[b] == BC_FALSE;
                nu += C->holds[b] == BC_UNDECIDED;
            }
        }
        printf("bench audit: c=%s cells=%ld refuting exp(-cn/4)=%ld exp(-n(c-1-ln c))=%ld "
               "exp(-(c-1)^2n/(2c))=%ld exp(-cn/8)=%ld undecided=%ld\n",
               audit_c_str[k], (long) cells, (long) nf[AUDIT_STATED], (long) nf[AUDIT_KL],
               (long) nf[AUDIT_MULT], (long) nf[AUDIT_MULT_HALF], (long) nu);
    }
    printf("bench audit: cells=%ld seconds=%.3f\n", (long) G->ncells, G->seconds);
    audit_grid_clear(G);
    audit_rates_clear(r);
    return 0;
}
