using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pipeline.Functions;
using Pipeline.Stages;

// The Functions host for Azure: every line of pipeline logic lives in Pipeline.Stages (shared with the local host);
// this app only maps triggers onto stage calls.
var builder = FunctionsApplication.CreateBuilder(args);

builder.Services.AddPipeline(builder.Configuration);
builder.Services.AddHostedService<PipelineStartupService>();
builder.AddPipelineTelemetry();

builder.Build().Run();
