/* thm5.c -- the module "thm5": Theorem 5 (clustered data, B.7).

   The tables, the hypothesis checker on the module's instances and on
   instances built to break each hypothesis, the scaling of the certified
   basin value with the cluster radius, Figure 1 of the paper, the user's
   own data (--data with --clusters or --centres), and the entry point.
   The Monte Carlo checks are in thm5_mc.c, the constant K and the proof's
   witness in thm5_bound.c, the instances in thm5_data.c.  See thm5.tex. */
#include <math.h>
#include <string.h>

#include <flint/fmpq_vec.h>

#include "basin.h"
#include "csv.h"
#include "escape.h"
#include "rng.h"
#include "sampler.h"
#include "sphere.h"
#include "cert.h"
#include "thm5.h"

#define PREC 128

/* clang-format off */
#define T5(id, kind, expected, control, summary, strength, file, rec, user) \
    {id, kind, expected, control, summary, strength, file, NULL, rec, user}
#define HYPC(id, summary) T5(id, CHECK_EXACT, ST_FAILS, 1, summary, STRENGTH_DECIDES, "thm5.c", 0, 0)

static const check_spec thm5_specs[] = {
    T5("thm5.hyp.instances", CHECK_EXACT, ST_HOLDS, 0,
       "every hypothesis of Thm 5 holds on the module's instances (constants B = 3, c = 1, gamma = 1/2 stated "
       "a priori) and the user's, decided exactly / Arb",
       STRENGTH_DECIDES, "thm5.c", 0, 1),
    HYPC("thm5.control.hyp.kd", "control: three centres in R^2 (k > d)"),
    HYPC("thm5.control.hyp.nonempty", "control: a centre with no data point"),
    HYPC("thm5.control.hyp.general", "control: collinear centres, sigma_min(C^T) = 0"),
    HYPC("thm5.control.hyp.unique", "control: a point within delta of two close centres"),
    HYPC("thm5.control.hyp.radius", "control: radii twice the Figure 1 ones, above rho_2"),
    HYPC("thm5.control.hyp.cnorm", "control: c^2 = 3 > |c_1|^2 = 2"),
    HYPC("thm5.control.hyp.bnorm", "control: B = 1 below the data norms"),
    HYPC("thm5.control.hyp.lipschitz", "control: gamma = 1/4 below the targets' Lipschitz constant"),
    T5("thm5.mc.bas", CHECK_MONTECARLO, ST_CONSISTENT, 0,
       "P[Bas(W,v) <= K delta^2] >= 1 - d (7/8)^n, reconstructed K, certified Bas",
       STRENGTH_STATISTICAL, "thm5_mc.c", 1, 1),
    T5("thm5.mc.good", CHECK_MONTECARLO, ST_CONSISTENT, 0,
       "P[every cluster has a good neuron] >= 1 - d (7/8)^n (the proof's event), exact",
       STRENGTH_STATISTICAL, "thm5_mc.c", 1, 1),
    T5("thm5.witness", CHECK_EXACT, ST_HOLDS, 0,
       "reconstructed Lemma 9: explicit witness in the closed basin with objective <= the proof's bound, on "
       "every sample with the good event",
       STRENGTH_DECIDES, "thm5_mc.c", 1, 1),
    T5("thm5.control.tight_k", CHECK_MONTECARLO, ST_VIOLATED, 1,
       "control: K = 0 (Bas <= 0, Theorem 4 carried over)", STRENGTH_STATISTICAL, "thm5_mc.c", 1, 0),
    T5("thm5.control.biased", CHECK_MONTECARLO, ST_VIOLATED, 1, "control: biased sampler v > 0",
       STRENGTH_STATISTICAL, "thm5_mc.c", 1, 0),
    T5("thm5.scaling.ratio", CHECK_EXACT, ST_HOLDS, 0,
       "fixed centres and network, shrinking delta: Bas <= K delta^2 at every delta (two configurations)",
       STRENGTH_DECIDES, "thm5.c", 1, 0),
    T5("thm5.scaling.slope", CHECK_EXACT, ST_HOLDS, 0,
       "least-squares slope of log Bas vs log delta >= 2, decided exactly (tangent configuration)",
       STRENGTH_DECIDES, "thm5.c", 0, 0),
    T5("thm5.control.slope3", CHECK_EXACT, ST_FAILS, 1, "control: the slope >= 3 (tightened exponent)",
       STRENGTH_DECIDES, "thm5.c", 0, 0),
    T5("thm5.noisy.exact", CHECK_BALL, ST_HOLDS, 0,
       "exact noisy probability per cluster <= Lemma 8's 1/(4d), union <= 1/4, per-neuron rate >= 1 - 7/8; "
       "Figure 1 clusters and the radius limit",
       STRENGTH_DECIDES, "thm5_mc.c", 1, 0),
    T5("thm5.mc.noisy", CHECK_MONTECARLO, ST_CONSISTENT, 0, "P[noisy for no cluster] >= 1 - U, exact decisions",
       STRENGTH_STATISTICAL, "thm5_mc.c", 1, 0),
    T5("thm5.mc.good_neuron", CHECK_MONTECARLO, ST_CONSISTENT, 0,
       "P[neuron good for cluster 1] >= max{1/4 - U/4, 1 - 7/8}", STRENGTH_STATISTICAL, "thm5_mc.c", 1, 0),
    T5("thm5.control.noisy_half", CHECK_MONTECARLO, ST_VIOLATED, 1,
       "control: P[noisy for no cluster] >= 1 - U/2", STRENGTH_STATISTICAL, "thm5_mc.c", 1, 0),
    T5("thm5.limit.good", CHECK_MONTECARLO, ST_CONSISTENT, 0,
       "the proof's event at the radius limit (d = k = 4, rho = 0.9974 rho_4, n = 32): P[every cluster has a "
       "good neuron] >= 1 - d (7/8)^n, where 3/4 in place of 7/8 is false",
       STRENGTH_STATISTICAL, "thm5_mc.c", 1, 0),
};
/* clang-format on */

#define THM5_NSPECS ((slong) (sizeof(thm5_specs) / sizeof(thm5_specs[0])))

/* The false variants of the claims, each applied where the module defines
   what it changes: the instances' constants and the controls here, the
   constants of the Monte Carlo paths and the witness in thm5_mc.c. */
