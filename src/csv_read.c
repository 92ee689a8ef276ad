/* csv_read.c -- exact parser of numeric CSV tables (grammar in csv.h).

   The parser works one line at a time (take_line): csv_read_mem walks
   the lines of its buffer in place, csv_read streams the file through a
   buffer of at most one line (CSV_MAX_LINE bytes), so that reading costs
   memory for the table only, never for the size of the file: a stream
   without end (/dev/zero, /dev/urandom) is refused at its first
   over-long line.  Every size is checked before the memory or the
   arithmetic it would cost is spent.  Every failure path clears the
   partial table, so a refused file leaks nothing and leaves the caller
   with an empty table. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "csv.h"

typedef struct
{
    const char *name;
    const char *buf;
    size_t len;
    char *err;
    size_t errlen;
    slong line;        /* current line, 1-based */
    size_t line_start; /* offset of the current line in buf */
    size_t line_end;   /* offset of the end of its data (before CR LF) */
    char *scratch;     /* digit buffer, CSV_MAX_DIGITS + 2 bytes */
    slong bits;        /* total bits of the entries read so far */
    csv_table_struct *T;
    slong n; /* entries stored so far */
} csv_state;

void
csv_table_init(csv_table_t T)
{
    T->rows = 0;
    T->cols = 0;
    T->entries = NULL;
    T->alloc = 0;
    T->line = NULL;
    T->line_alloc = 0;
}

void
csv_table_clear(csv_table_t T)
{
    slong i;
    for (i = 0; i < T->alloc; i++)
        fmpq_clear(T->entries + i);
    flint_free(T->entries);
    flint_free(T->line);
    csv_table_init(T);
}

void
csv_table_get_fmpq_mat(fmpq_mat_t A, const csv_table_t T)
{
    slong i, j;
    for (i = 0; i < T->rows; i++)
        for (j = 0; j < T->cols; j++)
            fmpq_set(fmpq_mat_entry(A, i, j), csv_table_entry(T, i, j));
}

void
csv_table_split(fmpq_mat_t A, fmpq *last, const csv_table_t T)
{
    slong i, j, d = T->cols - 1;
    for (i = 0; i < T->rows; i++)
    {
        for (j = 0; j < d; j++)
            fmpq_set(fmpq_mat_entry(A, i, j), csv_table_entry(T, i, j));
        fmpq_set(last + i, csv_table_entry(T, i, d));
    }
}

/* Formats "NAME:LINE:COL: msg" (col > 0), or "NAME: msg" (line == 0). */
static int
csv_error(csv_state *s, slong line, slong col, const char *fmt, ...)
{
    va_list ap;
    size_t k;
    int w;
    if (s->err == NULL || s->errlen == 0)
        return 1;
    if (line > 0)
        w = snprintf(s->err, s->errlen, "%s:%ld:%ld: ", s->name, (long) line, (long) col);
    else
        w = snprintf(s->err, s->errlen, "%s: ", s->name);
    k = (w < 0) ? 0 : (size_t) w;
    if (k < s->errlen)
    {
        va_start(ap, fmt);
        vsnprintf(s->err + k, s->errlen - k, fmt, ap);
        va_end(ap);
    }
    /* one line only: a name with a newline must not split the message */
    for (k = 0; s->err[k] != '\0'; k++)
        if (s->err[k] == '\n' || s->err[k] == '\r')
            s->err[k] = ' ';
    return 1;
}

/* Description of the byte at offset i of the current line ("'x'",
   "byte 0x00", "end of line"), written into out. */
static const char *
describe(const csv_state *s, size_t i, char *out, size_t outlen)
{
    unsigned char c;
    if (i >= s->line_end)
        return "end of line";
    c = (unsigned char) s->buf[i];
    if (c >= 0x21 && c < 0x7f)
        snprintf(out, outlen, "'%c'", (char) c);
    else if (c == ' ')
        snprintf(out, outlen, "' '");
    else
        snprintf(out, outlen, "byte 0x%02x", (unsigned) c);
    return out;
}

static slong
col_of(const csv_state *s, size_t i)
{
    return (slong) (i - s->line_start) + 1;
}

