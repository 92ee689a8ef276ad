/* t-thm2.c -- Theorem 2: the closed-form basin value against the
   certified engine, the event probability of singleton.h against the
   audit module's special-case formula, the naive value by hand, the
   explicit networks and B.4's W' against the network's own loss
   (shallow.h) and an independently written event, the signs, the chosen
   sides, the reader's messages, the bound, and the module's runs: the
   user's instance (--samples sizes only its check), the rows' widths,
   the selection.  The module's records against its table are checked in
   t-modules.c; the data set, alpha and the exact probabilities of the
   core in t-singleton.c. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <flint/fmpq_vec.h>

#include "audit.h"
#include "basin.h"
#include "sampler.h"
#include "shallow.h"
#include "thm2.h"
#include "testutil.h"

/* B.4's event written from its definition: for each side, the sum
   sum |s_t| y_t from the data, and a neuron of the needed sign on it */
static int
oracle_event(const singleton_data_t D, const int *ws, const int *vs, slong n)
{
    slong j, sg, i, t;
    fmpq_t b, q;
    int ok = 1;
    fmpq_init(b);
    fmpq_init(q);
    for (j = 0; j < D->d && ok; j++)
        for (sg = -1; sg <= 1 && ok; sg += 2)
        {
            int need, found = 0;
            fmpq_zero(b);
            for (t = 0; t < D->m; t++)
            {
                const fmpq *x = fmpq_mat_entry(D->X, t, j);
                if (fmpq_sgn(x) != sg)
                    continue;
                fmpq_mul(q, x, D->y + t);
                if (sg < 0)
                    fmpq_neg(q, q);
                fmpq_add(b, b, q);
            }
            need = fmpq_sgn(b);
            if (need == 0)
                continue;
            for (i = 0; i < n; i++)
                found |= ws[i * D->d + j] == sg && vs[i] == need;
            ok = found;
        }
    fmpq_clear(b);
    fmpq_clear(q);
    return ok;
}

static void
test_closed_vs_engine(void)
{
    slong it, iters = test_iters(60), bad = 0;
    rng_t r;
    rng_init(r, test_seed(), rng_stream_id("t-thm2.closed"), 0);
    for (it = 0; it < iters; it++)
    {
        singleton_data_t D;
        slong d = 1 + (slong) rng_below(r, 4), n = 1 + (slong) rng_below(r, 5), i;
        int *ws, *vs, exact;
        fmpq_t bas, ev;
        singleton_data_init(D);
        if (it % 2)
            thm2_data_random(D, 2 + (slong) rng_below(r, 10), d, r);
        else
        {
            slong cnt[8];
            int nd[8];
            for (i = 0; i < 2 * d; i++)
            {
                cnt[i] = (slong) rng_below(r, 4);
                nd[i] = cnt[i] == 0 ? 0 : (int) rng_below(r, 3) - 1;
            }
            cnt[0] += cnt[0] == 0 && cnt[1] == 0; /* at least one point */
            if (cnt[0] == 1 && nd[0] == 0 && cnt[1] == 0)
                nd[0] = 1;
            thm2_data_sides(D, d, cnt, nd, r);
        }
        ws = flint_malloc(sizeof(int) * (size_t) (n * d + n));
        vs = ws + n * d;
        for (i = 0; i < n * d; i++)
            ws[i] = (rng_u32(r) & 1) ? 1 : -1;
        for (i = 0; i < n; i++)
            vs[i] = (rng_u32(r) & 1) ? 1 : -1;
        fmpq_init(bas);
        fmpq_init(ev);
        thm2_bas_closed(bas, D, ws, vs, n);
        test_singleton_engine(ev, &exact, D, ws, vs, n);
        if (!exact || !fmpq_equal(ev, bas))
        {
            TEST_REPORT("closed form = certified engine", "iteration %ld d=%ld n=%ld m=%ld exact=%d",
                        (long) it, (long) d, (long) n, (long) D->m, exact);
            bad++;
        }
        fmpq_clear(bas);
        fmpq_clear(ev);
        flint_free(ws);
        singleton_data_clear(D);
    }
    CU_ASSERT_EQUAL(bad, 0);
}

/* the audit module's formula: `same` coordinates needing + on both sides,
   the others + on S_j^+ and - on S_j^- */
