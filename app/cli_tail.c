/* cli_tail.c -- `basincheck tail --trials N --p P --below K [--json]`:
   the binomial lower tail P[Bin(N, P) < K], exactly (a reduced fraction)
   when that is affordable, else as a rigorous enclosure, beside the
   Chernoff bounds (relative-entropy and multiplicative forms) and
   Hoeffding's bound, each with its hypothesis decided (chernoff.h).

   P is read exactly: a decimal (0.1 is 1/10, 2.5e-3 is 1/400) or a
   rational a/b; nan, inf, signs and values outside [0, 1] are refused.
   Exit status 0 on success, 2 on a usage error (one line on stderr
   starting with "basincheck: "). */
#include <ctype.h>
#include <string.h>

#include "binom.h"
#include "chernoff.h"
#include "cli.h"
#include "report.h"

/* limits: N (the ball tail is fast for N in the millions and still
   correct beyond), exact evaluation, digits of a decimal exponent */
#define TAIL_MAX_N UINT64_C(1000000000)
#define TAIL_EXACT_N 2000
#define TAIL_EXACT_BITS (1 << 20)
#define TAIL_MAX_EXP 1000
#define TAIL_MAX_DIGITS 1000
#define TAIL_PREC 128
#define TAIL_DIGITS 20

static void
tail_help(FILE *f)
{
    fputs("Usage: basincheck tail --trials N --p P --below K [--json]\n"
          "P[Bin(N, P) < K]: exact (a reduced fraction) for N <= 2000, else a rigorous\n"
          "enclosure; with the Chernoff bounds in relative-entropy form exp(-N D((K-1)/N || P))\n"
          "and multiplicative form exp(-delta^2 N P / 2), delta = 1 - (K-1)/(N P), and\n"
          "Hoeffding's exp(-2 (N P - K + 1)^2 / N); each applies when K - 1 <= N P.\n"
          "\n"
          "  --trials N   number of trials, 0 <= N <= 1000000000\n"
          "  --p P        success probability in [0, 1], read exactly: a decimal\n"
          "               (0.1, 2.5e-3) or a rational (7/30)\n"
          "  --below K    the event is X < K, 0 <= K < 2^64\n"
          "  --json       one JSON object on stdout; the tail is under \"tail\" (\"p/q\"\n"
          "               when exact, else a decimal), its rigorous enclosure under\n"
          "               \"enclosure\" {\"lower\", \"upper\"}, the bounds under \"bounds\"\n"
          "  -h, --help   this help\n"
          "\n"
          "Decimals are rounded outward.  Exit status 0, or 2 on a usage error.\n",
          f);
}

/* Prints one line "basincheck: ..." (cli_fail: a newline in the
   offending argument cannot split the line) and returns CLI_EXIT_USAGE. */
static int
tail_error(const char *msg, const char *arg)
{
    if (arg != NULL)
        return cli_fail("%s, got '%s' (see 'basincheck tail --help')", msg, arg);
    return cli_fail("%s (see 'basincheck tail --help')", msg);
}

/* Parses digits [ "." digits ] [ e [sign] digits ] or digits "/" digits
   into an exact rational; 0 on success, -1 on a syntax or size error. */
