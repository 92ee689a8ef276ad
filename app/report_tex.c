/* report_tex.c -- the literate report: for each claim its statement and
   proof steps (the module's fragment), the instances, the checks with
   verdicts and margins, the Monte Carlo tables and the figures; errata;
   a colophon with the provenance of the run. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cert.h"
#include "report.h"

static void
tex_text(FILE *f, const char *s)
{
    char *e;
    if (s == NULL)
        return;
    e = escape_tex(s);
    fputs(e, f);
    flint_free(e);
}

/* tex_text, with a permitted line break after every BREAK_RUN characters
   of an unbroken run (long exact rationals and hex seeds in fields and
   witnesses would otherwise run off the page); the breaks fall between
   whole characters, never inside an escape. */
#define BREAK_RUN 24
static void
tex_text_breakable(FILE *f, const char *s)
{
    size_t i, n, start = 0, run = 0;
    char *chunk;
    if (s == NULL)
        return;
    n = strlen(s);
    chunk = flint_malloc(n + 1);
    for (i = 0; i < n; i++)
    {
        unsigned char c = (unsigned char) s[i];
        run = c == ' ' ? 0 : run + 1;
        /* break only between two ASCII characters: a UTF-8 sequence and
           an escape stay whole */
        if (run >= BREAK_RUN && c < 0x80 && i + 1 < n && (unsigned char) s[i + 1] < 0x80 && s[i + 1] != ' ')
        {
            memcpy(chunk, s + start, i + 1 - start);
            chunk[i + 1 - start] = '\0';
            tex_text(f, chunk);
            fputs("\\allowbreak{}", f);
            start = i + 1;
            run = 0;
        }
    }
    tex_text(f, s + start);
    flint_free(chunk);
}

static const char *
status_color(check_status st)
{
    switch (st)
    {
    case ST_HOLDS:
    case ST_CONSISTENT:
        return "green!50!black";
    case ST_FAILS:
    case ST_VIOLATED:
        return "red!70!black";
    case ST_UNDECIDED:
        return "orange!80!black";
    default:
        return "gray";
    }
}

static void
tex_status(FILE *f, check_status st)
{
    fprintf(f, "\\textcolor{%s}{%s}", status_color(st), check_status_str(st));
}

static const module_struct *
check_module(const check_struct *c)
{
    const module_struct *m = NULL;
    theorem_find_spec(c->id, &m);
    return m;
}

/* 1 when an instance or figure filed under the module named module
   belongs to module m */
static int
filed_under(const module_struct *m, const char *module)
{
    return module != NULL && strcmp(module, m->name) == 0;
}

/* 1 when part of m's claim is a reconstruction: the whole module says so,
   or some row of its table (a module whose claim is given may check a
   step the paper gives only in words) */
static int
part_reconstructed(const module_struct *m)
{
    slong j;
    for (j = 0; j < m->nspecs; j++)
        if (m->specs[j].reconstructed)
            return 1;
    return m->reconstructed;
}

