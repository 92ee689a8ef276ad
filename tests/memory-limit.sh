#!/bin/sh
# memory-limit.sh -- hostile inputs under a virtual-memory limit
# (`ulimit -v`): exit status 2 and one line "basincheck: ...", never an
# abort (status 134, a core dump):
#  - a stream without end (/dev/zero) under `ulimit -v 1800000` is
#    refused at its first over-long line, in about a megabyte;
#  - an input within every limit of the reader but larger than the memory
#    allowed (1.5 million rows: about 100 MB of table, with 40 MB more
#    than the program needs to start) ends with "out of memory", through
#    the allocation functions main installs for FLINT, Arb, GMP and MPFR.
# Skipped (exit 77) when the program cannot start under a memory limit at
# all: valgrind and AddressSanitizer reserve more address space than any
# such limit leaves.
. "${top_srcdir:-.}/tests/testlib.sh"
scratch mem

# under_ulimit KB CMD...: CMD with a virtual-memory limit of KB
under_ulimit() {
    kb=$1
    shift
    (ulimit -v "$kb" && exec "$@")
}

# the smallest of a few limits at which the program starts at all
base=""
if (ulimit -v 1800000) 2>/dev/null; then
    for kb in 40000 60000 100000 200000 400000; do
        if under_ulimit $kb $BC_WRAP "$BC" --version >/dev/null 2>&1; then
            base=$kb
            break
        fi
    done
fi
if [ -z "$base" ]; then
    echo "SKIP: the program does not start under ulimit -v (no limit, or a checker or sanitizer reserves the address space)"
    exit 77
fi
echo "starts under ulimit -v $base"

printf '1,1\n' >"$tmp/w1.csv"
if [ -r /dev/zero ]; then
    refused "line longer than 1048576 bytes" under_ulimit 1800000 $BC_WRAP "$BC" basin --data /dev/zero \
        --weights "$tmp/w1.csv"
    refused "line longer than 1048576 bytes" under_ulimit $((base + 40000)) $BC_WRAP "$BC" run thm2 --quick \
        --quiet --data /dev/zero --width 2
fi
yes 1,2 | head -n 1500000 >"$tmp/many.csv"
refused "out of memory" under_ulimit $((base + 40000)) $BC_WRAP "$BC" basin --data "$tmp/many.csv" \
    --weights "$tmp/w1.csv"
refused "out of memory" under_ulimit $((base + 40000)) $BC_WRAP "$BC" run thm4 --quick --quiet \
    --data "$tmp/many.csv" --width 2

finish
