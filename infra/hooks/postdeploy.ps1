# azd postdeploy hook (Windows): see postdeploy.sh for why upload events are wired only after the first deploy.
$ErrorActionPreference = 'Stop'
$enabled = (azd env get-value ENABLE_UPLOAD_EVENTS 2>$null)
if ($enabled -eq 'true' -and $env:UPLOAD_EVENTS_ENABLED -eq 'true') {
    Write-Host 'Upload events already wired to ValidateUpload.'
    exit 0
}
if ($env:AZURE_FUNCTION_APP_NAME) {
    try { Invoke-WebRequest -UseBasicParsing -TimeoutSec 60 "https://$($env:AZURE_FUNCTION_APP_NAME).azurewebsites.net/" | Out-Null } catch { }
}
azd env set ENABLE_UPLOAD_EVENTS true
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
azd provision --no-prompt
exit $LASTEXITCODE
