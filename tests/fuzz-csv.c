/* fuzz-csv.c -- libFuzzer target for the exact CSV parser.

   Build:   clang -fsanitize=fuzzer,address -Isrc tests/fuzz-csv.c src/csv_read.c \
                src/bc.c -lflint-arb -lflint -lmpfr -lgmp -lm
   Regression run without libFuzzer: compile with -DFUZZ_STANDALONE and
   pass corpus files on the command line.

   Properties checked on every input: the parser returns, 0 means a
   non-empty rectangular table with canonical entries and an empty
   message, nonzero means an empty table and a one-line message starting
   with the input's name; the same bytes through a temporary file give
   the same answer. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csv.h"

static void
check(int cond, const char *what)
{
    if (!cond)
    {
        fprintf(stderr, "fuzz-csv: property violated: %s\n", what);
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    csv_table_t T;
    char err[512];
    slong k;
    int r;

    csv_table_init(T);
    r = csv_read_mem(T, "fuzz", (const char *) data, size, err, sizeof err);
    if (r == 0)
    {
        check(T->rows > 0 && T->cols > 0, "accepted table is non-empty");
        check(err[0] == '\0', "no message on success");
        for (k = 0; k < T->rows * T->cols; k++)
            check(fmpq_is_canonical(T->entries + k), "entries canonical");
    }
    else
    {
        check(T->rows == 0 && T->cols == 0 && T->entries == NULL, "refused table is empty");
        check(strncmp(err, "fuzz:", 5) == 0, "message names the input");
        check(strchr(err, '\n') == NULL, "message is one line");
    }
    if (size < 4096)
    {
        /* the file path must agree with the memory path */
        char path[] = "/tmp/fuzz-csv-XXXXXX";
        FILE *f;
        int fd = mkstemp(path);
        if (fd >= 0)
        {
            csv_table_t U;
            char err2[512];
            f = fdopen(fd, "wb");
            if (f != NULL)
            {
                if (size > 0)
                    fwrite(data, 1, size, f);
                fclose(f);
                csv_table_init(U);
                check((csv_read(U, path, err2, sizeof err2) == 0) == (r == 0), "file and memory agree");
                if (r == 0)
                {
                    check(U->rows == T->rows && U->cols == T->cols, "same shape");
                    for (k = 0; k < T->rows * T->cols; k++)
                        check(fmpq_equal(U->entries + k, T->entries + k), "same values");
                }
                csv_table_clear(U);
            }
            else
                close(fd);
            unlink(path);
        }
    }
    csv_table_clear(T);
    return 0;
}

#ifdef FUZZ_STANDALONE
int
main(int argc, char **argv)
{
    int i, bad = 0;
    for (i = 1; i < argc; i++)
    {
        FILE *f = fopen(argv[i], "rb");
        char *buf;
        long len;
        if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (len = ftell(f)) < 0)
        {
            fprintf(stderr, "fuzz-csv: cannot read %s\n", argv[i]);
            if (f != NULL)
                fclose(f);
            bad = 1;
            continue;
        }
        rewind(f);
        buf = malloc((size_t) len + 1);
        if (buf == NULL || fread(buf, 1, (size_t) len, f) != (size_t) len)
        {
            fprintf(stderr, "fuzz-csv: cannot read %s\n", argv[i]);
            bad = 1;
        }
        else
            LLVMFuzzerTestOneInput((const uint8_t *) buf, (size_t) len);
        free(buf);
        fclose(f);
    }
    flint_cleanup_master();
    return bad;
}
#endif
