/* t-csv.c -- the exact CSV parser: exact values, accepted layouts, and
   every refusal with its line:column and message. */
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>

#include "csv.h"
#include "testutil.h"

/* Parses s (length len); returns the parser's code, message in err. */
static int
parse(csv_table_t T, const char *s, size_t len, char *err, size_t errlen)
{
    return csv_read_mem(T, "in.csv", s, len, err, errlen);
}

/* Entry k (row major) of T equals num/den. */
static int
entry_is(const csv_table_t T, slong k, const char *q)
{
    fmpq_t w;
    int ok;
    fmpq_init(w);
    fmpq_set_str(w, q, 10);
    ok = k < T->rows * T->cols && fmpq_equal(T->entries + k, w);
    fmpq_clear(w);
    return ok;
}

static void
expect_values(const char *src, slong rows, slong cols, const char *const *vals)
{
    csv_table_t T;
    char err[256];
    slong k;
    csv_table_init(T);
    if (parse(T, src, strlen(src), err, sizeof err) != 0 || T->rows != rows || T->cols != cols)
    {
        TEST_REPORT("csv good input", "input \"%s\": %s (rows %ld cols %ld)", src, err, (long) T->rows,
                    (long) T->cols);
        CU_FAIL("csv good input");
    }
    else
        for (k = 0; k < rows * cols; k++)
            if (!entry_is(T, k, vals[k]))
            {
                TEST_REPORT("csv exact value", "input \"%s\" entry %ld: got %s want %s", src, (long) k,
                            fmpq_get_str(NULL, 10, T->entries + k), vals[k]);
                CU_FAIL("csv exact value");
            }
    csv_table_clear(T);
}

/* src (len bytes) must be refused with a message starting with
   "in.csv:" prefix_after (e.g. "2:5: expected"). */
static void
expect_error_n(const char *src, size_t len, const char *want)
{
    csv_table_t T;
    char err[256], full[256];
    int r;
    csv_table_init(T);
    r = parse(T, src, len, err, sizeof err);
    snprintf(full, sizeof full, "in.csv:%s", want);
    if (r == 0 || strncmp(err, full, strlen(full)) != 0 || strchr(err, '\n') != NULL || T->rows != 0 ||
        T->entries != NULL)
    {
        TEST_REPORT("csv error", "input \"%.40s\": got rc=%d \"%s\", want prefix \"%s\"", src, r, err, full);
        CU_FAIL("csv error");
    }
    csv_table_clear(T);
}

static void
expect_error(const char *src, const char *want)
{
    expect_error_n(src, strlen(src), want);
}

static void
test_exact_values(void)
{
    {
        const char *v[] = {"1/10", "7/3", "-1/400", "-7/3", "1/2", "5"};
        expect_values("0.1, 7/3, -2.5e-3\n-7/3,.5,5.\n", 2, 3, v);
    }
    {
        const char *v[] = {"1500", "3/100", "0", "0", "-4", "21/2"};
        expect_values("+1.5E+3,3e-2,-0\n0.000e5, 8/-2, 10.50\n", 2, 3, v);
    }
    {
        /* 1e400 is fine: exact rational, within the exponent cap */
        const char *v[] = {"1"};
        csv_table_t T;
        char err[128];
        fmpz_t p;
        csv_table_init(T);
        fmpz_init(p);
        CU_ASSERT_EQUAL(parse(T, "1e400\n", 6, err, sizeof err), 0);
        fmpz_ui_pow_ui(p, 10, 400);
        CU_ASSERT(T->rows == 1 && fmpz_equal(fmpq_numref(T->entries), p) &&
                  fmpz_is_one(fmpq_denref(T->entries)));
        CU_ASSERT_EQUAL(parse(T, "1e-10000,1E10000\n", 17, err, sizeof err), 0);
        fmpz_clear(p);
        csv_table_clear(T);
        expect_values("  1  \t", 1, 1, v);
    }
    {
        /* CRLF, comments, blank lines, BOM, no final newline */
        const char *v[] = {"1", "2", "3", "4"};
        expect_values("\xef\xbb\xbf# header \xc3\xa9t\xc3\xa9\r\n\r\n1,2 # c\r\n   \n\t# x\n3,4", 2, 2, v);
    }
}

/* every row remembers its source line: counted here by hand over the
   blank, comment and CRLF lines of the input */
