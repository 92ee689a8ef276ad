/* t-modules.c -- every module against its own table, and the literate
   ties between the C code and the LaTeX fragments.

   For each module on the run context: a quick run produces every listed
   check exactly once, with the kind, strength, control flag, claim and
   expected status of its table, from the source file the table names,
   with a statement (its fragment block or the run's own text) and a
   witness on every expected failure, and nothing outside the table.
   For every module: the fragment's \checkref/\figref references resolve,
   its statement blocks name checks of the table, and its mutant table
   names checks of the table. */
#include <string.h>

#include "driver.h"
#include "report.h"
#include "testutil.h"

/* the table conformity of one record against its spec */
static slong
record_conforms(const module_struct *m, const check_spec *s, const check_struct *c)
{
    slong bad = 0;
    char *stmt = report_check_statement(c), *ref = NULL;
    if (c->status != s->expected || c->control != s->control || c->kind != s->kind ||
        c->strength != s->strength || c->expected != s->expected)
    {
        TEST_REPORT("record matches its spec",
                    "%s: status %s expected %s (kind %d/%d, strength %s/%s, control %d/%d)", c->id,
                    check_status_str(c->status), check_status_str(s->expected), (int) c->kind, (int) s->kind,
                    check_strength_str(c->strength), check_strength_str(s->strength), c->control, s->control);
        bad++;
    }
    if (s->strength == STRENGTH_UNSET)
    {
        TEST_REPORT("every check states its strength", "%s", s->id);
        bad++;
    }
    if (c->module == NULL || strcmp(c->module, m->name) != 0 || s->file == NULL || c->src == NULL ||
        strcmp(c->src, s->file) != 0)
    {
        TEST_REPORT("record made where its table says", "%s: module %s, produced in %s, table says %s", s->id,
                    c->module ? c->module : "(none)", c->src ? c->src : "(none)",
                    s->file ? s->file : "(none)");
        bad++;
    }
    if (stmt == NULL || stmt[0] == '\0' ||
        ((s->expected == ST_FAILS || s->expected == ST_VIOLATED) && c->witness == NULL))
    {
        TEST_REPORT("record has a statement, and a witness when it fails", "%s", c->id);
        bad++;
    }
    if (report_unknown_refs(stmt, &ref) + report_unknown_refs(c->note, NULL) > 0)
    {
        TEST_REPORT("references resolve", "%s: %s", c->id, ref ? ref : "in the note");
        bad++;
    }
    if (ref != NULL)
        flint_free(ref);
    if (stmt != NULL)
        flint_free(stmt);
    return bad;
}

static slong
module_conforms(const module_struct *m)
{
    run_opts o;
    checklist_t K;
    driver_stats st;
    char *sel[1];
    slong i, j, bad = 0;

    test_quick_opts(&o, 2);
    sel[0] = (char *) m->name;
    o.nselect = 1;
    o.select = sel;
    checklist_init(K);
    driver_stats_init(&st);
    if (driver_run(K, &o, NULL, 1, &st) != 0)
    {
        TEST_REPORT("module run returns 0", "%s", m->name);
        bad++;
    }
    for (j = 0; j < m->nspecs; j++)
    {
        const check_spec *s = m->specs + j;
        slong found = 0;
        for (i = 0; i < K->nchecks; i++)
            if (strcmp(K->checks[i].id, s->id) == 0)
            {
                found++;
                bad += record_conforms(m, s, K->checks + i);
            }
        if (found != 1)
        {
            TEST_REPORT("every spec produced once", "%s produced %ld times", s->id, (long) found);
            bad++;
        }
    }
    if (K->nchecks != m->nspecs)
    {
        TEST_REPORT("no record outside the table", "%s: %ld records, %ld specs", m->name, (long) K->nchecks,
                    (long) m->nspecs);
        bad++;
    }
    for (i = 0; i < K->ninstances; i++)
        if (report_unknown_refs(K->instance_text[i], NULL) > 0)
        {
            TEST_REPORT("references in instances resolve", "%s: instance %ld", m->name, (long) i);
            bad++;
        }
    checklist_clear(K);
    driver_stats_clear(&st);
    return bad;
}

