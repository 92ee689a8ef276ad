/* thm3_inst.c -- Theorem 3's instances: the hypotheses decided exactly,
   the built-in instances, and the user's CSV files (Thm 3, Sec. 4.2). */
#include <string.h>

#include <flint/fmpq_vec.h>

#include "csv.h"
#include "thm3.h"

/* ------------------------------------------------------ init / clear */

void
thm3_inst_init(thm3_inst_t I)
{
    memset(I, 0, sizeof(thm3_inst_struct));
    fmpq_mat_init(I->X, 0, 0);
    fmpq_mat_init(I->W, 0, 0);
    fmpz_mat_init(I->basis, 0, 0);
    fmpz_mat_init(I->bnum, 0, 0);
    fmpq_init(I->B);
    fmpq_init(I->eps);
    fmpq_init(I->rho);
    fmpq_init(I->kappa);
    fmpq_init(I->L0);
    fmpz_init(I->G);
    fmpz_init(I->kn);
    fmpz_init(I->kd);
}

static void
inst_free_arrays(thm3_inst_t I)
{
    if (I->y != NULL)
        _fmpq_vec_clear(I->y, I->m);
    if (I->v != NULL)
        _fmpq_vec_clear(I->v, I->n);
    if (I->g != NULL)
        _fmpz_vec_clear(I->g, I->r);
    if (I->bden != NULL)
        _fmpz_vec_clear(I->bden, I->n);
    if (I->unorm2 != NULL)
        _fmpq_vec_clear(I->unorm2, I->n);
    if (I->Lc != NULL)
        _fmpz_vec_clear(I->Lc, I->n);
    if (I->Rc != NULL)
        _fmpz_vec_clear(I->Rc, I->n);
    flint_free(I->vsign);
    I->y = I->v = I->unorm2 = NULL;
    I->g = I->bden = I->Lc = I->Rc = NULL;
    I->vsign = NULL;
}

void
thm3_inst_clear(thm3_inst_t I)
{
    inst_free_arrays(I);
    fmpq_mat_clear(I->X);
    fmpq_mat_clear(I->W);
    fmpz_mat_clear(I->basis);
    fmpz_mat_clear(I->bnum);
    fmpq_clear(I->B);
    fmpq_clear(I->eps);
    fmpq_clear(I->rho);
    fmpq_clear(I->kappa);
    fmpq_clear(I->L0);
    fmpz_clear(I->G);
    fmpz_clear(I->kn);
    fmpz_clear(I->kd);
}

static void
inst_empty(thm3_inst_t I)
{
    thm3_inst_clear(I);
    thm3_inst_init(I);
}

/* ------------------------------------------------------ exact helpers */

void
thm3_qdiv_si(fmpq_t x, slong k)
{
    fmpz_t z;
    fmpz_init_set_si(z, k);
    fmpq_div_fmpz(x, x, z);
    fmpz_clear(z);
}

/* s = <row i of A, row j of B> over Q */
static void
row_dot(fmpq_t s, const fmpq_mat_t A, slong i, const fmpq_mat_t B, slong j)
{
    slong k;
    fmpq_t t;
    fmpq_init(t);
    fmpq_zero(s);
    for (k = 0; k < fmpq_mat_ncols(A); k++)
    {
        fmpq_mul(t, fmpq_mat_entry(A, i, k), fmpq_mat_entry(B, j, k));
        fmpq_add(s, s, t);
    }
    fmpq_clear(t);
}

/* s = <row i of A, integer row k of Z> */
static void
row_dot_z(fmpq_t s, const fmpq_mat_t A, slong i, const fmpz_mat_t Z, slong k)
{
    slong c;
    fmpq_t t;
    fmpq_init(t);
    fmpq_zero(s);
    for (c = 0; c < fmpq_mat_ncols(A); c++)
    {
        fmpq_mul_fmpz(t, fmpq_mat_entry(A, i, c), fmpz_mat_entry(Z, k, c));
        fmpq_add(s, s, t);
    }
    fmpq_clear(t);
}