static const mutant_spec thm5_mutants[] = {
    {"thm5.mutant.gamma_quarter",
     "the module's instances stated 1/4-Lipschitz instead of 1/2: false, on Figure 1 the points c + r e_1 "
     "and "
     "c + r e_2 have |y - y'| = r/2 = |x - x'|/(2 sqrt 2) > |x - x'|/4, so the hypotheses break",
     "thm5.hyp.instances"},
    {"thm5.mutant.unbroken",
     "the controls' instances built without their break (the Figure 1 clusters with their true constants): "
     "the "
     "checker must then report every hypothesis holding",
     "thm5.control.hyp.kd thm5.control.hyp.nonempty thm5.control.hyp.general thm5.control.hyp.unique "
     "thm5.control.hyp.radius thm5.control.hyp.cnorm thm5.control.hyp.bnorm thm5.control.hyp.lipschitz"},
    {"thm5.mutant.biased",
     "Assumption 1 broken in the main family: output weights v = |g| > 0, so no neuron predicts the negative "
     "target of cluster 2; Bas >= (1/2)(1/2 - 1/80)^2 > K delta^2 = 0.0506 and no neuron is good for it",
     "thm5.mc.bas thm5.mc.good"},
    {"thm5.mutant.witness_inactive",
     "the proof's witness built with +delta M on the inactive clusters (construction altered): its "
     "pre-activation turns >= 0 on their data, where <w, x> < 0, so it leaves the closed basin",
     "thm5.witness"},
    {"thm5.mutant.k_restored",
     "the control's K = 0 restored to the reconstructed K (the control is then Theorem 5 itself, true): it "
     "must "
     "stop being violated",
     "thm5.control.tight_k"},
    {"thm5.mutant.unbiased",
     "the control's biased law replaced by Assumption 1's Gaussian (restores the hypothesis): it must stop "
     "being violated",
     "thm5.control.biased"},
    {"thm5.mutant.jump_targets",
     "the scaling configurations' targets given a jump of 1/2 inside each cluster (not Lipschitz: Theorem "
     "5's "
     "hypothesis broken); a good network's prediction is affine on a cluster, so Bas stays above a positive "
     "constant while K delta^2 -> 0",
     "thm5.scaling.ratio thm5.scaling.slope"},
    {"thm5.mutant.slope_two",
     "the control's exponent 3 restored to the theorem's 2 (the claim of thm5.scaling.slope, true): it must "
     "stop failing",
     "thm5.control.slope3"},
    {"thm5.mutant.three_quarters",
     "Theorem 5's per-neuron failure 7/8 replaced by 3/4: false, a neuron fails a cluster with probability "
     "3/4 + P[noisy]/4 > 3/4 (sign of v, side of c_j, symmetry w -> -w); at the radius limit even one "
     "cluster alone fails more often than d (3/4)^n",
     "thm5.noisy.exact thm5.mc.good_neuron thm5.limit.good"},
    {"thm5.mutant.noisy_eighth",
     "Lemma 8's per-cluster bound 1/(4d) tightened to 1/(8d): false at the radius limit, band_4(5/128) = "
     "0.0497 > 1/32",
     "thm5.noisy.exact"},
    {"thm5.mutant.noisy_mass_half",
     "the noisy mass U of the Figure 1 clusters halved where the Monte Carlo reads it: false, the two bands "
     "are "
     "disjoint in d = 2 (the lines orthogonal to c_1, c_2 are 59 degrees apart, the half-widths 5 and 5.6), "
     "so "
     "P[noisy] = U exactly",
     "thm5.mc.noisy thm5.mc.good_neuron"},
    {"thm5.mutant.noisy_unhalved",
     "the control's halving of U removed (its claim is then the union bound, true): it must stop being "
     "violated",
     "thm5.control.noisy_half"},
};

#define THM5_NMUTANTS ((slong) (sizeof(thm5_mutants) / sizeof(thm5_mutants[0])))

/* ---------------------------------------------------- instance builders */

/* The scaling configurations at radius delta (exact rational):
   tangent: d = 3, centres (1, 1, 0), (-2, 1/2, 0), points c_j + delta s e_3,
   s = 0, +-1/4, .., +-1 (displacements orthogonal to the span of the
   centres); general: d = 2, the Figure 1 centres, points c_j + delta u with
   the eight directions of thm5_fig1_instance.  Targets yhat_j + gamma
   delta |s| (resp. |u_1|), yhat = (1, -1/2), gamma = 1/2; with jump (a
   mutant) yhat_j + 1/2 where s > 0 (resp. u_1 > 0), not Lipschitz. */
static void
scaling_instance(thm5_inst_t I, int tangent, const fmpq_t delta, int jump)
{
    static const slong ux[8][3] = {{0, 1, 1},  {1, 0, 1},   {0, -1, 1},   {-1, 0, 1},
                                   {3, 4, 10}, {-4, 3, 10}, {-3, -4, 10}, {4, -3, 10}};
    slong d = tangent ? 3 : 2, per = tangent ? 9 : 8, m = 2 * per, j, p, e;
    fmpq_mat_t X, C;
    fmpq *y = _fmpq_vec_init(m);
    fmpq_t t, a;
    fmpq_mat_init(X, m, d);
    fmpq_mat_init(C, 2, d);
    fmpq_init(t);
    fmpq_init(a);
    fmpq_set_si(fmpq_mat_entry(C, 0, 0), 1, 1);
    fmpq_set_si(fmpq_mat_entry(C, 0, 1), 1, 1);
    fmpq_set_si(fmpq_mat_entry(C, 1, 0), -2, 1);
    fmpq_set_si(fmpq_mat_entry(C, 1, 1), 1, 2);
    for (j = 0; j < 2; j++)
        for (p = 0; p < per; p++)
        {
            slong row = j * per + p;
            for (e = 0; e < d; e++)
                fmpq_set(fmpq_mat_entry(X, row, e), fmpq_mat_entry(C, j, e));
            if (tangent)
            {
                /* s = 0, 1/4, -1/4, 2/4, -2/4, ... */
                slong sn = (p + 1) / 2 * ((p % 2) ? 1 : -1);
                fmpq_set_si(a, sn, 4);
                fmpq_mul(t, a, delta);
                fmpq_add(fmpq_mat_entry(X, row, 2), fmpq_mat_entry(X, row, 2), t);
            }
            else
            {
                for (e = 0; e < 2; e++)
                {
                    fmpq_set_si(a, ux[p][e], ux[p][2]);
                    fmpq_mul(t, a, delta);
                    fmpq_add(fmpq_mat_entry(X, row, e), fmpq_mat_entry(X, row, e), t);
                }
                fmpq_set_si(a, ux[p][0], ux[p][2]);
            }
            if (jump)
                fmpq_set_si(a, fmpq_sgn(a) > 0, 2);
            else
            {
                fmpq_abs(a, a);
                fmpq_mul(a, a, delta);
                fmpq_div_2exp(a, a, 1);
            }
            fmpq_set_si(y + row, j == 0 ? 1 : -1, j == 0 ? 1 : 2);
            fmpq_add(y + row, y + row, a);
        }
    thm5_inst_set(I, X, y, C);
    fmpq_mat_clear(X);
    fmpq_mat_clear(C);
    _fmpq_vec_clear(y, m);
    fmpq_clear(t);
    fmpq_clear(a);
}

