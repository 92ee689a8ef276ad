#!/bin/sh
# tail-cli.sh -- `basincheck tail`: exact values on small cases (checked
# by hand or with Python's fractions), rigorous enclosures on large ones,
# and bad command lines rejected with one 'basincheck: ...' line on
# stderr and exit status 2.
BC=${BASINCHECK:-./basincheck}
fails=0
passes=0
tmp=${TMPDIR:-/tmp}/bc-tail.$$
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT

# expect STATUS ARGS...: exit status; for 2, exactly one 'basincheck: ' line
expect() {
    want=$1; shift
    $BC_WRAP "$BC" tail "$@" >"$tmp/out" 2>"$tmp/err"
    got=$?
    lines=$(wc -l <"$tmp/err")
    if [ "$got" -ne "$want" ]; then
        echo "FAIL: basincheck tail $* -> exit $got, expected $want"; cat "$tmp/err"; fails=$((fails + 1))
    elif [ "$want" -eq 2 ] && { [ "$lines" -ne 1 ] || ! grep -q '^basincheck: ' "$tmp/err"; }; then
        echo "FAIL: basincheck tail $* -> stderr is not one 'basincheck: ...' line:"; cat "$tmp/err"
        fails=$((fails + 1))
    else
        passes=$((passes + 1))
    fi
}

# has STRING ARGS...: exit 0 and STRING (fixed) in stdout
has() {
    want=$1; shift
    $BC_WRAP "$BC" tail "$@" >"$tmp/out" 2>"$tmp/err"
    got=$?
    if [ "$got" -ne 0 ] || ! grep -qF -- "$want" "$tmp/out"; then
        echo "FAIL: basincheck tail $* -> exit $got, output lacks '$want':"; cat "$tmp/out" "$tmp/err"
        fails=$((fails + 1))
    else
        passes=$((passes + 1))
    fi
}

# good cases: exact rationals
has '"tail": "1/16"' --trials 4 --p 0.5 --below 1 --json
has 'tail (exact):   1/16' --trials 4 --p 1/2 --below 1
has '"tail": "14174288335861/24603750000000"' --trials 10 --p 7/30 --below 3 --json
has '"p": "1/10"' --trials 5 --p 0.1 --below 2 --json
has '"p": "1/400"' --trials 5 --p 2.5e-3 --below 2 --json
has '"tail": "0"' --trials 5 --p 0.3 --below 0 --json
has '"tail": "1"' --trials 5 --p 0.3 --below 6 --json
has '"tail": "1"' --trials 5 --p 0 --below 1 --json
has '"tail": "0"' --trials 5 --p 1 --below 5 --json
has '"tail": "1/32"' --trials 5 --p 1/2 --below 1 --json
# the c = 2 erratum witness of Theorem 3: tail ~ 3.6788e-7 > exp(-15) ~ 3.0590e-7
has '"lower": "3.67883685182985' --trials 232 --p 0.26 --below 30 --json
has '"bounds_hold": true' --trials 232 --p 0.26 --below 30 --json
# large N: a rigorous enclosure, not exact
has '"exact": false' --trials 2000000 --p 1e-4 --below 100 --json
has '"lower": "1.83915299943611053' --trials 2000000 --p 0.0001 --below 100 --json
has '"bounds_hold": true' --trials 2000000 --p 0.0001 --below 100 --json
# bounds not applicable beyond the mean
has '"applies": false' --trials 10 --p 0.1 --below 5 --json
has 'Hoeffding' --trials 100 --p 0.3 --below 20
# applicability is a rational comparison, decided exactly: K = 0 is the
# empty event (no bound is printed as '<= 0'), p = 0 and p = 1 fail
# 0 < p < 1 (never 'undecided'), and at K - 1 = N p every bound is 1
# exactly (N p = 1 is not exact in binary)
lacks() {
    want=$1; shift
    $BC_WRAP "$BC" tail "$@" >"$tmp/out" 2>"$tmp/err"
    got=$?
    if [ "$got" -ne 0 ] || grep -qF -- "$want" "$tmp/out"; then
        echo "FAIL: basincheck tail $* -> exit $got, output has '$want':"; cat "$tmp/out" "$tmp/err"
        fails=$((fails + 1))
    else
        passes=$((passes + 1))
    fi
}
lacks '<= 0' --trials 5 --p 0.3 --below 0
has 'not applicable (K = 0: the event X < 0 is empty' --trials 5 --p 0.3 --below 0
has '"chernoff_relative_entropy": {"applies": false' --trials 5 --p 0.3 --below 0 --json
lacks 'undecided' --trials 5 --p 0 --below 1
lacks 'undecided' --trials 5 --p 1 --below 5
lacks 'undecided' --trials 5 --p 0 --below 2 --json
has '"chernoff_relative_entropy": {"applies": false' --trials 5 --p 1 --below 5 --json
has '"chernoff_multiplicative": {"applies": true' --trials 5 --p 1 --below 5 --json
has '"chernoff_relative_entropy": {"applies": true, "upper": "1.0000000000000000000e+0"}' --trials 3 --p 1/3 --below 2 --json
has '"hoeffding": {"applies": true, "upper": "1.0000000000000000000e+0"}' --trials 3 --p 1/3 --below 2 --json
has '"bounds_hold": true' --trials 3 --p 1/3 --below 2 --json
expect 0 --help

# bad command lines
expect 2
expect 2 --trials
expect 2 --trials 10 --p 0.5
expect 2 --p 0.5 --below 3
expect 2 --trials 10 --below 3
expect 2 --trials -1 --p 0.5 --below 3
expect 2 --trials 1e3 --p 0.5 --below 3
expect 2 --trials 2000000000 --p 0.5 --below 3
expect 2 --trials 10 --p nan --below 3
expect 2 --trials 10 --p inf --below 3
expect 2 --trials 10 --p -0.1 --below 3
expect 2 --trials 10 --p 1.5 --below 3
expect 2 --trials 10 --p 3/2 --below 3
expect 2 --trials 10 --p 1/0 --below 3
expect 2 --trials 10 --p abc --below 3
expect 2 --trials 10 --p 0.1x --below 3
expect 2 --trials 10 --p '' --below 3
expect 2 --trials 10 --p 1e --below 3
expect 2 --trials 10 --p . --below 3
expect 2 --trials 10 --p 0.5 --below -1
expect 2 --trials 10 --p 0.5 --below 1.5
expect 2 --trials 10 --p 0.5 --below 3 --bogus
expect 2 --trials 10 --p 0.5 --below 3 extra
expect 2 --trials 10 --p 0.5 --p 0.25 --below 3
expect 2 --trials 10 --p "$(printf '0.5\nx')" --below 3

echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
