/* cert.c -- the certificate writer: JSON text, exact rationals, outward
   decimal balls, and the certificate files (see cert.h). */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "cert.h"
#include "escape.h"

/* ------------------------------------------------------------ text */

static void
put(cert_t c, const char *s)
{
    size_t n = strlen(s);
    if (c->len + n + 1 > c->alloc)
    {
        c->alloc = 2 * (c->len + n + 1) + 64;
        c->buf = flint_realloc(c->buf, c->alloc);
    }
    memcpy(c->buf + c->len, s, n + 1);
    c->len += n;
}

static void
put_string(cert_t c, const char *s)
{
    char *e = escape_json(s);
    put(c, "\"");
    put(c, e);
    put(c, "\"");
    flint_free(e);
}

/* The separator and key of the next value in the open container. */
static void
lead(cert_t c, const char *key)
{
    int in_object;
    if (c->depth == 0)
    {
        flint_printf("cert: value outside a container\n");
        flint_abort();
    }
    in_object = c->closer[c->depth - 1] == '}';
    if (in_object != (key != NULL))
    {
        flint_printf("cert: %s\n", in_object ? "member without a key" : "keyed element in an array");
        flint_abort();
    }
    if (c->nonempty[c->depth - 1])
        put(c, ", ");
    c->nonempty[c->depth - 1] = 1;
    if (key != NULL)
    {
        put_string(c, key);
        put(c, ": ");
    }
}

static void
open_container(cert_t c, const char *key, char opener, char closer)
{
    char s[2] = {opener, 0};
    if (c->depth > 0)
        lead(c, key);
    if (c->depth >= CERT_MAX_DEPTH)
    {
        flint_printf("cert: nesting deeper than %d\n", CERT_MAX_DEPTH);
        flint_abort();
    }
    put(c, s);
    c->nonempty[c->depth] = 0;
    c->closer[c->depth] = closer;
    c->depth++;
}

static void
close_container(cert_t c, char closer)
{
    char s[2] = {closer, 0};
    if (c->depth == 0 || c->closer[c->depth - 1] != closer)
    {
        flint_printf("cert: unbalanced '%c'\n", closer);
        flint_abort();
    }
    put(c, s);
    c->depth--;
}

void
cert_init(cert_t c, const char *kind, const char *verdict, const char *label)
{
    memset(c, 0, sizeof(cert_struct));
    open_container(c, NULL, '{', '}');
    cert_str(c, "kind", kind);
    cert_si(c, "version", CERT_VERSION);
    if (verdict != NULL)
        cert_str(c, "verdict", verdict);
    if (label != NULL)
        cert_str(c, "label", label);
}

void
cert_clear(cert_t c)
{
    if (c->buf != NULL)
        flint_free(c->buf);
    memset(c, 0, sizeof(cert_struct));
}

char *
cert_finish(cert_t c)
{
    char *s;
    while (c->depth > 0)
        close_container(c, c->closer[c->depth - 1]);
    s = c->buf;
    memset(c, 0, sizeof(cert_struct));
    return s;
}

void
cert_attach(check_t chk, cert_t c)
{
    check_cert_add(chk, cert_finish(c));
}

void
cert_begin_object(cert_t c, const char *key)
{
    open_container(c, key, '{', '}');
}

void
cert_end_object(cert_t c)
{
    close_container(c, '}');
}

void
cert_begin_array(cert_t c, const char *key)
{
    open_container(c, key, '[', ']');
}

void
cert_end_array(cert_t c)
{
    close_container(c, ']');
}

void
cert_str(cert_t c, const char *key, const char *s)
{
    lead(c, key);
    put_string(c, s);
}

void
cert_raw(cert_t c, const char *key, const char *json)
{
    lead(c, key);
    put(c, json);
}

void
cert_si(cert_t c, const char *key, slong x)
{
    char s[32];
    snprintf(s, sizeof s, "%ld", (long) x);
    cert_raw(c, key, s);
}

