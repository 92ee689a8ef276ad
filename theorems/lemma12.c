/* lemma12.c -- Lemmas 1 and 2 (Sec. 4, App. A): the cells of the basin
   partition are basins, and sub-networks never have a lower basin value.

   Every decision is exact over Q (or, for basin values that the engine
   only encloses, by the certified bounds): doubles appear only in the
   projected-gradient descent, whose end point is taken exactly and
   repaired into the closed cone before anything is decided.  See
   lemma12.tex for the mathematics. */
#include <math.h>
#include <stdarg.h>
#include <string.h>

#include <flint/fmpq_vec.h>

#include "csv.h"
#include "ldl.h"
#include "lemma12.h"
#include "rng.h"
#include "shallow.h"

/* dyadic grid of the sampled data and weights: 2^-GRID_BITS */
#define GRID_BITS 4
/* grid of each piece of the App. A.1 path */
#define PATH_GRID 8
/* descent budget and its first chunk (then doubled) */
#define DESCENT_MAXIT 20000
#define DESCENT_FIRST 25

static const check_spec lemma12_specs[] = {
    {"lemma1.convex.hessian", CHECK_EXACT, ST_HOLDS, 0,
     "Hessian (2/m) M^T M of the objective in Z is PSD, exact LDL^T over Q (Lemma 3)"},
    {"lemma1.convex.quadratic", CHECK_EXACT, ST_HOLDS, 0,
     "the basin objective equals its second-order Taylor form with that Hessian, exactly"},
    {"lemma1.convex.reparam", CHECK_EXACT, ST_HOLDS, 0,
     "network loss at (W, v) in the cell equals the objective at z_j = v_j w_j, exactly"},
    {"lemma1.sublevel.rescale", CHECK_EXACT, ST_HOLDS, 0,
     "Lemma 4 rescaling path stays in the closed cell at constant loss and ends at |v| = 1"},
    {"lemma1.sublevel.segment", CHECK_EXACT, ST_HOLDS, 0,
     "straight segment with v = b stays in the cell, loss a convex quadratic, max <= level"},
    {"lemma1.localmin.descent", CHECK_EXACT, ST_HOLDS, 0,
     "projected gradient descent from several starts ends on a face whose exact KKT point has value Bas"},
    {"lemma1.localmin.attained", CHECK_EXACT, ST_HOLDS, 0,
     "the certified minimiser is a point (b z*, b) of the closed cell with network loss Bas"},
    {"lemma2.monotone", CHECK_EXACT, ST_HOLDS, 0,
     "Bas(W, v) <= Bas(w_I, v_I) for random subsets I, decided exactly or by certified bounds"},
    {"lemma2.witness", CHECK_EXACT, ST_HOLDS, 0,
     "sub-optimum padded with zeros lies in the closed full cell with the same objective"},
    {"lemma1.control.union", CHECK_EXACT, ST_FAILS, 1,
     "negative control: objective convex along a segment of the union of two adjacent cells"},
    {"lemma1.control.wv_hessian", CHECK_EXACT, ST_FAILS, 1,
     "negative control: objective convex in the original parameters (W, v) on a cell"},
    {"lemma2.control.boundary", CHECK_EXACT, ST_INAPPLICABLE, 1,
     "negative control: Lemma 2 at points on a basin boundary (hypothesis 'interior' violated)"},
    {"lemma2.control.reversed", CHECK_EXACT, ST_FAILS, 1,
     "negative control: the reversed inequality Bas(w_I, v_I) <= Bas(W, v)"},
};

#define LEMMA12_NSPECS ((slong) (sizeof(lemma12_specs) / sizeof(lemma12_specs[0])))

/* ---------------------------------------------------------- helpers */

static void
check_start(check_t c, const char *id, const char *claim)
{
    module_check_start(c, lemma12_specs, LEMMA12_NSPECS, id, claim);
}

/* exact rational as a short decimal for fields (the exact value is in
   the witness when it matters) */
static double
qd(const fmpq_t x)
{
    return fmpq_get_d(x);
}

static void
qvec_set(fmpq *v, const fmpq *u, slong len)
{
    slong i;
    for (i = 0; i < len; i++)
        fmpq_set(v + i, u + i);
}

/* a dyadic draw: round(2^GRID_BITS N(0, 1)) / 2^GRID_BITS, exact */
static void
draw_dyadic(fmpq_t x, rng_t r)
{
    double u = rng_normal(r);
    bc_fmpq_set_d(x, ldexp(nearbyint(ldexp(u, GRID_BITS)), -GRID_BITS));
}

/* ---------------------------------------------------------- instances */

/* Instance families: small cells on the dyadic grid (most); larger ones;
   decimal data and weights with one or two digits, written as CSV text
   and read by the same exact parser as `basincheck basin` (0.1 is 1/10:
   nothing dyadic about them); and cells whose value is left a certified
   interval (the engine's interval path, no exact face solve), so that
   the checks meet Bas known only by its bounds. */
enum
{
    INST_SMALL = 0,
    INST_LARGE,
    INST_DECIMAL,
    INST_INTERVAL,
    INST_KINDS
};

static const char *const inst_kind_name[INST_KINDS] = {"small dyadic", "larger dyadic", "decimal",
                                                       "interval"};

/* The family of Lemma 1 cell k and of Lemma 2 network k (no intervals:
   Lemma 2 compares two values and needs them sharp). */
static int
kind_lemma1(slong k)
{
    slong c = k % 10;
    return c < 5 ? INST_SMALL : (c < 7 ? INST_DECIMAL : (c < 9 ? INST_LARGE : INST_INTERVAL));
}

static int
kind_lemma2(slong k)
{
    slong c = k % 10;
    return c < 6 ? INST_SMALL : (c < 8 ? INST_DECIMAL : INST_LARGE);
}

typedef struct
{
    slong n, m, d;
    int kind;
    fmpq_mat_t X, W;
    fmpq *y, *v;
    basin_t B;
    basin_result_t R;
    slong redraws; /* networks drawn on a boundary and redrawn */
} inst_struct;

static void
inst_clear(inst_struct *I)
{
    fmpq_mat_clear(I->X);
    fmpq_mat_clear(I->W);
    _fmpq_vec_clear(I->y, I->m);
    _fmpq_vec_clear(I->v, I->n);
    basin_clear(I->B);
    basin_result_clear(I->R);
}

/* Appends to buf (a growing string) the decimal k / 10^digits, e.g.
   "-0.25", from a N(0, 1) draw rounded to that many digits. */
static void
decimal_append(char **buf, size_t *len, size_t *cap, rng_t r, int digits, int last)
{
    long scale = digits == 1 ? 10 : 100, k = (long) nearbyint((double) scale * rng_normal(r)), a = labs(k);
    char tmp[64];
    int w = snprintf(tmp, sizeof tmp, "%s%ld.%0*ld%c", k < 0 ? "-" : "", a / scale, digits, a % scale,
                     last ? '\n' : ',');
    if (*len + (size_t) w + 1 > *cap)
    {
        *cap = 2 * (*cap + (size_t) w + 1);
        *buf = flint_realloc(*buf, *cap);
    }
    memcpy(*buf + *len, tmp, (size_t) w + 1);
    *len += (size_t) w;
}

/* Reads the CSV text buf (rows x cols) into A | last with the exact
   parser; the text is ours, so a failure is a harness bug. */
static void
decimal_parse(fmpq_mat_t A, fmpq *last, const char *buf, size_t len)
{
    csv_table_t T;
    char err[256];
    csv_table_init(T);
    if (csv_read_mem(T, "lemma12 instance", buf, len, err, sizeof err) != 0 || T->rows != fmpq_mat_nrows(A) ||
        T->cols != fmpq_mat_ncols(A) + 1)
    {
        fprintf(stderr, "basincheck: lemma12: internal error reading an instance: %s\n", err);
        flint_abort();
    }
    csv_table_split(A, last, T);
    csv_table_clear(T);
}

/* Draws data (m x d, y) and a network of width n in nmin..nmax of the
   given family whose point is interior to its cell (redrawn otherwise),
   from stream `stream` index idx; computes the certified basin value
   (exact, or for INST_INTERVAL the interval path's bounds). */
