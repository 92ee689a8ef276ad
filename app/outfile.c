/* outfile.c -- atomic output files (outfile.h). */
/* realpath is XSI, beyond the POSIX base the project builds against */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "outfile.h"

#ifndef PATH_MAX
#define PATH_MAX 4096
#endif

/* Temporary files not yet renamed, for the signal handlers: a fixed
   table (no allocation in a handler); a slot's path is complete before
   its flag is set.  Temporary files exist only inside outfile_commit
   (and for an instant in outfile_open), one at a time, so a few slots
   are plenty. */
#define OUTFILE_SLOTS 4
static char outfile_tmp[OUTFILE_SLOTS][PATH_MAX];
static volatile sig_atomic_t outfile_used[OUTFILE_SLOTS];

static const int outfile_signals[] = {SIGHUP,  SIGINT,  SIGQUIT, SIGTERM, SIGPIPE,
                                      SIGALRM, SIGXCPU, SIGXFSZ, SIGABRT};
#define OUTFILE_NSIGNALS ((int) (sizeof(outfile_signals) / sizeof(outfile_signals[0])))

/* the follow limit of symbolic links (Linux's own is 40) */
#define OUTFILE_MAX_LINKS 40
/* bytes per write(); the test hook splits the write in two halves */
#define OUTFILE_CHUNK 65536

void
outfile_cleanup(void)
{
    int i;
    for (i = 0; i < OUTFILE_SLOTS; i++)
        if (outfile_used[i])
            unlink(outfile_tmp[i]);
}

static void
outfile_on_signal(int sig)
{
    int saved = errno;
    outfile_cleanup();
    /* SA_RESETHAND restored the default action; the signal is blocked
       while the handler runs, so it takes effect on return */
    raise(sig);
    errno = saved;
}

static void
install_handlers(void)
{
    static int done = 0;
    int k;
    if (done)
        return;
    done = 1;
    for (k = 0; k < OUTFILE_NSIGNALS; k++)
    {
        struct sigaction old, sa;
        if (sigaction(outfile_signals[k], NULL, &old) != 0)
            continue;
        /* an ignored signal stays ignored; a handler of someone else's
           (a checker's) stays */
        if ((old.sa_flags & SA_SIGINFO) || old.sa_handler != SIG_DFL)
            continue;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = outfile_on_signal;
        sigemptyset(&sa.sa_mask);
        sa.sa_flags = SA_RESETHAND;
        sigaction(outfile_signals[k], &sa, NULL);
    }
}

/* Blocks (how = SIG_BLOCK) or restores the handled signals around the
   creation and the rename of a temporary file, so that a signal finds
   the table in step with the directory. */
static void
block_signals(sigset_t *old)
{
    sigset_t s;
    int k;
    sigemptyset(&s);
    for (k = 0; k < OUTFILE_NSIGNALS; k++)
        sigaddset(&s, outfile_signals[k]);
    pthread_sigmask(SIG_BLOCK, &s, old);
}

static void
restore_signals(const sigset_t *old)
{
    pthread_sigmask(SIG_SETMASK, old, NULL);
}

/* Creates the temporary file for target (signals blocked by the caller)
   and records it; returns its descriptor and slot, or -1 with errno. */
static int
make_temp(int *slot, const char *target)
{
    const char *slash = strrchr(target, '/');
    size_t dlen = slash == NULL ? 0 : (size_t) (slash - target) + 1;
    const char *base = target + dlen;
    int i, fd;
    for (i = 0; i < OUTFILE_SLOTS && outfile_used[i]; i++)
        ;
    if (i == OUTFILE_SLOTS)
    {
        errno = EMFILE;
        return -1;
    }
    if (dlen + 1 + strlen(base) + 8 >= PATH_MAX)
    {
        errno = ENAMETOOLONG;
        return -1;
    }
    memcpy(outfile_tmp[i], target, dlen);
    snprintf(outfile_tmp[i] + dlen, PATH_MAX - dlen, ".%s.XXXXXX", base);
    fd = mkstemp(outfile_tmp[i]);
    if (fd < 0)
        return -1;
    outfile_used[i] = 1;
    *slot = i;
    return fd;
}

static void
drop_temp(int slot, int remove)
{
    if (remove)
        unlink(outfile_tmp[slot]);
    outfile_used[slot] = 0;
}

/* The test hook (outfile.h): raises the signal named by
   BC_TEST_OUTFILE_SIGNAL when it names this stage. */
static void
test_hook(const char *stage)
{
    const char *v = getenv("BC_TEST_OUTFILE_SIGNAL");
    size_t n = strlen(stage);
    int sig = SIGTERM;
    if (v == NULL || strncmp(v, stage, n) != 0 || (v[n] != '\0' && v[n] != ':'))
        return;
    if (v[n] == ':')
        sig = atoi(v + n + 1);
    if (sig > 0)
        raise(sig);
}

