using System.Net;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Pipeline.Stages;

namespace Pipeline.Functions;

/// <summary>
/// Where an upload or a report is (function key required):
/// GET /api/status?agency=&lt;agency&gt;&amp;file=&lt;file name&gt; and GET /api/status/&lt;index code&gt;.
/// </summary>
public sealed class StatusFunction(ReportAdmin admin)
{
    public const string Name = "GetStatus";

    /// <remarks>
    /// One function for both forms: a catch-all route parameter is optional, so two functions would compete for
    /// "/api/status". Index codes contain '/' (e.g. 00638229X4/2019-1513549): clients send them URL-encoded
    /// (%2F), which the route leaves encoded, or as a literal path, which the catch-all also accepts.
    /// </remarks>
    [Function(Name)]
    public async Task<HttpResponseData> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "status/{*indexCode}")] HttpRequestData request,
        string? indexCode,
        CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(indexCode))
        {
            var code = Uri.UnescapeDataString(indexCode).Trim();
            var report = await admin.GetByIndexCodeAsync(code, cancellationToken).ConfigureAwait(false);
            return report is null
                ? await HttpJson.ProblemAsync(request, HttpStatusCode.NotFound, $"No report has index code '{code}'.", cancellationToken).ConfigureAwait(false)
                : await HttpJson.WriteAsync(request, HttpStatusCode.OK, report, cancellationToken).ConfigureAwait(false);
        }

        var agency = request.Query["agency"]?.Trim();
        var file = request.Query["file"]?.Trim();
        if (string.IsNullOrEmpty(agency) || string.IsNullOrEmpty(file))
            return await HttpJson.ProblemAsync(request, HttpStatusCode.BadRequest,
                "Ask for /api/status/<index code> (URL-encoded) or /api/status?agency=<agency>&file=<file name>.", cancellationToken).ConfigureAwait(false);

        var upload = await admin.GetByFileAsync(agency, file, cancellationToken).ConfigureAwait(false);
        return upload is null
            ? await HttpJson.ProblemAsync(request, HttpStatusCode.NotFound, $"No upload '{file}' is known for agency '{agency}'.", cancellationToken).ConfigureAwait(false)
            : await HttpJson.WriteAsync(request, HttpStatusCode.OK, upload, cancellationToken).ConfigureAwait(false);
    }
}
