/* cert_net.h -- certificates about networks of net.h (kind "relu_path",
   docs/certificates.md), apart from cert.h so that cert.h's users need
   not see the network and data types. */
#ifndef CERT_NET_H
#define CERT_NET_H

#include "cert.h"
#include "net.h"

#ifdef __cplusplus
extern "C"
{
#endif

    /* Theorem 1's hypotheses on a piecewise-linear path of deep ReLU
   networks (kind "relu_path"): the network shape of N (widths, ReLU
   hidden layers with biases, linear output layer), the data S (inputs;
   targets for the squared loss, labels for cross-entropy), the loss, and
   the nknots knots (npar doubles each, N's flat layout) of the path
   W(lambda), knot j at lambda = j / (nknots - 1), linear in between.
   claim "hyp_i": on every lambda in [0, 1] the ray of P(W(lambda)) is
   unbounded (squared: some prediction non-zero; cross-entropy: on some
   point a wrong class scores strictly above the label); "hyp_ii":
   L(P(W(0))) > L(0) and L(P(W(1))) < L(P(W(0))).  t is the caller's
   decision; the checker decides the claim itself (interval subdivision
   of the path, exact or interval losses).  Returns t; BC_UNDECIDED
   attaches nothing. */
    truth_t cert_relu_path(check_t chk, const char *label, const net_t N, const data_t S, loss_kind kind,
                           const double *knots, slong nknots, const char *claim, truth_t t);

#ifdef __cplusplus
}
#endif

#endif