static char *
copy_str(const char *s, size_t n)
{
    char *r = flint_malloc(n + 1);
    memcpy(r, s, n);
    r[n] = '\0';
    return r;
}

/* Follows the symbolic links from path.  Sets *final (allocated) to the
   last name of the chain, *exists and *st to whether it exists and its
   lstat, and *magic when the chain enters /proc (descriptor aliases
   such as /dev/stdout -> /proc/self/fd/1, which name an open file, not
   a place for a new one; *st is then its stat).  Returns 0 or an errno
   value (*final not set). */
static int
resolve(char **final, struct stat *st, int *exists, int *magic, const char *path)
{
    char *p = copy_str(path, strlen(path));
    int hops;
    *exists = 0;
    *magic = 0;
    for (hops = 0; hops <= OUTFILE_MAX_LINKS; hops++)
    {
        char *link, *q;
        ssize_t got;
        const char *slash;
        if (strncmp(p, "/proc/", 6) == 0)
        {
            *magic = 1;
            *exists = stat(p, st) == 0;
            *final = p;
            return 0;
        }
        if (lstat(p, st) != 0)
        {
            int e = errno;
            if (e == ENOENT)
            {
                *final = p;
                return 0;
            }
            flint_free(p);
            return e;
        }
        if (!S_ISLNK(st->st_mode))
        {
            *exists = 1;
            *final = p;
            return 0;
        }
        link = flint_malloc(PATH_MAX);
        got = readlink(p, link, PATH_MAX - 1);
        if (got < 0 || got == 0)
        {
            int e = got < 0 ? errno : ENOENT;
            flint_free(link);
            flint_free(p);
            return e;
        }
        link[got] = '\0';
        slash = strrchr(p, '/');
        if (link[0] == '/' || slash == NULL)
            q = copy_str(link, (size_t) got);
        else
        {
            size_t dl = (size_t) (slash - p) + 1;
            q = flint_malloc(dl + (size_t) got + 1);
            memcpy(q, p, dl);
            memcpy(q + dl, link, (size_t) got + 1);
        }
        flint_free(link);
        flint_free(p);
        p = q;
    }
    flint_free(p);
    return ELOOP;
}

static int
open_fail(outfile_t o, int e)
{
    cli_fail("%scannot write '%s': %s", o->who, o->path, strerror(e));
    flint_free(o->path);
    flint_free(o->target);
    o->path = o->target = NULL;
    return -1;
}

int
outfile_open(outfile_t o, const char *path, const char *who)
{
    struct stat st;
    char *final = NULL;
    int exists, magic, e;

    memset(o, 0, sizeof(outfile_struct));
    o->who = who == NULL ? "" : who;
    o->path = copy_str(path, strlen(path));
    if (path[0] == '\0')
        return open_fail(o, ENOENT);
    e = resolve(&final, &st, &exists, &magic, path);
    if (e != 0)
        return open_fail(o, e);
    o->target = final;
    if (magic || (exists && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)))
    {
        /* a device, FIFO, socket or descriptor: written in place at
           commit, never created or removed */
        if (magic && !exists)
            return open_fail(o, ENOENT);
        if (access(path, W_OK) != 0)
            return open_fail(o, errno);
        flint_free(o->target);
        o->target = NULL;
        o->direct = 1;
    }
    else if (exists && S_ISDIR(st.st_mode))
        return open_fail(o, EISDIR);
    else
    {
        size_t n = strlen(final);
        sigset_t old;
        int fd, slot;
        if (n == 0 || final[n - 1] == '/')
            return open_fail(o, EISDIR);
        /* a read-only report stays as it is, as fopen would have it */
        if (exists && access(final, W_OK) != 0)
            return open_fail(o, errno);
        /* the directory must take a new file: try one now rather than
           after the run */
        install_handlers();
        block_signals(&old);
        fd = make_temp(&slot, final);
        e = errno;
        if (fd >= 0)
        {
            close(fd);
            drop_temp(slot, 1);
        }
        restore_signals(&old);
        if (fd < 0)
            return open_fail(o, e);
        if (exists)
            o->mode = st.st_mode & 07777;
        else
        {
            mode_t u = umask(0);
            umask(u);
            o->mode = 0666 & ~u;
        }
    }
    install_handlers();
    o->f = open_memstream(&o->buf, &o->len);
    if (o->f == NULL)
        return open_fail(o, errno);
    return 0;
}

static void
outfile_free(outfile_t o)
{
    if (o->f != NULL)
        fclose(o->f);
    free(o->buf); /* open_memstream's buffer comes from malloc */
    flint_free(o->path);
    flint_free(o->target);
    memset(o, 0, sizeof(outfile_struct));
}

void
outfile_abort(outfile_t o)
{
    outfile_free(o);
}

