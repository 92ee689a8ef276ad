/* mild.c -- the module "mild": seed 003 (Safran, Yehudai and Shamir,
   mild over-parameterization), reconstructed claims (A), (B), (E), (F) of
   ../shared/paper/THEOREMS.md checked on the core's certificates
   (src/pop.h, src/crit.h).  The table, the mutants, the claimed constants
   (one definition each) and the entry point; the checks are in
   mild_convex.c, mild_descent.c and mild_image.c, their statements in
   mild.tex. */
#include <math.h>
#include <string.h>

#include "mild.h"

/* clang-format off */
static const check_spec mild_specs[] = {
    {"mild.convex.lmin", CHECK_BALL, ST_HOLDS, 0,
     "(A) n = k, W = V = I_k: lambda_min(Hessian) within 2^-30 of (pi - 2)/(4 pi) > 0, k = 2..K (Krawczyk-free: "
     "Cholesky lower bound, Rayleigh upper bound)",
     STRENGTH_DECIDES, "mild_convex.c", NULL, 1, 0},
    {"mild.control.tight", CHECK_BALL, ST_FAILS, 1,
     "control: the closed form tightened by 2^-20, decided by the same code: refuted at every k",
     STRENGTH_DECIDES, "mild_convex.c", NULL, 1, 0},
    {"mild.noconvex.split", CHECK_BALL, ST_HOLDS, 0,
     "(B) n = k + 1: certified negative curvature at W_t = (alpha v1 + t b, (1-alpha) v1 + t b, v2..vk), "
     "t = 2^-4..2^-60, next to the global minimum W*_alpha (finite witness of a limit claim)",
     STRENGTH_WITNESSES, "mild_convex.c", NULL, 1, 0},
    {"mild.noconvex.rate", CHECK_BALL, ST_HOLDS, 0,
     "(B) the derived leading term: u^T H(W_t) u / (-2 t / (pi max(alpha, 1-alpha)^2)) within 2^-20 of 1 for "
     "t = 2^-24..2^-60",
     STRENGTH_DECIDES, "mild_convex.c", NULL, 1, 0},
    {"mild.spurious.exist", CHECK_BALL, ST_HOLDS, 0,
     "(F) n = k: among the seeded descents at each k >= 10 of the grid one ends at a certified spurious "
     "(non-global, strict) local minimum",
     STRENGTH_WITNESSES, "mild_descent.c", NULL, 1, 0},
    {"mild.spurious.rate", CHECK_MONTECARLO, ST_CONSISTENT, 0,
     "(F) n = k: P[descent ends at a certified spurious minimum] >= the lower 99.9% limit of the authors' "
     "count, k = 7, 10, 20 (one test per k in the grid)",
     STRENGTH_STATISTICAL, "mild_descent.c", NULL, 1, 0},
    {"mild.plus1.global", CHECK_BALL, ST_HOLDS, 0,
     "(F) n = k + 1: every seeded descent (same start law, step 5/k, at most 20000 steps) ends at a value "
     "certified below 1e-6, next to a global minimum; k = 6..K",
     STRENGTH_DECIDES, "mild_descent.c", NULL, 1, 0},
    {"mild.split.saddle", CHECK_BALL, ST_HOLDS, 0,
     "(E) every family of certified spurious minima: the split image (alpha = 1/2, 1/3) of the distinguished "
     "and of an ordinary neuron is an exact critical point of width k + 1 with certified negative curvature",
     STRENGTH_DECIDES, "mild_image.c", NULL, 1, 0},
    {"mild.zero.descent", CHECK_BALL, ST_HOLDS, 0,
     "(E) every family: at the zero-neuron image (x*, 0) every teacher direction v_j is an exact first-order "
     "descent, D(v_j) < 0",
     STRENGTH_DECIDES, "mild_image.c", NULL, 1, 0},
    {"mild.control.split_global", CHECK_BALL, ST_FAILS, 1,
     "control: the split image of the global minimum V = I_k claimed a saddle: B_i = 0, curvature exactly 0",
     STRENGTH_DECIDES, "mild_image.c", NULL, 1, 0},
    {"mild.control.krawczyk_off", CHECK_BALL, ST_FAILS, 1,
     "control: Krawczyk on a box of half-width 2^-30 around the k = 6 spurious minimum moved by 2^-10: "
     "claimed to hold a critical point, excluded",
     STRENGTH_DECIDES, "mild_image.c", NULL, 1, 0},
    {"mild.control.pd_saddle", CHECK_BALL, ST_FAILS, 1,
     "control: the symmetric k = 3 critical point (rows (-a, b, b) cyclically) claimed a strict local "
     "minimum: a negative curvature is certified",
     STRENGTH_DECIDES, "mild_image.c", NULL, 1, 0},
};