static void
hyp_summary(check_t c, const char *name, const thm5_hyp_t H)
{
    int h;
    char *s = NULL;
    for (h = 0; h < THM5_NHYP; h++)
    {
        char *u = bc_aprintf("%s%s%s: %s (%s)", s == NULL ? "" : s, s == NULL ? "" : "; ", thm5_hyp_name(h),
                             bc_truth_str(H->holds[h]), H->why[h] == NULL ? "" : H->why[h]);
        if (s != NULL)
            flint_free(s);
        s = u;
    }
    check_field_add(c, name, "%s", s);
    flint_free(s);
}

/* checks I with its tight constants; returns the first failing hypothesis
   or -1, and fills H */
/* The certificates of the decided hypotheses of I (kind "clusters"): every
   one when h < 0, else hypothesis h; the checker decides each itself. */
static void
hyp_cert(check_t c, const char *label, const thm5_hyp_t H, const thm5_inst_t I, const fmpq_t B2,
         const fmpq_t c2, const fmpq_t g2, int h)
{
    static const char *const names[THM5_NHYP] = {"k<=d",   "nonempty", "general", "unique",
                                                 "radius", "cnorm",    "bnorm",   "lipschitz"};
    int i;
    for (i = 0; i < THM5_NHYP; i++)
        if (h < 0 || i == h)
            cert_clusters(c, label, I->X, I->y, I->C, B2, c2, g2, names[i], H->holds[i]);
}

static int
hyp_tight(thm5_hyp_t H, const thm5_inst_t I, int *noinf, check_t cc)
{
    fmpq_t B2, c2, g2;
    int r, inf;
    fmpq_init(B2);
    fmpq_init(c2);
    fmpq_init(g2);
    inf = thm5_tight_constants(B2, c2, g2, I);
    r = thm5_hyp_check(H, I, B2, c2, g2);
    if (cc != NULL)
        hyp_cert(cc, "the user's data", H, I, B2, c2, g2, -1);
    if (inf && r < 0)
        r = THM5_H_LIPSCHITZ;
    if (noinf != NULL)
        *noinf = !inf;
    fmpq_clear(B2);
    fmpq_clear(c2);
    fmpq_clear(g2);
    return r;
}

/* ------------------------------------------------------- hypotheses */

/* The constants of the module's own instances, stated a priori (not read
   from the data): |x_t| <= B = 3, |c_j| >= c = 1 and 1/2-Lipschitz targets
   (every generator sets y = yhat_j + a coordinate difference / 2). */
static void
own_constants(fmpq_t B2, fmpq_t c2, fmpq_t g2, const run_t R)
{
    fmpq_set_si(B2, 9, 1);
    fmpq_set_si(c2, 1, 1);
    fmpq_set_si(g2, 1, run_mutant(R, "thm5.mutant.gamma_quarter") ? 16 : 4);
}

/* the decision of all hypotheses of I: true, or the first that does not
   hold (false or undecided) */
static truth_t
hyp_truth(const thm5_hyp_t H, int first)
{
    return first < 0 ? BC_TRUE : H->holds[first];
}

/* The module's instances: Figure 1 at radius scales 1 and 1/8, the two
   scaling configurations at delta = 1/16, the radius-limit instance. */
static void
own_instance(thm5_inst_t I, slong s)
{
    fmpq_t dl;
    fmpq_init(dl);
    fmpq_set_si(dl, 1, 16);
    if (s == 0)
        thm5_fig1_instance(I, 1);
    else if (s == 1)
        thm5_fig1_instance(I, 8);
    else if (s == 2 || s == 3)
        scaling_instance(I, s == 2, dl, 0);
    else
        thm5_limit_instance(I);
    fmpq_clear(dl);
}

#define NOWN 5

static void
check_hyp_instances(run_t R, const thm5_inst_t user, const char *uname)
{
    static const char *const names[NOWN] = {"fig1_radius_1", "fig1_radius_1_8", "tangent_1_16",
                                            "general_1_16", "limit"};
    check_t c;
    thm5_hyp_t H;
    fmpq_t B2, c2, g2;
    truth_t all = BC_TRUE;
    slong s;

    run_check(R, c, "thm5.hyp.instances");
    fmpq_init(B2);
    fmpq_init(c2);
    fmpq_init(g2);
    own_constants(B2, c2, g2, R);
    for (s = 0; s < NOWN; s++)
    {
        thm5_inst_t I;
        thm5_inst_init(I);
        own_instance(I, s);
        thm5_hyp_init(H);
        all = bc_truth_and(all, hyp_truth(H, thm5_hyp_check(H, I, B2, c2, g2)));
        hyp_cert(c, names[s], H, I, B2, c2, g2, -1);
        check_note_prec(c, H->prec);
        hyp_summary(c, names[s], H);
        thm5_hyp_clear(H);
        thm5_inst_clear(I);
    }
    if (user != NULL)
    {
        /* B, c, gamma of the user's data are its tightest (they hold by
           definition); the other hypotheses are decided */
        thm5_hyp_init(H);
        all = bc_truth_and(all, hyp_truth(H, hyp_tight(H, user, NULL, c)));
        check_note_prec(c, H->prec);
        hyp_summary(c, uname, H);
        thm5_hyp_clear(H);
        c->statement = bc_aprintf("And on the user's data, with its tightest $B$, $c$, $\\gamma$.");
    }
    check_hypothesis(c, all);
    run_push(R, c);
    fmpq_clear(B2);
    fmpq_clear(c2);
    fmpq_clear(g2);
}