/* prediction of the teacher (W, v) at row t of X */
static void
teacher_predict(fmpq_t p, const fmpq_mat_t X, slong t, const fmpq_mat_t W, const fmpq *v)
{
    slong j;
    fmpq_t a;
    fmpq_init(a);
    fmpq_zero(p);
    for (j = 0; j < fmpq_mat_nrows(W); j++)
    {
        row_dot(a, W, j, X, t);
        if (fmpq_sgn(a) > 0)
            fmpq_addmul(p, v + j, a);
    }
    fmpq_clear(a);
}

static void
msg_set(char *msg, size_t msglen, const char *fmt, ...)
{
    va_list ap;
    if (msg == NULL || msglen == 0)
        return;
    va_start(ap, fmt);
    vsnprintf(msg, msglen, fmt, ap);
    va_end(ap);
}

void
thm3_teacher_B(fmpq_t B, const fmpq_mat_t W, const fmpq *v, ulong bits)
{
    slong j, n = fmpq_mat_nrows(W);
    fmpq_t M, s;
    fmpz_t P, k;
    fmpq_init(M);
    fmpq_init(s);
    fmpz_init(P);
    fmpz_init(k);
    for (j = 0; j < n; j++)
    {
        row_dot(s, W, j, W, j);
        fmpq_mul(s, s, v + j);
        fmpq_mul(s, s, v + j);
        if (fmpq_cmp(s, M) > 0)
            fmpq_set(M, s);
    }
    /* smallest k with (k 2^-bits)^2 >= M, i.e. k^2 q >= p for M 4^bits = p/q */
    fmpq_mul_2exp(M, M, 2 * bits);
    fmpz_fdiv_q(P, fmpq_numref(M), fmpq_denref(M));
    fmpz_sqrt(k, P);
    fmpz_mul(P, k, k);
    fmpz_mul(P, P, fmpq_denref(M));
    if (fmpz_cmp(P, fmpq_numref(M)) < 0)
        fmpz_add_ui(k, k, 1);
    if (fmpz_is_zero(k))
        fmpz_one(k);
    fmpz_one(P);
    fmpz_mul_2exp(P, P, bits);
    fmpq_set_fmpz_frac(B, k, P);
    fmpq_clear(M);
    fmpq_clear(s);
    fmpz_clear(P);
    fmpz_clear(k);
}

/* ------------------------------------------------------ the instance */

/* The hypotheses of Theorem 3 on the given numbers, in the order of the
   codes of thm3_inst_set (after the sizes): B > 0, ||x_t|| <= 1,
   |v_j| ||w_j|| <= B, L_S(W*, v*) = 0, 0 < eps <= 4 (nB)^2. */
