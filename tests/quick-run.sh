#!/bin/sh
# quick-run.sh -- runs every module at quick size, requires every status
# to equal its expected status, validates report.json against the schema,
# checks that the run is reproducible and independent of the thread
# count, and builds the PDF when pdflatex is available.
. "${top_srcdir:-.}/tests/testlib.sh"
scratch quick
PY=${PYTHON_JSONSCHEMA:-python3}

$BC_WRAP "$BC" run --quick --quiet --threads 2 --seed 7 --json "$tmp/r.json" --tex "$tmp/report.tex" \
    --certificates "$tmp/certs" >"$tmp/out"
rc=$?
if [ $rc -eq 0 ]; then ok; else fail "quick run exit $rc"; grep -E 'EXPECTED' "$tmp/out"; fi

# the independent checker re-decides every certificate of the run, records
# its results in report.json and in the fragment report.tex reads
CPY=${CHECKER_PY:-$PY}
if "$CPY" -c 'import mpmath' >/dev/null 2>&1; then
    "$CPY" "$SRC/recheck/basincheck_recheck.py" -j 2 --spot-seed 7 --annotate "$tmp/r.json" \
        --tex "$tmp/recheck.tex" "$tmp/certs" >"$tmp/recheck.out" 2>&1
    rc=$?
    grep '^recheck:' "$tmp/recheck.out"
    if [ $rc -eq 0 ] && grep -q ' 0 rejected, 0 not re-checkable' "$tmp/recheck.out"; then ok; else
        fail "recheck of the quick run: exit $rc"; grep -v '^recheck:' "$tmp/recheck.out" | head -20; fi
fi

if "$PY" "$SRC/tests/validate-report.py" "$tmp/r.json" "$SRC/docs/report.schema.json"; then ok; else fail "report.json invalid"; fi

# one seed determines every sample, whatever the thread count
$BC_WRAP "$BC" run prop1 --quick --quiet --threads 1 --seed 7 --json "$tmp/r1.json" >/dev/null
$BC_WRAP "$BC" run prop1 --quick --quiet --threads 3 --seed 7 --json "$tmp/r3.json" >/dev/null
strip() { grep -E '"(samples|successes|undecided|escalations|lower|upper|status)"' "$1" | sed 's/"seconds": [^,]*,//'; }
if [ -s "$tmp/r1.json" ] && [ "$(strip "$tmp/r1.json")" = "$(strip "$tmp/r3.json")" ]; then ok; else fail "tallies depend on the thread count"; fi

if command -v pdflatex >/dev/null 2>&1; then
    ( cd "$tmp" && pdflatex -interaction=nonstopmode -halt-on-error report.tex >/dev/null 2>&1 &&
      pdflatex -interaction=nonstopmode -halt-on-error report.tex >/dev/null 2>&1 )
    if [ -s "$tmp/report.pdf" ] && ! grep -q -E 'undefined (references|reference|control sequence)' "$tmp/report.log"; then
        ok
    else
        fail "report.tex does not build cleanly"; grep -E -A3 '^!|undefined' "$tmp/report.log" | head -20
    fi
fi
finish
