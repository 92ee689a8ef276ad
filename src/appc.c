/* appc.c -- the (reconstructed) Appendix C sample and its extension. */
#include <flint/fmpz.h>

#include "appc.h"

int
appc_target(fmpq_t q, const fmpq_t eps)
{
    fmpq_t s, half;
    fmpz_t a, b, r;
    int exact;

    fmpq_init(half);
    fmpq_set_si(half, 1, 2);
    if (fmpq_sgn(eps) <= 0 || fmpq_cmp(eps, half) >= 0)
    {
        flint_printf("appc_target: eps must lie in (0, 1/2)\n");
        flint_abort();
    }
    fmpq_init(s);
    fmpz_init(a);
    fmpz_init(b);
    fmpz_init(r);
    fmpq_mul_2exp(s, eps, 1); /* s = 2 eps = a / b in lowest terms */
    fmpz_sqrtrem(a, r, fmpq_numref(s));
    exact = fmpz_is_zero(r);
    fmpz_sqrtrem(b, r, fmpq_denref(s));
    exact = exact && fmpz_is_zero(r);
    if (exact)
        fmpq_set_fmpz_frac(q, a, b);
    else
    {
        /* k = floor(sqrt(s 2^64)) = floor(sqrt(floor(s 2^64))): the
           largest k with k^2 <= s 2^64, i.e. (k / 2^32)^2 <= s */
        fmpz_mul_2exp(a, fmpq_numref(s), 2 * APPC_Q_BITS);
        fmpz_fdiv_q(a, a, fmpq_denref(s));
        fmpz_sqrt(a, a);
        fmpz_one(b);
        fmpz_mul_2exp(b, b, APPC_Q_BITS);
        fmpq_set_fmpz_frac(q, a, b);
    }
    fmpq_clear(s);
    fmpq_clear(half);
    fmpz_clear(a);
    fmpz_clear(b);
    fmpz_clear(r);
    return exact;
}

void
appc_sample_1d(fmpq *x, fmpq *y, const fmpq_t eps)
{
    fmpq_one(x + 0);
    fmpq_one(y + 0);
    fmpq_set_si(x + 1, -1, 1);
    appc_target(y + 1, eps);
}

void
appc_extend(fmpq_mat_t X, fmpq *y, const fmpq *x1, const fmpq *y1, slong k, slong d)
{
    slong j, t;
    fmpq_mat_zero(X);
    for (j = 0; j < d; j++)
        for (t = 0; t < k; t++)
        {
            fmpq_set(fmpq_mat_entry(X, j * k + t, j), x1 + t);
            fmpq_set(y + j * k + t, y1 + t);
        }
}

void
appc_data(fmpq_mat_t X, fmpq *y, const fmpq_t eps, slong d)
{
    fmpq x1[2], y1[2];
    slong t;
    for (t = 0; t < 2; t++)
    {
        fmpq_init(x1 + t);
        fmpq_init(y1 + t);
    }
    appc_sample_1d(x1, y1, eps);
    appc_extend(X, y, x1, y1, 2, d);
    for (t = 0; t < 2; t++)
    {
        fmpq_clear(x1 + t);
        fmpq_clear(y1 + t);
    }
}