static void
test_row_lines(void)
{
    static const char src[] = "\xef\xbb\xbf# h\r\n\r\n1,2 # c\r\n   \n\t# x\n3,4\n\n\n5,6";
    static const slong want[3] = {3, 6, 9};
    csv_table_t T;
    char err[128];
    slong i;
    csv_table_init(T);
    CU_ASSERT_EQUAL_FATAL(parse(T, src, strlen(src), err, sizeof err), 0);
    CU_ASSERT_EQUAL(T->rows, 3);
    for (i = 0; i < T->rows && i < 3; i++)
        if (csv_table_row_line(T, i) != want[i])
        {
            TEST_REPORT("csv row line", "row %ld: line %ld, want %ld", (long) i,
                        (long) csv_table_row_line(T, i), (long) want[i]);
            CU_FAIL("csv row line");
        }
    csv_table_clear(T);
}

static void
test_negative_control(void)
{
    /* the check must notice a wrong value: 0.1 is not 1/3, nor the
       double nearest to 0.1 */
    csv_table_t T;
    char err[64];
    fmpq_t d;
    csv_table_init(T);
    fmpq_init(d);
    CU_ASSERT_EQUAL(parse(T, "0.1", 3, err, sizeof err), 0);
    CU_ASSERT(!entry_is(T, 0, "1/3"));
    bc_fmpq_set_d(d, 0.1);
    CU_ASSERT(!fmpq_equal(d, T->entries));
    CU_ASSERT(entry_is(T, 0, "1/10"));
    fmpq_clear(d);
    csv_table_clear(T);
}

static void
test_errors(void)
{
    expect_error("1,2\n3\n", "2:2: expected 2 columns, found 1");
    expect_error("1,2\n3,4,5\n", "2:5: expected 2 columns, found 3");
    expect_error("1,2\n3,4,5,6 # c\n", "2:5: expected 2 columns, found 4");
    expect_error("", " no data rows");
    expect_error("# only\n\n  \n", " no data rows");
    expect_error("1,nan\n", "1:3: expected a finite number, found 'nan'");
    expect_error("-INF\n", "1:1: expected a finite number, found '-INF'");
    expect_error("1\nInfinity\n", "2:1: expected a finite number, found 'Infinity'");
    expect_error("1e10001\n", "1:2: exponent out of range");
    expect_error("2,1E-99999999999999999999\n", "1:4: exponent out of range");
    expect_error("1/0\n", "1:3: zero denominator");
    expect_error("3,-4/000\n", "1:6: zero denominator");
    expect_error("1.5x\n", "1:4: expected ',' or end of line, found 'x'");
    expect_error("1,,2\n", "1:3: expected number, found ','");
    expect_error("1,\n", "1:3: expected number, found end of line");
    expect_error("1, # c\n", "1:4: expected number, found '#'");
    expect_error("1.5/2\n", "1:4: expected ',' or end of line, found '/'");
    expect_error("1e\n", "1:3: expected exponent digits");
    expect_error(".\n", "1:2: expected digit");
    expect_error("abc\n", "1:1: expected number, found 'a'");
    expect_error("1 2\n", "1:3: expected ',' or end of line, found '2'");
    expect_error("1\r2\n", "1:2: expected ',' or end of line, found carriage return");
    expect_error_n("1,2\n3,\0\n", 8, "2:3: expected number, found NUL byte");
    expect_error_n("1\0\n", 3, "1:2: expected ',' or end of line, found byte 0x00");
    expect_error("1,\xff\n", "1:3: expected number, found byte 0xff");
    expect_error("1 # bad \xc3\x28\n", "1:9: invalid UTF-8 in comment");
    expect_error_n("1 # \0\n", 6, "1:5: NUL byte in comment");
    {
        /* a line longer than 1 MiB is refused, not truncated */
        size_t len = (size_t) CSV_MAX_LINE + 10, i;
        char *big = malloc(len);
        for (i = 0; i < len; i++)
            big[i] = (i % 2) ? ',' : '1';
        big[len - 1] = '\n';
        expect_error_n(big, len, "1:1048577: line longer than 1048576 bytes");
        free(big);
    }
}

