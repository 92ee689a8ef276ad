/* audit_cap.c -- the cap computations of the audit: Theorem 5's
   per-neuron failure bound at the stated radius (Lemma 8, B.7) and the
   exact decision of the reconstructed Claim 2 on its instance.  The cap
   fractions, bands and radii are those of the core (sphere.h). */
#include "audit.h"
#include "sphere.h"

void
audit_thm5_fail(arb_t out, ulong d, slong prec)
{
    arb_t rho;
    arb_init(rho);
    sphere_band_radius(rho, d, prec);
    sphere_band_prob(out, d, rho, prec);
    /* 3/4 + (d/2) band_d */
    arb_mul_ui(out, out, d, prec);
    arb_mul_2exp_si(out, out, -1);
    arb_set_ui(rho, 3);
    arb_mul_2exp_si(rho, rho, -2);
    arb_add(out, out, rho, prec);
    arb_clear(rho);
}

/* <a, b> for a, b in Q^2 */
static void
dot2(fmpq_t out, const fmpq *a, const fmpq *b)
{
    fmpq_t t;
    fmpq_init(t);
    fmpq_mul(out, a + 0, b + 0);
    fmpq_mul(t, a + 1, b + 1);
    fmpq_add(out, out, t);
    fmpq_clear(t);
}

truth_t
audit_cap_angle_decide(fmpq_t xc2, fmpq_t cap_lhs, fmpq_t cap_rhs, fmpq_t wx, const fmpq_t sin2)
{
    /* c = (1, 0), delta = 1/2, x = (4/5, -9/20), w = (1, 9/5) */
    static const slong num[4][2] = {{1, 0}, {4, -9}, {1, 9}, {0, 0}};
    static const ulong den[4][2] = {{1, 1}, {5, 20}, {1, 5}, {1, 1}};
    fmpq *v = _fmpq_vec_init(8); /* c, x, w, x - c */
    fmpq_t s2, t;
    int in_ball, in_cap, refutes;
    slong i, j;
    truth_t r;

    fmpq_init(s2);
    fmpq_init(t);
    for (i = 0; i < 3; i++)
        for (j = 0; j < 2; j++)
            fmpq_set_si(v + 2 * i + j, num[i][j], den[i][j]);
    fmpq_sub(v + 6, v + 2, v + 0);
    fmpq_sub(v + 7, v + 3, v + 1);
    /* s^2 = delta^2 / |c|^2 */
    dot2(t, v + 0, v + 0);
    fmpq_set_si(s2, 1, 4);
    fmpq_div(s2, s2, t);
    /* the ball: |x - c|^2 <= delta^2 */
    dot2(xc2, v + 6, v + 6);
    fmpq_set_si(t, 1, 4);
    in_ball = fmpq_cmp(xc2, t) <= 0;
    /* the cap S(c, pi/2 - alpha): <w, c> > 0 and cos^2 angle(w, c) >
       cos^2(pi/2 - alpha) = sin^2 alpha */
    dot2(cap_lhs, v + 4, v + 0);
    in_cap = fmpq_sgn(cap_lhs) > 0;
    fmpq_mul(cap_lhs, cap_lhs, cap_lhs);
    dot2(cap_rhs, v + 4, v + 4);
    dot2(t, v + 0, v + 0);
    fmpq_mul(cap_rhs, cap_rhs, t);
    fmpq_mul(cap_rhs, cap_rhs, sin2);
    in_cap = in_cap && fmpq_cmp(cap_lhs, cap_rhs) > 0;
    /* the claim's conclusion <w, x> > 0 fails */
    dot2(wx, v + 4, v + 2);
    refutes = fmpq_sgn(wx) <= 0;
    if (in_ball && in_cap && refutes)
        r = BC_FALSE;
    else
        r = fmpq_cmp(sin2, s2) >= 0 ? BC_TRUE : BC_UNDECIDED;
    _fmpq_vec_clear(v, 8);
    fmpq_clear(s2);
    fmpq_clear(t);
    return r;
}