static void
test_audit_oracle(void)
{
    slong d, same, n, bad = 0;
    for (d = 1; d <= 4; d++)
        for (same = 0; same <= d; same++)
        {
            singleton_data_t D;
            slong pts[24], j;
            fmpq_t pe, pg, f;
            for (j = 0; j < d; j++)
            {
                pts[6 * j] = j;
                pts[6 * j + 1] = 1;
                pts[6 * j + 2] = 1;
                pts[6 * j + 3] = j;
                pts[6 * j + 4] = -2;
                pts[6 * j + 5] = j < same ? 3 : -3;
            }
            singleton_data_init(D);
            test_singleton_points(D, 2 * d, d, pts, 1, 1);
            fmpq_init(pe);
            fmpq_init(pg);
            fmpq_init(f);
            for (n = 1; n <= 24; n++)
            {
                singleton_prob_event(pe, D, n);
                audit_thm2_fail_singleton(f, (ulong) n, (ulong) d, (ulong) same);
                fmpq_add(f, f, pe);
                /* for n >= 4 alpha is the naive value: good <=> event */
                singleton_prob_good(pg, D, n);
                if (!fmpq_is_one(f) || (n >= 4 && !fmpq_equal(pg, pe)))
                {
                    TEST_REPORT("P[event] = 1 - audit_thm2_fail_singleton", "d=%ld same=%ld n=%ld", (long) d,
                                (long) same, (long) n);
                    bad++;
                }
            }
            fmpq_clear(pe);
            fmpq_clear(pg);
            fmpq_clear(f);
            singleton_data_clear(D);
        }
    CU_ASSERT_EQUAL(bad, 0);
}

/* by hand: x = +-e_1 with y = 1, x = +-e_2 with y = -1: every side at
   its own best gives 0 (opt = 0 on every side), which width 4 attains */
static void
test_hand(void)
{
    static const slong pts[12] = {0, 1, 1, 0, -1, 1, 1, 1, -1, 1, -1, -1};
    singleton_data_t D;
    fmpq_t a;
    singleton_data_init(D);
    test_singleton_points(D, 4, 2, pts, 1, 1);
    fmpq_init(a);
    thm2_alpha_naive(a, D);
    CU_ASSERT(fmpq_is_zero(a));
    fmpq_clear(a);
    singleton_data_clear(D);
}

/* the explicit network attains alpha (its loss with its ReLUs), and B.4's
   W' attains the naive value inside the closed cell */
static void
test_networks(void)
{
    slong it, iters = test_iters(40), bad = 0;
    rng_t r;
    rng_init(r, test_seed(), rng_stream_id("t-thm2.nets"), 0);
    for (it = 0; it < iters; it++)
    {
        singleton_data_t D;
        slong d = 1 + (slong) rng_below(r, 5), n = 1 + (slong) rng_below(r, 7), i, j;
        fmpq_mat_t W, Wq;
        fmpq *v = _fmpq_vec_init(n), *vq = _fmpq_vec_init(n);
        fmpq_t a, nv, Lw;
        double *Wd = flint_malloc(sizeof(double) * (size_t) (n * d + n)), *vd = Wd + n * d;
        int *ws = flint_malloc(sizeof(int) * (size_t) (n * d + n)), *vs = ws + n * d;
        singleton_data_init(D);
        thm2_data_random(D, 2 + (slong) rng_below(r, 12), d, r);
        fmpq_mat_init(W, n, d);
        fmpq_mat_init(Wq, n, d);
        fmpq_init(a);
        fmpq_init(nv);
        fmpq_init(Lw);
        singleton_alpha(a, NULL, D, n);
        thm2_alpha_naive(nv, D);
        thm2_alpha_net(W, v, D, n);
        shallow_net_loss(Lw, D->X, D->y, W, v);
        if (!fmpq_equal(Lw, a) || fmpq_cmp(a, nv) < 0)
        {
            TEST_REPORT("the explicit network attains alpha >= naive", "iteration %ld d=%ld n=%ld", (long) it,
                        (long) d, (long) n);
            bad++;
        }
        for (i = 0; i < n; i++)
            sampler_draw(Wd + i * d, d, SAMPLER_GAUSS, 1.0, r);
        sampler_draw(vd, n, SAMPLER_GAUSS, 1.0, r);
        if (!thm2_signs(ws, vs, D, Wd, vd, n))
        {
            basin_t B;
            int ev = thm2_event(D, ws, vs, n);
            for (i = 0; i < n; i++)
            {
                bc_fmpq_set_d(vq + i, vd[i]);
                for (j = 0; j < d; j++)
                    bc_fmpq_set_d(fmpq_mat_entry(Wq, i, j), Wd[i * d + j]);
            }
            basin_init(B);
            CU_ASSERT_EQUAL(basin_pattern(B, D->X, D->y, Wq, vq, n, NULL, NULL), BASIN_OK);
            if (thm2_b4_construct(W, D, ws, vs, vq, n) != ev || ev != oracle_event(D, ws, vs, n))
                bad++;
            else if (ev)
            {
                shallow_net_loss(Lw, D->X, D->y, W, vq);
                if (!shallow_in_closed_cell(B, W, vq) || !fmpq_equal(Lw, nv) || !fmpq_equal(a, nv))
                {
                    TEST_REPORT("B.4's W' in the closed cell with loss = naive = alpha", "iteration %ld",
                                (long) it);
                    bad++;
                }
            }
            basin_clear(B);
        }
        fmpq_mat_clear(W);
        fmpq_mat_clear(Wq);
        _fmpq_vec_clear(v, n);
        _fmpq_vec_clear(vq, n);
        fmpq_clear(a);
        fmpq_clear(nv);
        fmpq_clear(Lw);
        flint_free(Wd);
        flint_free(ws);
        singleton_data_clear(D);
    }
    CU_ASSERT_EQUAL(bad, 0);
}

