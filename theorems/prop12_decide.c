/* prop12_decide.c -- the per-sample decisions of Propositions 1 and 2:
   the events E (L(P) > L(0)), NZ (P != 0), SC (c -> L(cP) strictly
   convex) and FLIP (L(P) + L(-P) > 2 L(0)) of one initialisation, decided
   exactly.  A double filter with rigorous error bounds decides almost
   every sample; the rest go to the exact dyadic evaluation of the
   network, and the cross-entropy's transcendental gap to balls at rising
   precision (bc_decide_prec).  See prop12.h. */
#include <math.h>
#include <string.h>

#include "mc.h"
#include "prop12.h"

/* working precision of the ball filter for the cross-entropy: the balls'
   radii (the double error bounds, ~2^-50 relative) dominate any rounding
   at 64 bits */
#define FILTER_PREC 64

/* first precision of the exact-path cross-entropy loop */
#define EXACT_PREC0 PROP12_EXACT_PREC0

/* ------------------------------------------------------ the decisions */

slong
prop12_worksize(const net_t N, const data_t S)
{
    return 2 * S->m * S->k + net_eval_d_worksize(N);
}

/* The filter on every data point: P[t k + j] and rigorous bounds
   Perr[t k + j] on the distance to the exact output.  Returns 1 on
   overflow (then nothing is known). */
static int
filter_predictions(double *P, double *Perr, const net_t N, const data_t S, double *nw)
{
    slong t, k = S->k;
    for (t = 0; t < S->m; t++)
        if (net_eval_d(P + t * k, Perr + t * k, N, data_x(S, t), nw) != 0)
            return 1;
    return 0;
}

/* Balls P[q] +/- Perr[q]; mag_set_d rounds the radius up, so each ball
   contains the exact prediction. */
static void
filter_balls(arb_ptr B, const double *P, const double *Perr, slong n)
{
    slong q;
    for (q = 0; q < n; q++)
    {
        arb_set_d(B + q, P[q]);
        mag_set_d(arb_radref(B + q), Perr[q]);
    }
}

/* Sets P to the exact predictions (dyadic rationals) of N on S. */
static void
exact_predictions(arb_ptr P, const net_t N, const data_t S)
{
    slong t, i, k = S->k;
    arb_ptr par = _arb_vec_init(N->npar);
    arb_ptr x = _arb_vec_init(S->d);

    net_get_arb(par, N);
    for (t = 0; t < S->m; t++)
    {
        for (i = 0; i < S->d; i++)
            arb_set_d(x + i, data_x(S, t)[i]);
        net_eval_arb(P + t * k, N, par, x, ARF_PREC_EXACT);
    }
    _arb_vec_clear(par, N->npar);
    _arb_vec_clear(x, S->d);
}

/* Squared loss, exact: adds sum_t <s p_t, s p_t - 2 y_t> = m (L(sP) - L(0))
   for s = +1 or -1 to out.  Left undivided, the sum stays an exact ball
   whatever m is, and its sign is the gap's. */
static void
sq_mgap_exact_add(arb_t out, arb_srcptr P, const data_t S, int s)
{
    slong q, n = S->m * S->k;
    arb_t a, y;
    arb_init(a);
    arb_init(y);
    for (q = 0; q < n; q++)
    {
        /* (s p)(s p - 2y) = p (p - 2 s y) */
        arb_set_d(y, S->Y[q]);
        arb_mul_2exp_si(y, y, 1);
        if (s > 0)
            arb_sub(a, P + q, y, ARF_PREC_EXACT);
        else
            arb_add(a, P + q, y, ARF_PREC_EXACT);
        arb_addmul(out, a, P + q, ARF_PREC_EXACT);
    }
    arb_clear(a);
    arb_clear(y);
}

/* Decides, for EXACT predictions P, the sign of L(P) - L(0) (flip = 0)
   or of L(P) + L(-P) - 2 L(0) (flip = 1): BC_TRUE when > 0.

   Cross-entropy: with q_tj = p_tj - p_t,label the quantity vanishes iff
   prod_t sum_j e^{q_tj} = k^m (flip: times prod_t sum_j e^{-q_tj}).
   Expanding, the left side is a sum of exponentials of rationals with
   positive integer coefficients; by Lindemann-Weierstrass the
   exponentials of distinct algebraic numbers are linearly independent
   over the algebraic numbers, so equality forces every exponent to be 0,
   i.e. every row of P constant.  Hence: rows all constant => exactly 0
   (BC_FALSE, the event is strict); otherwise non-zero, and the rising
   precision loop can only stop by deciding (or by BC_PREC_MAX). */