/* I with every point's displacement from its centre doubled */
static void
radii_doubled(thm5_inst_t I)
{
    slong m = I->m, t, l;
    fmpq_mat_t X;
    fmpq *y = _fmpq_vec_init(m);
    thm5_inst_t J;
    fmpq_mat_init_set(X, I->X);
    for (t = 0; t < I->m; t++)
    {
        fmpq_set(y + t, I->y + t);
        for (l = 0; l < I->d; l++)
        {
            fmpq *x = fmpq_mat_entry(X, t, l);
            fmpq_sub(x, x, fmpq_mat_entry(I->C, I->cl[t], l));
            fmpq_mul_2exp(x, x, 1);
            fmpq_add(x, x, fmpq_mat_entry(I->C, I->cl[t], l));
        }
    }
    thm5_inst_init(J);
    thm5_inst_set(J, X, y, I->C);
    thm5_inst_clear(I);
    thm5_inst_set(I, J->X, J->y, J->C);
    thm5_inst_clear(J);
    fmpq_mat_clear(X);
    _fmpq_vec_clear(y, m);
}

/* The hand-made instances of the controls of the first four hypotheses
   (points and centres over den, targets 1) */
typedef struct
{
    slong m, d, k, den;
    const slong *pts, *cs;
    const char *desc;
} hand_instance;

static const slong kd_pts[] = {8, 8, 9, 8, -16, 4, -15, 4, 0, -16, 1, -16};
static const slong kd_c[] = {8, 8, -16, 4, 0, -16};
static const slong ne_pts[] = {16, 16, 0, 17, 16, 0, -32, 8, 0, -31, 8, 0};
static const slong ne_c[] = {16, 16, 0, -32, 8, 0, 0, 0, 80};
static const slong gp_pts[] = {8, 8, 9, 8, -16, -16, -17, -16};
static const slong gp_c[] = {8, 8, -16, -16};
static const slong un_pts[] = {20, 0, 20, 1, 20, 2, 20, 3};
static const slong un_c[] = {20, 0, 20, 2};
static const slong ones[] = {1, 1, 1, 1, 1, 1};

static const hand_instance hand_instances[THM5_H_RADIUS] = {
    {6, 2, 3, 8, kd_pts, kd_c, "centres (1,1), (-2,1/2), (0,-2) in R^2, two points each"},
    {4, 3, 3, 16, ne_pts, ne_c, "centres (1,1,0), (-2,1/2,0), (0,0,5); no point near (0,0,5)"},
    {4, 2, 2, 8, gp_pts, gp_c, "centres (1,1), (-2,-2): collinear"},
    {4, 2, 2, 20, un_pts, un_c,
     "centres (1,0), (1,1/10); points (1,0), (1,1/20), (1,1/10), (1,3/20): (1,1/20) is at distance 1/20 = "
     "delta_2 of c_2"},
};

/* Builds the instance of the control of hypothesis h, broken in h (or,
   when broken = 0, the Figure 1 clusters), with its constants; returns a
   description (flint_free). */
static char *
control_instance(thm5_inst_t I, fmpq_t B2, fmpq_t c2, fmpq_t g2, int h, int broken)
{
    char *desc;
    if (broken && h < THM5_H_RADIUS)
    {
        const hand_instance *P = hand_instances + h;
        thm5_inst_set_si(I, P->m, P->d, P->k, P->pts, ones, 1, P->cs, P->den);
        desc = bc_aprintf("%s", P->desc);
    }
    else
    {
        thm5_fig1_instance(I, 1);
        if (!broken)
            desc = bc_aprintf("the Figure 1 clusters (radii 1/8, 1/5), unbroken");
        else if (h == THM5_H_RADIUS)
        {
            radii_doubled(I);
            desc = bc_aprintf("the Figure 1 clusters with radii 1/4, 2/5 (rho ~ 0.18, 0.19 > rho_2 ~ 0.11)");
        }
        else
            desc = bc_aprintf("the Figure 1 clusters (radii 1/8, 1/5) with %s",
                              h == THM5_H_CNORM ? "c^2 = 3" : (h == THM5_H_BNORM ? "B = 1" : "gamma = 1/4"));
    }
    thm5_tight_constants(B2, c2, g2, I);
    if (broken && h == THM5_H_CNORM)
        fmpq_set_si(c2, 3, 1);
    if (broken && h == THM5_H_BNORM)
        fmpq_set_si(B2, 1, 1);
    if (broken && h == THM5_H_LIPSCHITZ)
        fmpq_set_si(g2, 1, 16);
    return desc;
}

static void
check_hyp_control(run_t R, int h)
{
    static const char *const ids[THM5_NHYP] = {"thm5.control.hyp.kd",      "thm5.control.hyp.nonempty",
                                               "thm5.control.hyp.general", "thm5.control.hyp.unique",
                                               "thm5.control.hyp.radius",  "thm5.control.hyp.cnorm",
                                               "thm5.control.hyp.bnorm",   "thm5.control.hyp.lipschitz"};
    check_t c;
    thm5_inst_t I;
    thm5_hyp_t H;
    fmpq_t B2, c2, g2;
    int first;
    char *desc;

    if (!run_wants(R, ids[h]))
        return;
    thm5_inst_init(I);
    thm5_hyp_init(H);
    fmpq_init(B2);
    fmpq_init(c2);
    fmpq_init(g2);
    desc = control_instance(I, B2, c2, g2, h, !run_mutant(R, "thm5.mutant.unbroken"));
    first = thm5_hyp_check(H, I, B2, c2, g2);
    run_check(R, c, ids[h]);
    {
        char *e = escape_tex(thm5_hyp_name(h));
        c->statement = bc_aprintf("The hypothesis: \\texttt{%s}.", e);
        flint_free(e);
    }
    hyp_cert(c, NULL, H, I, B2, c2, g2, h);
    check_decide(c, H->holds[h]);
    check_note_prec(c, H->prec);
    check_set_witness(c, "%s: %s", desc, H->why[h] != NULL ? H->why[h] : "");
    check_field_add(c, "checker_reports_first", "%s", first >= 0 ? thm5_hyp_name(first) : "none");
    hyp_summary(c, "all", H);
    run_push(R, c);
    flint_free(desc);
    fmpq_clear(B2);
    fmpq_clear(c2);
    fmpq_clear(g2);
    thm5_hyp_clear(H);
    thm5_inst_clear(I);
}
/* ---------------------------------------------------------- scaling */

#define SCALE_N 6 /* neurons of the fixed network */