void
cert_ui(cert_t c, const char *key, ulong x)
{
    char s[32];
    snprintf(s, sizeof s, "%lu", (unsigned long) x);
    cert_raw(c, key, s);
}

void
cert_u64(cert_t c, const char *key, uint64_t x)
{
    char s[32];
    snprintf(s, sizeof s, "\"%llu\"", (unsigned long long) x);
    cert_raw(c, key, s);
}

void
cert_bool(cert_t c, const char *key, int x)
{
    cert_raw(c, key, x ? "true" : "false");
}

/* ---------------------------------------------------------- numbers */

void
cert_fmpq(cert_t c, const char *key, const fmpq_t x)
{
    /* fmpq is canonical: lowest terms, positive denominator, and
       fmpq_get_str omits a denominator 1 */
    char *s = fmpq_get_str(NULL, 10, x);
    lead(c, key);
    put(c, "\"");
    put(c, s);
    put(c, "\"");
    flint_free(s);
}

void
cert_fmpz(cert_t c, const char *key, const fmpz_t x)
{
    char *s = fmpz_get_str(NULL, 10, x);
    lead(c, key);
    put(c, "\"");
    put(c, s);
    put(c, "\"");
    flint_free(s);
}

void
cert_d(cert_t c, const char *key, double x)
{
    fmpq_t q;
    fmpq_init(q);
    bc_fmpq_set_d(q, x);
    cert_fmpq(c, key, q);
    fmpq_clear(q);
}

void
cert_arb_exact(cert_t c, const char *key, const arb_t x)
{
    fmpq_t q;
    if (!arb_is_exact(x) || !arb_is_finite(x))
    {
        flint_printf("cert_arb_exact: the ball is not an exact number\n");
        flint_abort();
    }
    fmpq_init(q);
    arf_get_fmpq(q, arb_midref(x));
    cert_fmpq(c, key, q);
    fmpq_clear(q);
}

/* The decimal string of M 10^e (M an integer) as "d.ddde<exp>" (or "0"). */
static char *
decimal_str(const fmpz_t M, slong e)
{
    char *digits, *s;
    const char *ds;
    size_t n;
    int neg = fmpz_sgn(M) < 0;
    slong exp10;

    if (fmpz_is_zero(M))
    {
        s = flint_malloc(2);
        strcpy(s, "0");
        return s;
    }
    digits = fmpz_get_str(NULL, 10, M);
    ds = digits + neg;
    n = strlen(ds);
    /* strip trailing zeros into the exponent */
    while (n > 1 && ds[n - 1] == '0')
    {
        n--;
        e++;
    }
    exp10 = e + (slong) n - 1;
    s = flint_malloc(n + 40);
    {
        char *p = s;
        if (neg)
            *p++ = '-';
        *p++ = ds[0];
        if (n > 1)
        {
            *p++ = '.';
            memcpy(p, ds + 1, n - 1);
            p += n - 1;
        }
        if (exp10 != 0)
            sprintf(p, "e%ld", (long) exp10);
        else
            *p = 0;
    }
    flint_free(digits);
    return s;
}

/* q = x 10^k exactly (k of either sign). */
static void
fmpq_mul_10exp(fmpq_t q, const fmpq_t x, slong k)
{
    fmpz_t t;
    fmpz_init(t);
    fmpz_ui_pow_ui(t, 10, (ulong) (k >= 0 ? k : -k));
    if (k >= 0)
        fmpq_mul_fmpz(q, x, t);
    else
        fmpq_div_fmpz(q, x, t);
    fmpz_clear(t);
}

/* The decimal exponent k such that |x| 10^k has about `digits` digits
   before the point (x != 0), from the binary exponent of x. */
static slong
scale_for(const fmpq_t x, slong digits)
{
    slong e2 = (slong) fmpz_bits(fmpq_numref(x)) - (slong) fmpz_bits(fmpq_denref(x));
    /* 2^(e2-1) < |x| < 2^(e2+1): log10 |x| ~ e2 log10(2) */
    return digits - (slong) ((double) e2 * 0.30102999566398120);
}

