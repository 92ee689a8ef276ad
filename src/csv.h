/* csv.h -- exact reading of numeric CSV tables.

   Grammar (one table per file):
     file    = { line }
     line    = [ row ] [ comment ] ( LF | CRLF | end of file )
     row     = number { "," number }
     number  = ws* ( decimal | rational ) ws*
     decimal = [sign] ( digits [ "." [digits] ] | "." digits ) [ ("e"|"E") [sign] digits ]
     rational= [sign] digits "/" [sign] digits        (denominator non-zero)
     comment = "#" any valid UTF-8 up to the end of the line
   ws is space or tab.  Blank and comment-only lines are ignored.  Every
   number is converted EXACTLY to an fmpq: "0.1" is 1/10, "-2.5e-3" is
   -1/400.  A leading UTF-8 byte order mark is skipped.

   Refused, with a one-line message "PATH:LINE:COL: ..." naming the
   offending byte (columns count bytes from 1), or "PATH: ..." for
   file-level problems: ragged rows, nan/inf/infinity in any case,
   exponents beyond +-CSV_MAX_EXP, zero denominators, trailing garbage
   ("1.5x", "1,,2", "1,"), NUL bytes, bytes outside ASCII in data (and
   invalid UTF-8 in comments), lines longer than CSV_MAX_LINE bytes, more
   than CSV_MAX_COLS columns or CSV_MAX_ENTRIES entries, numbers whose
   exact values together exceed CSV_MAX_BITS bits, empty tables,
   directories and unreadable paths.  Nothing is ever truncated silently. */
#ifndef CSV_H
#define CSV_H

#include "bc.h"
#include <flint/fmpq_mat.h>

#ifdef __cplusplus
extern "C"
{
#endif

#define CSV_MAX_EXP 10000                  /* |decimal exponent| allowed */
#define CSV_MAX_LINE ((slong) 1 << 20)     /* bytes per line, without EOL */
#define CSV_MAX_COLS ((slong) 1000000)     /* columns */
#define CSV_MAX_ENTRIES ((slong) 10000000) /* rows * cols */
#define CSV_MAX_BITS                                                                                         \
    ((slong) 1 << 30)                  /* total bits of numerators and
                                            denominators held */
#define CSV_MAX_FILE ((slong) 1 << 30) /* bytes per file */

    typedef struct
    {
        slong rows, cols; /* rows x cols table, row major */
        fmpq *entries;    /* rows * cols initialised fmpq (alloc of them) */
        slong alloc;      /* number of initialised fmpq in entries */
    } csv_table_struct;

    typedef csv_table_struct csv_table_t[1];

/* Entry (i, j), 0-based; no bounds check. */
#define csv_table_entry(T, i, j) ((T)->entries + (i) * (T)->cols + (j))

    /* Sets T to the empty 0 x 0 table. */
    void csv_table_init(csv_table_t T);

    /* Frees the memory of T. */
    void csv_table_clear(csv_table_t T);

    /* Reads the CSV file at path into T.  Returns 0 on success.  On failure
   returns nonzero, leaves T as the empty 0 x 0 table and, if err is not
   NULL and errlen > 0, writes a NUL-terminated one-line message (no
   newline) "PATH:LINE:COL: ..." or "PATH: ..." into err, truncated to
   errlen bytes. */
    int csv_read(csv_table_t T, const char *path, char *err, size_t errlen);

    /* As csv_read, from the len bytes at buf (which need not be
   NUL-terminated and may contain any bytes); name replaces PATH in
   messages.  buf may be NULL when len is 0. */
    int csv_read_mem(csv_table_t T, const char *name, const char *buf, size_t len, char *err, size_t errlen);

    /* Copies T into A, which must already have T->rows rows and T->cols
   columns. */
    void csv_table_get_fmpq_mat(fmpq_mat_t A, const csv_table_t T);

    /* 1-based line numbers of the rows of the CSV file at path, which
   csv_read has just accepted with `rows` rows (a line holds a row unless
   it is blank or a comment), in a new array of `rows` entries (free with
   flint_free).  Returns NULL when the file is not a regular file (a pipe
   cannot be read twice) or no longer matches (it changed in between):
   callers then name rows by their index ("row k"). */
    slong *csv_row_lines(const char *path, slong rows);

#ifdef __cplusplus
}
#endif

#endif
