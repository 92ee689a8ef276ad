/* mild.h -- the module "mild": seed 003 (Safran, Yehudai and Shamir),
   mild over-parameterization of a two-layer ReLU student learning a ReLU
   teacher under Gaussian inputs.  Only the abstract came with the project:
   every statement checked here is a RECONSTRUCTION (mild.tex,
   ../shared/paper/THEOREMS.md "003"), with its constants defined once in
   mild.c.

   The objective, its derivatives and the certificates are the core's
   (src/pop.h, src/crit.h); this module builds the claims' instances on
   them:
     mild_convex.c   (A) strong convexity at W = V for n = k, the closed
                     form of the least eigenvalue and its tightened
                     control; (B) no local convexity for n = k + 1, the
                     split witness family and its leading term
     mild_descent.c  (F) seeded descents for n = k from the authors'
                     initialisation, every end point certified, the
                     spurious rate against the authors' counts, families;
                     the descents of width k + 1 and their end values
     mild_image.c    (E) the split and zero-neuron images of every family
                     found; the controls on known points (the split of the
                     global minimum, Krawczyk off the critical point,
                     positive definiteness at a known saddle)
     mild.c          the tables, the constants, the module */
#ifndef MILD_H
#define MILD_H

#include "bc.h"
#include "check.h"
#include "crit.h"
#include "module.h"
#include "pop.h"

#ifdef __cplusplus
extern "C"
{
#endif

#define MILD_CLAIM "Seed 003"

    /* ---------------------------------------------- the claimed constants
       (mild.c; each reads its mutant where it is defined) */

    /* (A): out encloses the conjectured least eigenvalue of the Hessian at
       W = V = I_k, n = k, (pi - 2)/(4 pi) = 1/4 - 1/(2 pi). */
    void mild_lmin_closed(arb_t out, const run_t R, slong prec);

    /* (A)'s tightened control: the offset added to the closed form (2^-20;
       0 under the mutant restoring the claim). */
    double mild_control_offset(const run_t R);

    /* (B): the leading coefficient c of u^T H(W_t) u = -c t / max(alpha,
       1 - alpha)^2 + O(t^2) along the split witness family: c = 2/pi. */
    void mild_noconvex_coeff(arb_t out, const run_t R, slong prec);

    /* (B): 1 when the witness family is built with width k instead of
       k + 1 (the mutant: then H is near H(V) >= lambda I, no witness). */
    int mild_noconvex_width_k(const run_t R);

    /* (F): 1 when the descents start next to the teacher instead of the
       authors' Xavier start (the mutant: strong convexity at V makes every
       descent end at the global minimum). */
    int mild_start_near_teacher(const run_t R);

    /* (F), n = k + 1: 1 when the descents at k = 6 start at the split
       image of the k = 6 spurious minimum (the mutant: an exact critical
       point, where gradient descent stays). */
    int mild_plus1_split_start(const run_t R);

    /* (E): 1 when the images are taken at the global minimum instead of
       the spurious minima found (the mutant). */
    int mild_images_at_global(const run_t R);

    /* The controls' altered constructions (1 under the mutant restoring a
       true statement). */
    int mild_control_split_spurious(const run_t R);
    int mild_control_move_zero(const run_t R);
    int mild_control_saddle_is_minimum(const run_t R);

    /* ------------------------------------------------ shared instances */

    /* V = I_k (k x k balls, exact). */
    void mild_teacher(arb_mat_t V, slong k);

    /* W (6 x 6 balls, exact dyadics) = the rounded spurious minimum of
       width 6 for the teacher I_6 (F ~ 0.0250806, the family the n = k
       descents find at k = 6; docs/examples/critical-k6.csv): crit_certify
       refines and certifies it. */
    void mild_spurious_k6(arb_mat_t W);

    /* The verdict "x* is a strict local minimum" from a certificate:
       BC_TRUE for CRIT_MINIMUM, BC_FALSE when a critical point exists and
       a negative curvature is certified, else BC_UNDECIDED. */
    truth_t mild_decide_minimum(const crit_result_t C);

    /* The decision |x - c| < tol for balls x, c: BC_TRUE when every point of
       x - c lies in (-tol, tol), BC_FALSE when every point lies outside
       (|x - c| >= tol), else BC_UNDECIDED.  (A)'s claim and its control,
       and (B)'s leading term, are decided by it. */
    truth_t mild_decide_near(const arb_t x, const arb_t c, double tol, slong prec);

    /* ------------------------------------------------ (F) and (E) */

    /* One family of spurious minima (value F to 1e-8). */
    typedef struct
    {
        slong k;
        slong count;    /* end points in the family */
        double F;       /* the value at the first one (midpoint) */
        double lmin;    /* its certified least Hessian eigenvalue (lower bound) */
        double *W;      /* its box centre (k x k doubles) */
        double normsum; /* sum of the neuron norms */
        slong same;     /* members whose sorted entries agree with the first's to 1e-6 (the
                           entries' multiset is invariant under permutations of the neurons
                           and of the coordinates, the symmetries of F for V = I_k) */
    } mild_family;

    typedef struct
    {
        slong nfam, alloc;
        mild_family *fam;
    } mild_families;

    void mild_families_init(mild_families *L);
    void mild_families_clear(mild_families *L);

    /* Runs the (F) checks that the run wants (mild.spurious.*) and collects
       the families of certified spurious minima in L (also when only (E)
       is wanted: its instances are the families). */
    void mild_check_descents(run_t R, mild_families *L);

    /* The (F) check at width k + 1 (mild.plus1.global). */
    void mild_check_plus1(run_t R);

    /* The (E) checks on the families of L (mild.split.saddle,
       mild.zero.descent). */
    void mild_check_images(run_t R, const mild_families *L);

    /* The controls on known points (mild.control.split_global,
       mild.control.krawczyk_off, mild.control.pd_saddle). */
    void mild_check_controls(run_t R);

    /* (A) and (B): mild.convex.*, mild.control.tight, mild.noconvex.*. */
    void mild_check_convex(run_t R);
    void mild_check_noconvex(run_t R);

    extern const module_struct module_mild;
    extern const char *const fragment_mild[];

#ifdef __cplusplus
}
#endif

#endif
