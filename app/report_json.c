/* report_json.c -- report.json (schema: docs/report.schema.json). */
#include <math.h>
#include <string.h>

#include "cert.h"
#include "report.h"

static void
jstr(FILE *f, const char *s)
{
    char *e;
    if (s == NULL)
    {
        fputs("null", f);
        return;
    }
    e = escape_json(s);
    fprintf(f, "\"%s\"", e);
    flint_free(e);
}

static void
jnum(FILE *f, double x)
{
    if (isfinite(x))
        fprintf(f, "%.17g", x);
    else
        fputs("null", f);
}

static const char *const test_kind_names[] = {"bound", "equal"};

static void
write_test(FILE *f, const check_test *t)
{
    char *b = bc_arb_str(t->target, 17);
    fprintf(f, "{\"kind\": \"%s\", \"label\": ", test_kind_names[t->kind]);
    jstr(f, t->label);
    fprintf(f, ", \"samples\": %lu, \"successes\": %lu, \"undecided\": %lu, \"escalations\": %lu, ",
            (unsigned long) t->samples, (unsigned long) t->successes, (unsigned long) t->undecided,
            (unsigned long) t->escalations);
    fputs("\"target\": ", f);
    jstr(f, b);
    fputs(", \"target_tex\": ", f);
    jstr(f, t->target_tex);
    fputs(", \"tail\": ", f);
    jnum(f, t->tail);
    fputs(", \"estimate\": ", f);
    jstr(f, t->estimate);
    fputs(", \"lower\": ", f);
    jstr(f, t->lo);
    fputs(", \"upper\": ", f);
    jstr(f, t->hi);
    fputs(", \"slack\": ", f);
    jstr(f, t->slack);
    fprintf(f, ", \"status\": \"%s\"}", check_status_str(t->status));
    flint_free(b);
}

/* the object of earlier reports for a check with one bound test (kept so
   that readers of "montecarlo" keep working) */
static void
write_montecarlo(FILE *f, const check_struct *c)
{
    const check_test *t = c->tests;
    char *b;
    if (c->ntests != 1 || t->kind != TEST_BOUND)
    {
        fputs("null", f);
        return;
    }
    b = bc_arb_str(t->target, 17);
    fprintf(f, "{\"samples\": %lu, \"successes\": %lu, \"undecided\": %lu, \"escalations\": %lu, ",
            (unsigned long) t->samples, (unsigned long) t->successes, (unsigned long) t->undecided,
            (unsigned long) t->escalations);
    fputs("\"bound\": ", f);
    jstr(f, b);
    fputs(", \"bound_tex\": ", f);
    jstr(f, t->target_tex);
    fputs(", \"tail\": ", f);
    jnum(f, t->tail);
    fputs(", \"estimate\": ", f);
    jstr(f, t->estimate);
    fputs(", \"lower\": ", f);
    jstr(f, t->lo);
    fputs(", \"upper\": ", f);
    jstr(f, t->hi);
    fputs(", \"slack\": ", f);
    jstr(f, t->slack);
    fputs("}", f);
    flint_free(b);
}

