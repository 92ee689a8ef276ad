/* driver.c -- runs the selected checks of every module (driver.h). */
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "driver.h"

void
driver_stats_init(driver_stats *st)
{
    memset(st, 0, sizeof(driver_stats));
    st->module_names = flint_malloc(sizeof(char *) * (size_t) theorem_nmodules);
    st->module_seconds = flint_malloc(sizeof(double) * (size_t) theorem_nmodules);
}

void
driver_stats_clear(driver_stats *st)
{
    flint_free(st->module_names);
    flint_free(st->module_seconds);
    memset(st, 0, sizeof(driver_stats));
}

static int
statistical_kind(check_kind k)
{
    return k == CHECK_MONTECARLO || k == CHECK_AGREEMENT;
}

slong
driver_selected_statistical(const run_opts *o)
{
    slong i, j, n = 0;
    for (i = 0; i < theorem_nmodules; i++)
        for (j = 0; j < theorem_modules[i]->nspecs; j++)
            if (module_wanted(o, theorem_modules[i], theorem_modules[i]->specs[j].id))
                n += statistical_kind(theorem_modules[i]->specs[j].kind);
    return n;
}

static int
module_selected(const run_opts *o, const module_struct *m)
{
    slong j;
    for (j = 0; j < m->nspecs; j++)
        if (module_wanted(o, m, m->specs[j].id))
            return 1;
    return 0;
}

/* a record with status notrun for spec s of module m, and why */
static void
push_notrun(checklist_t K, const module_struct *m, const check_spec *s, const char *id, const char *why)
{
    check_t c;
    check_init(c);
    c->id = bc_aprintf("%s", id);
    c->module = m != NULL ? m->name : NULL;
    c->claim = bc_aprintf("%s", m != NULL ? m->claim : "unknown");
    c->kind = s != NULL ? s->kind : CHECK_EXACT;
    c->strength = s != NULL ? s->strength : STRENGTH_UNSET;
    c->status = ST_NOTRUN;
    c->expected = s != NULL ? s->expected : ST_HOLDS;
    c->control = s != NULL ? s->control : 0;
    check_add_note(c, "%s", why);
    checklist_push(K, c);
    check_clear(c);
}

/* moves the selected records of L into K, fills what the table knows */
static void
keep_selected(checklist_t K, checklist_t L, const run_opts *o)
{
    slong i, j;
    for (i = 0; i < L->nchecks; i++)
    {
        check_struct *c = L->checks + i;
        const module_struct *m = NULL;
        const check_spec *s = theorem_find_spec(c->id, &m);
        if (s == NULL)
        {
            cli_fail("internal: record '%s' is not in any module's table", c->id);
            c->expected = ST_HOLDS;
            c->status = ST_NOTRUN;
            checklist_push(K, c);
            continue;
        }
        if (!module_wanted(o, m, s->id))
            continue;
        if (c->expected != s->expected)
        {
            check_add_note(c, "(The record's expected status disagreed with the module table; the table's is "
                              "used.)");
            c->expected = s->expected;
        }
        checklist_push(K, c);
    }
    for (i = 0; i < theorem_nmodules; i++)
        for (j = 0; j < theorem_modules[i]->nspecs; j++)
        {
            const check_spec *s = theorem_modules[i]->specs + j;
            slong q, found = 0;
            if (!module_wanted(o, theorem_modules[i], s->id))
                continue;
            for (q = 0; q < K->nchecks; q++)
                found += !strcmp(K->checks[q].id, s->id);
            if (found == 0)
                push_notrun(K, theorem_modules[i], s, s->id, "The module did not produce this check.");
        }
    /* figures and instances travel with the run */
    for (i = 0; i < L->nfigures; i++)
        checklist_push_figure(K, L->figures + i);
    for (i = 0; i < L->ninstances; i++)
        checklist_add_module_instance(K, L->instance_module[i], L->instance_text[i]);
}

int
driver_run(checklist_t K, const run_opts *o, const char *confidence, int quiet, driver_stats *st)
{
    return driver_run_par(K, o, confidence, quiet, st, NULL);
}

int
driver_run_par(checklist_t K, const run_opts *o, const char *confidence, int quiet, driver_stats *st,
               const par_struct *P)
{
    checklist_t L;
    slong i;
    int status = 0;

    checklist_init(L);
    for (i = 0; i < theorem_nmodules && status == 0; i++)
    {
        const module_struct *m = theorem_modules[i];
        double tm;
        if (!module_selected(o, m))
            continue;
        if (!quiet && (P == NULL || par_root(P)) && isatty(2))
            fprintf(stderr, "basincheck: %s (%s)...\n", m->claim, m->name);
        tm = bc_seconds();
        {
            run_t R;
            run_init_par(R, m, o, L, P);
            status = m->exec(R) != 0 ? CLI_EXIT_USAGE : 0;
        }
        if (P != NULL && P->size > 1)
        {
            /* the ranks agree after every module: a rank that failed in
               it (its message printed) meets the others here or in the
               module's next collective, and every rank ends with status
               2 (par.h) */
            int failed = par_sync(P, status != 0);
            if (failed >= 0)
                par_exit(P, failed, CLI_EXIT_USAGE);
        }
        st->module_names[st->nmodules] = m->name;
        st->module_seconds[st->nmodules++] = bc_seconds() - tm;
    }
    keep_selected(K, L, o);
    checklist_clear(L);
    st->nselected = K->nchecks;
    st->ntests = checklist_ntests(K);
    st->tail = cli_tail_level(confidence, st->ntests > 0 ? st->ntests : 1);
    if (!(st->tail > 0.0))
    {
        /* a confidence so close to 1 that the per-test level of this
           family is below the smallest double: nothing can be judged */
        cli_fail("--confidence %s leaves no tail level for each of the run's %ld statistical tests",
                 confidence != NULL ? confidence : "0.99", (long) st->ntests);
        return CLI_EXIT_USAGE;
    }
    checklist_judge(K, st->tail);
    return status;
}