static void
inst_draw(inst_struct *I, uint64_t seed, const char *stream, ulong idx, slong nmin, slong nmax, int kind)
{
    rng_t r;
    slong t, i, j;
    int ret, digits = 1;
    char *buf = NULL;
    size_t len = 0, cap = 0;

    rng_init(r, seed, rng_stream_id(stream), idx);
    I->kind = kind;
    I->n = nmin + (slong) rng_below(r, (uint64_t) (nmax - nmin + 1));
    if (kind == INST_LARGE)
    {
        I->d = 4 + (slong) rng_below(r, 3);
        I->m = 8 + (slong) rng_below(r, 5);
    }
    else if (kind == INST_DECIMAL)
    {
        I->d = 2 + (slong) rng_below(r, 3);
        I->m = 2 + (slong) rng_below(r, 7);
        digits = 1 + (int) rng_below(r, 2);
    }
    else
    {
        I->d = 2 + (slong) rng_below(r, 3);
        I->m = 2 + (slong) rng_below(r, 5);
    }
    fmpq_mat_init(I->X, I->m, I->d);
    fmpq_mat_init(I->W, I->n, I->d);
    I->y = _fmpq_vec_init(I->m);
    I->v = _fmpq_vec_init(I->n);
    basin_init(I->B);
    basin_result_init(I->R);
    I->redraws = 0;
    if (kind == INST_DECIMAL)
    {
        /* the data as CSV text, read exactly; a zero x_t is redrawn (it
           puts every network on a boundary) */
        for (;;)
        {
            int zero = 0;
            len = 0;
            for (t = 0; t < I->m; t++)
                for (i = 0; i <= I->d; i++)
                    decimal_append(&buf, &len, &cap, r, digits, i == I->d);
            decimal_parse(I->X, I->y, buf, len);
            for (t = 0; t < I->m; t++)
            {
                int z = 1;
                for (i = 0; i < I->d; i++)
                    z &= fmpq_is_zero(fmpq_mat_entry(I->X, t, i));
                zero |= z;
            }
            if (!zero)
                break;
        }
    }
    else
        for (t = 0; t < I->m; t++)
        {
            do
            {
                for (i = 0; i < I->d; i++)
                    draw_dyadic(fmpq_mat_entry(I->X, t, i), r);
            } while (fmpq_is_zero(fmpq_mat_entry(I->X, t, 0)) && fmpq_is_zero(fmpq_mat_entry(I->X, t, 1)));
            draw_dyadic(I->y + t, r);
        }
    for (;;)
    {
        if (kind == INST_DECIMAL)
        {
            len = 0;
            for (j = 0; j < I->n; j++)
                for (i = 0; i <= I->d; i++)
                    decimal_append(&buf, &len, &cap, r, digits, i == I->d);
            decimal_parse(I->W, I->v, buf, len);
        }
        else
            for (j = 0; j < I->n; j++)
            {
                for (i = 0; i < I->d; i++)
                    draw_dyadic(fmpq_mat_entry(I->W, j, i), r);
                draw_dyadic(I->v + j, r);
            }
        ret = basin_pattern(I->B, I->X, I->y, I->W, I->v, I->n, NULL, NULL);
        if (ret == BASIN_OK)
            break;
        I->redraws++;
    }
    flint_free(buf);
    if (kind == INST_INTERVAL)
        basin_value_rounds(I->R, I->B, 64, 0);
    else
        basin_value(I->R, I->B, 64);
}

/* the per-size counts */
typedef struct
{
    slong basins;   /* Lemma 1 cells */
    slong taylor;   /* random (z, u) pairs per cell */
    slong starts;   /* descent starts per cell */
    slong nets2;    /* Lemma 2 networks */
    slong subsets;  /* subsets per Lemma 2 network */
    slong controls; /* instances per control */
} lemma12_size;

static void
size_params(lemma12_size *z, run_size size)
{
    if (size == SIZE_QUICK)
    {
        z->basins = 40;
        z->taylor = 2;
        z->starts = 3;
        z->nets2 = 40;
        z->subsets = 2;
        z->controls = 10;
    }
    else if (size == SIZE_FULL)
    {
        z->basins = 3000;
        z->taylor = 4;
        z->starts = 4;
        z->nets2 = 3000;
        z->subsets = 4;
        z->controls = 200;
    }
    else
    {
        z->basins = 400;
        z->taylor = 3;
        z->starts = 3;
        z->nets2 = 400;
        z->subsets = 3;
        z->controls = 40;
    }
}

/* -------------------------------------------- Lemma 1: convexity in Z */

