/* thm3_exact.c -- the records of Theorem 3 decided without sampling: the
   hypotheses of the instances, p_eps against the exact cap probability,
   the Chernoff step and the exact witness law at the instances, the
   erratum of the Chernoff step at c = 2, and the hypothesis controls.
   Statements in thm3.tex. */
#include "binom.h"
#include "sphere.h"
#include "cert.h"
#include "thm3.h"

#define PREC 128

static char *
ds(const arb_t x)
{
    return bc_arb_str(x, 8);
}

/* ------------------------------------------------ the hypotheses */

/* the hypotheses of Theorem 3 decided again on the instance's own data */
static truth_t
hyp_decide(const thm3_inst_struct *I, char *msg, size_t len)
{
    thm3_inst_t J;
    int code;
    thm3_inst_init(J);
    code = thm3_inst_set(J, I->X, I->y, I->W, I->v, I->B, I->eps, NULL, msg, len);
    thm3_inst_clear(J);
    return code == THM3_OK ? BC_TRUE : BC_FALSE;
}

void
thm3_rec_hyp(run_t R, const thm3_slot_struct *Z, slong nz, const char *fail)
{
    check_t c;
    slong k;
    truth_t all = fail == NULL ? BC_TRUE : BC_FALSE;
    run_check(R, c, "thm3.hyp");
    if (fail != NULL)
        check_set_witness(c, "%s", fail);
    for (k = 0; k < nz; k++)
    {
        char msg[400], *s = thm3_inst_desc(Z + k), *key;
        truth_t t = hyp_decide(Z[k].I, msg, sizeof msg);
        check_field_add(c, Z[k].name, "%s%s", s, Z[k].user ? " (user files)" : "");
        flint_free(s);
        if (t != BC_TRUE && all == BC_TRUE)
            check_set_witness(c, "%s instance: %s", Z[k].name, msg);
        all = bc_truth_and(all, t);
        key = bc_aprintf("%s_nontrivial", Z[k].name);
        check_field_add(c, key, "L_S(0)/eps = %.6g (%s 1: the claim is %s by W = 0)",
                        fmpq_get_d(Z[k].I->L0) / fmpq_get_d(Z[k].I->eps),
                        fmpq_cmp(Z[k].I->L0, Z[k].I->eps) > 0 ? ">" : "<=",
                        fmpq_cmp(Z[k].I->L0, Z[k].I->eps) > 0 ? "not trivial" : "trivially met");
        flint_free(key);
    }
    check_hypothesis(c, all);
    run_push(R, c);
}

/* ------------------------------------------------ p_eps */

typedef struct
{
    const thm3_inst_struct *I;
    ulong mult;
    arb_t p, q;
} peps_ctx;

/* mult p_eps <= F_r(theta)/2 */
static truth_t
peps_le(void *vctx, slong prec)
{
    peps_ctx *C = vctx;
    thm3_peps_rho(C->p, (ulong) C->I->r, C->I->rho, C->mult, prec);
    thm3_capprob(C->q, C->I, prec);
    return bc_arb_le(C->p, C->q);
}

/* The certificate of mult p_eps <= F_r(theta)/2 (kind "inequality", two
   expressions the checker evaluates: p_eps = (sqrt(rho (1 - rho/4)))^(r-1)
   / (2 pi (r - 1)), cos theta = 1 - rho/2), p and q the enclosures that
   decided. */
static void
peps_cert(check_t c, const char *label, ulong r, const fmpq_t rho, ulong mult, const arb_t p, const arb_t q)
{
    char *rs = cert_e_q(rho), *l, *rr;
    l = cert_e_fn(
        "mul", 2, cert_e_si((slong) mult),
        cert_e_fn("div", 2,
                  cert_e_fn("pow", 2,
                            cert_e_fn("sqrt", 1,
                                      cert_e_fn("mul", 2, cert_e_q(rho),
                                                cert_e_fn("sub", 2, cert_e_si(1),
                                                          cert_e_fn("div", 2, cert_e_q(rho), cert_e_si(4))))),
                            cert_e_si((slong) r - 1)),
                  cert_e_fn("mul", 3, cert_e_si(2), cert_e_fn("pi", 0), cert_e_si((slong) r - 1))));
    rr = cert_e_fn(
        "div", 2,
        cert_e_fn(
            "cap_fraction", 2, cert_e_si((slong) r),
            cert_e_fn("acos", 1, cert_e_fn("sub", 2, cert_e_si(1), cert_e_fn("div", 2, rs, cert_e_si(2))))),
        cert_e_si(2));
    cert_inequality_expr(c, label, l, p, "<=", rr, q);
    flint_free(l);
    flint_free(rr);
}

