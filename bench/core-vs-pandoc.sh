#!/usr/bin/env bash
# Core vs pandoc, side by side in the same run on the same files.
#   bench/core-vs-pandoc.sh [N]      (N = number of files, default 200: copies of samples/*.txt)
# Core:   `pipeline render <folder> -o <dir>`: one process that analyses (decode, clean, parse, validate) and
#         renders a full report page for every file.
# pandoc: `pandoc -s` per file (one process per file, which is how a converter is used on uploads), and, for the pure
#         conversion speed without process start-up, once more as one process over all files concatenated.
set -euo pipefail

N="${1:-200}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

if ! command -v pandoc >/dev/null 2>&1; then
  echo "pandoc not found; installing the Debian package" >&2
  if [ "$(id -u)" -eq 0 ]; then apt-get install -y pandoc >/dev/null; else sudo apt-get install -y pandoc >/dev/null; fi
fi

echo "building pipeline (Release)..." >&2
dotnet build "$ROOT/src/Pipeline.Cli" -c Release -v q -nologo -o "$WORK/cli" >/dev/null

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
now() { date +%s.%N; }

t0=$(now)
"$WORK/cli/pipeline" render "$WORK/in" -o "$WORK/out-core" 2>"$WORK/core.log"
t1=$(now)

for f in "$WORK"/in/*.txt; do
  name="$(basename "$f" .txt)"
  pandoc -s -f markdown -t html --metadata title="$name" "$f" -o "$WORK/out-pandoc/$name.html"
done
t2=$(now)

pandoc -s -f markdown -t html --metadata title=all "$WORK"/in/*.txt -o "$WORK/pandoc-all.html"
t3=$(now)

pages=$(find "$WORK/out-core" -name '*.html' | wc -l)
awk -v n="$N" -v mb="$MB" -v pages="$pages" -v t0="$t0" -v t1="$t1" -v t2="$t2" -v t3="$t3" 'BEGIN {
  c = t1 - t0; p = t2 - t1; a = t3 - t2
  printf "files: %d (%s MB), core pages written: %d\n", n, mb, pages
  printf "%-38s %8s %10s %8s\n", "tool", "seconds", "files/s", "MB/s"
  printf "%-38s %8.2f %10.1f %8.2f\n", "pipeline render (1 process)", c, n / c, mb / c
  printf "%-38s %8.2f %10.1f %8.2f\n", "pandoc -s (1 process per file)", p, n / p, mb / p
  printf "%-38s %8.2f %10s %8.2f\n", "pandoc -s (1 process, concatenated)", a, "-", mb / a
  printf "ratio core/pandoc per file: %.1fx   core/pandoc concatenated (MB/s): %.1fx\n", p / c, a / c
}'
echo "core's own timing: $(tail -n 1 "$WORK/core.log")"
