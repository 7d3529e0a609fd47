# azd preprovision hook on Windows: runs preprovision.sh (see there) with Git for Windows' sh.
& (Join-Path $PSScriptRoot 'run-sh.ps1') -Hook 'preprovision.sh'
exit $LASTEXITCODE