static void
test_files(void)
{
    csv_table_t T;
    char err[512], path[] = "/tmp/t-csv-XXXXXX";
    int fd;
    csv_table_init(T);
    /* a directory */
    CU_ASSERT(csv_read(T, "/", err, sizeof err) != 0);
    CU_ASSERT(strcmp(err, "/: is a directory") == 0);
    /* missing file */
    CU_ASSERT(csv_read(T, "/nonexistent/x.csv", err, sizeof err) != 0);
    CU_ASSERT(strncmp(err, "/nonexistent/x.csv: cannot open", 31) == 0);
    /* a real file */
    fd = mkstemp(path);
    CU_ASSERT_FATAL(fd >= 0);
    CU_ASSERT(write(fd, "1/3,2\r\n-0.5,7e1\r\n", 17) == 17);
    close(fd);
    CU_ASSERT_EQUAL(csv_read(T, path, err, sizeof err), 0);
    CU_ASSERT(T->rows == 2 && T->cols == 2 && entry_is(T, 0, "1/3") && entry_is(T, 2, "-1/2") &&
              entry_is(T, 3, "70"));
    {
        fmpq_mat_t A;
        fmpq_mat_init(A, 2, 2);
        csv_table_get_fmpq_mat(A, T);
        CU_ASSERT(fmpq_equal(fmpq_mat_entry(A, 1, 1), T->entries + 3));
        fmpq_mat_clear(A);
    }
    /* error messages carry the path; a short buffer is truncated safely */
    fd = open(path, O_WRONLY | O_TRUNC);
    CU_ASSERT(write(fd, "1\n2,3\n", 6) == 6);
    close(fd);
    CU_ASSERT(csv_read(T, path, err, sizeof err) != 0);
    {
        char want[256];
        snprintf(want, sizeof want, "%s:2:3: expected 1 columns, found 2", path);
        CU_ASSERT(strcmp(err, want) == 0);
    }
    CU_ASSERT(csv_read(T, path, err, 5) != 0);
    CU_ASSERT(strlen(err) == 4);
    CU_ASSERT(csv_read(T, path, NULL, 0) != 0);
    unlink(path);
    csv_table_clear(T);
}

/* the rows of a file keep their line numbers, by hand for comments,
   blank lines, a byte order mark, CRLF and indented comments */
static void
test_row_lines_file(void)
{
    static const char text[] = "\xef\xbb\xbf# head\r\n1,2\r\n\r\n  # indented\n \t3,4\n\n5,6";
    static const slong want[3] = {2, 5, 7};
    char err[512], path[] = "/tmp/t-csv-XXXXXX";
    csv_table_t T;
    slong k;
    int fd = mkstemp(path);
    CU_ASSERT_FATAL(fd >= 0);
    CU_ASSERT(write(fd, text, sizeof text - 1) == (ssize_t) (sizeof text - 1));
    close(fd);
    csv_table_init(T);
    CU_ASSERT_EQUAL_FATAL(csv_read(T, path, err, sizeof err), 0);
    CU_ASSERT_EQUAL_FATAL(T->rows, 3);
    for (k = 0; k < 3; k++)
        if (csv_table_row_line(T, k) != want[k])
        {
            TEST_REPORT("csv row lines by hand", "row %ld: line %ld, want %ld", (long) k,
                        (long) csv_table_row_line(T, k), (long) want[k]);
            CU_FAIL("row line");
        }
    unlink(path);
    csv_table_clear(T);
}

/* A string of n copies of the digit c after the prefix pre and before
   the suffix post (malloc'd). */
static char *
digits_str(const char *pre, char c, slong n, const char *post)
{
    size_t a = strlen(pre), b = strlen(post);
    char *s = malloc(a + (size_t) n + b + 1);
    memcpy(s, pre, a);
    memset(s + a, c, (size_t) n);
    memcpy(s + a + (size_t) n, post, b + 1);
    return s;
}

/* The size limit of one number (csv.h: digits as written plus the
   exponent's magnitude), at the limit (accepted, with its exact value
   built independently from powers of 10) and one digit above (refused
   at the number's column), in every form a number can take. */
