// Optional data roles for the person (or pipeline) that runs `azd up`, so that the README's operator commands work
// with shared keys off: `az storage blob … --auth-mode login` (list versions, copy one back), `pipeline status`,
// `pipeline withdraw`, `pipeline rebuild`, `pipeline upload`. Off by default: deploying needs control-plane rights
// only, and reading or changing the pipeline's data is a separate decision (main.bicep parameter grantOperatorDataAccess).

param storageAccountName string

@description('Object id of the operator (azd passes the signed-in principal as AZURE_PRINCIPAL_ID).')
@minLength(1)
param principalId string

@description('Kind of principal, so the assignment does not wait for directory replication.')
@allowed(['User', 'Group', 'ServicePrincipal'])
param principalType string

resource storageAccount 'Microsoft.Storage/storageAccounts@2026-04-01' existing = {
  name: storageAccountName
}

// What the pipeline CLI and the README's az commands do as the operator: read/write/delete blobs and versions (a
// blob lease is a write), send and read queue messages, read and write table entities. No Owner role: the operator
// never needs to change POSIX ACLs or another principal's access.
var operatorRoleIds = {
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
}

resource operatorRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in items(operatorRoleIds): {
    name: guid(storageAccount.id, principalId, roleId.value)
    scope: storageAccount
    properties: {
      principalId: principalId
      principalType: principalType
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId.value)
      description: 'Pipeline operator (grantOperatorDataAccess): ${roleId.key}'
    }
  }
]
