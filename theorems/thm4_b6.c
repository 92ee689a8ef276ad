/* thm4_b6.c -- alpha, the closed-form basin value of full-rank data,
   B.6's event, and the construction of B.6 built and verified in exact
   integer arithmetic (and, for timing, in plain double).

   Exact representation of the construction (thm4.tex, "The construction
   in integers"): X = Xn / delta, P = Pn / pi (X P = I checked when the
   data were set), ybar = Yn / eta, Z = (v_i w_i)_i = Zn 2^-s (s >= 0).
   With U the targets of the chosen neurons (Un / eta),
       R  = U - X Z                 = Rn / (eta delta 2^s),
            Rn = delta 2^s Un - eta Xn Zn,
       Z' = Z + P R                 = Zn' / zeta,
            Zn' = pi eta delta Zn + Pn Rn,  zeta = pi eta delta 2^s,
   and the check X Z' = U reads eta Xn Zn' = delta zeta Un. */
#include <math.h>
#include <string.h>

#include <flint/fmpq_vec.h>

#include "thm4.h"

/* x = x / m, m >= 1 */
static void
div_by_m(fmpq_t x, slong m)
{
    fmpz_t c;
    fmpz_init_set_si(c, m);
    fmpq_div_fmpz(x, x, c);
    fmpz_clear(c);
}

void
thm4_alpha(fmpq_t alpha, fmpq *ybar, const thm4_data_t D, slong n)
{
    slong t, m = D->m;
    fmpq_t sp, sm, q;

    if (n >= 2)
    {
        /* two neurons of opposite output signs fit any target exactly
           (thm4.tex, Lemma "alpha") */
        fmpq_zero(alpha);
        for (t = 0; t < m; t++)
            fmpq_set(ybar + t, D->y + t);
        return;
    }
    fmpq_init(sp);
    fmpq_init(sm);
    fmpq_init(q);
    for (t = 0; t < m; t++)
    {
        fmpq_mul(q, D->y + t, D->y + t);
        if (fmpq_sgn(D->y + t) > 0)
            fmpq_add(sp, sp, q);
        else
            fmpq_add(sm, sm, q);
    }
    /* one neuron predicts a one-signed vector: the better side wins, the
       positive one on a tie */
    if (fmpq_cmp(sm, sp) <= 0)
    {
        for (t = 0; t < m; t++)
            if (fmpq_sgn(D->y + t) > 0)
                fmpq_set(ybar + t, D->y + t);
            else
                fmpq_zero(ybar + t);
        fmpq_set(alpha, sm);
    }
    else
    {
        for (t = 0; t < m; t++)
            if (fmpq_sgn(D->y + t) < 0)
                fmpq_set(ybar + t, D->y + t);
            else
                fmpq_zero(ybar + t);
        fmpq_set(alpha, sp);
    }
    div_by_m(alpha, m);
    fmpq_clear(sp);
    fmpq_clear(sm);
    fmpq_clear(q);
}

void
thm4_bas_closed(fmpq_t bas, const int *a, const int *b, const fmpq *y, slong n, slong m)
{
    slong i, t;
    fmpq_t q;
    fmpq_init(q);
    fmpq_zero(bas);
    for (t = 0; t < m; t++)
    {
        int hp = 0, hm = 0, sy = fmpq_sgn(y + t);
        for (i = 0; i < n; i++)
            if (a[i * m + t] > 0)
            {
                hp |= b[i] > 0;
                hm |= b[i] < 0;
            }
        /* the prediction at x_t ranges over the cone C_t: R, [0, inf),
           (-inf, 0] or {0}; the squared distance of y_t to it */
        if ((hp && hm) || (hp && sy >= 0) || (hm && sy <= 0))
            continue;
        fmpq_mul(q, y + t, y + t);
        fmpq_add(bas, bas, q);
    }
    div_by_m(bas, m);
    fmpq_clear(q);
}

int
thm4_event_b6(slong *chosen, const int *a, const int *b, const fmpq *ybar, slong n, slong m)
{
    slong i, t;
    int all = 1;
    for (t = 0; t < m; t++)
    {
        int sy = fmpq_sgn(ybar + t);
        chosen[t] = -1;
        /* A_i^t: <w_i, x_t> > 0 and v_i ybar_t >= 0; the first such
           neuron predicts x_t (B.6: "not previously predicted by a
           neuron j < i") */
        for (i = 0; i < n && chosen[t] < 0; i++)
            if (a[i * m + t] > 0 && b[i] * sy >= 0)
                chosen[t] = i;
        if (chosen[t] < 0)
            all = 0;
    }
    return all;
}

