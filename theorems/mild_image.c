/* mild_image.c -- (E) one more neuron (mild.tex): for every family of
   certified spurious minima found by the descents, the split image
   (exact critical point of width k + 1; a saddle when the block B_i has a
   negative eigenvalue, certified along (a, -a) with a certified descent
   step) and the zero-neuron image (every teacher direction an exact
   first-order descent); and the controls on known points, decided by the
   same code: the split of the global minimum, Krawczyk off the critical
   point, positive definiteness at a known saddle. */
#include <math.h>
#include <string.h>

#include "mild.h"

/* ------------------------------------------------------------ helpers */

static void
certify_doubles(crit_result_t C, const double *W, slong n, slong k, int refine, double radius)
{
    arb_mat_t W0, V;
    crit_opts o;
    slong i;
    arb_mat_init(W0, n, k);
    arb_mat_init(V, k, k);
    mild_teacher(V, k);
    for (i = 0; i < n * k; i++)
        arb_set_d(arb_mat_entry(W0, i / k, i % k), W[i]);
    crit_opts_default(&o);
    o.refine = refine;
    o.radius = radius;
    crit_certify(C, W0, V, &o);
    arb_mat_clear(W0);
    arb_mat_clear(V);
}

/* the k = 6 spurious minimum, certified */
static void
certify_k6(crit_result_t C)
{
    arb_mat_t W0, V;
    crit_opts o;
    arb_mat_init(W0, 6, 6);
    arb_mat_init(V, 6, 6);
    mild_spurious_k6(W0);
    mild_teacher(V, 6);
    crit_opts_default(&o);
    crit_certify(C, W0, V, &o);
    arb_mat_clear(W0);
    arb_mat_clear(V);
}

/* the verdict "the split image of neuron i is a saddle": BC_TRUE when a
   negative curvature is certified at the exact critical point, BC_FALSE
   when the image is a global minimum or B_i >= 0 is certified (the
   technical condition fails), else BC_UNDECIDED */
static truth_t
decide_split(const crit_split_t S)
{
    if (S->saddle == BC_TRUE)
        return BC_TRUE;
    if (S->saddle == BC_FALSE || S->condition == BC_FALSE)
        return BC_FALSE;
    return BC_UNDECIDED;
}

/* the verdict "every teacher direction is a first-order descent at the
   zero-neuron image": every D(v_j) < 0 (BC_TRUE), some D(v_j) >= 0
   (BC_FALSE) */
static truth_t
decide_zero(const crit_zero_t Z)
{
    slong j;
    truth_t r = BC_TRUE;
    for (j = 0; j < Z->k; j++)
    {
        if (arb_is_nonnegative(Z->slope + j))
            return BC_FALSE;
        if (!arb_is_negative(Z->slope + j))
            r = BC_UNDECIDED;
    }
    return Z->k > 0 ? r : BC_UNDECIDED;
}

/* the distinguished neuron: the row holding the most negative entry */
static slong
distinguished(const double *W, slong k)
{
    slong i, best = 0;
    for (i = 0; i < k * k; i++)
        if (W[i] < W[best])
            best = i;
    return best / k;
}

static char *
split_str(const crit_split_t S)
{
    char *cv = arb_get_str(S->curv, 8, 0), *bl = arb_get_str(S->block_lmin, 8, 0),
         *df = arb_get_str(S->dF, 6, 0);
    char *a = fmpq_get_str(NULL, 10, S->alpha);
    char *r = bc_aprintf("neuron %ld, alpha %s: curvature %s, lambda_min(B) %s, step t = %g, dF %s",
                         (long) S->i + 1, a, cv, bl, S->t, S->t > 0 ? df : "-");
    flint_free(cv);
    flint_free(bl);
    flint_free(df);
    flint_free(a);
    return r;
}

/* the figure: F along the certified descent line s -> image + s u,
   u = (a, -a) on the two copies, of the first family's split (values
   enclosed at 64 bits, midpoints drawn) */
