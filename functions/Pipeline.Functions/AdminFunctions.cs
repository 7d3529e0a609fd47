using System.Net;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.Logging;
using Pipeline.Stages;

namespace Pipeline.Functions;

/// <summary>Operator actions over HTTP; each needs the host's admin (master) key, like the CLI's operator role.</summary>
public sealed partial class AdminFunctions(PublishStage publish, ReportAdmin admin, ILogger<AdminFunctions> logger)
{
    public const string PublishName = "PublishNow";
    public const string WithdrawName = "WithdrawReport";
    public const string ApproveName = "ApproveReport";

    /// <summary>
    /// POST /api/publish: publish what is due now instead of waiting for the timer. Safe if it overlaps a timer run:
    /// the stage takes the publish lease, and answers 409 with the reason when another run holds it.
    /// </summary>
    [Function(PublishName)]
    public async Task<HttpResponseData> PublishAsync(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "publish")] HttpRequestData request,
        CancellationToken cancellationToken)
    {
        var outcome = await publish.RunAsync(cancellationToken).ConfigureAwait(false);
        LogPublished(logger, outcome.Summary);
        var status = outcome.Skipped is null ? HttpStatusCode.OK : HttpStatusCode.Conflict;
        return await HttpJson.WriteAsync(request, status, outcome, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>POST /api/withdraw with {"indexCode": "...", "reason": "..."}: take a report off the site.</summary>
    [Function(WithdrawName)]
    public async Task<HttpResponseData> WithdrawAsync(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "withdraw")] HttpRequestData request,
        CancellationToken cancellationToken)
    {
        var body = await HttpJson.ReadAsync<WithdrawBody>(request, cancellationToken).ConfigureAwait(false);
        if (body is not { IndexCode: { Length: > 0 } indexCode, Reason: { Length: > 0 } reason } || string.IsNullOrWhiteSpace(reason))
            return await HttpJson.ProblemAsync(request, HttpStatusCode.BadRequest,
                "Send JSON {\"indexCode\": \"...\", \"reason\": \"...\"}; both are required.", cancellationToken).ConfigureAwait(false);

        using var scope = logger.BeginScope(new Dictionary<string, object> { ["IndexCode"] = indexCode.Trim() });
        var outcome = await admin.WithdrawAsync(indexCode.Trim(), reason.Trim(), cancellationToken).ConfigureAwait(false);
        return await HttpJson.WriteAsync(request, outcome.Found ? HttpStatusCode.OK : HttpStatusCode.NotFound, outcome, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// POST /api/approve with {"indexCode": "...", "decision": "PublishMasked" | "PublishAsIs"}: release a report held
    /// for privacy review (Pipeline__Privacy = HoldForReview).
    /// </summary>
    [Function(ApproveName)]
    public async Task<HttpResponseData> ApproveAsync(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "approve")] HttpRequestData request,
        CancellationToken cancellationToken)
    {
        var body = await HttpJson.ReadAsync<ApproveBody>(request, cancellationToken).ConfigureAwait(false);
        if (body is not { IndexCode: { Length: > 0 } indexCode, Decision: { } decision } || !Enum.IsDefined(decision))
            return await HttpJson.ProblemAsync(request, HttpStatusCode.BadRequest,
                $"Send JSON {{\"indexCode\": \"...\", \"decision\": \"{string.Join("\" | \"", Enum.GetNames<PrivacyDecision>())}\"}}.", cancellationToken).ConfigureAwait(false);

        using var scope = logger.BeginScope(new Dictionary<string, object> { ["IndexCode"] = indexCode.Trim() });
        var outcome = await admin.ApprovePrivacyAsync(indexCode.Trim(), decision, cancellationToken).ConfigureAwait(false);
        var status = !outcome.Found ? HttpStatusCode.NotFound : outcome.Approved ? HttpStatusCode.OK : HttpStatusCode.Conflict;
        return await HttpJson.WriteAsync(request, status, outcome, cancellationToken).ConfigureAwait(false);
    }

    public sealed record WithdrawBody(string? IndexCode, string? Reason);

    public sealed record ApproveBody(string? IndexCode, PrivacyDecision? Decision);

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Manual publish run finished: {Summary}")]
    private static partial void LogPublished(ILogger logger, string summary);
}
