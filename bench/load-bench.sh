#!/usr/bin/env bash
# Load: a burst of uploads (32 at a time) into one local host (`pipeline run`) on a private Azurite.
# Measures throughput (uploads / seconds until everything settled), upload→published latency percentiles (upload time
# taken by the uploader, published time = the ledger's UpdatedAt of the Published row), peak host memory (VmHWM from
# /proc/<pid>/status, sampled every 200 ms), and errors (the storage audit's problems; must be 0).
# It is the in-suite smoke test HostProcessFaultTests.Load_burst_is_published_with_no_errors at scale.
#
# usage: bench/load-bench.sh [uploads=5000]
# output: the summary line, and artifacts/load-bench.json with the figures (copied into docs/benchmarks.md "Load").
set -euo pipefail
cd "$(dirname "$0")/.."
uploads="${1:-5000}"
mkdir -p artifacts
report="$PWD/artifacts/load-bench.json"
rm -f "$report"
dotnet build tests/Pipeline.Integration.Tests -v q -nologo 2>&1 | grep -E " error |rror\(s\)" || true
PIPELINE_LOAD_UPLOADS="$uploads" PIPELINE_LOAD_REPORT="$report" \
  nice dotnet test tests/Pipeline.Integration.Tests --no-build \
  --filter "FullyQualifiedName~Hardening.HostProcessFaultTests.Load_burst_is_published_with_no_errors" \
  --logger "console;verbosity=detailed" 2>&1 | grep -E "uploads|lost|Passed|Failed|problem|Total time" | grep -v "^\s*at " | cut -c1-400
test -f "$report" && cat "$report"
