/* t-jac.c -- the Jacobian rank of activation regions (jac.h) against an
   independent exact rank: the Jacobian is written out here from the data
   and the pattern bits, and its rank is computed by a plain Gaussian
   elimination over Q written here (and, for tiny sizes, by brute-force
   minors).  Data with deliberate degeneracies (repeated points, small
   integer grids), arbitrary patterns, every flag combination, and small
   primes that make the modular stage unlucky, so that every certificate
   and the repair of a wrong modular rank are exercised. */
#include <string.h>

#include "jac.h"
#include "rng.h"
#include "testutil.h"

/* ------------------------------------------------------------ oracle */

/* rank of the r x c matrix a (row major, destroyed) by Gaussian
   elimination over Q */
static slong
oracle_rank_q(fmpq *a, slong r, slong c)
{
    slong rank = 0, col, i, j, piv;
    fmpq_t f;
    fmpq_init(f);
    for (col = 0; col < c && rank < r; col++)
    {
        piv = -1;
        for (i = rank; i < r; i++)
            if (!fmpq_is_zero(a + i * c + col))
            {
                piv = i;
                break;
            }
        if (piv < 0)
            continue;
        if (piv != rank)
            for (j = 0; j < c; j++)
                fmpq_swap(a + piv * c + j, a + rank * c + j);
        for (i = rank + 1; i < r; i++)
        {
            if (fmpq_is_zero(a + i * c + col))
                continue;
            fmpq_div(f, a + i * c + col, a + rank * c + col);
            for (j = col; j < c; j++)
                fmpq_submul(a + i * c + j, f, a + rank * c + j);
        }
        rank++;
    }
    fmpq_clear(f);
    return rank;
}

/* J written out from x (n x d0) and the pattern bits bits[i][j] */
static fmpq *
oracle_jacobian(const fmpq *x, const int *bits, slong n, slong d0, slong d1)
{
    slong e = d0 + 1, P = d1 * e, i, j, c;
    fmpq *J = _fmpq_vec_init(n * P);
    for (j = 0; j < n; j++)
        for (i = 0; i < d1; i++)
            if (bits[i * n + j])
            {
                for (c = 0; c < d0; c++)
                    fmpq_set(J + j * P + i * e + c, x + j * d0 + c);
                fmpq_one(J + j * P + i * e + d0);
            }
    return J;
}

static slong
oracle_rank(const fmpq *x, const int *bits, slong n, slong d0, slong d1)
{
    slong P = d1 * (d0 + 1), r;
    fmpq *J = oracle_jacobian(x, bits, n, d0, d1);
    r = oracle_rank_q(J, n, P);
    _fmpq_vec_clear(J, n * P);
    return r;
}

/* determinant of the k x k matrix m (row major) by Laplace expansion */
static void
laplace_det(fmpq_t d, const fmpq *m, slong k)
{
    slong c, i, j;
    fmpq_t s, t;
    fmpq *sub;
    if (k == 1)
    {
        fmpq_set(d, m);
        return;
    }
    fmpq_init(s);
    fmpq_init(t);
    sub = _fmpq_vec_init((k - 1) * (k - 1));
    fmpq_zero(s);
    for (c = 0; c < k; c++)
    {
        if (fmpq_is_zero(m + c))
            continue;
        for (i = 1; i < k; i++)
            for (j = 0; j < k; j++)
                if (j != c)
                    fmpq_set(sub + (i - 1) * (k - 1) + (j < c ? j : j - 1), m + i * k + j);
        laplace_det(t, sub, k - 1);
        fmpq_mul(t, t, m + c);
        if (c % 2)
            fmpq_sub(s, s, t);
        else
            fmpq_add(s, s, t);
    }
    fmpq_set(d, s);
    _fmpq_vec_clear(sub, (k - 1) * (k - 1));
    fmpq_clear(s);
    fmpq_clear(t);
}

/* rank as the largest k with a non-zero k x k minor (tiny sizes) */
static slong
minor_rank(const fmpq *J, slong r, slong c)
{
    slong k, best = 0;
    for (k = 1; k <= FLINT_MIN(r, c); k++)
    {
        ulong rs, cs;
        int found = 0;
        for (rs = 0; rs < (UWORD(1) << r) && !found; rs++)
        {
            if ((slong) __builtin_popcountl(rs) != k)
                continue;
            for (cs = 0; cs < (UWORD(1) << c) && !found; cs++)
            {
                slong ri[8], ci[8], a = 0, b = 0, s, t;
                fmpq *m;
                fmpq_t d;
                if ((slong) __builtin_popcountl(cs) != k)
                    continue;
                for (s = 0; s < r; s++)
                    if (rs >> s & 1)
                        ri[a++] = s;
                for (s = 0; s < c; s++)
                    if (cs >> s & 1)
                        ci[b++] = s;
                m = _fmpq_vec_init(k * k);
                for (s = 0; s < k; s++)
                    for (t = 0; t < k; t++)
                        fmpq_set(m + s * k + t, J + ri[s] * c + ci[t]);
                fmpq_init(d);
                laplace_det(d, m, k);
                found = !fmpq_is_zero(d);
                fmpq_clear(d);
                _fmpq_vec_clear(m, k * k);
            }
        }
        if (!found)
            break;
        best = k;
    }
    return best;
}

