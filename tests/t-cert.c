/* t-cert.c -- the certificate emitters (src/cert.h), straight from the
   engines: the outward decimal balls against exact rational containment,
   the LDL^T witness against the definitions (P A P^T = L D L^T, x^T A x)
   on matrices whose definiteness is known by construction, hand-solved
   critical points, and one witness of every kind produced from the core
   engines (basin_value, binom, range_prove, mc_run) and written as
   certificate files.

   With BC_CERT_DIR set, the files are written there (tests/cert-recheck.sh
   hands them to the independent checker, recheck/); else to a temporary
   directory that is removed. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "binom.h"
#include "cert.h"
#include "cert_net.h"
#include "mc.h"
#include "range.h"
#include "rng.h"
#include "sphere.h"
#include "testutil.h"

/* ------------------------------------------------------------ helpers */

/* Parses an exact decimal "[-]d[.ddd][e[-]x]" into q (the test's own
   reading of the format).  Returns 0 on a malformed string. */
static int
parse_decimal(fmpq_t q, const char *s)
{
    fmpz_t num, p;
    slong frac = 0, ex = 0;
    int neg = 0, seen = 0, dot = 0;
    fmpz_init(num);
    fmpz_init(p);
    if (*s == '-')
    {
        neg = 1;
        s++;
    }
    for (; *s && *s != 'e'; s++)
    {
        if (*s == '.' && !dot)
        {
            dot = 1;
            continue;
        }
        if (*s < '0' || *s > '9')
            break;
        fmpz_mul_ui(num, num, 10);
        fmpz_add_ui(num, num, (ulong) (*s - '0'));
        frac += dot;
        seen = 1;
    }
    if (*s == 'e')
        ex = strtol(s + 1, NULL, 10);
    else if (*s != 0)
        seen = 0;
    ex -= frac;
    fmpz_ui_pow_ui(p, 10, (ulong) (ex < 0 ? -ex : ex));
    if (ex >= 0)
    {
        fmpz_mul(num, num, p);
        fmpz_one(p);
    }
    fmpq_set_fmpz_frac(q, num, p);
    if (neg)
        fmpq_neg(q, q);
    fmpz_clear(num);
    fmpz_clear(p);
    return seen;
}

/* A matrix with small random integer entries in [-r, r]. */
static void
random_mat(fmpq_mat_t B, rng_t rng, slong r)
{
    slong i, j;
    for (i = 0; i < fmpq_mat_nrows(B); i++)
        for (j = 0; j < fmpq_mat_ncols(B); j++)
            fmpq_set_si(fmpq_mat_entry(B, i, j), (slong) rng_below(rng, 2 * r + 1) - r,
                        1 + (slong) rng_below(rng, 3));
}

/* x^T A x */
static void
quad(fmpq_t v, const fmpq_mat_t A, const fmpq *x)
{
    slong i, j, n = fmpq_mat_nrows(A);
    fmpq_t t;
    fmpq_init(t);
    fmpq_zero(v);
    for (i = 0; i < n; i++)
        for (j = 0; j < n; j++)
        {
            fmpq_mul(t, x + i, x + j);
            fmpq_addmul(v, t, fmpq_mat_entry(A, i, j));
        }
    fmpq_clear(t);
}

static int
vec_is_zero(const fmpq *x, slong n)
{
    slong i;
    for (i = 0; i < n; i++)
        if (!fmpq_is_zero(x + i))
            return 0;
    return 1;
}

/* where the certificate files go, and those written (removed at the end
   when the directory is a temporary one) */
static char certdir[4096];
static int certdir_temp;
static char *written[64];
static int nwritten;

static void
write_check(const char *id, check_t c)
{
    char *path;
    FILE *f;
    slong i;
    int fails = 0;
    CU_ASSERT_FATAL(c->ncerts > 0);
    for (i = 0; i < c->ncerts; i++)
        fails |= strstr(c->certs[i], "\"verdict\": \"fails\"") != NULL ||
                 strstr(c->certs[i], "\"verdict\": \"violated\"") != NULL;
    c->id = bc_aprintf("%s", id);
    c->claim = bc_aprintf("certificate tests");
    c->status = strstr(c->certs[0], "montecarlo") ? (fails ? ST_VIOLATED : ST_CONSISTENT)
                                                  : (fails ? ST_FAILS : ST_HOLDS);
    c->expected = c->status;
    path = bc_aprintf("%s/%s.json", certdir, id);
    f = fopen(path, "w");
    CU_ASSERT_FATAL(f != NULL);
    CU_ASSERT(cert_write_check(f, c, test_seed()) == 0);
    CU_ASSERT(fclose(f) == 0);
    if (nwritten < 64)
        written[nwritten++] = path;
    else
        flint_free(path);
}

/* ------------------------------------------------------- the writer */