static void
write_preamble(FILE *f, const checklist_t L, const report_meta *meta)
{
    slong i, j;

    fputs("\\documentclass[10pt]{article}\n"
          "\\usepackage[a4paper,margin=2cm]{geometry}\n"
          "\\usepackage[T1]{fontenc}\n\\usepackage[utf8]{inputenc}\n\\usepackage{lmodern}\n"
          "\\usepackage{amsmath,amssymb,booktabs,longtable,array}\n"
          "\\usepackage[table]{xcolor}\n\\usepackage{pgfplots}\n\\pgfplotsset{compat=1.16}\n"
          "\\usepackage[hidelinks]{hyperref}\n"
          "\\sloppy\n\\setlength{\\parindent}{0pt}\\setlength{\\parskip}{0.5ex}\n"
          "\\newcommand{\\Bas}{\\operatorname{Bas}}\n",
          f);
    /* the independent checker's results (recheck/, --tex FILE): it defines
       \\recheck@<id> per check and \\recheckcolophon; without it the
       report says the certificates were not re-checked */
    fputs("\\makeatletter\n"
          "\\newcommand{\\recheckstatus}[1]{\\ifcsname recheck@#1\\endcsname\\csname recheck@#1\\endcsname"
          "\\else not run\\fi}\n"
          "\\newcommand{\\recheckcolophon}{not run on this report (\\texttt{make recheck CERTS=DIR "
          "REPORT=report.json TEX=recheck.tex} writes its results next to the report)}\n"
          "\\InputIfFileExists{recheck.tex}{}{}\n\\makeatother\n",
          f);
    fputs("\\title{basincheck: a checked reading of Safran \\& Shamir,\\\\ "
          "\\emph{On the Quality of the Initial Basin in Overspecified Neural Networks},\\\\ "
          "\\large and of two papers that built on it (statements reconstructed)}\n",
          f);
    fprintf(f, "\\author{basincheck %s, mode \\texttt{%s}, seed %llu}\n\\date{", PACKAGE_VERSION, meta->mode,
            (unsigned long long) meta->seed);
    tex_text(f, meta->started);
    fputs("}\n\\begin{document}\n\\maketitle\n", f);

    if (meta->mutant != NULL)
    {
        fputs("\\begin{center}\\fbox{\\parbox{0.9\\textwidth}{\\textbf{Mutant run.} This run checks a claim "
              "deliberately changed to something false (mutant \\texttt{",
              f);
        tex_text(f, meta->mutant);
        fputs("}); the checks the mutant names must fail. It is not a report on the paper.}}\\end{center}\n",
              f);
    }
    /* the summary table on the first page */
    fputs("\\section*{Summary}\n"
          "Every line below is computed by this run. Exact and ball checks are decided in exact "
          "rational or rigorous ball arithmetic; Monte Carlo checks compare a rigorous "
          "Clopper--Pearson interval with the paper's bound, agreement checks a sampled rate with an "
          "exactly computed probability. A check \\emph{agrees} when its "
          "status equals the status the project expects (\\texttt{holds}/\\texttt{consistent} "
          "for claims; \\texttt{fails}, \\texttt{violated} or \\texttt{inapplicable} for negative "
          "controls; a different status only for a recorded erratum).\n\n"
          "What a verdict is evidence of is counted apart: \\emph{verified} claims are inequalities of "
          "the paper decided on witnesses or over ranges; \\emph{refuted} are the errata; "
          "\\emph{witnessed} are finite witnesses of limit or existence claims; \\emph{statistical} "
          "are Monte Carlo and agreement records (inside one family-wise level); \\emph{sanity} "
          "checks hold by construction or by an identity and test the code, not the claim; "
          "\\emph{controls} are built to fail.\n\n",
          f);
    fputs("\\begin{center}\\small\\setlength{\\tabcolsep}{4pt}\\begin{tabular}{lrrrrrrrrr}\\toprule\n"
          "claim & checks & verified & refuted & witnessed & statistical & sanity & controls & undec. & "
          "agree\\\\\\midrule\n",
          f);
    for (i = 0; i < theorem_nmodules; i++)
    {
        const module_struct *m = theorem_modules[i];
        checklist_t M;
        report_evidence e;
        slong n = 0, agree = 0;
        /* a view of m's records (not owned) */
        memset(M, 0, sizeof(checklist_struct));
        M->checks = flint_malloc(sizeof(check_struct) * (size_t) (L->nchecks + 1));
        for (j = 0; j < L->nchecks; j++)
            if (check_module(L->checks + j) == m)
            {
                M->checks[M->nchecks++] = L->checks[j];
                agree += L->checks[j].status == L->checks[j].expected;
            }
        n = M->nchecks;
        report_evidence_count(&e, M);
        flint_free(M->checks);
        if (n == 0)
            continue;
        fprintf(f, "%s%s & %ld & %ld & %ld & %ld & %ld & %ld & %ld & %ld & %ld/%ld\\\\\n", m->claim,
                part_reconstructed(m) ? " (part reconstr.)" : "", (long) n, (long) e.verified,
                (long) e.refuted, (long) e.witnessed, (long) e.statistical, (long) e.sanity,
                (long) e.controls, (long) e.undecided, (long) agree, (long) n);
    }
    fputs("\\bottomrule\\end{tabular}\\end{center}\n", f);
    {
        report_evidence e;
        report_evidence_count(&e, L);
        fprintf(
            f,
            "\\textbf{Overall:} %ld checks, %ld whose status differs from the expected status: %ld claims "
            "verified, %ld refuted (errata), %ld witnessed, %ld statistical, %ld sanity checks, %ld "
            "negative controls; %ld undecided.",
            (long) L->nchecks, (long) checklist_mismatches(L), (long) e.verified, (long) e.refuted,
            (long) e.witnessed, (long) e.statistical, (long) e.sanity, (long) e.controls, (long) e.undecided);
        if (e.vacuous > 0)
            fprintf(f,
                    " %ld statistical records have a vacuous bound ($\\le0$) and are not counted as "
                    "evidence.",
                    (long) e.vacuous);
        if (e.unset > 0)
            fprintf(f, " %ld records have no stated strength.", (long) e.unset);
    }
    fprintf(
        f,
        " Statistical family: %ld tests (every Monte Carlo bound and every agreement test of the run) at "
        "family-wise confidence %g (Bonferroni: each two-sided interval at tail level %.3g per side).\n\n",
        (long) meta->nmc, meta->confidence, meta->tail);
    fputs("\\tableofcontents\n\\clearpage\n", f);
}

