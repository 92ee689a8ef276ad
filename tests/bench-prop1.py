#!/usr/bin/env python3
"""bench-prop1.py -- the NumPy reference of `basincheck bench prop1`.

Usage:  tests/bench-prop1.py [--samples K] [--seed S] [--batch B]

The workload of `basincheck bench prop1`, written as a user would write it
with NumPy: float64, one thread, networks drawn and evaluated in batches
of B = 500.  A network is 16-64-64-1 with biases on the hidden layers,
every parameter N(0, 1); the data are m = 32 points x ~ N(0, I/16) with
targets y ~ N(0, 1).  For each network the event of Proposition 1,
L(P) > L(0) for the squared loss, is decided in plain float64 (no error
analysis, no exactness: near a tie the answer can be wrong).

The draws are NumPy's own (default_rng(seed)), not basincheck's Philox
streams: the two programs run the same law and the same arithmetic, not
the same numbers, so the counts agree in distribution only.

The last line reads
    bench-prop1.py: samples=K seconds=S rate=R/s events=E
(seconds: drawing and evaluating, not the data set or the imports); the
line before gives the CPU time of the same loop (a figure that a machine
shared with other work disturbs less than the wall-clock rate).
`basincheck bench prop1 --compare` runs this script and prints the ratio
of its own rate to R.  Exit status: 0, or 3 when numpy is missing, 2 on
bad usage.  Not run by `make check`.
"""

import os
import sys
import time

# one thread, as basincheck's one-thread figure: set before numpy loads
# its BLAS
for _v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ[_v] = "1"

try:
    import numpy as np
except ImportError:
    sys.stderr.write("bench-prop1.py: numpy is not installed for %s (Debian: apt-get install "
                     "python3-numpy, or name another interpreter)\n" % sys.executable)
    sys.exit(3)


def main(argv):
    samples, seed, batch = 20000, 1, 500
    i = 1
    while i < len(argv):
        a = argv[i]
        if a in ("--samples", "--seed", "--batch") and i + 1 < len(argv):
            try:
                v = int(argv[i + 1])
            except ValueError:
                v = -1
            if v < (0 if a == "--seed" else 1):
                sys.stderr.write("bench-prop1.py: %s expects a positive integer, got '%s'\n" % (a, argv[i + 1]))
                return 2
            if a == "--samples":
                samples = v
            elif a == "--seed":
                seed = v
            else:
                batch = v
            i += 2
        else:
            sys.stderr.write("bench-prop1.py: unknown or incomplete option '%s'\n" % a)
            return 2

    d, n1, n2, m = 16, 64, 64, 32
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((m, d)) / np.sqrt(d)  # x ~ N(0, I/d), one row per point
    y = rng.standard_normal(m)
    L0 = np.mean(y * y)

    events = 0
    done = 0
    c0 = time.process_time()
    t0 = time.perf_counter()
    while done < samples:
        b = min(batch, samples - done)
        W1 = rng.standard_normal((b, n1, d))
        b1 = rng.standard_normal((b, n1, 1))
        W2 = rng.standard_normal((b, n2, n1))
        b2 = rng.standard_normal((b, n2, 1))
        w3 = rng.standard_normal((b, 1, n2))
        H1 = np.maximum(W1 @ X.T + b1, 0.0)  # (b, n1, m)
        H2 = np.maximum(W2 @ H1 + b2, 0.0)  # (b, n2, m)
        P = (w3 @ H2)[:, 0, :]  # (b, m)
        L = np.mean((P - y) ** 2, axis=1)
        events += int(np.count_nonzero(L > L0))
        done += b
    secs = time.perf_counter() - t0
    cpu = time.process_time() - c0

    print("bench-prop1.py: numpy %s, batches of %d, float64, one thread; cpu=%.3f s (%.0f samples per CPU-second)"
          % (np.__version__, batch, cpu, samples / cpu))
    print("bench-prop1.py: samples=%d seconds=%.3f rate=%.0f/s events=%d" % (samples, secs, samples / secs, events))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
