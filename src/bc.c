/* bc.c -- exact conversions, truth values, decimal output, versions. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bc.h"

void
bc_fmpq_div_si(fmpq_t res, const fmpq_t x, slong c)
{
    fmpz_t z;
    fmpz_init_set_si(z, c);
    fmpq_div_fmpz(res, x, z);
    fmpz_clear(z);
}

void
bc_fmpq_set_d(fmpq_t x, double d)
{
    int e;
    double mant;

    if (!isfinite(d))
    {
        flint_printf("bc_fmpq_set_d: non-finite input\n");
        flint_abort();
    }
    if (d == 0.0)
    {
        fmpq_zero(x);
        return;
    }
    /* d = mant * 2^e with 0.5 <= |mant| < 1; mant * 2^53 is an integer
       held exactly by a double, so fmpz_set_d is exact. */
    mant = frexp(d, &e);
    fmpz_set_d(fmpq_numref(x), ldexp(mant, 53));
    fmpz_one(fmpq_denref(x));
    e -= 53;
    if (e >= 0)
        fmpz_mul_2exp(fmpq_numref(x), fmpq_numref(x), (ulong) e);
    else
        fmpz_mul_2exp(fmpq_denref(x), fmpq_denref(x), (ulong) (-e));
    fmpq_canonicalise(x);
}

void
bc_arb_set_d(arb_t x, double d)
{
    if (!isfinite(d))
    {
        flint_printf("bc_arb_set_d: non-finite input\n");
        flint_abort();
    }
    arb_set_d(x, d); /* exact: arf holds every double */
}

truth_t
bc_arb_gt_zero(const arb_t x)
{
    if (arb_is_positive(x))
        return BC_TRUE;
    if (arb_is_nonpositive(x))
        return BC_FALSE;
    return BC_UNDECIDED;
}

truth_t
bc_arb_le(const arb_t a, const arb_t b)
{
    if (arb_le(a, b))
        return BC_TRUE;
    if (arb_gt(a, b))
        return BC_FALSE;
    return BC_UNDECIDED;
}

truth_t
bc_truth_and(truth_t a, truth_t b)
{
    if (a == BC_FALSE || b == BC_FALSE)
        return BC_FALSE;
    if (a == BC_UNDECIDED || b == BC_UNDECIDED)
        return BC_UNDECIDED;
    return BC_TRUE;
}

const char *
bc_truth_str(truth_t t)
{
    return t == BC_TRUE ? "true" : (t == BC_FALSE ? "false" : "undecided");
}

char *
bc_arb_str(const arb_t x, slong digits)
{
    return arb_get_str(x, digits, 0);
}

/* Decimal string of the arf y rounded in direction rnd to digits
   significant digits, as "-d.ddddde+X". */
static char *
arf_decimal(const arf_t y, mpfr_rnd_t rnd, slong digits)
{
    mpfr_t t;
    mpfr_exp_t ex;
    char *m, *out;
    size_t len;
    slong prec = arf_bits(y) + 8;

    if (arf_is_zero(y))
    {
        out = flint_malloc(2);
        strcpy(out, "0");
        return out;
    }
    if (arf_is_pos_inf(y) || arf_is_neg_inf(y) || arf_is_nan(y))
    {
        out = flint_malloc(5);
        strcpy(out, arf_is_pos_inf(y) ? "inf" : (arf_is_neg_inf(y) ? "-inf" : "nan"));
        return out;
    }
    if (prec < MPFR_PREC_MIN + 8)
        prec = MPFR_PREC_MIN + 8;
    mpfr_init2(t, prec);
    arf_get_mpfr(t, y, MPFR_RNDN); /* exact: prec covers every bit of y */
    m = mpfr_get_str(NULL, &ex, 10, (size_t) digits, t, rnd);
    len = strlen(m) + 32;
    out = flint_malloc(len);
    {
        const char *p = m;
        char sign[2] = {0, 0};
        if (*p == '-')
        {
            sign[0] = '-';
            p++;
        }
        if (strlen(p) > 1)
            snprintf(out, len, "%s%c.%se%+ld", sign, p[0], p + 1, (long) (ex - 1));
        else
            snprintf(out, len, "%s%ce%+ld", sign, p[0], (long) (ex - 1));
    }
    mpfr_free_str(m);
    mpfr_clear(t);
    return out;
}

char *
bc_arb_bound_str(const arb_t x, int dir, slong digits)
{
    arf_t b;
    char *s;
    arf_init(b);
    if (dir < 0)
        arb_get_lbound_arf(b, x, ARF_PREC_EXACT);
    else
        arb_get_ubound_arf(b, x, ARF_PREC_EXACT);
    s = arf_decimal(b, dir < 0 ? MPFR_RNDD : MPFR_RNDU, digits);
    arf_clear(b);
    return s;
}

char *
bc_vaprintf(const char *fmt, va_list ap)
{
    va_list aq;
    int n;
    char *s;
    va_copy(aq, ap);
    n = vsnprintf(NULL, 0, fmt, aq);
    va_end(aq);
    if (n < 0)
        n = 0;
    s = flint_malloc((size_t) n + 1);
    vsnprintf(s, (size_t) n + 1, fmt, ap);
    return s;
}

char *
bc_aprintf(const char *fmt, ...)
{
    va_list ap;
    char *s;
    va_start(ap, fmt);
    s = bc_vaprintf(fmt, ap);
    va_end(ap);
    return s;
}

double
bc_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double) ts.tv_sec + 1e-9 * (double) ts.tv_nsec;
}

const char *
bc_version_gmp(void)
{
    return gmp_version;
}

const char *
bc_version_mpfr(void)
{
    return mpfr_get_version();
}

const char *
bc_version_flint(void)
{
    return flint_version;
}

const char *
bc_version_arb(void)
{
#ifdef BC_ARB_IN_FLINT
    return flint_version;
#else
    return arb_version;
#endif
}

truth_t
bc_decide_prec(slong *reached, bc_decide_fn f, void *ctx, slong prec0)
{
    return bc_decide_prec_upto(reached, f, ctx, prec0, BC_PREC_MAX);
}

truth_t
bc_decide_prec_upto(slong *reached, bc_decide_fn f, void *ctx, slong prec0, slong prec_max)
{
    slong prec = prec0 < 2 ? 2 : prec0, last = prec;
    truth_t r = BC_UNDECIDED;
    for (; prec <= prec_max && r == BC_UNDECIDED; prec *= 2)
    {
        last = prec;
        r = f(ctx, prec);
    }
    if (reached != NULL)
        *reached = last;
    return r;
}
