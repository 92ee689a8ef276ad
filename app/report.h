/* report.h -- report.json and the literate report.tex. */
#ifndef REPORT_H
#define REPORT_H

#include "bc.h"
#include "check.h"
#include "escape.h"
#include "theorems.h"

#ifdef __cplusplus
extern "C"
{
#endif

    typedef struct
    {
        uint64_t seed;
        const char *mode;  /* "quick", "default", "full" */
        double confidence; /* family-wise */
        double tail;       /* per-side tail level of each interval */
        slong nmc;         /* number of Monte Carlo checks in the family */
        int threads;
        const char *revision;
        const char *compiler;
        const char *started; /* ISO 8601 UTC */
        double seconds;
        const char *command; /* the command line */
        /* wall-clock seconds of each module the run executed, in report
           order (nmodules entries; 0 for none) */
        slong nmodules;
        const char *const *module_names;
        const double *module_seconds;
        /* the directory the run wrote certificates to (--certificates), or
           NULL: then no check is said to carry a certificate file */
        const char *certificates;
    } report_meta;

    /* Writes report.json; returns 0 or -1 on a write error. */
    int report_write_json(FILE *f, const checklist_t L, const report_meta *meta);

    /* Writes report.tex weaving the modules' fragments with the results;
   returns 0 or -1 on a write error. */
    int report_write_tex(FILE *f, const checklist_t L, const report_meta *meta);

#ifdef __cplusplus
}
#endif

#endif
