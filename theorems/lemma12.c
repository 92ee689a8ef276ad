/* lemma12.c -- the module of Lemmas 1 and 2 (Sec. 4, App. A): every cell
   of the basin partition is a basin, and a sub-network never has a lower
   basin value.

   Every decision is exact over Q (or, for basin values the engine only
   encloses, by the certified bounds); doubles appear only in the
   projected-gradient descent, whose end points are certified exactly
   (lemma12_kkt.c).  Once the variables z_j = v_j w_j are taken (Lemma 3)
   most of Lemma 1 is an identity, so most of its checks replay the
   proof's steps and are sanity checks; what can fail is decided by the
   same code as its negative control, which changes the claim to a false
   one known beforehand.  The statements are in lemma12.tex. */
#include <string.h>

#include <flint/fmpq_vec.h>

#include "ldl.h"
#include "cert.h"
#include "lemma12.h"
#include "shallow.h"

/* grid of each piece of the App. A.1 path */
#define PATH_GRID 8
/* descent budget and its first chunk (then doubled) */
#define DESCENT_MAXIT 20000
#define DESCENT_FIRST 25
/* points per cell of the change of variables: the network and two rescalings */
#define REPARAM_POINTS 3

/* clang-format off */
static const check_spec lemma12_specs[] = {
    /* id, kind, expected, control, summary, strength, file, claim, reconstructed, user */
    {"lemma1.convex.hessian", CHECK_EXACT, ST_HOLDS, 0,
     "the Hessian in z of the network's loss on a cell, built from the loss, is PSD: exact LDL^T (Lemma 3)",
     STRENGTH_DECIDES, "lemma12.c", "Lemma 1", 0, 0},
    {"lemma1.convex.quadratic", CHECK_EXACT, ST_HOLDS, 0,
     "the engine's objective equals its Taylor form with that Hessian (sanity: an identity of the "
     "quadratic, a second computation of it)",
     STRENGTH_SANITY, "lemma12.c", "Lemma 1", 0, 0},
    {"lemma1.convex.reparam", CHECK_EXACT, ST_HOLDS, 0,
     "network loss at (W, v) in the cell equals the objective at z_j = v_j w_j (sanity: positive "
     "homogeneity, two computations of one value)",
     STRENGTH_SANITY, "lemma12.c", "Lemma 1", 0, 0},
    {"lemma1.sublevel.rescale", CHECK_EXACT, ST_HOLDS, 0,
     "Lemma 4's rescaling stays in the closed cell at constant loss and ends at |v| = 1 (sanity: by "
     "construction, alpha_j > 0 keeps every sign and v_j w_j)",
     STRENGTH_SANITY, "lemma12.c", "Lemma 1", 0, 0},
    {"lemma1.sublevel.segment", CHECK_EXACT, ST_HOLDS, 0,
     "the proof's segment with v = b stays in the cell below the level (sanity: the cell is convex, the "
     "loss on it a convex quadratic, the level the larger end value)",
     STRENGTH_SANITY, "lemma12.c", "Lemma 1", 0, 0},
    {"lemma1.localmin.descent", CHECK_EXACT, ST_HOLDS, 0,
     "descents end at exact KKT points whose value is the engine's Bas (sanity: two computations of the "
     "minimum of a convex programme)",
     STRENGTH_SANITY, "lemma12.c", "Lemma 1", 0, 0},
    {"lemma1.localmin.attained", CHECK_EXACT, ST_HOLDS, 0,
     "the engine's minimiser (b z*, b) lies in the closed cell with network loss Bas (sanity: the "
     "engine's certificate evaluated again)",
     STRENGTH_SANITY, "lemma12.c", "Lemma 1", 0, 0},
    {"lemma2.monotone", CHECK_EXACT, ST_HOLDS, 0,
     "Bas(W, v) <= Bas(w_I, v_I) for random subsets I and a pair known beforehand, decided exactly or by "
     "certified bounds",
     STRENGTH_DECIDES, "lemma12.c", "Lemma 2", 0, 0},
    {"lemma2.witness", CHECK_EXACT, ST_HOLDS, 0,
     "sub-optimum padded with zeros lies in the closed full cell with the same objective (sanity: zero "
     "rows meet every constraint with equality and add nothing)",
     STRENGTH_SANITY, "lemma12.c", "Lemma 2", 0, 0},
    {"lemma1.control.union", CHECK_EXACT, ST_FAILS, 1,
     "control: the union of two adjacent cells claimed convex; the Hessian construction across the face "
     "is negative (known slope jump)",
     STRENGTH_DECIDES, "lemma12.c", "Lemma 1", 0, 0},
    {"lemma1.control.wv_hessian", CHECK_EXACT, ST_FAILS, 1,
     "control: the loss on a cell claimed convex in the original (W, v); the same construction and LDL^T "
     "find it indefinite",
     STRENGTH_DECIDES, "lemma12.c", "Lemma 1", 0, 0},
    {"lemma2.control.boundary", CHECK_EXACT, ST_INAPPLICABLE, 1,
     "control: Lemma 2 at points planted on a basin boundary; hypothesis 'interior' decided false",
     STRENGTH_DECIDES, "lemma12.c", "Lemma 2", 0, 0},
    {"lemma2.control.reversed", CHECK_EXACT, ST_FAILS, 1,
     "control: the reversed inequality Bas(w_I, v_I) <= Bas(W, v), refuted (a pair known beforehand "
     "among them)",
     STRENGTH_DECIDES, "lemma12.c", "Lemma 2", 0, 0},
};

/* Each mutant is applied where the module defines what it changes: the
   variables of Lemma 3 (claim_vars, control_vars), the order of Lemma 2
   (lemma2_order), the union control's centre (crossing_decide) and the
   boundary control's planting (boundary_run). */
static const mutant_spec lemma12_mutants[] = {
    {"lemma12.mutant.wv",
     "Lemma 3's variables z_j = v_j w_j replaced by the original (W, v): the loss on a cell is not convex "
     "in them (it is constant along (e^s w_j, e^-s v_j), so the Hessian's form on the tangent "
     "(w_j, -v_j) is -2 v_j dL/dv_j, negative at a neuron with v_j dL/dv_j > 0)",
     "lemma1.convex.hessian"},
    {"lemma12.mutant.ctl_z",
     "the (W, v) control's Hessian taken in Lemma 3's variables z_j = v_j w_j: its claim is then Lemma 3, "
     "true, and the control must hold",
     "lemma1.control.wv_hessian"},
    {"lemma12.mutant.ctl_one_cell",
     "the union control's three points moved into one cell (W-, the midpoint of W- and W', and W'): the "
     "segment no longer crosses the face, the loss on it is one convex quadratic, and the control must hold",
     "lemma1.control.union"},
    {"lemma12.mutant.reversed",
     "Lemma 2's inequality reversed, Bas(w_I, v_I) <= Bas(W, v): false, e.g. on X = I_2, y = (1, 2), "
     "w_1 = (1, -1), w_2 = (-1, 1), v = (1, 1), I = {1}, where Bas(W, v) = 0 < 2 = Bas(w_I, v_I)",
     "lemma2.monotone"},
    {"lemma12.mutant.ctl_unreversed",
     "the reversed control's inequality turned back to Lemma 2's: the control must hold",
     "lemma2.control.reversed"},
    {"lemma12.mutant.ctl_interior",
     "the boundary control's points left where they were drawn, interior to their cells: the hypothesis "
     "holds and the control must hold",
     "lemma2.control.boundary"},
};
/* clang-format on */

#define LEMMA12_NSPECS ((slong) (sizeof(lemma12_specs) / sizeof(lemma12_specs[0])))
#define LEMMA12_NMUTANTS ((slong) (sizeof(lemma12_mutants) / sizeof(lemma12_mutants[0])))

/* ------------------------------------------------ sizes and counts */

/* per size (quick, default, full): cells of Lemma 1 and networks of
   Lemma 2, Taylor pairs per cell, descent starts per cell, subsets per
   network, instances of the controls */
static const slong size_cells[3] = {40, 400, 3000};
static const slong size_taylor[3] = {2, 3, 4};
static const slong size_starts[3] = {3, 3, 4};
static const slong size_subsets[3] = {2, 3, 4};
static const slong size_controls[3] = {10, 40, 200};

typedef struct
{
    slong cells, taylor, starts, nets, subsets, controls;
} counts_t;

static void
counts_set(counts_t *z, const run_t R)
{
    z->cells = z->nets = run_size_pick(R, size_cells);
    z->taylor = run_size_pick(R, size_taylor);
    z->starts = run_size_pick(R, size_starts);
    z->subsets = run_size_pick(R, size_subsets);
    z->controls = run_size_pick(R, size_controls);
    /* --samples K: K cells and K networks (no statistical test here) */
    if (R->opts->samples > 0)
        z->cells = z->nets = R->opts->samples;
}

/* The family of Lemma 1 cell k and of Lemma 2 network k (no intervals:
   Lemma 2 compares two values and needs them sharp). */
static int
kind_lemma1(slong k)
{
    slong c = k % 10;
    return c < 5 ? LEMMA12_SMALL : (c < 7 ? LEMMA12_DECIMAL : (c < 9 ? LEMMA12_LARGE : LEMMA12_INTERVAL));
}

static int
kind_lemma2(slong k)
{
    slong c = k % 10;
    return c < 6 ? LEMMA12_SMALL : (c < 8 ? LEMMA12_DECIMAL : LEMMA12_LARGE);
}

