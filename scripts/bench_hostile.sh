#!/usr/bin/env bash
# Builds the hostile inputs of issue 16 (rows 2-7) at full size in a scratch folder and prints, for each, the
# wall time, peak RSS and exit code of the petrel command that reads it (GNU time's `-v` figures).
#
#   scripts/bench_hostile.sh [PETREL] [ROWS...]     # PETREL defaults to target/release/petrel; ROWS e.g. 2 3
#
# Time bounds are checked here, by a person, not in `cargo test` (a shared machine makes timed tests flaky).
set -u
petrel=$(realpath "${1:-target/release/petrel}")
shift || true
rows=${*:-"2 3 4 5 6 7"}
dir=$(mktemp -d /tmp/petrel-hostile.XXXXXX)
trap 'rm -rf "$dir"' EXIT
cd "$dir" || exit 2
limit=${PETREL_BENCH_TIMEOUT:-300}

run() { # NAME COMMAND...
    local name=$1
    shift
    /usr/bin/time -v -o time.txt timeout "$limit" "$@" >/dev/null 2>err.txt
    local out
    out=$(cat time.txt)
    local rc wall rss
    rc=$(printf '%s\n' "$out" | sed -n 's/.*Exit status: //p')
    [ -n "$rc" ] || rc=$(sed -n 's/Command exited with non-zero status //p; s/Command terminated by signal /signal /p' time.txt | head -1)
    wall=$(printf '%s\n' "$out" | sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p')
    rss=$(printf '%s\n' "$out" | sed -n 's/.*Maximum resident set size (kbytes): //p')
    printf '%-44s wall %-9s peak RSS %7d MB  exit %s\n' "$name" "$wall" $((rss / 1024)) "$rc"
}

sentence='<p>Police in Lagos arrested 40 protesters.</p>'
for row in $rows; do
    case $row in
    2)
        python3 -c "print('<b><i>'*20000 + '$sentence')" >bi.html
        run "row 2: 20,000 nested <b><i>" "$petrel" extract bi.html
        python3 -c "print('<div>'*40000 + '$sentence')" >div40k.html
        run "row 2: 40,000 nested <div>" "$petrel" extract div40k.html
        ;;
    3)
        for n in 10000 15000 20000; do
            python3 -c "print('<div>'*$n + '$sentence')" >div$n.html
            run "row 3: $n nested <div>" "$petrel" extract div$n.html
        done
        python3 -c "print('<div>'*1000000)" >div1m.html
        run "row 3: 1,000,000 unclosed <div> (5 MB)" "$petrel" extract div1m.html
        python3 -c "
import sys
s='<div>'*3000000 + '$sentence'
sys.stdout.write(s[:16*1024*1024-16])" >div16m.html
        run "row 3: 16 MiB of <div>" "$petrel" extract div16m.html
        ;;
    4)
        for n in 20000 40000 500000; do
            python3 -c "print('<p ' + ' '.join('a%d=1' % i for i in range($n)) + '>Police in Lagos arrested 40 protesters.</p>')" >attr$n.html
            run "row 4: one element, $n attributes" "$petrel" extract attr$n.html
        done
        python3 -c "
import sys
tag='<b ' + ' '.join('a%d=1' % i for i in range(300)) + '>x</b>'
sys.stdout.write(tag * (16*1024*1024 // len(tag)))" >attrmany.html
        run "row 4: 16 MiB of elements of 300 attributes" "$petrel" extract attrmany.html
        ;;
    esac
done
