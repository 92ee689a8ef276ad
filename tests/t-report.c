/* t-report.c -- JSON and LaTeX escaping, the JSON writer on a small
   hand-made checklist, and the figures in both writers: a 2-D figure
   written byte for byte as before the 3-D extension, and a 3-D figure
   (surface and marks) in LaTeX and JSON (the full schema validation runs
   on the quick report in tests/quick-run.sh). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "testutil.h"

static void
test_json_escape(void)
{
    static const struct
    {
        const char *in;
        const char *out;
    } cases[] = {
        {"plain", "plain"},
        {"a\"b", "a\\\"b"},
        {"back\\slash", "back\\\\slash"},
        {"line\nbreak\ttab", "line\\nbreak\\ttab"},
        {"\x01\x1f", "\\u0001\\u001f"},
        {"caf\xc3\xa9", "caf\xc3\xa9"}, /* valid UTF-8 kept */
        {"bad\xff"
         "byte",
         "bad\\ufffdbyte"},                        /* invalid byte replaced */
        {"\xc0\xaf", "\\ufffd\\ufffd"},            /* overlong form rejected */
        {"\xed\xa0\x80", "\\ufffd\\ufffd\\ufffd"}, /* surrogate rejected */
    };
    size_t i;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
    {
        char *e = escape_json(cases[i].in);
        if (strcmp(e, cases[i].out) != 0)
        {
            TEST_REPORT("json escape", "case %zu: got '%s' want '%s'", i, e, cases[i].out);
            CU_FAIL("json escape");
        }
        flint_free(e);
    }
}

static void
test_tex_escape(void)
{
    char *e = escape_tex("50% of $x_1$ & {a} #2 ~ ^ \\");
    CU_ASSERT_STRING_EQUAL(e, "50\\% of \\$x\\_1\\$ \\& \\{a\\} \\#2 \\textasciitilde{} "
                              "\\textasciicircum{} \\textbackslash{}");
    flint_free(e);
    e = escape_tex("--seed a<b|c>d");
    CU_ASSERT_STRING_EQUAL(e, "-{}-seed a\\textless{}b\\textbar{}c\\textgreater{}d");
    flint_free(e);
}

/* the provenance of a test report */
static void
meta_set(report_meta *meta)
{
    memset(meta, 0, sizeof *meta);
    meta->seed = 7;
    meta->mode = "quick";
    meta->confidence = 0.99;
    meta->tail = 0.005;
    meta->revision = "abc";
    meta->compiler = "cc";
    meta->started = "now";
    meta->command = "basincheck run";
}

static void
test_json_writer(void)
{
    checklist_t L;
    check_t c;
    arb_t b;
    report_meta meta;
    FILE *f = tmpfile();
    char buf[8192];
    size_t n;

    checklist_init(L);
    check_init(c);
    c->id = flint_malloc(16);
    strcpy(c->id, "thm1.x");
    c->claim = flint_malloc(16);
    strcpy(c->claim, "Theorem 1");
    c->status = ST_HOLDS;
    c->expected = ST_HOLDS;
    check_field_add(c, "quote", "say \"%d\"", 3);
    checklist_push(L, c);
    arb_init(b);
    arb_set_d(b, 0.25);
    check_init(c);
    c->id = flint_malloc(16);
    strcpy(c->id, "prop1.y");
    c->claim = flint_malloc(16);
    strcpy(c->claim, "Proposition 1");
    check_set_mc(c, 100, 40, 0, 3, b, "\\frac14");
    c->expected = ST_CONSISTENT;
    checklist_push(L, c);
    checklist_judge(L, 0.005);

    meta_set(&meta);
    {
        static const char *const names[2] = {"thm1", "prop12"};
        static const double secs[2] = {1.5, 0.25};
        meta.nmodules = 2;
        meta.module_names = names;
        meta.module_seconds = secs;
    }
    CU_ASSERT(report_write_json(f, L, &meta) == 0);
    rewind(f);
    n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    CU_ASSERT(strstr(buf, "\"modules\": [{\"name\": \"thm1\", \"seconds\": 1.5}, {\"name\": \"prop12\"") !=
              NULL);
    CU_ASSERT(strstr(buf, "\"seed\": 7") != NULL);
    CU_ASSERT(strstr(buf, "\"quote\": \"say \\\"3\\\"\"") != NULL);
    CU_ASSERT(strstr(buf, "\"status\": \"consistent\"") != NULL);
    CU_ASSERT(strstr(buf, "\"mismatches\": 0") != NULL);
    CU_ASSERT(L->checks[1].status == ST_CONSISTENT);
    fclose(f);

    /* negative control: a bound above the upper limit is violated */
    arb_set_d(b, 0.7);
    arb_set(L->checks[1].tests[0].target, b);
    checklist_judge(L, 0.005);
    CU_ASSERT(L->checks[1].status == ST_VIOLATED);
    CU_ASSERT(checklist_mismatches(L) == 1);
    arb_clear(b);
    check_clear(c);
    checklist_clear(L);
}

/* the whole of f as a string (flint_free) */
static char *
slurp(FILE *f)
{
    long n;
    char *buf;
    fflush(f);
    n = ftell(f);
    rewind(f);
    buf = flint_malloc((size_t) n + 1);
    n = (long) fread(buf, 1, (size_t) n, f);
    buf[n] = '\0';
    return buf;
}