static void
write_check_table(FILE *f, const checklist_t L, const module_struct *m)
{
    slong j, k;
    fputs("\\subsection*{Checks}\n", f);
    fputs("\\begin{longtable}{>{\\raggedright\\arraybackslash}p{0.30\\textwidth}lll>{"
          "\\raggedright\\arraybackslash}p{0.34\\textwidth}}\\toprule\n"
          "id & kind & status & expected & key values\\\\\\midrule\\endhead\n",
          f);
    for (j = 0; j < L->nchecks; j++)
    {
        const check_struct *c = L->checks + j;
        if (check_module(c) != m)
            continue;
        fputs("\\texttt{", f);
        tex_text(f, c->id);
        fprintf(f, "}%s%s & %s & ", c->control ? " (control)" : "", c->reconstructed ? " (reconstr.)" : "",
                check_kind_str(c->kind));
        tex_status(f, c->status);
        fputs(" & ", f);
        if (c->expected != c->status)
            fputs("\\textbf{", f);
        fputs(check_status_str(c->expected), f);
        if (c->expected != c->status)
            fputs("} (differs)", f);
        fputs(" & \\footnotesize ", f);
        for (k = 0; k < c->nfields && k < 4; k++)
        {
            fputs(k ? "; " : "", f);
            tex_text(f, c->fields[k].key);
            fputs("${}={}$", f);
            tex_text_breakable(f, c->fields[k].value);
        }
        fputs("\\\\\n", f);
    }
    fputs("\\bottomrule\\end{longtable}\n", f);
}

