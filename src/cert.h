/* cert.h -- certificates: the witnesses behind exact verdicts, exported
   so that a small independent program (recheck/) can re-decide them.

   A certifying algorithm (McConnell, Mehlhorn, Naeher, Schweitzer 2011)
   outputs with its answer a witness that a much simpler program can
   check.  The engines already compute such witnesses (KKT points and
   dual multipliers, LDL^T factors, exact tails, counterexample points,
   subdivisions, per-sample decisions); the emitters below write them as
   JSON in the format of docs/certificates.md (schema
   docs/certificate.schema.json) and attach them to a check record
   (check_cert_add).  `basincheck run --certificates DIR` writes one file
   per check that carries witnesses.

   Numbers are written so that nothing is lost: exact rationals as
   canonical strings "p/q" ("p" when q = 1), balls as {"mid", "rad"} with
   exact decimal strings, rounded outward (the decimal ball contains the
   Arb ball).

   Each emitter writes ONE witness, decides its verdict from the objects
   it is given (the same decision the check makes), attaches the witness
   to the check and returns the verdict; on BC_UNDECIDED it attaches
   nothing (an undecided statement has no certificate).  A check whose
   status is holds (consistent) must carry only witnesses with verdict
   holds (consistent); a check that fails (is violated) must carry at
   least one witness that fails (is violated): that is how the checker
   combines witnesses into the check's verdict.

   Emitters never modify their inputs; none is thread-safe on one check
   record (attach from one thread), except cert_mc_outcome and
   cert_mc_draws, which may be called concurrently for distinct
   samples. */
#ifndef CERT_H
#define CERT_H

#include "basin.h"
#include "bc.h"
#include "check.h"
#include "range.h"
#include <flint/fmpq_mat.h>

