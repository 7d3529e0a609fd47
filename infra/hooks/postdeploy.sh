#!/bin/sh
# azd postdeploy hook: wire upload events to the deployed ValidateUpload function.
#
# Event Grid validates a webhook when its subscription is created or updated, so the subscription
# (infra/upload-events.bicep) is deployed only here, after `azd deploy`, and only once
#   1. the Functions host has a blobs_extension system key (it creates one when it starts with a blob trigger), and
#   2. the webhook answers Event Grid's validation handshake at the app's deployed host name,
# checking both again before each of a bounded number of attempts (a deployment restarts the app, and a cold host may
# need a while). `azd provision` never creates the subscription, so it succeeds whatever state the app is in; running
# this hook again is harmless (the deployment is idempotent).
#
# Reads the outputs of infra/main.bicep that azd passes in the environment. Knobs: UPLOAD_EVENTS_ATTEMPTS (default 10)
# and UPLOAD_EVENTS_RETRY_SECONDS (default 20).
set -eu

attempts="${UPLOAD_EVENTS_ATTEMPTS:-10}"
delay="${UPLOAD_EVENTS_RETRY_SECONDS:-20}"
template="$(dirname -- "$0")/../upload-events.bicep"

for name in AZURE_RESOURCE_GROUP AZURE_STORAGE_ACCOUNT_NAME AZURE_FUNCTION_APP_NAME AZURE_FUNCTION_APP_HOST_NAME \
  AZURE_EVENTGRID_SYSTEM_TOPIC_NAME UPLOAD_EVENTS_CONTAINER UPLOAD_EVENTS_FUNCTION EVENTGRID_DEADLETTER_CONTAINER; do
  eval "value=\${$name:-}"
  if [ -z "$value" ]; then
    echo "postdeploy: $name is not set; it is an output of infra/main.bicep, so run 'azd provision' first." >&2
    exit 1
  fi
done
for tool in az curl; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "postdeploy: '$tool' is needed to wire upload events (see README, Deployment prerequisites)." >&2
    exit 1
  fi
done

webhook="https://${AZURE_FUNCTION_APP_HOST_NAME}/runtime/webhooks/blobs?functionName=Host.Functions.${UPLOAD_EVENTS_FUNCTION}"

# The host's blobs_extension key, or nothing while the host has not created it (or the call fails).
blobs_extension_key() {
  if listed=$(az functionapp keys list --resource-group "$AZURE_RESOURCE_GROUP" --name "$AZURE_FUNCTION_APP_NAME" \
    --query "systemKeys.blobs_extension" --output tsv 2>/dev/null); then
    printf '%s' "$listed"
  fi
}

# Sends the request Event Grid sends when it validates a webhook and checks the echo. The URL (with the key) goes to
# curl on standard input, not on its command line, so it does not show in the process list.
answers_handshake() {
  code="pipeline-$(date +%s)-$$"
  event='[{"id":"'"$code"'","topic":"pipeline-postdeploy","subject":"","eventType":"Microsoft.EventGrid.SubscriptionValidationEvent","eventTime":"1970-01-01T00:00:00Z","data":{"validationCode":"'"$code"'"},"dataVersion":"1","metadataVersion":"1"}]'
  response=$(printf 'url = "%s&code=%s"\n' "$webhook" "$1" | curl --config - --silent --max-time 60 --request POST \
    --header "Content-Type: application/json" --header "aeg-event-type: SubscriptionValidation" --data "$event" 2>/dev/null) || return 1
  case "$(printf '%s' "$response" | tr -d ' \t\r\n')" in
    *'"validationResponse":"'"$code"'"'*) return 0 ;;
    *) return 1 ;;
  esac
}

deploy_subscription() {
  az deployment group create --resource-group "$AZURE_RESOURCE_GROUP" --name upload-events \
    --template-file "$template" \
    --parameters systemTopicName="$AZURE_EVENTGRID_SYSTEM_TOPIC_NAME" storageAccountName="$AZURE_STORAGE_ACCOUNT_NAME" \
    functionAppName="$AZURE_FUNCTION_APP_NAME" incomingContainerName="$UPLOAD_EVENTS_CONTAINER" \
    functionName="$UPLOAD_EVENTS_FUNCTION" deadLetterContainerName="$EVENTGRID_DEADLETTER_CONTAINER" \
    --only-show-errors --output none
}

attempt=1
while :; do
  key=$(blobs_extension_key)
  if [ -z "$key" ]; then
    problem="the host has no blobs_extension key yet (it creates one when it starts with the ValidateUpload blob trigger)"
  elif ! answers_handshake "$key"; then
    problem="https://${AZURE_FUNCTION_APP_HOST_NAME}/runtime/webhooks/blobs does not answer the validation handshake yet"
  elif deploy_subscription; then
    echo "Upload events wired: ${UPLOAD_EVENTS_CONTAINER}/ -> ${UPLOAD_EVENTS_FUNCTION} on ${AZURE_FUNCTION_APP_HOST_NAME}."
    exit 0
  else
    problem="Event Grid could not create the subscription (validation failed or was refused)"
  fi
  if [ "$attempt" -ge "$attempts" ]; then
    echo "postdeploy: upload events NOT wired after $attempts attempts: $problem." >&2
    echo "postdeploy: uploads are not validated until this succeeds; run 'azd hooks run postdeploy' to try again." >&2
    exit 1
  fi
  echo "postdeploy: attempt $attempt of $attempts: $problem; trying again in ${delay}s."
  attempt=$((attempt + 1))
  sleep "$delay"
done