/* ------------------------------------------------------- random input */

/* small rationals with repetitions: k / 2 for k in [-3, 3], or a repeated
   earlier point, or a wide random dyadic */
static void
random_data(fmpq *x, slong n, slong d0, int style, rng_t r)
{
    slong j, c;
    for (j = 0; j < n; j++)
    {
        if (j > 0 && style == 1 && rng_below(r, 4) == 0)
        {
            slong k = (slong) rng_below(r, (uint64_t) j);
            for (c = 0; c < d0; c++)
                fmpq_set(x + j * d0 + c, x + k * d0 + c);
            continue;
        }
        for (c = 0; c < d0; c++)
        {
            if (style == 2)
                bc_fmpq_set_d(x + j * d0 + c, rng_uniform(r) * 4.0 - 2.0);
            else
                fmpq_set_si(x + j * d0 + c, (slong) rng_below(r, 7) - 3, 2);
        }
    }
}

static void
random_bits(int *bits, slong d1, slong n, rng_t r)
{
    slong k;
    uint64_t dens = 1 + rng_below(r, 7); /* P(a_ij = 1) = dens / 8 */
    for (k = 0; k < d1 * n; k++)
        bits[k] = rng_below(r, 8) < dens;
}

static void
load_pattern(jac_pattern_t A, const int *bits)
{
    slong i, j;
    jac_pattern_zero(A);
    for (i = 0; i < A->d1; i++)
        for (j = 0; j < A->n; j++)
            jac_pattern_set(A, i, j, bits[i * A->n + j]);
}

static void
print_case(const fmpq *x, const int *bits, slong n, slong d0, slong d1, ulong p, int flags)
{
    slong i, j, c;
    fprintf(stderr, "n=%ld d0=%ld d1=%ld p=%lu flags=%d\nx:", (long) n, (long) d0, (long) d1,
            (unsigned long) p, flags);
    for (j = 0; j < n; j++)
    {
        fprintf(stderr, " (");
        for (c = 0; c < d0; c++)
        {
            fmpq_fprint(stderr, x + j * d0 + c);
            fprintf(stderr, c + 1 < d0 ? "," : ")");
        }
    }
    fprintf(stderr, "\nA:");
    for (i = 0; i < d1; i++)
    {
        fprintf(stderr, " ");
        for (j = 0; j < n; j++)
            fprintf(stderr, "%d", bits[i * n + j]);
    }
    fprintf(stderr, "\n");
}

/* the kernel vectors kept in R are exact kernel vectors of J (v = 1) and
   independent; returns 1 if so */
static int
kernel_ok(const jac_rank_t R, const fmpq *x, const int *bits, slong n, slong d0, slong d1)
{
    slong P = d1 * (d0 + 1), m = R->side == JAC_LEFT ? n : P, k, a, b;
    fmpq *J = oracle_jacobian(x, bits, n, d0, d1);
    fmpq *K;
    fmpq_t s, t;
    int ok = 1;
    if (R->ker->c != R->nker || (R->nker > 0 && R->ker->r != m))
        ok = 0;
    fmpq_init(s);
    fmpq_init(t);
    for (k = 0; ok && k < R->nker; k++)
    {
        if (R->side == JAC_LEFT)
            for (b = 0; ok && b < P; b++)
            {
                fmpq_zero(s);
                for (a = 0; a < n; a++)
                {
                    fmpq_mul_fmpz(t, J + a * P + b, fmpz_mat_entry(R->ker, a, k));
                    fmpq_add(s, s, t);
                }
                ok = fmpq_is_zero(s);
            }
        else
            for (a = 0; ok && a < n; a++)
            {
                fmpq_zero(s);
                for (b = 0; b < P; b++)
                {
                    fmpq_mul_fmpz(t, J + a * P + b, fmpz_mat_entry(R->ker, b, k));
                    fmpq_add(s, s, t);
                }
                ok = fmpq_is_zero(s);
            }
    }
    if (ok && R->nker > 0)
    {
        K = _fmpq_vec_init(m * R->nker);
        for (a = 0; a < m; a++)
            for (k = 0; k < R->nker; k++)
                fmpq_set_fmpz(K + a * R->nker + k, fmpz_mat_entry(R->ker, a, k));
        ok = oracle_rank_q(K, m, R->nker) == R->nker;
        _fmpq_vec_clear(K, m * R->nker);
    }
    fmpq_clear(s);
    fmpq_clear(t);
    _fmpq_vec_clear(J, n * P);
    return ok;
}

/* ------------------------------------------------------------- tests */

