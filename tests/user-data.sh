#!/bin/sh
# user-data.sh -- runs of the modules on the user's own instances: the
# records of the user's checks in report.json (exact values printed
# exactly, figures on a probability axis), negative controls that stay on
# the module's own instances, and vacuous or trivially met claims flagged
# as such in the record and on the console.
. "${top_srcdir:-.}/tests/testlib.sh"
scratch user
PY=${PYTHON_JSONSCHEMA:-python3}

# run NAME ARGS...: basincheck run ARGS --json $tmp/NAME.json, console in
# $tmp/NAME.out; every check must have its expected status (exit 0)
run() {
    name=$1; shift
    $BC_WRAP "$BC" run --quiet "$@" --json "$tmp/$name.json" >"$tmp/$name.out" 2>"$tmp/$name.err"
    got=$?
    if [ "$got" -ne 0 ]; then
        fail "basincheck run $* -> exit $got, expected 0"; grep EXPECTED "$tmp/$name.out"; cat "$tmp/$name.err"
        return 1
    fi
    return 0
}

# json NAME PYTHON-EXPRESSION: the expression, with d the parsed report and
# c(id) the record of check id, must be true
json() {
    if "$PY" -c "
import json, sys
d = json.load(open(sys.argv[1]))
def c(i):
    return [x for x in d['checks'] if x['id'] == i][0]
def fig(i):
    return [x for x in d['figures'] if x['id'] == i][0]
sys.exit(0 if ($2) else 1)" "$tmp/$1.json"; then ok; else fail "$1: $2"; fi
}

# console LINE-PATTERN NAME: a line of the console summary matches
console() {
    if grep -q -- "$1" "$tmp/$2.out"; then ok; else fail "$2: no console line matching '$1'"; cat "$tmp/$2.out"; fi
}

# Theorem 4 on two points (not orthogonal) with width 2: the bound
# 1 - 2 (3/4)^2 = -1/8 is vacuous, and the record says so (field first,
# note, console line, LaTeX); the exact probability 1/8 of the good basin
# (an exact ball of the solid-angle route) is printed as a rational; the
# bound series of the m = 8 figure is clipped at 0 (a probability axis);
# the bits of the exact inverse are a size, never negative
printf '1,2,0,1\n1,-1,1,-1\n' >"$tmp/g2.csv"
if run t4 thm4 --quick --samples 100 --data "$tmp/g2.csv" --width 2 --tex "$tmp/t4.tex"; then
    json t4 "c('thm4.user')['fields']['exact_probability'] == '1/8'"
    json t4 "list(c('thm4.user')['fields'])[0] == 'vacuous' and 'Vacuous' in c('thm4.user')['note']"
    console '^thm4.user .*(vacuous: the bound is <= 0' t4
    if grep -q 'Vacuous:.*1-2(3/4)' "$tmp/t4.tex"; then ok; else fail "t4.tex: the vacuous note is missing"; fi
    json t4 "min(fig('thm4.prob.m8')['series'][0]['y']) >= 0"
    if grep -q '"bits of P": "[^"]*numerators -' "$tmp/t4.json"; then fail "thm4.data.rank: negative bits"; else ok; fi
fi

# Theorem 4 on the built-in example with width 4: the bound 1 - 3 (3/4)^4 =
# 13/256 holds but is barely above 0, and the console line says how far;
# --samples sizes the user's check only (the controls keep their minimum)
if run t4w thm4 --quick --samples 100 --width 4; then
    console '^thm4.user .*(above_trivial: the bound 13/256 = ' t4w
    json t4w "c('thm4.user')['tests'][0]['samples'] == 100 and c('thm4.control.tight')['tests'][0]['samples'] >= 20000"
    json t4w "c('thm4.grid.orth.agree')['tests'][0]['samples'] == 400"
fi

