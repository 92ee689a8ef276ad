/* cli_run.c -- `basincheck list` and `basincheck run`. */
#include <errno.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cert.h"
#include "cli.h"
#include "driver.h"
#include "mc.h"
#include "outfile.h"
#include "report.h"
#include "revision.h"
#include "theorems.h"

#ifndef __VERSION__
#define __VERSION__ "unknown"
#endif

static int
selected(const cli_opts *o, const module_struct *m, const char *id)
{
    return module_wanted(&o->run, m, id);
}

int
cli_list(int argc, char **argv)
{
    slong i, j;
    if (argc == 2 && !strcmp(argv[1], "--mutants"))
    {
        for (i = 0; i < theorem_nmodules; i++)
            for (j = 0; j < theorem_modules[i]->nmutants; j++)
            {
                const mutant_spec *u = theorem_modules[i]->mutants + j;
                printf("%-44s %-8s %s; kills: %s\n", u->id, theorem_modules[i]->name, u->what, u->kills);
            }
        return CLI_EXIT_OK;
    }
    if (argc > 1)
        return cli_fail("list takes no arguments but --mutants (see 'basincheck --help')");
    for (i = 0; i < theorem_nmodules; i++)
    {
        const module_struct *m = theorem_modules[i];
        for (j = 0; j < m->nspecs; j++)
        {
            const check_spec *s = m->specs + j;
            printf("%-40s %-8s %-16s %-12s %-11s %-12s %s%s%s\n", s->id, m->name,
                   s->file != NULL ? s->file : "-", check_kind_str(s->kind), check_strength_str(s->strength),
                   check_status_str(s->expected), s->control ? "[control] " : "",
                   s->reconstructed ? "[reconstructed] " : "", s->summary);
        }
    }
    return CLI_EXIT_OK;
}

/* One file DIR/<id>.json per check that carries certificate witnesses,
   and the index DIR/index.json of the run's checks (src/cert.h), each
   written whole (outfile.h); returns 0, or -1 after a message on a write
   error. */
static int
write_certificates(const char *dir, const checklist_t K, uint64_t seed, const char *confidence, slong family)
{
    slong i;
    for (i = 0; i <= K->nchecks; i++)
    {
        const check_struct *c = i < K->nchecks ? K->checks + i : NULL;
        char *name, *path;
        outfile_t f;
        int bad;
        if (c != NULL && !cert_carries(c))
            continue;
        name = c != NULL ? cert_file_name(c) : bc_aprintf("index.json");
        path = bc_aprintf("%s/%s", dir, name);
        bad = outfile_open(f, path, "") != 0;
        if (!bad)
        {
            if ((c != NULL ? cert_write_check(f->f, c, seed)
                           : cert_write_index(f->f, K, seed, BC_REVISION, confidence, family)) != 0)
            {
                cli_fail("error writing '%s': the certificate could not be formatted", path);
                outfile_abort(f);
                bad = 1;
            }
            else
                bad = outfile_commit(f) != 0;
        }
        flint_free(name);
        flint_free(path);
        if (bad)
            return -1;
    }
    return 0;
}

/* Writes one report through o with write (report_write_json or _tex):
   the path receives it whole or not at all.  Returns 0 or CLI_EXIT_USAGE. */
static int
write_report(outfile_t o, const char *path, int (*write)(FILE *, const checklist_t, const report_meta *),
             const checklist_t K, const report_meta *meta)
{
    if (write(o->f, K, meta) != 0)
    {
        cli_fail("error writing '%s': the report could not be formatted", path);
        outfile_abort(o);
        return CLI_EXIT_USAGE;
    }
    return outfile_commit(o) != 0 ? CLI_EXIT_USAGE : CLI_EXIT_OK;
}

/* the static mutation coverage of the modules run (their tables only:
   the mutation test of make check is what runs the mutants) */
static void
mutation_cover(report_meta *meta, const driver_stats *st)
{
    slong i, j, k, c;
    meta->mutants = meta->killable = meta->covered = 0;
    for (i = 0; i < theorem_nmodules; i++)
        for (j = 0; j < st->nmodules; j++)
            if (!strcmp(theorem_modules[i]->name, st->module_names[j]))
            {
                module_mutant_cover(&k, &c, theorem_modules[i]);
                meta->mutants += theorem_modules[i]->nmutants;
                meta->killable += k;
                meta->covered += c;
                break;
            }
}

/* Returns 0 when every id pattern of o selects some check; otherwise reports the first
   that selects none and returns CLI_EXIT_USAGE. */
static int
check_ids_known(const cli_opts *o)
{
    slong i;

    for (i = 0; i < o->nids; i++)
    {
        int hit = 0;
        slong a, b;
        for (a = 0; a < theorem_nmodules && !hit; a++)
            for (b = 0; b < theorem_modules[a]->nspecs && !hit; b++)
                hit = module_id_matches(theorem_modules[a]->specs[b].id, theorem_modules[a]->name, o->ids[i]);
        if (!hit)
        {
            cli_fail("unknown check id '%s' (see 'basincheck list')", o->ids[i]);
            return CLI_EXIT_USAGE;
        }
    }
    return 0;
}