/* Decides mult p_eps <= F_r(theta)/2 (Lemma 7 on span(X): the proof's
   p_eps bounds the exact probability of the cap event) at the slots
   S[0..ns-1], and that their widths were decided (N > 0).  Adds the
   fields and, for the first decided violation, the witness. */
static truth_t
peps_decide(check_t c, thm3_slot_struct *const *S, slong ns, ulong mult)
{
    slong k, ci;
    truth_t all = BC_TRUE;
    peps_ctx C;
    char *lhs = mult == 1 ? bc_aprintf("p_eps") : bc_aprintf("%lu p_eps", mult);
    arb_init(C.p);
    arb_init(C.q);
    C.mult = mult;
    for (k = 0; k < ns; k++)
    {
        truth_t r;
        char *ps, *qs;
        C.I = S[k]->I;
        r = check_decide_prec(c, peps_le, &C, PREC);
        if (r != BC_UNDECIDED)
            peps_cert(c, S[k]->name, (ulong) S[k]->I->r, S[k]->I->rho, mult, C.p, C.q);
        ps = ds(C.p);
        qs = ds(C.q);
        if (r == BC_FALSE && c->witness == NULL)
        {
            char *rs = fmpq_get_str(NULL, 10, S[k]->I->rho);
            check_set_witness(c, "%s instance (r = %ld, eps/(nB)^2 = %s): %s = %s > F_r(theta)/2 = %s",
                              S[k]->name, (long) S[k]->I->r, rs, lhs, ps, qs);
            flint_free(rs);
        }
        check_field_add(c, S[k]->name, "%s = %s, F_r(theta)/2 = %s, N = %lu, %lu, %lu (c = 2, 3, 4)", lhs, ps,
                        qs, (unsigned long) S[k]->N[0], (unsigned long) S[k]->N[1],
                        (unsigned long) S[k]->N[2]);
        for (ci = 0; ci < THM3_NC; ci++)
            if (S[k]->N[ci] == 0)
                r = bc_truth_and(r, BC_UNDECIDED);
        all = bc_truth_and(all, r);
        flint_free(ps);
        flint_free(qs);
    }
    flint_free(lhs);
    arb_clear(C.p);
    arb_clear(C.q);
    return all;
}

void
thm3_rec_peps(run_t R, thm3_slot_struct *const *Z, slong nz, thm3_slot_struct *const *own,
              const thm3_claim_struct *K)
{
    check_t c;
    if (run_wants(R, "thm3.peps"))
    {
        run_check(R, c, "thm3.peps");
        check_decide(c, peps_decide(c, Z, nz, K->peps_mult));
        run_push(R, c);
    }
    if (run_wants(R, "thm3.control.peps8"))
    {
        run_check(R, c, "thm3.control.peps8");
        check_decide(c, peps_decide(c, own, 2, K->peps_mult * K->tighten));
        c->statement = bc_aprintf("Tightening factor: %lu.", (unsigned long) K->tighten);
        run_push(R, c);
    }
}

/* ------------------------------------------------ binomial tails */

typedef struct
{
    ulong r, N, k, n, c2;
    const fmpq *rho;
    int exact;
    const thm3_claim_struct *K;
    arb_ptr tail;
} tail_ctx;

/* P[Bin(N, p) < k] <= exp(-c n kappa) */
static truth_t
tail_decide(void *vctx, slong prec)
{
    tail_ctx *C = vctx;
    arb_t p, b;
    truth_t res;
    arb_init(p);
    arb_init(b);
    if (C->exact)
        sphere_chord_prob(p, C->r, C->rho, prec);
    else
        thm3_peps_rho(p, C->r, C->rho, C->K->peps_mult, prec);
    if (C->k == 0)
        arb_zero(C->tail);
    else
        binom_cdf_arb(C->tail, C->N, p, C->k - 1, prec);
    thm3_claim_fail(b, C->K, C->c2, C->n, prec);
    res = bc_arb_le(C->tail, b);
    arb_clear(p);
    arb_clear(b);
    return res;
}

