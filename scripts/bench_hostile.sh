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
    # a crash (abort, stack overflow) shows as "terminated by signal", with "Exit status: 0"
    rc=$(sed -n 's/.*Command terminated by signal /signal /p' time.txt | head -1)
    [ -n "$rc" ] || rc=$(printf '%s\n' "$out" | sed -n 's/.*Exit status: //p')
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
        for tags in '<template>' '<table><tr><td>' '<b><i>' '<ul><li>'; do
            python3 -c "
import sys
t = '$tags'
sys.stdout.write((t * (16 * 1024 * 1024 // len(t)))[:16 * 1024 * 1024 - 64] + '$sentence')" >nest.html
            run "row 3: 16 MiB of $tags" "$petrel" extract nest.html
        done
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
    5)
        for mb in 1 2 4 16 50; do
            python3 -c "
import sys
s = 'Police in Lagos arrested 40 protesters on Monday. Troops entered the town, officials said. '
sys.stdout.write(s * ($mb * 1024 * 1024 // len(s)))" >text$mb.txt
            run "row 5: code, $mb MB of text on one line" "$petrel" code text$mb.txt --date 2023-05-10
        done
        ;;
    6)
        { printf '{"id":"huge","text":"'; head -c 4294967296 /dev/zero | tr '\0' x; printf '"}\n'
          printf '{"id":"ok","text":"Police arrested 40 protesters in Lagos."}\n'; } | gzip -1 >huge.jsonl.gz
        run "row 6: a 4 GiB JSONL line (.jsonl.gz)" "$petrel" extract huge.jsonl.gz
        { printf '{"id":"big","text":"'; head -c 209715200 /dev/zero | tr '\0' x; printf '"}\n'; } >big.jsonl
        run "row 6: a 200 MB JSONL record" "$petrel" extract big.jsonl
        { printf '{"id":"page","html":"<p>'; head -c 22020096 /dev/zero | tr '\0' x; printf '</p>"}\n'; } >page.jsonl
        run "row 6: a 21 MiB html field" "$petrel" extract page.jsonl
        ;;
    7)
        mkdir -p tree/sub
        for i in 1 2 3; do echo "Police arrested $i protesters in Lagos." >tree/a$i.txt; done
        echo "Troops entered the town." >tree/sub/b.txt
        ln -s . tree/self
        ln -s .. tree/sub/up
        run "row 7: a folder with self -> . and sub/up -> .." "$petrel" extract tree
        echo "  documents read: $(timeout "$limit" "$petrel" extract tree 2>/dev/null | wc -l) (4 files)"
        ;;
    esac
done
