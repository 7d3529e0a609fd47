// The Event Grid subscription that delivers BlobCreated events of the incoming container to the blob trigger of the
// ValidateUpload function (blob trigger with Source = EventGrid, the only blob trigger Flex Consumption supports).
//
// Deployed by infra/hooks/postdeploy.sh into the resource group main.bicep created, never by `azd provision`: Event
// Grid validates a webhook when the subscription is created or updated, so it can only be created once the deployed
// app has started with its blob trigger (the host then has a blobs_extension key) and answers the validation
// handshake. The hook checks both first and retries this deployment a bounded number of times. Every value comes from
// main.bicep's outputs, so the names live in one place.
targetScope = 'resourceGroup'

@description('Event Grid system topic of the storage account (main.bicep output AZURE_EVENTGRID_SYSTEM_TOPIC_NAME).')
param systemTopicName string

@description('Storage account whose uploads trigger validation (main.bicep output AZURE_STORAGE_ACCOUNT_NAME).')
param storageAccountName string

@description('Function App that receives the events (main.bicep output AZURE_FUNCTION_APP_NAME).')
param functionAppName string

@description('Container whose new blobs trigger validation (main.bicep output UPLOAD_EVENTS_CONTAINER).')
param incomingContainerName string

@description('Function whose blob trigger receives the events (main.bicep output UPLOAD_EVENTS_FUNCTION).')
param functionName string

@description('Container that keeps events Event Grid could not deliver (main.bicep output EVENTGRID_DEADLETTER_CONTAINER).')
param deadLetterContainerName string

resource storageAccount 'Microsoft.Storage/storageAccounts@2026-04-01' existing = {
  name: storageAccountName
}

resource functionApp 'Microsoft.Web/sites@2025-03-01' existing = {
  name: functionAppName
}

resource systemTopic 'Microsoft.EventGrid/systemTopics@2025-02-15' existing = {
  name: systemTopicName
}

// The host's system key for the blobs extension (Microsoft.Web/sites/host has no Bicep type, so list it by id). The
// hook has already checked that it exists; it is read here so that it never leaves Azure Resource Manager.
var blobsExtensionKey = listKeys('${functionApp.id}/host/default', '2025-03-01').systemKeys.blobs_extension

resource uploadSubscription 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2025-02-15' = {
  parent: systemTopic
  name: 'incoming-blob-created'
  properties: {
    eventDeliverySchema: 'EventGridSchema'
    destination: {
      endpointType: 'WebHook'
      properties: {
        // The app's own default host name: a Flex Consumption app's host name is not always <name>.azurewebsites.net.
        endpointUrl: 'https://${functionApp.properties.defaultHostName}/runtime/webhooks/blobs?functionName=Host.Functions.${functionName}&code=${blobsExtensionKey}'
        maxEventsPerBatch: 1
        preferredBatchSizeInKilobytes: 64
      }
    }
    filter: {
      includedEventTypes: [
        'Microsoft.Storage.BlobCreated'
      ]
      // The trailing slash keeps a container named e.g. "incoming-old" out.
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
}

output subscriptionName string = uploadSubscription.name
output endpointHostName string = functionApp.properties.defaultHostName
