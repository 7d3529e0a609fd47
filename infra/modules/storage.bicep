// The pipeline's one storage account: uploads, pipeline state (blobs, queues, tables), the Functions deployment
// package and the public static website ($web). Reached only with Microsoft Entra ID: shared keys are off.

@description('Storage account name (3-24 lower-case letters and digits, globally unique).')
@minLength(3)
@maxLength(24)
param name string

param location string
param tags object

@description('Blob containers the pipeline uses ($web is created by the static website feature itself).')
param containerNames string[]

@description('Queues the pipeline uses, including the poison queue the Functions host moves failed messages to.')
param queueNames string[]

@description('Tables the pipeline uses.')
param tableNames string[]

@description('Container that holds the Function App deployment package (Flex Consumption).')
param deploymentContainerName string

@description('Container of rejected uploads; its blobs move to cool storage and are later deleted.')
param quarantineContainerName string

@description('Container of accepted originals, kept write-once when archiveRetentionDays > 0.')
param archiveContainerName string

@description('Days after which quarantined uploads move to the cool tier.')
@minValue(1)
param quarantineCoolAfterDays int

@description('Days after which quarantined uploads are deleted.')
@minValue(1)
param quarantineDeleteAfterDays int

@description('Days every version of an archived original stays immutable (version-level WORM); 0 turns WORM off.')
@minValue(0)
param archiveRetentionDays int

@description('''
The archive's time-based retention policy has been locked (an operator locked it after settling the period). A locked
policy accepts only an extension, so the template then leaves it alone instead of writing it again.
''')
param archiveRetentionLocked bool

@description('Days deleted blobs and containers stay recoverable (soft delete).')
@minValue(1)
@maxValue(365)
param softDeleteRetentionDays int

@description('Days a superseded blob version is kept outside the archive container (site pages are rewritten on every publish).')
@minValue(1)
param previousVersionRetentionDays int

@description('Page the static website serves for the root and for every folder.')
param indexDocument string

@description('Path of the page the static website serves for missing files.')
param notFoundDocumentPath string

@description('Origins whose pages may PUT uploads straight into blob storage (the agency portal); CORS on the blob service.')
param uploadCorsOrigins string[] = []

resource account 'Microsoft.Storage/storageAccounts@2026-04-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    supportsHttpsTrafficOnly: true
    minimumTlsVersion: 'TLS1_2'
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    defaultToOAuthAuthentication: true
    // Reachable from the internet in every networkMode (main.bicep): agencies upload from their own networks, and the
    // static website endpoint obeys the same network rules, so closing the account would take the public site down.
    // With networkMode 'AppPrivateEndpoints' the app reaches the account through private endpoints instead.
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
    encryption: {
      keySource: 'Microsoft.Storage'
      requireInfrastructureEncryption: true
      services: {
        blob: { enabled: true, keyType: 'Account' }
        file: { enabled: true, keyType: 'Account' }
        queue: { enabled: true, keyType: 'Account' }
        table: { enabled: true, keyType: 'Account' }
      }
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2026-04-01' = {
  parent: account
  name: 'default'
  properties: {
    isVersioningEnabled: true
    // The agency portal's page uploads with a one-blob SAS from its own origin (x-ms-blob-type, x-ms-meta-*).
    cors: {
      corsRules: empty(uploadCorsOrigins) ? [] : [
        {
          allowedOrigins: uploadCorsOrigins
          allowedMethods: ['PUT', 'OPTIONS']
          allowedHeaders: ['content-type', 'x-ms-blob-type', 'x-ms-blob-content-type', 'x-ms-meta-*', 'x-ms-version', 'x-ms-client-request-id']
          exposedHeaders: ['x-ms-request-id', 'x-ms-error-code', 'etag']
          maxAgeInSeconds: 600
        }
      ]
    }
    deleteRetentionPolicy: {
      enabled: true
      days: softDeleteRetentionDays
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: softDeleteRetentionDays
    }
    // The public site is served by the account's static website endpoint (a read-only, anonymous endpoint that is
    // independent of allowBlobPublicAccess); the publish stage writes $web. Set through the management plane here
    // (blobServices.properties.staticWebsite, the same property Update-AzStorageBlobServiceProperty
    // -EnableStaticWebsite sets); infra/hooks/postprovision.sh reads it back after every provision, enables it with
    // the documented data-plane command if Azure did not, and checks that the web endpoint answers.
    staticWebsite: {
      enabled: true
      indexDocument: indexDocument
      errorDocument404Path: notFoundDocumentPath
    }
  }
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-04-01' = [
  for containerName in union(containerNames, [deploymentContainerName]): {
    parent: blobService
    name: containerName
    properties: {
      publicAccess: 'None'
      // Version-level WORM: every version written to the archive is immutable for the retention period, while new
      // versions can still be added (an idempotent re-run of a stage may rewrite the same name).
      immutableStorageWithVersioning: containerName == archiveContainerName && archiveRetentionDays > 0
        ? { enabled: true }
        : null
    }
  }
]

resource archiveContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-04-01' existing = {
  parent: blobService
  name: archiveContainerName
}

// Default time-based retention for every new version in the archive. Created unlocked, so an operator can still
// change the period; once it is settled, the operator locks it (README "Locking the archive's retention") and sets
// archiveRetentionLocked, after which this template never writes the policy again: a PUT of a locked policy fails,
// and only `extend` may change it.
resource archiveRetention 'Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies@2026-04-01' = if (archiveRetentionDays > 0 && !archiveRetentionLocked) {
  parent: archiveContainer
  name: 'default'
  properties: {
    immutabilityPeriodSinceCreationInDays: archiveRetentionDays
    allowProtectedAppendWrites: false
  }
  dependsOn: [
    containers
  ]
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2026-04-01' = {
  parent: account
  name: 'default'
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2026-04-01' = [
  for queueName in queueNames: {
    parent: queueService
    name: queueName
  }
]

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2026-04-01' = {
  parent: account
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2026-04-01' = [
  for tableName in tableNames: {
    parent: tableService
    name: tableName
  }
]

resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2026-04-01' = {
  parent: account
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'quarantine-cool-then-delete'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: ['blockBlob']
              prefixMatch: ['${quarantineContainerName}/']
            }
            actions: {
              baseBlob: {
                tierToCool: { daysAfterModificationGreaterThan: quarantineCoolAfterDays }
                delete: { daysAfterModificationGreaterThan: quarantineDeleteAfterDays }
              }
              version: {
                delete: { daysAfterCreationGreaterThan: quarantineDeleteAfterDays }
              }
            }
          }
        }
        {
          // Versioning is on for the whole account (so an overwritten or deleted upload can be recovered), but the
          // site and state containers are rewritten on every run, and every deployment replaces the package in the
          // deployment container: keep their old versions only for a while (the current blob is never touched).
          name: 'expire-superseded-versions'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: ['blockBlob']
              prefixMatch: [
                for containerName in union(
                  filter(containerNames, c => c != archiveContainerName && c != quarantineContainerName),
                  ['$web', deploymentContainerName]
                ): '${containerName}/'
              ]
            }
            actions: {
              version: {
                delete: { daysAfterCreationGreaterThan: previousVersionRetentionDays }
              }
            }
          }
        }
      ]
    }
  }
  dependsOn: [
    containers
  ]
}

output id string = account.id
output name string = account.name
output blobEndpoint string = account.properties.primaryEndpoints.blob
output queueEndpoint string = account.properties.primaryEndpoints.queue
output tableEndpoint string = account.properties.primaryEndpoints.table
output webEndpoint string = account.properties.primaryEndpoints.web