static int
inst_hyps(const fmpq_mat_t X, const fmpq *y, const fmpq_mat_t W, const fmpq *v, const fmpq_t B,
          const fmpq_t eps, slong *bad, char *msg, size_t msglen)
{
    slong m = fmpq_mat_nrows(X), n = fmpq_mat_nrows(W), t, j;
    fmpq_t s, u;
    int ret = THM3_OK;
    if (fmpq_sgn(B) <= 0)
    {
        msg_set(msg, msglen, "B must be > 0");
        return THM3_ERR_B;
    }
    fmpq_init(s);
    fmpq_init(u);
    /* ||x_t|| <= 1, decided on the square */
    for (t = 0; t < m && ret == THM3_OK; t++)
    {
        row_dot(s, X, t, X, t);
        if (fmpq_cmp_si(s, 1) > 0)
        {
            char *q = fmpq_get_str(NULL, 10, s);
            msg_set(msg, msglen, "||x_%ld||^2 = %s > 1 (Theorem 3 needs ||x_t|| <= 1)", (long) (t + 1), q);
            flint_free(q);
            if (bad != NULL)
                *bad = t;
            ret = THM3_ERR_XNORM;
        }
    }
    /* |v_j| ||w_j|| <= B, decided as v_j^2 ||w_j||^2 <= B^2 */
    fmpq_mul(u, B, B);
    for (j = 0; j < n && ret == THM3_OK; j++)
    {
        row_dot(s, W, j, W, j);
        fmpq_mul(s, s, v + j);
        fmpq_mul(s, s, v + j);
        if (fmpq_cmp(s, u) > 0)
        {
            char *a = fmpq_get_str(NULL, 10, s), *b = fmpq_get_str(NULL, 10, u);
            msg_set(msg, msglen,
                    "teacher neuron %ld: v^2 ||w||^2 = %s > B^2 = %s (Theorem 3 needs |v_j*| "
                    "||w_j*|| <= B)",
                    (long) (j + 1), a, b);
            flint_free(a);
            flint_free(b);
            if (bad != NULL)
                *bad = j;
            ret = THM3_ERR_TEACHER;
        }
    }
    /* L_S(W*, v*) = 0 <=> every prediction equals its target */
    for (t = 0; t < m && ret == THM3_OK; t++)
    {
        teacher_predict(s, X, t, W, v);
        if (!fmpq_equal(s, y + t))
        {
            char *a = fmpq_get_str(NULL, 10, s), *b = fmpq_get_str(NULL, 10, y + t);
            msg_set(msg, msglen,
                    "point %ld: the teacher predicts %s but the target is %s (Theorem 3 needs "
                    "L_S(W*, v*) = 0)",
                    (long) (t + 1), a, b);
            flint_free(a);
            flint_free(b);
            if (bad != NULL)
                *bad = t;
            ret = THM3_ERR_REALIZE;
        }
    }
    /* rho = eps / (n B)^2 in (0, 4] */
    fmpq_mul(u, B, B);
    fmpq_mul_si(u, u, n * n);
    fmpq_div(s, eps, u);
    if (ret == THM3_OK && (fmpq_sgn(eps) <= 0 || fmpq_cmp_si(s, 4) > 0))
    {
        char *a = fmpq_get_str(NULL, 10, s);
        if (fmpq_sgn(eps) <= 0)
            msg_set(msg, msglen, "eps must be > 0");
        else
            msg_set(msg, msglen,
                    "eps/(nB)^2 = %s > 4: p_eps is undefined (and eps >= (nB)^2 >= L_S(0) makes "
                    "the claim trivial)",
                    a);
        flint_free(a);
        ret = THM3_ERR_EPS;
    }
    fmpq_clear(s);
    fmpq_clear(u);
    return ret;
}

/* The rank r of X and an integer orthogonal basis of U = span(x_t) in the
   first r rows of Bz (min(m, d) x d): Gram-Schmidt over Q, each residual
   scaled to a primitive integer vector. */
static slong
inst_basis(fmpz_mat_t Bz, const fmpq_mat_t X)
{
    slong m = fmpq_mat_nrows(X), d = fmpq_mat_ncols(X), t, k, i, r = 0;
    fmpz_t den, g, gk;
    fmpq_t s, u;
    fmpq *q = _fmpq_vec_init(d); /* the residual of x_t */
    fmpz_init(den);
    fmpz_init(g);
    fmpz_init(gk);
    fmpq_init(s);
    fmpq_init(u);
    for (t = 0; t < m && r < d; t++)
    {
        for (i = 0; i < d; i++)
            fmpq_set(q + i, fmpq_mat_entry(X, t, i));
        for (k = 0; k < r; k++)
        {
            fmpz_zero(gk);
            for (i = 0; i < d; i++)
                fmpz_addmul(gk, fmpz_mat_entry(Bz, k, i), fmpz_mat_entry(Bz, k, i));
            row_dot_z(s, X, t, Bz, k);
            fmpq_div_fmpz(s, s, gk);
            for (i = 0; i < d; i++)
            {
                fmpq_mul_fmpz(u, s, fmpz_mat_entry(Bz, k, i));
                fmpq_sub(q + i, q + i, u);
            }
        }
        fmpz_one(den);
        fmpz_zero(g);
        for (i = 0; i < d; i++)
            fmpz_lcm(den, den, fmpq_denref(q + i));
        for (i = 0; i < d; i++)
        {
            fmpq_mul_fmpz(u, q + i, den);
            fmpz_set(fmpz_mat_entry(Bz, r, i), fmpq_numref(u));
            fmpz_gcd(g, g, fmpq_numref(u));
        }
        if (fmpz_is_zero(g))
            continue; /* x_t in the span of the previous points */
        for (i = 0; i < d; i++)
            fmpz_divexact(fmpz_mat_entry(Bz, r, i), fmpz_mat_entry(Bz, r, i), g);
        r++;
    }
    fmpz_clear(den);
    fmpz_clear(g);
    fmpz_clear(gk);
    fmpq_clear(s);
    fmpq_clear(u);
    _fmpq_vec_clear(q, d);
    return r;
}

