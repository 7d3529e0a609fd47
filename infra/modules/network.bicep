// Optional private network path for the Function App's own storage traffic (main.bicep networkMode =
// 'AppPrivateEndpoints'): a virtual network with one subnet for the Flex Consumption app's VNet integration and one for
// private endpoints of the account's blob, queue and table services, with the private DNS zones that make the app
// resolve the account's ordinary host names to those endpoints.
//
// The account itself stays reachable from the internet: agencies upload from their own networks, and the static
// website endpoint (which obeys the same network rules as the blob endpoint) must serve the public site. So this
// moves the app's traffic off the public path; it does not close the account.

param virtualNetworkName string
param location string
param tags object
param storageAccountName string

@description('Name of the subnet the app integrates with.')
param appSubnetName string

@description('Address space of the virtual network.')
param addressPrefix string

@description('Subnet the Flex Consumption app integrates with (delegated to Microsoft.App/environments).')
param appSubnetPrefix string

@description('Subnet that holds the private endpoints.')
param privateEndpointSubnetPrefix string

resource storageAccount 'Microsoft.Storage/storageAccounts@2026-04-01' existing = {
  name: storageAccountName
}

resource virtualNetwork 'Microsoft.Network/virtualNetworks@2025-05-01' = {
  name: virtualNetworkName
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [addressPrefix]
    }
    subnets: [
      {
        name: appSubnetName
        properties: {
          addressPrefix: appSubnetPrefix
          delegations: [
            {
              name: 'flex-consumption'
              properties: {
                serviceName: 'Microsoft.App/environments'
              }
            }
          ]
        }
      }
      {
        name: 'private-endpoints'
        properties: {
          addressPrefix: privateEndpointSubnetPrefix
          privateEndpointNetworkPolicies: 'Disabled'
        }
      }
    ]
  }

  resource privateEndpointSubnet 'subnets' existing = {
    name: 'private-endpoints'
  }
}

// One private endpoint and one private DNS zone per storage service the app uses.
var storageServices = ['blob', 'queue', 'table']

resource dnsZones 'Microsoft.Network/privateDnsZones@2024-06-01' = [
  for service in storageServices: {
    name: 'privatelink.${service}.${environment().suffixes.storage}'
    location: 'global'
    tags: tags
  }
]

resource dnsZoneLinks 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = [
  for (service, i) in storageServices: {
    parent: dnsZones[i]
    name: virtualNetworkName
    location: 'global'
    tags: tags
    properties: {
      registrationEnabled: false
      virtualNetwork: {
        id: virtualNetwork.id
      }
    }
  }
]

resource privateEndpoints 'Microsoft.Network/privateEndpoints@2025-05-01' = [
  for service in storageServices: {
    name: 'pe-${service}-${storageAccountName}'
    location: location
    tags: tags
    properties: {
      subnet: {
        id: virtualNetwork::privateEndpointSubnet.id
      }
      privateLinkServiceConnections: [
        {
          name: service
          properties: {
            privateLinkServiceId: storageAccount.id
            groupIds: [service]
          }
        }
      ]
    }
  }
]

resource privateDnsZoneGroups 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2025-05-01' = [
  for (service, i) in storageServices: {
    parent: privateEndpoints[i]
    name: 'default'
    properties: {
      privateDnsZoneConfigs: [
        {
          name: service
          properties: {
            privateDnsZoneId: dnsZones[i].id
          }
        }
      ]
    }
  }
]
