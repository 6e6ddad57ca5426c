#!/usr/bin/env bash
# Benchmark: handbook against the peers on the shared synthetic corpus, in one run.
#
# usage: bench/run.sh N            (e.g. 1000, 10000)
# env:   RUNS=3  BENCH_WORK=/tmp/hbbench  HUGO=hugo  MDBOOK=mdbook (set to "" to skip one)
#        OUTDIR=/dev/shm  (write handbook's and Hugo's output there, e.g. on tmpfs, to measure
#        the tools' own work without the disk; mdBook always writes beside its book)
#        FRESHFS=1  (root, mkfs.ext4: write the output to an ext4 file system made afresh, in a
#        loop-mounted image under BENCH_WORK, before each clean build. On a long-used ext4 a
#        clean build's file creations slow down run after run, for every tool: the allocator
#        skips inodes freed recently whose inode-table blocks are still cached -- here, the
#        previous runs' output -- so the clean rows on plain disk measure the machine's
#        history as much as the tools. Rebuild rows keep the file system.)
# Prints and writes $BENCH_WORK/results-N.tsv: tool, run, wall s, CPU s, peak RSS MB.
# `handbook-nosearch` is the same book built with `[search] enabled = false` (no index);
# `handbook-rebuild` and `hugo-rebuild` build again over their previous output, as a trainer does.
# For N <= 2000 it also measures `handbook serve`: one-file edit -> rebuilt and reload signalled.
set -euo pipefail
N=${1:?usage: bench/run.sh N}
RUNS=${RUNS:-3}
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
SHARED=${SHARED:-$REPO/../shared}
WORK=${BENCH_WORK:-/tmp/hbbench}
CORPUS=$WORK/corpus-$N
BOOK=$WORK/book-$N
OUT=$WORK/results-$N.tsv
HUGO=${HUGO-$(command -v hugo || true)}
MDBOOK=${MDBOOK-$(command -v mdbook || true)}
[ -x /usr/bin/time ] || { echo "needs GNU time: apt-get install time" >&2; exit 2; }

(cd "$REPO" && cargo build --release --quiet)
HB=$REPO/target/release/handbook
mkdir -p "$WORK"
[ -d "$CORPUS" ] || python3 "$SHARED/bench/gen_corpus.py" "$N" "$CORPUS" >/dev/null
rm -rf "$BOOK" && python3 "$HERE/adapt_corpus.py" "$CORPUS" "$BOOK"
"$HB" --root "$BOOK" check >/dev/null

printf "tool\trun\twall_s\tcpu_s\tpeak_rss_mb\n" >"$OUT"
measure() { # name dir clean cmd...
  local name=$1 dir=$2 clean=$3; shift 3
  for r in $(seq 1 "$RUNS"); do
    (cd "$dir" && eval "$clean"); sync
    /usr/bin/time -f "%e %U %S %M" -o "$WORK/t" bash -c "cd '$dir' && $* >/dev/null 2>&1"
    read -r wall u s rss <"$WORK/t"
    printf "%s\t%s\t%s\t%.2f\t%.0f\n" "$name" "$r" "$wall" "$(echo "$u + $s" | bc)" "$((rss / 1024))" | tee -a "$OUT"
  done
}
if [ -n "${FRESHFS:-}" ]; then
  MNT=$WORK/freshfs IMG=$WORK/freshfs.img
  mkdir -p "$MNT"
  fresh() { umount "$MNT" 2>/dev/null || true; rm -f "$IMG"; truncate -s 8G "$IMG"; mkfs.ext4 -q -F "$IMG" && mount -o loop "$IMG" "$MNT"; }
  trap 'umount "$MNT" 2>/dev/null; rm -f "$IMG"' EXIT
  fresh
  OUTDIR=$MNT
fi
HB_OUT=${OUTDIR:+$OUTDIR/handbook-site}; HB_OUT=${HB_OUT:-site}
HUGO_OUT=${OUTDIR:+$OUTDIR/hugo-public}; HUGO_OUT=${HUGO_OUT:-public}
# A clean build: no output and no spare (the previous site a build keeps to write into).
HB_SPARE="$(dirname "$HB_OUT")/.$(basename "$HB_OUT").spare"
HB_CLEAN="rm -rf '$HB_OUT' '$HB_SPARE'" HUGO_CLEAN="rm -rf '$HUGO_OUT' resources"
[ -z "${FRESHFS:-}" ] || HB_CLEAN=fresh HUGO_CLEAN="fresh; rm -rf resources"
measure handbook "$BOOK" "$HB_CLEAN" "$HB build --dest '$HB_OUT'"
# A rebuild, as a trainer runs `handbook build` again: the last run's site and spare stay.
measure handbook-rebuild "$BOOK" "true" "$HB build --dest '$HB_OUT'"
# The same book with `[search] enabled = false`: what the search index adds to a build.
NOSEARCH=$WORK/book-$N-nosearch
rm -rf "$NOSEARCH" && mkdir -p "$NOSEARCH" && ln -s "$BOOK/content" "$NOSEARCH/content"
printf 'title = "Benchmark corpus"\n[search]\nenabled = false\n' >"$NOSEARCH/book.toml"
measure handbook-nosearch "$NOSEARCH" "$HB_CLEAN" "$HB build --dest '$HB_OUT'"
if [ -n "$HUGO" ]; then
  measure hugo "$CORPUS/hugo" "$HUGO_CLEAN" "$HUGO --quiet -d '$HUGO_OUT'"
  measure hugo-rebuild "$CORPUS/hugo" "true" "$HUGO --quiet -d '$HUGO_OUT'"
else echo "hugo not installed: skipped"; fi
if [ -n "$MDBOOK" ]; then measure mdbook "$CORPUS/mdbook" "rm -rf book" "$MDBOOK build"; else echo "mdbook not installed: skipped"; fi

if [ "$N" -le 2000 ]; then
  python3 - "$HB" "$BOOK" <<'PY'
import json, subprocess, sys, time, urllib.request
hb, book = sys.argv[1], sys.argv[2]
p = subprocess.Popen([hb, "--root", book, "serve", "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
import re  # (the first line names the address, in the book's language)
url = re.search(r"https?://[^\s/]+/", p.stdout.readline()).group(0)
def status(since):
    return json.load(urllib.request.urlopen(url + "__handbook/status?since=%d" % since, timeout=60))
page = book + "/content/pages/p00500.md"
orig = open(page, encoding="utf-8").read()
times = []
for i in range(5):
    g = status(-1)["generation"]
    time.sleep(0.3)
    t0 = time.perf_counter()
    open(page, "w", encoding="utf-8").write(orig + "\n\n编辑 %d\n" % i)
    s = status(g)
    times.append((time.perf_counter() - t0) * 1000)
    assert s["error"] is None, s
open(page, "w", encoding="utf-8").write(orig)
p.terminate()
times.sort()
print("serve edit->reload ms (5 edits): " + ", ".join("%.0f" % t for t in times) + "; median %.0f" % times[2])
PY
fi