static void
test_data(void)
{
    singleton_data_t D;
    slong it, bad = 0;
    rng_t r;
    double W[4] = {1, 0, 0, 1}, v[2] = {1, -1};
    int ws[4], vs[2];

    singleton_data_init(D);
    /* boundaries: w_ij = 0 matters only on a coordinate with data */
    {
        static const slong pts[3] = {0, 1, 1};
        test_singleton_points(D, 1, 2, pts, 1, 1);
        CU_ASSERT_EQUAL(thm2_signs(ws, vs, D, W, v, 2), 1); /* w_21 = 0 */
        W[2] = -1;
        CU_ASSERT_EQUAL(thm2_signs(ws, vs, D, W, v, 2), 0); /* w_12 = 0: no data there */
        v[1] = 0;
        CU_ASSERT_EQUAL(thm2_signs(ws, vs, D, W, v, 2), 1);
    }

    /* the chosen sides are as chosen */
    rng_init(r, test_seed(), rng_stream_id("t-thm2.sides"), 0);
    for (it = 0; it < test_iters(30); it++)
    {
        slong cnt[10], j;
        int nd[10];
        for (j = 0; j < 10; j++)
        {
            cnt[j] = (slong) rng_below(r, 4);
            nd[j] = cnt[j] == 0 ? 0 : (int) rng_below(r, 3) - 1;
        }
        cnt[4] = 1 + cnt[4];
        if (nd[4] == 0 && cnt[4] == 1)
            nd[4] = -1;
        thm2_data_sides(D, 5, cnt, nd, r);
        for (j = 0; j < 10; j++)
            bad += !D->singleton || D->count[j] != cnt[j] || D->need[j] != nd[j];
    }
    CU_ASSERT_EQUAL(bad, 0);
    singleton_data_clear(D);
}

