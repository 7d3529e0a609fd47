// The Pipeline in Azure: one resource group holding the storage account (uploads, pipeline state, the public static
// website), the Function App (Flex Consumption) with its managed identity, Event Grid for the upload trigger,
// monitoring, and optionally Front Door in front of the site. Deployed by `azd up` (see README "Deployment").
targetScope = 'subscription'

@description('azd environment name; names and tags derive from it.')
@minLength(1)
@maxLength(64)
param environmentName string

@description('Azure region of every regional resource (must offer the Flex Consumption plan).')
@minLength(1)
param location string

@description('Resource group to create; empty = rg-<environmentName>.')
param resourceGroupName string = ''

// ---- The site and the pipeline ----

@description('Public base URL of the site, ending with "/"; empty = the Front Door endpoint or the static website endpoint.')
param siteBaseUrl string = ''

@description('Title of the public site.')
param siteTitle string = '政府信息公开'

@description('Entries per list page of the site.')
@minValue(1)
@maxValue(1000)
param sitePageSize int = 50

@description('IANA time zone in which release dates are read.')
param siteTimeZone string = 'Asia/Shanghai'

@description('When due reports are published: 6-field NCRONTAB (seconds first), in UTC.')
param publishSchedule string = '0 */5 * * * *'

@description('Uploads larger than this many bytes are rejected without being read whole.')
@minValue(1)
param maxUploadBytes int = 20971520

@description('What to do with personal data found in a report.')
@allowed(['HoldForReview', 'PublishMasked'])
param privacyMode string = 'HoldForReview'

@description('Public scope assumed (with a warning) when a report states none.')
param defaultPublicScope string = '主动公开'

@description('URLs that receive a POST with the changed site URLs after each publish run.')
param webhookUrls string[] = []

@description('Publish lease duration in seconds (15-60, an Azure Storage limit).')
@minValue(15)
@maxValue(60)
param publishLeaseSeconds int = 15

@description('At most this many due reports are handled per publish run.')
@minValue(1)
param maxReportsPerPublishRun int = 5000

@description('Render messages dequeued this many times are given up (keep equal to queues.maxDequeueCount in host.json).')
@minValue(1)
param maxRenderAttempts int = 5

@description('Content-Security-Policy of the site pages: sent by the local host and, in Azure, by Front Door when it is enabled (the storage web endpoint cannot add headers).')
param contentSecurityPolicy string = 'default-src \'self\'; script-src \'self\'; style-src \'self\'; img-src \'self\' data:; object-src \'none\'; base-uri \'none\'; frame-ancestors \'none\''

@description('Agency registry seed file, relative to the app\'s content root (shipped with the app package).')
param agenciesFile string = 'config/agencies.json'

@description('Local host only (Azure uses the render queue trigger): seconds a dequeued render message stays invisible.')
@minValue(1)
param renderVisibilityTimeoutSeconds int = 120

@description('Local host only (Azure uses the Event Grid blob trigger): seconds between scans of incoming/.')
@minValue(1)
param incomingScanIntervalSeconds int = 5

// ---- Retention ----

@description('Days after which quarantined uploads move to the cool tier.')
@minValue(1)
param quarantineCoolAfterDays int = 30

@description('Days after which quarantined uploads are deleted.')
@minValue(1)
param quarantineDeleteAfterDays int = 365

@description('Days every archived original stays immutable (version-level WORM); 0 turns WORM off.')
@minValue(0)
param archiveRetentionDays int = 365

@description('''
Set once the archive's retention policy has been locked (README "Locking the archive's retention"): the template then
leaves the policy alone, because a locked policy accepts only an extension and every PUT of it would fail.
infra/hooks/preprovision.sh stops a provision that would fail that way.
''')
param archiveRetentionLocked bool = false

@description('Days deleted blobs and containers stay recoverable.')
@minValue(1)
@maxValue(365)
param softDeleteRetentionDays int = 30

@description('Days superseded blob versions are kept outside the archive container.')
@minValue(1)
param previousVersionRetentionDays int = 30