static int
parse_prob(fmpq_t out, const char *s)
{
    const char *q = s, *slash;
    fmpz_t num, den, t;
    slong ndig = 0, frac = 0, ex = 0;
    int rc = 0;

    if (s == NULL || *s == '\0')
        return -1;
    fmpz_init(num);
    fmpz_init(den);
    fmpz_init(t);
    slash = strchr(s, '/');
    if (slash != NULL)
    {
        /* rational: digits / digits, both non-empty, denominator non-zero */
        for (q = s; q < slash; q++)
            if (!isdigit((unsigned char) *q))
                rc = -1;
        for (q = slash + 1; *q; q++)
            if (!isdigit((unsigned char) *q))
                rc = -1;
        if (slash == s || slash[1] == '\0' || slash - s > TAIL_MAX_DIGITS ||
            (slong) strlen(slash + 1) > TAIL_MAX_DIGITS)
            rc = -1;
        if (rc == 0)
        {
            char *a = flint_malloc(slash - s + 1);
            memcpy(a, s, slash - s);
            a[slash - s] = '\0';
            fmpz_set_str(num, a, 10);
            fmpz_set_str(den, slash + 1, 10);
            flint_free(a);
            if (fmpz_is_zero(den))
                rc = -1;
            else
                fmpq_set_fmpz_frac(out, num, den);
        }
    }
    else
    {
        int seen_point = 0;
        fmpz_zero(num);
        for (q = s; *q && *q != 'e' && *q != 'E'; q++)
        {
            if (*q == '.' && !seen_point)
                seen_point = 1;
            else if (isdigit((unsigned char) *q))
            {
                fmpz_mul_ui(num, num, 10);
                fmpz_add_ui(num, num, (ulong) (*q - '0'));
                ndig++;
                frac += seen_point;
            }
            else
                rc = -1;
        }
        if (ndig == 0 || ndig > TAIL_MAX_DIGITS)
            rc = -1;
        if (rc == 0 && (*q == 'e' || *q == 'E'))
        {
            int neg = 0;
            slong ed = 0;
            q++;
            if (*q == '+' || *q == '-')
                neg = (*q++ == '-');
            if (*q == '\0')
                rc = -1;
            for (; *q && rc == 0; q++)
            {
                if (!isdigit((unsigned char) *q) || ++ed > 6)
                    rc = -1;
                else
                    ex = 10 * ex + (*q - '0');
            }
            if (neg)
                ex = -ex;
        }
        if (rc == 0)
        {
            ex -= frac;
            if (ex > TAIL_MAX_EXP || ex < -TAIL_MAX_EXP)
                rc = -1;
        }
        if (rc == 0)
        {
            fmpz_ui_pow_ui(t, 10, (ulong) (ex < 0 ? -ex : ex));
            if (ex >= 0)
            {
                fmpz_mul(num, num, t);
                fmpz_one(den);
            }
            else
                fmpz_set(den, t);
            fmpq_set_fmpz_frac(out, num, den);
        }
    }
    fmpz_clear(num);
    fmpz_clear(den);
    fmpz_clear(t);
    return rc;
}

typedef struct
{
    const char *key;
    const char *text;
    const char *needs; /* the hypotheses, as printed when they fail */
    truth_t applies;
    arb_t value;
} bound_row;

typedef truth_t (*tail_bound_fn)(arb_t out, ulong N, const arb_t p, ulong K, slong prec);

/* Bound i (0: relative entropy, 1: multiplicative, 2: Hoeffding) of
   P[Bin(N, p) < K] for the exact p.  Its hypotheses are rational
   comparisons and are decided here exactly: K >= 1 (the bounds are for
   k = K - 1 >= 0; K = 0 is the empty event, whose probability 0 needs no
   bound), K - 1 <= N p, and 0 < p < 1 (relative entropy), N p > 0
   (multiplicative), N >= 1 (Hoeffding).  When they fail, applies is
   false and value 1 (the trivial bound).  At K - 1 = N p every bound is
   exactly exp(0) = 1, which balls around an inexact N p cannot see;
   otherwise the enclosure of chernoff.h is taken at a precision raised
   until its own (ball) decision agrees. */
/* one bound at one working precision, for bc_decide_prec: BC_TRUE when
   its ball decision sees that it applies (the hypotheses are known to
   hold exactly), else undecided */
typedef struct
{
    bound_row *B;
    tail_bound_fn fn;
    uint64_t N, K;
    const fmpq *p;
} bound_ctx;