static void
write_mc_table(FILE *f, const checklist_t L, const module_struct *m)
{
    slong j, k, n = 0;
    for (j = 0; j < L->nchecks; j++)
        n += (check_module(L->checks + j) == m && L->checks[j].ntests > 0);
    if (n == 0)
        return;
    fputs("\\subsection*{Monte Carlo and agreement tests}\n"
          "Samples $N$, successes $K$ (every event decided exactly), estimate $K/N$, rigorous "
          "Clopper--Pearson interval, and the target: a bound $P\\ge b$ (slack: lower limit minus "
          "$b$; a negative slack is no violation, only an upper limit below $b$ is) or an exact "
          "probability $P=p$ (agreement: violated when $p$ lies outside the interval).\n\n"
          "{\\footnotesize\\setlength{\\tabcolsep}{3pt}\n"
          "\\begin{longtable}{>{\\raggedright\\arraybackslash}p{0.25\\textwidth}rrll>{"
          "\\raggedright\\arraybackslash}p{0.2\\textwidth}l>{"
          "\\raggedright\\arraybackslash}p{0.08\\textwidth}}\\toprule\n"
          "id & $N$ & $K$ & $K/N$ & interval & target & slack & status\\\\\\midrule\\endhead\n",
          f);
    for (j = 0; j < L->nchecks; j++)
    {
        const check_struct *c = L->checks + j;
        if (check_module(c) != m)
            continue;
        for (k = 0; k < c->ntests; k++)
        {
            const check_test *t = c->tests + k;
            fputs("\\texttt{", f);
            tex_text(f, c->id);
            fputs("}", f);
            if (t->label != NULL)
            {
                fputs(" ", f);
                tex_text(f, t->label);
            }
            fprintf(f, " & %lu & %lu & ", (unsigned long) t->samples, (unsigned long) t->successes);
            tex_text(f, t->estimate ? t->estimate : "-");
            fputs(" & $[", f);
            tex_text(f, t->lo ? t->lo : "?");
            fputs(",\\,", f);
            tex_text(f, t->hi ? t->hi : "?");
            fprintf(f, "]$ & $%s", t->kind == TEST_EQUAL ? "P=" : "P\\ge ");
            if (t->target_tex != NULL)
                fputs(t->target_tex, f);
            else
            {
                char *b = bc_arb_str(t->target, 8);
                tex_text(f, b);
                flint_free(b);
            }
            fputs("$ & ", f);
            tex_text(f, t->slack ? t->slack : "-");
            fputs(" & ", f);
            tex_status(f, t->status);
            fputs("\\\\\n", f);
        }
    }
    fputs("\\bottomrule\\end{longtable}}\n", f);
}

static void
write_check_details(FILE *f, const checklist_t L, const module_struct *m, int certs)
{
    slong j, k;
    fputs("\\subsection*{Check details}\n", f);
    for (j = 0; j < L->nchecks; j++)
    {
        const check_struct *c = L->checks + j;
        if (check_module(c) != m)
            continue;
        char *stmt = report_check_statement(c);
        fputs("\\paragraph{\\texttt{", f);
        tex_text(f, c->id);
        fprintf(f, "}}\\label{check:%s} ", c->id);
        tex_status(f, c->status);
        fprintf(f, " (expected %s; %s, %s%s%s", check_status_str(c->expected), check_kind_str(c->kind),
                check_strength_str(c->strength), c->control ? ", negative control" : "",
                c->reconstructed ? ", reconstructed statement" : "");
        if (c->prec > 0)
            fprintf(f, "; %ld bits", (long) c->prec);
        fprintf(f, "; %.3g s).\n", c->seconds);
        if (stmt != NULL)
        {
            fputs("\\emph{Checked:} ", f);
            report_write_refs(f, stmt, L);
            fputs("\n", f);
            flint_free(stmt);
        }
        if (c->note != NULL)
        {
            fputs("\n\\emph{Note:} ", f);
            report_write_refs(f, c->note, L);
            fputs("\n", f);
        }
        if (c->nfields > 0)
        {
            fputs("\n{\\footnotesize ", f);
            for (k = 0; k < c->nfields; k++)
            {
                fputs(k ? "; " : "", f);
                tex_text(f, c->fields[k].key);
                fputs(" = \\texttt{", f);
                tex_text_breakable(f, c->fields[k].value);
                fputs("}", f);
            }
            fputs("}\n", f);
        }
        if (c->witness != NULL)
        {
            fputs("\n{\\footnotesize\\emph{Witness:} \\texttt{", f);
            tex_text_breakable(f, c->witness);
            fputs("}}\n", f);
        }
        if (certs && cert_carries(c))
        {
            fputs("\n{\\footnotesize\\emph{Certificate:} \\texttt{", f);
            tex_text_breakable(f, c->id);
            fprintf(f, ".json} (%ld witnesses); independent re-check: \\recheckstatus{%s}.}\n",
                    (long) c->ncerts, c->id);
        }
        fputs("\n", f);
    }
}

