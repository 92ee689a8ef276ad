#!/bin/sh
# tail-cli.sh -- `basincheck tail`: exact values on small cases (checked
# by hand or with Python's fractions), rigorous enclosures on large ones,
# and bad command lines rejected with one 'basincheck: ...' line on
# stderr and exit status 2.
. "${top_srcdir:-.}/tests/testlib.sh"
scratch tail

# good cases: exact rationals
good 0 '"tail": "1/16"' tail --trials 4 --p 0.5 --below 1 --json
good 0 'tail (exact):   1/16' tail --trials 4 --p 1/2 --below 1
good 0 '"tail": "14174288335861/24603750000000"' tail --trials 10 --p 7/30 --below 3 --json
good 0 '"p": "1/10"' tail --trials 5 --p 0.1 --below 2 --json
good 0 '"p": "1/400"' tail --trials 5 --p 2.5e-3 --below 2 --json
good 0 '"tail": "0"' tail --trials 5 --p 0.3 --below 0 --json
good 0 '"tail": "1"' tail --trials 5 --p 0.3 --below 6 --json
good 0 '"tail": "1"' tail --trials 5 --p 0 --below 1 --json
good 0 '"tail": "0"' tail --trials 5 --p 1 --below 5 --json
good 0 '"tail": "1/32"' tail --trials 5 --p 1/2 --below 1 --json
# the c = 2 erratum witness of Theorem 3: tail ~ 3.6788e-7 > exp(-15) ~ 3.0590e-7
good 0 '"lower": "3.67883685182985' tail --trials 232 --p 0.26 --below 30 --json
good 0 '"bounds_hold": true' tail --trials 232 --p 0.26 --below 30 --json
# large N: a rigorous enclosure, not exact
good 0 '"exact": false' tail --trials 2000000 --p 1e-4 --below 100 --json
good 0 '"lower": "1.83915299943611053' tail --trials 2000000 --p 0.0001 --below 100 --json
good 0 '"bounds_hold": true' tail --trials 2000000 --p 0.0001 --below 100 --json
# bounds not applicable beyond the mean
good 0 '"applies": false' tail --trials 10 --p 0.1 --below 5 --json
good 0 'Hoeffding' tail --trials 100 --p 0.3 --below 20
# applicability is a rational comparison, decided exactly: K = 0 is the
# empty event (no bound is printed as '<= 0'), p = 0 and p = 1 fail
# 0 < p < 1 (never 'undecided'), and at K - 1 = N p every bound is 1
# exactly (N p = 1 is not exact in binary)
# lacks STRING ARGS...: exit 0 and STRING (fixed) not in stdout
lacks() {
    want=$1
    shift
    run tail "$@"
    if [ "$got" -ne 0 ] || grep -qF -- "$want" "$tmp/out"; then
        fail "basincheck tail $* -> exit $got, output has '$want':"
        cat "$tmp/out" "$tmp/err"
    else
        ok
    fi
}
lacks '<= 0' --trials 5 --p 0.3 --below 0
good 0 'not applicable (K = 0: the event X < 0 is empty' tail --trials 5 --p 0.3 --below 0
good 0 '"chernoff_relative_entropy": {"applies": false' tail --trials 5 --p 0.3 --below 0 --json
lacks 'undecided' --trials 5 --p 0 --below 1
lacks 'undecided' --trials 5 --p 1 --below 5
lacks 'undecided' --trials 5 --p 0 --below 2 --json
good 0 '"chernoff_relative_entropy": {"applies": false' tail --trials 5 --p 1 --below 5 --json
good 0 '"chernoff_multiplicative": {"applies": true' tail --trials 5 --p 1 --below 5 --json
good 0 '"chernoff_relative_entropy": {"applies": true, "upper": "1.0000000000000000000e+0"}' tail --trials 3 --p 1/3 --below 2 --json
good 0 '"hoeffding": {"applies": true, "upper": "1.0000000000000000000e+0"}' tail --trials 3 --p 1/3 --below 2 --json
good 0 '"bounds_hold": true' tail --trials 3 --p 1/3 --below 2 --json
expect 0 tail --help

# bad command lines
expect 2 tail
expect 2 tail --trials
expect 2 tail --trials 10 --p 0.5
expect 2 tail --p 0.5 --below 3
expect 2 tail --trials 10 --below 3
expect 2 tail --trials -1 --p 0.5 --below 3
expect 2 tail --trials 1e3 --p 0.5 --below 3
expect 2 tail --trials 2000000000 --p 0.5 --below 3
expect 2 tail --trials 10 --p nan --below 3
expect 2 tail --trials 10 --p inf --below 3
expect 2 tail --trials 10 --p -0.1 --below 3
expect 2 tail --trials 10 --p 1.5 --below 3
expect 2 tail --trials 10 --p 3/2 --below 3
expect 2 tail --trials 10 --p 1/0 --below 3
expect 2 tail --trials 10 --p abc --below 3
expect 2 tail --trials 10 --p 0.1x --below 3
expect 2 tail --trials 10 --p '' --below 3
expect 2 tail --trials 10 --p 1e --below 3
expect 2 tail --trials 10 --p . --below 3
expect 2 tail --trials 10 --p 0.5 --below -1
expect 2 tail --trials 10 --p 0.5 --below 1.5
expect 2 tail --trials 10 --p 0.5 --below 3 --bogus
expect 2 tail --trials 10 --p 0.5 --below 3 extra
expect 2 tail --trials 10 --p 0.5 --p 0.25 --below 3
expect 2 tail --trials 10 --p "$(printf '0.5\nx')" --below 3

finish