static void
test_read(void)
{
    char err[1024], *path = test_tmp_file("thm2", "# comment\n1,0,0,3\n0,-2,0,1\n\n1,0,0.5,2\n");
    singleton_data_t D;
    singleton_data_init(D);
    CU_ASSERT_EQUAL(thm2_data_read(D, path, err, sizeof err), 1);
    CU_ASSERT(strstr(err, ":5: point 3 is not a singleton: 2 non-zero coordinates (x_1, x_3)") != NULL);
    CU_ASSERT(strncmp(err, path, strlen(path)) == 0);
    CU_ASSERT(strchr(err, '\n') == NULL);
    test_rewrite(path, "1,0,0,3\n0,0,0,1\n");
    CU_ASSERT_EQUAL(thm2_data_read(D, path, err, sizeof err), 1);
    CU_ASSERT(strstr(err, ":2: point 2 is zero") != NULL);
    test_rewrite(path, "1,0,0,3\n0,-1/3,0,1/3\n0,0,2.5,-1\n");
    CU_ASSERT_EQUAL(thm2_data_read(D, path, err, sizeof err), 0);
    CU_ASSERT(D->m == 3 && D->d == 3 && D->singleton && D->needy == 3 && D->need[3] == 1 && D->need[4] == -1);
    test_rewrite(path, "1,0,x\n");
    CU_ASSERT_EQUAL(thm2_data_read(D, path, err, sizeof err), 1);
    CU_ASSERT(strstr(err, ":1:") != NULL);
    test_rewrite(path, "1\n2\n");
    CU_ASSERT_EQUAL(thm2_data_read(D, path, err, sizeof err), 1);
    CU_ASSERT(strstr(err, "at least 2 columns") != NULL);
    CU_ASSERT_EQUAL(thm2_data_read_mem(D, "buf", "1,1,2\n", 6, err, sizeof err), 1);
    CU_ASSERT(strcmp(err, "buf:1: point 1 is not a singleton: 2 non-zero coordinates (x_1, x_2); Theorem "
                          "2 needs exactly one per point") == 0);
    singleton_data_clear(D);
    remove(path);
    flint_free(path);
}

static void
test_bound(void)
{
    fmpq_t b, c, e;
    fmpz_t l, r;
    slong sides, n;
    fmpq_init(b);
    fmpq_init(c);
    fmpq_init(e);
    fmpz_init(l);
    fmpz_init(r);
    fmpq_set_si(c, 3, 4);
    thm2_bound(b, 2, 2, c); /* 1 - 2 9/16 */
    fmpq_set_si(e, -1, 8);
    CU_ASSERT(fmpq_equal(b, e));
    thm2_bound(b, 1, 1, c);
    fmpq_set_si(e, 1, 4);
    CU_ASSERT(fmpq_equal(b, e));
    /* the width at which the bound reaches 1/2: the least n with
       2 sides 3^n <= 4^n, in integers */
    for (sides = 1; sides <= 1024; sides += 1 + sides / 3)
    {
        n = 0;
        do
        {
            n++;
            fmpz_set_ui(l, 3);
            fmpz_pow_ui(l, l, (ulong) n);
            fmpz_mul_si(l, l, 2 * sides);
            fmpz_one(r);
            fmpz_mul_2exp(r, r, (ulong) (2 * n));
        } while (fmpz_cmp(l, r) > 0);
        if (thm2_half_width(sides, c) != n)
        {
            TEST_REPORT("thm2_half_width = least n with 2 sides 3^n <= 4^n", "sides=%ld: %ld, want %ld",
                        (long) sides, (long) thm2_half_width(sides, c), (long) n);
            CU_FAIL("half width");
        }
    }
    fmpq_clear(b);
    fmpq_clear(c);
    fmpq_clear(e);
    fmpz_clear(l);
    fmpz_clear(r);
}

/* runs module thm2 directly on the checks sel (nsel of them) with options
   o (the driver would drop records not selected; here every record made
   is seen) into L; returns the module's status */
static int
module_run(checklist_t L, run_opts *o, const char **sel, int nsel)
{
    run_t R;
    o->nselect = nsel;
    o->select = (char *const *) sel;
    checklist_init(L);
    run_init(R, &module_thm2, o, L);
    return module_thm2.exec(R);
}

static const check_struct *
record(const checklist_t L, const char *id)
{
    slong i;
    for (i = 0; i < L->nchecks; i++)
        if (strcmp(L->checks[i].id, id) == 0)
            return L->checks + i;
    return NULL;
}

static const char *
field(const check_struct *c, const char *key)
{
    slong i;
    for (i = 0; c != NULL && i < c->nfields; i++)
        if (strcmp(c->fields[i].key, key) == 0)
            return c->fields[i].value;
    return NULL;
}

/* the user's data: the record carries alpha, the bound and the exact
   probability (= Lemma 2.C computed here); --samples sizes the user's
   check alone, never the module's own checks */