static void
test_known(void)
{
    /* x = 1, 2, 3 on the line, one neuron active on all: J has rows
       (x_j, 1), rank 2 < 3 = n; the left kernel is the second difference
       (1, -2, 1); the count bound gives 2, and so does the exact stage */
    jac_data_t D;
    jac_pattern_t A;
    jac_rank_t R;
    fmpq x[3];
    slong j;
    int flags;
    for (j = 0; j < 3; j++)
    {
        fmpq_init(x + j);
        fmpq_set_si(x + j, j + 1, 1);
    }
    jac_data_init(D, 3, 1);
    jac_data_set_fmpq(D, x);
    jac_pattern_init(A, 1, 3);
    for (j = 0; j < 3; j++)
        jac_pattern_set(A, 0, j, 1);
    jac_rank_init(R);
    for (flags = 0; flags < 8; flags++)
    {
        jac_rank(R, D, A, flags);
        CU_ASSERT_EQUAL(R->side, JAC_RIGHT); /* P = 2 < n = 3 */
        CU_ASSERT_EQUAL(R->full, 2);
        CU_ASSERT_EQUAL(R->full_rank, BC_TRUE); /* column rank 2 = min(n, P) */
        CU_ASSERT_EQUAL(R->lo, 2);
    }
    /* two neurons, both active on all: P = 4 >= n, rank 2, deficient */
    jac_pattern_clear(A);
    jac_pattern_init(A, 2, 3);
    for (j = 0; j < 3; j++)
    {
        jac_pattern_set(A, 0, j, 1);
        jac_pattern_set(A, 1, j, 1);
    }
    jac_rank(R, D, A, JAC_DECIDE);
    CU_ASSERT_EQUAL(R->full_rank, BC_FALSE);
    CU_ASSERT_EQUAL(R->cert_hi, JAC_CERT_COUNT);
    jac_rank(R, D, A, JAC_EXACT | JAC_NO_SHORTCUT | JAC_KEEP_KERNEL);
    CU_ASSERT_EQUAL(R->rank, 2);
    CU_ASSERT_EQUAL(R->cert_hi, JAC_CERT_KERNEL);
    CU_ASSERT_EQUAL(R->nker, 1);
    if (R->nker == 1)
    {
        /* proportional to (1, -2, 1) */
        fmpz_t a, b;
        fmpz_init(a);
        fmpz_init(b);
        fmpz_mul_si(a, fmpz_mat_entry(R->ker, 0, 0), -2);
        CU_ASSERT(fmpz_equal(a, fmpz_mat_entry(R->ker, 1, 0)));
        CU_ASSERT(fmpz_equal(fmpz_mat_entry(R->ker, 0, 0), fmpz_mat_entry(R->ker, 2, 0)));
        fmpz_clear(a);
        fmpz_clear(b);
    }
    /* the hat pattern: suffix {2, 3} and {3}: rank 3 = n */
    jac_pattern_zero(A);
    jac_pattern_set(A, 0, 1, 1);
    jac_pattern_set(A, 0, 2, 1);
    jac_pattern_set(A, 1, 2, 1);
    jac_rank(R, D, A, JAC_DECIDE);
    CU_ASSERT_EQUAL(R->full_rank, BC_FALSE); /* point 1 is uncovered */
    CU_ASSERT_EQUAL(R->cert_hi, JAC_CERT_ZERO_ROWS);
    jac_pattern_set(A, 1, 0, 1);
    jac_pattern_set(A, 1, 1, 1); /* neuron 1 now on everything */
    jac_rank(R, D, A, JAC_DECIDE);
    CU_ASSERT_EQUAL(R->full_rank, BC_TRUE);
    CU_ASSERT_EQUAL(R->cert_lo, JAC_CERT_MODP);
    jac_rank_clear(R);
    jac_pattern_clear(A);
    jac_data_clear(D);
    for (j = 0; j < 3; j++)
        fmpq_clear(x + j);
}

static void
test_oracle_minors(void)
{
    /* the elimination oracle against brute-force minors on tiny J */
    rng_t r;
    slong it, iters = test_iters(150);
    rng_init(r, test_seed(), rng_stream_id("t-jac.minors"), 0);
    for (it = 0; it < iters; it++)
    {
        slong n = 1 + (slong) rng_below(r, 4), d0 = 1 + (slong) rng_below(r, 2);
        slong d1 = 1 + (slong) rng_below(r, 2), P = d1 * (d0 + 1), r1, r2, rk;
        fmpq *x = _fmpq_vec_init(n * d0), *J, *J2;
        int *bits = flint_malloc(sizeof(int) * (size_t) (d1 * n));
        jac_data_t D;
        jac_pattern_t A;
        jac_rank_t R;
        random_data(x, n, d0, (int) rng_below(r, 3), r);
        random_bits(bits, d1, n, r);
        J = oracle_jacobian(x, bits, n, d0, d1);
        J2 = oracle_jacobian(x, bits, n, d0, d1);
        r1 = minor_rank(J, n, P);
        r2 = oracle_rank_q(J2, n, P);
        jac_data_init(D, n, d0);
        jac_data_set_fmpq(D, x);
        jac_pattern_init(A, d1, n);
        load_pattern(A, bits);
        jac_rank_init(R);
        jac_rank(R, D, A, JAC_EXACT);
        rk = R->rank;
        if (r1 != r2 || rk != r1)
        {
            TEST_REPORT("minor rank = elimination rank = jac_rank", "minors %ld elimination %ld jac %ld",
                        (long) r1, (long) r2, (long) rk);
            print_case(x, bits, n, d0, d1, D->p, JAC_EXACT);
        }
        CU_ASSERT_EQUAL(r1, r2);
        CU_ASSERT_EQUAL(rk, r1);
        jac_rank_clear(R);
        jac_pattern_clear(A);
        jac_data_clear(D);
        _fmpq_vec_clear(J, n * P);
        _fmpq_vec_clear(J2, n * P);
        _fmpq_vec_clear(x, n * d0);
        flint_free(bits);
    }
}