static void
split_line_figure(run_t R, const crit_result_t C, const crit_split_t S, slong k)
{
    const slong G = 41;
    slong n = k + 1, g, a, i = S->i;
    double x[41], y[41], mx[2], my[2], al = fmpq_get_d(S->alpha);
    arb_mat_t Y, V;
    arb_t F;
    figure_t f;
    char *cap;
    arb_mat_init(Y, n, k);
    arb_mat_init(V, k, k);
    arb_init(F);
    mild_teacher(V, k);
    for (g = 0; g < G; g++)
    {
        double s = (double) (g - (G - 1) / 2) / 80.0;
        slong r;
        for (r = 0; r < k; r++)
            for (a = 0; a < k; a++)
                arb_set_d(arb_mat_entry(Y, r, a), C->W[r * k + a]);
        for (a = 0; a < k; a++)
        {
            double w = C->W[i * k + a];
            arb_set_d(arb_mat_entry(Y, i, a), al * w + s * S->a[a]);
            arb_set_d(arb_mat_entry(Y, k, a), (1.0 - al) * w - s * S->a[a]);
        }
        pop_eval(F, NULL, NULL, Y, V, 64);
        x[g] = s;
        y[g] = arf_get_d(arb_midref(F), ARF_RND_NEAR);
    }
    mx[0] = 0;
    my[0] = arf_get_d(arb_midref(C->F), ARF_RND_NEAR);
    mx[1] = S->t;
    my[1] = my[0] + arf_get_d(arb_midref(S->dF), ARF_RND_NEAR);
    cap = bc_aprintf(
        "(E) The split image of the spurious minimum of width $k=%ld$ ($F\\approx%.7f$): neuron "
        "%ld split with $\\alpha=\\tfrac12$ into width %ld, and $F$ along the line "
        "$W'+s\\mathbf u$, $\\mathbf u=(\\mathbf a,-\\mathbf a)$ on the two copies, $\\mathbf a$ the "
        "least eigenvector of $B_i$: a maximum at $s=0$ along this line (the image is a saddle), "
        "with the certified descent step marked.",
        (long) k, my[0], (long) i + 1, (long) n);
    figure_init(f, "mild.fig.split", MILD_CLAIM, cap, "$s$", "$F(W'+s\\mathbf u)$");
    figure_add_series(f, "$F$ (enclosures, midpoints)", x, y, G, 0);
    figure_add_series(f, "split image and certified step", mx, my, S->t > 0 ? 2 : 1, 1);
    run_add_figure(R, f);
    figure_clear(f);
    flint_free(cap);
    arb_mat_clear(Y);
    arb_mat_clear(V);
    arb_clear(F);
}

/* ----------------------------------------------------------------- (E) */

/* what one family's images gave (computed in parallel, one slot per
   family, then reported in order) */
typedef struct
{
    const mild_family *f;
    truth_t split[3]; /* the three splits */
    slong steps;      /* splits with a certified descent step */
    char *split_text; /* the field */
    char *split_bad;  /* the first refuted split, or NULL */
    truth_t zero;
    int zero_step;
    char *zero_text;
    char *zero_bad;
} image_result;

typedef struct
{
    const mild_families *L;
    const slong *which; /* the families taken */
    int at_global;      /* the mutant */
    int want_split, want_zero;
    image_result *out;
} image_ctx;

static const slong split_den[3] = {2, 3, 2};

/* the split of row who[s] with alpha = 1/split_den[s] */
static void
image_splits(image_result *res, const crit_result_t C, const arb_mat_t V, const double *W, slong k,
             const char *key)
{
    slong i0 = distinguished(W, k), s;
    const slong who[3] = {i0, i0, (i0 + 1) % k};
    res->split_text = bc_aprintf("%s", "");
    for (s = 0; s < 3; s++)
    {
        crit_split_t S;
        fmpq_t al;
        char *one, *nb;
        fmpq_init(al);
        fmpq_set_si(al, 1, split_den[s]);
        crit_split_init(S, k);
        crit_split(S, C, V, who[s], al, 64);
        res->split[s] = decide_split(S);
        res->steps += S->t > 0;
        one = split_str(S);
        if (res->split[s] == BC_FALSE && res->split_bad == NULL)
            res->split_bad = bc_aprintf("%s: %s (%s)", key, one, S->reason);
        nb = bc_aprintf("%s%s%s", res->split_text, s ? "; " : "", one);
        flint_free(res->split_text);
        flint_free(one);
        res->split_text = nb;
        crit_split_clear(S);
        fmpq_clear(al);
    }
}