static void
test_digit_limit(void)
{
    const slong L = CSV_MAX_DIGITS;
    csv_table_t T;
    char err[512], want[160];
    fmpz_t p, q;
    fmpq_t v;
    char *s;
    csv_table_init(T);
    fmpz_init(p);
    fmpz_init(q);
    fmpq_init(v);
    snprintf(want, sizeof want, "in.csv:1:3: number too long: %ld digits", (long) (L + 1));

    /* integer of L nines = 10^L - 1 */
    s = digits_str("1,", '9', L, "\n");
    CU_ASSERT_EQUAL(parse(T, s, strlen(s), err, sizeof err), 0);
    fmpz_ui_pow_ui(p, 10, (ulong) L);
    fmpz_sub_ui(p, p, 1);
    CU_ASSERT(T->rows == 1 && fmpz_equal(fmpq_numref(T->entries + 1), p) &&
              fmpz_is_one(fmpq_denref(T->entries + 1)));
    free(s);
    s = digits_str("1,", '9', L + 1, "\n");
    CU_ASSERT(parse(T, s, strlen(s), err, sizeof err) != 0 && strncmp(err, want, strlen(want)) == 0);
    if (strncmp(err, want, strlen(want)) != 0)
        TEST_REPORT("csv digit limit", "integer of %ld digits: got '%s', want '%s...'", (long) (L + 1), err,
                    want);
    free(s);

    /* decimal 0.00...01 with L digits written = 10^-(L-1) */
    s = digits_str("1,0.", '0', L - 2, "1\n");
    CU_ASSERT_EQUAL(parse(T, s, strlen(s), err, sizeof err), 0);
    fmpz_ui_pow_ui(q, 10, (ulong) (L - 1));
    CU_ASSERT(T->rows == 1 && fmpz_is_one(fmpq_numref(T->entries + 1)) &&
              fmpz_equal(fmpq_denref(T->entries + 1), q));
    free(s);
    s = digits_str("1,0.", '0', L - 1, "1\n");
    CU_ASSERT(parse(T, s, strlen(s), err, sizeof err) != 0 && strncmp(err, want, strlen(want)) == 0);
    free(s);

    /* trailing zeros of a fraction are written digits too */
    s = digits_str("1,1.", '0', L - 1, "\n");
    CU_ASSERT(parse(T, s, strlen(s), err, sizeof err) == 0 && T->rows == 1 && fmpq_is_one(T->entries + 1));
    free(s);
    s = digits_str("1,1.", '0', L, "\n");
    CU_ASSERT(parse(T, s, strlen(s), err, sizeof err) != 0 && strncmp(err, want, strlen(want)) == 0);
    free(s);

    /* rational: numerator and denominator together */
    s = digits_str("1,1/", '3', L - 1, "\n");
    CU_ASSERT_EQUAL(parse(T, s, strlen(s), err, sizeof err), 0);
    fmpz_ui_pow_ui(q, 10, (ulong) (L - 1));
    fmpz_sub_ui(q, q, 1);
    fmpz_divexact_ui(q, q, 3); /* 33...3 = (10^(L-1) - 1) / 3 */
    CU_ASSERT(T->rows == 1 && fmpz_is_one(fmpq_numref(T->entries + 1)) &&
              fmpz_equal(fmpq_denref(T->entries + 1), q));
    free(s);
    s = digits_str("1,1/", '3', L, "\n");
    CU_ASSERT(parse(T, s, strlen(s), err, sizeof err) != 0 && strncmp(err, want, strlen(want)) == 0);
    free(s);

    /* the exponent counts as its magnitude: 5 digits + |e| */
    {
        char buf[64];
        slong e = L - 5; /* within CSV_MAX_EXP as long as L - 5 <= CSV_MAX_EXP */
        if (e > CSV_MAX_EXP)
            e = CSV_MAX_EXP;
        snprintf(buf, sizeof buf, "1,12345e%ld\n", (long) e);
        CU_ASSERT_EQUAL(parse(T, buf, strlen(buf), err, sizeof err), 0);
        fmpz_ui_pow_ui(p, 10, (ulong) e);
        fmpz_mul_ui(p, p, 12345);
        CU_ASSERT(T->rows == 1 && fmpz_equal(fmpq_numref(T->entries + 1), p));
        /* a longer mantissa that reaches L + 1 with the same exponent */
        s = digits_str("1,", '7', L + 1 - e, "");
        {
            char *t = malloc(strlen(s) + 32);
            sprintf(t, "%se%ld\n", s, (long) e);
            CU_ASSERT(parse(T, t, strlen(t), err, sizeof err) != 0 && strncmp(err, want, strlen(want)) == 0);
            free(t);
        }
        free(s);
    }
    fmpz_clear(p);
    fmpz_clear(q);
    fmpq_clear(v);
    csv_table_clear(T);
}

