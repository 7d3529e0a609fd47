// Event Grid delivers BlobCreated events of the incoming container to the blob trigger of the ValidateUpload function
// (blob trigger with Source = EventGrid, the only blob trigger Flex Consumption supports).

param systemTopicName string
param location string
param tags object
param storageAccountName string
param functionAppName string

@description('Container whose new blobs trigger validation.')
param incomingContainerName string

@description('Function whose blob trigger receives the events.')
param functionName string

@description('''
Create the event subscription. Event Grid validates a webhook when the subscription is created, and the
blobs_extension key exists only once the deployed app has started with a blob trigger: so the first `azd provision`
runs with this off, `azd deploy` ships the code, and the postdeploy hook provisions again with it on.
''')
param enableSubscription bool

@description('Container that keeps events Event Grid could not deliver, for replay.')
param deadLetterContainerName string

resource storageAccount 'Microsoft.Storage/storageAccounts@2026-04-01' existing = {
  name: storageAccountName
}

resource functionApp 'Microsoft.Web/sites@2025-03-01' existing = {
  name: functionAppName
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

// The host's system key for the blobs extension (Microsoft.Web/sites/host has no Bicep type, so list it by id).
var blobsExtensionKey = listKeys('${functionApp.id}/host/default', '2025-03-01').systemKeys.blobs_extension

// The topic writes undeliverable events to the dead-letter container with its own identity (shared keys are off).
var storageBlobDataContributorRoleId = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'

resource deadLetterWriter 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storageAccount.id, systemTopic.id, storageBlobDataContributorRoleId)
  scope: storageAccount
  properties: {
    principalId: systemTopic.identity.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataContributorRoleId)
    description: 'Event Grid system topic: write undeliverable upload events to the dead-letter container'
  }
}

resource uploadSubscription 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2025-02-15' = if (enableSubscription) {
  parent: systemTopic
  name: 'incoming-blob-created'
  properties: {
    eventDeliverySchema: 'EventGridSchema'
    destination: {
      endpointType: 'WebHook'
      properties: {
        endpointUrl: 'https://${functionApp.properties.defaultHostName}/runtime/webhooks/blobs?functionName=Host.Functions.${functionName}&code=${blobsExtensionKey}'
        maxEventsPerBatch: 1
        preferredBatchSizeInKilobytes: 64
      }
    }
    filter: {
      includedEventTypes: [
        'Microsoft.Storage.BlobCreated'
      ]
      subjectBeginsWith: '/blobServices/default/containers/${incomingContainerName}/'
      enableAdvancedFilteringOnArrays: true
    }
    retryPolicy: {
      maxDeliveryAttempts: 30
      eventTimeToLiveInMinutes: 1440
    }
    deadLetterWithResourceIdentity: {
      identity: {
        type: 'SystemAssigned'
      }
      deadLetterDestination: {
        endpointType: 'StorageBlob'
        properties: {
          resourceId: storageAccount.id
          blobContainerName: deadLetterContainerName
        }
      }
    }
  }
  dependsOn: [
    deadLetterWriter
  ]
}

output systemTopicName string = systemTopic.name
output subscriptionCreated bool = enableSubscription