/* Returns 0 when every option of the user's own instance given in o goes to modules that
   take it; otherwise reports the first selected module that does not and returns
   CLI_EXIT_USAGE. */
static int
check_instance_taken(const cli_opts *o)
{
    static const char *const names[] = {"data", "weights", "teacher", "centres",
                                        "eps",  "dim",     "width",   "clusters"};
    const int given[] = {o->run.data != NULL,    o->run.weights != NULL, o->run.teacher != NULL,
                         o->run.centres != NULL, o->run.eps != NULL,     o->run.dim != 0,
                         o->run.width != 0,      o->run.clusters != 0};
    slong i, j;
    int k;

    for (k = 0; k < 8; k++)
    {
        if (!given[k])
            continue;
        for (i = 0; i < theorem_nmodules; i++)
        {
            const module_struct *m = theorem_modules[i];
            int any = 0;
            for (j = 0; j < m->nspecs; j++)
                any |= selected(o, m, m->specs[j].id);
            if (any && !module_accepts(m, names[k]))
            {
                cli_fail("--%s is not taken by module '%s'; select the modules that take it "
                         "(see 'basincheck --help')",
                         names[k], m->name);
                return CLI_EXIT_USAGE;
            }
        }
    }
    return 0;
}

/* Prints the summary of K on stdout, one line per check and a count (mism of them not as
   expected); a vacuous or trivially met claim says so on its line (fields "vacuous",
   "trivial"), and a bound that holds but says little how far it is from the trivial one
   (field "above_trivial"). */
static void
print_summary(const checklist_t K, slong mism)
{
    slong i;

    for (i = 0; i < K->nchecks; i++)
    {
        const check_struct *c = K->checks + i;
        slong f;
        printf("%-44s %-12s %s%s", c->id, check_status_str(c->status),
               c->status == c->expected ? "" : "EXPECTED ",
               c->status == c->expected ? "" : check_status_str(c->expected));
        for (f = 0; f < c->nfields; f++)
            if (!strcmp(c->fields[f].key, "vacuous") || !strcmp(c->fields[f].key, "trivial") ||
                !strcmp(c->fields[f].key, "above_trivial"))
                printf(" (%s: %s)", c->fields[f].key, c->fields[f].value);
        printf("\n");
    }
    printf("%ld checks, %ld as expected, %ld not\n", (long) K->nchecks, (long) (K->nchecks - mism),
           (long) mism);
}

/* Sets meta from the options o, the run's statistics st and P, the start time now (written
   into started, of size 64) and the start t0 of the wall clock; meta->command is left to the
   caller. */
