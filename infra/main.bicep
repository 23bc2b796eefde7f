// HSYRE-boten on Azure, in one resource group:
//   managed identity -> the bot's identity (Azure Bot, UserAssignedMSI) and the app's identity
//                       towards Cosmos DB and Key Vault: no password, no account key anywhere
//   Azure Bot + Teams channel -> App Service (Linux, Node 22 LTS) -> Cosmos DB (NoSQL)
//   Key Vault -> the referral API keys; Log Analytics + Application Insights -> logs
// See README.md in this folder for the commands; test/infra checks this file offline.

targetScope = 'resourceGroup'

// --- Parameters ------------------------------------------------------------------------------

@description('Base name of the resources, e.g. hsyre or hsyre-ham: lowercase letters and digits, single hyphens allowed. Names that must be globally unique get a suffix derived from the resource group.')
@minLength(2)
@maxLength(12)
param name string

@description('Region of every regional resource (web app, Cosmos DB and its backups, Key Vault, logs). Norway East keeps the case data, which is patient-adjacent, its backups and the logs in Norway; change it only with the data controller\'s approval.')
param location string = 'norwayeast'

@description('Name of the bot as Teams shows it, e.g. HSYRE-boten.')
@maxLength(42)
param botDisplayName string

@description('Azure Bot pricing tier. F0 is free and has no message limit on the Teams channel (a standard channel).')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

@description('Runtime stack of the web app (linuxFxVersion).')
param nodeVersion string = 'NODE|22-lts'

@description('App Service plan SKU. B1 suits a pilot; health check and always-on need Basic or higher.')
@allowed([
  'B1'
  'B2'
  'B3'
  'S1'
  'S2'
  'P0v3'
  'P1v3'
])
param appServiceSku string = 'B1'

@description('Cosmos DB database; the containers in it are defined by cosmos-containers.json.')
param cosmosDatabaseName string = 'hsyre'

@description('Comma-separated API keys for POST /api/referrals (header x-api-key), each at least 32 characters, e.g. from openssl rand -hex 32. Stored only in Key Vault.')
@secure()
@minLength(32)
param referralApiKeys string

@description('Entra tenant of the bot identity. A user-assigned managed identity lives in the tenant of this subscription, so keep the default.')
param microsoftAppTenantId string = tenant().tenantId

// --- Names and constants ---------------------------------------------------------------------

var base = toLower(name)
var suffix = uniqueString(resourceGroup().id, base)

// The same containers, partition keys and indexing policies as src/store/cosmos/containers.ts;
// test/infra/bicep-template.test.ts fails when the two differ.
var cosmosContainers = loadJsonContent('cosmos-containers.json')

// Built-in role definitions.
var cosmosDataContributorRole = '00000000-0000-0000-0000-000000000002' // Cosmos DB Built-in Data Contributor
var keyVaultSecretsUserRole = '4633458b-17de-408a-b874-0445c86b69e6' // Key Vault Secrets User

// --- Identity --------------------------------------------------------------------------------

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-${base}'
  location: location
}

// --- Monitoring ------------------------------------------------------------------------------

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: 'log-${base}'
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-${base}'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
  }
}

// --- Cosmos DB -------------------------------------------------------------------------------

resource cosmos 'Microsoft.DocumentDB/databaseAccounts@2024-05-15' = {
  name: 'cosmos-${base}-${suffix}'
  location: location
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: false
      }
    ]
    consistencyPolicy: {
      defaultConsistencyLevel: 'Session'
    }
    // Serverless: billed per request, which suits municipal volume (thousands of cases a year).
    capabilities: [
      {
        name: 'EnableServerless'
      }
    ]
    // Entra ID only: the managed identity signs in; account keys do not work at all.
    disableLocalAuth: true
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
    publicNetworkAccess: 'Enabled'
    enableAutomaticFailover: false
    enableMultipleWriteLocations: false
    // Geo-redundant backup storage replicates to the paired region (Norway West for Norway East).
    backupPolicy: {
      type: 'Periodic'
      periodicModeProperties: {
        backupIntervalInMinutes: 240
        backupRetentionIntervalInHours: 8
        backupStorageRedundancy: 'Geo'
      }
    }
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-05-15' = {
  parent: cosmos
  name: cosmosDatabaseName
  properties: {
    resource: {
      id: cosmosDatabaseName
    }
  }
}

resource containers 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-05-15' = [
  for container in cosmosContainers: {
    parent: database
    name: container.id
    properties: {
      resource: container
    }
  }
]

// The data plane role: read and write items. Creating databases and containers is not part of
// it, which is why this template provisions them.
resource cosmosDataAccess 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-05-15' = {
  parent: cosmos
  name: guid(cosmos.id, identity.id, cosmosDataContributorRole)
  properties: {
    roleDefinitionId: '${cosmos.id}/sqlRoleDefinitions/${cosmosDataContributorRole}'
    principalId: identity.properties.principalId
    scope: cosmos.id
  }
}