static int
is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int
is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Length of the valid UTF-8 sequence at buf[i..end), or 0 if invalid
   (overlong forms, surrogates and code points beyond U+10FFFF are
   invalid too). */
static size_t
utf8_len(const unsigned char *b, size_t i, size_t end)
{
    unsigned char c = b[i];
    size_t k, n;
    unsigned long cp;
    if (c < 0x80)
        return c == 0 ? 0 : 1;
    if (c >= 0xc2 && c <= 0xdf)
        n = 2, cp = c & 0x1f;
    else if (c >= 0xe0 && c <= 0xef)
        n = 3, cp = c & 0x0f;
    else if (c >= 0xf0 && c <= 0xf4)
        n = 4, cp = c & 0x07;
    else
        return 0;
    if (i + n > end)
        return 0;
    for (k = 1; k < n; k++)
    {
        if ((b[i + k] & 0xc0) != 0x80)
            return 0;
        cp = (cp << 6) | (b[i + k] & 0x3f);
    }
    if ((n == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
        (n == 4 && (cp < 0x10000 || cp > 0x10ffff)))
        return 0;
    return n;
}

/* Makes room for one more entry. */
static int
grow(csv_state *s, size_t at)
{
    csv_table_struct *T = s->T;
    if (s->n >= CSV_MAX_ENTRIES)
        return csv_error(s, s->line, col_of(s, at), "table has more than %ld entries",
                         (long) CSV_MAX_ENTRIES);
    if (s->n == T->alloc)
    {
        slong na = T->alloc < 16 ? 16 : 2 * T->alloc, i;
        if (na > CSV_MAX_ENTRIES)
            na = CSV_MAX_ENTRIES;
        T->entries = flint_realloc(T->entries, (size_t) na * sizeof(fmpq));
        for (i = T->alloc; i < na; i++)
            fmpq_init(T->entries + i);
        T->alloc = na;
    }
    return 0;
}

/* The error of a number (starting at offset at) whose size as written
   (csv.h) is ndig digits, above CSV_MAX_DIGITS. */
static int
too_long(csv_state *s, size_t at, slong ndig)
{
    return csv_error(s, s->line, col_of(s, at),
                     "number too long: %ld digits (an exponent counting as its value), more than the limit "
                     "of %ld",
                     (long) ndig, (long) CSV_MAX_DIGITS);
}

/* The first index at or after i (before end) that is not a digit. */
static size_t
skip_digits(const char *b, size_t i, size_t end)
{
    while (i < end && is_digit(b[i]))
        i++;
    return i;
}

/* The error of a value whose exact size would pass CSV_MAX_BITS in
   total, at column of at. */
static int
too_large(csv_state *s, size_t at)
{
    return csv_error(s, s->line, col_of(s, at), "numbers too large: exact values exceed %ld bits in total",
                     (long) CSV_MAX_BITS);
}

/* A word where a number belongs (at i, after an optional sign at
   *pos): nan and inf get their own message.  Always an error. */
static int
reject_word(csv_state *s, size_t pos, size_t i)
{
    const char *b = s->buf;
    size_t j = i, end = s->line_end, k;
    char word[10], tmp[32];
    while (j < end && is_alpha(b[j]) && j - i < 9)
        j++;
    if (j == end || !is_alpha(b[j]))
    {
        for (k = 0; k < j - i; k++)
            word[k] = (char) (b[i + k] | 0x20);
        word[j - i] = '\0';
        if (!strcmp(word, "nan") || !strcmp(word, "inf") || !strcmp(word, "infinity"))
            return csv_error(s, s->line, col_of(s, pos), "expected a finite number, found '%.*s'",
                             (int) (j - pos), b + pos);
    }
    return csv_error(s, s->line, col_of(s, i), "expected number, found %s", describe(s, i, tmp, sizeof tmp));
}

/* The rational p/q: the numerator digits [d1s, d1e) are read, i is at
   the '/'; the denominator must be a non-zero integer.  Sets x and *pos
   past it, or returns the error. */
static int
parse_rational(csv_state *s, size_t *pos, size_t i, size_t d1s, size_t d1e, int neg, fmpq_t x)
{
    const char *b = s->buf;
    size_t end = s->line_end, ds, de, qs = i + 1, k;
    int qneg = 0;
    char tmp[32];
    i++;
    if (i < end && (b[i] == '+' || b[i] == '-'))
    {
        qneg = (b[i] == '-');
        i++;
    }
    ds = i;
    i = de = skip_digits(b, i, end);
    if (de == ds)
        return csv_error(s, s->line, col_of(s, i), "expected denominator digits, found %s",
                         describe(s, i, tmp, sizeof tmp));
    for (k = ds; k < de && b[k] == '0'; k++)
        ;
    if (k == de)
        return csv_error(s, s->line, col_of(s, qs), "zero denominator");
    if ((slong) (d1e - d1s + de - ds) > CSV_MAX_DIGITS)
        return too_long(s, *pos, (slong) (d1e - d1s + de - ds));
    if (s->bits + (slong) (d1e - d1s + de - ds) * 4 + 8 > CSV_MAX_BITS)
        return too_large(s, *pos);
    memcpy(s->scratch, b + d1s, d1e - d1s);
    s->scratch[d1e - d1s] = '\0';
    fmpz_set_str(fmpq_numref(x), s->scratch, 10);
    memcpy(s->scratch, b + ds, de - ds);
    s->scratch[de - ds] = '\0';
    fmpz_set_str(fmpq_denref(x), s->scratch, 10);
    if (neg != qneg)
        fmpz_neg(fmpq_numref(x), fmpq_numref(x));
    fmpq_canonicalise(x);
    *pos = i;
    return 0;
}

/* An exponent e[+-]digits at *i (if there is one): sets *e10 and moves
   *i past it, or returns the error (|e| <= CSV_MAX_EXP). */
static int
parse_exponent(csv_state *s, size_t *i, slong *e10)
{
    const char *b = s->buf;
    size_t end = s->line_end, es = *i, j = *i;
    int eneg = 0;
    slong ev = 0;
    char tmp[32];
    if (!(j < end && (b[j] == 'e' || b[j] == 'E')))
        return 0;
    j++;
    if (j < end && (b[j] == '+' || b[j] == '-'))
    {
        eneg = (b[j] == '-');
        j++;
    }
    if (j == end || !is_digit(b[j]))
        return csv_error(s, s->line, col_of(s, j), "expected exponent digits, found %s",
                         describe(s, j, tmp, sizeof tmp));
    while (j < end && is_digit(b[j]))
    {
        if (ev <= CSV_MAX_EXP) /* saturate: no overflow on long runs */
            ev = 10 * ev + (b[j] - '0');
        j++;
    }
    if (ev > CSV_MAX_EXP)
        return csv_error(s, s->line, col_of(s, es), "exponent out of range (|e| <= %d)", CSV_MAX_EXP);
    *e10 = eneg ? -ev : ev;
    *i = j;
    return 0;
}

/* The decimal value (-1)^neg [d1s, d1e).[d2s, d2e) 10^e10 exactly, with
   the limits on its size as written and as an exact value.  Sets x, or
   returns the error (at column of pos). */
static int
decimal_value(csv_state *s, size_t pos, size_t d1s, size_t d1e, size_t d2s, size_t d2e, slong e10, int neg,
              fmpq_t x)
{
    const char *b = s->buf;
    slong ndig, nfrac, est, written = (slong) (d1e - d1s + d2e - d2s) + (e10 < 0 ? -e10 : e10);
    size_t k;
    /* the size as written, before any conversion */
    if (written > CSV_MAX_DIGITS)
        return too_long(s, pos, written);
    /* digits = integer part followed by the fraction without its trailing
       zeros (they do not change the value but would cost a power of 10) */
    while (d2e > d2s && b[d2e - 1] == '0')
        d2e--;
    nfrac = (slong) (d2e - d2s);
    memcpy(s->scratch, b + d1s, d1e - d1s);
    memcpy(s->scratch + (d1e - d1s), b + d2s, d2e - d2s);
    ndig = (slong) (d1e - d1s) + nfrac;
    s->scratch[ndig] = '\0';
    for (k = 0; k < (size_t) ndig && s->scratch[k] == '0'; k++)
        ;
    if (k == (size_t) ndig)
    {
        fmpq_zero(x); /* "-0", "0.000e5": exactly zero, no power needed */
        return 0;
    }
    e10 -= nfrac;
    /* log2(10) < 3.33: bound the size before building 10^|e10| */
    est = (slong) (3.33 * (double) (ndig + (e10 < 0 ? -e10 : e10))) + 8;
    if (s->bits + est > CSV_MAX_BITS)
        return too_large(s, pos);
    fmpz_set_str(fmpq_numref(x), s->scratch, 10);
    fmpz_one(fmpq_denref(x));
    if (e10 > 0)
    {
        fmpz_t p;
        fmpz_init(p);
        fmpz_ui_pow_ui(p, 10, (ulong) e10);
        fmpz_mul(fmpq_numref(x), fmpq_numref(x), p);
        fmpz_clear(p);
    }
    else if (e10 < 0)
    {
        fmpz_ui_pow_ui(fmpq_denref(x), 10, (ulong) (-e10));
        fmpq_canonicalise(x);
    }
    if (neg)
        fmpq_neg(x, x);
    return 0;
}

/* Parses one number starting at offset *pos (no leading blanks) into
   x; on success advances *pos past it. */
static int
parse_number(csv_state *s, size_t *pos, fmpq_t x)
{
    const char *b = s->buf;
    size_t i = *pos, end = s->line_end, d1s, d1e, d2s = 0, d2e = 0;
    char tmp[32];
    int neg = 0, has_dot = 0, rc;
    slong e10 = 0;

    if (i < end && (b[i] == '+' || b[i] == '-'))
    {
        neg = (b[i] == '-');
        i++;
    }
    if (i < end && is_alpha(b[i]))
        return reject_word(s, *pos, i);
    d1s = i;
    i = d1e = skip_digits(b, i, end);
    if (i < end && b[i] == '.')
    {
        has_dot = 1;
        d2s = i + 1;
        i = d2e = skip_digits(b, d2s, end);
    }
    if (d1e == d1s && d2e == d2s)
        return csv_error(s, s->line, col_of(s, has_dot ? i : d1s), "expected %s, found %s",
                         has_dot ? "digit" : "number", describe(s, i, tmp, sizeof tmp));
    if (i < end && b[i] == '/')
    {
        if (has_dot)
            return csv_error(s, s->line, col_of(s, i),
                             "expected ',' or end of line, found '/' (numerator must be an integer)");
        return parse_rational(s, pos, i, d1s, d1e, neg, x);
    }
    if ((rc = parse_exponent(s, &i, &e10)) != 0)
        return rc;
    if ((rc = decimal_value(s, *pos, d1s, d1e, d2s, d2e, e10, neg, x)) != 0)
        return rc;
    *pos = i;
    return 0;
}

/* Checks the comment from offset i to the end of the line. */
static int
check_comment(csv_state *s, size_t i)
{
    const unsigned char *b = (const unsigned char *) s->buf;
    while (i < s->line_end)
    {
        size_t n = utf8_len(b, i, s->line_end);
        if (n == 0)
            return csv_error(s, s->line, col_of(s, i), "%s in comment",
                             b[i] == 0 ? "NUL byte" : "invalid UTF-8");
        i += n;
    }
    return 0;
}

static size_t
skip_blank(const csv_state *s, size_t i)
{
    while (i < s->line_end && (s->buf[i] == ' ' || s->buf[i] == '\t'))
        i++;
    return i;
}

/* Parses the current line; appends its fields to the table. */
static int
parse_line(csv_state *s)
{
    csv_table_struct *T = s->T;
    size_t i = skip_blank(s, s->line_start);
    slong nf = 0;
    char tmp[32];

    if (i == s->line_end)
        return 0; /* blank line */
    if (s->buf[i] == '#')
        return check_comment(s, i + 1);
    for (;;)
    {
        if (i < s->line_end && s->buf[i] == '\0')
            return csv_error(s, s->line, col_of(s, i), "expected number, found NUL byte");
        if (nf >= CSV_MAX_COLS)
            return csv_error(s, s->line, col_of(s, i), "row has more than %ld columns", (long) CSV_MAX_COLS);
        if (grow(s, i))
            return 1;
        if (parse_number(s, &i, T->entries + s->n))
            return 1;
        s->bits += fmpz_bits(fmpq_numref(T->entries + s->n)) + fmpz_bits(fmpq_denref(T->entries + s->n));
        s->n++;
        nf++;
        if (T->rows > 0 && nf == T->cols + 1)
        {
            /* count the rest of the row so that the message says how many */
            size_t at = i;
            slong more = 0;
            for (; at < s->line_end && s->buf[at] != '#'; at++)
                more += (s->buf[at] == ',');
            /* report at the start of the first extra field */
            {
                size_t st = i, c = i;
                while (c > s->line_start && s->buf[c - 1] != ',')
                    c--;
                st = skip_blank(s, c);
                return csv_error(s, s->line, col_of(s, st), "expected %ld columns, found %ld", (long) T->cols,
                                 (long) (nf + more));
            }
        }
        i = skip_blank(s, i);
        if (i == s->line_end || s->buf[i] == '#')
        {
            if (i < s->line_end && check_comment(s, i + 1))
                return 1;
            break;
        }
        if (s->buf[i] != ',')
            return csv_error(s, s->line, col_of(s, i), "expected ',' or end of line, found %s",
                             describe(s, i, tmp, sizeof tmp));
        i = skip_blank(s, i + 1);
        if (i == s->line_end || s->buf[i] == '#' || s->buf[i] == ',')
            return csv_error(s, s->line, col_of(s, i), "expected number, found %s",
                             i < s->line_end && s->buf[i] == '#' ? "'#'" : describe(s, i, tmp, sizeof tmp));
    }
    if (T->rows == 0)
        T->cols = nf;
    else if (nf != T->cols)
        return csv_error(s, s->line, col_of(s, i), "expected %ld columns, found %ld", (long) T->cols,
                         (long) nf);
    if (T->rows + 1 > CSV_MAX_ENTRIES / T->cols)
        return csv_error(s, s->line, 1, "table has more than %ld entries", (long) CSV_MAX_ENTRIES);
    if (T->rows == T->line_alloc)
    {
        T->line_alloc = FLINT_MAX(16, 2 * T->line_alloc);
        T->line = flint_realloc(T->line, sizeof(slong) * (size_t) T->line_alloc);
    }
    T->line[T->rows] = s->line;
    T->rows++;
    return 0;
}

/* Takes the line buf[pos, e) of s (e at its LF or at the end of the
   input): the length limit, a lone CR, then the fields.  Returns 0 or 1
   (message written). */
static int
take_line(csv_state *s, size_t pos, size_t e)
{
    size_t k;
    s->line++;
    s->line_start = pos;
    if (e - pos > (size_t) CSV_MAX_LINE)
        return csv_error(s, s->line, CSV_MAX_LINE + 1, "line longer than %ld bytes", (long) CSV_MAX_LINE);
    s->line_end = e;
    if (e > pos && s->buf[e - 1] == '\r')
        s->line_end = e - 1; /* CRLF, or a final CR at end of file */
    /* a lone CR or NUL inside the line is refused where it sits (NUL is
       reported by the tokenizer when it reaches it, but a NUL hidden
       after a number must not be skipped either) */
    for (k = pos; k < s->line_end; k++)
        if (s->buf[k] == '\r')
            return csv_error(s, s->line, col_of(s, k), "expected ',' or end of line, found carriage return");
    return parse_line(s);
}

static int
is_bom(const char *b, size_t len)
{
    return len >= 3 && (unsigned char) b[0] == 0xef && (unsigned char) b[1] == 0xbb &&
           (unsigned char) b[2] == 0xbf;
}

static void
state_init(csv_state *s, csv_table_t T, const char *name, char *err, size_t errlen)
{
    csv_table_clear(T);
    if (err != NULL && errlen > 0)
        err[0] = '\0';
    s->name = name == NULL ? "(memory)" : name;
    s->buf = NULL;
    s->len = 0;
    s->err = err;
    s->errlen = errlen;
    s->line = 0;
    s->bits = 0;
    s->T = T;
    s->n = 0;
    s->scratch = NULL;
}

/* The end of a read: an empty table is an error; a failure clears T. */
static int
state_finish(csv_state *s, int r)
{
    if (r == 0 && s->T->rows == 0)
        r = csv_error(s, 0, 0, "no data rows (empty table)");
    flint_free(s->scratch);
    s->scratch = NULL;
    if (r)
    {
        csv_table_clear(s->T);
        return 1;
    }
    return 0;
}

int
csv_read_mem(csv_table_t T, const char *name, const char *buf, size_t len, char *err, size_t errlen)
{
    csv_state s;
    size_t pos = 0;
    int r = 0;

    state_init(&s, T, name, err, errlen);
    s.buf = buf;
    s.len = len;
    if (buf == NULL && len > 0)
        return csv_error(&s, 0, 0, "no data");
    if ((slong) len < 0 || len > (size_t) CSV_MAX_FILE)
        return csv_error(&s, 0, 0, "input larger than %ld bytes", (long) CSV_MAX_FILE);
    if (is_bom(buf, len))
        pos = 3; /* UTF-8 byte order mark */
    s.scratch = flint_malloc((size_t) CSV_MAX_DIGITS + 2);
    while (pos < len && r == 0)
    {
        const char *nl = memchr(buf + pos, '\n', len - pos);
        size_t e = nl == NULL ? len : (size_t) (nl - buf);
        r = take_line(&s, pos, e);
        pos = e + 1;
    }
    return state_finish(&s, r);
}

int
csv_read(csv_table_t T, const char *path, char *err, size_t errlen)
{
    FILE *f;
    struct stat st;
    csv_state s;
    char *chunk = NULL, *lb = NULL;
    size_t cap = 0, llen = 0, got, total = 0;
    /* room for a line one byte over the limit (enough to refuse it) and
       the byte order mark */
    const size_t most = (size_t) CSV_MAX_LINE + 4;
    int r = 0, first = 1;

    state_init(&s, T, path == NULL ? "(null)" : path, err, errlen);
    if (path == NULL)
        return csv_error(&s, 0, 0, "no path given");
    f = fopen(path, "rb");
    if (f == NULL)
        return csv_error(&s, 0, 0, "cannot open: %s", strerror(errno));
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode))
    {
        fclose(f);
        return csv_error(&s, 0, 0, "is a directory");
    }
    s.scratch = flint_malloc((size_t) CSV_MAX_DIGITS + 2);
    chunk = flint_malloc(65536);
    while (r == 0 && (got = fread(chunk, 1, 65536, f)) > 0)
    {
        size_t i = 0;
        total += got;
        if (total > (size_t) CSV_MAX_FILE)
        {
            r = csv_error(&s, 0, 0, "file larger than %ld bytes", (long) CSV_MAX_FILE);
            break;
        }
        while (i < got && r == 0)
        {
            const char *nl = memchr(chunk + i, '\n', got - i);
            size_t n = nl == NULL ? got - i : (size_t) (nl - (chunk + i));
            /* a line over the limit is refused at once: copy only what
               proves it (the limit is checked before the buffer grows) */
            size_t take = FLINT_MIN(n, most - llen);
            if (llen + take > cap)
            {
                cap = FLINT_MIN(most, FLINT_MAX(4096, FLINT_MAX(2 * cap, llen + take)));
                lb = flint_realloc(lb, cap);
            }
            if (take > 0) /* lb is still NULL before the first non-empty line */
                memcpy(lb + llen, chunk + i, take);
            llen += take;
            i += n;
            s.buf = lb;
            if (llen == most || nl != NULL)
            {
                size_t start = first && is_bom(lb, llen) ? 3 : 0;
                r = take_line(&s, start, llen);
                first = 0;
                llen = 0;
                i++; /* past the LF */
            }
        }
    }
    if (r == 0 && ferror(f))
        r = csv_error(&s, 0, 0, "read error: %s", strerror(errno));
    if (r == 0 && llen > 0)
    {
        /* the last line, without LF */
        s.buf = lb;
        r = take_line(&s, first && is_bom(lb, llen) ? 3 : 0, llen);
    }
    fclose(f);
    flint_free(chunk);
    flint_free(lb);
    return state_finish(&s, r);
}
