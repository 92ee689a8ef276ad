#include <stdlib.h>
#include <string.h>

#include "testutil.h"

uint64_t
test_seed(void)
{
    const char *s = getenv("BC_TEST_SEED");
    if (s != NULL && *s != '\0')
        return strtoull(s, NULL, 0);
    return UINT64_C(20161101);
}

slong
test_iters(slong base)
{
    const char *s = getenv("BC_TEST_MULT");
    long mult = 1;
    if (s != NULL && *s != '\0')
    {
        mult = strtol(s, NULL, 10);
        if (mult < 1)
            mult = 1;
    }
    return base * (slong) mult;
}

void
test_quick_opts(run_opts *o, int threads)
{
    memset(o, 0, sizeof *o);
    o->seed = test_seed();
    o->size = SIZE_QUICK;
    o->threads = threads;
    o->tail = 1e-4;
}

slong
test_module_table(const module_struct *m, const run_opts *o, slong min_instances)
{
    checklist_t L;
    slong i, j, bad = 0;

    checklist_init(L);
    if (m->run(L, o) != 0)
    {
        TEST_REPORT("module run returns 0", "%s", m->name);
        bad++;
    }
    checklist_judge(L, o->tail > 0 ? o->tail : 1e-4);
    for (j = 0; j < m->nspecs; j++)
    {
        const check_spec *s = m->specs + j;
        slong found = 0;
        for (i = 0; i < L->nchecks; i++)
        {
            const check_struct *c = L->checks + i;
            if (strcmp(c->id, s->id) != 0)
                continue;
            found++;
            if (c->status != s->expected || c->control != s->control || c->kind != s->kind ||
                c->expected != s->expected)
            {
                TEST_REPORT("record matches its spec",
                            "%s: status %s expected %s (kind %d/%d, control %d/%d)", c->id,
                            check_status_str(c->status), check_status_str(s->expected), (int) c->kind,
                            (int) s->kind, c->control, s->control);
                bad++;
            }
            if (c->statement == NULL || (s->expected == ST_FAILS && c->witness == NULL))
            {
                TEST_REPORT("record has a statement, and a witness when it fails", "%s", c->id);
                bad++;
            }
        }
        if (found != 1)
        {
            TEST_REPORT("every spec produced once", "%s produced %ld times", s->id, (long) found);
            bad++;
        }
    }
    if (L->nchecks != m->nspecs)
    {
        TEST_REPORT("no record outside the table", "%s: %ld records, %ld specs", m->name, (long) L->nchecks,
                    (long) m->nspecs);
        bad++;
    }
    if (L->ninstances < min_instances)
    {
        TEST_REPORT("the module describes its instances", "%s: %ld instances, want >= %ld", m->name,
                    (long) L->ninstances, (long) min_instances);
        bad++;
    }
    checklist_clear(L);
    return bad;
}
