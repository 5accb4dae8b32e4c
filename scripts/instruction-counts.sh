#!/usr/bin/env bash
# Builds shardsim in release and prints the callgrind instruction count of event fidelity on the two profiling
# workloads (docs/speed/workload-a-30s.json and workload-b-30s.json: bench workloads a and b shortened to 30 s).
# Instruction counts are deterministic, so they compare across runs even on a busy machine, unlike wall time.
#
# Usage: scripts/instruction-counts.sh [SCRATCH_PATH]
#   SCRATCH_PATH  SwiftPM scratch directory for the release build (default .build); the build is skipped when
#                 SHARDSIM_BINARY names an already-built shardsim.
# Needs valgrind (callgrind). Prints one line per workload: instructions, user records, instructions per record.
# Counts move by a few hundred thousand with the length of the output path; nothing else on the machine moves them.
set -euo pipefail
cd "$(dirname "$0")/.."
scratch="${1:-.build}"
if [[ -n "${SHARDSIM_BINARY:-}" ]]; then
    binary="$SHARDSIM_BINARY"
else
    swift build -c release --product shardsim --scratch-path "$scratch" >&2
    binary="$scratch/release/shardsim"
fi
command -v valgrind >/dev/null || { echo "valgrind is needed (apt-get install valgrind)" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
printf '%-10s %16s %12s %18s\n' workload instructions "user records" "instructions/record"
for name in a b; do
    scenario="docs/speed/workload-$name-30s.json"
    # One thread, as `run` uses for fewer than 2 M records per producer: the count is the whole run's work.
    valgrind --tool=callgrind --callgrind-out-file="$work/callgrind.$name" \
        "$binary" run "$scenario" --format json --out "$work/report-$name.json" 2>"$work/valgrind-$name.log"
    instructions=$(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$work/valgrind-$name.log")
    records=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['totals']['recordsAttempted'])" \
        "$work/report-$name.json")
    python3 -c "import sys; i, r = int(sys.argv[2]), int(sys.argv[3]); print(f'{sys.argv[1]:<10} {i:>16,} {r:>12,} {i / r:>18.0f}')" \
        "$name" "$instructions" "$records"
done