static void
test_random(void)
{
    static const ulong primes[] = {0, 3, 5, 7, 11, 65521};
    rng_t r;
    slong it, iters = test_iters(600);
    rng_init(r, test_seed(), rng_stream_id("t-jac.random"), 0);
    for (it = 0; it < iters; it++)
    {
        slong n = 1 + (slong) rng_below(r, 12), d0 = 1 + (slong) rng_below(r, 4);
        slong d1 = 1 + (slong) rng_below(r, 6), P = d1 * (d0 + 1), full = FLINT_MIN(n, P), want;
        ulong p = primes[rng_below(r, 6)];
        int flags = (int) rng_below(r, 8), bad = 0;
        fmpq *x = _fmpq_vec_init(n * d0);
        int *bits = flint_malloc(sizeof(int) * (size_t) (d1 * n));
        jac_data_t D;
        jac_pattern_t A;
        jac_rank_t R;

        random_data(x, n, d0, (int) rng_below(r, 3), r);
        random_bits(bits, d1, n, r);
        want = oracle_rank(x, bits, n, d0, d1);
        jac_data_init(D, n, d0);
        jac_data_set_fmpq(D, x);
        jac_data_set_prime(D, p);
        if (rng_below(r, 2))
            jac_data_prepare(D); /* the cached and the uncached paths agree */
        jac_pattern_init(A, d1, n);
        load_pattern(A, bits);
        jac_rank_init(R);
        jac_rank(R, D, A, flags);

        if (R->lo > want || R->hi < want)
            bad |= 1;
        if (R->full_rank != (want == full ? BC_TRUE : BC_FALSE))
            bad |= 2;
        if ((flags & JAC_EXACT) && R->rank != want)
            bad |= 4;
        if (R->full != full || R->P != P || R->side != (P >= n ? JAC_LEFT : JAC_RIGHT))
            bad |= 8;
        if ((flags & JAC_KEEP_KERNEL) && !kernel_ok(R, x, bits, n, d0, d1))
            bad |= 16;
        if ((flags & JAC_EXACT) && (flags & JAC_KEEP_KERNEL) && R->cert_hi == JAC_CERT_KERNEL &&
            R->nker != full - want)
            bad |= 32;
        if (bad)
        {
            TEST_REPORT("jac_rank bounds contain the elimination rank and decide full rank",
                        "code %d: oracle %ld, lo %ld (%s) hi %ld (%s) full %ld rank %ld nker %ld", bad,
                        (long) want, (long) R->lo, jac_cert_name(R->cert_lo), (long) R->hi,
                        jac_cert_name(R->cert_hi), (long) full, (long) R->rank, (long) R->nker);
            print_case(x, bits, n, d0, d1, D->p, flags);
        }
        CU_ASSERT_EQUAL(bad, 0);
        jac_rank_clear(R);
        jac_pattern_clear(A);
        jac_data_clear(D);
        _fmpq_vec_clear(x, n * d0);
        flint_free(bits);
    }
}

