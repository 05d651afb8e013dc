#!/usr/bin/env bash
# Generates the benchmark corpora and runs the measurements recorded in tests/bench/README.md.
# Not part of CI (it writes ~280 MB and runs for a few minutes). Usage:
#   tests/bench/run.sh [benchmark flags...]      e.g. --benchmark_filter=huge
# Environment: RAPPORT_BENCH_BUILD (build dir, default build/bench), RAPPORT_BENCH_DATA (where
# the generated corpora go, default <build>/data), RAPPORT_BENCH_REPETITIONS (default 3).
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${RAPPORT_BENCH_BUILD:-build/bench}
data=${RAPPORT_BENCH_DATA:-$build/data}
reps=${RAPPORT_BENCH_REPETITIONS:-3}

cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DRAPPORT_BUILD_BENCH=ON -DRAPPORT_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" --target rapport_generate_sessions rapport_bench_reader rapport_peak_memory
bin=$build/tests/bench

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

python3 - "$data/bench_reader.json" "$data/peak_memory.jsonl" <<'PY'
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
PY