static const char *const fig_colors[] = {"blue", "red", "black", "green!60!black", "orange", "violet"};

/* the end of a figure: axis, picture, caption with the figure's id */
static void
figure_end(FILE *f, const figure_struct *g)
{
    fputs("\\end{axis}\n\\end{tikzpicture}\n\\caption{", f);
    fputs(g->caption, f);
    fputs(" (figure \\texttt{", f);
    tex_text(f, g->id);
    fprintf(f, "})}\\label{fig:%s}\n\\end{figure}\n", g->id);
}

/* the start of a figure up to the axis labels x and y; the caller closes
   the axis options */
static void
figure_begin(FILE *f, const figure_struct *g, const char *size)
{
    fputs("\\begin{figure}[htbp]\\centering\n\\begin{tikzpicture}\n\\begin{axis}[width=0.8\\textwidth,", f);
    fputs(size, f);
    fputs(",legend pos=outer north east,legend style={font=\\footnotesize},xlabel={", f);
    fputs(g->xlabel, f);
    fputs("},ylabel={", f);
    fputs(g->ylabel, f);
    fputs("}", f);
}

/* the end of a plot's coordinates and its legend entry */
static void
plot_end(FILE *f, const figure_series *q)
{
    fputs("};\n\\addlegendentry{", f);
    fputs(q->name, f); /* LaTeX, like the caption */
    fputs("}\n", f);
}

static void
write_figure(FILE *f, const figure_struct *g)
{
    slong s, i;
    figure_begin(f, g, "height=0.45\\textwidth");
    fprintf(f, "%s%s]\n", g->logx ? ",xmode=log" : "", g->logy ? ",ymode=log" : "");
    for (s = 0; s < g->nseries; s++)
    {
        const figure_series *q = g->series + s;
        fprintf(f, "\\addplot[%s,%s] coordinates {", fig_colors[s % 6],
                q->marks ? "only marks,mark=*,mark size=1pt" : "no marks,thick");
        for (i = 0; i < q->n; i++)
            if (isfinite(q->x[i]) && isfinite(q->y[i]) && (!g->logx || q->x[i] > 0) &&
                (!g->logy || q->y[i] > 0))
                fprintf(f, "(%.10g,%.10g)", q->x[i], q->y[i]);
        plot_end(f, q);
    }
    figure_end(f, g);
}

/* A 3-D figure: surfaces (pgfplots surf on a mesh of scanlines,
   coloured by height with a colour bar; a non-finite value is written
   as nan, which pgfplots leaves as a hole) and marks or lines in space,
   seen from a fixed high angle (azimuth -135, elevation 50 degrees). */
static void
write_figure3(FILE *f, const figure_struct *g)
{
    slong s, i;
    figure_begin(f, g,
                 "height=0.6\\textwidth,view={-135}{50},colormap/viridis,colorbar,unbounded coords=jump");
    fputs(",zlabel={", f);
    fputs(g->zlabel, f);
    fputs("}]\n", f);
    for (s = 0; s < g->nseries; s++)
    {
        const figure_series *q = g->series + s;
        if (q->z == NULL)
            continue; /* figure_add_series refuses 3-D figures */
        if (q->cols > 0)
            fprintf(f, "\\addplot3[surf,shader=faceted,mesh/cols=%ld] coordinates {", (long) q->cols);
        else
            fprintf(f, "\\addplot3[%s,%s] coordinates {", fig_colors[s % 6],
                    q->marks ? "only marks,mark=*,mark size=2pt" : "no marks,thick");
        for (i = 0; i < q->n; i++)
        {
            int fin = isfinite(q->x[i]) && isfinite(q->y[i]) && isfinite(q->z[i]);
            if (fin)
                fprintf(f, "(%.10g,%.10g,%.10g)", q->x[i], q->y[i], q->z[i]);
            else if (q->cols > 0 && isfinite(q->x[i]) && isfinite(q->y[i]))
                fprintf(f, "(%.10g,%.10g,nan)", q->x[i], q->y[i]);
        }
        plot_end(f, q);
    }
    figure_end(f, g);
}