void
cert_arb_decimal(char **mid, char **rad, const arb_t x)
{
    fmpq_t m, r, t;
    fmpz_t M, R;
    slong k, j;

    if (!arb_is_finite(x))
    {
        *mid = flint_malloc(2);
        strcpy(*mid, "0");
        *rad = flint_malloc(4);
        strcpy(*rad, "inf");
        return;
    }
    fmpq_init(m);
    fmpq_init(r);
    fmpq_init(t);
    fmpz_init(M);
    fmpz_init(R);
    arf_get_fmpq(m, arb_midref(x));
    {
        arf_t rr;
        arf_init(rr);
        arf_set_mag(rr, arb_radref(x));
        arf_get_fmpq(r, rr);
        arf_clear(rr);
    }
    /* the midpoint rounded to nearest at CERT_BALL_DIGITS digits; the
       rounding error goes into the radius */
    k = fmpq_is_zero(m) ? 0 : scale_for(m, CERT_BALL_DIGITS);
    fmpq_mul_10exp(t, m, k);
    {
        /* nearest: floor(t + 1/2) */
        fmpq_t h;
        fmpq_init(h);
        fmpq_set_si(h, 1, 2);
        fmpq_add(h, t, h);
        fmpz_fdiv_q(M, fmpq_numref(h), fmpq_denref(h));
        fmpq_clear(h);
    }
    fmpq_set_fmpz(t, M);
    fmpq_mul_10exp(t, t, -k); /* t = the decimal midpoint */
    fmpq_sub(t, m, t);
    fmpq_abs(t, t);
    fmpq_add(r, r, t); /* radius + rounding error, exact */
    *mid = decimal_str(M, -k);
    /* the radius rounded up to 3 significant digits */
    if (fmpq_is_zero(r))
    {
        fmpz_zero(R);
        j = 0;
    }
    else
    {
        j = scale_for(r, 3);
        fmpq_mul_10exp(t, r, j);
        fmpz_cdiv_q(R, fmpq_numref(t), fmpq_denref(t));
    }
    *rad = decimal_str(R, -j);
    fmpq_clear(m);
    fmpq_clear(r);
    fmpq_clear(t);
    fmpz_clear(M);
    fmpz_clear(R);
}

void
cert_arb(cert_t c, const char *key, const arb_t x)
{
    char *m, *r;
    cert_arb_decimal(&m, &r, x);
    cert_begin_object(c, key);
    cert_str(c, "mid", m);
    cert_str(c, "rad", r);
    cert_end_object(c);
    flint_free(m);
    flint_free(r);
}

void
cert_real(cert_t c, const char *key, const arb_t x)
{
    if (arb_is_exact(x) && arb_is_finite(x))
        cert_arb_exact(c, key, x);
    else
        cert_arb(c, key, x);
}

void
cert_fmpq_vec(cert_t c, const char *key, const fmpq *v, slong len)
{
    slong i;
    cert_begin_array(c, key);
    for (i = 0; i < len; i++)
        cert_fmpq(c, NULL, v + i);
    cert_end_array(c);
}

void
cert_fmpq_mat(cert_t c, const char *key, const fmpq_mat_t M)
{
    slong i, j;
    cert_begin_array(c, key);
    for (i = 0; i < fmpq_mat_nrows(M); i++)
    {
        cert_begin_array(c, NULL);
        for (j = 0; j < fmpq_mat_ncols(M); j++)
            cert_fmpq(c, NULL, fmpq_mat_entry(M, i, j));
        cert_end_array(c);
    }
    cert_end_array(c);
}

void
cert_int_vec(cert_t c, const char *key, const int *v, slong len)
{
    slong i;
    cert_begin_array(c, key);
    for (i = 0; i < len; i++)
        cert_si(c, NULL, v[i]);
    cert_end_array(c);
}

void
cert_si_vec(cert_t c, const char *key, const slong *v, slong len)
{
    slong i;
    cert_begin_array(c, key);
    for (i = 0; i < len; i++)
        cert_si(c, NULL, v[i]);
    cert_end_array(c);
}

