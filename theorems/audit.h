/* audit.h -- the audit of the paper's constants (module "audit").

   For each constant of Theorems 2-5 and Proposition 1 the module finds
   the proof step that produces it, computes the tightest constant for
   which that step is true (on a grid, and over the whole range where a
   proof is available), and reports stated vs tightest with an exact or
   rigorous witness for any violation.  The pieces are split by family:

     audit_chernoff.c  Thm 3, B.5: P[Bin(N, p) < n] <= exp(-c n / 4)
     audit_union.c     Thms 2 and 4 (3/4 and the union bound), Prop 1
     audit_cap.c       Thm 3 (1/(2 pi (r-1)), Claim 1), Thm 5 (radius)
     audit.c           the spec table, the records, the module

   The helpers below are exported for the tests and for `bench audit`. */
#ifndef AUDIT_H
#define AUDIT_H

#include "bc.h"
#include "check.h"
#include "module.h"

#ifdef __cplusplus
extern "C"
{
#endif

    /* ---------------------------------------------- Thm 3, Chernoff step */

    /* The p grid: 40 decimal rationals p_i = mant_i / 10^exp_i,
       log-spaced (2 significant digits) from 1/10000 to 1/2. */
#define AUDIT_NP 40
    void audit_p_get(fmpq_t p, slong i);

    /* The c grid, as 2c: 4, 5, 6, 8, 16 (c = 2, 2.5, 3, 4, 8). */
#define AUDIT_NC 5
    extern const ulong audit_c2[AUDIT_NC];
    /* "2", "2.5", "3", "4", "8" and the id tags "c2", "c2_5", ... */
    extern const char *const audit_c_str[AUDIT_NC];
    extern const char *const audit_c_tag[AUDIT_NC];

    /* The width of Thm 3, N = ceil(c * ceil(n / p)) with c = c2 / 2 (the
       outer ceiling only matters for c = 2.5; rounding up is the choice
       most favourable to the paper: more neurons, thinner tail).
       Returns 0 if N does not fit in a ulong. */
    ulong audit_thm3_width(ulong n, const fmpq_t p, ulong c2);

    /* out encloses P[Bin(N, p) < n] (rigorous, any N). */
    void audit_thm3_tail(arb_t out, ulong N, const fmpq_t p, ulong n, slong prec);

    /* The bounds compared with the tail, all with c = c2 / 2:
       which = 0: exp(-c n / 4)                      (as stated, Thm 3)
       which = 1: exp(-n (c - 1 - ln c))             (relative entropy)
       which = 2: exp(-(c - 1)^2 n / (2 c))          (multiplicative)
       which = 3: exp(-c n / 8)                      (multiplicative, delta >= 1/2) */
    void audit_thm3_bound(arb_t out, int which, ulong n, ulong c2, slong prec);

    /* Decides tail <= bound for one cell, raising the precision (and, for
       N <= AUDIT_EXACT_N, falling back to the exact rational tail) until
       decided.  tail is set to the last enclosure of the tail. */
#define AUDIT_EXACT_N 4000
    truth_t audit_thm3_decide(arb_t tail, ulong N, const fmpq_t p, ulong n, int which, ulong c2);

    typedef struct
    {
        ulong n, N, c2;
        slong pi;         /* index into the p grid */
        arb_t tail;       /* P[Bin(N, p) < n] */
        arb_t kappa;      /* -ln(tail) / (c n) */
        truth_t holds[4]; /* tail <= bound[which] */
    } audit_cell;

    typedef struct
    {
        slong ncells;
        audit_cell *cells;
        slong nn; /* the n values of the grid */
        ulong *nvals;
        slong np; /* the p indices of the grid */
        slong *pidx;
        double seconds;
        const char *desc; /* the grid, in words */
    } audit_grid_struct;

    typedef audit_grid_struct audit_grid_t[1];

    /* Builds and evaluates the grid of the given size with T threads:
       quick: n in {1,2,3,5,8,12,20,30,50,70,90,100}, every third p and the
       two ends, all five c; default: n = 1..100, the 40 p, all five c;
       full: n = 1..200. */
    void audit_grid_run(audit_grid_t G, run_size size, int threads);
    void audit_grid_clear(audit_grid_t G);

    /* c* in (2, 3), the root of (3/4) c - 1 - ln c: exp(-n (c - 1 - ln c))
       <= exp(-c n / 4) exactly when c >= c* (out encloses c*). */
    void audit_cstar(arb_t out, slong prec);

    /* ----------------------------------------- Thms 2 and 4, Prop 1 */

    /* Exact P[some point has no good neuron] for orthogonal data
       x_t = e_t (t = 1..m) with mpos targets > 0 and mneg < 0, n neurons,
       Assumption 1 (Thm 4, B.6): conditioning on K = #{v_i > 0} ~
       Bin(n, 1/2), the coordinates are independent fair signs, so
       P[all covered] = sum_K C(n,K) 2^-n (1 - 2^-K)^mpos (1 - 2^-(n-K))^mneg. */
    void audit_thm4_fail_orth(fmpq_t out, ulong n, ulong mpos, ulong mneg);

    /* Exact P[some nonempty S_j^{+-} has no good neuron] for singleton data
       in R^d (Thm 2, B.4) where every coordinate has both sets non-empty;
       same_sign coordinates need the same sign of v on S_j^+ and S_j^-,
       the other d - same_sign coordinates opposite signs. */
    void audit_thm2_fail_singleton(fmpq_t out, ulong n, ulong d, ulong same_sign);

    /* Brute force over all sign patterns (for tests; small n, m):
       the same probability as audit_thm4_fail_orth. */
    void audit_thm4_fail_orth_brute(fmpq_t out, ulong n, const int *ysign, ulong m);

    /* --------------------------------------- Thm 3 Claim 1, Thm 5 */

    /* out encloses the fraction of S^{d-1} (the unit sphere of R^d, d >= 2)
       within angle theta of a pole, 0 <= theta <= pi/2:
       (1/2) I_{sin^2 theta}((d - 1)/2, 1/2). */
    void audit_cap_fraction(arb_t out, ulong d, const arb_t theta, slong prec);

    /* out encloses omega_{d-2} / omega_{d-1} = Gamma(d/2) / (sqrt(pi) Gamma((d-1)/2)). */
    void audit_omega_ratio(arb_t out, ulong d, slong prec);

    /* The stated Thm 5 radius 2 sin(sqrt(2 pi) / (16 d sqrt d)). */
    void audit_thm5_radius(arb_t out, ulong d, slong prec);

    /* ------------------------------------------------ internal helpers */

    /* Starts record c for spec id of the audit table (aborts if absent). */
    void audit_check_start(check_t c, const char *id, const char *claim);

    /* "[lo, hi]", outward-rounded decimals of x (flint_free the result) */
    char *audit_encl(const arb_t x, slong digits);

    /* The record writers of each family. */
    void audit_records_thm3(checklist_t out, const run_opts *opts);
    void audit_records_union(checklist_t out, const run_opts *opts);
    void audit_records_prop1(checklist_t out, const run_opts *opts);
    void audit_records_caps(checklist_t out, const run_opts *opts);

    /* -------------------------------------------------------- module */

    extern const char *const fragment_audit[];
    extern const module_struct module_audit;

#ifdef __cplusplus
}
#endif

#endif