/* ------------------------------------------ a claim over many items */

/* The counts behind check_count, and the first item that did not hold. */
typedef struct
{
    slong items, bad, undecided;
    char *first; /* the first refuted item, else the first undecided one (flint_free) */
} tally_t;

static void
tally_init(tally_t *T)
{
    T->items = T->bad = T->undecided = 0;
    T->first = NULL;
}

/* Starts record c for check id and its tally T. */
static void
tally_start(run_t R, check_t c, tally_t *T, const char *id)
{
    run_check(R, c, id);
    tally_init(T);
}

/* Counts one item decided t.  Returns 1 when the caller is to describe
   it in T->first (bc_aprintf): the first refuted item, or the first
   undecided one while none is refuted. */
static int
tally_add(tally_t *T, truth_t t)
{
    T->items++;
    if (t == BC_TRUE)
        return 0;
    if (t == BC_FALSE)
    {
        if (T->bad++ > 0)
            return 0;
        if (T->first != NULL)
            flint_free(T->first);
        T->first = NULL;
        return 1;
    }
    T->undecided++;
    return T->bad == 0 && T->first == NULL;
}

/* Sets c's verdict from T (check_count; no item at all is undecided), its
   counts as fields (the items called noun), its witness (the seed, the
   streams, and the first refuted item), pushes c and frees T. */
static void
tally_push(run_t R, check_t c, tally_t *T, const char *noun, const char *streams)
{
    check_field_add(c, noun, "%ld", (long) T->items);
    check_field_add(c, "refuted", "%ld", (long) T->bad);
    check_field_add(c, "undecided", "%ld", (long) T->undecided);
    if (T->bad > 0)
        check_set_witness(c, "seed %llu, %s; first refuted: %s", (unsigned long long) R->opts->seed, streams,
                          T->first);
    else
    {
        if (T->first != NULL)
            check_field_add(c, "first undecided", "%s", T->first);
        check_set_witness(c, "seed %llu, %s", (unsigned long long) R->opts->seed, streams);
    }
    check_count(c, T->bad, T->items == 0 ? 1 : T->undecided);
    run_push(R, c);
    if (T->first != NULL)
        flint_free(T->first);
    T->first = NULL;
}

/* the cell's sizes, for descriptions */
#define CELL_FMT "cell %ld (n = %ld, d = %ld, m = %ld)"
#define CELL_ARGS(k, I) (long) (k), (long) (I)->n, (long) (I)->d, (long) (I)->m

/* ------------------------------------ Lemma 1: convexity (Lemma 3) */

/* The variables in which Lemma 3 claims the loss convex on a cell,
   z_j = v_j w_j; the mutant takes the original (W, v), in which it is
   not. */
static int
claim_vars(const run_t R)
{
    return run_mutant(R, "lemma12.mutant.wv") ? LEMMA12_VARS_WV : LEMMA12_VARS_Z;
}

/* The variables of the (W, v) control: the original ones; the mutant
   takes Lemma 3's, which makes the control's claim true. */
static int
control_vars(const run_t R)
{
    return run_mutant(R, "lemma12.mutant.ctl_z") ? LEMMA12_VARS_Z : LEMMA12_VARS_WV;
}

/* theta = the cell's own point in the variables vars */
static void
inst_theta(fmpq *theta, const lemma12_inst_struct *I, int vars)
{
    slong j, i;
    if (vars == LEMMA12_VARS_Z)
    {
        shallow_z_of(theta, I->W, I->v);
        return;
    }
    for (j = 0; j < I->n; j++)
    {
        for (i = 0; i < I->d; i++)
            fmpq_set(theta + j * I->d + i, fmpq_mat_entry(I->W, j, i));
        fmpq_set(theta + I->n * I->d + j, I->v + j);
    }
}

/* 1 when some neuron j has v_j dL/dv_j > 0 at the cell's point,
   dL/dv_j = (2/m) sum_t r_t [<w_j, x_t>]_+: the loss is constant along
   (e^s w_j, e^-s v_j), so the Hessian's form in (W, v) on the tangent
   (w_j, -v_j) is -2 v_j dL/dv_j < 0, and the Hessian is indefinite -
   known before any factorisation. */
static int
rescaling_negative(const lemma12_inst_struct *I)
{
    slong j, t, found = 0;
    fmpq *r = _fmpq_vec_init(I->m);
    fmpq_t s, g;
    fmpq_init(s);
    fmpq_init(g);
    shallow_net_predict(r, I->X, I->W, I->v);
    for (t = 0; t < I->m; t++)
        fmpq_sub(r + t, r + t, I->y + t);
    for (j = 0; j < I->n && !found; j++)
    {
        fmpq_zero(g);
        for (t = 0; t < I->m; t++)
        {
            _fmpq_vec_dot(s, fmpq_mat_entry(I->W, j, 0), fmpq_mat_entry(I->X, t, 0), I->d);
            if (fmpq_sgn(s) > 0)
                fmpq_addmul(g, r + t, s);
        }
        found = fmpq_sgn(g) * fmpq_sgn(I->v + j) > 0;
    }
    _fmpq_vec_clear(r, I->m);
    fmpq_clear(s);
    fmpq_clear(g);
    return found;
}

/* H = the Hessian of the network's loss at the cell's point in the
   variables vars, built from the loss (lemma12_loss_hessian at the step of
   lemma12_diff_step); returns BC_TRUE when it equals the closed form
   ((2/m) M^T M in z, shallow_hessian_wv in (W, v)), else BC_UNDECIDED
   (no step in the open cell, or the two differ: the construction is then
   in doubt).  *hexp: the exponent of the step. */
static truth_t
cell_hessian(fmpq_mat_t H, slong *hexp, const lemma12_inst_struct *I, int vars)
{
    slong p = lemma12_nvars(I->B, vars);
    fmpq *theta = _fmpq_vec_init(p);
    fmpq_mat_t HC;
    fmpq_t h;
    truth_t t = BC_UNDECIDED;
    fmpq_mat_init(HC, 0, 0);
    fmpq_init(h);
    inst_theta(theta, I, vars);
    *hexp = 0;
    if (lemma12_diff_step(h, I->B, vars, theta))
    {
        *hexp = (slong) fmpz_bits(fmpq_denref(h)) - 1;
        lemma12_loss_hessian(H, I->B, vars, theta, NULL, p, h);
        if (vars == LEMMA12_VARS_Z)
            shallow_hessian(HC, I->B);
        else
            shallow_hessian_wv(HC, I->B, I->W, I->v);
        t = fmpq_mat_equal(H, HC) ? BC_TRUE : BC_UNDECIDED;
    }
    _fmpq_vec_clear(theta, p);
    fmpq_mat_clear(HC);
    fmpq_clear(h);
    return t;
}

/* what cell k's decision t says, for the first refuted or undecided cell */
static char *
hessian_describe(slong k, const lemma12_inst_struct *I, const ldl_t F, truth_t t, int built, int known)
{
    if (t == BC_FALSE)
        return bc_aprintf(CELL_FMT ": %s at elimination step %ld, entry (%ld, %ld) = %.6g", CELL_ARGS(k, I),
                          F->reason == LDL_NEG_DIAG ? "negative Schur diagonal"
                                                    : "zero pivot, non-zero entry",
                          (long) F->step, (long) F->i, (long) F->j, fmpq_get_d(F->bad));
    if (!built)
        return bc_aprintf(CELL_FMT
                          ": no step in the open cell, or the differences differ from the closed form",
                          CELL_ARGS(k, I));
    return bc_aprintf(CELL_FMT ": PSD%s", CELL_ARGS(k, I),
                      known ? " although a neuron has v_j dL/dv_j > 0 (contradicts an identity)" : "");
}

/* Convexity on every cell in the variables vars: the Hessian of the loss
   built from the loss, PSD by exact LDL^T.  The claim (z) and the (W, v)
   control are this one decision in two sets of variables. */
static void
check_hessian(run_t R, const char *id, const lemma12_inst_struct *I, slong N, int vars)
{
    check_t c;
    tally_t T;
    slong k, e, hmax = 0, built = 0, psd = 0, rankdef = 0, known = 0;
    double minpiv = -1.0;

    tally_start(R, c, &T, id);
    for (k = 0; k < N; k++)
    {
        fmpq_mat_t H;
        ldl_t F;
        int neg = vars == LEMMA12_VARS_WV && rescaling_negative(I + k), ok;
        truth_t t;
        fmpq_mat_init(H, 0, 0);
        ldl_init(F);
        known += neg;
        t = cell_hessian(H, &e, I + k, vars);
        ok = t == BC_TRUE;
        built += ok;
        hmax = FLINT_MAX(hmax, e);
        if (ok)
            t = ldl_psd(F, H) ? (neg ? BC_UNDECIDED : BC_TRUE) : BC_FALSE;
        /* the certificate: the Hessian (built from the loss, equal to its
           closed form) and its LDL^T, or a direction of negative curvature */
        if (t != BC_UNDECIDED)
        {
            char *lab = bc_aprintf(CELL_FMT, CELL_ARGS(k, I + k));
            cert_psd(c, lab, H, 0);
            flint_free(lab);
        }
        if (t == BC_TRUE)
        {
            psd++;
            rankdef += F->rank < fmpq_mat_nrows(H);
            if (F->rank > 0 && (minpiv < 0.0 || fmpq_get_d(F->minpiv) < minpiv))
                minpiv = fmpq_get_d(F->minpiv);
        }
        if (tally_add(&T, t))
            T.first = hessian_describe(k, I + k, F, t, ok, neg);
        fmpq_mat_clear(H);
        ldl_clear(F);
    }
    check_field_add(c, "variables", "%s", vars == LEMMA12_VARS_Z ? "z_j = v_j w_j" : "(W, v)");
    check_field_add(c, "Hessian from the loss = closed form (exact)", "%ld", (long) built);
    check_field_add(c, "smallest step h", "2^-%ld", (long) hmax);
    check_field_add(c, "PSD (exact)", "%ld", (long) psd);
    check_field_add(c, "rank-deficient (zero pivots met)", "%ld", (long) rankdef);
    if (minpiv >= 0.0)
        check_field_add(c, "smallest positive pivot", "%.6g", minpiv);
    if (vars == LEMMA12_VARS_WV)
        check_field_add(c, "indefinite known beforehand (a neuron with v_j dL/dv_j > 0)", "%ld",
                        (long) known);
    tally_push(R, c, &T, "cells", "cells from stream lemma12/basin");
}

