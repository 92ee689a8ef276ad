#!/bin/sh
# output-safety.sh -- fault injection on the files the program writes
# (app/outfile.h): a report reaches its path whole or not at all, a path
# the run did not create is never removed, and concurrent runs writing one
# path leave one whole report for every reader.
#
# What each part exercises:
#  - an input error with existing --json/--tex paths (a file, a symlink, a
#    FIFO): each stays byte for byte (and inode) as it was;
#  - kills at known points of writing a report, through the test hook
#    BC_TEST_OUTFILE_SIGNAL (outfile.h), which raises a real SIGTERM or
#    SIGINT in the process right after the temporary file is created
#    ("before"), after half of the report is written and synced to it
#    ("middle"), and after the rename ("after"): the handler's clean-up
#    and the re-raised signal are the program's own;
#  - a kill from outside (SIGTERM, SIGHUP) while the run waits for its
#    --data on a FIFO, i.e. before any report is written;
#  - three concurrent runs writing one path while a reader copies it
#    repeatedly: every copy and the final file must be one whole report;
#  - a symlink (followed: the link stays, its target gets the report), a
#    dangling symlink, a FIFO and a link to /proc/self/fd/1 (what
#    /dev/stdout is) as outputs (written directly), --json X --tex X under
#    one name and two (refused, exit 2);
#  - bench basin --export, which writes through the same code.
# No system path (/dev/null, /dev/stdout) is ever given as an output: a
# program with defect 1, run as root, would remove it.
# A whole report is checked with the schema validator when Python has
# jsonschema, else with python3's json module, else structurally (first
# '{', last '}', one "tool" key); the log says which.
. "${top_srcdir:-.}/tests/testlib.sh"
scratch out

# a cheap run: one exact check at quick size (well under a second)
RUN="run lemma1.convex.quadratic --quick --quiet"

if [ -n "$PYTHON_JSONSCHEMA" ]; then
    how="schema ($PYTHON_JSONSCHEMA)"
elif command -v python3 >/dev/null 2>&1; then
    how="json module (python3)"
else
    how="structure only (no python3)"
fi
echo "whole reports checked by: $how"
# whole FILE: 0 when FILE is one complete, valid report.json
whole() {
    if [ -n "$PYTHON_JSONSCHEMA" ]; then
        "$PYTHON_JSONSCHEMA" "$SRC/tests/validate-report.py" "$1" "$SRC/docs/report.schema.json" >/dev/null 2>&1
    elif command -v python3 >/dev/null 2>&1; then
        python3 -c 'import json, sys; r = json.load(open(sys.argv[1])); sys.exit(0 if r["tool"] == "basincheck" and "summary" in r else 1)' "$1" >/dev/null 2>&1
    else
        [ "$(head -c 1 "$1")" = "{" ] && [ "$(tail -n 1 "$1")" = "}" ] &&
            [ "$(grep -c '"tool": "basincheck"' "$1")" -eq 1 ]
    fi
}
# no_temp DIR: no temporary file of ours (".NAME.XXXXXX") left in DIR
no_temp() {
    left=$(ls -A "$1" | grep '^\..*\.......$')
    if [ -n "$left" ]; then
        fail "$2: temporary files left in $1: $left"
        return 1
    fi
    return 0
}
# same_file A B: byte for byte
same_file() { cmp -s "$1" "$2"; }
inode() { ls -di "$1" | awk '{ print $1 }'; }

# guard CMD...: CMD, stopped after 120 s when coreutils' timeout exists
# (a regression that opens a FIFO nobody reads would otherwise hang)
guard() {
    if command -v timeout >/dev/null 2>&1; then timeout 120 "$@"; else "$@"; fi
}