/* The projections u_j = P_U w_j* = sum_k beta_jk b_k, beta_jk =
   <w_j, b_k> / g_k, their norms, the live neurons and the constants of
   the cap test of each (I->basis, g, G, kappa set). */
static void
inst_teacher(thm3_inst_t I, const fmpq_mat_t W, const fmpq *v)
{
    slong n = I->n, r = I->r, j, k;
    fmpq *beta = _fmpq_vec_init(r);
    fmpq_t s;
    fmpz_t tmp;
    fmpq_init(s);
    fmpz_init(tmp);
    fmpz_mat_clear(I->bnum);
    fmpz_mat_init(I->bnum, n, r);
    I->bden = _fmpz_vec_init(n);
    I->unorm2 = _fmpq_vec_init(n);
    I->Lc = _fmpz_vec_init(n);
    I->Rc = _fmpz_vec_init(n);
    I->vsign = flint_malloc(sizeof(int) * n);
    I->nlive = 0;
    for (j = 0; j < n; j++)
    {
        fmpz_one(I->bden + j);
        fmpq_zero(I->unorm2 + j);
        for (k = 0; k < r; k++)
        {
            row_dot_z(beta + k, W, j, I->basis, k);
            fmpq_div_fmpz(beta + k, beta + k, I->g + k);
            fmpz_lcm(I->bden + j, I->bden + j, fmpq_denref(beta + k));
            fmpq_mul(s, beta + k, beta + k);
            fmpq_mul_fmpz(s, s, I->g + k);
            fmpq_add(I->unorm2 + j, I->unorm2 + j, s);
        }
        for (k = 0; k < r; k++)
        {
            fmpq_mul_fmpz(s, beta + k, I->bden + j);
            fmpz_set(fmpz_mat_entry(I->bnum, j, k), fmpq_numref(s));
        }
        I->vsign[j] = fmpq_sgn(v + j);
        if (I->vsign[j] != 0 && !fmpq_is_zero(I->unorm2 + j))
            I->nlive++;
        /* cap test A^2 Lc >= Pn Rc with Lc = kd^2 G Sd, Rc = kn^2 Sn bden^2
           (|u_j|^2 = Sn / Sd, A = bden <w, u_j>, Pn = G |P_U w|^2) */
        fmpz_mul(I->Lc + j, I->kd, I->kd);
        fmpz_mul(I->Lc + j, I->Lc + j, I->G);
        fmpz_mul(I->Lc + j, I->Lc + j, fmpq_denref(I->unorm2 + j));
        fmpz_mul(I->Rc + j, I->kn, I->kn);
        fmpz_mul(I->Rc + j, I->Rc + j, fmpq_numref(I->unorm2 + j));
        fmpz_mul(tmp, I->bden + j, I->bden + j);
        fmpz_mul(I->Rc + j, I->Rc + j, tmp);
    }
    fmpz_clear(tmp);
    fmpq_clear(s);
    _fmpq_vec_clear(beta, r);
}