/* p = M z for the design M (m x n d) */
static void
design_apply(fmpq *p, const fmpq_mat_t M, const fmpq *z)
{
    slong t;
    for (t = 0; t < fmpq_mat_nrows(M); t++)
        _fmpq_vec_dot(p + t, fmpq_mat_entry(M, t, 0), z, fmpq_mat_ncols(M));
}

/* The Taylor identity of the engine's objective f at (z, u), with the
   design M and the closed-form Hessian H of the cell B:
   f(z + u) = f(z) + (2/m)(M z - y).(M u) + u^T H u / 2, and
   u^T H u = (2/m) |M u|^2, exactly. */
static truth_t
taylor_pair(const basin_t B, const fmpq_mat_t M, const fmpq_mat_t H, const fmpq *z, const fmpq *u)
{
    slong nd = B->n * B->d, m = B->m, t, i;
    fmpq *zu = _fmpq_vec_init(nd), *a = _fmpq_vec_init(m), *b = _fmpq_vec_init(m), *Hu = _fmpq_vec_init(nd);
    fmpq_t f0, f1, g, q, q2, two_m;
    truth_t res;
    fmpq_init(f0);
    fmpq_init(f1);
    fmpq_init(g);
    fmpq_init(q);
    fmpq_init(q2);
    fmpq_init(two_m);
    for (i = 0; i < nd; i++)
        fmpq_add(zu + i, z + i, u + i);
    basin_objective(f0, B, z);
    basin_objective(f1, B, zu);
    design_apply(a, M, z);
    design_apply(b, M, u);
    for (t = 0; t < m; t++)
        fmpq_sub(a + t, a + t, B->y + t);
    /* g = (2/m) a.b, q = u^T H u, q2 = (2/m) |b|^2 */
    _fmpq_vec_dot(g, a, b, m);
    _fmpq_vec_dot(q2, b, b, m);
    fmpq_set_si(two_m, 2, m);
    fmpq_mul(g, g, two_m);
    fmpq_mul(q2, q2, two_m);
    design_apply(Hu, H, u);
    _fmpq_vec_dot(q, u, Hu, nd);
    fmpq_add(f0, f0, g);
    fmpq_div_2exp(g, q, 1);
    fmpq_add(f0, f0, g);
    res = fmpq_equal(f0, f1) && fmpq_equal(q, q2) ? BC_TRUE : BC_FALSE;
    _fmpq_vec_clear(zu, nd);
    _fmpq_vec_clear(a, m);
    _fmpq_vec_clear(b, m);
    _fmpq_vec_clear(Hu, nd);
    fmpq_clear(f0);
    fmpq_clear(f1);
    fmpq_clear(g);
    fmpq_clear(q);
    fmpq_clear(q2);
    fmpq_clear(two_m);
    return res;
}

static void
check_taylor(run_t R, const lemma12_inst_struct *I, slong N, slong pairs)
{
    check_t c;
    tally_t T;
    slong k, q, i;

    tally_start(R, c, &T, "lemma1.convex.quadratic");
    for (k = 0; k < N; k++)
    {
        const basin_struct *B = I[k].B;
        slong nd = B->n * B->d;
        fmpq *z = _fmpq_vec_init(nd), *u = _fmpq_vec_init(nd);
        fmpq_mat_t M, H;
        rng_t r;
        fmpq_mat_init(M, 0, 0);
        fmpq_mat_init(H, 0, 0);
        shallow_design(M, B);
        shallow_hessian(H, B);
        rng_init(r, R->opts->seed, rng_stream_id("lemma12/taylor"), (ulong) k);
        for (q = 0; q < pairs; q++)
        {
            for (i = 0; i < nd; i++)
            {
                lemma12_dyadic_draw(z + i, r);
                lemma12_dyadic_draw(u + i, r);
            }
            if (tally_add(&T, taylor_pair(B, M, H, z, u)))
                T.first = bc_aprintf(CELL_FMT ", pair %ld", CELL_ARGS(k, I + k), (long) q);
        }
        _fmpq_vec_clear(z, nd);
        _fmpq_vec_clear(u, nd);
        fmpq_mat_clear(M);
        fmpq_mat_clear(H);
        rng_clear(r);
    }
    check_field_add(c, "cells", "%ld", (long) N);
    tally_push(R, c, &T, "pairs (z, u)", "stream lemma12/taylor, index = cell index");
}

/* Lemma 3's change of variables at (W, v) and at per-neuron positive
   rescalings of it (which keep the cell): the network's loss with its
   ReLUs equals f(z), z_j = v_j w_j, and the point is in the closed cell. */
static void
check_reparam(run_t R, const lemma12_inst_struct *I, slong N)
{
    check_t c;
    tally_t T;
    slong k, q, j, i;

    tally_start(R, c, &T, "lemma1.convex.reparam");
    for (k = 0; k < N; k++)
    {
        const basin_struct *B = I[k].B;
        rng_t r;
        fmpq_mat_t W2;
        fmpq *v2 = _fmpq_vec_init(B->n), *z = _fmpq_vec_init(B->n * B->d);
        fmpq_t a, Ln, Lz;
        fmpq_init(a);
        fmpq_init(Ln);
        fmpq_init(Lz);
        fmpq_mat_init(W2, B->n, B->d);
        rng_init(r, R->opts->seed, rng_stream_id("lemma12/reparam"), (ulong) k);
        for (q = 0; q < REPARAM_POINTS; q++)
        {
            for (j = 0; j < B->n; j++)
            {
                /* a = (1 + u) / 2^s, u in 0..7, s in 0..3 (q = 0: a = 1) */
                fmpq_set_si(a, q == 0 ? 1 : 1 + (slong) rng_below(r, 8),
                            (ulong) 1 << (q == 0 ? 0 : rng_below(r, 4)));
                for (i = 0; i < B->d; i++)
                    fmpq_mul(fmpq_mat_entry(W2, j, i), fmpq_mat_entry(I[k].W, j, i), a);
                fmpq_set_si(a, q == 0 ? 1 : 1 + (slong) rng_below(r, 8), 4);
                fmpq_mul(v2 + j, I[k].v + j, a);
            }
            shallow_net_loss(Ln, B->X, B->y, W2, v2);
            shallow_z_of(z, W2, v2);
            basin_objective(Lz, B, z);
            if (tally_add(&T, fmpq_equal(Ln, Lz) && shallow_in_closed_cell(B, W2, v2) ? BC_TRUE : BC_FALSE))
                T.first = bc_aprintf(CELL_FMT ", point %ld", CELL_ARGS(k, I + k), (long) q);
        }
        fmpq_mat_clear(W2);
        _fmpq_vec_clear(v2, B->n);
        _fmpq_vec_clear(z, B->n * B->d);
        fmpq_clear(a);
        fmpq_clear(Ln);
        fmpq_clear(Lz);
        rng_clear(r);
    }
    check_field_add(c, "cells", "%ld", (long) N);
    tally_push(R, c, &T, "points", "stream lemma12/reparam, index = cell index");
}

/* -------------------------------------- Lemma 1: connected sublevels */

/* (W, v) with z_j = v_j w_j for a given z: v_j = b_j q_j / 4, q_j in
   1..12, w_j = z_j / v_j */
static void
point_of_z(fmpq_mat_t W, fmpq *v, const basin_t B, const fmpq *z, rng_t r)
{
    slong j, i;
    for (j = 0; j < B->n; j++)
    {
        fmpq_set_si(v + j, B->b[j] * (1 + (slong) rng_below(r, 12)), 4);
        for (i = 0; i < B->d; i++)
            fmpq_div(fmpq_mat_entry(W, j, i), z + j * B->d + i, v + j);
    }
}

/* a second strictly interior z: per-neuron positive scaling of z0 plus a
   dyadic perturbation, halved until strictly interior (none in the end) */
