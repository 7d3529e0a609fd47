#!/bin/sh
# azd postdeploy hook: once the app's code is deployed (so its blob trigger exists and the host has created the
# blobs_extension key), provision again with the Event Grid subscription that delivers upload events to it.
# Event Grid validates a webhook when the subscription is created, which is why the first provision cannot do it.
set -eu
if [ "$(azd env get-value ENABLE_UPLOAD_EVENTS 2>/dev/null || true)" = "true" ] && [ "${UPLOAD_EVENTS_ENABLED:-}" = "true" ]; then
  echo "Upload events already wired to ValidateUpload."
  exit 0
fi
# The Flex Consumption host registers the blob extension on its first start after deployment: wake it and give it
# a moment before Event Grid's validation request arrives.
if [ -n "${AZURE_FUNCTION_APP_NAME:-}" ]; then
  curl --silent --output /dev/null --max-time 60 "https://${AZURE_FUNCTION_APP_NAME}.azurewebsites.net/" || true
fi
azd env set ENABLE_UPLOAD_EVENTS true
azd provision --no-prompt