int
thm3_inst_set(thm3_inst_t I, const fmpq_mat_t X, const fmpq *y, const fmpq_mat_t W, const fmpq *v,
              const fmpq_t B, const fmpq_t eps, slong *bad, char *msg, size_t msglen)
{
    slong m = fmpq_mat_nrows(X), d = fmpq_mat_ncols(X), n = fmpq_mat_nrows(W);
    slong t, j, k, i, r;
    fmpz_mat_t Bz;
    int ret;

    if (bad != NULL)
        *bad = -1;
    inst_empty(I);
    if (m < 1 || d < 1 || n < 1 || fmpq_mat_ncols(W) != d)
    {
        msg_set(msg, msglen, "sizes: m = %ld points, d = %ld, teacher %ld x %ld", (long) m, (long) d,
                (long) n, (long) fmpq_mat_ncols(W));
        return THM3_ERR_SIZE;
    }
    ret = inst_hyps(X, y, W, v, B, eps, bad, msg, msglen);
    if (ret != THM3_OK)
        return ret;
    fmpz_mat_init(Bz, FLINT_MIN(m, d), d);
    r = inst_basis(Bz, X);
    if (r < 2)
    {
        msg_set(msg, msglen, "rank(X) = %ld < 2 (p_eps of Theorem 3 has the factor 1/(rank(X) - 1))",
                (long) r);
        fmpz_mat_clear(Bz);
        return THM3_ERR_RANK;
    }
    I->r = r;
    fmpz_mat_clear(I->basis);
    fmpz_mat_init(I->basis, r, d);
    for (k = 0; k < r; k++)
        for (i = 0; i < d; i++)
            fmpz_set(fmpz_mat_entry(I->basis, k, i), fmpz_mat_entry(Bz, k, i));
    fmpz_mat_clear(Bz);

    I->m = m;
    I->d = d;
    I->n = n;
    fmpq_mat_clear(I->X);
    fmpq_mat_init_set(I->X, X);
    fmpq_mat_clear(I->W);
    fmpq_mat_init_set(I->W, W);
    I->y = _fmpq_vec_init(m);
    I->v = _fmpq_vec_init(n);
    for (t = 0; t < m; t++)
        fmpq_set(I->y + t, y + t);
    for (j = 0; j < n; j++)
        fmpq_set(I->v + j, v + j);
    fmpq_set(I->B, B);
    fmpq_set(I->eps, eps);
    fmpq_mul(I->rho, B, B);
    fmpq_mul_si(I->rho, I->rho, n * n);
    fmpq_div(I->rho, eps, I->rho);
    /* kappa = cos theta = 1 - rho/2 (theta = 2 arcsin(delta/2), delta^2 = rho) */
    fmpq_div_2exp(I->kappa, I->rho, 1);
    fmpq_sub_si(I->kappa, I->kappa, 1);
    fmpq_neg(I->kappa, I->kappa);
    fmpz_set(I->kn, fmpq_numref(I->kappa));
    fmpz_set(I->kd, fmpq_denref(I->kappa));
    /* L_S(0) */
    {
        fmpq_t s;
        fmpq_init(s);
        for (t = 0; t < m; t++)
            fmpq_addmul(s, y + t, y + t);
        thm3_qdiv_si(s, m);
        fmpq_set(I->L0, s);
        fmpq_clear(s);
    }
    I->g = _fmpz_vec_init(r);
    fmpz_one(I->G);
    for (k = 0; k < r; k++)
    {
        for (i = 0; i < d; i++)
            fmpz_addmul(I->g + k, fmpz_mat_entry(I->basis, k, i), fmpz_mat_entry(I->basis, k, i));
        fmpz_lcm(I->G, I->G, I->g + k);
    }
    inst_teacher(I, W, v);
    return THM3_OK;
}

/* ------------------------------------------------ built-in instances */

void
thm3_raw_init(thm3_raw_t R, slong m, slong d, slong n)
{
    fmpq_mat_init(R->X, m, d);
    fmpq_mat_init(R->W, n, d);
    R->y = _fmpq_vec_init(m);
    R->v = _fmpq_vec_init(n);
    fmpq_init(R->B);
    fmpq_init(R->eps);
    R->m = m;
    R->n = n;
}

void
thm3_raw_clear(thm3_raw_t R)
{
    fmpq_mat_clear(R->X);
    fmpq_mat_clear(R->W);
    _fmpq_vec_clear(R->y, R->m);
    _fmpq_vec_clear(R->v, R->n);
    fmpq_clear(R->B);
    fmpq_clear(R->eps);
}

/* The targets from the teacher (realizable), B the smallest multiple of
   2^-16 above the teacher's norm products, and eps = (n B)^2 / 2^k. */
