# testlib.sh -- what every shell test sets up and checks the same way,
# sourced first: . "${top_srcdir:-.}/tests/testlib.sh".  Sets BC (the
# program under test), SRC and EX (the source tree and its examples),
# the counters passes and fails; `scratch NAME` makes the private
# temporary directory $tmp, removed on exit.  The checks follow the
# program's convention for bad input: exit status 2, nothing on stdout,
# exactly one line on stderr starting with 'basincheck: '.
BC=${BASINCHECK:-./basincheck}
SRC=${top_srcdir:-.}
EX=$SRC/docs/examples
fails=0
passes=0

# scratch NAME: $tmp = a fresh directory bc-NAME.PID, removed on exit
scratch() {
    tmp=${TMPDIR:-/tmp}/bc-$1.$$
    mkdir -p "$tmp"
    trap 'rm -rf "$tmp"' EXIT
}

ok() { passes=$((passes + 1)); }
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# one_error: $tmp/err is one line starting with 'basincheck: '
one_error() {
    [ "$(wc -l <"$tmp/err")" -eq 1 ] && grep -q '^basincheck: ' "$tmp/err"
}

# run ARGS...: runs basincheck (under $BC_WRAP), status in $got, output
# in $tmp/out, $tmp/err
run() {
    $BC_WRAP "$BC" "$@" >"$tmp/out" 2>"$tmp/err"
    got=$?
}

# expect WANT_STATUS ARGS...: the status; for 2, one error line
expect() {
    want=$1
    shift
    run "$@"
    if [ "$got" -ne "$want" ]; then
        fail "basincheck $* -> exit $got, expected $want"
        cat "$tmp/err"
    elif [ "$want" -eq 2 ] && ! one_error; then
        fail "basincheck $* -> stderr is not one 'basincheck: ...' line:"
        cat "$tmp/err"
    else
        ok
    fi
}

# good WANT_STATUS PATTERN ARGS...: the status, an empty stderr, and a
# stdout line containing the fixed string PATTERN
good() {
    want=$1
    pat=$2
    shift 2
    run "$@"
    if [ "$got" -ne "$want" ]; then
        fail "basincheck $* -> exit $got, expected $want"
        cat "$tmp/out" "$tmp/err"
    elif [ -s "$tmp/err" ]; then
        fail "basincheck $* -> unexpected stderr:"
        cat "$tmp/err"
    elif ! grep -qF -- "$pat" "$tmp/out"; then
        fail "basincheck $* -> stdout lacks '$pat':"
        cat "$tmp/out"
    else
        ok
    fi
}

# bad [PATTERN] -- ARGS...: exit 2, empty stdout, one stderr line starting
# with 'basincheck: ' (and containing the fixed string PATTERN if given)
bad() {
    pat=$1
    shift 2
    run "$@"
    if [ "$got" -ne 2 ]; then
        fail "basincheck $* -> exit $got, expected 2"
        cat "$tmp/err"
    elif ! one_error; then
        fail "basincheck $* -> stderr is not one 'basincheck: ...' line:"
        cat "$tmp/err"
    elif [ -s "$tmp/out" ]; then
        fail "basincheck $* -> output on stdout with an error:"
        cat "$tmp/out"
    elif [ -n "$pat" ] && ! grep -qF -- "$pat" "$tmp/err"; then
        fail "basincheck $* -> message lacks '$pat':"
        cat "$tmp/err"
    else
        ok
    fi
}

# has TEXT: the last output contains the fixed string
has() {
    if grep -qF -- "$1" "$tmp/out"; then
        ok
    else
        fail "output lacks '$1':"
        cat "$tmp/out"
    fi
}

# refused PATTERN CMD...: CMD (any command line) exits 2, with nothing on
# stdout and one stderr line starting with 'basincheck: ' and containing
# PATTERN
refused() {
    pat=$1
    shift
    "$@" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    if [ $rc -ne 2 ]; then
        fail "$* -> exit $rc, expected 2"
        head -c 300 "$tmp/err"
    elif [ -s "$tmp/out" ] || ! one_error || ! grep -qF -- "$pat" "$tmp/err"; then
        fail "$* -> not one 'basincheck: ...$pat...' line on stderr:"
        head -c 300 "$tmp/err"
    else
        ok
    fi
}

# finish: the counts; the test's status is whether nothing failed
finish() {
    echo "$passes passed, $fails failed"
    [ "$fails" -eq 0 ]
}
