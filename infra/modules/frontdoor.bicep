// Optional Azure Front Door (Standard) in front of the storage account's static website endpoint: a custom domain
// can be attached later, responses are cached and compressed at the edge, and HTTP is redirected to HTTPS.

param profileName string
param endpointName string
param tags object

@description('Host name of the static website endpoint (e.g. <account>.z7.web.core.windows.net).')
param originHostName string

@description('Content-Security-Policy sent with every response (the storage web endpoint cannot set headers itself).')
param contentSecurityPolicy string

resource profile 'Microsoft.Cdn/profiles@2025-06-01' = {
  name: profileName
  location: 'global'
  tags: tags
  sku: {
    name: 'Standard_AzureFrontDoor'
  }
}

resource endpoint 'Microsoft.Cdn/profiles/afdEndpoints@2025-06-01' = {
  parent: profile
  name: endpointName
  location: 'global'
  tags: tags
  properties: {
    enabledState: 'Enabled'
  }
}

resource originGroup 'Microsoft.Cdn/profiles/originGroups@2025-06-01' = {
  parent: profile
  name: 'static-site'
  properties: {
    loadBalancingSettings: {
      sampleSize: 4
      successfulSamplesRequired: 3
      additionalLatencyInMilliseconds: 50
    }
    healthProbeSettings: {
      probePath: '/'
      probeRequestType: 'HEAD'
      probeProtocol: 'Https'
      probeIntervalInSeconds: 120
    }
  }
}

resource origin 'Microsoft.Cdn/profiles/originGroups/origins@2025-06-01' = {
  parent: originGroup
  name: 'storage-web'
  properties: {
    hostName: originHostName
    originHostHeader: originHostName
    httpPort: 80
    httpsPort: 443
    priority: 1
    weight: 1000
    enabledState: 'Enabled'
    enforceCertificateNameCheck: true
  }
}

// Security headers for every response: the static website endpoint serves files with only their stored headers.
resource securityHeaders 'Microsoft.Cdn/profiles/ruleSets@2025-06-01' = {
  parent: profile
  name: 'SecurityHeaders'
}

var responseHeaders = [
  { name: 'Content-Security-Policy', value: contentSecurityPolicy }
  { name: 'X-Content-Type-Options', value: 'nosniff' }
  { name: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' }
  { name: 'Strict-Transport-Security', value: 'max-age=31536000' }
]

resource securityHeadersRule 'Microsoft.Cdn/profiles/ruleSets/rules@2025-06-01' = {
  parent: securityHeaders
  name: 'AddSecurityHeaders'
  properties: {
    order: 1
    conditions: []
    actions: [
      for header in responseHeaders: {
        name: 'ModifyResponseHeader'
        parameters: {
          typeName: 'DeliveryRuleHeaderActionParameters'
          headerAction: 'Overwrite'
          headerName: header.name
          value: header.value
        }
      }
    ]
    matchProcessingBehavior: 'Continue'
  }
}

resource route 'Microsoft.Cdn/profiles/afdEndpoints/routes@2025-06-01' = {
  parent: endpoint
  name: 'site'
  properties: {
    originGroup: {
      id: originGroup.id
    }
    ruleSets: [
      {
        id: securityHeaders.id
      }
    ]
    supportedProtocols: ['Http', 'Https']
    patternsToMatch: ['/*']
    forwardingProtocol: 'HttpsOnly'
    httpsRedirect: 'Enabled'
    linkToDefaultDomain: 'Enabled'
    // The site's pages carry their own Cache-Control headers; the edge honours them.
    cacheConfiguration: {
      queryStringCachingBehavior: 'IgnoreQueryString'
      compressionSettings: {
        isCompressionEnabled: true
        contentTypesToCompress: [
          'text/html'
          'text/css'
          'text/plain'
          'text/xml'
          'application/javascript'
          'application/json'
          'application/atom+xml'
          'application/xml'
          'image/svg+xml'
        ]
      }
    }
  }
  dependsOn: [
    origin
    securityHeadersRule
  ]
}

output hostName string = endpoint.properties.hostName
