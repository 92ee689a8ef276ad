/* checklist.c -- a run's results, and the judgement of Monte Carlo
   checks once the family of intervals is known. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "binom.h"
#include "cert.h"
#include "check.h"

void
checklist_init(checklist_t L)
{
    memset(L, 0, sizeof(checklist_struct));
}

void
checklist_clear(checklist_t L)
{
    slong i;
    for (i = 0; i < L->nchecks; i++)
        check_clear(L->checks + i);
    for (i = 0; i < L->nfigures; i++)
        figure_clear(L->figures + i);
    for (i = 0; i < L->ninstances; i++)
    {
        flint_free(L->instance_text[i]);
    }
    flint_free(L->checks);
    flint_free(L->figures);
    flint_free(L->instance_module);
    flint_free(L->instance_text);
    memset(L, 0, sizeof(checklist_struct));
}

void
checklist_push(checklist_t L, check_t c)
{
    if (L->nchecks == L->alloc)
    {
        L->alloc = 2 * L->alloc + 8;
        L->checks = flint_realloc(L->checks, L->alloc * sizeof(check_struct));
    }
    L->checks[L->nchecks++] = *c;
    check_init(c);
}

void
checklist_push_figure(checklist_t L, figure_t f)
{
    L->figures = flint_realloc(L->figures, (L->nfigures + 1) * sizeof(figure_struct));
    L->figures[L->nfigures++] = *f;
    memset(f, 0, sizeof(figure_struct));
}

void
checklist_add_module_instance(checklist_t L, const char *module, const char *text)
{
    L->instance_module = flint_realloc(L->instance_module, (L->ninstances + 1) * sizeof(char *));
    L->instance_text = flint_realloc(L->instance_text, (L->ninstances + 1) * sizeof(char *));
    L->instance_module[L->ninstances] = module;
    L->instance_text[L->ninstances] = bc_aprintf("%s", text);
    L->ninstances++;
}

static void
drop(char **p)
{
    if (*p != NULL)
        flint_free(*p);
    *p = NULL;
}

static char *
arf_str_dir(const arf_t x, int dir)
{
    arb_t b;
    char *s;
    arb_init(b);
    arb_set_arf(b, x);
    s = bc_arb_bound_str(b, dir, 6);
    arb_clear(b);
    return s;
}

/* Moves the last field of c to the front, where the report's check table
   (which shows the first fields) and a reader see it first. */
static void
last_field_to_front(check_struct *c)
{
    check_field f = c->fields[c->nfields - 1];
    memmove(c->fields + 1, c->fields, (size_t) (c->nfields - 1) * sizeof(check_field));
    c->fields[0] = f;
}

static int
has_field(const check_struct *c, const char *key)
{
    slong i;
    for (i = 0; i < c->nfields; i++)
        if (!strcmp(c->fields[i].key, key))
            return 1;
    return 0;
}

slong
checklist_ntests(const checklist_t L)
{
    slong i, n = 0;
    for (i = 0; i < L->nchecks; i++)
        n += L->checks[i].ntests;
    return n;
}

/* a claim P[E] >= b with b <= 0 holds for every rate: whatever the
   verdict, it carries no information, and the record says so (field
   "vacuous", first, and the note) */
static void
flag_vacuous(check_struct *c, const check_test *t)
{
    char *b;
    if (t->kind != TEST_BOUND || !arb_is_nonpositive(t->target) || has_field(c, "vacuous"))
        return;
    b = bc_arb_bound_str(t->target, 1, 6);
    check_field_add(c, "vacuous", "the bound is <= 0: %s <= %s", t->target_tex ? t->target_tex : "b", b);
    last_field_to_front(c);
    check_add_note(c,
                   "\\textbf{Vacuous:} the claimed lower bound $%s$ is at most %s $\\le0$, so every "
                   "rate meets it; the verdict says nothing about the claim.",
                   t->target_tex ? t->target_tex : "b", b);
    flint_free(b);
}

/* judges one test at per-side tail level tail (see checklist_judge) */
static void
judge_test(check_test *t, double tail)
{
    ulong N = t->samples, K = t->successes, U = t->undecided;
    arf_t lo, hi, lo2, hi2;
    arb_t slack;
    char buf[64];

    /* a re-judgement replaces the previous interval */
    drop(&t->lo);
    drop(&t->hi);
    drop(&t->estimate);
    drop(&t->slack);
    t->tail = tail;
    if (N == 0)
    {
        t->status = ST_UNDECIDED;
        return;
    }
    arf_init(lo);
    arf_init(hi);
    arf_init(lo2);
    arf_init(hi2);
    arb_init(slack);
    if (t->kind == TEST_BOUND)
    {
        /* undecided samples counted as failures (pessimistic) and as
           successes (optimistic): only a verdict both agree on is given.
           Decided on the exact upper limits (binom_cp_upper_ge), not on
           the printed ones, which are only within 2^-40 of them. */
        truth_t pess = binom_cp_upper_ge(N, K, tail, t->target);
        truth_t opt = binom_cp_upper_ge(N, K + U, tail, t->target);
        t->status = pess == BC_TRUE ? ST_CONSISTENT : (opt == BC_FALSE ? ST_VIOLATED : ST_UNDECIDED);
        binom_cp_interval(lo, hi, N, K, tail);
        binom_cp_interval(lo2, hi2, N, K + U, tail);
        /* the slack is a rigorous lower bound of (lower limit - b) */
        arb_set_arf(slack, lo);
        arb_sub(slack, slack, t->target, 128);
        t->slack = bc_arb_bound_str(slack, -1, 4);
    }
    else
    {
        truth_t r = binom_cp_agrees_range(lo, hi2, N, K, U, tail, t->target);
        t->status = r == BC_TRUE ? ST_CONSISTENT : (r == BC_FALSE ? ST_VIOLATED : ST_UNDECIDED);
    }
    t->lo = arf_str_dir(lo, -1);
    t->hi = arf_str_dir(hi2, +1);
    /* the estimate is descriptive */
    snprintf(buf, sizeof buf, "%.6f", (double) K / (double) N);
    t->estimate = bc_aprintf("%s", buf);
    arf_clear(lo);
    arf_clear(hi);
    arf_clear(lo2);
    arf_clear(hi2);
    arb_clear(slack);
}

void
checklist_judge(checklist_t L, double tail)
{
    slong i, j;
    for (i = 0; i < L->nchecks; i++)
    {
        check_struct *c = L->checks + i;
        slong viol = 0, cons = 0, none = 0;
        if (c->ntests == 0)
            continue;
        for (j = 0; j < c->ntests; j++)
        {
            check_test *t = c->tests + j;
            flag_vacuous(c, t);
            judge_test(t, tail);
            viol += t->status == ST_VIOLATED;
            cons += t->status == ST_CONSISTENT;
            none += t->samples == 0;
        }
        if (none > 0)
            check_add_note(c, "%ld of its tests drew no sample.", (long) none);
        c->status = viol > 0 ? ST_VIOLATED : (cons == c->ntests ? ST_CONSISTENT : ST_UNDECIDED);
        /* the certificate of the judgement: one witness per decided test,
           at the level it was judged at (a re-judgement replaces them) */
        cert_drop_kind(c, "test");
        if (c->status != ST_UNDECIDED)
            for (j = 0; j < c->ntests; j++)
                cert_test(c, c->tests + j);
    }
}

slong
checklist_mismatches(const checklist_t L)
{
    slong i, n = 0;
    for (i = 0; i < L->nchecks; i++)
        if (L->checks[i].status != L->checks[i].expected)
            n++;
    return n;
}
