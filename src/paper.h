/* paper.h -- the constants the paper claims, one definition each.

   A constant that a theorem states and that several paths check (the
   exact grid, the Monte Carlo rates, the constants audit) is defined here
   once, so that every path reads the same value and a mutant of the
   claim (module.h, mutant_spec) changes it for all of them: each module
   reads the constant through these functions and applies its own mutant
   where it reads it.  Reconstructed constants (the seed lost them) say
   so. */
#ifndef PAPER_H
#define PAPER_H

#include "bc.h"

#ifdef __cplusplus
extern "C"
{
#endif

    /* Theorems 2 and 4 (App. B.4, B.6): the probability 3/4 that one
       neuron fails a needy side (a coordinate sign or a direction); the
       union bound gives 1 - 2d (3/4)^n and 1 - m (3/4)^n. */
    void paper_side_fail(fmpq_t out);

    /* Theorem 3 (B.5): the rate 1/4 of P[Bas <= eps] >= 1 - exp(-c n / 4),
       the exponent the proof's Chernoff step claims for
       P[Bin(N, p_eps) < n], N = c ceil(n / p_eps): sets out = 1/4, so that
       the bound is exp(-out c n). */
    void paper_thm3_rate(fmpq_t out);

    /* Theorem 5 (B.7): the probability 7/8 that one neuron is not good for
       a given cluster; the bound is 1 - d (7/8)^n. */
    void paper_thm5_neuron_fail(fmpq_t out);

    /* Lemma 8 (B.7): the noisy probability of one cluster is at most
       1/(4d); sets out = 1/(4d).  d >= 1. */
    void paper_lemma8_noisy(fmpq_t out, slong d);

    /* Theorem 6 (reconstructed, App. C): the Chernoff rate 1/16 of
       P[bad basin] >= 1 - exp(-d/16). */
    void paper_thm6_rate(fmpq_t out);

    /* Proposition 1: the level 1/2 (1 - 2^-n) of P[the path exists],
       n the width of the last hidden layer.  n >= 0. */
    void paper_prop1_level(fmpq_t out, slong n);

#ifdef __cplusplus
}
#endif

#endif
