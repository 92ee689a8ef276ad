/* audit.h -- the audit of the paper's constants (module "audit").

   For each constant of Theorems 2-5 and Proposition 1 the module finds
   the proof step that produces it, computes the tightest constant for
   which that step is true (on a grid, and over the whole range where a
   proof is available), and reports stated vs tightest with an exact or
   rigorous witness for any violation.  The claimed constants are read
   from src/paper.h (and Claim 1's bound from src/sphere.h), where the
   module's mutants change them.  The pieces are split by family:

     audit_chernoff.c  Thm 3, B.5: the grid of P[Bin(N, p) < n] against
                       the stated exp(-c n / 4) and the corrected bounds
                       (src/chernoff.h)
     audit_union.c     Thms 2 and 4: exact failure probabilities
     audit_cap.c       Thm 3 Claim 1, Thm 5: caps, bands, Claim 2's angle
     audit_rec_*.c     the records of each family
     audit_bench.c     `basincheck bench audit` (the module's bench hook)
     audit.c           the tables of checks and mutants, the module

   The functions below are the module's own; the tests and the bench use
   them, no other module does. */
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
    /* the index of c = 4 in the c grid (the controls' c) */
#define AUDIT_C4 3

    /* The width of Thm 3, N = ceil(c * ceil(n / p)) with c = c2 / 2 (the
       outer ceiling only matters for c = 2.5; rounding up is the choice
       most favourable to the paper: more neurons, thinner tail).
       Returns 0 if N does not fit in a ulong. */
    ulong audit_thm3_width(ulong n, const fmpq_t p, ulong c2);

    /* out encloses P[Bin(N, p) < n] (rigorous, any N). */
    void audit_thm3_tail(arb_t out, ulong N, const fmpq_t p, ulong n, slong prec);

    /* The bounds a cell's tail is compared with (c = c2 / 2):
         AUDIT_STATED     exp(-kappa c n), kappa Theorem 3's rate
                          (paper_thm3_rate, 1/4)
         AUDIT_KL         exp(-n (c - 1 - ln c)), the Poisson form of
                          chernoff.h at mu = c n, k = n
         AUDIT_MULT       exp(-(c - 1)^2 n / (2 c)), the multiplicative
                          form at mu = c n, delta = 1 - 1/c
         AUDIT_MULT_HALF  exp(-c n / 8), the multiplicative form at
                          mu = c n, delta = 1/2
         AUDIT_CONTROL    exp(-2 kappa c n), the stated rate doubled (the
                          control audit.control.kappa_tighter) */
    typedef enum
    {
        AUDIT_STATED = 0,
        AUDIT_KL,
        AUDIT_MULT,
        AUDIT_MULT_HALF,
        AUDIT_CONTROL,
        AUDIT_NBOUNDS
    } audit_bound;

    /* What the bounds read: the stated rate kappa, and the factor by which
       the corrected bounds' exponents are scaled (1; 2 under the mutant
       audit.mutant.chernoff_doubled). */
    typedef struct
    {
        fmpq_t kappa;
        ulong chernoff_scale;
    } audit_rates_struct;

    typedef audit_rates_struct audit_rates_t[1];

    /* Sets the paper's rates: kappa = paper_thm3_rate, scale 1. */
    void audit_rates_init(audit_rates_t r);
    void audit_rates_clear(audit_rates_t r);

    /* out encloses bound b at (n, c2) under the rates r.  Returns BC_TRUE,
       or, for the corrected bounds, what chernoff.h says of their
       hypotheses (out is then 1 when they are not decided true). */
    truth_t audit_thm3_bound(arb_t out, audit_bound b, ulong n, ulong c2, const audit_rates_t r, slong prec);

    /* Decides tail <= bound b for every b with want[b] set, for one cell,
       at rising precision (bc_decide_prec) and, for N <= AUDIT_EXACT_N,
       on the exact rational tail; sets res[b] (BC_UNDECIDED where not
       decided) and tail to the last enclosure of the tail.  Returns the
       precision reached. */
#define AUDIT_EXACT_N 4000
    slong audit_thm3_decide(truth_t *res, arb_t tail, ulong N, const fmpq_t p, ulong n, ulong c2,
                            const audit_rates_t r, const int *want);

    typedef struct
    {
        ulong n, N, c2;
        slong pi;                     /* index into the p grid */
        arb_t tail;                   /* P[Bin(N, p) < n] */
        arb_t kappa;                  /* -ln(tail) / (c n) */
        truth_t holds[AUDIT_NBOUNDS]; /* tail <= bound; BC_UNDECIDED where not asked */
        slong prec;                   /* the precision the decisions reached */
    } audit_cell;

    typedef struct
    {
        slong ncells;
        audit_cell *cells;
        slong nn; /* the n values of the grid */
        ulong *nvals;
        slong np; /* the p indices of the grid */
        slong *pidx;
        int cwant[AUDIT_NC]; /* the c values evaluated */
        double seconds;
        const char *desc; /* the grid, in words */
    } audit_grid_struct;

    typedef audit_grid_struct audit_grid_t[1];

    /* Builds the grid of the given size and evaluates, with T threads,
       the cells of the c values with cwant[k] set (NULL: all five), every
       bound of audit_bound (AUDIT_CONTROL at c = 4 only) under the rates
       r.  quick: n in {1,2,3,5,8,12,20,30,50,70,90,100}, every third p
       and the two ends; default: n = 1..100, the 40 p; full: n = 1..200. */
    void audit_grid_run(audit_grid_t G, run_size size, int threads, const int *cwant, const audit_rates_t r);
    void audit_grid_clear(audit_grid_t G);

    /* The cell of G for c index k, p index j (into G->pidx), n index i. */
