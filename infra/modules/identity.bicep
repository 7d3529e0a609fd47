// The Function App's user-assigned identity and its least-privilege role assignments. A user-assigned identity
// exists (and holds its roles) before the app starts, so the first cold start never fails on missing access.

param name string
param location string
param tags object
param storageAccountName string
param applicationInsightsName string

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

resource storageAccount 'Microsoft.Storage/storageAccounts@2026-04-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

// Built-in role definition ids (the same in every tenant).
var storageRoleIds = {
  // Read/write/delete blobs and take leases (publish lock, blob trigger receipts); the Functions host needs Owner
  // for identity-based AzureWebJobsStorage.
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  // Send, peek, receive and delete queue messages (render queue, poison queue, blob-trigger internal queues).
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  // Read/write table entities (ledger, uploads, agencies, sequences, due).
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
}
var monitoringMetricsPublisherRoleId = '3913510d-42f4-4e42-8a64-420c390055eb'

resource storageRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in items(storageRoleIds): {
    name: guid(storageAccount.id, identity.id, roleId.value)
    scope: storageAccount
    properties: {
      principalId: identity.properties.principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId.value)
      description: 'Pipeline Function App: ${roleId.key}'
    }
  }
]

resource telemetryRoleAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, identity.id, monitoringMetricsPublisherRoleId)
  scope: applicationInsights
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisherRoleId)
    description: 'Pipeline Function App: send telemetry with Microsoft Entra ID authentication'
  }
}

output id string = identity.id
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId
