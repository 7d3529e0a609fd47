#!/usr/bin/env bash
# Restores and builds the Azure Functions app (functions/Pipeline.Functions) alone. The app is part of Pipeline.sln
# and every build; this script is for machines whose NuGet sources may lack the isolated-worker packages.
#
# When restore fails ONLY because the Microsoft.Azure.Functions.Worker* packages cannot be found, it prints one line
# saying the app was skipped and why, and exits 0; every other failure (another package, a network error, a compile
# error) exits non-zero. It never skips silently.
#
#   FUNCTIONS_EXTRA_FEED=/path/to/feed   an extra package source (folder or URL), used with the configured ones
#   bash functions/try-build.sh [extra dotnet build arguments, e.g. -c Release]
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
project="$here/Pipeline.Functions/Pipeline.Functions.csproj"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT

sources=()
if [[ -n "${FUNCTIONS_EXTRA_FEED:-}" ]]; then
  # --source replaces the configured sources, so name those as well.
  while read -r state url; do
    [[ "$state" == E* && -n "$url" ]] && sources+=(--source "$url")
  done < <(cd "$here" && dotnet nuget list source --format short 2>/dev/null || true)
  sources+=(--source "$FUNCTIONS_EXTRA_FEED")
fi

if ! dotnet restore "$project" "${sources[@]}" -v q >"$log" 2>&1; then
  # Restore errors look like "<project> : error NU1101: Unable to find package <id>. ..." (NU1102/NU1103: no
  # matching version / only pre-releases).
  errors="$(grep -E ': error [A-Z]+[0-9]+' "$log" | sort -u || true)"
  missing="$(grep -E ': error NU110[123]: Unable to find package' <<<"$errors" || true)"
  others="$(grep -vE ': error NU110[123]: ' <<<"$errors" || true)"
  not_worker="$(grep -vE 'package Microsoft\.Azure\.Functions\.Worker' <<<"$missing" || true)"
  if [[ -n "$missing" && -z "$others" && -z "$not_worker" ]]; then
    first="$(awk '/ NU1101: /{print; exit}' <<<"$missing")"
    [[ -n "$first" ]] || first="$(awk 'NR == 1' <<<"$missing")"
    first="$(sed -E 's/^.*: error (NU110[123]): /\1: /; s/[[:space:]]+$//' <<<"$first")"
    echo "Functions app: SKIPPED — worker packages cannot be restored from the configured NuGet sources ($first)"
    exit 0
  fi
  echo "Functions app: restore FAILED" >&2
  cat "$log" >&2
  exit 1
fi

if ! dotnet build "$project" --no-restore -v q -nologo "$@" >"$log" 2>&1; then
  echo "Functions app: build FAILED" >&2
  grep -E ': (error|warning) ' "$log" | sort -u >&2 || cat "$log" >&2
  exit 1
fi
echo "Functions app: built ($(grep -cE ': warning ' "$log" || true) warnings)"
