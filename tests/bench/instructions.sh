#!/usr/bin/env bash
# Instructions of the EAF reader against the bare Xerces SAX2 pass over the same files, counted by
# callgrind: the figure behind issue 2's "within 1.25x the bare SAX2 time" that other work on this
# 2-core machine cannot move (the wall clock can; BASELINE.md has both). One process per file and
# pass; the parser is initialised by a warm-up read outside the counted window. Kernel time (file
# reads, page faults) is not counted. Usage:
#   tests/bench/instructions.sh FILE...
# Environment: RAPPORT_BENCH_BUILD (a build with rapport_peak_memory, default build/bench).
set -euo pipefail
build=${RAPPORT_BENCH_BUILD:-build/bench}
program=$build/tests/bench/rapport_peak_memory
[[ $# -gt 0 ]] || { sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
[[ -x $program ]] || { echo "instructions.sh: build $program first" >&2; exit 2; }
for file in "$@"; do [[ -f $file ]] || { echo "instructions.sh: $file: no such file" >&2; exit 2; }; done
command -v valgrind >/dev/null || { echo "instructions.sh: needs valgrind (apt-get install valgrind)" >&2; exit 2; }

# Instructions executed inside the function matching $1 while `$program $2 [$3]` runs.
count() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null --collect-atstart=no --toggle-collect="$1" \
    "$program" "${@:2}" 2>&1 >/dev/null | sed -n 's/^==[0-9]*== Collected : *//p'
}

printf '%-40s %16s %16s %7s\n' file reader sax2_bare ratio
total_reader=0 total_bare=0
for file in "$@"; do
  reader=$(count 'rapport::eaf::read_eaf_file(*' "$file")
  bare=$(count 'rapport::bench::BareSax2::parse_file*' "$file" --sax2)
  total_reader=$((total_reader + reader))
  total_bare=$((total_bare + bare))
  printf '%-40s %16s %16s %7s\n' "$(basename "$file")" "$reader" "$bare" \
    "$(awk -v r="$reader" -v b="$bare" 'BEGIN { printf "%.3f", r / b }')"
done
printf '%-40s %16s %16s %7s\n' "total ($# files)" "$total_reader" "$total_bare" \
  "$(awk -v r="$total_reader" -v b="$total_bare" 'BEGIN { printf "%.3f", r / b }')"
