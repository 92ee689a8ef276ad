/* t-report.c -- JSON and LaTeX escaping, and the JSON writer on a small
   hand-made checklist (the full schema validation runs on the quick
   report in tests/quick-run.sh). */
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
        char *e = report_json_escape(cases[i].in);
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
    char *e = report_tex_escape("50% of $x_1$ & {a} #2 ~ ^ \\");
    CU_ASSERT_STRING_EQUAL(e, "50\\% of \\$x\\_1\\$ \\& \\{a\\} \\#2 \\textasciitilde{} "
                              "\\textasciicircum{} \\textbackslash{}");
    flint_free(e);
    e = report_tex_escape("--seed a<b|c>d");
    CU_ASSERT_STRING_EQUAL(e, "-{}-seed a\\textless{}b\\textbar{}c\\textgreater{}d");
    flint_free(e);
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

    memset(&meta, 0, sizeof meta);
    meta.seed = 7;
    meta.mode = "quick";
    meta.confidence = 0.99;
    meta.tail = 0.005;
    meta.revision = "abc";
    meta.compiler = "cc";
    meta.started = "now";
    meta.command = "basincheck run";
    CU_ASSERT(report_write_json(f, L, &meta) == 0);
    rewind(f);
    n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    CU_ASSERT(strstr(buf, "\"seed\": 7") != NULL);
    CU_ASSERT(strstr(buf, "\"quote\": \"say \\\"3\\\"\"") != NULL);
    CU_ASSERT(strstr(buf, "\"status\": \"consistent\"") != NULL);
    CU_ASSERT(strstr(buf, "\"mismatches\": 0") != NULL);
    CU_ASSERT(L->checks[1].status == ST_CONSISTENT);
    fclose(f);

    /* negative control: a bound above the upper limit is violated */
    arb_set_d(b, 0.7);
    arb_set(L->checks[1].mc.bound, b);
    checklist_judge(L, 0.005);
    CU_ASSERT(L->checks[1].status == ST_VIOLATED);
    CU_ASSERT(checklist_mismatches(L) == 1);
    arb_clear(b);
    check_clear(c);
    checklist_clear(L);
}

int
t_report_register(void)
{
    CU_pSuite s = CU_add_suite("report", NULL, NULL);
    if (s == NULL)
        return 1;
    if (!CU_add_test(s, "JSON escaping", test_json_escape) ||
        !CU_add_test(s, "LaTeX escaping", test_tex_escape) ||
        !CU_add_test(s, "JSON writer and Monte Carlo judgement", test_json_writer))
        return 1;
    return 0;
}