// --- Key Vault -------------------------------------------------------------------------------

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: take('kv-${base}-${suffix}', 24)
  location: location
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

resource referralKeysSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'referral-api-keys'
  properties: {
    value: referralApiKeys
    contentType: 'text/plain'
  }
}

// Scoped to the one secret the app reads, not to the whole vault.
resource secretReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(referralKeysSecret.id, identity.id, keyVaultSecretsUserRole)
  scope: referralKeysSecret
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRole)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// --- App Service -----------------------------------------------------------------------------

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: 'plan-${base}'
  location: location
  kind: 'linux'
  sku: {
    name: appServiceSku
  }
  properties: {
    reserved: true
  }
}

resource web 'Microsoft.Web/sites@2023-12-01' = {
  name: 'app-${base}-${suffix}'
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    // Key Vault references resolve with the user-assigned identity, not a system identity.
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      linuxFxVersion: nodeVersion
      appCommandLine: 'node dist/main.js'
      alwaysOn: true
      healthCheckPath: '/healthz'
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      // PORT is not set: App Service passes it to the process, and the app listens on it.
      appSettings: [
        {
          name: 'HOST'
          value: '0.0.0.0'
        }
        {
          name: 'MICROSOFT_APP_TYPE'
          value: 'UserAssignedMSI'
        }
        {
          name: 'MICROSOFT_APP_ID'
          value: identity.properties.clientId
        }
        {
          name: 'MICROSOFT_APP_TENANT_ID'
          value: microsoftAppTenantId
        }
        {
          name: 'STORE'
          value: 'cosmos'
        }
        {
          name: 'COSMOS_ENDPOINT'
          value: cosmos.properties.documentEndpoint
        }
        {
          name: 'COSMOS_DATABASE'
          value: database.name
        }
        {
          // DefaultAzureCredential signs in to Cosmos DB as this user-assigned identity.
          name: 'AZURE_CLIENT_ID'
          value: identity.properties.clientId
        }
        {
          name: 'REFERRAL_API_KEYS'
          value: '@Microsoft.KeyVault(SecretUri=${referralKeysSecret.properties.secretUri})'
        }
        {
          name: 'ROUTINE_FILE'
          value: './config/routine.json'
        }
        {
          name: 'DEMO_DATA'
          value: 'false'
        }
        {
          name: 'DEFAULT_LOCALE'
          value: 'nb'
        }
        {
          name: 'LOG_LEVEL'
          value: 'info'
        }
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: appInsights.properties.ConnectionString
        }
        {
          // Application Insights auto-instrumentation of Node.js on Linux App Service.
          name: 'ApplicationInsightsAgent_EXTENSION_VERSION'
          value: '~3'
        }
        {
          // Oryx runs npm install and npm run build on App Service after a zip deploy.
          name: 'SCM_DO_BUILD_DURING_DEPLOYMENT'
          value: 'true'
        }
      ]
    }
  }
  // The app reads its secret and its containers at start; grant both before it first starts.
  dependsOn: [
    secretReader
    cosmosDataAccess
    containers
  ]
}

// The app logs JSON lines on stdout: keep them, and the HTTP and platform logs, in Log Analytics.
resource webDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: web
  properties: {
    workspaceId: logs.id
    logs: [
      for category in [
        'AppServiceConsoleLogs'
        'AppServiceHTTPLogs'
        'AppServicePlatformLogs'
      ]: {
        category: category
        enabled: true
      }
    ]
  }
}

// --- Azure Bot -------------------------------------------------------------------------------

var messagesUrl = 'https://${web.properties.defaultHostName}/api/messages'

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: 'bot-${base}-${suffix}'
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: botSku
  }
  properties: {
    displayName: botDisplayName
    endpoint: messagesUrl
    msaAppType: 'UserAssignedMSI'
    msaAppId: identity.properties.clientId
    msaAppTenantId: microsoftAppTenantId
    msaAppMSIResourceId: identity.id
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

// --- Outputs ---------------------------------------------------------------------------------

@description('Host name of the web app: BOT_DOMAIN when packaging the Teams app.')
output webAppHostName string = web.properties.defaultHostName

@description('Name of the web app, for az webapp deploy.')
output webAppName string = web.name

@description('The bot app id (the managed identity client id): MICROSOFT_APP_ID when packaging the Teams app.')
output botAppId string = identity.properties.clientId

@description('Messaging endpoint registered on the Azure Bot.')
output messagingEndpoint string = messagesUrl

@description('Cosmos DB account endpoint.')
output cosmosEndpoint string = cosmos.properties.documentEndpoint
