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

   The probabilities of Lemma 7 are the core's sphere_chord_prob and
   sphere_chord_prob_lower (sphere.h).  See claims.tex for the
   statements as checked and the method. */
#ifndef CLAIMS_H
#define CLAIMS_H

#include "bc.h"
#include "check.h"
#include "module.h"

#ifdef __cplusplus
extern "C"
{
#endif

    /* The inequalities of the Gamma ratio R(d) = omega_{d-2}/omega_{d-1},
   each with a constant K = knum/kden (K = 1: the statement; other K:
   the negative controls):
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

    extern const module_struct module_claims;
    extern const char *const fragment_claims[];

#ifdef __cplusplus
}
#endif

#endif
