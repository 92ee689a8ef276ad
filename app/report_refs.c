/* report_refs.c -- the literate ties between the C code and the LaTeX
   fragments: a check's statement text kept in its module's fragment,
   references \checkref{id} and \figref{id} resolved (and refused when
   unknown), and the evidence a run's records give. */
#include <string.h>

#include "report.h"

static const char begin_tag[] = "\\begin{checktext}{";
static const char end_tag[] = "\\end{checktext}";

/* appends s (length n) to the growing buffer *buf of length *len */
static void
append(char **buf, size_t *len, const char *s, size_t n)
{
    *buf = flint_realloc(*buf, *len + n + 1);
    memcpy(*buf + *len, s, n);
    *len += n;
    (*buf)[*len] = '\0';
}

slong
checktext_match(const char *line, const char *id)
{
    const char *p = strstr(line, begin_tag);
    size_t idlen = strlen(id);
    slong best = 0;
    if (p == NULL)
        return 0;
    p += sizeof begin_tag - 1;
    while (*p != '\0' && *p != '}')
    {
        size_t k;
        p += strspn(p, ", ");
        k = strcspn(p, ", }");
        if (k == idlen && strncmp(p, id, idlen) == 0)
            return WORD_MAX;
        /* a name ending in '.' states every check it prefixes */
        if (k > 1 && p[k - 1] == '.' && k < idlen && strncmp(p, id, k) == 0 && (slong) k > best)
            best = (slong) k;
        p += k;
    }
    return best;
}

int
checktext_names(const char *line, const char *id)
{
    return checktext_match(line, id) > 0;
}

char *
fragment_check_text(const module_struct *m, const char *id)
{
    const char *const *line, *const *best = NULL;
    slong best_match = 0;
    size_t len = 0;
    char *buf = NULL;

    if (m == NULL || m->fragment == NULL)
        return NULL;
    /* the block naming id itself, else the one with the longest prefix */
    for (line = m->fragment; *line != NULL; line++)
    {
        slong k = checktext_match(*line, id);
        if (k > best_match)
        {
            best = line;
            best_match = k;
        }
    }
    if (best == NULL)
        return NULL;
    for (line = best + 1; *line != NULL && strstr(*line, end_tag) == NULL; line++)
    {
        if (len > 0)
            append(&buf, &len, "\n", 1);
        append(&buf, &len, *line, strlen(*line));
    }
    if (buf == NULL)
        append(&buf, &len, "", 0);
    return buf;
}

char *
report_check_statement(const check_struct *c)
{
    const module_struct *m = NULL;
    char *text;
    if (theorem_find_spec(c->id, &m) == NULL)
        m = NULL;
    text = fragment_check_text(m, c->id);
    if (c->statement == NULL)
        return text;
    if (text == NULL)
        return bc_aprintf("%s", c->statement);
    {
        char *r = bc_aprintf("%s %s", text, c->statement);
        flint_free(text);
        return r;
    }
}

/* the id of a reference starting at s (after the opening brace): its
   length up to the closing brace, or -1 when there is none on the line */
static slong
ref_len(const char *s)
{
    const char *e = strchr(s, '}');
    const char *nl = strchr(s, '\n');
    if (e == NULL || (nl != NULL && nl < e))
        return -1;
    return e - s;
}

static int
figure_in_run(const checklist_t L, const char *id, size_t n)
{
    slong i;
    for (i = 0; L != NULL && i < L->nfigures; i++)
        if (strlen(L->figures[i].id) == n && strncmp(L->figures[i].id, id, n) == 0)
            return 1;
    return 0;
}

static int
check_in_run(const checklist_t L, const char *id)
{
    slong i;
    for (i = 0; L != NULL && i < L->nchecks; i++)
        if (strcmp(L->checks[i].id, id) == 0)
            return 1;
    return 0;
}