void
thm4_b6_init(thm4_b6_t C)
{
    memset(C, 0, sizeof(thm4_b6_struct));
    fmpz_mat_init(C->Zn, 0, 0);
    fmpz_mat_init(C->XZn, 0, 0);
    fmpz_init(C->zden);
    fmpq_init(C->loss);
    fmpq_mat_init(C->W, 0, 0);
}

void
thm4_b6_clear(thm4_b6_t C)
{
    fmpz_mat_clear(C->Zn);
    fmpz_mat_clear(C->XZn);
    fmpz_clear(C->zden);
    fmpq_clear(C->loss);
    fmpq_mat_clear(C->W);
    flint_free(C->chosen);
    flint_free(C->a);
    flint_free(C->b);
    memset(C, 0, sizeof(thm4_b6_struct));
}

/* x = man 2^e exactly, |man| < 2^53 (0 for x = 0) */
static void
d_split(double x, int64_t *man, slong *e)
{
    int ex;
    double fr;
    if (x == 0.0)
    {
        *man = 0;
        *e = 0;
        return;
    }
    fr = frexp(x, &ex);
    *man = (int64_t) ldexp(fr, 53);
    *e = (slong) ex - 53;
}

static void
b6_resize(thm4_b6_t C, slong n, slong m, slong d)
{
    if (C->n != n || C->m != m || C->d != d)
    {
        flint_free(C->chosen);
        flint_free(C->a);
        flint_free(C->b);
        C->chosen = flint_malloc(sizeof(slong) * (size_t) m);
        C->a = flint_malloc(sizeof(int) * (size_t) (n * m));
        C->b = flint_malloc(sizeof(int) * (size_t) n);
        fmpz_mat_clear(C->Zn);
        fmpz_mat_clear(C->XZn);
        fmpz_mat_init(C->Zn, d, n);
        fmpz_mat_init(C->XZn, m, n);
        C->n = n;
        C->m = m;
        C->d = d;
    }
    C->status = THM4_B6_VERIFY_FAIL;
    C->bad_t = -1;
    C->solved = C->in_cell = C->attains = 0;
    C->have_w = 0;
    fmpq_zero(C->loss);
}