static void
run_convex(checklist_t L, inst_struct *I, slong N, const lemma12_size *sz, const run_opts *opts)
{
    check_t ch, cq, cr;
    slong k, q, i, t, j, psd = 0, rankdef = 0, taylor_ok = 0, taylor = 0, rep_ok = 0, rep = 0, same = 0,
                         nostep = 0, hmax = 0;
    double minpiv = -1.0, t0 = bc_seconds(), tq = 0.0, tr = 0.0;
    char *first_bad = NULL;

    for (k = 0; k < N; k++)
    {
        basin_struct *B = I[k].B;
        slong nd = B->n * B->d;
        fmpq_mat_t H, HM, M;
        fmpq *z0 = _fmpq_vec_init(nd);
        fmpq_t h;
        ldl_t info;
        double s;

        fmpq_mat_init(H, 0, 0);
        fmpq_mat_init(HM, 0, 0);
        fmpq_mat_init(M, 0, 0);
        fmpq_init(h);
        ldl_init(info);
        /* the Hessian of the network's own loss in Z, by exact second
           differences around the network's point, with steps that stay in
           the open cell; only then compared with the closed form
           (2/m) M^T M and tested PSD */
        shallow_z_of(z0, I[k].W, I[k].v);
        if (!lemma12_diff_step(h, B, z0))
        {
            nostep++;
            if (first_bad == NULL)
                first_bad = bc_aprintf("cell %ld: the network's point is not interior", (long) k);
            shallow_hessian(H, B); /* for the Taylor check below */
        }
        else
        {
            slong e = (slong) fmpz_bits(fmpq_denref(h)) - 1;
            hmax = FLINT_MAX(hmax, e);
            lemma12_hessian_diff(H, B, z0, NULL, nd, h);
            shallow_hessian(HM, B);
            if (fmpq_mat_equal(H, HM))
                same++;
            else if (first_bad == NULL)
                first_bad = bc_aprintf("cell %ld: second differences differ from (2/m) M^T M", (long) k);
            if (ldl_psd(info, H))
            {
                psd++;
                if (info->rank < nd)
                    rankdef++;
                if (info->rank > 0 && (minpiv < 0.0 || qd(info->minpiv) < minpiv))
                    minpiv = qd(info->minpiv);
            }
            else if (first_bad == NULL)
                first_bad =
                    bc_aprintf("cell %ld: reason %d at step %ld", (long) k, info->reason, (long) info->step);
        }

        /* f(z + u) = f(z) + g.u + u^T H u / 2 with g = (2/m) M^T (M z - y):
           the objective the engine minimises is the quadratic whose
           Hessian was just tested */
        s = bc_seconds();
        shallow_design(M, B);
        {
            rng_t r;
            fmpq *z = _fmpq_vec_init(nd), *u = _fmpq_vec_init(nd), *zu = _fmpq_vec_init(nd);
            fmpq *e = _fmpq_vec_init(B->m);
            fmpq_t f0, f1, g, h, c;
            fmpq_init(f0);
            fmpq_init(f1);
            fmpq_init(g);
            fmpq_init(h);
            fmpq_init(c);
            rng_init(r, opts->seed, rng_stream_id("lemma12/taylor"), (ulong) k);
            for (q = 0; q < sz->taylor; q++)
            {
                for (i = 0; i < nd; i++)
                {
                    draw_dyadic(z + i, r);
                    draw_dyadic(u + i, r);
                    fmpq_add(zu + i, z + i, u + i);
                }
                basin_objective(f0, B, z);
                basin_objective(f1, B, zu);
                /* g.u = (2/m) (M z - y).(M u); u^T H u / 2 = |M u|^2 / m */
                fmpq_zero(g);
                fmpq_zero(h);
                for (t = 0; t < B->m; t++)
                {
                    fmpq_t a, b;
                    fmpq_init(a);
                    fmpq_init(b);
                    for (j = 0; j < nd; j++)
                    {
                        fmpq_addmul(a, fmpq_mat_entry(M, t, j), z + j);
                        fmpq_addmul(b, fmpq_mat_entry(M, t, j), u + j);
                    }
                    fmpq_sub(a, a, B->y + t);
                    fmpq_mul_si(a, a, 2);
                    fmpq_addmul(g, a, b);
                    fmpq_addmul(h, b, b);
                    fmpq_clear(a);
                    fmpq_clear(b);
                }
                fmpq_add(c, g, h);
                fmpq_set_si(g, 1, B->m);
                fmpq_mul(c, c, g);
                fmpq_add(c, c, f0);
                /* and the quadratic form of the tested H itself */
                fmpq_zero(h);
                for (i = 0; i < nd; i++)
                    for (j = 0; j < nd; j++)
                    {
                        fmpq_mul(g, u + i, u + j);
                        fmpq_addmul(h, g, fmpq_mat_entry(H, i, j));
                    }
                fmpq_zero(g);
                for (t = 0; t < B->m; t++)
                {
                    fmpq_t b;
                    fmpq_init(b);
                    for (j = 0; j < nd; j++)
                        fmpq_addmul(b, fmpq_mat_entry(M, t, j), u + j);
                    fmpq_addmul(g, b, b);
                    fmpq_clear(b);
                }
                fmpq_mul_si(g, g, 2);
                {
                    fmpq_t mm;
                    fmpq_init(mm);
                    fmpq_set_si(mm, 1, B->m);
                    fmpq_mul(g, g, mm);
                    fmpq_clear(mm);
                }
                taylor++;
                if (fmpq_equal(c, f1) && fmpq_equal(g, h))
                    taylor_ok++;
            }
            _fmpq_vec_clear(z, nd);
            _fmpq_vec_clear(u, nd);
            _fmpq_vec_clear(zu, nd);
            _fmpq_vec_clear(e, B->m);
            fmpq_clear(f0);
            fmpq_clear(f1);
            fmpq_clear(g);
            fmpq_clear(h);
            fmpq_clear(c);
        }
        tq += bc_seconds() - s;

        /* Lemma 3's change of variables: at (W, v) and at per-neuron
           positive rescalings (which keep the cell), the network's loss
           with ReLUs equals f(z) */
        s = bc_seconds();
        {
            rng_t r;
            fmpq_mat_t W2;
            fmpq *v2 = _fmpq_vec_init(B->n), *z = _fmpq_vec_init(nd);
            fmpq_t a, Ln, Lz;
            fmpq_init(a);
            fmpq_init(Ln);
            fmpq_init(Lz);
            fmpq_mat_init(W2, B->n, B->d);
            rng_init(r, opts->seed, rng_stream_id("lemma12/reparam"), (ulong) k);
            for (q = 0; q < 3; q++)
            {
                for (j = 0; j < B->n; j++)
                {
                    /* a = (1 + u) / 2^s, u in 0..7, s in 0..3 (q = 0: a = 1) */
                    fmpq_set_si(a, q == 0 ? 1 : 1 + (slong) rng_below(r, 8),
                                (ulong) 1 << (q == 0 ? 0 : rng_below(r, 4)));
                    for (i = 0; i < B->d; i++)
                        fmpq_mul(fmpq_mat_entry(W2, j, i), fmpq_mat_entry(I[k].W, j, i), a);
                    fmpq_set_si(a, q == 0 ? 1 : 1 + (slong) rng_below(r, 8), 4);
                    fmpq_mul(v2 + j, I[k].v + j, a);
                }
                shallow_net_loss(Ln, B->X, B->y, W2, v2);
                shallow_z_of(z, W2, v2);
                basin_objective(Lz, B, z);
                rep++;
                if (fmpq_equal(Ln, Lz) && shallow_in_closed_cell(B, W2, v2))
                    rep_ok++;
            }
            fmpq_mat_clear(W2);
            _fmpq_vec_clear(v2, B->n);
            _fmpq_vec_clear(z, nd);
            fmpq_clear(a);
            fmpq_clear(Ln);
            fmpq_clear(Lz);
        }
        tr += bc_seconds() - s;

        ldl_clear(info);
        fmpq_mat_clear(H);
        fmpq_mat_clear(HM);
        fmpq_mat_clear(M);
        _fmpq_vec_clear(z0, nd);
        fmpq_clear(h);
    }

    check_start(ch, "lemma1.convex.hessian", "Lemma 1");
    ch->statement = bc_aprintf(
        "For every sampled cell $B_S^{A,\\mathbf b}$ the network's loss, as a function of "
        "$Z=(\\mathbf z_j)_j$, $\\mathbf z_j=v_j\\mathbf w_j$, has a positive semidefinite Hessian "
        "(Lemma 3, App.~A). The Hessian is built from the loss itself, evaluated with its ReLUs: exact "
        "second differences $(L(Z+he_a+he_c)-L(Z+he_a)-L(Z+he_c)+L(Z))/h^2$ at the network's point, with "
        "a power of two $h$ that keeps every point in the open cell (where the loss is a quadratic, so the "
        "differences are its Hessian exactly); it is then shown equal to the closed form "
        "$\\tfrac2m M^\\top M$ ($M_{t,(j,i)}=[a_{j,t}=+1]\\,x_{t,i}$) and positive semidefinite by an "
        "exact $LDL^\\top$ over $\\mathbb Q$ with diagonal pivoting (%ld cells). The negative control "
        "\\texttt{lemma1.control.union} runs the same construction across two cells and fails.",
        (long) N);
    ch->status = psd == N && same == N ? ST_HOLDS : (nostep > 0 ? ST_UNDECIDED : ST_FAILS);
    check_field_add(ch, "instances", "%ld", (long) N);
    check_field_add(ch, "second differences = (2/m) M^T M (exact)", "%ld", (long) same);
    check_field_add(ch, "smallest step h", "2^-%ld", (long) hmax);
    check_field_add(ch, "PSD (exact)", "%ld", (long) psd);
    check_field_add(ch, "rank-deficient (zero pivots met)", "%ld", (long) rankdef);
    check_field_add(ch, "smallest positive pivot", "%.6g", minpiv);
    if (first_bad != NULL)
        check_add_note(ch, "First indefinite Hessian: %s.", first_bad);
    check_set_witness(ch, "seed %llu, cells from stream lemma12/basin, indices 0..%ld",
                      (unsigned long long) opts->seed, (long) (N - 1));
    ch->seconds = bc_seconds() - t0 - tq - tr;
    checklist_push(L, ch);
    check_clear(ch);

    check_start(cq, "lemma1.convex.quadratic", "Lemma 1");
    cq->statement = bc_aprintf(
        "The objective minimised over each cell is exactly the quadratic with the Hessian tested in "
        "\\texttt{lemma1.convex.hessian}: $f(Z+U)=f(Z)+\\nabla f(Z)\\cdot U+\\tfrac12 U^\\top\\nabla^2f\\,U$ "
        "and $U^\\top\\nabla^2 f\\,U=\\tfrac2m|MU|^2$, exactly, on %ld random dyadic pairs $(Z,U)$.",
        (long) taylor);
    cq->status = taylor_ok == taylor ? ST_HOLDS : ST_FAILS;
    check_field_add(cq, "instances", "%ld cells", (long) N);
    check_field_add(cq, "pairs", "%ld", (long) taylor);
    check_field_add(cq, "exact identities", "%ld", (long) taylor_ok);
    check_set_witness(cq, "seed %llu, stream lemma12/taylor, index = cell index",
                      (unsigned long long) opts->seed);
    cq->seconds = tq;
    checklist_push(L, cq);
    check_clear(cq);

    check_start(cr, "lemma1.convex.reparam", "Lemma 1");
    cr->statement = bc_aprintf(
        "Inside a cell the ReLUs are fixed: the network's loss $L_S(W,\\mathbf v)$, evaluated with the "
        "ReLUs, equals $f(Z)$ at $\\mathbf z_j=v_j\\mathbf w_j$ (the change of variables of Lemma 3), "
        "exactly, at the sampled network and at per-neuron positive rescalings of it (%ld points, which "
        "stay in the cell).",
        (long) rep);
    cr->status = rep_ok == rep ? ST_HOLDS : ST_FAILS;
    check_field_add(cr, "instances", "%ld cells", (long) N);
    check_field_add(cr, "points", "%ld", (long) rep);
    check_field_add(cr, "exact equalities", "%ld", (long) rep_ok);
    check_set_witness(cr, "seed %llu, stream lemma12/reparam, index = cell index",
                      (unsigned long long) opts->seed);
    cr->seconds = tr;
    checklist_push(L, cr);
    check_clear(cr);
    flint_free(first_bad);
}

/* -------------------------------------- Lemma 1: connected sublevels */

/* (W, v) with z_j = v_j w_j for a given z: v_j = b_j q_j, w_j = z_j / v_j */
static void
point_of_z(fmpq_mat_t W, fmpq *v, const basin_t B, const fmpq *z, rng_t r)
{
    slong j, i;
    for (j = 0; j < B->n; j++)
    {
        fmpq_set_si(v + j, B->b[j] * (1 + (slong) rng_below(r, 12)), 4);
        for (i = 0; i < B->d; i++)
            fmpq_div(fmpq_mat_entry(W, j, i), z + j * B->d + i, v + j);
    }
}

/* a second strictly interior z: per-neuron positive scaling of z0 plus a
   dyadic perturbation, halved until strictly interior (0 in the end) */
static void
other_interior(fmpq *z2, const basin_t B, const fmpq *z0, rng_t r)
{
    slong nd = B->n * B->d, i, j, t, tries;
    fmpq *p = _fmpq_vec_init(nd);
    fmpq_t s, c;
    fmpq_init(s);
    fmpq_init(c);
    for (i = 0; i < nd; i++)
        draw_dyadic(p + i, r);
    for (j = 0; j < B->n; j++)
    {
        fmpq_set_si(s, 1 + (slong) rng_below(r, 8), 4);
        for (i = 0; i < B->d; i++)
            fmpq_mul(z2 + j * B->d + i, z0 + j * B->d + i, s);
    }
    for (tries = 0; tries < 40; tries++)
    {
        int ok = 1;
        fmpq *w = _fmpq_vec_init(nd);
        for (i = 0; i < nd; i++)
            fmpq_add(w + i, z2 + i, p + i);
        for (j = 0; j < B->n && ok; j++)
            for (t = 0; t < B->m && ok; t++)
            {
                fmpq_zero(c);
                for (i = 0; i < B->d; i++)
                    fmpq_addmul(c, w + j * B->d + i, fmpq_mat_entry(B->X, t, i));
                if (fmpq_sgn(c) * B->a[j * B->m + t] * B->b[j] <= 0)
                    ok = 0;
            }
        if (ok)
        {
            for (i = 0; i < nd; i++)
                fmpq_set(z2 + i, w + i);
            _fmpq_vec_clear(w, nd);
            break;
        }
        _fmpq_vec_clear(w, nd);
        for (i = 0; i < nd; i++)
            fmpq_div_2exp(p + i, p + i, 1);
    }
    _fmpq_vec_clear(p, nd);
    fmpq_clear(s);
    fmpq_clear(c);
}

