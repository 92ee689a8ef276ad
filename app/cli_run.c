/* cli_run.c -- `basincheck list` and `basincheck run`. */
#include <errno.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "mc.h"
#include "outfile.h"
#include "report.h"
#include "revision.h"

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
    (void) argv;
    if (argc > 1)
        return cli_fail("list takes no arguments (see 'basincheck --help')");
    for (i = 0; i < theorem_nmodules; i++)
    {
        const module_struct *m = theorem_modules[i];
        for (j = 0; j < m->nspecs; j++)
        {
            const check_spec *s = m->specs + j;
            printf("%-40s %-16s %-10s %-12s %s%s\n", s->id, m->claim, check_kind_str(s->kind),
                   check_status_str(s->expected), s->control ? "[control] " : "", s->summary);
        }
    }
    return CLI_EXIT_OK;
}

int
cli_run(int argc, char **argv)
{
    cli_opts o;
    checklist_t L, K;
    outfile_t oj, ot;
    int have_j = 0, have_t = 0;
    slong i, j, nmc = 0, nsel = 0, mism, nmod = 0;
    int rc, status = CLI_EXIT_OK;
    const char **mod_names = NULL;
    double *mod_secs = NULL;
    report_meta meta;
    char started[64];
    time_t now = time(NULL);
    double t0 = bc_seconds();
    static const char *const modes[] = {"quick", "default", "full"};
    static const char compiler[] = "cc " __VERSION__;

    rc = cli_parse_run(&o, argc, argv, 1);
    if (rc != 0)
    {
        cli_opts_clear(&o);
        return rc < 0 ? CLI_EXIT_OK : rc;
    }

    /* every pattern must select something */
    for (i = 0; i < o.nids; i++)
    {
        int hit = 0;
        slong a, b;
        for (a = 0; a < theorem_nmodules && !hit; a++)
            for (b = 0; b < theorem_modules[a]->nspecs && !hit; b++)
                hit = module_id_matches(theorem_modules[a]->specs[b].id, theorem_modules[a]->name, o.ids[i]);
        if (!hit)
        {
            cli_fail("unknown check id '%s' (see 'basincheck list')", o.ids[i]);
            cli_opts_clear(&o);
            return CLI_EXIT_USAGE;
        }
    }

    /* the user's own instance goes to modules that take it, and only there */
    {
        static const char *const names[] = {"data", "weights", "teacher", "centres",
                                            "eps",  "dim",     "width",   "clusters"};
        const int given[] = {o.run.data != NULL,    o.run.weights != NULL, o.run.teacher != NULL,
                             o.run.centres != NULL, o.run.eps != NULL,     o.run.dim != 0,
                             o.run.width != 0,      o.run.clusters != 0};
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
                    any |= selected(&o, m, m->specs[j].id);
                if (any && !module_accepts(m, names[k]))
                {
                    cli_fail("--%s is not taken by module '%s'; select the modules that take it "
                             "(see 'basincheck --help')",
                             names[k], m->name);
                    cli_opts_clear(&o);
                    return CLI_EXIT_USAGE;
                }
            }
        }
    }

    /* the Monte Carlo family: Bonferroni over every selected interval */
    for (i = 0; i < theorem_nmodules; i++)
        for (j = 0; j < theorem_modules[i]->nspecs; j++)
            if (selected(&o, theorem_modules[i], theorem_modules[i]->specs[j].id))
            {
                nsel++;
                nmc += theorem_modules[i]->specs[j].kind == CHECK_MONTECARLO;
            }
    o.run.tail = cli_tail_level(o.confidence_text, nmc);
    if (nmc > 0 && !(o.run.tail > 0.0))
    {
        cli_fail("--confidence %s leaves no tail level for each of %ld Monte Carlo checks: (1 - C)/(2 * %ld) "
                 "is below the smallest double",
                 o.confidence_text, (long) nmc, (long) nmc);
        cli_opts_clear(&o);
        return CLI_EXIT_USAGE;
    }
    if (o.run.samples == -1 && nmc > 0)
        printf("samples auto: %lu per Monte Carlo check (half-width %g at per-side tail %.3g, worst-case "
               "rate 1/2)\n",
               (unsigned long) mc_samples_for_slack(o.run.slack, o.run.tail), o.run.slack, o.run.tail);

    /* one file cannot hold both reports: the second would replace the
       first */
    if (o.json != NULL && o.tex != NULL && outfile_same(o.json, o.tex))
    {
        cli_fail("--json '%s' and --tex '%s' name the same file: give each report its own", o.json, o.tex);
        cli_opts_clear(&o);
        return CLI_EXIT_USAGE;
    }
    /* prepare the outputs first: an unwritable path is reported before
       the run.  Nothing is written to them before the run is complete
       (outfile.h) */
    if (o.json != NULL && outfile_open(oj, o.json, "") != 0)
        status = CLI_EXIT_USAGE;
    have_j = o.json != NULL && status == CLI_EXIT_OK;
    if (status == CLI_EXIT_OK && o.tex != NULL && outfile_open(ot, o.tex, "") != 0)
        status = CLI_EXIT_USAGE;
    have_t = o.tex != NULL && status == CLI_EXIT_OK;
    if (status != CLI_EXIT_OK)
    {
        if (have_j)
            outfile_abort(oj);
        cli_opts_clear(&o);
        return status;
    }

    checklist_init(L);
    checklist_init(K);
    mod_names = flint_malloc(sizeof(char *) * (size_t) theorem_nmodules);
    mod_secs = flint_malloc(sizeof(double) * (size_t) theorem_nmodules);
    for (i = 0; i < theorem_nmodules && status == CLI_EXIT_OK; i++)
    {
        const module_struct *m = theorem_modules[i];
        int any = 0;
        double tm;
        for (j = 0; j < m->nspecs; j++)
            any |= selected(&o, m, m->specs[j].id);
        if (!any)
            continue;
        if (!o.quiet && isatty(2))
            fprintf(stderr, "basincheck: %s (%s)...\n", m->claim, m->name);
        tm = bc_seconds();
        if (m->run(L, &o.run) != 0)
            status = CLI_EXIT_USAGE;
        mod_names[nmod] = m->name;
        mod_secs[nmod++] = bc_seconds() - tm;
    }
    if (status != CLI_EXIT_OK)
    {
        /* an input error (already reported on one line): no summary and no
           reports; whatever the output paths held before stays as it was */
        if (have_j)
            outfile_abort(oj);
        if (have_t)
            outfile_abort(ot);
        checklist_clear(L);
        checklist_clear(K);
        cli_opts_clear(&o);
        flint_free(mod_names);
        flint_free(mod_secs);
        return status;
    }

    /* keep the selected records; a listed check that produced no record
       is a failure of the harness, never a silent pass */
    for (i = 0; i < L->nchecks; i++)
    {
        const module_struct *m = NULL;
        const check_spec *s = theorem_find_spec(L->checks[i].id, &m);
        if (s == NULL)
        {
            cli_fail("internal: record '%s' is not in any module's table", L->checks[i].id);
            L->checks[i].expected = ST_HOLDS;
            L->checks[i].status = ST_NOTRUN;
            checklist_push(K, L->checks + i);
            continue;
        }
        if (!selected(&o, m, s->id))
            continue;
        if (L->checks[i].expected != s->expected)
        {
            check_add_note(
                L->checks + i,
                "(The record's expected status disagreed with the module table; the table's is used.)");
            L->checks[i].expected = s->expected;
        }
        checklist_push(K, L->checks + i);
    }
    for (i = 0; i < theorem_nmodules; i++)
        for (j = 0; j < theorem_modules[i]->nspecs; j++)
        {
            const check_spec *s = theorem_modules[i]->specs + j;
            slong q, found = 0;
            if (!selected(&o, theorem_modules[i], s->id))
                continue;
            for (q = 0; q < K->nchecks; q++)
                found += !strcmp(K->checks[q].id, s->id);
            if (found == 0 && status == CLI_EXIT_OK)
            {
                check_t c;
                check_init(c);
                c->id = flint_malloc(strlen(s->id) + 1);
                strcpy(c->id, s->id);
                c->claim = flint_malloc(strlen(theorem_modules[i]->claim) + 1);
                strcpy(c->claim, theorem_modules[i]->claim);
                c->kind = s->kind;
                c->status = ST_NOTRUN;
                c->expected = s->expected;
                c->control = s->control;
                check_add_note(c, "The module did not produce this check.");
                checklist_push(K, c);
                check_clear(c);
            }
        }
    /* figures and instances travel with the run */
    for (i = 0; i < L->nfigures; i++)
        checklist_push_figure(K, L->figures + i);
    for (i = 0; i < L->ninstances; i++)
        checklist_add_instance(K, L->instance_claim[i], "%s", L->instance_text[i]);

    checklist_judge(K, o.run.tail);
    mism = checklist_mismatches(K);

    /* summary on stdout; a vacuous or trivially met claim says so on its
       line (fields "vacuous", "trivial") */
    for (i = 0; i < K->nchecks; i++)
    {
        const check_struct *c = K->checks + i;
        slong f;
        printf("%-44s %-12s %s%s", c->id, check_status_str(c->status),
               c->status == c->expected ? "" : "EXPECTED ",
               c->status == c->expected ? "" : check_status_str(c->expected));
        for (f = 0; f < c->nfields; f++)
            if (!strcmp(c->fields[f].key, "vacuous") || !strcmp(c->fields[f].key, "trivial"))
                printf(" (%s: %s)", c->fields[f].key, c->fields[f].value);
        printf("\n");
    }
    printf("%ld checks, %ld as expected, %ld not\n", (long) K->nchecks, (long) (K->nchecks - mism),
           (long) mism);

    strftime(started, sizeof started, "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
    meta.seed = o.run.seed;
    meta.mode = modes[o.run.size];
    meta.confidence = o.confidence;
    meta.tail = o.run.tail;
    meta.nmc = nmc;
    meta.threads = o.run.threads;
    meta.revision = BC_REVISION;
    meta.compiler = compiler;
    meta.started = started;
    meta.seconds = bc_seconds() - t0;
    meta.command = o.command;
    meta.nmodules = nmod;
    meta.module_names = mod_names;
    meta.module_seconds = mod_secs;
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
        meta.command = cmd;
        /* each report reaches its path whole, or not at all */
        if (have_j)
        {
            if (report_write_json(oj->f, K, &meta) != 0)
            {
                cli_fail("error writing '%s': the report could not be formatted", o.json);
                outfile_abort(oj);
                status = CLI_EXIT_USAGE;
            }
            else if (outfile_commit(oj) != 0)
                status = CLI_EXIT_USAGE;
        }
        if (have_t)
        {
            if (report_write_tex(ot->f, K, &meta) != 0)
            {
                cli_fail("error writing '%s': the report could not be formatted", o.tex);
                outfile_abort(ot);
                status = CLI_EXIT_USAGE;
            }
            else if (outfile_commit(ot) != 0)
                status = CLI_EXIT_USAGE;
        }
        flint_free(cmd);
    }

    if (status == CLI_EXIT_OK && mism > 0)
        status = CLI_EXIT_MISMATCH;
    (void) nsel;
    checklist_clear(L);
    checklist_clear(K);
    cli_opts_clear(&o);
    flint_free(mod_names);
    flint_free(mod_secs);
    return status;
}