#define audit_grid_cell(G, k, j, i) ((G)->cells + ((k) * (G)->np + (j)) * (G)->nn + (i))

    /* c* in (2, 3), the root of (1 - kappa) c - 1 - ln c (c* = 2.6150...
       for Theorem 3's kappa = 1/4): exp(-n (c - 1 - ln c)) <= exp(-kappa c n)
       exactly when c >= c*.  Returns BC_TRUE when f(2) < 0 < f(3) is
       decided, out then enclosing c* (bisection, prec steps, every sign
       decided at rising precision), BC_FALSE when it is decided false,
       BC_UNDECIDED when a sign is not decided (out = [2, 3] in both).
       *reached is raised to the highest precision a sign needed. */
    truth_t audit_cstar(arb_t out, const fmpq_t kappa, slong prec, slong *reached);

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

    /* The worst split of m target signs for n neurons (Thm 4, orthogonal
       data): out = max over mpos of audit_thm4_fail_orth(n, mpos,
       m - mpos), *mpos_worst the split attaining it. */
    void audit_thm4_worst(fmpq_t out, ulong *mpos_worst, ulong n, ulong m);

    /* The same for singleton data in R^d (Thm 2): the max over same_sign
       = 0..d of audit_thm2_fail_singleton(n, d, same_sign). */
    void audit_thm2_worst(fmpq_t out, ulong *same_worst, ulong n, ulong d);

    /* --------------------------------------- Thm 3 Claim 1, Thm 5 */

    /* Theorem 5's per-neuron failure bound at the stated radius (B.7):
       out encloses f_d = 1 - (1/2)(1/2 - d band_d(rho_d)) = 3/4 + (d/2)
       band_d(rho_d), rho_d = 2 sin(sqrt(2 pi) / (16 d sqrt d)), band_d of
       sphere.h (the corrected angle arcsin rho_d), k <= d clusters. */
    void audit_thm5_fail(arb_t out, ulong d, slong prec);

    /* The reconstructed Claim 2 of B.7 on its instance c = (1, 0),
       delta = 1/2 (s = delta/|c| = 1/2): w in the cap S(c, pi/2 - alpha)
       implies <w, x> > 0 for every x with |x - c| <= delta.  sin2 is
       sin^2 alpha, exact: the paper's alpha = 2 arcsin(s/2) gives
       s^2 (1 - s^2/4), the corrected alpha = arcsin s gives s^2.  Returns
       BC_FALSE when the fixed counterexample x = (4/5, -9/20), w = (1, 9/5)
       is certified (|x - c|^2 <= delta^2, <w, c>^2 > sin2 |w|^2 |c|^2 with
       <w, c> > 0, and <w, x> <= 0), BC_TRUE when the claim is proved on the
       instance (sin2 >= s^2: every point of the ball is within angle
       arcsin s of c, every w of the cap within pi/2 - alpha, so the angle
       between them is below pi/2), else BC_UNDECIDED.  Sets xc2 =
       |x - c|^2, cap_lhs = <w, c>^2, cap_rhs = sin2 |w|^2 |c|^2, wx =
       <w, x>. */
    truth_t audit_cap_angle_decide(fmpq_t xc2, fmpq_t cap_lhs, fmpq_t cap_rhs, fmpq_t wx, const fmpq_t sin2);

    /* ------------------------------------------------ internal helpers */

    /* "[lo, hi]", outward-rounded decimals of x (flint_free the result) */
    char *audit_encl(const arb_t x, slong digits);

    /* Appends row (a flint_malloc'd string, taken over and freed) to the
       "; "-separated list *list (NULL: empty). */
    void audit_list_append(char **list, char *row);

    /* The record writers of each family. */
    void audit_records_thm3(run_t R);
    void audit_records_union(run_t R);
    void audit_records_prop1(run_t R);
    void audit_records_caps(run_t R);

    /* The bench hook: `basincheck bench audit [--quick|--full]
       [--threads T]` evaluates the whole Chernoff grid and prints its
       counts and time; argv[0] is the benchmark's name.  Returns an exit
       status (2 on a bad option, after one line on stderr). */
    int audit_bench(int argc, char **argv);

    /* -------------------------------------------------------- module */

    extern const char *const fragment_audit[];
    extern const module_struct module_audit;

#ifdef __cplusplus
}
#endif

#endif
