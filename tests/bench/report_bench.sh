#!/usr/bin/env bash
# `rapport report` end to end on generated projects (issue 9): wall time and peak RSS for 100, 500
# and 2000 double-coded sessions (memory must follow the largest file, not the project), the same 500
# as 3 shards + `rapport merge` (each process's peak, and the merged report must equal the
# unsharded one after normalising the generation time), and one session ~10x larger than the
# others among them. Recorded in tests/bench/README.md, "rapport report". Not part of CI. Usage:
#   tests/bench/report_bench.sh
# Environment: RAPPORT_BENCH_BUILD (build dir, default build/shard), RAPPORT_BENCH_DATA (where the
# generated projects go, default <build>/report-bench), RAPPORT_BENCH_THREADS (default 0: all cores).
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${RAPPORT_BENCH_BUILD:-build/shard}
data=${RAPPORT_BENCH_DATA:-$build/report-bench}
threads=${RAPPORT_BENCH_THREADS:-0}

cmake --build "$build" --target rapport rapport_generate_sessions >/dev/null
rapport=$build/engine/cli/rapport
generate=$build/tests/bench/rapport_generate_sessions

# measure LABEL CMD...: runs CMD under /usr/bin/time -v; prints wall seconds and peak RSS (MB).
measure() {
  local label=$1
  shift
  local log
  log=$(mktemp)
  local rc=0
  /usr/bin/time -v "$@" >/dev/null 2>"$log" || rc=$?
  local wall rss
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$log")
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$log")
  printf '%-34s exit %d  wall %8s  peak RSS %6.1f MB\n' "$label" "$rc" "$wall" "$(echo "$rss / 1024" | bc -l)"
  rm -f "$log"
}

normalise() { sed -E 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z/<generated_at>/g' "$1"; }

echo "== load before measuring: $(cut -d' ' -f1-3 /proc/loadavg) (other work on this 2-core machine skews results)"
for n in 100 500 2000; do
  rm -rf "$data/p$n" "$data/out$n"
  "$generate" --out "$data/p$n" --sessions "$n" --coders 2 --seed 2 >/dev/null
  echo "-- $n sessions x 2 coders: $(ls "$data/p$n" | wc -l) files, $(du -sm "$data/p$n" | cut -f1) MB," \
    "largest $(ls -S "$data/p$n" | head -1 | xargs -I{} du -k "$data/p$n/{}" | cut -f1) KB"
  measure "report ($n sessions)" "$rapport" report "$data/p$n" -o "$data/out$n" --threads "$threads" --quiet
done

# One session ten times the size of the others: the peak should follow it.
rm -rf "$data/big" "$data/p500big" "$data/out500big"
"$generate" --out "$data/big" --sessions 1 --coders 2 --target-mb 30 --seed 5 >/dev/null
cp -r "$data/p500" "$data/p500big"
for f in "$data"/big/*.eaf; do cp "$f" "$data/p500big/BIG_$(basename "$f" | sed 's/^S01_//')"; done
measure "report (500 + one 30 MB session)" "$rapport" report "$data/p500big" -o "$data/out500big" \
  --threads "$threads" --quiet

# Sharded: three shards one after the other (a job array would run them at once), then merge.
rm -rf "$data/parts" "$data/merged"
for k in 1 2 3; do
  measure "report --shard $k/3 (500 sessions)" "$rapport" report "$data/p500" -o "$data/parts" --shard "$k/3" \
    --threads "$threads" --quiet
done
ls -l "$data"/parts/*.jsonl | awk '{printf "   part %s: %.1f MB\n", $NF, $5 / 1e6}'
measure "merge (3 parts)" "$rapport" merge "$data"/parts/part-*-of-3.rapport-part.jsonl -o "$data/merged" \
  --threads "$threads" --quiet
same=yes
for f in report.json agreement.csv sessions.csv episodes.csv disagreements.csv diagnostics.csv report.html; do
  cmp -s <(normalise "$data/out500/$f") <(normalise "$data/merged/$f") || { same=no; echo "   differs: $f"; }
done
echo "   merged report equals the unsharded one (after normalising generated_at): $same"