truth_t
thm3_tail_le(arb_t tail, check_t c, ulong r, const fmpq_t rho, ulong N, ulong k, ulong n, ulong c2, int exact,
             const thm3_claim_struct *K)
{
    tail_ctx C;
    C.r = r;
    C.rho = rho;
    C.N = N;
    C.k = k;
    C.n = n;
    C.c2 = c2;
    C.exact = exact;
    C.K = K;
    C.tail = tail;
    return check_decide_prec(c, tail_decide, &C, 64);
}

void
thm3_tail_cert(check_t c, const char *label, ulong r, const fmpq_t rho, ulong N, ulong k, ulong n, ulong c2,
               int exact, const thm3_claim_struct *K)
{
    static const char *const names[7] = {"r", "rho", "n", "k", "c", "kappa", "exact"};
    fmpq pt[7];
    tail_ctx C;
    arb_t t, b;
    slong i, prec;
    if (K->rate_kl || K->peps_mult != 1)
        return;
    for (i = 0; i < 7; i++)
        fmpq_init(pt + i);
    arb_init(t);
    arb_init(b);
    fmpq_set_ui(pt + 0, r, 1);
    fmpq_set(pt + 1, rho);
    fmpq_set_ui(pt + 2, n, 1);
    fmpq_set_ui(pt + 3, k, 1);
    fmpq_set_ui(pt + 4, c2, 2);
    fmpq_set(pt + 5, K->rate);
    fmpq_set_si(pt + 6, exact, 1);
    C.r = r;
    C.rho = rho;
    C.N = N;
    C.k = k;
    C.n = n;
    C.c2 = c2;
    C.exact = exact;
    C.K = K;
    C.tail = t;
    for (prec = 64; prec <= 4096; prec *= 2)
        if (tail_decide(&C, prec) != BC_UNDECIDED)
        {
            thm3_claim_fail(b, K, c2, n, prec);
            cert_inequality(c, label, "thm3.width_tail", 7, names, pt, t, "<=", b);
            break;
        }
    for (i = 0; i < 7; i++)
        fmpq_clear(pt + i);
    arb_clear(t);
    arb_clear(b);
}

/* The cells (instance, c) of thm3.tail (exact = 0: P[Bin(N, p_eps) < n])
   or thm3.witness_law (exact = 1: P[Bin(N, F_r/2) < nlive], the failure
   probability of the proof's witness), each against exp(-c n/4). */
static void
cells_decide(check_t c, const thm3_slot_struct *Z, slong nz, const thm3_claim_struct *K, int exact)
{
    slong k, ci, bad = 0, und = 0;
    arb_t t, b;
    arb_init(t);
    arb_init(b);
    for (k = 0; k < nz; k++)
        for (ci = 0; ci < THM3_NC; ci++)
        {
            const thm3_inst_struct *I = Z[k].I;
            ulong kk = exact ? (ulong) I->nlive : (ulong) I->n;
            truth_t r = thm3_tail_le(t, c, (ulong) I->r, I->rho, Z[k].N[ci], kk, (ulong) I->n, thm3_c2s[ci],
                                     exact, K);
            thm3_tail_cert(c, Z[k].name, (ulong) I->r, I->rho, Z[k].N[ci], kk, (ulong) I->n, thm3_c2s[ci],
                           exact, K);
            char *ts, *bs, *key = bc_aprintf("%s_c%s", Z[k].name, thm3_cstr[ci]), *line;
            thm3_claim_fail(b, K, thm3_c2s[ci], (ulong) I->n, PREC);
            if (exact)
            {
                /* the law itself, 1 - tail, and the claimed bound */
                arb_sub_ui(t, t, 1, PREC);
                arb_neg(t, t);
                arb_sub_ui(b, b, 1, PREC);
                arb_neg(b, b);
            }
            ts = ds(t);
            bs = ds(b);
            line = bc_aprintf(exact ? "N = %lu: P[Bin(N, F_r/2) >= n] = %s, bound 1 - exp(-cn/4) = %s"
                                    : "N = %lu: P[Bin(N, p_eps) < n] = %s, exp(-cn/4) = %s",
                              (unsigned long) Z[k].N[ci], ts, bs);
            check_field_add(c, key, "%s", line);
            if (r == BC_FALSE && bad++ == 0)
                check_set_witness(c, "%s instance, c = %s, %s", Z[k].name, thm3_cstr[ci], line);
            und += r == BC_UNDECIDED;
            flint_free(ts);
            flint_free(bs);
            flint_free(key);
            flint_free(line);
        }
    check_count(c, bad, und);
    arb_clear(t);
    arb_clear(b);
}