# Theorem 5 on two clusters of the user's data with width 3: the negative
# controls stay on the module's own instance (Figure 1 clusters, n = 24),
# where they fail, so the run is as expected; the bound 1 - 2 (7/8)^3 < 0
# is vacuous and K delta^2 >= L_S(0) makes the level trivial (zero network)
printf '1,17/16,1\n17/16,1,33/32\n1,15/16,1\n15/16,1,33/32\n-2,3/5,-1/2\n-19/10,1/2,-9/20\n-2,2/5,-1/2\n-21/10,1/2,-9/20\n' \
    >"$tmp/t5.csv"
if run t5 thm5 --quick --data "$tmp/t5.csv" --clusters 2 --width 3; then
    console '^thm5.control.biased  *violated' t5
    console '^thm5.control.tight_k  *violated' t5
    console '^thm5.mc.bas .*(vacuous: the bound is <= 0.*(trivial: K delta^2 = .* >= L_S(0) = ' t5
    json t5 "'n = 3' in c('thm5.mc.bas')['fields']['instance'] and 'trivial' in c('thm5.mc.bas')['fields']"
    json t5 "'Figure~1' in c('thm5.control.biased')['statement'] and 'n=24' in c('thm5.control.biased')['statement']"
fi
# --width without --data is honoured (as by thm4), on the module's instance
if run t5w thm5 --quick --samples 50 --width 3; then
    json t5w "'n = 3' in c('thm5.mc.bas')['fields']['instance'] and 'vacuous' in c('thm5.mc.bas')['fields']"
    json t5w "'n=24' in c('thm5.control.tight_k')['statement']"
fi

# Theorem 3 on the user's files: the controls lemma7_full and width8 run on
# the built-in main instance (on a user's full-rank data the angle in R^d
# is the angle on span(X), and the controls would not fail)
printf '1/2,0,0,1/2\n0,1/2,0,1/2\n1/2,1/2,0,1\n-1/2,0,0,0\n' >"$tmp/t3d.csv"
printf '1,0,0,1\n0,1,0,1\n' >"$tmp/t3w.csv"
if run t3 thm3 --quick --data "$tmp/t3d.csv" --teacher "$tmp/t3w.csv" --eps 15.99; then
    console '^thm3.control.lemma7_full  *violated' t3
    console '^thm3.control.width8  *violated' t3
    json t3 "'builtin' in c('thm3.hyp')['fields']"
fi

# file names with LaTeX's special characters reach the LaTeX report
# escaped (a raw '_' or '&' would break pdflatex), in every user module
mkdir -p "$tmp/a_b&c"
cp "$tmp/g2.csv" "$tmp/a_b&c/d.csv"
cp "$tmp/t5.csv" "$tmp/a_b&c/t5.csv"
cp "$tmp/t3d.csv" "$tmp/a_b&c/t3d.csv"
cp "$tmp/t3w.csv" "$tmp/a_b&c/t3w.csv"
printf '1,0,1\n-2,0,1\n0,1,-1\n' >"$tmp/a_b&c/s.csv"
for m in "thm4 --data $tmp/a_b&c/d.csv --width 2" "thm2 --data $tmp/a_b&c/s.csv --width 3" \
    "thm5 --data $tmp/a_b&c/t5.csv --clusters 2" \
    "thm3 --data $tmp/a_b&c/t3d.csv --teacher $tmp/a_b&c/t3w.csv --eps 1"; do
    # shellcheck disable=SC2086
    set -- $m
    if run escrun "$@" --quick --samples 50 --tex "$tmp/esc.tex"; then
        if grep -F "a_b&c" "$tmp/esc.tex" | grep -v -F 'a\_b\&c' | grep -q .; then
            fail "$1: an unescaped file name in the LaTeX report"
        else
            ok
        fi
        # and the report of a user run compiles
        if command -v pdflatex >/dev/null 2>&1; then
            if (cd "$tmp" && pdflatex -interaction=nonstopmode -halt-on-error esc.tex >/dev/null 2>&1); then
                ok
            else
                fail "$1: the LaTeX report of a user run does not compile"; grep -A3 '^!' "$tmp/esc.log" | head
            fi
        fi
    fi
done

finish
