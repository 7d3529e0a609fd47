#!/usr/bin/env bash
# The whole test command (CI runs .ci/run, which runs this): build everything (the Functions app is in Pipeline.sln), run every
# test project, print "Tests: N passed, N failed" and exit non-zero if anything failed.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
log() { printf '==> %s\n' "$*" >&2; }
started=$SECONDS
failed_steps=()

if [[ ! -x node_modules/.bin/azurite ]] || [[ package-lock.json -nt node_modules/.package-lock.json ]]; then
  log "npm ci"
  npm ci --no-audit --no-fund || failed_steps+=("npm ci")
fi

# Browser tests need Chromium; the PDF/HTML format tests make their files with LibreOffice and Chromium (CJK font).
if [[ ! -x /usr/bin/chromium || ! -x /usr/bin/soffice || ! -d /usr/share/fonts/opentype/noto || ! -x /usr/bin/pdftotext ]]; then
  if [[ "$(id -u)" == 0 ]]; then
    log "installing chromium, libreoffice-writer-nogui, fonts-noto-cjk, poppler-utils (browser and format tests)"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium libreoffice-writer-nogui fonts-noto-cjk poppler-utils >/dev/null; } \
      || failed_steps+=("apt-get install chromium libreoffice-writer-nogui fonts-noto-cjk poppler-utils")
  else
    log "warning: chromium, soffice or fonts-noto-cjk missing and not root: browser and format tests will fail"
  fi
fi

if ! command -v shellcheck >/dev/null 2>&1; then
  if [[ "$(id -u)" == 0 ]]; then
    log "installing shellcheck (infra hook tests)"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq shellcheck >/dev/null; } || failed_steps+=("apt-get install shellcheck")
  else
    log "warning: shellcheck missing and not root: the infra hook lint test will fail"
  fi
fi

log "dotnet build"
if ! dotnet build Pipeline.sln -v q -nologo -clp:NoSummary; then
  echo "Tests: 0 passed, 0 failed (build failed)"
  exit 1
fi

results="$PWD/TestResults/test-sh"
rm -rf "$results"; mkdir -p "$results"
passed=0; failed=0
for project in tests/*/*.csproj; do
  name="$(basename "$project" .csproj)"
  log "dotnet test $name"
  dotnet test "$project" --no-build -v q -nologo --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" \
    --results-directory "$results" --blame-hang-timeout 12m
  code=$?
  trx="$results/$name.trx"
  if [[ -f "$trx" ]]; then
    counters="$(grep -o '<Counters [^>]*>' "$trx" | head -1)"
    p="$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")"; f="$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")"
    passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
    if [[ $code -ne 0 && ${f:-0} -eq 0 ]]; then failed_steps+=("$name exited $code"); fi
  else
    failed_steps+=("$name produced no results (exit $code)")
  fi
done

log "finished in $((SECONDS - started)) s"
for step in "${failed_steps[@]}"; do echo "failed: $step"; done
echo "Tests: $passed passed, $failed failed"
[[ $failed -eq 0 && ${#failed_steps[@]} -eq 0 ]]