/* A fixed network (n x d, v) good for the instance: every neuron's sign
   constant on every ball, every cluster with a good neuron (drawn from
   stream thm5.scaling until found); returns the draws used. */
static slong
fixed_network(fmpq_mat_t W, fmpq *v, const thm5_inst_t I, uint64_t seed)
{
    slong n = W->r, d = I->d, i, idx;
    fmpq_mat_t Wp;
    fmpq *vp = _fmpq_vec_init(n);
    fmpq_t Mq;
    fmpq *dq = _fmpq_vec_init(I->k);
    fmpq_mat_init(Wp, n, d);
    fmpq_init(Mq);
    fmpq_one(Mq);
    for (idx = 0;; idx++)
    {
        rng_t r;
        int ok = 1;
        rng_init(r, seed, rng_stream_id("thm5.scaling"), (uint64_t) idx);
        thm5_draw_network(W, v, r, 0);
        rng_clear(r);
        for (i = 0; i < n && ok; i++)
            ok = thm5_neuron_clean(fmpq_mat_entry(W, i, 0), I);
        if (ok && thm5_witness(Wp, vp, W, v, n, I, Mq, dq, THM5_WITNESS_PROOF) >= 0)
            break;
    }
    fmpq_mat_clear(Wp);
    _fmpq_vec_clear(vp, n);
    _fmpq_vec_clear(dq, I->k);
    fmpq_clear(Mq);
    return idx + 1;
}

truth_t
thm5_slope_at_least(const fmpq *lo, const fmpq *hi, const fmpq *delta, slong N, slong p)
{
    fmpq_t Pu, Pl, r, dp;
    slong i;
    truth_t res = BC_UNDECIDED;
    int zero = 0;
    fmpq_init(Pu);
    fmpq_init(Pl);
    fmpq_init(r);
    fmpq_init(dp);
    fmpq_one(Pu);
    fmpq_one(Pl);
    for (i = 0; i < N && !zero; i++)
    {
        slong e = 2 * i - (N - 1), a;
        /* r_i^e is increasing in r_i for e > 0 and decreasing for e < 0:
           the largest product takes hi_i where e > 0 and lo_i where e < 0,
           the smallest the other end (e = 0 contributes 1) */
        const fmpq *up = e > 0 ? hi + i : lo + i, *dn = e > 0 ? lo + i : hi + i;
        if (fmpq_is_zero(lo + i))
        {
            zero = 1;
            break;
        }
        fmpq_one(dp);
        for (a = 0; a < p; a++)
            fmpq_mul(dp, dp, delta + i);
        fmpq_div(r, up, dp);
        fmpq_pow_si(r, r, e);
        fmpq_mul(Pu, Pu, r);
        fmpq_div(r, dn, dp);
        fmpq_pow_si(r, r, e);
        fmpq_mul(Pl, Pl, r);
    }
    if (!zero)
    {
        if (fmpq_cmp_ui(Pu, 1) <= 0)
            res = BC_TRUE;
        else if (fmpq_cmp_ui(Pl, 1) > 0)
            res = BC_FALSE;
    }
    fmpq_clear(Pu);
    fmpq_clear(Pl);
    fmpq_clear(r);
    fmpq_clear(dp);
    return res;
}

#define SCALE_STEPS 6

/* One configuration of the scaling: the radii delta_i = 2^-4 2^-i, the
   certified basin values Bas_i in [lo_i, hi_i] of a fixed good network of
   width SCALE_N, K delta_i^2, and how Bas compares with it. */
typedef struct
{
    int tangent;
    fmpq *delta, *lo, *hi;
    double xs[SCALE_STEPS], ys[SCALE_STEPS], ks[SCALE_STEPS], rs[SCALE_STEPS];
    double slope; /* the fitted slope (doubles: display only) */
    slong draws;
    slong nabove, nund; /* Bas > K delta^2 decided, undecided */
} scaling_run;

/* Bas of (W, v) on I against K delta^2: 1 above, 0 below or equal, -1 undecided; sets lo, hi */
static int
scaling_step(fmpq_t lo, fmpq_t hi, arb_t kd, const thm5_inst_t I, const fmpq_mat_t W, const fmpq *v,
             const arb_t K, const fmpq_t delta)
{
    basin_t B;
    basin_result_t G;
    truth_t t;
    arb_t u;
    basin_init(B);
    basin_result_init(G);
    arb_init(u);
    basin_pattern(B, I->X, I->y, W, v, SCALE_N, NULL, NULL);
    basin_value(G, B, PREC);
    fmpq_set(lo, G->lower);
    fmpq_set(hi, G->upper);
    arb_set_fmpq(kd, delta, PREC);
    arb_sqr(kd, kd, PREC);
    arb_mul(kd, kd, K, PREC);
    arb_set_fmpq(u, G->upper, PREC);
    t = bc_arb_le(u, kd);
    if (t != BC_TRUE)
    {
        arb_set_fmpq(u, G->lower, PREC);
        t = arb_gt(u, kd) ? BC_FALSE : BC_UNDECIDED;
    }
    basin_clear(B);
    basin_result_clear(G);
    arb_clear(u);
    return t == BC_TRUE ? 0 : (t == BC_FALSE ? 1 : -1);
}

