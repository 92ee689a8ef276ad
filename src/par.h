/* par.h -- the parallel context: one run on one or several MPI ranks.

   Every rank runs the same program on the same options, so that every
   rank takes the same decisions in the same order; only the costly
   loops are divided (Monte Carlo samples in contiguous blocks per rank,
   par_mc_run; work items, par_allgather), and their results are summed
   or gathered so that every rank continues with the values one process
   would have computed.  Rank 0 alone prints and writes the reports.

   Built without MPI (BC_HAVE_MPI undefined, the default) every function
   here is its serial identity: one rank, rank 0, and no collective does
   anything.  A program built with MPI that was not started by an MPI
   launcher (mpirun, mpiexec, srun) also runs as one serial rank: MPI is
   initialised only when a launcher's environment says so (par_init).

   Failures.  A rank that cannot go on (an input error, an unwritable
   output) calls par_fail.  Every collective below begins with one fixed
   exchange of a failure flag, so that the failing rank's par_fail meets
   whatever collective the other ranks are in (a rank that fails in a
   module has skipped that module's remaining collectives); every rank
   then learns that the run failed, and leaves with status 2 (par_exit).
   Standard error of the ranks other than 0 is kept aside (a temporary
   file) and shown only when that rank is the lowest one that failed, so
   that a failure all ranks detect alike prints one message, not one per
   rank.

   The context holds no state beyond what MPI itself holds: it is passed
   through the run context (module.h, run_t) to whatever divides work. */
#ifndef PAR_H
#define PAR_H

#include "bc.h"
#include "mc.h"

#ifdef __cplusplus
extern "C"
{
#endif

    typedef struct
    {
        int rank;   /* 0 <= rank < size */
        int size;   /* the number of ranks, >= 1 */
        int local;  /* the ranks on this rank's machine (shared memory), >= 1 */
        int mpi;    /* 1 when MPI was initialised by par_init */
        int err_fd; /* the original standard error (a rank other than 0), else 2 */
        int tmp_fd; /* where standard error is kept aside, or -1 */
    } par_struct;

    typedef par_struct par_t[1];

    /* Sets P to the serial context: rank 0 of 1, no MPI. */
    void par_serial(par_t P);

    /* Sets P for this process.  Built with MPI and started by a launcher
       (one of the environment variables OMPI_COMM_WORLD_SIZE, PMI_SIZE,
       PMI_RANK, PMIX_RANK is set), initialises MPI (thread level
       funneled: only the thread that called par_init calls MPI), sets
       rank and size, and on a rank other than 0 keeps standard error
       aside (top of file).  Otherwise sets the serial context.  Returns
       0, or -1 after one line on stderr when MPI could not be
       initialised (P is then serial). */
    int par_init(par_t P, int *argc, char ***argv);

    /* Ends MPI when par_init started it; P is serial afterwards. */
    void par_finalize(par_t P);

    /* 1 on the rank that prints and writes (rank 0). */
    static inline int
    par_root(const par_t P)
    {
        return P->rank == 0;
    }

    /* The block of items [*first, *first + *count) of rank `rank` when n
       items are divided into P->size contiguous blocks whose sizes differ
       by at most one, the lower ranks taking the larger ones. */
    void par_block(ulong *first, ulong *count, const par_t P, int rank, ulong n);

    /* The failure exchange that begins every collective: every rank
       passes whether it failed.  Returns -1 when no rank failed, else
       the lowest rank that failed (the same on every rank).  Serial:
       returns failed ? 0 : -1. */
    int par_sync(const par_t P, int failed);

    /* Ends this process with status code after a collective failure (a
       rank that par_sync said failed): the lowest failing rank other
       than 0 first shows its standard error; MPI is finalised.  Serial:
       exit(code).  Never returns. */
    void par_exit(const par_t P, int failed_rank, int code)
#ifdef __GNUC__
        __attribute__((noreturn))
#endif
        ;

    /* This rank failed (its message is printed already): tells the other
       ranks (par_sync) and ends the process with status 2 (par_exit).
       Serial: exit(2).  Never returns. */
    void par_fail(const par_t P)
#ifdef __GNUC__
        __attribute__((noreturn))
#endif
        ;

    /* Ends the whole job at once with status code after printing
       "basincheck: MSG" (printf-style; none when fmt is NULL) on the
       original standard error: for a failure that the other ranks cannot
       meet in a collective (MPI_Abort).  Serial: exit(code).  Never
       returns. */
    void par_abort(const par_t P, int code, const char *fmt, ...)
#ifdef __GNUC__
        __attribute__((noreturn, format(printf, 3, 4)))
#endif
        ;

    /* Sums x[0..n-1] over the ranks; every rank receives the sums (in
       place).  Ends the process (par_exit) when a rank failed. */
    void par_reduce(const par_t P, ulong *x, slong n);

    /* items holds n items of size bytes each; rank r has filled its
       block of them (par_block(P, r, n)).  Sets every item on every rank
       to the value its rank computed.  The items must be plain data
       (no pointers).  Ends the process (par_exit) when a rank failed. */
    void par_allgather(const par_t P, void *items, ulong n, size_t size);

    /* mc_run divided over the ranks: rank r runs the samples of its block
       (par_block) of 0..nsamples-1 with opts->threads threads, each
       sample i still on stream (seed, stream, i), and the tallies are
       summed (par_reduce), so that T is on every rank exactly the tally
       of mc_run on one process (but seconds, this rank's wall time).
       Progress is drawn on rank 0 only.  Serial: mc_run. */
    void par_mc_run(const par_t P, mc_tally_t T, mc_sample_fn fn, const void *ctx, ulong nsamples,
                    uint64_t seed, uint64_t stream, const mc_opts *opts);

#ifdef __cplusplus
}
#endif

#endif