static void
other_interior(fmpq *z2, const basin_t B, const fmpq *z0, rng_t r)
{
    slong nd = B->n * B->d, i, j, tries;
    fmpq *p = _fmpq_vec_init(nd), *w = _fmpq_vec_init(nd);
    fmpq_t s;
    fmpq_init(s);
    for (i = 0; i < nd; i++)
        lemma12_dyadic_draw(p + i, r);
    for (j = 0; j < B->n; j++)
    {
        fmpq_set_si(s, 1 + (slong) rng_below(r, 8), 4);
        for (i = 0; i < B->d; i++)
            fmpq_mul(z2 + j * B->d + i, z0 + j * B->d + i, s);
    }
    for (tries = 0; tries < 40; tries++)
    {
        for (i = 0; i < nd; i++)
            fmpq_add(w + i, z2 + i, p + i);
        /* strictly inside: the step of the Hessian exists */
        if (lemma12_diff_step(s, B, LEMMA12_VARS_Z, w))
        {
            for (i = 0; i < nd; i++)
                fmpq_set(z2 + i, w + i);
            break;
        }
        for (i = 0; i < nd; i++)
            fmpq_div_2exp(p + i, p + i, 1);
    }
    _fmpq_vec_clear(p, nd);
    _fmpq_vec_clear(w, nd);
    fmpq_clear(s);
}

/* the two records of the path of App. A.1 */
typedef struct
{
    tally_t rescale, segment;
    slong points, flat;
    fmpq_t margin; /* the smallest alpha - max over the path */
} sublevel_t;

/* The path between the cell's network and a second point of its closed
   cell (pair 0: the certified minimiser, often on the boundary; pair 1:
   another interior point), at the tightest level holding both. */
static void
sublevel_pair(sublevel_t *S, const lemma12_inst_struct *I, slong k, slong pair, rng_t r)
{
    const basin_struct *B = I->B;
    slong nd = B->n * B->d;
    fmpq *z0 = _fmpq_vec_init(nd), *z2 = _fmpq_vec_init(nd), *v2 = _fmpq_vec_init(B->n);
    fmpq_mat_t W2;
    fmpq_t f1, f2;
    lemma12_path_t P;

    fmpq_mat_init(W2, B->n, B->d);
    fmpq_init(f1);
    fmpq_init(f2);
    lemma12_path_init(P);
    if (pair == 0)
        point_of_z(W2, v2, B, I->R->z, r);
    else
    {
        shallow_z_of(z0, I->W, I->v);
        other_interior(z2, B, z0, r);
        point_of_z(W2, v2, B, z2, r);
    }
    shallow_net_loss(f1, B->X, B->y, I->W, I->v);
    shallow_net_loss(f2, B->X, B->y, W2, v2);
    lemma12_check_path(P, B, I->W, I->v, W2, v2, fmpq_cmp(f1, f2) >= 0 ? f1 : f2, PATH_GRID);
    S->points += P->points;
    if (tally_add(&S->rescale, P->ok_cell && P->ok_constant && P->ok_unit ? BC_TRUE : BC_FALSE))
        S->rescale.first = bc_aprintf(CELL_FMT ", pair %ld: in the cell %d, constant %d, ends at |v| = 1 %d",
                                      CELL_ARGS(k, I), (long) pair, P->ok_cell, P->ok_constant, P->ok_unit);
    if (tally_add(&S->segment,
                  P->ok_joined && P->ok_cell_seg && P->ok_quadratic && P->ok_convex && P->ok_level
                      ? BC_TRUE
                      : BC_FALSE))
        S->segment.first =
            bc_aprintf(CELL_FMT ", pair %ld: joined %d, in the cell %d, quadratic %d, convex %d, level %d",
                       CELL_ARGS(k, I), (long) pair, P->ok_joined, P->ok_cell_seg, P->ok_quadratic,
                       P->ok_convex, P->ok_level);
    S->flat += fmpq_is_zero(P->A);
    if (S->rescale.items == 1 || fmpq_cmp(P->margin, S->margin) < 0)
        fmpq_set(S->margin, P->margin);
    lemma12_path_clear(P);
    fmpq_mat_clear(W2);
    _fmpq_vec_clear(z0, nd);
    _fmpq_vec_clear(z2, nd);
    _fmpq_vec_clear(v2, B->n);
    fmpq_clear(f1);
    fmpq_clear(f2);
}

static void
check_sublevel(run_t R, const lemma12_inst_struct *I, slong N)
{
    check_t cr, cs;
    sublevel_t S;
    slong k, pair;

    /* the shared path's time goes to the first record */
    run_check(R, cr, "lemma1.sublevel.rescale");
    tally_init(&S.rescale);
    tally_init(&S.segment);
    S.points = S.flat = 0;
    fmpq_init(S.margin);
    for (k = 0; k < N; k++)
    {
        rng_t r;
        rng_init(r, R->opts->seed, rng_stream_id("lemma12/sublevel"), (ulong) k);
        for (pair = 0; pair < 2; pair++)
            sublevel_pair(&S, I + k, k, pair, r);
        rng_clear(r);
    }
    check_field_add(cr, "cells", "%ld", (long) N);
    check_field_add(cr, "grid", "%d + 1 points per piece", PATH_GRID);
    tally_push(R, cr, &S.rescale, "pairs",
               "cells stream lemma12/basin, second points stream lemma12/sublevel, index = cell index");
    run_check(R, cs, "lemma1.sublevel.segment");
    check_field_add(cs, "path points checked", "%ld", (long) S.points);
    check_field_add(cs, "segments with A = 0 (flat)", "%ld", (long) S.flat);
    check_field_fmpq(cs, "worst margin alpha - max", S.margin);
    tally_push(R, cs, &S.segment, "pairs", "streams lemma12/basin and lemma12/sublevel, index = cell index");
    fmpq_clear(S.margin);
}

/* ------------------------------------- Lemma 1: local minima global */

/* the descents of lemma1.localmin.descent */
typedef struct
{
    tally_t T;
    slong cert, cert_exact, cert_interval, infeas, optimal, attempts, nit;
    slong *iters; /* iterations of each start */
} descent_t;

static int
cmp_slong(const void *a, const void *b)
{
    slong x = *(const slong *) a, y = *(const slong *) b;
    return (x > y) - (x < y);
}

/* Descends from zs in doubling chunks and, after each, tries to certify
   the end point's face exactly (KKT), stopping at the first certificate.
   zd receives the end point; *total the iterations.  Returns K->ok. */
static int
descend(lemma12_kkt_t K, slong *total, slong *attempts, double *zs, double *zd, const basin_t B)
{
    static const double kkt_tol[] = {1e-9, 1e-6};
    slong chunk = DESCENT_FIRST, it;
    int ok = 0, q;
    *total = 0;
    while (!ok && *total < DESCENT_MAXIT)
    {
        it = lemma12_descent_d(zd, B, zs, FLINT_MIN(chunk, DESCENT_MAXIT - *total));
        *total += it;
        for (q = 0; q < 2 && !ok; q++)
        {
            (*attempts)++;
            ok = lemma12_kkt(K, B, zd, kkt_tol[q]);
        }
        memcpy(zs, zd, sizeof(double) * (size_t) (B->n * B->d));
        if (it < chunk && !ok)
            break; /* the descent stopped moving: more would not help */
        chunk *= 2;
    }
    return ok;
}

/* The float end point zd taken exactly and moved into the closed cone
   towards the network's point z0: never below the certified lower bound
   (else a harness bug: BC_FALSE); exactly optimal only by luck. */
static truth_t
end_point(descent_t *D, const lemma12_inst_struct *I, const double *zd, const fmpq *z0)
{
    slong nd = I->n * I->d, i;
    fmpq *ze = _fmpq_vec_init(nd);
    fmpq_t fe;
    truth_t t = BC_TRUE;
    fmpq_init(fe);
    for (i = 0; i < nd; i++)
        bc_fmpq_set_d(ze + i, zd[i]);
    if (!basin_repair(ze, I->B, z0) || !basin_is_feasible(I->B, ze, NULL, NULL))
        D->infeas++;
    else
    {
        basin_objective(fe, I->B, ze);
        if (fmpq_cmp(fe, I->R->lower) < 0)
            t = BC_FALSE;
        else if (I->R->is_exact && fmpq_equal(fe, I->R->exact))
            D->optimal++;
    }
    _fmpq_vec_clear(ze, nd);
    fmpq_clear(fe);
    return t;
}

/* The descents of cell k: start 0 is the network's own z, then per-neuron
   positive rescalings by 2^u, u in -3..3 (they stay in the open cell).  A
   start holds when its certified KKT point has the engine's value Bas
   (exact, or inside the certified interval). */