static void
image_zero(image_result *res, const crit_result_t C, const arb_mat_t V, slong k, const char *key)
{
    crit_zero_t Z;
    char *best, *df;
    crit_zero_init(Z, k);
    crit_zero(Z, C, V, 64);
    res->zero = decide_zero(Z);
    res->zero_step = Z->t > 0;
    best = Z->best >= 0 ? arb_get_str(Z->slope + Z->best, 8, 0) : bc_aprintf("-");
    df = arb_get_str(Z->dF, 8, 0);
    res->zero_text =
        bc_aprintf("most negative D(v_%ld) = %s; step t = %g, dF = %s", (long) Z->best + 1, best, Z->t, df);
    if (res->zero == BC_FALSE)
    {
        char *s0 = arb_get_str(Z->slope, 8, 0);
        res->zero_bad = bc_aprintf("%s: D(v_1) = %s is not negative", key, s0);
        flint_free(s0);
    }
    flint_free(best);
    flint_free(df);
    crit_zero_clear(Z);
}

/* the images' centre: the family's minimum, or V under the mutant */
static double *
image_centre(const mild_family *f, int at_global)
{
    slong k = f->k, j;
    double *W = flint_calloc(k * k, sizeof(double));
    if (at_global)
        for (j = 0; j < k; j++)
            W[j * k + j] = 1.0;
    else
        memcpy(W, f->W, sizeof(double) * k * k);
    return W;
}

static char *
family_key(const mild_family *f)
{
    return bc_aprintf("k = %ld, F = %.10g (%ld runs)", (long) f->k, f->F, (long) f->count);
}

static void
image_sample(mc_outcome *out, const void *vctx, rng_t rng, ulong index)
{
    const image_ctx *X = vctx;
    image_result *res = X->out + index;
    const mild_family *f = X->L->fam + X->which[index];
    slong k = f->k;
    double *W = image_centre(f, X->at_global);
    char *key = family_key(f);
    crit_result_t C;
    arb_mat_t V;
    (void) rng;
    res->f = f;
    crit_result_init(C);
    certify_doubles(C, W, k, k, 1, 0);
    arb_mat_init(V, k, k);
    mild_teacher(V, k);
    if (X->want_split)
        image_splits(res, C, V, W, k, key);
    if (X->want_zero)
        image_zero(res, C, V, k, key);
    out->nevents = 0;
    out->escalations = 0;
    crit_result_clear(C);
    arb_mat_clear(V);
    flint_free(W);
    flint_free(key);
}

/* the figure of the first family: its split (distinguished neuron,
   alpha = 1/2) recomputed */
static void
image_figure(run_t R, const mild_family *f, int at_global)
{
    slong k = f->k;
    double *W = image_centre(f, at_global);
    crit_result_t C;
    crit_split_t S;
    arb_mat_t V;
    fmpq_t al;
    crit_result_init(C);
    certify_doubles(C, W, k, k, 1, 0);
    arb_mat_init(V, k, k);
    mild_teacher(V, k);
    fmpq_init(al);
    fmpq_set_si(al, 1, 2);
    crit_split_init(S, k);
    crit_split(S, C, V, distinguished(W, k), al, 64);
    if (S->saddle == BC_TRUE)
        split_line_figure(R, C, S, k);
    crit_split_clear(S);
    fmpq_clear(al);
    arb_mat_clear(V);
    crit_result_clear(C);
    flint_free(W);
}

/* the families of L taken at each k: the nmax most frequent */
static int
family_taken(const mild_families *L, slong f, slong nmax)
{
    slong g, better = 0;
    for (g = 0; g < L->nfam; g++)
        if (g != f && L->fam[g].k == L->fam[f].k &&
            (L->fam[g].count > L->fam[f].count || (L->fam[g].count == L->fam[f].count && g < f)))
            better++;
    return better < nmax;
}