static void
test_user_run(void)
{
    static const char *sel[2] = {"thm2.user", "thm2.mc.appc1.n5"};
    char *path = test_tmp_file("thm2-user", "1,0,2\n-0.5,0,1\n0,3,-1\n0,-1,0.5\n");
    run_opts o;
    checklist_t L;
    singleton_data_t D;
    const check_struct *u, *row;
    fmpq_t p;
    char *want;

    test_quick_opts(&o, 2);
    o.data = path;
    o.width = 5;
    o.samples = 10;
    CU_ASSERT_EQUAL(module_run(L, &o, sel, 2), 0);
    u = record(L, "thm2.user");
    row = record(L, "thm2.mc.appc1.n5");
    CU_ASSERT_FATAL(u != NULL && row != NULL);
    CU_ASSERT(u->ntests == 1 && u->tests[0].samples == 10);
    CU_ASSERT(row->ntests == 1 && row->tests[0].samples > 10);
    if (row->ntests == 1 && row->tests[0].samples == 10)
        TEST_REPORT("--samples sizes only the user's check", "thm2.mc.appc1.n5 drew %lu samples",
                    (unsigned long) row->tests[0].samples);
    singleton_data_init(D);
    fmpq_init(p);
    CU_ASSERT_EQUAL(thm2_data_read(D, path, NULL, 0), 0);
    singleton_prob_good(p, D, 5);
    want = fmpq_get_str(NULL, 10, p);
    CU_ASSERT(field(u, "exact_probability") != NULL && strcmp(field(u, "exact_probability"), want) == 0);
    CU_ASSERT(field(u, "alpha") != NULL && field(u, "bound") != NULL);
    CU_ASSERT(field(u, "samples") != NULL && strcmp(field(u, "samples"), "10") == 0);
    flint_free(want);
    fmpq_clear(p);
    singleton_data_clear(D);
    checklist_clear(L);
    remove(path);
    flint_free(path);

    /* data without a width, and a missing file: input errors */
    o.width = 0;
    CU_ASSERT_EQUAL(module_run(L, &o, sel, 1), 2);
    checklist_clear(L);
    o.data = "/nonexistent/thm2.csv";
    o.width = 3;
    CU_ASSERT_EQUAL(module_run(L, &o, sel, 1), 2);
    checklist_clear(L);
}

/* the rows' widths are fixed in the table (the ids name them) and are the
   first widths at which the bound reaches 1/2: each record says which
   width that is, computed */
static void
test_row_widths(void)
{
    static const char *sel[1] = {"thm2.mc."};
    run_opts o;
    checklist_t L;
    slong i, rows = 0;
    test_quick_opts(&o, 2);
    CU_ASSERT_EQUAL(module_run(L, &o, sel, 1), 0);
    for (i = 0; i < L->nchecks; i++)
    {
        const check_struct *c = L->checks + i;
        const char *w = field(c, "first width with bound >= 1/2"), *n = strrchr(c->id, '.');
        if (strncmp(c->id, "thm2.mc.", 8) != 0)
            continue;
        rows++;
        if (w == NULL || n == NULL || n[1] != 'n' || strcmp(w, n + 2) != 0)
        {
            TEST_REPORT("a row's width is the first with bound >= 1/2", "%s: %s", c->id,
                        w ? w : "(no field)");
            CU_FAIL("row width");
        }
    }
    CU_ASSERT_EQUAL(rows, 6);
    checklist_clear(L);
}

/* the module honours the selection: one control alone makes one record
   and no figure */
static void
test_selection(void)
{
    static const char *sel[1] = {"thm2.control.naive"};
    run_opts o;
    checklist_t L;
    test_quick_opts(&o, 2);
    CU_ASSERT_EQUAL(module_run(L, &o, sel, 1), 0);
    CU_ASSERT(L->nchecks == 1 && record(L, "thm2.control.naive") != NULL && L->nfigures == 0);
    if (L->nchecks != 1 || L->nfigures != 0)
        TEST_REPORT("a selected control runs alone", "%ld records, %ld figures", (long) L->nchecks,
                    (long) L->nfigures);
    checklist_clear(L);
}

static const test_case suite_tests[] = {
    {"closed-form basin value = engine", test_closed_vs_engine},
    {"event probability = audit formula", test_audit_oracle},
    {"naive value by hand", test_hand},
    {"explicit network and B.4's W'", test_networks},
    {"signs, chosen sides", test_data},
    {"data reader", test_read},
    {"bound and the width where it reaches 1/2", test_bound},
    {"the user's run: fields, --samples, input errors", test_user_run},
    {"the rows' fixed widths", test_row_widths},
    {"the module honours the selection", test_selection},
};

int
t_thm2_register(void)
{
    return TEST_SUITE("thm2", suite_tests);
}
