# Sourced by the benchmarks that compare the operator CLI with pandoc (bench/cli-cold-start.sh, bench/core-vs-pandoc.sh):
# sets ROOT (the repository) and WORK (a temporary folder removed on exit), installs pandoc from Debian when it is
# missing, and sets CLI to the command that runs the CLI — the ReadyToRun publish run.sh and test.sh use
# (src/Pipeline.Cli/publish.sh), or PIPELINE_CLI="<command>" to measure another build (e.g. "dotnet /tmp/old/pipeline.dll").
# CLI is an array: call it as "${CLI[@]}".
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

if ! command -v pandoc >/dev/null 2>&1; then
  echo "pandoc not found; installing the Debian package" >&2
  if [ "$(id -u)" -eq 0 ]; then apt-get install -y -qq pandoc >/dev/null; else sudo apt-get install -y -qq pandoc >/dev/null; fi
fi
if [[ -z "${PIPELINE_CLI:-}" ]]; then
  echo "building the CLI (src/Pipeline.Cli/publish.sh)..." >&2
  PIPELINE_CLI="$("$ROOT/src/Pipeline.Cli/publish.sh")"
fi
read -r -a CLI <<<"$PIPELINE_CLI"