static void
test_certificates(void)
{
    /* each certificate is reached, and is right when it is: the count of
       uses per certificate must be positive for the ones the construction
       forces */
    rng_t r;
    slong it, iters = test_iters(200), used[JAC_CERT_NKINDS];
    memset(used, 0, sizeof used);
    rng_init(r, test_seed(), rng_stream_id("t-jac.certs"), 0);
    for (it = 0; it < iters; it++)
    {
        int kind = (int) (it % 5);
        slong n, d0, d1, i, j, want;
        fmpq *x;
        int *bits;
        jac_data_t D;
        jac_pattern_t A;
        jac_rank_t R;
        switch (kind)
        {
        case 0: /* cover: d0 + 1 >= n, generic data */
            n = 2 + (slong) rng_below(r, 5);
            d0 = n - 1 + (slong) rng_below(r, 3);
            d1 = 1 + (slong) rng_below(r, 3);
            break;
        case 1: /* atoms: few neurons, many points in low dimension */
            n = 8 + (slong) rng_below(r, 6);
            d0 = 1 + (slong) rng_below(r, 2);
            d1 = n;
            break;
        default:
            n = 3 + (slong) rng_below(r, 8);
            d0 = 1 + (slong) rng_below(r, 3);
            d1 = 1 + (slong) rng_below(r, 5);
        }
        x = _fmpq_vec_init(n * d0);
        bits = flint_calloc((size_t) (d1 * n), sizeof(int));
        random_data(x, n, d0, 2, r);
        if (kind == 1)
        {
            /* every neuron active on all of the first d0 + 2 points or none */
            for (i = 0; i < d1; i++)
            {
                int on = (int) rng_below(r, 2);
                for (j = 0; j < n; j++)
                    bits[i * n + j] = j < d0 + 2 ? on : (int) rng_below(r, 2);
            }
            bits[0] = 1; /* the atom is covered */
            for (j = 1; j < d0 + 2; j++)
                bits[j] = 1;
        }
        else if (kind == 2)
        {
            /* an uncovered point */
            random_bits(bits, d1, n, r);
            for (i = 0; i < d1; i++)
                bits[i * n] = 0;
        }
        else
            random_bits(bits, d1, n, r);
        want = oracle_rank(x, bits, n, d0, d1);
        jac_data_init(D, n, d0);
        jac_data_set_fmpq(D, x);
        jac_pattern_init(A, d1, n);
        load_pattern(A, bits);
        jac_rank_init(R);
        jac_rank(R, D, A, kind == 4 ? JAC_EXACT | JAC_KEEP_KERNEL : JAC_EXACT);
        used[R->cert_lo]++;
        used[R->cert_hi]++;
        if (R->rank != want)
        {
            TEST_REPORT("certified rank = elimination rank", "kind %d: oracle %ld, jac %ld (%s/%s)", kind,
                        (long) want, (long) R->rank, jac_cert_name(R->cert_lo), jac_cert_name(R->cert_hi));
            print_case(x, bits, n, d0, d1, D->p, JAC_EXACT);
        }
        CU_ASSERT_EQUAL(R->rank, want);
        jac_rank_clear(R);
        jac_pattern_clear(A);
        jac_data_clear(D);
        _fmpq_vec_clear(x, n * d0);
        flint_free(bits);
    }
    if (used[JAC_CERT_COVER] == 0 || used[JAC_CERT_ATOMS] == 0 || used[JAC_CERT_ZERO_ROWS] == 0 ||
        used[JAC_CERT_MODP] == 0 || used[JAC_CERT_KERNEL] == 0 || used[JAC_CERT_COUNT] == 0)
        TEST_REPORT("every certificate is reached",
                    "cover %ld atoms %ld zero-rows %ld modp %ld kernel %ld "
                    "count %ld",
                    (long) used[JAC_CERT_COVER], (long) used[JAC_CERT_ATOMS], (long) used[JAC_CERT_ZERO_ROWS],
                    (long) used[JAC_CERT_MODP], (long) used[JAC_CERT_KERNEL], (long) used[JAC_CERT_COUNT]);
    CU_ASSERT(used[JAC_CERT_COVER] > 0);
    CU_ASSERT(used[JAC_CERT_ATOMS] > 0);
    CU_ASSERT(used[JAC_CERT_ZERO_ROWS] > 0);
    CU_ASSERT(used[JAC_CERT_MODP] > 0);
    CU_ASSERT(used[JAC_CERT_KERNEL] > 0);
    CU_ASSERT(used[JAC_CERT_COUNT] > 0);
}

static void
test_unlucky_prime(void)
{
    /* data whose integer rows are 0 mod 3 in a coordinate: mod 3 the rank
       drops, and the exact stage must repair it (a non-zero minor) */
    jac_data_t D;
    jac_pattern_t A;
    jac_rank_t R;
    fmpq xs[8];
    slong j, k;
    const slong v[8] = {3, 0, 0, 3, 3, 3, 6, 3}; /* points (3, 0), (0, 3), (3, 3), (6, 3) */
    for (k = 0; k < 8; k++)
    {
        fmpq_init(xs + k);
        fmpq_set_si(xs + k, v[k], 1);
    }
    jac_data_init(D, 4, 2);
    jac_data_set_fmpq(D, xs);
    jac_data_set_prime(D, 3);
    for (k = 0; k < 8; k++)
        fmpq_clear(xs + k);
    jac_pattern_init(A, 2, 4);
    for (j = 0; j < 4; j++)
        jac_pattern_set(A, 0, j, 1);
    jac_pattern_set(A, 1, 3, 1);
    jac_rank_init(R);
    jac_rank(R, D, A, JAC_EXACT | JAC_NO_SHORTCUT);
    /* rows (3,0,1,0,0,0), (0,3,1,0,0,0), (3,3,1,0,0,0), (6,3,1,6,3,1): rank 4 */
    CU_ASSERT_EQUAL(R->rank, 4);
    CU_ASSERT_EQUAL(R->cert_lo, JAC_CERT_MINOR);
    jac_rank_clear(R);
    jac_pattern_clear(A);
    jac_data_clear(D);
}

