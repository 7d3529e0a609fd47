using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Pipeline.Stages;
using Pipeline.Storage;

namespace Pipeline.Cli.Hosting;

/// <summary>
/// Serves the $web container over HTTP the way the storage static website does: index.html for directories,
/// 404.html with status 404 for anything missing, Content-Type and Cache-Control from the blob's properties,
/// ETag / If-None-Match. Also sends the Content-Security-Policy header (in Azure the CDN or Front Door adds it).
/// Only GET and HEAD are answered (405 with Allow otherwise, as the storage static website does); a request storage
/// cannot serve is answered without an exception reaching the server (no stack trace in the log for a client's bad
/// request).
/// </summary>
public sealed class StaticSiteServer(BlobServiceClient blobs, IOptions<PipelineOptions> options, ILogger<StaticSiteServer> logger)
{
    private readonly BlobContainerClient _web = blobs.GetBlobContainerClient(StorageNames.WebContainer);

    public async Task HandleAsync(HttpContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            context.Response.Headers[HeaderNames.Allow] = "GET, HEAD";
            return;
        }
        try
        {
            await ServeAsync(context);
        }
        catch (RequestFailedException e) when (!context.Response.HasStarted)
        {
            // Storage refused or failed the read (a name it cannot hold, or an outage): one line, no stack trace.
            logger.LogWarning("Site request {Path} not served: storage answered {Status} {Code}", context.Request.Path.Value, e.Status, e.ErrorCode);
            context.Response.StatusCode = e.Status is >= 400 and < 500 ? StatusCodes.Status400BadRequest : StatusCodes.Status503ServiceUnavailable;
        }
        catch (Exception e) when (e is HttpRequestException or IOException && !context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted)
        {
            logger.LogWarning("Site request {Path} not served: storage unreachable ({Error})", context.Request.Path.Value, e.Message);
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away.
        }
    }

    private async Task ServeAsync(HttpContext context)
    {
        var ct = context.RequestAborted;
        var path = context.Request.Path.Value ?? "/";
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Any(s => s is "." or ".." || s.Contains('\\')))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        var blobName = string.Join('/', segments);
        var candidates = blobName.Length == 0 || path.EndsWith('/')
            ? [JoinIndex(blobName)]
            : new[] { blobName, JoinIndex(blobName) };

        foreach (var candidate in candidates)
        {
            if (await TryServeAsync(context, candidate, StatusCodes.Status200OK, ct)) return;
        }
        if (!await TryServeAsync(context, StorageProvisioner.NotFoundDocument, StatusCodes.Status404NotFound, ct))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync("404 Not Found", ct);
        }
    }

    private static string JoinIndex(string directory) =>
        directory.Length == 0 ? StorageProvisioner.IndexDocument : directory + "/" + StorageProvisioner.IndexDocument;

    private async Task<bool> TryServeAsync(HttpContext context, string blobName, int status, CancellationToken ct)
    {
        BlobDownloadStreamingResult download;
        try
        {
            download = (await _web.GetBlobClient(blobName).DownloadStreamingAsync(cancellationToken: ct)).Value;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
        await using (download.Content)
        {
            var properties = download.Details;
            var response = context.Response;
            response.Headers[HeaderNames.ContentSecurityPolicy] = options.Value.ContentSecurityPolicy;
            response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
            response.Headers["Referrer-Policy"] = "no-referrer";
            if (!string.IsNullOrEmpty(properties.CacheControl)) response.Headers[HeaderNames.CacheControl] = properties.CacheControl;
            if (!string.IsNullOrEmpty(properties.ContentDisposition)) response.Headers[HeaderNames.ContentDisposition] = properties.ContentDisposition;
            var etag = properties.ETag.ToString("H");
            response.Headers[HeaderNames.ETag] = etag;
            if (status == StatusCodes.Status200OK && context.Request.Headers.IfNoneMatch.Contains(etag))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                return true;
            }
            response.StatusCode = status;
            response.ContentType = string.IsNullOrEmpty(properties.ContentType) ? "application/octet-stream" : properties.ContentType;
            response.ContentLength = properties.ContentLength;
            if (!HttpMethods.IsHead(context.Request.Method))
                await download.Content.CopyToAsync(response.Body, ct);
        }
        return true;
    }
}
