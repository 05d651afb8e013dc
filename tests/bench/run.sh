#!/usr/bin/env bash
# The performance suite (issue 11 item 5): generates the benchmark corpora and prints one table
# of parse throughput (reader vs bare SAX2), peak memory, `rapport check` and `rapport agree` over
# the generated corpora, statistics at a million units and gamma at 2 x 2,000 units. The figures
# of record are in tests/bench/BASELINE.md; compare a new run with them.
# Not part of CI (it writes ~280 MB and runs for about 5-8 minutes on 2 cores). Usage:
#   tests/bench/run.sh [benchmark flags...]      e.g. --benchmark_filter=huge (reader benchmark only)
# Environment: RAPPORT_BENCH_BUILD (build dir, default build/bench), RAPPORT_BENCH_DATA (where
# the generated corpora go, default <build>/data), RAPPORT_BENCH_REPETITIONS (default 3),
# RAPPORT_BENCH_CONFIGURE=0 (use the build dir as it is configured, e.g. a RelWithDebInfo tree that
# also builds the tests, instead of configuring it as Release without tests).
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${RAPPORT_BENCH_BUILD:-build/bench}
data=${RAPPORT_BENCH_DATA:-$build/data}
reps=${RAPPORT_BENCH_REPETITIONS:-3}

if [ "${RAPPORT_BENCH_CONFIGURE:-1}" != 0 ]; then
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DRAPPORT_BUILD_BENCH=ON -DRAPPORT_BUILD_TESTS=OFF >/dev/null
fi
echo "== build type: $(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$build/CMakeCache.txt"), $(nproc) cores, $(date -u +%FT%TZ)"
cmake --build "$build" --target rapport_generate_sessions rapport_bench_reader rapport_peak_memory rapport \
  rapport_bench_stats rapport_bench_intervals
bin=$build/tests/bench
rapport=$build/engine/cli/rapport

# (a) 500 sessions x 2 coders, ~50 min each: ~147 MB in 1000 files. (b) one ~140 MB session.
# Regenerated every run (a few seconds) so the data always matches the generator.
rm -rf "$data/corpus" "$data/huge"
"$bin/rapport_generate_sessions" --out "$data/corpus" --sessions 500 --coders 2 --seed 2
"$bin/rapport_generate_sessions" --out "$data/huge" --sessions 1 --coders 1 --target-mb 140 --seed 3
huge=$data/huge/S01_coderA.eaf
python3 tests/bench/check_sessions.py "$data"/corpus/S00[1-3]_coder?.eaf

echo "== load before measuring: $(cut -d' ' -f1-3 /proc/loadavg) (other work on this 2-core machine skews results)"
"$bin/rapport_bench_reader" --corpus="$data/corpus" --huge="$huge" --benchmark_repetitions="$reps" \
  --benchmark_report_aggregates_only=true --benchmark_out="$data/bench_reader.json" --benchmark_out_format=json "$@"

