/* cli_bench_audit.c -- `basincheck bench audit [--quick|--full]
   [--threads T]`: evaluates the whole Thm 3 Chernoff audit grid (every
   cell's binomial tail enclosed rigorously and compared with the stated
   and the three corrected bounds, decided, with exact rational fallback)
   and reports the time.  argv[0] is the benchmark name ("audit"). */
#include <string.h>

#include "audit.h"
#include "cli.h"

int
cli_bench_audit(int argc, char **argv)
{
    cli_opts o;
    int rc;
    slong k, i;
    audit_grid_t G;

    rc = cli_parse_run(&o, argc, argv, 0);
    if (rc != 0)
    {
        cli_opts_clear(&o);
        return rc < 0 ? CLI_EXIT_OK : rc;
    }
    audit_grid_run(G, o.run.size, o.run.threads);
    printf("bench audit: %s\n", G->desc);
    printf("bench audit: threads=%d\n", o.run.threads);
    for (k = 0; k < AUDIT_NC; k++)
    {
        slong cells = 0, nf[4] = {0, 0, 0, 0}, nu = 0;
        for (i = 0; i < G->ncells; i++)
        {
            const audit_cell *C = G->cells + i;
            int w;
            if (C->c2 != audit_c2[k])
                continue;
            cells++;
            for (w = 0; w < 4; w++)
            {
                nf[w] += C->holds[w] == BC_FALSE;
                nu += C->holds[w] == BC_UNDECIDED;
            }
        }
        printf("bench audit: c=%s cells=%ld refuting exp(-cn/4)=%ld exp(-n(c-1-ln c))=%ld "
               "exp(-(c-1)^2n/(2c))=%ld exp(-cn/8)=%ld undecided=%ld\n",
               audit_c_str[k], (long) cells, (long) nf[0], (long) nf[1], (long) nf[2], (long) nf[3],
               (long) nu);
    }
    printf("bench audit: cells=%ld seconds=%.3f\n", (long) G->ncells, G->seconds);
    audit_grid_clear(G);
    cli_opts_clear(&o);
    return CLI_EXIT_OK;
}
