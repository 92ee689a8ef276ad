/* basincheck.c -- entry point: dispatches to the commands. */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gmp.h>

#include "cli.h"
#include "outfile.h"
#include "par.h"

/* Where a fatal message goes, and the rank it comes from: the only state
   the handlers below need (they cannot take arguments).  Standard error
   on one process; the terminal's standard error, kept by par_init, on a
   rank of an MPI job (rank is then >= 0). */
static int fatal_fd = 2;
static int fatal_rank = -1;

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
    if (fatal_rank >= 0)
        k = snprintf(msg, sizeof msg,
                     "basincheck: rank %d: out of memory: an allocation of %lu bytes failed (the input needs "
                     "more memory than each rank may use); the run is abandoned, no report written\n",
                     fatal_rank, (unsigned long) n);
    else
        k = snprintf(msg, sizeof msg,
                     "basincheck: out of memory: an allocation of %lu bytes failed (the input needs more "
                     "memory than this process may use)\n",
                     (unsigned long) n);
    if (k > 0 && write(fatal_fd, msg, (size_t) k) < 0)
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

/* On a rank of an MPI job a fatal signal ends the rank with one line
   and status 2, which makes the launcher end the whole job (without a
   report: reports are renamed into place only when complete, and this
   removes the temporary file of one being written).  A signal from the
   launcher itself (the parent: it ends the other ranks when one failed,
   or passes on an interrupt) ends the rank silently: the failure was
   reported where it happened.  Async-signal-safe: getppid, unlink,
   write and _exit only. */
/* appends s, or the decimal digits of v >= 0, to buf at *k (the
   message below fits its buffer); async-signal-safe, unlike printf */
static void
put_str(char *buf, size_t *k, const char *s)
{
    while (*s != '\0')
        buf[(*k)++] = *s++;
}

static void
put_int(char *buf, size_t *k, int v)
{
    char d[12];
    int n = 0;
    do
        d[n++] = (char) ('0' + v % 10);
    while ((v /= 10) > 0 && n < 11);
    while (n > 0)
        buf[(*k)++] = d[--n];
}

static void
rank_on_signal(int sig, siginfo_t *info, void *uc)
{
    (void) uc;
    outfile_cleanup();
    if (info == NULL || info->si_code != SI_USER || info->si_pid != getppid())
    {
        char msg[160];
        size_t k = 0;
        put_str(msg, &k, "basincheck: rank ");
        put_int(msg, &k, fatal_rank);
        put_str(msg, &k, ": ended by signal ");
        put_int(msg, &k, sig);
        put_str(msg, &k, "; the run is abandoned, no report written\n");
        if (write(fatal_fd, msg, k) < 0)
            k = 0;
    }
    _exit(CLI_EXIT_USAGE);
}

static void
rank_signals(const par_t P)
{
    static const int sigs[] = {SIGHUP,  SIGINT,  SIGQUIT, SIGTERM, SIGPIPE, SIGALRM,
                               SIGXCPU, SIGXFSZ, SIGSEGV, SIGBUS,  SIGFPE,  SIGILL};
    size_t k;
    fatal_fd = P->err_fd;
    fatal_rank = P->rank;
    for (k = 0; k < sizeof sigs / sizeof sigs[0]; k++)
    {
        struct sigaction old, sa;
        /* an ignored signal stays ignored; someone else's handler (a
           checker's, MPI's) stays */
        if (sigaction(sigs[k], NULL, &old) != 0 || (old.sa_flags & SA_SIGINFO) || old.sa_handler != SIG_DFL)
            continue;
        memset(&sa, 0, sizeof sa);
        sa.sa_sigaction = rank_on_signal;
        sigemptyset(&sa.sa_mask);
        sa.sa_flags = SA_RESETHAND | SA_SIGINFO;
        sigaction(sigs[k], &sa, NULL);
    }
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
    par_t P;
    __flint_set_memory_functions(checked_malloc, checked_calloc, checked_realloc, free);
    mp_set_memory_functions(checked_malloc, gmp_realloc, gmp_free);
    if (par_init(P, &argc, &argv) != 0)
        return CLI_EXIT_USAGE;
    if (P->size > 1)
    {
        rank_signals(P);
        /* rank 0 alone prints (what the others would print is the same) */
        if (!par_root(P) && freopen("/dev/null", "w", stdout) == NULL)
            par_abort(P, CLI_EXIT_USAGE, "rank %d: cannot redirect its standard output", P->rank);
        /* only `run` divides its work; anything else would run once per
           rank, each printing and writing the same files.  Every rank
           sees the same command line: rank 0 says so, all end alike */
        if (argc < 2 || strcmp(argv[1], "run") != 0)
        {
            if (par_root(P))
                cli_fail("only 'run' uses several MPI ranks; start '%s' as one process (mpirun -np 1, or "
                         "without mpirun)",
                         argc < 2 ? "basincheck" : argv[1]);
            par_finalize(P);
            return CLI_EXIT_USAGE;
        }
        rc = cli_run(argc - 1, argv + 1, P);
        flint_cleanup_master();
        rc = finish(rc);
        par_finalize(P);
        return rc;
    }
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
        rc = cli_run(argc - 1, argv + 1, P);
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
    rc = finish(rc);
    par_finalize(P);
    return rc;
}