static void
write_check(FILE *f, const check_struct *c, const char *certdir)
{
    slong i;
    char *stmt = report_check_statement(c);
    fputs("    {\"id\": ", f);
    jstr(f, c->id);
    fputs(", \"module\": ", f);
    jstr(f, c->module);
    fputs(", \"claim\": ", f);
    jstr(f, c->claim);
    fprintf(f, ", \"kind\": \"%s\", \"strength\": \"%s\"", check_kind_str(c->kind),
            check_strength_str(c->strength));
    fputs(", \"source\": ", f);
    jstr(f, c->src);
    fputs(",\n     \"statement\": ", f);
    jstr(f, stmt);
    fprintf(f, ",\n     \"reconstructed\": %s, \"control\": %s, \"status\": \"%s\", \"expected\": \"%s\"",
            c->reconstructed ? "true" : "false", c->control ? "true" : "false", check_status_str(c->status),
            check_status_str(c->expected));
    fputs(", \"seconds\": ", f);
    jnum(f, c->seconds);
    fputs(", \"precision_bits\": ", f);
    if (c->prec > 0)
        fprintf(f, "%ld", (long) c->prec);
    else
        fputs("null", f);
    fputs(",\n     \"note\": ", f);
    jstr(f, c->note);
    fputs(",\n     \"witness\": ", f);
    jstr(f, c->witness);
    /* the file of the check's certificate, when the run wrote them */
    fputs(",\n     \"certificate\": ", f);
    if (certdir != NULL && cert_carries(c))
    {
        char *name = bc_aprintf("%s.json", c->id);
        jstr(f, name);
        flint_free(name);
    }
    else
        fputs("null", f);
    fputs(",\n     \"fields\": {", f);
    for (i = 0; i < c->nfields; i++)
    {
        if (i > 0)
            fputs(", ", f);
        jstr(f, c->fields[i].key);
        fputs(": ", f);
        jstr(f, c->fields[i].value);
    }
    fputs("}", f);
    fputs(",\n     \"tests\": [", f);
    for (i = 0; i < c->ntests; i++)
    {
        fputs(i ? ", " : "", f);
        write_test(f, c->tests + i);
    }
    fputs("]", f);
    fputs(",\n     \"montecarlo\": ", f);
    write_montecarlo(f, c);
    fputs("}", f);
    if (stmt != NULL)
        flint_free(stmt);
}

static void
write_figure(FILE *f, const figure_struct *g)
{
    slong s, i;
    fputs("    {\"id\": ", f);
    jstr(f, g->id);
    fputs(", \"claim\": ", f);
    jstr(f, g->claim);
    fputs(", \"caption\": ", f);
    jstr(f, g->caption);
    fputs(", \"xlabel\": ", f);
    jstr(f, g->xlabel);
    fputs(", \"ylabel\": ", f);
    jstr(f, g->ylabel);
    if (g->zlabel != NULL)
    {
        fputs(", \"zlabel\": ", f);
        jstr(f, g->zlabel);
    }
    fputs(", \"series\": [", f);
    for (s = 0; s < g->nseries; s++)
    {
        const figure_series *q = g->series + s;
        fputs(s ? ", {\"name\": " : "{\"name\": ", f);
        jstr(f, q->name);
        fputs(", \"x\": [", f);
        for (i = 0; i < q->n; i++)
        {
            if (i)
                fputs(",", f);
            jnum(f, q->x[i]);
        }
        fputs("], \"y\": [", f);
        for (i = 0; i < q->n; i++)
        {
            if (i)
                fputs(",", f);
            jnum(f, q->y[i]);
        }
        if (q->z != NULL)
        {
            fputs("], \"z\": [", f);
            for (i = 0; i < q->n; i++)
            {
                if (i)
                    fputs(",", f);
                jnum(f, q->z[i]);
            }
            fprintf(f, "], \"cols\": %ld", (long) q->cols);
            fputs("}", f);
        }
        else
            fputs("]}", f);
    }
    fputs("]}", f);
}

