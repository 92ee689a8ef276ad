#!/bin/sh
# critical-cli.sh -- `basincheck critical` and `basincheck bench critical`
# on good and bad inputs.  Good inputs with known answers: the teacher
# itself (a global minimum, F = 0), a spurious minimum at k = 6
# (docs/examples/critical-k6.csv) and its split images (saddles), the
# split of the global minimum (a global, not strict, minimum: curvature 0),
# the symmetric saddle at k = 3, a minimum with n < k (global undecided), a
# point far from any critical point (not_critical), a zero neuron
# (undecided, exit 1).  Bad inputs: exit 2, nothing on stdout and exactly
# one line on stderr starting with 'basincheck: '.
. "${top_srcdir:-.}/tests/testlib.sh"
scratch critical

K6=$EX/critical-k6.csv

# --- the teacher itself: F = 0, least eigenvalue (pi - 2)/(4 pi) = 0.0908450569...
printf '1,0,0\n0,1,0\n0,0,1\n' >"$tmp/i3.csv"
good 0 'kind:     minimum' critical --weights "$tmp/i3.csv" --teacher 3
has 'global:   true (F = 0)'
has 'F:        0'
has 'least Hessian eigenvalue: [9.08450569'
# the same teacher from a file, rows permuted and given as rationals
printf '0,1,0\n0,0,2/2\n1,0,0\n' >"$tmp/p3.csv"
good 0 'global:   true (F = 0)' critical --weights "$tmp/p3.csv" --teacher-weights "$tmp/i3.csv"

# --- a spurious minimum at k = 6 and its split images
good 0 'kind:     minimum' critical --weights "$K6" --teacher 6
has 'global:   false (F > 0; the global value is 0)'
has 'critical point in the box: exactly one (Krawczyk)'
has 'F:        [2.508058'
good 0 'kind:     saddle' critical --weights "$K6" --teacher 6 --split 6 --alpha 1/2
has 'condition lambda_min(B_I) < 0: true'
has 'certified step t = '
good 0 'kind:     saddle' critical --weights "$K6" --teacher 6 --split 1 --alpha 0.25
# JSON: one line, the documented keys
good 0 '"kind": "saddle"' critical --weights "$K6" --teacher 6 --split 2 --alpha 1/3 --json
[ "$(wc -l <"$tmp/out")" -eq 1 ] && ok || fail "--json output is not one line"
has '"global": false'
has '"width": 7'
has '"split": {"neuron": 2, "alpha": "1/3", "condition": true'
if command -v python3 >/dev/null 2>&1; then
    if python3 -c '
import json, sys
o = json.load(open(sys.argv[1]))
assert o["kind"] == "saddle" and o["global"] is False
assert float(o["lmin"]["upper"]) < 0 and float(o["curvature"]["upper"]) < 0
assert float(o["descent"]["dF"]["upper"]) < 0 and o["descent"]["t"] > 0
assert len(o["direction"]) == 7 and len(o["centre"]) == 6
' "$tmp/out" 2>/dev/null; then
        ok
    else
        fail "--json output is not valid JSON with the expected values"
        cat "$tmp/out"
    fi
fi
good 0 '"kind": "minimum"' critical --weights "$K6" --teacher 6 --json
has '"direction": null'
has '"split": null'

# --- the split of the global minimum: F = 0, B_I = 0 exactly: not a saddle
good 0 'kind:     minimum' critical --weights "$tmp/i3.csv" --teacher 3 --split 2 --alpha 1/2
has 'condition lambda_min(B_I) < 0: false'
has 'curvature a^T B_I a / (alpha (1 - alpha)) along (a, -a): 0'

# --- the symmetric saddle at k = 3 (rows (-a, b, b) permuted), refined from 3 digits
printf -- '-0.318,0.66,0.66\n0.66,-0.318,0.66\n0.66,0.66,-0.318\n' >"$tmp/s3.csv"
good 0 'kind:     saddle' critical --weights "$tmp/s3.csv" --teacher 3
has 'descent direction u (dyadic; nonzero rows):'

# --- n < k: a minimum whose global status is open
printf '0.9463,-0.2438,0.9463\n0.0896,1.3179,0.0896\n' >"$tmp/n2.csv"
good 0 'kind:     minimum' critical --weights "$tmp/n2.csv" --teacher 3
has 'global:   undecided'

# --- far from a critical point; a zero neuron
printf '1,2\n3,-1\n' >"$tmp/far.csv"
good 0 'kind:     not_critical' critical --weights "$tmp/far.csv" --teacher 2
printf '0,0\n1,0\n' >"$tmp/zero.csv"
good 1 'kind:     undecided' critical --weights "$tmp/zero.csv" --teacher 2
has 'is zero (its midpoint in double): F is not differentiable there'

good 0 'Usage: basincheck critical' critical --help

# --- bad inputs
bad '--weights FILE is required' -- critical --teacher 3
bad 'a teacher is required' -- critical --weights "$K6"
bad 'needs d = 5' -- critical --weights "$K6" --teacher 5
bad 'has only 6 neurons' -- critical --weights "$K6" --teacher 6 --split 7 --alpha 1/2
bad '--alpha expects' -- critical --weights "$K6" --teacher 6 --split 1 --alpha 1
bad '--alpha expects' -- critical --weights "$K6" --teacher 6 --split 1 --alpha 0
bad '--alpha expects' -- critical --weights "$K6" --teacher 6 --split 1 --alpha x
bad 'go together' -- critical --weights "$K6" --teacher 6 --split 1
bad '--teacher expects' -- critical --weights "$K6" --teacher 0
bad '--split expects' -- critical --weights "$K6" --teacher 6 --split -1 --alpha 1/2
bad 'unknown option' -- critical --weights "$K6" --teacher 6 --bogus
bad 'needs a value' -- critical --weights
bad 'cannot open' -- critical --weights "$tmp/missing.csv" --teacher 3
printf '1,2\n3\n' >"$tmp/ragged.csv"
bad 'ragged.csv:2:' -- critical --weights "$tmp/ragged.csv" --teacher 2
printf '1,nan\n' >"$tmp/nan.csv"
bad 'nan.csv:1:' -- critical --weights "$tmp/nan.csv" --teacher 2
bad 'the dimensions d differ' -- critical --weights "$K6" --teacher-weights "$tmp/i3.csv"
printf '1e400,0\n0,1\n' >"$tmp/huge.csv"
bad 'huge.csv: line 1, column 1: entries must be 0 or between' -- critical --weights "$tmp/huge.csv" --teacher 2
printf '# tiny\n1,0\n0,-1e-31\n' >"$tmp/tiny.csv"
bad 'tiny.csv: line 3, column 2' -- critical --weights "$tmp/tiny.csv" --teacher 2
bad 'disagrees' -- critical --weights "$tmp/i3.csv" --teacher-weights "$tmp/i3.csv" --teacher 4

# --- the benchmark (one certificate per k)
good 0 'bench critical: k = 20 (400 parameters): 1 certificates' bench critical --samples 1
has 'bench critical: k = 10'
bad 'unknown option' -- bench critical --frobnicate

finish
