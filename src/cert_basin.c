/* cert_basin.c -- basin values (kind "basin"): the problem and the
   primal and dual certificates of basin_value (basin.h), from which
   lower <= Bas <= upper is re-decided:
     upper: z lies in the cone K and f(z) = upper;
     lower: mu >= 0 and sum_{t: a_jt = +1} r_t x_t = sum_t mu_jt s_jt x_t
            for every neuron j, and lower <= (|y|^2 - |y + r|^2) / m
            (weak duality, basin_dual_bound), or lower <= 0 (f >= 0). */
#include <string.h>

#include "cert.h"

/* Decides Bas rel rhs from lower <= Bas <= upper. */
static truth_t
decide(const fmpq_t lower, const fmpq_t upper, const char *rel, const fmpq_t rhs)
{
    if (!strcmp(rel, "<="))
        return fmpq_cmp(upper, rhs) <= 0 ? BC_TRUE : (fmpq_cmp(lower, rhs) > 0 ? BC_FALSE : BC_UNDECIDED);
    if (!strcmp(rel, "<"))
        return fmpq_cmp(upper, rhs) < 0 ? BC_TRUE : (fmpq_cmp(lower, rhs) >= 0 ? BC_FALSE : BC_UNDECIDED);
    if (!strcmp(rel, ">="))
        return fmpq_cmp(lower, rhs) >= 0 ? BC_TRUE : (fmpq_cmp(upper, rhs) < 0 ? BC_FALSE : BC_UNDECIDED);
    if (!strcmp(rel, ">"))
        return fmpq_cmp(lower, rhs) > 0 ? BC_TRUE : (fmpq_cmp(upper, rhs) <= 0 ? BC_FALSE : BC_UNDECIDED);
    return BC_UNDECIDED;
}

/* rows of len entries of v as an array of arrays */
static void
rows_q(cert_t c, const char *key, const fmpq *v, slong rows, slong len)
{
    slong i;
    cert_begin_array(c, key);
    for (i = 0; i < rows; i++)
        cert_fmpq_vec(c, NULL, v + i * len, len);
    cert_end_array(c);
}

truth_t
cert_basin(check_t chk, const char *label, const basin_t B, const basin_result_t R, const fmpq_mat_t W,
           const fmpq *v, const char *rel, const fmpq_t rhs)
{
    slong n = B->n, m = B->m, d = B->d, j;
    truth_t t = BC_TRUE;
    cert_t c;

    if (!R->certified || R->status == BASIN_UNSUPPORTED || R->n != n || R->m != m || R->d != d)
        return BC_UNDECIDED;
    if (rel != NULL)
        t = decide(R->lower, R->upper, rel, rhs);
    if (t == BC_UNDECIDED)
        return t;

    cert_init(c, "basin", t == BC_TRUE ? "holds" : "fails", label);
    cert_str(c, "loss", "squared");
    cert_si(c, "n", n);
    cert_si(c, "m", m);
    cert_si(c, "d", d);
    cert_fmpq_mat(c, "X", B->X);
    cert_fmpq_vec(c, "y", B->y, m);
    cert_begin_array(c, "a");
    for (j = 0; j < n; j++)
        cert_int_vec(c, NULL, B->a + j * m, m);
    cert_end_array(c);
    cert_int_vec(c, "b", B->b, n);
    if (W != NULL && v != NULL)
    {
        cert_fmpq_mat(c, "W", W);
        cert_fmpq_vec(c, "v", v, n);
    }
    rows_q(c, "z", R->z, n, d);
    cert_fmpq_vec(c, "r", R->r, m);
    rows_q(c, "mu", R->mu, n, m);
    cert_fmpq(c, "lower", R->lower);
    cert_fmpq(c, "upper", R->upper);
    cert_bool(c, "exact", R->is_exact);
    if (rel != NULL)
    {
        cert_begin_object(c, "compare");
        cert_str(c, "rel", rel);
        cert_fmpq(c, "rhs", rhs);
        cert_end_object(c);
    }
    cert_attach(chk, c);
    return t;
}