static void
scaling_run_init(scaling_run *S, const run_t R, int tangent)
{
    fmpq_mat_t W;
    fmpq *v = _fmpq_vec_init(SCALE_N);
    thm5_inst_t I;
    arb_t K, lmin, lmax, kd;
    fmpq_t yh2, g2;
    slong i;
    int jump = run_mutant(R, "thm5.mutant.jump_targets");
    double sx = 0, sy = 0, sxx = 0, sxy = 0;

    S->tangent = tangent;
    S->delta = _fmpq_vec_init(SCALE_STEPS);
    S->lo = _fmpq_vec_init(SCALE_STEPS);
    S->hi = _fmpq_vec_init(SCALE_STEPS);
    S->nabove = S->nund = 0;
    arb_init(K);
    arb_init(lmin);
    arb_init(lmax);
    arb_init(kd);
    fmpq_init(yh2);
    fmpq_init(g2);
    thm5_inst_init(I);
    fmpq_mat_init(W, SCALE_N, tangent ? 3 : 2);
    fmpq_set_si(S->delta + 0, 1, 16);
    scaling_instance(I, tangent, S->delta + 0, jump);
    S->draws = fixed_network(W, v, I, R->opts->seed);
    thm5_gram_eigs(lmin, lmax, I->C, PREC);
    thm5_yhat2(yh2, I);
    /* gamma is the configuration's 1/2 (the tight one of the data is at
       most that and is the same at every delta) */
    fmpq_set_si(g2, 1, 4);
    thm5_K(K, SCALE_N, I->k, yh2, lmin, g2, PREC);
    for (i = 0; i < SCALE_STEPS; i++)
    {
        int r;
        if (i > 0)
        {
            fmpq_div_2exp(S->delta + i, S->delta + i - 1, 1);
            scaling_instance(I, tangent, S->delta + i, jump);
        }
        r = scaling_step(S->lo + i, S->hi + i, kd, I, W, v, K, S->delta + i);
        S->nabove += r == 1;
        S->nund += r == -1;
        S->xs[i] = fmpq_get_d(S->delta + i);
        S->ys[i] = fmpq_get_d(S->hi + i);
        S->ks[i] = arf_get_d(arb_midref(kd), ARF_RND_NEAR);
        S->rs[i] = S->ys[i] / S->ks[i];
        if (S->ys[i] > 0)
        {
            double lx = log(S->xs[i]), ly = log(S->ys[i]);
            sx += lx, sy += ly, sxx += lx * lx, sxy += lx * ly;
        }
    }
    S->slope = (SCALE_STEPS * sxy - sx * sy) / (SCALE_STEPS * sxx - sx * sx);
    thm5_inst_clear(I);
    fmpq_mat_clear(W);
    _fmpq_vec_clear(v, SCALE_N);
    arb_clear(K);
    arb_clear(lmin);
    arb_clear(lmax);
    arb_clear(kd);
    fmpq_clear(yh2);
    fmpq_clear(g2);
}

static void
scaling_run_clear(scaling_run *S)
{
    _fmpq_vec_clear(S->delta, SCALE_STEPS);
    _fmpq_vec_clear(S->lo, SCALE_STEPS);
    _fmpq_vec_clear(S->hi, SCALE_STEPS);
}

/* one line describing run S (flint_free) */
static char *
scaling_row(const scaling_run *S)
{
    return bc_aprintf(
        "%s: network draw %ld; Bas in [%.6g, %.6g] at delta = 1/16 .. [%.6g, %.6g] at 1/%ld; ratio "
        "Bas/(K delta^2) from %.3g to %.3g; fitted slope %.6f (display)",
        S->tangent ? "tangent" : "general", (long) S->draws, fmpq_get_d(S->lo), fmpq_get_d(S->hi),
        fmpq_get_d(S->lo + SCALE_STEPS - 1), fmpq_get_d(S->hi + SCALE_STEPS - 1), 16L << (SCALE_STEPS - 1),
        S->rs[0], S->rs[SCALE_STEPS - 1], S->slope);
}

static void
scaling_figures(run_t R, const scaling_run *S)
{
    figure_t F, G;
    slong i;
    figure_init(F, "thm5.scaling", R->mod->claim,
                "Theorem~5, fixed centres and a fixed good network of width 6: the certified basin value "
                "against the cluster radius $\\delta$ (log-log), with the reconstructed bound $K\\delta^2$. "
                "Tangent: displacements orthogonal to the centres ($d=3$); general: the Figure~1 directions "
                "($d=2$).",
                "$\\delta$", "$\\mathrm{Bas}$");
    F->logx = F->logy = 1;
    figure_init(G, "thm5.scaling_ratio", R->mod->claim,
                "Theorem~5: how loose the reconstructed constant is, $\\mathrm{Bas}/(K\\delta^2)$ against "
                "$\\delta$ on the two configurations of the figure of the certified basin value.",
                "$\\delta$", "$\\mathrm{Bas}/(K\\delta^2)$");
    G->logx = G->logy = 1;
    for (i = 0; i < 2; i++)
    {
        const char *nm = S[i].tangent ? "tangent" : "general";
        char *a = bc_aprintf("Bas, %s (slope %.3f)", nm, S[i].slope);
        char *b = bc_aprintf("$K\\delta^2$, %s", nm);
        figure_add_series(F, a, S[i].xs, S[i].ys, SCALE_STEPS, 0);
        figure_add_series(F, b, S[i].xs, S[i].ks, SCALE_STEPS, 0);
        figure_add_series(G, nm, S[i].xs, S[i].rs, SCALE_STEPS, 0);
        flint_free(a);
        flint_free(b);
    }
    run_add_figure(R, F);
    run_add_figure(R, G);
    figure_clear(F);
    figure_clear(G);
}

static void
check_scaling(run_t R)
{
    scaling_run S[2];
    check_t c;
    char *r0, *r1;
    slong p3 = run_mutant(R, "thm5.mutant.slope_two") ? 2 : 3;

    scaling_run_init(S + 0, R, 1);
    scaling_run_init(S + 1, R, 0);
    r0 = scaling_row(S + 0);
    r1 = scaling_row(S + 1);
    if (run_wants(R, "thm5.scaling.ratio"))
    {
        run_check(R, c, "thm5.scaling.ratio");
        check_count(c, S[0].nabove + S[1].nabove, S[0].nund + S[1].nund);
        check_field_add(c, "runs", "%s; %s", r0, r1);
        if (S[0].nabove + S[1].nabove > 0)
            check_set_witness(c, "certified Bas > K delta^2: %s; %s", r0, r1);
        run_push(R, c);
    }
    if (run_wants(R, "thm5.scaling.slope"))
    {
        run_check(R, c, "thm5.scaling.slope");
        check_decide(c, thm5_slope_at_least(S[0].lo, S[0].hi, S[0].delta, SCALE_STEPS, 2));
        check_field_add(c, "fitted_slope", "%.9f (double, display only; the verdict is exact)", S[0].slope);
        check_field_add(c, "general_configuration_slope",
                        "%.9f (reported, not judged: finite-delta corrections of either sign)", S[1].slope);
        run_push(R, c);
    }
    if (run_wants(R, "thm5.control.slope3"))
    {
        run_check(R, c, "thm5.control.slope3");
        check_decide(c, thm5_slope_at_least(S[0].lo, S[0].hi, S[0].delta, SCALE_STEPS, p3));
        check_field_add(c, "fitted_slope", "%.9f", S[0].slope);
        check_field_add(c, "exponent", "%ld", (long) p3);
        check_set_witness(c, "the tangent configuration of thm5.scaling.slope: %s", r0);
        run_push(R, c);
    }
    scaling_figures(R, S);
    flint_free(r0);
    flint_free(r1);
    scaling_run_clear(S + 0);
    scaling_run_clear(S + 1);
}

