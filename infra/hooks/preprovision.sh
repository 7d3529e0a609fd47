#!/bin/sh
# azd preprovision hook: stop a provision that would fail on a locked archive retention policy, and say how to fix it.
#
# A locked time-based retention policy accepts only an extension: any PUT of it fails. infra/modules/storage.bicep
# writes the archive's policy only while archiveRetentionLocked (azd env ARCHIVE_RETENTION_LOCKED) is false, so once
# the policy is locked that value must be true. This hook reads the policy's state (when the account exists; on a
# first provision or after `azd down` there is nothing to read) and
#   - stops with the command to run when the policy is Locked and ARCHIVE_RETENTION_LOCKED is not true;
#   - warns when ARCHIVE_RETENTION_LOCKED is true but the policy is not Locked (the template then leaves it as it is).
set -eu

locked_setting="${ARCHIVE_RETENTION_LOCKED:-false}"
account="${AZURE_STORAGE_ACCOUNT_NAME:-}"
group="${AZURE_RESOURCE_GROUP:-}"
container="${ARCHIVE_CONTAINER:-}"

if [ -z "$account" ] || [ -z "$group" ] || [ -z "$container" ]; then
  echo "preprovision: no storage account provisioned yet; nothing to check."
  exit 0
fi
if ! command -v az >/dev/null 2>&1; then
  echo "preprovision: 'az' is needed to check the archive's retention policy (see README, Deployment prerequisites)." >&2
  exit 1
fi

state=$(az storage container immutability-policy show --resource-group "$group" --account-name "$account" \
  --container-name "$container" --query state --output tsv 2>/dev/null) || state=""


case "$state:$locked_setting" in
  Locked:true)
    echo "preprovision: the retention policy of '$container' is locked; the template leaves it alone (ARCHIVE_RETENTION_LOCKED=true)."
    ;;
  Locked:*)
    echo "preprovision: the retention policy of '$container' in $account is LOCKED, and a locked policy accepts only an extension." >&2
    echo "preprovision: run 'azd env set ARCHIVE_RETENTION_LOCKED true', then provision again (README: Locking the archive's retention)." >&2
    exit 1
    ;;
  *:true)
    echo "preprovision: warning: ARCHIVE_RETENTION_LOCKED is true but the policy of '$container' is '${state:-absent}', not Locked; the template will not write it."
    ;;
  *)
    echo "preprovision: the retention policy of '$container' is '${state:-absent}'; the template keeps it up to date."
    ;;
esac
