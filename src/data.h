/* data.h -- training sets S = {(x_t, y_t)}, t = 1..m (Notation of the
   paper).  Inputs are doubles, hence exact dyadic rationals; targets are
   real vectors of length k (squared loss) or class labels in [0, k)
   (cross-entropy with softmax). */
#ifndef DATA_H
#define DATA_H

#include "bc.h"
#include "rng.h"

#ifdef __cplusplus
extern "C"
{
#endif

    typedef struct
    {
        slong m;    /* number of points */
        slong d;    /* input dimension */
        slong k;    /* output dimension (number of classes for labels) */
        double *X;  /* m x d, row t is x_t */
        double *Y;  /* m x k real targets (squared loss) */
        slong *lab; /* m labels in [0, k) (cross-entropy) */
    } data_struct;

    typedef data_struct data_t[1];

    /* Allocates an m x d data set with k outputs, all entries zero. */
    void data_init(data_t S, slong m, slong d, slong k);
    void data_clear(data_t S);

/* x_t and y_t of point t. */
#define data_x(S, t) ((S)->X + (t) * (S)->d)
#define data_y(S, t) ((S)->Y + (t) * (S)->k)

    /* Fills S with x_t ~ N(0, I/d) scaled by xscale, real targets
   y ~ N(0, yscale^2) and labels uniform in [0, k). */
    void data_randomize(data_t S, double xscale, double yscale, rng_t rng);

#ifdef __cplusplus
}
#endif

#endif