static void
test_decimal_balls(void)
{
    slong iter, n = test_iters(300);
    rng_t rng;
    arb_t x;
    fmpq_t m, r, lo, hi, t;
    char *ms, *rs;
    int bad;

    arb_init(x);
    fmpq_init(m);
    fmpq_init(r);
    fmpq_init(lo);
    fmpq_init(hi);
    fmpq_init(t);
    rng_init(rng, test_seed(), 1801, 0);
    for (iter = 0; iter < n; iter++)
    {
        /* a ball with a random midpoint and radius over many scales */
        arb_set_d(x, (rng_uniform(rng) - 0.5) * 1e6);
        arb_mul_2exp_si(x, x, (slong) rng_below(rng, 400) - 200);
        if (iter % 3 != 0)
            arb_add_error_2exp_si(x, (slong) rng_below(rng, 400) - 260);
        if (iter % 7 == 0)
        {
            arb_const_pi(x, 64 + (slong) rng_below(rng, 300));
            arb_div_ui(x, x, 1 + rng_below(rng, 1000), 200);
        }
        cert_arb_decimal(&ms, &rs, x);
        CU_ASSERT_FATAL(parse_decimal(m, ms) && parse_decimal(r, rs));
        /* [m - r, m + r] must contain [mid(x) - rad(x), mid(x) + rad(x)] */
        arf_get_fmpq(lo, arb_midref(x));
        fmpq_set(hi, lo);
        {
            arf_t rr;
            arf_init(rr);
            arf_set_mag(rr, arb_radref(x));
            arf_get_fmpq(t, rr);
            arf_clear(rr);
        }
        fmpq_sub(lo, lo, t);
        fmpq_add(hi, hi, t);
        fmpq_sub(t, m, r);
        bad = fmpq_cmp(t, lo) > 0 || fmpq_sgn(r) < 0;
        fmpq_add(t, m, r);
        bad |= fmpq_cmp(t, hi) < 0;
        if (bad)
        {
            char *xs = arb_get_str(x, 40, 0);
            TEST_REPORT("decimal ball contains the Arb ball", "x = %s, written mid %s rad %s", xs, ms, rs);
            flint_free(xs);
            CU_FAIL("decimal ball not outward");
        }
        flint_free(ms);
        flint_free(rs);
    }
    /* an exact dyadic is written exactly, with radius 0 */
    arb_set_d(x, -0.375);
    cert_arb_decimal(&ms, &rs, x);
    CU_ASSERT(parse_decimal(m, ms));
    fmpq_set_si(t, -3, 8);
    CU_ASSERT(fmpq_equal(m, t));
    CU_ASSERT(strcmp(rs, "0") == 0);
    flint_free(ms);
    flint_free(rs);
    /* non-finite: radius "inf" */
    arb_indeterminate(x);
    cert_arb_decimal(&ms, &rs, x);
    CU_ASSERT(strcmp(rs, "inf") == 0);
    flint_free(ms);
    flint_free(rs);
    arb_clear(x);
    fmpq_clear(m);
    fmpq_clear(r);
    fmpq_clear(lo);
    fmpq_clear(hi);
    fmpq_clear(t);
}

/* ---------------------------------------------------------- LDL^T */

/* Checks the factors of cert_ldl against the definitions: P A P^T =
   L D L^T, L unit lower triangular, pivots of the right sign; or
   x^T A x < 0 (<= 0, x != 0).  want: the known verdict. */
static void
check_ldl(const fmpq_mat_t A, int definite, int want, const char *what)
{
    slong n = fmpq_mat_nrows(A), i, j, k, done;
    slong *perm = flint_malloc(sizeof(slong) * (size_t) (n + 1));
    fmpq *D = _fmpq_vec_init(n + 1), *x = _fmpq_vec_init(n + 1);
    fmpq_mat_t L;
    fmpq_t s, t;
    int ok, good = 1;

    fmpq_mat_init(L, 0, 0);
    fmpq_init(s);
    fmpq_init(t);
    ok = cert_ldl(perm, L, D, x, &done, A, definite);
    if (ok != want)
        good = 0;
    else if (ok)
    {
        for (i = 0; i < n && good; i++)
        {
            good &= fmpq_is_one(fmpq_mat_entry(L, i, i));
            good &= definite ? fmpq_sgn(D + i) > 0 : fmpq_sgn(D + i) >= 0;
            for (j = 0; j < n && good; j++)
            {
                if (j > i)
                    good &= fmpq_is_zero(fmpq_mat_entry(L, i, j));
                fmpq_zero(s);
                for (k = 0; k < n; k++)
                {
                    fmpq_mul(t, fmpq_mat_entry(L, i, k), fmpq_mat_entry(L, j, k));
                    fmpq_addmul(s, t, D + k);
                }
                good &= fmpq_equal(s, fmpq_mat_entry(A, perm[i], perm[j]));
            }
        }
    }
    else
    {
        quad(s, A, x);
        good = fmpq_sgn(s) < 0 || (definite && fmpq_is_zero(s) && !vec_is_zero(x, n));
    }
    if (!good)
    {
        TEST_REPORT("LDL^T witness", "%s (n = %ld, definite = %d): verdict %d, expected %d", what, (long) n,
                    definite, ok, want);
        fmpq_mat_print(A);
    }
    CU_ASSERT(good);
    fmpq_mat_clear(L);
    fmpq_clear(s);
    fmpq_clear(t);
    _fmpq_vec_clear(D, n + 1);
    _fmpq_vec_clear(x, n + 1);
    flint_free(perm);
}