static void
run_sublevel(checklist_t L, inst_struct *I, slong N, const run_opts *opts)
{
    check_t cr, cs;
    slong k, pair, pairs = 0, points = 0, ok_res = 0, ok_seg = 0, flat = 0;
    double t0 = bc_seconds(), minmargin = -1.0;
    char *bad = NULL;

    for (k = 0; k < N; k++)
    {
        basin_struct *B = I[k].B;
        slong nd = B->n * B->d;
        rng_t r;
        fmpq *z0 = _fmpq_vec_init(nd), *z2 = _fmpq_vec_init(nd), *v1 = _fmpq_vec_init(B->n),
             *v2 = _fmpq_vec_init(B->n);
        fmpq_mat_t W1, W2;
        fmpq_t f1, f2, alpha;

        fmpq_mat_init(W1, B->n, B->d);
        fmpq_mat_init(W2, B->n, B->d);
        fmpq_init(f1);
        fmpq_init(f2);
        fmpq_init(alpha);
        rng_init(r, opts->seed, rng_stream_id("lemma12/sublevel"), (ulong) k);
        shallow_z_of(z0, I[k].W, I[k].v);
        for (pair = 0; pair < 2; pair++)
        {
            lemma12_path_t P;
            /* pair 0: the network and the certified minimiser (often on the
               cell's boundary); pair 1: the network and another interior
               point; both second points get random |v_j| */
            if (pair == 0)
                point_of_z(W2, v2, B, I[k].R->z, r);
            else
            {
                other_interior(z2, B, z0, r);
                point_of_z(W2, v2, B, z2, r);
            }
            fmpq_mat_set(W1, I[k].W);
            qvec_set(v1, I[k].v, B->n);
            shallow_net_loss(f1, B->X, B->y, W1, v1);
            shallow_net_loss(f2, B->X, B->y, W2, v2);
            /* the tightest level containing both points */
            fmpq_set(alpha, fmpq_cmp(f1, f2) >= 0 ? f1 : f2);
            lemma12_path_init(P);
            lemma12_check_path(P, B, W1, v1, W2, v2, alpha, PATH_GRID);
            pairs++;
            points += P->points;
            if (P->ok_cell && P->ok_constant && P->ok_unit)
                ok_res++;
            else if (bad == NULL)
                bad = bc_aprintf("cell %ld pair %ld: rescaling (cell %d, constant %d, unit %d)", (long) k,
                                 (long) pair, P->ok_cell, P->ok_constant, P->ok_unit);
            if (P->ok_joined && P->ok_cell_seg && P->ok_quadratic && P->ok_convex && P->ok_level)
                ok_seg++;
            else if (bad == NULL)
                bad = bc_aprintf(
                    "cell %ld pair %ld: segment (joined %d, cell %d, quadratic %d, convex %d, level %d)",
                    (long) k, (long) pair, P->ok_joined, P->ok_cell_seg, P->ok_quadratic, P->ok_convex,
                    P->ok_level);
            if (fmpq_is_zero(P->A))
                flat++;
            if (minmargin < 0.0 || qd(P->margin) < minmargin)
                minmargin = qd(P->margin);
            lemma12_path_clear(P);
        }
        fmpq_mat_clear(W1);
        fmpq_mat_clear(W2);
        _fmpq_vec_clear(z0, nd);
        _fmpq_vec_clear(z2, nd);
        _fmpq_vec_clear(v1, B->n);
        _fmpq_vec_clear(v2, B->n);
        fmpq_clear(f1);
        fmpq_clear(f2);
        fmpq_clear(alpha);
    }

    check_start(cr, "lemma1.sublevel.rescale", "Lemma 1");
    cr->statement = bc_aprintf(
        "Lemma 4 (App.~A): for $(W,\\mathbf v)$ in a closed cell with all $v_j\\ne0$, the path "
        "$\\mathbf w_j^{(\\lambda)}=\\alpha_j\\mathbf w_j$, $v_j^{(\\lambda)}=v_j/\\alpha_j$, "
        "$\\alpha_j=1-\\lambda+\\lambda|v_j|$, stays in the closed cell, keeps $v_j\\mathbf w_j$ and hence "
        "the loss constant, and ends at $\\mathbf v=\\mathbf b$; checked exactly at $\\lambda=k/%d$ for both "
        "end points of %ld pairs.",
        PATH_GRID, (long) pairs);
    cr->status = ok_res == pairs ? ST_HOLDS : ST_FAILS;
    check_field_add(cr, "instances", "%ld cells", (long) N);
    check_field_add(cr, "pairs", "%ld", (long) pairs);
    check_field_add(cr, "pairs passed", "%ld", (long) ok_res);
    check_field_add(cr, "grid", "%d + 1 points per piece", PATH_GRID);
    if (bad != NULL)
        check_add_note(cr, "First failure: %s.", bad);
    check_set_witness(cr,
                      "seed %llu, cells stream lemma12/basin, second points stream lemma12/sublevel, "
                      "index = cell index",
                      (unsigned long long) opts->seed);
    cr->seconds = (bc_seconds() - t0) / 2;
    checklist_push(L, cr);
    check_clear(cr);

    check_start(cs, "lemma1.sublevel.segment", "Lemma 1");
    cs->statement = bc_aprintf(
        "Connected sublevel sets (App.~A.1): after the rescalings, the segment "
        "$W^{(\\mu)}=(1-\\mu)W_1+\\mu W_2$ with $\\mathbf v=\\mathbf b$ stays in the closed cell (exact "
        "signs at $\\mu=k/%d$), its loss equals the quadratic $A\\mu^2+B\\mu+C$ computed from the end "
        "predictions at every grid point, $A\\ge0$, so its maximum is at an end point and is at most the "
        "level $\\alpha=\\max(L_S(W_1,\\mathbf v_1),L_S(W_2,\\mathbf v_2))$; %ld pairs (one end point the "
        "certified minimiser, often on the cell boundary).",
        PATH_GRID, (long) pairs);
    cs->status = ok_seg == pairs ? ST_HOLDS : ST_FAILS;
    check_field_add(cs, "pairs", "%ld", (long) pairs);
    check_field_add(cs, "pairs passed", "%ld", (long) ok_seg);
    check_field_add(cs, "path points checked", "%ld", (long) points);
    check_field_add(cs, "segments with A = 0 (flat)", "%ld", (long) flat);
    check_field_add(cs, "worst margin alpha - max", "%.6g", minmargin);
    if (bad != NULL)
        check_add_note(cs, "First failure: %s.", bad);
    check_set_witness(cs, "seed %llu, streams lemma12/basin and lemma12/sublevel, index = cell index",
                      (unsigned long long) opts->seed);
    check_add_note(cs, "The level is the larger end value, so the worst margin is 0 by construction: the "
                       "check is that nothing on the path exceeds it.");
    cs->seconds = (bc_seconds() - t0) / 2;
    checklist_push(L, cs);
    check_clear(cs);
    flint_free(bad);
}

/* ------------------------------------- Lemma 1: local minima global */

static int
cmp_slong(const void *a, const void *b)
{
    slong x = *(const slong *) a, y = *(const slong *) b;
    return (x > y) - (x < y);
}

