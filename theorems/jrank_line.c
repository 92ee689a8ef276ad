/* jrank_line.c -- (D5) one-dimensional data: the realisable rows are the
   2n step vectors, the rank of every region has a closed form, and the
   full-rank row sets are counted by a transfer matrix over the cuts
   (jrank.tex, Theorem D5). */
#include <flint/fmpq_poly.h>
#include <flint/fmpz_vec.h>

#include "jrank.h"

/* states of the transfer matrix after a cut: s = positions since the
   last labelled one (0 .. max_len - 1 <= 2), merged (0/1), last label (0 = Z, 1 = N),
   c1 = crossing segments of length 1 so far, capped at 2 */
#define NSTATE 36
#define IDX(s, m, l, c) ((((s) *2 + (m)) * 2 + (l)) * 3 + (c))

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

/* acc += p f (truncated to length len; f NULL means 1) */
static void
addmul_trunc(fmpq_poly_t acc, const fmpq_poly_t p, const fmpq_poly_t f, slong len, fmpq_poly_t t)
{
    if (f == NULL)
        fmpq_poly_add(acc, acc, p);
    else
    {
        fmpq_poly_mullow(t, p, f, len);
        fmpq_poly_add(acc, acc, t);
    }
}

/* The transfer matrix of Theorem D5 with weights: out = the sum over the
   sets R of non-empty step rows that satisfy rd of prod_{r in R} f_r,
   truncated to length len, where the prefix and the suffix of cut c both
   weigh fcut[c - 1] and E weighs fE.  With f = u this counts the sets by
   size; with f = e^{q t} - 1 it is the exponential generating function of
   the initialisation law. */
static void
line_dp(fmpq_poly_t out, slong n, const jrank_line_reading *rd, const fmpq_poly_struct *fcut,
        const fmpq_poly_t fE, slong len)
{
    fmpq_poly_struct cur[NSTATE], nxt[NSTATE];
    fmpq_poly_t t, f2;
    slong cut, st;
    int e;

    for (st = 0; st < NSTATE; st++)
    {
        fmpq_poly_init(cur + st);
        fmpq_poly_init(nxt + st);
    }
    fmpq_poly_init(t);
    fmpq_poly_init(f2);
    fmpq_poly_zero(out);
    for (e = 0; e <= 1; e++)
    {
        /* position 0 is labelled Z; E present weighs fE and merges */
        for (st = 0; st < NSTATE; st++)
            fmpq_poly_zero(cur + st);
        if (e)
            fmpq_poly_set(cur + IDX(0, 1, 0, 0), fE);
        else
            fmpq_poly_one(cur + IDX(0, 0, 0, 0));
        for (cut = 1; cut < n; cut++)
        {
            const fmpq_poly_struct *f = fcut + cut - 1;
            fmpq_poly_mullow(f2, f, f, len);
            for (st = 0; st < NSTATE; st++)
                fmpq_poly_zero(nxt + st);
            for (st = 0; st < NSTATE; st++)
            {
                int s = (int) (st / 12), m = (int) (st / 6) % 2, last = (int) (st / 3) % 2,
                    c1 = (int) (st % 3), l;
                if (fmpq_poly_is_zero(cur + st))
                    continue;
                /* no label at this cut: the segment grows */
                if (s + 1 <= rd->max_len - 1)
                    addmul_trunc(nxt + IDX(s + 1, m, last, c1), cur + st, NULL, len, t);
                /* label Z (prefix {1..cut}), N (suffix {cut+1..n}) or B (both) */
                for (l = 0; l <= 2; l++)
                {
                    int m2, c2;
                    close_segment(&m2, &c2, m, last, c1, s + 1, l);
                    addmul_trunc(nxt + IDX(0, m2, l == 2 ? 0 : l, c2), cur + st, l == 2 ? f2 : f, len, t);
                }
            }
            for (st = 0; st < NSTATE; st++)
                fmpq_poly_swap(cur + st, nxt + st);
        }
        /* position n is labelled N; accept merged patterns or c1 >= need */
        for (st = 0; st < NSTATE; st++)
        {
            int s = (int) (st / 12), m = (int) (st / 6) % 2, last = (int) (st / 3) % 2, c1 = (int) (st % 3),
                m2, c2;
            close_segment(&m2, &c2, m, last, c1, s + 1, 1);
            if (m2 || c2 >= rd->need_c1)
                fmpq_poly_add(out, out, cur + st);
        }
    }
    for (st = 0; st < NSTATE; st++)
    {
        fmpq_poly_clear(cur + st);
        fmpq_poly_clear(nxt + st);
    }
    fmpq_poly_clear(t);
    fmpq_poly_clear(f2);
}