static const mutant_spec mild_mutants[] = {
    {"mild.mutant.lmin",
     "(A)'s closed form lowered by 2^-24: the least eigenvalue is exactly (pi - 2)/(4 pi) (mild.tex), so the "
     "shifted value is not within 2^-30 of it",
     "mild.convex.lmin"},
    {"mild.mutant.ctl_tight",
     "the tightened control's offset 2^-20 set to 0: the control then states the true closed form and must hold",
     "mild.control.tight"},
    {"mild.mutant.width_k",
     "(B)'s witness family built in width k (the extra copy dropped): W_t -> V where the Hessian is >= "
     "(pi - 2)/(4 pi) I by (A) and continuous, so no negative curvature exists near V",
     "mild.noconvex.split mild.noconvex.rate"},
    {"mild.mutant.coeff",
     "(B)'s leading coefficient 2/pi halved to 1/pi: the derived first-order term (mild.tex) is 2/pi, so the "
     "ratio tends to 2, not 1",
     "mild.noconvex.rate"},
    {"mild.mutant.start",
     "(F)'s initialisation moved next to the teacher (V + 2^-10 N(0, I)): F is strongly convex there by (A), "
     "so every descent ends at the global minimum and no spurious minimum is found",
     "mild.spurious.exist mild.spurious.rate"},
    {"mild.mutant.plus1_start",
     "(F)'s width-(k+1) descents at k = 6 started at the split image of the k = 6 spurious minimum: an exact "
     "critical point (E) with F ~ 0.0251, where gradient descent does not move",
     "mild.plus1.global"},
    {"mild.mutant.images_global",
     "(E)'s images taken at the global minimum V instead of the spurious minima: B_i = 0 there (every split "
     "curvature is 0) and D(v_j) = 0 exactly, so neither a saddle nor a descent exists",
     "mild.split.saddle mild.zero.descent"},
    {"mild.mutant.ctl_split",
     "the split control run at the k = 6 spurious minimum instead of V: its split image is a saddle (E), so "
     "the control must hold",
     "mild.control.split_global"},
    {"mild.mutant.ctl_move",
     "the Krawczyk control's move 2^-10 set to 0: the box then holds the critical point and the control must "
     "hold",
     "mild.control.krawczyk_off"},
    {"mild.mutant.ctl_saddle",
     "the positive-definiteness control run at the k = 6 spurious minimum instead of the k = 3 saddle: a "
     "strict local minimum, so the control must hold",
     "mild.control.pd_saddle"},
};
/* clang-format on */

#define MILD_NSPECS ((slong) (sizeof(mild_specs) / sizeof(mild_specs[0])))
#define MILD_NMUTANTS ((slong) (sizeof(mild_mutants) / sizeof(mild_mutants[0])))

/* ---------------------------------------------- the claimed constants */

void
mild_lmin_closed(arb_t out, const run_t R, slong prec)
{
    arb_t q;
    arb_init(q);
    /* 1/4 - 1/(2 pi) */
    arb_const_pi(out, prec);
    arb_mul_2exp_si(out, out, 1);
    arb_inv(out, out, prec);
    arb_neg(out, out);
    arb_set_d(q, 0.25);
    arb_add(out, out, q, prec);
    if (run_mutant(R, "mild.mutant.lmin"))
    {
        arb_set_d(q, ldexp(1.0, -24));
        arb_sub(out, out, q, prec);
    }
    arb_clear(q);
}

double
mild_control_offset(const run_t R)
{
    return run_mutant(R, "mild.mutant.ctl_tight") ? 0.0 : ldexp(1.0, -20);
}

void
mild_noconvex_coeff(arb_t out, const run_t R, slong prec)
{
    arb_const_pi(out, prec);
    arb_inv(out, out, prec);
    if (!run_mutant(R, "mild.mutant.coeff"))
        arb_mul_2exp_si(out, out, 1);
}

int
mild_noconvex_width_k(const run_t R)
{
    return run_mutant(R, "mild.mutant.width_k");
}