static void
descent_cell(descent_t *D, const lemma12_inst_struct *I, slong k, slong starts, uint64_t seed)
{
    const basin_struct *B = I->B;
    const basin_result_struct *V = I->R;
    slong nd = B->n * B->d, s, j, i, total;
    fmpq *z0 = _fmpq_vec_init(nd);
    double *zs = flint_malloc(sizeof(double) * (size_t) nd), *zd = flint_malloc(sizeof(double) * (size_t) nd);
    lemma12_kkt_t K;
    rng_t r;

    lemma12_kkt_init(K, B);
    rng_init(r, seed, rng_stream_id("lemma12/descent"), (ulong) k);
    shallow_z_of(z0, I->W, I->v);
    for (s = 0; s < starts; s++)
    {
        truth_t t;
        int ok;
        for (j = 0; j < B->n; j++)
        {
            int u = s == 0 ? 0 : (int) rng_below(r, 7) - 3;
            for (i = 0; i < B->d; i++)
                zs[j * B->d + i] = ldexp(fmpq_get_d(z0 + j * B->d + i), u);
        }
        ok = descend(K, &total, &D->attempts, zs, zd, B);
        D->iters[D->nit++] = total;
        t = end_point(D, I, zd, z0);
        if (t == BC_TRUE && !ok)
            t = BC_UNDECIDED;
        else if (t == BC_TRUE)
        {
            D->cert++;
            t = V->is_exact
                    ? (fmpq_equal(K->value, V->exact) ? BC_TRUE : BC_FALSE)
                    : (fmpq_cmp(K->value, V->lower) >= 0 && fmpq_cmp(K->value, V->upper) <= 0 ? BC_TRUE
                                                                                              : BC_FALSE);
            D->cert_exact += t == BC_TRUE && V->is_exact;
            D->cert_interval += t == BC_TRUE && !V->is_exact;
        }
        if (tally_add(&D->T, t))
            D->T.first = bc_aprintf(
                CELL_FMT ", start %ld: %s", CELL_ARGS(k, I), (long) s,
                !ok ? (K->reason == LEMMA12_KKT_INFEASIBLE
                           ? "no certificate, the face's solution violates a constraint"
                           : (K->reason == LEMMA12_KKT_NEGATIVE ? "no certificate, a negative multiplier"
                                                                : "no certificate, no solution"))
                    : "the certified value differs from Bas, or the end point is below its lower bound");
    }
    flint_free(zs);
    flint_free(zd);
    _fmpq_vec_clear(z0, nd);
    lemma12_kkt_clear(K);
    rng_clear(r);
}

static void
check_descent(run_t R, const lemma12_inst_struct *I, slong N, slong starts)
{
    check_t c;
    descent_t D;
    slong k;

    run_check(R, c, "lemma1.localmin.descent");
    memset(&D, 0, sizeof D);
    tally_init(&D.T);
    D.iters = flint_malloc(sizeof(slong) * (size_t) FLINT_MAX(N * starts, 1));
    for (k = 0; k < N; k++)
        descent_cell(&D, I + k, k, starts, R->opts->seed);
    qsort(D.iters, (size_t) D.nit, sizeof(slong), cmp_slong);
    check_field_add(c, "certified by an exact KKT certificate", "%ld", (long) D.cert);
    check_field_add(c, "certified value = exact Bas", "%ld", (long) D.cert_exact);
    check_field_add(c, "certified value inside the certified interval", "%ld", (long) D.cert_interval);
    check_field_add(c, "end point already exactly optimal", "%ld (the others needed the certificate)",
                    (long) D.optimal);
    check_field_add(c, "end point not repairable into K", "%ld", (long) D.infeas);
    check_field_add(c, "descent iterations (median, max)", "%ld, %ld of %d",
                    (long) (D.nit ? D.iters[D.nit / 2] : 0), (long) (D.nit ? D.iters[D.nit - 1] : 0),
                    DESCENT_MAXIT);
    check_field_add(c, "KKT attempts", "%ld", (long) D.attempts);
    flint_free(D.iters);
    tally_push(R, c, &D.T, "starts", "stream lemma12/descent, index = cell index");
}

/* Bas is attained in the closed cell: the engine's point z* gives
   (w_j, v_j) = (b_j z*_j, b_j), in the closed cell, with network loss
   equal to the certified upper bound. */
static void
check_attained(run_t R, const lemma12_inst_struct *I, slong N)
{
    check_t c;
    tally_t T;
    slong k, exact = 0;

    tally_start(R, c, &T, "lemma1.localmin.attained");
    for (k = 0; k < N; k++)
    {
        const basin_struct *B = I[k].B;
        fmpq_mat_t W;
        fmpq *v = _fmpq_vec_init(B->n);
        fmpq_t Ln;
        fmpq_mat_init(W, B->n, B->d);
        fmpq_init(Ln);
        lemma12_net_of_z(W, v, B, I[k].R->z);
        shallow_net_loss(Ln, B->X, B->y, W, v);
        exact += I[k].R->is_exact;
        if (tally_add(&T,
                      I[k].R->certified && shallow_in_closed_cell(B, W, v) && fmpq_equal(Ln, I[k].R->upper)
                          ? BC_TRUE
                          : BC_FALSE))
            T.first = bc_aprintf(CELL_FMT, CELL_ARGS(k, I + k));
        fmpq_mat_clear(W);
        _fmpq_vec_clear(v, B->n);
        fmpq_clear(Ln);
    }
    check_field_add(c, "exact basin values", "%ld", (long) exact);
    tally_push(R, c, &T, "cells", "stream lemma12/basin");
}

/* --------------------------------------- Lemma 1: the union control */

/* The crossing of two adjacent cells found on a cell: neuron j0 and
   point t0, the face point W' (row j0 of W projected onto x_t0^perp, so
   <w'_j0, x_t0> = 0 and no other <w'_j, x_t> is 0), targets y2 = y
   except y2_t0 = p_t0(W') + v_j0 (residual -v_j0 at the face), and the
   step h = 2^-e.  Along W(s) = W' + s h x_t0 (row j0), |s| <= 1, the only
   kink is at s = 0 (h below every other |<w'_j0, x_t>| / |<x_t0, x_t>|),
   where the slope of the loss jumps by jump = -(2/m) v_j0^2 h |x_t0|^2;
   with h also below |x_t0|^2 / sum_t <x_t0, x_t>^2 the jump outweighs
   the curvature of both pieces, so the second difference
   L(W+) - 2 L(W') + L(W-) is negative - known before it is computed. */
typedef struct
{
    slong j0, t0, e;
    fmpq_mat_t Wc;
    fmpq *y2;
    fmpq_t h, jump;
} crossing_t;

static void
crossing_init(crossing_t *C, const lemma12_inst_struct *I)
{
    fmpq_mat_init(C->Wc, I->n, I->d);
    C->y2 = _fmpq_vec_init(I->m);
    fmpq_init(C->h);
    fmpq_init(C->jump);
}

static void
crossing_clear(crossing_t *C, const lemma12_inst_struct *I)
{
    fmpq_mat_clear(C->Wc);
    _fmpq_vec_clear(C->y2, I->m);
    fmpq_clear(C->h);
    fmpq_clear(C->jump);
}

/* C's face point and step for (j0, t0); returns 0 when another
   <w'_j0, x_t> is 0 there (the face is not one sign's) */
static int
crossing_try(crossing_t *C, const lemma12_inst_struct *I, slong j0, slong t0)
{
    slong t, d = I->d, i;
    const fmpq *x0 = fmpq_mat_entry(I->X, t0, 0);
    fmpq_t c, xx, sum, lo, r;
    int ok = 1;
    fmpq_init(c);
    fmpq_init(xx);
    fmpq_init(sum);
    fmpq_init(lo);
    fmpq_init(r);
    fmpq_mat_set(C->Wc, I->W);
    _fmpq_vec_dot(c, fmpq_mat_entry(I->W, j0, 0), x0, d);
    _fmpq_vec_dot(xx, x0, x0, d);
    fmpq_div(c, c, xx);
    for (i = 0; i < d; i++)
        fmpq_submul(fmpq_mat_entry(C->Wc, j0, i), c, x0 + i);
    /* lo = min(|x0|^2 / sum_t <x0, x_t>^2, |<w', x_t>| / |<x0, x_t>| for t != t0) */
    for (t = 0; t < I->m; t++)
    {
        _fmpq_vec_dot(c, x0, fmpq_mat_entry(I->X, t, 0), d);
        fmpq_addmul(sum, c, c);
    }
    fmpq_div(lo, xx, sum);
    for (t = 0; t < I->m && ok; t++)
    {
        if (t == t0)
            continue;
        _fmpq_vec_dot(r, fmpq_mat_entry(C->Wc, j0, 0), fmpq_mat_entry(I->X, t, 0), d);
        _fmpq_vec_dot(c, x0, fmpq_mat_entry(I->X, t, 0), d);
        ok = !fmpq_is_zero(r);
        if (ok && !fmpq_is_zero(c))
        {
            fmpq_div(r, r, c);
            fmpq_abs(r, r);
            if (fmpq_cmp(r, lo) < 0)
                fmpq_set(lo, r);
        }
    }
    if (ok)
    {
        C->j0 = j0;
        C->t0 = t0;
        for (C->e = 0, fmpq_one(C->h); fmpq_cmp(C->h, lo) >= 0; C->e++)
            fmpq_div_2exp(C->h, C->h, 1);
        /* the residual at the face is -v_j0 */
        shallow_net_predict(C->y2, I->X, C->Wc, I->v);
        for (t = 0; t < I->m; t++)
            if (t != t0)
                fmpq_set(C->y2 + t, I->y + t);
        fmpq_add(C->y2 + t0, C->y2 + t0, I->v + j0);
        fmpq_mul(C->jump, I->v + j0, I->v + j0);
        fmpq_mul(C->jump, C->jump, C->h);
        fmpq_mul(C->jump, C->jump, xx);
        fmpq_set_si(c, -2, I->m);
        fmpq_mul(C->jump, C->jump, c);
    }
    fmpq_clear(c);
    fmpq_clear(xx);
    fmpq_clear(sum);
    fmpq_clear(lo);
    fmpq_clear(r);
    return ok;
}