@description('Days logs are kept in Log Analytics.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 90

// ---- Hosting ----

@description('Most instances the Flex Consumption plan may scale out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Memory of each Function App instance, in MB.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('Put Azure Front Door (Standard) in front of the static website.')
param enableFrontDoor bool = false

// ---- Network ----

@description('''
Network path of the app's own storage traffic. 'Public' (default): over the storage account's public endpoints, with
Entra ID and TLS 1.2; agencies upload from their own networks and the site is public, so the account stays reachable
from the internet either way. 'AppPrivateEndpoints': a virtual network, VNet integration for the app and private
endpoints (blob, queue, table) so the app's traffic to the account stays private; the account's public endpoints,
including the static website endpoint, keep serving agencies and readers.
''')
@allowed(['Public', 'AppPrivateEndpoints'])
param networkMode string = 'Public'

@description('Address space of the virtual network (networkMode AppPrivateEndpoints).')
param virtualNetworkAddressPrefix string = '10.60.0.0/16'

// ---- Access ----

@description('''
Grant the operator who deploys (operatorPrincipalId) data roles on the storage account, so the README's
`--auth-mode login` and `pipeline` commands work with shared keys off: Storage Blob/Queue/Table Data Contributor.
''')
param grantOperatorDataAccess bool = false

@description('Object id of the operator; azd passes the signed-in principal (AZURE_PRINCIPAL_ID).')
param operatorPrincipalId string = ''

@description('Kind of principal operatorPrincipalId is.')
@allowed(['User', 'Group', 'ServicePrincipal'])
param operatorPrincipalType string = 'User'

@description('''
Application (client) ID of the Microsoft Entra ID app registration that signs agency clerks in to the portal
(/api/portal) and the status endpoint (App Service authentication). Empty: no authentication is configured, and both
answer 503. Its app roles Agency.<folder> grant the agencies (README "The agency portal").
''')
param portalClientId string = ''

@description('OpenID issuer of that registration; empty: https://login.microsoftonline.com/<this tenant>/v2.0 (the cloud\'s login endpoint).')
param portalIssuer string = ''

@description('''
Origin the portal page is served from, allowed to upload straight to blob storage (CORS on the blob service).
Empty: https://<function app name>.azurewebsites.net. If the app got another default host name (see the output
AZURE_FUNCTION_APP_HOST_NAME) or sits behind a custom domain, set https://<that host>.
''')
param portalOrigin string = ''

var abbreviations = {
  resourceGroup: 'rg-'
  storage: 'st'
  plan: 'plan-'
  functionApp: 'func-'
  identity: 'id-'
  logAnalytics: 'log-'
  applicationInsights: 'appi-'
  systemTopic: 'evgt-'
  frontDoor: 'afd-'
  frontDoorEndpoint: 'fde-'
  virtualNetwork: 'vnet-'
}
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
  application: 'pipeline'
}

// Names the code fixes (Pipeline.Storage.StorageNames); the tests check that they agree.
var incomingContainerName = 'incoming'
var quarantineContainerName = 'quarantine'
var archiveContainerName = 'archive'
var containerNames = [
  incomingContainerName
  quarantineContainerName
  'results'
  archiveContainerName
  'parsed'
  'staging'
  'locks'
  'site-state'
  deadLetterContainerName
]
var queueNames = [
  'render'
  'render-poison'
]
var tableNames = [
  'Agencies'
  'Ledger'
  'Uploads'
  'Counters'
  'Due'
  'WebhookOutbox'
]
// Names other modules look resources up by: known before deployment, so What-If can predict them.
var storageAccountName = '${abbreviations.storage}${resourceToken}'
var applicationInsightsName = '${abbreviations.applicationInsights}${resourceToken}'
var functionAppName = '${abbreviations.functionApp}${resourceToken}'
var deploymentContainerName = 'app-package'
var deadLetterContainerName = 'eventgrid-deadletter'
var systemTopicName = '${abbreviations.systemTopic}${resourceToken}'
// The function whose Event Grid blob trigger validates uploads (functions/Pipeline.Functions/ValidateUploadFunction.cs).
var uploadFunctionName = 'ValidateUpload'
var indexDocument = 'index.html'
var portalOrigins = [empty(portalOrigin) ? 'https://${functionAppName}.azurewebsites.net' : portalOrigin]
var portalIssuerUrl = empty(portalIssuer) ? '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0' : portalIssuer
var notFoundDocumentPath = '404.html'

resource resourceGroup 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: empty(resourceGroupName) ? '${abbreviations.resourceGroup}${environmentName}' : resourceGroupName
  location: location
  tags: tags
}

