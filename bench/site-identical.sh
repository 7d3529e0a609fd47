#!/usr/bin/env bash
# Behaviour check for refactorings of the site code (issue 13 item 6): builds the same sites with an older commit and
# with the working tree and diffs the trees byte for byte, site and private state (catalog, search manifest) alike.
#   1. the sample site: samples/ and tests/corpus/ (every .txt the CLI takes as a report), rebuilt from scratch;
#   2. a synthetic site of N reports (several years, publishers, list pages, sealed search segments), rebuilt;
#   3. the same synthetic site published incrementally (first half, then the rest with --from) — it must equal 2.
# Usage: bench/site-identical.sh [old-ref] [N] [new-ref]   (old-ref: default the merge-base with main; N: default 1500;
#        new-ref: a commit to compare instead of the working tree)
# Needs dotnet and git; works under a temporary folder (printed), leaves the repository untouched (git archive).
# Builds `pipeline-dev` (bench/Pipeline.DevTools), which lists build-site (declared in bench/Pipeline.DevTools.Site since
# issue 14 round 3); both refs must have it there.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OLD_REF=${1:-$(git -C "$ROOT" merge-base HEAD main)}
N=${2:-1500}
NEW_REF=${3:-}
WORK=$(mktemp -d /tmp/site-identical.XXXXXX)
echo "== old: $(git -C "$ROOT" log -1 --format='%h %s' "$OLD_REF" | cut -c1-100)"
if [[ -n "$NEW_REF" ]]; then
  echo "== new: $(git -C "$ROOT" log -1 --format='%h %s' "$NEW_REF" | cut -c1-100)"
else
  echo "== new: working tree of $(git -C "$ROOT" log -1 --format='%h' HEAD)$(git -C "$ROOT" diff --quiet HEAD -- src || echo ' (with uncommitted changes)')"
fi
echo "== work: $WORK"

mkdir -p "$WORK/old-src"
git -C "$ROOT" archive "$OLD_REF" | tar -x -C "$WORK/old-src"
dotnet build "$WORK/old-src/bench/Pipeline.DevTools" -c Release -v q -nologo -clp:NoSummary -o "$WORK/old-bin" >/dev/null
NEW_SRC=$ROOT
if [[ -n "$NEW_REF" ]]; then
  NEW_SRC=$WORK/new-src; mkdir -p "$NEW_SRC"
  git -C "$ROOT" archive "$NEW_REF" | tar -x -C "$NEW_SRC"
fi
dotnet build "$NEW_SRC/bench/Pipeline.DevTools" -c Release -v q -nologo -clp:NoSummary -o "$WORK/new-bin" >/dev/null

# The sample site's input: one folder with the samples and the corpus (the CLI reads a folder's report files).
mkdir -p "$WORK/input"
cp "$ROOT"/samples/*.txt "$ROOT"/tests/corpus/*.txt "$WORK/input/"

build() { # side name args...
  local side=$1 name=$2; shift 2
  dotnet "$WORK/$side-bin/pipeline-dev.dll" build-site "$@" -o "$WORK/$side/$name" --state "$WORK/$side/$name.state" >/dev/null 2>"$WORK/$side-$name.err"
}
for side in old new; do
  build $side sample "$WORK/input"
  build $side synthetic "$ROOT/samples" --generate "$N"
  build $side incremental "$ROOT/samples" --generate $((N / 2))
  build $side incremental "$ROOT/samples" --generate "$N" --from $((N / 2))
done

# A folder store leaves a folder behind when it deletes its last file (replaced search segments); a blob store has no
# folders. Compare files only.
find "$WORK/old" "$WORK/new" -type d -empty -delete

status=0
compare() { # label a b
  if diff -r -q "$2" "$3" >"$WORK/diff-$1.txt"; then
    echo "identical: $1 ($(find "$2" -type f | wc -l) files, $(du -sb "$2" | cut -f1) bytes)"
  else
    echo "DIFFERENT: $1 ($(wc -l <"$WORK/diff-$1.txt") files differ; list in $WORK/diff-$1.txt)"; head -5 "$WORK/diff-$1.txt"; status=1
  fi
}
for name in sample synthetic incremental; do
  compare "$name-site" "$WORK/old/$name" "$WORK/new/$name"
  compare "$name-state" "$WORK/old/$name.state" "$WORK/new/$name.state"
done
compare "incremental-vs-rebuild-site(new)" "$WORK/new/synthetic" "$WORK/new/incremental"
exit $status
