#!/bin/sh
# mpi-run.sh -- the MPI program (configure --with-mpi) gives the report of
# one process, whatever the number of ranks and threads: report.json
# under mpirun -np 1, 2, 3 (threads 1 and 2) equals the one-process
# report after dropping timings, the command line and the threads and
# ranks fields.  A rank that fails (an unreadable file on one rank only,
# a signal) ends the whole job with one message and status 2, and the
# report an earlier run wrote survives.
#
# Registered by make check only in an MPI build; run by hand without
# MPIRUN it says SKIP (status 77), never passes silently.
BC=${BASINCHECK:-./basincheck}
SRC=${top_srcdir:-.}
PY=${PYTHON_JSONSCHEMA:-python3}
if [ -z "$MPIRUN" ]; then
    echo "SKIP: MPIRUN is not set (configure --with-mpi builds and runs this test)"
    exit 77
fi
tmp=${TMPDIR:-/tmp}/bc-mpi.$$
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT
fails=0
passes=0
ok() { passes=$((passes + 1)); }
bad() { echo "FAIL: $*"; fails=$((fails + 1)); }

# mpirun refuses root unless told; a shared CI machine has fewer cores
# than ranks
if [ "$(id -u)" -eq 0 ]; then
    OMPI_ALLOW_RUN_AS_ROOT=1
    OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
    export OMPI_ALLOW_RUN_AS_ROOT OMPI_ALLOW_RUN_AS_ROOT_CONFIRM
fi
# a hang fails the test instead of stopping make check
if command -v timeout >/dev/null 2>&1; then
    mpirun() { timeout 900 "$MPIRUN" --oversubscribe "$@"; }
else
    mpirun() { "$MPIRUN" --oversubscribe "$@"; }
fi

# the report without what may differ between equal runs: timings, the
# start, the command line, threads and ranks
norm() {
    "$PY" - "$1" <<'EOF'
import json, sys
drop = {"seconds", "started", "command", "threads", "ranks", "modules"}
def clean(x):
    if isinstance(x, dict):
        return {k: clean(v) for k, v in x.items()
                if k not in drop and "wall-clock" not in k and "seconds" not in k}
    if isinstance(x, list):
        return [clean(v) for v in x]
    return x
print(json.dumps(clean(json.load(open(sys.argv[1]))), indent=1, sort_keys=True))
EOF
}

# same REF OUT WHAT: OUT's report equals REF's (normalised)
same() {
    if [ ! -s "$2" ]; then
        bad "$3: no report"
        return
    fi
    norm "$1" >"$tmp/a.n"
    norm "$2" >"$tmp/b.n"
    if cmp -s "$tmp/a.n" "$tmp/b.n"; then ok; else bad "$3: the report differs from one process's"; diff "$tmp/a.n" "$tmp/b.n" | head -20; fi
}

# ranks FILE N: report FILE says it ran on N ranks
ranks() {
    if grep -q "\"ranks\": $2," "$1"; then ok; else bad "$1: \"ranks\": $2 expected"; fi
}

# 1. The default quick run on three ranks equals one process's.
$BC_WRAP "$BC" run --quick --quiet --threads 2 --seed 7 --json "$tmp/ref.json" >"$tmp/ref.out"
rc=$?
if [ $rc -eq 0 ]; then ok; else bad "one-process quick run: exit $rc"; fi
ranks "$tmp/ref.json" 1
mpirun -np 3 $BC_WRAP "$BC" run --quick --quiet --threads 1 --seed 7 --json "$tmp/r3.json" >"$tmp/r3.out" 2>"$tmp/r3.err"
rc=$?
if [ $rc -eq 0 ]; then ok; else bad "-np 3 quick run: exit $rc"; cat "$tmp/r3.err"; fi
same "$tmp/ref.json" "$tmp/r3.json" "-np 3 --threads 1"
ranks "$tmp/r3.json" 3
if "$PY" "$SRC/tests/validate-report.py" "$tmp/r3.json" "$SRC/docs/report.schema.json"; then ok; else bad "-np 3 report.json invalid"; fi
# the console summary is printed once, by rank 0
if cmp -s "$tmp/ref.out" "$tmp/r3.out"; then ok; else bad "-np 3: the console summary differs"; diff "$tmp/ref.out" "$tmp/r3.out" | head; fi

# 2. Every decomposition of the Monte Carlo modules: 1, 2, 3 ranks with 1
# and 2 threads each (their samples split in blocks of every size).
MC="prop1 prop2 thm5 lemma8 thm4"
$BC_WRAP "$BC" run $MC --quick --quiet --threads 1 --seed 11 --json "$tmp/mc.json" >/dev/null
for np in 1 2 3; do
    for t in 1 2; do
        mpirun -np $np $BC_WRAP "$BC" run $MC --quick --quiet --threads $t --seed 11 \
            --json "$tmp/mc$np$t.json" >/dev/null 2>"$tmp/mc.err"
        rc=$?
        if [ $rc -eq 0 ]; then ok; else bad "-np $np --threads $t: exit $rc"; cat "$tmp/mc.err"; fi
        same "$tmp/mc.json" "$tmp/mc$np$t.json" "-np $np --threads $t"
        ranks "$tmp/mc$np$t.json" $np
    done
done

