#!/bin/sh
# cli-errors.sh -- bad command lines get one line on stderr naming the
# problem and exit status 2; help and version exit 0.  Each case is also
# a check that the program does not crash (status > 128 would be a signal).
. "${top_srcdir:-.}/tests/testlib.sh"
scratch cli

expect 0 --help
expect 0 --version
expect 0 list
expect 2
expect 2 frobnicate
expect 2 list extra
expect 2 run --seed
expect 2 run --seed -1
expect 2 run --seed 12x
expect 2 run --seed 99999999999999999999999
expect 2 run --seed 0x10
expect 2 run --quick --full
# output that cannot be written is an error, not a success
if [ -w /dev/full ]; then
    for cmd in list --help; do
        $BC_WRAP "$BC" $cmd >/dev/full 2>"$tmp/err"
        if [ $? -ne 2 ] || [ "$(wc -l <"$tmp/err")" -ne 1 ]; then
            echo "FAIL: basincheck $cmd >/dev/full did not fail with one line"; fails=$((fails + 1))
        else
            ok
        fi
    done
fi
expect 2 run --seed " 7"
expect 2 run --samples 1e3
expect 2 run --threads 0
expect 2 run --threads 1000
expect 2 run --threads abc
expect 2 run --samples -5
expect 2 run --samples 0
# the user's instance goes only to modules that take it
expect 2 run --data "$tmp/none.csv"
expect 2 run thm1 --data "$tmp/none.csv"
expect 2 run lemma12 --eps 1/10
expect 2 run --dim 0
expect 2 run --width x
expect 2 run --clusters 99999999
expect 2 run --data ""
expect 2 run --teacher
# an input error ends the run: one line, no summary, no half-written report
expect 2 run thm4 --data "$tmp/none.csv" --width 2 --json "$tmp/half.json"
if [ -e "$tmp/half.json" ]; then echo "FAIL: a report was left after an input error"; fails=$((fails + 1)); fi
expect 2 run --samples 1e3
expect 2 run --confidence 1
expect 2 run --confidence 0
expect 2 run --confidence nan
expect 2 run --confidence 0.9x
expect 2 run --slack 0
expect 2 run --bogus
expect 2 run no.such.check
expect 2 run ''
expect 2 run --quick --json /nonexistent-dir/r.json thm1
expect 2 run --quick --tex "$tmp" thm1
expect 2 bench
expect 2 bench nosuch
expect 2 bench prop1 --samples abc
# thm4: the user's data must have rank(X) = m; --data needs --width
printf '1,0,0,3\n0,1,0,1\n1,1,0,2\n' >"$tmp/dep4.csv"
expect 2 run thm4 --quiet --data "$tmp/dep4.csv" --width 3
expect 2 run thm4 --quiet --data "$tmp/dep4.csv"
expect 2 run thm4 --quiet --data "$tmp/none.csv" --width 2
expect 2 bench thm4 --samples abc
# thm2: the user's data must be singleton data, named by file and line;
# --data needs --width; the width is bounded
printf '1,0,0,3\n# a comment\n0,-2,0,1\n1,0,0.5,2\n' >"$tmp/ns2.csv"
printf '1,0,3\n0,0,1\n' >"$tmp/z2.csv"
printf '1,0,3\n0,-2,1\n' >"$tmp/ok2.csv"
printf '1,3\n1,x\n' >"$tmp/bad2.csv"
expect 2 run thm2 --quiet --data "$tmp/ns2.csv" --width 3
if ! grep -q "ns2.csv:4: point 3 is not a singleton: 2 non-zero coordinates (x_1, x_3)" "$tmp/err"; then
    echo "FAIL: thm2 does not name the non-singleton point:"; cat "$tmp/err"; fails=$((fails + 1))
