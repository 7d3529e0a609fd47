# azd postprovision hook on Windows: runs postprovision.sh (see there) with Git for Windows' sh.
& (Join-Path $PSScriptRoot 'run-sh.ps1') -Hook 'postprovision.sh'
exit $LASTEXITCODE
