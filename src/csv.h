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
   than CSV_MAX_COLS columns or CSV_MAX_ENTRIES entries, a number longer
   than CSV_MAX_DIGITS digits, numbers whose exact values together exceed
   CSV_MAX_BITS bits, files over CSV_MAX_FILE bytes, empty tables,
   directories and unreadable paths.  Nothing is ever truncated silently.

   The size of a number is counted as written, before any conversion:
   every digit of it (integer part, fraction, or numerator and
   denominator, leading and trailing zeros included) plus the magnitude
   of its decimal exponent, the zeros the exponent stands for ("1.5e3"
   has 2 + 3 = 5, "1e-10000" has 1 + 10000 = 10001).  Its exact value then
   has at most 3.33 bits per digit in numerator and denominator
   together, so the cost of converting and of every later operation on
   one number is bounded.

   Limits are checked before the memory or the work they bound is spent:
   csv_read holds at most one line of the file at a time (memory for the
   table only, whatever the length of the file or stream), and refuses an
   over-long line as soon as it has read one byte more than the limit. */
#ifndef CSV_H
#define CSV_H

#include "bc.h"
#include <flint/fmpq_mat.h>

#ifdef __cplusplus
extern "C"
{
#endif

#define CSV_MAX_EXP 10000                  /* |decimal exponent| allowed */
#define CSV_MAX_DIGITS ((slong) 20000)     /* size of one number as written (above) */
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
        slong *line;      /* rows entries: the 1-based source line of each row */
        slong line_alloc; /* room in line */
    } csv_table_struct;

    typedef csv_table_struct csv_table_t[1];

/* Entry (i, j), 0-based; no bounds check. */
#define csv_table_entry(T, i, j) ((T)->entries + (i) * (T)->cols + (j))

/* The 1-based line of the file that holds row i (blank and comment
   lines are not rows), for messages about a row's content. */
#define csv_table_row_line(T, i) ((T)->line[i])

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

    /* Splits the table of rows "x_1,...,x_d,last" (T->cols = d + 1 >= 2):
   copies the first d columns into A (already T->rows x d) and the last
   column into last (T->rows initialised entries). */
    void csv_table_split(fmpq_mat_t A, fmpq *last, const csv_table_t T);

#ifdef __cplusplus
}
#endif

#endif
