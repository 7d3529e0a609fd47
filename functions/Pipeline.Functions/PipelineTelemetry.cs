using Azure.Core;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using Pipeline.Stages;

namespace Pipeline.Functions;

/// <summary>
/// OpenTelemetry for the worker: the Functions worker's own traces, the pipeline's meter, and structured logs with
/// their scopes (Agency, FileName, IndexCode), exported to Application Insights when it is configured.
/// </summary>
internal static class PipelineTelemetry
{
    public const string ConnectionStringKey = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>"ClientId=&lt;managed identity client id&gt;;Authorization=AAD" when the component refuses instrumentation keys.</summary>
    public const string AuthenticationStringKey = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    public static FunctionsApplicationBuilder AddPipelineTelemetry(this FunctionsApplicationBuilder builder)
    {
        // Scopes carry the report's identity onto every log line written while it is handled.
        builder.Services.Configure<OpenTelemetryLoggerOptions>(options =>
        {
            options.IncludeScopes = true;
            options.IncludeFormattedMessage = true;
        });

        var openTelemetry = builder.Services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            .WithMetrics(metrics => metrics.AddMeter(PipelineMetrics.MeterName));

        var connectionString = builder.Configuration[ConnectionStringKey];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            var credential = CredentialFor(builder.Configuration[AuthenticationStringKey]);
            openTelemetry.UseAzureMonitorExporter(options =>
            {
                options.ConnectionString = connectionString;
                if (credential is not null) options.Credential = credential;
            });
        }
        return builder;
    }

    /// <summary>
    /// The managed identity named by an Application Insights authentication string, or null when telemetry is
    /// sent with the connection string's instrumentation key alone.
    /// </summary>
    internal static TokenCredential? CredentialFor(string? authenticationString)
    {
        if (string.IsNullOrWhiteSpace(authenticationString)) return null;
        string? clientId = null;
        var entraId = false;
        foreach (var part in authenticationString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=');
            if (equals <= 0) continue;
            var key = part[..equals].Trim();
            var value = part[(equals + 1)..].Trim();
            if (key.Equals("Authorization", StringComparison.OrdinalIgnoreCase))
                entraId = value.Equals("AAD", StringComparison.OrdinalIgnoreCase);
            else if (key.Equals("ClientId", StringComparison.OrdinalIgnoreCase) && value.Length > 0)
                clientId = value;
        }
        if (!entraId) return null;
        return clientId is null
            ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
    }
}
