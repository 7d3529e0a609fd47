using System.Collections.Concurrent;
using Microsoft.Azure.WebJobs.Extensions.Timers;

namespace Pipeline.Functions.Tests.WebJobs;

/// <summary>
/// Keeps timer schedule status in memory. The timer extension's own StorageScheduleMonitor (Microsoft.Azure.WebJobs.
/// Extensions 3.0.6, the newest the NuGet source serves) is built on the retired storage SDK that the 5.x storage
/// extensions replaced; the Functions host has its own monitor in AzureWebJobsStorage. UseMonitor still takes the
/// monitored code path (status read before and written after each run).
/// </summary>
internal sealed class InMemoryScheduleMonitor : ScheduleMonitor
{
    private readonly ConcurrentDictionary<string, ScheduleStatus> _status = new(StringComparer.Ordinal);

    public override Task<ScheduleStatus> GetStatusAsync(string timerName) =>
        Task.FromResult(_status.TryGetValue(timerName, out var status) ? status : null!);

    public override Task UpdateStatusAsync(string timerName, ScheduleStatus status)
    {
        _status[timerName] = status;
        return Task.CompletedTask;
    }
}
