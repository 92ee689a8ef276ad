/* check.h -- check records, the unit every module reports.

   A check is one decided statement: an exact or ball inequality, a claim
   proved over a range, a Monte Carlo rate compared with a bound, an
   agreement test of a sampled rate with an exact probability, or an
   audit of a constant.  Its status is computed; its expected status comes
   from the module's static table, and differs from holds/consistent only
   for negative controls and for documented errata.

   Every record also says what its verdict is evidence of (its strength,
   check_strength), so that a summary never counts a check that holds by
   construction as a verification of a claim. */
#ifndef CHECK_H
#define CHECK_H

#include "bc.h"

#ifdef __cplusplus
extern "C"
{
#endif

    typedef enum
    {
        CHECK_EXACT = 0, /* decided in exact rational arithmetic */
        CHECK_BALL,      /* decided with rigorous balls */
        CHECK_RANGE,     /* proved over a whole range by subdivision */
        CHECK_MONTECARLO,
        CHECK_AUDIT,    /* a constant of the paper traced and audited */
        CHECK_AGREEMENT /* sampled rates = exact probabilities (two-sided tests) */
    } check_kind;

    typedef enum
    {
        ST_NOTRUN = 0,
        ST_HOLDS,
        ST_FAILS,
        ST_UNDECIDED,
        ST_CONSISTENT,
        ST_VIOLATED,
        ST_INAPPLICABLE
    } check_status;

    /* What a verdict is evidence of.  STRENGTH_UNSET (0) is refused by the
       module tests: every check states its strength in its module's table. */
    typedef enum
    {
        STRENGTH_UNSET = 0,
        STRENGTH_DECIDES,     /* the claim's inequality decided on a witness or over a range */
        STRENGTH_WITNESSES,   /* a finite witness of a limit or existence claim (t = 2^-j, ...) */
        STRENGTH_STATISTICAL, /* Monte Carlo or agreement tests, inside the family-wise level */
        STRENGTH_SANITY       /* holds by construction or by an identity: tests code, not the claim */
    } check_strength;

    const char *check_kind_str(check_kind kind);
    const char *check_status_str(check_status st);
    const char *check_strength_str(check_strength s);

    /* Status of an exact/ball decision of the checked statement. */
    check_status check_status_from_truth(truth_t t);

    /* 1 when st is the decided opposite of the expected status e: a claim
       expected to hold (holds, consistent) that fails, is violated or is
       found inapplicable, or a control or erratum expected to fail (fails,
       violated, inapplicable) that holds or is consistent.  This is what kills a mutant; undecided
       never does. */
    int check_status_flipped(check_status st, check_status e);

    typedef struct
    {
        char *key;
        char *value;
    } check_field;

    /* One statistical test of a record, judged by checklist_judge once the
       size of the run's family of tests is known:
         TEST_BOUND  the claim P[E] >= b (one-sided; violated when the
                     Clopper-Pearson upper limit is below b);
         TEST_EQUAL  the claim P[E] = p for an exactly known p (two-sided:
                     violated when p lies outside the interval). */
    typedef enum
    {
        TEST_BOUND = 0,
        TEST_EQUAL
    } check_test_kind;

    typedef struct
    {
        check_test_kind kind;
        char *label; /* which cell of the check ("d = 4, n = 8"), or NULL */
        ulong samples;
        ulong successes;
        ulong undecided;   /* samples whose event could not be decided */
        ulong escalations; /* samples decided only after the double filter failed */
        arb_t target;      /* b (bound) or p (exact probability) */
        char *target_tex;  /* as the paper writes it (LaTeX), or NULL */
        /* filled by checklist_judge */
        double tail;         /* per-side tail level of the interval */
        check_status status; /* consistent, violated or undecided */
        char *lo;            /* Clopper-Pearson limits, rigorous decimals */
        char *hi;
        char *estimate;
        char *slack; /* bound tests: lower limit minus b, rounded down */
    } check_test;

    typedef struct
    {
        char *id;
        const char *module; /* the module's name (static storage), or NULL */
        const char *src;    /* the source file that produced the record, or NULL */
        char *claim;
        check_kind kind;
        check_strength strength;
        char *statement; /* LaTeX: what this run checked beyond the fragment's text */
        int reconstructed;
        int control; /* a negative control */
        check_status status;
        check_status expected;
        char *note; /* why expected differs, erratum text, or remarks (LaTeX) */
        char *witness;
        double seconds; /* wall time; between run_check and run_push, the start time */
        slong prec;     /* highest working precision (bits) a decision needed; 0: none */
        slong nfields;
        check_field *fields;
        slong ntests; /* statistical tests (Monte Carlo and agreement) */
        check_test *tests;
        slong ncerts; /* certificates: witnesses as JSON objects (src/cert.h) */
        char **certs;
    } check_struct;

    typedef check_struct check_t[1];

    void check_init(check_t c);
    void check_clear(check_t c);

    /* Appends a key/value field; the value is formatted printf-style. */
    void check_field_add(check_t c, const char *key, const char *fmt, ...)
#ifdef __GNUC__
        __attribute__((format(printf, 3, 4)))
#endif
        ;

    /* Appends field key with value the rigorous ball x as a decimal string. */
    void check_field_arb(check_t c, const char *key, const arb_t x, slong digits);

    /* Appends field key with the exact rational x in canonical form ("p/q",
       "p" when q = 1). */
    void check_field_fmpq(check_t c, const char *key, const fmpq_t x);

    /* Sets the witness (replacing any previous), printf-style. */
    void check_set_witness(check_t c, const char *fmt, ...)
#ifdef __GNUC__
        __attribute__((format(printf, 2, 3)))
#endif
        ;

    /* Sets the witness of a Monte Carlo tally: the seed and the stream
       (sample i of stream s under seed S reads Philox stream (S, s, i)),
       and what was counted (a short phrase, may be NULL). */
    void check_set_stream_witness(check_t c, uint64_t seed, const char *stream, const char *what);

    /* Appends to the note, printf-style. */
    void check_add_note(check_t c, const char *fmt, ...)
#ifdef __GNUC__
        __attribute__((format(printf, 2, 3)))
#endif
        ;

    /* Records that a decision of c needed prec bits (keeps the maximum). */
    void check_note_prec(check_t c, slong prec);

    /* A decision of c at rising precision: bc_decide_prec, recording the
       precision reached in c (check_note_prec); c may be NULL. */
    truth_t check_decide_prec(check_t c, bc_decide_fn f, void *ctx, slong prec0);

    /* The setters of a verdict, one per kind of result.  Each sets
       c->status and nothing else.

       check_decide: the checked statement decided: holds, fails or
       undecided.

       check_count: a statement over many items: fails when bad > 0
       (one refuted item refutes it), else undecided when undecided > 0,
       else holds.

       check_refute: a claim refuted by a counterexample: fails when the
       counterexample is certified (t = BC_TRUE), else undecided - a
       refutation that does not go through proves nothing, so it never
       reports holds.

       check_hypothesis: a hypothesis of a theorem decided on an instance:
       holds, inapplicable (the instance breaks it) or undecided. */
    void check_decide(check_t c, truth_t t);
    void check_count(check_t c, slong bad, slong undecided);
    void check_refute(check_t c, truth_t t);
    void check_hypothesis(check_t c, truth_t t);

    /* Adds a statistical test to c (see check_test): TEST_BOUND for the
       claim P[E] >= target, TEST_EQUAL for P[E] = target exactly; label
       (may be NULL) names the cell, target_tex (may be NULL) is the
       target as the paper writes it.  The status is set by
       checklist_judge: consistent when every test is, violated when one
       is, else undecided. */
    void check_add_test(check_t c, check_test_kind kind, const char *label, ulong samples, ulong successes,
                        ulong undecided, ulong escalations, const arb_t target, const char *target_tex);

    /* Attaches a certificate witness to c: json is one JSON object in the
       format of docs/certificates.md (as src/cert.h writes it), allocated
       with flint_malloc; c takes ownership and frees it in check_clear. */
    void check_cert_add(check_t c, char *json);

    /* The claim P[E] >= bound from a tally: check_add_test with TEST_BOUND
       and no label. */
    void check_set_mc(check_t c, ulong samples, ulong successes, ulong undecided, ulong escalations,
                      const arb_t bound, const char *bound_tex);

    /* The statistical test i of c. */
#define check_test_ptr(c, i) ((c)->tests + (i))

    /* Figures: series of (x, y) points drawn with pgfplots, or, in a 3-D
   figure (figure_set_3d), of (x, y, z) points: surfaces and marks. */
    typedef struct
    {
        char *name; /* LaTeX, as the caption */
        slong n;
        double *x;
        double *y;
        double *z;  /* NULL in a 2-D series */
        slong cols; /* 3-D only: > 0 for a surface mesh of scanlines of cols points */
        int marks;  /* 1: marks only, 0: line */
    } figure_series;

    typedef struct
    {
        char *id;
        char *claim;
        const char *module; /* the module's name (static storage), set by run_figure */
        char *caption;      /* LaTeX */
        char *xlabel;
        char *ylabel;
        char *zlabel; /* NULL: a 2-D figure */
        int logx;
        int logy;
        slong nseries;
        figure_series *series;
    } figure_struct;

    typedef figure_struct figure_t[1];

    void figure_init(figure_t f, const char *id, const char *claim, const char *caption, const char *xlabel,
                     const char *ylabel);
    void figure_clear(figure_t f);
    /* Appends a series (copies x and y). */
    void figure_add_series(figure_t f, const char *name, const double *x, const double *y, slong n,
                           int marks);

    /* Makes f, which has no series yet (aborts otherwise), a 3-D figure
   whose z axis is labelled zlabel (LaTeX); its series are then added
   with figure_add_series3 (figure_add_series aborts on it). */
    void figure_set_3d(figure_t f, const char *zlabel);

    /* Appends a 3-D series of n points (copies x, y, z).  cols > 0: a
   surface mesh, the points given scanline by scanline (x varying
   fastest), cols points per scanline, n a multiple of cols (aborts
   otherwise, a programming error); cols = 0: marks (marks = 1) or a line
   through the points.  Aborts when f is not a 3-D figure. */
    void figure_add_series3(figure_t f, const char *name, const double *x, const double *y, const double *z,
                            slong n, slong cols, int marks);

    /* A run's results: checks and figures, plus free-form instance
   descriptions per module (LaTeX paragraphs). */
    typedef struct
    {
        slong nchecks;
        slong alloc;
        check_struct *checks;
        slong nfigures;
        figure_struct *figures;
        slong ninstances;
        const char **instance_module; /* static module names */
        char **instance_text;
    } checklist_struct;

    typedef checklist_struct checklist_t[1];

    void checklist_init(checklist_t L);
    void checklist_clear(checklist_t L);

    /* Moves c into L (c is left initialised and empty). */
    void checklist_push(checklist_t L, check_t c);

    /* Moves f into L. */
    void checklist_push_figure(checklist_t L, figure_t f);

    /* Records a LaTeX paragraph text (copied) describing an instance of the
       module named module (static storage). */
    void checklist_add_module_instance(checklist_t L, const char *module, const char *text);

    /* The number of statistical tests of L (the size of the family). */
    slong checklist_ntests(const checklist_t L);

    /* Judges every statistical test of L at per-side tail level tail
       (Clopper-Pearson limits, rigorous; an undecided sample may have gone
       either way, so a verdict is given only when both readings agree):
         a bound test P[E] >= b is violated when the upper limit with every
         undecided sample counted as a success is below b, consistent
         when the upper limit with undecided samples counted as failures
         is at least b;
         an equality test P[E] = p is violated when p lies outside every
         interval of K + u successes, 0 <= u <= U (below the lower limit
         of K or above the upper limit of K + U), consistent when it lies
         inside all of them;
       else undecided.  A record's status is violated when one of its
       tests is, consistent when all are, else undecided. */
    void checklist_judge(checklist_t L, double tail);

    /* Number of checks whose status differs from the expected status. */
    slong checklist_mismatches(const checklist_t L);

#ifdef __cplusplus
}
#endif

#endif
