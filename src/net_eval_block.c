/* net_eval_block.c -- the floating-point filter for many inputs at once:
   the network's outputs on a block of points in double, each with a
   rigorous bound on its distance from the exact output, computed in the
   same pass as the outputs.

   Layout.  Points are taken NET_BLOCK_COLS at a time; a layer's input
   for the chunk is a matrix H (n x cols, row i = feature i across the
   points), so a layer is the product of the neurons' weight matrix with
   H: each weight is read once per chunk and the inner loop runs over
   points, four neurons by eight points per register tile.  Each output
   z_{jt} is still the recursive sum b_j + w_j0 h_0t + w_j1 h_1t + ... in
   this order (one SIMD lane per (j, t)), with or without fused
   multiply-adds.

   The bound (Cauchy-Schwarz instead of the per-term sums of net_eval_d,
   so that it costs O(1) per output instead of O(n)).  Let u = 2^-53,
   eta = 2^-1074.  For a neuron with weights w (n entries) and bias b on
   computed inputs hh_i with |hh_i - h_i| <= e_i, the recursive sum (any
   rounding, with or without FMA, underflow included; Higham, Sec. 3.1)
   satisfies
       |fl(z) - z| <= gamma_{n+1} (sum |w_i hh_i| + |b|) + (n + 1) eta
                      + sum |w_i| e_i
                   <= rho (gamma H + E) + gamma |b| + (n + 1) eta,
   with rho >= |w|_2, H >= |hh|_2, E >= |e|_2 and gamma >= gamma_{n+1}
   = (n+1) u / (1 - (n+1) u); we take gamma = 1025 (n+1) 2^-63 (exact;
   valid for n < 2^42).  ReLU is 1-Lipschitz: a hidden output with
   fl(z) < -bound is exactly 0 with error 0, else it is max(fl(z), 0)
   with error bound; the next layer's H and E are the 2-norms of these
   over the layer's neurons.  The first layer's inputs are exact (E = 0).
   The recursive-sum analysis needs every partial sum finite: an
   infinite or NaN output anywhere makes the call fail (return 1), and
   the caller escalates.

   The bound's own evaluation rounds upward through
       UP_k(y) = fl(fl(y C_k) + 2^-1000),  C_k = 1 + 4 (k + 2) u,
   which satisfies UP_k(y) >= y (1 + 2u)^k + 2^-1001 for 0 <= y and
   k <= 2^40 (q = fl(y C_k) >= y C_k (1 - u) - eta/2; the sum is normal,
   so UP_k >= (q + 2^-1000)(1 - u) >= y (1 + 4ku) + 2^-1001).  A real
   computed by k rounded operations +, x on non-negative operands that
   are themselves upper bounds is at most y (1 + 2u)^k + n eta when at
   most n products may underflow (absolute error eta/2 each, multiplied
   by at most (1 + 2u)^k <= 2 afterwards); n eta <= 2^-1001 for
   n <= 2^73.  So each of
       S     = UP_{2n}(sum_i w_i^2),  rho_j = UP_1(sqrt(S)),
       (the same for H_t from the hh_t, E_t from the e_t),
       d_j   = UP_2(gamma |b_j|)          (it also absorbs (n+1) eta),
       c_t   = UP_2(gamma H_t + E_t),
       bound = UP_2(rho_j c_t + d_j)
   bounds the exact expression it rounds (sqrt is correctly rounded and
   its argument is >= 2^-1001, so sqrt(S) <= fl(sqrt(S)) (1 + 2u)),
   whatever the compiler contracts into FMAs (one rounding instead of two
   only tightens these inequalities).

   The bound is a few times looser than net_eval_d's per-term one (the
   ratio of a 2-norm product to the sum of |w_i hh_i|, per layer); it
   stays near 2^-45 relative to the size of the sums, so the filter
   decides all but the near-ties. */
#include <math.h>
#include <string.h>

#include "net.h"

#define U_ROUND 0x1p-53
#define PHI 0x1p-1000

#if defined(__x86_64__) && defined(__GNUC__)
#define NET_X86 1
#include <immintrin.h>
#endif

typedef struct
{
    slong n, nout, stride; /* inputs, neurons, doubles per neuron vector */
    int hidden;            /* 1: bias and ReLU; 0: the output layer */
    int bounds;            /* 0: plain double, no bounds */
    const double *par;     /* neuron 0's vector */
    const double *rho;     /* rho_j (bounds) */
    const double *dd;      /* d_j (bounds) */
    const double *H;       /* n x ld input */
    const double *c;       /* c_t per column (bounds) */
    slong ld;              /* row stride of H and Hn */
    slong lp, cols;        /* columns computed (a multiple of 8), columns used */
    double *Hn;            /* nout x ld output (hidden) */
    double *Hsq, *Esq;     /* per column: sums of squares of the outputs and of their bounds (hidden) */
    double *out, *err;     /* output layer: point t's output j at out[t k + j] */
    slong k;
    double poison; /* 0, or NaN when some output was not finite */
} layer_args;

