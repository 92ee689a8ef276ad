#!/bin/sh
# basin-cli.sh -- `basincheck basin` and `basincheck bench basin` on good
# and bad inputs.  Good inputs: hand-solved values (docs/examples), the
# JSON keys, the boundary result (exit 1, neuron and point named by their
# line numbers).  Bad inputs: exit 2, nothing on stdout and exactly one
# line on stderr, starting with 'basincheck: ' (the convention of the whole
# program; file problems continue with FILE:LINE:COL).  Any status above
# 128 (a signal) fails.
. "${top_srcdir:-.}/tests/testlib.sh"
scratch basin

D=$EX/basin-data.csv

# --- good inputs: values computed by hand (see the comments in the files)
good 0 'Bas = 1/3 (exact)' basin --data "$D" --weights "$EX/basin-net.csv"
good 0 '  neuron 1 (line 5): v +, active on 3 of 3  +++' basin --data "$D" --weights "$EX/basin-net.csv"
good 0 'Bas = 145/48 (exact)' basin --weights "$EX/basin-net-neg.csv" --data "$D"
good 0 'in [3.0208333333333333333e+0, 3.0208333333333333334e+0]' basin --data "$D" --weights "$EX/basin-net-neg.csv"
good 0 'Bas = 1/3 (exact)' basin --data "$D" --weights "$EX/basin-net-two.csv"
good 0 '  neuron 2 (line 5): v -, active on 1 of 3  --+' basin --data "$D" --weights "$EX/basin-net-two.csv"
good 0 'Usage: basincheck basin' basin --help
good 0 'Usage: basincheck basin' basin --data x.csv -h

# --- JSON: one object on one line with the documented keys and values
good 0 '"status": "exact"' basin --json --data "$D" --weights "$EX/basin-net-neg.csv"
[ "$(wc -l <"$tmp/out")" -eq 1 ] && ok || fail "--json output is not one line"
has '"exact": "145/48"'
has '"lower": "3.0208333333333333333e+0"'
has '"upper": "3.0208333333333333334e+0"'
has '"width": "0"'
has '"certified": true'
has '"pattern": ["-:+++"]'
has '"active": [3]'
has '"n": 1, "m": 3, "d": 3'
has '"boundary": null'
if command -v python3 >/dev/null 2>&1; then
    if python3 -c 'import json,sys; o=json.load(open(sys.argv[1])); assert o["exact"]=="145/48" and o["certified"] is True' "$tmp/out" 2>/dev/null; then
        ok
    else
        fail "--json output is not valid JSON with the expected values"
    fi
fi
good 0 '"pattern": ["+:+++", "-:--+"]' basin --data "$D" --weights "$EX/basin-net-two.csv" --json
has '"exact": "1/3"'

# an integer value is written as the same canonical rational in text and
# JSON ("0", not "0/1"); CRLF line ends and a byte order mark are
# accepted, and line numbers still count every line
printf '\357\273\277# x,y\r\n\r\n2,5\r\n' >"$tmp/crlf-data.csv"
printf '# w,v\r\n1,1\r\n' >"$tmp/crlf-net.csv"
good 0 '"exact": "0", "exact_bits": [0, 1]' basin --data "$tmp/crlf-data.csv" --weights "$tmp/crlf-net.csv" --json
has '"lower_rational": "0", "upper_rational": "0"'
good 0 'Bas = 0 (exact)' basin --data "$tmp/crlf-data.csv" --weights "$tmp/crlf-net.csv"
good 0 '  neuron 1 (line 2): v +' basin --data "$tmp/crlf-data.csv" --weights "$tmp/crlf-net.csv"
# wrong output sign: prediction stuck at 0, Bas = 25 / 1
printf '1,-1\n' >"$tmp/neg-net.csv"
good 0 'Bas = 25 (exact)' basin --data "$tmp/crlf-data.csv" --weights "$tmp/neg-net.csv"