# --- defect 1: an input error never removes or changes the output paths
d="$tmp/inerr"
mkdir -p "$d"
printf 'an earlier report\n' >"$d/k.json"
printf 'an earlier tex\n' >"$d/k.tex"
cp "$d/k.json" "$d/k.json.orig"
cp "$d/k.tex" "$d/k.tex.orig"
ino=$(inode "$d/k.json")
$BC_WRAP "$BC" run thm2 --quick --quiet --data "$d/nonexistent.csv" --width 2 --json "$d/k.json" \
    --tex "$d/k.tex" >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc -ne 2 ] || [ "$(wc -l <"$tmp/err")" -ne 1 ]; then
    fail "input error: exit $rc (want 2) or not one line"
    cat "$tmp/err"
elif ! same_file "$d/k.json" "$d/k.json.orig" || ! same_file "$d/k.tex" "$d/k.tex.orig"; then
    fail "input error: an existing report was changed or removed"
elif [ "$(inode "$d/k.json")" != "$ino" ]; then
    fail "input error: the existing report was replaced"
else
    ok
fi
no_temp "$d" "input error" && ok
# a symlink and a FIFO as outputs of a failing run stay what they were
ln -s k.json "$d/link.json"
if mkfifo "$d/out.fifo" 2>/dev/null; then fifo="$d/out.fifo"; else fifo="$d/k.tex"; fi
guard $BC_WRAP "$BC" run thm2 --quick --quiet --data "$d/nonexistent.csv" --width 2 --json "$d/link.json" \
    --tex "$fifo" >/dev/null 2>&1
if [ -L "$d/link.json" ] && same_file "$d/k.json" "$d/k.json.orig" && [ -e "$fifo" ]; then ok; else
    fail "input error: the symlink, its target or the FIFO changed"
fi