/* ---------------------------------------------------------- Figure 1 */

#define FIG_HALF 15 /* grid -1.5 .. 1.5 step 1/10 */
#define FIG_R 1.5

static void
line_end(double *px, double *py, double ux, double uy)
{
    double s = FIG_R / fmax(fabs(ux), fabs(uy));
    *px = ux * s;
    *py = uy * s;
}

static void
figure1(run_t R)
{
    figure_t F, G;
    thm5_inst_t I;
    slong j, a, b, t;
    double *gx[6], *gy[6];
    slong gn[6];
    fmpq *w = _fmpq_vec_init(2);
    fmpq_t r;

    fmpq_init(r);
    thm5_inst_init(I);
    thm5_fig1_instance(I, 1);
    for (j = 0; j < 6; j++)
    {
        gx[j] = flint_malloc(sizeof(double) * (2 * FIG_HALF + 1) * (2 * FIG_HALF + 1));
        gy[j] = flint_malloc(sizeof(double) * (2 * FIG_HALF + 1) * (2 * FIG_HALF + 1));
        gn[j] = 0;
    }
    figure_init(
        F, "thm5.fig1_partition", R->mod->claim,
        "Figure~1 of the paper, recomputed: the partition of the weight plane by the instances "
        "$c_1=(1,1)$, $c_2=(-2,\\frac12)$ -- the lines $\\langle w,c_j\\rangle=0$ and the four basins "
        "(grid points labelled by the exact signs $(\\mathrm{sign}\\langle w,c_1\\rangle,"
        "\\mathrm{sign}\\langle w,c_2\\rangle)$).",
        "$w_1$", "$w_2$");
    figure_init(
        G, "thm5.fig1_clustered", R->mod->claim,
        "Figure~1, clustered version: eight points per cluster around $c_1$ (radius $\\frac18$) and "
        "$c_2$ (radius $\\frac15$); each point's line $\\langle w,x_t\\rangle=0$, and the grid points of "
        "the noisy bands (sign of $\\langle w,x\\rangle$ not constant on a cluster ball, decided exactly "
        "as $|\\langle w,c_j\\rangle|\\le\\delta_j\\|w\\|$).",
        "$w_1$", "$w_2$");
    /* the lines <w, c_j> = 0 */
    for (j = 0; j < 2; j++)
    {
        double ux = -fmpq_get_d(fmpq_mat_entry(I->C, j, 1)), uy = fmpq_get_d(fmpq_mat_entry(I->C, j, 0));
        double xs[2], ys[2];
        line_end(xs, ys, ux, uy);
        line_end(xs + 1, ys + 1, -ux, -uy);
        figure_add_series(F, j == 0 ? "$\\langle w,c_1\\rangle=0$" : "$\\langle w,c_2\\rangle=0$", xs, ys, 2,
                          0);
    }
    /* grid classification */
    for (a = -FIG_HALF; a <= FIG_HALF; a++)
        for (b = -FIG_HALF; b <= FIG_HALF; b++)
        {
            int s[2], noisy[2];
            if (a == 0 && b == 0)
                continue;
            fmpq_set_si(w, a, 10);
            fmpq_set_si(w + 1, b, 10);
            for (j = 0; j < 2; j++)
            {
                fmpq_mul(r, w, fmpq_mat_entry(I->C, j, 0));
                fmpq_addmul(r, w + 1, fmpq_mat_entry(I->C, j, 1));
                s[j] = fmpq_sgn(r);
                noisy[j] = !sphere_ball_sign_constant_fmpq(w, fmpq_mat_entry(I->C, j, 0), 2, I->delta2 + j);
            }
            if (s[0] != 0 && s[1] != 0)
            {
                slong q = (s[0] > 0 ? 0 : 2) + (s[1] > 0 ? 0 : 1);
                gx[q][gn[q]] = a / 10.0;
                gy[q][gn[q]++] = b / 10.0;
            }
            for (j = 0; j < 2; j++)
                if (noisy[j])
                {
                    gx[4 + j][gn[4 + j]] = a / 10.0;
                    gy[4 + j][gn[4 + j]++] = b / 10.0;
                }
        }
    {
        static const char *const nm[4] = {"basin $(+,+)$", "basin $(+,-)$", "basin $(-,+)$", "basin $(-,-)$"};
        for (j = 0; j < 4; j++)
            figure_add_series(F, nm[j], gx[j], gy[j], gn[j], 1);
    }
    /* clustered: each point's line, as rays from the origin (R u, 0, -R u, 0, ...) */
    for (j = 0; j < 2; j++)
    {
        double xs[4 * 16], ys[4 * 16];
        slong np = 0;
        for (t = 0; t < I->m; t++)
        {
            double ux, uy;
            if (I->cl[t] != j)
                continue;
            ux = -fmpq_get_d(fmpq_mat_entry(I->X, t, 1));
            uy = fmpq_get_d(fmpq_mat_entry(I->X, t, 0));
            line_end(xs + np, ys + np, ux, uy);
            np++;
            xs[np] = ys[np] = 0, np++;
            line_end(xs + np, ys + np, -ux, -uy);
            np++;
            xs[np] = ys[np] = 0, np++;
        }
        figure_add_series(
            G, j == 0 ? "$\\langle w,x_t\\rangle=0$, cluster 1" : "$\\langle w,x_t\\rangle=0$, cluster 2", xs,
            ys, np, 0);
    }
    figure_add_series(G, "noisy for cluster 1", gx[4], gy[4], gn[4], 1);
    figure_add_series(G, "noisy for cluster 2", gx[5], gy[5], gn[5], 1);
    run_add_figure(R, F);
    run_add_figure(R, G);
    figure_clear(F);
    figure_clear(G);
    for (j = 0; j < 6; j++)
    {
        flint_free(gx[j]);
        flint_free(gy[j]);
    }
    thm5_inst_clear(I);
    _fmpq_vec_clear(w, 2);
    fmpq_clear(r);
}

static int
fail(const char *fmt, const char *a, const char *b)
{
    char *msg = bc_aprintf(fmt, a, b);
    module_input_error(msg);
    flint_free(msg);
    return 2;
}