static void
raw_finish(thm3_raw_t R, ulong k)
{
    slong t;
    for (t = 0; t < R->m; t++)
        teacher_predict(R->y + t, R->X, t, R->W, R->v);
    thm3_teacher_B(R->B, R->W, R->v, 16);
    fmpq_mul(R->eps, R->B, R->B);
    fmpq_mul_si(R->eps, R->eps, R->n * R->n);
    fmpq_div_2exp(R->eps, R->eps, k);
}

/* smallest integer K >= ||z|| for an integer vector z */
static slong
ceil_norm(const slong *z, slong d)
{
    slong i;
    fmpz_t s, k;
    slong K;
    fmpz_init(s);
    fmpz_init(k);
    for (i = 0; i < d; i++)
        fmpz_add_si(s, s, z[i] * z[i]);
    fmpz_sqrtrem(k, s, s);
    if (!fmpz_is_zero(s))
        fmpz_add_ui(k, k, 1);
    K = fmpz_get_si(k);
    fmpz_clear(s);
    fmpz_clear(k);
    return K;
}

/* Offsets of the data around the centre direction c0, in frame
   coordinates (r <= 3 entries used). */
static const slong gen_off[12][3] = {{0, 0, 0},  {1, 0, 0},  {0, 1, 0}, {-1, 0, 0}, {0, -1, 0}, {1, 1, 0},
                                     {-1, 1, 1}, {1, -1, 0}, {0, 0, 1}, {0, 1, -1}, {1, 0, -1}, {-1, -1, 1}};

void
thm3_generated(thm3_raw_t R, int which)
{
    slong r = 2, d = 8, m = 8, n = 2, t, i, k, j;
    slong F[3 * 32], z[32], c0[3], om[2][3], K = 1;
    int base = which == THM3_GEN_MAIN ? THM3_GEN_MAIN : THM3_GEN_ENGINE;
    fmpq_t s;

    if (base == THM3_GEN_MAIN)
    {
        r = 3;
        d = 32;
        m = 12;
    }
    /* the frame: r integer vectors of R^d; the first has entries in
       [0, 6], so U holds much of the direction (1, ..., 1) */
    for (k = 0; k < r; k++)
        for (i = 0; i < d; i++)
            F[k * d + i] = ((3 * i + 5 * k + i * k + 1) % 7) - (k == 0 ? 0 : 3);
    /* centre direction c0 = -4 (F 1) / max_k |(F 1)_k| rounded (zeros
       replaced by 1): the data and the teacher lie opposite to the
       projection of (1, ..., 1), the mean direction of the skewed law of
       the biased control */
    {
        slong sum[3], smax = 1;
        for (k = 0; k < r; k++)
        {
            sum[k] = 0;
            for (i = 0; i < d; i++)
                sum[k] += F[k * d + i];
            smax = FLINT_MAX(smax, FLINT_ABS(sum[k]));
        }
        for (k = 0; k < r; k++)
        {
            slong a = 4 * FLINT_ABS(sum[k]), q = (a + smax / 2) / smax;
            c0[k] = sum[k] >= 0 ? -q : q;
            if (c0[k] == 0)
                c0[k] = 1;
        }
    }
    /* teacher directions (frame coordinates), v* = (1, 1) */
    for (k = 0; k < r; k++)
    {
        om[0][k] = c0[k] + (k == 1 ? 1 : 0);
        om[1][k] = c0[k] + (k == r - 1 ? -1 : 0);
    }
    if (R->m != m || R->n != n || fmpq_mat_ncols(R->X) != d)
    {
        thm3_raw_clear(R);
        thm3_raw_init(R, m, d, n);
    }
    fmpq_init(s);
    /* data x_t = F^T (c0 + off_t) / K, K = max ceil ||.||, so ||x_t|| <= 1 */
    for (t = 0; t < m; t++)
    {
        for (i = 0; i < d; i++)
        {
            z[i] = 0;
            for (k = 0; k < r; k++)
                z[i] += F[k * d + i] * (c0[k] + gen_off[t][k]);
        }
        K = FLINT_MAX(K, ceil_norm(z, d));
    }
    for (t = 0; t < m; t++)
        for (i = 0; i < d; i++)
        {
            slong zi = 0;
            for (k = 0; k < r; k++)
                zi += F[k * d + i] * (c0[k] + gen_off[t][k]);
            fmpq_set_si(fmpq_mat_entry(R->X, t, i), zi, K);
        }
    if (which == THM3_GEN_XNORM)
    {
        /* control: the first point pushed out to norm >= 11/10 > 1 */
        fmpz_t q, f;
        fmpz_init(q);
        fmpz_init(f);
        for (i = 0; i < d; i++)
        {
            slong zi = 0;
            for (k = 0; k < r; k++)
                zi += F[k * d + i] * (c0[k] + gen_off[0][k]);
            z[i] = zi;
            fmpz_add_si(q, q, zi * zi);
        }
        fmpz_sqrt(f, q); /* floor ||z_0|| */
        for (i = 0; i < d; i++)
            fmpq_set_si(fmpq_mat_entry(R->X, 0, i), 11 * z[i], 10 * fmpz_get_si(f));
        fmpz_clear(q);
        fmpz_clear(f);
    }
    /* teacher w_j = F^T om_j / ceil ||F^T om_j||, v_j = 1 */
    for (j = 0; j < n; j++)
    {
        slong Kw;
        for (i = 0; i < d; i++)
        {
            z[i] = 0;
            for (k = 0; k < r; k++)
                z[i] += F[k * d + i] * om[j][k];
        }
        Kw = ceil_norm(z, d);
        for (i = 0; i < d; i++)
            fmpq_set_si(fmpq_mat_entry(R->W, j, i), z[i], Kw);
        fmpq_one(R->v + j);
    }
    /* eps = (1/4) (n B)^2: rho = 1/4, delta = 1/2 */
    raw_finish(R, 2);
    if (which == THM3_GEN_TEACHER)
    {
        /* control: B lowered by 1/10, below the teacher's norm product */
        fmpq_set_si(s, 9, 10);
        fmpq_mul(R->B, R->B, s);
    }
    fmpq_clear(s);
}