static inline double
up_k(double y, double ck)
{
    return y * ck + PHI;
}

static double
ck_of(slong k)
{
    return 1.0 + 4.0 * (double) (k + 2) * U_ROUND;
}

/* UP_1(sqrt(UP_{2n}(s))): an upper bound of the 2-norm of a vector of n
   entries whose squares summed to s in floating point */
static double
norm_up(double s, slong n)
{
    return up_k(sqrt(up_k(s, ck_of(2 * n))), ck_of(1));
}

/* After z[r][q] = fl(z_{j0+r, t}) for the tile: the bounds, ReLU and the
   stores, in plain C. */
static void
tile_finish(layer_args *A, slong j0, slong rows, slong c0, const double z[4][8])
{
    const double c2 = ck_of(2);
    slong r, q;
    for (r = 0; r < rows; r++)
    {
        slong j = j0 + r;
        for (q = 0; q < 8; q++)
            A->poison += z[r][q] - z[r][q];
        if (A->hidden)
        {
            double *hn = A->Hn + j * A->ld + c0;
            if (A->bounds)
            {
                double rho = A->rho[j], d = A->dd[j];
                for (q = 0; q < 8; q++)
                {
                    double zz = z[r][q], bound = up_k(rho * A->c[c0 + q] + d, c2);
                    int dead = zz < -bound;
                    double h = dead ? 0.0 : (zz > 0.0 ? zz : 0.0), e = dead ? 0.0 : bound;
                    hn[q] = h;
                    A->Hsq[c0 + q] += h * h;
                    A->Esq[c0 + q] += e * e;
                }
            }
            else
                for (q = 0; q < 8; q++)
                    hn[q] = z[r][q] > 0.0 ? z[r][q] : 0.0;
        }
        else
        {
            for (q = 0; q < 8 && c0 + q < A->cols; q++)
            {
                A->out[(c0 + q) * A->k + j] = z[r][q];
                if (A->bounds)
                    A->err[(c0 + q) * A->k + j] = up_k(A->rho[j] * A->c[c0 + q] + A->dd[j], c2);
            }
        }
    }
}

static void
layer_generic(layer_args *A)
{
    slong j0, c0, i, r, q;
    for (j0 = 0; j0 < A->nout; j0 += 4)
    {
        slong rows = A->nout - j0 < 4 ? A->nout - j0 : 4;
        for (c0 = 0; c0 < A->lp; c0 += 8)
        {
            double z[4][8];
            for (r = 0; r < rows; r++)
            {
                const double *w = A->par + (j0 + r) * A->stride;
                double b = A->hidden ? w[A->n] : 0.0;
                for (q = 0; q < 8; q++)
                    z[r][q] = b;
                for (i = 0; i < A->n; i++)
                    for (q = 0; q < 8; q++)
                        z[r][q] += w[i] * A->H[i * A->ld + c0 + q];
            }
            tile_finish(A, j0, rows, c0, (const double(*)[8]) z);
        }
    }
}

#ifdef NET_X86
/* The hidden-layer epilogue of one tile row (8 columns), vectorised:
   bound, exact-zero test, ReLU, sums of squares, poison. */