/* the cross-entropy gap at one precision, for bc_decide_prec */
typedef struct
{
    loss_kind kind;
    arb_srcptr P;
    arb_srcptr Q; /* -P, or NULL when the flip is not wanted */
    const data_struct *S;
} gap_ctx;

static truth_t
gap_sign_at(void *ctx, slong prec)
{
    const gap_ctx *x = ctx;
    arb_t g, g2;
    truth_t r;
    arb_init(g);
    arb_init(g2);
    loss_gap_arb(g, x->kind, x->P, x->S, prec);
    if (x->Q != NULL)
    {
        loss_gap_arb(g2, x->kind, x->Q, x->S, prec);
        arb_add(g, g, g2, prec);
    }
    r = bc_arb_gt_zero(g);
    arb_clear(g);
    arb_clear(g2);
    return r;
}

static truth_t
exact_gap_sign(slong *reached, loss_kind kind, arb_srcptr P, const data_t S, int flip)
{
    slong n = S->m * S->k;
    truth_t r;
    arb_ptr Q = NULL;
    gap_ctx x;

    *reached = 0;
    if (kind == LOSS_SQUARED)
    {
        arb_t g;
        arb_init(g);
        sq_mgap_exact_add(g, P, S, 1);
        if (flip)
            sq_mgap_exact_add(g, P, S, -1);
        /* exact ball: never undecided */
        r = bc_arb_gt_zero(g);
        arb_clear(g);
        return r;
    }
    if (loss_ray_strictly_convex(kind, P, S) == BC_FALSE)
        return BC_FALSE;
    if (flip)
    {
        Q = _arb_vec_init(n);
        _arb_vec_neg(Q, P, n);
    }
    x.kind = kind;
    x.P = P;
    x.Q = Q;
    x.S = S;
    r = bc_decide_prec(reached, gap_sign_at, &x, EXACT_PREC0);
    if (Q != NULL)
        _arb_vec_clear(Q, n);
    return r;
}

truth_t
prop12_event_exact(const net_t N, loss_kind kind, const data_t S)
{
    slong n = S->m * S->k;
    arb_ptr P = _arb_vec_init(n);
    truth_t r;
    slong reached;
    exact_predictions(P, N, S);
    r = exact_gap_sign(&reached, kind, P, S, 0);
    _arb_vec_clear(P, n);
    return r;
}

truth_t
prop12_event_decide(const net_t N, loss_kind kind, const data_t S, double *work, ulong *escalations)
{
    slong n = S->m * S->k;
    double *P = work, *Perr = work + n, *nw = work + 2 * n;

    if (filter_predictions(P, Perr, N, S, nw) == 0)
    {
        if (kind == LOSS_SQUARED)
        {
            double gap, err;
            /* allocation-free path: |gap - exact gap| <= err */
            if (loss_sq_gap_d(&gap, &err, P, Perr, S) == 0)
            {
                if (gap > err)
                    return BC_TRUE;
                if (gap < -err)
                    return BC_FALSE;
            }
        }
        else
        {
            arb_ptr B = _arb_vec_init(n);
            arb_t g;
            truth_t r;
            arb_init(g);
            filter_balls(B, P, Perr, n);
            loss_gap_arb(g, kind, B, S, FILTER_PREC);
            r = bc_arb_gt_zero(g);
            arb_clear(g);
            _arb_vec_clear(B, n);
            if (r != BC_UNDECIDED)
                return r;
        }
    }
    if (escalations != NULL)
        (*escalations)++;
    return prop12_event_exact(N, kind, S);
}

/* Plain double forward pass of N at x: out[0..k-1]; h and h2 hold the
   widest layer. */
static void
forward_plain(double *out, const net_t N, const double *x, double *h, double *h2)
{
    slong layer, j, i, n = N->width[0];
    double *tmp;

    for (i = 0; i < n; i++)
        h[i] = x[i];
    for (layer = 1; layer <= N->depth; layer++)
    {
        slong nout = N->width[layer];
        int hidden = layer < N->depth;
        for (j = 0; j < nout; j++)
        {
            const double *w = net_neuron(N, layer, j);
            double z, s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
            /* four interleaved partial sums: a plain double evaluation
               has no preferred summation order, and this one is not
               bound by the latency of a single accumulator */
            for (i = 0; i + 4 <= n; i += 4)
            {
                s0 += w[i] * h[i];
                s1 += w[i + 1] * h[i + 1];
                s2 += w[i + 2] * h[i + 2];
                s3 += w[i + 3] * h[i + 3];
            }
            for (; i < n; i++)
                s0 += w[i] * h[i];
            z = (s0 + s1) + (s2 + s3) + (hidden ? w[n] : 0.0);
            if (hidden)
                h2[j] = z > 0.0 ? z : 0.0;
            else
                out[j] = z;
        }
        tmp = h;
        h = h2;
        h2 = tmp;
        n = nout;
    }
}

