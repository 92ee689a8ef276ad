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
. "${top_srcdir:-.}/tests/testlib.sh"
scratch lines
NL='
'

W="a${NL}b"
expect 2 "$W"
expect 2 list "$W"
expect 2 run "$W"
expect 2 run --seed "$W"
expect 2 run --bogus"$NL"x
expect 2 run lemma1.convex.quadratic --quick --json "$tmp/no${NL}dir/r.json"
expect 2 run thm2 --quick --data "$tmp/no${NL}such.csv" --width 2
expect 2 cap --dim "$W" --angle 1
expect 2 cap --dim 3 --angle "$W"
expect 2 tail --trials "$W" --p 1/2 --below 3
expect 2 bench "$W"
expect 2 bench basin --seed "$W"
expect 2 bench basin --export "$tmp/x${NL}y/z" --samples 1 --bogus
expect 2 basin --data "$tmp/no${NL}such.csv" --weights "$EX/basin-net.csv"
expect 2 basin --data "$EX/basin-data.csv" --weights "$tmp/no${NL}such.csv"
expect 2 run --quick lemma1.convex.quadratic --confidence "0.9${NL}"

# a standard output that cannot be written: one line, exit 2
if [ -w /dev/full ]; then
    for cmd in "basin --json --data $EX/basin-data.csv --weights $EX/basin-net.csv" \
        "basin --data $EX/basin-data.csv --weights $EX/basin-net.csv" \
        "run lemma1.convex.quadratic --quick --quiet" "cap --dim 3 --angle 1/2" \
        "tail --trials 10 --p 1/2 --below 3"; do
        $BC_WRAP "$BC" $cmd >/dev/full 2>"$tmp/err"
        rc=$?
        if [ $rc -ne 2 ] || [ "$(wc -l <"$tmp/err")" -ne 1 ]; then
            fail "basincheck $cmd >/dev/full -> exit $rc (want 2), $(wc -l <"$tmp/err") stderr lines (want 1)"
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
    fail "--confidence 0.99999999999999999999 -> exit $rc, expected 0 with a confidence below 1 in the report"
    cat "$tmp/err"
fi
expect 2 run lemma1.convex.quadratic --quick --confidence 1.00000000000000000001
expect 2 run lemma1.convex.quadratic --quick --confidence 0.00000000000000000000
# 1 - C below the smallest double: refused with the reason
nines=$(awk 'BEGIN { s = "0."; for (i = 0; i < 400; i++) s = s "9"; print s }')
expect 2 run lemma1.convex.quadratic --quick --confidence "$nines"
if grep -q 'too close to 1' "$tmp/err"; then ok; else fail "--confidence 0.9{400}: the reason is not given"; fi

finish
