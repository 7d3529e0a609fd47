# azd postdeploy hook on Windows: runs postdeploy.sh (see there) with Git for Windows' sh.
& (Join-Path $PSScriptRoot 'run-sh.ps1') -Hook 'postdeploy.sh'
exit $LASTEXITCODE
