#!/bin/sh
# error-lines.sh -- every error is exactly one line "basincheck: ..." on
# stderr with exit status 2, whatever the user typed:
#  - an argument or a path holding a newline (or another control
#    character) cannot split the line: top level, run, list, cap, tail,
#    bench, bench basin, basin, and the output paths of run;
#  - a standard output that cannot be written (/dev/full) is reported
#    once, by every command that prints a result;
#  - --confidence is judged on its exact value: 0.99999999999999999999
#    lies in (0, 1) and is accepted although its nearest double is 1.
BC=${BASINCHECK:-./basincheck}
EX=${top_srcdir:-.}/docs/examples
fails=0
passes=0
tmp=${TMPDIR:-/tmp}/bc-lines.$$
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT
NL='
'
ok() { passes=$((passes + 1)); }
bad() {
    echo "FAIL: $*"
    fails=$((fails + 1))
}

# one_line ARGS...: exit 2, exactly one stderr line starting 'basincheck: '
one_line() {
    $BC_WRAP "$BC" "$@" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    if [ $rc -ne 2 ]; then
        bad "basincheck $* -> exit $rc, expected 2"
        cat "$tmp/err"
    elif [ "$(wc -l <"$tmp/err")" -ne 1 ] || ! grep -q '^basincheck: ' "$tmp/err"; then
        bad "basincheck $* -> stderr is not one 'basincheck: ...' line:"
        cat "$tmp/err"
    else
        ok
    fi
}

W="a${NL}b"
one_line "$W"
one_line list "$W"
one_line run "$W"
one_line run --seed "$W"
one_line run --bogus"$NL"x
one_line run lemma1.convex.quadratic --quick --json "$tmp/no${NL}dir/r.json"
one_line run thm2 --quick --data "$tmp/no${NL}such.csv" --width 2
one_line cap --dim "$W" --angle 1
one_line cap --dim 3 --angle "$W"
one_line tail --trials "$W" --p 1/2 --below 3
one_line bench "$W"
one_line bench basin --seed "$W"
one_line bench basin --export "$tmp/x${NL}y/z" --samples 1 --bogus
one_line basin --data "$tmp/no${NL}such.csv" --weights "$EX/basin-net.csv"
one_line basin --data "$EX/basin-data.csv" --weights "$tmp/no${NL}such.csv"
one_line run --quick lemma1.convex.quadratic --confidence "0.9${NL}"

# a standard output that cannot be written: one line, exit 2
if [ -w /dev/full ]; then
    for cmd in "basin --json --data $EX/basin-data.csv --weights $EX/basin-net.csv" \
        "basin --data $EX/basin-data.csv --weights $EX/basin-net.csv" \
        "run lemma1.convex.quadratic --quick --quiet" "cap --dim 3 --angle 1/2" \
        "tail --trials 10 --p 1/2 --below 3"; do
        $BC_WRAP "$BC" $cmd >/dev/full 2>"$tmp/err"
        rc=$?
        if [ $rc -ne 2 ] || [ "$(wc -l <"$tmp/err")" -ne 1 ]; then
            bad "basincheck $cmd >/dev/full -> exit $rc (want 2), $(wc -l <"$tmp/err") stderr lines (want 1)"
            cat "$tmp/err"
        else
            ok
        fi
    done
else
    echo "SKIP: /dev/full not writable: full standard output not tested"
fi

# --confidence: the exact decimal decides
$BC_WRAP "$BC" run lemma1.convex.quadratic --quick --quiet --confidence 0.99999999999999999999 \
    --json "$tmp/c.json" >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc -eq 0 ] && grep -q '"confidence": 0\.9' "$tmp/c.json"; then ok; else
    bad "--confidence 0.99999999999999999999 -> exit $rc, expected 0 with a confidence below 1 in the report"
    cat "$tmp/err"
fi
one_line run lemma1.convex.quadratic --quick --confidence 1.00000000000000000001
one_line run lemma1.convex.quadratic --quick --confidence 0.00000000000000000000
# 1 - C below the smallest double: refused with the reason
nines=$(awk 'BEGIN { s = "0."; for (i = 0; i < 400; i++) s = s "9"; print s }')
one_line run lemma1.convex.quadratic --quick --confidence "$nines"
if grep -q 'too close to 1' "$tmp/err"; then ok; else bad "--confidence 0.9{400}: the reason is not given"; fi

echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
