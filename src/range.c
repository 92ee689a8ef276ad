/* range.c -- the adaptive range prover (see range.h).

   Boxes are processed depth first, left child before right child, so the
   leaves are met in increasing order of position: when a box [A, B] is
   taken, everything left of A has been settled or recorded as left.
   That ordering is what lets a monotonicity argument start from the
   right end of the previous proved box. */
#include <stdarg.h>
#include <string.h>

#include "range.h"

void
range_problem_init(range_problem_t P)
{
    memset(P, 0, sizeof(range_problem_struct));
    arb_init(P->lo);
    arb_init(P->hi);
    arb_one(P->hi);
    P->prec = 128;
    P->max_depth = 48;
    P->max_boxes = 100000;
}

void
range_problem_clear(range_problem_t P)
{
    arb_clear(P->lo);
    arb_clear(P->hi);
}

void
range_result_init(range_result_t R)
{
    slong i;
    memset(R, 0, sizeof(range_result_struct));
    R->status = BC_UNDECIDED;
    arb_init(R->cex_x);
    arb_init(R->cex_value);
    for (i = 0; i < RANGE_LEFT_MAX; i++)
    {
        arb_init(R->left_lo + i);
        arb_init(R->left_hi + i);
    }
}

void
range_result_clear(range_result_t R)
{
    slong i;
    arb_clear(R->cex_x);
    arb_clear(R->cex_value);
    for (i = 0; i < RANGE_LEFT_MAX; i++)
    {
        arb_clear(R->left_lo + i);
        arb_clear(R->left_hi + i);
    }
}

void
range_hull(arb_t res, const arb_t lo, const arb_t hi, slong prec)
{
    /* The ball [L + r +/- r] with L the lower bound of the two balls and
       2 r >= U - L, U the upper bound: its lower end is exactly L, so a
       hull whose minimum is exactly 0 stays non-negative (arb_union
       would round the lower end below 0). */
    arf_t L, U, t;
    mag_t r;

    (void) prec;
    if (!arb_is_finite(lo) || !arb_is_finite(hi))
    {
        arb_indeterminate(res);
        return;
    }
    arf_init(L);
    arf_init(U);
    arf_init(t);
    mag_init(r);
    arb_get_lbound_arf(L, lo, ARF_PREC_EXACT);
    arb_get_lbound_arf(t, hi, ARF_PREC_EXACT);
    if (arf_cmp(t, L) < 0)
        arf_set(L, t);
    arb_get_ubound_arf(U, hi, ARF_PREC_EXACT);
    arb_get_ubound_arf(t, lo, ARF_PREC_EXACT);
    if (arf_cmp(t, U) > 0)
        arf_set(U, t);
    arf_sub(t, U, L, ARF_PREC_EXACT, ARF_RND_UP);
    arf_get_mag(r, t);
    mag_mul_2exp_si(r, r, -1);
    arf_set_mag(t, r);
    arf_add(arb_midref(res), L, t, ARF_PREC_EXACT, ARF_RND_DOWN);
    mag_set(arb_radref(res), r);
    arf_clear(L);
    arf_clear(U);
    arf_clear(t);
    mag_clear(r);
}

/* ------------------------------------------------------------ stack */

typedef struct
{
    arb_struct a;
    arb_struct b;
    slong depth;
    int at_hi; /* b is the end hi of the range */
} _box;

typedef struct
{
    _box *v;
    slong n;
    slong alloc;
} _stack;

static void
_push(_stack *S, const arb_t a, const arb_t b, slong depth, int at_hi)
{
    if (S->n == S->alloc)
    {
        S->alloc = 2 * S->alloc + 16;
        S->v = flint_realloc(S->v, S->alloc * sizeof(_box));
    }
    arb_init(&S->v[S->n].a);
    arb_init(&S->v[S->n].b);
    arb_set(&S->v[S->n].a, a);
    arb_set(&S->v[S->n].b, b);
    S->v[S->n].depth = depth;
    S->v[S->n].at_hi = at_hi;
    S->n++;
}

static void
_box_clear(_box *B)
{
    arb_clear(&B->a);
    arb_clear(&B->b);
}

/* ------------------------------------------------------------ pieces */

/* h at the point ball p. */
static void
_point(arb_t res, const range_problem_t P, const arb_t p, slong par, slong prec, range_result_t R)
{
    R->nprobes++;
    P->value(res, p, p, p, par, P->ctx, prec);
}

/* h(p) < 0 at one working precision, for bc_decide_prec: BC_TRUE when
   the enclosure is negative, BC_FALSE when it is non-negative (more
   precision cannot change the sign then) */
typedef struct
{
    range_result_struct *R;
    const range_problem_struct *P;
    const arb_struct *p;
    slong par;
    arb_t v;
} cex_ctx;

static truth_t
_cex_negative(void *ctx, slong prec)
{
    cex_ctx *C = ctx;
    _point(C->v, C->P, C->p, C->par, prec, C->R);
    if (arb_is_negative(C->v))
        return BC_TRUE;
    return arb_is_nonnegative(C->v) ? BC_FALSE : BC_UNDECIDED;
}

