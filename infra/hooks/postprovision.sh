#!/bin/sh
# azd postprovision hook: make sure the public site is served.
#
# infra/modules/storage.bicep enables the static website through the management plane (blobServices
# properties.staticWebsite). After every provision this hook
#   1. reads that property back through Azure Resource Manager;
#   2. if it is not enabled, enables it with the documented data-plane command
#      (az storage blob service-properties update --static-website, signed in as the operator) and reads it back again;
#   3. checks that the static website endpoint answers: 200 once a site is published, 404 WebContentNotFound before.
# It fails the provision if the site cannot be served, rather than leaving a deployment that publishes into the void.
#
# Knobs: STATIC_WEBSITE_ATTEMPTS (default 6) and STATIC_WEBSITE_RETRY_SECONDS (default 10) for the endpoint check
# (a new account's web endpoint can take a moment to resolve).
set -eu

attempts="${STATIC_WEBSITE_ATTEMPTS:-6}"
delay="${STATIC_WEBSITE_RETRY_SECONDS:-10}"

for name in AZURE_RESOURCE_GROUP AZURE_STORAGE_ACCOUNT_NAME AZURE_STORAGE_ACCOUNT_ID STATIC_WEBSITE_ENDPOINT \
  STATIC_WEBSITE_INDEX_DOCUMENT STATIC_WEBSITE_404_DOCUMENT; do
  eval "value=\${$name:-}"
  if [ -z "$value" ]; then
    echo "postprovision: $name is not set; it is an output of infra/main.bicep." >&2
    exit 1
  fi
done
for tool in az curl; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "postprovision: '$tool' is needed to check the static website (see README, Deployment prerequisites)." >&2
    exit 1
  fi
done

# properties.staticWebsite.enabled of the blob service, as Azure Resource Manager reports it ("true", "false" or "").
# A path without a host is sent to the Resource Manager endpoint of the signed-in cloud.
static_website_enabled() {
  if read_back=$(az rest --method get --url "${AZURE_STORAGE_ACCOUNT_ID}/blobServices/default?api-version=2026-04-01" \
    --query "properties.staticWebsite.enabled" --output tsv 2>/dev/null); then
    printf '%s' "$read_back" | tr '[:upper:]' '[:lower:]'
  fi
}

enabled=$(static_website_enabled)
if [ "$enabled" != "true" ]; then
  echo "postprovision: the static website of $AZURE_STORAGE_ACCOUNT_NAME is not enabled (properties.staticWebsite.enabled = '${enabled:-absent}'); enabling it."
  if ! az storage blob service-properties update --account-name "$AZURE_STORAGE_ACCOUNT_NAME" --auth-mode login \
    --static-website --index-document "$STATIC_WEBSITE_INDEX_DOCUMENT" --404-document "$STATIC_WEBSITE_404_DOCUMENT" \
    --only-show-errors --output none; then
    echo "postprovision: could not enable the static website as $(az account show --query user.name --output tsv 2>/dev/null || echo 'the signed-in identity')." >&2
    echo "postprovision: grant yourself data access ('azd env set GRANT_OPERATOR_DATA_ACCESS true', then 'azd provision') or enable it in the portal (Storage account > Static website)." >&2
    exit 1
  fi
  enabled=$(static_website_enabled)
  if [ "$enabled" != "true" ]; then
    echo "postprovision: the static website still reads as not enabled (properties.staticWebsite.enabled = '${enabled:-absent}')." >&2
    exit 1
  fi
fi
echo "Static website enabled on $AZURE_STORAGE_ACCOUNT_NAME (properties.staticWebsite.enabled = true)."

# The web endpoint answers: 200 when a site is there, 404 (WebContentNotFound) before the first publish. Anything
# else (no answer, 400 for an account without a website, 5xx) is a failure once the attempts are used up.
attempt=1
while :; do
  status=$(curl --silent --output /dev/null --max-time 30 --write-out '%{http_code}' "$STATIC_WEBSITE_ENDPOINT" 2>/dev/null || true)
  case "$status" in
    200 | 404)
      echo "Static website endpoint $STATIC_WEBSITE_ENDPOINT answers (HTTP $status)."
      exit 0
      ;;
  esac
  if [ "$attempt" -ge "$attempts" ]; then
    echo "postprovision: $STATIC_WEBSITE_ENDPOINT did not answer as a static website after $attempts attempts (last HTTP status: ${status:-none})." >&2
    exit 1
  fi
  echo "postprovision: $STATIC_WEBSITE_ENDPOINT answered HTTP ${status:-nothing}; trying again in ${delay}s."
  attempt=$((attempt + 1))
  sleep "$delay"
done
