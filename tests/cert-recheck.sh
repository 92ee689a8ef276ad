#!/bin/sh
# cert-recheck.sh -- the certificate pipeline end to end, without the claim
# modules: the CUnit suite "cert" writes certificates of every kind from the
# core engines; the independent checker (recheck/) must re-decide every one;
# they must match docs/certificate.schema.json; every falsified copy
# (recheck/tests/tamper.py) must be rejected; the checker's own tests must
# pass; and `basincheck run --certificates` must write its index, which the
# checker reads, and report.json, which the checker annotates.
BC=${BASINCHECK:-./basincheck}
SRC=${top_srcdir:-.}
PY=${CHECKER_PY:-${PYTHON_JSONSCHEMA:-python3}}
BCTEST=$(dirname "$BC")/tests/bctest
if ! "$PY" -c 'import mpmath' >/dev/null 2>&1; then
    echo "SKIP: $PY has no mpmath (Debian: python3-mpmath)"
    exit 77
fi
tmp=${TMPDIR:-/tmp}/bc-cert.$$
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT
fails=0
passes=0
ok() { passes=$((passes + 1)); }
bad() { echo "FAIL: $*"; fails=$((fails + 1)); }

# certificates straight from the engines
if BC_CERT_DIR="$tmp/certs" $BC_WRAP "$BCTEST" cert >"$tmp/cunit.out" 2>&1; then ok; else
    bad "the cert suite failed"; tail -20 "$tmp/cunit.out"; fi
n=$(ls "$tmp/certs"/*.json 2>/dev/null | wc -l)
if [ "$n" -ge 10 ]; then ok; else bad "only $n certificate files"; fi

# the checker re-decides every one
"$PY" "$SRC/recheck/basincheck_recheck.py" --spot-seed 1 "$tmp/certs" >"$tmp/recheck.out" 2>&1
rc=$?
cat "$tmp/recheck.out"
if [ $rc -eq 0 ] && grep -q "^recheck: $n of $n certificates re-decided, 0 rejected, 0 not re-checkable" "$tmp/recheck.out"
then ok; else bad "recheck exit $rc"; fi
if [ -s "$tmp/certs/recheck.json" ]; then ok; else bad "no recheck.json"; fi

# the format
if "$PY" -c 'import jsonschema' >/dev/null 2>&1; then
    if "$PY" - "$SRC/docs/certificate.schema.json" "$tmp/certs" <<'EOF'
import glob, json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.Draft7Validator.check_schema(schema)
bad = 0
for f in sorted(glob.glob(sys.argv[2] + "/cert.*.json")):
    for e in jsonschema.Draft7Validator(schema).iter_errors(json.load(open(f))):
        print("%s: %s" % (f, e.message[:200]))
        bad += 1
sys.exit(1 if bad else 0)
EOF
    then ok; else bad "certificates do not match docs/certificate.schema.json"; fi
fi

# falsified certificates are rejected, every one
if "$PY" "$SRC/recheck/tests/tamper.py" "$tmp/certs"; then ok; else bad "a falsified certificate was not rejected"; fi

# the checker's own tests (hand values, fractions, mpmath, scipy)
if "$PY" -m unittest discover -s "$SRC/recheck/tests" >"$tmp/unit.out" 2>&1; then ok; else
    bad "the checker's unit tests"; tail -20 "$tmp/unit.out"; fi

# run --certificates: the index of the run's checks, and the annotated report
$BC_WRAP "$BC" run thm1 lemma12 --quick --quiet --threads 2 --certificates "$tmp/run/certs" --json "$tmp/r.json" \
    >/dev/null 2>&1
if [ -s "$tmp/run/certs/index.json" ]; then ok; else bad "run --certificates wrote no index.json"; fi
if "$PY" "$SRC/recheck/basincheck_recheck.py" --annotate "$tmp/r.json" "$tmp/run/certs" >"$tmp/run.out" 2>&1 &&
    grep -q "decided checks (decides, witnesses; controls included) re-decided" "$tmp/run.out"; then ok; else
    bad "recheck of the run"; cat "$tmp/run.out"; fi
if "$PY" "$SRC/tests/validate-report.py" "$tmp/r.json" "$SRC/docs/report.schema.json" >/dev/null &&
    grep -q '"recheck"' "$tmp/r.json"; then ok; else bad "annotated report.json invalid"; fi

# a certificate directory that is a file is refused before the run
: >"$tmp/afile"
$BC_WRAP "$BC" run thm1 --quick --quiet --certificates "$tmp/afile" >/dev/null 2>"$tmp/err"
rc=$?
if [ $rc -eq 2 ] && grep -q "certificate directory" "$tmp/err"; then ok; else bad "--certificates FILE: exit $rc"; fi

echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