static void
run_localmin(checklist_t L, inst_struct *I, slong N, const lemma12_size *sz, const run_opts *opts)
{
    static const double kkt_tol[] = {1e-9, 1e-6};
    check_t cd, ca;
    slong k, s, i, j, starts = 0, cert = 0, cert_exact = 0, cert_interval = 0, mismatch = 0, uncert = 0,
                      below = 0, infeas = 0, no_cert_needed = 0, attempts = 0, attained = 0, exact = 0,
                      nit = 0;
    slong *iters = flint_malloc(sizeof(slong) * (size_t) FLINT_MAX(N * sz->starts, 1));
    double t0 = bc_seconds(), ta;
    char *bad = NULL, *undec = NULL;

    for (k = 0; k < N; k++)
    {
        basin_struct *B = I[k].B;
        basin_result_struct *R = I[k].R;
        slong nd = B->n * B->d;
        rng_t r;
        fmpq *z0 = _fmpq_vec_init(nd), *ze = _fmpq_vec_init(nd);
        double *zs = flint_malloc(sizeof(double) * (size_t) nd),
               *zd = flint_malloc(sizeof(double) * (size_t) nd);
        fmpq_t fe;
        lemma12_kkt_t K;

        fmpq_init(fe);
        lemma12_kkt_init(K, B);
        rng_init(r, opts->seed, rng_stream_id("lemma12/descent"), (ulong) k);
        shallow_z_of(z0, I[k].W, I[k].v);
        for (s = 0; s < sz->starts; s++)
        {
            slong total = 0, chunk = DESCENT_FIRST, it;
            int ok = 0, q;
            /* start s = 0: the network's own z; then per-neuron positive
               rescalings by 2^u, u in -3..3 (they stay in the open cell) */
            for (j = 0; j < B->n; j++)
            {
                int u = s == 0 ? 0 : (int) rng_below(r, 7) - 3;
                for (i = 0; i < B->d; i++)
                    zs[j * B->d + i] = ldexp(fmpq_get_d(z0 + j * B->d + i), u);
            }
            starts++;
            /* descend in doubling chunks; after each, try to certify the
               end point's face exactly (KKT), and stop at the first
               certificate */
            while (!ok && total < DESCENT_MAXIT)
            {
                it = lemma12_descent_d(zd, B, zs, FLINT_MIN(chunk, DESCENT_MAXIT - total));
                total += it;
                for (q = 0; q < 2 && !ok; q++)
                {
                    attempts++;
                    ok = lemma12_kkt(K, B, zd, kkt_tol[q]);
                }
                memcpy(zs, zd, sizeof(double) * (size_t) nd);
                if (it < chunk && !ok)
                    break; /* the descent stopped moving: more would not help */
                chunk *= 2;
            }
            iters[nit++] = total;
            /* the float end point itself, taken exactly and moved into the
               closed cone towards the network's point: never below the
               certified lower bound (else a harness bug); exactly optimal
               only by luck (then no certificate is needed) */
            for (i = 0; i < nd; i++)
                bc_fmpq_set_d(ze + i, zd[i]);
            if (!basin_repair(ze, B, z0) || !basin_is_feasible(B, ze, NULL, NULL))
                infeas++;
            else
            {
                basin_objective(fe, B, ze);
                if (fmpq_cmp(fe, R->lower) < 0)
                {
                    below++;
                    if (bad == NULL)
                        bad = bc_aprintf("cell %ld start %ld: the repaired end point is below the certified "
                                         "lower bound",
                                         (long) k, (long) s);
                }
                else if (R->is_exact && fmpq_equal(fe, R->exact))
                    no_cert_needed++;
            }
            if (!ok)
            {
                uncert++;
                if (undec == NULL)
                    undec = bc_aprintf(
                        "cell %ld (%s, n = %ld, d = %ld, m = %ld) start %ld: no exact KKT "
                        "certificate after %ld iterations (last attempt: %s)",
                        (long) k, inst_kind_name[I[k].kind], (long) B->n, (long) B->d, (long) B->m, (long) s,
                        (long) total,
                        K->reason == LEMMA12_KKT_INFEASIBLE
                            ? "the face's solution violates a constraint"
                            : (K->reason == LEMMA12_KKT_NEGATIVE ? "a negative multiplier" : "no solution"));
                continue;
            }
            cert++;
            /* a certified minimiser: its value is Bas, which the engine
               certified independently */
            if (R->is_exact ? fmpq_equal(K->value, R->exact)
                            : fmpq_cmp(K->value, R->lower) >= 0 && fmpq_cmp(K->value, R->upper) <= 0)
            {
                if (R->is_exact)
                    cert_exact++;
                else
                    cert_interval++;
            }
            else
            {
                mismatch++;
                if (bad == NULL)
                    bad = bc_aprintf("cell %ld start %ld: a KKT point of value %.17g, the engine's Bas in "
                                     "[%.17g, %.17g]",
                                     (long) k, (long) s, qd(K->value), qd(R->lower), qd(R->upper));
            }
        }
        flint_free(zs);
        flint_free(zd);
        _fmpq_vec_clear(z0, nd);
        _fmpq_vec_clear(ze, nd);
        fmpq_clear(fe);
        lemma12_kkt_clear(K);
    }
    qsort(iters, (size_t) nit, sizeof(slong), cmp_slong);

    check_start(cd, "lemma1.localmin.descent", "Lemma 1");
    cd->statement = bc_aprintf(
        "Every local minimum in a cell is global (App.~A.1): projected (FISTA) gradient descent on $Z$ "
        "over the cone, from %ld starts per cell in the open cell, ends at a point whose face is certified "
        "exactly: the constraints tight at the end point are held with equality, the face's KKT system "
        "$M^\\top(MZ-\\mathbf y)=C_A^\\top\\boldsymbol\\mu$, $C_AZ=0$ is solved over $\\mathbb Q$, and "
        "primal feasibility, $\\boldsymbol\\mu\\ge0$ and stationarity are checked exactly (independently "
        "of the basin engine). Such a point is a minimiser of the convex programme, so its exact value "
        "must equal the engine's certified $\\mathrm{Bas}$ (or lie in its certified interval); %ld starts "
        "in %ld cells.",
        (long) sz->starts, (long) starts, (long) N);
    if (mismatch > 0 || below > 0)
        cd->status = ST_FAILS;
    else if (cert == starts)
        cd->status = ST_HOLDS;
    else
        cd->status = ST_UNDECIDED;
    check_field_add(cd, "starts", "%ld", (long) starts);
    check_field_add(cd, "certified by an exact KKT certificate", "%ld", (long) cert);
    check_field_add(cd, "certified value = exact Bas", "%ld", (long) cert_exact);
    check_field_add(cd, "certified value inside the certified interval", "%ld", (long) cert_interval);
    check_field_add(cd, "certified value differs from Bas", "%ld", (long) mismatch);
    check_field_add(cd, "no certificate within the budget", "%ld", (long) uncert);
    check_field_add(cd, "end point already exactly optimal", "%ld (the others needed the certificate)",
                    (long) no_cert_needed);
    check_field_add(cd, "repaired end point below the lower bound (harness bug)", "%ld", (long) below);
    check_field_add(cd, "end point not repairable into K", "%ld", (long) infeas);
    check_field_add(cd, "descent iterations (median, max)", "%ld, %ld of %d",
                    (long) (nit ? iters[nit / 2] : 0), (long) (nit ? iters[nit - 1] : 0), DESCENT_MAXIT);
    check_field_add(cd, "KKT attempts", "%ld", (long) attempts);
    if (bad != NULL)
        check_add_note(cd, "%s.", bad);
    if (undec != NULL)
        check_add_note(cd, "First uncertified start: %s.", undec);
    check_add_note(cd,
                   "Doubles only propose the end point and its tight constraints; the certificate and "
                   "every comparison are exact. The descent runs in chunks of %d, %d, ... iterations "
                   "and stops at the first certified end point.",
                   DESCENT_FIRST, 2 * DESCENT_FIRST);
    check_set_witness(cd, "seed %llu, stream lemma12/descent, index = cell index",
                      (unsigned long long) opts->seed);
    cd->seconds = bc_seconds() - t0;
    checklist_push(L, cd);
    check_clear(cd);
    flint_free(iters);
    flint_free(undec);

    ta = bc_seconds();
    for (k = 0; k < N; k++)
    {
        basin_struct *B = I[k].B;
        basin_result_struct *R = I[k].R;
        fmpq_mat_t W;
        fmpq *v = _fmpq_vec_init(B->n);
        fmpq_t Ln;
        fmpq_mat_init(W, B->n, B->d);
        fmpq_init(Ln);
        /* the point (w_j = b_j z*_j, v_j = b_j) of the closed cell */
        lemma12_net_of_z(W, v, B, R->z);
        shallow_net_loss(Ln, B->X, B->y, W, v);
        if (R->certified && shallow_in_closed_cell(B, W, v) && fmpq_equal(Ln, R->upper))
            attained++;
        if (R->is_exact)
            exact++;
        fmpq_mat_clear(W);
        _fmpq_vec_clear(v, B->n);
        fmpq_clear(Ln);
    }
    check_start(ca, "lemma1.localmin.attained", "Lemma 1");
    ca->statement = bc_aprintf(
        "$\\mathrm{Bas}(B)=\\min_{B}L_S$ is attained in the closed cell: the engine's certified point "
        "$Z^*$ gives the parameters $\\mathbf w_j=b_j\\mathbf z^*_j$, $v_j=b_j$, which lie in the closed "
        "cell (exact signs) and whose network loss, with ReLUs, equals the certified upper bound "
        "(which is $\\mathrm{Bas}$ itself when the value is exact); %ld cells.",
        (long) N);
    ca->status = attained == N ? ST_HOLDS : ST_FAILS;
    check_field_add(ca, "instances", "%ld", (long) N);
    check_field_add(ca, "attained", "%ld", (long) attained);
    check_field_add(ca, "exact basin values", "%ld", (long) exact);
    check_set_witness(ca, "seed %llu, stream lemma12/basin", (unsigned long long) opts->seed);
    ca->seconds = bc_seconds() - ta;
    checklist_push(L, ca);
    check_clear(ca);
    flint_free(bad);
}

/* ------------------------------------------------------- controls 1 */

/* The union of two cells differing in the sign a_{j0,t0}: three
   collinear points W-, W', W+ with W' on the shared face and
   f(W') > (f(W-) + f(W+)) / 2, found exactly.  The target y_t0 is set
   so that the residual at the face is -v_j0, which makes the ReLU's kink
   concave: the jump of the slope is (2/m) r v_j0 |x_t0|^2 < 0. */
