/* cli_cap.c -- `basincheck cap --dim D --angle THETA [--json]`: the
   fraction of S^{D-1} in a cap of angular radius THETA, enclosed in ball
   arithmetic, beside Claim 1's lower bound sin^{D-1}(THETA)/(pi (D-1)).

   THETA is read exactly: a decimal (1.25, 3e-2), a rational (5/4), or a
   rational multiple of pi (pi, pi/3, 2*pi/3).  0 <= THETA <= pi is
   decided rigorously (a rational is never equal to pi, so the comparison
   always terminates).  The fraction is printed as an exact rational when
   it is one: THETA = 0, pi/2 and pi in every dimension, every rational
   multiple of pi for D = 2 (F = THETA/pi), and pi/3, 2 pi/3 for D = 3. */
#include <ctype.h>
#include <string.h>

#include "cli.h"
#include "report.h"
#include "sphere.h"

/* largest dimension accepted: the beta function's parameter is (D-1)/2 */
#define CAP_DIM_MAX 1000000

typedef struct
{
    fmpq_t t; /* THETA = t, or t pi when is_pi */
    int is_pi;
} cap_angle;

static int
cap_error(const char *msg, const char *arg)
{
    if (arg != NULL)
        return cli_fail("cap: %s '%s' (see 'basincheck cap --help')", msg, arg);
    return cli_fail("cap: %s (see 'basincheck cap --help')", msg);
}

static void
cap_usage(FILE *f)
{
    fputs("Usage: basincheck cap --dim D --angle THETA [--json]\n"
          "The fraction of the unit sphere S^{D-1} in R^D covered by a cap of angular radius\n"
          "THETA (radians, 0 <= THETA <= pi), enclosed rigorously (regularised incomplete\n"
          "beta function), with Claim 1's lower bound sin^{D-1}(THETA)/(pi (D-1)) beside it.\n"
          "\n"
          "  --dim D        dimension of the ambient space, 2 <= D <= 1000000\n"
          "  --angle THETA  a decimal (0.5, 1e-3), a rational (3/4), or a rational multiple\n"
          "                 of pi (pi, pi/3, 2*pi/3)\n"
          "  --json         one JSON object instead of text\n"
          "  -h, --help     this help\n",
          f);
}

/* D: decimal digits only, 2 <= D <= CAP_DIM_MAX (no sign, no spaces, no
   hex: the dimension is read whole or rejected).  Returns 0 or -1. */
static int
parse_dim(uint64_t *D, const char *s)
{
    uint64_t v = 0;
    size_t i;
    if (s[0] == '\0')
        return -1;
    for (i = 0; s[i] != '\0'; i++)
    {
        if (!isdigit((unsigned char) s[i]) || v > CAP_DIM_MAX)
            return -1;
        v = 10 * v + (uint64_t) (s[i] - '0');
    }
    if (v < 2 || v > CAP_DIM_MAX)
        return -1;
    *D = v;
    return 0;
}

/* Reads a non-empty string of decimal digits into z; returns the number
   of characters read (0 if none). */
static size_t
read_digits(fmpz_t z, const char *s)
{
    size_t n = 0;
    char *buf;
    while (isdigit((unsigned char) s[n]))
        n++;
    if (n == 0)
        return 0;
    buf = flint_malloc(n + 1);
    memcpy(buf, s, n);
    buf[n] = '\0';
    fmpz_set_str(z, buf, 10);
    flint_free(buf);
    return n;
}

/* A decimal number (digits, optional fraction, optional exponent) or an
   integer ratio p/q, exactly, with nothing after it.  Returns 0 or -1. */
