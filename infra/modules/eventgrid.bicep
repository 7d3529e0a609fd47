// The Event Grid system topic of the storage account, and the one data role its identity needs: writing undeliverable
// upload events to the dead-letter container. The subscription that delivers upload events to the ValidateUpload
// function is not here but in infra/upload-events.bicep, deployed by the postdeploy hook once the deployed app has a
// blobs_extension key and answers Event Grid's validation handshake (see infra/hooks/postdeploy.sh). Keeping it out of
// this template is what makes every `azd provision` succeed whatever state the app is in.

param systemTopicName string
param location string
param tags object
param storageAccountName string

@description('Container that keeps events Event Grid could not deliver, for replay.')
param deadLetterContainerName string

resource storageAccount 'Microsoft.Storage/storageAccounts@2026-04-01' existing = {
  name: storageAccountName

  resource blobService 'blobServices' existing = {
    name: 'default'

    resource deadLetterContainer 'containers' existing = {
      name: deadLetterContainerName
    }
  }
}

resource systemTopic 'Microsoft.EventGrid/systemTopics@2025-02-15' = {
  name: systemTopicName
  location: location
  tags: tags
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    source: storageAccount.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

// Storage Blob Data Contributor, scoped to the dead-letter container only: the topic's identity can write there and
// nowhere else (not archive, not $web, not app-package). Shared keys are off, so dead-lettering uses this identity.
var storageBlobDataContributorRoleId = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'

resource deadLetterWriter 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storageAccount::blobService::deadLetterContainer.id, systemTopic.id, storageBlobDataContributorRoleId)
  scope: storageAccount::blobService::deadLetterContainer
  properties: {
    principalId: systemTopic.identity.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataContributorRoleId)
    description: 'Event Grid system topic: write undeliverable upload events to the dead-letter container'
  }
}

output systemTopicName string = systemTopic.name
