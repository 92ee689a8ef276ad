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
        int ranks; /* the MPI ranks the run was divided over (1: one process) */
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
        const char *mutant; /* the run's mutant, or NULL */
        /* the mutant tables of the modules run: mutants listed, checks
           that can fail (not sanity), and how many of those a mutant names */
        slong mutants, killable, covered;
        /* the directory the run wrote certificates to (--certificates), or
           NULL: then no check is said to carry a certificate file */
        const char *certificates;
    } report_meta;

    /* What the run's records are evidence of; each record is counted in
       one of the first six (controls apart from the claims), vacuous and
       undecided count again across them. */
    typedef struct
    {
        slong verified;    /* claims decided (strength decides) and holding */
        slong refuted;     /* documented errata: stated inequalities found false */
        slong witnessed;   /* finite witnesses of limit or existence claims, holding */
        slong statistical; /* Monte Carlo and agreement records, consistent */
        slong sanity;      /* checks that hold by construction: they test code */
        slong controls;    /* negative controls */
        slong vacuous;     /* statistical records whose bound is <= 0 */
        slong undecided;   /* records neither decided nor judged */
        slong unset;       /* records whose table gives no strength */
    } report_evidence;

    /* Counts the records of L by evidence (report_evidence). */
    void report_evidence_count(report_evidence *e, const checklist_t L);

    /* The statement of record c: the text of its block in its module's
       fragment (fragment_check_text) followed by what the run added
       (c->statement); NULL when neither exists.  Free with flint_free. */
    char *report_check_statement(const check_struct *c);

    /* How well the statement block opened on line, "\begin{checktext}{names}",
       states check id: its names are check ids or prefixes ending in '.'
       (as in the run's selection: "prop1." states every check it
       prefixes), one or several separated by commas, for a family of
       checks that share one statement.  Returns WORD_MAX when a name is id,
       else the length of the longest name that prefixes id, else 0 (also
       when line opens no block). */
    slong checktext_match(const char *line, const char *id);

    /* 1 when checktext_match(line, id) > 0. */
    int checktext_names(const char *line, const char *id);

    /* The LaTeX text of check id in module m's fragment: the lines between
       the line that opens the block stating id best (checktext_match: a
       block naming id, else the longest prefix) and the next
       "\end{checktext}", joined with newlines; NULL when no block states
       id.  Free with flint_free. */
    char *fragment_check_text(const module_struct *m, const char *id);

    /* Writes the LaTeX text s to f with every "\checkref{id}" replaced by a
       link to the check's details (when the run has a record of id, listed
       in L) or by the id in typewriter type (a check of the tables that
       this run did not select), and every "\figref{id}" by a link to the
       figure.  Returns the number of references to ids that no module
       lists and no figure of L has (written as "??id"). */
    slong report_write_refs(FILE *f, const char *s, const checklist_t L);

    /* The number of references in s ("\checkref{id}", "\figref{id}") to
       ids that no module's table lists; when bad is not NULL, *bad is
       set to a new string naming the first (free with flint_free).
       Figure ids are checked against the prefix of a module name only. */
    slong report_unknown_refs(const char *s, char **bad);

    /* Writes report.json; returns 0 or -1 on a write error. */
    int report_write_json(FILE *f, const checklist_t L, const report_meta *meta);

    /* Writes report.tex weaving the modules' fragments with the results;
   returns 0 or -1 on a write error. */
    int report_write_tex(FILE *f, const checklist_t L, const report_meta *meta);

#ifdef __cplusplus
}
#endif

#endif
