#!/bin/sh
# input-limits.sh -- hostile inputs are refused in bounded time and
# memory, with exit status 2 and one line "basincheck: ..." on stderr:
#  - the size of one number (CSV_MAX_DIGITS = 20000 digits as written, an
#    exponent counting as its value): exactly at the limit accepted (the
#    value is computed), one digit above refused, by `basin` and by a
#    claim module's reader (run thm2 --data);
#  - basin's cost estimate k^3 b^2 <= 2^36 (k = min(m, n d), b the bits of
#    the largest data entry): with k = 64 the entry 1e-153 (b = 510) is
#    accepted and 1e-154 (b = 513) refused before any solve;
#  - a stream without end (/dev/zero) is refused at its first over-long
#    line (the same under a memory limit: tests/memory-limit.sh).
. "${top_srcdir:-.}/tests/testlib.sh"
scratch lim
LIMIT=20000

# digits N C: N copies of digit C
digits() { awk -v n="$1" -v c="$2" 'BEGIN { s = ""; for (i = 0; i < n; i++) s = s c; printf "%s", s }'; }

printf '1,1\n' >"$tmp/w1.csv"
# --- the size of one number: exactly at the limit, and one digit above
{ printf '1'; digits $((LIMIT - 1)) 0; printf ',1\n-1,1\n'; } >"$tmp/at.csv"
{ printf '1'; digits $LIMIT 0; printf ',1\n-1,1\n'; } >"$tmp/over.csv"
$BC_WRAP "$BC" basin --data "$tmp/at.csv" --weights "$tmp/w1.csv" >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc -eq 0 ] && grep -q '^Bas = ' "$tmp/out" && [ ! -s "$tmp/err" ]; then ok; else
    fail "a number of exactly $LIMIT digits: exit $rc, expected 0 and a value"
    head -c 300 "$tmp/err"
fi
refused "over.csv:1:1: number too long: $((LIMIT + 1)) digits" $BC_WRAP "$BC" basin --data "$tmp/over.csv" \
    --weights "$tmp/w1.csv"
# the fraction, a rational and the exponent count the same way
{ printf '0.'; digits $LIMIT 3; printf ',1\n'; } >"$tmp/frac-over.csv"
refused "frac-over.csv:1:1: number too long: $((LIMIT + 1)) digits" $BC_WRAP "$BC" basin \
    --data "$tmp/frac-over.csv" --weights "$tmp/w1.csv"
{ printf '1,'; digits 10000 7; printf '/'; digits $((LIMIT - 10000 + 1)) 3; printf '\n'; } >"$tmp/rat-over.csv"
refused "rat-over.csv:1:3: number too long: $((LIMIT + 1)) digits" $BC_WRAP "$BC" basin \
    --data "$tmp/rat-over.csv" --weights "$tmp/w1.csv"
{ digits $((LIMIT - 10000 + 1)) 9; printf 'e-10000,1\n'; } >"$tmp/exp-over.csv"
refused "exp-over.csv:1:1: number too long: $((LIMIT + 1)) digits" $BC_WRAP "$BC" basin \
    --data "$tmp/exp-over.csv" --weights "$tmp/w1.csv"
# every reader has the limit: a claim module's --data
refused "over.csv:1:1: number too long" $BC_WRAP "$BC" run thm2 --quick --quiet --data "$tmp/over.csv" --width 2

# --- basin's cost estimate, at k = min(m, n d) = 64 (m = n = 64, d = 1):
# 1e-153 has b = 1 + bits(10^153) = 1 + 509 bits, 64^3 b^2 <= 2^36 when
# b <= 512; 1e-154 has b = 1 + 512, just above
mk64() {
    awk -v E="$1" 'BEGIN { for (t = 1; t <= 64; t++) {
        if (t == 1) print "1e-" E ",1"; else print ((t % 2) ? t : -t) "," (t % 5) - 2 } }' >"$tmp/c64.csv"
}
awk 'BEGIN { for (j = 1; j <= 64; j++) print ((j % 2) ? 1 : -1) "," ((j % 3) ? 1 : -1) }' >"$tmp/w64.csv"
mk64 153
$BC_WRAP "$BC" basin --data "$tmp/c64.csv" --weights "$tmp/w64.csv" >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc -eq 0 ] && grep -q '^certificate: ' "$tmp/out"; then ok; else
    fail "basin just below the cost limit: exit $rc, expected 0"
    head -c 300 "$tmp/err"
fi
mk64 154
refused "c64.csv:1: numbers too large for these sizes: an entry of 513 bits" $BC_WRAP "$BC" basin \
    --data "$tmp/c64.csv" --weights "$tmp/w64.csv"

# --- streams without end and files larger than the memory limit
if [ -r /dev/zero ]; then
    refused "/dev/zero:1:1048577: line longer than 1048576 bytes" $BC_WRAP "$BC" basin --data /dev/zero \
        --weights "$tmp/w1.csv"
    refused "/dev/zero:1:1048577: line longer than 1048576 bytes" $BC_WRAP "$BC" run thm2 --quick --quiet \
        --data /dev/zero --width 2
fi

finish