static void
test_ldl(void)
{
    slong iter, n, i, its = test_iters(60);
    rng_t rng;
    check_t chk;

    rng_init(rng, test_seed(), 1802, 0);
    check_init(chk);
    for (iter = 0; iter < its; iter++)
    {
        fmpq_mat_t B, BT, A, S;
        n = 1 + (slong) rng_below(rng, 6);
        fmpq_mat_init(B, 1 + (slong) rng_below(rng, n + 1), n); /* rank <= rows: often singular */
        fmpq_mat_init(BT, n, fmpq_mat_nrows(B));
        fmpq_mat_init(A, n, n);
        fmpq_mat_init(S, n, n);
        random_mat(B, rng, 3);
        fmpq_mat_transpose(BT, B);
        fmpq_mat_mul(A, BT, B); /* B^T B: PSD by construction */
        check_ldl(A, 0, 1, "B^T B");
        for (i = 0; i < n; i++) /* B^T B + I: positive definite */
            fmpq_add_si(fmpq_mat_entry(A, i, i), fmpq_mat_entry(A, i, i), 1);
        check_ldl(A, 1, 1, "B^T B + I");
        /* C^T diag(1, ..., 1, -1) C with C unit upper triangular: congruent to
           a matrix with a negative eigenvalue (Sylvester): indefinite */
        {
            fmpq_mat_t C, CT, E;
            fmpq_mat_init(C, n, n);
            fmpq_mat_init(CT, n, n);
            fmpq_mat_init(E, n, n);
            random_mat(C, rng, 2);
            for (i = 0; i < n; i++)
            {
                slong j;
                for (j = 0; j < i; j++)
                    fmpq_zero(fmpq_mat_entry(C, i, j));
                fmpq_one(fmpq_mat_entry(C, i, i));
                fmpq_set_si(fmpq_mat_entry(E, i, i), i == (slong) (iter % n) ? -1 : 1, 1);
            }
            fmpq_mat_transpose(CT, C);
            fmpq_mat_mul(S, CT, E);
            fmpq_mat_mul(A, S, C);
            check_ldl(A, 0, 0, "C^T diag(.., -1, ..) C");
            check_ldl(A, 1, 0, "C^T diag(.., -1, ..) C");
            if (iter < 4)
                CU_ASSERT(cert_psd(chk, "indefinite by Sylvester", A, 0) == BC_FALSE);
            fmpq_mat_clear(C);
            fmpq_mat_clear(CT);
            fmpq_mat_clear(E);
        }
        if (iter < 4)
        {
            fmpq_mat_mul(A, BT, B);
            CU_ASSERT(cert_psd(chk, "B^T B", A, 0) == BC_TRUE);
        }
        fmpq_mat_clear(B);
        fmpq_mat_clear(BT);
        fmpq_mat_clear(A);
        fmpq_mat_clear(S);
    }
    {
        /* the zero matrix: PSD, not PD (x^T 0 x = 0); [[0, 1], [1, 0]]: a zero
           diagonal with a non-zero entry is indefinite */
        fmpq_mat_t Z;
        fmpq_mat_init(Z, 3, 3);
        check_ldl(Z, 0, 1, "zero");
        check_ldl(Z, 1, 0, "zero");
        fmpq_one(fmpq_mat_entry(Z, 0, 2));
        fmpq_one(fmpq_mat_entry(Z, 2, 0));
        check_ldl(Z, 0, 0, "[[0, 0, 1], [0, 0, 0], [1, 0, 0]]");
        CU_ASSERT(cert_psd(chk, "zero diagonal, non-zero entry", Z, 0) == BC_FALSE);
        fmpq_mat_clear(Z);
    }
    /* the psd certificate file: holds witnesses only would be "holds"; this
       one carries failing witnesses: the check fails */
    write_check("cert.psd", chk);
    check_clear(chk);
}

/* ------------------------------------------------------ critical points */

static void
test_critical(void)
{
    /* one neuron, one point: x = 1, y = 1, w = 1, v = 1 fits exactly, so
       the gradient is 0 and the Hessian is 2 g g^T with g = (v x, w x) =
       (1, 1): PSD, singular (the rescaling w -> a w, v -> v/a), so a
       second-order point but not a strict minimum (direction (1, -1)) */
    fmpq_mat_t X, W;
    fmpq y[1], v[1];
    check_t chk;
    fmpq_mat_init(X, 1, 1);
    fmpq_mat_init(W, 1, 1);
    fmpq_init(y);
    fmpq_init(v);
    check_init(chk);
    fmpq_one(fmpq_mat_entry(X, 0, 0));
    fmpq_one(fmpq_mat_entry(W, 0, 0));
    fmpq_one(y);
    fmpq_one(v);
    CU_ASSERT(cert_critical_relu(chk, "exact fit", X, y, W, v, CERT_CRIT_STATIONARY) == BC_TRUE);
    CU_ASSERT(cert_critical_relu(chk, "exact fit", X, y, W, v, CERT_CRIT_SECOND) == BC_TRUE);
    CU_ASSERT(cert_critical_relu(chk, "exact fit", X, y, W, v, CERT_CRIT_STRICT) == BC_FALSE);
    /* y = 2: residual -1, gradient (2/1) r (v x, w x) = (-2, -2) != 0 */
    fmpq_set_si(y, 2, 1);
    CU_ASSERT(cert_critical_relu(chk, "misfit", X, y, W, v, CERT_CRIT_STATIONARY) == BC_FALSE);
    /* on the boundary <w, x> = 0 the loss is not differentiable */
    fmpq_zero(fmpq_mat_entry(W, 0, 0));
    CU_ASSERT(cert_critical_relu(chk, "boundary", X, y, W, v, CERT_CRIT_STATIONARY) == BC_UNDECIDED);
    CU_ASSERT(chk->ncerts == 4);
    write_check("cert.critical", chk);
    check_clear(chk);
    fmpq_mat_clear(X);
    fmpq_mat_clear(W);
    fmpq_clear(y);
    fmpq_clear(v);
}