void
thm3_rec_binomial(run_t R, const char *id, const thm3_slot_struct *Z, slong nz, const thm3_claim_struct *K,
                  int exact)
{
    check_t c;
    run_check(R, c, id);
    cells_decide(c, Z, nz, K, exact);
    run_push(R, c);
}

/* ------------------------------------------------ the erratum */

/* The first n = 1..40 where the step fails at (r, rho), with p_eps
   (first[0], its witness *wp) and with the exact cap probability
   (first[1]); counts the undecided cells. */
static void
erratum_scan(slong first[2], char **wp, slong *und, check_t c, ulong r, const fmpq_t rho,
             const thm3_claim_struct *K)
{
    ulong n;
    arb_t tp, tq, b;
    arb_init(tp);
    arb_init(tq);
    arb_init(b);
    first[0] = first[1] = -1;
    *wp = NULL;
    for (n = 1; n <= 40; n++)
    {
        ulong N = thm3_width_rho(r, rho, n, 4, K->peps_mult, 1000000);
        truth_t tpv, tqv;
        if (N == 0)
        {
            (*und)++;
            continue;
        }
        tpv = thm3_tail_le(tp, c, r, rho, N, n, n, 4, 0, K);
        tqv = thm3_tail_le(tq, c, r, rho, N, n, n, 4, 1, K);
        *und += tpv == BC_UNDECIDED;
        if (tpv == BC_FALSE && first[0] < 0)
        {
            thm3_tail_cert(c, "the first failing n", r, rho, N, n, n, 4, 0, K);
            char *a = ds(tp), *q = ds(tq), *bs;
            first[0] = (slong) n;
            thm3_claim_fail(b, K, 4, n, PREC);
            bs = ds(b);
            *wp = bc_aprintf("n = %lu, N = 2 ceil(n/p_eps) = %lu: P[Bin(N,p_eps)<n] = %s > exp(-n/2) = %s; "
                             "with the exact cap probability P[Bin(N,F_r/2)<n] = %s",
                             n, N, a, bs, q);
            flint_free(a);
            flint_free(q);
            flint_free(bs);
        }
        if (tqv == BC_FALSE && first[1] < 0)
            first[1] = (slong) n;
    }
    arb_clear(tp);
    arb_clear(tq);
    arb_clear(b);
}

void
thm3_rec_erratum(run_t R, const thm3_claim_struct *K)
{
    static const slong rd[3] = {2, 4, 16};
    check_t c;
    slong ri, bad = 0, und = 0;
    ulong r;
    fmpq_t rho;
    fmpq_init(rho);
    run_check(R, c, "thm3.erratum.c2");
    for (r = 2; r <= 3; r++)
        for (ri = 0; ri < 3; ri++)
        {
            slong first[2];
            char *wp, *key = bc_aprintf("r%lu_rho_1/%ld", r, (long) rd[ri]);
            fmpq_set_si(rho, 1, rd[ri]);
            erratum_scan(first, &wp, &und, c, r, rho, K);
            if (first[0] > 0)
            {
                char *fq = first[1] > 0 ? bc_aprintf("%ld", (long) first[1]) : bc_aprintf("none for n <= 40");
                check_field_add(c, key,
                                "first failing n = %ld (p_eps); first n where even the exact "
                                "witness law fails: %s; %s",
                                (long) first[0], fq, wp);
                flint_free(fq);
                if (bad++ == 0)
                    check_set_witness(c, "r = %lu, eps/(nB)^2 = 1/%ld, c = 2, %s", r, (long) rd[ri], wp);
            }
            else
                check_field_add(c, key, "holds for n = 1..40");
            flint_free(key);
            if (wp != NULL)
                flint_free(wp);
        }
    check_count(c, bad, und);
    run_push(R, c);
    fmpq_clear(rho);
}

/* ------------------------------------------------ hypothesis controls */

