/* cli_bench_audit.c -- `basincheck bench audit`: the audit module's
   bench hook (audit_bench). */
#include "audit.h"
#include "cli.h"

int
cli_bench_audit(int argc, char **argv)
{
    return audit_bench(argc, argv);
}
