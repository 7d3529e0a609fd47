using Pipeline.Integration.Tests.Infrastructure;
using Pipeline.Storage;

namespace Pipeline.Integration.Tests.Stages;

/// <summary>Reads and removes what the render stage staged for a report (its page and the report beside it).</summary>
internal static class StagedBlobs
{
    public static async Task<string> PageBlobAsync(PipelineTestHost host, string indexCode) =>
        (await host.ReportAsync(indexCode))?.StagingBlob ?? throw new InvalidOperationException($"{indexCode} has no staged page");

    public static async Task<byte[]?> ReadAsync(PipelineTestHost host, string blobName)
    {
        var blob = host.Container(StorageNames.StagingContainer).GetBlobClient(blobName);
        return (await blob.ExistsAsync()).Value ? (await blob.DownloadContentAsync()).Value.Content.ToArray() : null;
    }

    public static async Task DeleteAsync(PipelineTestHost host, string container, string blobName) =>
        await host.Container(container).DeleteBlobAsync(blobName);
}
