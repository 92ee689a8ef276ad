/* bc.h -- common definitions of basincheck: library includes, the
   three-valued truth type, and small helpers shared by every module. */
#ifndef BC_H
#define BC_H

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <gmp.h>
#include <mpfr.h>
#include <flint/flint.h>
#include <flint/fmpz.h>
#include <flint/fmpq.h>

#ifdef BC_ARB_IN_FLINT
#include <flint/arb.h>
#include <flint/arf.h>
#include <flint/mag.h>
#include <flint/arb_hypgeom.h>
#else
#include <arb.h>
#include <arf.h>
#include <mag.h>
#include <arb_hypgeom.h>
#endif

#ifdef __cplusplus
extern "C"
{
#endif

    /* A decision about a mathematical statement.  BC_UNDECIDED is an honest
   outcome: the enclosures available could not settle the statement.  It
   is never to be folded into BC_TRUE or BC_FALSE. */
    typedef enum
    {
        BC_FALSE = 0,
        BC_TRUE = 1,
        BC_UNDECIDED = -1
    } truth_t;

/* Highest working precision (bits) the rising-precision loops try
   before they give up and answer BC_UNDECIDED. */
#define BC_PREC_MAX 4096

    /* A decision at working precision prec (bits), for bc_decide_prec. */
    typedef truth_t (*bc_decide_fn)(void *ctx, slong prec);

    /* The one rising-precision loop (MPFR's Ziv loop is the model): calls
       f(ctx, prec) for prec = prec0, 2 prec0, 4 prec0, ... while the answer
       is BC_UNDECIDED and prec <= BC_PREC_MAX, and returns the first
       decided answer (else BC_UNDECIDED).  Sets *reached (when not NULL)
       to the last precision tried.  prec0 must be >= 2. */
    truth_t bc_decide_prec(slong *reached, bc_decide_fn f, void *ctx, slong prec0);

    /* bc_decide_prec up to prec_max bits instead of BC_PREC_MAX, for a
       question whose input may itself hold more bits than BC_PREC_MAX (a
       long rational compared with pi). */
    truth_t bc_decide_prec_upto(slong *reached, bc_decide_fn f, void *ctx, slong prec0, slong prec_max);

    /* Sets x to the exact value of the finite double d (every finite double is
   a dyadic rational).  Aborts with a message on inf or nan: callers
   validate their input first. */
    void bc_fmpq_set_d(fmpq_t x, double d);

    /* Sets res to x / c exactly; c must not be 0 (FLINT 2.9 has fmpq_mul_si
   but no division by a word).  Aliasing allowed. */
    void bc_fmpq_div_si(fmpq_t res, const fmpq_t x, slong c);

    /* Sets x to the exact value of the finite double d as an exact ball. */
    void bc_arb_set_d(arb_t x, double d);

    /* Decides x > 0 for an Arb ball: BC_TRUE when the whole ball is positive,
   BC_FALSE when it is non-positive, else BC_UNDECIDED. */
    truth_t bc_arb_gt_zero(const arb_t x);

    /* Decides a <= b for Arb balls: BC_TRUE when it holds for every pair of
   points of the balls, BC_FALSE when a > b for every pair, else
   BC_UNDECIDED (the balls overlap and neither is settled). */
    truth_t bc_arb_le(const arb_t a, const arb_t b);

    /* The conjunction of two decisions: BC_FALSE when either is false (a
   decided violation stays one), else BC_UNDECIDED when either is
   undecided, else BC_TRUE. */
    truth_t bc_truth_and(truth_t a, truth_t b);

    /* Name of a truth value: "true", "false", "undecided". */
    const char *bc_truth_str(truth_t t);

    /* Writes a decimal string for the ball x (midpoint +/- radius), with
   digits significant digits; the caller frees it with flint_free. */
    char *bc_arb_str(const arb_t x, slong digits);

    /* Writes rigorous decimal lower (dir < 0) or upper (dir > 0) bound of
   the ball x, rounded outward, with digits significant digits; the caller
   frees it with flint_free. */
    char *bc_arb_bound_str(const arb_t x, int dir, slong digits);

    /* Returns a new string formatted as printf would (free with
   flint_free); bc_vaprintf takes a va_list, which it consumes. */
    char *bc_aprintf(const char *fmt, ...)
#ifdef __GNUC__
        __attribute__((format(printf, 1, 2)))
#endif
        ;
    char *bc_vaprintf(const char *fmt, va_list ap);

    /* Wall-clock seconds since an arbitrary origin (monotonic clock). */
    double bc_seconds(void);

    /* Library version strings: GMP, MPFR, FLINT, Arb. */
    const char *bc_version_gmp(void);
    const char *bc_version_mpfr(void);
    const char *bc_version_flint(void);
    const char *bc_version_arb(void);

#ifdef __cplusplus
}
#endif

#endif