#define NET_ROW_FINISH(z0, z1, j)                                                                            \
    do                                                                                                       \
    {                                                                                                        \
        double *hn = A->Hn + (j) *A->ld + c0;                                                                \
        poison = _mm256_add_pd(poison, _mm256_add_pd(_mm256_sub_pd(z0, z0), _mm256_sub_pd(z1, z1)));         \
        if (A->bounds)                                                                                       \
        {                                                                                                    \
            __m256d rho = _mm256_set1_pd(A->rho[j]), d = _mm256_set1_pd(A->dd[j]);                           \
            __m256d b0 = _mm256_fmadd_pd(_mm256_fmadd_pd(rho, cv0, d), c2, phi);                             \
            __m256d b1 = _mm256_fmadd_pd(_mm256_fmadd_pd(rho, cv1, d), c2, phi);                             \
            __m256d dead0 = _mm256_cmp_pd(z0, _mm256_sub_pd(zero, b0), _CMP_LT_OQ);                          \
            __m256d dead1 = _mm256_cmp_pd(z1, _mm256_sub_pd(zero, b1), _CMP_LT_OQ);                          \
            __m256d h0 = _mm256_andnot_pd(dead0, _mm256_max_pd(z0, zero));                                   \
            __m256d h1 = _mm256_andnot_pd(dead1, _mm256_max_pd(z1, zero));                                   \
            __m256d e0 = _mm256_andnot_pd(dead0, b0), e1 = _mm256_andnot_pd(dead1, b1);                      \
            _mm256_storeu_pd(hn, h0);                                                                        \
            _mm256_storeu_pd(hn + 4, h1);                                                                    \
            hs0 = _mm256_fmadd_pd(h0, h0, hs0);                                                              \
            hs1 = _mm256_fmadd_pd(h1, h1, hs1);                                                              \
            es0 = _mm256_fmadd_pd(e0, e0, es0);                                                              \
            es1 = _mm256_fmadd_pd(e1, e1, es1);                                                              \
        }                                                                                                    \
        else                                                                                                 \
        {                                                                                                    \
            _mm256_storeu_pd(hn, _mm256_max_pd(z0, zero));                                                   \
            _mm256_storeu_pd(hn + 4, _mm256_max_pd(z1, zero));                                               \
        }                                                                                                    \
    } while (0)

__attribute__((target("avx2,fma"))) static void
layer_avx2(layer_args *A)
{
    slong j0, c0, i;
    const __m256d zero = _mm256_setzero_pd(), c2 = _mm256_set1_pd(ck_of(2)), phi = _mm256_set1_pd(PHI);
    __m256d poison = _mm256_setzero_pd();
    double pz[4];

    if (!A->hidden)
    {
        /* the output layer (few neurons): AVX2 dot products, the scalar
           epilogue of tile_finish */
        slong r;
        for (j0 = 0; j0 < A->nout; j0 += 4)
        {
            slong rows = A->nout - j0 < 4 ? A->nout - j0 : 4;
            for (c0 = 0; c0 < A->lp; c0 += 8)
            {
                double z[4][8];
                for (r = 0; r < rows; r++)
                {
                    const double *w = A->par + (j0 + r) * A->stride, *h = A->H + c0;
                    __m256d a0 = _mm256_setzero_pd(), a1 = a0;
                    for (i = 0; i < A->n; i++, h += A->ld)
                    {
                        __m256d b = _mm256_broadcast_sd(w + i);
                        a0 = _mm256_fmadd_pd(b, _mm256_loadu_pd(h), a0);
                        a1 = _mm256_fmadd_pd(b, _mm256_loadu_pd(h + 4), a1);
                    }
                    _mm256_storeu_pd(z[r], a0);
                    _mm256_storeu_pd(z[r] + 4, a1);
                }
                /* tile_finish is compiled without VEX encodings */
                _mm256_zeroupper();
                tile_finish(A, j0, rows, c0, (const double(*)[8]) z);
            }
        }
        return;
    }
    for (c0 = 0; c0 < A->lp; c0 += 8)
    {
        __m256d cv0 = zero, cv1 = zero, hs0 = zero, hs1 = zero, es0 = zero, es1 = zero;
        if (A->bounds)
        {
            cv0 = _mm256_loadu_pd(A->c + c0);
            cv1 = _mm256_loadu_pd(A->c + c0 + 4);
        }
        for (j0 = 0; j0 + 4 <= A->nout; j0 += 4)
        {
            const double *w0 = A->par + j0 * A->stride, *w1 = w0 + A->stride, *w2 = w1 + A->stride,
                         *w3 = w2 + A->stride;
            const double *h = A->H + c0;
            __m256d a00, a01, a10, a11, a20, a21, a30, a31;
            a00 = a01 = _mm256_set1_pd(w0[A->n]);
            a10 = a11 = _mm256_set1_pd(w1[A->n]);
            a20 = a21 = _mm256_set1_pd(w2[A->n]);
            a30 = a31 = _mm256_set1_pd(w3[A->n]);
            for (i = 0; i < A->n; i++, h += A->ld)
            {
                __m256d h0 = _mm256_loadu_pd(h), h1 = _mm256_loadu_pd(h + 4), b;
                b = _mm256_broadcast_sd(w0 + i);
                a00 = _mm256_fmadd_pd(b, h0, a00);
                a01 = _mm256_fmadd_pd(b, h1, a01);
                b = _mm256_broadcast_sd(w1 + i);
                a10 = _mm256_fmadd_pd(b, h0, a10);
                a11 = _mm256_fmadd_pd(b, h1, a11);
                b = _mm256_broadcast_sd(w2 + i);
                a20 = _mm256_fmadd_pd(b, h0, a20);
                a21 = _mm256_fmadd_pd(b, h1, a21);
                b = _mm256_broadcast_sd(w3 + i);
                a30 = _mm256_fmadd_pd(b, h0, a30);
                a31 = _mm256_fmadd_pd(b, h1, a31);
            }
            NET_ROW_FINISH(a00, a01, j0);
            NET_ROW_FINISH(a10, a11, j0 + 1);
            NET_ROW_FINISH(a20, a21, j0 + 2);
            NET_ROW_FINISH(a30, a31, j0 + 3);
        }
        for (; j0 < A->nout; j0++)
        {
            const double *w = A->par + j0 * A->stride, *h = A->H + c0;
            __m256d a0, a1;
            a0 = a1 = _mm256_set1_pd(w[A->n]);
            for (i = 0; i < A->n; i++, h += A->ld)
            {
                __m256d b = _mm256_broadcast_sd(w + i);
                a0 = _mm256_fmadd_pd(b, _mm256_loadu_pd(h), a0);
                a1 = _mm256_fmadd_pd(b, _mm256_loadu_pd(h + 4), a1);
            }
            NET_ROW_FINISH(a0, a1, j0);
        }
        if (A->bounds)
        {
            _mm256_storeu_pd(A->Hsq + c0, hs0);
            _mm256_storeu_pd(A->Hsq + c0 + 4, hs1);
            _mm256_storeu_pd(A->Esq + c0, es0);
            _mm256_storeu_pd(A->Esq + c0 + 4, es1);
        }
    }
    _mm256_storeu_pd(pz, poison);
    A->poison += (pz[0] + pz[1]) + (pz[2] + pz[3]);
}
#undef NET_ROW_FINISH
#endif