int
thm4_b6_construct(thm4_b6_t C, const thm4_data_t D, const fmpq *ybar, const fmpq_t alpha, const double *W,
                  const double *v, slong n, int build_w)
{
    slong m = D->m, d = D->d, i, j, t, emin = 0, s;
    int64_t *man;
    slong *ex;
    fmpz_mat_t Un, Rn, T;
    fmpz_t eta, g, h;
    fmpq_t q, r;

    b6_resize(C, n, m, d);

    /* Z = (v_i w_i)_i exactly, over the common exponent -s <= 0 */
    man = flint_malloc(sizeof(int64_t) * (size_t) (n * (d + 1)));
    ex = flint_malloc(sizeof(slong) * (size_t) (n * (d + 1)));
    for (i = 0; i < n; i++)
    {
        d_split(v[i], man + n * d + i, ex + n * d + i);
        C->b[i] = v[i] > 0.0 ? 1 : (v[i] < 0.0 ? -1 : 0);
        for (j = 0; j < d; j++)
        {
            d_split(W[i * d + j], man + i * d + j, ex + i * d + j);
            if (man[i * d + j] != 0 && v[i] != 0.0)
                emin = FLINT_MIN(emin, ex[i * d + j] + ex[n * d + i]);
        }
    }
    s = -emin;
    for (i = 0; i < n; i++)
        for (j = 0; j < d; j++)
        {
            fmpz *z = fmpz_mat_entry(C->Zn, j, i);
            fmpz_set_si(z, (slong) man[i * d + j]);
            fmpz_mul_si(z, z, (slong) man[n * d + i]);
            if (!fmpz_is_zero(z))
                fmpz_mul_2exp(z, z, (ulong) (ex[i * d + j] + ex[n * d + i] + s));
        }
    flint_free(man);
    flint_free(ex);

    /* exact signs from X Z: sign <z_i, x_t> = b_i a_{i,t} */
    fmpz_mat_mul(C->XZn, D->Xn, C->Zn);
    for (i = 0; i < n; i++)
    {
        if (C->b[i] == 0)
        {
            C->status = THM4_B6_BOUNDARY;
            return C->status;
        }
        for (t = 0; t < m; t++)
        {
            C->a[i * m + t] = C->b[i] * fmpz_sgn(fmpz_mat_entry(C->XZn, t, i));
            if (C->a[i * m + t] == 0)
            {
                C->status = THM4_B6_BOUNDARY;
                return C->status;
            }
        }
    }
    if (!thm4_event_b6(C->chosen, C->a, C->b, ybar, n, m))
    {
        for (t = 0; t < m && C->chosen[t] >= 0; t++)
            ;
        C->bad_t = t;
        C->status = THM4_B6_NO_NEURON;
        return C->status;
    }
    if (!D->full)
    {
        C->status = THM4_B6_RANK;
        return C->status;
    }

    fmpz_init(eta);
    fmpz_init(g);
    fmpz_init(h);
    fmpq_init(q);
    fmpq_init(r);
    fmpz_mat_init(Un, m, n);
    fmpz_mat_init(Rn, m, n);
    fmpz_mat_init(T, d, n);

    /* Un = eta U: u_{i,t} = ybar_t for the chosen neuron i of t, else 0
       (the y'_{i,t} of B.6) */
    fmpz_one(eta);
    for (t = 0; t < m; t++)
        fmpz_lcm(eta, eta, fmpq_denref(ybar + t));
    for (t = 0; t < m; t++)
    {
        fmpz *u = fmpz_mat_entry(Un, t, C->chosen[t]);
        fmpz_divexact(u, eta, fmpq_denref(ybar + t));
        fmpz_mul(u, u, fmpq_numref(ybar + t));
    }

    /* Rn = delta 2^s Un - eta Xn Zn */
    fmpz_mul_2exp(g, D->delta, (ulong) s);
    fmpz_mat_scalar_mul_fmpz(Rn, Un, g);
    fmpz_mat_scalar_submul_fmpz(Rn, C->XZn, eta);

    /* Zn' = pi eta delta Zn + Pn Rn, zeta = pi eta delta 2^s */
    fmpz_mul(h, D->pi, eta);
    fmpz_mul(h, h, D->delta);
    fmpz_mat_mul(T, D->Pn, Rn);
    fmpz_mat_scalar_mul_fmpz(C->Zn, C->Zn, h);
    fmpz_mat_add(C->Zn, C->Zn, T);
    fmpz_mul_2exp(C->zden, h, (ulong) s);

    /* verification, from the built Z' alone: X Z' = XZn / (delta zeta) */
    fmpz_mat_mul(C->XZn, D->Xn, C->Zn);
    fmpz_mul(g, D->delta, C->zden);
    C->solved = 1;
    for (t = 0; t < m && C->solved; t++)
        for (i = 0; i < n && C->solved; i++)
        {
            /* eta XZn == delta zeta Un */
            fmpz_mul(h, fmpz_mat_entry(C->XZn, t, i), eta);
            fmpz_submul(h, fmpz_mat_entry(Un, t, i), g);
            C->solved = fmpz_is_zero(h);
        }

    /* the closed cell of (W, v): a_{i,t} <w'_i, x_t> >= 0, where
       sign <w'_i, x_t> = b_i sign (X Z')_{t,i} */
    C->in_cell = 1;
    for (i = 0; i < n; i++)
        for (t = 0; t < m; t++)
            if (C->a[i * m + t] * C->b[i] * fmpz_sgn(fmpz_mat_entry(C->XZn, t, i)) < 0)
                C->in_cell = 0;

    /* the network's loss at (W', v) with its ReLUs:
       v_i [<w'_i, x_t>]_+ = (X Z')_{t,i} when <w'_i, x_t> > 0, else 0 */
    fmpq_zero(r);
    for (t = 0; t < m; t++)
    {
        fmpz_zero(h);
        for (i = 0; i < n; i++)
            if (C->b[i] * fmpz_sgn(fmpz_mat_entry(C->XZn, t, i)) > 0)
                fmpz_add(h, h, fmpz_mat_entry(C->XZn, t, i));
        fmpq_set_fmpz_frac(q, h, g);
        fmpq_sub(q, q, D->y + t);
        fmpq_mul(q, q, q);
        fmpq_add(r, r, q);
    }
    div_by_m(r, m);
    fmpq_set(C->loss, r);
    C->attains = fmpq_equal(C->loss, alpha);

    if (build_w)
    {
        /* W'_{i,j} = z'_{i,j} / v_i */
        fmpq_mat_clear(C->W);
        fmpq_mat_init(C->W, n, d);
        for (i = 0; i < n; i++)
        {
            bc_fmpq_set_d(r, v[i]);
            for (j = 0; j < d; j++)
            {
                fmpq_set_fmpz_frac(q, fmpz_mat_entry(C->Zn, j, i), C->zden);
                fmpq_div(fmpq_mat_entry(C->W, i, j), q, r);
            }
        }
        C->have_w = 1;
    }
    C->status = (C->solved && C->in_cell && C->attains) ? THM4_B6_OK : THM4_B6_VERIFY_FAIL;

    fmpz_mat_clear(Un);
    fmpz_mat_clear(Rn);
    fmpz_mat_clear(T);
    fmpz_clear(eta);
    fmpz_clear(g);
    fmpz_clear(h);
    fmpq_clear(q);
    fmpq_clear(r);
    return C->status;
}