# --- defect 2: kills at known points of writing keep the earlier report
for case in 15:before 15:middle 15:after 2:middle; do
    sig=${case%%:*}
    stage=${case#*:}
    {
        d="$tmp/kill-$stage-$sig"
        mkdir -p "$d"
        printf '{"an": "earlier report"}\n' >"$d/k.json"
        cp "$d/k.json" "$tmp/orig"
        BC_TEST_OUTFILE_SIGNAL="$stage:$sig" $BC_WRAP "$BC" $RUN --json "$d/k.json" >/dev/null 2>"$tmp/err"
        rc=$?
        if [ $rc -ne $((128 + sig)) ]; then
            fail "kill $sig $stage writing: exit $rc, expected $((128 + sig)) (the signal)"
            cat "$tmp/err"
        elif [ "$stage" = after ]; then
            # the rename was done: the new report is in place, whole
            if whole "$d/k.json" && ! same_file "$d/k.json" "$tmp/orig"; then ok; else
                fail "kill $sig after writing: the new report is not whole"
            fi
        elif same_file "$d/k.json" "$tmp/orig"; then
            ok
        else
            fail "kill $sig $stage writing: the earlier report was not kept byte for byte"
        fi
        no_temp "$d" "kill $sig $stage writing" && ok
    }
done
# a report that did not exist is not created by a killed run
d="$tmp/kill-new"
mkdir -p "$d"
BC_TEST_OUTFILE_SIGNAL=middle $BC_WRAP "$BC" $RUN --json "$d/new.json" >/dev/null 2>&1
if [ -e "$d/new.json" ]; then fail "a killed run left a partial new report"; else ok; fi
no_temp "$d" "kill of a new report" && ok

# kills from outside while the run waits for its data (on a FIFO), that
# is before any report is written; whenever the signal lands, the
# earlier report must be kept and nothing left behind
if mkfifo "$tmp/probe.fifo" 2>/dev/null; then
    for sig in TERM HUP; do
        d="$tmp/ext-$sig"
        mkdir -p "$d"
        mkfifo "$d/data.fifo"
        printf 'an earlier report\n' >"$d/k.json"
        cp "$d/k.json" "$tmp/orig"
        $BC_WRAP "$BC" run thm2 --quick --quiet --data "$d/data.fifo" --width 2 --json "$d/k.json" \
            >/dev/null 2>&1 &
        pid=$!
        sleep 1
        kill -$sig $pid 2>/dev/null
        wait $pid
        rc=$?
        if [ $rc -le 128 ]; then
            fail "external $sig: exit $rc, not by the signal"
        elif same_file "$d/k.json" "$tmp/orig"; then
            ok
        else
            fail "external $sig: the earlier report was not kept"
        fi
        no_temp "$d" "external $sig" && ok
    done
else
    echo "SKIP: mkfifo not available: external kills while waiting for data not tested"
fi

# --- defect 3: concurrent runs writing one path; a reader copies it
# while they run, and every copy must be the earlier report or one whole
# new report (the copies are checked as they are taken, which paces the
# reader; how many new ones fall inside the runs depends on the timing,
# the final file is always checked)
d="$tmp/conc"
mkdir -p "$d"
printf '{"an": "earlier report"}\n' >"$d/same.json"
cp "$d/same.json" "$d/orig"
pids=""
for k in 1 2 3; do
    $BC_WRAP "$BC" $RUN --seed $k --json "$d/same.json" >/dev/null 2>&1 &
    pids="$pids $!"
done
ncopy=0
nnew=0
nbad=0
while :; do
    running=0
    for p in $pids; do kill -0 "$p" 2>/dev/null && running=1; done
    [ $running -eq 0 ] && break
    cp "$d/same.json" "$d/snap" 2>/dev/null || continue
    ncopy=$((ncopy + 1))
    cmp -s "$d/snap" "$d/orig" && continue
    nnew=$((nnew + 1))
    whole "$d/snap" || nbad=$((nbad + 1))
done
st=0
for p in $pids; do
    wait "$p" || st=1
done
if [ $st -ne 0 ]; then fail "concurrent runs: a run failed"; else ok; fi
if whole "$d/same.json"; then ok; else fail "concurrent runs: the final report is not whole"; fi
if [ $nbad -eq 0 ]; then ok; else fail "concurrent runs: $nbad of $nnew new copies taken during the runs were not whole"; fi
echo "concurrent runs: $ncopy copies taken during the runs, $nnew of them new reports, $nbad not whole"
rm -f "$d/snap"
no_temp "$d" "concurrent runs" && ok

# --json X --tex X: refused (exit 2, one line), whatever the names, and X
# is untouched
d="$tmp/same"
mkdir -p "$d"
printf 'keep\n' >"$d/x"
cp "$d/x" "$tmp/orig"
ln -s x "$d/y"
ln "$d/x" "$d/hard"
for pair in "x x" "x y" "x hard"; do
    set -- $pair
    $BC_WRAP "$BC" $RUN --json "$d/$1" --tex "$d/$2" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    if [ $rc -ne 2 ] || [ "$(wc -l <"$tmp/err")" -ne 1 ] || ! grep -q 'same file' "$tmp/err"; then
        fail "--json $1 --tex $2: exit $rc, want 2 with one line naming the same file"
        cat "$tmp/err"
    elif ! same_file "$d/x" "$tmp/orig"; then
        fail "--json $1 --tex $2: the file was changed"
    else
        ok
    fi
done
# a path that does not exist yet, under two spellings
$BC_WRAP "$BC" $RUN --json "$d/new" --tex "$d/../same/new" >/dev/null 2>&1
if [ $? -eq 2 ] && [ ! -e "$d/new" ]; then ok; else fail "--json N --tex DIR/../N was not refused"; fi

# --- other kinds of outputs
# a symlink is followed: the link stays, its target gets the whole report
d="$tmp/links"
mkdir -p "$d/sub"
printf 'old\n' >"$d/sub/target.json"
ln -s sub/target.json "$d/link.json"
ln -s sub/absent.json "$d/dangling.json"
$BC_WRAP "$BC" $RUN --json "$d/link.json" --tex "$d/dangling.json" >/dev/null 2>&1
rc=$?
if [ $rc -eq 0 ] && [ -L "$d/link.json" ] && [ -L "$d/dangling.json" ] && whole "$d/sub/target.json" &&
    [ -s "$d/sub/absent.json" ]; then
    ok
else
    fail "symlinks as outputs: exit $rc, or a link was replaced, or a target not written"
fi
no_temp "$d" "symlink outputs" && no_temp "$d/sub" "symlink targets" && ok
# the mode of an existing report is kept
chmod 640 "$d/sub/target.json"
$BC_WRAP "$BC" $RUN --json "$d/sub/target.json" >/dev/null 2>&1
case $(ls -l "$d/sub/target.json") in
-rw-r-----*) ok ;;
*) fail "the mode of a replaced report changed: $(ls -l "$d/sub/target.json")" ;;
esac

# a FIFO is written directly (at the end of the run) and stays a FIFO
if mkfifo "$tmp/out.fifo" 2>/dev/null; then
    cat "$tmp/out.fifo" >"$tmp/from-fifo.json" &
    cpid=$!
    guard $BC_WRAP "$BC" $RUN --json "$tmp/out.fifo" >/dev/null 2>"$tmp/err"
    rc=$?
    # the reader ends when the writer closes; a run that never opened the
    # FIFO would leave it waiting: release it by opening the FIFO here
    n=0
    while kill -0 $cpid 2>/dev/null && [ $n -lt 30 ]; do
        sleep 1
        n=$((n + 1))
    done
    kill -0 $cpid 2>/dev/null && : >"$tmp/out.fifo"
    wait $cpid
    if [ $rc -eq 0 ] && [ -p "$tmp/out.fifo" ] && whole "$tmp/from-fifo.json"; then ok; else
        fail "FIFO output: exit $rc, or no longer a FIFO, or the report read from it is not whole"
        cat "$tmp/err"
    fi
    # an input error never opens it (a reader would wait for nothing)
    guard $BC_WRAP "$BC" run thm2 --quick --quiet --data "$tmp/nonexistent.csv" --width 2 \
        --json "$tmp/out.fifo" >/dev/null 2>&1
    if [ $? -eq 2 ] && [ -p "$tmp/out.fifo" ]; then ok; else fail "FIFO output after an input error"; fi
else
    echo "SKIP: mkfifo not available: FIFO outputs not tested"
fi

# a link to /proc/self/fd/1 (as /dev/stdout is): written after the
# summary, through the program's own standard output (here a file), and
# the link stays
if [ -e /proc/self/fd/1 ]; then
    ln -s /proc/self/fd/1 "$tmp/stdout-link"
    $BC_WRAP "$BC" $RUN --json "$tmp/stdout-link" >"$tmp/stdout.txt" 2>"$tmp/err"
    rc=$?
    sed -n '/^{/,$p' "$tmp/stdout.txt" >"$tmp/stdout.json"
    if [ $rc -eq 0 ] && head -n 1 "$tmp/stdout.txt" | grep -q '^lemma1.convex.quadratic' &&
        whole "$tmp/stdout.json" && [ -L "$tmp/stdout-link" ]; then
        ok
    else
        fail "--json LINK-TO-/proc/self/fd/1: exit $rc, or the summary or the report is missing"
        cat "$tmp/err"
    fi
else
    echo "SKIP: no /proc/self/fd: descriptor aliases as outputs not tested"
fi

# an output that cannot be written is reported before the run
$BC_WRAP "$BC" $RUN --json "$tmp/no-such-dir/r.json" >"$tmp/out" 2>"$tmp/err"
if [ $? -eq 2 ] && [ ! -s "$tmp/out" ] && grep -q "cannot write" "$tmp/err"; then ok; else
    fail "an unwritable --json path was not refused before the run"
fi

# bench basin --export writes its files through the same code
d="$tmp/export"
$BC_WRAP "$BC" bench basin --samples 2 --export "$d" >/dev/null 2>"$tmp/err"
rc=$?
if [ $rc -eq 0 ] && grep -q '^instances 2$' "$d/summary.txt" && [ "$(tail -n 1 "$d/qp-0001.txt")" = end ]; then
    ok
else
    fail "bench basin --export: exit $rc, or its files are incomplete"
    cat "$tmp/err"
fi
no_temp "$d" "bench basin --export" && ok

finish