/* The certificate of a refused hypothesis (kind "inequality", an
   expression of the instance's entries): ||x_t||^2 <= 1 (xnorm) or
   v_j^2 ||w_j||^2 <= B^2 (teacher), which fails at the index bad. */
static void
hyp_cert(check_t c, const thm3_raw_t Rw, int code, slong bad)
{
    const fmpq_mat_struct *M = code == THM3_ERR_XNORM ? Rw->X : Rw->W;
    fmpq_t s, t;
    arb_t a, b;
    char *e = cert_e_si(0), *r, *lab;
    slong i;
    if (bad < 0 || bad >= fmpq_mat_nrows(M))
    {
        flint_free(e);
        return;
    }
    fmpq_init(s);
    fmpq_init(t);
    arb_init(a);
    arb_init(b);
    for (i = 0; i < fmpq_mat_ncols(M); i++)
    {
        e = cert_e_fn("add", 2, e, cert_e_fn("pow", 2, cert_e_q(fmpq_mat_entry(M, bad, i)), cert_e_si(2)));
        fmpq_mul(t, fmpq_mat_entry(M, bad, i), fmpq_mat_entry(M, bad, i));
        fmpq_add(s, s, t);
    }
    if (code == THM3_ERR_TEACHER)
    {
        e = cert_e_fn("mul", 2, cert_e_fn("pow", 2, cert_e_q(Rw->v + bad), cert_e_si(2)), e);
        fmpq_mul(s, s, Rw->v + bad);
        fmpq_mul(s, s, Rw->v + bad);
        fmpq_mul(t, Rw->B, Rw->B);
        r = cert_e_fn("pow", 2, cert_e_q(Rw->B), cert_e_si(2));
    }
    else
    {
        fmpq_one(t);
        r = cert_e_si(1);
    }
    arb_set_fmpq(a, s, 256);
    arb_set_fmpq(b, t, 256);
    lab = bc_aprintf(
        "%s %ld",
        code == THM3_ERR_XNORM ? "||x_t||^2 <= 1 at t =" : "v_j^2 ||w_j||^2 <= B^2 at j =", (long) bad);
    cert_inequality_expr(c, lab, e, a, "<=", r, b);
    flint_free(lab);
    flint_free(e);
    flint_free(r);
    fmpq_clear(s);
    fmpq_clear(t);
    arb_clear(a);
    arb_clear(b);
}

/* The control instance which (THM3_GEN_XNORM or _TEACHER) must be
   refused with code code_expected; kept (the mutant) builds the engine
   instance without the alteration. */
static void
hyp_control(run_t R, const char *id, int which, int code_expected, int kept)
{
    check_t c;
    thm3_raw_t Rw;
    thm3_inst_t I;
    slong bad;
    char msg[512];
    int code;
    thm3_raw_init(Rw, 1, 1, 1);
    thm3_generated(Rw, kept ? THM3_GEN_ENGINE : which);
    thm3_inst_init(I);
    run_check(R, c, id);
    code = thm3_inst_set(I, Rw->X, Rw->y, Rw->W, Rw->v, Rw->B, Rw->eps, &bad, msg, sizeof msg);
    if (code == code_expected)
    {
        check_set_witness(c, "%s", msg);
        hyp_cert(c, Rw, code, bad);
    }
    else if (code != THM3_OK)
        check_add_note(c, "The checker refused the instance with code %d instead of %d: %s.", code,
                       code_expected, msg);
    /* inapplicable when the expected hypothesis is found broken; another
       refusal is no evidence either way */
    check_hypothesis(c, code == THM3_OK ? BC_TRUE : (code == code_expected ? BC_FALSE : BC_UNDECIDED));
    run_push(R, c);
    thm3_inst_clear(I);
    thm3_raw_clear(Rw);
}

void
thm3_rec_hyp_controls(run_t R)
{
    if (run_wants(R, "thm3.control.xnorm"))
        hyp_control(R, "thm3.control.xnorm", THM3_GEN_XNORM, THM3_ERR_XNORM,
                    run_mutant(R, "thm3.mutant.xnorm_kept"));
    if (run_wants(R, "thm3.control.teacher"))
        hyp_control(R, "thm3.control.teacher", THM3_GEN_TEACHER, THM3_ERR_TEACHER,
                    run_mutant(R, "thm3.mutant.teacher_kept"));
}
