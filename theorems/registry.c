/* registry.c -- the list of claim modules, in report order. */
#include <string.h>

#include "rng.h"
#include "theorems.h"

const module_struct *const theorem_modules[] = {&module_thm1, &module_prop12, &module_lemma12, &module_claims,
                                                &module_thm2, &module_thm3,   &module_thm4,    &module_lemma8,
                                                &module_thm5, &module_thm6,   &module_audit};
const slong theorem_nmodules = sizeof(theorem_modules) / sizeof(theorem_modules[0]);

const check_spec *
theorem_find_spec(const char *id, const module_struct **mod)
{
    slong i, j;
    for (i = 0; i < theorem_nmodules; i++)
        for (j = 0; j < theorem_modules[i]->nspecs; j++)
            if (strcmp(theorem_modules[i]->specs[j].id, id) == 0)
            {
                if (mod != NULL)
                    *mod = theorem_modules[i];
                return theorem_modules[i]->specs + j;
            }
    return NULL;
}

int
theorem_id_matches(const char *id, const char *module, const char *pat)
{
    size_t n = strlen(pat);
    if (n == 0)
        return 0;
    if (!strcmp(id, pat) || !strcmp(module, pat))
        return 1;
    return strncmp(id, pat, n) == 0 && (id[n] == '.' || pat[n - 1] == '.');
}

int
theorem_wanted(const run_opts *o, const module_struct *m, const char *id)
{
    int i;
    if (o->nselect == 0)
        return 1;
    for (i = 0; i < o->nselect; i++)
        if (theorem_id_matches(id, m->name, o->select[i]))
            return 1;
    return 0;
}

int
theorem_wanted_prefix(const run_opts *o, const module_struct *m, const char *prefix)
{
    slong j;
    size_t n = strlen(prefix);
    for (j = 0; j < m->nspecs; j++)
        if (strncmp(m->specs[j].id, prefix, n) == 0 && theorem_wanted(o, m, m->specs[j].id))
            return 1;
    return 0;
}

int
theorem_accepts(const module_struct *m, const char *name)
{
    const char *s = m->inputs;
    size_t n = strlen(name);
    while (s != NULL && *s != '\0')
    {
        size_t k = strcspn(s, " ");
        if (k == n && strncmp(s, name, n) == 0)
            return 1;
        s += k;
        s += strspn(s, " ");
    }
    return 0;
}

void
theorem_input_error(const char *msg)
{
    const unsigned char *p;
    fputs("basincheck: ", stderr);
    for (p = (const unsigned char *) msg; *p != '\0'; p++)
        fputc(*p < 0x20 ? '?' : *p, stderr);
    fputc('\n', stderr);
}

void
theorem_check_start(check_t c, const check_spec *specs, slong nspecs, const char *id, const char *claim)
{
    slong i;
    const check_spec *sp = NULL;
    for (i = 0; i < nspecs && sp == NULL; i++)
        if (strcmp(specs[i].id, id) == 0)
            sp = specs + i;
    if (sp == NULL)
    {
        flint_printf("no spec for check %s\n", id);
        flint_abort();
    }
    check_init(c);
    c->id = bc_aprintf("%s", id);
    c->claim = bc_aprintf("%s", claim);
    c->kind = sp->kind;
    c->expected = sp->expected;
    c->control = sp->control;
    c->reconstructed = 0;
    c->status = ST_UNDECIDED;
}

void
theorem_mc_run(mc_tally_t T, mc_sample_fn fn, const void *ctx, ulong N, const run_opts *opts,
               const char *stream)
{
    mc_opts o;
    o.threads = opts->threads < 1 ? 1 : opts->threads;
    o.progress = opts->progress;
    o.label = stream;
    mc_run(T, fn, ctx, N, opts->seed, rng_stream_id(stream), &o);
}

check_status
theorem_agreement_status(truth_t t)
{
    return t == BC_TRUE ? ST_CONSISTENT : (t == BC_FALSE ? ST_VIOLATED : ST_UNDECIDED);
}
