#!/usr/bin/env bash
# The host-process fault tests (HostProcessFaultTests: SIGKILL soak, Azurite outage, two hosts, load burst; and the
# harness's own HostSmallFaultTests.A_host_restarted_while_its_memory_is_sampled…) run N times in a row under extra
# CPU load, to show that they do not fail on timing. The load is one busy loop per core beyond what else runs
# (nice 5, so the tests still compete for the CPU rather than starve); the load average is printed per run.
# The tests run from a copy of the test build, so the tree can be rebuilt meanwhile (a parallel `dotnet build` is
# more load).
#
# usage: bench/fault-repeat.sh [runs=10] [busy-loops=1]
# output: one line per run (exit code, seconds, load averages, the test summary); exit 1 if any run failed.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
runs="${1:-10}"
loops="${2:-1}"
dotnet build tests/Pipeline.Integration.Tests -v q -nologo 2>&1 | grep -E " error |rror\(s\)" || true
work="$PWD/artifacts/fault-repeat"
rm -rf "$work" && mkdir -p "$work"
cp -r tests/Pipeline.Integration.Tests/bin/Debug/net10.0 "$work/bin"   # under the repository: RepoPaths finds it
busy=()
for _ in $(seq 1 "$loops"); do nice -n 5 bash -c 'while :; do :; done' & busy+=($!); done
trap 'kill "${busy[@]}" 2>/dev/null' EXIT
failed=0
for i in $(seq 1 "$runs"); do
  start=$(date +%s); before=$(cut -d' ' -f1-3 /proc/loadavg)
  dotnet test "$work/bin/Pipeline.Integration.Tests.dll" \
    --filter "FullyQualifiedName~HostProcessFaultTests|FullyQualifiedName~A_host_restarted_while_its_memory_is_sampled" \
    > "$work/run$i.log" 2>&1
  rc=$?; [ "$rc" -eq 0 ] || failed=1
  echo "run $i rc=$rc $(( $(date +%s) - start )) s, load $before -> $(cut -d' ' -f1-3 /proc/loadavg): $(grep -E 'Passed!|Failed!' "$work/run$i.log" | tr -s ' ')"
done
exit "$failed"