int
report_write_json(FILE *f, const checklist_t L, const report_meta *meta)
{
    slong i, counts[ST_INAPPLICABLE + 1] = {0};
    int first = 1;

    fputs("{\n  \"tool\": \"basincheck\",\n  \"version\": ", f);
    jstr(f, PACKAGE_VERSION);
    fprintf(f, ",\n  \"seed\": %llu,\n  \"mode\": ", (unsigned long long) meta->seed);
    jstr(f, meta->mode);
    fputs(",\n  \"libraries\": {\"gmp\": ", f);
    jstr(f, bc_version_gmp());
    fputs(", \"mpfr\": ", f);
    jstr(f, bc_version_mpfr());
    fputs(", \"flint\": ", f);
    jstr(f, bc_version_flint());
    fputs(", \"arb\": ", f);
    jstr(f, bc_version_arb());
    fputs("},\n  \"confidence\": ", f);
    jnum(f, meta->confidence);
    fputs(",\n  \"correction\": \"Bonferroni over every statistical test of the run (Monte Carlo bounds and "
          "agreement tests)\"",
          f);
    fprintf(f, ",\n  \"family_size\": %ld", (long) meta->nmc);
    fputs(",\n  \"tail\": ", f);
    jnum(f, meta->tail);
    fprintf(f, ",\n  \"threads\": %d", meta->threads);
    fprintf(f, ",\n  \"ranks\": %d", meta->ranks < 1 ? 1 : meta->ranks);
    fputs(",\n  \"mutant\": ", f);
    jstr(f, meta->mutant);
    fprintf(f, ",\n  \"mutation\": {\"mutants\": %ld, \"killable\": %ld, \"covered\": %ld}",
            (long) meta->mutants, (long) meta->killable, (long) meta->covered);
    fputs(",\n  \"revision\": ", f);
    jstr(f, meta->revision);
    fputs(",\n  \"compiler\": ", f);
    jstr(f, meta->compiler);
    fputs(",\n  \"started\": ", f);
    jstr(f, meta->started);
    fputs(",\n  \"command\": ", f);
    jstr(f, meta->command);
    fputs(",\n  \"seconds\": ", f);
    jnum(f, meta->seconds);
    fputs(",\n  \"modules\": [", f);
    for (i = 0; i < meta->nmodules; i++)
    {
        fputs(i ? ", {\"name\": " : "{\"name\": ", f);
        jstr(f, meta->module_names[i]);
        fputs(", \"seconds\": ", f);
        jnum(f, meta->module_seconds[i]);
        fputs("}", f);
    }
    fputs("]", f);

    for (i = 0; i < L->nchecks; i++)
        counts[L->checks[i].status]++;
    fprintf(f, ",\n  \"summary\": {\"checks\": %ld, \"mismatches\": %ld", (long) L->nchecks,
            (long) checklist_mismatches(L));
    for (i = 0; i <= ST_INAPPLICABLE; i++)
        fprintf(f, ", \"%s\": %ld", check_status_str((check_status) i), (long) counts[i]);
    {
        slong ncert = 0;
        for (i = 0; i < L->nchecks; i++)
            ncert += meta->certificates != NULL && cert_carries(L->checks + i);
        fprintf(f, ", \"certificates\": %ld", (long) ncert);
    }
    fputs("}", f);
    {
        report_evidence e;
        report_evidence_count(&e, L);
        fprintf(f,
                ",\n  \"evidence\": {\"verified\": %ld, \"refuted\": %ld, \"witnessed\": %ld, "
                "\"statistical\": %ld, \"sanity\": %ld, \"controls\": %ld, \"vacuous\": %ld, "
                "\"undecided\": %ld, \"unset\": %ld}",
                (long) e.verified, (long) e.refuted, (long) e.witnessed, (long) e.statistical,
                (long) e.sanity, (long) e.controls, (long) e.vacuous, (long) e.undecided, (long) e.unset);
    }

    fputs(",\n  \"errata\": [", f);
    for (i = 0; i < L->nchecks; i++)
    {
        const check_struct *c = L->checks + i;
        if (!c->control && c->expected != ST_HOLDS && c->expected != ST_CONSISTENT)
        {
            fputs(first ? "" : ", ", f);
            jstr(f, c->id);
            first = 0;
        }
    }
    fputs("]", f);

    fputs(",\n  \"checks\": [\n", f);
    for (i = 0; i < L->nchecks; i++)
    {
        write_check(f, L->checks + i, meta->certificates);
        fputs(i + 1 < L->nchecks ? ",\n" : "\n", f);
    }
    fputs("  ],\n  \"figures\": [\n", f);
    for (i = 0; i < L->nfigures; i++)
    {
        write_figure(f, L->figures + i);
        fputs(i + 1 < L->nfigures ? ",\n" : "\n", f);
    }
    fputs("  ]\n}\n", f);
    return ferror(f) ? -1 : 0;
}