# a long exact value: on stdout its decimal enclosure and its size, in
# full with --digits all; JSON always has it whole (and the same string)
printf '0.1234567,0.3,1.7654321\n0.7654321,-0.9,-0.3333333\n1.2345678,0.2,0.9876543\n-0.5,0.11,0.4\n' >"$tmp/long-data.csv"
printf '1,0.5,1\n-1,1,-1\n' >"$tmp/long-net.csv"
LONG=507125795395012338908736947773/857149682339894600000000000000
good 0 'Bas = an exact rational p/q with 99-bit p and 100-bit q (--digits all prints it)' basin --data "$tmp/long-data.csv" --weights "$tmp/long-net.csv"
has '    in [5.9164205020835135876e-1, 5.9164205020835135877e-1] (decimal, rounded outward)'
if grep -qF "$LONG" "$tmp/out"; then fail "a long exact value is printed in full without --digits all"; else ok; fi
good 0 "Bas = $LONG (exact)" basin --data "$tmp/long-data.csv" --weights "$tmp/long-net.csv" --digits all
good 0 "\"exact\": \"$LONG\", \"exact_bits\": [99, 100]" basin --data "$tmp/long-data.csv" --weights "$tmp/long-net.csv" --json
good 0 '    in [5.916420502083513587653520777086331132630e-1, 5.916420502083513587653520777086331132631e-1]' basin --data "$tmp/long-data.csv" --weights "$tmp/long-net.csv" --digits 40
good 0 '"lower": "5.91e-1", "upper": "5.92e-1"' basin --data "$tmp/long-data.csv" --weights "$tmp/long-net.csv" --digits 3 --json
bad "--digits expects 'all' or an integer from 1 to 10000, got '0'" -- basin --data "$D" --weights "$EX/basin-net.csv" --digits 0
bad "--digits expects 'all' or an integer from 1 to 10000, got 'many'" -- basin --data "$D" --weights "$EX/basin-net.csv" --digits many
bad '--digits needs a value' -- basin --data "$D" --weights "$EX/basin-net.csv" --digits
bad '--digits given twice' -- basin --data "$D" --weights "$EX/basin-net.csv" --digits 5 --digits all

# --- the boundary: a result (exit 1), neuron and point with their lines
good 1 'boundary: <w_2, x_1> = 0 exactly' basin --data "$D" --weights "$EX/basin-net-boundary.csv"
has "  neuron 2: $EX/basin-net-boundary.csv, line 5"
has "  data point 1: $D, line 3"
has 'has no basin of its own'
good 1 '"status": "boundary"' basin --data "$D" --weights "$EX/basin-net-boundary.csv" --json
has '"boundary": {"kind": "w", "neuron": 2, "neuron_line": 5, "point": 1, "point_line": 3, "zero_point": false, "zero_neuron": false}'
has '"exact": null, "exact_bits": null'
printf '# v = 0 below\n1,1,1,2\n1,1,1,0/7\n' >"$tmp/v0.csv"
good 1 'boundary: v_2 = 0 exactly' basin --data "$D" --weights "$tmp/v0.csv"
has "  neuron 2: $tmp/v0.csv, line 3"
good 1 '"boundary": {"kind": "v", "neuron": 2, "neuron_line": 3, "point": null, "point_line": null,' basin --json --data "$D" --weights "$tmp/v0.csv"
# a zero data point puts every network on a boundary: said so
printf '1,0,0,3\n\n# x_2 = 0\n0,0,0,1\n' >"$tmp/zero-point.csv"
good 1 'x_2 = 0, so every network lies on this boundary' basin --data "$tmp/zero-point.csv" --weights "$EX/basin-net.csv"
has "  data point 2: $tmp/zero-point.csv, line 4"
# a FIFO is read once, and its rows keep their line numbers
if mkfifo "$tmp/fifo" 2>/dev/null; then
    cat "$tmp/zero-point.csv" >"$tmp/fifo" &
    good 1 "  data point 2: $tmp/fifo, line 4" basin --data "$tmp/fifo" --weights "$EX/basin-net.csv"
    wait
