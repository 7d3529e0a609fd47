using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pipeline.Stages;

namespace Pipeline.Cli.Hosting;

/// <summary>The stages for one-shot commands (upload, status, publish...): same registration as the hosts.</summary>
public sealed class CliServices : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private CliServices(ServiceProvider provider) => _provider = provider;

    public static CliServices Create(IEnumerable<string> configurationOverrides, LogLevel logLevel = LogLevel.Warning)
    {
        var configuration = CliConfiguration.Build(configurationOverrides);
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        // Logs go to stderr so command output (status listings) stays parseable.
        services.AddLogging(b => b
            .AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; o.IncludeScopes = true; })
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace)
            .SetMinimumLevel(logLevel)
            .AddFilter("Azure", LogLevel.Error)
            .AddFilter("System.Net.Http", LogLevel.Warning));
        services.AddPipeline(configuration);
        return new CliServices(services.BuildServiceProvider());
    }

    public T Get<T>() where T : notnull => _provider.GetRequiredService<T>();

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