int
prop12_event_double(const net_t N, loss_kind kind, const data_t S, double *work)
{
    slong t, j, k = S->k, W = net_eval_d_worksize(N) / 4;
    double *P = work, *h = work + 2 * S->m * k, *h2 = h + 2 * W;
    double s = 0.0;

    for (t = 0; t < S->m; t++)
    {
        double *p = P + t * k;
        forward_plain(p, N, data_x(S, t), h, h2);
        if (kind == LOSS_SQUARED)
        {
            for (j = 0; j < k; j++)
                s += p[j] * (p[j] - 2.0 * data_y(S, t)[j]);
        }
        else
        {
            double mx = p[0], e = 0.0;
            for (j = 1; j < k; j++)
                mx = p[j] > mx ? p[j] : mx;
            for (j = 0; j < k; j++)
                e += exp(p[j] - mx);
            s += mx + log(e) - p[S->lab[t]] - log((double) k);
        }
    }
    return s > 0.0;
}

/* The events the filter left open, from one exact evaluation of the
   network. */
static void
events_exact(prop12_events *ev, const net_t N, loss_kind kind, const data_t S)
{
    slong q, n = S->m * S->k, reached;
    arb_ptr E = _arb_vec_init(n);

    ev->escalated = 1;
    exact_predictions(E, N, S);
    if (ev->nonzero == BC_UNDECIDED)
    {
        ev->nonzero = BC_FALSE;
        for (q = 0; q < n; q++)
            if (!arb_is_zero(E + q))
                ev->nonzero = BC_TRUE;
    }
    if (ev->convex == BC_UNDECIDED)
        ev->convex = loss_ray_strictly_convex(kind, E, S);
    if (ev->event == BC_UNDECIDED)
    {
        ev->event = exact_gap_sign(&reached, kind, E, S, 0);
        ev->prec = reached > ev->prec ? reached : ev->prec;
    }
    if (ev->flip == BC_UNDECIDED)
    {
        ev->flip = exact_gap_sign(&reached, kind, E, S, 1);
        ev->prec = reached > ev->prec ? reached : ev->prec;
    }
    _arb_vec_clear(E, n);
}

void
prop12_events_decide(prop12_events *ev, const net_t N, loss_kind kind, const data_t S, double *work)
{
    slong q, n = S->m * S->k;
    double *P = work, *Perr = work + n, *nw = work + 2 * n;

    ev->event = ev->nonzero = ev->convex = ev->flip = BC_UNDECIDED;
    ev->escalated = 0;
    ev->prec = 0;

    if (filter_predictions(P, Perr, N, S, nw) == 0)
    {
        arb_ptr B = _arb_vec_init(n);
        arb_t g, g2;
        arb_init(g);
        arb_init(g2);
        filter_balls(B, P, Perr, n);

        /* E (Prop 1) */
        loss_gap_arb(g, kind, B, S, FILTER_PREC);
        if (kind == LOSS_SQUARED)
        {
            double gap, err;
            if (loss_sq_gap_d(&gap, &err, P, Perr, S) == 0)
                ev->event = gap > err ? BC_TRUE : (gap < -err ? BC_FALSE : BC_UNDECIDED);
        }
        else
            ev->event = bc_arb_gt_zero(g);

        /* NZ: |P - exact| <= err, so |P| > err certifies a non-zero */
        for (q = 0; q < n; q++)
            if (fabs(P[q]) > Perr[q])
            {
                ev->nonzero = BC_TRUE;
                break;
            }

        /* SC: the predicate of B.2; a ball answer of TRUE is certified */
        if (loss_ray_strictly_convex(kind, B, S) == BC_TRUE)
            ev->convex = BC_TRUE;

        /* FLIP: L(P) + L(-P) - 2 L(0), the step of B.3 */
        _arb_vec_neg(B, B, n);
        loss_gap_arb(g2, kind, B, S, FILTER_PREC);
        arb_add(g, g, g2, FILTER_PREC);
        ev->flip = bc_arb_gt_zero(g);

        arb_clear(g);
        arb_clear(g2);
        _arb_vec_clear(B, n);
    }

    if (ev->event == BC_UNDECIDED || ev->nonzero == BC_UNDECIDED || ev->convex == BC_UNDECIDED ||
        ev->flip == BC_UNDECIDED)
        events_exact(ev, N, kind, S);
}
