using System.Diagnostics.Metrics;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Pipeline.Integration.Tests.Infrastructure;
using Pipeline.Stages;

namespace Pipeline.Integration.Tests;

/// <summary>
/// What both hosts export, observed while real uploads go through Azurite: the "Pipeline" meter, and the log scopes
/// that put each report's agency and index code on every line written while it is handled.
/// </summary>
public sealed class TelemetryTests : IAsyncLifetime
{
    private AzuriteInstance _azurite = null!;
    private PipelineTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteInstance.StartNewAsync();
        _host = await PipelineTestHost.StartAsync(_azurite, configureServices: services =>
            services.AddLogging(logging => logging.AddFakeLogging().SetMinimumLevel(LogLevel.Information)));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    private MetricCollector<T> Collect<T>(string instrument) where T : struct =>
        new(_host.Get<IMeterFactory>(), PipelineMetrics.MeterName, instrument);

    [Fact]
    public async Task Stages_count_received_rejected_by_reason_published_and_record_the_publish_lag()
    {
        using var received = Collect<long>(PipelineMetrics.UploadsReceived);
        using var rejected = Collect<long>(PipelineMetrics.UploadsRejected);
        using var published = Collect<long>(PipelineMetrics.ReportsPublished);
        using var lag = Collect<double>(PipelineMetrics.PublishLag);

        await _host.UploadSampleAsync("tongbai-wenguang", "000_3a992edef16595c6.txt"); // published
        await _host.UploadSampleAsync("hebi", "004_36d30baabf84237e.txt");             // rejected: bundled documents
        await _host.UploadAsync("nobody", "report.txt", "某县政府信息公开工作年度报告\n正文。\n"u8.ToArray());
        await _host.ProcessUploadsAsync();
        // The sample's release date has passed, so it is due from its receipt; the publish run comes 90 s later.
        _host.Time.Advance(TimeSpan.FromSeconds(90));
        var outcome = await _host.PublishAsync();

        Assert.Equal(1, outcome.Published);
        Assert.Equal(3, received.GetMeasurementSnapshot().EvaluateAsCounter());
        var reasons = rejected.GetMeasurementSnapshot()
            .GroupBy(m => (string)m.Tags[PipelineMetrics.ReasonTag]!)
            .ToDictionary(g => g.Key, g => g.Sum(m => m.Value));
        Assert.Equal(new Dictionary<string, long> { ["bundled-documents"] = 1, ["unknown-agency"] = 1 }, reasons);
        Assert.Equal(1, published.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Equal(90, Assert.Single(lag.GetMeasurementSnapshot()).Value, precision: 3);

        // A run with nothing due adds nothing; uploads seen again after processing are not counted twice.
        await _host.PublishAsync();
        await _host.ProcessUploadsAsync();
        Assert.Equal(1, published.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Equal(3, received.GetMeasurementSnapshot().EvaluateAsCounter());
    }

    [Fact]
    public async Task Every_stage_log_line_about_a_report_carries_its_agency_and_index_code()
    {
        await _host.UploadSampleAsync("tongbai-wenguang", "000_3a992edef16595c6.txt");
        await _host.UploadAsync("nobody", "report.txt", "某县政府信息公开工作年度报告\n正文。\n"u8.ToArray());
        await _host.ProcessAndPublishAsync();

        var lines = _host.Services.GetFakeLogCollector().GetSnapshot()
            .Where(r => r.Category is "Pipeline.Stages.ValidateStage" or "Pipeline.Stages.RenderStage" or "Pipeline.Stages.PublishStage")
            .Select(r => (r.Message, Scope: ScopeValues(r.Scopes)))
            .ToList();
        // The per-report lines (the publish run's summary is about the run, not a report).
        var accepted = lines.Where(l => !l.Message.Contains("nobody", StringComparison.Ordinal) && !l.Message.StartsWith("Publish run", StringComparison.Ordinal)).ToList();

        Assert.Contains(accepted, l => l.Message.Contains("accepted as", StringComparison.Ordinal));
        Assert.Contains(accepted, l => l.Message.StartsWith("Rendered", StringComparison.Ordinal));
        Assert.Contains(accepted, l => l.Message.StartsWith("Published", StringComparison.Ordinal));
        Assert.All(accepted, l =>
        {
            Assert.Equal("tongbai-wenguang", l.Scope.GetValueOrDefault("Agency"));
            Assert.False(string.IsNullOrEmpty(l.Scope.GetValueOrDefault("IndexCode")), l.Message);
        });
        var rejected = Assert.Single(lines, l => l.Message.Contains("rejected", StringComparison.Ordinal));
        Assert.Equal("nobody", rejected.Scope.GetValueOrDefault("Agency"));
        Assert.Equal("report.txt", rejected.Scope.GetValueOrDefault("FileName"));
    }

    private static Dictionary<string, string?> ScopeValues(IReadOnlyList<object?> scopes)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var pair in scopes.OfType<IEnumerable<KeyValuePair<string, object?>>>().SelectMany(s => s))
            if (pair.Key != "{OriginalFormat}") values[pair.Key] = pair.Value?.ToString();
        return values;
    }
}