/* ------------------------------------------------------------ files */

int
cert_mkdir(const char *dir)
{
    struct stat st;
    char *p, *q;
    int rc = 0;
    size_t n = strlen(dir);

    if (n == 0)
    {
        errno = ENOENT;
        return -1;
    }
    p = flint_malloc(n + 1);
    memcpy(p, dir, n + 1);
    /* each proper prefix ending before a '/', then dir itself */
    for (q = p + 1;; q++)
    {
        char save = *q;
        if (save != '/' && save != 0)
            continue;
        *q = 0;
        if (stat(p, &st) == 0)
        {
            if (!S_ISDIR(st.st_mode))
            {
                errno = ENOTDIR;
                rc = -1;
            }
        }
        else if (mkdir(p, 0777) != 0 && errno != EEXIST)
            rc = -1;
        *q = save;
        if (rc != 0 || save == 0)
            break;
    }
    flint_free(p);
    return rc;
}

char *
cert_file_name(const check_struct *c)
{
    return bc_aprintf("%s.json", c->id);
}

int
cert_write_check(FILE *f, const check_struct *c, uint64_t seed)
{
    slong i;
    char *e;
    fputs("{\"format\": \"basincheck-certificate\", \"version\": ", f);
    fprintf(f, "%d", CERT_VERSION);
    e = escape_json(c->id);
    fprintf(f, ",\n \"check\": \"%s\"", e);
    flint_free(e);
    e = escape_json(c->claim != NULL ? c->claim : "");
    fprintf(f, ", \"claim\": \"%s\"", e);
    flint_free(e);
    fprintf(f, ",\n \"status\": \"%s\", \"expected\": \"%s\", \"seed\": \"%llu\",\n \"witnesses\": [\n",
            check_status_str(c->status), check_status_str(c->expected), (unsigned long long) seed);
    for (i = 0; i < c->ncerts; i++)
    {
        fputs("  ", f);
        fputs(c->certs[i], f);
        fputs(i + 1 < c->ncerts ? ",\n" : "\n", f);
    }
    fputs(" ]}\n", f);
    return ferror(f) ? -1 : 0;
}

int
cert_carries(const check_struct *c)
{
    return c->ncerts > 0 && (c->status == ST_HOLDS || c->status == ST_FAILS || c->status == ST_CONSISTENT ||
                             c->status == ST_VIOLATED || c->status == ST_INAPPLICABLE);
}

int
cert_write_index(FILE *f, const checklist_t L, uint64_t seed, const char *revision, const char *confidence,
                 slong family)
{
    slong i;
    char *e = escape_json(revision);
    fprintf(f, "{\"format\": \"basincheck-certificate-index\", \"version\": %d, \"seed\": \"%llu\", ",
            CERT_VERSION, (unsigned long long) seed);
    fprintf(f, "\"revision\": \"%s\",\n", e);
    flint_free(e);
    e = escape_json(confidence != NULL ? confidence : "0.99");
    fprintf(f, " \"confidence\": \"%s\", \"family_size\": %ld,\n \"checks\": [\n", e, (long) family);
    flint_free(e);
    for (i = 0; i < L->nchecks; i++)
    {
        const check_struct *c = L->checks + i;
        e = escape_json(c->id);
        fprintf(
            f,
            "  {\"id\": \"%s\", \"kind\": \"%s\", \"strength\": \"%s\", \"control\": %s, \"status\": \"%s\", "
            "\"expected\": \"%s\", ",
            e, check_kind_str(c->kind), check_strength_str(c->strength), c->control ? "true" : "false",
            check_status_str(c->status), check_status_str(c->expected));
        if (cert_carries(c))
            fprintf(f, "\"certificate\": \"%s.json\"}", e);
        else
            fputs("\"certificate\": null}", f);
        fputs(i + 1 < L->nchecks ? ",\n" : "\n", f);
        flint_free(e);
    }
    fputs(" ]}\n", f);
    return ferror(f) ? -1 : 0;
}
