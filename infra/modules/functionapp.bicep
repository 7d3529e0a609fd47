// The Function App on the Flex Consumption plan (Linux, dotnet-isolated 10.0). It reaches storage and Application
// Insights only through its user-assigned managed identity: no connection string with a secret appears anywhere.

param planName string
param appName string
param location string
param tags object

@description('Resource id of the user-assigned identity the app runs as.')
param identityId string

@description('Blob endpoint of the storage account (https://<account>.blob.core.windows.net/).')
param blobEndpoint string

@description('Container that holds the deployment package.')
param deploymentContainerName string

@description('''
Every app setting, keyed by its exact name (the Functions host's and the pipeline's). Built in main.bicep as one
literal object so that the names the code reads and the names deployed can be compared (tests/Pipeline.Infra.Tests).
''')
param appSettings object

@description('''
List-valued settings, keyed by the setting name: each list becomes <name>__0, <name>__1, ... (how .NET configuration
binds a list from environment variables).
''')
param listSettings object

@description('Most instances the plan may scale out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@description('Memory of each instance, in MB.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int

@description('Subnet for VNet integration (outbound traffic through the virtual network); empty = none.')
param virtualNetworkSubnetId string

@description('Client id of the Entra ID app registration for App Service authentication; empty = authentication not configured.')
param authClientId string = ''

@description('OpenID issuer URL of that registration (https://login.microsoftonline.com/<tenant>/v2.0).')
param authIssuer string = ''

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2025-03-01' = {
  name: appName
  location: location
  // azd deploys the `functions` service of azure.yaml to the resource carrying this tag.
  tags: union(tags, { 'azd-service-name': 'functions' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Inbound stays public: Event Grid delivers upload events to the blobs webhook over the internet.
    publicNetworkAccess: 'Enabled'
    virtualNetworkSubnetId: empty(virtualNetworkSubnetId) ? null : virtualNetworkSubnetId
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${blobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
    }
  }
}

// Flex Consumption sets the runtime and extension version through functionAppConfig and rejects
// FUNCTIONS_WORKER_RUNTIME / FUNCTIONS_EXTENSION_VERSION / WEBSITE_RUN_FROM_PACKAGE as app settings, so none appear.
var expandedListSettings = toObject(
  flatten(map(items(listSettings), list => map(range(0, length(list.value)), i => { name: '${list.key}__${i}', value: list.value[i] }))),
  setting => setting.name,
  setting => setting.value
)

resource appSettingsConfig 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: app
  name: 'appsettings'
  properties: union(appSettings, expandedListSettings)
}

// App Service authentication ("Easy Auth") with Microsoft Entra ID for the agency portal (/api/portal/...) and the
// status endpoint: sign-in is required everywhere except the paths that authenticate otherwise (the Event Grid
// webhook with the blobs_extension key, the operator endpoints with the admin key). The platform forwards the signed-in
// principal in X-MS-CLIENT-PRINCIPAL (and drops any copy a client sends); the code maps its Agency.<folder> app roles
// to agencies. No client secret: sign-in uses the OpenID Connect flow that returns an ID token, which carries the
// roles (the registration must issue ID tokens). Browsers get the login page; API calls the page makes with
// X-Requested-With: XMLHttpRequest get 401.
resource authSettings 'Microsoft.Web/sites/config@2025-03-01' = if (!empty(authClientId)) {
  parent: app
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      requireAuthentication: true
      unauthenticatedClientAction: 'RedirectToLoginPage'
      redirectToProvider: 'azureactivedirectory'
      excludedPaths: [
        '/runtime/webhooks/blobs'
        '/api/publish'
        '/api/withdraw'
        '/api/approve'
      ]
    }
    httpSettings: {
      requireHttps: true
      forwardProxy: {
        convention: 'NoProxy'
      }
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: authClientId
          openIdIssuer: authIssuer
        }
        validation: {
          allowedAudiences: [
            authClientId
            'api://${authClientId}'
          ]
        }
      }
    }
    login: {
      tokenStore: {
        enabled: false
      }
      preserveUrlFragmentsForLogins: false
    }
  }
}

// No publishing with user names and passwords: azd deploys with the signed-in identity.
resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: app
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: app
  name: 'scm'
  properties: {
    allow: false
  }
}

output name string = app.name
output defaultHostName string = app.properties.defaultHostName