echo "== peak memory (one process per measurement)"
largest=$(ls -S "$data"/corpus/*.eaf | sed -n 1p)  # sed reads all: no SIGPIPE under pipefail
: >"$data/peak_memory.jsonl"
for file in "$largest" "$huge"; do
  for mode in "" --sax2; do
    "$bin/rapport_peak_memory" "$file" $mode 2>/dev/null | tee -a "$data/peak_memory.jsonl"
  done
done

# The CLI end to end, one process per run: wall time and peak RSS from GNU time (exit status 1
# only means "diagnostics at the --fail-on level", so it is recorded, not fatal).
echo "== rapport check / agree over the generated corpora"
: >"$data/cli.tsv"
cli() {
  local label=$1
  shift
  local status=0
  /usr/bin/time -f "%e\t%M" -o "$data/time.out" "$rapport" "$@" >"$data/$label.out" 2>"$data/$label.err" || status=$?
  printf '%s\t%s\t%s\n' "$label" "$(tail -n 1 "$data/time.out")" "$status" | tee -a "$data/cli.tsv"
}
cli check_corpus check "$data/corpus"
cli check_huge check "$huge"
cli agree_corpus agree "$data/corpus" --format json

echo "== statistics at 1,000,000 units x 3 raters, gamma at 2 x 2,000 units"
"$bin/rapport_bench_stats" --benchmark_filter='/1000000$' --benchmark_out="$data/bench_stats.json" \
  --benchmark_out_format=json
"$bin/rapport_bench_intervals" --benchmark_filter='2x2000' --benchmark_out="$data/bench_intervals.json" \
  --benchmark_out_format=json

python3 - "$data/bench_reader.json" "$data/peak_memory.jsonl" "$data/cli.tsv" "$data/bench_stats.json" \
  "$data/bench_intervals.json" <<'PY'
import json, sys
runs = {}
for b in json.load(open(sys.argv[1]))["benchmarks"]:
    if b.get("aggregate_name", "median") == "median":
        runs[b["run_name"].replace("/real_time", "")] = b
def line(name):
    b = runs.get(name)
    if not b:
        return f"{name:36s} (not run)"
    mbs_cpu = b["MB"] / (b["cpu_time"] / 1e3)
    return (f"{name:36s} {b['real_time']:7.0f} ms wall {b['MB/s']:6.1f} MB/s   {b['cpu_time']:7.0f} ms cpu"
            f" {mbs_cpu:6.1f} MB/s")
print("\n== summary (medians; cpu is the calling thread's, meaningless for the threaded runs)")
for n in ["sax2_bare/corpus", "reader/corpus", "reader_batch/corpus/threads:1", "reader_batch/corpus/threads:2",
          "sax2_bare_batch/corpus/threads:2", "sax2_bare/huge", "reader/huge", "sax2_bare_memory/huge",
          "reader_memory/huge"]:
    print(line(n))
def ratio(a, b, cpu=True):
    if a in runs and b in runs:
        wall = runs[a]["real_time"] / runs[b]["real_time"]
        extra = f", cpu {runs[a]['cpu_time'] / runs[b]['cpu_time']:.2f}x" if cpu else ""
        print(f"{a} / {b}: wall {wall:.2f}x{extra}")
print("\ntarget: reader within 1.25x bare SAX2 on one core")
ratio("reader/corpus", "sax2_bare/corpus")
ratio("reader/huge", "sax2_bare/huge")
print("thread scaling (1 thread / 2 threads, ideal 2.0):")
ratio("reader_batch/corpus/threads:1", "reader_batch/corpus/threads:2", cpu=False)
ratio("sax2_bare/corpus", "sax2_bare_batch/corpus/threads:2", cpu=False)
print("\ntarget: peak memory below the largest file's size")
for l in open(sys.argv[2]):
    m = json.loads(l)
    print(f"{m['mode']:10s} {m['file']:18s} file {m['file_bytes'] / 1e6:7.1f} MB  peak RSS {m['peak_rss_bytes'] / 1e6:7.1f} MB"
          f"  ({m['peak_over_file']:.2f}x; before reading {m['baseline_rss_bytes'] / 1e6:.1f} MB)")

print("\n== rapport CLI (one process each; wall time and peak RSS from GNU time)")
for l in open(sys.argv[3]):
    label, wall, rss_kb, status = l.rstrip("\n").split("\t")
    print(f"{label:36s} {float(wall) * 1e3:7.0f} ms wall  peak RSS {int(rss_kb) / 1e3:7.1f} MB  exit {status}")

print("\n== statistics (1,000,000 units x 3 raters) and gamma (2 coders x 2,000 units)")
for path in sys.argv[4:6]:
    for b in json.load(open(path))["benchmarks"]:
        if b.get("run_type") == "aggregate":
            continue
        unit = b.get("time_unit", "ms")
        print(f"{b['name']:36s} {b['real_time']:7.0f} {unit} wall {b['cpu_time']:7.0f} {unit} cpu")
PY
