/* driver.h -- runs the selected checks of every module: the one place
   where the registry's modules are executed, their records verified
   against the static tables, and the statistical family judged.  Used
   by `basincheck run` and by the mutation test. */
#ifndef DRIVER_H
#define DRIVER_H

#include "theorems.h"

#ifdef __cplusplus
extern "C"
{
#endif

    typedef struct
    {
        slong nmodules;            /* modules executed, in report order */
        const char **module_names; /* static names */
        double *module_seconds;
        slong nselected; /* checks selected */
        slong ntests;    /* statistical tests judged: the family */
        double tail;     /* the per-side tail level each test was judged at */
    } driver_stats;

    void driver_stats_init(driver_stats *st);
    void driver_stats_clear(driver_stats *st);

    /* The number of selected checks of the run o whose kind is statistical
       (Monte Carlo or agreement): the family size known before the run,
       used to size samples (--samples auto). */
    slong driver_selected_statistical(const run_opts *o);

    /* Runs every module with a selected check (opts o; o->tail is the
       sizing level) into K, keeping only selected records: a record
       missing from its module's table, or a selected check that produced
       no record, becomes a record with status notrun (a failure, never a
       silent pass); the table's expected status is authoritative.  Then
       judges every statistical test at the per-side level
       cli_tail_level(confidence, family size) and fills st.  Progress
       lines on stderr unless quiet.  Returns 0, or 2 when a module
       reported an input error (K then holds what was produced). */
    int driver_run(checklist_t K, const run_opts *o, const char *confidence, int quiet, driver_stats *st);

    /* As driver_run, every module divided over the ranks of P (par.h;
       NULL: one process).  Every rank runs it and receives the same K;
       progress lines come from rank 0 only.  The ranks agree after each
       module: when a rank reported an input error every rank ends the
       process with status 2 (par_exit), the lowest failing rank's message
       shown once. */
    int driver_run_par(checklist_t K, const run_opts *o, const char *confidence, int quiet, driver_stats *st,
                       const par_struct *P);

#ifdef __cplusplus
}
#endif

#endif
