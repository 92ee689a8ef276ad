/* module.h -- what a claim module is: its static table of checks, its
   run entry point, the run's options, and the helpers every module uses
   to honour the run's selection and options.

   The registry of modules (theorems/theorems.h) lists the modules; this
   header is in the core so that a claim module needs no other claim's
   header, and the program layer (app/) none of a claim's. */
#ifndef MODULE_H
#define MODULE_H

#include "bc.h"
#include "check.h"
#include "mc.h"

#ifdef __cplusplus
extern "C"
{
#endif

    typedef enum
    {
        SIZE_QUICK = 0,
        SIZE_DEFAULT = 1,
        SIZE_FULL = 2
    } run_size;

    typedef struct
    {
        uint64_t seed;
        run_size size;
        int threads;
        long samples;       /* 0: module default for the size; > 0: this many; -1: auto */
        double slack;       /* target slack for samples = auto */
        double tail;        /* per-side tail level of each Monte Carlo interval */
        int progress;       /* progress bars on stderr */
        const char *outdir; /* where modules may write auxiliary data */
        /* The user's own instance, for modules that accept it (module_struct
       inputs); NULL or 0 when not given.  Files are read exactly by the
       module (csv.h); eps is the exact decimal or rational text. */
        const char *data;    /* --data FILE */
        const char *weights; /* --weights FILE */
        const char *teacher; /* --teacher FILE */
        const char *centres; /* --centres FILE */
        const char *eps;     /* --eps E */
        long dim;            /* --dim D */
        long width;          /* --width N */
        long clusters;       /* --clusters K */
        /* The checks the run selected (patterns as on the command line:
           an id, a module name, or an id prefix ending at a '.'); nselect
           = 0 selects everything.  A module may skip the work of checks
           that are not wanted (module_wanted); it must still produce
           every wanted one, whatever they depend on. */
        int nselect;
        char *const *select;
    } run_opts;

    typedef struct
    {
        const char *id;
        check_kind kind;
        check_status expected;
        int control;
        const char *summary;
    } check_spec;

    typedef struct
    {
        const char *name;  /* "thm1" */
        const char *claim; /* "Theorem 1" */
        const char *title;
        int reconstructed; /* the statement checked is a reconstruction */
        const check_spec *specs;
        slong nspecs;
        const char *const *fragment; /* LaTeX lines of the companion .tex, NULL-terminated */
        /* Runs every check of the module and pushes the records to out.
       Returns 0, or 2 on an input error (message already printed). */
        int (*run)(checklist_t out, const run_opts *opts);
        /* The user options of run_opts the module accepts, as a list of
       option names without dashes separated by spaces ("data width"), or
       NULL for none.  `run` refuses an option a selected module does not
       accept. */
        const char *inputs;
    } module_struct;

    /* 1 when pattern pat selects check id of module `module`: the exact id,
   the module's name, or a prefix of the id that ends at a '.'. */
    int module_id_matches(const char *id, const char *module, const char *pat);

    /* 1 when the run o wants check id of module m (o->nselect = 0 wants
   every check). */
    int module_wanted(const run_opts *o, const module_struct *m, const char *id);

    /* 1 when the run o wants some check of m whose id starts with prefix. */
    int module_wanted_prefix(const run_opts *o, const module_struct *m, const char *prefix);

    /* 1 when module m accepts the user option name ("data"), else 0. */
    int module_accepts(const module_struct *m, const char *name);

    /* Prints msg on stderr as the one line "basincheck: msg", with every
   control character (a file name may hold one) replaced by '?': the
   message of a module's input error (its run then returns 2). */
    void module_input_error(const char *msg);

    /* Starts record c for check id of the table specs[0..nspecs-1]: sets id,
   claim, kind, expected and control from the table and the status to
   undecided.  Aborts when id is not in the table, which is a programming
   error of the module (every record must be listed). */
    void module_check_start(check_t c, const check_spec *specs, slong nspecs, const char *id,
                            const char *claim);

    /* Runs fn on ctx for N samples of the named Monte Carlo stream
   (rng_stream_id(stream)) under the run's seed, with the run's threads
   (at least 1) and progress setting, labelled stream; sets T. */
    void module_mc_run(mc_tally_t T, mc_sample_fn fn, const void *ctx, ulong N, const run_opts *opts,
                       const char *stream);
    /* The status of a two-sided agreement audit (a rate against an exact
   probability) from its decision: consistent, violated, or undecided. */
    check_status module_agreement_status(truth_t t);

#ifdef __cplusplus
}
#endif

#endif