static int
union_witness(inst_struct *I, slong *hexp, char **desc)
{
    slong n = I->n, m = I->m, d = I->d, j0, t0, t, i, e;
    int found = 0;
    fmpq_mat_t Wc, Wm, Wp;
    fmpq *y2 = _fmpq_vec_init(m), *p = _fmpq_vec_init(m);
    fmpq_t c, xx, h, f0, fm, fp;

    fmpq_mat_init(Wc, n, d);
    fmpq_mat_init(Wm, n, d);
    fmpq_mat_init(Wp, n, d);
    fmpq_init(c);
    fmpq_init(xx);
    fmpq_init(h);
    fmpq_init(f0);
    fmpq_init(fm);
    fmpq_init(fp);
    for (j0 = 0; j0 < n && !found; j0++)
        for (t0 = 0; t0 < m && !found; t0++)
        {
            int ok = 1;
            basin_t Bm, Bp;
            /* W' = W with w_j0 projected onto x_t0^perp */
            fmpq_mat_set(Wc, I->W);
            fmpq_zero(c);
            fmpq_zero(xx);
            for (i = 0; i < d; i++)
            {
                fmpq_addmul(c, fmpq_mat_entry(I->W, j0, i), fmpq_mat_entry(I->X, t0, i));
                fmpq_addmul(xx, fmpq_mat_entry(I->X, t0, i), fmpq_mat_entry(I->X, t0, i));
            }
            fmpq_div(c, c, xx);
            for (i = 0; i < d; i++)
                fmpq_submul(fmpq_mat_entry(Wc, j0, i), c, fmpq_mat_entry(I->X, t0, i));
            /* concave kink: y_t0 = prediction at W' plus v_j0 */
            qvec_set(y2, I->y, m);
            {
                fmpq_t s;
                slong j;
                fmpq_init(s);
                fmpq_zero(p + t0);
                for (j = 0; j < n; j++)
                {
                    fmpq_zero(s);
                    for (i = 0; i < d; i++)
                        fmpq_addmul(s, fmpq_mat_entry(Wc, j, i), fmpq_mat_entry(I->X, t0, i));
                    if (fmpq_sgn(s) > 0)
                        fmpq_addmul(p + t0, I->v + j, s);
                }
                fmpq_clear(s);
            }
            fmpq_add(y2 + t0, p + t0, I->v + j0);
            for (e = 1; e <= 40 && !found && ok; e++)
            {
                slong bj, bt;
                int rm, rp, diff = 0;
                fmpq_one(h);
                fmpq_div_2exp(h, h, (ulong) e);
                fmpq_mat_set(Wm, Wc);
                fmpq_mat_set(Wp, Wc);
                for (i = 0; i < d; i++)
                {
                    fmpq_submul(fmpq_mat_entry(Wm, j0, i), h, fmpq_mat_entry(I->X, t0, i));
                    fmpq_addmul(fmpq_mat_entry(Wp, j0, i), h, fmpq_mat_entry(I->X, t0, i));
                }
                /* both ends interior to cells that differ exactly in (j0, t0) */
                basin_init(Bm);
                basin_init(Bp);
                rm = basin_pattern(Bm, I->X, y2, Wm, I->v, n, &bj, &bt);
                rp = basin_pattern(Bp, I->X, y2, Wp, I->v, n, &bj, &bt);
                if (rm == BASIN_OK && rp == BASIN_OK)
                {
                    for (t = 0; t < n * m; t++)
                        diff += Bm->a[t] != Bp->a[t];
                    if (diff == 1 && Bm->a[j0 * m + t0] == -1 && Bp->a[j0 * m + t0] == 1)
                    {
                        shallow_net_loss(f0, I->X, y2, Wc, I->v);
                        shallow_net_loss(fm, I->X, y2, Wm, I->v);
                        shallow_net_loss(fp, I->X, y2, Wp, I->v);
                        fmpq_add(c, fm, fp);
                        fmpq_div_2exp(c, c, 1);
                        if (fmpq_cmp(f0, c) > 0)
                        {
                            /* the construction of lemma1.convex.hessian
                               across the two cells: second differences of
                               the network's loss in Z from z(W-) along
                               u = z(W') - z(W-) (step 1, so the points are
                               z(W-), z(W'), z(W+)), then the same LDL^T */
                            slong nd = n * d, jj, ii;
                            fmpq *z0 = _fmpq_vec_init(nd), *u = _fmpq_vec_init(nd);
                            fmpq_mat_t H;
                            fmpq_t one;
                            ldl_t info;
                            fmpq_mat_init(H, 0, 0);
                            fmpq_init(one);
                            fmpq_one(one);
                            ldl_init(info);
                            shallow_z_of(z0, Wm, I->v);
                            shallow_z_of(u, Wc, I->v);
                            for (jj = 0; jj < n; jj++)
                                for (ii = 0; ii < d; ii++)
                                    fmpq_sub(u + jj * d + ii, u + jj * d + ii, z0 + jj * d + ii);
                            lemma12_hessian_diff(H, Bm, z0, u, 1, one);
                            if (!ldl_psd(info, H))
                            {
                                found = 1;
                                *hexp = e;
                                fmpq_sub(c, f0, c);
                                *desc = bc_aprintf(
                                    "neuron %ld, point %ld, h = 2^-%ld: the second difference along the "
                                    "crossing is %.6g < 0 (f(W') - (f(W-) + f(W+))/2 = %.6g > 0)",
                                    (long) j0, (long) t0, (long) e, qd(fmpq_mat_entry(H, 0, 0)), qd(c));
                            }
                            fmpq_mat_clear(H);
                            fmpq_clear(one);
                            ldl_clear(info);
                            _fmpq_vec_clear(z0, nd);
                            _fmpq_vec_clear(u, nd);
                        }
                    }
                }
                else if (e > 20)
                    ok = 0;
                basin_clear(Bm);
                basin_clear(Bp);
            }
        }
    fmpq_mat_clear(Wc);
    fmpq_mat_clear(Wm);
    fmpq_mat_clear(Wp);
    _fmpq_vec_clear(y2, m);
    _fmpq_vec_clear(p, m);
    fmpq_clear(c);
    fmpq_clear(xx);
    fmpq_clear(h);
    fmpq_clear(f0);
    fmpq_clear(fm);
    fmpq_clear(fp);
    return found;
}

static void
run_controls1(checklist_t L, inst_struct *I, slong N, const lemma12_size *sz, const run_opts *opts)
{
    check_t cu, cw;
    slong k, K = sz->controls < N ? sz->controls : N, wit = 0, indef = 0, hexp = 0;
    double t0 = bc_seconds(), t1;
    char *first = NULL;

    for (k = 0; k < K; k++)
    {
        char *desc = NULL;
        if (union_witness(I + k, &hexp, &desc))
        {
            wit++;
            if (first == NULL)
                first = bc_aprintf("cell %ld: %s", (long) k, desc);
        }
        flint_free(desc);
    }
    check_start(cu, "lemma1.control.union", "Lemma 1");
    cu->statement = bc_aprintf(
        "Negative control: the union of two adjacent cells (patterns differing in one sign $a_{j_0,t_0}$) "
        "is claimed to have an objective convex along segments, as Lemma 3 gives for one cell. Refuted by "
        "three collinear parameter points $W_-,W',W_+$ ($W'$ on the shared face, $W_\\pm=W'\\pm h\\,"
        "\\mathbf x_{t_0}$ in row $j_0$, interior to the two cells) with "
        "$L_S(W')>\\tfrac12(L_S(W_-)+L_S(W_+))$, exactly, and by the construction of "
        "\\texttt{lemma1.convex.hessian} run across the two cells: the second difference of the network's "
        "loss in $Z$ along the crossing direction, the $1\\times1$ Hessian of the union on that line, is "
        "negative, which the same $LDL^\\top$ reports as not PSD; %ld instances (data of the first cells, "
        "the target $y_{t_0}$ moved so that the residual at the face is $-v_{j_0}$).",
        (long) K);
    cu->status = wit > 0 ? ST_FAILS : ST_UNDECIDED;
    check_field_add(cu, "instances", "%ld", (long) K);
    check_field_add(cu, "exact non-convexity witnesses", "%ld", (long) wit);
    if (first != NULL)
        check_set_witness(cu, "seed %llu, stream lemma12/basin; first: %s", (unsigned long long) opts->seed,
                          first);
    check_add_note(cu,
                   "Across the shared face the ReLU of neuron $j_0$ switches on point $t_0$; the slope of "
                   "the loss jumps by $\\tfrac2m r_{t_0}v_{j_0}|\\mathbf x_{t_0}|^2$, negative when the "
                   "residual and $v_{j_0}$ have opposite signs: the union is not a basin of the kind "
                   "Lemma 1's proof handles, which is why the partition is by full sign patterns.");
    cu->seconds = bc_seconds() - t0;
    checklist_push(L, cu);
    check_clear(cu);
    flint_free(first);
    first = NULL;

    t1 = bc_seconds();
    for (k = 0; k < N; k++)
    {
        fmpq_mat_t H;
        ldl_t info;
        fmpq_mat_init(H, 0, 0);
        ldl_init(info);
        shallow_hessian_wv(H, I[k].B, I[k].W, I[k].v);
        if (!ldl_psd(info, H))
        {
            indef++;
            if (first == NULL)
                first = bc_aprintf(
                    "cell %ld (n = %ld, d = %ld, m = %ld): %s at elimination step %ld, entry (%ld, %ld) "
                    "= %.6g",
                    (long) k, (long) I[k].n, (long) I[k].d, (long) I[k].m,
                    info->reason == LDL_NEG_DIAG ? "negative Schur diagonal" : "zero pivot",
                    (long) info->step, (long) info->i, (long) info->j, qd(info->bad));
        }
        ldl_clear(info);
        fmpq_mat_clear(H);
    }
    check_start(cw, "lemma1.control.wv_hessian", "Lemma 1");
    cw->statement = bc_aprintf(
        "Negative control: the objective is claimed convex in the original parameters "
        "$(W,\\mathbf v)$ on a cell, i.e.\\ its Hessian in $(\\mathbf w_1,\\dots,\\mathbf "
        "w_n,v_1,\\dots,v_n)$ "
        "at the sampled network is PSD. The products $v_j\\mathbf w_j$ make it indefinite: the same exact "
        "$LDL^\\top$ test as \\texttt{lemma1.convex.hessian} refutes it (%ld cells). This is why Lemma 3 "
        "changes variables to $\\mathbf z_j=v_j\\mathbf w_j$.",
        (long) N);
    cw->status = indef > 0 ? ST_FAILS : ST_UNDECIDED;
    check_field_add(cw, "instances", "%ld", (long) N);
    check_field_add(cw, "indefinite (exact)", "%ld", (long) indef);
    if (first != NULL)
        check_set_witness(cw, "seed %llu, stream lemma12/basin; first: %s", (unsigned long long) opts->seed,
                          first);
    cw->seconds = bc_seconds() - t1;
    checklist_push(L, cw);
    check_clear(cw);
    flint_free(first);
}