int
thm4_b6_construct_d(double *Wp, const thm4_data_t D, const double *ybar, const double *W, const double *v,
                    slong n, double *work)
{
    slong m = D->m, d = D->d, i, j, t;
    double *XW = work, *R = work + n * m;
    slong *chosen = (slong *) (work + 2 * n * m); /* m slots (a double holds a slong) */

    for (i = 0; i < n; i++)
        for (t = 0; t < m; t++)
        {
            const double *w = W + i * d, *x = D->Xd + t * d;
            double z = 0.0;
            for (j = 0; j < d; j++)
                z += w[j] * x[j];
            XW[i * m + t] = z;
        }
    for (t = 0; t < m; t++)
    {
        chosen[t] = -1;
        for (i = 0; i < n && chosen[t] < 0; i++)
            if (XW[i * m + t] > 0.0 && v[i] * ybar[t] >= 0.0)
                chosen[t] = i;
        if (chosen[t] < 0)
            return 0;
    }
    for (i = 0; i < n; i++)
    {
        double *wp = Wp + i * d;
        const double *w = W + i * d;
        for (t = 0; t < m; t++)
            R[t] = (chosen[t] == i ? ybar[t] / v[i] : 0.0) - XW[i * m + t];
        for (j = 0; j < d; j++)
        {
            double z = w[j];
            const double *p = D->Pd + j * m;
            for (t = 0; t < m; t++)
                z += p[t] * R[t];
            wp[j] = z;
        }
        /* check X w'_i against its targets */
        for (t = 0; t < m; t++)
        {
            const double *x = D->Xd + t * d;
            double z = 0.0, target = chosen[t] == i ? ybar[t] / v[i] : 0.0, sc = fabs(target) + 1.0;
            for (j = 0; j < d; j++)
                z += wp[j] * x[j];
            if (fabs(z - target) > 1e-9 * sc)
                return 0;
        }
    }
    return 1;
}

int
thm4_solvable(const fmpq_mat_t X, const fmpq *u)
{
    slong m = fmpq_mat_nrows(X), d = fmpq_mat_ncols(X), t, j, r1, r2;
    fmpq_mat_t A;
    fmpz_mat_t N;
    fmpz_t den;

    fmpq_mat_init(A, m, d + 1);
    fmpz_mat_init(N, m, d + 1);
    fmpz_init(den);
    for (t = 0; t < m; t++)
    {
        for (j = 0; j < d; j++)
            fmpq_set(fmpq_mat_entry(A, t, j), fmpq_mat_entry(X, t, j));
        fmpq_set(fmpq_mat_entry(A, t, d), u + t);
    }
    fmpq_mat_get_fmpz_mat_matwise(N, den, A);
    r2 = fmpz_mat_rank(N);
    {
        fmpz_mat_t W;
        fmpz_mat_window_init(W, N, 0, 0, m, d);
        r1 = fmpz_mat_rank(W);
        fmpz_mat_window_clear(W);
    }
    fmpq_mat_clear(A);
    fmpz_mat_clear(N);
    fmpz_clear(den);
    return r1 == r2;
}