/* Writes the section of module m: its prose, instances, tables, figures and check
   details; nothing when no check of L belongs to m. */
static void
write_module_section(FILE *f, const checklist_t L, const module_struct *m, const report_meta *meta)
{
    const char *const *line;
    slong j, n = 0;
    int skip = 0;

    for (j = 0; j < L->nchecks; j++)
        n += (check_module(L->checks + j) == m);
    if (n == 0)
        return;
    fprintf(f, "\\clearpage\n\\section{%s}\n", m->title);
    if (part_reconstructed(m))
        fputs("\\emph{Part of this claim is a reconstruction: the seed text lost it, or gives it only "
              "in words. The "
              "reconstructed statement is the one checked, and is marked as such below.}\n\n",
              f);
    /* the fragment's prose; the blocks of check statements go to the
       check details */
    for (line = m->fragment; line != NULL && *line != NULL; line++)
    {
        if (strstr(*line, "\\begin{checktext}{") != NULL)
            skip = 1;
        if (!skip)
        {
            report_write_refs(f, *line, L);
            fputc('\n', f);
        }
        if (skip && strstr(*line, "\\end{checktext}") != NULL)
            skip = 0;
    }
    fputs("\n\\subsection*{Instances}\n", f);
    for (j = 0; j < L->ninstances; j++)
        if (filed_under(m, L->instance_module[j]))
        {
            report_write_refs(f, L->instance_text[j], L);
            fputs("\n\n", f);
        }
    write_check_table(f, L, m);
    write_mc_table(f, L, m);
    for (j = 0; j < L->nfigures; j++)
    {
        const figure_struct *g = L->figures + j;
        if (filed_under(m, g->module))
        {
            if (g->zlabel != NULL)
                write_figure3(f, g);
            else
                write_figure(f, g);
        }
    }
    write_check_details(f, L, m, meta->certificates != NULL);
}

/* Writes the section Errata: every check of L, not a control, whose expected status says
   the claim is false. */
static void
write_errata(FILE *f, const checklist_t L)
{
    slong j, nerr = 0;

    fputs("\\clearpage\n\\section{Errata}\n", f);
    for (j = 0; j < L->nchecks; j++)
    {
        const check_struct *c = L->checks + j;
        if (c->control || c->expected == ST_HOLDS || c->expected == ST_CONSISTENT)
            continue;
        nerr++;
        fputs("\\paragraph{\\texttt{", f);
        tex_text(f, c->id);
        fputs("}} ", f);
        {
            char *stmt = report_check_statement(c);
            report_write_refs(f, stmt, L);
            if (stmt != NULL)
                flint_free(stmt);
        }
        if (c->note)
        {
            fputs("\n\n", f);
            report_write_refs(f, c->note, L);
        }
        if (c->witness)
        {
            fputs("\n\n{\\footnotesize\\emph{Witness:} \\texttt{", f);
            tex_text_breakable(f, c->witness);
            fputs("}}", f);
        }
        fputs("\n\n", f);
    }
    if (nerr == 0)
        fputs("No stated inequality checked in this run was found false. (Negative controls, "
              "which are built to fail, are not errata.)\n\n",
              f);
}

/* Writes the section Colophon (tool, libraries, run parameters, precision, certificates,
   times, command) and ends the document. */