static int
parse_rational(fmpq_t q, const char *s)
{
    fmpz_t a, b, p10;
    size_t n, i = 0, nfrac = 0;
    slong ex = 0;
    int ok = 0, neg = 0, have = 0;

    fmpz_init(a);
    fmpz_init(b);
    fmpz_init(p10);
    if (s[i] == '-' || s[i] == '+')
        neg = s[i++] == '-';
    n = read_digits(a, s + i);
    have = n > 0;
    i += n;
    if (s[i] == '/')
    {
        /* p/q: integers only */
        if (!have)
            goto done;
        i++;
        n = read_digits(b, s + i);
        if (n == 0 || s[i + n] != '\0' || fmpz_is_zero(b))
            goto done;
        fmpq_set_fmpz_frac(q, a, b);
        ok = 1;
        goto done;
    }
    if (s[i] == '.')
    {
        i++;
        n = 0;
        while (isdigit((unsigned char) s[i + n]))
            n++;
        if (n > 0)
        {
            /* a * 10^n + fraction digits */
            fmpz_ui_pow_ui(p10, 10, n);
            fmpz_mul(a, a, p10);
            read_digits(b, s + i);
            fmpz_add(a, a, b);
            nfrac = n;
            have = 1;
        }
        i += n;
    }
    if (!have)
        goto done;
    if (s[i] == 'e' || s[i] == 'E')
    {
        int eneg = 0;
        i++;
        if (s[i] == '-' || s[i] == '+')
            eneg = s[i++] == '-';
        n = 0;
        while (isdigit((unsigned char) s[i + n]))
        {
            if (ex > 100000)
                goto done;
            ex = 10 * ex + (s[i + n] - '0');
            n++;
        }
        if (n == 0 || ex > 100000)
            goto done;
        if (eneg)
            ex = -ex;
        i += n;
    }
    if (s[i] != '\0')
        goto done;
    ex -= (slong) nfrac;
    fmpz_ui_pow_ui(p10, 10, (ulong) (ex < 0 ? -ex : ex));
    if (ex >= 0)
    {
        fmpz_mul(a, a, p10);
        fmpz_one(b);
        fmpq_set_fmpz_frac(q, a, b);
    }
    else
        fmpq_set_fmpz_frac(q, a, p10);
    ok = 1;
done:
    if (ok && neg)
        fmpq_neg(q, q);
    fmpz_clear(a);
    fmpz_clear(b);
    fmpz_clear(p10);
    return ok ? 0 : -1;
}

/* THETA: "pi", "pi/Q", "P*pi", "P*pi/Q", or a rational as above. */
static int
parse_angle(cap_angle *A, const char *s)
{
    const char *p = strstr(s, "pi");
    if (p == NULL)
    {
        A->is_pi = 0;
        return parse_rational(A->t, s);
    }
    A->is_pi = 1;
    fmpq_one(A->t);
    if (p != s)
    {
        /* "P*" before pi */
        size_t n = (size_t) (p - s);
        char *buf;
        int r;
        if (n < 2 || s[n - 1] != '*')
            return -1;
        buf = flint_malloc(n);
        memcpy(buf, s, n - 1);
        buf[n - 1] = '\0';
        r = strchr(buf, '/') != NULL ? -1 : parse_rational(A->t, buf);
        flint_free(buf);
        if (r != 0)
            return -1;
    }
    p += 2;
    if (*p == '\0')
        return 0;
    if (*p == '/')
    {
        fmpz_t q;
        size_t n;
        fmpz_init(q);
        n = read_digits(q, p + 1);
        if (n == 0 || p[1 + n] != '\0' || fmpz_is_zero(q))
        {
            fmpz_clear(q);
            return -1;
        }
        fmpq_div_fmpz(A->t, A->t, q);
        fmpz_clear(q);
        return 0;
    }
    return -1;
}

/* Decides 0 <= THETA <= pi: 1 yes, 0 no. */
/* the rational angle is below pi, at one working precision */
static truth_t
angle_below_pi(void *ctx, slong prec)
{
    const cap_angle *A = ctx;
    arb_t x, pi;
    truth_t r = BC_UNDECIDED;
    arb_init(x);
    arb_init(pi);
    arb_set_fmpq(x, A->t, prec);
    arb_const_pi(pi, prec);
    if (arb_lt(x, pi))
        r = BC_TRUE;
    else if (arb_gt(x, pi))
        r = BC_FALSE;
    arb_clear(x);
    arb_clear(pi);
    return r;
}