/* --------------------------------------------------------------- basin */

static void
test_basin(void)
{
    slong iter, its = test_iters(6), n, m, d, j, t, i;
    rng_t rng;
    check_t chk, chk2;

    rng_init(rng, test_seed(), 1803, 0);
    check_init(chk);
    check_init(chk2);
    for (iter = 0; iter < its; iter++)
    {
        fmpq_mat_t X, W;
        fmpq *y, *v;
        basin_t B;
        basin_result_t R;
        int rc;
        n = 1 + (slong) rng_below(rng, 3);
        m = 2 + (slong) rng_below(rng, 4);
        d = 1 + (slong) rng_below(rng, 3);
        fmpq_mat_init(X, m, d);
        fmpq_mat_init(W, n, d);
        y = _fmpq_vec_init(m);
        v = _fmpq_vec_init(n);
        for (t = 0; t < m; t++)
        {
            for (i = 0; i < d; i++)
                fmpq_set_si(fmpq_mat_entry(X, t, i), (slong) rng_below(rng, 9) - 4, 1);
            fmpq_set_si(y + t, (slong) rng_below(rng, 9) - 4, 1);
        }
        for (j = 0; j < n; j++)
        {
            for (i = 0; i < d; i++)
                fmpq_set_si(fmpq_mat_entry(W, j, i), (slong) rng_below(rng, 9) - 4,
                            1 + (slong) rng_below(rng, 4));
            fmpq_set_si(v + j, rng_below(rng, 2) ? 1 : -1, 1 + (slong) rng_below(rng, 3));
        }
        basin_init(B);
        basin_result_init(R);
        rc = basin_pattern(B, X, y, W, v, n, NULL, NULL);
        if (rc == BASIN_OK)
        {
            fmpq_t eps;
            fmpq_init(eps);
            basin_value(R, B, 64);
            CU_ASSERT(cert_basin(chk, "random instance", B, R, W, v, NULL, NULL) == BC_TRUE);
            /* Bas <= upper holds, Bas < lower - 1 fails: both decided by the bracket */
            CU_ASSERT(cert_basin(chk2, "Bas <= upper", B, R, NULL, NULL, "<=", R->upper) == BC_TRUE);
            fmpq_sub_si(eps, R->lower, 1);
            CU_ASSERT(cert_basin(chk2, "Bas < lower - 1", B, R, NULL, NULL, "<", eps) == BC_FALSE);
            /* the basin objective at the certified point: stationary or not,
               the checker re-decides the gradient */
            cert_critical_basin(chk2, "basin objective at z", B, R->z, CERT_CRIT_STATIONARY);
            fmpq_clear(eps);
        }
        basin_result_clear(R);
        basin_clear(B);
        fmpq_mat_clear(X);
        fmpq_mat_clear(W);
        _fmpq_vec_clear(y, m);
        _fmpq_vec_clear(v, n);
    }
    CU_ASSERT(chk->ncerts > 0);
    if (chk->ncerts > 0)
        write_check("cert.basin", chk);
    if (chk2->ncerts > 0)
        write_check("cert.basin_compare", chk2);
    check_clear(chk);
    check_clear(chk2);
}

/* ------------------------------------------------ binomial, Clopper-Pearson */