/* Tries to verify h(p) < 0 at rising precision; on success records the
   counterexample and returns 1. */
static int
_verify_cex(range_result_t R, const range_problem_t P, const arb_t p, slong par)
{
    cex_ctx C;
    slong prec = 0;
    int ok;

    C.R = R;
    C.P = P;
    C.p = p;
    C.par = par;
    arb_init(C.v);
    ok = bc_decide_prec(&prec, _cex_negative, &C, FLINT_MAX(P->prec, 64)) == BC_TRUE;
    if (ok)
    {
        R->status = BC_FALSE;
        R->cex_par = par;
        arb_set(R->cex_x, p);
        arb_set(R->cex_value, C.v);
        R->cex_prec = prec;
    }
    arb_clear(C.v);
    return ok;
}

/* The exact midpoint of the midpoints of a and b, if it lies strictly
   inside the true box (so it is a point of [lo, hi]); returns 0 if the
   box is too narrow for that. */
static int
_midpoint(arb_t m, const arb_t a, const arb_t b)
{
    arf_t t;
    arf_init(t);
    arf_add(t, arb_midref(a), arb_midref(b), ARF_PREC_EXACT, ARF_RND_DOWN);
    arf_mul_2exp_si(t, t, -1);
    arb_set_arf(m, t);
    arf_clear(t);
    return arb_lt(a, m) && arb_lt(m, b);
}

static void
_record_left(range_result_t R, const arb_t a, const arb_t b, slong par)
{
    if (R->nstored < RANGE_LEFT_MAX)
    {
        arb_set(R->left_lo + R->nstored, a);
        arb_set(R->left_hi + R->nstored, b);
        R->left_par[R->nstored] = par;
        R->nstored++;
    }
    R->nleft++;
}

/* A touch assertion h(e) = 0 at an end e of the range is used only if
   the point enclosure there does not contradict it; a negative
   enclosure is itself a counterexample.  Sets *known if h(e) >= 0 may be
   used; returns BC_FALSE on a verified counterexample, else BC_TRUE.  v
   is scratch. */
static truth_t
_touch(int *known, range_result_t R, const range_problem_t P, const arb_t e, slong par, arb_t v)
{
    _point(v, P, e, par, P->prec, R);
    if (arb_contains_zero(v))
        *known = 1;
    else if (arb_is_positive(v))
    {
        R->touch_contradicted = 1;
        *known = 1;
    }
    else
    {
        R->touch_contradicted = 1;
        if (_verify_cex(R, P, e, par))
            return BC_FALSE;
    }
    return BC_TRUE;
}

/* The monotone test of a box [A, B] whose enclosure x did not decide:
   with h' >= 0 on it, h >= h(A) >= 0 (known from the box to its left, or
   from a point enclosure, which then updates *left_known); with h' <= 0,
   h >= h(B) >= 0 (known at the end hi, or from a point enclosure).
   Returns 1 if proved, with *how saying which; v (h at the point) and dv
   (h' on the box) are left for the record. */
static int
_monotone(int *how, int *left_known, range_result_t R, const range_problem_t P, const arb_t x, const _box *B,
          int hi_known, slong par, slong prec, arb_t v, arb_t dv)
{
    int proved = 0;
    P->deriv(dv, x, &B->a, &B->b, par, P->ctx, prec);
    if (arb_is_nonnegative(dv))
    {
        /* h increasing on [A, B]: h >= h(A) >= 0 */
        if (!*left_known)
        {
            _point(v, P, &B->a, par, prec, R);
            *left_known = arb_is_nonnegative(v);
        }
        proved = *left_known;
        *how = RANGE_BY_INCREASING;
    }
    else if (arb_is_nonpositive(dv))
    {
        /* h decreasing on [A, B]: h >= h(B) >= 0 */
        int known = B->at_hi && hi_known;
        if (!known)
        {
            _point(v, P, &B->b, par, prec, R);
            known = arb_is_nonnegative(v);
        }
        proved = known;
        *how = RANGE_BY_DECREASING;
    }
    if (proved)
        R->nproved_monotone++;
    return proved;
}

/* One parameter value.  Returns BC_TRUE, BC_FALSE (R has the
   counterexample) or BC_UNDECIDED (R has the boxes left). */