fi
expect 2 run thm2 --quiet --data "$tmp/z2.csv" --width 3
expect 2 run thm2 --quiet --data "$tmp/bad2.csv" --width 3
expect 2 run thm2 --quiet --data "$tmp/ok2.csv"
expect 2 run thm2 --quiet --data "$tmp/none.csv" --width 2
expect 2 run thm2 --quiet --data "$tmp/ok2.csv" --width 5000
expect 2 run thm2 --quiet --data "$tmp/ok2.csv" --width 3 --eps 1/10
expect 2 run thm2 --quiet --data "$tmp/ns2.csv" --width 3 --json "$tmp/half2.json"
if [ -e "$tmp/half2.json" ]; then echo "FAIL: a report was left after an input error"; fails=$((fails + 1)); fi
expect 2 run thm3 --quiet --eps 1/10
expect 2 run thm3 --quiet --data "$tmp/none.csv" --teacher "$tmp/none.csv" --eps 1/10
printf '1,0,0,1\n0,1.5,0,0\n0.6,0.8,0,0.6\n' >"$tmp/t3d.csv"
printf '1,0,0,1\n' >"$tmp/t3w.csv"
expect 2 run thm3 --quiet --quick --data "$tmp/t3d.csv" --teacher "$tmp/t3w.csv" --eps 1/4
printf '1,0,0,1\n0,0.5,0,0\n0.6,0.8,0,0.6\n' >"$tmp/t3d.csv"
expect 2 run thm3 --quiet --quick --data "$tmp/t3d.csv" --teacher "$tmp/t3w.csv" --eps 0
expect 2 run thm3 --quiet --quick --data "$tmp/t3d.csv" --teacher "$tmp/t3w.csv" --eps 1e-30
# the advice names the side: p_eps vanishes at eps -> 0 and at eps = 4 (nB)^2
# (here n = B = 1), and gives the admissible range
says() {
    if grep -q "$1" "$tmp/err" && grep -q 'eps in about \[' "$tmp/err"; then ok; else
        echo "FAIL: $2: stderr does not say '$1' with the range:"; cat "$tmp/err"; fails=$((fails + 1)); fi
}
expect 2 run thm3 --quiet --quick --data "$tmp/t3d.csv" --teacher "$tmp/t3w.csv" --eps 1e-30
says 'eps is too small' 'thm3 --eps 1e-30'
expect 2 run thm3 --quiet --quick --data "$tmp/t3d.csv" --teacher "$tmp/t3w.csv" --eps 4
says 'too close to 4 (nB)^2' 'thm3 --eps 4'
expect 2 run thm3 --quiet --quick --data "$tmp/t3d.csv" --teacher "$tmp/t3w.csv" --eps 3.99999999
says 'too close to 4 (nB)^2' 'thm3 --eps 3.99999999'

# thm5: the user's clustered data (one 'basincheck: ...' line, exit 2)
printf '1,1,1\n1.0625,1,1\n-2,0.5,0\n-2,0.5625,0\n' >"$tmp/t5.csv"
printf '1,1,1\n1.5,1,1\n-2,0.5,0\n-2,1,0\n' >"$tmp/t5wide.csv"
printf '1,1,1\n1,x,2\n' >"$tmp/t5bad.csv"
printf '1,1,0\n' >"$tmp/t5c3.csv"
expect 2 run --quiet --quick thm5 --data "$tmp/t5.csv"
expect 2 run --quiet --quick thm5 --data "$tmp/t5.csv" --clusters 5
expect 2 run --quiet --quick thm5 --data "$tmp/t5.csv" --clusters 3
expect 2 run --quiet --quick thm5 --data "$tmp/t5wide.csv" --clusters 2
expect 2 run --quiet --quick thm5 --data "$tmp/t5bad.csv" --clusters 1
expect 2 run --quiet --quick thm5 --data "$tmp/t5.csv" --centres "$tmp/t5c3.csv"
expect 2 run --quiet --quick thm5 --data "$tmp/t5.csv" --centres "$tmp/t5c3.csv" --clusters 2

# thm6: --eps an exact number in (0, 1/2), --dim at most 256
expect 2 run thm6 --quiet --quick --eps 1/2
expect 2 run thm6 --quiet --quick --eps 0
expect 2 run thm6 --quiet --quick --eps -0.1
expect 2 run thm6 --quiet --quick --eps 0.6
expect 2 run thm6 --quiet --quick --eps 1/10x
expect 2 run thm6 --quiet --quick --eps 1,2
expect 2 run thm6 --quiet --quick --eps nan
expect 2 run thm6 --quiet --quick --dim 257
expect 2 run thm6 --quiet --quick --dim 0
expect 2 run thm6 --quiet --quick --width 4
expect 2 run thm6 --quiet --quick --dim 300 --json "$tmp/half6.json"
if [ -e "$tmp/half6.json" ]; then echo "FAIL: a report was left after an input error"; fails=$((fails + 1)); fi
expect 0 run thm6.user --quiet --quick --dim 3 --eps 1/3
expect 0 run thm6.user --quiet --quick --dim 40 --eps 0.125
expect 2 run --quiet --quick thm5 --width 5000
finish