/* a figure id is plausible when it starts with a module's name and a dot */
static int
figure_plausible(const char *id, size_t n)
{
    slong i;
    for (i = 0; i < theorem_nmodules; i++)
    {
        size_t k = strlen(theorem_modules[i]->name);
        if (n > k + 1 && strncmp(id, theorem_modules[i]->name, k) == 0 && id[k] == '.')
            return 1;
    }
    return 0;
}

static void
tex_tt(FILE *f, const char *id)
{
    char *e = escape_tex(id);
    fprintf(f, "\\texttt{%s}", e);
    flint_free(e);
}

/* scans s for references; writes the text with them resolved to f when f
   is not NULL; returns the number of unknown ids, the first in *bad */
static slong
scan_refs(FILE *f, const char *s, const checklist_t L, char **bad)
{
    static const char *const tags[2] = {"\\checkref{", "\\figref{"};
    slong unknown = 0;
    if (bad != NULL)
        *bad = NULL;
    while (*s != '\0')
    {
        const char *p0 = strstr(s, tags[0]), *p1 = strstr(s, tags[1]), *p;
        int fig;
        slong n;
        char *id;
        if (p0 == NULL && p1 == NULL)
            break;
        fig = p0 == NULL || (p1 != NULL && p1 < p0);
        p = fig ? p1 : p0;
        if (f != NULL)
            fwrite(s, 1, (size_t) (p - s), f);
        p += strlen(tags[fig]);
        n = ref_len(p);
        if (n < 0)
        {
            /* not a reference: copy the tag as it is */
            if (f != NULL)
                fputs(tags[fig], f);
            s = p;
            unknown++;
            if (bad != NULL && *bad == NULL)
                *bad = bc_aprintf("%s without its closing brace", tags[fig]);
            continue;
        }
        id = bc_aprintf("%.*s", (int) n, p);
        if (fig ? !figure_plausible(id, (size_t) n) : theorem_find_spec(id, NULL) == NULL)
        {
            unknown++;
            if (bad != NULL && *bad == NULL)
                *bad = bc_aprintf("%s%s}", tags[fig], id);
            if (f != NULL)
            {
                fputs("\\textbf{??}", f);
                tex_tt(f, id);
            }
        }
        else if (f != NULL)
        {
            int linked = fig ? figure_in_run(L, id, (size_t) n) : check_in_run(L, id);
            if (linked)
            {
                fprintf(f, "\\hyperref[%s:%s]{", fig ? "fig" : "check", id);
                tex_tt(f, id);
                fputs("}", f);
            }
            else
                tex_tt(f, id);
        }
        flint_free(id);
        s = p + n + 1;
    }
    if (f != NULL)
        fputs(s, f);
    return unknown;
}

slong
report_write_refs(FILE *f, const char *s, const checklist_t L)
{
    return s == NULL ? 0 : scan_refs(f, s, L, NULL);
}

slong
report_unknown_refs(const char *s, char **bad)
{
    if (s == NULL)
    {
        if (bad != NULL)
            *bad = NULL;
        return 0;
    }
    return scan_refs(NULL, s, NULL, bad);
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

void
report_evidence_count(report_evidence *e, const checklist_t L)
{
    slong i;
    memset(e, 0, sizeof(report_evidence));
    for (i = 0; i < L->nchecks; i++)
    {
        const check_struct *c = L->checks + i;
        int positive = c->status == ST_HOLDS || c->status == ST_CONSISTENT;
        e->unset += c->strength == STRENGTH_UNSET;
        e->undecided += c->status == ST_UNDECIDED;
        e->vacuous += has_field(c, "vacuous");
        if (c->control)
            e->controls++;
        else if (c->expected != ST_HOLDS && c->expected != ST_CONSISTENT)
            e->refuted += c->status == c->expected;
        else if (c->strength == STRENGTH_SANITY)
            e->sanity++;
        else if (c->strength == STRENGTH_WITNESSES)
            e->witnessed += positive;
        else if (c->strength == STRENGTH_STATISTICAL)
            e->statistical += positive && !has_field(c, "vacuous");
        else if (c->strength == STRENGTH_DECIDES)
            e->verified += positive;
    }
}
