/* csv_lines.c -- the line numbers of a CSV table's rows, for messages
   that name a row by its line in the user's file. */
#include <sys/stat.h>

#include "csv.h"

slong *
csv_row_lines(const char *path, slong rows)
{
    FILE *f;
    struct stat st;
    slong *L, line = 1, k = 0;
    int c;

    /* only a regular file can be read a second time: reopening a pipe
       or a FIFO would find it drained, or block */
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return NULL;
    f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    L = flint_malloc(sizeof(slong) * (size_t) FLINT_MAX(rows, 1));
    c = getc(f);
    if (c == 0xef) /* UTF-8 byte order mark */
    {
        getc(f);
        getc(f);
        c = getc(f);
    }
    /* by the grammar of csv.h a line holds a row unless it is blank or a
       comment after leading blanks (a valid file has CR only before LF
       or at its end, and a non-ASCII first byte only in a byte order
       mark) */
    for (;;)
    {
        while (c == ' ' || c == '\t')
            c = getc(f);
        if (c == EOF)
            break;
        if (c != '\n' && c != '\r' && c != '#')
        {
            if (k == rows)
            {
                k = -1;
                break;
            }
            L[k++] = line;
        }
        while (c != '\n' && c != EOF)
            c = getc(f);
        if (c == EOF)
            break;
        line++;
        c = getc(f);
    }
    fclose(f);
    if (k != rows)
    {
        flint_free(L);
        return NULL;
    }
    return L;
}
