/* module.h -- what a claim module is, and the one way to write a check.

   A module has a static table of its checks (check_spec: id, kind,
   strength, expected status, the source file that produces it), a table
   of mutants (mutant_spec: a false variant of a claim and the checks it
   must turn), its LaTeX fragment, and an entry point that receives a run
   context (run_t).  Through the context a check is started from the
   table (run_check), given its verdict by one setter per kind of result
   (check.h: check_decide, check_count, check_refute, check_hypothesis,
   check_add_test), and pushed (run_push); the clock, the module's name,
   the claim and the source file are filled in here, never by hand.

   The registry of modules (theorems/theorems.h) lists the modules; this
   header is in the core so that a claim module needs no other claim's
   header, and the program layer (app/) none of a claim's. */
#ifndef MODULE_H
#define MODULE_H

#include "bc.h"
#include "check.h"
#include "mc.h"
#include "par.h"

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
        /* A mutant id (mutant_spec) to activate, or NULL: the run then
           checks a claim changed to something false a priori, and the
           checks the mutant names must change their verdict. */
        const char *mutant;
    } run_opts;

    /* One row of a module's table.  The first five members are the
       original layout; a table written before strength, file, claim,
       reconstructed and user existed leaves them 0/NULL. */
    typedef struct
    {
        const char *id;
        check_kind kind;
        check_status expected;
        int control; /* a negative control: built to fail for a known reason */
        const char *summary;
        check_strength strength;
        const char *file;  /* the source file (under theorems/) that produces the record */
        const char *claim; /* the claim, when not the module's (e.g. "Claim 2" in lemma8) */
        int reconstructed; /* the statement checked is a reconstruction */
        int user;          /* runs on the user's instance when the run gives one */
    } check_spec;

    /* A mutant: the claim's constant, inequality, hypothesis or
       construction changed to something false a priori, run through the
       module's own code.  Every check named in kills must then have the
       decided opposite of its expected status (check_status_flipped):
       a claim that held fails or is violated, a control that failed holds. */
    typedef struct
    {
        const char *id;    /* "thm6.mutant.rate_1_8" */
        const char *what;  /* the change, and why it is false (plain text) */
        const char *kills; /* space-separated check ids */
    } mutant_spec;

    struct run_struct;

    typedef struct
    {
        const char *name;  /* "thm1" */
        const char *claim; /* "Theorem 1" */
        const char *title;
        int reconstructed; /* the statement checked is a reconstruction */
        const check_spec *specs;
        slong nspecs;
        const char *const *fragment; /* LaTeX lines of the companion .tex, NULL-terminated */
        /* The user options of run_opts the module accepts, as a list of
       option names without dashes separated by spaces ("data width"), or
       NULL for none.  `run` refuses an option a selected module does not
       accept. */
        const char *inputs;
        /* Runs the module's checks that the run wants on the run context
           (run_t) and pushes their records.  Returns 0, or 2 on an input
           error (message already printed with module_input_error). */
        int (*exec)(struct run_struct *R);
        const mutant_spec *mutants;
        slong nmutants;
        /* An optional benchmark, `basincheck bench <bench_name> ...`: the
           program layer dispatches to it without including the module's
           header.  Returns an exit status. */
        const char *bench_name;
        int (*bench)(int argc, char **argv);
    } module_struct;

    /* The context of one module's run: the module, the run's options,
       the list the records go to, and the ranks the run is divided over
       (par.h; NULL: one process). */
    typedef struct run_struct
    {
        const module_struct *mod;
        const run_opts *opts;
        checklist_struct *out;
        const par_struct *par;
    } run_struct;

    typedef run_struct run_t[1];

    /* Sets R to run module m with options o into out on one process
       (nothing is copied: m, o and out must outlive R). */
    void run_init(run_t R, const module_struct *m, const run_opts *o, checklist_t out);

    /* As run_init, divided over the ranks of P (par.h; NULL: one
       process); P must outlive R.  Every rank runs the module; the
       work that run_mc and the module divide is shared among them. */
    void run_init_par(run_t R, const module_struct *m, const run_opts *o, checklist_t out,
                      const par_struct *P);

    /* The spec of check id in m's table, or NULL. */
    const check_spec *module_spec(const module_struct *m, const char *id);

    /* Sets *killable to the number of checks in m's table whose strength
       is not sanity, and *covered to how many of them some mutant of m's
       table names in its kills (a static count: the mutation test is what
       runs the mutants). */
    void module_mutant_cover(slong *killable, slong *covered, const module_struct *m);

    /* 1 when the run wants check id of the running module. */
    int run_wants(const run_t R, const char *id);

    /* 1 when the run wants some check of the running module whose id
       starts with prefix. */
    int run_wants_prefix(const run_t R, const char *prefix);

    /* 1 when mutant id is the run's mutant.  Aborts when id is not in the
       running module's mutant table (a programming error: every mutant
       is listed, so that the mutation test runs it). */
    int run_mutant(const run_t R, const char *id);

    /* Starts record c for check id of the running module's table: sets
       id, module, claim, kind, strength, expected, control, reconstructed
       and src (the file given, checked against the table by the module
       tests), the status to undecided, and starts its clock.  Aborts
       when id is not in the table (a programming error). */