static void
test_weights(void)
{
    /* the pattern of given weights: exact, and the double filter, against
       a direct rational evaluation; including exact zeros and sums whose
       double evaluation rounds to the wrong side */
    rng_t r;
    slong it, iters = test_iters(200);
    rng_init(r, test_seed(), rng_stream_id("t-jac.weights"), 0);
    for (it = 0; it < iters; it++)
    {
        slong n = 1 + (slong) rng_below(r, 8), d0 = 1 + (slong) rng_below(r, 4),
              d1 = 1 + (slong) rng_below(r, 4);
        slong i, j, c, z1, z2, zw = 0;
        double *x = flint_malloc(sizeof(double) * (size_t) (n * d0));
        double *W = flint_malloc(sizeof(double) * (size_t) (d1 * d0));
        double *b = flint_malloc(sizeof(double) * (size_t) d1);
        fmpq *Wq = _fmpq_vec_init(d1 * d0), *bq = _fmpq_vec_init(d1);
        jac_data_t D;
        jac_pattern_t A1, A2;
        fmpq_t s, t;
        int bad = 0;
        for (j = 0; j < n * d0; j++)
            x[j] =
                rng_below(r, 2) ? 1.0 + ldexp((double) rng_below(r, 4), -52) : (double) rng_below(r, 5) - 2;
        for (i = 0; i < d1; i++)
        {
            for (c = 0; c < d0; c++)
                W[i * d0 + c] = rng_below(r, 2) ? 1.0 : ldexp((double) rng_below(r, 9) - 4, -1);
            if (rng_below(r, 4) == 0)
                x[i % n] = -ldexp(3.0, -1060); /* a subnormal, negative */
            /* a bias that cancels one point's sum exactly, or nearly */
            {
                slong k = (slong) rng_below(r, (uint64_t) n);
                double sum = 0;
                for (c = 0; c < d0; c++)
                    sum += W[i * d0 + c] * x[k * d0 + c];
                b[i] = -sum + (rng_below(r, 3) == 0 ? ldexp(1.0, -60) : 0.0);
            }
        }
        jac_data_init(D, n, d0);
        jac_data_set_d(D, x);
        fmpq_init(s);
        for (j = 0; j < n * d0; j++)
        {
            bc_fmpq_set_d(s, x[j]); /* the data kept are the doubles' exact values */
            if (!fmpq_equal(s, D->x + j))
                bad = 1;
        }
        fmpq_clear(s);
        for (i = 0; i < d1 * d0; i++)
            bc_fmpq_set_d(Wq + i, W[i]);
        for (i = 0; i < d1; i++)
            bc_fmpq_set_d(bq + i, b[i]);
        jac_pattern_init(A1, d1, n);
        jac_pattern_init(A2, d1, n);
        z1 = jac_pattern_set_weights(A1, NULL, NULL, D, Wq, bq);
        z2 = jac_pattern_set_weights_d(A2, NULL, NULL, D, W, b);
        fmpq_init(s);
        fmpq_init(t);
        for (i = 0; i < d1; i++)
            for (j = 0; j < n; j++)
            {
                fmpq_set(s, bq + i);
                for (c = 0; c < d0; c++)
                {
                    bc_fmpq_set_d(t, x[j * d0 + c]);
                    fmpq_addmul(s, t, Wq + i * d0 + c);
                }
                zw += fmpq_is_zero(s);
                if (jac_pattern_get(A1, i, j) != (fmpq_sgn(s) > 0) ||
                    jac_pattern_get(A2, i, j) != (fmpq_sgn(s) > 0))
                    bad = 1;
            }
        if (bad || z1 != zw || z2 != zw)
            TEST_REPORT("patterns of weights agree with rational evaluation",
                        "n=%ld d0=%ld d1=%ld zeros %ld %ld %ld", (long) n, (long) d0, (long) d1, (long) zw,
                        (long) z1, (long) z2);
        CU_ASSERT(!bad && z1 == zw && z2 == zw);
        fmpq_clear(s);
        fmpq_clear(t);
        jac_pattern_clear(A1);
        jac_pattern_clear(A2);
        jac_data_clear(D);
        _fmpq_vec_clear(Wq, d1 * d0);
        _fmpq_vec_clear(bq, d1);
        flint_free(x);
        flint_free(W);
        flint_free(b);
    }
}

