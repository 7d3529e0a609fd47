#!/usr/bin/env bash
# Publishes the operator CLI (or another tool project, e.g. bench/Pipeline.DevTools) precompiled for fast start and
# prints the path of its executable on stdout:
#   src/Pipeline.Cli/publish.sh [project-dir] [--aot]
# Default: ReadyToRun (Crossgen2), framework-dependent, into artifacts/<assembly name>/ — what run.sh and the bench
# scripts run. --aot: Native AOT instead (ILCompiler), into artifacts/<assembly name>-aot/. Native AOT is for the
# file-only CLI, `src/Pipeline.Cli/publish.sh src/Pipeline.Cli.Files --aot` → artifacts/pipeline-files-aot/pipeline-files
# (minutes of compiling on a small machine; the full CLI, with ASP.NET Core and the Azure SDK, did not finish in 80),
# and for build-site, `src/Pipeline.Cli/publish.sh bench/Pipeline.DevTools.Site --aot` (what bench/site-vs-hugo.sh runs);
# docs/benchmarks.md "CLI cold start" compares the builds.
# Skips the publish when the executable is newer than every source file of the repository's src/ and the project.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
project="src/Pipeline.Cli"
aot=false
for arg in "$@"; do
  case "$arg" in
    --aot) aot=true ;;
    *) project="$arg" ;;
  esac
done
cd "$root"
name="$(sed -n 's:.*<AssemblyName>\(.*\)</AssemblyName>.*:\1:p' "$project"/*.csproj | head -n 1)"
case "$(uname -m)" in
  x86_64) rid=linux-x64 ;;
  aarch64 | arm64) rid=linux-arm64 ;;
  *) echo "publish.sh: unsupported machine $(uname -m)" >&2; exit 1 ;;
esac
if $aot; then out="artifacts/$name-aot"; else out="artifacts/$name"; fi
exe="$root/$out/$name"
if [[ -x "$exe" ]] && [[ -z "$(find src "$project" Directory.Build.props Directory.Packages.props \( -name bin -o -name obj \) -prune -o -type f -newer "$exe" -print -quit)" ]]; then
  echo "$exe"
  exit 0
fi
if $aot; then
  # gcc links when clang is missing (Debian's default toolchain here).
  linker=(); command -v clang >/dev/null 2>&1 || linker=(-p:CppCompilerAndLinker=gcc)
  dotnet publish "$project" -c Release -r "$rid" -p:PublishAot=true "${linker[@]}" -o "$out" -v q -nologo -clp:NoSummary >&2
else
  dotnet publish "$project" -c Release -r "$rid" --self-contained false -p:PublishReadyToRun=true -o "$out" -v q -nologo -clp:NoSummary >&2
fi
touch "$exe"
echo "$exe"