#define run_check(R, c, id) _run_check((R), (c), (id), __FILE__)
    void _run_check(run_t R, check_t c, const char *id, const char *file);

    /* Stops c's clock and moves c into the run's list (c is left
       initialised and empty). */
    void run_push(run_t R, check_t c);

    /* Records a LaTeX paragraph describing an instance of the running
       module (printf-style). */
    void run_add_instance(run_t R, const char *fmt, ...)
#ifdef __GNUC__
        __attribute__((format(printf, 2, 3)))
#endif
        ;

    /* Moves figure f into the run's list, filed under the running module. */
    void run_add_figure(run_t R, figure_t f);

    /* The entry of sizes (quick, default, full) for the run's size. */
    slong run_size_pick(const run_t R, const slong sizes[3]);

    /* The number of Monte Carlo samples of check id: the run's --samples
       when given (on a run with the user's instance, only for the checks
       that run on it, spec->user), the count for a target slack when
       --samples auto and the check is statistical (kind Monte Carlo or
       agreement: the slack is that of a Clopper-Pearson interval; a
       check that decides every sampled instance exactly keeps
       sizes[run size]), else sizes[run size]; never below minimum (the
       samples a negative control needs to fail whatever was asked). */
    ulong run_samples(const run_t R, const char *id, const ulong sizes[3], ulong minimum);

    /* Runs fn on ctx for N samples of the named Monte Carlo stream
       (rng_stream_id(stream)) under the run's seed, threads and progress
       setting; sets T.  On several ranks (run_init_par) each rank runs a
       contiguous block of the samples and every rank receives the summed
       tally (par_mc_run): T is the same as on one process. */
    void run_mc(run_t R, mc_tally_t T, mc_sample_fn fn, const void *ctx, ulong N, const char *stream);

    /* As run_mc, for a sample function that also writes a result of its
       own into a slot of ctx for each sample (distinct slots, so threads
       never share one): every rank runs all N samples, so that every slot
       is filled on every rank.  Threads still divide the work; ranks do
       not, since their slots would stay on the rank that filled them. */
    void run_mc_all(run_t R, mc_tally_t T, mc_sample_fn fn, const void *ctx, ulong N, const char *stream);

    /* Parses the options of a module's benchmark (module_struct bench):
       argv[0] is the benchmark's name, argv[1..argc-1] its options
       --quick, --full, --seed S (0 <= S < 2^64), --threads T (1..256),
       --samples K (1..2^40), --quiet, and -h/--help, which prints usage
       (one line, without newline) on stdout.  Sets o to zero except the
       seed 1, the default size, one thread per online processor, samples
       0 (the benchmark's default) unless given, and progress unless
       --quiet.  Returns 0, -1 after the help, or 2 after one line on
       stderr (module_input_error) naming the option and what it expects. */
    int module_bench_opts(run_opts *o, int argc, char **argv, const char *usage);

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
   control character (a file name may hold one) and DEL replaced by '?': the
   message of a module's input error (its run then returns 2). */
    void module_input_error(const char *msg);

    /* Runs fn on ctx for N samples of the named Monte Carlo stream
   (rng_stream_id(stream)) under the run's seed, with the run's threads
   (at least 1) and progress setting, labelled stream; sets T. */
    void module_mc_run(mc_tally_t T, mc_sample_fn fn, const void *ctx, ulong N, const run_opts *opts,
                       const char *stream);
#ifdef __cplusplus
}
#endif

#endif
