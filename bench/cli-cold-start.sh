#!/usr/bin/env bash
# Cold start of the operator CLI, side by side with pandoc in the same run:
#   bench/cli-cold-start.sh [runs=7]
# - `render big.txt -o big.html` on one 8.1 MB text file (61 copies of samples/*.txt concatenated) against
#   `pandoc -s -f markdown -t html big.txt -o big.html` on the same file (one cold process each, as an operator or a
#   script calls them);
# - `inspect samples/000_….txt --json` (one small file: nearly all of it is process start).
# Both CLI builds are measured: the full CLI `pipeline` (ReadyToRun, the one run.sh and test.sh use) and the file-only
# CLI `pipeline-files` (src/Pipeline.Cli.Files, Native AOT: `src/Pipeline.Cli/publish.sh src/Pipeline.Cli.Files --aot`,
# minutes of compiling the first time). Before timing anything, the script checks that the two print the same bytes
# (inspect --json and the readable report on every sample, the page render writes for big.txt and for every sample,
# score --json on tests/corpus) and stops with exit 1 when they do not.
# Each command runs `runs` times, interleaved with the others; the median wall time and the median CPU time
# (user + sys) are printed, with the load average before and after (the machine is shared).
# PIPELINE_CLI="<command>" / PIPELINE_FILES_CLI="<command>" measure other builds instead (e.g. "dotnet /tmp/old/pipeline.dll");
# set-up shared in bench/lib/cli-vs-pandoc.sh.
set -euo pipefail
runs="${1:-7}"
# shellcheck source=lib/cli-vs-pandoc.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/cli-vs-pandoc.sh"
if [[ -z "${PIPELINE_FILES_CLI:-}" ]]; then
  echo "building the file-only CLI, Native AOT (src/Pipeline.Cli/publish.sh src/Pipeline.Cli.Files --aot)..." >&2
  PIPELINE_FILES_CLI="$("$ROOT/src/Pipeline.Cli/publish.sh" src/Pipeline.Cli.Files --aot)"
fi
read -r -a FILES_CLI <<<"$PIPELINE_FILES_CLI"

for _ in $(seq 1 61); do cat "$ROOT"/samples/*.txt; done > "$WORK/big.txt"
sample="$(ls "$ROOT"/samples/000_*.txt)"
bytes=$(wc -c < "$WORK/big.txt")

# Same bytes from both builds, or no figures: a fast binary that answers differently is not the same command.
same() {
  if ! cmp -s "$1" "$2"; then echo "cli-cold-start: ${CLI[*]} and ${FILES_CLI[*]} differ: $3 ($1 vs $2)" >&2; exit 1; fi
}
checked=0
for f in "$ROOT"/samples/*.txt "$WORK/big.txt"; do
  for args in "--json" ""; do
    # shellcheck disable=SC2086 # $args is one option or none
    "${CLI[@]}" inspect "$f" $args > "$WORK/check.full" 2>/dev/null || true
    # shellcheck disable=SC2086
    "${FILES_CLI[@]}" inspect "$f" $args > "$WORK/check.files" 2>/dev/null || true
    same "$WORK/check.full" "$WORK/check.files" "inspect $(basename "$f") $args"
    checked=$((checked + 1))
  done
  "${CLI[@]}" render "$f" -o "$WORK/check.full.html" 2>/dev/null
  "${FILES_CLI[@]}" render "$f" -o "$WORK/check.files.html" 2>/dev/null
  same "$WORK/check.full.html" "$WORK/check.files.html" "render $(basename "$f")"
  checked=$((checked + 1))
done
"${CLI[@]}" score "$ROOT/tests/corpus" --json > "$WORK/check.full"
"${FILES_CLI[@]}" score "$ROOT/tests/corpus" --json > "$WORK/check.files"
same "$WORK/check.full" "$WORK/check.files" "score tests/corpus --json"
checked=$((checked + 1))
echo "outputs: $checked commands, byte-identical between the two builds"

# One run: "<wall s> <cpu s>" (cpu = user + sys of the process and its children).
measure() {
  /usr/bin/time -f "%e %U %S" -o "$WORK/time" "$@" >/dev/null 2>>"$WORK/errors.log"
  awk '{ printf "%.3f %.3f\n", $1, $2 + $3 }' "$WORK/time"
}
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# Warm the file cache and the runtime's files once, unmeasured.
"${CLI[@]}" inspect "$sample" --json >/dev/null
"${FILES_CLI[@]}" inspect "$sample" --json >/dev/null
pandoc --version >/dev/null

load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
kinds=(render render-aot pandoc inspect inspect-aot)
for k in "${kinds[@]}"; do : > "$WORK/$k"; done
for _ in $(seq 1 "$runs"); do
  measure "${CLI[@]}" render "$WORK/big.txt" -o "$WORK/big.pipeline.html" >> "$WORK/render"
  measure "${FILES_CLI[@]}" render "$WORK/big.txt" -o "$WORK/big.pipeline-files.html" >> "$WORK/render-aot"
  measure pandoc -s -f markdown -t html --metadata title=big "$WORK/big.txt" -o "$WORK/big.pandoc.html" >> "$WORK/pandoc"
  measure "${CLI[@]}" inspect "$sample" --json >> "$WORK/inspect"
  measure "${FILES_CLI[@]}" inspect "$sample" --json >> "$WORK/inspect-aot"
done
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"

declare -A wall cpu
for k in "${kinds[@]}"; do
  wall[$k]=$(cut -d' ' -f1 "$WORK/$k" | median)
  cpu[$k]=$(cut -d' ' -f2 "$WORK/$k" | median)
done
echo "CLI: ${CLI[*]}; file-only CLI: ${FILES_CLI[*]}"
echo "load average before: $load_before; after: $load_after; $runs runs each, medians"
awk -v b="$bytes" \
  -v rw="${wall[render]}" -v rc="${cpu[render]}" -v aw="${wall[render-aot]}" -v ac="${cpu[render-aot]}" \
  -v pw="${wall[pandoc]}" -v pc="${cpu[pandoc]}" \
  -v iw="${wall[inspect]}" -v ic="${cpu[inspect]}" -v jw="${wall[inspect-aot]}" -v jc="${cpu[inspect-aot]}" 'BEGIN {
  mb = b / 1048576
  printf "%-52s %8s %8s %10s\n", "command", "wall s", "CPU s", "MB/s wall"
  printf "%-52s %8.3f %8.3f %10.1f\n", sprintf("pipeline render (%.1f MB text), ReadyToRun", mb), rw, rc, mb / rw
  printf "%-52s %8.3f %8.3f %10.1f\n", sprintf("pipeline-files render (same file), Native AOT"), aw, ac, mb / aw
  printf "%-52s %8.3f %8.3f %10.1f\n", sprintf("pandoc -s -f markdown -t html (same file)"), pw, pc, mb / pw
  printf "%-52s %8.3f %8.3f\n", "pipeline inspect <sample 000> --json, ReadyToRun", iw, ic
  printf "%-52s %8.3f %8.3f\n", "pipeline-files inspect <sample 000> --json, AOT", jw, jc
  printf "render vs pandoc: ReadyToRun %.1fx wall, %.1fx CPU; Native AOT %.1fx wall, %.1fx CPU\n", pw / rw, pc / rc, pw / aw, pc / ac
}'
echo "all runs (wall CPU):"
for k in "${kinds[@]}"; do echo "  $k: $(tr '\n' ',' < "$WORK/$k")"; done