static void
test_binomial(void)
{
    check_t chk, cp;
    fmpq_t p, val;
    arb_t pb, v, b;
    double a = 1e-3;

    check_init(chk);
    check_init(cp);
    fmpq_init(p);
    fmpq_init(val);
    arb_init(pb);
    arb_init(v);
    arb_init(b);
    fmpq_set_si(p, 1, 3);
    binom_cdf_fmpq(val, 30, p, 8);
    cert_binom_fmpq(chk, "exact cdf", 0, 30, p, 8, val);
    arb_set_fmpq(pb, p, 128);
    binom_cdf_arb(v, 5000, pb, 1600, 128);
    cert_binom_arb(chk, "enclosed cdf", 0, 5000, p, 1600, v);
    binom_sf_arb(v, 40000, pb, 13500, 128);
    cert_binom_arb(chk, "enclosed sf", 1, 40000, p, 13500, v);
    write_check("cert.binomial", chk);

    /* 300 successes in 1000 trials: 3/10 is inside the 99.8% interval,
       2/5 above it */
    fmpq_set_si(p, 3, 10);
    arb_set_fmpq(b, p, 128);
    CU_ASSERT(cert_cp_upper_ge(cp, "u >= 3/10", 1000, 300, a, b) == BC_TRUE);
    CU_ASSERT(cert_cp_agrees(cp, "3/10 agrees", 1000, 300, a, b) == BC_TRUE);
    cert_cp_interval(cp, "printed limits", 1000, 300, a);
    cert_cp_interval(cp, "printed limits, K = 0", 1000, 0, a);
    fmpq_set_si(p, 2, 5);
    arb_set_fmpq(b, p, 128);
    CU_ASSERT(cert_cp_upper_ge(cp, "u >= 2/5", 1000, 300, a, b) == BC_FALSE);
    write_check("cert.cp", cp);

    check_clear(chk);
    check_clear(cp);
    fmpq_clear(p);
    fmpq_clear(val);
    arb_clear(pb);
    arb_clear(v);
    arb_clear(b);
}

/* ------------------------------------------------------------ inequality */

static void
test_inequality(void)
{
    /* Thm 3's Chernoff step at n = 20, p = 1/10, c = 2: N = 400 and
       P[Bin(400, 1/10) < 20] ~ 2.3e-3 > exp(-10) ~ 4.5e-5 (scipy:
       binom.cdf(19, 400, 0.1)): the erratum's kind of counterexample */
    check_t chk, ok;
    arb_t lhs, rhs, p;
    fmpq pt[3];
    fmpq_t q;
    const char *names[] = {"n", "p", "c"};
    check_init(chk);
    check_init(ok);
    arb_init(lhs);
    arb_init(rhs);
    arb_init(p);
    fmpq_init(q);
    fmpq_init(pt + 0);
    fmpq_init(pt + 1);
    fmpq_init(pt + 2);
    fmpq_set_si(pt + 0, 20, 1);
    fmpq_set_si(pt + 1, 1, 10);
    fmpq_set_si(pt + 2, 2, 1);
    arb_set_fmpq(p, pt + 1, 128);
    binom_cdf_arb(lhs, 400, p, 19, 128);
    arb_set_si(rhs, -10);
    arb_exp(rhs, rhs, 128);
    CU_ASSERT(cert_inequality(chk, "counterexample", "thm3.chernoff", 3, names, pt, lhs, "<=", rhs) ==
              BC_FALSE);
    write_check("cert.erratum", chk);
    /* exp(-1) < 1/2, as expressions */
    arb_set_si(lhs, -1);
    arb_exp(lhs, lhs, 128);
    arb_set_d(rhs, 0.5);
    CU_ASSERT(cert_inequality_expr(ok, "e^-1 < 1/2", "{\"fn\": \"exp\", \"args\": [\"-1\"]}", lhs, "<",
                                   "\"1/2\"", rhs) == BC_TRUE);
    fmpq_set_si(q, 1, 3);
    fmpq_set_si(pt + 0, 1, 2);
    CU_ASSERT(cert_inequality_fmpq(ok, "1/3 < 1/2", NULL, 0, NULL, NULL, q, "<", pt + 0) == BC_TRUE);
    write_check("cert.inequality", ok);
    check_clear(chk);
    check_clear(ok);
    arb_clear(lhs);
    arb_clear(rhs);
    arb_clear(p);
    fmpq_clear(q);
    fmpq_clear(pt + 0);
    fmpq_clear(pt + 1);
    fmpq_clear(pt + 2);
}

/* Theorem 5's hypotheses on two clusters by hand: centres (1, 0), (0, 2),
   points (1, 1/10), (9/10, 0) and (0, 2), targets 1, 1, 0.  delta_1^2 =
   1/100, delta_2 = 0; |c_j|^2 = 1, 4; |x_t|^2 <= 4; det(C C^T) = 4; the
   radius bound at d = 2 is 2 sin(sqrt(2 pi)/(32 sqrt 2)) ~ 0.1107 >
   delta_1/|c_1| = 1/10.  With B^2 = 3 the norm bound fails at (0, 2). */