static void
test_jacobian_matrix(void)
{
    /* jac_jacobian with output weights v: the oracle's J with column blocks
       scaled by v, and the same rank when every v_i != 0 */
    rng_t r;
    slong it, iters = test_iters(50);
    rng_init(r, test_seed(), rng_stream_id("t-jac.matrix"), 0);
    for (it = 0; it < iters; it++)
    {
        slong n = 1 + (slong) rng_below(r, 6), d0 = 1 + (slong) rng_below(r, 3),
              d1 = 1 + (slong) rng_below(r, 3);
        slong P = d1 * (d0 + 1), j, k, i;
        fmpq *x = _fmpq_vec_init(n * d0), *v = _fmpq_vec_init(d1), *Jo;
        int *bits = flint_malloc(sizeof(int) * (size_t) (d1 * n)), ok = 1;
        jac_data_t D;
        jac_pattern_t A;
        fmpq_mat_t J;
        fmpq_t t;
        random_data(x, n, d0, 0, r);
        random_bits(bits, d1, n, r);
        for (i = 0; i < d1; i++)
            fmpq_set_si(v + i, (slong) rng_below(r, 7) - 3, 1 + (slong) rng_below(r, 3));
        jac_data_init(D, n, d0);
        jac_data_set_fmpq(D, x);
        jac_pattern_init(A, d1, n);
        load_pattern(A, bits);
        fmpq_mat_init(J, n, P);
        jac_jacobian(J, D, A, v);
        Jo = oracle_jacobian(x, bits, n, d0, d1);
        fmpq_init(t);
        for (j = 0; j < n; j++)
            for (k = 0; k < P; k++)
            {
                fmpq_mul(t, Jo + j * P + k, v + k / (d0 + 1));
                if (!fmpq_equal(t, fmpq_mat_entry(J, j, k)))
                    ok = 0;
            }
        CU_ASSERT(ok);
        fmpq_clear(t);
        fmpq_mat_clear(J);
        _fmpq_vec_clear(Jo, n * P);
        jac_pattern_clear(A);
        jac_data_clear(D);
        _fmpq_vec_clear(x, n * d0);
        _fmpq_vec_clear(v, d1);
        flint_free(bits);
    }
}

static void
test_sampling(void)
{
    /* reproducible from the stream; the sampled pattern is the exact
       pattern of the sampled weights; values lie on the float32 grids */
    rng_t r1, r2;
    slong n = 9, d0 = 3, d1 = 5, i, j, k;
    jac_data_t D1, D2;
    jac_pattern_t A1, A2, A3;
    double W[15], b[5];
    fmpq Wq[15], bq[5];
    int ok = 1;
    jac_data_init(D1, n, d0);
    jac_data_init(D2, n, d0);
    jac_pattern_init(A1, d1, n);
    jac_pattern_init(A2, d1, n);
    jac_pattern_init(A3, d1, n);
    for (k = 0; k < 2; k++)
    {
        jac_data_law law = k ? JAC_DATA_GAUSS : JAC_DATA_UNIFORM;
        rng_init(r1, test_seed(), rng_stream_id("t-jac.sample"), (uint64_t) k);
        rng_init(r2, test_seed(), rng_stream_id("t-jac.sample"), (uint64_t) k);
        jac_data_sample(D1, law, r1);
        jac_data_sample(D2, law, r2);
        for (j = 0; j < n * d0; j++)
        {
            if (!fmpq_equal(D1->x + j, D2->x + j))
                ok = 0;
            if ((double) (float) D1->xd[j] != D1->xd[j])
                ok = 0;
            if (law == JAC_DATA_UNIFORM && (D1->xd[j] < 0 || D1->xd[j] >= 1))
                ok = 0;
        }
        jac_pattern_sample(A1, D1, JAC_INIT_TORCH, r1);
        jac_weights_sample(W, b, NULL, d1, d0, JAC_INIT_TORCH, r2);
        for (i = 0; i < d1 * d0; i++)
        {
            fmpq_init(Wq + i);
            bc_fmpq_set_d(Wq + i, W[i]);
            if (W[i] < -1 || W[i] >= 1 || (double) (float) W[i] != W[i])
                ok = 0;
        }
        for (i = 0; i < d1; i++)
        {
            fmpq_init(bq + i);
            bc_fmpq_set_d(bq + i, b[i]);
        }
        jac_pattern_set_weights(A2, NULL, NULL, D2, Wq, bq);
        for (i = 0; i < d1; i++)
            for (j = 0; j < n; j++)
                if (jac_pattern_get(A1, i, j) != jac_pattern_get(A2, i, j))
                    ok = 0;
        jac_pattern_sample(A3, D1, JAC_INIT_SPHERE, r1);
        for (i = 0; i < d1 * d0; i++)
            fmpq_clear(Wq + i);
        for (i = 0; i < d1; i++)
            fmpq_clear(bq + i);
    }
    CU_ASSERT(ok);
    jac_pattern_clear(A1);
    jac_pattern_clear(A2);
    jac_pattern_clear(A3);
    jac_data_clear(D1);
    jac_data_clear(D2);
}

/* One-dimensional oracle: for sorted distinct points and a set of step
   rows (E, prefixes {1..c}, suffixes {c+1..n}), the kernel dimension of
   J^T by the moment-path count (derived independently of jac_rank): label
   the cuts Z (prefix), N (suffix), B (both); walk the labelled positions
   0 (Z) .. n (N); merged if E or a B is present; segments of length L
   contribute max(0, L - 2), and unmerged patterns add max(0, 2 - c1)
   where c1 counts crossing (Z-N) segments of length 1. */
