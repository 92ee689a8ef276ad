#!/bin/sh
# cap-cli.sh -- `basincheck cap`: exact fractions where they are rational,
# enclosures that contain known values (closed forms for D = 2, 3, 4),
# the JSON object, and bad command lines (one 'basincheck: ' line on
# stderr, exit status 2).
. "${top_srcdir:-.}/tests/testlib.sh"
scratch cap

# run WANT_STATUS ARGS...: runs basincheck cap ARGS, checks the status
run() {
    want=$1; shift
    $BC_WRAP "$BC" cap "$@" >"$tmp/out" 2>"$tmp/err"
    got=$?
    if [ "$got" -ne "$want" ]; then
        fail "basincheck cap $* -> exit $got, expected $want"; cat "$tmp/err"; return 1
    fi
    if [ "$want" -eq 2 ]; then
        if ! one_error; then
            fail "basincheck cap $* -> stderr is not one 'basincheck: ...' line:"; cat "$tmp/err"; return 1
        fi
    fi
    return 0
}

# json_field KEY: the string value of "KEY" in the JSON output
json_field() {
    sed -n "s/.*\"$1\": \"\\([^\"]*\\)\".*/\\1/p" "$tmp/out"
}

# exact ANGLE DIM FRACTION: the JSON fraction is exactly FRACTION
exact() {
    if run 0 --dim "$2" --angle "$1" --json; then
        f=$(json_field fraction)
        if [ "$f" = "$3" ] && grep -q '"exact": true' "$tmp/out"; then ok; else
            fail "cap --dim $2 --angle $1: fraction '$f', expected exact $3"; fi
    fi
}

# contains ANGLE DIM VALUE: lower <= VALUE <= upper (VALUE a decimal known
# to ~ 17 digits, compared with awk in double: the enclosure is ~ 1e-20
# wide, so this tests containment up to the double rounding of VALUE)
contains() {
    if run 0 --dim "$2" --angle "$1" --json; then
        lo=$(sed -n 's/.*"enclosure": {"lower": "\([^"]*\)", "upper": "\([^"]*\)"}.*/\1/p' "$tmp/out")
        hi=$(sed -n 's/.*"enclosure": {"lower": "\([^"]*\)", "upper": "\([^"]*\)"}.*/\2/p' "$tmp/out")
        if awk -v l="$lo" -v h="$hi" -v v="$3" 'BEGIN { e = 1e-15 * (v < 0 ? -v : v) + 1e-300;
                 exit !(l - e <= v && v <= h + e && l <= h) }'; then ok; else
            fail "cap --dim $2 --angle $1: [$lo, $hi] does not contain $3"; fi
    fi
}

exact 0 2 0
exact 0 50 0
exact pi 3 1
exact pi 200 1
exact pi/2 7 1/2
exact pi/2 2 1/2
exact pi/3 2 1/3
exact 3*pi/4 2 3/4
exact pi/3 3 1/4
exact 2*pi/3 3 3/4

# closed forms: D = 2: theta/pi; D = 3: (1 - cos theta)/2;
# D = 4: (theta - sin theta cos theta)/pi
contains 1 2 0.31830988618379067
contains 1 3 0.22984884706593014
contains 1 4 0.17359070596374240
contains 0.25 3 0.015543789144677608
contains 3/2 4 0.45500488242379003
contains 3 3 0.99499624830022271

# the text output names the bound and its verdict
if run 0 --dim 10 --angle 0.7; then
    if grep -q 'Claim 1 bound' "$tmp/out" && grep -q '>= bound: true' "$tmp/out"; then ok; else
        fail "cap --dim 10 --angle 0.7: text output lacks the bound"; cat "$tmp/out"; fi
fi
# JSON: one object with every key
if run 0 --dim 10 --angle 0.7 --json; then
    if [ "$(wc -l <"$tmp/out")" -eq 1 ] && grep -q '^{.*"fraction".*"enclosure".*"lower".*"upper".*"bound".*}$' "$tmp/out" \
        && grep -q '"bound_holds": true,' "$tmp/out"; then ok; else
        fail "cap --json: not one object with fraction, enclosure and bound"; cat "$tmp/out"; fi
fi
if run 0 --help; then ok; fi

# large dimensions: a tiny cap fraction, decided (the cosine form is
# non-finite there and must not replace the sine form's enclosure);
# 2.2791274005892830858e-7499 agrees with the elementary bounds of
# tests/t-sphere.c (test_large_d)
for dim in 100000 300000 1000000; do
    if run 0 --dim $dim --angle 1 --json; then
        f=$(json_field fraction)
        case "$f" in
            *nan* | *inf* | "") fail "cap --dim $dim --angle 1: fraction '$f'" ;;
            *) ok ;;
        esac
    fi
done
if run 0 --dim 100000 --angle 1 --json && [ "$(json_field fraction | cut -c1-10)" = "2.27912740" ]; then ok; else
    fail "cap --dim 100000 --angle 1: fraction '$(json_field fraction)', expected 2.2791274e-7499"; fi

# bad arguments
for args in "" "--dim 3" "--angle 1" "--dim 1 --angle 1" "--dim 0 --angle 1" "--dim x --angle 1" \
    "--dim 3 --angle -1" "--dim 3 --angle 3.1416" "--dim 3 --angle 4" "--dim 3 --angle 2*pi" \
    "--dim 3 --angle abc" "--dim 3 --angle 1/0" "--dim 3 --angle pi/0" "--dim 3 --angle 1.2.3" \
    "--dim 3 --angle 1e" "--dim 3 --angle nan" "--dim 3 --angle inf" "--dim 3 --angle 2pi" \
    "--dim 3 --angle 1 --bogus" "--dim 3 --dim 4 --angle 1" "--dim 3 --angle" "--dim" \
    "--dim 2000000 --angle 1" "--dim 3 --angle 1 extra"; do
    # shellcheck disable=SC2086
    if run 2 $args; then ok; fi
done
if run 2 --dim 3 --angle ''; then ok; fi

finish