static void
test_clusters(void)
{
    static const slong xs[3][2] = {{10, 1}, {9, 0}, {0, 20}}, cs[2][2] = {{1, 0}, {0, 2}};
    static const char *const hyp[8] = {"k<=d",   "nonempty", "general", "unique",
                                       "radius", "cnorm",    "bnorm",   "lipschitz"};
    check_t ok, bad;
    fmpq_mat_t X, C;
    fmpq *y = _fmpq_vec_init(3);
    fmpq_t B2, c2, g2;
    slong i, j;
    check_init(ok);
    check_init(bad);
    fmpq_mat_init(X, 3, 2);
    fmpq_mat_init(C, 2, 2);
    fmpq_init(B2);
    fmpq_init(c2);
    fmpq_init(g2);
    for (i = 0; i < 3; i++)
        for (j = 0; j < 2; j++)
            fmpq_set_si(fmpq_mat_entry(X, i, j), xs[i][j], 10);
    for (i = 0; i < 2; i++)
        for (j = 0; j < 2; j++)
            fmpq_set_si(fmpq_mat_entry(C, i, j), cs[i][j], 1);
    fmpq_one(y + 0);
    fmpq_one(y + 1);
    fmpq_set_si(B2, 4, 1);
    fmpq_one(c2);
    fmpq_one(g2); /* |y_1 - y_2| = 0 */
    for (i = 0; i < 8; i++)
        CU_ASSERT(cert_clusters(ok, hyp[i], X, y, C, B2, c2, g2, hyp[i], BC_TRUE) == BC_TRUE);
    write_check("cert.clusters", ok);
    fmpq_set_si(B2, 3, 1);
    CU_ASSERT(cert_clusters(bad, "bnorm", X, y, C, B2, c2, g2, "bnorm", BC_FALSE) == BC_FALSE);
    write_check("cert.clusters_control", bad);
    check_clear(ok);
    check_clear(bad);
    fmpq_mat_clear(X);
    fmpq_mat_clear(C);
    _fmpq_vec_clear(y, 3);
    fmpq_clear(B2);
    fmpq_clear(c2);
    fmpq_clear(g2);
}

/* Theorem 2 on one point by hand: x = 1 (d = 1), y = 1: the one side S^+
   needs a neuron with v > 0 active on it, each neuron being one with
   probability 1/4: P[good] = P[event] = 1 - (3/4)^n, the union bound over
   the one needy side, exactly. */
static void
test_singleton(void)
{
    static const char *const eq[6] = {"good", "=", "needy", "event", "=", "good"};
    fmpq_mat_t X;
    fmpq y[1];
    fmpq_t c;
    check_t ok;
    check_init(ok);
    fmpq_mat_init(X, 1, 1);
    fmpq_one(fmpq_mat_entry(X, 0, 0));
    fmpq_init(y + 0);
    fmpq_one(y + 0);
    fmpq_init(c);
    fmpq_set_si(c, 3, 4);
    CU_ASSERT(cert_singleton(ok, "one point", X, y, 1, 8, c, 2, eq, BC_TRUE) == BC_TRUE);
    write_check("cert.singleton", ok);
    check_clear(ok);
    fmpq_mat_clear(X);
    fmpq_clear(y + 0);
    fmpq_clear(c);
}

/* Theorem 1's hypotheses on a path by hand: one input x = 1, target -1,
   widths 1-1-1, parameters (w_1, b_1, w_2), prediction w_2 [w_1 + b_1]_+.
   W0 = (1, 0, 1) predicts 1, L = 4 > L(0) = 1; W1 = (1, 0, 1/2) predicts
   1/2, L = 9/4 < 4: (ii) holds, and the prediction is 1 - lambda/2 != 0
   on the path: (i) holds.  With W1 = (1, 0, -1) the prediction 1 - 2
   lambda vanishes at lambda = 1/2: (i) fails. */
static void
test_relu_path(void)
{
    const slong width[3] = {1, 1, 1};
    const double good[6] = {1, 0, 1, 1, 0, 0.5}, bad[6] = {1, 0, 1, 1, 0, -1};
    net_t N;
    data_t S;
    check_t ok, ctl;
    check_init(ok);
    check_init(ctl);
    net_init(N, 2, width);
    data_init(S, 1, 1, 1);
    S->X[0] = 1.0;
    S->Y[0] = -1.0;
    CU_ASSERT(cert_relu_path(ok, "(i)", N, S, LOSS_SQUARED, good, 2, "hyp_i", BC_TRUE) == BC_TRUE);
    CU_ASSERT(cert_relu_path(ok, "(ii)", N, S, LOSS_SQUARED, good, 2, "hyp_ii", BC_TRUE) == BC_TRUE);
    write_check("cert.relu_path", ok);
    CU_ASSERT(cert_relu_path(ctl, "(i) through 0", N, S, LOSS_SQUARED, bad, 2, "hyp_i", BC_FALSE) ==
              BC_FALSE);
    write_check("cert.relu_path_control", ctl);
    check_clear(ok);
    check_clear(ctl);
    net_clear(N);
    data_clear(S);
}

/* ----------------------------------------------------------------- range */

/* Claim 1 (B.5) with constant K: h = int_0^theta sin^(d-2) - K
   sin^(d-1)(theta)/(d-1) on [0, pi].  The integral increases, so it lies
   between its end values; the bound is enclosed on the box. */
typedef struct
{
    fmpq_t K;
} claim1_ctx;

static void
claim1_value(arb_t res, const arb_t x, const arb_t a, const arb_t b, slong par, void *ctx, slong prec)
{
    const claim1_ctx *C = ctx;
    arb_t La, Lb, s, k;
    arb_init(La);
    arb_init(Lb);
    arb_init(s);
    arb_init(k);
    sphere_sinpow_integral(La, a, (ulong) par - 2, prec);
    sphere_sinpow_integral(Lb, b, (ulong) par - 2, prec);
    sphere_sin_nonneg(s, x, prec);
    arb_pow_ui(s, s, (ulong) par - 1, prec);
    arb_nonnegative_part(s, s);
    arb_set_fmpq(k, C->K, prec);
    arb_mul(s, s, k, prec);
    arb_div_ui(s, s, (ulong) par - 1, prec);
    range_hull(res, La, Lb, prec);
    arb_sub(res, res, s, prec);
    arb_clear(La);
    arb_clear(Lb);
    arb_clear(s);
    arb_clear(k);
}

