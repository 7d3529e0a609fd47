using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Azure.Storage.Sas;
using Pipeline.Integration.Tests.Infrastructure;
using Pipeline.Storage;

namespace Pipeline.Integration.Tests;

/// <summary>Provisioning on a real Azurite, with full rights and with an identity that may not touch service properties.</summary>
public sealed class StorageProvisionerTests : IAsyncLifetime
{
    private AzuriteInstance _azurite = null!;

    public async Task InitializeAsync() => _azurite = await AzuriteInstance.StartNewAsync();

    public async Task DisposeAsync() => await _azurite.DisposeAsync();

    [Fact]
    public async Task With_full_rights_the_static_website_is_enabled()
    {
        var blobs = new BlobServiceClient(_azurite.ConnectionString);
        var provisioner = new StorageProvisioner(blobs, new QueueServiceClient(_azurite.ConnectionString), new TableServiceClient(_azurite.ConnectionString));

        var result = await provisioner.CreateIfNotExistsAsync(CancellationToken.None);

        Assert.True(result.StaticWebsiteConfigured, result.StaticWebsiteProblem);
        var site = (await blobs.GetPropertiesAsync()).Value.StaticWebsite;
        Assert.True(site.Enabled);
        Assert.Equal(StorageProvisioner.NotFoundDocument, site.ErrorDocument404Path);
    }

    [Fact]
    public async Task An_identity_refused_service_properties_still_gets_every_container_and_a_clear_problem()
    {
        // Like a managed identity with a data role only: containers and blobs yes, service properties 403.
        var fullRights = new BlobServiceClient(_azurite.ConnectionString);
        var sas = fullRights.GenerateAccountSasUri(AccountSasPermissions.All, DateTimeOffset.UtcNow.AddHours(1),
            AccountSasResourceTypes.Container | AccountSasResourceTypes.Object);
        var dataOnly = new BlobServiceClient(sas);
        var provisioner = new StorageProvisioner(dataOnly, new QueueServiceClient(_azurite.ConnectionString), new TableServiceClient(_azurite.ConnectionString));

        var result = await provisioner.CreateIfNotExistsAsync(CancellationToken.None);

        Assert.False(result.StaticWebsiteConfigured);
        Assert.Contains("static website", result.StaticWebsiteProblem);
        var containers = new List<string>();
        await foreach (var container in fullRights.GetBlobContainersAsync()) containers.Add(container.Name);
        Assert.Equal(StorageNames.Containers.Order(StringComparer.Ordinal), containers.Where(StorageNames.Containers.Contains).Order(StringComparer.Ordinal));
        Assert.False((await fullRights.GetPropertiesAsync()).Value.StaticWebsite?.Enabled ?? false);
    }
}