static void
report_meta_set(report_meta *meta, char *started, const cli_opts *o, const driver_stats *st,
                const par_struct *P, time_t now, double t0)
{
    static const char *const modes[] = {"quick", "default", "full"};
    static const char compiler[] = "cc " __VERSION__;

    strftime(started, 64, "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
    meta->seed = o->run.seed;
    meta->mode = modes[o->run.size];
    meta->confidence = o->confidence;
    meta->tail = st->tail;
    meta->nmc = st->ntests;
    meta->threads = o->run.threads;
    meta->ranks = P->size;
    meta->revision = BC_REVISION;
    meta->compiler = compiler;
    meta->started = started;
    meta->seconds = bc_seconds() - t0;
    meta->command = o->command;
    meta->nmodules = st->nmodules;
    meta->module_names = st->module_names;
    meta->module_seconds = st->module_seconds;
    meta->mutant = o->run.mutant;
    meta->certificates = o->certificates;
    mutation_cover(meta, st);
}

/* Returns the command line "basincheck argv[0] ... argv[argc - 1]", to be freed with
   flint_free. */
static char *
command_line(int argc, char **argv)
{
    size_t len = 1;
    char *cmd;
    int a;

    for (a = 0; a < argc; a++)
        len += strlen(argv[a]) + 1;
    cmd = flint_malloc(len + 16);
    strcpy(cmd, "basincheck");
    for (a = 0; a < argc; a++)
    {
        strcat(cmd, " ");
        strcat(cmd, argv[a]);
    }
    return cmd;
}

int
cli_run(int argc, char **argv, const par_struct *P)
{
    cli_opts o;
    checklist_t K;
    outfile_t oj, ot;
    int have_j = 0, have_t = 0;
    slong nmc = 0, mism;
    int rc, status = CLI_EXIT_OK;
    driver_stats st;
    report_meta meta;
    char started[64];
    char *cmd;
    time_t now = time(NULL);
    double t0 = bc_seconds();

    rc = cli_parse_run(&o, argc, argv, 1);
    if (rc != 0)
    {
        cli_opts_clear(&o);
        return rc < 0 ? CLI_EXIT_OK : rc;
    }

    /* the ranks on one machine share its processors: by default each
       takes its part of them */
    if (!o.threads_given && P->local > 1)
        o.run.threads = o.run.threads / P->local > 1 ? o.run.threads / P->local : 1;

    /* every pattern must select something, and the user's own instance
       goes to modules that take it, and only there */
    rc = check_ids_known(&o);
    if (rc == 0)
        rc = check_instance_taken(&o);
    if (rc != 0)
    {
        cli_opts_clear(&o);
        return rc;
    }

    /* the statistical family before the run, from the tables: it sizes
       --samples auto; the run judges at the level of the tests it made */
    nmc = driver_selected_statistical(&o.run);
    o.run.tail = cli_tail_level(o.confidence_text, nmc > 0 ? nmc : 1);
    if (!(o.run.tail > 0.0))
    {
        cli_fail("--confidence %s leaves no tail level for each of %ld statistical tests: (1 - C)/(2 * %ld) "
                 "is below the smallest double",
                 o.confidence_text, (long) nmc, (long) nmc);
        cli_opts_clear(&o);
        return CLI_EXIT_USAGE;
    }
    if (o.run.samples == -1 && nmc > 0 && par_root(P))
        printf("samples auto: %lu per Monte Carlo check (half-width %g at per-side tail %.3g, worst-case "
               "rate 1/2)\n",
               (unsigned long) mc_samples_for_slack(o.run.slack, o.run.tail), o.run.slack, o.run.tail);

    /* one file cannot hold both reports: the second would replace the
       first */
    if (par_root(P) && o.json != NULL && o.tex != NULL && outfile_same(o.json, o.tex))
    {
        cli_fail("--json '%s' and --tex '%s' name the same file: give each report its own", o.json, o.tex);
        status = CLI_EXIT_USAGE;
    }
    /* prepare the outputs first: an unwritable path is reported before
       the run.  Nothing is written to them before the run is complete
       (outfile.h).  Rank 0 alone writes: the others learn whether it can
       (par_sync), so that every rank stops here or none does */
    if (par_root(P) && status == CLI_EXIT_OK && o.certificates != NULL && cert_mkdir(o.certificates) != 0)
    {
        cli_fail("cannot use '%s' as the certificate directory: %s", o.certificates, strerror(errno));
        status = CLI_EXIT_USAGE;
    }
    if (par_root(P) && status == CLI_EXIT_OK && o.json != NULL && outfile_open(oj, o.json, "") != 0)
        status = CLI_EXIT_USAGE;
    have_j = par_root(P) && o.json != NULL && status == CLI_EXIT_OK;
    if (par_root(P) && status == CLI_EXIT_OK && o.tex != NULL && outfile_open(ot, o.tex, "") != 0)
        status = CLI_EXIT_USAGE;
    have_t = par_root(P) && o.tex != NULL && status == CLI_EXIT_OK;
    if (par_sync(P, status != CLI_EXIT_OK) >= 0)
        status = CLI_EXIT_USAGE;
    if (status != CLI_EXIT_OK)
    {
        if (have_j)
            outfile_abort(oj);
        if (have_t)
            outfile_abort(ot);
        cli_opts_clear(&o);
        return status;
    }

    checklist_init(K);
    driver_stats_init(&st);
    status = driver_run_par(K, &o.run, o.confidence_text, o.quiet, &st, P);
    if (status != CLI_EXIT_OK)
    {
        /* an input error (already reported on one line): no summary and no
           reports; whatever the output paths held before stays as it was */
        if (have_j)
            outfile_abort(oj);
        if (have_t)
            outfile_abort(ot);
        checklist_clear(K);
        driver_stats_clear(&st);
        cli_opts_clear(&o);
        return status;
    }
    mism = checklist_mismatches(K);
    if (!par_root(P))
    {
        /* every rank holds the run's records; rank 0 alone reports them */
        checklist_clear(K);
        driver_stats_clear(&st);
        cli_opts_clear(&o);
        return mism > 0 ? CLI_EXIT_MISMATCH : CLI_EXIT_OK;
    }
    if (o.certificates != NULL &&
        write_certificates(o.certificates, K, o.run.seed, o.confidence_text, st.ntests) != 0)
        status = CLI_EXIT_USAGE;

    print_summary(K, mism);

    report_meta_set(&meta, started, &o, &st, P, now, t0);
    cmd = command_line(argc, argv);
    meta.command = cmd;
    /* each report reaches its path whole, or not at all */
    if (have_j && write_report(oj, o.json, report_write_json, K, &meta) != CLI_EXIT_OK)
        status = CLI_EXIT_USAGE;
    if (have_t && write_report(ot, o.tex, report_write_tex, K, &meta) != CLI_EXIT_OK)
        status = CLI_EXIT_USAGE;
    flint_free(cmd);

    if (status == CLI_EXIT_OK && mism > 0)
        status = CLI_EXIT_MISMATCH;
    checklist_clear(K);
    driver_stats_clear(&st);
    cli_opts_clear(&o);
    return status;
}