/* the rational unit vector of U with tan(phi/2) = k/D, in the frame
   (1, 2, 2)/3, (2, 1, -2)/3 of R^3, times the scale a/b: coordinates
   ((D^2 - k^2) F_0 + 2 k D F_1) a / (3 (D^2 + k^2) b) */
static void
regime_point(fmpq_mat_t M, slong row, slong k, slong D, slong a, slong b)
{
    static const slong F[2][3] = {{1, 2, 2}, {2, 1, -2}};
    slong i;
    fmpz_t num, den;
    fmpz_init(num);
    fmpz_init(den);
    for (i = 0; i < 3; i++)
    {
        fmpz_set_si(num, (D * D - k * k) * F[0][i] + 2 * k * D * F[1][i]);
        fmpz_mul_si(num, num, a);
        fmpz_set_si(den, 3 * (D * D + k * k));
        fmpz_mul_si(den, den, b);
        fmpq_set_fmpz_frac(fmpq_mat_entry(M, row, i), num, den);
    }
    fmpz_clear(num);
    fmpz_clear(den);
}

void
thm3_generated_regime(thm3_raw_t R, slong n)
{
    slong m = 12, d = 3, t, j;
    if (R->m != m || R->n != n || fmpq_mat_ncols(R->X) != d)
    {
        thm3_raw_clear(R);
        thm3_raw_init(R, m, d, n);
    }
    /* the data: tan(phi/2) = (2t - 11)/11, norms 1 and 3/4 alternating */
    for (t = 0; t < m; t++)
        regime_point(R->X, t, 2 * t - (m - 1), m - 1, t % 2 == 0 ? 1 : 3, t % 2 == 0 ? 1 : 4);
    /* the teacher: tan(psi/2) = 3 (2j - n + 1) / (5 (n - 1)), norm 1, v* = 1 */
    for (j = 0; j < n; j++)
    {
        regime_point(R->W, j, 3 * (2 * j - n + 1), 5 * (n - 1), 1, 1);
        fmpq_one(R->v + j);
    }
    /* eps = (n B)^2 / 16 */
    raw_finish(R, 4);
}