static truth_t
_prove_par(range_result_t R, const range_problem_t P, slong par)
{
    _stack S = {NULL, 0, 0};
    arb_t x, v, dv, m;
    slong nbox = 0;
    int left_known = 0; /* h(A) >= 0 is known for the next box [A, B] */
    int hi_known = 0;   /* h(hi) >= 0 is known */
    truth_t st = BC_TRUE;

    arb_init(x);
    arb_init(v);
    arb_init(dv);
    arb_init(m);

    if (P->touch_lo)
        st = _touch(&left_known, R, P, P->lo, par, v);
    if (st == BC_TRUE && P->touch_hi)
        st = _touch(&hi_known, R, P, P->hi, par, v);
    if (st == BC_FALSE)
        goto done;

    _push(&S, P->lo, P->hi, 0, 1);
    while (S.n > 0)
    {
        _box B = S.v[--S.n];
        slong prec = P->prec + B.depth;
        int proved = 0, how = RANGE_BY_ENCLOSURE;

        if (nbox >= P->max_boxes)
        {
            /* budget spent: this box and every box still stacked are left */
            _record_left(R, &B.a, &B.b, par);
            _box_clear(&B);
            st = BC_UNDECIDED;
            continue;
        }
        nbox++;
        R->nboxes++;
        if (B.depth > R->depth)
            R->depth = B.depth;

        arb_union(x, &B.a, &B.b, prec);
        P->value(v, x, &B.a, &B.b, par, P->ctx, prec);

        if (arb_is_nonnegative(v))
        {
            proved = 1;
            R->nproved_enclosure++;
        }
        else if (arb_is_negative(v) && _midpoint(m, &B.a, &B.b) && _verify_cex(R, P, m, par))
        {
            st = BC_FALSE;
            _box_clear(&B);
            break;
        }
        else if (P->deriv != NULL)
            proved = _monotone(&how, &left_known, R, P, x, &B, hi_known, par, prec, v, dv);

        if (proved && P->record != NULL)
            P->record(P->record_ctx, par, &B.a, &B.b, how, how == RANGE_BY_ENCLOSURE ? v : dv);
        if (proved)
        {
            /* h >= 0 on the closed box, so at B, the next box's left end */
            left_known = 1;
        }
        else
        {
            int wide = _midpoint(m, &B.a, &B.b);
            if (wide)
            {
                /* probe the midpoint: a counterexample ends the search */
                _point(v, P, m, par, prec, R);
                if (arb_is_negative(v) && _verify_cex(R, P, m, par))
                {
                    st = BC_FALSE;
                    _box_clear(&B);
                    break;
                }
            }
            if (wide && B.depth < P->max_depth)
            {
                _push(&S, m, &B.b, B.depth + 1, B.at_hi);
                _push(&S, &B.a, m, B.depth + 1, 0);
            }
            else
            {
                _record_left(R, &B.a, &B.b, par);
                st = BC_UNDECIDED;
                left_known = 0;
            }
        }
        _box_clear(&B);
    }

done:
    while (S.n > 0)
        _box_clear(&S.v[--S.n]);
    flint_free(S.v);
    arb_clear(x);
    arb_clear(v);
    arb_clear(dv);
    arb_clear(m);
    return st;
}

truth_t
range_prove(range_result_t R, const range_problem_t P)
{
    slong par;
    double t0 = bc_seconds();
    truth_t st = BC_TRUE;

    range_result_clear(R);
    range_result_init(R);
    if (P->value == NULL || P->par_lo > P->par_hi || !arb_lt(P->lo, P->hi))
    {
        flint_printf("range_prove: invalid problem\n");
        flint_abort();
    }
    for (par = P->par_lo; par <= P->par_hi; par++)
    {
        truth_t t = _prove_par(R, P, par);
        R->nparams++;
        if (t == BC_FALSE)
        {
            st = BC_FALSE;
            break;
        }
        if (t == BC_UNDECIDED)
            st = BC_UNDECIDED;
    }
    R->status = st;
    R->seconds = bc_seconds() - t0;
    return st;
}

char *
range_result_str(const range_result_t R, const range_problem_t P)
{
    char *s, *a, *b;
    char pars[96];

    if (P->par_lo == P->par_hi)
        snprintf(pars, sizeof pars, "parameter %ld", (long) P->par_lo);
    else
        snprintf(pars, sizeof pars, "parameters %ld..%ld", (long) P->par_lo, (long) P->par_hi);

    if (R->status == BC_TRUE)
        return bc_aprintf("holds: %ld boxes (%ld by enclosure, %ld by monotonicity), depth %ld, %s",
                          (long) R->nboxes, (long) R->nproved_enclosure, (long) R->nproved_monotone,
                          (long) R->depth, pars);
    if (R->status == BC_FALSE)
    {
        a = bc_arb_str(R->cex_x, 25);
        b = bc_arb_bound_str(R->cex_value, +1, 10);
        s = bc_aprintf("fails: counterexample at parameter %ld, x = %s (exact dyadic), h(x) <= %s < 0 "
                       "(verified at %ld bits) after %ld boxes",
                       (long) R->cex_par, a, b, (long) R->cex_prec, (long) R->nboxes);
        flint_free(a);
        flint_free(b);
        return s;
    }
    if (R->nstored > 0)
    {
        a = bc_arb_bound_str(R->left_lo + 0, -1, 12);
        b = bc_arb_bound_str(R->left_hi + 0, +1, 12);
        s = bc_aprintf("undecided: %ld boxes left after %ld boxes (first: parameter %ld, [%s, %s]), %s",
                       (long) R->nleft, (long) R->nboxes, (long) R->left_par[0], a, b, pars);
        flint_free(a);
        flint_free(b);
        return s;
    }
    return bc_aprintf("undecided: %ld boxes left after %ld boxes, %s", (long) R->nleft, (long) R->nboxes,
                      pars);
}
