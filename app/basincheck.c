/* basincheck.c -- entry point: dispatches to the commands. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gmp.h>

#include "cli.h"
#include "outfile.h"

/* A failed allocation ends the program with one line and status 2, as
   an input too large for the machine, instead of FLINT's or GMP's
   abort (a core dump, status 134).  Every allocation of FLINT, Arb, GMP
   and MPFR goes through these functions (set first thing in main).  The
   exit is immediate (_exit): the failing call may hold a stdio lock, and
   a half-finished run has nothing to flush; only this process's
   temporary files are removed (outfile.h), never a report. */
static void
out_of_memory(size_t n)
{
    char msg[200];
    int k;
    outfile_cleanup();
    k = snprintf(msg, sizeof msg,
                 "basincheck: out of memory: an allocation of %lu bytes failed (the input needs more memory "
                 "than this process may use)\n",
                 (unsigned long) n);
    if (k > 0 && write(2, msg, (size_t) k) < 0)
        k = 0;
    _exit(CLI_EXIT_USAGE);
}

static void *
checked_malloc(size_t n)
{
    void *p = malloc(n);
    if (p == NULL && n > 0)
        out_of_memory(n);
    return p;
}

static void *
checked_calloc(size_t k, size_t n)
{
    void *p = calloc(k, n);
    if (p == NULL && k > 0 && n > 0)
        out_of_memory(k * n);
    return p;
}

static void *
checked_realloc(void *q, size_t n)
{
    void *p = realloc(q, n);
    if (p == NULL && n > 0)
        out_of_memory(n);
    return p;
}

static void *
gmp_realloc(void *q, size_t old, size_t n)
{
    (void) old;
    return checked_realloc(q, n);
}

static void
gmp_free(void *q, size_t n)
{
    (void) n;
    free(q);
}

/* A run whose standard output could not be written (a full disk, a
   closed pipe) must not report success: its results are lost. */
static int
finish(int rc)
{
    int e = 0;
    if (fflush(stdout) != 0)
        e = errno;
    if (e != 0 || ferror(stdout))
    {
        if (e != 0)
            cli_fail("error writing standard output: %s", strerror(e));
        else
            cli_fail("error writing standard output");
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
    __flint_set_memory_functions(checked_malloc, checked_calloc, checked_realloc, free);
    mp_set_memory_functions(checked_malloc, gmp_realloc, gmp_free);
    if (argc < 2)
    {
        fprintf(stderr,
                "basincheck: no command given: list, run, basin, tail, cap, jacobian, critical or bench (see "
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
    else if (!strcmp(argv[1], "jacobian"))
        rc = cli_jacobian(argc - 1, argv + 1);
    else if (!strcmp(argv[1], "critical"))
        rc = cli_critical(argc - 1, argv + 1);
    else if (!strcmp(argv[1], "bench"))
        rc = cli_bench(argc - 1, argv + 1);
    else
    {
        rc = cli_fail("unknown command '%s' (see 'basincheck --help')", argv[1]);
    }
    flint_cleanup_master();
    return finish(rc);
}