static void
test_figures(void)
{
    /* the 2-D figure exactly as report_tex.c wrote it before 3-D figures */
    static const char *want2 =
        "\\begin{figure}[htbp]\\centering\n\\begin{tikzpicture}\n\\begin{axis}[width=0.8\\textwidth,"
        "height=0.45\\textwidth,legend pos=outer north east,legend style={font=\\footnotesize},xlabel={$x$},"
        "ylabel={$y$},xmode=log]\n\\addplot[blue,no marks,thick] coordinates {(1,1)(2,4)};\n"
        "\\addlegendentry{line}\n\\addplot[red,only marks,mark=*,mark size=1pt] coordinates {(1.5,0.25)};\n"
        "\\addlegendentry{marks}\n\\end{axis}\n\\end{tikzpicture}\n\\caption{Two (figure "
        "\\texttt{t.fig\\_two})}\\label{fig:t.fig_two}\n\\end{figure}\n";
    static const char *want3[] = {
        "\\addplot3[surf,shader=faceted,mesh/cols=2] coordinates {(0,0,1)(1,0,2)(0,1,3)(1,1,nan)};\n"
        "\\addlegendentry{surface}\n",
        "\\addplot3[red,only marks,mark=*,mark size=2pt] coordinates {(0.5,0.5,0.75)};\n"
        "\\addlegendentry{minimum}\n",
        "xlabel={$w_1$},ylabel={$w_2$},zlabel={$L$}]", "\\caption{Three (figure \\texttt{t.fig\\_three})}"};
    static const char *wantj[] = {
        "\"ylabel\": \"$y$\", \"series\": [{\"name\": \"line\", \"x\": [1,2], \"y\": "
        "[1,4]}, {\"name\": \"marks\", \"x\": [1.5], \"y\": [0.25]}]}",
        "\"ylabel\": \"$w_2$\", \"zlabel\": \"$L$\", \"series\": [{\"name\": "
        "\"surface\", \"x\": [0,1,0,1], \"y\": [0,0,1,1], \"z\": [1,2,3,null], "
        "\"cols\": 2}, {\"name\": \"minimum\", \"x\": [0.5], \"y\": [0.5], \"z\": "
        "[0.75], \"cols\": 0}]}"};
    static const double x2[] = {1, 2}, y2[] = {1, 4}, mx = 1.5, my = 0.25;
    static const double sx[] = {0, 1, 0, 1}, sy[] = {0, 0, 1, 1}, mz = 0.75, h = 0.5;
    double sz[4] = {1, 2, 3, 0};
    checklist_t L;
    check_t c;
    figure_t f, g;
    report_meta meta;
    FILE *ft = tmpfile(), *fj = tmpfile();
    char *tex, *json;
    size_t i;

    sz[3] = NAN;
    checklist_init(L);
    check_init(c);
    c->id = flint_malloc(16);
    strcpy(c->id, "thm4.alpha"); /* a module's section is written when it has records */
    c->claim = flint_malloc(16);
    strcpy(c->claim, "Theorem 4");
    c->status = c->expected = ST_HOLDS;
    checklist_push(L, c);
    figure_init(f, "t.fig_two", "Theorem 4", "Two", "$x$", "$y$");
    f->logx = 1;
    figure_add_series(f, "line", x2, y2, 2, 0);
    figure_add_series(f, "marks", &mx, &my, 1, 1);
    f->module = "thm4"; /* figures are filed under their module (run_add_figure) */
    checklist_push_figure(L, f);
    figure_init(g, "t.fig_three", "Theorem 4", "Three", "$w_1$", "$w_2$");
    figure_set_3d(g, "$L$");
    figure_add_series3(g, "surface", sx, sy, sz, 4, 2, 0);
    figure_add_series3(g, "minimum", &h, &h, &mz, 1, 0, 1);
    g->module = "thm4";
    checklist_push_figure(L, g);
    CU_ASSERT(L->figures[0].zlabel == NULL && L->figures[0].series[0].z == NULL);
    CU_ASSERT(L->figures[1].series[0].cols == 2 && L->figures[1].series[1].cols == 0);

    meta_set(&meta);
    CU_ASSERT(report_write_tex(ft, L, &meta) == 0);
    CU_ASSERT(report_write_json(fj, L, &meta) == 0);
    tex = slurp(ft);
    json = slurp(fj);
    if (strstr(tex, want2) == NULL)
    {
        TEST_REPORT("2-D figure unchanged", "expected\n%s\nin the LaTeX report", want2);
        CU_FAIL("2-D figure unchanged");
    }
    for (i = 0; i < sizeof want3 / sizeof want3[0]; i++)
        if (strstr(tex, want3[i]) == NULL)
        {
            TEST_REPORT("3-D figure in LaTeX", "expected\n%s", want3[i]);
            CU_FAIL("3-D figure in LaTeX");
        }
    /* the 3-D axis comes after the 2-D one, and only once */
    CU_ASSERT(strstr(tex, "\\addplot3") > strstr(tex, want2));
    CU_ASSERT(strstr(strstr(tex, "zlabel=") + 1, "zlabel=") == NULL);
    for (i = 0; i < sizeof wantj / sizeof wantj[0]; i++)
        if (strstr(json, wantj[i]) == NULL)
        {
            TEST_REPORT("figures in JSON", "expected\n%s\nin\n%s", wantj[i], json);
            CU_FAIL("figures in JSON");
        }
    flint_free(tex);
    flint_free(json);
    fclose(ft);
    fclose(fj);
    checklist_clear(L);
}

static const test_case suite_tests[] = {
    {"JSON escaping", test_json_escape},
    {"LaTeX escaping", test_tex_escape},
    {"JSON writer and Monte Carlo judgement", test_json_writer},
    {"2-D and 3-D figures in LaTeX and JSON", test_figures},
};

int
t_report_register(void)
{
    return TEST_SUITE("report", suite_tests);
}