fi

# --- bad inputs: the files
printf '1,2,3\n4,5\n' >"$tmp/ragged.csv"
bad 'ragged.csv:2:' -- basin --data "$tmp/ragged.csv" --weights "$EX/basin-net.csv"
printf '# comment first\n1,1,1,1,2\n' >"$tmp/net5.csv"
bad "net5.csv:2:1: expected 4 columns (d = 3 from $D), found 5" -- basin --data "$D" --weights "$tmp/net5.csv"
printf '1,2\n' >"$tmp/net2.csv"
bad 'net2.csv:1:1: expected 4 columns' -- basin --data "$D" --weights "$tmp/net2.csv"
printf '1\n2\n' >"$tmp/onecol.csv"
bad 'onecol.csv:1:1: expected at least 2 columns' -- basin --data "$tmp/onecol.csv" --weights "$EX/basin-net.csv"
: >"$tmp/empty.csv"
bad 'empty.csv' -- basin --data "$tmp/empty.csv" --weights "$EX/basin-net.csv"
bad 'empty.csv' -- basin --data "$D" --weights "$tmp/empty.csv"
printf '# only a comment\n\n' >"$tmp/comment.csv"
bad 'comment.csv' -- basin --data "$tmp/comment.csv" --weights "$EX/basin-net.csv"
printf '1,nan,0,1\n' >"$tmp/nan.csv"
bad 'nan.csv:1:3' -- basin --data "$tmp/nan.csv" --weights "$EX/basin-net.csv"
printf '1,0,0,1\n0,1,0,-Inf\n' >"$tmp/inf.csv"
bad 'inf.csv:2:' -- basin --data "$tmp/inf.csv" --weights "$EX/basin-net.csv"
printf '1,1,1,1e100000\n' >"$tmp/hugeexp.csv"
bad 'hugeexp.csv:1:' -- basin --data "$D" --weights "$tmp/hugeexp.csv"
printf '1,1,1,1/0\n' >"$tmp/zeroden.csv"
bad 'zeroden.csv:1:' -- basin --data "$D" --weights "$tmp/zeroden.csv"
printf '1,1,1,1.5x\n' >"$tmp/garbage.csv"
bad 'garbage.csv:1:' -- basin --data "$D" --weights "$tmp/garbage.csv"
printf '1,1,1,\n' >"$tmp/trailing.csv"
bad 'trailing.csv:1:' -- basin --data "$D" --weights "$tmp/trailing.csv"
{ printf '1,1,'; printf '\000'; printf '1,1\n'; } >"$tmp/nul.csv"
bad 'nul.csv:1:' -- basin --data "$D" --weights "$tmp/nul.csv"
bad "$tmp" -- basin --data "$tmp" --weights "$EX/basin-net.csv"
bad 'no-such-file.csv' -- basin --data "$D" --weights "$tmp/no-such-file.csv"
# a file name with a newline still gives one line
bad '' -- basin --data "$tmp/no
such" --weights "$EX/basin-net.csv"

# absurd sizes: refused before any solve, and the limit is named
awk 'BEGIN { for (i = 1; i <= 200; i++) print i ",1,2" }' >"$tmp/big-data.csv"
awk 'BEGIN { for (i = 1; i <= 2600; i++) print "1," i ",1" }' >"$tmp/big-net.csv"
bad 'n*m*d = 2600*200*2 exceeds the limit of 250000' -- basin --data "$tmp/big-data.csv" --weights "$tmp/big-net.csv"
awk 'BEGIN { for (i = 1; i <= 257; i++) print i ",1" }' >"$tmp/many-points.csv"
bad '257 data points exceed the limit of 256' -- basin --data "$tmp/many-points.csv" --weights "$tmp/neg-net.csv"
awk 'BEGIN { for (i = 0; i <= 400; i++) printf "%s1", (i ? "," : ""); print "" }' >"$tmp/wide-data.csv"
awk 'BEGIN { for (j = 1; j <= 63; j++) { for (i = 0; i <= 400; i++) printf "%s%d", (i ? "," : ""), j; print "" } }' >"$tmp/wide-net.csv"
bad 'n*d*d = 63*400*400 exceeds the limit of 10000000' -- basin --data "$tmp/wide-data.csv" --weights "$tmp/wide-net.csv"