/* the first crossing of the cell, in (j0, t0) order; 0 when none */
static int
crossing_find(crossing_t *C, const lemma12_inst_struct *I)
{
    slong j0, t0;
    for (j0 = 0; j0 < I->n; j0++)
        for (t0 = 0; t0 < I->m; t0++)
            if (crossing_try(C, I, j0, t0))
                return 1;
    return 0;
}

/* W = C's face point moved by s h x_t0 in row j0 */
static void
crossing_point(fmpq_mat_t W, const crossing_t *C, const lemma12_inst_struct *I, const fmpq_t s)
{
    slong i;
    fmpq_t a;
    fmpq_init(a);
    fmpq_mul(a, s, C->h);
    fmpq_mat_set(W, C->Wc);
    for (i = 0; i < I->d; i++)
        fmpq_addmul(fmpq_mat_entry(W, C->j0, i), a, fmpq_mat_entry(I->X, C->t0, i));
    fmpq_clear(a);
}

/* 1 when the basins of W- = W' - h x_t0 and W+ = W' + h x_t0 (row j0)
   exist and differ exactly in a_{j0,t0}, -1 at W-, +1 at W+; Bm is W-'s */
static int
crossing_cells(basin_t Bm, const crossing_t *C, const lemma12_inst_struct *I)
{
    slong t, diff = 0;
    int ok;
    fmpq_mat_t Wm;
    fmpq_t s;
    basin_t Bp;
    fmpq_mat_init(Wm, I->n, I->d);
    fmpq_init(s);
    basin_init(Bp);
    fmpq_set_si(s, -1, 1);
    crossing_point(Wm, C, I, s);
    ok = basin_pattern(Bm, I->X, C->y2, Wm, I->v, I->n, NULL, NULL) == BASIN_OK;
    fmpq_one(s);
    crossing_point(Wm, C, I, s);
    ok = ok && basin_pattern(Bp, I->X, C->y2, Wm, I->v, I->n, NULL, NULL) == BASIN_OK;
    for (t = 0; ok && t < I->n * I->m; t++)
        diff += Bm->a[t] != Bp->a[t];
    ok = ok && diff == 1 && Bm->a[C->j0 * I->m + C->t0] == -1 && Bp->a[C->j0 * I->m + C->t0] == 1;
    fmpq_mat_clear(Wm);
    fmpq_clear(s);
    basin_clear(Bp);
    return ok;
}

/* The claim 'convex along the crossing' decided by the construction of
   lemma1.convex.hessian: the 1 x 1 Hessian of the loss in z along the
   crossing direction u (z_j0 moves by v_j0 x_t0) from W- with step h, so
   from the three points W-, W', W+ across the face, PSD by the same
   LDL^T; the mutant halves the step (W-, the midpoint of W- and W', and
   W': one closed cell).  q receives the 1 x 1 entry. */
static truth_t
crossing_decide(fmpq_t q, const run_t R, const crossing_t *C, const lemma12_inst_struct *I, const basin_t Bm)
{
    slong nd = I->n * I->d, i;
    int one_cell = run_mutant(R, "lemma12.mutant.ctl_one_cell");
    fmpq *zc = _fmpq_vec_init(nd), *u = _fmpq_vec_init(nd);
    fmpq_mat_t W, H;
    fmpq_t s, step;
    ldl_t F;
    truth_t t;
    fmpq_mat_init(W, I->n, I->d);
    fmpq_mat_init(H, 0, 0);
    fmpq_init(s);
    fmpq_init(step);
    ldl_init(F);
    fmpq_set(step, C->h);
    if (one_cell)
        fmpq_div_2exp(step, step, 1);
    fmpq_set_si(s, -1, 1);
    crossing_point(W, C, I, s);
    shallow_z_of(zc, W, I->v);
    for (i = 0; i < I->d; i++)
        fmpq_mul(u + C->j0 * I->d + i, I->v + C->j0, fmpq_mat_entry(I->X, C->t0, i));
    lemma12_loss_hessian(H, Bm, LEMMA12_VARS_Z, zc, u, 1, step);
    fmpq_set(q, fmpq_mat_entry(H, 0, 0));
    t = ldl_psd(F, H) ? BC_TRUE : BC_FALSE;
    /* across the face the known jump makes it negative: PSD there
       contradicts the computation of the jump */
    if (t == BC_TRUE && !one_cell)
        t = BC_UNDECIDED;
    _fmpq_vec_clear(zc, nd);
    _fmpq_vec_clear(u, nd);
    fmpq_mat_clear(W);
    fmpq_mat_clear(H);
    fmpq_clear(s);
    fmpq_clear(step);
    ldl_clear(F);
    return t;
}

static void
check_union(run_t R, const lemma12_inst_struct *I, slong K)
{
    check_t c;
    tally_t T;
    slong k, none = 0;

    tally_start(R, c, &T, "lemma1.control.union");
    for (k = 0; k < K; k++)
    {
        crossing_t C;
        basin_t Bm;
        fmpq_t q;
        truth_t t = BC_UNDECIDED;
        crossing_init(&C, I + k);
        basin_init(Bm);
        fmpq_init(q);
        if (!crossing_find(&C, I + k))
            none++; /* no face of one sign: not an instance */
        else
        {
            if (crossing_cells(Bm, &C, I + k))
                t = crossing_decide(q, R, &C, I + k, Bm);
            if (tally_add(&T, t))
                T.first = bc_aprintf(
                    CELL_FMT ", neuron %ld, point %ld, h = 2^-%ld: Hessian along the crossing "
                             "(second difference / h^2) %.6g, slope jump of s -> L(W' + s h x_t0) %.6g",
                    CELL_ARGS(k, I + k), (long) C.j0, (long) C.t0, (long) C.e, fmpq_get_d(q),
                    fmpq_get_d(C.jump));
        }
        crossing_clear(&C, I + k);
        basin_clear(Bm);
        fmpq_clear(q);
    }
    check_field_add(c, "cells without a face of one sign (skipped)", "%ld", (long) none);
    tally_push(R, c, &T, "crossings", "the first cells of stream lemma12/basin, targets y_t0 moved");
}

/* -------------------------------------------------------- Lemma 1 */

static void
cells_instance(run_t R, const lemma12_inst_struct *I, slong N, int valued)
{
    slong k, redraws = 0, exact = 0, nkind[LEMMA12_KINDS] = {0, 0, 0, 0};
    for (k = 0; k < N; k++)
    {
        nkind[I[k].kind]++;
        redraws += I[k].redraws;
        exact += I[k].valued && I[k].R->is_exact;
    }
    run_add_instance(
        R,
        "\\textbf{Cells} (seed %llu). %ld cells from stream \\texttt{lemma12/basin}: %ld small "
        "dyadic, %ld decimal, %ld larger dyadic and %ld interval cells; %ld networks redrawn off "
        "a boundary.",
        (unsigned long long) R->opts->seed, (long) N, (long) nkind[LEMMA12_SMALL],
        (long) nkind[LEMMA12_DECIMAL], (long) nkind[LEMMA12_LARGE], (long) nkind[LEMMA12_INTERVAL],
        (long) redraws);
    if (valued)
        run_add_instance(
            R, "Of their %ld values $\\mathrm{Bas}$, %ld are exact, the others certified intervals.",
            (long) N, (long) exact);
}

static void
run_lemma1(run_t R, const counts_t *z)
{
    slong N = z->cells, k;
    int valued = run_wants_prefix(R, "lemma1.sublevel.") || run_wants_prefix(R, "lemma1.localmin.");
    lemma12_inst_struct *I = flint_malloc(sizeof(lemma12_inst_struct) * (size_t) FLINT_MAX(N, 1));

    for (k = 0; k < N; k++)
    {
        lemma12_inst_init(I + k);
        lemma12_inst_draw(I + k, kind_lemma1(k), 1, 4, R->opts->seed, "lemma12/basin", (ulong) k);
        if (valued)
            lemma12_inst_value(I + k);
    }
    if (run_wants(R, "lemma1.convex.hessian"))
        check_hessian(R, "lemma1.convex.hessian", I, N, claim_vars(R));
    if (run_wants(R, "lemma1.convex.quadratic"))
        check_taylor(R, I, N, z->taylor);
    if (run_wants(R, "lemma1.convex.reparam"))
        check_reparam(R, I, N);
    if (run_wants_prefix(R, "lemma1.sublevel."))
        check_sublevel(R, I, N);
    if (run_wants(R, "lemma1.localmin.descent"))
        check_descent(R, I, N, z->starts);
    if (run_wants(R, "lemma1.localmin.attained"))
        check_attained(R, I, N);
    if (run_wants(R, "lemma1.control.union"))
        check_union(R, I, FLINT_MIN(z->controls, N));
    if (run_wants(R, "lemma1.control.wv_hessian"))
        check_hessian(R, "lemma1.control.wv_hessian", I, FLINT_MIN(z->controls, N), control_vars(R));
    cells_instance(R, I, N, valued);
    for (k = 0; k < N; k++)
        lemma12_inst_clear(I + k);
    flint_free(I);
}

/* --------------------------------------------------------- Lemma 2 */

/* Bas_a <= Bas_b from certified values: exactly when both are exact, else
   by the bounds (upper_a <= lower_b proves it, lower_a > upper_b refutes
   it), else undecided. */
