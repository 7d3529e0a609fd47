#!/usr/bin/env bash
# Cold start of the operator CLI, side by side with pandoc in the same run:
#   bench/cli-cold-start.sh [runs=7]
# - `pipeline render big.txt -o big.html` on one 8.1 MB text file (61 copies of samples/*.txt concatenated) against
#   `pandoc -s -f markdown -t html big.txt -o big.html` on the same file (one cold process each, as an operator or a
#   script calls them);
# - `pipeline inspect samples/000_….txt --json` (one small file: nearly all of it is process start).
# Each command runs `runs` times, interleaved with the others; the median wall time and the median CPU time
# (user + sys) are printed, with the load average before and after (the machine is shared).
# The CLI measured is the one run.sh and test.sh use (src/Pipeline.Cli/publish.sh); PIPELINE_CLI="<command>" measures
# another build instead (e.g. PIPELINE_CLI="dotnet /tmp/old/pipeline.dll"); set-up shared in bench/lib/cli-vs-pandoc.sh.
set -euo pipefail
runs="${1:-7}"
# shellcheck source=lib/cli-vs-pandoc.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/cli-vs-pandoc.sh"

for _ in $(seq 1 61); do cat "$ROOT"/samples/*.txt; done > "$WORK/big.txt"
sample="$(ls "$ROOT"/samples/000_*.txt)"
bytes=$(wc -c < "$WORK/big.txt")

# One run: "<wall s> <cpu s>" (cpu = user + sys of the process and its children).
measure() {
  /usr/bin/time -f "%e %U %S" -o "$WORK/time" "$@" >/dev/null 2>>"$WORK/errors.log"
  awk '{ printf "%.3f %.3f\n", $1, $2 + $3 }' "$WORK/time"
}
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# Warm the file cache and the runtime's files once, unmeasured.
"${CLI[@]}" inspect "$sample" --json >/dev/null
pandoc --version >/dev/null

load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
: > "$WORK/render"; : > "$WORK/pandoc"; : > "$WORK/inspect"
for _ in $(seq 1 "$runs"); do
  measure "${CLI[@]}" render "$WORK/big.txt" -o "$WORK/big.pipeline.html" >> "$WORK/render"
  measure pandoc -s -f markdown -t html --metadata title=big "$WORK/big.txt" -o "$WORK/big.pandoc.html" >> "$WORK/pandoc"
  measure "${CLI[@]}" inspect "$sample" --json >> "$WORK/inspect"
done
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"

rw=$(cut -d' ' -f1 "$WORK/render" | median); rc=$(cut -d' ' -f2 "$WORK/render" | median)
pw=$(cut -d' ' -f1 "$WORK/pandoc" | median); pc=$(cut -d' ' -f2 "$WORK/pandoc" | median)
iw=$(cut -d' ' -f1 "$WORK/inspect" | median); ic=$(cut -d' ' -f2 "$WORK/inspect" | median)
echo "CLI: ${CLI[*]}"
echo "load average before: $load_before; after: $load_after; $runs runs each, medians"
awk -v b="$bytes" -v rw="$rw" -v rc="$rc" -v pw="$pw" -v pc="$pc" -v iw="$iw" -v ic="$ic" 'BEGIN {
  mb = b / 1048576
  printf "%-44s %8s %8s %10s\n", "command", "wall s", "CPU s", "MB/s wall"
  printf "%-44s %8.3f %8.3f %10.1f\n", sprintf("pipeline render (%.1f MB text)", mb), rw, rc, mb / rw
  printf "%-44s %8.3f %8.3f %10.1f\n", sprintf("pandoc -s -f markdown -t html (same file)"), pw, pc, mb / pw
  printf "%-44s %8.3f %8.3f\n", "pipeline inspect <sample 000> --json", iw, ic
  printf "render vs pandoc: %.1fx wall, %.1fx CPU\n", pw / rw, pc / rc
}'
echo "all runs (wall CPU): render: $(tr '\n' ',' < "$WORK/render") pandoc: $(tr '\n' ',' < "$WORK/pandoc") inspect: $(tr '\n' ',' < "$WORK/inspect")"