# --- bad inputs: the command line
bad 'missing --data' -- basin
bad 'missing --weights' -- basin --data "$D"
bad 'missing --data' -- basin --weights "$EX/basin-net.csv"
bad "unknown option '--bogus'" -- basin --data "$D" --weights "$EX/basin-net.csv" --bogus
bad "unknown option '--data=x'" -- basin --data=x --weights "$EX/basin-net.csv"
bad '--weights needs a file name' -- basin --data "$D" --weights
bad '--data needs a file name' -- basin --data --json --weights "$EX/basin-net.csv"
bad 'non-empty file name' -- basin --data '' --weights "$EX/basin-net.csv"
bad 'given twice' -- basin --data "$D" --data "$D" --weights "$EX/basin-net.csv"
bad 'given twice' -- basin --data "$D" --weights "$EX/basin-net.csv" --json --json
bad "unexpected argument 'extra'" -- basin --data "$D" --weights "$EX/basin-net.csv" extra

# --- bench basin: a small run, the last line's format, bad options
run bench basin --samples 3 --seed 5
if [ "$got" -eq 0 ] && tail -n 1 "$tmp/out" |
    grep -Eq '^bench basin: instances=3 seconds=[0-9.]+ exact=[0-9]+ interval=[0-9]+ median_width=[0-9.e+-]+$'; then
    ok
else
    fail "bench basin --samples 3 -> exit $got, output:"
    cat "$tmp/out" "$tmp/err"
fi
has 'float solver alone seconds='
has 'bench basin: interval path (no exact face solve): instances=3 seconds='
has ' interval=3 median_width='
# --export: the documented files, one QP per instance (16 neurons x 16
# points x 8 coordinates: 2048 constraint entries, 16 targets)
run bench basin --samples 2 --seed 5 --export "$tmp/qp"
if [ "$got" -eq 0 ] && [ -f "$tmp/qp/summary.txt" ] && [ -f "$tmp/qp/qp-0000.txt" ] && [ -f "$tmp/qp/qp-0001.txt" ] &&
    [ ! -e "$tmp/qp/qp-0002.txt" ]; then
    ok
else
    fail "bench basin --export -> exit $got, files: $(ls "$tmp/qp" 2>&1)"
fi
has "bench basin: exported 2 QPs to $tmp/qp"
q=$tmp/qp/qp-0001.txt
if grep -qx 'size 128 16 256' "$q" && [ "$(grep -c '^y ' "$q")" -eq 16 ] && [ "$(grep -c '^G ' "$q")" -eq 2048 ] &&
    grep -q '^exact ' "$q" && grep -q '^bounds ' "$q" && grep -q '^interval ' "$q" && [ "$(tail -n 1 "$q")" = end ] &&
    grep -qx 'instances 2' "$tmp/qp/summary.txt" && grep -q '^certified_seconds ' "$tmp/qp/summary.txt"; then
    ok
else
    fail "bench basin --export: $q or summary.txt not in the documented format"
    head -n 3 "$q"
fi
: >"$tmp/not-a-dir"
bad 'is not a directory' -- bench basin --samples 1 --export "$tmp/not-a-dir"
bad '--export needs a directory name' -- bench basin --export ''
bad '--limits takes no --samples or --export' -- bench basin --limits --samples 3
good 0 'Usage: basincheck bench basin' bench basin --help
bad '--samples expects' -- bench basin --samples 0
bad '--samples expects' -- bench basin --samples abc
bad '--samples needs a value' -- bench basin --samples
bad '--seed expects' -- bench basin --seed -1
bad 'unknown option' -- bench basin --threads 2

finish
