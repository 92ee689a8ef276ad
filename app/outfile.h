/* outfile.h -- the one way the program writes a file (a report, an
   exported instance): atomically, and never at the cost of a path it did
   not create.

   A file is written only when it is complete.  The writer writes into
   memory (outfile_struct.f); outfile_commit then writes the bytes to a
   new temporary file in the target's directory (".NAME.XXXXXX", made by
   mkstemp), flushes it to disk (fsync) and renames it over the target,
   so that a reader (or a concurrent run) sees either the earlier file or
   the new one, whole, and never a mixture or a prefix.  A symbolic link
   is followed: the file it names is replaced and the link stays.

   Targets that are not regular files -- a device (/dev/null, a
   terminal), a FIFO, a socket, or a descriptor alias under /proc
   (/dev/stdout, /dev/fd/N) -- are written directly, without a temporary
   file, at commit time; they are never created, truncated before the
   report is complete, or removed.

   Nothing but the temporary file of this process is ever removed:
   outfile_abort (an input error, a failed run) and the signal handlers
   installed by outfile_open (SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGPIPE,
   SIGALRM, SIGXCPU, SIGXFSZ, SIGABRT; a signal ignored at start stays
   ignored) unlink only the temporary files this process created and has
   not yet renamed; a handler then re-raises the signal with its default
   action, so the exit status still shows it.

   Test hook: when the environment variable BC_TEST_OUTFILE_SIGNAL is
   "before", "middle" or "after" (optionally followed by ":N", a signal
   number; default SIGTERM), outfile_commit raises that signal in the
   process itself right after creating the temporary file, after writing
   and syncing the first half of the bytes to it, or after the rename,
   respectively: the fault-injection tests use it to kill a run at a
   known point of writing its report.  It has no other effect. */
#ifndef OUTFILE_H
#define OUTFILE_H

#include <stdio.h>
#include <sys/types.h>

#ifdef __cplusplus
extern "C"
{
#endif

    typedef struct
    {
        char *path;      /* the name as given (for messages) */
        char *target;    /* the regular file replaced on commit; NULL when direct */
        const char *who; /* message prefix after "basincheck: " ("" or "bench basin: ") */
        int direct;      /* written in place at commit (not a regular file) */
        mode_t mode;     /* permissions of the committed file */
        FILE *f;         /* where the writer writes (memory), NULL once closed */
        char *buf;       /* the bytes of f */
        size_t len;
    } outfile_struct;

    typedef outfile_struct outfile_t[1];

    /* Prepares o for writing the file at path; who is the message prefix
   after "basincheck: " ("" for none; it must outlive o).  Checks now what
   can be checked before a long run -- the directory exists and accepts
   a new file, an existing target is writable and not a directory -- so
   that an unwritable path is reported before the work.  Returns 0 (o->f
   open), or -1 after printing one line "basincheck: WHOcannot write
   'PATH': REASON" (o then needs no outfile_abort). */
    int outfile_open(outfile_t o, const char *path, const char *who);

    /* Writes the bytes written to o->f to the target (see the top of this
   file) and frees o.  Returns 0, or -1 after printing one line
   "basincheck: WHOerror writing 'PATH': REASON" (the target is then
   untouched when it is a regular file). */
    int outfile_commit(outfile_t o);

    /* Discards o without touching the target; frees o. */
    void outfile_abort(outfile_t o);

    /* 1 when paths a and b name the same regular file (the same string
   after following symbolic links, or the same device and inode), so
   that writing both would lose one of them; 0 otherwise, also when
   either is not a regular file or cannot be resolved (then writing
   reports the problem). */
    int outfile_same(const char *a, const char *b);

    /* Removes every temporary file of this process that is not yet
   renamed (async-signal-safe: unlink only).  For fatal paths that end
   the process without a signal (out of memory). */
    void outfile_cleanup(void);

#ifdef __cplusplus
}
#endif

#endif