/* the records of the two checks from the results of n families */
static void
image_records(run_t R, check_t cs, check_t cz, const image_result *res, slong n)
{
    slong i, s, bad = 0, und = 0, items = 0, steps = 0, zbad = 0, zund = 0, zsteps = 0;
    const char *first = NULL, *zfirst = NULL;
    for (i = 0; i < n; i++)
    {
        char *key = family_key(res[i].f);
        if (cs != NULL)
        {
            check_field_add(cs, key, "%s", res[i].split_text);
            for (s = 0; s < 3; s++)
            {
                items++;
                bad += res[i].split[s] == BC_FALSE;
                und += res[i].split[s] == BC_UNDECIDED;
            }
            steps += res[i].steps;
            if (first == NULL)
                first = res[i].split_bad;
        }
        if (cz != NULL)
        {
            check_field_add(cz, key, "%s", res[i].zero_text);
            zbad += res[i].zero == BC_FALSE;
            zund += res[i].zero == BC_UNDECIDED;
            zsteps += res[i].zero_step;
            if (zfirst == NULL)
                zfirst = res[i].zero_bad;
        }
        flint_free(key);
    }
    if (cs != NULL)
    {
        check_field_add(cs, "images decided", "%ld of %ld (%ld with a certified descent step)",
                        (long) (items - und), (long) items, (long) steps);
        if (first != NULL)
            check_set_witness(cs, "%s", first);
        else
            check_set_witness(cs, "crit_split at the certified minimum of each family: exact critical point, "
                                  "curvature a^T B_i a / (alpha (1 - alpha)) < 0 along (a, -a)");
        check_count(cs, bad, n == 0 ? 1 : und);
        run_push(R, cs);
    }
    if (cz != NULL)
    {
        check_field_add(cz, "images decided", "%ld of %ld (%ld with a certified descent step)",
                        (long) (n - zund), (long) n, (long) zsteps);
        if (zfirst != NULL)
            check_set_witness(cz, "%s", zfirst);
        else
            check_set_witness(
                cz, "crit_zero: D(v_j) = sum_i f(v_j, w_i) - sum_l f(v_j, v_l) enclosed over the box");
        check_count(cz, zbad, n == 0 ? 1 : zund);
        run_push(R, cz);
    }
}

void
mild_check_images(run_t R, const mild_families *L)
{
    check_t cs, cz;
    image_ctx X;
    mc_tally_t T;
    slong f, n = 0, nmax = run_size_pick(R, (const slong[3]){2, 1000, 1000});
    slong *which = flint_malloc(sizeof(slong) * (L->nfam + 1));
    X.want_split = run_wants(R, "mild.split.saddle");
    X.want_zero = run_wants(R, "mild.zero.descent");
    if (X.want_split)
        run_check(R, cs, "mild.split.saddle");
    if (X.want_zero)
        run_check(R, cz, "mild.zero.descent");
    for (f = 0; f < L->nfam; f++)
        if (family_taken(L, f, nmax))
            which[n++] = f;
    X.L = L;
    X.which = which;
    X.at_global = mild_images_at_global(R);
    X.out = flint_calloc(n + 1, sizeof(image_result));
    if (n > 0)
        run_mc_all(R, T, image_sample, &X, (ulong) n, "mild.E.images");
    image_records(R, X.want_split ? cs : NULL, X.want_zero ? cz : NULL, X.out, n);
    if (n > 0 && X.want_split)
        image_figure(R, L->fam + which[0], X.at_global);
    for (f = 0; f < n; f++)
    {
        flint_free(X.out[f].split_text);
        flint_free(X.out[f].split_bad);
        flint_free(X.out[f].zero_text);
        flint_free(X.out[f].zero_bad);
    }
    flint_free(X.out);
    flint_free(which);
}

/* ------------------------------------------------------------ controls */