static void
write_colophon(FILE *f, const checklist_t L, const report_meta *meta)
{
    slong i;

    fputs("\\section{Colophon}\n\\begin{tabular}{l>{\\raggedright\\arraybackslash}p{0.78\\textwidth}}"
          "\\toprule\n",
          f);
    fputs("tool & basincheck " PACKAGE_VERSION "\\\\\nrevision & \\texttt{", f);
    tex_text(f, meta->revision);
    fputs("}\\\\\ncompiler & ", f);
    tex_text(f, meta->compiler);
    fprintf(f, "\\\\\nGMP / MPFR & %s / %s\\\\\nFLINT / Arb & %s / %s\\\\\n", bc_version_gmp(),
            bc_version_mpfr(), bc_version_flint(), bc_version_arb());
    fprintf(f, "seed & %llu\\\\\nmode & %s\\\\\nthreads & %d per rank\\\\\nMPI ranks & %d\\\\\n",
            (unsigned long long) meta->seed, meta->mode, meta->threads, meta->ranks < 1 ? 1 : meta->ranks);
    fprintf(f, "confidence & %g family-wise (Bonferroni over %ld statistical tests)\\\\\n", meta->confidence,
            (long) meta->nmc);
    fprintf(
        f,
        "mutation & %ld mutants in the tables of the modules run name %ld of the %ld checks that can fail "
        "(not sanity); the mutation test of \\texttt{make check} runs each and requires every check "
        "it names to reverse\\\\\n",
        (long) meta->mutants, (long) meta->covered, (long) meta->killable);
    if (meta->mutant != NULL)
    {
        fputs("mutant & \\texttt{", f);
        tex_text(f, meta->mutant);
        fputs("}\\\\\n", f);
    }
    {
        /* the highest precision a check recorded (c->prec, or the field
           max_precision_bits of records not yet on check_note_prec) */
        slong best = 0, k, nprec = 0;
        const char *who = NULL;
        for (i = 0; i < L->nchecks; i++)
        {
            nprec += L->checks[i].prec > 0;
            if (L->checks[i].prec > best)
            {
                best = L->checks[i].prec;
                who = L->checks[i].id;
            }
            for (k = 0; k < L->checks[i].nfields; k++)
                if (!strcmp(L->checks[i].fields[k].key, "max_precision_bits") &&
                    atol(L->checks[i].fields[k].value) > best)
                {
                    best = atol(L->checks[i].fields[k].value);
                    who = L->checks[i].id;
                }
        }
        fprintf(f,
                "precision & doubles and rationals exact; Arb balls from 64--128 bits, doubled where a "
                "decision needs it, up to %d bits (beyond: \\texttt{undecided})\\\\\n",
                BC_PREC_MAX);
        if (who != NULL)
        {
            fprintf(f, "precision reached & %ld bits (highest recorded, \\texttt{", (long) best);
            tex_text(f, who);
            fprintf(f,
                    "}; %ld checks record the precision their decisions reached, in their details and "
                    "in \\texttt{report.json})\\\\\n",
                    (long) nprec);
        }
    }
    if (meta->certificates != NULL)
    {
        slong n = 0;
        for (i = 0; i < L->nchecks; i++)
            n += cert_carries(L->checks + i);
        fprintf(f, "certificates & %ld checks carry one (\\texttt{", (long) n);
        tex_text(f, meta->certificates);
        fputs("}, docs/certificates.md)\\\\\nindependent checker & \\recheckcolophon\\\\\n", f);
    }
    fputs("started & ", f);
    tex_text(f, meta->started);
    fprintf(f, "\\\\\nwall time & %.1f s\\\\\n", meta->seconds);
    for (i = 0; i < meta->nmodules; i++)
        fprintf(f, "%s & \\texttt{%s} %.1f s\\\\\n", i == 0 ? "module times" : "", meta->module_names[i],
                meta->module_seconds[i]);
    fputs("command & \\texttt{", f);
    tex_text(f, meta->command);
    fputs("}\\\\\n\\bottomrule\\end{tabular}\n\n\\end{document}\n", f);
}

int
report_write_tex(FILE *f, const checklist_t L, const report_meta *meta)
{
    slong i;

    write_preamble(f, L, meta);
    for (i = 0; i < theorem_nmodules; i++)
        write_module_section(f, L, theorem_modules[i], meta);
    write_errata(f, L);
    write_colophon(f, L, meta);
    return ferror(f) ? -1 : 0;
}