static slong
kerdim_1d(slong n, int hasE, const char *lab /* lab[c], c = 1..n-1: 0, 'Z', 'N', 'B' */)
{
    slong c, a = 0, k = 0, c1 = 0;
    int merged = hasE, last = 'Z';
    for (c = 1; c < n; c++)
        merged |= lab[c] == 'B';
    for (c = 1; c <= n; c++)
    {
        int l = c == n ? 'N' : lab[c];
        slong L;
        if (l == 0)
            continue;
        L = c - a;
        if (merged || l == last || l == 'B')
            k += L > 2 ? L - 2 : 0;
        else if (L >= 2)
            k += L - 2;
        else
            c1++;
        if (l != 'B')
            last = l;
        a = c;
    }
    if (!merged)
        k += c1 >= 2 ? 0 : 2 - c1;
    return k;
}

static void
test_one_dimensional(void)
{
    /* larger sizes than the elimination oracle affords: up to 40 points
       and 60 neurons with step rows, every rank against the closed form */
    rng_t r;
    slong it, iters = test_iters(60);
    rng_init(r, test_seed(), rng_stream_id("t-jac.1d"), 0);
    for (it = 0; it < iters; it++)
    {
        slong n = 2 + (slong) rng_below(r, 39), d1 = 1 + (slong) rng_below(r, 60), i, j, c, want;
        double *x = flint_malloc(sizeof(double) * (size_t) n), acc = 0;
        char *lab = flint_calloc((size_t) n + 1, 1);
        int hasE = 0, flags = (int) rng_below(r, 8);
        jac_data_t D;
        jac_pattern_t A;
        jac_rank_t R;
        for (j = 0; j < n; j++)
        {
            acc += ldexp((double) (1 + rng_below(r, 1000)), -10);
            x[j] = acc;
        }
        jac_data_init(D, n, 1);
        jac_data_set_d(D, x);
        jac_pattern_init(A, d1, n);
        for (i = 0; i < d1; i++)
        {
            /* row kinds: 0 empty, 1 E, 2 prefix, 3 suffix; few distinct cuts
               so that segments, merges and crossings all occur */
            int kind = (int) rng_below(r, 4);
            slong cut = 1 + (slong) rng_below(r, (uint64_t) (n - 1));
            if (kind == 1)
                hasE = 1;
            else if (kind == 2)
                lab[cut] = lab[cut] == 'N' || lab[cut] == 'B' ? 'B' : 'Z';
            else if (kind == 3)
                lab[cut] = lab[cut] == 'Z' || lab[cut] == 'B' ? 'B' : 'N';
            for (j = 0; j < n; j++)
                jac_pattern_set(A, i, j, kind == 1 || (kind == 2 && j < cut) || (kind == 3 && j >= cut));
            if (rng_below(r, 3) == 0 && i + 1 < d1)
            {
                /* a repeated row: distinct sets matter, not neurons */
                for (c = 0; c < A->words; c++)
                    jac_pattern_row(A, i + 1)[c] = jac_pattern_row(A, i)[c];
                i++;
            }
        }
        want = n - kerdim_1d(n, hasE, lab);
        jac_rank_init(R);
        jac_rank(R, D, A, flags | JAC_EXACT);
        if (R->rank != want)
        {
            TEST_REPORT("1-D rank = moment-path formula",
                        "n=%ld d1=%ld flags=%d: formula %ld, jac %ld (%s/%s)", (long) n, (long) d1, flags,
                        (long) want, (long) R->rank, jac_cert_name(R->cert_lo), jac_cert_name(R->cert_hi));
        }
        CU_ASSERT_EQUAL(R->rank, want);
        jac_rank_clear(R);
        jac_pattern_clear(A);
        jac_data_clear(D);
        flint_free(x);
        flint_free(lab);
    }
}

int
t_jac_register(void)
{
    CU_pSuite s = CU_add_suite("jac", NULL, NULL);
    if (s == NULL)
        return -1;
    if (CU_add_test(s, "hand-checked ranks and kernel", test_known) == NULL ||
        CU_add_test(s, "elimination oracle = brute-force minors", test_oracle_minors) == NULL ||
        CU_add_test(s, "random data and patterns vs elimination", test_random) == NULL ||
        CU_add_test(s, "every certificate reached and right", test_certificates) == NULL ||
        CU_add_test(s, "unlucky prime repaired", test_unlucky_prime) == NULL ||
        CU_add_test(s, "patterns of weights (exact and filtered)", test_weights) == NULL ||
        CU_add_test(s, "Jacobian with output weights", test_jacobian_matrix) == NULL ||
        CU_add_test(s, "sampling streams", test_sampling) == NULL ||
        CU_add_test(s, "one-dimensional data vs the closed form", test_one_dimensional) == NULL)
        return -1;
    return 0;
}
