/* thm2_prob.c -- the theorem's bound 1 - 2d (3/4)^n (the exact
   probabilities it is checked against are singleton.h's). */
#include "thm2.h"

void
thm2_bound(fmpq_t b, slong sides, slong n, const fmpq_t c)
{
    fmpq_pow_si(b, c, n);
    fmpq_mul_si(b, b, sides);
    fmpq_sub_si(b, b, 1);
    fmpq_neg(b, b);
}
