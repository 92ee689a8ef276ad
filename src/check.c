/* check.c -- check records and figures. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

static const char *const kind_names[] = {"exact", "ball", "range", "montecarlo", "audit"};
static const char *const status_names[] = {"notrun",     "holds",    "fails",       "undecided",
                                           "consistent", "violated", "inapplicable"};

const char *
check_kind_str(check_kind kind)
{
    return kind_names[kind];
}

const char *
check_status_str(check_status st)
{
    return status_names[st];
}

check_status
check_status_from_truth(truth_t t)
{
    return t == BC_TRUE ? ST_HOLDS : (t == BC_FALSE ? ST_FAILS : ST_UNDECIDED);
}

static char *
bc_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *r = flint_malloc(n);
    memcpy(r, s, n);
    return r;
}

void
check_init(check_t c)
{
    memset(c, 0, sizeof(check_struct));
    arb_init(c->mc.bound);
}

static void
free0(char **p)
{
    if (*p != NULL)
        flint_free(*p);
    *p = NULL;
}

void
check_clear(check_t c)
{
    slong i;
    free0(&c->id);
    free0(&c->claim);
    free0(&c->statement);
    free0(&c->note);
    free0(&c->witness);
    for (i = 0; i < c->nfields; i++)
    {
        flint_free(c->fields[i].key);
        flint_free(c->fields[i].value);
    }
    if (c->fields != NULL)
        flint_free(c->fields);
    free0(&c->mc.bound_tex);
    free0(&c->mc.lo);
    free0(&c->mc.hi);
    free0(&c->mc.estimate);
    free0(&c->mc.slack);
    arb_clear(c->mc.bound);
    for (i = 0; i < c->ncerts; i++)
        flint_free(c->certs[i]);
    if (c->certs != NULL)
        flint_free(c->certs);
}

void
check_field_add(check_t c, const char *key, const char *fmt, ...)
{
    va_list ap;
    c->fields = flint_realloc(c->fields, (c->nfields + 1) * sizeof(check_field));
    c->fields[c->nfields].key = bc_strdup(key);
    va_start(ap, fmt);
    c->fields[c->nfields].value = bc_vaprintf(fmt, ap);
    va_end(ap);
    c->nfields++;
}

void
check_field_arb(check_t c, const char *key, const arb_t x, slong digits)
{
    char *s = bc_arb_str(x, digits);
    check_field_add(c, key, "%s", s);
    flint_free(s);
}

void
check_set_witness(check_t c, const char *fmt, ...)
{
    va_list ap;
    free0(&c->witness);
    va_start(ap, fmt);
    c->witness = bc_vaprintf(fmt, ap);
    va_end(ap);
}

void
check_add_note(check_t c, const char *fmt, ...)
{
    va_list ap;
    char *s, *t;
    va_start(ap, fmt);
    s = bc_vaprintf(fmt, ap);
    va_end(ap);
    if (c->note == NULL)
    {
        c->note = s;
        return;
    }
    t = flint_malloc(strlen(c->note) + strlen(s) + 2);
    strcpy(t, c->note);
    strcat(t, " ");
    strcat(t, s);
    flint_free(c->note);
    flint_free(s);
    c->note = t;
}

void
check_cert_add(check_t c, char *json)
{
    c->certs = flint_realloc(c->certs, (c->ncerts + 1) * sizeof(char *));
    c->certs[c->ncerts++] = json;
}

void
check_set_mc(check_t c, ulong samples, ulong successes, ulong undecided, ulong escalations, const arb_t bound,
             const char *bound_tex)
{
    c->has_mc = 1;
    c->kind = CHECK_MONTECARLO;
    c->mc.samples = samples;
    c->mc.successes = successes;
    c->mc.undecided = undecided;
    c->mc.escalations = escalations;
    arb_set(c->mc.bound, bound);
    free0(&c->mc.bound_tex);
    c->mc.bound_tex = bc_strdup(bound_tex);
}

void
figure_init(figure_t f, const char *id, const char *claim, const char *caption, const char *xlabel,
            const char *ylabel)
{
    memset(f, 0, sizeof(figure_struct));
    f->id = bc_strdup(id);
    f->claim = bc_strdup(claim);
    f->caption = bc_strdup(caption);
    f->xlabel = bc_strdup(xlabel);
    f->ylabel = bc_strdup(ylabel);
}

void
figure_clear(figure_t f)
{
    slong i;
    for (i = 0; i < f->nseries; i++)
    {
        flint_free(f->series[i].name);
        flint_free(f->series[i].x);
        flint_free(f->series[i].y);
        if (f->series[i].z != NULL)
            flint_free(f->series[i].z);
    }
    if (f->series != NULL)
        flint_free(f->series);
    free0(&f->id);
    free0(&f->claim);
    free0(&f->caption);
    free0(&f->xlabel);
    free0(&f->ylabel);
    free0(&f->zlabel);
}

/* appends a series with a copy of x, y (and z when not NULL) */
static figure_series *
series_push(figure_t f, const char *name, const double *x, const double *y, const double *z, slong n,
            int marks)
{
    figure_series *s;
    f->series = flint_realloc(f->series, (f->nseries + 1) * sizeof(figure_series));
    s = f->series + f->nseries;
    s->name = bc_strdup(name);
    s->n = n;
    s->x = flint_malloc((n + 1) * sizeof(double));
    s->y = flint_malloc((n + 1) * sizeof(double));
    memcpy(s->x, x, n * sizeof(double));
    memcpy(s->y, y, n * sizeof(double));
    s->z = NULL;
    if (z != NULL)
    {
        s->z = flint_malloc((n + 1) * sizeof(double));
        memcpy(s->z, z, n * sizeof(double));
    }
    s->cols = 0;
    s->marks = marks;
    f->nseries++;
    return s;
}

void
figure_add_series(figure_t f, const char *name, const double *x, const double *y, slong n, int marks)
{
    if (f->zlabel != NULL)
    {
        flint_printf("figure_add_series: %s is a 3-D figure\n", f->id);
        flint_abort();
    }
    series_push(f, name, x, y, NULL, n, marks);
}

void
figure_set_3d(figure_t f, const char *zlabel)
{
    if (f->nseries > 0)
    {
        flint_printf("figure_set_3d: %s already has 2-D series\n", f->id);
        flint_abort();
    }
    free0(&f->zlabel);
    f->zlabel = bc_strdup(zlabel);
}

void
figure_add_series3(figure_t f, const char *name, const double *x, const double *y, const double *z, slong n,
                   slong cols, int marks)
{
    if (f->zlabel == NULL || cols < 0 || (cols > 0 && n % cols != 0))
    {
        flint_printf("figure_add_series3: %s is not a 3-D figure or the mesh is ragged\n", f->id);
        flint_abort();
    }
    series_push(f, name, x, y, z, n, marks)->cols = cols;
}