/* --------------------------------------------------------- Lemma 2 */

static void
run_lemma2(checklist_t L, uint64_t seed, const lemma12_size *sz, const run_opts *opts)
{
    check_t cm, cw, cb, cr;
    slong k, s, q, j, i, pairs = 0, holds = 0, fails = 0, undec = 0, by_exact = 0, strict = 0, equal = 0,
                         wit_ok = 0, bnd = 0, bnd_ok = 0, rev = 0;
    double t0 = bc_seconds(), minmargin = -1.0, tb = 0.0;
    char *rev_first = NULL, *mon_bad = NULL, *wit_bad = NULL, *bnd_bad = NULL;

    for (k = 0; k < sz->nets2; k++)
    {
        inst_struct F;
        rng_t r;
        inst_draw(&F, seed, "lemma12/lemma2", (ulong) k, 2, 4, kind_lemma2(k));
        rng_init(r, seed, rng_stream_id("lemma12/subsets"), (ulong) k);
        for (s = 0; s < sz->subsets; s++)
        {
            slong Iix[8], kk = 0, bj = -1, bt = -1;
            ulong mask = 1 + (ulong) rng_below(r, ((uint64_t) 1 << F.n) - 2);
            fmpq_mat_t Ws;
            fmpq *vs, *zpad = _fmpq_vec_init(F.n * F.d);
            basin_t Bs;
            basin_result_t Rs;
            fmpq_t fpad, mg;
            truth_t le;

            for (j = 0; j < F.n; j++)
                if (mask >> j & 1)
                    Iix[kk++] = j;
            fmpq_mat_init(Ws, kk, F.d);
            vs = _fmpq_vec_init(kk);
            for (q = 0; q < kk; q++)
            {
                for (i = 0; i < F.d; i++)
                    fmpq_set(fmpq_mat_entry(Ws, q, i), fmpq_mat_entry(F.W, Iix[q], i));
                fmpq_set(vs + q, F.v + Iix[q]);
            }
            basin_init(Bs);
            basin_result_init(Rs);
            fmpq_init(fpad);
            fmpq_init(mg);
            /* the sub-network's point is interior too (its signs are rows
               of the full pattern) */
            if (basin_pattern(Bs, F.X, F.y, Ws, vs, kk, &bj, &bt) != BASIN_OK)
            {
                undec++;
                if (mon_bad == NULL)
                    mon_bad = bc_aprintf("network %ld: sub-network on a boundary", (long) k);
            }
            else
            {
                basin_value(Rs, Bs, 64);
                pairs++;
                /* Bas(full) <= Bas(sub), rigorously */
                if (F.R->is_exact && Rs->is_exact)
                {
                    by_exact++;
                    le = fmpq_cmp(F.R->exact, Rs->exact) <= 0 ? BC_TRUE : BC_FALSE;
                    if (fmpq_equal(F.R->exact, Rs->exact))
                        equal++;
                }
                else if (fmpq_cmp(F.R->upper, Rs->lower) <= 0)
                    le = BC_TRUE;
                else if (fmpq_cmp(F.R->lower, Rs->upper) > 0)
                    le = BC_FALSE;
                else
                    le = BC_UNDECIDED;
                if (le == BC_TRUE)
                    holds++;
                else if (le == BC_FALSE)
                {
                    fails++;
                    if (mon_bad == NULL)
                        mon_bad =
                            bc_aprintf("network %ld subset mask %lu: Bas(full) > Bas(sub)", (long) k, mask);
                }
                else
                    undec++;
                fmpq_sub(mg, Rs->lower, F.R->upper);
                if (pairs == 1 || qd(mg) < minmargin)
                    minmargin = qd(mg);
                /* a strict certified gap refutes the reversed inequality */
                if (fmpq_sgn(mg) > 0)
                {
                    strict++;
                    rev++;
                    if (rev_first == NULL)
                        rev_first = bc_aprintf(
                            "network %ld (n = %ld, d = %ld, m = %ld), I = mask %lu: upper Bas(W, v) "
                            "= %.6g < lower Bas(w_I, v_I) = %.6g",
                            (long) k, (long) F.n, (long) F.d, (long) F.m, mask, qd(F.R->upper),
                            qd(Rs->lower));
                }
                /* the proof's witness (App. A.2) */
                if (lemma12_pad_witness(fpad, zpad, F.B, Bs, Iix, kk, Rs->z) && fmpq_equal(fpad, Rs->upper) &&
                    fmpq_cmp(fpad, F.R->lower) >= 0)
                    wit_ok++;
                else if (wit_bad == NULL)
                    wit_bad = bc_aprintf("network %ld subset mask %lu", (long) k, mask);
            }
            fmpq_mat_clear(Ws);
            _fmpq_vec_clear(vs, kk);
            _fmpq_vec_clear(zpad, F.n * F.d);
            basin_clear(Bs);
            basin_result_clear(Rs);
            fmpq_clear(fpad);
            fmpq_clear(mg);
        }

        /* control: put the network on a boundary, exactly */
        if (k < sz->controls)
        {
            double tt = bc_seconds();
            slong jj = (slong) rng_below(r, (uint64_t) F.n), tt0 = (slong) rng_below(r, (uint64_t) F.m), bj,
                  bt, fj = -1, ft = -1, t;
            fmpq_mat_t Wb;
            fmpq *vb = _fmpq_vec_init(F.n);
            basin_t Bb;
            fmpq_t c, xx;
            int ret;
            fmpq_mat_init(Wb, F.n, F.d);
            fmpq_init(c);
            fmpq_init(xx);
            basin_init(Bb);
            fmpq_mat_set(Wb, F.W);
            qvec_set(vb, F.v, F.n);
            for (i = 0; i < F.d; i++)
            {
                fmpq_addmul(c, fmpq_mat_entry(F.W, jj, i), fmpq_mat_entry(F.X, tt0, i));
                fmpq_addmul(xx, fmpq_mat_entry(F.X, tt0, i), fmpq_mat_entry(F.X, tt0, i));
            }
            fmpq_div(c, c, xx);
            for (i = 0; i < F.d; i++)
                fmpq_submul(fmpq_mat_entry(Wb, jj, i), c, fmpq_mat_entry(F.X, tt0, i));
            /* the first zero in row-major order, found independently */
            for (j = 0; j < F.n && fj < 0; j++)
                for (t = 0; t < F.m && fj < 0; t++)
                {
                    fmpq_zero(c);
                    for (i = 0; i < F.d; i++)
                        fmpq_addmul(c, fmpq_mat_entry(Wb, j, i), fmpq_mat_entry(F.X, t, i));
                    if (fmpq_is_zero(c))
                    {
                        fj = j;
                        ft = t;
                    }
                }
            ret = basin_pattern(Bb, F.X, F.y, Wb, vb, F.n, &bj, &bt);
            bnd++;
            if (ret == BASIN_BOUNDARY_W && bj == fj && bt == ft)
                bnd_ok++;
            else if (bnd_bad == NULL)
                bnd_bad = bc_aprintf("network %ld: planted <w_%ld, x_%ld> = 0, engine returned %d (%ld, %ld)",
                                     (long) k, (long) jj, (long) tt0, ret, (long) bj, (long) bt);
            /* and v_j = 0 */
            fmpq_mat_set(Wb, F.W);
            fmpq_zero(vb + jj);
            ret = basin_pattern(Bb, F.X, F.y, Wb, vb, F.n, &bj, &bt);
            bnd++;
            if (ret == BASIN_BOUNDARY_V && bj == jj && bt == -1)
                bnd_ok++;
            else if (bnd_bad == NULL)
                bnd_bad = bc_aprintf("network %ld: planted v_%ld = 0, engine returned %d", (long) k,
                                     (long) jj, ret);
            basin_clear(Bb);
            fmpq_mat_clear(Wb);
            _fmpq_vec_clear(vb, F.n);
            fmpq_clear(c);
            fmpq_clear(xx);
            tb += bc_seconds() - tt;
        }
        inst_clear(&F);
    }

    check_start(cm, "lemma2.monotone", "Lemma 2");
    cm->statement = bc_aprintf(
        "Lemma 2: for $(W,\\mathbf v)$ in the interior of a cell and $I\\subseteq[n]$, "
        "$\\mathrm{Bas}(W,\\mathbf v)\\le\\mathrm{Bas}(\\mathbf w_I,\\mathbf v_I)$ (right side for width "
        "$|I|$); both values certified by the basin engine and compared exactly when both are exact, "
        "else by $\\overline{\\mathrm{Bas}}(W,\\mathbf v)\\le\\underline{\\mathrm{Bas}}(\\mathbf "
        "w_I,\\mathbf v_I)$; "
        "%ld networks of width 2--4, %ld random non-empty proper subsets each.",
        (long) sz->nets2, (long) sz->subsets);
    cm->status = fails > 0 ? ST_FAILS : (undec > 0 ? ST_UNDECIDED : ST_HOLDS);
    check_field_add(cm, "pairs", "%ld", (long) pairs);
    check_field_add(cm, "proved", "%ld (%ld with both values exact)", (long) holds, (long) by_exact);
    check_field_add(cm, "refuted", "%ld", (long) fails);
    check_field_add(cm, "undecided", "%ld", (long) undec);
    check_field_add(cm, "strict (certified gap > 0)", "%ld", (long) strict);
    check_field_add(cm, "equal (exact)", "%ld", (long) equal);
    check_field_add(cm, "smallest lower(sub) - upper(full)", "%.6g", minmargin);
    if (mon_bad != NULL)
        check_add_note(cm, "First non-proved pair: %s.", mon_bad);
    check_set_witness(cm,
                      "seed %llu, networks stream lemma12/lemma2, subsets stream lemma12/subsets, index = "
                      "network index 0..%ld",
                      (unsigned long long) opts->seed, (long) (sz->nets2 - 1));
    cm->seconds = bc_seconds() - t0 - tb;
    checklist_push(L, cm);
    check_clear(cm);

    check_start(cw, "lemma2.witness", "Lemma 2");
    cw->statement = bc_aprintf(
        "The step of App.~A.2: the sub-network's certified point $Z_I^*$ padded with $\\mathbf z_j=0$ for "
        "$j\\notin I$ lies in the closed full cell (its pattern restricted to $I$ is the sub-network's, "
        "and $\\mathbf z_j=0$ meets every constraint of neuron $j$ with equality), and its full objective "
        "equals the sub-network's objective exactly, hence "
        "$\\mathrm{Bas}(W,\\mathbf v)\\le f(Z^*_I)=\\overline{\\mathrm{Bas}}(\\mathbf w_I,\\mathbf v_I)$; "
        "%ld pairs.",
        (long) pairs);
    cw->status = wit_ok == pairs ? ST_HOLDS : ST_FAILS;
    check_field_add(cw, "pairs", "%ld", (long) pairs);
    check_field_add(cw, "witnesses verified", "%ld", (long) wit_ok);
    if (wit_bad != NULL)
        check_add_note(cw, "First failure: %s.", wit_bad);
    check_set_witness(cw, "the pairs of lemma2.monotone (same seed %llu and streams)",
                      (unsigned long long) opts->seed);
    cw->seconds = 0.0;
    checklist_push(L, cw);
    check_clear(cw);

    check_start(cb, "lemma2.control.boundary", "Lemma 2");
    cb->statement = bc_aprintf(
        "Negative control: Lemma 2 applied at points on a basin boundary. For %ld networks a row "
        "$\\mathbf w_j$ is projected exactly onto $\\mathbf x_t^\\perp$ (so $\\langle\\mathbf w_j,\\mathbf "
        "x_t\\rangle=0$), and separately $v_j$ is set to 0; the engine must name the neuron and point, "
        "and the hypothesis ``$(W,\\mathbf v)$ in the interior of a basin'' fails: inapplicable.",
        (long) (bnd / 2));
    cb->status = bnd_ok == bnd && bnd > 0 ? ST_INAPPLICABLE : ST_UNDECIDED;
    check_field_add(cb, "boundary points", "%ld", (long) bnd);
    check_field_add(cb, "detected with the right neuron and point", "%ld", (long) bnd_ok);
    if (bnd_bad != NULL)
        check_add_note(cb, "First mis-detection: %s.", bnd_bad);
    check_set_witness(cb,
                      "seed %llu, networks stream lemma12/lemma2 0..%ld, neuron and point from stream "
                      "lemma12/subsets",
                      (unsigned long long) opts->seed, (long) (bnd / 2 - 1));
    cb->seconds = tb;
    checklist_push(L, cb);
    check_clear(cb);

    check_start(cr, "lemma2.control.reversed", "Lemma 2");
    cr->statement = bc_aprintf(
        "Negative control: the reversed inequality $\\mathrm{Bas}(\\mathbf w_I,\\mathbf v_I)\\le"
        "\\mathrm{Bas}(W,\\mathbf v)$ on the pairs of \\texttt{lemma2.monotone}; refuted by any pair "
        "with $\\overline{\\mathrm{Bas}}(W,\\mathbf v)<\\underline{\\mathrm{Bas}}(\\mathbf "
        "w_I,\\mathbf v_I)$.");
    cr->status = rev > 0 ? ST_FAILS : ST_UNDECIDED;
    check_field_add(cr, "pairs", "%ld", (long) pairs);
    check_field_add(cr, "refuting pairs", "%ld", (long) rev);
    if (rev_first != NULL)
        check_set_witness(cr, "seed %llu, streams lemma12/lemma2, lemma12/subsets; first: %s",
                          (unsigned long long) opts->seed, rev_first);
    cr->seconds = 0.0;
    checklist_push(L, cr);
    check_clear(cr);

    flint_free(rev_first);
    flint_free(mon_bad);
    flint_free(wit_bad);
    flint_free(bnd_bad);
}