static int
layer_best_impl(void)
{
#ifdef NET_X86
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
        return 1;
#endif
    return 0;
}

static void
layer_run(layer_args *A, int impl)
{
#ifdef NET_X86
    if (impl == 1)
    {
        layer_avx2(A);
        return;
    }
#endif
    (void) impl;
    layer_generic(A);
}

static slong
max_width(const net_t N)
{
    slong i, w = 0;
    for (i = 0; i <= N->depth; i++)
        if (N->width[i] > w)
            w = N->width[i];
    return w;
}

static slong
neuron_count(const net_t N)
{
    slong i, s = 0;
    for (i = 1; i <= N->depth; i++)
        s += N->width[i];
    return s;
}

slong
net_eval_d_block_worksize(const net_t N)
{
    return 2 * max_width(N) * NET_BLOCK_COLS + 5 * NET_BLOCK_COLS + 2 * neuron_count(N);
}

/* sum of v[i]^2 in some order (any order is covered by UP_{2n}) */
static double
sum_squares_generic(const double *v, slong n)
{
    double s[4] = {0.0, 0.0, 0.0, 0.0};
    slong i;
    /* four partial sums: not bound by the latency of one accumulator */
    for (i = 0; i + 4 <= n; i += 4)
    {
        s[0] += v[i] * v[i];
        s[1] += v[i + 1] * v[i + 1];
        s[2] += v[i + 2] * v[i + 2];
        s[3] += v[i + 3] * v[i + 3];
    }
    for (; i < n; i++)
        s[0] += v[i] * v[i];
    return (s[0] + s[1]) + (s[2] + s[3]);
}

#ifdef NET_X86
__attribute__((target("avx2,fma"))) static double
sum_squares_avx2(const double *v, slong n)
{
    __m256d a0 = _mm256_setzero_pd(), a1 = a0;
    double t[4];
    slong i;
    for (i = 0; i + 8 <= n; i += 8)
    {
        __m256d x0 = _mm256_loadu_pd(v + i), x1 = _mm256_loadu_pd(v + i + 4);
        a0 = _mm256_fmadd_pd(x0, x0, a0);
        a1 = _mm256_fmadd_pd(x1, x1, a1);
    }
    double r;
    _mm256_storeu_pd(t, _mm256_add_pd(a0, a1));
    r = (t[0] + t[1]) + (t[2] + t[3]);
    for (; i < n; i++)
        r += v[i] * v[i];
    /* clean upper halves before returning to code without VEX
       encodings (else every SSE instruction there pays a merge) */
    _mm256_zeroupper();
    return r;
}
#endif

/* Sets rho and dd for every neuron of N (layer after layer).  Returns 1
   if one is not finite. */