static truth_t
decide_le(const basin_result_struct *a, const basin_result_struct *b)
{
    if (a->is_exact && b->is_exact)
        return fmpq_cmp(a->exact, b->exact) <= 0 ? BC_TRUE : BC_FALSE;
    if (fmpq_cmp(a->upper, b->lower) <= 0)
        return BC_TRUE;
    if (fmpq_cmp(a->lower, b->upper) > 0)
        return BC_FALSE;
    return BC_UNDECIDED;
}

/* The order Lemma 2 claims, Bas(W, v) <= Bas(w_I, v_I) (reversed = 0),
   or the reversed one; the mutant reverses the lemma. */
static truth_t
lemma2_order(const run_t R, const basin_result_struct *full, const basin_result_struct *sub, int reversed)
{
    if (run_mutant(R, "lemma12.mutant.reversed"))
        reversed = !reversed;
    return reversed ? decide_le(sub, full) : decide_le(full, sub);
}

/* The reversed control's order: the reversed one; the mutant turns it
   back to the lemma's. */
static int
control_reversed(const run_t R)
{
    return !run_mutant(R, "lemma12.mutant.ctl_unreversed");
}

/* the records of Lemma 2 */
typedef struct
{
    tally_t mono, rev, wit;
    slong exact, strict, equal;
    fmpq_t margin;       /* the smallest lower(sub) - upper(full) */
    tally_t bnd;         /* planted boundary points: TRUE interior, FALSE detected */
    check_t cmono, crev; /* the pairs' certificates, until their records exist */
} lemma2_t;

/* The certificate of Bas(a) <= Bas(b) decided t (kind "basin", two
   witnesses the checker re-decides from their KKT certificates): holds,
   Bas(a) <= q <= Bas(b) with q = upper(a); fails, Bas(b) <= q < Bas(a)
   with q = upper(b). */
static void
order_cert(check_t c, const char *what, const lemma12_inst_struct *a, const lemma12_inst_struct *b, truth_t t)
{
    char *la = bc_aprintf("%s: first", what), *lb = bc_aprintf("%s: second", what);
    if (t == BC_TRUE)
    {
        cert_basin(c, la, a->B, a->R, a->W, a->v, "<=", a->R->upper);
        cert_basin(c, lb, b->B, b->R, b->W, b->v, ">=", a->R->upper);
    }
    else if (t == BC_FALSE)
    {
        cert_basin(c, lb, b->B, b->R, b->W, b->v, "<=", b->R->upper);
        cert_basin(c, la, a->B, a->R, a->W, a->v, "<=", b->R->upper);
    }
    flint_free(la);
    flint_free(lb);
}

/* moves the certificates of scratch to c */
static void
certs_move(check_t c, check_t scratch)
{
    slong i;
    for (i = 0; i < scratch->ncerts; i++)
        check_cert_add(c, scratch->certs[i]);
    scratch->ncerts = 0;
}

/* the pair named what, with its certified values */
static char *
pair_describe(const char *what, const lemma12_inst_struct *F, const lemma12_inst_struct *Fs)
{
    if (!Fs->valued)
        return bc_aprintf("%s: the sub-network is on a boundary", what);
    return bc_aprintf("%s: Bas(W, v) in [%.6g, %.6g], Bas(w_I, v_I) in [%.6g, %.6g]", what,
                      fmpq_get_d(F->R->lower), fmpq_get_d(F->R->upper), fmpq_get_d(Fs->R->lower),
                      fmpq_get_d(Fs->R->upper));
}

/* The pair (F, its sub-network on the kk neurons Iix), named by what:
   Lemma 2's order, the reversed control's, and the padding witness. */
static void
pair_run(lemma2_t *S, const run_t R, const lemma12_inst_struct *F, const slong *Iix, slong kk,
         const char *what)
{
    lemma12_inst_t Fs;
    fmpq_mat_t Ws;
    fmpq *vs = _fmpq_vec_init(kk), *zpad = _fmpq_vec_init(F->n * F->d);
    fmpq_t fpad, mg;
    truth_t tm = BC_UNDECIDED, tr = BC_UNDECIDED, tw = BC_UNDECIDED;
    slong q, i;

    fmpq_mat_init(Ws, kk, F->d);
    fmpq_init(fpad);
    fmpq_init(mg);
    lemma12_inst_init(Fs);
    for (q = 0; q < kk; q++)
    {
        for (i = 0; i < F->d; i++)
            fmpq_set(fmpq_mat_entry(Ws, q, i), fmpq_mat_entry(F->W, Iix[q], i));
        fmpq_set(vs + q, F->v + Iix[q]);
    }
    /* the sub-network's point is interior too: its signs are rows of the
       full pattern */
    if (lemma12_inst_set(Fs, F->X, F->y, Ws, vs, kk) == BASIN_OK)
    {
        lemma12_inst_value(Fs);
        tm = lemma2_order(R, F->R, Fs->R, 0);
        tr = lemma2_order(R, F->R, Fs->R, control_reversed(R));
        S->exact += F->R->is_exact && Fs->R->is_exact;
        S->equal += F->R->is_exact && Fs->R->is_exact && fmpq_equal(F->R->exact, Fs->R->exact);
        fmpq_sub(mg, Fs->R->lower, F->R->upper);
        S->strict += fmpq_sgn(mg) > 0;
        if (S->mono.items == 0 || fmpq_cmp(mg, S->margin) < 0)
            fmpq_set(S->margin, mg);
        /* the proof's witness (App. A.2) */
        tw = lemma12_pad_witness(fpad, zpad, F->B, Fs->B, Iix, kk, Fs->R->z) &&
                     fmpq_equal(fpad, Fs->R->upper) && fmpq_cmp(fpad, F->R->lower) >= 0
                 ? BC_TRUE
                 : BC_FALSE;
    }
    if (Fs->valued && !run_mutant(R, "lemma12.mutant.reversed"))
    {
        order_cert(S->cmono, what, F, Fs, tm);
        if (control_reversed(R))
            order_cert(S->crev, what, Fs, F, tr);
    }
    if (tally_add(&S->mono, tm))
        S->mono.first = pair_describe(what, F, Fs);
    if (tally_add(&S->rev, tr))
        S->rev.first = pair_describe(what, F, Fs);
    if (tally_add(&S->wit, tw))
        S->wit.first = pair_describe(what, F, Fs);
    lemma12_inst_clear(Fs);
    fmpq_mat_clear(Ws);
    _fmpq_vec_clear(vs, kk);
    _fmpq_vec_clear(zpad, F->n * F->d);
    fmpq_clear(fpad);
    fmpq_clear(mg);
}

/* The pair known beforehand: X = I_2, y = (1, 2), w_1 = (1, -1),
   w_2 = (-1, 1), v = (1, 1): each neuron is active on one point and fits
   it, Bas(W, v) = 0; the sub-network I = {1} fits x_1 only,
   Bas(w_I, v_I) = (0 + 2^2) / 2 = 2.  A strict gap whatever the run
   draws. */
static void
pair_known(lemma2_t *S, const run_t R)
{
    static const slong Wv[4] = {1, -1, -1, 1}, I0[1] = {0};
    lemma12_inst_t F;
    fmpq_mat_t X, W;
    fmpq y[2], v[2];
    slong i;
    fmpq_mat_init(X, 2, 2);
    fmpq_mat_init(W, 2, 2);
    fmpq_mat_one(X);
    for (i = 0; i < 4; i++)
        fmpq_set_si(fmpq_mat_entry(W, i / 2, i % 2), Wv[i], 1);
    for (i = 0; i < 2; i++)
    {
        fmpq_init(y + i);
        fmpq_init(v + i);
        fmpq_set_si(y + i, i + 1, 1);
        fmpq_one(v + i);
    }
    lemma12_inst_init(F);
    if (lemma12_inst_set(F, X, y, W, v, 2) == BASIN_OK)
    {
        lemma12_inst_value(F);
        pair_run(S, R, F, I0, 1, "the pair known beforehand (X = I_2, y = (1, 2), I = {1})");
    }
    lemma12_inst_clear(F);
    for (i = 0; i < 2; i++)
    {
        fmpq_clear(y + i);
        fmpq_clear(v + i);
    }
    fmpq_mat_clear(X);
    fmpq_mat_clear(W);
}

/* The hypothesis 'interior' at (W, v), decided by the engine
   (basin_pattern) and checked against an independent search for the
   first zero in the engine's documented order (v_j = 0 first, then
   <w_j, x_t> = 0 in row-major order): BC_TRUE interior, BC_FALSE on a
   boundary the engine names right, BC_UNDECIDED when the two disagree. */
static truth_t
interior_decide(const lemma12_inst_struct *F, const fmpq_mat_t W, const fmpq *v)
{
    slong j, t, fj = -1, ft = -1, bj = -1, bt = -1;
    int want = BASIN_OK, ret;
    fmpq_t c;
    basin_t Bb;
    fmpq_init(c);
    basin_init(Bb);
    for (j = 0; j < F->n && want == BASIN_OK; j++)
        if (fmpq_is_zero(v + j))
        {
            want = BASIN_BOUNDARY_V;
            fj = j;
        }
    for (j = 0; j < F->n && want == BASIN_OK; j++)
        for (t = 0; t < F->m && want == BASIN_OK; t++)
        {
            _fmpq_vec_dot(c, fmpq_mat_entry(W, j, 0), fmpq_mat_entry(F->X, t, 0), F->d);
            if (fmpq_is_zero(c))
            {
                want = BASIN_BOUNDARY_W;
                fj = j;
                ft = t;
            }
        }
    ret = basin_pattern(Bb, F->X, F->y, W, v, F->n, &bj, &bt);
    fmpq_clear(c);
    basin_clear(Bb);
    if (ret != want || (want != BASIN_OK && (bj != fj || bt != ft)))
        return BC_UNDECIDED;
    return want == BASIN_OK ? BC_TRUE : BC_FALSE;
}

