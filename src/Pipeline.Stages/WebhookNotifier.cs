using System.Net.Http.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pipeline.Storage;

namespace Pipeline.Stages;

/// <summary>Result of one delivery round.</summary>
public sealed record WebhookDelivery(int Delivered, int Pending);

/// <summary>
/// Announces changed site URLs to each configured webhook: POST {"urls": [...], "publishedAt": ...} as JSON.
/// Notifications go to the outbox first and are delivered from it, so a webhook that is down never blocks or undoes
/// a publish run and nothing is lost: what failed is retried at the next run.
/// </summary>
public sealed class WebhookNotifier(HttpClient http, WebhookOutbox outbox, IOptions<PipelineOptions> options, TimeProvider time, ILogger<WebhookNotifier> logger)
{
    public async Task EnqueueAsync(IReadOnlyList<string> changedUrls, CancellationToken ct)
    {
        if (changedUrls.Count == 0) return;
        var now = time.GetUtcNow();
        foreach (var webhook in options.Value.Webhooks.Where(w => !string.IsNullOrWhiteSpace(w)))
            await outbox.AddAsync(webhook, changedUrls, now, ct).ConfigureAwait(false);
    }

    public async Task<WebhookDelivery> DeliverPendingAsync(CancellationToken ct)
    {
        var delivered = 0;
        var pending = 0;
        foreach (var notification in await outbox.ListAsync(ct).ConfigureAwait(false))
        {
            try
            {
                using var response = await http.PostAsJsonAsync(notification.Webhook,
                    new WebhookPayload(notification.Urls, notification.CreatedAt), WebhookJsonContext.Default.WebhookPayload, ct).ConfigureAwait(false);
                response.EnsureSuccessStatusCode();
                await outbox.DeleteAsync(notification, ct).ConfigureAwait(false);
                delivered++;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or Polly.ExecutionRejectedException && !ct.IsCancellationRequested)
            {
                pending++;
                logger.LogWarning("Webhook {Webhook} not reached ({Error}); kept for the next run", notification.Webhook, e.Message);
                await outbox.UpdateFailureAsync(notification, e.Message, ct).ConfigureAwait(false);
            }
        }
        return new WebhookDelivery(delivered, pending);
    }
}