static void
test_tables(void)
{
    slong i, bad = 0;
    for (i = 0; i < theorem_nmodules; i++)
        bad += module_conforms(theorem_modules[i]);
    CU_ASSERT_EQUAL(bad, 0);
}

/* the ids in "\begin{checktext}{id,id,...}" on line l, or NULL
   (flint_free) */
static char *
checktext_id(const char *l)
{
    const char *p = strstr(l, "\\begin{checktext}{");
    const char *e;
    if (p == NULL)
        return NULL;
    p += strlen("\\begin{checktext}{");
    e = strchr(p, '}');
    return e == NULL ? bc_aprintf("(unclosed)") : bc_aprintf("%.*s", (int) (e - p), p);
}

/* 1 when id is a prefix ending in '.' of some check of m's table (a
   block that states all of them) */
static int
prefixes_a_check(const module_struct *m, const char *id)
{
    size_t n = strlen(id);
    slong j;
    if (n < 2 || id[n - 1] != '.')
        return 0;
    for (j = 0; j < m->nspecs; j++)
        if (strncmp(m->specs[j].id, id, n) == 0)
            return 1;
    return 0;
}

/* 1 when every name of the comma-separated list ids is an id of m's
   table or a prefix of some of its ids ending in '.', and
   checktext_match finds each on line */
static int
checktext_ids_known(const module_struct *m, const char *ids, const char *line)
{
    int ok = ids[0] != '\0';
    while (*ids != '\0')
    {
        size_t k;
        char *id;
        ids += strspn(ids, ", ");
        k = strcspn(ids, ", ");
        if (k == 0)
            break;
        id = bc_aprintf("%.*s", (int) k, ids);
        ok &= (module_spec(m, id) != NULL || prefixes_a_check(m, id)) &&
              (checktext_names(line, id) || prefixes_a_check(m, id));
        flint_free(id);
        ids += k;
    }
    return ok;
}

static void
test_fragments(void)
{
    slong i, bad = 0;
    for (i = 0; i < theorem_nmodules; i++)
    {
        const module_struct *m = theorem_modules[i];
        const char *const *line;
        slong j;
        int open = 0;
        for (line = m->fragment; line != NULL && *line != NULL; line++)
        {
            char *id = checktext_id(*line), *ref = NULL;
            if (id != NULL)
            {
                if (!checktext_ids_known(m, id, *line) || open)
                {
                    TEST_REPORT("fragment blocks name checks of the table", "%s: checktext %s%s", m->name, id,
                                open ? " inside another block" : "");
                    bad++;
                }
                open = 1;
                flint_free(id);
            }
            if (strstr(*line, "\\end{checktext}") != NULL)
                open = 0;
            if (report_unknown_refs(*line, &ref) > 0)
            {
                TEST_REPORT("fragment references resolve", "%s: %s", m->name, ref);
                bad++;
            }
            if (ref != NULL)
                flint_free(ref);
        }
        for (j = 0; j < m->nmutants; j++)
        {
            const mutant_spec *u = m->mutants + j;
            size_t k = strlen(m->name);
            if (strncmp(u->id, m->name, k) != 0 || u->id[k] != '.' || u->what == NULL || u->kills == NULL)
            {
                TEST_REPORT("mutants are named after their module and say what they change", "%s", u->id);
                bad++;
            }
        }
    }
    CU_ASSERT_EQUAL(bad, 0);
}

