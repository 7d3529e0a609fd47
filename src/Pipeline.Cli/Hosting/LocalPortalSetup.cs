using Azure;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pipeline.Stages;
using Pipeline.Storage.Portal;

namespace Pipeline.Cli.Hosting;

/// <summary>
/// Lets the browser upload from the local host's origin straight to the blob endpoint (CORS on Azurite or an account
/// reached with a connection string). With an identity (a real account, `az login`) the operator sets CORS in Azure
/// instead (the Bicep template does for the Function App), so a refusal here is logged, not fatal.
/// </summary>
public static class LocalPortalSetup
{
    /// <summary>After start-up provisioning (which also rewrites the blob service's properties), in the background.</summary>
    public static void AllowUploadsOnceReady(Microsoft.AspNetCore.Builder.WebApplication app)
    {
        var ready = app.Services.GetRequiredService<StartupWorker>().Ready;
        var blobs = app.Services.GetRequiredService<BlobServiceClient>();
        var urls = app.Urls.ToList();
        _ = Task.Run(async () =>
        {
            try
            {
                await ready.WaitAsync(app.Lifetime.ApplicationStopping);
                await AllowUploadsAsync(blobs, app.Configuration, urls, app.Logger, app.Lifetime.ApplicationStopping);
            }
            catch (OperationCanceledException)
            {
            }
        });
    }

    public static async Task AllowUploadsAsync(BlobServiceClient blobs, IConfiguration configuration, IEnumerable<string> urls, ILogger logger, CancellationToken ct)
    {
        if (StorageConnection.From(configuration).UsesIdentity) return;
        foreach (var url in urls)
        {
            try
            {
                await BlobServiceCors.AllowUploadsFromAsync(blobs, new Uri(url).GetLeftPart(UriPartial.Authority), ct);
            }
            catch (RequestFailedException e)
            {
                logger.LogWarning("Portal uploads from {Url} not allowed by the blob service's CORS rules: {Status} {Code}", url, e.Status, e.ErrorCode);
            }
        }
    }
}
