#!/usr/bin/env bash
# SIGKILL soak of the local host (`pipeline run`) on a private Azurite (loopback only).
# Uploads a deterministic mix (good reports with explicit and assigned index codes, samples, binary / empty / bundled
# files, --release-at future releases, 依申请公开 reports, reports with a personal mobile number), kills the host with
# SIGKILL at random moments and restarts it, then audits storage: every accepted report published exactly once
# (pages = JSON index = feed = sitemap = ledger), every rejected file quarantined with its result document, every
# original archived, lost = 0, duplicated = 0. It is the in-suite test HostProcessFaultTests.Sigkill_soak... at scale.
#
# usage: bench/fault-soak.sh [uploads=200] [kills=20] [seed=7]
# output: the summary line, and artifacts/fault-soak.json with the figures.
set -euo pipefail
cd "$(dirname "$0")/.."
uploads="${1:-200}"
kills="${2:-20}"
seed="${3:-7}"
mkdir -p artifacts
report="$PWD/artifacts/fault-soak.json"
rm -f "$report"
dotnet build tests/Pipeline.Integration.Tests -v q -nologo 2>&1 | grep -E " error |rror\(s\)" || true
PIPELINE_SOAK_UPLOADS="$uploads" PIPELINE_SOAK_KILLS="$kills" PIPELINE_SOAK_SEED="$seed" PIPELINE_SOAK_REPORT="$report" \
  nice dotnet test tests/Pipeline.Integration.Tests --no-build \
  --filter "FullyQualifiedName~Hardening.HostProcessFaultTests.Sigkill_soak_loses_nothing_and_duplicates_nothing" \
  --logger "console;verbosity=detailed" 2>&1 | grep -E "uploads|kill|lost|Passed|Failed|problem|Total time" | grep -v "^\s*at " | cut -c1-400
test -f "$report" && cat "$report"