/* the reference resolver itself, against known strings */
static void
test_refs(void)
{
    char *bad = NULL;
    const char *id = theorem_modules[0]->specs[0].id;
    char *good = bc_aprintf("see \\checkref{%s} and \\figref{%s.fig1}.", id, theorem_modules[0]->name);
    CU_ASSERT_EQUAL(report_unknown_refs(good, NULL), 0);
    CU_ASSERT_EQUAL(report_unknown_refs("a \\checkref{no.such.check} b", &bad), 1);
    CU_ASSERT(bad != NULL && strstr(bad, "no.such.check") != NULL);
    if (bad != NULL)
        flint_free(bad);
    CU_ASSERT_EQUAL(report_unknown_refs("\\figref{nomodule.fig1}", NULL), 1);
    CU_ASSERT_EQUAL(report_unknown_refs("\\checkref{unclosed", NULL), 1);
    /* a statement block may name one check or a family of them */
    CU_ASSERT(checktext_names("\\begin{checktext}{a.b}", "a.b"));
    CU_ASSERT(checktext_names("\\begin{checktext}{a.b,a.c, a.d}", "a.c"));
    CU_ASSERT(checktext_names("\\begin{checktext}{a.b,a.c, a.d}", "a.d"));
    CU_ASSERT(!checktext_names("\\begin{checktext}{a.b,a.c}", "a"));
    CU_ASSERT(!checktext_names("\\begin{checktext}{a.bc}", "a.b"));
    CU_ASSERT(!checktext_names("\\begin{checktext}{a.b}", "a.b.c"));
    CU_ASSERT(!checktext_names("a.b", "a.b"));
    flint_free(good);
}

/* statement blocks of a check's own and of an id prefix, on a fragment
   written here: the own block wins, then the longest prefix */
static void
test_checktext_prefix(void)
{
    static const check_spec specs[4] = {
        {"m.a.one", CHECK_EXACT, ST_HOLDS, 0, "", STRENGTH_SANITY, "m.c", NULL, 0, 0},
        {"m.a.two", CHECK_EXACT, ST_HOLDS, 0, "", STRENGTH_SANITY, "m.c", NULL, 0, 0},
        {"m.a.b.three", CHECK_EXACT, ST_HOLDS, 0, "", STRENGTH_SANITY, "m.c", NULL, 0, 0},
        {"m.c", CHECK_EXACT, ST_HOLDS, 0, "", STRENGTH_SANITY, "m.c", NULL, 0, 0}};
    static const char *const frag[] = {"body",
                                       "\\begin{checktext}{m.a.}",
                                       "all of a",
                                       "\\end{checktext}",
                                       "\\begin{checktext}{m.a.two}",
                                       "two alone",
                                       "\\end{checktext}",
                                       "\\begin{checktext}{m.a.b.}",
                                       "b of a",
                                       "\\end{checktext}",
                                       NULL};
    module_struct m;
    static const char *const ids[5] = {"m.a.one", "m.a.two", "m.a.b.three", "m.c", "m.a"};
    static const char *const want[5] = {"all of a", "two alone", "b of a", NULL, NULL};
    slong i;

    memset(&m, 0, sizeof m);
    m.name = "m";
    m.specs = specs;
    m.nspecs = 4;
    m.fragment = frag;
    for (i = 0; i < 5; i++)
    {
        char *t = fragment_check_text(&m, ids[i]);
        int ok = (t == NULL && want[i] == NULL) || (t != NULL && want[i] != NULL && !strcmp(t, want[i]));
        if (!ok)
            TEST_REPORT("checktext of an id: own block, else longest prefix", "%s: got '%s', want '%s'",
                        ids[i], t ? t : "(null)", want[i] ? want[i] : "(null)");
        CU_ASSERT(ok);
        if (t != NULL)
            flint_free(t);
    }
    CU_ASSERT(prefixes_a_check(&m, "m.a."));
    CU_ASSERT(!prefixes_a_check(&m, "m.a"));
    CU_ASSERT(!prefixes_a_check(&m, "m.d."));
}

int
t_modules_register(void)
{
    CU_pSuite s = CU_add_suite("modules", NULL, NULL);
    if (s == NULL)
        return 1;
    if (CU_add_test(s, "references resolve and refuse unknown ids", test_refs) == NULL ||
        CU_add_test(s, "statement blocks of an id and of an id prefix", test_checktext_prefix) == NULL ||
        CU_add_test(s, "fragments and mutant tables name checks of the tables", test_fragments) == NULL ||
        CU_add_test(s, "every module on the run context against its table", test_tables) == NULL)
        return 1;
    return 0;
}