/* ------------------------------------------------------------- run */

static int
lemma12_run(checklist_t L, const run_opts *opts)
{
    lemma12_size sz;
    inst_struct *I;
    slong k, redraws = 0, exact = 0, nkind[INST_KINDS] = {0, 0, 0, 0};

    if (opts->size < SIZE_QUICK || opts->size > SIZE_FULL || opts->samples < -1)
    {
        fprintf(stderr, "basincheck: lemma12: invalid options\n");
        return 2;
    }
    size_params(&sz, opts->size);
    if (opts->samples > 0)
    {
        sz.basins = opts->samples;
        sz.nets2 = opts->samples;
    }
    I = flint_calloc((size_t) sz.basins, sizeof(inst_struct));
    for (k = 0; k < sz.basins; k++)
    {
        inst_draw(I + k, opts->seed, "lemma12/basin", (ulong) k, 1, 4, kind_lemma1(k));
        redraws += I[k].redraws;
        exact += I[k].R->is_exact;
    }

    run_convex(L, I, sz.basins, &sz, opts);
    run_sublevel(L, I, sz.basins, opts);
    run_localmin(L, I, sz.basins, &sz, opts);
    run_controls1(L, I, sz.basins, &sz, opts);
    run_lemma2(L, opts->seed, &sz, opts);

    for (k = 0; k < sz.basins; k++)
        nkind[I[k].kind]++;
    checklist_add_instance(
        L, "Lemma 1",
        "\\textbf{Cells} (seed %llu). %ld cells, each from stream \\texttt{lemma12/basin} index $k$, of "
        "four families by $k \\bmod 10$: %ld small dyadic cells ($0$--$4$: width $n$ uniform in 1--4, $d$ in "
        "2--4, $m$ in 2--6, data, targets and weights $N(0,1)$ draws rounded to multiples of $2^{-%d}$); %ld "
        "decimal cells ($5$, $6$: $d$ in 2--4, $m$ in 2--8, every number a draw rounded to one or two "
        "decimal "
        "digits, written as CSV text and read by the exact parser of \\texttt{basincheck basin}, so "
        "$0.1=1/10$, not dyadic); %ld larger dyadic cells ($7$, $8$: $d$ in 4--6, $m$ in 8--12); %ld "
        "interval "
        "cells ($9$: as the small ones, with $\\mathrm{Bas}$ left as the certified interval of the engine's "
        "interval path, no exact face solve). A network drawn on a boundary is redrawn (%ld redraws in all). "
        "The cell is the one of the network's point; %ld of the %ld values $\\mathrm{Bas}$ are exact, the "
        "others certified intervals.",
        (unsigned long long) opts->seed, (long) sz.basins, (long) nkind[INST_SMALL], GRID_BITS,
        (long) nkind[INST_DECIMAL], (long) nkind[INST_LARGE], (long) nkind[INST_INTERVAL], (long) redraws,
        (long) exact, (long) sz.basins);
    checklist_add_instance(
        L, "Lemma 2",
        "\\textbf{Networks} (seed %llu). %ld networks of width 2--4 from stream \\texttt{lemma12/lemma2} "
        "(the small, decimal and larger families of the Lemma 1 cells, by $k \\bmod 10$: $0$--$5$, $6$--$7$, "
        "$8$--$9$; no interval family, since the lemma compares two values), %ld random non-empty proper "
        "neuron subsets $I$ each from stream \\texttt{lemma12/subsets}; both basin values certified.",
        (unsigned long long) opts->seed, (long) sz.nets2, (long) sz.subsets);

    for (k = 0; k < sz.basins; k++)
        inst_clear(I + k);
    flint_free(I);
    return 0;
}

const module_struct module_lemma12 = {
    "lemma12",
    "Lemmas 1-2",
    "Lemmas 1 and 2: the cells of the basin partition are basins; sub-networks are never better",
    0,
    lemma12_specs,
    LEMMA12_NSPECS,
    fragment_lemma12,
    lemma12_run,
    NULL,
};
