#!/bin/sh
# fuzz-corpus.sh -- replays the committed CSV fuzzing corpus through the
# parser's fuzz target (built without libFuzzer); any property violation
# aborts the target and fails the test.
SRC=${top_srcdir:-.}
FUZZ=${FUZZ_CSV:-./tests/fuzz-csv}
n=0
for f in "$SRC"/tests/corpus/csv/*.csv; do
    n=$((n + 1))
done
if [ "$n" -eq 0 ]; then
    echo "0 passed, 1 failed: no corpus found under $SRC/tests/corpus/csv"
    exit 1
fi
if $BC_WRAP "$FUZZ" "$SRC"/tests/corpus/csv/*.csv; then
    echo "$n passed, 0 failed"
else
    echo "0 passed, $n failed"
    exit 1
fi