/* The boundary control on network k: a row w_j projected exactly onto
   x_t^perp, and separately v_j set to 0 (j, t from the subsets stream r);
   the mutant leaves both points where they were drawn. */
static void
boundary_run(lemma2_t *S, const run_t R, const lemma12_inst_struct *F, rng_t r, slong k)
{
    slong jj = (slong) rng_below(r, (uint64_t) F->n), tt = (slong) rng_below(r, (uint64_t) F->m), i;
    int plant = !run_mutant(R, "lemma12.mutant.ctl_interior");
    fmpq_mat_t Wb;
    fmpq *vb = _fmpq_vec_init(F->n);
    fmpq_t c, xx;
    truth_t t;
    fmpq_mat_init(Wb, F->n, F->d);
    fmpq_init(c);
    fmpq_init(xx);
    fmpq_mat_set(Wb, F->W);
    for (i = 0; i < F->n; i++)
        fmpq_set(vb + i, F->v + i);
    _fmpq_vec_dot(c, fmpq_mat_entry(F->W, jj, 0), fmpq_mat_entry(F->X, tt, 0), F->d);
    _fmpq_vec_dot(xx, fmpq_mat_entry(F->X, tt, 0), fmpq_mat_entry(F->X, tt, 0), F->d);
    fmpq_div(c, c, xx);
    for (i = 0; i < F->d && plant; i++)
        fmpq_submul(fmpq_mat_entry(Wb, jj, i), c, fmpq_mat_entry(F->X, tt, i));
    t = interior_decide(F, Wb, vb);
    if (tally_add(&S->bnd, t))
        S->bnd.first = bc_aprintf("network %ld: <w_%ld, x_%ld> = 0 planted", (long) k, (long) jj, (long) tt);
    fmpq_mat_set(Wb, F->W);
    if (plant)
        fmpq_zero(vb + jj);
    t = interior_decide(F, Wb, vb);
    if (tally_add(&S->bnd, t))
        S->bnd.first = bc_aprintf("network %ld: v_%ld = 0 planted", (long) k, (long) jj);
    fmpq_mat_clear(Wb);
    _fmpq_vec_clear(vb, F->n);
    fmpq_clear(c);
    fmpq_clear(xx);
}

/* the records of Lemma 2's pairs: monotone, started before the work the
   three share (its time), witness and reversed */
static void
pairs_push(run_t R, lemma2_t *S, slong nets, check_t cm)
{
    check_t cw, cr;
    char *streams = bc_aprintf("networks stream lemma12/lemma2 and subsets stream lemma12/subsets, index = "
                               "network index 0..%ld, and the pair known beforehand",
                               (long) (nets - 1));
    check_field_add(cm, "pairs with both values exact", "%ld", (long) S->exact);
    check_field_add(cm, "strict (certified gap > 0)", "%ld", (long) S->strict);
    check_field_add(cm, "equal (exact)", "%ld", (long) S->equal);
    check_field_fmpq(cm, "smallest lower(sub) - upper(full)", S->margin);
    certs_move(cm, S->cmono);
    tally_push(R, cm, &S->mono, "pairs", streams);
    run_check(R, cw, "lemma2.witness");
    tally_push(R, cw, &S->wit, "pairs", streams);
    run_check(R, cr, "lemma2.control.reversed");
    certs_move(cr, S->crev);
    tally_push(R, cr, &S->rev, "pairs", streams);
    flint_free(streams);
}

/* the boundary control c: the hypothesis 'interior' over every planted
   point, inapplicable when it fails at one the engine names right */
static void
boundary_push(run_t R, check_t c, lemma2_t *S, slong K)
{
    tally_t *T = &S->bnd;
    check_field_add(c, "points (two per network)", "%ld", (long) T->items);
    check_field_add(c, "on a boundary, detected with the right neuron and point", "%ld", (long) T->bad);
    check_field_add(c, "interior (the engine and the search agree)", "%ld",
                    (long) (T->items - T->bad - T->undecided));
    check_field_add(c, "the engine and the search disagree", "%ld", (long) T->undecided);
    check_set_witness(c,
                      "seed %llu, networks stream lemma12/lemma2 0..%ld, neuron and point from stream "
                      "lemma12/subsets; first: %s",
                      (unsigned long long) R->opts->seed, (long) (K - 1),
                      T->first != NULL ? T->first : "none");
    check_hypothesis(c, T->undecided > 0 || T->items == 0 ? BC_UNDECIDED : (T->bad > 0 ? BC_FALSE : BC_TRUE));
    run_push(R, c);
    if (T->first != NULL)
        flint_free(T->first);
    T->first = NULL;
}

/* the subsets of network F: masks from r, each a non-empty proper subset
   of its neurons (Iix, kk); the pairs when wanted */
static void
network_pairs(lemma2_t *S, const run_t R, const lemma12_inst_struct *F, rng_t r, slong k, slong subsets,
              int pairs)
{
    slong s, j;
    for (s = 0; s < subsets; s++)
    {
        ulong mask = 1 + (ulong) rng_below(r, ((uint64_t) 1 << F->n) - 2);
        slong Iix[FLINT_BITS], kk = 0;
        char *what;
        for (j = 0; j < F->n; j++)
            if (mask >> j & 1)
                Iix[kk++] = j;
        if (!pairs)
            continue;
        what = bc_aprintf("network %ld (n = %ld, d = %ld, m = %ld), I = mask %lu", (long) k, (long) F->n,
                          (long) F->d, (long) F->m, mask);
        pair_run(S, R, F, Iix, kk, what);
        flint_free(what);
    }
}

static void
run_lemma2(run_t R, const counts_t *z)
{
    int pairs = run_wants(R, "lemma2.monotone") || run_wants(R, "lemma2.witness") ||
                run_wants(R, "lemma2.control.reversed");
    int boundary = run_wants(R, "lemma2.control.boundary");
    slong k, K = FLINT_MIN(z->controls, z->nets), nets = pairs ? z->nets : K,
             nkind[LEMMA12_KINDS] = {0, 0, 0, 0};
    lemma2_t S;
    check_t cm, cb;

    /* the networks' time goes to lemma2.monotone when the pairs run */
    if (pairs)
        run_check(R, cm, "lemma2.monotone");
    else if (boundary)
        run_check(R, cb, "lemma2.control.boundary");
    memset(&S, 0, sizeof S);
    tally_init(&S.mono);
    tally_init(&S.rev);
    tally_init(&S.wit);
    tally_init(&S.bnd);
    fmpq_init(S.margin);
    check_init(S.cmono);
    check_init(S.crev);
    if (pairs)
        pair_known(&S, R);
    for (k = 0; k < nets; k++)
    {
        lemma12_inst_t F;
        rng_t r;
        lemma12_inst_init(F);
        lemma12_inst_draw(F, kind_lemma2(k), 2, 4, R->opts->seed, "lemma12/lemma2", (ulong) k);
        nkind[F->kind]++;
        if (pairs)
            lemma12_inst_value(F);
        /* the subsets, then the boundary control's neuron and point */
        rng_init(r, R->opts->seed, rng_stream_id("lemma12/subsets"), (ulong) k);
        network_pairs(&S, R, F, r, k, z->subsets, pairs);
        if (boundary && k < K)
            boundary_run(&S, R, F, r, k);
        rng_clear(r);
        lemma12_inst_clear(F);
    }
    if (pairs)
        pairs_push(R, &S, nets, cm);
    if (boundary && pairs)
        run_check(R, cb, "lemma2.control.boundary");
    if (boundary)
        boundary_push(R, cb, &S, K);
    run_add_instance(R,
                     "\\textbf{Networks} (seed %llu). %ld networks of width 2--4 from stream "
                     "\\texttt{lemma12/lemma2}: %ld small dyadic, %ld decimal and %ld larger dyadic; %ld "
                     "subsets each from stream \\texttt{lemma12/subsets}%s.",
                     (unsigned long long) R->opts->seed, (long) nets, (long) nkind[LEMMA12_SMALL],
                     (long) nkind[LEMMA12_DECIMAL], (long) nkind[LEMMA12_LARGE], (long) z->subsets,
                     pairs ? ", and the pair known beforehand" : "");
    fmpq_clear(S.margin);
    check_clear(S.cmono);
    check_clear(S.crev);
}

/* ------------------------------------------------------------- run */

static int
lemma12_exec(run_t R)
{
    counts_t z;
    counts_set(&z, R);
    if (run_wants_prefix(R, "lemma1."))
        run_lemma1(R, &z);
    if (run_wants_prefix(R, "lemma2."))
        run_lemma2(R, &z);
    return 0;
}

const module_struct module_lemma12 = {
    "lemma12",
    "Lemmas 1-2",
    "Lemmas 1 and 2: the cells of the basin partition are basins; sub-networks are never better",
    0,
    lemma12_specs,
    LEMMA12_NSPECS,
    fragment_lemma12,
    NULL,
    lemma12_exec,
    lemma12_mutants,
    LEMMA12_NMUTANTS,
    NULL,
    NULL,
};
