/* jrank_line.c -- (D5) one-dimensional data: the realisable rows are the
   2n step vectors, the rank of every region has a closed form, and the
   full-rank row sets are counted by a transfer matrix over the cuts
   (jrank.tex, Theorem D5). */
#include <flint/fmpz_vec.h>

#include "jrank.h"

/* states of the transfer matrix after a cut: s = positions since the
   last labelled one (0 .. max_len - 1 <= 2), merged (0/1), last label (0 = Z, 1 = N),
   c1 = crossing segments of length 1 so far, capped at 2 */
#define NSTATE 36
#define IDX(s, m, l, c) ((((s) *2 + (m)) * 2 + (l)) * 3 + (c))

/* adds u^shift p to q (polynomials of length len) */
static void
poly_addshift(fmpz *q, const fmpz *p, slong len, slong shift)
{
    slong k;
    for (k = 0; k + shift < len; k++)
        fmpz_add(q + k + shift, q + k + shift, p + k);
}

/* closes a segment of length len ending in label l (2 = B) from state
   (m, last, c1): the new (m, c1) */
static void
close_segment(int *m2, int *c2, int m, int last, int c1, slong len, int l)
{
    *m2 = m || l == 2;
    *c2 = c1;
    /* a crossing segment (end labels Z and N) of length 1 fixes the
       direction of z; only unmerged patterns care, but counting it
       always is harmless: the acceptance ignores c1 once merged */
    if (l != 2 && l != last && len == 1 && *c2 < 2)
        (*c2)++;
}

void
jrank_line_full_sets(fmpz *N, slong n, const jrank_line_reading *rd)
{
    slong len = 2 * n, cut, st, k;
    fmpz *cur = _fmpz_vec_init(NSTATE * len), *nxt = _fmpz_vec_init(NSTATE * len);
    int e;

    _fmpz_vec_zero(N, len);
    for (e = 0; e <= 1; e++)
    {
        /* position 0 is labelled Z; E present adds one row and merges */
        _fmpz_vec_zero(cur, NSTATE * len);
        fmpz_one(cur + IDX(0, e, 0, 0) * len + e);
        for (cut = 1; cut < n; cut++)
        {
            _fmpz_vec_zero(nxt, NSTATE * len);
            for (st = 0; st < NSTATE; st++)
            {
                int s = st / 12, m = (st / 6) % 2, last = (st / 3) % 2, c1 = st % 3, l;
                const fmpz *p = cur + st * len;
                if (_fmpz_vec_is_zero(p, len))
                    continue;
                /* no label at this cut: the segment grows */
                if (s + 1 <= rd->max_len - 1)
                    poly_addshift(nxt + IDX(s + 1, m, last, c1) * len, p, len, 0);
                /* label Z (prefix {1..cut}), N (suffix {cut+1..n}) or B (both) */
                for (l = 0; l <= 2; l++)
                {
                    int m2, c2;
                    close_segment(&m2, &c2, m, last, c1, s + 1, l);
                    poly_addshift(nxt + IDX(0, m2, l == 2 ? 0 : l, c2) * len, p, len, l == 2 ? 2 : 1);
                }
            }
            {
                fmpz *t = cur;
                cur = nxt;
                nxt = t;
            }
        }
        /* position n is labelled N; accept merged patterns or c1 >= need */
        for (st = 0; st < NSTATE; st++)
        {
            int s = st / 12, m = (st / 6) % 2, last = (st / 3) % 2, c1 = st % 3, m2, c2;
            close_segment(&m2, &c2, m, last, c1, s + 1, 1);
            if (m2 || c2 >= rd->need_c1)
                for (k = 0; k < len; k++)
                    fmpz_add(N + k, N + k, cur + st * len + k);
        }
    }
    _fmpz_vec_clear(cur, NSTATE * len);
    _fmpz_vec_clear(nxt, NSTATE * len);
}

void
jrank_line_rows(ulong *rows, slong n)
{
    slong c;
    ulong all = n == FLINT_BITS ? ~UWORD(0) : (UWORD(1) << n) - 1;
    rows[0] = all;
    for (c = 1; c < n; c++)
    {
        rows[2 * c - 1] = (UWORD(1) << c) - 1;
        rows[2 * c] = all & ~((UWORD(1) << c) - 1);
    }
}