/* Reads the user's instance into I; returns 0 or 2 (message printed). */
static int
user_instance(thm5_inst_t I, const run_opts *opts)
{
    csv_table_t D, Ct;
    char err[4096 + 512];
    int rc = 0;
    slong m, d;
    fmpq_mat_t X, C;
    fmpq *y;

    if (opts->centres != NULL && opts->clusters != 0)
        return fail("thm5: give --clusters K or --centres FILE, not both%s%s", "", "");
    if (opts->centres == NULL && opts->clusters == 0)
        return fail("thm5: --data %s needs --clusters K or --centres FILE%s", opts->data, "");
    csv_table_init(D);
    csv_table_init(Ct);
    if (csv_read(D, opts->data, err, sizeof err) != 0)
    {
        rc = fail("%s%s", err, "");
        goto done;
    }
    if (D->cols < 2)
    {
        char cols[32];
        snprintf(cols, sizeof cols, "%ld", (long) D->cols);
        rc = fail("%s:1:1: expected at least 2 columns (x_1,...,x_d,y), found %s", opts->data, cols);
        goto done;
    }
    m = D->rows;
    d = D->cols - 1;
    fmpq_mat_init(X, m, d);
    y = _fmpq_vec_init(m);
    csv_table_split(X, y, D);
    fmpq_mat_init(C, 0, 0);
    if (opts->centres != NULL)
    {
        if (csv_read(Ct, opts->centres, err, sizeof err) != 0)
            rc = fail("%s%s", err, "");
        else if (Ct->cols != d)
        {
            char msg[96];
            snprintf(msg, sizeof msg, "expected %ld columns (d = %ld from the data), found %ld", (long) d,
                     (long) d, (long) Ct->cols);
            rc = fail("%s:1:1: %s", opts->centres, msg);
        }
        else
        {
            fmpq_mat_clear(C);
            fmpq_mat_init(C, Ct->rows, d);
            csv_table_get_fmpq_mat(C, Ct);
        }
    }
    else if (opts->clusters < 1 || opts->clusters > m)
    {
        char msg[96];
        snprintf(msg, sizeof msg, "--clusters %ld: expected 1 <= K <= m = %ld data points", opts->clusters,
                 (long) m);
        rc = fail("thm5: %s%s", msg, "");
    }
    else
        thm5_cluster(C, X, opts->clusters);
    if (rc == 0)
        thm5_inst_set(I, X, y, C);
    fmpq_mat_clear(X);
    fmpq_mat_clear(C);
    _fmpq_vec_clear(y, m);
done:
    csv_table_clear(D);
    csv_table_clear(Ct);
    return rc;
}

/* ------------------------------------------------------------ module */

/* Reads and checks the user's instance (--data): 0, or 2 after the one
   line that says why not. */
static int
user_checked(thm5_inst_t U, const run_opts *o)
{
    thm5_hyp_t H;
    int r, noinf;
    char *msg;
    if (user_instance(U, o) != 0)
        return 2;
    thm5_hyp_init(H);
    r = hyp_tight(H, U, &noinf, NULL);
    if (r >= 0)
    {
        if (r == THM5_H_LIPSCHITZ && !noinf)
            msg = bc_aprintf("%s: Theorem 5 hypothesis 'Lipschitz targets' fails: two points of one cluster "
                             "coincide with different targets",
                             o->data);
        else
            msg = bc_aprintf("%s: Theorem 5 hypothesis '%s' %s: %s", o->data, thm5_hyp_name(r),
                             H->holds[r] == BC_FALSE ? "fails" : "is undecided",
                             H->why[r] != NULL ? H->why[r] : "");
        module_input_error(msg);
        flint_free(msg);
    }
    thm5_hyp_clear(H);
    return r >= 0 ? 2 : 0;
}

static int
thm5_exec(run_t R)
{
    const run_opts *o = R->opts;
    thm5_inst_t U;
    int have_user = 0, h;
    slong n;

    if (o->width > 4096)
    {
        /* as thm4: the certified basin value of wider networks is out of reach */
        char *msg = bc_aprintf("thm5: --width %ld is too large (at most 4096)", o->width);
        module_input_error(msg);
        flint_free(msg);
        return 2;
    }
    thm5_inst_init(U);
    if (o->data != NULL)
    {
        if (user_checked(U, o) != 0)
        {
            thm5_inst_clear(U);
            return 2;
        }
        have_user = 1;
    }
    n = o->width > 0 ? o->width : (have_user ? 16 : THM5_MC_N);
    if (run_wants(R, "thm5.hyp.instances"))
        check_hyp_instances(R, have_user ? U : NULL, o->data);
    for (h = 0; h < THM5_NHYP; h++)
        check_hyp_control(R, h);
    thm5_check_mc(R, have_user ? U : NULL, n, o->data);
    if (run_wants_prefix(R, "thm5.scaling.") || run_wants(R, "thm5.control.slope3"))
        check_scaling(R);
    figure1(R);
    run_add_instance(
        R,
        "\\textbf{Instances.} Figure~1 centres $c_1=(1,1)$, $c_2=(-2,\\frac12)$ in $\\mathbb R^2$ "
        "with eight exact points per cluster; Monte Carlo on radii $\\frac1{64},\\frac1{40}$ with "
        "width $n=%d$, noisy regions on radii $\\frac18,\\frac15$; the radius limit on $d=k=4$, "
        "$c_j=e_j$, $\\delta=5/128$; scaling on $\\delta=2^{-4}..2^{-9}$%s%s.",
        THM5_MC_N,
        have_user ? "; the user's data replace the instance of \\checkref{thm5.mc.bas}, "
                    "\\checkref{thm5.mc.good} and \\checkref{thm5.witness}"
                  : "",
        o->width > 0 ? "; those three checks use the width given by \\texttt{-{}-width}, the "
                       "negative controls always the module's own instance and width"
                     : "; the negative controls always run on the module's own instance and width");
    thm5_inst_clear(U);
    return 0;
}

const module_struct module_thm5 = {
    "thm5",
    "Theorem 5",
    "Clustered data: the reconstructed constant of the quadratic bound, noisy regions, scaling and Figure 1",
    0, /* the theorem is given; its rows mark what the seed lost (the constant, Lemma 9, Claims 4-5) */
    thm5_specs,
    THM5_NSPECS,
    fragment_thm5,
    "data centres clusters width",
    thm5_exec,
    thm5_mutants,
    THM5_NMUTANTS,
    NULL,
    NULL,
};
