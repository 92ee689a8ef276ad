/* basincheck.c -- entry point: dispatches to the commands. */
#include <errno.h>
#include <string.h>

#include "cli.h"

/* A run whose standard output could not be written (a full disk, a
   closed pipe) must not report success: its results are lost. */
static int
finish(int rc)
{
    if (fflush(stdout) != 0 || ferror(stdout))
    {
        fprintf(stderr, "basincheck: error writing standard output: %s\n", strerror(errno));
        return CLI_EXIT_USAGE;
    }
    return rc;
}

static void
version(void)
{
    printf("basincheck %s\n", PACKAGE_VERSION);
    printf("GMP %s, MPFR %s, FLINT %s, Arb %s\n", bc_version_gmp(), bc_version_mpfr(), bc_version_flint(),
           bc_version_arb());
}

int
main(int argc, char **argv)
{
    int rc;
    if (argc < 2)
    {
        fprintf(stderr, "basincheck: no command given: list, run, basin, tail, cap, critical or bench (see "
                        "'basincheck --help')\n");
        return CLI_EXIT_USAGE;
    }
    if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") || !strcmp(argv[1], "help"))
    {
        cli_usage(stdout);
        return finish(CLI_EXIT_OK);
    }
    if (!strcmp(argv[1], "-V") || !strcmp(argv[1], "--version"))
    {
        version();
        return finish(CLI_EXIT_OK);
    }
    if (!strcmp(argv[1], "list"))
        rc = cli_list(argc - 1, argv + 1);
    else if (!strcmp(argv[1], "run"))
        rc = cli_run(argc - 1, argv + 1);
    else if (!strcmp(argv[1], "basin"))
        rc = cli_basin(argc - 1, argv + 1);
    else if (!strcmp(argv[1], "cap"))
        rc = cli_cap(argc - 1, argv + 1);
    else if (!strcmp(argv[1], "tail"))
        rc = cli_tail(argc - 1, argv + 1);
    else if (!strcmp(argv[1], "critical"))
        rc = cli_critical(argc - 1, argv + 1);
    else if (!strcmp(argv[1], "bench"))
        rc = cli_bench(argc - 1, argv + 1);
    else
    {
        fprintf(stderr, "basincheck: unknown command '%s' (see 'basincheck --help')\n", argv[1]);
        rc = CLI_EXIT_USAGE;
    }
    flint_cleanup_master();
    return finish(rc);
}