static int
angle_in_range(const cap_angle *A)
{
    if (fmpq_sgn(A->t) < 0)
        return 0;
    if (A->is_pi)
        return fmpq_cmp_ui(A->t, 1) <= 0;
    /* a rational differs from pi, so this ends with a decision for any
       input of reasonable size (the input limits bound its bits) */
    return bc_decide_prec_upto(NULL, angle_below_pi, (void *) A, 64, 16 * BC_PREC_MAX) == BC_TRUE;
}

/* The exact fraction when it is rational (see the header comment);
   returns 1 and sets q, else 0. */
static int
exact_fraction(fmpq_t q, const cap_angle *A, ulong D)
{
    if (fmpq_is_zero(A->t))
    {
        fmpq_zero(q);
        return 1;
    }
    if (!A->is_pi)
        return 0; /* cos and sin of a non-zero rational are transcendental */
    if (D == 2)
    {
        fmpq_set(q, A->t);
        return 1;
    }
    if (fmpq_is_one(A->t))
    {
        fmpq_one(q);
        return 1;
    }
    if (fmpz_is_one(fmpq_numref(A->t)) && fmpz_cmp_ui(fmpq_denref(A->t), 2) == 0)
    {
        fmpq_set_si(q, 1, 2);
        return 1;
    }
    if (D == 3 && fmpz_cmp_ui(fmpq_denref(A->t), 3) == 0)
    {
        /* (1 - cos theta)/2 with cos(pi/3) = 1/2, cos(2 pi/3) = -1/2 */
        fmpq_set_si(q, fmpz_is_one(fmpq_numref(A->t)) ? 1 : 3, 4);
        return 1;
    }
    return 0;
}

static void
angle_ball(arb_t x, const cap_angle *A, slong prec)
{
    arb_set_fmpq(x, A->t, prec + 10);
    if (A->is_pi)
    {
        arb_t pi;
        arb_init(pi);
        arb_const_pi(pi, prec + 10);
        arb_mul(x, x, pi, prec + 10);
        arb_clear(pi);
    }
}