static truth_t
bound_applies(void *ctx, slong prec)
{
    bound_ctx *C = ctx;
    arb_t pb;
    truth_t t;
    arb_init(pb);
    arb_set_fmpq(pb, C->p, prec + 64);
    t = C->fn(C->B->value, (ulong) C->N, pb, (ulong) C->K, prec);
    arb_clear(pb);
    return t == BC_TRUE ? BC_TRUE : BC_UNDECIDED;
}

static void
tail_bound(bound_row *B, int i, uint64_t N, const fmpq_t p, uint64_t K)
{
    static const tail_bound_fn fn[3] = {chernoff_binom_below_kl, chernoff_binom_below_mult,
                                        hoeffding_binom_below};
    fmpq_t np, k1;
    int ok, eq;
    fmpq_init(np);
    fmpq_init(k1);
    fmpq_mul_ui(np, p, N);
    fmpq_set_ui(k1, K > 0 ? K - 1 : 0, 1);
    ok = K >= 1 && fmpq_cmp(k1, np) <= 0;
    eq = ok && fmpq_equal(k1, np);
    if (i == 0)
        ok = ok && fmpq_sgn(p) > 0 && fmpq_cmp_ui(p, 1) < 0;
    else if (i == 1)
        ok = ok && fmpq_sgn(np) > 0;
    else
        ok = ok && N >= 1;
    if (!ok)
    {
        B->applies = BC_FALSE;
        arb_one(B->value);
    }
    else if (eq)
    {
        B->applies = BC_TRUE;
        arb_one(B->value);
    }
    else
    {
        bound_ctx C;
        C.B = B;
        C.fn = fn[i];
        C.N = N;
        C.p = p;
        C.K = K;
        /* the hypotheses hold exactly: the ball route can only fail to see it */
        B->applies = bc_decide_prec(NULL, bound_applies, &C, TAIL_PREC);
        if (B->applies != BC_TRUE)
        {
            B->applies = BC_UNDECIDED;
            arb_one(B->value);
        }
    }
    fmpq_clear(np);
    fmpq_clear(k1);
}

/* Reads the options of `basincheck tail` into N, p (initialised by the
   caller), K and json.  Returns -1 when they are complete, else the exit
   status (0 after --help, 2 after the one-line usage error). */
static int
tail_parse(uint64_t *N, fmpq_t p, uint64_t *K, int *json, int argc, char **argv)
{
    int have_n = 0, have_p = 0, have_k = 0, i;
    for (i = 1; i < argc; i++)
    {
        const char *a = argv[i];
        const char *v = (i + 1 < argc) ? argv[i + 1] : NULL;
        int needs = !strcmp(a, "--trials") || !strcmp(a, "--p") || !strcmp(a, "--below");
        if (!strcmp(a, "-h") || !strcmp(a, "--help"))
        {
            tail_help(stdout);
            return CLI_EXIT_OK;
        }
        if (needs && v == NULL)
            return cli_fail("option %s needs a value (see 'basincheck tail --help')", a);
        if (!strcmp(a, "--trials"))
        {
            if (have_n || cli_parse_u64(N, v) != 0 || *N > TAIL_MAX_N)
                return tail_error(
                    have_n ? "--trials given twice" : "--trials expects an integer from 0 to 1000000000", v);
            have_n = 1;
            i++;
        }
        else if (!strcmp(a, "--p"))
        {
            if (have_p || parse_prob(p, v) != 0 || fmpq_sgn(p) < 0 || fmpq_cmp_ui(p, 1) > 0)
                return tail_error(have_p ? "--p given twice"
                                         : "--p expects a probability in [0, 1], a decimal or a rational a/b",
                                  v);
            have_p = 1;
            i++;
        }
        else if (!strcmp(a, "--below"))
        {
            if (have_k || cli_parse_u64(K, v) != 0)
                return tail_error(
                    have_k ? "--below given twice" : "--below expects an integer from 0 to 2^64-1", v);
            have_k = 1;
            i++;
        }
        else if (!strcmp(a, "--json"))
            *json = 1;
        else
            return tail_error(a[0] == '-' ? "unknown option" : "unexpected argument", a);
    }
    if (!have_n || !have_p || !have_k)
        return tail_error(!have_n ? "missing --trials N" : (!have_p ? "missing --p P" : "missing --below K"),
                          NULL);
    return -1;
}