/* h' = sin^(d-2) (1 - K cos) = sin^(d-2) ((1 - K) + 2 K sin^2(theta/2)) with
   sin^(d-2) in [0, S] on [0, pi] and the second factor in [1 - K, G]: the
   product lies in [S min(1 - K, 0), S max(G, 0)], built with an exact lower
   end (range_hull) so that a lower end 0 stays 0 for K = 1 */
static void
claim1_deriv(arb_t res, const arb_t x, const arb_t a, const arb_t b, slong par, void *ctx, slong prec)
{
    const claim1_ctx *C = ctx;
    arb_t s, g, k, lo, hi;
    arf_t S, Gl, Gh, t;
    (void) a, (void) b;
    arb_init(s);
    arb_init(g);
    arb_init(k);
    arb_init(lo);
    arb_init(hi);
    arf_init(S);
    arf_init(Gl);
    arf_init(Gh);
    arf_init(t);
    sphere_sin_nonneg(s, x, prec);
    arb_pow_ui(s, s, (ulong) par - 2, prec);
    arb_get_ubound_arf(S, s, prec);
    arb_mul_2exp_si(g, x, -1);
    arb_sin(g, g, prec);
    arb_sqr(g, g, prec);
    arb_set_fmpq(k, C->K, prec);
    arb_mul(g, g, k, prec);
    arb_mul_2exp_si(g, g, 1);
    arb_get_ubound_arf(Gh, g, prec);
    arb_one(lo);
    arb_sub(lo, lo, k, prec); /* 1 - K */
    arb_get_lbound_arf(Gl, lo, prec);
    arb_get_ubound_arf(t, lo, prec);
    arf_add(Gh, Gh, t, prec, ARF_RND_UP);
    if (arf_sgn(Gl) > 0)
        arf_zero(Gl);
    if (arf_sgn(Gh) < 0)
        arf_zero(Gh);
    arf_mul(Gl, Gl, S, prec, ARF_RND_DOWN);
    arf_mul(Gh, Gh, S, prec, ARF_RND_UP);
    arb_set_arf(lo, Gl);
    arb_set_arf(hi, Gh);
    range_hull(res, lo, hi, prec);
    arb_clear(s);
    arb_clear(g);
    arb_clear(k);
    arb_clear(lo);
    arb_clear(hi);
    arf_clear(S);
    arf_clear(Gl);
    arf_clear(Gh);
    arf_clear(t);
}

static void
test_range(void)
{
    range_problem_t P;
    range_result_t R;
    cert_range_t T;
    claim1_ctx C;
    check_t chk, cex;
    const char *names[] = {"K"};
    char *str;

    check_init(chk);
    check_init(cex);
    fmpq_init(C.K);
    fmpq_one(C.K);
    range_problem_init(P);
    range_result_init(R);
    cert_range_init(T);
    P->value = claim1_value;
    P->deriv = claim1_deriv;
    P->ctx = &C;
    arb_zero(P->lo);
    arb_const_pi(P->hi, 128);
    P->par_lo = 2;
    P->par_hi = 6;
    P->touch_lo = 1; /* both sides vanish at 0 */
    P->max_boxes = 5000;
    cert_range_attach(T, P);
    CU_ASSERT(range_prove(R, P) == BC_TRUE);
    CU_ASSERT(T->n == R->nproved_enclosure + R->nproved_monotone);
    if (R->status != BC_TRUE)
    {
        str = range_result_str(R, P);
        TEST_REPORT("Claim 1 by the range prover", "%s", str);
        flint_free(str);
    }
    CU_ASSERT(cert_range(chk, "Claim 1, d = 2..6", T, P, R, "claim1.integral", 1, names, C.K, "\"0\"",
                         "{\"fn\": \"pi\"}") == BC_TRUE);
    /* away from the touch point by enclosures alone: a subdivision */
    P->deriv = NULL;
    P->touch_lo = 0;
    arb_set_d(P->lo, 0.25);
    P->par_hi = 4;
    cert_range_attach(T, P);
    CU_ASSERT(range_prove(R, P) == BC_TRUE);
    CU_ASSERT(T->n == R->nproved_enclosure && T->n > 3);
    CU_ASSERT(cert_range(chk, "Claim 1 on [1/4, pi], enclosures only", T, P, R, "claim1.integral", 1, names,
                         C.K, "\"1/4\"", "{\"fn\": \"pi\"}") == BC_TRUE);
    P->deriv = claim1_deriv;
    P->touch_lo = 1;
    arb_zero(P->lo);
    write_check("cert.range", chk);

    /* K = 11/10 fails near 0 for d = 3 (h ~ theta^2 (1 - K)/2): a verified
       counterexample */
    fmpq_set_si(C.K, 11, 10);
    P->par_lo = P->par_hi = 3;
    cert_range_attach(T, P);
    CU_ASSERT(range_prove(R, P) == BC_FALSE);
    CU_ASSERT(cert_range(cex, "Claim 1 with K = 11/10", T, P, R, "claim1.integral", 1, names, C.K, "\"0\"",
                         "{\"fn\": \"pi\"}") == BC_FALSE);
    write_check("cert.range_control", cex);

    check_clear(chk);
    check_clear(cex);
    cert_range_clear(T);
    range_result_clear(R);
    range_problem_clear(P);
    fmpq_clear(C.K);
}

