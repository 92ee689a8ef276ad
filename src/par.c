/* par.c -- the parallel context (par.h): MPI when built with it, else
   the serial identity. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "par.h"

#ifdef BC_HAVE_MPI
#include <mpi.h>
#endif

/* ulong is summed as MPI_UNSIGNED_LONG */
_Static_assert(sizeof(ulong) == sizeof(unsigned long), "ulong is unsigned long");

void
par_serial(par_t P)
{
    P->rank = 0;
    P->size = 1;
    P->local = 1;
    P->mpi = 0;
    P->err_fd = 2;
    P->tmp_fd = -1;
}

void
par_block(ulong *first, ulong *count, const par_t P, int rank, ulong n)
{
    ulong s = (ulong) P->size, r = (ulong) rank, q = n / s, m = n % s;
    *first = r * q + (r < m ? r : m);
    *count = q + (r < m ? 1 : 0);
}

#ifdef BC_HAVE_MPI

/* writes all of the n bytes of buf to fd, ignoring what cannot be written
   (the message is the last thing a failing rank does) */
static void
write_all(int fd, const char *buf, size_t n)
{
    while (n > 0)
    {
        ssize_t k = write(fd, buf, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return;
        buf += k;
        n -= (size_t) k;
    }
}

/* 1 when a launcher started this process as one rank of a job */
static int
launched(void)
{
    static const char *const vars[] = {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMI_RANK", "PMIX_RANK"};
    size_t i;
    for (i = 0; i < sizeof(vars) / sizeof(vars[0]); i++)
        if (getenv(vars[i]) != NULL)
            return 1;
    return 0;
}

/* Keeps this rank's standard error aside in an unlinked temporary file
   (shown by par_exit when this rank's failure is the one to report). */
static void
keep_stderr_aside(par_t P)
{
    const char *dir = getenv("TMPDIR");
    char path[4096];
    int fd, saved;
    if (dir == NULL || dir[0] == '\0')
        dir = "/tmp";
    if ((size_t) snprintf(path, sizeof path, "%s/.basincheck-rank.XXXXXX", dir) >= sizeof path)
        return;
    fd = mkstemp(path);
    if (fd < 0)
        return; /* standard error then stays the terminal's */
    unlink(path);
    fflush(stderr);
    saved = dup(2);
    if (saved < 0 || dup2(fd, 2) < 0)
    {
        if (saved >= 0)
            close(saved);
        close(fd);
        return;
    }
    P->err_fd = saved;
    P->tmp_fd = fd;
}

int
par_init(par_t P, int *argc, char ***argv)
{
    int provided;
    par_serial(P);
    if (!launched())
        return 0;
    if (MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided) != MPI_SUCCESS)
    {
        fprintf(stderr, "basincheck: MPI could not be initialised\n");
        return -1;
    }
    P->mpi = 1;
    MPI_Comm_rank(MPI_COMM_WORLD, &P->rank);
    MPI_Comm_size(MPI_COMM_WORLD, &P->size);
    {
        /* the ranks that share this machine's processors */
        MPI_Comm node;
        if (MPI_Comm_split_type(MPI_COMM_WORLD, MPI_COMM_TYPE_SHARED, 0, MPI_INFO_NULL, &node) == MPI_SUCCESS)
        {
            MPI_Comm_size(node, &P->local);
            MPI_Comm_free(&node);
        }
    }
    if (P->rank != 0)
        keep_stderr_aside(P);
    return 0;
}

void
par_finalize(par_t P)
{
    if (P->mpi)
        MPI_Finalize();
    if (P->tmp_fd >= 0)
    {
        fflush(stderr);
        dup2(P->err_fd, 2);
        close(P->err_fd);
        close(P->tmp_fd);
    }
    par_serial(P);
}

int
par_sync(const par_t P, int failed)
{
    int lowest = failed ? P->rank : P->size;
    if (P->mpi)
        MPI_Allreduce(MPI_IN_PLACE, &lowest, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
    return lowest < P->size ? lowest : -1;
}

void
par_exit(const par_t P, int failed_rank, int code)
{
    fflush(stdout);
    fflush(stderr);
    if (P->tmp_fd >= 0 && failed_rank == P->rank)
    {
        /* this rank's failure is the one reported: show what it printed */
        char buf[4096];
        ssize_t k;
        if (lseek(P->tmp_fd, 0, SEEK_SET) == 0)
            while ((k = read(P->tmp_fd, buf, sizeof buf)) > 0)
                write_all(P->err_fd, buf, (size_t) k);
    }
    if (P->mpi)
        MPI_Finalize();
    exit(code);
}

void
par_abort(const par_t P, int code, const char *fmt, ...)
{
    if (fmt != NULL)
    {
        char msg[1024];
        va_list ap;
        int k;
        memcpy(msg, "basincheck: ", 12);
        va_start(ap, fmt);
        k = vsnprintf(msg + 12, sizeof msg - 13, fmt, ap);
        va_end(ap);
        if (k < 0)
            k = 0;
        if ((size_t) k > sizeof msg - 14)
            k = (int) (sizeof msg - 14);
        msg[12 + k] = '\n';
        fflush(stderr);
        write_all(P->err_fd, msg, (size_t) (12 + k + 1));
    }
    if (P->mpi)
        MPI_Abort(MPI_COMM_WORLD, code);
    exit(code);
}

void
par_reduce(const par_t P, ulong *x, slong n)
{
    int failed = par_sync(P, 0);
    if (failed >= 0)
        par_exit(P, failed, 2);
    if (P->mpi && P->size > 1 && n > 0)
        MPI_Allreduce(MPI_IN_PLACE, x, (int) n, MPI_UNSIGNED_LONG, MPI_SUM, MPI_COMM_WORLD);
}

void
par_allgather(const par_t P, void *items, ulong n, size_t size)
{
    int failed = par_sync(P, 0), r;
    int *counts, *displs;
    if (failed >= 0)
        par_exit(P, failed, 2);
    if (!P->mpi || P->size == 1 || n == 0)
        return;
    if (n * size > (ulong) 0x7fffffff)
        par_abort(P, 2, "internal: %lu items of %lu bytes are too many to gather in one message",
                  (unsigned long) n, (unsigned long) size);
    counts = flint_malloc(sizeof(int) * (size_t) P->size);
    displs = flint_malloc(sizeof(int) * (size_t) P->size);
    for (r = 0; r < P->size; r++)
    {
        ulong first, count;
        par_block(&first, &count, P, r, n);
        counts[r] = (int) (count * size);
        displs[r] = (int) (first * size);
    }
    MPI_Allgatherv(MPI_IN_PLACE, 0, MPI_DATATYPE_NULL, items, counts, displs, MPI_BYTE, MPI_COMM_WORLD);
    flint_free(counts);
    flint_free(displs);
}

#else /* serial */

int
par_init(par_t P, int *argc, char ***argv)
{
    (void) argc;
    (void) argv;
    par_serial(P);
    return 0;
}

void
par_finalize(par_t P)
{
    par_serial(P);
}

int
par_sync(const par_t P, int failed)
{
    (void) P;
    return failed ? 0 : -1;
}

void
par_exit(const par_t P, int failed_rank, int code)
{
    (void) P;
    (void) failed_rank;
    fflush(stdout);
    exit(code);
}

void
par_abort(const par_t P, int code, const char *fmt, ...)
{
    (void) P;
    if (fmt != NULL)
    {
        va_list ap;
        fputs("basincheck: ", stderr);
        va_start(ap, fmt);
        vfprintf(stderr, fmt, ap);
        va_end(ap);
        fputc('\n', stderr);
    }
    fflush(stdout);
    exit(code);
}

void
par_reduce(const par_t P, ulong *x, slong n)
{
    (void) P;
    (void) x;
    (void) n;
}

void
par_allgather(const par_t P, void *items, ulong n, size_t size)
{
    (void) P;
    (void) items;
    (void) n;
    (void) size;
}

#endif

void
par_fail(const par_t P)
{
    int failed = par_sync(P, 1);
    par_exit(P, failed, 2);
}