/* Sets tail to P[Bin(N, p) < K]: exactly when affordable (e is then the
   reduced fraction and *exact is set), else as a ball at a precision
   raised until it has 70 relative bits or reaches 1024.  Returns the
   value as shown (the fraction, or the midpoint; flint_free it). */
static char *
tail_value(arb_t tail, fmpq_t e, int *exact, uint64_t N, const fmpq_t p, uint64_t K)
{
    *exact = 0;
    if (K == 0)
    {
        fmpq_zero(e);
        *exact = 1;
    }
    else if (K > N)
    {
        fmpq_one(e);
        *exact = 1;
    }
    else if (N <= TAIL_EXACT_N &&
             (slong) N * (slong) (fmpz_bits(fmpq_numref(p)) + fmpz_bits(fmpq_denref(p))) <= TAIL_EXACT_BITS)
    {
        binom_cdf_fmpq(e, (ulong) N, p, (ulong) (K - 1));
        *exact = 1;
    }
    if (*exact)
    {
        arb_set_fmpq(tail, e, TAIL_PREC);
        return fmpq_get_str(NULL, 10, e);
    }
    else
    {
        slong prec;
        arb_t pb;
        arb_init(pb);
        for (prec = TAIL_PREC; prec <= 1024; prec *= 2)
        {
            arb_set_fmpq(pb, p, prec + 64);
            binom_cdf_arb(tail, (ulong) N, pb, (ulong) (K - 1), prec);
            if (arb_rel_accuracy_bits(tail) >= 70)
                break;
        }
        arb_clear(pb);
        /* the value shown is the midpoint (the enclosure is beside it) */
        return arb_get_str(tail, TAIL_DIGITS, ARB_STR_NO_RADIUS);
    }
}

/* Whether every applicable bound is >= the tail: BC_FALSE on a decided
   violation (a bug), BC_UNDECIDED when the balls cannot tell.  Equality
   cases (K = 1: the relative-entropy bound is exactly (1 - p)^N =
   P[X = 0]) stay undecided on balls and are skipped by identity. */
static truth_t
tail_bounds_hold(const arb_t tail, const bound_row *B, uint64_t K)
{
    truth_t all_hold = BC_TRUE;
    int i;
    for (i = 0; i < 3; i++)
        if (B[i].applies == BC_TRUE)
        {
            /* K = 1, relative-entropy form: exp(-N D(0 || p)) = (1 - p)^N =
               P[X = 0], equal by identity (balls cannot decide equality) */
            if (i == 0 && K == 1)
                continue;
            if (arb_gt(tail, B[i].value))
                all_hold = BC_FALSE;
            else if (!arb_le(tail, B[i].value) && all_hold == BC_TRUE)
                all_hold = BC_UNDECIDED;
        }
    return all_hold;
}