/* csv_read streams a file one line at a time: rows that cross its read
   chunks keep their values and lines (oracle: the generating loop), and
   an over-long line, a NUL and a stream without end give the same
   message as the same bytes in memory. */
static void
test_stream(void)
{
    csv_table_t T, U;
    char err[512], err2[512], path[] = "/tmp/t-csv-XXXXXX";
    slong i, n = 30000;
    FILE *f;
    int fd = mkstemp(path), ok = 1;
    CU_ASSERT_FATAL(fd >= 0);
    f = fdopen(fd, "w");
    CU_ASSERT_FATAL(f != NULL);
    for (i = 0; i < n; i++)
        fprintf(f, "%s%ld,-%ld/7\n", i % 1000 == 0 ? "# comment\n" : "", (long) i, (long) (i + 1));
    fclose(f);
    csv_table_init(T);
    csv_table_init(U);
    CU_ASSERT_EQUAL_FATAL(csv_read(T, path, err, sizeof err), 0);
    CU_ASSERT_EQUAL_FATAL(T->rows, n);
    for (i = 0; i < n && ok; i++)
    {
        slong line = i + 1 + i / 1000 + 1; /* one comment line before every 1000 rows */
        ok = fmpz_equal_si(fmpq_numref(csv_table_entry(T, i, 0)), i) &&
             fmpz_is_one(fmpq_denref(csv_table_entry(T, i, 0))) && csv_table_row_line(T, i) == line;
        {
            fmpq_t w;
            fmpq_init(w);
            fmpq_set_si(w, -(i + 1), 7);
            ok = ok && fmpq_equal(w, csv_table_entry(T, i, 1));
            fmpq_clear(w);
        }
        if (!ok)
            TEST_REPORT("csv stream", "row %ld: line %ld (want %ld)", (long) i,
                        (long) csv_table_row_line(T, i), (long) line);
    }
    CU_ASSERT(ok);

    /* a line one byte over the limit, in a file and in memory */
    {
        size_t len = (size_t) CSV_MAX_LINE + 1 + 4, k;
        char *big = malloc(len);
        memcpy(big, "1,2\n", 4);
        for (k = 4; k < len; k++)
            big[k] = '5';
        f = fopen(path, "w");
        CU_ASSERT_FATAL(f != NULL);
        CU_ASSERT(fwrite(big, 1, len, f) == len);
        fclose(f);
        CU_ASSERT(csv_read(T, path, err, sizeof err) != 0);
        CU_ASSERT(csv_read_mem(U, path, big, len, err2, sizeof err2) != 0);
        CU_ASSERT(strcmp(err, err2) == 0);
        snprintf(err2, sizeof err2, "%s:2:1048577: line longer than 1048576 bytes", path);
        CU_ASSERT(strcmp(err, err2) == 0);
        /* exactly at the limit it is a number too long, not a long line */
        f = fopen(path, "w");
        CU_ASSERT(fwrite(big, 1, len - 1, f) == len - 1);
        fclose(f);
        CU_ASSERT(csv_read(T, path, err, sizeof err) != 0);
        CU_ASSERT(strstr(err, ":2:1: number too long") != NULL);
        free(big);
    }
    /* a stream without end is refused at its first line */
    if (access("/dev/zero", R_OK) == 0)
    {
        CU_ASSERT(csv_read(T, "/dev/zero", err, sizeof err) != 0);
        CU_ASSERT(strcmp(err, "/dev/zero:1:1048577: line longer than 1048576 bytes") == 0);
    }
    unlink(path);
    csv_table_clear(T);
    csv_table_clear(U);
}

static const test_case suite_tests[] = {
    {"exact values and layouts", test_exact_values},
    {"row line numbers", test_row_lines},
    {"negative control", test_negative_control},
    {"errors with line:col", test_errors},
    {"files, directories, paths", test_files},
    {"line numbers of a file's rows", test_row_lines_file},
    {"size of a number: the digit limit", test_digit_limit},
    {"files read as a stream", test_stream},
};

int
t_csv_register(void)
{
    return TEST_SUITE("csv", suite_tests);
}
