/* module.c -- the helpers of module.h: the run's selection, the options
   a module accepts, input errors, check records started from the static
   table, and Monte Carlo streams under the run's seed. */
#include <string.h>

#include "module.h"
#include "rng.h"

int
module_id_matches(const char *id, const char *module, const char *pat)
{
    size_t n = strlen(pat);
    if (n == 0)
        return 0;
    if (!strcmp(id, pat) || !strcmp(module, pat))
        return 1;
    return strncmp(id, pat, n) == 0 && (id[n] == '.' || pat[n - 1] == '.');
}

int
module_wanted(const run_opts *o, const module_struct *m, const char *id)
{
    int i;
    if (o->nselect == 0)
        return 1;
    for (i = 0; i < o->nselect; i++)
        if (module_id_matches(id, m->name, o->select[i]))
            return 1;
    return 0;
}

int
module_wanted_prefix(const run_opts *o, const module_struct *m, const char *prefix)
{
    slong j;
    size_t n = strlen(prefix);
    for (j = 0; j < m->nspecs; j++)
        if (strncmp(m->specs[j].id, prefix, n) == 0 && module_wanted(o, m, m->specs[j].id))
            return 1;
    return 0;
}

int
module_accepts(const module_struct *m, const char *name)
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
module_input_error(const char *msg)
{
    const unsigned char *p;
    fputs("basincheck: ", stderr);
    for (p = (const unsigned char *) msg; *p != '\0'; p++)
        fputc(*p < 0x20 ? '?' : *p, stderr);
    fputc('\n', stderr);
}

void
module_check_start(check_t c, const check_spec *specs, slong nspecs, const char *id, const char *claim)
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
module_mc_run(mc_tally_t T, mc_sample_fn fn, const void *ctx, ulong N, const run_opts *opts,
              const char *stream)
{
    mc_opts o;
    o.threads = opts->threads < 1 ? 1 : opts->threads;
    o.progress = opts->progress;
    o.label = stream;
    mc_run(T, fn, ctx, N, opts->seed, rng_stream_id(stream), &o);
}

check_status
module_agreement_status(truth_t t)
{
    return t == BC_TRUE ? ST_CONSISTENT : (t == BC_FALSE ? ST_VIOLATED : ST_UNDECIDED);
}