int
mild_start_near_teacher(const run_t R)
{
    return run_mutant(R, "mild.mutant.start");
}

int
mild_plus1_split_start(const run_t R)
{
    return run_mutant(R, "mild.mutant.plus1_start");
}

int
mild_images_at_global(const run_t R)
{
    return run_mutant(R, "mild.mutant.images_global");
}

int
mild_control_split_spurious(const run_t R)
{
    return run_mutant(R, "mild.mutant.ctl_split");
}

int
mild_control_move_zero(const run_t R)
{
    return run_mutant(R, "mild.mutant.ctl_move");
}

int
mild_control_saddle_is_minimum(const run_t R)
{
    return run_mutant(R, "mild.mutant.ctl_saddle");
}

/* ------------------------------------------------ shared instances */

void
mild_teacher(arb_mat_t V, slong k)
{
    (void) k;
    arb_mat_one(V);
}

void
mild_spurious_k6(arb_mat_t W)
{
    /* the structure of the family: five neurons close to their teacher
       direction (b on it, a elsewhere, c on the distinguished coordinate
       6) and the distinguished one (e on coordinate 6, f elsewhere) */
    const double a = -0.050413403216809, b = 0.98670381888858, c = 0.30801099147907;
    const double e = -0.60151192356109, f = 0.22451580759948;
    slong i, j;
    for (i = 0; i < 6; i++)
        for (j = 0; j < 6; j++)
        {
            double x;
            if (i == 5)
                x = j == 5 ? e : f;
            else
                x = j == 5 ? c : (j == i ? b : a);
            arb_set_d(arb_mat_entry(W, i, j), x);
        }
}

truth_t
mild_decide_minimum(const crit_result_t C)
{
    if (C->kind == CRIT_MINIMUM)
        return BC_TRUE;
    if (C->exists == BC_TRUE && C->pd == BC_FALSE)
        return BC_FALSE;
    return BC_UNDECIDED;
}

truth_t
mild_decide_near(const arb_t x, const arb_t c, double tol, slong prec)
{
    arb_t dlt, t;
    truth_t r = BC_UNDECIDED;
    arb_init(dlt);
    arb_init(t);
    arb_sub(dlt, x, c, prec);
    arb_set_d(t, tol);
    if (arb_lt(dlt, t))
    {
        arb_neg(t, t);
        if (arb_gt(dlt, t))
            r = BC_TRUE;
        else if (arb_le(dlt, t))
            r = BC_FALSE;
    }
    else if (arb_ge(dlt, t))
        r = BC_FALSE;
    arb_clear(dlt);
    arb_clear(t);
    return r;
}

void
mild_families_init(mild_families *L)
{
    L->nfam = 0;
    L->alloc = 0;
    L->fam = NULL;
}

void
mild_families_clear(mild_families *L)
{
    slong i;
    for (i = 0; i < L->nfam; i++)
        flint_free(L->fam[i].W);
    flint_free(L->fam);
    mild_families_init(L);
}

/* ------------------------------------------------------------- run */

static int
mild_exec(run_t R)
{
    mild_families L;
    if (run_wants_prefix(R, "mild.convex.") || run_wants(R, "mild.control.tight"))
        mild_check_convex(R);
    if (run_wants_prefix(R, "mild.noconvex."))
        mild_check_noconvex(R);
    mild_families_init(&L);
    if (run_wants_prefix(R, "mild.spurious.") || run_wants_prefix(R, "mild.split.") ||
        run_wants_prefix(R, "mild.zero."))
        mild_check_descents(R, &L);
    if (run_wants_prefix(R, "mild.split.") || run_wants_prefix(R, "mild.zero."))
        mild_check_images(R, &L);
    if (run_wants(R, "mild.plus1.global"))
        mild_check_plus1(R);
    mild_families_clear(&L);
    if (run_wants(R, "mild.control.split_global") || run_wants(R, "mild.control.krawczyk_off") ||
        run_wants(R, "mild.control.pd_saddle"))
        mild_check_controls(R);
    return 0;
}

const module_struct module_mild = {
    "mild",
    MILD_CLAIM,
    "Seed 003 (reconstructed): mild over-parameterization, strong convexity at the teacher, spurious minima "
    "certified and their split saddles",
    1,
    mild_specs,
    MILD_NSPECS,
    fragment_mild,
    NULL,
    mild_exec,
    mild_mutants,
    MILD_NMUTANTS,
    NULL,
    NULL,
};