/* ----------------------------------------------------------- Monte Carlo */

typedef struct
{
    cert_mc_struct *M;
} uniform_ctx;

/* one uniform u; the event u < 5/16 (a dyadic: the double comparison is exact) */
static void
uniform_sample(mc_outcome *out, const void *ctx, rng_t rng, ulong index)
{
    const uniform_ctx *C = ctx;
    double u = rng_uniform(rng);
    out->nevents = 1;
    out->event[0] = u < 0.3125 ? BC_TRUE : BC_FALSE;
    out->escalations = 0;
    cert_mc_outcome(C->M, index, out->event[0]);
    cert_mc_draws(C->M, index, &u, 1);
}

static void
test_montecarlo(void)
{
    ulong N = (ulong) test_iters(20000);
    mc_tally_t T;
    mc_opts o = {2, 0, "cert"};
    cert_mc_t M;
    uniform_ctx C;
    check_t chk, bad;
    arb_t b;
    uint64_t seed = test_seed();
    const char *stream = "cert.test.uniform";

    check_init(chk);
    check_init(bad);
    arb_init(b);
    cert_mc_init(M, seed, stream, N, 8);
    C.M = M;
    mc_run(T, uniform_sample, &C, N, seed, rng_stream_id(stream), &o);
    /* P[u < 5/16] = 0.3125 >= 3/10: consistent; >= 7/20: violated (the
       interval's half-width at N = 20000 is about 0.012) */
    arb_set_ui(b, 3);
    arb_div_ui(b, b, 10, 128);
    CU_ASSERT(cert_mc(chk, "P[u < 5/16] >= 3/10", M, "uniform_below", "{\"p\": \"5/16\"}", 1e-3, b,
                      "\"3/10\"") == BC_TRUE);
    arb_set_ui(b, 7);
    arb_div_ui(b, b, 20, 128);
    CU_ASSERT(cert_mc(bad, "P[u < 5/16] >= 7/20", M, "uniform_below", "{\"p\": \"5/16\"}", 1e-3, b, NULL) ==
              BC_FALSE);
    CU_ASSERT(strstr(chk->certs[0], "\"successes\": ") != NULL);
    {
        /* the counts of the record are the tally's */
        char want[64];
        snprintf(want, sizeof want, "\"successes\": %lu,", (unsigned long) T->hits[0]);
        CU_ASSERT(strstr(chk->certs[0], want) != NULL);
    }
    write_check("cert.montecarlo", chk);
    write_check("cert.montecarlo_control", bad);
    cert_mc_clear(M);
    check_clear(chk);
    check_clear(bad);
    arb_clear(b);
}

/* ---------------------------------------------------------------- suite */

static int
suite_init(void)
{
    const char *env = getenv("BC_CERT_DIR");
    if (env != NULL && *env != 0)
    {
        snprintf(certdir, sizeof certdir, "%s", env);
        certdir_temp = 0;
        return cert_mkdir(certdir);
    }
    snprintf(certdir, sizeof certdir, "%s/bc-cert.XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    certdir_temp = 1;
    return mkdtemp(certdir) == NULL ? -1 : 0;
}

static int
suite_clean(void)
{
    int i, rc = 0;
    for (i = 0; i < nwritten; i++)
    {
        if (certdir_temp && unlink(written[i]) != 0)
            rc = -1;
        flint_free(written[i]);
    }
    nwritten = 0;
    if (certdir_temp && rmdir(certdir) != 0)
        rc = -1;
    return rc;
}

int
t_cert_register(void)
{
    CU_pSuite s = CU_add_suite("cert", suite_init, suite_clean);
    if (s == NULL)
        return -1;
    if (CU_add_test(s, "decimal balls are outward", test_decimal_balls) == NULL ||
        CU_add_test(s, "LDL^T witnesses", test_ldl) == NULL ||
        CU_add_test(s, "critical points by hand", test_critical) == NULL ||
        CU_add_test(s, "basin values", test_basin) == NULL ||
        CU_add_test(s, "binomial and Clopper-Pearson", test_binomial) == NULL ||
        CU_add_test(s, "inequalities", test_inequality) == NULL ||
        CU_add_test(s, "Theorem 5's hypotheses", test_clusters) == NULL ||
        CU_add_test(s, "Theorem 1's path hypotheses", test_relu_path) == NULL ||
        CU_add_test(s, "Theorem 2's probabilities", test_singleton) == NULL ||
        CU_add_test(s, "range proofs", test_range) == NULL ||
        CU_add_test(s, "Monte Carlo records", test_montecarlo) == NULL)
        return -1;
    return 0;
}