# 3. One rank cannot read its file: the job ends with status 2 and that
# rank's one message; the report of the earlier run survives.
printf '1,17/16,1\n17/16,1,33/32\n1,15/16,1\n15/16,1,33/32\n-2,3/5,-1/2\n-19/10,1/2,-9/20\n-2,2/5,-1/2\n-21/10,1/2,-9/20\n' \
    >"$tmp/t5.csv"
cp "$tmp/mc.json" "$tmp/keep.json"
cat >"$tmp/rank.sh" <<EOF
#!/bin/sh
# rank 1 is given a file that does not exist
d="$tmp/t5.csv"
[ "\$OMPI_COMM_WORLD_RANK" = 1 ] && d="$tmp/missing.csv"
exec "\$@" --data "\$d"
EOF
chmod +x "$tmp/rank.sh"
mpirun -np 3 "$tmp/rank.sh" $BC_WRAP "$BC" run thm5 --quick --quiet --clusters 2 --width 3 --json "$tmp/keep.json" \
    >"$tmp/bad.out" 2>"$tmp/bad.err"
rc=$?
if [ $rc -eq 2 ]; then ok; else bad "a rank with an unreadable file: exit $rc, expected 2"; fi
n=$(grep -c '^basincheck: ' "$tmp/bad.err")
if [ "$n" -eq 1 ] && grep -q "missing.csv" "$tmp/bad.err"; then ok; else bad "one message naming the file expected, got $n:"; cat "$tmp/bad.err"; fi
if cmp -s "$tmp/mc.json" "$tmp/keep.json"; then ok; else bad "the earlier report did not survive a failed run"; fi
if [ -s "$tmp/bad.out" ]; then bad "a failed run printed a summary"; cat "$tmp/bad.out"; else ok; fi

# every rank fails alike (a file none can read): one message, status 2
mpirun -np 3 $BC_WRAP "$BC" run thm5 --quick --quiet --clusters 2 --width 3 --data "$tmp/missing.csv" \
    --json "$tmp/keep.json" >/dev/null 2>"$tmp/bad.err"
rc=$?
n=$(grep -c '^basincheck: ' "$tmp/bad.err")
if [ $rc -eq 2 ] && [ "$n" -eq 1 ]; then ok; else bad "a file no rank can read: exit $rc, $n messages"; cat "$tmp/bad.err"; fi
if cmp -s "$tmp/mc.json" "$tmp/keep.json"; then ok; else bad "the earlier report did not survive a failed run"; fi

# 4. A signal to one rank (not rank 0) during the run ends the job with
# status 2 and one message; the earlier report survives, no temporary
# file is left.
cat >"$tmp/pid.sh" <<EOF
#!/bin/sh
echo \$\$ >"$tmp/pid.\$OMPI_COMM_WORLD_RANK"
exec "\$@"
EOF
chmod +x "$tmp/pid.sh"
mpirun -np 2 "$tmp/pid.sh" "$BC" run prop1 --quick --quiet --threads 1 --samples 4000000 --json "$tmp/keep.json" \
    >/dev/null 2>"$tmp/sig.err" &
job=$!
i=0
while [ ! -s "$tmp/pid.1" ] && [ $i -lt 100 ]; do
    sleep 0.1
    i=$((i + 1))
done
sleep 2
[ -s "$tmp/pid.1" ] && kill -TERM "$(cat "$tmp/pid.1")"
wait $job
rc=$?
n=$(grep -c '^basincheck: ' "$tmp/sig.err")
if [ $rc -eq 2 ] && [ "$n" -eq 1 ] && grep -q 'rank 1: ended by signal' "$tmp/sig.err"; then
    ok
else
    bad "SIGTERM to rank 1: exit $rc, $n messages"
    cat "$tmp/sig.err"
fi
if cmp -s "$tmp/mc.json" "$tmp/keep.json"; then ok; else bad "the earlier report did not survive SIGTERM"; fi
if ls -a "$tmp" | grep -q '^\.keep\.json\.'; then bad "a temporary file was left"; else ok; fi

# 5. An output rank 0 cannot write is refused before the run, on every
# rank alike: one message, status 2, no hang
mpirun -np 2 "$BC" run thm1 --quick --quiet --json "$tmp/no/such/dir/r.json" >/dev/null 2>"$tmp/out.err"
rc=$?
n=$(grep -c '^basincheck: ' "$tmp/out.err")
if [ $rc -eq 2 ] && [ "$n" -eq 1 ]; then ok; else bad "unwritable --json on 2 ranks: exit $rc, $n messages"; cat "$tmp/out.err"; fi
: >"$tmp/same"
mpirun -np 2 "$BC" run thm1 --quick --quiet --json "$tmp/same" --tex "$tmp/same" >/dev/null 2>"$tmp/out.err"
rc=$?
n=$(grep -c '^basincheck: ' "$tmp/out.err")
if [ $rc -eq 2 ] && [ "$n" -eq 1 ]; then ok; else bad "--json X --tex X on 2 ranks: exit $rc, $n messages"; cat "$tmp/out.err"; fi

# 6. Commands other than run are refused on several ranks, with one line
mpirun -np 2 "$BC" list >"$tmp/list.out" 2>"$tmp/list.err"
rc=$?
n=$(grep -c '^basincheck: ' "$tmp/list.err")
if [ $rc -eq 2 ] && [ "$n" -eq 1 ] && [ ! -s "$tmp/list.out" ]; then ok; else bad "list on 2 ranks: exit $rc, $n messages"; cat "$tmp/list.err"; fi

echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
