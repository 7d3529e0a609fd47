using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pipeline.Storage;

namespace Pipeline.Stages;

/// <summary>
/// Start-up work every host does once: create containers/queues/tables, enable the static website, seed the
/// agency registry from config/agencies.json. Idempotent.
/// </summary>
public sealed class PipelineStartup(StorageProvisioner provisioner, AgencyRegistry registry, IOptions<PipelineOptions> options, ILogger<PipelineStartup> logger, IHostEnvironment? environment = null)
{
    public async Task RunAsync(CancellationToken ct)
    {
        // Registry before containers: uploads can only arrive once incoming/ exists (see StorageProvisioner).
        await provisioner.CreateTablesIfNotExistsAsync(ct).ConfigureAwait(false);
        await SeedRegistryAsync(ct).ConfigureAwait(false);
        var provisioning = await provisioner.CreateContainersAndQueuesIfNotExistsAsync(ct).ConfigureAwait(false);
        if (!provisioning.StaticWebsiteConfigured)
            logger.LogWarning("Storage provisioned, static website left as it is — {Problem}", provisioning.StaticWebsiteProblem);
    }

    private async Task SeedRegistryAsync(CancellationToken ct)
    {
        var file = ResolveAgenciesFile();
        if (file is null)
        {
            logger.LogWarning("Agency registry seed file {File} not found; registry left as it is", options.Value.AgenciesFile);
            return;
        }
        var agencies = await AgencyRecord.LoadFileAsync(file, ct).ConfigureAwait(false);
        await registry.UpsertAsync(agencies, ct).ConfigureAwait(false);
        logger.LogInformation("Agency registry seeded with {Count} agencies from {File}", agencies.Count, file);
    }

    private string? ResolveAgenciesFile()
    {
        var configured = options.Value.AgenciesFile;
        if (string.IsNullOrWhiteSpace(configured)) return null;
        if (Path.IsPathRooted(configured)) return File.Exists(configured) ? configured : null;
        foreach (var root in new[] { environment?.ContentRootPath, Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            if (root is null) continue;
            var candidate = Path.Combine(root, configured);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