void
jrank_line_full_sets(fmpz *N, slong n, const jrank_line_reading *rd)
{
    slong len = 2 * n, c, k;
    fmpq_poly_struct *f = flint_malloc(sizeof(fmpq_poly_struct) * (size_t) FLINT_MAX(n - 1, 1));
    fmpq_poly_t u, out;
    fmpq_poly_init(u);
    fmpq_poly_init(out);
    fmpq_poly_set_coeff_si(u, 1, 1);
    for (c = 0; c < n - 1; c++)
    {
        fmpq_poly_init(f + c);
        fmpq_poly_set(f + c, u);
    }
    line_dp(out, n, rd, f, u, len);
    for (k = 0; k < len; k++)
        fmpq_poly_get_coeff_fmpz(N + k, out, k);
    for (c = 0; c < n - 1; c++)
        fmpq_poly_clear(f + c);
    flint_free(f);
    fmpq_poly_clear(u);
    fmpq_poly_clear(out);
}

/* f = e^{q t} - 1 truncated to length len */
static void
exp_minus_one(fmpq_poly_t f, const fmpq_t q, slong len)
{
    fmpq_poly_t a;
    fmpq_poly_init(a);
    fmpq_poly_set_coeff_fmpq(a, 1, q);
    fmpq_poly_exp_series(f, a, len);
    fmpq_poly_set_coeff_si(f, 0, 0);
    fmpq_poly_clear(a);
}

void
jrank_line_prob(fmpq_t P, const fmpq *qcut, const fmpq_t qE, const fmpq_t q0, slong n, slong d1,
                const jrank_line_reading *rd)
{
    slong len = d1 + 1, c;
    fmpq_poly_struct *f = flint_malloc(sizeof(fmpq_poly_struct) * (size_t) FLINT_MAX(n - 1, 1));
    fmpq_poly_t fE, out, e0;
    fmpz_t fac;
    fmpq_poly_init(fE);
    fmpq_poly_init(out);
    fmpq_poly_init(e0);
    fmpz_init(fac);
    for (c = 0; c < n - 1; c++)
    {
        fmpq_poly_init(f + c);
        exp_minus_one(f + c, qcut + c, len);
    }
    exp_minus_one(fE, qE, len);
    line_dp(out, n, rd, f, fE, len);
    /* times e^{q0 t} (the neurons active nowhere), then d1! [t^d1] */
    exp_minus_one(e0, q0, len);
    fmpq_poly_set_coeff_si(e0, 0, 1);
    fmpq_poly_mullow(out, out, e0, len);
    fmpq_poly_get_coeff_fmpq(P, out, d1);
    fmpz_fac_ui(fac, (ulong) d1);
    fmpq_mul_fmpz(P, P, fac);
    for (c = 0; c < n - 1; c++)
        fmpq_poly_clear(f + c);
    flint_free(f);
    fmpq_poly_clear(fE);
    fmpq_poly_clear(out);
    fmpq_poly_clear(e0);
    fmpz_clear(fac);
}

void
jrank_line_q_torch(fmpq *qcut, fmpq_t qE, fmpq_t q0, const fmpq *x, slong n)
{
    slong c;
    /* (w, b) uniform on [-1, 1]^2 and points in [0, 1]: the active set is
       a suffix {x > t} with threshold t = -b / w when w > 0, and
       P(w > 0, t in (x_c, x_{c+1})) = (x_{c+1} - x_c) / 8; prefixes alike
       (w < 0); E and the empty row share the rest */
    for (c = 0; c + 1 < n; c++)
    {
        fmpq_sub(qcut + c, x + c + 1, x + c);
        fmpq_div_2exp(qcut + c, qcut + c, 3);
    }
    fmpq_sub(qE, x + n - 1, x + 0);
    fmpq_sub_si(qE, qE, 4);
    fmpq_neg(qE, qE);
    fmpq_div_2exp(qE, qE, 3);
    fmpq_set(q0, qE);
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