static void
control_split_global(run_t R)
{
    check_t c;
    crit_result_t C;
    crit_split_t S;
    arb_mat_t V;
    fmpq_t al;
    truth_t t;
    char *one;
    slong k = 6;
    crit_result_init(C);
    if (mild_control_split_spurious(R))
        certify_k6(C);
    else
    {
        double W[36];
        slong j;
        memset(W, 0, sizeof W);
        for (j = 0; j < k; j++)
            W[j * k + j] = 1.0;
        certify_doubles(C, W, k, k, 1, 0);
    }
    arb_mat_init(V, k, k);
    mild_teacher(V, k);
    fmpq_init(al);
    fmpq_set_si(al, 1, 2);
    crit_split_init(S, k);
    crit_split(S, C, V, 0, al, 64);
    t = decide_split(S);
    run_check(R, c, "mild.control.split_global");
    one = split_str(S);
    check_field_add(c, "split", "%s", one);
    check_field_add(c, "certified point", "%s, global %s, radius %g", crit_kind_str(C->kind),
                    C->global == BC_TRUE ? "yes" : (C->global == BC_FALSE ? "no" : "undecided"), C->radius);
    check_set_witness(c, "k = 6, neuron 1, alpha = 1/2: %s (%s)", one, S->reason);
    flint_free(one);
    check_decide(c, t);
    run_push(R, c);
    crit_split_clear(S);
    crit_result_clear(C);
    arb_mat_clear(V);
    fmpq_clear(al);
}

static void
control_krawczyk_off(run_t R)
{
    check_t c;
    crit_result_t C, D;
    double *W, mv = mild_control_move_zero(R) ? 0.0 : ldexp(1.0, -10);
    truth_t t;
    crit_result_init(C);
    crit_result_init(D);
    certify_k6(C);
    W = flint_malloc(sizeof(double) * 36);
    memcpy(W, C->W, sizeof(double) * 36);
    W[0] += mv;
    certify_doubles(D, W, 6, 6, 0, ldexp(1.0, -30));
    t = D->exists;
    run_check(R, c, "mild.control.krawczyk_off");
    check_field_add(c, "refined k = 6 minimum", "%s, F = %.12g", crit_kind_str(C->kind),
                    arf_get_d(arb_midref(C->F), ARF_RND_NEAR));
    check_field_add(c, "box", "centre moved by %g in entry (1, 1), half-width 2^-30, no refinement", mv);
    check_field_add(c, "Krawczyk", "%s",
                    D->exists == BC_TRUE    ? "a unique critical point"
                    : D->exists == BC_FALSE ? "no critical point"
                                            : "undecided");
    check_set_witness(c, "%s: %s", crit_kind_str(D->kind), D->reason[0] ? D->reason : "-");
    check_decide(c, t);
    run_push(R, c);
    flint_free(W);
    crit_result_clear(C);
    crit_result_clear(D);
}

static void
control_pd_saddle(run_t R)
{
    check_t c;
    crit_result_t C;
    char *lm, *cv;
    crit_result_init(C);
    if (mild_control_saddle_is_minimum(R))
        certify_k6(C);
    else
    {
        /* the symmetric critical point of width 3: rows (-a, b, b) cyclically */
        const double a = 0.3182, b = 0.6595;
        double W[9];
        slong i, j;
        for (i = 0; i < 3; i++)
            for (j = 0; j < 3; j++)
                W[i * 3 + j] = i == j ? -a : b;
        certify_doubles(C, W, 3, 3, 1, 0);
    }
    run_check(R, c, "mild.control.pd_saddle");
    lm = arb_get_str(C->lmin, 10, 0);
    cv = arb_get_str(C->curv, 10, 0);
    check_field_add(c, "kind", "%s (n = %ld)", crit_kind_str(C->kind), (long) C->n);
    check_field_add(c, "lambda_min", "%s", lm);
    check_set_witness(c,
                      "%s at the certified critical point: least eigenvalue in %s, curvature %s along the "
                      "certified direction",
                      crit_kind_str(C->kind), lm, cv);
    check_decide(c, mild_decide_minimum(C));
    run_push(R, c);
    flint_free(lm);
    flint_free(cv);
    crit_result_clear(C);
}

void
mild_check_controls(run_t R)
{
    if (run_wants(R, "mild.control.split_global"))
        control_split_global(R);
    if (run_wants(R, "mild.control.krawczyk_off"))
        control_krawczyk_off(R);
    if (run_wants(R, "mild.control.pd_saddle"))
        control_pd_saddle(R);
}