static int
neuron_bounds(double *rho, double *dd, const net_t N, int impl)
{
    slong layer, j, q = 0;
    for (layer = 1; layer <= N->depth; layer++)
    {
        slong n = N->width[layer - 1];
        int hidden = layer < N->depth;
        double gam = (double) (n + 1) * 1025.0 * 0x1p-63, c2 = ck_of(2);
        for (j = 0; j < N->width[layer]; j++, q++)
        {
            const double *w = net_neuron(N, layer, j);
            double ss;
#ifdef NET_X86
            if (impl == 1)
                ss = sum_squares_avx2(w, n);
            else
#endif
                ss = sum_squares_generic(w, n);
            (void) impl;
            rho[q] = norm_up(ss, n);
            dd[q] = up_k(hidden ? gam * fabs(w[n]) : 0.0, c2);
            if (!isfinite(rho[q]) || !isfinite(dd[q]))
                return 1;
        }
    }
    return 0;
}

int
net_eval_d_block(double *out, double *err, const net_t N, const double *X, slong m, double *work)
{
    return _net_eval_d_block_impl(out, err, N, X, m, work, -1);
}

int
_net_eval_d_block_impl(double *out, double *err, const net_t N, const double *X, slong m, double *work,
                       int impl)
{
    slong W = max_width(N), ld = NET_BLOCK_COLS, d = N->width[0], k = N->width[N->depth];
    double *H = work, *Hn = H + W * ld, *Hnorm = Hn + W * ld, *Enorm = Hnorm + ld, *Hsq = Enorm + ld,
           *Esq = Hsq + ld, *c = Esq + ld, *rho = c + ld, *dd = rho + neuron_count(N);
    int bounds = err != NULL;
    slong t0, t, i;

    if (impl < 0)
        impl = layer_best_impl();
    else if (impl > layer_best_impl())
        return -1;
    if (bounds && neuron_bounds(rho, dd, N, impl) != 0)
        return 1;

    for (t0 = 0; t0 < m; t0 += NET_BLOCK_COLS)
    {
        slong cols = m - t0 < NET_BLOCK_COLS ? m - t0 : NET_BLOCK_COLS, lp = (cols + 7) & ~(slong) 7;
        slong layer, q = 0, n = d;
        double *Hin = H, *Hout = Hn, *tmp, poison = 0.0;

        /* the chunk's inputs, transposed; padding columns are 0 */
        for (i = 0; i < d; i++)
        {
            for (t = 0; t < cols; t++)
                Hin[i * ld + t] = X[(t0 + t) * d + i];
            for (; t < lp; t++)
                Hin[i * ld + t] = 0.0;
        }
        if (bounds)
            for (t = 0; t < lp; t++)
            {
                double s = 0.0;
                for (i = 0; i < d; i++)
                    s += Hin[i * ld + t] * Hin[i * ld + t];
                Hnorm[t] = norm_up(s, d);
                Enorm[t] = 0.0;
            }

        for (layer = 1; layer <= N->depth; layer++)
        {
            layer_args A;
            slong nout = N->width[layer];
            double gam = (double) (n + 1) * 1025.0 * 0x1p-63, c2 = ck_of(2);

            A.n = n;
            A.nout = nout;
            A.stride = net_neuron_len(N, layer);
            A.hidden = layer < N->depth;
            A.bounds = bounds;
            A.par = net_neuron(N, layer, 0);
            A.rho = rho + q;
            A.dd = dd + q;
            A.H = Hin;
            A.c = c;
            A.ld = ld;
            A.lp = lp;
            A.cols = cols;
            A.Hn = Hout;
            A.Hsq = Hsq;
            A.Esq = Esq;
            A.out = out + t0 * k;
            A.err = bounds ? err + t0 * k : NULL;
            A.k = k;
            A.poison = 0.0;
            if (bounds)
                for (t = 0; t < lp; t++)
                {
                    c[t] = up_k(gam * Hnorm[t] + Enorm[t], c2);
                    if (!isfinite(c[t]))
                        return 1;
                    Hsq[t] = 0.0;
                    Esq[t] = 0.0;
                }
            layer_run(&A, impl);
            poison += A.poison;
            q += nout;
            if (A.hidden)
            {
                if (bounds)
                    for (t = 0; t < lp; t++)
                    {
                        Hnorm[t] = norm_up(Hsq[t], nout);
                        Enorm[t] = norm_up(Esq[t], nout);
                    }
                tmp = Hin;
                Hin = Hout;
                Hout = tmp;
                n = nout;
            }
        }
        if (poison != 0.0)
            return 1;
        if (bounds)
            for (t = 0; t < cols * k; t++)
                if (!isfinite(err[t0 * k + t]))
                    return 1;
    }
    return 0;
}