/* The answer of `basincheck tail` as one line of JSON or as text. */
static void
tail_print(int json, uint64_t N, const char *pstr, uint64_t K, int exact, const char *tailstr, const char *lo,
           const char *hi, const bound_row *B, truth_t all_hold)
{
    int i;
    if (json)
    {
        printf("{\"trials\": %llu, \"p\": \"%s\", \"below\": %llu, \"exact\": %s, \"tail\": \"%s\", "
               "\"enclosure\": {\"lower\": \"%s\", \"upper\": \"%s\"}, \"bounds\": {",
               (unsigned long long) N, pstr, (unsigned long long) K, exact ? "true" : "false", tailstr, lo,
               hi);
        for (i = 0; i < 3; i++)
        {
            char *u = bc_arb_bound_str(B[i].value, 1, TAIL_DIGITS);
            printf("%s\"%s\": {\"applies\": %s, \"upper\": \"%s\"}", i ? ", " : "", B[i].key,
                   cli_json_truth(B[i].applies), u);
            flint_free(u);
        }
        printf("}, \"bounds_hold\": %s}\n", cli_json_truth(all_hold));
        return;
    }
    printf("P[Bin(N, p) < K] with N = %llu, p = %s, K = %llu\n", (unsigned long long) N, pstr,
           (unsigned long long) K);
    if (exact)
        printf("tail (exact):   %s\n", tailstr);
    else
        printf("tail (approx):  %s\n", tailstr);
    printf("enclosure:      [%s, %s]\n", lo, hi);
    for (i = 0; i < 3; i++)
    {
        char *u = bc_arb_bound_str(B[i].value, 1, TAIL_DIGITS);
        if (B[i].applies == BC_TRUE)
            printf("%s <= %s\n", B[i].text, u);
        else if (K == 0)
            printf("%s: not applicable (K = 0: the event X < 0 is empty, the tail is 0)\n", B[i].text);
        else if (B[i].applies == BC_FALSE)
            printf("%s: not applicable (needs %s)\n", B[i].text, B[i].needs);
        else
            printf("%s: hypotheses hold (%s), enclosure not obtained\n", B[i].text, B[i].needs);
        flint_free(u);
    }
    printf("every applicable bound >= tail: %s\n",
           all_hold == BC_TRUE ? "yes (decided)" : (all_hold == BC_FALSE ? "NO" : "not decided"));
}

int
cli_tail(int argc, char **argv)
{
    uint64_t N = 0, K = 0;
    int json = 0, i, exact, rc;
    fmpq_t p, e;
    arb_t tail;
    bound_row B[3];
    char *lo, *hi, *tailstr, *pstr;
    truth_t all_hold;

    fmpq_init(p);
    rc = tail_parse(&N, p, &K, &json, argc, argv);
    if (rc != -1)
    {
        fmpq_clear(p);
        return rc;
    }
    rc = CLI_EXIT_OK;

    fmpq_init(e);
    arb_init(tail);
    tailstr = tail_value(tail, e, &exact, N, p, K);

    B[0].key = "chernoff_relative_entropy";
    B[0].text = "Chernoff (relative entropy) exp(-N D((K-1)/N || p))";
    B[0].needs = "K - 1 <= N p and 0 < p < 1";
    B[1].key = "chernoff_multiplicative";
    B[1].text = "Chernoff (multiplicative)   exp(-delta^2 N p / 2)";
    B[1].needs = "K - 1 <= N p and N p > 0";
    B[2].key = "hoeffding";
    B[2].text = "Hoeffding                   exp(-2 (N p - K + 1)^2 / N)";
    B[2].needs = "K - 1 <= N p and N >= 1";
    for (i = 0; i < 3; i++)
    {
        arb_init(B[i].value);
        tail_bound(B + i, i, N, p, K > N + 1 ? N + 1 : K);
    }
    all_hold = tail_bounds_hold(tail, B, K);

    pstr = fmpq_get_str(NULL, 10, p);
    lo = bc_arb_bound_str(tail, -1, TAIL_DIGITS);
    hi = bc_arb_bound_str(tail, 1, TAIL_DIGITS);
    tail_print(json, N, pstr, K, exact, tailstr, lo, hi, B, all_hold);
    if (all_hold == BC_FALSE)
        rc = CLI_EXIT_MISMATCH; /* a bound below the tail would be a bug */

    flint_free(pstr);
    flint_free(lo);
    flint_free(hi);
    flint_free(tailstr);
    for (i = 0; i < 3; i++)
        arb_clear(B[i].value);
    fmpq_clear(p);
    fmpq_clear(e);
    arb_clear(tail);
    return rc;
}
