/* mutants.c -- the mutation test: every check that can fail must be
   killed by a mutant.

   A module's mutant table (module.h, mutant_spec) lists false variants of
   its claims - a constant the mathematics says is too tight, an
   inequality turned round, a hypothesis broken, a construction altered -
   each with the checks it must turn.  This program runs every mutant
   through the module's own code at quick size (the run's selection is the
   mutant's checks, so the statistical family is that of a focused run),
   and requires each named check to take the decided opposite of its
   expected status (check_status_flipped).  A check whose strength is not
   sanity and that no mutant kills is a failure: it would pass whatever
   the claim said.  Prints "mutants: K killed of N killable" and returns
   the number of failures (capped at 255).

   Usage: mutants [MODULE...]   (default: every module).  BC_TEST_SEED
   sets the seed, as in the CUnit suites. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "driver.h"
#include "testutil.h"

/* splits the space-separated list s into a new array of n new strings */
static char **
split_ids(const char *s, int *n)
{
    char **v = NULL;
    *n = 0;
    while (s != NULL && *s != '\0')
    {
        size_t k;
        s += strspn(s, " ");
        k = strcspn(s, " ");
        if (k == 0)
            break;
        v = flint_realloc(v, sizeof(char *) * (size_t) (*n + 1));
        v[*n] = bc_aprintf("%.*s", (int) k, s);
        (*n)++;
        s += k;
    }
    return v;
}

static void
free_ids(char **v, int n)
{
    int i;
    for (i = 0; i < n; i++)
        flint_free(v[i]);
    flint_free(v);
}

static const check_struct *
find_record(const checklist_t L, const char *id)
{
    slong i;
    for (i = 0; i < L->nchecks; i++)
        if (strcmp(L->checks[i].id, id) == 0)
            return L->checks + i;
    return NULL;
}

/* runs mutant u of module m; marks killed[j] for the spec j it kills;
   returns the number of failures (a named check that did not flip) */
static long
mutant_run(const module_struct *m, const mutant_spec *u, char *killed)
{
    run_opts o;
    checklist_t K;
    driver_stats st;
    char **ids;
    int nids, i;
    long fail = 0;

    ids = split_ids(u->kills, &nids);
    if (nids == 0)
    {
        fprintf(stderr, "FAIL mutant %s names no check\n", u->id);
        return 1;
    }
    test_quick_opts(&o, 2);
    o.nselect = nids;
    o.select = ids;
    o.mutant = u->id;
    checklist_init(K);
    driver_stats_init(&st);
    o.tail = cli_tail_level(NULL, driver_selected_statistical(&o) > 0 ? driver_selected_statistical(&o) : 1);
    if (driver_run(K, &o, NULL, 1, &st) != 0)
    {
        fprintf(stderr, "FAIL mutant %s: the run reported an input error\n", u->id);
        fail++;
    }
    for (i = 0; i < nids; i++)
    {
        const check_spec *s = module_spec(m, ids[i]);
        const check_struct *c = find_record(K, ids[i]);
        if (s == NULL)
        {
            fprintf(stderr, "FAIL mutant %s names %s, which is not in the table of %s\n", u->id, ids[i],
                    m->name);
            fail++;
            continue;
        }
        if (c == NULL || !check_status_flipped(c->status, s->expected))
        {
            fprintf(stderr,
                    "FAIL mutant %s (%s) survives: %s is %s (expected %s; a kill needs the opposite)\n",
                    u->id, u->what, ids[i], c != NULL ? check_status_str(c->status) : "missing",
                    check_status_str(s->expected));
            fail++;
            continue;
        }
        killed[s - m->specs] = 1;
    }
    checklist_clear(K);
    driver_stats_clear(&st);
    free_ids(ids, nids);
    return fail;
}

int
main(int argc, char **argv)
{
    slong i, j, killable = 0, killed_total = 0, nmut = 0;
    long fail = 0;

    for (i = 0; i < theorem_nmodules; i++)
    {
        const module_struct *m = theorem_modules[i];
        char *killed;
        int a, want = argc <= 1;
        for (a = 1; a < argc; a++)
            want |= !strcmp(argv[a], m->name);
        if (!want)
            continue;
        killed = flint_calloc((size_t) m->nspecs + 1, 1);
        for (j = 0; j < m->nmutants; j++)
        {
            long f = mutant_run(m, m->mutants + j, killed);
            printf("mutant %-44s %s\n", m->mutants[j].id, f == 0 ? "killed" : "SURVIVED");
            fflush(stdout);
            fail += f;
            nmut++;
        }
        for (j = 0; j < m->nspecs; j++)
        {
            const check_spec *s = m->specs + j;
            if (s->strength == STRENGTH_UNSET)
            {
                fprintf(stderr, "FAIL %s has no strength in its table\n", s->id);
                fail++;
                continue;
            }
            if (s->strength == STRENGTH_SANITY)
                continue;
            killable++;
            killed_total += killed[j];
            if (!killed[j])
            {
                fprintf(stderr, "FAIL %s (%s) is killed by no mutant\n", s->id,
                        check_strength_str(s->strength));
                fail++;
            }
        }
        flint_free(killed);
    }
    printf("mutants: %ld killed of %ld killable (%ld mutants run, seed %llu)\n", (long) killed_total,
           (long) killable, (long) nmut, (unsigned long long) test_seed());
    flint_cleanup_master();
    return fail > 255 ? 255 : (int) fail;
}
