/* claims.h -- the claims on sphere caps behind Theorems 3 and 5, proved
   over ranges in ball arithmetic (module "claims"):

   Claim 1 (Thm 3, B.5)  int_0^theta sin^{d-2} >= sin^{d-1}(theta)/(d-1) on
                         [0, pi]; omega_{d-2}/omega_{d-1} increasing in d;
                         the cap fraction >= sin^{d-1}(theta)/(pi (d-1));
   Claim 3 (Thm 5, B.7)  int_0^{pi/2-theta} sin^{d-2} >=
                         omega_{d-1}/(2 omega_{d-2}) - theta; and
                         omega_{d-1}/omega_d <= sqrt(d/(2 pi));
   Lemma 7 (Thm 3, B.5)  a uniformly random neuron (direction and output
                         sign) is within the angle 2 arcsin(delta/2) of a
                         target with probability >= p_eps, on the
                         rank(X)-dimensional sphere (reconstructed).

   Claim 1's bound is the core's sphere_cap_lower_bound and Lemma 7's
   probabilities the core's sphere_chord_prob and sphere_chord_prob_lower
   (sphere.h); the module reads Claim 1's constant as a factor on them
   (claims_claim1_constant), where its mutants change it.  The files, one
   per family of checks (the table's file column says which produces a
   check):

     claims_claim1.c  Claim 1 over ranges (the integral and the cap
                      bound), its controls, the figure
     claims_claim3.c  Claim 3 over its range
     claims_ratio.c   the Gamma-ratio statements in d alone (Claim 1's
                      monotonicity, Wendel's bounds, Claim 3's bound) and
                      their tightened controls
     claims_lemma7.c  Lemma 7: the exact grid and the Monte Carlo checks
     claims_range.c   the range prover's result as a record, the pointwise
                      confirmation, the verdict of a range check
     claims.c         the tables of checks and mutants, the module

   See claims.tex for the statements as checked and the method. */
#ifndef CLAIMS_H
#define CLAIMS_H

#include "bc.h"
#include "check.h"
#include "module.h"
#include "range.h"

#ifdef __cplusplus
extern "C"
{
#endif

    /* The inequalities of the Gamma ratio R(d) = omega_{d-2}/omega_{d-1},
   each with a constant K = knum/kden (K = 1: the statement; other K:
   the negative controls and the mutants):
     CLAIMS_RATIO_MONO  K R(d) < R(d+1)                    (Claim 1)
     CLAIMS_RATIO_LO    K (d-1)/sqrt(2 pi d) <= R(d)       (Wendel, lower)
     CLAIMS_RATIO_HI    R(d) <= K sqrt((d-1)/(2 pi))       (Wendel, upper)
     CLAIMS_RATIO_C3    R(d+1) <= K sqrt(d/(2 pi))         (Claim 3) */
    typedef enum
    {
        CLAIMS_RATIO_MONO = 0,
        CLAIMS_RATIO_LO,
        CLAIMS_RATIO_HI,
        CLAIMS_RATIO_C3
    } claims_ratio_ineq;

    /* Decides inequality `which` for d = 2..N from enclosures T[d] of R(d)
   (T has N + 2 entries, T[2..N+1] set, e.g. by
   sphere_omega_ratio_table) at precision prec (the non-monotone forms are
   decided squared; all sides are positive).  Sets *nheld to the number of
   d decided true, *dfalse to the first d decided false and *dopen to the
   first undecided d (-1 if none).  Returns BC_FALSE when some d is
   decided false, else BC_UNDECIDED when some d is undecided, else
   BC_TRUE. */
    truth_t claims_ratio_decide(claims_ratio_ineq which, arb_srcptr T, slong N, slong knum, slong kden,
                                slong prec, slong *nheld, slong *dfalse, slong *dopen);

    /* The verdict of a statement proved over a range: t the range prover's
   status, ncex the number of counterexamples certified by the
   confirmations (pointwise enclosures, a second run of the prover).  A
   certified counterexample refutes the statement, also when the prover
   left boxes: BC_FALSE.  A proof (t = BC_TRUE) contradicted by a certified
   counterexample is a fault of the enclosures: BC_UNDECIDED, never a
   verdict.  Otherwise t. */
    truth_t claims_range_truth(truth_t t, slong ncex);

    /* ------------------------------------- the module's own functions */

    /* The precision (bits) of the range prover's box enclosures. */
#define CLAIMS_PREC 128

    /* The range of d of the statements in theta (claim1.*, claim3.integral),
   [2, claims_range_dmax(R)], and the points per d of their pointwise
   confirmation, for the run's size. */
    slong claims_range_dmax(const run_t R);
    slong claims_range_grid(const run_t R);

    /* Claim 1's constant as the module reads it, a factor on the core's
   bound sphere_cap_lower_bound (and on sin^{d-1}/(d-1), and on Lemma 7's
   sphere_chord_prob_lower): sets K = 1, or the value of the run's mutant
   of Claim 1 (3 or 1/2). */
    void claims_claim1_constant(fmpq_t K, run_t R);

    /* Appends the range prover's result to c: the fields (prover, range,
   boxes, how they were settled, depth, the first box left), the witness
   (the certified counterexample, if any) and the precision reached.
   par_name names the parameter ("d"). */
    void claims_range_fields(check_t c, const range_result_t res, const range_problem_t P,
                             const char *par_name);

    /* When res is a certified counterexample and c has no witness yet, makes
   it the witness of c (the exact point, the enclosure of h there and its
   precision). */
    void claims_range_witness(check_t c, const range_result_t res, const char *par_name);

    /* Pointwise confirmation, independent of the monotonicity arguments:
   h(theta_j) > 0 decided by enclosure alone (check_decide_prec) at
   theta_j = j hi / grid, j = 1..grid, for every d of P except skip_d
   (a d where h is identically 0).  Adds the field "pointwise" (what hi
   is in words: hi_str); when c has no witness yet, the first point
   where h < 0 is certified becomes it.  Returns the number of such
   points (certified counterexamples). */
    slong claims_pointwise(check_t c, const range_problem_t P, slong grid, const fmpq_t hi,
                           const char *hi_str, slong skip_d);

    /* The record writers of each family (each skips the checks the run
       does not want). */
    void claims_records_claim1(run_t R);
    void claims_records_claim3(run_t R);
    void claims_records_ratios(run_t R);
    void claims_records_lemma7(run_t R);

    extern const module_struct module_claims;
    extern const char *const fragment_claims[];

#ifdef __cplusplus
}
#endif

#endif
