#!/usr/bin/env bash
# Pipeline benchmark on a private Azurite (in-memory, free ports):
#   bench/pipeline-bench.sh [reports=1000] [grow=0] [further pipeline-dev bench options, e.g. --seed 30000]
# (1) N generated reports: first upload → all published, the stages run back to back;
# (2) one publish run of 10 new reports at N and at <grow> already published: storage requests and time.
# With --seed S (and reports 0): seeds S published reports in bulk first, then measures two publish runs of 10;
# --seed-ledger false seeds only the site, its state and the publish counter (minutes at 30,000 instead of hours);
# --seed-pages false also leaves the seeded report pages out (a third of the blobs for Azurite to scan).
# Prints the 1-minute load average before and after (the machine is shared). AZURITE_CPU_PROF=<dir> profiles Azurite.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
reports="${1:-1000}"; grow="${2:-0}"; shift $(( $# < 2 ? $# : 2 ))
[[ -x node_modules/.bin/azurite ]] || npm ci --no-audit --no-fund
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
b=$(free_port); q=$(free_port); t=$(free_port)
# AZURITE_CPU_PROF=<dir>: Azurite runs under node's CPU profiler and writes a .cpuprofile there when the bench ends
# (docs/benchmarks.md reads one per handler: where Azurite's time goes).
azurite_cmd=(node_modules/.bin/azurite)
[[ -n "${AZURITE_CPU_PROF:-}" ]] && azurite_cmd=(node --cpu-prof --cpu-prof-dir="$AZURITE_CPU_PROF" node_modules/azurite/dist/src/azurite.js)
"${azurite_cmd[@]}" --blobHost 127.0.0.1 --blobPort "$b" --queueHost 127.0.0.1 --queuePort "$q" --tableHost 127.0.0.1 --tablePort "$t" \
  --inMemoryPersistence --skipApiVersionCheck --loose --silent --disableTelemetry &
azurite=$!
# SIGINT: Azurite closes its services and exits normally, so the profiler writes its file.
trap 'kill -INT $azurite 2>/dev/null || true; wait $azurite 2>/dev/null || true' EXIT
for port in "$b" "$q" "$t"; do for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.2; done; done
# PIPELINE_DEV: a pipeline-dev already built (e.g. an older commit's, to compare in the same session).
devtools="${PIPELINE_DEV:-$(src/Pipeline.Cli/publish.sh bench/Pipeline.DevTools)}"
key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
export PipelineStorage="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$b/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$q/devstoreaccount1;TableEndpoint=http://127.0.0.1:$t/devstoreaccount1;"
export PIPELINE_SETTINGS=/nonexistent
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg) ($(git rev-parse --short HEAD 2>/dev/null || echo '?'))"
/usr/bin/time -f "bench process: %e s wall, %U s user, %S s sys, max RSS %M KB" \
  "$devtools" bench --reports "$reports" --grow "$grow" "$@"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg); Azurite CPU: $(ps -o times= -p "$azurite" | tr -d ' ') s"