/* ------------------------------------------------------ user input */

static void
user_error(const char *file, const slong *lines, slong row, slong col, const char *what)
{
    if (lines != NULL && row >= 0)
        fprintf(stderr, "basincheck: %s:%ld:%ld: %s\n", file, (long) lines[row], (long) col, what);
    else if (row >= 0)
        fprintf(stderr, "basincheck: %s: row %ld: %s\n", file, (long) (row + 1), what);
    else
        fprintf(stderr, "basincheck: %s: %s\n", file, what);
}

int
thm3_read_user(thm3_inst_t I, const char *data, const char *teacher, const char *eps)
{
    csv_table_t D, T, E;
    char err[512];
    int ret = 2, code;
    slong d, m, n, bad;
    fmpq_mat_t X, W;
    fmpq *y = NULL, *v = NULL;
    fmpq_t B;
    const slong *dl = NULL, *tl = NULL;

    csv_table_init(D);
    csv_table_init(T);
    csv_table_init(E);
    fmpq_init(B);
    fmpq_mat_init(X, 0, 0);
    fmpq_mat_init(W, 0, 0);
    if (data == NULL || teacher == NULL || eps == NULL)
    {
        fprintf(stderr, "basincheck: thm3: --data, --teacher and --eps are needed together (the data, a "
                        "width-n teacher that fits them exactly, and eps)\n");
        goto out;
    }
    if (csv_read(D, data, err, sizeof err) != 0 || csv_read(T, teacher, err, sizeof err) != 0 ||
        csv_read_mem(E, "--eps", eps, strlen(eps), err, sizeof err) != 0)
    {
        fprintf(stderr, "basincheck: %s\n", err);
        goto out;
    }
    if (E->rows != 1 || E->cols != 1)
    {
        fprintf(stderr, "basincheck: --eps:1:1: expected one number\n");
        goto out;
    }
    dl = D->line;
    tl = T->line;
    if (D->cols < 2)
    {
        user_error(data, dl, 0, 1, "expected at least two columns x_1,...,x_d,y");
        goto out;
    }
    if (T->cols != D->cols)
    {
        char *s = bc_aprintf("expected %ld columns w_1,...,w_d,v as in %s, found %ld", (long) D->cols, data,
                             (long) T->cols);
        user_error(teacher, tl, 0, 1, s);
        flint_free(s);
        goto out;
    }
    d = D->cols - 1;
    m = D->rows;
    n = T->rows;
    fmpq_mat_clear(X);
    fmpq_mat_clear(W);
    fmpq_mat_init(X, m, d);
    fmpq_mat_init(W, n, d);
    y = _fmpq_vec_init(m);
    v = _fmpq_vec_init(n);
    csv_table_split(X, y, D);
    csv_table_split(W, v, T);
    thm3_teacher_B(B, W, v, 20);
    code = thm3_inst_set(I, X, y, W, v, B, csv_table_entry(E, 0, 0), &bad, err, sizeof err);
    switch (code)
    {
    case THM3_OK:
        ret = 0;
        break;
    case THM3_ERR_XNORM:
        user_error(data, dl, bad, 1, err);
        break;
    case THM3_ERR_REALIZE:
        user_error(data, dl, bad, D->cols, err);
        break;
    case THM3_ERR_TEACHER:
        user_error(teacher, tl, bad, 1, err);
        break;
    case THM3_ERR_EPS:
        fprintf(stderr, "basincheck: --eps:1:1: %s\n", err);
        break;
    case THM3_ERR_RANK:
        user_error(data, NULL, -1, 0, err);
        break;
    default:
        user_error(data, NULL, -1, 0, err);
        break;
    }
out:
    if (y != NULL)
        _fmpq_vec_clear(y, fmpq_mat_nrows(X));
    if (v != NULL)
        _fmpq_vec_clear(v, fmpq_mat_nrows(W));
    fmpq_mat_clear(X);
    fmpq_mat_clear(W);
    fmpq_clear(B);
    csv_table_clear(D);
    csv_table_clear(T);
    csv_table_clear(E);
    return ret;
}
