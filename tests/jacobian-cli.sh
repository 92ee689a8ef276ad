#!/bin/sh
# jacobian-cli.sh -- `basincheck jacobian` and `basincheck bench jacobian`
# on good and bad inputs.  Good inputs are solved by hand (x = 1, 2, 3 on
# the line; see the comments): the rank, the certificate, the kernel
# vector, the zero-loss set.  Bad inputs: exit 2, nothing on stdout and
# exactly one line on stderr starting with 'basincheck: '.  Any status
# above 128 (a signal) fails.
. "${top_srcdir:-.}/tests/testlib.sh"
scratch jacobian

# data x = 1, 2, 3 with targets y = (0, 1, 0)
printf '# x,y\n1,0\n2,1\n3,0\n' >"$tmp/d.csv"

# the hat 2 [x - 3/2]_+ - 6 [x - 5/2]_+ fits y exactly; x = 1 is on no
# neuron (a zero row): rank 2 < 3; the zero-loss set of the region is
# the given point's neighbourhood in {J theta = y}: dimension 4 - 2 = 2,
# and 2 + d1 = 4 with v free
printf '1,-1.5,2\n1,-2.5,-6\n' >"$tmp/hat.csv"
good 0 "rank J = 2 < min(n, P) = 3: rank deficient" jacobian --data "$tmp/d.csv" --weights "$tmp/hat.csv"
has "certificate: zero-rows"
has "nonempty (witness), dimension P - rank J = 2 with v fixed, 4 with v free"
has "loss at the given point: 0"
has "neuron 1 (line 1): active on 2 of 3  011"

# a neuron on everything (w = 0, b = 1) and the suffix {2, 3}: rank 3 = n
# (segments {1}, {2, 3}); but y_1 = 0 cannot be met: at x = 1 only the
# first neuron is active, with v = 1 and a positive pre-activation
printf '0,1,1\n1,-1.5,2\n' >"$tmp/full.csv"
good 0 "rank J = 3 = min(n, P) = 3: full rank" jacobian --data "$tmp/d.csv" --weights "$tmp/full.csv"
has "every differentiable critical point in this region has zero loss"
has "zero-loss set of the open region: empty (an exact Farkas certificate)"
run jacobian --data "$tmp/d.csv" --weights "$tmp/full.csv" --json
has '"rank": 3, "full": 3, "full_rank": true, "surjective": true, "certificate": "modp"'
has '"zero_loss_set": {"nonempty": false, "how": "farkas"'

# both neurons on everything: rows (x_j, 1), rank 2 by the count bound;
# the least-squares fit is affine, so no zero-loss point
printf '0,1,1\n0,2,-1\n' >"$tmp/all.csv"
good 0 "certificate: count" jacobian --data "$tmp/d.csv" --weights "$tmp/all.csv"
has "empty (an exact Farkas certificate)"
# the same region without the shortcut's help: the kernel (1, -2, 1) is in
# the JSON of a region whose bound does not see it: two equal points
printf '1,1\n3,1\n3,0\n-1,1\n' >"$tmp/dup.csv"
printf -- '-2,5/2,1\n1,-3/2,1\n1,1/2,1\n' >"$tmp/dupw.csv"
good 0 "kernel vector (y^T J = 0, v = 1): 0 1 -1 0" jacobian --data "$tmp/dup.csv" --weights "$tmp/dupw.csv"
has "certificate: kernel"
run jacobian --data "$tmp/dup.csv" --weights "$tmp/dupw.csv" --json
has '"kernel_side": "left", "kernel_vector": ["0", "1", "-1", "0"]'
if [ -n "$PYTHON_JSONSCHEMA" ]; then
    if "$PYTHON_JSONSCHEMA" -c 'import json,sys; json.load(open(sys.argv[1]))' "$tmp/out"; then
        ok
    else
        fail "the --json output is not valid JSON"
    fi
fi

# a point on a boundary (w = 0, b = 0: every pre-activation is 0) and a
# zero output weight
printf '0,0,1\n1,-1.5,0\n' >"$tmp/bd.csv"
good 0 "boundary: <w_1, x_1> + b_1 = 0 exactly" jacobian --data "$tmp/d.csv" --weights "$tmp/bd.csv"
has "(v = 0: zero columns)"
has "rank J = 0"
run jacobian --data "$tmp/d.csv" --weights "$tmp/bd.csv" --json
has '"boundary": {"neuron": 1, "neuron_line": 1, "point": 1, "point_line": 2, "count": 3}'
has '"zero_output_weights": [2]'

# help
good 0 "Usage: basincheck jacobian" jacobian --help

# bad inputs
bad "missing --data" -- jacobian --weights "$tmp/hat.csv"
bad "missing --weights" -- jacobian --data "$tmp/d.csv"
bad "unknown option '--frobnicate'" -- jacobian --data "$tmp/d.csv" --weights "$tmp/hat.csv" --frobnicate
bad "given twice" -- jacobian --data "$tmp/d.csv" --weights "$tmp/hat.csv" --json --json
bad "needs a file name" -- jacobian --data --json --weights "$tmp/hat.csv"
bad "$tmp/nope.csv" -- jacobian --data "$tmp/nope.csv" --weights "$tmp/hat.csv"
printf '1,-1.5\n' >"$tmp/short.csv"
bad "expected 3 columns" -- jacobian --data "$tmp/d.csv" --weights "$tmp/short.csv"
printf '1\n2\n' >"$tmp/one.csv"
bad "expected at least 2 columns" -- jacobian --data "$tmp/one.csv" --weights "$tmp/hat.csv"
printf '1,0\n2,x\n' >"$tmp/junk.csv"
bad "junk.csv:2:" -- jacobian --data "$tmp/junk.csv" --weights "$tmp/hat.csv"
printf '' >"$tmp/empty.csv"
bad "empty.csv" -- jacobian --data "$tmp/d.csv" --weights "$tmp/empty.csv"
bad "unexpected argument" -- jacobian stray --data "$tmp/d.csv" --weights "$tmp/hat.csv"

# the benchmark runs and reports a rate
good 0 "rate=" bench jacobian --samples 1 --threads 1
has "n=190 d0=95 d1=1..15 decisions=15"

finish