#ifdef __cplusplus
extern "C"
{
#endif

/* Version of the witness format written by this file (docs/certificates.md). */
#define CERT_VERSION 1
/* Deepest nesting of JSON containers the writer supports. */
#define CERT_MAX_DEPTH 32
/* Significant decimal digits of the midpoint of a written ball. */
#define CERT_BALL_DIGITS 30

    /* ------------------------------------------------ the JSON writer */

    /* A witness being written: a growing JSON text.  cert_init opens the
   witness object with its kind, version and verdict; the value writers
   below append members (key not NULL, inside an object) or elements
   (key NULL, inside an array); cert_finish closes it. */
    typedef struct
    {
        char *buf;
        size_t len;
        size_t alloc;
        slong depth;                  /* open containers */
        int nonempty[CERT_MAX_DEPTH]; /* the container at each depth has a member */
        char closer[CERT_MAX_DEPTH];  /* '}' or ']' */
    } cert_struct;

    typedef cert_struct cert_t[1];

    /* Starts a witness {"kind": kind, "version": CERT_VERSION, "verdict":
   verdict, "label": label ...} (label may be NULL: no label).  verdict
   is one of "holds", "fails", "consistent", "violated", or NULL when it
   is known only later: the caller then writes the member "verdict"
   itself (cert_str), anywhere in the object. */
    void cert_init(cert_t c, const char *kind, const char *verdict, const char *label);

    /* Frees c (an unfinished witness is discarded). */
    void cert_clear(cert_t c);

    /* Closes every open container and returns the witness text (the caller
   owns it: pass it to check_cert_add or flint_free it); c is left
   empty, to be cleared or re-initialised. */
    char *cert_finish(cert_t c);

    /* Finishes c and attaches the witness to chk (check_cert_add). */
    void cert_attach(check_t chk, cert_t c);

    /* Containers: key is the member name inside an object, NULL inside
   an array.  Aborts on unbalanced use or nesting deeper than
   CERT_MAX_DEPTH (programming errors). */
    void cert_begin_object(cert_t c, const char *key);
    void cert_end_object(cert_t c);
    void cert_begin_array(cert_t c, const char *key);
    void cert_end_array(cert_t c);

    /* Scalars. cert_str writes a JSON string (escaped); cert_raw a JSON
   value given as text (an expression, see docs/certificates.md: it
   must be valid JSON, which is not checked). */
    void cert_str(cert_t c, const char *key, const char *s);
    void cert_raw(cert_t c, const char *key, const char *json);
    void cert_si(cert_t c, const char *key, slong x);
    void cert_ui(cert_t c, const char *key, ulong x);
    void cert_bool(cert_t c, const char *key, int x);

    /* A 64-bit unsigned integer as a decimal string (JSON numbers above
   2^53 are not exact in every reader): seeds and stream identifiers. */
    void cert_u64(cert_t c, const char *key, uint64_t x);

    /* Exact numbers as canonical rational strings "p/q" or "p". */
    void cert_fmpq(cert_t c, const char *key, const fmpq_t x);
    void cert_fmpz(cert_t c, const char *key, const fmpz_t x);
    /* The exact value of the finite double x (a dyadic rational); aborts
   on inf or nan. */
    void cert_d(cert_t c, const char *key, double x);
    /* The exact value of the Arb ball x when its radius is 0 (an exact
   dyadic), as a rational string; aborts otherwise. */
    void cert_arb_exact(cert_t c, const char *key, const arb_t x);

    /* The ball x as {"mid": M, "rad": R}: M and R exact decimal strings
   ("-1.25e-3"), M with CERT_BALL_DIGITS significant digits and R >= 0
   rounded up so that [M - R, M + R] contains x; a non-finite x is
   written {"mid": "0", "rad": "inf"}. */
    void cert_arb(cert_t c, const char *key, const arb_t x);

    /* A real: the rational string of x when x is exact (radius 0), else
   the ball as cert_arb writes it. */
    void cert_real(cert_t c, const char *key, const arb_t x);

    /* Vectors and matrices of exact rationals: arrays of rational strings,
   a matrix as an array of rows. */
    void cert_fmpq_vec(cert_t c, const char *key, const fmpq *v, slong len);
    void cert_fmpq_mat(cert_t c, const char *key, const fmpq_mat_t M);
    /* An array of integers. */
    void cert_int_vec(cert_t c, const char *key, const int *v, slong len);
    void cert_si_vec(cert_t c, const char *key, const slong *v, slong len);

    /* A decimal string for the ball x rounded outward: exact decimal
   strings *mid and *rad (flint_free both) as cert_arb writes them. */
    void cert_arb_decimal(char **mid, char **rad, const arb_t x);

    /* ------------------------------------------------------- emitters */

    /* Positive (semi)definiteness of the symmetric rational matrix A
   (kind "psd").  definite = 0: the claim "A is PSD"; 1: "A is positive
   definite".  Computes P A P^T = L D L^T by symmetric elimination with
   diagonal pivots (P a permutation, L unit lower triangular, D
   diagonal); when every pivot is >= 0 (> 0 for definite) the witness is
   (perm, L, D) and the verdict holds, else it is a rational vector x
   with x^T A x < 0 (<= 0 with x != 0 for definite) and the verdict
   fails.  Returns BC_TRUE / BC_FALSE; BC_UNDECIDED (nothing attached)
   when A is not square and symmetric. */
    truth_t cert_psd(check_t chk, const char *label, const fmpq_mat_t A, int definite);

    /* The factorisation behind cert_psd, for callers that want it: sets
   perm (n entries), L (n x n, resized) and D (n entries) with
   P A P^T = L D L^T over the leading `*done` pivots; when a pivot fails
   (a negative Schur diagonal, or a zero diagonal block with a non-zero
   entry, or for definite any zero pivot) x (n entries) receives a
   vector with x^T A x < 0 (<= 0, x != 0) and 0 is returned; else 1 (x
   untouched, *done = n).  A must be square and symmetric (aborts
   otherwise). */
    int cert_ldl(slong *perm, fmpq_mat_t L, fmpq *D, fmpq *x, slong *done, const fmpq_mat_t A, int definite);

    /* Basin value (kind "basin"): the problem B (data, pattern) and the
   result R of basin_value on it: the rational primal point z (upper
   bound f(z)) and the dual certificate (r, mu) (lower bound), from
   which the checker re-decides feasibility, stationarity, the values
   and, when lower = upper, exactness (complementary slackness then
   holds).  W, v (the network whose basin B is, as basin_pattern took
   them) may be NULL; when given, the checker re-derives the pattern
   from their signs.  rel = NULL: the claim is the bracket
   lower <= Bas <= upper (verdict holds); else rel is "<=", "<", ">=" or
   ">" and the claim is Bas rel rhs, decided from the bracket.  Returns
   the verdict; BC_UNDECIDED (nothing attached) when the comparison is
   not decided by the bracket or R is not certified. */
    truth_t cert_basin(check_t chk, const char *label, const basin_t B, const basin_result_t R,
                       const fmpq_mat_t W, const fmpq *v, const char *rel, const fmpq_t rhs);

/* claims of a critical-point witness */
#define CERT_CRIT_STATIONARY 0 /* the gradient is zero */
#define CERT_CRIT_SECOND 1     /* gradient zero and Hessian PSD (second-order point) */
#define CERT_CRIT_STRICT 2     /* gradient zero and Hessian PD: a strict local minimum */

    /* Critical point of the squared loss of the two-layer ReLU network
   N(W, v)(x) = sum_j v_j [<w_j, x>]_+ on data (X, y), in the parameters
   (w_1, ..., w_n, v) (kind "critical", function "relu2"): computes the
   gradient and the Hessian exactly (valid where no <w_j, x_t> is 0) and
   decides claim (CERT_CRIT_*): the witness carries the point, the
   gradient, and the Hessian's LDL^T (cert_ldl) or a direction of
   negative (non-positive) curvature.  Returns the verdict; BC_UNDECIDED
   (nothing attached) when some <w_j, x_t> = 0 (the loss is not
   differentiable there) or the sizes disagree. */
    truth_t cert_critical_relu(check_t chk, const char *label, const fmpq_mat_t X, const fmpq *y,
                               const fmpq_mat_t W, const fmpq *v, int claim);

    /* The same for the basin objective f(z) = |M z - y|^2 / m of B (function
   "basin_quadratic"), at z (n d entries).  f is a convex quadratic, so
   a zero gradient is a global minimum of f over R^{nd}. */
    truth_t cert_critical_basin(check_t chk, const char *label, const basin_t B, const fmpq *z, int claim);

    /* Binomial tail (kind "binomial"): tail = 0 for P[Bin(N, p) <= k], 1 for
   P[Bin(N, p) >= k], with the value the caller computed: exact
   (cert_binom_fmpq) or a ball (cert_binom_arb).  The checker re-sums the
   tail and confirms the value (equality; containment for a ball).
   Verdict holds. */
    void cert_binom_fmpq(check_t chk, const char *label, int tail, ulong N, const fmpq_t p, ulong k,
                         const fmpq_t value);
    void cert_binom_arb(check_t chk, const char *label, int tail, ulong N, const fmpq_t p, ulong k,
                        const arb_t value);

    /* Clopper-Pearson statements at per-side tail level a (kind
   "clopper_pearson"), decided as binom.h decides them:
     cert_cp_upper_ge: the exact upper limit of K successes in N trials
       is >= every point of the ball b (binom_cp_upper_ge);
     cert_cp_agrees: the ball x lies in the exact interval
       (binom_cp_agrees);
     cert_cp_interval: the printed limits of binom_cp_interval are
       outward (lo <= exact lower, hi >= exact upper); verdict holds.
   Return the verdict (nothing attached on BC_UNDECIDED). */
    truth_t cert_cp_upper_ge(check_t chk, const char *label, ulong N, ulong K, double a, const arb_t b);
    truth_t cert_cp_agrees(check_t chk, const char *label, ulong N, ulong K, double a, const arb_t x);
    void cert_cp_interval(check_t chk, const char *label, ulong N, ulong K, double a);

    /* A named inequality at a point (kind "inequality"): lhs rel rhs with
   rel one of "<=", "<", ">=", ">", where `name` is an inequality the
   checker knows (docs/certificates.md lists them) and the point gives
   its parameters par_names[i] = par_values[i] (exact).  lhs, rhs are
   the caller's enclosures of the two sides; the verdict is decided from
   them (holds / fails; an erratum's counterexample fails).  Returns the
   verdict, BC_UNDECIDED (nothing attached) when the balls do not
   decide or name is NULL. */
    truth_t cert_inequality(check_t chk, const char *label, const char *name, slong npar,
                            const char *const *par_names, const fmpq *par_values, const arb_t lhs,
                            const char *rel, const arb_t rhs);

    /* The same with exact sides; name may be NULL: the claim is then the
   comparison of the two rationals themselves (as expressions). */
    truth_t cert_inequality_fmpq(check_t chk, const char *label, const char *name, slong npar,
                                 const char *const *par_names, const fmpq *par_values, const fmpq_t lhs,
                                 const char *rel, const fmpq_t rhs);

    /* An inequality between two expressions (JSON text in the expression
   language of docs/certificates.md, e.g.
   {"fn": "exp", "args": ["-1/2"]}), with enclosures of both sides. */
    truth_t cert_inequality_expr(check_t chk, const char *label, const char *lhs_expr, const arb_t lhs,
                                 const char *rel, const char *rhs_expr, const arb_t rhs);

    /* Expressions (docs/certificates.md) as JSON text, for
   cert_inequality_expr: cert_e_q and cert_e_si write an exact number,
   cert_e_fn the application {"fn": fn, "args": [...]} of fn to nargs
   expressions given as further arguments (char *), which it takes over
   (frees).  Every result is allocated with flint_malloc: pass it on to
   cert_e_fn or flint_free it.  Example: sin(j pi / 64) is
   cert_e_fn("sin", 1, cert_e_fn("mul", 2, cert_e_q(j64), cert_e_fn("pi", 0))). */
    char *cert_e_q(const fmpq_t x);
    char *cert_e_si(slong x);
    char *cert_e_fn(const char *fn, slong nargs, ...);

    /* Theorem 2's exact probabilities on singleton data (kind "singleton"):
   data X (m x d, every row with one non-zero entry), targets y, the
   per-side constant c, and ncomp comparisons, comp[3 i], comp[3 i + 1],
   comp[3 i + 2] = lhs, rel, rhs with lhs and rhs among "good" (P[Bas =
   alpha_n] under Assumption 1), "event" (P[B.4's event]), "needy"
   (1 - N c^n, N the sides with a need) and "sides" (1 - 2d c^n), rel
   "<=", ">=" or "=", claimed for every width n = n0..n1; t is the
   caller's decision (holds when every comparison holds at every n).  The
   checker derives every probability from the data itself.  Returns t;
   BC_UNDECIDED attaches nothing. */
    truth_t cert_singleton(check_t chk, const char *label, const fmpq_mat_t X, const fmpq *y, slong n0,
                           slong n1, const fmpq_t c, slong ncomp, const char *const *comp, truth_t t);

    /* Theorem 5's hypotheses on clustered data (kind "clusters"): data X
   (m x d), targets y, centres C (k x d), constants B2 = B^2, c2 = c^2,
   gamma2 = gamma^2, and one hypothesis by name ("k<=d", "nonempty",
   "general", "unique", "radius", "cnorm", "bnorm", "lipschitz";
   docs/certificates.md defines them) with the caller's decision t of
   it.  The checker assigns the clusters and decides the hypothesis
   itself.  Returns t; BC_UNDECIDED attaches nothing. */
    truth_t cert_clusters(check_t chk, const char *label, const fmpq_mat_t X, const fmpq *y,
                          const fmpq_mat_t C, const fmpq_t B2, const fmpq_t c2, const fmpq_t gamma2,
                          const char *hypothesis, truth_t t);

    /* --------------------------------------------------- range proofs */

    /* The boxes a range_prove run settled, recorded through the prover's
   hook (range_problem_struct.record). */
    typedef struct
    {
        slong n;
        slong alloc;
        slong *par;
        arb_ptr A;
        arb_ptr B;
        arb_ptr enc; /* enclosure of h (by enclosure) or of h' (by monotonicity) */
        int *how;    /* RANGE_BY_* */
    } cert_range_struct;

    typedef cert_range_struct cert_range_t[1];

    void cert_range_init(cert_range_t T);
    void cert_range_clear(cert_range_t T);

    /* Empties T and makes P record into it (sets P->record, P->record_ctx);
   T must outlive the range_prove runs of P. */
    void cert_range_attach(cert_range_t T, range_problem_t P);

    /* Range proof (kind "range") of the run of P that recorded into T and
   produced R: h(x) >= 0 for x in [lo, hi] and every parameter in
   [P->par_lo, P->par_hi], where h is the checker's named function
   `function` with the exact constants par_names[i] = par_values[i]
   (e.g. K = 1), and lo_expr, hi_expr are the exact range ends as
   expressions (JSON text: "\"0\"", "{\"fn\": \"pi\"}").  R->status
   BC_TRUE: the witness is the subdivision (each box, how it was
   settled, its enclosure), verdict holds; BC_FALSE: the counterexample
   point and its enclosure, verdict fails.  Returns R->status;
   BC_UNDECIDED attaches nothing. */
    truth_t cert_range(check_t chk, const char *label, const cert_range_t T, const range_problem_t P,
                       const range_result_t R, const char *function, slong npar, const char *const *par_names,
                       const fmpq *par_values, const char *lo_expr, const char *hi_expr);

    /* ---------------------------------------------------- Monte Carlo */

    /* The per-sample record of one Monte Carlo check: the outcome of every
   sample, and the drawn values of a few spot samples.  The spot samples
   are chosen from the run's seed, not by the caller: spot j is
   rng_below(samples) of the stream (seed, rng_stream_id("cert.spot/"
   stream), j), so that a checker can re-derive them. */
    typedef struct
    {
        uint64_t seed;
        char *stream; /* the Monte Carlo stream's name */
        ulong samples;
        char *outcome; /* samples chars: '1' event true, '0' false, 'u' undecided, '?' not recorded */
        slong nspot;
        ulong *spot;   /* the spot sample indices */
        slong *ndraws; /* recorded draws per spot (-1: none) */
        double **draws;
    } cert_mc_struct;

    typedef cert_mc_struct cert_mc_t[1];

/* Most samples whose outcomes a cert_mc_t records (one byte each). */
#define CERT_MC_MAX_SAMPLES (UINT64_C(1) << 28)

    /* Prepares M for samples samples of stream `stream` (its name, as given
   to module_mc_run) under seed, with nspot spot samples (0 <= nspot;
   nspot = 0 when samples = 0).  Above CERT_MC_MAX_SAMPLES samples M
   records nothing and cert_mc attaches nothing. */
    void cert_mc_init(cert_mc_t M, uint64_t seed, const char *stream, ulong samples, slong nspot);
    void cert_mc_clear(cert_mc_t M);

    /* Records the outcome of sample index (BC_TRUE, BC_FALSE, BC_UNDECIDED).
   Safe to call concurrently for distinct indices. */
    void cert_mc_outcome(cert_mc_t M, ulong index, truth_t t);

    /* 1 when sample index is a spot sample (its draws are wanted). */
    int cert_mc_is_spot(const cert_mc_t M, ulong index);

    /* Records the n values drawn for sample index, if it is a spot sample
   (else does nothing), in the order the event reads them.  Safe to call
   concurrently for distinct indices. */
    void cert_mc_draws(cert_mc_t M, ulong index, const double *x, slong n);

    /* Monte Carlo witness (kind "montecarlo") of the claim P[E] >= b judged
   at per-side tail level a as checklist_judge judges it: consistent
   when the exact Clopper-Pearson upper limit with undecided samples
   counted as failures is >= b, violated when the one with undecided
   samples counted as successes is < b.  event is the checker's name of
   the per-sample event with its parameters as a JSON object (text, may
   be NULL: "{}"), bound_expr the exact bound as an expression (JSON
   text, may be NULL: the ball b is written instead).  The counts are
   taken from M's outcomes.  Returns BC_TRUE (consistent), BC_FALSE
   (violated) or BC_UNDECIDED (nothing attached). */
    truth_t cert_mc(check_t chk, const char *label, const cert_mc_t M, const char *event,
                    const char *event_params, double a, const arb_t b, const char *bound_expr);

    /* The witness of one statistical test (kind "test"), written where it
   is judged (checklist_judge): its kind (bound P[E] >= b, or equality
   P[E] = p), label, N, K, U, the target (exact when the ball is, else
   the ball) and the per-side level a, with the verdict t->status
   (consistent or violated).  The checker re-judges the test with its own
   binomial tails, counting the U undecided samples both ways, and
   confirms that a is (1 - C)/(2F) rounded down, from the confidence C
   and the family size F of the run's index.  Attaches nothing when the
   test is undecided (returns 0); else returns 1. */
    int cert_test(check_t chk, const check_test *t);

    /* Removes from chk the witnesses of kind `kind` (a re-judgement
   replaces its test witnesses). */
    void cert_drop_kind(check_t chk, const char *kind);

    /* --------------------------------------------------------- files */

    /* Makes dir (and its parents) if missing.  Returns 0, or -1 with errno
   set (ENOTDIR when dir or a parent exists and is not a directory). */
    int cert_mkdir(const char *dir);

    /* Writes the certificate file of c, which carries witnesses, to f:
   {"format": "basincheck-certificate", "version", "check", "claim",
   "status", "expected", "seed", "witnesses": [...]}.  Returns 0, or -1 on
   a write error. */
    int cert_write_check(FILE *f, const check_struct *c, uint64_t seed);

    /* Writes the run's certificate index to f: {"format":
   "basincheck-certificate-index", "version", "seed", "revision",
   "confidence" (the exact text of the family-wise confidence C),
   "family_size" (F, the number of statistical tests judged), "checks":
   [{"id", "kind", "strength", "control", "status", "expected",
   "certificate"}]} with
   every check of L, "certificate" its file name or null, so that a
   checker knows which files belong to the run and how many decided
   checks carry none.  Returns 0, or -1 on a write error. */
    int cert_write_index(FILE *f, const checklist_t L, uint64_t seed, const char *revision,
                         const char *confidence, slong family);

    /* 1 when c has a certificate file: it carries witnesses and its status
   is a decision (holds, fails, consistent, violated, inapplicable); the
   witnesses of a check left undecided are not written. */
    int cert_carries(const check_struct *c);

    /* The file name of c's certificate, "<id>.json" (flint_free it). */
    char *cert_file_name(const check_struct *c);

    /* --- internal, shared between the cert_*.c files --- */

    /* Writes the members of an LDL^T witness of the symmetric A into the
   open object of c: "perm", "L", "D" and returns 1 when every pivot is
   >= 0 (> 0 for definite), else "vector", "value" (x, x^T A x) and
   returns 0. */
    int _cert_ldl_members(cert_t c, const fmpq_mat_t A, int definite);

#ifdef __cplusplus
}
#endif

#endif