module storage 'modules/storage.bicep' = {
  scope: resourceGroup
  params: {
    name: storageAccountName
    location: location
    tags: tags
    containerNames: containerNames
    queueNames: queueNames
    tableNames: tableNames
    deploymentContainerName: deploymentContainerName
    quarantineContainerName: quarantineContainerName
    archiveContainerName: archiveContainerName
    quarantineCoolAfterDays: quarantineCoolAfterDays
    quarantineDeleteAfterDays: quarantineDeleteAfterDays
    archiveRetentionDays: archiveRetentionDays
    archiveRetentionLocked: archiveRetentionLocked
    softDeleteRetentionDays: softDeleteRetentionDays
    previousVersionRetentionDays: previousVersionRetentionDays
    indexDocument: indexDocument
    notFoundDocumentPath: notFoundDocumentPath
    uploadCorsOrigins: portalOrigins
  }
}

module monitoring 'modules/monitoring.bicep' = {
  scope: resourceGroup
  params: {
    logAnalyticsName: '${abbreviations.logAnalytics}${resourceToken}'
    applicationInsightsName: applicationInsightsName
    location: location
    tags: tags
    retentionInDays: logRetentionDays
  }
}

module identity 'modules/identity.bicep' = {
  scope: resourceGroup
  params: {
    name: '${abbreviations.identity}${resourceToken}'
    location: location
    tags: tags
    storageAccountName: storageAccountName
    applicationInsightsName: applicationInsightsName
  }
  dependsOn: [
    storage
    monitoring
  ]
}

module operatorAccess 'modules/operator-access.bicep' = if (grantOperatorDataAccess && !empty(operatorPrincipalId)) {
  scope: resourceGroup
  params: {
    storageAccountName: storageAccountName
    principalId: operatorPrincipalId
    principalType: operatorPrincipalType
  }
  dependsOn: [
    storage
  ]
}

var appPrivateEndpoints = networkMode == 'AppPrivateEndpoints'
var virtualNetworkName = '${abbreviations.virtualNetwork}${resourceToken}'
var appSubnetName = 'app'

module network 'modules/network.bicep' = if (appPrivateEndpoints) {
  scope: resourceGroup
  params: {
    virtualNetworkName: virtualNetworkName
    appSubnetName: appSubnetName
    location: location
    tags: tags
    storageAccountName: storageAccountName
    addressPrefix: virtualNetworkAddressPrefix
    appSubnetPrefix: cidrSubnet(virtualNetworkAddressPrefix, 24, 0)
    privateEndpointSubnetPrefix: cidrSubnet(virtualNetworkAddressPrefix, 24, 1)
  }
  dependsOn: [
    storage
  ]
}

module frontDoor 'modules/frontdoor.bicep' = if (enableFrontDoor) {
  scope: resourceGroup
  params: {
    profileName: '${abbreviations.frontDoor}${resourceToken}'
    endpointName: '${abbreviations.frontDoorEndpoint}${resourceToken}'
    tags: tags
    originHostName: hostOf(storage.outputs.webEndpoint)
    contentSecurityPolicy: contentSecurityPolicy
  }
}

// https://<host>/ from an endpoint URL such as https://<account>.z7.web.core.windows.net/
func hostOf(endpoint string) string => split(endpoint, '/')[2]

var defaultSiteBaseUrl = enableFrontDoor ? 'https://${frontDoor!.outputs.hostName}/' : storage.outputs.webEndpoint

