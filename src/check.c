/* check.c -- check records and figures. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

static const char *const kind_names[] = {"exact", "ball", "range", "montecarlo", "audit", "agreement"};
static const char *const strength_names[] = {"unset", "decides", "witnesses", "statistical", "sanity"};
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

const char *
check_strength_str(check_strength s)
{
    return strength_names[s];
}

check_status
check_status_from_truth(truth_t t)
{
    return t == BC_TRUE ? ST_HOLDS : (t == BC_FALSE ? ST_FAILS : ST_UNDECIDED);
}

static int
status_positive(check_status st)
{
    return st == ST_HOLDS || st == ST_CONSISTENT;
}

static int
status_negative(check_status st)
{
    return st == ST_FAILS || st == ST_VIOLATED || st == ST_INAPPLICABLE;
}

int
check_status_flipped(check_status st, check_status e)
{
    return (status_positive(e) && status_negative(st)) || (status_negative(e) && status_positive(st));
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
    for (i = 0; i < c->ntests; i++)
    {
        check_test *t = c->tests + i;
        free0(&t->label);
        free0(&t->target_tex);
        free0(&t->lo);
        free0(&t->hi);
        free0(&t->estimate);
        free0(&t->slack);
        arb_clear(t->target);
    }
    if (c->tests != NULL)
        flint_free(c->tests);
    c->tests = NULL;
    c->ntests = 0;
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
check_field_fmpq(check_t c, const char *key, const fmpq_t x)
{
    char *s = fmpq_get_str(NULL, 10, x);
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
check_set_stream_witness(check_t c, uint64_t seed, const char *stream, const char *what)
{
    if (what != NULL)
        check_set_witness(c,
                          "seed %llu, rng stream \"%s\" (sample i reads Philox stream (seed, \"%s\", i)): %s",
                          (unsigned long long) seed, stream, stream, what);
    else
        check_set_witness(c, "seed %llu, rng stream \"%s\" (sample i reads Philox stream (seed, \"%s\", i))",
                          (unsigned long long) seed, stream, stream);
}

void
check_note_prec(check_t c, slong prec)
{
    if (prec > c->prec)
        c->prec = prec;
}

truth_t
check_decide_prec(check_t c, bc_decide_fn f, void *ctx, slong prec0)
{
    slong reached = 0;
    truth_t r = bc_decide_prec(&reached, f, ctx, prec0);
    if (c != NULL)
        check_note_prec(c, reached);
    return r;
}

void
check_decide(check_t c, truth_t t)
{
    c->status = check_status_from_truth(t);
}

void
check_count(check_t c, slong bad, slong undecided)
{
    c->status = bad > 0 ? ST_FAILS : (undecided > 0 ? ST_UNDECIDED : ST_HOLDS);
}

void
check_refute(check_t c, truth_t t)
{
    c->status = t == BC_TRUE ? ST_FAILS : ST_UNDECIDED;
}

void
check_hypothesis(check_t c, truth_t t)
{
    c->status = t == BC_TRUE ? ST_HOLDS : (t == BC_FALSE ? ST_INAPPLICABLE : ST_UNDECIDED);
}

void
check_add_test(check_t c, check_test_kind kind, const char *label, ulong samples, ulong successes,
               ulong undecided, ulong escalations, const arb_t target, const char *target_tex)
{
    check_test *t;
    c->tests = flint_realloc(c->tests, (c->ntests + 1) * sizeof(check_test));
    t = c->tests + c->ntests++;
    memset(t, 0, sizeof(check_test));
    t->kind = kind;
    t->label = label != NULL ? bc_strdup(label) : NULL;
    t->samples = samples;
    t->successes = successes;
    t->undecided = undecided;
    t->escalations = escalations;
    arb_init(t->target);
    arb_set(t->target, target);
    t->target_tex = target_tex != NULL ? bc_strdup(target_tex) : NULL;
    t->status = ST_UNDECIDED;
    c->status = ST_UNDECIDED; /* until judged */
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
    if (c->kind != CHECK_AGREEMENT)
        c->kind = CHECK_MONTECARLO;
    check_add_test(c, TEST_BOUND, NULL, samples, successes, undecided, escalations, bound, bound_tex);
}

void
figure_init(figure_t f, const char *id, const char *claim, const char *caption, const char *xlabel,
            const char *ylabel)
{
    memset(f, 0, sizeof(figure_struct));
    f->id = bc_strdup(id);
    f->claim = bc_strdup(claim);
    f->module = NULL;
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
