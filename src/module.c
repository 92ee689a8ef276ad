/* module.c -- the helpers of module.h: the run's selection, the options
   a module accepts, input errors, check records started from the static
   table, and Monte Carlo streams under the run's seed. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
        fputc(*p < 0x20 || *p == 0x7f ? '?' : *p, stderr);
    fputc('\n', stderr);
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

/* ------------------------------------------------------ run context */

void
run_init(run_t R, const module_struct *m, const run_opts *o, checklist_t out)
{
    R->mod = m;
    R->opts = o;
    R->out = out;
    R->par = NULL;
}

void
run_init_par(run_t R, const module_struct *m, const run_opts *o, checklist_t out, const par_struct *P)
{
    run_init(R, m, o, out);
    R->par = P;
}

const check_spec *
module_spec(const module_struct *m, const char *id)
{
    slong i;
    for (i = 0; i < m->nspecs; i++)
        if (strcmp(m->specs[i].id, id) == 0)
            return m->specs + i;
    return NULL;
}

int
run_wants(const run_t R, const char *id)
{
    return module_wanted(R->opts, R->mod, id);
}

int
run_wants_prefix(const run_t R, const char *prefix)
{
    return module_wanted_prefix(R->opts, R->mod, prefix);
}

int
run_mutant(const run_t R, const char *id)
{
    slong i;
    int listed = 0;
    for (i = 0; i < R->mod->nmutants && !listed; i++)
        listed = strcmp(R->mod->mutants[i].id, id) == 0;
    if (!listed)
    {
        flint_printf("run_mutant: %s is not in the mutant table of module %s\n", id, R->mod->name);
        flint_abort();
    }
    return R->opts->mutant != NULL && strcmp(R->opts->mutant, id) == 0;
}

/* the file name without its directories: __FILE__ depends on how the
   build names the source */
static const char *
base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s != NULL ? s + 1 : path;
}

void
_run_check(run_t R, check_t c, const char *id, const char *file)
{
    const check_spec *sp = module_spec(R->mod, id);
    if (sp == NULL)
    {
        flint_printf("run_check: no spec for check %s in module %s\n", id, R->mod->name);
        flint_abort();
    }
    check_init(c);
    c->id = bc_aprintf("%s", id);
    c->module = R->mod->name;
    c->src = base_name(file);
    c->claim = bc_aprintf("%s", sp->claim != NULL ? sp->claim : R->mod->claim);
    c->kind = sp->kind;
    c->strength = sp->strength;
    c->expected = sp->expected;
    c->control = sp->control;
    c->reconstructed = sp->reconstructed || (R->mod->reconstructed && sp->claim == NULL);
    c->status = ST_UNDECIDED;
    /* the start time until run_push */
    c->seconds = bc_seconds();
}

void
run_push(run_t R, check_t c)
{
    c->seconds = bc_seconds() - c->seconds;
    checklist_push(R->out, c);
}

void
run_add_instance(run_t R, const char *fmt, ...)
{
    va_list ap;
    char *s;
    va_start(ap, fmt);
    s = bc_vaprintf(fmt, ap);
    va_end(ap);
    checklist_add_module_instance(R->out, R->mod->name, s);
    flint_free(s);
}

void
run_add_figure(run_t R, figure_t f)
{
    f->module = R->mod->name;
    checklist_push_figure(R->out, f);
}

slong
run_size_pick(const run_t R, const slong sizes[3])
{
    return sizes[R->opts->size];
}

/* 1 when the run gives the user's own instance */
static int
user_run(const run_opts *o)
{
    return o->data != NULL || o->weights != NULL || o->teacher != NULL || o->centres != NULL ||
           o->eps != NULL || o->dim != 0 || o->width != 0 || o->clusters != 0;
}

ulong
run_samples(const run_t R, const char *id, const ulong sizes[3], ulong minimum)
{
    const run_opts *o = R->opts;
    const check_spec *sp = module_spec(R->mod, id);
    int applies = !user_run(o) || (sp != NULL && sp->user);
    int statistical = sp == NULL || sp->kind == CHECK_MONTECARLO || sp->kind == CHECK_AGREEMENT;
    ulong n = sizes[o->size];
    if (applies && o->samples > 0)
        n = (ulong) o->samples;
    else if (applies && statistical && o->samples == -1)
        n = mc_samples_for_slack(o->slack, o->tail);
    return n < minimum ? minimum : n;
}