module functionApp 'modules/functionapp.bicep' = {
  scope: resourceGroup
  params: {
    planName: '${abbreviations.plan}${resourceToken}'
    appName: functionAppName
    location: location
    tags: tags
    identityId: identity.outputs.id
    blobEndpoint: storage.outputs.blobEndpoint
    deploymentContainerName: deploymentContainerName
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    authClientId: portalClientId
    authIssuer: portalIssuerUrl
    // Known before deployment (so What-If and the infra tests can see it); the dependency below orders it.
    virtualNetworkSubnetId: appPrivateEndpoints
      ? resourceId(subscription().subscriptionId, resourceGroup.name, 'Microsoft.Network/virtualNetworks/subnets', virtualNetworkName, appSubnetName)
      : ''
    // Exactly the settings the code reads: the Functions host (AzureWebJobsStorage__*, APPLICATIONINSIGHTS_*), the
    // Azure SDK (AZURE_CLIENT_ID) and the pipeline (PipelineStorage__*, PublishSchedule, Pipeline__*, Site__*).
    appSettings: {
      // Identity-based storage for the host's own state (timer monitor, blob receipts, Event Grid trigger queue, keys).
      AzureWebJobsStorage__accountName: storage.outputs.name
      AzureWebJobsStorage__blobServiceUri: storage.outputs.blobEndpoint
      AzureWebJobsStorage__queueServiceUri: storage.outputs.queueEndpoint
      AzureWebJobsStorage__tableServiceUri: storage.outputs.tableEndpoint
      AzureWebJobsStorage__credential: 'managedidentity'
      AzureWebJobsStorage__clientId: identity.outputs.clientId
      // The pipeline's data: the triggers' Connection and the stages' clients (same account, its own connection).
      PipelineStorage__accountName: storage.outputs.name
      PipelineStorage__blobServiceUri: storage.outputs.blobEndpoint
      PipelineStorage__queueServiceUri: storage.outputs.queueEndpoint
      PipelineStorage__tableServiceUri: storage.outputs.tableEndpoint
      PipelineStorage__credential: 'managedidentity'
      PipelineStorage__clientId: identity.outputs.clientId
      // DefaultAzureCredential in the worker selects the user-assigned identity by this id.
      AZURE_CLIENT_ID: identity.outputs.clientId
      APPLICATIONINSIGHTS_CONNECTION_STRING: monitoring.outputs.connectionString
      // Telemetry is sent with Microsoft Entra ID (the component has local authentication disabled).
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.outputs.clientId};Authorization=AAD'
      PublishSchedule: publishSchedule
      Pipeline__MaxUploadBytes: string(maxUploadBytes)
      Pipeline__Privacy: privacyMode
      Pipeline__DefaultPublicScope: defaultPublicScope
      Pipeline__PublishLeaseSeconds: string(publishLeaseSeconds)
      Pipeline__MaxReportsPerPublishRun: string(maxReportsPerPublishRun)
      Pipeline__MaxRenderAttempts: string(maxRenderAttempts)
      Pipeline__ContentSecurityPolicy: contentSecurityPolicy
      Pipeline__AgenciesFile: agenciesFile
      Pipeline__RenderVisibilityTimeoutSeconds: string(renderVisibilityTimeoutSeconds)
      Pipeline__IncomingScanIntervalSeconds: string(incomingScanIntervalSeconds)
      Site__BaseUrl: empty(siteBaseUrl) ? defaultSiteBaseUrl : siteBaseUrl
      Site__SiteTitle: siteTitle
      Site__PageSize: string(sitePageSize)
      Site__TimeZone: siteTimeZone
    }
    listSettings: {
      Pipeline__Webhooks: webhookUrls
    }
  }
  dependsOn: [
    network
  ]
}

// The system topic and its dead-letter role only: the subscription to the app is infra/upload-events.bicep, deployed
// by the postdeploy hook once the deployed app can answer Event Grid's validation handshake.
module eventGrid 'modules/eventgrid.bicep' = {
  scope: resourceGroup
  params: {
    systemTopicName: systemTopicName
    location: location
    tags: tags
    storageAccountName: storageAccountName
    deadLetterContainerName: deadLetterContainerName
  }
  dependsOn: [
    storage
  ]
}

// azd stores outputs as environment values (.azure/<env>/.env).
output AZURE_LOCATION string = location
output AZURE_RESOURCE_GROUP string = resourceGroup.name
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output SITE_URL string = empty(siteBaseUrl) ? defaultSiteBaseUrl : siteBaseUrl
output STATIC_WEBSITE_ENDPOINT string = storage.outputs.webEndpoint
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
output AZURE_STORAGE_ACCOUNT_ID string = storage.outputs.id
output AZURE_FUNCTION_APP_HOST_NAME string = functionApp.outputs.defaultHostName
// What the hooks need (infra/hooks/*.sh): the names are decided here once.
output AZURE_EVENTGRID_SYSTEM_TOPIC_NAME string = eventGrid.outputs.systemTopicName
output UPLOAD_EVENTS_CONTAINER string = incomingContainerName
output UPLOAD_EVENTS_FUNCTION string = uploadFunctionName
output EVENTGRID_DEADLETTER_CONTAINER string = deadLetterContainerName
output ARCHIVE_CONTAINER string = archiveContainerName
output STATIC_WEBSITE_INDEX_DOCUMENT string = indexDocument
output STATIC_WEBSITE_404_DOCUMENT string = notFoundDocumentPath
