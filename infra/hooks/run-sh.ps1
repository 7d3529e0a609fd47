# Runs one of the POSIX hooks beside this file on Windows, with the sh that Git for Windows installs. The hooks are
# written once, in sh, because that is the version the infra tests check (shellcheck, stubbed az/curl); a second
# PowerShell copy would be an untested twin.
param([Parameter(Mandatory = $true)][string]$Hook)
$ErrorActionPreference = 'Stop'
$sh = (Get-Command sh -ErrorAction SilentlyContinue).Source
if (-not $sh) {
    foreach ($candidate in @("$env:ProgramFiles\Git\bin\sh.exe", "${env:ProgramFiles(x86)}\Git\bin\sh.exe")) {
        if (Test-Path $candidate) { $sh = $candidate; break }
    }
}
if (-not $sh) {
    Write-Error "The azd hooks need sh (Git for Windows provides it): install Git for Windows, or run azd from WSL."
    exit 1
}
& $sh (Join-Path $PSScriptRoot $Hook)
exit $LASTEXITCODE
