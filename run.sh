#!/usr/bin/env bash
# The demo on one machine: Azurite + the local host, every sample uploaded, the site served.
#   ./run.sh [--port 8080]        Ctrl-C stops everything this script started.
# Needs .NET 10 SDK and Node 20. Data lives in .azurite/ (delete it for a fresh start).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
root="$PWD"
site_port=8080
if [[ "${1:-}" == "--port" && -n "${2:-}" ]]; then site_port="$2"; fi

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null \
  || node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
pick_port() { if port_free "$1"; then echo "$1"; else free_port; fi; }

# Every process started in the background, by its own pid (never a subshell around it: a signal to a subshell
# would leave its child running). Background children of a script ignore SIGINT, so Ctrl-C reaches them only
# through this cleanup: SIGTERM, then SIGKILL for whatever still runs after 8 s (storage down or not).
pids=()
alive() { kill -0 "$1" 2>/dev/null; }
cleanup() {
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for _ in $(seq 1 80); do
    running=0
    for pid in "${pids[@]}"; do if alive "$pid"; then running=1; fi; done
    [[ $running -eq 0 ]] && break
    sleep 0.1
  done
  for pid in "${pids[@]}"; do if alive "$pid"; then log "process $pid did not stop in 8 s: killing it"; kill -KILL "$pid" 2>/dev/null || true; fi; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  log "stopped"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [[ ! -x node_modules/.bin/azurite ]]; then log "npm ci"; npm ci --no-audit --no-fund; fi

blob_port=$(pick_port 10000); queue_port=$(pick_port 10001); table_port=$(pick_port 10002)
site_port=$(pick_port "$site_port")
mkdir -p .azurite
log "starting Azurite (blob $blob_port, queue $queue_port, table $table_port; data in .azurite/)"
node_modules/.bin/azurite --blobHost 127.0.0.1 --blobPort "$blob_port" --queueHost 127.0.0.1 --queuePort "$queue_port" \
  --tableHost 127.0.0.1 --tablePort "$table_port" --location .azurite --skipApiVersionCheck --loose --silent --disableTelemetry \
  > .azurite/azurite.log 2>&1 &
pids+=($!)
for port in "$blob_port" "$queue_port" "$table_port"; do
  for _ in $(seq 1 100); do port_free "$port" || break; sleep 0.2; done
done

key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
export PipelineStorage="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$blob_port/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue_port/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table_port/devstoreaccount1;"
# The demo publishes every 5 seconds instead of every 5 minutes.
export PublishSchedule="${PublishSchedule:-*/5 * * * * *}"
export Pipeline__IncomingScanIntervalSeconds="${Pipeline__IncomingScanIntervalSeconds:-1}"
export Site__BaseUrl="http://127.0.0.1:$site_port/"
export PIPELINE_SETTINGS="$root/local.settings.json"   # optional; environment variables above win

log "building the CLI (ReadyToRun, artifacts/pipeline/)"
cli_exe="$(src/Pipeline.Cli/publish.sh)"
cli=("$cli_exe")
pipeline() { "${cli[@]}" "$@"; }

log "seeding the agency registry"
pipeline seed >/dev/null

log "uploading the samples (samples/manifest.json)"
mapfile -t uploads < <(node -e 'for (const u of require("./samples/manifest.json").uploads) console.log(u.agency + "\t" + u.file)')
for line in "${uploads[@]}"; do
  agency="${line%%$'\t'*}"; file="${line#*$'\t'}"
  pipeline upload "samples/$file" --agency "$agency"
done

log "starting the local host"
# Started directly (not through the function, which would run it in a subshell): $! is the host itself.
"${cli[@]}" run --port "$site_port" &
pids+=($!)

log "waiting until every upload is published, held or rejected"
deadline=$((SECONDS + 180))
while :; do
  status="$(pipeline status 2>/dev/null || true)"
  done_count=0
  for line in "${uploads[@]}"; do
    agency="${line%%$'\t'*}"; file="${line#*$'\t'}"
    state="$(awk -F'\t' -v a="$agency" -v f="$file" '$1==a && $2==f {print $3}' <<<"$status")"
    case "$state" in published|held|rejected|"not public"|failed|withdrawn) done_count=$((done_count + 1));; esac
  done
  [[ $done_count -eq ${#uploads[@]} ]] && break
  if (( SECONDS > deadline )); then log "timed out waiting; current state:"; break; fi
  sleep 2
done

echo
printf '%-28s %-18s %-11s %-26s %s\n' FILE AGENCY STATE "INDEX CODE" REASON
for line in "${uploads[@]}"; do
  agency="${line%%$'\t'*}"; file="${line#*$'\t'}"
  awk -F'\t' -v a="$agency" -v f="$file" '$1==a && $2==f {
      printf "%-28s %-18s %-11s %-26s %s\n", f, a, $3, $4, $5 }' <<<"$status"
done
echo
echo "Site: http://127.0.0.1:$site_port/"
echo "Storage (Azurite) connection string: $PipelineStorage"
echo
last="${uploads[-1]}"; last_agency="${last%%$'\t'*}"; last_file="${last#*$'\t'}"
held_code="$(awk -F'\t' '$3=="held" {print $4; exit}' <<<"$status")"
echo "Try next, in another terminal (the host keeps running here):"
echo "  export PipelineStorage='$PipelineStorage'"
echo "  alias pipeline='$cli_exe'"
echo "  pipeline status                                        # one line per upload"
echo "  pipeline status --agency $last_agency --file $last_file   # one upload: state, reason, findings, timeliness"
echo "  pipeline upload my-report.docx --agency $last_agency   # your own file (.docx, .pdf, .html, .txt; folders in config/agencies.json)"
echo "  az storage blob upload --connection-string \"\$PipelineStorage\" -c incoming -n $last_agency/my-report.docx -f my-report.docx   # as an agency does"
echo "  pipeline approve ${held_code:-<index code>} --masked   # release a report held for privacy review"
echo "  xdg-open http://127.0.0.1:$site_port/                  # or open the site in any browser"
echo "Ctrl-C stops Azurite and the host."
# `wait` returns when a trapped signal (Ctrl-C) arrives, so the cleanup runs at once.
wait "${pids[-1]}"