/* Writes len bytes; returns 0 or -1 with errno. */
static int
write_all(int fd, const char *p, size_t len)
{
    while (len > 0)
    {
        ssize_t w = write(fd, p, len < OUTFILE_CHUNK ? len : OUTFILE_CHUNK);
        if (w < 0)
        {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += w;
        len -= (size_t) w;
    }
    return 0;
}

/* In place: a device, FIFO or descriptor.  The program's own standard
   output or error is written through its descriptor, after what the
   program already printed there. */
static int
commit_direct(outfile_t o)
{
    struct stat st, sd;
    int fd = -1, own = 0, e;
    if (stat(o->path, &st) == 0)
    {
        if (fstat(1, &sd) == 0 && sd.st_dev == st.st_dev && sd.st_ino == st.st_ino)
        {
            fflush(stdout);
            fd = 1;
        }
        else if (fstat(2, &sd) == 0 && sd.st_dev == st.st_dev && sd.st_ino == st.st_ino)
            fd = 2;
    }
    if (fd < 0)
    {
        /* never O_CREAT: a device that vanished is not recreated */
        fd = open(o->path, O_WRONLY | O_NOCTTY | O_TRUNC);
        if (fd < 0)
            return -1;
        own = 1;
    }
    e = write_all(fd, o->buf, o->len) != 0 ? errno : 0;
    if (own && close(fd) != 0 && e == 0)
        e = errno;
    errno = e;
    return e == 0 ? 0 : -1;
}

/* A regular file: temporary file, fsync, rename (outfile.h). */
static int
commit_atomic(outfile_t o)
{
    sigset_t old;
    int fd, slot, e = 0;
    size_t half = o->len / 2;
    const char *slash;

    block_signals(&old);
    fd = make_temp(&slot, o->target);
    e = errno;
    restore_signals(&old);
    if (fd < 0)
    {
        errno = e;
        return -1;
    }
    test_hook("before");
    e = 0;
    if (write_all(fd, o->buf, half) != 0)
        e = errno;
    if (e == 0 && getenv("BC_TEST_OUTFILE_SIGNAL") != NULL)
    {
        /* the partial file is really on disk when the hook fires */
        fsync(fd);
        test_hook("middle");
    }
    if (e == 0 && write_all(fd, o->buf + half, o->len - half) != 0)
        e = errno;
    if (e == 0 && fchmod(fd, o->mode) != 0)
        e = errno;
    /* some file systems cannot sync (EINVAL): nothing more to do there */
    if (e == 0 && fsync(fd) != 0 && errno != EINVAL)
        e = errno;
    if (close(fd) != 0 && e == 0)
        e = errno;
    block_signals(&old);
    if (e == 0 && rename(outfile_tmp[slot], o->target) != 0)
        e = errno;
    drop_temp(slot, e != 0);
    restore_signals(&old);
    if (e != 0)
    {
        errno = e;
        return -1;
    }
    /* the rename itself reaches the disk with the directory */
    slash = strrchr(o->target, '/');
    {
        char *dir = slash == NULL
                        ? copy_str(".", 1)
                        : copy_str(o->target, slash == o->target ? 1 : (size_t) (slash - o->target));
        int dfd = open(dir, O_RDONLY);
        if (dfd >= 0)
        {
            fsync(dfd);
            close(dfd);
        }
        flint_free(dir);
    }
    test_hook("after");
    return 0;
}

int
outfile_commit(outfile_t o)
{
    int r = 0, e = 0;
    if (fclose(o->f) != 0)
    {
        e = errno;
        r = -1;
    }
    o->f = NULL;
    if (r == 0)
    {
        r = o->direct ? commit_direct(o) : commit_atomic(o);
        e = errno;
    }
    if (r != 0)
        cli_fail("%serror writing '%s': %s", o->who, o->path, strerror(e));
    outfile_free(o);
    return r;
}

/* The file a path writes: the resolved name with its directory made
   absolute (allocated), or NULL when it is not a regular file or cannot
   be resolved. */
static char *
canonical(const char *path, struct stat *st, int *exists)
{
    char *final, *dir, *real, *r;
    const char *slash, *base;
    int magic;
    if (resolve(&final, st, exists, &magic, path) != 0)
        return NULL;
    if (magic || (*exists && !S_ISREG(st->st_mode)))
    {
        flint_free(final);
        return NULL;
    }
    slash = strrchr(final, '/');
    dir = slash == NULL ? copy_str(".", 1) : copy_str(final, slash == final ? 1 : (size_t) (slash - final));
    base = slash == NULL ? final : slash + 1;
    real = realpath(dir, NULL);
    r = real == NULL ? NULL : bc_aprintf("%s/%s", real, base);
    free(real);
    flint_free(dir);
    flint_free(final);
    return r;
}

int
outfile_same(const char *a, const char *b)
{
    struct stat sa, sb;
    int ea, eb, same = 0;
    char *ca = canonical(a, &sa, &ea), *cb = canonical(b, &sb, &eb);
    if (ca != NULL && cb != NULL)
        same = !strcmp(ca, cb) || (ea && eb && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino);
    flint_free(ca);
    flint_free(cb);
    return same;
}