void
run_mc(run_t R, mc_tally_t T, mc_sample_fn fn, const void *ctx, ulong N, const char *stream)
{
    mc_opts o;
    if (R->par == NULL || R->par->size == 1)
    {
        module_mc_run(T, fn, ctx, N, R->opts, stream);
        return;
    }
    o.threads = R->opts->threads < 1 ? 1 : R->opts->threads;
    o.progress = R->opts->progress;
    o.label = stream;
    par_mc_run(R->par, T, fn, ctx, N, R->opts->seed, rng_stream_id(stream), &o);
}

void
run_mc_all(run_t R, mc_tally_t T, mc_sample_fn fn, const void *ctx, ulong N, const char *stream)
{
    module_mc_run(T, fn, ctx, N, R->opts, stream);
}

/* ------------------------------------------------- benchmark options */

/* the unsigned decimal s (digits only) in [lo, hi] into *out; 0 or -1 */
static int
parse_count(uint64_t *out, const char *s, uint64_t lo, uint64_t hi)
{
    char *end;
    unsigned long long v;
    if (s == NULL || s[0] == '\0' || s[strspn(s, "0123456789")] != '\0')
        return -1;
    errno = 0;
    v = strtoull(s, &end, 10);
    if (errno != 0 || *end != '\0' || v < lo || v > hi)
        return -1;
    *out = (uint64_t) v;
    return 0;
}

static int
bench_error(const char *bench, const char *what, const char *arg)
{
    char *msg = bc_aprintf("bench %s: %s '%s' (see 'basincheck bench %s --help')", bench, what, arg, bench);
    module_input_error(msg);
    flint_free(msg);
    return 2;
}

int
module_bench_opts(run_opts *o, int argc, char **argv, const char *usage)
{
    long np = sysconf(_SC_NPROCESSORS_ONLN);
    const char *name = argc > 0 ? argv[0] : "?";
    int i, sized = 0;
    uint64_t k;

    memset(o, 0, sizeof(run_opts));
    o->seed = 1;
    o->size = SIZE_DEFAULT;
    o->threads = np < 1 ? 1 : (np > 256 ? 256 : (int) np);
    o->progress = 1;
    for (i = 1; i < argc; i++)
    {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        int valued = !strcmp(a, "--seed") || !strcmp(a, "--threads") || !strcmp(a, "--samples");
        if (valued && v == NULL)
            return bench_error(name, "a value is missing after", a);
        if (!strcmp(a, "-h") || !strcmp(a, "--help"))
        {
            printf("%s\n", usage);
            return -1;
        }
        if (!strcmp(a, "--quick") || !strcmp(a, "--full"))
        {
            run_size want = a[2] == 'q' ? SIZE_QUICK : SIZE_FULL;
            if (sized++ && o->size != want)
                return bench_error(name, "--quick and --full exclude each other, got", a);
            o->size = want;
        }
        else if (!strcmp(a, "--quiet"))
            o->progress = 0;
        else if (!strcmp(a, "--seed") && parse_count(&k, v, 0, UINT64_MAX) == 0)
            o->seed = k;
        else if (!strcmp(a, "--threads") && parse_count(&k, v, 1, 256) == 0)
            o->threads = (int) k;
        else if (!strcmp(a, "--samples") && parse_count(&k, v, 1, UINT64_C(1) << 40) == 0)
            o->samples = (long) k;
        else if (valued)
            return bench_error(name,
                               !strcmp(a, "--seed")      ? "--seed expects an integer in [0, 2^64), got"
                               : !strcmp(a, "--threads") ? "--threads expects an integer from 1 to 256, got"
                                                         : "--samples expects an integer from 1 to 2^40, got",
                               v);
        else
            return bench_error(name, "unknown option", a);
        i += valued;
    }
    return 0;
}

/* a check id as a whole word of a space-separated list */
static int
_names(const char *list, const char *id)
{
    size_t n = strlen(id);
    const char *p = list;
    while ((p = strstr(p, id)) != NULL)
    {
        if ((p == list || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' '))
            return 1;
        p += n;
    }
    return 0;
}

void
module_mutant_cover(slong *killable, slong *covered, const module_struct *m)
{
    slong i, j;
    *killable = *covered = 0;
    for (i = 0; i < m->nspecs; i++)
    {
        if (m->specs[i].strength == STRENGTH_SANITY)
            continue;
        (*killable)++;
        for (j = 0; j < m->nmutants; j++)
            if (m->mutants[j].kills != NULL && _names(m->mutants[j].kills, m->specs[i].id))
            {
                (*covered)++;
                break;
            }
    }
}
