#!/usr/bin/env bash
# Core vs pandoc, side by side in the same run on the same files.
#   bench/core-vs-pandoc.sh [N]      (N = number of files, default 200: copies of samples/*.txt)
# Core:   `pipeline render <folder> -o <dir>`: one process that analyses (decode, clean, parse, validate) and
#         renders a full report page for every file.
# pandoc: `pandoc -s` per file (one process per file, which is how a converter is used on uploads), and, for the pure
#         conversion speed without process start-up, once more as one process over all files concatenated.
# Set-up (pandoc, the CLI build, PIPELINE_CLI to measure another build) shared in bench/lib/cli-vs-pandoc.sh.
set -euo pipefail

N="${1:-200}"
# shellcheck source=lib/cli-vs-pandoc.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/cli-vs-pandoc.sh"

mkdir -p "$WORK/in" "$WORK/out-core" "$WORK/out-pandoc"
i=0
while [ "$i" -lt "$N" ]; do
  for f in "$ROOT"/samples/*.txt; do
    [ "$i" -ge "$N" ] && break
    cp "$f" "$WORK/in/$(printf '%05d' "$i")_$(basename "$f")"
    i=$((i + 1))
  done
done
BYTES=$(cat "$WORK"/in/*.txt | wc -c)
MB=$(awk -v b="$BYTES" 'BEGIN { printf "%.2f", b / 1048576 }')
# Wall and CPU (user + system, children included) seconds of each run: the machine is shared, so wall time says as
# much about the neighbours as about the tools; CPU time is what each tool actually spent.
TIMEFORMAT='%R %U %S'
measure() { { time "$@" >/dev/null 2>>"$WORK/errors.log"; } 2>&1 | tail -n 1; }

read -r core_wall core_user core_sys < <(measure "${CLI[@]}" render "$WORK/in" -o "$WORK/out-core")
pandoc_each() {
  for f in "$WORK"/in/*.txt; do
    name="$(basename "$f" .txt)"
    pandoc -s -f markdown -t html --metadata title="$name" "$f" -o "$WORK/out-pandoc/$name.html"
  done
}
read -r each_wall each_user each_sys < <(measure pandoc_each)
read -r all_wall all_user all_sys < <(measure pandoc -s -f markdown -t html --metadata title=all "$WORK"/in/*.txt -o "$WORK/pandoc-all.html")

pages=$(find "$WORK/out-core" -name '*.html' | wc -l)
awk -v n="$N" -v mb="$MB" -v pages="$pages" \
    -v cw="$core_wall" -v cc="$(awk -v u="$core_user" -v s="$core_sys" 'BEGIN { print u + s }')" \
    -v pw="$each_wall" -v pc="$(awk -v u="$each_user" -v s="$each_sys" 'BEGIN { print u + s }')" \
    -v aw="$all_wall" -v ac="$(awk -v u="$all_user" -v s="$all_sys" 'BEGIN { print u + s }')" 'BEGIN {
  printf "files: %d (%s MB), core pages written: %d\n", n, mb, pages
  printf "%-38s %7s %7s %10s %8s %9s\n", "tool", "wall s", "CPU s", "files/s", "MB/s", "MB/CPU-s"
  printf "%-38s %7.2f %7.2f %10.1f %8.2f %9.2f\n", "pipeline render (1 process)", cw, cc, n / cw, mb / cw, mb / cc
  printf "%-38s %7.2f %7.2f %10.1f %8.2f %9.2f\n", "pandoc -s (1 process per file)", pw, pc, n / pw, mb / pw, mb / pc
  printf "%-38s %7.2f %7.2f %10s %8.2f %9.2f\n", "pandoc -s (1 process, concatenated)", aw, ac, "-", mb / aw, mb / ac
  printf "core vs pandoc per file:      %5.1fx wall, %5.1fx CPU\n", pw / cw, pc / cc
  printf "core vs pandoc concatenated:  %5.1fx wall, %5.1fx CPU\n", aw / cw, ac / cc
}'
[ -s "$WORK/errors.log" ] && echo "core's own timing: $(grep '^rendered' "$WORK/errors.log" | tail -n 1)"
exit 0
