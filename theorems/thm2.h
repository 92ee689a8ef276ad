/* thm2.h -- Theorem 2 of the paper (Sec. 4.1, proof in App. B.4):
   singleton data.  If every x_t has exactly one non-zero coordinate,
   alpha is the minimal objective of a width-n two-layer ReLU network
   (no biases; squared loss here) and (W, v) is drawn by Assumption 1,
   then
       P[ Bas(W, v) <= alpha ] >= 1 - 2d (3/4)^n.

   The notation (sides S_j^+-, their sums, needs and optima) and the data
   set, alpha and the exact probabilities under Assumption 1 are the
   core's (singleton.h; Theorem 6 uses them too).  The building blocks
   below are public so that the CUnit suite can test them against
   independent oracles (the certified engine of basin.h and brute-force
   enumeration):
     - generators of singleton data (chosen sides, random), the user's
       file, the exact signs of a network;
     - the closed form of Bas(W, v) (the basin cone decouples into 2d
       one-dimensional cones), the naive value, an explicit network
       attaining alpha and B.4's construction;
     - the bound and the width at which it reaches 1/2.
   The module itself is module_thm2 (thm2_run.h says how its files share
   the work). */
#ifndef THM2_H
#define THM2_H

#include <flint/fmpq_mat.h>

#include "bc.h"
#include "check.h"
#include "rng.h"
#include "module.h"
#include "singleton.h"

#ifdef __cplusplus
extern "C"
{
#endif

    /* ---------------------------------------------------------- data */

    /* Singleton data with chosen sides: count[k] points on side k
   (k < 2d) and targets whose side sum B_k has sign need[k] (a side with
   need 0 and one point gets y = 0; with more points the targets cancel
   in pairs).  Magnitudes |s_t| in {1/2, 3/4, 1, ..., 2} and |y_t| in
   (1/4, 4] are dyadic, drawn from rng; the points are shuffled. */
    void thm2_data_sides(singleton_data_t D, slong d, const slong *count, const int *need, rng_t rng);

    /* Random singleton data: m points, coordinate j(t) uniform in [0, d),
   sign fair, |s_t| = (1 + u) 2^e with u uniform, e in {-2..2}, and
   y_t ~ N(0, 1), all doubles (exact). */
    void thm2_data_random(singleton_data_t D, slong m, slong d, rng_t rng);

    /* Reads the user's data file (one point per line: x_1,...,x_d,y;
   csv.h grammar, exact) into D and checks the singleton hypothesis.
   Returns 0 on success; otherwise writes a one-line message (no newline)
   into err -- the CSV reader's "PATH:LINE:COL: ..." for a malformed file,
   "PATH: ..." for too few columns, or "PATH:LINE: ..." naming the first
   point that is not a singleton and its non-zero coordinates -- and
   returns 1. */
    int thm2_data_read(singleton_data_t D, const char *path, char *err, size_t errlen);

    /* As thm2_data_read, from the len bytes at buf named name in messages
   (rows are then named by their index, "name: row K"). */
    int thm2_data_read_mem(singleton_data_t D, const char *name, const char *buf, size_t len, char *err,
                           size_t errlen);

    /* Exact signs of a network given in doubles: ws[i d + j] = sign w_ij
   and vs[i] = sign v_i (the sign of <w_i, x_t> is sign(w_ij) sign(s_t),
   exact without any filter).  Returns 1 when (W, v) lies on a basin
   boundary (some v_i = 0, or w_ij = 0 on a coordinate with data), else
   0.  D must be singleton. */
    int thm2_signs(int *ws, int *vs, const singleton_data_t D, const double *W, const double *v, slong n);

    /* The basin sign pattern a[i m + t] = sign <w_i, x_t> = ws[i d + j(t)]
   sgn(t) of basin.h (n * m entries). */
    void thm2_pattern(int *a, const singleton_data_t D, const int *ws, slong n);

    /* Sets ws (n d) and vs (n) to the sign pattern number M < 2^(n(d+1)):
   bit i d + j of M is w_ij > 0, bit n d + i is v_i > 0.  Under
   Assumption 1 the 2^(n(d+1)) patterns are equally likely. */
    void thm2_sign_pattern(int *ws, int *vs, ulong M, slong n, slong d);

    /* ------------------------------------------ basin value and alpha */

    /* Everything from here on needs singleton data (D->singleton). */

    /* The closed form (thm2.tex, Lemma 2.A): bas = (1/m) sum_k side costs,
   side k = (j, sigma) having the output signs of the neurons with
   sign w_ij = sigma.  Signs as from thm2_signs (no boundary). */
    void thm2_bas_closed(fmpq_t bas, const singleton_data_t D, const int *ws, const int *vs, slong n);

    /* B.4's event: every side with a need has a neuron active on it whose
   output sign is the need.  Returns 1 or 0.  vs may be NULL: then any
   active neuron counts, whatever its output sign (a false variant of the
   event, for the mutation test). */
    int thm2_event(const singleton_data_t D, const int *ws, const int *vs, slong n);

    /* The naive value (1/m) sum_k opt_k: every side at its own best.  It
   is a lower bound of alpha, attained only when the needs can be met
   (a negative control at small n). */
    void thm2_alpha_naive(fmpq_t a, const singleton_data_t D);

    /* Sets W (n x d, initialised with that shape) and v (n entries) to an
   explicit width-n network whose loss is alpha: v_i = +-1 with the
   minimising count P of positive signs, and on each coordinate the
   placement attaining cost_j(P, n - P), one neuron of the needed sign
   carrying w_ij = +-|beta*_k| on each side it serves, every other
   w_ij = 0. */
    void thm2_alpha_net(fmpq_mat_t W, fmpq *v, const singleton_data_t D, slong n);

    /* B.4's construction, given the signs of (W, v) (no boundary) and the
   event: sets Wp (n x d) to W' with, for each side k with a need, the
   first neuron i active on it with sign v_i = need_k carrying
   w'_ij = sigma |beta*_k| / |v_i| (sigma the side's sign), and every
   other w'_ij = 0; v is unchanged.  Returns 1, or 0 when the event
   fails (Wp then undefined).  vq holds v exactly. */
    int thm2_b4_construct(fmpq_mat_t Wp, const singleton_data_t D, const int *ws, const int *vs,
                          const fmpq *vq, slong n);

    /* ------------------------------------------------ probabilities */

    /* b = 1 - sides c^n exactly: the theorem's bound with sides = 2d and
   c = 3/4, or a tightened constant for the controls. */
    void thm2_bound(fmpq_t b, slong sides, slong n, const fmpq_t c);

    /* The least n >= 1 with 1 - sides c^n >= 1/2 (0 < c < 1, sides >= 1). */
    slong thm2_half_width(slong sides, const fmpq_t c);

    extern const module_struct module_thm2;
    extern const char *const fragment_thm2[];

#ifdef __cplusplus
}
#endif

#endif
