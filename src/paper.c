/* paper.c -- the paper's claimed constants (paper.h). */
#include "paper.h"

void
paper_side_fail(fmpq_t out)
{
    fmpq_set_si(out, 3, 4);
}

void
paper_thm3_rate(fmpq_t out)
{
    fmpq_set_si(out, 1, 4);
}

void
paper_thm5_neuron_fail(fmpq_t out)
{
    fmpq_set_si(out, 7, 8);
}

void
paper_lemma8_noisy(fmpq_t out, slong d)
{
    fmpq_set_si(out, 1, (ulong) (4 * d));
}

void
paper_thm6_rate(fmpq_t out)
{
    fmpq_set_si(out, 1, 16);
}

void
paper_prop1_level(fmpq_t out, slong n)
{
    /* 1/2 (1 - 2^-n) = (2^n - 1) / 2^(n+1) */
    fmpz_t a;
    fmpz_init(a);
    fmpz_one(a);
    fmpz_mul_2exp(a, a, (ulong) n);
    fmpz_sub_ui(a, a, 1);
    fmpz_set(fmpq_numref(out), a);
    fmpz_one(fmpq_denref(out));
    fmpz_mul_2exp(fmpq_denref(out), fmpq_denref(out), (ulong) n + 1);
    fmpq_canonicalise(out);
    fmpz_clear(a);
}
