/* check.h -- check records, the unit every module reports.

   A check is one decided statement: an exact or ball inequality, a claim
   proved over a range, a Monte Carlo rate compared with a bound, or an
   audit of a constant.  Its status is computed; its expected status comes
   from the module's static table, and differs from holds/consistent only
   for negative controls and for documented errata. */
#ifndef CHECK_H
#define CHECK_H

#include "bc.h"

#ifdef __cplusplus
extern "C"
{
#endif

    typedef enum
    {
        CHECK_EXACT = 0,
        CHECK_BALL,
        CHECK_RANGE,
        CHECK_MONTECARLO,
        CHECK_AUDIT
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

    const char *check_kind_str(check_kind kind);
    const char *check_status_str(check_status st);

    /* Status of an exact/ball decision of the checked statement. */
    check_status check_status_from_truth(truth_t t);

    typedef struct
    {
        char *key;
        char *value;
    } check_field;

    /* Raw Monte Carlo tally of one check; the interval and the verdict are
   filled in by checklist_judge, once the family size is known. */
    typedef struct
    {
        ulong samples;
        ulong successes;
        ulong undecided;   /* samples whose event could not be decided */
        ulong escalations; /* samples decided only after the double filter failed */
        arb_t bound;       /* the claimed lower bound b of P[E] >= b */
        char *bound_tex;   /* b as the paper writes it */
        double tail;       /* per-side tail level used for the interval */
        char *lo;          /* Clopper-Pearson limits, rigorous decimals */
        char *hi;
        char *estimate;
        char *slack; /* lower limit minus b, decimal (may be negative) */
    } check_mc;

    typedef struct
    {
        char *id;
        char *claim;
        check_kind kind;
        char *statement; /* LaTeX */
        int reconstructed;
        int control; /* a negative control */
        check_status status;
        check_status expected;
        char *note; /* why expected differs, erratum text, or remarks (LaTeX) */
        char *witness;
        double seconds;
        slong nfields;
        check_field *fields;
        int has_mc;
        check_mc mc;
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

    /* Sets the witness (replacing any previous), printf-style. */
    void check_set_witness(check_t c, const char *fmt, ...)
#ifdef __GNUC__
        __attribute__((format(printf, 2, 3)))
#endif
        ;

    /* Appends to the note, printf-style. */
    void check_add_note(check_t c, const char *fmt, ...)
#ifdef __GNUC__
        __attribute__((format(printf, 2, 3)))
#endif
        ;

    /* Attaches a certificate witness to c: json is one JSON object in the
   format of docs/certificates.md (as src/cert.h writes it), allocated
   with flint_malloc; c takes ownership and frees it in check_clear. */
    void check_cert_add(check_t c, char *json);

    /* Declares c a Monte Carlo check of P[E] >= bound with the given tally. */
    void check_set_mc(check_t c, ulong samples, ulong successes, ulong undecided, ulong escalations,
                      const arb_t bound, const char *bound_tex);

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
        char *caption; /* LaTeX */
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
   descriptions per claim (LaTeX paragraphs). */
    typedef struct
    {
        slong nchecks;
        slong alloc;
        check_struct *checks;
        slong nfigures;
        figure_struct *figures;
        slong ninstances;
        char **instance_claim;
        char **instance_text;
    } checklist_struct;

    typedef checklist_struct checklist_t[1];

    void checklist_init(checklist_t L);
    void checklist_clear(checklist_t L);

    /* Moves c into L (c is left initialised and empty). */
    void checklist_push(checklist_t L, check_t c);

    /* Moves f into L. */
    void checklist_push_figure(checklist_t L, figure_t f);

    /* Records a LaTeX paragraph describing an instance of claim. */
    void checklist_add_instance(checklist_t L, const char *claim, const char *fmt, ...)
#ifdef __GNUC__
        __attribute__((format(printf, 3, 4)))
#endif
        ;

    /* Judges every Monte Carlo check of L at per-side tail level tail:
   Clopper-Pearson limits (rigorous), then status violated when the
   upper limit with every undecided sample counted as a success is below
   the bound, consistent when the upper limit with undecided samples
   counted as failures is at least the bound, else undecided. */
    void checklist_judge(checklist_t L, double tail);

    /* Number of checks whose status differs from the expected status. */
    slong checklist_mismatches(const checklist_t L);

#ifdef __cplusplus
}
#endif

#endif