int
cli_cap(int argc, char **argv)
{
    int i, json = 0, have_dim = 0, have_angle = 0, rc = CLI_EXIT_OK;
    uint64_t D = 0;
    const char *angle_str = NULL;
    cap_angle A;
    slong prec;
    arb_t th, F, b, g;
    fmpq_t q;
    int exact, exact_bound;
    truth_t holds = BC_UNDECIDED;
    char *fs, *flo, *fhi, *bs, *blo, *bhi;

    for (i = 1; i < argc; i++)
    {
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help"))
        {
            cap_usage(stdout);
            return CLI_EXIT_OK;
        }
        else if (!strcmp(argv[i], "--json"))
            json = 1;
        else if (!strcmp(argv[i], "--dim"))
        {
            if (i + 1 >= argc)
                return cap_error("--dim needs a value", NULL);
            if (have_dim)
                return cap_error("--dim given twice", NULL);
            if (parse_dim(&D, argv[i + 1]) != 0)
                return cap_error("--dim expects an integer 2 <= D <= 1000000, not", argv[i + 1]);
            have_dim = 1;
            i++;
        }
        else if (!strcmp(argv[i], "--angle"))
        {
            if (i + 1 >= argc)
                return cap_error("--angle needs a value", NULL);
            if (have_angle)
                return cap_error("--angle given twice", NULL);
            angle_str = argv[++i];
            have_angle = 1;
        }
        else
            return cap_error("unknown argument", argv[i]);
    }
    if (!have_dim)
        return cap_error("--dim D is required", NULL);
    if (!have_angle)
        return cap_error("--angle THETA is required", NULL);
    if (strlen(angle_str) > 4096)
        return cap_error("--angle is too long", NULL);

    fmpq_init(A.t);
    if (parse_angle(&A, angle_str) != 0)
    {
        fmpq_clear(A.t);
        return cap_error("--angle expects a decimal, a rational p/q or a multiple of pi (2*pi/3), not",
                         angle_str);
    }
    if (!angle_in_range(&A))
    {
        fmpq_clear(A.t);
        return cap_error("--angle must lie in [0, pi], not", angle_str);
    }

    arb_init(th);
    arb_init(F);
    arb_init(b);
    arb_init(g);
    fmpq_init(q);
    exact = exact_fraction(q, &A, (ulong) D);
    /* sin THETA = 0 exactly at 0 and pi: the bound is then exactly 0 */
    exact_bound = fmpq_is_zero(A.t) || (A.is_pi && fmpq_is_one(A.t));
    for (prec = 128; prec <= BC_PREC_MAX; prec *= 2)
    {
        angle_ball(th, &A, prec);
        if (exact)
            arb_set_fmpq(F, q, prec);
        else
            sphere_cap_fraction(F, th, (ulong) D, prec);
        if (exact_bound)
            arb_zero(b);
        else
            sphere_cap_lower_bound(b, th, (ulong) D, prec);
        arb_sub(g, F, b, prec);
        holds = arb_is_nonnegative(g) ? BC_TRUE : (arb_is_negative(g) ? BC_FALSE : BC_UNDECIDED);
        if (holds != BC_UNDECIDED && (exact || arb_rel_accuracy_bits(F) >= 80 || arb_is_zero(F)))
            break;
    }
    if (prec > BC_PREC_MAX)
        prec = BC_PREC_MAX;

    if (exact)
        fs = fmpq_get_str(NULL, 10, q);
    else
        fs = arb_get_str(F, 20, ARB_STR_NO_RADIUS);
    flo = bc_arb_bound_str(F, -1, 20);
    fhi = bc_arb_bound_str(F, +1, 20);
    bs = exact_bound ? NULL : arb_get_str(b, 20, ARB_STR_NO_RADIUS);
    blo = bc_arb_bound_str(b, -1, 20);
    bhi = bc_arb_bound_str(b, +1, 20);

    if (json)
    {
        char *esc = escape_json(angle_str);
        printf("{\"dim\": %llu, \"angle\": \"%s\", \"exact\": %s, \"fraction\": \"%s\", "
               "\"enclosure\": {\"lower\": \"%s\", \"upper\": \"%s\"}, "
               "\"bound\": \"%s\", \"bound_enclosure\": {\"lower\": \"%s\", \"upper\": \"%s\"}, "
               "\"bound_holds\": %s, \"precision\": %ld}\n",
               (unsigned long long) D, esc, exact ? "true" : "false", fs, flo, fhi, exact_bound ? "0" : bs,
               blo, bhi, cli_json_truth(holds), (long) prec);
        flint_free(esc);
    }
    else
    {
        printf("cap of S^%llu in R^%llu, angle %s%s\n", (unsigned long long) (D - 1), (unsigned long long) D,
               angle_str, A.is_pi ? "" : " rad");
        printf("fraction of the sphere: %s%s\n", fs, exact ? " (exact)" : "");
        printf("  enclosure:            [%s, %s]\n", flo, fhi);
        printf("Claim 1 bound sin^%llu(theta)/(pi*%llu): %s\n", (unsigned long long) (D - 1),
               (unsigned long long) (D - 1), exact_bound ? "0 (exact)" : bs);
        printf("  enclosure:            [%s, %s]\n", blo, bhi);
        printf("fraction >= bound: %s\n", bc_truth_str(holds));
    }
    /* the bound is Claim 1 (proved by `run claims` for D <= 200): anything
       but a decided "true" is reported through the exit status */
    if (holds != BC_TRUE)
        rc = CLI_EXIT_MISMATCH;

    flint_free(fs);
    flint_free(flo);
    flint_free(fhi);
    if (bs != NULL)
        flint_free(bs);
    flint_free(blo);
    flint_free(bhi);
    arb_clear(th);
    arb_clear(F);
    arb_clear(b);
    arb_clear(g);
    fmpq_clear(q);
    fmpq_clear(A.t);
    return rc;
}
